"""One output sanitizer for every sink a person looks at: the terminal, Markdown files, the app.

Text from a model reply, a replayed session, a share file or a mentee's message is data. Written raw
to a terminal, `ESC [ 2 J` clears the screen, `ESC ] 0 ; title BEL` renames the window and
`ESC ] 8 ; ; url` makes an invisible link; a right-to-left override (U+202E) makes "txt.exe" read as
"exe.txt". Rendered as Markdown, `![](https://tracker/p.png)` loads a remote image and `[x](url)` is a
link to anywhere. So, for every sink:

    clean(text)        escape sequences (CSI, OSC, DCS, ...) removed whole; C0/C1 control characters
                       and bidi overrides/isolates removed; tabs become spaces; CR, U+2028/9 become
                       line breaks. Printable text, emoji and every script are kept as they are.
    clean_line(text)   clean, then one line (whitespace collapsed): table cells, prompts, labels.
    md_literal(text)   clean, then every ASCII punctuation character backslash-escaped, so Markdown
                       (and Streamlit's :color[...], :material/...:, $math$) shows it literally.
                       For the app, where nothing a person or a file wrote may become markup.
    md_inline(text)    clean_line, then only what makes structure escaped (links, images, emphasis,
                       HTML, code, tables) and autolinks ("https://", "www.") broken: for Markdown files
                       people also read raw (share files, the prep plan), where md_literal's
                       backslashes before every full stop would be noise.
    json_safe(s)       a JSON document with C1 controls and bidi characters as \\u escapes, so
                       `--json` printed to a terminal is inert too (json.dumps already escapes C0).

Each is idempotent on text it produced (sanitizing twice changes nothing more) and cheap (one regex
pass): sinks call it unconditionally rather than trusting that an upstream caller did.
"""

from __future__ import annotations

import re

# Whole escape sequences first, so their payload ("0;title", "8;;https://...") does not stay behind
# as visible garbage. ECMA-48: CSI = ESC [ params intermediates final; OSC/DCS/SOS/PM/APC are strings
# ended by BEL or ST (ESC \) - or by nothing, when a hostile text just stops; the 8-bit forms
# (U+009B CSI, U+009D OSC, ...) are the same sequences in one character.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final byte (missing at the very end: still dropped)
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC DCS SOS PM APC
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences (ESC c reset, ESC 7, charset selection ESC ( B, ...)
)
# C0 controls except tab and newline, DEL, C1 controls; bidi embeddings, overrides and isolates,
# the Arabic letter mark; and the invisible "interlinear annotation" controls. Zero-width joiners stay
# (emoji sequences need them); so do LRM/RLM: marks that change no order on their own.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u061c\ufff9-\ufffb]"
)
_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"\s+")

# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
# What makes structure inline or at a line start: emphasis, code, links, images, HTML, tables,
# headings, block quotes, footnotes, strikethrough, math.
_MD_STRUCTURE = re.compile(r"([\\`*_\[\]<>!|#~$])")
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(//)|\b(www)(\.)")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u061c\u2028\u2029\ufff9-\ufffb]")


def clean(text: object) -> str:
    """Printable text: no escape sequences, no control or bidi-override characters."""
    s = str(text)
    if s.isprintable():  # the common case (no controls, no escapes, no line breaks): one C call
        return s
    s = _ESCAPES.sub("", s)
    s = _BREAKS.sub("\n", s)
    s = s.replace("\t", " ")
    return _CONTROLS.sub("", s)


def clean_line(text: object) -> str:
    """`clean`, on one line: runs of whitespace (line breaks too) become one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def md_literal(text: object) -> str:
    """Shown exactly as written by st.markdown and friends: nothing becomes markup.

    Line breaks are kept as Markdown hard breaks; leading spaces are dropped (four would start a
    code block).
    """
    lines = clean(text).split("\n")
    return "  \n".join(_PUNCT.sub(r"\\\1", line.lstrip()) for line in lines)


def md_inline(text: object) -> str:
    """One line of Markdown for a file: no links, images, HTML or emphasis from the text itself."""
    s = _MD_STRUCTURE.sub(r"\\\1", clean_line(text))
    s = _AUTOLINK.sub(lambda m: (m.group(1) + "\\/\\/") if m.group(1) else (m.group(3) + "\\."), s)
    # A leading "1." or "-" or "+" would start a list; "=" or "-" alone a heading underline.
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", s) if s[:1].isdigit() else ("\\" + s if s[:1] in "-+=" else s)


def json_safe(document: str) -> str:
    """A JSON text made inert for terminals: C1 controls and bidi characters as \\u escapes.

    The data is unchanged (a JSON reader gets the same strings back)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
