"""Reports: a terminal table, report.json, report.md and chart.png for one eval run.

`write(results, out_dir, meta)` writes all three files. The previous report.json in the folder (an
earlier run, perhaps on another backend) is kept as `previous` in the new one and drawn beside it in
the chart, so a regression is visible at a glance. `load_latest(dir)` is what the app's Evals view
reads.

report.json:
    {"version": 1, "created_at", "backend", "judge", "seconds", "passed",
     "suites": {name: {"status", "passed", "samples", "seconds", "metrics": {...},
                       "checks": [{"metric", "op", "target", "value", "passed"}], "headline": [...],
                       "flagged", "examples": [...], "details": {...}, "error"}},
     "previous": {"created_at", "backend", "judge", "passed", "metrics": {suite: {metric: value}}} | null,
     "files": {"json", "markdown", "chart"}}
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.text.secrets import redact

__all__ = ["build", "format_table", "load_latest", "render_markdown", "write", "write_chart"]

VERSION = 1
REPORT_JSON = "report.json"
REPORT_MD = "report.md"
CHART_PNG = "chart.png"


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if value == int(value) and abs(value) >= 1:
            return str(int(value))
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _op(op: str) -> str:
    return {"min": ">=", "max": "<=", "goal_min": "goal >=", "goal_max": "goal <="}.get(op, op)


def _status(c: dict[str, Any], fail: str = "FAIL") -> str:
    if c["passed"] is None:
        return "n/a"
    if c["passed"]:
        return "ok"
    return fail if c.get("gate", True) else "below goal"


def build(results: Sequence[Any], meta: dict[str, Any], previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report as a dict (what report.json holds)."""
    suites = {r.name: r.to_dict() for r in results}
    report = {
        "version": VERSION,
        "created_at": meta.get("created_at") or datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": meta.get("backend", "offline"),
        "judge": meta.get("judge", "none"),
        "seconds": round(float(meta.get("seconds", 0.0)), 2),
        "limit": meta.get("limit"),
        "passed": all(s["passed"] for s in suites.values()),
        "suites": suites,
        "notes": meta.get("notes", []),
        "previous": None,
    }
    if previous and previous.get("suites"):
        report["previous"] = {
            "created_at": previous.get("created_at"),
            "backend": previous.get("backend"),
            "judge": previous.get("judge"),
            "passed": previous.get("passed"),
            "metrics": {name: s.get("metrics", {}) for name, s in previous["suites"].items()},
        }
    return report


def _rows(report: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(suite, metric, value, target, status) rows: every threshold check, then headline metrics."""
    rows = []
    for name, s in report["suites"].items():
        if s["status"] == "skipped":
            rows.append((name, "SKIPPED", s.get("error", "")[:60], "", "skip"))
            continue
        if s["status"] != "ok":
            rows.append((name, "ERROR", s.get("error", "")[:60], "", "FAIL"))
            continue
        shown = set()
        for c in s["checks"]:
            status = _status(c)
            rows.append((name, c["metric"], _fmt(c["value"]), f"{_op(c['op'])} {_fmt(c['target'])}", status))
            shown.add(c["metric"])
        for metric in s.get("headline", []):
            if metric in s["metrics"] and metric not in shown:
                rows.append((name, metric, _fmt(s["metrics"][metric]), "", ""))
    return rows


def format_table(report: dict[str, Any]) -> str:
    """A plain-text table for the terminal."""
    header = ("suite", "metric", "value", "target", "")
    rows = [header, *_rows(report)]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    last = None
    for i, r in enumerate(rows):
        if i > 1 and r[0] != last:
            lines.append("-" * (sum(widths) + 8))
        suite = r[0] if r[0] != last or i <= 1 else ""
        lines.append("  ".join([suite.ljust(widths[0]), r[1].ljust(widths[1]), r[2].rjust(widths[2]),
                                r[3].ljust(widths[3]), r[4]]).rstrip())
        if i == 0:
            lines.append("=" * (sum(widths) + 8))
        last = r[0]
    seconds = {n: s["seconds"] for n, s in report["suites"].items()}
    verdict = "PASSED" if report["passed"] else "FAILED"
    lines.append("")
    lines.append(
        f"{verdict} — backend {report['backend']}, judge {report['judge']}, {report['seconds']:.1f}s "
        f"({', '.join(f'{n} {t:.1f}s' for n, t in seconds.items())})"
    )
    return "\n".join(lines)


def render_markdown(report: dict[str, Any]) -> str:
    out = [
        f"# Bedrock eval report — {'passed' if report['passed'] else 'FAILED'}",
        "",
        f"Run {report['created_at']} · backend `{report['backend']}` · judge `{report['judge']}` · "
        f"{report['seconds']:.1f} s" + (f" · limit {report['limit']}" if report.get("limit") else ""),
        "",
    ]
    for note in report.get("notes", []):
        out.append(f"> {note}")
    if report.get("notes"):
        out.append("")
    out.append(f"![chart]({CHART_PNG})")
    out.append("")
    prev = (report.get("previous") or {}).get("metrics", {})
    for name, s in report["suites"].items():
        out.append(f"## {name} — {s['status'] if s['status'] == 'skipped' else 'ok' if s['passed'] else 'FAIL'}")
        out.append("")
        out.append(f"{s['description']} {s['samples']} samples, {s['seconds']:.1f} s, {s['flagged']} flagged.")
        out.append("")
        if s["status"] != "ok":
            out += ["```", s.get("error", ""), s.get("details", {}).get("traceback", ""), "```", ""]
            continue
        p = prev.get(name, {})
        out.append("| metric | value | target | status | previous |")
        out.append("|---|---:|---|---|---:|")
        shown = set()
        for c in s["checks"]:
            status = _status(c, "**FAIL**")
            out.append(f"| {c['metric']} | {_fmt(c['value'])} | {_op(c['op'])} {_fmt(c['target'])} | {status} | "
                       f"{_fmt(p.get(c['metric']))} |")
            shown.add(c["metric"])
        for metric, value in s["metrics"].items():
            if metric not in shown:
                out.append(f"| {metric} | {_fmt(value)} | | | {_fmt(p.get(metric))} |")
        out.append("")
        table = s.get("details", {}).get("per_class") or s.get("details", {}).get("guard")
        if table:
            out.append("| label | precision | recall | F1 | support |")
            out.append("|---|---:|---:|---:|---:|")
            for label, v in table.items():
                if label == "macro":
                    continue
                out.append(f"| {label} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} | "
                           f"{int(v['support'])} |")
            out.append("")
        if s["examples"]:
            out.append(f"<details><summary>Flagged examples ({len(s['examples'])} of {s['flagged']})</summary>")
            out.append("")
            for ex in s["examples"]:
                head = ex.get("id", "")
                out.append(f"- **{head}** — {'; '.join(map(str, ex.get('why', [])))[:300]}")
                for key in ("mentee", "coach", "text"):
                    if ex.get(key):
                        out.append(f"  - {key}: {_md_escape(str(ex[key]))[:400]}")
                for bt in ex.get("bad_turns", [])[:3]:
                    out.append(f"  - turn: {_md_escape(bt['mentee'])[:150]} → {_md_escape(bt['coach'])[:250]}"
                               f" ({'; '.join(bt['why'])})")
            out.append("")
            out.append("</details>")
            out.append("")
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def write_chart(report: dict[str, Any], path: Path) -> Path:
    """Bars per thresholded metric (this run, and the previous one when there is one) with the target."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    suites = [(n, s) for n, s in report["suites"].items() if s["status"] == "ok" and s["checks"]]
    prev = (report.get("previous") or {}).get("metrics", {})
    if not suites:
        fig, ax = plt.subplots(figsize=(6, 2))
        ax.text(0.5, 0.5, "no thresholded metrics in this run", ha="center", va="center")
        ax.axis("off")
        fig.savefig(path, dpi=100)
        plt.close(fig)
        return path
    heights = [max(1, len({c["metric"] for c in s["checks"]})) for _, s in suites]
    fig, axes = plt.subplots(len(suites), 1, figsize=(9, 1.0 + 0.48 * sum(heights) + 0.5 * len(suites)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    label_now = f"this run ({report['backend']}, {str(report['created_at'])[:16]})"
    label_prev = None
    if report.get("previous"):
        p = report["previous"]
        label_prev = f"previous ({p.get('backend')}, {str(p.get('created_at'))[:16]})"
    for ax, (name, s) in zip(axes[:, 0], suites, strict=True):
        checks = s["checks"]
        metrics = list(dict.fromkeys(c["metric"] for c in checks))
        ys = range(len(metrics))
        values = [s["metrics"].get(m) for m in metrics]
        ok = [all(c["passed"] is not False for c in checks if c["metric"] == m and c.get("gate", True)) for m in metrics]
        colors = ["#3a7d44" if good else "#c0392b" for good in ok]
        h = 0.38 if prev.get(name) else 0.6
        ax.barh([y + (h / 2 if prev.get(name) else 0) for y in ys], [v or 0 for v in values], height=h,
                color=colors, label=label_now)
        if prev.get(name):
            ax.barh([y - h / 2 for y in ys], [prev[name].get(m) or 0 for m in metrics], height=h,
                    color="#9aa5b1", label=label_prev)
        for c in checks:
            y = metrics.index(c["metric"])
            ax.plot([c["target"], c["target"]], [y - 0.45, y + 0.45], color="black", lw=2)
        for y, v in zip(ys, values, strict=True):
            ax.text((v or 0), y + (h / 2 if prev.get(name) else 0), f" {_fmt(v)}", va="center", fontsize=8)
        ax.set_yticks(list(ys), metrics, fontsize=8)
        ax.invert_yaxis()
        top = max([abs(v or 0) for v in values] + [abs(c["target"]) for c in checks] + [1.0])
        if top > 2.0:  # counts beside ratios: a symlog axis keeps both readable
            ax.set_xscale("symlog", linthresh=1.0)
        else:
            ax.set_xlim(0, top * 1.15)
        ax.set_title(f"{name} — {'ok' if s['passed'] else 'FAIL'}", fontsize=10, loc="left")
        ax.tick_params(axis="x", labelsize=7)
    axes[0, 0].legend(fontsize=7, loc="lower right")
    fig.suptitle("Bedrock evals: value per metric (bar) vs target (black line)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def write(results: Sequence[Any], out_dir: Path | str, meta: dict[str, Any]) -> dict[str, Any]:
    """Write report.json, report.md and chart.png to `out_dir`; return the report dict."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    previous = _read_json(out / REPORT_JSON)
    report = build(results, meta, previous)
    report["files"] = {"json": REPORT_JSON, "markdown": REPORT_MD, "chart": CHART_PNG}
    # A server that echoes the API key into an error puts it in a suite's error and traceback:
    # everything written is scrubbed of it (coach/text/secrets.py).
    report = json.loads(redact(json.dumps(report, default=str), keylike=False))
    write_chart(report, out / CHART_PNG)
    (out / REPORT_MD).write_text(redact(render_markdown(report), keylike=False), encoding="utf-8")
    tmp = out / (REPORT_JSON + ".tmp")
    tmp.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    tmp.replace(out / REPORT_JSON)  # readers (the app) never see a half-written file
    return report


def load_latest(directory: Path | str = "reports/latest") -> dict[str, Any]:
    """The latest report in `directory` for the app's Evals view; {} when there is none yet.

    File names in "files" are made absolute ("chart" is the PNG to show), so the caller need not know
    the layout.
    """
    d = Path(directory)
    report = _read_json(d / REPORT_JSON)
    if not report:
        return {}
    files = report.get("files") or {"json": REPORT_JSON, "markdown": REPORT_MD, "chart": CHART_PNG}
    report["files"] = {k: str((d / v).resolve()) for k, v in files.items() if (d / v).exists()}
    return report
