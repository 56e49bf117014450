"""A piece of the mentee's words that would read as garbled in a frame is refused, and the reply says one
whole sentence of theirs instead (coach/realize/wellformed.py). Cases from blind reads: each garbled value
is one a reader marked poor; each sound value is one the check must let through."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from coach.agent import Coach
from coach.analyze.langid import read_language
from coach.realize.wellformed import garbled


@pytest.mark.parametrize("value, slot, why", [
    ("the thing", "y", "nothing of theirs"),
    ("like", "x", "nothing of theirs"),
    ("no", "object", "nothing of theirs"),
    ("what it is", "clause", "nothing of theirs"),
    ("the young couple you did their first mortgage and now their", "clause", "cut off"),
    ("they were rooting for you harder than", "clause", "cut off"),
    ("is less than the dry cleaner", "clause", "subject cut away"),
    ("in your family", "clause", "a bare phrase"),
    ("for boa o suficiente", "clause", "a bare phrase"),
    ("the agency cut your rate again you szczerze mam dość", "clause", "another language"),
])
def test_garbled_values_are_refused(value: str, slot: str, why: str) -> None:
    assert garbled(value, slot) == why


@pytest.mark.parametrize("value, slot", [
    ("being with them", "phrase"),
    ("you had your way", "condition"),
    ("not", "y"),  # "You retire early, or not"
    ("you were on the scene at a crash on the A38", "clause"),
    ("your da was a skipper 30 years", "clause"),  # one loan or dialect word is English as people type it
    ("you've been sous at the Fox for 4 years", "clause"),
    ("can't afford to start at the bottom of something new", "clause"),  # their own dropped "I"
    ("the guy they check with", "clause"),  # a stranded preposition is English
    ("the mum asked you to", "clause"),
    ("would like", "wants"),  # a verb slot is not content
    ("\"in my family\"", "quote"),  # quotes are checked where they are made, not as a slot
    ("for the drivers", "y"),  # "not for the public; for the drivers" is a phrase where a phrase belongs
])
def test_sound_values_pass(value: str, slot: str) -> None:
    assert garbled(value, slot) is None


def test_english_run_keeps_words_no_list_knows_before_the_first_english_one() -> None:
    read = read_language("Não é pelo dinheiro. Bespoke trainee pay is less than the dry cleaner, kkkk")
    assert read.mixed and "Bespoke trainee pay is less" in read.english


@pytest.fixture(scope="module")
def coach(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coach]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_HOME", str(tmp_path_factory.mktemp("home")))
        yield Coach.create(memory=False)


def _reply(coach: Coach, text: str) -> str:
    s, _ = coach.start()
    coach.respond(s.id, "I work in a shop.")
    return coach.respond(s.id, text).text


@pytest.mark.parametrize("text, must, must_not", [
    ("Não é pelo dinheiro. Bespoke trainee pay is less than the dry cleaner, kkkk",
     r"bespoke trainee pay", r"(?:^|\. )(?:And|So) is less"),
    ("what kept me was the team. they were rooting for me harder than I was",
     r"team|harder than you were", r"harder than\.$"),
    ("Trial is 2 weeks. E se eu não for boa o suficiente?", r"^", r"boa o suficiente"),
    ("the part nobody sees holding everything. acho que sou eu também, sabe? in my family",
     r"^", r"(?:So|And) in your family"),
])
def test_a_garbled_cut_is_never_said(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = _reply(coach, text)
    assert re.search(must, r, re.I), r
    assert not re.search(must_not, r, re.I), r
