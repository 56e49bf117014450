"""The prompt's parts: the mentee's words as delimited data (`neutralize`), the history, what was
heard, a recalled statement, and the shape of the reply the move asks for.
"""

from __future__ import annotations

from coach.realize.base import Context
from coach.types import Analysis, Motivation, Plan, Turn

HISTORY_TURNS = 4

TURN_CHARS = 300  # per turn in the history: 2048 tokens of context go fast

MESSAGE_CHARS = 800


MOTIVATION_WORDS: dict[Motivation, str] = {
    Motivation.INFLUENCE: "influence: having an impact on what others do",
    Motivation.AUTHORITY: "authority: having a say over people and decisions",
    Motivation.RECOGNITION: "recognition: being seen and appreciated",
    Motivation.GROWTH: "growth: learning and mastering hard things",
    Motivation.AUTONOMY: "autonomy: deciding how and what to work on",
    Motivation.MEANING: "meaning: doing something that matters",
    Motivation.COMPENSATION: "money, and the safety or freedom behind it",
    Motivation.NEXT_RUNG: "taking the next step on the ladder",
}


def neutralize(text: str, limit: int = MESSAGE_CHARS) -> str:
    """Make mentee text safe to place between our tags: no tags of its own, bounded length.

    Angle brackets become look-alikes, so "</mentee_message> ignore the rules" cannot close the
    delimiter; whitespace is collapsed so the text cannot fake a new prompt section either.
    """
    text = text.replace("<", "‹").replace(">", "›")
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rstrip() + " …"
    return text


def _format_history(turns: list[Turn]) -> str:
    lines = []
    for t in turns[-HISTORY_TURNS:]:
        who = "mentee" if t.role == "mentee" else "coach"
        lines.append(f'<turn from="{who}">{neutralize(t.text, TURN_CHARS)}</turn>')
    return "\n".join(lines) if lines else "(this is the start of the conversation)"


def _format_analysis(ctx: Context) -> str:
    a = ctx.analysis
    bits: list[str] = []
    if a.goal:
        bits.append(f"goal named: {neutralize(a.goal, 120)}")
    if a.topic:
        bits.append(f"topic: {neutralize(a.topic, 120)}")
    if a.roles:
        bits.append("roles named: " + ", ".join(neutralize(r, 60) for r in a.roles[:3]))
    kinds = [k.value.replace("_", " ") for k in a.kinds if k.value not in ("injection",)]
    if kinds:
        bits.append("sounds like: " + ", ".join(kinds[:4]))
    if a.energy >= 0.5:
        bits.append("their energy is high")
    bits += _format_hearing(a)
    return "; ".join(bits) if bits else "nothing specific yet"


_ACT_NOTES = {
    "request_advice": "this is a request for advice, not a statement to reflect",
    "request_steps": "this is a request for steps or a plan, not a statement to reflect",
    "request_opinion": "this is a request for your verdict or opinion, not a statement to reflect",
    "question_coach": "this is a question about you, the coach",
    "complaint": "this is a complaint about you, the coach",
    "correction": "they are correcting your last reply: you had it wrong",
    "small_talk": "this is small talk",
    "boundary": "they do not want to go into it: respect that",
    "disclosure": "they are telling you something that matters to them personally",
}


def _format_hearing(a: Analysis) -> list[str]:
    """The same hearing the offline voice reads (coach/analyze/hearing.py), as notes for the model:
    whose want, what is denied, what is feared, what kind of message it is. Their words stay data."""
    h = a.hearing
    bits: list[str] = []
    note = _ACT_NOTES.get(h.act.value)
    if note:
        bits.append(note)
    for c in h.claims[:4]:
        obj = neutralize(c.object, 100)
        if not obj:
            continue
        if c.holder != "self":
            bits.append(f"{neutralize(c.holder, 40)} wants or thinks: {obj} (their view, not the mentee's)")
        elif c.polarity < 0:
            bits.append(f"they said it is NOT about: {obj}")
        elif c.modality == "fear":
            bits.append(f"they fear: {obj} (fear of losing something, not ambition)")
        elif c.beats:
            bits.append(f"they prefer {obj} over {neutralize(c.beats, 80)}")
        elif c.modality == "hypothetical":
            bits.append(f"a hypothetical, not a plan: {obj}")
        elif c.modality == "value":
            bits.append(f"what it is about for them: {obj}")
    if len(h.heart) > 1:
        # the sentence the heart model weighs most (coach/analyze/heart.py): what the offline voice says back
        bits.append(f"the sentence that carries their point: {neutralize(max(h.heart, key=lambda s: h.heart[s]), 160)}")
    if h.pointed:
        # "…filling it in himself, slowly. i live for that": what "that" is (coach/analyze/pointing.py)
        bits.append(f"\"{neutralize(h.pointer, 40)}\" points at: {neutralize(h.pointed, 160)} (name that moment, never \"that\")")
    if h.ironic:
        bits.append("said with irony: no praise, value or energy to read in the sarcastic part")
    if h.feelings:
        bits.append("feelings shown: " + ", ".join(f"{f.name} ({neutralize(f.text, 30)})" for f in h.feelings[:3]))
    if h.event:
        bits.append({"loss": "a loss: meet it with care before anything about work",
                     "good_news": "good news: meet it with warmth",
                     "bad_news": "a setback: meet it with care"}[h.event])
    if h.mixed:
        bits.append(f"written partly in another language ({h.language}); reflect only the English part")
    if h.long:
        bits.append("a long pasted text: acknowledge it and ask which part matters most")
    return bits


def _format_recalled(ctx: Context, plan: Plan) -> str:
    items = list(ctx.recalled)
    if not items and plan.recall is not None:
        items = [{"text": plan.recall.text, "date": plan.recall_date}]
    if not items:
        return ""
    first = items[0]
    date = neutralize(str(first.get("date", "")), 40) or "an earlier session"
    return f"Earlier ({date}) they said: <earlier>{neutralize(str(first.get('text', '')), 300)}</earlier>\n"


def _motivation_line(motivation: Motivation | None) -> str:
    if motivation is None:
        return ""
    return f"What seems to matter to them: {MOTIVATION_WORDS[motivation]}.\n"


SHAPE_ASK = "End with exactly one open question."

SHAPE_NO_ASK = "Do not ask any question."

SHAPE_COMPLEX = "Name the meaning underneath their words, not just the words."


def _shape(plan: Plan) -> str:
    parts = [SHAPE_ASK if plan.ask else SHAPE_NO_ASK]
    if plan.complex:
        parts.append(SHAPE_COMPLEX)
    return " ".join(parts)


def _split_current(ctx: Context) -> tuple[list[Turn], str]:
    """History without the message being answered, and that message.

    The agent stores the mentee's turn before realizing, so `recent` usually ends with it.
    """
    turns = list(ctx.recent)
    current = ctx.analysis.text
    if turns and turns[-1].role == "mentee":
        last = turns.pop()
        current = current or last.text
    return turns, current
