"""Safety and the fixed moves: crisis, the unreadable, questions about the coach or privacy, requests,
wrapping up, corrections, boundaries, small talk and life events."""

from __future__ import annotations

from coach.policy.rules.readings import _INFO, shame_theme
from coach.policy.rules.turn import Turn
from coach.types import Act, Cue, Kind, Move, Plan


def crisis(t: Turn) -> Plan | None:
    """A crisis disclosure: care, not coaching, and it stays that way for the session — until the mentee says
    plainly that they are safe ("I'm safe, I meant the job"), when care stands down with the lines still offered.
    Distress that may be about the job or about living ("i cant do it anymore") is asked about plainly, with the
    lines, and the session goes on with what the answer shows."""
    if t.s.crisis and t.a.has(Kind.CRISIS_CLEARED) and not t.a.has(Kind.CRISIS):
        t.s.crisis = False
        return Plan(Move.CRISIS, cue=Cue.CRISIS_CLEARED, ask=False, reason="they said they are safe: care stands down, lines still offered")
    if not t.s.crisis and t.a.has(Kind.CRISIS_CHECK) and not t.a.has(Kind.CRISIS):
        t.s.pending = ""
        return Plan(Move.CRISIS, cue=Cue.CRISIS_CHECK, ask=False, reason="distress that may be about living: asked plainly")
    if not (t.s.crisis or t.a.has(Kind.CRISIS)):
        return None
    t.s.crisis = True
    return Plan(Move.CRISIS, ask=False, reason="crisis disclosure: care, not coaching")


def unreadable(t: Turn) -> Plan | None:
    if t.a.has(Kind.EMPTY) or t.a.has(Kind.NOT_ENGLISH) and not t.a.hearing.mixed and not t.a.has(Kind.CLOSING) and not t.a.has(Kind.GOODBYE):
        # (an English part is reflected; "bueno, me voy, gracias" and "salamat po. sige, sa jam muna ako focus" are
        # goodbyes in any language)
        return Plan(Move.CLARIFY, ask=True, reason="nothing readable to reflect")
    return None


def about_coach(t: Turn) -> Plan | None:
    """ "Are you a bot?", "what's the point of these questions?": an honest answer about the coach."""
    if t.a.hearing.act is not Act.QUESTION_COACH:
        return None
    return Plan(Move.TRANSPARENCY, cue=Cue.ABOUT_COACH, reason="a question about the coach: answer it honestly")


def long_paste(t: Turn) -> Plan | None:
    """A pasted review or job ad: acknowledged, its heart reflected, and which part matters asked —
    whatever question sits on top of it ("found this, what do you think:")."""
    h = t.a.hearing
    if not h.long or h.act in (Act.CRISIS, Act.INJECTION):
        return None
    return Plan(Move.DEEPEN, motivation=None, thread=t.s.thread, depth=t.s.depth, cue=Cue.LONG_PASTE,
                reason="a long paste: acknowledge it, reflect its heart, ask which part matters")


def complaint(t: Turn) -> Plan | None:
    """ "You're not listening": own it, and ask what was missed — never press on."""
    if t.a.hearing.act is not Act.COMPLAINT:
        return None
    return Plan(Move.TRANSPARENCY, cue=Cue.COMPLAINT, reason="a complaint about the coach: take it, ask what was missed")


def privacy(t: Turn) -> Plan | None:
    if t.a.has(Kind.PRIVACY) and not t.a.has(Kind.INJECTION):
        return Plan(Move.PRIVACY, reason="a question about who will see this: answer it plainly")
    return None


def info_request(t: Turn) -> Plan | None:
    a = t.a
    if a.has(Kind.QUESTION) and _INFO.search(a.text) and not a.has(Kind.INJECTION):
        t.s.done.append("entail")
        return Plan(Move.ENTAIL, motivation=t.top, cue=Cue.INFO_REQUEST,
                    reason="information request: their own picture of it")
    return None


def advice_request(t: Turn) -> Plan | None:
    """A request heard as a request: for advice, for steps, for a verdict — the stance explained, the
    question handed back. "Is it bad that I want my boss's job?" is shame first (normalize takes it)."""
    a, act = t.a, t.a.hearing.act
    asked = act in (Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION) or a.has(Kind.ADVICE_REQUEST)
    if not (a.has(Kind.INJECTION) or asked):
        return None
    if act is Act.REQUEST_OPINION and shame_theme(a) and not a.has(Kind.INJECTION):
        return None
    t.s.advice_requests += 1
    t.s.low_effort_streak = 0
    if a.has(Kind.INJECTION):
        return Plan(Move.ADVICE_REQUEST, motivation=t.top, cue=Cue.INJECTION, reason="injection attempt")
    cue = {Act.REQUEST_STEPS: Cue.REQUEST_STEPS, Act.REQUEST_OPINION: Cue.REQUEST_OPINION}.get(act, Cue.NONE)
    why = {Act.REQUEST_STEPS: "a request for steps", Act.REQUEST_OPINION: "a request for a verdict"}.get(act, "advice request")
    return Plan(Move.ADVICE_REQUEST, motivation=t.top, cue=cue, reason=why)


def closing(t: Turn) -> Plan | None:
    if not t.a.has(Kind.CLOSING):
        return None
    again = "summarize" in t.s.done
    t.s.done.append("summarize")
    return Plan(Move.SUMMARIZE, ask=False, cue=Cue.AGAIN if again else Cue.WRAP_UP,
                reason="the mentee is wrapping up: play back what was heard" + (" again" if again else ""))


def goodbye(t: Turn) -> Plan | None:
    """ "thanks mate. gonna go visit mum": thanks back and they are let go — no playback they did not ask for
    (two blind writers marked "before you go, here's what I heard" at a goodbye as a bad reply), no question."""
    if not t.a.has(Kind.GOODBYE) or t.a.has(Kind.CRISIS) or t.a.has(Kind.CRISIS_CHECK):
        return None
    return Plan(Move.ACKNOWLEDGE, cue=Cue.SMALL_TALK, ask=False, reason="a goodbye: thanks back, and let them go")


def correction(t: Turn) -> Plan | None:
    """ "That's not what I meant": the misread leaves what the coach believes (and the summary), the
    correction is taken, and the mentee's own words come next."""
    s, a = t.s, t.a
    if a.hearing.act is not Act.CORRECTION:
        return None
    if s.last_turn_id is not None:
        s.retracted.append({"turn_id": s.last_turn_id, "motivation": s.last_motivation})
        if s.last_motivation:
            quotes = s.motivations.get(s.last_motivation, [])
            s.motivations[s.last_motivation] = [q for q in quotes if q.get("turn_id") != s.last_turn_id]
            if not s.motivations[s.last_motivation]:
                del s.motivations[s.last_motivation]
        s.bedrock_candidates = [c for c in s.bedrock_candidates if c.get("turn_id") != s.last_turn_id]
    s.candidate = None
    s.depth = max(0, s.depth - 1)
    return Plan(Move.CORRECT, motivation=None, cue=Cue.NONE, thread=s.thread,
                reason="a correction of the last playback: take it")


def boundary(t: Turn) -> Plan | None:
    """ "I'm not going to go into it. It was bad.": the limit respected, nothing probed."""
    if t.a.hearing.act is not Act.BOUNDARY:
        return None
    return Plan(Move.ACKNOWLEDGE, cue=Cue.BOUNDARY, ask=False, reason="a boundary: respected, not probed")


def small_talk(t: Turn) -> Plan | None:
    if t.a.hearing.act is not Act.SMALL_TALK:
        return None
    return Plan(Move.ACKNOWLEDGE, cue=Cue.SMALL_TALK, reason="small talk: a warm word back, then an invitation")


def life_event(t: Turn) -> Plan | None:
    """A loss, good news, a setback: met first — grief with presence, good news with warmth — before
    any career question."""
    h = t.a.hearing
    cue = {"loss": Cue.LOSS, "good_news": Cue.GOOD_NEWS, "bad_news": Cue.BAD_NEWS}.get(h.event)
    if cue is None or h.act in (Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION):
        return None
    if cue is Cue.GOOD_NEWS and any(f.valence < 0 and f.name not in ("fear", "worry", "confusion") for f in h.feelings):
        return None  # "I got the promotion and I hate it" is not good news to congratulate (nerves are: "excited and scared")
    return Plan(Move.ACKNOWLEDGE, cue=cue, ask=True, reason=f"{h.event.replace('_', ' ')}: met first")

