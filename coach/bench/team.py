"""Benchmarks of a team server (figures, never asserted in tests).

`coach bench --team-load 50`: 50 simulated people, each on their own thread with their own coach
(coach/team/coach.py), hold offline-coach sessions at once against one PostgreSQL server (and a
chroma server for their memories), the way one app process serves them. Each person starts a
session, then sends a message every THINK seconds (jittered). A turn is timed from the call to
`Coach.respond` to its return: the mentee's words stored, analysed, answered, guarded, the reply
stored. Afterwards the rows are counted as the operator: every turn must be there.

`coach bench --team-vectors N`: recall latency on a chroma server at N statements spread over 500
people, for the two layouts a team could use: one collection per person, or one shared collection
filtered by owner (`where`). Vectors are synthetic (topics + noise, unit length: embedding a million
sentences would take an hour and measure the embedder, not the index); the filtered layout's
answers are also compared with the exact nearest neighbours of that person (recall@5).

Both start their own servers in a temp folder unless given URLs: PostgreSQL with its default
durability settings (fsync on: a commit is on disk), as the `postgres` user when run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coach.bench.offline import MESSAGES, machine, percentile


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("pg_ctl")
    if which:
        return Path(which).parent
    raise SystemExit("PostgreSQL is not installed (make install-postgres), and no COACH_DATABASE_URL was given.")


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """A throwaway PostgreSQL cluster with the server's default settings; yields a database URL."""
    import psycopg

    bindir = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="bedrock-bench-pg-"))
    runas: list[str] = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(folder, pw.pw_uid, pw.pw_gid)
        runas = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = folder / "data"
    subprocess.run([*runas, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "bedrock", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run([*runas, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "start", "-o",
                    f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"],
                   check=True, capture_output=True)
    try:
        with psycopg.connect(f"postgresql://bedrock@127.0.0.1:{port}/postgres", autocommit=True) as c:
            c.execute("CREATE DATABASE bedrock")
        yield f"postgresql://bedrock@127.0.0.1:{port}/bedrock"
    finally:
        from coach.store.pg import close_pools

        close_pools()
        subprocess.run([*runas, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def chroma_server() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="bedrock-bench-chroma-"))
    port = _free_port()
    log = open(folder / "log", "wb")  # noqa: SIM115 - closed in the finally below, with the server
    proc = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(folder), "--host",
                             "127.0.0.1", "--port", str(port)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("chroma run did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _servers(db_url: str | None, chroma_url: str | None, memory: bool) -> Iterator[tuple[str, str | None]]:
    with (postgres_cluster() if db_url is None else _given(db_url)) as url:
        if not memory:
            yield url, None
            return
        with (chroma_server() if chroma_url is None else _given(chroma_url)) as curl:
            yield url, curl


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 1) if values else 0.0,
            "p95": round(percentile(values, 0.95), 1), "max": round(max(values, default=0.0), 1)}


def bench_team_load(users: int = 50, turns: int = 12, think_s: float = 2.0, *, memory: bool = True,
                    db_url: str | None = None, chroma_url: str | None = None, seed: int = 16) -> dict[str, Any]:
    """`users` people hold sessions at once; see the module docstring."""
    from coach.config import load_settings
    from coach.store.pg import Transaction, get_pool
    from coach.team.coach import coach_for, shared_parts
    from coach.team.people import Directory

    with tempfile.TemporaryDirectory(prefix="bedrock-bench-home-") as home, \
            _servers(db_url, chroma_url, memory) as (url, curl):
        env = {"COACH_HOME": home, "COACH_BACKEND": "offline", "COACH_DATABASE_URL": url}
        if curl:
            env["COACH_CHROMA_URL"] = curl
        settings = load_settings(env)
        run_tag = f"{time.time():.0f}"
        op = Directory(url)
        people = [op.add("https://bench.invalid", f"bench-{run_tag}-{i}", name=f"User {i}").id for i in range(users)]
        t0 = time.perf_counter()
        shared_parts(settings)  # the analyzer's models, loaded once for the server
        # A server warms up once (the parser, caches): one session through every message first,
        # as `coach bench` does for one person. The timed run is the steady state.
        warm_id = op.add("https://bench.invalid", f"bench-{run_tag}-warm", name="Warm-up").id
        warm = coach_for(settings, warm_id, memory=False)
        session, _ = warm.start()
        for text in MESSAGES:
            warm.respond(session.id, text)
        warm_s = time.perf_counter() - t0
        coaches = [coach_for(settings, p, memory=memory, pool=get_pool(url, max_size=max(10, users // 3)))
                   for p in people]
        latencies: list[float] = []
        errors: list[str] = []
        sessions: list[str] = []
        lock = threading.Lock()
        start = threading.Barrier(users)

        def person(i: int) -> None:
            coach, r = coaches[i], random.Random(seed * 1000 + i)
            try:
                start.wait()
                time.sleep(r.uniform(0, think_s))  # people do not all arrive in the same millisecond
                session, _ = coach.start()
                with lock:
                    sessions.append(session.id)
                for n in range(turns):
                    text = MESSAGES[(i + n) % len(MESSAGES)]
                    t = time.perf_counter()
                    coach.respond(session.id, text)
                    ms = (time.perf_counter() - t) * 1000
                    with lock:
                        latencies.append(ms)
                    time.sleep(r.uniform(0.5, 1.5) * think_s)
            except Exception as exc:  # noqa: BLE001 - counted and reported, never hidden
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")

        wall = time.perf_counter()
        threads = [threading.Thread(target=person, args=(i,), name=f"bench-user-{i}") for i in range(users)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - wall
        for c in coaches:
            if c.memory is not None:
                c.memory.flush()
        # Count what the server holds, as the operator (no row-level security): nothing may be lost.
        with Transaction(get_pool(url), None, None, "the bench database")("count") as conn:
            rows = conn.execute(
                "SELECT s.id, count(t.id) FROM sessions s LEFT JOIN turns t ON t.session_id = s.id "
                "WHERE s.id = ANY (?) GROUP BY s.id", (sessions,)).fetchall()
        counted = sum(int(r[1]) for r in rows)
        expected = users * (1 + 2 * turns)  # the opening, then a message and a reply per turn
        indexed = None
        if memory:
            indexed = sum(c.memory.wait(30).count() for c in coaches if c.memory.wait(30) is not None)
        return {
            "machine": machine(),
            "users": users,
            "turns_per_user": turns,
            "think_s": think_s,
            "memory": bool(memory),
            "warm_up_s": round(warm_s, 2),
            "load_avg_1m_after": round(os.getloadavg()[0], 2),
            "wall_s": round(wall, 1),
            "turns_per_s": round(len(latencies) / wall, 1) if wall else 0.0,
            "turn_ms": _summary(latencies),
            "turns_timed": len(latencies),
            "errors": len(errors),
            "error_samples": errors[:5],
            "rows_expected": expected,
            "rows_counted": counted,
            "turns_lost": expected - counted,
            "statements_indexed": indexed,
        }


# -- recall latency at team scale -----------------------------------------------------------------


def _vectors(rng: Any, n: int, dim: int, topics: Any) -> Any:
    import numpy as np

    picks = rng.integers(0, len(topics), size=n)
    v = topics[picks] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32) / np.sqrt(dim)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def bench_team_vectors(n: int, *, people: int = 500, queries: int = 200, k: int = 5, chroma_url: str | None = None,
                       seed: int = 16, log: Any = None) -> dict[str, Any]:
    """Recall latency at `n` statements over `people` people, per-person collections vs one filtered.

    The two layouts are built one after the other from the same vectors (the first is deleted
    before the second is loaded, so the server holds one layout at a time)."""
    from urllib.parse import urlparse

    import chromadb
    import numpy as np

    say = log or (lambda msg: None)
    dim = 384
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((200, dim)).astype(np.float32)
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    per = n // people
    seeds = [int(x) for x in rng.integers(0, 2**31, size=people)]
    probe_people = sorted(int(x) for x in rng.choice(people, size=min(queries, people), replace=False))

    def person(p: int) -> tuple[Any, list[str], list[dict[str, Any]]]:
        r = np.random.default_rng(seeds[p])  # the same vectors for both layouts, made on demand
        return (_vectors(r, per, dim, topics), [f"p{p}-s{i}" for i in range(per)],
                [{"owner": f"p{p}", "session_id": f"p{p}-x{i // 8}", "turn_id": i} for i in range(per)])

    # Each probed person asks `repeat` times in a row, as in a session: the first query may find their
    # collection cold on the server, the next ones warm. Both are reported.
    repeat = 5
    probes: list[tuple[int, list[tuple[Any, set[str]]]]] = []
    for p in probe_people:
        vecs, ids, _ = person(p)
        asks = []
        for _ in range(repeat):
            j = int(rng.integers(0, per))
            q = vecs[j] + 0.3 * rng.standard_normal(dim).astype(np.float32) / np.sqrt(dim)
            q /= np.linalg.norm(q)
            asks.append((q, {ids[i] for i in np.argsort(-(vecs @ q))[:k]}))
        probes.append((p, asks))

    out: dict[str, Any] = {"machine": machine(), "statements": per * people, "people": people,
                           "statements_each": per, "queries": len(probes) * repeat, "k": k, "vectors": "synthetic, 384-d",
                           "ingest_per_s": {}}
    with (chroma_server() if chroma_url is None else _given(chroma_url)) as curl:
        u = urlparse(curl)
        client = chromadb.HttpClient(host=u.hostname, port=u.port,
                                     settings=chromadb.config.Settings(anonymized_telemetry=False))
        tag = f"{time.time():.0f}"
        for layout in ("per_person", "shared"):
            cols: dict[int, Any] = {}
            shared = None
            if layout == "shared":
                shared = client.create_collection(f"bench_shared_{tag}", configuration={"hnsw": {"space": "cosine"}},
                                                  embedding_function=None)
            t0 = time.perf_counter()
            for p in range(people):
                vecs, ids, metas = person(p)
                col = shared
                if col is None:
                    col = cols[p] = client.create_collection(
                        f"bench_p{p}_{tag}", configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
                for i in range(0, per, 5000):
                    col.add(ids=ids[i:i + 5000], embeddings=vecs[i:i + 5000], metadatas=metas[i:i + 5000],
                            documents=["x"] * len(ids[i:i + 5000]))
                if p % 100 == 99:
                    say(f"  {layout}: {(p + 1) * per:,} statements loaded")
            out["ingest_per_s"][layout] = round(per * people / (time.perf_counter() - t0))
            first: list[float] = []
            warm: list[float] = []
            found: list[float] = []
            for p, asks in probes:
                for n_ask, (q, exact) in enumerate(asks):
                    t = time.perf_counter()
                    if shared is None:
                        res = cols[p].query(query_embeddings=[q], n_results=k,
                                            include=["documents", "metadatas", "distances"])
                    else:
                        res = shared.query(query_embeddings=[q], n_results=k, where={"owner": f"p{p}"},
                                           include=["documents", "metadatas", "distances"])
                    (warm if n_ask else first).append((time.perf_counter() - t) * 1000)
                    got = set(res["ids"][0])
                    found.append(len(got & exact) / k)
                    if not all(i.startswith(f"p{p}-") for i in got):
                        raise AssertionError("a query returned someone else's statement")
            out[layout] = {"first_ms": _summary(first), "warm_ms": _summary(warm),
                           "recall_at_k": round(float(np.mean(found)), 3)}
            say(f"  {layout}: first query p50 {out[layout]['first_ms']['median']} ms, then p50 "
                f"{out[layout]['warm_ms']['median']} ms / p95 {out[layout]['warm_ms']['p95']} ms")
            for col in cols.values():
                client.delete_collection(col.name)
            if shared is not None:
                client.delete_collection(shared.name)
    return out
