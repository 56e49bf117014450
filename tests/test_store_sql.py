"""The SQLite store: durability, migrations, clear errors, review state and sharing rules."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.errors import NotFound, ShareFileError, StoreError
from coach.store.share import load_share_file, render_markdown, write_share_files
from coach.store.sql import SCHEMA_VERSION, Store
from coach.types import Analysis, Evidence, Kind, Motivation, MotivationHit, ShareLevel, SummaryItem


def _item(session_id: str, kind: str, text: str, turn_id: int, quote: str, share: ShareLevel) -> SummaryItem:
    return SummaryItem(
        session_id=session_id, kind=kind, text=text, quotes=[Evidence(quote, 0, len(quote), turn_id)], share=share
    )


# ---------------------------------------------------------------- sessions and turns


def test_session_ids_are_short_hex_and_times_are_utc(store: Store) -> None:
    s = store.create_session(ShareLevel.MENTOR, title="first talk")
    assert re.fullmatch(r"[0-9a-f]{12}", s.id)
    assert datetime.fromisoformat(s.created_at).utcoffset() == UTC.utcoffset(None)
    got = store.get_session(s.id)
    assert (got.share, got.title, got.closed, got.state) == (ShareLevel.MENTOR, "first talk", False, {})


def test_pragmas_wal_version_and_busy_timeout(store: Store, db: Path) -> None:
    assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_turns_in_order_with_analysis_and_guard_as_json(store: Store) -> None:
    s = store.create_session()
    analysis = Analysis(
        text="I love hard problems",
        kinds=[Kind.BEDROCK],
        motivations=[MotivationHit(Motivation.GROWTH, 0.8, Evidence("hard problems", 7, 20))],
    )
    t1 = store.add_turn(s.id, "mentee", "I love hard problems", analysis=analysis)
    t2 = store.add_turn(s.id, "coach", "Hard problems keep you going.", move="reflect", guard={"action": "shown"},
                        latency_ms=12.5)
    assert (t1.idx, t2.idx) == (0, 1)
    turns = store.turns(s.id)
    assert [t.text for t in turns] == ["I love hard problems", "Hard problems keep you going."]
    assert Analysis.from_dict(turns[0].analysis).motivations[0].motivation is Motivation.GROWTH
    assert turns[1].guard == {"action": "shown"} and turns[1].move == "reflect" and turns[1].latency_ms == 12.5
    store.update_turn(t1.id, move="deepen", latency_ms=3.0)
    assert store.get_turn(t1.id).move == "deepen"
    assert store.get_turn(t1.id).analysis["text"] == "I love hard problems"  # untouched
    assert [t.idx for t in store.recent_turns(s.id, 1)] == [1]
    with pytest.raises(NotFound):
        store.get_turn(999)
    with pytest.raises(NotFound):
        store.update_turn(999, move="x")
    with pytest.raises(NotFound):
        store.add_turn("nope", "mentee", "hi")
    with pytest.raises(ValueError):
        store.add_turn(s.id, "system", "hi")


def test_every_write_is_visible_to_another_connection_at_once(store: Store, db: Path) -> None:
    s = store.create_session()
    store.add_turn(s.id, "mentee", "nothing typed is lost")
    other = Store(db)
    try:
        assert [t.text for t in other.turns(s.id)] == ["nothing typed is lost"]
    finally:
        other.close()


def test_state_share_close_and_session_list(store: Store) -> None:
    a = store.create_session(title="a")
    b = store.create_session()
    store.add_turn(a.id, "mentee", "one")
    store.add_turn(a.id, "coach", "two")
    store.save_state(a.id, {"turns": 2, "asked": ["q1"]})
    store.set_share(a.id, ShareLevel.MANAGER)
    store.close_session(a.id)
    got = store.get_session(a.id)
    assert (got.state, got.share, got.closed) == ({"turns": 2, "asked": ["q1"]}, ShareLevel.MANAGER, True)
    infos = {i.id: i for i in store.list_sessions()}
    assert infos[a.id].n_turns == 2 and infos[a.id].last_at is not None
    assert infos[b.id].n_turns == 0 and infos[b.id].last_at is None
    for call in (store.save_state, store.set_share, store.close_session):
        with pytest.raises(NotFound):
            call("missing", *([{}] if call == store.save_state else [ShareLevel.MENTOR] if call == store.set_share else []))


# ---------------------------------------------------------------- migrations and clear errors


def test_old_file_is_migrated_and_newer_file_is_refused(db: Path) -> None:
    conn = sqlite3.connect(db)  # a file from before the first migration: user_version 0
    conn.execute("CREATE TABLE legacy (x)")  # (a 0-byte file is damage, not an old version: refused)
    conn.commit()
    conn.close()
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        s.create_session()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match=re.escape(str(db))) as err:
        Store(db)
    assert "newer Bedrock" in str(err.value)


def test_corrupt_file_names_the_file_and_what_to_do(db: Path) -> None:
    db.write_bytes(os.urandom(8192))
    with pytest.raises(StoreError) as err:
        Store(db)
    msg = str(err.value)
    assert str(db) in msg and "corrupt" in msg and "Move the file aside" in msg


def test_truncated_real_database_is_reported_as_corrupt(db: Path) -> None:
    with Store(db) as s:
        sid = s.create_session().id
        for i in range(200):
            s.add_turn(sid, "mentee", f"statement number {i} " * 20)
        s.scrub()
    data = bytearray(db.read_bytes())
    data[4096:8192] = os.urandom(4096)  # wreck a b-tree page
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="corrupt"):
        with Store(db) as s:
            s.turns(sid)


def test_locked_database_names_the_file(store: Store, db: Path) -> None:
    s = store.create_session()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        quick = Store(db, timeout=0.2)
        with pytest.raises(StoreError) as err:
            quick.add_turn(s.id, "mentee", "hello")
        assert str(db) in str(err.value) and "locked" in str(err.value)
        quick.close()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    store.add_turn(s.id, "mentee", "works again")  # no transaction left dangling


def test_exclusive_locking_mode_blocks_even_opening(db: Path) -> None:
    Store(db).close()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("PRAGMA locking_mode = EXCLUSIVE")
    blocker.execute("BEGIN EXCLUSIVE")
    blocker.execute("COMMIT")  # in exclusive locking mode the lock is kept after commit
    try:
        with pytest.raises(StoreError, match="locked"):
            Store(db, timeout=0.2).list_sessions()
    finally:
        blocker.close()


def test_unwritable_locations_raise_store_error(coach_home: Path) -> None:
    folder = coach_home / "is-a-folder.sqlite3"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store(folder)
    blocker = coach_home / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match=re.escape(str(blocker / "db.sqlite3"))):
        Store(blocker / "db.sqlite3")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_raises_store_error(db: Path) -> None:
    with Store(db) as s:
        s.create_session()
    for p in db.parent.iterdir():
        p.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="writable"):
            Store(db).create_session()
    finally:
        db.parent.chmod(0o755)


def test_read_only_database_raises_store_error(db: Path) -> None:
    """Works as root too: SQLite's own read-only mode stands in for a read-only file."""
    with Store(db) as s:
        sid = s.create_session().id
    s = Store(db)
    s._conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError) as err:
        s.add_turn(sid, "mentee", "hello")
    assert str(db) in str(err.value)
    s.close()


def test_two_processes_writing_the_same_home_lose_nothing(store: Store, db: Path) -> None:
    s = store.create_session()
    code = textwrap.dedent(
        f"""
        import sys
        from coach.store.sql import Store
        st = Store({str(db)!r})
        for i in range(150):
            st.add_turn({s.id!r}, "mentee", f"child {{i}}")
        """
    )
    child = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).parent.parent)
    other = Store(db)  # a second instance in this process too
    for i in range(150):
        (store if i % 2 else other).add_turn(s.id, "coach", f"parent {i}")
    assert child.wait(timeout=60) == 0
    other.close()
    turns = store.turns(s.id)
    assert len(turns) == 300
    assert [t.idx for t in turns] == list(range(300))
    assert {t.text for t in turns} >= {f"child {i}" for i in range(150)} | {f"parent {i}" for i in range(150)}


# ---------------------------------------------------------------- summary items and sharing


def test_review_state_edits_keep_original_and_quotes(store: Store) -> None:
    s = store.create_session()
    t = store.add_turn(s.id, "mentee", "I love making things easier for people")
    items = store.save_summary_items(s.id, [
        _item(s.id, "bedrock", "Making things easier for people", t.id, "making things easier", ShareLevel.PRIVATE),
        _item(s.id, "goal", "Lead the platform team", t.id, "platform team", ShareLevel.PRIVATE),
        _item(s.id, "passion", "Tools", t.id, "tools", ShareLevel.PRIVATE),
    ])
    assert [i.status for i in items] == ["proposed"] * 3 and all(i.id for i in items)
    edited = store.review_item(items[0].id, "edited", "Helping people work with less friction")
    assert edited.status == "edited"
    assert edited.original_text == "Making things easier for people"
    assert edited.quotes == [Evidence("making things easier", 0, 20, t.id)]
    store.review_item(items[1].id, "rejected")
    # Rebuilding the summary replaces proposals but never undoes a review.
    again = store.save_summary_items(s.id, [
        _item(s.id, "bedrock", "Making things easier for people", t.id, "making things easier", ShareLevel.PRIVATE),
        _item(s.id, "goal", "Lead the platform team", t.id, "platform team", ShareLevel.PRIVATE),
        _item(s.id, "experiment", "Pair with the tools team", t.id, "tools", ShareLevel.PRIVATE),
    ])
    assert sorted((i.kind, i.status) for i in again) == [
        ("bedrock", "edited"), ("experiment", "proposed"), ("goal", "rejected")
    ]
    with pytest.raises(ValueError):
        store.review_item(items[2].id, "edited")
    with pytest.raises(ValueError):
        store.review_item(items[2].id, "maybe")
    with pytest.raises(NotFound):
        store.review_item(12345, "confirmed")


def _shared_fixture(store: Store) -> dict[str, object]:
    """A private session and a mentor session, with items at every level."""
    priv = store.create_session(ShareLevel.PRIVATE, "private talk")
    shared = store.create_session(ShareLevel.MANAGER, "shared talk")
    tp = store.add_turn(priv.id, "mentee", "SECRET-PRIVATE I might leave for a startup")
    ts = store.add_turn(shared.id, "mentee", "I want a say in the direction of the product")
    (secret,) = store.save_summary_items(priv.id, [
        _item(priv.id, "goal", "Start a company", tp.id, "SECRET-PRIVATE", ShareLevel.MENTOR),
    ])
    store.review_item(secret.id, "confirmed")
    items = store.save_summary_items(shared.id, [
        _item(shared.id, "motivation", "Influence", ts.id, "a say in the direction", ShareLevel.MENTOR),
        _item(shared.id, "goal", "Product lead", ts.id, "the product", ShareLevel.MANAGER),
        _item(shared.id, "passion", "Keep-to-myself", ts.id, "I want", ShareLevel.PRIVATE),
        _item(shared.id, "experiment", "Rejected-one", ts.id, "direction", ShareLevel.MANAGER),
        # shared at manager level but never reviewed: the coach's guess, not the mentee's word
        _item(shared.id, "open_question", "Unreviewed-guess", ts.id, "product", ShareLevel.MANAGER),
    ])
    store.review_item(items[3].id, "rejected")
    store.review_item(items[0].id, "edited", "Having influence on the product")
    store.review_item(items[1].id, "confirmed")
    store.review_item(items[2].id, "confirmed")
    return {"priv": priv, "shared": shared}


def test_summary_items_are_filtered_by_audience_in_the_store(store: Store) -> None:
    f = _shared_fixture(store)
    shared, priv = f["shared"], f["priv"]
    assert len(store.summary_items(shared.id)) == 5  # the mentee sees everything
    mentor = store.summary_items(shared.id, audience=ShareLevel.MENTOR)
    assert [i.text for i in mentor] == ["Having influence on the product", "Product lead"]
    assert all(i.original_text == "" for i in mentor)  # the coach's first wording is not shared
    assert [i.text for i in store.summary_items(shared.id, audience=ShareLevel.MANAGER)] == ["Product lead"]
    # The private session is the ceiling: its mentor-level item never reaches a mentor.
    assert store.summary_items(priv.id, audience=ShareLevel.MENTOR) == []
    assert len(store.summary_items(priv.id)) == 1


def test_mentor_export_has_exactly_the_shared_items_and_no_private_words(store: Store, tmp_path: Path) -> None:
    f = _shared_fixture(store)
    doc = store.export(ShareLevel.MENTOR)
    assert (doc["format"], doc["version"], doc["audience"]) == ("bedrock-share", 1, "mentor")
    assert [i["text"] for i in doc["items"]] == ["Having influence on the product", "Product lead"]
    assert doc["items"][0]["quotes"][0]["text"] == "a say in the direction"
    assert [s["id"] for s in doc["sessions"]] == [f["shared"].id]
    dumped = json.dumps(doc)
    for secret in ("SECRET-PRIVATE", "Keep-to-myself", "Rejected-one", "Unreviewed-guess", "Start a company", "turns",
                   f["priv"].id, "I want a say in the direction of the product"):
        assert secret not in dumped
    paths = write_share_files(doc, tmp_path / "out", fmt="both")
    assert [p.suffix for p in paths] == [".json", ".md"]
    assert load_share_file(paths[0]) == doc
    md = paths[1].read_text(encoding="utf-8")
    assert "Having influence on the product" in md and "SECRET" not in md


def test_items_the_mentee_has_not_confirmed_never_reach_a_mentor(store: Store) -> None:
    """The app promises "your mentor may see the summary items you confirm and share"."""
    s = store.create_session(ShareLevel.MENTOR)
    t = store.add_turn(s.id, "mentee", "I want to lead the platform team")
    items = store.save_summary_items(s.id, [
        _item(s.id, "goal", "Lead the platform team", t.id, "lead the platform team", ShareLevel.MENTOR),
        _item(s.id, "motivation", "Influence", t.id, "lead", ShareLevel.MENTOR),
    ])
    assert [i.status for i in items] == ["proposed", "proposed"]
    assert store.summary_items(s.id, audience=ShareLevel.MENTOR) == []
    assert store.export(ShareLevel.MENTOR)["items"] == []
    store.review_item(items[1].id, "confirmed")
    assert [i["text"] for i in store.export(ShareLevel.MENTOR)["items"]] == ["Influence"]
    store.review_item(items[0].id, "edited", "Lead a team that builds tools")
    assert [i["text"] for i in store.export(ShareLevel.MENTOR)["items"]] == ["Lead a team that builds tools", "Influence"]


def test_private_export_is_a_full_backup_without_what_was_rejected(store: Store) -> None:
    _shared_fixture(store)
    doc = store.export()
    assert len(doc["items"]) == 5
    assert "Rejected-one" not in json.dumps(doc)  # "not right" leaves every export
    texts = [t["text"] for s in doc["sessions"] for t in s["turns"]]
    assert "SECRET-PRIVATE I might leave for a startup" in texts
    with pytest.raises(NotFound):
        store.export(session_ids=["unknown"])


def test_markdown_escapes_mentee_text(store: Store) -> None:
    s = store.create_session(ShareLevel.MENTOR)
    t = store.add_turn(s.id, "mentee", "<script>alert(1)</script>")
    (item,) = store.save_summary_items(s.id, [_item(s.id, "goal", "<b>x</b> *y*", t.id, "<script>", ShareLevel.MENTOR)])
    store.review_item(item.id, "confirmed")
    md = render_markdown(store.export(ShareLevel.MENTOR))
    assert "<script>" not in md and "<b>" not in md and "&lt;script&gt;" in md


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json {", "not JSON"),
        ("[1, 2]", "missing the header"),
        ('{"format": "other", "version": 1}', "missing the header"),
        ('{"format": "bedrock-share", "version": 2, "audience": "mentor", "sessions": [], "items": []}', "version 2"),
        ('{"format": "bedrock-share", "version": 1, "audience": "boss", "sessions": [], "items": []}', "audience"),
        ('{"format": "bedrock-share", "version": 1, "audience": "mentor", "sessions": [], "items": [{"kind": "goal"}]}',
         "no 'text'"),
        ('{"format": "bedrock-share", "version": 1, "audience": "mentor", "sessions": [], '
         '"items": [{"kind": "goal", "text": "x", "quotes": ["q"]}]}', "quotes"),
    ],
)
def test_malformed_share_files_raise_share_file_error(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "share.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ShareFileError, match=message):
        load_share_file(p)


def test_missing_share_file(tmp_path: Path) -> None:
    with pytest.raises(ShareFileError, match="does not exist"):
        load_share_file(tmp_path / "nope.json")


# ---------------------------------------------------------------- forgetting, bank, timeline


def test_forget_session_erases_the_words_from_disk(store: Store, db: Path) -> None:
    keep = store.create_session()
    gone = store.create_session()
    store.add_turn(keep.id, "mentee", "keep this one")
    t = store.add_turn(gone.id, "mentee", "ZEBRA-UNIQUE-WORDS to forget")
    store.save_summary_items(gone.id, [_item(gone.id, "goal", "ZEBRA goal", t.id, "ZEBRA", ShareLevel.PRIVATE)])
    store.forget_session(gone.id)
    with pytest.raises(NotFound):
        store.get_session(gone.id)
    with pytest.raises(NotFound):
        store.forget_session(gone.id)
    assert [s.id for s in store.list_sessions()] == [keep.id]
    on_disk = b"".join(p.read_bytes() for p in db.parent.glob("bedrock.sqlite3*"))
    assert b"ZEBRA" not in on_disk and b"keep this one" in on_disk
    # A new turn never reuses the forgotten turn's id (the vector memory keys on it).
    assert store.add_turn(keep.id, "mentee", "next").id > t.id


def test_forget_all_keeps_the_question_bank(store: Store) -> None:
    for _ in range(3):
        store.add_turn(store.create_session().id, "mentee", "hi")
    qid = store.add_bank_question("What would that give you?", "deepen", "growth")
    assert store.add_bank_question("what would that give you? ", "deepen") == qid  # no duplicates
    assert store.forget_all() == 3
    assert store.list_sessions() == [] and store.count_mentee_turns() == 0
    assert [q["text"] for q in store.bank_questions()] == ["What would that give you?"]
    with pytest.raises(ValueError):
        store.add_bank_question("  ", "deepen")


def test_motivation_timeline_per_session(store: Store) -> None:
    def analysis(*pairs: tuple[str, float]) -> dict[str, object]:
        return {"text": "", "motivations": [
            {"motivation": m, "confidence": c, "evidence": {"text": "x"}} for m, c in pairs
        ]}

    a = store.create_session(title="first")
    store.add_turn(a.id, "mentee", "x", analysis=analysis(("growth", 0.8), ("autonomy", 0.4)))
    store.add_turn(a.id, "coach", "y", analysis=analysis(("authority", 0.9)))  # coach turns don't count
    store.add_turn(a.id, "mentee", "z", analysis=analysis(("growth", 0.6)))
    b = store.create_session(ShareLevel.MENTOR)
    store.add_turn(b.id, "mentee", "w")  # no analysis at all
    rows = store.motivation_timeline()
    assert [r["session_id"] for r in rows] == [a.id, b.id]
    assert rows[0]["motivations"] == {
        "growth": {"count": 2, "score": 1.4, "max_confidence": 0.8},
        "autonomy": {"count": 1, "score": 0.4, "max_confidence": 0.4},
    }
    assert rows[0]["mentee_turns"] == 2 and rows[1]["motivations"] == {}
    assert [r["session_id"] for r in store.motivation_timeline(audience=ShareLevel.MENTOR)] == [b.id]
