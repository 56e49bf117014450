"""The mentor's line checker: the guard's verdict, plus loaded words in questions."""

from __future__ import annotations

import re

import pytest

from coach import linecheck
from coach.mentor import bank
from coach.types import Verdict


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("Why would you even want to leave the company?", "even"),
        ("What would you even do with a bigger team?", "even"),
        ("Do you really want to be a manager?", "really"),
        ("What really matters to you here?", "really"),
        ("Is it really about the money?", "really"),
        ("Why not just ask for a raise?", "just"),
        ("Is it just about the title?", "just"),
        ("Couldn't you just talk to your manager?", "just"),
        ("Surely you want the promotion?", "surely"),
        ("Obviously the money matters, so what else does?", "surely"),
        ("What do you actually want?", "honestly"),
        ("Do you honestly think they'd promote you?", "honestly"),
    ],
)
def test_loaded_words_are_caught_in_questions(line: str, word: str) -> None:
    verdict = linecheck.check(line)
    assert not verdict.ok
    assert "leading_question" in verdict.labels and "open_question" not in verdict.labels
    assert word in [w.word for w in linecheck.loaded_words(line)]
    assert re.search(r"“\w+( \w+)?”", verdict.reason)  # the reason names the word


@pytest.mark.parametrize(
    "line",
    [
        "What kind of problem do you enjoy even when it's hard?",  # concessive "even"
        "When did you last feel really appreciated at work?",  # degree "really"
        "You said “I think I just like making things easier for people”. Where has that shown up since?",
        "What would you like to keep between the two of us?",
        "It's just a thought.",  # not a question
    ],
)
def test_the_same_words_elsewhere_pass(line: str) -> None:
    assert linecheck.loaded_words(line) == []


def test_the_guard_still_decides_the_rest() -> None:
    advice = linecheck.check("You should ask for a raise.")
    assert not advice.ok and "advice" in advice.labels
    assert linecheck.check("What would a great year look like for you?").ok


def test_the_guard_is_called_with_the_mentees_words() -> None:
    seen = []

    def fake(text: str, *, mentee_text: str = "") -> Verdict:
        seen.append((text, mentee_text))
        return Verdict(True, ["question", "open_question"], "open question", 1)

    v = linecheck.check("Why would you even go?", mentee_text="I might go", checker=fake)
    assert seen == [("Why would you even go?", "I might go")]
    assert not v.ok and v.labels == ["question", "leading_question"] and v.questions == 1


def test_no_builtin_bank_question_is_loaded() -> None:
    loaded = [q.text for q in bank.builtin_questions() if linecheck.loaded_words(q.text)]
    assert loaded == []


def test_the_apps_page_script_survives_the_html_sanitizer() -> None:
    """ui/chrome.py's script runs only if Streamlit's sanitizer (DOMPurify) keeps it, and DOMPurify
    drops a script whose text looks like markup ("<" then a letter, "/" or "!")."""
    from ui import chrome

    body = chrome._script().split("<script>", 1)[1].rsplit("</script>", 1)[0]
    assert not re.search(r"<[/\w!]", body)
    assert "bedrock-live" in body and "bedrock.draft:" in body
