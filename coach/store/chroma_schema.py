"""What a statement looks like in chromadb: the collections (one per share level) and their names,
the metadata kept beside each vector, which statements are indexed at all, the embedding function
registered with chromadb, and batched upserts. coach/store/vectors.py has the why of each choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from coach.store.embed import SHIPPED_NAME, Embedder, get_embedder
from coach.types import Analysis, Kind, Session, ShareLevel, Turn

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
        return {"model": SHIPPED_NAME}  # the model family; which copy made a store's vectors is in its metadata

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> BedrockEmbeddingFunction:
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


LEVELS: tuple[ShareLevel, ...] = tuple(ShareLevel)
EXTRA_HITS = 5  # asked for beyond `n`: the SQLite check may drop stale hits
EXCLUDE_EXTRA = 20  # more when a session is excluded (recall): its own statements are usually the closest
WIDEN = 4  # when too few hits survive, ask again for this many times more
RECENT_VECTORS = 64  # query/statement vectors kept (the live chat indexes a statement, then recalls it)


def _environment_trouble(exc: BaseException) -> str:
    """What is wrong with the disk or folder (not the index's content), in words; "" if not that."""
    msg = str(exc).lower()
    if "disk is full" in msg or "no space" in msg or "file too large" in msg:
        return "the disk is full. Free some space and try again (nothing you typed was lost)."
    if "readonly" in msg or "read-only" in msg or "permission denied" in msg or "unable to open" in msg:
        return "the folder is not writable. Point COACH_HOME to a folder you can write to."
    if "locked" in msg:
        return "another program holds it locked. Close other Bedrock windows or wait, then try again."
    return ""


def collection_name(base: str, level: ShareLevel) -> str:
    """The chroma collection holding the statements of sessions shared at `level`."""
    return f"{base}_{ShareLevel(level).value}"


def _visible_levels(audience: ShareLevel) -> list[ShareLevel]:
    return [lvl for lvl in LEVELS if lvl.visible_to(audience)]


class _Batch:
    """Statements ready for one collection: ids, texts, vectors, metadata."""

    __slots__ = ("docs", "ids", "metas", "vectors")

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.docs: list[str] = []
        self.vectors: list[Any] = []
        self.metas: list[dict[str, Any]] = []


def upsert(col: Any, ids: Sequence[str], vectors: Any, docs: Sequence[str], metas: Sequence[dict[str, Any]]) -> None:
    for i in range(0, len(ids), CHROMA_MAX_BATCH):
        sl = slice(i, i + CHROMA_MAX_BATCH)
        col.upsert(ids=list(ids[sl]), embeddings=vectors[sl], documents=list(docs[sl]), metadatas=list(metas[sl]))


