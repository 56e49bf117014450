"""How a rule hit and the detector's probability make one decision, with thresholds from calibration.

For each blocking label the detector scores (advice, judgment, leading question), per sentence:

    flagged = p >= veto          if a rule matched   (the detector can overrule a rule only when it is
                                                      all but sure the rule misfired)
              no                 if shielded         (the rules know the form is safe: a playback, care)
              p >= max(add, wary) if wary            (the sentence reads more like a good move, or a
                                                      judgment names no one: a clearer lead is needed)
              p >= add           otherwise           (the detector catches what the rules do not know)

`add` and `wary` are chosen by `python -m coach.guard.train` on the calibration lines, the train
lines read out of fold and the forum's dev split (never the held-out lines nor the forum's test
split) and stored in `calibration.json` beside this module: the highest mean F1 of the three labels
(and of forum advice), with at most MAX_FALSE_ALARMS of the calibration split's good reflections and
open questions flagged, no more good out-of-fold lines flagged than the previous combination, and
none of the house voice's lines (train.calibrate). `veto` stays 0 (measured: see train.py). A detector
flag is also withheld where the rules know it is not the coach speaking: a sentence that plays back
the mentee's own statement, and the allowed imperatives of crisis care ("please call 988").
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CALIBRATION_FILE = "calibration.json"
#: Labels decided by rules + detector together (the others come from the rules alone).
COMBINED = ("advice", "judgment", "leading_question")
#: The most good lines (reflections, open questions) calibration lets be flagged, by any label together.
MAX_FALSE_ALARMS = 0.02

__all__ = ["COMBINED", "Thresholds", "calibrating", "decide", "enabled", "reads_all", "unfinished", "thresholds", "writing"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    add: float = 1.01  # above 1: the detector never adds a flag
    veto: float = 0.0  # 0: the detector never overrules a rule
    wary: float = 1.01  # where the sentence reads more like a good move: above 1, never


RULES_ONLY = Thresholds()


@lru_cache(maxsize=1)
def thresholds() -> dict[str, Thresholds]:
    """The calibrated thresholds; rules-only for a label the file does not name."""
    ref = resources.files("coach.guard").joinpath(CALIBRATION_FILE)
    data = json.loads(ref.read_text(encoding="utf-8")) if ref.is_file() else {}
    return {label: Thresholds(**data["labels"][label]) if label in data.get("labels", {}) else RULES_ONLY
            for label in COMBINED}


def enabled() -> bool:
    """False when COACH_GUARD_DETECTOR=off: the rules alone (to compare, or on a machine without onnx)."""
    return os.environ.get("COACH_GUARD_DETECTOR", "").strip().lower() not in ("off", "0", "false", "no")


def decide(rule: bool, p: float, th: Thresholds, *, shielded: bool = False, wary: bool = False) -> bool:
    """One label for one sentence: a rule hit stands unless p < veto; else, unless shielded, p >= add
    flags it (p >= wary where the sentence is one the detector must be surer about)."""
    if rule:
        return p >= th.veto
    if shielded:
        return False
    return p >= (max(th.add, th.wary) if wary else th.add)


# A streamed reply is checked again at every new word. The words of the sentence still being written
# are read by the rules alone: the detector reads a sentence once it is complete (and remembers it),
# and a flag then takes back the words shown so far (coach/realize/llm/live.py). Without this, each
# new word would cost a detector run (~1.7 ms, more while a local model server holds the cores).
_WRITING: ContextVar[bool] = ContextVar("guard_writing", default=False)


@contextmanager
def writing() -> Iterator[None]:
    """Within this block, check() leaves the last (unfinished) sentence of a text to the rules."""
    token = _WRITING.set(True)
    try:
        yield
    finally:
        _WRITING.reset(token)


def unfinished() -> bool:
    return _WRITING.get()


# Calibration must see the detector's score wherever a threshold could use it, including where the
# current calibration.json never would (a judgment naming no one, while its wary threshold is off).
_CALIBRATING: ContextVar[bool] = ContextVar("guard_calibrating", default=False)


@contextmanager
def calibrating() -> Iterator[None]:
    """Within this block the detector reads every sentence a threshold could flag (coach.guard.train)."""
    token = _CALIBRATING.set(True)
    try:
        yield
    finally:
        _CALIBRATING.reset(token)


def reads_all() -> bool:
    return _CALIBRATING.get()
