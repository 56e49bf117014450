"""Streaming a model's reply with the guard in the stream, and the clean-up small models need.

The rule: every text the mentee ever sees has passed the guard. A word can change the meaning of
the ones before it ("You should ..." is advice, "You should not feel ashamed ..." is not; "Taking
the startup job ... is the way to go" becomes advice at its last words), so:

- the sentence being written shows word by word, but only while its cleaned prefix passes the
  echo filter and the guard (its rules: the learned detector reads a sentence once it is whole, see
  coach.guard.combine.writing); a prefix that fails is held back until the sentence is complete;
- a complete sentence is checked whole: passed, it stays; flagged, its shown prefix is taken
  back and the reply stops there (the caller revises or falls back);
- each check sees the whole text as it would stand on screen, not the sentence alone.

Two layers, both plain generators over the model's tokens:

    clean_stream(tokens, ask=...)      what tiny models get wrong, fixed per sentence: role labels
                                       ("Coach:"), copied prompt labels ("Your move:"), echoed
                                       tags, quotes, markdown bullets, a second question, more
                                       than three sentences, a model that starts playing the
                                       mentee, sentences copied from the prompt (EchoFilter).
                                       `clean_reply(text)` is the same for a whole string.
    LiveReply(tokens, check, ...)      the same clean-up plus the guard, token by token: yields
                                       the visible text (a snapshot) each time it changes, and
                                       fills `.result` (shown, drafted, raw, cut, why).

Usage by the agent:

    live = LiveReply(tokens, lambda t: guard.check(t, mentee_text=text), ask=plan.ask, drop=echo)
    for visible in live:
        placeholder.markdown(visible)
    if not live.result.ok:     # flagged sentence, failed whole-reply check, or ModelError
        ...revise or fall back, replacing what is on screen
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from coach.errors import ModelError
from coach.guard.combine import writing
from coach.lexicon import data_path
from coach.types import Verdict

MAX_SENTENCES = 3

# A sentence ends at terminal punctuation (plus closing quotes/brackets) followed by whitespace,
# or at a line break: small models often put each sentence on its own line.
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’)\]]*)\s+|\s*\n\s*")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
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
def _stream_data() -> dict:
    return tomllib.loads(data_path("stream.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _hold_openers() -> re.Pattern[str]:
    """Openers whose sentence waits to be complete (coach/data/stream.toml says why)."""
    words = sorted(_stream_data()["hold_openers"], key=len, reverse=True)
    return re.compile(r"(?:{})(?![\w'])".format("|".join(re.escape(w) for w in words)))


class SentenceBuffer:
    """Accumulates text pieces and hands out complete sentences."""

    def __init__(self) -> None:
        self._buf = ""

    def feed(self, piece: str) -> list[str]:
        self._buf += piece
        out: list[str] = []
        while True:
            m = _BOUNDARY.search(self._buf)
            if m is None:
                break
            end = m.end(1) if m.group(1) else m.start()
            sentence = self._buf[:end].strip()
            self._buf = self._buf[m.end() :]
            if sentence:
                out.append(sentence)
        return out

    def flush(self) -> str:
        rest, self._buf = self._buf.strip(), ""
        return rest

    @property
    def pending(self) -> str:
        return self._buf


def split_sentences(text: str) -> list[str]:
    buf = SentenceBuffer()
    out = buf.feed(text)
    rest = buf.flush()
    return out + ([rest] if rest else [])


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


# Talk about the conversation instead of in it: the model narrating its instructions or role.
_META = re.compile(
    r"\b(?:the mentee|mentee'?s?|the coach|coach'?s|ai assistant|language model|as an ai|"
    r"my instructions|these rules|the prompt|your move)\b"
    # the revise prompt talking back: "Your draft reply was: ...", "Your message was rejected because ..."
    r"|\b(?:draft (?:reply|response)|your draft|(?:was|were) rejected because|next round|your turn)\b"
    r"|\byour (?:message|response|reply|answer) (?:was|is|should|will)\b"
    # the move instructions read out: "Reflect what they said in one sentence, then ask gently: ..."
    r"|\b(?:reflect|play back) (?:what|back) (?:they|the)\b|\bin one sentence\b|\b(?:then )?ask gently\b"
    r"|\b(?:provide|write|give) (?:a|your|the) (?:response|reply|answer)\b|\b(?:no more than|at most|under) \d+ words\b"
    # assistant-speak a coach never uses
    r"|\bhow (?:can|may) i (?:help|assist)\b|\bassist you\b|\bi'?m here to help\b|\blet me know\b"
    r"|\bif you need (?:any )?(?:help|anything)\b"
    r"|\bguidance and support\b|\bevery step of the way\b"
    # the prompt's analysis block read out ("You noticed: goals named: tech")
    r"|\b(?:this is your reply|goals? named|you noticed:|motivations? (?:heard|named):)",
    re.IGNORECASE,
)
# The model narrating a career of its own ("me and my team", "my role has changed", "my mission"):
# the coach has none, so this is the model playing the mentee or free-associating.
_SELF_STORY = re.compile(
    r"\b(?:me and my|my (?:team|role|goal|mission|job|career|manager|director|answer|response|company|kids|mum|dad|coach|mentor|words))\b",
    re.IGNORECASE,
)
# The model narrating a scene ("They mentioned a lot of people ...", "She said it's important ...",
# "How does that sit with them?") when the mentee has not talked about anyone: there is nobody for
# "they" to be, so the model is telling a story about the prompt, not talking to the mentee.
_NARRATION = re.compile(r"^(?:they|their|she|he|his)\b|\b(?:them|him)\s*[?.!]*$", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:they|them|their|she|her|he|him|his)\b")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we|we're|we've|our|us)\b", re.IGNORECASE)
# A coach says "I" only to listen, ask, wonder or be upfront about not advising. Any other "I" from a
# small model is it talking about itself ("I'm a tech lead", "I've been in your shoes too", "I'm glad
# to help", "I was wondering if you'd like to meet up") and the sentence is dropped.
_I_CLAUSE = re.compile(r"(?:^|[^\w'])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me)(?![\w'])")
_SELF_TALK_OK = re.compile(
    r"\b(?:what )?i(?:'m|’m| am)? (?:hear(?:ing)?|notic(?:e|ing)|wonder(?:ing)?|curious|see that|might be wrong|"
    r"could be wrong|sorry|concerned|still here|here to listen|here when|listen|ask)\b"
    r"|\bi(?:'m|’m| am) going to be (?:upfront|honest)\b|\bi deliberately\b"
    r"|\bi (?:don't|do not|won't|will not) (?:give|offer|advise|tell|judge|decide|want to guess)\b"
    r"|\bi(?:'m|’m| am) (?:still )?(?:not going to (?:tell|give|advise|judge|decide|pretend)|staying out of|holding back)\b"
    r"|\bi(?:'d|’d| would) (?:rather|like to (?:understand|hear|come|step|ask|know))\b"
    r"|\bi(?:'m|’m| am) (?:really )?glad you (?:told|said|shared|brought)\b|\bglad to think\b"
    r"|\b(?:if|may|can|could|did|should) i (?:ask|asked|miss|missed|heard|hear|understand|understood|put|say)\b|\blet me\b|\bi(?:'ll|’ll| will) (?:stay|keep|listen|ask)\b"
    r"|\bi keep\b|\bi stay\b|\btell me\b|\b(?:help|remind) me (?:understand|see)\b|\bthrough (?:it |this |that )?with me\b",
    re.IGNORECASE,
)


STEM = 4  # grounding compares words on their first letters: "lead" ~ "leading", "generalist" ~ "generalising"


@lru_cache(maxsize=1)
def _grounding() -> tuple[frozenset[str], frozenset[str], float]:
    """(frame words, stems of need words, share): see [grounding] in coach/data/stream.toml."""
    g = _stream_data()["grounding"]
    frame = frozenset(g["frame_words"].split())
    needs = frozenset(w[:STEM] for w in g["need_words"].split())
    return frame, needs, float(g["share"])


def _content_stems(words: Iterable[str]) -> list[str]:
    frame = _grounding()[0]
    return [w[:STEM] for w in words if len(w) > 2 and w not in frame and not w.isdigit()]


# The coach's stance, grounded in the ground rules rather than in the mentee's words.
_STANCE = re.compile(
    r"\b(?:deliberately|upfront|(?:give|offer|giving) (?:you )?advice|advise you|not going to tell you|"
    r"(?:decide|choose) (?:this|that|it) for you|staying out of|holding back|here to listen|"
    r"(?:straight|direct) answer)\b",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _trigrams(words: list[str]) -> set[tuple[str, str, str]]:
    return set(zip(words, words[1:], words[2:]))


@lru_cache(maxsize=64)
def _prompt_grams(instructions: str) -> frozenset[tuple[str, str, str]]:
    """The prompt's trigrams: the same few prompt texts on every turn, so built once each."""
    return frozenset(_trigrams(_words(instructions)))


class EchoFilter:
    """Flags sentences a small model copied instead of writing: the prompt's own instructions,
    the mentee's words repeated verbatim (the model speaking as the mentee), or a sentence the
    coach already said in the recent turns.

    Questions are exempt from the instruction check: the prompt's example questions ("What draws
    you to that?") are meant to be reused.
    """

    def __init__(
        self,
        instructions: str,
        mentee_text: str = "",
        *,
        said_before: Iterable[str] = (),
        mentee_before: Iterable[str] = (),
        overlap: float = 0.6,
    ) -> None:
        self._grams = _prompt_grams(instructions)
        self._mentee = " ".join(_words(mentee_text))
        # Everything the mentee said lately: a sentence in the first person built from it is the
        # model speaking as the mentee ("My kids start college in three years ..."), unswapped.
        self._mentee_all = " ".join(_words(" ".join([*mentee_before, mentee_text])))
        self._mentee_grams = _trigrams(_words(" \n ".join([*mentee_before, mentee_text])))
        # The coach's own earlier sentences: a looping model repeats them turn after turn.
        self._before = {" ".join(_words(s)) for text in said_before for s in split_sentences(text)}
        self._overlap = overlap
        # What a statement may be about: the mentee's recent words, and the needs under them.
        self._heard = frozenset(_content_stems(_words(self._mentee_all)))

    def __call__(self, sentence: str) -> bool:
        if _META.search(sentence):
            return True
        words = _words(sentence)
        if " ".join(words) in self._before:
            return True
        if len(words) >= 4 and self._mentee_all and " ".join(words) in self._mentee_all:
            return True
        if _SELF_STORY.search(sentence):
            return True
        if _NARRATION.search(sentence) and not _THIRD_PERSON.search(self._mentee_all):
            return True
        if _I_CLAUSE.search(sentence) and not _SELF_TALK_OK.search(sentence):
            return True
        if len(words) >= 4 and _FIRST_PERSON.search(sentence) and self._mentee_grams:
            grams = _trigrams(words)
            if grams and len(grams & self._mentee_grams) / len(grams) >= 0.5:
                return True
        if len(words) >= 6 and not sentence.rstrip().endswith("?"):
            grams = _trigrams(words)
            if grams and len(grams & self._grams) / len(grams) >= self._overlap:
                return True
        return False

    def grounded(self, sentence: str) -> bool:
        return not self.ungrounded(sentence)

    def holds(self, prefix: str) -> bool:
        """For the unfinished sentence: wait (don't show it yet) if it would be dropped as it
        stands, or if it starts by repeating the mentee ("They decide the ..." is the model
        speaking as them far more often than a coach quoting them)."""
        if self(prefix):
            return True
        words = _words(prefix)
        return len(words) >= 3 and " ".join(words) in self._mentee_all

    def ungrounded(self, sentence: str, words: list[str] | None = None) -> bool:
        """A statement about nothing the mentee said (see [grounding] in coach/data/stream.toml).

        Questions are left to the guard; the coach's own stance lines ("I'm going to be upfront:
        I deliberately don't give advice here") are grounded in the ground rules.
        """
        if not self._mentee_all or sentence.rstrip().endswith("?"):
            return False
        if _STANCE.search(sentence):
            return False
        content = _content_stems(words if words is not None else _words(sentence))
        if not content:
            return True
        _, needs, share = _grounding()
        # The mentee's own words count whole; a need named in other words counts half, so one
        # need word in a sentence of unrelated ones ("this decision-making process") is not enough.
        hits = sum(1.0 if w in self._heard else 0.5 if w in needs else 0.0 for w in content)
        return hits / len(content) < share


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



@dataclass
class LiveResult:
    """What happened in one live reply (filled in while iterating)."""

    shown: str = ""  # complete sentences the guard passed: what stays on screen
    draft: str = ""  # every cleaned sentence, the flagged one included: what the guard judged
    raw: str = ""  # everything the model sent
    sentences: int = 0  # sentences passed
    cut: bool = False  # a sentence was flagged: the reply stopped there
    verdict: Verdict | None = None  # the guard on `shown` (ok), or on `shown` + `flagged` (cut)
    flagged: str = ""  # the sentence that was held back
    dropped: list[str] = field(default_factory=list)  # passed the guard, but about nothing heard
    error: ModelError | None = None  # the model failed mid-stream
    finished: bool = False  # iteration reached its end (normally or by a cut)

    @property
    def ok(self) -> bool:
        return self.finished and not self.cut and self.error is None and bool(self.shown)

    @property
    def reason(self) -> str:
        if self.error is not None:
            return str(self.error)
        if self.verdict is not None and not self.verdict.ok:
            return self.verdict.reason
        if self.finished and not self.shown:
            return "the model produced no usable text"
        return ""


class LiveReply(Iterator[str]):
    """Token-level release of a model's reply, where every text put on screen passed the guard.

    Iterating yields the whole visible text each time it changes (a snapshot, not a delta: it can
    also shrink). The unfinished sentence shows word by word once its cleaned prefix passes the
    echo filter and the guard; a prefix that fails is held, not shown, until the sentence is
    complete. A complete sentence is checked whole: passed, it stays; flagged, its visible prefix
    is taken back and the reply stops (the model's stream is closed, so the server stops
    generating); dropped by the clean-up (an echo of the prompt), its prefix is taken back and
    reading goes on. `.result` says what was shown, drafted and sent, and why a reply was cut.

    So the mentee never sees a word the guard has not passed, and sees most words as the model
    writes them: a sentence is hidden only while its last words could still turn it into advice,
    which ends when it does.

    Each check sees the whole text as it would stand on screen (the passed sentences plus the
    new words), so faults that span sentences are caught as well.

    A `ModelError` from `tokens` ends the iteration and lands in `result.error` (any visible
    prefix is taken back); any other exception propagates.
    """

    def __init__(
        self,
        tokens: Iterable[str],
        check: Callable[[str], Verdict],
        *,
        ask: bool = True,
        max_sentences: int = MAX_SENTENCES,
        drop: Callable[[str], bool] | None = None,
        drop_unfinished: Callable[[], bool] = lambda: False,
        hold_words: int = HOLD_WORDS,
        partial: bool = True,
        relevant: Callable[[str], bool] | None = None,
        hold: Callable[[str], bool] | None = None,
        on_shown: Callable[[], None] | None = None,
    ) -> None:
        self.result = LiveResult()
        # Told once, when the first words are on screen (or, for a revision read whole, when it
        # passed): the reply's deadline then bounds silences instead (coach/realize/deadline.py).
        self._on_shown = on_shown
        # After the guard passed a sentence: keep it only if it is about what the mentee said
        # (EchoFilter.grounded). Advice never gets this far, so it is flagged, not dropped.
        self._relevant = relevant
        self._hold_prefix = hold if hold is not None else drop  # an unfinished sentence waits if True
        self._show_partial = partial  # False: only whole sentences (nobody watches this stream)
        self._tokens = iter(tokens)
        self._check = check
        self._cleaner = _Cleaner(ask=ask, max_sentences=max_sentences, drop=drop)
        self._drop = drop
        self._drop_unfinished = drop_unfinished
        self._hold = hold_words
        self._partial = ""  # the shown prefix of the sentence being written
        self._visible = ""  # the latest snapshot yielded
        self._words = 0  # complete words in the unfinished sentence when last looked at
        self._gen = self._run()

    def __iter__(self) -> LiveReply:
        return self

    def __next__(self) -> str:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()
        self._close_upstream()

    def _close_upstream(self) -> None:
        close = getattr(self._tokens, "close", None)
        if close is not None:
            close()

    def _snapshot(self) -> str:
        return f"{self.result.shown} {self._partial}".strip()

    def _settle(self, sentence: str) -> bool:
        """A sentence is complete: keep it whole or take back its prefix. False: the reply ends."""
        self._partial, self._words = "", 0
        s = self._cleaner.take(sentence)
        if s is None:
            return not self._cleaner.done
        r = self.result
        r.draft = f"{r.draft} {s}".strip()
        verdict = self._check(f"{r.shown} {s}".strip())  # the whole text as it would stand
        if not verdict.ok:
            r.verdict, r.cut, r.flagged = verdict, True, s
            return False
        if self._relevant is not None and not self._relevant(s):
            r.dropped.append(s)
            return not self._cleaner.done
        r.verdict = verdict
        r.shown = f"{r.shown} {s}".strip()
        r.sentences += 1
        return not self._cleaner.done

    def _grow(self, pending: str) -> None:
        """Show more of the unfinished sentence if its cleaned prefix passes everything."""
        words = pending.count(" ") + pending.count("\n")
        if words == self._words:
            return  # no new complete word since the last look: nothing new could be shown
        self._words = words
        prefix = self._cleaner.preview(pending, self._hold)
        if prefix is None or prefix == self._partial or not prefix.startswith(self._partial):
            return
        if self._hold_prefix is not None and self._hold_prefix(prefix):
            return
        if self._relevant is not None and not self._relevant(prefix):
            return  # nothing the mentee said yet: it may never show
        with writing():  # the unfinished sentence is read by the guard's rules; the whole one by all of it
            if not self._check(f"{self.result.shown} {prefix}".strip()).ok:
                return
        self._partial = prefix

    def _read(self) -> Iterator[str]:
        r = self.result
        buf = SentenceBuffer()
        try:
            for token in self._tokens:
                r.raw += token
                go = all(self._settle(s) for s in buf.feed(token))
                if go and self._show_partial:
                    self._grow(buf.pending)
                snap = self._snapshot()
                if snap != self._visible:
                    self._visible = snap
                    if snap and self._on_shown is not None:
                        self._on_shown()
                    yield snap
                if not go:
                    return
        except ModelError as exc:
            r.error = exc
            return
        rest = buf.flush()
        if rest and not (self._drop_unfinished() and not _TERMINAL.search(rest)):
            self._settle(rest)

    def _run(self) -> Iterator[str]:
        try:
            yield from self._read()
        finally:
            self.result.finished = True
            self._close_upstream()
        self._partial = ""
        snap = self._snapshot()
        if snap != self._visible:
            self._visible = snap
            yield snap

