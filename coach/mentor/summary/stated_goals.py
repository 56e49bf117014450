"""The goal a mentee's sentence states plainly, read from its shape (the goal half of stated.py):

    a want with a destination     "i want my mates ticket", "I want the lead role because…", "I'd love to move into UX"
    a change wanted               "I want to stop getting paged at 3am", "I want to retire in 2 years, not now"
    going for it                  "I'm going for the sergeant's exam", "If I make partner I'd finally…"
    weighed                       "so I am thinking early years teacher"
    a venture of their own        "my own grooming salon, opening 1st of june", "my own van with my name on it"
    asked about                   "am I too old at 52 to retrain as a paramedic?", "what I need to do to make lead"

Not a goal: a want denied or doubted in its clause ("whether I want to stay"), under a condition ("if I could I'd
retire tomorrow"), on the losing side ("rather than leave"), someone else's, a windfall's wish, or what others should
see ("I want make dem see…").
"""

from __future__ import annotations

import re

from coach import language as L
from coach.mentor.summary.stated import (
    _HYPO_WISH,
    _INJECTION,
    _OTHER_SAYS,
    _OTHER_SUBJECT,
    _SHOW,
    Stated,
    _as_gerund,
    _fragment,
    _phrase_ok,
    _second,
)
from coach.types import Analysis

# a thing to earn, not a role: "i want my mates ticket"
_CREDENTIAL = r"(?:ticket|licen[cs]e|certificate|cert|qualification|diploma|degree|papers|registration|chartership|stripes|exam|badge|rank|seat)"
# ("leave" and "stop" only with what they would leave or stop: "leave a mark" and "stop feeling a fraud" are not moves)
_CHANGE = (r"stop\s+(?!feel|worr|think|cry|panic|hat|dread|car|being\s+(?:so\s+)?(?:afraid|scared|anxious|sad))|quit|"
           r"leave\s+(?:my|the|this|teaching|nursing|academia|retail|hospitality|london|home)\b(?!\s+(?:place|world|\w+\s+better))|"
           r"retire|get\s+out\s+of|go\s+(?:part[- ]time|freelance|self[- ]employed)|"
           r"see\s+(?:this|it|that|the\s+\w+)(?:\s+one)?(?:\s+\w+)?\s+through")
_WANT_GOAL = re.compile(
    r"(?:\bi\s+(?:really\s+|just\s+|still\s+|think\s+i\s+|do\s+)?(?:want|wanna|'d\s+like|would\s+like|'d\s+love|would\s+love|hope|plan|intend|aim)|\bquiero|"
    # "What I actually want is the HIV specialist post": the role they want, put as a focus
    r"\bwhat\s+i\s+(?:really\s+|actually\s+|honestly\s+)?want(?:\s+to\s+do)?\s+is|"
    # "my goal is to…", "I'm hoping to…", "I've always wanted to…", "I've decided to…"
    r"\bmy\s+(?:goal|plan|aim|dream|ambition)\s+is|\bi'?m\s+(?:hoping|planning|aiming|going)|\bi'?ve\s+(?:always\s+)?wanted|\bi'?ve\s+decided)\s+"
    r"(?P<x>(?:(?:my|a|an|the)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:role|job|post|position|" + _CREDENTIAL[3:-1] + r")\b)|(?:to\s+)?(?:stay|keep\s+\w+ing|go\s+back|carry\s+on|come\s+back|"
    r"open|start|run|become|be\s+(?:a|an|the)|get\s+(?:my|a|an|the|into)|make|retrain|qualify|ser|move\s+(?:into|to|over)|switch\s+(?:to|into)|"
    r"go\s+(?:into|for)|work\s+(?:as|in|for|at)|join|train\s+(?:as|to)|study|apply\s+(?:for|to)|do\s+(?:a|an|my)|set\s+up|launch|"
    r"take\s+over|" + _CHANGE + r")\b[^,.;!?]{0,60})", re.I)
# a change in their working life wanted ("I want to stop getting paged at 3am", "I want to retire in 2 years", "I'd like
# to see this one through"): a goal whether or not it names a role
_CHANGE_START = re.compile(r"(?:stay|keep|go\s+back|carry\s+on|come\s+back|" + _CHANGE + r")\b", re.I)
# "If I make partner I'd finally be able to say no to things": the place they are working towards, and what it would
# free them to do
_IF_FINALLY = re.compile(r"^\W*if\s+i\s+(?:make|get|become|land|reach)\s+(?P<x>[^,.;!?]{2,30}?)\s*,?\s+(?:i'?d|id|i\s+would|i'?ll)\s+finally\b", re.I)
_GOING_FOR = re.compile(r"\b(?:i'?m|im|i\s+am)\s+(?:definitely\s+|finally\s+|actually\s+)?(?:going\s+for|gonna\s+go\s+for|going\s+to\s+go\s+for|"
                        r"going\s+to\s+(?:apply|sit|take)\s+(?:for\s+)?|applying\s+for|sitting|taking)\s+(?P<x>(?:my|a|an|the)\s+[^,.;!?]{2,50})", re.I)
# the goal inside a question or a request: "am I too old to retrain as a paramedic?", "what I need to do to make lead"
_GOAL_IN_ASK = re.compile(
    r"\b(?:too\s+old(?:\s+at\s+\d+)?|what\s+i\s+(?:need|have|must|should)\s+(?:to\s+)?do|how\s+(?:do|can|would)\s+i|the\s+steps?|"
    r"a\s+roadmap)\s+to\s+(?P<x>(?:be|become|get|make|retrain\s+as|qualify\s+as|train\s+as|go\s+back\s+to|move\s+into|open|start)\s+[^,.;!?]{2,50})",
    re.I)
_APPLY_ASK = re.compile(r"\b(?:should|shall|could|can|do)\s+i\s+(?:apply\s+for|go\s+for|take|try\s+for|put\s+in\s+for)\s+(?P<x>(?:the|a|an|that|this)\s+[^,.;!?]{2,50})", re.I)
# "my own grooming salon, 3 tables, opening 1st of june": a venture of their own, stated as under way
_OWN_VENTURE = re.compile(r"\bmy\s+own\s+(?P<x>(?:[\w'’-]+\s+){0,2}?(?:salon|shop|business|practice|clinic|studio|bakery|cafe|café|"
                          r"restaurant|company|firm|garage|workshop|rig|place|label|agency|school|gym|farm|van|truck|lorry|cab|kitchen|bar|pub|stall|classroom))\b", re.I)

# a condition on it makes a goal a wish: "if I could I'd retire tomorrow", "imagine running my own place"
_IF_I_COULD = re.compile(r"\bif\s+i\s+(?:won|had|could|were|was|didn'?t\s+have)\b|\bimagine\b|\bin\s+another\s+life\b|\bsomeday\s+maybe\b", re.I)


def goals(sent: str, s: int, a: Analysis, *, asked: bool) -> list[Stated]:
    from coach.analyze import UNSURE_WANT

    if UNSURE_WANT.search(sent):
        return []  # "I don't even know if I want to be a manager": a want in doubt is no goal
    if _HYPO_WISH.search(sent) or _IF_I_COULD.search(sent) or _INJECTION.search(sent) or _OTHER_SUBJECT.match(sent) and _OTHER_SAYS.search(sent):
        return []
    e = s + len(sent)
    if asked:
        m = _APPLY_ASK.search(sent)
        if m and _destination(m.group("x")):  # "Should I apply for the head of year job?": the job they would go for
            return [Stated(s, e, _second(_destination(m.group("x"))), "goal")]
        m = _GOAL_IN_ASK.search(sent)
        if m:
            x = re.sub(r"\s+(?:again\s+)?here$|\s+again$", "", L.strip_end(m.group("x")), flags=re.I)
            x = re.sub(r"\s+(?:again)\b", "", x, flags=re.I)
            return [Stated(s, e, _as_gerund(x), "goal")]  # the whole question: the goal in the words it was asked in
        return []
    m = _THINKING.search(sent)
    if m and not _negated_at(sent, m.start()):
        from coach.mentor.values import concrete_goal

        if concrete_goal(m.group("x")):  # "so I am thinking early years teacher, here in London"
            return [Stated(s, e, _second(m.group("x")), "goal")]
    wants = [m for rx in (_WANT_GOAL, _GOING_FOR) for m in rx.finditer(sent) if not _negated_at(sent, m.start())]
    if not wants and re.search(r"\b(?:not|never|don'?t|dont|doesn'?t|won'?t|whether|if)\b[^.!?]{0,25}\b(?:want|wanna|going|apply|applying)\b", sent, re.I):
        return []  # "not what I want", "whether I want to stay"
    m = _IF_FINALLY.match(sent)
    if m:
        from coach.mentor.values import concrete_goal

        if concrete_goal(m.group("x")):
            return [Stated(s, e, _as_gerund("make " + m.group("x") if not re.match(r"(?:a|an|the|my)\b", m.group("x"), re.I)
                                            else "get " + m.group("x")), "goal")]
    for m in wants:
        rx = m.re
        x = re.split(r"\s*(?:,|\bbecause\b|\bporque\b|\bcos\b|\bso\s+(?:that|i)\b|\bbut\b|\bnot\s+now\b|\binstead\s+of\b|"
                     r"\brather\s+than\b|\bthat'?s\b|\bthere'?s\b)", m.group("x"), maxsplit=1)[0]
        x = re.sub(r"^(?:to|ser)\s+", "", x.strip(), flags=re.I)
        if rx is _WANT_GOAL and re.match(r"\W*quiero\b", sent[m.start():], re.I) and not re.match(r"(?:a|an|the|my)\b", x, re.I):
            x = "be " + x  # "Quiero ser manager": to be a manager
        from coach.mentor.values import concrete_goal

        if _SHOW.search("i want " + x):
            continue  # "I want make dem see say person fit build serious tech from here": what others should see
        staying = _CHANGE_START.match(x)
        if not staying and not concrete_goal(x) and not re.search(_CREDENTIAL, x, re.I):
            continue  # "I want to make sure quiet people get heard" says what matters, not where they're heading
        phrase = _as_gerund(x) if not re.match(r"(?:my|a|an|the)\b", x, re.I) else _second(x)
        if _phrase_ok(phrase) and not _outranked(sent, x):
            return [Stated(s, e, phrase, "goal")]
    m = _OWN_VENTURE.search(sent)
    # ("I have my own shop in the Croix-Rousse since 2011", "I've had my own salon for years": one they have already)
    had = re.search(r"\b(?:i|we)\s*(?:'ve|\s+have|\s+had|\s+run|\s+own|'d\s+had)\s+(?:(?:got|had|run|owned)\s+)?my\s+own\b", sent, re.I) or \
        re.search(r"\b(?:since|for)\s+(?:\d{4}|\d+\s+(?:years?|yrs?)|years|ages)\b", sent, re.I)
    if m and not had and not re.search(r"\b(?:someday|one day|dream|wish|if)\b", sent, re.I):
        return [Stated(s, e, "your own " + m.group("x").strip(), "goal")]
    m = _FUTURE_FRAGMENT.match(sent)
    if m and _fragment(sent) and len(sent.split()) <= 10:  # "Staff engineer. Maybe principal one day.", "maybe teachin at the trade college"
        x = _destination(m.group("x"))
        if x:
            from coach.spelling import tidy

            return [Stated(s, e, tidy(_as_gerund(x) if _VERB_LED.match(x) else _second(x)), "goal", tentative=True)]
    for rx in _TOWARDS:
        for m in rx.finditer(sent):
            x = _destination(m.group("x"))
            if x and not _negated_at(sent, m.start()) and not _outranked(sent, x):
                phrase = _as_gerund(x) if _VERB_LED.match(x) else _second(x)  # ("charge nurse" is a role, not "charging nurse")
                if _phrase_ok(phrase):
                    return [Stated(s, e, phrase, "goal")]
    m = _STUDYING.search(sent)
    if m and not _negated_at(sent, m.start()) and not re.search(r"\b(?:used\s+to|dropped|quit|gave\s+up|finished)\b", sent[:m.start()], re.I):
        done = re.search(r"\b(?:want|wanna|need|going|gonna|determined)\s+(?:to\s+)?(?:finish|complete|get\s+through|see)\s+(?:it|this|that)\b", sent, re.I)
        return [Stated(s, e, _course(m.group("x"), finish=bool(done)), "goal")]
    return []


# a qualification under way is where they are heading: "doing an OU degree in accountancy, 2nd yr", "I'm halfway through my
# nursing apprenticeship", "studying for my ACCA at night" (their own, said of themselves: never "my son's doing a degree")
_COURSE = (r"(?:(?:foundation\s+|part[- ]time\s+|online\s+|open\s+university\s+)?degree|course|apprenticeship|masters|master'?s|mba|phd|doctorate|"
           r"diploma|nvq|btec|hnd|hnc|access\s+course|level\s+\d|qualification|acca|cima|aat|cipd|pgce|law\s+conversion)")
_STUDYING = re.compile(
    r"(?:^\W*(?:(?:and|so|but|also|currently|still|now|plus)\W+)*|\b(?:i'?m|im|i\s+am)\s+(?:(?:also|currently|still|now|just)\s+)*)"
    r"(?:doing|doin'?|studying|studyin'?|taking|halfway\s+through|in\s+the\s+middle\s+of|(?:in\s+)?(?:the\s+)?(?:\w+\s+)?year\s+of)\s+"
    r"(?:for\s+)?(?P<x>(?:(?:a|an|my|the)\s+)?(?:[\w'’-]+\s+){0,3}?" + _COURSE + r"\b(?:\s+in\s+[\w'’-]+(?:\s+[\w'’-]+)?|\s+(?!\d|yr|year|at\b|on\b|part|full|now|nights?\b)[a-z][\w'’-]+)?)", re.I)


def _course(x: str, *, finish: bool = False) -> str:
    """ "OU degree accountancy" -> "the OU degree accountancy you're doing"; "my nursing apprenticeship" -> "your…";
    with "I want to finish it": "finishing the OU accountancy degree"."""
    x = re.sub(r"\s+(?:at|on|in)$", "", x.strip(), flags=re.I)
    own = re.match(r"(?:my)\s+", x, re.I)
    x = re.sub(r"^(?:a|an|my|the)\s+", "", x, flags=re.I)
    if finish:
        return f"finishing {'your' if own else 'the'} {x}"
    return f"your {x}" if own else f"the {x} you're doing"


# where they are heading, said without "I want": "The plan is to go freelance by next summer", "I've got an interview for
# the deputy manager post", "I'm doing my level 3 so I can become a senior carer", "I'm leaving in June to retrain as a
# plumber", "Next step for me is charge nurse", "What I'd really like is a job in the library", "Ideally I'd be running my
# own kitchen", "torn between staying and going for the team lead role", "I want out of retail"
_TOWARDS = [re.compile(p, re.I) for p in (
    r"\b(?:the|my)\s+(?:plan|goal|aim|ambition|hope|dream)\s+is\s+(?:to\s+)?(?P<x>[^,.;!?]{3,60})",
    # said without "I": "want to get into UX", "Looking to move into project management", "Aiming for head of department"
    r"^\W*(?:(?:honestly|tbh|so|and|but|yeah|well)[,.]?\s+)*(?:i'?m\s+|im\s+|i\s+am\s+)?(?:wanna|want\s+to|looking\s+to|trying\s+to|hoping\s+to|planning\s+to|"
    r"aiming\s+(?:to|for)|going\s+to\s+(?=apply|go\s+for)|gonna\s+(?=apply|go\s+for))\s*(?P<x>[^,.;!?]{3,60})",
    r"\bi\s+(?:just\s+|really\s+)?want\s+(?P<x>(?:[\w-]+\s+){0,2}?(?:partner|director|head|lead|manager|principal|senior|staff|chef|sergeant|"
    r"consultant|professor|tenure|promotion)\b[^,.;!?]{0,30})",
    r"\bput\s+in\s+for\s+(?P<x>(?:the|a|an|my)\s+[^,.;!?]{2,50})",
    r"\b(?:i'?d|i\s+would)\s+(?:like|love)\s+to\s+end\s+up\s+(?P<x>[^,.;!?]{3,50})",
    r"\b(?:i'?ve|i\s+have)\s+got\s+an?\s+interview\s+(?:for|at|with)\s+(?P<x>[^,.;!?]{3,60})",
    r"\bso\s+(?:that\s+)?i\s+can\s+(?P<x>(?:become|be|get\s+into|move\s+into|qualify\s+as|train\s+as|go\s+into|work\s+as)\s+[^,.;!?]{3,50})",
    r"\b(?:i'?m|im|i\s+am|i'?ll|i\s+will)\b[^.;!?]{0,40}?\bto\s+(?P<x>(?:retrain|train|qualify|requalify)\s+as\s+[^,.;!?]{3,50})",
    r"\bnext\s+step\s+(?:for\s+me\s+)?is\s+(?P<x>[^,.;!?]{3,50})",
    r"\bwhat\s+i'?d\s+(?:really\s+|most\s+)?(?:like|love|want)\s+is\s+(?P<x>[^,.;!?]{3,60})",
    r"\b(?:ideally|eventually|one\s+day|in\s+(?:a\s+few|\w+)\s+years?(?:'\s+time)?)\s*,?\s+i'?d\s+(?:be\s+|like\s+to\s+be\s+|love\s+to\s+be\s+)?(?P<x>[^,.;!?]{3,60})",
    r"\b(?:torn|deciding|choosing)\s+between\b[^.;!?]{0,40}?\bgoing\s+for\s+(?P<x>(?:the|a|an|my)\s+[^,.;!?]{2,50})",
    r"\bi\s+(?:just\s+|really\s+)?want\s+(?P<x>out\s+of\s+[^,.;!?]{2,40})",
)]


# a place on a path rather than a role: "the transfer to Leeds", "the graduate scheme", "running the lab"
_PLACE_TO_GO = re.compile(r"\b(?:transfer|secondment|apprenticeship|placement|internship|graduate\s+scheme|scheme|course|programme|program|"
                          r"full[- ]time|ux|design|project\s+management|management|tenure)\b|^(?:run|running|lead|leading|manage|managing|head|heading)\s+"
                          r"(?:the|a|my|our|their)\s+\w+|^(?:open|opening|start|starting|set\s+up|setting\s+up)\s+(?:a|an|my|our)\s+(?:[\w'’-]+\s+){0,2}?"
                          r"(?:salon|shop|business|practice|clinic|studio|bakery|cafe|café|restaurant|company|firm|garage|workshop|gym|farm|kitchen|bar|pub)\b", re.I)
_VERB_LED = re.compile(r"(?:go|become|be|get|move|qualify|train|retrain|work|run|open|start|set|leave|quit|stop|retire|join|apply|do|take|lead|manage)\b", re.I)


# a destination given as a phrase with a look ahead in it: "Maybe principal one day.", "maybe teachin at the trade college"
_FUTURE_FRAGMENT = re.compile(r"^\W*(?:(?:and|so|but|or)\s+)?(?:maybe|perhaps|eventually|ideally|one\s+day|someday|next)\s*,?\s+(?P<x>[^.;!?]{3,60}?)"
                              r"(?:\s+(?:one\s+day|someday|eventually|in\s+\w+\s+years?))?\W*$", re.I)


def _destination(x: str) -> str:
    """The destination of a frame, cut at what follows it, when it names one (a role, a place, a credential, a change)."""
    from coach.mentor.values import concrete_goal

    x = re.split(r"\s*(?:,|\bbecause\b|\bcos\b|\bso\s+(?:that|i)\b|\bbut\b|\bthat'?s\b|\bon\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
                 r"\bin\s+(?:a\s+few|\w+)\s+years?\b|\bby\s+\d+\b|\bnext\s+(?:week|month|year|summer|spring|autumn|winter)\b|\bby\s+(?:next|the\s+end)\b)",
                 x, maxsplit=1, flags=re.I)[0].strip()
    x = re.sub(r"^(?:to|be)\s+(?=\w+ing\b)|^to\s+|^(?:apply|applying)\s+for\s+(?=(?:the|a|an|my)\b)", "", x, flags=re.I)
    if re.match(r"out\s+of\b", x, re.I):
        return "get " + x  # "I want out of retail": getting out of retail
    if _SHOW.search("i want " + x):
        return ""
    return x if concrete_goal(x) or re.search(_CREDENTIAL, x, re.I) or _CHANGE_START.match(x) or _OWN_VENTURE.search(x) or _PLACE_TO_GO.search(x) \
        or re.match(r"(?:go|going)\s+(?:freelance|part[- ]time|self[- ]employed)|(?:re)?(?:train|qualify)\s+as\b", x, re.I) else ""


# "Deputy head. That's what I'm aiming for.": the words before it are where they are heading
_AIM_POINTER = re.compile(r"^\W*(?:(?:and|so|yeah|yes)[,.]?\s+)?(?:that'?s|thats|this\s+is|that\s+is)\s+(?:what\s+i'?m\s+(?:aiming|going|working|gunning)\s+"
                          r"(?:for|towards)|the\s+(?:goal|plan|aim|dream|ambition|whole\s+(?:ambition|plan|goal)))\b", re.I)


def aim_pointed(text: str, spans: list[tuple[int, int]], k: int, a: Analysis) -> Stated | None:
    """A goal named by a pointer after it ("Deputy head. That's what I'm aiming for."), or None."""
    from coach.mentor.values import concrete_goal

    sent = text[spans[k][0]:spans[k][1]]
    if k == 0 or not _AIM_POINTER.match(sent):
        return None
    ps, pe = spans[k - 1]
    head = text[ps:pe]
    if re.search(r"\b(?:i\s+want|i'?d\s+like|i'?m\s+going)\b", head, re.I):
        return None  # "I want to stop getting paged at 3am. That's the whole ambition.": the want is read as it is
    x = L.strip_end(head).strip()
    if not (concrete_goal(x) or re.search(_CREDENTIAL, x, re.I)) or _negated_at(head, len(head)):
        return None
    return Stated(ps, spans[k][1], _second(x), "goal")


# "I am thinking early years teacher": a destination weighed, said without "about"
_THINKING = re.compile(r"\b(?:i'?m|im|i\s+am)\s+(?:really\s+|seriously\s+|now\s+)?thinking\s+(?!about\b|of\b|bout\b|that\b|i\b|it\b|maybe\b)"
                       r"(?P<x>[a-z][^,.;!?]{2,40})", re.I)


def _outranked(sent: str, x: str) -> bool:
    """Whether every mention of the goal's verb sits just after a denial or on the losing side ("not retire yet",
    "rather than leave", "less about quitting"): then the sentence does not want it."""
    head = re.match(r"[A-Za-z']+", x.strip())
    if head is None:
        return False
    at = [m.start() for m in re.finditer(r"\b" + re.escape(head.group(0)) + r"\w*", sent, re.I)]
    scope = re.compile(r"(?:\bnot|n't|\bnever|\bno\s+longer|\bless\s+about|\bthan|\binstead\s+of|\bwithout)(?:\s+[\w'-]+){0,5}\s*$", re.I)
    return bool(at) and all(scope.search(sent[:i]) for i in at)


def _negated_at(sent: str, at: int) -> bool:
    """Whether the want at `at` is denied or put in doubt within its own clause ("not what I want", "whether I
    want to stay"); "I didn't say I don't want to retire, I do, I want to retire in 2 years" wants it."""
    clause = re.split(r"[,;:—–]|\b(?:but|and|so|i\s+do|i\s+did)\b", sent[:at], flags=re.I)[-1]
    return bool(re.search(r"\b(?:not|never|don'?t|dont|doesn'?t|won'?t|whether|if|no)\b", clause, re.I))
