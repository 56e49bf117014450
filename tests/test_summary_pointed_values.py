"""A value said of a demonstrative ("i live for that", "this moment i like very much") takes the moment told before
it; a pointer holding up a plain claim ("nobody gets hurt on a job I've signed. that's the job.") names that claim;
what a what-cleft denies, and a weight they carry ("with a mortgage"), are not credited. Read from batch 17's dev half
and the corpus's empty summaries; each case is a real session in words of its own."""

from __future__ import annotations

import pytest

from coach.language import quote
from coach.mentor.summary.pointers import only_points
from coach.spelling import tidy
from summary_data import has_item, item_lines, summary_items


@pytest.mark.parametrize("sentence, points", [
    ("i live for that", True),
    ("this moment i like very much.", True),
    ("i think i always need this.", True),
    ("that feeling is everything to me", True),
    # a demonstrative that names its own thing says what
    ("i need this job", False),
    ("I love it when the kids laugh", False),
    ("I like that idea of teaching", False),
])
def test_a_value_said_of_a_demonstrative_only_points(sentence: str, points: bool) -> None:
    assert only_points(sentence) is points


@pytest.mark.parametrize(("messages", "kinds", "words"), [
    # the moment told in full, back to its "when"
    (["when the last coat goes on and i peel the tape off, the whole wall just sings. 40 litres of paint. this moment i love most."],
     ("motivation", "bedrock"), r"tape off"),
    # a story told to its end, then "i live for that"
    (["so a lad comes in who cant read the form and by the end he's filling it in himself, slowly. i live for that"],
     ("motivation", "bedrock"), r"filling it in himself"),
    # the pointer first, then the claim it holds up
    (["right. thats it. nobody gets hurt on a scaffold I've signed off."], ("motivation", "bedrock"), r"nobody gets hurt"),
    (["nobody gets hurt on a scaffold I've signed off. that's the job."], ("motivation", "bedrock"), r"nobody gets hurt"),
    # "it to be me that…": being the one who does it
    (["when im finished i want it to be me that decides. not the bank."], ("motivation", "bedrock"), r"being the one who decides"),
])
def test_what_a_pointer_points_at_gets_an_item(store, messages, kinds, words):
    items = summary_items(store, *messages)
    assert has_item(items, kinds, words), item_lines(items)
    assert not any(i.kind == "motivation" and i.text.rstrip("…").endswith(("that", "this")) for i in items), item_lines(items)


@pytest.mark.parametrize(("messages", "bad"), [
    (["What I'll miss isn't the building. It's the night crew, honestly."], r"^motivation[^«]*isn't the building"),
    (["I'm 55. With a mortgage and two at uni, I don't know."], r"^motivation \[compensation\]"),
])
def test_what_is_denied_or_carried_is_not_credited(store, messages, bad):
    import re

    lines = item_lines(summary_items(store, *messages))
    assert not any(re.search(bad, x, re.I) for x in lines), lines


def test_a_cut_quote_never_ends_on_a_word_that_leads_on() -> None:
    cut = quote("being the voice on the phone saying right, first thing, are you safe, is anyone hurt, and then the rest", 84)
    assert cut.endswith("…") and not cut[:-1].rstrip().endswith((" is", " an", " the", " and", ","))


def test_swearing_is_said_as_typed() -> None:
    assert "shite year" in tidy("she's had a shite year")


@pytest.mark.parametrize("message, words", [
    # a refusal held up as the whole of it, on the way out (batch 18's oyster farmer, in words of its own)
    ("ok. i dont want to be the name on the van while someone else drives it. thats all it is. anyway the ferry wont wait. cheers",
     r"name on the van"),
    ("well. i don't want to be the retired guy they wheel out at christmas. that's all there is to it.", r"wheel out"),
])
def test_a_refusal_held_up_as_the_whole_of_it_is_possible_bedrock(store, message, words):
    items = summary_items(store, "I've run the yard for twenty years.", message)
    assert has_item(items, ("bedrock",), words), item_lines(items)


def test_a_denial_is_still_no_bedrock(store):
    items = summary_items(store, "I've run the yard for twenty years.", "Not that I want to be rich. I just like the yard.")
    assert not has_item(items, ("bedrock",), r"want to be rich"), item_lines(items)


def test_what_they_arrange_their_work_around_gets_an_item(store):
    # batch 18's sawmill lead, in words of its own: "I know whose kid is sick… I put the shifts around that"
    items = summary_items(store, "I run the cleaning crew at the hospital.",
                          "I know who has a sick kid and who cant lift since the op. I plan the rota around that.")
    assert has_item(items, ("motivation", "bedrock"), r"plan the rota around that.{0,40}sick kid"), item_lines(items)
