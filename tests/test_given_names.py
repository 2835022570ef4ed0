"""Given-name table: the spellings generated from the library's own romanization schemes."""

from __future__ import annotations

import unicodedata

import pytest

from translit_norm import Keyer
from translit_norm.given_names import GivenNames, given_name_groups, romanized_spellings

KEYER = Keyer()


def _table() -> GivenNames:
    return GivenNames.build(KEYER)


def _groups_of(spelling: str) -> set[str]:
    """The groups ``spelling`` belongs to, each named by its first listed spelling."""
    table = _table()
    return {table.groups[i].names[0] for i in table.groups_of(KEYER.token_keys(spelling))}


@pytest.mark.parametrize(
    ("spelling", "group"),
    [
        # German press spellings of Belarusian names (data/schemes/be.yaml, press-de)
        ("Dsmitryj", "Dmitry"),
        ("Henads", "Gennady"),
        ("Tazzjana", "Tatiana"),
        ("Kanstanzin", "Konstantin"),
        ("Uladsimir", "Vladimir"),
        ("Nadseja", "Nadezhda"),
        # GOST 7.79-B writes х as x (data/schemes/ru.yaml, gost-7.79-b)
        ("Mixail", "Michael"),
    ],
)
def test_scheme_spellings_of_listed_names_are_given_names(spelling: str, group: str) -> None:
    assert spelling not in {n for g in given_name_groups() for n in g.names}
    assert _groups_of(spelling) == {group}


def test_generated_spellings_come_from_the_groups_cyrillic_spellings() -> None:
    groups = {g.names[0]: g for g in given_name_groups()}
    tatiana = romanized_spellings(groups["Tatiana"])
    assert "Tazzjana" in tatiana  # German press, from Belarusian Таццяна
    assert not any("CYRILLIC" in unicodedata.name(c, "") for s in tatiana for c in s)
    listed = {n.casefold() for n in groups["Tatiana"].names}
    assert not listed & {s.casefold() for s in tatiana}


def test_a_letter_of_one_language_limits_the_schemes_to_that_language() -> None:
    # ў is Belarusian only: Яўген is romanized with the Belarusian schemes (Jaŭhien,
    # Yauhen), never read with Russian ones, which have no ў and would pass it through.
    eugene = next(g for g in given_name_groups() if "Яўген" in g.names)
    spellings = romanized_spellings(eugene)
    assert not any("ў" in s for s in spellings)


def test_generation_never_joins_two_groups() -> None:
    """Every key holds the groups the listed spellings give it, or one group if none do."""
    listed: dict[str, set[int]] = {}
    for group in given_name_groups():
        for spelling in group.names:
            for key in KEYER.token_keys(spelling):
                listed.setdefault(key, set()).add(group.index)
    table = _table()
    for key, groups in table.groups_by_key.items():
        assert groups == listed[key] if key in listed else len(groups) == 1, key


def test_a_generated_spelling_another_group_lists_stays_out() -> None:
    # ISO 9 writes Яна as Âna; without its mark it is Ana, listed (Serbian) under Anna.
    groups = {g.names[0]: g for g in given_name_groups()}
    assert "Âna" in romanized_spellings(groups["Yana"])
    assert _groups_of("Ana") == {"Anna"}
