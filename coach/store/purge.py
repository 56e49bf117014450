"""Leaving no readable trace of forgotten words on disk: the two SQLite files and the index folders.

Deleting rows is not forgetting. What stays behind, and what this module does about it:

- Free pages and the WAL. Deleted rows leave their bytes in free pages and in the write-ahead log.
  Both files are opened with `secure_delete` (freed content is zeroed), then VACUUMed (the file is
  rebuilt from live rows only) and the WAL is checkpointed and truncated.
- chromadb's embeddings queue. The vector store logs every upsert, with the statement's text in
  its metadata, and keeps the log until its vector index is next persisted (every 1,000 writes or
  so): a deleted statement stays readable in `embeddings_queue`. The payload of every record whose
  statement no longer exists (or was since replaced by an edit) is cleared. Only the payload: the
  vector index replays the log's vectors and ids on open, and the record must stay for that.
- chromadb's full-text index (FTS5) keeps deleted terms in its segments until they are merged:
  'optimize' merges them.
- Orphaned index folders. A deleted collection's HNSW folder is not always removed; any folder in
  the vector store that no segment refers to is deleted.

All of it is idempotent: running it again finds nothing more to do, so an interrupted forget is
finished by running it again (coach/forget.py keeps the tombstones that make sure it is).
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
BUSY_MS = 30_000  # another process may be writing: wait for it rather than fail the forget


def vacuum(conn: sqlite3.Connection) -> None:
    """secure_delete on, VACUUM, and an emptied WAL, on an open connection (outside a transaction)."""
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("VACUUM")
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() == "wal":
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def scrub_chroma(folder: Path) -> None:
    """Remove the payload of deleted statements from a chromadb folder (see the module docstring).

    Raises sqlite3.Error when the file cannot be cleaned (locked past the timeout, corrupt, full).
    """
    db = folder / "chroma.sqlite3"
    if db.exists():
        conn = sqlite3.connect(str(db), timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("BEGIN IMMEDIATE")
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if {"embeddings_queue", "embeddings", "segments", "collections"} <= tables:
                    _clear_queue(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            if "embedding_fulltext_search" in tables:
                conn.execute("INSERT INTO embedding_fulltext_search(embedding_fulltext_search) VALUES('optimize')")
            vacuum(conn)
            live = _vector_segments(conn, tables)
        finally:
            conn.close()
        _remove_orphans(folder, live)


def _clear_queue(conn: sqlite3.Connection) -> None:
    # Records of collections that no longer exist: nothing will ever replay them.
    conn.execute(
        "DELETE FROM embeddings_queue WHERE NOT EXISTS "
        "(SELECT 1 FROM collections c WHERE embeddings_queue.topic LIKE '%/' || c.id)"
    )
    # Records of statements that no longer exist in their collection: keep the record (the vector
    # index may still replay it), drop the text.
    conn.execute(
        """UPDATE embeddings_queue SET metadata = NULL
           WHERE metadata IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM embeddings e JOIN segments s ON e.segment_id = s.id
             WHERE e.embedding_id = embeddings_queue.id AND s.scope = 'METADATA'
               AND embeddings_queue.topic LIKE '%/' || s.collection)"""
    )
    # Earlier versions of a statement edited since: only the latest record keeps its text.
    conn.execute(
        """UPDATE embeddings_queue SET metadata = NULL
           WHERE metadata IS NOT NULL AND seq_id < (
             SELECT MAX(q.seq_id) FROM embeddings_queue q
             WHERE q.id = embeddings_queue.id AND q.topic = embeddings_queue.topic)"""
    )


def _vector_segments(conn: sqlite3.Connection, tables: set[str]) -> set[str] | None:
    if "segments" not in tables:
        return None
    return {str(r[0]) for r in conn.execute("SELECT id FROM segments WHERE scope = 'VECTOR'")}


def _remove_orphans(folder: Path, live: set[str] | None) -> None:
    if live is None:
        return  # not a chroma folder we understand: touch nothing
    for child in folder.iterdir():
        if child.is_dir() and _UUID.match(child.name) and child.name not in live:
            log.info("removing orphaned vector index folder %s", child)
            shutil.rmtree(child, ignore_errors=True)
