"""Questions asked of the coach itself, read from their grammar (coach/analyze/addressed.py), and the whole turn
that answers them; and a diary line's dropped "I" given back before it is said back (coach/realize/source.py)."""

from __future__ import annotations

import re

import pytest

from coach.analyze.addressed import asks_the_coach
from coach.analyze.parse import parser
from coach.realize.reflect import _subjectless
from coach.realize.source import _subject_back

pytestmark = pytest.mark.skipif(parser() is None, reason="needs the spaCy pipeline")


@pytest.mark.parametrize("text, topic", [
    ("have you ever been fired?", "lived"),
    ("did you ever have a job you hated?", "lived"),
    ("do you have kids?", "lived"),
    ("do you like your job?", "lived"),
    ("are you even a real person or what", "being"),
    ("r u a person", "being"),
    ("do you get bored of people whining at you", "being"),
])
def test_a_question_to_the_coach_in_new_words(text: str, topic: str) -> None:
    assert asks_the_coach(text) == topic


@pytest.mark.parametrize("text", [
    "how do you know when its time to leave a job?",  # anyone's "you": a request, heard elsewhere
    "what do you do when your boss hates you?",
    "can you just list the steps",  # a request
    "would you take it?",  # their decision, put to the coach
    "do you think I should go?",  # a view on their life
    "you know?",  # a tag
    "are you kidding me? they cut my hours again",  # a figure of speech
    "did you get that?",
    "are you saying I'm lazy?",  # about them
    "do you have a minute",  # not about what the coach is
    "have you heard of scrum?",
    "I love my job and my kids",
])
def test_not_a_question_about_the_coach(text: str) -> None:
    assert asks_the_coach(text) is None


def _turns(*messages: str) -> list[str]:
    import os
    import tempfile

    from coach.agent import Coach
    from coach.config import Settings

    home = tempfile.mkdtemp()
    os.environ["COACH_HOME"] = home
    coach = Coach.create(Settings(home=home), memory=False)
    session, _ = coach.start()
    return [coach.respond(session.id, m).text for m in messages]


def test_the_coach_answers_for_itself_and_hands_back() -> None:
    _, second = _turns("my manager cut my hours again", "have you ever been fired?")
    assert re.search(r"\bprogram\b", second) and re.search(r"\b(?:never|haven't)\b", second), second
    assert "get out of this" not in second  # mid-session: back to where they were, not a fresh start
    assert second.rstrip().endswith("?")
    (opening,) = _turns("are you even a real person or what")
    assert "program" in opening and "I'd like to understand" not in opening


@pytest.mark.parametrize("said, whole", [
    ("pulled a calf at 2am up to the shoulder", "I pulled a calf at 2am up to the shoulder"),
    ("been on nights at the depot 4 years", "I've been on nights at the depot 4 years"),
    ("just needed to say it out loud", "I just needed to say it out loud"),
    ("went to the interview and froze", "I went to the interview and froze"),
])
def test_a_dropped_i_is_given_back(said: str, whole: str) -> None:
    assert _subject_back(said) == whole


@pytest.mark.parametrize("said", ["Just fed up", "Little girl, 7lb 2oz", "Thank you so much", "Go home early", "I love it"])
def test_no_i_where_none_was_dropped(said: str) -> None:
    assert _subject_back(said) == said


def test_a_phrase_gets_only_a_frame_that_needs_no_subject() -> None:
    assert _subjectless("being the person someone can say the thing to")
    assert _subjectless("boats up for decommissioning")
    assert not _subjectless("doing it right means nobody gets hurt")
    assert not _subjectless("nobody at work cares about accessibility until legal makes them")
