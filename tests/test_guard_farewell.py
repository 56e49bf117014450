"""Sign-offs are not advice (issue 14, ninth round): a sentence that is only farewell and thanks formulas
("Thank you — take care.", "Go well.") passes, rules and detector alike; the advice and verdicts that
borrow their words ("Take care of your CV first", "Go apply", "Good luck with that") are still flagged.
"""

from __future__ import annotations

import pytest

from coach.guard import check
from coach.guard.farewell import is_farewell

SIGN_OFFS = [
    "Thank you — take care.",
    "Go well.",
    "Take care.",
    "Take care of yourself.",
    "Take care, Sam.",
    "Right, take care then.",
    "Cheers, take care now.",
    "Thanks so much, and go well.",
    "Look after yourself.",
    "Mind how you go.",
    "Be well.",
    "Keep well, and thanks again.",
    "Stay safe out there.",
    "Go gently.",
    "All the best.",
    "Good luck with it all.",
    "Best of luck on Monday.",
    "Thanks again — good luck with the interview tomorrow!",
    "Thanks for talking this through with me.",
    "Speak soon.",
    "See you next week.",
    "Bye for now 👋",
    "Have a good weekend.",
    "Enjoy the rest of your evening.",
    "It was lovely to talk with you today.",
    "You're welcome, take care.",
]

NOT_SIGN_OFFS = [
    "Take care of your CV first.",
    "Take care of that first.",
    "Take care of yourself first.",
    "You should take care of that first.",
    "Take care not to burn bridges.",
    "Go apply.",
    "Go and apply for it.",
    "Go well prepared, and bring your numbers.",
    "Take care, and go apply.",
    "Thanks — now go and update your CV.",
    "Stay safe and don't quit yet.",
    "Look after your network.",
    "Go well, but update LinkedIn before you do.",
]

VERDICTS = [
    "Good luck getting hired with that attitude.",
    "Good luck with that.",
]


@pytest.mark.parametrize("text", SIGN_OFFS)
def test_sign_off_passes(text: str) -> None:
    assert is_farewell(text)
    v = check(text)
    assert v.ok, (text, v.labels, v.reason)


@pytest.mark.parametrize("text", NOT_SIGN_OFFS)
def test_advice_in_farewell_words_is_flagged(text: str) -> None:
    assert not is_farewell(text)
    v = check(text)
    assert "advice" in v.labels, (text, v.labels, v.reason)


@pytest.mark.parametrize("text", VERDICTS)
def test_sarcastic_good_luck_is_not_a_sign_off(text: str) -> None:
    assert not is_farewell(text)


def test_a_sign_off_does_not_shield_the_next_sentence() -> None:
    v = check("Thanks for today. You should quit.")
    assert "advice" in v.labels
