"""One source of truth for what the mentee decided: titles, rebuilds, sharing in one step, exports.

Real stores under the test's COACH_HOME; sessions with analyses shaped as the analyzer stores them
(tests/summary_data.py), so what is checked is the store's and the sharing rules, not a scorer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach import sharing
from coach.mentor import review, summary
from coach.mentor.summary import builder, summarize_session
from coach.store import items as rules
from coach.store.share import render_markdown
from coach.types import Evidence, ShareLevel, SummaryItem
from summary_data import FIRST_SESSION, add_session


@pytest.fixture
def session(store):
    s = add_session(store, FIRST_SESSION, state={"done": []})
    summarize_session(store, s.id)
    return s


def _item(session_id: str, kind: str, text: str, turn_id: int, start: int, end: int, motivation: str | None = None):
    return SummaryItem(session_id=session_id, kind=kind, text=text, motivation=motivation,
                       quotes=[Evidence("x" * (end - start), start, end, turn_id)])


# -- titles follow the state ------------------------------------------------------------------------


def test_the_summarys_wordings_are_the_ones_the_rules_know() -> None:
    assert rules.CONFIRMED_PREFIX == summary.CONFIRMED_PREFIX
    source = Path(builder.__file__).read_text(encoding="utf-8")  # the wordings the builder writes
    assert f"{rules.POSSIBLE_PREFIX}: “" in source and f'"{rules.POSSIBLE_PREFIX}"' in source
    assert f"{summary.CONFIRMED_PREFIX} (in your words below)" == rules.CONFIRMED_ALONE
    assert '{CONFIRMED_PREFIX} (in your words below)"' in source


def test_a_confirmed_bedrock_reads_as_confirmed_everywhere(store, session) -> None:
    t = store.add_turn(session.id, "mentee", "I love working on the hardest problems.")
    words = ": “I love working on the hardest problems”"
    (possible,) = [i for i in store.save_summary_items(
        session.id, [*store.summary_items(session.id), _item(session.id, "bedrock", rules.POSSIBLE_PREFIX + words, t.id, 0, 38)])
        if i.text.startswith(rules.POSSIBLE_PREFIX)]
    store.review_item(possible.id, "confirmed")
    store.set_share(session.id, ShareLevel.MENTOR)
    expected = rules.CONFIRMED_PREFIX + words
    assert store.get_item(possible.id).text == expected
    assert expected in [i.text for i in store.summary_items(session.id, audience=ShareLevel.MENTOR)]
    assert expected in render_markdown(store.export(ShareLevel.MENTOR))
    assert expected in render_markdown(store.export())
    # Rejected later, it is in no view or export at all.
    store.review_item(possible.id, "rejected")
    assert expected not in json.dumps(store.export()) and expected not in render_markdown(store.export())


def test_rebuilding_never_shows_a_confirmed_item_twice_and_keeps_proposal_ids(store) -> None:
    s = store.create_session()
    t = store.add_turn(s.id, "mentee", "I think I just like making things easier for people.")
    first = store.save_summary_items(s.id, [
        _item(s.id, "bedrock", f"{rules.POSSIBLE_PREFIX}: “I think I just like making things easier”", t.id, 0, 52),
        _item(s.id, "goal", "Goal: making things easier", t.id, 0, 52),
    ])
    bedrock, goal = first
    store.review_item(bedrock.id, "confirmed")
    # The coach heard the confirmation too: the rebuilt summary words it as confirmed, quoting the
    # same words (a slightly different span), and the goal's quote grew.
    again = store.save_summary_items(s.id, [
        _item(s.id, "bedrock", f"{rules.CONFIRMED_PREFIX}: “I think I just like making things easier”", t.id, 0, 51),
        _item(s.id, "goal", "Goal: making things easier", t.id, 0, 53),
    ])
    assert [(i.id, i.kind, i.status) for i in again] == [(bedrock.id, "bedrock", "confirmed"), (goal.id, "goal", "proposed")]
    assert again[1].quotes[0].end == 53  # the proposal was updated in place, id kept


def test_a_bedrock_confirmed_in_the_conversation_is_stored_confirmed(store) -> None:
    s = store.create_session()
    t = store.add_turn(s.id, "mentee", "Helping people matters most to me.")
    (item,) = store.save_summary_items(s.id, [
        _item(s.id, "bedrock", f"{rules.CONFIRMED_PREFIX}: “Helping people matters most to me”", t.id, 0, 33)])
    assert item.status == "confirmed"


def test_a_rejected_motivation_is_not_proposed_again_in_other_words(store) -> None:
    s = store.create_session()
    t = store.add_turn(s.id, "mentee", "I want a say in the direction of the product.")
    (item,) = store.save_summary_items(s.id, [_item(s.id, "motivation", "Influence: a say", t.id, 7, 44, "influence")])
    store.review_item(item.id, "rejected")
    again = store.save_summary_items(s.id, [
        _item(s.id, "motivation", "Influence: a say in the direction", t.id, 7, 40, "influence"),
        _item(s.id, "motivation", "Growth: the product", t.id, 30, 44, "growth"),  # another motivation: kept
    ])
    assert [(i.motivation, i.status) for i in again] == [("influence", "rejected"), ("growth", "proposed")]


# -- the side panel and Review read the same items ---------------------------------------------------


def test_live_items_are_the_summary_and_keep_the_mentees_decisions(store, session) -> None:
    live = review.live_items(store, session.id)
    assert [(i.kind, i.text) for i in live] == [(i.kind, i.text) for i in store.summary_items(session.id)]
    goal = next(i for i in live if i.kind == "goal")
    motivation = next(i for i in live if i.kind == "motivation")
    review.set_aside(store, motivation)
    store.review_item(goal.id, "edited", "Lead a team, in time")
    again = {i.id: i for i in review.live_items(store, session.id)}
    assert again[motivation.id].status == "rejected" and again[goal.id].text == "Lead a team, in time"
    assert motivation.text not in [i.text for i in review.shown(list(again.values()))]
    assert {i.id for i in live} == set(again)  # nothing came back as a new proposal


def test_setting_a_bedrock_aside_stops_the_coach_holding_it_up(store) -> None:
    s = store.create_session()
    t = store.add_turn(s.id, "mentee", "I just like making things easier for people.")
    store.save_state(s.id, {"bedrock_candidates": [{"text": t.text, "turn_id": t.id}],
                            "candidate": {"text": t.text, "turn_id": t.id}, "pending": "confirm"})
    (item,) = store.save_summary_items(s.id, [_item(s.id, "bedrock", f"{rules.POSSIBLE_PREFIX}: “x”", t.id, 0, 44)])
    review.set_aside(store, item)
    state = store.get_session(s.id).state
    assert state["bedrock_candidates"] == [] and state["candidate"] is None and state["pending"] == ""


def test_progress_and_confirm_all(store, session) -> None:
    items = store.summary_items(session.id)
    # The bedrock the mentee said yes to in the conversation is already confirmed.
    done = [i for i in items if i.status != "proposed"]
    assert [i.kind for i in done] == ["bedrock"]
    assert str(review.progress(items)) == f"reviewed 1 of {len(items)}"
    store.review_item(items[0].id, "rejected")
    assert review.progress(store.summary_items(session.id)).reviewed == 2
    assert review.confirm_all(store, session.id) == len(items) - 2
    progress = review.progress(store.summary_items(session.id))
    assert progress.done and store.get_item(items[0].id).status == "rejected"  # a rejection stays


def test_the_depth_shown_never_goes_backwards(store, session) -> None:
    assert review.deepest(store, session.id, 3) == 3
    assert review.deepest(store, session.id, 1) == 3  # the mentee moved to another thread
    assert review.deepest(store, session.id, 4) == 4


# -- the decision, titles, the chart -------------------------------------------------------------------


def test_the_decision_is_suggested_from_the_mentees_words_and_kept_through_rebuilds(store) -> None:
    s = store.create_session()
    store.add_turn(s.id, "mentee", "Work is fine. I'm torn between staying here and joining a startup.")
    store.add_turn(s.id, "mentee", "The startup pays less.")
    found = review.suggest_decision(store.turns(s.id))
    assert found is not None and found.text == "I'm torn between staying here and joining a startup."
    saved = review.set_decision(store, s.id, found.text, found)
    assert saved.kind == review.DECISION and saved.status == "edited" and saved.quotes == [found]
    store.save_summary_items(s.id, [])  # a rebuild replaces proposals only
    assert review.decision(store.summary_items(s.id)).text == found.text
    review.set_decision(store, s.id, "whether to join the startup")
    mine = review.decision(store.summary_items(s.id))
    assert mine.text == "whether to join the startup" and mine.original_text == ""
    review.set_decision(store, s.id, "")
    assert review.decision(store.summary_items(s.id)) is None
    assert review.suggest_decision([]) is None


def test_a_session_is_titled_in_the_mentees_words(store, session) -> None:
    items = store.summary_items(session.id)
    assert review.auto_title(store.turns(session.id), items) == "Being a tech lead"
    assert review.auto_title(store.turns(session.id), []) == "I'd like to be a tech lead in…"


def test_the_chart_leaves_out_what_the_mentee_rejected(store, session) -> None:
    before = review.motivation_timeline(store)[0]["motivations"]
    assert "meaning" in before
    meaning = next(i for i in store.summary_items(session.id) if i.kind == "motivation" and i.motivation == "meaning")
    store.review_item(meaning.id, "rejected")
    after = review.motivation_timeline(store)[0]["motivations"]
    assert "meaning" not in after and set(after) == set(before) - {"meaning"}
    assert "meaning" in store.motivation_timeline()[0]["motivations"]  # the raw reading is unchanged


# -- sharing in one step ------------------------------------------------------------------------------


def test_sharing_is_one_step_and_the_preview_is_exactly_what_the_mentor_reads(store, session) -> None:
    items = [i for i in store.summary_items(session.id) if i.status == "proposed"]
    for item in items[:3]:
        store.review_item(item.id, "confirmed")
    store.review_item(items[3].id, "rejected")
    preview = sharing.preview(store, session.id, ShareLevel.MENTOR)
    assert store.get_session(session.id).share is ShareLevel.PRIVATE  # a preview changes nothing
    assert store.export(ShareLevel.MENTOR)["items"] == []
    assert sharing.headline(preview) == "4 items visible to your mentor"  # and the bedrock confirmed in the talk
    assert preview.waiting == len(items) - 4
    now = sharing.share(store, session.id, ShareLevel.MENTOR)
    read = store.summary_items(session.id, audience=ShareLevel.MENTOR)

    def seen(items: list) -> list:  # what a mentor reads of each item (not when it was last touched)
        return [(i.id, i.kind, i.text, i.quotes, i.status, i.share, i.original_text) for i in items]

    assert seen(preview.visible) == seen(now.visible) == seen(read) and len(read) == 4
    # Session and items agree: every item the mentee did not reject follows the session.
    assert {i.share for i in store.summary_items(session.id) if i.status != "rejected"} == {ShareLevel.MENTOR}
    # Back to private in one step: nothing visible, and the items follow.
    sharing.share(store, session.id, ShareLevel.PRIVATE)
    assert store.export(ShareLevel.MENTOR)["items"] == []
    assert {i.share for i in store.summary_items(session.id)} == {ShareLevel.PRIVATE}


def test_with_or_without_the_quotes(store, session) -> None:
    sharing.share(store, session.id, ShareLevel.MANAGER, with_quotes=False)
    (seen,) = store.export(ShareLevel.MANAGER)["items"]  # the bedrock confirmed in the conversation
    item = store.get_item(seen["id"])
    assert seen["quotes"] == [] and seen["text"] == item.text and item.quotes
    assert store.export(ShareLevel.MENTOR)["items"][0]["quotes"] == []  # a mentor reads manager-level items too
    sharing.share(store, session.id, ShareLevel.MANAGER, with_quotes=True)
    assert store.export(ShareLevel.MANAGER)["items"][0]["quotes"][0]["text"] == item.quotes[0].text
    assert sharing.headline(sharing.current(store, session.id)) == "1 item visible to your manager and mentor"


def test_an_item_kept_back_stays_back_when_the_session_widens(store, session) -> None:
    a, b = [i for i in store.summary_items(session.id) if i.kind == "goal"][:2]
    store.review_item(a.id, "confirmed")
    store.review_item(b.id, "confirmed")
    sharing.share(store, session.id, ShareLevel.MENTOR)
    sharing.keep_to_myself(store, b.id, private=True)
    shown = [i["id"] for i in store.export(ShareLevel.MENTOR)["items"]]
    assert a.id in shown and b.id not in shown
    assert sharing.current(store, session.id).withheld == 1
    sharing.share(store, session.id, ShareLevel.MANAGER)
    shown = [i["id"] for i in store.export(ShareLevel.MANAGER)["items"]]
    assert a.id in shown and b.id not in shown
    sharing.keep_to_myself(store, b.id, private=False)
    assert store.get_item(b.id).share is ShareLevel.MANAGER


def test_forgetting_a_session_forgets_its_sharing_choices(store, session) -> None:
    store.set_share_quotes(session.id, False)
    review.deepest(store, session.id, 2)
    store.forget_session(session.id)
    assert store.get_meta(f"quotes:{session.id}") is None and store.get_meta(f"deepest:{session.id}") is None


def test_exports_name_no_internal_ids_or_codes(store, session) -> None:
    for item in store.summary_items(session.id):
        store.review_item(item.id, "confirmed")
    store.set_title(session.id, "Platform team")
    md = render_markdown(store.export())
    assert session.id not in md
    for code in ("next_rung", "(influence)", "(meaning)", "influence_authority", "open_question"):
        assert code not in md, code
    assert "## Conversation of " in md and "— Platform team" in md
