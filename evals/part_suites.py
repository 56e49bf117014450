"""The suites that judge one part of the coach on labelled data: motivations (the analyzer), detector
(the guard), hearing (turn quality over tests/conversations/h_*.jsonl) and mirror (the mentor mirror's
labeller); evals/suites.py registers them.
"""

from __future__ import annotations

import statistics
from typing import Any

from evals import datasets, playback_support, scorers, solvers, summary_support, turn_quality
from evals.judging import EvalContext


def _motivation_solve(s: datasets.MotivationSample, ctx: EvalContext) -> list[str]:
    return solvers.classify_motivations(ctx.runner, s.text)


def _motivation_score(s: datasets.MotivationSample, pred: list[str], ctx: EvalContext) -> dict[str, Any]:
    gold = set(s.labels)
    miss, extra = sorted(gold - set(pred)), sorted(set(pred) - gold)
    why = ([f"missed {miss}"] if miss else []) + ([f"extra {extra}"] if extra else [])
    return {"id": s.id, "text": s.text, "gold": sorted(gold), "pred": sorted(pred), "flagged": bool(why), "why": why}


def _exemplar_overlap(texts: list[str]) -> int:
    """How many eval sentences appear verbatim in the coach's own data files (a leakage check)."""
    try:
        from importlib.resources import files

        blob = " ".join(
            p.read_text(encoding="utf-8", errors="ignore").lower()
            for p in (files("coach") / "data").iterdir()
            if p.name.endswith((".jsonl", ".json", ".toml", ".txt"))
        )
    except (OSError, ModuleNotFoundError):
        return -1
    return sum(1 for t in texts if t.lower().rstrip(".!?") in blob)


def _motivation_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    table = scorers.prf([r["gold"] for r in recs], [r["pred"] for r in recs], datasets.MOTIVATION_LABELS)
    m = {"samples": float(len(recs)), "macro_f1": table["macro"]["f1"]}
    eight = [table[lab]["f1"] for lab in datasets.MOTIVATION_LABELS if lab != "none" and table[lab]["support"]]
    m["macro_f1_motivations_only"] = sum(eight) / len(eight) if eight else 0.0
    for lab in datasets.MOTIVATION_LABELS:
        m[f"{lab}_f1"] = table[lab]["f1"]
    m["exact_match"] = sum(set(r["gold"]) == set(r["pred"]) for r in recs) / len(recs) if recs else 0.0
    m["exemplar_overlap"] = float(_exemplar_overlap([r["text"] for r in recs]))
    return m, {"per_class": table}


DETECTOR_LABELS = ("advice", "judgment", "question", "open_question", "closed_question", "leading_question",
                   "multiple_questions", "leak")

_QTYPE_DEPENDENT = {"open_question", "closed_question", "leading_question"}


def detector_gold(s: datasets.DetectorSample) -> set[str]:
    gold = set()
    if s.advice:
        gold.add("advice")
    if s.judgment:
        gold.add("judgment")
    if s.question_type != "none":
        gold.add("question")
        gold.add({"open": "open_question", "closed": "closed_question", "leading": "leading_question",
                  "multiple": "multiple_questions"}[s.question_type])
    if s.category == "leak":
        gold.add("leak")
    return gold


def _detector_pred(labels: set[str], gold_qtype: str) -> set[str]:
    pred = set(labels) & set(DETECTOR_LABELS)
    if "confirmation" in labels:
        pred.add("question")
    if gold_qtype == "multiple":
        pred -= _QTYPE_DEPENDENT  # the dataset does not say which kinds the several questions are
    return pred


def _detector_solve(s: datasets.DetectorSample, ctx: EvalContext) -> dict[str, list[str]]:
    rules = scorers.rule_verdict(s.text, s.mentee_text).labels
    return {"guard": solvers.guard_check(s.text, s.mentee_text), "rules": sorted(rules)}


def _detector_score(s: datasets.DetectorSample, out: dict[str, list[str]], ctx: EvalContext) -> dict[str, Any]:
    gold = detector_gold(s)
    guard = _detector_pred(set(out["guard"]), s.question_type)
    rules = _detector_pred(set(out["rules"]), s.question_type)
    if s.question_type == "multiple":
        gold -= _QTYPE_DEPENDENT
    why = []
    if gold != guard:
        why.append(f"guard missed {sorted(gold - guard)} extra {sorted(guard - gold)}")
    return {"id": s.id, "text": s.text, "category": s.category, "gold": sorted(gold), "guard": sorted(guard),
            "rules": sorted(rules), "flagged": bool(why), "why": why}


def _detector_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    gold = [r["gold"] for r in recs]
    g = scorers.prf(gold, [r["guard"] for r in recs], DETECTOR_LABELS)
    ru = scorers.prf(gold, [r["rules"] for r in recs], DETECTOR_LABELS)
    m = {"samples": float(len(recs))}
    for lab in DETECTOR_LABELS:
        for k in ("precision", "recall", "f1"):
            m[f"guard_{lab}_{k}"] = g[lab][k]
    m["guard_macro_f1"] = g["macro"]["f1"]
    for lab in ("advice", "judgment", "question"):
        m[f"rules_{lab}_f1"] = ru[lab]["f1"]
    m["rules_macro_f1"] = ru["macro"]["f1"]
    # where the two independent judges disagree on advice: the lines worth a human look
    m["guard_rules_advice_disagreements"] = float(
        sum(("advice" in r["guard"]) != ("advice" in r["rules"]) for r in recs)
    )
    return m, {"guard": g, "rules": ru}


#: The hearing metrics reported per split besides pooled (every turn-quality metric and the summary's).
_SPLITS = ("dev", "holdout")

_WORST = 30


def _hearing_solve(c: datasets.HearingConversation, ctx: EvalContext) -> dict[str, Any]:
    return solvers.chat_transcript(ctx.runner, c.texts)


def _hearing_score(c: datasets.HearingConversation, tr: dict[str, Any], ctx: EvalContext) -> dict[str, Any]:
    session = turn_quality.score_session(tr, c.expects, id=c.id, split=c.split,
                                         phrases=turn_quality.reader_phrases(c.id, len(c.texts)))
    spec = c.summary.model_dump() if c.summary else None
    summary = summary_support.check_summary(tr.get("summary"), c.texts, spec)
    playback = playback_support.check_playback((tr.get("summary") or {}).get("playback", ""), c.texts,
                                               tr.get("turns") or [], spec)
    bad_turns = [{"mentee": t.mentee, "coach": t.coach, "move": t.move, "why": t.problems}
                 for t in session.turns if t.problems]
    why = [f"turn {t.index + 1}: {p}" for t in session.turns for p in t.problems]
    why += [f"repeated question stem: {q!r}" for q in session.repeated_stems]
    if session.probe_excess:
        why.append(f"{session.probe_uses} generic probes")
    why += [f"summary {i.verdict}: {i.kind} {i.text[:60]!r} ({'; '.join(i.reasons)})"
            for i in summary.items if i.verdict != "supported"]
    why += [f"summary omits {o}" for o in summary.omissions]
    why += [f"summary credits forbidden {f}" for f in summary.forbidden]
    why += [f"playback {i.verdict}: {i.kind} {i.text[:60]!r} ({'; '.join(i.reasons)})"
            for i in playback.credits if i.verdict == "unsupported"]
    why += [f"playback credits forbidden {f}" for f in playback.forbidden]
    return {"id": c.id, "split": c.split, "voice": c.voice, "session": session, "summary_check": summary,
            "playback_check": playback,
            "bad_turns": bad_turns, "flagged": bool(why), "why": why}


def _hearing_block(recs: list[dict[str, Any]]) -> dict[str, float]:
    m = turn_quality.aggregate([r["session"] for r in recs])
    m |= summary_support.summary_metrics([r["summary_check"] for r in recs])
    m |= playback_support.playback_metrics([r["playback_check"] for r in recs])
    return m


def _hearing_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    m = _hearing_block(recs)
    for split in _SPLITS:
        part = [r for r in recs if r["split"] == split]
        if part:
            m |= {f"{split}_{k}": v for k, v in _hearing_block(part).items()}
    # the turns with the most problems, for reading (expectation misses first)
    turns = [(r["id"], r["split"], t) for r in recs for t in r["session"].turns if t.problems]
    turns.sort(key=lambda x: (-len(x[2].problems), x[0]))
    worst = [{"id": i, "split": sp, "turn": t.index + 1, "mentee": t.mentee, "coach": t.coach, "move": t.move,
              "why": t.problems} for i, sp, t in turns[:_WORST]]
    by_voice: dict[str, list[bool]] = {}
    for r in recs:
        met = [t.expect["met"] for t in r["session"].turns if t.expect is not None]
        for v in r["voice"]:
            by_voice.setdefault(v, []).extend(met)
    details = {
        "per_conversation": {r["id"]: {"split": r["split"], **{k: round(v, 3) for k, v in
                                                                turn_quality.aggregate([r["session"]]).items()}}
                             for r in recs},
        "expectations_met_by_voice": {v: round(sum(x) / len(x), 3) for v, x in sorted(by_voice.items()) if x},
        "worst_turns": worst,
        "summary_items": {r["id"]: [i.to_dict() for i in r["summary_check"].items] for r in recs},
        "summary_omissions": {r["id"]: r["summary_check"].omissions for r in recs if r["summary_check"].omissions},
        "summary_forbidden": {r["id"]: r["summary_check"].forbidden for r in recs if r["summary_check"].forbidden},
        # the spoken playback's credits that do not stand (held-out ones by id only: the text stays unread)
        "playback_unsupported": {r["id"]: [f"{i.kind}: {i.text[:80]} ({'; '.join(i.reasons)})" if r["split"] == "dev" else i.kind
                                           for i in r["playback_check"].credits if i.verdict == "unsupported"]
                                 for r in recs if any(i.verdict == "unsupported" for i in r["playback_check"].credits)},
        "playback_forbidden": {r["id"]: r["playback_check"].forbidden if r["split"] == "dev" else len(r["playback_check"].forbidden)
                               for r in recs if r["playback_check"].forbidden},
    }
    return m, details


MIRROR_BEHAVIOURS = ("question", "reflection", "input", "other")

MIRROR_SPLITS = ("heldout", "dev", "all")


def _mirror_labeller(ctx: EvalContext) -> Any:
    if "mirror_labeller" not in ctx.cache:
        from coach.mentor.mirror import Labeller, default_classifier

        ctx.cache["mirror_labeller"] = Labeller(default_classifier())
    return ctx.cache["mirror_labeller"]


def _mirror_solve(c: datasets.MirrorConversation, ctx: EvalContext) -> list[Any]:
    from coach.mentor.mirror.types import Transcript, Utterance

    tr = Transcript([Utterance(i, t.speaker, t.text) for i, t in enumerate(c.turns)], format="jsonl", source=c.id)
    return _mirror_labeller(ctx).label(tr, c.mentor)


def rq_ratio(turn_labels: list[list[str]]) -> float:
    """Reflections : questions over a conversation's mentor turns, smoothed so none-of-either ranks too."""
    r = sum(any(lab.endswith("_reflection") for lab in ls) for ls in turn_labels)
    q = sum(any(lab.endswith("_question") for lab in ls) for ls in turn_labels)
    return (r + 0.5) / (q + 0.5)


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1  # ties share their mean rank
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation (ties get mean ranks); 0.0 when either side is constant."""
    if len(xs) < 2:
        return 0.0
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def _mirror_score(c: datasets.MirrorConversation, turns: list[Any], ctx: EvalContext) -> dict[str, Any]:
    from coach.mentor.mirror.types import BEHAVIOUR

    gold_turns = [t for t in c.turns if t.speaker == c.mentor]
    pred_turns = [t for t in turns if t.role == "mentor"]
    gold = [list(t.labels) for t in gold_turns]
    pred = [list(t.labels) for t in pred_turns]
    why = [f"{t.text[:90]!r}: gold {g} pred {p}" for t, g, p in zip(gold_turns, gold, pred, strict=True) if set(g) != set(p)]
    return {
        "id": c.id, "split": c.split, "style": c.style, "gold": gold, "pred": pred,
        "gold_main": [BEHAVIOUR[g[0]] for g in gold], "pred_main": [t.behaviour or "other" for t in pred_turns],
        "rq_gold": rq_ratio(gold), "rq_pred": rq_ratio(pred),
        "flagged": bool(why), "why": why[:5],
    }


def _mirror_split_metrics(recs: list[dict[str, Any]], prefix: str) -> tuple[dict[str, float], dict[str, Any]]:
    gold = [g for r in recs for g in r["gold"]]
    pred = [p for r in recs for p in r["pred"]]
    table = scorers.prf(gold, pred, datasets.MIRROR_LABELS)
    gm = [[g] for r in recs for g in r["gold_main"]]
    pm = [[p] for r in recs for p in r["pred_main"]]
    beh = scorers.prf(gm, pm, MIRROR_BEHAVIOURS)
    gb = [{lab.rsplit("_", 1)[-1] if lab.endswith(("_question", "_reflection")) else
           ("input" if lab in ("advice", "judgment", "information") else "other") for lab in g} for g in gold]
    pb = [{lab.rsplit("_", 1)[-1] if lab.endswith(("_question", "_reflection")) else
           ("input" if lab in ("advice", "judgment", "information") else "other") for lab in p} for p in pred]
    beh_multi = scorers.prf(gb, pb, MIRROR_BEHAVIOURS)
    m: dict[str, float] = {f"{prefix}conversations": float(len(recs)), f"{prefix}mentor_turns": float(len(gold))}
    for lab in datasets.MIRROR_LABELS:
        for k in ("precision", "recall", "f1"):
            m[f"{prefix}{lab}_{k}"] = table[lab][k]
    m[f"{prefix}label_macro_f1"] = table["macro"]["f1"]
    m[f"{prefix}behaviour_macro_f1"] = beh["macro"]["f1"]
    m[f"{prefix}behaviour_accuracy"] = sum(g == p for g, p in zip(gm, pm, strict=True)) / len(gm) if gm else 0.0
    m[f"{prefix}behaviour_multilabel_macro_f1"] = beh_multi["macro"]["f1"]
    for b in MIRROR_BEHAVIOURS:
        m[f"{prefix}behaviour_{b}_f1"] = beh[b]["f1"]
    m[f"{prefix}rq_spearman"] = spearman([r["rq_gold"] for r in recs], [r["rq_pred"] for r in recs])
    m[f"{prefix}exact_turns"] = sum(set(g) == set(p) for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0
    return m, {"labels": table, "behaviour": beh}


def _mirror_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    metrics: dict[str, float] = {}
    details: dict[str, Any] = {}
    for split in MIRROR_SPLITS:
        part = [r for r in recs if split == "all" or r["split"] == split]
        if not part:
            continue
        m, d = _mirror_split_metrics(part, "" if split == "all" else f"{split}_")
        metrics.update(m)
        details[split] = d
    details["rq"] = [{"id": r["id"], "split": r["split"], "gold": round(r["rq_gold"], 2), "pred": round(r["rq_pred"], 2)}
                     for r in recs]
    return metrics, details
