"""The vector memory, kept off the turn's critical path.

chromadb takes about a second to import and an upsert embeds the statement again, so the agent talks
to memory through `BackgroundMemory`: it opens `VectorMemory` on a worker thread (overlapping the
embedder's start-up) and indexes statements from a queue. SQLite stays the source of truth, so a
statement not yet indexed when the process dies is picked up by `coach reindex` (and nothing is lost).

Reads (`recall`) are answered only once the memory is open; before that a turn simply has no recall,
which is what the policy would do anyway on most turns.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from coach import warmup

log = logging.getLogger(__name__)

FLUSH_TIMEOUT_S = 30.0


class BackgroundMemory:
    def __init__(self, factory: Callable[[], Any]) -> None:
        self._factory = factory
        self._memory: Any = None
        self._error: Exception | None = None
        self._ready = threading.Event()
        self._jobs: queue.Queue[Callable[[Any], None] | threading.Event | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="bedrock-memory", daemon=True)
        self._thread.start()
        atexit.register(self.flush)

    @property
    def error(self) -> Exception | None:
        return self._error

    def _run(self) -> None:
        # chromadb's import alone is ~1 s of the GIL: in an interactive chat or the app it waits
        # until the first screen is up and the mentee is typing (coach/warmup.py).
        warmup.wait_idle()
        try:
            self._memory = self._factory()
        except Exception as exc:  # noqa: BLE001 - any failure here (a full disk, a read-only folder,
            # a broken install) must cost only the memory, never a thread traceback on the screen
            log.warning("vector memory unavailable, continuing without it: %s", exc)
            self._error = exc
        finally:
            self._ready.set()
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if isinstance(job, threading.Event):
                    job.set()  # a flush marker: always answered, memory or not
                elif self._memory is not None:
                    job(self._memory)
            except Exception as exc:  # noqa: BLE001 - SQLite has the statement; the memory catches
                # up with it when it next opens (VectorMemory.catch_up), so a failed job is a warning
                log.warning("memory job failed: %s", exc)
            finally:
                self._jobs.task_done()

    def wait(self, timeout: float | None = None) -> Any:
        """Block until the memory is open; the VectorMemory, or None when unavailable."""
        warmup.idle()  # someone needs it now: stop holding it back for the first screen
        self._ready.wait(timeout)
        return self._memory

    # -- writes go through the queue, in order --------------------------------------------------
    def index(self, turn: Any, session: Any, analysis: Any) -> None:
        self._jobs.put(lambda m: m.index(turn, session, analysis))

    def set_share(self, session_id: str, level: Any) -> None:
        self._jobs.put(lambda m: m.set_share(session_id, level))

    def forget_session(self, session_id: str) -> None:
        self.flush()
        memory = self.wait()
        if memory is not None:
            memory.forget_session(session_id)

    # -- reads ------------------------------------------------------------------------------------
    def recall(self, text: str, session_id: str) -> Any:
        if not self._ready.is_set() or self._memory is None:
            return None
        return self._memory.recall(text, session_id)

    def search(self, text: str, n: int = 5, **kw: Any) -> list[Any]:
        self.flush()
        memory = self.wait()
        return [] if memory is None else memory.search(text, n, **kw)

    def flush(self, timeout: float = FLUSH_TIMEOUT_S) -> None:
        """Wait (bounded) until every queued job is done: called at exit and before reads."""
        if not self._thread.is_alive():
            return
        warmup.idle()
        done = threading.Event()
        self._jobs.put(done)  # type: ignore[arg-type]
        done.wait(timeout)

    def close(self) -> None:
        self.flush()
        self._jobs.put(None)
