"""Eval suites for the guard's learned half, on data it was never trained or calibrated on.

    guard_heldout  the held-out voices of data/guard/lines (a US therapist, a British manager, small
                   chat models, an academic adviser) -> coach.guard.check -> P/R/F1 for advice,
                   judgment, leading questions; false alarms on good reflections and open questions;
                   the detector's own per-label figures beside the rules alone
    guard_forum    the forum advice data's own test split (r/needadvice without Career, r/AskParents)
                   -> advice P/R/F1 of the guard, the detector alone and the rules alone
    guard_judge    the held-out lines -> the guard vs the evals' independent rule judge
                   (scorers.rule_verdict, which never imports the guard): where they disagree, and
                   which of the two the gold labels side with

The samples are read from data/guard/ (coach.guard.corpus), which a source checkout has; the suites
fail with a DatasetError elsewhere.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from evals import scorers
from evals.datasets import DatasetError

GUARDED = ("advice", "judgment", "leading_question")
GOOD = {"simple_reflection", "complex_reflection", "open_question"}
BLOCKING = {"advice", "judgment", "leading_question", "closed_question", "multiple_questions", "leak"}
MAX_DISAGREEMENTS = 40


def _corpus() -> Any:
    from coach.guard import corpus

    if not (corpus.data_dir() / "splits.toml").is_file():
        raise DatasetError(f"{corpus.data_dir()} is missing: the guard suites need a source checkout.")
    return corpus


def heldout_rows() -> list:
    return _corpus().load_lines("heldout")


def forum_rows() -> list:
    return [f for f in _corpus().load_forum() if f.split == "test"]


def _good(labels: frozenset[str]) -> bool:
    return bool(labels & GOOD) and not labels & set(GUARDED)


def _rules_only(text: str, mentee_text: str) -> set[str]:
    from coach.guard.core import sentence_evidence

    out = set()
    for sent in sentence_evidence(text, mentee_text=mentee_text):
        out |= {label for label, (rule, *_detector) in sent.items() if rule}
    return out


# ============================================================================ guard_heldout


def heldout_solve(line: Any, ctx: Any) -> dict[str, Any]:
    from coach.guard import check, detector

    probs = detector.classify([line.text])[0] if not line.contextual and detector.available() else {}
    return {"guard": sorted(check(line.text, mentee_text=line.mentee).labels), "probs": probs,
            "rules": sorted(_rules_only(line.text, line.mentee))}


def heldout_score(line: Any, out: dict[str, Any], ctx: Any) -> dict[str, Any]:
    gold = sorted(set(GUARDED) & line.labels)
    guard = sorted(set(GUARDED) & set(out["guard"]))
    good = _good(line.labels)
    false_alarm = good and bool(set(out["guard"]) & BLOCKING)
    why = []
    if gold != guard:
        why.append(f"guard missed {sorted(set(gold) - set(guard))} extra {sorted(set(guard) - set(gold))}")
    if false_alarm:
        why.append(f"good line flagged: {sorted(set(out['guard']) & BLOCKING)}")
    return {"id": f"{line.source}:{line.text[:40]}", "text": line.text, "category": line.source, "gold": gold,
            "guard": guard, "rules": sorted(set(GUARDED) & set(out["rules"])), "all_gold": sorted(line.labels),
            "probs": out["probs"], "good": good, "false_alarm": false_alarm,
            "advice_or_judgment_alarm": good and bool(set(out["guard"]) & {"advice", "judgment"}),
            "contextual": line.contextual, "flagged": bool(why), "why": why}


def heldout_metrics(recs: list[dict[str, Any]], ctx: Any) -> tuple[dict[str, float], dict[str, Any]]:
    from coach.guard import detector

    gold = [r["gold"] for r in recs]
    g = scorers.prf(gold, [r["guard"] for r in recs], GUARDED)
    ru = scorers.prf(gold, [r["rules"] for r in recs], GUARDED)
    m: dict[str, float] = {"samples": float(len(recs))}
    for lab in GUARDED:
        for k in ("precision", "recall", "f1"):
            m[f"{lab}_{k}"] = g[lab][k]
        m[f"rules_{lab}_f1"] = ru[lab]["f1"]
    good = [r for r in recs if r["good"]]
    m["good_lines"] = float(len(good))
    m["good_false_alarm_rate"] = sum(r["false_alarm"] for r in good) / max(1, len(good))
    m["good_advice_or_judgment_rate"] = sum(r["advice_or_judgment_alarm"] for r in good) / max(1, len(good))
    # questions of either kind with nothing wrong in them, flagged as advice, judgment or leading (what a
    # counselling transcript's questions must get through: closed questions count here, not in `good`)
    asks = [r for r in recs if {"open_question", "closed_question"} & set(r["all_gold"]) and not r["gold"]]
    m["question_false_alarm_rate"] = sum(bool(set(GUARDED) & set(r["guard"])) for r in asks) / max(1, len(asks))
    # the detector alone, at 0.5, on every label it reports (lines that need the mentee's message left out)
    alone = [r for r in recs if r["probs"]]
    det = scorers.prf([r["all_gold"] for r in alone],
                      [[lab for lab, p in r["probs"].items() if p >= 0.5] for r in alone], detector.LABELS)
    for lab in detector.LABELS:
        m[f"detector_{lab}_f1"] = det[lab]["f1"]
    by_source = {src: dict(Counter(r["why"][0].split(" ")[0] if r["why"] else "ok" for r in recs if r["category"] == src))
                 for src in sorted({r["category"] for r in recs})}
    return m, {"guard": g, "rules": ru, "detector": det, "by_source": by_source}


# ============================================================================ guard_forum


def forum_solve(s: Any, ctx: Any) -> dict[str, Any]:
    from coach.guard import check, detector

    p = detector.classify([s.text])[0]["advice"] if detector.available() else 0.0
    return {"guard": "advice" in check(s.text).labels, "p": p, "rules": "advice" in _rules_only(s.text, "")}


def forum_score(s: Any, out: dict[str, Any], ctx: Any) -> dict[str, Any]:
    wrong = out["guard"] != s.advice
    return {"id": s.post, "text": s.text, "category": s.source, "gold": ["advice"] if s.advice else [],
            "guard": ["advice"] if out["guard"] else [], "p": out["p"], "rules": out["rules"],
            "flagged": wrong, "why": [("missed" if s.advice else "false alarm")] if wrong else []}


def forum_metrics(recs: list[dict[str, Any]], ctx: Any) -> tuple[dict[str, float], dict[str, Any]]:
    from coach.guard import combine

    add = combine.thresholds()["advice"].add
    m: dict[str, float] = {"samples": float(len(recs))}
    gold = [r["gold"] for r in recs]
    for name, pred in (
        ("advice", [r["guard"] for r in recs]),
        ("detector_advice", [["advice"] if r["p"] >= add else [] for r in recs]),
        ("rules_advice", [["advice"] if r["rules"] else [] for r in recs]),
    ):
        res = scorers.prf(gold, pred, ["advice"])["advice"]
        for k in ("precision", "recall", "f1"):
            m[f"{name}_{k}"] = res[k]
    details = {}
    for src in sorted({r["category"] for r in recs}):
        part = [r for r in recs if r["category"] == src]
        details[src] = scorers.prf([r["gold"] for r in part], [r["guard"] for r in part], ["advice"])["advice"]
        m[f"{src}_advice_f1"] = details[src]["f1"]
    return m, {"by_source": details}


# ============================================================================ guard_judge


def judge_solve(line: Any, ctx: Any) -> dict[str, Any]:
    from coach.guard import check

    rv = scorers.rule_verdict(line.text, line.mentee)
    labels = check(line.text, mentee_text=line.mentee).labels
    return {"guard": {"advice": "advice" in labels, "judgment": "judgment" in labels},
            "judge": {"advice": bool(rv.advice), "judgment": bool(rv.judgment)},
            "judge_why": [*rv.advice, *rv.judgment]}


def judge_score(line: Any, out: dict[str, Any], ctx: Any) -> dict[str, Any]:
    gold = {lab: lab in line.labels for lab in ("advice", "judgment")}
    split = {lab: out["guard"][lab] != out["judge"][lab] for lab in gold}
    why = [f"{lab}: guard {out['guard'][lab]}, judge {out['judge'][lab]}, gold {gold[lab]}" for lab in gold if split[lab]]
    return {"id": f"{line.source}:{line.text[:40]}", "text": line.text, "category": line.source, "gold_map": gold,
            "guard_map": out["guard"], "judge_map": out["judge"], "judge_why": out["judge_why"], "split": split,
            "flagged": any(split.values()), "why": why}


def judge_metrics(recs: list[dict[str, Any]], ctx: Any) -> tuple[dict[str, float], dict[str, Any]]:
    m: dict[str, float] = {"samples": float(len(recs))}
    disagreements: dict[str, list[dict[str, Any]]] = {}
    for lab in ("advice", "judgment"):
        gold = [["x"] if r["gold_map"][lab] else [] for r in recs]
        for who in ("guard", "judge"):
            res = scorers.prf(gold, [["x"] if r[f"{who}_map"][lab] else [] for r in recs], ["x"])["x"]
            m[f"{who}_{lab}_f1"] = res["f1"]
        split = [r for r in recs if r["split"][lab]]
        m[f"{lab}_disagreements"] = float(len(split))
        m[f"{lab}_disagreements_guard_right"] = float(sum(r["guard_map"][lab] == r["gold_map"][lab] for r in split))
        m[f"{lab}_disagreements_judge_right"] = float(sum(r["judge_map"][lab] == r["gold_map"][lab] for r in split))
        disagreements[lab] = [
            {"text": r["text"], "guard": r["guard_map"][lab], "judge": r["judge_map"][lab], "gold": r["gold_map"][lab],
             "judge_why": r["judge_why"]}
            for r in split
        ][:MAX_DISAGREEMENTS]
    return m, {"disagreements": disagreements}
