"""Reflections that depend on what kind of thing was said (the Hearing), for the offline voice.

    someone else's view   "Going back to school for law is your wife's idea, at least for now."
    a denial              "So it isn't the money — it's the hard problems."
    a fear of loss        "The reorg has you worried about ending up with a smaller salary."
    a comparison          "So teaching new hires pulls at you more than fixing bugs."
    a hypothetical        "If you had a year off, you'd be building a boat."
    a feeling, an event   "I'm so sorry about your dad." · "Congratulations on the staff promotion!"
    a request             "You'd like someone to hand you the steps to make lead — that would be a relief."
    a correction          "Thanks — I had that wrong. So it isn't the team — it's the work itself."

Each builder returns the reply's parts (reflections, then at most one question) or None when the words
it needs are not there; the offline realizer then uses its general reflections (reflect.py). Every
filled-in word is the mentee's own, pronouns swapped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from coach import language as L
from coach.realize.lines import Picker, voice
from coach.types import Analysis, Claim, Cue, Feeling, Hearing, Plan

Parts = list[str | None]

_POSSESSIVE = {"he": "his", "she": "her", "they": "their", "everyone": "everyone's", "everybody": "everybody's",
               "people": "people's", "i": "my", "we": "our"}
_ADJECTIVE = {"burnout": "burnt out", "anxiety": "anxious", "grief": "grieving", "fear": "afraid", "guilt": "guilty",
              "relief": "relieved", "pride": "proud", "rage": "angry", "dread": "full of dread", "boring": "bored",
              "exciting": "excited", "frustrating": "frustrated", "worry": "worried", "burned out": "burnt out"}
_TIME_TAIL = re.compile(r"\s+(?:ever since|since then|since|lately|recently|these days|now|anymore|any more)\s*$", re.I)


_LOWER_LEAD = re.compile(r"^(Your|Yours|You|The|A|An|This|That|These|Those|Some|All|Everyone|Everybody|People|Being|Having)\b")


def swap(x: str) -> str:
    """The mentee's words for the coach's mouth: pronouns swapped, end trimmed, "My dad" -> "your dad",
    "Money" -> "money" (a common word capitalized only because it began their sentence)."""
    out = L.strip_end(L.swap_pronouns(x.strip()))
    out = _LOWER_LEAD.sub(lambda m: m.group(1).lower(), out)
    first = out.split(" ", 1)[0] if out else ""
    if first[:1].isupper() and first[1:].islower() and _common(first.lower()):
        out = first.lower() + out[len(first):]
    return out


def _common(word: str) -> bool:
    from coach import spelling

    checker = spelling.load()
    return bool(checker) and word in checker and word not in ("i",)


def possessive(holder: str) -> str:
    h = _holder(holder)  # "mum" (no article, as typed) -> "your mum's"
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


def _fits(x: str, most: int = 14) -> bool:
    return bool(x) and 1 <= len(x.split()) <= most


def _np(x: str) -> str:
    """A condition as a noun phrase: "you had a year off" -> "a year off"; otherwise as it is."""
    m = re.match(r"^(?:you|i)\s+(?:had|won|got|were given|could take)\s+(?P<np>.+)$", x, re.I)
    return m.group("np") if m else x


# ---- someone else's want -------------------------------------------------------------------------


_CLAUSE = re.compile(r"(?:\b(?:is|are|was|were|isn't|aren't|wasn't|do|does|doesn't|don't|did|didn't|can|can't|will|won't|would|"
                     r"should|could|has|have|had|gets?|makes?|takes?|means?|needs?|wants?|works?|looks?|seems?)\b|"
                     r"\w['’](?:s|re|ll|d|ve|m)\b)", re.I)


_OUGHT = re.compile(r"\b(?:should|shouldn't|must|ought|need to|have to|has to|had better|'d better)\b", re.I)


def _view(c: Claim) -> str:
    """Someone's view of the mentee as a clause the coach can attribute ("you're a people pleaser"), never one
    that would put an instruction in the coach's mouth ("you should always ask for more")."""
    if c.content and re.match(r"^(?:you|you're|you've)\b", c.content) and not _OUGHT.search(c.content):
        view = L.strip_end(re.split(r",\s+(?=you\b)", c.content, maxsplit=1)[-1] if c.content.count(",") == 1 else c.content)
        return view if _CLAUSE.search(view) and _fits(view, 14) else ""  # said to them: "you are still a pharmacist"
    if not c.content or not re.match(r"^(?:i|i'm|i am|i've|my|me)\b", c.content, re.I):
        return ""
    view = swap(c.content)
    said_of_them = re.match(r"^you\s+\w+", view) is not None and c.verb.lower() in _SAYING  # "mum will say I let the family down"
    return view if (_CLAUSE.search(view) or said_of_them) and _fits(view, 14) and not _OUGHT.search(view) else ""


_SAYING = frozenset(("say", "says", "said", "think", "thinks", "thought", "tell", "tells", "told"))


_BARE_KIN = re.compile(r"(?:manager|boss|supervisor|lead|mum|mom|dad|mother|father|wife|husband|partner|girlfriend|"
                       r"boyfriend|sister|brother|mentor|director|team ?lead|teacher|family|parents|colleagues?)", re.I)


def _holder(holder: str) -> str:
    """ "Manager want me to…" (a learner's English, no article) -> "your manager"; a name stays as it is."""
    h = swap(holder)
    return "your " + h.lower() if _BARE_KIN.fullmatch(h) else h


def _is_base_verb(word: str) -> bool:
    from coach.gerunds import table

    return word in table() and word not in ("it", "that", "this", "the", "a")


def others(c: Claim, pick: Picker, text: str = "") -> Parts | None:
    for field in ("content", "object"):
        said = getattr(c, field)
        if said and re.match(r"^[A-Z][a-z]+,?\s+(?:i|i'm|you|you're)\b", said):
            c = replace(c, **{field: said.split(None, 1)[1].lstrip(", ")})  # "Baba you were a pharmacist": a name, called
    if not c.content and c.verb.lower() in ("say", "says", "said", "think", "thinks", "thought", "tell", "tells", "told"):
        m = re.search(r"\b(?:say|says|said|think|thinks|thought|tell|tells|told)\s+(?:me\s+)?(?:that\s+)?(?P<x>(?:i|i'm|i've|i'd|my)\b.*)$", c.text, re.I)
        if m:  # "mum will say I let the family down": her view of them, not something she wants
            c = replace(c, content=L.strip_end(m.group("x")))
    obj, holder = swap(c.object), _holder(c.holder)
    if not _fits(obj, 16) or not holder:
        return None
    # their own stance may sit inside the clause the claim covers ("my boss wants me to be team lead and I
    # don't want it") or in the next sentence ("Manager want me to be team leader. I don't know.")
    stance = _STANCE.search(text[c.start:]) if text else None
    wanted = _WANTED_ME.match(c.content or "")
    if stance and wanted and _fits(wanted.group("x"), 10) and _fits(stance.group("x"), 10):
        # "your boss wants you to be team lead, and you don't want it": both wants, each with its holder
        line = pick.line("heard.others_stance", "wants", holder=holder,
                         content="you to " + swap(wanted.group("x")), stance=_stance(stance.group("x")),
                         wants=_third_person(c.verb, holder) if wanted.group("how").lower() == "to" else "would like")
        if line:
            line = re.sub(r"\byou ['’](d|m|re|ve|ll)\b", r"you'\1", line)  # "you 'd rather" -> "you'd rather"
            return [line, pick.question("heard.others_stance")]
    first = c.object.split(" ", 1)[0].lower() if c.object else ""
    if c.verb.lower() in ("says", "said", "say", "tells", "told", "keeps saying") and c.object == c.content and _is_base_verb(first):
        # "My wife says take it": her push, attributed — never the bare imperative in the coach's mouth
        line = pick.line("heard.others", "pushes", holder=holder, gerund=L.gerund(swap(c.object)))
        if line:
            return [line, pick.question("heard.others")]
    view = "" if wanted else _view(c)  # "me to do medicine" is a want for them, not a view of them
    if view:
        obj = view
    if stance and _fits(stance.group("x"), 10):
        # "Everyone says data science is the future but I find it boring": theirs and theirs, both heard
        line = pick.line("heard.others_stance", "lines", object=obj, holder=holder, holder_s=possessive(c.holder),
                         stance=_stance(stance.group("x")))
        if line:
            return [line, None]
    if view:
        obj = view  # "my therapist says I'm a people pleaser" -> in your therapist's eyes, you're a people pleaser
    clause = bool(_CLAUSE.search(obj)) or bool(view)
    key = "view" if clause else "lines"  # "in his eyes, it's selling out" · "going freelance is his idea"
    line = pick.line("heard.others", key, object=obj, holder=holder, holder_s=possessive(c.holder))
    return [line, pick.question("heard.others")] if line else None


_STANCE = re.compile(r"^[^.!?]*?(?:\b(?:but|and|though)\s+|[.!?]+\s+(?:[^.!?]{1,25}[.!?]+\s+)?(?:(?:but|and|though)\s+)?)(?:honestly\s+|personally\s+)?"
                     r"(?:i|me)(?:\s+|(?=[\'’]))(?P<x>(?:find|think|feel|don'?t|do not|"
                     r"never|really|actually|just|want|love|hate|like|can'?t|'d be|would be|'d hate|'d rather|'d miss|'m not|am not|keep saying|keep telling)\b[^.!?]{2,60})", re.I)
_WANTED_ME = re.compile(r"^(?:me|i)\s+(?P<how>to|should|ought to|need to|have to|must)\s+(?P<x>[^.!?]+?)\W*$", re.I)
_UNSURE_STANCE = re.compile(r"^(?:just\s+|really\s+)?(?:don'?t|do not)\s+know(?:\s+(?:yet|anymore|any more|really))?\W*$", re.I)


def _stance(x: str) -> str:
    """Their own stance as the coach says it: "don't know" -> "aren't sure", else their words swapped."""
    x = re.sub(r"\s+(?:lol|lmao|haha+|tbh|honestly)\W*$", "", x.strip(), flags=re.I)
    if _UNSURE_STANCE.match(x):
        return "aren't sure"
    x = re.sub(r"^(?:am|'m)\s+", "are ", x.strip(), flags=re.I)  # "I am not sure…" captured without its "I": "you are not sure"
    return swap(x).split(" — ")[0]


def _third_person(verb: str, holder: str = "") -> str:
    """ "want" (as a learner may write it) -> "wants" for one person; "they", "my parents" keep "want"."""
    v = (verb or "want").lower()
    h = holder.strip().lower()
    plural = h in ("they", "people", "we") or (h.endswith("s") and not h.endswith(("boss", "'s")) and h not in ("his",))
    if plural:
        return v[:-1] if v.endswith("s") and v not in ("is", "has") else v
    return v if v.endswith("s") else {"would like": "would like"}.get(v, v + "s")


_USED_TO = re.compile(r"\bi\s+used\s+to\s+(?P<was>[^.!?;]{3,50})[.!;]?\s+(?:but\s+)?(?:now|these days|nowadays)[,]?\s+(?P<now>[^.!?]{3,50})", re.I)
_DOUBT = re.compile(r"\bi(?:'m| am)\s+(?:not|never)\s+(?P<q>good|smart|clever|strong|experienced|qualified|talented|senior|confident)\s+enough\b", re.I)


def used_to(text: str, pick: Picker) -> str | None:
    """ "I used to love nursing. Now it's just a job." -> both, the change heard."""
    m = _USED_TO.search(text)
    if not m:
        return None
    was, now = swap(m.group("was")), swap(m.group("now"))
    return pick.line("heard.used_to", "lines", was=was, was_ing=L.gerund(was), now=now) if _fits(now, 10) else None


def doubt(text: str, pick: Picker) -> str | None:
    """ "I'm starting to think I'm not good enough" -> the doubt heard, never argued with."""
    m = _DOUBT.search(text)
    return pick.line("heard.doubt", "lines", quality=m.group("q").lower()) if m else None


# ---- what it isn't --------------------------------------------------------------------------------


def denied(h: Hearing, pick: Picker, *, ask: bool = True, text: str = "") -> Parts | None:
    no = next((c for c in h.claims if c.polarity < 0 and c.holder == "self" and c.modality == "value"), None)
    if no is None:
        return refused(h, pick, ask=ask, text=text)
    if re.match(r"^(?:less money|less|a pay cut|a lower salary|a cut)$", no.object, re.I):
        return None  # "I'd take less money to work somewhere I believe in": a trade, reflected as one (reflect.py)
    x = L.gerund(swap(no.object))  # "not that I want to be rich" -> "being rich"
    alts = [c for c in h.claims if c.polarity > 0 and c.holder == "self" and c.modality in ("value", "preference")]
    alt_claim = min(alts, key=lambda c: abs(c.start - no.end), default=None)  # what they put in its place, nearest first
    alt = swap(alt_claim.object) if alt_claim is not None else ""
    if alt and re.match(r"^(?:nobody|no one|nothing|they|people|everyone|i|you)\s+\w+", alt, re.I) and not re.match(r"^\w+\s+\w+ing\b", alt):
        # ("people knowing what you did" is already a thing said, not a clause: never "that people knowing…")
        alt = "that " + alt  # "I'm leaving because nobody listens" -> "it's that nobody listens"
    if not _fits(x, 10):
        return None
    about = "about " if re.search(r"\babout\b", no.text, re.I) and not x.lower().startswith("about") else ""
    x = re.sub(r"^about\s+", "", x, flags=re.I)
    if alt and _fits(alt, 12):
        line = pick.line("heard.denied", "with_alt", x=x, x_about=about + x, alt=alt)
        return [line, pick.question("heard.denied_alt", alt=alt) if ask else None]
    line = pick.line("heard.denied", "alone", x=x, x_about=about + x)
    after = pick.line("heard.denied", "after")
    return [line, after, pick.question("heard.denied", x=x) if ask else None]


def refused(h: Hearing, pick: Picker, *, ask: bool = True, text: str = "") -> Parts | None:
    """ "I don't want partnership. I've never wanted it." -> partnership isn't for them; what they'd want instead."""
    no = next((c for c in h.claims if c.polarity < 0 and c.holder == "self" and c.modality == "want"), None)
    if no is None:
        return None
    x = swap(no.object)
    if not _fits(x, 10):
        return None
    want = next((c for c in h.claims if c.polarity > 0 and c.holder == "self" and c.modality in ("value", "preference")), None)
    alt, clause = (swap(want.object), "") if want is not None else _wanted_instead(text, no)
    if alt and _fits(alt, 12):
        line = pick.line("heard.refused", "with_want", x=x, alt=alt)
        return [line, pick.question("heard.denied_alt", alt=alt) if ask else None]
    if clause and _fits(clause, 16):
        line = pick.line("heard.refused", "with_clause", x=x, want=clause)
        return [line, pick.question("heard.denied_clause") if ask else None]
    return [pick.line("heard.denied", "refused", x=x), pick.question("heard.refused") if ask else None]


_I_WANT = re.compile(r"\bi\s+(?:just\s+|really\s+|only\s+|actually\s+)?(?:want|wanna|need|would like|'d like)\s+(?P<x>[^.!?;]{3,80})", re.I)
_GERUND_LEAD = re.compile(r"^\w+ing\b")


def _wanted_instead(text: str, no: Claim) -> tuple[str, str]:
    """ "I don't want to run meetings. I want to make sure quiet people get heard." -> what they do want:
    as a phrase ("making sure quiet people get heard") when it reads as one, else as their own clause
    ("you want your work to speak"), or nothing."""
    from coach.mentor.values import as_value_phrase

    for m in _I_WANT.finditer(text):
        if no.start <= m.start() < no.end:
            continue  # the refusal itself ("I don't want to…")
        if re.search(r"\b(?:not|never|n't)\s+(?:saying|said|that|because)\s+$|\b(?:not|n't)\s+(?:\w+\s+)?$", text[max(0, m.start() - 20):m.start()], re.I):
            continue  # "I'm not saying I want to quit": a want denied, not the one in its place
        want = re.split(r"\s+(?:but|and|though|although|yet)\s+|,\s*", m.group(0), maxsplit=1)[0]
        phrase = L.strip_end(as_value_phrase(want))  # already in the coach's voice: swapping again undoes it
        if phrase and (_GERUND_LEAD.match(phrase) or not _CLAUSE.search(phrase)):
            return phrase, ""
        # "I want my work can speak" -> "you want your work to speak"
        said = re.sub(r"^(\w+\s+(?:want|wanna|need)\s+(?:my|the|our|people|them|him|her|someone)\b[\w\s]{0,30}?)\s+(?:can|could|will|would)\s+",
                      r"\1 to ", want.strip(), count=1, flags=re.I)
        said = re.sub(r"\bwanna\b", "want to", said, flags=re.I)
        return "", swap(said)
    return "", ""


# ---- fear of losing something ---------------------------------------------------------------------


_CAUSE = re.compile(r"^\W*(?:honestly,?\s+|so\s+|and\s+|but\s+)?(?P<cause>(?:the|this|my|our|all (?:the|this)|these) [\w\- ]{2,30}?)\s+(?:has|have|is|are|'s|'re)\s+(?:got\s+)?(?:me|us)\s+(?:so\s+|really\s+|a bit\s+)?(?:scared|worried|anxious|nervous|terrified|freaked out|afraid)\b", re.I)


_WANT_BUT_SCARED = re.compile(r"\bi\s+(?:really\s+)?(?:want|wanna|'d like|would like)\s+(?:to\s+)?(?P<x>[^.!?,]{3,50}?),?\s+but\s+i'?m\s+"
                              r"(?:so\s+|really\s+|a bit\s+)?(?:scared|afraid|terrified|worried|frightened)\s+(?:that\s+|of\s+)?(?P<f>[^.!?]{3,50}?)\W*$", re.I)


def fear(h: Hearing, text: str, pick: Picker, *, ask: bool = True) -> Parts | None:
    c = next((c for c in h.claims if c.modality == "fear" and c.holder == "self"), None)
    if c is None:
        return None
    obj = swap(c.object)
    if not _fits(obj, 12):
        return None
    want = _WANT_BUT_SCARED.search(text)
    if want and _fits(want.group("x"), 10):
        # "I want to be a manager but I'm scared I'll be rubbish at it": the want first, then the fear of it
        line = pick.line("heard.fear", "with_want", want=swap(want.group("x")), fear=swap(want.group("f")))
        if line:
            return [line, pick.question("heard.fear") if ask else None]
    m = _CAUSE.search(text)
    line = None
    if _CLAUSE.search(obj) and not obj.split()[0].lower().endswith("ing"):
        line = pick.line("heard.fear", "clause", object=obj)  # "the portfolio thing means you're starting from zero"
    elif m:
        line = pick.line("heard.fear", "with_cause", cause=swap(m.group("cause")), object=obj)
    line = line or pick.line("heard.fear", "lines", object=obj)
    meaning = pick.line("heard.fear", "security") if c.theme == "compensation" else None
    return [line, meaning, pick.question("heard.fear") if ask else None]


# ---- comparisons and hypotheticals ----------------------------------------------------------------


def compare(c: Claim, pick: Picker, *, ask: bool = True) -> Parts | None:
    winner, loser = L.lower_first(swap(c.object)), L.lower_first(swap(c.beats))
    rather = re.match(r"^\W*i(?:'d|’d| would|d)\s+(?:much\s+|honestly\s+)?rather\s+(?P<x>.+?)\s+than\s+(?P<y>.+?)\W*$", c.text, re.I)
    if rather and _fits(rather.group("x"), 10) and _fits(rather.group("y"), 8):
        # "I'd rather be skint and see her than flush and not": their words in their own shape, never "being skint
        # and see her, more than flushing and not"
        line = pick.line("heard.compare", "rather", x=swap(rather.group("x")), y=swap(rather.group("y")))
        if line:
            return [line, pick.question("heard.compare", winner=winner, loser=loser) if ask else None]
    if not (_fits(winner, 14) and _fits(loser, 10)):
        return None
    line = pick.line("heard.compare", "it_is" if c.verb == "is" else "lines", winner=winner, loser=loser)
    return [line, pick.question("heard.compare", winner=winner, loser=loser) if ask else None]


def hypothetical(c: Claim, pick: Picker, *, ask: bool = True) -> Parts | None:
    obj = swap(c.object)
    head = L._ADVERB_LEAD.sub("", obj).split(" ", 1)[0].lower() if obj else ""
    cond = swap(c.condition)
    if cond and c.result and _fits(c.result, 14) and _fits(cond, 10):
        # "If I get the promotion I'd finally be able to buy a house": said back as a picture, in their shape
        line = pick.line("heard.hypothetical", "said", condition=cond, result=swap(c.result))
        return [line, pick.question("heard.hypothetical_open") if ask else None]
    if not _fits(obj, 12) or not head.endswith("ing"):
        return None
    line = (pick.line("heard.hypothetical", "lines", object=obj, condition=cond, condition_np=_np(cond))
            if cond and _fits(cond, 10) else pick.line("heard.hypothetical", "bare", object=obj))
    short = re.split(r"\s+(?:and|or|but)\s+", obj, maxsplit=1)[0]  # the question names the first part only
    return [line, pick.question("heard.hypothetical", object=short, condition_np=_np(cond) if cond else "") if ask else None]


# ---- feelings and life events --------------------------------------------------------------------


_SHAKEN = re.compile(r"^\W*(?:and\s+)?(?:i\W?m|i am|i was|i\W?ve been)\s+(?:still\s+|literally\s+|actually\s+)?(?P<f>shaking|trembling|in tears|crying|"
                     r"shaken|shaking like a leaf)\W*$|^\W*(?:and\s+)?i\s+(?:cried|was crying)\b[^.!?]{0,30}$", re.I)


def after_event(text: str, pick: Picker) -> str | None:
    """An event, then a short sentence of what it did to them ("i'm shaking", "I cried in the car"): both,
    the event in their words and them in it — never only the event, never only "you're shaking"."""
    sents = L.sentences(text)
    if len(sents) < 2:
        return None
    m = _SHAKEN.match(sents[-1])
    event = L.strip_end(sents[-2])
    if not m or not 4 <= len(event.split()) <= 22:
        return None
    return pick.line("heard.shaken", "lines", event=L.lower_first(swap(event)), state=swap(L.strip_end(sents[-1].strip())))


def feeling_word(f: Feeling) -> str:
    w = f.text.lower()
    if w.startswith("like "):
        return "feeling " + w  # "like a fraud" -> "you're feeling like a fraud", never "you're like a fraud"
    return _ADJECTIVE.get(w, w)


def _without_feeling(sentence: str, f: Feeling) -> str:
    """ "My review said needs improvement and I am upset" -> "My review said needs improvement"."""
    s = re.sub(rf"\s*(?:,|\band\b|\bso\b|\bnow\b)?\s*(?:i\W?m|i am|i feel|i felt|i was|it\W?s left me|it has left me|i\W?ve been)\s+(?:\w+\s+){{0,2}}{re.escape(f.text)}\b.*$",
               "", sentence, flags=re.I)
    s = re.sub(r"(?:\s*,|\s+(?:and|but|so|yet|though|because))+\s*$", "", s.strip(), flags=re.I)  # "I said yes but"
    return L.strip_end(s.strip(" ,"))


def feeling(h: Hearing, pick: Picker, *, ask: bool = True) -> Parts | None:
    if not h.feelings:
        return None
    f = max(h.feelings, key=lambda x: x.intensity)
    line = None
    clause = _without_feeling(h.focus, f) if h.focus and f.text else ""
    if clause and clause != L.strip_end(h.focus) and _fits(clause, 16) and re.search(r"\b(my|i|me|the|our)\b", clause, re.I):
        line = pick.line("heard.feeling", "with_clause", clause=swap(clause), word=feeling_word(f))
    about = swap(f.about) if f.about and re.search(r"\b(?:of|with)$", f.text, re.I) else ""
    if line is None and about and _fits(about, 16):  # "sick of doing it the foreman's way"
        line = pick.line("heard.feeling", "of_what", word=f.text.lower(), about=about)
    if line is None:
        try:
            line = pick.line("heard.feeling", f.name)
        except KeyError:
            line = None
    if line is None:
        return None
    key = "heard.feeling_positive" if f.valence > 0 else "heard.feeling_negative"
    return [line, pick.question(key) if ask else None]


_WHO = re.compile(r"\b(?P<who>(?:my|our) (?:\w+ )?(?:mom|mum|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|friend|best friend|grandma|grandmother|grandpa|grandfather|baby|dog|cat|uncle|aunt|colleague|boss|manager|mentor))\b", re.I)
_AFTER = re.compile(r"\b(?:and|since then|ever since|now)\s+(?P<rest>(?:work|my job|everything|it|the job|i)\b[^.!?;]{3,80})", re.I)


_AFTERMATH = re.compile(r"\b(?:felt|feel|feels|feeling|seems?|seemed|can'?t|couldn'?t|haven'?t been able|been (?:hard|rough|tough|a blur)|"
                        r"struggl\w*|pointless|empty|numb|hard|heavy|flat|lost|meaningless|foggy|distracted)\b", re.I)


_BOTH = re.compile(r"^\W*(?:two things[.:]?\s*)?(?:i'?m|i am)\s+(?P<a>going through [^.,;]+?|dealing with [^.,;]+?)\s+and\s+(?:i'?m|i am)\s+(?P<b>[^.;!?]+)", re.I)


def loss(h: Hearing, pick: Picker, *, ask: bool = True, text: str = "") -> Parts:
    both = _BOTH.search(h.event_text)
    if both and _fits(both.group("b"), 10):
        # "I'm going through a divorce and I'm up for director in the same month": both held at once
        line = pick.line("heard.loss", "both", a=swap(both.group("a")), b=swap(both.group("b")))
        if line:
            return [line, pick.question("heard.loss") if ask else None]
    who = _WHO.search(h.event_text)
    sorry = pick.line("heard.loss", "sorry_who", who=swap(who.group("who"))) if who else pick.line("heard.loss", "sorry")
    rest = _AFTER.search(h.event_text)
    sense = None
    if rest and not _AFTERMATH.search(rest.group("rest")):
        rest = None  # "…and I'm up for director" is news beside the loss, not what the loss has done
    if rest:
        r = _TIME_TAIL.sub("", swap(rest.group("rest")))
        if _fits(r, 12):
            sense = pick.line("heard.loss", "makes_sense", rest=r)
    if sense is None:
        # "One of my patients died on Saturday. I'd been his GP for fifteen years.": what it meant, said back
        sents = [x for x in L.sentences(text or h.event_text) if x.strip() not in h.event_text]
        bond = next((x for x in sents if re.match(r"^\W*(?:i|we)\b", x, re.I) and 4 <= len(x.split()) <= 12
                     and not re.search(r"\b(?:sorry|know|don'?t|why)\b", x, re.I)), None)
        if bond:
            sense = L.upper_first(swap(L.strip_end(bond))) + "."
    return [sorry, sense or pick.line("heard.loss", "presence"), pick.question("heard.loss") if ask else None]


_NEWS = re.compile(r"\b(?:got into|got in to|got accepted (?:to|into|at)|got|landed|received|won|passed|made|hit|earned|secured|closed|shipped|launched|aced|nailed|been offered|was offered)\s+(?P<news>(?:the|my|a|an|our)\s+[^.!?,;]{2,50}?)(?=[.!?,;]|\s+(?:today|yesterday|this|last|and|at|after)\b|$)", re.I)
_PROMOTED = re.compile(r"\b(?:i\W?m|i am|i was|i\W?ve been|i have been|just got|got)\s+(?:just\s+|finally\s+|officially\s+)?(?P<news>promoted|hired|accepted)\b(?:\s+(?:to|as|into)\s+(?P<to>[^.!?,;]{2,40}))?", re.I)


_FLAT = re.compile(r"\b(?:i\s+)?(?:feel|felt)\s+(?:nothing|numb|flat|empty|weird about it|nothing at all)\b|\bdon'?t\s+feel\s+(?:anything|happy|excited)\b|"
                   r"\b(?:not|n't)\s+(?:even\s+)?(?:happy|excited|pleased)\b", re.I)


def good_news(h: Hearing, a: Analysis, pick: Picker, *, ask: bool = True) -> Parts:
    flat = _FLAT.search(a.text)
    if flat:
        # "I got the promotion and I feel nothing": news that should be good, met flat — no congratulations
        return [pick.line("heard.good_news", "flat"), pick.question("heard.good_news_flat") if ask else None]
    m = _NEWS.search(h.event_text)
    promoted = _PROMOTED.search(h.event_text)
    line = None
    if m and _fits(m.group("news"), 8):
        news = m.group("news").lower() if m.group("news").isupper() else m.group("news")  # "I GOT THE JOB": calmly
        line = pick.line("heard.good_news", "congrats_on", news=swap(news))
    elif promoted:
        what = {"promoted": "the promotion", "hired": "the new job", "accepted": "getting in"}[promoted.group("news").lower()]
        line = pick.line("heard.good_news", "congrats_on", news=what)
    line = line or pick.line("heard.good_news", "congrats")
    thrilled = pick.line("heard.good_news", "thrilled") if (a.energy >= 0.4 or any(f.valence > 0 for f in h.feelings)) else None
    return [line, thrilled, pick.question("heard.good_news") if ask else None]


_BAD = re.compile(r"\b(?:got|was|were|been|being)\s+(?P<news>laid off|let go|fired|made redundant|passed over(?: for [^.!?,;]{2,30})?|rejected|turned down|demoted|put on (?:a )?(?:pip|performance (?:improvement )?plan))", re.I)
_GAVE = re.compile(r"\b(?:gave|given|handed|offered)\s+(?P<job>(?:the|my|that|a)\s+(?:\w+\s+){0,3}(?:job|role|promotion|position|post|lead|spot))\s+to\s+(?P<to>[^.!?,;]{2,50})", re.I)


_GOT_BAD = re.compile(r"\b(?:got|had|received)\s+(?P<news>(?:my|a|another|the|our)\s+[^.!?,;]{0,30}?(?:rejection|rejected|warning|"
                      r"bad review|pip|no)(?:\s+(?:this|last)\s+(?:year|week|month|time))?)\b", re.I)


_CUT = re.compile(r"^(?P<x>[^.!?]{0,40}?\b(?:cut|slashed|dropped|reduced)\s+(?:our|my|the)\s+(?:price|prices|pay|hours|salary|rate|rates|"
                  r"funding|budget|wages?|contract|shifts?)\b[^.!?,;]{0,30})", re.I)


def bad_news(h: Hearing, pick: Picker, *, ask: bool = True, text: str = "") -> Parts:
    cut = _CUT.search(h.event_text.strip())
    if cut and _fits(cut.group("x"), 16):
        # "Milk buyer's cut our price by 4p a litre from next month": the blow, in their words
        said = re.sub(r"\s+(?:from|starting|as of|since)?\s*(?:next|this|last)\s+(?:month|week|year|quarter)\b.*$", "", cut.group("x").strip(), flags=re.I)
        line = pick.line("heard.bad_news", "cut", exact=swap(said))  # said whole: the amount is the blow
        if line:
            return [line, None, pick.question("heard.bad_news") if ask else None]
    m = _BAD.search(h.event_text)
    gave = _GAVE.search(swap(h.event_text))
    got = _GOT_BAD.search(h.event_text)
    line = pick.line("heard.bad_news", "lines", news="being " + swap(m.group("news"))) if m else None
    if line is None and got and _fits(got.group("news"), 8):  # "Got my fourth grant rejection this year"
        line = pick.line("heard.bad_news", "got", news=swap(got.group("news")))
    if line is None and gave:
        # "they gave the ops manager job to a 26-year-old with an MBA": passed over, said as it was
        to = re.split(r"\s+(?:who|that|which)\s+", gave.group("to"), maxsplit=1)[0]
        line = pick.line("heard.bad_news", "passed_over", job=gave.group("job").lower(), to=to)
    if line is None:
        # nothing more specific fits: the news as they said it ("Got told this morning my role's 'at risk'"),
        # rather than a line that would fit any bad news
        said = L.strip_end(re.sub(r"^\W*(?:so|and|well|ugh|welp|yeah|anyway)[,.!]*\s+", "", h.event_text.strip(), flags=re.I))
        said = re.sub(r"^(?:got|was|been)\s+(?=told|given|handed|put|made|called)", "I was ", said, flags=re.I)
        if _fits(said, 14) and not said.rstrip().endswith("?") and not re.search(r"\b(?:you|your)\b", said, re.I):
            line = pick.line("heard.bad_news", "said", exact=swap(said))
    line = line or pick.line("heard.bad_news", "bare")
    feel = feeling(h, pick, ask=False) if h.feelings and not m else None
    return [line, doubt(text or h.event_text, pick) or (feel[0] if feel else None),
            pick.question("heard.bad_news") if ask else None]


# ---- requests -----------------------------------------------------------------------------------------


_GOAL_IN = re.compile(r"\b(?:to|for|about|towards?)\s+(?P<goal>(?:make|get|become|reach|land|be|go|move|break into|switch to|get to)\s+[^.!?,;]{2,40})", re.I)


def request_goal(request: str) -> str:
    """ "list what I need to do to make lead" -> "make lead" (what the steps are for), or ""."""
    m = _GOAL_IN.search(request)
    if not m:
        return ""
    goal = swap(m.group("goal"))
    return goal if _fits(goal, 8) and not re.search(r"\b(it|this|that|there)$", goal, re.I) else ""


_YES_NO = re.compile(r"(?:^|[.!?,]\s+)\W*(?:so\s+|but\s+|honestly,?\s+)?(?P<aux>am i|was i|is it|is this|is that|would it be|do i|did i|can i|could i)\s+"
                     r"(?P<x>[^.!?]{3,70}?)\s*(?:\?|$)", re.I)
_AS_SAID = {"am i": "you're", "was i": "you were", "is it": "it's", "is this": "this is", "is that": "that's",
            "would it be": "it would be", "do i": "you", "did i": "you", "can i": "you can", "could i": "you could"}


def verdict_asked(request: str) -> str:
    """ "Am I too old at 52 to retrain as a paramedic?" -> "whether you're too old at 52 to retrain as a paramedic",
    the question they asked, named back as theirs; "" when there is no yes/no question to name."""
    m = _YES_NO.search(request)
    if not m:
        return ""
    x = swap(m.group("x"))
    if not _fits(x, 14) or re.search(r"\b(?:you|your)\b", m.group("x"), re.I):
        return ""  # "Is it me or is this weird?" aside; a question about the coach is not theirs to weigh
    return f"whether {_AS_SAID[m.group('aux').lower()]} {x}"


def request(plan: Plan, h: Hearing, pick: Picker, text: str = "") -> Parts:
    goal = request_goal(h.request)
    if plan.cue is Cue.REQUEST_OPINION:
        asked = verdict_asked(h.request or "")
        named = None
        pointer = re.match(r"^whether (?:that|it|this)(?:'s| is)\s+(?P<adj>.{2,30})$", asked)
        before = [x for x in L.sentences(text) if not x.rstrip().endswith("?") and not re.match(r"^\W*what do you think\b", x, re.I)] if pointer else []
        if pointer and before and _fits(" ".join(before[-2:]), 16):
            # "I got the promotion and I feel nothing. Is that weird?": what "that" is, and the question about it
            said = L.strip_end(swap(" ".join(L.strip_end(x) + "." for x in before[-2:])))
            named = pick.line("heard.request", "opinion_about", said=said, adj=L.strip_end(pointer.group("adj")))
        named = named or (pick.line("heard.request", "opinion_on", x=asked) if asked else None)
        return [named or pick.line("heard.request", "opinion"), pick.line("heard.request", "opinion_stance"),
                pick.question("heard.opinion")]
    heard_it = pick.line("heard.request", "steps_goal", goal=goal) if goal else None
    heard_it = heard_it or pick.line("heard.request", "steps")
    q = pick.question("heard.request_goal", goal=L.gerund(goal)) if goal else None
    if q is None and re.search(r"\boptions?|ideas?|choices|paths?\b", h.request, re.I):
        q = pick.question("heard.options")
    return [heard_it, pick.line("heard.request", "steps_stance"), q or pick.first_question("advice", "injection")]


# ---- about the coach: corrections, complaints, questions, small talk ----------------------------------


_ITS = re.compile(r"(?:^|[.!?]\s+)(?:it'?s|it is|that'?s|i meant|i mean|what i mean is|i'?m saying)\s+(?:more\s+|really\s+|actually\s+|just\s+)?(?:about\s+)?(?P<x>[^.!?,;]{2,50})", re.I)


def correction(h: Hearing, pick: Picker) -> Parts:
    thanks = pick.line("heard.correction", "thanks")
    said = denied(h, pick, ask=False) if h.correction else None
    if not (said and said[0]) and h.correction:
        m = _ITS.search(h.correction)
        if m and _fits(m.group("x"), 10) and not re.match(r"^(?:not|it|that)\b", m.group("x"), re.I):
            alt = swap(m.group("x"))  # "Nah, that's not really it. It's more about respect." -> it's respect
            line = pick.line("heard.correction", "instead", alt=alt)
            if line:
                return [thanks, line, pick.question("heard.correction_alt", alt=alt)]
    if not (said and said[0]) and h.correction:
        # "No, I meant the money's just a bonus. That's not why." -> what they said in its place, in their words
        first = L.strip_end(L.sentences(h.correction)[0]) if L.sentences(h.correction) else ""
        first = re.sub(r"^(?:i meant|i mean|what i mean is|i'?m saying)\s+(?:that\s+)?", "", first, flags=re.I)
        if _fits(first, 14) and len(first.split()) >= 3 and not re.match(r"^(?:not|no|it|that|this)\b", first, re.I):
            line = pick.line("heard.correction", "said", clause=swap(first))
            if line:
                return [thanks, line, pick.question("heard.correction_said")]
    if said and said[0]:
        alt = next((c for c in h.claims if c.polarity > 0 and c.holder == "self" and c.modality in ("value", "preference")), None)
        q = pick.question("heard.correction_alt", alt=swap(alt.object)) if alt is not None and _fits(swap(alt.object), 10) else None
        return [thanks, said[0], q or pick.question("heard.correction")]
    return [thanks, None, pick.question("heard.correction")]


def about_coach(text: str, pick: Picker) -> Parts:
    low = text.lower()
    if re.search(r"\b(?:literal|direct|blunt|specific|concrete|vague|abstract|metaphor|one at a time|plainly|simply)\b|\basked (?:two|2|three|3|too many|several|multiple) questions\b", low):
        return [pick.line("heard.about_coach", "style"), pick.question("heard.about_coach")]
    if re.search(r"\bcoach\w*\b.{0,40}\bwhat to do\b", low):
        return [pick.line("heard.about_coach", "sports"), pick.question("heard.about_coach")]
    if re.search(r"\b(?:technique|method|tactic|trick|strategy|script|thing you do)\b", low):
        return [pick.line("heard.about_coach", "technique"), pick.question("heard.about_coach")]
    if re.search(r"\b(?:going to|gonna)\s+(?:tell|give)\s+me\s+(?:what to do|any advice|advice|an answer|the answer)\b", low):
        return [pick.line("heard.about_coach", "no_advice"), pick.question("heard.about_coach")]
    if re.search(r"\b(?:have to|need to|gotta) answer\b|\bskip\b|\bnot answer\b", low):
        return [pick.line("heard.about_coach", "skip"), pick.question("heard.about_coach")]
    if re.search(r"\bwho (?:made|built|owns)\b", low) and re.search(r"\brecord", low):
        return [pick.line("heard.about_coach", "bot"), pick.line("heard.about_coach", "memory"), pick.question("heard.about_coach")]
    if re.search(r"\b(bot|robot|ai|a\.i\.|human|real|person|chatgpt|gpt|computer|program|machine|script|llm|language model)\b|who (?:made|built)", low):
        topic = "bot"
    elif re.search(r"\b(point|why (do|are|did) you|questions? (for|about))\b", low):
        topic = "point"
    elif re.search(r"\b(remember|store|keep (?:what|this|my|everything)|happens? (to|with)|data|record\w*)\b", low):
        topic = "memory"
    else:
        topic = "how"
    return [pick.line("heard.about_coach", topic) or pick.line("heard.about_coach", "how"), pick.question("heard.about_coach")]


def complaint(pick: Picker) -> Parts:
    return [pick.line("heard.complaint", "lines"), pick.question("heard.complaint")]


def boundary(h: Hearing, pick: Picker) -> Parts:
    """The limit respected; a feeling they did say ("it was bad") met, nothing asked about it."""
    feel = feeling(h, pick, ask=False) if h.feelings else None
    return [pick.line("heard.boundary", "lines"), feel[0] if feel else None, pick.question("heard.boundary")]


def small_talk(text: str, pick: Picker) -> Parts:
    if re.match(r"^\W*(?:can|could|may) i (?:tell|share|say|ask)\b", text, re.I):
        return [pick.line("heard.small_talk", "story")]  # a story offered: invited, nothing asked yet
    if re.match(r"^\W*(?:thanks|thank you|cheers|ty|thx)\b", text, re.I):
        return [pick.line("heard.small_talk", "thanks"), pick.question("heard.after_thanks")]
    how = bool(re.search(r"\bhow (are|r) (you|u)|how's it going|how's your day", text, re.I))
    return [pick.line("heard.small_talk", "hello"), pick.line("heard.small_talk", "how_are_you") if how else None,
            pick.question("heard.small_talk")]


# ---- form: long pastes, other languages ---------------------------------------------------------------


def long_paste(h: Hearing, pick: Picker, reflect_focus: str | None) -> Parts:
    heart = None
    focus = re.sub(r"^\W*(?:well|so|ok(?:ay)?|and|but|honestly|the truth is|truth is|to be honest|the thing is)[,:]?\s+", "", h.focus.strip(), flags=re.I)
    focus = re.sub(r",\s*i mean(?:\s+really)?\s+\w+(?:\s+\w+)?,", "", focus, flags=re.I)  # ", I mean really prayed,": a self-repair
    if reflect_focus is None and focus and _fits(focus, 24):
        # said whole (the pruning would cut "for about a year" from "you haven't prayed properly for about a year")
        heart = pick.line("heard.long", "heart", exact=L.lower_first(swap(focus)))
    return [pick.line("heard.long", "lines"), reflect_focus or heart, pick.question("heard.long")]


def language_line(language: str) -> str:
    table = voice()["heard"]["mixed"]
    value = table.get(language) or table["en"]
    return value if isinstance(value, str) else value[0]


def mixed(h: Hearing, pick: Picker) -> Parts:
    understood = None
    if h.english and _fits(h.english, 24) and len(re.findall(r"[a-z]{4,}", h.english.lower())) >= 3:
        understood = pick.line("heard.mixed", "understood", clause=L.lower_first(swap(h.english)))  # never "That's all."
    lines: Parts = [language_line(h.language)]
    if h.language != "en" and h.language in voice()["heard"]["mixed"]:
        lines.append(language_line("en"))
    return [*lines, understood]


_WHAT_IF = re.compile(r"(?:^|[.!?]\s+)\W*(?:and\s+|but\s+|so\s+)?what if\s+(?P<x>[^?.!]{3,80})\?", re.I)


def wondering(text: str, pick: Picker) -> str | None:
    """ "what if the only thing i like is that nobody's my boss?" -> part of you wonders whether the only thing
    you like is that nobody's your boss: a question they ask themselves, heard as one."""
    m = _WHAT_IF.search(text)
    if m and not re.search(r"\byou\b", m.group("x"), re.I):
        x = swap(m.group("x"))
        return pick.line("heard.boundary", "wondering", x=x) if _fits(x, 16) else None
    # "is anyone actually into riding in the rain for £3.40 a drop?": the question they're asking, heard as one
    from coach.realize.asked import indirect

    for q in (x for x in L.sentences(text) if x.rstrip().endswith("?")):
        said = indirect(q)
        if said:
            x = swap(said)
            if said.startswith("whether "):
                return pick.line("heard.boundary", "wondering", x=x[len("whether "):])
            return pick.line("heard.boundary", "wondering_wh", x=x)
    return None
