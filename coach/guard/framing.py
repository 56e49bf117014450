"""Whose words a match is: the mentee's own (played back), someone's reported view, an embedded
clause or a refusal. A rule hit inside one of these is not the coach advising or judging.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.guard.rules import _FLAGS, _rules
from coach.guard.text import _CLAUSE_END, _WORD, _content_words

_TO_SECOND_PERSON = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
    "i'd": "you'd", "i'll": "you'll", "i've": "you've", "am": "are",
}
_MENTEE_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@lru_cache(maxsize=64)
def _mentee_said(mentee_lower: str) -> str:
    """The mentee's statements (not their questions), in the coach's pronouns: "I need a mentor" ->
    "you need a mentor", so a playback matches; "Do I need a mentor?" is left out, so answering it
    ("You need a mentor") does not pass as one."""
    out = []
    for m in _MENTEE_SENTENCE.finditer(mentee_lower):
        sent = m.group(0).strip()
        if not sent or sent.endswith("?"):
            continue
        out.append(" ".join(_TO_SECOND_PERSON.get(w, w) for w in _WORD.findall(sent)))
    return " | ".join(out)


def _mirrors_mentee(sentence_lower: str, start: int, mentee_lower: str) -> bool:
    """Whether the clause at `start` repeats the mentee's own words ("I should have been ...")."""
    if not mentee_lower:
        return False
    clause_words = _WORD.findall(sentence_lower[start:])
    if clause_words and clause_words[0] == "you":
        clause_words = clause_words[1:]
    key = " ".join(clause_words[:3])
    return len(clause_words) >= 2 and key in _mentee_said(mentee_lower)


def _echoes_mentee(clause_lower: str, mentee_lower: str) -> bool:
    """Whether most content words of a clause are words the mentee said in a statement."""
    if not mentee_lower:
        return False
    words = _content_words(clause_lower) - {"realistically", "really", "honestly", "just", "simply", "need", "want"}
    said = _content_words(_mentee_said(mentee_lower))
    return len(words) >= 2 and len(words & said) / len(words) >= 0.6


_EMBEDDED_END = re.compile(
    r"\b(?:if|whether|when|whenever|what|whatever|which|who|how|where|once|until|unless|because|since)(?: or not)?(?: to)?\s*$", _FLAGS
)
# Narrower, for phrasal suggestions: "What I'd recommend is ..." is a cleft, not an embedded clause.
_EMBEDDED_IF = re.compile(r"\b(?:if|whether)(?: or not)?(?: to)?\s*$|\b(?:how|when) to\s*$", _FLAGS)
_LEAD_CONJ = re.compile(r"^(?:(?:and|but|so|because)\b|[,;:—–])\s*", _FLAGS)


def _quoted_back(low: str, start: int, *, narrow: bool = False) -> bool:
    """Whether the words at `start` report someone's view or sit in an embedded clause: a report frame
    before them, a report tag after them (", you said"), or "if"/"whether" just before."""
    prefix = low[:start]
    embedded = (_EMBEDDED_IF if narrow else _EMBEDDED_END).search(prefix)
    return _reported(prefix) or bool(embedded) or bool(_rules().report_tag.search(low[start:]))


def _refused(low: str, start: int, end: int) -> bool:
    """Whether a refusal ("I won't give you tips", "not going to tell you what the best way is") governs
    the match at low[start:end]: it must sit just before (or around) it, with no "but" in between."""
    window = low[max(0, start - 40) : end]
    cut = window.rfind(" but ", 0, len(window) - (end - start))
    if cut >= 0:
        window = window[cut + 5 :]
    return any(p.search(window) for p in _rules().refusal)


def _reported(prefix_lower: str) -> bool:
    """Whether the words before a match report someone's view rather than state the coach's own."""
    r = _rules()
    if any(p.search(prefix_lower) for p in r.own_view):
        return False
    return any(p.search(prefix_lower) for p in r.reported)


def _plays_back(low: str, start: int, mentee_lower: str) -> bool:
    """Whether the clause at `start` repeats what the mentee said about themselves, word for word for
    its first six words ("I'm not as good as I think" -> "You're not as good as you think"), so a close
    variant that changes the point ("You're not as good at generalising") is not a playback."""
    if not mentee_lower:
        return False
    clause = _CLAUSE_END.split(_LEAD_CONJ.sub("", low[start:]), maxsplit=1)[0]
    words = _WORD.findall(clause)
    return len(words) >= 2 and " ".join(words[:6]) in _mentee_said(mentee_lower)
