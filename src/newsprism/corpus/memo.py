"""Memo: a corpus pass's pure per-group work, kept in the store across runs.

Some passes split into groups whose results depend on the group's own inputs alone (the
omissions of one event, the statements of one speaker). :class:`Memo` keeps each group's
result with a digest of those inputs; when the pass runs again, a group whose digest is
unchanged gets its kept result and only the others are computed. A result is reused only
for the very inputs it came from, and a fresh result goes through the same JSON round trip
as a kept one, so the pass's output is the same, byte for byte, as computing every group
afresh. The digest also covers the newsprism version and the pass's own ``version`` (bump
it when the computation changes), so new code never reuses an old result.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any, Callable

__all__ = ["Memo"]


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Memo:
    """The kept results of pass ``name`` (a store with ``memo_digests`` / ``memo_value`` /
    ``replace_memo``).

    Call :meth:`get` once per group, then :meth:`save`: the store then keeps exactly the
    groups of this run, so it holds nothing for groups that are gone. Only the digests are
    read up front; a kept result is read when its group asks for it, and a new one is
    held compressed until :meth:`save` writes it."""

    def __init__(self, store: Any, name: str, version: str):
        from .. import __version__

        self.store, self.name = store, name
        self._salt = f"{__version__}\x00{name}\x00{version}\x00"
        self._kept = store.memo_digests(name)
        self._now: dict[str, tuple[str, bytes | None]] = {}  # key -> (digest, new value zlib-compressed)
        self.hits = self.misses = 0

    def digest(self, inputs: Any) -> str:
        """sha256 of the version salt and ``inputs`` as canonical JSON."""
        return hashlib.sha256((self._salt + _dumps(inputs)).encode("utf-8", "surrogatepass")).hexdigest()

    def find(self, key: str, inputs: Any) -> tuple[str, Any | None]:
        """``(digest, kept result)`` of group ``key``; the result is None unless it was
        computed from these very ``inputs``. A kept result found here stays kept."""
        digest = self.digest(inputs)
        if self._kept.get(key) == digest:
            text = self.store.memo_value(self.name, key)
            if text is not None:
                self.hits += 1
                self._now[key] = (digest, None)
                return digest, json.loads(text)
        return digest, None

    def keep(self, key: str, digest: str, value: Any) -> Any:
        """Keep ``value`` as group ``key``'s result for inputs of ``digest``; returns it as
        a kept one would come back (through JSON: lists, not tuples)."""
        self.misses += 1
        text = _dumps(value)
        self._now[key] = (digest, zlib.compress(text.encode("utf-8", "surrogatepass"), 1))
        return json.loads(text)

    def get(self, key: str, inputs: Any, compute: Callable[[], Any]) -> Any:
        """The result for group ``key``: the kept one when its inputs were these, else
        ``compute()``, kept. Either way as JSON gives it back."""
        digest, value = self.find(key, inputs)
        return value if value is not None else self.keep(key, digest, compute())

    def save(self) -> None:
        """Keep this run's groups (and only those) for the next run."""
        self.store.replace_memo(self.name, (
            (k, d, None if v is None else zlib.decompress(v).decode("utf-8", "surrogatepass"))
            for k, (d, v) in self._now.items()))
