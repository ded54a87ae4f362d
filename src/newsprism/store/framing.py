"""Store methods for the framing pass: the per-article framing terms it reads and the
outlet profiles and event framing it writes (as JSON documents, rewritten whole)."""

from __future__ import annotations

import json
from typing import Any, Iterable

from sqlalchemy import delete

from . import schema
from .batches import chunked

__all__ = ["FramingStore", "framing_json"]

_PROFILE_CHUNK = 500  # profiles of a large event run to hundreds of kilobytes each


def framing_json(value: Any) -> str:
    """A profile or an event's framing as the store keeps it (JSON, keys sorted); JSON
    text already is kept as it is."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


class FramingStore:
    """Mixed into :class:`newsprism.store.Store`."""

    engine: Any
    _rows: Any  # AttributionStore._rows(table, *order)

    def replace_framing(self, profiles: Iterable[dict[str, Any]], events: Iterable[dict[str, Any]]) -> None:
        """Rewrite the outlet profiles (``{outlet, event, profile}``; event '' is the
        corpus) and the event framing (``{event, framing}``) in one transaction. A profile
        or framing may come as its JSON text already (keys sorted), as the pass gives them.

        ``profiles`` is read as it comes, a few hundred rows at a time, and only then
        ``events``: the pass hands a generator, so no more than one chunk of profiles is
        held at once, and it may fill ``events`` while its profiles are read."""
        with self.engine.begin() as conn:
            conn.execute(delete(schema.outlet_profiles))
            conn.execute(delete(schema.event_framing))
            for chunk in chunked(profiles, _PROFILE_CHUNK):
                conn.execute(schema.outlet_profiles.insert(), [
                    {"outlet": r["outlet"], "event": r["event"], "profile": framing_json(r["profile"])} for r in chunk])
            for chunk in chunked(events):
                conn.execute(schema.event_framing.insert(),
                             [{"event": r["event"], "framing": framing_json(r["framing"])} for r in chunk])

    def outlet_profiles(self) -> list[dict[str, Any]]:
        """``{outlet, event, profile}`` rows, by outlet then event ('' = the corpus first)."""
        t = schema.outlet_profiles
        return [{**r, "profile": json.loads(r["profile"])} for r in self._rows(t, t.c.outlet, t.c.event)]

    def event_framing(self) -> dict[str, dict[str, Any]]:
        t = schema.event_framing
        return {r["event"]: json.loads(r["framing"]) for r in self._rows(t, t.c.event)}
