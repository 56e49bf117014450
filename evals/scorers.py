"""Scorers: judge what the coach said, independently of the coach's own guard.

The runtime guard (`coach.guard.check`) is one judge. It must never be the only judge of itself, so
this module holds a second, independent rule set written with a different approach — sentence
grammar (second person + modal, bare imperatives), advice n-grams, evaluative adjectives aimed at
the mentee's goal, and one pattern group per form small chat models write (offers of tips, a thing
as the subject, maxims, predictions, verdicts on the mentee) — and it does not import `coach.guard`.
An optional LLM judge (`LLMJudge`, prompt `judge.md`) is the third.

What lives here (all pure functions over text, so tests can feed them small hand-made inputs):

    rule_verdict(text, mentee_text)      independent advice / judgment / question / reflection coder
    miti(codes)                          MITI-style session summary scores from coded coach turns
    playback(coach_text, mentee_texts)   is a reflection faithful to what the mentee said?
    grounded(item, turns)                does a summary item cite turns that contain its quote?
    crisis_handled(text)                 care + resources, no coaching
    prf(gold, pred, labels)              precision / recall / F1 per label, macro-F1
    guard_labels(text, mentee_text)      the runtime guard, as one scorer among several
    LLMJudge                             `--judge openai`: an LLM labels advice | judgment | ok
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

__all__ = [
    "LLMJudge",
    "PlaybackResult",
    "RuleVerdict",
    "crisis_handled",
    "grounded",
    "guard_labels",
    "miti",
    "playback",
    "prf",
    "rule_verdict",
]

# ============================================================================ text helpers

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Quoted spans are the mentee's own words played back verbatim; rules about the coach's voice skip them.
_QUOTED = re.compile(r"\"[^\"]{1,300}\"|“[^”]{1,300}”|(?<![a-z])'[^']{3,200}'(?![a-z])", re.IGNORECASE)
_SENT_END = re.compile(r"(?<=[.!?…])[\"”')\]]*\s+(?=[\"“'(\[]?[A-Z0-9])|\n+")
_DASHES = re.compile(r"\s+[—–-]\s+")


def normalize(text: str) -> str:
    return (
        text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("\u00a0", " ").strip()
    )


def sentences(text: str) -> list[str]:
    """Split into sentences (a regex splitter: independent of the coach's pysbd use)."""
    text = normalize(text)
    out = []
    for part in _SENT_END.split(text):
        part = part.strip()
        if part:
            out.append(part)
    return out


def tokens(text: str) -> list[str]:
    return _WORD.findall(normalize(text).lower())


def quoted_spans(text: str) -> list[str]:
    return [m.group(0)[1:-1] for m in _QUOTED.finditer(normalize(text))]


#: What a quoted span becomes when a sentence is coded: a word no rule reads as a verb or a fact
#: ("QUOTE" was read as the imperative "quote" when a line opened with the mentee's words).
QUOTE_PLACEHOLDER = "QUOTED"


def without_quotes(text: str) -> str:
    return _QUOTED.sub(f" {QUOTE_PLACEHOLDER} ", normalize(text))


STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each even ever every few for from further get gets got had hadn't has hasn't have haven't having he
he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is
isn't it it's its itself just let's like me more most much must mustn't my myself no nor not now of off on
once only or other ought our ours ourselves out over own quite rather really same say says said she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those through to too under until up upon us very
was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who
who's whom why why's will with won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves whose yeah yes ok okay oh well maybe perhaps probably guess honestly actually basically kind sort
lot lots thing things something someone somebody anything everything nothing way ways bit little one
ones back still already though although however else many much ever never always sometimes often
going gonna wanna want wants wanted im ive id dont cant wont isnt thats theres whats everyone everybody
anyone anybody nobody noone somewhere anywhere everywhere definitely certainly totally pretty
""".split()
)

#: Words a reflection may add without putting words in the mentee's mouth: the seed's motivation names
#: and their plain synonyms, common feeling words, and the framing every reflective listener uses.
MOTIVATION_WORDS = frozenset(
    """
influence impact shape shaping say voice direction difference decide decision decisions control
authority charge lead leading leader power responsibility title status recognition recognised recognized
acknowledged acknowledgement appreciation appreciated valued value seen noticed respect respected prestige
credit visible growth grow growing learn learning mastery master stretch challenge challenged better
expert skill skills craft autonomy freedom free independence independent own ownership choose choice
trusted trust meaning meaningful matter matters purpose worthwhile useful help helping difference mission
believe compensation money pay paid salary earn earning security safe safety secure family provide
stability next rung ladder step level promotion path default climbing
""".split()
)
FEELING_WORDS = frozenset(
    """
feel feels feeling felt frustrated frustrating frustration angry anger annoyed furious upset hurt stung
sad disappointed tired exhausted drained burned bored boring restless stuck lost anxious worried scared
afraid nervous stressed overwhelmed proud excited energised energized alive happy glad relieved calm
content satisfied fulfilled empty flat invisible guilty ashamed embarrassed torn unsure uncertain
curious hopeful lonely alone unappreciated undervalued pulled drawn lights light excitement energy
passion passionate love loves enjoy enjoys
""".split()
)
FRAMING_WORDS = frozenset(
    """
sounds sound seems seem hear hearing heard notice noticing noticed picture imagine imagining part
underneath beneath deeper deep runs run true truer core need needs important care cares mean means
less rather whole really day days work job role people others right now moment time kind sense
tell told talk talking talked describe put words where whose idea ideas pulls pull draws draw appeal
appeals gives give would make makes matter best side thread clear clearer comes come came wish hope
someone somewhere here heard picture pictures picturing thinking think thought speak spoke mentioned
mention said say saying words word describe described name naming wonder wondering know knowing
around change changed changing tone judge bigger smaller hand shift shifted different difference
question questions answer answers sit sits land lands fit fits ring rings close accurate fair heart
""".split()
)
ALLOWED_NEW = MOTIVATION_WORDS | FEELING_WORDS | FRAMING_WORDS

#: Words that, in the mentee's mouth, point at one motivation: a quote backs a motivation item when it
#: carries one of its cues. Written for the evals, apart from the analyzer's own exemplars.
MOTIVATION_CUES: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "influence": "influence impact shape say voice direction decide decision decisions idea ideas listen "
                     "listened asks ask opinion persuade convince adopt adopted architecture roadmap strategy "
                     "change culture consulted input",
        "authority": "charge boss control decide decides decision final call authority manage manager managing "
                     "team report reporting reports run running lead leading command power hire approve",
        "recognition": "recognition recognised recognized credit seen notice noticed appreciated appreciate "
                       "valued thanked thank title status prestige known famous respect respected proud name "
                       "slide visible award cite cited taken seriously",
        "growth": "learn learning grow growing growth master mastery better expert hard hardest challenge "
                  "challenged stretch bored boring restless puzzle new skill skills improve study craft sharp",
        "autonomy": "freedom free own decide choose choice trusted trust independent independence alone "
                    "micromanage micromanagement calendar hours remote flexible way contracting freelance "
                    "myself studio company",
        "meaning": "matter matters meaning meaningful help helping helped people difference mission purpose "
                   "believe good world sick patients charity worthwhile useful care everyone fair",
        "compensation": "money pay paid salary earn earning raise rent bonus rich afford family kids safe "
                        "security secure savings mortgage house equity rate rates financial worth",
        "next_rung": "next step ladder rung level promotion promoted senior staff principal lead guess suppose "
                     "default track climb climbing title up",
    }.items()
}


@lru_cache(maxsize=20000)
def lemmas(word: str) -> frozenset[str]:
    """The word, its crude stem and its lemmas (lemminflect ships its data in the wheel)."""
    word = word.lower().strip("'")
    forms = {word, _stem(word)}
    try:
        from lemminflect import getAllLemmas, getAllLemmasOOV
    except ImportError:  # pragma: no cover - lemminflect is a core dependency
        return frozenset(forms)
    found = getAllLemmas(word)
    if not found:
        found = {**getAllLemmasOOV(word, upos="VERB"), **getAllLemmasOOV(word, upos="NOUN")}
    for lem in found.values():
        forms.update(x.lower() for x in lem)
    forms.update(_stem(f) for f in list(forms))
    return frozenset(forms)


def _stem(word: str) -> str:
    for suffix in ("ational", "ation", "ness", "ment", "ingly", "edly", "ing", "ies", "ied", "ers",
                   "er", "ed", "ly", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # running -> runn -> run
    return word


def content_words(text: str) -> list[str]:
    out = []
    for t in tokens(text):
        if t.endswith("'s"):
            t = t[:-2]
        if t not in STOPWORDS and not t.isdigit() and len(t) > 1:
            out.append(t)
    return out


def lemma_bag(texts: Iterable[str]) -> set[str]:
    bag: set[str] = set()
    for t in texts:
        for w in content_words(t):
            bag |= lemmas(w)
    return bag


def _known(word: str, bag: set[str]) -> bool:
    return bool(lemmas(word) & bag)


# ============================================================================ independent rules

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
_LEAD_IN = re.compile(
    r"^(?:(?:so|and|but|well|ok|okay|honestly|maybe|perhaps|just|definitely|seriously|please|really|"
    r"first|firstly|second|secondly|third|thirdly|lastly|next|then|finally|also|instead|now|simply)\b[,:]?\s+)+",
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
_BULLET_IMPERATIVE = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+(\w+)", re.MULTILINE)

POSITIVE_EVAL = frozenset(
    """
great good excellent fantastic wonderful brilliant amazing awesome smart wise perfect impressive admirable
inspiring right correct sensible reasonable realistic solid healthy noble terrific commendable courageous
brave achievable doable ideal clever lovely superb outstanding strong valid real mature ambitious nice
""".split()
)
NEGATIVE_EVAL = frozenset(
    """
bad terrible awful unrealistic naive naïve selfish greedy shallow silly stupid foolish crazy wrong mistake
risky reckless irresponsible arrogant lazy unwise premature weak petty childish ridiculous pointless
dumb delusional entitled impractical misguided overambitious disloyal poor waste unlikely strange small
odd weird modest
""".split()
)
_TARGET = (
    r"(?:(?:that|this|the|your) (?:goal|plan|idea|choice|decision|dream|ambition|reason|answer|call|instinct|"
    r"approach|thinking|move)|that|this|it|which|those|these)"
)
_EVAL_AFTER = re.compile(
    _TARGET + r"(?:'s| is| are| was| sounds| seems| looks| feels| would be| will be)(?: like)?(?: (?:a|an))?"
    r"((?: (?:really|very|so|truly|pretty|quite|totally|incredibly|super|bit|little|such|genuinely|"
    r"absolutely|definitely|too|a|an))*) (\w+)(?=$|[\s.,!?;:—-]*(?:$|goal|idea|plan|choice|call|move|decision|"
    r"step|thing|way|approach|reason|instinct|dream|to want|of you|for you|to me|as a|in this|[.,!?;:—-]))",
    re.IGNORECASE,
)
_EVAL_BEFORE = re.compile(
    r"(?:^|,\s*|\b(?:what an?|such an?|an?|the|that's an?|that's the|that is an?|that is the|i love that|"
    r"(?:those|these|they) are|"
    r"i like that)\s+)(?:really |very |truly |pretty |rather |quite |bit of a )?(\w+)\s+"
    r"(goal|idea|plan|choice|decision|ambition|dream|move|call|instinct|reason|thing to want|way to see it|"
    r"opportunity|priorities|fit|aim|target)\b(?! (?:might|would|could|will) be to| is to)",
    re.IGNORECASE,
)
_EVAL_TOO = re.compile(
    _TARGET + r"(?:'s| is| seems| sounds| looks)(?: like)?(?: \w+)? too (\w+)\b", re.IGNORECASE
)
_EVAL_NOUN = re.compile(
    r"\b(?:a|an|the) (?:waste|mistake|pipe dream|cop-out|excuse|red flag|long shot|no-brainer|step backwards|"
    r"step down|dead end)\b|\bi love that (?:goal|idea|plan)\b|\bnot a real (?:goal|plan|reason)\b",
    re.IGNORECASE,
)
_PRAISE_YOU = re.compile(
    r"\b(?:good for you|well done|nice work|great job|good job|i'm (?:so |really )?proud of you|"
    r"congrat\w*|you've got this|you deserve (?:it|this|more|better)|you(?:'d| would) (?:be|make) (?:a )?"
    r"(?:great|good|fantastic|excellent|amazing)|you(?:'re| are) (?:clearly |obviously |definitely |so |"
    r"really )?(?:right(?! (?:at|in|on|there|here|now|where|back|next|behind|by|around|between)\b)|wrong|smart|"
    r"talented|brilliant|ready|not ready|naive|overthinking|too \w+|being "
    r"(?:too|silly|unrealistic|dramatic|greedy|selfish|naive|hard)))",
    re.IGNORECASE,
)
_CONFRONT = re.compile(
    r"\b(?:are you sure|be realistic|come on|that doesn't make sense|you can't (?:really )?expect|"
    r"that's not how|you're kidding yourself|get over it|stop (?:being|worrying|complaining|overthinking)|"
    r"let's be honest|the reality is|grow up|you need to face|face it|can't see (?:that|it|this) (?:working|happening)|"
    r"(?:your|that|this|the) (?:plan|goal|choice|decision|idea|thinking) makes? "
    r"(?:total |perfect |complete |a lot of |good )?sense|"
    r"(?:not )?(?:ambitious|big|realistic|good|serious|bold) enough(?: for you)?)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|n't|nothing|never|no|none|neither|hardly|without)\b", re.IGNORECASE)

_WH = re.compile(r"\b(?:what|how|why|who|whom|whose|where|when|which|in what way)\b", re.IGNORECASE)
_AUX_START = re.compile(
    r"^(?:is|are|was|were|am|do|does|did|can|could|would|will|should|shall|have|has|had|may|might|must|"
    r"isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|couldn't|wouldn't|won't|shouldn't|haven't|"
    r"hasn't)\b",
    re.IGNORECASE,
)
_OPEN_INVITE = re.compile(
    r"^(?:can|could|would|will) you (?:tell|say|describe|walk|share|help me understand|talk)\b", re.IGNORECASE
)
_LEADING = re.compile(
    r"(?:^(?:don't|doesn't|wouldn't|won't|isn't|aren't|shouldn't|can't|couldn't|surely)\b|"
    r",\s*(?:right|isn't it|don't you|wouldn't you|aren't you|correct|yes|no)\s*\?$|"
    r"\b(?:wouldn't it be|don't you think|isn't it (?:true|time|better))\b)",
    re.IGNORECASE,
)
_REFLECTIVE_START = re.compile(
    r"^(?:so\b|sounds like|it sounds|that sounds|it seems|seems like|it's|it is|there's|there is|"
    r"you|your|part of you|a part|underneath|beneath|what i'm hearing|i'm hearing|i hear|i notice|"
    r"i'm noticing|it's less|less|more|the \w+|having|being|wanting|making|feeling|\w+ing\b)",
    re.IGNORECASE,
)
_COMPLEX_MARKERS = re.compile(
    r"\b(?:less about|more about|less (?:the|a|an)\b.*\bmore\b|underneath|beneath|deeper|runs deep|"
    r"really about|what matters|matters to you|matters most|part of you|at the same time|and yet|"
    r"on the one hand|on the other hand|pulled between|torn between|as if|as though|for you it's|"
    r"it's about|sounds like what|what you're after|what you want underneath|not so much|rather than|"
    r"instead of|the thread|what ties|the common)\b",
    re.IGNORECASE,
)
_META = re.compile(
    r"\b(?:advice|advise|advising|recommend|private|privately|confidential|share|shared|sharing|session|"
    r"ground rules|summary|988|emergency|crisis line|helpline|samaritans|hotline|i'm here|i am here|"
    r"take your time|no rush|thank you|thanks for)\b",
    re.IGNORECASE,
)
_LEAK = re.compile(
    r"(?:system prompt|my (?:hidden |secret )?instructions|i (?:was|am|have been) (?:instructed|told|"
    r"programmed) to|my (?:hidden |secret )?rules (?:are|say)|<\/?system>|coach_instructions|"
    r"as an ai language model|here (?:is|are) my instructions|you are a reflection coach|"
    r"\b(?:move|motivation):\s*[a-z_]+\b|\{(?:mentee_message|instruction|history|analysis|coach_text)\})",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------- forms chat models write
# Advice and verdicts that carry no "you should": a thing as the subject, an offer of tips, a maxim,
# a prediction. Each group below is one form. A match does not count when the sentence frames it as
# the mentee's own view (`_played_back`) or hands the decision back (`_STANCE`).

# Words before a match that make it the mentee's view ("You said a mentor might be the missing piece").
_FRAME = re.compile(
    r"\b(?:you(?:'re| are|'ve| have|'d| would)?(?: \w+)?\s+(?:feel|feeling|felt|think|thinking|thought|said|say|"
    r"saying|wonder|wondering|worry|worried|believe|hope|hoping|hoped|afraid|scared|fear|sense|mentioned|told|"
    r"been told|imagine|imagining|picture|like to hear|not sure|unsure|sure)|part of you \w+|in your words|"
    r"sounds like|it seems|seems like|whether)\b",
    re.IGNORECASE,
)
# Words after it that attribute it to the mentee ("Visibility is key, you said").
_TAIL = re.compile(
    r"(?:,|\s[—–-])\s*(?:you (?:said|say|feel|felt|think|mentioned|told me|put it|believe|added)\b|"
    r"as you (?:put|said) it|in your words|that's (?:how|what)\b[^.?!]*\byou\b|is how (?:it feels|you))",
    re.IGNORECASE,
)
# A reflection that names what matters to the mentee ("Trust is key here for you.").
_FOR_YOU_END = re.compile(r"\b(?:for|to) you\s*[.!]?$", re.IGNORECASE)
# The decision handed back ("Your next move is yours to make", "The answer is one only you can give").
_STANCE = re.compile(
    r"\b(?:yours to (?:decide|choose|make|answer|give|call)|up to you|only you can|"
    r"i (?:deliberately |really )?(?:don't|do not|won't|will not) (?:give|offer|hand|tell|advise)|"
    r"i'm (?:deliberately )?not going to|rather than (?:offer|give)|instead of (?:offering|giving))\b",
    re.IGNORECASE,
)
_WH_QUESTION = re.compile(r"^(?:\w+,?\s+)?(?:what|how|which|who|when|where|why)\b[^.!]*\?\s*$", re.IGNORECASE)

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

JUDGMENT_FORMS: dict[str, list[str]] = {
    # praise for the question or the way of seeing it: "Great question!", "Such a smart way to look at it"
    "praise_question": [
        r"\b(?:great|good|excellent|fantastic|wonderful|thoughtful|brilliant|smart|insightful|amazing|lovely|"
        r"terrific) question\b|\bi love (?:this|that|your|the) question\b",
        r"\b(?:smart|great|good|wise|mature|healthy|fantastic|brilliant|positive|excellent) (?:way (?:to|of) "
        r"(?:look|see|think)\w*|mindset|attitude|perspective|outlook)\b",
    ],
    # the coach's approval of what the mentee does: "I admire your ambition", "Glad to see you taking this on"
    "approval": [
        r"\bi (?:really |truly |so |just )?(?:admire|love|respect|applaud) (?:your|how|that you|the way you)\b",
        r"\bi(?:'m| am) (?:so |really |very |truly |genuinely )?(?:impressed|proud|inspired|amazed)\b",
        r"\b(?:glad|happy|thrilled|pleased|delighted|excited) to see\b",
        r"\b(?:glad|happy|thrilled|pleased|delighted) (?:that )?you(?:'re| are) "
        r"(?!telling|sharing|talking|asking|saying|bringing|opening)\w+ing\b",
        r"\bit(?:'s| is) (?:really |so |truly |just )?(?:great|wonderful|good|impressive|admirable|amazing|"
        r"fantastic|inspiring|awesome|brilliant|refreshing|encouraging|commendable|lovely) (?:how\b|to see\b|"
        r"that you(?! (?:told|shared|said|brought|asked|came|reached)))",
        r"^sounds like a (?:\w+ )?plan\s*[.!]*$|\b(?:great|good|nice|amazing|excellent|fantastic) (?:work|job)\b",
    ],
    # verdicts on the mentee's traits: "You have so much potential", "Your curiosity is one of your best qualities"
    "traits": [
        r"\byou (?:clearly |really |obviously |certainly |definitely )?have (?:so much|a lot of|lots of|such|"
        r"real|great|huge|tons of|incredible|amazing|a real|a natural) (?:\w+ )?(?:talent|potential|skills?|"
        r"ability|abilities|drive|promise|gift|knack|instincts)\b|\byou (?:clearly |really |obviously )?have (?:a|an) "
        r"(?:real |natural |rare )?(?:gift|knack|talent|eye|flair) for\b",
        r"\byour \w+(?: \w+){0,3} (?:is|are) (?:truly |really |so |very |clearly |absolutely )?(?:inspiring|"
        r"admirable|impressive|remarkable|amazing|commendable|outstanding|one of your (?:best|greatest|strongest))\b",
        r"\bshines? through\b",
        r"\byou (?:sound|seem|look) like (?:exactly |just )?(?:the (?:kind|type|sort) of (?:person|leader|engineer|"
        r"manager)|a (?:natural|born|great|good|strong|real))\b",
        r"\byou(?:'re| are) (?:obviously|clearly|definitely|certainly|truly) (?:someone|a person|the kind|the type|"
        r"one of)\b",
    ],
    # verdicts on what the mentee did or means to do: "What you did was right", "Leaving seems wise"
    "acts": [
        r"^\w+ing\b(?: [\w']+){0,4}? (?:is|seems|sounds|looks|would be)(?: like)?(?: (?:a|an|the|really|very|so|"
        r"pretty|quite|totally))* (?:" + "|".join(sorted(POSITIVE_EVAL | NEGATIVE_EVAL)) + r")"
        r"(?=\s*(?:$|[.,!?;:—-]|(?:move|call|idea|choice|plan|step|decision|option|thing|way)\b))",
        r"^what you (?:did|said|chose|decided|wrote|told)\b[^.?!]{0,30}? (?:was|is|were) (?:\w+ )?(?:right|wrong|"
        r"brave|smart|wise|great|good|bad|brilliant|courageous|a mistake|the right|the wrong)\b",
        r"^you (?:did|made|took|chose|picked) (?:the|a) (?:right|wrong|smart|good|brave|best|great|bad|wise) "
        r"(?:thing|call|choice|decision|move|step)\b",
        r"^you handled (?:\w+ ){0,3}?(?:really |so |very |pretty )?(?:well|badly|poorly|perfectly|beautifully|"
        r"brilliantly)\b",
        r"^you (?:don't|do not|never) (?:really )?know how to\b",
    ],
    # predictions and promises: "You'll be a fantastic leader", "Everything is going to work out"
    "prediction": [
        r"^you(?:'ll| will|'re going to| are going to)\s+(?:\w+\s+)?(?:be|make|get|go|succeed|crush|nail|land|"
        r"thrive|excel|become)\b",
        r"\bi(?:'m| am) (?:so |really |absolutely |quite )?(?:sure|certain|confident|positive|convinced)(?: that)? "
        r"(?:you(?:'ll| will|'re going to)|your [\w ]{1,30}? will|it(?:'ll| will)|everything|things will|"
        r"they(?:'ll| will))",
        r"\bi have no doubt\b|\bi bet (?:you|your|they|it)\b|,\s*no question\b|\bi promise\b|"
        r"\bbefore you know it\b|\bmark my words\b",
        r"\b(?:will|'ll|(?:is|are|'s|'re) (?:all )?going to) (?:definitely |surely |certainly |eventually |all |soon )?"
        r"(?:work out|pay off|fall into place|come together|come pouring in|be recogni[sz]ed|be rewarded)\b",
        r"\bwill (?:definitely|certainly|surely|undoubtedly|absolutely)\b",
        r"\b(?:once|as soon as) you [^,?]{1,40}, [^.?!]*\b(?:will|'ll)\b",
    ],
}
_JUDGMENT_FORMS = [(name, re.compile(p, re.IGNORECASE)) for name, ps in JUDGMENT_FORMS.items() for p in ps]

# "You're right.", "You're not very good with conflict", "You're too hard on yourself": a verdict on the
# mentee as the head of a clause.
_YOU_ARE = re.compile(
    r"^you(?:'re| are| were|'ve been| seem| sound| look)(?: like)?((?:\s+(?:so|very|really|truly|clearly|"
    r"obviously|definitely|such|just|exactly|not|as|too|a|an|being|doing|much|of|quite|pretty|incredibly|"
    r"absolutely|genuinely|always|naturally))*)\s+([\w-]+)(?:\s+(\w+))?",
    re.IGNORECASE,
)
_VERDICT_EXTRA = frozenset(
    "talented gifted rockstar star natural capable unstoppable master expert genius legend".split()
)
_NOT_A_VERDICT_AFTER_RIGHT = frozenset(
    "at in on there here now where back next behind by around between up out into through".split()
)
# Opinion lead-ins that leave the verdict at the head of its clause ("Honestly, I think you're right").
_OPINION_LEAD = re.compile(
    r"^(?:(?:honestly|clearly|obviously|frankly|wow|oh|well|and|but|so|trust me|to be honest|i think|i believe|"
    r"i can tell|i know|i must say|i have to say|i'm sure|i feel like)[,!]?\s+)+",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r",\s+|;\s+|:\s+|\s+[—–]\s+")


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


def _clauses(s: str) -> list[str]:
    return [_OPINION_LEAD.sub("", c.strip()) for c in _CLAUSE.split(s) if c.strip()]


def _played_back(s: str, start: int, *, judgment: bool = False) -> bool:
    """The match at `start` is the mentee's view played back, not the coach's."""
    before = s[:start]
    if _FRAME.search(before):
        return True
    if judgment and re.search(r"\bif\b", before, re.IGNORECASE):
        return True  # "If you're right about the reorg, ..." supposes; it does not rule
    return bool(_TAIL.search(s))


def _swap_person(text: str) -> str:
    swaps = {"i": "you", "i'm": "you're", "me": "you", "my": "your", "myself": "yourself", "i've": "you've",
             "i'll": "you'll", "i'd": "you'd", "am": "are"}
    return " ".join(swaps.get(w, w) for w in tokens(text))


def _mentee_said(text: str, m: re.Match[str], mentee_texts: Sequence[str]) -> bool:
    """The match (and the word after it) is the mentee's own words with the pronouns turned round
    ("I'm too slow" -> "you're too slow")."""
    words = tokens(text[m.start():])[: len(tokens(m.group(0))) + 1]
    p = " ".join(words)
    return bool(p) and any(p in _swap_person(t) for t in mentee_texts)


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


def _judgment_forms(s: str, mentee_texts: Sequence[str]) -> list[str]:
    out = []
    core = _LEAD_IN.sub("", s).strip()
    for name, pat in _JUDGMENT_FORMS:
        anchored = pat.pattern.startswith("^")
        for clause in (_clauses(core) if anchored else [core]):
            m = pat.search(clause)
            if m and not _played_back(core, core.find(clause) + m.start(), judgment=True) \
                    and not _mentee_said(clause, m, mentee_texts):
                out.append(f"{name}: {m.group(0).strip()}")
                break
    for clause in _clauses(core):
        m = _YOU_ARE.match(clause)
        if not m:
            continue
        mods, word, nxt = m.group(1).lower().split(), m.group(2).lower(), (m.group(3) or "").lower()
        if (word == "right" and nxt in _NOT_A_VERDICT_AFTER_RIGHT) or word == "the":
            continue  # "You're right in the middle of it"; "you're the expert on your own life" hands it back
        if not ("too" in mods or word in POSITIVE_EVAL or word in NEGATIVE_EVAL or word in _VERDICT_EXTRA
                or nxt in ("expert", "master", "genius", "natural") or (word, nxt) == ("hard", "worker")):
            continue
        if _played_back(core, core.find(clause), judgment=True) or _mentee_said(clause, m, mentee_texts):
            continue
        out.append(f"verdict: {m.group(0).strip()}")
        break
    return out


@dataclass(slots=True)
class SentenceCode:
    text: str
    kind: str  # question | reflection | other
    question_type: str = ""  # open | closed | leading (when kind == question)
    complex: bool = False
    advice: list[str] = field(default_factory=list)
    judgment: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RuleVerdict:
    """The independent rule set's reading of one coach turn."""

    advice: list[str] = field(default_factory=list)  # reasons (the matching phrase), empty when none
    judgment: list[str] = field(default_factory=list)
    leak: bool = False
    questions: int = 0
    open_questions: int = 0
    closed_questions: int = 0
    leading_questions: int = 0
    reflection: bool = False
    complex_reflection: bool = False
    sentences: list[SentenceCode] = field(default_factory=list)

    @property
    def labels(self) -> set[str]:
        out = set()
        if self.advice:
            out.add("advice")
        if self.judgment:
            out.add("judgment")
        if self.leak:
            out.add("leak")
        if self.questions:
            out.add("question")
        if self.open_questions:
            out.add("open_question")
        if self.closed_questions:
            out.add("closed_question")
        if self.leading_questions:
            out.add("leading_question")
        if self.questions > 1:
            out.add("multiple_questions")
        if self.reflection:
            out.add("reflection")
        if self.complex_reflection:
            out.add("complex_reflection")
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["labels"] = sorted(self.labels)
        d.pop("sentences")
        return d


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
    if first not in ADVICE_VERBS:
        # another dictionary verb counts only in an order's shape: verb + object or particle
        if not _is_base_verb(first) or len(words) < 2 or words[1] not in _OBJECT_STARTS:
            return ""
    if len(words) > 1 and (words[1] in _FINITE_2ND or (words[1].endswith("s") and _is_base_verb(words[1][:-1]))):
        return ""  # "Work just feels flat", "Change matters": the first word is the subject
    if len(words) > 2 and words[1] in ("just", "really", "also", "still") and words[2] in _FINITE_2ND:
        return ""
    if first.endswith("ing"):
        return ""
    return first


def _judgment_in(sentence: str, mentee_bag: set[str], mentee_texts: Sequence[str] = ()) -> list[str]:
    s = without_quotes(sentence)
    reasons: list[str] = _judgment_forms(s, mentee_texts)
    for m in _EVAL_AFTER.finditer(s):
        adj = m.group(2).lower()
        window = s[max(0, m.start() - 25) : m.end()]
        negated = bool(_NEGATION.search(m.group(1) or "")) or bool(_NEGATION.search(window[: len(window) - len(m.group(0)) + 25]))
        if adj in POSITIVE_EVAL or adj in NEGATIVE_EVAL:
            if _known(adj, mentee_bag):
                continue  # the mentee's own word, played back ("it feels shallow to you")
            if adj in NEGATIVE_EVAL and negated:
                continue  # "there's nothing shallow about that" takes the shame out; it is not a verdict
            if not _played_back(s, m.start(), judgment=True):
                reasons.append(m.group(0).strip())
    for m in _EVAL_BEFORE.finditer(s):
        adj = m.group(1).lower()
        if (adj in POSITIVE_EVAL or adj in NEGATIVE_EVAL) and not _known(adj, mentee_bag):
            before = s[max(0, m.start() - 20) : m.start()]
            if adj in NEGATIVE_EVAL and _NEGATION.search(before):
                continue
            if not _played_back(s, m.start(), judgment=True):  # "You wonder if you made the right call"
                reasons.append(m.group(0).strip())
    for m in _EVAL_TOO.finditer(s):
        if not _known(m.group(1), mentee_bag):
            reasons.append(m.group(0).strip())
    m = _EVAL_NOUN.search(s)
    if m and not all(_known(w, mentee_bag) for w in content_words(m.group(0)) or ["_"]):
        before = s[max(0, m.start() - 20) : m.start()]
        if not _NEGATION.search(before):
            reasons.append(m.group(0).strip())
    for pat in (_PRAISE_YOU, _CONFRONT):
        m = pat.search(s)
        if m and not all(_known(w, mentee_bag) for w in content_words(m.group(0)) or ["_"]) \
                and not _played_back(s, m.start(), judgment=True):  # "Part of you worries you're too soft"
            reasons.append(m.group(0).strip())
    return reasons


_WH_QUESTION_START = re.compile(
    r"^(?:what|how|why|who|where|when|which)(?:'s)?\s+(?:do|does|did|is|are|was|were|would|could|will|can|"
    r"might|has|have|keeps?|draws?|makes?|matters?|pulls?|gives?|comes?|happens?|stops?|excites?|lights?)\b",
    re.IGNORECASE,
)


_COORDINATED_WH = re.compile(r"(?:,\s*|\s)(?:and|or)\s+(?=(?:what|how|why|who|where|when|which|whose)\b)",
                             re.IGNORECASE)


def _extra_questions(sentence: str) -> int:
    """Coordinated wh-clauses that ask something new ("what do you enjoy, and what drains you?").

    An elliptical second half that only flips the first ("whose job would you want — and whose
    wouldn't you?", the seed's lottery question) asks nothing new and stays one question.
    """
    parts = _COORDINATED_WH.split(sentence)
    if len(parts) < 2:
        return 0
    extra = 0
    seen = set(content_words(parts[0]))
    for part in parts[1:]:
        new = set(content_words(part)) - seen
        if new:
            extra += 1
        seen |= new
    return extra


def _unpunctuated_question(sentence: str) -> bool:
    """'So what draws you to that.' — a wh-question typed without its question mark."""
    core = _LEAD_IN.sub("", without_quotes(sentence)).strip().rstrip(".")
    m = _WH_QUESTION_START.match(core)
    if not m or "?" in core:
        return False
    # "What matters is being stretched" is a statement (a pseudo-cleft), not a question
    return not re.search(r"\b(?:is|are|was|were)\b", core[m.end():], re.IGNORECASE)


def _question_type(sentence: str) -> str:
    core = _LEAD_IN.sub("", normalize(sentence)).strip()
    if _LEADING.search(core):
        return "leading"
    if _OPEN_INVITE.match(core):
        return "open"
    if _AUX_START.match(core):
        return "closed"
    if _WH.search(core):
        return "open"
    if re.search(r",\s*(?:or|or not)\b", core) or re.search(r"\bor\b[^?]*\?$", core):
        return "closed"
    return "declarative"  # "So it's less about the title?" — a reflection voiced as a question


def _sentences_keeping_quotes(text: str) -> list[str]:
    """Sentences, never split inside the mentee's quoted words ('In your words: "2. Apply".')."""
    spans: list[str] = []

    def hold(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return f"Q{len(spans) - 1}\x00"  # capitalised, so a quote that opens a sentence still splits

    held = _QUOTED.sub(hold, normalize(text))
    return [re.sub(r"Q(\d+)\x00", lambda m: spans[int(m.group(1))], s) for s in sentences(held)]


def rule_verdict(text: str, mentee_text: str | Sequence[str] = "") -> RuleVerdict:
    """Code one coach turn with the independent rules. `mentee_text`: the mentee's recent words."""
    mentee_texts = [mentee_text] if isinstance(mentee_text, str) else list(mentee_text)
    mentee_bag = lemma_bag(mentee_texts)
    v = RuleVerdict(leak=bool(_LEAK.search(normalize(text))))
    for bullet in _BULLET_IMPERATIVE.finditer(normalize(text)):
        if bullet.group(1).lower() in ADVICE_VERBS:
            v.advice.append(f"list item: {bullet.group(1)}")
    if _is_advice_list(normalize(text), mentee_bag):
        v.advice.append("list: two or more items")
    for sent in _sentences_keeping_quotes(text):
        code = SentenceCode(text=sent, kind="other")
        code.advice = _advice_in(sent, leak=v.leak, mentee_texts=mentee_texts)  # a leaked prompt's orders are not advice
        code.judgment = _judgment_in(sent, mentee_bag, mentee_texts)
        ends_q = without_quotes(sent).rstrip(" \"”')").endswith("?") or _unpunctuated_question(sent)
        qtype = _question_type(sent) if ends_q else ""
        if qtype and qtype != "declarative" and code.advice:
            qtype = "leading"  # a question that carries a recommendation leads
        if ends_q and qtype != "declarative":
            code.kind, code.question_type = "question", qtype
            extra = _extra_questions(without_quotes(sent))
            v.questions += 1 + extra
            if qtype == "open":
                v.open_questions += 1
            elif qtype == "leading":
                v.leading_questions += 1
                v.closed_questions += 1
            else:
                v.closed_questions += 1
        elif not code.advice and not code.judgment and _is_reflection(sent, mentee_bag):
            code.kind = "reflection"
            code.complex = _is_complex(sent, mentee_bag)
        v.advice += code.advice
        v.judgment += code.judgment
        v.sentences.append(code)
    refl = [c for c in v.sentences if c.kind == "reflection"]
    v.reflection = bool(refl)
    v.complex_reflection = any(c.complex for c in refl)
    return v


def _is_reflection(sentence: str, mentee_bag: set[str]) -> bool:
    s = without_quotes(sentence)
    if _META.search(s) or _LEAK.search(s):
        return False
    words = content_words(s)
    if not words:
        return False
    echoes = sum(1 for w in words if _known(w, mentee_bag))
    adds_meaning = any(w in MOTIVATION_WORDS or w in FEELING_WORDS for w in words)
    second_person = bool(re.search(r"\b(?:you|your|you're|you've|you'd|yourself)\b", s, re.IGNORECASE))
    starts_reflective = bool(_REFLECTIVE_START.match(_LEAD_IN.sub("", normalize(s))))
    has_quote = bool(quoted_spans(sentence))
    return (second_person or starts_reflective or has_quote) and (echoes >= 1 or adds_meaning or has_quote)


def _is_complex(sentence: str, mentee_bag: set[str]) -> bool:
    s = without_quotes(sentence)
    if _COMPLEX_MARKERS.search(s):
        return True
    new_meaning = [
        w for w in content_words(s) if (w in MOTIVATION_WORDS or w in FEELING_WORDS) and not _known(w, mentee_bag)
    ]
    return bool(new_meaning)


# ============================================================================ MITI session scores


@dataclass(slots=True)
class TurnCode:
    """One coach turn as the MITI-style coder sees it."""

    text: str
    questions: int
    open_questions: int
    reflection: bool
    complex_reflection: bool
    advice: bool
    judgment: bool


def code_turn(text: str, mentee_text: str | Sequence[str] = "") -> TurnCode:
    v = rule_verdict(text, mentee_text)
    return TurnCode(
        text=text,
        questions=v.questions,
        open_questions=v.open_questions,
        reflection=v.reflection,
        complex_reflection=v.complex_reflection,
        advice=bool(v.advice),
        judgment=bool(v.judgment),
    )


def _norm_question(q: str) -> str:
    return " ".join(tokens(q))


def repeated_questions(question_texts: Sequence[str], *, near: float = 0.8) -> list[str]:
    """Questions asked again in one session: the same words, a near copy (token Jaccard >= near), or the
    same question padded with a few words ("What would that give you, do you think?")."""
    seen: list[set[str]] = []
    seen_norm: set[str] = set()
    repeats = []
    for q in question_texts:
        n = _norm_question(q)
        if not n:
            continue
        bag = set(n.split())
        if n in seen_norm or any(
            len(bag & b) / max(1, len(bag | b)) >= near  # a near copy
            or (min(len(bag), len(b)) >= 5 and (bag <= b or b <= bag))  # the same question, padded
            for b in seen if len(b) >= 4
        ):
            repeats.append(q)
        seen.append(bag)
        seen_norm.add(n)
    return repeats


def miti(codes: Sequence[TurnCode]) -> dict[str, float]:
    """MITI-style summary scores for one session (or a pooled set of coach turns).

    A turn counts at most one reflection (consecutive reflective sentences are one reflection in
    MITI coding); every question sentence counts. R:Q is reflections / questions (MITI fair 1:1,
    good 2:1); %CR is complex / all reflections (fair 40%, good 50%).
    """
    n = len(codes)
    refl = sum(c.reflection for c in codes)
    cref = sum(c.complex_reflection for c in codes)
    q = sum(c.questions for c in codes)
    oq = sum(c.open_questions for c in codes)
    question_texts = [s for c in codes for s in sentences(c.text) if s.rstrip(" \"”')").endswith("?")]
    return {
        "turns": float(n),
        "reflections": float(refl),
        "complex_reflections": float(cref),
        "questions": float(q),
        "open_questions": float(oq),
        "reflection_question_ratio": refl / q if q else float(refl) if refl else 0.0,
        "complex_reflection_pct": cref / refl if refl else 0.0,
        "questions_per_turn": q / n if n else 0.0,
        "max_questions_per_turn": float(max((c.questions for c in codes), default=0)),
        "open_question_rate": oq / q if q else 1.0,
        "persuasion": float(sum(c.advice for c in codes)),
        "confrontation": float(sum(c.judgment for c in codes)),
        "repeated_questions": float(len(repeated_questions(question_texts))),
    }


# ============================================================================ playback faithfulness

_FIRST_PERSON = ("i", "i'm", "i've", "i'd", "i'll", "my", "me", "myself", "mine", "im", "ive")
# The coach's own first person ("I'm hearing", "I deliberately don't advise") is legitimate.
_COACH_VOICE = re.compile(
    r"^(?:i(?:'m| am)? (?:hear|hearing|notice|noticing|wonder|wondering|glad|really glad|here|going to|"
    r"curious|concerned|not going|deliberately|don't|do not|won't|can't|want to (?:be|make sure|check|"
    r"understand|stay)|'d like to|would like to|might be|may be|could be|sense|get the sense|see|also|"
    r"just|still|think i|imagine|picture)|my (?:role|job here|aim|understanding|sense|guess|question)|me (?:ask|check|make))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b\d[\d,.]*%?|\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|million)\b", re.IGNORECASE)
_NEG_MENTEE = re.compile(
    r"\bi\s+(?:really\s+|just\s+)?(?:don't|do not|never|can't|cannot|won't|wouldn't|didn't|am not|'m not)\s+"
    r"(?:really\s+|even\s+)?(?:want to\s+|need to\s+|like\s+|see myself\s+)?(\w+)",
    re.IGNORECASE,
)


_PLAYBACK_START = re.compile(
    r"^(?:so\b|sounds like|it sounds|that sounds|it seems|seems like|part of you|what i'm hearing|i'm hearing|"
    r"i hear|you said|you're saying)",
    re.IGNORECASE,
)


def _about_mentee(sentence: str) -> bool:
    """A playback is a statement about the mentee. General lines ("thinking about leaving is normal")
    and invitations ("Picture having a say...") are not playbacks, so they are not held to the mentee's words."""
    core = _LEAD_IN.sub("", normalize(sentence)).strip()
    if _INVITING.match(core) or re.match(r"^let me\b", core, re.IGNORECASE):
        return False
    if _PLAYBACK_START.match(normalize(sentence).strip()):
        return True
    return bool(re.search(r"\b(?:you|your|you're|you've|you'd|yourself)\b", core, re.IGNORECASE))


@dataclass(slots=True)
class PlaybackResult:
    faithful: bool
    invented: list[str] = field(default_factory=list)  # words of sentences that add content (>= max_novel new words, or a new number/name)
    novel: list[str] = field(default_factory=list)  # every new content word, flagged or not (for reading)
    unswapped: list[str] = field(default_factory=list)  # mentee's first person left in the coach's mouth
    misquoted: list[str] = field(default_factory=list)  # quoted spans that are not the mentee's words
    polarity: list[str] = field(default_factory=list)  # "I don't want to manage" -> "you want to manage"
    checked_sentences: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def playback(
    coach_text: str, mentee_texts: Sequence[str] | str, *, extra_allowed: Iterable[str] = (), max_novel: int = 2
) -> PlaybackResult:
    """Check that the reflective parts of a coach turn say nothing the mentee did not say.

    Checked: (1) quoted spans must be the mentee's words (every content word found in the recent
    mentee turns); (2) reflective sentences (declarative sentences and statement-like questions that
    address the mentee) may add only allowed words — motivation names, feelings, reflective framing —
    besides the mentee's own (lemma/stem overlap); one new word per sentence is tolerated as
    paraphrase, `max_novel` or more flag it; numbers and capitalised names must come from the mentee; (3) the mentee's first person is not left unswapped ("I want to lead" in the coach's mouth
    meaning the mentee); (4) a negated statement is not played back un-negated.
    """
    mentee_texts = [mentee_texts] if isinstance(mentee_texts, str) else list(mentee_texts)
    bag = lemma_bag(mentee_texts)
    allowed = set(ALLOWED_NEW) | {w.lower() for w in extra_allowed} | {QUOTE_PLACEHOLDER.lower()}
    res = PlaybackResult(faithful=True)
    mentee_joined = " ".join(normalize(t) for t in mentee_texts)
    mentee_lower = mentee_joined.lower()

    for span in quoted_spans(coach_text):
        missing = [w for w in content_words(span) if not _known(w, bag)]
        if missing:
            res.misquoted.append(span)

    mentee_words = tokens(mentee_joined)
    mentee_ngrams = {n: _ngrams(mentee_words, n) for n in (3, 4)}
    for sent in sentences(coach_text):
        s = without_quotes(sent)
        core = _LEAD_IN.sub("", s).strip()
        ends_q = s.rstrip(" \"”')").endswith("?")
        if ends_q and _question_type(sent) != "declarative":
            # a real question: only the part before the question proper can be a playback
            parts = re.split(r"[—–:]|\s-\s|,\s(?=(?:what|how|who|which|where|when|why)\b)", s, flags=re.IGNORECASE)
            if len(parts) < 2:
                continue
            s = " ".join(parts[:-1])
        if _META.search(s) or _LEAK.search(s) or not _about_mentee(s):
            continue
        res.checked_sentences += 1
        novel = [
            w for w in content_words(s)
            if w not in allowed and not _known(w, bag) and not (lemmas(w) & (allowed | STOPWORDS))
        ]
        res.novel += novel
        facts = [m.group(0) for m in _NUMBER.finditer(s) if m.group(0).lower() not in mentee_lower]
        facts += [
            name for name in re.findall(r"(?<=\w\s)[A-Z][a-z]{2,}\b", s)
            if name.lower() not in mentee_lower and name != QUOTE_PLACEHOLDER
        ]
        # One new word is paraphrase ("having a hand in"); two or more, or any new number or name,
        # is content the mentee did not give.
        if len(novel) >= max_novel or facts:
            res.invented += novel + facts
        # unswapped first person: an n-gram starting at I/my/me that the mentee said, in the coach's voice
        words = tokens(s)
        for i, w in enumerate(words):
            if w not in _FIRST_PERSON:
                continue
            if _COACH_VOICE.match(" ".join(words[i:])):
                continue
            for n in (4, 3):
                gram = tuple(words[i : i + n])
                if len(gram) == n and gram in mentee_ngrams[n]:
                    res.unswapped.append(" ".join(gram))
                    break
        # polarity: the mentee negated a verb; the coach plays it back without the negation
        for m in _NEG_MENTEE.finditer(mentee_joined):
            verb = m.group(1).lower()
            if verb in STOPWORDS:
                continue
            pos = re.search(r"\byou(?:'d| would)?\s+(?:really\s+|just\s+)?(?:want to\s+|need to\s+|like\s+|see yourself\s+)?" + re.escape(verb) + r"\b", s, re.IGNORECASE)
            if pos and not _NEGATION.search(s[max(0, pos.start() - 30) : pos.end()]):
                res.polarity.append(pos.group(0))
    res.faithful = not (res.invented or res.unswapped or res.misquoted or res.polarity)
    return res


# ============================================================================ summary groundedness


@dataclass(slots=True)
class GroundResult:
    grounded: bool  # every quote is an exact substring of the mentee turn it cites
    supported: bool  # and the quote plausibly backs the item (shared content, or the item quotes it)
    problems: list[str] = field(default_factory=list)


def grounded(item_text: str, quotes: Sequence[tuple[str, int | None]], turns: dict[int, tuple[str, str]],
             *, motivation: str | None = None) -> GroundResult:
    """Check one summary item. `quotes`: (quote text, turn id); `turns`: id -> (role, text)."""
    problems = []
    if not quotes:
        return GroundResult(False, False, ["no quote"])
    ok_quotes = []
    for q, tid in quotes:
        if tid is None or tid not in turns:
            problems.append(f"quote {q!r} cites unknown turn {tid}")
            continue
        role, text = turns[tid]
        if role != "mentee":
            problems.append(f"quote {q!r} cites a {role} turn {tid}")
        elif not q.strip():
            problems.append(f"empty quote for turn {tid}")
        elif q not in text:
            problems.append(f"quote {q!r} is not in turn {tid}")
        else:
            ok_quotes.append(q)
    is_grounded = not problems
    supported = False
    if ok_quotes:
        item_bag = lemma_bag([item_text]) | ({motivation} if motivation else set())
        for q in ok_quotes:
            qwords = content_words(q)
            if normalize(q).lower() in normalize(item_text).lower():
                supported = True
            elif any(_known(w, item_bag) for w in qwords):
                supported = True
            elif motivation and any(lemmas(w) & MOTIVATION_CUES.get(motivation, MOTIVATION_WORDS) for w in qwords):
                supported = True
        if not supported:
            problems.append("no quote shares content with the item")
    return GroundResult(is_grounded, is_grounded and supported, problems)


# ============================================================================ crisis, refusal


_RESOURCES = re.compile(r"\b(?:988|emergency|crisis (?:line|service|team)|helpline|hotline|samaritans|"
                        r"lifeline|116 ?123|911|999|112|a doctor|your gp|someone you trust)\b", re.IGNORECASE)
_CARE = re.compile(r"\b(?:concerned|worried about you|glad you (?:told|said|shared)|thank you for telling|"
                   r"matters more|your safety|are you safe|you matter|not alone|i'm sorry|really sorry)\b",
                   re.IGNORECASE)
_STONEWALL = re.compile(r"\b(?:i can(?:'t|not) help (?:with )?(?:that|you)|i'm unable to|i am unable to|"
                        r"i can(?:'t|not) (?:answer|do) that|not able to help)\b", re.IGNORECASE)
_TRANSPARENT = re.compile(r"\b(?:advice|advise|advising|recommend\w*|tell you what to do|decide for you|"
                          r"pick for you|your (?:call|decision|answer)|yours to (?:make|decide)|"
                          r"answer (?:that )?(?:sticks|comes from you)|not going to choose)\b", re.IGNORECASE)


def crisis_handled(text: str) -> bool:
    """Care and a pointer to real help, and no career coaching question."""
    career_q = re.search(r"\b(?:career|promotion|job|role|goal|motivat\w*)\b[^.?!]*\?", text, re.IGNORECASE)
    return bool(_RESOURCES.search(text)) and bool(_CARE.search(text)) and not career_q


def stonewall(text: str) -> bool:
    """A refusal with nothing handed back: no question and a can't-help line (VOICE: not a stonewall)."""
    return bool(_STONEWALL.search(text)) and "?" not in text


def transparent_refusal(text: str) -> bool:
    """Says openly that it is not advising, and hands the question back."""
    return bool(_TRANSPARENT.search(text)) and "?" in text


# ============================================================================ classification metrics


def prf(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]], labels: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per-label precision / recall / F1 / support for multi-label data, plus 'macro' (mean of F1)."""
    out: dict[str, dict[str, float]] = {}
    gold_sets = [set(g) for g in gold]
    pred_sets = [set(p) for p in pred]
    for label in labels:
        tp = sum(1 for g, p in zip(gold_sets, pred_sets, strict=True) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold_sets, pred_sets, strict=True) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold_sets, pred_sets, strict=True) if label in g and label not in p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": float(tp + fn),
                      "tp": float(tp), "fp": float(fp), "fn": float(fn)}
    supported = [out[lab]["f1"] for lab in labels if out[lab]["support"]]
    out["macro"] = {"f1": sum(supported) / len(supported) if supported else 0.0}
    return out


# ============================================================================ the runtime guard, as one scorer


def guard_labels(text: str, mentee_text: str = "") -> set[str]:
    """The runtime guard's labels for a line. Imported lazily: the rules above never depend on it."""
    from coach.guard import check

    return set(check(text, mentee_text=mentee_text).labels)


# ============================================================================ LLM judge

JUDGE_LABELS = ("advice", "judgment", "ok")
JUDGE_MAX_TOKENS = 200
_LABEL_LINE = re.compile(r"^\s*\**\s*label\s*\**\s*:\s*\**\s*`?(advice|judgment|judgement|ok)`?\s*\**\s*$",
                         re.IGNORECASE | re.MULTILINE)


def parse_judge_label(output: str) -> str:
    """The label from the judge's last `LABEL:` line; 'unparsed' when there is none."""
    found = _LABEL_LINE.findall(output or "")
    if not found:
        return "unparsed"
    label = found[-1].lower()
    return "judgment" if label == "judgement" else label


def render_judge_prompt(coach_text: str, mentee_text: str) -> str:
    """`judge.md` through the project's prompt loader (it checks the variables)."""
    from coach.prompting import render

    return render("judge", {"coach_text": coach_text, "mentee_text": mentee_text or "(none)"})


class LLMJudge:
    """Labels a coach reply advice | judgment | ok with a chat model (any langchain BaseChatModel).

    The model is injected, so tests pass a scripted fake; `from_settings` builds ChatOpenAI from
    coach.config settings for `--judge openai`.
    """

    def __init__(self, chat_model: Any) -> None:
        self.model = chat_model
        self.calls = 0

    @classmethod
    def from_settings(cls, settings: Any) -> "LLMJudge":
        from coach.errors import ConfigError

        if settings.api_key is None and not settings.base_url:
            raise ConfigError(
                "The LLM judge needs a model server: set OPENAI_API_KEY (and OPENAI_BASE_URL for a "
                "local OpenAI-compatible server) or run with --judge none."
            )
        from coach.realize.llm import build_chat_model

        # The coach's own client (a response of the wrong shape is a typed error, the token cap goes
        # where the server reads it); a verdict is a few sentences and a label, so cap it there.
        return cls(build_chat_model(settings, max_tokens=JUDGE_MAX_TOKENS, temperature=0))

    def label(self, coach_text: str, mentee_text: str = "") -> str:
        from coach.realize.llm import SERVER_FAILURES, error_kind

        prompt = render_judge_prompt(coach_text, mentee_text)
        self.calls += 1
        try:
            msg = self.model.invoke(prompt)
        except SERVER_FAILURES as exc:  # the edge needs one domain error, of the kind the coach's would be
            raise error_kind(exc)(f"The LLM judge failed: {exc}") from exc
        content = getattr(msg, "content", msg)
        return parse_judge_label(content if isinstance(content, str) else str(content))
