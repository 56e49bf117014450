"""The suite registry: name -> dataset, solver, scorers, metrics; and the loop that runs them.

Like inspect_ai's Task, a suite ties a dataset to a solver (what the coach does with a sample) and
scorers (how that is judged), then reduces the per-sample scores to metrics. Thresholds live apart,
in evals/thresholds.toml, so a target is a reviewed number, not code.

    advice_bait   165 advice-baiting messages -> coach -> rules + guard (+ LLM judge)
    personas      scripted mentees -> coach -> expectations (bedrock, crisis, advice requests) + judges
    miti          MITI-style session scores over the persona transcripts (reflections, questions)
    playback      mentee lines -> coach -> is the playback faithful (words, pronouns, negation)
    summary       the persona sessions' bedrock summaries -> every quote grounded in a cited turn
    motivations   labelled sentences -> analyzer -> P/R/F1 per motivation, macro-F1
    detector      the guard engineer's labelled lines -> coach.guard.check -> P/R/F1 per label
    detector_llm  the same, on lines in the style of small chat models (praise, predictions, tips)
    hearing       tests/conversations/h_*.jsonl -> coach -> turn quality (evals/turn_quality.py) + summary
                  support (evals/summary_support.py) + the spoken playback's credits (evals/playback_support.py),
                  dev and holdout apart
    mirror        labelled mentoring conversations -> coach mirror's labeller -> per-label P/R,
                  behaviour macro-F1, R:Q ranking (Spearman); held-out part reported apart
    guard_heldout the guard on held-out voices of its training data (evals/guard_suites.py)
    guard_forum   advice in the forum data's own test split
    guard_judge   where the guard and the independent judge disagree

The persona transcripts are computed once per run and shared by personas, miti and summary.
"""

from __future__ import annotations

import time
import tomllib
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.errors import ConfigError
from evals import datasets, guard_suites
from evals.conversation_suites import (
    _bait_metrics,
    _bait_score,
    _bait_solve,
    _miti_metrics,
    _miti_score,
    _persona_metrics,
    _persona_score,
    _persona_solve,
    _playback_metrics,
    _playback_score,
    _playback_solve,
    _summary_metrics,
    _summary_score,
)
from evals.judging import ADVICE_SEEKING as ADVICE_SEEKING
from evals.judging import MAX_EXAMPLES, EvalContext
from evals.judging import NOT_COACHING as NOT_COACHING
from evals.judging import judge_turn as judge_turn
from evals.part_suites import (
    _detector_metrics,
    _detector_score,
    _detector_solve,
    _hearing_metrics,
    _hearing_score,
    _hearing_solve,
    _mirror_metrics,
    _mirror_score,
    _mirror_solve,
    _motivation_metrics,
    _motivation_score,
    _motivation_solve,
)
from evals.part_suites import detector_gold as detector_gold
from evals.part_suites import rq_ratio as rq_ratio
from evals.part_suites import spearman as spearman

__all__ = ["SUITES", "EvalContext", "Suite", "SuiteResult", "check_thresholds", "load_thresholds", "run"]


# ============================================================================ the registry


@dataclass(frozen=True)
class Suite:
    name: str
    description: str
    dataset: str
    solve: Callable[[Any, EvalContext], Any]
    score: Callable[[Any, Any, EvalContext], dict[str, Any]]
    metrics: Callable[[list[dict[str, Any]], EvalContext], tuple[dict[str, float], dict[str, Any]]]
    headline: tuple[str, ...] = ()  # the metrics the terminal table shows besides the thresholded ones
    dataset_file: str = ""  # another JSONL file with `dataset`'s schema (evals/datasets/<name>.jsonl)
    loader: Callable[[], list] | None = None  # a dataset that is not an evals/datasets JSONL file

    def load(self) -> list:
        if self.loader is not None:
            return self.loader()
        path = datasets.dataset_path(self.dataset_file) if self.dataset_file else None
        return datasets.load(self.dataset, path)


SUITES: dict[str, Suite] = {
    s.name: s
    for s in [
        Suite("advice_bait", "Single messages that bait advice, judgment or a leak; the coach must hold.",
              "advice_bait", _bait_solve, _bait_score, _bait_metrics,
              ("advice_shown_rules", "advice_shown_guard", "judgment_shown_rules", "judgment_shown_guard",
               "transparent_refusal_rate", "latency_ms_p95")),
        Suite("personas", "Scripted mentees over whole sessions: bedrock, crisis, advice requests, low effort.",
              "personas", _persona_solve, _persona_score, _persona_metrics,
              ("expectations_met", "bedrock_confirm_rate", "advice_request_rate", "crisis_care_rate",
               "latency_ms_p95")),
        Suite("miti", "MITI-style session scores over the persona transcripts (independent coder).",
              "personas", _persona_solve, _miti_score, _miti_metrics,
              ("questions_per_turn", "open_question_rate", "persuasion", "confrontation",
               "sessions_rq_at_least_1", "guard_reflection_question_ratio")),
        Suite("playback", "Reflections say only what the mentee said: words, pronouns, negation, quotes.",
              "playback", _playback_solve, _playback_score, _playback_metrics,
              ("turns_adding_content", "novel_words_per_turn")),
        Suite("summary", "Every summary item cites mentee turns that contain its quote and back it.",
              "personas", _persona_solve, _summary_score, _summary_metrics,
              ("items", "summary_supported")),
        Suite("motivations", "The analyzer's motivation labels vs labelled sentences (multi-label).",
              "motivations", _motivation_solve, _motivation_score, _motivation_metrics,
              ("macro_f1_motivations_only", "exact_match", "exemplar_overlap")),
        Suite("detector", "coach.guard.check vs the guard engineer's labelled lines; rules shown beside it.",
              "detector", _detector_solve, _detector_score, _detector_metrics,
              ("guard_advice_precision", "guard_advice_recall", "guard_judgment_f1", "guard_question_f1",
               "guard_open_question_f1", "guard_macro_f1", "rules_advice_f1", "rules_macro_f1")),
        Suite("detector_llm", "coach.guard.check vs small-chat-model lines: flattery, predictions, offers of tips.",
              "detector", _detector_solve, _detector_score, _detector_metrics,
              ("guard_advice_precision", "guard_advice_recall", "guard_judgment_precision", "guard_judgment_recall",
               "guard_judgment_f1", "rules_advice_f1"),
              dataset_file="detector_llm"),
        Suite("hearing", "The hearing corpus: does every reply fit what was just said (independent scorer), "
              "is every summary item backed by its quotes, and does the spoken playback credit only what was said? "
              "dev and holdout reported apart.",
              "hearing", _hearing_solve, _hearing_score, _hearing_metrics,
              ("dev_expectations_met", "holdout_expectations_met", "dev_generic_rate", "holdout_generic_rate",
               "content_overlap_mean", "zero_overlap_rate", "questions_per_turn", "holdout_reflection_question_ratio",
               "summary_supported", "summary_partly", "holdout_summary_unsupported", "holdout_summary_omissions",
               "playback_credits", "dev_playback_unsupported", "holdout_playback_unsupported", "dev_playback_forbidden",
               "holdout_playback_forbidden", "playback_unconfirmed"),
              loader=datasets.load_hearing),
        Suite("mirror", "coach mirror's labels vs labelled mentoring conversations (held-out part reported apart).",
              "mirror", _mirror_solve, _mirror_score, _mirror_metrics,
              ("heldout_behaviour_macro_f1", "heldout_advice_precision", "heldout_advice_recall",
               "heldout_rq_spearman", "heldout_label_macro_f1", "heldout_open_question_f1",
               "heldout_complex_reflection_f1", "dev_behaviour_macro_f1", "dev_label_macro_f1")),
        Suite("guard_heldout", "coach.guard.check vs the held-out voices of data/guard (never trained or calibrated on).",
              "guard_lines", guard_suites.heldout_solve, guard_suites.heldout_score, guard_suites.heldout_metrics,
              ("advice_precision", "advice_recall", "judgment_precision", "judgment_recall", "leading_question_f1",
               "good_advice_or_judgment_rate", "question_false_alarm_rate", "rules_advice_f1", "rules_judgment_f1"),
              loader=guard_suites.heldout_rows),
        Suite("guard_forum", "Advice in the forum data's own test split: guard, detector alone, rules alone.",
              "guard_forum", guard_suites.forum_solve, guard_suites.forum_score, guard_suites.forum_metrics,
              ("advice_precision", "advice_recall", "detector_advice_f1", "rules_advice_f1", "needadvice_advice_f1",
               "askparents_advice_f1"),
              loader=guard_suites.forum_rows),
        Suite("guard_judge", "Where the guard and the evals' independent rule judge disagree, on the held-out lines.",
              "guard_lines", guard_suites.judge_solve, guard_suites.judge_score, guard_suites.judge_metrics,
              ("advice_disagreements", "advice_disagreements_guard_right", "judgment_disagreements",
               "judgment_disagreements_guard_right", "guard_advice_f1", "judge_advice_f1", "guard_judgment_f1",
               "judge_judgment_f1"),
              loader=guard_suites.heldout_rows),
    ]
}


# ============================================================================ thresholds


def thresholds_path() -> Path:
    return Path(__file__).with_name("thresholds.toml")


def load_thresholds(path: Path | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """{suite: {metric: {"min": x} | {"max": y}}} from a TOML file."""
    path = path or thresholds_path()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise datasets.DatasetError(f"Thresholds file {path} is missing.") from None
    except tomllib.TOMLDecodeError as exc:
        raise datasets.DatasetError(f"Thresholds file {path} is not valid TOML: {exc}.") from None
    for suite, table in data.items():
        if not isinstance(table, dict):
            raise datasets.DatasetError(f"{path}: [{suite}] must be a table of metrics.")
        for metric, rule in table.items():
            if not isinstance(rule, dict) or not set(rule) <= {"min", "max", "goal_min", "goal_max"} or not rule:
                raise datasets.DatasetError(f"{path}: {suite}.{metric} must be {{ min = x }} and/or {{ max = y }} "
                                            "(a target not yet met: goal_min / goal_max beside them).")
    return data


def check_thresholds(suite: str, metrics: dict[str, float], thresholds: dict[str, Any]) -> list[dict[str, Any]]:
    checks = []
    for metric, rule in thresholds.get(suite, {}).items():
        value = metrics.get(metric)
        for op, target in rule.items():
            if value is None:
                passed = None  # not produced by this run (e.g. the LLM judge is off): n/a, not a failure
            else:
                passed = value >= target if op in ("min", "goal_min") else value <= target
            # min/max gate the run; goal_min/goal_max are targets not yet met by design, reported beside
            # the gate (`coach eval` shows "below goal") without failing it
            checks.append({"metric": metric, "op": op, "target": target, "value": value, "passed": passed,
                           "gate": not op.startswith("goal_")})
    return checks


# ============================================================================ running


@dataclass
class SuiteResult:
    name: str
    description: str
    status: str = "ok"  # ok | error | skipped (its data is not in this install)
    samples: int = 0
    seconds: float = 0.0
    metrics: dict[str, float] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)  # flagged samples, for reading
    flagged: int = 0
    error: str = ""
    headline: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.status in ("ok", "skipped") and all(c["passed"] is not False for c in self.checks if c.get("gate", True))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "description": self.description, "status": self.status, "passed": self.passed,
            "samples": self.samples, "seconds": round(self.seconds, 3), "metrics": self.metrics,
            "checks": self.checks, "headline": list(self.headline), "flagged": self.flagged,
            "examples": self.examples, "details": self.details, "error": self.error,
        }


def sample_count(name: str, limit: int | None = None) -> int:
    try:
        n = len(SUITES[name].load())
    except datasets.DatasetError:
        return 0
    return min(n, limit) if limit else n


def run_suite(
    name: str,
    ctx: EvalContext,
    thresholds: dict[str, Any],
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> SuiteResult:
    suite = SUITES[name]
    res = SuiteResult(name, suite.description, headline=suite.headline)
    t0 = time.perf_counter()
    records: list[dict[str, Any]] = []
    try:
        rows = suite.load()
        if limit:
            rows = rows[:limit]
        for row in rows:
            out = suite.solve(row, ctx)
            records.append(suite.score(row, out, ctx))
            if progress:
                progress(1)
        res.metrics, res.details = suite.metrics(records, ctx)
        res.samples = len(records)
    except datasets.DatasetSkipped as exc:
        res.status = "skipped"
        res.error = str(exc)
    except ConfigError:
        raise  # a run-level problem (no key, bad backend): stop with the fix, not one error per suite
    except Exception as exc:  # noqa: BLE001 - a broken suite must show in the report and fail the run, not hide
        res.status = "error"
        res.error = f"{type(exc).__name__}: {exc}"
        res.details = {"traceback": traceback.format_exc(limit=8)}
    res.flagged = sum(r.get("flagged", False) for r in records)
    res.examples = [
        {k: v for k, v in r.items() if k in ("id", "category", "mentee", "coach", "text", "why", "bad_turns",
                                              "gold", "guard", "pred")}
        for r in records if r.get("flagged")
    ][:MAX_EXAMPLES]
    res.checks = check_thresholds(name, res.metrics, thresholds)
    res.seconds = time.perf_counter() - t0
    return res


def run(
    names: list[str],
    ctx: EvalContext,
    thresholds: dict[str, Any],
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[SuiteResult]:
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        raise datasets.DatasetError(f"Unknown suite(s) {unknown}. Known: {', '.join(SUITES)}.")
    return [run_suite(n, ctx, thresholds, limit=limit, progress=progress) for n in names]
