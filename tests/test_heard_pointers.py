"""Whole offline turns for what batch 17 and 18's dev halves showed misheard: a pointer said back instead of what it
points at ("So for you it's about living for that"), a pointer to the message before ("That. That is the whole job for
me."), praise quoted with a sting, someone else's funeral read as the mentee's loss, a goodbye in Swedish, "It's not a
one-off" after a routine held dear. Each case in words of its own; patterns, not exact lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from coach.agent import Coach
from coach.analyze.feelings import event
from coach.analyze.hearing import points_back
from coach.analyze.irony import ironic
from coach.analyze.pointing import told_before
from coach.realize.compress import core

WARM = ["I run a small team at a depot.", "Been there eleven years."]


@pytest.fixture(scope="module")
def coach(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coach]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_HOME", str(tmp_path_factory.mktemp("home")))
        yield Coach.create(memory=False)


def replies(coach: Coach, *texts: str) -> list[str]:
    s, _ = coach.start()
    for w in WARM:
        coach.respond(s.id, w)
    return [coach.respond(s.id, t).text for t in texts]


@pytest.mark.parametrize("text, must, must_not", [
    ("so an old boy comes in who cant work the self checkout and by the end he's doing it himself, grinning. i live for that",
     r"doing it himself.{0,40}live for", r"about living for that|for you it's about"),
    ("when the last coat goes on, i peel the tape and the whole wall is clean. this moment i love most.",
     r"peel the tape|wall is clean", r"is this moment|about this moment"),
    ("the bit i like is the mornings. a kid comes in scared and goes 'oh. thats it?' i live for that",
     r"thats it|that's it|scared", r"about living for that"),
])
def test_a_pointer_is_answered_with_what_it_points_at(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = replies(coach, text)[-1]
    assert re.search(must, r, re.I) and not re.search(must_not, r, re.I), r


def test_a_pointer_to_the_message_before_names_that_moment(coach: Coach) -> None:
    before = ("Last month a woman brought her dad in, 90, deaf in one ear since the war. We tuned the aid and she said "
              "his name from the doorway. And he looked up. He just smiled at her and neither of them said a word.")
    r = replies(coach, before, "That. That is the whole job for me.")[-1]
    assert re.search(r"smiled|looked up|said a word", r, re.I), r
    assert "That is the whole job for me" not in r, r


def test_praise_quoted_with_a_sting_is_not_a_spark(coach: Coach) -> None:
    text = "my manager said im 'a real asset to the floor'. which is very sweet. love being an asset"
    assert ironic(text)
    r = replies(coach, text)[-1]
    assert re.search(r"asset to the floor", r, re.I) and not re.search(r"light(s|ed)? (you )?up|energy|tone changed", r, re.I), r


@pytest.mark.parametrize("text, kind", [
    ("I know who has a sick kid, who cannot work the week after a funeral. I plan the rota around that.", ""),
    ("my dad died on sunday and the funeral is thursday", "loss"),
])
def test_a_funeral_in_who_someone_is_is_no_loss_news(text: str, kind: str) -> None:
    assert event(text)[0] == kind


def test_a_goodbye_in_swedish_is_a_goodbye(coach: Coach) -> None:
    r = replies(coach, "It is not the money. The pay is the same.", "Ok. Good to say it. I go now, break is over. Hej då.")[-1]
    assert not r.rstrip().endswith("?") and not re.search(r"you go now", r, re.I), r


def test_told_before_takes_the_whole_telling() -> None:
    told, pointer = told_before("when i open the valve, the pressure comes up and the gauge settles. 40 bar. this moment i like very much.", points_back)
    assert told.lower().startswith("when i open the valve") and pointer.startswith("this moment")
    assert told_before("i like it. what do you think? i live for that", points_back) == ("", "")


def test_a_list_before_a_clause_about_its_last_item_keeps_that_item() -> None:
    assert "a few goats" in core("forty cows, mostly friesians, a few goats we're trying out")


@pytest.mark.parametrize("text, must, must_not", [
    # what they arrange around it (batch 18's sawmill lead): the telling and the care, never "That sounds like it weighs on you"
    ("Nine of us on the line. I know whose wife is in hospital, whose van broke down, who cant do mornings since the divorce. "
     "I plan the rota around that.", r"whose wife.{0,120}you plan the rota around that", r"weighs on you|a lot to sit with"),
    ("i know which of the cleaners has a sick kid and which one cant lift. i build the week around it",
     r"sick kid.{0,80}you build the week around it", r"weighs on you"),
])
def test_what_they_arrange_around_a_telling_is_said_with_it(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = replies(coach, text)[-1]
    assert re.search(must, r, re.I) and not re.search(must_not, r, re.I), r


@pytest.mark.parametrize("text", [
    "Don't ask me how I feel. Ask me practical.",
    "im not a feelings person tbh. ask me something concrete",
])
def test_how_to_ask_is_taken_not_parroted(coach: Coach, text: str) -> None:
    r = replies(coach, text)[-1]
    assert re.search(r"practical|concrete|day to day|normal working day", r, re.I), r
    assert not re.search(r"not a feelings|how you feel", r, re.I), r


def test_a_goodbye_that_holds_something_up_says_it_back_first(coach: Coach) -> None:
    r = replies(coach, "ok. i dont want to be the name on the van while someone else drives it. thats all it is. "
                       "anyway the ferry wont wait. cheers")[-1]
    assert re.search(r"name on the van.{0,80}whole of it", r, re.I) and not r.rstrip().endswith("?"), r


@pytest.mark.parametrize("text, must", [
    ("I don't know what to do with it yet. I just wanted someone to hear the story about the ferry who isn't my boss. Thanks.",
     r"story about the ferry"),
    ("i only wanted somebody to know about my nan's shop. thats all", r"your nan's shop"),
])
def test_wanting_to_be_heard_is_met_as_heard(coach: Coach, text: str, must: str) -> None:
    r = replies(coach, text)[-1]
    assert re.search(must, r, re.I) and re.search(r"\bheard\b", r, re.I) and "?" not in r, r
    assert not re.search(r"don't know what to do", r, re.I), r


def test_news_told_is_news_not_their_wish(coach: Coach) -> None:
    r = replies(coach, "they told us on friday the depot shuts end of june. haibo")[-1]
    assert re.search(r"depot shuts end of june", r, re.I) and not re.search(r"would like for you|haibo", r, re.I), r


def test_kept_on_while_others_lose_is_no_bad_news_and_dont_worry_is_no_worry(coach: Coach) -> None:
    r = replies(coach, "theyre keeping me on, dont worry. same pay. my mum says im lucky, others are losing their jobs")[-1]
    assert not re.search(r"hard news|a real worry|sorry|don't worry", r, re.I), r


def test_a_short_telling_held_up_as_the_worst_part_is_said_with_it(coach: Coach) -> None:
    r = replies(coach, "yeah. dave's kind. thats the hardest part honestly")[-1]
    assert re.search(r"^Dave's kind(?: —|:) that's the hardest part", r), r


def test_what_they_can_tell_is_theirs_not_a_telling_to_the_coach(coach: Coach) -> None:
    r = replies(coach, "12 years on the same press. i know every sound it makes. i can tell you the left clutch is slipping before the alarm goes")[-1]
    assert re.search(r"you can tell the left clutch is slipping", r, re.I), r


def test_a_feeling_after_a_comma_belongs_to_the_clause_before(coach: Coach) -> None:
    r = replies(coach, "he started with me at 9, so shy he would not say his name. now he runs the warm-up. "
                       "I think this is the best thing I did in my life")[-1]
    assert not re.search(r"you(?:'re| are) (?:shy|afraid|scared)", r, re.I), r


def test_her_words_are_her_words(coach: Coach) -> None:
    r = replies(coach, "my old boss wants me to take over when she retires. she says 'you are the only one'. "
                       "부담돼요... it is a lot of pressure")[-1]
    assert "she's words" not in r and "부담" not in r, r


@pytest.mark.parametrize("sents, chosen, said", [
    (["I will be at a desk.", "Not on the floor with the patients.", "I'm not a manager person"], "I will be at a desk.",
     "I will be at a desk, not on the floor with the patients."),
    (["I want the money.", "Not that I'm greedy."], "I want the money.", "I want the money."),  # a clause of its own stays apart
    (["I will be at a desk.", "Not sure yet."], "I will be at a desk.", "I will be at a desk."),
])
def test_a_not_fragment_is_said_with_the_sentence_it_finishes(sents: list[str], chosen: str, said: str) -> None:
    from coach.realize.source import _with_not

    assert _with_not(chosen, sents) == said


def test_a_paste_announced_then_pasted_is_theirs_not_the_mentee(coach: Coach) -> None:
    first, second = replies(coach, "My manager sent me this on Teams:",
                            "Hi Sam, I'm putting together the restructure and I want you to lead the new intake team from March. "
                            "I think you'd be brilliant at it. Let's chat Friday?")
    assert "?" not in first and not re.search(r"you sent|on teams", first, re.I), first
    assert not re.search(r"you're putting together|you want you|you think you'd be brilliant", second, re.I), second


def test_an_if_then_with_a_long_condition_keeps_its_condition(coach: Coach) -> None:
    r = replies(coach, "Honestly the agency stuff makes me queasy. But if a school or a hospice wanted a garden built from nothing I'd be there tomorrow.")[-1]
    assert re.search(r"a school or a hospice wanted a garden built from nothing(?:,| —) you.d be there tomorrow", r, re.I), r


def test_a_goodbye_after_naming_it_says_it_back(coach: Coach) -> None:
    r = replies(coach, "Making something that's mine. Yeah, that's it. Okay, I'm going to reply to her saying not now. Cheers.")[-1]
    assert re.search(r"^Making something that's yours — that's it\.", r) and "?" not in r, r


def test_a_thought_taken_back_is_held_both_ways_not_parroted(coach: Coach) -> None:
    r = replies(coach, "Which is odd because I'd hate sales. Wait no I wouldn't. I don't know.")[-1]
    assert re.search(r"you'd hate sales", r, re.I) and not re.search(r"wait|you wouldn't", r, re.I), r


def test_an_option_tried_on_gets_no_motive_named(coach: Coach) -> None:
    r = replies(coach, "If I don't get it, I think I'd leave nursing altogether. Teach maybe.")[-1]
    assert not re.search(r"what matters|someone's life", r, re.I), r
