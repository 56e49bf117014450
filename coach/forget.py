"""Forgetting, as one operation over both stores: "forget" means gone, from every file.

The words live in two places: SQLite (the truth: turns, summary items, the policy state) and the
vector memory (chromadb: each statement's text and vector, plus chromadb's own log). One operation:

    1. SQLite, in ONE transaction: the rows go, every quote of them elsewhere goes, and a tombstone
       (`meta` key `forget:session:ID`, `forget:turn:ID`, `forget:all`) is written. Then the file is
       scrubbed: secure_delete, VACUUM, an emptied WAL.
    2. The vector memory finishes every tombstone it finds (`VectorMemory.finish_pending`): deletes,
       then scrubs chromadb's files (coach/store/purge.py), then removes the tombstones.

Killed between 1 and 2 (or with the memory unavailable), the tombstone stays, and step 2 runs the
next time any Bedrock process opens the memory (a chat, the app, `coach search`) or `coach reindex`
runs; `coach forget ID` again finishes it too, instead of answering "No session". A reindex running
in another process meanwhile cannot bring the words back: the memory checks every write against
SQLite and deletes what belongs to a forgotten session (VectorMemory._drop_vanished).

`memory` below is whatever the caller has: a VectorMemory, the agent's BackgroundMemory, a
zero-argument factory (the CLI opens chromadb only when needed), or None (the tombstone waits).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coach.errors import CoachError, NotFound
from coach.store.sql import Store

log = logging.getLogger(__name__)

MemoryLike = Any  # VectorMemory | BackgroundMemory | Callable[[], VectorMemory] | None


@dataclass(slots=True)
class Forgotten:
    """What a forget did. `pending` lists tombstones still waiting for the vector memory."""

    target: str
    sessions: int = 0
    pending: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.pending


def _vector_memory(memory: MemoryLike) -> Any:
    """The VectorMemory behind whatever the caller holds, or None when it is unavailable."""
    if memory is None:
        return None
    if hasattr(memory, "finish_pending"):
        return memory
    if hasattr(memory, "wait"):  # BackgroundMemory: let queued writes land first, then use it
        memory.flush()
        return memory.wait()
    if callable(memory):
        return memory()
    return None


def finish(store: Store, memory: MemoryLike) -> tuple[str, ...]:
    """Finish every pending forget. Returns the tombstones still pending (memory unavailable)."""
    if not store.pending_forgets():
        return ()
    try:
        vm = _vector_memory(memory)
        if vm is not None:
            vm.finish_pending()
    except CoachError as exc:
        log.warning("the vector memory could not finish forgetting yet: %s", exc)
    return tuple(store.pending_forgets())


def forget_session(store: Store, memory: MemoryLike, session_id: str) -> Forgotten:
    target = f"session:{session_id}"
    try:
        store.forget_session(session_id)
    except NotFound:
        if target not in store.pending_forgets():
            raise
        # a forget that was interrupted half-way: finish it rather than answer "No session"
    return Forgotten(target, 1, finish(store, memory))


def forget_everything(store: Store, memory: MemoryLike) -> Forgotten:
    n = store.forget_all()
    return Forgotten("all", n, finish(store, memory))


def forget_statement(store: Store, memory: MemoryLike, turn_id: int) -> Forgotten:
    target = f"turn:{turn_id}"
    try:
        store.forget_turn(turn_id)
    except NotFound:
        if target not in store.pending_forgets():
            raise
    return Forgotten(target, 0, finish(store, memory))


def edit_statement(store: Store, memory: MemoryLike, turn_id: int, text: str) -> Forgotten:
    """Reword a statement: the old words are erased like a forget; the new ones are indexed."""
    store.edit_turn(turn_id, text)
    return Forgotten(f"edit:{turn_id}", 0, finish(store, memory))


def opener(settings: Any, store: Store) -> Callable[[], Any]:
    """A factory for the CLI: opens the vector memory (chromadb) only if a forget needs it."""

    def open_memory() -> Any:
        from coach.store.vectors import VectorMemory

        return VectorMemory(settings, store=store)

    return open_memory
