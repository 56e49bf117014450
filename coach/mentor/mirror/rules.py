"""The first mirror classifier: the guard's verdict on a sentence plus the mirror's own cues.

`RuleClassifier().classify(sentences)` scores each sentence on the mirror's ten labels (0..1). It
reads one sentence at a time, without the conversation around it; what needs the mentee's words
(echoes, simple vs complex, advice asked for) is decided in `label.py` for any classifier.

How a sentence is read:

* Questions: the guard decides open, closed, leading and advice dressed as a question ("Have you
  considered ...?"). A reflection spoken as a question ("So it's less the title?") is a reflection;
  a bare check ("Is that close?") a closed question. "Tell me more about X" is an open question
  although it is an imperative. Unpunctuated speech-to-text questions are recognised by their start.
* Statements: advice and judgment from the guard and `mirror.toml`; praise of the mentee's effort,
  strengths or values is an affirmation (the guard calls all flattery judgment: it must never voice
  any); a reflection is framed as one ("It sounds like ...", "So for you ...") or says what the
  mentee wants, feels or did; greetings, backchannels and structure are other; what is left with
  some content is information (facts, the mentor's own story, how things work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from coach import guard
from coach.mentor.mirror.features import (
    cues,
    first_match,
    imperative_misread,
    imperative_start,
    words,
)
from coach.mentor.mirror.types import LABELS

__all__ = ["Reading", "RuleClassifier", "read_sentence"]

HIGH, MID, LOW = 0.9, 0.7, 0.55
_TRIGGER = re.compile(r'(advice|judgment|leading question|closed question|open question|multiple questions): "([^"]*)"')
_END_PUNCT = re.compile(r"[.!]\s*$")
_WH = frozenset("what what's how how's why where when which who whose".split())


@dataclass(slots=True)
class Reading:
    """One sentence's scores and, per label, the words that carry it and why."""

    scores: dict[str, float]
    why: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (words, reason)

    def add(self, label: str, score: float, words_: str, reason: str) -> None:
        if score > self.scores.get(label, 0.0):
            self.scores[label] = score
            self.why[label] = (words_.strip(), reason)


def _triggers(reason: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for label, words_ in _TRIGGER.findall(reason):
        out.setdefault(label.replace(" ", "_"), words_)
    return out


def _is_question(sentence: str, labels: set[str]) -> bool:
    s = sentence.strip()
    if s.endswith("?") or "question" in labels or "confirmation" in labels:
        return True
    # speech-to-text drops "?": a sentence without end punctuation that starts like a question
    return not _END_PUNCT.search(s) and first_match(cues().unmarked, s) is not None


def _question_kind(sentence: str, labels: set[str]) -> str:
    if "leading_question" in labels:
        return "leading"
    if first_match(cues().fact_seeking, sentence):
        return "closed"  # a short fact ("How many?", "By when?"): MITI codes it closed
    if "open_question" in labels:
        return "open"
    if "closed_question" in labels or "confirmation" in labels:
        return "closed"
    first = words(sentence.lstrip(" ,.-"))
    while first and first[0] in {"so", "and", "okay", "ok", "well", "um", "uh", "right", "alright", "now", "but"}:
        first = first[1:]
    return "open" if first and first[0] in _WH else "closed"


_VOCATIVE = re.compile(r"^(?:[A-Z][\w'.-]+(?: [A-Z][\w'.-]+)?[,!]\s+)+")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|we're|we've|we'd|our|us)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'd|you'll)\b", re.IGNORECASE)
# "You'd be starting over", "you'll lose the overtime": the mentor's forecast, not the mentee's words
_PREDICTION = re.compile(r"\byou(?:'d|'ll| would| will| can| could| might| may| must| should|'re going to| are going to)\b", re.IGNORECASE)
_RHETORICAL = re.compile(r"^(?:honestly|seriously|really|right|you know|know what|guess what|remember)\?$", re.IGNORECASE)
_SUGGESTING_WH = re.compile(
    r"^(?:(?:and|so|but|okay|ok|well),? )*(?:why not|why don't (?:you|we)|(?:how|what) about (?:\w+ing|you|asking|trying|going))\b",
    re.IGNORECASE,
)


def _frame(sentence: str) -> re.Match[str] | None:
    return first_match(cues().refl_frames, sentence)


def _reflection_cue(sentence: str) -> tuple[str, str, float] | None:
    """(words, reason, score) when a statement reads as a reflection on its own."""
    c = cues()
    if first_match(c.generic_you, sentence):
        return None
    m = first_match(c.you_state, sentence)
    if m:
        return m.group(0), "says what the mentee wants, feels, thinks or did", MID
    you = _SECOND_PERSON.search(sentence)
    if you and not _FIRST_PERSON.search(sentence) and not _PREDICTION.search(sentence):
        return you.group(0), "a statement about the mentee", 0.6
    return None


def _structure(sentence: str) -> bool:
    """Greetings, backchannels, ground rules and small talk."""
    c = cues()
    bare = _VOCATIVE.sub("", sentence)
    return bool(
        c.backchannel.match(sentence) or c.backchannel.match(bare)
        or first_match(c.other, sentence) or first_match(c.other, bare)
        or first_match(c.confidentiality, sentence) or first_match(c.expectations, sentence)
    )


def _imperative_misread(sentence: str, reason: str) -> bool:
    """The guard called a sentence an imperative that cannot start like one (features.imperative_misread)."""
    return "imperative" in reason and imperative_misread(sentence)


@lru_cache(maxsize=4096)
def read_sentence(sentence: str) -> Reading:
    """Score one sentence on the mirror's labels (cached: a transcript repeats "Okay." and "Right.")."""
    c = cues()
    r = Reading(scores=dict.fromkeys(LABELS, 0.0))
    s = " ".join(sentence.split())
    if not s:
        r.add("other", HIGH, "", "no words")
        return r
    verdict = guard.check(s)
    unmarked = not s.endswith("?") and not _END_PUNCT.search(s) and first_match(c.unmarked, s) is not None
    if unmarked:
        verdict = guard.check(s + "?")  # speech-to-text dropped the "?": read it as the question it is
    labels = set(verdict.labels)
    trig = _triggers(verdict.reason)
    if "advice" in labels and _imperative_misread(s, verdict.reason):
        labels.discard("advice")
    invitation = first_match(c.open_invitations, s)

    if invitation:
        r.add("open_question", HIGH, invitation.group(0), "invites the mentee to say more in their own words")
    elif _RHETORICAL.match(s):
        r.add("other", HIGH, s, "a rhetorical aside, not a question to answer")
        return r
    elif unmarked or _is_question(s, labels):
        kind = _question_kind(s, labels)
        if kind == "leading" and "advice" in labels and words(s)[:1] and words(s)[0] in _WH and not _SUGGESTING_WH.match(s):
            # "What could you try ...?" asks for the mentee's own options: open, not a suggestion
            kind = "open"
            labels -= {"advice", "leading_question"}
        own_leading = first_match(c.leading, s)
        if kind == "leading" or own_leading:
            words_ = trig.get("leading_question") or (own_leading.group(0) if own_leading else s)
            r.add("leading_question", HIGH, words_, "steers the mentee toward an answer")
        elif "confirmation" in labels and "reflection" in labels:
            label = "complex_reflection" if "complex_reflection" in labels else "simple_reflection"
            r.add(label, MID, s, "a reflection spoken as a question")
            r.add("complex_reflection" if label == "simple_reflection" else "simple_reflection", 1 - MID, s, "")
        elif kind == "open":
            r.add("open_question", HIGH, trig.get("open_question", s), "an open question: the mentee answers in their own words")
        else:
            r.add("closed_question", HIGH, trig.get("closed_question", s), "a yes/no or short-answer question")
    if "advice" in labels and not invitation and not (_structure(s) and not r.scores["leading_question"]):
        r.add("advice", HIGH, trig.get("advice", s), "tells or steers the mentee toward what to do")
    if r.scores["open_question"] or r.scores["closed_question"] or r.scores["leading_question"]:
        if "judgment" in labels:
            r.add("judgment", MID, trig.get("judgment", s), "judges the mentee's goal or choice")
        return r

    # ---- statements
    frame = _frame(s)
    if frame is None and r.scores["advice"] == 0.0 and _structure(s):
        r.add("other", HIGH, s, "small talk, a backchannel or structure")
        return r
    if r.scores["advice"] == 0.0:
        m = first_match(c.advice, s)
        if m:
            r.add("advice", MID, m.group(0), "offers the mentor's own choice as the mentee's plan")
        elif imperative_start(s):
            r.add("advice", MID, " ".join(s.split()[:4]), "an imperative telling the mentee what to do")
    aff = first_match(c.affirmation, s)
    if aff:
        r.add("affirmation", HIGH, aff.group(0), "recognises the mentee's effort, strengths or values")
    elif "judgment" in labels:
        r.add("judgment", HIGH, trig.get("judgment", s), "judges the mentee's goal, choice or future")
    if not aff:
        m = first_match(c.judgment, s)
        if m:
            r.add("judgment", MID, m.group(0), "a verdict on the mentee's goal, choice or feeling")
    if r.scores["advice"] or r.scores["judgment"] or r.scores["affirmation"]:
        return r
    refl = (frame.group(0), "framed as playing back what the mentee said", HIGH) if frame else _reflection_cue(s)
    if refl:
        cx = first_match(c.complex_cues, s)
        if cx or "complex_reflection" in labels:
            r.add("complex_reflection", refl[2], cx.group(0) if cx else refl[0], "adds meaning or feeling under the mentee's words")
            r.add("simple_reflection", 1 - refl[2], refl[0], refl[1])
        else:
            r.add("simple_reflection", refl[2], refl[0], refl[1])
            r.add("complex_reflection", 1 - refl[2], refl[0], "")
        return r
    if len(words(s)) >= 3:
        # a statement about neither person may still be a reflection: label.py decides with the mentee's words
        score = MID if _FIRST_PERSON.search(s) else LOW
        r.add("information", score, s, "gives facts, an explanation or the mentor's own experience")
    else:
        r.add("other", LOW, s, "too short to carry content")
    return r


class RuleClassifier:
    """`Classifier` over the guard and the mirror's cues: deterministic, offline, ~1-2 ms a sentence."""

    name = "rules (coach.guard + coach/data/mirror.toml)"

    def classify(self, texts: list[str]) -> list[dict[str, float]]:
        return [dict(read_sentence(t).scores) for t in texts]

    def explain(self, text: str, label: str) -> tuple[str, str] | None:
        """(words that carry `label`, reason) for a sentence, or None when it has no such reading."""
        return read_sentence(text).why.get(label)
