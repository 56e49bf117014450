"""Evidence: every quote is re-located in the raw turn text; and reading the stored turns (their
analyses, the policy state) with the small word tests the builder shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coach.language import gerund, quote, strip_end, swap_pronouns, trim_hedges
from coach.mentor.summary.model import QUOTE_IN_TEXT
from coach.mentor.values import is_verb
from coach.types import Analysis, Evidence, Kind, Turn

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_WORDS = re.compile(r"[a-z0-9']+")
_LEADERSHIP = re.compile(
    r"\b(lead|leader|leading|manag\w*|head of|director|vp|cto|ceo|chief|principal|staff|run (the|a|my own)|"
    r"in charge|boss|team lead|tech lead|architect)\b",
    re.IGNORECASE,
)
_GOAL_VERBS = frozenset(
    "be become run lead manage move get join start work build have make do earn own reach go teach switch "
    "transition found launch write design create grow help take land step".split()
)
_FUTURE_ACTION = re.compile(
    r"\b(i|i'll|i will|i could|i might|i may|i want to|i plan to|i'm going to|maybe i|perhaps i)\b", re.IGNORECASE
)


# --------------------------------------------------------------------------------------------------
# Evidence: every quote is re-located in the raw turn text


@dataclass(slots=True)
class _MenteeTurn:
    turn: Turn
    analysis: Analysis
    pos: int  # index among all turns, for "what came before/after"
    spans: list[tuple[int, int]]  # sentence spans in turn.text


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans or ([(0, len(text))] if text.strip() else [])


def _locate(text: str, needle: str, hint: int = 0) -> tuple[int, int] | None:
    """Where `needle` occurs in `text`: exactly, then ignoring case, then ignoring spacing/punctuation."""
    needle = needle.strip()
    if not needle or not text:
        return None
    best = None
    start = text.find(needle)
    while start >= 0:  # prefer the occurrence nearest the analyzer's offset
        if best is None or abs(start - hint) < abs(best - hint):
            best = start
        start = text.find(needle, start + 1)
    if best is not None:
        return best, best + len(needle)
    low_t, low_n = text.lower(), needle.lower()
    if len(low_t) == len(text):  # lower() kept offsets (true for nearly all text)
        i = low_t.find(low_n)
        if i >= 0:
            return i, i + len(needle)
    words = re.findall(r"\w+", needle)
    if not words:
        return None
    pat = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    m = pat.search(text)
    return (m.start(), m.end()) if m else None


def _evidence(mt: _MenteeTurn, start: int, end: int, *, widen: bool = True) -> Evidence:
    """An Evidence over text[start:end], widened to its sentence so the quote carries its meaning
    ("impact" alone says little; the sentence around it says what they meant). Very long sentences
    stay cut to the span: a quote should be readable at a glance."""
    text = mt.turn.text
    if widen:
        for s, e in mt.spans:
            if s <= start < e or (start == e == s):
                if e - s <= 240:
                    start, end = min(start, s), max(end, e)
                break
    return Evidence(text=text[start:end], start=start, end=end, turn_id=mt.turn.id)


def _sentence_evidence(mt: _MenteeTurn, pattern: re.Pattern[str] | None = None) -> Evidence:
    """The first sentence matching `pattern` (or the first sentence) as evidence."""
    text = mt.turn.text
    for s, e in mt.spans:
        if pattern is None or pattern.search(text[s:e]):
            return Evidence(text=text[s:e], start=s, end=e, turn_id=mt.turn.id)
    s, e = mt.spans[0] if mt.spans else (0, len(text))
    return Evidence(text=text[s:e], start=s, end=e, turn_id=mt.turn.id)


def _phrase_evidence(mt: _MenteeTurn, phrase: str, hint: int = 0, *, widen: bool = True) -> Evidence | None:
    loc = _locate(mt.turn.text, phrase, hint)
    if loc is None:
        return None
    return _evidence(mt, *loc, widen=widen)


def _valid(ev: Evidence, turns_by_id: dict[int, Turn]) -> bool:
    t = turns_by_id.get(ev.turn_id) if ev.turn_id is not None else None
    return bool(t and ev.text and t.text[ev.start : ev.end] == ev.text)


# --------------------------------------------------------------------------------------------------
# Reading the stored turns


def _analysis(turn: Turn) -> Analysis | None:
    raw = turn.analysis
    if not raw:
        return None
    if isinstance(raw, Analysis):
        return raw
    try:
        return Analysis.from_dict(raw)
    except (KeyError, TypeError, ValueError):
        # An analysis from an older or newer analyzer: keep what is readable rather than lose the turn.
        kinds = []
        for k in raw.get("kinds", []) if isinstance(raw, dict) else []:
            try:
                kinds.append(Kind(k))
            except ValueError:
                continue
        safe = {k: raw.get(k) for k in ("bedrock_score", "energy", "sentiment", "topic", "goal") if isinstance(raw, dict) and k in raw}
        try:
            return Analysis(text=turn.text, kinds=kinds, **{k: v for k, v in safe.items() if v is not None})
        except TypeError:
            return Analysis(text=turn.text, kinds=kinds)


def _state_dict(state: Any) -> dict[str, Any]:
    if state is None:
        return {}
    if isinstance(state, dict):
        return state
    to_dict = getattr(state, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    try:
        from dataclasses import asdict

        return asdict(state)
    except TypeError:
        return dict(getattr(state, "__dict__", {}))


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def _short(text: str, limit: int = QUOTE_IN_TEXT) -> str:
    return quote(text, limit)


def _you(text: str) -> str:
    """The mentee's phrase in second person, hedges trimmed, for an item's text."""
    return swap_pronouns(strip_end(trim_hedges(text)))


def _goal_np(goal: str) -> str:
    """'be a tech lead' -> 'being a tech lead'; 'my own team' -> 'your own team'."""
    from coach.spelling import tidy

    g = tidy(_you(goal))  # "startin my own shop" -> "starting your own shop"
    first = g.split(" ", 1)[0].lower() if g else ""
    if first in {"to"}:
        g = g.split(" ", 1)[1] if " " in g else g
        first = g.split(" ", 1)[0].lower()
    if first in _GOAL_VERBS or is_verb(first):
        g = gerund(g)  # "open a clinic" -> "opening a clinic": a bare verb reads as an order
    return g


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower())) - {"a", "an", "the", "to", "my", "your", "i", "of", "in", "and", "be"}


def similar(a: str, b: str, threshold: float = 0.6) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    return len(wa & wb) / min(len(wa), len(wb)) >= threshold
