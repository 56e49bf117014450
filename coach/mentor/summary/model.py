"""What a summary is: its kinds and section titles, how motivations are named back, the thresholds on
the analyzer's scores, and the `Summary` value itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.types import Motivation, ShareLevel, SummaryItem

KINDS: tuple[str, ...] = (
    "goal",
    "motivation",
    "influence_authority",
    "bedrock",
    "passion",
    "experiment",
    "open_question",
)

SECTION_TITLES: dict[str, str] = {
    "goal": "Goals",
    "motivation": "What seems to sit underneath",
    "influence_authority": "Influence or authority",
    "bedrock": "Bedrock",
    "passion": "Where your energy rose",
    "experiment": "Experiments you named",
    "open_question": "Still open",
}

# How each motivation is named back: plain, neutral, no verdict on whether it is a good reason.
MOTIVATION_LABELS: dict[str, str] = {
    Motivation.INFLUENCE: "Influence",
    Motivation.AUTHORITY: "Authority",
    Motivation.RECOGNITION: "Recognition",
    Motivation.GROWTH: "Growth and mastery",
    Motivation.AUTONOMY: "Autonomy",
    Motivation.MEANING: "Meaningful work",
    Motivation.COMPENSATION: "Compensation",
    Motivation.NEXT_RUNG: "The next rung",
}
MOTIVATION_PHRASES: dict[str, str] = {
    Motivation.INFLUENCE: "having a say in the direction things take",
    Motivation.AUTHORITY: "being the one who makes the call",
    Motivation.RECOGNITION: "having your work seen and appreciated",
    Motivation.GROWTH: "learning, stretching, getting better at hard things",
    Motivation.AUTONOMY: "freedom over how and what you work on",
    Motivation.MEANING: "doing work that matters to you",
    Motivation.COMPENSATION: "earning well, and what that makes possible",
    Motivation.NEXT_RUNG: "the next step up as the natural move",
}

# Thresholds on the analyzer's scores. Confidence is the analyzer's 0..1 score for a motivation hit;
# a lone weak hit is too thin to put in front of the mentee as "what sits underneath".
MIN_MOTIVATION_CONFIDENCE = 0.35
STRONG_MOTIVATION_CONFIDENCE = 0.5
MIN_BEDROCK_SCORE = 0.6
MIN_ENERGY = 0.5
MAX_QUOTES_PER_ITEM = 3
MAX_PASSIONS = 3
MAX_BEDROCK_CANDIDATES = 3
MAX_OWN_WORDS = 4  # values said in the mentee's own words, beyond the named motivations
VALUE_WEIGHT = 0.6  # how much one value sentence counts when influence and authority are weighed
QUOTE_IN_TEXT = 80  # characters of a quote embedded in an item's text
# How a bedrock item the mentee confirmed in the conversation starts; SummaryItem has no field for
# it, and the wording doubles as the marker the portrait and the prep plan read back.
CONFIRMED_PREFIX = "Bedrock you confirmed"


@dataclass(slots=True)
class Summary:
    """A session's bedrock summary: reviewable items, each with the mentee's words behind it."""

    session_id: str
    created_at: str
    items: list[SummaryItem] = field(default_factory=list)
    session_date: str = ""  # when the conversation happened (the summary may be built later)

    def by_kind(self, kind: str) -> list[SummaryItem]:
        return [i for i in self.items if i.kind == kind]

    def visible(self) -> list[SummaryItem]:
        """Items the mentee has not rejected."""
        return [i for i in self.items if i.status != "rejected"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "created_at": self.created_at,
            "session_date": self.session_date,
            "items": [_item_dict(i) for i in self.items],
        }

    def to_markdown(self) -> str:
        lines = [f"# What I heard — session {self.session_id}", ""]
        date = (self.session_date or self.created_at)[:10]
        visible = self.visible()
        if not visible:
            lines.append("Nothing I could back with your own words yet. There is no hurry: this grows over time.")
            return "\n".join(lines) + "\n"
        lines.append(f"Here's what I heard ({date}) — tell me what's off. Each line cites your own words.")
        for kind in KINDS:
            items = [i for i in visible if i.kind == kind]
            if not items:
                continue
            lines += ["", f"## {SECTION_TITLES[kind]}", ""]
            for item in items:
                tag = f"#{item.id} " if item.id is not None else ""
                status = "" if item.status == "proposed" else f" _({item.status})_"
                share = "" if item.share is ShareLevel.PRIVATE else f" _(shared: {item.share})_"
                lines.append(f"- {tag}{item.text}{status}{share}")
                if item.status == "edited" and item.original_text and item.original_text != item.text:
                    lines.append(f"  - first proposed as: {item.original_text}")
                for q in item.quotes:
                    where = f" (turn {q.turn_id})" if q.turn_id is not None else ""
                    lines.append(f"  > “{q.text}”{where}")
        return "\n".join(lines) + "\n"


def is_confirmed_bedrock(item: SummaryItem | dict[str, Any]) -> bool:
    """A bedrock item the mentee confirmed: in the conversation, or later in review."""
    get = item.get if isinstance(item, dict) else (lambda k, d=None: getattr(item, k, d))
    if get("kind") != "bedrock":
        return False
    if get("status") in ("confirmed", "edited"):
        return True
    first = get("original_text") or get("text") or ""
    return str(first).startswith(CONFIRMED_PREFIX) or str(get("text") or "").startswith(CONFIRMED_PREFIX)


def _item_dict(item: SummaryItem) -> dict[str, Any]:
    d = item.to_dict()
    d["share"] = str(item.share)
    return d
