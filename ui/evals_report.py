"""The eval report (evals/report.py `load_latest(dir)`) as tables a person can read: a section of
the Advanced page (views/advanced.py), for whoever develops or vets the coach."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from ui import render as R
from ui import services
from ui import state as S


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        if value == int(value) and abs(value) >= 1:
            return str(int(value))
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _name(metric: str) -> str:
    return {"miti": "MITI"}.get(metric, metric.replace("_", " "))


def _report_dirs() -> list[Path]:
    base = services.ROOT / "reports"
    found = sorted({p.parent for p in base.glob("*/report.json")}, key=lambda p: p.name != "latest")
    return found or [base / "latest"]


def _rows(name: str, suite: dict[str, Any], previous: dict[str, Any]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    before = previous.get(name, {})
    shown = set()
    for c in suite.get("checks", []):
        result = "—" if c.get("passed") is None else ("✓ met" if c["passed"] else "✗ missed")
        target = f"{'≥' if c.get('op') == 'min' else '≤'} {_fmt(c.get('target'))}"
        rows.append(
            {
                "Measure": _name(c["metric"]),
                "Value": _fmt(c.get("value")),
                "Target": target,
                "Result": result,
                "Last run": _fmt(before.get(c["metric"])) if before else "",
            }
        )
        shown.add(c["metric"])
    metrics = suite.get("metrics", {})
    for metric in suite.get("headline", []):
        if metric in metrics and metric not in shown:
            rows.append(
                {
                    "Measure": _name(metric),
                    "Value": _fmt(metrics[metric]),
                    "Target": "",
                    "Result": "",
                    "Last run": _fmt(before.get(metric)) if before else "",
                }
            )
    return rows


def _show(report: dict[str, Any]) -> None:
    passed = bool(report.get("passed"))
    head = st.container(horizontal=True, vertical_alignment="center")
    head.badge(
        "Every threshold met" if passed else "Some thresholds missed",
        icon=":material/check_circle:" if passed else ":material/error:",
        color="green" if passed else "red",
    )
    head.caption(
        f"{R.nice_date(report.get('created_at'))} · voice: {report.get('backend', '?')} · "
        f"judge: {report.get('judge', 'none')} · {float(report.get('seconds') or 0):.0f} s"
    )
    for note in report.get("notes", []) or []:
        st.caption(R.md_escape(str(note)))
    chart = (report.get("files") or {}).get("chart")
    if chart and Path(chart).is_file():
        st.image(chart, width="stretch")
    prev = report.get("previous") or {}
    prev_metrics = prev.get("metrics") or {}
    for name, suite in (report.get("suites") or {}).items():
        with st.container(border=True):
            line = st.container(horizontal=True, vertical_alignment="center")
            title = _name(name)
            line.markdown(f"**{R.md_escape(title[:1].upper() + title[1:])}**")
            if suite.get("status") != "ok":
                line.badge("Didn't run", icon=":material/error:", color="red")
                st.caption(R.md_escape(str(suite.get("error") or "The suite raised an error.")))
                continue
            ok = suite.get("passed")
            line.badge("passed" if ok else "missed", color="green" if ok else "red")
            line.caption(f"{suite.get('samples', '?')} samples · {float(suite.get('seconds') or 0):.1f} s")
            rows = _rows(name, suite, prev_metrics)
            if rows:
                frame = pd.DataFrame(rows)
                if not prev_metrics:
                    frame = frame.drop(columns=["Last run"])
                st.dataframe(frame, hide_index=True, width="stretch")
    md = (report.get("files") or {}).get("markdown")
    if md and Path(md).is_file():
        st.download_button(
            "Report (Markdown)",
            Path(md).read_text(encoding="utf-8"),
            file_name="bedrock-eval-report.md",
            mime="text/markdown",
            icon=":material/description:",
            key="evals.dl_md",
        )


def section() -> None:
    """The Evals section: pick a report folder, show the report."""
    st.caption(
        "How the coach measured up the last time the evals ran (make eval): advice and judgment under "
        "pressure, question quality, faithful playback, and more."
    )
    report_mod = services.optional("evals.report")
    if report_mod is None:
        R.not_available("The eval report")
        return
    dirs = _report_dirs()
    if S.EVAL_DIR not in st.session_state:
        S.put(S.EVAL_DIR, str(dirs[0].relative_to(services.ROOT)) if dirs[0].is_relative_to(services.ROOT) else str(dirs[0]))
    others = [str(d.relative_to(services.ROOT)) for d in dirs[1:] if d.is_relative_to(services.ROOT)]
    folder = st.text_input(
        "Report folder",
        key=S.EVAL_DIR,
        help="A folder `coach eval --report DIR` wrote; relative paths start at the project folder."
        + (f" Also here: {', '.join(others)}." if others else ""),
    )
    chosen = Path(folder or "reports/latest").expanduser()
    if not chosen.is_absolute():
        chosen = services.ROOT / chosen
    report = report_mod.load_latest(chosen)
    if not report:
        st.info(
            "No eval report yet. Run `make eval` (or `coach eval --report reports/latest`) and "
            "reload this page.",
            icon=":material/analytics:",
        )
    else:
        _show(report)
