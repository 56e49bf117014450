"""Verdict forms added in the seventh round of issue 14 (coach/guard/rules/judgment.toml): folly ("you'd be
mad to..."), the biggest mistake, doors declared shut ("nobody hires..."), praise that steers ("the sensible
choice is obviously..."), regret and failure foretold in a mentor's idioms, incredulity ("have you any idea
how..."), grading by habit or comparison, and giving up named as the verdict.

Positives are checked with the rules alone (COACH_GUARD_DETECTOR=off), so each row tests a rule; the near
misses (a worry, a fear or someone else's verdict said back) with the shipped guard, detector included.
Written from how English states these verdicts, not from any held-out line.
"""

from __future__ import annotations

import pytest

from coach.guard import check


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_GUARD_DETECTOR", "off")


VERDICTS = [
    "You'd be mad to leave with a pension like that.",
    "You'd be a fool not to take the transfer.",
    "Honestly, you'd be crazy to turn that down.",
    "Quitting now would be the biggest mistake of your life.",
    "That's the worst decision you could make.",
    "Nobody hires a junior developer at fifty.",
    "No one will take a thirty-year-old intern seriously.",
    "Agencies don't hire designers your age.",
    "The sensible choice is obviously the bank job.",
    "Frankly, the grown-up option here is the permanent contract.",
    "The local job is clearly the smarter option.",
    "The smart money is on staying where you are.",
    "Any sensible person would take the redundancy package.",
    "You'll regret not going for it.",
    "You'll look back and wish you'd taken the offer.",
    "You'll be eaten alive on a trading floor.",
    "You're going to burn out inside a year.",
    "You'll be bored stiff in a government job.",
    "Do you have any idea how hard it is to get published?",
    "Have you any idea what nursery fees cost?",
    "Why on earth would you leave a permanent post?",
    "You do realise most restaurants close in their first year?",
    "That's so typical of you.",
    "Most people your age have a mortgage by now.",
    "People would kill for a job like yours.",
    "You haven't thought this through at all.",
    "So you're giving up because one interview went badly.",
    "You're letting your manager walk all over you.",
    "That sounds like running away to me.",
    # doubt put as a question, and verdicts on a field stated as facts
    "Are you really sure you won't regret turning it down?",
    "Have you actually thought about what a pay cut means?",
    "Or are you just bored?",
    "Why did you let it drag on for a year?",
    "There's no future in print journalism.",
    "I'm not convinced there's a market for another coffee shop.",
    "Leaving after six months could send the wrong message.",
    "You're wasted on that helpdesk.",
    "You're not giving up just because the first draft was rejected, are you?",
    # a verdict dressed as a reflection, or as a question about their view
    "It sounds like you're just looking for an excuse to leave.",
    "Sounds like you're basically coasting.",
    "You don't think that's a bit hasty?",
    "So you don't think you're being far too picky?",
]


@pytest.mark.parametrize("text", VERDICTS)
def test_verdict_forms_are_judgment_by_rule(text: str, rules_only: None) -> None:
    v = check(text)
    assert "judgment" in v.labels, (text, v)
    assert not v.ok


# The same words, said back as the mentee's worry or someone else's view, or asked openly.
NEAR_MISSES = [
    ("You're scared nobody will hire you at fifty.", ""),
    ("You're worried you'd regret not going for it.", ""),
    ("Your dad says you'd be mad to leave.", ""),
    ("Part of you thinks it would be the biggest mistake of your life.", ""),
    ("You wonder whether the bank job is the sensible choice.", ""),
    ("It sounds like giving up would feel like proving them right.", ""),
    ("You're afraid you'll burn out again.", ""),
    ("What would make it the right choice for you?", ""),
    ("You worry people will see it as running away.", ""),
    ("You haven't had time to think it through yet, and that's unsettling.", "I haven't had time to think it through."),
    ("You're worried there's no future in print.", ""),
    ("You wonder whether leaving early would send the wrong message.", ""),
    ("What have you thought about so far?", ""),
    ("Your boss thinks you're wasted on the helpdesk.", ""),
    ("It sounds like you're really scared of letting your team down.", ""),
    ("It sounds like you're just exhausted.", ""),
    ("You don't think you're ready yet, and that's hard.", ""),
]


@pytest.mark.parametrize(("text", "mentee"), NEAR_MISSES)
def test_near_misses_are_not_judgment(text: str, mentee: str) -> None:
    v = check(text, mentee_text=mentee)
    assert "judgment" not in v.labels, (text, v)


# Counselling-style advice told as what people do (advice.toml, 7th round), beside reflections of what
# people in the mentee's life think, which report a view and advise nothing.
PEOPLE_DO = [
    "Some people ask for a trial period before they commit.",
    "Some people in your position start by volunteering one evening a week.",
    "Many people keep a list of small wins on their phone.",
    "People often find that writing the email first makes the phone call easier.",
]


@pytest.mark.parametrize("text", PEOPLE_DO)
def test_what_people_do_told_as_direction_is_advice_by_rule(text: str, rules_only: None) -> None:
    assert "advice" in check(text).labels, text


@pytest.mark.parametrize("text", [
    "Some people in your family think you're wasting your degree.",
    "Some people have told you it's too late.",
    "Most people you've asked said it was a risk.",
])
def test_what_people_think_said_back_is_not_advice(text: str) -> None:
    assert "advice" not in check(text).labels, text


# 8th round: a sentence whose whole predicate names a topic grades nothing, whatever its subject; the
# head read the voice's "Quitting is clearly on your mind." at p 0.75 as a verdict.
@pytest.mark.parametrize("text", [
    "Quitting is clearly on your mind.",
    "Going back to study has been on your mind.",
    "Moving to London is what you're weighing.",
    "Leaving teaching keeps coming up for you.",
])
def test_a_topic_named_is_not_judgment(text: str) -> None:
    assert "judgment" not in check(text).labels


@pytest.mark.parametrize("text", [
    "Quitting is clearly on your mind, and it would be a mistake.",
    "Quitting is clearly a mistake.",
])
def test_a_verdict_after_the_topic_still_is(text: str) -> None:
    assert "judgment" in check(text).labels
