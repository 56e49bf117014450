"""Solvers: run the real coach over a dataset sample and record what it said.

One `CoachRunner` per eval run holds one `Coach` (built once: the embedder loads once) over one
temporary COACH_HOME. Every sample gets its own session. Vector memory is off: each sample is a
different person, and recalling another persona's words would be an eval artefact, not coaching.

    single_turn(runner, text)          one mentee message in a fresh session
    conversation(runner, turns)        a scripted mentee, turn by turn, then the bedrock summary
    chat_transcript(runner, turns)     the same, as the dict `coach chat --script FILE --json` prints
    classify_motivations(runner, text) the analyzer's motivation labels for one sentence
    guard_check(text, mentee_text)     the runtime guard's labels (the detector suite)

A solver returns plain data (`Transcript`, `CoachTurn`), so scorers never touch the coach.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from coach.config import Settings

__all__ = [
    "CoachRunner",
    "CoachTurn",
    "Transcript",
    "capture_coach_logs",
    "chat_transcript",
    "classify_motivations",
    "conversation",
    "guard_check",
    "single_turn",
]

#: How many earlier mentee turns count as "recent" when checking a playback.
RECENT_MENTEE_TURNS = 3


@dataclass(slots=True)
class CoachTurn:
    """One mentee message and the coach's shown reply, with what the runtime recorded about it."""

    mentee: str
    text: str
    move: str
    mentee_turn_id: int | None = None
    coach_turn_id: int | None = None
    guard_labels: list[str] = field(default_factory=list)  # the runtime guard's verdict on the draft
    guard_action: str = "shown"  # shown | revised | fallback
    raw: str = ""  # the realizer's first draft
    kinds: list[str] = field(default_factory=list)  # the analyzer's reading of the mentee message
    motivations: list[str] = field(default_factory=list)
    recent_mentee: list[str] = field(default_factory=list)  # this and the previous mentee turns
    latency_ms: float = 0.0
    notice: str = ""


@dataclass(slots=True)
class Transcript:
    session_id: str
    opening: str
    turns: list[CoachTurn] = field(default_factory=list)
    summary_items: list[dict[str, Any]] = field(default_factory=list)
    stored_turns: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (role, text)
    error: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["stored_turns"] = {str(k): list(v) for k, v in self.stored_turns.items()}
        return d


class CoachRunner:
    """Builds the coach once, lazily, with the run's settings (backend, temporary home)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._coach: Any = None
        self.build_seconds = 0.0

    @property
    def coach(self) -> Any:
        if self._coach is None:
            from coach.agent import Coach

            t0 = time.perf_counter()
            self._coach = Coach.create(self.settings, memory=False)
            self.build_seconds = time.perf_counter() - t0
        return self._coach

    def close(self) -> None:
        store = getattr(self._coach, "store", None)
        if store is not None and hasattr(store, "close"):
            store.close()
        self._coach = None


def _coach_turn(reply: Any, mentee_text: str, recent: list[str]) -> CoachTurn:
    event = getattr(reply, "guard", None)
    verdict = getattr(event, "verdict", None)
    analysis = getattr(reply, "analysis", None)
    return CoachTurn(
        mentee=mentee_text,
        text=reply.text,
        move=str(getattr(reply.move, "value", reply.move)),
        mentee_turn_id=getattr(reply, "mentee_turn_id", None),
        coach_turn_id=getattr(reply, "coach_turn_id", None),
        guard_labels=list(getattr(verdict, "labels", []) or []),
        guard_action=getattr(event, "action", "shown") if event is not None else "none",
        raw=getattr(event, "raw", "") if event is not None else "",
        kinds=[str(getattr(k, "value", k)) for k in getattr(analysis, "kinds", [])] if analysis else [],
        motivations=[str(h.motivation.value) for h in getattr(analysis, "motivations", [])] if analysis else [],
        recent_mentee=list(recent),
        latency_ms=float(getattr(reply, "latency_ms", 0.0) or 0.0),
        notice=getattr(reply, "notice", "") or "",
    )


def conversation(runner: CoachRunner, turns: list[str], *, summarize: bool = True) -> Transcript:
    """Play a scripted mentee through one session; then build the session's bedrock summary."""
    t0 = time.perf_counter()
    coach = runner.coach
    session, opening = coach.start()
    tr = Transcript(session_id=session.id, opening=opening.text)
    said: list[str] = []
    for text in turns:
        said.append(text)
        reply = coach.respond(session.id, text)
        tr.turns.append(_coach_turn(reply, text, said[-RECENT_MENTEE_TURNS:]))
    if summarize:
        summary = coach.summary(session.id)
        items = getattr(summary, "items", summary) or []
        tr.summary_items = [_item_dict(i) for i in items]
    tr.stored_turns = {t.id: (t.role, t.text) for t in coach.store.turns(session.id)}
    tr.seconds = time.perf_counter() - t0
    return tr


def chat_transcript(runner: CoachRunner, turns: list[str], share: str = "private") -> dict[str, Any]:
    """A scripted session exactly as `coach chat --script FILE --json` prints it (turns, moves, summary),
    so the hearing scorers read the same contract a user's script run produces."""
    from coach.cli.chat import run_script
    from coach.types import ShareLevel

    return run_script(runner.coach, list(turns), ShareLevel(share))


def single_turn(runner: CoachRunner, text: str) -> Transcript:
    return conversation(runner, [text], summarize=False)


def _item_dict(item: Any) -> dict[str, Any]:
    get = item.get if isinstance(item, dict) else (lambda k, d=None: getattr(item, k, d))
    quotes = []
    for q in get("quotes", []) or []:
        qget = q.get if isinstance(q, dict) else (lambda k, d=None, q=q: getattr(q, k, d))
        quotes.append({"text": qget("text", ""), "turn_id": qget("turn_id"), "start": qget("start", 0),
                       "end": qget("end", 0)})
    return {
        "id": get("id"),
        "kind": get("kind", ""),
        "text": get("text", ""),
        "motivation": get("motivation"),
        "status": get("status", ""),
        "quotes": quotes,
    }


def classify_motivations(runner: CoachRunner, text: str) -> list[str]:
    """The analyzer's motivation labels for one sentence; ["none"] when it finds none."""
    analysis = runner.coach.analyzer.analyze(text)
    labels = [str(h.motivation.value) for h in analysis.motivations]
    return labels or ["none"]


def guard_check(text: str, mentee_text: str = "") -> list[str]:
    from coach.guard import check

    return list(check(text, mentee_text=mentee_text).labels)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def capture_coach_logs() -> Iterator[list[logging.LogRecord]]:
    """Collect the coach's warnings and errors for the report instead of spilling them on stderr."""
    logger = logging.getLogger("coach")
    handler = _Collect()
    old_propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate
