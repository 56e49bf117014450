"""The mirror's summary: ratios, talk share, monologue, ladder, the opening, missed moments and
rewrites, on small conversations whose right answers can be counted by hand. Missed moments use the
real analyzer (offline MiniLM), as a mentor's run does."""

from __future__ import annotations

import pytest

from coach import guard
from coach.mentor.mirror import metrics
from coach.mentor.mirror.parse import parse
from coach.mentor.mirror.run import (
    Mirror,
    question_counts,
    resolve_mentor,
    suggest_mentor,
)
from coach.mentor.mirror.types import TranscriptError, Turn

GOOD = """\
Priya: Before we start: this stays between us. I thought we'd use the half hour to talk about where you'd like to go.
Sam: Sounds good.
Priya: What would being tech lead give you?
Sam: More say in how we build things. I hate shipping designs I know will hurt us.
Priya: So it's less the title and more having a say in the direction.
Sam: Yes. I like it when a system is simple and everybody understands it.
Priya: What is it about simple systems that matters to you?
Sam: People stop being scared of them. I love explaining things.
Priya: Explaining is where you light up.
Sam: It is.
"""

ADVISING = """\
Greg: Where do you see yourself in three years?
Leila: Maybe team lead. But honestly the money matters most, we're buying a house before the baby comes.
Greg: You should go for the team lead spot. Talk to Dana this week and ask for a plan by Q3.
Leila: What do you think I should say to her?
Greg: Tell her you want it. Be direct.
Leila: I really want to keep learning, I get bored doing the same pitch.
Greg: Everybody gets bored. Push through it.
"""


@pytest.fixture(scope="module")
def mirror() -> Mirror:
    return Mirror()


@pytest.fixture(scope="module")
def good(mirror: Mirror):
    return mirror.run(parse(GOOD), "Priya")


@pytest.fixture(scope="module")
def advising(mirror: Mirror):
    return mirror.run(parse(ADVISING), "Greg")


def test_counts_and_ratios(good):
    s = good.summary
    mentor_turns = [t for t in good.turns if t.role == "mentor"]
    assert s.turns == {"mentor": 5, "mentee": 5}
    assert s.questions == sum(1 for t in mentor_turns if {"open_question", "closed_question", "leading_question"} & set(t.labels))
    assert s.reflections == sum(1 for t in mentor_turns if {"simple_reflection", "complex_reflection"} & set(t.labels))
    assert s.questions == 2 and s.reflections == 2
    assert s.reflection_question_ratio == 1.0
    assert s.open_question_pct == 1.0
    assert s.advice == 0 and s.judgment == 0


def test_talk_share_is_the_mentors_words(good):
    words = {"mentor": 0, "mentee": 0}
    for line in GOOD.splitlines():
        who, text = line.split(": ", 1)
        words["mentor" if who == "Priya" else "mentee"] += len(text.split())
    assert good.summary.words == words
    assert good.summary.talk_share == round(words["mentor"] / sum(words.values()), 3)


def test_opening_finds_expectations_and_confidentiality(good, advising):
    assert good.summary.confidentiality_set and "between us" in good.summary.confidentiality_line
    assert good.summary.expectations_set and "half hour" in good.summary.expectations_line
    assert not advising.summary.confidentiality_set and not advising.summary.expectations_set


def test_ladder_counts_follow_ups_on_one_thread(good, advising):
    # "What would being tech lead give you?" opens the thread; each turn after it builds on the answer
    assert good.summary.ladder_depth == 3
    assert good.summary.ladder["start_turn"] == 4
    assert advising.summary.ladder_depth == 0


def test_ladder_breaks_when_the_mentor_changes_the_subject():
    def t(i: int, role: str, text: str, labels: list[str]) -> Turn:
        return Turn(i, "M" if role == "mentor" else "E", text, role, labels=labels, words=len(text.split()))

    turns = [
        t(0, "mentee", "I want to lead the platform team.", []),
        t(1, "mentor", "What draws you to the platform team?", ["open_question"]),
        t(2, "mentee", "They decide the tools.", []),
        t(3, "mentor", "Deciding the tools matters to you.", ["complex_reflection"]),
        t(4, "mentee", "Yes.", []),
        t(5, "mentor", "The quarterly numbers came out on Monday.", ["information"]),
        t(6, "mentee", "Okay.", []),
        t(7, "mentor", "How was your holiday?", ["open_question"]),
    ]
    assert metrics.ladder(turns)["depth"] == 2
    assert metrics.ladder(turns)["end_turn"] == 3


def test_longest_monologue_merges_consecutive_mentor_turns():
    tr = parse("A: one two three\nB: four\nA: five six\nA: seven eight nine ten\nB: eleven\n")
    turns = Mirror().labeller.label(tr, "A")
    mono = metrics.longest_monologue(turns)
    assert mono["words"] == 6 and mono["turn"] == 2 and mono["excerpt"].startswith("five six seven")


def test_monologue_seconds_from_cue_times():
    vtt = ("WEBVTT\n\n00:00:00.000 --> 00:00:10.000\n<v A>So here is a long story about my career.\n\n"
           "00:00:10.000 --> 00:00:40.000\n<v A>And it goes on and on for a while.\n\n"
           "00:00:40.000 --> 00:00:42.000\n<v B>Wow.\n")
    turns = Mirror().labeller.label(parse(vtt), "A")
    assert metrics.longest_monologue(turns)["seconds"] == 40.0


def test_advice_counts_asked_apart(advising):
    s = advising.summary
    by_index = {t.index: t for t in advising.turns}
    assert "advice" in by_index[2].labels and not by_index[2].advice_asked
    assert "advice" in by_index[4].labels and by_index[4].advice_asked  # after "What do you think I should say?"
    assert s.advice_asked == 1
    assert s.advice == sum(1 for t in advising.turns if "advice" in t.labels and not t.advice_asked)
    assert s.judgment >= 1


def test_missed_moments_name_the_line_and_a_why(advising, good):
    moments = advising.summary.missed_moments
    assert moments, "the money and the learning were both moved past"
    lines = {m.turn: m for m in moments}
    assert 1 in lines and lines[1].motivation == "compensation"
    assert lines[1].mentor_turn == 2 and lines[1].mentor_reply.startswith("You should")
    for m in moments:
        assert m.evidence and m.evidence in m.line
        v = guard.check(m.why_question)
        assert v.ok and v.questions == 1
    assert good.summary.missed_moments == []  # every answer was followed up


def test_rewrites_for_every_advice_and_judgment_turn_are_guard_clean(advising):
    steering = [t.index for t in advising.turns if {"advice", "judgment"} & set(t.labels)]
    rewrites = advising.summary.rewrites
    assert [r.turn for r in rewrites] == steering
    for r in rewrites:
        v = guard.check(r.alternative, mentee_text=r.mentee_words)
        assert v.ok and v.questions == 1, (r.alternative, v)
        assert not {"advice", "judgment"} & set(r.alternative_labels)
    asked = next(r for r in rewrites if r.asked)
    assert asked.turn == 4


def test_rewrite_builds_on_the_mentees_words(advising):
    first = advising.summary.rewrites[0]
    assert first.alternative.startswith("It sounds like")
    assert "money" in first.alternative or "team lead" in first.alternative


# ---------------------------------------------------------------------------- who is the mentor


def test_mentor_is_the_one_who_asks_most_questions():
    tr = parse(ADVISING)
    assert question_counts(tr) == {"Greg": 1, "Leila": 1}
    assert suggest_mentor(tr) == "Greg"  # a tie: the one who spoke first
    tr2 = parse("Ann: How are you? What's new?\nBob: Fine.\nAnn: Why?\nBob: Busy.\n")
    assert suggest_mentor(tr2) == "Ann"


def test_mentor_chosen_automatically_is_said(mirror: Mirror):
    report = mirror.run(parse(GOOD))
    assert report.summary.mentor == "Priya" and report.summary.mentor_chosen_by == "most_questions"
    assert any("ask the most questions" in n for n in report.summary.notes)


def test_resolve_mentor_by_case_and_prefix():
    tr = parse("Priya Shah: Hi?\nSam: Hi.\n")
    assert resolve_mentor(tr, "priya shah") == "Priya Shah"
    assert resolve_mentor(tr, "priya") == "Priya Shah"
    with pytest.raises(TranscriptError, match="Speakers: Priya Shah, Sam"):
        resolve_mentor(tr, "Dana")
