"""`coach check`: let a mentor (or a test) run the guard on planned lines.

A thin caller of `coach.guard.explain`: it reads text, prints the verdict and, for a flagged line,
the words that carry the problem, why it matters and a non-advising rewrite; bad input becomes a
clear message instead of a traceback.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import click

from coach.cli.out import echo, echo_json
from coach.text import bounded
from coach.types import Verdict

if TYPE_CHECKING:
    from coach.guard import classify_label
    from coach.guard.explain import Explanation, explain
else:  # importing the guard costs ~45 ms: paid when a check runs, not by every `coach` command
    Explanation = Any

    def explain(*a: Any, **kw: Any) -> Any:
        from coach.guard.explain import explain as real

        return real(*a, **kw)

    def classify_label(verdict: Verdict) -> str:
        from coach.guard import classify_label as real

        return real(verdict)

# A line longer than this is not a coach turn; refusing it keeps the output readable.
MAX_LINE_CHARS = 20_000
MAX_LINE_BYTES = 4 * MAX_LINE_CHARS + 1_000  # a JSONL line: the text (UTF-8, escaped) and its keys
JSONL_DEPTH = 4  # {"text": ..., "mentee_text": ...}: anything deeper is not a line to check


def _record(text: str, e: Explanation) -> dict[str, Any]:
    """The JSON contract: text, label, labels, ok, reason, questions; then what explains a flag
    (spans, why, rewrite) and the detector's scores. Fields are added, never renamed."""
    v = e.verdict
    return {
        "text": text,
        "label": classify_label(v),
        "labels": v.labels,
        "ok": v.ok,
        "reason": v.reason,
        "questions": v.questions,
        "spans": [s.to_dict() for s in e.spans],
        "why": e.why,
        "rewrite": e.rewrite,
        "scores": e.scores,
    }


def _problem(text: object) -> str | None:
    """Why a text cannot be checked, or None when it can."""
    if not isinstance(text, str):
        return f'"text" must be a string, got {type(text).__name__}'
    if not text.strip():
        return "empty text: nothing to check"
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
        return "text contains control characters (binary input?)"
    if len(text) > MAX_LINE_CHARS:
        return f"text is {len(text)} characters; at most {MAX_LINE_CHARS} can be checked"
    return None


def _jsonl_record(raw: str, lineno: int) -> dict[str, Any]:
    """One output object for one input line, so output line N answers input line N."""
    if not raw.strip():
        return {"error": f"line {lineno}: blank line", "line": lineno}
    try:
        obj = bounded.loads(raw, max_depth=JSONL_DEPTH, what="the line")
    except bounded.BoundedJSONError as exc:
        return {"error": f"line {lineno}: {exc.reason.replace('not JSON', 'not valid JSON', 1)}", "line": lineno}
    if not isinstance(obj, dict) or "text" not in obj:
        return {"error": f'line {lineno}: expected an object like {{"text": "..."}}', "line": lineno}
    text = obj["text"]
    problem = _problem(text)
    if problem:
        return {"error": f"line {lineno}: {problem}", "line": lineno}
    mentee = obj.get("mentee_text", obj.get("mentee", ""))
    if mentee is None:
        mentee = ""
    if not isinstance(mentee, str):
        return {"error": f'line {lineno}: "mentee_text" (or "mentee") must be a string', "line": lineno}
    return _record(text, explain(text, mentee_text=mentee))


def _run_jsonl(stream: IO[bytes]) -> None:
    # Line by line, each bounded: a huge or hostile line gets its own error record and the lines
    # after it are still checked (output line N always answers input line N).
    for lineno, raw_bytes in bounded.iter_lines(stream, max_line_bytes=MAX_LINE_BYTES):
        rec: dict[str, Any]
        if raw_bytes is None:
            rec = {"error": f"line {lineno}: longer than {MAX_LINE_BYTES:,} bytes", "line": lineno}
        else:
            try:
                raw = raw_bytes.decode("utf-8")
            except UnicodeDecodeError:
                rec = {"error": f"line {lineno}: not UTF-8 text (binary input?)", "line": lineno}
            else:
                rec = _jsonl_record(raw, lineno)
        echo_json(rec)


def _human(text: str, e: Explanation) -> str:
    v = e.verdict
    status = "ok" if v.ok else "FLAGGED"
    labels = ", ".join(v.labels) or "none"
    out = [f"{status}: {classify_label(v)}", f"labels: {labels}", f"questions: {v.questions}", f"reason: {v.reason}"]
    if e.spans:
        out.append("words: " + "; ".join(f'"{s.text}" ({s.label.replace("_", " ")})' for s in e.spans))
    out += [f"why: {w}" for w in e.why]
    if e.rewrite:
        out.append(f"try instead: {e.rewrite}")
    return "\n".join(out)


def register(cli: click.Group) -> None:
    @cli.command("check", context_settings={"ignore_unknown_options": True})  # "- a list" is text
    @click.argument("text", required=False)
    @click.option("--jsonl", "jsonl", type=click.File("rb"), default=None, metavar="FILE",
                  help='Read JSONL lines {"text": ..., "mentee_text" (or "mentee"): optional} from FILE ("-" for stdin).')
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON object for TEXT.")
    @click.option("--mentee", "mentee", default="", metavar="TEXT",
                  help="The mentee message TEXT answers (tells a playback of their 'should' from advice; the rewrite plays it back).")
    def check_cmd(text: str | None, jsonl: IO[bytes] | None, as_json: bool, mentee: str) -> None:
        """Check a coach's or mentor's line for advice, judgment, closed/leading or stacked
        questions and leaked instructions; also names open questions and reflections. For a
        flagged line: the words that carry it, why it matters, and a way to say it instead.

        \b
        Examples:
          coach check "You should ask for a raise."
          coach check --mentee "I feel underpaid." "You should ask for a raise."
          coach check --json "What draws you to that?"
          coach check --jsonl lines.jsonl > verdicts.jsonl
          cat lines.jsonl | coach check --jsonl -

        \b
        Exit codes:
          TEXT     0 if the line is ok, 1 if it is flagged (advice, judgment, more than one
                   question, a closed or leading question, or a leak), 2 for bad usage/input.
          --jsonl  always 0; each output line is {"text", "label", "labels", "ok", "reason",
                   "questions", "spans", "why", "rewrite", "scores"} in input order, or
                   {"error", "line"} for a bad input line.
        """
        if text is not None and text.startswith("--") and not any(c.isspace() for c in text):
            raise click.UsageError(f"No such option: {text}")  # a mistyped flag, not a line to check
        if jsonl is not None:
            if text is not None:
                raise click.UsageError("give either TEXT or --jsonl FILE, not both")
            _run_jsonl(jsonl)
            return
        if text is None:
            raise click.UsageError('give a line to check, e.g. coach check "What draws you to that?"')
        problem = _problem(text)
        if problem:
            raise click.BadParameter(problem, param_hint="TEXT")
        e = explain(text, mentee_text=mentee)
        if as_json:
            echo_json(_record(text, e))
        else:
            echo(_human(text, e))
        click.get_current_context().exit(0 if e.verdict.ok else 1)
