"""Shared fixtures: every test gets its own COACH_HOME; nothing touches the user's home."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def coach_home(tmp_path, monkeypatch):
    home = tmp_path / "coach-home"
    home.mkdir()
    monkeypatch.setenv("COACH_HOME", str(home))
    for var in ("COACH_BACKEND", "OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_CHROMA_URL"):
        monkeypatch.delenv(var, raising=False)
    return home
