"""The bedrock summary: what the mentee said, item by item, each backed by their exact words.

`build_summary(turns, session, state)` reads the analysis already stored with each mentee turn (no
embedding calls, so it is fast enough to rebuild on every view) and proposes reviewable items:

    goal                 the goals the mentee named
    motivation           the motivations beneath them, with the quotes and turn ids behind each
    influence_authority  a neutral reading of influence (impact) vs authority (control), when evidenced
    bedrock              core needs/beliefs/interests; the ones the mentee confirmed are marked
    passion              where their energy rose
    experiment           things the mentee said they might try, in their own words
    open_question        what is still unexplored, phrased as an open question that cites its turn

Two rules hold for every item: it cites at least one quote that is an exact substring of the cited
turn's text (the analyzer reads a cleaned copy, so every span is re-located in the raw turn), and its
text passes `coach.guard.check` — a summary that slipped advice in would undo the whole point. An
item whose wording fails is rephrased to a plainer form or dropped.

`summarize_session(store, session_id)` builds, saves (keeping the mentee's earlier reviews) and
returns the stored items; `review_item` wraps the store's review. `bench_summary()` times a 40-turn
session for `coach benc

One part a module: model.py (Summary, kinds, thresholds), evidence.py (quotes re-located in the raw
turns), phrasing.py (the guard over wordings; phrases cut from sentences), stated.py and stated_goals.py
(what a sentence states plainly, by its shape), asides.py (sarcasm, apologies, throwaways; pointers that
name nothing alone), credit.py (what a quote can be credited with), builder.py (the sections), session.py
(`build_summary`, `summarize_session`, `review_item`), playback.py (the coach's spoken playback, said from
the items). The timing is coach/bench/summary.py.
"""

from __future__ import annotations

from coach.mentor.summary.evidence import similar
from coach.mentor.summary.model import (
    CONFIRMED_PREFIX,
    KINDS,
    MAX_BEDROCK_CANDIDATES,
    MAX_OWN_WORDS,
    MAX_PASSIONS,
    MAX_QUOTES_PER_ITEM,
    MIN_BEDROCK_SCORE,
    MIN_ENERGY,
    MIN_MOTIVATION_CONFIDENCE,
    MOTIVATION_LABELS,
    MOTIVATION_PHRASES,
    QUOTE_IN_TEXT,
    SECTION_TITLES,
    STRONG_MOTIVATION_CONFIDENCE,
    VALUE_WEIGHT,
    Summary,
    is_confirmed_bedrock,
)
from coach.mentor.summary.phrasing import Checker, action_phrase, readable_phrase
from coach.mentor.summary.session import REVIEW_ACTIONS, build_summary, review_item, summarize_session

__all__ = [
    "Summary", "build_summary", "summarize_session", "review_item", "REVIEW_ACTIONS", "Checker",
    "KINDS", "SECTION_TITLES", "MOTIVATION_LABELS", "MOTIVATION_PHRASES", "CONFIRMED_PREFIX", "is_confirmed_bedrock",
    "MIN_MOTIVATION_CONFIDENCE", "STRONG_MOTIVATION_CONFIDENCE", "MIN_BEDROCK_SCORE", "MIN_ENERGY",
    "MAX_QUOTES_PER_ITEM", "MAX_PASSIONS", "MAX_BEDROCK_CANDIDATES", "MAX_OWN_WORDS", "VALUE_WEIGHT", "QUOTE_IN_TEXT",
    "action_phrase", "readable_phrase", "similar",
]
