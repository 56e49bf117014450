"""What a sentence says in passing, and what it points at: the two readings a summary item needs before it
quotes a sentence as a goal, a motivation or bedrock.

An aside is not a statement of what the mentee wants or values, whatever words it carries:

    sarcasm or a guess at the coach  "Let me guess, you're going to ask me where I see myself in five years",
                                     "Very inspiring I know", "living the dream"
    a throwaway, flagged as one      "I like being told what to do sometimes, ha", "im proud tho lol"
    an apology for how they speak    "abeg no vex, my English dey scatter when I dey excited 😂",
                                     "desculpa, my english is a bit bagunçado", "sorry, maybe I say wrong"
    a remark about the coach         "you're doing the thing where…", "are you pattern matching my words",
                                     "you lot love a question"
    venting in hyperbole             "I want to throw my phone in the river", "could scream"

A stable pointer is a sentence that says something runs deep but names it only by pointing back: "That's
always been it.", "I've wanted that everywhere I've worked.", "always been like that.", "That feeling is
why I do this at all.", "This is me, in any country." Its content is the sentence before it; quoted alone
it backs nothing, so the item quotes both or is not written.
"""

from __future__ import annotations

import re

# a laugh, a wink or "jk" closing the sentence marks it as said in passing
_LAUGH_END = re.compile(r"(?:\b(?:ha(?:ha)*|he(?:he)+|lol|lmao|jk|kidding|joking)\b|[😂🤣😅🙃😜😉]|;\)|:p)\W*$", re.I)
# sarcasm, a guess at the coach's next line, a remark on the coach
_SARCASM = re.compile(
    r"^\W*(?:let\s+me\s+guess|i\s+bet\s+you(?:'re|\s+are)?|here\s+we\s+go|oh\s+great|yeah\s+right|sure\s+thing)\b|"
    r"\byou(?:'re|\s+are)\s+(?:going\s+to|gonna|about\s+to|just\s+going\s+to)\s+(?:ask|say|tell)\b|"
    r"\byou(?:'re|\s+are)\s+doing\s+the\s+thing\b|\bvery\s+inspiring\b|\bliving\s+the\s+dream\b|"
    r"\b(?:are|r)\s+(?:you|u)\s+(?:a\s+)?(?:bot|robot|chatgpt|ai|program|pattern[- ]matching)\b|\bbefore\s+you\s+say\s+it\b|"
    # a jab at "you lot": "you lot love a question", "you people and your questions"
    r"\byou\s+(?:lot|people|guys|bots|lads|coach(?:es)?|types)\s+(?:love|and\s+your|always|never|just|with\s+your)\b|^\W*(?:wow\s+)?another\s+question\b|"
    # venting in hyperbole: "I want to throw my phone in the river", "could scream"
    r"\b(?:want|wanna|going|gonna|could|about|ready)\s+(?:to\s+)?(?:throw|chuck|lob|hurl|smash|launch|bin)\s+(?:my|the|a|this)\s+(?:\w+\s+)?"
    r"(?:phone|laptop|computer|pc|monitor|keyboard|mug|desk)\b|\b(?:want|wanna|could|gonna)\s+(?:to\s+)?(?:scream|crawl\s+into\s+a\s+hole|hide\s+under)\b", re.I)
# an apology for their words or their English, or for going on
# (only at the start, or about their words: "I want get promotion to senior but my English not good" is a goal)
_APOLOGY = re.compile(
    r"^\W*(?:sorry|soz|apologies|desculpa|perdón|perdon|entschuldigung|przepraszam|abeg\s+no\s+vex|no\s+vex|excuse\s+(?:me|my))\b|"
    r"^\W*(?:(?:and|but|also)\s+)?my\s+(?:english|grammar|spelling|typing)\b(?!.*\b(?:want|need|because|so\s+i)\b)|"
    r"\bmy\s+(?:english|grammar|spelling|typing)\b.*\b(?:sorry|apologi[sz]e)\b|^\W*(?:maybe\s+)?i\s+say\s+(?:it\s+)?wrong\b", re.I)


def is_aside(sentence: str) -> bool:
    """Said in passing (sarcasm, a laugh at itself, an apology, a remark on the coach): never an item's evidence."""
    s = sentence.strip()
    return bool(s and (_LAUGH_END.search(s) or _SARCASM.search(s) or _APOLOGY.search(s)))


# "that", "this", "it", "like that" as what the sentence is about, with a word that says it runs deep
_STABLE = re.compile(
    r"\b(?:always\s+(?:been|was|had|be|like)|(?:have|has|'ve|i\s+)\s*always\b|been\s+(?:like\s+that|that\s+way|it|me|my)|all\s+along|my\s+whole\s+life|all\s+my\s+life|since\s+(?:i\s+(?:was\s+)?|school|uni|childhood|forever|a\s+kid|"
    r"i\s+small)|everywhere|every\s+job|any\s+job|in\s+any\s+country|wherever|who\s+i\s+am|why\s+i\s+do|in\s+me\b|my\s+thing)\b|"
    r"\bthis\s+is\s+me\b|\bthat'?s\s+me\b", re.I)
# (a bare "it" is not enough: "been doin it since i was 17" says how long, not what runs deep)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|thats)\b|\blike\s+that\b|\bthat\s+way\b|\b(?:been|is)\s+me\b", re.I)


def is_stable_pointer(sentence: str) -> bool:
    """ "That's always been it.", "I've wanted that everywhere I've worked.", "always been like that.": says what
    runs deep by pointing back; the sentence before it holds the content."""
    s = sentence.strip()
    if not s or len(s.split()) > 24:
        return False
    return bool(_STABLE.search(s) and _DEMONSTRATIVE.search(s))
