"""Run-on messages are read as the sentences they are (coach/analyze/runon.py), and only run-ons are."""

from __future__ import annotations

import pytest

from coach import language as L
from coach.analyze.parse import parser
from coach.analyze.runon import punctuate

pytestmark = pytest.mark.skipif(parser() is None, reason="needs the spaCy pipeline")


@pytest.mark.parametrize("text, pieces", [
    ("the kitchen is fine the money is fine its just i dont cook anymore i just plate other peoples food all night",
     ["the kitchen is fine", "its just i dont cook anymore", "i just plate other peoples food all night"]),
    ("i been working in this warehouse 6 year and my boss dont even know my name and i think its time i look for "
     "something where somebody see me", ["6 year.", "and my boss dont even know my name", "and i think its time"]),
    ("not that I dont miss her I miss her like crazy she's not the problem at all I'm not running away from her if "
     "thats what you're thinking", ["not that i dont miss her.", "i miss her like crazy.", "she's not the problem at all."]),
    ("right so my wife Pauline wants me to pack it in this year she's got the caravan booked for the whole of "
     "September she's been very patient to be fair and I'm 64 so", ["pack it in this year.", "she's got the caravan"]),
])
def test_a_run_on_is_read_as_its_sentences(text: str, pieces: list[str]) -> None:
    sents = [s.lower() for s in L.sentences(punctuate(text))]
    assert len(sents) >= 3, sents
    for p in pieces:
        assert any(p in s for s in sents), (p, sents)


@pytest.mark.parametrize("text", [
    # one sentence however long: clauses joined by "and", what someone says, a condition and what follows
    "My churn model saved the company about four million and my manager presented it to the board.",
    "I tutor my neighbour's kid on Sundays and it's the best two hours of my whole week to be honest.",
    "my wife says if I go whole time she'll never sleep because she does nights at the hospital too",
    "if money wasnt a thing id do signs and menus for all the small shops on my street and the market",
    "I've been QA lead for 6 years and every time I ask to move into engineering it's 'next quarter'.",
    # punctuated by the writer: their breaks stand
    "Honestly, the kitchen is fine, the money is fine, it's just that I don't cook any more, I plate other people's food.",
    "short one",
])
def test_other_sentences_are_read_as_written(text: str) -> None:
    assert punctuate(text) == text


def test_a_condition_stays_with_what_it_conditions() -> None:
    text = ("the bit I actually like is Mrs Okafor at number 40 she leaves us a flask every Friday and I check her bins "
            "are in because she's 88 and if they're not I knock on the door")
    sents = L.sentences(punctuate(text))
    assert any("if they're not I knock on the door" in s for s in sents), sents
    assert not any(s.rstrip(".").endswith("not") for s in sents), sents
