"""The person steps' shortcuts give the answers of the checks they skip.

Two speed paths of resolver.py, each beside the slow, obviously correct version it stands for:

- the written-slip check (``_one_slip_written``) passes over a person none of whose words
  starts with the query word's letter (the profile's ``word_starts``, compiled with the
  index), and over a registry name without stripping its marks when the name lacks both
  halves of the query word; the reference here looks at every word of every name;
- ``_score_person`` rejects a person whose given names the query's first word contradicts
  before judging the query's words one by one; without the shortcut, the same people are
  rejected for the same reasons (the explanation lists every guard's reason).
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from translit_norm import Entity, EntityKind, Registry
from translit_norm.cleaning import strip_marks
from translit_norm.index import WRITTEN_WORD, Index, written_word_starts
from translit_norm.resolver import _one_slip_written, _QueryWords, _written_names


def _slip_reference(
    index: Index,
    token: str,
    entity: Entity,
    keys: frozenset[str],
    length: int,
    similarity: float,
) -> bool:
    """Every word of every name of the entity, marks stripped, compared with the query word."""
    written = strip_marks(token)
    if len(written) < length - 1:
        return False
    for text, lang in _written_names(entity):
        for word in WRITTEN_WORD.findall(strip_marks(text.casefold())):
            if (
                len(word) >= length
                and word[0] == written[0]
                and OSA.distance(written, word) <= 1
                and fuzz.ratio(written, word) >= similarity * 100
            ):
                keyed = index.keyer.key(text, lang)
                for j, other in enumerate(keyed.tokens):
                    if strip_marks(other) == word and any(
                        len(r) > j and r[j] in keys for r in keyed.readings
                    ):
                        return True
    return False


def _person(entity_id: str, name: str, aliases: tuple[str, ...], native: str) -> Entity:
    return Entity(
        id=entity_id,
        name=name,
        kind=EntityKind.PERSON,
        aliases=aliases,
        native=(("ru", native),),
    )


# Names with marks, letters that strip_marks keeps (ł), apostrophes and Cyrillic, so that a
# name's letters without marks are not its ASCII letters alone.
_PEOPLE = (
    _person(
        "p0",
        "Aliaksandra Łukašenka",
        ("Aleksandra Lukashenko", "Lukašenková Aleksandra"),
        "Александра Лукашенко",
    ),
    _person(
        "p1",
        "Siarhiej Cichanoŭski",
        ("Sergey Tikhanovsky", "D'Artagnan Ciha"),
        "Сергей Тихоновский",
    ),
    _person("p2", "Jérôme Kovalčuk", ("Yerom Kovalchuk", "Jerom Kowalczuk"), "Ерём Ковальчук"),
)


@pytest.fixture(scope="module")
def slip_index() -> Index:
    return Registry(list(_PEOPLE), expand=False).index


_SLIP_LETTERS = "aeiklnorsuvyzčłšŭéôи"


def _slip(draw: st.DrawFn, text: str) -> str:
    """``text`` with one letter left out, added or changed, or two swapped (or as it is)."""
    if not text:
        return text
    at = draw(st.integers(0, len(text) - 1))
    kind = draw(st.sampled_from(["drop", "add", "change", "swap", "none"]))
    letter = draw(st.sampled_from(_SLIP_LETTERS))
    if kind == "drop":
        return text[:at] + text[at + 1 :]
    if kind == "add":
        return text[:at] + letter + text[at:]
    if kind == "change":
        return text[:at] + letter + text[at + 1 :]
    if kind == "swap" and at + 1 < len(text):
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    return text


@st.composite
def slipped_words(draw: st.DrawFn, words: list[str]) -> str:
    """A word of ``words`` with one slip of the pen, or two (to test the misses too)."""
    word = _slip(draw, draw(st.sampled_from(words)))
    return _slip(draw, word) if draw(st.booleans()) else word


_WORDS = sorted(
    {
        word
        for entity in _PEOPLE
        for text, _ in _written_names(entity)
        for word in WRITTEN_WORD.findall(text.casefold())
    }
)


def test_the_written_slip_check_agrees_on_every_single_slip(slip_index: Index) -> None:
    # Each slip at each place of each word: the shortcut's halves must never both be lost.
    for position, entity in enumerate(slip_index.entities):
        profile = slip_index.profiles[position]
        keys = frozenset(profile.surnames) | frozenset(profile.given)
        for word in _WORDS:
            slips = {word[:at] + word[at + 1 :] for at in range(len(word))}
            slips |= {word[:at] + "x" + word[at + 1 :] for at in range(len(word))}
            slips |= {word[:at] + "x" + word[at:] for at in range(len(word) + 1)}
            slips |= {
                word[:at] + word[at + 1] + word[at] + word[at + 2 :] for at in range(len(word) - 1)
            }
            for token in sorted(slips):
                for length, similarity in ((6, 0.85), (5, 0.0)):
                    fast = _one_slip_written(
                        slip_index,
                        token,
                        entity,
                        profile.word_starts,
                        keys,
                        length,
                        similarity=similarity,
                    )
                    slow = _slip_reference(slip_index, token, entity, keys, length, similarity)
                    assert fast == slow, (token, entity.id)


@given(
    slipped_words(_WORDS),
    st.sampled_from(range(len(_PEOPLE))),
    st.sampled_from([(6, 0.85), (5, 0.0)]),
)
def test_the_written_slip_check_agrees_with_every_word_compared(
    slip_index: Index, token: str, position: int, rule: tuple[int, float]
) -> None:
    length, similarity = rule
    entity = slip_index.entities[position]
    profile = slip_index.profiles[position]
    for keys in (frozenset(profile.surnames), frozenset(profile.given)):
        token = unicodedata.normalize("NFC", token)
        fast = _one_slip_written(
            slip_index, token, entity, profile.word_starts, keys, length, similarity=similarity
        )
        assert fast == _slip_reference(slip_index, token, entity, keys, length, similarity)


def test_word_starts_are_the_first_letters_of_the_written_words(slip_index: Index) -> None:
    for position, entity in enumerate(slip_index.entities):
        expected = {
            word[0]
            for text, _ in _written_names(entity)
            for word in WRITTEN_WORD.findall(strip_marks(text.casefold()))
        }
        starts = slip_index.profiles[position].word_starts
        assert set(starts) == expected
        assert len(starts) == len(expected)
        assert written_word_starts(entity) == starts
    # Letters as written without their marks: Łukašenka starts with ł, Jérôme with j.
    assert {"ł", "a", "l", "а"} <= set(slip_index.profiles[0].word_starts)
    assert "j" in slip_index.profiles[2].word_starts


def test_the_written_slip_check_finds_slips_in_names_with_marks(slip_index: Index) -> None:
    # A true slip must still be found past the shortcut: a letter left out of Lukašenková as
    # written, and one changed in Kovalčuk's; Łukašenka starts with another letter than l.
    lukashenka, kovalchuk = slip_index.entities[0], slip_index.entities[2]
    surnames = frozenset(slip_index.profiles[0].surnames)
    starts = slip_index.profiles[0].word_starts
    assert _one_slip_written(
        slip_index, "lukašenkvá", lukashenka, starts, surnames, 6, similarity=0.85
    )
    assert not _one_slip_written(
        slip_index, "lukašnka", lukashenka, starts, surnames, 6, similarity=0.85
    )
    starts = slip_index.profiles[2].word_starts
    assert not _one_slip_written(
        slip_index, "kovalenko", kovalchuk, starts, surnames, 6, similarity=0.85
    )
    own = frozenset(slip_index.profiles[2].surnames)
    assert _one_slip_written(slip_index, "kovalčik", kovalchuk, starts, own, 6, similarity=0.85)


def _query_parts(registry: Registry) -> tuple[list[str], list[str]]:
    given: set[str] = set()
    surnames: set[str] = set()
    for entity in registry:
        if entity.kind is not EntityKind.PERSON:
            continue
        for text, _ in _written_names(entity):
            words = text.split()
            if len(words) >= 2:
                given.add(words[0])
                surnames.add(words[-1])
    return sorted(given), sorted(surnames)


@given(data=st.data())
def test_the_given_name_shortcut_rejects_whom_the_word_by_word_check_rejects(
    registry: Registry, data: st.DataObject
) -> None:
    given, surnames = _query_parts(registry)
    # Other spellings of the registry's given names (the same given-name group, other keys)
    # and other names: the shortcut must tell them apart as the word-by-word check does.
    given += ["Aleksandr", "Oleksandr", "Sasha", "Serhiy", "Andriy", "Wiktor", "Svetlana"]
    given += ["Ivan", "Olga", "Mikhail"]
    first = data.draw(st.sampled_from(given))
    last = data.draw(st.sampled_from(surnames))
    middle = data.draw(st.sampled_from(["", "al", "A.", "Grigorievich", *given]))
    order = data.draw(st.sampled_from(["given first", "surname first"]))
    words = [first, middle, last] if order == "given first" else [last, first, middle]
    query = " ".join(w for w in words if w)
    fast = registry.resolve(query, explain=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_QueryWords, "lead_given", lambda self, surname_at: None)
        slow = registry.resolve(query, explain=True)
    assert fast == slow
    assert fast.explanation == slow.explanation
