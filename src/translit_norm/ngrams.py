"""Candidate retrieval for fuzzy matching: an inverted index of character trigrams.

Fuzzy scoring with rapidfuzz is cheap per pair but a scan of every key is not: at a million
aliases it is seconds per query. The trigram index narrows a query to the keys that share
enough trigrams with it, and only those are scored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

__all__ = ["NgramIndex", "trigrams"]


def trigrams(key: str) -> frozenset[str]:
    """The trigrams of ``key`` padded with ``^`` and ``$`` (so short keys have some)."""
    padded = f"^{key}$"
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


class NgramIndex:
    """Keys indexed by their trigrams.

    Build it with :meth:`add` (or the constructor), then :meth:`freeze`; lookups are
    read-only and safe from several threads.
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._ids: dict[str, int] = {}
        self._keys: list[str] = []
        self._postings: dict[str, list[int]] = {}
        for key in keys:
            self.add(key)

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str) -> None:
        """Index ``key`` (once; adding it again does nothing)."""
        if not key or key in self._ids:
            return
        ident = len(self._keys)
        self._ids[key] = ident
        self._keys.append(key)
        for gram in trigrams(key):
            self._postings.setdefault(gram, []).append(ident)

    def candidates(self, key: str, *, limit: int = 50, min_share: float = 0.4) -> list[str]:
        """Keys sharing at least ``min_share`` of ``key``'s trigrams, most shared first.

        Args:
            key: The query key.
            limit: Most keys returned.
            min_share: Smallest fraction of the query's trigrams a candidate must share.

        Returns:
            Candidate keys, ties broken by key order so results are deterministic.
        """
        grams = trigrams(key)
        counts: Counter[int] = Counter()
        for gram in grams:
            counts.update(self._postings.get(gram, ()))
        needed = max(1, int(len(grams) * min_share))
        ranked = sorted(
            (ident for ident, count in counts.items() if count >= needed),
            key=lambda ident: (-counts[ident], self._keys[ident]),
        )
        return [self._keys[ident] for ident in ranked[:limit]]
