"""Reflections built from the mentee's own clause: hedges trimmed, pronouns swapped, goals turned into
noun phrases, the feeling or the motivation underneath named when the words show it.

These are the offline voice's general-purpose reflections; coach/realize/heard.py has the ones that
depend on what kind of thing was said (someone else's view, a denial, a fear, a comparison…).
"""

from __future__ import annotations

import re

from coach import language as L
from coach import lexicon
from coach.realize.compress import core
from coach.realize.lines import Picker, voice
from coach.types import Analysis, Kind, Motivation, Move, Plan

MAX_REFLECTION_WORDS = 24
LAYERED_AT = 0.44  # a layered reflection keeps the mentee's own clause, so a less certain motivation may be offered

# ---- building reflections from the mentee's words -------------------------------------------

# What the mentee's words mean (curated cues) lives in coach/data/policy.toml [offline], each noted
# there; compiled once, at import. Grammar (pronouns, clause and question shapes) stays here.
_LEAD = lexicon.regex("offline", "lead")
_LOVE = lexicon.regex("offline", "love")
_HATE = lexicon.regex("offline", "hate")
_NEED = lexicon.regex("offline", "need")
_FEEL = lexicon.regex("offline", "feel")
_BECAUSE = lexicon.regex("offline", "because")
_HEDGED = lexicon.regex("offline", "hedged")
_MODAL = lexicon.regex("offline", "modal")
_OBLIGATION = lexicon.regex("offline", "obligation")
_UNSURE = lexicon.regex("offline", "unsure")
_ROLE_GOAL = lexicon.regex("offline", "role_goal")
_LACK = lexicon.regex("offline", "lack")
_NOT_LACK = lexicon.regex("offline", "not_lack")
_SOURCED = lexicon.regex("offline", "sourced")
_FELT_GOOD = lexicon.regex("offline", "felt_good")
_FELT_BAD = lexicon.regex("offline", "felt_bad")
_DRAINED = lexicon.regex("offline", "drained")
_NAMED_BAD = lexicon.regex("offline", "named_bad")
_UNSEEN = lexicon.regex("offline", "unseen")
_BRUSH_OFF = lexicon.regex("offline", "brush_off")
_NOT_A_FEELING = lexicon.words("offline_words", "not_a_feeling")
_NEGATIVE = lexicon.regex("offline", "negative")
_ALREADY_NAMED = lexicon.regex("offline", "already_named")

_SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(i|me|my|mine|myself|i'm|i've|i'd|i'll)\b", re.I)
_BUT = re.compile(r",?\s+\b(?:but|though|although|yet)\b\s+", re.I)
_WHETHER = re.compile(r"\bwhether (?:or not )?(?P<who>i|to)\s+(?P<should>should\s+)?(?P<x>[a-z][^.!?,;]{3,60})", re.I)

_STOP = frozenset("a an the to of in on at for and or but is are be it that this with my your i you me".split())


def _content(text: str) -> set[str]:
    return {w[:5] for w in L.words(text) if w not in _STOP and len(w) > 2}


def _object(x: str) -> str:
    """The object of "I love …", swapped: "it when people get unstuck" -> "the moments when people get unstuck"."""
    return re.sub(r"^it (when|that|if)\b", r"the moments \1", L.swap_pronouns(x.strip()))


_WHICH_BECAUSE = re.compile(r"^\W*(?:which|that)\s+(?:is|was|'s)\s+\w+(?:\s+\w+)?\s+because\s+", re.I)


_JOINER = re.compile(r"^\W*(?:(?:and|but|so|though|although|honestly|anyway|plus|also|still)\b[,]?\s+)+", re.I)


_WRAPPED = re.compile(r"^\W*(?:(?:it'?s|this is|this sounds|i know it'?s|i know this is) (?:stupid|silly|dumb|daft|weird|sad)(?:,)? but|(?:the )?(?:thing|problem|truth|point) is|what i mean is|to be honest|tbh|not (?:gonna|going to) lie|ngl|if i'?m (?:being )?honest|"
                      r"(?:fine|ok(?:ay)?|oh|nah|ya|yeah|yes)(?:[,.]\s*(?:fine|ok(?:ay)?|yes|yeah))*)[,:.]?\s+", re.I)
_TAG_QUESTION = re.compile(r",?\s+(?:don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|won'?t|can'?t|haven'?t|hasn'?t|do|does|is|are|am|was|have|has)\s+(?:i|you|it|we|they|he|she)\W*$", re.I)
_NO_SUBJECT = re.compile(r"^\W*(feels|seems|sounds|looks)\s+like\b", re.I)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+")


def _clause(sentence: str) -> str:
    sentence = _WHICH_BECAUSE.sub("", sentence)  # "Which is rich because every time I pitch…": the reason is the point
    sentence = _JOINER.sub("", sentence)  # "Though I hated…": the joiner leans on a sentence the reflection doesn't say
    sentence = _WRAPPED.sub("", sentence)  # "The thing is, I'm good at it…"
    sentence = _NO_SUBJECT.sub(lambda m: "It " + m.group(1).lower() + " like", sentence)  # "Feels like a pay cut."
    sentence = re.sub(r"^\W*(was|got|been)\s+(told|asked|offered|passed over|promoted|made|given|put)\b", lambda m: (
        "I was " if m.group(1).lower() != "been" else "I've been ") + m.group(2), sentence, flags=re.I)  # "Was told I'm too quiet"
    sentence = _EMOJI.sub("", sentence).strip()
    c = L.trim_hedges(re.sub(r"(\*{1,2}|_{1,2})(\w[^*_]*?)\1", r"\2", sentence))  # *love* -> love
    for _ in range(2):
        c = _LEAD.sub("", c)
    c = L.strip_end(c)
    c = _TAG_QUESTION.sub("", c)  # "I guess I do know, don't I" -> "I do know"
    c = re.sub(r"(?:,?\s+though|,\s*to be honest|,\s*honestly|,\s*anyway|,\s*maybe|,\s*mostly)$", "", c, flags=re.I)  # "…exists here though"
    c = re.sub(r"^not (really )?sure\b", "I'm not sure", c, flags=re.I)  # "Not really sure what…" has a subject
    if len(c.split()) > MAX_REFLECTION_WORDS:
        c = re.split(r"[,;:—–-]\s+|\s+(?:but|and then|which|although)\s+", c)[0]
    return c if 2 <= len(c.split()) <= MAX_REFLECTION_WORDS else ""


# a question, even without its question mark: "what do I do", "should I ask". "When I owned the billing
# export it felt good" is a statement, and is played back.
_WH_START = re.compile(r"^(?:(?:what|where|how|why|who|which)\b(?!\s+(?:i|we|my|our|the|a|an|it|people|someone|they|is|was|means|meant|makes|made)\b)|"
                       r"when\s+(?:do|does|did|will|would|can|could|should|is|are|was|were)\b|"
                       r"(?:should|can|could|would|will|do|does|is|are|am)\s+(?:i|we|you|it|they|there|he|she|my)\b)", re.I)
_PREAMBLE = re.compile(r"^\W*(?:ok(?:ay)?\s+so\s+|so\s+)?(?:where do i (?:even )?start|don'?t get me wrong|long story short|to cut a long story short|"
                       r"anyway|where was i|not sure where to begin|i don'?t know where to start)\b[^.!?]{0,20}$", re.I)
_LOGISTICS = re.compile(r"\b(?:appointment|i have \d+ minutes|gotta go at|in a meeting at|my bus|my train|at \d(?::\d\d)?\s*(?:am|pm)?\s+so)\b", re.I)


def _splice(sentences: list[str]) -> list[str]:
    """A long comma-spliced ramble ("ive been at the shop 7 years, started saturdays…, now im assistant manager
    which…") is read clause by clause, so a reflection can take its heart, not its first words."""
    out: list[str] = []
    for x in sentences:
        if len(x.split()) > 35:
            out += [c.strip() for c in re.split(r",\s+(?:and\s+|but\s+|now\s+|so\s+)?|\s+(?:and then|but honestly|which is)\s+", x)
                    if len(c.split()) >= 4]
        else:
            out.append(x)
    return out or sentences


# "Yeah.", "Haha." — a filler sentence carries nothing to play back
_FILLER = re.compile(r"^\W*(?:yeah|yes|yep|yup|ok(?:ay)?|right|exactly|true|haha+|lol|hmm+|well|so|anyway|i guess|idk)\W*$", re.I)
# "That's my favourite.", "That's what I love.", "That's the part I care about": points at the sentence before
_POINTER = re.compile(r"^\W*nothing else (?:does|gives|feels|comes|is)\b|^\W*(?:that|this) (?:part|bit)(?:'s| is) (?:real|it|the best|the good bit)\b|"
                      r"^\W*(?:and |yeah,? )?(?:that|this|it) (?:sounds|seems|feels|is|looks) (?:so |really |a bit |kind of )?(?:bad|awful|terrible|weird|silly|stupid|selfish|shallow|greedy|wrong|dumb|crazy)\b|"
                      r"^\W*(?:and |yeah,? )?(?:that|this|it)(?:'s| is| was)\s+(?:really |just |definitely )?(?:it|my favou?rite(?: part| bit| thing)?|"
                      r"the (?:best|real|whole|main) (?:part|thing|bit)|what i (?:love|like|enjoy|care about|want|need)(?: most)?|"
                      r"the part i (?:care about|love|like|enjoy)|when i(?:'m| am) (?:happy|happiest|at my best|most myself)|"
                      r"what i do|who i am|what i'?m (?:for|good at|about)|me|my (?:job|thing|whole thing))\b\W*$", re.I)
# "So I want the power to decide but not the people admin?": a statement to oneself, with a question mark
# "don't tell me what to do", "just listen": said to the coach, not about the mentee
_TO_COACH = re.compile(r"^\W*(?:please\s+|just\s+)?(?:don'?t|do not|stop|just|please)?\s*(?:tell|give|show|list|listen|help|stop)\b[^.!?]*\b(?:me|us)\b", re.I)
_SELF_QUESTION = re.compile(r"^\W*(?:so|and|but)?\s*i\s+(?:want|like|love|need|guess|think|am|'m|was|have|'ve|do|don't)\b", re.I)
_SIMILE = re.compile(r"^like\s+(?!,)", re.I)  # "Like I failed." leans on the sentence before it


def _source_sentence(a: Analysis) -> str:
    ev = a.motivations[0].evidence.text.strip() if a.motivations else ""
    sents_all = L.sentences(a.text)
    if ev and not ev.endswith("?") and not _WH_START.match(_LEAD.sub("", ev)) and not _SIMILE.match(ev) and not _POINTER.match(ev):
        longer = [x for x in sents_all if len(x.split()) >= 5 and x.strip() != ev]
        if not (len(ev.split()) < 5 and re.match(r"^\W*not\b", ev, re.I) and longer):
            return a.motivations[0].evidence.text  # "Not because of my manager." alone misses the point
    # never play a question back (with or without its question mark), a filler, a preamble ("where do I start"),
    # logistics ("I have 40 minutes"), or a pointer without what it points at
    sents_all = [x for x in _splice(sents_all) if not _FILLER.match(x) and not _PREAMBLE.match(x) and not _LOGISTICS.search(x)]
    if len(sents_all) > 1 and any(not _ONLY_UNSURE.match(x) for x in sents_all):
        sents_all = [x for x in sents_all if not _ONLY_UNSURE.match(x)]  # "I don't know." beside what they do know
    pointed = [sents_all[i - 1] for i, x in enumerate(sents_all) if i > 0 and _POINTER.match(x)]
    if pointed:
        return pointed[-1]
    sents = [s for s in sents_all if (not s.rstrip().endswith("?") or _SELF_QUESTION.match(s))
             and not _WH_START.match(_LEAD.sub("", s.strip())) and not _POINTER.match(s) and not _TO_COACH.match(s)]
    with_i = [s for s in sents if _FIRST_PERSON.search(s) and not _SECOND_PERSON.search(s)]
    return (with_i or sents or [""])[-1]


def _with_simile(a: Analysis, source: str) -> str:
    """ "It feels like a step down though. Like I failed." is one thought: played back whole, never "So you failed." """
    sents = L.sentences(a.text)
    if not _SIMILE.match(source.strip()) or source not in sents or sents.index(source) == 0:
        return source
    before = sents[sents.index(source) - 1]
    return re.sub(r"(?:,?\s+though)?[.!]+$", "", before.strip()) + " — " + L.lower_first(source.strip())


def simple_reflection(a: Analysis, pick: Picker) -> str | None:
    """A reflection of the mentee's own clause; if it would read as advice in the coach's mouth (a
    fragment like "Give talks at NeurIPS."), their words are quoted instead."""
    from coach import guard

    r = _simple_reflection(a, pick)
    if r and not guard.check(r, mentee_text=a.text).ok:
        return quote_reflection(a, pick)
    return r


def quote_reflection(a: Analysis, pick: Picker) -> str | None:
    source = _source_sentence(a)
    if _SIMILE.match(source.strip()) and len(a.text) <= 100:
        source = a.text  # quotes stay verbatim: the whole message rather than a fragment leaning on the one before
    if not source or len(source.split()) < 2:
        return None
    if re.search(r"\byou\s+(?:should|need to|have to|must|ought to|'d better|had better)\b", source, re.I):
        return None  # their generic "you need to…" inside the coach's quote marks still reads as an instruction
    return pick.line("reflect", "quote", quote=L.quote(source, 100))


_MAYBES = re.compile(r"(?:^|[.!?]\s+)\W*(?:maybe|perhaps|possibly)\s+(?P<x>[^.!?]{2,40})[.!?]\s+(?:or\s+)?(?:maybe|perhaps|possibly)\s+(?P<y>[^.!?]{2,40})", re.I)


def _options(a: Analysis, pick: Picker) -> str | None:
    """ "Maybe HR. Maybe a smaller company. I don't know yet." -> both held open, not one quoted."""
    m = _MAYBES.search(a.text)
    if not m:
        return None
    return pick.line("reflect", "options", x=L.strip_end(L.swap_pronouns(m.group("x"))), y=L.strip_end(L.swap_pronouns(m.group("y"))))


_ONLY_UNSURE = re.compile(r"^\W*(?:but\s+|and\s+|so\s+)?(?:i\s+)?(?:just\s+|really\s+|honestly\s+)?(?:don'?t|do not|dont)\s+know"
                          r"(?P<more>\s+(?:anymore|any more))?(?:\s+(?:yet|really|tbh|honestly))?\W*$|^\W*(?:i\s+)?(?:idk|dunno|no idea|"
                          r"not sure|i'?m not sure(?: anymore)?)\W*$", re.I)
_TENTATIVE = re.compile(r"^\W*(?:(?:but|and|so|or)\s+)?(?:maybe\s+)?(?P<x>.+?)(?:,?\s+maybe)?\W*$", re.I)


def unsure_with(a: Analysis, pick: Picker) -> str | None:
    """ "I think I'm good. I just don't know anymore." -> what they said, held with the doubt they added:
    "You think you're good — and now you're not so sure." "I don't know" beside content is never answered
    with a line that would fit anyone; a thought on each side of it is a bind ("you're not going to apply —
    and at the same time, you need the job")."""
    if _MAYBES.search(a.text):
        return None  # "Maybe HR. Maybe a smaller company. I don't know yet.": the options, both held open
    sents = [x for x in L.sentences(a.text) if not _FILLER.match(x) and not _TO_COACH.match(x)]
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
        return L.lower_first(L.swap_pronouns(clause)) if 1 <= len(clause.split()) <= 12 else ""

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


_UNSEEN = re.compile(r"^\W*(?:and\s+|but\s+)?(?:nobody|no one|noone|no-one)\s+(?:ever\s+|even\s+|really\s+)?(?:counts|sees|notices|cares about|values|"
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


def _and_that(a: Analysis, pick: Picker) -> str | None:
    """ "One guy thanked me for being kind about it. That almost made it worse.": the event, and what it did
    to them — the second sentence is the point, and means nothing without the first."""
    sents = L.sentences(a.text)
    if len(sents) < 2:
        return None
    unseen = _UNSEEN.match(sents[-1])
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


_IRONY = re.compile(r"^\W*(?:oh\s+)?(?:living the dream|livin'? the dream|can'?t wait|(?:oh|just|how)\s+(?:great|perfect|brilliant|lovely|fun)|"
                    r"love that for me|what (?:fun|a joy|a treat)|best job ever|thrilled|so fulfilling)\W*$", re.I)


def _irony(a: Analysis, pick: Picker) -> str | None:
    """ "I'm a PM. I 'align stakeholders'. Living the dream.": the tag is irony; what came before is what they said."""
    sents = L.sentences(a.text)
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
    return any(_IRONY.match(x) for x in L.sentences(text))


_ASIDE = re.compile(r"^(?P<said>.{3,80}?)\s*\((?P<aside>(?:it|that|this)\s*(?:isn'?t|is not|'s not|wasn'?t)|not really|it'?s not|lol no|no it isn'?t|"
                    r"i'?m not|not true|i lied)\W*\)\W*$", re.I)
_LOVE_HATE = re.compile(r"\blove\s+(?P<x>(?:the\s+|my\s+)?[\w\s'-]{2,30}?),?\s+(?:but\s+|and\s+)?hate\s+(?P<y>(?:the\s+|my\s+)?[\w\s'-]{2,30}?)\W*$", re.I)
_ELLIPSIS = re.compile(r"^\W*i\s+(?:do|did|can|could|have|had|am|was|will|would|don'?t|didn'?t|can'?t|haven'?t|won'?t|wouldn'?t|do not)\b(?!\s+(?:not|n't)?\s*\w+ing\b)(?=\s*[,.;]|\s+and\b|\s*$)", re.I)


_SENT_HERE = re.compile(r"\b(?P<who>my (?:manager|boss|line manager|team lead|supervisor|mentor|hr|company|director)|hr|work|they)\s+"
                        r"(?:booked (?:this|me in|it)|made me (?:come|do this|book)|sent me|signed me up|put me (?:on|in for|down for) (?:this|it))\b", re.I)


def _sent_here(a: Analysis, pick: Picker) -> str | None:
    """ "i dont even know why im here. my manager booked this": here on someone else's say-so — said plainly,
    and the time handed back to them."""
    m = _SENT_HERE.search(a.text)
    if not m:
        return None
    who = L.swap_pronouns(m.group("who")).replace("hr", "HR")
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
_THEN = re.compile(r"^\W*(?P<then>i\s+(?:wanted|dreamed|dreamt|was going|always thought i'?d)\b[^.!?]{3,60}?)\W*$", re.I)
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
    return None


def _elliptical(a: Analysis, pick: Picker) -> str | None:
    """ "He never had a choice about any of it. I do, and I'm wasting it.": "I do" means nothing without the
    sentence it answers, so that sentence comes first."""
    sents = L.sentences(a.text)
    for k in range(1, len(sents)):
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
_DONT_X = re.compile(r"^\W*i\s+(?:don'?t|do not)\s+(?P<v>hate|mind|dislike|regret)\b[^.!?]{2,50}$", re.I)


def _just_not(a: Analysis, pick: Picker) -> str | None:
    """ "I don't hate my job. I just don't love it anymore.": the second sentence corrects the first — both."""
    sents = L.sentences(a.text)
    for k in range(1, len(sents)):
        m = _JUST_NOT.match(sents[k])
        if m and _DONT_X.match(L.strip_end(sents[k - 1])):
            return pick.line("reflect", "just_not", left=L.swap_pronouns(L.strip_end(sents[k - 1])),
                             right=L.swap_pronouns(L.strip_end(m.group("x"))))
    return None


_BUT_START = re.compile(r"^\W*but\s+(?P<x>(?:i|i'?d|i'?m|i'?ve|my|the|it|that|they|he|she|we)\b[^.!?]{3,60}?)\W*$", re.I)


def _but_then(a: Analysis, pick: Picker) -> str | None:
    """ "the money at the agency is double. But I'd miss my team.": a thought and the "but" that answers it —
    both, never the first alone."""
    sents = [x for x in L.sentences(a.text) if not _FILLER.match(x)]
    for k in range(len(sents) - 1, 0, -1):
        m = _BUT_START.match(sents[k])
        prev = L.strip_end(re.sub(r"^\W*(?:not (?:gonna|going to) lie|honestly|tbh|ngl)[,:]?\s+", "", sents[k - 1], flags=re.I))
        if m and 3 <= len(prev.split()) <= 14 and not prev.endswith("?") and not _WH_START.match(prev):
            return pick.line("reflect", "two_sided", left=L.lower_first(L.swap_pronouns(prev)),
                             right=L.lower_first(L.swap_pronouns(L.strip_end(m.group("x")))))
    return None


def shaped(a: Analysis, pick: Picker) -> str | None:
    """Thinking aloud heard as such: the first shape that fits (each needs its own words to be there)."""
    shapes = (_noticed_or_tentative, _sent_here, _who_would, trade, _then_now, _irony, _aside, _love_hate, _just_not,
              _elliptical, _only_thing, _thats_what_i, _double_negative, _not_this, _and_that, _options, unsure_with, _but_then)
    return next((r for r in (f(a, pick) for f in shapes) if r), None)


def _simple_reflection(a: Analysis, pick: Picker) -> str | None:
    from coach.realize.heard import used_to, wondering

    options = shaped(a, pick) or used_to(a.text, pick) or wondering(a.text, pick)
    if options:
        return options
    if a.goal and not _SECOND_PERSON.search(a.goal) and not _WHETHER.search(a.text):
        g = L.gerund(L.swap_pronouns(a.goal))
        if len(g.split()) <= 14:
            key = "goal_np" if not L.is_verb_phrase(a.goal) else "goal_role" if _ROLE_GOAL.search(a.goal) else "goal"
            r = pick.line("reflect", key, gerund=g)
            if r:
                return r
    source = _with_simile(a, _source_sentence(a))
    lead_in = _LEAD_IN.match(source)
    if lead_in:  # "Two things at once, sorry: my visa is tied…": the things, not the announcement
        source = lead_in.group("x")
    sents = L.sentences(a.text)
    but = _ONLY_THAT.match(source)
    if but and source in sents and sents.index(source) > 0:
        # "I ship more than anyone. It's just that I don't talk about it in standups.": the second half
        # qualifies the first; both, held together
        prev = L.strip_end(L.trim_hedges(sents[sents.index(source) - 1]))
        rest = L.strip_end(but.group("x"))
        if _FIRST_PERSON.search(prev) and 3 <= len(prev.split()) <= 12 and 3 <= len(rest.split()) <= 12:
            r = pick.line("reflect", "two_sided", left=L.lower_first(L.swap_pronouns(prev)), right=L.lower_first(L.swap_pronouns(rest)))
            if r:
                return r
    if _BRUSH_OFF.match(_clause(source) or "") and source in sents and sents.index(source) + 1 < len(sents):
        rest = _clause(sents[sents.index(source) + 1]) or L.strip_end(L.trim_hedges(sents[sents.index(source) + 1]))
        if rest and len(rest.split()) <= 3 and not _FIRST_PERSON.search(rest):
            source = "I'm " + L.lower_first(rest)  # "I'm fine. Just fed up." -> "I'm fed up"
    clause = _clause(source)
    if not clause or _SECOND_PERSON.search(clause):
        return None
    # "I don't think I want to be a PI": the no, said plainly (the hedge would read as a want played back)
    clause = re.sub(r"\b(I)\s+don'?t\s+think\s+i\s+(want|need|like|enjoy)\b", r"\1 don't \2", clause, flags=re.I)
    if len(clause.split()) <= 4 and not _FIRST_PERSON.search(clause) and not re.search(r"\b(is|are|was|were|do|does|did|have|has)\b", clause, re.I):
        r = pick.line("reflect", "fragment", clause=L.lower_first(L.swap_pronouns(clause)))
        if r:
            return r
    if _UNSURE.search(clause) and len(clause.split()) <= 5:
        r = pick.line("reflect", "unsure")
        if r:
            return r
    w = _WHETHER.search(source)
    if w:
        # "whether to go deep on data" / "whether I enjoy the analysis" (-> "whether you enjoy…", never "whether to enjoy…")
        key = "whether" if w.group("who").lower() == "to" or w.group("should") else "whether_i"
        r = pick.line("reflect", key, clause=L.strip_end(L.swap_pronouns(w.group("x"))))
        if r:
            return r
    heading = bool(getattr(pick.state, "goals", None) or getattr(pick.state, "thread", ""))
    m = _BECAUSE.match(L.trim_hedges(source))
    if m and heading:  # "part of the pull is that…" needs something it is part of
        return pick.line("reflect", "because", clause=L.lower_first(L.strip_end(L.swap_pronouns(m.group("x")))))
    for pat, key in ((_LOVE, "love"), (_HATE, "hate"), (_NEED, "need")):
        m = pat.match(clause)
        if m:
            if key == "love" and re.match(r"^i (?:really |just |do )?like\b", clause, re.I):
                key = "like"  # "I like my job" is not "you really enjoy your job"
            return pick.line("reflect", key, object=_object(m.group("x")))
    m = _FEEL.match(clause)
    if m and (m.group("adj") or "").lower() not in _NOT_A_FEELING:
        return pick.line("reflect", "feel", object=L.swap_pronouns(m.group("x") or m.group("adj")))
    m = _BECAUSE.match(clause)
    if m and heading:
        return pick.line("reflect", "because", clause=L.lower_first(L.swap_pronouns(m.group("x"))))
    if m:
        clause = m.group("x")  # "Because I'm thinking about leaving" with nothing before it: the clause itself
    inf = re.match(r"^\W*to\s+(?P<v>[a-z]+)\b(?P<rest>.*)$", clause, re.I)
    if inf and L.is_verb_phrase(inf.group("v")) and len(clause.split()) <= 14:
        # "To create, and that people know it is me who create it." answers a question: what they want, as an activity
        rest = re.sub(r"^(,?\s+and)\s+that\s+", r"\1 ", inf.group("rest"))
        r = pick.line("reflect", "gerund_fragment", clause=L.swap_pronouns(L.gerund(inf.group("v")) + rest))
        if r:
            return r
    if re.match(r"^(?!(?:no|some|any|every)?thing\b|morning\b|evening\b)[a-z]+ing\b", clause, re.I) and "," not in clause and not re.search(
            r"\b(is|are|was|were|'s|matters?|makes|made|feels|felt|keeps|gives|means|seems|has|have|had|does|did|"
            r"would|could|will|can|should|might|must|'d|'ll)\b", clause, re.I):
        r = pick.line("reflect", "gerund_fragment", clause=L.lower_first(L.swap_pronouns(clause)))  # "Having an impact"
        if r:
            return r
    swapped = L.lower_first(L.swap_pronouns(core(clause)))
    if _OBLIGATION.search(swapped):
        return None  # "you need to …" in the coach's mouth reads as advice: name the meaning instead
    sides = _BUT.split(clause, maxsplit=1)
    if len(sides) == 2 and all(3 <= len(x.split()) <= 12 for x in sides) and not _OBLIGATION.search(swapped):
        # a double-sided reflection: both things they said, held together (a complex reflection)
        left, right = (L.strip_end(L.swap_pronouns(x.strip(" ,"))) for x in sides)
        r = pick.line("reflect", "two_sided", left=L.lower_first(left), right=L.lower_first(right))
        if r:
            return r
    if _HEDGED.match(source.strip()) or _MODAL.search(swapped) and not swapped.lower().startswith("you"):
        # "Maybe UX research would fit me better" is a wondering, not a verdict: keep it theirs
        r = pick.line("reflect", "wonder", clause=swapped)
        if r:
            return r
    from coach import guard

    if not _FIRST_PERSON.search(clause) and not guard.check(L.upper_first(swapped) + ".").ok:
        return quote_reflection(a, pick)  # "give talks at NeurIPS" would read as an instruction in any frame
    key = "plain" if _FIRST_PERSON.search(clause) else "third_person"
    return pick.line("reflect", key, clause=swapped)


def _bedrock_phrase(obj: str) -> str:
    """A bedrock is named as a need, a love or an activity ('helping people understand things'); a
    situation ('new people come to you when they're stuck') is not offered as bedrock."""
    if not obj:
        return ""
    obj = re.sub(r"^the idea of\s+", "", obj, flags=re.I)  # "the idea of building a team culture"
    m = re.match(r"^you (?:really |deeply |just )?care (?:about|that)\s+(?P<x>.+)$", obj, re.I)
    if m:
        obj = "caring about " + m.group("x")  # "you care about people growing"
    if obj.lower().startswith("to ") and len(obj.split()) > 1:
        obj = L.gerund(obj[3:])  # "to learn new technology" -> "learning new technology"
    first = obj.split()[0].lower()
    return obj if first.endswith("ing") and first not in {"nothing", "something", "anything", "everything"} else ""


def complex_reflection(a: Analysis, plan: Plan, pick: Picker) -> str | None:
    # only a motivation the policy judged clear enough is named back (plan.motivation)
    mot = plan.motivation
    if mot is Motivation.NEXT_RUNG and plan.ask:
        mot = None  # "the next rung is the default" followed by "what draws you to that?" contradicts itself
    if mot is not None:
        r = pick.line("complex", mot.value)
        if r:
            return r
    if a.has(Kind.FEELING) and abs(a.sentiment) > 0.3:
        r = pick.line("complex", "feeling_negative" if a.sentiment < 0 else "feeling_positive")
        if r:
            return r
    return None


_PRONOUN_OBJECT = re.compile(r"^(that|it|this|those|these)$", re.I)
_THATS_WHAT = lexicon.regex("offline", "thats_what")


def bedrock_object(text: str, prefer: str = "") -> str:
    """'I think I just like making things easier for people' -> 'making things easier for people'.

    `prefer` is the sentence the analyzer found most bedrock-like; it is tried first. "X. That's what
    I enjoy." and "I like that." point back to the sentence before, which is used instead."""
    sents = L.sentences(text) or [text]
    order = ([prefer] if prefer else []) + list(reversed(sents))
    for sent in order:
        c = _clause(sent)
        if not c:
            continue
        if _THATS_WHAT.match(c) or re.fullmatch(r"i (?:really |just )?(?:love|like|enjoy) (?:that|it)", c, re.I):
            i = sents.index(sent) if sent in sents else -1
            if i > 0:
                prev = _clause(sents[i - 1])
                if prev and not _SECOND_PERSON.search(prev):
                    return L.lower_first(L.swap_pronouns(prev))
            continue
        for pat in (_LOVE, _NEED):
            m = pat.match(c)
            if m:
                x = _object(m.group("x"))
                if pat is _NEED:
                    x = "needing " + x
                if _PRONOUN_OBJECT.match(x):
                    break
                return x
        else:
            if _SECOND_PERSON.search(c) or _OBLIGATION.search(L.swap_pronouns(c)) or len(c.split()) < 2:
                continue
            if re.search(r"\b(don'?t|not|no) know\b", c, re.I):
                continue
            return L.lower_first(L.swap_pronouns(c))
    return ""


_NOT = re.compile(r"\bnot\s+(?:the\s+)?(?P<x>[a-z][a-z ]{1,30}?)(?:[,.!?;]|\s+ever\b|$)", re.I)
_EXPERIMENT = lexicon.regex("offline", "experiment")
_SHOULD_I = re.compile(r"\b(?:should i|whether (?:or not )?i should|if i should)\s+(?P<x>[^?.!]{3,80})", re.I)


def layered(plan: Plan, a: Analysis, pick: Picker) -> str | None:
    """The mentee's clause with the motivation underneath it named (a complex reflection). A lack
    ("My name wasn't even on the slide") gets the need it leaves unmet named, not a wish in its place."""
    lack = unmet(plan, a, pick)
    if lack:
        return lack
    if not is_desire(a):
        return None  # "I am developer 4 years" is a fact: a motivation layered on it is a guess in their mouth
    mot = plan.motivation or (a.top_motivation if a.motivations and a.motivations[0].confidence >= LAYERED_AT else None)
    if mot is None or mot is Motivation.NEXT_RUNG or a.goal:
        return None  # a goal's "why" is not heard yet; "the next rung" is a default, not something that matters
    if not lexicon.any_match(lexicon.group("motivation_keywords", mot.value), a.text):
        return None  # the meaning is named only when their words name it too, never on the classifier's guess
    clause = _clause(_source_sentence(a))
    if not clause or _SECOND_PERSON.search(clause) or not 4 <= len(clause.split()) <= 14 or a.sentiment < -0.2:
        return None  # no layering on fragments, long rambles, or pain (stay with what was said)
    if _NEGATIVE.search(clause) or _BUT.search(clause) or _ALREADY_NAMED.search(clause):
        return None  # "It pays well but it feels empty" is not about security; "Belonging matters" is named already
    swapped = L.lower_first(L.swap_pronouns(core(clause)))
    meaning = voice()["meaning"][mot.value]
    if _OBLIGATION.search(swapped) or _content(meaning) & _content(clause):
        return None  # they already said it in those words: naming it again adds nothing
    return pick.line("layered", "lines", clause=swapped, meaning=meaning)

def felt(a: Analysis, pick: Picker) -> str | None:
    """Their clause with the feeling in it named, when they showed it but didn't name it: "All I did was
    chase people for updates" -> "…; there's real frustration in that" (a complex reflection)."""
    lh = _love_hate(a, pick)  # "love the patients, hate the rota": both, not the frustration alone
    if lh:
        return lh
    if a.goal:
        return None
    source = _with_simile(a, _source_sentence(a))
    clause = _clause(source)
    if not clause or _SECOND_PERSON.search(clause) or not 3 <= len(clause.split()) <= 16:
        return None
    swapped = L.lower_first(L.swap_pronouns(core(clause)))
    if _OBLIGATION.search(swapped) or re.match(r"^i (?:really |just )?(?:want|'d like|would like|wish)\b", clause, re.I):
        return None  # a wish gets its own reflection, not a feeling
    good, bad = _FELT_GOOD.search(source), _FELT_BAD.search(source)  # the feeling must be in the sentence played back
    if good and not bad:
        return pick.line("layered", "felt_good", clause=swapped)
    if bad and not good and not _NAMED_BAD.search(a.text):  # "It's frustrating when…" is named already
        key = ("felt_unseen" if _UNSEEN.search(source) else "felt_drained" if _DRAINED.search(source)
               else "felt_alone" if re.search(r"\b(nobody|no one) helped|\blost when\b", source, re.I) else "felt_bad")
        return pick.line("layered", key, clause=swapped)
    return None

def unmet(plan: Plan, a: Analysis, pick: Picker) -> str | None:
    mot = plan.motivation or (a.top_motivation if a.motivations and a.motivations[0].confidence >= LAYERED_AT else None)
    if mot is None or mot is Motivation.NEXT_RUNG or a.goal or a.sentiment < -0.2 or a.sentiment >= 0.3:
        return None
    clause = _clause(_source_sentence(a))
    if not clause or _SECOND_PERSON.search(clause) or not 4 <= len(clause.split()) <= 14:
        return None
    if not _LACK.search(clause) or _NOT_LACK.search(clause) or _BUT.search(clause):
        return None  # "I don't need people reporting to me" is a choice, not a lack; "Nobody had to check my work" is pride
    swapped = L.lower_first(L.swap_pronouns(core(clause)))
    if _OBLIGATION.search(swapped):
        return None
    return pick.line("layered", "unmet", clause=swapped, meaning=voice()["meaning"][mot.value])

def reflection(plan: Plan, a: Analysis, pick: Picker) -> str | None:
    heard_shape = shaped(a, pick)  # "I'd take less money to…", "I don't know. …": the shape of what was said first
    if heard_shape:
        return heard_shape
    shown = felt(a, pick)
    if shown:
        return shown
    if (plan.complex and plan.depth % 2 == 1) or (plan.motivation is None and plan.move is Move.DEEPEN):
        r = layered(plan, a, pick)
        if r:
            from coach import guard

            if guard.check(r, mentee_text=a.text).ok:
                return r
    # what they said matters to them, named as what matters (a complex reflection in their words); else their
    # words restated. A motivation named on its own would fit anyone (the moves add it after words).
    r = unsure_with(a, pick) or matters(a, pick) or simple_reflection(a, pick)
    if r is None and a.text.strip() and not a.has(Kind.AFFIRM):
        r = quote_reflection(a, pick)
    return r


def matters(a: Analysis, pick: Picker) -> str | None:
    """ "I want them to ask me before they change the floor layout" -> "So for you it's about them asking you
    before they change the floor layout." Only for a value the mentee stated (coach/mentor/values.py)."""
    from coach.mentor.values import values

    if a.goal or a.has(Kind.QUESTION) or is_irony(a.text):
        return None  # a goal gets its own reflection; its "why" is not heard yet; "living the dream" is no value
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]*", a.text) if m.group(0).strip()]
    found = values(a.text, spans, a, after_question=True)
    if not found:
        return None
    phrase = L.strip_end(found[-1].phrase)
    if not (1 <= len(phrase.split()) <= 14) or _FINITE.search(phrase) or _SECOND_PERSON.match(phrase):
        return None
    return pick.line("reflect", "matters", phrase=phrase)


def is_desire(a: Analysis) -> bool:
    """A goal, a wish, a love: the 'why' questions fit. A situation or a fact gets other questions."""
    if a.has(Kind.GOAL) or a.goal:
        return True
    source = _source_sentence(a)
    clause = _clause(source) or ""
    if _HEDGED.match(source.strip()) or _MODAL.search(clause):
        return True
    if _LOVE.match(clause) or _NEED.match(clause) or re.match(r"^i (?:really |just )?(?:want|wish|hope|'d like|would like|care)", clause, re.I):
        return True
    if _NEGATIVE.search(clause) or re.search(r"\b(?:was|were|did|had|got|used to|last (?:week|month|year|quarter))\b", clause, re.I):
        return False  # a loss, a lack or a past event: ask about it, not "what would that give you?"
    return bool(a.motivations) and a.sentiment >= 0 and not a.has(Kind.FEELING) and bool(_FIRST_PERSON.search(clause))


_FINITE = re.compile(r"\b(?:is|are|was|were|isn't|aren't|wasn't|'s|'re|do|does|doesn't|don't|did|didn't|can|can't|will|"
                     r"won't|would|should|could|has|have|had)\b", re.I)


def meaning_line(a: Analysis, plan: Plan, pick: Picker, said: str) -> str | None:
    """A complex reflection to follow their words: what matters in what they said, named only with
    evidence in it — a value they stated (coach/mentor/values.py), a feeling word, or a motivation they
    named in so many words. None when there is no such evidence: no guess is put in their mouth."""
    from coach.mentor.values import values

    text = a.text
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]*", text) if m.group(0).strip()]
    found = values(text, spans, a, after_question=True)
    if found and not _content_overlap(L.strip_end(found[-1].phrase), said):
        line = matters(a, pick)
        if line:
            return line
    mot = plan.motivation
    if mot is not None and mot is not Motivation.NEXT_RUNG and lexicon.any_match(lexicon.group("motivation_keywords", mot.value), text):
        meaning = voice()["meaning"][mot.value]
        if not _content(meaning) & _content(said):
            return pick.line("complex", mot.value)
    return link(a, pick, said) or sense(a, pick, said)


_IDENTITY = re.compile(r"\bi(?:'m| am)\s+(?:someone|a person|the (?:one|kind of person|person|type))\s+who\b|\bthat'?s (?:just )?who i am\b", re.I)
_AGAIN = re.compile(r"\b(?:every (?:time|single time|week|day|month|quarter)|again and again|over and over|always|keeps?|kept|"
                    r"(?:third|fourth|fifth|nth) time|yet again)\b", re.I)


def sense(a: Analysis, pick: Picker, said: str) -> str | None:
    """What the words carry beyond their content, named only where the words show it: who they are ("I'm
    someone who…"), something that keeps happening ("every time", "always"), a weight or a lift in how it
    is said (the sentiment lexicon's reading of their own words)."""
    text = a.text
    if _IDENTITY.search(text):
        return pick.line("reflect", "identity")
    if _AGAIN.search(text) and a.sentiment < -0.1:
        return pick.line("reflect", "again")
    if a.sentiment <= -0.4 and not _NAMED_BAD.search(said) and not re.search(r"\b(?:stupid|silly|dumb|daft|weird)\s*,?\s+but\b", text, re.I):
        return pick.line("reflect", "weight")
    if a.sentiment >= 0.5 and not a.goal and any(f.valence > 0 for f in a.hearing.feelings):
        return pick.line("complex", "feeling_positive")  # a feeling they showed, never a lexicon's guess ("the app was free")
    return None


def link(a: Analysis, pick: Picker, said: str) -> str | None:
    """This message touches a value they stated earlier in the session (a shared content word): the thread
    between the two, named — a collecting reflection whose evidence is both of their sentences."""
    earlier = [v for v in getattr(pick.state, "values", None) or [] if v.get("phrase")]
    now = _content(a.text)
    for v in reversed(earlier[:-1] if earlier and earlier[-1].get("phrase") in a.text else earlier):
        phrase = L.strip_end(str(v["phrase"]))
        if now & _content(phrase) and not _content_overlap(phrase, said) and len(phrase.split()) <= 12 and not _FINITE.search(phrase):
            return pick.line("reflect", "link", phrase=phrase)
    return None


def _content_overlap(phrase: str, said: str) -> bool:
    """Most of the phrase is already in what was said back: naming it again adds nothing."""
    p = _content(phrase)
    return bool(p) and len(p & _content(said)) >= max(1, len(p) // 2 + 1)
