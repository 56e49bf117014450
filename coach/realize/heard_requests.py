"""Replies to requests and to what is said about the coach: steps or a verdict asked for, a correction, a
complaint, a question about how this works, a boundary, small talk, a long paste, another language
(coach/realize/heard.py re-exports these)."""

from __future__ import annotations

import re

from coach import language as L
from coach.analyze.acts import NO_QUESTIONS as _NO_QUESTIONS
from coach.analyze.addressed import asks_the_coach
from coach.analyze.leaving import leaving
from coach.realize.heard_events import feeling
from coach.realize.lines import Picker, voice
from coach.realize.said import Parts, fits, swap
from coach.types import Cue, Hearing, Plan

# ---- requests -----------------------------------------------------------------------------------------


_GOAL_IN = re.compile(r"\b(?:to|for|about|towards?)\s+(?P<goal>(?:make|get|become|reach|land|be|go|move|break into|switch to|get to)\s+[^.!?,;]{2,40})", re.I)


def request_goal(request: str) -> str:
    """ "list what I need to do to make lead" -> "make lead" (what the steps are for), or ""."""
    m = _GOAL_IN.search(request)
    if not m:
        return ""
    goal = swap(m.group("goal"))
    return goal if fits(goal, 8) and not re.search(r"\b(it|this|that|there)$", goal, re.I) else ""


_YES_NO = re.compile(r"(?:^|[.!?,]\s+|\bbut\s+)\W*(?:so\s+|but\s+|honestly,?\s+)?(?P<aux>am i|was i|is it|is this|is that|would it be|do i|did i|can i|could i|"
                     r"do people|does anyone|does anybody|can people|do most people|do others)\s+"
                     r"(?P<x>[^.!?]{3,70}?)\s*(?:\?|\.(?=\s|$)|$)", re.I)
_AS_SAID = {"am i": "you're", "was i": "you were", "is it": "it's", "is this": "this is", "is that": "that's",
            "would it be": "it would be", "do i": "you", "did i": "you", "can i": "you can", "could i": "you could",
            "do people": "people", "does anyone": "anyone", "does anybody": "anybody", "can people": "people can",
            "do most people": "most people", "do others": "others"}


def verdict_asked(request: str) -> str:
    """ "Am I too old at 52 to retrain as a paramedic?" -> "whether you're too old at 52 to retrain as a paramedic",
    the question they asked, named back as theirs; "" when there is no yes/no question to name."""
    m = _YES_NO.search(request)
    if not m:
        return ""
    x = re.sub(r"\b(?:kind of|sort of|kinda|sorta|a bit|a little)\s+", "", m.group("x"), flags=re.I)
    # "is it normal to hate your job": anyone's job, said as they said it (swapped, it would be the coach's)
    x = swap(re.sub(r"\byour\b", "\x00", x, flags=re.I)).replace("\x00", "your")
    if not fits(x, 14) or re.search(r"\byou\b", m.group("x"), re.I):
        return ""  # "Is it me or is this weird?" aside; a question about the coach is not theirs to weigh ("your job" is anyone's)
    return f"whether {_AS_SAID[m.group('aux').lower()]} {x}"


_SELF_INSULT = re.compile(r"\b(?:am i|was i|i'?m|would i be)\s+(?:an?\s+)?(?:complete\s+|total\s+|bloody\s+|massive\s+|sentimental\s+old\s+|old\s+)?"
                          r"(?:idiot|fool|moron|mug|muppet|loser|stupid)\b"
                          r"(?:\s+(?:for|to)\s+(?P<x>[a-z]+ing\b[^.?!]{0,50}))?", re.I)
_PLEA = re.compile(r"^\W*(?:be honest|be straight|tell me straight|honest answer|straight answer|no dodging|yes or no)\W*$", re.I)
_PROUD = re.compile(r"\b(?:i'?m|im|i am|i feel|feeling|felt|i was)\s+(?:(?:really|so|quite|well|actually|honestly|bloody|pretty|a bit|kinda|kind of|secretly|properly)\s+){0,3}(?:proud|chuffed)\b", re.I)
_PERMISSION = re.compile(r"\b(?:is|was) (?:that|it|this) (?:even |actually )?(?:allowed|ok|okay|alright|bad|weird|wrong|big-headed|arrogant)\b", re.I)


def request(plan: Plan, h: Hearing, pick: Picker, text: str = "") -> Parts:
    goal = request_goal(h.request)
    if plan.cue is Cue.REQUEST_OPINION and _PROUD.search(text) and _PERMISSION.search(text):
        # "im proud tho. is that allowed 😂": pride, half asking leave to feel it; no verdict, and no refusal either
        return [pick.line("heard.request", "proud"), pick.question("heard.proud")]
    insult = _SELF_INSULT.search(h.request or text) if plan.cue is Cue.REQUEST_OPINION else None
    if insult:
        # "so am i an idiot for turning it down? yes or no": the question, without the insult in the coach's mouth
        what = swap(insult.group("x")) if insult.group("x") else ""
        line = pick.line("heard.request", "verdict_on", x=what) if what and fits(what, 10) else None
        return [line or pick.line("heard.request", "opinion"), pick.line("heard.request", "opinion_stance"), pick.question("heard.opinion")]
    if plan.cue is Cue.REQUEST_OPINION:
        asked = verdict_asked(h.request or "")
        named = None
        pointer = re.match(r"^whether (?:that|it|this)(?:'s| is)\s+(?P<adj>(?!.*\b(?:that|to|if|when)\b).{2,30})$", asked)
        before = [x for x in L.sentences(text) if not x.rstrip().endswith("?") and not _PERMISSION.search(x)
                  and not re.match(r"^\W*what do you think\b", x, re.I) and not _PLEA.search(x)] if pointer else []
        # ("is that selfish? be honest": "be honest" is a plea, never what "that" is)
        if pointer and before and fits(" ".join(before[-2:]), 16):
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


_WARNED = re.compile(r"(?:^|[.!?]\s+)\W*(?:and\s+|but\s+|so\s+|please\s+|pls\s+)?(?:if (?:you|u)|don'?t|dont|do not)\s+(?:(?:tell|give)\s+me|say)\s+"
                     r"(?:to\s+|that\s+|about\s+)?(?P<x>['\"‘“][^'\"’”]{2,40}['\"’”]|[^.!?,;]{2,40}?)(?=\s*(?:[,.!?;]|$|\s(?:i|or|and)\b))", re.I)


# "Don't ask me how I feel. I am not a feelings man. Ask me practical.": how they want to be asked (never "did some guy
# tag your feelings", a question about the coach)
_PRACTICAL = re.compile(r"\bdon'?t (?:ask|make) me (?:how i feel|about (?:my )?feelings|to talk feelings)\b|\bask me (?:something |things |questions )?"
                        r"(?:practical|concrete)\b|\b(?:i'?m|i am) not (?:a|one for) feelings?\b|\bno feelings? (?:talk|stuff|questions)\b")


def about_coach(text: str, pick: Picker) -> Parts:
    low = text.lower()
    if re.search(r"\b(?:this|it)(?:'?s| is) (?:probably |maybe )?not (?:really |even )?(?:a |the )?(?:career|work|job) (?:question|thing|topic|problem)\b|\bwrong place for this\b|\bnot what (?:this|you'?re) (?:is )?for\b", low):
        return [pick.line("heard.about_coach", "belongs"), None]  # a grief or a worry that isn't "career": it belongs here
    warned = _WARNED.search(text)
    if warned:  # "if you tell me to 'set boundaries' i will close this tab"
        x = swap(warned.group("x").strip(" '\"‘’“”"))
        said = pick.line("heard.about_coach", "not_that", x=x) if fits(x, 6) else None
        return [said, None] if said else [pick.line("heard.about_coach", "no_advice"), pick.question("heard.about_coach")]
    if _PRACTICAL.search(low):
        return [pick.line("heard.about_coach", "practical"), pick.question("heard.about_coach_practical")]
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
    m = re.search(r"\b(?:understand|get|know|grasp)\s+(?:what\s+)?(?P<x>(?:a|an|the|my|it|that|this)\b[^?.!,]{0,30}?)\s+(?:is|means|feels like|was)\b", low)
    if m and re.search(r"\b(?:can|could|do|does)\s+(?:a|an|this|some|you)\b", low):
        # "can a computer program understand what a vow is?": no, not as someone who has lived it — and what it can do
        x = m.group("x").strip()
        x = "it" if x in ("it", "that", "this") else swap(x)
        return [pick.line("heard.about_coach", "understand", x=x), pick.question("heard.about_coach_understand", x=x)]
    if re.search(r"\b(?:predict|guess|know) (?:me|what i\W?(?:ll| will|m going to| am going to) say)\b", low):
        # "Do you know what I'll say next? … what's the point of a coach that can't predict me": no, and why that is fine
        return [pick.line("heard.about_coach", "predict"), pick.question("heard.about_coach_back")]
    asked = asks_the_coach(text)
    if asked == "lived":  # "have you ever been fired?", "do you like your job?": no life of its own to answer from
        return [pick.line("heard.about_coach", "lived"), pick.question("heard.about_coach_back" if pick.state.turn > 1 else "heard.about_coach")]
    if asked == "being" or re.search(r"\b(bot|robot|ai|a\.i\.|human|real|person|chatgpt|gpt|computer|program|machine|script|llm|language model|autocomplete|auto-complete|predictive text|thinking|conscious|pattern[- ]?match\w*|trained|understand)\b|who (?:made|built)|\b(?:build|built|made|make|program(?:med)?|train(?:ed)?) you\b|^\W*what (?:even |actually |exactly )?are you\b|\b(?:get excited|feel anything|have feelings|get bored)\b|\b(?:can|do) (?:you|u) (?:even )?(?:taste|drink|eat|sleep|smell)\b", low):
        topic = "bot"
    elif re.search(r"\b(point|why (do|are|did) you|questions? (for|about))\b", low):
        topic = "point"
    elif re.search(r"\breport(?:s|ed|ing)? (?:on|about) me\b|\b(?:write|make|send|file) (?:a |an )?report\b|\blogged\b|\bmonitor\w*|\btell (?:my )?(?:boss|manager|hr)\b", low):
        topic = "report"  # "Are you going to write a report on me? … everything gets logged": no, and where it stays
    elif re.search(r"\b(remember|store|keep (?:what|this|my|everything)|happens? (to|with)|data|record\w*|see|read|go anywhere|find out|private|access)\b", low):
        topic = "memory"
    else:
        topic = "how"
    back = "heard.about_coach_back" if pick.state.turn > 1 and topic in ("bot", "point") else "heard.about_coach"
    return [pick.line("heard.about_coach", topic) or pick.line("heard.about_coach", "how"), pick.question(back)]




# "I just wanted somebody to hear the Arne story who doesn't have a dashboard.": to be heard was the point (batch 18)
_WANTED_HEARD = re.compile(r"\bi\s+(?:just\s+|only\s+|really\s+)?want(?:ed)?\s+(?:somebody|someone|anyone|anybody|a\s+person|you)\s+"
                           r"to\s+(?:hear|know\s+about|listen\s+to)\s+(?P<x>(?:the|my|our|about|this|that|his|her|their)\b[^.!?,;]{2,50}?)"
                           r"(?=\s+(?:who|that|without|before|for\s+once)\b|\s*[.!?,;]|\s*$)", re.I)


def wanted_heard(text: str, pick: Picker) -> str | None:
    """To be heard, said as the point: it was heard, named in their words, and nothing asked after it."""
    m = _WANTED_HEARD.search(text)
    if not m:
        return None
    x = swap(re.sub(r"^about\s+", "", m.group("x").strip()))
    return pick.line("heard.wanted_heard", "lines", x=x) if fits(x, 10) else None


def complaint(pick: Picker, text: str = "") -> Parts:
    if re.search(r"\byou (?:don'?t|dont|do not|can'?t|cannot) (?:know|understand|imagine) what (?:it'?s|it is|that'?s|this is) like\b", text, re.I):
        # "That's a bit glib. You don't know what it's like.": true, and said so, and the floor theirs
        return [pick.line("heard.complaint", "not_lived"), pick.question("heard.not_lived")]
    if _NO_QUESTIONS.search(text) or re.search(r"\b(?:love|loves|another|more|so many|all these|too many)\s+(?:a\s+)?questions?\b", text, re.I):
        # "please stop asking questions and just listen": done, with no question at the end of it
        return [pick.line("heard.complaint", "listening")]
    return [pick.line("heard.complaint", "lines"), pick.question("heard.complaint")]


def boundary(h: Hearing, pick: Picker) -> Parts:
    """The limit respected; a feeling they did say ("it was bad") met, nothing asked about it."""
    feel = feeling(h, pick, ask=False) if h.feelings else None
    return [pick.line("heard.boundary", "lines"), feel[0] if feel else None, pick.question("heard.boundary")]


#: "first one without him", "the first Christmas without mum": a first, after a loss
FIRST_WITHOUT = re.compile(r"\bfirst\s+(?P<thing>one|time|game|match|christmas|birthday|season|shift|day|week|year|race|show|trip|summer|"
                           r"holiday|service|sunday|final|derby)\s+(?:\w+\s+)?without\s+(?P<who>him|her|them|my\s+(?:dad|mum|mom|mother|father|"
                           r"husband|wife|brother|sister|son|daughter|grandad|gran|nan|partner|friend|best friend)|dad|mum|mom)\b", re.I)
_STILL_FEELING = re.compile(r"\bstill\s+(?P<f>angry|furious|fuming|raging|gutted|sad|hurt|upset|scared|annoyed|pissed off|bitter|heartbroken|"
                            r"shaken|numb|confused|lost|wound up)\b", re.I)


_LEAVING = re.compile(r"\b(?:need|have|got|gotta|has)\s+(?:to\s+)?(?:go|run|dash|head off|pick up|get back)\b|\bgotta\s+(?:go|run|pick up|get)\b|"
                      r"\boff to\b|\b(?:i'?m|im)\s+off\b|\bsigning off\b", re.I)


def small_talk(text: str, pick: Picker, *, goodbye: bool = False) -> Parts:
    """`goodbye`: the analyzer heard one (Kind.GOODBYE), whose thanks or sign-off in another language the cleaned
    text may no longer hold ("grazie. … ciao ciao!")."""
    if re.match(r"^\W*(?:can|could|may) i (?:tell|share|say|ask)\b", text, re.I):
        return [pick.line("heard.small_talk", "story")]  # a story offered: invited, nothing asked yet
    if re.match(r"^\W*(?:(?:ok(?:ay)?|right|aye|yeah)[.,!]*\s+)?(?:thanks|thank you|cheers|ty|thx|dzi[eę]kuj[eę]|gracias|obrigad[oa]|merci|danke|grazie|shukran|salamat|dank je|tack|asante|diolch|dankie|спасибо)\b|^\W*(?:ok(?:ay)?[.,]?\s+)?(?:that|this) was (?:actually |really |quite |surprisingly )?"
                r"(?:alright|all right|helpful|useful|good|not bad|decent|ok|okay)\b|^\W*(?:ok(?:ay)?[.,]?\s+)?(?:that|this) (?:was|has been) [^.?!]{0,30}than i (?:expected|thought)\b", text, re.I) \
            or goodbye or leaving(text):
        first = FIRST_WITHOUT.search(text)
        if first:  # "thank you. I'm going to the Lions game on saturday. first one without him.": the loss, met as they go
            return [pick.line("heard.small_talk", "thanks_first_without", thing=first.group("thing").lower(), who=swap(first.group("who").lower())), None]
        still = _STILL_FEELING.search(text)
        if still:  # "thanks. still angry though. gonna go for a run": the feeling that stays is not brushed past
            return [pick.line("heard.small_talk", "thanks_still", feeling=still.group("f").lower()), None]
        if _LEAVING.search(text) or goodbye or leaving(text):  # "Thanks love. Need to go tape up some boxes.": thanks back, and let them go
            low = text.lower()
            key = ("thanks_private" if re.search(r"\btell (?:hr|human resources|my (?:boss|manager|gaffer))\b", low)
                   else "thanks_yours" if re.search(r"\b(?:for not|for letting me|without telling me)\b", low)
                   else "good_night" if re.search(r"\bsleep\b", low) and re.search(r"\b(?:good ?night|night|sleep better|must sleep|going to sleep|off to bed|bed)\b", low)
                   else "thanks_helped" if re.search(r"\b(?:help(?:ed|ful)|useful|it worked|shot for this|worth it)\b", low) else "thanks_leaving")
            return [pick.line("heard.small_talk", key) or pick.line("heard.small_talk", "thanks_leaving"), None]
        return [pick.line("heard.small_talk", "thanks"), pick.question("heard.after_thanks")]
    how = bool(re.search(r"\bhow (are|r) (you|u)|how's it going|how's your day", text, re.I))
    return [pick.line("heard.small_talk", "hello"), pick.line("heard.small_talk", "how_are_you") if how else None,
            pick.question("heard.small_talk")]


# ---- form: long pastes, other languages ---------------------------------------------------------------


def long_paste(h: Hearing, pick: Picker, reflect_focus: str | None, text: str = "") -> Parts:
    if h.pasted and " ".join(text.split()) == h.pasted:
        # "Hi Kwame 👋 … I'm working with a fast-growing exchange…", after "Got this on LinkedIn this morning:": none of
        # it is theirs to say back ("you're working with a fast-growing…" was a stranger's 'I' made the mentee's)
        hard = h.event in ("bad_news", "loss")
        return [pick.line("heard.long", "hard" if hard else "whole_paste"), None, pick.question("heard.long_hard" if hard else "heard.long")]
    heart = None
    # their own long telling ("A woman comes in, usually been wearing the wrong size for 20 years… I …") is no paste:
    # never "thank you for pasting it" (three misreads in batch 13's blind read)
    told = not (h.pasted or h.markup or h.code) and len(re.findall(r"\b(?:i|i'm|im|i've|i'd|my|me)\b", text or h.focus, re.I)) >= 3
    focus = re.sub(r"^\W*(?:well|so|ok(?:ay)?|and|but|honestly|the truth is|truth is|to be honest|the thing is)[,:]?\s+", "", h.focus.strip(), flags=re.I)
    focus = re.sub(r",\s*i mean(?:\s+really)?\s+\w+(?:\s+\w+)?,", "", focus, flags=re.I)  # ", I mean really prayed,": a self-repair
    if reflect_focus is None and focus and fits(focus, 24):
        # said whole (the pruning would cut "for about a year" from "you haven't prayed properly for about a year")
        heart = pick.line("heard.long", "heart", exact=L.lower_first(swap(focus)))
    elif reflect_focus is None and focus and told:
        # a long heavy sentence, pruned to its heart ("the maintenance apprenticeship went to Tyler, who is 22 and who you
        # trained in March"): never no heart at all after a ramble (batch 18's ride operator)
        from coach.realize.compress import core
        from coach.realize.wellformed import garbled

        pruned = core(swap(focus))
        if fits(pruned, 24) and not garbled(pruned, "exact"):
            heart = pick.line("heard.long", "heart", exact=L.lower_first(pruned))
    if h.event in ("bad_news", "loss"):
        # "…the role of Senior Broadcast Journalist would be removed": a letter that takes their job away is met
        # as the blow it is, before any reading of it
        return [pick.line("heard.long", "hard_told" if told else "hard"), reflect_focus or heart, pick.question("heard.long_hard")]
    return [pick.line("heard.long", "told" if told else "lines"), reflect_focus or heart, pick.question("heard.long")]


def language_line(language: str) -> str:
    table = voice()["heard"]["mixed"]
    value = table.get(language) or table["en"]
    return value if isinstance(value, str) else value[0]


def mixed(h: Hearing, pick: Picker) -> Parts:
    understood = None
    if h.english and fits(h.english, 24) and len(re.findall(r"[a-z]{4,}", h.english.lower())) >= 3:
        understood = pick.line("heard.mixed", "understood", clause=L.lower_first(swap(h.english)))  # never "That's all."
    lines: Parts = [language_line(h.language)]
    if h.language != "en" and h.language in voice()["heard"]["mixed"]:
        lines.append(language_line("en"))
    return [*lines, understood]
