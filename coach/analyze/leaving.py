"""Whether a message is a goodbye: thanks said with a way out, in the languages people sign off in.

The list of closing phrases (analyze.toml `closing`) knew "bye", "gotta go", "that's all for today". A blind
read (batch 11) ended all twelve conversations with a goodbye, and most were read as more to reflect on:
"thanks mate. gonna go visit mum" -> "So going to go visit mum."; "cheers for not tellin me what to do lol
… peace ✌️" -> "what matters to you is peace ✌️"; "Thank you very much for listening. Arigatou
gozaimashita." -> a new question. People leave by putting two things together: a thanks (in any of their
languages) or a word on how the talk went ("that was less useless than I expected"), and a way out (what
they go to next, a sign-off, a signature). Either half alone is not a goodbye: "thanks for asking, I'm not
sure" goes on; "back to the spreadsheet" may be a complaint.
"""

from __future__ import annotations

import re

# thanks, as people type it, in the languages the corpus and its users sign off in
_THANKS = re.compile(
    r"(?:^|\W)(?:thanks|thank\s+you|thank\s+u|thankyou|thx|tnx|ty|cheers|ta|tanks|tenks|tenki|gracias|merci|danke|dzi[eę]ki|dzi[eę]kuj[eę]|grazie|"
    r"obrigad[oa]|dhanyavaa?d|dhanyawad|shukriya|shukran|arigat[oō]u?|gozaimashita|asante|c[aả]m\s+[oơ]n|salamat|spasibo|medaase|"
    r"shot\s+(?:for\s+(?:this|that)|bro|mate|cuz|eh)|nga\s+mihi|hvala|vinaka(?:\s+vakalevu)?|mersi|mèsi|köszönöm|dekuji|děkuji|"
    r"спасибо|diolch|dank\s+je|dankjewel|kiitos|takk|tack|tak|mahalo|efcharist[oó]|tesekk[uü]rler|teşekkürler|"
    r"고마워요|고맙습니다|감사합니다|ありがとう|谢谢|多谢|شكرا)(?=\W|$)", re.I)
# thanks for the talk itself, which is a goodbye on its own
_THANKS_FOR_TALK = re.compile(r"\b(?:thank(?:s|\s+you|\s+u)|cheers|ta)(?:\s+(?:so|very))?(?:\s+much)?\s+for\s+(?:listening|your\s+time|the\s+(?:chat|talk|space|time)|"
                              r"letting\s+me\s+(?:think|talk|vent|ramble))\b|\b(?:ta|thanks|cheers|shot)\s+for\s+(?:this|that)\W*(?:[,.]|$)", re.I)
# a sign-off that is a goodbye on its own, closing the message ("Allah hafiz.", "Kwaheri!", "ciao ciao!", "Good night.")
_SIGN_OFF = re.compile(r"(?:^|[.!,;]\s*|\s)(?:bye+|bye\s+bye|goodbye|good\s+night|goodnight|nite|allah\s+hafiz|khuda\s+hafiz|kwaheri|"
                       r"ciao(?:\s+ciao)?|hasta\s+luego|tot\s+ziens|tsch[uü]ss|do\s+widzenia|nara|sayonara|annyeong|see\s+ya|cya|ttyl|"
                       r"catch\s+you\s+later|talk\s+(?:soon|later)|god\s+bless|lep\s+pozdrav|take\s+care|mind\s+how\s+you\s+go|"
                       # "Ta love x": a thanks with its kiss
                       r"(?:ta|thanks|cheers)\s+(?:love|pet|hun|duck|darling)\s*x*)\W*$", re.I)
# a way out: what they go to next, a sign-off, a signature (read near the end of the message)
_WAY_OUT = re.compile(
    r"\b(?:gonna|going\s+to|got\s+to|gotta|have\s+to|need\s+to|off\s+to|heading|i'?ll|i\s+will|i\s+shall)\s+"
    r"(?:go\b|head\b|sleep\b|bed\b|eat\b|visit\b|see\b|pick\b|ring\b|call\b|get\s+back\b|talk\s+to\b|speak\s+to\b|tell\b|email\b|text\b|"
    r"reply\b|write\s+back\b|message\s+(?:him|her|them)\b|"
    r"handover\b|work\b|class\b|practice\b|training\b|set\s+up\b|the\s+(?:gym|pub|shop|ward|site|yard|office))|"
    # "Cheers, I've a PM at two.", "anyway training at 5", "Now I go, they are swarming"
    r"\bi(?:'ve|\s+have|\s+got|'ve\s+got)\s+(?:a|an|my)\s+[\w-]+\s+at\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday)\b|"
    r"\b(?:training|work|shift|practice|class|surgery)\s+(?:at|starts\s+at|in)\s+\d|\bnow\s+i\s+(?:go|must\s+go|have\s+to\s+go)\b|"
    # batch 14: "righto, that'll do. cheers", "that's enough feelings for a tuesday. ta", "tanks… i go yarn my papa
    # tomorrow" (Pidgin's "i go" is a future), "salamat po. sige, sa jam muna ako focus" (Tagalog's "sige": right, off I go)
    r"\bthat(?:'ll|’ll|ll|\s+will)\s+do\b|\bthat(?:'s|’s|s|\s+is)\s+enough\s+(?:\w+\s+){0,2}for\s+(?:a\s+|one\s+)?(?:today|tonight|now|\w+day)\b|"
    r"\b(?:i|we)\s+(?:go|dey\s+go)\s+\w+[^.?!]{0,30}\b(?:tomorrow|tonight|later|now|next\s+week)\b|\bsige(?:\s+po)?\b|"
    # "I'm going to stop there.", "let's leave it there": the talk ended, never a goal (batch 14: "Goal: stopping there")
    r"\b(?:i'?m|i\s+am|im|i'?ll|i\s+will|gonna|going\s+to|let'?s|lets)\s+(?:going\s+to\s+|gonna\s+)?(?:stop|leave\s+it|end|pause|call\s+it)\s+(?:there|here|for\s+(?:now|today|tonight))\b|"
    # "anyway tide waits for nobody. cheers", "duty calls", "the cows won't milk themselves" (batch 18's oyster farmer)
    r"\bwaits?\s+for\s+no(?:body|\s+one|\s+man)\b|\b(?:tide|ferry|bus|train|boat|truck|van|tractor|school\s+run|kids|dog|cows?|boss)\s+(?:won'?t|wont|will\s+not)\s+wait\W*$|\bduty\s+calls\b|\bwon'?t\s+(?:\w+\s+)?(?:milk|feed|shuck|grade|fix|build|drive|cook|"
    r"clean|sort|stack|pack|load)\s+(?:itself|themselves)\b|"
    r"\bsleep\s+on\s+it\b|\boff\s+to\s+\w+|\bback\s+to\s+(?:the|my|work|it|\w+)\b[^.?!]{0,25}$|"
    r"\b(?:bye+|goodbye|nara|ciao|cya|ttyl|later|laters|goodnight|night|peace|regards|best|adios|adiós|hasta\s+luego|"
    r"tot\s+ziens|tsch[uü]ss|do\s+widzenia|paalam|kwaheri|sayonara|annyeong)\W*(?:[,\s]+[A-Z][a-z]+)?\W*$", re.I)
# how the talk went, said looking back on it
_LOOKED_BACK = re.compile(r"\b(?:that|this|it|you)\s+(?:was|were|has\s+been|have\s+been)\s+(?:actually\s+|really\s+|quite\s+|surprisingly\s+|"
                          r"kind\s+of\s+|kinda\s+)?(?:less\s+\w+\s+than|more\s+\w+\s+than|helpful|useful|good|nice|ok|okay|sensible|"
                          r"better\s+than|not\s+(?:bad|useless))|\b(?:it|this|that)\s+(?:kind\s+of\s+|kinda\s+|actually\s+)?worked\b|"
                          r"\b(?:weirdly|actually|surprisingly|genuinely|really)\s+(?:helpful|useful)\b|"
                          r"\b(?:that|this|it)(?:'?s|\s+has)\s+(?:actually\s+|really\s+|kind\s+of\s+)?helped\b|\bthats\s+(?:actually\s+)?helpful\b|\bthat'?s\s+(?:actually\s+)?helpful\b|"
                          r"\bthank(?:s|\s+you)\s+for\s+not\b|\bcheers\s+for\s+not\b|\btalked\s+your\s+ear\s+off\b|"
                          r"\bthat'?s\s+more\s+than\s+i\s+got\b", re.I)


def leaving(text: str) -> bool:
    """Whether `text` says goodbye (see the module doc); a question at its end never does."""
    t = text.strip()
    if not t or t.rstrip(" .!)😊🙏👋✌️x").endswith("?"):
        return False
    thanks = bool(_THANKS.search(t))
    from coach.language import sentences

    # (what they go to next closes the message, said short: never a plan with more after it)
    last = [x for x in sentences(t)[-2:] if len(x.split()) <= 20]
    tail = re.sub(r"(?:[\s,.!]+(?:ha+|haha+|lol|lmao|xx?|eh))+\W*$", "", t[-90:], flags=re.I)
    out = bool(_WAY_OUT.search(tail) or _WAY_OUT.search(t[-90:]) or thanks and any(_WAY_OUT.search(x) for x in last))
    looked = bool(_LOOKED_BACK.search(t))
    if _THANKS_FOR_TALK.search(t) or _SIGN_OFF.search(t):
        return True
    return thanks and (out or looked) or looked and out


def sign_off(sentence: str) -> bool:
    """Whether one sentence of a goodbye is its thanks or its way out ("peace ✌️", "cheers for not tellin me what
    to do", "back to the spreadsheet"): how they leave, never what matters to them."""
    return bool(_THANKS.search(sentence) or _WAY_OUT.search(sentence) or _LOOKED_BACK.search(sentence)
                or _THANKS_FOR_TALK.search(sentence))
