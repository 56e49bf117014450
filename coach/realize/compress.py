"""The heart of a clause, in fewer words: what a simple reflection restates.

"I fix the same broken pipelines every week" -> "I fix the same broken pipelines"; "so tired of being
the one who fixes things and not the one who decides" keeps both sides but drops what only decorates
them. A reflection that repeats eight or more of the mentee's words in a row is parroting, not
reflecting (VOICE.md), so a clause is pruned with the dependency parse — adverbials, time and place
phrases, relative and subordinate clauses go first — until no run of MAX_RUN + 1 of their words is left.
Works on the mentee's own words (before pronouns are swapped); returns them in their order.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from coach.analyze.parse import parse

MAX_RUN = 7  # the longest run of the mentee's words a reflection may repeat
SHORT = 8  # a clause shorter than this is its own heart
LONG = 14  # a time clause ("before they change the layout") is dropped only from a clause longer than this

# Children that carry a clause's meaning; everything else is decoration a reflection can drop.
_CORE = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "dobj", "attr", "acomp", "xcomp", "ccomp", "oprd",
         "dative", "pobj", "pcomp", "det", "poss", "compound", "amod", "nummod", "case", "cc", "conj", "mark",
         "expl", "agent", "preconj", "predet"}
# Dropped in this order, whole subtrees, only while something is still repeated at length; never what a
# clause needs to stay a sentence (complements, particles, relative clauses, "because…").
_DROP_FIRST = ("intj", "parataxis", "appos", "advmod", "npadvmod", "prep", "advcl")
_KEEP_ADV = {"not", "never", "rather", "instead", "sooner", "no", "n't", "more", "less", "most", "least", "too", "apart", "up", "out", "off", "down",
             "away", "back", "over", "on", "in", "together", "around", "forward", "ahead", "worse", "better", "enough",
             "else", "there", "here", "home", "anymore", "again", "alone", "right", "when", "where", "how", "why", "whenever", "as", "such", "only", "even", "yet", "still", "already",
             "upside", "inside", "outside", "ahead", "behind", "apart", "aside",
             # how far or how much ("I was halfway through" is never "I was through")
             "halfway", "half", "almost", "nearly", "barely", "hardly", "partly", "mostly", "twice",
             # prepositions the parser sometimes reads as adverbs ("kind about it"): never decoration
             "about", "with", "for", "to", "from", "of", "through", "across", "against", "without", "like",
             # how they work is the point ("my people work hard")
             "hard", "harder", "well", "late", "early", "fast", "properly", "badly",
             "online", "offline", "abroad", "overseas", "remotely", "freelance", "alone",
             # how often is the point ("we were always laughing, even on bad days")
             "always", "often", "usually", "sometimes", "rarely", "ever",
             # the end of a time the parser hangs apart ("5 min later"): never "and 5 min Dave says…"
             "later"}
_ADVCL_MARKS = {"after", "before", "until", "when", "while", "once", "whenever", "till"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def longest_run(reply: str, source: str) -> int:
    """The longest run of consecutive words `reply` shares with `source`."""
    a, b = _words(reply), _words(source)
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _subtree_ids(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


_WRAPPER = re.compile(r"^(?:the (?:problem|thing|issue|point|truth|worst part|hard part) is(?: that)?|it'?s (?:just |only |more |really )?that|"
                      r"what (?:i mean|i'm saying) is(?: that)?|i (?:think|guess|feel|suppose|know) (?:that )?)\s+", re.I)
_FIRST = {"i", "we", "me", "my", "our"}


@lru_cache(maxsize=512)
def core(clause: str) -> str:
    """The clause pruned to its heart (see the module doc); the clause itself if short or unparsable.
    Cached: one turn tries several frames on the same words. A pruning that leaves no sentence ("The 20%
    is when I'm with engineers…" -> "The 20") gives the clause back whole: saying it at length beats nonsense."""
    text = _WRAPPER.sub("", clause.strip())
    out = _core(text)
    doc = parse(out) if out != text else None
    if doc is not None and (len(out.split()) < 4 and len(text.split()) >= 8
                            or not any(t.pos_ in ("VERB", "AUX") for t in doc)
                            or not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc) and _has_subject(text)):
        return text  # "can't kick a ball to nutmegging me" lost who does what
    if doc is not None and any(t.like_num and t.dep_ not in ("nummod", "quantmod", "compound", "pobj", "dobj", "attr", "npadvmod")
                               and not list(t.children) for t in doc):
        return text  # "you are nurse, 6 and 4 here": a number cut off from what it counts
    return out


def _joins(doc: Any, t: Any) -> bool:
    """A hyphen inside a word ("phone-in", "part-time"), not a dash between words."""
    return t.text in ("-", "‑") and not t.whitespace_ and 0 < t.i < len(doc) - 1 and not doc[t.i - 1].whitespace_


def _splits_a_word(doc: Any, keep: set[int]) -> bool:
    return any(_joins(doc, t) and len({t.i - 1, t.i + 1} & keep) == 1 for t in doc)


def _finish(doc: Any, keep: set[int], text: str) -> str:
    """The pruned clause — unless it ends on a word cut off from everything it belonged to ("…handed to someone
    else leave", when "while I was on maternity" went), or keeps half of a hyphenated word ("built that show in
    about bin days", when "from a phone-" went): then the clause as said."""
    if _splits_a_word(doc, keep):
        return text
    kept = sorted(i for i in keep if not doc[i].is_punct)
    for t in doc:
        if t.i in keep and t.lower_ in _NEEDS_OBJECT and t.pos_ in ("VERB", "AUX"):
            objects = [c for c in t.children if c.dep_ in ("dobj", "attr", "oprd", "npadvmod", "xcomp", "ccomp", "prep")]
            if objects and not any(c.i in keep for c in objects):
                return text  # "wants me to do [a double tonight]": a verb left with nothing done
    if len(kept) >= 2:
        last = doc[kept[-1]]
        if kept[-1] - 1 not in keep and last.pos_ in ("NOUN", "PROPN", "VERB") and not list(last.children) \
                and last.dep_ in ("conj", "pobj", "dobj", "npadvmod", "compound"):
            return text
    return _join(doc, keep)


# (the small pipeline's lemmas are often empty: the forms are listed)
_NEEDS_OBJECT = frozenset("do does did doing done make makes made making take takes took taking taken get gets got getting "
                          "give gives gave giving given put puts putting bring brings brought find finds found keep keeps kept "
                          "become becomes became".split())


def _has_subject(text: str) -> bool:
    doc = parse(text)
    return doc is not None and any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc)


def _core(text: str) -> str:
    if len(text.split()) < SHORT:
        return text
    doc = parse(text)
    if doc is None:
        return text
    keep = {t.i for t in doc if not t.is_punct or t.text in ("%", "&", "/") or t.text in (",", ";", "—", "–") and 0 < t.i < len(doc) - 1
            or _joins(doc, t)}  # ("part-time" stays one word)
    # two clauses, one about someone else and one about them: theirs is the one to reflect
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None:
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        mine = next((c for c in root.children if c.dep_ == "conj" and any(
            g.dep_ == "nsubj" and g.text.lower() in _FIRST for g in c.children)), None)
        other = {t.i for t in doc} - _subtree_ids(mine) if mine is not None else set()
        about_them = any(doc[i].text.lower() in _FIRST | {"us", "myself", "ourselves"} for i in other)
        if mine is not None and (subj is None or subj.text.lower() not in _FIRST) and not about_them:
            keep = _subtree_ids(mine) - {t.i for t in doc if t.is_punct and t.text not in ("%", "&", "/")}
            keep -= {c.i for c in mine.children if c.dep_ == "cc" and c.i < mine.i}  # never "and we fix…" alone
    if _ok(doc, keep, text):
        return _join(doc, keep)
    needed: set[int] = set()
    for t in doc:  # a preposition an object-less verb needs ("care about X") stays
        if (t.pos_ in ("VERB", "AUX", "ADJ") or t.tag_ == "VBG") and not any(c.dep_ in ("dobj", "attr", "xcomp", "ccomp") for c in t.children):
            first = next((c for c in t.children if c.dep_ == "prep"), None)
            if first is not None:
                needed |= _subtree_ids(first)
    for dep in _DROP_FIRST:
        for t in doc:
            if t.dep_ != dep or t.i not in keep or t.i in needed:
                continue
            if dep == "advmod" and (t.text.lower() in _KEEP_ADV or t.pos_ == "ADJ" or t.lower_ == "at" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _AT_PHRASE):
                continue  # ("why I do this at all", "at least I know": one phrase, never "this all", "least I know")  # an adjective read as an adverb ("make work more humane") is what is said of it
            if dep == "intj" and t.i > 1:
                continue  # "if they say no": the word is the point, not an opening "well"
            if dep == "advcl" and (not any(c.dep_ == "mark" and c.text.lower() in _ADVCL_MARKS for c in t.children)
                                   or len(keep) <= LONG):
                continue  # only "…until we landed" in a long clause: the reason ("because…") is the heart
            if dep == "prep" and (not _decoration(t) or _counted(t) or _ends_on_number(t, keep)):
                continue  # "gave the job to a 26-year-old", "leaving things in better shape": the point
            if dep == "npadvmod" and (t.head.dep_ == "ROOT" and not _TIME.search(t.text) or any(w.like_num or w.text.lower() in (
                    "four", "five", "six", "seven", "eight", "nine", "ten", "twice", "three", "two") for w in t.subtree)
                                      or any(w.text.lower() in ("part", "full", "over") for w in t.children)
                                      or t.lower_ in ("week", "month", "year", "day", "fortnight", "shift") and any(
                                          w.like_num or w.lower_ in ("one", "two", "three", "four", "five") for w in t.head.children)):
                continue  # "2,400 hours a year", "one day a week" are the point; "every week" is decoration
            if t.pos_ == "PRON" or t.head.text.lower() in ("than", "as"):
                continue  # "treats us like numbers", "more useful than after any paper": never half a comparison
            if dep == "parataxis" and min(x.i for x in t.subtree) == 0 and any(c.dep_ == "nsubj" and c.lower_ in ("i", "you", "we") for c in t.children):
                continue  # "you know whose kid is sick, whose back is bad…" misparsed: the sentence's own start, never cut
            if dep == "appos" and any(w.dep_ == "relcl" and min(x.i for x in w.subtree) == max(x.i for x in t.subtree) + 1 for w in doc):
                continue  # "a few angasi we're having a go at": the clause after it is about it, never "14 hectares, we're having a go at"
            if dep == "npadvmod" and _opens_a_clause(t):
                continue  # "I feel sick every time the calendar invite comes": "every time" opens the clause after it
            trial = keep - _subtree_ids(t)
            if len(trial) < 3 or _misparsed(t) or _splits_a_word(doc, trial):
                continue
            keep = trial
            if _ok(doc, keep, text):
                return _finish(doc, keep, text)
    return _finish(doc, _trim_run(doc, keep, text), text)


# Second pass, when the heart is still said at length: small words inside the repeated run that a
# restatement can do without ("the only thing you *still* enjoy", "*the* people nobody listens to",
# "a case *that* you can't stop thinking about"), then whole modifiers (a place, a relative clause),
# the one nearest the middle of the run first, so the run breaks where it is longest.
_LIGHT = {"just", "really", "actually", "basically", "honestly", "literally", "still", "also", "totally",
          "pretty", "quite", "very", "so", "kinda", "sorta", "though", "anyway"}  # never "maybe"/"probably": how sure is theirs
# (and the words that say how far or how much: "I was halfway through" is never "I was through")
_AT_PHRASE = frozenset({"all", "least", "most", "last", "first", "once"})  # "at least", "at last": one phrase
_NEVER = {"not", "n't", "never", "no", "nobody", "nothing", "none", "without", "only", "more", "less", "than", "rather",
          "halfway", "half", "almost", "nearly", "barely", "hardly", "partly", "mostly", "twice", "again", "still"}


def _run_span(words: list[str], source: list[str]) -> tuple[int, int]:
    """Start and end (exclusive) in `words` of the longest run shared with `source`."""
    best, end = 0, 0
    prev = [0] * (len(source) + 1)
    for i, x in enumerate(words):
        cur = [0] * (len(source) + 1)
        for j, y in enumerate(source, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, end = cur[j], i + 1
        prev = cur
    return end - best, end


# a plural that reads as a verb without its "the": "except the does" (the goats) is never "except does"
_VERB_TOO = frozenset("ones does goes lives leaves works plays shows means counts figures hands points runs calls needs wants "
                      "uses looks sounds feels matters stands saves builds finds fights marks notes rates rolls rounds shifts".split())


_MOTIVE_WORDS = frozenset("money pay cash salary wage wages pension benefits security kids family children love fun visa mortgage "
                          "rent experience reputation title status".split())


def _candidates(doc: Any, keep: set[int], inside: set[int]) -> list[set[int]]:
    """What may go, lightest first: a filler word, "the" before a plural, a relativizer "that"; then a
    modifier phrase. Only ever inside the repeated run; never a negation, a subject or the root."""
    light, heavy = [], []
    words_kept = [i for i in keep if not doc[i].is_punct]
    last = max(words_kept) if words_kept else -1
    for t in doc:
        if t.i not in keep or t.i not in inside or t.is_punct or t.dep_ == "ROOT":
            continue
        low = t.text.lower()
        if low in _NEVER or any(c.dep_ == "neg" for c in t.children):
            continue
        if low == "at" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _AT_PHRASE or low in _AT_PHRASE and t.i > 0 and doc[t.i - 1].lower_ == "at":
            continue  # "why I do this at all": one phrase, never "this all"
        if t.dep_ in ("advmod", "intj") and low in _LIGHT or t.dep_ == "amod" and low in ("whole", "entire", "little"):
            light.append({t.i})
        elif t.dep_ == "det" and low == "the" and t.head.tag_ in ("NNS", "NNPS") and t.head.text.lower() not in _VERB_TOO and not (t.i > 0 and doc[t.i - 1].text.lower() in ("all", "both", "half")) and not (
                t.i + 1 < len(doc) and doc[t.i + 1].text.lower() in ("one", "ones")) and not any(
                c.tag_ in ("JJS", "RBS") or c.text.lower() in ("only", "same", "first", "last", "next", "other")
                or c.dep_ in ("relcl", "acl", "prep") for c in t.head.children):  # "the hardest problems", "the same pipelines" keep their "the"
            light.append({t.i})
        elif low == "that" and t.tag_ == "WDT" and t.dep_ not in ("nsubj", "nsubjpass"):
            light.append({t.i})
        elif low == "that" and t.dep_ == "mark" and not (t.i > 0 and doc[t.i - 1].lower_ in ("me", "you", "him", "her", "us", "them", "it")):
            light.append({t.i})  # never "it scares you you might": after a pronoun, the "that" keeps the two apart
        elif t.dep_ == "prep" and (not list(t.children) or any(c.dep_ == "pobj" and c.tag_ == "PRP" for c in t.children)):
            continue  # "talk to you", "with me": who it happens to is the point
        elif t.dep_ == "prep" and t.head.text.lower() in ("one", "ones", "person", "only", "thing", "guy", "kind", "sort", "type",
                                                           "someone", "somebody", "anyone", "anybody", "nobody", "everyone",
                                                           "something", "anything", "nothing", "people"):
            continue  # "the one in the room": what says which one
        elif t.pos_ == "PRON" or t.head.text.lower() in ("than", "as"):
            continue  # who is treated that way; what it is compared with
        elif t.dep_ == "npadvmod" and any(w.like_num for w in t.subtree):
            continue  # "four times": how often is the point
        elif t.dep_ == "npadvmod" and _opens_a_clause(t):
            continue  # "I feel sick every time the calendar invite comes": "every time" opens the clause after it
        elif t.dep_ == "prep" and low in ("for", "because") and any(w.lower_ in _MOTIVE_WORDS for w in t.subtree):
            continue  # "only took this job for the money": why they did it is the point
        elif t.dep_ == "npadvmod" and t.lower_ in ("week", "month", "year", "day", "fortnight", "shift") and any(
                w.like_num or w.lower_ in ("one", "a", "two", "three", "four", "five") for w in t.head.children):
            continue  # "one day a week": the rate is the point
        elif t.dep_ == "npadvmod" and any(w.text.lower() in ("part", "full", "over") for w in t.children):
            continue  # "going part time": what the move is
        elif t.dep_ == "prep" and (_counted(t) or _ends_on_number(t, keep)):
            continue  # "quit at 40", "cut by 4p a litre", "CPR for twenty minutes": the number is the point ("for 4 years" may go)
        elif t.dep_ == "prep" and max(w.i for w in t.subtree) == last and not _decoration(t):
            continue  # "spend all day in meetings about meetings": where a clause ends up is usually its point
        elif t.dep_ == "prep" and (low == "since" or any(w.tag_ in ("JJS", "RBS") for w in t.subtree)):
            continue  # "since design school" (how long it has mattered), "the hardest problems": the point
        elif t.dep_ == "prep" and not _decoration(t) and (low in ("like", "as", "than", "about", "without", "of") or (
                (t.head.pos_ in ("VERB", "AUX", "ADJ") or t.head.tag_ == "VBG" or t.head.text.lower().endswith("ing"))
                and not any(c.dep_ in ("dobj", "attr") for c in t.head.children)
                and t.i == next((c.i for c in t.head.children if c.dep_ == "prep"), None))):
            continue  # "be in the room", "feels like a step down": what the verb is about; "the door in that building" may go
        elif t.dep_ in ("prep", "npadvmod", "appos", "parataxis") and len(list(t.subtree)) <= 8 and sum(
                1 for w in t.subtree if w.is_alpha and not w.is_stop) <= 2 and not _misparsed(t) and not any(
                w.dep_ == "conj" for w in t.subtree):  # "on timetables and data drops": a list they gave is content
            heavy.append(_subtree_ids(t) & keep)  # "in standups", "at the depot"; never "for people ringing up in tears"
    heavy = [h for h in heavy if not any(doc[i].lower_ in _NEVER for i in h)]  # "was halfway through" keeps "halfway"
    return light + sorted(heavy, key=len)


def _trim_run(doc: Any, keep: set[int], text: str) -> set[int]:
    source = _words(text)
    for _ in range(6):
        joined = _join(doc, keep)
        if longest_run(joined, text) <= MAX_RUN:
            return keep
        kept = [t for t in doc if t.i in keep and _words(t.text)]
        words = [w for t in kept for w in _words(t.text)]
        if len(words) != len(kept):
            return keep  # a token that splits into several words: leave it as it is
        a, b = _run_span(words, source)
        inside = {t.i for t in kept[a:b]}
        middle = kept[(a + b) // 2].i
        options = [c for c in _candidates(doc, keep, inside) if len(keep - c) >= 3]
        if not options:
            return keep
        lightest = [c for c in options if len(c) == 1]
        pool = lightest or options[:3]
        drop = min(pool, key=lambda c: (len(c) if not lightest else 0, min(abs(i - middle) for i in c)))
        keep = keep - drop
    return keep


_TIME = re.compile(r"^(?:year|years|month|months|week|weeks|day|days|hour|hours|minute|minutes|night|nights|morning|"
                   r"mornings|evening|time|times|today|tonight|yesterday|weekend|weekends|quarter|sprint|shift|shifts|"
                   r"summer|winter|spring|autumn|fall|decade|decades|age|now|then|ago|lately|recently)$", re.I)


def _opens_a_clause(t: Any) -> bool:
    """ "every time", "each time", "the moment" followed by a clause with its own subject: a subordinator in
    two words; cut it and the clause after it hangs ("you feel sick the calendar invite comes")."""
    doc = t.doc
    return t.lower_ in ("time", "moment", "minute", "second", "day") and any(c.lower_ in ("every", "each", "any", "the") for c in t.children) \
        and any(w.dep_ in ("nsubj", "nsubjpass") for w in doc[t.i + 1:t.i + 5])


def _misparsed(t: Any) -> bool:
    """A subtree holding an "and" with nothing coordinated under it: the parse went wrong there ("for 4 yrs
    and the old head chef retird"), and cutting it would splice two thoughts into nonsense."""
    return any(w.dep_ == "cc" and not any(c.dep_ == "conj" for c in w.head.children) for w in t.subtree)


def _counted(prep: Any) -> bool:
    """ "for twenty minutes", "at 40", "by 4p a litre": a number that is the point (how long, how old, how
    much), unlike the years of a career ("for 22 years"), which are its background — unless it is what
    "never" is measured against ("I've never done that in 9 years")."""
    if not any(w.like_num for w in prep.subtree):
        return False
    return not any(w.lower_ in ("year", "years", "yrs", "yr") for w in prep.subtree) or bool(
        re.search(r"\b(?:never|first time|not once|haven'?t|hasn'?t)\b", prep.doc.text, re.I))


def _ends_on_number(prep: Any, keep: set[int]) -> bool:
    """ "I've been on the same team for five years": a duration that ends a short clause is what it says."""
    words = [i for i in keep if not prep.doc[i].is_punct]
    return bool(words) and len(words) <= 12 and any(w.like_num for w in prep.subtree) and max(w.i for w in prep.subtree) == max(words)


def _decoration(prep: Any) -> bool:
    """A time, place or frequency phrase ("for 22 years", "in the meeting", "every week"): droppable."""
    words = [t.text.lower() for t in prep.subtree]
    if prep.text.lower() in ("to", "into", "about", "with", "of", "from", "like", "than", "as", "without"):
        return False
    nouns = [t for t in prep.subtree if t.dep_ == "pobj"]
    if prep.lower_ == "in" and prep.i + 1 < len(prep.doc) and prep.doc[prep.i + 1].lower_ in ("every", "each") \
            and prep.head.lower_ in ("come", "comes", "came", "coming", "pop", "pops", "popped", "drop", "drops", "go", "goes", "went", "call", "calls"):
        return False  # "who comes in every day": "in" belongs to the verb, and how often is the point
    if any(_TIME.match(n.text) for n in nouns) or any(re.fullmatch(r"(?:19|20)\d\d", w) for w in words):
        return True  # "for 22 years", "in 2019"; never "for grade 7", "by 4p a litre": the number is the point
    return False  # "in standups", "in my cohort": where it happens is often the point


_DANGLING = re.compile(r"(?:\s+(?:i|i'm|i've|i'd|i'll|you're|we|the|a|an|which|who|my|your|(?<!\bit )(?<!\bthey )(?<!\bhe )"
                       r"(?<!\bshe )(?<!\bthat )(?<!\bthis )(?<!\bwe )(?<!\byou )(?:is|are|was)|"
                       r"and|but|or|because|so|until|when|while|after|before|if))+$", re.I)


def _join(doc: Any, keep: set[int]) -> str:
    parts: list[str] = []
    kept = [t for t in doc if t.i in keep]
    # a comma left between a subject and its verb, once what stood between them went: "the apprenticeship, went to Tyler"
    def _after(k: int) -> Any:
        return next((x for x in kept[k + 1:] if x.text != ","), None)

    kept = [t for k, t in enumerate(kept) if not (t.text == "," and t.head.dep_ in ("nsubj", "nsubjpass") and t.head.i < t.i
                                                  and _after(k) is not None and t.head.head.i == _after(k).i)]
    for k, t in enumerate(kept):
        parts.append(t.text)
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if nxt is not None and (t.whitespace_ or nxt.i != t.i + 1):
            parts.append(" ")
    out = "".join(parts).strip()
    out = re.sub(r"\s+([,;])", r"\1", out)
    out = re.sub(r"([,;])(?:\s*[,;])+", r"\1", out)  # a comma left beside another by a dropped phrase
    out = _DANGLING.sub("", out)
    out = re.sub(r"\s+([,;])", r"\1", out)
    out = re.sub(r"(?:\s+(?:and|but|or|because|so|until|when|while)|\s*,)+$", "", out)
    return out.strip(" ,;")


def _ok(doc: Any, keep: set[int], source: str) -> bool:
    return longest_run(_join(doc, keep), source) <= MAX_RUN and len(keep) <= 14
