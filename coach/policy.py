"""policy: which move next. A small, explicit state machine over the moves in DESIGN.md.

Priority, first match wins:

    crisis ─► CRISIS (and stays there: no coaching after a crisis disclosure)
    empty / unreadable / other language ─► CLARIFY
    injection, advice request ─► ADVICE_REQUEST (transparent, question handed back)
    waiting for a bedrock confirmation:  yes ─► next technique (confirmed) · no ─► DEEPEN (new angle)
    waiting for a lottery answer with a role named ─► ENTAIL
    idk / fine / one word ─► LOW_EFFORT (a new angle each time)
    shame, money, leaving ─► NORMALIZE (once per theme)
    high energy ─► PASSION (once)
    bedrock-like answer after some laddering ─► CONFIRM_BEDROCK
    the mentee names an experiment ─► EXPERIMENT
    influence/authority evidenced ─► INFLUENCE_AUTHORITY (once)
    an assumption ("have to", "the only way") ─► ASSUMPTION (once)
    an earlier statement from memory fits ─► RECALL (at most once a session)
    ladder stalled or thread done ─► next technique (lottery, sweet spot, experiment)
    otherwise ─► DEEPEN: reflect, and every so often reflect only (no question)

The state is plain data (saved as JSON with the session), so a resumed session continues where it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coach import lexicon
from coach.types import Analysis, Evidence, Kind, Motivation, Move, Plan, as_dict

STRONG = 0.5  # a motivation the coach names back must be this clear; weaker tags only feed the summary
CONFIRM_AT = 0.65  # bedrock score that earns a confirmation after laddering
CONFIRM_AT_ONCE = 0.85  # ... or right away
STALL_DEPTH = 4  # deepen this many times on a thread without bedrock -> change technique

# What the mentee's words mean (curated cues) lives in coach/data/policy.toml [policy], each noted there;
# compiled once, at import.
_ASSUMPTION = lexicon.regex("policy", "assumption")
_INFO = lexicon.regex("policy", "info_request")
_YES = lexicon.regex("policy", "yes")
_NO = lexicon.regex("policy", "no")
_SELF_BEDROCK = lexicon.regex("policy", "self_bedrock")
_SELF_BEDROCK_IS = lexicon.regex("policy", "self_bedrock_is")
_JOBISH = lexicon.regex("policy", "jobish")
_OPEN_FUTURE = lexicon.regex("policy", "open_future")
_LOTTERY_LEAD = lexicon.regex("policy", "lottery_lead")
_PERSONAL = lexicon.regex("policy", "personal")
_WANT_JOB = lexicon.regex("policy", "want_job")
_CLOSING_THOUGHT = lexicon.regex("policy", "closing_thought")
_THE_LOTTERY = lexicon.regex("policy", "the_lottery")
_LEAVING = lexicon.regex("policy", "leaving")
_WANDER = lexicon.regex("policy", "wander")
_LEADERSHIP = lexicon.regex("policy", "leadership")


@dataclass
class State:
    turn: int = 0  # mentee turns so far
    thread: str = ""  # what is being laddered, in the mentee's words
    depth: int = 0  # ladder depth in this thread
    asked: list[str] = field(default_factory=list)  # question ids / normalized question texts asked
    used: list[str] = field(default_factory=list)  # reflection frames and lines used (no repeats)
    done: list[str] = field(default_factory=list)  # techniques used: lottery, entail, passion, ...
    pending: str = ""  # what the last coach turn waits for: confirm_bedrock | lottery | ""
    candidate: dict[str, Any] | None = None  # bedrock candidate awaiting confirmation
    bedrock_candidates: list[dict[str, Any]] = field(default_factory=list)
    bedrock_confirmed: list[dict[str, Any]] = field(default_factory=list)
    motivations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> quotes
    goals: list[dict[str, Any]] = field(default_factory=list)
    energy_topics: list[dict[str, Any]] = field(default_factory=list)
    experiments: list[dict[str, Any]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    reflections: int = 0
    complex_reflections: int = 0
    questions: int = 0
    last_move: str = ""
    last_asked: bool = False
    reflect_only_turns: int = 0
    low_effort_streak: int = 0
    advice_requests: int = 0
    crisis: bool = False
    recalls: int = 0

    def to_dict(self) -> dict[str, Any]:
        return as_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "State":
        if not d:
            return cls()
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


def _ev(e: Evidence, turn_id: int | None) -> dict[str, Any]:
    return {"text": e.text, "start": e.start, "end": e.end, "turn_id": turn_id}


class Policy:
    def next_move(
        self,
        state: State,
        a: Analysis,
        *,
        turn_id: int | None = None,
        recall: dict[str, Any] | None = None,
    ) -> Plan:
        state.turn += 1
        self._record(state, a, turn_id)
        plan = self._choose(state, a, recall)
        if state.candidate is not None and state.candidate.get("turn_id") is None:
            state.candidate["turn_id"] = turn_id
        state.last_move = plan.move.value
        if plan.move in (Move.DEEPEN, Move.REFLECT):
            state.thread = plan.thread or state.thread
        return plan

    # -- bookkeeping: what the mentee has said, for summaries and the side panel --------------
    def _record(self, s: State, a: Analysis, turn_id: int | None) -> None:
        for hit in a.motivations:
            quotes = s.motivations.setdefault(hit.motivation.value, [])
            if all(q["text"] != hit.evidence.text for q in quotes):
                quotes.append(_ev(hit.evidence, turn_id) | {"confidence": hit.confidence})
        if a.goal:
            s.goals.append({"text": a.goal, "turn_id": turn_id})
        if a.energy >= 0.5:
            s.energy_topics.append({"text": a.text[:160], "turn_id": turn_id, "cues": a.energy_cues})
        if a.has(Kind.EXPERIMENT):
            s.experiments.append({"text": a.text[:200], "turn_id": turn_id})
        for r in a.roles:
            if r not in s.roles:
                s.roles.append(r)

    def _choose(self, s: State, a: Analysis, recall: dict[str, Any] | None) -> Plan:
        top = a.top_motivation if a.motivations and a.motivations[0].confidence >= STRONG else None
        if s.crisis or a.has(Kind.CRISIS):
            s.crisis = True
            s.pending = ""
            return Plan(Move.CRISIS, ask=False, reason="crisis disclosure: care, not coaching")
        if a.has(Kind.EMPTY) or a.has(Kind.NOT_ENGLISH):
            return Plan(Move.CLARIFY, ask=True, reason="nothing readable to reflect")
        if a.has(Kind.PRIVACY) and not a.has(Kind.INJECTION):
            return Plan(Move.PRIVACY, reason="a question about who will see this: answer it plainly")
        if a.has(Kind.QUESTION) and _INFO.search(a.text) and not a.has(Kind.INJECTION):
            s.done.append("entail")
            return Plan(Move.ENTAIL, motivation=top, reason="information request: their own picture of it")
        if a.has(Kind.INJECTION) or a.has(Kind.ADVICE_REQUEST):
            s.advice_requests += 1
            s.low_effort_streak = 0
            why = "injection attempt" if a.has(Kind.INJECTION) else "advice request"
            return Plan(Move.ADVICE_REQUEST, motivation=top, reason=why)

        if a.has(Kind.CLOSING):
            s.pending = ""
            again = "summarize" in s.done
            s.done.append("summarize")
            return Plan(Move.SUMMARIZE, ask=False,
                        reason="the mentee is wrapping up: play back what was heard" + (" again" if again else ""))

        own = self._self_named_bedrock(a)
        if own and s.pending != "lottery":
            s.pending, s.candidate = "", None
            cand = {"text": own, "turn_id": None, "score": max(a.bedrock_score, 0.9), "own_words": True}
            s.bedrock_candidates.append(cand)
            s.bedrock_confirmed.append(cand)
            s.thread, s.depth = "", 0
            return self._next_technique(s, a, confirmed=True)

        pending, s.pending = s.pending, ""
        if pending == "confirm_bedrock" and s.candidate:
            yes = (a.has(Kind.AFFIRM) or _YES.search(a.text)) and not _NO.search(a.text)
            if yes and len(a.text.split()) <= 20:
                s.bedrock_confirmed.append(s.candidate)
                s.candidate = None
                s.thread, s.depth = "", 0
                return self._next_technique(s, a, confirmed=True)
            if a.has(Kind.DENY) or _NO.search(a.text) or a.has(Kind.LOW_EFFORT):
                s.candidate = None
                s.depth = max(1, s.depth - 1)
                return Plan(Move.DEEPEN, motivation=top, thread=s.thread, depth=s.depth, complex=False,
                            reason="bedrock candidate not confirmed: ask for their own words")
            # an answer that is neither yes nor no: treat it as more material on the same thread
        if pending == "lottery" and self._answers_lottery(a):
            s.done.append("entail")
            return Plan(Move.ENTAIL, motivation=top, reason="lottery answered: what would that job entail?")
        if ("entail" not in s.done and (_THE_LOTTERY.search(a.text) or "lottery" in s.done and re.search(r"\bnot\b", a.text, re.I))
                and self._role_first(a)):
            # "If everyone resigned? The head of design." — answered before it was asked, or a turn or two after
            s.done += ["lottery", "entail"]
            return Plan(Move.ENTAIL, motivation=top, reason="lottery answered: what would that job entail?")

        if a.has(Kind.LOW_EFFORT) and not (a.has(Kind.AFFIRM) and s.last_move == Move.REFLECT.value):
            s.low_effort_streak += 1
            return Plan(Move.LOW_EFFORT, reason=f"low-effort answer #{s.low_effort_streak}: a new angle")
        s.low_effort_streak = 0

        if a.has(Kind.AFFIRM) and s.last_move == Move.REFLECT.value and len(a.text.split()) <= 4:
            if s.depth >= STALL_DEPTH and self._lottery_fits(s, a, confirmed=False):
                s.thread, s.depth = "", 0  # a long thread, closed with a "yeah": the natural pause for a new angle
                return self._next_technique(s, a, confirmed=False)
            s.depth += 1
            return Plan(Move.DEEPEN, motivation=top, thread=s.thread, depth=s.depth,
                        reason="agreed with a reflection: ladder on")

        if _WANDER.search(a.text) and len(a.text.split()) <= 14 and "wander" not in s.done:
            s.done.append("wander")
            s.thread, s.depth = "", 0
            return Plan(Move.DEEPEN, motivation=None, thread="", depth=0, reason="apology for wandering: no need, find the thread")

        theme = self._shame_theme(a)
        if theme and f"normalize:{theme}" not in s.done:
            s.done.append(f"normalize:{theme}")
            return Plan(Move.NORMALIZE, motivation=top, thread=a.topic or s.thread, reason=f"normalize {theme}")

        if recall and s.recalls == 0 and s.turn >= 2 and a.motivations:
            s.recalls += 1
            return Plan(Move.RECALL, motivation=top, recall=Evidence(recall["text"], turn_id=recall.get("turn_id")),
                        recall_date=recall.get("date", ""), reason="an earlier statement fits")

        if a.energy >= 0.5 and "passion" not in s.done:
            s.done.append("passion")
            return Plan(Move.PASSION, motivation=top, complex=True, reason="energy: " + ", ".join(a.energy_cues))

        if (a.has(Kind.EXPERIMENT) and s.done.count("experiment_named") < 2
                and s.last_move != Move.EXPERIMENT.value):  # their answer to "what would you hope to learn?" is not a new experiment
            s.done.append("experiment_named")
            return Plan(Move.EXPERIMENT, motivation=top, reason="the mentee named an experiment")

        if self._bedrock_ready(s, a):
            cand = {"text": (a.bedrock_text or a.text)[:240], "turn_id": None, "score": a.bedrock_score}
            s.candidate = cand
            s.bedrock_candidates.append(cand)
            s.pending = "confirm_bedrock"
            return Plan(Move.CONFIRM_BEDROCK, motivation=top, complex=True, depth=s.depth,
                        reason=f"bedrock score {a.bedrock_score:.2f} at depth {s.depth}")

        if (
            "influence_authority" not in s.done
            and s.turn >= 2
            and (top in (Motivation.INFLUENCE, Motivation.AUTHORITY) or (a.goal and _LEADERSHIP.search(a.goal)))
        ):
            s.done.append("influence_authority")
            return Plan(Move.INFLUENCE_AUTHORITY, motivation=top, complex=True, reason="influence vs authority")

        if s.turn >= 3 and "assumption" not in s.done and _ASSUMPTION.search(a.text) and len(a.text.split()) >= 5:
            s.done.append("assumption")
            return Plan(Move.ASSUMPTION, motivation=top, reason="an assumption to expose")

        if s.depth >= STALL_DEPTH:
            s.thread, s.depth = "", 0
            if a.sentiment < -0.2 or a.has(Kind.FEELING) or a.has(Kind.SHAME):
                # never switch to a new technique right after something painful: stay with it
                s.reflect_only_turns += 1
                return Plan(Move.REFLECT, motivation=top, ask=False, complex=True, reason="staying with a hard moment")
            if self._lottery_fits(s, a, confirmed=False) or self._pause(a):
                return self._next_technique(s, a, confirmed=False)
            # they just said something new: follow it (a fresh thread), not a technique as filler
            s.thread, s.depth = a.goal or a.topic, 0

        if (self._lottery_fits(s, a, confirmed=False) and _OPEN_FUTURE.search(a.text) and s.turn >= 2
                and a.sentiment >= -0.2 and not a.has(Kind.QUESTION)):
            # "I just don't know what's next": the future is open, which is what the lottery question is for
            s.done.append("lottery")
            s.pending = "lottery"
            return Plan(Move.LOTTERY, motivation=top, reason="the future is open: the lottery question")

        # Default: ladder. New goal -> new thread.
        if a.goal and a.goal != s.thread:
            s.thread, s.depth = a.goal, 0
        s.depth += 1
        substantive = top is not None or len(a.text.split()) >= 8
        reflect_only = (
            substantive
            and s.turn >= 2
            and s.last_asked
            and s.last_move != Move.REFLECT.value
            and s.reflect_only_turns * 5 < s.turn * 2  # about two turns in five
        )
        if reflect_only:
            s.reflect_only_turns += 1
            return Plan(Move.REFLECT, motivation=top, ask=False, complex=True, thread=s.thread or a.topic,
                        depth=s.depth, reason="a reflection alone, to let it land")
        return Plan(Move.DEEPEN, motivation=top, thread=s.thread or a.topic, depth=s.depth,
                    complex=top is not None and not a.goal, reason=f"ladder depth {s.depth}")

    @staticmethod
    def _self_named_bedrock(a: Analysis) -> str:
        """ "Security for my family. That's the thing under all of it." — the mentee names their own
        bedrock; it is theirs, so it is recorded as confirmed in their words."""
        m = _SELF_BEDROCK_IS.search(a.text)
        if m:
            return (m.group("x") or m.group("y")).strip()
        if not _SELF_BEDROCK.search(a.text):
            return ""
        sents = [x.strip() for x in re.split(r"(?<=[.!?])\s+", a.text) if x.strip()]
        content = [x for x in sents if not _SELF_BEDROCK.search(x) and not re.fullmatch(r"\W*(yes|yeah|yep|exactly|right|true)\W*", x, re.I)]
        if not content:
            return ""
        x = re.sub(r"^\W*(yes|yeah|yep|exactly|right)[,.!]?\s*", "", content[-1], flags=re.I).rstrip(".!")
        return x if len(x.split()) >= 1 and len(x) >= 4 else ""

    @staticmethod
    def _answers_lottery(a: Analysis) -> bool:
        """Only a reply that plausibly names a seat they'd take (or refuse) is an answer: a role said up
        front as a short noun phrase ("The head of design. Not finance, ever."), or a job wanted or
        refused ("I'd take my skip-level's job"). "The CFO thanked me in the all-hands" names a role
        but is a story about the CFO, not a seat the mentee would take."""
        if Policy._role_first(a):
            return True  # "The head of design", "Probably my skip-level's job", "Head of product"
        return bool((_JOBISH.search(a.text) or a.roles) and _WANT_JOB.search(a.text))

    @staticmethod
    def _role_first(a: Analysis) -> bool:
        """The reply opens with a seat, said as a short noun phrase: "Honestly? The head of analytics." """
        text = a.text.strip()
        first = re.split(r"[.,;!?:—–]|\s-\s", _LOTTERY_LEAD.sub("", text), maxsplit=1)[0].strip()
        words = first.split()
        named = bool(_JOBISH.search(first) or any(r.lower() in first.lower() for r in a.roles))
        return named and 1 <= len(words) <= 6 and not _PERSONAL.search(first)

    @staticmethod
    def _shame_theme(a: Analysis) -> str:
        mots = {h.motivation for h in a.motivations}
        if a.has(Kind.SHAME):
            if Motivation.COMPENSATION in mots and lexicon.any_match(lexicon.group("motivation_keywords", "compensation"), a.text):
                return "money"
            if a.has(Kind.LEAVING) or _LEAVING.search(a.text):
                return "leaving"
            return "ambition"
        if a.has(Kind.LEAVING):  # "thinking about leaving", "an offer from another company": the analyzer's [kinds] leaving
            return "leaving"
        if (Motivation.COMPENSATION in mots and a.motivations[0].motivation is Motivation.COMPENSATION
                and lexicon.any_match(lexicon.group("motivation_keywords", "compensation"), a.text)):
            return "money"  # named in so many words, not just close in meaning
        return ""

    @staticmethod
    def _bedrock_ready(s: State, a: Analysis) -> bool:
        if a.has(Kind.QUESTION) or a.has(Kind.GOAL) and a.bedrock_score < CONFIRM_AT_ONCE:
            return False
        if any(c["text"] == (a.bedrock_text or a.text)[:240] for c in s.bedrock_confirmed):
            return False
        if a.sentiment < -0.3:
            return False  # "I hate watching people struggle" is felt first: reflect the feeling, then ladder
        if a.bedrock_score >= CONFIRM_AT_ONCE and s.turn >= 2:
            return True
        return a.bedrock_score >= CONFIRM_AT and s.depth >= 1

    @staticmethod
    def _pause(a: Analysis) -> bool:
        """A natural pause: a short agreement that closes a thought ("Yeah, pretty much."), not a short
        answer that opens one ("Being seen." can be the most important thing said all session)."""
        return (len(a.text.split()) <= 5 and not a.has(Kind.QUESTION) and a.energy < 0.5 and a.sentiment > -0.05
                and bool(a.has(Kind.AFFIRM) or _CLOSING_THOUGHT.match(a.text)))

    def _lottery_fits(self, s: State, a: Analysis, *, confirmed: bool) -> bool:
        """The lottery question comes when it fits: something about where they're heading is on the
        table (a goal, a role, or an open 'what's next'), at a natural pause (a bedrock just confirmed,
        or a short answer), never right after something painful or a new, substantial disclosure."""
        if "lottery" in s.done:
            return False
        if a.sentiment < -0.2 or a.has(Kind.SHAME) or (a.has(Kind.FEELING) and a.sentiment < 0):
            return False
        on_table = bool(s.goals or s.roles or _OPEN_FUTURE.search(a.text))
        return on_table and (confirmed or self._pause(a) or bool(_OPEN_FUTURE.search(a.text)))

    def _next_technique(self, s: State, a: Analysis, *, confirmed: bool) -> Plan:
        top = a.top_motivation if a.motivations and a.motivations[0].confidence >= STRONG else None
        why = "bedrock confirmed" if confirmed else "ladder stalled"
        if "lottery" not in s.done and (confirmed or self._lottery_fits(s, a, confirmed=False)):
            s.done.append("lottery")
            s.pending = "lottery"
            return Plan(Move.LOTTERY, motivation=top, reason=f"{why}: the lottery question")
        if "sweet_spot" not in s.done:
            s.done.append("sweet_spot")
            return Plan(Move.SWEET_SPOT, motivation=top, reason=f"{why}: interests x strengths x needs")
        if "experiment" not in s.done and "experiment_named" not in s.done:
            s.done.append("experiment")
            return Plan(Move.EXPERIMENT, motivation=top, reason=f"{why}: invite an experiment")
        s.depth = 1
        return Plan(Move.DEEPEN, motivation=top, thread=a.topic, depth=1, reason=f"{why}: open a new thread")
