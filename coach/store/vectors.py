"""Vector memory: the mentee's past statements in chromadb, for semantic search and recall.

This is a derived index. SQLite (coach.store.sql) is the source of truth; everything here can be
rebuilt from it with `reindex(store)`, and is, automatically, when the vector folder is missing,
deleted under a running app, or corrupt. Choices, and why:

- One collection per share level (`<name>_private`, `<name>_mentor`, `<name>_manager`), cosine
  space, vectors from the offline int8 MiniLM embedder (coach.store.embed). An audience queries only
  the collections it may see, with no `where` filter, and the top hits are merged by distance: a
  filtered chroma query scans the metadata and was 10-20x slower than a plain vector query (a mentor
  search took ~50 ms at 20k statements, >200 ms at 100k). `set_share` moves a session's vectors
  between collections (no re-embedding). A store in the old single-collection layout is migrated on
  open (vectors copied, filed by the session's current share in SQLite), or rebuilt from SQLite.
- We embed ourselves and pass vectors to chromadb (one embedder instance, batching under our
  control: see coach.store.embed), but still register
  `BedrockEmbeddingFunction` with chromadb so each collection's stored config names a function any
  process can rebuild (no paths stored: they are resolved at run time).
- Sharing is enforced twice: by which collections are queried, then by a check of the hits against
  SQLite's current session share (one batched query per search), so a session made private a moment
  ago, or forgotten, never shows up even if its vectors are stale. Statements are filed by the
  session's share as SQLite has it when they are indexed.
- Sessions are excluded (recall) and stale hits dropped in Python, not with a chroma `where`: the
  search asks for a few extra hits and widens the query only when too few survive.
- Statements that should never be played back are not indexed: crisis disclosures, injection
  attempts, empty and low-effort messages.
- Forgetting leaves nothing readable (coach/store/purge.py scrubs chromadb's own files), and is
  finished from the store's tombstones whenever the memory opens or reindexes, so a forget that
  was killed half-way, or raced a reindex in another process, completes (coach/forget.py).
- Statements are written, then checked against SQLite: a session forgotten by another process
  while its statements were being embedded is deleted again at once, never left behind.
- Sessions marked unindexed (a scripted run does not open chromadb) are indexed on open.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import NotFound, StoreError
from coach.store.embed import Embedder, get_embedder
from coach.store.purge import scrub_chroma
from coach.types import Analysis, MemoryHit, Session, ShareLevel, Turn

if TYPE_CHECKING:
    from coach.config import Settings
    from coach.store.sql import Store

from coach.store import chroma_schema
from coach.store.chroma_connection import ChromaConnection
from coach.store.chroma_schema import (
    COLLECTION,
    EXCLUDE_EXTRA,
    EXTRA_HITS,
    LEVELS,
    RECALL_THRESHOLD,
    RECENT_VECTORS,
    WIDEN,
    BedrockEmbeddingFunction,
    _analysis,
    _Batch,
    _indexable,
    _metadata,
    _visible_levels,
    collection_name,
)

log = logging.getLogger(__name__)

__all__ = ["COLLECTION", "RECALL_THRESHOLD", "BedrockEmbeddingFunction", "VectorMemory", "collection_name"]


class VectorMemory(ChromaConnection):
    """Past mentee statements, searchable by meaning. See the module docstring.

    `store` is the SQLite store to rebuild from and to check hits against; when omitted, the store
    at `settings.db_path` is opened on first need. `collection` is the base name of the collections
    (one per share level); it lets several homes (or tests) share one chroma server.
    """

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        *,
        store: Store | None = None,
        collection: str = COLLECTION,
    ) -> None:
        self.settings = settings
        self.collection = collection
        self.names = {lvl: collection_name(collection, lvl) for lvl in LEVELS}
        self.embedder = embedder or get_embedder()
        self.path: Path = settings.vector_path
        self._store = store
        self._own_store = False
        self._lock = threading.RLock()
        self._ef = BedrockEmbeddingFunction(self.embedder)
        self._client: Any = None
        self._cols: dict[ShareLevel, Any] | None = None
        self._pool: ThreadPoolExecutor | None = None  # queries the collections in parallel
        self._recent: OrderedDict[str, Any] = OrderedDict()  # text -> vector, see _embed_one
        self._recent_lock = threading.Lock()
        self._dirty = False  # statements deleted during a rebuild: scrub the files once it is done
        with self._lock:
            self._open()
            try:
                self.finish_pending()
                self.catch_up()
            except StoreError as exc:  # the tombstones and marks stay: the next open retries
                log.warning("could not finish pending work on the vector memory: %s", exc)

    # ------------------------------------------------------------------ writing

    def _embed_one(self, text: str) -> Any:
        """One vector, remembered for a while: in a chat the statement just indexed is recalled next."""
        with self._recent_lock:
            vector = self._recent.get(text)
            if vector is not None:
                self._recent.move_to_end(text)
                return vector
        vector = self.embedder.embed_one(text)
        self._remember(text, vector)
        return vector

    def _remember(self, text: str, vector: Any) -> None:
        with self._recent_lock:
            self._recent[text] = vector
            while len(self._recent) > RECENT_VECTORS:
                self._recent.popitem(last=False)

    def _embed(self, docs: list[str]) -> Any:
        """Embed many (the embedder batches them as suits its model)."""
        if len(docs) == 1:
            return [self._embed_one(docs[0])]
        return self.embedder.embed(docs)

    def _prepare(
        self, rows: Iterable[tuple[Turn, Session, Analysis | dict[str, Any] | None]], *, current: bool = False
    ) -> dict[ShareLevel, _Batch]:
        """Embed the indexable rows and group them by the collection they belong in.

        A statement is filed by its session's share in SQLite (the `Session` passed in may be stale),
        and skipped if SQLite no longer has the session (forgotten). `current=True` trusts the
        sessions given (they were just read from SQLite).
        """
        picked: list[tuple[Turn, Session, Analysis | None]] = []
        for turn, session, raw in rows:
            analysis = _analysis(raw)
            if _indexable(turn, analysis):
                picked.append((turn, session, analysis))
        if not picked:
            return {}
        if current:
            shares = {s.id: ShareLevel(s.share) for _, s, _ in picked}
        else:
            shares = self._sql().session_shares([s.id for _, s, _ in picked])
            now = self._sql().turn_texts([t.id for t, _, _ in picked])
            # forgotten while it waited in the queue: skipped; reworded: indexed as it reads now
            picked = [(replace(t, text=now[t.id]), s, a) for t, s, a in picked if t.id in now]
        picked = [row for row in picked if row[1].id in shares]
        if not picked:
            return {}
        vectors = self._embed([t.text for t, _, _ in picked])
        batches: dict[ShareLevel, _Batch] = {}
        for (turn, session, analysis), vector in zip(picked, vectors):
            level = shares[session.id]
            b = batches.setdefault(level, _Batch())
            b.ids.append(f"turn-{turn.id}")
            b.docs.append(turn.text)
            b.vectors.append(vector)
            meta = _metadata(turn, session, analysis)
            meta["share"] = level.value
            b.metas.append(meta)
        return batches

    @staticmethod
    def _write(cols: dict[ShareLevel, Any], batches: dict[ShareLevel, _Batch]) -> int:
        for level, b in batches.items():
            chroma_schema.upsert(cols[level], b.ids, b.vectors, b.docs, b.metas)
        return sum(len(b.ids) for b in batches.values())

    def index(self, turn: Turn, session: Session, analysis: Analysis | dict[str, Any] | None = None) -> None:
        """Add or update one mentee statement (coach turns and unplayable statements are skipped)."""
        if analysis is None:
            analysis = turn.analysis
        self.index_many([(turn, session, analysis)])

    def index_many(self, rows: Iterable[tuple[Turn, Session, Analysis | dict[str, Any] | None]]) -> int:
        """Upsert many statements at once (embedding in batches). Returns how many were indexed."""
        batches = self._prepare(rows)
        if not batches:
            return 0
        n = self._run(lambda cols: self._write(cols, batches))
        self._drop_vanished(batches)
        return n

    def _drop_vanished(self, batches: dict[ShareLevel, _Batch]) -> None:
        """Write, then check: statements forgotten (by another process, or while they waited in
        the indexing queue) are deleted again at once, and their text scrubbed from the files.
        Checking after the write closes the race: a forget that lands later deletes them itself."""
        ids = self._vanished(batches)
        if not ids:
            return
        log.info("%d forgotten statement(s) were written meanwhile; deleting them", len(ids))
        self._run(lambda cols: [col.delete(ids=ids) for col in cols.values()])
        self._forget_recent()
        self.purge()

    def _vanished(self, batches: dict[ShareLevel, _Batch]) -> list[str]:
        """Ids just written whose statement (or session) is no longer in SQLite."""
        metas = [m for b in batches.values() for m in b.metas]
        if not metas:
            return []
        store = self._sql()
        alive = store.turn_texts([int(m["turn_id"]) for m in metas])
        sessions = set(store.session_shares([m["session_id"] for m in metas]))
        docs = {m["turn_id"]: d for b in batches.values() for m, d in zip(b.metas, b.docs)}
        return [f"turn-{m['turn_id']}" for m in metas
                if m["session_id"] not in sessions or alive.get(int(m["turn_id"])) != docs[m["turn_id"]]]

    def set_share(self, session_id: str, level: ShareLevel) -> None:
        """Move a session's statements to the collection for `level` (search also re-checks SQLite).

        Vectors are copied as they are (no re-embedding): upserted into the target first, then deleted
        from the source, so a crash in between leaves a duplicate (harmless: search de-duplicates and
        re-checks the share), never a lost statement.
        """
        level = ShareLevel(level)

        def move(cols: dict[ShareLevel, Any]) -> None:
            target = cols[level]
            for lvl, col in cols.items():
                if lvl is level:
                    continue
                got = col.get(where={"session_id": session_id}, include=["embeddings", "documents", "metadatas"])
                if not got["ids"]:
                    continue
                metas = [{**m, "share": level.value} for m in got["metadatas"]]
                chroma_schema.upsert(target, got["ids"], got["embeddings"], got["documents"], metas)
                col.delete(ids=got["ids"])

        self._run(move)

    def forget_session(self, session_id: str, *, purge: bool = True) -> None:
        def delete(cols: dict[ShareLevel, Any]) -> None:
            for col in cols.values():
                col.delete(where={"session_id": session_id})

        self._run(delete)
        self._forget_recent()
        if purge:
            self.purge()

    def forget_turns(self, turn_ids: Iterable[int], *, purge: bool = True) -> None:
        """Delete single statements (and scrub the files), e.g. one the mentee forgot or edited."""
        ids = [f"turn-{int(t)}" for t in turn_ids]
        if not ids:
            return
        self._run(lambda cols: [col.delete(ids=ids) for col in cols.values()])
        self._forget_recent()
        if purge:
            self.purge()

    def purge(self) -> None:
        """Leave no readable trace of deleted statements in the vector folder (coach/store/purge.py).

        A chroma server keeps its own disk: there, deleting is all Bedrock can do.
        """
        self._dirty = False
        if self.server_mode:
            return
        with self._lock:
            try:
                scrub_chroma(self.path)
            except sqlite3.Error as exc:
                raise StoreError(
                    f"Could not clean the vector store at {self.path} ({exc}). The forget is recorded "
                    "and finishes the next time Bedrock opens it, or with `coach reindex`."
                ) from None

    def finish_pending(self) -> list[str]:
        """Finish the vector half of every forget the store has a tombstone for. Returns them."""
        store = self._sql()
        pending = store.pending_forgets()
        if not pending:
            return []
        for target in pending:
            kind, _, key = target.partition(":")
            if kind == "session":
                self.forget_session(key, purge=False)
            elif kind == "turn":
                self.forget_turns([int(key)], purge=False)
            elif kind == "edit":  # the statement stays, re-embedded with its new words
                self.forget_turns([int(key)], purge=False)
                try:
                    turn = store.get_turn(int(key))
                    self.index(turn, store.get_session(turn.session_id), turn.analysis)
                except NotFound:
                    pass
            elif kind == "all":
                self.reset()
        self.purge()
        for target in pending:
            store.forget_done(target)
        return pending

    def catch_up(self) -> int:
        """Index the statements of sessions marked unindexed (runs that did not open the memory)."""
        store = self._sql()
        n = 0
        for sid in store.unindexed_sessions():
            try:
                session = store.get_session(sid)
                n += self.index_many((t, session, t.analysis) for t in store.mentee_turns(sid) if t.analysis)
            except NotFound:
                pass  # forgotten meanwhile
            store.indexed(sid)
        return n

    def _forget_recent(self) -> None:
        """Drop the remembered vectors: their keys are the mentee's words, which forget must erase."""
        with self._recent_lock:
            self._recent.clear()

    def reset(self) -> None:
        """Drop every statement (the collections are recreated empty)."""
        with self._lock:
            self._run(lambda cols: None)  # make sure a client exists (and recover if broken)
            self._drop_levels(self._client)
            self._cols = self._get_collections(self._client)
            self._forget_recent()

    def reindex(self, store: Store) -> int:
        """Rebuild the whole memory from SQLite. Returns the number of statements indexed.

        Pending forgets are finished first and the files scrubbed last, so a reindex never brings
        back, or leaves readable, anything forgotten before or during it.
        """
        with self._lock:
            pending = store.pending_forgets()
            self.reset()
            n = self._reindex_unlocked(store)
            for sid in store.unindexed_sessions():
                store.indexed(sid)
            self.purge()
            for target in pending:
                store.forget_done(target)
            return n

    def _reindex_unlocked(self, store: Store, batch: int = 2000) -> int:
        n = 0
        chunk: list[tuple[Turn, Session, Any]] = []
        for turn, session in store.iter_mentee_turns():
            chunk.append((turn, session, turn.analysis))
            if len(chunk) >= batch:
                n += self._index_direct(chunk)
                chunk = []
        if chunk:
            n += self._index_direct(chunk)
        if self._dirty:
            self.purge()
        return n

    def _index_direct(self, rows: Sequence[tuple[Turn, Session, Any]]) -> int:
        """index_many without the recovery wrapper (used while recovering: no recursion)."""
        batches = self._prepare(rows, current=True)
        if not batches:
            return 0
        n = self._write(self._cols, batches)  # type: ignore[arg-type]
        gone = self._vanished(batches)
        if gone:  # forgotten by another process while this rebuild read them
            for col in self._cols.values():  # type: ignore[union-attr]
                col.delete(ids=gone)
            self._dirty = True  # scrubbed when the rebuild is done
        return n

    # ------------------------------------------------------------------ reading

    def count(self) -> int:
        return int(self._run(lambda cols: sum(col.count() for col in cols.values())))

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
        levels = _visible_levels(audience)
        vector = self._embed_one(text)
        k = n + EXTRA_HITS + (EXCLUDE_EXTRA if exclude_session else 0)
        while True:
            found, exhausted = self._run(lambda cols, k=k: self._query(cols, levels, vector, k))
            hits = self._checked(found, n, audience, exclude_session)
            if len(hits) >= n or exhausted:
                return hits
            k *= WIDEN  # too many were excluded or stale: look further

    def _query(
        self, cols: dict[ShareLevel, Any], levels: list[ShareLevel], vector: Any, k: int
    ) -> tuple[list[tuple[float, dict[str, Any], str]], bool]:
        """The k nearest from each visible collection, merged by distance; and whether that was all.

        Several collections are queried in parallel: chromadb releases the GIL, and most of a query's
        time is per-call overhead, not the HNSW search (3 collections: 5.3 ms in turn, 3.5 ms at once).
        """

        def one(lvl: ShareLevel) -> dict[str, Any]:
            return cols[lvl].query(
                query_embeddings=[vector], n_results=k, include=["documents", "metadatas", "distances"]
            )

        if len(levels) == 1:
            results = [one(levels[0])]
        else:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=len(LEVELS), thread_name_prefix="bedrock-vectors")
            results = list(self._pool.map(one, levels))
        found: list[tuple[float, dict[str, Any], str]] = []
        exhausted = True
        for res in results:
            dists = res["distances"][0]
            found.extend(zip(dists, res["metadatas"][0], res["documents"][0]))
            exhausted = exhausted and len(dists) < k
        found.sort(key=lambda f: f[0])
        return found, exhausted

    def _checked(
        self, found: list[tuple[float, dict[str, Any], str]], n: int, audience: ShareLevel, exclude: str | None
    ) -> list[MemoryHit]:
        """Drop excluded, duplicate and no-longer-visible hits (one SQLite query); the best `n`."""
        found = [f for f in found if f[1]["session_id"] != exclude]
        shares = self._sql().session_shares([f[1]["session_id"] for f in found])
        hits: list[MemoryHit] = []
        seen: set[int] = set()
        for dist, meta, doc in found:
            share = shares.get(meta["session_id"])
            if share is None or not share.visible_to(audience):
                continue  # forgotten, or made more private since it was indexed
            turn_id = int(meta["turn_id"])
            if turn_id in seen:
                continue  # a copy left behind by an interrupted move
            seen.add(turn_id)
            hits.append(
                MemoryHit(
                    turn_id=turn_id,
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
