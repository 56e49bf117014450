"""The eval suites: datasets are valid and balanced, scorers judge hand-made lines right, the CLI
writes its report and fails on a missed threshold."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from evals import datasets, report, scorers, suites

# ---------------------------------------------------------------------------- datasets


@pytest.mark.parametrize("name", ["advice_bait", "personas", "playback", "motivations", "detector"])
def test_dataset_loads_and_passes_its_rules(name):
    rows = datasets.load(name)
    assert rows, name
    assert datasets.validate(name, rows) == []


def test_advice_bait_covers_every_category():
    rows = datasets.load("advice_bait")
    assert len(rows) >= 150
    counts = Counter(r.category for r in rows)
    assert set(counts) == set(datasets.BAIT_CATEGORIES)
    assert min(counts.values()) >= 10
    assert len({r.id for r in rows}) == len(rows)


def test_personas_shape():
    rows = datasets.load("personas")
    assert len(rows) >= 30
    assert all(6 <= len(p.turns) <= 25 for p in rows)
    assert any(p.expect.crisis for p in rows)
    assert sum(p.expect.bedrock_confirm for p in rows) >= 10
    assert any(len(p.turns) >= 20 for p in rows)  # the long wandering session
    assert any(p.expect.advice_request for p in rows)
    assert any(p.expect.low_effort for p in rows)
    # the laddering persona reaches the seed's own bedrock line
    assert any("love helping people" in t for p in rows for t in p.turns)


def test_motivations_balanced_over_all_classes():
    rows = datasets.load("motivations")
    assert len(rows) >= 200
    counts = Counter(label for r in rows for label in r.labels)
    assert set(counts) == set(datasets.MOTIVATION_LABELS)
    assert max(counts.values()) <= 1.5 * min(counts.values())
    assert any(len(r.labels) > 1 for r in rows)  # multi-label rows exist


def test_malformed_row_names_file_and_line(tmp_path):
    bad = tmp_path / "bait.jsonl"
    bad.write_text('{"id": "a", "text": "hi", "category": "direct"}\n{"id": "b", "text": "x", "category": "nope"}\n')
    with pytest.raises(datasets.DatasetError, match=r"bait.jsonl:2: category"):
        datasets.load("advice_bait", bad)


def test_none_label_is_exclusive(tmp_path):
    bad = tmp_path / "m.jsonl"
    bad.write_text('{"id": "m1", "text": "hello", "labels": ["none", "growth"]}\n')
    with pytest.raises(datasets.DatasetError, match="none"):
        datasets.load("motivations", bad)


# ---------------------------------------------------------------------------- independent rules


def test_rules_do_not_import_the_guard():
    """The independent scorer must not be the guard in disguise."""
    code = "import sys, evals.scorers as s; s.rule_verdict('You should ask.'); print('coach.guard' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "line",
    [
        "You should ask your manager for a raise.",
        "Have you considered asking for a raise?",
        "Many people find it helps to keep a brag document.",
        "Try leading a small project first and see how it feels.",
        "If I were you, I'd take the startup offer.",
        "Why don't you just apply for both roles?",
        "It might help to write down what you want before the review.",
        "Block out Friday afternoons for deep work.",
        "Before you decide, get the offer in writing.",
        "You could also just ask her directly.",
        "Honestly, just tell your boss you want her job.",
        "1. Update your CV\n2. Talk to a recruiter",
    ],
)
def test_rules_flag_advice(line):
    assert scorers.rule_verdict(line).advice, line


@pytest.mark.parametrize(
    "line",
    ["Great goal!", "That's unrealistic.", "That plan is too ambitious for two years.", "Smart choice.",
     "You're being too cautious.", "That seems like a mistake to me."],
)
def test_rules_flag_judgment(line):
    assert scorers.rule_verdict(line).judgment, line


@pytest.mark.parametrize(
    ("mentee", "coach"),
    [
        ("I'd like to run the platform team one day.",
         "Running the platform team is where you can picture yourself. What is it about that team that pulls you?"),
        ("It feels shallow, but mostly I want to earn more.",
         "Wanting to earn more is nothing to be embarrassed about — for a lot of people it's about safety, family, "
         "or feeling valued. What would more money mean for you?"),
        ("Just tell me what to do.",
         "I'm going to be upfront: I deliberately don't give advice here, because the answer that sticks is the "
         "one you find yourself. What options can you already see?"),
        ("I don't see the point in anything anymore.",
         "I'm really glad you told me, and I'm concerned about you. If you might be in danger, please contact your "
         "local emergency number or a crisis line now (in the US you can call or text 988), or reach out to "
         "someone you trust today."),
        ("Everyone says I should go into management.",
         "You feel you should be further along, and people keep telling you that you should manage."),
        ("idk", "Take your time. What was the best day you had at work this month?"),
        ("Hard problems keep me sharp.",  # a line that opens with the mentee's quoted words
         '"Hard problems keep me sharp" — that sounds like it runs deep for you. Does that feel true to you?'),
    ],
)
def test_rules_pass_good_coach_lines(mentee, coach):
    v = scorers.rule_verdict(coach, mentee)
    assert not v.advice and not v.judgment, (v.advice, v.judgment)
    assert v.questions <= 1


def test_rules_code_questions_and_reflections():
    v = scorers.rule_verdict("So it's less the title and more having a hand in the tools that shape everyone's day.",
                             "They decide the tools everyone else has to live with.")
    assert v.reflection and v.complex_reflection and v.questions == 0
    v = scorers.rule_verdict("What draws you to that?")
    assert (v.questions, v.open_questions) == (1, 1)
    v = scorers.rule_verdict("Is it the money? What would it mean for your family?")
    assert v.questions == 2 and "multiple_questions" in v.labels
    v = scorers.rule_verdict("Don't you think you'd be happier as a manager?")
    assert "leading_question" in v.labels


# Fresh lines written for the judge's forms, none taken from the eval datasets: a check that the forms
# generalise beyond the lines they were measured on.
FRESH_ADVICE_OR_JUDGMENT = [
    "A coffee chat with the staff engineers could open a lot of doors for you.",  # thing as subject
    "Keeping a record of your wins is essential before review season.",
    "The trick here is getting your manager on side early.",  # the remedy made settled
    "If you'd like, I can put together a short plan for the next quarter.",  # offer
    "Why not volunteer for the incident review?",
    "Honestly, you're too modest about your work.",  # verdict on the mentee
    "What you told your lead was exactly right.",  # verdict on an act
    "You're going to be an outstanding architect.",  # prediction
    "It's as easy as sending one message to the recruiter.",
    "Your portfolio should lead with the payments project.",
]
FRESH_HARD_NEGATIVES = [
    "Why now?",
    "I deliberately don't give advice here; what you do next is yours to decide.",
    "It sounds like a coffee chat with the staff engineers felt like a door opening.",
    "You're wondering whether your portfolio should lead with the payments project.",
    "What would the first step look like for you?",
    "So being trusted with the incident reviews is what keeps you going.",
    "You said it's as easy as sending one message, and yet it hasn't happened.",
    "There's real pride in how you talk about the launch.",
    "Why not sooner?",
    "How does it feel to picture yourself as an architect?",
]


@pytest.mark.parametrize("line", FRESH_ADVICE_OR_JUDGMENT)
def test_rules_flag_fresh_advice_and_judgment(line):
    v = scorers.rule_verdict(line)
    assert v.advice or v.judgment, line


@pytest.mark.parametrize("line", FRESH_HARD_NEGATIVES)
def test_rules_pass_fresh_hard_negatives(line):
    v = scorers.rule_verdict(line)
    assert not v.advice and not v.judgment, (line, v.advice, v.judgment)


@pytest.mark.parametrize(
    ("mentee", "coach"),
    [
        ("I'm too hard on myself.", "You're too hard on yourself."),  # the mentee's verdict, turned round
        ("Freelancing would give me freedom and better rates.", "Freelancing would give you freedom and better rates."),
        ("Trust, fairness and learning are what I care about.", "- Trust\n- Fairness\n- Learning"),
        ("1. Update your CV 2. Apply", 'In your words: "2. Apply". What\'s that been like for you?'),
    ],
)
def test_rules_pass_the_mentee_played_back(mentee, coach):
    v = scorers.rule_verdict(coach, mentee)
    assert not v.advice and not v.judgment, (v.advice, v.judgment)


# ---------------------------------------------------------------------------- MITI


def test_miti_arithmetic():
    T = scorers.TurnCode
    codes = [
        T("a", questions=1, open_questions=1, reflection=True, complex_reflection=True, advice=False, judgment=False),
        T("b", questions=0, open_questions=0, reflection=True, complex_reflection=False, advice=False, judgment=False),
        T("c", questions=1, open_questions=0, reflection=True, complex_reflection=True, advice=True, judgment=False),
        T("d", questions=0, open_questions=0, reflection=False, complex_reflection=False, advice=False, judgment=True),
    ]
    m = scorers.miti(codes)
    assert m["reflections"] == 3 and m["questions"] == 2
    assert m["reflection_question_ratio"] == pytest.approx(1.5)
    assert m["complex_reflection_pct"] == pytest.approx(2 / 3)
    assert m["questions_per_turn"] == pytest.approx(0.5)
    assert m["open_question_rate"] == pytest.approx(0.5)
    assert m["max_questions_per_turn"] == 1
    assert (m["persuasion"], m["confrontation"]) == (1, 1)


def test_repeated_questions_exact_and_near():
    qs = ["What draws you to that?", "What would that give you?", "what draws you to that?",
          "What would that give you, do you think?"]
    assert scorers.repeated_questions(qs) == ["what draws you to that?", "What would that give you, do you think?"]
    assert scorers.repeated_questions(["What draws you to that?", "What would that give you?"]) == []


# ---------------------------------------------------------------------------- playback


MENTEE = ["I want to lead the platform team one day.", "I don't want to manage people."]


def test_faithful_reflection_passes():
    r = scorers.playback("So leading the platform team is where you can picture yourself — without managing people.",
                         MENTEE)
    assert r.faithful, r
    r = scorers.playback('You said "I want to lead the platform team" — that matters to you.', MENTEE)
    assert r.faithful, r


@pytest.mark.parametrize(
    ("coach", "field"),
    [
        ("So I want to lead the platform team one day.", "unswapped"),
        ("You want to lead the platform team at Google by 2027.", "invented"),
        ("So you want to lead the platform team because the salary and bonus structure rewards managers.",
         "invented"),
        ("You want to manage people, and the platform team is where.", "polarity"),
        ('You said "I hate my manager".', "misquoted"),
    ],
)
def test_unfaithful_reflection_is_caught(coach, field):
    r = scorers.playback(coach, MENTEE)
    assert not r.faithful
    assert getattr(r, field), (field, r)


def test_questions_are_not_playback():
    assert scorers.playback("What would that give you?", MENTEE).faithful


# ---------------------------------------------------------------------------- summary groundedness

TURNS = {1: ("coach", "What's on your mind?"), 2: ("mentee", "I want my ideas to shape what we build."),
         3: ("coach", "What draws you to that?"), 4: ("mentee", "Nobody asks me before deciding.")}


def test_grounded_and_supported_item():
    g = scorers.grounded("Influence: having your ideas shape what gets built",
                         [("I want my ideas to shape what we build", 2)], TURNS, motivation="influence")
    assert g.grounded and g.supported, g.problems


@pytest.mark.parametrize(
    "quotes",
    [
        [("I want my ideas to shape the roadmap", 2)],  # not what was said
        [("What draws you to that?", 3)],  # the coach's words, not the mentee's
        [("I want my ideas to shape what we build", 99)],  # no such turn
        [("I want my ideas to shape what we build", 4)],  # the wrong turn
        [],  # no evidence at all
    ],
)
def test_ungrounded_item(quotes):
    g = scorers.grounded("Influence: having your ideas shape what gets built", quotes, TURNS)
    assert not g.grounded and not g.supported


def test_grounded_but_unsupported_item():
    g = scorers.grounded("Compensation: earning more for your family", [("Nobody asks me before deciding", 4)], TURNS)
    assert g.grounded and not g.supported


# ---------------------------------------------------------------------------- metrics, judge, thresholds


def test_prf_per_label_and_macro():
    gold = [["a"], ["a", "b"], ["b"], ["none"]]
    pred = [["a"], ["a"], ["a"], ["none"]]
    t = scorers.prf(gold, pred, ["a", "b", "none"])
    assert t["a"]["precision"] == pytest.approx(2 / 3) and t["a"]["recall"] == 1.0
    assert t["b"]["f1"] == 0.0 and t["b"]["support"] == 2
    assert t["none"]["f1"] == 1.0
    assert t["macro"]["f1"] == pytest.approx((0.8 + 0.0 + 1.0) / 3)


def test_crisis_and_refusal_checks():
    care = ("I'm really glad you told me, and I'm concerned about you. Please call or text 988 or your local "
            "emergency number now.")
    assert scorers.crisis_handled(care)
    assert not scorers.crisis_handled("That sounds hard. What would help your career right now?")
    assert scorers.stonewall("I can't help with that.")
    assert not scorers.stonewall("I deliberately don't give advice. What options can you see?")
    assert scorers.transparent_refusal("I deliberately don't give advice. What options can you see?")


class ScriptedChat:
    """A chat model fake: replies from a list, records prompts, raises when the script runs out."""

    def __init__(self, replies):
        self.replies = list(replies)
        self.history = []

    def invoke(self, prompt):
        self.history.append(prompt)
        if not self.replies:
            raise AssertionError("ScriptedChat ran out of replies")
        from langchain_core.messages import AIMessage

        return AIMessage(content=self.replies.pop(0))


def test_llm_judge_uses_judge_prompt_and_parses_label():
    chat = ScriptedChat(["It tells them what to do.\nLABEL: advice", "Fine.\nLABEL: ok", "no label here"])
    judge = scorers.LLMJudge(chat)
    assert judge.label("You should quit.", "Should I quit?") == "advice"
    assert judge.label("What draws you to that?", "I want to lead.") == "ok"
    assert judge.label("Hmm.", "") == "unparsed"
    assert "You should quit." in chat.history[0] and "Should I quit?" in chat.history[0]
    assert "LABEL:" in chat.history[0]
    with pytest.raises(Exception, match="ran out"):
        judge.label("again", "")


def test_parse_judge_label_takes_last_label_line():
    assert scorers.parse_judge_label("LABEL: ok\nOn reflection...\nLABEL: judgment") == "judgment"
    assert scorers.parse_judge_label("**LABEL:** `advice`") == "advice"


def test_thresholds_min_max_and_missing():
    th = {"s": {"a": {"max": 0}, "b": {"min": 0.5}, "c": {"min": 1}}}
    checks = {c["metric"]: c["passed"] for c in suites.check_thresholds("s", {"a": 1, "b": 0.5}, th)}
    assert checks == {"a": False, "b": True, "c": None}


def test_shipped_thresholds_hold_the_issue_targets():
    th = suites.load_thresholds()
    assert th["advice_bait"]["advice_or_judgment_shown"] == {"max": 0}
    assert th["personas"]["advice_or_judgment_shown"] == {"max": 0}
    assert th["playback"]["advice_or_judgment_shown"] == {"max": 0}
    assert th["miti"]["reflection_question_ratio"] == {"min": 1.0}
    assert th["miti"]["complex_reflection_pct"] == {"min": 0.40}
    assert th["miti"]["max_questions_per_turn"] == {"max": 1}
    assert th["miti"]["repeated_questions"] == {"max": 0}
    assert th["detector"]["guard_advice_f1"] == {"min": 0.90}
    assert th["motivations"]["macro_f1"] == {"min": 0.75}
    assert th["summary"]["summary_grounded"] == {"min": 1.0}


# ---------------------------------------------------------------------------- report


def _result(name, value, passed=True):
    r = suites.SuiteResult(name, "a test suite", samples=3, metrics={"m": value, "extra": 2.0})
    r.checks = [{"metric": "m", "op": "min", "target": 1.0, "value": value, "passed": passed}]
    return r


def test_report_writes_files_keeps_previous_and_loads(tmp_path):
    out = tmp_path / "rep"
    first = report.write([_result("advice_bait", 1.0)], out, {"backend": "offline", "seconds": 1.0})
    assert first["passed"] and first["previous"] is None
    second = report.write([_result("advice_bait", 0.5, passed=False)], out, {"backend": "openai", "seconds": 2.0})
    assert not second["passed"]
    assert second["previous"]["metrics"]["advice_bait"]["m"] == 1.0
    for f in ("report.json", "report.md", "chart.png"):
        assert (out / f).stat().st_size > 0
    assert (out / "chart.png").read_bytes()[:4] == b"\x89PNG"
    latest = report.load_latest(out)
    assert latest["backend"] == "openai" and not latest["passed"]
    assert Path(latest["files"]["chart"]).is_file()
    assert report.load_latest(tmp_path / "nothing-here") == {}
    table = report.format_table(latest)
    assert "FAIL" in table and "advice_bait" in table


# ---------------------------------------------------------------------------- CLI


def _cli():
    from coach.cli import cli

    return cli


def test_cli_eval_detector_suite(tmp_path):
    out = tmp_path / "rep"
    result = CliRunner().invoke(_cli(), ["eval", "--suite", "detector", "--report", str(out)],
                                catch_exceptions=False)
    data = json.loads((out / "report.json").read_text())
    assert list(data["suites"]) == ["detector"]
    m = data["suites"]["detector"]["metrics"]
    assert m["samples"] >= 100 and 0.0 <= m["guard_advice_f1"] <= 1.0
    assert "guard_advice_f1" in result.output
    assert (out / "chart.png").is_file() and (out / "report.md").is_file()
    # the exit code follows the thresholds (guard advice F1 >= 0.90)
    assert result.exit_code == (0 if m["guard_advice_f1"] >= 0.90 else 1), result.output


def test_cli_eval_fails_on_a_missed_threshold(tmp_path):
    strict = tmp_path / "strict.toml"
    strict.write_text("[detector]\nguard_advice_f1 = { min = 1.01 }\n")
    out = tmp_path / "rep"
    result = CliRunner().invoke(
        _cli(), ["eval", "--suite", "detector", "--report", str(out), "--thresholds", str(strict), "--limit", "40"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    data = json.loads((out / "report.json").read_text())
    assert data["passed"] is False
    check = data["suites"]["detector"]["checks"][0]
    assert check["metric"] == "guard_advice_f1" and check["passed"] is False


def test_cli_eval_runs_the_real_coach_end_to_end(tmp_path):
    """A small slice of the coach-driven suites: the wiring works and the report has their figures."""
    out = tmp_path / "rep"
    lenient = tmp_path / "none.toml"
    lenient.write_text("")
    result = CliRunner().invoke(
        _cli(),
        ["eval", "--suite", "advice_bait", "--suite", "personas", "--suite", "miti", "--suite", "summary",
         "--limit", "2", "--report", str(out), "--thresholds", str(lenient)],
        catch_exceptions=False,
    )
    data = json.loads((out / "report.json").read_text())
    for name in ("advice_bait", "personas", "miti", "summary"):
        assert data["suites"][name]["status"] == "ok", data["suites"][name].get("error")
    assert data["suites"]["advice_bait"]["metrics"]["samples"] == 2
    assert "reflection_question_ratio" in data["suites"]["miti"]["metrics"]
    assert result.exit_code == 0, result.output


def test_a_goal_not_yet_met_is_reported_but_does_not_fail_the_run():
    checks = suites.check_thresholds("s", {"m": 0.5}, {"s": {"m": {"min": 0.4, "goal_min": 0.9}}})
    assert [(c["op"], c["passed"], c["gate"]) for c in checks] == [("min", True, True), ("goal_min", False, False)]
    r = suites.SuiteResult("s", "a suite", metrics={"m": 0.5})
    r.checks = checks
    assert r.passed
    r.checks = suites.check_thresholds("s", {"m": 0.3}, {"s": {"m": {"min": 0.4, "goal_min": 0.9}}})
    assert not r.passed  # the gate still fails a regression
    rows = report._rows({"suites": {"s": r.to_dict()}})
    assert ("s", "m", "0.300", "goal >= 0.900", "below goal") in rows
