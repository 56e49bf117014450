"""A list offered as an answer is advice: bulleted bare nouns, nouns after a header that names
things to do, "First, X. Then, Y.", a bare list answering a request for advice; unless it plays the
mentee's own list back.
"""

from __future__ import annotations

import re

from coach.guard.framing import _mentee_said
from coach.guard.reflections import _asks
from coach.guard.rules import _FLAGS, _rules
from coach.guard.text import _WORD, _content_words, _Finding, _sentences, _snippet, _strip_openers

_BULLET = re.compile(r"^(?:[-*•·–—]|\d{1,2}[.)])\s+(\S.*)$")
_SEQUENCED = re.compile(
    r"^(?:first|firstly|first off|second|secondly|third|thirdly|then|next|after that|finally|lastly|step (?:one|two|three|\d))[,:]\s+(\S[^,;:]*?)[.!]?$",
    _FLAGS,
)
# "First, a quick recap. Then, a question.": the coach announcing its own moves
_META_ITEM = re.compile(
    r"\b(?:question|questions|word|words|recap|summary|check-in|note|thought|reflection|moment|pause|story|disclaimer|caveat|thanks|thank you|playback)\b",
    _FLAGS,
)
_DASH = re.compile(r"\s[—–-]\s|—|–")
_VAGUE = re.compile(r"\b(?:all|everything|nothing|both|none|neither|one|ones|lot|lots|much|many|stuff|things|same)\b", _FLAGS)
_HEADED = re.compile(r"^([^:]{1,60}):\s+(\S.*)$")
# "1. Networking 2. Visibility" / "1) a mentor 2) a portfolio": a numbered list run into one line
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(\d)[.)]\s+")
_POSSESSIVE = re.compile(r"\b(?:your|yours|yourself)\b", _FLAGS)
_ITEM_SPLIT = re.compile(r"\s*(?:[,;]|\band then\b|\band\b|\bor\b|\bthen\b|\bplus\b)\s*", _FLAGS)


def _noun_items(items: list[str]) -> list[str]:
    """The items that are bare noun phrases ("Networking", "a stronger portfolio") or actions named
    by a gerund ("Talking to your manager": there "your" is the object's, not a clause's subject)."""
    r = _rules()
    out = []
    for item in items:
        item = item.strip(" .!—–-")
        n = len(_WORD.findall(item.lower()))
        probe = _POSSESSIVE.sub("", item) if r.list_item_action.match(item) else item
        if 1 <= n <= 6 and not r.list_item_not_noun.search(probe):
            out.append(item)
    return out


def _list_lines(masked: str) -> list[str]:
    """The text's non-empty lines, with a numbered list run into one line ("1. Networking 2. Visibility")
    split one item a line, after whatever came before it ("You mentioned two things:")."""
    out = []
    for ln in masked.split("\n"):
        ln = ln.strip()
        if not ln:
            continue
        marks = list(_INLINE_NUMBER.finditer(ln))
        if len(marks) < 2 or [m.group(1) for m in marks] != [str(i) for i in range(1, len(marks) + 1)]:
            out.append(ln)
            continue
        if ln[: marks[0].start()].strip():
            out.append(ln[: marks[0].start()].strip())
        ends = [m.start() for m in marks[1:]] + [len(ln)]
        out += [f"{m.group(1)}. {ln[m.end() : end].strip()}" for m, end in zip(marks, ends, strict=True)]
    return out


def _list_finding(masked: str, mentee_lower: str) -> _Finding | None:
    """A list of things offered as an answer: a bulleted list of bare nouns, or nouns after a header
    that names things to do ("Three things: networking, a portfolio, certifications.")."""
    r = _rules()
    lines = _list_lines(masked)
    bullets = [(i, m.group(1)) for i, ln in enumerate(lines) if (m := _BULLET.match(ln))]
    items: list[str] = []
    before = ""
    if len(bullets) >= 2:
        items = [b for _, b in bullets]
        before = " ".join(lines[: bullets[0][0]])
        min_items = 2
    else:
        sentences = _sentences(masked)
        for k, sent in enumerate(sentences):
            m = _HEADED.match(sent) or _HEADED.match(_strip_openers(sent))
            if m and r.list_header.match(m.group(1).strip()):
                items = [x for x in _ITEM_SPLIT.split(m.group(2).rstrip(".!")) if x.strip()]
                before = " ".join(sentences[:k]) + " " + m.group(1)
                break
        min_items = 1
    if not items:
        items = [m.group(1) for sent in _sentences(masked) if (m := _SEQUENCED.match(sent)) and not _META_ITEM.search(m.group(1))]
        min_items = 2
    if not items and mentee_lower and "\n" not in masked and _asks("advice_request", mentee_lower):
        # asked "What do I need to get promoted?", answered with nothing but a list of things
        sentences = _sentences(masked)
        only = _strip_openers(sentences[0]).rstrip(".!") if len(sentences) == 1 else ""
        if only and not only.endswith("?") and not _DASH.search(only) and not _META_ITEM.search(only):
            items = [x for x in _ITEM_SPLIT.split(only) if x.strip()]
            # every item a bare noun: "Fair question, and a hard one." or "all of it" are not a list
            items = items if len(items) >= 2 and len(_noun_items(items)) == len(items) and not _VAGUE.search(only) else []
            min_items = 2
    if not items:
        return None
    nouns = _noun_items(items)
    if len(nouns) < min_items or len(nouns) * 3 < len(items) * 2:
        return None
    if _list_is_playback(before, nouns, masked, mentee_lower):
        return None
    return _Finding("advice", _snippet(", ".join(nouns)), "offers a list of things to do (a recommendation)")


def _list_is_playback(before: str, items: list[str], masked: str, mentee_lower: str) -> bool:
    """A list is the mentee's, played back, when a frame says so ("You mentioned three things:"), a
    confirmation check follows ("Does that sound right?") or most items are the mentee's words."""
    r = _rules()
    if any(p.search(before) for p in r.list_playback):
        return True
    if any(p.search(_strip_openers(sent)) for sent in _sentences(masked) for p in r.confirmation):
        return True
    if mentee_lower:
        said = _content_words(_mentee_said(mentee_lower))  # their statements: answering their question is not playback
        theirs = sum(1 for x in items if _content_words(x) and _content_words(x) <= said)
        return theirs * 2 >= len(items)
    return False


def _played_back_bullets(masked: str, mentee_lower: str) -> bool:
    """Whether a bulleted list in the text is a playback (its one-word items are then not commands:
    "Here's what I heard:\n- Trust" is not telling the mentee to trust)."""
    lines = _list_lines(masked)
    bullets = [(i, m.group(1)) for i, ln in enumerate(lines) if (m := _BULLET.match(ln))]
    if len(bullets) < 2:
        return False
    return _list_is_playback(" ".join(lines[: bullets[0][0]]), [b for _, b in bullets], masked, mentee_lower)
