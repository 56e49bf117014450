"""The lottery question: asked when the future is open, and its answer (asked or not) taken."""

from __future__ import annotations

import re

from coach.policy.rules.readings import _OPEN_FUTURE, _THE_LOTTERY, answers_lottery, lottery_fits, role_first
from coach.policy.rules.turn import Turn
from coach.types import Cue, Kind, Move, Plan


def lottery_answer(t: Turn) -> Plan | None:
    if t.pending == "lottery" and answers_lottery(t.a):
        t.s.done.append("entail")
        return Plan(Move.ENTAIL, motivation=t.top, reason="lottery answered: what would that job entail?")
    return None


def lottery_answered_unasked(t: Turn) -> Plan | None:
    """ "If everyone resigned? The head of design." — answered before it was asked, or a turn or two after."""
    s, a = t.s, t.a
    said = _THE_LOTTERY.search(a.text) or ("lottery" in s.done and re.search(r"\bnot\b", a.text, re.I))
    if "entail" in s.done or not said or not role_first(a):
        return None
    s.done += ["lottery", "entail"]
    return Plan(Move.ENTAIL, motivation=t.top, reason="lottery answered: what would that job entail?")


def open_future(t: Turn) -> Plan | None:
    """ "I just don't know what's next": the future is open, which is what the lottery question is for."""
    s, a = t.s, t.a
    if not (lottery_fits(s, a, confirmed=False) and _OPEN_FUTURE.search(a.text) and s.turn >= 2
            and a.sentiment >= -0.2 and not a.has(Kind.QUESTION)):
        return None
    s.done.append("lottery")
    s.pending = "lottery"
    return Plan(Move.LOTTERY, motivation=t.top, cue=Cue.OPEN_FUTURE, reason="the future is open: the lottery question")

