"""Hearing one message: the speech act, claims with holder and polarity, feelings, language, form.

    hear(text, …) -> Hearing        (coach/types.py; stored with the turn, shown in `chat --json`)

The parts live beside this module: acts.py (what kind of thing was said), claims.py (wants, values,
fears, denials, comparisons, hypotheticals, other people's views), feelings.py (feelings and life
events), langid.py (language and mixed-language messages), parse.py (the spaCy parser).
"""

from __future__ import annotations

import re

from coach import language as L
from coach import lexicon
from coach.analyze import acts, claims, feelings
from coach.analyze.about import about
from coach.analyze.irony import ironic
from coach.analyze.langid import read_language
from coach.analyze.parse import parse
from coach.analyze.pointing import VALUE_OF_THAT, told_before
from coach.types import Act, Claim, Feeling, Hearing, Kind

PARSED_CHARS = 1200  # the parser reads this much of a message; a long paste is heard by its first part
LONG_CHARS = 450  # a message longer than this (or of more than 6 sentences, or 4 lines) is a paste, not a turn of talk
LONG_SENTENCES = 6
# ... and that many sentences make a paste only past this length: a lower-case typer's seven short sentences
# ("no language. 15 years he trust me. that is the whole thing for me") are one turn of talk
LONG_SENTENCES_CHARS = 300
LONG_LINES = 4
_REQUEST_LEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|well|honestly|please|look|listen|hey|coach)[,!.]?\s+)*(?:could|can|would|will|won'?t)\s+you\s+(?:please\s+|just\s+|maybe\s+|kindly\s+)*"
    r"|^\W*(?:please\s+|just\s+)+|^\W*(?:i need you to|i want you to|i'd like you to)\s+(?:just\s+)?", re.I)
_FIRST = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself|mine)\b", re.I)


def hear(text: str, kinds: list[Kind], *, after: str = "", markup: bool = False, code: bool = False,
         original_length: int = 0, lines: int = 1, pasted: str = "") -> Hearing:
    """`pasted`: the part of the message that is someone else's text ("Got this on LinkedIn:" and the
    recruiter's message after it), whose "I" is not the mentee's."""
    lang = read_language(text)
    h = Hearing(language=lang.language if lang.language != "und" else "en", mixed=lang.mixed, english=lang.english,
                markup=markup, code=code, pasted=pasted)
    sents = L.sentences(text)
    h.long = (max(original_length, len(text)) > LONG_CHARS or len(sents) > LONG_SENTENCES and len(text) > LONG_SENTENCES_CHARS
              or (lines >= LONG_LINES and len(text) > 150))
    if pasted and _squash(text) == pasted:
        h.long = True  # the whole message is the text a message before announced: met as a paste, whatever its length
    heard = lang.english if lang.mixed else text
    if code or not heard.strip():
        h.act = acts.speech_act(text, kinds, after=after)
        return h
    h.claims = _claims(heard)
    h.feelings = feelings.shouted(heard, feelings.feelings(heard))
    h.event, h.event_text = feelings.event(heard)
    if h.event == "good_news":  # "…got into the national ballet youth program!!! I cried in the hallway 😭😭": tears of joy
        h.feelings = [Feeling("joy", 1, f.intensity, f.text, f.about) if f.name == "upset" and re.search(r"cr(?:y|ied|ying)|tears|shak(?:ing|en)|trembl", f.text, re.I)
                      else f for f in h.feelings]
    strong = any(f.intensity >= 0.7 for f in h.feelings) and len(heard.split()) <= 40
    own = text.replace(pasted, " ") if pasted and pasted in text else text  # a pasted email's requests are not theirs
    h.act = acts.speech_act(own, kinds, after=after, event=h.event, strong_feeling=strong)
    if h.act in (Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION):
        h.request = request_phrase(heard)
    if h.act is Act.CORRECTION:
        h.correction = correction_content(heard)
    h.focus = focus(heard, h, pasted=pasted)
    h.ironic = ironic(heard)
    if not h.long and not pasted:
        h.pointed, h.pointer = told_before(heard, points_back)
    if h.language == "en" and not h.mixed and not h.long:
        h.about = about(h.focus)
    return h


def _claims(text: str) -> list[Claim]:
    # the parse is asked for only where patterns leave a holder open ("The recruiter told me I'd be…"):
    # most messages never need it, and a one-line script then never waits for the parser to load
    doc = parse(text[:PARSED_CHARS]) if claims.may_hold_a_view(text) else None
    # "Everyone — my partner, my sister, my old cohort — says get out": the list between dashes blanked (same length,
    # so every span still points into the text) and the holder meets its verb
    undashed = re.sub(r"(?<=\w)\s+[—–]\s+[^—–.!?]{2,70}?\s+[—–]\s+(?=\w)", lambda m: " " * len(m.group(0)), text)
    theirs = claims.others(undashed, doc)
    for held in theirs:
        held.text = text[held.start:held.end].strip() if undashed != text else held.text
    found = theirs + claims.denied(text) + claims.refused(text) + claims.compared(text) + claims.feared(text)
    offset = 0
    for s in L.sentences(text)[:8]:
        i = text.find(s, offset)
        offset = max(offset, i)
        c = claims.hypothetical(s, max(i, 0))
        if c is not None:
            found.append(c)
    found.sort(key=lambda c: c.start)
    return found


def request_phrase(text: str) -> str:
    """ "Could you just list what I need to do to make lead?" -> "list what I need to do to make lead"."""
    first = next((s for s in L.sentences(text) if "?" in s or _REQUEST_LEAD.match(s)), text)
    x = _REQUEST_LEAD.sub("", first.strip())
    return L.strip_end(x.rstrip("?!. ")).strip()


def correction_content(text: str) -> str:
    """What the mentee put in place of the misread: "No, that's not what I meant. It's about the work
    itself." -> "It's about the work itself". Empty when they only said it was wrong."""
    rest = text
    for pat in lexicon.cues("acts", "correction"):
        m = pat.search(rest)
        if m:
            rest = rest[m.end():] if m.start() < 4 or m.end() > len(rest) * 0.5 else rest[:m.start()] + rest[m.end():]
    rest = re.sub(r"^[\s,.;:!?—–-]*(?:(?:no|nope|not really|sorry|lol|haha|at all|though|me)\b[\s,.;:!?—–-]*)*", "", rest, flags=re.I)
    rest = rest.strip()
    return rest if len(rest.split()) >= 3 else ""


_SORRY_WORDS = re.compile(r"^\W*(?:sorry|desculpa|perd[oó]n|przepraszam|entschuldigung|excuse me)\b[^.!?]{0,40}\b(?:english|say wrong|said wrong|"
                          r"write wrong|wrote wrong|explain(?:ed)? (?:wrong|bad)|say (?:it )?bad)\b[^.!?]{0,30}[.!?]?\s*$", re.I)


def focus(text: str, h: Hearing, pasted: str = "") -> str:
    """The sentence most worth reflecting: the most self-reference and feeling, not a question, not
    someone else's view (unless that is all there is), not a sentence of a text they pasted."""
    # a pasted list or markdown ("## Stay - **fieldwork** … > my gut says stay."): each item, heading or quote is its own line
    sents = [x.strip(" >-*#") for s0 in L.sentences(text) for x in re.split(r"\s(?=(?:[-*+]|#{1,6}|>|\d+\.)\s)", s0) if x.strip(" >-*#")][:16]
    # "Sorry, maybe I say wrong.": an apology for their English is never the heart of what they said
    sents = [x for x in sents if not _SORRY_WORDS.match(x)] or sents
    if not sents:
        return ""
    best, best_score = sents[0], -99.0
    others = [c for c in h.claims if c.holder != "self"]
    theirs = [x for x in sents if not (pasted and _squash(x) in pasted)]
    if theirs and len(theirs) < len(sents):
        sents = theirs  # the recruiter's "I'm working with…" is not the mentee speaking
    for i, s in enumerate(sents):
        score = 2.0 * len(_FIRST.findall(s)) ** 0.5
        score -= 3.0 if _PREFACE.search(s) else 0  # "I'll be brief as I've done hundreds of these": how, not what
        score += sum(1.0 for f in h.feelings if f.text in s)
        score += 1.5 if h.event_text and h.event_text in s else 0
        score += 1.0 if any(c.text and c.text in s for c in h.claims if c.holder == "self") else 0
        score -= 2.5 if s.rstrip().endswith("?") else 0
        score -= 1.0 if any(c.text and c.text[:30] in s for c in others) else 0
        score += 2.5 if _CANDID.search(s) else 0  # "The truth is I haven't prayed properly for a year"
        score -= 2.0 if _ABOUT_THIS.search(s) else 0  # "I'm not sure how this works, my daughter set it up"
        score -= 4.0 if _PASTE_PREAMBLE.search(s) or _HEADER.search(s) else 0  # "pasting my review, sorry its long:", "MID-YEAR REVIEW — R. Okafor"
        score += 1.5 if i + 1 < len(sents) and points_back(sents[i + 1]) else 0  # "…he's grown a whole size. That's my favourite thing."
        score -= 0.1 * i  # earlier sentences of a long paste first, when tied
        score -= 1.5 if len(s.split()) > 40 else 0
        if score > best_score:
            best, best_score = s, score
    return best


def _squash(text: str) -> str:
    return " ".join(text.split())


_PREFACE = re.compile(r"\b(?:i'?ll be brief|i'?ll keep (?:it|this) (?:short|brief)|bear with me|long story short|to give you (?:some )?context|"
                      r"quick (?:background|context)|i'?ll try to be quick)\b", re.I)
# "Got this on LinkedIn this morning:", "This came round Friday:": what follows, up to a blank line, is someone else's
_GOT_THIS = re.compile(r"(?:^|\n)[^\n]{0,120}(?:(?:\b(?:got|had|received|just got|sent me|forwarded|look at|read) this\b|\bthis (?:came|arrived|landed|dropped|was sent)\b)[^\n]{0,60}:"
                       r"|\b(?:pasting|pasted|copying|copied|forwarding|screenshot of)\b[^\n]{0,100})\s*\n", re.I)


# "Got this on LinkedIn this morning:", "here's what my boss sent:": a paste announced, to come in the next message
ANNOUNCED = re.compile(r"^[^\n]{0,80}(?:\b(?:got|had|received|just got|sent me|forwarded|look at|read) this\b|\bthis (?:came|arrived|landed|dropped|was sent)\b|"
                       r"\bhere(?:'s| is) (?:what|the (?:message|email|mail|text|dm|note|letter|review|ad|post))\b|\b(?:pasting|copying|forwarding)\b)"
                       r"[^\n]{0,60}:\s*$", re.I)


def whole_paste(raw: str, before: str) -> str:
    """The whole message, when the one before it announced a paste ("Got this on LinkedIn this morning:") and this one
    reads as that text (not a first-person word of their own about it): someone else's words, never the mentee's."""
    if not before or not ANNOUNCED.search(before.strip()) or len(raw.split()) < 6:
        return ""
    if re.match(r"^\W*(?:i|i'm|im|i've|my|me|so|ok|okay|sorry|oops|wait|hang on|one sec)\b", raw, re.I):
        return ""  # "I can't find it now": their own words after all
    return _squash(raw[:6000])


def pasted_part(raw: str) -> str:
    """The pasted block of a message that introduces one ("Got this on LinkedIn:" … blank line … their own
    words again), whitespace squashed; "" when there is none or nothing of theirs follows or precedes it."""
    m = _GOT_THIS.search(raw[:6000])
    if m is None:
        return ""
    paras = [p for p in re.split(r"\n\s*\n", raw[m.end():6000]) if p.strip()]
    if len(paras) < 2:
        return ""  # nothing of theirs after the paste: the whole thing is what they want heard
    return _squash(" ".join(paras[:-1]))


_CANDID = re.compile(r"\b(?:the truth is|truth is|truthfully|to be honest|if i'?m honest|if i'?m being honest|the real (?:thing|reason|problem)|my (?:gut|heart|head) (?:says|tells me)|"
                     r"what i really|deep down|i haven'?t told|nobody knows|i've never said|the thing is)\b", re.I)
_PASTE_PREAMBLE = re.compile(r"\b(?:past(?:e|ed|ing)|copy(?:ing)?|copied|here(?:'s| is) (?:the|my|what)|sorry (?:it'?s|its|this is) (?:long|a lot)|forwarding)\b", re.I)
# a document's header or form field: capitals, "Reviewer:", "Subject:", "Dear Colleague"
_HEADER = re.compile(r"\b[A-Z][A-Z-]{3,}(?:\s+[A-Z][A-Z-]{2,})+\b|^\W*(?i:dear|subject|re|from|to|reviewer|date|ref)\b\s*[:,]", re.M)
_ABOUT_THIS = re.compile(r"\b(?:how this works|how (?:this|it) all works|one of these (?:things|apps|bots)|set (?:it|this) up for me|"
                         r"this (?:app|thing|chat|bot|tool)|never used (?:a |one of )?)", re.I)


# The words of a sentence that only points at what was said before it ("always been like that", "that's the thing")
_POINTING = frozenset("always been like that this that's thats it's its the thing one what what's whats really just has "
                      "have mattered matters important for me and yeah yes since ever is was "
                      "yeh hai haan das ist mein ding eso todo c'est ça genau".split())  # the other languages' pointers




def points_back(sentence: str) -> bool:
    """ "That's the thing.", "always been like that", "Army or not, that's me.": a sentence whose meaning is what
    was said before it, so a playback or a quote takes those words, not the pointer."""
    if lexicon.any_match(lexicon.cues("bedrock", "pointer"), sentence) or VALUE_OF_THAT.match(sentence):
        return True
    # how long it has held says nothing of what: "always been that, since the school canteen"
    sentence = re.sub(r",?\s*(?:(?:ever\s+)?since\b|for (?:years|ages|as long as)\b|my whole life\b|as long as i can remember\b).*$",
                      "", sentence, flags=re.I) or sentence
    words = re.findall(r"[a-z']{3,}", sentence.lower())
    if len([w for w in words if w not in _POINTING]) <= 1:
        return True
    if re.search(r"\b(?:that|this)(?:'s|’s|s| is| was| has (?:always )?been)\s+(?:\w+\s+){0,2}?(?:(?:the thing|it|me|everything)(?:\s+(?:for|to) me)?\W*$|"
                 r"important (?:for|to) me|what\W?s? (?:always )?mattered)", sentence, re.I):
        return True  # "In Poland and here, this is always important for me"
    return bool(re.search(r"\b(?:that|this)(?:'s|’s| is)\b", sentence, re.I)) and len(re.findall(r"[a-z]{4,}", sentence.lower())) <= 3
