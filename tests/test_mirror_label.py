"""Mirror labels: sentence by sentence (the rule classifier), in context (echoes, simple vs complex,
a played-back 'should', advice asked for), per turn, and through the Classifier seam."""

from __future__ import annotations

import pytest

from coach import guard
from coach.mentor.mirror import Labeller, RuleClassifier, default_classifier
from coach.mentor.mirror import features as F
from coach.mentor.mirror.label import Classifier, split_sentences
from coach.mentor.mirror.moments import alternative
from coach.mentor.mirror.parse import parse
from coach.mentor.mirror.types import LABELS


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# ---------------------------------------------------------------------------- one line, no context

HITS = [
    ("What draws you to that?", "open_question"),
    ("Tell me more about the explaining part.", "open_question"),
    ("so what's been on your mind lately", "open_question"),  # speech-to-text without "?"
    ("Do you mentor all three?", "closed_question"),
    ("How many juniors are on your team?", "closed_question"),
    ("do you have savings", "closed_question"),
    ("Don't you think that is risky?", "leading_question"),
    ("You're analytical, right?", "leading_question"),
    ("Have you considered asking for a raise?", "advice"),
    ("You should talk to Fatima, she runs it.", "advice"),
    ("If I were you I'd stay in sales and go for the team lead spot.", "advice"),
    ("And work on being firmer with the Saturday team.", "advice"),
    ("i'd build up six months first before you do anything", "advice"),
    ("Drink more water.", "advice"),  # an order the guard's curated verb list does not hold
    ("Look at the numbers before you decide.", "advice"),
    ("Have a look at the internal job board.", "advice"),
    ("Why not just apply?", "advice"),
    ("Start small.", "advice"),
    ("Industry is the easy way out, frankly.", "judgment"),
    ("Bored is normal.", "judgment"),
    ("You're going to be a great lead.", "judgment"),
    ("You put a lot of care into those two, and it showed.", "affirmation"),
    ("You've got a lot of courage to look at this honestly.", "affirmation"),
    ("That says a lot about what you value.", "affirmation"),
    ("Part of you wants to stay, and part of you is ready to go.", "complex_reflection"),
    ("So it's less the title and more having your hands on the direction.", "complex_reflection"),
    ("You're not sure yet what fills the days.", "simple_reflection"),
    ("The promotion cycle is in March.", "information"),
    ("When I was a junior I moved teams twice.", "information"),
    ("Mm-hmm.", "other"),
    ("Hi Sam, thanks for making the time.", "other"),
    ("Okay, we're nearly out of time.", "other"),
    ("Sit, sit.", "other"),
]


@pytest.mark.parametrize(("line", "label"), HITS)
def test_line_gets_its_label(labeller: Labeller, line: str, label: str):
    assert label in labeller.label_lines([line])[0]


MISSES = [
    ("What could you try, small, to see if automation is for you?", "advice"),  # asks for their own options
    ("What is it about that moment when they get it right?", "leading_question"),  # "right?" is no tag here
    ("Listening to the Friday pilot.", "advice"),  # a gerund played back, not an order
    ("Good question.", "judgment"),  # a politeness, not a verdict
    ("Great, you're going to smash it.", "affirmation"),  # a prediction, not recognition
    ("You know, when I was starting out nobody did career conversations.", "simple_reflection"),
    ("I liked it, but it is my story, not yours.", "advice"),
    ("Research is interesting.", "advice"),  # a noun that can be a verb, then "is"
    ("Look, team lead means more money.", "advice"),  # "Look," opens, it does not order
    ("Imagine everyone else in the company won the lottery.", "advice"),  # an invitation
    ("Love that.", "advice"),
    ("What about the money side, how does that sit with you?", "advice"),
]


@pytest.mark.parametrize(("line", "label"), MISSES)
def test_line_does_not_get_label(labeller: Labeller, line: str, label: str):
    assert label not in labeller.label_lines([line])[0]


def test_every_label_is_from_the_vocabulary(labeller: Labeller):
    for ls in labeller.label_lines([line for line, _ in HITS + MISSES]):
        assert ls and set(ls) <= set(LABELS)


# ---------------------------------------------------------------------------- context


def test_echo_of_the_mentee_is_a_simple_reflection(labeller: Labeller):
    mentee = "There's a recommendations service nobody owns."
    assert labeller.label_lines(["A service nobody owns."], [mentee])[0] == ["simple_reflection"]
    assert labeller.label_lines(["A service nobody owns."], ["I like Fridays."])[0] != ["simple_reflection"]


def test_noun_phrase_echo_is_not_an_order(labeller: Labeller):
    mentee = "Maybe bigger ones. Network design, not only routes. Or something with the new automation."
    assert "advice" in guard.check("Network design or automation.").labels  # what the guard alone reads
    assert "advice" not in labeller.label_lines(["Network design or automation."], [mentee])[0]


def test_complex_when_the_reflection_adds_meaning(labeller: Labeller):
    mentee = "I've been on the ward six years. The night shifts are killing me."
    simple, complex_ = labeller.label_lines(
        ["You've been on the ward six years.", "You're running on empty, and it's not the patients that wear you down."],
        [mentee, mentee],
    )
    assert simple == ["simple_reflection"]
    assert complex_ == ["complex_reflection"]


def test_meaning_the_mentee_did_not_say_makes_it_complex(labeller: Labeller):
    mentee = "I'd need to run the numbers with my wife."
    line = "It sounds like you'd want to make that call together."
    assert labeller.label_lines([line], [mentee])[0] == ["complex_reflection"]


def test_named_feeling_makes_a_reflection_complex(labeller: Labeller):
    mentee = "People wait weeks for a decision on their flood claim."
    assert labeller.label_lines(["The waiting really upsets you."], [mentee])[0] == ["complex_reflection"]


def test_playback_of_the_mentees_should_is_not_advice(labeller: Labeller):
    mentee = "I keep thinking I should just quit and go freelance."
    line = "You should just quit and go freelance."
    assert "advice" in labeller.label_lines([line])[0]
    assert "advice" not in labeller.label_lines([line], [mentee])[0]


def test_summary_statements_are_reflections(labeller: Labeller):
    line = ("Let me see if I've got it. The patients aren't the problem, the pace is. "
            "You'd sit in on an induction week. Is that close?")
    labels = labeller.label_lines([line], ["I'd sit in on an induction week with Priti."])[0]
    assert "complex_reflection" in labels and "closed_question" in labels and "information" not in labels


def test_you_statement_inside_advice_is_part_of_the_steer(labeller: Labeller):
    line = "If I were you I'd stay in sales and go for the team lead spot. You've got the numbers for it."
    assert labeller.label_lines([line], ["Maybe team lead? Or marketing."])[0] == ["advice"]


def test_turn_behaviour_and_advice_asked(labeller: Labeller):
    tr = parse("Leila: What do you think I should say to Dana about it?\n"
               "Greg: Tell her you want it. Be direct.\n"
               "Leila: Okay.\n"
               "Greg: Have you thought about the leadership course? The company pays for it.\n"
               "Leila: I didn't know.\n"
               "Greg: So it's the money that worries you. What would change if it didn't?\n")
    turns = labeller.label(tr, "Greg")
    assert [t.role for t in turns] == ["mentee", "mentor"] * 3
    assert all(t.labels == [] and t.behaviour is None for t in turns if t.role == "mentee")
    advice, course, reflect = (t for t in turns if t.role == "mentor")
    assert advice.labels == ["advice"] and advice.advice_asked and advice.behaviour == "input"
    assert set(course.labels) == {"leading_question", "advice"} and not course.advice_asked
    assert course.behaviour == "input"  # a suggestion dressed as a question is input
    assert reflect.behaviour == "question" and "open_question" in reflect.labels
    for t in (advice, course, reflect):
        assert {e.label for e in t.evidence} == set(t.labels)
        assert all(e.words and e.reason for e in t.evidence)


def test_split_sentences_keeps_titles_and_quotes():
    assert split_sentences('Dr. Smith said "go." Then she left. Why?') == ['Dr. Smith said "go."', "Then she left.", "Why?"]
    assert split_sentences("no punctuation at all here") == ["no punctuation at all here"]


# ---------------------------------------------------------------------------- the Classifier seam


class FakeDetector:
    """Stands in for coach.guard.detector: the same classify(texts) signature, scripted scores."""

    def __init__(self, scores: dict[str, dict[str, float]]) -> None:
        self.scores = scores
        self.sent: list[list[str]] = []

    def classify(self, texts: list[str]) -> list[dict[str, float]]:
        self.sent.append(list(texts))
        return [self.scores[t] for t in texts]


def test_a_detector_with_the_protocol_plugs_in():
    det = FakeDetector({
        "Take the job.": {"advice": 0.93, "information": 0.2},
        "It pays more.": {"information": 0.8},
        "You'd keep designing.": {"information": 0.3, "simple_reflection": 0.45},
        "What pulls you there?": {"open_question": 0.88},
    })
    assert isinstance(det, Classifier)
    lab = Labeller(det)
    tr = parse("Chris: I'm not sure about the offer.\nElena: Take the job. It pays more.\nChris: I'd keep designing.\n"
               "Elena: You'd keep designing.\nChris: Yes.\nElena: What pulls you there?\n")
    turns = lab.label(tr, "Elena")
    assert det.sent == [["Take the job.", "It pays more.", "You'd keep designing.", "What pulls you there?"]]
    assert turns[1].labels == ["advice"]  # a short statement beside the advice backs it up
    assert turns[3].labels == ["simple_reflection"]  # under the threshold everywhere: the best score wins
    assert turns[5].labels == ["open_question"]
    ev = turns[1].evidence[0]
    assert ev.label == "advice" and "0.93" in ev.reason  # no explain(): the score is the reason


def test_a_classifier_returning_the_wrong_count_is_an_error():
    class Broken:
        def classify(self, texts: list[str]) -> list[dict[str, float]]:
            return []

    with pytest.raises(ValueError, match="0 results for 1 sentences"):
        Labeller(Broken()).label(parse("A: Hi?\nB: Yo.\n"), "A")


def test_default_classifier_is_the_rule_classifier():
    assert isinstance(default_classifier(), RuleClassifier)
    scores = RuleClassifier().classify(["What draws you to that?"])[0]
    assert set(scores) == set(LABELS) and max(scores, key=scores.get) == "open_question"


# ---------------------------------------------------------------------------- suggested lines stay guard-clean


@pytest.mark.parametrize("key", sorted(F.cues().why))
def test_every_why_question_is_guard_clean(key: str):
    q = F.cues().why[key]
    v = guard.check(q)
    assert v.ok and v.questions == 1 and "open_question" in v.labels, (q, v)


@pytest.mark.parametrize("q", [q for qs in F.cues().rewrite.values() for q in qs])
def test_every_rewrite_question_is_guard_clean(q: str):
    v = guard.check(q)
    assert v.ok and v.questions == 1, (q, v)


@pytest.mark.parametrize(
    "mentee",
    [
        "I keep thinking I should just quit and go freelance.",
        "I'm not sure he likes me much.",
        "Honestly, you know, I don't know. Should I take it?",
        "I love the patients, but the night shifts are killing me and I never finish anything properly.",
        "",
    ],
)
@pytest.mark.parametrize("asked", [False, True])
def test_alternatives_are_guard_clean(mentee: str, asked: bool):
    line, labels = alternative(mentee, asked=asked)
    v = guard.check(line, mentee_text=mentee)
    assert v.ok and v.questions == 1, (line, v)
    assert not {"advice", "judgment"} & set(labels)
