"""The `coach` command: a thin caller of the core.

Each area registers its commands from its own module, so the CLI grows without one file
everyone edits:

    chat.py      coach chat, coach sessions                       (the offline coach)
    check.py     coach check                                      (the guard)
    bench.py     coach bench                                      (benchmarks)
    memory.py    coach search, timeline, reindex, summary, export, forget, prep, bank
    llm.py       coach doctor                                     (LLM mode)
    evalcmd.py   coach eval                                       (eval suites)
    ui.py        coach ui                                         (the Streamlit app)
    mirror.py    coach mirror                                     (feedback on a mentor's real conversation)
    admin.py     coach admin                                      (a team server: people, links, audit)
"""

from __future__ import annotations

import importlib

import click

from coach.errors import CoachError

AREAS = ["chat", "check", "bench", "memory", "llm", "evalcmd", "ui", "summary", "mirror", "admin"]


class _Group(click.Group):
    """Turns domain errors into one clear line and exit code 1 (no tracebacks for users)."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group)
@click.version_option(package_name="bedrock-coach")
def cli() -> None:
    """Bedrock — a reflection coach for career conversations. It asks; it never advises.

    \b
    Examples:
      coach chat                          a reflection session in the terminal
      coach chat --script msgs.txt --json non-interactive, one mentee message per line
      coach check "You should ask for a raise."
      coach sessions                      list past sessions
    Data lives in COACH_HOME (default: your user data folder).
    """


for _area in AREAS:
    try:
        _mod = importlib.import_module(f"coach.cli.{_area}")
    except ModuleNotFoundError as _exc:  # an area not built yet
        if _exc.name != f"coach.cli.{_area}":
            raise
        continue
    _mod.register(cli)


def main() -> None:
    cli(prog_name="coach")
