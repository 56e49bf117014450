"""Plain data that flows through one turn: analyze -> policy -> realize -> guard -> store.

Nothing here does work; every module passes these values along. They are dataclasses with
`to_dict()` so the store, the CLI's `--json` and the UI can serialize them the same way.

What the store keeps and the guard says (Session, Turn, SummaryItem, ShareLevel, Evidence, Verdict,
GuardEvent, ...) lives in coach/records.py and is re-exported here: import either from `coach.types`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from coach.records import (
    Draft,
    Evidence,
    GuardEvent,
    MemoryHit,
    Session,
    SessionInfo,
    ShareLevel,
    SummaryItem,
    Turn,
    Verdict,
    as_dict,
)

__all__ = [
    # the turn's own data (here)
    "Motivation", "Kind", "Act", "Claim", "Feeling", "Hearing", "Move", "Cue", "MotivationHit", "Analysis",
    "hearing_from_dict", "Plan", "Reply",
    # re-exported from coach/records.py
    "as_dict", "ShareLevel", "Evidence", "Verdict", "GuardEvent", "Draft", "Turn", "Session", "SummaryItem",
    "SessionInfo", "MemoryHit",
]


class Motivation(StrEnum):
    """The seed's eight motivations beneath a career goal."""

    INFLUENCE = "influence"
    AUTHORITY = "authority"
    RECOGNITION = "recognition"  # prestige / acknowledgement / appreciation / status
    GROWTH = "growth"  # growth & mastery
    AUTONOMY = "autonomy"
    MEANING = "meaning"  # doing something meaningful
    COMPENSATION = "compensation"  # and the safety / family needs behind it
    NEXT_RUNG = "next_rung"  # guessing: just pick the next rung on the ladder


class Kind(StrEnum):
    """What kind of statement a mentee message is (multi-label)."""

    GOAL = "goal"
    MOTIVATION = "motivation"
    BEDROCK = "bedrock"
    FEELING = "feeling"
    QUESTION = "question"  # a question to the coach (e.g. for information)
    ADVICE_REQUEST = "advice_request"
    LOW_EFFORT = "low_effort"
    CRISIS = "crisis"
    CRISIS_CHECK = "crisis_check"  # "i cant do it anymore": distress that may be about the job or about living
    CRISIS_CLEARED = "crisis_cleared"  # "I'm safe, I meant the job", said after the crisis lines
    INJECTION = "injection"
    EXPERIMENT = "experiment"  # the mentee names something they could try
    AFFIRM = "affirm"  # "yes, that's it" after a playback
    DENY = "deny"  # "no, not really"
    SHAME = "shame"  # embarrassment about money, ambition, leaving
    LEAVING = "leaving"  # wanting to leave the company / start own business
    CLOSING = "closing"  # "that's all for today", "this was useful"
    GOODBYE = "goodbye"  # "thanks mate. gonna go visit mum": thanks and a way out, no wrap-up asked for
    PRIVACY = "privacy"  # a question about who will see this
    NOT_ENGLISH = "not_english"
    EMPTY = "empty"


class Act(StrEnum):
    """What kind of thing a message is, as a listener hears it (one per message: the one that decides
    the reply). A request is not a statement; a correction changes what the coach believes."""

    STATEMENT = "statement"  # telling, answering
    REQUEST_ADVICE = "request_advice"  # "what should I do?", "just tell me"
    REQUEST_STEPS = "request_steps"  # "could you list what I need to do…", "give me a plan"
    REQUEST_OPINION = "request_opinion"  # "what do you think?", "is it bad that…?", "am I crazy?"
    QUESTION_COACH = "question_coach"  # "are you a bot?", "what's the point of these questions?"
    COMPLAINT = "complaint"  # about the coach: "you're not listening"
    CORRECTION = "correction"  # of the coach's last playback: "that's not what I meant"
    CONFIRMATION = "confirmation"  # "yes, exactly"
    DISAGREEMENT = "disagreement"  # "no, not really"
    SMALL_TALK = "small_talk"  # "hi", "how are you?"
    BOUNDARY = "boundary"  # "I'm not going to go into it": a limit, respected
    LOW_EFFORT = "low_effort"  # "idk", "whatever", "🤷"
    DISCLOSURE = "disclosure"  # a feeling, a loss, good or bad news, said first
    CRISIS = "crisis"
    INJECTION = "injection"


@dataclass(slots=True)
class Claim:
    """One thing said about a want, a value or a situation — with whose it is and whether it holds.

    "It's not about the money" is a claim about money with polarity -1; "my wife thinks I should go
    back to school" is a claim whose holder is "my wife"; "if I won the lottery I'd build boats" is
    hypothetical. Everything in `text`, `object` and `beats` is the mentee's own words."""

    text: str  # the clause as said
    start: int = 0  # span in the analysed text
    end: int = 0
    holder: str = "self"  # "self", or who else holds it, as said ("my wife", "my manager")
    polarity: int = 1  # -1: denied or refused
    modality: str = "fact"  # fact | want | hypothetical | fear | preference | value
    verb: str = ""  # the verb carrying it (lemma): want, think, love, matter…
    object: str = ""  # what it is about, in their words: "a law degree", "the money"
    beats: str = ""  # a comparison's losing side: "fixing bugs" in "teaching more than fixing bugs"
    condition: str = ""  # a hypothetical's "if": "I had a year off"
    result: str = ""  # a hypothetical's "then", as said: "I'd finally be able to buy a house"
    content: str = ""  # someone else's view as said after its verb: "I'm a natural leader"
    theme: str = ""  # a Motivation value the object names, when it names one ("the money" -> compensation)


@dataclass(slots=True)
class Feeling:
    """A feeling the mentee showed, with the words that carry it. Named back only with this evidence."""

    name: str  # grief, fear, worry, anger, frustration, hurt, shame, guilt, exhaustion, sadness, stuck,
    # loneliness, boredom, confusion, pride, joy, relief, excitement, gratitude
    valence: int  # -1 | +1
    intensity: float  # 0..1
    text: str  # the words that carry it
    about: str = ""  # what it is about, when said ("I'll end up with a smaller salary")


@dataclass(slots=True)
class Hearing:
    """What a listener hears in one message before choosing words (DESIGN.md "analyze")."""

    act: Act = Act.STATEMENT
    claims: list[Claim] = field(default_factory=list)
    feelings: list[Feeling] = field(default_factory=list)
    event: str = ""  # a life event said: loss | good_news | bad_news | ""
    event_text: str = ""  # the words of it ("my dad passed away in the spring")
    request: str = ""  # what was asked for, in their words ("list what I need to do to make lead")
    correction: str = ""  # what the mentee put in place of the misread ("it's about the work itself")
    focus: str = ""  # the clause most worth reflecting: most self-reference and feeling
    heart: dict[str, float] = field(default_factory=dict)  # each sentence -> log-odds it carries the point (analyze/heart.py)
    about: str = ""  # a short noun phrase of theirs the focus is about ("the driver trainer post"); "" when none is clean
    pointed: str = ""  # the moment a pointer holds up ("…filling it in himself. i live for that"), their words (analyze/pointing.py)
    pointer: str = ""  # the sentence that holds it up ("i live for that")
    ironic: bool = False  # a sarcastic tag ("Living the dream.", "which is very sweet"): no value, feeling or passion read in it
    language: str = "en"  # ISO 639-1 of the message
    mixed: bool = False  # two languages in one message
    english: str = ""  # the part in English, when mixed
    pasted: str = ""  # someone else's text they pasted ("Got this from my boss:" …), whitespace squashed
    markup: bool = False
    code: bool = False
    long: bool = False  # a long paste (a review, a job ad)

    def denied(self) -> list[Claim]:
        return [c for c in self.claims if c.polarity < 0 and c.holder == "self"]

    def others(self) -> list[Claim]:
        return [c for c in self.claims if c.holder != "self"]


class Move(StrEnum):
    """The coach's next move, chosen by the policy."""

    OPEN = "open"  # ground rules: what this is, what stays private
    REFLECT = "reflect"  # reflection only, no question
    DEEPEN = "deepen"  # reflect + a subtle "why"
    CONFIRM_BEDROCK = "confirm_bedrock"
    LOTTERY = "lottery"
    ENTAIL = "entail"  # "what do you think that job entails?"
    INFLUENCE_AUTHORITY = "influence_authority"
    PASSION = "passion"
    SWEET_SPOT = "sweet_spot"
    ASSUMPTION = "assumption"
    EXPERIMENT = "experiment"
    NORMALIZE = "normalize"  # money / ambition / leaving without shame
    ADVICE_REQUEST = "advice_request"
    LOW_EFFORT = "low_effort"  # a new angle
    CRISIS = "crisis"
    RECALL = "recall"  # play back an earlier statement from memory
    CLARIFY = "clarify"  # empty / unreadable / non-English input
    PRIVACY = "privacy"  # "will my manager see this?": answer it plainly, then hand back
    ACKNOWLEDGE = "acknowledge"  # a loss, good or bad news, a strong feeling: met first, before any career question
    CORRECT = "correct"  # "that's not what I meant": take the correction, then their words
    TRANSPARENCY = "transparency"  # a question or complaint about the coach: an honest answer about the coach
    SUMMARIZE = "summarize"
    CLOSE = "close"


class Cue(StrEnum):
    """What the policy saw that shapes the words of a move (the realizers read this, never `reason`)."""

    NONE = ""
    CRISIS_CHECK = "crisis_check"  # "i cant do it anymore": asked plainly whether it is about living, lines given
    CRISIS_CLEARED = "crisis_cleared"  # "I'm safe — I meant the job": care stands down, lines still offered
    BEDROCK_CONFIRMED = "bedrock_confirmed"  # a bedrock was just confirmed (or named by the mentee)
    BEDROCK_DENIED = "bedrock_denied"  # the candidate was turned down: ask for their own words
    AGREED = "agreed"  # "yeah" to a reflection: ladder on from it
    STALLED = "stalled"  # the ladder stalled: a new technique
    INFO_REQUEST = "info_request"  # "what does a staff engineer do?": their own picture first
    OPEN_FUTURE = "open_future"  # "I don't know what's next": what the lottery question is for
    AGAIN = "again"  # a second playback in one session
    WRAP_UP = "wrap_up"  # the mentee is wrapping up
    WANDER = "wander"  # "sorry, I'm rambling"
    INJECTION = "injection"  # an attempt to rewrite the coach's instructions
    REQUEST_STEPS = "request_steps"  # asked for steps or a plan
    REQUEST_OPINION = "request_opinion"  # asked for a verdict or an opinion
    OTHERS_VIEW = "others_view"  # someone else's want or view, voiced by the mentee
    DENIED = "denied"  # "it's not about the money": what it isn't, and what it is if said
    FEAR = "fear"  # fear of losing something (not ambition for more)
    COMPARISON = "comparison"  # "X more than Y": the winner, with the loser in view
    HYPOTHETICAL = "hypothetical"  # "if I won the lottery…"
    FEELING = "feeling"  # a feeling shown: named, with its evidence
    LOSS = "loss"  # grief: presence first
    GOOD_NEWS = "good_news"  # warmth first
    BAD_NEWS = "bad_news"  # a setback: met first
    LONG_PASTE = "long_paste"  # a pasted review or ad: acknowledge, reflect its heart, ask which part matters
    MIXED_LANGUAGE = "mixed_language"  # reflect only the English part, say plainly coaching is in English
    COMPLAINT = "complaint"  # "you're not listening"
    ABOUT_COACH = "about_coach"  # "are you a bot?"
    SMALL_TALK = "small_talk"  # "hi, how are you?"
    BOUNDARY = "boundary"  # "I'd rather not go into it"
    EXPLICIT_BEDROCK = "explicit_bedrock"  # "X has mattered to me my whole life": played back for confirmation at once


@dataclass(slots=True)
class MotivationHit:
    motivation: Motivation
    confidence: float
    evidence: Evidence


@dataclass(slots=True)
class Analysis:
    """What the mentee said, as the analyzer read it."""

    text: str  # the cleaned message the analysis is about
    kinds: list[Kind] = field(default_factory=list)
    motivations: list[MotivationHit] = field(default_factory=list)
    bedrock_score: float = 0.0  # 0..1: how much this sounds like a core need / belief / interest
    energy: float = 0.0  # 0..1: excitement in the message
    energy_cues: list[str] = field(default_factory=list)  # e.g. "exclamation", "intensifier: love"
    sentiment: float = 0.0  # VADER compound, -1..1
    topic: str = ""  # a short noun phrase the message is about, in the mentee's words
    bedrock_text: str = ""  # the sentence that sounded most like bedrock
    goal: str = ""  # the goal phrase, when the message states one
    roles: list[str] = field(default_factory=list)  # jobs named ("head of design")
    notes: list[str] = field(default_factory=list)  # e.g. "truncated from 100000 chars"
    hearing: Hearing = field(default_factory=Hearing)  # speech act, claims, feelings, language

    def has(self, kind: Kind) -> bool:
        return kind in self.kinds

    @property
    def top_motivation(self) -> Motivation | None:
        return self.motivations[0].motivation if self.motivations else None

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Analysis":
        d = dict(d)
        d["kinds"] = [Kind(k) for k in d.get("kinds", [])]
        d["motivations"] = [
            MotivationHit(Motivation(m["motivation"]), m["confidence"], Evidence(**m["evidence"]))
            for m in d.get("motivations", [])
        ]
        d["hearing"] = hearing_from_dict(d.get("hearing"))
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


def _known(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k in cls.__dataclass_fields__}


def hearing_from_dict(d: dict[str, Any] | None) -> Hearing:
    """A stored Hearing back as data; a turn stored before hearing existed gets an empty one."""
    if not d:
        return Hearing()
    d = _known(Hearing, d)
    try:
        d["act"] = Act(d.get("act", "statement"))
    except ValueError:
        d["act"] = Act.STATEMENT
    d["claims"] = [Claim(**_known(Claim, c)) for c in d.get("claims", [])]
    d["feelings"] = [Feeling(**_known(Feeling, f)) for f in d.get("feelings", [])]
    return Hearing(**d)


@dataclass(slots=True)
class Plan:
    """The policy's decision: which move, about what, and whether to ask a question.

    Every field is typed data the realizers read as it is. `reason` is prose for people (the UI's
    "why this reply", `chat --json`); no code may parse it: what steers the words is `move`, `cue`,
    `theme`, `target`, `motivation` and `rule`."""

    move: Move
    motivation: Motivation | None = None
    ask: bool = True  # False: a reflection-only turn
    complex: bool = False  # reflection should name the meaning underneath
    thread: str = ""  # the topic being laddered
    depth: int = 0  # ladder depth in this thread
    question_id: str = ""  # id of the bank question chosen (never repeated in a session)
    recall: "Evidence | None" = None  # for Move.RECALL: an earlier statement with its date in text
    recall_date: str = ""
    reason: str = ""  # why the policy chose this, in words (for people; never parsed)
    rule: str = ""  # the name of the policy rule that fired (coach/policy/rules/)
    cue: Cue = Cue.NONE  # what the policy saw that shapes the words
    theme: str = ""  # NORMALIZE: money | ambition | leaving
    technique: str = ""  # a seed technique the move opens: lottery | sweet_spot | experiment
    target: "Evidence | None" = None  # the span of the mentee's words the move is about
    claim: "Claim | None" = None  # the claim the reflection is built on (holder, polarity, object)

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)


@dataclass(slots=True)
class Reply:
    """What Coach.respond returns: the shown text and everything behind it."""

    text: str
    move: Move
    analysis: Analysis | None
    guard: GuardEvent | None
    latency_ms: float
    mentee_turn_id: int | None = None
    coach_turn_id: int | None = None
    notice: str = ""  # a one-line notice for the user (e.g. "model unreachable, offline voice")
    plan: Plan | None = None


