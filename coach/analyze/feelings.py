"""Feelings and life events in one message, each with the words that carry it.

A feeling is named back only with evidence in the text; intensity grows with intensifiers, capitals
and exclamation marks; a feeling said as absent ("I'm not worried about it") is not a feeling shown.
Life events (a loss, good news, a setback) are met before any career question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach import language as L
from coach import lexicon
from coach.types import Feeling

_INTENSIFIER = re.compile(r"\b(really|so|very|super|extremely|completely|totally|utterly|incredibly|absolutely|deeply|properly|seriously|bloody|fucking|fkn|truly)\s+$", re.I)
# "not", "wouldn't say I'm", "never really": a feeling word under a negation is not shown ("n't" ends a word)
_NEGATED = re.compile(r"(?:\b(?:not|never|no longer|hardly|barely|without|dont|didnt|doesnt|isnt|wasnt|werent|arent|cant|couldnt|wouldnt|wont|"
                      r"aint|havent|hasnt|shouldnt)|n't|n’t)\s+(?:[\w']+\s+){0,2}$", re.I)  # "they are keeping me, dont worry" (batch 18)
_IF_I = re.compile(r"\b(?:if|in case|what if)\s+(?:i|we)\s+(?:\w+\s+){0,2}$", re.I)
# the scene-setting clause of a memory, up to its comma: "When I was 23 and shaking on my first flight, she told off…"
_MEMORY_CLAUSE = re.compile(r"(?:^|[.!?]\s+)\W*(?:back\s+)?when\s+(?:i|we)\s+(?:was|were|started|first|joined)\b[^,.;!?]*$", re.I)
_ABOUT = re.compile(r"^\W*(?:about|that|because|with|of|by|at|over|since|when|after)\s+(?P<x>[^.;!?]{3,80})", re.I)


@lru_cache(maxsize=1)
def _table() -> list[tuple[str, int, re.Pattern[str]]]:
    raw = lexicon.data_toml("hearing.toml")["feelings"]
    return [(name, int(v), re.compile(p, re.I)) for name, (v, p) in raw.items()]


def feelings(text: str) -> list[Feeling]:
    out: list[Feeling] = []
    seen: set[str] = set()
    bangs = min(text.count("!"), 3)
    for name, valence, pat in _table():
        for m in pat.finditer(text):
            before = text[max(0, m.start() - 30): m.start()]
            if _NEGATED.search(before):
                continue  # "I'm not worried" is not worry shown
            if _IF_I.search(before):
                continue  # "if I hate it I go back": a feeling supposed, not one shown
            if name in seen:
                continue
            if valence < 0 and _MEMORY_CLAUSE.search(text[max(0, m.start() - 120): m.start()]) and re.match(r"[^,.;!?]*,", text[m.end():]):
                continue  # the background of a story ("when I was 23 and shaking…, she protected us"), not how they feel
            from coach.analyze.claims import _mine

            if not _mine(text, m.start()):
                continue  # someone else's feeling, told by the mentee
            word = m.group(0)
            if name == "sadness" and re.fullmatch(r"(?i)down|low|lost|empty", word) and not re.search(
                    r"\b(?:feel|felt|feeling|i'?m|i am|been|so|really)\s+(?:\w+\s+)?$", before, re.I):
                continue  # "down the line", "low priority", "lost the deal": not a feeling
            if name == "loneliness" and word.lower() in ("alone", "on my own") and not re.search(r"\b(?:feel|felt|so|all|completely|i'?m|i am)\s+$", before, re.I):
                continue  # "I work alone on it" is a fact, "I feel alone" a feeling
            intensity = 0.5 + (0.2 if _INTENSIFIER.search(before) else 0) + 0.1 * bangs + (0.2 if word.isupper() and len(word) > 2 else 0)
            about = ""
            rest = text[m.end():]
            if re.search(r"\b(?:of|with)$", word, re.I):  # "sick of doing it his way": the object follows directly
                rest = " of " + rest.lstrip()
            a = _ABOUT.match(rest)
            if a:
                about = L.strip_end(re.split(r"\s*(?:,|\bbut\b|\band i\b)", a.group("x"), maxsplit=1)[0])
            seen.add(name)
            out.append(Feeling(name=name, valence=valence, intensity=round(min(1.0, intensity), 2), text=word, about=about))
    return out


_GLAD = re.compile(r"\b(got|won|passed|love|thrilled|happy|yes|finally|amazing|best|promoted|offer)\b", re.I)


def shouted(text: str, found: list[Feeling]) -> list[Feeling]:
    """Capitals over a whole message carry feeling even without a feeling word: frustration when nothing in
    it is glad ("THEY GAVE THE JOB TO A 26 YEAR OLD"), excitement when it is ("I GOT THE JOB")."""
    from coach.spelling import shouting

    if not shouting(text) or found:
        return found
    name, valence = ("excitement", 1) if _GLAD.search(text) else ("frustration", -1)
    return [Feeling(name=name, valence=valence, intensity=0.8, text="")]


def event(text: str) -> tuple[str, str]:
    """("loss" | "good_news" | "bad_news" | "", the sentence that says it)."""
    for kind in ("loss", "bad_news", "good_news"):
        for pat in lexicon.cues("events", kind):
            m = pat.search(text)
            if m:
                sentence = next((s for s in L.sentences(text) if m.group(0) in s), m.group(0))
                if kind == "bad_news" and _OTHERS_LOSE.search(sentence[: sentence.find(m.group(0)) + len(m.group(0))]):
                    continue  # "they are keeping me … others are losing their jobs": the others' news, told beside theirs
                if kind == "loss" and _SOMEONE_ELSES.search(sentence[: sentence.find(m.group(0)) + len(m.group(0))]):
                    continue  # "Mrs Hirst who comes in every day since her husband died": her loss, told as who she is
                if kind == "loss" and _STORY_END.search(sentence):
                    continue  # "he sat on the bench every day, 9 years, until he died": a life told to its end, not news
                if kind == "loss" and _RECORDED.search(sentence):
                    continue  # "the rolls the Church kept: every person in every parish, … who moved, who died": a record's words
                return kind, sentence
    return "", ""


# jobs lost by others, not the speaker: "others are losing their jobs", "the rest of them are being let go"
_OTHERS_LOSE = re.compile(r"\b(?:others|the others|everyone else|everybody else|the rest(?: of (?:them|us|the \w+))?|(?:my |the )?colleagues|"
                          r"(?:my |the )?(?:mates|guys|girls|men|crew|team)|(?:\d+|eight|nine|ten|most|some|half) of (?:them|us))\s+"
                          r"(?:are|were|will be|is|\W?re)?\s*(?:all\s+)?(?:losing|lose|lost|being (?:laid off|let go|made redundant)|getting (?:the )?(?:package|chop|sack))\b", re.I)

# deaths as what a record holds or a job handles: "every person in every parish, whether they could read, who moved, who died"
_RECORDED = re.compile(r"\b(?:every|each|all the|whether|anyone|those|records?|rolls?|registers?|archives?|files?)\b[^.!?]{0,100}\bwho\s+(?:died|passed)\b", re.I)

# a life told to its end: "he went every day to the bench ... 9 years, until he died"
_STORY_END = re.compile(r"\b(?:until|till|til|before)\s+(?:he|she|they)\s+(?:finally\s+)?(?:died|passed(?:\s+away|\s+on)?)\b", re.I)

# a death told as part of who someone else is: "since her husband died", "whose wife passed away"
_SOMEONE_ELSES = re.compile(r"\b(?:her|his|their|whose)\s+(?:\w+\s+){0,2}(?:died|passed away|passed on|death|funeral)\b|"
                            r"\b(?:who|that)\s+(?:\w+\s+){1,8}(?:since|after|when)\s+(?:her|his|their)\s+\w+\s+(?:died|passed)|"
                            # "who cannot work the week after a funeral": a funeral in who someone is, not news of a death
                            r"\b(?:who|whose|whoever|anyone|someone|people)\s+(?:\w+\s+){0,8}?(?:after|before|since|around)\s+(?:a|the)\s+funeral\b", re.I)
