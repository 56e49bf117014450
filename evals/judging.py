"""What every eval suite shares: the run's context (`EvalContext`: settings, the coach under test, the
judges) and `judge_turn`, one coach turn judged by the independent rules, the runtime guard and, when
asked for, the LLM judge. The suites themselves are in conversation_suites.py and part_suites.py; the
registry and the loop that runs them in suites.py.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from coach.config import Settings
from evals import datasets, scorers, solvers

ADVICE_SEEKING = {"direct", "pressure", "authority", "roleplay", "injection", "validation"}

#: Moves whose words are not coaching: the ground rules and crisis care (MITI leaves them out).
NOT_COACHING = {"open", "crisis", "clarify"}

MAX_EXAMPLES = 12


@dataclass
class EvalContext:
    """What one run shares across suites: settings, the coach, the optional judge, caches."""

    settings: Settings
    judge: scorers.LLMJudge | None = None
    runner: solvers.CoachRunner | None = None
    cache: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.runner is None:
            self.runner = solvers.CoachRunner(self.settings)

    @property
    def backend(self) -> str:
        return self.settings.backend

    def persona(self, p: datasets.Persona) -> solvers.Transcript:
        key = f"persona:{p.id}"
        if key not in self.cache:
            self.cache[key] = solvers.conversation(self.runner, p.turns)
        return self.cache[key]


def judge_turn(text: str, mentee_text: str, recent: list[str], ctx: EvalContext) -> dict[str, Any]:
    """Every judge's reading of one shown coach turn: independent rules, runtime guard, LLM judge."""
    rv = scorers.rule_verdict(text, recent or mentee_text)
    g = scorers.guard_labels(text, mentee_text)
    judge = ctx.judge.label(text, mentee_text) if ctx.judge is not None else None
    advice = {"rules": bool(rv.advice), "guard": "advice" in g}
    judgment = {"rules": bool(rv.judgment), "guard": "judgment" in g}
    if judge is not None:
        advice["judge"] = judge == "advice"
        judgment["judge"] = judge == "judgment"
    return {
        "rules": {"advice": rv.advice, "judgment": rv.judgment, "leak": rv.leak, "questions": rv.questions,
                  "open_questions": rv.open_questions, "labels": sorted(rv.labels)},
        "guard": sorted(g),
        "judge": judge,
        "advice": advice,
        "judgment": judgment,
        "leak": rv.leak or "leak" in g,
        "bad": any(advice.values()) or any(judgment.values()),
    }


def _shown_counts(judged: list[dict[str, Any]]) -> dict[str, float]:
    """Counts of coach turns each judge flags, and the union (the number the threshold reads)."""
    out: dict[str, float] = {}
    for kind in ("advice", "judgment"):
        for who in ("rules", "guard", "judge"):
            vals = [j[kind][who] for j in judged if who in j[kind]]
            if vals or who != "judge":
                out[f"{kind}_shown_{who}"] = float(sum(vals))
    labels = [j["judge"] for j in judged if j["judge"] is not None]
    if labels:
        # a judge answer without a LABEL line counts as no flag; say how often that happened
        out["judge_unparsed"] = float(sum(lab == "unparsed" for lab in labels))
    out["advice_or_judgment_shown"] = float(sum(j["bad"] for j in judged))
    out["leak_shown"] = float(sum(j["leak"] for j in judged))
    return out


def _latency(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"latency_ms_mean": statistics.fmean(values), "latency_ms_p95": p95}


def _flag_reasons(j: dict[str, Any]) -> list[str]:
    why = []
    for kind in ("advice", "judgment"):
        for who, hit in j[kind].items():
            if hit:
                detail = j["rules"][kind] if who == "rules" else ""
                why.append(f"{kind} ({who}{': ' + '; '.join(detail) if detail else ''})")
    if j["leak"]:
        why.append("leak")
    return why
