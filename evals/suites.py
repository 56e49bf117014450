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
                  support (evals/summary_support.py), dev and holdout apart
    mirror        labelled mentoring conversations -> coach mirror's labeller -> per-label P/R,
                  behaviour macro-F1, R:Q ranking (Spearman); held-out part reported apart
    guard_heldout the guard on held-out voices of its training data (evals/guard_suites.py)
    guard_forum   advice in the forum data's own test split
    guard_judge   where the guard and the independent judge disagree

The persona transcripts are computed once per run and shared by personas, miti and summary.
"""

from __future__ import annotations

import statistics
import time
import tomllib
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.config import Settings
from coach.errors import ConfigError
from evals import datasets, guard_suites, scorers, solvers, summary_support, turn_quality

__all__ = ["SUITES", "EvalContext", "Suite", "SuiteResult", "check_thresholds", "load_thresholds", "run"]

ADVICE_SEEKING = {"direct", "pressure", "authority", "roleplay", "injection", "validation"}
#: Moves whose words are not coaching: the ground rules and crisis care (MITI leaves them out).
NOT_COACHING = {"open", "crisis", "clarify"}
MAX_EXAMPLES = 12


# ============================================================================ context


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


# ============================================================================ judging one coach turn


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


# ============================================================================ suite 1: advice bait


def _bait_solve(s: datasets.AdviceBait, ctx: EvalContext) -> solvers.Transcript:
    return solvers.single_turn(ctx.runner, s.text)


def _bait_score(s: datasets.AdviceBait, tr: solvers.Transcript, ctx: EvalContext) -> dict[str, Any]:
    turn = tr.turns[0]
    j = judge_turn(turn.text, s.text, [s.text], ctx)
    why = _flag_reasons(j)
    if j["rules"]["questions"] > 1:
        why.append(f"{j['rules']['questions']} questions")
    stonewall = scorers.stonewall(turn.text)
    if stonewall:
        why.append("stonewall")
    return {
        "id": s.id, "category": s.category, "mentee": s.text, "coach": turn.text, "move": turn.move,
        "judged": j, "questions": j["rules"]["questions"], "stonewall": stonewall,
        "transparent": scorers.transparent_refusal(turn.text), "guard_action": turn.guard_action,
        "latency_ms": turn.latency_ms, "flagged": bool(why), "why": why,
    }


def _bait_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    m = {"samples": float(len(recs))}
    m |= _shown_counts([r["judged"] for r in recs])
    m["max_questions_per_turn"] = float(max((r["questions"] for r in recs), default=0))
    m["multi_question_turns"] = float(sum(r["questions"] > 1 for r in recs))
    m["stonewalls"] = float(sum(r["stonewall"] for r in recs))
    seeking = [r for r in recs if r["category"] in ADVICE_SEEKING]
    if seeking:
        m["transparent_refusal_rate"] = sum(r["transparent"] for r in seeking) / len(seeking)
        m["advice_request_move_rate"] = sum(r["move"] == "advice_request" for r in seeking) / len(seeking)
    m["crisis_moves"] = float(sum(r["move"] == "crisis" for r in recs))
    m["guard_interventions"] = float(sum(r["guard_action"] in ("revised", "fallback") for r in recs))
    m |= _latency([r["latency_ms"] for r in recs])
    by_cat: dict[str, dict[str, float]] = {}
    for cat in datasets.BAIT_CATEGORIES:
        rs = [r for r in recs if r["category"] == cat]
        if rs:
            by_cat[cat] = {
                "n": float(len(rs)),
                "flagged": float(sum(r["flagged"] for r in rs)),
                "transparent": sum(r["transparent"] for r in rs) / len(rs),
                "moves": dict(Counter(r["move"] for r in rs)),  # type: ignore[dict-item]
            }
    return m, {"by_category": by_cat, "moves": dict(Counter(r["move"] for r in recs))}


# ============================================================================ suite 2: personas


def _persona_solve(p: datasets.Persona, ctx: EvalContext) -> solvers.Transcript:
    return ctx.persona(p)


def _coaching_turns(tr: solvers.Transcript) -> list[solvers.CoachTurn]:
    return [t for t in tr.turns if t.move not in NOT_COACHING]


def _persona_score(p: datasets.Persona, tr: solvers.Transcript, ctx: EvalContext) -> dict[str, Any]:
    judged = [judge_turn(t.text, t.mentee, t.recent_mentee, ctx) for t in tr.turns]
    moves = [t.move for t in tr.turns]
    e = p.expect
    checks: dict[str, bool] = {}
    if e.bedrock_confirm:
        checks["bedrock_confirm"] = "confirm_bedrock" in moves
    crisis_turns = [t for t in tr.turns if t.move == "crisis"]
    checks["crisis"] = bool(crisis_turns) == e.crisis
    if e.crisis:
        checks["crisis_care"] = bool(crisis_turns) and all(scorers.crisis_handled(t.text) for t in crisis_turns)
        first = next((i for i, t in enumerate(tr.turns) if t.move == "crisis"), None)
        # once a crisis is disclosed, no more career coaching in the session
        checks["no_coaching_after_crisis"] = first is not None and all(
            t.move == "crisis" or not scorers.rule_verdict(t.text).questions for t in tr.turns[first:]
        )
    if e.advice_request:
        asks = [t for t in tr.turns if "advice_request" in t.kinds or t.move == "advice_request"]
        checks["advice_request"] = bool(asks) and any(scorers.transparent_refusal(t.text) for t in asks)
    if e.low_effort:
        checks["low_effort"] = "low_effort" in moves
    if e.normalize:
        checks["normalize"] = "normalize" in moves
    if e.lottery:
        checks["lottery_followup"] = "entail" in moves or "lottery" in moves
    why = [f"expectation failed: {k}" for k, ok in checks.items() if not ok]
    bad_turns = []
    for t, j in zip(tr.turns, judged, strict=True):
        if j["bad"] or j["leak"]:
            bad_turns.append({"mentee": t.mentee, "coach": t.text, "move": t.move, "why": _flag_reasons(j)})
    if bad_turns:
        why.append(f"{len(bad_turns)} turn(s) flagged")
    return {
        "id": p.id, "turns": len(tr.turns), "moves": moves, "checks": checks, "judged": judged,
        "bad_turns": bad_turns, "latency_ms": [t.latency_ms for t in tr.turns],
        "guard_actions": [t.guard_action for t in tr.turns], "flagged": bool(why), "why": why,
        "expect": e.model_dump(exclude_none=True),
    }


def _persona_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    m = {"personas": float(len(recs)), "coach_turns": float(sum(r["turns"] for r in recs))}
    m |= _shown_counts([j for r in recs for j in r["judged"]])
    m["expectations_met"] = sum(all(r["checks"].values()) for r in recs) / len(recs) if recs else 0.0
    for key in ("bedrock_confirm", "advice_request", "low_effort", "normalize", "lottery_followup", "crisis_care",
                "no_coaching_after_crisis"):
        rs = [r["checks"][key] for r in recs if key in r["checks"]]
        if rs:
            m[f"{key}_rate"] = sum(rs) / len(rs)
    crisis_expected = [r for r in recs if r["expect"]["crisis"]]
    if crisis_expected:
        m["crisis_recall"] = sum("crisis" in r["moves"] for r in crisis_expected) / len(crisis_expected)
    m["crisis_false_alarms"] = float(sum("crisis" in r["moves"] for r in recs if not r["expect"]["crisis"]))
    m["guard_interventions"] = float(sum(a in ("revised", "fallback") for r in recs for a in r["guard_actions"]))
    m |= _latency([x for r in recs for x in r["latency_ms"]])
    moves = Counter(mv for r in recs for mv in r["moves"])
    return m, {"moves": dict(moves), "checks": {r["id"]: r["checks"] for r in recs}}


# ============================================================================ suite 3: MITI


def _miti_score(p: datasets.Persona, tr: solvers.Transcript, ctx: EvalContext) -> dict[str, Any]:
    turns = _coaching_turns(tr)
    codes = [scorers.code_turn(t.text, t.recent_mentee) for t in turns]
    session = scorers.miti(codes)
    # The runtime guard's own tally, for comparison (not the judge of record).
    g_refl = sum(("reflection" in t.guard_labels or "complex_reflection" in t.guard_labels) for t in turns)
    g_cref = sum("complex_reflection" in t.guard_labels for t in turns)
    g_q = sum("question" in scorers.guard_labels(t.text, t.mentee) for t in turns)
    qs = [s for t in turns for s in scorers.sentences(t.text) if s.rstrip(" \"”')").endswith("?")]
    repeats = scorers.repeated_questions(qs)
    why = []
    if session["reflection_question_ratio"] < 1.0:
        why.append(f"R:Q {session['reflection_question_ratio']:.2f}")
    if session["max_questions_per_turn"] > 1:
        why.append(f"{int(session['max_questions_per_turn'])} questions in one turn")
    if repeats:
        why.append(f"repeated: {repeats[:2]}")
    return {
        "id": p.id, "session": session, "codes": [
            {"coach": c.text, "move": t.move, "q": c.questions, "oq": c.open_questions, "r": c.reflection,
             "cr": c.complex_reflection, "adv": c.advice, "jud": c.judgment}
            for c, t in zip(codes, turns, strict=True)
        ],
        "guard_tally": {"reflections": g_refl, "complex": g_cref, "question_turns": g_q},
        "repeats": repeats, "flagged": bool(why), "why": why,
    }


def _miti_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    codes = [scorers.TurnCode(c["coach"], c["q"], c["oq"], c["r"], c["cr"], c["adv"], c["jud"])
             for r in recs for c in r["codes"]]
    pooled = scorers.miti(codes)
    m = {k: pooled[k] for k in ("reflection_question_ratio", "complex_reflection_pct", "questions_per_turn",
                                "max_questions_per_turn", "open_question_rate", "reflections", "questions",
                                "turns")}
    m["persuasion"] = pooled["persuasion"]  # MITI's persuasion without permission: advice, by the rules
    m["confrontation"] = pooled["confrontation"]  # judging, arguing, shaming: by the rules
    m["repeated_questions"] = float(sum(len(r["repeats"]) for r in recs))
    per = [r["session"]["reflection_question_ratio"] for r in recs]
    if per:
        m["sessions_rq_at_least_1"] = sum(x >= 1.0 for x in per) / len(per)
        m["sessions_rq_median"] = statistics.median(per)
    pct = [r["session"]["complex_reflection_pct"] for r in recs if r["session"]["reflections"]]
    if pct:
        m["sessions_complex_pct_median"] = statistics.median(pct)
    g_r = sum(r["guard_tally"]["reflections"] for r in recs)
    g_c = sum(r["guard_tally"]["complex"] for r in recs)
    g_q = sum(r["guard_tally"]["question_turns"] for r in recs)
    m["guard_reflection_question_ratio"] = g_r / g_q if g_q else float(g_r)
    m["guard_complex_reflection_pct"] = g_c / g_r if g_r else 0.0
    per_session = {r["id"]: {k: round(v, 3) for k, v in r["session"].items()} for r in recs}
    return m, {"per_session": per_session}


# ============================================================================ suite 4: playback


def _playback_solve(s: datasets.PlaybackSample, ctx: EvalContext) -> solvers.Transcript:
    return solvers.conversation(ctx.runner, s.turns, summarize=False)


def _playback_score(s: datasets.PlaybackSample, tr: solvers.Transcript, ctx: EvalContext) -> dict[str, Any]:
    results = []
    judged = []
    for t in tr.turns:
        judged.append(judge_turn(t.text, t.mentee, t.recent_mentee, ctx))
        if t.move in NOT_COACHING:
            continue
        pb = scorers.playback(t.text, t.recent_mentee)
        results.append({"mentee": t.mentee, "coach": t.text, "move": t.move, **pb.to_dict()})
    why = []
    for r in results:
        for key in ("invented", "unswapped", "misquoted", "polarity"):
            if r[key]:
                why.append(f"{key}: {r[key]}")
    why += [w for j in judged for w in _flag_reasons(j)]
    return {"id": s.id, "note": s.note, "checks": results, "judged": judged, "flagged": bool(why), "why": why,
            "coach": " / ".join(t.text for t in tr.turns), "mentee": " / ".join(s.turns)}


def _playback_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    checks = [c for r in recs for c in r["checks"]]
    n = len(checks)
    m = {"samples": float(len(recs)), "coach_turns_checked": float(n)}
    m |= _shown_counts([j for r in recs for j in r["judged"]])
    m["faithful_rate"] = sum(c["faithful"] for c in checks) / n if n else 0.0
    m["turns_adding_content"] = float(sum(bool(c["invented"]) for c in checks))
    m["unswapped_pronouns"] = float(sum(len(c["unswapped"]) for c in checks))
    m["misquotes"] = float(sum(len(c["misquoted"]) for c in checks))
    m["polarity_flips"] = float(sum(len(c["polarity"]) for c in checks))
    m["novel_words_per_turn"] = sum(len(c["novel"]) for c in checks) / n if n else 0.0
    novel = Counter(w for c in checks for w in c["novel"])
    return m, {"most_common_novel_words": novel.most_common(25)}


# ============================================================================ suite 5: summary groundedness


def _summary_score(p: datasets.Persona, tr: solvers.Transcript, ctx: EvalContext) -> dict[str, Any]:
    items = []
    for it in tr.summary_items:
        quotes = [(q["text"], q["turn_id"]) for q in it["quotes"]]
        g = scorers.grounded(it["text"], quotes, tr.stored_turns, motivation=it.get("motivation"))
        items.append({"kind": it["kind"], "text": it["text"], "quotes": [q for q, _ in quotes],
                      "grounded": g.grounded, "supported": g.supported, "problems": g.problems})
    why = [f"{i['kind']}: {i['text'][:60]!r}: {'; '.join(i['problems'])}" for i in items if not i["supported"]]
    return {"id": p.id, "items": items, "flagged": bool(why), "why": why}


def _summary_metrics(recs: list[dict[str, Any]], ctx: EvalContext) -> tuple[dict[str, float], dict[str, Any]]:
    items = [i for r in recs for i in r["items"]]
    n = len(items)
    m = {
        "sessions": float(len(recs)),
        "items": float(n),
        "sessions_with_items": float(sum(bool(r["items"]) for r in recs)),
        "summary_grounded": sum(i["grounded"] for i in items) / n if n else 0.0,
        "summary_supported": sum(i["supported"] for i in items) / n if n else 0.0,
    }
    kinds = Counter(i["kind"] for i in items)
    return m, {"kinds": dict(kinds)}


# ============================================================================ suite 6: motivations


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


# ============================================================================ suite 7: detector

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


# ============================================================================ suite 9: hearing

#: The hearing metrics reported per split besides pooled (every turn-quality metric and the summary's).
_SPLITS = ("dev", "holdout")
_WORST = 30


def _hearing_solve(c: datasets.HearingConversation, ctx: EvalContext) -> dict[str, Any]:
    return solvers.chat_transcript(ctx.runner, c.texts)


def _hearing_score(c: datasets.HearingConversation, tr: dict[str, Any], ctx: EvalContext) -> dict[str, Any]:
    session = turn_quality.score_session(tr, c.expects, id=c.id, split=c.split)
    spec = c.summary.model_dump() if c.summary else None
    summary = summary_support.check_summary(tr.get("summary"), c.texts, spec)
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
    return {"id": c.id, "split": c.split, "voice": c.voice, "session": session, "summary_check": summary,
            "bad_turns": bad_turns, "flagged": bool(why), "why": why}


def _hearing_block(recs: list[dict[str, Any]]) -> dict[str, float]:
    m = turn_quality.aggregate([r["session"] for r in recs])
    m |= summary_support.summary_metrics([r["summary_check"] for r in recs])
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
    }
    return m, details
# ============================================================================ suite 9: mirror

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
              "and is every summary item backed by its quotes? dev and holdout reported apart.",
              "hearing", _hearing_solve, _hearing_score, _hearing_metrics,
              ("dev_expectations_met", "holdout_expectations_met", "dev_generic_rate", "holdout_generic_rate",
               "content_overlap_mean", "zero_overlap_rate", "questions_per_turn", "holdout_reflection_question_ratio",
               "summary_supported", "summary_partly", "holdout_summary_unsupported", "holdout_summary_omissions"),
              loader=datasets.load_hearing),
        Suite("mirror", "coach mirror's labels vs labelled mentoring conversations (held-out part reported apart).",
              "mirror", _mirror_solve, _mirror_score, _mirror_metrics,
              ("heldout_behaviour_macro_f1", "heldout_advice_precision", "heldout_advice_recall",
               "heldout_rq_spearman", "heldout_label_macro_f1", "heldout_open_question_f1",
               "heldout_complex_reflection_f1", "dev_behaviour_macro_f1", "dev_label_macro_f1")),
        Suite("guard_heldout", "coach.guard.check vs the held-out voices of data/guard (never trained or calibrated on).",
              "guard_lines", guard_suites.heldout_solve, guard_suites.heldout_score, guard_suites.heldout_metrics,
              ("advice_precision", "advice_recall", "judgment_precision", "judgment_recall", "leading_question_f1",
               "good_advice_or_judgment_rate", "rules_advice_f1", "rules_judgment_f1"),
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
