"""Turn quality: does each coach reply fit what the mentee just said?

An eval that reused the coach's own analysis would only prove the coach agrees with itself, so this
module imports nothing from `coach` (no analyzer, policy, realizer or guard). It reads a transcript as
`coach chat --script FILE --json` prints it (`turns`: role, text, move) and scores every coach reply
with its own word lists and patterns, plus the already-independent helpers of `evals/scorers.py`
(stop-words, lemmas, the MITI-style coder `code_turn`).

Per coach turn:
    overlap          content lemmas shared with the last mentee message (stop-words and stock framing out)
    generic          no content shared with the last two mentee messages, outside the fixed moves
    parrot           >= 8 consecutive mentee words repeated (pronouns swapped or not), or "You're saying" /
                     "that's how you put it" / "you put it this way"
    negation errors  the mentee denied X ("not about the money", "I don't want to manage"); the reply asserts X
    holder errors    the mentee gave someone else's want ("my wife thinks I should..."); the reply makes it theirs
                     (both in evals/claims.py)
    questions, reflection, complex reflection (scorers.code_turn), question stems, generic probes
    expectations     the corpus's per-turn `expect` (any / none regexes)
    heart heard      readers named the words a good listener would keep from this message (data/heart/labels.jsonl,
                     dev conversations only); the reply holds at least half of their content words
Per session: repeated question stems, generic probes beyond the first, R:Q, % complex. `aggregate` pools
sessions into the metrics the `hearing` suite reports.

Fixed moves may carry no content of the mentee's: the opening, crisis care, privacy answers, summaries and
closings, the seed techniques (lottery, sweet spot), and `clarify` when the message was empty, unreadable
or not English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from evals import claims, scorers

__all__ = [
    "FIXED_MOVES",
    "SessionScore",
    "TurnScore",
    "aggregate",
    "check_expect",
    "is_english",
    "parroting",
    "score_session",
]

#: Moves whose words need none of the mentee's: the brief's exceptions to "generic".
# "transparency" answers a question about the coach itself ("are you a bot?"): the issue lists it among the fixed
# moves that may carry none of the mentee's content.
FIXED_MOVES = frozenset({"open", "crisis", "privacy", "summarize", "close", "lottery", "sweet_spot", "transparency"})
#: The last mentee messages a reply may draw on before it counts as generic.
RECENT_FOR_GENERIC = 2
PARROT_RUN = 8
#: Readers' labels of what a listener says back (data/heart/README.md); a reply hears the heart when it holds
#: this share of the phrase's content words.
HEART_LABELS = Path(__file__).resolve().parents[1] / "data" / "heart" / "labels.jsonl"
HEART_SHARE = 0.5

# Words every stock line uses: sharing one of these with the mentee is not hearing them.
STOCK_VOCAB = claims.STOCK_VOCAB


# ============================================================================ words


def _norm(text: str) -> str:
    return scorers.normalize(text or "")


def _lemma_set(words: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for w in words:
        out |= scorers.lemmas(w)
    return out


def content_bag(text: str) -> set[str]:
    """Content lemmas of a text, stock framing words left out."""
    return _lemma_set(w for w in scorers.content_words(_norm(text)) if w not in STOCK_VOCAB)


def shared_words(reply: str, mentee_texts: Sequence[str]) -> list[str]:
    bag: set[str] = set()
    for t in mentee_texts:
        bag |= content_bag(t)
    return sorted({w for w in scorers.content_words(_norm(reply))
                   if w not in STOCK_VOCAB and scorers.lemmas(w) & bag})


_ENGLISH_EXTRA = frozenset(["i", "me", "my", "you", "the", "a", "an", "and", "to", "of", "in", "is", "it", "that", "this", "for", "with", "on", "at", "be", "are", "was", "have"])


def is_english(text: str) -> bool:
    """A rough independent check: most words are English stop-words or words an English lexicon knows."""
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", _norm(text).lower())
    if not words:
        return False
    if not any(re.fullmatch(r"[a-z']+", w) for w in words):
        return False  # no Latin-script word at all
    if len(words) < 3:
        return True
    known = 0
    for w in words:
        if w in scorers.STOPWORDS or w in _ENGLISH_EXTRA or re.fullmatch(r"[a-z']+", w) and _in_lexicon(w):
            known += 1
    return known / len(words) >= 0.5


def _in_lexicon(word: str) -> bool:
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # pragma: no cover - lemminflect is a core dependency
        return True
    return bool(getAllLemmas(word))


def unreadable(text: str) -> bool:
    """Empty, whitespace, control characters or symbols only: nothing to reflect."""
    return not re.search(r"[^\W\d_]", text or "")


# ============================================================================ parroting

_PARROT_FRAMES = re.compile(
    r"(?:^|[.!?…]\s+|[—–]\s*)(?:so,?\s+)?you(?:'re| are) saying\b|that'?s how you put it|you put it (?:this|like this) way|"
    r"you put it like this",
    re.IGNORECASE,
)
_SWAP = {"i": "you", "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've", "i'd": "you'd",
         "i'll": "you'll", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are",
         "was": "were"}


def _swap(words: list[str]) -> list[str]:
    return [_SWAP.get(w, w) for w in words]


def parroting(reply: str, mentee_texts: Sequence[str], *, run: int = PARROT_RUN) -> list[str]:
    """Why the reply parrots the mentee (empty when it does not)."""
    why = []
    m = _PARROT_FRAMES.search(_norm(reply))
    if m:
        why.append(f"frame: {m.group(0).strip(' .!?—–')!r}")
    said = scorers.tokens(reply)
    grams = {tuple(said[i : i + run]) for i in range(len(said) - run + 1)}
    for t in mentee_texts:
        words = scorers.tokens(t)
        for seq in (words, _swap(words)):
            for i in range(len(seq) - run + 1):
                if tuple(seq[i : i + run]) in grams:
                    why.append(f"repeats {run}+ words: {' '.join(seq[i : i + run])!r}")
                    break
            else:
                continue
            break
    return why


# ============================================================================ questions

GENERIC_PROBES = [
    ("been like", re.compile(r"\bwhat'?s\s+(?:that|this|it)\s+been\s+like\b|\bwhat\s+has\s+(?:that|this|it)\s+been\s+like\b", re.IGNORECASE)),
    ("stands out", re.compile(r"\bwhat\s+stands\s+out\b", re.IGNORECASE)),
    ("tell me more", re.compile(r"\btell\s+me\s+(?:a\s+(?:bit|little)\s+)?more\b", re.IGNORECASE)),
    ("say more", re.compile(r"\bsay\s+(?:a\s+(?:bit|little)\s+)?more\b", re.IGNORECASE)),
    ("comes up", re.compile(r"\bwhat\s+comes\s+(?:up|to\s+mind)\b", re.IGNORECASE)),
    ("how does that feel", re.compile(r"\bhow\s+(?:does|did)\s+(?:that|this|it)\s+(?:make\s+you\s+)?feel\b", re.IGNORECASE)),
    ("how do you feel about", re.compile(r"\bhow\s+do\s+you\s+feel\s+about\s+(?:that|this|it)\b", re.IGNORECASE)),
    ("what else", re.compile(r"\bwhat\s+else\b", re.IGNORECASE)),
    ("more underneath", re.compile(r"\bmore\s+underneath\s+that\b", re.IGNORECASE)),
    ("on your mind", re.compile(r"\bwhat'?s\s+on\s+your\s+mind\b", re.IGNORECASE)),
    ("what does that mean to you", re.compile(r"\bwhat\s+(?:does|would)\s+(?:that|this|it)\s+mean\s+(?:to|for)\s+you\b", re.IGNORECASE)),
]


def question_sentences(text: str) -> list[str]:
    return [s for s in scorers.sentences(_norm(text)) if s.rstrip(" \"”')").endswith("?")]


def question_stem(question: str) -> tuple[str, ...]:
    """The first three content words of a question, stemmed: "What draws you to teaching?" -> (draw, teach)."""
    words = scorers.content_words(question)[:3]
    return tuple(min(scorers.lemmas(w), key=lambda x: (len(x), x)) for w in words)


def _same_stem(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same stem, or one a prefix of the other ("What draws you to teaching?" / "...teaching new hires?")."""
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 2 and long_[: len(short)] == short)


def generic_probes(text: str) -> list[str]:
    return [name for name, rx in GENERIC_PROBES if rx.search(_norm(text))]


# ============================================================================ expectations


def check_expect(reply: str, expect: dict[str, Any] | None) -> dict[str, Any] | None:
    """One corpus expectation against one reply: {"met", "any_ok", "none_hits", "why"} (None without one)."""
    if not expect:
        return None
    anys = expect.get("any") or []
    any_ok = (not anys) or any(re.search(p, reply or "", re.IGNORECASE) for p in anys)
    hits = [p for p in (expect.get("none") or []) if re.search(p, reply or "", re.IGNORECASE)]
    return {"met": bool(any_ok and not hits), "any_ok": bool(any_ok), "none_hits": hits, "why": expect.get("why", "")}


@lru_cache(maxsize=1)
def _reader_phrases() -> dict[str, str]:
    import json

    if not HEART_LABELS.exists():
        return {}
    out = {}
    for line in HEART_LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            if d.get("heart") and d.get("phrase"):
                out[d["key"]] = d["phrase"]
    return out


def reader_phrases(conversation_id: str, n_messages: int) -> list[str]:
    """For each mentee message of a corpus conversation, the words a reader said a listener would keep ("" when
    none was labelled: holdout conversations, one-sentence messages, goodbyes, requests)."""
    labels = _reader_phrases()
    return [labels.get(f"{conversation_id}:{i}", "") for i in range(n_messages)]


def hears_heart(reply: str, phrase: str) -> bool | None:
    """Whether a reply holds at least HEART_SHARE of the reader's phrase's content words (None: nothing to hold)."""
    want = content_bag(phrase)
    if not want:
        return None
    return len(want & content_bag(reply)) / len(want) >= HEART_SHARE


# ============================================================================ scoring one session


@dataclass(slots=True)
class TurnScore:
    index: int  # 0-based mentee message this reply answers
    mentee: str
    coach: str
    move: str
    fixed: bool
    eligible: bool  # counted for the generic rate: not fixed and the recent messages had content words
    overlap: int = 0  # shared content words with the last mentee message
    shared: list[str] = field(default_factory=list)
    generic: bool = False
    parrot: list[str] = field(default_factory=list)
    negation_errors: list[str] = field(default_factory=list)
    holder_errors: list[str] = field(default_factory=list)
    questions: int = 0
    reflection: bool = False
    complex_reflection: bool = False
    stems: list[list[str]] = field(default_factory=list)
    probes: list[str] = field(default_factory=list)
    expect: dict[str, Any] | None = None
    heart_heard: bool | None = None  # the reply holds the readers' phrase (None: no label, or a fixed move)

    @property
    def problems(self) -> list[str]:
        out = []
        if self.expect and not self.expect["met"]:
            if not self.expect["any_ok"]:
                out.append(f"expectation missed: {self.expect['why']}")
            for p in self.expect["none_hits"]:
                shown = re.sub(r"^(?:\(\?<![^)]*\))+", "", p)  # the look-behind guards are noise to a reader
                out.append(f"expectation forbids /{shown[:60]}/: {self.expect['why']}")
        if self.generic:
            out.append("generic: none of the mentee's words")
        out += [f"parrot: {p}" for p in self.parrot]
        out += [f"negation: {e}" for e in self.negation_errors]
        out += [f"holder: {e}" for e in self.holder_errors]
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["problems"] = self.problems
        return d


@dataclass(slots=True)
class SessionScore:
    id: str
    split: str
    turns: list[TurnScore] = field(default_factory=list)
    repeated_stems: list[str] = field(default_factory=list)
    probe_uses: int = 0

    @property
    def probe_excess(self) -> int:
        return max(0, self.probe_uses - 1)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "split": self.split, "turns": [t.to_dict() for t in self.turns],
                "repeated_stems": self.repeated_stems, "probe_uses": self.probe_uses,
                "probe_excess": self.probe_excess, "metrics": aggregate([self])}


def _pairs(transcript: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(mentee text, the coach turn that answers it), in order; the opening has no mentee message."""
    out = []
    pending: str | None = None
    for t in transcript.get("turns", []):
        if t.get("role") == "mentee":
            pending = t.get("text", "")
        elif t.get("role") == "coach" and pending is not None:
            out.append((pending, t))
            pending = None
    return out


def _is_fixed(move: str, mentee: str) -> bool:
    if move in FIXED_MOVES:
        return True
    return move == "clarify" and (unreadable(mentee) or not is_english(mentee))


def score_session(
    transcript: dict[str, Any],
    expects: Sequence[dict[str, Any] | None] = (),
    *,
    id: str = "",
    split: str = "",
    phrases: Sequence[str] = (),
) -> SessionScore:
    """Score every coach reply of one `coach chat --json` transcript; `expects[i]` and `phrases[i]` (readers'
    words a listener would keep) go with mentee message i."""
    sess = SessionScore(id=id or str(transcript.get("session_id", "")), split=split)
    said: list[str] = []
    denied: list[claims.Target] = []
    held: list[claims.Target] = []
    stems_seen: list[tuple[str, ...]] = []
    for i, (mentee, coach) in enumerate(_pairs(transcript)):
        said.append(mentee)
        # what this message adds to (or takes from) the session's denials and others' wants
        denied = [t for t in denied if not claims.reasserted(mentee, t)]
        held = [] if claims.owns_it(mentee) else held
        denied += claims.negated_targets(mentee, i)
        held += claims.holder_wants(mentee, i)

        text = coach.get("text", "") or ""
        move = str(coach.get("move", "") or "")
        fixed = _is_fixed(move, mentee)
        recent = said[-RECENT_FOR_GENERIC:]
        has_content = any(content_bag(t) for t in recent)
        ts = TurnScore(index=i, mentee=mentee, coach=text, move=move, fixed=fixed, eligible=not fixed and has_content)
        ts.shared = shared_words(text, [mentee])
        ts.overlap = len(ts.shared)
        if ts.eligible:
            ts.generic = not shared_words(text, recent)
        if move != "open":
            ts.parrot = parroting(text, said[-2:])
        if move != "crisis":
            ts.negation_errors = claims.negation_errors(text, denied)
            ts.holder_errors = claims.holder_errors(text, held, current=i)
        if not fixed:
            code = scorers.code_turn(text, said[-3:])
            ts.questions, ts.reflection, ts.complex_reflection = code.questions, code.reflection, code.complex_reflection
            for q in question_sentences(text):
                stem = question_stem(q)
                if stem:
                    ts.stems.append(list(stem))
                    if any(_same_stem(stem, s) for s in stems_seen):
                        sess.repeated_stems.append(q)
                    stems_seen.append(stem)
            ts.probes = generic_probes(text)
            sess.probe_uses += len(ts.probes)
        ts.expect = check_expect(text, expects[i] if i < len(expects) else None)
        if not fixed and i < len(phrases) and phrases[i]:
            ts.heart_heard = hears_heart(text, phrases[i])
        sess.turns.append(ts)
    return sess


# ============================================================================ pooled metrics


def aggregate(sessions: Sequence[SessionScore]) -> dict[str, float]:
    """The hearing metrics over a set of sessions (pooled over their coach turns)."""
    turns = [t for s in sessions for t in s.turns]
    coaching = [t for t in turns if not t.fixed]
    eligible = [t for t in turns if t.eligible]
    scored_parrot = [t for t in turns if t.move != "open"]
    expects = [t.expect for t in turns if t.expect is not None]
    refl = sum(t.reflection for t in coaching)
    cref = sum(t.complex_reflection for t in coaching)
    q = sum(t.questions for t in coaching)
    with_overlap = [t for t in coaching if content_bag(t.mentee)]
    m = {
        "sessions": float(len(sessions)),
        "coach_turns": float(len(turns)),
        "coaching_turns": float(len(coaching)),
        "expectations": float(len(expects)),
        "expectations_met": sum(e["met"] for e in expects) / len(expects) if expects else 0.0,
        "expect_any_met": sum(e["any_ok"] for e in expects) / len(expects) if expects else 0.0,
        "expect_none_met": sum(not e["none_hits"] for e in expects) / len(expects) if expects else 0.0,
        "content_overlap_mean": sum(t.overlap for t in with_overlap) / len(with_overlap) if with_overlap else 0.0,
        "zero_overlap_rate": sum(t.overlap == 0 for t in with_overlap) / len(with_overlap) if with_overlap else 0.0,
        "generic_rate": sum(t.generic for t in eligible) / len(eligible) if eligible else 0.0,
        "generic_replies": float(sum(t.generic for t in eligible)),
        "parroting_rate": sum(bool(t.parrot) for t in scored_parrot) / len(scored_parrot) if scored_parrot else 0.0,
        "negation_errors": float(sum(len(t.negation_errors) for t in turns)),
        "holder_errors": float(sum(len(t.holder_errors) for t in turns)),
        "repeated_question_stems": float(sum(len(s.repeated_stems) for s in sessions)),
        "generic_probe_excess": float(sum(s.probe_excess for s in sessions)),
        "questions_per_turn": q / len(coaching) if coaching else 0.0,
        "max_questions_per_turn": float(max((t.questions for t in coaching), default=0)),
        "reflections": float(refl),
        "questions": float(q),
        "reflection_question_ratio": refl / q if q else float(refl),
        "complex_reflection_pct": cref / refl if refl else 0.0,
    }
    hearts = [t.heart_heard for t in turns if t.heart_heard is not None]
    if hearts:
        m["heart_heard_rate"] = sum(hearts) / len(hearts)
        m["heart_labelled_turns"] = float(len(hearts))
    return m
