"""Thinking aloud, heard as such: the shapes a message takes that a plain restatement would get wrong.

"I don't know" beside what they do know; a bind ("I'm not going to apply. … I need the job"); a trade ("I'd
take less money to…"); then and now; irony ("Living the dream."); a bracket that takes it back; a correction
of the sentence before ("I don't hate my job. I just don't love it anymore"); an event and what it did; a
double negative kept the right way up. Each shape needs its own words to be there, and fills a voice.toml
[reflect] frame with the mentee's words, pronouns swapped. `shaped()` tries them in order.
"""

from __future__ import annotations

import re

from coach import language as L
from coach.analyze.irony import IRONY as _IRONY
from coach.analyze.irony import PRAISE_QUOTED, ironic
from coach.realize.compress import core
from coach.realize.conceded import conceded_feeling as _conceded_feeling
from coach.realize.conceded import not_fine as _not_fine
from coach.realize.cues import FILLER as _FILLER
from coach.realize.cues import FIRST_PERSON as _FIRST_PERSON
from coach.realize.cues import TO_COACH as _TO_COACH
from coach.realize.cues import WH_START as _WH_START
from coach.realize.cues import WHY_POINTER as _WHY_POINTER
from coach.realize.lines import Picker
from coach.realize.said import fits
from coach.types import Analysis

_MAYBES = re.compile(r"(?:^|[.!?]\s+)\W*(?:maybe|perhaps|possibly)\s+(?P<x>[^.!?]{2,40})[.!?]\s+(?:or\s+)?(?:maybe|perhaps|possibly)\s+(?P<y>[^.!?]{2,40})", re.I)


def _options(a: Analysis, pick: Picker) -> str | None:
    """ "Maybe HR. Maybe a smaller company. I don't know yet." -> both held open, not one quoted."""
    m = _MAYBES.search(a.text)
    if not m:
        return None
    return pick.line("reflect", "options", x=L.strip_end(L.swap_pronouns(m.group("x"))), y=L.strip_end(L.swap_pronouns(m.group("y"))))


_ONLY_UNSURE = re.compile(r"^\W*(?:but\s+|and\s+|so\s+)?(?:i\s+)?(?:just\s+|really\s+|honestly\s+)?(?:don'?t|do not|dont)\s+know"
                          r"(?P<more>\s+(?:anymore|any more))?(?:\s+(?:yet|really|tbh|honestly))?\W*$|^\W*(?:i\s+)?(?:idk|dunno|no idea|"
                          r"not sure|i'?m not sure(?: anymore)?)\W*$|^\W*(?:but\s+|and\s+|so\s+)?(?:i\s+)?(?:just\s+|honestly\s+)?(?:don'?t|do not|dont)\s+(?:even\s+|really\s+)?"
                          r"know where to (?:start|begin)\W*$|^\W*(?:i\s+)?(?:have\s+)?no idea where to (?:start|begin)\W*$", re.I)
_TENTATIVE = re.compile(r"^\W*(?:(?:but|and|so|or)\s+)?(?:maybe\s+)?(?P<x>.+?)(?:,?\s+maybe)?\W*$", re.I)


_TAKEN_BACK = re.compile(r"^\W*(?:wait|no wait|hang on|actually|hmm+|well)\W*(?:no|nah|nope)?\b[,.\s]*(?:i|it|that)\s+(?:wouldn'?t|don'?t|do|would|isn'?t|is|won'?t|didn'?t|did)\b[^.!?]{0,20}[.!]?\s*$", re.I)


def unsure_with(a: Analysis, pick: Picker) -> str | None:
    """ "I think I'm good. I just don't know anymore." -> what they said, held with the doubt they added:
    "You think you're good — and now you're not so sure." "I don't know" beside content is never answered
    with a line that would fit anyone; a thought on each side of it is a bind ("you're not going to apply —
    and at the same time, you need the job")."""
    if _MAYBES.search(a.text):
        return None  # "Maybe HR. Maybe a smaller company. I don't know yet.": the options, both held open
    sents = [x for x in L.sentences(a.text) if not _FILLER.match(x) and not _TO_COACH.match(x)]
    back = next((k for k in range(1, len(sents)) if _TAKEN_BACK.match(sents[k])), None)
    if back is not None:
        # "Which is weird because I'd hate teaching. Wait no I wouldn't. I don't know.": a thought taken back is
        # held both ways, never parroted with its "wait no"
        first = re.sub(r"^\W*(?:which|that)(?:'s|\s+is)\s+(?:weird|funny|strange|odd)\s+(?:because|cos|cause|since)\s+", "",
                       sents[back - 1].strip(), flags=re.I)
        first = L.lower_first(L.swap_pronouns(L.strip_end(re.sub(r"^\W*(?:but|and|so|well)[, ]+", "", first, flags=re.I))))
        if 2 <= len(first.split()) <= 14:
            return pick.line("reflect", "taken_back", content=first)
    lead = re.match(r"^(?P<u>[^,;]{3,40})[,;]\s+(?P<rest>.{6,})$", sents[0]) if sents else None
    if lead and _ONLY_UNSURE.match(lead.group("u")):  # "I dont know anymore, I used to love this job"
        sents[:1] = [lead.group("u"), lead.group("rest")]
    at = next((i for i, x in enumerate(sents) if _ONLY_UNSURE.match(x)), None)
    if at is None or len(sents) < 2:
        return None
    anymore = bool(re.search(r"\bany ?more\b", sents[at], re.I))

    def said(x: str) -> str:
        x = re.sub(r"^\W*(?:but|and|so|well)[, ]+", "", x.strip(), flags=re.I)
        if x.rstrip().endswith("?"):  # "three more years of school at 34?" said as a doubt, not asked of anyone
            if _WH_START.match(x) or re.match(r"^\W*(?:is|are|am|do|does|did|can|could|should|would|will|have|has)\b", x, re.I):
                return ""
            t = _TENTATIVE.match(x.rstrip("?"))
            x = t.group("x") if t else x.rstrip("?")
        clause = L.strip_end(x)  # "I think I'm good" keeps its "I think": the doubt is the point
        return L.lower_first(L.swap_pronouns(clause)) if 1 <= len(clause.split()) <= 18 else ""

    sents = [x for x in sents if not re.fullmatch(r"\W*(?:or|and|but)?\s*(?:maybe|perhaps)?\s*not\W*", x, re.I)]  # "or maybe not."
    at = next((i for i, x in enumerate(sents) if _ONLY_UNSURE.match(x)), 0)
    before = [said(x) for x in sents[:at]]
    after = [said(x) for x in sents[at + 1:]]
    before, after = [x for x in before if x][-2:], [x for x in after if x][:1]
    if not before and not (after and anymore):
        return None  # "I don't know. Everything feels pointless": the doubt is about everything, not one thing
    if before and after and _FIRST_PERSON.search(" ".join(sents[:at])):
        return pick.line("reflect", "bind", left=before[-1], right=after[0])
    content = ", ".join(before or after)
    if re.search(r"\bmaybe\b", " ".join(sents[:at] or sents[at + 1:]), re.I) and not _FIRST_PERSON.search(" ".join(sents[:at] or sents[at + 1:])):
        return pick.line("reflect", "unsure_about", content=content)  # "Solutions engineering, maybe"
    if re.search(r"\bwhere to (?:start|begin)\b", sents[at], re.I):
        return pick.line("reflect", "unsure_start", content=content)  # "…trying to go back to work. I don't even know where to start."
    return pick.line("reflect", "unsure_anymore" if anymore else "unsure_with", content=content)


_LEAD_IN = re.compile(r"^\W*(?:ok(?:ay)?,?\s+)?(?:two|2|three|a couple of|a few|some)\s+(?:things|questions|bits)\b[^:]{0,25}:\s*(?P<x>.{8,})$", re.I)
_ONLY_THAT = re.compile(r"^\W*(?:it'?s\s+(?:just|only)\s+that|the\s+thing\s+is,?|only|except)\s+(?P<x>.{6,})$", re.I)
_NOTICED = re.compile(r"\b(?:(?:the\s+)?opposite\s+of|contradict\w*|not\s+what\s+i\s+said|goes\s+against|different\s+from|doesn'?t\s+fit\s+with)\b"
                      r"[^.!?]{0,40}\b(?:i\s+said|i\s+told\s+you|i\s+started|myself|the\s+start|earlier|before)\b|\bi'?m\s+contradicting\s+myself\b", re.I)
_MAYBE_ITS = re.compile(r"^\W*(?:so\s+)?maybe\s+(?:it'?s|it\s+is|that'?s)\s+(?:that|because|just\s+that)\s+(?P<x>.{6,})$", re.I)


_VERDICT_ON_IT = re.compile(r"^\W*(?:and\s+|but\s+)?(?:that|this|it)\s+(?P<rest>(?:almost\s+|actually\s+|just\s+|really\s+|somehow\s+|only\s+)?"
                            r"(?:made|makes)\s+(?:it|me|things|everything)\s+(?:\w+\s+)?(?:worse|better|harder|easier|sad|sick|angry|furious|cry)"
                            r"|(?:almost\s+|really\s+|actually\s+)?(?:hurt|hurts|stung|stings|killed me|broke me|got to me|gets to me)"
                            r"(?:\s+(?:more than i (?:thought|expected|'d like to admit)|a bit|a lot|more than it should))?)\W*$", re.I)


_NOBODY_SEES = re.compile(r"^\W*(?:and\s+|but\s+)?(?:nobody|no one|noone|no-one)\s+(?:ever\s+|even\s+|really\s+)?(?:counts|sees|notices|cares about|values|"
                     r"remembers|mentions|thanks (?:me|you) for|knows about)\s+(?:that|it|this|any of (?:that|it))\W*$", re.I)


_THATS_WHAT_I = re.compile(r"^\W*(?:and\s+|yeah,?\s+)?(?:that|this)(?:'s|’s| is)\s+(?:literally\s+|exactly\s+|basically\s+|just\s+|actually\s+)?"
                           r"(?P<what>what i (?:do|did|love|want|care about|am good at|'m good at|live for))\b(?P<rest>[^.!?]{0,70})[.!?]*$", re.I)


def _thats_what_i(a: Analysis, pick: Picker) -> str | None:
    """ "The simplify complex information bit. That's literally what I do all day for people ringing up in
    tears.": the pointer resolved — what "that" is, and what they said of it."""
    sents = L.sentences(a.text)
    for k in range(1, len(sents)):
        m = _THATS_WHAT_I.match(sents[k])
        prev = L.strip_end(sents[k - 1])
        if m and 2 <= len(prev.split()) <= 12 and not prev.endswith("?"):
            said = L.swap_pronouns(m.group("what") + m.group("rest")).strip()
            return pick.line("reflect", "thats_what", clause=L.lower_first(L.swap_pronouns(prev)), said=said)
    return None


_NOT_X_ITS_Y = re.compile(r"^\W*(?:honestly,?\s+|tbh,?\s+|and\s+|but\s+)?i\s+(?:don'?t|do not|dont)\s+(?:even\s+|really\s+|actually\s+)?"
                          r"(?P<v>hate|mind|like|love|care about|want|miss)\s+(?P<x>[^.,;!?]{2,30}?)[,;]?\s+(?:it'?s|its|it is)\s+(?P<y>[^.!?]{2,40}?)\W*$", re.I)


def _not_x_its_y(a: Analysis, pick: Picker) -> str | None:
    """ "i dont even hate the customers its the stats": the thing it isn't, and the thing it is."""
    for sent in L.sentences(a.text):
        m = _NOT_X_ITS_Y.match(sent.strip())
        if m:
            return pick.line("reflect", "not_x_its_y", x=L.swap_pronouns(m.group("x")), v=m.group("v").lower(),
                             y=L.swap_pronouns(L.strip_end(m.group("y"))))
    return None


_NOT_IS = re.compile(r"(?:^|[.!?]\s+)\W*(?:but\s+|and\s+|honestly,?\s+)?(?:that'?s|thats|that is|it'?s|its|it is|this is)\s+(?:not|no)\s+(?!that\b|about\b|because\b|just\b|only\b|even\b|really\b|the point\b)"
                     r"(?P<x>[^.!?,;]{2,30}?)\s*[.,;!—–-]*\s+(?:that'?s|thats|that is|it'?s|its|it is|this is)\s+(?:just\s+|more\s+|really\s+|basically\s+)?(?!not\b|no\b)"
                     r"(?P<y>[^.!?,;]{2,30}?)\s*(?:[.!?]|$)", re.I)


def _not_is(a: Analysis, pick: Picker) -> str | None:
    """ "That's not reporting. That's typing.", "its not a career its a treadmill": what it is, and what it
    isn't, said the way round they put it."""
    m = _NOT_IS.search(a.text)
    if m is None:
        return None
    x, y = L.swap_pronouns(L.strip_end(m.group("x"))), L.swap_pronouns(L.strip_end(m.group("y")))
    return pick.line("reflect", "not_is", x=x, y=y)


_RATHER = re.compile(r"^\W*(?:honestly,?\s+|but\s+|and\s+)?i(?:'d|’d| would|d)\s+(?:much\s+|honestly\s+)?rather\s+(?P<x>[^.!?]+?)\s+than\s+(?P<y>[^.!?]+?)\W*$", re.I)


def _rather(a: Analysis, pick: Picker) -> str | None:
    """ "i'd rather be skint and see her than flush and not": the choice in their own shape (a value phrase cut
    from it would read "being skint and see her")."""
    sents = L.sentences(a.text)
    for k, sent in enumerate(sents):
        m = _RATHER.match(sent.strip())
        if m and k + 1 < len(sents) and _BUT_START.match(sents[k + 1]):
            return None  # "…than flush and not. but i cant be skint.": the bind, both sides (_but_then)
        if m and 1 <= len(m.group("x").split()) <= 10 and 1 <= len(m.group("y").split()) <= 8:
            return pick.line("heard.compare", "rather", x=L.swap_pronouns(m.group("x")), y=L.swap_pronouns(m.group("y")))
    return None


_I_FEEL_IT = re.compile(r"^\W*(?:and\s+|but\s+|honestly,?\s+)?i(?:'?m| am)\s+(?:so\s+|really\s+|just\s+|honestly\s+|absolutely\s+|pretty\s+|kind of\s+)?"
                        r"(?P<f>terrified|scared|nervous|anxious|excited|exhausted|gutted|devastated|furious|relieved|proud|worried|dreading it|"
                        r"shattered|heartbroken|buzzing|thrilled|numb|lost|overwhelmed|petrified|bricking it)(?:\s+(?:honestly|tbh|lol|haha))?\W*$", re.I)


def _and_feeling(a: Analysis, pick: Picker) -> str | None:
    """ "I go back to work on Monday after 18 months off with long covid. Part time, phased return. I'm terrified
    honestly.": what is happening, and the feeling it brings — never the feeling alone ("you're terrified")."""
    sents = [x for x in L.sentences(a.text) if not _FILLER.match(x)]
    if len(sents) < 2:
        return None
    m = _I_FEEL_IT.match(sents[-1].strip())
    if not m:
        return None
    what = next((L.strip_end(x) for x in reversed(sents[:-1]) if _FIRST_PERSON.search(x) and 3 <= len(x.split()) <= 18
                 and not x.rstrip().endswith("?")), "")
    if not what:
        return None
    return pick.line("reflect", "and_feeling", clause=L.lower_first(L.swap_pronouns(what)), f=m.group("f").lower())


def _pointer(a: Analysis, pick: Picker) -> str | None:
    """ "I love research. It's why I went into this." / "…and then isn't. That's my whole career in one sentence.":
    what the pointer points at, and what they said of it — the second sentence means nothing alone."""
    sents = L.sentences(a.text)
    for k in range(len(sents) - 1, 0, -1):
        if not _WHY_POINTER.match(sents[k]):
            continue
        j = k - 1
        while j > 0 and re.fullmatch(r"\W*(?:that'?s|thats|that\s+is|this\s+is|it'?s)\s+(?:it|the\s+thing|all)\W*", sents[j], re.I):
            j -= 1  # "…whoever isn't in the room. That's it. That's the whole thing.": past the first pointer to what both point at
        prev = L.strip_end(L.trim_hedges(sents[j]))
        if len(prev.split()) > 12:
            short = L.strip_end(core(prev))  # its heart, not all of it again, unless the pruning took half of it
            prev = short if len(short.split()) >= 0.6 * len(prev.split()) or len(prev.split()) > 18 else prev
        said = L.strip_end(re.sub(r"^\W*(?:and|but|yeah,?)\s+", "", sents[k].strip(), flags=re.I))
        if 2 <= len(prev.split()) <= 18 and not prev.endswith("?") and len(said.split()) <= 12:
            return pick.line("reflect", "pointer", clause=L.lower_first(L.swap_pronouns(prev)), said=L.lower_first(L.swap_pronouns(said)))
    return None


_POINTS_AHEAD = re.compile(r"^\W*(?:and\s+|but\s+|yeah,?\s+)?(?:that'?s|thats|this is|here'?s|heres)\s+(?:the|what)\s*(?:bit|part|thing|one thing)?\s+"
                           r"(?:that\s+)?i(?P<aux>'d|’d|d|'ll|’ll|ll| would| will)?\s+(?P<v>miss|love|like|need|want|hate|care about)\W*$", re.I)


def _pointer_ahead(a: Analysis, pick: Picker) -> str | None:
    """ "that's the bit I'd miss. being the one who's there.": the pointer points at what comes after it, so the
    two are said as one ("So being the one who's there — that's the part you'd miss"), never "that's the bit you'd
    miss being the one…"."""
    sents = L.sentences(a.text)
    for k in range(len(sents) - 1):
        m = _POINTS_AHEAD.match(sents[k])
        nxt = L.strip_end(sents[k + 1].strip())
        if not m or not 1 <= len(nxt.split()) <= 12 or nxt.endswith("?") or _FIRST_PERSON_FINITE.search(nxt):
            continue
        aux = {"'d": "'d", "’d": "'d", "d": "'d", " would": "'d", "'ll": "'ll", "’ll": "'ll", "ll": "'ll", " will": "'ll"}.get(
            (m.group("aux") or "").lower(), "")
        return pick.line("reflect", "pointer_ahead", x=L.lower_first(L.swap_pronouns(nxt)), aux=aux, v=m.group("v").lower())
    return None


_BRUSHED_OFF = re.compile(r"^\W*(?:i'?m|im|i am)\s+(?:fine|ok|okay|alright|all right|good)\W+(?:(?:honestly|really|seriously)\W+)?"
                          r"(?:it'?s|its|it is)\s+(?:just|only)\s+(?:a\s+)?(?:job|work|a role|money|a contract|a title)\W*$", re.I)


def _brushed_off(a: Analysis, pick: Picker) -> str | None:
    """ "I'm fine. Honestly. It's just a job.": taken at their word, with room left if it isn't so, never
    'In your words: "I'm fine"' and never a verdict that they aren't."""
    return pick.line("reflect", "brushed_off") if _BRUSHED_OFF.match(a.text.strip()) else None


_TERSE_FACTS = re.compile(r"^\W*(?P<a>[a-z0-9][\w'-]*(?: [\w'-]+)?)[.,;]\s*(?P<b>[a-z0-9][\w'-]*(?: [\w'-]+)?)(?:[.,;]\s*(?P<c>[a-z0-9][\w'-]*(?: [\w'-]+){0,5}))?\W*$", re.I)


_NOT_FACTS = frozenset("yes no yeah yep ok okay k idk fine nah maybe dunno whatever sure thanks lol hi hey hello bye sorry".split())


def _terse_facts(a: Analysis, pick: Picker) -> str | None:
    """ "skipper. 58. peterhead": who they are in three words, said back as three words ("Skipper, 58, Peterhead.")
    rather than nothing and a stock question."""
    m = _TERSE_FACTS.match(a.text.strip())
    if not m or len(a.text.split()) > 9 or set(re.findall(r"[a-z]+", a.text.lower())) & _NOT_FACTS or len(re.findall(r"[a-z]{3,}|\d+", a.text.lower())) < 2:
        return None
    parts = [p for p in (m.group("a"), m.group("b"), m.group("c")) if p]
    if any(re.match(r"^(?:she|he|it|i|they|we|you|that|this)\b", p, re.I) for p in parts):
        return None  # "Fourteen minutes. She's 91.": sentences, not a list of who they are
    # a capital that only starts a sentence ("Stairs mostly. Curved ones.") is lowered inside the list
    parts = [parts[0]] + [p[0].lower() + p[1:] if p[:1].isupper() and not p.split()[0].isupper() else p for p in parts[1:]]
    said = L.swap_pronouns(", ".join(parts))  # (its spelling tidied: "doin" is "doing")
    return pick.line("reflect", "terse_facts", facts=said[0].upper() + said[1:])


_EITHER_WAY = re.compile(r"(?:^|[.!?]\s+)\W*(?:it\s+)?(?:might|could|may)\s+be\s+(?P<x>[a-z]+(?:\s+[a-z]+)?)\W+(?:or\s+(?:it\s+)?|(?:it\s+)?)"
                         r"(?:might|could|may)\s+be\s+(?P<y>[a-z]+(?:\s+[a-z]+)?)\W*$", re.I)


def _either_way(a: Analysis, pick: Picker) -> str | None:
    """ "Might be fine. Might be awful.": not knowing which, never "there's real frustration in that"."""
    m = _EITHER_WAY.search(a.text.strip())
    if not m or m.group("x").lower() == m.group("y").lower():
        return None
    return pick.line("reflect", "either_way", x=m.group("x").lower(), y=m.group("y").lower())


_FIRST_PERSON_FINITE = re.compile(r"^\W*(?:i|i'm|im|i've|ive|i'd|we|we're)\b", re.I)


def _and_that(a: Analysis, pick: Picker) -> str | None:
    """ "One guy thanked me for being kind about it. That almost made it worse.": the event, and what it did
    to them — the second sentence is the point, and means nothing without the first."""
    sents = L.sentences(a.text)
    if len(sents) < 2:
        return None
    unseen = _NOBODY_SEES.match(sents[-1])
    if unseen:
        # "I ran the PTA summer fair. 40 volunteers. … Nobody counts that.": what they did, and that it goes unseen
        mine = [x for x in sents[:-1] if _FIRST_PERSON.search(x) and 3 <= len(x.split()) <= 14 and not x.rstrip().endswith("?")]
        if mine:
            did = L.strip_end(re.sub(r"^\W*(?:the thing is|thing is|honestly|but)[,:]?\s+", "", mine[-1], flags=re.I))
            return pick.line("reflect", "unseen", clause=L.lower_first(L.swap_pronouns(did)),
                             rest=L.lower_first(L.strip_end(sents[-1].strip())))
    m = _VERDICT_ON_IT.match(sents[-1])
    prev = L.strip_end(L.trim_hedges(sents[-2]))
    if not m or not 3 <= len(prev.split()) <= 14 or prev.endswith("?"):
        return None
    return pick.line("reflect", "and_that", clause=L.lower_first(L.swap_pronouns(prev)), rest=L.swap_pronouns(m.group("rest")))


_NOT_THAT_I_DONT = re.compile(r"\b(?:it'?s\s+|it\s+is\s+)?not\s+that\s+i\s+(?:don'?t|do\s+not)\s+(?P<v>like|love|enjoy|want|care\s+about|believe\s+in)\s+"
                              r"(?P<x>[^.!?,;]{2,40})", re.I)
_WOULDNT_SAY = re.compile(r"\bi\s+wouldn'?t\s+(?:say|call\s+myself)\s+(?:that\s+)?(?:i'?m\s+|i\s+am\s+)?(?P<y>[^.!?,;]{2,30}?)"
                          r"(?:\s+(?:exactly|really|as such|per se))?\s*(?:[.!?,;]|$)", re.I)
_AND_NOT = re.compile(r"^\W*(?:and\s+|but\s+)?not\s+(?P<x>[^.!?]{2,50}?)\W*$", re.I)


def _double_negative(a: Analysis, pick: Picker) -> str | None:
    """ "It's not that I don't like policy work. I wouldn't say I'm unhappy exactly." says a like and a doubt
    at once: both kept the right way up, and the unease they leave room for named tentatively — never
    "you don't like policy work"."""
    parts = []
    m = _NOT_THAT_I_DONT.search(a.text)
    if m:
        parts.append(f"you do {m.group('v').lower()} {L.swap_pronouns(L.strip_end(m.group('x')))}")
    w = _WOULDNT_SAY.search(a.text)
    if w:
        parts.append(f"you wouldn't call yourself {L.swap_pronouns(w.group('y').strip())}")
    if not parts:
        return None
    return pick.line("reflect", "double_negative", clause=" — and ".join(parts))


def _not_this(a: Analysis, pick: Picker) -> str | None:
    """ "Being near the actual people the policy hits. Not a spreadsheet of them.": what they want, and what
    they set it against — never only the "not"."""
    sents = L.sentences(a.text)
    if len(sents) < 2:
        return None
    m = _AND_NOT.match(sents[-1])
    prev = L.strip_end(sents[-2])
    if not m or not 2 <= len(prev.split()) <= 14 or _FIRST_PERSON.search(prev) or prev.endswith("?") \
            or re.match(r"^\W*(?:you know|i mean|like|right|ok(?:ay)?|yeah)\W*$", prev, re.I) or not prev.isascii():
        return None
    return pick.line("reflect", "not_this", clause=L.lower_first(L.swap_pronouns(prev)), x=L.swap_pronouns(m.group("x")))


_ONLY_THING = re.compile(r"^\W*(?:and\s+|but\s+)?the\s+only\s+(?:thing|part|bit|time)\s+i\s+(?P<still>still\s+|really\s+|actually\s+)?"
                         r"(?P<v>enjoy|like|love|look forward to|care about|miss)\s+(?:is|are|was)\s+(?:when\s+)?(?P<x>[^.!?]{3,70}?)\W*$", re.I)


def _only_thing(a: Analysis, pick: Picker) -> str | None:
    """ "The only thing I still enjoy is training the new inspectors." -> the thing, named as theirs; said back
    as "the only thing you enjoy is…" it reads as a verdict pushed on them."""
    for sent in reversed(L.sentences(a.text)):
        m = _ONLY_THING.match(sent)
        if m:
            v = ("still " if (m.group("still") or "").strip().lower() == "still" else "") + m.group("v").lower()
            return pick.line("reflect", "only_thing", x=L.swap_pronouns(m.group("x")), v=v)
    return None





def _irony(a: Analysis, pick: Picker) -> str | None:
    """ "I'm a PM. I 'align stakeholders'. Living the dream.": the tag is irony; what came before is what they said."""
    sents = L.sentences(a.text)
    praise = PRAISE_QUOTED.search(a.text) if a.hearing.ironic else None
    if praise and not _IRONY.match(sents[-1] if sents else ""):
        # "they said im 'so valuable on the platform'. which is very sweet. love being valuable": the praise, and its sting
        return pick.line("reflect", "irony_praise", quote=L.strip_end(praise.group("q")))
    if len(sents) < 2 or not _IRONY.match(sents[-1]):
        return None
    prev = next((x for x in reversed(sents[:-1]) if _FIRST_PERSON.search(x) and 2 <= len(x.split()) <= 14), "") or (
        sents[-2] if 1 <= len(sents[-2].split()) <= 10 and not sents[-2].rstrip().endswith("?") else "")
    if not prev:
        return None
    clause = L.lower_first(L.swap_pronouns(L.strip_end(prev)))
    return pick.line("reflect", "irony", clause=clause, quote=L.strip_end(sents[-1].strip()))


def is_irony(text: str) -> bool:
    """A short sarcastic tag ("Living the dream.", "Can't wait."): never a value or a feeling to name."""
    return ironic(text)


_ASIDE = re.compile(r"^(?P<said>.{3,80}?)\s*\((?P<aside>(?:it|that|this)\s*(?:isn'?t|is not|'s not|wasn'?t)|not really|it'?s not|lol no|no it isn'?t|"
                    r"i'?m not|not true|i lied)\W*\)\W*$", re.I)
_LOVE_HATE = re.compile(r"\blove\s+(?P<x>(?:the\s+|my\s+)?[\w\s'-]{2,30}?),?\s+(?:but\s+|and\s+)?hate\s+(?P<y>(?:the\s+|my\s+)?[\w\s'-]{2,30}?)\W*$", re.I)
_LOVE_NOT = re.compile(r"\bi\s+(?:really\s+|still\s+|do\s+)?(?P<v>love|like|enjoy)\s+(?P<x>(?:the\s+|my\s+)?[\w'-]+(?:\s+[\w'-]+){0,3}?),?\s+"
                       r"(?:but|just)\s+not\s+(?:so\s+much\s+)?(?P<y>(?:the\s+|my\s+)?[\w'-]+(?:\s+[\w'-]+){0,5}?)\W*$", re.I)
_ELLIPSIS = re.compile(r"^\W*i\s+(?:do|did|can|could|have|had|am|was|will|would|don'?t|didn'?t|can'?t|haven'?t|won'?t|wouldn'?t|do not)\b(?!\s+(?:not|n't)?\s*\w+ing\b)(?=\s*[,.;]|\s+and\b|\s*$)", re.I)


_SENT_HERE = re.compile(r"\b(?P<who>(?:my )?(?:manager|boss|line manager|team lead|supervisor|mentor|hr|company|director|friend|mate|wife|husband|partner|"
                        r"girlfriend|boyfriend|mum|mom|dad|sister|brother|daughter|son|granddaughter|grandson|niece|nephew|kids|therapist|counsell?or|gp|"
                        r"doctor|coach|colleague|union rep)|hr|work|they)\s+"
                        r"(?:booked (?:this|me in|it)|made me (?:come|do this|book)|sent me (?:here|to (?:this|you)|along|this)\b|signed me up|put me (?:on|in for|down for) (?:this|it)|"
                        r"set (?:this|it) up(?: for me)?|installed (?:this|it)|put (?:this|it) on (?:my|the) (?:phone|tablet|laptop|computer)|"
                        r"(?:said|told me|wants me|asked me|suggested I) (?:to )?(?:try|use|do) (?:this|it)(?: out)?\b|suggested (?:this|it))\b", re.I)


def sent_here(a: Analysis, pick: Picker) -> str | None:
    """ "i dont even know why im here. my manager booked this": here on someone else's say-so — said plainly,
    and the time handed back to them."""
    m = _SENT_HERE.search(a.text)
    if not m or re.search(r"\b(?:set (?:this|it) up|installed|put (?:this|it) on)\b", m.group(0), re.I) and len(a.text.split()) > 12:
        return None  # "my daughter set it up for me. I'm a vicar. The truth is…": a helper with the app, and then what they came to say
    who = L.swap_pronouns(m.group("who")).replace("hr", "HR")
    if not re.match(r"^(?:your|HR|work|they)\b", who, re.I):
        who = "your " + who  # "daughter set this up": whose daughter is plain
    return pick.line("reflect", "sent_here", who=who, who_s=who + ("'" if who.endswith("s") else "'s"))


_WHO_WOULD = re.compile(r"^\W*(?:but\s+|and\s+)?who(?:'s|\s+is|\s+would|'d|\s+will)\s+(?:ever\s+|even\s+)?(?:going\s+to\s+|gonna\s+)?"
                        r"(?P<v>hire|want|take|employ|pay|promote|listen to|trust)\s+(?P<who>me|someone like me|a \d+[- ]year[- ]old)(?P<rest>[^.!?]{0,50})\W*$", re.I)
_AGE = re.compile(r"\bi(?:'m| am)\s+(?P<n>[1-9]\d)\b(?!\s*(?:%|k\b|hours|years? (?:in|into)))", re.I)


def _who_would(a: Analysis, pick: Picker) -> str | None:
    """ "I'm 52. Who's going to hire me to retrain as a nurse." is a doubt, asked of nobody: heard as the doubt."""
    for sent in L.sentences(a.text):
        m = _WHO_WOULD.match(sent)
        if m:
            age = _AGE.search(a.text)
            rest = re.sub(r"\b(?:lol|lmao|haha+|tbh)\b\W*", "", L.strip_end(L.swap_pronouns(m.group("rest"))), flags=re.I).strip()
            line = pick.line("reflect", "who_would", v=m.group("v").lower(), rest=(" " + rest) if rest else " at all")
            if line:
                line = f"At {age.group('n')}, {line}" if age else L.upper_first(line)
            return line
    return None


_TRADE = re.compile(r"\bi\W?d\s+(?:happily\s+|gladly\s+)?(?:take|accept|earn|get)\s+(?:less money|less|a pay cut|a lower salary|a cut)\s+"
                    r"(?:to|if it meant|for|just to)\s+(?P<x>[^.!?]{4,60}?)\W*$", re.I)
_THEN = re.compile(r"^\W*(?P<then>i\s+(?:wanted|dreamed|dreamt|was going|always thought i'?d|became|joined|went into|got into|trained as|"
                   r"started out|signed up)\b[^.!?]{3,70}?)\W*$", re.I)
_NOW = re.compile(r"^\W*(?:and\s+|but\s+)?now,?\s+(?P<now>i\b[^.!?]{3,50}?)\W*$", re.I)


def trade(a: Analysis, pick: Picker) -> str | None:
    """"I'd take less money to work somewhere I believe in": the trade, and what it is for — never a want for money."""
    m = next((m for m in (_TRADE.search(x) for x in L.sentences(a.text)) if m), None)
    if not m:
        return None
    x = L.swap_pronouns(re.sub(r"\b(?:actually|really|just)\s+", "", m.group("x")))
    return pick.line("reflect", "trade", x=L.gerund(x) if L.is_verb_phrase(x) else x)


def _then_now(a: Analysis, pick: Picker) -> str | None:
    sents = L.sentences(a.text)
    for k in range(1, len(sents)):
        t, n = _THEN.match(sents[k - 1]), _NOW.match(sents[k])
        if t and n:
            return pick.line("reflect", "then_now", then=L.swap_pronouns(t.group("then")),
                             now=L.lower_first(L.swap_pronouns(n.group("now"))))
    return None


_YEARS = re.compile(r"^\W*(?:and\s+|so\s+|well,?\s+)?i(?:'ve|’ve| have|ve)\s+(?:been\s+(?P<role>(?:an?)\s+[\w' -]{2,30}?|(?:at|in|with|on)\s+[\w' -]{2,30}?|"
                    r"\w+ing(?:\s+[\w'-]+){0,3}?)|worked\s+(?P<where>here|there|(?:at|in|for|on)\s+[\w' -]{2,30}?))\s+(?:for\s+)?"
                    r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty)(?P<plus>\+|\s+odd|-odd)?\s+"
                    r"(?:years|yrs|yrs\.)(?:\s+now)?,?\s+(?P<conj>and|but)\s+(?:now\s+)?(?P<rest>[^.!?]{4,60}?)\W*$", re.I)


def _years(a: Analysis, pick: Picker) -> str | None:
    """"I've been a welder for 20 years and my back is going": how long is what gives the rest its weight,
    so it is said first ("Twenty years as a welder, and your back is going"), never dropped as background."""
    sents = L.sentences(a.text)
    m = _YEARS.match(sents[-1]) if sents else None  # a sentence after it ("I don't even know where to start") is the point
    if not m:
        return None
    role, where = (m.group("role") or "").strip(), (m.group("where") or "").strip()
    if role and re.match(r"an?\s", role, re.I):
        place = "as " + role
    elif role and role.split()[0].lower().endswith("ing"):
        place = "of " + L.swap_pronouns(role)
    else:
        place = L.swap_pronouns(where or role)
    n = m.group("n")
    n = n if not n.isdigit() else {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
                                   "8": "eight", "9": "nine", "10": "ten", "12": "twelve", "15": "fifteen", "20": "twenty",
                                   "25": "twenty-five", "30": "thirty"}.get(n, n)
    span = f"{n}{'-odd' if m.group('plus') else ''} years {place}"
    rest = L.lower_first(L.swap_pronouns(m.group("rest")))
    if re.match(r"(?:(?:never|not|always|still|just|only|barely)\s+)?(?:been|had|got|seen|done|watched|lost|moved|missed)\b", rest, re.I):
        rest = "you've " + rest  # "and never been promoted": the "I've" the sentence shares
    if not fits(span, 8) or not fits(rest, 12):
        return None
    return pick.line("reflect", "years_but" if m.group("conj").lower() == "but" else "years_and", span=span, rest=rest)


_TOOK_BACK = re.compile(r"^\W*(?:actually,?\s+|ok(?:ay)?,?\s+|honestly,?\s+)?(?:no|nah|nope)[,.!]?\s+(?:i'?m|im|i am|it'?s|its|it is|i'?m\s+really)\s+not\b[^.!?]{0,20}$|"
                        r"^\W*(?:actually,?\s+)?(?:who am i kidding|that'?s (?:a lie|not true)|i lied|scratch that)\b[^.!?]{0,20}$", re.I)


def _took_back(a: Analysis, pick: Picker) -> str | None:
    """ "Actually no I'm not. I keep checking my work email and it's gone.": what they took back is said by
    thanking them for it; what is true instead is played back — never the retraction alone."""
    sents = [x for x in L.sentences(a.text) if x.strip()]
    if len(sents) < 2 or not _TOOK_BACK.match(L.strip_end(sents[0])):
        return None
    rest = next((L.strip_end(x) for x in sents[1:] if _FIRST_PERSON.search(x) and 3 <= len(x.split()) <= 18 and not x.rstrip().endswith("?")), "")
    if not rest:
        return None
    return pick.line("reflect", "took_back", clause=L.swap_pronouns(re.sub(r"^\W*(?:and|but|so)\s+", "", rest, flags=re.I)))


_CLEFT = re.compile(r"^\W*(?:and\s+|but\s+|honestly,?\s+|i think\s+|maybe\s+)?what\s+i\s+(?:really\s+|actually\s+|most\s+)?(?P<v>miss|love|like|hate|want|need|care about|care|enjoy|can'?t stand|dread|loved|liked|hated|missed|enjoyed)"
                    r"(?:\s+most)?\s+(?:about\s+(?:it|the job|work)\s+)?(?:is|are|was|were)\s+(?P<x>[^.!?]{3,50}?)\W*$", re.I)
_NOT_Y = re.compile(r"^\W*(?:and\s+|but\s+)?not\s+(?P<y>[^.!?]{2,30}?)\W*$", re.I)


_ITS_X_I = re.compile(r"^\W*(?P<maybe>maybe\s+|perhaps\s+|i think\s+)?(?:it'?s|its|it\s+is)\s+(?!(?:not|that|just|because|about)\b)(?P<x>(?:the\s+|my\s+)?[\w' ]{2,30}?)\s+(?:that\s+)?i\s+"
                      r"(?P<v>miss|love|like|want|need|hate|care about|enjoy)(?:,\s*|\s+)not\s+(?P<y>[^.!?]{2,30}?)\W*$", re.I)


# "what I'll miss isn't the mic. it's 3pm when the texts start coming in": what it isn't, then what it is
_CLEFT_NOT = re.compile(r"(?:^|[.!?]\s+)\W*(?:and\s+|but\s+|honestly,?\s+)?(?:what|the (?:thing|bit|part)(?: that)?)\s+i(?P<m>'ll|’ll| will|'d|’d| would)?\s+"
                        r"(?:really\s+|actually\s+)?(?P<v>miss|love|like|hate|want|need|care about|enjoy|mind|dread)(?:\s+most)?\s+"
                        r"(?:isn'?t|is not|wasn'?t|was not|won'?t be|will not be|wouldn'?t be)\s+(?P<y>[^.!?,;—–]{2,30}?)\s*[.,;—–-]+\s*"
                        r"(?:but\s+|no,?\s+)?(?:it'?s|its|it is|it'll be|it will be|it was|it'd be)\s+(?P<x>[^.!?]{3,90}?)\W*$", re.I | re.M)


def _cleft(a: Analysis, pick: Picker) -> str | None:
    """ "What I miss is the lads on the team. Not the work.": the thing they named first, with what it isn't;
    "Maybe its the problems I miss, not the show." the same, kept a maybe; "what I'll miss isn't the mic. it's
    3pm when the texts come in": what it is, and what it isn't."""
    m = _CLEFT_NOT.search(a.text.strip())
    if m:
        modal = (m.group("m") or "").replace("’", "'").strip()
        v = {"'ll": "will ", "will": "will ", "'d": "would ", "would": "would "}.get(modal, "") + m.group("v").lower()
        return pick.line("reflect", "cleft_that_not", v=v, x=L.swap_pronouns(m.group("x").strip()), y=L.swap_pronouns(m.group("y").strip()))
    sents = L.sentences(a.text)
    for sent in sents:
        m = _ITS_X_I.match(sent.strip())
        if m and fits(m.group("x"), 8):
            return pick.line("reflect", "cleft_not_maybe" if m.group("maybe") else "cleft_not", v=m.group("v").lower(),
                             x=L.swap_pronouns(m.group("x").strip()), y=L.swap_pronouns(m.group("y").strip()))
    for k, sent in enumerate(sents):
        m = _CLEFT.match(sent.strip())
        if not m or not fits(m.group("x"), 10):
            continue
        v = m.group("v").lower().replace("cant", "can't")
        v = "care about" if v == "care" else v  # "what I care is…" (a learner's English): care about
        x = L.swap_pronouns(m.group("x").strip())
        nxt = _NOT_Y.match(sents[k + 1].strip()) if k + 1 < len(sents) else None
        if re.match(r"^(?:that|how|when|whether|being|to)\b", x, re.I):  # "what I care is that a person is understood exactly"
            return pick.line("reflect", "cleft_that_not" if nxt else "cleft_that", v=v, x=x, y=L.swap_pronouns(nxt.group("y").strip()) if nxt else "")
        if nxt:
            return pick.line("reflect", "cleft_not", v=v, x=x, y=L.swap_pronouns(nxt.group("y").strip()))
        return pick.line("reflect", "cleft", v=v, x=x)
    return None


_PART_OF_ME = re.compile(r"^\W*(?:like,?\s+|so\s+|and\s+|but\s+|i mean,?\s+|honestly,?\s+)?(?:a\s+|one\s+)?(?:big\s+|small\s+|little\s+)?part\s+of\s+me\s+"
                         r"(?P<x>(?:is|was|feels|wants|thinks|says|likes|loves|hates|wishes|knows|misses|would)\b[^.!?]{2,45}?)\W*$", re.I)


def _part_of_me(a: Analysis, pick: Picker) -> str | None:
    """ "like part of me is flattered": one side said, the other side invited — unless they said both."""
    if re.search(r"\b(?:other|another|rest of)\s+(?:part|half|bit)\b|\bpart of me\b.*\bpart of me\b", a.text, re.I):
        return None
    sents = L.sentences(a.text)
    m = _PART_OF_ME.match(sents[-1].strip()) if sents else None
    if not m or not fits(m.group("x"), 9):
        return None
    return pick.line("reflect", "part_of_me", x=L.swap_pronouns(m.group("x").strip()))


_NOT_SURE_WHAT = re.compile(r"^\W*(?:idk|i\s+(?:don'?t|dont)\s+(?:really\s+)?know|dunno|not\s+sure)\s+what\s+(?:i\s+)?(?:want\s+to\s+|wanna\s+|to\s+)?"
                            r"(?:talk\s+about|say|start\s+with|bring|ask)\b[^.!?]{0,20}$", re.I)


_NERVOUS = re.compile(r"^\W*(?:(?:hi|hello|hey|hiya)\W+)?(?:i'?m\s+|im\s+)?(?:a\s+)?(?:bit\s+|little\s+|quite\s+|so\s+|kinda\s+)?(?:nervous|anxious|unsure|awkward|weird|skeptical|sceptical)"
                      r"\s+(?:about\s+)?(?:this|doing this|talking to a bot|these things)\b[^.!?]{0,12}\W*$", re.I)


def _nervous(a: Analysis, pick: Picker) -> str | None:
    """ "hello. bit nervous about this tbh": nerves about the conversation itself, not a career worry to probe."""
    return pick.line("reflect", "nervous") if _NERVOUS.match(a.text.strip()) else None


def not_sure_what(a: Analysis, pick: Picker) -> str | None:
    """ "idk what i want to talk about tbh": nothing to reflect yet — an easy place to begin, never their words as a value."""
    sents = [x for x in L.sentences(a.text) if x.strip()]
    if not sents or not _NOT_SURE_WHAT.match(L.strip_end(sents[-1])):
        return None
    return pick.line("reflect", "not_sure_what")


_ONLY_WHEN = re.compile(r"^(?P<x>.{6,90}?)\s+but\s+only\s+(?P<when>when|if|in front of|while|because)\s+(?P<z>[^.!?]{3,50}?)(?:\s+(?:lol|lmao|haha+|tbh))?\W*$", re.I)
_QUOTE_IN = re.compile(r"['‘“\"](?P<q>\w[^'’”\"]{2,50}?)['’”\"]")
_EQUALS = re.compile(r"\b(?:so\s+)?(?P<x>[\w' ]{3,30}?)\s*=\s*(?P<y>[\w' ]{2,30}?)(?:,?\s+(?:apparently|now|i guess|lol|lmao|obviously))?\W*$", re.I)


def _only_when(a: Analysis, pick: Picker) -> str | None:
    """ "the dentist says 'couldnt do it without you' but only when the patient is listening": the catch is the point;
    "so unpaid weekends = passion apparently": the equation they mock, said as theirs."""
    sents = L.sentences(a.text)
    for sent in reversed(sents):
        m = _ONLY_WHEN.match(sent.strip())
        if m and fits(m.group("z"), 10):
            q = _QUOTE_IN.search(m.group("x"))
            said = f"“{L.strip_end(q.group('q'))}”" if q else ""
            return pick.line("reflect", "only_when", said=said or "It", when=m.group("when").lower(), z=L.swap_pronouns(m.group("z")))
        e = _EQUALS.search(sent.strip())
        if e and fits(e.group("x"), 6) and fits(e.group("y"), 5):
            return pick.line("reflect", "equals", x=L.swap_pronouns(e.group("x").strip()), y=L.swap_pronouns(e.group("y").strip()))
    return None


_OR_ELSE = re.compile(r"^\W*or\s+(?P<x>[^.!?]{4,50}?)\W*$", re.I)


def _or_else(a: Analysis, pick: Picker) -> str | None:
    """ "if I was on the rota side I could actually fix the night shift. Maybe. Or they'd eat me alive.": the hope
    and the "or" that answers it, both — never "or they'd eat you alive" alone."""
    sents = [x for x in L.sentences(a.text) if x.strip() and not re.fullmatch(r"\W*(?:maybe|perhaps|idk|dunno|who knows)\W*", x, re.I)]
    if len(sents) < 2:
        return None
    m = _OR_ELSE.match(sents[-1].strip())
    if not m:
        return None
    prev = L.strip_end(re.sub(r"^\W*(?:like,?\s+|so\s+|and\s+|but\s+)", "", sents[-2], flags=re.I))
    prev = re.sub(r"\b(?:actually|really|just)\s+", "", prev, flags=re.I)
    if not 4 <= len(prev.split()) <= 16 or prev.endswith("?"):
        return None
    said = re.sub(r"\byou could\b", "you'd be able to", L.swap_pronouns(prev), flags=re.I)  # their "I could", never an option offered
    return pick.line("reflect", "or_else", prev=said, x=L.swap_pronouns(m.group("x")))


_JUST_SAYING = re.compile(r"\bi\s+(?:just\s+|only\s+)?(?:needed|wanted|had)\s+to\s+(?:say|tell|get)\s+(?:it|this|that)(?:\s+out)?(?:\s+(?:somewhere|to someone|to somebody|out loud|aloud))?\W*$|"
                          # "I don't need a solution tonight. I needed someone to hear it."
                          r"\bi\s+(?:just\s+|only\s+)?(?:needed|wanted|need|want)\s+(?:someone|somebody|someone else|something)\s+to\s+(?:hear|listen|know)\b[^.!?]{0,20}\W*$|"
                          r"^\W*(?:idk|i\s+don'?t\s+know|dunno)\s+what\s+i'?m\s+(?:asking|asking for|looking for|doing here)\b[^.!?]{0,10}(?:[.!?]\s*(?:maybe\s+)?nothing\W*)?$", re.I)


def just_saying(a: Analysis, pick: Picker) -> str | None:
    """ "This isn't about the job. I just needed to say it somewhere." / "idk what I'm asking. maybe nothing":
    saying it is the point; no motive is hunted for and nothing is asked of them."""
    sents = L.sentences(a.text)
    tail = " ".join(sents[-2:]) if len(sents) >= 2 and re.match(r"^\W*(?:maybe\s+)?nothing\W*$", sents[-1], re.I) else (sents[-1] if sents else "")
    if not _JUST_SAYING.search(tail.strip()):
        return None
    if re.search(r"\bto\s+(?:hear|listen|know)\b", tail, re.I):
        return pick.line("reflect", "heard_it")
    return pick.line("reflect", "not_asking" if re.search(r"\basking\b", tail, re.I) else "just_saying")


def _aside(a: Analysis, pick: Picker) -> str | None:
    """ "It's fine. Everything's fine. (It isn't.)": the bracket takes back what came before it — both heard."""
    m = _ASIDE.match(a.text.strip())
    if not m:
        return None
    said = L.strip_end(L.sentences(m.group("said"))[-1]) if L.sentences(m.group("said")) else ""
    if not said:
        return None
    return pick.line("reflect", "aside", said=L.lower_first(L.swap_pronouns(said)), aside=L.strip_end(m.group("aside").strip()))


def _love_hate(a: Analysis, pick: Picker) -> str | None:
    """ "been a nurse 9 yrs, love the patients hate the rota": both, held together."""
    for sent in L.sentences(a.text):
        m = _LOVE_HATE.search(sent)
        if m:
            return pick.line("reflect", "love_hate", x=L.swap_pronouns(m.group("x").strip()), y=L.swap_pronouns(m.group("y").strip()))
        m = _LOVE_NOT.search(sent)
        if m:
            return pick.line("reflect", "love_not", v=m.group("v").lower(), x=L.swap_pronouns(m.group("x").strip()),
                             y=L.swap_pronouns(m.group("y").strip()))
    return None


_NOT_THAT = re.compile(r"^\W*(?:it\s+isn'?t|it'?s\s+not|it\s+is\s+not|its\s+not)\s+that\s+(?P<x>[^.!?]{4,50}?)\W*$", re.I)
_JUST = re.compile(r"^\W*(?:but\s+)?(?:i\s+just|it'?s\s+(?:just\s+)?that|i\s+only)\s+(?P<y>[^.!?]{4,70}?)\W*$", re.I)


_NOT_EXACTLY = re.compile(r"^\W*(?:but\s+|and\s+)?(?:i\s+don'?t\s+think\s+)?(?:it'?s|its|it\s+is)\s*(?:n'?t|\s+not)\s+(?P<x>[^.!?]{2,30}?)(?:,?\s+exactly|,?\s+really)?\W*$|"
                          r"^\W*(?:but\s+)?i\s+don'?t\s+think\s+(?:it'?s|its|it\s+is)\s+(?P<x2>[^.!?]{2,30}?)(?:,?\s+exactly|,?\s+really)?\W*$", re.I)
_MORE_LIKE = re.compile(r"^\W*(?:it'?s\s+|its\s+)?(?:more\s+like|more\s+that|it'?s\s+more)\s+(?P<y>[^.!?]{4,80}?)\W*$", re.I)


def _not_exactly(a: Analysis, pick: Picker) -> str | None:
    """ "I don't think it's fear exactly. More like I'd stop being a baker and become a manager of bakers.": what
    it isn't quite, and what it's more like — a reflection that keeps their own correction of themselves."""
    sents = L.sentences(a.text)
    for k in range(len(sents) - 1):
        m, n = _NOT_EXACTLY.match(sents[k]), _MORE_LIKE.match(sents[k + 1])
        if m and n:
            x = m.group("x") or m.group("x2")
            return pick.line("reflect", "not_exactly", x=L.swap_pronouns(x), y=L.lower_first(L.swap_pronouns(n.group("y"))))
    return None


def _not_that_but(a: Analysis, pick: Picker) -> str | None:
    """ "It isn't that I've lost my faith. I haven't. I just don't have anything left over for it after the
    meetings.": what it isn't, then what it is — the "I haven't" between them only says the first again."""
    sents = L.sentences(a.text)
    for k, sent in enumerate(sents):
        m = _NOT_THAT.match(sent)
        if not m:
            continue
        for nxt in sents[k + 1:k + 3]:
            j = _JUST.match(nxt)
            if j:
                y = ("you just " if re.match(r"^\W*(?:but\s+)?i\s+just", nxt, re.I) else "it's that " if "that" in nxt.lower().split()[:4] else "you only ") + L.swap_pronouns(j.group("y"))
                return pick.line("reflect", "not_that_but", x=L.lower_first(L.swap_pronouns(m.group("x"))), y=y)
    return None


def _elliptical(a: Analysis, pick: Picker) -> str | None:
    """ "He never had a choice about any of it. I do, and I'm wasting it.": "I do" means nothing without the
    sentence it answers, so that sentence comes first."""
    sents = L.sentences(a.text)
    for k in range(1, len(sents)):
        if _NOT_THAT_I_DONT.search(sents[k - 1]):
            return None  # "its not that i dont love the farm. i do.": the double negative, said the right way up
        if _ELLIPSIS.match(sents[k]) and 3 <= len(sents[k - 1].split()) <= 14 and not sents[k - 1].rstrip().endswith("?"):
            prev, this = L.strip_end(sents[k - 1]), L.strip_end(sents[k])
            return pick.line("reflect", "answering", prev=L.swap_pronouns(prev), clause=L.lower_first(L.swap_pronouns(this)))
    return None


def _noticed_or_tentative(a: Analysis, pick: Picker) -> str | None:
    """Two kinds of thinking aloud, heard as such: noticing they've contradicted themselves ("wait, that's
    the opposite of what I said at the start") — held openly, never scored — and a tentative explanation
    ("maybe it's that I've been thinking of going part time…"), kept tentative and theirs."""
    if _NOTICED.search(a.text) and len(a.text.split()) <= 30:
        return pick.line("reflect", "noticed_shift")
    m = _MAYBE_ITS.match(L.sentences(a.text)[-1] if a.text.strip() else "")
    if m:
        x = L.strip_end(core(m.group("x").strip()))
        return pick.line("reflect", "maybe_its", clause=L.lower_first(L.swap_pronouns(x)))
    return None


_JUST_NOT = re.compile(r"^\W*(?:but\s+)?i\s+just\s+(?P<x>(?:don'?t|can'?t|do not|wish|want|need|miss)\b[^.!?]{3,60}?)\W*$", re.I)
_DONT_X = re.compile(r"^\W*i\s+(?:(?:don'?t|do not)\s+(?P<v>hate|mind|dislike|regret)|(?:just\s+|really\s+)?(?:want|need|'d like|would like)\s+to)\b[^.!?]{2,50}$", re.I)


def _just_not(a: Analysis, pick: Picker) -> str | None:
    """ "I don't hate my job. I just don't love it anymore.": the second sentence corrects the first — both."""
    sents = L.sentences(a.text)
    for k in range(1, len(sents)):
        m = _JUST_NOT.match(sents[k])
        if m and _DONT_X.match(L.strip_end(sents[k - 1])) and not _FILLER.match(sents[k - 1]):
            return pick.line("reflect", "just_not", left=L.swap_pronouns(L.strip_end(sents[k - 1])),
                             right=L.swap_pronouns(L.strip_end(m.group("x"))))
    return None


_BUT_START = re.compile(r"^\W*but\s+(?P<x>(?:i|i'?d|i'?m|i'?ve|my|the|it|that|they|he|she|we|nobody'?s?|no one'?s?|nothing|none of|"
                        r"no-one'?s?|everyone'?s?|everybody'?s?|people|there'?s|there is|this|those|all)\b[^.!?]{3,60}?)\W*$", re.I)


def _but_then(a: Analysis, pick: Picker) -> str | None:
    """ "the money at the agency is double. But I'd miss my team.": a thought and the "but" that answers it —
    both, never the first alone."""
    sents = [x for x in L.sentences(a.text) if not _FILLER.match(x)]
    for k in range(len(sents) - 1, 0, -1):
        m = _BUT_START.match(sents[k])
        prev = L.strip_end(re.sub(r"^\W*(?:not (?:gonna|going to) lie|honestly|tbh|ngl)[,:]?\s+", "", sents[k - 1], flags=re.I))
        if k >= 2 and len(prev.split()) < 3 and not _BUT_START.match(sents[k - 2]):
            # "I fit kitchens. Nice kitchens. But nobody's life is different…": the echo belongs to the sentence before it
            before = L.strip_end(sents[k - 2])
            prev = f"{before}, {L.lower_first(prev)}" if before and not before.endswith("?") else prev
        if m and 3 <= len(prev.split()) <= 14 and not prev.endswith("?") and not _WH_START.match(prev):
            return pick.line("reflect", "two_sided", left=L.lower_first(L.swap_pronouns(prev)),
                             right=L.lower_first(L.swap_pronouns(L.strip_end(m.group("x")))))
    return None


_A_NO = re.compile(r"^\W*(?:so\s+|ok(?:ay)?,?\s+|right,?\s+)?(?:that'?s|thats|that is)\s+a\s+no(?:\s+then)?\b", re.I)


def _a_no(a: Analysis, pick: Picker) -> str | None:
    """ "thats a no then lol. fine": the no to advice owned plainly, and the door left open — never "that's a lot to sit with"."""
    return pick.line("reflect", "a_no") if _A_NO.match(a.text) else None


# "my manager is great, it's the company that's the problem": one side cleared, the other named
_CLEARED = re.compile(r"(?:^|[.!?]\s+)\W*(?P<x>(?:the\s+|my\s+|our\s+)?[\w' ]{2,30}?)\s+(?:is|are|'s|’s)\s+(?:great|fine|ok|okay|good|lovely|brilliant|"
                      r"alright|decent|not the problem|not the issue)\s*[,;—–-]+\s*(?:but\s+)?(?:it'?s|its)\s+(?P<y>(?:the\s+|my\s+|our\s+)?[\w' ]{2,40}?)\s+"
                      r"(?:that'?s|thats|that is|which is)\s+the\s+(?P<what>problem|issue)\b", re.I)


def _cleared(a: Analysis, pick: Picker) -> str | None:
    text = re.sub(r"(^|[.!?]\s+)\W*(?:to be fair|tbf|in fairness|honestly|tbh|ngl|look)[,]?\s+", r"\1", L.trim_hedges(a.text), flags=re.I)
    m = _CLEARED.search(text)
    if not m:
        return None
    return pick.line("reflect", "cleared", x=L.swap_pronouns(m.group("x").strip()), y=L.swap_pronouns(m.group("y").strip()),
                     what=m.group("what").lower())


# "i run a food truck. tacos. best thing i ever did": a verdict on what they said before it, pointing back
_SUPERLATIVE_TAIL = re.compile(r"^\W*(?:and\s+|honestly\s+|tbh\s+)?(?:it'?s\s+|its\s+|it\s+was\s+|that\s+was\s+)?(?:the\s+)?(?P<t>(?:best|worst|smartest|dumbest|hardest|greatest|bravest)\s+"
                               r"(?:thing|decision|move|call|choice|job|idea|mistake)\s+(?:i(?:'ve| have)?\s+)?(?:ever\s+)?(?:did|done|made|had|took|taken|ever)?)\W*$", re.I)


def _pointed_verdict(a: Analysis, pick: Picker) -> str | None:
    sents = L.sentences(a.text)
    for k in range(1, len(sents)):
        m = _SUPERLATIVE_TAIL.match(sents[k].strip())
        if not m:
            continue
        prev = next((x for x in reversed(sents[:k]) if re.match(r"^\W*(?:i|i'm|im|i've|we)\b", x, re.I) and 3 <= len(x.split()) <= 12), None)
        if prev is None:
            return None
        clause = L.strip_end(L.swap_pronouns(re.sub(r"^\W*(?:so|and|well)\s+", "", prev.strip(), flags=re.I)))
        return pick.line("reflect", "pointed_verdict", clause=L.upper_first(clause), t=L.swap_pronouns(m.group("t").strip()).lower())
    return None


_STAYED = re.compile(r"^\W*(?:and\s+|but\s+|honestly,?\s+)?i\s+(?:still\s+)?(?:think|thought)\s+about\s+(?:that|it|him|her|them|that day|that moment)\s+"
                     r"(?:a lot|loads|all the time|every day|most days|constantly|still|more than i (?:should|probably should|care to admit|let on|would like))\W*$", re.I)


def _stayed(a: Analysis, pick: Picker) -> str | None:
    """ "…he said 'whoever packed this, the retractors were in the order I use them. thank you.' that was me. i think
    about that more than i should": a story, and that it has stayed with them — the point, never "So you think about
    that more than you should" (the story lost, and "you should" in the coach's mouth)."""
    sents = L.sentences(a.text)
    if len(sents) < 2 or not _STAYED.match(sents[-1].strip()):
        return None
    return pick.line("reflect", "stayed")


def _first_without(a: Analysis, pick: Picker) -> str | None:
    """ "I'm going to the Lions game on saturday. first one without him.": the first since a loss is the point,
    not the fixture ("What I'm hearing is that you're going to the Lions game" misses it)."""
    from coach.realize.heard_requests import FIRST_WITHOUT

    m = FIRST_WITHOUT.search(a.text)
    if m is None:
        return None
    return pick.line("reflect", "first_without", thing=m.group("thing").lower(), who=L.swap_pronouns(m.group("who").lower()))


def first_shape(a: Analysis, pick: Picker) -> str | None:
    """The shapes that outrank what kind of statement it was: saying it is the point; the catch or the mocked
    equation; a hope and the "or" that answers it. Tried before any angle (someone's view, a denial, a fear)."""
    return next((r for r in (f(a, pick) for f in (_first_without, _stayed, _conceded_feeling, _not_fine, _a_no, _nervous, just_saying, not_sure_what, _only_when, _or_else)) if r), None)


def shaped(a: Analysis, pick: Picker) -> str | None:
    """Thinking aloud heard as such: the first shape that fits (each needs its own words to be there)."""
    shapes = (_first_without, _stayed, _conceded_feeling, _not_fine, _brushed_off, _terse_facts, _either_way, _a_no, _nervous, _pointed_verdict, _cleared, _noticed_or_tentative, just_saying, not_sure_what, _only_when, _or_else, sent_here, _who_would, trade, _rather, _then_now, _years, _took_back, _cleft, _part_of_me, _irony, _aside, _love_hate, _just_not,
              _not_is, _not_that_but, _not_exactly, _elliptical, _only_thing, _thats_what_i, _pointer_ahead, _pointer, _not_x_its_y, _double_negative, _and_feeling, _not_this, _and_that, _options, unsure_with, _but_then)
    return next((r for r in (f(a, pick) for f in shapes) if r and _said_safely(r, a)), None)


def _said_safely(line: str, a: Analysis) -> bool:
    """Their words in a shape can read as the coach's verdict ("You can do it — and at the same time…" is
    encouragement in the coach's mouth): such a shape gives way to the next one that fits."""
    from coach import guard

    return guard.check(line, mentee_text=a.text).ok
