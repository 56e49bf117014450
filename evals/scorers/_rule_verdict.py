"""The scorer `rule_verdict(text, mentee_text) -> RuleVerdict`: one coach turn coded sentence by
sentence with the independent rules (advice, judgment, questions, reflections, a leaked prompt).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from evals.scorers._advice import ADVICE_VERBS, _advice_in, _is_advice_list
from evals.scorers._framing import _LEAD_IN, _LEAK
from evals.scorers._judgment import _judgment_in
from evals.scorers._questions import (
    _extra_questions,
    _question_type,
    _unpunctuated_question,
)
from evals.scorers._text import (
    _QUOTED,
    FEELING_WORDS,
    MOTIVATION_WORDS,
    _known,
    content_words,
    lemma_bag,
    normalize,
    quoted_spans,
    sentences,
    without_quotes,
)

_BULLET_IMPERATIVE = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+(\w+)", re.MULTILINE)

_REFLECTIVE_START = re.compile(
    r"^(?:so\b|sounds like|it sounds|that sounds|it seems|seems like|it's|it is|there's|there is|"
    r"you|your|part of you|a part|underneath|beneath|what i'm hearing|i'm hearing|i hear|i notice|"
    r"i'm noticing|it's less|less|more|the \w+|having|being|wanting|making|feeling|\w+ing\b)",
    re.IGNORECASE,
)

_COMPLEX_MARKERS = re.compile(
    r"\b(?:less about|more about|less (?:the|a|an)\b.*\bmore\b|underneath|beneath|deeper|runs deep|"
    r"really about|what matters|matters to you|matters most|part of you|at the same time|and yet|"
    r"on the one hand|on the other hand|pulled between|torn between|as if|as though|for you it's|"
    r"it's about|sounds like what|what you're after|what you want underneath|not so much|rather than|"
    r"instead of|the thread|what ties|the common)\b",
    re.IGNORECASE,
)

_META = re.compile(
    r"\b(?:advice|advise|advising|recommend|private|privately|confidential|share|shared|sharing|session|"
    r"ground rules|summary|988|emergency|crisis line|helpline|samaritans|hotline|i'm here|i am here|"
    r"take your time|no rush|thank you|thanks for)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class SentenceCode:
    text: str
    kind: str  # question | reflection | other
    question_type: str = ""  # open | closed | leading (when kind == question)
    complex: bool = False
    advice: list[str] = field(default_factory=list)
    judgment: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RuleVerdict:
    """The independent rule set's reading of one coach turn."""

    advice: list[str] = field(default_factory=list)  # reasons (the matching phrase), empty when none
    judgment: list[str] = field(default_factory=list)
    leak: bool = False
    questions: int = 0
    open_questions: int = 0
    closed_questions: int = 0
    leading_questions: int = 0
    reflection: bool = False
    complex_reflection: bool = False
    sentences: list[SentenceCode] = field(default_factory=list)

    @property
    def labels(self) -> set[str]:
        out = set()
        if self.advice:
            out.add("advice")
        if self.judgment:
            out.add("judgment")
        if self.leak:
            out.add("leak")
        if self.questions:
            out.add("question")
        if self.open_questions:
            out.add("open_question")
        if self.closed_questions:
            out.add("closed_question")
        if self.leading_questions:
            out.add("leading_question")
        if self.questions > 1:
            out.add("multiple_questions")
        if self.reflection:
            out.add("reflection")
        if self.complex_reflection:
            out.add("complex_reflection")
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["labels"] = sorted(self.labels)
        d.pop("sentences")
        return d


def _sentences_keeping_quotes(text: str) -> list[str]:
    """Sentences, never split inside the mentee's quoted words ('In your words: "2. Apply".')."""
    spans: list[str] = []

    def hold(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return f"Q{len(spans) - 1}\x00"  # capitalised, so a quote that opens a sentence still splits

    held = _QUOTED.sub(hold, normalize(text))
    return [re.sub(r"Q(\d+)\x00", lambda m: spans[int(m.group(1))], s) for s in sentences(held)]


def rule_verdict(text: str, mentee_text: str | Sequence[str] = "") -> RuleVerdict:
    """Code one coach turn with the independent rules. `mentee_text`: the mentee's recent words."""
    mentee_texts = [mentee_text] if isinstance(mentee_text, str) else list(mentee_text)
    mentee_bag = lemma_bag(mentee_texts)
    v = RuleVerdict(leak=bool(_LEAK.search(normalize(text))))
    for bullet in _BULLET_IMPERATIVE.finditer(normalize(text)):
        if bullet.group(1).lower() in ADVICE_VERBS:
            v.advice.append(f"list item: {bullet.group(1)}")
    if _is_advice_list(normalize(text), mentee_bag):
        v.advice.append("list: two or more items")
    for sent in _sentences_keeping_quotes(text):
        code = SentenceCode(text=sent, kind="other")
        code.advice = _advice_in(sent, leak=v.leak, mentee_texts=mentee_texts)  # a leaked prompt's orders are not advice
        code.judgment = _judgment_in(sent, mentee_bag, mentee_texts)
        ends_q = without_quotes(sent).rstrip(" \"”')").endswith("?") or _unpunctuated_question(sent)
        qtype = _question_type(sent) if ends_q else ""
        if qtype and qtype != "declarative" and code.advice:
            qtype = "leading"  # a question that carries a recommendation leads
        if ends_q and qtype != "declarative":
            code.kind, code.question_type = "question", qtype
            extra = _extra_questions(without_quotes(sent))
            v.questions += 1 + extra
            if qtype == "open":
                v.open_questions += 1
            elif qtype == "leading":
                v.leading_questions += 1
                v.closed_questions += 1
            else:
                v.closed_questions += 1
        elif not code.advice and not code.judgment and _is_reflection(sent, mentee_bag):
            code.kind = "reflection"
            code.complex = _is_complex(sent, mentee_bag)
        v.advice += code.advice
        v.judgment += code.judgment
        v.sentences.append(code)
    refl = [c for c in v.sentences if c.kind == "reflection"]
    v.reflection = bool(refl)
    v.complex_reflection = any(c.complex for c in refl)
    return v


def _is_reflection(sentence: str, mentee_bag: set[str]) -> bool:
    s = without_quotes(sentence)
    if _META.search(s) or _LEAK.search(s):
        return False
    words = content_words(s)
    if not words:
        return False
    echoes = sum(1 for w in words if _known(w, mentee_bag))
    adds_meaning = any(w in MOTIVATION_WORDS or w in FEELING_WORDS for w in words)
    second_person = bool(re.search(r"\b(?:you|your|you're|you've|you'd|yourself)\b", s, re.IGNORECASE))
    starts_reflective = bool(_REFLECTIVE_START.match(_LEAD_IN.sub("", normalize(s))))
    has_quote = bool(quoted_spans(sentence))
    return (second_person or starts_reflective or has_quote) and (echoes >= 1 or adds_meaning or has_quote)


def _is_complex(sentence: str, mentee_bag: set[str]) -> bool:
    s = without_quotes(sentence)
    if _COMPLEX_MARKERS.search(s):
        return True
    new_meaning = [
        w for w in content_words(s) if (w in MOTIVATION_WORDS or w in FEELING_WORDS) and not _known(w, mentee_bag)
    ]
    return bool(new_meaning)
