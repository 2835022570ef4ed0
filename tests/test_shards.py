"""Sharded tables: the same answers as the eager ones, unpickled only where read, once."""

from __future__ import annotations

import gc
import pickle
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import REGISTRY_DIR
from translit_norm import Registry, shards
from translit_norm import cache as compiled_cache
from translit_norm.index import _BY_KEY, _BY_POSITION
from translit_norm.shards import (
    ShardedMap,
    ShardedSequence,
    ShardStore,
    key_shard,
    pack_by_key,
    pack_by_position,
    position_shard,
)

_QUERIES = ["Łukašenka", "Тихановская", "Pinsk", "nobody at all", "Kiev", "Lukashenko A."]


def _maps(tables: list[dict[str, Any]]) -> list[ShardedMap[str, Any]]:
    data, bounds = pack_by_key(tables)
    store = ShardStore(memoryview(data), bounds, [{} for _ in tables])
    return [ShardedMap(store, n, len(t), key_shard) for n, t in enumerate(tables)]


def _sequence(items: tuple[Any, ...]) -> ShardedSequence[Any]:
    data, bounds = pack_by_position(items)
    return ShardedSequence(ShardStore(data, bounds, [[None] * len(items)]))


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    # Many shards even for the small test registry, so that lookups cross shard bounds.
    monkeypatch.setattr(shards, "SHARD_SIZE", 4)
    monkeypatch.setattr(shards, "POSITION_SPAN", 3)


def test_sharded_map_reads_as_its_dict() -> None:
    first = {f"key {i}": (i, i + 1) for i in range(3000)}
    second = {f"key {i}": i for i in range(0, 3000, 7)}
    lazy, other = _maps([first, second])
    assert len(lazy) == 3000 and len(other) == len(second) and lazy
    assert lazy["key 17"] == (17, 18) and lazy.get("key 17") == (17, 18)
    assert lazy.get("absent") is None and lazy.get("absent", ()) == ()
    number: object = 5
    assert "key 5" in lazy and "absent" not in lazy and number not in lazy and None not in lazy
    with pytest.raises(KeyError):
        lazy["absent"]
    assert dict(lazy.items()) == first and sorted(other) == sorted(second)
    assert lazy == first and other == second
    # Pickled on its own, it is the dictionary.
    assert pickle.loads(pickle.dumps(lazy)) == first


def test_a_lookup_unpickles_only_its_shard() -> None:
    table = {f"name {i}": i for i in range(5000)}
    (lazy,) = _maps([table])
    store = lazy._store
    assert store.count > 10 and store.done == 0
    assert lazy.get("name 42") == 42
    assert store.done == 1
    assert store.loaded[key_shard("name 42", store.count)] == 1
    assert lazy.get("name 42") == 42 and "name 42" in lazy
    assert store.done == 1
    assert lazy.get("absent") is None  # a miss reads the shard the key would be in
    assert store.done <= 2 and not store.complete


def test_half_the_shards_read_make_the_table_whole() -> None:
    table = {f"name {i}": i for i in range(5000)}
    (lazy,) = _maps([table])
    store = lazy._store
    for i in range(5000):
        assert lazy[f"name {i}"] == i
        if store.complete:
            break
    assert store.complete and store.done == store.count and store.data is None
    assert lazy.get("name 4999") == 4999
    assert vars(lazy)["get"] == lazy._table.get  # lookups now run as the dict's own


def test_tables_cut_together_share_their_strings() -> None:
    keys = [f"shared {i}" for i in range(1000)]
    exact, single = _maps([dict.fromkeys(keys, (1,)), dict.fromkeys(keys, 1)])
    exact.whole()
    assert all(a is b for a, b in zip(sorted(exact), sorted(single), strict=True))


def test_sharded_sequence_reads_as_its_tuple() -> None:
    items = tuple(f"entity {i}" for i in range(1000))
    lazy = _sequence(items)
    assert len(lazy) == 1000
    assert lazy[0] == items[0] and lazy[-1] == items[-1] and lazy[500] == items[500]
    assert lazy._store.done == 3
    with pytest.raises(IndexError):
        lazy[1000]
    assert lazy[10:20] == items[10:20]
    assert tuple(lazy) == lazy.whole() == items
    assert pickle.loads(pickle.dumps(lazy)) == items


def test_positions_shard_by_range() -> None:
    table = {p: f"profile {p}" for p in range(0, 1000, 3)}
    data, bounds = pack_by_position(table)
    store = ShardStore(data, bounds, [{}], by_position=True)
    lazy = ShardedMap[int, str](store, 0, len(table), position_shard)
    assert lazy[999] == "profile 999" and lazy.get(998) is None
    text: object = "3"
    assert lazy.get(5000) is None and lazy.get(-1) is None and text not in lazy
    assert lazy._store.done == 1  # 998 and 999 share a range
    assert list(lazy) == list(table)  # position order, as the eager dict


def test_values_of_a_shared_table_are_read_back_as_the_same_objects() -> None:
    labels = tuple((f"id-{i}", f"Name {i}") for i in range(50))
    table = {f"name {i}": labels[i % 50] for i in range(3000)}
    plain = {f"name {i}": (f"id-{i % 50}", "other") for i in range(3000)}
    data, bounds = pack_by_key([table, plain], labels)
    asked: list[int] = []

    def shared() -> tuple[tuple[str, str], ...]:
        asked.append(1)
        return labels

    store = ShardStore(memoryview(data), bounds, [{}, {}], shared=shared)
    lazy = ShardedMap[str, Any](store, 0, len(table), key_shard)
    other = ShardedMap[str, Any](store, 1, len(plain), key_shard)
    assert lazy["name 7"] is labels[7] and len(asked) == 1  # asked once per shard read
    assert all(lazy[k] is v for k, v in table.items())
    # Only the very objects of the shared table are positions: an equal tuple is pickled.
    assert other == plain and all(other[k] is not labels[int(k[5:]) % 50] for k in plain)
    # Each shard holds a position where the label was: smaller than a copy of each label.
    assert len(data) < len(pack_by_key([table, plain])[0])


def test_first_touch_from_many_threads_unpickles_each_shard_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = {f"name {i}": i for i in range(4000)}
    (lazy,) = _maps([table])
    calls: list[int] = []
    unpickle = shards._loads

    def counted(data: Any, shared: Any = None) -> Any:
        calls.append(1)
        return unpickle(data, shared)

    monkeypatch.setattr(shards, "_loads", counted)
    start = threading.Barrier(8)
    wrong: list[str] = []

    def reader(offset: int) -> None:
        start.wait()
        for i in range(offset, 4000, 8):
            for key in (f"name {i}", "name 0", f"name {3999 - i}"):
                if lazy.get(key) != table[key]:
                    wrong.append(key)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong
    assert lazy._store.complete
    assert len(calls) == lazy._store.count  # every shard unpickled exactly once


def _answers(registry: Registry) -> list[Any]:
    return [registry.resolve(q) for q in _QUERIES] + [registry.resolve_many(_QUERIES)]


@pytest.mark.usefixtures("small_shards")
def test_sharded_index_answers_as_the_eager_one(tmp_path: Path) -> None:
    eager = Registry.load(REGISTRY_DIR, cache=False)
    expected = _answers(eager)
    names = sorted({form.text for form in eager.index.forms})
    for protocol in (4, 5):
        copy = Registry._from_index(pickle.loads(pickle.dumps(eager.index, protocol=protocol)))
        assert _answers(copy) == expected
        assert [copy.resolve(n) for n in names] == [eager.resolve(n) for n in names]
        assert copy.entities == eager.entities and len(copy) == len(eager)
        assert all(e.id in copy for e in eager) and "nobody" not in copy
        # Re-pickled half read (shards reused) and whole (shards cut again): still the same.
        again = Registry._from_index(pickle.loads(pickle.dumps(copy.index, protocol=5)))
        assert _answers(again) == expected
        for index in (copy.index, again.index):  # labels read back as the label table's own
            assert dict(index.exact_labels.items()) == eager.index.exact_labels
            known = {id(label) for label in index.labels}
            assert all(id(label) in known for label in index.exact_labels.values())
    compiled_cache.write(tmp_path, "entry", eager.index)
    cached = compiled_cache.read(tmp_path, "entry")
    assert cached is not None
    warm = Registry._from_index(cached)
    index = warm.index
    for table in [t for ts in _BY_KEY.values() for t in ts] + list(_BY_POSITION):
        assert vars(index)[table]._store.done == 0, table  # nothing read before a query
    assert _answers(warm) == expected
    assert [warm.resolve(n) for n in names] == [eager.resolve(n) for n in names]
    assert index.collisions() == eager.index.collisions()
    assert dict(index.exact_labels.items()) == eager.index.exact_labels
    assert dict(index.profiles.items()) == eager.index.profiles
    assert list(index.forms) == list(eager.index.forms)


@pytest.mark.usefixtures("small_shards")
def test_a_table_kept_without_its_index_still_reads_its_shards() -> None:
    eager = Registry.load(REGISTRY_DIR, cache=False)
    copy = pickle.loads(pickle.dumps(eager.index, protocol=5))
    labels, exact = copy.exact_labels, copy.exact
    del copy
    gc.collect()
    for text, label in eager.index.exact_labels.items():
        assert labels.get(text) == label
    assert pickle.loads(pickle.dumps(exact)) == eager.index.exact


@pytest.mark.usefixtures("small_shards")
def test_first_exact_query_reads_one_shard_of_names(tmp_path: Path) -> None:
    eager = Registry.load(REGISTRY_DIR, cache=False)
    compiled_cache.write(tmp_path, "entry", eager.index)
    cached = compiled_cache.read(tmp_path, "entry")
    assert cached is not None
    name = eager.entities[0].name
    assert Registry._from_index(cached).resolve(name) == eager.resolve(name)
    loaded = {t: vars(cached)[t]._store.done for ts in _BY_KEY.values() for t in ts}
    assert vars(cached)["exact"]._store.count > 2  # one shard is not half of them
    assert loaded["exact"] == 1 and loaded["normalized"] == 0 and loaded["by_id"] == 0
    assert vars(cached)["entities"]._store.done == 0
