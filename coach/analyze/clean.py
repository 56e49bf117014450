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
_FENCE = re.compile(r"```|^\s*~~~", re.M)
_SQL = re.compile(r"\b(?:SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|INSERT INTO|UPDATE|DELETE FROM|COALESCE|VALUES)\b")
_CODE_WORDS = re.compile(r"\b(def|return|print|import|class|function|const|var|let|for \w+ in|while|elif|lambda|null|None|true|false)\b|[(){}]\s*[:;{]|==|=>|\+\+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_ENGLISH = set(
    """i you he she it we they me my your our their mine yours the a an to and or but if so of in on at for with
    about from by as into over after before than then that this these those there here what which who whom whose
    when where why how is am are was were be been being have has had do does did done not no yes can could will
    would shall should may might must just like really very too also only more most some any all every each
    want need feel think know get got make go going work job team boss manager company people time day year
    years lead love hate help good bad fine ok okay idk yeah yep nope maybe because want don't i'm it's that's
    can't won't didn't doesn't isn't aren't i've i'd i'll you're ignore previous instructions tell say said
    now new one two three again still ever never always something nothing everything anything myself
    really honestly guess suppose sure thing things way well back out up down off much many lot""".split()
)


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


def _strip_markup(text: str) -> str:
    """Tags gone and the content of <script>/<style> with them (a regex keeps "alert('hi')" and the
    coach would play it back). nh3 (Rust ammonia) parses HTML as a browser would; what it escapes is
    unescaped again, since the analyzer reads text, not HTML."""
    try:
        import nh3

        return html.unescape(nh3.clean(text, tags=set()))
    except ImportError:  # pragma: no cover - nh3 is a dependency; a regex is the crude fallback
        text = re.sub(r"<(script|style)\b[^>]*>.*?</\1\s*>", " ", text, flags=re.I | re.S)
        return _TAG.sub(" ", text)


# Voice-to-text that spells out its punctuation ("wedding season is killing me comma I've done 14"): read as
# the punctuation it names, so a dictated message splits into the sentences it was said in. Only words that
# are never content in that position: "comma" and "full stop" between words, "question mark", "new line".
_SPOKEN = ((re.compile(r"\s+comma\s+(?=\w)", re.I), ", "), (re.compile(r"\s+full\s+stop\b\s*", re.I), ". "),
           (re.compile(r"\s+question\s+mark\b\s*", re.I), "? "), (re.compile(r"\s+new\s+(?:line|paragraph)\b\s*", re.I), ". "),
           (re.compile(r"\s+exclamation\s+(?:mark|point)\b\s*", re.I), "! "))


# Markdown emphasis typed inline (~~struck~~, **bold**, __bold__): the words carry the meaning, the marks
# would be echoed as symbols in a reflection.
_EMPHASIS = re.compile(r"(?P<m>~~|\*\*|__)(?P<x>\S(?:[^\n]{0,80}?\S)?)(?P=m)")


def _dictated(text: str) -> str:
    if not re.search(r"\b(?:comma|full stop|question mark|new line|new paragraph|exclamation (?:mark|point))\b", text, re.I):
        return text
    for pat, mark in _SPOKEN:
        text = pat.sub(mark, text)
    return re.sub(r"\s+([,.?!])", r"\1", text).strip()


# "I want to grow the business — non, attends, pas grow. I want it to stay alive.": a clause taken back in the
# breath it was said in, by a "no… not <one of its words>", in the languages people repair in. What they put in
# its place follows; the clause itself is not theirs any more (batch 16, read blind: "Growing the business —
# that's what you want" was rated harmful, and the summary made it a goal).
_TAKEN_BACK = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<x>[^.!?\u2014\u2013]{3,160}?)\s*(?:\u2014|\u2013|--|-|,|\.\.\.|\u2026|\.)\s*"
    r"(?:no|non|nein|n\u00e3o|nee|nah)\b[\s,.!]*(?:(?:wait|attends|warte|espera|espere|sorry|hang on|actually)\b[\s,.!]*)?"
    r"(?:not|pas|nicht|no|n\u00e3o)\s+(?P<w>[\w']+)\s*(?:[.!?\u2026]+\s*|$)", re.I)


def _taken_back(text: str) -> str:
    def drop(m: re.Match[str]) -> str:
        said = re.findall(r"[\w']+", m.group("x").lower())
        return "" if m.group("w").lower() in said else m.group(0)

    return _TAKEN_BACK.sub(drop, text).strip()


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
        unescaped = _strip_markup(unescaped)
        notes.append("markup removed for analysis")
    text = " ".join(unescaped.replace("\ufffd", " ").split())
    plain = _EMPHASIS.sub(r"\g<x>", text)
    if plain != text:
        text = plain  # "the ~~bats~~ thing": the words, never the marks, are said back
        notes.append("markdown emphasis read as words")
    dictated = _dictated(text)
    if dictated != text:
        text = dictated
        notes.append("spoken punctuation read as punctuation")
    repaired = _taken_back(text)
    if repaired != text and repaired:
        text = repaired
        notes.append("a clause taken back left out")
    letters = _LATIN_LETTER.findall(text)
    head = raw[:MAX_ANALYZED]
    code = len(_CODE_CHARS.findall(head)) > max(8, len(head) // 12) or (
        len(_CODE_WORDS.findall(head)) >= 2 and len(_CODE_CHARS.findall(head)) >= 3
    ) or bool(_FENCE.search(head)) or len(_SQL.findall(head)) >= 3  # a fenced block, or a query pasted bare
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
