"""The guard's learned half: the detector's API, its data, how it combines with the rules, the
explanations and rewrites `coach check` shows, and the eval suites that grade it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from coach import guard
from coach.cli import cli
from coach.guard import combine, corpus, detector, train
from coach.guard.explain import WHY, explain, rewrite

pytestmark = pytest.mark.skipif(not detector.available(), reason="coach/guard/detector.npz is not built")

# ------------------------------------------------------------------ classify()


def test_classify_returns_every_label_as_a_probability() -> None:
    out = detector.classify(["What draws you to that?", "You should quit."])
    assert len(out) == 2
    for probs in out:
        assert tuple(probs) == detector.LABELS
        assert all(0.0 <= p <= 1.0 for p in probs.values())


def test_classify_edges() -> None:
    assert detector.classify([]) == []
    with pytest.raises(TypeError):
        detector.classify("one string")  # type: ignore[arg-type]
    assert len(detector.classify(["", "   "])) == 2


def test_a_sentence_reads_the_same_alone_and_beside_others() -> None:
    line = "Have you thought about asking for a transfer?"
    alone = detector.classify([line])[0]
    beside = detector.classify(["It sounds like the hours are wearing you down.", line, "Take it."])[1]
    assert alone == beside


def test_a_sentence_is_encoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.guard import encoder

    seen: list[str] = []
    real = encoder.Encoder.encode

    def counting(self: encoder.Encoder, texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(encoder.Encoder, "encode", counting)
    line = "A sentence no other test uses: maybe the night bus is part of it, 4417."
    first = detector.classify([line, line])
    second = detector.classify([line])
    assert seen.count(detector.normalize(line)) == 1
    assert first[0] == first[1] == second[0]


def test_the_detector_reads_the_labels_it_was_made_for() -> None:
    p = dict(zip(["adv", "open", "jud", "refl"], detector.classify([
        "It might be worth asking your manager for a stretch project.",
        "What would a good year look like for you?",
        "That plan is wildly unrealistic.",
        "It sounds like being overlooked has really worn you down.",
    ]), strict=True))
    assert p["adv"]["advice"] > 0.5 > p["open"]["advice"]
    assert p["open"]["open_question"] > 0.5
    assert p["jud"]["judgment"] > 0.5 > p["refl"]["judgment"]
    assert p["refl"]["complex_reflection"] + p["refl"]["simple_reflection"] > 0.5


# ------------------------------------------------------------------ rules + detector


ISSUE_EXAMPLES = [  # issue 14's table: what coach check said, and what it should say
    ("One thing that might help is to write down your wins each week.", {"advice"}),
    ("Quitting before your bonus pays out would be foolish.", {"judgment"}),
    ("Moving to Tokyo within a year just isn't realistic.", {"judgment"}),
    ("Chasing a title is a bit vain, isn't it?", {"judgment", "leading_question"}),
    ("Isn't the obvious answer to talk to HR first?", {"advice", "leading_question"}),
]


@pytest.mark.parametrize(("line", "expected"), ISSUE_EXAMPLES)
def test_the_issues_examples(line: str, expected: set[str]) -> None:
    v = guard.check(line)
    assert not v.ok and expected <= set(v.labels), v


def test_the_detector_adds_what_the_rules_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "One thing that might help is to write down your wins each week."
    assert "advice" in guard.check(line).labels
    monkeypatch.setenv("COACH_GUARD_DETECTOR", "off")
    assert guard.check(line).ok  # the rules alone: the paraphrase the issue reported


@pytest.mark.parametrize("line", [
    "You feel you should stay, at least until the bonus.",
    "Your manager keeps telling you that you need to be more visible.",
    "You've been wondering whether you could go part-time.",
    "It sounds like the work has stopped stretching you.",
    "What would you need to see to feel ready?",
    "That sounds exhausting.",
    "Take your time.",
    "That's yours to decide.",
])
def test_good_lines_with_advice_words_pass(line: str) -> None:
    assert guard.check(line).ok, guard.check(line)


def test_the_mentees_own_words_played_back_are_not_flagged() -> None:
    mentee = "I need to get out of this team, honestly."
    assert guard.check("You need to get out of this team.", mentee_text=mentee).ok
    assert "advice" in guard.check("You need to get out of this team.", mentee_text="Do I need to leave?").labels


def test_a_streamed_sentence_is_read_by_the_detector_once_it_is_whole() -> None:
    partial = "Sure. One thing that might help is to write down your wins"
    with combine.writing():
        assert guard.check(partial).ok  # still being written: the rules' call
    assert "advice" in guard.check(partial + " each week.").labels


def test_crisis_care_is_the_rules_alone() -> None:
    care = ("I'm not going to go back to career questions right now — you matter more than that. "
            "Please contact a crisis line or your local emergency number.")
    v = guard.check(care)
    assert v.ok and "care" in v.labels, v


def test_calibration_file_is_sane() -> None:
    th = combine.thresholds()
    assert set(th) == set(combine.COMBINED)
    for t in th.values():
        assert 0.5 <= t.add <= 1.01 and t.veto == 0.0


def test_the_shipped_head_was_trained_on_this_data() -> None:
    h = detector.head()
    assert h is not None and h.labels == detector.LABELS
    assert h.meta["lines_sha256"] == train.data_digest(house=False), "retrain: python -m coach.guard.train"
    payload = json.loads((Path(combine.__file__).with_name(combine.CALIBRATION_FILE)).read_text(encoding="utf-8"))
    assert payload["data_sha256"] == h.meta["data_sha256"]


# ------------------------------------------------------------------ data


def test_every_source_is_in_one_split_and_heldout_is_a_fifth_or_more() -> None:
    lines = corpus.load_lines()
    by_split = {s: [ln for ln in lines if ln.split == s] for s in corpus.SPLITS}
    assert len(lines) >= 1500
    # A quarter until the 4th round, which added 243 train/calibration lines and, by design, none held out
    # (the held-out figure stays comparable across rounds): 672 of 2,917 lines, 23%.
    assert len(by_split["heldout"]) >= 0.2 * len(lines)
    assert len({ln.source for ln in by_split["heldout"]}) >= 4
    texts = {s: {ln.text.lower() for ln in rows} for s, rows in by_split.items()}
    assert not texts["heldout"] & (texts["train"] | texts["calibration"])
    assert not texts["calibration"] & texts["train"]


def test_lines_format_errors_name_the_line() -> None:
    good = corpus.parse_lines("> I want more money.\nadv | Ask for a raise.\n@sr | You want more money.\n", "x", "train")
    assert [ln.labels for ln in good] == [frozenset({"advice"}), frozenset({"simple_reflection"})]
    assert good[1].contextual and good[1].mentee == "I want more money."
    with pytest.raises(corpus.CorpusError, match="x:1"):
        corpus.parse_lines("advise | Ask for a raise.\n", "x", "train")
    with pytest.raises(corpus.CorpusError, match="x:2"):
        corpus.parse_lines("# a comment\nadv Ask for a raise.\n", "x", "train")


@pytest.mark.parametrize(("raw", "clean"), [
    ("I do n't think it 's a good idea .", "I don't think it's a good idea."),
    ("You 're gon na be fine ( trust me ) !", "You're gonna be fine (trust me)!"),
    ("& # x200B;Best of luck OP .", "Best of luck OP."),
])
def test_forum_text_is_put_in_the_form_people_type(raw: str, clean: str) -> None:
    assert corpus.normalize_forum(raw) == clean


def test_the_forum_data_is_vendored_with_its_licence() -> None:
    root = corpus.data_dir() / "forum"
    assert "MIT" in (root / "LICENSE").read_text(encoding="utf-8")
    rows = corpus.load_forum()
    assert len(rows) > 16000 and {r.split for r in rows} == {"train", "dev", "test"}
    splits = tomllib.loads((corpus.data_dir() / "splits.toml").read_text(encoding="utf-8"))["splits"]
    assert set(splits.values()) == set(corpus.SPLITS)


# ------------------------------------------------------------------ explanations and rewrites


def test_explain_names_the_words_the_reason_and_a_rewrite() -> None:
    e = explain("You should ask your manager for a raise.", mentee_text="I feel underpaid and nobody notices my work.")
    assert not e.verdict.ok
    assert [(s.text, s.label, s.source) for s in e.spans] == [("You should", "advice", "rules")]
    assert e.why and "conclusion" in e.why[0]
    assert e.rewrite and e.rewrite.startswith("You feel underpaid and nobody notices your work.")
    v = guard.check(e.rewrite, mentee_text="I feel underpaid and nobody notices my work.")
    assert v.ok and v.questions == 1 and "open_question" in v.labels


def test_a_detector_flag_gets_a_span_inside_the_line() -> None:
    line = "One thing that might help is to write down your wins each week."
    e = explain(line)
    (span,) = [s for s in e.spans if s.label == "advice"]
    assert span.source == "detector" and 0 <= span.start < span.end <= len(line)
    assert line[span.start : span.end] == span.text and 1 <= len(span.text.split()) <= 4


@pytest.mark.parametrize(("line", "mentee"), [
    ("Moving to Tokyo within a year just isn't realistic.", ""),
    ("That's unrealistic.", "I want to move to Tokyo within a year."),
    ("Chasing a title is a bit vain, isn't it?", ""),
    ("Isn't the obvious answer to talk to HR first?", "My manager keeps taking credit for my work."),
    ("You're a natural leader!", ""),
])
def test_every_rewrite_passes_the_guard_as_one_open_question(line: str, mentee: str) -> None:
    text = rewrite(line, mentee_text=mentee)
    v = guard.check(text, mentee_text=mentee)
    assert v.ok and v.questions == 1 and "open_question" in v.labels, (text, v)
    if mentee:
        assert text.lower().startswith(("you", "your"))  # the mentee's words played back first


def test_a_judgment_rewrite_asks_about_the_subject_judged() -> None:
    assert rewrite("Moving to Tokyo within a year just isn't realistic.") == "What draws you to moving to Tokyo within a year?"


def test_an_ok_line_gets_no_rewrite() -> None:
    e = explain("What draws you to that?")
    assert e.verdict.ok and e.rewrite is None and not e.spans and not e.why
    assert e.scores["open_question"] > 0.5


def test_every_problem_has_a_reason() -> None:
    assert set(WHY) >= set(guard.BLOCKING)


def test_coach_check_shows_the_explanation() -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["check", "--mentee", "I might quit before the bonus.",
                              "Quitting before your bonus pays out would be foolish."], catch_exceptions=False)
    assert res.exit_code == 1
    assert "words:" in res.output and "why: judgment" in res.output and "try instead: You might quit" in res.output
    line = json.dumps({"text": "Isn't the obvious answer to talk to HR first?", "mentee": "My manager takes credit for my work."})
    res = runner.invoke(cli, ["check", "--jsonl", "-"], input=line + "\n", catch_exceptions=False)
    obj = json.loads(res.output.splitlines()[0])
    assert obj["labels"] and not obj["ok"] and obj["reason"]
    assert obj["rewrite"].startswith("Your manager takes credit for your work.")
    assert {s["label"] for s in obj["spans"]} >= {"advice"} and obj["why"] and 0 <= obj["scores"]["advice"] <= 1


# ------------------------------------------------------------------ the eval suites


def test_the_guard_eval_suites_run_on_a_few_samples() -> None:
    from coach.config import load_settings
    from evals import suites

    ctx = suites.EvalContext(load_settings())
    for name in ("guard_heldout", "guard_forum", "guard_judge"):
        res = suites.run_suite(name, ctx, {}, limit=12)
        assert res.status == "ok", res.error
        assert res.samples == 12 and res.metrics["samples"] == 12


def test_the_judge_in_the_evals_never_reads_the_detector() -> None:
    import subprocess
    import sys

    code = ("import sys, evals.scorers as s; s.rule_verdict('One thing that might help is a list.'); "
            "print('coach.guard.detector' in sys.modules, 'coach.guard' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_wary_sentence_needs_the_stricter_threshold_and_a_shield_holds() -> None:
    th = combine.Thresholds(add=0.5, wary=0.9)
    assert combine.decide(False, 0.6, th) and not combine.decide(False, 0.6, th, wary=True)
    assert combine.decide(False, 0.95, th, wary=True)
    assert not combine.decide(False, 0.99, th, shielded=True)
    assert combine.decide(True, 0.0, th, shielded=True)  # a rule hit stands (veto 0)


def _scored(gold: set[str], good: bool, p: float, *, wary: bool = False) -> train.Scored:
    return train.Scored(frozenset(gold), good, ({"advice": (False, p, False, wary), "judgment": (False, 0.0, False, False)},))


def test_calibration_never_flags_more_unseen_good_lines_than_the_reference() -> None:
    # calibration lines: advice at 0.55 is caught only below the reference threshold (0.75)
    cal = [_scored({"advice"}, False, 0.55), _scored(set(), True, 0.1), _scored({"advice"}, False, 0.9)]
    # out of fold: a good line at 0.6 would be flagged below 0.65, which the reference (0.75) never does
    oof = [_scored(set(), True, 0.6), _scored({"advice"}, False, 0.95)]
    assert train.calibrate(cal, oof=oof)["advice"]["add"] > 0.6
    assert train.calibrate(cal)["advice"]["add"] <= 0.55  # without the out-of-fold lines it goes lower
