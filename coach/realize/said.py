"""What every hearing-shaped reply needs: the mentee's words made ready for the coach's mouth (pronouns
swapped, a holder named with its possessive), and whether a phrase is short enough to say back."""

from __future__ import annotations

import re

from coach import language as L

Parts = list[str | None]

_POSSESSIVE = {"he": "his", "she": "her", "they": "their", "everyone": "everyone's", "everybody": "everybody's",
               "people": "people's", "i": "my", "we": "our"}
ADJECTIVE = {"burnout": "burnt out", "anxiety": "anxious", "grief": "grieving", "fear": "afraid", "guilt": "guilty",
              "relief": "relieved", "pride": "proud", "rage": "angry", "dread": "full of dread", "boring": "bored",
              "exciting": "excited", "frustrating": "frustrated", "worry": "worried", "burned out": "burnt out"}
TIME_TAIL = re.compile(r"\s+(?:ever since|since then|since|lately|recently|these days|now|anymore|any more)\s*$", re.I)


_LOWER_LEAD = re.compile(r"^(Your|Yours|You|The|A|An|This|That|These|Those|Some|All|Everyone|Everybody|People|Being|Having)\b")


def swap(x: str) -> str:
    """The mentee's words for the coach's mouth: pronouns swapped, end trimmed, "My dad" -> "your dad",
    "Money" -> "money" (a common word capitalized only because it began their sentence)."""
    out = L.strip_end(L.swap_pronouns(x.strip()))
    out = _LOWER_LEAD.sub(lambda m: m.group(1).lower(), out)
    first = out.split(" ", 1)[0] if out else ""
    second = out.split(" ", 2)[1] if len(out.split(" ", 2)) > 1 else ""
    if first[:1].isupper() and first[1:].islower() and _common(first.lower()) and not (
            first.lower().rstrip(".") in ("mr", "mrs", "ms", "miss", "dr", "st", "saint", "uncle", "auntie", "aunt", "nan") and second[:1].isupper()):
        out = first.lower() + out[len(first):]
    return out


def common_word(word: str) -> bool:
    """A common lower-case English word ("being", "always"), not a name."""
    return _common(word)


def _common(word: str) -> bool:
    from coach import spelling

    checker = spelling.load()
    return bool(checker) and word in checker and word not in ("i",)


def possessive(holder: str) -> str:
    h = holder_phrase(holder)  # "mum" (no article, as typed) -> "your mum's"
    low = h.lower()
    if low in _POSSESSIVE:
        return _POSSESSIVE[low]
    return h + ("'" if h.endswith("s") and not re.fullmatch(r"[A-Z][a-z]+", h) else "'s")


_STOP = frozenset("a an the to of in on at for and or but is are be it that this with my your i you me so it's that's "
                  "there's what how do does did was were have has had just really very about there like sounds sound "
                  "seems get got make made feel feels felt think know want need going way much lot".split())


def carries_content(line: str, said: str) -> bool:
    """Whether a line plays back any content word of what was said (a line without one fits any message)."""
    words = {w[:5] for w in re.findall(r"[a-z']+", said.lower()) if w not in _STOP and len(w) > 2}
    return any(w[:5] in words for w in re.findall(r"[a-z']+", line.lower()) if w not in _STOP and len(w) > 2)


def fits(x: str, most: int = 14) -> bool:
    return bool(x) and 1 <= len(x.split()) <= most


def noun_phrase(x: str) -> str:
    """A condition as a noun phrase: "you had a year off" -> "a year off"; otherwise as it is."""
    m = re.match(r"^(?:you|i)\s+(?:had|won|got|were given|could take)\s+(?P<np>.+)$", x, re.I)
    return m.group("np") if m else x


BARE_KIN = re.compile(r"(?:manager|boss|supervisor|lead|mum|mom|dad|mother|father|wife|husband|partner|girlfriend|"
                       r"boyfriend|sister|brother|mentor|director|team ?lead|teacher|family|parents|colleagues?)", re.I)


def holder_phrase(holder: str) -> str:
    """ "Manager want me to…" (a learner's English, no article) -> "your manager"; a name stays as it is."""
    if re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?", holder.strip()) and not BARE_KIN.fullmatch(holder.strip().split()[-1].lower()) \
            and not BARE_KIN.fullmatch(holder.strip().lower()):
        return holder.strip()  # "Jo", "Rev Jo": a name, never lower-cased as if it were a word
    h = swap(holder)
    return "your " + h.lower() if BARE_KIN.fullmatch(h) or re.fullmatch(r"(?:bank|line|store|shop|team|area|regional|site|practice|ward)\s+" + BARE_KIN.pattern, h, re.I) else h
