"""The bedrock summary says only what its quotes support, and leaves out nothing stated plainly: each general form a
blind reader found wrong, in words no conversation of the corpus used."""

from __future__ import annotations

import re

import pytest

from coach.mentor.summary.asides import is_aside, is_stable_pointer
from summary_data import summary_items


def _lines(items) -> list[str]:
    return [f"{i.kind} [{i.motivation}]: {i.text} " + " ".join(f"«{q.text}»" for q in i.quotes) for i in items]


# ------------------------------------------------------------------------------------------------ asides


@pytest.mark.parametrize("sentence", [
    "Let me guess, you're going to ask where I'll be in ten years.",
    "I bet you're going to tell me to follow my passion.",
    "I quite like a clear set of orders now and then, haha",
    "honestly I'd work weekends for free lol",
    "sorry, my grammar goes when I'm tired",
    "desculpa, I write fast",
    "Living the dream.",
])
def test_an_aside_is_recognised(sentence):
    assert is_aside(sentence)


@pytest.mark.parametrize("sentence", [
    "I want get promotion to senior but my English not good so I not speak in meeting.",
    "I like being trusted with the hard cases.",
    "I want to run the night shift.",
])
def test_a_statement_is_not_an_aside(sentence):
    assert not is_aside(sentence)


@pytest.mark.parametrize("sentence", [
    "That's always been it for me.",
    "I've needed that in every job I've had.",
    "always been like that.",
    "Has been like that since I was about twelve, fixing bikes in the shed.",
    "That feeling is why I do this at all.",
    "This is me, in any country.",
])
def test_a_stable_pointer_is_recognised(sentence):
    assert is_stable_pointer(sentence)


@pytest.mark.parametrize("sentence", [
    "It's always raining here.",
    "been doing it since i was 19",
    "I've always hated spreadsheets.",
])
def test_a_duration_or_a_habit_is_not_a_stable_pointer(sentence):
    assert not is_stable_pointer(sentence)


# ------------------------------------------------------------------------------------------------ the summary


@pytest.mark.parametrize(("messages", "bad"), [
    # sarcasm or a guess at the coach is never a goal
    (["Let me guess, you're going to ask me where I see myself in ten years.", "Fine. Honestly I just want a quiet life."],
     r"^goal.*(ten years|guess)"),
    # a throwaway, flagged by its laugh, is never bedrock or a motive
    (["no, not freedom exactly. I like being told what to do sometimes, ha. It's that the idea is mine."],
     r"told what to do"),
    # an apology for their English is never where the energy rose
    (["I GOT THE JOB!!! 🎉", "sorry my english go crazy when I'm excited 😂"], r"^passion.*english"),
    # a fact of an offer is no motive: what is on offer is not what drives them
    (["Been offered a permanent post teaching at the college. Salary, pension, the lot. I should be pleased."],
     r"^motivation \[compensation\]"),
    # a fear about what a move does is not meaning, nor bedrock, nor a value in their words
    (["I love the workshop.", "Managing full time means the workshop becomes a hobby. Weekends."],
     r"^(bedrock|motivation \[meaning\])"),
    (["Teaching full time means the wheel becomes a hobby. Weekends. I've seen it happen to everyone."], r"hobby"),
    # an interest said once is a motivation, not bedrock
    (["my mum said i have to do this", "she wants me in accounts like her", "what i actually like is drawing. comics mostly, i post them"],
     r"^bedrock.*drawing"),
    # the losing side of "more than" is not credited
    (["more than the salary, i want to be proud of what i ship"], r"^motivation \[compensation\]"),
    # a windfall's plan is not a value, a goal turned down is not a goal
    (["If I won the lottery I'd quit on the spot."], r"quit"),
    (["Not that I want to leave the NHS. I just want better rotas."], r"^goal.*NHS"),
    (["If I could I'd retire tomorrow, but I can't."], r"^goal.*retir"),
])
def test_what_the_quote_does_not_support_gives_no_item(store, messages, bad):
    lines = [ln for ln in _lines(summary_items(store, *messages)) if not ln.startswith("open_question")]
    assert not [ln for ln in lines if re.search(bad, ln.split("«")[0], re.I)], lines


@pytest.mark.parametrize(("messages", "kind", "words"), [
    # a wanted change in their working life is a goal, stated plainly
    (["Fine. I want to stop doing the weekend on-call. That's the whole plan."], "goal", "on-call"),
    (["no, I never said I don't want to retire. I do. I want to retire in three years, not this one."], "goal", "retir"),
    (["so I am thinking primary teacher, here in Leeds. part time course first."], "goal", "primary teacher"),
    (["I'd rather have my own van with my name on it than a foreman's job."], "goal", "own van"),
    # the lottery question answered: what they would still do is what matters
    (["If I won the lottery tomorrow I'd still be in the workshop by seven."], "motivation", "workshop"),
    (["if money wasnt a thing id paint murals for every school on my road"], "motivation", "murals"),
    # a focus put as "it's that…"
    (["its not the money honestly, its like £900 more. its that the director said my name at the all-hands."],
     "motivation", "name"),
    # bedrock named by a pointer: the content is what it points at, never the pointer alone
    (["Kitchens that don't need anyone to shout. Yeah. I've wanted that in every job I've had."], "bedrock", "shout"),
    (["The first week is when a new starter decides if they belong. Someone has to be there for that. "
      "I've always wanted to be that someone, since I was a kid."], "bedrock", "new starter"),
    (["Since I small, na to fix people car be my thing."], "bedrock", "fix"),
    (["no no, they see me. I mean I'm the one who holds the whole family together."], "bedrock", "holds the whole family"),
    (["Making boring forms understandable. For anyone. That's what I'm actually good for."], "bedrock", "forms understandable"),
])
def test_what_is_said_plainly_is_an_item(store, messages, kind, words):
    items = summary_items(store, *messages)
    hits = [i for i in items if i.kind == kind and words.lower() in (i.text + " ".join(q.text for q in i.quotes)).lower()]
    assert hits, _lines(items)
    for q in hits[0].quotes:
        assert any(q.text in m for m in messages)


def test_a_pointer_alone_is_never_the_quote(store):
    items = summary_items(store, "Kitchens that don't need anyone to shout. Yeah. I've wanted that in every job I've had.")
    for i in items:
        if i.kind == "bedrock":
            assert any("Kitchens" in q.text for q in i.quotes), _lines(items)


def test_a_bedrock_item_is_tagged_only_with_a_motivation_its_quote_names(store):
    items = summary_items(store, "Keeping the buses running for people who can't afford a car. That's always been it.")
    bedrock = [i for i in items if i.kind == "bedrock"]
    assert bedrock, _lines(items)
    assert all(i.motivation is None for i in bedrock), _lines(items)  # "can't afford" is not compensation


def test_a_motive_named_in_words_keeps_the_clause_that_names_it(store):
    items = summary_items(store, "Right I'll be straight with you, it IS about the money.")
    # (tagged compensation when the analyzer's score clears 0.5, which sits at its margin on some installs
    # (0.475 with onnxruntime 1.32): the item itself, said plainly, is what must be there)
    comp = [i for i in items if i.kind == "motivation" and i.motivation in ("compensation", None) and "money" in i.text]
    assert comp, _lines(items)
    assert "straight" not in comp[0].text and "money" in comp[0].text


@pytest.mark.parametrize(("message", "words"), [
    ("Should I apply for the head of year job?", "head of year"),
    ("The plan is to go freelance by next summer.", "freelance"),
    ("I've got an interview for the deputy manager post on Friday.", "deputy manager"),
    ("I'm doing my level 3 so I can become a senior carer.", "senior carer"),
    ("I'm leaving in June to retrain as a plumber.", "plumber"),
    ("Next step for me is charge nurse.", "charge nurse"),
    ("Deputy head. That's what I'm aiming for.", "deputy head"),
    ("I'm torn between staying and going for the team lead role.", "team lead"),
    ("I want out of retail. Something with animals.", "out of retail"),
    ("want to get into UX. been doing courses at night", "into ux"),
    ("Looking to move into project management next year.", "project management"),
    ("Aiming for head of department by 40.", "head of department"),
    ("My dream is to open a cafe.", "cafe"),
    ("Honestly, partner. I want partner.", "partner"),
    ("I put in for the transfer to Leeds.", "transfer to leeds"),
    ("Staff engineer. Maybe principal one day.", "principal"),
])
def test_a_goal_said_without_i_want_is_a_goal(store, message, words):
    items = summary_items(store, message)
    goals = [i for i in items if i.kind == "goal"]
    assert any(words in i.text.lower() for i in goals), _lines(items)
    assert not any(i.kind == "bedrock" and words in i.text.lower() for i in items), _lines(items)


@pytest.mark.parametrize("message", [
    "My manager's plan is to make me team lead.",
    "I'm not going for the team lead role.",
    "Next step is a meeting with HR on Monday.",
    "I've got an interview for the dentist on Friday.",
    "If I could I'd retrain as a chef.",
    "My wife wants me to retrain as a teacher.",
])
def test_someone_elses_plan_a_denial_or_an_errand_is_no_goal(store, message):
    items = summary_items(store, message)
    assert not [i for i in items if i.kind == "goal"], _lines(items)


@pytest.mark.parametrize(("message", "words"), [
    ("What keeps me going is the patients.", "patients"),
    ("I get a kick out of fixing things nobody else can.", "fixing things"),
    ("I'm happiest when I'm out on site.", "out on site"),
    ("For me it's about the team.", "the team"),
    ("I do it for the kids.", "the kids"),
    ("It matters to me that people are treated fairly.", "treated fairly"),
    ("I'm proud of the apprentices I've trained.", "apprentices"),
    ("when the patient goes home walking thats the best feeling", "goes home walking"),
    ("For me the important thing is the people.", "the people"),
    ("The team is everything to me.", "the team"),
])
def test_what_matters_said_without_i_want_is_a_value(store, message, words):
    items = summary_items(store, message)
    assert any(i.kind in ("motivation", "bedrock") and words in i.text for i in items), _lines(items)


@pytest.mark.parametrize("message", ["Nothing matters anymore.", "It's about time.", "choosing what matters is hard."])
def test_a_phrase_that_names_nothing_is_no_value(store, message):
    items = summary_items(store, message)
    assert not [i for i in items if i.kind == "motivation" and re.search(r"In your words: (?:nothing|time|choosing what)\b", i.text)], \
        _lines(items)


def test_a_maybe_is_a_direction_weighed_not_a_goal_decided(store):
    items = summary_items(store, "plumbins all i know", "maybe teachin at the trade college. never thought of it til now")
    goals = [i.text for i in items if i.kind == "goal"]
    assert any(g.startswith("A direction you're weighing") and "trade college" in g for g in goals), _lines(items)


def test_a_fact_of_the_job_is_not_what_matters(store):
    items = summary_items(store, "Community midwife 22 years.", "They want me on the bereavement post.")
    assert not [i for i in items if i.kind in ("motivation", "bedrock") and "22 years" in i.text], _lines(items)
