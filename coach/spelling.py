"""Tidy the mentee's spelling before the coach says their words back.

"plumbins all i know, been doin it since i was 17" is played back as "plumbing is all you know…", not with
the typos in the coach's mouth: echoing a typo reads as mockery or as a bot. Three steps, each cautious:
spoken forms and missing apostrophes from a curated list (coach/data/spelling.toml), dropped g's
("doin" -> "doing") when the -ing word is a known word, and pyspellchecker's English frequency list for
lower-case words it does not know (one edit away, five letters or more: names, acronyms and jargon in
capitals are left alone). Quotes stay verbatim; only the coach's own reflections are tidied.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from coach import lexicon

_WORD = re.compile(r"(?<![\d])[^\W\d_]+(?:['’][^\W\d_]+)?")  # whole words, accents included: "profissão" is never "profiss"+"ão"
_lock = threading.Lock()
_checker: Any = None


# "the foremans way", "my mums car": a person's noun with the apostrophe left out ("analytics" is no one's)
_PERSON = re.compile(r"(?:man|woman|er|or|ist|ant|ent|ess|mum|mom|dad|boss|wife|husband|mate|brother|sister|(?<![a-z])son|grandson|stepson|daughter|"
                     r"nan|gran|grandad|grandma|kid|child|client|customer|friend|partner|colleague|chef|doc|team|company)$")
MIN_FREQUENCY = 1e-6  # a correction must be a common word ("mentee" is not a typo of "mestee")
_BRITISH = re.compile(r"(?:our|ise|ised|ising|isation|yse|re|mme|ence|lled|lling|ogue)$")


@lru_cache(maxsize=1)
def _keep() -> frozenset[str]:
    """Words never corrected: the curated keep list and the other languages' words the hearing knows."""
    words = set(lexicon.data_toml("spelling.toml").get("keep", {}).get("words", []))
    for listed in lexicon.data_toml("hearing.toml")["language"].values():
        words.update(w.lower() for w in listed)
    return frozenset(words)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = lexicon.data_toml("spelling.toml")
    return dict(data["informal"]), dict(data["typos"])


def load() -> Any:
    """pyspellchecker's English list (~0.5 s; parse.warm() loads it beside the parser), or None."""
    global _checker
    with _lock:
        if _checker is None:
            try:
                from spellchecker import SpellChecker

                _checker = SpellChecker(distance=1)
            except Exception:  # noqa: BLE001 - no spell checker: the curated lists still tidy
                _checker = False
    return _checker or None


@lru_cache(maxsize=4096)
def _fix_word(word: str) -> str:
    informal, typos = _tables()
    low = word.lower().replace("’", "'")
    if not word.isascii():
        return word  # another language's word ("profissão", "Gespräche"): never "corrected" into English
    if low in typos:
        return typos[low]
    if low in informal and not (low in ("u", "r", "w", "nd") and word != low):
        fixed = informal[low]
        return fixed[0].upper() + fixed[1:] if word[0].isupper() and fixed[0].islower() else fixed
    if word != low or len(low) < 4 or "'" in low:
        return word  # Names, acronyms, "IFRS", contractions: left as typed
    checker = load()
    if checker is None or low in checker:
        return word
    if low.endswith("in") and low + "g" in checker:
        return word + "g"  # "doin" -> "doing"
    for suffix in ("er", "ers", "ness", "ism", "ist", "ists", "ful", "able", "ably"):
        stem = low[: -len(suffix)]
        if low.endswith(suffix) and (stem in checker or stem + "e" in checker or (stem[:-1] in checker and stem[-1:] == stem[-2:-1])):
            return word  # "pleaser", "mentorship-er": a real word built from a known one, not a typo
    if len(low) in (3, 4):  # "wnat", "waht", "liek": two letters swapped, the one slip short words allow
        swaps = {low[:i] + low[i + 1] + low[i] + low[i + 2:] for i in range(len(low) - 1)} - {low}
        known = [c for c in swaps if c in checker and checker.word_usage_frequency(c) >= 1e-5]
        return known[0] if len(known) == 1 else word
    if len(low) < 5:
        return word
    if low in _keep() or _BRITISH.search(low):
        return word  # "maths", "colour", "programme", "yaar": spelled as meant
    if low.endswith("s") and low[:-1] in checker and not low.endswith("ss") and _PERSON.search(low[:-1]):
        return word[:-1] + "'s"  # "the foremans way": an apostrophe left out, not a letter too many
    if low.endswith("s") and (low[:-1] in checker or low.endswith("es") and low[:-2] in checker):
        return word  # "unisons", "tunings": the plural of a word the list knows, not a typo of another word
    found = checker.candidates(low) or set()
    known = [c for c in found if c != low and c in checker and c[0] == low[0]
             and checker.word_usage_frequency(c) >= MIN_FREQUENCY]
    if not known:
        return word
    past = low[:-1] + "ed"
    if low.endswith("d") and past in known:
        return past  # "retird" -> "retired": an "e" dropped from a past tense, not "retire" with a wrong letter
    # a swap or a wrong letter ("ignorde" -> "ignored") before a letter added or dropped; then the commonest
    fixed = max(known, key=lambda c: (len(c) == len(low), checker.word_usage_frequency(c)))
    return fixed


def shouting(text: str) -> bool:
    """Most of the letters in capitals, over a few words: typed loud."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 3 and len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _calm(text: str) -> str:
    """THEY GAVE THE JOB TO A 26 YEAR OLD WITH AN MBA -> they gave the job to a 26 year old with an MBA: the coach
    says their words back without shouting them (words the word list doesn't know, like MBA, keep their capitals)."""
    checker = load()

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        low = w.lower()
        if low == "i":
            return "I"
        return low if checker is None or low in checker or len(w) > 4 else w

    return _WORD.sub(word, text)


def tidy(text: str) -> str:
    """Spelling tidied for the coach's mouth; the words and their order are the mentee's."""
    if shouting(text):
        text = _calm(text)
    # a tone marker at the end is how they said it, not what ("…than have a nice CV tbh"): never "to be honest" in
    # the coach's mouth
    text = re.sub(r"(?:[,\s]+(?:tbh|ngl|imo|lol|lmao|haha+|tho|to be honest|honestly))+(?=\W*$)", "", text, flags=re.I)
    text = re.sub(r"\s+btw\b", "", text, flags=re.I)  # "not the money thing btw": an aside marker, never said back
    text = re.sub(r"(?<=\w)[,\s]+(?:lol|lmao|lmfao)\b[,]?(?=\s+\w)", "", text, flags=re.I)  # "…off her phone lol shes my mate"
    out = _WORD.sub(lambda m: _fix_word(m.group(0)), text)
    out = re.sub(r"\b(to|gonna|wanna|will|could|would|should|can|might) b\b(?=\s+(?:a|an|the|my|more|better|able|good|happy)\b)",
                 r"\1 be", out)  # "i wnat to b a product manager"
    # "its the stats", "its not part of the job": "its" before what can only follow "it is"
    out = re.sub(r"\b([Ii])ts(?=\s+(?:the|a|an|not|just|all|about|that|what|more|less|so|too|really|only|been|gonna|going|my|your|"
                 r"like|never|always|still|getting|becoming|fine|ok|okay|hard|easy|crap|rubbish|shit|mad|crazy|over|done|his|her|their|our|mine|yours|"
                 r"perfect|good|great|bad|true|worse|better|different|weird|late|early|time)\b)",
                 r"\1t's", out)
    # "id be back in the seat": "id" before what only follows "I'd"
    out = re.sub(r"(?<!\bmy )(?<!\byour )(?<!\bthe )(?<!\ban )(?<!\bhis )(?<!\bher )(?<!\bphoto )(?<!\bstaff )(?<!\bstudent )"
                 r"\b[iI]d(?=\s+(?:be|have|love|rather|like|go|do|never|probably|still|just|want|say|take|give|happily|definitely|"
                 r"buy|open|quit|leave|move|start|stay|run|work|travel|retire|spend|sell|teach|learn|build|make|pick|"
                 r"stick|last|get|need|know|think|feel|hate|miss|die|kill|pay|put|try|help|lose|end|always|better|gladly|"
                 r"also|only|really|actually|honestly|ever|even|already|sooner|prefer|choose|walk|drive|tell|ask|hire|fire)\b)", "I'd", out)
    # "cos were short": "were" after a reason word, before a state, is "we're"
    out = re.sub(r"\b(cos|cause|because|coz|as|and|but|so)\s+were(?=\s+(?:short|busy|understaffed|closed|done|not|going|gonna|all)\b)",
                 r"\1 we're", out, flags=re.I)
    return re.sub(r"(^|[.!?]\s+|\s)i(?=\s|'|’|$)", lambda m: m.group(1) + "I", out)


@lru_cache(maxsize=1024)
def plain(text: str) -> str:
    """Chat shorthand written out, lower-cased, for reading what kind of message it is ("what do u think i should
    do" is "what do you think i should do"); nothing else changes, and it is never said back."""
    informal, _ = _tables()
    return _WORD.sub(lambda m: m.group(0).lower() if m.group(0).lower() in _TONE else informal.get(m.group(0).lower(), m.group(0)).lower(),
                     text.lower())


# tone markers stay as typed: "tbh i like the sales bit??" is not "to be honest … ?", a plea to be honest
_TONE = frozenset({"tbh", "ngl", "imo"})

