"""What it isn't, and what it is instead: one reflection that keeps both halves of a denial.

People often say what something is by first saying what it isn't, and the second half is the point:

    "No, I'm not angry he sold. It's his business. I'm angry he told me at the same time as the whole staff."
        -> "So you're not angry he sold — you're angry he told you at the same time as the whole staff."
    "It's not about losing the job, I could do restorations. It's that the last bit of a tuning, when the
     unisons lock…"  -> "So it isn't about losing the job — it's that the last bit of a tuning, when the unisons lock…"
    "Not that warehouse is bad work. People there good. Is only that is not mine."
        -> "So it's not that the warehouse is bad work — it's only that it's not yours."

A blind read found the first half said alone ("Losing the job isn't the point for you. There's something
else underneath it.") or the second lost ("So everyone wants to win."): the negation heard, the point
missed. Here the message is read as clauses: the first denial whose holder is the mentee (or "it"), then,
among the clauses after it, what they put in its place — first one that says so ("it's that…", "just…",
"but…", "is only that…"), then the same state said positively ("I'm angry he told me…"), then the first
plain "I …" clause that is more than the denial turned round ("not design, i love design" restates; "i hate
design for people who dont care" is the point). Clauses that give the denial's reason ("It's his business,
he can sell it", "I could do restorations") carry no such mark and are passed over.

Form only, words of theirs only (pronouns swapped); a half that fails the garbled check (wellformed.py)
gives no contrast, and the realizer goes on to its other reflections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach import language as L
from coach.realize.lines import Picker
from coach.realize.said import Parts, swap
from coach.realize.wellformed import garbled

_LEAD = r"^\W*(?:(?:no|nah|nope|sorry|ok|okay|well|wait|no wait|honestly|tbh|and|so|like|look|but)\b[,.!]?\s+)*"

# "I'm not angry he sold", "im not burnt out", "I'm not saying I'm a carer"
_STATE = re.compile(_LEAD + r"(?:i'?m|im|i\s+am|i\s+was)\s+not\s+(?P<x>(?!(?:sure|certain|ok|okay|fine|good|great|that|so|very|"
                    r"really|asking|going|gonna|here|a fan|the type|kidding|joking|lying|trying to be (?:difficult|funny))\b)\S.*)$", re.I)
# "it's not (about) the money", "its not that I never wanted to win", "it isn't the hours", "not that warehouse is bad"
_THING = re.compile(_LEAD + r"(?:(?:it'?s|its|it\s+is|it\s+was|this\s+is|that'?s|thats)\s+not|it\s+isn'?t|it\s+wasn'?t|this\s+isn'?t|"
                    r"not)\s+(?P<about>about\s+|that\s+|because\s+)?(?P<x>\S.*)$", re.I)
# words after "it's not" that make a statement about how things are, not a denial of a reason ("it's not fair")
_PREDICATE = re.compile(r"^(?:fair|easy|ideal|great|good|bad|nice|working|right|ok|okay|fine|enough|true|possible|"
                        r"realistic|worth it|my fault|your fault|a big deal|personal|me|it|that|the point|so bad|"
                        r"like that|quite|really|even|just|only|all|always|much|very|sure|clear|as simple|"
                        r"nothing|anything|everything|going to lie|gonna lie|to lie|kidding|joking|gonna|going to|what (?:i|you) (?:meant|mean|said|say|was saying|wanted)|what (?:i|you) meant by that)\W*$", re.I)

# the clause that says what it is instead
_MARKED = [
    re.compile(r"^\W*(?:no,?\s+)?i\s+mean\s+(?!(?:it|that|i|like|yeah|no)\b)(?P<y>\S.*)$", re.I),
    re.compile(r"^\W*(?:but\s+)?(?:it'?s|its|it\s+is|is)\s+(?P<how>only\s+|just\s+|more\s+|really\s+)?that\s+(?P<y>\S.*)$", re.I),
    re.compile(r"^\W*(?:but\s+)?(?:it'?s|its|it\s+is)\s+(?P<how>only\s+|just\s+|more\s+|really\s+)?(?P<y>(?:the|my|about|how|when|"
               r"what|who|being|having|knowing|seeing|doing|getting|making)\b.+)$", re.I),
    re.compile(r"^\W*(?:but\s+)?(?P<who>i\s+|i'?m\s+|im\s+|i\s+am\s+)?just\s+(?P<y>\S.*)$", re.I),
    re.compile(r"^\W*but\s+(?P<y>\S.*)$", re.I),
]
_FIRST = re.compile(r"^\W*(?:and\s+)?(?:i|i'?m|im|i\s+am)\s+(?!(?:mean|guess|think|suppose|dunno|don'?t\s+know|dont\s+know|could|"
                    r"would|wouldn'?t|couldn'?t|can|might|should|will|wonder|know|said|say|just|fine|ok|okay|good|alright|sure|keep saying|"
                    r"keep telling|told you|promise|swear|"
                    r"(?:want to|wanna|'?ll|am|'?m) be (?:clear|honest|straight|upfront|frank|blunt))\b)(?P<y>\w.*)$", re.I)
_STATE_YES = re.compile(r"^\W*(?:but\s+)?(?:i'?m|im|i\s+am)\s+(?!not\b)(?P<y>\S.*)$", re.I)

# a clause that only weighs or shrugs ("well a bit", "weird huh", "ha")
_SHRUG = re.compile(r"^\W*(?:well|ok|okay|maybe|i mean|a bit|a little|partly|weird|lol|ha+|haha|huh|idk|anyway|either way|"
                    r"before you (?:ask|say)|if that makes sense|you know)\b.{0,14}$", re.I)

_SPLIT = re.compile(r"\s*(?:[.!?;]+|\s(?=(?:it'?s|its)\s+(?:only\s+|just\s+|more\s+)?that\s)|,\s*(?=(?:i'?m|im|i\s+am|it'?s|its|it\s+is)\s+not\b)|\s[—–]\s|,\s*(?=but\b|just\b|i\s+just\b|it'?s\s+that\b|its\s+that\b)|,?\s+(?=but\s)|"
                    r"\s(?=just\s+(?:it'?s|its|that|i|i'?m)\s))\s*", re.I)

_CONTENT = re.compile(r"[a-z']{3,}")
_LIGHT = frozenset("the and but that this its it's not about really just love like enjoy don't dont do does very much "
                   "actually even still all you your i'm have has had haven't hasn't hadn't did didn't was wasn't are aren't "
                   "isn't can can't cant won't will would could".split())

_MOST_X, _MOST_Y = 12, 20


@dataclass(frozen=True, slots=True)
class Contrast:
    form: str  # "state" (you're not X), "saying" (you're not saying X), "that" (it's not that X), "thing" (it isn't
    # X), "do" ("it's not that I don't love the farm" -> you do love the farm)
    x: str  # the denied half, in the coach's mouth ("angry he sold", "the money")
    y: str  # what it is instead, as a clause ("you're angry he told you…", "it's that the last bit…")


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _SPLIT.split(L.strip_end(text)) if c and c.strip()]


def _words(s: str) -> set[str]:
    return {w for w in _CONTENT.findall(s.lower()) if w not in _LIGHT}


def _trim(y: str) -> str:
    """At most _MOST_Y words, cut where a clause ends (after a comma or a dash) rather than mid-phrase."""
    words = y.split()
    if len(words) <= _MOST_Y:
        return y
    head = " ".join(words[:_MOST_Y])
    cut = max(head.rfind(","), head.rfind(" — "), head.rfind(" - "), head.rfind(" and "), head.rfind(" but "))
    return head[:cut].rstrip(" ,—-") if cut > len(head) // 3 else ""


# "It's not the money. Well it's partly the money": it counts, just not alone (heard.denied says that)
_HEDGED = re.compile(r"\b(?:partly|part of it|a bit|a little|not only|or not only|not mainly|not just|not entirely|not all about|"
                     r"not solely|not primarily)\b", re.I)
# what trails a denied thing without being part of it ("the height or the view either, before you say that")
_X_TAIL = re.compile(r"(?:\s+(?:though|tho|either|really|honestly|tbh|at all|anymore|any more|anyway|exactly|mind|btw|lol|"
                     r"or nothing|or anything|or whatever|or something|before you (?:ask|say|think)(?: (?:it|that|so))?))+$", re.I)
# a new clause run on after the denied thing ("the money we're alright the pension's sorted")
_RUN_ON = re.compile(r"\s+(?=(?:honestly|tbh|i|i'?m|im|we|we'?re|were|they|they'?re|he|he'?s|she|she'?s|it'?s|its|it|there'?s|"
                     r"this|that'?s|mortgage'?s)\s)", re.I)


def find(text: str) -> Contrast | None:
    """The first denial of theirs and what they put in its place, or None (see the module doc)."""
    if _HEDGED.search(text):
        return None
    clauses = _clauses(text)
    for i, c in enumerate(clauses):
        form, about, raw = _denial(c)
        if not form:
            continue
        raw, *rest = [p.strip() for p in raw.split(",") if p.strip()] or [raw]  # "I'm not burnt out, I like the job"
        raw = _X_TAIL.sub("", raw).strip()
        if form != "state" and _PREDICATE.match(raw):
            continue  # "thats not what i meant": the next clause may say what was
        if form == "thing":
            raw, *more = _RUN_ON.split(raw, maxsplit=1)  # "the money we're alright the pension's sorted it's that…"
            rest = more + rest
            if not _thing_like(raw):
                continue  # "not unheard of here", "not common either": how things are, not a thing denied
            if re.match(r"^(?:looking|trying|asking|saying|going|planning|wanting|hoping)\b", raw, re.I):
                form = "state"  # "not looking for a pep talk": their "I'm" dropped
        if (not raw or len(raw.split()) > _MOST_X or form != "state" and _PREDICATE.match(raw)
                or form == "state" and re.match(r"^against\b", raw, re.I)):
            continue  # ("I'm not against the cloud. It's the right call": agreement, not a contrast)
        x = re.sub(r"\bYOU(R?)\b", lambda k: "you" + k.group(1).lower(), swap(raw))  # ("for ME" is theirs to stress)
        y = _instead(form, x, rest + clauses[i + 1:i + 5])
        if not y:
            return None
        if len(re.findall(r"\b(?:not|never|no|dont|didnt|doesnt|cant|wont|isnt|wasnt)\b|n't\b", x, re.I)) >= 2:
            return None  # "its not that i dont not like it": three negatives; any one-line version of it gets it wrong
        if form == "that" and re.match(r"^you (?:don'?t|dont|do not|didn'?t|did not) \w", x, re.I):
            # "its not that i dont love the farm. i do.": the double negative said the way they meant it
            form, x = "do", re.sub(r"^you (?:don'?t|dont|do not)", "you do", re.sub(r"^you (?:didn'?t|did not)", "you did", x, flags=re.I), flags=re.I)
        return Contrast(form, f"about {x}" if about == "about" else x, y)
    return None


def _thing_like(x: str) -> bool:
    """Whether a denied x names a thing (a noun, a gerund, "about…"), by the parser; without one, yes."""
    from coach.analyze.parse import parse

    if re.match(r"^(?:about|the|my|a|an|his|her|their|our|this|that)\b", x, re.I):
        return True
    doc = parse(x)
    if doc is None or not len(doc):
        return True
    return doc[0].pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM") or doc[0].tag_ == "VBG"


def _denial(clause: str) -> tuple[str, str, str]:
    """(form, "about" or "", the denied words as they typed them) of a clause, or ("", "", "")."""
    m = _STATE.match(clause)
    if m:
        x = m.group("x")
        if re.match(r"saying\s+(?:that\s+)?", x, re.I):
            return "saying", "", re.sub(r"^saying\s+(?:that\s+)?", "", x, flags=re.I)
        return "state", "", x
    m = _THING.match(clause)
    if m is None or clause.rstrip().endswith("?"):
        return "", "", ""
    x = m.group("x").strip()
    about = (m.group("about") or "").strip().lower()
    if about == "that":
        x = re.sub(r"^(\w+)\s+(is|was)\b", lambda k: k.group(0) if k.group(1).lower() in ("i", "it", "he", "she", "this", "that", "my")
                   else f"the {k.group(1)} {k.group(2)}", x, count=1)  # "Not that warehouse is bad work" (an article dropped)
        return "that", "", x
    if about == "because":
        return "", "", ""
    return "thing", about, x


def _instead(form: str, x: str, after: list[str]) -> str:
    denied = _words(x)
    usable = [c for c in after if not c.endswith("?") and not _SHRUG.match(c) and len(c.split()) >= 2
              and not _NOT_IT.match(c)]
    for k, pat in enumerate(_MARKED):
        for c in usable:
            m = pat.match(c)
            if m is None or len(m.group("y").split()) < 2 and k != 0:
                continue
            y = m.group("y")
            if k == 0:  # "I mean respect": a thing is "it's respect", a clause is said as theirs
                y = y if re.match(r"^(?:i|i'?m|im|we|they|he|she|it'?s|its|there)\b", y, re.I) else f"it's {y}"
            elif k == 1:
                how = (m.group("how") or "").strip().lower()
                y = re.sub(r"^(is|was)\b", r"it \1", y, flags=re.I)  # "Is only that is not mine": its "it" dropped
                y = f"it's {how + ' ' if how and how != 'really' else ''}that {y}"
            elif k == 2:
                y = f"it's {y}"
            elif k == 3:
                who = (m.group("who") or "").strip()
                at = usable.index(c)
                before = usable[at - 1] if at else ""
                if (who and before and _FIRST.match(before) and len(before.split()) <= 8 and not _MARKED[3].match(before)
                        and _new_words(before, denied) >= 1):
                    # "I'm not saying I want to quit. I want to go back. I just don't want to pretend…": both
                    out = _said(f"{before}; {who} just {y}")
                    if out:
                        return out
                y = f"{who} {y}" if who else _subject(y)  # "I just hate…" keeps its "I"; "just needed to say it" gets one
            out = _said(y)
            if out and not _NOT_IT.match(out):
                return out
    if form in ("state", "saying"):
        head = x.split()[0].lower() if x.split() else ""
        for c in usable:
            m = _STATE_YES.match(c)
            if m and m.group("y").split()[0].lower() == head:
                return _said("I'm " + m.group("y"))
    for c in usable:
        m = _FIRST.match(c)
        if m and _new_words(c, denied) >= 2:
            return _said(c)  # more than the denial turned round ("not design, i love design" restates)
    return ""


# a clause that only points back at the denial ("this is not the point", "thats not it")
_NOT_IT = re.compile(r"^\W*(?:but\s+)?(?:this|that|it)(?:'?s|\s+is|\s+was)?\s+not\b|^\W*(?:but\s+)?not\b", re.I)
_INTENSE = frozenset("love like enjoy hate crazy mad much lot lots really truly so totally actually definitely still".split())
_BARE_VERB = re.compile(r"^(?:want|wanted|need|needed|like|liked|love|loved|hate|hated|think|thought|feel|felt|miss|missed|wish|"
                        r"care|cared|mean|meant|do|did|enjoy|enjoyed|prefer|preferred)\b", re.I)


def _new_words(clause: str, denied: set[str]) -> int:
    """Content words of `clause` beyond the denial's ("I haven't", "i love design" after "not design": none)."""
    return len({w for w in _words(clause) - denied if not w.startswith(tuple(denied))} - _INTENSE)


def _subject(y: str) -> str:
    """ "just needed to say it out loud": their dropped "I" put back before a bare verb."""
    return f"I {y}" if _BARE_VERB.match(y) else y


def _said(y: str) -> str:
    if re.search(r"\b(?:you'?re thinking|you think|before you|you might think|you'?d think)\b", y, re.I):
        return ""  # "…if that's what you're thinking": said to the coach (read before the pronouns turn round)
    out = _trim(swap(y))
    out = L.lower_first(out)
    why = garbled(out, "y") if out else "empty"
    if why and why != "nothing of theirs":  # ("it's only that it is not yours" has x beside it to carry the content)
        return ""
    # ("any result you could get": never a "you could" in the coach's mouth, where it reads as an option offered)
    return "" if re.search(r"\byou (?:should|need to|must|could|ought to|might want to)\b", out, re.I) else out


def reflect(text: str, pick: Picker, *, ask: bool = True) -> Parts | None:
    """The contrast said back, both halves, or None."""
    c = find(text)
    if c is None or garbled(c.x, "x"):
        return None
    line = pick.line("heard.contrast", c.form, x=c.x, instead=c.y)
    if line is None:
        return None
    leaving = re.search(r"\b(?:thanks|thank you|cheers|ty|bye|gotta go|got to go)\b", text, re.I)
    return [line, pick.question("heard.contrast") if ask and not leaving else None]
