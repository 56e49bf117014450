"""The mentor's line checker: the guard, plus the small words that load a question.

"Why would you even want to leave?" is open, single and free of advice, so the guard passes it; a
mentee hears the verdict in "even". The same goes for "do you really want…", "why not just ask…",
"surely…". `check(text, mentee_text=...)` runs `coach.guard.check` (the one detector for advice,
judgment, closed and leading questions; its internals may change, its signature does not) and then
looks for these words in the question sentences, outside the mentee's own words in quotes (playing
back "I think I just like…" is the mentee's "just", not the mentor's). A loaded word makes the line
a leading question with a reason that says which word and why.

Each word is loaded only where it carries a stance, so the bank's "a problem you enjoy even when it's
hard" or "when did you last feel really appreciated?" pass: "even" before when/if/though is
concessive, "really" before an adjective is degree. Used by the Prepare page's checker and by every
question the mentor's plan proposes (coach/mentor/prep.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coach.types import Verdict

_V = r"(?:want|wants|wanted|need|needs|think|believe|mean|care|cares|like|mind|matter|matters|enjoy|expect|feel|" \
     r"consider|bother|try|know|see|get|go|leave|stay|quit|have|say|imagine|deserve)"
# (pattern, the word, why it loads the question)
LOADED: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\beven\b(?!\s+(?:when|if|though|as|after|before|with|so|more|less|better|worse|at|in|on|now|then)\b)",
                re.IGNORECASE),
     "even", "“even” hints that wanting it is odd or that the answer should be no"),
    (re.compile(r"\b(?:(?:do|does|did|would|will|are|is|was|were|can|could)\s+(?:you|they|it|that|this|he|she)\s+really|"
                r"really\s+(?:" + _V + r"|true|worth|sure|ready|right|happy|about|the case|so|just|what|that|this|it)\b)",
                re.IGNORECASE),
     "really", "“really” doubts what they said, or asks for a truer answer than the one they gave"),
    (re.compile(r"\b(?:why\s+not|why\s+don't\s+you|why\s+can't\s+you|can't\s+you|couldn't\s+you|won't\s+you|"
                r"could\s+you\s+not|is\s+it|isn't\s+it|was\s+it|it's)\s+just\b|"
                r"\bjust\s+(?:ask|tell|leave|quit|do|go|say|try|talk|accept|stay|get\s+over|move\s+on|apply|let|"
                r"a\s+phase|about|because|for\s+the|money|the\s+money|a\s+job|a\s+title|ego)\b",
                re.IGNORECASE),
     "just", "“just” makes it sound small, or the answer obvious"),
    (re.compile(r"\b(?:surely|obviously|of\s+course|clearly)\b", re.IGNORECASE),
     "surely", "“{word}” presumes the answer"),
    (re.compile(r"\b(?:honestly|actually|seriously|truly)\s+(?:" + _V + r")\b|"
                r"\b(?:do|does|did|would|are|is)\s+(?:you|they)\s+(?:honestly|actually|seriously|truly)\b", re.IGNORECASE),
     "honestly", "“{word}” suggests the answer they gave before was not the real one"),
)
# The mentee's words played back: “…” or "…" quotes are theirs, not the mentor's.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(slots=True, frozen=True)
class Loaded:
    word: str
    reason: str


def loaded_words(text: str) -> list[Loaded]:
    """The loaded words in the question sentences of `text`, outside quoted words."""
    found: list[Loaded] = []
    for sentence in _SENTENCE.findall(_QUOTED.sub(" ", text)):
        if not sentence.rstrip().endswith("?"):
            continue
        for pattern, word, why in LOADED:
            m = pattern.search(sentence)
            if m is None or any(f.word == word for f in found):
                continue
            said = next((w for w in _NAMED if w in m.group(0).lower()), word)
            found.append(Loaded(word, why.format(word=said)))
    return found


_NAMED = ("surely", "obviously", "of course", "clearly", "honestly", "actually", "seriously", "truly")


def _guard() -> Callable[..., Any]:
    from coach import guard

    return guard.check


def check(text: str, *, mentee_text: str = "", checker: Callable[..., Any] | None = None) -> Verdict:
    """The guard's verdict on a mentor's line, with loaded words in its questions flagged as leading."""
    verdict = (checker or _guard())(text, mentee_text=mentee_text)
    loaded = loaded_words(text)
    if not loaded:
        return verdict
    labels = [lb for lb in verdict.labels if lb != "open_question"]
    if "leading_question" not in labels:
        labels.append("leading_question")
    reason = "; ".join(f"{lw.reason} — try it without" for lw in loaded)
    if not verdict.ok and verdict.reason:
        reason = f"{verdict.reason}; {reason}"
    return Verdict(False, labels, reason[0].upper() + reason[1:], verdict.questions)
