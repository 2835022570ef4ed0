"""Registry.resolve_many: batch scoring and worker threads change nothing in the answers."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REGISTRY_DIR
from translit_norm import Registry, Status
from translit_norm.ngrams import NgramIndex, Search

# Misspelled, unseen and foreign names: they miss the exact fast path and reach the fuzzy
# steps, whose candidates resolve_many scores in one batch.
_QUERIES = [
    "Lukashenka",
    "Lukaszenko",
    "Lukashenkov",
    "Aleksandr Lukashenko",
    "Viktor Lukashenko",
    "Tsikhanouskaja",
    "Tsikhanovski",
    "Kuznechyk",
    "Zelenskiy",
    "Selenskyj",
    "Christopher Smith",
    "Nobody Atall",
    "Minskas",
    " Pinsk",
    "",
    "x" * 2000,
]


def _one_by_one(names: list[str]) -> list[object]:
    # A registry of its own: nothing the batch remembered can answer for it.
    fresh = Registry.load(REGISTRY_DIR)
    return [fresh.resolve(name) for name in names]


@pytest.mark.parametrize("workers", [1, 2, -1])
def test_batch_answers_equal_resolve(workers: int) -> None:
    names = [*_QUERIES, *reversed(_QUERIES)]
    batch = Registry.load(REGISTRY_DIR).resolve_many(names, workers=workers)
    assert batch == _one_by_one(names)
    assert [m.status for m in batch].count(Status.MATCHED) >= 5


def test_batch_scores_are_primed(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    primed: list[int] = []
    original = NgramIndex.prime

    def spy(self: NgramIndex, keys: Iterable[str], search: Search, *, workers: int = 1) -> None:
        listed = list(keys)
        primed.append(len(listed))
        original(self, listed, search, workers=workers)

    monkeypatch.setattr(NgramIndex, "prime", spy)
    registry.resolve_many(["Lukaszenko", "Tsikhanovski"])
    assert sum(primed) > 0


@pytest.mark.parametrize("workers", [0, -2])
def test_bad_worker_counts_are_refused(registry: Registry, workers: int) -> None:
    with pytest.raises(ValueError, match="workers"):
        registry.resolve_many(["Lukashenko"], workers=workers)


_key_text = st.text(alphabet="abekorsuv", min_size=1, max_size=10)


@settings(max_examples=60)
@given(
    st.lists(_key_text, max_size=50),
    st.lists(_key_text, min_size=1, max_size=8),
    st.sampled_from([0.0, 40.0, 85.0]),
    st.integers(min_value=1, max_value=6),
)
def test_primed_scores_equal_extract(
    indexed: list[str], queries: list[str], cutoff: float, best: int
) -> None:
    # The slow path (process.extract per key) and the batch path (process.cpdist over every
    # pair) must give the same candidates, scores and order, ties included.
    search = Search(limit=12, cutoff=cutoff, best=best)
    slow = NgramIndex(indexed)
    slow.freeze()
    fast = NgramIndex(indexed)
    fast.freeze()
    fast.prime(queries, search, workers=2)
    for query in queries:
        assert fast.similar(query, search) == slow.similar(query, search)


def test_repeats_share_one_answer_and_non_strings_are_refused(registry: Registry) -> None:
    names = ["Lukashenko", "Lukaszenko", "Lukashenko", "Lukaszenko"]
    answers = registry.resolve_many(names)
    assert answers == [registry.resolve(n) for n in names]
    assert answers[0] is answers[2]
    with pytest.raises(TypeError, match="must be a str"):
        registry.resolve_many(["Lukashenko", 7])  # type: ignore[list-item]
