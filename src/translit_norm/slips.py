"""Exact retrieval of the keys one slip away: a deletion-neighbourhood index.

The resolver accepts a misspelt surname only when it is one slip of the pen (a letter left out,
added or changed, two neighbours swapped) from a registered surname key. Ranking by shared
trigrams cannot promise to find those keys: in a large registry hundreds of surnames share a
stem's trigrams, and a true neighbour falls outside any fixed top list. This index finds all of
them and nothing else.

Every key is indexed under itself and under each string made by deleting one of its letters
(the idea of SymSpell's index); a query looks up itself and its own deletions. Two keys within
one slip always meet: an added or a left-out letter makes one key a deletion of the other, and a
changed letter or a swapped pair gives both the same deletion (delete the changed letter, or
either letter of the pair). Keys that meet without being one slip apart (``abc`` and ``bca``
share ``bc``) are removed by the edit distance (OSA) check, as are the candidates that only a
hash collision brought.

The table is two parallel arrays, a sorted one of 64-bit hashes of the indexed strings and one
of key numbers, searched with binary search: at 170,000 surnames (1.5 million strings) it takes
about 18 MB, and it pickles as two byte strings, restored without rebuilding anything. A third,
small array (256 kB) holds where each run of hashes with the same leading 16 bits starts, so a
lookup searches a run of a few dozen hashes (one or two cache lines) instead of the whole table,
whose binary search would miss the cache at nearly every step.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt
import xxhash
from rapidfuzz.distance import OSA

__all__ = ["MEMO_SIZE", "SlipIndex", "one_deletions"]

#: Distinct keys whose neighbours a :class:`SlipIndex` remembers. Queries repeat their words
#: (given names, common surnames): at 100,000 people, over half the lookups of a batch of
#: unseen names are for a key looked up before. A few MB at most.
MEMO_SIZE = 1 << 13

_hash = xxhash.xxh3_64_intdigest
#: A hash's leading bits that pick its run in :attr:`SlipIndex._runs`.
_RUN_BITS = 16
_RUN_SHIFT = 64 - _RUN_BITS


def one_deletions(key: str) -> set[str]:
    """``key`` and every string made by deleting one of its characters."""
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


def _hashes(strings: Iterable[str]) -> list[int]:
    return [_hash(s.encode("utf-8")) for s in strings]


class SlipIndex:
    """Keys indexed by their one-deletion neighbourhood; built once, then read-only.

    Lookups are safe from several threads (they read the arrays, and the memo of recent
    lookups is a thread-safe :func:`functools.lru_cache`).
    """

    __slots__ = ("_hashes", "_ids", "_keys", "_memo", "_runs")

    def __init__(self, keys: Iterable[str] = ()) -> None:
        # Sorted, so that the table depends on the set of keys only, not on the order the
        # registry listed them in.
        self._keys: list[str] = sorted(set(keys))
        strings: list[int] = []
        owners: list[int] = []
        for ident, key in enumerate(self._keys):
            found = _hashes(one_deletions(key))
            strings += found
            owners += [ident] * len(found)
        hashes = np.array(strings, dtype=np.uint64)
        ids = np.array(owners, dtype=np.uint32)
        # Stable, and ties (one deletion string of several keys) by key number: deterministic.
        order = np.lexsort((ids, hashes))
        self._hashes: npt.NDArray[np.uint64] = hashes[order]
        self._ids: npt.NDArray[np.uint32] = ids[order]
        self._runs = _runs(self._hashes)
        self._memo = _memo(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Raw buffers: unpickling is a copy of bytes, not 1.5 million objects.
        return (_restore, (self._keys, self._hashes.tobytes(), self._ids.tobytes()))

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> list[str]:
        """The indexed keys, sorted."""
        return self._keys

    @property
    def nbytes(self) -> int:
        """Bytes taken by the arrays (the keys themselves are shared with other tables)."""
        return int(self._hashes.nbytes + self._ids.nbytes + self._runs.nbytes)

    def within_one_slip(self, key: str) -> list[str]:
        """The indexed keys at most one slip from ``key`` (``key`` itself included), sorted.

        One slip is an optimal-string-alignment distance of at most 1: one letter inserted,
        deleted or substituted, or two adjacent letters transposed. The answers for the last
        :data:`MEMO_SIZE` distinct keys are remembered.
        """
        return list(self._memo(key))

    def _lookup(self, key: str) -> tuple[str, ...]:
        if not self._keys:
            return ()
        # Python ints read from the arrays' buffers: each string of the neighbourhood finds
        # its run, then its place in the run by binary search; equal hashes are adjacent.
        hashes, ids, runs = self._hashes.data, self._ids.data, self._runs
        idents: set[int] = set()
        for wanted in _hashes(one_deletions(key)):
            run = wanted >> _RUN_SHIFT
            end = runs[run + 1]
            at = bisect_left(hashes, wanted, runs[run], end)
            while at < end and hashes[at] == wanted:
                idents.add(ids[at])
                at += 1
        keys = self._keys
        return tuple(
            sorted(
                candidate
                for candidate in (keys[i] for i in idents)
                if OSA.distance(key, candidate, score_cutoff=1) <= 1
            )
        )


def _runs(hashes: npt.NDArray[np.uint64]) -> memoryview:
    """Where the hashes with each value of their leading :data:`_RUN_BITS` bits start.

    Entry ``r`` is the place of the first hash whose leading bits are ``r`` or more; entry
    ``2 ** _RUN_BITS`` is the table's length. Rebuilt (a few ms), not pickled.
    """
    firsts = np.arange(1 << _RUN_BITS, dtype=np.uint64) << np.uint64(_RUN_SHIFT)
    starts = np.append(np.searchsorted(hashes, firsts), len(hashes)).astype(np.int64)
    return starts.data


def _memo(index: SlipIndex) -> functools._lru_cache_wrapper[tuple[str, ...]]:
    """A bounded memo of ``index``'s lookups (rebuilt, not pickled, with the index)."""
    return functools.lru_cache(maxsize=MEMO_SIZE)(index._lookup)


def _restore(keys: list[str], hashes: bytes, ids: bytes) -> SlipIndex:
    index = SlipIndex.__new__(SlipIndex)
    index._keys = keys
    index._hashes = np.frombuffer(hashes, dtype=np.uint64)
    index._ids = np.frombuffer(ids, dtype=np.uint32)
    index._runs = _runs(index._hashes)
    index._memo = _memo(index)
    return index
