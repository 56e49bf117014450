"""Regular expressions the offline reflections share: who is speaking, what is a question, what is filler.

Kept apart so coach/realize/reflect.py and coach/realize/shapes.py both read them without importing each other.
"""

from __future__ import annotations

import re

FIRST_PERSON = re.compile(r"\b(i|me|my|mine|myself|i'm|i've|i'd|i'll)\b", re.I)

WH_START = re.compile(r"^(?:(?:what|where|how|why|who|which)\b(?!\s+(?:i|we|my|our|the|a|an|it|people|someone|they|is|was|means|meant|makes|made)\b)|"
                       r"when\s+(?:do|does|did|will|would|can|could|should|is|are|was|were)\b|"
                       r"(?:should|can|could|would|will|do|does|is|are|am)\s+(?:i|we|you|it|they|there|he|she|my)\b)", re.I)

FILLER = re.compile(r"^\W*(?:yeah|yes|yep|yup|ok(?:ay)?|right|exactly|true|haha+|lol|hmm+|well|so|anyway|i guess|idk|"
                    # "I want to be straight about that.": how they are saying it, never what they said
                    r"(?:i want to|i'?ll|let me|i'?m going to|gonna) be (?:clear|straight|honest|upfront|frank|blunt)(?: (?:about|on) (?:that|this|it))?|"
                    r"to be (?:honest|fair|clear)|i'?ll be honest|if i'?m honest|"
                    # "haha fair.", "lol ok anyway": a run of them
                    r"(?:(?:haha+|lol|ha|yeah|yes|ok(?:ay)?|fair(?: enough)?|true|right|anyway|well)\W+)+(?:haha+|lol|ha|yeah|ok(?:ay)?|fair(?: enough)?|true|right|anyway))\W*$", re.I)

TO_COACH = re.compile(r"^\W*(?:please\s+|just\s+)?(?:don'?t|do not|stop|just|please)?\s*(?:tell|give|show|list|listen|help|stop)\b[^.!?]*\b(?:me|us)\b|"
                      r"^\W*(?:no offen[cs]e(?: to you| intended)?|(?:sorry|apologies),? (?:to you|coach|bot))\W*$|"
                      # "Don't hear me wrong.", "don't get me wrong", "you know what I mean?": how to take them, said to the coach
                      r"^\W*(?:but\s+|and\s+)?(?:please\s+)?(?:don'?t|dont|do not)\s+(?:get|hear|take|read)\s+me\s+wrong(?:ly)?\W*$|^\W*(?:you\s+)?know what i mean\W*$", re.I)
# ("No offence to you.": said to the coach)

# "I love research. It's why I went into this.": the reason points back at what it is the reason for
WHY_POINTER = re.compile(r"^\W*(?:and\s+|but\s+)?(?:that|it|this)(?:'s|’s| is| was)\s+(?:the\s+(?:whole\s+|only\s+|main\s+)?reason\b|(?:literally\s+|exactly\s+|kind of\s+)?why\s+i\b|"
                         r"(?:basically\s+|pretty much\s+|kind of\s+)?(?:my|the)\s+whole\s+(?:career|life|job|thing|story|point|reason)\b)|"
                         r"^\W*(?:and\s+)?(?:there'?s|there\s+is|theres)\s+nothing\s+(?:else\s+)?like\s+(?:it|that)\b|^\W*nothing\s+(?:beats|compares\s+to)\s+(?:it|that)\b|"
                         # "…and I talk him through it. That's a good feeling": what they felt about what came before
                         r"^\W*(?:and\s+|yeah,?\s+)?(?:that|it)(?:'s|’s| is| was|s)\s+(?:such\s+|a\s+really\s+|the\s+)?(?:a\s+)?(?:good|great|best|lovely|amazing|brilliant)\s+feeling\b|"
                         r"^\W*(?:and\s+|yeah,?\s+)?(?:that|it)\s+(?:feels|felt)\s+(?:so\s+|really\s+)?(?:good|great|amazing|right)\W*$|"
                         r"^\W*(?:and\s+|but\s+)?(?:that|this|thats)(?:'s|’s| is|s)?\s+the\s+(?:real|actual|main|big|whole)\s+(?:thing|fear|problem|issue|worry|question)\W*$|"
                         r"^\W*(?:and\s+)?(?:that|this|thats)(?:'s|’s| is|s)?\s+(?:the|my|our)\s+(?:job|work|point of it|whole job)(?:,?\s+really)?\W*$|"
                         # "A place anyone can walk into… That's what a library is.": the definition they just gave
                         r"^\W*(?:and\s+)?(?:that|this|thats)(?:'s|’s| is|s)?\s+what\s+(?:a|an|the)\s+[\w-]+\s+(?:is|is for|means|does)\W*$|"
                         r"^\W*(?:and\s+)?(?:that|it)(?:'s|’s| is)\s+what\s+(?:i\s+live\s+for|gets\s+me\s+(?:up|out of bed)|keeps\s+me\s+(?:going|here))\b", re.I)
