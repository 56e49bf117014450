"""After a confirmed bedrock or a stalled ladder: the next technique (lottery, sweet spot, experiment)."""

from __future__ import annotations

from coach.policy.rules.readings import _OPEN_FUTURE, lottery_fits
from coach.policy.rules.turn import Turn
from coach.types import Cue, Kind, Move, Plan


def next_technique(t: Turn, *, confirmed: bool) -> Plan:
    """After a confirmed bedrock or a stalled ladder: the lottery question, the sweet spot, an
    experiment — each once — then a new thread."""
    s, a, top = t.s, t.a, t.top
    cue = Cue.BEDROCK_CONFIRMED if confirmed else Cue.STALLED
    why = "bedrock confirmed" if confirmed else "ladder stalled"
    if confirmed and "after_bedrock" not in s.done:
        # a bedrock just confirmed is not the moment for "imagine everyone won the lottery": it is said back in their
        # words and left to land, with no question on top; the lottery question waits for a stall
        s.done.append("after_bedrock")
        s.depth = 1
        s.reflect_only_turns += 1
        s.pending = "after_bedrock"
        return Plan(Move.REFLECT, motivation=top, ask=False, complex=True, thread=a.topic, depth=1, cue=cue,
                    reason=f"{why}: said back, and left to land")
    if "lottery" not in s.done and (confirmed or lottery_fits(s, a, confirmed=False)):
        s.done.append("lottery")
        s.pending = "lottery"
        # ("…i dont know what i want is the truth" at a stall: the open future is why it fits, and the bridge says so)
        fit = Cue.OPEN_FUTURE if not confirmed and _OPEN_FUTURE.search(a.text) else cue
        return Plan(Move.LOTTERY, motivation=top, cue=fit, technique="lottery", reason=f"{why}: the lottery question")
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



def after_bedrock(t: Turn) -> Plan | None:
    """ "Yeah." after a confirmed bedrock was said back: now the next technique (the lottery question). Anything
    more they say is their own next thought, and the ladder follows it."""
    a = t.a
    if t.pending != "after_bedrock":
        return None
    if not (a.has(Kind.AFFIRM) or a.has(Kind.LOW_EFFORT) or len(a.text.split()) <= 4) or a.hearing.feelings:
        return None
    return next_technique(t, confirmed=True)
