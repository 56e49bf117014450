"""The detector's sentence features: the project's int8 MiniLM, read at its 3rd, 4th and 5th layers.

Why not the sentence embedding the store uses (the mean of the last layer)? Measured on the
calibration lines and the forum's dev split (see coach/guard/train.py), a linear head on the mean of
layers 3-4 finds advice at F1 0.95 / 0.66 against 0.85 / 0.60 on the last layer: the middle layers
still hold the grammar that carries advice (mood, modality, who is the subject), which the last
layer, tuned for topic similarity, has mostly pooled away. Stopping at layer 4 also skips a third of
the model.

The cut-down graph is made once from the embedder's model file (same weights, no new download) and
kept next to it in the model cache, named after that file; `onnx` is needed to make it (it is already
needed for the int8 copy). Each sentence runs alone on one thread: the int8 model quantizes
activations per run, so a batch would nudge one sentence's features by its neighbours, and a verdict
must not depend on what else was in the reply.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from coach.errors import ConfigError

log = logging.getLogger(__name__)

#: Outputs of the base graph kept (LayerNormalization outputs: 0 is the embeddings, then two per
#: layer, attention and feed-forward; 6, 8 and 10 end layers 3, 4 and 5).
LAYER_OUTPUTS = ("layer_norm_6", "layer_norm_8", "layer_norm_10")
DIM = 384 * len(LAYER_OUTPUTS)
MAX_TOKENS = 64  # a coach sentence is short; a longer one is judged on its first 64 tokens


def _base_model() -> tuple[Path, str]:
    from coach.store.embed import get_embedder

    emb = get_embedder()
    return Path(emb.model_path), emb.name


def cut_model_path(base: Path) -> Path:
    from coach.store.quantize import cache_dir

    return cache_dir() / f"{base.stem}-guard-{'-'.join(LAYER_OUTPUTS)}.onnx"


def build(base: Path, dest: Path) -> Path:
    """Write the graph of `base` up to LAYER_OUTPUTS to `dest` (atomically)."""
    import onnx.utils

    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".guard-") as tmp:
        out = Path(tmp) / "cut.onnx"
        onnx.utils.extract_model(str(base), str(out), ["input_ids", "attention_mask", "token_type_ids"], list(LAYER_OUTPUTS))
        os.replace(out, dest)
    return dest


class Encoder:
    """Mean-pooled layer-3, -4 and -5 states of the int8 MiniLM, one sentence per run."""

    def __init__(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from coach.store.model_files import tokenizer_file

        base, self.base_name = _base_model()
        path = cut_model_path(base)
        if not (path.is_file() and path.stat().st_size > 1_000_000):
            try:
                build(base, path)
            except ImportError as exc:
                raise ConfigError(f"The guard's detector needs the 'onnx' package to prepare its model ({exc}).") from exc
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1  # one short sentence a run: a second thread costs more than it saves
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # leave the core to the LLM server
        self._session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
        tok = Tokenizer.from_file(str(tokenizer_file()))
        tok.enable_truncation(max_length=MAX_TOKENS)
        tok.no_padding()
        self._tok = tok
        self._lock = threading.Lock()  # the tokenizer and session are shared by the app's threads

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), DIM) float32 features, in order; a sentence's never depend on the others."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._one(text if text.strip() else ".")
        return out

    def _one(self, text: str) -> np.ndarray:
        with self._lock:
            enc = self._tok.encode(text)
            ids = np.array([enc.ids], dtype=np.int64)
            mask = np.array([enc.attention_mask], dtype=np.int64)
            states: list[Any] = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )
        return np.concatenate([s[0].mean(axis=0) for s in states]).astype(np.float32)


@lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """One encoder per process (~0.2 s to load; the first use ever also cuts the graph, ~0.3 s)."""
    return Encoder()
