"""The heart said after a denial gets an item; the reading the mentee turns down never does. Each case is a short real
session (analyzer, policy and summary as shipped), in words of its own: the general forms behind the ninth blind read's
omissions (three empty summaries, a wanted post filed as a motivation) and its denied motive credited."""

from __future__ import annotations

import re

import pytest

from summary_data import has_item, item_lines, summary_items


@pytest.mark.parametrize(("messages", "kinds", "words"), [
    # "it's that … I'm good at it" after the money is denied: being good at it is the motive
    (["forklift driver. 12 yrs",
      "its not the pay. my car's paid off. its that out there im good at it. 60 trucks loaded by dawn and the drivers thank me"],
     ("motivation", "bedrock"), r"good at it"),
    # "It's the X." answering the denial of the turn before
    (["No, it's not the plants. Everyone assumes it's the plants.",
      "It's the gate at the front. Saturday mornings the same couple stop to chat about their grandkids."],
     ("motivation", "bedrock"), r"the gate at the front"),
    # the phrase after "that's why I'm doing this" is the motive
    (["one of my residents, Mr Abbot, went quiet and i was the only one who picked it up. nurse in charge said well done. "
      "thats why im doing this. seeing the man not the care plan"], ("motivation", "bedrock"), r"seeing the man"),
    # a post they say they want, put as a focus, is a goal
    (["What I actually want is the senior cardiac physio post at the Northern. It pays less."], ("goal",), r"cardiac physio post"),
    (["I want the grade 6 community dietitian post. Fewer hours too."], ("goal",), r"community dietitian post"),
])
def test_the_heart_after_a_denial_gets_an_item(store, messages, kinds, words):
    items = summary_items(store, *messages)
    assert has_item(items, kinds, words), item_lines(items)
    for i in items:
        for q in i.quotes:
            assert any(q.text in m for m in messages)


def test_a_wanted_post_is_not_also_a_motivation(store):
    items = summary_items(store, "What I actually want is the senior cardiac physio post at the Northern. It pays less.")
    assert not has_item(items, ("motivation", "bedrock"), r"physio post"), item_lines(items)


@pytest.mark.parametrize("messages", [
    ["my mates reckon its because i love the freedom of it. nope. thats not it. i liked having a manager"],
    ["everybody thinks its because i like being in charge. nah. thats not it", "i just like the smell of the bakery at 4am"],
])
def test_a_reading_turned_down_is_never_credited(store, messages):
    lines = item_lines(summary_items(store, *messages))
    assert not [ln for ln in lines if re.search(r"freedom|in charge|\[autonomy\]|\[authority\]|reckon|thinks", ln, re.I)], lines
