"""Lines that feel with someone, or say back what matters to them, are not verdicts (issue 14, tenth
round): a hard time named in the past ("It's been a really rough year for you"), a value said back with
its weight ("Being a good role model matters a great deal to you"), and what anyone would feel in their
place ("…would drive anyone a bit mad"). A blind held-out set of counselling sessions showed the guard
calling 4 of 140 such good lines judgment with the detector at p > 0.9; these forms are shielded, and
each sits beside the verdict that shares its words, which must still be caught (by a rule or by the
detector: the shield must not hide a grading word in the same sentence). Written from how counsellors
talk, not from the held-out lines, which were never read.
"""

from __future__ import annotations

import pytest

from coach.guard import check

FELT_WITH = [
    "It's been a really rough year for you.",
    "Oh, it's been such a hard few months, with your dad in and out of hospital.",
    "That must have been frightening, waking up in the ambulance.",
    "The last couple of weeks have been really stressful.",
    "Being a good role model for your son matters a great deal to you.",
    "Your kids' opinion of you means the world to you.",
    "Getting back on the bike is a big deal for you.",
    "Yeah, being stuck in the house all day would drive anyone a bit mad.",
    "Anyone would feel a bit rattled after a scare like that.",
]

VERDICTS = [
    "That'll be a really tough year for you if you take it.",
    "It's been a really stupid way to spend a year.",
    "It's been a lot of wasted effort, if I'm honest.",
    "Work is everything to you, which honestly isn't healthy.",
    "Money matters a lot to you, maybe too much.",
    "Staying home all day would make anyone lazy.",
    "It's been a rough year, so you deserve the promotion.",
    "That must have been a foolish thing to do.",
]


@pytest.mark.parametrize("text", FELT_WITH)
def test_feeling_with_them_is_not_a_verdict(text: str) -> None:
    v = check(text)
    assert v.ok and "judgment" not in v.labels, (text, v)


@pytest.mark.parametrize("text", VERDICTS)
def test_the_verdict_beside_it_is_still_judgment(text: str) -> None:
    assert "judgment" in check(text).labels, text
