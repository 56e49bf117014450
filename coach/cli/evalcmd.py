"""`coach eval`: run the eval suites, print a table, write report.json / report.md / chart.png.

A thin caller of `evals/`: it builds the run's settings (backend, one temporary COACH_HOME so the
evals never touch the mentee's data), runs the suites with a progress bar on stderr, writes the
report, and exits 1 when a threshold is missed or a suite breaks.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import click

from coach.cli.out import echo, echo_json
from coach.config import load_settings
from coach.errors import CoachError


def _scratch_dir() -> str | None:
    """A RAM-backed folder when there is one: the store commits (fsyncs) every turn, and the eval's
    sessions are throwaway, so they need not wait for the disk."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


class _SuiteChoice(click.Choice):
    """The suite names, read only when a value is checked or help is shown: importing the eval
    suites costs ~0.12 s, which every other `coach` command (a chat's cold start) need not pay."""

    def __init__(self) -> None:
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        from evals.suites import SUITES

        return list(SUITES)

    @choices.setter
    def choices(self, value: object) -> None:
        pass


def register(cli: click.Group) -> None:
    @cli.command("eval")
    @click.option("--suite", "suites", multiple=True, type=_SuiteChoice(),
                  help="Run only this suite (repeatable). Default: all.")
    @click.option("--backend", type=click.Choice(["offline", "openai"]), default="offline", show_default=True,
                  envvar="COACH_EVAL_BACKEND", help="The coach's voice under test.")
    @click.option("--judge", type=click.Choice(["none", "openai"]), default="none", show_default=True,
                  envvar="COACH_EVAL_JUDGE", help="Add an LLM judge (prompt judge.md) to the rule and guard judges.")
    @click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=Path("reports/latest"), show_default=True,
                  help="Folder for report.json, report.md and chart.png.")
    @click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N samples per suite.")
    @click.option("--thresholds", "thresholds_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                  default=None, help="Targets file (default: evals/thresholds.toml).")
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON instead of the table.")
    def eval_cmd(suites: tuple[str, ...], backend: str, judge: str, report_dir: Path, limit: int | None,
                 thresholds_file: Path | None, as_json: bool) -> None:
        """Run the eval suites against the real coach and check them against their targets.

        \b
        Examples:
          coach eval                                  every suite, offline voice (what CI runs)
          coach eval --suite advice_bait --suite miti
          coach eval --backend openai --judge openai --report reports/openai
          coach eval --limit 10                       a quick smoke run
        Exits 1 when a threshold is missed or a suite fails to run.
        """
        from evals import report as reporting
        from evals import scorers, solvers
        from evals.suites import SUITES, EvalContext, load_thresholds, run_suite, sample_count

        names = list(suites) or list(SUITES)
        thresholds = load_thresholds(thresholds_file)
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="coach-eval-", dir=_scratch_dir()) as home:
            env = dict(os.environ)
            base = load_settings(env)  # the user's key / server / model, if any
            settings = base.model_copy(update={"home": Path(home), "backend": backend})
            judge_model = scorers.LLMJudge.from_settings(base) if judge == "openai" else None
            ctx = EvalContext(settings=settings, judge=judge_model)
            total = sum(sample_count(n, limit) for n in names)
            results = []
            try:
                with solvers.capture_coach_logs() as logs, click.progressbar(
                    length=total, label="evaluating", file=sys.stderr, show_pos=True, width=30
                ) as bar:
                    for name in names:
                        bar.label = f"{name:<12}"
                        results.append(run_suite(name, ctx, thresholds, limit=limit, progress=bar.update))
            finally:
                ctx.runner.close()
        seconds = time.perf_counter() - t0
        notes = [f"Coach built in {ctx.runner.build_seconds:.1f} s (embedder load included)."]
        errors = [r for r in logs if r.levelname in ("ERROR", "CRITICAL")]
        if logs:
            notes.append(f"The coach logged {len(logs)} warnings/errors during the run ({len(errors)} errors); "
                         f"first: {logs[0].getMessage()[:200]}")
        meta = {"backend": backend, "judge": judge, "seconds": seconds, "limit": limit, "notes": notes}
        try:
            report = reporting.write(results, report_dir, meta)
        except OSError as exc:
            raise CoachError(f"Cannot write the report to {report_dir}: {exc.strerror}.") from None
        if as_json:
            echo_json(report, indent=2)
        else:
            echo(reporting.format_table(report))
            click.echo(f"Report: {report_dir / reporting.REPORT_MD} · chart: {report_dir / reporting.CHART_PNG}")
        if not report["passed"]:
            sys.exit(1)
