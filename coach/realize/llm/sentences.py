"""Where a streamed sentence ends (`SentenceBuffer`, `split_sentences`), and the stream's word lists
(coach/data/stream.toml) that the clean-up and the echo filter read.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from coach.lexicon import data_path

# A sentence ends at terminal punctuation (plus closing quotes/brackets) followed by whitespace,
# or at a line break: small models often put each sentence on its own line.
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’)\]]*)\s+|\s*\n\s*")

_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


@lru_cache(maxsize=1)
def _stream_data() -> dict:
    return tomllib.loads(data_path("stream.toml").read_text(encoding="utf-8"))


class SentenceBuffer:
    """Accumulates text pieces and hands out complete sentences."""

    def __init__(self) -> None:
        self._buf = ""

    def feed(self, piece: str) -> list[str]:
        self._buf += piece
        out: list[str] = []
        while True:
            m = _BOUNDARY.search(self._buf)
            if m is None:
                break
            end = m.end(1) if m.group(1) else m.start()
            sentence = self._buf[:end].strip()
            self._buf = self._buf[m.end() :]
            if sentence:
                out.append(sentence)
        return out

    def flush(self) -> str:
        rest, self._buf = self._buf.strip(), ""
        return rest

    @property
    def pending(self) -> str:
        return self._buf


def split_sentences(text: str) -> list[str]:
    buf = SentenceBuffer()
    out = buf.feed(text)
    rest = buf.flush()
    return out + ([rest] if rest else [])
