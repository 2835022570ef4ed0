"""The trigram index: its prefix-filtered lookup agrees with the obvious full count."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit_norm import ngrams
from translit_norm.ngrams import NgramIndex, candidates_by_scan, trigrams

keys = st.text(alphabet="abcdeklmnorsuvz", min_size=1, max_size=14)


@given(
    st.lists(keys, max_size=60),
    keys,
    st.integers(min_value=1, max_value=8),
    st.sampled_from([0.1, 0.3, 0.4, 0.6, 0.9, 1.0]),
    st.booleans(),
)
def test_prefix_filter_agrees_with_full_count(
    indexed: list[str], query: str, limit: int, share: float, frozen: bool
) -> None:
    index = NgramIndex(indexed)
    if frozen:
        index.freeze()
    assert index.candidates(query, limit=limit, min_share=share) == candidates_by_scan(
        index, query, limit=limit, min_share=share
    )


def test_candidates_rank_by_shared_trigrams() -> None:
    index = NgramIndex(["lukashenko", "lukashenka", "lukashevich", "minsk"])
    found = index.candidates("lukashenko", limit=3)
    assert found[0] == "lukashenko"
    assert "minsk" not in found
    assert len(trigrams("ab")) == 2  # ^ab, ab$


def test_frozen_index_pickles_and_still_answers() -> None:
    index = NgramIndex(["tsikhanouskaya", "tsikhanouski", "tikhanovskaya"])
    index.freeze()
    copy = pickle.loads(pickle.dumps(index))
    assert copy.candidates("tsikhanouskaia") == index.candidates("tsikhanouskaia")
    assert len(copy) == 3


def test_adding_a_key_refreshes_remembered_lookups() -> None:
    index = NgramIndex(["kovalenko"])
    assert index.candidates("kovalenka") == ["kovalenko"]
    index.add("kovalenka")
    assert index.candidates("kovalenka")[0] == "kovalenka"
    assert index.candidates("kovalenka") == candidates_by_scan(index, "kovalenka")


@given(
    st.lists(keys, max_size=80),
    keys,
    st.integers(min_value=1, max_value=8),
    st.sampled_from([0.1, 0.3, 0.4, 0.6, 0.9, 1.0]),
)
def test_vectorized_count_agrees_with_full_count(
    indexed: list[str], query: str, limit: int, share: float
) -> None:
    # The numpy path normally starts at long postings; force it for every lookup here.
    index = NgramIndex(indexed)
    index.freeze()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ngrams, "VECTOR_MIN_POSTINGS", 0)
        found = index.candidates(query, limit=limit, min_share=share)
    assert found == candidates_by_scan(index, query, limit=limit, min_share=share)


def test_vectorized_count_is_used_for_long_postings() -> None:
    # Many keys share the commonest trigrams, as surname endings do at registry scale: the
    # numpy path answers, and its answer is the reference's, ties ordered by key.
    index = NgramIndex([f"{a}{b}{c}enko" for a in "bdkmps" for b in "aeiou" for c in "lnrt"])
    index.freeze()
    calls: list[str] = []
    vectorized = index._lookup_vectorized

    def spy(grams: list[str], needed: int, limit: int) -> tuple[str, ...]:
        calls.append(grams[0])
        return vectorized(grams, needed, limit)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ngrams, "VECTOR_MIN_POSTINGS", 16)
        patch.setattr(index, "_lookup_vectorized", spy)
        for query in ("kalenko", "kelenko", "maenko", "zzz"):
            for limit in (1, 3, 30):
                assert index.candidates(query, limit=limit) == candidates_by_scan(
                    index, query, limit=limit
                )
    assert calls
