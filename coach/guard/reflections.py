"""Reflections: a statement that plays the mentee back, simple or complex (meaning, feeling or
motivation under the words); and whether the mentee's message asks for advice or a verdict.
"""

from __future__ import annotations

from functools import lru_cache

from coach.guard.rules import _rules
from coach.guard.text import _SECOND_PERSON, _content_words, _strip_openers
from coach.lexicon import candidates


def _reflection(sentence: str, mentee_words: set[str]) -> str | None:
    """'reflection', 'complex_reflection' or None for a statement sentence."""
    r = _rules()
    s = _strip_openers(sentence) if not sentence.lower().startswith("so ") else sentence
    if any(p.search(s) for p in r.autonomy):
        return None
    framed = any(p.search(sentence) for p in r.refl_frames)
    if not framed and any(p.search(s) for p in r.self_talk):
        return None
    mirrored = False
    if mentee_words:
        words = _content_words(s)
        mirrored = bool(words) and len(words & mentee_words) / len(words) >= 0.5
    if not (framed or mirrored or _SECOND_PERSON.search(s)):
        return None
    if any(p.search(s) for p in candidates(r.complex_cues, s)):
        return "complex_reflection"
    return "reflection"


@lru_cache(maxsize=1024)
def _reflection_of(sentence: str, mentee_lower: str) -> str | None:
    """`_reflection` against the mentee's message (cached: see _sentence_findings)."""
    return _reflection(sentence, _content_words(mentee_lower) if mentee_lower else set())


@lru_cache(maxsize=64)
def _asks(group: str, mentee_lower: str) -> bool:
    """Whether the mentee's message matches a rule group (asks for advice, for a verdict): the same
    message is asked about at every check of a turn's reply."""
    return any(p.search(mentee_lower) for p in getattr(_rules(), group))
