"""Why a line was flagged, which words carry it, and a way to say it without advising or judging.

    explain("You should ask your manager for a raise.", mentee_text="I feel underpaid.")
    -> Explanation(verdict=..., spans=[Span("You should", "advice", ...)], why=["advice: ..."],
                   rewrite="You feel underpaid. What would you like to happen with the raise?",
                   scores={"advice": 0.97, ...})

For `coach check` and the mentor-prep checker, so a mentor learns from a flag rather than just
seeing a red light. Not on the coach's turn path: finding the words costs a few detector runs (each
window of words left out in turn, ~20-60 ms a flagged sentence).

- spans: for a rule's flag, the words its pattern matched; for a flag only the detector raised, the
  run of up to four words whose removal lowers its probability the most;
- why: one sentence per problem, in the seed essay's terms (coach/data/...: see WHY below);
- rewrite: a playback of what the mentee said (their words, pronouns turned round) and one open
  question about the line's topic; without the mentee's message, just the open question. Every
  rewrite is itself checked by the guard, and a generic open question is used when a shaped one fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.guard import core, detector
from coach.guard.text import _normalize, _sentences
from coach.types import Verdict

__all__ = ["WHY", "Explanation", "Span", "explain", "rewrite"]

#: Why each problem matters, after the seed essay ("Having career conversations").
WHY: dict[str, str] = {
    "advice": (
        "Advice hands the mentee your conclusion; the seed asks mentors not to advise unless explicitly "
        "asked, and to help them reach their own conclusions rather than reach them on their behalf."
    ),
    "judgment": (
        "Grading a goal or a choice, for or against, teaches the mentee which answers are acceptable; "
        "the seed asks mentors to refrain from judging the fitness of their interests or goals."
    ),
    "leading_question": (
        "A question that carries its answer steers the mentee toward yours; ask one that exposes their "
        "own assumptions instead."
    ),
    "closed_question": (
        "A yes/no question closes the topic; an open one lets the mentee say what matters to them."
    ),
    "multiple_questions": "Several questions at once make the mentee choose which to answer; ask one, then listen.",
    "leak": "The coach's instructions are not the mentee's business; they pull the talk away from them.",
}
GENERIC_QUESTION = "What matters most to you about this?"
MAX_WINDOW = 4


@dataclass(frozen=True, slots=True)
class Span:
    """Words of the line that carry a problem."""

    text: str
    label: str
    start: int  # character offsets in the line as given (-1 when the words could not be located)
    end: int
    source: str = "rules"  # or "detector"

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end, "source": self.source}


@dataclass(frozen=True)
class Explanation:
    verdict: Verdict
    spans: list[Span] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    rewrite: str | None = None
    scores: dict[str, float] = field(default_factory=dict)  # the detector's highest per label over the sentences


def explain(text: str, *, mentee_text: str = "") -> Explanation:
    """The verdict on `text`, and for a flagged line the spans, the reasons and a rewrite."""
    verdict = core.check(text, mentee_text=mentee_text)
    sentences = _sentences(_normalize(text))
    probs = detector.classify(sentences) if sentences and detector.available() else []
    scores = {label: round(max(p[label] for p in probs), 3) for label in detector.LABELS} if probs else {}
    if verdict.ok:
        return Explanation(verdict, scores=scores)
    problems = [label for label in WHY if label in verdict.labels]
    spans = _spans(text, mentee_text)
    why = [f"{label.replace('_', ' ')}: {WHY[label]}" for label in problems]
    return Explanation(verdict, spans, why, rewrite(text, mentee_text=mentee_text, problems=problems), scores)


# --------------------------------------------------------------------------- spans


def _spans(text: str, mentee_text: str) -> list[Span]:
    out: list[Span] = []
    for f in core.findings(text, mentee_text=mentee_text):
        if f.label not in ("advice", "judgment", "leading_question"):
            continue
        if f.source == "detector":
            words = _strongest_window(f.trigger.rstrip("…"), f.label)
            out.append(_locate(text, words, f.label, "detector"))
        else:
            out.append(_locate(text, f.span or f.trigger, f.label, "rules"))
    seen: set[tuple[str, str]] = set()
    return [s for s in out if (s.label, s.text) not in seen and not seen.add((s.label, s.text))]  # type: ignore[func-returns-value]


def _strongest_window(sentence: str, label: str) -> str:
    """The run of words (at most MAX_WINDOW) whose removal lowers the detector's `label` the most."""
    words = sentence.split()
    if len(words) < 2:
        return sentence
    windows = [(i, j) for i in range(len(words)) for j in range(i + 1, min(len(words), i + MAX_WINDOW) + 1) if j - i < len(words)]
    variants = [" ".join(words[:i] + words[j:]) for i, j in windows]
    base = detector.classify([sentence])[0][label]
    drops = [base - p[label] for p in detector.classify(variants)]
    # a longer window must earn its extra words: prefer the shortest run within 0.05 of the best drop
    best = max(drops)
    i, j = min((w for w, d in zip(windows, drops, strict=True) if d >= best - 0.05), key=lambda w: (w[1] - w[0], w[0]))
    return " ".join(words[i:j]).strip(" ,.;:!?")


def _locate(text: str, words: str, label: str, source: str) -> Span:
    words = words.strip().rstrip("….").strip()
    m = re.search(re.escape(words), text, re.IGNORECASE) if words else None
    if m is None:  # quotes normalized, spaces collapsed: match loosely
        loose = r"\s+".join(re.escape(w) for w in words.split())
        m = re.search(loose.replace("'", "['\u2019]"), text, re.IGNORECASE) if words else None
    if m is None:
        return Span(words, label, -1, -1, source)
    return Span(text[m.start() : m.end()], label, m.start(), m.end(), source)


# --------------------------------------------------------------------------- rewrite

_SWAP = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
    "i've": "you've", "i'd": "you'd", "i'll": "you'll", "am": "are", "we": "you", "our": "your", "us": "you",
}
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_GERUND_SUBJECT = re.compile(
    r"^(?:so,? |but |and |honestly,? )?([A-Z]?[a-z]+ing\b(?: [\w'-]+){0,5}?)"
    r"(?= (?:is|was|would|will|isn't|wasn't|won't|just|seems|sounds|could|might|can|may|feels|looks)\b)"
)
_DETERMINER = re.compile(r"^(?:the|your|my|a|an|this|that|those|these|his|her|their|our)$", re.IGNORECASE)
# Words that end a noun phrase: verbs, prepositions, conjunctions, adverbs of degree.
_STOP = frozenset(
    "is are was were be been being am do does did done have has had will would shall should can could may might "
    "must to of for with at by from in on into onto about over under after before than then so and or but if "
    "when while because as just really very too quite rather pretty is isn't aren't wasn't won't don't "
    "doesn't can't couldn't wouldn't shouldn't help helps might first next each every up out off down "
    "not no never always also still even only that which who whom whose what where why how".split()
)
_WEAK_NOUNS = frozenset(
    "thing things way ways idea lot bit time point question answer move step option options help chance world "
    "end day week year one sense part kind sort word minute moment obvious best right".split()
)


def _you(sentence: str) -> str:
    """The mentee's words in the coach's mouth: "I'm stuck in my role" -> "You're stuck in your role"."""
    def swap(m: re.Match[str]) -> str:
        w = m.group(0)
        out = _SWAP.get(w.lower(), w)
        return out.capitalize() if w[0].isupper() and m.start() == 0 else out
    text = _WORD.sub(swap, sentence.strip())
    return text[0].upper() + text[1:] if text else text


def _playback(mentee_text: str) -> str:
    """The mentee's first statement, turned round; "" when there is none to play back."""
    for s in _sentences(_normalize(mentee_text)):
        if s.endswith("?") or re.search(r"\byou(?:'re|r)?\b", s, re.IGNORECASE):
            continue  # a question to the coach, or words about the coach: not a playback
        words = s.split()
        if len(words) < 3:
            continue
        if len(words) > 22:
            s = re.split(r"[,;—–]", s, maxsplit=1)[0]
        s = s.rstrip(".!… ")
        return _you(s) + "."
    return ""


def _noun_phrases(sentence: str) -> list[str]:
    """Determiner-led noun phrases of a sentence, cut at the first verb or preposition."""
    words = sentence.rstrip(".!?").split()
    out = []
    for i, w in enumerate(words):
        if not _DETERMINER.match(w):
            continue
        body = []
        for nxt in words[i + 1 : i + 4]:
            bare = nxt.strip(",;:—–").lower()
            if not bare or bare in _STOP or _DETERMINER.match(bare) or not re.fullmatch(r"[a-z][\w'-]*", bare):
                break
            body.append(bare)
            if nxt != nxt.rstrip(",;:"):
                break
        if body and body[-1] not in _WEAK_NOUNS:
            out.append(" ".join([w.lower(), *body]))
    return out


def _topic(text: str) -> str:
    """What a line is about, as a phrase an open question can carry ("moving to Tokyo", "your wins")."""
    first = _sentences(_normalize(text))[0] if text.strip() else ""
    g = _GERUND_SUBJECT.match(first)
    if g:
        return _lower_first(_you(g.group(1)))
    phrases = _noun_phrases(first)
    if not phrases:
        return ""
    return _lower_first(_you(re.sub(r"^(?:a|an|that|this|those|these) ", "the ", phrases[-1])))


def _lower_first(phrase: str) -> str:
    return phrase[:1].lower() + phrase[1:]


_MENTEE_PLAN = re.compile(
    r"^i(?:'m| am)? (?:(?:really |just )?(?:want|wanna|would like|'d like|need|have|plan|hope|intend|mean)(?: to)?|"
    r"(?:might|may|could|will|should|must)|(?:am |'m )?(?:thinking (?:of|about)|considering|planning on))"
    r" ([a-z]+)((?: [\w'-]+){0,5})",
    re.IGNORECASE,
)


def _gerund(verb: str) -> str:
    if verb.endswith("ing"):
        return verb
    try:
        from lemminflect import getInflection

        forms = getInflection(verb, tag="VBG")
        if forms:
            return forms[0]
    except ImportError:  # a dependency of the project; without it, a plain -ing
        pass
    return (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"


def _mentee_topic(mentee_text: str) -> str:
    """What the mentee is weighing, from their first statement: "I might quit before the bonus" ->
    "quitting before the bonus"; else a noun phrase of it."""
    for s in _sentences(_normalize(mentee_text)):
        if s.endswith("?"):
            continue
        m = _MENTEE_PLAN.match(s.rstrip(".!"))
        if m:
            rest = re.split(r"[,;:—–]| but | and | because ", m.group(2), maxsplit=1)[0]
            return _lower_first(_you(f"{_gerund(m.group(1).lower())}{rest}").strip())
        phrases = _noun_phrases(s)
        if phrases:
            return _lower_first(_you(re.sub(r"^(?:a|an|that|this|those|these) ", "the ", phrases[-1])))
    return ""


_QUESTIONS = {
    "advice": ("What are your own thoughts about {t}?", "What options are you weighing?"),
    "judgment": ("What draws you to {t}?", "What makes this important to you?"),
    "leading_question": ("How do you see {t} yourself?", "What's your own sense of it?"),
}


def rewrite(text: str, *, mentee_text: str = "", problems: list[str] | None = None) -> str:
    """A non-advising alternative to `text`: a playback of `mentee_text` (if any) and one open question."""
    problems = problems or [label for label in ("advice", "judgment", "leading_question")
                            if label in core.check(text, mentee_text=mentee_text).labels]
    kind = next((p for p in ("judgment", "advice", "leading_question") if p in problems), "advice")
    shaped, plain = _QUESTIONS[kind]
    # a verdict names its subject ("Moving to Tokyo ... isn't realistic"); advice names what the adviser
    # wants done, so its question is about what the mentee brought, not the suggested action
    line_topic = _topic(text)
    mentee_topic = _mentee_topic(mentee_text) if mentee_text else ""
    if kind == "judgment":  # what is judged: the line's gerund subject, else what the mentee brought
        gerund = _GERUND_SUBJECT.match(_sentences(_normalize(text))[0] if text.strip() else "")
        topic = line_topic if gerund else mentee_topic
    else:
        topic = mentee_topic or line_topic
    playback = _playback(mentee_text) if mentee_text else ""
    options = ([shaped.format(t=topic)] if topic else []) + [plain, GENERIC_QUESTION]
    for question in options:
        candidate = f"{playback} {question}".strip()
        v = core.check(candidate, mentee_text=mentee_text)
        if v.ok and v.questions == 1 and "open_question" in v.labels:
            return candidate
    return GENERIC_QUESTION
