"""What the mentee stated plainly, read from the shape of their sentence rather than from a word list.

The value sentences of coach/mentor/values.py catch "I want…", "I love…", "what matters to me is…". People
also say what matters in shapes that carry no such verb, and these are often the plainest statements of
the whole conversation:

    a cleft or a focus     "it's the being needed", "its being up there", "maybe its the problems I miss,
                           not the show", "the point is the console is the only place my head goes quiet",
                           "what I'll miss is the lads", "people growing, that's what I love"
    a pointer after it     "the faces. that's what it is", "Being someone's voice. That's the thing, tak?",
                           "… join in on the last verse — that's it."
    a trade-off            "if I could be anywhere outside I'd take less money", "I'd play a kazoo if it got
                           people singing": what they would pay for is what matters
    a loss refused         "I just dont want to give up being my own man"
    a goal                 "i want my mates ticket", "I want to stop getting paged at 3am", and the goal inside a
                           question ("am I too old at 52 to retrain as a paramedic?"): stated_goals.py

Each `Stated` keeps the span of the mentee's own sentence (the quote) and the phrase the item names, in the
second person. What must not be credited stays out: a denied or outranked focus ("it's not the money"), a
fear or a complaint in the focus, someone else's words, a hypothetical that is only a wish for a windfall,
an injection or a crisis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach import language as L
from coach.analyze.leaving import sign_off
from coach.mentor.summary.asides import is_aside, is_stable_pointer
from coach.types import Act, Analysis, Kind

# what the mentee's words can't be read for: not theirs, not for real, or not a moment for a summary
_SKIP_ACTS = {Act.INJECTION, Act.CRISIS, Act.SMALL_TALK, Act.LOW_EFFORT, Act.QUESTION_COACH, Act.COMPLAINT}
# a request may still name the goal it asks about ("what I need to do to make lead?"), never a value
_REQUEST_ACTS = {Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION}

_TAG_QUESTION = re.compile(r",?\s+(?:tak|right|yeah|no|innit|ja|sí|si|hai na|na|eh|you know)\s*\?\s*$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_STOP = frozenset(
    "a an the i me my mine you your it its it's that this these those there here and or but so of to in on at for "
    "with is are was were be been am do does did not no just really very what which who when then than them they "
    "he she his her we our us all some any one thing things stuff bit lot like get got up down out over off back around "
    # (function words too: a quote of "my own one, always" says nothing on its own)
    "about after again also am because before both can could did during each even ever few from had has "
    "have here how if into more most much must now only other own quite rather same should such too under until "
    "when where while who why will would yet well maybe perhaps probably ones way ways still already always sometimes "
    "often never else many something someone anything everything nothing above actually against although anybody anyone "
    "anywhere aren't as basically below between by can't cannot cant certainly couldn't definitely didn't doesn't don't dont "
    "every everybody everyone everywhere further gets gonna guess hadn't hasn't haven't he'd he'll he's here's hers herself "
    "him himself honestly however i'd i'll i'm i've id im isn't isnt itself ive kind let's little lots myself nobody noone "
    "nor oh ok okay once ours ourselves pretty said say says she'd she's shouldn't somebody somewhere sort that's thats "
    "their theirs themselves there's theres they'd they'll they're they've though through totally upon wanna want wanted "
    "wants wasn't we'd we'll we're we've weren't what's whats who's whom whose won't wont wouldn't yeah yes you'd you'll "
    "you're you've yours yourself yourselves".split())

# a fear, a complaint or a loss in the focus: what they dread is not what matters to them
_UNWANTED = re.compile(
    r"\b(?:boring|bored|scar(?:ed|y)|terrif\w*|afraid|fear\w*|hate[sd]?|awful|dread\w*|sick of|tired of|can'?t afford|"
    r"worr\w+|stress\w*|exhaust\w*|miserable|nightmare|problem is|fail\w*|lose|losing|lost|fired|cut|indoors|"
    r"same (?:show|thing|old)|meetings)\b", re.I)
_DENIED = re.compile(r"^\W*(?:(?:and|but|so|well|no|maybe)\W+)*(?:it'?s|its|it\s+is|it\s+was|that'?s|thats)\s+not\b|"
                     r"^\W*not\b|\bisn'?t\b|\bwasn'?t\b", re.I)
_HYPO_WISH = re.compile(r"\bif\s+i\s+(?:won|had\s+the\s+money|had\s+money|were\s+rich|was\s+rich)\b|\blottery\b|\bin another life\b", re.I)
_OTHER_SAYS = re.compile(r"\b(?:says?|said|thinks?|reckons?|wants?|keeps\s+(?:saying|telling|on))\b", re.I)
_OTHER_SUBJECT = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:my|our|his|her|the)\s+(?:\w+\s+)?(?:wife|husband|partner|boyfriend|girlfriend|manager|boss|mum|mom|"
    r"mother|dad|da|father|parents|family|friends?|sister|brother|son|daughter|kids|director|gaffer|head|jefe|chef|"
    r"team|colleagues?|everyone|people)\b|^\W*(?:everyone|people|they|he|she)\b", re.I)


@dataclass(frozen=True, slots=True)
class Stated:
    """One plain statement: the quote's span in the raw turn, what it names, and which kind of item."""

    start: int
    end: int
    phrase: str  # second person, the mentee's words: "being needed", "your mates ticket"
    kind: str  # "goal" | "value" | "bedrock"
    tentative: bool = False  # a goal said with "maybe" as a phrase: a direction weighed, not yet a goal


def content_words(text: str) -> list[str]:
    return [w for w in (x.lower().replace("’", "'") for x in _WORD.findall(text)) if w not in _STOP and len(w) > 1]


def _clean(x: str) -> str:
    x = re.sub(r"^\W*(?:(?:and|but|so|well|yeah|yes|ok(?:ay)?|maybe|i think|i guess|honestly|really|just|more like|"
               r"dobra|sí|si|haan|ja|(?:the\s+)?(?:whole\s+)?(?:point|thing)\s+is(?:\s+that)?)[,.]?\s+)+", "", x.strip(), flags=re.I)
    x = re.sub(r"\s*(?:,\s*)?(?:not|rather than|more than|instead of)\s+(?:the\s+|a\s+|my\s+|about\s+)?[\w' ]{1,30}$", "", x, flags=re.I)
    x = re.sub(r"\s*(?:,\s*)?(?:tbh|honestly|really|frankly|i guess|i suppose|i think|yeah|you know|either|too|really)\W*$", "", x, flags=re.I)
    x = L.strip_end(x).strip(" ,;:—–-")
    return x


def _second(x: str) -> str:
    x = _clean(x)
    if re.search(r"\b(?:i|me|my|mine|myself|i'm|im|i've|i'd|id|we|us|our)\b", x, re.I):
        x = L.swap_pronouns(x)  # (only when there is a pronoun to swap: the swap also respells "unisons")
    x = re.sub(r"\bits\s+(?=(?:my|your|the|a|an|all|just)\b)", "it's ", x, flags=re.I)
    return L.lower_first(x)


def _as_gerund(x: str) -> str:
    """ "it got people singing" -> "getting people singing"; "be anywhere outside" -> "being anywhere outside"."""
    x = _clean(x)
    x = re.sub(r"^(?:i\s+(?:could\s+|can\s+)?|it\s+)", "", x, flags=re.I)
    first = x.split(" ", 1)[0].lower() if x else ""
    from coach.mentor.values import is_verb

    if first and not first.endswith("ing") and (is_verb(first) or first in ("be", "become", "make", "get", "go", "run", "open")):
        x = L.gerund(x)
    return L.lower_first(L.swap_pronouns(x))


# what someone does to a fear or a loss is not a fear: "making scary stuff understandable", "stopping harm"
_ACTS_ON = re.compile(r"^\W*(?:making|helping|turning|taking|keeping|fixing|stopping|preventing|protecting|calming|easing|sitting\s+with)\b", re.I)


def _phrase_ok(p: str, *, min_words: int = 1) -> bool:
    if not p or len(p.split()) > 22 or _UNWANTED.search(p) and not _ACTS_ON.match(p) \
            or re.match(r"^\W*(?:not|never|no)\b(?!\s+(?:one|body)\s+(?:telling|tells|bossing|watching|breathing|standing|checking|ordering)\b)", p, re.I):
        return False
    if re.match(r"^\W*(?:it|that|this|which|what|so|there)\b", p, re.I):
        return False  # "it", "that": nothing named
    return len(content_words(p)) >= min_words


# ------------------------------------------------------------------------------------------------ values

# "it's the being needed", "its being up there", "maybe its the problems I miss, not the show", "It's that the
# last bit…": a focus put forward, usually after a denial. Only a gerund, "the" + something, or a that-clause
# is a focus; "it's the same show 240 times" describes the job and is kept out by _UNWANTED and _FOCUS_NOUN.
_CLEFT = re.compile(
    r"^\W*(?:(?:and|but|so|no|well|maybe|i think|honestly|really|yeah|for me)[,.]?\s+)*(?:it'?s|its|it\s+is|it\s+was)\s+"
    r"(?:(?:really|just|more|all|mostly|mainly|more like)\W+)*(?P<about>about\s+)?(?P<x>(?:the\s+)?[a-z]+ing\b.*|the\s+.+|that\s+.+)$", re.I)
_RELATIVE_VALUE = re.compile(r"^(?P<x>.+?)\s+(?:that\s+|which\s+)?i\s+(?:really\s+|actually\s+|most\s+|still\s+)?"
                             r"(?:miss|love|like|enjoy|want|need|care about|live for)\b(?P<rest>.*)$", re.I)
# "what I'll miss is the lads", "the bit I love is the teaching lab", "the point is X", "the thing is X"
_WHAT_IS = re.compile(
    r"^\W*(?:(?:and|but|so|yeah|honestly)[,.]?\s+)*(?:what\s+i(?:'ll|\s+will|\s+would|'d)?\s+(?:really\s+|actually\s+|most\s+|still\s+)?"
    r"(?:miss|love|like|enjoy|want|need|care about|value)(?:\s+most)?|the\s+(?:only\s+|one\s+|best\s+|real\s+)?(?:bit|part|thing)\s+"
    r"(?:that\s+)?i\s+(?:really\s+|still\s+)?(?:love|like|enjoy|miss)(?:\s+most)?|the\s+(?:point|thing|truth)|what\s+gets\s+me\s+up|"
    r"what\s+(?:keeps\s+me\s+(?:going|here|in\s+it)|drives\s+me)|(?:for\s+me,?\s+)?the\s+(?:most\s+)?(?:important|main|big)\s+thing(?:\s+for\s+me)?|the\s+best\s+(?:bit|part|thing)\s+(?:of|about)\s+(?:my|the|this)\s+(?:day|job|week|work))\s+"
    r"(?:is|was)\s+(?P<x>.+)$", re.I)
# "People growing, that's what I love", "Being pharmacist is who I am", "X is what I want"
_IS_WHAT = re.compile(r"^\W*(?P<x>.+?)(?:,|\s+[—–-]+)?\s+(?:that'?s|thats|is|are|was|that\s+is|be|has\s+(?:always\s+)?been|means?)\s+(?:what\s+i\s+(?:really\s+)?(?:love|want|need|miss|care about|live for)|"
                      r"who\s+i\s+am|my\s+(?:thing|calling|whole\s+thing)|the\s+best\s+(?:feeling|part|bit|thing)|(?:everything|the\s+world|so\s+much)\s+to\s+me)\b", re.I)
# "the console is the only place my head goes quiet", "that's the only time I feel I've got something exactly right"
_ONLY_PLACE = re.compile(r"^(?P<x>.+?)\s+(?:is|was|are)\s+the\s+only\s+(?:place|time|thing|moment|bit)\s+(?:where\s+|when\s+)?(?:i|my)\b", re.I)
# a trade-off: "I'd take less money", "I'd do it for the same rate", "I'd play a kazoo if it got people singing"
_PRICE = re.compile(r"\b(?:i'?d|i\s+would|id)\s+(?:happily\s+|gladly\s+)?(?:take|accept|do\s+it\s+for|work\s+for|go\s+for)\s+"
                    r"(?:less(?:\s+money|\s+pay)?|a\s+pay\s*cut|half(?:\s+the\s+(?:money|pay))?|the\s+same\s+(?:rate|money|pay)|nothing)\b|"
                    r"\b(?:i'?d|i\s+would|id)\s+play\s+a\s+\w+\b", re.I)
_PRICE_IF = re.compile(r"\bif\s+(?P<x>(?:i\s+could\s+|it\s+(?:got|meant|gets|means)\s+)[^,.;!?]{3,60}?)(?=\s*(?:,|i'?d\b|id\b|i\s+would\b|$))", re.I)
# "the residents need people who know them": what the people they serve need is what they hold to
_THEY_NEED = re.compile(r"^\W*(?:(?:and|but|so|because)\s+)?(?P<who>(?:the|my|our)\s+(?:residents|patients|kids|children|students|clients|customers|families|"
                        r"pupils|users|people|lads|girls|team|animals|dogs|babies|elderly)|people|kids|patients|they)\s+need\s+"
                        r"(?P<x>(?:people|someone|somebody|a\s+person|an?\s+\w+|proper\s+\w+)\s+(?:who|that)\s+[^.;!?]{3,60})", re.I)
_COME_TO_ME = re.compile(r"^\W*(?:(?:and|but|so)\s+)?(?P<who>(?:the|my|our)\s+(?:\w+\s+)?\w+|people|everyone|everybody|they)\s+(?:always\s+|still\s+|all\s+)*"
                         r"(?P<verb>come|turn|bring\s+(?:their\s+)?\w+)\s+to\s+me\b", re.I)
_ONE_WHO = re.compile(r"^\W*(?:(?:i\s+mean|no|so|and|but|yeah|honestly)[,.]?\s+)*(?:i'?m|im|i\s+am)\s+(?:always\s+)?the\s+(?:one|person)\s+(?:who|that)\s+"
                      r"(?P<x>[^.;!?]{3,80})", re.I)
# "I want to show my sisters it can be done", "I want make dem see say…": a want about what others see, not a destination
_SHOW = re.compile(r"\bi\s+(?:really\s+|just\s+)?want\s+(?:to\s+)?(?P<x>(?:make|show)\s+(?:[\w']+\s+){1,2}?(?:see|know|that|how|proud)\b[^.;!?]{3,80})", re.I)
# "I just dont want to give up being my own man": a loss refused names what matters
_KEEP = re.compile(r"\bi\s+(?:just\s+|really\s+)?(?:don'?t|dont|do\s+not|never)\s+want\s+to\s+(?:give\s+up|lose|stop|let\s+go\s+of)\s+(?P<x>[^,.;!?]{3,60})", re.I)

# the answer put after a denial: "It's the bell on the door.", "its the window." (a short sentence, "the" + a thing)
_HEART_THE = re.compile(r"^\W*(?:(?:no|nah|but|so|well)[,.]?\s+)*(?:it'?s|its|it\s+is)\s+the\s+[a-z][\w' ]{1,40}[.!]?\s*$", re.I)
_DENIAL_BEFORE = re.compile(r"\b(?:it'?s|its|it\s+is|that'?s|thats|that\s+is)\s+not\s+(?:it|the\s+\w+|about\b|because\b|why\b)|"
                            r"^\W*(?:nah|nope)\W*$|\bnot\s+(?:really\s+)?about\s+the\b", re.I)
# the motive given right after it: "thats why im doing this. noticing the person not the obs chart"
_WHY_POINTER = re.compile(r"^\W*(?:(?:and|so)\s+)?(?:that'?s|thats|that\s+is|this\s+is)\s+(?:exactly\s+|really\s+)?why\s+(?:i'?m|im|i\s+am)\s+"
                          r"(?:doing|in)\s+(?:this|it|this\s+job|the\s+job)\W*$|^\W*(?:(?:and|so)\s+)?(?:that'?s|thats)\s+why\s+i\s+(?:do|did)\s+(?:this|it)\W*$", re.I)

# ------------------------------------------------------------------------------------------------ bedrock

# a sentence pointing back at what the same message just said: "that's what it is", "That's the thing, tak?",
# "That's the whole job.", "that bit i know", "That's what I want the rest of my working life to be."
_POINTER = re.compile(
    r"^\W*(?:(?:and|so|yeah|yes|ok|no)[,.]?\s+)?(?:that'?s|thats|this\s+is|that\s+is|that\s+bit|that\s+part)\s+"
    r"(?:really\s+|just\s+)?(?:what\s+it\s+is|the\s+(?:thing|whole\s+(?:job|thing|point)|bit|point|heart\s+of\s+it)|it|me|my\s+thing|"
    r"i\s+know|what\s+i\s+want\b.*|what\s+matters|why\s+i\b.*|what\s+i(?:'m|\s+am)\s+(?:actually\s+|really\s+|just\s+)?(?:good\s+)?for|what\s+i\s+do)\b[^.!?]*[.!?]*\s*$|"
    r"^\W*(?:that|this)\s+(?:part|bit)(?:'s|\s+is)\s+(?:real|it|the\s+(?:good|real)\s+(?:bit|part))\W*$", re.I)
# "that is the whole thing for me, that they trust me": the pointer first, what it points at after a comma or colon
_APPOSITIVE_POINTER = re.compile(
    r"^\W*(?:(?:and|so|yeah|yes)[,.]?\s+)?(?:that'?s|thats|that\s+is|this\s+is|it'?s|it\s+is)\s+(?:really\s+|just\s+)?"
    r"(?:the\s+(?:whole\s+|real\s+|only\s+|main\s+)?(?:thing|point)|what\s+matters(?:\s+most)?|everything)(?:\s+(?:for|to)\s+me)?"
    r"\s*[,:—–-]+\s*(?:that\s+|it'?s\s+that\s+)?(?=\w)(?!(?:always|ever|since|for\s+(?:years|ages|decades)|my\s+whole\s+life|all\s+my\s+life|"
    r"and\s+always|still|even\s+now|from\s+the\s+(?:start|beginning))\b)(?P<x>[^.!?]{3,100})", re.I)  # (not "…, always was, since i was 14")
# "… join in on the last verse — that's it.": the pointer after a dash in one sentence
_DASH_POINTER = re.compile(r"^(?P<x>.{8,}?)\s*[—–]\s*(?:that'?s|thats)\s+(?:it|the\s+thing|what\s+it\s+is|the\s+only\s+(?:time|place)\b.*)[.!]?\s*$", re.I)
_YES = re.compile(r"^\W*(?:yes|yeah|yep|ya|ok(?:ay)?(?:\s+fair)?|fair|right|exactly|aye|dobra|sí|si|ja|haan|tak)\W*$", re.I)
# what they want for other people, said once the surface reasons are ruled out in the same breath ("not the business
# part. the money I don't care. I want people to arrive as strangers and leave like it's home"): what lies underneath
_WANT_FOR_OTHERS = re.compile(r"^\W*(?:(?:es\s+que|it'?s\s+that|i\s+mean|basically|honestly|just|so|and)\W+)*i\s+(?:just\s+|really\s+|only\s+)?want\s+"
                              r"(?P<x>(?:people|them|everyone|every\s*one|someone|somebody|guests|customers|patients|kids|families|the\s+\w+)\s+to\s+[^;!?]{3,100})", re.I)
_SURFACE_DENIED = re.compile(r"\b(?:not|n'?t|never)\b[^.;!?]{0,25}\b(?:money|business|pay|salary|title|fame|famous|status|promotion|prestige)\b|"
                             r"\b(?:money|business|pay|salary|title)\b[^.;!?]{0,20}\b(?:i\s+(?:don'?t|dont|do\s+not)\s+care|doesn'?t\s+matter)\b", re.I)


def readable(phrase: str) -> bool:
    from coach.mentor.summary.phrasing import readable_phrase

    return readable_phrase(phrase)


# who they are, said against someone close who never did it: "my dad never finished anything. i finish things."
_NEVER_DID = re.compile(r"\b(?:my|his|her|our)\s+(?:\w+\s+)?(?:dad|da|father|mum|mam|mom|mother|parents|brother|sister|family|grandad|"
                        r"grandma|nan|old\s+man)\b[^.;!?]{0,20}?\b(?:never|didn'?t|did\s+not|doesn'?t|couldn'?t|wouldn'?t)\b|"
                        r"^\W*(?:mum|mam|mom|dad|da)\s+never\b", re.I)
_I_DO = re.compile(r"^\W*(?:(?:and|but|so|well|me,?)\W+)*i\s+(?:always\s+|do\s+|just\s+)?(?P<v>(?!am\b|was\b|have\b|had\b|do\b|did\b|can\b|could\b|will\b|would\b|"
                   r"don'?t\b|dont\b|think\b|guess\b|know\b|mean\b)[a-z]{3,})\s+(?P<o>[a-z][^.;!?,]{1,40}?)\W*(?:\s+(?:ye|yeah|yes|aye))?\W*$", re.I)
# a statement held whatever the circumstances: "Being useful. … Even if it's four hours a day"
_REGARDLESS = re.compile(r"^\W*(?:even\s+if|even\s+when|whatever(?=\s+\w)|wherever|here\s+or\s+\w+|on\s+the\s+\w+\s+or\s+in\b)", re.I)

def stated(text: str, spans: list[tuple[int, int]], a: Analysis, *, others: bool = False, prev: str = "") -> list[Stated]:
    """The plain statements of one mentee turn (`spans`: its sentence spans in `text`; `prev`: the mentee's turn
    before, whose denial makes this turn's "It's the X." the answer)."""
    from coach.mentor.summary.stated_goals import aim_pointed, goals  # (it reads this module's shared words)

    h = a.hearing
    if h.act in _SKIP_ACTS or h.long or h.code or h.markup and len(text) > 300:
        return []
    if (a.has(Kind.CLOSING) or a.has(Kind.GOODBYE)) and len(text.split()) <= 14:
        return []  # "ok. I need to go pick up my kid": leaving, never "what seems to sit underneath: going pick up your kid"
    request = h.act in _REQUEST_ACTS
    out: list[Stated] = []
    leaving = a.has(Kind.CLOSING) or a.has(Kind.GOODBYE)
    for k, (s, e) in enumerate(spans):
        sent = text[s:e]
        if leaving and sign_off(sent):
            continue  # "…everyone else has. peace ✌️": how they leave, never "what sits underneath: peace"
        if is_aside(sent):
            continue  # "Let me guess, you're going to ask me…", "I like being told what to do sometimes, ha"
        out += goals(sent, s, a, asked=request or sent.rstrip().endswith("?"))
        aimed = aim_pointed(text, spans, k, a)
        if aimed is not None:
            out.append(aimed)  # "Deputy head. That's what I'm aiming for.": a goal, not bedrock
            continue
        if request or (sent.rstrip().endswith("?") and not _TAG_QUESTION.search(sent)):
            continue
        price = _price(sent, s) or _anyway(sent, s) or _take_if(sent, s)
        if price is not None and _mine(sent, a, hypothetical=True):
            out.append(price)  # "if I could be anywhere outside I'd take less money": a trade they'd make
            continue
        if not _mine(sent, a):
            continue
        out += _values(sent, s, k, text, spans, a, prev=prev)
    return _no_overlap(out)


def _price(sent: str, s: int) -> Stated | None:
    """A trade-off: what they would give money up for ("I'd take less money", "I'd play a kazoo if…")."""
    core = _TAG_QUESTION.sub(".", sent)
    m = _PRICE_IF.search(core) if _PRICE.search(core) else None
    phrase = _as_gerund(m.group("x")) if m else ""
    return Stated(s, s + len(sent), phrase, "value") if _phrase_ok(phrase) else None


# the lottery question's answer: what they would still do with the money taken away ("If I won the lottery tomorrow
# I'd still be at the wheel at 6am", "if money wasnt a thing id do signs and menus for small shops")
_NO_MONEY = re.compile(r"^\W*(?:(?:and|but|so|honestly|tbh)[,.]?\s+)*(?:even\s+)?if\s+(?:i\s+won\s+the\s+lottery|money\s+(?:wasn'?t|weren'?t|was\s+no|were\s+no)\s*"
                       r"(?:a\s+thing|an\s+issue|an?\s+object|object)?|i\s+didn'?t\s+(?:need|have\s+to\s+work\s+for)\s+(?:the\s+)?money|"
                       r"i\s+(?:had|was|were)\s+(?:rich|loaded|a\s+millionaire|all\s+the\s+money))\b[^,.;!?]*?,?\s+"
                       r"(?:i'?d|id|i\s+would)\s+(?:still\s+)?(?P<x>[^.;!?]{4,160})", re.I)
# what a windfall would free them from is not what matters to them: "I'd quit", "I'd travel", "I'd never work again"
_LEISURE = re.compile(r"^(?:quit|retire|stop|leave|travel|buy|never|not|sit|lie|sleep|move\s+abroad|go\s+(?:travelling|traveling|abroad)|"
                      r"pay\s+off|spend|do\s+nothing|give\s+up|tell|be\s+on\s+a\s+beach|open|start|launch|set\s+up|build\s+my\s+own|"
                      r"have\s+my\s+own|run\s+my\s+own)\b", re.I)  # (a venture a windfall would fund is a wish, not a drive)


# the condition on a move is what matters: "i'd take it if i knew i could still help people there", "I'd go tomorrow if I
# got to teach again"
_TAKE_IF = re.compile(r"\b(?:i'?d|id|i\s+would)\s+(?:only\s+|happily\s+|probably\s+|definitely\s+)?(?:take|go|do|accept|stay|move|sign|say\s+yes)\b"
                      r"(?:\s+(?:it|that|this|them|up|the\s+\w+|for\s+it))?(?:\s+(?:tomorrow|now|then|there))?\s*,?\s+(?:only\s+)?if\s+"
                      r"(?:i\s+knew\s+(?:that\s+)?|i\s+thought\s+(?:that\s+)?)?i\s+(?P<how>could|can|'d\s+be\s+able\s+to|would\s+be\s+able\s+to|got\s+to|get\s+to)\s+"
                      r"(?P<x>[^,.;!?]{3,60})", re.I)


def _take_if(sent: str, s: int) -> Stated | None:
    m = _TAKE_IF.search(sent)
    if m is None or re.match(r"\W*(?:not|never|afford|pay|earn|get\s+(?:more\s+)?(?:money|paid))\b", m.group("x"), re.I):
        return None  # (a condition on money is a price, not what matters: the pay lines read it)
    lead = "getting to " if re.match(r"g[eo]t", m.group("how"), re.I) else "being able to "
    phrase = lead + _second(m.group("x"))
    return Stated(s, s + len(sent), phrase, "value") if _phrase_ok(phrase) else None


def _anyway(sent: str, s: int) -> Stated | None:
    """What they would do with the money taken away: the lottery question answered, naming what matters."""
    m = _NO_MONEY.match(_TAG_QUESTION.sub(".", sent))
    if m is None or _LEISURE.match(m.group("x").strip()):
        return None
    x = re.split(r"\s*,\s*(?:but|and\s+then)\b|\s+but\b", m.group("x"), maxsplit=1)[0]
    x = re.sub(r"\s+for\s+(?:nothing|free)$", "", x.strip(), flags=re.I)
    head, _, tail = x.partition(" and ")
    phrase = _as_gerund(head) + (" and " + _as_gerund(tail) if tail else "")  # "go in and bleed…": both verbs named alike
    return Stated(s, s + len(sent), phrase, "value") if _phrase_ok(phrase) else None


def _mine(sent: str, a: Analysis, *, hypothetical: bool = False) -> bool:
    """Whether a sentence is the mentee's own, for real (not someone else's view, not a windfall's wish).
    `hypothetical`: a condition of theirs is allowed (a trade-off is said as one)."""
    from coach.mentor.values import claimed_otherwise

    if hypothetical:
        return not ((_HYPO_WISH.search(sent) and not _NO_MONEY.match(sent)) or _INJECTION.search(sent) or _OTHER_SUBJECT.match(sent) and _OTHER_SAYS.search(sent)
                    or any(c.holder != "self" and c.text and c.text[:40] in sent for c in a.hearing.claims))

    if _HYPO_WISH.search(sent) or _INJECTION.search(sent):
        return False
    if _OTHER_SUBJECT.match(sent) and _OTHER_SAYS.search(sent):
        return False  # "my wife says…", "everyone says…"
    if re.search(r"['‘“\"][^'’”\"]{3,}['’”\"]", sent) and _OTHER_SAYS.search(sent):
        return False  # someone else's words, quoted
    # a denial the hearing read ("it's not the money") is not a value, unless something is put in its place
    return not claimed_otherwise(sent, a) or bool(re.search(r"\b(?:it'?s|its)\s+(?!not\b)", sent, re.I) and not _DENIED.match(sent))


_INJECTION = re.compile(r"\bignore\s+(?:all\s+|your\s+|the\s+)?(?:previous|prior|above)\b|\bsystem\s+prompt\b|\byou\s+are\s+now\b|"
                        r"\bact\s+as\b|\bpretend\b", re.I)


# how they are about to say it, not what they say ("Right I'll be straight with you, it IS about the money.")
_SAYING_IT = re.compile(r"^\W*(?:(?:right|ok|okay|look|well|so)[,.]?\s+)?(?:(?:i'?ll|i\s+will|let\s+me|i'?m\s+going\s+to|i'?m\s+gonna)\s+be\s+"
                        r"(?:straight|honest|frank|blunt|upfront|real)(?:\s+with\s+you)?|to\s+be\s+(?:honest|frank|fair)|not\s+gonna\s+lie|"
                        r"(?:i'?ll|let\s+me)\s+(?:level|be\s+real)\s+with\s+you)\s*[,:;—–-]+\s*", re.I)


def _values(sent: str, s: int, k: int, text: str, spans: list[tuple[int, int]], a: Analysis, *, prev: str = "") -> list[Stated]:
    out: list[Stated] = []
    e = s + len(sent)
    core = _SAYING_IT.sub("", _TAG_QUESTION.sub(".", sent))  # "Right I'll be straight with you, it IS about the money"
    # a denial just before ("No, it's not the books." / "nah. thats not it") makes "It's the bell on the door." the answer
    after_denial = bool(_DENIAL_BEFORE.search(prev) or any(_DENIAL_BEFORE.search(text[ps:pe]) for ps, pe in spans[max(0, k - 2):k]))
    if k > 0 and _WHY_POINTER.match(text[spans[k - 1][0]:spans[k - 1][1]]) and _fragment(core):
        phrase = _bedrock_phrase(core)  # "thats why im doing this. noticing the person not the obs chart"
        if _phrase_ok(phrase, min_words=2) and not _DENIED.match(core):
            return [Stated(s, e, phrase, "value")]
    # the pointer and what it points at in one sentence: "that is the whole thing for me, that they trust me"
    m = _APPOSITIVE_POINTER.match(core)
    if m and not _DENIED.match(m.group("x")):
        phrase = _bedrock_phrase(m.group("x"))
        if _phrase_ok(phrase):  # (said outright as the whole thing: one content word is enough, "that they trust me")
            return [Stated(s + m.start("x"), e, phrase, "bedrock")]
    # a pointer: the sentences before it in this message are the bedrock ("the faces. that's what it is")
    if (_POINTER.match(core) or is_stable_pointer(core)) and k > 0:
        first = k - 1
        while first > 0 and (_YES.match(text[spans[first][0]:spans[first][1]]) or L.QUALIFIER.match(text[spans[first][0]:spans[first][1]])):
            first -= 1  # (and past "doesnt matter if its a dog or a person": it qualifies the sentence before it)
        if _YES.match(text[spans[first][0]:spans[first][1]]) or is_aside(text[spans[first][0]:spans[first][1]]):
            return out
        if first > 0 and len(content_words(text[spans[first][0]:spans[first][1]])) < 3 and _fragment(text[spans[first][0]:spans[first][1]]) \
                and not _YES.match(
                text[spans[first - 1][0]:spans[first - 1][1]]) and k - first < 2:
            first -= 1  # "Two strings agreeing. Choirs. That's the thing": the short fragments together
        head = text[spans[first][0]:spans[first][1]]
        phrase = _bedrock_phrase(head)
        if first > 0 and k - first < 3 and not _phrase_ok(phrase) and not _YES.match(text[spans[first - 1][0]:spans[first - 1][1]]):
            first -= 1  # "…the world is safe. Someone has to be there for that. I've always wanted to be that someone"
            head = text[spans[first][0]:spans[first][1]]
            phrase = _bedrock_phrase(head)
        if _phrase_ok(phrase) and not _DENIED.match(head):
            out.append(Stated(spans[first][0], e, phrase, "bedrock"))
        return out
    m = _WANT_FOR_OTHERS.match(core)
    if m and k > 0 and any(_SURFACE_DENIED.search(text[ps:pe]) for ps, pe in spans[:k]):
        from coach.mentor.values import as_value_phrase, is_verb

        phrase = as_value_phrase(sent)  # "not the business part. the money I don't care. I want people to arrive as strangers…"
        phrase = re.sub(r"(?<=ing\b)(.*?\band\s+)([a-z]+)\b", lambda g: g.group(1) + (L.gerund(g.group(2)) if is_verb(g.group(2))
                        and not g.group(2).endswith("ing") else g.group(2)), phrase, count=1)  # "arriving … and leaving …"
        if _phrase_ok(phrase, min_words=2) and readable(phrase):
            out.append(Stated(s, e, phrase, "bedrock"))
            return out
    m = _I_DO.match(core)
    if m and k > 0:
        prev = text[spans[k - 1][0]:spans[k - 1][1]]
        stem = m.group("v").lower()[:4]
        if _NEVER_DID.search(prev) and re.search(r"\b(?:never|not|n'?t)\b[^.;!?]{0,30}?\b" + re.escape(stem), prev, re.I):
            phrase = _as_gerund(m.group("v") + " " + m.group("o"))  # "my dad never finished anything. i finish things."
            if _phrase_ok(phrase):
                out.append(Stated(spans[k - 1][0], e, phrase, "bedrock"))
                return out
    m = _DASH_POINTER.match(core)
    if m and not _DENIED.match(m.group("x")):
        phrase = _bedrock_phrase(re.sub(r"^\W*(?:it'?s|its|it\s+is)\s+that\s+", "", m.group("x"), flags=re.I))
        if _phrase_ok(phrase, min_words=2):
            out.append(Stated(s, e, phrase, "bedrock"))
            return out
    if _REGARDLESS.match(core) and k > 0:
        prev = text[spans[k - 1][0]:spans[k - 1][1]]
        phrase = _bedrock_phrase(prev)
        if _phrase_ok(phrase, min_words=1) and _fragment(prev):
            first = k - 1
            if first > 0 and _fragment(text[spans[first - 1][0]:spans[first - 1][1]]):
                first -= 1  # "Being useful. Being someone people can count on. Even if…"
                phrase = _bedrock_phrase(text[spans[first][0]:spans[first][1]]) + ", " + phrase
            out.append(Stated(spans[first][0], e, phrase, "bedrock"))
            return out
    m = _IS_WHAT.match(core)
    if m and not _DENIED.match(m.group("x")):
        kind = "bedrock" if re.search(r"who\s+i\s+am|my\s+(?:thing|calling|whole\s+thing)", core, re.I) else "value"
        # "Since I small, na to solve people wahala be my thing": the when and the copula are not what matters
        x = re.sub(r"^\W*(?:ever\s+)?since\s+[^,]{1,30},\s*|^\W*(?:na|it'?s)\s+(?=to\s)", "", m.group("x"), flags=re.I)
        x = re.sub(r"^\W*(?:na\s+)?to\s+", "", x, flags=re.I)
        phrase = _as_gerund(x) if x != m.group("x") else _second(x)
        if _phrase_ok(phrase):
            return [Stated(s, e, phrase, kind)]
    m = _WHAT_IS.match(core)
    if m:
        phrase = _focus(m.group("x"))
        if _phrase_ok(phrase):
            return [Stated(s, e, phrase, "value")]
    m = _CLEFT.match(core)
    if m and not _DENIED.match(core):
        x = m.group("x")
        that_clause = bool(re.match(r"that\s+", x, re.I))
        if that_clause:
            x = x[5:]
            if re.search(r"\b(?:i'?d|i\s+would|would|might|could|not|never|don'?t|dont|can'?t|like\s+(?:a|an|the))\b", x, re.I) \
                    or not _THAT_VALUE.search(x):
                x = ""  # "it's that I'd be indoors", "It's that they treat us like a plug": a fear or a complaint
        elif re.match(r"(?:the\s+)?[a-z]+ing\b", x, re.I) and _not_gerund(core, x):
            x = ""  # "It's frightening for them", "it's raining here": a description, not a focus
        rel = _RELATIVE_VALUE.match(x) if x else None
        if rel:
            x = rel.group("x")  # "the problems I miss, not the show" -> "the problems"
        elif not that_clause and not m.group("about") and re.match(r"the\s+(?!being\b|\w+ing\b)", x, re.I) \
                and not re.search(r"\b(?:only|always|when|where)\b", x, re.I) and not (after_denial and _HEART_THE.match(core)):  # ("it's about the team", "the bit where…" are a focus)
            x = ""  # "its the same show 240 times": a description, not a focus
        good = _GOOD_AT.match(x) if x and that_clause else None
        if good:  # "its that up there im good at it" -> "being good at it up there"
            x = "being " + good.group("x") + (" " + good.group("pre") if good.group("pre") else "")
        phrase = _focus(x) if x else ""
        if _phrase_ok(phrase):
            return [Stated(s, e, phrase, "value")]
    m = _ONLY_PLACE.match(re.sub(r"^\W*(?:the\s+(?:point|thing)\s+is\s+)", "", core, flags=re.I))
    if m and not _DENIED.match(core):
        phrase = _second(re.sub(r"^\W*(?:the\s+(?:point|thing)\s+is\s+)", "", core, flags=re.I))
        if _phrase_ok(phrase, min_words=2):
            return [Stated(s, e, phrase, "value")]
    m = _ONE_WHO.match(core)
    if m and not re.search(r"\b(?:has|have|had)\s+to\b|\b(?:blamed|cleans?\s+up|stuck|left)\b", m.group("x"), re.I):
        phrase = "being the one who " + _second(m.group("x"))  # "I mean I'm the one who keeps everyone together": who they are
        if _phrase_ok(phrase, min_words=2):
            return [Stated(s, e, phrase, "bedrock")]
    m = _THEY_NEED.match(core)
    if m and _mine(sent, a):
        phrase = f"{_second(m.group('who'))} having {_second(m.group('x'))}"  # "the residents need people who know them"
        if _phrase_ok(phrase, min_words=2):
            return [Stated(s, e, phrase, "value")]
    m = _COME_TO_ME.match(core)
    if m and _mine(sent, a):  # "the apprentices always come to me tho": being the one they turn to
        phrase = f"being the one {_second(m.group('who'))} {m.group('verb').lower()} to"
        if _phrase_ok(phrase, min_words=1):
            return [Stated(s, e, phrase, "value")]
    m = _SHOW.search(core)
    if m:  # "I want make dem see say person fit build serious tech from here": what they want others to see
        phrase = _as_gerund(m.group("x"))
        if _phrase_ok(phrase, min_words=2):
            return [Stated(s, e, phrase, "value")]
    m = _KEEP.search(core)
    if m:
        phrase = _second(m.group("x"))
        if _phrase_ok(phrase):
            return [Stated(s, e, phrase, "value")]
    for rx in (_MATTERS_TO_ME, _HAPPIEST, _DO_IT_FOR):
        m = rx.match(core)
        x = (m.group("x") or m.groupdict().get("y") or "") if m else ""
        if x and not _DENIED.match(x) and not re.match(r"^\W*(?:it|that|this|what|nothing|none|everything)\b", x, re.I) \
                and not re.search(r"\b(?:what|that|who|which|how|it)\s*$", x, re.I):  # ("choosing what matters": not "choosing what")
            phrase = ("when " + _second(x)) if rx is _HAPPIEST else _second(x)
            if _phrase_ok(phrase) and not re.match(r"^\W*(?:you|him|her|them|us|me|that|this|it)\W*$", x, re.I):
                return [Stated(s, e, phrase, "value")]
    m = _I_LIKE.match(core)
    if m:
        phrase = _second(m.group("x"))
        if _phrase_ok(phrase) and not re.match(r"^\W*(?:you|him|her|them|us|me|that|this|it)\b", phrase, re.I):
            return [Stated(s, e, phrase, "value")]
    return out


# "It matters to me that people are treated fairly", "the money matters", "I'm happiest when I'm out on site", "I do it
# for the kids": what matters, said without "I want"
_LEAD = r"^\W*(?:(?:honestly|and|but|so|yeah|look|for me)[,.]?\s+)*"
_MATTERS_TO_ME = re.compile(_LEAD + r"(?:it\s+)?(?:really\s+)?(?:matters|is\s+(?:really\s+)?important)\s+(?:to|for)\s+me\s+(?:that\s+)?(?P<x>[^.;!?]{3,80})|"
                            + _LEAD + r"(?P<y>(?:the\s+)?[\w' ]{2,40}?)\s+(?:really\s+)?(?:matters|is\s+what\s+matters)(?:\s+(?:to|for)\s+me)?\W*$", re.I)
_HAPPIEST = re.compile(_LEAD + r"i'?m\s+(?:happiest|at\s+my\s+(?:best|happiest)|most\s+myself|in\s+my\s+element)\s+when\s+(?P<x>[^.;!?]{3,80})", re.I)
_DO_IT_FOR = re.compile(_LEAD + r"i\s+(?:do|did)\s+(?:it|this|this\s+job|the\s+job)\s+for\s+(?P<x>(?:the|my|our)\s+[^,.;!?]{2,40})", re.I)
# "Fine, yes, I like making things that work.": a first-person liking, opening its sentence
_I_LIKE = re.compile(r"^\W*(?:(?:fine|yes|yeah|ok(?:ay)?|honestly|so|and|but|well|ha|haha|lol|look)[,.!]?\s+)*i(?:\s+|(?='m\b))(?:really\s+|just\s+|do\s+|actually\s+|still\s+)*"
                     r"(?:love|like|enjoy|live\s+for|care\s+about|get\s+a\s+(?:kick|buzz)\s+(?:out\s+of|from)|(?:'m|am)\s+proud\s+of)\s+"
                     r"(?P<x>[^,;!?]{3,80}?)(?:\s*[.!]|$|\s*,\s*(?!and\b))", re.I)


# a that-clause names what matters only with a word of wanting, trusting, owning or feeling in it
_THAT_VALUE = re.compile(r"\b(?:trust\w*|love\w*|get\s+to|feel\w*|matter\w*|care\w*|need\w*|help\w*|mine|my\s+own|my\s+\w+|from\s+me|proud|"
                         r"right|only\s+time|count\w*|useful|see|know|good\s+at|thank\w*|respect\w*|appreciat\w*|valued)\b", re.I)
# "its that up there im good at it": who they are there, said as "I'm good at…" -> "being good at it up there"
_GOOD_AT = re.compile(r"^(?P<pre>.*?)\s*,?\s*\b(?:i'?m|im|i\s+am)\s+(?P<x>(?:really\s+|actually\s+)?good\s+at\b.*)$", re.I)


def _not_gerund(sent: str, x: str) -> bool:
    """ "It's frightening for them", "it's raining": an -ing word used as an adjective or a progressive, which
    the parse tags as an adjective or as the sentence's own verb with a subject "it"."""
    word = re.match(r"(?:the\s+)?([a-z]+ing)\b", x, re.I)
    w = word.group(1).lower() if word else ""
    if w in ("being", "having", "doing", "making", "helping", "watching", "seeing", "knowing", "getting to", "working"):
        return False
    if w in ("raining", "snowing", "pouring", "going", "getting", "killing", "happening", "coming", "dying", "taking"):
        return True
    from coach.analyze.parse import parse

    doc = parse(sent)
    if doc is None:
        return False
    tok = next((t for t in doc if t.text.lower() == w), None)
    return tok is not None and (tok.tag_ == "JJ" or tok.dep_ in ("acomp", "amod"))


def _focus(x: str) -> str:
    """The focus of a cleft in the coach's voice: "the being needed" -> "being needed"."""
    x = re.sub(r"^the\s+(?=being\b|having\b|feeling\b)", "", x.strip(), flags=re.I)
    x = re.split(r"\s*[.;]\s+|,?\s+which\s+(?:sounds|is|was|seems|makes|means)\b", x, maxsplit=1)[0]
    words = x.split()
    if len(words) > 18:  # "the bit where we lock in and the room starts dancing and nobody knows why": cut at the last "and" that fits
        cut = max((i for i, w in enumerate(words[:19]) if w.lower() == "and" and i >= 4), default=18)
        x = " ".join(words[:cut])
    return _second(x)


def _fragment(sent: str) -> bool:
    """ "Being useful.", "the faces.": a phrase given as the answer, no sentence around it."""
    from coach.mentor.values import has_finite_verb

    return len(sent.split()) <= 12 and not has_finite_verb(sent)


def _bedrock_phrase(head: str) -> str:
    from coach.mentor.values import as_value_phrase

    # (a leading "no" is an answer, "no, the faces", unless it says "no one")
    h = re.sub(r"^\W*(?:(?:ok|okay|fair|yes|yeah|no(?!\s+(?:one|body)\b)|dobra|sí|so|and)\W+)+", "", head.strip(), flags=re.I)
    if re.match(r"^\W*i\s+(?:really\s+|just\s+)?(?:want|need|love|like)\b", h, re.I):
        return as_value_phrase(h)  # "i want to help animals" -> "helping animals"
    return _second(h)


def _no_overlap(found: list[Stated]) -> list[Stated]:
    out: list[Stated] = []
    for f in found:
        if any(f.kind == o.kind and f.start < o.end and o.start < f.end for o in out):
            continue
        out.append(f)
    return out
