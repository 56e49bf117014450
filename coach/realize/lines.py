"""The offline voice's words: voice.toml loaded once, and the picker that never says a line twice.

`Picker` chooses unused lines and questions for one turn and remembers what it took (`Spoken`); the
agent records them in the session state once the words are kept. Lines are keyed by section and key
("reflect", "goal"); a dotted section ("heard.others") reaches a nested table.
"""

from __future__ import annotations

import re
import tomllib
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coach import language as L
from coach import lexicon
from coach.realize.wellformed import cut_word, fits, garbled

@lru_cache(maxsize=1)
def voice() -> dict[str, Any]:
    return tomllib.loads(lexicon.data_path("voice.toml").read_text(encoding="utf-8"))


def _norm(q: str) -> str:
    return re.sub(r"[^a-z ]", "", q.lower()).strip()


@dataclass(slots=True)
class Spoken:
    """The offline voice's words for one turn, and the lines and questions it used for them.

    The realizer never writes the policy's state: the agent records `used` and `asked` there once
    the words are kept, so no line or question repeats in a session."""

    text: str
    used: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


# Sections whose frames carry the mentee's own words.
_WORDS_OF_THEIRS = frozenset({"reflect", "layered", "confirm", "complex", "passion", "bridge"})


class Picker:
    """Chooses unused lines from voice.toml; remembers what it took, for the agent to record."""

    def __init__(self, state: Any, previous: str = "", said: str = "") -> None:
        self.state = state
        self.said = said  # the message being answered: a value may not end on half of one of its words
        self.used: list[str] = list(state.used) if state is not None else []
        self.asked: list[str] = list(state.asked) if state is not None else []
        self.took_used: list[str] = []
        self.took_asked: list[str] = []
        self.previous = _opener(previous)  # how the coach's last turn began: not again right away
        self.previous_text = previous  # its words: a "no, it's not the money" corrects only what it said
        self.previous_asked = previous.rstrip().endswith("?")  # the last turn ended on a question
        self.openers: list[str] = []  # how lines picked this turn begin
        self.refused = 0  # frames refused this turn because their words came out garbled (wellformed.py)
        # Set mirrors of the two lists and the asked stems, built once: a long session's lists are thousands
        # long, and every line or question tried used to scan them (issue 17, item 10).
        self._used = set(self.used)
        self._asked = set(self.asked)
        self._stems = {x for t in self.asked if not t.startswith("q.") for x in stems(t)}

    def line(self, section: str, key: str, **fill: str) -> str | None:
        theirs = section in _WORDS_OF_THEIRS or section.startswith("heard")
        if fill and theirs and (not fits(fill) or self.said and any(
                cut_word(v, self.said) for v in fill.values() if isinstance(v, str))):
            self.refused += 1  # (the realizer may then say one whole sentence of theirs instead)
            return None  # their words cut badly would read as garbled in any frame (wellformed.py)
        options = _table(section)[key]
        if isinstance(options, str):
            options = [options]
        turn = getattr(self.state, "turn", 0)
        if section == "heard.small_talk":
            # a goodbye comes at about the same turn in most sessions: which line says it follows their words, not the
            # turn number (a blind reader of twelve sessions saw one farewell line close all twelve)
            turn += zlib.crc32(self.said.encode()) if self.said else 0
        n = len(options)
        fallback: tuple[str, str] | None = None
        for k in range(n):
            i = (turn + k) % n if section in ("complex", "reflect", "layered", "bridge") or section.startswith("heard") else k
            lid = f"{section}.{key}.{i}"
            if lid in self._used:
                continue
            text = _fill(options[i], fill, theirs)
            if text is None:
                continue
            if _opener(text) and (_opener(text) == self.previous or _opener(text) in self.openers):
                fallback = fallback or (lid, text)  # the same opening as the last turn: only if nothing else fits
                continue
            return self._take(lid, text)
        if section == "reflect" and (fallback is None or _opener(fallback[1]) == self.previous):
            # every frame used once: a frame is only a shape, so it may carry new words again (never the same text)
            for k in range(n):
                i = (turn + k) % n
                text = _fill(options[i], fill, theirs)
                if text is None or "{" not in options[i] or f"text:{_norm(text)}" in self._used:
                    continue
                if _opener(text) != self.previous or fallback is None:
                    fallback = (f"text:{_norm(text)}", text)
                if _opener(text) != self.previous:
                    break
        return self._take(*fallback) if fallback else None

    def _take(self, lid: str, text: str) -> str:
        ids = [lid] if lid.startswith("text:") else [lid, f"text:{_norm(text)}"]
        self.used += ids
        self._used.update(ids)
        self.took_used += ids
        self.openers.append(_opener(text))
        return text

    def mark_asked(self, *ids: str) -> None:
        self.asked += ids
        self._asked.update(ids)
        self._stems.update(x for t in ids if not t.startswith("q.") for x in stems(t))
        self.took_asked += ids

    def question(self, key: str, **fill: str) -> str | None:
        """An unasked question of `key` ("deepen", or "heard.others" for voice.toml [heard.questions]),
        never one whose opening words (its stem) were already used this session."""
        bank = voice()["heard"]["questions"][key[6:]] if key.startswith("heard.") else voice()["questions"][key]
        # the general ladder questions start where the turn number says, so that no one of them opens every
        # session ("What does that tell you about what matters to you?" in most transcripts reads as a script)
        turn = (getattr(self.state, "turn", 0) + zlib.crc32(str(getattr(self.state, "last_said", "")).encode())) if key in _ROTATED else 0
        for k in range(len(bank)):
            i = (turn + k) % len(bank)
            q = bank[i]
            qid = f"q.{key}.{i}"
            text = _fill(q, fill)
            if qid in self._asked or text is None or _norm(text) in self._asked or any(x in self._stems for x in stems(text)):
                continue
            self.mark_asked(qid, _norm(text))
            return text
        return None

    def first_question(self, *keys: str, **fill: str) -> str | None:
        for key in keys:
            q = self.question(key, **fill)
            if q:
                return q
        return None


_ROTATED = frozenset({"deepen", "deepen_situation", "deepen_negative", "deepen_unsure"})


def _table(section: str) -> dict[str, Any]:
    node: Any = voice()
    for part in section.split("."):
        node = node[part]
    return node


STEM_WORDS = 4


def stem(question: str) -> str:
    """The opening words of a question ("what is it about"): a frame asked once a session, whatever fills it."""
    return " ".join(_norm(question).split()[:STEM_WORDS])


_FUNCTION = frozenset("what which how when where who why whose is it are was do does did would could will can should that this "
                      "the a an of in on to for you your yours about there then so and or but me i my with be been".split())


def _content_stem(question: str) -> str:
    """The first three content words, crudely stemmed ("Which part of that matters most" -> "part matter most"):
    "Which part of it matters most to you?" is the same question as "Which part of that matters most to you?"."""
    words = [re.sub(r"(?:ing|ed|es|s)$", "", w) for w in _norm(question).split() if w not in _FUNCTION][:3]
    return "~" + " ".join(words) if words else ""


def stems(question: str) -> list[str]:
    """Every stem a question is known by: its opening words and its first content words."""
    asked = re.split(r"(?<=[.!?])\s+", question.strip())[-1]  # "Picture having real say… How would that sit with you?"
    return [x for x in dict.fromkeys((stem(question), _content_stem(question), stem(asked), _content_stem(asked))) if x]


_OPENER_SKIP = re.compile(r"^[\W_]+")


def _opener(text: str) -> str:
    """How a turn begins, for "not the same opening twice in a row": "so" on its own (So you…, So
    it's…), otherwise the first two words ("it sounds", "you said")."""
    words = re.findall(r"[a-z']+", _OPENER_SKIP.sub("", text.lower()))[:2]
    if not words:
        return ""
    return "so" if words[0] == "so" else " ".join(words)


def _fill(template: str, fill: dict[str, str], theirs: bool = False) -> str | None:
    """Fill {name} and {Name} (capitalized); None when a needed value is missing. A value of eight words or
    more is first pruned to its heart (coach/realize/compress.py): a reflection restates, it doesn't parrot;
    unless the pruning leaves their words garbled ("you built that show in about bin days"), when they are
    said as they were."""
    from coach.realize.compress import SHORT, core

    out = template
    for name in re.findall(r"\{(\w+)\}", template):
        value = fill.get(name.lower())
        if not value:
            return None
        if name.lower() not in ("quote", "exact", "facts", "instead", "moment") and len(value.split()) >= SHORT:
            pruned = core(value)
            value = value if theirs and pruned != value and garbled(pruned, name.lower()) else pruned
        out = out.replace("{" + name + "}", L.upper_first(value) if name[0].isupper() else value)
    return out
