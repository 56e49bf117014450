"""The echo filter: a model's sentence is dropped when it copies the prompt, narrates the conversation
instead of taking part in it, talks about itself, or says what the mentee never said (grounding).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from coach.realize.llm.sentences import _stream_data, split_sentences

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
