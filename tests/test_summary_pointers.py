"""A summary quote that only points ("thats always been it") takes what it points at (coach/mentor/summary/pointers.py)."""

from __future__ import annotations

import pytest

from coach.mentor.summary.evidence import _sentence_spans
from coach.mentor.summary.pointers import Said, only_points, pointed
from coach.types import Evidence


def _said(text: str, turn_id: int = 2) -> Said:
    return Said(text, _sentence_spans(text), turn_id)


def _quote(said: Said, sentence: str) -> Evidence:
    start = said.text.index(sentence)
    return Evidence(text=sentence, start=start, end=start + len(sentence), turn_id=said.turn_id)


@pytest.mark.parametrize("sentence, points", [
    ("maybe thats it.", True),
    ("Now I think that's the whole thing.", True),
    ("Thats what has always mattered to me I think.", True),
    ("i like that part more actually.", True),
    # content before the pointer, or "that" opening a clause: it says what
    ("Being my own boss, that's mattered to me my whole life.", False),
    ("Knowing that people can rely on me has mattered to me my whole life.", False),
    ("I like the work.", False),
])
def test_what_only_points(sentence: str, points: bool) -> None:
    assert only_points(sentence) is points


def test_forward_past_what_it_is_not_to_what_it_is() -> None:
    said = _said("Mom used to say 'we are the steady ones on their worst day.' I used to roll my eyes. Now I think that's the "
                 "whole thing. Not the building, not the Dahl name. Being steady for people when everything else isn't.")
    quotes, naming = pointed(_quote(said, "Now I think that's the whole thing."), said, None) or ([], "")
    assert naming == "Being steady for people when everything else isn't."
    assert quotes[0].text.startswith("Now I think") and quotes[0].text.endswith("isn't.")


def test_back_to_the_sentence_before_in_the_same_message() -> None:
    said = _said("PhD people ask the question. i'm the one make sure the answer is correct. i like that part more actually.")
    quotes, naming = pointed(_quote(said, "i like that part more actually."), said, None) or ([], "")
    assert naming == "i'm the one make sure the answer is correct."
    assert len(quotes) == 1 and quotes[0].text.endswith("more actually.")


def test_back_to_the_message_before_only_when_it_says_it_runs_deep() -> None:
    before = _said("no I mean it as a real question. Maybe thats what I mean. That it gets made properly whether its me or "
                   "someone I taught", turn_id=1)
    said = _said("Thats what has always mattered to me I think. Not the shop, not the name on the door.")
    quotes, naming = pointed(_quote(said, "Thats what has always mattered to me I think."), said, before) or ([], "")
    assert naming == "That it gets made properly whether its me or someone I taught"
    assert [q.turn_id for q in quotes] == [1, 2]
    # a bare "thats it" opening a message answers the coach's words, not the mentee's
    bare = _said("thats it. anyway.")
    assert pointed(_quote(bare, "thats it."), bare, before) is None


def test_a_quote_that_says_something_is_left_alone() -> None:
    said = _said("Being my own boss, that's mattered to me my whole life. But the grandkids, I love them.")
    assert pointed(_quote(said, "Being my own boss, that's mattered to me my whole life."), said, None) is None
