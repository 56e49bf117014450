"""What one rule sees (`Turn`), the rule type, and the thresholds the rules share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coach.policy.state import State
from coach.types import Analysis, Motivation, Plan

STRONG = 0.5  # a motivation the coach names back must be this clear; weaker tags only feed the summary
CONFIRM_AT = 0.65  # bedrock score that earns a confirmation after laddering
CONFIRM_AT_ONCE = 0.85  # ... or right away
STALL_DEPTH = 4  # deepen this many times on a thread without bedrock -> change technique


@dataclass
class Turn:
    """What one rule sees: the session state, this message's analysis, and what came before it."""

    s: State
    a: Analysis
    recall: dict[str, Any] | None = None
    pending: str = ""  # what the last coach turn waited for (taken out of the state for this turn)
    top: Motivation | None = field(default=None)

    def __post_init__(self) -> None:
        a = self.a
        self.top = a.top_motivation if a.motivations and a.motivations[0].confidence >= STRONG else None
        if self.top is not None and THEIRS_SAID.match(a.motivations[0].evidence.text or ""):
            self.top = None  # "My wife says teach.": her word, never "what you're after seems to be making a difference"


THEIRS_SAID = re.compile(r"^\W*(?:(?i:my|our|his|her|their|the)\s+\w+|[A-Z][a-z]+|(?i:everyone|everybody|people|they|he|she))\s+"
                          r"(?:says?|said|thinks?|thought|wants?|wanted|reckons?|keeps\s+saying|told\s+me|tells\s+me)\b")


Rule = Callable[[Turn], "Plan | None"]

