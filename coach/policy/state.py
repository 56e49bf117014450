"""The policy's memory of one session: plain data, saved as JSON with the session.

A resumed session continues where it was. Only the policy writes it; the agent records what the voice
used (lines and questions, so nothing repeats) after the reply is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.types import Evidence, as_dict


@dataclass
class State:
    turn: int = 0  # mentee turns so far
    thread: str = ""  # what is being laddered, in the mentee's words
    depth: int = 0  # ladder depth in this thread
    asked: list[str] = field(default_factory=list)  # question ids / normalized question texts asked
    used: list[str] = field(default_factory=list)  # reflection frames and lines used (no repeats)
    done: list[str] = field(default_factory=list)  # techniques used: lottery, entail, passion, ...
    pending: str = ""  # what the last coach turn waits for: confirm_bedrock | lottery | ""
    candidate: dict[str, Any] | None = None  # bedrock candidate awaiting confirmation
    bedrock_candidates: list[dict[str, Any]] = field(default_factory=list)
    bedrock_confirmed: list[dict[str, Any]] = field(default_factory=list)
    motivations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> quotes
    goals: list[dict[str, Any]] = field(default_factory=list)
    energy_topics: list[dict[str, Any]] = field(default_factory=list)
    experiments: list[dict[str, Any]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    reflections: int = 0
    complex_reflections: int = 0
    questions: int = 0
    last_move: str = ""
    last_asked: bool = False
    reflect_only_turns: int = 0
    reflect_streak: int = 0  # reflection-only turns in a row
    quiet: int = 0  # turns left without a question, after "stop asking questions and just listen"
    low_effort_streak: int = 0
    advice_requests: int = 0
    crisis: bool = False
    recalls: int = 0
    last_turn_id: int | None = None  # the mentee turn the last coach reply answered
    last_said: str = ""  # that turn's words (first 240 characters): what "that's it for me" points back to
    last_motivation: str = ""  # the motivation the last coach reply was about, if any
    retracted: list[dict[str, Any]] = field(default_factory=list)  # misreads the mentee corrected: {turn_id, motivation}
    values: list[dict[str, Any]] = field(default_factory=list)  # what they said matters: {phrase, turn_id} (last 12)

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "State":
        if not d:
            return cls()
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


def evidence_dict(e: Evidence, turn_id: int | None) -> dict[str, Any]:
    return {"text": e.text, "start": e.start, "end": e.end, "turn_id": turn_id}
