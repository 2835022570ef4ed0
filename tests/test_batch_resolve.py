"""resolve_many batches the given-name group search and still answers as resolve() does.

The batch (resolver.resolve_batch) runs each query's steps until they pause for the search
among the people of a given name, searches every group once for all paused queries, and
resumes them. These tests check the answers against resolve() one query at a time, across
slices, threads and query kinds, and the batched search against one search per key.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit_norm import Entity, EntityKind, Match, Registry, resolver
from translit_norm.resolver import _BatchStore, _near_surnames


def _person(ident: str, name: str, gender: str) -> Entity:
    return Entity(ident, name, EntityKind.PERSON, gender=gender)


#: People whose surnames a slip of the pen takes two or three key edits from (the search by
#: given name finds them), namesakes, and a family of surnames one letter apart.
PEOPLE = [
    _person("yuliia-morozovych", "Yuliia Morozovych", "female"),
    _person("oksana-yuliia", "Oksana Yuliia", "female"),
    _person("daryna-mykhaylakovych", "Daryna Mykhaylakovych", "female"),
    _person("roman-mykhaylakovych", "Roman Mykhaylakovych", "male"),
    _person("olga-tonkeva", "Olga Tonkeva", "female"),
    _person("ivan-tonkev", "Ivan Tonkev", "male"),
    *(
        _person(f"olga-{surname.casefold()}", f"Olga {surname}", "female")
        for surname in ["Kotlenka", "Kotlenko", "Kotlinak", "Kotlenuk"]
    ),
    _person("ivan-lobuk", "Ivan Lobuk", "male"),
    _person("petro-lobuk", "Petro Lobuk", "male"),
    _person("oleksandr-danilenko", "Oleksandr Danilenko", "male"),
]

#: Queries of every kind: slips found only among the people of a given name, a name of
#: nobody, namesakes, exact and cleaned names, empty and over-long input, repeats.
QUERIES = [
    "Yuliia Morozoyvch",
    "Daryna Mykhailakovytch",
    "Darina Mikhaylakovich",
    "Olga Tonkeav",
    "Olga Tonkev",
    "Olga Kotlenak",
    "Ivan Louk",
    "Petro Lobuk",
    "Oleksandr Daynłenko",
    "Roman Daynłenko",
    "Nobody Atall",
    "Ivan Sidorenko",
    "Lobuk",
    "Yuliia Morozovych",
    "  yuliia   morozovych ",
    "",
    "x" * 1200,
    "Yuliia Morozoyvch",
]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(PEOPLE, expand=False)


def _answers(matches: list[Match]) -> list[tuple[object, ...]]:
    return [
        (m.input, m.id, m.status, m.score, m.reason, m.candidates, m.runner_up) for m in matches
    ]


def test_the_batch_pauses_for_the_group_search(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a paused query the other tests would compare resolve() with itself.
    searched: list[int] = []
    search = _BatchStore.search

    def counted(store: _BatchStore) -> None:
        searched.append(len(store._wanted))
        search(store)

    monkeypatch.setattr(_BatchStore, "search", counted)
    registry.resolve_many(QUERIES)
    assert sum(searched) > 0


def test_resolve_many_answers_as_resolve_one_by_one(registry: Registry) -> None:
    alone = [registry.resolve(q) for q in QUERIES]
    assert _answers(registry.resolve_many(QUERIES)) == _answers(alone)
    # The slip found among the Yuliias is found in the batch too.
    assert registry.resolve_many(["Yuliia Morozoyvch"])[0].id == "yuliia-morozovych"


@pytest.mark.parametrize("size", [1, 2, 5])
def test_slices_of_the_batch_do_not_change_the_answers(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    alone = [registry.resolve(q) for q in QUERIES]
    monkeypatch.setattr(resolver, "_BATCH_SLICE", size)
    assert _answers(registry.resolve_many(QUERIES)) == _answers(alone)


def test_threads_do_not_change_the_answers(registry: Registry) -> None:
    alone = [registry.resolve(q) for q in QUERIES]
    assert _answers(registry.resolve_many(QUERIES, workers=2)) == _answers(alone)


def test_explanations_still_come_from_resolve(registry: Registry) -> None:
    match = registry.resolve("Yuliia Morozoyvch", explain=True)
    assert match.id == "yuliia-morozovych"
    assert match.explanation


# Few letters, so that random keys are often a few edits apart.
_keys = st.text(alphabet="aeiknostuvCj", min_size=1, max_size=10)


@given(
    st.lists(st.lists(_keys, min_size=1, max_size=4), min_size=1, max_size=4),
    st.lists(_keys, max_size=40),
    st.integers(min_value=1, max_value=64),
)
def test_one_search_per_group_finds_what_one_search_per_key_found(
    queries: list[list[str]], surnames: list[str], cells: int
) -> None:
    # Several queries want keys of two groups; the matrix bound (cells) forces slices.
    store = _BatchStore()
    groups = {7: tuple(surnames), 8: tuple(reversed(surnames))}
    for keys in queries:
        store.want(tuple((group, names, tuple(keys)) for group, names in groups.items()))
    original = resolver._SEARCH_CELLS
    resolver._SEARCH_CELLS = cells  # type: ignore[misc]
    try:
        store.search()
    finally:
        resolver._SEARCH_CELLS = original  # type: ignore[misc]
    for keys in queries:
        for group, names in groups.items():
            alone = _near_surnames(keys, names)
            assert {k: store.near(group, k) for k in keys} == alone
