"""coach/analyze/hearing.py and its parts: what a listener hears before choosing words.

The speech act, claims with holder, polarity and modality, feelings that are the mentee's own, life events,
language and form — on messy text, the way people type (HEARING.md), not only clean sentences.
"""

from __future__ import annotations

import pytest

from coach.analyze import claims, langid
from coach.analyze.feelings import event, feelings
from coach.analyze.hearing import correction_content, hear, request_phrase
from coach.types import Act, Kind


@pytest.mark.parametrize(
    ("text", "kinds", "after", "act"),
    [
        ("Could you just list what I need to do to make lead?", [Kind.QUESTION], "deepen", Act.REQUEST_STEPS),
        ("how do i get promoted", [], "deepen", Act.REQUEST_STEPS),
        ("just tell me what to do", [Kind.ADVICE_REQUEST], "deepen", Act.REQUEST_ADVICE),
        ("Is it stupid to retrain at 45?", [Kind.QUESTION], "deepen", Act.REQUEST_OPINION),
        ("That is not it, you have misunderstood me.", [], "reflect", Act.CORRECTION),
        ("No, that's not what I meant. It's about the work itself.", [Kind.DENY], "deepen", Act.CORRECTION),
        ("You're not listening. I said informatics, not IT support.", [], "deepen", Act.CORRECTION),
        ("you're not listening to me at all", [], "deepen", Act.COMPLAINT),
        ("oh great, another 'what motivates you' exercise. can't wait.", [], "", Act.COMPLAINT),
        ("are you a bot?", [Kind.QUESTION], "deepen", Act.QUESTION_COACH),
        ("what's the point of all these questions", [], "deepen", Act.QUESTION_COACH),
        ("hi how are you", [], "", Act.SMALL_TALK),
        ("Thanks. That helped a bit, actually.", [], "deepen", Act.SMALL_TALK),
        ("I'm not going to go into it. It was bad.", [], "deepen", Act.BOUNDARY),
        ("My dad passed away in the spring and work has felt pointless since.", [], "", Act.DISCLOSURE),
        ("I just got the staff promotion!!", [], "", Act.DISCLOSURE),
        ("I want to be a staff engineer someday.", [], "", Act.STATEMENT),
    ],
)
def test_speech_act(text, kinds, after, act):
    assert hear(text, kinds, after=after).act is act


def test_a_correction_needs_a_playback_to_correct():
    # the first message of a session corrects nothing
    assert hear("No, that's not what I meant.", [Kind.DENY], after="").act is not Act.CORRECTION


def test_what_was_asked_and_what_was_put_in_place():
    assert request_phrase("Could you just list what I need to do to make lead?") == "list what I need to do to make lead"
    assert correction_content("No, that's not what I meant. It's not about the team, it's about the work itself.") \
        .startswith("It's not about the team")
    assert correction_content("That is not it, you have misunderstood me.") == ""


# ---------------------------------------------------------------- claims: whose, whether, how sure


@pytest.mark.parametrize(
    ("text", "holder", "obj"),
    [
        ("My wife thinks I should go back to school for a law degree.", "my wife", "going back to school for a law degree"),
        ("My manager wants me in sales", "my manager", "being in sales"),
        ("My director wants me to take the Berlin role.", "my director", "taking the Berlin role"),
        ("Everyone keeps telling me to get an MBA", "everyone", "getting an MBA"),
        ("My manager says you should always ask for more money", "my manager", "always asking for more money"),
        ("Sarah thinks I'm wasting my talent", "Sarah", "wasting my talent"),
    ],
)
def test_someone_elses_want_is_theirs(text, holder, obj):
    found = claims.others(text)
    assert found and found[0].holder == holder and found[0].object == obj


def test_a_fact_about_someone_else_is_not_their_want_for_the_mentee():
    assert claims.others("My boss said no") == []


@pytest.mark.parametrize(
    ("text", "denied", "instead"),
    [
        ("This isn't about a bigger paycheck.", "a bigger paycheck", None),
        ("It's not the money, it's the hard problems.", "the money", "the hard problems"),
        ("It was never about the title. It's about the people I work with.", "the title", "the people I work with"),
        ("It's less about the title, honestly. I just want people to know what I did.", "the title", "people knowing what I did"),
        ("Not the title, the judgement.", "the title", "the judgement"),
        ("Money second.", "Money", None),
    ],
)
def test_what_is_denied_and_what_is_put_in_its_place(text, denied, instead):
    found = claims.denied(text)
    assert [c.object for c in found if c.polarity < 0] == [denied]
    assert [c.object for c in found if c.polarity > 0][:1] == ([instead] if instead else [])


def test_denial_themes_name_the_motivation_denied():
    assert claims.denied("I'm not doing this for the money, honestly.")[0].theme == "compensation"
    assert claims.denied("This isn't about a bigger paycheck.")[0].theme == "compensation"


def test_a_clause_with_not_is_not_always_a_denial():
    assert claims.denied("More pay but I'd be in meetings, not with the residents.") == []
    assert claims.denied("it's not working anymore") == []
    assert claims.denied("I think the thing for me is turning a kid onto something they thought wasn't for them.") == []


@pytest.mark.parametrize(
    ("text", "obj"),
    [
        ("I don't want to manage people.", "managing people"),
        ("I don't want partnership. I've never wanted it.", "partnership"),
        ("I think I don't want to run meetings.", "running meetings"),
    ],
)
def test_a_want_refused(text, obj):
    found = [c for c in claims.refused(text) if c.polarity < 0]
    assert found and found[0].object == obj


def test_refusing_the_opposite_of_a_motivation_is_that_motivation_and_losing_is_keeping():
    kept = claims.refused("I don't want to be micromanaged anymore.")
    assert kept and kept[0].polarity > 0 and kept[0].theme == "autonomy"
    assert claims.refused("Being a safe person for a kid. I don't want to lose that, whatever job I do.") == []


@pytest.mark.parametrize(
    ("text", "winner", "loser"),
    [
        ("I enjoy teaching new hires more than fixing bugs.", "teaching new hires", "fixing bugs"),
        ("I'd rather build things than manage people", "building things", "managing people"),
        ("It's less about the money and more about feeling respected", "feeling respected", "the money"),
        ("It's more fear than maths, if you see what I mean.", "fear", "maths"),
    ],
)
def test_comparisons_credit_the_winner(text, winner, loser):
    found = claims.compared(text)
    assert found and (found[0].object, found[0].beats) == (winner, loser)


def test_comparing_people_is_not_a_preference():
    assert claims.compared("My wife would like that, frankly more than I would.") == []


def test_hypotheticals_keep_their_condition():
    c = claims.hypothetical("If I had a year off I'd build a boat.")
    assert c is not None and c.modality == "hypothetical" and c.object == "building a boat" and c.condition == "I had a year off"
    assert claims.hypothetical("I built a boat last year.") is None


@pytest.mark.parametrize(
    ("text", "obj", "theme"),
    [
        ("Honestly the reorg has me scared I'll end up with a smaller salary.", "ending up with a smaller salary", "compensation"),
        ("I'm worried the merger will cost me my bonus.", "losing my bonus", "compensation"),
        ("scared stiff honestly. cant aford to start at the bottom of somethin new with a mortgage", None, "compensation"),
        ("What scares me most is telling my kids we can't do the things we promised.", None, None),
    ],
)
def test_fear_of_loss_is_a_fear(text, obj, theme):
    found = claims.feared(text)
    assert found and found[0].modality == "fear"
    if obj:
        assert found[0].object == obj
    if theme:
        assert found[0].theme == theme


def test_someone_elses_fear_is_not_the_mentees():
    text = "the part i still love is teaching the new grads, they come in terrified and 6 months later theyre running a trauma bay"
    assert claims.feared(text) == [] and feelings(text) == []
    assert feelings("My wife is worried sick") == []
    assert [f.name for f in feelings("I am worried")] == ["worry"]


# ---------------------------------------------------------------- feelings, events, form


def test_feelings_carry_their_words_and_a_negated_one_is_not_shown():
    f = feelings("I'm so tired of this, honestly exhausted")
    assert {x.name for x in f} >= {"exhaustion"} and all(x.text for x in f)
    assert feelings("I'm not worried about it") == []


def test_shouting_is_heard_as_feeling_and_calmed_before_it_is_played_back():
    from coach.language import swap_pronouns

    h = hear("THEY GAVE THE OPS MANAGER JOB TO A 26 YEAR OLD WITH AN MBA WHO HAS NEVER DRIVEN A FORKLIFT", [])
    assert [f.name for f in h.feelings] == ["frustration"] and h.event == "bad_news"
    assert swap_pronouns("I KNOW EVERY DOCK DOOR IN THAT BUILDING") == "you know every dock door in that building"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("My dad passed away in the spring and work has felt pointless since.", "loss"),
        ("I got into the funded master's in public health!! I found out this morning.", "good_news"),
        ("I got the offer from Pentagram!!!", "good_news"),
        ("I was laid off on Tuesday.", "bad_news"),
        ("I got into it because I wanted to answer questions nobody could answer.", ""),
    ],
)
def test_life_events(text, kind):
    assert event(text)[0] == kind


@pytest.mark.parametrize(
    ("text", "language", "mixed", "english"),
    [
        ("Quiero ser manager porque I like helping people grow", "es", True, "I like helping people grow"),
        ("Je veux être manager mais I don't know if I am ready", "fr", True, "I don't know if I am ready"),
        ("mujhe manager banna hai kyunki I love helping my team", "hi", True, "I love helping my team"),
        ("Ich möchte Teamleiter werden, weil ich gerne Menschen helfe", "de", False, ""),
        ("my jefe is driving me crazy lately honestly", "en", False, ""),
        ("Stairs mostly. Curved ones.", "en", False, ""),
    ],
)
def test_language_and_the_english_part_of_a_mix(text, language, mixed, english):
    read = langid.read_language(text)
    assert (read.language, read.mixed) == (language, mixed)
    if english:
        assert read.english == english


def test_markup_is_stripped_with_the_script_inside_it(tmp_path):
    from coach.analyze.clean import clean

    c = clean("My review said <b>needs improvement</b> <script>alert('hi')</script> and I am upset")
    assert c.markup and "alert" not in c.text and "needs improvement" in c.text


def test_a_long_paste_is_a_paste():
    review = "Here's my review:\n\nOverall rating: Meets Expectations\nStrengths: Reliable, accurate.\n" \
             "Areas for development: Needs more executive presence.\nManager comments: A dependable member of the team."
    assert hear(review, [], lines=6).long
    assert not hear("I want to be a staff engineer someday.", []).long


def test_the_focus_is_the_sentence_about_them_not_a_question():
    h = hear("My team is great. Honestly I'm exhausted and I don't know why. What do you think?", [])
    assert "exhausted" in h.focus
