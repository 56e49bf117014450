"""One sentence, read by the rules and the detector, and the two combined into its findings.

The rules' findings are cached per sentence (a streamed reply is checked again at every new word with
all its passed sentences before it). The detector is asked once per reply for all its sentences.
Where the rules know a form is safe whatever its words (an invitation, handing the choice back, a
playback of the mentee's own words, a confirmation check), the detector may not add a flag: it has
seen too few coach lines of that form to overrule a rule written for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.guard import combine, detector
from coach.guard.advice import _NEED_DESCRIBED, _advice_findings
from coach.guard.farewell import is_farewell
from coach.guard.framing import _echoes_mentee, _mentee_said, _plays_back
from coach.guard.judgment import _judgment_findings
from coach.guard.lists import _BULLET, _HEADED, _ITEM_SPLIT, _noun_items
from coach.guard.questions import _has_unmarked_question, _is_question, _leading_by_rule, _question_core
from coach.guard.rules import _rules
from coach.guard.text import MASK, _content_words, _Finding, _first_words, _snippet, _strip_openers


# One sentence's advice and judgment findings depend only on the sentence (quotes masked), whether the
# text points to crisis care, the mentee's message and whether a bulleted list in it is a playback.
# A streamed reply is checked again at every new word with all its passed sentences before it, and a
# turn checks the same sentences in several texts (a reflection alone, then with its question), so
# each sentence is read once. The cached findings are shared: nothing changes a _Finding after it is
# made.
@lru_cache(maxsize=1024)
def _sentence_findings(
    masked: str, care: bool, mentee_lower: str, played_back: bool
) -> tuple[tuple[_Finding, ...], tuple[_Finding, ...]]:
    r = _rules()
    if is_farewell(masked):
        return (), ()  # "Thank you — take care.", "Go well.": a sign-off wishes them well, it instructs no one
    is_q = masked.endswith("?") or _has_unmarked_question(masked)
    adv = _advice_findings(masked, masked, care=care, mentee_lower=mentee_lower, is_question=is_q, played_back=played_back)
    is_open = is_q and bool(_first_words(_question_core(masked), 1)) and _first_words(_question_core(masked), 1)[0].split("'")[0] in r.wh
    return tuple(adv), tuple(_judgment_findings(masked, is_open, mentee_lower, advice=bool(adv)))


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What the rules and the detector say about one sentence, before they are combined."""

    masked: str
    advice: tuple[_Finding, ...]  # rule findings
    judgment: tuple[_Finding, ...]
    question: bool
    rule_leading: bool  # a leading form, or advice (a suggestion dressed as a question)
    probs: dict[str, float]  # the detector's, {} when it is off
    shield_advice: bool  # the detector may not add advice here: the rules know the form is safe
    shield_judgment: bool
    shield_leading: bool
    # The detector may add the label only at its stricter `wary` threshold: the sentence reads more
    # like a good move than the problem (_outranked), or a judgment names no one (_ADDRESSED). Softer
    # than a shield: "They're making a huge mistake" and "Great goal." name no one and still grade.
    wary_advice: bool = False
    wary_judgment: bool = False


def _detector_text(masked: str) -> str:
    # the detector reads natural text: a masked quote stands for something the mentee said
    return masked.replace(MASK, "that")


_SOUNDS = re.compile(r"\b(?:sounds?|seems?|looks?|feels?|sounded|seemed)\b", re.IGNORECASE)
# Someone's view reported at the start of the sentence: "You feel ...", "Your manager thinks ...",
# "You're worried that ...", "Part of you believes ...".
_REPORT_START = re.compile(
    r"^(?:so,? |and |but )?(?:(?:part of )?you|your [\w'-]+(?: [\w'-]+)?|they|he|she|people|everyone|some people)"
    r"(?: (?:really|still|also|just|sometimes|often|kind of|even))?"
    r" (?:don't |do not |didn't |never |half |almost )?(?:feel|felt|think|thought|believe|believed|said|say|says|"
    r"worry|wonder|fear|suspect|sense|wish|doubt|know|knew|mentioned|told|tell|tells|hope|hoped|want|wanted|"
    r"expect|expected|keep (?:saying|telling|thinking)|see|called|describe)s?\b"
    r"|^(?:so,? |and |but )?(?:your|his|her|their) [\w-]+(?: [\w-]+)?'s (?:verdict|view|take|opinion|words|line|argument|position)\b"
    r"|^(?:so,? )?you(?:'re| are| were|'ve been) (?:worried|afraid|scared|wondering|not sure|unsure|hoping|"
    r"considering|weighing|torn|convinced|bracing|thinking)\b",
    re.IGNORECASE,
)


# The mentee's own view reported: "You feel you should stay", "You think you'd need a degree first". The
# advice rules exempt a modal inside such a report; the detector may not add advice there either (it read
# "You feel you should stay, at least until the bonus" at p 0.63). Another's view ("They say you should")
# and the coach's own ("I feel you should") stay readable.
_OWN_VIEW_START = re.compile(
    r"^(?:so,? |and |but )?(?:part of )?you(?: (?:really|still|also|just|sometimes|kind of))?"
    r" (?:feel|felt|think|thought|believe|believed|said|say|suspect|sense|know|knew|mentioned|told me|keep (?:saying|thinking))"
    r"(?: (?:that|like))? (?:you|it|there)\b",
    re.IGNORECASE,
)


# The mentee's own state said back: "You're tired of being overlooked", "You're not keen on the job", "You
# don't like the commute", "You miss building things". The head reads many of these as verdicts (a
# description of the mentee sounds like a rating of them); a verdict here needs a rule ("You're being
# picky", "You're too soft"). "You're just bored" minimizes, so "just", "clearly" and the like do not fit.
_STATE_START = re.compile(
    r"^(?:so,? |and |but )?(?:part of )?you(?:'re| are| were|'ve been| have been| seem| sound)"
    r"(?: (?:really|still|also|pretty|quite|a bit|a little|so|very|getting|feeling|not|kind of|sort of|more|less|increasingly))* "
    r"(?:tired|sick|fed up|weary|keen|happy|unhappy|sure|certain|unsure|proud|ashamed|embarrassed|frustrated|excited|"
    r"nervous|anxious|angry|upset|bored|stuck|torn|done with|over it|hurt|disappointed|relieved|sad|lonely|exhausted|"
    r"drained|overwhelmed|curious|hopeful|uneasy|conflicted|resentful|jealous|envious|grateful|guilty|scared|afraid|"
    r"worried|confused|lost|desperate|eager|itching|drawn|pulled|attached|invested|in two minds|on the fence|"
    r"in the middle of|caught between|kicking yourself|beating yourself up|judging yourself|doubting)\b"
    r"|^(?:so,? |and |but )?(?:part of )?you(?: (?:really|still|also|kind of|sort of|genuinely|quietly|secretly))?"
    r" (?:don't |do not |didn't |no longer |never )?(?:like|love|hate|enjoy|miss|dread|resent|regret|prefer|care|mind|"
    r"crave|long|yearn|envy|admire|value|want|need|liked|loved|hated|enjoyed|missed|dreaded|wanted|needed)s?\b",
    re.IGNORECASE,
)
# A value or inner need named as theirs: "Being trusted might be the missing piece for you", "Recognition
# seems to be what's been missing for you" (the advice rules exempt the same inner needs).
_VALUE_FOR_YOU = re.compile(
    r"^(?:(?:a|an|some|more|real|the|your|a bit of|a little) )?(?:sense of|recognition|respect|trust|meaning|purpose|"
    r"autonomy|freedom|belonging|being (?:trusted|seen|heard|valued|respected|needed|useful|challenged|appreciated)|"
    r"feeling (?:trusted|seen|heard|valued|respected|needed|useful|safe)|balance|clarity|security|stability|safety|"
    r"connection|appreciation|fairness|ownership|credit|support|rest)\b[^.?!]*\b(?:for|to) you\s*[.!]?$",
    re.IGNORECASE,
)


# A view attributed to the mentee at the end: "That plan makes sense to you", "It matters to you".
_TO_YOU = re.compile(
    r"\b(?:makes? (?:a lot of |total |real )?sense|matters?(?: (?:a lot|a great deal|so much|hugely|enormously|more than anything|most))?"
    r"|feels? right|seems? right|sounds? right|appeals?|(?:is|'s|was) (?:really |so |very |hugely |incredibly )?(?:important|precious|a big (?:deal|thing)|huge|everything|the world)"
    r"|means? (?:a lot|a great deal|so much|everything|the world)) (?:to|for) you\b"
    # ... and nothing grades after it ("Money matters to you, maybe too much" is a verdict in a tail)
    r"(?![^.?!]*\b(?:too|which|but|maybe|though|honestly|isn't|is not|not|unhealthy|obsess\w*)\b)",
    re.IGNORECASE,
)

# What they have been through, felt with ("It's been a really rough year for you", "That must have been
# frightening, waking up in the ambulance"): a hard time named in the past or present perfect is
# sympathy, not a verdict on a goal or choice (those come in the future or conditional: "That'll be
# tough"); a grading word anywhere still reads (_VERDICT_WORD).
_HARD_TIME = re.compile(
    r"^(?:oh,? |gosh,? |wow,? |god,? |and |yeah,? )?(?:it|that|this|the (?:last|past) (?:few |couple of )?(?:days?|weeks?|months?|years?))"
    r"(?:'s been| has been| have been| was| must have been| must've been)"
    r"(?: (?:really|so|very|pretty|quite|such|incredibly|genuinely|just|a|an|absolutely|truly))*"
    r" (?:hard|tough|difficult|rough|painful|heavy|stressful|scary|frightening|terrifying|exhausting|lonely|overwhelming|"
    r"upsetting|awful|horrible|brutal|draining|intense|bruising|unsettling|shock(?:ing)?|a shock|a blow|grim|miserable"
    r"|a lot(?= *(?:[,.!]|$|for you|to (?:deal with|handle|carry|take in|go through))))\b",
    re.IGNORECASE,
)

# What the mentee listed, pointed back at as theirs: "Those are the things you're good at", "These are
# the parts you enjoy". The demonstrative names their own list; rating it needs a grading word, which the
# rules catch ("Those are impressive skills").
_POINTED_BACK = re.compile(
    r"^(?:so,? |and )?(?:those|these|that)(?:'s| are| is| were| was) (?:the (?:things|parts|bits|kinds? of (?:work|things|tasks))|what)"
    r" (?:you(?:'re| are) good at|you do well|you(?: really)? (?:enjoy|love|like|care about|value|miss)|(?:matter|matters) (?:to|for) you)\s*[.!]?$",
    re.IGNORECASE,
)

# What happened to them, told with the coach's sympathy at the end: "They gave the job to a 26-year-old
# with an MBA — that's hard to take". The tail feels with them; the head read the event as a verdict.
_EMPATHY_TAIL = re.compile(
    r"(?:—|–|\s-|,|;)\s*(?:and |oh,? )?(?:that|which|it)(?:'s| is| was| must be| must have been| sounds| would be)"
    r"(?: (?:really|so|very|pretty|a bit|such|incredibly|genuinely))? (?:hard|tough|difficult|rough|painful|a lot|heavy|"
    r"a blow|gutting|a hard one|a tough one|a kick in the teeth|hard going)"
    r"(?: to (?:take|hear|swallow|watch|sit with|carry|live with|accept))?\s*[.!]?$",
    re.IGNORECASE,
)

# ... unless the words before it grade ("Turning it down would be a mistake, and that's hard to hear").
_VERDICT_WORD = re.compile(
    r"\b(?:mistake|waste|foolish|naive|unrealistic|wrong|silly|stupid|dumb|crazy|mad|selfish|lazy|shallow|"
    r"bad idea|good idea|great idea|right call|wrong call|should(?:n't)?|better off|deserve[sd]?|fault|wasted|pointless|reckless|lazy)\b",
    re.IGNORECASE,
)


_EMPATHY = re.compile(
    r"\b(?:hard|tough|difficult|rough|heavy|painful|stressful|overwhelming|scary|daunting|exhausting|confusing|"
    r"lonely|isolating|unsettling|draining|a lot|intense|bruising|upsetting|unfair)\b",
    re.IGNORECASE,
)


def _framed(masked: str) -> bool:
    """Someone's view reported ("You don't feel it suits you", "Your sister thinks ...") or a feeling
    named in a reflection frame ("Leading without trust sounds lonely"): the rules exempt praise and
    predictions inside a report, and the detector may not add a judgment there either. A verdict in
    the coach's own frame stays readable ("It sounds like you've been making excuses")."""
    core = _strip_openers(masked)
    if (_REPORT_START.match(core) or _TO_YOU.search(core) or _STATE_START.match(core) or _VALUE_FOR_YOU.match(core)
            or _POINTED_BACK.match(core) or ((_EMPATHY_TAIL.search(core) or _HARD_TIME.match(core)) and not _VERDICT_WORD.search(core))):
        return True
    if _rules().report_tag.search(core):
        return True  # a tag after the words gives them away too: "Leaving would be a mistake, in your eyes"
    return bool(_SOUNDS.search(core)) and (_EMPATHY.search(core) is not None or any(p.search(core) for p in _rules().complex_cues[-1:]))


# "You never speak up without rehearsing first", "You always say yes": the mentee's habits described.
_HABIT = re.compile(r"^you (?:never|always|rarely|seldom|hardly ever|usually|often) (?!forget|stop|give up|settle)[a-z]+\b(?!.*\?$)", re.IGNORECASE)


def _safe_form(masked: str) -> bool:
    """Forms the rules know are not advice or judgment, whatever their words: the mentee's habits
    described ("You never ..."), an invitation to keep talking ("Take your time", "Say more about
    ..."), handing the choice back ("That's yours to decide", "Only you can say"), or a refusal to
    advise ("I won't tell you what to do")."""
    r = _rules()
    core = _strip_openers(masked)
    return (
        bool(_HABIT.match(core))
        or any(p.search(core) for p in r.invitation_starts)
        or any(p.search(masked) for p in r.autonomy)
        or any(p.search(masked) for p in r.refusal)
    )


_NEED_PLAYBACK = re.compile(r"^(?:so,? )?you need (?:the|your|my|this|that|[a-z]+ing)\b", re.IGNORECASE)


# Permission asked to talk about a topic, not to advise on it (a counsellor's way in): "Is it okay if we
# talk about your drinking for a few minutes?", "Would it be alright if I asked about your sleep?", "Can
# we talk about the weekend?". Asking to share ideas or what has worked for others stays an offer (the
# advice rules' `offers`).
_PERMISSION_TO_TALK = re.compile(
    r"^(?:so,? |and |okay,? |ok,? |well,? )?(?:(?:is|would) it be (?:ok|okay|alright|all right|fine)|is it (?:ok|okay|alright|all right|fine)|"
    r"would you mind|do you mind|can we|could we|may we|can i|could i|may i)"
    r"(?: (?:if|for))?(?: (?:we|i|me|us))? (?:talk(?:ed|ing)?|spen[dt]|spending|ask(?:ed|ing)?|chat(?:ted|ting)?|look(?:ed|ing)? at|go(?:ing)? back to|come back to|came back to|focus(?:ed|ing)? on)"
    r"(?: (?:a (?:bit|little|few minutes|moment|minute)|some time|for a (?:bit|moment|minute|few minutes)))?(?: (?:more|about|on|you about|you a (?:bit|few things|question|little) about|you some questions about|at))?\b"
    r"(?![^?]*\b(?:ideas?|suggestions?|options?|tips?|what (?:has |'s )?(?:worked|helped)|what (?:others|other people|some people|people) (?:do|did|have (?:done|tried|found)|tried|found|use)|strateg(?:y|ies))\b)",
    re.IGNORECASE,
)


def _safe_need(masked: str) -> bool:
    """The offline voice's playback of "I need ..." ("You need the head of design.") and inner needs
    ("You need someone who believes in you"): the rules read these as reflections, by design."""
    core = _strip_openers(masked)
    if _NEED_PLAYBACK.match(core):
        return True
    m = re.search(r"\byou need (.+)$", core, re.IGNORECASE)
    return bool(m) and bool(_rules().need_inner.match(m.group(1)) or _NEED_DESCRIBED.match(m.group(1)))


def _list_sentence(masked: str) -> bool:
    """A list of bare nouns, headed ("Three things: learning, fairness, trust.") or not ("Visibility, a
    sponsor and a track record."): whether it is advice depends on whose list it is (a header that
    names things to do, the mentee asking for them, a playback frame), which the list rules decide.
    Only a shield when there is a mentee message to play back: a list read alone ("Roblox, Fortnite,
    YouTube." in reply to a forum post) is the detector's to read (forum dev: 10 misses fixed, 5 new
    false alarms; no good train or calibration line newly flagged)."""
    text = _strip_openers(masked).rstrip(".!")
    bullet = _BULLET.match(text)
    if bullet:
        return bool(_noun_items([bullet.group(1)]))
    headed = _HEADED.match(text)
    if headed and _rules().list_header.match(headed.group(1).strip()):
        return True
    items = [x for x in _ITEM_SPLIT.split(text) if x.strip()]
    return len(items) >= 2 and len(_noun_items(items)) == len(items)


# An activity named and nothing said of it: "Listening to the Friday pilot.", "Mentoring the new starters."
# With no verb of its own and no "you", the fragment tells no one to do anything; whether it answers a
# request for advice is the list rules' call (they read the mentee's message; the detector reads the
# sentence alone). "Talking to your manager." and "Going part-time would help." stay readable.
_ACTIVITY = re.compile(
    r"^(?!(?:thing|something|anything|nothing|everything|bring|spring|string|during|morning|evening|ceiling|king|ring|sing|"
    r"wing|swing|sibling|wedding)\b)[a-z]{3,}ing\b(?: (?!(?:is|are|was|were|be|been|would|will|could|can|might|may|should|must|"
    r"has|have|had|does|do|did|makes?|helps?|seems?|sounds?|feels?|looks?|works?|you|your|yours|yourself|you're|you'd|you'll|"
    r"isn't|won't|can't|doesn't|wouldn't|needs?|means?|pays?|gets?|gives?|keeps?)\b)[\w'-]+){0,5}\s*[.!]?$",
    re.IGNORECASE,
)


def _activity_named(masked: str) -> bool:
    return bool(_ACTIVITY.match(_strip_openers(masked)))


def _normalizing(masked: str) -> bool:
    """Lines that take shame away ("There's no right or wrong goal", "Nothing to be embarrassed about")."""
    return any(p.search(masked) for p in _rules().normalizing)


# "Why not finance?", "Why not earlier?": asking about a choice the mentee ruled out, an open question
# (the advice rules flag "why not <verb> ..." and leave these, by design).
_WHY_NOT_CHOICE = re.compile(r"^why not(?: [\w'-]+){0,3}\s*\?$", re.IGNORECASE)


def _checks_playback(masked: str) -> bool:
    """A confirmation check ("Does that sound right?"), an invitation in yes/no form ("Can you say
    more?") or a question about a choice the mentee ruled out: never leading unless a rule says so."""
    r = _rules()
    core = _question_core(masked)
    return (
        any(p.search(core) for p in r.confirmation)
        or any(p.search(core) for p in r.invitation_q)
        or bool(_WHY_NOT_CHOICE.match(_strip_openers(masked)))
    )


_FILLER = frozenset({"realistically", "really", "honestly", "just", "simply", "need", "want", "feel", "sounds", "like", "seems"})


def _repeats_mentee(masked: str, mentee_lower: str) -> bool:
    """The sentence says back what the mentee stated and adds at most one word of its own: then the
    detector may not flag it ("I need to leave" -> "You need to leave"). A sentence that reuses their
    words to grade them adds its verdict ("Moving to Tokyo in a year isn't realistic") and is read."""
    low = masked.lower()
    if _plays_back(low, 0, mentee_lower):
        return True
    head, colon, said_back = low.rpartition(": ")
    if colon and head and len(said_back.split()) >= 3 and _repeats_mentee(said_back, mentee_lower):
        return True  # "That sounds like something that runs deeper than any one job: good work should be enough"
    words = _content_words(low) - _FILLER
    said = _content_words(_mentee_said(mentee_lower))
    stems = {w[:4] for w in said}
    new = [w for w in words if w not in said and w[:4] not in stems]
    return len(words) >= 2 and len(new) <= 1


# The good moves a line can be instead: the detector adds a flag only when the problem is its
# strongest reading of the sentence (measured on calibration: half the false alarms on reflections
# and acknowledgments gone, for a few points of judgment recall).
_RIVALS = {
    "advice": ("simple_reflection", "complex_reflection", "open_question", "affirmation", "other"),
    "judgment": ("simple_reflection", "complex_reflection", "open_question", "closed_question", "affirmation",
                 "information", "other"),
    # "Do you mentor all three?": a plain closed question the head also finds leading-ish; it leads only
    # when that is its stronger reading
    "leading_question": ("closed_question", "open_question"),
}


# A judgment, as the guard means it, is a verdict on the mentee, their goal or their choice: the sentence
# addresses them ("you", "your"), points at what they said ("that", "it", "this") or names their plan
# as its subject ("Moving to Tokyo in a year ..."). "Current ones are too easy", the mentee's own
# verdict on their work played back, is none of these; only a rule can flag such a sentence.
_ADDRESSED = re.compile(
    r"\b(?:you|your|yours|yourself|you're|you've|you'd|you'll|that|that's|this|it|it's|it'll|which)\b"
    r"|^(?:(?:so|and|but|honestly|frankly),? )?[a-z]+ing\b",
    re.IGNORECASE,
)


# How far a judgment must stand above the best good-move reading: the head reads most evaluative words
# as a verdict ("That sounds really hard", "You really enjoy hard problems"), so only a clear lead counts.
_MARGIN = {"advice": 0.0, "judgment": 0.15, "leading_question": 0.0}


def _outranked(probs: dict[str, float], label: str) -> bool:
    return bool(probs) and probs[label] <= max(probs[r] for r in _RIVALS[label]) + _MARGIN[label]


_GERUND_SUBJECT = re.compile(
    r"^(?:so,? )?([a-z]+ing\b(?: [\w'-]+){1,10}?) (?:would|could|might|may|is|has|keeps|sounds|seems|'d|will)\b", re.IGNORECASE
)


# "X is clearly on your mind", "X is what you're weighing": a frame that only names what the mentee
# brought, asked about or not.
_ON_YOUR_MIND = re.compile(
    r"^(?:is|has been|seems|keeps) (?:clearly |really |obviously |very much |still )?(?:on your mind|coming up|"
    r"what you're (?:weighing|considering|thinking about|wondering about|turning over))\b",
    re.IGNORECASE,
)


# The whole predicate only names a topic: "Quitting is clearly on your mind." says what they brought,
# whatever the subject, and grades nothing (the head read that voice line at p 0.75 as a verdict).
_ONLY_ON_YOUR_MIND = re.compile(
    r"\s(?:is|has been|seems|keeps) (?:clearly |really |obviously |very much |still )?(?:on your mind|coming up|"
    r"what you're (?:weighing|considering|thinking about|wondering about|turning over))(?: for you)?[.!]?$",
    re.IGNORECASE,
)


def _subject_is_theirs(masked: str, mentee_lower: str) -> bool:
    """An option the mentee named, played back as the subject ("I could try running the design review"
    -> "Running the design review would be one way to find out"; "Should I ask for a raise?" ->
    "Asking for a raise is clearly on your mind"): their idea, not the coach's advice."""
    core = _strip_openers(masked)
    m = _GERUND_SUBJECT.match(core)
    if not m:
        return False
    words = _content_words(m.group(1).lower())
    framed = bool(_ON_YOUR_MIND.match(core[m.end(1) :].strip()))
    said = _content_words(mentee_lower if framed else _mentee_said(mentee_lower))
    return len(words) >= 2 and len(words & said) / len(words) >= 0.75


def _verdict_asked(judged: tuple[_Finding, ...]) -> bool:
    """A verdict put as a question carries its answer ("Isn't that a bit vain?", "Why on earth would you
    leave now?"): leading, as a suggestion put as a question is. Praise opening a question ("Great
    question, what ...") grades the question, not the answer it wants."""
    return any(not f.why.startswith("praises") for f in judged)


def _evidence(masked_sentences: list[str], care: bool, mentee_lower: str, played_back: bool) -> list[_Evidence]:
    r = _rules()
    rows = []
    for masked in masked_sentences:
        adv, judged = _sentence_findings(masked, care, mentee_lower, played_back)
        question = _is_question(masked)
        echo = bool(mentee_lower) and _repeats_mentee(masked, mentee_lower)
        # as the rules' verdicts do: an option most of whose words the mentee said is theirs
        echo_advice = echo or (bool(mentee_lower) and (
            _echoes_mentee(masked.lower(), mentee_lower) or _subject_is_theirs(masked, mentee_lower)))
        listed = (played_back and bool(_BULLET.match(masked))) or any(p.search(masked) for p in r.list_playback) or (bool(mentee_lower) and _list_sentence(masked))
        safe = _safe_form(masked) or is_farewell(masked)
        checks = question and _checks_playback(masked)
        no_advice = (echo_advice or listed or care or safe or _safe_need(masked) or _activity_named(masked)
                     or (question and bool(_PERMISSION_TO_TALK.match(_strip_openers(masked))))
                     or bool(_OWN_VIEW_START.match(_strip_openers(masked))))
        no_judgment = (echo or care or safe or _framed(masked) or _normalizing(masked) or bool(adv) or checks
                       or bool(_ONLY_ON_YOUR_MIND.search(masked)))
        unaddressed = not _ADDRESSED.search(masked)
        # the detector is asked only where its answer could change the verdict: not after a rule found
        # advice (it stands, and it makes a question leading), nor where every flag it could add is barred
        # (a judgment that names no one can be added only when calibration gave it a wary threshold)
        judgment_barred = no_judgment or (unaddressed and combine.thresholds()["judgment"].wary > 1.0 and not combine.reads_all())
        ask = not adv and not (no_advice and judgment_barred and (not question or checks))
        rows.append((masked, adv, judged, question, no_advice, no_judgment, checks, unaddressed, ask))  # ask last
    if rows and combine.unfinished():  # the last sentence is still being written: rules only for now
        rows[-1] = (*rows[-1][:-1], False)
    asked = [row[0] for row in rows if row[-1]]
    scored = iter(detector.classify([_detector_text(m) for m in asked]) if asked and combine.enabled() and detector.available() else [])
    out = []
    for masked, adv, judged, question, no_advice, no_judgment, checks, unaddressed, ask in rows:
        probs = next(scored, {}) if ask else {}
        out.append(_Evidence(
            masked, adv, judged, question, question and (bool(adv) or _verdict_asked(judged) or _leading_by_rule(masked)), probs,
            # a plain closed question the head finds leading-ish ("Do you mentor all three?") stays
            # shielded: a question leads only when that is the head's stronger reading
            # a verdict asked as a question leads (every judged question in the data is a leading one): a
            # question the head reads as asking, not leading, gets no verdict from it either ("How would you
            # go about doing that?" read 0.91 judgment, 0.56 open question, under 0.2 leading)
            shield_advice=no_advice,
            shield_judgment=no_judgment or (question and bool(probs) and not _leading_by_rule(masked) and not judged
                                            and probs["leading_question"] < max(probs["open_question"], probs["closed_question"])),
            shield_leading=(checks or _outranked(probs, "leading_question")
                            or (question and bool(_PERMISSION_TO_TALK.match(_strip_openers(masked))))),
            wary_advice=_outranked(probs, "advice"),
            wary_judgment=unaddressed or _outranked(probs, "judgment"),
        ))
    return out


def _decide(ev: _Evidence) -> tuple[list[_Finding], list[_Finding], bool | None]:
    """The sentence's advice and judgment findings and, for a question, whether it leads."""
    th = combine.thresholds()
    if not ev.probs:  # rules alone
        return list(ev.advice), list(ev.judgment), None
    p_adv, p_jud = ev.probs["advice"], ev.probs["judgment"]
    advice: list[_Finding] = []
    if combine.decide(bool(ev.advice), p_adv, th["advice"], shielded=ev.shield_advice, wary=ev.wary_advice):
        advice = list(ev.advice) or [_Finding("advice", _snippet(ev.masked), f"reads as advice to the detector ({p_adv:.2f})", "detector")]
    judgment: list[_Finding] = []
    # a verdict inside a suggestion is part of the steer, as the rules count it ("Take it, you'll love it")
    if combine.decide(bool(ev.judgment), p_jud, th["judgment"], shielded=ev.shield_judgment or bool(advice),
                      wary=ev.wary_judgment):
        judgment = list(ev.judgment) or [_Finding("judgment", _snippet(ev.masked), f"reads as a verdict on the mentee or their plan to the detector ({p_jud:.2f})", "detector")]
    lead: bool | None = None
    if ev.question:
        p_lead = max(ev.probs["leading_question"], p_adv)
        lead = bool(advice) or combine.decide(ev.rule_leading, p_lead, th["leading_question"], shielded=ev.shield_leading)
    return advice, judgment, lead
