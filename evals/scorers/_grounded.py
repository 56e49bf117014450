"""The scorer `grounded(item, quotes, turns) -> GroundResult`: does a summary item cite mentee turns
that contain its quotes, and do the quotes back the item?
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from evals.scorers._text import (
    MOTIVATION_CUES,
    MOTIVATION_WORDS,
    _known,
    content_words,
    lemma_bag,
    lemmas,
    normalize,
)


@dataclass(slots=True)
class GroundResult:
    grounded: bool  # every quote is an exact substring of the mentee turn it cites
    supported: bool  # and the quote plausibly backs the item (shared content, or the item quotes it)
    problems: list[str] = field(default_factory=list)


def grounded(item_text: str, quotes: Sequence[tuple[str, int | None]], turns: dict[int, tuple[str, str]],
             *, motivation: str | None = None) -> GroundResult:
    """Check one summary item. `quotes`: (quote text, turn id); `turns`: id -> (role, text)."""
    problems = []
    if not quotes:
        return GroundResult(False, False, ["no quote"])
    ok_quotes = []
    for q, tid in quotes:
        if tid is None or tid not in turns:
            problems.append(f"quote {q!r} cites unknown turn {tid}")
            continue
        role, text = turns[tid]
        if role != "mentee":
            problems.append(f"quote {q!r} cites a {role} turn {tid}")
        elif not q.strip():
            problems.append(f"empty quote for turn {tid}")
        elif q not in text:
            problems.append(f"quote {q!r} is not in turn {tid}")
        else:
            ok_quotes.append(q)
    is_grounded = not problems
    supported = False
    if ok_quotes:
        item_bag = lemma_bag([item_text]) | ({motivation} if motivation else set())
        for q in ok_quotes:
            qwords = content_words(q)
            if normalize(q).lower() in normalize(item_text).lower():
                supported = True
            elif any(_known(w, item_bag) for w in qwords):
                supported = True
            elif motivation and any(lemmas(w) & MOTIVATION_CUES.get(motivation, MOTIVATION_WORDS) for w in qwords):
                supported = True
        if not supported:
            problems.append("no quote shares content with the item")
    return GroundResult(is_grounded, is_grounded and supported, problems)
