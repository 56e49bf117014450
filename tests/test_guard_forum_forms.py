"""Advice as people type it in forum replies (issue 14, fifth round), each beside near misses that must
stay ok: imperatives whose verb was read as an opener ("Look into ...", "Listen to ..."), the verbs of
peer advice, "I wouldn't / I'd never + verb", advice against a thing ("I don't recommend ..."), a
modal after a condition, and a bare list read alone.

Positives are checked with the rules alone (COACH_GUARD_DETECTOR=off), so each row tests a rule; the
near misses are checked with the shipped guard, detector included, since that is what a coach's line
has to get past. Written from how people give advice, not from the data the guard is graded on.
"""

from __future__ import annotations

import pytest

from coach.guard import check


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_GUARD_DETECTOR", "off")


FORUM_ADVICE = [
    # "look", "listen" and "see" open a sentence as verbs unless a comma follows
    "Look into apprenticeships, a lot of them pay you while you learn.",
    "Maybe look into the tutoring center.",
    "look for something with regular hours",
    "Please look into seeing a therapist.",
    "Listen to your gut on this one.",
    "See a doctor if it's been going on for months.",
    "Look, just apply and see what happens.",
    # the verbs of peer advice
    "Explain to her exactly what you wrote here.",
    "Apologize first, then talk it through.",
    "Google the company before the interview.",
    "Appreciate what you have while you can.",
    "Establish clear boundaries with him.",
    "Meditate for ten minutes before bed.",
    "Pause and listen before you answer.",
    "Exercise and cut out the caffeine.",
    "Reassure him that he's not in trouble.",
    "Hang in there.",
    # don't / never, with an adverb between
    "Don't joke about yourself too much.",
    "Don't just tell them they're great, show them.",
    "Never ever feel like you have to hug someone.",
    "Don't feel bad about saying no.",
    # what the replier would (not) do in your place
    "I wouldn't worry about it.",
    "I personally wouldn't make a big deal of it.",
    "I'd just let it be for now.",
    "I would never push, whatever the reason.",
    "I'd call the school first.",
    # advice against a thing, and "recommend" as typed
    "I don't recommend getting a CJ degree.",
    "I wouldn't recommend grad school without a full ride.",
    "I wouldn't recommend that.",
    "I reccomend seeing a counselor.",
    "I highly recommend the free courses online.",
    # a modal after a condition whose words would otherwise read as a report frame
    "If you feel stuck, you should talk to HR.",
    "If you're worried about the cost then you should ask for a payment plan.",
]


@pytest.mark.parametrize("text", FORUM_ADVICE)
def test_forum_advice_forms_are_advice_by_rule(text: str, rules_only: None) -> None:
    v = check(text)
    assert "advice" in v.labels, (text, v)


NEAR_MISSES = [
    # a verb read as an opener only with its comma
    "Look, that's a lot to carry.",
    "See, the thing is you love the work.",
    "Listen, it sounds like you've had enough.",
    "See you next week.",
    # nouns and adjectives that are verbs elsewhere
    "Exercise helps you think, you said.",
    "Rest of the week was fine, you said.",
    "Here's how you described it: clean design and calm mornings.",
    "Travel for work has worn you down.",
    "Report writing takes up most of your week.",
    # the coach's stance and refusals stay refusals
    "I'm not going to recommend anything.",
    "I won't suggest one path over another.",
    "I listen, I ask, and I don't advise or judge.",
    "I'm not here to recommend a path.",
    "I won't tell you what to do.",
    # "I'd ..." that does not steer
    "I'd love to hear more about that.",
    "I'd let you decide that one.",
    "I'd be curious what your manager said.",
    # a report frame before the modal still reports
    "If you feel you should leave, what's stopping you?",
    "You feel you should have been promoted.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_of_those_forms_are_not_advice(text: str) -> None:
    v = check(text)
    assert "advice" not in v.labels and "judgment" not in v.labels, (text, v)


def test_a_bare_list_is_a_playback_with_the_mentee_message_and_read_alone_without() -> None:
    mentee = "What matters to me is autonomy, fairness and trust."
    # with the message it plays back, a noun list is the mentee's own: never advice
    assert "advice" not in check("Autonomy, fairness, trust.", mentee_text=mentee).labels
    # a list answering a request is advice by the list rules, whatever the detector says
    assert "advice" in check("Visibility, a sponsor and a track record.",
                             mentee_text="What do I need to get promoted?").labels
