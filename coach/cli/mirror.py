"""`coach mirror`: feedback on a real career conversation a mentor held. A thin caller of
`coach.mentor.mirror`: read the transcript, pick the mentor, run, print; store only with --save."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from coach.mentor.mirror import parse
from coach.mentor.mirror.types import MirrorReport, Transcript, TranscriptError

_WIDTH = 28


def _read(file: str) -> Transcript:
    if file == "-":
        data = click.get_binary_stream("stdin").read(parse.MAX_BYTES + 1)
        return parse.parse(data, name="stdin")
    return parse.read_transcript(file)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _ask_mentor(transcript: Transcript) -> str:
    from coach.mentor.mirror.run import question_counts, suggest_mentor

    speakers = transcript.speakers
    counts = question_counts(transcript)
    default = speakers.index(suggest_mentor(transcript)) + 1
    click.echo("Who is the mentor in this conversation?", err=True)
    for i, s in enumerate(speakers, 1):
        click.echo(f"  {i}. {s} ({counts[s]} question{'' if counts[s] == 1 else 's'})", err=True)
    pick = click.prompt("Mentor", type=click.IntRange(1, len(speakers)), default=default, err=True)
    return speakers[pick - 1]


def _human(report: MirrorReport) -> str:
    from coach.mentor.mirror.report import figures

    s = report.summary
    src = report.source or "the conversation"
    out = [(f"Mirror of {src}: mentor {s.mentor}, mentee {', '.join(s.mentees)} "
            f"({s.turns['mentor']} + {s.turns['mentee']} turns, {s.words['mentor'] + s.words['mentee']} words)")]
    for f in figures(s):
        mark = {True: "ok", False: "!!", None: "  "}[f.ok]
        out.append(f"  {mark} {f.name:<{_WIDTH}} {f.value:<14} {f.good}")
    if s.expectations_line or s.confidentiality_line:
        out.append("")
    if s.expectations_line:
        out.append(f"  expectations: \"{s.expectations_line}\"")
    if s.confidentiality_line:
        out.append(f"  confidentiality: \"{s.confidentiality_line}\"")
    if s.missed_moments:
        out += ["", f"Missed moments ({len(s.missed_moments)}): a motivation heard and moved past"]
        for mm in s.missed_moments:
            out += [f"  turn {mm.turn}  {mm.speaker} ({mm.motivation.replace('_', ' ')}): \"{mm.line}\"",
                    f"           you moved on: \"{mm.mentor_reply}\"",
                    f"           you could have asked: \"{mm.why_question}\""]
    if s.rewrites:
        out += ["", f"Advice and judgment ({len(s.rewrites)}), and what you could have said instead"]
        for rw in s.rewrites:
            asked = ", after they asked" if rw.asked else ""
            out += [f"  turn {rw.turn}  {'/'.join(rw.labels)}{asked}: \"{rw.text}\"",
                    f"           instead: \"{rw.alternative}\""]
    out += ["", "Every turn's labels and why: add --json, or --markdown FILE for a report."]
    return "\n".join(out)


def register(cli: click.Group) -> None:
    @cli.command("mirror")
    @click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
    @click.option("--mentor", "mentor", metavar="NAME", default=None,
                  help="Which speaker is the mentor (default: ask in a terminal, else the one who asks most questions).")
    @click.option("--json", "as_json", is_flag=True, help='Print {"utterances": [...], "summary": {...}} as JSON.')
    @click.option("--markdown", "markdown", type=click.Path(dir_okay=False), metavar="OUT", default=None,
                  help="Also write a Markdown report to OUT.")
    @click.option("--save", is_flag=True, help="Keep the report (JSON) in COACH_HOME/mirror/. Off by default.")
    def mirror_cmd(file: str, mentor: str | None, as_json: bool, markdown: str | None, save: bool) -> None:
        """Mirror a career conversation you held: what you asked, reflected, advised and judged,
        and the "why"s you could have asked.

        \b
        FILE is a transcript ("-" for stdin):
          text    one turn a line as "Name: what they said" (a line without a name continues the turn)
          .vtt    WebVTT from a meeting tool (<v Name> voice tags or "Name:" prefixes)
          .srt    SubRip subtitles with "Name:" prefixes
          .jsonl  one {"speaker": "...", "text": "..."} object a line

        \b
        Examples:
          coach mirror talk.txt --mentor Priya
          coach mirror meeting.vtt --mentor "Priya Shah" --markdown mirror.md
          coach mirror talk.jsonl --mentor Priya --json > labels.json

        Nothing is stored or sent anywhere unless you add --save.
        """
        transcript = _read(file)
        chosen_by = "flag"
        if mentor is None and _interactive():
            mentor, chosen_by = _ask_mentor(transcript), "prompt"
        from coach.mentor.mirror.run import Mirror

        report = Mirror().run(transcript, mentor, chosen_by=chosen_by)
        if report.summary.mentor_chosen_by == "most_questions":
            click.echo(f"note: taking {report.summary.mentor} as the mentor (asks the most questions); "
                       "choose with --mentor NAME", err=True)
        if markdown:
            from coach.mentor.mirror.report import to_markdown

            try:
                Path(markdown).write_text(to_markdown(report), encoding="utf-8")
            except OSError as exc:
                raise TranscriptError(f"can't write {markdown}: {exc.strerror}") from None
            click.echo(f"wrote {markdown}", err=True)
        if save:
            from coach.config import load_settings
            from coach.mentor.mirror.report import save as save_report

            path = save_report(report, load_settings().home)
            click.echo(f"saved to {path}", err=True)
        if as_json:
            click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            click.echo(_human(report))
