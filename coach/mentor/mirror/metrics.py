"""The summary a mentor can act on, computed from labelled turns.

    reflections : questions   mentor turns carrying a reflection / a question (MITI: fair 1:1, good 2:1)
    % complex reflections     of the turns with a reflection (MITI: fair 40%, good 50%)
    % open questions          of the turns with a question
    advice / judgment         turns; advice right after the mentee asked for it is counted apart
    talk share                mentor's words / all words ("listen much more than you speak")
    longest monologue         the longest stretch of mentor talk without the mentee speaking
    ladder depth              the longest run of mentor turns that each follow up the mentee's last
                              answer (a question or reflection on what was just said)
    expectations, confidentiality   set in the mentor's first turns?
"""

from __future__ import annotations

import math
from typing import Any

from coach import language
from coach.mentor.mirror import features as F
from coach.mentor.mirror.types import (
    BEHAVIOURS,
    LABELS,
    QUESTIONS,
    REFLECTIONS,
    MissedMoment,
    Rewrite,
    Summary,
    Turn,
)

__all__ = ["follows_up", "ladder", "longest_monologue", "opening", "summarize"]

#: The mentor's first turns, where expectations and confidentiality belong ("up front", the seed says).
OPENING_TURNS = (3, 6)  # at least 3, at most 6 mentor turns; 10% of them in between
_EXCERPT_WORDS = 25


def _pct(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def follows_up(turn: Turn, mentee_text: str) -> bool:
    """Whether a mentor turn stays on what the mentee just said: a question or reflection (not advice)
    that reuses their words or asks about "that" ("What is it about that?", "Tell me more")."""
    labels = set(turn.labels)
    if "advice" in labels or not labels & (QUESTIONS | REFLECTIONS):
        return False
    if labels & REFLECTIONS:
        return True
    ref = set(F.content(mentee_text))
    return F.overlap(turn.text, ref) >= 0.15 or F.first_match(F.cues().follow_up, turn.text) is not None


def _mentee_before(turns: list[Turn], i: int) -> str:
    """The mentee's words between the mentor's previous turn and turn i."""
    out: list[str] = []
    j = i - 1
    while j >= 0 and turns[j].role == "mentee":
        out.append(turns[j].text)
        j -= 1
    return " ".join(reversed(out))


def ladder(turns: list[Turn]) -> dict[str, Any]:
    """The longest run of consecutive follow-ups, with where it starts and the thread it follows."""
    best: dict[str, Any] = {"depth": 0, "start_turn": None, "end_turn": None, "thread": ""}
    run, start, thread = 0, None, ""
    for i, t in enumerate(turns):
        if t.role != "mentor":
            continue
        before = _mentee_before(turns, i)
        if before and follows_up(t, before):
            if run == 0:
                start, thread = t.index, ""
            # the thread is named by the fullest answer the mentee gave along it
            if len(F.content(before)) > len(F.content(thread)):
                thread = before
            run += 1
            if run > best["depth"]:
                best = {"depth": run, "start_turn": start, "end_turn": t.index, "thread": language.quote(thread, 80)}
        elif before or t.labels:
            run = 0
    return best


def longest_monologue(turns: list[Turn]) -> dict[str, Any]:
    """The longest stretch of mentor talk (consecutive mentor turns merged), in words."""
    best: dict[str, Any] = {"words": 0, "turn": None, "seconds": None, "excerpt": ""}
    i = 0
    while i < len(turns):
        if turns[i].role != "mentor":
            i += 1
            continue
        j = i
        while j + 1 < len(turns) and turns[j + 1].role == "mentor":
            j += 1
        span = turns[i : j + 1]
        n = sum(t.words for t in span)
        if n > best["words"]:
            text = " ".join(t.text for t in span).split()
            secs = None
            if span[0].start is not None and span[-1].end is not None:
                secs = round(span[-1].end - span[0].start, 1)
            excerpt = " ".join(text[:_EXCERPT_WORDS]) + (" …" if len(text) > _EXCERPT_WORDS else "")
            best = {"words": n, "turn": span[0].index, "seconds": secs, "excerpt": excerpt}
        i = j + 1
    return best


def opening(turns: list[Turn]) -> dict[str, Any]:
    """Whether the mentor set expectations and confidentiality in their first turns, and the line."""
    mentor = [t for t in turns if t.role == "mentor"]
    lo, hi = OPENING_TURNS
    first = mentor[: max(lo, min(hi, math.ceil(0.1 * len(mentor))))]
    c = F.cues()
    found: dict[str, Any] = {"expectations": "", "confidentiality": "", "expectations_turn": None, "confidentiality_turn": None}
    for t in first:
        for sent in language.sentences(t.text) or [t.text]:
            for key, pats in (("confidentiality", c.confidentiality), ("expectations", c.expectations)):
                if not found[key] and F.first_match(pats, sent):
                    found[key] = sent
                    found[f"{key}_turn"] = t.index
    return found


def summarize(
    turns: list[Turn],
    *,
    mentor: str,
    chosen_by: str,
    fmt: str,
    missed: list[MissedMoment],
    rewrites: list[Rewrite],
    notes: list[str] | None = None,
) -> Summary:
    m = [t for t in turns if t.role == "mentor"]
    e = [t for t in turns if t.role == "mentee"]
    mentees = list(dict.fromkeys(t.speaker for t in e))
    counts = {lab: sum(lab in t.labels for t in m) for lab in LABELS}
    reflections = sum(bool(set(t.labels) & REFLECTIONS) for t in m)
    questions = sum(bool(set(t.labels) & QUESTIONS) for t in m)
    words_m, words_e = sum(t.words for t in m), sum(t.words for t in e)
    op = opening(turns)
    lad = ladder(turns)
    return Summary(
        mentor=mentor,
        mentees=mentees,
        mentor_chosen_by=chosen_by,
        format=fmt,
        turns={"mentor": len(m), "mentee": len(e)},
        words={"mentor": words_m, "mentee": words_e},
        label_counts=counts,
        behaviour_counts={b: sum(t.behaviour == b for t in m) for b in BEHAVIOURS},
        reflections=reflections,
        questions=questions,
        reflection_question_ratio=round(reflections / questions, 2) if questions else None,
        complex_reflection_pct=_pct(counts["complex_reflection"], reflections),
        open_question_pct=_pct(counts["open_question"], questions),
        advice=sum("advice" in t.labels and not t.advice_asked for t in m),
        advice_asked=sum(t.advice_asked for t in m),
        judgment=counts["judgment"],
        talk_share=round(words_m / (words_m + words_e), 3) if words_m + words_e else 0.0,
        longest_monologue=longest_monologue(turns),
        ladder_depth=lad["depth"],
        ladder=lad,
        expectations_set=bool(op["expectations"]),
        expectations_line=op["expectations"],
        confidentiality_set=bool(op["confidentiality"]),
        confidentiality_line=op["confidentiality"],
        missed_moments=missed,
        rewrites=rewrites,
        notes=list(notes or []),
    )
