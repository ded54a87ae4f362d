"""Store methods for :class:`newsprism.corpus.memo.Memo`: a corpus pass's per-group
results with the digest of the inputs each was computed from."""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import delete, select

from . import schema

__all__ = ["MemoStore"]

_CHUNK = 2000


class MemoStore:
    """Mixed into :class:`newsprism.store.Store`."""

    engine: Any

    def memo(self, name: str) -> dict[str, tuple[str, str]]:
        """``key -> (digest, value)`` of what pass ``name`` kept."""
        m = schema.corpus_memo
        with self.engine.connect() as conn:
            rows = conn.execute(select(m.c.key, m.c.digest, m.c.value).where(m.c["pass"] == name))
            return {r.key: (r.digest, r.value) for r in rows}

    def replace_memo(self, name: str, rows: Iterable[tuple[str, str, str]]) -> None:
        """Keep exactly ``(key, digest, value)`` rows for pass ``name``, in one transaction.
        Rows already kept with the same digest are left as they are (most of them, on a
        store that grew a little), so only what changed is written."""
        m = schema.corpus_memo
        wanted = {k: (d, v) for k, d, v in rows}
        with self.engine.begin() as conn:
            have = {r.key: r.digest for r in conn.execute(select(m.c.key, m.c.digest).where(m.c["pass"] == name))}
            stale = sorted(k for k, d in have.items() if k not in wanted or wanted[k][0] != d)
            for i in range(0, len(stale), _CHUNK):
                conn.execute(delete(m).where(m.c["pass"] == name, m.c.key.in_(stale[i:i + _CHUNK])))
            values = [{"pass": name, "key": k, "digest": d, "value": v} for k, (d, v) in sorted(wanted.items())
                      if have.get(k) != d]
            for i in range(0, len(values), _CHUNK):
                conn.execute(m.insert(), values[i:i + _CHUNK])
