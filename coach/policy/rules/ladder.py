"""Deepening: the influence/authority and assumption probes, a stalled thread, and the default ladder."""

from __future__ import annotations

from coach import language, lexicon
from coach.policy.rules.readings import _LEADERSHIP, ASSUMPTION, angle, lottery_fits, pause
from coach.policy.rules.techniques import next_technique
from coach.policy.rules.turn import STALL_DEPTH, Turn
from coach.types import Act, Cue, Evidence, Kind, Motivation, Move, Plan


def influence_authority(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if "influence_authority" in s.done or s.turn < 2:
        return None
    if any(c.polarity < 0 and c.theme in ("influence", "authority") for c in a.hearing.claims):
        return None  # "it's not that I want power": the question would argue with a denial
    said = any(lexicon.any_match(lexicon.group("motivation_keywords", m), a.text) for m in ("influence", "authority"))
    if any(c.holder != "self" for c in a.hearing.claims):
        return None  # "My convenor said 'you take that…'": someone else's words are met first, not a technique
    # (a leadership word on the thread alone — "my lead said in standup…" — is no reason: a goal said again is)
    led = any(_LEADERSHIP.search(g.get("text", "")) for g in s.goals[:-1]) if a.goal else False
    if not (t.top in (Motivation.INFLUENCE, Motivation.AUTHORITY) and said or led):
        # the question fits when they talk about a say or a seat in so many words, or come back to a leading
        # goal said before — not on a guess, and not before the goal's own "why" has been asked
        return None
    s.done.append("influence_authority")
    return Plan(Move.INFLUENCE_AUTHORITY, motivation=t.top, complex=True, reason="influence vs authority")


def assumption(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if s.turn < 3 or "assumption" in s.done or len(a.text.split()) < 5:
        return None
    if a.hearing.feelings and any(f.valence < 0 for f in a.hearing.feelings) or angle(a)[0] is not Cue.NONE:
        return None  # a fear or a hurt is met first; an assumption question there would argue with a feeling
    sentence = next((x for x in language.sentences(a.text) if ASSUMPTION.search(x)), "")
    if not sentence:
        return None
    s.done.append("assumption")
    start = a.text.find(sentence)
    return Plan(Move.ASSUMPTION, motivation=t.top, target=Evidence(sentence, start, start + len(sentence)),
                reason="an assumption to expose")


def stalled(t: Turn) -> Plan | None:
    """A long thread without bedrock: change technique at a pause — never right after something painful,
    and never over something new they just said (that starts a fresh thread instead)."""
    s, a = t.s, t.a
    if s.depth < STALL_DEPTH:
        return None
    s.thread, s.depth = "", 0
    if a.sentiment < -0.2 or a.has(Kind.FEELING) or a.has(Kind.SHAME):
        s.reflect_only_turns += 1
        cue, claim = angle(a)
        return Plan(Move.REFLECT, motivation=t.top, ask=False, complex=True, cue=cue, claim=claim,
                    reason="staying with a hard moment")
    if lottery_fits(s, a, confirmed=False) or pause(a):
        return next_technique(t, confirmed=False)
    s.thread, s.depth = a.goal or a.topic, 0
    return None


def ladder(t: Turn) -> Plan:
    """The default: reflect and ladder down; every so often a reflection alone, to let it land."""
    s, a = t.s, t.a
    if a.goal and a.goal != s.thread:
        s.thread, s.depth = a.goal, 0
    s.depth += 1
    # A question answered gets a reflection alone more often than not: it lets the answer land, and the
    # mentee goes on in their own direction (MITI's good practice is two reflections to a question). A
    # short or low-content answer gets a question, so the conversation never stalls.
    substantive = t.top is not None or len(a.text.split()) >= 6
    rich = len(a.text.split()) >= 12 or bool(a.hearing.feelings) or a.hearing.act is Act.DISCLOSURE
    reflect_only = (
        substantive
        and s.turn >= 2
        and not a.has(Kind.QUESTION)
        and (s.last_asked and s.last_move != Move.REFLECT.value
             # still talking after a reflection: another reflection (two in a row, three when it pours out)
             or s.last_move == Move.REFLECT.value and s.reflect_streak < (4 if rich else 2))
    )
    cue, claim = angle(a)
    if reflect_only and cue not in _ASKS:
        s.reflect_only_turns += 1
        s.reflect_streak += 1
        return Plan(Move.REFLECT, motivation=t.top, ask=False, complex=True, thread=s.thread or a.topic,
                    depth=s.depth, cue=cue, claim=claim, reason="a reflection alone, to let it land")
    s.reflect_streak = 0
    return Plan(Move.DEEPEN, motivation=t.top, thread=s.thread or a.topic, depth=s.depth, cue=cue, claim=claim,
                complex=t.top is not None and not a.goal, reason=f"ladder depth {s.depth}" + (f", {cue.value}" if cue else ""))


#: Angles that need a question back: someone else's view ("where do you stand?"), a denial with nothing
#: in its place ("what is it, then?"), a paste ("which part matters?").
_ASKS = {Cue.OTHERS_VIEW, Cue.LONG_PASTE, Cue.MIXED_LANGUAGE}

