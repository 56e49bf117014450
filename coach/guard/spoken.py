"""Speech as a transcript writes it, read as it was meant: fillers dropped, restarts said once.

    unfill("What, um, what does a typical evening look like?") -> "What does a typical evening look like?"
    unfill("You- you could, you know, try swapping the first one.") -> "You could try swapping the first one."

A counsellor's or mentor's spoken line, transcribed, is full of "um", "uh", "you know" and words said
twice as the speaker restarts. Read literally, "What, um, what does…" is two questions (a false alarm
on an open question) and "Maybe, um, maybe try…" no longer starts like advice, and the detector,
fitted on written lines, reads the fillers as noise it has not seen. Both the rules (text._normalize)
and the detector (detector.normalize, which also makes its training text) read the line through this,
so what is trained is what is checked.

Kept deliberately narrow, so written text passes unchanged: a filler is dropped only as a word of its
own ("ER" the ward and "umbrella" stay); "you know", "I mean" and "like" only where commas set them off
or they open the line with a comma ("I mean it" and "you know what you want" stay); a restart is one to
four words repeated right after a comma or a dash, with the sentence going on after it ("that's,
that's something" -> "that's something"), never a plain repeat ("had had") nor a repeat for emphasis
that is the whole point ("Networking, networking, networking.").
"""

from __future__ import annotations

import re

_FILLER_WORD = r"(?<![\w'’-])(?:[Uu]m+|[Uu]hm*|[Uu]h+|[Ee]rm+|[Ee]r|[Hh]mm+|[Mm]mm*)(?![\w'’-])"
_SET_OFF_WORDS = r"(?:you know|I mean|like|kind of|sort of)"
# a filler set off by commas on both sides: the commas were only there for it ("to, um, sit" -> "to sit")
_BETWEEN = re.compile(rf"\s*,\s*(?:{_FILLER_WORD}|{_SET_OFF_WORDS})\s*,\s*", re.IGNORECASE)
_FILLER = re.compile(rf"{_FILLER_WORD}(?:,|\.(?!\.))?")
_OPENING = re.compile(r"^(?:you know|I mean|like)\s*,\s*", re.IGNORECASE)
_OPENER = re.compile(rf"\s*{_FILLER_WORD}")
_GAP = "\x1f"  # where a set-off filler was: a restart may span it; else it becomes one space
_SEPARATOR = re.compile(rf"\s*,\s+|\s*-+\s+|\s*[—–]\s*|\s*{_GAP}\s*")
_WORDS = re.compile(r"[\w'’]+")
_COMMAS = re.compile(r",(?:\s*,)+")
_SPACE_BEFORE = re.compile(r"\s+([,.?!;:])")
_COMMA_BEFORE_END = re.compile(r",\s*([.?!])")
_SPACES = re.compile(r"[ \t]{2,}")
_HINT = re.compile(rf"{_FILLER_WORD}|{_SET_OFF_WORDS}|[,—–-]\s", re.IGNORECASE)


# A restart begins a clause ("What, what does...", "So that's, that's something") or stops on a word that
# cannot end one ("talk to the, the admissions people"). A content word repeated mid-clause is rhetoric,
# not a restart: "Sleep more than you study, study more than you party" and "actions, actions become
# habits" stay as written.
_CLAUSE_OPENERS = frozenset("and but so or then because well now okay ok yeah yes no like".split())
_UNFINISHED = frozenset(
    "the a an your my our their his its to of in on at for with from by about into than what how why when where "
    "who which i we they he she i'm i'd i've i'll you're you've you'd you'll we're they're it's that's there's".split()
)  # not "do", "that" or "some": they can end a clause ("Whatever you do, do it with kindness")


def _restarts(text: str, start: int, last: str) -> bool:
    """Whether words said at `start` (ending on `last`) can be a speaker starting over."""
    if last.lower().replace("’", "'") in _UNFINISHED:
        return True
    before = text[:start].rstrip()
    if not before or before[-1] in ",.;:!?—–-(":
        return True
    return before.split()[-1].lower().strip(",") in _CLAUSE_OPENERS


def _said_once(text: str) -> str:
    """The first restart in `text` said once: the 1-4 words before a comma or dash, repeated right after
    it, with the sentence going on ("the, the guidelines" -> "the guidelines"; "No, no." stays)."""
    for sep in _SEPARATOR.finditer(text):
        said: list[str] = []
        for word in reversed(text[max(0, sep.start() - 60):sep.start()].split()[-4:]):
            if not _WORDS.fullmatch(word):
                break
            said.insert(0, word)
        if not said:
            continue
        after = text[sep.end():]
        if not any(after[:1].lower() == w[:1].lower() for w in said):  # cheap: no restart can start here
            continue
        dash = "," not in sep.group(0) and _GAP not in sep.group(0)
        for k in range(min(4, len(said)), 0, -1):
            head = " ".join(said[-k:])
            if after[: len(head)].lower() != head.lower() or not _restarts(text, sep.start() - len(head), said[-1]):
                continue
            rest = after[len(head):]
            if (rest[:1].isspace() and _WORDS.match(rest.lstrip())) or (dash and rest[:1] in "'’" and rest[1:2].isalnum()):
                # drop the first saying and the separator: the second goes on with the sentence
                start = sep.start() - len(head) if text[: sep.start()].lower().endswith(head.lower()) else sep.start()
                return text[:start] + text[sep.end():]
    return text


def unfill(text: str) -> str:
    """`text` without transcribed fillers and restarts; unchanged when it has neither."""
    if not _HINT.search(text):
        return text
    out = _BETWEEN.sub(f" {_GAP} ", text)
    out = _FILLER.sub("", out)
    for _ in range(3):  # "you- you- you could" and a restart inside a restart
        again = _said_once(out)
        if again == out:
            break
        out = again
    out = _COMMAS.sub(",", out.replace(_GAP, " "))
    out = _SPACE_BEFORE.sub(r"\1", out)
    out = _COMMA_BEFORE_END.sub(r"\1", out)
    out = _SPACES.sub(" ", out).strip()
    if _OPENER.match(text):  # what the filler opened with is left: ", so..." or "... no."
        out = out.lstrip(",.…; ")
    out = _OPENING.sub("", out, count=1)
    if not any(ch.isalpha() for ch in out):
        return text  # a filler alone ("Hmm.") is what was said
    return out[:1].upper() + out[1:] if text[:1].isupper() else out
