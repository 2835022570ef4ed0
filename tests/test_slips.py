"""The one-slip index finds exactly the keys within one slip, deterministically."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from translit_norm import slips
from translit_norm.slips import SlipIndex, one_deletions

# A small alphabet, so that random keys are often one slip apart; and a letter outside ASCII,
# deleted as a character, not as bytes.
keys = st.text(alphabet="abekorsuvž", min_size=0, max_size=9)


def _by_scan(indexed: list[str], query: str) -> list[str]:
    return sorted({key for key in indexed if OSA.distance(query, key) <= 1})


@given(st.lists(keys, max_size=80), keys)
def test_finds_exactly_the_keys_within_one_slip(indexed: list[str], query: str) -> None:
    assert SlipIndex(indexed).within_one_slip(query) == _by_scan(indexed, query)


@given(st.lists(keys, min_size=1, max_size=40), st.data())
def test_every_slip_of_an_indexed_key_finds_it(indexed: list[str], data: st.DataObject) -> None:
    # Queries made from an indexed key, so that the neighbours are found, not only the misses.
    key = data.draw(st.sampled_from(indexed))
    at = data.draw(st.integers(min_value=0, max_value=len(key)))
    letter = data.draw(st.sampled_from("abež"))
    queries = [key[:at] + letter + key[at:], key[:at] + key[at + 1 :]]
    if at + 1 < len(key):
        queries += [
            key[:at] + letter + key[at + 1 :],
            key[:at] + key[at + 1] + key[at] + key[at + 2 :],
        ]
    index = SlipIndex(indexed)
    for query in queries:
        assert key in index.within_one_slip(query)
        assert index.within_one_slip(query) == _by_scan(indexed, query)


def test_two_slips_and_shared_deletions_are_not_found() -> None:
    index = SlipIndex(["kovalenko", "abc", "lukashenko"])
    assert index.within_one_slip("kavalenka") == []  # two changed letters
    assert index.within_one_slip("bca") == []  # shares the deletion "bc", two edits away
    assert index.within_one_slip("lukashneko") == ["lukashenko"]  # two neighbours swapped
    assert index.within_one_slip("lukashenkov") == ["lukashenko"]
    assert SlipIndex().within_one_slip("abc") == []


def test_hash_collisions_only_add_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every string hashed alike: every key is a candidate of every query, and the edit
    # distance check alone must still give the exact answer.
    monkeypatch.setattr(slips, "_hash", lambda data: 7)
    index = SlipIndex(["kovalenko", "kovalenka", "petrenko", "ab"])
    assert index.within_one_slip("kovalenko") == ["kovalenka", "kovalenko"]
    assert index.within_one_slip("b") == ["ab"]


@given(st.lists(keys, max_size=40), keys)
def test_hashes_at_the_ends_of_their_runs_are_found(indexed: list[str], query: str) -> None:
    # Hashes at the first and last places of a run and of the whole range, so that a lookup
    # that searched one place too few in its run would miss them.
    ends = [0, (1 << 48) - 1, 1 << 48, (1 << 63) + 5, (1 << 64) - 1]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(slips, "_hash", lambda data: ends[len(data) % len(ends)])
        assert SlipIndex(indexed).within_one_slip(query) == _by_scan(indexed, query)


def test_the_table_depends_on_the_keys_not_their_order() -> None:
    words = ["tsikhanouskaya", "tikhanovskaya", "lukashenko", "lukashenka", "kovalenko"]
    one, other = SlipIndex(words), SlipIndex(reversed(words * 2))
    assert one.keys == other.keys == sorted(words)
    assert pickle.dumps(one) == pickle.dumps(other)


def test_pickling_keeps_the_answers() -> None:
    index = SlipIndex(["lukashenko", "lukashenka", "lukashevich", "minsk"])
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        copy = pickle.loads(pickle.dumps(index, protocol=protocol))
        assert copy.keys == index.keys
        assert copy.nbytes == index.nbytes > 0
        for query in ("lukashenka", "lukaschenko", "minks", "lukashevitch"):
            assert copy.within_one_slip(query) == index.within_one_slip(query)
    assert copy.within_one_slip("лукашенко") == []  # another script: every letter differs


def test_deletions() -> None:
    assert one_deletions("abb") == {"abb", "bb", "ab"}
    assert one_deletions("") == {""}


def test_the_resolver_asks_for_one_slip() -> None:
    # The fuzzy surname step reads its candidates from this index, which finds one slip and
    # no more: a looser edit budget would need another index, not a new number.
    from translit_norm.resolver import SCORES

    assert SCORES.surname_edits == 1
