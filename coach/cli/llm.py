"""`coach doctor`: is the configured model server ready for LLM mode? Says what to fix if not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from coach.cli.out import echo, echo_json
from coach.config import load_settings

if TYPE_CHECKING:  # the LLM stack (openai, langchain) takes ~1 s to import: only `coach doctor` pays it
    from coach.llm_health import HealthReport

_MARK = {"ok": "ok  ", "warn": "warn", "fail": "FAIL", "skip": "skip"}


def _print_report(report: HealthReport) -> None:
    echo(f"Model server: {report.base_url}   model: {report.model}   backend: {report.backend}")
    for c in report.checks:
        echo(f"  {_MARK[c.status]}  {c.name:<11} {c.detail}")
        if c.fix and c.status in ("fail", "warn"):
            echo(f"        {'':<11} fix: {c.fix}")
    if report.ok:
        echo("All checks passed: LLM mode is ready." if report.backend == "openai"
                   else "The server works; set COACH_BACKEND=openai to use it.")
    else:
        n = len(report.failed)
        echo(f"{n} check{'s' if n != 1 else ''} failed; the coach will use its offline voice until fixed.")


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--base-url", help="Check this server instead of OPENAI_BASE_URL (e.g. http://127.0.0.1:8080/v1).")
    @click.option("--model", help="Check this model instead of COACH_MODEL.")
    @click.option("--timeout", type=float, help="Seconds to wait for each request (default: COACH_TIMEOUT, at most 15).")
    @click.option("--json", "as_json", is_flag=True, help="Print the findings as one JSON object.")
    def doctor(base_url: str | None, model: str | None, timeout: float | None, as_json: bool) -> None:
        """Check the model server for LLM mode: reachable, model present, a test reply, latency.

        \b
        Uses COACH_BACKEND, OPENAI_BASE_URL, OPENAI_API_KEY and COACH_MODEL (see docs/LLM.md).
        Exits 1 when a check fails, after saying what to fix. The API key is never printed.

        \b
        Examples:
          coach doctor
          coach doctor --base-url http://127.0.0.1:11434/v1 --model llama3.2:1b
        """
        settings = load_settings()
        updates: dict[str, object] = {}
        if base_url:
            updates.update(base_url=base_url, backend="openai")
        if model:
            updates["model"] = model
        if updates:
            settings = settings.model_copy(update=updates)
        from coach.llm_health import check_server

        report = check_server(settings, timeout_s=timeout)
        if as_json:
            echo_json(report.to_dict(), indent=2)
        else:
            _print_report(report)
        if not report.ok:
            click.get_current_context().exit(1)
