"""Datasets: JSONL files under evals/datasets/, loaded and validated into typed samples.

Each dataset is one JSONL file, one sample a line. `load(name)` parses it with a pydantic model and
raises `DatasetError` naming the file and line when a row is malformed, so a bad edit fails at load
time, not halfway through a run. `validate(name)` adds the dataset-level rules (minimum size, balance,
unique ids) that a row-level schema cannot see.

    advice_bait   {"id", "text", "category"}                     single mentee messages that bait advice
    personas      {"id", "persona", "turns": [...], "expect"}    scripted multi-turn mentees
    playback      {"id", "turns": [...], "note"}                 mentee lines whose playback is checked
    motivations   {"id", "text", "labels": [...]}                labelled sentences, multi-label
    detector      {"text", "mentee_text"?, "advice", "judgment", "question_type", "category"}
                  (written by the guard engineer; ids are assigned from the line number)
    mirror        {"id", "style", "split", "domain", "mentor", "turns": [{"speaker", "text", "labels"}]}
                  labelled mentoring conversations; "split" is "dev" (may be tuned on) or "heldout"
                  (reported, never tuned on)

Codebook of the mirror labels (a mentor turn carries every label one of its sentences carries; the
first label is the turn's main behaviour; mentee turns have none):

    open_question       invites a free answer: what / how / why, "tell me more about ..."
    closed_question     yes/no or a short fact ("Do you mentor all three?", "By when?", "Which
                        one?"), also a bare check ("Is that close?", "Did I miss anything?")
    leading_question    pushes the answer it wants ("Don't you think ...?", "..., right?"); a question
                        that carries a suggestion is leading_question + advice
    simple_reflection   restates what the mentee said, adding little; an echo ("Thursday, then.")
    complex_reflection  adds the meaning, feeling or the unsaid; double-sided; a summary
    advice              tells or steers what to do, also as a question or a generic maxim
    judgment            a verdict on the mentee's goals, choices, feelings or future, for or against
                        ("That'd be a waste", "Bored is normal", "You're going to be a great lead")
    information         facts, how things work, the mentor's own story; a short statement that only
                        backs up advice or a judgment in the same turn is part of it
    affirmation         recognises the mentee's effort, strengths, values or courage
    other               greetings, backchannels, small talk, structure and ground rules, when
                        nothing else applies

The hearing corpus is not here: it is tests/conversations/h_*.jsonl, one conversation per file (format in
that folder's README.md), read by `load_hearing()`. It lives with the tests so the conversation tests and the
`hearing` eval read the same files; an installed wheel has no tests folder, so the suite is skipped there.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coach.errors import CoachError

__all__ = [
    "BAIT_CATEGORIES",
    "MOTIVATION_LABELS",
    "AdviceBait",
    "DatasetError",
    "DatasetSkipped",
    "DetectorSample",
    "HearingConversation",
    "MotivationSample",
    "Persona",
    "MirrorConversation",
    "MIRROR_LABELS",
    "PlaybackSample",
    "dataset_path",
    "hearing_dir",
    "load",
    "load_hearing",
    "validate",
    "validate_hearing",
]


class DatasetError(CoachError):
    """A dataset file is missing, malformed, or breaks a dataset-level rule."""


class DatasetSkipped(DatasetError):
    """A dataset that only exists in a source checkout is absent here (an installed wheel): skip, don't fail."""


BAIT_CATEGORIES = (
    "direct",
    "pressure",
    "authority",
    "roleplay",
    "injection",
    "emotional",
    "money",
    "leaving",
    "ambition",
    "validation",
    "information",
)

MOTIVATION_LABELS = (
    "influence",
    "authority",
    "recognition",
    "growth",
    "autonomy",
    "meaning",
    "compensation",
    "next_rung",
    "none",
)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AdviceBait(_Row):
    id: str
    text: str = Field(min_length=1)
    category: Literal[BAIT_CATEGORIES]  # type: ignore[valid-type]


class Expect(_Row):
    """What a persona's session must show. Unset optional keys are not checked."""

    bedrock_confirm: bool  # True: the coach offers a bedrock statement back to confirm
    crisis: bool  # True: crisis handling happens; False: it must not (no false alarm)
    advice_request: bool | None = None  # True: the coach answers an advice request openly
    low_effort: bool | None = None  # True: the coach changes angle on low-effort answers
    normalize: bool | None = None  # True: the coach takes the shame out of money/ambition/leaving
    lottery: bool | None = None  # True: the mentee answers the lottery question


class Persona(_Row):
    id: str
    persona: str = Field(min_length=10)
    turns: list[str] = Field(min_length=6, max_length=25)
    expect: Expect

    @field_validator("turns")
    @classmethod
    def _no_blank_turns(cls, turns: list[str]) -> list[str]:
        if any(not t.strip() for t in turns):
            raise ValueError("blank mentee turn")
        return turns


class PlaybackSample(_Row):
    id: str
    turns: list[str] = Field(min_length=1, max_length=5)
    note: str = ""


class MotivationSample(_Row):
    id: str
    text: str = Field(min_length=1)
    labels: list[Literal[MOTIVATION_LABELS]] = Field(min_length=1)  # type: ignore[valid-type]

    @field_validator("labels")
    @classmethod
    def _none_is_exclusive(cls, labels: list[str]) -> list[str]:
        if "none" in labels and len(labels) > 1:
            raise ValueError("'none' cannot be combined with a motivation")
        if len(set(labels)) != len(labels):
            raise ValueError("duplicate label")
        return labels


class DetectorSample(_Row):
    model_config = ConfigDict(extra="ignore", frozen=True)  # the guard engineer owns this schema

    id: str
    text: str = Field(min_length=1)
    mentee_text: str = ""
    advice: bool
    judgment: bool
    question_type: Literal["none", "open", "closed", "leading", "multiple"]
    category: str = ""

    @model_validator(mode="before")
    @classmethod
    def _null_mentee_text(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("mentee_text") is None:
            data = {**data, "mentee_text": ""}
        return data


MIRROR_LABELS = (
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


class MirrorTurn(_Row):
    speaker: str = Field(min_length=1)
    text: str = Field(min_length=1)
    labels: list[Literal[MIRROR_LABELS]] = []  # type: ignore[valid-type]


class MirrorConversation(_Row):
    id: str
    style: str
    split: Literal["dev", "heldout"]
    domain: str = ""
    mentor: str
    turns: list[MirrorTurn] = Field(min_length=4)

    @model_validator(mode="after")
    def _mentor_turns_labelled(self) -> MirrorConversation:
        for i, t in enumerate(self.turns):
            if (t.speaker == self.mentor) != bool(t.labels):
                who = "mentor" if t.speaker == self.mentor else "mentee"
                raise ValueError(f"turn {i}: a {who} turn must {'' if who == 'mentor' else 'not '}carry labels")
        return self


MODELS: dict[str, type[_Row]] = {
    "advice_bait": AdviceBait,
    "personas": Persona,
    "playback": PlaybackSample,
    "motivations": MotivationSample,
    "detector": DetectorSample,
    "mirror": MirrorConversation,
}


def datasets_dir() -> Traversable:
    """Where the JSONL files live, resolved at run time (checkout, editable install or wheel)."""
    return files("evals") / "datasets"


def dataset_path(name: str) -> Path:
    return Path(str(datasets_dir() / f"{name}.jsonl"))


def load(name: str, path: Path | None = None) -> list:
    """Parse and validate every row of dataset `name` (or of `path`, with `name`'s schema)."""
    if name not in MODELS:
        raise DatasetError(f"Unknown dataset '{name}'. Known: {', '.join(MODELS)}.")
    model = MODELS[name]
    path = path or dataset_path(name)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DatasetError(f"Dataset file {path} is missing.") from None
    rows = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{lineno}: not JSON ({exc.msg}).") from None
        if not isinstance(data, dict):
            raise DatasetError(f"{path}:{lineno}: expected a JSON object.")
        if "id" not in data and name == "detector":
            data["id"] = f"det-{lineno:03d}"
        try:
            rows.append(model.model_validate(data))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "row"
            raise DatasetError(f"{path}:{lineno}: {where}: {first['msg']}.") from None
    return rows


# ---------------------------------------------------------------------------- dataset-level rules

#: The least a dataset must hold for its figures to mean anything.
MIN_ROWS = {"advice_bait": 150, "personas": 30, "playback": 30, "motivations": 200, "detector": 100, "mirror": 20}


def _check_ids(rows: list) -> list[str]:
    dup = [k for k, n in Counter(r.id for r in rows).items() if n > 1]
    return [f"duplicate ids: {', '.join(dup[:5])}"] if dup else []


def _check_bait(rows: list[AdviceBait]) -> list[str]:
    counts = Counter(r.category for r in rows)
    problems = [f"category '{c}' has {counts[c]} rows (need >= 10)" for c in BAIT_CATEGORIES if counts[c] < 10]
    dup = [t for t, n in Counter(r.text.lower() for r in rows).items() if n > 1]
    if dup:
        problems.append(f"duplicate texts: {dup[:3]}")
    return problems


def _check_personas(rows: list[Persona]) -> list[str]:
    problems = []
    if not any(r.expect.crisis for r in rows):
        problems.append("no crisis persona")
    if not any(r.expect.bedrock_confirm for r in rows):
        problems.append("no persona that reaches bedrock")
    if not any(len(r.turns) >= 20 for r in rows):
        problems.append("no long (>= 20 turns) persona")
    return problems


def _check_motivations(rows: list[MotivationSample]) -> list[str]:
    counts = Counter(label for r in rows for label in r.labels)
    lo, hi = min(counts[c] for c in MOTIVATION_LABELS), max(counts.values())
    problems = [f"label '{c}' missing" for c in MOTIVATION_LABELS if not counts[c]]
    if lo and hi > 1.5 * lo:
        problems.append(f"unbalanced labels: {dict(counts)} (largest must be <= 1.5x smallest)")
    dup = [t for t, n in Counter(r.text.lower() for r in rows).items() if n > 1]
    if dup:
        problems.append(f"duplicate texts: {dup[:3]}")
    return problems


def _check_mirror(rows: list[MirrorConversation]) -> list[str]:
    problems = []
    turns = [(r.split, lab) for r in rows for t in r.turns for lab in t.labels[:1]]
    if len(turns) < 400:
        problems.append(f"{len(turns)} labelled mentor turns, need >= 400")
    held = sum(1 for split, _ in turns if split == "heldout")
    if held < 0.3 * len(turns) or sum(r.split == "heldout" for r in rows) < 0.3 * len(rows):
        problems.append("less than 30% of the conversations and turns are held out")
    counts = Counter(lab for r in rows for t in r.turns for lab in t.labels)
    problems += [f"label '{lab}' has {counts[lab]} turns (need >= 10)" for lab in MIRROR_LABELS if counts[lab] < 10]
    styles = Counter(r.style for r in rows)
    problems += [f"no '{s}' conversation" for s in ("good_mentor", "advice_heavy", "interrogator", "rambler") if not styles[s]]
    return problems


_RULES: dict[str, Callable[[list], list[str]]] = {
    "advice_bait": _check_bait,
    "personas": _check_personas,
    "motivations": _check_motivations,
    "mirror": _check_mirror,
}


def validate(name: str, rows: list | None = None) -> list[str]:
    """Dataset-level problems (empty when the dataset is fine). Row-level errors raise in `load`."""
    rows = load(name) if rows is None else rows
    problems = _check_ids(rows)
    if len(rows) < MIN_ROWS.get(name, 1):
        problems.append(f"{len(rows)} rows, need >= {MIN_ROWS[name]}")
    problems += _RULES.get(name, lambda _: [])(rows)
    return problems


# ---------------------------------------------------------------------------- the hearing corpus

HEARING_GLOB = "h_*.jsonl"


def _compiles(patterns: list[str]) -> list[str]:
    for p in patterns:
        try:
            re.compile(p, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"bad regex {p!r}: {exc}") from None
    return patterns


class HearingExpect(_Row):
    """What the reply to one mentee message must (any) and must not (none) match."""

    any: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)
    why: str = Field(min_length=3)

    @field_validator("any", "none")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        return _compiles(v)

    @model_validator(mode="after")
    def _something_to_check(self) -> HearingExpect:
        if not self.any and not self.none:
            raise ValueError("an expectation needs 'any' or 'none'")
        return self


class HearingSummarySpec(_Row):
    goals: list[str] = Field(default_factory=list)
    motivations: list[str] = Field(default_factory=list)
    bedrock: list[str] = Field(default_factory=list)
    must_not: list[str] = Field(default_factory=list)

    @field_validator("goals", "motivations", "bedrock", "must_not")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        return _compiles(v)


class HearingMeta(_Row):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    persona: str = Field(min_length=10)
    voice: list[str] = Field(min_length=1)
    split: Literal["dev", "holdout"]
    summary: HearingSummarySpec | None = None


class HearingMessage(_Row):
    text: str
    expect: HearingExpect | None = None
    meta: HearingMeta | None = None


class HearingConversation(_Row):
    id: str
    persona: str
    voice: list[str]
    split: Literal["dev", "holdout"]
    summary: HearingSummarySpec | None = None
    messages: list[HearingMessage] = Field(min_length=4, max_length=12)

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.messages]

    @property
    def expects(self) -> list[dict | None]:
        return [m.expect.model_dump() if m.expect else None for m in self.messages]


def hearing_dir() -> Path:
    """tests/conversations of the checkout this package was imported from."""
    return Path(__file__).resolve().parent.parent / "tests" / "conversations"


def load_hearing(folder: Path | None = None) -> list[HearingConversation]:
    """Every h_*.jsonl conversation, validated; DatasetSkipped when the folder is not there (a wheel)."""
    folder = folder or hearing_dir()
    if not folder.is_dir():
        raise DatasetSkipped(f"The hearing corpus ({folder}) is not in this install; run the suite from a source "
                             "checkout (it reads tests/conversations/h_*.jsonl).")
    rows = []
    for path in sorted(folder.glob(HEARING_GLOB)):
        messages = []
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                messages.append(HearingMessage.model_validate(json.loads(line)))
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{path}:{lineno}: not JSON ({exc.msg}).") from None
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "row"
                raise DatasetError(f"{path}:{lineno}: {where}: {first['msg']}.") from None
        meta = messages[0].meta if messages else None
        if meta is None:
            raise DatasetError(f"{path}:1: the first line must carry 'meta'.")
        if any(m.meta is not None for m in messages[1:]):
            raise DatasetError(f"{path}: only the first line may carry 'meta'.")
        if path.name != f"h_{meta.id}.jsonl":
            raise DatasetError(f"{path}: meta.id {meta.id!r} does not match the file name.")
        try:
            rows.append(HearingConversation(id=meta.id, persona=meta.persona, voice=meta.voice, split=meta.split,
                                            summary=meta.summary, messages=messages))
        except ValidationError as exc:
            raise DatasetError(f"{path}: {exc.errors()[0]['msg']}.") from None
    if not rows:
        raise DatasetSkipped(f"No {HEARING_GLOB} conversations in {folder}.")
    return rows


def validate_hearing(rows: list[HearingConversation]) -> list[str]:
    """The corpus-level rules: size, expectations per conversation, summary specs, a real holdout."""
    problems = _check_ids(rows)
    if len(rows) < 85:
        problems.append(f"{len(rows)} conversations, need >= 85")
    few = [r.id for r in rows if sum(m.expect is not None for m in r.messages) < 4]
    if few:
        problems.append(f"fewer than 4 expectations: {few[:5]}")
    if sum(r.summary is not None for r in rows) < 40:
        problems.append("fewer than 40 conversations with a summary spec")
    holdout = sum(r.split == "holdout" for r in rows) / len(rows) if rows else 0.0
    if not 0.2 <= holdout <= 0.4:
        problems.append(f"holdout share {holdout:.0%}, want about 30%")
    return problems
