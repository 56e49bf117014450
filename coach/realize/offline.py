"""The offline realizer: the embedded default voice. Deterministic, instant, no model.

One method per move composes the reply from parts: reflections (coach/realize/reflect.py from the
mentee's clause, coach/realize/heard.py from what kind of thing was said), lines and questions from
voice.toml (coach/realize/lines.py: never the same line or question twice in a session).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from coach import language as L
from coach.analyze.hearing import points_back
from coach.mentor.values import as_value_phrase
from coach.analyze.hearing import ANNOUNCED
from coach.realize import heard, put_down
from coach.realize.base import Context
from coach.realize.said import common_word
from coach.realize.wellformed import garbled
from coach.realize.pointed import pointed_reflection
from coach.realize.lines import Picker, Spoken, _norm, voice
from coach.realize.reflect import (
    _EXPERIMENT, _what_was_needed, _NOT, _SHOULD_I, _bedrock_phrase, bedrock_object, complex_reflection, felt, is_desire,
    layered, meaning_line, simple_reflection,
)
from coach.realize.source import _HATE, _SECOND_PERSON, _SOURCED, _UNSURE, _clause, _source_sentence
from coach.realize.source import SORRY_ENGLISH as _SORRY_ENGLISH
from coach.realize.reflect import reflection as reflection_of
from coach.realize.shapes import _SENT_HERE, first_shape, sent_here, shaped
from coach.types import Analysis, Cue, Kind, Move, Plan, ShareLevel


# The beliefs that are plainly beliefs, whatever else the ASSUMPTION move is chosen for ("I can't throw them out"
# is grief, "I can't not care" a value): age, worth, the one way, what they will never allow.
_BOXED_IN = re.compile(r"\b(?:too old|too late|too young|past it)\s+(?:to|for|now|at)\b|\bat my age\b|\bwho(?:'d| would) (?:hire|take on|want)\b|"
                       r"\bthe only way\b|\bnot (?:good|smart|senior|technical|experienced|confident|clever) enough\b|\bpeople like me\b|"
                       r"\b(?:they|nobody|no one|management)\s+(?:won'?t|will never|would never|'ll never)\s+(?:let|give|promote|hire|listen|take)\b", re.I)
_BELIEF_TAIL = re.compile(r"[\s,]+(?:surely|tho|though|lol|anyway|now|really|innit|right|tbh|honestly)\W*$", re.I)


_LIKE_X = re.compile(r"^\W*(?:and\s+|but\s+)?i\s+(?:really\s+|just\s+)?(?:like|love|enjoy)\s+(?:[\w'-]+\s*){1,3}\W*$", re.I)


def _why_after(text: str) -> str:
    """The sentence after a bare "I like driving." that says why (three to twenty-two words, no question)."""
    sents = L.sentences(text)
    for k, x in enumerate(sents[:-1]):
        if _LIKE_X.match(x.strip()):
            nxt = L.strip_end(sents[k + 1].strip())
            if points_back(nxt) or re.match(r"^\W*(?:it'?s|its|that'?s|thats|this is)\b", nxt, re.I):
                return ""  # "It's why I went into this": it points back at the love, it is not the why
            if re.search(r"\b(?:not|never|no|don'?t|doesn'?t|didn'?t|isn'?t|but|though)\b|n't\b", nxt, re.I) or re.match(
                    r"^\W*i(?:'m|’m| am|m)?\s+(?:good|great|ok|okay|fine|decent|bad)\b", nxt, re.I):
                return ""  # "I just don't love writing grants", "i'm good at it": the other side or a self-rating, not the why
            if 3 <= len(nxt.split()) <= 22 and not sents[k + 1].rstrip().endswith("?"):
                return nxt
    return ""


def _belief(a: Analysis, pick: Picker) -> str | None:
    """The sentence that carries the belief ("I'm 58. Too old to start anything new surely"), said back as theirs,
    in their words: never "you're 58" and a question about it."""
    sent = next((x for x in L.sentences(a.text) if _BOXED_IN.search(x)), None)
    if sent is None or sent.rstrip().endswith("?") or len(sent.split()) > 16:
        return None
    s = _BELIEF_TAIL.sub("", L.strip_end(sent.strip()))
    s = re.sub(r"^\W*(?:and|but|so|well|i mean|honestly)[,\s]+", "", s, flags=re.I)
    if re.match(r"^(?:too old|too late|too young|past it|not (?:good|smart|senior|technical|experienced|confident) enough)\b", s, re.I):
        s = "I'm " + s[0].lower() + s[1:]  # their dropped "I"
    if not re.match(r"^(?:i|i'm|im|i've|my|at my|nobody|no one|they|people|the only|everyone|management)\b", s, re.I):
        return None
    # in their own words, in quote marks: "you're too old" in the coach's own voice would be a verdict
    return pick.line("reflect", "belief", quote=L.upper_first(s))


def _named_outright(a: Analysis, mot: Any) -> bool:
    """A motivation is named back after their words only when the words name it too ("money", "learn")."""
    from coach import lexicon

    return lexicon.any_match(lexicon.group("motivation_keywords", mot.value), a.text)


#: Plan cues the offline voice answers with a reflection shaped by what kind of statement it was.
_ANGLES = frozenset({Cue.OTHERS_VIEW, Cue.DENIED, Cue.FEAR, Cue.COMPARISON, Cue.HYPOTHETICAL, Cue.FEELING,
                     Cue.LONG_PASTE, Cue.MIXED_LANGUAGE})

_WORDS_FOR = re.compile(r"\bwhat (?:do|should|shall|can) i (?:tell|say to) (?P<who>(?:my|her|him|them|the) ?[\w-]*)", re.I)

__all__ = ["OfflineRealizer", "Spoken", "opening", "opening_lines", "playback", "share_sentence", "voice"]

def _role_phrase(role: str) -> str:
    r = L.swap_pronouns(role)
    return r if r.lower().startswith(("the ", "your ", "my ", "a ", "an ")) else "the " + r if not r[0].isupper() or " " in r else r


def opening_lines() -> list[str]:
    """The ground rules every session opens with (voice.toml [opening] intro and privacy)."""
    v = voice()["opening"]
    return [*v["intro"], *v["privacy"]]


_WHICH = re.compile(r"\bwhich (?P<what>[a-z]+(?: [a-z]+)?) (?:i|to) (?:should |must |need to )?(?:do|take|pick|choose|go for|get|study|apply (?:for|to))\b"
                    r",?\s*(?P<opts>[^.?!]{3,60})?", re.I)


_DELETE = re.compile(r"\b(?:delete|erase|wipe|remove|get rid of|forget)\s+(?:this|it|all (?:of )?this|everything|what i (?:said|wrote)|my (?:answers|messages|chat))\b", re.I)


def _unknown_words(part: str) -> bool:
    """Most of its words are in no English word list ("dyna ydi o i fi", "dim cyfieithu"): another language
    the language lists don't know yet."""
    from coach import spelling

    checker = spelling.load()
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", part)]
    if checker is None or len(words) < 2:
        return False
    unknown = checker.unknown([w for w in words if len(w) >= 3])
    return 2 * len(unknown) >= len([w for w in words if len(w) >= 3]) > 0


class OfflineRealizer:
    name = "offline"

    def __init__(self) -> None:
        from coach import guard

        # Once per process, so no turn pays for first-use loading (lemminflect's tables cost the
        # first lottery or advice-request reply 200-300 ms before this).
        L.preload()
        guard.preload()

    def compose(self, plan: Plan, ctx: Context) -> Spoken:
        """The words for this plan, and the lines and questions they use (see `Spoken`)."""
        previous = next((t.text for t in reversed(ctx.recent or []) if getattr(t, "role", "") == "coach"), "")
        pick = Picker(ctx.state, previous, said=ctx.analysis.text if ctx.analysis is not None else "")
        parts = self._compose(plan, ctx, ctx.analysis, pick)
        text = re.sub(r"\s{2,}", " ", " ".join(p for p in parts if p)).strip()
        return Spoken(text, pick.took_used, pick.took_asked)

    def realize(self, plan: Plan, ctx: Context) -> str:
        return self.compose(plan, ctx).text

    def revise(self, plan: Plan, ctx: Context, draft: str, reason: str) -> str:
        return self.realize(plan, ctx)

    def stream(self, plan: Plan, ctx: Context) -> Iterator[str]:
        text = self.realize(plan, ctx)
        for word in re.findall(r"\S+\s*", text):
            yield word

    # -- one method per move ----------------------------------------------------------------
    def _compose(self, plan: Plan, ctx: Context, a: Analysis, pick: Picker) -> list[str | None]:
        m = plan.move
        s = ctx.state
        if m is Move.CRISIS and plan.cue in (Cue.CRISIS_CHECK, Cue.CRISIS_CLEARED):
            return [pick.line("crisis", plan.cue.value) or voice()["crisis"][plan.cue.value][0]]
        if m is Move.CRISIS:
            key = "first" if not any(u.startswith("crisis.first") for u in pick.used) else "again"
            return [pick.line("crisis", key) or voice()["crisis"]["again"][0]]
        if m in (Move.REFLECT, Move.DEEPEN, Move.CLARIFY) and len(a.text.split()) <= 16 and ANNOUNCED.search(a.text.strip()):
            # "Got this on LinkedIn this morning:": the text is still to come; nothing of it to reflect yet
            return [pick.line("heard.long", "announced")]
        if m is Move.CLARIFY:
            lang = a.hearing.language
            said = heard.language_line(lang) if a.has(Kind.NOT_ENGLISH) and lang in voice()["heard"]["mixed"] and lang != "en" else None
            return [said, self._clarify_line(a, pick), pick.question("clarify") if plan.ask else None]
        if m in (Move.ACKNOWLEDGE, Move.CORRECT, Move.TRANSPARENCY):
            return self._heard_first(plan, a, pick)
        if m is Move.ADVICE_REQUEST and plan.cue in (Cue.REQUEST_STEPS, Cue.REQUEST_OPINION):
            return heard.request(plan, a.hearing, pick, a.text)
        if m is Move.ADVICE_REQUEST:
            return self._advice(plan, a, pick)
        if m is Move.LOW_EFFORT:
            return self._low_effort(a, pick)
        if m is Move.NORMALIZE:
            # what they said first (the content), then the shame taken out of it, then their meaning asked
            said = simple_reflection(a, pick) if len(a.text.split()) >= 6 else None
            return [said, pick.line("normalize", plan.theme) or complex_reflection(a, plan, pick),
                    pick.first_question(f"normalize_{plan.theme}", "deepen")]
        if m is Move.CONFIRM_BEDROCK:
            said = plan.target.text if plan.target is not None else a.bedrock_text
            obj = _bedrock_phrase(bedrock_object(said if plan.target is not None else a.text, said))
            if not obj and plan.cue is Cue.EXPLICIT_BEDROCK and 1 <= len(said.split()) <= 16:
                parts = [L.lower_first(L.swap_pronouns(L.trim_hedges(re.sub(r"^\W*(?:nah|yeah|ya|yes|yep|ok(?:ay)?|well|so|honestly|fine)\b[,.!]*\s*", "", p, flags=re.I)))).strip(" ,.")
                         for p in re.split(r",\s+|[.!?]+\s+", said)
                         if not re.fullmatch(r"\W*(?:yeah|yes|yep|yup|ok(?:ay)?|right|exactly|true|so|and|haha|lol)\W*", p, re.I)]
                parts = [p for p in parts if p and garbled(p, "phrase") != "another language" and not _unknown_words(p)] or parts
                # ("Dyna ydi o i fi. People should be able to be understood as themselves": the Welsh is not said
                # back through an English frame, its "i" never made "you")
                obj = ", ".join(p for p in parts if p)  # "fairness, clear rules", "deep focus, being left alone to…"
            obj = re.sub(r"(?:[,.]\s*|\s+)(?:yeah|yes|yep|yup|ok(?:ay)?|haha|lol|tho|though)\W*$|[,.]\s*(?:right|that|this)\W*$", "", obj, flags=re.I) if obj else obj
            # ("getting it right" keeps its "right"; "seeing a farmer stand on her own feet, that" loses its pointer)
            obj = re.sub(r"^\W*(?:nah|yeah|ya|yes|yep|aye|och|ok(?:ay)?|well|honestly|mm+|hmm+|haan|ha|ji|ja|oui|sí|si|tak|opo|oo|ndiyo|ee)\b[,.!]*\s*", "", obj, flags=re.I) if obj else obj
            obj = re.sub(r"(?<=,\s)([A-Z][a-z]+)\b", lambda m: m.group(1).lower() if common_word(m.group(1).lower()) else m.group(1), obj) if obj else obj
            # ("being needed, Being the one who keeps it running": two sentences joined, the second's capital dropped)
            why = _why_after(a.text) if (not obj or len(obj.split()) <= 2) and plan.cue is not Cue.EXPLICIT_BEDROCK else ""
            if why:
                # "I like driving. Is quiet, I know what to do, nobody shouting at me": the why is the deeper thing,
                # never "runs deeper than any one job: driving"
                frame = pick.line("confirm", "quote", quote=L.quote(L.upper_first(why), 140))
                if frame:
                    return [frame, pick.question("confirm")]
            frame = pick.line("confirm", "frame", exact=obj) if obj else None
            if frame is None:  # no need, love or activity to name: their own words, held up for them to check
                source = a.text if len(a.text) <= 110 else (a.bedrock_text or _source_sentence(a))
                if re.search(r"[.!?]\s+\S", source.strip()):
                    source = a.bedrock_text or _source_sentence(a)  # one sentence, never fragments glued together
                mentee = [t.text for t in ctx.recent if t.role == "mentee"]
                before = mentee[-2] if len(mentee) >= 2 and mentee[-1].strip() == a.text.strip() else (mentee[-1] if mentee else "")
                if len(a.text.split()) <= 6 and points_back(a.text) and before and not points_back(before):
                    # "yeah thats it" confirms what they said before, never itself: that, one sentence of it
                    source = next((x for x in L.sentences(before) if len(x.split()) >= 3), before)
                if plan.target is not None and plan.target.text and plan.target.text not in a.text and all(points_back(x) for x in L.sentences(a.text)):
                    source = plan.target.text  # "That. That is the whole job for me.": what the policy found it points at
                source = re.sub(r"^\W*(?:but|and|so)\s+", "", source.strip(), flags=re.I)  # "But I do love it" -> "I do love it"
                frame = (pick.line("confirm", "quote", quote=L.quote(L.upper_first(source), 100)) if len(source.split()) >= 3 else None)
            return [frame or complex_reflection(a, plan, pick), pick.question("confirm")]
        if m is Move.PASSION:
            topic = self._energy_topic(a)
            if not topic:  # a moment rather than a kind of work: "When the CFO thanked me I felt ten feet tall"
                moment = bool(re.search(r"\b(when|was|were|did|last|once|got)\b", a.text, re.I))
                return [felt(a, pick) or simple_reflection(a, pick) or pick.line("passion", "moment"),
                        pick.first_question("passion_moment" if moment else "passion", "deepen")]
            return [pick.line("passion", "frame", topic=topic), pick.first_question("passion", "deepen")]
        if m is Move.ENTAIL:
            return self._entail(plan, a, s, pick)
        if m is Move.RECALL and plan.recall is not None:
            return [pick.line("recall", "frame", date=plan.recall_date or "an earlier session",
                              quote=L.quote(plan.recall.text)), pick.first_question("recall", "deepen")]
        if m is Move.SUMMARIZE and plan.cue is Cue.AGAIN:
            return [pick.line("playback", "again") or voice()["playback"]["again"][-1]]
        if m is Move.SUMMARIZE or m is Move.CLOSE:
            return [playback(s, closing=m is Move.CLOSE, wrap=m is Move.SUMMARIZE and plan.cue is Cue.WRAP_UP, summary=ctx.summary)]

        if m is Move.PRIVACY:
            share = ctx.share.value if ctx.share else "private"
            if _DELETE.search(a.text):  # "And delete this after please, if you can.": how, plainly, and nothing asked
                return [voice()["privacy"]["delete"]]
            # the answer, then an invitation: never "what did you mean to say?" after a plain question
            return [voice()["privacy"][share], pick.first_question("after_privacy", "clarify", "deepen_situation")]
        prefix = None
        if plan.cue is Cue.BEDROCK_CONFIRMED and s is not None and s.bedrock_confirmed:
            last = s.bedrock_confirmed[-1]
            rest = re.sub(r"^\W*(?:yes|yeah|yep|exactly|right|true|absolutely)\b\W*", "", a.text, flags=re.I)
            rest = re.sub(r"\b(?:that|it|this)(?:'s|’s| is| does| feels| sounds| rings)\s+(?:really\s+|so\s+|very\s+)?(?:true|right|it|me|spot on|about right)\b\W*",
                          "", rest, flags=re.I)  # "yeah. that feels true. bit scary to say it out loud": the yes is not more said
            said_more = len(rest.split()) >= 8
            if said_more and not last.get("own_words"):
                # "Yes. My mum was a single parent and I was the one who kept things running.": the yes is
                # heard, and so is where it comes from
                prefix = simple_reflection(a, pick)
            else:
                obj = _what_was_needed(as_value_phrase(last["text"])) if last.get("own_words") else bedrock_object(last["text"])
                # "what i love is being the person whos there…": the love is the frame's; what they love is the object
                obj = re.sub(r"^\W*(?:(?:ok|so|and)\W+)*(?:what|the thing|the bit|the part) (?:you|i) (?:really |most )?(?:love|need|want|care about|like)(?: most)? is\s+",
                             "", obj, flags=re.I) if obj else obj
                prefix = pick.line("confirm", "confirmed", object=obj) if obj else None
        cache: dict[str, str | None] = {}

        def reflection() -> str | None:
            # built only when a move uses it: every line picked is marked used, so none is spent unseen
            if "r" not in cache:
                cache["r"] = prefix or reflection_of(plan, a, pick)
            return cache["r"]

        if m in (Move.REFLECT, Move.DEEPEN) and _SORRY_ENGLISH.fullmatch(a.text.strip()):
            # "desculpa, my english is a bit bagunçado when I am nervous": nothing to apologise for, and nothing to
            # reflect back as a feeling
            return [pick.line("heard.mixed", "no_sorry")]
        if m in (Move.REFLECT, Move.DEEPEN):
            wanted = heard.wanted_heard(a.text, pick)
            if wanted:  # "I just wanted somebody to hear the Arne story who doesn't have a dashboard. Thank you.": heard
                return [wanted]
        if m in (Move.REFLECT, Move.DEEPEN) and put_down.found(a.text):
            # "im not exactly brainy. if i wasnt thick maybe": their verdict on themselves is never said back as fact
            down = put_down.reflect(a.text, pick)
            if down and down[0]:
                return [down[0], down[1] if plan.ask and m is Move.DEEPEN else None]
        if m in (Move.REFLECT, Move.DEEPEN) and plan.cue is not Cue.DENIED:
            both = heard.contrast.reflect(a.text, pick, ask=plan.ask and m is Move.DEEPEN)
            if both and both[0]:  # "I'm not angry he sold. … I'm angry he told me with the whole staff": both halves
                return [p for p in both if p]
        if m in (Move.REFLECT, Move.DEEPEN) and plan.cue in _ANGLES:
            parts = self._angle(plan, a, pick)
            if parts is not None and parts[0]:
                if not plan.ask or str(parts[-2] if len(parts) > 1 else parts[0] or "").rstrip().endswith("?") and parts[-1] is None:
                    return [p for p in parts[:-1]]  # (a line that already asks its own question gets no second one)
                return parts[:-1] + [parts[-1] or self._deepen_question(plan, a, pick, True)]
        if m is Move.REFLECT:
            # a reflection-only turn: their words first (a felt or layered reflection carries both their
            # clause and the meaning); a motivation named alone would fit anyone, so it only follows words
            layered_or_felt = shaped(a, pick) or felt(a, pick) or layered(plan, a, pick)
            if layered_or_felt:
                return [layered_or_felt]
            said = reflection()
            if said:
                return [said, meaning_line(a, plan, pick, said)]
            # nothing of theirs to play back on its own: ask instead (a reflection-only turn needs words)
            return [self._deepen_question(plan, a, pick)]
        if m is Move.LOTTERY:
            return [reflection(), self._lottery_bridge(plan, a, s, pick), pick.question("lottery")]
        if m is Move.SWEET_SPOT:
            return [reflection(), pick.line("bridge", "sweet_spot"), pick.question("sweet_spot")]
        if m is Move.INFLUENCE_AUTHORITY:
            return [complex_reflection(a, plan, pick) or reflection(),
                    pick.first_question("influence_authority", "deepen")]
        if m is Move.ASSUMPTION:
            # "My dad always said specialise" already says where the idea comes from: don't ask that
            keys = ("assumption_sourced", "assumption", "deepen") if _SOURCED.search(a.text) else ("assumption", "deepen")
            return [_belief(a, pick) or reflection(), pick.first_question(*keys)]
        if m is Move.EXPERIMENT:
            return self._experiment(a, reflection, pick)
        if plan.cue is Cue.WANDER:
            return [pick.line("wander", "lines"), pick.first_question("wander", "deepen")]
        # DEEPEN: their words, the meaning underneath when their words name it, one question; the topic once
        said = reflection()
        reflected = bool(said and a.goal and L.gerund(L.swap_pronouns(a.goal)).lower() in said.lower())
        meaning = meaning_line(a, plan, pick, said) if said and plan.complex else None
        if said and _SENT_HERE.search(a.text) and "idea" in said:
            return [said]  # "daughter set this up": the time is handed back; a question on top would take it again
        return [said, meaning, self._deepen_question(plan, a, pick, reflected)]

    @staticmethod
    def _heard_first(plan: Plan, a: Analysis, pick: Picker) -> list[str | None]:
        """Moves that answer what kind of thing was said before anything else: a loss, news, small talk,
        a correction, a question or a complaint about the coach."""
        h = a.hearing
        if plan.cue is Cue.SMALL_TALK:
            parts = heard.small_talk(a.text, pick, goodbye=a.has(Kind.GOODBYE))
            if a.has(Kind.GOODBYE) and a.hearing.pointed:
                # "i dont want to be the bloke in the photo on the wall while im still alive. thats all it is. anyway tide
                # waits for nobody. cheers": what they held up on the way out is said back before the thanks (batch 18)
                held = pointed_reflection(a, pick)
                if held:
                    return [held, *parts]
            return parts
        if plan.cue is Cue.BOUNDARY:
            return heard.boundary(h, pick)
        if plan.cue is Cue.LOSS:
            return heard.loss(h, pick, text=a.text)
        if plan.cue is Cue.GOOD_NEWS:
            return heard.good_news(h, a, pick)
        if plan.cue is Cue.BAD_NEWS:
            return heard.bad_news(h, pick, text=a.text)
        if plan.move is Move.CORRECT:
            return heard.correction(h, pick)
        if plan.cue is Cue.COMPLAINT:
            return heard.complaint(pick, a.text)
        return heard.about_coach(a.text, pick)

    def _angle(self, plan: Plan, a: Analysis, pick: Picker) -> list[str | None] | None:
        """A reflection shaped by what kind of statement it was (see coach/realize/heard.py)."""
        h, c, cue = a.hearing, plan.claim, plan.cue
        said_it = first_shape(a, pick)
        if said_it:  # "I just needed to say it somewhere": nothing is hunted for underneath; "so unpaid weekends = passion"
            return [said_it, None]
        if cue is Cue.OTHERS_VIEW and c is not None:
            sent = sent_here(a, pick)  # "my manager said to try it": why they are here, not a want to weigh
            if sent:
                return [sent, pick.question("heard.about_coach")]
            helper = _SENT_HERE.search(a.text)
            if helper and c.start < helper.end() + 80 and re.search(r"\b(?:talk to|use|try|do|play with)\s+(?:it|this)\b", c.text, re.I):
                return None  # "My daughter put this on my phone, she say talk to it mommy": the app's helper, not a want for them
            return heard.chorus(h, c, pick) or heard.others(c, pick, a.text)
        if cue is Cue.DENIED:
            return heard.denied(h, pick, text=a.text)
        if cue is Cue.FEAR:
            return heard.fear(h, a.text, pick)
        if cue is Cue.COMPARISON and c is not None:
            return heard.compare(c, pick)
        if cue is Cue.HYPOTHETICAL and c is not None:
            return heard.hypothetical(c, pick)
        if cue is Cue.FEELING:
            shaken = heard.after_event(a.text, pick)
            if shaken:  # "…told me in front of everyone that my work was sloppy. i'm shaking": what happened, and them
                return [shaken, pick.question("heard.shaken")]
            parts = heard.feeling(h, pick)
            if parts and parts[0] and not heard.carries_content(parts[0], a.text):
                # "That sounds exhausting." alone fits anyone: what they said first, then the feeling — unless
                # their words, said back, already name it ("you're exhausted")
                said = shaped(a, pick) or felt(a, pick) or simple_reflection(a, pick)
                if said and any(f.text and f.text.lower().split()[-1] in said.lower() for f in h.feelings):
                    # their words already name it: the question after it, never the feeling said twice
                    # ("It sounds like you're tired. You sound worn out.")
                    return [said, parts[-1] if len(parts) > 1 and str(parts[-1] or "").rstrip().endswith("?") else None]
                return [said, *parts] if said else parts
            return parts
        if cue is Cue.LONG_PASTE:
            return heard.long_paste(h, pick, None, a.text)
        if cue is Cue.MIXED_LANGUAGE:
            # the English part reflected only when it says something ("That's all." or "you know?" does not)
            sorry = _SORRY_ENGLISH.search(h.english or "")
            rest = _SORRY_ENGLISH.sub("", h.english or "") if sorry else h.english
            says = rest and len(re.findall(r"[a-z]{4,}", rest.lower())) >= 2
            english = reflection_of(plan, a, pick) if says else None
            parts = heard.mixed(h, pick) if not sorry else heard.mixed(replace(h, english=rest), pick)
            if sorry and not says:  # "My English is not so good sorry": no apology is owed, and it is not what to reflect
                return [*parts[:-1], pick.line("heard.mixed", "no_sorry"), pick.line("heard.mixed", "ask_english")]
            if english is None and not parts[-1] and (sorry or len((rest or "").split()) < 8):
                # nothing of theirs could be said back in English: ask for the heart of it, never "How does that sit…?"
                return [*parts[:-1], pick.line("heard.mixed", "no_sorry") if sorry else None, pick.line("heard.mixed", "ask_english")]
            from coach.analyze.langid import foreign_word

            if english and len((rest or "").split()) >= 0.75 * len(a.text.split()) and not any(
                    foreign_word(w) for w in re.findall(r"[^\W\d_]+", english)) and not re.search(r"\b[A-Z]{2,}\s+[A-Z]{2,}\b", english):
                # "he says close na daw the store kasi pagod na ako": mostly English, a few words of home; no notice
                # that coaching is in English, only what they said
                return [english, self._deepen_question(plan, a, pick)]
            return [*parts[:-1], english or parts[-1], self._deepen_question(plan, a, pick)]
        return None

    @staticmethod
    def _lottery_bridge(plan: Plan, a: Analysis, s: Any, pick: Picker) -> str | None:
        """A sentence that carries the conversation over to the lottery question, so it never lands as filler."""
        if plan.cue is Cue.OPEN_FUTURE:
            return pick.line("bridge", "lottery_open") or pick.line("bridge", "lottery")
        goals = getattr(s, "goals", None) or []
        goal = L.gerund(L.swap_pronouns(L.drop_time(goals[-1]["text"]))) if goals else ""
        if not goal or _SECOND_PERSON.search(goals[-1]["text"]) or len(goal.split()) > 6:
            goal = ""
        if plan.cue is Cue.BEDROCK_CONFIRMED:
            return (pick.line("bridge", "lottery_confirmed_goal", goal=goal) if goal else None) or pick.line(
                "bridge", "lottery_confirmed")
        return (pick.line("bridge", "lottery_goal", goal=goal) if goal else None) or pick.line("bridge", "lottery")

    def _deepen_question(self, plan: Plan, a: Analysis, pick: Picker, reflected_topic: bool = False) -> str | None:
        keys: list[str] = []
        if plan.cue is Cue.BEDROCK_CONFIRMED:
            # bedrock is the bottom of the ladder: look forward from it, never "what would that give you?"
            q = pick.first_question("after_bedrock", "deepen_situation")
            if q:
                return q
        if plan.cue is Cue.BEDROCK_DENIED:
            keys.append("deepen_after_deny")
        if plan.cue is Cue.AGREED:
            keys.append("deepen")  # "Yeah." to a reflection: ladder on from what was just played back
        elif a.goal and not a.has(Kind.FEELING):
            pass  # a goal: the 'why' questions fit, whatever the sentiment model makes of "hardest problems"
        elif a.sentiment < -0.3 and (a.has(Kind.FEELING) or _HATE.match(_clause(_source_sentence(a)) or "")):
            keys.append("deepen_negative")
        elif a.sentiment < -0.2:
            if pick.previous_asked:
                return None  # a situation, after a question: their words said back are enough this turn (no stock probe)
            keys.append("deepen_situation")  # not "what would that give you?" after something painful
        elif _UNSURE.search(a.text):
            keys.append("deepen_unsure")
        elif not is_desire(a):
            about = a.hearing.about
            if about and not _SECOND_PERSON.search(about):
                # "What is it about the driver trainer post that stays with you?": their words in the question, where
                # "What part of that stays with you?" could follow anything
                q = pick.question("deepen_about", topic=L.swap_pronouns(about))
                if q:
                    return q
            if pick.previous_asked:
                # "What part of that stays with you?" could follow anything: after a question, a reflection of a
                # situation stands on its own, and they go on (two blind reads rated these probes poor)
                return None
            keys.append("deepen_situation")
        mot = plan.motivation
        topic = L.gerund(L.swap_pronouns(a.goal)) if a.goal and not _SECOND_PERSON.search(a.goal) and not re.search(r"\s+or\s+", a.goal) else ""
        # ("stay until sixty five or move to non executive roles" is two things: "what is it about… that pulls you?" fits neither)
        if topic and plan.depth <= 1 and not reflected_topic:
            q = pick.question("deepen_topic", topic=topic)
            if q:
                return q
        if mot is not None and plan.depth % 2 == 0:
            keys.append(mot.value)
        if keys:
            q = pick.first_question(*keys)
            if q:
                return q
        keys += ["deepen"] + ([mot.value] if mot is not None else [])
        return pick.first_question(*keys) or pick.first_question(*[m.value for m in _ALL_MOTIVATIONS])

    def _advice(self, plan: Plan, a: Analysis, pick: Picker) -> list[str | None]:
        if plan.cue is Cue.INJECTION:
            return [pick.line("advice", "injection") or pick.line("advice", "lead"),
                    pick.first_question("injection", "advice")]
        dilemma = None
        which = _WHICH.search(a.text)
        if which and which.group("opts") and re.search(r"\bor\b", which.group("opts"), re.I):
            # "which certification I should do, OSCP or CISSP or CySA+": the choice in their words, never "this decision"
            opts = re.sub(r",?\s+or\s+", " or ", L.strip_end(which.group("opts")).strip(" ,"), flags=re.I)
            dilemma = pick.line("advice", "which", what=which.group("what").lower(), opts=opts)
        m = _SHOULD_I.search(a.text) if dilemma is None else None
        do_what = _DO_WHAT.match(m.group("x")) if m else None
        if do_what:  # "so what should i do, pick backend or not?": the choice is what follows the comma, not "do"
            x = L.strip_end(L.swap_pronouns(do_what.group("rest") or ""))
            x = re.split(r"\s+or\s+not\b|,", x)[0]
            if len(x.split()) >= 2 and L.is_verb_phrase(x.split()[0]):
                dilemma = pick.line("advice", "dilemma", clause=x, clause_gerund=L.gerund(x))
        elif m is not None and not _SECOND_PERSON.search(m.group("x")):
            x = L.strip_end(L.swap_pronouns(m.group("x")))
            x = re.split(r"\s+or\s+not\b|,", x)[0]
            if x.split() and not re.search(r"\b(it|this|that)$", x):
                dilemma = pick.line("advice", "dilemma", clause=x, clause_gerund=L.gerund(x))
        asked = heard.verdict_asked(a.text) if dilemma is None and not which else ""
        if asked:
            # "just tell me honestly. am i too old for this. please": the question they asked, named as theirs (never
            # "what options can you see?"), and a plea met before the stance
            care = pick.line("advice", "plea") if re.search(r"\b(?:please|pls|plz|begging)\b", a.text, re.I) else None
            named = pick.line("heard.request", "opinion_on", x=asked)
            if named:
                return [care, named, pick.line("heard.request", "opinion_stance"), pick.question("heard.opinion")]
        either = bool(m and re.search(r"\s+or\s+(?!not\b)", m.group("x"), re.I)) or bool(which and dilemma)
        q = pick.question("heard.dilemma") if either else None  # two offers named: not "what options can you see?"
        plain = None
        choice = _choice(a.text) if dilemma is None and not asked else ""
        if choice:
            # "just tell me what to do mate. stay or go.": what they are choosing between, in their words
            dilemma = pick.line("advice", "choice", choice=choice)
            q = q or pick.question("heard.dilemma")
        if dilemma is None and _PLAIN_ANSWER.search(a.text):
            plain = pick.line("advice", "plain")  # "Just tell me yes or no.": what they asked for, not a decision they never named
        words = _WORDS_FOR.search(a.text) if dilemma is None else None
        if words:  # "what do i tell my mum. like give me the words": the words for someone, asked for
            plain = pick.line("advice", "words_for", who=L.swap_pronouns(words.group("who")))
        lead = pick.line("advice", "lead") or pick.line("advice", "injection")
        if (plain or choice) and lead and "straight answer" in lead:
            lead = pick.line("advice", "lead") or lead  # never "You'd like a plain answer… I hear that you'd like a straight answer."
        return [dilemma or plain or pick.line("advice", "feel"), lead, q or pick.first_question("advice", "injection", "clarify")]

    def _low_effort(self, a: Analysis, pick: Picker) -> list[str | None]:
        said = L.strip_end(a.text)[:20] or "That"
        for i, (opener, question) in enumerate(voice()["low_effort"]["pairs"]):
            qid = f"q.low_effort.{i}"
            if qid in pick.asked:
                continue
            pick.mark_asked(qid, _norm(question))
            return [opener.replace("{said}", L.upper_first(said)), question]
        return [pick.line("fallback", "pause") or "", None]

    def _clarify_line(self, a: Analysis, pick: Picker) -> str | None:
        notes = " ".join(a.notes)
        if "binary" in notes:
            key = "binary"
        elif "not English" in notes:
            key = "not_english"
        elif "looks like code" in notes:
            key = "code"
        elif "analyzed the first" in notes:
            key = "huge"
        elif a.text.strip():
            key = "symbols"
        else:
            key = "empty"
        return pick.line("clarify", key) or pick.line("clarify", "empty") or pick.line("fallback", "pause") or ""

    def _entail(self, plan: Plan, a: Analysis, s: Any, pick: Picker) -> list[str | None]:
        roles = a.roles or (s.roles[-1:] if s is not None and s.roles else [])
        role = _role_phrase(roles[0]) if roles else ""
        if plan.cue is Cue.INFO_REQUEST:
            lead = pick.line("advice", "info")
        else:
            lead = L.upper_first(role) if role else simple_reflection(a, pick)
            neg = _NOT.search(a.text)
            if lead and neg and role:
                lead = f"{lead}, and not {L.swap_pronouns(neg.group('x').strip())}."
            elif lead and not lead.endswith("."):
                lead += "."
        q = pick.question("entail", role=role) if role else None
        return [lead, q or pick.first_question("entail", "deepen")]

    @staticmethod
    def _energy_topic(a: Analysis) -> str:
        m = re.search(r"\b(?:about|when i talk about|talking about|doing|on|with)\s+(?P<t>(?:the |my |our |a )?[a-z][a-z \-']{2,40}?)(?:[,.!?]|\s+(?:i|and|it|that|because)\b|$)", a.text, re.I)
        if m:
            return L.swap_pronouns(m.group("t").strip())
        if a.goal:
            return L.gerund(L.swap_pronouns(a.goal))
        # "ITU is amazing but its all machines": what is amazing, named as they named it
        m = re.search(r"(?:^|[.!?]\s+)(?P<t>(?:the |my |our |a |an )?[A-Za-z][\w\-']*(?: [\w\-']+){0,3}?)\s+(?:is|was|are|were|'s)\s+"
                      r"(?:so |just |really |absolutely |honestly )?(?:amazing|brilliant|incredible|the best|awesome|fantastic|magic|"
                      r"my favou?rite|everything|fascinating|great|wonderful)\b", a.text, re.I)
        if m and m.group("t").lower().split()[0] not in ("it", "that", "this", "which", "there", "everything", "life"):
            return L.swap_pronouns(m.group("t").strip())
        return ""

    def _experiment(self, a: Analysis, reflection: Callable[[], str | None], pick: Picker) -> list[str | None]:
        m = _EXPERIMENT.search(a.text)
        if m and a.has(Kind.EXPERIMENT):
            vp = L.strip_end(m.group("vp") or m.group("vp2"))  # ("Maybe I try it for 3 months…": a learner's "I'll")
            vp = re.split(r",?\s+(?:and\s+)?if\s+i\b", vp, maxsplit=1, flags=re.I)[0]  # the trial, not its way back
            head = vp.split(" ", 1)[0].lower()
            if not head.endswith("ing"):
                vp = L.gerund(vp)
            # their idea, said as theirs ("…would be one way to find out" reads as a suggestion from the coach)
            line = f"{L.upper_first(L.swap_pronouns(vp))} — that's an experiment of your own."
            return [line, pick.first_question("experiment_followup", "deepen")]
        return [reflection(), pick.first_question("experiment_invite", "deepen")]


from coach.types import Motivation as _M  # noqa: E402  (kept last: only used as a fallback order)

_ALL_MOTIVATIONS = list(_M)


_DO_WHAT = re.compile(r"^(?:do|do now|do next|do here|do about it|do then)\b\s*(?:,\s*(?P<rest>[^?]+))?", re.I)
# a choice put as "X or Y" in a short phrase of its own: "stay or go", "supervisor or no", "take it or not"; or a short
# noun phrase before "Yes or no." ("Room leader for the baby room. Yes or no.")
_CHOICE = re.compile(r"(?:^|[.!?,]\s+|\b(?:tell me|just)\s+)\W*(?P<c>(?!yes\b|no\b)[a-z][\w'-]*(?:\s+[\w'-]+){0,3}\s+or\s+(?!not\s+\w)[\w'-]+(?:\s+[\w'-]+){0,2})(?=\W*(?:[.!?]|$))", re.I)
_BEFORE_YES_NO = re.compile(r"(?:^|[.!?]\s+)(?P<c>[A-Za-z][\w' -]{3,50}?)[.:,]\s+yes\s+or\s+no\b", re.I)


def _choice(text: str) -> str:
    for m in _CHOICE.finditer(text):
        if not re.search(r"\b(?:i|you|me|my|should|would|what|which|do|does|is|are|tell|just|yes)\b", m.group("c"), re.I):
            return L.strip_end(m.group("c")).lower()
    m = _BEFORE_YES_NO.search(text)
    if m and len(m.group("c").split()) <= 8 and not re.search(r"\b(?:i|you|me|tell|just|please|should|would)\b", m.group("c"), re.I):
        return L.strip_end(m.group("c")).lower() + ": yes or no"
    return ""


_PLAIN_ANSWER = re.compile(r"\b(?:yes or no|straight answer|an answer|the answer|just (?:tell|give) me|what (?:would|should) (?:you|i) do)\b", re.I)


def share_sentence(share: ShareLevel) -> str:
    return voice()["opening"][f"share_{share.value}"]


def opening(share: ShareLevel) -> str:
    v = voice()["opening"]
    return " ".join([v["intro"][0], v["privacy"][0], share_sentence(share), v["first_question"][0]])


SAID_MUCH_TURNS = 4  # mentee turns after which an empty summary is no sign that little was said


def playback(state: Any, *, closing: bool = False, wrap: bool = False, summary: Any = None) -> str:
    """Play back what was heard, in the mentee's own words (quotes), never advice: said from the
    session's bedrock summary (`summary`, coach/mentor/summary/playback.py), so it credits only what
    the summary's evidence-checked items do. Without a summary nothing is credited."""
    from coach.mentor.summary.playback import playback_text

    return playback_text(summary, closing=closing, wrap=wrap, said_much=getattr(state, "turn", 0) >= SAID_MUCH_TURNS)
