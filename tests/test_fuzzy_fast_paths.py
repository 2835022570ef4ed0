"""The fuzzy person steps' fast paths agree with the slow, obviously correct versions.

Each fast path (one rapidfuzz batch for every reading of a word, the length check before the
stem comparison of two surname endings, the one-slip index's memo of recent lookups, the
per-query facts about the query's words) is checked by hypothesis against the code it replaced.
"""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import OSA

from translit_norm import Entity, EntityKind, Registry
from translit_norm.names import (
    _GENDER_PAIRS,
    _GREEK_GENDER_PAIRS,
    _SUFFIX_SWAPS,
    gendered_pair,
    suffix_swap,
)
from translit_norm.resolver import _WRITTEN_SLIP_KEY_EDITS, _near_surnames, _QueryWords
from translit_norm.slips import MEMO_SIZE, SlipIndex

# Few letters, so that random keys are often a few edits apart, and surname endings are common.
_LETTERS = "aeiknostuvCj"
keys = st.text(alphabet=_LETTERS, min_size=1, max_size=12)
endings = st.sampled_from(
    [e for pair in _GENDER_PAIRS + _GREEK_GENDER_PAIRS + _SUFFIX_SWAPS for e in pair]
)


def _extracted(token_key: str, surnames: list[str]) -> list[int]:
    """The places rapidfuzz's extract gives, one call per key: the code the batch replaced."""
    near = process.extract(
        token_key, surnames, scorer=OSA.distance, score_cutoff=_WRITTEN_SLIP_KEY_EDITS, limit=None
    )
    return [at for _, _, at in near]


@given(st.lists(keys, min_size=1, max_size=5, unique=True), st.lists(keys, max_size=60))
def test_one_batch_finds_what_extract_found_in_the_same_order(
    token_keys: list[str], surnames: list[str]
) -> None:
    near = _near_surnames(token_keys, surnames)
    assert near == {key: _extracted(key, surnames) for key in token_keys}


def _one_stem_reference(first: str, second: str, pairs: tuple[tuple[str, str], ...]) -> bool:
    for one, other in pairs:
        for a, b in ((first, second), (second, first)):
            if (
                a.endswith(one)
                and b.endswith(other)
                and len(a) > len(one) + 2
                and a[: len(a) - len(one)] == b[: len(b) - len(other)]
            ):
                return True
    return False


@given(st.text(alphabet=_LETTERS, max_size=8), endings, endings, st.booleans())
def test_the_length_check_keeps_the_stem_rule(
    stem: str, one: str, other: str, swapped: bool
) -> None:
    # Keys built as a stem with two endings, so that the pairs are found, not only missed.
    first, second = (stem + one, stem + other) if not swapped else (stem + other, stem + one)
    assert gendered_pair(first, second) == _one_stem_reference(
        first, second, _GENDER_PAIRS + _GREEK_GENDER_PAIRS
    )
    assert suffix_swap(first, second) == _one_stem_reference(first, second, _SUFFIX_SWAPS)


@given(keys, keys)
def test_the_length_check_keeps_the_stem_rule_on_any_keys(first: str, second: str) -> None:
    assert gendered_pair(first, second) == _one_stem_reference(
        first, second, _GENDER_PAIRS + _GREEK_GENDER_PAIRS
    )
    assert suffix_swap(first, second) == _one_stem_reference(first, second, _SUFFIX_SWAPS)


def _scan(indexed: list[str], query: str) -> list[str]:
    return sorted({key for key in indexed if OSA.distance(query, key) <= 1})


@given(st.lists(keys, max_size=40), st.lists(keys, min_size=1, max_size=20))
def test_remembered_lookups_answer_as_fresh_ones(indexed: list[str], queries: list[str]) -> None:
    index = SlipIndex(indexed)
    # Each query asked twice, the second answer from the memo; a caller changing the list
    # it was given must not change the next answer.
    for query in queries + queries:
        found = index.within_one_slip(query)
        assert found == _scan(indexed, query)
        found.append("changed by the caller")


def test_the_memo_is_bounded_and_not_pickled() -> None:
    index = SlipIndex(["lukashenko", "lukashenka", "minsk"])
    for n in range(MEMO_SIZE + 10):
        index.within_one_slip(f"q{n}")
    assert index._memo.cache_info().currsize == MEMO_SIZE
    assert index.within_one_slip("lukashenk") == ["lukashenka", "lukashenko"]
    copy = pickle.loads(pickle.dumps(index))
    assert pickle.dumps(copy) == pickle.dumps(SlipIndex(["minsk", "lukashenka", "lukashenko"]))
    assert copy.within_one_slip("lukashenk") == ["lukashenka", "lukashenko"]


def test_query_facts_are_those_of_the_words() -> None:
    registry = Registry(
        [Entity("ivan-petrov", "Ivan Petrov", EntityKind.PERSON, aliases=("Petrov Ivan",))]
    )
    index = registry._index
    keyed = index.keyer.key("Petrov, Ivan Ivanovich")
    facts = _QueryWords(index, keyed)
    for j in range(len(keyed.tokens)):
        words = frozenset(r[j] for r in keyed.readings if len(r) > j and r[j])
        assert facts.keys(j) == words
        assert facts.groups(j) == index.given_names.groups_of(words)
        assert facts.gender(j) == index.given_names.gender_of(facts.groups(j))
    assert facts.groups(1)  # Ivan is a known given name
    assert facts.patronymic_shaped(2) and not facts.patronymic_shaped(1)
    assert facts.patronymic_after(1) and not facts.patronymic_after(0)  # Ivan Ivanovich
    assert facts.given_written(0)
    form = facts.surname("petrova", "petrov", 0.92)
    assert form.two_genders and form.query_gender == "female"
    assert form.registered_gender == "male"
    assert facts.surname("petrova", "petrov", 0.92) is form  # worked out once
    assert not facts.surname("petrov", "petrov", 1.0).two_genders  # the same key
