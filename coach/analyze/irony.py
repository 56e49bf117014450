"""A sarcastic tag ("Living the dream.", "love that for us", "which is very sweet"): never a value, a feeling or a
passion to name. Read by the hearing (`Hearing.ironic`), the policy (no "your energy rose" on it), the reflection and
the summary.
"""

from __future__ import annotations

import re

from coach import language as L

IRONY = re.compile(r"^\W*(?:oh\s+)?(?:living the dream|livin'? the dream|can'?t wait|(?:oh|just|how)\s+(?:great|perfect|brilliant|lovely|fun)|"
                    r"love that for (?:me|us)|what (?:fun|a joy|a treat)|best job ever|thrilled|so fulfilling)(?:,?\s+(?:obviously|clearly|lol|lmao|haha+|ha|eh|innit|mate|right|tbh|honestly|as always|as usual))*\W*$", re.I)
# praise quoted and then "which is very sweet" / "love being valuable": the sting is in the thanks (batch 18's ride operator)
_SWEET = re.compile(r"^\W*(?:which|that)(?:'s|\s+is|\s+was)\s+(?:very\s+|so\s+|really\s+|just\s+)?(?:sweet|fantastic|great|lovely|nice|brilliant|"
                    r"wonderful|kind|touching|helpful)\b[^.!?]{0,20}\W*$", re.I)
# (the praise itself, `q`, is what the reflection says back: realize/shapes.py)
PRAISE_QUOTED = re.compile(r"\b(?:said|says|told\s+me|called\s+me)\b[^.!?'‘\"“]{0,20}['‘\"“](?P<q>[^'’\"”]{3,60})['’\"”]", re.I)


def ironic(text: str) -> bool:
    """Whether the message carries a sarcastic tag."""
    sents = L.sentences(text)
    if any(IRONY.match(x) for x in sents):
        return True
    return bool(PRAISE_QUOTED.search(text)) and any(_SWEET.match(x) for x in sents)
