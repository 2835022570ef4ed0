"""Large read-only tables stored as shards that are unpickled one at a time, on first use.

A compiled registry of a million names holds tables of a million entries; unpickled whole, each
costs a second at a warm start, yet one query reads a handful of their entries. Here a table is
cut into shards of a few hundred entries, each pickled on its own, and a lookup unpickles only
the shard its key falls in. A string-keyed table is cut by a stable hash of the key (CRC-32 of
its UTF-8 bytes: Python's own ``hash`` of a string changes from process to process), a
position-keyed one (entities, profiles) by position range.

Tables that share key strings (a name is an exact key and a key of the single-entity table) are
cut into the same shards and pickled together, so that pickle stores each string once and the
unpickled tables share it, as eager tables would. Values that are items of a table held
elsewhere (an entity's (id, name) label, the value of each of that entity's names in the
single-entity exact table) are pickled as their position in that table (pickle's persistent
ids) and read back as the very same objects: a shard does not make a copy of each for itself.

Once half the shards of a group are unpickled the rest are too, and each table becomes one plain
dictionary (or tuple) again: a long run, which reads every part of a table sooner or later,
then looks up at full dictionary speed, and a table is never held twice. A caller that knows a
batch will read most of a table (a column of a million names) asks for every shard at once
(:meth:`ShardStore.fill`): one pass with the garbage collector paused once, before its loop,
instead of a pause and a lock per shard inside it. Each store counts the seconds it has spent
unpickling, so that the cost of reading tables is visible beside the work that caused it.
"""

from __future__ import annotations

import contextlib
import gc
import io
import math
import mmap
import pickle
import threading
import time
import zlib
from array import array
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from typing import Any, Generic, TypeVar, overload

__all__ = [
    "POSITION_SPAN",
    "SHARD_SIZE",
    "ShardStore",
    "ShardedMap",
    "ShardedSequence",
    "key_shard",
    "pack_by_key",
    "pack_by_position",
    "position_shard",
]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

#: Entries per shard of a string-keyed table: a shard unpickles in well under a millisecond,
#: and a query that reads a dozen keys reads a dozen shards.
SHARD_SIZE = 256
#: Positions per shard of a position-keyed table. Smaller: entities and profiles are the
#: costliest entries to unpickle, and a fuzzy query reads some thirty scattered ones.
POSITION_SPAN = 64

_MISSING: Any = object()


def key_shard(key: object, count: int) -> int:
    """The shard of a string key among ``count``; -1 for a key no table can hold."""
    if not isinstance(key, str):
        return -1
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % count


def _loads(data: Any, shared: Sequence[Any] | None = None) -> Any:
    """Unpickle with the cyclic collector paused: a shard makes many containers, no cycles.

    ``shared`` is the table the shard's persistent ids are positions in (:func:`pack_by_key`).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        if shared is None:
            return pickle.loads(data)
        unpickler = pickle.Unpickler(io.BytesIO(data))
        unpickler.persistent_load = shared.__getitem__  # type: ignore[method-assign]
        return unpickler.load()
    finally:
        if enabled:
            gc.enable()


class _SharedPickler(pickle.Pickler):
    """Pickles the items of a shared table as their positions in it (persistent ids)."""

    def __init__(self, stream: io.BytesIO, shared: Sequence[Any]) -> None:
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        # Kept: the ids below are those of live objects only while the table is alive.
        self._shared = shared
        self._positions = {id(item): position for position, item in enumerate(shared)}

    def persistent_id(self, obj: Any) -> int | None:
        """The position of ``obj`` in the shared table, if it is one of its items."""
        return self._positions.get(id(obj))


def _concatenate(pieces: list[bytes]) -> tuple[bytes, array[int]]:
    bounds = array("Q", [0])
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    return b"".join(pieces), bounds


def pack_by_key(
    tables: Sequence[Mapping[str, Any]], shared: Sequence[Any] | None = None
) -> tuple[bytes, array[int]]:
    """Cut string-keyed tables into shards by key hash; their pickles and bounds.

    Shard ``i`` is the pickle of a tuple with, for each table, the dictionary of its keys
    that fall in shard ``i``. An object that is an item of ``shared`` (the very object, not
    an equal one) is pickled as its position there: the store that reads the shards back
    needs the same table (:class:`ShardStore`'s ``shared``).
    """
    count = max(1, -(-max((len(t) for t in tables), default=0) // SHARD_SIZE))
    parts: list[list[dict[str, Any]]] = [[{} for _ in tables] for _ in range(count)]
    for n, table in enumerate(tables):
        for key, value in table.items():
            parts[key_shard(key, count)][n][key] = value
    if shared is None:
        protocol = pickle.HIGHEST_PROTOCOL
        return _concatenate([pickle.dumps(tuple(p), protocol=protocol) for p in parts])
    pieces: list[bytes] = []
    stream = io.BytesIO()
    pickler = _SharedPickler(stream, shared)
    for part in parts:
        stream.seek(0)
        stream.truncate()
        pickler.clear_memo()
        pickler.dump(tuple(part))
        pieces.append(stream.getvalue())
    return _concatenate(pieces)


def pack_by_position(table: Sequence[Any] | Mapping[int, Any]) -> tuple[bytes, array[int]]:
    """Cut a position-keyed table (a tuple, or a dict by position) into ranges of positions.

    A tuple's shard is a tuple of its slice; a dictionary's is the dictionary of its
    positions in the range.
    """
    protocol = pickle.HIGHEST_PROTOCOL
    pieces: list[bytes] = []
    if isinstance(table, Mapping):
        top = max(table, default=-1) + 1
        ranges: list[dict[int, Any]] = [{} for _ in range(max(1, -(-top // POSITION_SPAN)))]
        for position, value in table.items():
            ranges[position // POSITION_SPAN][position] = value
        pieces = [pickle.dumps((r,), protocol=protocol) for r in ranges]
    else:
        for start in range(0, max(1, len(table)), POSITION_SPAN):
            pieces.append(pickle.dumps((tuple(table[start : start + POSITION_SPAN]),), protocol))
    return _concatenate(pieces)


class ShardStore:
    """The pickled shards of a group of tables, and the tables filled from those read so far.

    Each table is one container from the start (a dictionary, or a list of positions) that
    every shard unpickled adds its entries to: a table is never held twice, and once every
    shard is in, it is the plain container. Thread-safe: a shard is unpickled once, under the
    store's lock, however many threads ask for it at the same time; a shard already in is read
    without the lock.
    """

    def __init__(
        self,
        data: Any,
        bounds: array[int],
        tables: list[dict[Any, Any] | list[Any]],
        *,
        by_position: bool = False,
        shared: Callable[[], Sequence[Any]] | None = None,
    ) -> None:
        self.count = len(bounds) - 1
        #: The shards' pickles, one after the other (a view of the cache's memory map), until
        #: every shard is in.
        self.data: Any = data
        self.bounds = bounds
        self.tables = tables
        #: Position-keyed: a complete dictionary is put back in position order, the order of
        #: the eager one (shards fill it in the order they are read).
        self.by_position = by_position
        #: Gives the table the shards' persistent ids are positions in, when they have some
        #: (:func:`pack_by_key`); asked once per shard read, so that it can itself be lazy.
        self.shared = shared
        self.loaded = bytearray(self.count)
        self.done = 0
        #: Every shard is in: the tables are complete.
        self.complete = self.count == 0
        #: Seconds spent unpickling shards so far (wall clock).
        self.seconds = 0.0
        self._lock = threading.Lock()

    def ensure(self, shard: int) -> None:
        """Unpickle shard ``shard`` if it is not in yet (with half of them in: all of them).

        From half the shards on, a run is reading the whole table sooner or later: it then
        gets it at once, and looks up at full dictionary speed from then on.
        """
        with self._lock:
            if not self.loaded[shard]:
                self._load(shard)
            if not self.complete and self.done * 2 >= self.count:
                self._finish()

    def fill(self) -> None:
        """Unpickle every shard not in yet, in one pass with the garbage collector paused."""
        with self._lock:
            if not self.complete:
                enabled = gc.isenabled()
                gc.disable()
                try:
                    self._finish()
                finally:
                    if enabled:
                        gc.enable()

    def reads_most(self, lookups: int) -> bool:
        """Whether ``lookups`` more lookups of random keys are expected to reach half the shards.

        A shard not read yet stays unread through ``n`` random lookups with probability
        ``(1 - 1/count) ** n``, about ``exp(-n / count)``. With a share ``u`` of the shards
        unread, half of all shards are read once ``u * exp(-n / count) <= 1/2``, that is from
        ``n = count * ln(2u)`` on. Past that point :meth:`ensure` reads the whole table
        anyway, so reading it at once beforehand loads nothing more, only sooner.
        """
        if self.complete:
            return False
        unread = (self.count - self.done) / self.count
        return unread <= 0.5 or lookups >= self.count * math.log(2 * unread)

    def _load(self, shard: int) -> None:
        # Under the lock. The shard's flag is set last: a reader that sees it finds the entries.
        # (The shared table, when first read, counts its own time.)
        shared = None if self.shared is None else self.shared()
        began = time.perf_counter()
        values = _loads(self.data[self.bounds[shard] : self.bounds[shard + 1]], shared)
        for table, value in zip(self.tables, values, strict=True):
            if isinstance(table, dict):
                table.update(value)
            else:
                start = shard * POSITION_SPAN
                table[start : start + len(value)] = value
        self.loaded[shard] = 1
        self.done += 1
        self.seconds += time.perf_counter() - began

    def _finish(self) -> None:
        for shard in range(self.count):
            if not self.loaded[shard]:
                self._load(shard)
        began = time.perf_counter()
        if self.by_position:
            for table in self.tables:
                if isinstance(table, dict):
                    ordered = sorted(table.items())
                    table.clear()
                    table.update(ordered)
        data, self.data = self.data, None
        self.complete = True
        _forget_pages(data)
        self.seconds += time.perf_counter() - began


def _forget_pages(data: Any) -> None:
    """Let the system reclaim the pages of the memory map the shards were read from.

    Pages of a file mapping once read stay in the process's resident memory until it is
    unmapped, which happens only when the last table reading from it is complete. The
    unpickled tables no longer need them; any other reader of the map finds its pages again
    in the page cache, at the cost of a minor fault.
    """
    owner = getattr(data, "obj", None)
    advice = getattr(mmap, "MADV_DONTNEED", None)
    if isinstance(owner, mmap.mmap) and advice is not None and not owner.closed:
        with contextlib.suppress(OSError, ValueError):
            owner.madvise(advice)


class ShardedMap(Mapping[K, V], Generic[K, V]):
    """A read-only dictionary whose entries stay pickled in shards until looked up.

    Behaves as the dictionary it was cut from (``get``, ``[]``, ``in``, ``len``, iteration,
    ``items``). Iterating makes it whole, as does unpickling half its shards: from then on
    ``get`` is the dictionary's own.
    """

    def __init__(
        self, store: ShardStore, table: int, length: int, locate: Callable[[object, int], int]
    ) -> None:
        self._store = store
        self._length = length
        self._locate = locate
        self._table: dict[Any, V] = store.tables[table]  # type: ignore[assignment]
        self._settle()

    def _find(self, key: object) -> Any:
        store = self._store
        if not store.complete:
            shard = self._locate(key, store.count)
            if not 0 <= shard < store.count:
                return _MISSING
            if not store.loaded[shard]:
                store.ensure(shard)
                self._settle()
        return self._table.get(key, _MISSING)

    def _settle(self) -> None:
        if self._store.complete:
            # The instance attribute shadows the method: lookups now run in C.
            self.get = self._table.get  # type: ignore[method-assign, assignment]

    def get(self, key: K, default: Any = None) -> Any:
        if self._store.complete:  # completed through another table of the store
            self._settle()
        found = self._find(key)
        return default if found is _MISSING else found

    def __getitem__(self, key: K) -> V:
        found = self._find(key)
        if found is _MISSING:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return self._find(key) is not _MISSING

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    def __iter__(self) -> Iterator[K]:
        return iter(self.whole())

    def keys(self) -> KeysView[K]:
        return self.whole().keys()

    def values(self) -> ValuesView[V]:
        return self.whole().values()

    def items(self) -> ItemsView[K, V]:
        return self.whole().items()

    @property
    def store(self) -> ShardStore:
        """The store this table's shards are read from (shared with its group's tables)."""
        return self._store

    def lookup(self) -> Callable[[Any], V | None]:
        """The fastest ``get`` available now: the dictionary's own once the table is whole.

        For a loop that looks up many keys: bind it once, after making the table whole if
        the loop will read most of it (:meth:`ShardStore.reads_most`).
        """
        if self._store.complete:
            return self._table.get
        return self.get

    def whole(self) -> dict[K, V]:
        """The table as one dictionary (every shard unpickled, once)."""
        if not self._store.complete:
            self._store.fill()
            self._settle()
        return self._table

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled on its own (not through the Index that packs its shards): as a dictionary.
        return (dict, (self.whole(),))


class ShardedSequence(Sequence[T], Generic[T]):
    """A read-only tuple whose items stay pickled in ranges of positions until read."""

    def __init__(self, store: ShardStore, table: int = 0) -> None:
        self._store = store
        self._items: list[T] = store.tables[table]  # type: ignore[assignment]
        self._whole: tuple[T, ...] | None = None

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, at: int) -> T: ...

    @overload
    def __getitem__(self, at: slice) -> Sequence[T]: ...

    def __getitem__(self, at: int | slice) -> T | Sequence[T]:
        store = self._store
        if not store.complete:
            if isinstance(at, slice):
                return self.whole()[at]
            shard = (at if at >= 0 else at + len(self._items)) // POSITION_SPAN
            if 0 <= shard < store.count and not store.loaded[shard]:
                store.ensure(shard)
        return self._items[at]

    def __iter__(self) -> Iterator[T]:
        return iter(self.whole())

    @property
    def store(self) -> ShardStore:
        """The store this table's ranges are read from."""
        return self._store

    def whole(self) -> tuple[T, ...]:
        """The table as one tuple (every range unpickled, once)."""
        whole = self._whole
        if whole is None:
            self._store.fill()
            whole = self._whole = tuple(self._items)
        return whole

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self.whole(),))


def position_shard(key: object, count: int) -> int:
    """The range shard of a position key (-1 for a key that is no position)."""
    if type(key) is not int:
        return -1
    return key // POSITION_SPAN
