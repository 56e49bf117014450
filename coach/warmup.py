"""Start-up work that can wait: heavy models load while the mentee is still typing.

A cold `coach chat` used to load everything before its first line (the embedder, lemminflect's
tables, the vector store's chromadb, and soon a spaCy parser), although the mentee then spends
seconds reading and typing. Modules hand such work to this hook instead of doing it at import or
in a constructor:

    from coach import warmup
    warmup.register("spacy", load_parser)           # e.g. in the analyzer's __init__
    ...
    warmup.wait("spacy")                            # where the model is first needed

What `register` does depends on the process's mode, which its entry point sets once:

    eager        (default: the library, tests, evals) run now, in the caller: as before
    background   (interactive chat, the app) run in order on one daemon thread; tasks marked
                 `idle=True` (the vector store) start only once the entry point says it is
                 waiting for input (`idle()`), so they never compete with the first screen
    lazy         (`chat --script`: the first message is already there, nothing to overlap with)
                 run nothing until `wait(name)` asks, in the caller; never-needed work is skipped

`wait(name)` always returns with the task done (or failed: the error is logged, and the caller's
own first use will raise it properly), so callers need no mode of their own.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from collections.abc import Callable
from typing import Literal

log = logging.getLogger(__name__)

Mode = Literal["eager", "background", "lazy"]


class _Task:
    __slots__ = ("done", "error", "fn", "idle", "name", "started")

    def __init__(self, name: str, fn: Callable[[], object], idle: bool) -> None:
        self.name, self.fn, self.idle = name, fn, idle
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.started = threading.Lock()  # whoever holds it runs the task (thread or caller)

    def run(self) -> None:
        if not self.started.acquire(blocking=False):
            return  # someone else runs it; waiters wait on `done`
        try:
            self.fn()
        except Exception as exc:  # noqa: BLE001 - a warm-up only: the real first use raises it
            self.error = exc
            log.info("warm-up %s failed: %s", self.name, exc)
        finally:
            self.done.set()


_mode: Mode = "eager"
_tasks: dict[str, _Task] = {}
_lock = threading.Lock()
_queue: queue.Queue[_Task | None] = queue.Queue()
_thread: threading.Thread | None = None
_idle = threading.Event()
_closing = threading.Event()
_resume = threading.Event()  # cleared between entry points and at exit: the worker starts no task then
_resume.set()
_gate = threading.Lock()  # guards _running against settle() and close()
_running: _Task | None = None
CLOSE_TIMEOUT_S = 30.0


def configure(mode: Mode) -> None:
    """Set how registered work runs (entry points call this once, before building the coach)."""
    global _mode
    _mode = mode
    if mode != "eager":
        _resume.set()  # (after a background run has settled, eager work runs in its callers, never on the thread)
    if mode == "eager":
        _idle.set()
    else:
        _idle.clear()


def mode() -> Mode:
    return _mode


def idle() -> None:
    """The entry point is about to wait for the person: start the work that was waiting for that."""
    _idle.set()


def wait_idle(timeout: float | None = None) -> bool:
    """Block until `idle()` (at once in eager mode). For background work that must not compete
    with the first screen."""
    return _idle.wait(timeout)


def _worker() -> None:
    global _running
    while True:
        task = _queue.get()
        if task is None:
            return
        if task.idle:
            _idle.wait()
        while True:
            _resume.wait()
            with _gate:
                if _closing.is_set():
                    return  # the process is exiting: start nothing new
                if _resume.is_set():
                    _running = task
                    break
        try:
            task.run()
        finally:
            with _gate:
                _running = None


def settle(timeout: float = CLOSE_TIMEOUT_S) -> None:
    """The entry point is done: let the task running now finish, and start no other until the next entry
    point sets a mode. A daemon thread still inside a native library (spaCy's warm parse, onnxruntime,
    chromadb) while the interpreter finalizes crashed `coach chat --resume` with SIGSEGV, after everything
    was saved, in about one run in eight."""
    with _gate:
        _resume.clear()
        running = _running
    if running is not None:
        running.done.wait(timeout)


def close(timeout: float = CLOSE_TIMEOUT_S) -> None:
    """At exit: as `settle`, and the worker thread ends."""
    with _gate:
        _closing.set()
        running = _running
    _resume.set()
    _idle.set()
    _queue.put(None)
    if running is not None:
        running.done.wait(timeout)
    thread = _thread
    if thread is not None and thread.is_alive() and thread is not threading.current_thread():
        thread.join(timeout)


atexit.register(close)


def register(name: str, fn: Callable[[], object], *, idle: bool = False) -> None:
    """Schedule `fn` (once per name) according to the mode; see the module docstring."""
    global _thread
    with _lock:
        if name in _tasks:
            return
        task = _tasks[name] = _Task(name, fn, idle)
        if _mode == "background":
            _queue.put(task)
            if _thread is None:
                _thread = threading.Thread(target=_worker, name="bedrock-warmup", daemon=True)
                _thread.start()
            return
    if _mode == "eager":
        task.run()


def wait(name: str, timeout: float | None = None) -> bool:
    """Block until task `name` is done (running it here if nobody has started it). True when done;
    an unknown name counts as done."""
    task = _tasks.get(name)
    if task is None:
        return True
    if not task.done.is_set():
        task.run()  # lazy, or still queued: whoever needs it first runs it (no-op if running)
    return task.done.wait(timeout)


def ready(name: str) -> bool:
    task = _tasks.get(name)
    return task is None or task.done.is_set()


def reset() -> None:
    """Forget every task (tests). A running background thread finishes what it has."""
    with _lock:
        _tasks.clear()
    configure("eager")


class using:
    """`with warmup.using("background"): ...` - the mode for one entry point's run, then back to
    eager (a test runner may call several entry points in one process)."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.before: Mode = "eager"

    def __enter__(self) -> using:
        self.before = _mode
        configure(self.mode)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.mode == "background":
            settle()  # nothing of this run's warm-up may still be inside a native library when it returns
        configure(self.before)
        if self.before == "eager":
            _idle.set()
