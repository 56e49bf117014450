"""The scorer `miti(codes)`: MITI-style session scores from coded coach turns (`code_turn`), and
repeated questions across a session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evals.scorers._rule_verdict import rule_verdict
from evals.scorers._text import sentences, tokens


@dataclass(slots=True)
class TurnCode:
    """One coach turn as the MITI-style coder sees it."""

    text: str
    questions: int
    open_questions: int
    reflection: bool
    complex_reflection: bool
    advice: bool
    judgment: bool


def code_turn(text: str, mentee_text: str | Sequence[str] = "") -> TurnCode:
    v = rule_verdict(text, mentee_text)
    return TurnCode(
        text=text,
        questions=v.questions,
        open_questions=v.open_questions,
        reflection=v.reflection,
        complex_reflection=v.complex_reflection,
        advice=bool(v.advice),
        judgment=bool(v.judgment),
    )


def _norm_question(q: str) -> str:
    return " ".join(tokens(q))


def repeated_questions(question_texts: Sequence[str], *, near: float = 0.8) -> list[str]:
    """Questions asked again in one session: the same words, a near copy (token Jaccard >= near), or the
    same question padded with a few words ("What would that give you, do you think?")."""
    seen: list[set[str]] = []
    seen_norm: set[str] = set()
    repeats = []
    for q in question_texts:
        n = _norm_question(q)
        if not n:
            continue
        bag = set(n.split())
        if n in seen_norm or any(
            len(bag & b) / max(1, len(bag | b)) >= near  # a near copy
            or (min(len(bag), len(b)) >= 5 and (bag <= b or b <= bag))  # the same question, padded
            for b in seen if len(b) >= 4
        ):
            repeats.append(q)
        seen.append(bag)
        seen_norm.add(n)
    return repeats


def miti(codes: Sequence[TurnCode]) -> dict[str, float]:
    """MITI-style summary scores for one session (or a pooled set of coach turns).

    A turn counts at most one reflection (consecutive reflective sentences are one reflection in
    MITI coding); every question sentence counts. R:Q is reflections / questions (MITI fair 1:1,
    good 2:1); %CR is complex / all reflections (fair 40%, good 50%).
    """
    n = len(codes)
    refl = sum(c.reflection for c in codes)
    cref = sum(c.complex_reflection for c in codes)
    q = sum(c.questions for c in codes)
    oq = sum(c.open_questions for c in codes)
    question_texts = [s for c in codes for s in sentences(c.text) if s.rstrip(" \"”')").endswith("?")]
    return {
        "turns": float(n),
        "reflections": float(refl),
        "complex_reflections": float(cref),
        "questions": float(q),
        "open_questions": float(oq),
        "reflection_question_ratio": refl / q if q else float(refl) if refl else 0.0,
        "complex_reflection_pct": cref / refl if refl else 0.0,
        "questions_per_turn": q / n if n else 0.0,
        "max_questions_per_turn": float(max((c.questions for c in codes), default=0)),
        "open_question_rate": oq / q if q else 1.0,
        "persuasion": float(sum(c.advice for c in codes)),
        "confrontation": float(sum(c.judgment for c in codes)),
        "repeated_questions": float(len(repeated_questions(question_texts))),
    }
