"""What tiny models get wrong, fixed per sentence: role labels, copied prompt labels, echoed tags,
quotes, markdown bullets, a second question, more than three sentences, a model that starts
playing the mentee. `clean_stream` over tokens, `clean_reply` over a whole string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from coach.realize.llm.sentences import _TERMINAL, SentenceBuffer, _stream_data

MAX_SENTENCES = 3


# A role label at the start: "Coach:", "**Assistant:**", "C:".
_ROLE_PREFIX = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:coach|assistant|ai|bedrock|mentor|listener|c)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*",
    re.IGNORECASE,
)

# The model starting the mentee's turn (or a new turn of its own): everything from here is noise.
_TURN_LABEL = re.compile(
    r"(?:^|\s)(?:\*\*)?(?:mentee|user|human|coach|assistant)(?:\*\*)?\s*:", re.IGNORECASE
)

# Prompt-section labels a small model copies from the prompt: "Your move:", "Reply:".
# Single letters too: a small model answering in multiple choice ("B: You're not alone ...").
_LABEL = re.compile(
    r"^\s*(?:(?:(?:your|the|coach'?s)\s+)?(?:move|answer|reply|response|return|output|reflect(?:ion)?|question|ask)|[a-e]"
    r"|(?:your|my|the)\s+(?:topic|goal|task|turn|words|message|draft|summary|note|instruction)s?)\s*:\s*",
    re.IGNORECASE,
)

_TAG = re.compile(r"</?\s*[A-Za-z_][\w\-]*[^<>]*>")

_BULLET = re.compile(r"^\s*(?:[-*•#>]+|\d+[.)])\s+")

_DOUBLE = "\"“”"

_QUOTES = _DOUBLE

# How a question starts: a turn without questions holds such a sentence until it is complete.
_QUESTION_START = re.compile(
    r"(?:(?:so|but|and|or|then|okay|ok)\s+)?(?:what|how|why|when|where|who|whom|which|whose|do|does|did|is|are|was|were|can|could|"
    r"would|will|should|have|has|had|may|might|am|isn't|aren't|don't|doesn't|didn't|wouldn't|"
    r"couldn't|won't)\b",
    re.IGNORECASE,
)

# Words of a sentence held back before its first words are shown (see `_Cleaner.preview`).
HOLD_WORDS = 3


@lru_cache(maxsize=1)
def _hold_openers() -> re.Pattern[str]:
    """Openers whose sentence waits to be complete (coach/data/stream.toml says why)."""
    words = sorted(_stream_data()["hold_openers"], key=len, reverse=True)
    return re.compile(r"(?:{})(?![\w'])".format("|".join(re.escape(w) for w in words)))


def _strip_quotes(s: str) -> str:
    """Drop quotes wrapping a sentence or left dangling by the split ("Hello. How are you?")."""
    s = s.strip()
    # Count double quotes only: single quotes are mostly apostrophes ("What's").
    if s and s[0] in _QUOTES and sum(s.count(q) for q in _DOUBLE) % 2 == 1:
        s = s[1:]
    if s and s[-1] in _QUOTES and sum(s.count(q) for q in _DOUBLE) % 2 == 1:
        s = s[:-1]
    if len(s) > 1 and s[0] in "\"“" and s[-1] in "\"”":
        s = s[1:-1]
    return s.strip()


@dataclass
class _Cleaner:
    """The per-sentence rules, with the little state they need across sentences."""

    ask: bool = True
    max_sentences: int = MAX_SENTENCES
    drop: Callable[[str], bool] | None = None
    emitted: list[str] = field(default_factory=list)
    done: bool = False

    def _unlabel(self, s: str) -> tuple[str, bool]:
        """Tags, role and section labels, bullets and bold gone; True if a new turn began."""
        s = _TAG.sub("", s)
        if not self.emitted:
            while (m := _ROLE_PREFIX.match(s)) is not None and m.end() > 0:
                s = s[m.end() :]
        s = _LABEL.sub("", s)
        label = _TURN_LABEL.search(s)
        if label is not None:
            s = s[: label.start()]
        s = _BULLET.sub("", s).replace("**", "").replace("__", "")
        return s, label is not None

    def take(self, raw: str) -> str | None:
        """The cleaned sentence to emit, or None. Sets `done` when the reply is complete."""
        if self.done:
            return None
        s, new_turn = self._unlabel(raw)
        if new_turn:
            self.done = True  # the model began another turn: keep what came before it, and stop
        s = _strip_quotes(" ".join(s.split()))
        if not s or not any(ch.isalpha() for ch in s):
            return None
        if self.drop is not None and self.drop(s):
            return None  # an echo of the prompt or of the mentee: skip it, keep reading
        if s.lower() in (e.lower() for e in self.emitted):
            self.done = True  # a looping model: the repeat and whatever follows are noise
            return None
        q = s.find("?")
        if q != -1:
            if not self.ask:
                return None  # reflection-only turn: drop questions, keep statements
            s = s[: q + 1]
            self.done = True  # one question, and it ends the turn
        self.emitted.append(s)
        if len(self.emitted) >= self.max_sentences:
            self.done = True
        return s

    def preview(self, pending: str, hold_words: int) -> str | None:
        """What of an unfinished sentence may be shown now, or None to wait.

        The same clean-up as `take`, minus the last word (it may be half a word), and only once
        `hold_words` words are there: role labels, "I'm ..." and "You should ..." show themselves
        in the first words. Sentences that `take` could still rewrite as a whole (a quoted one, a
        question in a turn without questions, a repeat of an earlier one) wait to be complete.
        """
        if self.done or not pending or pending.isspace():
            return None
        s = pending
        lt = s.rfind("<")
        if lt != -1 and ">" not in s[lt:]:
            s = s[:lt]  # a tag still arriving
        s, new_turn = self._unlabel(s)
        if s.lstrip()[:1] in _QUOTES:
            return None
        words = s.split()
        if not new_turn and not pending[-1].isspace():
            words = words[:-1]
        if len(words) < hold_words:
            return None
        if not self.ask and _QUESTION_START.match(" ".join(words[:2])):
            return None
        if any(w.endswith(":") for w in words[:hold_words]):
            return None  # "My words: ...", "Three things: ...": a label or a list, seen whole
        text = " ".join(words)
        low = text.lower().replace("’", "'")
        if _hold_openers().match(low) or any(e.lower().startswith(low) for e in self.emitted):
            return None
        return text


def clean_stream(
    tokens: Iterable[str],
    *,
    ask: bool = True,
    max_sentences: int = MAX_SENTENCES,
    drop_unfinished: Callable[[], bool] = lambda: False,
    drop: Callable[[str], bool] | None = None,
) -> Iterator[str]:
    """Yield cleaned sentences, each followed by one space, as soon as each is complete.

    The trailing space lets a downstream SentenceBuffer (the guard's) see the boundary at once.
    `drop_unfinished()` is asked at the end: True when the model was cut off by its token limit,
    so a final fragment without terminal punctuation is dropped rather than shown.
    `drop(sentence)` True skips a sentence (see EchoFilter).
    Stops reading `tokens` (and closes it) as soon as the reply is complete.
    """
    cleaner = _Cleaner(ask=ask, max_sentences=max_sentences, drop=drop)
    buf = SentenceBuffer()
    it = iter(tokens)
    try:
        for token in it:
            for sentence in buf.feed(token):
                out = cleaner.take(sentence)
                if out:
                    yield out + " "
                if cleaner.done:
                    return
        rest = buf.flush()
        if rest and not (drop_unfinished() and not _TERMINAL.search(rest)):
            out = cleaner.take(rest)
            if out:
                yield out + " "
    finally:
        close = getattr(it, "close", None)
        if close is not None:
            close()


def clean_reply(
    text: str,
    *,
    ask: bool = True,
    max_sentences: int = MAX_SENTENCES,
    truncated: bool = False,
    drop: Callable[[str], bool] | None = None,
) -> str:
    """What a tiny model wrote, made fit for the guard: the same rules as `clean_stream`."""
    return "".join(
        clean_stream(
            [text], ask=ask, max_sentences=max_sentences,
            drop_unfinished=lambda: truncated, drop=drop,
        )
    ).strip()
