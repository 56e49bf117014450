"""`coach bench --mirror`: how long `coach mirror` takes on a 60-minute conversation (~10,000 words).

Measured, never asserted in tests. Two figures, each over several runs (median and p95):

* in process: parse + label + analyze + summarize with the models already loaded, every per-sentence
  cache emptied before each run (a mentor mirrors a conversation once; warm caches would flatter);
* command: wall time of a fresh `coach mirror FILE --mentor Mentor --json` process, the way a mentor
  runs it (interpreter start, imports and model loading included).

The default conversation is the mirror eval set's conversations in a row (real mentoring talk in
many voices), cycled to the word count, with later passes reworded slightly so no sentence repeats.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from coach.bench.offline import percentile

TARGET_S = 5.0
_OPENERS = ("Well,", "Right,", "So,", "Okay,", "Mm,", "And,", "Now,", "Look,")
_CACHED_MODULES = (
    "coach.guard", "coach.language", "coach.lexicon", "coach.mentor.mirror.rules",
    "coach.mentor.mirror.features", "coach.mentor.mirror.label",
)


def _dataset_turns() -> list[tuple[str, str]]:
    from importlib.resources import files

    try:
        raw = (files("evals") / "datasets" / "mirror.jsonl").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise FileNotFoundError("the mirror eval set is not installed: pass a transcript FILE to bench") from None
    turns: list[tuple[str, str]] = []
    for line in raw.splitlines():
        if line.strip():
            conv = json.loads(line)
            turns += [("Mentor" if t["speaker"] == conv["mentor"] else "Mentee", t["text"]) for t in conv["turns"]]
    return turns


def conversation(words: int = 10_000) -> str:
    """A mentoring conversation of about `words` words as `Name: line` text (speakers Mentor, Mentee)."""
    base = _dataset_turns()
    lines: list[str] = []
    n = 0
    k = 0
    while n < words:
        who, text = base[k % len(base)]
        rnd = k // len(base)
        if rnd:  # a later pass: reword the start so caches and the labeller see a new sentence
            text = f"{_OPENERS[(k + rnd) % len(_OPENERS)]} {text[:1].lower()}{text[1:]}"
        lines.append(f"{who}: {text}")
        n += len(text.split())
        k += 1
    return "\n".join(lines) + "\n"


def _clear_caches() -> None:
    """Empty every per-sentence cache (lru_caches with room for more than one entry) the mirror reads."""
    for name in _CACHED_MODULES:
        mod = importlib.import_module(name)
        for obj in vars(mod).values():
            if isinstance(obj, functools._lru_cache_wrapper) and obj.cache_info().maxsize not in (None, 1):
                obj.cache_clear()


def _stats(values: list[float]) -> dict[str, float]:
    return {"median_s": round(statistics.median(values), 3), "p95_s": round(percentile(values, 0.95), 3),
            "min_s": round(min(values), 3), "max_s": round(max(values), 3), "runs": len(values)}


def bench_mirror(text: str | None = None, *, runs: int = 5, words: int = 10_000, command: bool = True) -> dict[str, Any]:
    from coach.mentor.mirror.parse import parse
    from coach.mentor.mirror.run import Mirror, preload

    text = text if text is not None else conversation(words)
    n_words = sum(len(u.text.split()) for u in parse(text).utterances)
    t0 = time.perf_counter()
    mirror = Mirror()
    _ = mirror.analyzer  # load the models before the timed runs
    preload()
    load_s = time.perf_counter() - t0
    timings: list[float] = []
    report = None
    for _ in range(runs):
        _clear_caches()
        t = time.perf_counter()
        tr = parse(text)
        report = mirror.run(tr, "Mentor" if "Mentor" in tr.speakers else None)
        timings.append(time.perf_counter() - t)
    assert report is not None
    out: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_avg_1m": round(os.getloadavg()[0], 2)},
        "words": n_words,
        "turns": len(report.turns),
        "mentor_sentences": sum(len(t.sentences) for t in report.turns),
        "model_load_s": round(load_s, 3),
        "in_process": _stats(timings),
        "target_s": TARGET_S,
    }
    if command:
        out["command"] = _stats(_command_runs(text, runs))
    return out


def _command_runs(text: str, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "conversation.txt"
        path.write_text(text, encoding="utf-8")
        env = dict(os.environ, COACH_HOME=str(Path(tmp) / "home"))
        cmd = [sys.executable, "-c", "from coach.cli import main; main()", "mirror", str(path), "--json"]
        if "\nMentor: " in "\n" + text:
            cmd += ["--mentor", "Mentor"]
        out = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
            out.append(time.perf_counter() - t)
        return out
