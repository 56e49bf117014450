"""Which language a message is in, and which part of it is English when it mixes two.

"Quiero ser manager porque I like helping people grow" is neither English nor Spanish: the coach says
plainly (in Spanish where it can) that coaching is in English for now, and reflects only "I like helping
people grow". Word lists per language (coach/data/hearing.toml [language]) mark the switches; py3langid
decides messages with no marked words; a script other than Latin decides itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from coach import lexicon

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_CLAUSE_END = re.compile(r"[.!?;:,\n—–]+")
# English words common enough to mark a run as English (function words and the commonest verbs).
_EN = frozenset("""i you he she we they me my your our their mine the an to and or but if of in on at for with about
from by as into over after before than then that this these those there here what which who when where why how is
am are was were be been being have has had do does did done not can could will would should may might must just
like really very too also only more most some any all every each want need feel think know get got make going
work job team boss people time lead love hate help good bad fine okay because i'm it's that's can't won't didn't
doesn't isn't aren't i've i'd i'll you're don't my myself it is was honestly guess maybe something nothing always
never growing grow helping manager""".split())


@dataclass(frozen=True, slots=True)
class LanguageRead:
    language: str  # ISO 639-1: "en", "es", …; "und" when there is nothing to tell
    mixed: bool = False  # English and another language in one message
    english: str = ""  # the English part, when mixed


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    table = lexicon.data_toml("hearing.toml")["language"]
    return {lang: frozenset(w.lower() for w in words) for lang, words in table.items()}


def _script(text: str) -> str:
    """'latin', or the name of the script most letters are in ('devanagari', 'cjk', 'cyrillic'…)."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        if "a" <= ch.lower() <= "z" or unicodedata.name(ch, "").startswith("LATIN"):
            key = "latin"
        else:
            key = unicodedata.name(ch, "OTHER").split()[0].lower()
        counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "none"


def _tag(word: str) -> str | None:
    w = word.lower().replace("’", "'")
    if w in _EN:
        return "en"
    hits = [lang for lang, ws in _words().items() if w in ws]
    return hits[0] if len(hits) == 1 else ("xx" if hits else None)  # "xx": some language not English


_LOANS = frozenset("café cafés résumé résumés naïve fiancé fiancée cliché déjà façade crème rôle élite".split())


def foreign_word(word: str) -> bool:
    """A word of one of the listed other languages that is not also English ("mam", "też"; never "no", "de"), or a
    word spelled with letters English does not use ("dość", "não"; never "café")."""
    w = word.lower().replace("’", "'")
    if w in _SHARED or w in _LOANS:
        return False
    return _tag(w) not in ("en", None) or any(not ch.isascii() and ch.isalpha() for ch in w)


def _classify(text: str) -> str:
    try:
        import py3langid

        lang, _ = py3langid.classify(text)
        return str(lang)
    except Exception:  # noqa: BLE001 - no classifier: say nothing rather than guess
        return "und"


def _other(tags: list[tuple[str, str | None]]) -> str:
    votes: dict[str, int] = {}
    for word, tag in tags:
        if tag and tag != "en":
            for lang, ws in _words().items():
                if word.lower() in ws:
                    votes[lang] = votes.get(lang, 0) + 1
    return max(votes, key=votes.__getitem__) if votes else "und"


def read_language(text: str) -> LanguageRead:
    words = _TOKEN.findall(text)
    if not words:
        return LanguageRead("und")
    script = _script(text)
    if script not in ("latin", "none"):
        latin = " ".join(w for w in words if _script(w) == "latin")
        english = [w for w in latin.split() if w.lower() in _EN]
        lang = _classify(text)
        if len(english) >= 3:
            return LanguageRead(lang if lang != "en" else "und", mixed=True, english=_english_runs(latin))
        return LanguageRead(lang if lang != "en" else "und")
    tags = [(w, _tag(w)) for w in words]
    en = sum(1 for _, t in tags if t == "en")
    other = sum(1 for _, t in tags if t and t != "en")
    foreign = _foreign_sentences(text) if len(words) >= 6 else []
    if foreign:  # "Sorry, my English is ok. Am scris în română pentru că așa gândesc…": a whole sentence in another language
        english = " ".join(x for x in re.split(r"(?<=[.!?])\s+", text) if x.strip() and x not in foreign and _reads_english(x))
        lang = _classify(" ".join(foreign))
        lang = lang if lang not in ("en", "la", "und") else _which(text, tags)
        if english_words(english)[0] < 1 or len(english.split()) < 3:
            return LanguageRead(lang)  # nothing in English worth saying back: the whole message is in another language
        return LanguageRead(lang, mixed=True, english=english)
    if other == 0:
        # no function word of any listed language: English, unless a longer text reads as another language
        # ("Stairs mostly. Curved ones." has no English function word either)
        if en == 0 and len(words) >= 6:
            lang = _classify(text)
            return LanguageRead(lang if lang not in ("la", "und") else "en")
        return LanguageRead("en")
    if en == 0 or (other >= 3 and en <= 1 and other >= 3 * max(en, 1)):
        return LanguageRead(_which(text, tags))
    if other == 1 and en >= 2:
        return LanguageRead("en")  # a borrowed word ("my jefe", "a bit of a déjà vu") is still English
    english = _english_runs(text)
    if len(english.split()) < 3:
        return LanguageRead(_which(text, tags)) if other > en else LanguageRead("en")
    return LanguageRead(_which(text, tags), mixed=True, english=english)


_SHARED = frozenset("a am i in no do be so it on to de la me he we".split())  # English words other languages have too


def english_words(text: str) -> tuple[int, int]:
    """(English function words that no listed language shares, all words) in `text`."""
    words = _TOKEN.findall(text)
    base = [re.split(r"['’]", w.lower())[0] for w in words]  # "She's" is "she"
    return sum(1 for w, b in zip(words, base) if (_tag(w) == "en" or _tag(b) == "en") and b not in _SHARED), len(words)


def _reads_english(sentence: str) -> bool:
    """A sentence of a mixed message that is English: it has an English word no other language shares, or it has
    no word of another listed language and (if long enough to tell) the classifier reads it as English
    ("Fourteen minutes.", "Making sure nobody gets forgotten." — never "Mașina traduce cuvintele.")."""
    if english_words(sentence)[0] >= 1:
        return True
    words = _TOKEN.findall(sentence)
    if any(_tag(w) not in ("en", None) for w in words):
        return False
    return len(words) < 3 or _classify(sentence) == "en"


def _foreign_sentences(text: str) -> list[str]:
    """Sentences of five or more words with no English word in them, that the classifier reads as another
    language with some confidence (a run of names or jargon is not a language)."""
    out = []
    for sent in re.split(r"(?<=[.!?])\s+", text):
        words = _TOKEN.findall(sent)
        if len(words) < 7 or english_words(sent)[0] > 0:
            continue  # (a shared word may be there: Romanian "am", Welsh "i")
        lang = _classify(sent)
        if lang not in ("en", "la", "und"):
            out.append(sent)
    return out


def _which(text: str, tags: list[tuple[str, str | None]]) -> str:
    """Which other language: the word lists' vote, unless the classifier reads a language the lists don't
    have (Romanian shares "de", "la", "pentru"… with none of them, and was answered in Spanish)."""
    voted = _other(tags)
    lang = _classify(text)
    return lang if lang not in ("en", "la", "und") and lang not in _words() else voted


def _english_runs(text: str) -> str:
    """The English stretches of a mixed message, in order: runs that start and stay with English words."""
    runs: list[str] = []
    for clause in _CLAUSE_END.split(text):
        words = clause.split()
        current: list[str] = []
        pending: list[str] = []  # words no list knows, before the clause's first known word
        lang = None
        for w in words:
            token = _TOKEN.search(w)
            tag = _tag(token.group(0)) if token else None
            if tag == "en":
                if lang is None:
                    current, pending = pending, []  # "Bespoke trainee pay is less…": the subject is English too
                lang = "en"
            elif tag is not None:
                lang = "other"
                pending = []
                if len(current) >= 3:
                    runs.append(" ".join(current))
                current = []
                continue
            if lang == "en":
                current.append(w)
            elif lang is None:
                pending.append(w)
        if len(current) >= 3 or (current and len(current) == len(words)):
            runs.append(" ".join(current))
    return ". ".join(r.strip(" ,") for r in runs if r.strip(" ,"))
