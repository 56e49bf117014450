"""Distress that may be about the job or about living, asked about plainly; care that stands down only when the
mentee says plainly that they are safe. Real analyzer, real policy, real offline voice."""

from __future__ import annotations

import pytest

from coach.agent import Coach
from coach.analyze import Analyzer
from coach.types import Kind


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.mark.parametrize("text", [
    "ward sister 14 years. i cant do this anymore",
    "I can't cope any more with the rota",
    "honestly I'm at the end of my rope",
])
def test_distress_that_may_be_either_is_a_check_not_a_disclosure(analyzer: Analyzer, text: str) -> None:
    kinds = analyzer.analyze(text).kinds
    assert Kind.CRISIS_CHECK in kinds and Kind.CRISIS not in kinds


@pytest.mark.parametrize("text", ["I'm not suicidal but I want to die sometimes", "I can't do this anymore. I want to die."])
def test_a_disclosure_beside_a_denial_or_a_check_is_still_a_disclosure(analyzer: Analyzer, text: str) -> None:
    assert Kind.CRISIS in analyzer.analyze(text).kinds


def test_i_am_not_suicidal_is_no_disclosure(analyzer: Analyzer) -> None:
    kinds = analyzer.analyze("I am not suicidal, I meant the job").kinds
    assert Kind.CRISIS not in kinds and Kind.CRISIS_CLEARED in kinds


@pytest.fixture()
def coach(tmp_path, monkeypatch) -> Coach:
    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    return Coach.create(memory=False)


def test_the_check_asks_plainly_gives_the_lines_and_the_session_goes_on(coach: Coach) -> None:
    s, _ = coach.start()
    r = coach.respond(s.id, "999 call handler 3 years. i cant do it anymore. got an offer for GP receptionist")
    assert r.move.value == "crisis"
    assert "harming yourself" in r.text or "hurting yourself" in r.text
    assert "988" in r.text and "116 123" in r.text
    later = coach.respond(s.id, "the work. it's the calls back to back, no gap between them")
    assert later.move.value != "crisis", later.text


def test_care_sticks_until_they_say_they_are_safe(coach: Coach) -> None:
    s, _ = coach.start()
    assert coach.respond(s.id, "some days I think it would be easier if I just didn't wake up").move.value == "crisis"
    assert coach.respond(s.id, "anyway, back to my promotion").move.value == "crisis"
    cleared = coach.respond(s.id, "I'm safe. I meant the job, it's grinding me down.")
    assert cleared.move.value == "crisis" and "988" in cleared.text and "glad" in cleared.text
    assert coach.respond(s.id, "so the promotion. I want to lead the team").move.value != "crisis"
