"""What a mentee says plainly gets an item; what they say in passing never does. Each case is a short real session
(analyzer, policy and summary as shipped), in words of its own: the general forms behind the eighth blind read's
omissions (empty summaries) and its asides filed as motivations."""

from __future__ import annotations

import re

import pytest

from summary_data import has_item, item_lines, summary_items


@pytest.mark.parametrize(("messages", "kinds", "words"), [
    # a qualification under way is where they are heading
    (["porter. days. doing an open university degree in history, 3rd yr"], ("goal",), r"degree in history"),
    (["I'm doing an OU accountancy degree, I want to finish it"], ("goal",), r"^Goal: finishing the OU accountancy degree"),
    (["Halfway through my plumbing apprenticeship at the moment."], ("goal",), r"plumbing apprenticeship"),
    # a want named by its gerund keeps the quote that says it with a plain verb ("seeing" / "see")
    (["for my son. he's 6. i want him to see me finish something"], ("motivation", "bedrock"), r"him seeing you"),
    # who they are, said against a parent who never did it
    (["my dad never turned up for anything. i turn up for people."], ("bedrock",), r"turning up for people"),
    # the condition on a move is what matters to them
    (["i'd probably take it if i knew i could still teach kids there. not just admin."], ("motivation", "bedrock"),
     r"being able to still teach kids"),
    # a deed for someone, given as a phrase, even mid-message
    (["huh. ok. that's nursing really. getting someone home on their own two feet. my gran will be smug"],
     ("motivation", "bedrock"), r"getting someone home"),
    # "the bit where…" is a focus, however long the sentence
    (["its the moment in a long shift where the whole ward goes quiet and every patient is settled and the night nurse "
      "nods at me and nobody says a word. that. i could do that forever"], ("motivation", "bedrock"), r"whole ward goes quiet"),
    # what they want for others, once the money and the business are ruled out in the same breath
    (["no, not the business side. the money I don't care. I want people to walk in tired and walk out feeling looked after."],
     ("bedrock",), r"people walking in tired and walking out"),
])
def test_what_is_said_plainly_gets_an_item(store, messages, kinds, words):
    items = summary_items(store, *messages)
    assert has_item(items, kinds, words, in_quotes=True), item_lines(items)
    for i in items:
        for q in i.quotes:
            assert any(q.text in m for m in messages)


@pytest.mark.parametrize(("messages", "bad"), [
    # a jab at the coach is no passion
    (["great, a chatbot. my sister sent me this", "wow another question. you people love a question"], r"love a question"),
    # venting in hyperbole is no motivation nor passion
    (["everyone's posting their 'new adventure' on instagram and I want to chuck my laptop in the canal!!"], r"laptop"),
    # a complaint, and not knowing, name no want
    (["My mum says law. My gran says teaching. Nobody has asked what I actually want."], r"asked"),
    (["I haven't told anyone what I want because honestly I don't know."], r"don't know|dont know"),
    # a start date and a plan to go are no motivation
    (["I got the job!!! 🎉 junior sound engineer at a theatre in Hull. Starting in two weeks!!"], r"^motivation.*starting in"),
    (["right, going to ring my mum now. wish me luck"], r"^motivation.*(ring|going)"),
    # someone else's plan, put plainly, is not theirs
    (["They're talking about moving us all to the call centre. Reading scripts to angry people basically."], r"^motivation.*scripts"),
    # options weighed are not a motive
    (["Thinking of either training as an assessor, or packing it in at 60."], r"^motivation.*(assessor|packing)"),
    # a motive ruled out by "even if nobody" is not credited
    (["yeah. getting the joint perfectly square even if nobody notices."], r"^\w+ \[recognition\]"),
])
def test_what_is_said_in_passing_gets_no_item(store, messages, bad):
    lines = [ln for ln in item_lines(summary_items(store, *messages)) if not ln.startswith("open_question")]
    assert not [ln for ln in lines if re.search(bad, ln, re.I)], lines


def test_a_story_told_to_its_peak_is_quoted_with_what_happened() -> None:
    """'the best day of my life' names no topic; the story around it is what happened, and both are quoted."""
    from coach.mentor.summary.builder import _sentence_spans
    from coach.mentor.summary.peaks import peak_spans

    text = ("stupid thing is the best day of my life I finished 94th. tour of flanders 2021. "
            "pulled the bunch for 80km into a headwind so Jasper could sit in.")
    (s, e), = peak_spans(text, _sentence_spans(text))
    assert "best day of my life" in text[s:e] and "Jasper" in text[s:e]
    before = "a family keeps their flat because i found the landlord's notice was served wrong. best feeling"
    (s, e), = peak_spans(before, _sentence_spans(before))
    assert before[s:e].startswith("a family keeps their flat")
    for none in ("worst day of my life, honestly", "she says it was the best day of her life",
                 "it used to be the best bit", "was that the best day of your life?"):
        assert peak_spans(none, _sentence_spans(none)) == [], none
