"""Loads the curated patterns in coach/data/analyze.toml once, compiled."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, TypeVar

FLAGS = re.IGNORECASE


def data_path(name: str):
    return resources.files("coach") / "data" / name


@cache
def patterns() -> dict[str, dict[str, list[re.Pattern[str]]]]:
    raw = tomllib.loads(data_path("analyze.toml").read_text(encoding="utf-8"))
    return {
        section: {key: precheck([re.compile(p, FLAGS) for p in values]) for key, values in body.items()}
        for section, body in raw.items()
    }


def group(section: str, key: str) -> list[re.Pattern[str]]:
    return patterns()[section][key]


def first_match(pats: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for p in candidates(pats, text):
        m = p.search(text)
        if m:
            return m
    return None


def any_match(pats: list[re.Pattern[str]], text: str) -> bool:
    return first_match(pats, text) is not None


@cache
def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads(data_path(name).read_text(encoding="utf-8"))


def data_toml(name: str) -> dict[str, Any]:
    """A data file of coach/data as parsed TOML (read once)."""
    return _toml(name)


@cache
def cues(section: str, key: str, name: str = "hearing.toml") -> list[re.Pattern[str]]:
    """A list of curated patterns of a data file (coach/data/hearing.toml by default), each compiled once."""
    return precheck([re.compile(p, FLAGS) for p in _toml(name)[section][key]])


@cache
def regex(section: str, key: str, name: str = "policy.toml") -> re.Pattern[str]:
    """One curated regex of a data file (coach/data/policy.toml by default), compiled once with FLAGS.
    A list value is one regex written in pieces, joined with nothing between them."""
    value = _toml(name)[section][key]
    return re.compile(value if isinstance(value, str) else "".join(value), FLAGS)


@cache
def words(section: str, key: str, name: str = "policy.toml") -> frozenset[str]:
    """A curated list of plain words of a data file, as a set."""
    return frozenset(_toml(name)[section][key])


@cache
def jsonl(name: str) -> list[dict[str, Any]]:
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --------------------------------------------------------------------------- a literal pre-check
# Most rules start with a word list ("\b(?:great|good|excellent|...)"): Python's re tries such a
# pattern at every word boundary of the text, ~20 us a sentence for the longest. Every match of it
# must contain one of those words, and asking whether any of them is in the text costs a fraction
# of that. `precheck` reads the words off each parsed pattern of a long-lived rule group (only where
# they are certain: the literal text every alternative starts with, after zero-width assertions);
# `candidates` then skips the patterns that cannot match, so a loop over the group sees the same
# matches, in the same order, as a loop over all of it.

_Group = TypeVar("_Group", bound=Sequence[re.Pattern[str]])
_PRECHECKED: dict[int, tuple[Sequence[re.Pattern[str]], frozenset[str], tuple[frozenset[str] | None, ...]]] = {}


def _lead_strings(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """Strings one of which every match of `items` starts with; None when that is not certain."""
    from re import _constants as c

    for i, (op, av) in enumerate(items):
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: \b, ^, lookarounds
        if op is c.LITERAL:
            run = []
            for op2, av2 in items[i:]:
                if op2 is not c.LITERAL:
                    break
                run.append(chr(av2))
            return frozenset({"".join(run)})
        if op is c.SUBPATTERN:
            return _lead_strings(list(av[-1].data))
        if op is c.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                lead = _lead_strings(list(alt.data))
                if not lead:
                    return None
                out |= lead
            return frozenset(out)
        return None  # a class, a repeat, a group reference...: no certain literal
    return None


def _leads(p: re.Pattern[str]) -> frozenset[str] | None:
    """The lowercased lead strings of `p`, only the shortest of those that contain one another
    (if "you're" is in the text, so is "you"); None: no pre-check for this pattern."""
    try:
        from re import _parser

        lead = _lead_strings(list(_parser.parse(p.pattern, p.flags).data))
    except Exception:  # noqa: BLE001 - another Python's internals: no pre-check, same results
        return None
    if not lead or not all(x and x.isascii() for x in lead):
        return None
    low = {x.lower() for x in lead}
    return frozenset(x for x in low if not any(y != x and y in x for y in low))


def precheck(patterns: _Group) -> _Group:
    """Register a rule group that lives as long as the process, for `candidates`. Returns it.

    Groups of one or two patterns are left as they are: there the pre-check costs more than the
    searches it could save."""
    if len(patterns) < 3:
        return patterns
    leads = tuple(_leads(p) for p in patterns)
    if any(leads):
        _PRECHECKED[id(patterns)] = (patterns, frozenset().union(*(x for x in leads if x)), leads)
    return patterns


def candidates(patterns: Sequence[re.Pattern[str]], text: str) -> Sequence[re.Pattern[str]]:
    """The patterns of a registered group that can match somewhere in `text`, in their order (an
    unregistered group comes back whole).

    Only for ASCII text: there, matching case-insensitively is comparing lowercased characters
    (outside ASCII, re also folds e.g. the Kelvin sign to "k"), so a lead string absent from the
    lowercased text rules its pattern out."""
    group = _PRECHECKED.get(id(patterns))
    if group is None or group[0] is not patterns or not text.isascii():
        return patterns
    low = text.lower()
    present = {x for x in group[1] if x in low}
    return [p for p, lead in zip(patterns, group[2], strict=True) if lead is None or not lead.isdisjoint(present)]
