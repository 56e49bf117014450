"""What the guard costs: per sentence (detector new and remembered, a whole check) and per three-sentence reply.

    python -m coach.guard.bench            # prints the figures (ms, p50 / p95)

Figures only, no targets: the agent's own budget is measured end to end by `coach bench --llm`.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable

from coach.guard import check, combine, detector

REPLIES = [
    "It sounds like the work has stopped stretching you. You keep coming back to the hard problems. What draws you to them?",
    "You should ask your manager for the lead role. It would give you visibility. Have you thought about it?",
    "That's a big step, and it's yours to take. Moving to Tokyo is on your mind. What would it give you?",
    "One thing that might help is to write down your wins. Quitting now would be foolish. Why not wait?",
]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _numbered(reply: str, i: int) -> str:
    return re.sub(r"([.?!])(\s|$)", lambda m: f" {i}{m.group(1)}{m.group(2)}", reply)


def _time(fn: Callable[[str], object], texts: list[str]) -> list[float]:
    out = []
    for t in texts:
        t0 = time.perf_counter()
        fn(t)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def run(n: int = 60) -> dict[str, dict[str, float]]:
    detector.preload()
    check("Warm up.")
    # never seen: every sentence of every reply made new, so nothing is remembered
    fresh = [_numbered(REPLIES[i % len(REPLIES)], i) for i in range(n)]
    sentences = [f"You might want to talk to your manager about the lead role, number {i}." for i in range(n)]
    res: dict[str, list[float]] = {}
    res["detector, new sentence"] = _time(lambda t: detector.classify([t]), sentences)
    res["detector, remembered sentence"] = _time(lambda t: detector.classify([t]), sentences)
    # one sentence as `coach check` gets it, no rule matching it (so the detector reads it), nothing remembered
    res["check, new sentence"] = _time(check, [f"The tutoring centre is free at most schools, room {i}." for i in range(n)])
    res["check, new 3-sentence reply"] = _time(check, fresh)
    res["check, same reply again"] = _time(check, fresh)
    import os

    os.environ["COACH_GUARD_DETECTOR"] = "off"
    try:
        combine.thresholds.cache_clear()
        rules_only = [_numbered(REPLIES[i % len(REPLIES)], n + i) for i in range(n)]
        res["check, rules only, new reply"] = _time(check, rules_only)
    finally:
        del os.environ["COACH_GUARD_DETECTOR"]
    return {k: {"p50": statistics.median(v), "p95": _pct(v, 0.95)} for k, v in res.items()}


def main() -> int:
    for name, fig in run().items():
        sys.stdout.write(f"{name:<32} p50 {fig['p50']:6.2f} ms   p95 {fig['p95']:6.2f} ms\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
