"""The mentor mirror: feedback on a real career conversation a mentor held.

    parse.py     transcripts in (text `Name: line`, WebVTT, SRT, JSONL) -> Transcript
    rules.py     the first sentence classifier: the guard's verdict + the mirror's cues
    label.py     the Classifier seam, and sentences -> context -> labelled turns
    metrics.py   the summary a mentor can act on (R:Q, talk share, ladder depth, ...)
    moments.py   missed moments (a motivation the mentor moved past) and non-advising rewrites
    report.py    the whole run (`mirror_transcript`) and the Markdown report

The learned detector (`coach.guard.detector`, same `classify(texts)` signature) plugs in through
`default_classifier()`: one place to switch.
"""

from __future__ import annotations

from coach.mentor.mirror.label import Classifier, Labeller
from coach.mentor.mirror.rules import RuleClassifier
from coach.mentor.mirror.types import (
    LABELS,
    MirrorReport,
    Transcript,
    TranscriptError,
    Turn,
    Utterance,
)

__all__ = [
    "LABELS",
    "Classifier",
    "Labeller",
    "MirrorReport",
    "RuleClassifier",
    "Transcript",
    "TranscriptError",
    "Turn",
    "Utterance",
    "default_classifier",
]


def default_classifier() -> Classifier:
    """The sentence classifier the mirror uses unless told otherwise."""
    return RuleClassifier()
