"""Input hygiene before analysis: what the mentee typed, made safe to read.

The store always keeps the raw text; this only decides what the analyzer looks at and what the
coach should say about the input itself (empty, binary, a 100 KB paste, markup, another language).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

MAX_ANALYZED = 2000  # characters the analyzer reads; the rest is kept, not analyzed
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,200}>")
_CODE_CHARS = re.compile(r"[{}\[\];=<>$#\\|`]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_ENGLISH = {
    "i", "you", "the", "a", "to", "and", "my", "me", "is", "it", "of", "in", "that", "want", "what",
    "do", "not", "be", "this", "for", "like", "so", "but", "just", "am", "i'm", "work", "job", "have",
    "don't", "know", "think", "would", "really", "with", "about", "on", "at", "we", "can", "yes", "no",
    "idk", "ok", "okay", "fine", "yeah", "because", "love", "team", "why", "how", "should", "maybe",
}


@dataclass(slots=True)
class Cleaned:
    text: str  # what the analyzer reads
    empty: bool = False
    binary: bool = False
    non_english: bool = False
    markup: bool = False
    code: bool = False
    truncated: bool = False
    original_length: int = 0
    notes: list[str] = field(default_factory=list)


def clean(raw: str) -> Cleaned:
    original_length = len(raw)
    notes: list[str] = []
    text = unicodedata.normalize("NFC", raw)
    control_count = len(_CONTROL.findall(text))
    text = _CONTROL.sub(" ", text)
    binary = bool(raw) and (
        "\x00" in raw or control_count > max(3, len(raw) // 20) or text.count("\ufffd") > max(3, len(text) // 20)
    )
    truncated = len(text) > MAX_ANALYZED
    if truncated:
        text = text[:MAX_ANALYZED]
        notes.append(f"analyzed the first {MAX_ANALYZED} of {original_length} characters")
    unescaped = html.unescape(text)
    markup = bool(_TAG.search(unescaped))
    if markup:
        unescaped = _TAG.sub(" ", unescaped)
        notes.append("markup removed for analysis")
    text = " ".join(unescaped.replace("\ufffd", " ").split())
    letters = _LATIN_LETTER.findall(text)
    code = len(_CODE_CHARS.findall(raw[:MAX_ANALYZED])) > max(8, len(raw[:MAX_ANALYZED]) // 12)
    if code:
        notes.append("looks like code")
    empty = not letters and not re.search(r"\w", text)
    tokens = re.findall(r"[a-z']+", text.lower())
    non_latin = sum(1 for ch in text if ch.isalpha() and not ("a" <= ch.lower() <= "z")) > len(letters)
    english_hits = sum(1 for t in tokens if t in _ENGLISH)
    non_english = not empty and not binary and (
        non_latin or (len(tokens) >= 4 and english_hits == 0) or (len(tokens) >= 8 and english_hits / len(tokens) < 0.08)
    )
    if binary:
        notes.append("binary or control characters")
    if non_english:
        notes.append("not English")
    return Cleaned(
        text=text, empty=empty and not binary, binary=binary, non_english=non_english, markup=markup,
        code=code, truncated=truncated, original_length=original_length, notes=notes,
    )
