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
from coach.store.sql import SHARE_FORMAT, SHARE_VERSION
from coach.types import ShareLevel

MAX_SHARE_BYTES = 20 * 1024 * 1024  # a share file is summaries, not a disk image: refuse huge inputs

KIND_TITLES = {
    "goal": "Goals",
    "motivation": "Motivations",
    "bedrock": "Bedrock",
    "passion": "Passions",
    "influence_authority": "Influence or authority",
    "open_question": "Open questions",
    "experiment": "Experiments",
}


def load_share_file(path: Path | str) -> dict[str, Any]:
    """Read and validate a share file. Raises ShareFileError saying what is wrong with it."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SHARE_BYTES:
            raise ShareFileError(f"{path} is too large to be a Bedrock share file.")
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ShareFileError(f"Share file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ShareFileError(f"Cannot read share file {path}: {exc}.") from None
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ShareFileError(
            f"{path} is not a Bedrock share file (not JSON: {exc.msg} at line {exc.lineno}). "
            "Use the .json file that `coach export --for mentor` wrote."
        ) from None
    return validate_share(doc, source=str(path))


def validate_share(doc: Any, *, source: str = "share file") -> dict[str, Any]:
    """Check the structure of a share document; returns it unchanged when valid."""

    def bad(why: str) -> ShareFileError:
        return ShareFileError(f"{source} is not a valid Bedrock share file: {why}.")

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
    sessions, items = doc.get("sessions"), doc.get("items")
    if not isinstance(sessions, list) or not all(isinstance(s, dict) and isinstance(s.get("id"), str) for s in sessions):
        raise bad("'sessions' must be a list of objects with an 'id'")
    if not isinstance(items, list):
        raise bad("'items' must be a list")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise bad(f"item {i} is not an object")
        for key in ("kind", "text"):
            if not isinstance(item.get(key), str):
                raise bad(f"item {i} has no '{key}' text")
        quotes = item.get("quotes", [])
        if not isinstance(quotes, list) or not all(isinstance(q, dict) and isinstance(q.get("text"), str) for q in quotes):
            raise bad(f"item {i} has malformed 'quotes' (a list of {{\"text\": ...}})")
    return doc


def render_markdown(doc: dict[str, Any]) -> str:
    """A readable version of a share document (items grouped by kind, quotes beneath)."""
    audience = doc.get("audience", "private")
    lines = [
        "# Bedrock summary" + ("" if audience == "private" else f" shared with a {audience}"),
        "",
        f"Exported {doc.get('created_at', '')[:16].replace('T', ' ')} UTC. "
        "Quotes are the mentee's own words; nothing here is advice.",
        "",
    ]
    items = doc.get("items", [])
    if not items:
        lines += ["_Nothing has been shared yet._", ""]
    kinds = list(KIND_TITLES) + sorted({i["kind"] for i in items} - set(KIND_TITLES))
    for kind in kinds:
        group = [i for i in items if i["kind"] == kind]
        if not group:
            continue
        lines += [f"## {KIND_TITLES.get(kind, kind.replace('_', ' ').capitalize())}", ""]
        for item in group:
            extra = f" ({item['motivation']})" if item.get("motivation") and kind == "motivation" else ""
            date = f" — {item['session_date']}" if item.get("session_date") else ""
            lines.append(f"- **{_md(item['text'])}**{extra}{date}")
            for q in item.get("quotes", []):
                lines.append(f"  > “{_md(q['text'])}”")
        lines.append("")
    if audience == "private":
        for s in doc.get("sessions", []):
            if not s.get("turns"):
                continue
            lines += [f"## Session {s['id']} — {s.get('date', '')} {_md(s.get('title', ''))}".rstrip(), ""]
            for t in s["turns"]:
                who = "Me" if t["role"] == "mentee" else "Coach"
                lines.append(f"**{who}:** {_md(t['text'])}  ")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    """Keep the mentee's text from being read as Markdown/HTML structure."""
    return (
        text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")
        .replace("_", "\\_").replace("\n", " ")
    )


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
