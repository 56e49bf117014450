"""JSON and JSONL read with limits: size, nesting depth, and (by the callers) types.

`json.loads` recurses once per nesting level, so a line of 3,000 `[` raises RecursionError (a
traceback, and in a JSONL loop every later line lost); a 2 GB "share file" is read whole. Every
file and JSONL the tool reads goes through here instead:

    loads(text, max_depth=..., what=...)        one document; BoundedJSONError says what is wrong
    read_text(path, max_bytes=..., what=...)    a file's text, refused before reading when too big
    iter_lines(stream, max_line_bytes=...)      lines of a byte stream, each at most N bytes: a longer
                                                line is skipped (and reported), never read whole

BoundedJSONError is a ValueError whose message is one plain sentence; callers add the line number
or file name and carry on with the next line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

MAX_DEPTH = 32  # a share file nests 4 levels; a JSONL line 2
MAX_LINE_BYTES = 1_000_000


class BoundedJSONError(ValueError):
    """`str()` is "<what> is <reason>"; `.reason` is the reason alone ("not JSON (...)")."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"{what} is {reason}")
        self.reason = reason


def depth(value: Any) -> int:
    """How deeply lists and objects nest in `value` (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            v = list(v.values())
        elif not isinstance(v, list):
            continue
        d += 1
        deepest = max(deepest, d)
        stack.extend((child, d) for child in v if isinstance(child, dict | list))
    return deepest


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH, what: str = "the JSON") -> Any:
    """Parse one JSON document no deeper than `max_depth`. BoundedJSONError otherwise."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise BoundedJSONError(what, "not UTF-8 text") from None
    try:
        value = json.loads(text)
    except RecursionError:
        raise BoundedJSONError(what, f"nested too deeply (more than {max_depth} levels)") from None
    except json.JSONDecodeError as exc:
        raise BoundedJSONError(what, f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if depth(value) > max_depth:
        raise BoundedJSONError(what, f"nested too deeply (more than {max_depth} levels)")
    return value


def read_text(path: Path | str, *, max_bytes: int, what: str = "the file") -> str:
    """A text file's content, refused before reading if larger than `max_bytes`.

    Raises OSError (missing, unreadable) or BoundedJSONError (too big, not UTF-8).
    """
    path = Path(path)
    with path.open("rb") as f:
        raw = f.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise BoundedJSONError(what, f"larger than {max_bytes // 1_000_000} MB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BoundedJSONError(what, "not UTF-8 text") from None


class Line(NamedTuple):
    number: int
    data: bytes | None  # None: the line was longer than the limit (skipped, not read into memory)


def iter_lines(stream: IO[bytes], *, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """Lines of `stream` (without their end), numbered from 1. A line over the limit comes back
    as `Line(n, None)` after the rest of it was read and dropped in bounded chunks."""
    number = 0
    while True:
        chunk = stream.readline(max_line_bytes + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > max_line_bytes and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # drain the rest of the long line
                chunk = stream.readline(max_line_bytes)
            yield Line(number, None)
            continue
        yield Line(number, chunk.rstrip(b"\r\n"))
