"""A reply written live in the terminal, which can also take words back.

`Coach.respond_stream` hands out Drafts: each is the whole text to show now, and may be shorter
than the one before (the guard took back an unfinished sentence, or a revision replaced a draft).
`LiveLine.show(text)` turns that into terminal output: the text is sanitized (coach/text/sanitize.py:
a model's escape sequences never reach the terminal) and word-wrapped to the terminal's width
(coach/text/wrap.py: words are never broken at the edge); new words are appended; taken-back words
are erased by moving the cursor up over the rows and clearing to the end of the screen, so it also
works after the terminal has scrolled.

Wrapping is greedy, so the wrapped form of a text is a prefix of the wrapped form of that text
plus more words: growth only ever appends. Lines stop one column short of the edge, so the
terminal never wraps by itself and the cursor's row is always the number of line breaks written.

When the output is not a terminal (a pipe, a file, a test), nothing is written until `finish`,
which writes the final text once, on one line: a transcript never holds words that were taken back.
"""

from __future__ import annotations

import shutil
import sys
from typing import TextIO

from coach.text.sanitize import clean_line
from coach.text.wrap import cells, wrapped

__all__ = ["LiveLine", "cells"]


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
        self.text = ""  # the reply as shown (one line of words)
        self.erased = 0  # characters taken back (for tests and curiosity)
        self._screen = ""  # what is on screen after the prompt: `text` wrapped, with line breaks

    def _columns(self) -> int:
        return max(20, shutil.get_terminal_size((80, 24)).columns)

    def _where(self, screen: str) -> tuple[int, int]:
        """(row, column) of the cursor after writing `screen` from the prompt."""
        row = screen.count("\n")
        last = screen.rsplit("\n", 1)[-1]
        return row, cells(last) + (self.start if row == 0 else 0)

    def show(self, text: str) -> None:
        text = clean_line(text)  # one paragraph: line breaks would break the row arithmetic
        if text == self.text:
            return
        self.text = text
        if not self.live:
            return
        screen = wrapped(text, self._columns() - 1, start=self.start)
        keep = _common_prefix(self._screen, screen)
        if keep < len(self._screen):
            now_row = self._screen.count("\n")
            row, col = self._where(self._screen[:keep])
            up = now_row - row
            self.out.write((f"\x1b[{up}A" if up > 0 else "") + "\r" + (f"\x1b[{col}C" if col else "") + "\x1b[J")
            self.erased += len(self._screen) - keep
        if keep < len(screen):
            self.out.write(screen[keep:])
        self.out.flush()
        self._screen = screen

    def finish(self, text: str) -> None:
        """Make `text` the final reply and end the line."""
        if self.live:
            self.show(text)
            self.out.write("\n")
        else:
            self.out.write(clean_line(text) + "\n")
        self.out.flush()
        self.text = clean_line(text)
