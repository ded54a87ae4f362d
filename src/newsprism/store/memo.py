"""Store methods for :class:`newsprism.corpus.memo.Memo`: a corpus pass's per-group
results with the digest of the inputs each was computed from."""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import delete, select

from . import schema

__all__ = ["MemoStore"]

_CHUNK = 2000
_WRITE_BYTES = 16_000_000  # of values per insert


class MemoStore:
    """Mixed into :class:`newsprism.store.Store`."""

    engine: Any

    def memo(self, name: str) -> dict[str, tuple[str, str]]:
        """``key -> (digest, value)`` of what pass ``name`` kept."""
        m = schema.corpus_memo
        with self.engine.connect() as conn:
            rows = conn.execute(select(m.c.key, m.c.digest, m.c.value).where(m.c["pass"] == name))
            return {r.key: (r.digest, r.value) for r in rows}

    def memo_digests(self, name: str) -> dict[str, str]:
        """``key -> digest`` of what pass ``name`` kept, without the values (an event's
        omissions run to hundreds of kilobytes: 94 MB for 123 events at 3,000 articles)."""
        m = schema.corpus_memo
        with self.engine.connect() as conn:
            return {r.key: r.digest for r in conn.execute(select(m.c.key, m.c.digest).where(m.c["pass"] == name))}

    def memo_value(self, name: str, key: str) -> str | None:
        """The value pass ``name`` kept for ``key``; None if it kept none."""
        m = schema.corpus_memo
        with self.engine.connect() as conn:
            return conn.execute(select(m.c.value).where(m.c["pass"] == name, m.c.key == key)).scalar_one_or_none()

    def replace_memo(self, name: str, rows: Iterable[tuple[str, str, str | None]]) -> None:
        """Keep exactly ``(key, digest, value)`` rows for pass ``name``, in one transaction.
        Rows already kept with the same digest are left as they are (most of them, on a
        store that grew a little), so only what changed is written; their value may be
        given as None. ``rows`` is read as it comes and written :data:`_WRITE_BYTES` of
        values at a time, so a generator's values need never be held together."""
        m = schema.corpus_memo
        with self.engine.begin() as conn:
            have = {r.key: r.digest for r in conn.execute(select(m.c.key, m.c.digest).where(m.c["pass"] == name))}
            wanted: dict[str, str] = {}
            pending: list[dict[str, Any]] = []
            size = 0
            for k, d, v in rows:
                wanted[k] = d
                if have.get(k) == d:
                    continue
                if v is None:
                    raise ValueError(f"memo {name!r}: no value for {k!r}, which is not kept with that digest")
                if k in have:  # kept for other inputs: replaced
                    conn.execute(delete(m).where(m.c["pass"] == name, m.c.key == k))
                pending.append({"pass": name, "key": k, "digest": d, "value": v})
                size += len(v)
                if size >= _WRITE_BYTES or len(pending) >= _CHUNK:
                    conn.execute(m.insert(), pending)
                    pending, size = [], 0
            if pending:
                conn.execute(m.insert(), pending)
            gone = sorted(k for k in have if k not in wanted)
            for i in range(0, len(gone), _CHUNK):
                conn.execute(delete(m).where(m.c["pass"] == name, m.c.key.in_(gone[i:i + _CHUNK])))
