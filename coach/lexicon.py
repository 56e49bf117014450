"""Loads the curated patterns in coach/data/analyze.toml once, compiled."""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

FLAGS = re.IGNORECASE


def data_path(name: str):
    return resources.files("coach") / "data" / name


@lru_cache(maxsize=None)
def patterns() -> dict[str, dict[str, list[re.Pattern[str]]]]:
    raw = tomllib.loads(data_path("analyze.toml").read_text(encoding="utf-8"))
    return {
        section: {key: [re.compile(p, FLAGS) for p in values] for key, values in body.items()}
        for section, body in raw.items()
    }


def group(section: str, key: str) -> list[re.Pattern[str]]:
    return patterns()[section][key]


def first_match(pats: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for p in pats:
        m = p.search(text)
        if m:
            return m
    return None


def any_match(pats: list[re.Pattern[str]], text: str) -> bool:
    return first_match(pats, text) is not None


@lru_cache(maxsize=None)
def jsonl(name: str) -> list[dict[str, Any]]:
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
