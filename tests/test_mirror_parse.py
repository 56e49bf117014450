"""Transcript parsers of `coach mirror`: each format, merged cues, multi-line turns, and every way a
file can be wrong (each with a message that says where and what to do)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.mentor.mirror import parse as P
from coach.mentor.mirror.types import TranscriptError


def texts(tr) -> list[tuple[str, str]]:
    return [(u.speaker, u.text) for u in tr.utterances]


# ---------------------------------------------------------------------------- plain text


def test_text_turns_and_multiline_continuation():
    tr = P.parse("Priya: What would that give you?\nSam: More say.\nIt's the direction,\nnot the title.\nPriya: So the say.\n")
    assert tr.format == "text"
    assert texts(tr) == [
        ("Priya", "What would that give you?"),
        ("Sam", "More say. It's the direction, not the title."),
        ("Priya", "So the say."),
    ]
    assert [u.line for u in tr.utterances] == [1, 2, 5]
    assert tr.speakers == ["Priya", "Sam"]


def test_text_keeps_consecutive_turns_of_one_speaker_apart():
    tr = P.parse("A: one\nA: two\nB: three\n")
    assert texts(tr) == [("A", "one"), ("A", "two"), ("B", "three")]


def test_text_names_with_titles_timestamps_and_a_header_line():
    raw = "Career chat, 3 March\n[00:01:02] Prof. Lindqvist: Sit down.\nMei (00:01:05): Thank you.\nProf. Lindqvist: So.\nMei: Yes.\n"
    tr = P.parse(raw)
    assert texts(tr)[:2] == [("Prof. Lindqvist", "Sit down."), ("Mei", "Thank you.")]
    assert tr.notes == ["skipped 1 line before the first speaker"]


def test_a_colon_in_running_text_is_not_a_speaker():
    raw = "Ann: Hi.\nBob: Fine. I wrote it down.\nNote: it was Tuesday.\nAnn: Okay.\nBob: Sure.\nCat: Hi all.\nCat: Bye.\n"
    tr = P.parse(raw)
    assert "Note" not in tr.speakers
    assert texts(tr)[1] == ("Bob", "Fine. I wrote it down. Note: it was Tuesday.")


def test_text_without_speakers_is_an_error():
    with pytest.raises(TranscriptError, match="no speaker names found"):
        P.parse("just some prose without names\nand another line\n")


def test_one_speaker_is_an_error():
    with pytest.raises(TranscriptError, match="only one speaker"):
        P.parse("Priya: Hello?\nPriya: Anyone?\n")


# ---------------------------------------------------------------------------- WebVTT


VTT = """WEBVTT

NOTE exported by a meeting tool

1
00:00:01.000 --> 00:00:03.000
<v Priya Shah>What would being tech lead</v>

2
00:00:03.000 --> 00:00:05.500
<v Priya Shah>give you?</v>

00:00:06.000 --> 00:00:09.000 align:start
<v Sam>More say &amp; fewer surprises.</v>

00:00:09.000 --> 00:00:11.000
and less firefighting.
"""


def test_webvtt_voice_tags_merge_consecutive_cues():
    tr = P.parse(VTT, name="talk.vtt", fmt="webvtt")
    assert tr.format == "webvtt"
    assert texts(tr) == [
        ("Priya Shah", "What would being tech lead give you?"),
        ("Sam", "More say & fewer surprises. and less firefighting."),
    ]
    first, second = tr.utterances
    assert (first.start, first.end) == (1.0, 5.5)
    assert (second.start, second.end) == (6.0, 11.0)


def test_webvtt_with_name_prefixes_and_comma_milliseconds():
    raw = ("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nAlice: Hi there.\n\n"
           "00:00:02,000 --> 00:00:04,000\nBob: Hello.\n\n00:00:04,000 --> 00:00:05,000\nBob: Again.\n\n"
           "00:00:05,000 --> 00:00:06,000\nAlice: Bye.\n")
    tr = P.parse(raw, fmt="webvtt")
    assert texts(tr) == [("Alice", "Hi there."), ("Bob", "Hello. Again."), ("Alice", "Bye.")]


def test_webvtt_cue_with_two_voices_splits_the_turn():
    raw = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann>Ready?</v> <v Ben>Yes.</v>\n"
    assert texts(P.parse(raw)) == [("Ann", "Ready?"), ("Ben", "Yes.")]


def test_webvtt_without_header_and_bad_timing_name_the_line():
    with pytest.raises(TranscriptError, match="must start with the line WEBVTT"):
        P.parse("00:00:01.000 --> 00:00:02.000\nAnn: hi\n", fmt="webvtt")
    with pytest.raises(TranscriptError, match=r"line 3: expected a cue timing line"):
        P.parse("WEBVTT\n\nAnn: no timing here\n", fmt="webvtt")


def test_cues_without_any_speaker_are_an_error():
    raw = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello\n\n00:00:02.000 --> 00:00:03.000\nworld\n"
    with pytest.raises(TranscriptError, match="carry no speaker names"):
        P.parse(raw)


# ---------------------------------------------------------------------------- SRT


def test_srt_merges_cues_and_multiline_payloads():
    raw = ("1\n00:00:01,000 --> 00:00:02,000\nAlice: hi\n\n2\n00:00:02,000 --> 00:00:04,000\nBob: hello\nthere\n\n"
           "3\n00:00:04,000 --> 00:00:05,000\nBob: again\n")
    tr = P.parse(raw, name="x.srt", fmt="srt")
    assert tr.format == "srt"
    assert texts(tr) == [("Alice", "hi"), ("Bob", "hello there again")]
    assert tr.utterances[1].end == 5.0


def test_srt_is_detected_from_content():
    raw = "1\n00:00:01,000 --> 00:00:02,000\nAlice: hi\n\n2\n00:00:02,000 --> 00:00:03,000\nBob: yo\n"
    assert P.parse(raw).format == "srt"


# ---------------------------------------------------------------------------- JSONL


def test_jsonl_one_turn_a_line_with_role_alias_and_times():
    raw = '{"speaker": "Priya", "text": "Hi?", "start": 1.5}\n\n{"role": "Sam", "text": "  Hello  there "}\n'
    tr = P.parse(raw)
    assert tr.format == "jsonl"
    assert texts(tr) == [("Priya", "Hi?"), ("Sam", "Hello there")]
    assert tr.utterances[0].start == 1.5


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"speaker": "A", "text": "x"', "not valid JSON"),
        ('["A", "x"]', "expected an object"),
        ('{"text": "x"}', '"speaker" must be a non-empty string'),
        ('{"speaker": "A", "text": 5}', '"text" must be a string'),
        ('{"speaker": "A", "text": ' + "[" * 5000 + "]" * 5000 + "}", "nested more than"),
    ],
)
def test_jsonl_malformed_lines_name_the_line(line, message):
    raw = '{"speaker": "B", "text": "first"}\n' + line + "\n"
    with pytest.raises(TranscriptError, match=rf"line 2: .*{message}" if "nested" not in message else message):
        P.parse(raw)


# ---------------------------------------------------------------------------- bad files


def test_empty_file(tmp_path: Path):
    f = tmp_path / "empty.txt"
    f.write_text("  \n\n")
    with pytest.raises(TranscriptError, match="empty"):
        P.read_transcript(f)


def test_binary_file(tmp_path: Path):
    f = tmp_path / "photo.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(TranscriptError, match="binary"):
        P.read_transcript(f)


def test_not_utf8(tmp_path: Path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Ann: caf\xe9\nBob: ok\n".encode("latin-1"))
    with pytest.raises(TranscriptError, match="line 1 is not UTF-8"):
        P.read_transcript(f)


def test_utf16_with_bom_is_read(tmp_path: Path):
    f = tmp_path / "teams.txt"
    f.write_bytes("Ann: Hi?\nBob: Hello.\n".encode("utf-16"))
    assert texts(P.read_transcript(f)) == [("Ann", "Hi?"), ("Bob", "Hello.")]


def test_huge_file_is_refused_before_reading(tmp_path: Path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(P.MAX_BYTES + 1)
    with pytest.raises(TranscriptError, match="at most 2 MB"):
        P.read_transcript(f)


def test_too_many_words():
    line = "word " * 1000
    raw = "".join(f"{'A' if i % 2 else 'B'}: {line}\n" for i in range(P.MAX_WORDS // 1000 + 2))
    with pytest.raises(TranscriptError, match="words; at most"):
        P.parse(raw)


def test_control_characters_name_the_line():
    with pytest.raises(TranscriptError, match=r"line 2 contains a control character \(U\+001B\)"):
        P.parse("Ann: hi\nBob: \x1b[31mred\n")


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(TranscriptError, match="no such file"):
        P.read_transcript(tmp_path / "nope.txt")
    with pytest.raises(TranscriptError, match="is a folder"):
        P.read_transcript(tmp_path)


def test_extension_hints_the_format(tmp_path: Path):
    f = tmp_path / "talk.jsonl"
    f.write_text("\n".join(json.dumps({"speaker": s, "text": t}) for s, t in [("A", "Hi?"), ("B", "Yo.")]))
    assert P.read_transcript(f).format == "jsonl"
