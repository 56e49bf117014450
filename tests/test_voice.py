"""Every line the offline coach can say (coach/data/voice.toml) passes the guard, and the data is
well-formed: the coach's words are the product, so a flagged line is a bug even if no test script
happens to reach it."""

from __future__ import annotations

import re
import tomllib

import pytest

from coach import guard, lexicon

VOICE = tomllib.loads(lexicon.data_path("voice.toml").read_text(encoding="utf-8"))


def _lines(node, path=""):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _lines(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _lines(item, f"{path}.{key}")


LINES = list(_lines(VOICE))


def _filled(text: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: "The head of design" if m.group(1)[0].isupper() else "the head of design", text)


@pytest.mark.parametrize(("path", "text"), LINES, ids=[p for p, _ in LINES])
def test_voice_line_passes_guard(path, text):
    v = guard.check(_filled(text))
    assert v.ok, f"{path}: {v.reason}"
    assert _filled(text).count("?") <= 1


def test_questions_are_unique_across_the_bank():
    qs = [q for key, items in VOICE["questions"].items() for q in items]
    assert len(qs) == len(set(qs))


def test_every_motivation_has_questions_and_complex_reflections():
    from coach.types import Motivation

    for m in Motivation:
        assert len(VOICE["questions"][m.value]) >= 3
        assert len(VOICE["complex"][m.value]) >= 3
