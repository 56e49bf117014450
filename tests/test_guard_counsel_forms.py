"""A counsellor's usual ways to advise (issue 14, ninth round), each beside near misses that must stay
ok: what others do told as the way in ("One thing a lot of people do is ..."), a task set as the
speaker's wish ("I'd like you to think about keeping a log"), and an option put as a question of
opinion ("What do you think about trying the gum?"; "How would you feel about cutting down?" asks for a
feeling, and the project's writers label it an open question).

Positives are checked with the rules alone (COACH_GUARD_DETECTOR=off), so each row tests a rule; the
near misses are checked with the shipped guard, detector included. Written from how counsellors talk,
not from the data the guard is graded on.
"""

from __future__ import annotations

import pytest

from coach.guard import check


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_GUARD_DETECTOR", "off")


COUNSEL_ADVICE = [
    "Okay. So, um, one thing that a lot of people do is they set a quit date.",
    "What some people find helpful is a drink diary.",
    "Something other clients have tried is leaving the phone in the kitchen at night.",
    "What a lot of people in your position do is ask for a phased return.",
    "I'd like you to, um, think about keeping a log of what you eat this week.",
    "I want you to write down every time you reach for a cigarette.",
    "What I'd want you to do is ring the surgery on Monday.",
    "What do you think about maybe trying the nicotine gum?",
    "So what would you think about talking to your manager first?",
    # referrals made on the spot, a menu of what others do, the move named
    "Let me give you the number for the stop smoking service.",
    "Let's get you booked in with the dietitian.",
    "There's a lot to be said for a warm bath and no screens.",
    "Some families do a fixed time each day, some do screens only at weekends.",
    "the move here is to quietly line up references now",
    "the trick is treating it like a 9-5 with breaks",
]


@pytest.mark.parametrize("text", COUNSEL_ADVICE)
def test_counsel_advice_forms_are_advice_by_rule(text: str, rules_only: None) -> None:
    assert "advice" in check(text).labels, text


NEAR_MISSES = [
    "What a lot of people tell me is that the first week is the loneliest.",
    "One thing a lot of people notice is how tired they are at first.",
    "I'd like you to tell me more about that.",
    "I want you to think about what matters most to you here.",
    "I'd like you to know there's no right answer.",
    "What do you think about leaving?",
    "How do you feel about taking them at all?",
    "How do you feel about the way the meeting went?",
    "What do you think about what your doctor said?",
    # a history question, their own state said back, a report of what others do
    "Have you ever tried to stop before?",
    "Have you tried to cut down in the past?",
    "sounds like part of you still loves it and part of you can't keep doing it like this",
    "It sounds like you can't go on like this.",
    "Some people love it, some hate it.",
    "The trick is being honest with yourself, you said.",
    # permission asked to talk about a topic, and open questions the head once read as verdicts
    "Is it okay if we talk about your drinking for a few minutes?",
    "Would it be alright if I asked you a few things about your sleep?",
    "How would you go about doing that?",
]


@pytest.mark.parametrize("text", [
    "Is it okay if we talk about your drinking for a few minutes?",
    "Would it be alright if I asked you a few things about your sleep?",
    "Can we talk about the weekend?",
])
def test_permission_to_talk_about_a_topic_does_not_lead(text: str) -> None:
    assert "leading_question" not in check(text).labels, text


@pytest.mark.parametrize("text", [
    "Would it be OK if I shared what some people have found useful?",
    "Is it okay if we talk about what other people have tried?",
    "Can I suggest something?",
])
def test_permission_to_advise_is_still_an_offer(text: str) -> None:
    assert "advice" in check(text).labels, text


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_of_those_forms_are_not_advice(text: str) -> None:
    v = check(text)
    assert "advice" not in v.labels and "judgment" not in v.labels, (text, v)


# A counsellor's reflections that carry a verdict's words without giving one: the client's doubt said
# back ("asking yourself if it's a mistake"), their own readiness ("not ready to quit"), and dreams
# that are only dreams. Beside them, the verdicts those words still make.
@pytest.mark.parametrize("text", [
    "You keep asking yourself if it's a mistake.",
    "You're not closing the door, but you're not ready to walk through it either.",
    "So you're not ready to quit, but you'd be willing to cut down a bit.",
    "The patches gave you strange dreams, so you stopped after a week.",
])
def test_reflections_with_a_verdicts_words_are_not_judgment(text: str) -> None:
    assert "judgment" not in check(text).labels, text


@pytest.mark.parametrize("text", [
    "You're not ready for management.",
    "You're not ready to lead a team.",
    "Leaving now would be a mistake.",
    "That's a strange goal.",
])
def test_the_verdicts_those_words_make_are_judgment(text: str, rules_only: None) -> None:
    assert "judgment" in check(text).labels, text


@pytest.mark.parametrize(("text", "advice"), [
    ("Have you ever tried going a few days without it?", False),
    ("It's disheartening, not seeing the knee come on the way you'd hoped.", False),
    ("Oh come on, just take it.", True),
    ("I'd like to refer you to a group we run on Tuesday evenings.", True),
    ("I can refer you to the dietitian if you like.", True),
])
def test_history_questions_and_referrals(text: str, advice: bool) -> None:
    assert ("advice" in check(text).labels) is advice, text


@pytest.mark.parametrize(("text", "judgment"), [
    ("They gave the ops manager job to a 26-year-old with an MBA — that's hard to take.", False),
    ("Your manager took the credit for your launch, and that's a lot to carry.", False),
    ("Turning it down would be a mistake, and that's hard to hear.", True),
    ("You're being naive — that's a tough one to hear.", True),
])
def test_sympathy_after_what_happened_is_no_verdict(text: str, judgment: bool) -> None:
    assert ("judgment" in check(text).labels) is judgment, text
