"""The realizer seam: turns the policy's Plan into words.

Offline (templates, deterministic, the embedded default) and LLM (langchain-core chat model) both
implement `Realizer`. The agent always keeps an offline realizer to fall back on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from coach.types import Analysis, Plan, ShareLevel, Turn

if TYPE_CHECKING:
    from coach.mentor.summary.model import Summary


@dataclass(slots=True)
class Context:
    """Everything a realizer may use for one turn besides the plan."""

    analysis: Analysis
    recent: list[Turn] = field(default_factory=list)  # last few turns, oldest first
    state: Any = None  # coach.policy.State
    recalled: list[dict[str, Any]] = field(default_factory=list)  # {"text", "date", "turn_id"}
    share: ShareLevel = ShareLevel.PRIVATE
    # the session's bedrock summary, for the moves that play it back (summarize, close): the playback
    # says only what its evidence-checked items say
    summary: Summary | None = None


class Realizer(Protocol):
    name: str

    def realize(self, plan: Plan, ctx: Context) -> str: ...

    def revise(self, plan: Plan, ctx: Context, draft: str, reason: str) -> str: ...

    def stream(self, plan: Plan, ctx: Context) -> Iterator[str]: ...
