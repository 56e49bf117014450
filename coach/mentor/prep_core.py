"""The heart of the mentor's plan: 5 to 7 questions built on what the mentee shared.

A mentor walking into a career conversation needs a handful of questions, not a bank: most of them
should hand the mentee's own words back (the decision in front of them, the bedrock they confirmed,
the goal they named, what sits underneath it) and ask one open question about it. `core_questions`
picks them by priority, so the plan leads with what matters most in this mentee's words, and only
fills up with the seed's general openers (the lottery question, a motivation not heard yet, a small
experiment) when little was shared. Every wording goes through the planner's checker (the guard plus
loaded words); a refused wording is replaced by the next or left out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from coach.language import quote as shorten
from coach.mentor.summary import MOTIVATION_LABELS, action_phrase, is_confirmed_bedrock

if TYPE_CHECKING:
    from coach.mentor.prep import PlannedQuestion, _Planner

CORE_MIN, CORE_MAX = 5, 7
WORDS = 70  # characters of the mentee's words quoted inside a question

# What a summary item's wording starts with, before the mentee's own words ("Goal: …",
# "Influence: …", "Bedrock you confirmed: “…”").
_LEAD = re.compile(
    r"^(?:possible bedrock, not yet confirmed|bedrock you confirmed|still open|experiment you named|"
    r"(?:a )?goal(?: you named)?|mostly about \w+|[A-Z][\w &]{2,30}?)\s*:\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"\s*\([^)]*\)\s*$")


def words(item: dict[str, Any], limit: int = WORDS) -> str:
    """The mentee's own words an item rests on: its first quote, or (shared without quotes, or
    written by the mentee) its wording without the summary's lead-in."""
    qs = item.get("quotes") or []
    text = str(qs[0].get("text", "")) if qs else ""
    if not text:
        text = _LEAD.sub("", str(item.get("text", "")).strip())
        text = _TRAILING.sub("", text).strip().strip("“”\"").strip()
    return shorten(text, limit) if text else ""


def core_questions(p: _Planner) -> list[PlannedQuestion]:
    """5 to 7 questions, most of them citing a shared item or the decision, in the mentee's words."""
    picked: list[tuple[int, PlannedQuestion]] = []  # (display order, question)
    cited_words: set[str] = set()  # the same words are handed back once (the same sentence may be
    # both a motivation and a bedrock)

    def add(order: int, q: PlannedQuestion | None) -> bool:
        if q is None or len(picked) >= CORE_MAX:
            return False
        picked.append((order, q))
        return True

    def cited(kind: str, item: dict[str, Any], frames: list[str], technique: str, why: str, **extra: str) -> PlannedQuestion | None:
        w = words(item)
        if not w or (not extra and w.casefold() in cited_words):
            return None
        options = [f.format(w=w, **extra) for f in frames]
        q = p.ask(options, technique, why, quote=w, item_id=item.get("id"),
                  mentee_text=w + " " + " ".join(extra.values()), cites=kind)
        if q is not None:
            cited_words.add(w.casefold())
        return q

    # Trust first, every time: one question, not a section.
    first_time = not p.items
    add(0, p.ask([p.bank("expect-confidential" if first_time else "expect-my-role"), p.bank("trust-comfortable")],
                 "expectations", "sets up trust and what stays between you"))

    decision = next(iter(p.of_kind("decision")), None)
    confirmed = [i for i in p.of_kind("bedrock") if is_confirmed_bedrock(i)]
    candidates = [i for i in p.of_kind("bedrock") if not is_confirmed_bedrock(i)]
    goals, motivations = p.of_kind("goal"), p.of_kind("motivation")
    passions, experiments, open_items = p.of_kind("passion"), p.of_kind("experiment"), p.of_kind("open_question")

    # In order of priority; each step adds at most one question (its place in the plan first).
    steps: list[tuple[int, Any]] = []
    if decision is not None:
        steps.append((1, lambda: cited("decision", decision, [
            "When you think about “{w}”, what would make one choice feel right to you?",
            "When you think about “{w}”, what matters most to you in that choice?",
            "You said “{w}”. What would make one of those choices feel right to you?",
        ], "decision", "the decision in front of them, in their words")))
    def bedrock_step(n: int, item: dict[str, Any]) -> tuple[int, Any]:
        frames = [
            "Last time you said “{w}”. Where has that shown up for you since?",
            "You described “{w}” as something that matters to you. What does that look like in your work these days?",
            "When did “{w}” last feel true at work?",
        ]
        return (3 + n, lambda: cited("bedrock", item, frames[n:] + frames[:n], "why_ladder",
                                     "bedrock they confirmed: where it lives now"))

    if confirmed:
        steps.append(bedrock_step(0, confirmed[0]))
    for item in goals[:1]:
        steps.append((5, lambda item=item: cited("goal", item, [
            "You said “{w}”. What would that give you that you don't have now?",
            "What draws you to “{w}”?",
        ], "why_ladder", "the goal they named: what sits underneath it")))
    if decision is not None and confirmed:
        steps.append((2, lambda: cited("decision", decision, [
            "How does “{b}” weigh in when you think about “{w}”?",
            "Where does “{b}” come in, when you think about “{w}”?",
        ], "why_ladder", "their bedrock next to the decision they face", b=words(confirmed[0], 50))))
    for item in motivations[:1]:
        steps.append((6, lambda item=item: cited("motivation", item, [
            "You said “{w}”. What is it about that that matters to you?",
            "When you said “{w}”, what was underneath it for you?",
        ], "why_ladder", f"{MOTIVATION_LABELS.get(str(item.get('motivation')), 'a motivation')}, in their words")))
    for item in experiments[:1]:
        action = _action(item)
        if action:
            steps.append((9, lambda item=item, action=action: cited("experiment", item, [
                f"When you think back on {action}, what surprised you?",
                f"What did {action} show you about what you want?",
            ], "experiment", "the experiment they named")))
    for item in passions[:1]:
        steps.append((8, lambda item=item: cited("passion", item, [
            "You lit up when you said “{w}”. What is it about that that draws you?",
            "Your energy rose when you said “{w}”. What is it about that that draws you?",
        ], "passion", "their energy rose here")))
    for item in open_items[:1]:
        text = re.sub(r"^still open\s*:\s*", "", str(item.get("text", "")), flags=re.IGNORECASE).strip()
        if text:
            steps.append((10, lambda item=item, text=text: p.ask(
                [text[0].upper() + text[1:]], "why_ladder", "left open last time", quote=words(item),
                item_id=item.get("id"), mentee_text=words(item), cites="open_question")))
    for item in candidates[:1]:
        steps.append((3, lambda item=item: cited("bedrock", item, [
            "You said “{w}”. How does that sit with you now?",
            "When you hear “{w}” again, what comes up for you?",
        ], "why_ladder", "a possible bedrock they have not confirmed yet")))
    for item in motivations[1:2]:
        steps.append((7, lambda item=item: cited("motivation", item, [
            "You said “{w}”. What is it about that that matters to you?",
            "When you said “{w}”, what was underneath it for you?",
        ], "why_ladder", f"{MOTIVATION_LABELS.get(str(item.get('motivation')), 'a motivation')}, in their words")))
    if len(confirmed) > 1:
        steps.append(bedrock_step(1, confirmed[1]))

    for order, make in steps:
        if len(picked) >= CORE_MAX:
            break
        add(order, make())

    # Little shared: the seed's openers, up to five questions.
    fillers: list[tuple[int, list[str], str, str]] = []
    if not p.asked_before("lottery"):
        fillers.append((11, [p.bank("lottery-want")], "lottery", "whose job would they want, and why"))
    heard = {str(i.get("motivation")) for i in motivations if i.get("motivation")}
    for m in ("growth", "meaning", "autonomy"):
        if m not in heard:
            opener = {"growth": "why-growth-better", "meaning": "why-meaning-worth", "autonomy": "why-autonomy-freedom"}[m]
            fillers.append((12, [p.bank(opener)], "why_ladder", f"{MOTIVATION_LABELS.get(m, m)} has not come up yet"))
    fillers.append((13, [p.bank("passion-lose-track"), p.bank("passion-energy")], "passion", "what lights them up"))
    fillers.append((14, [p.bank("exp-small-step"), p.bank("exp-know")], "experiment", "an experiment of their own"))
    for order, options, technique, why in fillers:
        if len(picked) >= CORE_MIN:
            break
        add(order, p.ask(options, technique, why))

    picked.sort(key=lambda oq: oq[0])  # stable: priority order within the same place
    return [q for _, q in picked]


_PREFIX = re.compile(r"^(experiment you named)\s*:\s*", re.IGNORECASE)


def _action(item: dict[str, Any]) -> str:
    from coach.mentor.prep import _past_tense_ready

    text = str(item.get("text", ""))
    action = _PREFIX.sub("", text).strip() if _PREFIX.match(text) else ""
    return _past_tense_ready(action or action_phrase(words(item, 200)))
