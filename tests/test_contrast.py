"""What it isn't and what it is instead (coach/realize/contrast.py): both halves found, the reason for the
denial passed over, and no contrast where there is no denial of theirs."""

from __future__ import annotations

import pytest

from coach.realize import contrast


@pytest.mark.parametrize(
    ("text", "form", "x", "instead"),
    [
        ("It's not the money, it's the commute honestly", "thing", "the money", "it's the commute"),
        ("I'm not leaving because of the pay. I'm leaving because nobody listens.", "state",
         "leaving because of the pay", "you're leaving because nobody listens"),
        # the reason for the denial ("they pay fine") is passed over for what it is instead
        ("its not about the salary. they pay fine. its that nobody there ever asks what I think",
         "thing", "about the salary", "it's that nobody there ever asks what you think"),
        ("no im not bored, I like the patients. I just hate that the rota changes every week",
         "state", "bored", "you like the patients; you just hate that the rota changes every week"),
        ("I'm not saying I'm a genius just that I fix things nobody else can", "saying", "you're a genius",
         "that you fix things nobody else can"),
        # an article dropped by a non-native writer is put back; a dropped "it" too
        ("Not that office is bad place. Colleagues nice. Is only that is not my work.", "that",
         "the office is bad place", "it's only that it is not your work"),
        ("its not that I hate teaching. everyone gets tired. but marking till midnight every night took the joy out",
         "that", "you hate teaching", "marking till midnight every night took the joy out"),
    ],
)
def test_both_halves(text: str, form: str, x: str, instead: str) -> None:
    c = contrast.find(text)
    assert c is not None
    assert (c.form, c.x, c.y) == (form, x, instead)


@pytest.mark.parametrize(
    "text",
    [
        "It's not fair. I worked so hard for that promotion.",  # a complaint, not a denial of a reason
        "I'm not sure. I think I like it there.",  # a hedge
        "It's not the money.",  # nothing in its place: the denial alone is said back elsewhere
        "not the money, not the title. dunno",
        "Is it not the money though? Maybe it is.",  # a question
        "My manager is not happy with me. She wants me in sales.",  # someone else's state
    ],
)
def test_no_contrast(text: str) -> None:
    assert contrast.find(text) is None


def test_a_restatement_is_not_what_it_is_instead() -> None:
    c = contrast.find("not nursing, i love nursing. i hate nursing on a ward with no staff")
    assert c is not None and c.y == "you hate nursing on a ward with no staff"
