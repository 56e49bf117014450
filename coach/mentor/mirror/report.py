"""A mirror report as words: the figures with what good looks like, Markdown, and saving on request.

The CLI, the Markdown file and the app page all show `figures(summary)`, so they never disagree.
Saving is explicit (`coach mirror --save`, the page's "Keep a copy" button): a mentor's conversation
holds the mentee's words, and nothing is kept unless the mentor asks.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coach.mentor.mirror.types import MirrorReport, Summary, Turn

__all__ = ["Figure", "figures", "label_name", "save", "to_markdown"]

LABEL_NAMES = {
    "open_question": "open question",
    "closed_question": "closed question",
    "leading_question": "leading question",
    "simple_reflection": "simple reflection",
    "complex_reflection": "complex reflection",
    "advice": "advice",
    "judgment": "judgment",
    "information": "information",
    "affirmation": "affirmation",
    "other": "other",
}


def label_name(label: str) -> str:
    return LABEL_NAMES.get(label, label.replace("_", " "))


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: str
    good: str  # what good looks like, and where that comes from
    ok: bool | None  # None: no verdict (no target, or nothing to judge)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def figures(s: Summary) -> list[Figure]:
    rq = s.reflection_question_ratio
    rq_text = f"{s.reflections}:{s.questions}" + (f" ({rq:.2f})" if rq is not None else "")
    mono = s.longest_monologue
    mono_text = f"{mono['words']} words" + (f" ({mono['seconds']:.0f} s)" if mono.get("seconds") else "")
    return [
        Figure("Reflections : questions", rq_text, "MITI: fair 1:1, good 2:1",
               None if rq is None and not s.reflections else (rq is None or rq >= 1.0)),
        Figure("Complex reflections", _pct(s.complex_reflection_pct), "MITI: fair 40%, good 50%",
               None if s.complex_reflection_pct is None else s.complex_reflection_pct >= 0.4),
        Figure("Open questions", _pct(s.open_question_pct), "MITI: fair 50%, good 70% of questions",
               None if s.open_question_pct is None else s.open_question_pct >= 0.5),
        Figure("Advice (not asked for)", str(s.advice), "the seed: don't advise unless asked", s.advice == 0),
        Figure("Advice after being asked", str(s.advice_asked), "even then, consider whether you should", None),
        Figure("Judgment", str(s.judgment), "the seed: refrain from judging their goals", s.judgment == 0),
        Figure("Talk share", _pct(s.talk_share), "the seed: listen much more than you speak", s.talk_share <= 0.5),
        Figure("Longest monologue", mono_text, "short turns leave room for the mentee", None),
        Figure("Ladder depth", str(s.ladder_depth), "follow-ups on one thread, \"why\" until bedrock", s.ladder_depth >= 3),
        Figure("Expectations set up front", "yes" if s.expectations_set else "no", "the seed: be explicit about expectations", s.expectations_set),
        Figure("Confidentiality agreed", "yes" if s.confidentiality_set else "no", "the seed: agree how it will be treated", s.confidentiality_set),
        Figure("Missed moments", str(len(s.missed_moments)), "a motivation heard and moved past", not s.missed_moments),
    ]


# ---------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~])")


def _md(text: str) -> str:
    """Someone's words shown literally in Markdown (and never as HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def _mark(ok: bool | None) -> str:
    return {True: "✓", False: "✗", None: "·"}[ok]


def _labels(t: Turn) -> str:
    return ", ".join(label_name(x) for x in t.labels)


def to_markdown(report: MirrorReport) -> str:
    s = report.summary
    title = f"Mentor mirror — {_md(report.source)}" if report.source else "Mentor mirror"
    who = f"**Mentor:** {_md(s.mentor)}"
    if s.mentor_chosen_by == "most_questions":
        who += " (the speaker who asks the most questions)"
    lines = [f"# {title}", "", (f"{who} · **Mentee:** {_md(', '.join(s.mentees))} · "
                                f"{s.turns['mentor']} mentor turns, {s.turns['mentee']} mentee turns · "
                                f"{s.words['mentor'] + s.words['mentee']} words"), ""]
    lines += ["## Summary", "", "| | | what good looks like |", "|---|---|---|"]
    lines += [f"| {_mark(f.ok)} {f.name} | {f.value} | {f.good} |" for f in figures(s)]
    if s.ladder_depth:
        lines += ["", (f"Deepest ladder: {s.ladder_depth} follow-ups from turn {s.ladder['start_turn']}, on "
                       f"“{_md(s.ladder['thread'])}”.")]
    if s.expectations_line:
        lines += [f"Expectations: “{_md(s.expectations_line)}”"]
    if s.confidentiality_line:
        lines += [f"Confidentiality: “{_md(s.confidentiality_line)}”"]
    if s.longest_monologue["words"]:
        lines += [f"Longest monologue (turn {s.longest_monologue['turn']}): “{_md(s.longest_monologue['excerpt'])}”"]
    for note in s.notes:
        lines += [f"_Note: {_md(note)}_"]

    lines += ["", "## Missed moments", ""]
    if not s.missed_moments:
        lines += ["None: every time the mentee said what drives them, you stayed with it."]
    for mm in s.missed_moments:
        lines += [f"- Turn {mm.turn}, {_md(mm.speaker)} ({mm.motivation.replace('_', ' ')}): “{_md(mm.line)}”",
                  f"  - You moved on: “{_md(mm.mentor_reply)}”",
                  f"  - You could have asked: **{_md(mm.why_question)}**"]

    lines += ["", "## Advice and judgment, and what you could have said instead", ""]
    if not s.rewrites:
        lines += ["None found."]
    for rw in s.rewrites:
        asked = " (they had asked for it)" if rw.asked else ""
        lines += [f"- Turn {rw.turn} — {', '.join(rw.labels)}{asked}: “{_md(rw.text)}”",
                  f"  - Instead: **{_md(rw.alternative)}**"]

    lines += ["", "## Timeline", ""]
    for t in report.turns:
        if t.role == "mentor":
            lines += [f"{t.index}. **{_md(t.speaker)}** [{_labels(t)}]: {_md(t.text)}"]
        else:
            lines += [f"{t.index}. {_md(t.speaker)}: {_md(t.text)}"]
    lines += ["", f"_Labelled by {_md(report.labeller)}. Nothing was stored unless you chose to save it._", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------- saving


def save(report: MirrorReport, home: Path) -> Path:
    """Write the report as JSON under `home`/mirror/, readable by its owner only. Returns the path."""
    folder = Path(home) / "mirror"
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    stem = re.sub(r"[^\w.-]+", "-", Path(report.source).stem if report.source else "conversation").strip("-")[:40]
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stamp}-{stem or 'conversation'}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stamp}-{stem or 'conversation'}-{n}.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(report.to_dict(), f, ensure_ascii=False, indent=1)
    return path
