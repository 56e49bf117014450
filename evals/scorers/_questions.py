"""Question typing for the rule coder: open, closed, leading, or a reflection voiced as a question
("So it's less about the title?"), and coordinated wh-clauses that ask a second question.
"""

from __future__ import annotations

import re

from evals.scorers._framing import _LEAD_IN
from evals.scorers._text import content_words, normalize, without_quotes

_WH = re.compile(r"\b(?:what|how|why|who|whom|whose|where|when|which|in what way)\b", re.IGNORECASE)

_AUX_START = re.compile(
    r"^(?:is|are|was|were|am|do|does|did|can|could|would|will|should|shall|have|has|had|may|might|must|"
    r"isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|couldn't|wouldn't|won't|shouldn't|haven't|"
    r"hasn't)\b",
    re.IGNORECASE,
)

_OPEN_INVITE = re.compile(
    r"^(?:can|could|would|will) you (?:tell|say|describe|walk|share|help me understand|talk)\b", re.IGNORECASE
)

_LEADING = re.compile(
    r"(?:^(?:don't|doesn't|wouldn't|won't|isn't|aren't|shouldn't|can't|couldn't|surely)\b|"
    r",\s*(?:right|isn't it|don't you|wouldn't you|aren't you|correct|yes|no)\s*\?$|"
    r"\b(?:wouldn't it be|don't you think|isn't it (?:true|time|better))\b)",
    re.IGNORECASE,
)

_WH_QUESTION_START = re.compile(
    r"^(?:what|how|why|who|where|when|which)(?:'s)?\s+(?:do|does|did|is|are|was|were|would|could|will|can|"
    r"might|has|have|keeps?|draws?|makes?|matters?|pulls?|gives?|comes?|happens?|stops?|excites?|lights?)\b",
    re.IGNORECASE,
)

_COORDINATED_WH = re.compile(r"(?:,\s*|\s)(?:and|or)\s+(?=(?:what|how|why|who|where|when|which|whose)\b)",
                             re.IGNORECASE)


def _extra_questions(sentence: str) -> int:
    """Coordinated wh-clauses that ask something new ("what do you enjoy, and what drains you?").

    An elliptical second half that only flips the first ("whose job would you want — and whose
    wouldn't you?", the seed's lottery question) asks nothing new and stays one question.
    """
    parts = _COORDINATED_WH.split(sentence)
    if len(parts) < 2:
        return 0
    extra = 0
    seen = set(content_words(parts[0]))
    for part in parts[1:]:
        new = set(content_words(part)) - seen
        if new:
            extra += 1
        seen |= new
    return extra


def _unpunctuated_question(sentence: str) -> bool:
    """'So what draws you to that.' — a wh-question typed without its question mark."""
    core = _LEAD_IN.sub("", without_quotes(sentence)).strip().rstrip(".")
    m = _WH_QUESTION_START.match(core)
    if not m or "?" in core:
        return False
    # "What matters is being stretched" is a statement (a pseudo-cleft), not a question
    return not re.search(r"\b(?:is|are|was|were)\b", core[m.end():], re.IGNORECASE)


def _question_type(sentence: str) -> str:
    core = _LEAD_IN.sub("", normalize(sentence)).strip()
    if _LEADING.search(core):
        return "leading"
    if _OPEN_INVITE.match(core):
        return "open"
    if _AUX_START.match(core):
        return "closed"
    if _WH.search(core):
        return "open"
    if re.search(r",\s*(?:or|or not)\b", core) or re.search(r"\bor\b[^?]*\?$", core):
        return "closed"
    return "declarative"  # "So it's less about the title?" — a reflection voiced as a question
