"""Realistic stored sessions for the summary, portrait, prep and bank tests.

Turns go through the real Store (SQLite under the test's COACH_HOME) with analyses shaped exactly as
the analyzer stores them (types.Analysis.to_dict()), so the tests do not depend on how today's
analyzer happens to score a sentence.
"""

from __future__ import annotations

import re
from typing import Any

from coach.config import load_settings
from coach.store.sql import Store
from coach.types import Analysis, Evidence, Kind, Motivation, MotivationHit, Session, ShareLevel


def analysis(
    text: str,
    *,
    kinds: tuple[str, ...] = (),
    goal: str = "",
    motivations: tuple[tuple[str, float, str], ...] = (),
    bedrock: float = 0.0,
    energy: float = 0.0,
    cues: tuple[str, ...] = (),
    topic: str = "",
    sentiment: float = 0.0,
) -> dict[str, Any]:
    hits = []
    for m, conf, span in motivations:
        start = text.find(span)
        assert start >= 0, f"span {span!r} not in {text!r}"
        hits.append(MotivationHit(Motivation(m), conf, Evidence(span, start, start + len(span))))
    return Analysis(
        text=text, kinds=[Kind(k) for k in kinds], goal=goal, motivations=hits, bedrock_score=bedrock,
        energy=energy, energy_cues=list(cues), topic=topic, sentiment=sentiment,
    ).to_dict()


# (role, text, move for coach turns | analysis kwargs for mentee turns)
FIRST_SESSION: list[tuple[str, str, Any]] = [
    ("coach", "Before we start: this is your space. Nothing is shared unless you choose to share it.", "open"),
    ("mentee", "I'd like to be a tech lead in a couple of years.",
     dict(kinds=("goal",), goal="be a tech lead", motivations=(("next_rung", 0.57, "I'd like to be a tech lead"),))),
    ("coach", "Being a tech lead is where you can picture yourself. What draws you to it?", "deepen"),
    ("mentee", "Mostly I want to have a say in  the direction of the product instead of just building what I'm told.",
     dict(kinds=("motivation",), motivations=(("influence", 0.63, "have a say in  the direction of the product"),))),
    ("coach", "So it's less the title and more having a hand in where the product goes.", "reflect"),
    ("mentee", "I think I just like making things easier for people.",
     dict(kinds=("bedrock", "motivation"), bedrock=0.9, motivations=(("meaning", 0.74, "making things easier for people"),))),
    ("coach", "That sounds close to bedrock: making things easier for people. Does that ring true?", "confirm_bedrock"),
    ("mentee", "Yes, that's it.", dict(kinds=("affirm",))),
    ("coach", "Imagine everyone else in the company won the lottery and resigned. Whose job would you want?", "lottery"),
    ("mentee", "Honestly when I talk about the hackathon I get so fired up! It was amazing.",
     dict(energy=0.8, cues=("exclamation", "intensifier: fired up"), sentiment=0.7)),
    ("coach", "Your whole tone changed just now. What is it about that kind of work that lights you up?", "passion"),
    ("mentee", "I love working on the hardest problems because it keeps me from getting bored.",
     dict(kinds=("bedrock", "motivation"), bedrock=0.85, motivations=(("growth", 0.7, "the hardest problems"),))),
    ("coach", "Something deeper than any one job: the hardest problems keep boredom away. Does that feel true?", "confirm_bedrock"),
    ("mentee", "No, not really. It's more that I get restless.", dict(kinds=("deny",))),
    ("coach", "Restless, rather than bored. What's underneath that for you?", "deepen"),
    ("mentee", "I'd want the final say on hiring, and people reporting to me.",
     dict(kinds=("motivation",), motivations=(("authority", 0.6, "the final say on hiring"),))),
    ("coach", "What small step would tell you whether you'd enjoy leading?", "experiment"),
    ("mentee", "Maybe I could try leading the next design review to see if I like it.", dict(kinds=("experiment",))),
    ("coach", "Leading the design review would give you a taste of it.", "reflect"),
    ("mentee", "Someday I want to start my own company.", dict(kinds=("goal", "leaving"), goal="start my own company")),
    ("coach", "Starting your own company is on the horizon too.", "reflect"),
]

# A later, private session: nothing of it may reach a mentor.
PRIVATE_SESSION: list[tuple[str, str, Any]] = [
    ("coach", "Welcome back. What's on your mind today?", "open"),
    ("mentee", "It feels shallow, but honestly I want to earn a lot more because my family is growing.",
     dict(kinds=("shame", "goal", "motivation"), goal="earn a lot more",
          motivations=(("compensation", 0.82, "I want to earn a lot more because my family is growing"),))),
    ("coach", "Wanting to earn more is nothing to be embarrassed about. What would more money mean for you?", "normalize"),
    ("mentee", "I need to feel my family is safe, that matters most to me.",
     dict(kinds=("bedrock",), bedrock=0.88, motivations=(("compensation", 0.6, "my family is safe"),))),
    ("coach", "Safety for your family sits underneath it. Does that feel true to you?", "confirm_bedrock"),
    ("mentee", "Yes, exactly.", dict(kinds=("affirm",))),
]

PRIVATE_WORDS = ("family is growing", "family is safe", "earn a lot more", "shallow")


def open_store() -> Store:
    return Store(load_settings().db_path)


def add_session(
    store: Store,
    script: list[tuple[str, str, Any]],
    *,
    share: ShareLevel = ShareLevel.PRIVATE,
    title: str = "",
    state: dict[str, Any] | None = None,
) -> Session:
    session = store.create_session(share, title)
    for role, text, extra in script:
        if role == "coach":
            store.add_turn(session.id, "coach", text, move=extra)
        else:
            store.add_turn(session.id, "mentee", text, analysis=analysis(text, **extra))
    if state is not None:
        store.save_state(session.id, state)
    return store.get_session(session.id)


def item_lines(items: list[Any]) -> list[str]:
    """Summary items as a reader sees them: `kind [motivation]: text «quote» «quote»` (for failure messages)."""
    return [f"{i.kind} [{i.motivation}]: {i.text} " + " ".join(f"«{q.text}»" for q in i.quotes) for i in items]


def has_item(items: list[Any], kinds: tuple[str, ...], words: str, *, in_quotes: bool = False) -> bool:
    """Whether an item of one of `kinds` says `words` (a regex) in its text — or in its quotes too, `in_quotes`."""
    return any(i.kind in kinds and re.search(words, i.text + (" " + " ".join(q.text for q in i.quotes) if in_quotes else ""), re.I)
               for i in items)


def summary_items(store: Store, *messages: str) -> list[Any]:
    """The summary items of a session in which a real coach heard `messages` (analyzer, policy and summary as
    shipped): for tests of what the summary makes of words, not of stored analyses."""
    from coach.agent import Coach

    coach = Coach(store, settings=load_settings())
    session, _ = coach.start()
    for m in messages:
        coach.respond(session.id, m)
    return list(coach.summary(session.id).items)


def heard(store: Store, *messages: str) -> tuple[Any, str]:
    """A real coach (analyzer, policy, summary as shipped) that heard `messages` in a new session: (coach,
    session id), for tests of what it says back at the end (`coach.playback`, `coach.close`)."""
    from coach.agent import Coach

    coach = Coach(store, settings=load_settings())
    session, _ = coach.start()
    for m in messages:
        coach.respond(session.id, m)
    return coach, session.id
