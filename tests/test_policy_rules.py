"""coach/policy/rules/: each named rule on its own — a turn it answers and a near miss it leaves to
the rules after it — and the order of the table, which is data."""

from __future__ import annotations

import inspect

import pytest

from coach.policy import Policy, rules
from coach.policy.rules import Turn
from coach.policy.state import State
from coach.types import Act, Analysis, Claim, Cue, Evidence, Feeling, Hearing, Kind, Motivation, MotivationHit, Move


def A(text: str, *kinds: Kind, act: Act = Act.STATEMENT, mot: Motivation | None = None, claims_: list[Claim] | None = None,
      feelings: list[Feeling] | None = None, event: str = "", energy: float = 0.0, sentiment: float = 0.0,
      goal: str = "", bedrock: float = 0.0, mixed: bool = False, long: bool = False) -> Analysis:
    hits = [MotivationHit(mot, 0.7, Evidence(text, 0, len(text)))] if mot else []
    h = Hearing(act=act, claims=claims_ or [], feelings=feelings or [], event=event, event_text=text if event else "",
                mixed=mixed, english=text if mixed else "", long=long)
    return Analysis(text=text, kinds=list(kinds), motivations=hits, energy=energy, sentiment=sentiment, goal=goal,
                    bedrock_score=bedrock, topic=goal or text, hearing=h)


def fire(rule, a: Analysis, state: State | None = None, pending: str = ""):
    return rule(Turn(state or State(turn=3), a, pending=pending))


# (rule, a turn it answers -> expected move, a near miss)
CASES = {
    "crisis": (A("I don't see the point in anything anymore", Kind.CRISIS), Move.CRISIS, A("this release is killing me")),
    "unreadable": (A("", Kind.EMPTY), Move.CLARIFY, A("idk", Kind.LOW_EFFORT)),
    "privacy": (A("will my manager see this?", Kind.PRIVACY), Move.PRIVACY, A("my manager sees everything", Kind.FEELING)),
    "info_request": (A("what does a staff engineer actually do?", Kind.QUESTION), Move.ENTAIL, A("what should I do?", Kind.ADVICE_REQUEST)),
    "about_coach": (A("are you a bot?", act=Act.QUESTION_COACH), Move.TRANSPARENCY, A("I build bots")),
    "complaint": (A("you're not listening", act=Act.COMPLAINT), Move.TRANSPARENCY, A("nobody listens to me")),
    "long_paste": (A("Overall rating: meets expectations...", long=True), Move.DEEPEN, A("a short message")),
    "advice_request": (A("just tell me what to do", Kind.ADVICE_REQUEST, act=Act.REQUEST_ADVICE), Move.ADVICE_REQUEST,
                       A("Is it bad that I want my boss's job?", Kind.SHAME, act=Act.REQUEST_OPINION)),
    "closing": (A("that's all for today", Kind.CLOSING), Move.SUMMARIZE, A("that's all I know")),
    "goodbye": (A("thanks mate. gonna go visit mum", Kind.GOODBYE), Move.ACKNOWLEDGE, A("thanks for asking. I'm not sure")),
    "correction": (A("No, that's not what I meant.", act=Act.CORRECTION), Move.CORRECT, A("No, not really.", Kind.DENY)),
    "own_bedrock": (A("Security for my family. That's the thing under all of it."), None, A("I like my family.")),
    "explicit_bedrock": (A("Knowing that people can rely on me has mattered to me my whole life."), Move.CONFIRM_BEDROCK,
                         A("People rely on me at work.")),
    "mixed_language": (A("I like helping people grow", mixed=True), Move.DEEPEN, A("I like helping people grow")),
    "boundary": (A("I'd rather not go into it.", act=Act.BOUNDARY), Move.ACKNOWLEDGE, A("I went into it.")),
    "small_talk": (A("hi how are you", act=Act.SMALL_TALK), Move.ACKNOWLEDGE, A("how are you meant to grow here")),
    "life_event": (A("My dad passed away in the spring.", event="loss"), Move.ACKNOWLEDGE, A("My dad was an accountant.")),
    "low_effort": (A("idk", Kind.LOW_EFFORT), Move.LOW_EFFORT, A("I don't know if I want to stay")),
    "normalize": (A("It feels shallow, but mostly I want to earn more.", Kind.SHAME, mot=Motivation.COMPENSATION),
                  Move.NORMALIZE,
                  A("The pay cut terrifies me.", mot=Motivation.COMPENSATION, feelings=[Feeling("fear", -1, 0.6, "terrifies")])),
    "passion": (A("Honestly when I talk about the hackathon I get so fired up!!", energy=0.8, sentiment=0.6), Move.PASSION,
                A("I'M SO ANGRY!!", energy=0.8, sentiment=-0.6, feelings=[Feeling("anger", -1, 0.9, "ANGRY")])),
    "experiment_named": (A("I could try running the next design review", Kind.EXPERIMENT), Move.EXPERIMENT, A("I tried it once")),
    "confirm_bedrock": (A("I just like making things easier for people", bedrock=0.9), Move.CONFIRM_BEDROCK,
                        A("I just like making things easier for people", Kind.QUESTION, bedrock=0.9)),
    "influence_authority": (A("I want to have a say in the direction of the product", mot=Motivation.INFLUENCE),
                            Move.INFLUENCE_AUTHORITY, A("I want people to be treated as people", mot=Motivation.INFLUENCE)),
    "assumption": (A("I have to become a manager to get paid more, there's no other way"), Move.ASSUMPTION,
                   A("I have to admit I'm scared of managing", feelings=[Feeling("fear", -1, 0.6, "scared")])),
}


def _rule(name):
    return getattr(rules, name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_rule_answers_its_turn_and_leaves_the_near_miss(name):
    hit, move, miss = CASES[name]
    plan = fire(_rule(name), hit, State(turn=3, goals=[{"text": "x", "turn_id": 1}]))
    assert plan is not None, f"{name} should answer {hit.text!r}"
    if move is not None:
        assert plan.move is move
    assert fire(_rule(name), miss) is None, f"{name} should leave {miss.text!r} to the rules after it"


def test_every_rule_in_the_table_has_a_case_or_a_test_of_its_own():
    covered = set(CASES) | {"bedrock_answer", "lottery_answer", "lottery_answered_unasked", "after_bedrock", "agreed", "wander",
                            "recall", "stalled", "open_future", "ladder"}
    names = {r.__name__ for r in rules.BEFORE_PENDING + rules.RULES}
    assert names <= covered, names - covered


def test_the_order_is_data_and_the_ladder_always_answers():
    assert rules.RULES[-1] is rules.ladder
    assert rules.BEFORE_PENDING[0] is rules.crisis
    assert inspect.signature(rules.ladder).return_annotation in ("Plan", rules.Plan)
    plan = rules.ladder(Turn(State(turn=1), A("I work in housing at the city council.")))
    assert plan.move in (Move.DEEPEN, Move.REFLECT)


def test_the_plan_names_the_rule_that_fired():
    plan = Policy().next_move(State(), A("you're not listening", act=Act.COMPLAINT))
    assert plan.rule == "complaint" and plan.cue is Cue.COMPLAINT


def test_bedrock_answer_yes_confirms_no_asks_for_their_words():
    cand = {"text": "making things easier for people", "turn_id": 2}
    yes = fire(rules.bedrock_answer, A("Yes, that's it.", Kind.AFFIRM), State(turn=3, candidate=dict(cand)), "confirm_bedrock")
    assert yes is not None and yes.cue is Cue.BEDROCK_CONFIRMED
    no = fire(rules.bedrock_answer, A("no, not really", Kind.DENY), State(turn=3, candidate=dict(cand)), "confirm_bedrock")
    assert no is not None and no.cue is Cue.BEDROCK_DENIED
    assert fire(rules.bedrock_answer, A("Yes, that's it.", Kind.AFFIRM), State(turn=3, candidate=dict(cand))) is None


def test_a_correction_retracts_what_the_last_playback_credited():
    s = State(turn=3, last_turn_id=4, last_motivation="compensation",
              motivations={"compensation": [{"text": "money", "turn_id": 4}], "growth": [{"text": "learn", "turn_id": 2}]})
    plan = fire(rules.correction, A("That is not it, you have misunderstood me.", act=Act.CORRECTION), s)
    assert plan.move is Move.CORRECT
    assert "compensation" not in s.motivations and "growth" in s.motivations
    assert s.retracted == [{"turn_id": 4, "motivation": "compensation"}]


@pytest.mark.parametrize(
    ("claims_", "feelings", "cue"),
    [
        ([Claim("my wife thinks I should retrain", holder="my wife", object="retraining")], [], Cue.OTHERS_VIEW),
        ([Claim("not about the money", polarity=-1, modality="value", object="the money")], [], Cue.DENIED),
        ([Claim("I don't want to manage", polarity=-1, modality="want", object="managing")], [], Cue.DENIED),
        ([Claim("scared I'll lose my bonus", modality="fear", object="losing my bonus")], [], Cue.FEAR),
        ([Claim("scared they'll think I'm lazy", modality="fear", object="them thinking you're lazy"),
          Claim("they'll think I'm lazy", holder="they", object="being lazy")], [Feeling("fear", -1, 0.5, "scared")], Cue.FEAR),
        ([Claim("teaching more than fixing bugs", modality="preference", object="teaching", beats="fixing bugs")], [], Cue.COMPARISON),
        ([Claim("if I had a year off I'd build a boat", modality="hypothetical", object="building a boat")], [], Cue.HYPOTHETICAL),
        ([], [Feeling("exhaustion", -1, 0.5, "exhausted")], Cue.FEELING),
        ([], [], Cue.NONE),
    ],
)
def test_the_angle_of_a_statement(claims_, feelings, cue):
    assert rules.angle(A("something said", claims_=claims_, feelings=feelings))[0] is cue


def test_a_question_answered_gets_a_reflection_alone_and_a_short_answer_a_question():
    s = State(turn=3, last_asked=True, last_move="deepen")
    long_answer = A("Because tech leads get to decide how things are built, and I like that a lot")
    assert rules.ladder(Turn(s, long_answer)).move is Move.REFLECT
    s = State(turn=3, last_asked=True, last_move="deepen")
    assert rules.ladder(Turn(s, A("Stairs mostly."))).move is Move.DEEPEN
