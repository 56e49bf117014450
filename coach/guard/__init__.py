"""The guard: one detector for what a coach (or mentor) line must not do, used everywhere.

It reads a line and reports advice (including persuasion and advice dressed as a question),
judgment of the mentee's goals, more than one question, closed or leading questions and leaked
instructions, and it also names the good moves it sees (open questions, simple and complex
reflections). The same `check` runs on every offline and LLM coach turn (on every screen state of a
streamed reply), behind `coach check` and the mentor-prep checker; the evals judge it with their own,
independent rules.

Two parts, one verdict:

* rules (the modules named for a label family, patterns in rules/*.toml): the crisp cases, and the
  words a flag is explained with; they also know which forms are safe whatever their words (a
  playback of the mentee's own "should", an invitation, a confirmation check);
* a learned detector (detector.py: a head on the int8 MiniLM's middle layers, trained by
  `python -m coach.guard.train`) that catches paraphrases the rules have never seen ("One thing that
  might help is ..."). It adds advice, judgment or a leading question where the rules are silent and
  its probability passes the threshold calibrated on a split it was never trained on (combine.py).
  `COACH_GUARD_DETECTOR=off` runs the rules alone.

Cost: the rules take well under 2 ms a line; the detector ~1.5 ms per new sentence (remembered by
text, so a streamed reply's passed sentences and the offline voice's repeated lines cost nothing).
`explain.py` says which words carry a flag, why it matters and how to say it instead.

Decisions worth knowing (documented here because callers depend on them):

* ``ok`` is False when any of advice, judgment, multiple_questions, closed_question,
  leading_question or leak is present. Reflections and a single open question are fine.
* A question that carries a suggestion ("Have you considered asking for a raise?", "Why don't you
  apply?") is labelled ``advice`` *and* ``leading_question``: it steers toward an answer.
* Checking a playback ("Does that feel true to you?", "Is that close?", or a reflection spoken as a
  question, "So it's less about the title and more about the say?") is the coach's one allowed
  yes/no question. It is labelled ``question`` + ``confirmation`` — never ``closed_question`` — and
  counts as one question (so a playback check plus another question is still two).
* A message that points to crisis resources (988, a crisis line, an emergency number) is care, not
  coaching: it gets the ``care`` label and its imperatives ("please call", "reach out to someone you
  trust") are exempt from the advice rule. Other sentences in it are still checked.
* Text inside quotation marks is the mentee's (or someone else's) words and is masked before the
  advice, judgment and question rules run: 'You said "I should just quit"' is not advice.
* A "should"/"need to" clause that reports what the mentee or someone else said or feels ("You feel
  you should have been promoted") or that mirrors ``mentee_text`` is a reflection, not advice.
* Flattery of the mentee, their question or their traits ("Great question!", "You're a natural
  leader", "I'm glad to see that you ...") and predictions or promises about their future ("You will
  be a tech lead", "I'm sure you'll succeed", "It'll all work out") are ``judgment``, unless a report
  frame precedes them ("You believe you'll ...", "You're worried you'll ...") or they sit in an
  embedded clause ("what you're good at", "only you will see it"). A prediction inside a sentence that
  already gives advice is part of that steer and counts as advice only ("Take it, you'll enjoy it").
* Offers to advise ("Here are some tips", "I'll give you a few ideas", "One thing you can do is ...")
  and advice in generic form ("The key to getting promoted is visibility", "People in your position
  usually ...", "A mentor can really help you") are ``advice``; after a refusal in the same sentence
  ("I won't give you tips", "I'm not going to tell you what the best way is") they are not.
* Advice without an imperative or modal is still advice: naming what the mentee lacks ("You need a
  mentor, plain and simple", "What you need is a sponsor", "A portfolio is exactly what you need"),
  "realistically you'd have to ...", and verdicts that hand over a conclusion ("The answer is a sponsor",
  "Contracting is the way to go", "It's time to move on", "A transfer makes the most sense"), also with a
  thing as the subject ("A mentor might be the missing piece", "A side project could be a good way in",
  "One option is a transfer", "Networking is key here"). The bare "You need X." (the offline voice's
  playback of "I need X") counts only with no determiner ("You need visibility"), a determiner of lack
  ("a", "more", "a better"), an intensifier or a cleft, and never when X is an inner need ("room to
  think", "to feel trusted", "a manager who trusts you"); "the"/"your"/gerund objects are the voice's
  fillers and stay playbacks. "What you want is a smaller company" is the same verdict about a want.
* Playback is decided against ``mentee_text`` in the coach's pronouns ("I need a mentor" ->
  "you need a mentor") and from the mentee's statements only: answering "Do I need a mentor?" with
  "You need a mentor" is advice. A report tag after a clause (", you said", "— your words") makes it a
  playback just as a report frame before it does.
* A list offered as an answer is advice: bulleted bare nouns (lines "- Networking", "- A portfolio"),
  nouns after a header that names things to do ("Three things: ...", "Top priorities: ...", "Step one:
  ..."), "First, X. Then, Y.", gerund actions ("- Talking to your manager"), numbered lists run into one
  line ("1. Networking 2. Visibility"), and a bare list of nouns replying to a request for advice in
  ``mentee_text``. A list is a playback when a frame says whose words they are ("You mentioned three
  things: ...", "Here's what I heard:"), a confirmation check follows, or most items are the mentee's.
* Lines a small model writes without "you should" still break the stance: "should" with a thing of the
  mentee's life as the subject ("Your goal should ...", "The plan should ..."), "why not <verb> ...?"
  (not "Why not earlier?" or "Why not finance?", which ask about a choice the mentee made), the fix
  made to sound easy ("it's as simple as asking"), an option sold by what it brings ("This can give
  you the opportunity to ..."), "The advice is to ...", "The answer to your question is ...", maxims of
  prerequisite ("You can't X without Y-ing") and standing offers of advice or help ("If you need help
  with anything else, just let me know") are ``advice``. Verdicts on the mentee or what they did, for or
  against ("You're right.", "What you did was right.", "You're not as good at ...", "You're too much
  of a ...") are ``judgment``, unless a report frame or tag says whose view it is or the clause repeats
  the mentee's own words about themselves.
* ``confirmation`` and ``care`` extend the label vocabulary of ``Verdict``; ``classify_label`` maps a
  verdict to one primary label, and ``question_type`` to the dataset's question type.
"""

from __future__ import annotations

from coach.guard import combine, detector
from coach.guard.core import (
    BLOCKING,
    LABELS,
    MAX_CHARS,
    check,
    check_many,
    classify_label,
    question_type,
)
from coach.guard.rules import preload as _preload_rules


def preload() -> None:
    """Compile the rules (~80 ms) and load the detector (~0.3 s) now rather than in the first check,
    e.g. the first turn of a session resumed in a new process."""
    _preload_rules()
    if combine.enabled():
        detector.preload()


__all__ = [
    "LABELS",
    "BLOCKING",
    "MAX_CHARS",
    "check",
    "preload",
    "check_many",
    "classify_label",
    "question_type",
]
