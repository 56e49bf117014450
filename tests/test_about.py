"""What a message is about, as a phrase a listener could say back (coach/analyze/about.py), and the question
that carries it."""

from __future__ import annotations

import pytest

from coach.analyze.about import about
from coach.analyze.parse import parser

pytestmark = pytest.mark.skipif(parser() is None, reason="needs the spaCy pipeline")


@pytest.mark.parametrize("sentence, phrase", [
    ("Thinking of going for the driver trainer post at the depot.", "the driver trainer post"),
    ("been a journeymen electrican for 12 yrs, thinkin bout startin my own shop", "my own shop"),
    ("And I want to be the one who fires the boilers up when it opens again", "the boilers"),
    ("I want them to ask me before they change the floor layout.", "the floor layout"),
])
def test_the_phrase_is_theirs_and_whole(sentence: str, phrase: str) -> None:
    assert about(sentence) == phrase


@pytest.mark.parametrize("sentence", [
    "the money is crap but its not the money",  # denied: never asked about as the point
    "On a flight last year a man had a heart attack and I did CPR for twenty minutes until we landed.",  # someone else's
    "My wife thinks I should go back to school for a law degree.",  # a person, and her idea
    "I've been a flight attendant for 22 years.",  # a role without its article reads clipped
    "like im a battery hen",  # a simile
    "I don't do well with vague questions.",  # negated
    "im proud tho. is that allowed",  # a misparse of a lower-case word
    "I've run three rounds of layoffs this year.",  # a number, and a phrase that goes on ("of layoffs")
    "Ich bin seit fünf Jahren Product Manager hier in München.",
    "",
])
def test_no_phrase_rather_than_a_wrong_one(sentence: str) -> None:
    assert about(sentence) == ""


def test_the_question_carries_it() -> None:
    import os
    import tempfile

    os.environ.setdefault("COACH_HOME", tempfile.mkdtemp())
    from coach.agent import Coach

    coach = Coach.create(memory=False)
    s, _ = coach.start()
    r = coach.respond(s.id, "been a journeymen electrican for 12 yrs, thinkin bout startin my own shop")
    question = [x for x in r.text.split(". ") if x.endswith("?")]
    assert question and "your own shop" in question[-1], r.text
