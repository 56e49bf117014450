"""LiveLine against a tiny VT100 screen: after every Draft the screen must show exactly that Draft.

`coach.cli.live.LiveLine` appends new words and takes words back by moving the cursor up over the
wrapped rows, to the column, and clearing to the end of the screen. The escape strings themselves
are not the point, what a person sees is: so these tests feed everything LiveLine writes into a
small terminal emulator (xterm's deferred wrap at the last column, wide characters taking two cells,
combining marks none) and read the screen back after each `show`.
"""

from __future__ import annotations

import io
import os
import random
import re
import unicodedata

import pytest

from coach.cli import live as live_mod
from coach.cli.live import LiveLine, cells

PREFIX = "coach> "
ABOVE = "you> I want to lead"  # fits the narrowest screen (20)
_CSI = re.compile(r"\x1b\[(\d*)([A-Za-z])")
_WIDE_TAIL = "\0"  # the right half of a wide character


def _width(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class Screen:
    """A W-column grid with an xterm-like cursor. Enough rows that nothing ever scrolls."""

    def __init__(self, width: int, height: int = 120) -> None:
        self.w, self.h = width, height
        self.grid: list[list[str | None]] = [[None] * width for _ in range(height)]
        self.row = self.col = 0
        self.pending = False  # deferred wrap: the last column was written, the cursor waits there
        self.early_wrap: set[int] = set()  # rows whose last cell was skipped by a wide character

    # -- input ---------------------------------------------------------------------------------

    def feed(self, data: str) -> None:
        i = 0
        while i < len(data):
            ch = data[i]
            if ch == "\x1b":
                m = _CSI.match(data, i)
                assert m, f"unsupported escape sequence at {data[i:i + 8]!r}"
                self._csi(int(m.group(1) or 1), m.group(2))
                i = m.end()
                continue
            if ch == "\r":
                self.col, self.pending = 0, False
            elif ch == "\n":  # a tty's onlcr: CR LF
                self.col, self.pending = 0, False
                self._down()
            else:
                assert ch.isprintable(), f"unexpected control character {ch!r}"
                self._put(ch)
            i += 1

    def _csi(self, n: int, op: str) -> None:
        if op == "A":
            self.row, self.pending = max(0, self.row - n), False
        elif op == "C":
            self.col, self.pending = min(self.w - 1, self.col + n), False
        elif op == "J":
            # ESC[J (= ESC[0J): from the cursor to the end of the screen, cursor cell included. Like
            # xterm it ends a pending wrap, and erasing half of a wide character erases all of it.
            self.pending = False
            if self.col > 0 and self.grid[self.row][self.col] == _WIDE_TAIL:
                self.grid[self.row][self.col - 1] = None
            self.grid[self.row][self.col:] = [None] * (self.w - self.col)
            for r in range(self.row + 1, self.h):
                self.grid[r] = [None] * self.w
            self.early_wrap = {r for r in self.early_wrap if r < self.row}
        else:
            raise AssertionError(f"unsupported CSI {op!r}")

    def _down(self) -> None:
        self.row += 1
        assert self.row < self.h, "ran off the bottom of the test screen"

    def _put(self, ch: str) -> None:
        w = _width(ch)
        if w == 0:  # combining: joins the character before the cursor
            r, c = self.row, self.col if self.pending else self.col - 1
            if c < 0:
                return
            if self.grid[r][c] == _WIDE_TAIL:
                c -= 1
            self.grid[r][c] = (self.grid[r][c] or " ") + ch
            return
        if self.pending:
            self.col, self.pending = 0, False
            self._down()
        if w == 2 and self.col == self.w - 1:  # does not fit: xterm wraps it whole to the next row
            self.grid[self.row][self.col] = None
            self.early_wrap.add(self.row)
            self.col = 0
            self._down()
        row = self.grid[self.row]
        # Overwriting half of a wide character blanks its other half (xterm does the same).
        if row[self.col] == _WIDE_TAIL:
            row[self.col - 1] = None
        end = self.col + w
        if end < self.w and row[end] == _WIDE_TAIL:
            row[end] = None
        row[self.col] = ch
        if w == 2:
            self.grid[self.row][self.col + 1] = _WIDE_TAIL
        self.col += w
        if self.col >= self.w:
            self.col, self.pending = self.w - 1, True

    # -- output --------------------------------------------------------------------------------

    def text_from(self, row: int, col: int) -> str:
        """The screen from (row, col) on, in reading order (rows joined), trailing blanks trimmed."""
        out: list[str] = []
        for r in range(row, self.h):
            cells_ = self.grid[r][col if r == row else 0:]
            if r in self.early_wrap:
                cells_ = cells_[:-1]  # the blank a wide character left at the end of its row
            out.extend("" if c == _WIDE_TAIL else (c or " ") for c in cells_)
        return "".join(out).rstrip()

    def line(self, row: int) -> str:
        return "".join("" if c == _WIDE_TAIL else (c or " ") for c in self.grid[row]).rstrip()


class Term:
    """A Screen with a line of conversation above and "coach> " written, plus a LiveLine on it."""

    def __init__(self, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(
            live_mod.shutil, "get_terminal_size",
            lambda fallback=(80, 24): os.terminal_size((width, 40)),
        )
        self.screen = Screen(width)
        self.out = io.StringIO()
        self.fed = 0
        self.screen.feed(ABOVE + "\n" + PREFIX)
        self.row = self.screen.row
        self.line = LiveLine(self.out, start=cells(PREFIX), live=True)

    def show(self, text: str) -> str:
        self.line.show(text)
        written = self.out.getvalue()
        self.screen.feed(written[self.fed:])
        self.fed = len(written)
        # Read row by row: words are wrapped whole to the next row, so joining the rows' words with
        # one space gives the text back only if no word was ever broken at the edge.
        rows = [self.screen.line(r)[len(PREFIX) if r == self.row else 0:].strip() for r in range(self.row, self.screen.h)]
        shown = " ".join(r for r in rows if r)
        expected = " ".join(text.split())
        assert shown == expected, f"after show({text!r}) the screen reads {shown!r}"
        assert all(cells(self.screen.line(r)) < self.screen.w for r in range(self.row, self.screen.h)), \
            "a row reached the last column: the terminal would have wrapped it by itself"
        # Nothing before the reply was touched: not the prompt, not the line above it.
        assert self.screen.line(self.row - 1) == ABOVE
        assert "".join(c or " " for c in self.screen.grid[self.row][: len(PREFIX)]) == PREFIX
        return shown

    def run(self, *texts: str) -> None:
        for t in texts:
            self.show(t)


def _words_prefixes(sentence: str) -> list[str]:
    words = sentence.split()
    return [" ".join(words[:n]) for n in range(1, len(words) + 1)]


SENTENCE = (
    "It sounds like deciding which tools everyone else lives with matters to you, more than the title "
    "itself. What would it mean to you to be the one who decides that?"
)


# -- the emulator itself (so a pass below means something) -------------------------------------------


def test_the_test_screen_wraps_like_xterm() -> None:
    s = Screen(10)
    s.feed("0123456789")
    assert (s.row, s.col, s.pending) == (0, 9, True)  # deferred wrap: still on the first row
    s.feed("\x1b[J")  # clears from the cursor: the last cell of the full row
    assert s.line(0) == "012345678"
    s.feed("9ab")
    assert s.text_from(0, 0) == "0123456789ab" and s.row == 1
    s.feed("\x1b[1A\r\x1b[3C\x1b[J")
    assert s.text_from(0, 0) == "012" and (s.row, s.col) == (0, 3)
    s.feed("012345你好")  # the second wide character does not fit in the last cell
    assert s.text_from(0, 0) == "012012345你好" and s.line(0) == "012012345" and s.line(1) == "你好"


# -- LiveLine on the screen ------------------------------------------------------------------------


def test_append_only_growth_writes_only_new_words(monkeypatch: pytest.MonkeyPatch) -> None:
    t = Term(33, monkeypatch)
    t.run(*_words_prefixes(SENTENCE))
    assert t.line.erased == 0
    assert "\x1b" not in t.out.getvalue()  # the one exact-output check: growth never moves the cursor
    assert t.out.getvalue().replace("\n", " ") == " ".join(SENTENCE.split())  # each word written once
    assert "\n" in t.out.getvalue()  # and wrapped at word boundaries, by LiveLine itself


def test_take_back_within_one_row(monkeypatch: pytest.MonkeyPatch) -> None:
    t = Term(80, monkeypatch)
    t.run("It sounds like", "It sounds like you should", "It sounds like", "It sounds like the title matters.")
    assert t.line.erased == len(" you should")


def test_take_back_across_wrapped_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    t = Term(20, monkeypatch)
    long = "It sounds like you want to lead the team because you should ask your manager for it today"
    t.run(*_words_prefixes(long))
    assert t.screen.row >= 4  # really wrapped over several rows
    t.run("It sounds", "It sounds like leading matters to you.")
    t.run(long, "", "What matters most to you in that?")


def test_words_are_never_broken_at_the_edge(monkeypatch: pytest.MonkeyPatch) -> None:
    t = Term(24, monkeypatch)
    t.run(*_words_prefixes(SENTENCE))
    for r in range(t.row, t.screen.row + 1):
        for word in t.screen.line(r)[len(PREFIX) if r == t.row else 0:].split():
            assert word in SENTENCE.split(), f"row {r} holds a broken word {word!r}"


def test_escape_sequences_from_a_model_never_reach_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    t = Term(40, monkeypatch)
    t.line.show("Hello \x1b[2J\x1b]0;pwned\x07there \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202eevil")
    written = t.out.getvalue()
    assert "\x1b" not in written and "\u202e" not in written and "pwned" not in written
    assert t.line.text == "Hello there link evil"


@pytest.mark.parametrize("width", [20, 33])
def test_take_back_to_exactly_a_row_boundary(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    t = Term(width, monkeypatch)
    n = 2 * width - len(PREFIX)  # prefix + n cells fill exactly two rows
    base = ("abcdefghi " * 20)[:n]
    assert cells(PREFIX) + len(base) == 2 * width
    t.run(base + " and more words after it", base)  # take back to the row boundary...
    t.run(base[:-4])  # ...and then further back (the cursor must be where LiveLine thinks it is)
    t.run(base, base + "xyz", base, base[: width - len(PREFIX)], base[: width - len(PREFIX) - 1], "")


@pytest.mark.parametrize("width", [20, 33])
def test_growth_ending_at_the_last_column_then_continuing(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    t = Term(width, monkeypatch)
    full = "x" * (width - len(PREFIX))  # would end exactly at the last column
    t.run(full)
    assert not t.screen.pending and t.screen.row == t.row + 1  # so it went whole to the next row
    t.run(full + " next", full + " next words", full, full + "y", full[:-1], full + " again")


def test_wide_and_combining_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    t = Term(20, monkeypatch)
    t.run("你好", "你好 🙂", "你好 🙂 café", "你好 🙂 cafe\u0301", "你好 🙂 cafe\u0301 and more words")
    t.run("你好 🙂 cafe\u0301 and", "你好 🙂 cafe\u0301 an", "你好", "你好 and more words here 🙂 ok")
    t.run("你好 and", "")


@pytest.mark.parametrize("pad", range(4))
def test_wide_characters_across_the_row_edge(pad: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide character that meets the last column; then words taken back over it."""
    width = 20
    t = Term(width, monkeypatch)
    head = "a" * (width - len(PREFIX) - 3 + pad)
    t.run(head, head + "你好🙂", head + "你好🙂 end", head + "你", head, head + "🙂🙂 more")


@pytest.mark.parametrize(
    ("width", "extra"), [(20, ""), (33, ""), (21, "你好 🙂 cafe\u0301 ｈｉ 工作")], ids=["20", "33", "21-wide"]
)
def test_randomized_grow_shrink_replace(width: int, extra: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1000 + width)
    words = (SENTENCE + " " + SENTENCE.upper()).split() + extra.split() * 4
    if extra:
        rng.shuffle(words)
    t = Term(width, monkeypatch)
    text: list[str] = []
    took_back = 0
    for _ in range(400):
        op = rng.random()
        if op < 0.55 or not text:  # grow by a word or two (a token can end mid-word, too)
            for _ in range(rng.randint(1, 2)):
                text.append(words[len(text) % len(words)])
            shown = " ".join(text)
            if rng.random() < 0.2:
                shown = shown[: -rng.randint(1, max(1, len(text[-1]) - 1))]
        elif op < 0.85:  # take back to an earlier point
            del text[rng.randint(0, len(text) - 1):]
            took_back += 1
            shown = " ".join(text)
        else:  # replaced by another text that shares a beginning
            keep = rng.randint(0, len(text))
            text = text[:keep] + rng.sample(words, rng.randint(1, 6))
            shown = " ".join(text)
        if len(shown) > 6 * width:  # stay on the test screen
            text = text[: rng.randint(0, 3)]
            shown = " ".join(text)
        t.show(shown)
    assert took_back > 50 and t.line.erased > 0


# -- not a terminal ------------------------------------------------------------------------------


def test_not_a_terminal_writes_nothing_until_finish() -> None:
    out = io.StringIO()
    line = LiveLine(out, start=len(PREFIX), live=False)
    for text in ["It sounds", "It sounds like you should", "It sounds like", "It sounds like  it\nmatters."]:
        line.show(text)
        assert out.getvalue() == ""
    line.finish("It sounds like  it\nmatters to you.")
    assert out.getvalue() == "It sounds like it matters to you.\n"


def test_live_is_read_from_the_stream_when_not_given() -> None:
    out = io.StringIO()  # isatty() is False
    line = LiveLine(out)
    line.show("words")
    assert out.getvalue() == "" and not line.live


def test_cells_counts_terminal_columns() -> None:
    assert cells("") == 0
    assert cells("coach> ") == 7
    assert cells("你好") == 4
    assert cells("🙂") == 2
    assert cells("cafe\u0301") == 4  # a combining accent takes no cell
    assert cells("caf\u00e9") == 4
    assert cells("ｈｉ") == 4  # fullwidth forms
    assert cells("a\u200bb") == 2  # zero-width space
    assert cells("❤\ufe0f") == 1  # the variation selector itself adds nothing
    assert cells("你好 🙂 ok") == 4 + 1 + 2 + 3
