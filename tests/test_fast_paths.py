"""The fast paths answer exactly as the full resolver does (RapidFuzz's rule: keep the slow,
obviously correct path beside each fast one and check that they agree)."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from translit_norm import Registry
from translit_norm.entities import NameOrigin
from translit_norm.index import FormTable, Index
from translit_norm.integrations.columns import resolve_values
from translit_norm.resolver import collect_candidates, decide, weaker_than_marked
from translit_norm.results import Status
from translit_norm.shards import ShardedSequence


def _slow(registry: Registry, name: str) -> object:
    ranked, _ = collect_candidates(registry.index, name)
    return decide(name, ranked, weaker=weaker_than_marked(registry.index, name, ranked))


def _names(registry: Registry) -> list[str]:
    return sorted({form.text for form in registry.index.forms})


def test_every_registered_name_takes_the_fast_path_or_agrees(registry: Registry) -> None:
    fast = 0
    for name in _names(registry):
        answer = registry.index.exact_answer(name)
        if answer is not None:
            fast += 1
            assert answer == _slow(registry, name)
            assert repr(answer) == repr(_slow(registry, name))
        assert registry.resolve(name) == _slow(registry, name)
    assert fast > len(_names(registry)) // 2


@given(st.data())
def test_resolve_many_equals_resolve(registry: Registry, data: st.DataObject) -> None:
    pool = [*_names(registry), " Pinsk", "Łukašenka", "nobody at all", "", "Kiev"]
    batch = data.draw(st.lists(st.sampled_from(pool), max_size=20))
    workers = data.draw(st.sampled_from([1, 2]))
    assert registry.resolve_many(batch, workers=workers) == [registry.resolve(n) for n in batch]


@given(st.data())
def test_columns_equal_resolve(registry: Registry, data: st.DataObject) -> None:
    pool = [*_names(registry), "Łukašenka", "nobody at all", None, float("nan"), 7]
    batch = data.draw(st.lists(st.sampled_from(pool), max_size=20))
    result = resolve_values(registry, batch)
    for i, value in enumerate(batch):
        if value is None or (isinstance(value, float) and value != value):
            assert result.statuses[i] is None
            continue
        match = registry.resolve(str(value))
        assert result.statuses[i] == match.status
        assert result.ids[i] == match.id
        assert result.names[i] == (match.name if match.status is Status.MATCHED else None)
        expected = None if match.score is None else round(match.score, 4)
        assert result.scores[i] == expected


@given(st.data())
def test_a_column_of_exact_names_is_answered_as_resolve_answers(
    registry: Registry, data: st.DataObject
) -> None:
    # Every cell an entity's name as written: the path without a Python loop.
    exact = [n for n in _names(registry) if registry.index.exact_labels.get(n) is not None]
    batch = data.draw(st.lists(st.sampled_from(exact), min_size=1, max_size=30))
    result = resolve_values(registry, batch)
    matches = [registry.resolve(name) for name in batch]
    assert result.ids == [m.id for m in matches]
    assert result.names == [m.name for m in matches]
    assert result.statuses == [Status.MATCHED] * len(batch)
    assert result.scores == [1.0] * len(batch)


def test_exact_labels_only_names_of_one_entity(registry: Registry) -> None:
    index = registry.index
    for text, label in index.exact_labels.items():
        (position,) = {index.forms[r].entity for r in index.exact[text]}
        assert label is index.labels[position]
    single = {
        t for t, refs in index.exact.items() if len({index.forms[r].entity for r in refs}) < 2
    }
    assert set(index.exact_labels) == single


def test_pickled_index_is_lazy_and_answers_the_same(registry: Registry) -> None:
    copy = pickle.loads(pickle.dumps(registry.index, protocol=5))
    assert isinstance(copy, Index)
    assert "forms" not in vars(copy)  # tables stay pickled until first used
    again = Registry._from_index(copy)
    for name in ["Łukašenka", "Тихановская", "Pinsk", "nobody at all", "Kiev"]:
        assert again.resolve(name) == registry.resolve(name)
    assert "forms" in vars(copy)
    older = pickle.loads(pickle.dumps(copy, protocol=4))  # re-pickling a half-loaded index
    assert Registry._from_index(older).resolve("Pinsk") == registry.resolve("Pinsk")


def test_every_table_is_pickled() -> None:
    # A table added to Index but not to a pickled group would vanish from the compiled cache.
    from conftest import REGISTRY_DIR
    from translit_norm.index import _BY_KEY, _BY_POSITION, _GROUP_OF

    built = Registry.load(REGISTRY_DIR, cache=False).index
    sharded = {table for tables in _BY_KEY.values() for table in tables} | set(_BY_POSITION)
    assert set(vars(built)) - {"keyer"} == set(_GROUP_OF) | sharded


def test_form_table_reads_back_every_form(registry: Registry) -> None:
    # The columns give back the very forms they were built from, pickled or not.
    forms = registry.index.forms
    refs = [forms[i] for i in range(len(forms))]
    table = FormTable(refs)
    copy = pickle.loads(pickle.dumps(table, protocol=5))
    assert list(table) == list(copy) == refs
    assert table[1:4] == refs[1:4]
    assert table[-1] == refs[-1]
    assert [table.entity(i) for i in range(len(table))] == [r.entity for r in refs]
    assert {r.origin for r in refs} >= {NameOrigin.NAME, NameOrigin.ALIAS}
    assert all(isinstance(r.origin, NameOrigin) for r in copy)


def test_exact_answer_does_not_unpickle_the_entities(registry: Registry) -> None:
    # The first exact query after a warm start reads the names block only.
    copy = Registry._from_index(pickle.loads(pickle.dumps(registry.index, protocol=5)))
    name = next(n for n in _names(registry) if registry.index.exact_answer(n) is not None)
    assert copy.resolve(name) == registry.resolve(name)
    entities = vars(copy.index)["entities"]
    assert isinstance(entities, ShardedSequence)
    assert entities._store.done == 0
