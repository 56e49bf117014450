"""A question the mentee asks themselves, said back as the question they are asking.

"is anyone actually into riding in the rain for £3.40 a drop?" -> "whether anyone is actually into riding in
the rain for £3.40 a drop"; "why does it matter if i like it?" -> "why it matters if you like it". Reflecting
the question (not answering it, not skipping it for a stock probe) tells them it was heard and hands it back.
The dependency parse finds the subject and the auxiliary to put back in statement order; without the parse,
or for a shape it doesn't know ("did I…", a question to the coach), nothing is returned.
"""

from __future__ import annotations

import re

from coach import language as L
from coach.analyze.parse import parse

MAX_WORDS = 16
_WH = ("WRB", "WP", "WDT", "WP$")
_BE = {"is", "are", "am", "was", "were", "'s", "'re", "'m"}


def _third_person(verb: str) -> str:
    v = verb.lower()
    if v == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", v):
        return verb + "es"
    if re.search(r"[^aeiou]y$", v):
        return verb[:-1] + "ies"
    return verb + "s"


def indirect(question: str) -> str:
    """The question in statement order ("whether…", "why…"), pronouns not yet swapped; "" when unsure."""
    q = question.strip().rstrip("?").strip()
    q = re.split(r"\?", q, maxsplit=1)[0]
    q = re.sub(r"^\W*(?:and|but|so|like|i mean|honestly|seriously)\b[,\s]*", "", q, flags=re.I)
    if not q or len(q.split()) > MAX_WORDS:
        return ""
    doc = parse(q)
    if doc is None or len(doc) < 3:
        return ""
    toks = list(doc)
    i = 0
    wh = ""
    if toks[0].tag_ in _WH:
        wh, i = toks[0].text.lower(), 1
    aux = toks[i] if i < len(toks) else None
    if aux is None or not (aux.tag_ == "MD" or aux.lower_ in _BE | {"do", "does", "did", "has", "have"}):
        return ""
    subj = next((t for t in toks[i + 1:] if t.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is None or subj.i != i + 1 and not any(t.i == i + 1 for t in subj.subtree):
        return ""  # the subject must follow the auxiliary: that is what makes it a question
    if subj.lower_ in ("you", "u") and not (wh == "how" and toks[i + 2].lower_ == "know"):
        return ""  # asked of the coach: heard elsewhere
    span = sorted(t.i for t in subj.subtree)
    subject = doc[span[0]: span[-1] + 1].text
    rest = [t for t in toks[span[-1] + 1:]]
    words = [t.text_with_ws for t in rest]
    lemma = aux.lower_
    if lemma in ("do", "does", "did") and aux.dep_ == "aux":
        if lemma == "did":
            return ""
        verb = next((k for k, t in enumerate(rest) if t.pos_ in ("VERB", "AUX") and t.tag_ == "VB"), None)
        if verb is None:
            return ""
        if lemma == "does":
            words[verb] = _third_person(rest[verb].text) + rest[verb].whitespace_
        clause = f"{subject} {''.join(words)}"
    else:
        clause = f"{subject} {aux.text.lower() if aux.text not in ('I',) else aux.text} {''.join(words)}"  # "Is this me?" -> "this is me"
    clause = L.strip_end(re.sub(r"\s+", " ", clause).strip(" ,"))
    return f"{wh} {clause}" if wh else f"whether {clause}"
