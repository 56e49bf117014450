"""The Coach for one person signed in to a team server.

What holds nobody's data (the analyzer with its models, the voice) is built once per server and
shared; what holds a person's words is theirs alone: a `PgStore` scoped to them by row-level
security, and their own vector collections on the chroma server (`bedrock_<person id>_<level>`).

One collection set per person, not one shared collection filtered by owner: a chroma query with a
`where` filter is approximate (a person with a few statements can get fewer hits than exist) and
slower as the whole team's statements grow, while a person's own collection answers in the same
time at any team size and cannot return someone else's statement even by mistake
(`coach bench --team-vectors N` measures both; docs/TEAM.md has the figures).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from coach.config import Settings
from coach.errors import ConfigError


def collection_for(person_id: str) -> str:
    """The base name of a person's vector collections (chroma allows [a-zA-Z0-9._-], 3-512 chars)."""
    return f"bedrock_{person_id}"


@dataclass
class Shared:
    """The parts of a coach that hold no one's data, built once per server."""

    analyzer: Any
    realizer: Any


_shared: dict[tuple[str, ...], Shared] = {}
_shared_lock = threading.Lock()


def shared_parts(settings: Settings) -> Shared:
    key = (str(settings.home), settings.backend, settings.base_url or "", settings.model)
    with _shared_lock:
        parts = _shared.get(key)
        if parts is None:
            from coach.analyze import Analyzer

            realizer = None
            if settings.backend == "openai":
                from coach.realize.llm import LLMRealizer

                realizer = LLMRealizer(settings)
            parts = _shared[key] = Shared(Analyzer(cache_dir=settings.home / "cache"), realizer)
    return parts


def coach_for(settings: Settings, person_id: str, *, memory: bool = True, pool: Any = None) -> Any:
    """A Coach working on `person_id`'s own data on the team server."""
    if not settings.database_url:
        raise ConfigError("A team coach needs COACH_DATABASE_URL (the team's PostgreSQL server).")
    from coach.agent import Coach
    from coach.store.pg import PgStore

    parts = shared_parts(settings)
    store = PgStore(settings.database_url, person_id, pool=pool)
    mem = None
    if memory:
        from coach.memory import BackgroundMemory

        def open_memory() -> Any:
            from coach.store.vectors import VectorMemory

            return VectorMemory(settings, store=PgStore(settings.database_url, person_id, pool=pool),
                                collection=collection_for(person_id))

        mem = BackgroundMemory(open_memory)
    return Coach(store, realizer=parts.realizer, memory=mem, analyzer=parts.analyzer, settings=settings)
