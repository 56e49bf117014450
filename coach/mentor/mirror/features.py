"""Word-level features of the mirror: content words, overlap with the mentee, feeling words, cue lists.

The cue lists live in coach/data/mirror.toml and are compiled once per process.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_STOP = frozenset(
    """a an the and or but so if then than that this these those there here it its it's is are was were be
    been being am do does did doing have has had having i i'm i've i'd i'll me my mine myself you you're
    you've you'd you'll your yours yourself we we're our us they they're them their he she him her his
    of to in on at by for with from about into over under up down out off as just really very quite
    pretty kind sort bit lot lots much many more most some any all no not never don't doesn't didn't
    can't won't wouldn't isn't aren't wasn't weren't haven't hasn't what which who whom whose when where
    why how would could should will shall may might must can let let's like yeah yes okay ok oh well
    um uh mm hmm also too still even now again ever get got go going gonna want wanted thing things
    something anything everything nothing one ones way because though although while mean guess think
    know honestly actually maybe probably perhaps sure right said say says saying tell told sounds
    sound seems seem feel feels felt hear hearing part whether being said""".split()
)
# Words a reflection frames itself with: they add no content of their own.
_FRAME = frozenset("sounds sound seems seem hear hearing heard playing play back mentioned".split())


def stem(word: str) -> str:
    """A crude, fast stem: enough to match "moved"/"move", "learning"/"learn", "stories"/"story"."""
    w = word.split("'")[0]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", ""), ("y", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]  # "stopped" -> "stopp" -> "stop"
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # "move" and "moved" both -> "mov"
    return w


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def content(text: str) -> list[str]:
    """Stems of the content words of `text`, in order (stopwords and frame words left out)."""
    return [stem(w) for w in words(text) if w not in _STOP and w not in _FRAME and len(w) > 2]


def overlap(text: str, reference: set[str]) -> float:
    """Share of `text`'s content words that are in `reference` (stems); 0 when it has none."""
    c = content(text)
    return sum(1 for w in c if w in reference) / len(c) if c else 0.0


@lru_cache(maxsize=1)
def _feeling_lexicon() -> dict[str, float]:
    """VADER's affect lexicon (ships with vaderSentiment): word -> valence, -4..4."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


# Strong in VADER's lexicon but verdicts or politeness, not feelings: "great" names no feeling of the mentee's.
_EVALUATIVE = frozenset(
    """great good yes no nice fine okay ok well like likes liked love loves best better right sure cool awesome
    fun lovely perfect wonderful excellent amazing brilliant fantastic thanks thank please agree true kind
    interesting important easy hard bad worse worst wrong win winning won free""".split()
)


def feeling_words(text: str, *, strength: float = 1.5) -> list[str]:
    """Words that carry a feeling (|valence| >= strength), e.g. "worried", "guilty", "proud"."""
    lex = _feeling_lexicon()
    return [w for w in words(text) if abs(lex.get(w, 0.0)) >= strength and w not in _EVALUATIVE]


# ---------------------------------------------------------------------------- imperatives

_NOT_A_VERB_START = re.compile(
    r"^(?:(?:so|and|just|then|now|okay|ok|well)[, ]+)*(?:\w{3,}ing|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|today|tomorrow|tonight|"
    r"yesterday|next|last|this|that|these|those|the|a|an|my|your|his|her|our|their|both|either|neither|each|every)\b",
    re.IGNORECASE,
)


def imperative_misread(sentence: str) -> bool:
    """Whether a sentence the guard took for an imperative starts with a word that cannot begin one:
    "Listening to the Friday pilot." (a gerund played back), "Thursday, then.", "The billing review.".

    The guard reads imperatives from the first word, which is right for a coach's polished line and
    too eager for transcribed speech; noun phrases that echo the mentee ("Network design or
    automation.") are caught later, in context, as echoes (label.py)."""
    return _NOT_A_VERB_START.match(sentence.strip()) is not None


_DISCOURSE = frozenset("so and just then now okay ok well maybe perhaps also please honestly really definitely".split())
# A verb at the start that invites rather than orders, or opens small talk.
_NOT_ORDERS = frozenset(
    "imagine picture suppose guess let tell say describe help thank thanks welcome see mind wonder bear "
    "hang wait pardon excuse forgive fancy love like hate agree fair doubt bet hope wish want need know "
    "believe understand mean".split()
)
# What follows an imperative verb: an object, a particle, a place, an amount ("Ask HR" is handled by caps).
_AFTER_ORDER = frozenset(
    """the a an your my his her their our its this that these those some any more less it them him me us
    yourself yourselves to on up out off at for with about into in over through back down away around
    ahead together time care""".split()
)
# "Start small.", "Keep going.", "Slow down.": a short order ends on how or when.
_ORDER_TAIL = frozenset(
    """small big slow slowly fast early late now today tonight tomorrow soon later going trying quick steady
    calm curious positive focused strong safe well honest simple easy open""".split()
)


def imperative_start(sentence: str) -> bool:
    """Whether a sentence opens with an order ("Drink more water.", "Look at the numbers first.",
    "Start small."): a verb of mirror.toml's order list, then an object, a particle or a short word of
    manner. The guard's imperative verbs are curated for a coach's lines; a mentor's speech uses more."""
    toks = re.findall(r"[A-Za-z']+|[,;:]", sentence)
    while toks and toks[0].lower() in _DISCOURSE:
        toks = toks[1:]
    if not toks or toks[0].lower() in _NOT_ORDERS or toks[0].lower() not in cues().order_verbs:
        return False
    if len(toks) == 1:
        return False
    nxt = toks[1]
    if nxt in ",;:":
        return False  # "Look, ..." is a discourse marker; "Sit, sit." small talk
    words_ = [t for t in toks if t not in ",;:"]
    return nxt.lower() in _AFTER_ORDER or (len(words_) <= 3 and nxt.lower() in _ORDER_TAIL) or (
        nxt[0].isupper() and nxt.lower() not in _STOP)


# ---------------------------------------------------------------------------- cue lists


@dataclass(frozen=True, slots=True)
class Cues:
    refl_frames: tuple[re.Pattern[str], ...]
    summary_frames: tuple[re.Pattern[str], ...]
    you_state: tuple[re.Pattern[str], ...]
    generic_you: tuple[re.Pattern[str], ...]
    complex_cues: tuple[re.Pattern[str], ...]
    affirmation: tuple[re.Pattern[str], ...]
    judgment: tuple[re.Pattern[str], ...]
    advice: tuple[re.Pattern[str], ...]
    order_verbs: frozenset[str]
    open_invitations: tuple[re.Pattern[str], ...]
    unmarked: tuple[re.Pattern[str], ...]
    fact_seeking: tuple[re.Pattern[str], ...]
    leading: tuple[re.Pattern[str], ...]
    backchannel: re.Pattern[str]
    other: tuple[re.Pattern[str], ...]
    confidentiality: tuple[re.Pattern[str], ...]
    expectations: tuple[re.Pattern[str], ...]
    follow_up: tuple[re.Pattern[str], ...]
    request: tuple[re.Pattern[str], ...]
    minimum_motivation: float
    why: dict[str, str]
    rewrite: dict[str, list[str]]


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw = resources.files("coach").joinpath("data/mirror.toml").read_text(encoding="utf-8")
    d: dict[str, Any] = tomllib.loads(raw)
    r, q, o = d["reflection"], d["question"], d["other"]
    return Cues(
        refl_frames=_compile(r["frames"]),
        summary_frames=_compile(r["summary_frames"]),
        you_state=_compile(r["you_state"]),
        generic_you=_compile(r["generic_you"]),
        complex_cues=_compile(r["complex_cues"]),
        affirmation=_compile(d["affirmation"]["patterns"]),
        judgment=_compile(d["judgment"]["patterns"]),
        advice=_compile(d["advice"]["patterns"]),
        order_verbs=frozenset(d["advice"]["order_verbs"].split()),
        open_invitations=_compile(q["open_invitations"]),
        unmarked=_compile(q["unmarked"]),
        fact_seeking=_compile(q["fact_seeking"]),
        leading=_compile(q["leading"]),
        backchannel=re.compile(o["backchannel"], re.IGNORECASE),
        other=_compile(o["patterns"]),
        confidentiality=_compile(d["opening"]["confidentiality"]),
        expectations=_compile(d["opening"]["expectations"]),
        follow_up=_compile(d["moments"]["follow_up"]),
        request=_compile(d["request"]["patterns"]),
        minimum_motivation=float(d["moments"]["minimum_motivation"]),
        why=dict(d["why"]),
        rewrite=dict(d["rewrite"]),
    )


def first_match(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    for p in patterns:
        m = p.search(text)
        if m:
            return m
    return None
