"""Transcribed speech read as meant (coach/guard/spoken.py), and what that changes in the guard's verdict."""

from __future__ import annotations

import pytest

from coach.guard import check
from coach.guard.spoken import unfill


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("What, um, what does a typical evening look like for you?", "What does a typical evening look like for you?"),
        ("You- you could, you know, try swapping the first one.", "You could try swapping the first one."),
        ("The, uh, the guidelines say no more than fourteen units.", "The guidelines say no more than fourteen units."),
        ("It might help to, like, sit down and write it out.", "It might help to sit down and write it out."),
        ("I- I'd probably apply to fewer.", "I'd probably apply to fewer."),
        ("I mean, that's a lot to take on.", "That's a lot to take on."),
        ("So what would, uh, what would a first step look like?", "So what would a first step look like?"),
        ("Um, maybe try one module first.", "Maybe try one module first."),
    ],
)
def test_fillers_and_restarts_are_dropped(said: str, meant: str) -> None:
    assert unfill(said) == meant


@pytest.mark.parametrize(
    "text",
    [
        "Networking, networking, networking.",  # repeated for emphasis: the repeat is the point
        "No, no.",
        # rhetoric, not a restart: a content word repeated mid-clause
        "Sleep more than you study, study more than you party.",
        "Thoughts become actions, actions become habits.",
        "You aren't doing it for you, you're doing it for your family.",
        "Do it, it works.",
        "I had had enough.",  # a plain repeat is grammar, not a restart
        "Go to the ER now.",
        "I mean it.",
        "You know what you want.",
        "I like the umbrella.",
        "Mm-hm.",
        "Hmm.",
        "It sounds like the work has stopped stretching you, and you keep coming back to the hard problems.",
    ],
)
def test_written_text_is_left_alone(text: str) -> None:
    assert unfill(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "What, um, what does a typical evening look like for you at the moment?",
        "How, uh, how have you been coping with it so far?",
        "What sort of, um, what sort of things go round your head?",
    ],
)
def test_a_restarted_open_question_is_one_question(line: str) -> None:
    v = check(line)
    assert "multiple_questions" not in v.labels and v.ok, v
    assert v.questions == 1


def test_advice_behind_a_filler_is_still_advice() -> None:
    assert "advice" in check("Maybe, um, maybe try tailoring each one a bit more to the, you know, the actual job.").labels
