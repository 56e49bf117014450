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
session for `coach bench`.
"""

from __future__ import annotations

import importlib
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from coach.language import gerund, quote, strip_end, swap_pronouns, trim_hedges
from coach.mentor.values import claimed_otherwise, concrete_goal, is_verb
from coach.types import (
    Act,
    Analysis,
    Evidence,
    Kind,
    Motivation,
    Session,
    ShareLevel,
    SummaryItem,
    Turn,
)

KINDS: tuple[str, ...] = (
    "goal",
    "motivation",
    "influence_authority",
    "bedrock",
    "passion",
    "experiment",
    "open_question",
)

SECTION_TITLES: dict[str, str] = {
    "goal": "Goals",
    "motivation": "What seems to sit underneath",
    "influence_authority": "Influence or authority",
    "bedrock": "Bedrock",
    "passion": "Where your energy rose",
    "experiment": "Experiments you named",
    "open_question": "Still open",
}

# How each motivation is named back: plain, neutral, no verdict on whether it is a good reason.
MOTIVATION_LABELS: dict[str, str] = {
    Motivation.INFLUENCE: "Influence",
    Motivation.AUTHORITY: "Authority",
    Motivation.RECOGNITION: "Recognition",
    Motivation.GROWTH: "Growth and mastery",
    Motivation.AUTONOMY: "Autonomy",
    Motivation.MEANING: "Meaningful work",
    Motivation.COMPENSATION: "Compensation",
    Motivation.NEXT_RUNG: "The next rung",
}
MOTIVATION_PHRASES: dict[str, str] = {
    Motivation.INFLUENCE: "having a say in the direction things take",
    Motivation.AUTHORITY: "being the one who makes the call",
    Motivation.RECOGNITION: "having your work seen and appreciated",
    Motivation.GROWTH: "learning, stretching, getting better at hard things",
    Motivation.AUTONOMY: "freedom over how and what you work on",
    Motivation.MEANING: "doing work that matters to you",
    Motivation.COMPENSATION: "earning well, and what that makes possible",
    Motivation.NEXT_RUNG: "the next step up as the natural move",
}

# Thresholds on the analyzer's scores. Confidence is the analyzer's 0..1 score for a motivation hit;
# a lone weak hit is too thin to put in front of the mentee as "what sits underneath".
MIN_MOTIVATION_CONFIDENCE = 0.35
STRONG_MOTIVATION_CONFIDENCE = 0.5
MIN_BEDROCK_SCORE = 0.6
MIN_ENERGY = 0.5
MAX_QUOTES_PER_ITEM = 3
MAX_PASSIONS = 3
MAX_BEDROCK_CANDIDATES = 3
MAX_OWN_WORDS = 4  # values said in the mentee's own words, beyond the named motivations
VALUE_WEIGHT = 0.6  # how much one value sentence counts when influence and authority are weighed
QUOTE_IN_TEXT = 80  # characters of a quote embedded in an item's text
# How a bedrock item the mentee confirmed in the conversation starts; SummaryItem has no field for
# it, and the wording doubles as the marker the portrait and the prep plan read back.
CONFIRMED_PREFIX = "Bedrock you confirmed"

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
# The summary value


@dataclass(slots=True)
class Summary:
    """A session's bedrock summary: reviewable items, each with the mentee's words behind it."""

    session_id: str
    created_at: str
    items: list[SummaryItem] = field(default_factory=list)
    session_date: str = ""  # when the conversation happened (the summary may be built later)

    def by_kind(self, kind: str) -> list[SummaryItem]:
        return [i for i in self.items if i.kind == kind]

    def visible(self) -> list[SummaryItem]:
        """Items the mentee has not rejected."""
        return [i for i in self.items if i.status != "rejected"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "created_at": self.created_at,
            "session_date": self.session_date,
            "items": [_item_dict(i) for i in self.items],
        }

    def to_markdown(self) -> str:
        lines = [f"# What I heard — session {self.session_id}", ""]
        date = (self.session_date or self.created_at)[:10]
        visible = self.visible()
        if not visible:
            lines.append("Nothing I could back with your own words yet. There is no hurry: this grows over time.")
            return "\n".join(lines) + "\n"
        lines.append(f"Here's what I heard ({date}) — tell me what's off. Each line cites your own words.")
        for kind in KINDS:
            items = [i for i in visible if i.kind == kind]
            if not items:
                continue
            lines += ["", f"## {SECTION_TITLES[kind]}", ""]
            for item in items:
                tag = f"#{item.id} " if item.id is not None else ""
                status = "" if item.status == "proposed" else f" _({item.status})_"
                share = "" if item.share is ShareLevel.PRIVATE else f" _(shared: {item.share})_"
                lines.append(f"- {tag}{item.text}{status}{share}")
                if item.status == "edited" and item.original_text and item.original_text != item.text:
                    lines.append(f"  - first proposed as: {item.original_text}")
                for q in item.quotes:
                    where = f" (turn {q.turn_id})" if q.turn_id is not None else ""
                    lines.append(f"  > “{q.text}”{where}")
        return "\n".join(lines) + "\n"


def is_confirmed_bedrock(item: SummaryItem | dict[str, Any]) -> bool:
    """A bedrock item the mentee confirmed: in the conversation, or later in review."""
    get = item.get if isinstance(item, dict) else (lambda k, d=None: getattr(item, k, d))
    if get("kind") != "bedrock":
        return False
    if get("status") in ("confirmed", "edited"):
        return True
    first = get("original_text") or get("text") or ""
    return str(first).startswith(CONFIRMED_PREFIX) or str(get("text") or "").startswith(CONFIRMED_PREFIX)


def _item_dict(item: SummaryItem) -> dict[str, Any]:
    d = item.to_dict()
    d["share"] = str(item.share)
    return d


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


def _similar(a: str, b: str, threshold: float = 0.6) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    return len(wa & wb) / min(len(wa), len(wb)) >= threshold


# --------------------------------------------------------------------------------------------------
# Guarding each item's words


Checker = Callable[..., Any]


def _default_checker() -> Checker | None:
    try:
        guard = importlib.import_module("coach.guard")
    except ModuleNotFoundError as exc:  # the guard area not built yet: nothing to check against
        if exc.name != "coach.guard":
            raise
        return None
    return guard.check


class _Guarded:
    """Picks the first wording of an item that the guard accepts (and remembers verdicts)."""

    def __init__(self, checker: Checker | None) -> None:
        self.checker = checker
        self.cache: dict[tuple[str, str], bool] = {}
        self.dropped: list[tuple[str, str]] = []  # (text, reason), for tests and debugging

    def ok(self, text: str, mentee_text: str = "") -> bool:
        if self.checker is None:
            return True
        key = (text, mentee_text)
        if key not in self.cache:
            verdict = self.checker(text, mentee_text=mentee_text)
            self.cache[key] = bool(verdict.ok)
            if not verdict.ok:
                self.dropped.append((text, verdict.reason))
        return self.cache[key]

    def first(self, options: Iterable[str], mentee_text: str = "") -> str | None:
        for text in options:
            if text and self.ok(text, mentee_text):
                return text
        return None


# --------------------------------------------------------------------------------------------------
# Building the items


def build_summary(
    turns: list[Turn],
    session: Session,
    state: dict[str, Any] | None = None,
    *,
    checker: Checker | None | bool = True,
) -> Summary:
    """Propose summary items for one session from its stored turns and their analyses.

    `state` is the policy's state (defaults to `session.state`); `checker` is the guard used on every
    item's words (True: coach.guard.check; None/False: unchecked, for tests of the extraction alone).
    """
    st = _state_dict(state if state is not None else session.state)
    guarded = _Guarded(_default_checker() if checker is True else (checker or None))
    builder = _Builder(turns, session, st, guarded)
    items = builder.build()
    return Summary(session_id=session.id, created_at=_now(), items=items, session_date=session.created_at[:10])


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Builder:
    def __init__(self, turns: list[Turn], session: Session, state: dict[str, Any], guarded: _Guarded) -> None:
        self.turns = turns
        self.session = session
        self.state = state
        self.g = guarded
        self.by_id = {t.id: t for t in turns}
        self.mentee: list[_MenteeTurn] = []
        for pos, t in enumerate(turns):
            if t.role != "mentee" or not t.text.strip():
                continue
            a = _analysis(t) or Analysis(text=t.text)
            self.mentee.append(_MenteeTurn(t, a, pos, _sentence_spans(t.text)))
        self.mentee_by_id = {mt.turn.id: mt for mt in self.mentee}
        self.items: list[SummaryItem] = []
        self._goal_quotes: dict[int, list[Evidence]] = {}  # goal index -> later quotes of the same goal

    # -- helpers ----------------------------------------------------------------------------------

    def _add(self, kind: str, options: list[str], quotes: list[Evidence], motivation: str | None = None) -> SummaryItem | None:
        quotes = _dedupe_quotes([q for q in quotes if _valid(q, self.by_id)])[:MAX_QUOTES_PER_ITEM]
        if not quotes:
            return None  # no item without the mentee's words behind it
        mentee_text = " ".join(self.by_id[q.turn_id].text for q in quotes if q.turn_id in self.by_id)
        text = self.g.first(options, mentee_text)
        if text is None:
            return None
        item = SummaryItem(
            session_id=self.session.id,
            kind=kind,
            text=text,
            quotes=quotes,
            motivation=motivation,
            share=self.session.share,
            original_text=text,
        )
        self.items.append(item)
        return item

    def _next_mentee(self, pos: int) -> _MenteeTurn | None:
        for mt in self.mentee:
            if mt.pos > pos:
                return mt
        return None

    def _prev_mentee(self, pos: int) -> _MenteeTurn | None:
        prev = None
        for mt in self.mentee:
            if mt.pos >= pos:
                break
            prev = mt
        return prev

    # -- the sections -----------------------------------------------------------------------------

    def build(self) -> list[SummaryItem]:
        goals = self._goals()
        motivations = self._motivations()
        self._goal_open_questions(goals, motivations)
        self._influence_authority(motivations)
        self._bedrock()
        if not any(i.kind == "bedrock" for i in self.items):
            self._deepest_value()
        self._passions()
        self._experiments()
        # a value held up as bedrock is not listed again in the mentee's own words
        bedrock_quotes = {(q.turn_id, q.start) for i in self.items if i.kind == "bedrock" for q in i.quotes}
        self.items = [i for i in self.items if not (i.kind == "motivation" and i.motivation is None
                                                    and all((q.turn_id, q.start) in bedrock_quotes for q in i.quotes))]
        order = {k: i for i, k in enumerate(KINDS)}
        self.items.sort(key=lambda i: order[i.kind])  # stable: keeps conversation order within a kind
        return self.items

    def _goals(self) -> list[tuple[str, _MenteeTurn, Evidence]]:
        from coach.spelling import tidy

        found: list[tuple[str, _MenteeTurn, Evidence]] = []
        for mt in self.mentee:
            a = mt.analysis
            if not a.goal:
                considered = _CONSIDERING.search(mt.turn.text)
                if considered:  # "I'm thinking about nursing school": a goal in the making, in their words
                    a = Analysis(text=a.text, kinds=a.kinds + [Kind.GOAL], goal=considered.group("x"), hearing=a.hearing)
            if not (a.goal or a.has(Kind.GOAL)) or _is_question(mt.turn.text) and not a.goal:
                continue
            if a.hearing.act in (Act.INJECTION, Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION) or a.hearing.long:
                continue
            if a.goal and _goal_disowned(mt.turn.text, a):
                continue  # "whether I want to stay…", "my wife wants me to…", "if I won the lottery I'd…"
            if a.goal and not concrete_goal(a.goal) and not a.roles:
                continue  # "I want to make sure quiet people get heard" says what matters: a motivation, not a goal
            if a.goal and _is_reason(mt.turn.text, a.goal):
                continue  # "because I want to have a say …" gives a reason for a goal, not a new goal
            ev = _phrase_evidence(mt, a.goal) if a.goal else None
            if ev is None and a.goal:  # heard through the spelling ("i wnat to b a prodcut manger"): their sentence
                from coach.spelling import tidy

                ev = next((Evidence(text=mt.turn.text[s:e], start=s, end=e, turn_id=mt.turn.id) for s, e in mt.spans
                           if a.goal.lower() in tidy(mt.turn.text[s:e]).lower()), None)
            if ev is None and a.has(Kind.GOAL):
                wish = re.compile(r"\b(want|wanna|hope|plan|aim|goal|see myself|dream)\b", re.I)
                ev = _sentence_evidence(mt, wish) if wish.search(mt.turn.text) else None  # no sentence says a goal
            if ev is None or claimed_otherwise(ev.text, mt.analysis):
                continue  # "Not that I want to be rich." names no goal
            phrase = a.goal if a.goal and (_locate(mt.turn.text, a.goal) or a.goal.lower() in tidy(ev.text).lower()) else ev.text
            merged = False
            for i, (g, gmt, gev) in enumerate(found):
                if _similar(g, phrase):
                    merged = True  # the same goal said again: one item, both quotes
                    self._goal_quotes.setdefault(i, []).append(ev)
                    break
            if not merged:
                found.append((phrase, mt, ev))
        found = [f for f in found if f[0] == f[2].text or readable_phrase(f[0])]
        for i, (phrase, mt, ev) in enumerate(found):
            # A noun phrase ("being a tech lead"): a bare verb phrase ("be a tech lead") reads as an order.
            np = _goal_np(_drop_time(phrase)) if phrase != ev.text else ""
            self._add(
                "goal",
                [f"Goal: {np}" if np else "", f"A goal you named: “{_short(ev.text)}”"],
                [ev, *self._goal_quotes.get(i, [])],
            )
        return found

    def _motivations(self) -> dict[str, list[tuple[float, Evidence, _MenteeTurn]]]:
        """What sits underneath, from what the mentee said matters to them (coach/mentor/values.py): named
        with one of the seed's motivations only when their sentence names it in words, otherwise in their
        own words. Someone else's view, a denial, the losing side, a hypothetical, a request or a misread
        the mentee corrected never becomes an item."""
        from coach.mentor.values import as_value_phrase, values
        from coach.spelling import tidy

        # what the mentee corrected ("that's not what I meant") leaves the summary: the motivation the coach
        # read into that turn is not credited from it
        retracted = {(r.get("turn_id"), r.get("motivation")) for r in self.state.get("retracted", []) or [] if isinstance(r, dict)}
        named: dict[str, list[tuple[float, Evidence, _MenteeTurn, str]]] = {}
        own: list[tuple[Evidence, str]] = []
        for mt in self.mentee:
            prev = next((t for t in reversed(self.turns[: mt.pos]) if t.role == "coach"), None)
            asked = prev is not None and prev.text.rstrip().endswith("?")
            found = values(mt.turn.text, mt.spans, mt.analysis, after_question=asked)
            for v in found:
                ev = Evidence(text=mt.turn.text[v.start : v.end], start=v.start, end=v.end, turn_id=mt.turn.id)
                if v.motivation is not None and (mt.turn.id, v.motivation.value) in retracted:
                    continue
                if v.motivation is not None:
                    named.setdefault(v.motivation.value, []).append((VALUE_WEIGHT, ev, mt, v.phrase))
                else:
                    own.append((ev, v.phrase))
            # an answer that names a motivation in words without "I want" ("They decide the tools everyone
            # has to live with"): the analyzer's hit, kept only where its own sentence says it in words
            for h in mt.analysis.motivations:
                ev = _phrase_evidence(mt, h.evidence.text, h.evidence.start) if h.evidence.text else None
                if ev is None or h.confidence < STRONG_MOTIVATION_CONFIDENCE or any(v.start <= ev.start < v.end for v in found):
                    continue
                if not _said_in_words(h.motivation, ev.text) or not _answerable(mt, ev):
                    continue
                if (mt.turn.id, h.motivation.value) in retracted:
                    continue
                if _CONCESSION.match(ev.text):
                    continue  # "More pay but I'd be in meetings": the pay is what the move offers, not what they want
                named.setdefault(h.motivation.value, []).append((h.confidence, ev, mt, as_value_phrase(ev.text)))
        named = {m: [h for h in hs if readable_phrase(h[3])] for m, hs in named.items()}
        named = {m: hs for m, hs in named.items() if hs}
        own = [(ev, phrase) for ev, phrase in own if readable_phrase(phrase)]
        for m in sorted(named, key=lambda k: (-len(named[k]), named[k][0][2].pos)):
            hs = named[m]
            label = MOTIVATION_LABELS.get(m, m.replace("_", " ").capitalize())
            phrase = _short(tidy(hs[0][3]), 90)
            self._add("motivation", [f"{label}: {phrase}", label], [ev for _, ev, _, _ in hs], motivation=m)
        seen: list[str] = []
        for ev, phrase in own[:MAX_OWN_WORDS]:
            if any(_similar(phrase, x) for x in seen):
                continue
            seen.append(phrase)
            self._add("motivation", [f"In your words: {_short(tidy(phrase), 90)}"], [ev])
        return {m: [(c, ev, mt) for c, ev, mt, _ in hs] for m, hs in named.items()}

    def _goal_open_questions(self, goals: list[tuple[str, _MenteeTurn, Evidence]], motivations: dict[str, list]) -> None:
        """A goal with no motivation found from its turn up to the next goal is still unexplored."""
        goal_positions = sorted(mt.pos for _, mt, _ in goals)
        for phrase, mt, ev in goals:
            later = [p for p in goal_positions if p > mt.pos]
            end = later[0] if later else len(self.turns)
            # "Tech lead because it's the next step" restates the goal; only other motivations, or
            # next_rung said later, count as having explored what sits under it.
            under = any(
                mt.pos <= hmt.pos < end and not (m == Motivation.NEXT_RUNG and hmt.pos == mt.pos)
                for m, hs in motivations.items()
                for _, _, hmt in hs
            )
            if under:
                continue
            np = _goal_np(_drop_time(phrase)) if phrase != ev.text else "this goal"
            self._add(
                "open_question",
                [f"Still open: what draws you to {np}?", "Still open: what draws you to this goal?"],
                [ev],
            )

    def _influence_authority(self, motivations: dict[str, list[tuple[float, Evidence, _MenteeTurn]]]) -> None:
        inf = motivations.get(Motivation.INFLUENCE, [])
        auth = motivations.get(Motivation.AUTHORITY, [])
        if not inf and not auth:
            return
        wi, wa = sum(c for c, _, _ in inf), sum(c for c, _, _ in auth)
        qi = max(inf, key=lambda x: x[0])[1] if inf else None
        qa = max(auth, key=lambda x: x[0])[1] if auth else None
        if qi and (not qa or wi >= 1.5 * wa):
            lead = "Mostly about influence" if not qa else "More about influence than authority"
            text = f"{lead}: having a say in direction (“{_short(qi.text)}”)"
            self._add("influence_authority", [text, f"{lead}: having a say in direction"], [qi] + ([qa] if qa else []))
        elif qa and (not qi or wa >= 1.5 * wi):
            lead = "Mostly about authority" if not qi else "More about authority than influence"
            text = f"{lead}: being the one who makes the call (“{_short(qa.text)}”)"
            self._add("influence_authority", [text, f"{lead}: being the one who makes the call"], [qa] + ([qi] if qi else []))
        else:
            assert qi and qa
            text = f"Both came up: influence (“{_short(qi.text, 60)}”) and authority (“{_short(qa.text, 60)}”)"
            self._add("influence_authority", [text, "Both influence and authority came up"], [qi, qa])
            self._add(
                "open_question",
                [
                    "Still open: how do shaping the direction and having the final say fit together for you?",
                    "Still open: how do influence and authority fit together for you?",
                ],
                [qi, qa],
            )

    def _bedrock(self) -> None:
        confirmed: dict[int, str] = {}  # turn id -> the confirmed statement's text, when known
        denied: list[tuple[_MenteeTurn, _MenteeTurn]] = []  # (candidate turn, the "no" turn)
        for entry in self.state.get("bedrock_confirmed", []) or []:
            if isinstance(entry, dict) and entry.get("turn_id") in self.mentee_by_id:
                confirmed[entry["turn_id"]] = str(entry.get("text", ""))
            elif isinstance(entry, str):
                for mt in self.mentee:  # a bare string: find the turn that said it
                    if _locate(mt.turn.text, entry):
                        confirmed.setdefault(mt.turn.id, entry)
                        break
        # The conversation itself: a confirm_bedrock move, then the mentee's yes or no.
        for pos, t in enumerate(self.turns):
            if t.role != "coach" or t.move != "confirm_bedrock":
                continue
            cand = self._prev_mentee(pos)
            answer = self._next_mentee(pos)
            if cand is None or answer is None:
                continue
            if answer.analysis.has(Kind.AFFIRM) and not answer.analysis.has(Kind.DENY):
                confirmed.setdefault(cand.turn.id, "")
            elif answer.analysis.has(Kind.DENY):
                denied.append((cand, answer))

        seen: list[str] = []
        for tid, stmt in confirmed.items():
            mt = self.mentee_by_id[tid]
            ev = _phrase_evidence(mt, stmt) if stmt else None
            if ev is None or len(_sentence_spans(ev.text)) > 1:
                ev = self._bedrock_sentence(mt)  # the policy keeps the whole message; quote its core
            if any(_similar(ev.text, s, 0.9) for s in seen):
                continue
            seen.append(ev.text)
            self._add(
                "bedrock",
                [f"{CONFIRMED_PREFIX}: “{_short(ev.text, 120)}”", f"{CONFIRMED_PREFIX} (in your words below)"],
                [ev],
                motivation=mt.analysis.top_motivation,
            )
        cands = [
            mt
            for mt in self.mentee
            if mt.turn.id not in confirmed
            and (mt.analysis.bedrock_score >= MIN_BEDROCK_SCORE or mt.analysis.has(Kind.BEDROCK) or self._explicit(mt) is not None)
            and not any(mt is c for c, _ in denied)
            and not _is_question(mt.turn.text)
            and not mt.analysis.has(Kind.EXPERIMENT)  # "I could try X" is a plan, not a core need
        ]
        cands.sort(key=lambda m: (self._explicit(m) is None, -m.analysis.bedrock_score))  # said outright first
        # what the coach held up for confirmation (an explicit "X has mattered to me my whole life") and no
        # answer has come to yet: possible bedrock, in the words the mentee said it
        for entry in self.state.get("bedrock_candidates", []) or []:
            if not isinstance(entry, dict) or entry.get("turn_id") not in self.mentee_by_id or entry.get("turn_id") in confirmed:
                continue
            if not entry.get("explicit") or any(mt is c for c, _ in denied for mt in [self.mentee_by_id[entry["turn_id"]]]):
                continue
            mt = self.mentee_by_id[entry["turn_id"]]
            said = str(entry.get("text", ""))
            k = self.mentee.index(mt)
            ev = self._explicit(mt) or _phrase_evidence(mt, said) or (
                _phrase_evidence(self.mentee[k - 1], said) if k > 0 else None)  # "That's it." points at the turn before
            if ev is None:
                ev = self._bedrock_sentence(mt)
                if len(re.findall(r"[a-z]{4,}", ev.text.lower())) <= 2:
                    continue  # "yeah thats it" alone backs nothing
            if any(_similar(ev.text, x) for x in seen):
                continue
            seen.append(ev.text)
            self._add("bedrock", [f"Possible bedrock, not yet confirmed: “{_short(ev.text, 120)}”",
                                  "Possible bedrock, not yet confirmed"], [ev], motivation=mt.analysis.top_motivation)
        for mt in cands[:MAX_BEDROCK_CANDIDATES]:
            ev = self._bedrock_sentence(mt)
            if any(_similar(ev.text, s) for s in seen) or claimed_otherwise(ev.text, mt.analysis):
                continue  # a denial ("Not that I want to be rich") is no candidate for what runs deepest
            seen.append(ev.text)
            self._add(
                "bedrock",
                [f"Possible bedrock, not yet confirmed: “{_short(ev.text, 120)}”", "Possible bedrock, not yet confirmed"],
                [ev],
                motivation=mt.analysis.top_motivation,
            )
        for cand, answer in denied:
            ev = self._bedrock_sentence(cand)
            no = _sentence_evidence(answer)
            self._add(
                "open_question",
                [
                    f"Still open: if “{_short(ev.text, 60)}” wasn't quite it, what lies underneath it for you?",
                    "Still open: what lies underneath that for you, if not what I played back?",
                ],
                [ev, no],
            )

    def _deepest_value(self) -> None:
        """No bedrock confirmed or held up: the last thing the mentee said matters to them, after some
        laddering, is offered as possible bedrock (to confirm or reject in review), never as confirmed."""
        from coach.mentor.values import values

        if len(self.mentee) < 3:
            return
        for mt in reversed(self.mentee[len(self.mentee) // 2:]):
            prev = next((t for t in reversed(self.turns[: mt.pos]) if t.role == "coach"), None)
            found = values(mt.turn.text, mt.spans, mt.analysis, after_question=prev is not None and prev.text.rstrip().endswith("?"))
            if not found:
                continue
            v = found[-1]
            ev = Evidence(text=mt.turn.text[v.start : v.end], start=v.start, end=v.end, turn_id=mt.turn.id)
            self._add("bedrock", [f"Possible bedrock, not yet confirmed: “{_short(ev.text, 120)}”",
                                  "Possible bedrock, not yet confirmed"], [ev], motivation=v.motivation)
            return

    def _explicit(self, mt: _MenteeTurn) -> Evidence | None:
        """ "Ideas winning on their merits. That's the thing.": an explicit bedrock statement, quoted with what
        its pointer points at (the sentences before it in the same message); None when the message has none."""
        from coach import lexicon
        from coach.analyze.hearing import points_back

        text = mt.turn.text
        for i, (s, e) in enumerate(mt.spans):
            sent = text[s:e]
            if not lexicon.any_match(lexicon.cues("bedrock", "explicit"), sent) or claimed_otherwise(sent, mt.analysis):
                continue
            if points_back(sent):
                if i == 0:
                    return None  # points at an earlier message: the confirmation in the conversation covers it
                first = next((k for k in range(max(0, i - 2), i) if not re.fullmatch(r"\W*(?:yes|yeah|yep|ya|haan|sí|si|genau|exactly|right)\W*", text[mt.spans[k][0]:mt.spans[k][1]], re.I)), i)
                if first == i:
                    return None  # "yes!! that's it.": a yes to what was said before, which the confirmation covers
                return Evidence(text=text[mt.spans[first][0]:e], start=mt.spans[first][0], end=e, turn_id=mt.turn.id)
            return Evidence(text=sent, start=s, end=e, turn_id=mt.turn.id)
        return None

    def _bedrock_sentence(self, mt: _MenteeTurn) -> Evidence:
        from coach import lexicon

        explicit = self._explicit(mt)
        if explicit is not None:
            return explicit

        frames = lexicon.group("text", "bedrock_frames") if _has_group("text", "bedrock_frames") else []
        text = mt.turn.text
        for s, e in mt.spans:
            if any(p.search(text[s:e]) for p in frames):
                return Evidence(text=text[s:e], start=s, end=e, turn_id=mt.turn.id)
        return _sentence_evidence(mt)

    def _passions(self) -> None:
        found: list[tuple[float, _MenteeTurn]] = []
        for mt in self.mentee:
            a = mt.analysis
            if a.has(Kind.CRISIS) or a.has(Kind.INJECTION):
                continue
            if not (a.energy >= MIN_ENERGY or a.energy_cues):
                continue
            if a.sentiment < 0.2 or any(f.valence < 0 for f in a.hearing.feelings):
                continue  # loud but unhappy is frustration, not passion; CAPS in anger is not energy for the work
            if a.hearing.long or a.hearing.code or a.hearing.act is not Act.STATEMENT and a.hearing.act is not Act.DISCLOSURE:
                continue  # a pasted ad, code, "yes!!", a request: nothing of theirs lit up
            if not (_INTENSIFIER.search(mt.turn.text) or any(f.valence > 0 for f in a.hearing.feelings)):
                continue  # exclamation marks alone say how it was typed, not what lights them up
            if re.search(r"\bused to\b|\bnot any ?more\b|\banymore\b", mt.turn.text, re.I):
                continue  # "I used to love this job" is what was, not where the energy is
            found.append((a.energy, mt))
        found.sort(key=lambda x: -x[0])
        topics: list[str] = []
        kept = []
        for energy, mt in found:
            topic = mt.analysis.topic.strip()
            if len(topic.split()) > 6 or re.match(r"^\W*(?:sorry|hi|hey|hello|ok(?:ay)?|so|well|yeah|yes)\b", topic, re.I):
                topic = ""  # "Sorry, back from teaching, bit sweaty…" is a sentence, not what lit them up
            loc = _locate(mt.turn.text, topic) if topic else None
            if loc:
                ev = _evidence(mt, *loc)
            else:
                ev = self._energy_sentence(mt)
                topic = _topic_from(ev.text)
            key = topic or ev.text
            if any(_similar(key, k) for k in topics):
                continue
            topics.append(key)
            kept.append((mt.pos, topic, ev))
            if len(kept) >= MAX_PASSIONS:
                break
        for _, topic, ev in sorted(kept, key=lambda x: x[0]):
            options = [f"You lit up talking about {_you(topic)}"] if topic else []
            options += [f"Your energy rose here: “{_short(ev.text)}”", "Your energy rose here"]
            self._add("passion", options, [ev])

    def _energy_sentence(self, mt: _MenteeTurn) -> Evidence:
        text = mt.turn.text
        best = max(mt.spans, key=lambda se: text[se[0] : se[1]].count("!") * 2 + len(_INTENSIFIER.findall(text[se[0] : se[1]])), default=None)
        if best is None:
            return _sentence_evidence(mt)
        return Evidence(text=text[best[0] : best[1]], start=best[0], end=best[1], turn_id=mt.turn.id)

    def _experiments(self) -> None:
        from coach import lexicon

        pats = lexicon.group("kinds", "experiment") if _has_group("kinds", "experiment") else []
        seen: list[str] = []
        for mt in self.mentee:
            a = mt.analysis
            prev_coach = next((t for t in reversed(self.turns[: mt.pos]) if t.role == "coach"), None)
            after_ask = prev_coach is not None and prev_coach.move == "experiment"
            text = mt.turn.text
            if not (a.has(Kind.EXPERIMENT) or (after_ask and not a.has(Kind.LOW_EFFORT) and not a.has(Kind.DENY) and _FUTURE_ACTION.search(text))):
                continue
            ev = None
            for s, e in mt.spans:
                if any(p.search(text[s:e]) for p in pats):
                    ev = Evidence(text=text[s:e], start=s, end=e, turn_id=mt.turn.id)
                    break
            ev = ev or _sentence_evidence(mt, _FUTURE_ACTION)
            if any(_similar(ev.text, s) for s in seen):
                continue
            seen.append(ev.text)
            action = action_phrase(ev.text)
            options = [f"Experiment you named: {action}"] if action else []
            options += [f"An experiment, in your words: “{_short(ev.text)}”", "An experiment you named (your words below)"]
            self._add("experiment", options, [ev])


_CONSIDERING = re.compile(
    r"\b(?:i(?:'m| am)|im)?\s*(?:seriously\s+|really\s+)?(?:thinkin[g']? (?:about|of|bout|abt)|considering|looking (?:at|into)|applying (?:to|for))\s+"
    r"(?P<x>(?:going (?:back )?to |going for |becoming (?:a |an )?|moving (?:in)?to |switching to |applying (?:to|for) |retraining as |start(?:ing|in[g']?) )?"
    r"[a-z][^.,;!?]{2,50})", re.IGNORECASE)


_UNWANTED = re.compile(r"\b(?:boring|bored|terrif\w*|scar(?:ed|es|y)|hate[sd]?|awful|dread\w*|sick of|tired of|can'?t afford|"
                       r"no offen[cs]e)\b", re.I)


def readable_phrase(phrase: str) -> bool:
    """Whether a phrase can name what matters to the mentee in an item: it starts on a whole word (not "nning
    Poland"), isn't a copula left over ("is for design to…"), a pointer ("That matters"), a complaint or a
    fear ("Audit is boring", "The pay cut terrifies you"), a hedge on its own ("Teach maybe"), or cut off."""
    from coach.analyze.hearing import points_back
    from coach.spelling import load

    from coach.spelling import tidy

    p = tidy(phrase.strip())
    if not p or len(p.split()) > 18:
        return False
    first = re.findall(r"[A-Za-z']+", p)[0].lower() if re.findall(r"[A-Za-z']+", p) else ""
    if first in ("is", "are", "was", "were", "been", "ing", "s") or re.search(r"inging\b", p):
        return False
    checker = load()
    if checker is not None and first.isalpha() and len(first) > 2 and first not in checker and not p[0].isupper():
        return False  # "nning Poland and here", "ving wanted to teach": a span cut inside a word
    head = re.split(r"\b(?:because|so that|keeps? (?:me|you) from|stops? (?:me|you) from|instead of)\b", p, maxsplit=1)[0]
    if re.search(r"\b(?:that|this|it)\b", p, re.I) and points_back(p) or _UNWANTED.search(head) or re.match(r"^(?:being |it'?s )?(?:not|never|no)\b", p, re.I):
        return False
    if re.search(r"\b(?:maybe|perhaps|i guess)\W*$", p, re.I) and len(p.split()) <= 3:
        return False
    return not re.search(r"\s\w$", p)  # "who would k": cut mid-word


_CONCESSION = re.compile(r"^\W*(?:(?:more|better|higher|bigger|extra|less|good|great)\s+)?[\w-]+\s+but\b", re.I)


def _said_in_words(m: Motivation, sentence: str) -> bool:
    """The sentence names the motivation in words, and not as something ruled out ("shouldn't decide")."""
    from coach import lexicon

    if m is Motivation.NEXT_RUNG:
        return False
    for p in lexicon.group("motivation_keywords", m.value):
        hit = p.search(sentence)
        if hit and not re.search(r"(?:n't|\bnot|\bnever|\bno)\s+(?:\w+\s+){0,3}$", sentence[: hit.start()], re.I):
            return True
    return False


def _answerable(mt: Any, ev: Evidence) -> bool:
    """A sentence that can back a motive: theirs, for real, not a question, a request, a paste or taken back."""
    from coach.mentor.values import claimed_otherwise, reversed_after

    a = mt.analysis
    if a.hearing.act in (Act.INJECTION, Act.CRISIS, Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION,
                         Act.COMPLAINT, Act.QUESTION_COACH, Act.SMALL_TALK) or a.hearing.long or a.hearing.code:
        return False
    if ev.text.rstrip().endswith("?") or claimed_otherwise(ev.text, a):
        return False
    return not reversed_after(mt.turn.text, ev.end)


def _goal_disowned(text: str, a: Analysis) -> bool:
    """A goal phrase inside someone else's view, a hypothetical or an open question is not the mentee's goal."""
    where = text.lower().find(a.goal.lower()[:30])
    if where >= 0 and re.search(r"\b(?:whether|if)\b[^.!?]*$", text[:where], re.I):
        return True
    return any(c.holder != "self" or c.modality == "hypothetical" for c in a.hearing.claims
               if c.text and a.goal[:30].lower() in c.text.lower())


_INTENSIFIER = re.compile(r"\b(love|adore|amazing|awesome|excit\w+|passion\w*|thrill\w*|fantastic|incredible|fun|fired up|best)\b", re.I)
_TRY = re.compile(
    r"\b(?:try|trying|test|testing|experiment with)\s+(?:out\s+)?(?:to\s+)?(?P<act>[a-z].+)$", re.IGNORECASE
)
_WOULD_DO = re.compile(
    r"\b(?:i|maybe i|perhaps i)\s+(?:could|might|may|will|'ll|want to|plan to|am going to|'m going to|can)\s+(?P<act>[a-z].+)$",
    re.IGNORECASE,
)


_ABOUT = re.compile(
    r"\b(?:talk|talking|think|thinking|work|working|worked)\s+(?:about|on)\s+"
    r"(?P<topic>(?:the|my|our|a|an|this|that)\s+[\w\-' ]{2,48}?)"
    r"(?=\s+(?:i|it|we|and|but|because|so|that|which|makes?|gets?)\b|[.!?,;:]|$)",
    re.IGNORECASE,
)
_REASON = re.compile(r"\b(because|since|so that|'cause|cos)\b[^.!?]*$", re.IGNORECASE)


def _topic_from(sentence: str) -> str:
    """'when I talk about the hackathon I get so fired up' -> 'the hackathon' (or '')."""
    m = _ABOUT.search(sentence)
    return m.group("topic").strip() if m else ""


def _is_reason(text: str, goal: str) -> bool:
    """Whether the goal phrase sits in a 'because …' clause (a reason, not a goal)."""
    loc = _locate(text, goal)
    return bool(loc and _REASON.search(text[: loc[0]]))


def _drop_time(phrase: str) -> str:
    from coach.language import drop_time

    return drop_time(phrase) or phrase


def action_phrase(sentence: str) -> str:
    """'I might try running the next design review.' -> 'running the next design review'."""
    s = strip_end(sentence.replace("’", "'"))
    for pat in (_TRY, _WOULD_DO):
        m = pat.search(s)
        if m:
            act = trim_hedges(m.group("act")).strip()
            if not act:
                continue
            first = act.split(" ", 1)[0].lower()
            if first in {"try", "trying"}:
                continue
            if not first.endswith("ing"):
                act = gerund(act)
            return swap_pronouns(act)
    return ""


def _dedupe_quotes(quotes: list[Evidence]) -> list[Evidence]:
    out: list[Evidence] = []
    for q in quotes:
        if any(q.turn_id == o.turn_id and q.start < o.end and o.start < q.end for o in out):
            continue  # overlapping spans of one turn: one quote is enough
        if any(q.text.strip().lower() == o.text.strip().lower() for o in out):
            continue  # the same words said twice add nothing to read
        out.append(q)
    return out


def _has_group(section: str, key: str | None = None) -> bool:
    from coach import lexicon

    pats = lexicon.patterns()
    return section in pats and (key is None or key in pats[section])


# --------------------------------------------------------------------------------------------------
# With a store: save for review, review, share


def summarize_session(store: Any, session_id: str, *, state: dict[str, Any] | None = None) -> Summary:
    """Build the session's summary, save it for review and return the stored items (with ids).

    Items the mentee already reviewed are kept as they are.
    """
    session = store.get_session(session_id)
    built = build_summary(store.turns(session_id), session, state)
    # The store drops a proposal that repeats a reviewed (or rejected) item, so a rebuild never
    # undoes the mentee's review.
    items = store.save_summary_items(session_id, built.items)
    return Summary(session_id=session_id, created_at=built.created_at, items=items, session_date=built.session_date)


REVIEW_ACTIONS = {"confirm": "confirmed", "edit": "edited", "reject": "rejected"}


def review_item(store: Any, item_id: int, action: str, text: str | None = None) -> SummaryItem | None:
    """Confirm, edit or reject one item. An edit keeps the quotes and the text first proposed."""
    from coach.errors import CoachError

    status = REVIEW_ACTIONS.get(action.strip().lower()) if action else None
    if status is None:
        raise CoachError(f"Unknown review action '{action}'. Use confirm, edit or reject.")
    if status == "edited":
        if text is None or not text.strip():
            raise CoachError("An edit needs the new wording: --text \"...\".")
        text = " ".join(text.split())
    else:
        text = None
    result = store.review_item(item_id, status, text)
    return result if isinstance(result, SummaryItem) else None


# --------------------------------------------------------------------------------------------------
# Benchmark (called by `coach bench`)


def _bench_session(n_turns: int = 40) -> tuple[list[Turn], Session]:
    """A realistic 40-turn session with analyses as the analyzer stores them."""
    from coach.types import MotivationHit

    mentee_lines = [
        ("I'd like to run the platform team one day.", {"kinds": ["goal"], "goal": "run the platform team"}),
        ("They decide the tools everyone else has to live with.", {"mot": ("influence", 0.7, "decide the tools everyone else has to live with")}),
        ("Yeah. I hate watching people fight bad tooling.", {"kinds": ["feeling"], "bedrock": 0.5}),
        ("I think I just like making things easier for people.", {"kinds": ["bedrock"], "bedrock": 0.8, "mot": ("meaning", 0.6, "making things easier for people")}),
        ("Yes, that's it.", {"kinds": ["affirm"]}),
        ("Honestly when I talk about the hackathon I get so fired up!!", {"energy": 0.8, "cues": ["exclamation", "intensifier: fired up"], "topic": "the hackathon", "sent": 0.6}),
        ("It feels shallow, but mostly I want to earn more.", {"kinds": ["shame", "goal"], "goal": "earn more", "mot": ("compensation", 0.8, "I want to earn more")}),
        ("I want my ideas to shape what we build.", {"mot": ("influence", 0.8, "my ideas to shape what we build")}),
        ("I might try running the next design review to see if I like it.", {"kinds": ["experiment"]}),
        ("idk", {"kinds": ["low_effort"]}),
    ]
    turns: list[Turn] = []
    moves = ["deepen", "reflect", "deepen", "confirm_bedrock", "passion", "normalize", "deepen", "experiment", "reflect", "low_effort"]
    i = 0
    tid = 1
    while len(turns) < n_turns:
        text, spec = mentee_lines[i % len(mentee_lines)]
        a = Analysis(text=text, kinds=[Kind(k) for k in spec.get("kinds", [])], goal=spec.get("goal", ""),
                     bedrock_score=spec.get("bedrock", 0.0), energy=spec.get("energy", 0.0),
                     energy_cues=spec.get("cues", []), topic=spec.get("topic", ""), sentiment=spec.get("sent", 0.0))
        if "mot" in spec:
            m, c, span = spec["mot"]
            start = text.find(span)
            a.motivations.append(MotivationHit(Motivation(m), c, Evidence(span, start, start + len(span))))
        turns.append(Turn(tid, "bench", len(turns), "mentee", text, "2025-01-01T10:00:00", analysis=a.to_dict()))
        tid += 1
        turns.append(Turn(tid, "bench", len(turns), "coach", "So it's about the people who use it.", "2025-01-01T10:00:01",
                          move=moves[i % len(moves)]))
        tid += 1
        i += 1
    return turns[:n_turns], Session(id="bench", created_at="2025-01-01T10:00:00")


def bench_summary(runs: int = 50, n_turns: int = 40) -> dict[str, float]:
    """Median and p95 milliseconds to summarize a 40-turn session (guard included, warm)."""
    turns, session = _bench_session(n_turns)
    build_summary(turns, session)  # warm-up: pattern compilation and imports are not per-summary cost
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        build_summary(turns, session)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {
        "runs": float(runs),
        "turns": float(n_turns),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(times[-1], 2),
    }
