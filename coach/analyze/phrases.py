"""Pull the mentee's own phrases out of a message: the goal, the roles named, the topic.

Everything returned is a substring of what the mentee wrote (before pronoun swapping), so the
coach never puts words in their mouth.
"""

from __future__ import annotations

import re

from coach import language

_GOAL = re.compile(
    r"\b(?:i|I)\s*(?:really\s+|just\s+|kind of\s+|kinda\s+)?(?:want|wanna|would like|['’]d like|['’]d love|would love|hope|plan|aim|wish|intend|dream)\s+(?:to\s+)?"
    r"(?P<vp>(?:be|become|run|lead|manage|move|get|join|start|work|build|have|make|do|earn|own|reach|go|teach|switch|transition|take|grow|found|open|write|design|create|help|stay|keep|learn|see|sit|shape|set)\b[^.!?;]*)",
    re.IGNORECASE,
)
_SEE_MYSELF = re.compile(r"\bi see myself\s+(?P<vp>[^.!?;]+)", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?P<role>(?:the |my |our |a |an )?(?:(?i:head of|director of|vp of|chief) [a-z]+(?: officer)?|"
    r"(?:(?P<adj>[a-z]+) )?(?:manager|director|lead|architect|engineer|designer|cto|ceo|cfo|coo|vp|founder|principal|boss|"
    r"analyst|scientist|recruiter|owner|teacher|consultant)|CTO|CEO|CFO|COO|VP|my boss|my manager|[A-Z][a-z]+['’]s job))\b",
)
# words that can stand before a role noun without being part of it ("to lead", "suppose manager")
_NOT_ADJ = {"to", "i", "suppose", "guess", "want", "be", "become", "being", "a", "an", "the", "as", "and", "or",
            "is", "was", "of", "for", "not", "like", "would", "could", "that", "this", "just", "really", "so"}
_NOT_ROLE = {"i", "a", "an", "the", "ok"}
_BECAUSE = re.compile(r"\b(?:because|since|cause|cuz|so that)\b\s*(?P<why>[^.!?]+)", re.IGNORECASE)


_DISOWNED = re.compile(r"\b(?:don['’]?t|do not|doesn['’]?t|never|not sure|no longer|not)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def goal_phrase(text: str) -> str:
    """The verb phrase of a stated goal, time words dropped: 'run the platform team'."""
    m = _GOAL.search(text) or _SEE_MYSELF.search(text)
    if not m:
        return ""
    if _DISOWNED.search(text[: m.start()]):
        return ""  # "I don't think I want to be a PI", "not sure I want to manage": not a goal
    vp = language.drop_time(re.sub("[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+", "", m.group("vp")).strip())
    vp = re.split(r"\s*(?:,|\bbut\b|\bbecause\b|\bsince\b|\band then\b|\bso that\b)\s*", vp, maxsplit=1)[0]
    return language.strip_end(vp)[:120]


def roles(text: str) -> list[str]:
    found: list[str] = []
    for m in _ROLE.finditer(text):
        role = m.group("role").strip()
        adj = m.group("adj")
        if adj and adj.lower() in _NOT_ADJ:
            role = role[role.lower().index(adj.lower()) + len(adj):].strip()
            if m.group("role").lower().startswith(("to ", "be ", "become ")) or role.lower() in {"lead"}:
                continue
        low = role.lower()
        if low in _NOT_ROLE or len(role) < 2:
            continue
        if role not in found:
            found.append(role)
    return found[:4]


def because_clause(text: str) -> str:
    m = _BECAUSE.search(text)
    return language.strip_end(m.group("why")) if m else ""
