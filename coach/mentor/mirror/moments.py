"""Missed moments and rewrites: what the mentor could have done instead, in the mentee's own words.

* A missed moment is a mentee turn with a motivation in it (the analyzer's reading, the seed's eight
  motivations) that the mentor's next turn did not follow up: advice, information, a new topic. It
  comes with the "why" they could have asked, one for the motivation heard.
* A rewrite is a non-advising alternative to an advice or judgment line: a reflection built from the
  mentee's preceding words (pronouns swapped, hedges trimmed) and one open question. Every
  alternative is read by `coach.guard.check` against the mentee's words; one that is not clean is
  cut back to the question alone, which the tests keep guard-clean.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from coach import guard, language
from coach.mentor.mirror import features as F
from coach.mentor.mirror.metrics import follows_up
from coach.mentor.mirror.types import MissedMoment, Rewrite, Turn
from coach.types import Analysis

__all__ = ["alternative", "missed_moments", "rewrites", "why_question"]

_MAX_CLAUSE_WORDS = 18
_CLAUSE_CUT = re.compile(r"\s*(?:[,;:]|\s[—–-]\s|\bbut\b|\bbecause\b|\bso\b)\s*", re.IGNORECASE)
_LEAD_FILLER = re.compile(
    r"^(?:(?:yeah|yes|no|well|so|and|but|um|uh|like|okay|ok|oh|hmm|right|honestly|i mean|i guess|i know|i suppose|i think|you know)[,.]?\s+)+",
    re.IGNORECASE,
)
_TAIL_FILLER = re.compile(r"(?:,\s*(?:yeah|i guess|i think|i suppose|honestly|you know|really|though|actually|right))+$", re.IGNORECASE)
_POINTING = re.compile(r"^(?:that|this|it|there|which)(?:'s|\s)", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|we|our)\b", re.IGNORECASE)
# A clause a reflection can't be built on: it is about the coach or the mentor, or it is a stock reply.
_UNUSABLE = re.compile(r"\b(?:you|your|yours)\b|^(?:thanks|thank you|sure|okay|ok|yes|no|yeah|maybe)\b", re.IGNORECASE)


def why_question(motivation: str | None) -> str:
    """The "why" for a motivation, from coach/data/mirror.toml [why]."""
    why = F.cues().why
    return why.get(motivation or "", why["default"])


def _source_sentence(mentee: str, evidence: str = "") -> str:
    """The mentee sentence a reflection is built on: the motivation's evidence, else the fullest statement."""
    if evidence:
        return evidence
    sents = [s for s in language.sentences(mentee) if not s.rstrip().endswith("?")]
    # a sentence about themselves ("I ...", "my ...") plays back; "That's what worries me" points elsewhere
    sents = [s for s in sents if len(language.words(s)) >= 5 and _FIRST_PERSON.search(s) and not _POINTING.match(_clause(s))]
    return max(sents, key=lambda s: len(language.words(s)), default="")


def _clause(sentence: str) -> str:
    text = _LEAD_FILLER.sub("", language.trim_hedges(sentence.strip()))
    text = _TAIL_FILLER.sub("", language.strip_end(text))
    if len(text.split()) > _MAX_CLAUSE_WORDS:
        parts = [p for p in _CLAUSE_CUT.split(text) if len(p.split()) >= 3]
        text = parts[0] if parts else " ".join(text.split()[:_MAX_CLAUSE_WORDS])
        if len(text.split()) > _MAX_CLAUSE_WORDS:
            text = " ".join(text.split()[:_MAX_CLAUSE_WORDS])
    return text


def reflection_from(mentee: str, evidence: str = "") -> str:
    """A reflection in the mentor's mouth built from the mentee's words, or "" when none fits."""
    src = _source_sentence(mentee, evidence)
    clause = _clause(src)
    if len(clause.split()) < 4 or _UNUSABLE.search(clause) or _POINTING.match(clause):
        return ""
    return f"It sounds like {language.lower_first(language.swap_pronouns(clause))}."


def alternative(mentee: str, *, asked: bool, motivation: str | None = None, evidence: str = "", turn: int = 0) -> tuple[str, list[str]]:
    """A non-advising line for the place of an advice or judgment line: reflection + open question.

    Returns the line and the guard's labels for it. The line is always guard-clean: a reflection the
    guard objects to is dropped and the question stands alone. `turn` varies the stock questions so
    a report does not repeat one line."""
    rw = F.cues().rewrite
    stock = rw["asked"] if asked else rw["default"]
    question = why_question(motivation) if motivation and not asked else stock[turn % len(stock)]
    refl = "It sounds like you'd really like a clear answer here." if asked else reflection_from(mentee, evidence)
    for line in (f"{refl} {question}".strip(), question):
        v = guard.check(line, mentee_text=mentee)
        if v.ok and v.questions <= 1:
            return line, v.labels
    return question, guard.check(question).labels


def _top_motivation(a: Analysis | None, minimum: float) -> tuple[str, str] | None:
    if a is None:
        return None
    hits = [h for h in a.motivations if h.confidence >= minimum]
    if not hits:
        return None
    h = max(hits, key=lambda x: x.confidence)
    return h.motivation.value, h.evidence.text


def missed_moments(turns: list[Turn], analyses: Mapping[int, Analysis]) -> list[MissedMoment]:
    """Mentee turns with a motivation in them that the mentor's next turn moved past."""
    minimum = F.cues().minimum_motivation
    out: list[MissedMoment] = []
    i = 0
    while i < len(turns):
        if turns[i].role != "mentee":
            i += 1
            continue
        j = i
        while j + 1 < len(turns) and turns[j + 1].role == "mentee":
            j += 1
        block = turns[i : j + 1]
        reply = turns[j + 1] if j + 1 < len(turns) else None
        i = j + 1
        if reply is None:
            continue  # the conversation ended there: nothing was moved past
        best: tuple[float, Turn, str, str] | None = None
        for t in block:
            a = analyses.get(t.index)
            top = _top_motivation(a, minimum)
            if top is None or a is None:
                continue
            conf = max(h.confidence for h in a.motivations if h.motivation.value == top[0])
            if best is None or conf > best[0]:
                best = (conf, t, top[0], top[1])
        if best is None:
            continue
        mentee_text = " ".join(t.text for t in block)
        if follows_up(reply, mentee_text):
            continue
        _, t, mot, ev = best
        out.append(MissedMoment(turn=t.index, speaker=t.speaker, line=t.text, motivation=mot, evidence=ev,
                                mentor_turn=reply.index, mentor_reply=reply.text, why_question=why_question(mot)))
    return out


def rewrites(turns: list[Turn], analyses: Mapping[int, Analysis]) -> list[Rewrite]:
    """A non-advising alternative for each mentor turn labelled advice or judgment."""
    minimum = F.cues().minimum_motivation
    out: list[Rewrite] = []
    for k, t in enumerate(turns):
        if t.role != "mentor" or not {"advice", "judgment"} & set(t.labels):
            continue
        block: list[Turn] = []
        j = k - 1
        while j >= 0 and turns[j].role == "mentee":
            block.insert(0, turns[j])
            j -= 1
        mentee = " ".join(b.text for b in block)
        top = None
        for b in reversed(block):
            top = _top_motivation(analyses.get(b.index), minimum)
            if top:
                break
        line, labels = alternative(mentee, asked=t.advice_asked, motivation=top[0] if top else None,
                                   evidence=top[1] if top else "", turn=len(out))
        out.append(Rewrite(turn=t.index, text=t.text, labels=[x for x in t.labels if x in ("advice", "judgment")],
                           asked=t.advice_asked, mentee_words=mentee, alternative=line, alternative_labels=labels))
    return out
