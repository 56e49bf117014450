"""After a confirmed bedrock or a stalled ladder: the next technique (lottery, sweet spot, experiment)."""

from __future__ import annotations

from coach.policy.rules.readings import lottery_fits
from coach.policy.rules.turn import Turn
from coach.types import Cue, Move, Plan


def next_technique(t: Turn, *, confirmed: bool) -> Plan:
    """After a confirmed bedrock or a stalled ladder: the lottery question, the sweet spot, an
    experiment — each once — then a new thread."""
    s, a, top = t.s, t.a, t.top
    cue = Cue.BEDROCK_CONFIRMED if confirmed else Cue.STALLED
    why = "bedrock confirmed" if confirmed else "ladder stalled"
    if "lottery" not in s.done and (confirmed or lottery_fits(s, a, confirmed=False)):
        s.done.append("lottery")
        s.pending = "lottery"
        return Plan(Move.LOTTERY, motivation=top, cue=cue, technique="lottery", reason=f"{why}: the lottery question")
    if "sweet_spot" not in s.done:
        s.done.append("sweet_spot")
        return Plan(Move.SWEET_SPOT, motivation=top, cue=cue, technique="sweet_spot",
                    reason=f"{why}: interests x strengths x needs")
    if "experiment" not in s.done and "experiment_named" not in s.done:
        s.done.append("experiment")
        return Plan(Move.EXPERIMENT, motivation=top, cue=cue, technique="experiment",
                    reason=f"{why}: invite an experiment")
    s.depth = 1
    return Plan(Move.DEEPEN, motivation=top, thread=a.topic, depth=1, cue=cue, reason=f"{why}: open a new thread")

