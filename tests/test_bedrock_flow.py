"""A bedrock offered and answered with "no — this instead": their own words are held up next, and a yes
confirms them (written from a fresh conversation: a forklift driver offered team leader)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.agent import Coach
from coach.types import Move


@pytest.fixture(scope="module")
def coach(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coach]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_HOME", str(tmp_path_factory.mktemp("home")))
        yield Coach.create(memory=False)


def test_a_no_with_their_own_words_holds_up_their_words(coach: Coach) -> None:
    s, _ = coach.start()
    coach.respond(s.id, "I work 11 years in warehouse as forklift driver.")
    coach.respond(s.id, "Company offer me team leader. More money. But I am not sure")
    offered = coach.respond(s.id, "I like driving. Is quiet, I know what to do, nobody shouting at me")
    assert offered.move is Move.CONFIRM_BEDROCK, offered.text
    own = coach.respond(s.id, "No, is not that I am afraid. I just like when the job is clean. Pallets straight, no damage")
    assert own.move is Move.CONFIRM_BEDROCK, own.text
    assert "job is clean" in own.text, own.text
    assert "own words" not in own.text, own.text  # never "how would you put it in your own words?" after they did
    yes = coach.respond(s.id, "Yes! Exactly. Things in order.")
    state = coach.state(s.id)
    assert any("job is clean" in c["text"] for c in state.bedrock_confirmed), (yes.text, state.bedrock_confirmed)


def test_a_plain_no_still_asks_for_their_words(coach: Coach) -> None:
    s, _ = coach.start()
    coach.respond(s.id, "I teach year 9 maths.")
    offered = coach.respond(s.id, "I love it when a kid finally gets it. That has mattered to me my whole life.")
    assert offered.move is Move.CONFIRM_BEDROCK, offered.text
    no = coach.respond(s.id, "No, not really.")
    assert no.move is not Move.CONFIRM_BEDROCK, no.text


@pytest.mark.parametrize("said, bedrock", [
    ("if i had the money id do a little lunch place. soup and bread. thats it", False),  # that's all it would be
    ("Being useful to someone who's learning. That's it for me.", True),  # that's the heart of it
])
def test_thats_it_after_a_small_plan_is_not_bedrock(coach: Coach, said: str, bedrock: bool) -> None:
    s, _ = coach.start()
    coach.respond(s.id, "I'm a line cook, nine years now.")
    r = coach.respond(s.id, said)
    assert (r.move in ("confirm_bedrock", "lottery")) is bedrock, (r.move, r.text)
    if not bedrock:
        assert "runs deeper" not in r.text and "underneath it all" not in r.text, r.text


def test_just_listen_holds_for_the_next_turns(coach: Coach) -> None:
    s, _ = coach.start()
    coach.respond(s.id, "I'm a paramedic, eleven years.")
    coach.respond(s.id, "The shifts are killing me and my partner wants me to retrain as a nurse practitioner.")
    r = coach.respond(s.id, "can you stop asking questions and just listen for once")
    assert "?" not in r.text, r.text
    for said in ["last week I sat with a man for forty minutes waiting for the second crew and he held my hand.",
                 "that's the bit I'd miss. being the one who's there.",
                 "I don't know if a clinic would give me that."]:
        r = coach.respond(s.id, said)
        assert "?" not in r.text, (said, r.text)


def test_a_pointer_that_points_ahead_is_said_as_one(coach: Coach) -> None:
    s, _ = coach.start()
    coach.respond(s.id, "I'm a paramedic, eleven years.")
    r = coach.respond(s.id, "that's the bit I'd miss. being the one who's there.")
    assert "being the one who's there" in r.text and "miss being" not in r.text, r.text
