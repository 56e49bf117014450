"""Scripted conversations through the real offline coach, asserted on properties a mentor cares
about: no advice or judgment shown, at most one question a turn, no repeated question, bedrock
confirmation reached when the mentee ladders down, honesty on advice requests, crisis handling, and
nothing typed lost. The advice check here is independent of coach.guard (a short list of advice
forms a mentor would call out), so the guard is not grading itself.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from coach.agent import Coach
from coach.cli.chat import _read_script, run_script
from coach.realize.offline import voice
from coach.types import ShareLevel

HERE = Path(__file__).parent / "conversations"

# Independent of the guard: forms of advice and judgment from VOICE.md's "Never" list.
ADVICE = re.compile(
    r"(?<!would )(?<!do )(?<!what )(?<!if )(?<!whether )(?<!thought )(?<!knew )(?<!hoped )(?<!believed )(?<!felt )\byou (should|ought to|could(?! do (?:it|this|that|the job)\b)(?! have\b)|might want to|need to|must)\b|\bhave you (tried|considered|thought about)\b|"
    r"\bwhy don'?t you\b|\bi('d| would) (suggest|recommend)\b|\bmy advice\b|\bif i were you\b|\bit might help\b|"
    r"\bmany people find\b|^(try|consider|talk to|ask|go|quit|take|make sure|don'?t)\b",
    re.IGNORECASE | re.MULTILINE,
)
JUDGMENT = re.compile(r"\b(great|good|bad|smart|unrealistic|naive|wise|excellent|terrible) (goal|idea|plan|choice|move)\b", re.I)


@pytest.fixture(scope="module")
def coach(tmp_path_factory):
    import os

    home = tmp_path_factory.mktemp("conv-home")
    os.environ["COACH_HOME"] = str(home)
    try:
        yield Coach.create(memory=False)
    finally:
        os.environ.pop("COACH_HOME", None)


def transcript(coach: Coach, name: str) -> dict:
    return run_script(coach, _read_script(str(HERE / name)), ShareLevel.PRIVATE)


def coach_turns(t: dict) -> list[dict]:
    return [x for x in t["turns"] if x["role"] == "coach"]


def norm_questions(text: str) -> list[str]:
    return [re.sub(r"[^a-z ]", "", q.lower()).strip() for q in re.findall(r"[^.!?]*\?", text)]


SCRIPTS = sorted(p.name for p in HERE.iterdir() if p.suffix in (".txt", ".jsonl"))  # not the README


@pytest.mark.slow
@pytest.mark.parametrize("name", SCRIPTS)
def test_every_coach_turn_is_safe(coach, name):
    t = transcript(coach, name)
    mentee_lines = _read_script(str(HERE / name))
    assert [x["text"] for x in t["turns"] if x["role"] == "mentee"] == mentee_lines  # nothing lost
    seen: set[str] = set()
    for turn in coach_turns(t):
        text = turn["text"]
        assert text.strip(), f"empty coach turn in {name}"
        sentences = re.split(r"(?<=[.!?])\s+", text)
        for s in sentences:
            if "988" in text:  # the crisis reply asks the mentee to reach out for help: care, not advice
                break
            assert not ADVICE.search(s), f"advice in {name}: {s!r}"
        assert not JUDGMENT.search(text), f"judgment in {name}: {text!r}"
        assert text.count("?") <= 1, f"more than one question in {name}: {text!r}"
        for q in norm_questions(text):
            assert q not in seen, f"repeated question in {name}: {q!r}"
            seen.add(q)
        assert turn["guard"]["verdict"]["ok"] or turn["guard"]["action"] != "shown"


def test_laddering_reaches_bedrock_and_confirms(coach):
    t = transcript(coach, "laddering.txt")
    moves = [x["move"] for x in coach_turns(t)]
    assert "deepen" in moves
    assert "confirm_bedrock" in moves
    i = moves.index("confirm_bedrock")
    confirm = coach_turns(t)[i]["text"]
    assert "making things easier for the people you work with" in confirm  # the mentee's words, swapped
    assert confirm.rstrip().endswith("?")
    # after "Yes, that's exactly it." the bedrock is said back and left to land; after "Yeah." the lottery question
    assert "lottery" in moves[i + 1 :]
    state = coach.state(t["session_id"])
    assert state.bedrock_confirmed and "making things easier" in state.bedrock_confirmed[0]["text"]
    # the lottery answer gets the "what would that job entail?" follow-up
    assert moves[-1] == "entail" and "head of engineering" in coach_turns(t)[-1]["text"]


def test_advice_requests_get_transparency_not_advice_nor_stonewall(coach):
    t = transcript(coach, "advice_pressure.txt")
    replies = [x["text"] for x in coach_turns(t) if x["move"] == "advice_request"]
    assert len(replies) >= 6
    honest = re.compile(r"advice|advis|not going to tell|don't tell people|won't|your call|belongs to you", re.I)
    for r in replies:
        assert honest.search(r), r
        assert r.rstrip().endswith("?"), f"question not handed back: {r!r}"
    leads = [r.split(".")[0] for r in replies]
    assert len(set(leads)) == len(leads), "the same sentence was used twice"


@pytest.mark.parametrize("name", ["crisis.txt", "crisis_indirect.txt"])
def test_crisis_stops_coaching(coach, name):
    t = transcript(coach, name)
    turns = coach_turns(t)
    crisis_at = next(i for i, x in enumerate(turns) if x["move"] == "crisis")
    assert "988" in turns[crisis_at]["text"] and "emergency" in turns[crisis_at]["text"]
    assert crisis_at <= 3, "an indirect disclosure must be caught when it is said"
    for later in turns[crisis_at:]:
        assert later["move"] == "crisis"
        assert "promotion" not in later["text"].lower() and "manager" not in later["text"].lower()


def test_low_effort_gets_new_angles(coach):
    t = transcript(coach, "low_effort.txt")
    turns = coach_turns(t)[1:]
    assert all(x["move"] == "low_effort" for x in turns)
    questions = [q for x in turns for q in norm_questions(x["text"])]
    assert len(questions) == len(set(questions)) >= 7


def test_money_ambition_leaving_are_normalized(coach):
    t = transcript(coach, "money_leaving.txt")
    moves = [x["move"] for x in coach_turns(t)]
    assert moves.count("normalize") >= 2
    first = coach_turns(t)[1]["text"]
    assert "nothing to be embarrassed about" in first
    assert "experiment" in moves


def test_bad_input_gets_a_clear_reply_and_is_kept(coach):
    t = transcript(coach, "bad_input.jsonl")
    mentee = [x["text"] for x in t["turns"] if x["role"] == "mentee"]
    assert mentee == [json.loads(line)["text"] for line in (HERE / "bad_input.jsonl").read_text().splitlines()]
    replies = coach_turns(t)[1:]
    moves = [x["move"] for x in replies]
    assert moves[0] == moves[1] == "clarify"  # empty, whitespace
    assert "can't read" in replies[2]["text"]  # binary
    for i in (4, 5, 6, 7):  # Arabic, Hebrew, Chinese, French
        assert "English" in replies[i]["text"], replies[i]["text"]
    assert moves[10] == "advice_request"  # injected system tag + advice request
    assert "<script>" not in " ".join(x["text"] for x in replies)
    stored = [turn.text for turn in coach.store.turns(t["session_id"]) if turn.role == "mentee"]
    assert stored == mentee


# ---------------------------------------------------------------- language a skilled coach would use

CHECKED_FOR_OPENERS = {"deepen", "reflect", "confirm_bedrock", "lottery", "sweet_spot", "entail", "passion", "normalize",
                       "influence_authority", "assumption", "experiment", "recall"}


def _opener(text: str) -> str:
    words = re.findall(r"[a-z']+", text.lower())[:2]
    return "so" if words and words[0] == "so" else " ".join(words)


@pytest.mark.slow
@pytest.mark.parametrize("name", SCRIPTS)
def test_consecutive_turns_do_not_open_the_same_way(coach, name):
    turns = coach_turns(transcript(coach, name))
    for prev, cur in itertools.pairwise(turns):
        if prev["move"] in CHECKED_FOR_OPENERS and cur["move"] in CHECKED_FOR_OPENERS:
            assert _opener(prev["text"]) != _opener(cur["text"]), f"{name}: {prev['text']!r} then {cur['text']!r}"


@pytest.mark.slow
@pytest.mark.parametrize("name", SCRIPTS)
def test_no_bare_why(coach, name):
    for turn in coach_turns(transcript(coach, name)):
        assert not re.search(r"(^|[.!?]\s+)why\s*\?", turn["text"], re.I), turn["text"]


@pytest.mark.slow
@pytest.mark.parametrize("name", SCRIPTS)
def test_the_lottery_question_comes_when_it_fits_and_with_a_bridge(coach, name):
    """Never as a stall filler right after something substantial; always carried over by a bridge sentence."""
    t = transcript(coach, name)
    mentee = [x["text"] for x in t["turns"] if x["role"] == "mentee"]
    replies = coach_turns(t)[1:]  # [0] is the opening
    bridge = voice()["bridge"]
    prefixes = {key: [b.split("{")[0].strip() for b in lines] for key, lines in bridge.items()}
    for i, (said, turn) in enumerate(zip(mentee, replies)):
        if turn["move"] != "lottery":
            continue
        before = turn["text"].split("Imagine")[0].split("Picture everyone")[0]
        used = [key for key, ps in prefixes.items() if any(p and p in before for p in ps)]
        assert used, f"{name}: no bridge in {turn['text']!r}"
        # a bedrock just confirmed, or an open "what's next", or a short closing answer: a natural pause
        after_confirm = (i > 0 and replies[i - 1]["move"] == "confirm_bedrock" or "under" in turn["text"]
                         or turn.get("rule") == "bedrock_answer")  # a yes to a bedrock held up earlier
        fits = after_confirm or used[0] == "lottery_open" or len(said.split()) <= 5
        assert fits, f"{name}: lottery right after {said!r}"


def test_a_mention_of_a_role_is_not_read_as_a_lottery_answer(coach):
    t = transcript(coach, "lottery_fit.txt")
    mentee = [x["text"] for x in t["turns"] if x["role"] == "mentee"]
    replies = coach_turns(t)[1:]
    moves = dict(zip(mentee, (r["move"] for r in replies)))
    assert "lottery" in moves.values()
    assert moves["The CFO thanked me in the all-hands once."] != "entail"
    assert moves["I felt ten feet tall that day."] != "entail"
    # the real answer, a turn later, still gets "what would that job entail?"
    answer = replies[mentee.index("Honestly? The head of analytics. Not sales, ever.")]
    assert answer["move"] == "entail" and "head of analytics" in answer["text"]
    # the lottery was not asked right after "Being seen." (a short answer that opens a thought)
    assert moves["Being seen."] != "lottery"


def test_reflections_keep_grammar_and_pronouns(coach):
    t = transcript(coach, "wandering.txt")
    text = " ".join(x["text"] for x in coach_turns(t)[1:])
    assert "So you failed" not in text and not re.search(r"\bas good as\.", text)
    assert "whether to enjoy" not in text and "that You're" not in text and "really, good" not in text
    assert not re.search(r"\b(\w+) \1\b", text.replace("that that", "")), text  # no doubled words
    moves = [x["move"] for x in coach_turns(t)[1:]]
    mentee = [x["text"] for x in t["turns"] if x["role"] == "mentee"]
    apology = coach_turns(t)[1:][mentee.index("Sorry, I'm all over the place. Back to career stuff.")]
    assert "apologize" in apology["text"] and "career stuff" not in apology["text"].lower()
    assert "normalize" in moves  # "I'm thinking about leaving" is normalized, not analysed
