"""A sign-off: a sentence that is only farewell and thanks formulas ("Thank you — take care.", "Go well.").

Its imperatives wish the mentee well; they tell them to do nothing. The rules (advice.py's imperative
rule) and the detector (sentence.py) leave such a sentence alone. Every piece of the sentence must be a
formula from rules/sentence.toml's `farewell` list, whole: "Take care of your CV first", "Go apply",
"Take care, and go apply" and "Good luck getting hired with that attitude" are read as usual.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.guard.rules import _rules
from coach.guard.text import _strip_openers

# Pieces: cut at commas, semicolons, colons, "!", ".", dashes, "&" and "and".
_PIECES = re.compile(r"\s*(?:[,;:!.]+|\s[—–-]\s|[—–]|\s&\s|\band\b)\s*", re.IGNORECASE)
# What may follow a formula: a "now"/"then", or a word said to the person ("Take care, love").
_TAIL = re.compile(r"(?:\s+(?:now|then|again|both|all|everyone|mate|love|friend|pal|buddy|hun|x+))+$", re.IGNORECASE)
# Anything at the ends that is not a word: emoji, brackets, quotes.
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")
_NAME = re.compile(r"[A-Z][a-z]+")
_MAX_CHARS = 160


@lru_cache(maxsize=512)
def is_farewell(sentence: str) -> bool:
    """Whether every piece of the sentence is a farewell or thanks formula (a name alone may follow)."""
    if len(sentence) > _MAX_CHARS or "?" in sentence:
        return False
    r = _rules()
    pieces = [p for p in (_EDGES.sub("", x) for x in _PIECES.split(sentence)) if p]
    if not pieces:
        return False
    formulas = 0
    for i, piece in enumerate(pieces):
        if r.openers.fullmatch(piece + " "):
            continue  # an opener alone ("Right,", "Anyway,")
        whole = _EDGES.sub("", _strip_openers(piece))
        core = _TAIL.sub("", whole)
        if any(p.fullmatch(core) or p.fullmatch(whole) for p in r.farewell):
            formulas += 1
            continue
        # a name said to them, after a formula ("Take care, Sam."): one capitalized word, not a verb
        if i > 0 and _NAME.fullmatch(core) and core.lower() not in r.imperative_verbs:
            continue
        return False
    return formulas > 0
