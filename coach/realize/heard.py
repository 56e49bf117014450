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
from coach.realize import contrast

# the replies to events and to requests live beside this module; the offline voice reads them all as heard.*
from coach.realize.heard_events import after_event, bad_news, doubt, feeling, feeling_word, good_news, loss, used_to
from coach.realize.heard_requests import (
    about_coach,
    boundary,
    complaint,
    language_line,
    long_paste,
    mixed,
    request,
    request_goal,
    small_talk,
    verdict_asked,
    wanted_heard,
)
from coach.realize.lines import Picker
from coach.realize.said import Parts, carries_content, fits, holder_phrase, noun_phrase, possessive, swap
from coach.types import Claim, Hearing

# what the offline voice calls as heard.*: the builders here and the ones beside this module
__all__ = [
    "about_coach",
    "after_event",
    "bad_news",
    "boundary",
    "carries_content",
    "compare",
    "contrast",
    "complaint",
    "correction",
    "denied",
    "doubt",
    "fear",
    "feeling",
    "feeling_word",
    "good_news",
    "hypothetical",
    "language_line",
    "long_paste",
    "loss",
    "mixed",
    "others",
    "possessive",
    "refused",
    "request",
    "request_goal",
    "small_talk",
    "swap",
    "used_to",
    "verdict_asked",
    "wondering",
    "wanted_heard",
]


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
        return view if _CLAUSE.search(view) and fits(view, 14) else ""  # said to them: "you are still a pharmacist"
    if not c.content or not re.match(r"^(?:i|i'm|i am|i've|my|me)\b", c.content, re.I):
        return ""
    view = swap(c.content)
    said_of_them = re.match(r"^you\s+\w+", view) is not None and c.verb.lower() in _SAYING  # "mum will say I let the family down"
    return view if (_CLAUSE.search(view) or said_of_them) and fits(view, 14) and not _OUGHT.search(view) else ""


_SAYING = frozenset(("say", "says", "said", "think", "thinks", "thought", "tell", "tells", "told"))


def _is_base_verb(word: str) -> bool:
    from coach.gerunds import table

    return word in table() and word not in ("it", "that", "this", "the", "a")


def chorus(h: Hearing, c: Claim, pick: Picker) -> Parts | None:
    """ "sandra thinks its a step up, my mum thinks its a step up, everyone thinks its a step up": one view held by
    several people is said as theirs, all of them ("So that's your mum's view" drops the point: it is everyone's)."""
    same = [x for x in h.claims if x.holder != "self" and x.object and swap(x.object).lower() == swap(c.object).lower()]
    holders = list(dict.fromkeys(holder_phrase(x.holder) for x in same if holder_phrase(x.holder)))
    if len(holders) < 2 or not fits(swap(c.object), 10):
        return None
    if len(holders) > 3 or any(x.lower() in ("everyone", "everybody", "people", "all of them") for x in holders):
        line = pick.line("heard.others", "chorus_all", object=swap(c.object))  # (never "your mum and everyone")
    else:
        line = pick.line("heard.others", "chorus", who=", ".join(holders[:-1]) + " and " + holders[-1], object=swap(c.object))
    return [line, pick.question("heard.others")] if line else None


def others(c: Claim, pick: Picker, text: str = "") -> Parts | None:
    if c.beats and c.modality == "preference":
        return compare(c, pick)  # "its not the danger she minds its the hours": her comparison, said as hers
    for field in ("content", "object"):
        said = getattr(c, field)
        if said and re.match(r"^[A-Z][a-z]+,?\s+(?:i|i'm|you|you're)\b", said):
            c = replace(c, **{field: said.split(None, 1)[1].lstrip(", ")})  # "Baba you were a pharmacist": a name, called
    if not c.content and c.verb.lower() in ("say", "says", "said", "think", "thinks", "thought", "tell", "tells", "told"):
        m = re.search(r"\b(?:say|says|said|think|thinks|thought|tell|tells|told)\s+(?:me\s+)?(?:that\s+)?(?P<x>(?:i|i'm|i've|i'd|my)\b.*)$", c.text, re.I)
        if m:  # "mum will say I let the family down": her view of them, not something she wants
            c = replace(c, content=L.strip_end(m.group("x")))
    if re.match(r"^(?:mum|mom|mam|ma|dad|da|son|darling|love|hun|babe|mate|sweetheart)\b,?\s+(?=\w)", c.object or "", re.I) \
            and c.verb.lower() in ("say", "says", "said", "tell", "tells", "told", "goes", "keeps", "keep"):
        # "my daughter says mum just go back to the office": "mum" is what she calls them, never the coach's word
        c = replace(c, object=re.sub(r"^\w+,?\s+(?:just\s+)?", "", c.object), content=re.sub(r"^\w+,?\s+(?:just\s+)?", "", c.content or c.object))
    obj, holder = swap(c.object), holder_phrase(c.holder)
    quoted = re.search(r"(?:^|[\s,:])['‘“\"](?P<q>\w.{2,80}?)['’”\"](?=[\s.!?,;]|$)", c.text.strip())
    if quoted and holder and c.verb.lower() in ("say", "says", "said", "tell", "tells", "told", "keeps", "keep") and fits(quoted.group("q"), 14):
        # "He said at Christmas, in front of everyone, 'Hayes and Daughter, it's got a ring to it'": their words, theirs
        line = pick.line("heard.others", "quoted", holder=holder, holders=possessive(c.holder), quote=L.strip_end(quoted.group("q")))
        # "부담돼요... it is a lot of pressure": the words in another script before their English are not said back in it
        after = [re.sub(r"^(?:\W*[^\W\x00-\x7F]\S*)+[\s.…]*", "", x) for x in L.sentences(text[c.end:])] if text else []
        more = L.strip_end(after[0]) if after and not after[0].rstrip().endswith("?") and 3 <= len(after[0].split()) <= 10 else ""
        stings = _STINGS.match(after[0]) if after else None
        if line and stings:
            # "…'not leadership material' in my review. Still stings.": how it landed is their stance — never
            # "where do you stand on it yourself?"
            verb = stings.group("v").lower()
            verb = verb if verb.endswith("s") else verb + "s"
            return [line, f"And it {'still ' if stings.group('still') else ''}{verb}.", pick.question("heard.others_stance")]
        held = _STANCE.search(text[c.start:]) if text and line else None
        if line and held and fits(_stance_text(held), 10):
            # "my wife says 'you'd be fine…' which is nice but not the point": her words, and where they stand on them
            return [line, f"And you {_stance(_stance_text(held))}.", pick.question("heard.others_stance")]
        if line and more:  # "… 'you'd be wasted in an office'. Everyone has a plan for me.": what they said of it, too
            return [line, L.upper_first(swap(more)) + ".", pick.question("heard.others")]
        if line:
            return [line, pick.question("heard.others")]
    if not fits(obj, 16) or not holder:
        return None
    # their own stance may sit inside the clause the claim covers ("my boss wants me to be team lead and I
    # don't want it") or in the next sentence ("Manager want me to be team leader. I don't know.")
    stance = _STANCE.search(text[c.start:]) if text else None
    wanted = _WANTED_ME.match(c.content or "")
    if stance and wanted and fits(wanted.group("x"), 10) and fits(_stance_text(stance), 10):
        # "your boss wants you to be team lead, and you don't want it": both wants, each with its holder
        line = pick.line("heard.others_stance", "wants", holder=holder,
                         content="you to " + swap(wanted.group("x")), stance=_stance(_stance_text(stance)),
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
    asked = re.match(r"^(?:(?:me|you)\s+)?(?:if|whether)\s+(?P<x>.+)$", c.content or c.object or "", re.I)
    if asked and re.search(r"\bask", c.text or "", re.I):
        # "Everyone keeps asking me if I'm going to take time off": their question, said as theirs
        plural = re.fullmatch(r"(?:they|we|you|people|everyone else)|.*[^s]s", holder.strip(), re.I) is not None and holder.strip().lower() != "everyone"
        line = pick.line("heard.others", "asking", holder=holder, x=swap(asked.group("x")), keeps="keep" if plural else "keeps")
        if line:
            return [line, pick.question("heard.others")]
    view = "" if wanted else _view(c)  # "me to do medicine" is a want for them, not a view of them
    if view:
        obj = view
    if stance and fits(_stance_text(stance), 10):
        # "Everyone says data science is the future but I find it boring": theirs and theirs, both heard
        line = pick.line("heard.others_stance", "lines", object=obj, holder=holder, holder_s=possessive(c.holder),
                         stance=_stance(_stance_text(stance)), says=_third_person("say", holder))
        if line:
            return [line, None]
    if view:
        obj = view  # "my therapist says I'm a people pleaser" -> in your therapist's eyes, you're a people pleaser
    clause = bool(_CLAUSE.search(obj)) or bool(view)
    against = _BUT_AGAINST.search(text[c.start:]) if text and not clause else None
    if against and re.fullmatch(r"(?:not a chance|no way|no chance|never|not happening|no thanks|not really|not sure|no)\W*", against.group("x").strip(), re.I):
        against = None  # "but not a chance": a no, not a thing set against it
    if against and fits(against.group("x"), 10):
        # "my partner wants me to go agency, double the money, but no continuity with patients": her idea, and
        # what they set against it (no verb, but a stance all the same) — never "where do you stand on it?"
        short = re.split(r",\s*", obj, maxsplit=1)[0]
        line = pick.line("heard.others_stance", "against", object=short, holder_s=possessive(c.holder),
                         objection=swap(L.strip_end(against.group("x"))))
        if line:
            return [line, pick.question("heard.others_stance")]
    if c.modality == "want" and re.fullmatch(r"wants?|wanted|would like|'d like|would love|'d love", (c.verb or "").lower()) and not wanted and not clause and obj and not re.match(r"^\W*(?:me|you|i|us)\b", c.content or obj, re.I) \
            and not first.endswith("ing") and (not _is_base_verb(first) or first in _NP_START):
        # "they want people with my background", "Company wants driver only operation by 2027": what they want,
        # which is no plan for the mentee ("…is their idea for you" would make it one)
        plural = re.fullmatch(r"(?:they|we|you)|.*[^s]s", holder.strip(), re.I) is not None
        line = pick.line("heard.others", "wants_np", holder=holder, object=obj, wants="want" if plural else "wants")
        if line:
            return [line, pick.question("heard.others_np")]
    key = "view" if clause else "lines"  # "in his eyes, it's selling out" · "going freelance is his idea"
    if key == "lines" and c.modality == "want" and re.fullmatch(r"wants?|wanted", (c.verb or "").lower()) \
            and re.match(r"^\W*to\s+\w", c.content or "", re.I):
        key = "their_own"  # "She wants to open a second shop": her plan, for the business — never "would like for you"
    line = pick.line("heard.others", key, object=obj, holder=holder, holder_s=possessive(c.holder))
    return [line, pick.question("heard.others")] if line else None


_NP_START = frozenset("people someone somebody staff folk folks candidates applicants more less a an the some any".split())
_STANCE = re.compile(r"^[^.!?]*?(?:\b(?:but|and|though)\s+|[.!?]+\s+(?:[^.!?]{1,25}[.!?]+\s+)?(?:(?:but|and|though)\s+)?)(?:honestly\s+|personally\s+)?"
                     r"(?:i|me)(?:\s+|(?=[\'’]))(?P<x>(?:find|think|feel|don'?t|do not|"
                     r"never|really|actually|just|want|love|hate|like|can'?t|couldn'?t|couldnt|could not|'d be|would be|'d hate|'d rather|'d miss|'m not|am not|keep saying|keep telling|"
                     r"'m starting|'m beginning|am starting|am beginning|believe|agree|half agree|half believe|suppose|guess)\b[^.!?]{2,60})|"
                     # "my therapist says I people-please at work. maybe she's right": a stance with no "I" in it
                     r"(?:^|[.!?,][\"”'’]?\s+|\bbut\s+|\band\s+)\W*(?P<y>(?:maybe|perhaps|probably)\s+(?:she|he|they)(?:'s|’s| is| are|'re|’re)\s+(?:right|not wrong|onto something)|"
                     r"(?:she|he|they)(?:'s|’s| is| are|'re|’re)\s+(?:probably\s+|not\s+)?(?:right|wrong|not wrong)|"
                     # "everyone says its because i like being my own boss. nah. thats not it.": their reading, turned down
                     r"(?:nah|no|nope)\W+(?:that'?s|thats|it'?s|its)\s+not\s+(?:it|right|true|the reason|why)|"
                     # "…you always pass." which is nice but not the point"; "My team leader says I'd be fine but he would say that"
                     r"(?:which|that)(?:'s|’s| is) (?:nice|kind|sweet|lovely|fair|true|fine)(?: enough| and all)?,?\s+but\s+(?:it'?s\s+|its\s+)?not\s+(?:the point|it|what i mean)|"
                     r"(?:she|he|they)\s+would\s+say\s+that)", re.I)
_STINGS = re.compile(r"^\W*(?:and\s+)?(?:it\s+|that\s+)?(?P<still>still\s+)?(?P<v>stings?|hurts?|burns?|rankles?|smarts?|cuts?)(?:\s+(?:a bit|a lot|tbh|honestly|ngl))?\W*$", re.I)
_BUT_AGAINST = re.compile(r"^[^.!?]*?\bbut\s+(?P<x>(?:no|not|zero|less|without|never)\b[^.!?]{2,50}?|(?:the|it'?s|its)\s+[^.!?]{2,40}?)\W*$", re.I | re.M)
_WANTED_ME = re.compile(r"^(?:me|i)\s+(?P<how>to|should|ought to|need to|have to|must)\s+(?P<x>[^.!?]+?)\W*$", re.I)
_UNSURE_STANCE = re.compile(r"^(?:just\s+|really\s+)?(?:don'?t|do not)\s+know(?:\s+(?:yet|anymore|any more|really))?\W*$", re.I)


def _stance_text(m: re.Match[str]) -> str:
    """What a stance match says: their own words ("I find it boring"), or a "maybe she's right" turned to them."""
    if m.group("x"):
        return re.split(r",\s+(?=i\b|i'|and\b|but\b)", m.group("x"), maxsplit=1, flags=re.I)[0]  # (the stance, not the next clause)
    y = m.group("y").lower().replace("’", "'")
    if re.match(r"(?:nah|no|nope)\b", y):
        return "don't think that's it"
    if re.match(r"(?:which|that)\b", y):
        return "don't think that's the point"  # "which is nice but not the point"
    said = re.match(r"(she|he|they)\s+would\s+say\s+that", y)
    if said:
        return "aren't sure how much that tells you"  # "but he would say that"
    who = re.match(r"(?:maybe|perhaps|probably)?\s*(she|he|they)", y).group(1)  # type: ignore[union-attr]
    if "wrong" in y and "not wrong" not in y:
        return f"think {who} {'are' if who == 'they' else 'is'} wrong"
    hedge = "may" if re.match(r"(?:maybe|perhaps)", y) else "might"
    return f"think {who} {hedge} be right"


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


# ---- what it isn't --------------------------------------------------------------------------------


_NOT_WHAT_I = re.compile(r"\b(?:it'?s|its|it\s+is)\s+not\s+(?!(?:that|because|just|really|about|only|like|even|as)\b)(?P<x>(?:the\s+|my\s+)?[\w' ]{2,30}?)\s+(?:that\s+)?"
                         r"(?P<f>i'?m\s+(?:sick|tired|bored|fed up|done|scared|worried)\s+(?:of|with|about)|im\s+(?:sick|tired|bored|fed up|done)\s+(?:of|with)|"
                         r"i\s+(?:hate|mind|dislike|resent|miss|want|love|can'?t stand))\b", re.I)


def _not_what_i(text: str, pick: Picker) -> str | None:
    """ "its not the games i'm sick of. i still make little things at home on sundays": what it isn't, with what
    they said next — never "the games isn't the point for you"."""
    m = _NOT_WHAT_I.search(text)
    if not m:
        return None
    x, f = swap(m.group("x").strip()), swap(re.sub(r"^im\b", "I'm", m.group("f"), flags=re.I))
    rest = text[m.end():]
    nxt = next((L.strip_end(s) for s in L.sentences(rest) if re.match(r"^\W*(?:but\s+|and\s+)?i\b", s, re.I) and 3 <= len(s.split()) <= 14), "")
    if nxt:
        return pick.line("heard.denied", "not_what_then", x=x, f=f, then=L.lower_first(swap(re.sub(r"^\W*(?:but|and)\s+", "", nxt, flags=re.I))))
    return pick.line("heard.denied", "not_what", x=x, f=f)


_NOT_A_THING = re.compile(r"(?:quite|really|exactly|sure|much|yet|that|it|this|always|at all|so|entirely|necessarily|only|just)\W*", re.I)


def denied(h: Hearing, pick: Picker, *, ask: bool = True, text: str = "") -> Parts | None:
    cleft = _not_what_i(text, pick) if text else None
    if cleft:
        return [cleft, None]
    both = contrast.reflect(text, pick, ask=ask) if text else None
    if both:  # "It's not about losing the job. It's that the last bit of a tuning…": both halves
        return both
    no = next((c for c in h.claims if c.polarity < 0 and c.holder == "self" and c.modality == "value"
               and not _NOT_A_THING.fullmatch(c.object.strip())), None)  # ("Not quite." denies nothing: never "quite isn't the point")
    if no is None:
        return refused(h, pick, ask=ask, text=text)
    if re.match(r"^\W*(?:your|you|yours)\b", no.object, re.I):
        return None  # "sorry. not your fault.": said to the coach, never "So it isn't my fault — it's…"
    if re.match(r"^(?:less money|less|a pay cut|a lower salary|a cut)$", no.object, re.I):
        return None  # "I'd take less money to work somewhere I believe in": a trade, reflected as one (reflect.py)
    x = L.gerund(swap(re.sub(r"\s+(?:though|tho|either|really|honestly|tbh)$", "", no.object.strip(), flags=re.I)))  # "not that I want to be rich" -> "being rich"
    alts = [c for c in h.claims if c.polarity > 0 and c.holder == "self" and c.modality in ("value", "preference")]
    alt_claim = min(alts, key=lambda c: abs(c.start - no.end), default=None)  # what they put in its place, nearest first
    alt = swap(alt_claim.object) if alt_claim is not None else ""
    its_that = _ITS_THAT.search(text)
    if its_that and alt_claim is not None and text.lower().find(alt_claim.object.lower()) > its_that.start():
        alt = ""  # "It's that up there it's me. … From a screen it's a video game.": the first thing named in its place
    elif alt:
        its_that = None
    if its_that:  # "Its not the money. … Its that I've fought for these lads for 9 years and I'm knackered from losing."
        from coach.realize.compress import core

        said = swap(L.strip_end(core(its_that.group("x"))))
        alt = "that " + said if fits(said, 14) else ""
    if re.fullmatch(r"(?:a bit|a little|a little bit|partly|part of it|some|somewhat|a lot|kind of|sort of|mainly that|that|it|mostly|"
                    r"before you (?:ask|say it|say)|either|tbh|honestly|really|though|tho)", alt, re.I):
        alt = ""  # "its not the salary. i mean it is a bit": how much, not what in its place
    if re.match(r"^(?:being |to be |be )?(?:clear|honest|straight|upfront|frank|blunt)\b", alt, re.I):
        alt = ""  # "I want to be clear about that": how they are saying it, not what is in its place
    if alt and re.match(r"^(?:nobody|no one|nothing|they|people|everyone|i|you)\s+\w+", alt, re.I) and not re.match(r"^\w+\s+\w+ing\b", alt):
        # ("people knowing what you did" is already a thing said, not a clause: never "that people knowing…")
        alt = "that " + alt  # "I'm leaving because nobody listens" -> "it's that nobody listens"
    if not fits(x, 10):
        return None
    about = "about " if re.search(r"\babout\b", no.text, re.I) and not x.lower().startswith("about") else ""
    x = re.sub(r"^about\s+", "", x, flags=re.I)
    if re.search(r"\bnot\s+(?:only|just|all|entirely|completely)\s+(?:about\s+)?|\bnot\s+(?:mainly|mostly|primarily)\s+(?:that|it|about)\b|"
                 # (never "It's a bit more but not much": how much more the pay is, not the money counting)
                 r"(?:^|[.!?,;]\s+)\W*(?:i mean|well|ok|okay|ok fine|fine)?,?\s*it(?:'?s|\s+is)\s+(?:a bit|a little|partly|part of it|somewhat)\b(?!\s+(?:more|less|higher|lower|better|worse)\b)|"
                 # "no its not about the money. well a bit. rent went up again"
                 r"(?:^|[.!?,;]\s+)\W*(?:i mean|well|ok|okay|maybe|ok maybe|fine|ok fine)[,.]?\s+(?:a bit|a little|a little bit|partly|somewhat|kind of|sort of)\W*(?:[.!?,;]|$)", text, re.I):
        # "It's not about the money. Well. It's not only about the money.": it counts, just not on its own
        return [pick.line("heard.denied", "not_only", x=x, x_about=about + x), pick.question("heard.denied", x=x) if ask else None]
    if alt and fits(alt, 15) and re.search(r"\bless about\b", text, re.I):
        # "It's less about the title, honestly. I just want people to know what I did.": less, not nothing
        line = pick.line("heard.denied", "less_alt", x=x, x_about=about + x, alt=alt)
        return [line, pick.question("heard.denied_alt", alt=alt) if ask else None]
    if alt.startswith("that ") and its_that and fits(alt, 15):
        # "It's not the height or the view. It's that up there it's me.": "…then — it's that up there it's you"
        line = pick.line("heard.denied", "then", x=x, x_about=about + x, then="it's " + alt)
        if line:
            return [line, None]
    if alt and fits(alt, 15):
        line = pick.line("heard.denied", "with_alt", x=x, x_about=about + x, alt=alt)
        return [line, pick.question("heard.denied_alt", alt=alt) if ask else None]
    its = _its_instead(text, no) if not alt else ""
    if its:  # "it's not the money really. It's Mrs Hirst who comes in every day at 10 since her husband died."
        return [pick.line("heard.denied", "then", x=x, x_about=about + x, then=its), None]
    nxt = _next_said(text, no)
    if nxt:  # "its not about the money tho. honestly id do it for the same rate if it ment i wasnt up the lifts": what they said next
        return [pick.line("heard.denied", "then", x=x, x_about=about + x, then=nxt), pick.question("heard.denied", x=x) if ask else None]
    line = pick.line("heard.denied", "alone", x=x, x_about=about + x)
    after = pick.line("heard.denied", "after")
    return [line, after, pick.question("heard.denied", x=x) if ask else None]


_ITS_SENT = re.compile(r"^\W*(?:but\s+|no,?\s+)?(?:it'?s|its|it\s+is)\s+(?!not\b|no\b|that\b|just\b|because\b|about\b|fine\b|ok\b|okay\b|hard\b|true\b)(?P<x>\S.*)$", re.I)


def _its_instead(text: str, no: Claim) -> str:
    """ "It's not the money really. It's Mrs Hirst who comes in every day at 10.": the sentence after a denial
    that names what it is instead (at most 16 words, swapped), as "it's …"; else ""."""
    sents = L.sentences(text)
    at = next((k for k, s in enumerate(sents) if no.text and no.text[:25] in s), None)
    for s in sents[at + 1:at + 2] if at is not None else []:
        m = _ITS_SENT.match(L.strip_end(s))
        if m is None or s.rstrip().endswith("?") or not 2 <= len(m.group("x").split()) <= 24:
            continue
        said = swap(m.group("x"))
        if fits(said, 24):
            return "it's " + said
    return ""


def _next_said(text: str, no: Claim) -> str:
    """The sentence after a denial, when it says in the first person what it is instead (swapped, at most 16 words)."""
    sents = L.sentences(text)
    at = next((k for k, s in enumerate(sents) if no.text and no.text[:25] in s), None)
    for s in sents[at + 1:at + 4] if at is not None else []:
        s = re.sub(r"^\W*(?:honestly|tbh|to be honest|well|and|but|so)[,.]?\s+", "", s.strip(), flags=re.I)
        if s.endswith("?") or not re.match(r"^\W*i\b|^\W*i'?[dm]\b|^\W*id\b|^\W*im\b", s, re.I) or not 3 <= len(s.split()) <= 18:
            continue
        if re.match(r"^\W*(?:i want to be|i'?ll be|let me be|i'?m being|i am being) (?:clear|honest|straight|upfront|frank|blunt)\b|^\W*i'?m (?:fine|ok|okay|alright|good)\W*$|^\W*i (?:don'?t|dont|do not) know how to (?:say|put|explain|describe)\b", s, re.I):
            continue  # "I want to be clear about that", "I'm fine.": how they say it, not what it is instead
        s = re.sub(r"^\W*(i'?m|im)\s+just\s+", r"\1 ", s, flags=re.I)  # ("I'm just climbing the walls": the "just" is a shrug)
        said = swap(L.strip_end(s))
        return "" if re.search(r"\byou (?:should|need to|must|could)\b", said, re.I) else L.lower_first(said)
    return ""


def refused(h: Hearing, pick: Picker, *, ask: bool = True, text: str = "") -> Parts | None:
    """ "I don't want partnership. I've never wanted it." -> partnership isn't for them; what they'd want instead."""
    no = next((c for c in h.claims if c.polarity < 0 and c.holder == "self" and c.modality == "want"), None)
    if no is None:
        return None
    x = swap(no.object)
    if not fits(x, 10):
        return None
    if re.search(r"\bi (?:just|only|simply) (?:don'?t|do not|dont) want\b", no.text or text, re.I) and re.search(
            r"\bi (?:do |really )?want (?:to )?\w+", text[: max(0, text.find(no.text))] if no.text else "", re.I):
        return None  # "I want to go back. I just don't want to pretend…": a want and its condition, said as they said it
    want = next((c for c in h.claims if c.polarity > 0 and c.holder == "self" and c.modality in ("value", "preference")), None)
    alt, clause = (swap(want.object), "") if want is not None else _wanted_instead(text, no)
    if alt and fits(alt, 12):
        line = pick.line("heard.refused", "with_want", x=x, alt=alt)
        return [line, pick.question("heard.denied_alt", alt=alt) if ask else None]
    if clause and fits(clause, 16):
        line = pick.line("heard.refused", "with_clause", x=x, want=clause)
        return [line, pick.question("heard.denied_clause") if ask else None]
    reason = _reason_after(text, no)
    if reason:
        return [pick.line("heard.refused", "with_reason", x=x, reason=reason), pick.question("heard.refused") if ask else None]
    could = bool(re.search(r"\b(?:it'?s\s+|its\s+)?not\s+(?:that|because)\s+i\s+(?:can'?t|cant|couldn'?t|cannot)\b", text, re.I))
    if re.search(r"\b(?:i'?ve|i have)\s+never\s+(?:really\s+)?(?:wanted|liked|cared about)\b", text, re.I):
        # "I have never wanted a shop. It's not that I can't, I've run a branch": the want, and that it is no lack of ability
        return [pick.line("heard.denied", "never_wanted", x=x), "And it isn't that you couldn't." if could else None,
                pick.question("heard.refused") if ask else None]
    if could:
        return [pick.line("heard.denied", "refused", x=x), "And it isn't that you couldn't.", pick.question("heard.refused") if ask else None]
    return [pick.line("heard.denied", "refused", x=x), pick.question("heard.refused") if ask else None]


def _reason_after(text: str, no: Claim) -> str:
    """The sentence right after a short refusal, when it says why in words of its own ("Meetings all day
    sounds like hell"), played back with it; never a question, never a sentence about the mentee's next step."""
    sents = L.sentences(text)
    at = next((k for k, s in enumerate(sents) if no.text and no.text in s), None)
    if at is None or at + 1 >= len(sents) or len(sents[at].split()) > 9:
        return ""
    nxt = re.sub(r"[.!\s]+$", "", sents[at + 1].strip())
    if nxt.endswith("?") or not 3 <= len(nxt.split()) <= 12 or re.search(r"\b(?:i|i'm|im|i've|my|me|you|your)\b", nxt, re.I):
        return ""
    return L.lower_first(swap(nxt))


_I_WANT = re.compile(r"\bi\s+(?:just\s+|really\s+|only\s+|actually\s+)?(?:want|wanna|need|would like|'d like|like|love|prefer|enjoy|get to)\s+(?P<x>[^.!?;]{3,80})", re.I)
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
        if re.match(r"^i\s+(?:\w+\s+)?(?:like|love|prefer|enjoy|get to)\b", m.group(0), re.I):
            # ("i get to just be with them": what the other job would take away, said whole as theirs)
            # "i like the quiet kids, the ones who need someone next to them": their liking, said whole as theirs
            liked = L.strip_end(re.split(r"\s+(?:but|though|although|yet)\s+", m.group(0), maxsplit=1)[0])
            return ("", swap(liked)) if len(liked.split()) <= 16 else ("", "")
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
    if not fits(obj, 12):
        return None
    want = _WANT_BUT_SCARED.search(text)
    if want and fits(want.group("x"), 10):
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
    if re.match(r"^\W*(?:that|this|it)\s+(?:matters|counts|is\s+what|means)\b", winner, re.I):
        return None  # "…not crying in the cab. that matters to me more than the designation": "that" points back, never "it's that matters"
    if c.holder != "self" and fits(winner, 12) and fits(loser, 8):
        # "its not the danger she minds its the hours and the kids": hers, said as hers
        line = pick.line("heard.compare", "held", holder=holder_phrase(c.holder), verb=c.verb, winner=winner, loser=loser)
        if line:
            return [line, pick.question("heard.others") if ask else None]
    rather = re.match(r"^\W*i(?:'d|’d| would|d)\s+(?:much\s+|honestly\s+)?rather\s+(?P<x>.+?)\s+than\s+(?P<y>.+?)\W*$", c.text, re.I)
    if rather and fits(rather.group("x"), 10) and fits(rather.group("y"), 8):
        # "I'd rather be skint and see her than flush and not": their words in their own shape, never "being skint
        # and see her, more than flushing and not"
        line = pick.line("heard.compare", "rather", x=swap(rather.group("x")), y=swap(rather.group("y")))
        if line:
            return [line, pick.question("heard.compare", winner=winner, loser=loser) if ask else None]
    if not (fits(winner, 14) and fits(loser, 10)):
        return None
    line = pick.line("heard.compare", "it_is" if c.verb == "is" else "lines", winner=winner, loser=loser)
    return [line, pick.question("heard.compare", winner=winner, loser=loser) if ask else None]


def hypothetical(c: Claim, pick: Picker, *, ask: bool = True) -> Parts | None:
    obj = swap(c.object)
    head = L._ADVERB_LEAD.sub("", obj).split(" ", 1)[0].lower() if obj else ""
    cond = swap(c.condition)
    if cond and c.result and fits(c.result, 14) and fits(cond, 14):
        # "If I get the promotion I'd finally be able to buy a house": said back as a picture, in their shape
        line = pick.line("heard.hypothetical", "said", condition=cond, result=swap(c.result))
        return [line, pick.question("heard.hypothetical_open") if ask else None]
    if not fits(obj, 12) or not head.endswith("ing"):
        return None
    line = (pick.line("heard.hypothetical", "lines", object=obj, condition=cond, condition_np=noun_phrase(cond))
            if cond and fits(cond, 10) else pick.line("heard.hypothetical", "bare", object=obj))
    short = re.split(r"\s+(?:and|or|but)\s+", obj, maxsplit=1)[0]  # the question names the first part only
    return [line, pick.question("heard.hypothetical", object=short, condition_np=noun_phrase(cond) if cond else "") if ask else None]


_WHAT_IF = re.compile(r"(?:^|[.!?]\s+)\W*(?:and\s+|but\s+|so\s+)?what if\s+(?P<x>[^?.!]{3,80})\?", re.I)


def wondering(text: str, pick: Picker) -> str | None:
    """ "what if the only thing i like is that nobody's my boss?" -> part of you wonders whether the only thing
    you like is that nobody's your boss: a question they ask themselves, heard as one."""
    m = _WHAT_IF.search(text)
    if m and not re.search(r"\byou\b", m.group("x"), re.I):
        x = swap(m.group("x"))
        return pick.line("heard.boundary", "wondering", x=x) if fits(x, 16) else None
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


_ITS = re.compile(r"(?:^|[.!?]\s+)(?:it'?s|it is|that'?s|i meant|i mean|what i mean is|i'?m saying)\s+(?:more\s+|really\s+|actually\s+|just\s+)?(?:about\s+)?(?P<x>[^.!?,;]{2,50})", re.I)


_JUST_SENT = re.compile(r"^\W*(?:but\s+|no,?\s+)?i\s+(?:just|only|simply)\s+(?P<y>[^.!?]{4,60}?)\W*$|"
                        r"^\W*(?:but\s+|no,?\s+)?i\s+(?P<y2>(?:want|wanna|need|mind|hate|love|care about|miss|can'?t stand)\s+(?:to\s+)?[^.!?]{4,60}?)\W*$", re.I)
_DONT_SENT = re.compile(r"(?:^|,\s*)i\s+(?P<no>(?:don'?t|do not|dont|didn'?t|am not|'?m not)\s+[^.!?,;]{3,40}?)\W*$", re.I)


def _put_right(text: str, pick: Picker) -> str | None:
    """ "no that's not what i mean, i don't hate people. i just don't want to stop drawing": the "just"
    sentence is what they put right, said with the denial before it."""
    sents = L.sentences(text)
    for k, sent in enumerate(sents):
        m = _JUST_SENT.match(sent.strip())
        said = (m.group("y") or m.group("y2")) if m else ""
        if not m or not fits(said, 12):
            continue
        y = swap(L.strip_end(said))
        no = _DONT_SENT.search(L.strip_end(sents[k - 1])) if k > 0 else None
        if no and fits(no.group("no"), 8):
            return pick.line("heard.correction", "just" if m.group("y") else "want", no=swap(no.group("no")), y=y)
        if m.group("y2"):
            continue  # "I want to…" alone is a want, which the rest of the correction handles
        return pick.line("heard.correction", "just_alone", y=y)
    return None


_MEANT = re.compile(r"^\W*(?:but\s+|and\s+|no,?\s+|so\s+)?(?P<v>i mean|i meant|what i mean is|what i meant was|i miss|i just miss|i want|i just want|"
                    r"it'?s|its|it is|it was)\s+(?:more\s+|really\s+|actually\s+|just\s+)?(?:about\s+)?(?!not\b|that\b|no\b|about\b|because\b|fine\b|ok\b|okay\b|true\b)(?P<x>.+)$", re.I)


def _meant(correction: str, pick: Picker) -> str | None:
    """ "No, I don't mean new tech. I'm not a shiny-tools person. I mean something that's mine from the start":
    what they meant, said back in their words (the misread itself needs no repeating). None when no sentence of
    the correction says what it is instead."""
    for sent in L.sentences(correction)[1:] + L.sentences(correction)[:1]:
        m = _MEANT.match(L.strip_end(sent))
        if m is None or sent.rstrip().endswith("?") or not 2 <= len(m.group("x").split()) <= 18:
            continue
        x = swap(re.sub(r"^(?:more\s+)?like\s*(?:\.{2,}|…|,)?\s*", "", m.group("x"), flags=re.I))  # "It's more like... agreement."
        if not fits(x, 18) or re.search(r"\b(?:it'?s|its|it is)\b", x, re.I):
            continue  # ("the boys you'd miss its the banter": two clauses run together)
        v = m.group("v").lower()
        key = "miss" if "miss" in v else "want_said" if "want" in v else "instead"
        line = pick.line("heard.correction", key, alt=x)
        if line:
            return line
    return None


_VERBLESS = re.compile(r"\b(?:i|you|he|she|we|they|it|is|are|was|were|am|'s|'m|'re|do|does|did|don'?t|have|has|had|will|would|can|could|should|not|no)\b", re.I)


def _fragments(correction: str) -> str:
    """The short verbless phrases a correction ends on ("the craic. being trusted up there"), joined: what they
    put in place of the misread, said the way they said it; "" when there are none."""
    sents = [L.strip_end(x) for x in L.sentences(correction)[1:]]
    frags = [x for x in sents if 1 <= len(x.split()) <= 6 and not _VERBLESS.search(x) and not x.endswith("?")]
    if not frags or len(frags) < len(sents) - 1:
        return ""
    said = ", ".join(swap(x) for x in frags[:3])
    return said if fits(said, 14) else ""


_TOLD_WRONG = re.compile(r"\byou(?:'ve|’ve| have|ve)?\s+(?:got (?:it|that|me)|misunderstood|misread|heard (?:it|that|me))\b|"
                         r"\bnot what i (?:meant|said|mean)\b|\bi (?:said|meant)\b|\byou'?re not (?:listening|getting it)\b", re.I)


def _forestalled(h: Hearing, pick: Picker) -> bool:
    """Whether what the message denies is nowhere in the coach's last turn (its content words, or their stems)."""
    previous = (getattr(pick, "previous_text", "") or "").lower()
    if _TOLD_WRONG.search(getattr(pick, "said", "") or h.correction or ""):
        return False  # "No you've got it wrong, …": said to the coach, whatever its last words were
    no = next((c for c in h.claims if c.polarity < 0 and c.holder == "self" and c.modality == "value"), None)
    if not previous or no is None:
        return False
    words = [w for w in re.findall(r"[a-z]{4,}", no.object.lower()) if w not in ("about", "that", "this", "really", "just", "them")]
    return bool(words) and not any(w[:5] in previous for w in words)


_ITS_THAT = re.compile(r"(?:^|[.!?,;]\s+)\W*(?:but\s+)?(?:it'?s|its|it\s+is)\s+(?:more\s+|really\s+|just\s+)?that\s+(?P<x>[^.!?]{6,90})", re.I)


_ASKING = re.compile(r"\b(?:i'?m|im|i am|i was)\s+(?:really\s+|actually\s+|just\s+)?(?:asking|wondering)\s+(?:you\s+)?(?:if|whether)\s+(?P<x>[^.?!]{3,120})", re.I)


def correction(h: Hearing, pick: Picker) -> Parts:
    if _forestalled(h, pick):
        # "no its not about the money. well a bit" when the coach never said money: a denial ahead of the reading
        # they expect, not a correction — never "Thanks — I had that wrong" or "What did I miss?"
        said = denied(h, pick, ask=False, text=h.correction or "")
        if said and said[0]:
            return [said[0], None]
    thanks = pick.line("heard.correction", "thanks")
    asking = _ASKING.search(h.correction or "")
    if asking and fits(asking.group("x"), 16):
        # "No, that's not what I'm asking. I'm asking if wanting to stay makes me a selfish old woman.": their question, back
        line = pick.line("heard.correction", "asking", x=swap(L.strip_end(asking.group("x"))))
        if line:
            return [thanks, line, None]
    put_right = _put_right(h.correction, pick) if h.correction else None
    if put_right:
        return [thanks, put_right, None]
    meant = _meant(h.correction, pick) if h.correction and not h.mixed else None  # (a mixed message's English is only part of it)
    if meant:
        return [thanks, meant, None]
    said = denied(h, pick, ask=False, text=h.correction) if h.correction else None
    its_that = _ITS_THAT.search(h.correction) if h.correction and not (said and said[0]) else None
    if its_that:  # "Not quite. It's not gameplay exactly, it's that I want to make the moment a player goes 'whoa'."
        from coach.realize.compress import core

        alt = "that " + swap(L.strip_end(core(its_that.group("x"))))
        line = pick.line("heard.correction", "instead", alt=alt) if fits(alt, 16) else None
        if line:
            return [thanks, line, None]
    if not (said and said[0]) and h.correction:
        m = _ITS.search(re.sub(r"\b(?:more\s+)?like\s*(?:\.{2,}|…|,)?\s*", "", h.correction, flags=re.I))  # "It's more like... agreement."
        if m and fits(m.group("x"), 10) and not re.match(r"^(?:not|it|that|no)\b", m.group("x"), re.I) \
                and not re.search(r"\b(?:it'?s|its|it is)\b", m.group("x"), re.I):  # (never "the boys you'd miss its the banter")
            alt = swap(m.group("x"))  # "Nah, that's not really it. It's more about respect." -> it's respect
            line = pick.line("heard.correction", "instead", alt=alt)
            if line:
                return [thanks, line, pick.question("heard.correction_alt", alt=alt)]
    if not (said and said[0]) and h.correction:
        # "No, I meant the money's just a bonus. That's not why." -> what they said in its place, in their words
        first = L.strip_end(L.sentences(h.correction)[0]) if L.sentences(h.correction) else ""
        first = re.sub(r"^(?:i meant|i mean|what i mean is|i'?m saying)\s+(?:that\s+)?", "", first, flags=re.I)
        if fits(first, 14) and len(first.split()) >= 3 and not re.match(r"^(?:not|no|it|its|it'?s|that|this)\b", first, re.I):
            line = pick.line("heard.correction", "said", clause=swap(first))
            if line:
                return [thanks, line, pick.question("heard.correction_said")]
    frags = _fragments(h.correction) if h.correction and not (said and said[0]) else ""
    if frags:  # "no your getting it wrong, its no the boys i'd miss its the banter. the craic. being trusted up there"
        line = pick.line("heard.correction", "instead", alt=frags)
        if line:
            return [thanks, line, None]
    if said and said[0]:
        alt = next((c for c in h.claims if c.polarity > 0 and c.holder == "self" and c.modality in ("value", "preference")), None)
        q = pick.question("heard.correction_alt", alt=swap(alt.object)) if alt is not None and fits(swap(alt.object), 10) \
            and swap(alt.object).lower() in said[0].lower() else None  # (never a question about a thing the line didn't name)
        named = re.search(r"(?:—|:|,)\s*it'?s\b", said[0], re.I)  # what it is instead is in the line: nothing more to ask
        return [thanks, said[0], q or (None if named else pick.question("heard.correction"))]
    return [thanks, None, pick.question("heard.correction")]
