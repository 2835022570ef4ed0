"""The trigram index: its prefix-filtered lookup agrees with the obvious full count."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

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
