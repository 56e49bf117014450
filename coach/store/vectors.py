"""Vector memory: the mentee's past statements in chromadb, for semantic search and recall.

This is a derived index. SQLite (coach.store.sql) is the source of truth; everything here can be
rebuilt from it with `reindex(store)`, and is, automatically, when the vector folder is missing,
deleted under a running app, or corrupt. Choices, and why:

- One collection, cosine space, vectors from the offline int8 MiniLM embedder (coach.store.embed).
  We embed ourselves and pass vectors to chromadb (one embedder instance, batching under our
  control), but still register `BedrockEmbeddingFunction` with chromadb so the collection's stored
  config names a function any process can rebuild (no paths stored: they are resolved at run time).
- Sharing is enforced twice: a `where` filter on the statement's share level, then a check of the
  hits against SQLite's current session share (so a session made private a moment ago, or forgotten,
  never shows up even if its vectors are stale).
- Statements that should never be played back are not indexed: crisis disclosures, injection
  attempts, empty and low-effort messages.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlparse

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from coach.errors import StoreError
from coach.store.embed import Embedder, get_embedder
from coach.types import Analysis, Kind, MemoryHit, Session, ShareLevel, Turn

if TYPE_CHECKING:
    from coach.config import Settings
    from coach.store.sql import Store

log = logging.getLogger(__name__)

COLLECTION = "bedrock_statements"
# Cosine similarity a past statement needs before the coach plays it back ("last month you said...").
# Measured with the int8 MiniLM on hand-written career statements: 45 pairs about *different*
# motivations scored 0.00-0.43 (median 0.19); 10 reworded pairs about the same need 0.12-0.56
# (median 0.37) - the model is fairly lexical - and the same goal with another reason ("tech lead
# because I like mentoring" / "... because it pays more") 0.77. So 0.55 keeps every different-need
# pair out with a margin and recalls statements that share the mentee's words and topic. Recall
# plays back verbatim words with their date, so a same-topic hit is still faithful; a low threshold
# would play back unrelated things, which costs more trust than a missed recall.
RECALL_THRESHOLD = 0.55
CHROMA_MAX_BATCH = 5000  # chromadb refuses batches above ~5,461
SKIP_KINDS = {Kind.CRISIS, Kind.INJECTION, Kind.EMPTY, Kind.LOW_EFFORT}
BEDROCK_SCORE = 0.5  # analysis.bedrock_score at or above this marks a statement as bedrock

T = TypeVar("T")


@register_embedding_function
class BedrockEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb's view of the offline embedder. Its config holds no paths (resolved at run time)."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self._embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        embedder = self._embedder or get_embedder()
        return list(embedder.embed(list(input)))

    @staticmethod
    def name() -> str:
        return "bedrock-minilm-int8"

    def get_config(self) -> dict[str, Any]:
        return {"model": Embedder.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "BedrockEmbeddingFunction":
        return BedrockEmbeddingFunction()

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine"]


def _analysis(value: Analysis | dict[str, Any] | None) -> Analysis | None:
    if value is None or isinstance(value, Analysis):
        return value
    try:
        return Analysis.from_dict(value)
    except (KeyError, TypeError, ValueError):
        return None  # an analysis from an older schema: index the words without its labels


def _indexable(turn: Turn, analysis: Analysis | None) -> bool:
    if turn.role != "mentee" or not turn.text.strip():
        return False
    return analysis is None or not (set(analysis.kinds) & SKIP_KINDS)


def _metadata(turn: Turn, session: Session, analysis: Analysis | None) -> dict[str, Any]:
    motivations = [str(m.motivation) for m in analysis.motivations] if analysis else []
    bedrock = bool(analysis and (analysis.has(Kind.BEDROCK) or analysis.bedrock_score >= BEDROCK_SCORE))
    return {
        "session_id": session.id,
        "turn_id": turn.id,
        "date": turn.created_at[:10],
        "created_at": turn.created_at,
        "motivations": ",".join(motivations),
        "bedrock": bedrock,
        "share": ShareLevel(session.share).value,
    }


def _visible_levels(audience: ShareLevel) -> list[str]:
    return [lvl.value for lvl in ShareLevel if lvl.visible_to(audience)]


class VectorMemory:
    """Past mentee statements, searchable by meaning. See the module docstring.

    `store` is the SQLite store to rebuild from and to check hits against; when omitted, the store
    at `settings.db_path` is opened on first need. `collection` lets several homes (or tests) share
    one chroma server.
    """

    def __init__(
        self,
        settings: "Settings",
        embedder: Embedder | None = None,
        *,
        store: "Store | None" = None,
        collection: str = COLLECTION,
    ) -> None:
        self.settings = settings
        self.collection = collection
        self.embedder = embedder or get_embedder()
        self.path: Path = settings.vector_path
        self._store = store
        self._own_store = False
        self._lock = threading.RLock()
        self._ef = BedrockEmbeddingFunction(self.embedder)
        self._client: Any = None
        self._col: Any = None
        with self._lock:
            self._open()

    # ------------------------------------------------------------------ plumbing

    @property
    def server_mode(self) -> bool:
        return bool(self.settings.chroma_url)

    def _sql(self) -> "Store":
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
            except Exception as exc:  # chromadb raises httpx / ValueError / its own errors here
                raise StoreError(
                    f"Cannot reach the chroma server at {self.settings.chroma_url} ({exc}). Start it with "
                    "`chroma run --path DIR`, or unset COACH_CHROMA_URL to use the embedded store."
                ) from None
        self.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(self.path), settings=self._chroma_settings())

    def _open(self) -> None:
        try:
            client = self._connect()
            existed = self.collection in {c.name for c in client.list_collections()}
            col = self._get_collection(client)
        except StoreError:
            raise
        except Exception as exc:  # a corrupt folder shows up as sqlite, rust or chromadb errors alike
            if self.server_mode:
                raise StoreError(f"The chroma server at {self.settings.chroma_url} failed: {exc}.") from None
            log.warning("vector store at %s unreadable (%s); rebuilding it from SQLite", self.path, exc)
            self._wipe()
            client = self._connect()
            existed = False
            col = self._get_collection(client)
        self._client, self._col = client, col
        if not existed and self._sql().count_mentee_turns():
            self._reindex_unlocked(self._sql())

    def _get_collection(self, client: Any) -> Any:
        return client.get_or_create_collection(
            self.collection, embedding_function=self._ef, configuration={"hnsw": {"space": "cosine"}}
        )

    def _close_client(self, *, drop_cached: bool = False) -> None:
        client, self._client, self._col = self._client, None, None
        if client is not None:
            try:
                client.close()
            except Exception as exc:  # closing a broken client must not stop the rebuild
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
                except Exception as exc:
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
        self._open()  # the fresh collection is empty, so _open reindexes from SQLite

    def _run(self, op: Callable[[Any], T]) -> T:
        """Run `op(collection)`; if the embedded store is gone or broken, rebuild once and retry."""
        with self._lock:
            if self._col is None:
                self._open()
            elif not self.server_mode and not (self.path / "chroma.sqlite3").exists():
                self._recover("its files were deleted")
            try:
                return op(self._col)
            except StoreError:
                raise
            except Exception as exc:
                if self.server_mode:
                    raise StoreError(f"The chroma server at {self.settings.chroma_url} failed: {exc}.") from None
                self._recover(exc)
                return op(self._col)

    def close(self) -> None:
        with self._lock:
            self._close_client()
            if self._own_store and self._store is not None:
                self._store.close()
                self._store = None

    # ------------------------------------------------------------------ writing

    def index(self, turn: Turn, session: Session, analysis: Analysis | dict[str, Any] | None = None) -> None:
        """Add or update one mentee statement (coach turns and unplayable statements are skipped)."""
        if analysis is None:
            analysis = turn.analysis
        self.index_many([(turn, session, analysis)])

    def index_many(self, rows: Iterable[tuple[Turn, Session, Analysis | dict[str, Any] | None]]) -> int:
        """Upsert many statements at once (embedding in batches). Returns how many were indexed."""
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict[str, Any]] = []
        for turn, session, raw in rows:
            analysis = _analysis(raw)
            if not _indexable(turn, analysis):
                continue
            ids.append(f"turn-{turn.id}")
            docs.append(turn.text)
            metas.append(_metadata(turn, session, analysis))
        if not ids:
            return 0
        vectors = self.embedder.embed(docs)
        for i in range(0, len(ids), CHROMA_MAX_BATCH):
            sl = slice(i, i + CHROMA_MAX_BATCH)
            self._run(lambda col: col.upsert(ids=ids[sl], documents=docs[sl], embeddings=vectors[sl], metadatas=metas[sl]))
        return len(ids)

    def set_share(self, session_id: str, level: ShareLevel) -> None:
        """Keep a session's statements' share in step with `Store.set_share` (search also re-checks)."""
        level = ShareLevel(level)

        def update(col: Any) -> None:
            got = col.get(where={"session_id": session_id}, include=["metadatas"])
            if got["ids"]:
                metas = [{**m, "share": level.value} for m in got["metadatas"]]
                col.update(ids=got["ids"], metadatas=metas)

        self._run(update)

    def forget_session(self, session_id: str) -> None:
        self._run(lambda col: col.delete(where={"session_id": session_id}))

    def reset(self) -> None:
        """Drop every statement (the collection is recreated empty)."""
        with self._lock:
            self._run(lambda col: None)  # make sure a client exists (and recover if broken)
            try:
                self._client.delete_collection(self.collection)
            except Exception as exc:  # already gone (chromadb raises NotFoundError or ValueError)
                log.debug("delete_collection: %s", exc)
            self._col = self._get_collection(self._client)

    def reindex(self, store: "Store") -> int:
        """Rebuild the whole memory from SQLite. Returns the number of statements indexed."""
        with self._lock:
            self.reset()
            return self._reindex_unlocked(store)

    def _reindex_unlocked(self, store: "Store", batch: int = 2000) -> int:
        n = 0
        chunk: list[tuple[Turn, Session, Any]] = []
        for turn, session in store.iter_mentee_turns():
            chunk.append((turn, session, turn.analysis))
            if len(chunk) >= batch:
                n += self._index_direct(chunk)
                chunk = []
        if chunk:
            n += self._index_direct(chunk)
        return n

    def _index_direct(self, rows: Sequence[tuple[Turn, Session, Any]]) -> int:
        """index_many without the recovery wrapper (used while recovering: no recursion)."""
        ids, docs, metas = [], [], []
        for turn, session, raw in rows:
            analysis = _analysis(raw)
            if _indexable(turn, analysis):
                ids.append(f"turn-{turn.id}")
                docs.append(turn.text)
                metas.append(_metadata(turn, session, analysis))
        if ids:
            vectors = self.embedder.embed(docs)
            for i in range(0, len(ids), CHROMA_MAX_BATCH):
                sl = slice(i, i + CHROMA_MAX_BATCH)
                self._col.upsert(ids=ids[sl], documents=docs[sl], embeddings=vectors[sl], metadatas=metas[sl])
        return len(ids)

    # ------------------------------------------------------------------ reading

    def count(self) -> int:
        return int(self._run(lambda col: col.count()))

    def search(
        self,
        text: str,
        n: int = 5,
        *,
        audience: ShareLevel = ShareLevel.PRIVATE,
        exclude_session: str | None = None,
    ) -> list[MemoryHit]:
        """The `n` past statements closest in meaning to `text` that `audience` may see."""
        audience = ShareLevel(audience)
        if n <= 0 or not text.strip():
            return []
        where: list[dict[str, Any]] = []
        if audience is not ShareLevel.PRIVATE:
            where.append({"share": {"$in": _visible_levels(audience)}})
        if exclude_session:
            where.append({"session_id": {"$ne": exclude_session}})
        clause = None if not where else where[0] if len(where) == 1 else {"$and": where}
        vector = self.embedder.embed_one(text)

        def query(col: Any) -> dict[str, Any]:
            total = col.count()
            if total == 0:
                return {"ids": [[]], "documents": [[]], "metadatas": [[]], "distances": [[]]}
            # Ask for a few extra: the SQLite check below may drop stale hits.
            return col.query(
                query_embeddings=[vector],
                n_results=min(n + 5, total),
                where=clause,
                include=["documents", "metadatas", "distances"],
            )

        res = self._run(query)
        metas, docs, dists = res["metadatas"][0], res["documents"][0], res["distances"][0]
        shares = self._sql().session_shares([m["session_id"] for m in metas])
        hits: list[MemoryHit] = []
        for meta, doc, dist in zip(metas, docs, dists):
            share = shares.get(meta["session_id"])
            if share is None or not share.visible_to(audience):
                continue  # forgotten, or made more private since it was indexed
            hits.append(
                MemoryHit(
                    turn_id=int(meta["turn_id"]),
                    session_id=meta["session_id"],
                    text=doc,
                    date=meta["date"],
                    score=round(1.0 - float(dist), 4),
                    share=share,
                )
            )
            if len(hits) == n:
                break
        return hits

    def recall(
        self, text: str, session_id: str, *, audience: ShareLevel | None = None, threshold: float = RECALL_THRESHOLD
    ) -> MemoryHit | None:
        """The closest statement from another session if similar enough (cosine >= threshold).

        Whatever is recalled is played back inside `session_id`, which its audience may read, so by
        default only statements visible at that session's share level qualify (a private session's
        words never surface in a mentor-shared one). An unknown session is treated as manager-shared,
        the narrowest choice.
        """
        if audience is None:
            shares = self._sql().session_shares([session_id])
            audience = shares.get(session_id, ShareLevel.MANAGER)
        hits = self.search(text, 1, audience=audience, exclude_session=session_id)
        if hits and hits[0].score >= threshold:
            return hits[0]
        return None
