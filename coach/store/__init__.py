"""Storage: SQLite (the source of truth), chromadb vector memory (derived), the offline embedder.

`VectorMemory` is imported lazily: chromadb takes about a second to import, and most callers
(`coach sessions`, `coach check`, the summary) only need the SQLite store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coach.store.share import load_share_file, render_markdown, validate_share, write_share_files
from coach.store.sql import SHARE_FORMAT, SHARE_VERSION, Store

if TYPE_CHECKING:
    from coach.store.vectors import RECALL_THRESHOLD, BedrockEmbeddingFunction, VectorMemory

def open_store(settings: Any, person_id: str | None = None) -> Store:
    """The store these settings name: the team's PostgreSQL (`COACH_DATABASE_URL`), seen as
    `person_id`, or this device's SQLite file. Both have the same API (coach/store/protocol.py)."""
    if settings.database_url:
        if not person_id:
            from coach.errors import Refused

            raise Refused("The team store is opened as a person: sign in first.")
        from coach.store.pg import PgStore

        return PgStore(settings.database_url, person_id)
    return Store(settings.db_path)


__all__ = [
    "RECALL_THRESHOLD",
    "SHARE_FORMAT",
    "SHARE_VERSION",
    "BedrockEmbeddingFunction",
    "Store",
    "VectorMemory",
    "load_share_file",
    "open_store",
    "render_markdown",
    "validate_share",
    "write_share_files",
]

_LAZY = {"VectorMemory", "BedrockEmbeddingFunction", "RECALL_THRESHOLD"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from coach.store import vectors

        return getattr(vectors, name)
    raise AttributeError(f"module 'coach.store' has no attribute {name!r}")
