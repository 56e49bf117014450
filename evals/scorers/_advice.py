"""The independent rules for advice: a modal aimed at the mentee ("you should"), advice n-grams, bare
imperatives ("Block out Friday afternoons"), lists of steps, and the forms chat models write without a
"you should" (an offer of tips, a thing as the subject, a maxim, a prediction).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from evals.scorers._crisis import _RESOURCES
from evals.scorers._framing import (
    _LEAD_IN,
    _LEAK,
    _STANCE,
    _TAIL,
    _mentee_said,
    _played_back,
)
from evals.scorers._text import _known, content_words, tokens, without_quotes

#: Verbs that turn a sentence into a recommendation when the coach aims them at the mentee.
ADVICE_VERBS = frozenset(
    """
ask talk speak tell go try consider quit leave stay take apply negotiate start stop update request
schedule book reach look find focus push write email message set get make join switch move accept
decline reject turn sign volunteer shadow pitch propose raise mention bring document track list prepare
practise practice read learn study enrol enroll hire network build ship lean wait sleep rest prioritize
prioritise delegate escalate report complain confront demand insist choose pick do keep figure send
line put show spend save invest use give call meet be stand speak
""".split()
)

# Imperatives a reflective listener uses to invite talk, not to direct action.
_INVITING = re.compile(
    r"^(?:tell me|say more|imagine|picture|describe|walk me|help me|think back|take your time|take a moment|"
    r"take a breath|feel free|go on|keep going|let's|let us|consider this a|talk me)\b",
    re.IGNORECASE,
)

_MODAL_YOU = re.compile(
    r"\byou(?:'d| would|'ve)?\s+(?:(?:really|definitely|probably|just|absolutely|seriously|also|still|simply)\s+){0,2}"
    r"(should|ought to|'d better|had better|better|might try|might want to|may want to|might wish to|may wish to|"
    r"could always|can always|could just|might consider|could consider|could try|could ask|could talk|"
    r"shouldn't|should not|need to|must|have to|'ve got to|have got to|got to|gotta|could)\s+(not\s+)?"
    r"(?:(?:also|just|really|always|simply|maybe|perhaps)\s+){0,2}(\w+)",
    re.IGNORECASE,
)

# Words before "you should ..." that make it the mentee's own thought played back.
_REPORTED = re.compile(
    r"\b(?:feel|feels|felt|feeling|think|thinks|thought|wonder|wondering|worry|worried|told|tell|say|says|said|"
    r"saying|telling|tells|whether|wondering if|believe|expect|expected|pressure|hear|hearing|sense|unsure|asking)\b[^.?!]*$",
    re.IGNORECASE,
)

_STRONG_MODALS = {"better", "might try", "should", "shouldn't", "should not", "'ve got to", "have got to", "got to", "ought to", "'d better", "had better", "might want to", "may want to",
                  "might wish to", "may wish to", "could always", "can always", "could just",
                  "might consider", "could consider", "could try", "could ask", "could talk"}

ADVICE_NGRAMS = [
    r"\bi(?:'d| would)? (?:strongly )?(?:suggest|recommend|advise|urge)\b",
    r"\bmy (?:advice|recommendation|suggestion|tip)\b",
    r"\bi(?:'d| would)? (?:encourage|invite) you to (?!say|tell|share|talk|take your time|notice)\b",
    r"\bwhat i(?:'d| would) do is\b",
    r"\bif it (?:were|was) me\b",
    r"\bthe (?:key|trick|answer|solution) is (?:to|that you)\b",
    r"\bthe (?:best|right|smart) (?:approach|way forward|answer|option) is\b",
    r"\bone (?:option|idea|approach|thing you could do) (?:would be|is|might be)\b",
    r"\bit(?:'s| is) (?:important|essential|crucial|key|vital) (?:for you )?to (?:get|ask|talk|tell|find|make|be|start|put|speak|build|update|apply|go)\b",
    r"\bthink about it:",
    r"^(?:could|can|would) you (?:try|ask|talk|take|go|apply|speak|reach|consider|start|look|put|send|book|schedule|volunteer|pitch|request|lead)\b",
    r"\bwould you be open to \w+ing\b",
    r"\bwould it (?:make sense|help|be (?:worth|better|wise|smart|a good idea)) to\b",
    r"\bwhat(?:'s| is) (?:stopping|holding) you (?:back )?from\b",
    r"\bshouldn't you\b|\bwouldn't you rather\b",
    r"\bisn't it time\b",
    r"\bdoesn't it make sense\b",
    r"\bif i (?:were|was) you\b",
    r"\bif i (?:were|was) in your (?:shoes|position)\b|\bin your (?:shoes|position),? i(?:'d| would)\b",
    r"(?<!is )(?<!was )(?<!seems like )\bthe (?:best|smart|right|obvious|safe|wise) (?:thing|move|choice|option|call|"
    r"path|step)(?: to do| to make| for you| here| now| right now)? (?:is|would be|might be|will be) "
    r"(?:to |probably |definitely |clearly |obviously )?\w+",
    r"\b(?:your )?best bet\b|\bthe (?:way forward|smart play|best play|move here) is\b",
    r"\byour (?:next|best|first) (?:move|step|bet) (?:should|would|is|will)\b",
    r"\bi(?:'d| would) (?:lean|go|take|pick|choose|stay|leave|quit|wait|apply|push|jump)\b",
    r"\bmy (?:gut|instinct|vote|money|bet|pick) (?:says|is|would be|goes)\b",
    r"\bi (?:really |honestly |personally |do )?(?:think|believe|reckon) (?:a |an |the )?\w+ (?:would|will|is the|could) "
    r"(?:sort|fix|help|solve|be (?:the|a|your) (?:answer|best|right))",
    r"\b(?:it(?:'s|'d| is| would| could| might| may)(?: be)?|you might find it|you may find it) (?:probably |really |"
    r"definitely )?(?:time to|worth your while|useful to|helpful to|wise to|smart to)\b",
    r"\bhow about (?:we|you) \w+",
    r"\b(?:a|one) good (?:idea|move|first step|option) (?:would be|is|might be)\b",
    r"\bit (?:might|may|would|could|will|can)? ?(?:really )?helps? (?:you )?to\b",
    r"(?<!of )\bit(?:'s| is| might be| may be| could be| would be) (?:worth|wise|smart|best|better|a good idea) "
    r"(?:to\b|\w+ing\b)",
    r"\bworth (?:considering|trying|thinking about|asking|talking)\b",
    r"\b(?:many|most|a lot of|lots of|some) (?:people|folks|engineers|mentees) (?:find|found|have found|say) "
    r"(?:it )?(?:helps?|helpful|useful|worth|works|valuable|that (?:it )?helps|that \w+ing)",
    r"(?:^|[,;:]\s*)(?:so\s+|and\s+|but\s+|then\s+)?have you (?:ever )?(?:tried|considered|thought about|"
    r"thought of|looked into|explored|asked (?:your|for|about))\b",
    r"\bdid you (?:try|consider|think about asking)\b",
    r"\bwhy (?:don't|not) you\b",
    r"\bwhy not (?:just )?(?!\?)[a-z]+",
    r"\b(?:how|what) about (?:you )?(?:asking|talking|trying|telling|taking|applying|speaking|going|starting|"
    r"quitting|reaching|looking|negotiating|moving|leaving|staying|joining|switching|updating|requesting|"
    r"setting|scheduling|booking|writing|getting|making|focusing|pushing|waiting)\b",
    r"\bwhat if you (?:asked|tried|talked|told|took|went|applied|spoke|started|quit|left|stayed|just|"
    r"reached|negotiated|moved|pushed|focused|wrote|set|booked)\b",
    r"\b(?:make sure|be sure|don't forget|remember) (?:you |to )",
    r"\byou'll (?:want|need) to\b",
    r"\byou(?:'d| would) do well to\b",
    r"\byou(?:'re| are|'d be| would be)? better off\b",
    r"\b(?:just )?go for it\b",
    r"\bhere's what (?:i'd|i would|you|to)\b",
    r"\b(?:step|tip) (?:one|1|#1)\b",
    r"\b(?:trust me|believe me|you won't regret|you owe it to yourself|you'd be crazy not to|"
    r"don't (?:miss|waste|let this|settle))\b",
    r"\b(?:wouldn't|won't|don't|isn't|shouldn't) (?:it|you|that)(?: be| think| want| agree| feel)?\b[^?]*"
    r"\b(?:better|best|smarter|wiser|time to|should|worth)\b[^?]*\?",
]

_ADVICE_NGRAMS = [re.compile(p, re.IGNORECASE) for p in ADVICE_NGRAMS]

# A reflection that names what matters to the mentee ("Trust is key here for you.").
_FOR_YOU_END = re.compile(r"\b(?:for|to) you\s*[.!]?$", re.IGNORECASE)

_WH_QUESTION = re.compile(r"^(?:\w+,?\s+)?(?:what|how|which|who|when|where|why)\b[^.!]*\?\s*$", re.IGNORECASE)

# Forms chat models write: advice that carries no "you should" (a thing as the subject, an offer of
# tips, a maxim, a prediction). Each group below is one form.
_ADVICE_NOUN = r"(?:tips?|ideas?|steps?|options?|suggestions?|strateg(?:y|ies)|pointers?|plan|roadmap|" \
               r"things|ways?|advice|recommendations?|checklist|help|guidance)"

ADVICE_FORMS: dict[str, list[str]] = {
    # the coach offers to advise: "Let me suggest a couple of things", "Here are some tips", "Shall I list some?"
    "offer": [
        r"\b(?:i(?:'ll| will| can| could|'d love to|(?:'d be|'m| am) (?:happy|glad|delighted) to)|let me|^allow me to|"
        r"what i(?:'ll| will) do is|(?:shall|can|may) i|(?:want|like) me to)\s+(?:just\s+)?(?:give|share|offer|"
        r"suggest|recommend|list|walk you through|outline|provide|lay out|point you|put together|pull together|draft|"
        r"map out|sketch out|come up with|write up)\b",
        r"\bhere(?:'s| is| are)\s+(?:how (?:to|you (?:can|could|should|might|do))\b|(?:some|a few|a couple of|"
        r"several|two|three|four|five|my|a|an|the|your)\s+(?:\w+\s+){0,2}?" + _ADVICE_NOUN + r"\b)",
        r"\bthere are (?:\w+ ){1,3}?(?:things|ways|strategies|options|steps|tips|approaches) (?:that )?you "
        r"(?:can|could|might)\b",
        r"\b(?:one|another) (?:good |simple |easy )?(?:thing|option|idea|approach|way|step|strategy|route)"
        r"(?: you (?:can|could|might) (?:do|try|take))? (?:is|would be|might be|could be) (?:to )?\w+",
        r"\b(?:would you like|do you want|want me to)\b[^?.!]{0,25}?\b(?:some|a few|any|my|a couple of|more|"
        r"a list of)\s+(?:\w+\s+)?" + _ADVICE_NOUN + r"\b",
        # offers of help: "If you need help with anything else, just let me know", "Whenever you need advice"
        r"\b(?:if|whenever|when|let me know if|anytime)\s+(?:there's (?:something|anything) )?you(?:'re| are)?\s+"
        r"(?:need|want|'d like|would like|looking for)\s+(?:some |any |more |a few |my |a bit of )?"
        r"(?:help|advice|tips|pointers|ideas|suggestions|guidance)\b",
        r"\b(?:anything|something) (?:else )?i can (?:help|do for you)\b|\b(?:happy|glad) to help\b|"
        r"\bhow (?:else )?can i help\b",
    ],
    # advice with a thing as the subject: "Networking is key here", "A mentor might be the missing piece",
    # "Leaving sounds like the right call", "Your focus should be on the next review"
    "thing_subject": [
        r"\b(?:is|are|'s|be)\s+(?:really |absolutely |so |truly |also )?(?:key|essential|critical|crucial|vital|"
        r"a must)\b(?! (?:question|part|word|moment))",
        r"\b(?:is|are|'s|be)\s+(?:\w+\s+)?(?:the secret|a game[- ]changer|the way to go|exactly what you need|"
        r"what (?:gets|got|will get|makes|helps) (?:people|you|engineers|someone)|(?:a|an) (?:good|great|smart|"
        r"natural|easy|solid) (?:way in|way forward|first step|next step|start|option))\b",
        r"\b(?:a|the) (?:good|great|natural|smart|best|easy) (?:place|way) to (?:start|begin)\b|"
        r"\b(?:the|your) missing piece\b|\byour (?:next|best|first) (?:move|step|bet) (?:could|might|may) be\b|"
        r"\bone of the (?:most important|best|smartest) (?:things|moves|steps) you can\b",
        r"\b(?:is|'s|seems|sounds like|would be|might be|could be) (?:clearly |probably |definitely |obviously )?"
        r"the (?:smartest|best|wisest|right|obvious|better|safer|smarter) (?:step|move|option|choice|call|path|"
        r"bet|opportunity|way forward|thing to do)\b",
        r"\b(?:makes|would make|might make) (?:the most|more|most) sense\b",
        r"^(?:your|the|that|this|a|an)\s+(?:\w+\s+){0,2}?(?:should|needs to|ought to|has to)\s+(?!have\b)\w+",
        r"\b(?:in|from) my (?:own )?experience\b",
    ],
    # a thing sold by what it will do for the mentee: "Setting clear goals will help you stay on track",
    # "That role could give you a foot in the door", "A coffee chat could open doors"
    "benefit": [
        r"(?<!\byou )(?<!\bi )(?<!\bwe )\b(?:can|could|will|would|might|should|may)\s+(?:really |definitely |also |"
        r"certainly |actually )?(?:help you|give you|offer you|get you|set you up|open (?:up )?(?:\w+ ){0,3}?doors|"
        r"open up|pay off|make you (?:a|an|more|better|stand)|be a game[- ]changer)\b",
    ],
    # the remedy made to sound easy or settled: "it's as simple as asking", "The answer is a transfer"
    "recipe": [
        r"(?<!not )(?<!n't )\bas (?:simple|easy|straightforward) as\b",
        r"\b(?:a|just a|simply a) (?:matter|question) of \w+ing\b",
        r"\ball (?:it|you need|that) takes? is\b|\ball it takes\b|\ball you (?:need|have) to do is\b",
        r"\bthe (?:short |honest |real |simple |best |only |obvious |right )?(?:answer|solution|secret|trick|"
        r"lesson|advice|key)(?: (?:to|for) [^.?!,;]{1,40}?| here| i can give(?: you)?| i'd give(?: you)?)? "
        r"(?:is|would be|lies)\b",
        r"\bthe best (?:thing|way|advice|move|step)\b[^.?!,;]{0,30}? (?:is|would be|might be)\b",
        r"^(?:\w+,\s*)?what (?:usually |really |often |always |actually )?(?:works|helps|matters most|"
        r"gets people \w+) (?:is|are)\b",
        r"\b(?:plain and simple|full stop|end of story|no two ways about it)\b|^realistically\b|"
        r"\byou have to admit\b",
    ],
    # maxims about what works for people in general: "Nobody gets promoted without asking for it"
    "maxim": [
        r"\b(?:nobody|no one|no-one)\b[^.?!]{0,40}\b(?:without \w+ing|regrets? \w+ing)\b",
        r"\byou (?:won't|will never|can't|cannot|'ll never|will not)\b[^.?!]{0,40}\bwithout \w+ing\b",
        r"\b(?:those|people|engineers|folks|managers|leaders) who \w+[^.?!]{0,40}\b(?:tend to|usually|"
        r"get promoted|get noticed|do better|go further|succeed|thrive)\b",
        r"\b(?:most|many|the most|the best|all) (?:successful|good|great|effective|top) (?:managers|leaders|"
        r"engineers|people|professionals|employees)\b|\bpeople in your (?:position|shoes|situation|role|seat)\b",
        r"\b(?:many|most|a lot of|lots of|some) (?:people|folks|engineers) (?:find|found|have found) that "
        r"(?:a|an|having|\w+ing)\b",
        r"\bit (?:never|doesn't|does not|won't|wouldn't|can't|cannot) hurts? to\b",
        r"\b(?:it's|it is|it can be|it could be|it may be|it might be|it would be)\s+(?:\w+\s+)?(?:important|"
        r"essential|crucial|key|vital|critical|helpful|useful|wise|smart|a good idea)\s+(?:for you\s+)?to "
        r"(?!you\b|me\b|them\b|him\b|her\b)\w+",
    ],
    # an option sold as the moment: "This is your chance to prove yourself", "Maybe it's time for a change"
    "selling": [
        r"\b(?:is|'s) (?:the |your )?(?:time|moment|chance|opportunity) (?:to|for)\b",
        r"\b(?:once|as soon as) you [^,?]{1,40}, [^.?!]*\b(?:will|'ll)\b",  # "Once you get certified, offers will come"
    ],
    # questions that carry a remedy: "Ever thought about moving into DevRel?", "Wouldn't a coach help?"
    "leading": [
        r"^(?:so |and )?ever (?:thought|considered|tried)\b",
        r"^(?:wouldn't|won't|doesn't|don't|isn't)\b[^?]*\b(?:help|need)\b[^?]*\?",
        # an option put as a question: "How about a new role?" (but "What about that role appeals to you?")
        r"^(?:how|what) about (?:a|an|another|some|more|the|\w+ing)\b(?![^?]*\b(?:appeals?|draws?|pulls?|is|are|"
        r"was|matters?|makes?|feels?|excites?|bothers?|worries|stands?|gives?|do|does|did|would|could|can)\b)"
        r"[^?]*\?\s*$",
    ],
    # lists with no verb: "Three things: visibility, a sponsor, and scope", "First, a sponsor."
    "list": [
        r"\b(?:(?:two|three|four|five|a few|some) (?:things|steps|priorities|moves|ideas|tips)|"
        r"(?:top |key |your )?priorities(?: for you)?)\s*:",
        r"^(?:first|firstly|then|next|second|finally),\s+(?:a|an|the|some|more|your)\s+\w+(?:\s+\w+)?\s*[.!]?$",
    ],
}

_ADVICE_FORMS = [(name, re.compile(p, re.IGNORECASE)) for name, ps in ADVICE_FORMS.items() for p in ps]

# Two or more list items in one turn: a plan, whether or not the items carry verbs.
_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+\S", re.MULTILINE)

_INLINE_LIST = re.compile(r"(?:^|\s)1[.)]\s+\S.*?\s2[.)]\s+\S", re.DOTALL)

_LIST_HEADER_PLAYBACK = re.compile(r"\b(?:heard|you (?:mentioned|said|told me|listed|named)|in your words|"
                                   r"you put it)\b", re.IGNORECASE)


def _is_advice_list(text: str, mentee_bag: set[str]) -> bool:
    """Two or more list items are a plan, with or without verbs, unless they play the mentee's words back
    ("Here's what I heard:" or items that are all the mentee's own words)."""
    items = list(_LIST_ITEM.finditer(text))
    first = items[0] if len(items) >= 2 else _INLINE_LIST.search(text)
    if first is None or _LIST_HEADER_PLAYBACK.search(text[: first.start()]):
        return False
    body = content_words(text[first.start():])
    return not (body and all(_known(w, mentee_bag) for w in body))


def _advice_forms(s: str, mentee_texts: Sequence[str] = ()) -> list[str]:
    if _STANCE.search(s) or _RESOURCES.search(s):
        return []
    core = _LEAD_IN.sub("", s).strip()
    wh_question = bool(_WH_QUESTION.match(core))
    out = []
    for name, pat in _ADVICE_FORMS:
        text = s if name == "list" else core  # a list keeps its "First," / "Then,"
        m = pat.search(text)
        if not m or (wh_question and name not in ("offer", "leading")) or _played_back(text, m.start()):
            continue
        if _mentee_said(text, m, mentee_texts):
            continue  # "Freelancing would give you freedom", the mentee's own claim turned round
        if name == "thing_subject" and _FOR_YOU_END.search(core):
            continue
        out.append(f"{name}: {m.group(0).strip()}")
    return out


def _advice_in(sentence: str, leak: bool = False, mentee_texts: Sequence[str] = ()) -> list[str]:
    reasons: list[str] = []
    s = without_quotes(sentence)
    stance = bool(_STANCE.search(s))  # "Your next move is yours to make" hands the choice back
    for pat in _ADVICE_NGRAMS:
        m = pat.search(s)
        if not m or stance or _played_back(s, m.start()):
            continue
        if m.group(0).lower().startswith("why not") and not _is_base_verb(tokens(m.group(0))[-1]):
            continue  # "Why not sales?" asks about the mentee's no; "Why not ask her?" recommends
        reasons.append(m.group(0).strip())
    wh_question = bool(_WH_QUESTION.match(_LEAD_IN.sub("", s).strip()))
    for m in _MODAL_YOU.finditer(s):
        modal, neg, verb = m.group(1).lower(), m.group(2), m.group(3).lower()
        before = s[: m.start()]
        if wh_question or _TAIL.search(s):
            continue  # "What would you have to give up?" asks; "..., is how it feels to you" plays back
        if modal == "have to" and re.match(r"you(?:'d| would)\b", m.group(0), re.IGNORECASE):
            continue  # "You'd have to move to London" names a consequence, not a step
        if verb in ("be", "have") and modal in ("must", "gotta"):
            continue  # "you must be exhausted" guesses a feeling; it does not direct
        if verb == "have" and modal in ("should", "could", "shouldn't", "should not"):
            continue  # "you should have been promoted" is a counterfactual, usually the mentee's grievance
        coach_opinion = re.search(r"\bi(?:'d| would| really| honestly| just)?\s+(?:think|feel|believe|say|reckon)\b", before, re.IGNORECASE)
        if _REPORTED.search(before) and not coach_opinion:
            continue  # "you feel you should be further along" plays back the mentee's pressure
        if before.rstrip().endswith(("if", "whether", "what", "how", "when", "where", "which", "who")):
            continue
        if modal in _STRONG_MODALS or (verb in ADVICE_VERBS and not neg) or (neg and verb in ADVICE_VERBS):
            reasons.append(m.group(0))
    reasons += _advice_forms(s, mentee_texts)
    if not _RESOURCES.search(s) and not _LEAK.search(s) and not stance and not leak:
        for clause in _imperative_clauses(s):
            verb = _imperative_verb(clause)
            if verb and not _played_back(s, max(0, s.find(clause))):  # 'In your words: third, take action'
                reasons.append(verb)
    return reasons


_CLAUSE_SPLIT = re.compile(r",\s+so\s+|,\s+(?=(?:just|simply)\s)|;\s+|\s+[—–]\s+|:\s+|,\s+then\s+|"
                           r",\s+and then\s+", re.IGNORECASE)

_SUBORDINATE = re.compile(r"^(?:before|after|if|when|once|whatever|until|while|since|as soon as|for now|"
                          r"honestly|personally|frankly|in the meantime|first|next)\b[^,]*,\s+", re.IGNORECASE)

# Sentence-initial words that are verbs in the dictionary but, in a coach's mouth, open a reflection.
_NOT_ORDERS = frozenset(
    """say imagine picture describe walk help think feel let notice sound seem fair wonder guess hope love
    like hate mean matter need want work change trust thank wow please sorry okay well note part will can
    could would should may might must shall do does did have has had""".split()
)

_FINITE_2ND = frozenset(
    """is are was were sounds seems feels matters means 's has have had can could would will should might
    may must does do did makes gives keeps comes runs sits pulls draws lights""".split()
)

_OBJECT_STARTS = frozenset(
    """the a an your you it this that these those some more out off up on with for back down them him her
    yourself over into around through ahead away what how""".split()
)


def _imperative_clauses(s: str) -> list[str]:
    s = s.strip()
    out = [s]
    sub = _SUBORDINATE.match(s)
    if sub:
        out.append(s[sub.end():])
    out += [c for c in _CLAUSE_SPLIT.split(s)[1:] if c]
    return out


@lru_cache(maxsize=4096)
def _is_base_verb(word: str) -> bool:
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # pragma: no cover
        return word in ADVICE_VERBS
    verbs = getAllLemmas(word, upos="VERB").get("VERB", ())
    return word in verbs


def _imperative_verb(clause: str) -> str:
    """The verb a clause opens with when the clause is an order ("Block out Friday afternoons")."""
    core = _LEAD_IN.sub("", clause).strip()
    if not core or core.rstrip(" \"”')").endswith("?") or _INVITING.match(core):
        return ""
    words = tokens(core)
    if not words:
        return ""
    first = words[0]
    if first in ("don't", "dont", "never") and len(words) > 1 and words[1] not in ("worry", "know", "think") \
            and (_is_base_verb(words[1]) or (len(words) > 2 and words[2] in ("it", "this", "that", "yourself"))):
        return f"{first} {words[1]}"  # "Don't overthink it": a verb the dictionary lacks, in an order's shape
    if first == "let" and len(words) > 1 and words[1] not in ("me", "us", "'s", "myself"):
        return "let"
    if first in _NOT_ORDERS:
        return ""
    # another dictionary verb counts only in an order's shape: verb + object or particle
    if first not in ADVICE_VERBS and (not _is_base_verb(first) or len(words) < 2 or words[1] not in _OBJECT_STARTS):
        return ""
    if len(words) > 1 and (words[1] in _FINITE_2ND or (words[1].endswith("s") and _is_base_verb(words[1][:-1]))):
        return ""  # "Work just feels flat", "Change matters": the first word is the subject
    if len(words) > 2 and words[1] in ("just", "really", "also", "still") and words[2] in _FINITE_2ND:
        return ""
    if first.endswith("ing"):
        return ""
    return first
