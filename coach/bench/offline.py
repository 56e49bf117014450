"""`coach bench`: turn latency, cold start and peak memory of the offline coach.

Measured, never asserted in tests. Turn latency is `Reply.latency_ms`: from the mentee's words being
stored to the reply being stored (analyze -> policy -> realize -> guard -> store), with 10,000 earlier
turns already in the SQLite file. Cold start is the wall time of `coach chat --script ONE --json` for
one message, in a fresh process.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MESSAGES = [
    "I'd like to run the platform team one day.",
    "They decide the tools everyone else has to live with.",
    "I hate watching people fight bad tooling.",
    "I think I just like making things easier for people.",
    "Yes, that's it.",
    "The head of design. Not finance, ever.",
    "Just tell me what to do.",
    "idk",
    "Honestly when I talk about the hackathon I get so fired up!!",
    "It feels shallow, but mostly I want to earn more.",
    "Maybe I could try leading the next design review.",
    "I guess the next step is senior engineer, that's what people do.",
    "I want to keep learning hard things, I get bored otherwise.",
    "My manager never lets me decide anything on my own.",
]


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    if not s:
        return 0.0
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def _seed_turns(db: Path, n: int) -> None:
    """Bulk-insert n earlier turns (half mentee, half coach) through the store's own schema."""
    from coach.store.sql import Store

    Store(db).close()  # creates the schema
    con = sqlite3.connect(db)
    now = "2026-01-01T00:00:00+00:00"
    sessions = max(1, n // 40)
    con.executemany(
        "INSERT INTO sessions (id, created_at, share, title, closed, state) VALUES (?, ?, 'private', '', 1, '{}')",
        [(f"seed{i:08d}", now) for i in range(sessions)],
    )
    rows = []
    for i in range(n):
        sid = f"seed{i % sessions:08d}"
        role = "mentee" if i % 2 == 0 else "coach"
        rows.append((sid, i // sessions, role, MESSAGES[i % len(MESSAGES)], now))
    con.executemany("INSERT INTO turns (session_id, idx, role, text, created_at) VALUES (?, ?, ?, ?, ?)", rows)
    con.commit()
    con.close()


def bench_turns(n_earlier: int = 10_000, turns: int = 140, *, memory: bool = True) -> dict[str, Any]:
    from coach.agent import Coach
    from coach.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, COACH_HOME=tmp, COACH_BACKEND="offline")
        settings = load_settings(env)
        settings.home.mkdir(parents=True, exist_ok=True)
        _seed_turns(settings.db_path, n_earlier)
        coach = Coach.create(settings, memory=memory)
        if memory and coach.memory is not None:
            coach.memory.wait(60)
        latencies: list[float] = []
        session = None
        for i in range(turns):
            if i % len(MESSAGES) == 0:
                session, _ = coach.start()
            assert session is not None
            reply = coach.respond(session.id, MESSAGES[i % len(MESSAGES)])
            latencies.append(reply.latency_ms)
        if memory and coach.memory is not None:
            coach.memory.flush()
        warm = latencies[len(MESSAGES):]  # the first session includes one-off warm-up (regex, caches)
        return {
            "earlier_turns": n_earlier,
            "turns": len(latencies),
            "p50_ms": round(statistics.median(warm), 2),
            "p95_ms": round(percentile(warm, 0.95), 2),
            "max_ms": round(max(warm), 2),
            "first_turn_ms": round(latencies[0], 2),
            "memory_worker": memory,
        }


def bench_cold_start(runs: int = 5) -> dict[str, Any]:
    exe = Path(sys.executable).with_name("coach")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "coach.cli"]
    times_fresh: list[float] = []
    times_warm: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "one.txt"
        script.write_text(MESSAGES[0] + "\n", encoding="utf-8")
        warm_home = Path(tmp) / "warm"
        for i in range(runs):
            for home, bucket in ((Path(tmp) / f"fresh{i}", times_fresh), (warm_home, times_warm)):
                env = dict(os.environ, COACH_HOME=str(home), COACH_BACKEND="offline")
                t0 = time.perf_counter()
                subprocess.run([*cmd, "chat", "--script", str(script), "--json"], env=env, check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                bucket.append(time.perf_counter() - t0)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "runs": runs,
        "warm_home_median_s": round(statistics.median(times_warm), 3),
        "warm_home_p95_s": round(percentile(times_warm, 0.95), 3),
        "fresh_home_median_s": round(statistics.median(times_fresh), 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def _ms(fn: Any, arg: str, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(arg)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def bench_hostile(runs: int = 3) -> dict[str, Any]:
    """What bounded parsing costs on input no mentee should send but some will: a 100 KB paste, one
    100,000-character token, and a 20,000-sentence line for the guard (medians of `runs`, ms).
    The tests check that the work is bounded (truncated, noted); the time is measured here."""
    from coach.analyze import Analyzer
    from coach.guard import check

    analyzer = Analyzer()
    analyzer.analyze("Warm up.")
    check("Warm up.")
    paste = ("I love helping people and I want to lead the platform team. " * 2000)[:102_400]
    figures = {
        "analyze_100kb_paste_ms": _ms(analyzer.analyze, paste, runs),
        "analyze_100k_char_token_ms": _ms(analyzer.analyze, "x" * 100_000, runs),
        "guard_20k_sentences_ms": _ms(check, "You want more say. " * 20_000, runs),
    }
    return {k: round(statistics.median(v), 1) for k, v in figures.items()}


def bench_guard_lines() -> dict[str, Any]:
    """`guard.check` per line over the labeled lines of the detector evals (evals/datasets/detector*.jsonl,
    shipped in the wheel beside coach): the median a mentor's line checker and `coach check` pay."""
    from importlib.resources import files

    from coach.guard import check

    texts: list[str] = []
    for name in ("detector.jsonl", "detector_llm.jsonl"):
        raw = (files("evals") / "datasets" / name).read_text(encoding="utf-8")
        texts += [json.loads(line)["text"] for line in raw.splitlines() if line.strip()]
    check("Warm up.")
    times = [_ms(check, text, 1)[0] for text in texts]
    return {"lines": len(texts), "p50_ms": round(statistics.median(times), 3), "p95_ms": round(percentile(times, 0.95), 3)}


def machine() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg_1m": round(load[0], 2),
    }


def run(*, quick: bool = False, memory_n: int = 0, summary: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"machine": machine()}
    out["turn"] = bench_turns(2_000 if quick else 10_000, 28 if quick else 140)
    out["cold_start"] = bench_cold_start(2 if quick else 5)
    out["peak_rss_mb_bench"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if summary:
        from coach.bench.summary import bench_summary

        out["summary_40_turns"] = bench_summary()
    # The guard per sentence and per reply (coach/guard/bench.py), and bounded hostile input.
    from coach.guard import bench as guard_bench

    out["guard"] = {k: {q: round(v, 3) for q, v in fig.items()} for k, fig in guard_bench.run(20 if quick else 60).items()}
    out["guard_line"] = bench_guard_lines()
    out["hostile"] = bench_hostile(1 if quick else 3)
    if memory_n:
        from coach.bench.memory import bench_memory

        out["memory"] = bench_memory(memory_n)
    out["targets"] = {"turn_p95_ms": 50, "cold_start_s": 1.0, "summary_p95_ms": 200,
                      "memory_query_p95_ms": 15, "ingest_per_s": 300, "guard_line_p50_ms": 2,
                      "analyze_100kb_paste_ms": 2000, "guard_20k_sentences_ms": 1000}
    return out


def to_json(result: dict[str, Any]) -> str:
    return json.dumps(result, indent=2)
