"""Plain data of the mentor mirror: a transcript in, labelled turns and a summary out.

Every type has `to_dict()` for the `--json` contract (`{"utterances": [...], "summary": {...}}`);
fields are only ever added, never renamed (DESIGN.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from coach.errors import CoachError

#: The mirror's labels for a mentor turn, in the order they are reported (DESIGN.md `coach mirror`).
LABELS: tuple[str, ...] = (
    "open_question",
    "closed_question",
    "leading_question",
    "simple_reflection",
    "complex_reflection",
    "advice",
    "judgment",
    "information",
    "affirmation",
    "other",
)
QUESTIONS = frozenset({"open_question", "closed_question", "leading_question"})
REFLECTIONS = frozenset({"simple_reflection", "complex_reflection"})
#: The four behaviour groups coders of counselling talk use (question / reflection / input / other).
BEHAVIOUR: dict[str, str] = {
    "open_question": "question",
    "closed_question": "question",
    "leading_question": "question",
    "simple_reflection": "reflection",
    "complex_reflection": "reflection",
    "advice": "input",
    "judgment": "input",
    "information": "input",
    "affirmation": "other",
    "other": "other",
}
BEHAVIOURS: tuple[str, ...] = ("question", "reflection", "input", "other")


class TranscriptError(CoachError):
    """A transcript file is empty, binary, too big or malformed; the message says where and how to fix it."""


@dataclass(slots=True)
class Utterance:
    """One turn as the transcript gave it: who spoke, what they said, where it came from."""

    index: int
    speaker: str
    text: str
    line: int = 0  # the line of the file the turn starts on (1-based), for error messages and reports
    start: float | None = None  # seconds, when the format has timings (WebVTT, SRT, JSONL "start")
    end: float | None = None


@dataclass(slots=True)
class Transcript:
    utterances: list[Utterance]
    format: str  # text | webvtt | srt | jsonl
    source: str = ""  # the file name, when there is one
    notes: list[str] = field(default_factory=list)  # what the parser skipped or assumed

    @property
    def speakers(self) -> list[str]:
        """Speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for u in self.utterances:
            seen.setdefault(u.speaker, None)
        return list(seen)


@dataclass(slots=True)
class LabelEvidence:
    """Why one label was given: the words that carry it, in which sentence, and the reason."""

    label: str
    words: str
    reason: str
    sentence: int = 0  # index of the sentence within the turn
    score: float = 1.0


@dataclass(slots=True)
class Turn:
    """A labelled turn of the conversation (mentee turns carry no labels)."""

    index: int
    speaker: str
    text: str
    role: str  # mentor | mentee
    labels: list[str] = field(default_factory=list)
    behaviour: str | None = None  # question | reflection | input | other (mentor turns only)
    evidence: list[LabelEvidence] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)  # [{"text", "labels"}] (mentor turns)
    words: int = 0
    advice_asked: bool = False  # advice given right after the mentee asked for it
    start: float | None = None
    end: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.start is None:
            d.pop("start")
            d.pop("end")
        return d


@dataclass(slots=True)
class MissedMoment:
    """The mentee said something with a motivation in it and the mentor moved on."""

    turn: int  # the mentee's turn
    speaker: str
    line: str
    motivation: str
    evidence: str  # the mentee's words that carry the motivation
    mentor_turn: int
    mentor_reply: str
    why_question: str  # a guard-clean "why" the mentor could have asked

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Rewrite:
    """An advice or judgment line and a non-advising alternative built from the mentee's words."""

    turn: int
    text: str
    labels: list[str]
    asked: bool  # the mentee had asked for advice just before
    mentee_words: str  # what the mentee had just said (the material of the alternative)
    alternative: str
    alternative_labels: list[str]  # the guard's reading of the alternative (never advice or judgment)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Summary:
    mentor: str
    mentees: list[str]
    mentor_chosen_by: str  # flag | prompt | most_questions
    format: str
    turns: dict[str, int]  # {"mentor": n, "mentee": n}
    words: dict[str, int]
    label_counts: dict[str, int]  # mentor turns carrying each label
    behaviour_counts: dict[str, int]  # mentor turns by main behaviour
    reflections: int
    questions: int
    reflection_question_ratio: float | None  # None when the mentor asked no question
    complex_reflection_pct: float | None
    open_question_pct: float | None
    advice: int  # advice the mentee had not asked for
    advice_asked: int  # advice right after the mentee asked for it
    judgment: int
    talk_share: float  # mentor's words / all words
    longest_monologue: dict[str, Any]
    ladder_depth: int
    ladder: dict[str, Any]
    expectations_set: bool
    expectations_line: str
    confidentiality_set: bool
    confidentiality_line: str
    missed_moments: list[MissedMoment]
    rewrites: list[Rewrite]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class MirrorReport:
    turns: list[Turn]
    summary: Summary
    source: str = ""
    labeller: str = ""  # which classifier labelled the sentences

    def to_dict(self) -> dict[str, Any]:
        """The `--json` contract: every turn of every speaker in order, then the summary."""
        return {
            "utterances": [t.to_dict() for t in self.turns],
            "summary": self.summary.to_dict(),
            "source": self.source,
            "labeller": self.labeller,
        }
