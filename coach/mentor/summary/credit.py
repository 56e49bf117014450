"""What a quote can be credited with: the tests the builder runs before an item stands on a sentence.

    a motive named in words   only by the mentee as the one who wants or feels (not "Salary, pension, the lot."),
                              not an offer's facts, not granted and then put below a "but"; named by its clause
    bedrock                   only when the words say it runs deep (always, since I was a kid, who I am, "that's what
                              I'm for") or it is the ladder's answer given as the thing itself ("Being useful.");
                              a liking said once is a motivation; tagged with a motivation only when it is named
    a passion                 a quote with the energy in it, not a hello or a bare pointer
    a goal                    not in a remark to the coach, not what others should see
"""

from __future__ import annotations

import re

from coach.mentor.summary.asides import is_stable_pointer
from coach.mentor.summary.phrasing import _INTENSIFIER, _UNWANTED, _said_in_words
from coach.mentor.summary.stated import content_words
from coach.types import Act, Motivation

# a remark to or about the coach, small talk, a shrug, a crisis: whatever its words, not a goal of theirs
_NOT_THEIRS = (Act.COMPLAINT, Act.QUESTION_COACH, Act.SMALL_TALK, Act.LOW_EFFORT, Act.CRISIS)
# "make dem see…", "show my sisters it can be done": what they want others to see, not a destination
_SHOWING = re.compile(r"^\W*(?:make|making|show|showing)\s+(?:[\w']+\s+){1,2}?(?:see|know|proud|that|how)\b", re.I)
# the mentee as the one who wants, does or feels ("it IS about the money" said by "I"; "matters to me"): a motive
# named by a noun alone ("Salary, pension, the lot.", "My pension's final salary") is a fact, not a drive
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i'd|i've|ive|i'll|we|we're|me)\b", re.I)
_TO_ANSWER = re.compile(r"^\W*to\s+[a-z]+\b", re.I)  # "To be seen as professional." ("Being useful.": _gerund_answer)
# "the only fun part is when…", "the best bit was…": what they value, said of the job
_BEST_PART = re.compile(r"^\W*(?:the\s+)?(?:only|one|best|fun|good|favou?rite|real)\s+(?:\w+\s+)?(?:part|bit|thing)s?\b", re.I)
_OFFERED = re.compile(r"\boffer(?:ed|s|ing)?\b|\bpleased\s+to\b", re.I)
# what a move would do, said as a consequence ("Teaching full time means the wheel becomes a hobby", "Managing people
# means less of that"): a fear or a cost, not what matters ("means the world to me" is kept)
_CONSEQUENCE = re.compile(r"^\W*(?:(?:and|but|so)\s+)?(?!it\b|that\b|this\b)[\w'’ -]{2,40}?\s+means\s+(?!(?:a\s+lot|everything|the\s+world|so\s+much)\b)", re.I)


def _named_clause(m: Motivation, sentence: str) -> str:
    """The clause of a sentence that names the motivation, as the item's phrase: "Right I'll be honest, it IS about
    the money." is named by "it IS about the money", never by "right you'll be honest"."""
    from coach.mentor.values import as_value_phrase

    clauses = [c for c in re.split(r"[,;:—–]|\s+-\s+|\bbut\b", sentence) if c.strip()]
    hit = next((c for c in clauses if _said_in_words(m, c)), sentence)
    hit = re.sub(r"^\W*(?:it|this|that)(?:'s|\s+is|\s+was)\s+(?:all\s+|really\s+|just\s+)*(?:about\s+)?", "", hit.strip(), flags=re.I)
    return as_value_phrase(hit)


# what says a value runs deep, beyond liking it: stable over time or place, core, what matters, who they are
_DEEP = re.compile(r"\b(?:what\s+(?:really\s+)?matters|matter(?:s|ed)\s+(?:most\s+)?to\s+me|at\s+(?:the|my)\s+core|(?:feel|am)\s+(?:most\s+)?(?:alive|myself)|"
                   r"who\s+i\s+am|important\s+(?:to|for)\s+me|means?\s+(?:everything|the\s+world|a\s+lot)\s+to\s+me|why\s+i\s+(?:do|get\s+up)|"
                   r"since\s+i\s+(?:was\s+)?(?:a\s+)?(?:kid|child|boy|girl|little|small|young|\d+)|my\s+whole\s+life|all\s+my\s+life|everywhere|"
                   r"(?:have|has|'ve)\s+always|always\s+(?:been|had|wanted|needed|loved|cared|about)|what\s+i\s+(?:really\s+|most\s+)?(?:care|value)(?:\s+about)?\s+is|"
                   r"is\s+what\s+i\s+(?:really\s+)?(?:care\s+about|value|need)|i'?m\s+the\s+(?:one|person)\s+who|when\s+i\s+was\s+(?:a\s+kid|little|small|young|\d+)|"
                   r"i\s+was\s+\d+\s+and)\b", re.I)


# "That's what I'm for", "That's what I do", "That's the job, really", "That's when I'm happy": what the sentence before
# it names is held up as the core
_CORE_POINTER = re.compile(r"\b(?:that|this)(?:'s|s|\s+is|\s+was)\s+(?:all\s+)?(?:what\s+i(?:'m|\s+am)\s+(?:actually\s+|really\s+|just\s+)?(?:good\s+)?for|what\s+i\s+(?:do|love|am|want|live\s+for|care\s+about)|"
                           r"what(?:'s|\s+has)\s+(?:always\s+)?mattered|the\s+(?:whole\s+of\s+it|job|thing|point|heart\s+of\s+it|core)|when\s+i(?:'m|\s+am)\s+(?:happy|happiest|myself)|"
                           r"it(?:,)?\s+really|it\s+for\s+me|me)\b", re.I)
_LIKING = re.compile(r"^\W*(?:(?:and|but|so|yeah|honestly|tbh)[,.]?\s+)*(?:i\s+(?:really\s+|actually\s+|just\s+)*(?:like|love|enjoy)|what\s+i\s+(?:really\s+|actually\s+)?(?:like|love|enjoy))\b", re.I)


def _runs_deep(text: str, before: str = "") -> bool:
    """Whether a quote (or the sentence after it) says the value runs deep: a stability cue, an explicit bedrock
    statement, a core-value phrase. A liking said once ("I like building things") is a motivation, not bedrock."""
    from coach import lexicon
    from coach.mentor.summary.stated import _fragment

    sents = _sentence_texts(text)[:2]
    head = " ".join([before] + sents)
    if _DEEP.search(head) or is_stable_pointer(head) or _CORE_POINTER.search(head) \
            or lexicon.any_match(lexicon.cues("bedrock", "explicit"), head):
        return True
    # the answer a why-ladder reaches, given as the thing itself ("Being a safe person for a kid.", "Making things."),
    # but not a liking ("i like the sharp end"), which is an interest
    first = re.sub(r",?\s+(?:i\s+(?:suppose|guess|think)|really|basically|yeah|i'd\s+say)\W*$", "", sents[0] if sents else "", flags=re.I)
    answer = _fragment(first) or _gerund_answer(first)
    return bool(first) and bool(answer) and len(content_words(first)) >= 1 and not _LIKING.match(first) and not _UNWANTED.search(first) \
        and not re.search(r"\bfail\w*", first, re.I)


def _gerund_answer(sentence: str) -> bool:
    """ "being the person someone can say the thing to": led by a gerund that is not a subject ("Accounting just counts
    the damage", "failing would be going back…" are sentences about something, not an answer naming it)."""
    from coach.analyze.parse import parse

    if not re.match(r"^\W*[a-z]+ing\b", sentence, re.I):
        return False
    doc = parse(sentence)
    if doc is None or not len(doc):
        return False
    first = next((t for t in doc if not t.is_punct), None)
    return first is not None and first.tag_ == "VBG" and first.dep_ not in ("nsubj", "nsubjpass")  # (csubj: the parse of a bare answer)


def _tag(m: Motivation | None, text: str) -> Motivation | None:
    """The analyzer's motivation on a bedrock item only when the quote names it in words: "Keeping things working
    for people who can't afford…" is not compensation, "I want something that's mine" is not recognition."""
    return m if m is not None and _said_in_words(m, text) else None


_GREETING = re.compile(r"^\W*(?:hi|hiya|hello|hey|hey there|morning|evening|thanks|thank you|cheers|oi|olá|hola)\W*(?:\w+\W*)?$", re.I)


def _conceded(m: Motivation, sentence: str) -> bool:
    """ "dont get me wrong the money would be nice…, but honestly the days i like are…": the motive is granted, then
    put below what follows the "but"."""
    parts = re.split(r"\bbut\b", sentence, maxsplit=1, flags=re.I)
    return len(parts) == 2 and _said_in_words(m, parts[0]) and not _said_in_words(m, parts[1]) \
        and bool(re.search(r"\b(?:i|i'd|i'm)\s+(?:\w+\s+)?(?:like|love|want|care|enjoy|miss|need)\b|\bthe\s+(?:days?|bits?|part)\s+i\b", parts[1], re.I))


def _energetic(text: str) -> bool:
    """A quote that carries energy itself: an exclamation, a word of delight, a positive feeling named; never
    someone else's ("the bank man also, who is very excited": batch 16, read blind as the wrong holder)."""
    text = re.sub(r"\b(?:who|he|she|they)(?:'s|'re|\s+is|\s+was|\s+are|\s+were|\s+gets?|\s+got|\s+seems?)?\s+"
                  r"(?:so|very|really|super|quite|all|proper|well)\s+\w+", " ", text, flags=re.I)
    return "!" in text or bool(_INTENSIFIER.search(text) or re.search(
        r"\b(?:proud|happy|happiest|alive|buzz\w*|thrill\w*|enjoy\w*|favou?rite|lights?\s+(?:me\s+)?up|lit\s+up|sweet|joy)\b|[🔥🎉🙌😍🥰💛❤]", text, re.I))


def _spelled_alike(phrase: str, quote: str) -> bool:
    """ "plumbing" in the phrase, "plumbins" in the quote: the same word, respelled when it was named back."""
    from coach.spelling import tidy

    def stems(t: str) -> set[str]:
        # "coaching" and "coach" alike; "seeing" and "see" too (the phrase names a want by its gerund)
        return {re.sub(r"(?<=\w\w\w)(?:ing|ed|es|s)$", "", w)[:5] for w in content_words(tidy(t))}

    return bool(stems(phrase) & stems(quote))


def _sentence_texts(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=[.!?])\s+", text) if x.strip()]
