"""Reading a sharded table in one go before a large batch, and the speed paths beside it.

The bulk load must change nothing but when shards are read: the same answers, the same tables,
and never a table read that the batch would not have read anyway.
"""

from __future__ import annotations

import math
import pickle
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REGISTRY_DIR
from translit_norm import Registry, shards
from translit_norm.cleaning import strip_marks
from translit_norm.index import Index
from translit_norm.integrations.columns import resolve_values
from translit_norm.resolver import _without_marks
from translit_norm.shards import ShardedMap, ShardStore, key_shard, pack_by_key


def _map(table: dict[str, Any]) -> ShardedMap[str, Any]:
    data, bounds = pack_by_key([table])
    return ShardedMap(ShardStore(memoryview(data), bounds, [{}]), 0, len(table), key_shard)


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shards, "SHARD_SIZE", 4)
    monkeypatch.setattr(shards, "POSITION_SPAN", 3)


def _lazy_copy() -> Index:
    # Compiled here (not read from a cache, whose shards would be reused as they are) and
    # pickled as the compiled cache pickles it: large tables in shards, read on first use.
    built = Registry.load(REGISTRY_DIR, cache=False)
    copy = pickle.loads(pickle.dumps(built.index, protocol=5))
    assert isinstance(copy, Index)
    return copy


def test_reads_most_is_the_half_rule() -> None:
    lazy = _map({f"key {i}": i for i in range(5000)})
    store = lazy.store
    threshold = math.ceil(store.count * math.log(2))
    assert not store.reads_most(0) and not store.reads_most(threshold - 1)
    assert store.reads_most(threshold)
    # With shards already read, fewer lookups reach half of them.
    for shard in range(store.count // 3):
        store.ensure(shard)
    assert not store.complete and store.reads_most(threshold // 2)
    store.fill()
    assert store.complete and not store.reads_most(10**9)


def test_fill_reads_every_shard_once_and_counts_its_time() -> None:
    table = {f"key {i}": (i,) for i in range(3000)}
    lazy = _map(table)
    assert lazy.lookup()("key 7") == (7,)  # before: the lazy get, one shard read
    assert lazy.store.done == 1 and lazy.store.seconds > 0
    lazy.store.fill()
    assert lazy.store.complete and lazy.store.done == lazy.store.count
    fast = lazy.lookup()
    assert fast == lazy.whole().get  # after: the dictionary's own get
    assert all(fast(k) == v for k, v in table.items()) and fast("absent") is None


def test_preload_reads_a_table_only_for_a_batch_that_would(
    registry: Registry, small_shards: None
) -> None:
    index = _lazy_copy()
    assert index.load_seconds() == 0.0
    table = index.exact_labels
    assert isinstance(table, ShardedMap)
    index.preload(("exact_labels",), lookups=1)
    assert table.store.done == 0  # one lookup reads one shard, not the table
    index.preload(("exact_labels", "no such table"), lookups=table.store.count)
    assert table.store.complete and index.load_seconds() > 0
    assert dict(table.items()) == dict(registry.index.exact_labels.items())


def test_a_long_column_on_a_lazy_index_answers_as_resolve(
    registry: Registry, small_shards: None
) -> None:
    lazy = Registry._from_index(_lazy_copy())
    names = sorted({form.text for form in registry.index.forms})
    column = [*names, "Łukašenka", "nobody at all", " Pinsk", names[0]]
    result = resolve_values(lazy, column)
    assert lazy.index.exact_labels.store.complete  # type: ignore[attr-defined]
    for i, name in enumerate(column):
        match = registry.resolve(name)
        assert result.statuses[i] == match.status and result.ids[i] == match.id
        assert result.names[i] == (match.name if match.id else None)
        assert result.scores[i] == (None if match.score is None else round(match.score, 4))
    assert lazy.resolve_many(column) == [registry.resolve(n) for n in column]


@given(st.text())
def test_without_marks_is_strip_marks(text: str) -> None:
    assert _without_marks(text, unicodedata.normalize("NFD", text)) == strip_marks(text)


@given(st.text(alphabet="aeiouyzsčšžćłáéíóúàèìòùâêîôûäëïöüåøđħ\u0301\u0308 -"))
def test_without_marks_is_strip_marks_on_latin_names(text: str) -> None:
    folded = text.casefold()
    assert _without_marks(folded, unicodedata.normalize("NFD", folded)) == strip_marks(folded)
