"""What the mentee said matters to them, sentence by sentence — the ground a summary stands on.

A value sentence is one where the mentee, in their own voice and for real, says what they want, love,
care about, need or believe, gives the reason for something ("because I wanted to answer questions
nobody could answer"), or answers a "why" with the thing itself ("Being seen for the actual work.").
Not a value sentence: someone else's view ("my wife thinks I should…"), something denied ("it's not
about the money"), the losing side of a comparison, a hypothetical, a question, a request, a pasted
document, or a sentence the next one takes back ("I loved it. Now it's just a job.").

Each value is named with one of the seed's eight motivations only when the sentence itself says so in
words (coach/data/analyze.toml [motivation_keywords]); otherwise it stays in the mentee's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach import language as L
from coach import lexicon
from coach.analyze.pointing import NOT_LIST, names_it
from coach.types import Act, Analysis, Motivation

_VALUE = re.compile(
    r"\b(?:i|we)\s+(?:really\s+|just\s+|still\s+|honestly\s+|always\s+|do\s+|actually\s+|truly\s+|deeply\s+)*"
    r"(?:want|wanna|need|love|like|enjoy|care about|cared about|value|miss|believe|believed|live for)\b"
    r"|\b(?:i'd|i would)\s+(?:really\s+)?(?:want|love|like)\s+to\b"
    r"|\b(?:matters?|mattered|important|means? (?:a lot|everything|the world))\s+(?:to|for)\s+me\b"
    r"|\bwhat (?:i(?:'ll| will| would| 'd)? (?:really |actually |most |still )?(?:want|care about|love|need|value|miss|enjoy|like)|matters(?: to me)?|gets me up)\b"
    r"|^\W*the (?:only |one |best |fun |good |favou?rite |real )+(?:part|bit|thing)s?\b(?: (?:i|that i) (?:still |really )?(?:love|like|enjoy))?\s+(?:is|was)\b"
    r"|\bthat'?s (?:my thing|what i love|what i care about|the real thing|the whole thing)\b"
    r"|\b(?:always believed|my whole life|all my life|it'?s who i am)\b"
    r"|\bwhat i (?:really |actually |most )?care(?: for)? is\b"  # "what I care is that a person is understood exactly"
    r"|^\W*(?:i think\s+|i guess\s+|maybe\s+)?(?:it'?s|it\s+(?:is|was)|it'?s\s+always\s+been|it\s+has\s+always\s+been)\s+(?:always\s+|really\s+|all\s+|just\s+)*about\s+(?!the money\b|money\b)",
    re.I,
)
_BECAUSE = re.compile(r"^\W*(?:because|cause|cuz|coz|'cause)\b\s*(?P<x>.+)$", re.I)
# An answer given as the thing itself: "Being seen for the actual work.", "Fairness, clear rules."
_FRAGMENT = re.compile(r"^\W*(?:yeah,?\s+|yes,?\s+)?(?P<x>(?!(?:going\s+to|gonna|off\s+to|heading|leaving|nothing|something|anything|everything|morning|evening|thing|being honest|fucking|effing|frigging|flipping|"
                       r"bloody|sodding|boring|amazing|interesting|annoying|exhausting|depressing|frustrating|confusing|terrifying|"
                       r"embarrassing|disappointing|worrying|exciting|surprising|shocking|devastating|humiliating)\b)"
                       r"(?:not\s+(?=being\b|having\b|feeling\b))?[A-Za-z]+ing\b[^.!?]{2,80}|"
                       r"(?:a|the)\s+(?:place|space|room|world|team|home|job|life|workplace)\s+(?:where|that|anyone|everyone|nobody|people|someone|you)\b[^.!?]{2,70}|(?:fairness|freedom|security|safety|respect|trust|honesty|recognition|craft|"
                       r"learning|growth|autonomy|independence|stability|belonging|family|purpose|meaning|justice|curiosity|"
                       r"impact|ownership|creativity|quality|kindness|loyalty|integrity|dignity|balance|peace|challenge|"
                       r"mastery|people|connection|community|truth)\b[^.!?]{0,50})[.!]?\s*(?:yeah\.?|that'?s it\.?)?\s*$", re.I)
_FOR_SOMEONE = re.compile(r"^(?:giving|helping|getting|making|seeing|watching|teaching|bringing|keeping|looking\s+after|caring\s+for|"
                          r"being\s+there\s+for|showing|letting)\s+(?:\w+\s+){0,2}?(?:someone|somebody|people|others|them|kids|children|"
                          r"patients|families|a\s+person|folk|everyone|anybody|anyone)\b", re.I)
_FILLER = re.compile(r"^\W*(?:fine|ok(?:ay)?|thanks?|thank you|sorry|yes|yeah|no|nope|sure|idk|whatever|maybe|nothing|"
                     r"same|good|great|cool|right|exactly|true|alright|hmm+|lol|haha+|sorry,? \w+ \w+)\W*$", re.I)
# "That's it for me", "Always believed that", "This is important for me": the value is the sentence before
_POINTER = re.compile(r"^\W*(?:and\s+|yeah,?\s+|yes,?\s+)?(?:(?:that|this|it)(?:'?s|\s+is|\s+was|\s+matters)\b|always believed (?:that|it|this)|"
                      r"always i believe|i(?:'ve| have)? always believed (?:that|it|this))", re.I)
# someone else's plan or view, which a phrase after it only spells out
_THEIR_PLAN = re.compile(r"^\W*(?:(?:and|but|so|now)\s+)?(?:they|he|she|management|(?:the\s+)?company|my\s+\w+|the\s+\w+|everyone|people)"
                         r"(?:'re|'s|\s+are|\s+is|\s+were|\s+was)?\s+(?:\w+\s+)?(?:talking\s+about|want(?:s|ing)?|plan(?:s|ning)?|propos\w+|offer\w*|"
                         r"suggest\w*|say(?:s|ing)?|keep\s+saying|reckon\w*|think(?:s|ing)?)\b", re.I)
_UNDECIDED = re.compile(r"\bwhether\b|\bif i (?:want|should|can|could)\b|\basked (?:me )?(?:whether|if)\b", re.I)
_REVERSAL = re.compile(r"^\W*(?:but\s+)?(?:now|these days|not any ?more|that was (?:then|before|years ago)|it used to|used to)\b|"
                       r"\b(?:just a job|not any ?more|anymore)\b", re.I)
_JOBISH = re.compile(r"\b(?:be|become|get|make|reach)\s+(?:a |an |the )?(?:\w+ ){0,2}(?:lead|manager|director|vp|engineer|"
                     r"partner|principal|staff|senior|head|chief|cto|ceo|architect|designer|nurse|teacher)\b", re.I)
# "Nobody's asked what I actually want" (a complaint), "about what I want because I don't know" (no want named)
_NO_WANT_NAMED = re.compile(r"\b(?:nobody|no\s*one|no-one|never)\b[^.!?]{0,30}\b(?:ask\w*|cared|bothered)\b[^.!?]{0,12}\bwhat\s+i\b|"
                            r"\bwhat\s+i\s+(?:\w+\s+)?(?:want|need|like)\b[^.!?]*\b(?:don'?t|dont|do\s+not)\s+know\b|"
                            r"\b(?:don'?t|dont|do\s+not)\s+know\s+what\s+i\b", re.I)
_NOT_VALUE = re.compile(r"^\W*(?:i (?:don'?t|do not|dont) (?:know|think|care)|idk|dunno|i (?:want|need) (?:you|to know|a list|a plan|advice|an answer|help|to (?:talk|think) (?:about|out loud|it through)))\b|"
                        r"\bwhat i (?:want|wanna) to (?:talk|say)\b", re.I)
_SKIP_ACTS = {Act.INJECTION, Act.CRISIS, Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION,
              Act.QUESTION_COACH, Act.COMPLAINT, Act.SMALL_TALK, Act.LOW_EFFORT, Act.CORRECTION}


@dataclass(frozen=True, slots=True)
class Value:
    """One value sentence: its span in the raw turn, the phrase to name it by, and its motivation."""

    start: int
    end: int
    phrase: str  # in the coach's voice: "fixing the things that make people's workday worse"
    motivation: Motivation | None  # only when the sentence names it in words


_WHAT_ISNT = re.compile(r"^\W*(?:(?:and|but|so)\s+)?what\s+(?:i|we)\b[^.!?]{0,40}?\b(?:isn'?t|is\s+not|wasn'?t|was\s+not|ain'?t|won'?t\s+be)\b", re.I)
_HOW_SAID = re.compile(r"^\W*(?:i want to|i'?ll|let me|i'?m going to|gonna|i'?m trying to) be (?:clear|straight|honest|upfront|frank|blunt)\b[^.!?]{0,20}[.!?]*\s*$", re.I)


# where they are now, then what they do there in a verbless "-ing" sentence (an older dev conversation, read aloud)
_WHERE_I_AM = re.compile(r"^\W*(?:i'?m|im|i am|i work|i've been|ive been|currently|right now i'?m)\b[^.!?]{0,50}\b(?:at|in|for|on)\s+(?:the|a|an|my|our|\w+)\b", re.I)
_DOING = re.compile(r"^\W*(?:mostly\s+|just\s+|basically\s+)?[a-z]+ing\b(?![^.!?]*\b(?:i|love|like|enjoy|want|matters?|care)\b)[^.!?]{0,80}[.!]?\s*$", re.I)


def values(text: str, spans: list[tuple[int, int]], a: Analysis, *, after_question: bool = False) -> list[Value]:
    """The value sentences of one mentee turn (`spans`: its sentence spans in `text`)."""
    h = a.hearing
    if h.act in _SKIP_ACTS or h.long or h.code or h.markup and len(text) > 300:
        return []
    out: list[Value] = []
    taken: set[int] = set()  # sentences already read with the pointer before them
    for k, (s, e) in enumerate(spans):
        sent = text[s:e].strip()
        nxt = text[spans[k + 1][0]:spans[k + 1][1]] if k + 1 < len(spans) else ""
        if not sent or sent.rstrip().endswith("?"):
            continue  # "So I want the power to decide but not the people admin?": still a question to themselves
        if h.pasted and (" ".join(sent.split()) in h.pasted or h.pasted[:40] in " ".join(sent.split())):
            continue  # a sentence of the email they pasted is its writer's, not a value of theirs
        if _WHAT_ISNT.match(sent):
            continue  # "What I'll miss isn't the plant.": what it is not, on the way to what it is
        if _HOW_SAID.match(sent):
            continue  # "i want to be straight about that.": how they are saying it, not a value
        if nxt and _REVERSAL.search(nxt) or _REVERSAL.match(sent):
            continue  # "I loved it. Now it's just a job." — what it was, not what it is
        if claimed_otherwise(sent, a) or _UNDECIDED.search(sent) or turned_down_reading(text, s):
            continue
        if k > 0 and _THEIR_PLAN.match(text[spans[k - 1][0]:spans[k - 1][1]]) and not re.search(r"\b(?:i|i'?m|i'?d|me|my)\b", sent, re.I):
            continue  # "They're talking about redeploying us as 'onboard hosts'. Selling crisps off a trolley basically.": their plan, put plainly
        if k > 0 and _WHERE_I_AM.match(text[spans[k - 1][0]:spans[k - 1][1]]) and _DOING.match(sent):
            continue  # "I'm on £82k at the bank. Building pipelines for regulatory reporting.": the job as it is, not a value
        if a.goal and a.goal in sent and concrete_goal(a.goal) and not re.search(r"\bbecause\b", sent, re.I):
            continue  # "I want to work for a climate nonprofit" is a goal; the summary names it as one
        start = s
        if k in taken:
            continue
        ahead = k + 1
        while ahead < len(spans) - 1 and NOT_LIST.match(text[spans[ahead][0]:spans[ahead][1]]):
            ahead += 1  # "thats my job. not counting money. being the person they can ask.": past what it isn't
        named = text[spans[ahead][0]:spans[ahead][1]] if ahead < len(spans) else ""
        if _POINTER.match(sent) and named and _only_points(sent) and not re.search(r"\b(?:isn'?t|is)\s+it\W*$|\b(?:right|eh|no)\W*$", sent, re.I) \
                and names_it(named):  # (not "that's physio isn't it.": a realisation asked, and what follows is its own answer)
            # "thats it. nobody dies cos of a wagon Ive signed off": the pointer first, then what it holds up
            phrase = _phrase(named.strip(), True) or _pointed_at(named.strip(), sent)
            if not phrase:
                continue
            taken.update(range(k + 1, ahead + 1))
            e = spans[ahead][1]
            sent = text[s:e]
        elif _POINTER.match(sent) and k > 0:
            # "Fairness, clear rules. This is important for me": the value is what "this" points at
            ps, pe = spans[k - 1]
            prev = text[ps:pe].strip()
            if _FILLER.match(prev) or _WHAT_ISNT.match(prev):
                # ("What I'll miss isn't the plant. It's the knowing.": the cleft after the denial names it; stated.py)
                continue  # "yeah. that's my thing": points at an earlier turn, which the bedrock section quotes
            phrase = _phrase(prev, True) or _phrase(sent, False) or _pointed_at(prev, sent)
            start, sent = ps, prev + " " + sent
        elif _POINTER.match(sent):
            continue  # points at something said in an earlier turn: the bedrock section quotes it
        else:
            short = len(spans) <= 3 and len(text.split()) <= 20  # "haha yeah. being in the room when it happens."
            phrase = _phrase(sent, (after_question or short) and len(spans) <= 3) or _claimed_value(sent, a) or _arranged(sent)
        if not phrase or _FILLER.match(phrase) or len(re.findall(r"[a-z]{3,}", phrase.lower())) < 2 and not _FRAGMENT.match(phrase):
            continue  # "that", "ha", "please": nothing a reader could hold as a value
        winner = next((c.object for c in a.hearing.claims if c.beats and c.text and c.text[:30] in sent), "")
        if winner:
            phrase = L.swap_pronouns(winner)  # "the planet more than the bonus": the planet
        # named by what they want, not by what the sentence turns down ("no one reporting to me, I just want
        # my ideas to shape what we build" is influence, not authority)
        out.append(Value(start, e, phrase, _named(phrase) or (None if winner else _named(sent))))
    return out


_PLACE_OR_ROLE = re.compile(
    r"\b(?:lead|leader|manager|director|head|chief|vp|cto|ceo|founder|partner|principal|staff|senior|architect|engineer|"
    r"designer|nurse|practitioner|np|teacher|trainer|paramedic|pharmacist|doctor|lawyer|chef|owner|consultant|analyst|"
    r"scientist|researcher|pi|professor|lecturer|developer|officer|coach|counsell?or|midwife|educator|apprentice|"
    r"school|degree|course|college|university|phd|masters?|mba|job|role|post|position|company|business|shop|clinic|"
    r"studio|firm|startup|team|industry|nonprofit|charity|agency|department|council|government|public sector|abroad|"
    r"part[- ]time|freelance|contract|retire\w*|promotion|promoted|product|sales|marketing|management|informatics|"
    r"engineering|teaching|nursing|law|medicine|academia|tech|finance|consulting)\b", re.I)
_MOVE = re.compile(r"^\W*(?:start|starting|open|opening|run|running|found|founding|launch|launching|join|joining|move|moving|"
                   r"switch|switching|go|going|get|getting|become|becoming|apply|applying|leave|leaving|quit|quitting|"
                   r"retrain|retraining|study|studying|train|training|teach|teaching|work|working|earn|earning)\b", re.I)


def concrete_goal(goal: str) -> bool:
    """A destination ("be a director", "starting my own shop", "NP school", "earn a lot more money") rather than
    what matters ("making sure quiet people get heard", "being somewhere that people are people"): only a
    destination is listed as a goal; the rest is what sits underneath, in their words."""
    g = goal.strip()
    return bool(_PLACE_OR_ROLE.search(g) or re.search(r"\b(?:money|pay|salary|more)\b", g, re.I) and _MOVE.match(g))


# the reason others give ("everyone says its because i like being my own boss"), and the mentee's no to it right after
# ("nah. thats not it"): never theirs, whatever motivation it names
_OTHERS_READING = re.compile(r"^\W*(?:(?:and|but|so)\s+)?(?:everyone|everybody|people|they|(?:my|our|his|her)\s+(?:\w+\s+)?\w+)\s+(?:always\s+|all\s+)?"
                             r"(?:says?|said|assumes?|assumed|thinks?|thought|reckons?|figures?|tells?\s+me)\b", re.I)
_TURN_DOWN = re.compile(r"^\W*(?:nah|nope|no|wrong|not\s+really)\W*$|\b(?:that'?s|thats|that\s+is|it'?s|its|it\s+is)\s+not\s+(?:it|true|why|the\s+reason|right)\b|"
                        r"\b(?:it'?s|its)\s+not\s+(?:that|about\s+that)\b|\bnot\s+(?:it|true)\W*$", re.I)


def turned_down_reading(text: str, start: int) -> bool:
    """Whether the sentence at `start` gives a reason others give that the next sentences of the same message turn
    down: "everyone says its because i like being my own boss. nah. thats not it." """
    sents = [x for x in re.split(r"(?<=[.!?])\s+|\n+", text[start:]) if x.strip()]
    if not sents or not _OTHERS_READING.match(sents[0]):
        return False
    return any(_TURN_DOWN.search(x) for x in sents[1:3])


def claimed_otherwise(sent: str, a: Analysis) -> bool:
    """Someone else's view, a denial, the losing side, a hypothetical: not the mentee's value."""
    for c in a.hearing.claims:
        inside = c.text and (c.text[:40] in sent or sent[:40] in c.text)
        if not inside:
            continue
        if c.holder != "self" or c.modality == "hypothetical":
            return True
        # a denial, unless the sentence puts something in its place outside the denied words
        # ("it's not the money, it's the people"; never "Not that I want to be rich.")
        rest = sent.replace(c.text, " ") if c.text in sent else ""
        if c.polarity < 0 and not re.search(r"\b(?:but|it'?s|more about|i (?:just )?want)\b", rest, re.I):
            return True
    return False


def _claimed_value(sent: str, a: Analysis) -> str:
    """What the hearing read as the mentee's own positive value or preference in this sentence ("more about
    having a say", the winning side of "I'd rather X than Y"), as a phrase; "" when none."""
    for c in a.hearing.claims:
        if c.polarity > 0 and c.holder == "self" and c.modality in ("value", "preference") and c.object \
                and c.text and c.text[:40] in sent and len(c.object.split()) >= 2:
            return L.swap_pronouns(L.gerund(c.object))
    return ""


def reversed_after(text: str, end: int) -> bool:
    """Whether the sentence after position `end` takes back what came before ("Now it's just a job")."""
    rest = text[end:].strip()
    nxt = re.split(r"(?<=[.!?])\s+", rest, maxsplit=1)[0] if rest else ""
    return bool(nxt and _REVERSAL.search(nxt))


def _only_points(sentence: str) -> bool:
    from coach.mentor.summary.pointers import only_points

    return only_points(sentence)




def _pointed_at(prev: str, pointer: str) -> str:
    """ "nobody dies cos of a wagon Ive signed off. that's the job.": a plain claim of theirs a pointer then holds up
    is what matters, said back whole; never a fear, a complaint, a question or someone else's words."""
    from coach.mentor.summary.pointers import only_points

    if not only_points(pointer) or prev.rstrip().endswith("?") or not 4 <= len(prev.split()) <= 20:
        return ""
    if re.search(r"\b(?:scared|afraid|worr\w+|hate|fear\w*|said|says|thinks?|told|wants?|boring|tired|sick)\b", prev, re.I):
        return ""
    return L.lower_first(L.swap_pronouns(L.strip_end(L.trim_hedges(prev))))


def _arranged(sent: str) -> str:
    """ "I put the shifts around that": what their work is arranged around is what matters, said as they said it (the
    summary then names what "that" points at, as it does for "i live for that")."""
    from coach.analyze.pointing import AROUND_THAT

    m = AROUND_THAT.match(sent.strip())
    return "you " + L.swap_pronouns(m.group("v").lower()) if m else ""


def _phrase(sent: str, answer: bool) -> str:
    """What it is that matters, in the coach's voice; "" when the sentence says no value."""
    clean = L.strip_end(L.trim_hedges(sent))
    if _NOT_VALUE.match(clean) or _NO_WANT_NAMED.search(clean):
        return ""
    if re.fullmatch(r"\W*['‘“\"][^'’”\"]{2,60}['’”\"]\W*", sent.strip()):
        return ""  # "'Community Engagement Officer'.": someone else's words held up, not what matters to them
    m = _BECAUSE.match(clean)
    if m:
        return _you(m.group("x"))
    if _VALUE.search(clean):
        if (_JOBISH.search(clean) or concrete_goal(clean)) and not re.search(r"\b(?:because|matters?|care)\b", clean, re.I) \
                and re.search(r"\b(?:want|wanna|'d like|would like|hope|plan)\b", clean, re.I):
            return ""  # "I want to be a director" is a goal; the summary names it as one
        return _you(clean)
    f = _FRAGMENT.match(clean)
    if re.search(r"\b(?:though|tho|mind you|as well)\W*$", sent, re.I):
        return ""  # "Managing 2-3 EOs though.": a catch they see, not what matters to them
    if f and re.match(r"^\W*(?:starting|beginning|finishing|moving|back)\b[^.!?]{0,20}?\b(?:in|on|from|next|this|tomorrow|monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday)\b[^.!?]{0,15}$", f.group("x"), re.I):
        return ""  # "Starting in 3 weeks!!": a date, not what matters
    if f and re.match(r"^\W*(?:(?:thinking|planning|hoping|looking)\s+(?:of|about|at|to)\s+(?:either\s+)?(?:going|leaving|moving|quitting|switching|applying|"
                      r"taking|starting|becoming|joining|retraining|training|packing|changing|doing|getting|go|leave|move|quit|switch|apply|take|start|train|pack|"
                      r"become|join|retrain|change|do|get)\b|(?:considering|debating|weighing)\b)", f.group("x"), re.I):
        return ""  # "thinking of going into industry bc the money": a plan being weighed, not what matters
    gerund_led = bool(f and re.match(r"^(?:not\s+)?[a-z]+ing\b", f.group("x"), re.I) and not re.search(r",\s*(?:i|we|it|they)\b", clean, re.I))
    # ("being the person someone can say the thing to": the finite verb is inside what the gerund names)
    # ("giving someone their body back.": a deed for someone, given as a phrase, names what matters wherever it stands)
    for_someone = bool(f and gerund_led and _FOR_SOMEONE.match(f.group("x")) and not has_finite_verb(clean))
    if (answer or for_someone) and f and 1 <= len(f.group("x").split()) <= 16 and (gerund_led or not has_finite_verb(clean)):
        return L.lower_first(L.swap_pronouns(f.group("x").strip(" ,")))  # "Being seen for the actual work."
    return ""


def as_value_phrase(clause: str) -> str:
    """ "i want my name on work thats done right" -> "your name on work that's done right": a stated value as
    a phrase the coach can name ("for you, it's {phrase}")."""
    return L.lower_first(_you(L.strip_end(L.trim_hedges(clause))))  # mid-sentence: "it's being in the room"


def _you(clause: str) -> str:
    from coach.analyze.claims import as_phrase, phrase

    c = re.sub(r"^\W*(?:(?:and|but|so|yeah|yes|honestly|i think|i guess|tbh|ngl|(?:the )?(?:thing|truth|point) is|"
               r"here'?s (?:the thing|what i think|the truth|my take))[,:]?\s+)+", "", clause.strip(), flags=re.I)
    want = re.search(r"\b(?:i|we)\s+(?:really\s+|just\s+|still\s+|honestly\s+|always\s+|do\s+|actually\s+)*"
                     r"(?:want|wanna|need|would like|'d like)\s+(?:to\s+)?(?P<x>.+)$", c, re.I)
    if want:
        x = want.group("x")
        when = re.match(r"^\W*(?P<w>(?:when|once|if|whenever)\s+[^,]{3,40}?),?\s+(?:i|we)\s", c[:want.start() + 3], re.I)
        one = re.match(r"^it\s+to\s+be\s+(?:me|us)\s+(?:that|who)\s+(?P<y>.+)$", x, re.I)
        if one:  # "when im done i want it to be me that says so" -> "being the one who says so, when you're done"
            tail = f", {L.swap_pronouns(when.group('w'))}" if when else ""
            return f"being the one who {L.swap_pronouns(one.group('y'))}{tail}"
        x = re.sub(r"^to\s+", "", x, flags=re.I)
        if is_verb(x.split(" ", 1)[0]):
            return L.swap_pronouns(L.gerund(x))  # "to earn a lot more" -> "earning a lot more"
        return L.swap_pronouns(as_phrase(x))  # "people to know what I did" -> "people knowing what you did"
    m = re.match(r"^(?:i|we)\s+(?:really\s+|just\s+|always\s+|do\s+)*(?:care about|cared about|value|believe in|love|like|enjoy|miss)\s+(?P<x>.+)$", c, re.I)
    if m:
        return L.swap_pronouns(m.group("x"))
    got = phrase(c)
    return L.swap_pronouns(got) if got else L.lower_first(L.swap_pronouns(c))


def has_finite_verb(sentence: str) -> bool:
    """ "Accounting just counts the damage" is a sentence; "Being seen for the actual work" is an answer given as
    a phrase. The parse tells (a finite verb: VBZ, VBD, VBP, MD); without one, a word list does."""
    from coach.analyze.parse import parse

    doc = parse(sentence)
    if doc is None:
        return bool(re.search(r"\b(?:is|are|was|were|has|have|had|does|did|do|can|will|would|\w+s)\b", sentence, re.I))
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return any(r.tag_ in ("VBZ", "VBD", "VBP", "MD") or any(c.tag_ == "MD" for c in r.children) for r in roots)


def is_verb(word: str) -> bool:
    """A word the verb table knows (coach/gerunds.py: lemminflect's verbs, without loading lemminflect)."""
    from coach.gerunds import table

    return bool(word) and word.lower() not in ("my", "your", "the", "a", "an", "people", "them", "it") and word.lower() in table()


_RULED_OUT_BEFORE = re.compile(r"(?:n't|\bnot|\bnever|\bno|\bnobody|\bno\s*one|\bno-one|\beven\s+if|\bthan|\binstead\s+of|\bless\s+about|\bwithout)"
                               r"\s+(?:[\w'-]+\s+){0,4}$", re.I)


def _named(sent: str) -> Motivation | None:
    """The motivation the sentence names in words — the first one named, since the head of what is wanted
    comes first ("earning more because my family is growing" is compensation, not growth)."""
    first: tuple[int, Motivation] | None = None
    for m in Motivation:
        if m is Motivation.NEXT_RUNG:
            continue
        for p in lexicon.group("motivation_keywords", m.value):
            hit = p.search(sent)
            if hit and _RULED_OUT_BEFORE.search(sent[:hit.start()]):
                continue  # "even if nobody notices", "not for the money": named only to be ruled out
            if hit and (first is None or hit.start() < first[0]):
                first = (hit.start(), m)
    return first[1] if first else None
