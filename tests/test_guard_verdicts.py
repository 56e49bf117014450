"""Crisp verdict and counselling-advice forms the guard's rules know (coach/guard/rules/judgment.toml and
advice.toml, issue 14, fourth round), each beside the played-back forms that share its words.

Positives are checked with the rules alone (COACH_GUARD_DETECTOR=off), so each row tests a rule and not
the learned detector; the played-back negatives are checked with the shipped guard, detector included,
since that is what a coach's reflection has to get past. Written from how English states a verdict, not
from the data the guard is graded on.
"""

from __future__ import annotations

import pytest

from coach.guard import check


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_GUARD_DETECTOR", "off")


# ------------------------------------------------------------------ judgment: positives (rules alone)
VERDICTS = [
    # any subject: a mistake, a waste, naive, a cop-out ...
    "Here's what I think: moving to Tokyo is a mistake.",
    "Moving to Tokyo is a mistake.",
    "I reckon the startup is a bad idea.",
    "An MBA would be a waste of money.",
    "Law would be a waste of your talent.",
    "Going freelance this year is naive.",
    "Staying is a cop-out.",
    "Not applying is just lazy.",
    "Sulking about the reorg is childish.",
    "Quitting without savings is reckless.",
    "Turning down the promotion is selfish.",
    "A second degree at this point seems pointless.",
    "You're unsure, but staying would be a huge mistake.",
    "That would be a mistake.",
    "It'd be a waste to quit now.",
    "It would be foolish to turn it down.",
    # the mentee told how they are being
    "You're being too picky.",
    "You're being soft.",
    "You're being dramatic.",
    "You're too emotional about this.",
    "You're overthinking it.",
    "You're kidding yourself.",
    "You're wasting your time there.",
    "You're selling yourself short.",
    # not a real job, the moment gone, age
    "That's not a real job.",
    "Influencer isn't a proper career.",
    "It's a hobby, not a career.",
    "That ship has sailed.",
    "You've missed the boat on that one.",
    "It's too late to retrain.",
    "At your age, retraining is a big gamble.",
    "A PhD at your age is pointless.",
    # predictions of failure and regret
    "You'll regret it.",
    "I think you'd regret leaving.",
    "You won't last a month there.",
    "It's never going to work.",
    "It'll never work.",
    "You'll never make it in sales.",
    "They're not going to promote you.",
    # rhetorical questions, sighs, disappointment, relief
    "Why on earth would you leave now?",
    "What were you thinking?",
    "How could you turn that down?",
    "Who in their right mind quits in this market?",
    "Since when is quitting a plan?",
    "What's the point of a master's now?",
    "Sigh. Yet another career change?",
    "Here we go again.",
    "I'm a bit disappointed, to be honest.",
    "I expected more from you.",
    "Thank god you got out of there.",
    "Good riddance to that job.",
    "Best thing you ever did, leaving that place.",
]


@pytest.mark.parametrize("text", VERDICTS)
def test_verdict_forms_are_judgment_by_rule(text: str, rules_only: None) -> None:
    v = check(text)
    assert "judgment" in v.labels, (text, v)
    assert not v.ok


# ------------------------------------------------------------------ judgment: played back (full guard)
PLAYED_BACK = [
    ("You're worried it would be a mistake.", ""),
    ("You're worried that leaving would be a mistake.", ""),
    ("Your dad called it a waste of your degree.", ""),
    ("Your dad thinks teaching would be a waste of your degree.", ""),
    ("Your sister's verdict: it's naive.", ""),
    ("Your dad put it bluntly: teaching is a waste of your degree.", ""),
    ("It feels foolish to you.", ""),
    ("Maybe the hardest part is that it feels foolish.", ""),
    ("You said it was unrealistic.", ""),
    ("Leaving would be a mistake, in your eyes.", ""),
    ("Turning it down wasn't a mistake, as you see it.", ""),
    ("What would make it a mistake for you?", ""),
    ("What would make leaving a mistake, in your eyes?", ""),
    ("The worry is that it's a mistake.", ""),
    ("Part of you is convinced that staying is a cop-out.", ""),
    ("You feel that leaving is a mistake.", ""),
    ("You're afraid you'll regret it.", ""),
    ("You're afraid you'd regret it.", ""),
    ("You worry you're wasting your time.", ""),
    ("You're afraid of being selfish.", ""),
    ("You've been told you're too picky.", ""),
    ("Some part of you thinks that ship has sailed.", ""),
    ("You wonder whether it's too late.", ""),
    ("Your manager says you'll never last in sales.", ""),
    ("You're scared it'll never work.", ""),
    ("It doesn't feel like a real job to your parents.", ""),
    ("What does starting over at your age mean to you?", ""),
    ("What's the point of the job for you?", ""),
    ("Wanting more money isn't selfish.", ""),
    # the mentee's own verdict, said back to them
    ("Moving to Tokyo is a mistake.", "Honestly? Moving to Tokyo is a mistake. I know it."),
    ("You're wasting your time there.", "I'm wasting my time there and I know it."),
]


@pytest.mark.parametrize(("text", "mentee"), PLAYED_BACK)
def test_played_back_verdicts_are_not_judgment(text: str, mentee: str) -> None:
    v = check(text, mentee_text=mentee)
    assert "judgment" not in v.labels, (text, v)


def test_a_regret_tied_to_not_acting_still_pushes() -> None:
    # "You'll regret it if you don't" pushes toward the act (advice); "You won't regret taking the leap"
    # sells it. A bare "You'll regret it" predicts (judgment), and is no longer read as advice.
    assert "advice" in check("You'll regret it if you don't go.").labels
    assert "advice" in check("You won't regret taking the leap.").labels
    assert "advice" not in check("You'll regret it.").labels


def test_a_suggestion_rated_good_is_advice_not_judgment() -> None:
    for text in ("It's a good idea to talk to HR first.", "It would be wise to wait until after the review."):
        v = check(text)
        assert "advice" in v.labels and "judgment" not in v.labels, (text, v)


# ------------------------------------------------------------------ advice: counselling style (rules alone)
COUNSELLING_ADVICE = [
    "Would it be ok if I shared what others have done?",
    "Would it be okay if I shared what's worked for other people in your spot?",
    "Can I offer a couple of ideas?",
    "Would you like to hear what's worked for other people?",
    "Other people I've worked with have tried writing a letter to their future self.",
    "Some clients have had luck with a phased return.",
    "There are a few directions people go from here: some retrain, some go part-time, some wait a year.",
    "Your options are: stay, retrain, or wait.",
    "As I see it, you've got three options.",
    "I wonder if you could ask for a trial period.",
    "I wonder whether a conversation with your manager might clear the air.",
    "I'm wondering if it might be worth speaking to HR.",
    "Something to consider is an internal move.",
    "It tends to help to sleep on it before you reply.",
    "Going part-time might be worth considering.",
    "A sabbatical could be worth exploring.",
    "Might be an idea to ring them.",
    "The research suggests that people who set a date follow through more often.",
    "In my experience, people who negotiate get more.",
    "A lot of people in that situation go back and ask for feedback.",
]


@pytest.mark.parametrize("text", COUNSELLING_ADVICE)
def test_counselling_advice_forms_are_advice_by_rule(text: str, rules_only: None) -> None:
    v = check(text)
    assert "advice" in v.labels, (text, v)


NOT_ADVICE = [
    "Would it be ok if I shared what I'm hearing?",
    "Can I tell you what I heard?",
    "I wonder if you could say more about that.",
    "I wonder if you might be feeling left out.",
    "I wonder if the job might be the problem.",
    "I wonder what it would be like for you to lead.",
    "Some people have tried to talk you out of it.",
    "Other people have found it hard too.",
    "Something to think about: what does success look like for you?",
    "You're wondering whether it might be worth a try.",
    "You mentioned the course might be worth a look.",
    "It sounds like your options are narrowing.",
    "Your options feel narrower than they did.",
    "What might be worth exploring?",
]


@pytest.mark.parametrize("text", NOT_ADVICE)
def test_reflections_and_questions_near_those_forms_are_not_advice(text: str) -> None:
    v = check(text)
    assert "advice" not in v.labels and "judgment" not in v.labels, (text, v)


# ------------------------------------------------------------------ praise idioms and ratings (rules alone)
RATINGS = [
    "You should be really proud of that.",
    "That's a big step up, you should be proud.",
    "Cracking job on the launch.",
    "Top work, honestly.",
    "Bang on.",
    "Your CV is honestly pretty weak.",
    "Your experience really undersells you.",
    "That's an ambitious timeline.",
    "Your topic is too broad.",
]


@pytest.mark.parametrize("text", RATINGS)
def test_praise_idioms_and_ratings_are_judgment_by_rule(text: str, rules_only: None) -> None:
    v = check(text)
    assert "judgment" in v.labels, (text, v)


@pytest.mark.parametrize(
    "text",
    ["Your manager said your CV is weak.", "You worry your experience is too thin.", "It feels too soon to you.",
     "You feel you should be proud, but you're not.", "Top of your list is the pay.",
     "It sounds like you're torn between the safe choice and the exciting one.",
     "The idea that it could be a waste seems to weigh on you.", "You're right on the edge of deciding."],
)
def test_ratings_played_back_or_neutral_are_not_judgment(text: str) -> None:
    v = check(text)
    assert "judgment" not in v.labels and "advice" not in v.labels, (text, v)


def test_should_be_proud_is_praise_not_an_instruction() -> None:
    assert "advice" not in check("You should be really proud of that.").labels


def test_too_early_to_tell_is_no_rule_verdict(rules_only: None) -> None:
    # "too early" rates a plan's timing; "too early to tell" only declines to guess
    assert "judgment" not in check("It's too early to tell.").labels
    assert "judgment" in check("It's too early to be thinking about a PhD.").labels
