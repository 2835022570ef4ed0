"""Stage 3, keys: golden equivalences and properties of the key function."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest
from _pytest.mark import ParameterSet
from hypothesis import given
from hypothesis import strategies as st

from conftest import GOLDEN, read_tsv
from translit_norm import Entity, EntityKind, Keyer, Registry, Status
from translit_norm.keys import fold_phonemes

KEYER = Keyer()
#: Golden tables: Slavic names by script and language, and other scripts' romanizations.
SAME_FILES = ("same_key.tsv", "other_scripts.tsv")
DIFFERENT_FILES = ("different_key.tsv", "other_scripts_different.tsv")


def _keys(text: str) -> frozenset[str]:
    keyed = KEYER.key(text)
    return keyed.full_keys | keyed.compact_keys


def _same_cases() -> list[ParameterSet]:
    """(first spelling of a group, another spelling of it), one case per other spelling."""
    cases = []
    for name in SAME_FILES:
        groups: dict[str, list[str]] = defaultdict(list)
        for group, spelling in read_tsv(GOLDEN / "keys" / name):
            groups[group].append(spelling)
        for group, spellings in groups.items():
            cases += [pytest.param(spellings[0], s, id=f"{group}:{s}") for s in spellings[1:]]
    return cases


def _different_cases() -> list[ParameterSet]:
    rows = [row for name in DIFFERENT_FILES for row in read_tsv(GOLDEN / "keys" / name)]
    return [pytest.param(*row, id=f"{row[0]}|{row[1]}") for row in rows]


@pytest.mark.parametrize(("first", "spelling"), _same_cases())
def test_spellings_share_a_key(first: str, spelling: str) -> None:
    assert _keys(first) & _keys(spelling), (first, spelling, _keys(first), _keys(spelling))


@pytest.mark.parametrize(("first", "second", "why"), _different_cases())
def test_different_names_keep_different_keys(first: str, second: str, why: str) -> None:
    assert not _keys(first) & _keys(second), why


def test_comma_marks_reversed_order() -> None:
    keyed = KEYER.key("Lukashenko, Alexander")
    assert keyed.comma_at == 1
    assert KEYER.key("A. Lukashenko").initials == frozenset({0})


def test_native_language_selects_table() -> None:
    # и is i in Russian and y in Ukrainian; г is g and h: the keys agree, the romanization not.
    assert KEYER.key("Гліб", "uk").romanized == ("hlib",)
    assert KEYER.key("Глеб", "ru").romanized == ("gleb",)


PHONEMES = st.text(alphabet="abcdefgijklmnoprstuvyzSZCXj", max_size=20)
NAME_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzšžčłśźćńŭąęóаеёжзийклмнопрстуфхцчшщыэюяіўїєґ '-.,")
    ),
    max_size=30,
)


@given(PHONEMES)
def test_folding_is_idempotent(phonemes: str) -> None:
    once = fold_phonemes(phonemes)
    assert fold_phonemes(once) == once


@given(NAME_TEXT)
def test_keys_ignore_case(text: str) -> None:
    assert KEYER.key(text.upper()).full_keys == KEYER.key(text).full_keys


@given(NAME_TEXT)
def test_keys_ignore_unicode_form(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert KEYER.key(nfd).full_keys == KEYER.key(unicodedata.normalize("NFC", text)).full_keys


@given(NAME_TEXT, st.sampled_from(["  ", "\t", "\u00a0", " \u200b"]))
def test_keys_ignore_space_noise(text: str, space: str) -> None:
    noisy = space + text.replace(" ", space) + space
    assert KEYER.key(noisy).full_keys == KEYER.key(text).full_keys


@given(st.text(max_size=60))
def test_keying_never_raises(text: str) -> None:
    keyed = KEYER.key(text)
    assert all(isinstance(k, str) for k in keyed.full_keys)


@pytest.mark.parametrize(
    ("one", "other"),
    [("B. Baba", "Baba"), ("Adam Mickiewicz", "Ada Mickiewicz"), ("Олег Харин", "Oleg Arin")],
)
def test_a_sound_doubled_across_a_word_break_is_kept_in_the_run_together_key(
    one: str, other: str
) -> None:
    # Run together and keyed as one word, bb, mm and the X of г + х would fold into one.
    keyer = Keyer()
    assert keyer.key(one).compact_keys.isdisjoint(keyer.key(other).compact_keys)


def test_an_initial_before_a_word_of_its_letter_does_not_find_that_word_alone() -> None:
    registry = Registry(
        [
            Entity("baba", "Baba", EntityKind.ORGANIZATION, native=(("ru", "Баба"),)),
            Entity("baba-baba", "Baba Baba", EntityKind.PERSON, native=(("ru", "Баба Баба"),)),
        ]
    )
    assert registry.resolve("B. Baba").id == "baba-baba"
    assert registry.resolve("Baba").id == "baba"


@pytest.mark.parametrize("lang", ["bg", "ru", "uk", "be"])
def test_a_cyrillic_initial_is_compared_as_written(lang: str) -> None:
    # Bulgarian romanizes Хаба as Haba, Russian as Khaba: Х. is the initial in either.
    registry = Registry(
        [
            Entity("haba-baba", "Haba Baba", EntityKind.PERSON, native=((lang, "Хаба Баба"),)),
            Entity("baba", "Baba", EntityKind.PERSON, native=((lang, "Баба"),)),
        ]
    )
    assert registry.resolve("Х. Баба").id == "haba-baba"
    assert registry.resolve("Д. Баба").status is not Status.MATCHED


def test_a_cyrillic_initial_keeps_its_marks() -> None:
    # Й and И are two letters: Йордан is not И. (Иван, Игорь).
    registry = Registry(
        [
            Entity(
                "yordan-petrov",
                "Yordan Petrov",
                EntityKind.PERSON,
                native=(("bg", "Йордан Петров"),),
            )
        ]
    )
    assert registry.resolve("Й. Петров").id == "yordan-petrov"
    assert registry.resolve("И. Петров").status is not Status.MATCHED


def test_a_doubled_sound_at_a_word_break_neither_merges_nor_hides_a_name() -> None:
    registry = Registry(
        [
            Entity("adam-mickiewicz", "Adam Mickiewicz", EntityKind.PERSON),
            Entity("ivan-nikolaev", "Ivan Nikolaev", EntityKind.PERSON),
            Entity("oleg-kharin", "Oleg Kharin", EntityKind.PERSON, native=(("ru", "Олег Харин"),)),
            Entity("hassan-nasrallah", "Hassan Nasrallah", EntityKind.PERSON),
        ]
    )
    for stranger in ("Ada Mickiewicz", "Iva Nikolaev", "Oleg Arin"):
        assert registry.resolve(stranger).status is not Status.MATCHED, stranger
    # Both sides break the word at the doubled n: still one name.
    assert registry.resolve("Hasan Nasr Allah").id == "hassan-nasrallah"


@pytest.mark.parametrize(
    ("abbreviation", "shorter"),
    [("СССР", "СР"), ("SSSR", "SR"), ("КПСС", "КПС"), ("KPSS", "KPS")],
)
def test_a_word_without_vowels_is_keyed_letter_by_letter(abbreviation: str, shorter: str) -> None:
    # Said letter by letter, its doubled letters are two letters: СССР is not SR.
    keyer = Keyer()
    assert keyer.key(abbreviation).full_keys.isdisjoint(keyer.key(shorter).full_keys)
    assert keyer.key(abbreviation).compact_keys.isdisjoint(keyer.key(shorter).compact_keys)


def test_an_abbreviation_does_not_find_a_longer_one_of_doubled_letters() -> None:
    registry = Registry(
        [
            Entity(
                "soviet-union",
                "Soviet Union",
                EntityKind.PLACE,
                aliases=("USSR",),
                native=(("ru", "СССР"),),
            )
        ]
    )
    assert registry.resolve("SR").status is Status.UNKNOWN
    assert registry.resolve("СР").status is Status.UNKNOWN
    assert registry.resolve("SSSR").id == "soviet-union"
    assert registry.resolve("СССР").id == "soviet-union"


def test_an_abjad_word_without_vowels_is_still_keyed_by_sound() -> None:
    # Arabic writes no short vowels: القاهرة is no abbreviation, and its romanization
    # with the vowels written must still meet it.
    registry = Registry([Entity("cairo", "Cairo", EntityKind.PLACE, native=(("ar", "القاهرة"),))])
    assert registry.resolve("Al-Qahira").id == "cairo"


def test_a_name_with_german_sch_is_not_read_the_english_way() -> None:
    # English writes ш and ч as sh and ch, never sch or tsch: Tschechien's second ch is
    # German х, so the German name of the Czech Republic does not key as English "Chechen".
    keyer = Keyer()
    assert "english" not in keyer.key("Tschechien").reading_names
    assert "english" in keyer.key("Chechen").reading_names
    assert keyer.key("Tschechien").full_keys.isdisjoint(keyer.key("Chechen").full_keys)
    registry = Registry(
        [Entity("czechia", "Czech Republic", EntityKind.PLACE, aliases=("Tschechien",))]
    )
    assert registry.resolve("Chechen").status is Status.UNKNOWN
    assert registry.resolve("Tschechien").id == "czechia"
    # A German spelling still meets the English one through its own reading.
    people = Registry([Entity("shevchenko", "Taras Shevchenko", EntityKind.PERSON)])
    assert people.resolve("Taras Schewtschenko").id == "shevchenko"


def test_a_reading_with_an_unknown_field_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from translit_norm import keys
    from translit_norm.errors import RegistryError
    from translit_norm.yamlio import load_yaml_text

    text = (
        "common: []\nreadings:\n  english:\n    why: w\n    markers: []\n"
        "    never_with: [sch]\n    graphemes: []\n"
    )
    document = load_yaml_text(text, name="conventions.yaml")
    monkeypatch.setattr(keys, "load_package_yaml", lambda _: ("conventions.yaml", document))
    keys.readings.cache_clear()
    try:
        with pytest.raises(RegistryError, match="not_with"):
            keys.readings()
    finally:
        monkeypatch.undo()
        keys.readings.cache_clear()
