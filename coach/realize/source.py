"""The mentee's words made ready for a reflection: which sentence carries the point (_source_sentence), the
clause in it (_clause), and the curated cues that say what the words mean (coach/data/policy.toml [offline]).
reflect.py builds the reflections from these."""

from __future__ import annotations

import re

from coach import language as L
from coach import lexicon
from coach.realize.cues import FILLER as _FILLER
from coach.realize.cues import FIRST_PERSON as _FIRST_PERSON
from coach.realize.cues import TO_COACH as _TO_COACH
from coach.realize.cues import WH_START as _WH_START
from coach.realize.cues import WHY_POINTER as _WHY_POINTER
from coach.realize.shapes import _ONLY_UNSURE
from coach.types import Analysis

MAX_REFLECTION_WORDS = 24
# how much more (log-odds) the heart model must weigh another sentence than the one a motivation was found in,
# to say that one back instead: the whole chooser, out of fold, picked the readers' sentence (data/heart/) 0.618 of
# the time at 0 and at 1, 0.622 at 0.5 (choosing among every sentence of three words or more, below)
HEART_MARGIN = 0.5
LAYERED_AT = 0.44  # a layered reflection keeps the mentee's own clause, so a less certain motivation may be offered

# ---- building reflections from the mentee's words -------------------------------------------

# What the mentee's words mean (curated cues) lives in coach/data/policy.toml [offline], each noted
# there; compiled once, at import. Grammar (pronouns, clause and question shapes) stays here.
_LEAD = lexicon.regex("offline", "lead")
_LOVE = lexicon.regex("offline", "love")
_HATE = lexicon.regex("offline", "hate")
_NEED = lexicon.regex("offline", "need")
_FEEL = lexicon.regex("offline", "feel")
_BECAUSE = lexicon.regex("offline", "because")
_HEDGED = lexicon.regex("offline", "hedged")
_MODAL = lexicon.regex("offline", "modal")
_OBLIGATION = lexicon.regex("offline", "obligation")
_UNSURE = lexicon.regex("offline", "unsure")
_ROLE_GOAL = lexicon.regex("offline", "role_goal")
_LACK = lexicon.regex("offline", "lack")
_NOT_LACK = lexicon.regex("offline", "not_lack")
_SOURCED = lexicon.regex("offline", "sourced")
_FELT_GOOD = lexicon.regex("offline", "felt_good")
_FELT_BAD = lexicon.regex("offline", "felt_bad")
_DRAINED = lexicon.regex("offline", "drained")
_NAMED_BAD = lexicon.regex("offline", "named_bad")
_UNSEEN = lexicon.regex("offline", "unseen")
_BRUSH_OFF = lexicon.regex("offline", "brush_off")
_NOT_A_FEELING = lexicon.words("offline_words", "not_a_feeling")
_NEGATIVE = lexicon.regex("offline", "negative")
_ALREADY_NAMED = lexicon.regex("offline", "already_named")

_SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.I)
_BUT = re.compile(r",?\s+\b(?:but|though|although|yet)\b\s+", re.I)
_WHETHER = re.compile(r"\bwhether (?:or not )?(?P<who>i|to)\s+(?P<should>should\s+)?(?P<x>[a-z][^.!?,;]{3,60})", re.I)

_STOP = frozenset("a an the to of in on at for and or but is are be it that this with my your i you me".split())


def _content(text: str) -> set[str]:
    return {w[:5] for w in L.words(text) if w not in _STOP and len(w) > 2}


def _object(x: str) -> str:
    """The object of "I love …", swapped: "it when people get unstuck" -> "the moments when people get unstuck"."""
    return re.sub(r"^it (when|that|if)\b", r"the moments \1", L.swap_pronouns(x.strip()))


_WHICH_BECAUSE = re.compile(r"^\W*(?:which|that)\s+(?:is|was|'s)\s+\w+(?:\s+\w+)?\s+because\s+", re.I)


_JOINER = re.compile(r"^\W*(?:(?:and|but|so|though|although|honestly|anyway|plus|also|still)\b[,]?\s+)+", re.I)


_WRAPPED = re.compile(r"^\W*(?:(?:it'?s|this is|this sounds|i know it'?s|i know this is) (?:stupid|silly|dumb|daft|weird|sad)(?:,)? but|(?:the )?(?:thing|problem|truth|point|bottom line) is|here'?s (?:what i think|the thing|my take|the deal|how i see it|the truth)|what i mean is|to be honest|tbh|not (?:gonna|going to) lie|ngl|if i'?m (?:being )?honest|"
                      r"(?:fine|ok(?:ay)?|oh|nah|ya|yeah|yes)(?:[,.]\s*(?:fine|ok(?:ay)?|yes|yeah))*)[,:.]?\s+", re.I)
# "I guess I do know, don't I": a tag question; without its comma only a negative one is ("…before they do it" is the clause)
_TAG_QUESTION = re.compile(r"(?:,\s+(?:do|does|is|are|am|was|have|has)|,?\s+(?:don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|won'?t|can'?t|haven'?t|hasn'?t))"
                           r"\s+(?:i|you|it|we|they|he|she)\W*$", re.I)
_NO_SUBJECT = re.compile(r"^\W*(feels|seems|sounds|looks)\s+like\b", re.I)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+")


def _subject_back(sentence: str) -> str:
    """A sentence typed without its "I" ("pulled a calf at 2am up to the shoulder", "been on nights at the depot
    4 years", "love the early shifts") gets it back, by the parse: its first word is its main verb, in the past or
    the present, and nothing in it is a subject. Said back without one it reads as garbled ("What I'm hearing is
    that pulled a calf…"); a diary line's missing subject is the writer. Third-person present ("is job") is not
    theirs to guess, and stays as it is."""
    from coach.analyze.parse import parse

    if len(sentence.split()) < 3 or len(sentence.split()) > 30:
        return sentence
    doc = parse(sentence)
    if doc is None:
        return sentence
    words = [t for t in doc if not t.is_punct and not t.is_space]
    start = words[0] if words else None
    while words and words[0].lower_ in ("just", "really", "only", "still", "also", "honestly", "literally", "finally", "actually", "ok", "so"):
        words = words[1:]  # "just needed to say it out loud": the verb after the adverb
    if not words or any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and t.head == words[0] for t in doc):
        return sentence
    first = words[0]
    if first.dep_ != "ROOT" or first.lower_ in ("please", "thank", "thanks", "let", "imagine", "look", "see", "guess", "wish"):
        return sentence
    lead = sentence[:start.idx] if start is not None else ""
    rest = sentence[len(lead):]
    if first.lower_ == "been":
        return f"{lead}I've {rest}"
    if any(c.dep_ in ("dobj", "dative") and c.lower_ in ("me", "us") for c in first.children):
        # "took me like 6 hrs of soldering", "told me to wait": someone or something else did it to them, so
        # never "you took you…"; time and cost are said with "it" ("It took you…"), anyone else is not guessed
        return f"{lead}It {rest[:1].lower()}{rest[1:]}" if first.lower_ in ("took", "takes", "take", "cost", "costs") else sentence
    if not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "dative", "advcl", "conj") for c in first.children):
        return sentence  # "just fed up", "burnt out": a state, not a thing they did ("I'm fed up" is said elsewhere)
    if first.tag_ == "VBN" and first.lower_.endswith("ed") and not any(t.dep_ in ("aux", "auxpass") and t.head == first for t in doc):
        return f"{lead}I {rest[:1].lower()}{rest[1:]}"  # "needed to say it out loud" (parsed as a participle)
    if first.tag_ == "VBD" or first.tag_ == "VBP" and first.lower_ not in ("do", "are", "am", "have", "'m", "'re"):
        return f"{lead}I {rest[:1].lower()}{rest[1:]}"
    return sentence


def _interjection_off(sentence: str) -> str:
    """ "Chale, it pains me." -> "it pains me.": one word before a comma that no English word list knows, and a clause
    after it with a subject of its own (an exclamation or a vocative in their language, never said back as content)."""
    from coach import spelling

    checker = spelling.load()
    # "…the branch closes end of may. eish": the same word closing the sentence after its full stop
    end = re.search(r"(?<=\w)([.!?]+)\s+([^\W\d_]+)\W*$", sentence)
    if end and checker is not None and end.group(2).lower() not in checker and len(sentence[:end.start()].split()) >= 3:
        sentence = sentence[:end.start()] + end.group(1)
    m = re.match(r"^\W*([^\W\d_]+)\s*,\s+(?=(?:i|i'm|im|i've|it|it's|its|this|that|we|my|they|he|she)\b)", sentence, re.I)
    if not m:
        return sentence
    word = m.group(1).lower()
    if checker is None or word in checker or word in ("yeah", "yes", "no", "ok", "okay", "well", "so", "but", "and"):
        return sentence
    return sentence[m.end():]


_SUBORDINATE = re.compile(r"^\W*(?:if|when|whenever|unless|because|cos|although|though|while|since|once|until|till|as soon as|even if|even though)\b", re.I)


def _clause(sentence: str) -> str:
    sentence = _WHICH_BECAUSE.sub("", sentence)  # "Which is rich because every time I pitch…": the reason is the point
    # "I am Piotr, I work 11 years in warehouse": their name is an introduction, never "It sounds like you are Piotr"
    sentence = re.sub(r"^\W*(?i:(?:hello|hi|hey|hiya)\W+)?(?i:i am|i'm|im|my name is|my name's|this is)\s+(?!(?:Tired|Exhausted|Done|Fine|Ok|Okay|Sorry|Not|So|Just|Really|Very|Here|Back|New|Happy|Sad|Angry|Scared|Burnt|Stuck|Bored|Lost|Good|Great|Still|Always|Never|Only)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*[,.;:—–-]+\s*",
                      "", sentence)
    sentence = re.sub(r"^\W*(?:but|and|so)?\s*i\s+(?:dont|don'?t|do not)\s+know,?\s+(?=i\b|i'?m\b|im\b)", "", sentence, flags=re.I)  # "but i dont know i just feel…"
    sentence = _interjection_off(sentence)  # "Chale, it pains me.": the exclamation is how they said it, not what
    # "I am home health aide 26 years": the article English wants, before a job ("you are a home health aide")
    sentence = re.sub(r"^(\W*(?:i am|i'm|im)\s+)(?=(?:[a-z-]+\s+){0,2}(?:aide|nurse|teacher|guide|driver|supervisor|operator|engineer|manager|worker|"
                      r"assistant|officer|agent|cook|chef|cleaner|carer|caregiver|technician|student|receptionist|pharmacist|doctor|lawyer|"
                      r"accountant|farmer|fitter|welder|electrician|plumber|mechanic|developer|designer|analyst|geologist|translator|"
                      r"interpreter|adviser|advisor|consultant|labourer|porter|baker|butcher|tailor|midwife|paramedic|soldier|pilot)\b)"
                      r"(?!(?:a|an|the|not|so|very|too|just|really|still|also|now|your|my|his|her)\b)(?P<v>[aeiou])?",
                      lambda m: m.group(1) + ("an " + m.group("v") if m.group("v") else "a "), sentence, flags=re.I)
    sentence = _JOINER.sub("", sentence)  # "Though I hated…": the joiner leans on a sentence the reflection doesn't say
    # "…i keep thinking i'm not good enough and is that normal": their question to the coach is not theirs to hear back
    sentence = re.sub(r"(?:,?\s+(?:and|but|so)\s+)?(?:is|isn'?t)\s+(?:that|this|it)\s+(?:normal|ok|okay|weird|bad|wrong|mad|crazy|stupid|silly|dumb|"
                      r"fine|allowed|common)\W*$", "", sentence, flags=re.I)
    # "they are keeping me, dont worry": a word to the coach, not what they said of their life (batch 18)
    sentence = re.sub(r",?\s+(?:dont|don'?t|do not)\s+worry(?:\s+about\s+(?:me|that))?\W*$|,?\s+no\s+worries\W*$|,\s+trust\s+me\W*$", "", sentence, flags=re.I)
    # "i can tell you the block brake on 4 is chattering before the sensor does": what they can tell, not a telling to the coach
    sentence = re.sub(r"\b(i|I)\s+can\s+tell\s+you\s+(?:that\s+)?(?=(?:the|a|an|my|our|his|her|their|when|if|which|who|what|how|whether)\b)", r"\1 can tell ",
                      sentence, flags=re.I)
    sentence = _WRAPPED.sub("", sentence)  # "The thing is, I'm good at it…"
    sentence = _NO_SUBJECT.sub(lambda m: "It " + m.group(1).lower() + " like", sentence)  # "Feels like a pay cut."
    sentence = re.sub(r"^\W*(was|got|been)\s+(told|asked|offered|passed over|promoted|made|given|put)\b", lambda m: (
        "I was " if m.group(1).lower() != "been" else "I've been ") + m.group(2), sentence, flags=re.I)  # "Was told I'm too quiet"
    sentence = re.sub(r"\b(could|would|should|might|must)\s+of\b", r"\1 have", sentence, flags=re.I)  # "I could of done it"
    sentence = re.sub(r"^\W*(?:just\s+)?(want|wanna|need)\s+to\b", lambda m: "I just " + m.group(1).lower() + " to", sentence, flags=re.I)  # "just want to think out loud"
    sentence = re.sub(r"^\W*(gotta|got to|have to|has to)\s+(?=\w)", "I have to ", sentence, flags=re.I)  # "gotta pick up my kid": whose errand
    sentence = re.sub(r"^\W*(thinking|considering|planning|looking|hoping|trying|wondering)\s+(?=of\b|about\b|to\b|at\b|whether\b|if\b)",
                      lambda m: "I'm " + m.group(1).lower() + " ", sentence, flags=re.I)  # "thinking of going into industry": whose plan
    sentence = re.sub(r"\b(because|bc|cos|cause|coz)\s+(?=(?:the|my|our)\s+\w+\W*$)", "because of ", sentence, flags=re.I)  # "bc the money"
    sentence = re.sub(r"^\W*(always|never|only ever|just)\s+(been|wanted|liked|loved|hated|done)\b", lambda m: "I've " + m.group(1).lower() + " " + m.group(2),
                      sentence, flags=re.I)  # "Always been the one who speaks up…": their own dropped "I've"
    sentence = re.sub(r"^\W*been\s+(?=\w+(?:\s+\w+){0,3}\s+(?:for|since)\s+(?:\d+|a|an|two|three|four|five|six|seven|eight|nine|ten|years|months|ages)\b)",
                      "I've been ", sentence, flags=re.I)  # "been sous at the Fox for 4 yrs": whose years they are
    sentence = re.sub(r"^\W*(came back|went back|went off|got back|ended up|spent|worked|started|finished|quit|left|moved|did|had|took|lost|"
                      r"missed|failed|passed|landed|found out|handed in|resigned)\b(?!\s+(?:is|was|me)\b)",
                      lambda m: "I " + m.group(1).lower(), sentence, flags=re.I)  # "came back and they'd given me…": whose day it was
    # "Fixing things with my hands, that is what I like": one clause, as said back ("…is what you like")
    sentence = re.sub(r"^(?P<x>\W*[a-z][^,.!?]{2,40}?),\s+(?:that|this)(?:'s|\s+is)\s+(?=what\b|the\s+(?:thing|bit|part)\b)", r"\g<x> is ", sentence, flags=re.I)
    # "wife wants me out": a kin word said without its "my", as people type, is theirs ("your wife wants you out")
    sentence = re.sub(r"^(\W*)(wife|husband|hubby|missus|partner|fianc[eé]e?|mum|mom|mam|ma|dad|da|boss|gf|bf|girlfriend|boyfriend)\s+"
                      r"(?=(?:wants|says|said|thinks|reckons|keeps|told|would|will|is|was|has|had|hates|loves|cried|knows)\b)",
                      lambda m: m.group(1) + "my " + m.group(2).lower() + " ", sentence, flags=re.I)
    # "dunno what im meant to say here": their own dropped "I", never an imperative "Don't know what…" said back
    sentence = re.sub(r"^(\W*)(?:dunno|don'?t\s+know|dont\s+know|duno)\b", lambda m: m.group(1) + "I don't know", sentence, flags=re.I)
    sentence = _subject_back(sentence)  # "pulled a calf at 2am", "been on nights 4 years": their own dropped "I"
    sentence = re.sub(r"(?:,?\s+(?:lol|lmao|lmfao|haha+|hehe+|xd|rofl|smh|honestly|tbh|ngl|to be honest))+\W*$", "", sentence, flags=re.I)  # tone, not content
    sentence = re.sub(r",\s*i mean(?:\s+really)?\s+\w+(?:\s+\w+)?,", "", sentence, flags=re.I)  # ", I mean really prayed,": a self-repair
    sentence = _EMOJI.sub("", sentence).strip()
    sentence = re.sub(r"\s*\([^()]{1,30}\)", "", sentence)  # "at my last job (cafe) we were…": an aside, never "job cafe"
    c = L.trim_hedges(re.sub(r"(\*{1,2}|_{1,2})(\w[^*_]*?)\1", r"\2", sentence))  # *love* -> love
    for _ in range(2):
        c = _LEAD.sub("", c)
    c = L.strip_end(c)
    c = _TAG_QUESTION.sub("", c)  # "I guess I do know, don't I" -> "I do know"
    c = re.sub(r"(?:,?\s+though|,\s*to be honest|,\s*honestly|,\s*anyway|,\s*maybe|,\s*mostly)$", "", c, flags=re.I)  # "…exists here though"
    c = re.sub(r"^not (really )?sure\b", "I'm not sure", c, flags=re.I)  # "Not really sure what…" has a subject
    if len(c.split()) > MAX_REFLECTION_WORDS:
        pieces = [x.strip() for x in re.split(r"[,;:—–-]\s+|\s+(?:but|and then|which|although)\s+|\s+(?:and|so|plus)\s+(?=(?:i|we)\b)", c, flags=re.I) if x.strip()]
        # "If they make me take the desk job, I would sit…": a condition alone is half a thought, never said back
        # as if it were the whole ("It sounds like if they make you take the desk job")
        main = [x for x in pieces if not _SUBORDINATE.match(x)]
        cut = len(main) < len(pieces)
        pieces = main or ([] if all(_SUBORDINATE.match(x) for x in pieces) else pieces)
        fitting = [x for x in pieces if 3 <= len(x.split()) <= MAX_REFLECTION_WORDS]
        # the first piece when it is short; else, in a run-on ("…so sorry for typos I own a flower shop…, I've done
        # 14 weddings in 6 weeks"), the last piece that is about them; else the first that fits
        mine = next((x for x in reversed(fitting) if _FIRST_PERSON.search(x)), "")
        pieces = [x for x in pieces if len(x.split()) >= 3] or pieces  # never "hey" alone, from "hey so I'm…"
        # (after a condition was left out, the piece said in the first person: "When I find one real incident, one
        # real attacker in the logs, that time I am fully awake" -> "that time I am fully awake", not the object alone)
        mine = mine if not cut else next((x for x in pieces if _FIRST_PERSON.search(x) and 3 <= len(x.split()) <= MAX_REFLECTION_WORDS), mine)
        c = mine if cut and mine else pieces[0] if pieces and len(pieces[0].split()) <= 14 else mine or (
            pieces[0] if pieces and len(pieces[0].split()) <= MAX_REFLECTION_WORDS else (fitting[-1] if fitting else c))
    return c if 2 <= len(c.split()) <= MAX_REFLECTION_WORDS else ""


# a question, even without its question mark: "what do I do", "should I ask". "When I owned the billing
# export it felt good" is a statement, and is played back.
_PREAMBLE = re.compile(r"^\W*(?:ok(?:ay)?\s+so\s+|so\s+)?(?:where do i (?:even )?start|don'?t get me wrong|long story short|to cut a long story short|"
                       r"anyway|where was i|not sure where to begin|i don'?t know where to start)\b[^.!?]{0,20}$", re.I)
_LOGISTICS = re.compile(r"\b(?:appointment|i have \d+ minutes|gotta go at|in a meeting at|my bus|my train|at \d(?::\d\d)?\s*(?:am|pm)?\s+so)\b", re.I)


def _splice(sentences: list[str]) -> list[str]:
    """A long comma-spliced ramble ("ive been at the shop 7 years, started saturdays…, now im assistant manager
    which…") is read clause by clause, so a reflection can take its heart, not its first words."""
    out: list[str] = []
    for x in sentences:
        if len(x.split()) > 35:
            out += [c.strip() for c in re.split(r",\s+(?:and\s+|but\s+|now\s+|so\s+)?|\s+(?:and then|but honestly|which is)\s+", x)
                    if len(c.split()) >= 4]
        else:
            out.append(x)
    return out or sentences


# "Yeah.", "Haha." — a filler sentence carries nothing to play back
# "That's my favourite.", "That's what I love.", "That's the part I care about": points at the sentence before
_POINTER = re.compile(r"^\W*nothing else (?:does|gives|feels|comes|is)\b|"
                      r"^\W*(?:and |yeah,? )?(?:that|this)\s+(?:matters|counts|is\s+what\s+matters)\s+(?:to\s+me\s+)?(?:more|most|the\s+most)\b|^\W*(?:that|this) (?:part|bit)(?:'s| is) (?:real|it|the best|the good bit)\b|"
                      r"^\W*(?:and |yeah,? )?(?:that|this|it) (?:sounds|seems|feels|is|looks) (?:so |really |a bit |kind of )?(?:bad|awful|terrible|weird|silly|stupid|selfish|shallow|greedy|wrong|dumb|crazy)\b|"
                      r"^\W*(?:and |yeah,? )?(?:that|this|it)(?:'s|’s|s| is| was)\s+(?:really |just |definitely )?(?:it|my favou?rite(?: part| bit| thing)?|"
                      r"the (?:best|real|whole|main) (?:part|thing|bit)|the (?:whole|real|entire) (?:job|point)|what i (?:love|like|enjoy|care about|want|need)(?: most)?|"
                      r"the part i (?:care about|love|like|enjoy)|when i(?:'m| am) (?:happy|happiest|at my best|most myself)|"
                      r"what i do|who i am|what i'?m (?:for|good at|about)|me|my (?:job|thing|whole thing))\b\W*$", re.I)
# "She cried when I carried her, like I am a stranger. Chale, it pains me.": the feeling points at what went before
_FELT_POINTER = re.compile(r"^\W*(?:and |but |honestly,? )?(?:it|that|this)\s+(?:really\s+|truly\s+|so\s+|just\s+)?(?:pains|hurts|kills|breaks|gets to|eats at|"
                           r"upsets|scares|worries|haunts|bothers)\s+me\b[^,.;!?]{0,20}\W*$", re.I)
# "Even if I am not supervisor after privatisation, this I keep.": the thing kept is the sentence before
_KEPT_POINTER = re.compile(r"^\W*(?:(?:even if|whatever|wherever|whether)\b[^,]{2,60},\s*)?(?:this|that)\s+(?:i|we)\s+(?:keep|hold on to|carry|take with me|will keep|want to keep)\b\W*$", re.I)
# "So I want the power to decide but not the people admin?": a statement to oneself, with a question mark
# "don't tell me what to do", "just listen": said to the coach, not about the mentee
_SELF_QUESTION = re.compile(r"^\W*(?:so|and|but)?\s*i\s+(?:want|like|love|need|guess|think|am|'m|was|have|'ve|do|don't)\b", re.I)
_SIMILE = re.compile(r"^like\s+(?!,)", re.I)  # "Like I failed." leans on the sentence before it


# "everyone seems to know what they're doing except me": the odd one out is the point, whatever came first
# "boring answer sorry", "sorry lol": an apology for the answer, not part of it
_SORRY_ANSWER = re.compile(r"^\W*(?:(?:(?:a\s+)?(?:boring|stupid|dumb|lame|weird|bad|cheesy|cliche|basic)\s+answer|sorry|soz|sry|i know)[,.!\s]*(?:sorry|lol|i know|haha|tbh)?\W*)+$", re.I)
# "My English is not so good sorry", "sorry for my english": an apology owed to no one, never the thing to reflect
# "wifi is slow so sorry if late reply", "sorry this is probably a stupid thing to bring to a chatbot": an apology for the
# message or the medium, never what to say back
META_SORRY = re.compile(r"\b(?:sorry|apologies|soz|sry)\b[^.!?]{0,50}\b(?:tangent|late|slow|typos?|essay|long|rambl\w*|mixed|mix|wifi|signal|"
                        r"reply|message|spelling|grammar|vent\w*|to bring|chatbot|bot|app|stupid|dumb|silly|random|weird thing)\b", re.I)
# "This came this morning. I'm just going to paste it.": what comes next, not what to say back
_PASTE_NEXT = re.compile(r"^\W*(?:so\s+)?(?:i'?m|i am|im|let me|i'?ll|i will)\s+(?:just\s+)?(?:going to\s+|gonna\s+|about to\s+)?(?:paste|copy|send|share|forward|post)\s+"
                         r"(?:it|this|that|the (?:email|letter|message|review|thing|text)|what they sent)\b[^.!?]{0,30}[.!?]?\s*$|"
                         r"^\W*(?:this|it|that) (?:came|arrived|landed)(?: (?:this morning|today|yesterday|last night|in))?[^.!?]{0,20}[.!?]?\s*$", re.I)
SORRY_ENGLISH = re.compile(r"[,.]?\s*\b(?:(?:sorry,?\s+)?(?:my|mi)\s+english\s+(?:is\s+|isn'?t\s+|not\s+)?(?:not\s+)?(?:so\s+|very\s+|too\s+|that\s+|only\s+)?(?:good|great|bad|poor|perfect|the best|ok|okay|fine|rusty|limited|basic|broken)"
                           r"(?:,?\s+(?:sorry|so sorry|sry))?|(?:sorry|excuse me|apologies)\s+(?:for|about)\s+my\s+(?:bad\s+|poor\s+)?english|"
                           r"(?:sorry|desculpa|perdón|perdon|entschuldigung|przepraszam|vybachte),?\s+(?:maybe\s+|if\s+)?i\s+(?:say|said|write|wrote|explain|explained|put)\s+(?:it\s+|this\s+)?(?:wrong|bad|badly|not good|not well|strange)|"
                           r"(?:sorry|apologies|soz),?\s+(?:if\s+)?my\s+english\s+(?:and\s+(?:my\s+)?\w+\s+)?(?:gets?|is|are)\s+(?:all\s+|a\s+bit\s+)?(?:mixed(?:\s+up)?|messy|a mess|bad|broken|weird)(?:,\s*[^.!?]{0,40})?|"
                           r"(?:desculpa,?\s+|sorry,?\s+)?my\s+english\s+is\s+(?:a\s+bit\s+|a\s+little\s+|so\s+)?\w+(?:\s+when\s+i\s+(?:am|'m)\s+\w+)?)\b[.!]?", re.I)
# a self-introduction: who they are and for how long ("I am cabin supervisor, 20 years flying.", "im a nurse in leeds")
_INTRO = re.compile(r"^\W*(?:(?:hi|hello|hey|so|ok|okay|well)\W+)*(?:i'?m|i am|im|i work as|i'?ve been)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?[\w-]+"
                    r"(?:\s+(?:in|at|for|from|near|with|on|of)\s+(?:[\w-]+\s+){0,3}?[\w-]+){0,3}(?:\s*,\s*[^,.!?]{1,30})?\W*$", re.I)
_ODD_ONE_OUT = re.compile(r"\b(?:except (?:for )?me|but me|apart from me|other than me|i'?m the only one|im the only one|everyone else|everybody else)\b", re.I)


_I_LIKE_THE_BIT = re.compile(r"^\W*(?:but\s+|and\s+)?i\s+(?:really\s+|just\s+|do\s+)?(?:like|love|enjoy|live for)\s+(?:the\s+(?:bit|part|moment|days?)|it\s+when|when)\b", re.I)


def _source_sentence(a: Analysis) -> str:
    ev = a.motivations[0].evidence.text.strip() if a.motivations else ""
    sents_all = L.sentences(a.text)
    odd = [x for x in sents_all if _ODD_ONE_OUT.search(x) and not x.rstrip().endswith("?") and 4 <= len(x.split()) <= 20]
    if odd and len(sents_all) > 1:
        return odd[-1]
    focus = a.hearing.focus.strip()
    if ev and len(ev.split()) > 25 and focus and focus != ev.strip() and focus in sents_all and _FIRST_PERSON.search(focus) \
            and not focus.endswith("?") and 3 <= len(focus.split()) <= 25:
        # a run-on's long first stretch carried the motive the classifier found; the sentence that carries them
        # ("i just feel a bit like a vending machine") is what to say back
        return focus
    if ev and focus and focus != ev and focus in a.text and not focus.endswith("?") and 5 <= len(focus.split()) <= 25 \
            and _FIRST_PERSON.search(focus) \
            and not _POINTER.match(focus) and (_INTRO.match(ev) or any(
                f.valence < 0 and f.text and f.text.lower() in focus.lower() and f.text.lower() not in ev.lower() for f in a.hearing.feelings)):
        # "I am cabin supervisor, 20 years flying. … I am not sleeping properly.": who they are is the motive's
        # evidence, the weight on them is what a listener says back first
        return focus
    liked = [x for x in sents_all if _I_LIKE_THE_BIT.match(x) and not x.rstrip().endswith("?")]
    if ev and liked and not _FIRST_PERSON.search(ev) and ev.strip() not in liked:
        return liked[-1]  # "its more money but its basically sales. i hate selling. i like the bit where someone whos
        #                 terrified of the chair leaves laughing": what they like, said plainly, over the money
    if ev and not ev.endswith("?") and not SORRY_ENGLISH.fullmatch(ev) and not _WH_START.match(_LEAD.sub("", ev)) and not _SIMILE.match(ev) and not _POINTER.match(ev) and not _WHY_POINTER.match(ev) \
            and not _KEPT_POINTER.match(ev) and not _FELT_POINTER.match(ev):
        longer = [x for x in sents_all if len(x.split()) >= 5 and x.strip() != ev]
        if not (len(ev.split()) < 5 and re.match(r"^\W*not\b", ev, re.I) and longer):
            whole = next((x for x in sents_all if ev in x and x.strip() != ev), "")
            rest = whole[whole.find(ev) + len(ev):] if whole else ""
            if re.match(r"^\W*(?:but|yet|and yet|though)\s+(?:i|i'm|im|i've)\b[^.!?]{2,50}$", rest, re.I) and len(whole.split()) <= 20:
                return whole  # "I'm good at my job but I dread Mondays": the turn is the point, never cut off
            # the sentence a motivation was found in, unless another plainly carries more ("I'm an aerialist with
            # a circus company… shoulder surgery last year… tout va bien. mostly.": not the job)
            return _outweighs(ev, sents_all, a) or _with_not(a.motivations[0].evidence.text, sents_all)  # "Not because of my manager." alone misses the point
    # never play a question back (with or without its question mark), a filler, a preamble ("where do I start"),
    # logistics ("I have 40 minutes"), or a pointer without what it points at
    sents_all = [x for x in _splice(sents_all) if not _FILLER.match(x) and not _PREAMBLE.match(x) and not _LOGISTICS.search(x)
                 and not SORRY_ENGLISH.fullmatch(x.strip()) and not _SORRY_ANSWER.match(x)
                 and not (META_SORRY.search(x) and len(x.split()) <= 14 and not re.search(r"\bbut\b", x, re.I))
                 and not _PASTE_NEXT.match(x)]
    sents_all = [x for x in sents_all if not L.QUALIFIER.match(x)] or sents_all  # "Reactor or no reactor.": qualifies, says nothing alone
    if len(sents_all) > 1 and any(not _ONLY_UNSURE.match(x) for x in sents_all):
        sents_all = [x for x in sents_all if not _ONLY_UNSURE.match(x)]  # "I don't know." beside what they do know
    def pointer(x: str) -> bool:
        return bool(_POINTER.match(x) or _WHY_POINTER.match(x) or _FELT_POINTER.match(_interjection_off(x)) or _KEPT_POINTER.match(x))

    pointed = [i for i, x in enumerate(sents_all) if i > 0 and pointer(x)]
    if pointed:
        j = pointed[-1] - 1
        while j > 0 and pointer(sents_all[j]):
            j -= 1  # "…whoever isn't in the room. That's it. That's the whole thing.": both point at what came first
        return sents_all[j]
    sents = [s for s in sents_all if (not s.rstrip().endswith("?") or _SELF_QUESTION.match(s))
             and not _WH_START.match(_LEAD.sub("", s.strip())) and not _POINTER.match(s) and not _TO_COACH.match(s)]
    sents = [s for s in sents if english_enough(s)] or sents  # "Mae'r app yn dweud 14 munud i Mrs Pritchard": not through an English template
    with_i = [s for s in sents if (_FIRST_PERSON.search(s) or _MOMENT.match(s)) and not _SECOND_PERSON.search(s) and not _BARE_AUX.match(s)]
    # (never "i'm not." alone over the story after it; never "EVERY one" over the sentence it echoes)
    longer = [s for s in sents if len(s.split()) >= 3 and not _BARE_AUX.match(s)]
    # which of them carries the point: the heart model's choice (coach/analyze/heart.py) among every sentence of
    # three words or more; without the model, the last one said in the first person. Out of fold, the whole chooser
    # picked the sentence blind readers named (data/heart/labels.jsonl) 0.642 of the time choosing among all of
    # them, 0.622 among the first-person ones only, 0.550 with the hand rules alone
    heavy = [s for s in sents if len(s.split()) >= 3 and not _BARE_AUX.match(s) and not _SHORT_SORRY.match(s)]
    chosen = _heaviest(heavy or with_i or longer or sents or [""], a) if a.hearing.heart else (with_i or longer or sents or [""])[-1]
    if re.search(r"\b(?:this|that)\W*$", chosen, re.I) and len(chosen.split()) <= 6 and focus and focus != chosen and focus in sents:
        chosen = focus  # "…the one catching. Not the one watching. Since childhood I like this.": "this" points back at it
    return _with_fragment(_with_reason(_with_not(chosen, sents_all), sents_all), sents_all)


# "I will be in the office. Not in the studio with the small ones.": a verbless "not …" finishes the sentence before it
# (a place or a thing it is instead of: never "Not unheard of here, but not common either", a comment on it)
_NOT_TAIL = re.compile(r"^\W*(?:and\s+|but\s+)?not\s+(?=(?:in|on|at|with|for|from|to|about|behind|inside|outside|under|over|near|by|the|a|an|my|our|some|any)\b)"
                       r"(?![^.!?]*\b(?:i|i'm|im|he|she|they|we|is|are|was|were|do|does|did|have|has|had|will|would|can|could)\b)"
                       r"(?P<x>[^.!?]{3,60}?)[.!]*\s*$", re.I)


def _with_not(chosen: str, sents: list[str]) -> str:
    """The sentence said with the "not …" that follows it: what it is, and what it is instead of."""
    if chosen not in sents or chosen.rstrip().endswith("?"):
        return chosen
    k = sents.index(chosen)
    m = _NOT_TAIL.match(sents[k + 1]) if k + 1 < len(sents) else None
    if not m or len(chosen.split()) > 16:
        return chosen
    return re.sub(r"[.!,;\s]+$", "", chosen.strip()) + ", not " + m.group("x").strip() + "."


# "theres a moment when the nan gets up…": a story of their work, as much theirs as a sentence with "I"
_MOMENT = re.compile(r"^\W*(?:and\s+|but\s+)?(?:there'?s|theres|there\s+is)\s+(?:a|this|one)\s+(?:moment|bit|point|time)\b|"
                     r"^\W*(?:the\s+)?(?:best|worst|only good)\s+(?:bit|part|moment|thing|night|day|shift|gig|show|time|week)\s+(?:is|was)\b", re.I)
_BARE_AUX = re.compile(r"^\W*(?:and\s+|but\s+)?i(?:'m|’m| am|m)?\s*(?:not|do|don'?t|did|didn'?t|am|was|wasn'?t|can|can'?t|will|won'?t|have|haven'?t)?\W*$", re.I)
_TAIL_FRAGMENT = re.compile(r"^\W*(?:just|only|like|basically)\s+(?P<x>[^.!?]{3,40}?)\W*$", re.I)


# "sorry for shouting lol.": an apology for how it was said, never the point when anything else was said
_SHORT_SORRY = re.compile(r"^\W*(?:sorry|soz|sry|apologies)\b(?:\W+\w+){0,5}\W*$", re.I)


def _heaviest(candidates: list[str], a: Analysis) -> str:
    """The candidate the heart model weighs most (coach/analyze/heart.py); the last one when it weighs none of them."""
    weighed = [(a.hearing.heart[c], i, c) for i, c in enumerate(candidates) if c in a.hearing.heart]
    if len(weighed) < 2:
        return candidates[-1]
    return max(weighed)[2]


def _outweighs(said: str, sents: list[str], a: Analysis) -> str:
    """The sentence the heart model weighs clearly above the one holding `said`, when there is one."""
    heart = a.hearing.heart
    own = next((x for x in heart if said in x or x in said), "")
    if not own:
        return ""
    fit = [x for x in sents if x in heart and x != own and len(x.split()) >= 3 and not x.rstrip().endswith("?") and not _SHORT_SORRY.match(x)
           and not _FILLER.match(x) and not _POINTER.match(x) and not _WHY_POINTER.match(x) and not _TO_COACH.match(x)
           and not _WH_START.match(_LEAD.sub("", x.strip())) and not _BARE_AUX.match(x) and not L.QUALIFIER.match(x)
           and not _PREAMBLE.match(x) and not _LOGISTICS.search(x) and not _SORRY_ANSWER.match(x) and not SORRY_ENGLISH.fullmatch(x.strip())
           and not _PASTE_NEXT.match(x) and english_enough(x)]
    best = max(fit, key=lambda x: heart[x], default="")
    return best if best and heart[best] - heart[own] > HEART_MARGIN else ""


def english_enough(sentence: str) -> bool:
    """Whether a sentence is English enough to reflect in English: of five or more words, one at least is an
    English function word no other listed language shares ("Mae'r app yn dweud 14 munud i Mrs Pritchard a'r
    fferm" has none; "Am scris în română pentru că…" has only "am")."""
    from coach.analyze.langid import english_words

    en, n = english_words(sentence)
    return n < 5 or en >= 1


def _with_fragment(chosen: str, sents: list[str]) -> str:
    """ "the festival's the same thing really. just strangers instead of cousins": a verbless tail is said
    with the sentence it finishes."""
    m = _TAIL_FRAGMENT.match(chosen)
    if not m or chosen not in sents or sents.index(chosen) == 0 or len(chosen.split()) > 7:
        return chosen
    prev = sents[sents.index(chosen) - 1].strip()
    if prev.endswith("?") or not 3 <= len(prev.split()) <= 14:
        return chosen
    x = m.group("x").strip()
    if re.match(r"^\W*like\b", chosen, re.I) and re.match(r"(?:it'?s|its|it\s+was|i'?m|im|i\s+was|i\s+am|we'?re|they'?re)\b", x, re.I):
        x = "as if " + x  # "like its my fault" is "as if it's my fault", never the coach saying it is
    return re.sub(r"(?:,?\s+really)?[.!,;\s]+$", "", prev) + " — " + x


_REASON_AFTER = re.compile(r"^\W*i\s+(?:just\s+|really\s+)?(?:don'?t|do not|can'?t|cannot|won'?t)\s+(?:want|wanna|bear|stand|imagine)\b", re.I)


def _with_reason(chosen: str, sents: list[str]) -> str:
    """ "i dont want to say no. the residents need people who actually know them": a short refusal is
    said with the sentence that gives its reason, or the reflection keeps the refusal and loses the why."""
    if chosen not in sents or not _REASON_AFTER.match(chosen) or len(chosen.split()) > 8:
        return chosen
    k = sents.index(chosen)
    nxt = sents[k + 1].strip() if k + 1 < len(sents) else ""
    if not nxt or nxt.endswith("?") or _FIRST_PERSON.search(nxt) or _SECOND_PERSON.search(nxt) or not 3 <= len(nxt.split()) <= 14:
        return chosen
    return re.sub(r"[.!,;\s]+$", "", chosen.strip()) + " — " + L.lower_first(nxt)


def _with_simile(a: Analysis, source: str) -> str:
    """ "It feels like a step down though. Like I failed." is one thought: played back whole, never "So you failed." """
    sents = L.sentences(a.text)
    if not _SIMILE.match(source.strip()) or source not in sents or sents.index(source) == 0:
        return source
    before = sents[sents.index(source) - 1]
    tail = re.sub(r"^like\s+(?=(?:it'?s|its|it\s+was|i'?m|im|i\s+was|i\s+am|we'?re|they'?re)\b)", "as if ", source.strip(), flags=re.I)
    # ("like its my fault" is "as if it's my fault": said back without "as if" it reads as the coach agreeing)
    return re.sub(r"(?:,?\s+though)?[.!]+$", "", before.strip()) + " — " + L.lower_first(tail)
