"""Transcripts in: plain text, WebVTT, SRT and JSONL, parsed into `Transcript` with clear errors.

    text    `Name: what they said`, one turn a line; a line without a `Name:` prefix continues the
            turn above it (multi-line turns). An optional timestamp may lead (`[00:01:02] Name: ...`).
    webvtt  cues with `<v Name>` voice tags (Teams) or a `Name:` prefix (Zoom); NOTE/STYLE/REGION
            blocks skipped; consecutive cues of one speaker merged into one turn.
    srt     numbered cues with a `Name:` prefix or voice tags; merged like WebVTT.
    jsonl   one `{"speaker": ..., "text": ...}` object a line (`role` is accepted for `speaker`;
            optional `start`/`end` seconds). Each line stays one turn: its writer chose the split.

WebVTT and SRT are parsed here rather than with webvtt-py: one parser serves both, accepts the
comma milliseconds meeting tools write into .vtt files (webvtt-py returns no cues for them without
a word), and can name the line of a malformed cue.

Nothing here stores or sends anything: the text stays in memory.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

from coach.mentor.mirror.types import Transcript, TranscriptError, Utterance

__all__ = ["MAX_BYTES", "MAX_WORDS", "detect_format", "parse", "read_transcript"]

#: A 60-minute conversation is ~60 KB; 2 MB is a working day of talk. Bigger is not a conversation.
MAX_BYTES = 2_000_000
#: ~5 hours of talk; labelling time grows with words, so the cap bounds a run to about a minute.
MAX_WORDS = 50_000
#: JSON nested deeper than this is not a transcript line (and deep nesting can exhaust the parser).
MAX_JSON_DEPTH = 16
FORMATS = ("text", "webvtt", "srt", "jsonl")

_EXT = {".txt": "text", ".md": "text", ".vtt": "webvtt", ".srt": "srt", ".jsonl": "jsonl", ".json": "jsonl"}
# C0 controls other than tab/newline/carriage return, and DEL: binary data or terminal escapes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TIME = r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})(?:\s+.*)?$")
_LEAD_STAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*(?:[-–—]\s*)?")
# A speaker name: starts with a letter, at most 4 words and 40 characters, no colon; an optional
# "(00:01:02)" after it. "Dr. Smith", "Speaker 1", "Prof. Lindqvist", "Anne-Marie O'Neil".
_NAME = r"[^\W\d_][\w.'’-]*(?:[ \t][\w.'’-]+){0,3}"
_SPEAKER = re.compile(rf"^(?P<name>{_NAME})[ \t]*(?:\([\d:.,]+\))?[ \t]*:(?:[ \t]+(?P<text>.*)|[ \t]*$)")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)*[ \t]+([^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-z][^>]*>|<\d{1,2}:\d{2}[^>]*>", re.IGNORECASE)
# Words that end in a colon in running text but are never speakers.
_NOT_NAMES = frozenset(
    "note notes ps p.s nb n.b update example e.g i.e step warning tip question answer edit "
    "http https www re fwd subject to from cc date time agenda summary".split()
)


def read_transcript(path: str | Path) -> Transcript:
    """Read and parse a transcript file. Raises TranscriptError with what is wrong and what to do."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise TranscriptError(f"{p}: no such file.") from None
    except OSError as exc:
        raise TranscriptError(f"{p}: can't read it ({exc.strerror}).") from None
    if p.is_dir():
        raise TranscriptError(f"{p} is a folder; give the transcript file inside it.")
    if size > MAX_BYTES:
        raise TranscriptError(
            f"{p.name} is {size / 1e6:.1f} MB; a conversation transcript is at most {MAX_BYTES / 1e6:.0f} MB. "
            "Split it into single conversations."
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TranscriptError(f"{p}: can't read it ({exc.strerror}).") from None
    return parse(data, name=p.name, fmt=_EXT.get(p.suffix.lower()))


def decode(data: bytes, name: str = "the transcript") -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; binary data is refused."""
    if not data.strip():
        raise TranscriptError(f"{name} is empty: there is no conversation to mirror.")
    if len(data) > MAX_BYTES:
        raise TranscriptError(f"{name} is {len(data) / 1e6:.1f} MB; at most {MAX_BYTES / 1e6:.0f} MB can be mirrored.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise TranscriptError(f"{name} looks like a binary file, not a transcript (it contains NUL bytes).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TranscriptError(
            f"{name}: line {line} is not UTF-8 text. Export the transcript as UTF-8 text (.txt, .vtt, .srt or .jsonl)."
        ) from None


def detect_format(text: str, hint: str | None = None) -> str:
    """The format of `text`: the content decides, the file extension only breaks ties."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "webvtt"
    first = head.split("\n", 1)[0].strip()
    if first.startswith("{"):
        return "jsonl"
    lines = [ln for ln in head.split("\n")[:6] if ln.strip()]
    if any(_TIMING.match(ln) for ln in lines[:3]):
        return "srt" if hint != "webvtt" else "webvtt"
    if hint in ("webvtt", "srt") and "-->" in text:
        return hint
    return "text"


def parse(data: bytes | str, *, name: str = "", fmt: str | None = None) -> Transcript:
    """Parse a transcript (bytes or text). `fmt` is a hint from the file extension, or a format to force."""
    label = name or "the transcript"
    text = decode(data, label) if isinstance(data, bytes) else data
    if not text.strip():
        raise TranscriptError(f"{label} is empty: there is no conversation to mirror.")
    if len(text.encode("utf-8", "ignore")) > MAX_BYTES:
        raise TranscriptError(f"{label} is over {MAX_BYTES / 1e6:.0f} MB; at most that can be mirrored.")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    bad = _CONTROL.search(text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise TranscriptError(
            f"{label}: line {line} contains a control character (U+{ord(bad.group()):04X}); "
            "this looks like binary data or terminal codes, not a transcript."
        )
    kind = fmt if fmt in FORMATS and fmt != "text" else detect_format(text, fmt)
    if kind == "jsonl":
        utts, notes = _parse_jsonl(text, label)
    elif kind in ("webvtt", "srt"):
        utts, notes = _parse_cues(text, label, kind)
    else:
        utts, notes = _parse_text(text, label)
    tr = Transcript(utterances=utts, format=kind, source=name, notes=notes)
    _check_transcript(tr, label)
    return tr


def _check_transcript(tr: Transcript, label: str) -> None:
    if not tr.utterances:
        raise TranscriptError(f"{label}: no turns found.")
    words = sum(len(u.text.split()) for u in tr.utterances)
    if words > MAX_WORDS:
        raise TranscriptError(
            f"{label} has {words:,} words; at most {MAX_WORDS:,} (about five hours of talk) can be mirrored. "
            "Split it into single conversations."
        )
    if len(tr.speakers) < 2:
        who = tr.speakers[0] if tr.speakers else "nobody"
        raise TranscriptError(
            f"{label}: only one speaker found ({who}). A mirror needs the mentor and the mentee; "
            "check every turn starts with the speaker's name (`Name: what they said`)."
        )


# ---------------------------------------------------------------------------- names


def _clean_name(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).strip(" .-")


def _speaker_names(candidates: list[str]) -> set[str]:
    """Which `Word:` prefixes are speakers. A prefix seen once among several named speakers is more
    likely running text ("Note: ...", "Honestly: ...") than a person who spoke a single time."""
    counts = Counter(c for c in candidates if c.lower().rstrip(".") not in _NOT_NAMES)
    if len(counts) <= 3:
        return set(counts)
    return {n for n, k in counts.items() if k >= 2}


# ---------------------------------------------------------------------------- plain text


def _split_speaker(line: str) -> tuple[str, str] | None:
    body = _LEAD_STAMP.sub("", line, count=1) if _LEAD_STAMP.match(line) else line
    m = _SPEAKER.match(body.strip())
    if not m:
        return None
    name = _clean_name(m.group("name"))
    if not name or name.lower().startswith(("http", "www")):
        return None
    return name, (m.group("text") or "").strip()


def _parse_text(text: str, label: str) -> tuple[list[Utterance], list[str]]:
    lines = text.split("\n")
    split = [_split_speaker(ln) if ln.strip() else None for ln in lines]
    names = _speaker_names([s[0] for s in split if s])
    if not names:
        raise TranscriptError(
            f"{label}: no speaker names found. Write one turn a line as `Name: what they said` "
            "(or give a .vtt, .srt or .jsonl file)."
        )
    utts: list[Utterance] = []
    skipped = 0
    for lineno, (raw, sp) in enumerate(zip(lines, split, strict=True), start=1):
        if sp and sp[0] in names:
            utts.append(Utterance(len(utts), sp[0], sp[1], line=lineno))
        elif not raw.strip():
            continue
        elif utts:
            cur = utts[-1]
            cur.text = f"{cur.text} {raw.strip()}".strip()
        else:
            skipped += 1  # a title or date above the first turn
    notes = [f"skipped {skipped} line{'s' * (skipped != 1)} before the first speaker"] if skipped else []
    empty = [u for u in utts if not u.text]
    if empty:
        notes.append(f"dropped {len(empty)} turn{'s' * (len(empty) != 1)} with no words")
    utts = [u for u in utts if u.text]
    for i, u in enumerate(utts):
        u.index = i
    return utts, notes


# ---------------------------------------------------------------------------- WebVTT / SRT


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    total = 0.0
    for p in parts:
        total = total * 60 + float(p)
    return total


def _cue_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blocks of non-blank lines with the line number each starts on."""
    blocks: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    start = 0
    for lineno, ln in enumerate(text.split("\n"), start=1):
        if ln.strip():
            if not cur:
                start = lineno
            cur.append(ln)
        elif cur:
            blocks.append((start, cur))
            cur = []
    if cur:
        blocks.append((start, cur))
    return blocks


def _payload_segments(payload: str) -> list[tuple[str | None, str]]:
    """(voice, text) pieces of a cue payload: a cue may hold several `<v Name>` voices."""
    pieces: list[tuple[str | None, str]] = []
    marks = list(_VOICE.finditer(payload))
    if not marks:
        return [(None, payload)]
    if payload[: marks[0].start()].strip():
        pieces.append((None, payload[: marks[0].start()]))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(payload)
        pieces.append((_clean_name(m.group(1)), payload[m.end() : end]))
    return pieces


def _cue_text(raw: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", raw)).replace("\u200e", "").replace("\u200f", "").split())


def _parse_cues(text: str, label: str, kind: str) -> tuple[list[Utterance], list[str]]:
    blocks = _cue_blocks(text)
    if kind == "webvtt":
        if not blocks or not blocks[0][1][0].lstrip("\ufeff").startswith("WEBVTT"):
            raise TranscriptError(f"{label}: a WebVTT file must start with the line WEBVTT.")
        blocks = blocks[1:]
    cues: list[tuple[int, float, float, str]] = []
    for start_line, lines in blocks:
        first = lines[0].strip()
        if kind == "webvtt" and first.split(" ", 1)[0] in ("NOTE", "STYLE", "REGION"):
            continue
        idx = next((i for i, ln in enumerate(lines[:2]) if _TIMING.match(ln)), None)
        if idx is None:
            raise TranscriptError(
                f"{label}: line {start_line}: expected a cue timing line like "
                f"'00:00:01.000 --> 00:00:04.000', got {first[:60]!r}."
            )
        m = _TIMING.match(lines[idx])
        assert m is not None
        payload = "\n".join(lines[idx + 1 :])
        cues.append((start_line + idx + 1, _seconds(m.group(1)), _seconds(m.group(2)), payload))
    if not cues:
        raise TranscriptError(f"{label}: no cues found.")

    # A prefix counts as a speaker only if the prefixes look like names across the file.
    segs: list[tuple[int, float, float, str | None, str]] = []
    prefixed: list[str] = []
    for line, s, e, payload in cues:
        for voice, raw in _payload_segments(payload):
            segs.append((line, s, e, voice, raw))
            if voice is None:
                sp = _split_speaker(_cue_text(raw))
                if sp:
                    prefixed.append(sp[0])
    names = _speaker_names(prefixed)

    utts: list[Utterance] = []
    unattributed = 0
    last_text = ""
    for line, s, e, voice, raw in segs:
        words = _cue_text(raw)
        speaker = voice
        if speaker is None:
            sp = _split_speaker(words)
            if sp and sp[0] in names:
                speaker, words = sp
        if not words or words == last_text:
            continue  # an empty cue, or a caption repeated by a rolling-caption export
        last_text = words
        if speaker is None:
            if not utts:
                unattributed += 1
                continue
            speaker = utts[-1].speaker  # a cue without a name continues the turn before it
        if utts and utts[-1].speaker == speaker:
            cur = utts[-1]
            cur.text = f"{cur.text} {words}"
            cur.end = e
        else:
            utts.append(Utterance(len(utts), speaker, words, line=line, start=s, end=e))
    if not utts:
        raise TranscriptError(
            f"{label}: the cues carry no speaker names. Meeting tools write them as `<v Name>` voice tags "
            "or a `Name:` prefix; add them, or give the conversation as `Name: line` text."
        )
    notes = [f"skipped {unattributed} cue{'s' * (unattributed != 1)} before the first named speaker"] if unattributed else []
    return utts, notes


# ---------------------------------------------------------------------------- JSONL


def _json_depth(line: str) -> int:
    """The deepest nesting of [ and { outside strings (checked before json.loads sees the line)."""
    depth = deepest = 0
    in_str = esc = False
    for ch in line:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _number(v: object) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _parse_jsonl(text: str, label: str) -> tuple[list[Utterance], list[str]]:
    utts: list[Utterance] = []
    blank_text = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        where = f"{label}: line {lineno}"
        if _json_depth(raw) > MAX_JSON_DEPTH:
            raise TranscriptError(f"{where}: JSON nested more than {MAX_JSON_DEPTH} levels deep; expected "
                                  '{"speaker": "...", "text": "..."}.')
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise TranscriptError(f'{where}: not valid JSON ({exc.msg}); expected {{"speaker": "...", "text": "..."}}.') from None
        except RecursionError:
            raise TranscriptError(f"{where}: JSON nested too deeply.") from None
        if not isinstance(obj, dict):
            raise TranscriptError(f'{where}: expected an object like {{"speaker": "...", "text": "..."}}.')
        speaker = obj.get("speaker", obj.get("role"))
        said = obj.get("text")
        if not isinstance(speaker, str) or not speaker.strip():
            raise TranscriptError(f'{where}: "speaker" must be a non-empty string.')
        if not isinstance(said, str):
            raise TranscriptError(f'{where}: "text" must be a string.')
        if not said.strip():
            blank_text += 1
            continue
        utts.append(Utterance(len(utts), _clean_name(speaker) or speaker.strip(), " ".join(said.split()),
                              line=lineno, start=_number(obj.get("start")), end=_number(obj.get("end"))))
    notes = [f"skipped {blank_text} line{'s' * (blank_text != 1)} with empty text"] if blank_text else []
    return utts, notes
