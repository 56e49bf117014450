"""Word-wrapping for the terminal: lines fit its width and words are never broken.

A terminal left to itself breaks a long line at the last column, mid-word ("somethi / ng"). The CLI
wraps its own output first, greedily, counting terminal cells (wide CJK and emoji count two,
combining marks none). Greedy wrapping has a property the live reply relies on (coach/cli/live.py):
the wrapping of a text is a prefix of the wrapping of that text plus more words, so words can be
appended to a wrapped reply without re-flowing what is already on screen.
"""

from __future__ import annotations

import unicodedata

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufe0f")


def cells(text: str) -> int:
    """Terminal columns `text` takes up (one line, no control characters)."""
    n = 0
    for ch in text:
        if ch in _ZERO_WIDTH or unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def wrap(text: str, width: int, *, start: int = 0) -> list[str]:
    """`text` as lines of at most `width` cells; the first line starts at column `start`.

    Paragraph breaks (newlines) are kept; other whitespace collapses to one space. Only a word
    wider than a whole line is split (it cannot fit anywhere), so no line is ever wider than
    `width` and a caller can count rows exactly.
    """
    width = max(2, width)
    out: list[str] = []
    col = start
    for p, paragraph in enumerate(text.split("\n")):
        if p:
            col = 0
        line = ""
        for word in _pieces(paragraph.split(), width):
            w = cells(word)
            if line and col + 1 + w > width:
                out.append(line)
                line, col = word, w
            elif not line and col and col + w > width:
                out.append("")  # the prompt left no room for this word on its row
                line, col = word, w
            else:
                col += (1 if line else 0) + w
                line = f"{line} {word}" if line else word
        out.append(line)
    return out


def _pieces(words: list[str], width: int) -> list[str]:
    """The words, with any word wider than `width` cut into pieces that fit."""
    out: list[str] = []
    for word in words:
        if cells(word) <= width:
            out.append(word)
            continue
        piece, w = "", 0
        for ch in word:
            c = cells(ch)
            if w + c > width:
                out.append(piece)
                piece, w = "", 0
            piece, w = piece + ch, w + c
        if piece:
            out.append(piece)
    return out


def wrapped(text: str, width: int, *, start: int = 0) -> str:
    return "\n".join(wrap(text, width, start=start))


def fit(text: str, width: int) -> str:
    """Every line of `text` made to fit `width` cells: lines that fit stay exactly as they are
    (tables keep their alignment); a longer one is wrapped at word boundaries, its continuation
    lines indented like the line itself (Markdown bullets and quotes stay readable)."""
    out: list[str] = []
    for line in text.split("\n"):
        if cells(line) <= width:
            out.append(line)
            continue
        body = line.lstrip()
        indent = line[: len(line) - len(body)]
        rows = wrap(body, width - cells(indent))
        out.extend(indent + row for row in rows)
    return "\n".join(out)
