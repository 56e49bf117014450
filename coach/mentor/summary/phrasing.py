"""How an item is worded: the guard picks the first wording it accepts; readable phrases, actions and
reasons are cut from the mentee's sentences.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from coach.language import gerund, strip_end, swap_pronouns, trim_hedges
from coach.mentor.summary.evidence import _locate
from coach.mentor.values import claimed_otherwise
from coach.types import Act, Analysis, Evidence, Motivation

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
    from coach.spelling import load, tidy

    p = tidy(phrase.strip())
    if not p or len(p.split()) > 18:
        return False
    first = re.findall(r"[A-Za-z']+", p)[0].lower() if re.findall(r"[A-Za-z']+", p) else ""
    if first in ("is", "are", "was", "were", "been", "has", "have", "had", "ing", "s") or re.search(r"inging\b", p):
        return False
    checker = load()
    if checker is not None and first.isalpha() and len(first) > 2 and first not in checker and not p[0].isupper():
        return False  # "nning Poland and here", "ving wanted to teach": a span cut inside a word
    head = re.split(r"\b(?:because|so that|keeps? (?:me|you) from|stops? (?:me|you) from|instead of)\b", p, maxsplit=1)[0]
    from coach.mentor.summary.stated import _ACTS_ON

    if re.search(r"\b(?:that|this|it)\b", p, re.I) and points_back(p) or _UNWANTED.search(head) and not _ACTS_ON.match(p) or re.match(r"^(?:being |it'?s )?(?:not|never|no)\b", p, re.I):
        return False
    if re.search(r"\b(?:maybe|perhaps|i guess)\W*$", p, re.I) and len(p.split()) <= 3:
        return False
    return not re.search(r"\s\w$", p)  # "who would k": cut mid-word


_CONCESSION = re.compile(r"^\W*(?:(?:more|better|higher|bigger|extra|less|good|great)\s+)?[\w-]+\s+but\b", re.I)


# a motive's word in another sense: "handing in my notice" is leaving, not being noticed; "the one house I like" is a
# client's house, not a home to pay for; "take the money and run" is giving up, not what drives them
_WRONG_SENSE = re.compile(r"\b(?:hand(?:s|ed|ing)?\s+in\s+(?:my|your|his|her|the|a)\s+notice|notice\s+period|(?:at\s+)?short\s+notice|"
                          r"(?:the\s+one|one|every|each|whose|their|her|his|a\s+client'?s?|the\s+old\s+\w+'?s?)\s+houses?|"
                          r"retir\w*|take\s+the\s+money\s+and\s+run)\b", re.I)  # (retiring is a goal, not a motive)


def _said_in_words(m: Motivation, sentence: str) -> bool:
    """The sentence names the motivation in words, and not as something ruled out ("shouldn't decide")."""
    from coach import lexicon

    if m is Motivation.NEXT_RUNG:
        return False
    sentence = _WRONG_SENSE.sub(" ", sentence)
    for p in lexicon.group("motivation_keywords", m.value):
        hit = p.search(sentence)
        # (ruled out, or on the losing side: "more than the money", "rather than the pay", "less about the title")
        # ("even if nobody notices": what they'd do unseen is no wish to be seen)
        if hit and not re.search(r"(?:n't|\bnot|\bnever|\bno|\bnobody|\bno\s*one|\bno-one|\beven\s+if|\bthan|\binstead\s+of|\bless\s+about|\bwithout|\bnicht)\s+(?:[\w'-]+\s+){0,4}$",
                                 sentence[: hit.start()], re.I):
            return True
    return False


def _answerable(mt: Any, ev: Evidence) -> bool:
    """A sentence that can back a motive: theirs, for real, not a question, a request, a paste or taken back."""
    from coach.mentor.values import reversed_after

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
    if where >= 0 and re.search(r"(?:^|[.!?]\s+)\W*(?:not|never|no way (?:am i|i'?m)|i'?m not|i am not|im not)\s+(?:\w+ing\s+)?(?:for\s+)?[^.!?]{0,12}$", text[:where], re.I):
        return True  # "Not applying for my own job with a new name.": a goal turned down
    if where >= 0 and re.search(r"\b(?:not|never)\s+(?:going to\s+|gonna\s+)?(?:\w+ing|apply(?:ing)?|do(?:ing)?)\s+(?:for\s+)?$", text[:where], re.I):
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
