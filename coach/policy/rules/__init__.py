"""The policy's rules: small named functions, each `rule(t) -> Plan | None`, tried in the order of RULES.

The first rule that returns a plan decides the move; its name goes into `Plan.rule` (and `chat --json`).
A rule may update the session state it owns (techniques done, the ladder's depth, what is pending).
The order is data — the table at the bottom — so a rule can be read, tested and moved on its own.

One family a module: fixed.py (safety and the fixed moves), bedrock.py, lottery.py, talking.py (how the
mentee is talking), ladder.py (probes, a stalled thread, the default); what they share is in turn.py
(`Turn`, thresholds), readings.py (cues and readings of a message) and techniques.py.
"""

from __future__ import annotations

from coach.policy.rules.bedrock import bedrock_answer, confirm_bedrock, explicit_bedrock, own_bedrock
from coach.policy.rules.fixed import (
    about_coach,
    advice_request,
    boundary,
    closing,
    complaint,
    correction,
    crisis,
    goodbye,
    info_request,
    life_event,
    long_paste,
    privacy,
    small_talk,
    unreadable,
)
from coach.policy.rules.ladder import assumption, influence_authority, ladder, stalled
from coach.policy.rules.lottery import lottery_answer, lottery_answered_unasked, open_future
from coach.policy.rules.readings import angle
from coach.policy.rules.talking import (
    agreed,
    experiment_named,
    low_effort,
    mixed_language,
    normalize,
    passion,
    recall,
    wander,
)
from coach.policy.rules.techniques import after_bedrock, next_technique
from coach.policy.rules.turn import CONFIRM_AT, CONFIRM_AT_ONCE, STALL_DEPTH, STRONG, Rule, Turn
from coach.types import Plan

__all__ = [
    # the table and what a rule is
    "BEFORE_PENDING", "RULES", "Rule", "Turn", "Plan",
    "STRONG", "CONFIRM_AT", "CONFIRM_AT_ONCE", "STALL_DEPTH",
    # what the rules share
    "angle", "next_technique",
    # the rules, as in the table
    "crisis", "unreadable", "privacy", "info_request", "about_coach", "complaint", "long_paste", "advice_request",
    "closing", "correction", "own_bedrock", "bedrock_answer", "lottery_answer", "lottery_answered_unasked", "after_bedrock",
    "explicit_bedrock", "mixed_language", "boundary", "small_talk", "life_event", "low_effort", "agreed", "wander",
    "normalize", "recall", "passion", "experiment_named", "confirm_bedrock", "influence_authority", "assumption",
    "stalled", "open_future", "ladder",
]


# ---- the order -----------------------------------------------------------------------------------

#: Rules tried before the last coach turn's pending question is taken; they leave it pending.
BEFORE_PENDING: tuple[Rule, ...] = (crisis, unreadable, privacy, info_request, about_coach, complaint, long_paste,
                                    goodbye, advice_request)  # ("thank you for not decide for me": a goodbye, no request)

#: Then, first match wins. `ladder` always answers.
RULES: tuple[Rule, ...] = (
    closing,
    goodbye,
    correction,
    own_bedrock,
    bedrock_answer,
    lottery_answer,
    lottery_answered_unasked,
    after_bedrock,
    explicit_bedrock,
    life_event,  # news or a loss, met first: "my student got into the national ballet!!! I cried" in two languages
    mixed_language,  # (the note that coaching is in English waits a turn)
    boundary,
    small_talk,
    low_effort,
    agreed,
    wander,
    normalize,
    recall,
    passion,
    experiment_named,
    confirm_bedrock,
    influence_authority,
    assumption,
    stalled,
    open_future,
    ladder,
)
