"""Memory benchmark: ingestion rate, semantic query latency and size on disk (`coach bench --memory`).

Runs in a throwaway COACH_HOME with synthetic career statements built from templates, so it never
touches the user's data. Targets (DESIGN): query p95 <= 15 ms, ingestion >= 300 statements/s.
Embedding dominates ingestion (~560 sentences/s on 2 cores, int8), so ingestion is measured on the
batched path (`index_many`, what `reindex` uses); the one-statement-per-turn path of a live chat is
reported separately. Queries are timed for every audience (the mentee, a mentor, a manager) and for
`recall` (the live-chat path, which excludes the current session). The 1-minute load average is
recorded before and after: on a shared machine another job can halve the figures.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from coach.config import Settings
from coach.store.sql import Store, utcnow
from coach.types import Session, ShareLevel, Turn

OPENERS = ["", "Honestly, ", "I think ", "To be fair, ", "Lately ", "If I'm honest, ", "I guess ", "Looking back, ",
           "These days ", "Deep down "]
GOALS = ["lead the platform team", "become a staff engineer", "run my own company", "move into product",
         "manage a team of ten", "become head of design", "teach at a university", "work on open source full time",
         "get promoted to senior", "start a consultancy", "move to the research group", "become an architect",
         "lead the data team", "work abroad for a few years", "switch to security", "build developer tools"]
REASONS = ["it keeps me from getting bored", "I want a say in the direction", "my family needs more security",
           "I like helping people grow", "I want people to recognise my work", "I hate being micromanaged",
           "I want my work to matter to someone", "it seems like the next step", "I love the hardest problems",
           "I want to decide how I spend my day", "money matters for my kids", "I like explaining things",
           "I want to be the one who decides", "I get energy from shipping things", "I want to keep learning"]
ACTIVITIES = ["untangling messy systems", "mentoring new colleagues", "talking to customers", "writing design docs",
              "debugging production issues", "running workshops", "prototyping new ideas", "negotiating budgets",
              "reviewing code", "planning the roadmap", "pairing with juniors", "presenting at conferences"]
FEELINGS = ["drains me", "gives me energy", "makes me anxious", "bores me", "excites me", "feels meaningless",
            "makes me proud", "frustrates me"]
TEMPLATES = [
    "{op}I want to {goal} because {reason}.",
    "{op}what I enjoy most is {activity}, because {reason}.",
    "{op}{activity} {feeling}.",
    "{op}in {years} years I'd like to {goal}.",
    "{op}I'm not sure I want to {goal}; {activity} {feeling}.",
    "{op}if everyone resigned I'd take the job of whoever gets to {goal}, since {reason}.",
    "{op}my manager thinks I should {goal}, but {activity} {feeling}.",
]


def statements(n: int, seed: int = 7) -> Iterator[str]:
    """`n` varied synthetic mentee statements (deterministic for a seed)."""
    rng = random.Random(seed)
    for _ in range(n):
        text = rng.choice(TEMPLATES).format(
            op=rng.choice(OPENERS), goal=rng.choice(GOALS), reason=rng.choice(REASONS),
            activity=rng.choice(ACTIVITIES), feeling=rng.choice(FEELINGS), years=rng.randint(2, 10),
        )
        yield text[0].upper() + text[1:]


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_memory(
    n: int = 100_000,
    *,
    queries: int = 200,
    per_session: int = 20,
    batch: int = 2000,
    home: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Index `n` synthetic statements and time ingestion, queries and size. Returns the figures.

    `progress(done, total)` is called after each ingestion batch (the CLI can show a bar).
    """
    from coach.store.embed import get_embedder
    from coach.store.vectors import VectorMemory

    tmp = None
    if home is None:
        tmp = tempfile.TemporaryDirectory(prefix="bedrock-bench-")
        home = Path(tmp.name)
    load_before = round(os.getloadavg()[0], 2)
    try:
        settings = Settings(home=home)
        embedder = get_embedder()
        store = Store(settings.db_path)
        rng = random.Random(11)
        levels = [ShareLevel.PRIVATE, ShareLevel.MENTOR, ShareLevel.MANAGER]

        # SQLite: the per-turn write path (each add_turn is one durable commit), on a sample.
        sample_session = store.create_session()
        start = time.perf_counter()
        sample = 500
        for i in range(sample):
            store.add_turn(sample_session.id, "mentee", f"sample statement {i}")
        sql_rate = sample / (time.perf_counter() - start)

        sessions = [store.create_session(rng.choice(levels)) for _ in range(max(1, n // per_session))]
        memory = VectorMemory(settings, embedder, store=store)
        memory.reset()  # the sample turns above would otherwise be indexed on first open
        now = utcnow()
        texts = list(statements(n))
        rows = [
            (Turn(id=i + 1_000_000, session_id=sessions[i // per_session % len(sessions)].id, idx=i, role="mentee",
                  text=t, created_at=now), sessions[i // per_session % len(sessions)], None)
            for i, t in enumerate(texts)
        ]
        start = time.perf_counter()
        for i in range(0, n, batch):
            memory.index_many(rows[i : i + batch])
            if progress:
                progress(min(i + batch, n), n)
        ingest_s = time.perf_counter() - start

        # The live-chat path: one statement per call.
        single: list[float] = []
        extra: list[tuple[Turn, Session, None]] = [
            (Turn(id=2_000_000 + i, session_id=sessions[0].id, idx=n + i, role="mentee", text=t, created_at=now),
             sessions[0], None)
            for i, t in enumerate(statements(50, seed=99))
        ]
        for row in extra:
            t0 = time.perf_counter()
            memory.index(*row)
            single.append((time.perf_counter() - t0) * 1000)

        query_texts = list(statements(queries, seed=123))
        lat: dict[ShareLevel, list[float]] = {lvl: [] for lvl in levels}
        lat_recall: list[float] = []
        for lvl in levels:
            memory.search(query_texts[0], 5, audience=lvl)  # warm-up
        for i, q in enumerate(query_texts):
            # Every timed query embeds its text: drop the vectors VectorMemory remembers for recall.
            for lvl in levels:
                memory._forget_recent()
                t0 = time.perf_counter()
                memory.search(q, 5, audience=lvl)
                lat[lvl].append((time.perf_counter() - t0) * 1000)
            memory._forget_recent()
            t0 = time.perf_counter()
            memory.recall(q, sessions[i % len(sessions)].id)
            lat_recall.append((time.perf_counter() - t0) * 1000)
        every = [ms for values in lat.values() for ms in values]
        embed_ms: list[float] = []  # the floor under every query: embedding its text
        for q in query_texts:
            t0 = time.perf_counter()
            embedder.embed_one(q)
            embed_ms.append((time.perf_counter() - t0) * 1000)
        count = memory.count()
        memory.close()
        store.close()
        vec_bytes = _dir_size(settings.vector_path)
        db_bytes = sum(p.stat().st_size for p in home.glob("bedrock.sqlite3*"))
        return {
            "n": n,
            "indexed": count,
            "ingest_seconds": round(ingest_s, 1),
            "ingest_per_s": round(n / ingest_s, 1),
            "index_one_ms_p50": round(statistics.median(single), 2),
            "sqlite_add_turn_per_s": round(sql_rate, 1),
            "query_ms_p50": round(statistics.median(every), 2),  # every audience together
            "query_ms_p95": round(_pct(every, 0.95), 2),
            **{f"query_{lvl.value}_ms_p50": round(statistics.median(lat[lvl]), 2) for lvl in levels},
            **{f"query_{lvl.value}_ms_p95": round(_pct(lat[lvl], 0.95), 2) for lvl in levels},
            "query_embed_ms_p50": round(statistics.median(embed_ms), 2),
            "recall_ms_p50": round(statistics.median(lat_recall), 2),
            "recall_ms_p95": round(_pct(lat_recall, 0.95), 2),
            "queries": queries,
            "load_avg_1min": [load_before, round(os.getloadavg()[0], 2)],
            "vector_store_mb": round(vec_bytes / 1e6, 1),
            "sqlite_mb": round(db_bytes / 1e6, 2),
            "targets": {"query_ms_p95": 15.0, "ingest_per_s": 300.0},
        }
    finally:
        if tmp is not None:
            tmp.cleanup()
