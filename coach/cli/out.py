"""Everything the CLI prints goes through here: sanitized, secrets scrubbed, wrapped to the terminal.

- `echo(text)`: text from anywhere (a model, a stored session, a share file) with escape sequences,
  control and bidi-override characters removed (coach/text/sanitize.py). The CLI's own styling
  (`click.style`) is added around sanitized text, never inside it.
- `echo_json(data)`: one JSON document, secrets scrubbed, C1/bidi characters escaped: a `--json`
  printed to a terminal is as inert as the plain output.
- `say(prefix, text)`: a conversation line ("coach> ...", "you> ..."), word-wrapped to the
  terminal's width when stdout is a terminal (never breaking a word); piped output stays one line
  per message, which is what scripts and tests read.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

import click

from coach.text.sanitize import clean, json_safe
from coach.text.secrets import redact
from coach.text.wrap import cells, fit, wrapped

MIN_COLUMNS = 20


def is_tty() -> bool:
    return click.get_text_stream("stdout").isatty()


def columns() -> int:
    """The terminal's width (COLUMNS wins, as in shutil), with a floor so wrapping stays sane."""
    return max(MIN_COLUMNS, shutil.get_terminal_size((80, 24)).columns)


def echo(text: object = "", *, nl: bool = True, err: bool = False, wrap: bool | None = None) -> None:
    """Print text a person will read: sanitized, and word-wrapped on a terminal."""
    s = clean(redact(text, keylike=False))
    if wrap is None:
        wrap = not err and is_tty()
    if wrap:
        s = fit(s, columns() - 1)
    click.echo(s, nl=nl, err=err)


def echo_json(data: Any, *, indent: int | None = None) -> None:
    """Print one JSON document for machines: secrets scrubbed, inert on a terminal."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=str)
    click.echo(json_safe(redact(text, keylike=False)))


def say(prefix: str, text: str, *, style: dict[str, Any] | None = None) -> None:
    """One conversation line: a styled prefix, then the text wrapped to fit after it."""
    body = clean(text)
    if is_tty():
        body = wrapped(" ".join(body.split()), columns() - 1, start=cells(prefix))
    click.echo((click.style(prefix, **style) if style else prefix) + body)


def styled(text: str, **style: Any) -> None:
    """A line of the CLI's own, styled (dim help, a yellow notice), sanitized and wrapped first."""
    body = clean(redact(text, keylike=False))
    if is_tty():
        body = fit(body, columns() - 1)
    click.echo("\n".join(click.style(line, **style) for line in body.split("\n")))
