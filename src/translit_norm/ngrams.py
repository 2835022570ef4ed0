"""Candidate retrieval for fuzzy matching: an inverted index of character trigrams.

Fuzzy scoring with rapidfuzz is cheap per pair but a scan of every key is not: at a million
aliases it is seconds per query. The trigram index narrows a query to the keys that share
enough trigrams with it, and only those are scored.

Retrieval uses the prefix filter of set-similarity joins: a key that shares at least ``needed``
of the query's ``n`` trigrams must contain at least one of the query's ``n - needed + 1`` rarest
trigrams (otherwise it could share at most ``needed - 1`` of the rest). So only the short
postings of the rare trigrams are read; the common ones (``^ko``, ``ko$``, ``enk``), whose
postings grow with the registry, are never scanned: they are only checked, for the surviving
candidates, as substrings of the padded key. Candidates are visited by decreasing prefix count,
and the visit stops when no key left can reach the current top ``limit``.
:func:`candidates_by_scan` is the slow, obviously correct count over every posting; the tests
check that both agree.
"""

from __future__ import annotations

import functools
from array import array
from collections import Counter
from collections.abc import Iterable
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

__all__ = ["MEMO_SIZE", "NgramIndex", "Search", "candidates_by_scan", "trigrams"]

#: Lookups an index remembers (least recently used first out).
MEMO_SIZE = 1 << 14
#: Prefix postings at least this long are counted with numpy (when it is installed): below
#: it, numpy's fixed cost per call exceeds the plain loop's.
VECTOR_MIN_POSTINGS = 256


@functools.cache
def _numpy() -> Any:
    """numpy if installed (rapidfuzz's batch scoring needs it too), else None."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return numpy


class Search(NamedTuple):
    """A fuzzy search in a trigram index (:meth:`NgramIndex.similar`).

    Attributes:
        limit: Candidates retrieved: the keys sharing most trigrams with the query.
        cutoff: Least ``fuzz.ratio`` (0-100) of a candidate kept.
        best: Most candidates kept, best ratio first.
        min_share: Least fraction of the query's trigrams a candidate shares.
    """

    limit: int
    cutoff: float
    best: int
    min_share: float = 0.4


def trigrams(key: str) -> frozenset[str]:
    """The trigrams of ``key`` padded with ``^`` and ``$`` (so short keys have some)."""
    padded = f"^{key}$"
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def _needed(grams: frozenset[str], min_share: float) -> int:
    return max(1, int(len(grams) * min_share))


class NgramIndex:
    """Keys indexed by their trigrams.

    Build it with :meth:`add` (or the constructor); :meth:`freeze` packs the postings into
    compact arrays (fast to store in the compiled cache). Lookups are read-only and safe from
    several threads.
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._ids: dict[str, int] = {}
        self._keys: list[str] = []
        self._postings: dict[str, array[int] | list[int]] = {}
        #: Every posting is a typed array (see :meth:`freeze`), readable by numpy in place.
        self._frozen = False
        self._rank: array[int] | None = None
        self._remember()
        for key in keys:
            self.add(key)

    def _remember(self) -> None:
        # Queries repeat (pipelines ask for the same names again): remember recent answers. The
        # memos belong to this index, are bounded, and are dropped whenever a key is added.
        self._memo: Any = functools.lru_cache(maxsize=MEMO_SIZE)(self._lookup)
        self._scored: dict[tuple[str, Search], tuple[tuple[str, float], ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["_memo"], state["_scored"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_frozen", False)  # pickled before the flag existed
        self._remember()

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> list[str]:
        """The indexed keys, in the order they were added."""
        return self._keys

    def add(self, key: str) -> None:
        """Index ``key`` (once; adding it again does nothing)."""
        if not key or key in self._ids:
            return
        self._memo.cache_clear()
        self._scored.clear()
        self._frozen = False
        ident = len(self._keys)
        self._ids[key] = ident
        self._keys.append(key)
        for gram in trigrams(key):
            posting = self._postings.get(gram)
            if posting is None:
                self._postings[gram] = [ident]
            else:
                posting.append(ident)

    def freeze(self) -> None:
        """Pack every posting into a typed array: a quarter of the memory, pickled as bytes."""
        self._memo.cache_clear()
        self._scored.clear()
        self._postings = {gram: array("l", ids) for gram, ids in self._postings.items()}
        # Each key's place in string order: ties in trigram count are broken by key, and with
        # thousands of keys tied at the cut (common name endings) numpy orders them by rank
        # in C instead of Python sorting the strings.
        rank = array("l", bytes(array("l").itemsize * len(self._keys)))
        for place, ident in enumerate(sorted(range(len(self._keys)), key=self._keys.__getitem__)):
            rank[ident] = place
        self._rank = rank
        self._frozen = True

    def posting(self, gram: str) -> Iterable[int]:
        """Ids of the keys that contain ``gram``."""
        return self._postings.get(gram, ())

    def candidates(self, key: str, *, limit: int = 50, min_share: float = 0.4) -> list[str]:
        """Keys sharing at least ``min_share`` of ``key``'s trigrams, most shared first.

        Args:
            key: The query key.
            limit: Most keys returned.
            min_share: Smallest fraction of the query's trigrams a candidate must share.

        Returns:
            Candidate keys, ties broken by key order so results are deterministic.
        """
        found: tuple[str, ...] = self._memo(key, limit, min_share)
        return list(found)

    def similar(self, key: str, search: Search) -> tuple[tuple[str, float], ...]:
        """The best candidates of ``key`` under ``search``, as (candidate, score) pairs.

        Exactly ``rapidfuzz.process.extract(key, self.candidates(key, limit=search.limit,
        min_share=search.min_share), scorer=fuzz.ratio, score_cutoff=search.cutoff,
        limit=search.best)``: best first, ties in candidate order. Remembered, and answered
        from :meth:`prime`'s batch scores when they are there.
        """
        found = self._scored.get((key, search))
        if found is None:
            choices = self.candidates(key, limit=search.limit, min_share=search.min_share)
            found = tuple(
                (choice, score)
                for choice, score, _ in process.extract(
                    key, choices, scorer=fuzz.ratio, score_cutoff=search.cutoff, limit=search.best
                )
            )
            self._store((key, search), found)
        return found

    def prime(self, keys: Iterable[str], search: Search, *, workers: int = 1) -> None:
        """Score the candidates of many keys at once, for :meth:`similar` to answer from.

        Every (key, candidate) pair of the batch goes to rapidfuzz's batch scorer
        (``process.cpdist``: the pairs are scored in C, over ``workers`` threads, -1 = all
        cores). A full ``cdist`` matrix would score every key against every other key's
        candidates too, a batch-size times more work for nothing. The answers are the ones
        :meth:`similar` computes one key at a time (a test checks it). Without numpy,
        which the batch scorer returns its scores in, this does nothing.
        """
        np = _numpy()
        if np is None or not hasattr(process, "cpdist"):  # pragma: no cover - rapidfuzz < 3.6
            return
        pending = list(dict.fromkeys(k for k in keys if (k, search) not in self._scored))
        lists = [
            self.candidates(k, limit=search.limit, min_share=search.min_share) for k in pending
        ]
        queries = [k for k, choices in zip(pending, lists, strict=True) for _ in choices]
        choices = [choice for found in lists for choice in found]
        scores = (
            process.cpdist(
                queries,
                choices,
                scorer=fuzz.ratio,
                score_cutoff=search.cutoff,
                workers=workers,
                dtype=np.float64,  # extract's scores are doubles: the same numbers
            ).tolist()
            if queries
            else []
        )
        at = 0
        for key, found in zip(pending, lists, strict=True):
            # process.extract's order: score descending, ties in the order of the choices.
            ranked = sorted(
                (-scores[at + i], i) for i in range(len(found)) if scores[at + i] >= search.cutoff
            )
            self._store(
                (key, search), tuple((found[i], -score) for score, i in ranked[: search.best])
            )
            at += len(found)

    def _store(self, memo: tuple[str, Search], found: tuple[tuple[str, float], ...]) -> None:
        # Bounded, oldest first out; safe between threads (at worst an answer is recomputed).
        self._scored[memo] = found
        if len(self._scored) > MEMO_SIZE:
            self._scored.pop(next(iter(self._scored)), None)

    def _lookup(self, key: str, limit: int, min_share: float) -> tuple[str, ...]:
        grams = trigrams(key)
        needed = _needed(grams, min_share)
        ordered = sorted(grams, key=lambda gram: (len(self._postings.get(gram, ())), gram))
        # Prefix filter: every qualifying key holds one of the rarest n - needed + 1 grams;
        # the needed - 1 commonest are only checked, per candidate, never scanned.
        spare = needed - 1
        prefix, common = ordered[: len(ordered) - spare], ordered[len(ordered) - spare :]
        if self._frozen and _numpy() is not None:
            volume = sum(len(self._postings.get(gram, ())) for gram in prefix)
            if volume >= VECTOR_MIN_POSTINGS:
                return self._lookup_vectorized(ordered, needed, limit)
        counts: Counter[int] = Counter()
        for gram in prefix:
            posting = self._postings.get(gram)
            if posting:
                counts.update(posting)
        # Visit candidates by decreasing prefix count: the sort runs in C, and the Python
        # loop below stops at the first count level that cannot reach the current top
        # ``limit``, so most of the counted keys are never looked at.
        ranked = counts.most_common()
        keys = self._keys
        best: list[tuple[int, str]] = []
        at, size = 0, len(ranked)
        while at < size:
            count = ranked[at][1]
            bound = count + spare  # the most a key with this prefix count can share
            if bound < needed or (len(best) >= limit and bound < -best[limit - 1][0]):
                break
            while at < size and ranked[at][1] == count:
                candidate = keys[ranked[at][0]]
                at += 1
                shared = count
                if common:
                    # A trigram of the query is a trigram of the key iff it is a substring
                    # of the padded key: no need to build the key's trigram set.
                    padded = f"^{candidate}$"
                    for gram in common:
                        if gram in padded:
                            shared += 1
                if shared >= needed:
                    best.append((-shared, candidate))
            best.sort()
            del best[limit:]
        return tuple(candidate for _, candidate in best)

    def _lookup_vectorized(self, grams: list[str], needed: int, limit: int) -> tuple[str, ...]:
        """:meth:`_lookup` in numpy, for long postings: the same keys in the same order.

        Every posting of the query's trigrams is counted at once (``bincount`` over the key
        ids: no prefix filter needed, a key that shares fewer than ``needed`` trigrams is
        dropped by its count), and the best counts are kept with array operations; only the
        keys that reach the ``limit``-th best count come back to Python, to be ordered by
        key as the reference orders them.
        """
        np = _numpy()
        postings = [self._postings[gram] for gram in grams if gram in self._postings]
        if not postings:
            return ()
        dtype = np.dtype(f"i{array('l').itemsize}")  # frozen postings are arrays of C longs
        counts = np.bincount(
            np.concatenate([np.frombuffer(p, dtype=dtype) for p in postings]),
            minlength=len(self._keys),
        )
        ids = np.flatnonzero(counts >= needed)
        shared = counts[ids]
        if len(ids) > limit:
            floor = np.partition(shared, len(shared) - limit)[len(shared) - limit]
            keep = shared >= floor
            ids, shared = ids[keep], shared[keep]
        keys = self._keys
        rank = getattr(self, "_rank", None)
        if rank is not None and len(rank) == len(keys):
            # By count, then by key (its rank in string order): lexsort's last key is primary.
            order = np.lexsort((np.frombuffer(rank, dtype=dtype)[ids], -shared))[:limit]
            return tuple(keys[i] for i in ids[order].tolist())
        best = sorted(zip((-shared).tolist(), [keys[i] for i in ids.tolist()], strict=True))
        return tuple(candidate for _, candidate in best[:limit])


def candidates_by_scan(
    index: NgramIndex, key: str, *, limit: int = 50, min_share: float = 0.4
) -> list[str]:
    """The reference for :meth:`NgramIndex.candidates`: count every posting of every trigram."""
    grams = trigrams(key)
    counts: Counter[int] = Counter()
    for gram in grams:
        counts.update(index.posting(gram))
    needed = _needed(grams, min_share)
    ranked = sorted(
        (ident for ident, count in counts.items() if count >= needed),
        key=lambda ident: (-counts[ident], index.keys[ident]),
    )
    return [index.keys[ident] for ident in ranked[:limit]]
