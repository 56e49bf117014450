"""A reply written live in the terminal, which can also take words back.

`Coach.respond_stream` hands out Drafts: each is the whole text to show now, and may be shorter
than the one before (the guard took back an unfinished sentence, or a revision replaced a draft).
`LiveLine.show(text)` turns that into terminal output: new words are appended; taken-back words
are erased by moving the cursor up over the wrapped rows and clearing to the end of the screen,
so it also works after the terminal has scrolled. Positions are counted in terminal cells (wide
CJK and emoji count two, combining marks none).

When the output is not a terminal (a pipe, a file, a test), nothing is written until `finish`,
which writes the final text once: a transcript never holds words that were taken back.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from typing import TextIO


def cells(text: str) -> int:
    """Terminal columns `text` takes up (one line, no control characters)."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f":
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


class LiveLine:
    """One reply, rewritten in place as Drafts arrive. `start` column = the prompt's width."""

    def __init__(self, out: TextIO | None = None, *, start: int = 0, live: bool | None = None) -> None:
        self.out = out or sys.stdout
        self.live = self.out.isatty() if live is None else live
        self.start = start
        self.text = ""  # what is on screen after the prompt
        self.erased = 0  # characters taken back (for tests and curiosity)

    def _columns(self) -> int:
        return max(20, shutil.get_terminal_size((80, 24)).columns)

    def _row(self, used: int, cols: int) -> int:
        """The row (from the reply's first) the cursor is on after `used` cells were written.
        A full row leaves the cursor at its last column until the next character (deferred wrap)."""
        return (used - 1) // cols if used > 0 else 0

    def show(self, text: str) -> None:
        text = " ".join(text.split())  # one paragraph: line breaks would break the row arithmetic
        if text == self.text:
            return
        if not self.live:
            self.text = text
            return
        keep = _common_prefix(self.text, text)
        if keep < len(self.text):
            cols = self._columns()
            now = self._row(self.start + cells(self.text), cols)
            target = self.start + cells(self.text[:keep])
            # Back to where the kept text ends (a full row puts it at the next row's start).
            up, col = now - target // cols, target % cols
            seq = (f"\x1b[{up}A" if up > 0 else "") + "\r" + (f"\x1b[{col}C" if col else "") + "\x1b[J"
            self.out.write(seq)
            self.erased += len(self.text) - keep
        self.out.write(text[keep:])
        self.out.flush()
        self.text = text

    def finish(self, text: str) -> None:
        """Make `text` the final reply and end the line."""
        if self.live:
            self.show(text)
            self.out.write("\n")
        else:
            self.out.write(" ".join(text.split()) + "\n")
        self.out.flush()
        self.text = text
