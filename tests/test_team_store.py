"""The team store (PostgreSQL) keeps the Store contract, and keeps each person's rows their own.

The dialect-free contract tests of tests/test_store_sql.py run here again, unchanged, on a
`PgStore` (the `store` fixture below replaces theirs): sessions and turns, review state, the
audience rules, exports, forgetting, the bank, the timeline. Then what only a shared server needs:
two people on one database never see, change or forget each other's rows, even through SQL that
names no owner; a removed person can do nothing more; writers racing on one session lose nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest

from coach.errors import NotFound, Refused
from coach.store.migrations import APP_ROLE
from coach.store.pg import PgStore, Transaction, get_pool
from coach.store.protocol import StoreAPI
from coach.store.sql import Store
from coach.team.people import Directory
from coach.types import Evidence, ShareLevel, SummaryItem
from test_store_sql import (  # noqa: F401 - collected again here, with the Postgres `store` below
    test_forget_all_keeps_the_question_bank,
    test_items_the_mentee_has_not_confirmed_never_reach_a_mentor,
    test_markdown_escapes_mentee_text,
    test_mentor_export_has_exactly_the_shared_items_and_no_private_words,
    test_motivation_timeline_per_session,
    test_private_export_is_a_full_backup_without_what_was_rejected,
    test_review_state_edits_keep_original_and_quotes,
    test_session_ids_are_short_hex_and_times_are_utc,
    test_state_share_close_and_session_list,
    test_summary_items_are_filtered_by_audience_in_the_store,
    test_turns_in_order_with_analysis_and_guard_as_json,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def people(team_url: str) -> dict[str, str]:
    op = Directory(team_url)
    return {name: op.add("https://idp.test", name, name=name.title()).id for name in ("ana", "ben")}


@pytest.fixture
def store(team_url: str, people: dict[str, str]) -> Iterator[PgStore]:
    s = PgStore(team_url, people["ana"])
    yield s
    s.close()


def _item(session_id: str, text: str, turn_id: int, share: ShareLevel = ShareLevel.MENTOR) -> SummaryItem:
    return SummaryItem(session_id=session_id, kind="goal", text=text, quotes=[Evidence(text[:10], 0, 10, turn_id)],
                       share=share)


def test_both_stores_have_the_whole_store_api(store: PgStore, coach_home) -> None:
    sqlite = Store(coach_home / "bedrock.sqlite3")
    try:
        for s in (sqlite, store):
            assert isinstance(s, StoreAPI)
            missing = [name for name in dir(StoreAPI) if not name.startswith("_") and not hasattr(s, name)]
            assert missing == []
        assert sqlite.schema_version == store.schema_version == 2
    finally:
        sqlite.close()


def test_two_people_never_see_or_touch_each_others_rows(team_url: str, people: dict[str, str]) -> None:
    ana, ben = PgStore(team_url, people["ana"]), PgStore(team_url, people["ben"])
    s = ana.create_session(ShareLevel.MANAGER, "ana's")
    t = ana.add_turn(s.id, "mentee", "ANA-ONLY words")
    (item,) = ana.save_summary_items(s.id, [_item(s.id, "Ana's goal", t.id)])
    ana.review_item(item.id, "confirmed")
    ana.set_meta("k", "ana")
    ben.set_meta("k", "ben")  # the same key, each person's own row
    assert (ana.get_meta("k"), ben.get_meta("k")) == ("ana", "ben")
    assert ben.list_sessions() == [] and ben.count_mentee_turns() == 0
    assert ben.export(ShareLevel.PRIVATE)["sessions"] == [] and ben.session_shares([s.id]) == {}
    assert ben.turn_texts([t.id]) == {}
    for attempt in (lambda: ben.get_session(s.id), lambda: ben.turns(s.id), lambda: ben.get_turn(t.id),
                    lambda: ben.add_turn(s.id, "mentee", "injected into ana's session"),
                    lambda: ben.forget_session(s.id), lambda: ben.forget_turn(t.id), lambda: ben.edit_turn(t.id, "x"),
                    lambda: ben.review_item(item.id, "rejected"), lambda: ben.delete_item(item.id),
                    lambda: ben.set_share(s.id, ShareLevel.PRIVATE), lambda: ben.get_item(item.id)):
        with pytest.raises(NotFound):
            attempt()
    assert ben.forget_all() == 0
    # SQL that names no owner at all still reads only the person's own rows (row-level security).
    with Transaction(get_pool(team_url), people["ben"], APP_ROLE, "test")("read") as conn:
        assert conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM summary_items").fetchone()[0] == 0
        assert conn.execute("UPDATE sessions SET title = 'pwned'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a row owned by someone else
            conn.execute("INSERT INTO sessions (id, created_at, owner_id) VALUES ('x1', 'now', ?)", (people["ana"],))
    assert [x.text for x in ana.turns(s.id)] == ["ANA-ONLY words"] and ana.get_session(s.id).title == "ana's"
    assert ana.get_item(item.id).status == "confirmed"


def test_a_turn_cannot_be_attached_to_someone_elses_session(team_url: str, people: dict[str, str]) -> None:
    """A foreign key check would find any session; the policy checks it is the writer's own."""
    ana = PgStore(team_url, people["ana"])
    s = ana.create_session()
    tx = Transaction(get_pool(team_url), people["ben"], APP_ROLE, "test")
    with tx("write") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("INSERT INTO turns (session_id, idx, role, text, created_at) VALUES (?, 99, 'mentee', 'x', 'now')",
                     (s.id,))
    assert ana.turns(s.id) == []


def test_a_removed_person_can_do_nothing_more(team_url: str, people: dict[str, str]) -> None:
    ana = PgStore(team_url, people["ana"])
    s = ana.create_session()
    Directory(team_url).remove(people["ana"])
    for attempt in (ana.list_sessions, lambda: ana.add_turn(s.id, "mentee", "still here?"), lambda: ana.turns(s.id)):
        with pytest.raises(Refused, match="removed"):
            attempt()
    Directory(team_url).restore(people["ana"])
    assert [i.id for i in ana.list_sessions()] == [s.id] and ana.turns(s.id) == []


def test_writers_racing_on_one_session_lose_nothing(team_url: str, people: dict[str, str]) -> None:
    """Eight threads append to one session and eight to their own: every turn is there once, in order."""
    ana = PgStore(team_url, people["ana"])
    shared = ana.create_session()
    own = [ana.create_session() for _ in range(8)]
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            for n in range(10):
                ana.add_turn(shared.id, "mentee", f"w{i}-{n}")
                t = ana.add_turn(own[i].id, "mentee", f"o{i}-{n}")
                ana.record_reply(own[i].id, t.id, None, f"r{i}-{n}", move="reflect", guard=None, latency_ms=1.0,
                                 state={"n": n})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    turns = ana.turns(shared.id)
    assert [t.idx for t in turns] == list(range(80)) and len({t.text for t in turns}) == 80
    for i, s in enumerate(own):
        assert [t.text for t in ana.turns(s.id)] == [x for n in range(10) for x in (f"o{i}-{n}", f"r{i}-{n}")]
        assert ana.get_session(s.id).state == {"n": 9}


def test_forget_on_the_team_store_leaves_a_tombstone_and_redacts_playbacks(store: PgStore) -> None:
    a, b = store.create_session(), store.create_session()
    t = store.add_turn(a.id, "mentee", "I secretly want to run the whole data platform someday")
    store.add_turn(b.id, "coach", "Last month you said: I secretly want to run the whole data platform someday",
                   move="recall")
    store.forget_session(a.id)
    assert store.pending_forgets() == [f"session:{a.id}"]
    assert "data platform" not in store.turns(b.id)[0].text
    store.forget_done(f"session:{a.id}")
    assert store.pending_forgets() == []
    # a new turn never reuses a forgotten turn's id (the vector memory keys on turn ids)
    assert store.add_turn(b.id, "mentee", "next").id > t.id


@pytest.mark.chroma_server
def test_a_team_coach_keeps_each_persons_memory_in_their_own_collections(
    team_url: str, people: dict[str, str], chroma_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people chat on one server (Postgres + chroma): each one's statements are indexed in their
    own collections, searchable only by them, and forgetting a session empties both stores of it."""
    from coach import forget
    from coach.config import load_settings
    from coach.team.coach import coach_for

    monkeypatch.setenv("COACH_DATABASE_URL", team_url)
    monkeypatch.setenv("COACH_CHROMA_URL", chroma_server)
    settings = load_settings()
    ana, ben = coach_for(settings, people["ana"]), coach_for(settings, people["ben"])
    s, _ = ana.start(ShareLevel.PRIVATE)
    ana.respond(s.id, "I would love to lead the data platform team one day")
    ana.respond(s.id, "Mostly because I enjoy untangling hard infrastructure problems")
    b, _ = ben.start()
    ben.respond(b.id, "I want more time with my family")
    ana.memory.flush()
    ben.memory.flush()
    ana_vm, ben_vm = ana.memory.wait(30), ben.memory.wait(30)
    assert ana_vm.collection != ben_vm.collection
    hits = ana_vm.search("leading the data platform", 5)
    assert hits and all(h.session_id == s.id for h in hits) and ana_vm.count() == 2
    assert [h.session_id for h in ben_vm.search("leading the data platform", 5)] == [b.id]
    done = forget.forget_session(ana.store, ana.memory, s.id)
    assert done.complete and ana.store.pending_forgets() == []
    assert ana_vm.count() == 0 and ana_vm.search("data platform", 5) == [] and ben_vm.count() == 1
    ana_vm.reset()
    ben_vm.reset()
