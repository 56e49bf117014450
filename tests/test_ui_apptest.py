"""The Streamlit app, page by page, with Streamlit's AppTest and the offline coach (no browser).

Every test gets its own COACH_HOME (tests/conftest.py). Pages are reached with `at.switch_page`
(st.navigation's links are not in the AppTest tree) and checked by their title.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `ui` is not an installed package: the app lives in the repository
    sys.path.insert(0, str(ROOT))

from ui import state as S  # noqa: E402
from ui.render import md_escape  # noqa: E402

APP = ROOT / "ui" / "app.py"
PAGES = {
    "Reflect": "views/reflect.py",
    "Review": "views/review.py",
    "Prepare": "views/prepare.py",
    "History": "views/history.py",
    "What Bedrock remembers": "views/memory.py",
    "Settings": "views/settings.py",
    "Advanced": "views/advanced.py",
}


# -- helpers ----------------------------------------------------------------------------------------


def plain(markdown: str) -> str:
    """What a reader sees for text the app escaped with md_escape."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("  \n", "\n")


def app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=30).run()


def goto(at: AppTest, title: str) -> AppTest:
    at.switch_page(PAGES[title]).run()
    assert [t.value for t in at.title] == [title]
    return at


def ok(at: AppTest) -> None:
    """No exception element and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def start(at: AppTest, share: str = "private") -> AppTest:
    at.radio(key=S.SHARE_CHOICE).set_value(share)
    return at.button(key="reflect.start").click().run()


def say(at: AppTest, text: str) -> AppTest:
    return at.chat_input(key=S.CHAT_INPUT).set_value(text).run()


def bubbles(at: AppTest) -> list[tuple[str, str]]:
    return [(c.name, plain(c.markdown[0].value)) for c in at.chat_message]


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader]
    parts += [h.value for h in at.header]
    parts += [e.value for e in at.info] + [e.value for e in at.success] + [e.value for e in at.warning]
    return plain("\n".join(parts))


def end_session(at: AppTest) -> AppTest:
    at.button(key="reflect.end").click().run()
    assert [t.value for t in at.title] == ["Review"]
    return at


def a_reflection(at: AppTest, messages: list[str]) -> AppTest:
    start(at)
    for text in messages:
        say(at, text)
    return at


TWO = ["I'd like to run the platform team one day.", "Having a say in the tools everyone else has to live with. That's always mattered to me."]


# -- every page -------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", list(PAGES))
def test_every_page_opens_on_an_empty_data_folder(title: str) -> None:
    at = app()
    goto(at, title)
    ok(at)


def test_every_page_opens_after_a_session() -> None:
    at = a_reflection(app(), TWO)
    end_session(at)
    for title in PAGES:
        goto(at, title)
        ok(at)


# -- Reflect ----------------------------------------------------------------------------------------


def test_typing_on_the_first_screen_starts_the_session_with_the_chosen_sharing() -> None:
    at = app()
    at.radio(key=S.SHARE_CHOICE).set_value("mentor")
    say(at, TWO[0])
    ok(at)
    shown = bubbles(at)
    assert [r for r, _ in shown] == ["assistant", "user", "assistant"]  # ground rules, the message, a reply
    assert "not to give advice" in shown[0][1] and shown[1][1] == TWO[0]
    from coach.config import load_settings
    from coach.store.sql import Store

    with Store(load_settings().db_path) as store:
        (info,) = store.list_sessions()
        assert info.share == "mentor" and [t.text for t in store.mentee_turns(info.id)] == [TWO[0]]


def test_a_short_reflection_ground_rules_then_two_messages_and_two_replies() -> None:
    at = app()
    # Before the first message: how it works, and who may see what.
    assert "How this works" in all_text(at)
    assert "won't give advice" in all_text(at)
    assert list(at.radio(key=S.SHARE_CHOICE).options) == [
        ":material/lock: Only me",
        ":material/group: My mentor",
        ":material/groups: My manager (and mentor)",
    ]
    # The message box is there at once, under the sharing choice (the coach loads behind it).
    assert [c.key for c in at.chat_input] == [S.CHAT_INPUT]
    start(at)
    ok(at)
    (role, opening), = bubbles(at)
    assert role == "assistant"
    assert "not to give advice" in opening and "private" in opening  # the coach's ground rules

    for text in TWO:
        say(at, text)
        ok(at)
    shown = bubbles(at)
    assert [r for r, _ in shown] == ["assistant", "user", "assistant", "user", "assistant"]
    assert [t for r, t in shown if r == "user"] == TWO
    replies = [t for r, t in shown[1:] if r == "assistant"]
    assert len(replies) == 2 and all(len(r) > 10 for r in replies)
    assert replies[0] != replies[1]
    # The privacy indicator is on screen while the mentee talks.
    assert any("Private — only you see this" in m.value for m in at.markdown)
    # The side panel shows what the coach heard, with the mentee's words behind it.
    assert [h.value for h in at.sidebar.header] == ["What I've heard"]
    side = plain("\n".join(m.value for m in at.sidebar.markdown))
    assert "Having a say in the tools everyone else has to live with." in side


def test_what_the_mentee_types_is_shown_as_text_never_as_markup() -> None:
    typed = "<b>bold</b> <script>alert(1)</script> **stars** [link](http://example.com) :red[red] $x^2$"
    at = a_reflection(app(), [typed])
    ok(at)
    mentee = next(c for c in at.chat_message if c.name == "user")
    assert mentee.markdown[0].value == md_escape(typed)
    assert plain(mentee.markdown[0].value) == typed
    assert not any(m.allow_html for m in at.markdown)  # nothing on the page may render HTML


def test_md_escape_leaves_nothing_for_markdown_to_interpret() -> None:
    for typed in ["# heading", "1. list", "- item", "> quote", "`code`", "    indented", "a\nb", "&lt;b&gt;"]:
        escaped = md_escape(typed)
        assert not re.search(r"(?<!\\)[#*_`\[\]<>&:$]", escaped), escaped
    assert md_escape("line one\nline two") == "line one  \nline two"


def _store():
    from coach.config import load_settings
    from coach.store.sql import Store

    return Store(load_settings().db_path)


def test_confirming_a_bedrock_candidate_in_the_side_panel() -> None:
    at = a_reflection(app(), [*TWO, "I think I just like making things easier for people."])
    ok(at)
    session_id = at.session_state[S.SESSION_ID]
    confirm = [b for b in at.sidebar.button if b.key and b.key.endswith(".confirm")]
    assert confirm, "a bedrock candidate with a one-click confirm"
    item_id = int(confirm[0].key.split(".")[2])
    confirm[0].click().run()
    ok(at)
    with _store() as store:
        state = store.get_session(session_id).state
        item = store.get_item(item_id)
    # One decision, two readers: the coach stops holding it up, and the summary item is confirmed
    # (its title follows: Review, exports and the mentor all read "Bedrock you confirmed").
    assert [c["text"] for c in state["bedrock_confirmed"]] == ["I think I just like making things easier for people."]
    assert item.status == "confirmed" and item.text.startswith("Bedrock you confirmed")
    assert not [b for b in at.sidebar.button if b.key and b.key.endswith(".confirm")]
    side = plain("\n".join(m.value for m in at.sidebar.markdown))
    assert "Bedrock you confirmed" in side


def test_the_side_panel_shows_the_summary_items_and_the_mentee_removes_or_corrects_them() -> None:
    at = a_reflection(app(), TWO)
    session_id = at.session_state[S.SESSION_ID]
    with _store() as store:
        items = store.summary_items(session_id)  # the panel saved the live summary: the same items
    goal = next(i for i in items if i.kind == "goal")
    motivation = next(i for i in items if i.kind == "motivation")
    side = plain("\n".join(m.value for m in at.sidebar.markdown))
    assert goal.text in side and motivation.text in side
    at.button(key=f"reflect.side.{motivation.id}.reject").click().run()
    ok(at)
    at.button(key=f"reflect.side.{goal.id}.edit").click().run()
    at.text_input(key=f"reflect.side.{goal.id}.text").set_value("Lead the platform team, some day")
    at.button(key=f"reflect.side.{goal.id}.save").click().run()
    ok(at)
    with _store() as store:
        assert store.get_item(motivation.id).status == "rejected"
        assert (store.get_item(goal.id).status, store.get_item(goal.id).text) == ("edited", "Lead the platform team, some day")
    side = plain("\n".join(m.value for m in at.sidebar.markdown))
    assert motivation.text not in side and "Lead the platform team, some day" in side
    # The next message rebuilds the summary: the removal and the correction stay.
    say(at, "I like making things easier for people.")
    with _store() as store:
        now = {i.id: i for i in store.summary_items(session_id)}
    assert now[motivation.id].status == "rejected" and now[goal.id].text == "Lead the platform team, some day"
    assert sum(1 for i in now.values() if i.kind == "goal") == 1


def test_a_reload_comes_back_to_the_session_in_the_address() -> None:
    at = a_reflection(app(), TWO[:1])
    session_id = at.session_state[S.SESSION_ID]
    assert at.query_params["s"] == session_id
    reloaded = AppTest.from_file(str(APP), default_timeout=30)
    reloaded.query_params["s"] = session_id
    reloaded.run()
    ok(reloaded)
    assert reloaded.session_state[S.SESSION_ID] == session_id
    assert [t for r, t in bubbles(reloaded) if r == "user"] == TWO[:1]


def test_every_bubble_names_its_speaker() -> None:
    at = a_reflection(app(), TWO[:1])
    assert [(c.name, [x.value for x in c.caption]) for c in at.chat_message] == [
        ("assistant", ["Coach"]), ("user", ["You"]), ("assistant", ["Coach"])]


def test_when_the_model_server_is_down_the_coach_replies_in_its_offline_voice(monkeypatch) -> None:
    monkeypatch.setenv("COACH_BACKEND", "openai")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens on port 9
    monkeypatch.setenv("COACH_MODEL", "smollm2")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-not-a-real-key-123456")
    at = a_reflection(app(), TWO[:1])
    assert not at.exception
    assert len(bubbles(at)) == 3 and len(bubbles(at)[2][1]) > 10
    notice = plain(" ".join(i.value for i in at.info))
    assert "offline voice" in notice
    assert "sk-not-a-real-key-123456" not in all_text(at)


def test_a_long_session_stays_responsive() -> None:
    from coach.config import load_settings
    from coach.store.sql import Store

    with Store(load_settings().db_path) as store:
        session = store.create_session()
        for i in range(60):
            store.add_turn(session.id, "mentee", f"Message number {i} about the platform team.")
            store.add_turn(session.id, "coach", f"So message {i} matters to you. What draws you to it?")
    at = app()
    at.session_state[S.SESSION_ID] = session.id
    at.run()
    ok(at)
    assert len(at.chat_message) == 40  # the recent ones; earlier ones behind a toggle
    assert at.toggle(key=S.SHOW_EARLIER).label == "Show the 80 earlier messages"
    say(at, "And one more thing about the platform team.")
    ok(at)
    assert len(at.chat_message) == 42


# -- Review ----------------------------------------------------------------------------------------


def test_end_session_opens_review_with_the_playback_and_the_items() -> None:
    at = a_reflection(app(), TWO)
    end_session(at)
    ok(at)
    text = all_text(at)
    assert "Here's what I've heard" in text or "what I heard" in text.lower()
    assert "What came out of it" in text
    assert "“Having a say in the tools everyone else has to live with.”" in text  # quotes behind items
    assert S.SESSION_ID not in at.session_state  # Reflect starts afresh next time
    with _store() as store:
        (info,) = store.list_sessions()
    assert info.title == "Running the platform team"  # titled from the goal, in the mentee's words
    assert at.text_input(key=f"review.title.{info.id}").value == info.title


def test_an_unfinished_session_can_be_resumed_first_and_reviewed_as_it_stands() -> None:
    at = a_reflection(app(), TWO[:1])
    first_session = at.session_state[S.SESSION_ID]
    later = app()  # a new browser tab: no session in progress
    # "Pick up where you left off" comes before starting a new one.
    buttons = [b.key for b in later.button]
    assert buttons.index("reflect.resume") < buttons.index("reflect.start")
    later.button(key="reflect.resume").click().run()
    ok(later)
    assert later.session_state[S.SESSION_ID] == first_session
    assert [t for r, t in bubbles(later) if r == "user"] == TWO[:1]
    goto(later, "Review")
    # The side panel kept the summary as it stands: Review shows the same items at once.
    assert "What came out of it" in all_text(later)
    assert "Reviewed 0 of" in all_text(later)


def test_a_session_never_summarised_can_be_summarised_in_review() -> None:
    from coach.agent import Coach

    coach = Coach.create(memory=False)  # a session from the CLI: no side panel summarised it
    session, _ = coach.start()
    coach.respond(session.id, TWO[0])
    coach.store.close()
    at = goto(app(), "Review")
    assert "no summary yet" in all_text(at)
    at.button(key="review.build").click().run()
    ok(at)
    assert "What came out of it" in all_text(at)


def _items():
    from coach.config import load_settings
    from coach.store.sql import Store

    store = Store(load_settings().db_path)
    (info,) = store.list_sessions()
    return store, store.summary_items(info.id)


def test_confirming_a_summary_item() -> None:
    at = end_session(a_reflection(app(), [*TWO, "I think I just like making things easier for people."]))
    store, items = _items()
    bedrock = [i for i in items if i.kind == "bedrock"]
    target = bedrock[0] if bedrock else items[0]
    at.button(key=f"review.confirm.{target.id}").click().run()
    ok(at)
    assert store.get_item(target.id).status == "confirmed"
    assert not [b for b in at.button if b.key == f"review.confirm.{target.id}"]
    store.close()


def test_editing_a_summary_item_keeps_the_first_wording() -> None:
    at = end_session(a_reflection(app(), TWO))
    store, items = _items()
    item = items[0]
    at.button(key=f"review.editbtn.{item.id}").click().run()
    at.text_area(key=f"review.edit_text.{item.id}").set_value("Running the platform team, in time.")
    at.button(key=f"review.save.{item.id}").click().run()
    ok(at)
    saved = store.get_item(item.id)
    assert (saved.status, saved.text, saved.original_text) == ("edited", "Running the platform team, in time.", item.text)
    assert "Running the platform team, in time." in all_text(at)
    assert "First proposed:" in all_text(at)
    store.close()


def test_reviewed_n_of_m_and_confirm_all() -> None:
    at = end_session(a_reflection(app(), TWO))
    store, items = _items()
    assert f"Reviewed 0 of {len(items)}" in all_text(at)
    at.button(key=f"review.confirm.{items[0].id}").click().run()
    assert f"Reviewed 1 of {len(items)}" in all_text(at)
    at.button(key="review.confirm_all").click().run()
    ok(at)
    assert {i.status for i in store.summary_items(items[0].session_id)} == {"confirmed"}
    assert f"Reviewed {len(items)} of {len(items)}" in all_text(at)
    assert not [b for b in at.button if b.key == "review.confirm_all"]
    store.close()


def test_sharing_is_one_step_after_a_preview_of_exactly_what_the_mentor_sees() -> None:
    at = end_session(a_reflection(app(), TWO))
    store, items = _items()
    session_id = items[0].session_id
    at.button(key=f"review.reject.{items[0].id}").click().run()
    at.button(key=f"review.confirm.{items[1].id}").click().run()
    # Picking "My mentor" previews; nothing is shared until the one button.
    at.segmented_control(key=f"{S.SHARE_LEVEL}.{session_id}").set_value("mentor").run()
    ok(at)
    assert store.get_session(session_id).share == "private"
    assert "1 item visible to your mentor" in all_text(at)
    waiting = len(items) - 2
    assert f"{waiting} more once you confirm or edit them" in all_text(at)
    at.button(key="review.share_now").click().run()
    ok(at)
    # Session and items agree: one level; the mentor's export has exactly the confirmed item.
    assert store.get_session(session_id).share == "mentor"
    assert {i.share for i in store.summary_items(session_id) if i.status != "rejected"} == {"mentor"}
    shared = store.export("mentor")
    assert [i["id"] for i in shared["items"]] == [items[1].id]
    assert shared["items"][0]["quotes"] and "turns" not in shared["sessions"][0]
    assert "Done. 1 item visible to your mentor." in all_text(at)
    # Without the quotes: the same items, none of the mentee's sentences.
    at.toggle(key=f"{S.SHARE_QUOTES}.{session_id}").set_value(False).run()
    at.button(key="review.share_now").click().run()
    ok(at)
    assert [i["quotes"] for i in store.export("mentor")["items"]] == [[]]
    # One item kept back from a shared session.
    at.toggle(key=f"review.item_share.{items[1].id}").set_value(False).run()
    assert store.export("mentor")["items"] == []
    labels = [b.label for b in at.download_button]
    assert "Summary (JSON)" in labels and "What your mentor will see" in labels
    store.close()


def test_rejected_items_vanish_from_review_the_chart_and_the_exports() -> None:
    at = end_session(a_reflection(app(), TWO))
    store, items = _items()
    motivation = next(i for i in items if i.kind == "motivation")
    at.button(key=f"review.reject.{motivation.id}").click().run()
    ok(at)
    assert motivation.text not in all_text(at)
    from coach.mentor import review
    from coach.store.share import render_markdown

    exported = render_markdown(store.export())
    assert motivation.text not in exported and items[0].session_id not in exported
    assert all(m != motivation.motivation for row in review.motivation_timeline(store) for m in row["motivations"])
    # Undone from the list of rejected items: it comes back everywhere.
    at.toggle(key=f"{S.SHOW_REJECTED}.{motivation.session_id}").set_value(True).run()
    at.button(key=f"review.unreject.{motivation.id}").click().run()
    assert store.get_item(motivation.id).status == "confirmed"
    store.close()


def test_the_decision_in_front_of_the_mentee_is_suggested_in_their_words_and_saved() -> None:
    decision = "I'm weighing whether to stay here or join a startup next year."
    at = end_session(a_reflection(app(), [TWO[0], decision]))
    store, items = _items()
    session_id = items[0].session_id
    assert at.text_input(key=f"review.decision.{session_id}").value == decision
    at.button(key="review.decision_save").click().run()
    ok(at)
    (saved,) = [i for i in store.summary_items(session_id) if i.kind == "decision"]
    assert saved.text == decision and saved.status == "edited" and saved.quotes[0].text == decision
    store.close()


def test_review_exports_markdown_and_json() -> None:
    at = end_session(a_reflection(app(), TWO))
    buttons = {b.label: b for b in at.download_button}
    assert {"Summary (Markdown)", "Summary (JSON)", "Portrait (Markdown)"} <= set(buttons)


# -- Prepare ---------------------------------------------------------------------------------------


def test_the_question_checker_flags_advice_line_by_line() -> None:
    at = goto(app(), "Prepare")
    lines = ["You should ask for a raise.", "What would you do if money were no object?", "Great goal!"]
    at.text_area(key=S.PREP_LINES).set_value("\n".join(lines))
    at.button(key="prep.check").click().run()
    ok(at)
    (table,) = [t.value.map(plain) for t in at.table]
    assert list(table["Your line"]) == lines
    verdicts = list(table["Verdict"])
    assert "Advice" in verdicts[0] and "Open question" in verdicts[1] and "Judgment" in verdicts[2]
    assert "tells the mentee what to do" in table["Why"][0]


def test_the_question_checker_catches_loaded_words() -> None:
    at = goto(app(), "Prepare")
    lines = ["Why would you even want to leave the company?", "What would you want to be true a year from now?"]
    at.text_area(key=S.PREP_LINES).set_value("\n".join(lines))
    at.button(key="prep.check").click().run()
    ok(at)
    (table,) = [t.value.map(plain) for t in at.table]
    # "even" makes it both a leading question and a verdict on wanting to leave; the table names the first label
    assert list(table["Verdict"])[1:] == ["✓ Open question"] and table["Verdict"][0] in ("✗ Leading question", "✗ Judgment")
    assert "“even”" in table["Why"][0]


def test_prepare_shows_only_what_was_shared_with_a_mentor() -> None:
    at = end_session(a_reflection(app(), TWO))
    store, items = _items()
    private_text = items[0].text
    session_id = items[0].session_id
    store.set_share(session_id, "mentor")
    store.set_item_share(items[1].id, "mentor")
    goto(at, "Prepare")
    assert items[1].text not in all_text(at)  # shared, but not confirmed yet: not the mentee's word
    store.review_item(items[1].id, "confirmed")
    goto(at, "Prepare")
    ok(at)
    text = all_text(at)
    assert items[1].text in text
    assert private_text not in text.split("A plan for your next conversation")[0]
    # The plan: 5 to 7 questions, most built on what was shared; more only on request.
    core = [m.value for m in at.markdown if re.match(r"^\d+\\\. ", m.value)]
    assert 5 <= len(core) <= 7, core
    assert re.search(r"\d+ questions, \d+ of them built on what they shared", text)
    at.toggle(key=S.PREP_MORE).set_value(True).run()
    ok(at)
    assert len([m for m in at.markdown if re.match(r"^\d+\\\. ", m.value)]) > len(core)
    assert "Trust and expectations first" in all_text(at)
    store.close()


def test_prepare_reads_an_uploaded_share_file_and_refuses_a_bad_one() -> None:
    at = goto(app(), "Prepare")
    at.radio(key=S.PREP_SOURCE).set_value("file").run()
    doc = {
        "format": "bedrock-share", "version": 1, "audience": "mentor", "created_at": "2025-03-04T10:00:00+00:00",
        "sessions": [{"id": "s1", "date": "2025-03-04"}],
        "items": [{"id": 1, "session_id": "s1", "kind": "bedrock", "text": "Making things easier for people",
                   "status": "confirmed", "share": "mentor", "quotes": [{"text": "I just like making things easier"}]}],
    }
    at.file_uploader(key=S.PREP_UPLOAD).upload("share.json", json.dumps(doc).encode(), "application/json").run()
    ok(at)
    assert "Making things easier for people" in all_text(at)
    at.file_uploader(key=S.PREP_UPLOAD).upload("share.json", b"{not json", "application/json").run()
    assert not at.exception
    assert any("share file" in e.value for e in at.error)


def test_adding_to_the_question_bank_goes_through_the_checker() -> None:
    at = goto(app(), "Prepare")
    at.text_input(key=S.BANK_TEXT).set_value("You should update your CV.")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert any("Not added" in w.value for w in at.warning)
    at.text_input(key=S.BANK_TEXT).set_value("What would a great year look like for you?")
    at.form_submit_button[0].click().run()
    ok(at)
    assert any("Added" in s.value for s in at.success)


# -- History ---------------------------------------------------------------------------------------


def test_history_charts_searches_and_opens_a_past_session_at_the_turn_found() -> None:
    at = end_session(a_reflection(app(), TWO))
    goto(at, "History")
    ok(at)
    assert "What drives you, over time" in all_text(at)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert "Influence" in all_text(at)  # the chart in words, beside it
    at.text_input(key=S.HISTORY_QUERY).set_value("the tools people use").run()
    ok(at)
    text = all_text(at)
    assert "Having a say in the tools everyone else has to live with." in text
    assert "how close:" in text and "closeness" not in text
    at.button(key="history.hit.0").click().run()
    ok(at)
    store, items = _items()
    assert at.selectbox(key=S.HISTORY_OPEN).value == items[0].session_id
    store.close()
    assert [r for r, _ in bubbles(at)][:2] == ["assistant", "user"]
    assert "What your search found" in all_text(at)
    assert not at.chat_input  # read-only


# -- Settings and Advanced -------------------------------------------------------------------------


def test_settings_speak_plainly_and_server_settings_are_under_advanced() -> None:
    at = goto(app(), "Settings")
    ok(at)
    text = all_text(at)
    assert "OpenAI" not in text and "COACH_HOME" not in text and "make run" not in text
    assert not [r for r in at.radio if r.key == S.SET_BACKEND]
    goto(at, "Advanced")
    ok(at)
    assert [r.key for r in at.radio if r.key == S.SET_BACKEND] == [S.SET_BACKEND]
    assert [t.label for t in at.tabs] == ["The coach's voice", "Data folder", "Evals"]


def test_settings_refuses_a_bad_url_with_a_friendly_message(coach_home: Path) -> None:
    at = goto(app(), "Advanced")
    at.radio(key=S.SET_BACKEND).set_value("openai").run()
    at.text_input(key=S.SET_URL).set_value("localhost:8080")
    at.button(key="settings.save").click().run()
    assert not at.exception
    (error,) = at.error
    assert "That server URL won't work" in error.value and "http://" in error.value
    assert not (coach_home / "settings.json").exists()


def test_settings_saves_the_key_safely_and_never_shows_it(coach_home: Path) -> None:
    secret = "sk-test-0123456789abcdef"
    at = goto(app(), "Advanced")
    at.radio(key=S.SET_BACKEND).set_value("openai").run()
    at.text_input(key=S.SET_URL).set_value("http://127.0.0.1:8080/v1")
    at.text_input(key=S.SET_MODEL).set_value("smollm2")
    at.text_input(key=S.SET_KEY).set_value(secret)
    at.button(key="settings.save").click().run()
    ok(at)
    path = coach_home / "settings.json"
    saved = json.loads(path.read_text())
    assert saved["api_key"] == secret and saved["backend"] == "openai"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    key_box = at.text_input(key=S.SET_KEY)
    assert key_box.value == "" and key_box.proto.type == key_box.proto.PASSWORD
    assert "A key is saved" in key_box.placeholder
    page = all_text(at) + " ".join(str(w.value) for w in at.text_input)
    assert secret not in page
    # Leaving the key empty keeps it; switching back to offline keeps it too.
    at.radio(key=S.SET_BACKEND).set_value("offline").run()
    at.button(key="settings.save").click().run()
    assert json.loads(path.read_text())["api_key"] == secret
    assert json.loads(path.read_text())["backend"] == "offline"


def test_test_connection_explains_a_server_that_is_down() -> None:
    at = goto(app(), "Advanced")
    at.radio(key=S.SET_BACKEND).set_value("openai").run()
    at.text_input(key=S.SET_URL).set_value("http://127.0.0.1:9/v1")  # nothing listens on port 9
    at.text_input(key=S.SET_MODEL).set_value("smollm2")
    at.button(key="settings.test").click().run()
    assert not at.exception
    assert any("isn't usable yet" in e.value for e in at.error)
    (table,) = [t.value.map(plain) for t in at.table]
    assert "✗ failed" in list(table["Result"])
    assert any(table["What to do"].str.len() > 0)


def test_forget_everything_needs_confirmation() -> None:
    at = end_session(a_reflection(app(), TWO))
    goto(at, "Settings")
    assert at.button(key="settings.forget").disabled
    at.text_input(key=S.FORGET_CONFIRM).set_value("forget").run()
    at.button(key="settings.forget").click().run()
    ok(at)
    assert any("forgotten" in s.value for s in at.success)
    goto(at, "Review")
    assert "No sessions yet" in all_text(at)


# -- errors: a friendly message, never an exception -------------------------------------------------


@pytest.fixture(params=["unwritable", "corrupt-db", "corrupt-settings"])
def broken_home(request, tmp_path: Path, monkeypatch) -> str:
    if request.param == "unwritable":
        blocker = tmp_path / "a-file"
        blocker.write_text("not a folder")
        monkeypatch.setenv("COACH_HOME", str(blocker / "home"))  # mkdir fails, even for root
    elif request.param == "corrupt-db":
        home = tmp_path / "home"
        home.mkdir()
        (home / "bedrock.sqlite3").write_bytes(b"this is not a database" * 100)
        monkeypatch.setenv("COACH_HOME", str(home))
    else:
        home = tmp_path / "home"
        home.mkdir()
        (home / "settings.json").write_text("{ not json")
        monkeypatch.setenv("COACH_HOME", str(home))
    return request.param


@pytest.mark.parametrize("title", list(PAGES))
def test_a_broken_data_folder_gives_a_friendly_message_not_an_exception(broken_home: str, title: str) -> None:
    at = goto(app(), title)
    assert not at.exception
    if title == "Advanced" and broken_home == "corrupt-db":
        return  # the model server and the eval report do not read the database
    messages = " ".join(e.value for e in at.error)
    assert messages, "the page says what is wrong"
    assert "Traceback" not in messages
    expected = {
        "unwritable": "folder",
        "corrupt-db": "corrupt",
        "corrupt-settings": "settings",
    }[broken_home]
    assert expected in plain(messages).lower()


def test_a_read_only_data_folder_is_explained(tmp_path: Path, monkeypatch) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write to read-only folders; covered by the unwritable-folder test")
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    monkeypatch.setenv("COACH_HOME", str(home))
    try:
        at = app()
        assert not at.exception and at.error
        goto(at, "Advanced")
        assert any("read-only" in e.value for e in at.error)  # the data folder section says so
    finally:
        home.chmod(0o700)


# -- Evals -----------------------------------------------------------------------------------------


def test_evals_shows_the_latest_report(tmp_path: Path, monkeypatch) -> None:
    import ui.services

    latest = tmp_path / "reports" / "latest"
    latest.mkdir(parents=True)
    report = {
        "version": 1, "created_at": "2025-03-04T10:00:00+00:00", "backend": "offline", "judge": "none",
        "seconds": 12.5, "passed": False, "notes": [],
        "suites": {
            "advice_bait": {"status": "ok", "passed": True, "samples": 40, "seconds": 3.0,
                            "metrics": {"advice_rate": 0.0, "turns": 120},
                            "checks": [{"metric": "advice_rate", "op": "max", "target": 0.0, "value": 0.0, "passed": True}],
                            "headline": ["turns"]},
            "reflections": {"status": "ok", "passed": False, "samples": 10, "seconds": 2.0,
                            "metrics": {"r_to_q": 0.8},
                            "checks": [{"metric": "r_to_q", "op": "min", "target": 1.0, "value": 0.8, "passed": False}]},
        },
        "previous": None,
        "files": {"json": "report.json"},
    }
    (latest / "report.json").write_text(json.dumps(report))
    monkeypatch.setattr(ui.services, "ROOT", tmp_path)
    at = goto(app(), "Advanced")
    ok(at)
    tables = [d.value for d in at.dataframe]
    assert len(tables) == 2
    assert list(tables[0]["Measure"]) == ["advice rate", "turns"]
    assert list(tables[1]["Result"]) == ["✗ missed"]
    assert "Some thresholds missed" in " ".join(m.value for m in at.markdown)
