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
        self._row = 0  # the cursor's row, counted from the reply's first

    def _columns(self) -> int:
        return max(20, shutil.get_terminal_size((80, 24)).columns)

    def _layout(self, text: str, cols: int) -> list[tuple[int, int]]:
        """Where the cursor is after each character of `text`, as a terminal places them.

        A character wider than what is left of a row goes whole to the next row; after the last
        column the cursor waits there (col == cols) until the next character wraps it.
        """
        row, col = 0, self.start
        out = []
        for ch in text:
            w = cells(ch)
            if w and col + w > cols:
                row, col = row + 1, 0
            col += w
            out.append((row, col))
        return out

    def show(self, text: str) -> None:
        text = " ".join(text.split())  # one paragraph: line breaks would break the row arithmetic
        if text == self.text:
            return
        if not self.live:
            self.text = text
            return
        cols = self._columns()
        keep = _common_prefix(self.text, text)
        if keep < len(self.text):
            row, col = self._layout(self.text[:keep], cols)[-1] if keep else (0, self.start)
            if col >= cols:  # the kept text ends a row: carry on at the next row's start
                row, col = row + 1, 0
            up = self._row - row
            seq = (f"\x1b[{up}A" if up > 0 else "") + "\r" + (f"\x1b[{col}C" if col else "") + "\x1b[J"
            self.out.write(seq)
            self.erased += len(self.text) - keep
            self._row = row
        if keep < len(text):
            self.out.write(text[keep:])
            self._row = self._layout(text, cols)[-1][0]
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
