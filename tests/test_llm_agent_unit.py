"""The agent's LLM path with a scripted model: shown, revised, fallback, failures, what is stored.

The real-server tests (test_llm_agent.py) show the same against SmolLM2, whose replies vary;
here each path is forced, so each can be checked exactly: the Drafts a mentee sees while the
reply streams, the one screen change a revision or fallback makes, and the guard event recorded.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from coach import guard
from coach.agent import Coach
from coach.realize.llm import LLMRealizer
from coach.store.sql import Store
from coach.types import Draft, Move, Reply
from llm_fakes import ScriptedChatModel
from test_llm_unit import settings

GOAL = "I'd like to run the platform team one day."
CLEAN = "Running the platform team is what you're reaching for. What draws you to that?"
ADVICE = "Running the team matters to you. You should ask your manager for a promotion."
OTHER_ADVICE = "You could ask for the role. Try talking to your director."


def voiced_coach(tmp_path: Path, script: list[str | BaseException]) -> tuple[Coach, ScriptedChatModel]:
    model = ScriptedChatModel(script)
    s = settings(tmp_path)
    coach = Coach(Store(s.db_path), realizer=LLMRealizer(s, chat_model=model), memory=None, settings=s)
    return coach, model


def run(coach: Coach, text: str) -> tuple[list[str], Reply]:
    session, _ = coach.start()
    items = list(coach.respond_stream(session.id, text))
    reply = items[-1]
    assert isinstance(reply, Reply)
    drafts = [i.text for i in items[:-1] if isinstance(i, Draft)]
    assert len(drafts) == len(items) - 1
    return drafts, reply


def stored_event(coach: Coach, reply: Reply) -> dict:
    turn = coach.store.get_turn(reply.coach_turn_id)
    return turn.guard if isinstance(turn.guard, dict) else json.loads(turn.guard)


def assert_every_state_passed(drafts: list[str], text: str) -> None:
    for d in drafts:
        assert not d or guard.check(d, mentee_text=text).ok, d


def test_a_clean_reply_streams_word_by_word_and_is_shown_as_written(tmp_path: Path) -> None:
    coach, model = voiced_coach(tmp_path, [CLEAN])
    drafts, reply = run(coach, GOAL)
    assert reply.plan is not None and reply.plan.move not in (Move.CRISIS, Move.OPEN)
    assert len(model.history) == 1
    assert len(drafts) > 3 and all(b.startswith(a) for a, b in itertools.pairwise(drafts))
    assert any(d[-1] not in ".?!" for d in drafts)  # words before their sentence ended
    assert drafts[-1] == reply.text == CLEAN
    assert reply.guard is not None and reply.guard.action == "shown" and not reply.notice
    assert reply.guard.model_raw == CLEAN
    assert stored_event(coach, reply)["action"] == "shown"


def test_a_flagged_draft_is_revised_once_and_the_screen_changes_once(tmp_path: Path) -> None:
    coach, model = voiced_coach(tmp_path, [ADVICE, CLEAN])
    drafts, reply = run(coach, GOAL)
    assert_every_state_passed(drafts, GOAL)
    assert not any("should" in d for d in drafts)
    assert drafts[-1] == reply.text == CLEAN
    # The revision is not retyped word by word: it appears once, whole.
    assert sum(1 for d in drafts if CLEAN.startswith(d) and d != CLEAN and len(d) > 20) == 0
    assert reply.guard is not None and reply.guard.action == "revised"
    assert "You should ask your manager" in reply.guard.raw and reply.guard.revised == CLEAN
    assert "should" in reply.guard.verdict.reason or "advice" in reply.guard.verdict.labels
    # The revise prompt carried the draft and the guard's reason.
    assert len(model.history) == 2 and "You should ask your manager" in model.sent_text[1]
    event = stored_event(coach, reply)
    assert event["action"] == "revised" and event["shown"] == CLEAN and event["model_raw"] == ADVICE


def test_a_revision_that_fails_too_falls_back_to_the_offline_voice(tmp_path: Path) -> None:
    coach, _ = voiced_coach(tmp_path, [ADVICE, OTHER_ADVICE])
    drafts, reply = run(coach, GOAL)
    assert_every_state_passed(drafts, GOAL)
    assert reply.guard is not None and reply.guard.action == "fallback"
    assert drafts[-1] == reply.text and guard.check(reply.text, mentee_text=GOAL).ok
    assert "Try" not in reply.text and "should" not in reply.text
    assert not reply.notice  # the model answered; the guard decided: nothing for the user to fix
    assert stored_event(coach, reply)["action"] == "fallback"


@pytest.mark.parametrize(
    ("script", "says"),
    [
        ([ValueError("bad json")], "unreadable"),
        (["Your move:\n<mentee_message>\n</mentee_message>"], "nothing usable"),
        (["You're not alone in this decision-making process. This is a personal journey."], "nothing usable"),
    ],
)
def test_a_failing_or_garbage_model_gives_the_offline_voice_with_a_notice(
    tmp_path: Path, script: list[str | BaseException], says: str
) -> None:
    coach, _ = voiced_coach(tmp_path, script)
    drafts, reply = run(coach, GOAL)
    assert reply.text.strip() and drafts[-1] == reply.text
    assert reply.guard is not None and reply.guard.action == "fallback"
    assert says in reply.notice and reply.notice.endswith("This reply is in the offline voice.")
    assert "\n" not in reply.notice
    mentee = [t.text for t in coach.store.turns(reply_session(coach, reply)) if t.role == "mentee"]
    assert mentee == [GOAL]


def reply_session(coach: Coach, reply: Reply) -> str:
    return coach.store.get_turn(reply.coach_turn_id).session_id
