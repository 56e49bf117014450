"""coach/language.py: the offline helpers that turn the mentee's words into the coach's playback."""

from __future__ import annotations

import pytest

from coach import language as L

# ---------------------------------------------------------------- swap_pronouns


@pytest.mark.parametrize(
    ("said", "played_back"),
    [
        ("I want my team to trust me", "you want your team to trust you"),
        ("That job is mine", "That job is yours"),
        ("I did it myself", "you did it yourself"),
        # "I'm" is capital for being "I", as "I" is: mirrored like "I want…" (callers set a sentence's case)
        ("I'm tired", "you're tired"),
        ("I’m tired", "you're tired"),  # typographic apostrophe
        ("I've had enough", "you've had enough"),
        ("I'd love that", "you'd love that"),
        ("I'll do it", "you'll do it"),
        ("it's that I'm tired", "it's that you're tired"),  # never "it's that You're tired"
        ("I was tired", "you were tired"),
        ("I wasn't ready", "you weren't ready"),
        ("My boss said I was wrong", "Your boss said you were wrong"),
        ("I told him I was done", "you told him you were done"),
        ("We were late and I was early", "You were late and you were early"),
        ("your idea is good", "my idea is good"),
        ("Is it yours?", "Is it mine?"),
        ("you're right", "I'm right"),
        ("me and my friends", "you and your friends"),
        ("Mine is better", "Yours is better"),
        ("MY TEAM", "YOUR TEAM"),
    ],
)
def test_swap_pronouns_mirrors_first_and_second_person(said: str, played_back: str) -> None:
    assert L.swap_pronouns(said) == played_back


@pytest.mark.parametrize("said", ["he was late", "she was the lead", "it was fine", "they said it was hard"])
def test_was_stays_was_when_the_subject_is_not_i(said: str) -> None:
    assert L.swap_pronouns(said) == said


def test_swap_pronouns_keeps_punctuation_and_other_words_verbatim() -> None:
    said = "Honestly, I love my job -- 100% (mostly)!"
    assert L.swap_pronouns(said) == "Honestly, you love your job -- 100% (mostly)!"


def test_swap_pronouns_mid_sentence_you_is_lower_case() -> None:
    out = L.swap_pronouns("Honestly, I'm tired and I'm bored")
    assert out == "Honestly, you're tired and you're bored"


def test_was_becomes_were_after_i_with_an_adverb_between() -> None:
    assert L.swap_pronouns("I really was frustrated") == "you really were frustrated"


def test_bare_you_is_left_alone_as_documented() -> None:
    # "you" is ambiguous (subject or object, mentee or coach), so swap_pronouns leaves it as is
    assert L.swap_pronouns("you helped me") == "you helped you"
    assert L.swap_pronouns("can you help") == "can you help"


# ---------------------------------------------------------------- trim_hedges


@pytest.mark.parametrize(
    ("said", "trimmed"),
    [
        ("I think I just like making things easier for people", "I like making things easier for people"),
        ("I really really love it", "I love it"),
        ("basically I want to run the team", "I want to run the team"),
        ("maybe I could try", "I could try"),
        ("Well, I guess that's it", "that's it"),
        ("I kind of want to lead", "I want to lead"),
        ("I sort of enjoy mentoring", "I enjoy mentoring"),
        ("um, I suppose that I want more say", "I want more say"),
        ("I want to lead", "I want to lead"),  # nothing to trim
    ],
)
def test_trim_hedges(said: str, trimmed: str) -> None:
    assert L.trim_hedges(said) == trimmed


def test_trim_hedges_never_leaves_double_spaces_or_edge_commas() -> None:
    out = L.trim_hedges("so, I basically just kind of want, you know, more freedom")
    assert "  " not in out
    assert not out.startswith((",", " ")) and not out.endswith((",", " "))
    assert "more freedom" in out


def test_trim_hedges_handles_a_hedge_followed_by_a_comma() -> None:
    assert L.trim_hedges("Honestly, I kind of want to lead") == "I want to lead"


# ---------------------------------------------------------------- gerund


@pytest.mark.parametrize(
    ("phrase", "noun_phrase"),
    [
        ("run the platform team", "running the platform team"),
        ("be a lead", "being a lead"),
        ("get promoted", "getting promoted"),
        ("lie down", "lying down"),
        ("swim", "swimming"),
        ("make things easier", "making things easier"),
        ("manage people", "managing people"),
        ("teach", "teaching"),
    ],
)
def test_gerund(phrase: str, noun_phrase: str) -> None:
    assert L.gerund(phrase) == noun_phrase


@pytest.mark.parametrize("phrase", ["", "   "])
def test_gerund_of_nothing_is_returned_unchanged(phrase: str) -> None:
    assert L.gerund(phrase) == phrase


# ---------------------------------------------------------------- drop_time


@pytest.mark.parametrize(
    ("phrase", "kept"),
    [
        ("run the platform team one day", "run the platform team"),
        ("be a lead in 5 years", "be a lead"),
        ("be a tech lead within the next two years", "be a tech lead"),
        ("get promoted next year", "get promoted"),
        ("lead eventually", "lead"),
        ("start a company someday", "start a company"),
        ("manage people in a few years", "manage people"),
        ("be senior in a couple of years", "be senior"),
        ("be a director, long-term", "be a director"),
        ("run the team at some point", "run the team"),
        ("run the team", "run the team"),  # no time words: unchanged
    ],
)
def test_drop_time(phrase: str, kept: str) -> None:
    assert L.drop_time(phrase) == kept


# ---------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I want to lead. I love helping people! Why? Because.",
         ["I want to lead.", "I love helping people!", "Why?", "Because."]),
        ("Dr. Smith is my boss. He is great.", ["Dr. Smith is my boss.", "He is great."]),
        ("I earn $3.50 an hour. That is low.", ["I earn $3.50 an hour.", "That is low."]),
        ("one sentence without a stop", ["one sentence without a stop"]),
        ("  padded  ", ["padded"]),
        ("", []),
        ("   \n\t ", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert L.sentences(text) == expected


def test_sentences_lose_no_words() -> None:
    text = "I started as a tester. Then I moved to backend work! Now? I mentor two juniors and I love it."
    assert L.words(" ".join(L.sentences(text))) == L.words(text)


def test_sentences_survive_odd_unicode() -> None:
    text = "Je veux diriger. 我想成为负责人。 أريد أن أقود! \u202eodd\u202c text."
    parts = L.sentences(text)
    assert parts and all(p.strip() == p and p for p in parts)


# ---------------------------------------------------------------- quote


def test_quote_short_text_is_verbatim_without_final_punctuation() -> None:
    assert L.quote("I want to lead the platform team!") == "I want to lead the platform team"


def test_quote_folds_whitespace() -> None:
    assert L.quote("  I   want\n to lead!  ") == "I want to lead"


@pytest.mark.parametrize("limit", [12, 30, 90])
def test_quote_cuts_long_text_at_a_word_boundary(limit: int) -> None:
    text = "I love working on the hardest problems because it keeps me from getting bored every single day"
    q = L.quote(text, limit=limit)
    assert q.endswith("…")
    body = q[:-1]
    assert len(body) <= limit
    assert text.startswith(body)
    # cut at a word boundary: the next character in the original is a space
    assert text[len(body)] == " "


def test_quote_drops_trailing_comma_before_the_ellipsis() -> None:
    q = L.quote("one two, three four five six", limit=9)
    assert q == "one two…"


@pytest.mark.parametrize(
    "phrase", ["a role where I'm not firefighting", "more money", "the final say on how we work",
               "work that fits around pick-up at 3pm"],
)
def test_gerund_leaves_a_noun_phrase_alone(phrase: str) -> None:
    # "a role…" once came back as "aaing role…", "more money" as "moring money"
    assert L.gerund(phrase) == phrase
    assert not L.is_verb_phrase(phrase)


def test_trim_hedges_keeps_i_think_when_it_carries_the_meaning() -> None:
    assert L.trim_hedges("it means I'm not as good as I think") == "it means I'm not as good as I think"
    assert L.trim_hedges("it was better than I thought") == "it was better than I thought"


def test_trim_hedges_folds_a_repeated_intensifier() -> None:
    assert L.trim_hedges("Getting really, really good at something") == "Getting good at something"


@pytest.mark.parametrize("text, n", [
    ("that's the bit I'd miss. being the one who's there.", 2),  # a lower-case writer's next sentence
    ("ok. not about promotion either, before you ask.", 1),  # a lone "ok" leads into what follows
    ("i work at st. marys hospital. its fine", 2),
    ("we met at 5 p.m. and talked", 1),
])
def test_lower_case_sentences_are_found(text: str, n: int) -> None:
    assert len(L.sentences(text)) == n, L.sentences(text)
