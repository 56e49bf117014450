"""Claims in one message: what is wanted, valued, feared or denied — and by whom, and whether for real.

    "It's not about the money."                     -> money, polarity -1 (denied), theme compensation
    "My wife thinks I should go back to school."    -> going back to school, holder "my wife"
    "If I had a year off I'd build a boat."         -> building a boat, hypothetical (condition kept)
    "I enjoy teaching more than fixing bugs."       -> teaching, beats "fixing bugs"
    "The reorg has me scared I'll lose my bonus."   -> losing my bonus, modality fear, theme compensation

Word patterns (coach/data/hearing.toml) find the claims and give their spans; the dependency parse,
when there is one, finds holders the patterns don't list ("The recruiter told me…") and tells an
adjective from a verb when a clause is turned into a phrase ("I'm stuck" -> "being stuck").
Everything in a Claim is the mentee's own words, pronouns unswapped.
"""

from __future__ import annotations

import re
from typing import Any

from coach import language as L
from coach import lexicon
from coach.types import Claim, Motivation

_SELF = {"i", "we", "me", "myself"}
_OPINION_VERBS = frozenset(
    "think thinks thought want wants wanted say says said keep keeps expect expects expected push pushes pushed "
    "suggest suggests suggested tell tells told believe believes insist insists insisted hope hopes reckon reckons "
    "encourage encourages encouraged urge urges urged pressure pressures pressured nudge nudges recommend recommends "
    "recommended advise advises advised see sees".split())
_LEAD_IN = re.compile(r"^(?:that\s+|like\s+|how\s+)?", re.I)
_ME_TO = re.compile(r"^(?:me|us)\s+(?:to\s+)?(?:should\s+)?", re.I)
_SUBJ_AUX = re.compile(
    r"^(?P<subj>i|we)(?![a-z])\s*(?P<aux>(?:['’]ll|will|would|['’]d|should|could|might|must|need to|have to|has to|ought to|"
    r"can|may|['’]m going to|am going to|['’]m gonna|am gonna|['’]m|am|was|were|['’]ve got to|got to|gotta)\s+)?"
    r"(?P<be>be\s+)?(?P<rest>.*)$", re.I)
_TRIM_TAIL = re.compile(r"(?:,?\s+(?:though|honestly|anyway|i guess|i think|tbh|lol|haha|right|really|and stuff|or something|or whatever))+\s*$", re.I)
_ENDS = re.compile(r"\s*(?:,|;|—|–|\s-\s|\bbut\b|\bbecause\b|\bcause\b|\bcuz\b|\bso that\b|\bwhich\b|\band (?:i|it|that|he|she|they)\b).*$", re.I)

_MOTIVATION_WORDS: dict[str, list[re.Pattern[str]]] = {}


_MONEY = re.compile(r"\b(pay\w*|paycheck|wages?|income|raise|bonus\w*|salar\w+|comp|money|cash|rent|mortgage|\$\d)", re.I)


def theme_of(phrase: str) -> str:
    """The motivation a phrase names outright ("the money" -> compensation), or ""."""
    if _MONEY.search(phrase):
        return Motivation.COMPENSATION.value
    for mot in Motivation:
        pats = lexicon.group("motivation_keywords", mot.value)
        if lexicon.any_match(pats, phrase):
            return mot.value
    if re.search(r"\b(title|promotion|status|prestige|fancy role|name on)\b", phrase, re.I):
        return Motivation.RECOGNITION.value
    return ""


def _tidy(x: str) -> str:
    x = re.sub(r"(?<!\w)['‘’\"“”]|['‘’\"“”](?!\w)", "", x)  # quote marks around words: not in the coach's mouth
    x = _ENDS.sub("", x.strip())
    x = _TRIM_TAIL.sub("", x)
    return L.strip_end(x.strip(" ,.;:!?\"'“”"))


def phrase(clause: str, doc: Any = None) -> str:
    """A first-person clause as a subject-less phrase, unswapped: "I'll end up with a smaller salary" ->
    "ending up with a smaller salary"; "me in sales" -> "being in sales"; "I'm stuck" -> "being stuck"."""
    c = _LEAD_IN.sub("", clause.strip())
    me = _ME_TO.match(c)
    if me:
        rest = c[me.end():]
        if re.match(r"^(?:in|on|at|as|with|into|out of|doing|more|less|a|an|the)\b", rest, re.I):
            return _tidy("being " + re.sub(r"^as\s+", "", rest, flags=re.I))  # "me in sales" -> "being in sales"
        return _tidy(L.gerund(rest)) if rest else ""
    neg = re.match(r"^(?:i|we)\s+(?P<aux>can['’]?t|cannot|won['’]?t|don['’]?t|didn['’]?t|couldn['’]?t|wouldn['’]?t)\s+(?P<rest>.+)$", c, re.I)
    if neg:
        aux = neg.group("aux").lower().replace("’", "'")
        lead = "not being able to " if aux.startswith(("can", "couldn")) else "not "
        rest = neg.group("rest")
        return _tidy(lead + (rest if lead.endswith("to ") else L.gerund(rest)))
    m = _SUBJ_AUX.match(c)
    if not m:
        return _tidy(c)
    rest = m.group("rest")
    if not rest:
        return ""
    aux = (m.group("aux") or "").strip().lower().replace("’", "'")
    first = rest.split(" ", 1)[0].lower()
    if m.group("be"):
        return _tidy(("being " + rest) if not first.endswith("ing") else rest)
    if aux in ("'m", "am", "was", "were"):
        if first.endswith("ing") and first not in ("nothing", "something", "everything", "anything"):
            return _tidy(rest)
        return _tidy("being " + rest)
    return _tidy(L.gerund(rest))


# ---- other people's wants and views -------------------------------------------------------------


_BEING_TOLD = re.compile(r"^\W*(?:what|how|where|when)\s+to\s+(?:do|think|work|say|act|behave|feel|dress|go)\b(?!\s+(?:next|with|about)\b)", re.I)


def _pushed(verb: str, content: str) -> bool:
    """ "My wife says teach.": one word, but a push — an imperative after a verb of saying (never "said no")."""
    from coach.gerunds import table

    word = content.strip(" .!?,").lower()
    return verb.lower().split()[0] in ("says", "said", "say", "keeps") and word in table() and word not in (
        "no", "yes", "so", "nothing", "it", "that", "this", "ok", "okay", "hi", "hello", "thanks")


def _news_told(verb: str, content: str) -> bool:
    """ "told us on monday the branch closes end of may": what they were told is news about the world, not a push for the
    mentee (never "told me to…", "told me I should…", "told me I'd be perfect for…")."""
    if verb.lower().split()[0] not in ("tell", "tells", "told"):
        return False
    m = re.match(r"^(?:me|us)\s+(?:(?:on|last|this|at|in|yesterday|today)\b[^,]{0,20}?\s+)?(?:that\s+)?(?P<rest>.+)$", content, re.I)
    if not m:
        return False
    rest = m.group("rest")
    return not re.match(r"^(?:to|i|i'?m|i'?d|i'?ll|im|id|we|we'?re|you|me|us|my|our|not\s+to|how|what|where|why)\b", rest, re.I) and not re.search(
        r"\b(?:should|must|need|needs|have to|has to|ought|better|shall|could|would|can)\b", rest, re.I)


def others(text: str, doc: Any = None) -> list[Claim]:
    """ "My wife thinks I should go back to school for a law degree" -> the want is hers."""
    out: list[Claim] = []
    for pat in lexicon.cues("holder", "pattern"):
        for m in pat.finditer(text):
            who = m.group("who").strip()
            if who.lower() in ("they", "he", "she") and re.search(r"\b(?!(?:and|but|so|because|cos|cause|then|now|if|when|that|said|says|think|thinks|know)\b)[a-z]+'?s?\s+$", text[max(0, m.start() - 30):m.start()], re.I) \
                    and not re.search(r"[.!?,;:]\s*$|^\s*$", text[max(0, m.start() - 30):m.start()]):
                continue  # "the juniors' review they want me to cut": a clause about the review, not their want for the mentee
            if re.search(r"\b(?:care|cares|caring|mind|bothered|worry|worried)\s+(?:about\s+)?(?:what|whatever)\s*$|\bwhatever\s*$", text[max(0, m.start() - 40):m.start()], re.I):
                continue  # "i genuinely dont care what she thinks": a view they set aside, not one voiced for them
            if who.lower() in _SELF or (who[0].isupper() and who.lower() in {"i", "it", "this", "that", "there", "what", "when", "if", "but", "and", "so"}):
                continue
            if who[0].isupper() and not who.lower().startswith(("my ", "our ")) and " " not in who and m.start() > 0 and text[m.start() - 1] not in " \n\t\"'(":
                continue
            if who[0].isupper() and " " not in who and re.search(r"\b(?:in|at|from|of|near|to|outside|around)\s+$", text[max(0, m.start() - 10):m.start()], re.I):
                continue  # "The owner of a lodge in Karatu want me…": a place, not who wants it (the parse finds the owner)
            said = whole = re.split(r"(?<=[.!?])\s+", text[m.end():], maxsplit=1)[0]  # their view ends with the sentence
            # "He said at Christmas, in front of everyone, 'Hayes and Daughter…'": when and where, not what
            said = re.sub(r"^\s*(?:(?:at|on|in|over|during|after|before|last|this|yesterday|today|in front of)\b[^,'\"‘“]{0,30},\s*)+", "", said, flags=re.I)
            # "Everyone assumes because I ran a troop I want to be in charge": the reason they give is not the view
            said = re.sub(r"^\s*(?:because|since|as|now that)\s+[^,.;]*?,?\s+(?=(?:i|we)\s+(?:want|wanna|should|need|would|'d|am|'m)\b)",
                          "", said, flags=re.I)
            content = _tidy(said)
            if _BEING_TOLD.match(re.sub(r"^(?:me|us)\s+", "", content, flags=re.I)):
                continue  # "my boss tells me what to do": a complaint about being directed, not a want
            if _news_told(m.group("verb"), content):
                continue  # "they told us on monday the branch closes end of may": news told, not a want voiced for them (batch 18)
            if len(content.split()) < 2 and not re.match(r"^(?:me|us)\b", content, re.I) and not _pushed(m.group("verb"), content):
                continue  # "my boss said no" is a fact about the boss, not a want voiced for the mentee
            # "my manager says you should always ask for more" reports advice to the mentee: "you" is "I" here
            content = re.sub(r"^(that\s+)?you(?=\s+(?:should|need to|have to|must|ought to|could|'d better|had better|can)\b)",
                             r"\1I", content, flags=re.I)
            verb = m.group("verb").lower()
            if verb.startswith("call"):
                content = re.sub(r"^(?:it|this|that)\s+", "", content, flags=re.I)
                q = re.search(r"['‘“\"](?P<q>\w[^'’”\"]{1,60})['’”\"]", said)
                # "my advisor calls it selling out" -> in his eyes, it's selling out; a name she gave it keeps her words
                obj = f"it's “{q.group('q')}”" if q else "it's " + content
            elif re.match(r"^(?:that\s+)?(?:i|me|we|us)\b", content, re.I):
                obj = phrase(content, doc)
            elif re.match(r"^to\s+\w", content, re.I):
                obj = _tidy(L.gerund(content[3:]))  # "keeps telling me to get an MBA" -> "getting an MBA"
            else:
                obj = content
            start = m.start()
            end = min(len(text), m.end() + len(whole.rstrip(".!? ")) + 1)
            if doc is not None and re.fullmatch(r"[A-Z][a-z]+s", who):
                tok = next((t for t in doc if t.idx == m.start()), None)
                if tok is not None and tok.tag_ == "NNS":
                    who = who.lower()  # "Partners say…": people, not someone called Partners
            out.append(Claim(text=text[start:end].strip(), start=start, end=end, holder=_holder_np(who),
                             modality="want", verb=m.group("verb").split()[0].lower(), object=obj,
                             theme=theme_of(content), content=re.sub(r"^that\s+", "", content, flags=re.I)))
    if doc is not None:
        out += [c for c in _parsed_others(doc) if all(not _overlaps(c, o) for o in out)]
    return [c for c in out if not _everyones_own(c) and not _no_view(c) and not _a_thing_holds(c, doc)]


def _a_thing_holds(c: Claim, doc: Any) -> bool:
    """ "Engine tells me what is wrong before computer": a common noun, capitalized at the start of a sentence,
    holds no view for them (the parser says NOUN; "Sarah" is PROPN)."""
    who = c.holder.strip()
    if doc is None or " " in who or not who[:1].isupper() or who.lower() in _PERSON_WORDS:
        return False
    tok = next((t for t in doc if t.idx == c.start and t.text == who), None)
    return tok is not None and tok.pos_ == "NOUN"


_NOBODY = frozenset({"nobody", "no one", "noone", "none", "no-one", "nothing"})
_SAYING = frozenset({"say", "says", "said", "tell", "tells", "told", "goes", "went"})
#: what was said, named as a thing, not said as a view ("Dave says the same thing", "nobody say it direct")
_SAID_THING = re.compile(r"^(?:the\s+same(?:\s+thing)?|something|nothing|anything|everything|stuff|things|loads|a\s+lot|whatever|that|this|"
                         r"it(?!'|’|\s+(?:is|was|will|would|should|has|had|could|might|must|isn'?t|wasn'?t)\b))\b", re.I)
_PERSON_WORDS = frozenset("""mum mom mam ma dad da father mother wife husband partner boyfriend girlfriend son daughter kids brother
sister family boss manager lead director supervisor mentor friend friends mate colleague colleagues team teacher doctor
nan gran grandad grandma grandpa uncle aunt auntie cousin recruiter parents everyone everybody people they he she""".split())


def _no_view(c: Claim) -> bool:
    """Someone else's want or view that is none: "Nobody say it direct" (nobody holds it), "Engine tells me what is
    wrong" (a machine holds no view for them), "Dave says the same thing" (the thing he said, not a view)."""
    if c.holder == "self":
        return False
    who = c.holder.strip()
    if who.lower() in _NOBODY:
        return True
    return c.verb.lower() in _SAYING and bool(_SAID_THING.match((c.content or c.object or "").strip()))


_ANYONE = frozenset({"everyone", "everybody", "people", "anyone", "anybody", "nobody", "no one", "all of us", "we all"})


_WANTING = frozenset({"want", "wants", "wanted", "like", "likes", "love", "loves", "would", "wish", "wishes", "needs", "need"})


def _everyones_own(c: Claim) -> bool:
    """ "everyone wants to win": a truth about people, said by the mentee — not a want held for them (never "So
    that's what everyone would like for you: winning"). "everyone wants me to take it" is still theirs."""
    return c.holder.lower() in _ANYONE and c.modality == "want" and c.verb in _WANTING and not re.search(r"\b(?:me|my|i|us|our)\b", f"{c.text} {c.content}", re.I)


_VIEW_VERB = re.compile(r"\b(?:" + "|".join(sorted(_OPINION_VERBS)) + r")\b", re.I)
_NOT_SELF_SUBJECT = re.compile(r"\b(?:he|she|they|my|our|the|his|her|their|everyone|everybody|people|[A-Z][a-z]+)\b")


def may_hold_a_view(text: str) -> bool:
    """Whether someone other than the mentee might voice a want or view here (a view verb and a subject
    that isn't "I"): only then is the dependency parse worth asking for."""
    return bool(_VIEW_VERB.search(text) and _NOT_SELF_SUBJECT.search(text))


def _holder_np(who: str) -> str:  # noqa: D401
    """"Sarah" stays a name; "The recruiter", "My wife", "Everyone" are lower-cased for use mid-sentence."""
    w = re.sub(r"^(?:no|yes|yeah|ok|okay)\s+(?=(?:my\s+)?(?:mum|mom|dad|mother|father|wife|husband|boss|manager|partner|parents?)\b)", "", who.strip(), flags=re.I)
    # ("if I say no mum will say…": the "no" is what is said, not part of who says it)
    w = re.sub(r"\s+(?:dey|de|don|go|na|sef|o|oo)$", "", w, flags=re.I)  # "My uncle dey tell me…": Pidgin's "is", not a name
    if re.fullmatch(r"[A-Z][a-z]+", w) and w.lower() not in {"everyone", "everybody", "people", "he", "she", "they"}:
        return w
    # lower-cased word by word, but an acronym keeps its capitals ("my PI", "the HR", "my GP")
    return " ".join(x if len(x) >= 2 and x.isupper() and x.isalpha() else x.lower() for x in w.split())


def _overlaps(a: Claim, b: Claim) -> bool:
    return a.start < b.end and b.start < a.end


def _parsed_others(doc: Any) -> list[Claim]:
    """Holders the patterns don't list: "The recruiter told me I'd be perfect for sales"."""
    out: list[Claim] = []
    for tok in doc:
        if tok.text.lower() not in _OPINION_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.text.lower() in _SELF | {"you", "it", "this", "that", "what", "which", "who"}:
            continue
        before = doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else None
        if tok.dep_ in ("relcl", "acl") or before is not None and before.pos_ in ("NOUN", "PROPN") and subj.text.lower() in ("they", "he", "she"):
            continue  # "the job they want me to take is in leeds": what the job is, not a want voiced for them
        if any(any(c.dep_ == "nsubj" and c.text.lower() in _SELF for c in anc.children) for anc in tok.ancestors):
            continue  # "I want my kids to see me doing…": inside the mentee's own want
        comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
        if comp is None:
            continue
        who = doc[subj.left_edge.i: subj.i + 1].text
        span = doc[comp.left_edge.i: comp.right_edge.i + 1]
        content = span.text
        if _BEING_TOLD.match(content):
            continue  # "the consultants just tell us what to do": how they are treated, not a want voiced for them
        if not re.match(r"^(?:that\s+)?(?:i|me|we|us)\b", content, re.I) and not any(
                c.dep_ == "dobj" and c.text.lower() in ("me", "us") for c in tok.children):
            continue
        if (tok.text.lower() in ("tell", "tells", "told") and comp.dep_ == "ccomp" and not re.match(r"^(?:that\s+)?(?:i|me|we|us)\b", content, re.I)
                and not re.search(r"\b(?:should|must|need|needs|have to|has to|ought|better|shall)\b", content, re.I)):
            continue  # "they told us on monday the branch closes end of may": news told, not a want voiced for them (batch 18)
        if any(c.dep_ == "dobj" and c.text.lower() in ("me", "us") for c in tok.children) and not content.lower().startswith(("me", "us")):
            content = "me to " + content if comp.dep_ == "xcomp" else content
        start = subj.left_edge.idx
        end = span.end_char
        out.append(Claim(text=doc.text[start:end], start=start, end=end, holder=_holder_np(who), modality="want",
                         verb=tok.text.lower(), object=phrase(content, doc), theme=theme_of(content)))
    return out


# ---- what is denied, refused, preferred ---------------------------------------------------------


_NOT_THE_REAL = re.compile(r"^(?:the|a)\s+(?:real|main|actual|big|whole|only)\s+(?:question|issue|point|problem|thing|reason|story)\b|"
                           r"^(?:the\s+)?same(?:\s+thing|\s+as\b.*)?$|^(?:a|the)\s+(?:career|work|job)\s+(?:question|thing|topic)$", re.I)
# ("i was comfortable. thats not the same thing": a distinction drawn, no value denied)
_LITOTES = re.compile(r"\b(?:(?:it'?s|it is|that'?s|that is)\s+not\s+(?:that|like)|not\s+that|doesn'?t\s+mean|wouldn'?t\s+say)\s+i\W?\s*$|"
                      r"\b(?:it'?s|it is)\s+not\s+that\s+i\b", re.I)


# a denial that is itself denied: "I cannot say money is not important", "I won't pretend it isn't the pay"
_DENIAL_DENIED = re.compile(r"\b(?:can\W?t|cannot|can not|couldn\W?t|won\W?t|wouldn\W?t|would not|not going to|never)\s+(?:really\s+|honestly\s+|just\s+)?"
                            r"(?:say|pretend|claim|tell you|act like|act as if)\s+(?:that\s+)?(?:\w+\s+)?$", re.I)


_NO_OBJECT = re.compile(r"(?:quite|really|exactly|sure|much|yet|at all|so|entirely|necessarily|only|just|always|that|it|this)\W*", re.I)


def _matches(pat: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Like finditer, but a match whose object says nothing ("Not quite. It's") does not hide the one inside it
    ("It's not gameplay exactly"): the search goes on from just after where it began."""
    out: list[re.Match[str]] = []
    pos = 0
    while pos <= len(text):
        m = pat.search(text, pos)
        if m is None:
            break
        out.append(m)
        x = m.groupdict().get("x") or ""
        pos = m.start() + 1 if x and _NO_OBJECT.match(_tidy(x) or "") else max(m.end(), m.start() + 1)
    return out


def denied(text: str) -> list[Claim]:
    """ "It's not about the money" -> money, denied. The positive side said in the same message, if any,
    comes back as a claim with polarity +1 ("it's the hard problems")."""
    out: list[Claim] = []
    for pat in lexicon.cues("negation", "denied"):
        for m in _matches(pat, text):
            x = _tidy(m.groupdict().get("x") or _bare_denied(m.group(0)))
            if not x or any(_overlaps(Claim("", m.start(), m.end()), c) for c in out):
                continue
            if _NOT_THE_REAL.match(x):
                continue  # "it's not the real question": says what the subject isn't, denies no value of theirs
            if _LITOTES.search(text[max(0, m.start() - 30): m.start() + 2]):
                continue  # "it's not that I don't care about money": the care is kept
            if _DENIAL_DENIED.search(text[max(0, m.start() - 40): m.start()]):
                continue  # "I cannot say money is not important": two negatives, and money matters
            x = re.sub(r"\s+(?:either|neither|really|though)$", "", x, flags=re.I)  # "It's not the £4k either"
            # "it's not the money its the fact that nobody says thank you": typed without a stop, what it isn't ends
            # where what it is begins
            x = re.split(r"\s+(?:it'?s|its|it\s+is|it'?s\s+more|but|(?:we|i|they|he|she)(?:'re|’re|'m|'ve|'ll|'d)?)\s+", x, maxsplit=1, flags=re.I)[0].strip(" ,")
            if re.search(r"\bif\s+(?:\w+\s+){0,3}$", text[max(0, m.start() - 25): m.start()], re.I) or re.match(r"^\W*if\b", m.group(0), re.I):
                continue  # "if money wasnt a thing id do signs for shops": a hypothetical, not a denial
            if not x or _NO_OBJECT.fullmatch(x):
                continue  # "Not quite. It's not gameplay exactly": "quite" is how far off, not a thing denied
            out.append(Claim(text=m.group(0).strip(), start=m.start(), end=m.end(), polarity=-1, modality="value",
                             object=x, theme=theme_of(x)))
    if not out:
        return out
    denied_objects = {c.object.lower() for c in out}
    for pat in lexicon.cues("negation", "instead"):
        for m in pat.finditer(text):
            x = _tidy(m.group("x"))
            if not x or x.lower() in denied_objects or any(x.lower() in d or d in x.lower() for d in denied_objects):
                continue
            if re.match(r"^(?:not|n't|about not)\b", x, re.I) or len(x.split()) > 12:
                continue
            x = as_phrase(x)
            out.append(Claim(text=m.group(0).strip(), start=m.start(), end=m.end(), polarity=1, modality="value",
                             object=x, theme=theme_of(x)))
            break
    return out


def as_phrase(x: str) -> str:
    """What is wanted, as a phrase to put after "it's": "people to know what I did" -> "people knowing
    what I did"; "to be seen" -> "being seen"; "be seen" -> "being seen"."""
    if x.lower().startswith("not "):
        return "not " + as_phrase(x[4:])
    m = re.match(r"^(?P<np>(?:my |the |other )?\w+(?: \w+)?) to (?P<vp>\w+.*)$", x, re.I)
    if m and m.group("np").split()[0].lower() not in ("want", "need", "have", "get", "try", "like", "love", "going", "able", "how", "what"):
        if not re.match(r"^(?:be|get|have|do|make|go|see|know|feel)\b", m.group("np"), re.I):
            vp = m.group("vp")
            vp = "not " + L.gerund(vp[4:]) if vp.lower().startswith("not ") else L.gerund(vp)
            return f"{m.group('np')} {vp}"
    if x.lower().startswith("to "):
        return L.gerund(x[3:])
    if re.match(r"^(?:be|feel|have|get|do|make|build|help|work|see|know|learn|lead|create|teach)\b", x, re.I):
        return L.gerund(x)
    return x


def _bare_denied(s: str) -> str:
    m = re.match(r"\s*(money|pay|salary|the title|status|power|the promotion)\b", s, re.I)
    return m.group(1) if m else ""


def refused(text: str) -> list[Claim]:
    """ "I don't want to manage people" -> managing people, a want refused."""
    out: list[Claim] = []
    for pat in lexicon.cues("negation", "refused"):
        for m in pat.finditer(text):
            x = _tidy(m.group("x"))
            if not x or re.match(r"^(?:know|think|mind|care)\b", x, re.I):
                continue  # "I don't know", "I don't mind" are not wants turned down
            if _LITOTES.search(text[max(0, m.start() - 30): m.start() + 2]):
                continue  # "It's not that I don't like policy work": a double negative keeps the like
            x = re.sub(r"\s+(?:that much|anymore|any more|forever|at all|really|either|right now|now)$", "", x, flags=re.I)
            if re.match(r"^(?:lose|give up|stop|miss out on|let go of|say no|turn (?:it|them|him|her) down|let (?:\w+\s+){1,3}down|"
                        r"disappoint|abandon|walk away from|leave (?:them|him|her|my \w+) (?:in the lurch|behind|alone))\b", x, re.I):
                continue  # "I don't want to lose that", "…to say no", "…to let them down": what they want to keep, not a want refused
            to_verb = bool(re.search(r"\b(?:want|wanna|need|like|fancy)\s+to\s+$", m.group(0)[: m.start("x") - m.start()], re.I))
            obj = L.gerund(x) if to_verb else x  # "to run meetings" -> "running meetings"; "partnership" stays
            kept = _kept_by_refusing(x)
            if kept:  # "I don't want to be micromanaged" is a want for autonomy, not its refusal
                out.append(Claim(text=m.group(0).strip(), start=m.start(), end=m.end(), polarity=1, modality="want",
                                 object="not " + obj, theme=kept))
                continue
            out.append(Claim(text=m.group(0).strip(), start=m.start(), end=m.end(), polarity=-1, modality="want",
                             object=obj, theme=theme_of(x)))
    return out


def _kept_by_refusing(x: str) -> str:
    for mot in Motivation:
        try:
            pats = lexicon.group("negation_keeps", mot.value)
        except KeyError:
            continue
        if lexicon.any_match(pats, x):
            return mot.value
    return ""


def compared(text: str) -> list[Claim]:
    """ "I enjoy teaching new hires more than fixing bugs": the winner, with the loser in `beats`."""
    out: list[Claim] = []
    for pat in lexicon.cues("comparison", "patterns"):
        for m in pat.finditer(text):
            if any(_overlaps(Claim("", m.start(), m.end()), c) for c in out):
                continue
            it_is = bool(re.match(r"^(?:it|that|this)", m.group(0), re.I))  # "it's more fear than maths"
            w, loser = _tidy(m.group("w")), _tidy(m.group("l"))
            w = re.sub(r"^(?:i\s+(?:really\s+|just\s+|much\s+)?(?:enjoy|like|love|want|care about|value|prefer|need)\s+|it'?s\s+|about\s+)", "", w, flags=re.I)
            if re.fullmatch(r"(?:that|this|it)(?:\s+(?:matters|counts|means|is|'s|weighs))?(?:\s+(?:a lot|so much|way))?", w, re.I):
                # "Being able to choose the work I put my name to. That matters more than the badge.": "that" is
                # the sentence before
                before = [x for x in L.sentences(text[: m.start()]) if x.strip()]
                w = _tidy(before[-1]) if before and len(before[-1].split()) <= 12 else ""
            if re.search(r"\b(?:rather|prefer)\b", m.group(0), re.I):  # "rather build things than manage people"
                w, loser = (L.gerund(x) if L.is_verb_phrase(x) and not x.endswith("ing") else x for x in (w, loser))
            if not w or not loser or len(w.split()) > 14 or re.fullmatch(r"(?:i|it|that|this|anything|ever)", w, re.I):
                continue
            if re.match(r"^(?:ever|before|usual|i (?:thought|expected)|anyone|anything|most)\b", loser, re.I) or re.fullmatch(
                    r"(?:i|we|you)\s+(?:probably\s+|really\s+)?(?:should|ought to|could|would|thought|expected|meant to|want to admit|"
                    r"care to admit|let on|admit|like to admit|should have|needed to)(?:\s+\w+){0,2}", loser, re.I):
                continue  # "more than ever", "more than I expected", "I think about it more than I should" compare nothing
            if re.fullmatch(r"(?:i|you|we|he|she|they|it|me|him|her|them)(?:\s+(?:would|do|did|can|could|am|was|had|have|will))?", loser, re.I):
                continue  # "my wife would like that more than I would" compares people, not things
            held = re.search(r"\s+(?P<who>she|he|they|my \w+|his \w+|her \w+|\w+'s \w+)\s+(?:minds|cares about|worries about|hates|objects to|"
                             r"wants|likes|means|thinks about)\W*$", loser, re.I)
            if held:  # "its not the danger she minds its the hours and the kids": what she minds, not what pulls at them
                loser = loser[: held.start()].strip()
            out.append(Claim(text=m.group(0).strip(), start=m.start(), end=m.end(), modality="preference",
                             holder=_holder_np(held.group("who")) if held else "self",
                             object=w, beats=loser, theme=theme_of(w), verb=(held.group(0).split()[-1] if held else "is" if it_is else "")))
    return out


# ---- hypotheticals and fears ----------------------------------------------------------------------


_IF = re.compile(r"^\W*(?:and |but |so )?(?:if|imagine if|suppose|supposing|say)\s+(?P<cond>[^,]+?),?\s+(?P<then>(?:i|we)\s*(?:['’]d|would|could|might|['’]ll|will)\b.+)$", re.I)
_THEN_IF = re.compile(r"^(?P<then>(?:i|we)\s*(?:['’]d|would|could|might)\b.+?)\s+if\s+(?P<cond>.+)$", re.I)


def hypothetical(sentence: str, start: int = 0) -> Claim | None:
    """ "If I had a year off I'd build a boat." -> building a boat, on condition of having a year off."""
    if not any(p.search(sentence) for p in lexicon.cues("modality", "hypothetical")):
        return None
    s = sentence.strip().rstrip(".!?")
    m = _IF.match(s) or _THEN_IF.match(s)
    if m:
        then = phrase(re.sub(r"^(?P<s>i|we)\s*(?:['’]d|would|could|might|['’]ll|will)\s+", r"\g<s> ", m.group("then"), flags=re.I))
        cond = _tidy(m.group("cond"))
        return Claim(text=sentence.strip(), start=start, end=start + len(sentence), modality="hypothetical",
                     object=then, condition=cond, theme=theme_of(then), result=_tidy(m.group("then")))
    return Claim(text=sentence.strip(), start=start, end=start + len(sentence), modality="hypothetical",
                 object=_tidy(re.sub(r"^\W*(?:if|imagine|suppose|in an ideal world|hypothetically)\W+", "", s, flags=re.I)))


_FEAR_OF = re.compile(
    r"\b(?:scared|afraid|terrified|worried|anxious|nervous|frightened|petrified|fear(?:ful)?|dread(?:ing)?|panicking|"
    r"what scares me(?: most)? is|what worries me(?: most)? is|what i(?:'m| am) (?:most )?(?:afraid|scared) of is)\b"
    r"(?:\s+(?:that|of|about))?\s+(?P<x>[^.;!?]{3,80})", re.I)


# ("a kid comes in scared": whoever the clause is about; "a bit scared" is how much)
_THEIRS = re.compile(r"\b(?:they|he|she|everyone|everybody|people|the \w+|my \w+|[A-Z][a-z]+|an? (?!(?:bit|little|lot|tad|wee)\b)\w+)\s+(?:\w+\s+){0,3}$")
_MINE = re.compile(r"\b(?:i|i'?m|im|me|myself|i'?ve|i'?d)\b[^.!?]*$", re.I)


def _mine(text: str, at: int) -> bool:
    """Whether a feeling word at `at` is the mentee's: "I'm terrified", "it has me scared", not "they come in
    terrified"."""
    before = re.split(r"[.!?;]\s+", text[:at])[-1]
    # ("so" right before the word is an intensifier, "she was so proud", never a new clause)
    clause = re.split(r",\s*|\s+(?:and|but)\s+|\s+so\s+(?=\S)", before)[-1]
    after = text[at:at + 40]
    if re.match(r"^\w+\s+(?:people|patients|kids|children|clients|customers|students|animals|ones|folk|families|residents|lads)\b", after, re.I):
        return False  # "making scared people feel ok": whose fear it is follows the word
    if re.search(r"\b(?:they|they'?re|theyre|he'?s|she'?s|he|she|patients|kids|people|the (?:\w+ )?(?:kids|patients|lads|residents|children)|"
                 r"who'?s|whos|who|someone'?s|somebody'?s|someone|somebody|anyone|everyone'?s|everyone|everybody|nobody'?s|nobody)"
                 r"\s+(?:are|were|is|was|get|gets|got|feels?|felt|seems?|come in|look|looked|goes|went)?\s*(?:so\s+|really\s+|all\s+|very\s+|quite\s+|super\s+|pretty\s+)?$", clause, re.I):
        return False  # "theyre terrified", "the kids get scared", "you can tell who's lonely", "someone gets scared"
    if re.search(r"\b(?:they|he|she|everyone|everybody|people|folk|my\s+\w+|the\s+\w+)\s+(?:all\s+)?(?:think|thinks|thought|say|says|said|"
                 r"reckon|reckons|assume|assumes|assumed|believe|believes|figure|figures|must think)\s+(?:that\s+)?(?:i'?m|im|i\s+am|i\s+was)\s+"
                 r"(?:so\s+|really\s+|just\s+)?$", clause, re.I):
        return False  # "people think I'm scared of losing the title": a fear others put on them, which they go on to deny
    if re.search(r"\b(?:they|they'?re|theyre|he'?s|she'?s|he|she|patients|people|everyone|everybody)\b(?:\s+(?!(?:me|my|i|us|our|make|makes|made|get|gets|got|leave|leaves|left)\b)[\w']+){1,3}\s+(?:being|feeling|getting|so|really|all)\s*$", clause, re.I):
        return False  # "they're mostly past being scared", "she's never once been so proud": theirs, a few words further on
    if re.fullmatch(r"\s*(?:so|really|very|too|all|quite|pretty|super)?\s*", clause):
        # "she came to me at 7, so scared she would not take off her coat": the feeling describes the subject of the
        # clause before the comma (batch 5's ballet teacher: "You're afraid that she would not take off her coat")
        parts = [x for x in re.split(r",\s*|\s+(?:and|but)\s+", before) if x.strip()]
        if len(parts) >= 2 and re.match(r"^\W*(?:she|he|they|her|his|their)\b", parts[-2] if clause.strip() else parts[-1], re.I):
            return False
    if _MINE.search(clause):
        return True
    return not _THEIRS.search(clause)


_MIGHT_LOSE = re.compile(r"\b(?:i|we)\s+(?:might|could|may|will|'ll|am going to|'m going to|'m gonna|are going to)\s+(?:end up\s+)?"
                         r"(?P<x>(?:lose|losing|be (?:let go|laid off|made redundant|cut))\b[^.;!?]{0,60})", re.I)


def feared(text: str) -> list[Claim]:
    """ "The reorg has me scared I'll end up with a smaller salary" -> ending up with a smaller salary,
    feared: a loss (security), not a wish for more."""
    out: list[Claim] = []
    for m in _FEAR_OF.finditer(text):
        if not _mine(text, m.start()):
            continue  # "they come in terrified": the new grads' fear, not the mentee's
        if re.search(r"\b(?:not|n't|never|no longer|hardly)\s+(?:really\s+|that\s+|too\s+|even\s+|at all\s+)?$", text[:m.start()], re.I):
            continue  # "I'm not worried about getting another job": a fear denied is no fear (the denial is its own claim)
        x = _tidy(m.group("x"))
        if x and re.match(r"^(?:stiff|shitless|silly|to death|out of my (?:mind|wits)|witless)\b", x, re.I):
            # "scared stiff. can't afford to start again": the fear is in the sentence that names the loss
            from coach.spelling import tidy

            x = next((_tidy(tidy(sent)) for sent in L.sentences(text[m.end():])
                      if any(p.search(tidy(sent)) for p in lexicon.cues("modality", "loss_words"))), "")
            if x:
                x = re.sub(r"^(?:and |but |honestly,? )*", "", x, flags=re.I)
                x = ("I " + x) if re.match(r"^(?:can'?t|cannot|won'?t|might|could)\b", x, re.I) else x
        if not x or re.match(r"^(?:to death|of nothing|at all|than|again|anymore|any more|now|too|lately)\b", x, re.I) or len(x.split()) < 2:
            continue
        cost = re.match(r"^(?:that\s+)?(?P<what>.+?)\s+(?:will|would|could|might|is going to|are going to|may)\s+cost\s+(?:me|us)\s+(?P<y>.+)$", x, re.I)
        if cost:
            obj = "losing " + cost.group("y")  # "the merger will cost me my bonus" -> "losing my bonus"
        elif re.match(r"^(?:that\s+)?(?:i|we)\b", x, re.I):
            obj = phrase(x)
        else:
            x = re.sub(r"^to\s+(?=\w)", "", x, flags=re.I) if re.match(r"^to\s+(?:lose|get|be|end up|fail|miss|go|start|say|ask|leave|quit)\b", x, re.I) else x
            obj = L.gerund(x) if re.match(r"^(?:lose|get|be|end up|fail|miss|go|start|say|ask|leave|quit)\b", x, re.I) else x
        loss = any(p.search(x) for p in lexicon.cues("modality", "loss_words"))
        out.append(Claim(text=m.group(0).strip(), start=m.start(), end=m.end(), modality="fear", object=obj,
                         theme=Motivation.COMPENSATION.value if loss and theme_of(x) in ("", "compensation") else theme_of(x)))
    if not out:
        # "The reorg means I might lose my team": a possible loss, said without a fear word, is still one
        for m in _MIGHT_LOSE.finditer(text):
            obj = L.gerund(_tidy(m.group("x")))
            out.append(Claim(text=m.group(0).strip(), start=m.start(), end=m.end(), modality="fear", object=obj,
                             theme=theme_of(m.group("x"))))
    return out
