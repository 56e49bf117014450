"""The background memory worker: statements typed in `coach chat --script` end up in the vector
memory, run after run, and a flush never hangs when the memory could not open."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from coach.memory import BackgroundMemory

COACH = [str(Path(sys.executable).with_name("coach"))]


@pytest.mark.slow
def test_each_script_run_is_indexed_in_the_same_home(tmp_path, coach_home):
    script = tmp_path / "one.txt"
    script.write_text("I love teaching people how systems fit together\n", encoding="utf-8")
    env = dict(os.environ, COACH_HOME=str(coach_home))
    for _ in range(2):  # the second run opens an existing vector store (the case that once failed)
        subprocess.run([*COACH, "chat", "--script", str(script), "--json"], env=env, check=True,
                       capture_output=True, timeout=120)
    out = subprocess.run([*COACH, "search", "teaching systems", "--json"], env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    assert out.count("I love teaching people how systems fit together") == 2, out


def test_flush_returns_when_the_memory_cannot_open():
    def broken():
        raise RuntimeError("cannot open")

    mem = BackgroundMemory(broken)
    mem.index(None, None, None)
    done = threading.Event()
    t = threading.Thread(target=lambda: (mem.flush(timeout=20), done.set()))
    t.start()
    t.join(25)
    assert done.is_set() and mem.error is not None and mem.wait(1) is None
