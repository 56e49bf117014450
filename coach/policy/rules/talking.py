"""How the mentee is talking: shrugs, agreement, wandering, shame, a fitting memory, two languages,
energy, an experiment named."""

from __future__ import annotations

import re

from coach.policy.rules.readings import _WANDER, angle, lottery_fits, shame_theme
from coach.policy.rules.techniques import next_technique
from coach.policy.rules.turn import STALL_DEPTH, Turn
from coach.types import Act, Cue, Evidence, Kind, Move, Plan


def low_effort(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if not a.has(Kind.LOW_EFFORT) or (a.has(Kind.AFFIRM) and s.last_move == Move.REFLECT.value):
        s.low_effort_streak = 0  # an answer with something in it ends a streak of shrugs
        return None
    s.low_effort_streak += 1
    return Plan(Move.LOW_EFFORT, reason=f"low-effort answer #{s.low_effort_streak}: a new angle")


def agreed(t: Turn) -> Plan | None:
    """ "Yeah." to a reflection: ladder on from what was played back — or, after a long thread, the
    natural pause for a new angle."""
    s, a = t.s, t.a
    if not (a.has(Kind.AFFIRM) and s.last_move == Move.REFLECT.value and len(a.text.split()) <= 4):
        return None
    if s.depth >= STALL_DEPTH and lottery_fits(s, a, confirmed=False):
        s.thread, s.depth = "", 0
        return next_technique(t, confirmed=False)
    s.depth += 1
    return Plan(Move.DEEPEN, motivation=t.top, thread=s.thread, depth=s.depth, cue=Cue.AGREED,
                reason="agreed with a reflection: ladder on")


def wander(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if not (_WANDER.search(a.text) and len(a.text.split()) <= 14 and "wander" not in s.done):
        return None
    s.done.append("wander")
    s.thread, s.depth = "", 0
    return Plan(Move.DEEPEN, motivation=None, thread="", depth=0, cue=Cue.WANDER,
                reason="apology for wandering: no need, find the thread")


def normalize(t: Turn) -> Plan | None:
    """Money, ambition, leaving: taken without shame, once per theme."""
    theme = shame_theme(t.a)
    if not theme or f"normalize:{theme}" in t.s.done:
        return None
    t.s.done.append(f"normalize:{theme}")
    return Plan(Move.NORMALIZE, motivation=t.top, thread=t.a.topic or t.s.thread, theme=theme,
                reason=f"normalize {theme}")


def recall(t: Turn) -> Plan | None:
    """An earlier session's statement that fits, played back once a session — only over a plain statement
    (a fear, a denial or someone else's view is answered for what it is) and never the same words again."""
    s, r = t.s, t.recall
    if not (r and s.recalls == 0 and s.turn >= 2 and t.a.motivations):
        return None
    if t.a.hearing.act is not Act.STATEMENT or angle(t.a)[0] is not Cue.NONE:
        return None
    if _same_words(r["text"], t.a.text):
        return None  # said again, not recalled: "you said X" after X is an echo
    s.recalls += 1
    return Plan(Move.RECALL, motivation=t.top, recall=Evidence(r["text"], turn_id=r.get("turn_id")),
                recall_date=r.get("date", ""), reason="an earlier statement fits")


def _same_words(x: str, y: str) -> bool:
    wx, wy = set(re.findall(r"[a-z']+", x.lower())), set(re.findall(r"[a-z']+", y.lower()))
    return bool(wx and wy) and len(wx & wy) / len(wx | wy) >= 0.8


def mixed_language(t: Turn) -> Plan | None:
    """ "Quiero ser manager porque I like helping people grow": said plainly, once, that coaching is in
    English for now (in their language where we can), and only the English part reflected."""
    s, a = t.s, t.a
    if not a.hearing.mixed or "mixed_language" in s.done:
        return None
    s.done.append("mixed_language")
    return Plan(Move.DEEPEN, motivation=t.top, thread=s.thread or a.topic, depth=s.depth, cue=Cue.MIXED_LANGUAGE,
                reason="two languages: say coaching is in English for now, reflect the English part")


def passion(t: Turn) -> Plan | None:
    if t.a.energy < 0.5 or "passion" in t.s.done:
        return None
    if t.a.sentiment < 0 or any(f.valence < 0 for f in t.a.hearing.feelings):
        return None  # "I'm so ANGRY!!" is energy, but not the kind that lights someone up
    if t.a.hearing.ironic:
        return None  # "they said im 'so valuable on the platform'. which is very sweet. love being valuable": the sting, not a spark
    t.s.done.append("passion")
    return Plan(Move.PASSION, motivation=t.top, complex=True, reason="energy: " + ", ".join(t.a.energy_cues))


def experiment_named(t: Turn) -> Plan | None:
    s = t.s
    # their answer to "what would you hope to learn?" is not a new experiment
    if not (t.a.has(Kind.EXPERIMENT) and s.done.count("experiment_named") < 2 and s.last_move != Move.EXPERIMENT.value):
        return None
    s.done.append("experiment_named")
    return Plan(Move.EXPERIMENT, motivation=t.top, reason="the mentee named an experiment")

