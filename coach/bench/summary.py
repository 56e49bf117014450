"""`coach bench`: the time to summarize a 40-turn session (coach/mentor/summary), guard included."""

from __future__ import annotations

import statistics
import time

from coach.mentor.summary import build_summary
from coach.types import Analysis, Evidence, Kind, Motivation, Session, Turn


def _bench_session(n_turns: int = 40) -> tuple[list[Turn], Session]:
    """A realistic 40-turn session with analyses as the analyzer stores them."""
    from coach.types import MotivationHit

    mentee_lines = [
        ("I'd like to run the platform team one day.", {"kinds": ["goal"], "goal": "run the platform team"}),
        ("They decide the tools everyone else has to live with.", {"mot": ("influence", 0.7, "decide the tools everyone else has to live with")}),
        ("Yeah. I hate watching people fight bad tooling.", {"kinds": ["feeling"], "bedrock": 0.5}),
        ("I think I just like making things easier for people.", {"kinds": ["bedrock"], "bedrock": 0.8, "mot": ("meaning", 0.6, "making things easier for people")}),
        ("Yes, that's it.", {"kinds": ["affirm"]}),
        ("Honestly when I talk about the hackathon I get so fired up!!", {"energy": 0.8, "cues": ["exclamation", "intensifier: fired up"], "topic": "the hackathon", "sent": 0.6}),
        ("It feels shallow, but mostly I want to earn more.", {"kinds": ["shame", "goal"], "goal": "earn more", "mot": ("compensation", 0.8, "I want to earn more")}),
        ("I want my ideas to shape what we build.", {"mot": ("influence", 0.8, "my ideas to shape what we build")}),
        ("I might try running the next design review to see if I like it.", {"kinds": ["experiment"]}),
        ("idk", {"kinds": ["low_effort"]}),
    ]
    turns: list[Turn] = []
    moves = ["deepen", "reflect", "deepen", "confirm_bedrock", "passion", "normalize", "deepen", "experiment", "reflect", "low_effort"]
    i = 0
    tid = 1
    while len(turns) < n_turns:
        text, spec = mentee_lines[i % len(mentee_lines)]
        a = Analysis(text=text, kinds=[Kind(k) for k in spec.get("kinds", [])], goal=spec.get("goal", ""),
                     bedrock_score=spec.get("bedrock", 0.0), energy=spec.get("energy", 0.0),
                     energy_cues=spec.get("cues", []), topic=spec.get("topic", ""), sentiment=spec.get("sent", 0.0))
        if "mot" in spec:
            m, c, span = spec["mot"]
            start = text.find(span)
            a.motivations.append(MotivationHit(Motivation(m), c, Evidence(span, start, start + len(span))))
        turns.append(Turn(tid, "bench", len(turns), "mentee", text, "2025-01-01T10:00:00", analysis=a.to_dict()))
        tid += 1
        turns.append(Turn(tid, "bench", len(turns), "coach", "So it's about the people who use it.", "2025-01-01T10:00:01",
                          move=moves[i % len(moves)]))
        tid += 1
        i += 1
    return turns[:n_turns], Session(id="bench", created_at="2025-01-01T10:00:00")


def bench_summary(runs: int = 50, n_turns: int = 40) -> dict[str, float]:
    """Median and p95 milliseconds to summarize a 40-turn session (guard included, warm)."""
    turns, session = _bench_session(n_turns)
    build_summary(turns, session)  # warm-up: pattern compilation and imports are not per-summary cost
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        build_summary(turns, session)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "runs": float(runs),
        "turns": float(n_turns),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(times[-1], 2),
    }
