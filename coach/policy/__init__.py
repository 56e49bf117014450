"""policy: which move next — an ordered table of small named rules (coach/policy/rules/, the table in its __init__).

    crisis ─► CRISIS (and stays there: no coaching after a crisis disclosure)
    empty / unreadable / other language ─► CLARIFY
    a question about who sees this ─► PRIVACY
    "what does a staff engineer do?" ─► ENTAIL (their own picture first)
    injection, advice request ─► ADVICE_REQUEST (transparent, question handed back)
    ── the last coach turn's pending question is taken here ──
    wrapping up ─► SUMMARIZE
    bedrock named in their own words, or a yes to a candidate ─► next technique (confirmed) · no ─► DEEPEN
    the lottery answered ─► ENTAIL
    idk / fine / one word ─► LOW_EFFORT (a new angle each time)
    "yeah" to a reflection ─► DEEPEN (ladder on)
    shame, money, leaving ─► NORMALIZE (once per theme)
    an earlier statement from memory fits ─► RECALL (at most once a session)
    high energy ─► PASSION (once)
    the mentee names an experiment ─► EXPERIMENT
    bedrock-like answer after some laddering ─► CONFIRM_BEDROCK
    influence/authority evidenced ─► INFLUENCE_AUTHORITY (once)
    an assumption ("have to", "the only way") ─► ASSUMPTION (once)
    ladder stalled ─► next technique (lottery, sweet spot, experiment)
    otherwise ─► DEEPEN: reflect, and every so often reflect only (no question)

The plan names the rule that fired (`Plan.rule`). The state is plain data saved with the session.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from coach.analyze.acts import NO_QUESTIONS
from coach.policy import rules
from coach.policy.rules import CONFIRM_AT, CONFIRM_AT_ONCE, STALL_DEPTH, STRONG, Turn
from coach.policy.state import State, evidence_dict
from coach.types import Analysis, Kind, Move, Plan

#: how many turns "just listen" holds; moves that would ask and become a reflection alone meanwhile
QUIET_TURNS = 3
_QUIETENED = frozenset({Move.DEEPEN, Move.LOTTERY, Move.ENTAIL, Move.INFLUENCE_AUTHORITY, Move.PASSION, Move.SWEET_SPOT,
                        Move.ASSUMPTION, Move.EXPERIMENT, Move.LOW_EFFORT, Move.NORMALIZE})

__all__ = ["CONFIRM_AT", "CONFIRM_AT_ONCE", "STALL_DEPTH", "STRONG", "Policy", "State"]


class Policy:
    def next_move(
        self,
        state: State,
        a: Analysis,
        *,
        turn_id: int | None = None,
        recall: dict[str, Any] | None = None,
    ) -> Plan:
        state.turn += 1
        self._record(state, a, turn_id)
        plan = self._choose(state, a, recall)
        plan = self._keep_quiet(state, a, plan)
        if state.candidate is not None and state.candidate.get("turn_id") is None:
            state.candidate["turn_id"] = turn_id
        state.last_move = plan.move.value
        state.last_turn_id = turn_id
        state.last_said = a.text[:1200]  # (a told moment lands at its end: "That. That is the whole job for me" needs it)
        state.last_motivation = plan.motivation.value if plan.motivation is not None else ""
        if plan.move in (Move.DEEPEN, Move.REFLECT):
            state.thread = plan.thread or state.thread
        return plan

    @staticmethod
    def _keep_quiet(s: State, a: Analysis, plan: Plan) -> Plan:
        """ "stop asking questions and just listen" holds for the next few turns, not only the one it was said in:
        a move that would ask becomes a reflection alone, until the wish runs out or they ask for a question back
        (a question of theirs, a request, a crisis and the summary are answered as ever)."""
        if NO_QUESTIONS.search(a.text):
            s.quiet = QUIET_TURNS
            return plan
        if s.quiet <= 0:
            return plan
        s.quiet -= 1
        if a.has(Kind.QUESTION) or plan.move not in _QUIETENED:
            return plan
        return replace(plan, move=Move.REFLECT, ask=False, complex=True, reason=plan.reason + "; asked for no questions")

    # -- bookkeeping: what the mentee has said, for summaries and the side panel --------------
    @staticmethod
    def _record(s: State, a: Analysis, turn_id: int | None) -> None:
        for hit in a.motivations:
            quotes = s.motivations.setdefault(hit.motivation.value, [])
            if all(q["text"] != hit.evidence.text for q in quotes):
                quotes.append(evidence_dict(hit.evidence, turn_id) | {"confidence": hit.confidence})
        if a.goal:
            s.goals.append({"text": a.goal, "turn_id": turn_id})
        if a.energy >= 0.5:
            s.energy_topics.append({"text": a.text[:160], "turn_id": turn_id, "cues": a.energy_cues})
        if a.has(Kind.EXPERIMENT):
            s.experiments.append({"text": a.text[:200], "turn_id": turn_id})
        for r in a.roles:
            if r not in s.roles:
                s.roles.append(r)
        from coach.mentor.values import values

        spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]*", a.text) if m.group(0).strip()]
        for v in values(a.text, spans, a, after_question=s.last_asked):
            s.values.append({"phrase": v.phrase[:160], "turn_id": turn_id})
        del s.values[:-12]  # bounded: the state is saved every turn

    @staticmethod
    def _choose(s: State, a: Analysis, recall: dict[str, Any] | None) -> Plan:
        t = Turn(s, a, recall, pending=s.pending)
        for rule in rules.BEFORE_PENDING:
            plan = rule(t)
            if plan is not None:
                if rule is rules.crisis:
                    s.pending = ""
                plan.rule = rule.__name__
                return plan
        s.pending = ""
        for rule in rules.RULES:
            plan = rule(t)
            if plan is not None:
                plan.rule = plan.rule or rule.__name__
                return plan
        raise AssertionError("the ladder rule always answers")  # pragma: no cover
