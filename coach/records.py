"""What the store keeps and the guard says, as plain data: a session and its turns, summary items,
who may see them (`ShareLevel`), a span of the mentee's words (`Evidence`), the guard's verdict and
event, a memory hit — and `as_dict`, how every one of them is serialized.

They depend on nothing else in `coach`; `coach.types` (the turn's own data) builds on them and
re-exports every name, so `from coach.types import Turn` keeps working.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from enum import Enum, StrEnum
from typing import Any


class _NotPlain(Exception):
    pass


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    t = type(value)
    if t is str or t is int or t is float or t is bool or value is None:
        return value
    if t is list:
        return [_plain(v) for v in value]
    if t is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    if t is tuple:
        return tuple(_plain(v) for v in value)
    if isinstance(value, Enum):
        return value  # deepcopy of a member is the member
    names = _FIELD_NAMES.get(t)
    if names is None:
        if not is_dataclass(t):
            raise _NotPlain
        names = _FIELD_NAMES[t] = tuple(f.name for f in fields(t))
    return {name: _plain(getattr(value, name)) for name in names}


def as_dict(obj: Any) -> dict[str, Any]:
    """`dataclasses.asdict(obj)`, the same dict, without its deep copy of every string.

    asdict deep-copies each leaf; for the plain data the turn carries (str, numbers, None, enum
    members, lists, dicts, tuples and dataclasses of them) that copy is the value itself, so it is
    skipped. Anything else (a subclass of list, a numpy scalar, ...) goes through asdict itself.
    The store serializes the analysis, the guard event and the policy state this way every turn."""
    try:
        return _plain(obj)
    except _NotPlain:
        pass
    return asdict(obj)


class ShareLevel(StrEnum):
    """Who may see a session or summary item. Ordered: private < mentor < manager."""

    PRIVATE = "private"
    MENTOR = "mentor"
    MANAGER = "manager"

    @property
    def rank(self) -> int:
        return ["private", "mentor", "manager"].index(self.value)

    def visible_to(self, audience: ShareLevel) -> bool:
        """Whether an item shared at this level is visible to `audience`.

        The levels widen: "manager" means shared with a manager *and* a mentor. So a mentor sees
        items at mentor or manager level; a manager sees only manager-level items; the mentee
        (audience private) sees everything.
        """
        if audience is ShareLevel.PRIVATE:
            return True  # the mentee sees everything
        return self.rank >= audience.rank


@dataclass(slots=True)
class Evidence:
    """A span of the mentee's own words that backs a claim."""

    text: str
    start: int = 0
    end: int = 0
    turn_id: int | None = None


@dataclass(slots=True)
class Verdict:
    """The guard's reading of one coach (or mentor) line."""

    ok: bool
    labels: list[str]  # subset of: advice, judgment, question, open_question, leading_question,
    # closed_question, reflection, complex_reflection, multiple_questions, leak
    reason: str = ""
    questions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass(slots=True)
class GuardEvent:
    """What happened between the realizer and the screen for one coach turn."""

    raw: str  # what the realizer produced first
    verdict: Verdict
    action: str = "shown"  # shown | revised | fallback
    revised: str | None = None
    revised_verdict: Verdict | None = None
    shown: str = ""
    model_raw: str = ""  # the model's own text for `raw`, before the realizer's clean-up

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass(frozen=True, slots=True)
class Draft:
    """While a reply is being written: the whole text the mentee should see now.

    Each Draft replaces the one before (it is a snapshot, not a piece to append), so a streamed
    reply can also take words back: the guard holds a sentence whose last words turned it into
    advice, and a revision or the offline voice replaces a draft that failed.
    """

    text: str


@dataclass(slots=True)
class Turn:
    id: int
    session_id: str
    idx: int
    role: str  # "mentee" | "coach"
    text: str
    created_at: str
    move: str = ""
    analysis: dict[str, Any] | None = None
    guard: dict[str, Any] | None = None
    latency_ms: float | None = None


@dataclass(slots=True)
class Session:
    id: str
    created_at: str
    share: ShareLevel = ShareLevel.PRIVATE
    title: str = ""
    closed: bool = False
    state: dict[str, Any] = field(default_factory=dict)  # the policy's state (see policy.State)


@dataclass(slots=True)
class SummaryItem:
    """One reviewable line of a bedrock summary, backed by the mentee's own words.

    The summary area builds these; the store keeps their review state. `original_text` keeps what
    the coach first proposed when the mentee edits the text, so an edit never loses the evidence.
    """

    id: int | None = None
    session_id: str = ""
    kind: str = ""  # goal, motivation, bedrock, passion, influence_authority, open_question, experiment
    text: str = ""
    quotes: list[Evidence] = field(default_factory=list)
    motivation: str | None = None
    status: str = "proposed"  # proposed | confirmed | edited | rejected
    share: ShareLevel = ShareLevel.PRIVATE
    original_text: str = ""
    created_at: str = ""
    updated_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SummaryItem:
        d = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        d["quotes"] = [q if isinstance(q, Evidence) else Evidence(**q) for q in d.get("quotes", [])]
        if "share" in d:
            d["share"] = ShareLevel(d["share"])
        return cls(**d)


@dataclass(slots=True)
class SessionInfo:
    """A row of the session list: enough to pick a session without loading its turns."""

    id: str
    created_at: str
    share: ShareLevel
    title: str
    closed: bool
    n_turns: int
    last_at: str | None

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass(slots=True)
class MemoryHit:
    """A past mentee statement found by semantic search. `score` is cosine similarity (higher = closer)."""

    turn_id: int
    session_id: str
    text: str
    date: str
    score: float
    share: ShareLevel

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)
