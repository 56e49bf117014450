"""The spoken playback: what the coach says when it sums up or closes, said from the bedrock summary.

One source of truth: the side panel, `coach summary` and the spoken line all read the same items, each
backed by the mentee's own words and checked when it was built (builder.py). So the playback credits
nothing the summary does not — no pay from "it's not about the money", no bedrock "you confirmed" that
was never put to the mentee, no "you lit up" on a pasted email — and a bedrock still proposed is said as
not yet confirmed. The mentee's review counts too: a rejected item is not played back; an edited one is
said in the words they chose.

    Where you're heading: <goals>.
    A direction you're weighing: <goals said with "maybe">.
    What seems to sit underneath: <motivation> — <what the item says> ("<their words>"); ….
    What you confirmed runs deepest: "<their words>".   (only a bedrock the mentee confirmed)
    Something that may run deep, not yet confirmed: "<their words>".
    You lit up when you said: "<their words>".
    Something you said you might try: "<their words>".

The frames are the contract the hearing eval reads the line by (evals/playback_support.py); the
opening and closing sentences are the voice's (coach/data/voice.toml, [playback]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach import language as L
from coach.mentor.summary.model import CONFIRMED_PREFIX, MOTIVATION_LABELS, Summary, is_confirmed_bedrock
from coach.text.sanitize import clean_line
from coach.types import SummaryItem

__all__ = ["FRAMES", "SPOKEN_LABELS", "playback_lines", "playback_text"]

#: How each part of the line opens (the eval splits the line on these).
FRAMES: dict[str, str] = {
    "goal": "Where you're heading: ",
    "weighing": "A direction you're weighing: ",
    "motivation": "What seems to sit underneath: ",
    "confirmed": "What you confirmed runs deepest: ",
    "proposed": "Something that may run deep, not yet confirmed: ",
    "passion": "You lit up when you said: ",
    "experiment": "Something you said you might try: ",
}

#: A named motivation, said back by its plain name ahead of what the item says of it ("pay — earning more
#: because your family is growing"): a gloss such as "work that matters to people" would claim more than the
#: mentee's sentence did.
SPOKEN_LABELS: dict[str, str] = {
    "influence": "influence",
    "authority": "authority",
    "recognition": "recognition",
    "growth": "growth",
    "autonomy": "autonomy",
    "meaning": "meaningful work",
    "compensation": "pay",
    "next_rung": "the next rung",
}

MAX_GOALS = 3
MAX_MOTIVATIONS = 3
QUOTE = 80  # characters of the mentee's words in one part
DEEP_QUOTE = 90
LIT_QUOTE = 110  # where the energy rose is often at the end of the sentence ("…, 'gato' and 'cat', both!!")
PHRASE = 60

# a goal item's text: "Goal: being a tech lead", "A direction you're weighing: …", "A goal you named: “…”"
_GOAL = re.compile(r"^(?:Goal|A direction you're weighing|A goal you named):\s*")
_WEIGHED = re.compile(r"^A direction you're weighing:\s*")
_OWN_WORDS = re.compile(r"^In your words:\s*")
_CURLY = re.compile(r"^[“\"](?P<q>.*)[”\"]$")
# markup a pasted message carried ("<b>", "[x](url)", "`code`"): never spoken back as their words
_MARKUP = re.compile(r"<\s*/?\s*[a-z][^>]*>|\]\(|`|\*\*|^#+\s", re.I)


@dataclass(frozen=True, slots=True)
class _Part:
    kind: str  # a key of FRAMES
    text: str


def playback_text(summary: Summary | None, *, closing: bool = False, wrap: bool = False, said_much: bool = False) -> str:
    """The spoken playback of `summary` (None: nothing checked to say, so nothing is credited). `said_much`:
    the mentee has said a good deal this session, so an empty summary is never "we haven't covered much"."""
    from coach.realize.lines import voice

    v: dict[str, str] = {k: x for k, x in voice()["playback"].items() if isinstance(x, str)}
    lines = playback_lines(summary)
    if not lines:
        # a goodbye with little said still gets its thanks ("salamat. good talk. signal going now")
        return v["nothing_long" if said_much and "nothing_long" in v else "nothing"] + (" " + v["close"] if closing else " " + v["nothing_wrap"] if wrap and "nothing_wrap" in v else "")
    return " ".join([v["wrap"] if wrap else v["intro"], *lines] + ([v["close"]] if closing else []))


def playback_lines(summary: Summary | None) -> list[str]:
    """One sentence per part of the summary that has something to say, in reading order."""
    if summary is None:
        return []
    items = summary.visible()
    parts: list[_Part] = []
    goals = [g for g in (_goal(i) for i in items if i.kind == "goal") if g]
    heading = list(dict.fromkeys(t for weighed, t in goals if not weighed))[:MAX_GOALS]
    weighing = list(dict.fromkeys(t for weighed, t in goals if weighed and t not in heading))[: max(0, MAX_GOALS - len(heading))]
    if heading:
        parts.append(_Part("goal", "; ".join(heading)))
    if weighing:
        parts.append(_Part("weighing", "; ".join(weighing)))

    # the deeper claims first, so their words are said once, in the part that says most about them
    said = _Said()
    deep = _deep(items, said)
    passion = _last_quoted("passion", items, said, LIT_QUOTE)
    experiment = _last_quoted("experiment", items, said)
    bits: list[str] = []
    for item in items:
        if item.kind == "motivation" and len(bits) < MAX_MOTIVATIONS:
            bit = _motivation(item, said)
            if bit:
                bits.append(bit)
    if bits:
        parts.append(_Part("motivation", "; ".join(bits)))
    parts += deep
    if passion:
        parts.append(_Part("passion", passion))
    if experiment:
        parts.append(_Part("experiment", experiment))
    return [clean_line(FRAMES[p.kind] + p.text) + "." for p in parts]


# -------------------------------------------------------------------------------------------------- parts


def _goal(item: SummaryItem) -> tuple[bool, str] | None:
    """(weighed, how the goal is said): the item's phrase, their quoted words as a quote, or their edit."""
    text = " ".join(item.text.split())
    weighed = bool(_WEIGHED.match(text))
    phrase = _GOAL.sub("", text).strip().rstrip(".")
    if not phrase:
        return None
    m = _CURLY.match(phrase)
    if m:
        q = _spoken_quote(m.group("q"))
        return (weighed, f'"{q}"') if q else None
    return weighed, L.quote(phrase, QUOTE)


def _quote_of(item: SummaryItem, limit: int = QUOTE) -> tuple[str, str]:
    """(as spoken, in full) of the item's first quote the mentee can hear back as theirs (no markup a
    paste carried); ("", "") when there is none."""
    for q in item.quotes:
        spoken = _spoken_quote(q.text, limit)
        if spoken:
            return spoken, q.text
    return "", ""


def _spoken_quote(text: str, limit: int = QUOTE) -> str:
    """Their words cut at a word boundary; an exclamation kept (it is how they said it; a question mark is
    not: the line would read as the coach asking)."""
    t = " ".join((text or "").split())
    if not t or _MARKUP.search(t):
        return ""
    q = L.quote(t, limit)
    rest = t[len(q):] if t.startswith(q) else ""
    if re.fullmatch(r"!+[\s.]*", rest):
        q += "!" * min(2, rest.count("!"))
    return q


class _Said:
    """The mentee's words already played back. One sentence quoted in two items (a motivation and the
    bedrock it led to, "giving someone their life back" inside the sentence about their nan) is said once."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def __contains__(self, full: str) -> bool:
        k = _key(full)
        return any(k == s or min(len(k), len(s)) >= 15 and (k in s or s in k) for s in self.keys)

    def add(self, full: str) -> None:
        self.keys.append(_key(full))


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def _deep(items: list[SummaryItem], said: _Said) -> list[_Part]:
    """What runs deepest: every bedrock the mentee confirmed (in the conversation or in review); with
    none, the first one proposed, said as not yet confirmed."""
    confirmed: list[tuple[str, str]] = []
    proposed: list[tuple[str, str]] = []
    for item in items:
        if item.kind != "bedrock":
            continue
        words = _bedrock_words(item)
        if words[0]:
            (confirmed if is_confirmed_bedrock(item) else proposed).append(words)
    chosen: list[tuple[str, str]] = []
    for spoken, full in confirmed or proposed[:1]:
        if full not in said:
            said.add(full)
            chosen.append((spoken, full))
    if not chosen:
        return []
    quoted = "; ".join(f'"{spoken}"' for spoken, _ in chosen)
    return [_Part("confirmed" if confirmed else "proposed", quoted)]


def _bedrock_words(item: SummaryItem) -> tuple[str, str]:
    """Their words for a bedrock: the quote behind it, or what they wrote when they edited it."""
    if item.status == "edited" and item.text and not item.text.startswith((CONFIRMED_PREFIX, "Possible bedrock")):
        text = " ".join(item.text.split())
        return L.quote(text, DEEP_QUOTE), text
    return _quote_of(item, DEEP_QUOTE)


def _last_quoted(kind: str, items: list[SummaryItem], said: _Said, limit: int = QUOTE) -> str:
    """The latest item of `kind`, as their words in quote marks (a bare "Hi!" says nothing of what lit up)."""
    for item in reversed([i for i in items if i.kind == kind]):
        q, full = _quote_of(item, limit)
        if q and full not in said and len(re.findall(r"[^\W\d_]{3,}", q)) >= 2:
            said.add(full)
            return f'"{q}"'
    return ""


def _motivation(item: SummaryItem, said: _Said) -> str:
    """What the item says sits underneath, with their words: 'pay — earning more because your family is
    growing ("…")', one said in their own words ('being useful ("What I'll miss is being useful")'), or
    their edit of it; none without a quote behind it."""
    q, full = _quote_of(item, QUOTE)
    if not q or full in said:
        return ""
    text = " ".join(item.text.split())
    label = ""
    if item.status == "edited":
        label = L.quote(text, PHRASE)  # the mentee's own wording of it
    elif item.motivation and text.startswith(MOTIVATION_LABELS.get(item.motivation, "\0")):
        name = SPOKEN_LABELS.get(item.motivation, "")
        phrase = text[len(MOTIVATION_LABELS[item.motivation]):].lstrip(" :")
        label = f"{name} — {L.quote(phrase, PHRASE)}" if name and phrase else name
    elif _OWN_WORDS.match(text):
        label = L.quote(_OWN_WORDS.sub("", text), PHRASE)
    if not label:
        return ""
    said.add(full)
    return f'{label} ("{q}")'
