"""Text preparation shared by every rule family: normalizing, masking quoted words, splitting
sentences and clauses, stripping openers, and the finding a rule reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.guard.rules import _FLAGS, _rules
from coach.guard.spoken import unfill

# A trigger quoted in a reason is cut to this many characters.
_TRIGGER_CHARS = 70

_QUOTE_TRANS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})
_DOUBLE_QUOTED = re.compile(r'"[^"\n]{1,400}"')
# A single-quoted span opens after a non-word character and closes before one, so the apostrophes
# in "I'm" or "mentees'" do not start or end it.
_SINGLE_QUOTED = re.compile(r"(?<![\w'])'(?=\w)[^\n]{1,300}?(?<=[\w.!?,])'(?!\w)")
_SPACES = re.compile(r"[ \t\r\f\v]+")
# (not after a list number that opens a line: "1. Trust" is one item, not the sentence "1." and "Trust")
_SENT_SPLIT = re.compile(r"(?<=[.!?])(?<!^\d\.)(?<!\n\d\.)(?<!^\d\d\.)(?<!\n\d\d\.)[\"')\]]*\s+|\n+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_CLAUSE_SPLIT = re.compile(r"\s*(?:[,;:]|\s[—–-]\s|—|–)\s*")
_LATER_WH = re.compile(
    r"(?:[,;]|\s[—–-]|—|–)\s*(?:and |or |but |so )?(what|how|why|which|who|whose|where|when)\b(?:'s|'re|\s+(\w+(?:'\w+)?))",
    _FLAGS,
)
_LATER_AUX = re.compile(
    r"(?:,|;|—|–)\s*and\s+(?:has|have|is|are|was|were|do|does|did|would|will|can|could)\s+"
    r"(?:anything|anyone|anybody|it|that|this|you|there|your|the|he|she|they)\b",
    _FLAGS,
)
_NEGATED = re.compile(r"n't\b|\bnot\b|\bnever\b", _FLAGS)
_PRONOUNS = frozenset({"i", "you", "we", "they", "he", "she", "i'm", "you're", "we're", "they're"})
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'd|you'll)\b", _FLAGS)
_PSEUDO_CLEFT = re.compile(
    r"^what (?:(?:would|will|might|could|can|really|usually|often|actually|always|typically|generally|probably) )+"
    r"(?:help|helps|work|works|make the difference|makes the difference|pay off|pays off)(?: (?:most|best|here))? (?:is|are|'s|would be)\b",
    _FLAGS,
)
_LATER_COPULA = re.compile(r"\s(?:is|are|was|were)\s|'s\s", _FLAGS)
_MENTEE_STOP = frozenset(
    "i me my you your the a an and or but to of in on at for with is are was were be been it that this "
    "so just really very about what how do did have has had not no yes".split()
)
MASK = '"…"'


def _normalize(text: str) -> str:
    text = text.translate(_QUOTE_TRANS)
    return unfill(_SPACES.sub(" ", text).strip())  # a transcribed "What, um, what..." is one question


def _mask_quotes(text: str) -> str:
    """Replace quoted words with a placeholder: they are someone else's words, not the coach's."""
    text = _DOUBLE_QUOTED.sub(MASK, text)
    return _SINGLE_QUOTED.sub(MASK, text)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT_SPLIT.split(text) if s and s.strip()]


def _strip_openers(sentence: str) -> str:
    return _rules().openers.sub("", sentence, count=1).lstrip(" ,-—–")


def _first_words(s: str, n: int = 2) -> list[str]:
    return _WORD.findall(s[:80].lower())[:n]


def _snippet(s: str, start: int = 0) -> str:
    piece = s[start:].strip().rstrip(".!")
    if len(piece) > _TRIGGER_CHARS:
        piece = piece[: _TRIGGER_CHARS].rsplit(" ", 1)[0] + "…"
    return piece


@dataclass(slots=True)
class _Finding:
    label: str
    trigger: str
    why: str
    source: str = "rules"  # or "detector": a flag no rule made
    span: str = ""  # the words a rule matched, when they are fewer than the trigger (explanations)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _MENTEE_STOP and len(w) > 2}


_CLAUSE_END = re.compile(r"[,;:.!?]|\s[—–-]\s|—|–")
_WH_STARTS = ("what", "how", "which", "who", "where", "when", "why")
