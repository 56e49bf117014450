"""Replies to feelings and life events: a feeling named, a loss met with presence, good news met (flat good
news too), bad news said back as the blow it is (coach/realize/heard.py re-exports these)."""

from __future__ import annotations

import re

from coach import language as L
from coach.realize.lines import Picker
from coach.realize.said import ADJECTIVE, TIME_TAIL, Parts, fits, swap
from coach.types import Analysis, Feeling, Hearing

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
    return ADJECTIVE.get(w, w)


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
    if clause and clause != L.strip_end(h.focus) and fits(clause, 16) and re.search(r"\b(my|i|me|the|our)\b", clause, re.I):
        line = pick.line("heard.feeling", "with_clause", clause=swap(clause), word=feeling_word(f))
    about = swap(f.about) if f.about and re.search(r"\b(?:of|with)$", f.text, re.I) else ""
    if line is None and about and fits(about, 16):  # "sick of doing it the foreman's way"
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


_WHO = re.compile(r"\b(?P<who>(?:my|our) (?:\w+ )?(?:mom|mum|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|friend|best friend|grandma|grandmother|grandpa|grandfather|baby|dog|cat|uncle|aunt|colleague|boss|manager|mentor|gran|granny|grandad|granddad|nan|nana|nanna|nani|nanny|bubbe|bubby|bobe|zayde|zaidy|oma|opa|nonna|nonno|abuela|abuelo|babcia|dziadek|yiayia|lola|lolo|cousin|niece|nephew|auntie|stepdad|stepmum|stepmom|fiancée?|girlfriend|boyfriend|horse|pony))\b", re.I)
_NAMED = re.compile(r"(?:^|[.!?,]\s+|\b(?:and|but|so)\s+)(?:(?:our|my|the)\s+[\w ]{2,25},\s+)?(?P<who>(?:mr|mrs|ms|miss|dr|old|little)\.?\s+[A-Za-z'-]+|(?!(?:until|till|when|after|before|since|because|then|and|but|so|he|she|they|it|who|that|which|this|everyone|nobody)\b)[A-Z][a-z'-]+(?:\s+(?!(?:he|she|they|it|who|that|had|has|was|finally)\b)[A-Z][a-z'-]+)?)"
                    r",?\s+(?:has\s+|had\s+)?(?:died|passed away|passed|was put to sleep|was put down|had to be put down|is dying)\b", re.I)


def _title(name: str) -> str:
    """ "mrs okafor" -> "Mrs Okafor": a name typed in lower case is still a name."""
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in name.split())


_AFTER = re.compile(r"\b(?:and|since then|ever since|now)\s+(?P<rest>(?:work|my job|everything|it|the job|i)\b[^.!?;]{3,80})", re.I)


_AFTERMATH = re.compile(r"\b(?:felt|feel|feels|feeling|seems?|seemed|can'?t|couldn'?t|haven'?t been able|been (?:hard|rough|tough|a blur)|"
                        r"struggl\w*|pointless|empty|numb|hard|heavy|flat|lost|meaningless|foggy|distracted)\b", re.I)


_BOTH = re.compile(r"^\W*(?:two things[.:]?\s*)?(?:i'?m|i am)\s+(?P<a>going through [^.,;]+?|dealing with [^.,;]+?)\s+and\s+(?:i'?m|i am)\s+(?P<b>[^.;!?]+)", re.I)


def loss(h: Hearing, pick: Picker, *, ask: bool = True, text: str = "") -> Parts:
    both = _BOTH.search(h.event_text)
    if both and fits(both.group("b"), 10):
        # "I'm going through a divorce and I'm up for director in the same month": both held at once
        line = pick.line("heard.loss", "both", a=swap(both.group("a")), b=swap(both.group("b")))
        if line:
            return [line, pick.question("heard.loss") if ask else None]
    who = _WHO.search(h.event_text)
    if who is None and text and h.event_text in text:
        # "avalanche took 3 of our team. one was my cousin brother Nima.": who among them, in the next sentence
        nxt = L.sentences(text[text.find(h.event_text) + len(h.event_text):])
        if nxt and re.match(r"^\W*(?:and\s+)?(?:one|two|three)\s+(?:of\s+them\s+)?(?:was|were)\b|^\W*(?:including|among\s+them)\b", nxt[0], re.I):
            who = _WHO.search(nxt[0])
    named = _NAMED.search(h.event_text) if not who else None
    if who:
        sorry = pick.line("heard.loss", "sorry_who", who=swap(re.sub(r"\b(?:my|our) own ", lambda m: m.group(0)[:-4], who.group("who"), flags=re.I)))
    elif named and re.match(r"(?i)(?:my|our)\s+\S", named.group("who").strip()):
        sorry = pick.line("heard.loss", "sorry_who", who=swap(L.lower_first(named.group("who").strip())))  # "My bubbe died": "your bubbe"
    elif named and not re.match(r"(?i)(?:he|she|they|it|someone|somebody|one|nobody)$", named.group("who").strip()):
        # "mrs okafor died last night", "Our oldest cow, Tembo, was put to sleep": the one who died, by name
        sorry = pick.line("heard.loss", "sorry_named", who=_title(named.group("who").strip()))
    else:
        sorry = pick.line("heard.loss", "sorry")
    rest = _AFTER.search(h.event_text)
    sense = None
    if rest and not _AFTERMATH.search(rest.group("rest")):
        rest = None  # "…and I'm up for director" is news beside the loss, not what the loss has done
    if rest:
        r = TIME_TAIL.sub("", swap(rest.group("rest")))
        if fits(r, 12):
            sense = pick.line("heard.loss", "makes_sense", rest=r)
    if sense is None:
        # "One of my patients died on Saturday. I'd been his GP for fifteen years.": what it meant, said back
        sents = [x for x in L.sentences(text or h.event_text) if x.strip() not in h.event_text]
        bond = next((x for x in sents if re.match(r"^\W*(?:i|we)\b", x, re.I) and 4 <= len(x.split()) <= 12
                     and not re.search(r"\b(?:sorry|know|don'?t|why)\b", x, re.I)
                     and not re.match(r"^\W*i\s*(?:'m|am)\s+(?!(?:so|really|still|just|not)\b)", x, re.I)), None)  # (never "You are mountain guide")
        if bond:
            sense = L.upper_first(swap(L.strip_end(bond))) + "."
    return [sorry, sense or pick.line("heard.loss", "presence"), pick.question("heard.loss") if ask else None]


_NEWS = re.compile(r"\b(?:got into|got in to|got accepted (?:to|into|at)|got|landed|received|won|passed|signed|made|hit|earned|secured|closed|shipped|launched|aced|nailed|been offered|was offered)\s+(?P<news>(?:the|my|a|an|our)\s+[^.!?,;]{2,50}?)(?=[.!?,;]|\s+(?:today|yesterday|this|last|and|at|after)\b|$)", re.I)
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
    doing = _DOING.search(a.text)
    line = None
    if m and re.fullmatch(r"the (?:email|call|news|letter|text|yes)", m.group("news"), re.I):
        m = None  # "just got the email" carries the news; what it says comes next ("I'm playing Greenbelt!")
    won = _QUALIFIED.search(a.text)
    if doing and fits(doing.group("x"), 10):
        line = pick.line("heard.good_news", "doing", x=swap(doing.group("x")))
    elif won and fits(won.group("x"), 6):
        x = won.group("x").strip()
        line = pick.line("heard.good_news", "congrats_on", news="qualifying for " + (x.lower() if x.isupper() else x))
    elif m and fits(m.group("news"), 8):
        news = re.split(r"\s*[^\w\s'’&/-]", m.group("news"))[0]  # "THE IN-HOUSE JOB 🎉🎉 legal counsel": up to the emoji
        news = news.lower() if news.isupper() else news  # "I GOT THE JOB": calmly
        news = re.sub(r"\s+(?:through|back|in|at last|finally|sorted)$", "", news, flags=re.I)  # "got my registration through"
        line = pick.line("heard.good_news", "congrats_on", news=swap(news))
    elif promoted:
        what = {"promoted": "the promotion", "hired": "the new job", "accepted": "getting in"}[promoted.group("news").lower()]
        line = pick.line("heard.good_news", "congrats_on", news=what)
    line = line or pick.line("heard.good_news", "congrats")
    thrilled = pick.line("heard.good_news", "thrilled") if (a.energy >= 0.4 or any(f.valence > 0 for f in h.feelings)) else None
    return [line, thrilled, pick.question("heard.good_news") if ask else None]


_QUALIFIED = re.compile(r"\b(?:we|i)\s+(?:just\s+|finally\s+)?qualified\s+(?:for|to)\s+(?P<x>[A-Za-z][\w' -]{1,30}?)(?=\s*(?:[^\w\s'-]|$))", re.I)
_DOING = re.compile(r"\bi\W?m\s+(?P<x>(?:playing|speaking|presenting|exhibiting|performing|headlining|opening|running)\s+[^.?!]{2,60}?)\s*!", re.I)
_BAD = re.compile(r"\b(?:got|was|were|been|being)\s+(?P<news>laid off|let go|fired|made redundant|passed over(?: for [^.!?,;]{2,30})?|rejected|turned down|demoted|put on (?:a )?(?:pip|performance (?:improvement )?plan))", re.I)
_GAVE = re.compile(r"\b(?:gave|given|handed|offered)\s+(?P<job>(?:the|my|that|a)\s+(?:\w+\s+){0,3}(?:job|role|promotion|position|post|lead|spot))\s+to\s+(?P<to>[^.!?,;]{2,50})", re.I)


_GOT_BAD = re.compile(r"\b(?:got|had|received)\s+(?P<news>(?:my|a|another|the|our)\s+[^.!?,;]{0,30}?(?:rejection|rejected|warning|"
                      r"bad review|pip|no)(?:\s+(?:this|last)\s+(?:year|week|month|time))?)\b", re.I)


_CUT = re.compile(r"^(?P<x>[^.!?]{0,40}?\b(?:cut|slashed|dropped|reduced)\s+(?:our|my|the)\s+(?:price|prices|pay|hours|salary|rate|rates|"
                  r"funding|budget|wages?|contract|shifts?)\b[^.!?,;]{0,30})", re.I)


def bad_news(h: Hearing, pick: Picker, *, ask: bool = True, text: str = "") -> Parts:
    cut = _CUT.search(h.event_text.strip())
    if cut and fits(cut.group("x"), 16):
        # "Milk buyer's cut our price by 4p a litre from next month": the blow, in their words
        said = re.sub(r"\s+(?:from|starting|as of|since)?\s*(?:next|this|last)\s+(?:month|week|year|quarter)\b.*$", "", cut.group("x").strip(), flags=re.I)
        line = pick.line("heard.bad_news", "cut", exact=swap(said))  # said whole: the amount is the blow
        if line:
            return [line, None, pick.question("heard.bad_news") if ask else None]
    m = _BAD.search(h.event_text)
    if m and any(f.name == "relief" for f in h.feelings):
        # "got made redundant last week after 15 years. weirdly relieved?": the news, and the relief they named
        line = pick.line("heard.bad_news", "relieved", news="Being " + swap(m.group("news")))
        if line:
            return [line, None, pick.question("heard.bad_news") if ask else None]
    gave = _GAVE.search(swap(h.event_text))
    got = _GOT_BAD.search(h.event_text)
    line = pick.line("heard.bad_news", "lines", news="being " + swap(m.group("news"))) if m else None
    if line is None and got and fits(got.group("news"), 8):  # "Got my fourth grant rejection this year"
        line = pick.line("heard.bad_news", "got", news=swap(got.group("news")))
    if line is None and gave:
        # "they gave the ops manager job to a 26-year-old with an MBA": passed over, said as it was
        to = re.split(r"\s+(?:who|that|which)\s+", gave.group("to"), maxsplit=1)[0]
        line = pick.line("heard.bad_news", "passed_over", job=gave.group("job").lower(), to=to)
    if line is None:
        # nothing more specific fits: the news as they said it ("Got told this morning my role's 'at risk'"),
        # rather than a line that would fit any bad news
        from coach.realize.source import (
            _interjection_off,  # "…closes end of may. eish": the exclamation is not the news
        )

        said = L.strip_end(re.sub(r"^\W*(?:so|and|well|ugh|welp|yeah|anyway)[,.!]*\s+", "", _interjection_off(h.event_text.strip()), flags=re.I))
        said = re.sub(r"^(?:got|was|been)\s+(?=told|given|handed|put|made|called)", "I was ", said, flags=re.I)
        said = re.sub(r"^(?=(?:lost|got|missed|failed|found out|heard)\b)", "I ", said, flags=re.I)  # "lost my medical yesterday"
        if fits(said, 14) and not said.rstrip().endswith("?") and not re.search(r"\b(?:you|your)\b", said, re.I):
            line = pick.line("heard.bad_news", "said", exact=swap(said))
    line = line or pick.line("heard.bad_news", "bare")
    feel = feeling(h, pick, ask=False) if h.feelings and not m else None
    return [line, doubt(text or h.event_text, pick) or (feel[0] if feel else None),
            pick.question("heard.bad_news") if ask else None]


# ---- then and now; a doubt about themselves (said beside bad news) ----------------------------------


_USED_TO = re.compile(r"\bi\s+used\s+to\s+(?P<was>[^.!?;]{3,50})[.!;]?\s+(?:but\s+)?(?:now|these days|nowadays)[,]?\s+(?P<now>[^.!?]{3,50})", re.I)
_DOUBT = re.compile(r"\bi(?:'m| am)\s+(?:not|never)\s+(?P<q>good|smart|clever|strong|experienced|qualified|talented|senior|confident)\s+enough\b", re.I)


def used_to(text: str, pick: Picker) -> str | None:
    """ "I used to love nursing. Now it's just a job." -> both, the change heard."""
    m = _USED_TO.search(text)
    if not m:
        return None
    was, now = swap(m.group("was")), swap(m.group("now"))
    return pick.line("heard.used_to", "lines", was=was, was_ing=L.gerund(was), now=now) if fits(now, 10) else None


def doubt(text: str, pick: Picker) -> str | None:
    """ "I'm starting to think I'm not good enough" -> the doubt heard, never argued with."""
    m = _DOUBT.search(text)
    return pick.line("heard.doubt", "lines", quality=m.group("q").lower()) if m else None
