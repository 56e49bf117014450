"""The chromadb side of the vector memory: connecting (a folder or a server), opening the collections,
upgrading an old single-collection store, recovering from a missing or corrupt folder by rebuilding
from SQLite, and running every operation under one lock with that recovery. `VectorMemory`
(coach/store/vectors.py) builds on it with what is written and read.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlparse

import chromadb

from coach.errors import StoreError
from coach.store.embed import SHIPPED_NAME, Embedder
from coach.types import ShareLevel

if TYPE_CHECKING:
    from coach.config import Settings
    from coach.store.sql import Store

from coach.store import chroma_schema
from coach.store.chroma_schema import (
    CHROMA_MAX_BATCH,
    LEVELS,
    BedrockEmbeddingFunction,
    _environment_trouble,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


class ChromaConnection:
    """The connection half of `VectorMemory`; its attributes are set by `VectorMemory.__init__`."""

    settings: Settings
    collection: str
    names: dict[ShareLevel, str]
    embedder: Embedder
    path: Path
    _store: Store | None
    _own_store: bool
    _lock: threading.RLock
    _ef: BedrockEmbeddingFunction
    _client: Any
    _cols: dict[ShareLevel, Any] | None
    _pool: ThreadPoolExecutor | None
    _dirty: bool

    def _reindex_unlocked(self, store: Store, batch: int = 2000) -> int:
        """Rebuild every collection from SQLite (VectorMemory does it; recovery needs it here)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ plumbing

    @property
    def server_mode(self) -> bool:
        return bool(self.settings.chroma_url)

    def _sql(self) -> Store:
        if self._store is None:
            from coach.store.sql import Store

            self._store = Store(self.settings.db_path)
            self._own_store = True
        return self._store

    def _chroma_settings(self) -> chromadb.config.Settings:
        # No telemetry: Bedrock runs offline and must make no outbound connections.
        return chromadb.config.Settings(anonymized_telemetry=False, allow_reset=True)

    def _connect(self) -> Any:
        if self.server_mode:
            url = urlparse(str(self.settings.chroma_url))
            try:
                return chromadb.HttpClient(
                    host=url.hostname or "127.0.0.1",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=self._chroma_settings(),
                )
            except Exception as exc:  # noqa: BLE001 - chromadb raises httpx / ValueError / its own errors here
                raise StoreError(
                    f"Cannot reach the chroma server at {self.settings.chroma_url} ({exc}). Start it with "
                    "`chroma run --path DIR`, or unset COACH_CHROMA_URL to use the embedded store."
                ) from None
        self.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(self.path), settings=self._chroma_settings())

    def _open(self) -> None:
        try:
            client = self._connect()
            names = {c.name for c in client.list_collections()}
            legacy = self.collection in names
            complete = all(name in names for name in self.names.values())
            if not complete:  # a half-made layout (or none): start from empty collections
                self._drop_levels(client, names)
            cols = self._get_collections(client)
            made_by = (cols[ShareLevel.PRIVATE].metadata or {}).get("embedder", SHIPPED_NAME)
            if complete and made_by != self.embedder.name:
                # Vectors from another embedding model are not comparable with ours: rebuild from SQLite.
                log.info("vector store at %s was made by %s, not %s; rebuilding it", self.path, made_by, self.embedder.name)
                self._drop_levels(client)
                complete = False
                cols = self._get_collections(client)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - a corrupt folder shows up as sqlite, rust or chromadb errors alike
            if self.server_mode:
                raise StoreError(f"The chroma server at {self.settings.chroma_url} failed: {exc}.") from None
            trouble = _environment_trouble(exc)
            if trouble:  # the disk, not the index: wiping it would lose it and rebuild nothing
                self._close_client(drop_cached=True)
                raise StoreError(f"Cannot open the search index at {self.path}: {trouble}") from None
            log.warning("vector store at %s unreadable (%s); rebuilding it from SQLite", self.path, exc)
            self._wipe()
            try:
                client = self._connect()
                legacy = complete = False
                cols = self._get_collections(client)
            except Exception as again:  # noqa: BLE001 - a fresh folder failed too: say why, plainly
                self._close_client(drop_cached=True)
                raise StoreError(
                    f"Cannot create the search index at {self.path}: "
                    f"{_environment_trouble(again) or again}"
                ) from None
        self._client, self._cols = client, cols
        if self.server_mode:
            # A chroma server loads a collection on its first use (10-70 ms; `coach bench
            # --team-vectors`): touch them now, on the memory's own thread, so a person's first
            # recall of a session does not wait for it.
            for col in cols.values():
                col.count()
        if legacy:
            self._upgrade_legacy(copy=self.embedder.name == SHIPPED_NAME)  # the old layout predates other models
        elif not complete and self._sql().count_mentee_turns():
            self._reindex_unlocked(self._sql())

    def _get_collections(self, client: Any) -> dict[ShareLevel, Any]:
        return {
            lvl: client.get_or_create_collection(
                name,
                embedding_function=self._ef,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"embedder": self.embedder.name},
            )
            for lvl, name in self.names.items()
        }

    def _drop_levels(self, client: Any, names: set[str] | None = None) -> None:
        for name in self.names.values():
            if names is None or name in names:
                try:
                    client.delete_collection(name)
                except Exception as exc:  # noqa: BLE001 - already gone (chromadb raises NotFoundError or ValueError)
                    log.debug("delete_collection %s: %s", name, exc)

    def _upgrade_legacy(self, copy: bool = True) -> None:
        """Move a store from the old single-collection layout to one collection per share level.

        The vectors are copied (no re-embedding), each filed by its session's current share in
        SQLite; statements of sessions no longer in SQLite are dropped. If anything goes wrong the
        level collections are rebuilt from SQLite instead. The old collection is deleted either way.
        """
        assert self._client is not None and self._cols is not None
        log.info("vector store at %s uses the old single-collection layout; upgrading it", self.path)
        if not copy:  # its vectors came from another embedding model: re-embed from SQLite instead
            self._reindex_unlocked(self._sql())
            self._delete_legacy()
            return
        try:
            old = self._client.get_collection(self.collection, embedding_function=self._ef)
            offset = 0
            while True:
                got = old.get(include=["embeddings", "documents", "metadatas"], limit=CHROMA_MAX_BATCH, offset=offset)
                ids = got["ids"]
                if not ids:
                    break
                offset += len(ids)
                metas = got["metadatas"]
                shares = self._sql().session_shares([m["session_id"] for m in metas])
                for lvl in LEVELS:
                    rows = [i for i, m in enumerate(metas) if shares.get(m["session_id"]) is lvl]
                    if rows:
                        chroma_schema.upsert(
                            self._cols[lvl],
                            [ids[i] for i in rows],
                            [got["embeddings"][i] for i in rows],
                            [got["documents"][i] for i in rows],
                            [{**metas[i], "share": lvl.value} for i in rows],
                        )
        except Exception as exc:  # noqa: BLE001 - an old layout that will not upgrade is rebuilt from SQLite, whatever broke
            log.warning("upgrading the vector store failed (%s); rebuilding it from SQLite", exc)
            self._drop_levels(self._client)
            self._cols = self._get_collections(self._client)
            self._reindex_unlocked(self._sql())
        self._delete_legacy()

    def _delete_legacy(self) -> None:
        assert self._client is not None
        try:
            self._client.delete_collection(self.collection)
        except Exception as exc:  # noqa: BLE001 - a legacy collection that is already gone or unreadable: nothing to delete
            log.debug("delete_collection %s: %s", self.collection, exc)

    def _close_client(self, *, drop_cached: bool = False) -> None:
        client, self._client, self._cols = self._client, None, None
        if client is not None:
            try:
                client.close()
            except Exception as exc:  # noqa: BLE001 - closing a broken client must not stop the rebuild
                log.debug("closing chroma client failed: %s", exc)
        if drop_cached and not self.server_mode:
            # chromadb caches one System per folder in-process, and a client that failed to open
            # can leave a half-started one behind: drop it so the next open starts afresh.
            from chromadb.api.shared_system_client import SharedSystemClient

            system = SharedSystemClient._identifier_to_system.pop(str(self.path), None)
            SharedSystemClient._identifier_to_refcount.pop(str(self.path), None)
            if system is not None:
                try:
                    system.stop()
                except Exception as exc:  # noqa: BLE001 - stopping a half-started system must not stop the rebuild
                    log.debug("stopping chroma system failed: %s", exc)

    def _wipe(self) -> None:
        """Remove the vector folder. Safe: it is derived data, rebuilt from SQLite."""
        self._close_client(drop_cached=True)
        if self.path.is_symlink() or self.path.is_file():
            self.path.unlink()
        elif self.path.exists():
            shutil.rmtree(self.path)

    def _recover(self, why: object) -> None:
        log.warning("vector store at %s broken (%s); rebuilding it from SQLite", self.path, why)
        self._wipe()
        self._open()  # the fresh collections are empty, so _open reindexes from SQLite

    def _run(self, op: Callable[[dict[ShareLevel, Any]], T]) -> T:
        """Run `op(collections)`; if the embedded store is gone or broken, rebuild once and retry."""
        with self._lock:
            if self._cols is None:
                self._open()
            elif not self.server_mode and not (self.path / "chroma.sqlite3").exists():
                self._recover("its files were deleted")
            try:
                return op(self._cols)  # type: ignore[arg-type]
            except StoreError:
                raise
            except Exception as exc:  # noqa: BLE001 - chromadb fails in many types: a server's failure becomes a StoreError, a local store is rebuilt
                if self.server_mode:
                    raise StoreError(f"The chroma server at {self.settings.chroma_url} failed: {exc}.") from None
                self._recover(exc)
                return op(self._cols)  # type: ignore[arg-type]

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None
            self._close_client()
            if self._own_store and self._store is not None:
                self._store.close()
                self._store = None
