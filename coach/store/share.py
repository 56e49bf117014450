"""The share file: what a mentee hands to a mentor or manager, and how it is read back.

`Store.export(audience)` builds the document (the store decides what is visible); this module writes
it as JSON and/or Markdown and validates it on the way in (`coach prep --from FILE`). The header
`{"format": "bedrock-share", "version": 1}` lets a reader refuse files it does not understand
instead of misreading them.

    {"format": "bedrock-share", "version": 1, "audience": "mentor", "created_at": "...",
     "sessions": [{"id", "date", "created_at", "title", "share", ("turns" for the mentee's own export)}],
     "items": [{"id", "session_id", "session_date", "kind", "text", "motivation", "status", "share",
                "quotes": [{"text", "start", "end", "turn_id"}]}]}
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.errors import ShareFileError
from coach.store.sql import ITEM_STATUSES, SHARE_FORMAT, SHARE_VERSION
from coach.text import bounded
from coach.text.sanitize import md_inline
from coach.types import ShareLevel

MAX_SHARE_BYTES = 20 * 1024 * 1024  # a share file is summaries, not a disk image: refuse huge inputs

KIND_TITLES = {
    "decision": "The decision at hand",
    "goal": "Goals",
    "motivation": "Motivations",
    "bedrock": "Bedrock",
    "passion": "Passions",
    "influence_authority": "Influence or authority",
    "open_question": "Open questions",
    "experiment": "Experiments",
}


MAX_DEPTH = 8  # document > items > item > quotes > quote: 5 levels, and a little room
MAX_SESSIONS = 10_000
MAX_ITEMS = 50_000
MAX_QUOTES = 100
MAX_TEXT = 20_000  # characters in one item's text, quote or turn
_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "an object", bool: "true/false",
          float: "a number", type(None): "null"}


def load_share_file(path: Path | str) -> dict[str, Any]:
    """Read and validate a share file. Raises ShareFileError saying what is wrong with it.

    Bounded (coach/text/bounded.py): a file over MAX_SHARE_BYTES is refused before it is read,
    nesting deeper than MAX_DEPTH is refused without a RecursionError, and every field the app
    and `coach prep` read is type-checked (validate_share), so a wrong type is a clear message,
    never a TypeError later.
    """
    path = Path(path)
    try:
        raw = bounded.read_text(path, max_bytes=MAX_SHARE_BYTES, what=str(path))
    except FileNotFoundError:
        raise ShareFileError(f"Share file {path} does not exist.") from None
    except IsADirectoryError:
        raise ShareFileError(f"{path} is a folder, not a share file.") from None
    except OSError as exc:
        raise ShareFileError(f"Cannot read share file {path}: {exc.strerror or exc}.") from None
    except bounded.BoundedJSONError as exc:
        raise ShareFileError(f"{exc}: it cannot be a Bedrock share file.") from None
    return parse_share(raw, source=str(path))


def parse_share(raw: str | bytes, *, source: str = "share file") -> dict[str, Any]:
    """A share document from its JSON text (a file's content, or an upload in the app)."""
    if len(raw) > MAX_SHARE_BYTES:
        raise ShareFileError(f"{source} is too large to be a Bedrock share file.")
    try:
        doc = bounded.loads(raw, max_depth=MAX_DEPTH, what=source)
    except bounded.BoundedJSONError as exc:
        raise ShareFileError(
            f"{source} is not a Bedrock share file ({exc.reason}). "
            "Use the .json file that `coach export --for mentor` wrote."
        ) from None
    return validate_share(doc, source=source)


def _kind(value: Any) -> str:
    return _NAMES.get(type(value), type(value).__name__)


def validate_share(doc: Any, *, source: str = "share file") -> dict[str, Any]:
    """Check the structure and every field's type of a share document; returns it unchanged.

    Unknown extra fields are allowed (a newer Bedrock of the same version may add some)."""

    def bad(why: str) -> ShareFileError:
        return ShareFileError(f"{source} is not a valid Bedrock share file: {why}.")

    def field(obj: dict[str, Any], key: str, types: tuple[type, ...], where: str, *, required: bool = False,
              limit: int = MAX_TEXT) -> Any:
        if key not in obj:
            if required:
                raise bad(f"{where} has no '{key}'")
            return None
        value = obj[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            want = " or ".join(_NAMES.get(t, t.__name__) for t in types)
            raise bad(f"{where}: '{key}' must be {want}, not {_kind(value)}")
        if isinstance(value, str) and len(value) > limit:
            raise bad(f"{where}: '{key}' is longer than {limit:,} characters")
        return value

    def level(obj: dict[str, Any], key: str, where: str) -> None:
        value = field(obj, key, (str, type(None)), where)
        if value is not None:
            try:
                ShareLevel(value)
            except ValueError:
                raise bad(f"{where}: unknown {key} {value!r}") from None

    def strings(obj: dict[str, Any], key: str, where: str) -> None:
        values = field(obj, key, (list, type(None)), where) or []
        for v in values:
            if not isinstance(v, str) or len(v) > 200:
                raise bad(f"{where}: '{key}' must be a list of short texts")

    if not isinstance(doc, dict) or doc.get("format") != SHARE_FORMAT:
        raise bad(f'missing the header {{"format": "{SHARE_FORMAT}"}}')
    version = doc.get("version")
    if version != SHARE_VERSION:
        raise ShareFileError(
            f"{source} is a Bedrock share file of version {version!r}; this Bedrock reads version "
            f"{SHARE_VERSION}. Ask the mentee to export it again with the same Bedrock version."
        )
    try:
        ShareLevel(doc.get("audience"))
    except ValueError:
        raise bad(f"unknown audience {doc.get('audience')!r}") from None
    field(doc, "created_at", (str,), "the header", limit=64)
    sessions, items = doc.get("sessions"), doc.get("items")
    if not isinstance(sessions, list) or not all(isinstance(s, dict) and isinstance(s.get("id"), str) for s in sessions):
        raise bad("'sessions' must be a list of objects with an 'id'")
    if not isinstance(items, list):
        raise bad("'items' must be a list")
    if len(sessions) > MAX_SESSIONS or len(items) > MAX_ITEMS:
        raise bad("it holds more sessions or items than any real export")
    for i, session in enumerate(sessions):
        where = f"session {i}"
        field(session, "id", (str,), where, required=True, limit=64)
        for key in ("date", "created_at"):
            field(session, key, (str, type(None)), where, limit=64)
        field(session, "title", (str, type(None)), where, limit=500)
        level(session, "share", where)
        strings(session, "techniques", where)
        strings(session, "done", where)
        for j, turn in enumerate(field(session, "turns", (list, type(None)), where) or []):
            if not isinstance(turn, dict):
                raise bad(f"{where}, turn {j} is not an object")
            field(turn, "text", (str,), f"{where}, turn {j}", required=True)
            role = field(turn, "role", (str,), f"{where}, turn {j}", required=True, limit=16)
            if role not in ("mentee", "coach"):
                raise bad(f"{where}, turn {j}: unknown role {role!r}")
            for key in ("id", "idx"):
                field(turn, key, (int, type(None)), f"{where}, turn {j}")
            for key in ("created_at", "move"):
                field(turn, key, (str, type(None)), f"{where}, turn {j}", limit=64)
    for i, item in enumerate(items):
        where = f"item {i}"
        if not isinstance(item, dict):
            raise bad(f"{where} is not an object")
        for key in ("kind", "text"):
            if not isinstance(item.get(key), str):
                raise bad(f"{where} has no '{key}' text")
        field(item, "kind", (str,), where, limit=64)
        field(item, "text", (str,), where)
        field(item, "id", (int, str, type(None)), where, limit=64)
        for key in ("session_id", "session_date"):
            field(item, key, (str, type(None)), where, limit=64)
        field(item, "motivation", (str, type(None)), where, limit=64)
        field(item, "original_text", (str, type(None)), where)
        status = field(item, "status", (str, type(None)), where, limit=16)
        if status is not None and status not in ITEM_STATUSES:
            raise bad(f"{where}: unknown status {status!r}")
        level(item, "share", where)
        quotes = item.get("quotes", [])
        if not isinstance(quotes, list) or not all(isinstance(q, dict) and isinstance(q.get("text"), str) for q in quotes):
            raise bad(f"{where} has malformed 'quotes' (a list of {{\"text\": ...}})")
        if len(quotes) > MAX_QUOTES:
            raise bad(f"{where} has more than {MAX_QUOTES} quotes")
        for j, q in enumerate(quotes):
            field(q, "text", (str,), f"{where}, quote {j}", required=True)
            for key in ("start", "end", "turn_id"):
                field(q, key, (int, type(None)), f"{where}, quote {j}")
    return doc


# How the mentee's review shows in their own export (a mentor's holds only confirmed or edited items).
STATUS_WORDS = {"proposed": "not reviewed yet", "confirmed": "confirmed", "edited": "in my words"}


def render_markdown(doc: dict[str, Any]) -> str:
    """A readable version of a share document (items grouped by kind, quotes beneath).

    Written for a person: no internal ids or codes (motivations are named by the item's own
    wording, sessions by their date and title), and nothing the mentee rejected."""
    audience = doc.get("audience", "private")
    lines = [
        "# Bedrock summary" + ("" if audience == "private" else f" shared with a {audience}"),
        "",
        f"Exported {_md(str(doc.get('created_at') or '')[:16].replace('T', ' '))} UTC. "
        "Quotes are the mentee's own words; nothing here is advice.",
        "",
    ]
    items = [i for i in doc.get("items", []) if i.get("status") != "rejected"]
    if not items:
        lines += ["_Nothing has been shared yet._", ""]
    kinds = list(KIND_TITLES) + sorted({i["kind"] for i in items} - set(KIND_TITLES))
    for kind in kinds:
        group = [i for i in items if i["kind"] == kind]
        if not group:
            continue
        lines += [f"## {KIND_TITLES.get(kind) or _md(kind.replace('_', ' ').capitalize())}", ""]
        for item in group:
            status = STATUS_WORDS.get(str(item.get("status"))) if audience == "private" and kind != "decision" else ""
            extra = f" _({status})_" if status else ""
            date = f" — {_md(_nice_date(item['session_date']))}" if item.get("session_date") else ""
            lines.append(f"- **{_md(item['text'])}**{extra}{date}")
            for q in item.get("quotes", []):
                lines.append(f"  > “{_md(q['text'])}”")
        lines.append("")
    if audience == "private":
        for s in doc.get("sessions", []):
            if not s.get("turns"):
                continue
            title = f" — {_md(s['title'])}" if s.get("title") else ""
            lines += [f"## Conversation of {_md(_nice_date(s.get('date') or ''))}{title}", ""]
            for t in s["turns"]:
                who = "Me" if t["role"] == "mentee" else "Coach"
                lines.append(f"**{who}:** {_md(t['text'])}  ")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _nice_date(iso: str) -> str:
    """'2025-03-04' -> '4 Mar 2025' (a person reads the export, not a parser)."""
    try:
        d = datetime.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{d.day} {d:%b %Y}"


def _md(text: str) -> str:
    """Keep the mentee's text from being read as Markdown/HTML structure (coach/text/sanitize.py):
    no links, images, HTML or emphasis, no control characters; angle brackets as entities, so a
    viewer that ignores backslashes still shows no tag."""
    return md_inline(text).replace("\\<", "&lt;").replace("\\>", "&gt;")


def write_share_files(doc: dict[str, Any], out_dir: Path | str, *, fmt: str = "json") -> list[Path]:
    """Write the document as `bedrock-share-<audience>-<time>.json` and/or `.md`. Returns the paths."""
    if fmt not in ("json", "md", "both"):
        raise ValueError("fmt must be json, md or both")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromisoformat(doc["created_at"]).strftime("%Y%m%d-%H%M%S")
    stem = out / f"bedrock-share-{doc['audience']}-{stamp}"
    paths: list[Path] = []
    if fmt in ("json", "both"):
        p = stem.with_suffix(".json")
        p.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(p)
    if fmt in ("md", "both"):
        p = stem.with_suffix(".md")
        p.write_text(render_markdown(doc), encoding="utf-8")
        paths.append(p)
    return paths
