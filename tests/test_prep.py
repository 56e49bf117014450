"""The mentor's question plan: only what was shared, every question open and free of advice."""

from __future__ import annotations

import json

import pytest

from coach import guard, linecheck
from coach.errors import ShareFileError
from coach.mentor import review
from coach.mentor.prep import REMINDERS, build_prep, local_share
from coach.mentor.prep_core import CORE_MAX, CORE_MIN
from coach.mentor.summary import summarize_session
from coach.store.share import load_share_file, write_share_files
from coach.types import ShareLevel
from summary_data import FIRST_SESSION, PRIVATE_SESSION, PRIVATE_WORDS, add_session


@pytest.fixture
def shared(store):
    """A mentor-shared session (summarized) and a private one whose words must never leak."""
    first = add_session(store, FIRST_SESSION, share=ShareLevel.MENTOR, state={"done": ["lottery"]})
    private = add_session(store, PRIVATE_SESSION)
    summarize_session(store, first.id)
    summarize_session(store, private.id)
    for session in (first, private):  # the mentee reviewed them: only confirmed items are ever shared
        for item in store.summary_items(session.id):
            store.review_item(item.id, "confirmed")
    return first, private


def _assert_all_pass_guard(plan):
    assert plan.questions
    for q in plan.all_questions:
        v = guard.check(q.text)
        assert v.ok, (q.text, v.reason)
        assert "open_question" in v.labels, (q.text, v.labels)
        assert "leading_question" not in v.labels and "closed_question" not in v.labels
        assert v.questions == 1, q.text


def test_every_planned_question_passes_the_guard(store, shared):
    plan = build_prep(local_share(store), notes="What would being a tech lead give you?")
    _assert_all_pass_guard(plan)
    texts = [q.text for q in plan.all_questions]
    assert len(set(texts)) == len(texts), "no question twice"
    assert not any(linecheck.loaded_words(t) for t in texts), "no loaded words in a planned question"


def test_empty_share_still_gives_a_trust_first_plan_of_five():
    doc = {"format": "bedrock-share", "version": 1, "audience": "mentor", "sessions": [], "items": []}
    plan = build_prep(doc)
    _assert_all_pass_guard(plan)
    assert len(plan.core) == CORE_MIN
    assert plan.core[0].technique in {"trust", "expectations"}
    assert any(q.technique == "lottery" for q in plan.core)  # not asked yet: one of the openers
    assert not any(q.cites for q in plan.core)  # nothing shared, nothing to cite
    assert any(s.title == "The lottery question" for s in plan.more)


def test_the_plan_is_short_and_built_on_what_was_shared(store, shared):
    first, _ = shared
    review.set_decision(store, first.id, "whether to stay in my team or move to the platform team")
    plan = build_prep(local_share(store))
    core = plan.core
    assert CORE_MIN <= len(core) <= CORE_MAX
    assert core[0].technique in {"trust", "expectations"}  # trust first, every time
    cited = [q for q in core if q.cites]
    assert len(cited) > len(core) / 2, [q.text for q in core]
    # The decision in front of the mentee, in their words, comes right after trust.
    assert core[1].cites == "decision" and "stay in my team or move to the platform team" in core[1].text
    # Confirmed bedrock next to the decision, and on its own.
    assert any("making things easier" in q.text and "platform team" in q.text for q in core)
    # Every cited question quotes words the mentee shared.
    shared_words = " ".join(json.dumps(local_share(store), ensure_ascii=False).split())
    for q in cited:
        assert q.quote and q.quote.rstrip("…") in shared_words, q.quote
    md = plan.to_markdown()
    assert "## For your next conversation" in md and "## More questions, if you want them" in md


def test_the_plan_uses_the_items_words_when_shared_without_quotes(store, shared):
    first, _ = shared
    store.set_share_quotes(first.id, False)
    doc = local_share(store)
    assert all(i["quotes"] == [] for i in doc["items"])
    plan = build_prep(doc)
    assert sum(1 for q in plan.core if q.cites) > len(plan.core) / 2
    assert any("making things easier for people" in q.text for q in plan.core)


def test_order_and_content(store, shared):
    plan = build_prep(local_share(store))
    titles = [s.title for s in plan.more]
    assert titles[0] == "Trust and expectations first"
    assert "The lottery question" not in titles  # asked already (the session's techniques say so)
    assert not any(q.technique == "lottery" for q in plan.all_questions)
    bedrock = next(s for s in plan.more if s.title == "Follow up on bedrock")
    assert "making things easier for people" in bedrock.questions[0].text
    ia = next(s for s in plan.more if s.title == "Influence or authority?")
    assert ia.questions
    exp = next(s for s in plan.more if s.title == "Experiments to follow up")
    exp_questions = exp.questions + [q for q in plan.core if q.cites == "experiment"]
    assert any("leading the design review" in q.text for q in exp_questions)
    assert any(q.quote.startswith("Maybe I could try leading") for q in exp_questions)
    unexplored = next(s for s in plan.more if s.title == "Still unexplored")
    assert any("starting your own company" in q.text for q in unexplored.questions + plan.core)
    assert plan.reminders == list(REMINDERS)
    md = plan.to_markdown()
    assert "## Reminder card" in md and "No advice" in md


def test_lottery_planned_when_not_asked(store):
    s = add_session(store, FIRST_SESSION, share=ShareLevel.MENTOR)
    summarize_session(store, s.id)
    plan = build_prep(local_share(store))
    assert "The lottery question" in [sec.title for sec in plan.more]


def test_private_items_never_reach_a_mentor(store, shared):
    first, _private = shared
    # And one item of the shared session made private by the mentee.
    items = store.summary_items(first.id)
    passion = next(i for i in items if i.kind == "passion")
    store.set_item_share(passion.id, ShareLevel.PRIVATE)
    doc = local_share(store)
    assert [s["id"] for s in doc["sessions"]] == [first.id]
    text = json.dumps(doc) + json.dumps(build_prep(doc).to_dict())
    for word in PRIVATE_WORDS + ("hackathon",):
        assert word not in text, word
    assert all(i["id"] != passion.id for i in doc["items"])


def test_plan_from_a_share_file(store, shared, tmp_path):
    (path,) = write_share_files(store.export(ShareLevel.MENTOR), tmp_path, fmt="json")
    plan = build_prep(load_share_file(path))
    _assert_all_pass_guard(plan)
    assert plan.audience == "mentor" and plan.items > 0
    assert not any(w in json.dumps(plan.to_dict()) for w in PRIVATE_WORDS)


def test_notes_are_checked(store, shared):
    notes = "You should apply for the tech lead role.\n- Do you want to manage people?\nWhat would a great year look like for you?\nShe seemed tired last time."
    plan = build_prep(local_share(store), notes=notes)
    checks = {c.line: c for c in plan.notes}
    assert not checks["You should apply for the tech lead role."].ok
    assert "advice" in checks["You should apply for the tech lead role."].reason
    assert not checks["Do you want to manage people?"].ok
    assert checks["What would a great year look like for you?"].planned
    assert "What would a great year look like for you?" in [q.text for q in plan.questions]
    assert "Do you want to manage people?" not in [q.text for q in plan.questions]
    loaded = build_prep(local_share(store), notes="Why would you even want to leave?")
    (check,) = loaded.notes
    assert not check.ok and "even" in check.reason and not check.planned
    assert "worth rephrasing" in plan.to_markdown()
    _assert_all_pass_guard(plan)


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json at all", "not JSON"),
        ('{"format": "something-else", "version": 1}', 'missing the header {"format": "bedrock-share"}'),
        ('{"format": "bedrock-share", "version": 99, "audience": "mentor", "sessions": [], "items": []}', "version 99"),
        ('{"format": "bedrock-share", "version": 1, "audience": "boss", "sessions": [], "items": []}', "unknown audience"),
        ('{"format": "bedrock-share", "version": 1, "audience": "mentor", "sessions": [], "items": [{"kind": "goal"}]}', "no 'text'"),
        ('{"format": "bedrock-share", "version": 1, "audience": "mentor", "sessions": {}, "items": []}', "'sessions' must be a list"),
    ],
)
def test_malformed_share_file_gives_a_clear_error(tmp_path, content, message):
    path = tmp_path / "share.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ShareFileError, match="") as err:
        build_prep(load_share_file(path))
    assert message in str(err.value)
    assert "share file" in str(err.value).lower()


def test_malformed_dict_is_refused_by_build_prep_too():
    with pytest.raises(ShareFileError, match="not a valid Bedrock share file"):
        build_prep({"items": []})
