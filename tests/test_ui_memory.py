"""The app's "What Bedrock remembers" page (AppTest, offline coach): list, reword, forget for good."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coach.config import load_settings  # noqa: E402
from coach.store.sql import Store  # noqa: E402
from test_ui_apptest import a_reflection, all_text, app, end_session, goto, ok  # noqa: E402

CANARY = "quokkaverse"
MESSAGES = [
    f"I'd like to run the platform team one day, the {CANARY} tooling group.",
    "They decide the tools everyone else has to live with.",
]


def _files_with(home: Path, word: str) -> list[str]:
    needle = word.encode()
    return [str(p) for p in home.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_the_page_lists_what_is_kept_with_where_and_who(coach_home: Path) -> None:
    at = end_session(a_reflection(app(), MESSAGES))
    goto(at, "What Bedrock remembers")
    ok(at)
    text = all_text(at)
    assert CANARY in text and "You said this in the session of" in text and "Seen by: you." in text
    at.segmented_control(key="memory.kind").set_value("item").run()
    ok(at)
    assert "proposed by the coach, not reviewed yet" in all_text(at)


def test_forgetting_a_statement_removes_it_from_every_file(coach_home: Path) -> None:
    at = end_session(a_reflection(app(), MESSAGES))
    with Store(load_settings().db_path) as store:
        turn = next(t for t in store.mentee_turns(store.list_sessions()[0].id) if CANARY in t.text)
    goto(at, "What Bedrock remembers")
    key = f"statement:{turn.id}"
    at.button(key=f"memory.forget.{key}").click().run()
    ok(at)
    at.button(key=f"memory.yes.{key}").click().run()
    ok(at)
    assert "Forgotten" in all_text(at) and CANARY not in all_text(at)
    with Store(load_settings().db_path) as store:
        assert store.pending_forgets() == []  # the search index's half is done too
        sid = store.list_sessions()[0].id
        assert [t.text for t in store.mentee_turns(sid)] == [MESSAGES[1]]
    assert _files_with(coach_home, CANARY) == []


def test_rewording_a_summary_item_replaces_the_old_words(coach_home: Path) -> None:
    at = end_session(a_reflection(app(), MESSAGES))
    with Store(load_settings().db_path) as store:
        item = store.summary_items(store.list_sessions()[0].id)[0]
    goto(at, "What Bedrock remembers")
    at.segmented_control(key="memory.kind").set_value("item").run()
    key = f"item:{item.id}"
    at.button(key=f"memory.edit.{key}").click().run()
    at.text_area(key=f"memory.text.{key}").set_value("Building the tools people rely on").run()
    at.button(key=f"memory.save.{key}").click().run()
    ok(at)
    with Store(load_settings().db_path) as store:
        now = store.get_item(item.id)
    assert now.text == "Building the tools people rely on" and now.status == "edited"
    assert now.original_text == "" and item.text not in all_text(at)
