"""The abbreviation of a company name written with internal capitals (abbreviations.py).

A name made of pieces that each begin with a capital is abbreviated by those capitals; the
library generates that abbreviation only for an organization that writes the name so both in
Latin letters and natively, with the same capitals.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit_norm import Entity, EntityKind, Registry, Status
from translit_norm.abbreviations import MIN_PIECES, abbreviation_forms, capitals
from translit_norm.entities import NameOrigin
from translit_norm.expansion import Expansion
from translit_norm.keys import Keyer


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("TarBankNeft", "TBN"),
        ("ТарБанкНефть", "ТБН"),
        ("ҚазБанкГаз", "ҚБГ"),
        ("UkrHimPromServis", "UHPS"),
        ("MinAZ", None),  # Z is no piece: the name already holds an abbreviation
        ("BelTA", None),
        ("NeftHim", None),  # two letters name too many things
        ("Tarbankneft", None),
        ("TARBANKNEFT", None),
        ("tarBankNeft", None),
        ("Tar-Bank-Neft", None),
        ("Tar2BankNeft", None),
        ("T", None),
        ("", None),
    ],
)
def test_capitals(word: str, expected: str | None) -> None:
    assert capitals(word) == expected


_PIECES = st.lists(
    st.tuples(
        st.sampled_from("ABDKMNPRSTUVZБГДКМНПРСТ"),
        st.text(alphabet="aeiknorstuваеиконрсту", min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=6,
)


@given(pieces=_PIECES)
def test_a_word_of_pieces_is_abbreviated_by_their_capitals_from_three_on(
    pieces: list[tuple[str, str]],
) -> None:
    word = "".join(capital + rest for capital, rest in pieces)
    initials = "".join(capital for capital, _ in pieces)
    assert capitals(word) == (initials if len(pieces) >= MIN_PIECES else None)
    # An upper-case letter with no lower-case after it is not a piece.
    assert capitals(word + "X") is None


def _company(name: str, native: str, *aliases: str) -> Entity:
    return Entity(
        name.lower(), name, EntityKind.ORGANIZATION, aliases=aliases, native=(("ru", native),)
    )


def test_a_company_written_so_in_both_scripts_gets_both_abbreviations() -> None:
    forms = list(abbreviation_forms(_company("TarBankNeft", "ТарБанкНефть"), Keyer()))
    assert [(f.text, f.origin, f.lang) for f in forms] == [
        ("TBN", NameOrigin.ABBREVIATION, None),
        ("ТБН", NameOrigin.ABBREVIATION, "ru"),
    ]


@pytest.mark.parametrize(
    "entity",
    [
        _company("TarBankNeft", "Тарбанкнефть"),  # the native name has no internal capitals
        _company("TarBankNeft", "ТарБанкГаз"),  # other capitals: ТБГ is not TBN
        Entity("tarbankneft", "TarBankNeft", EntityKind.ORGANIZATION),  # no native name
        Entity(
            "tarbankneft",
            "TarBankNeft",
            EntityKind.PLACE,
            native=(("ru", "ТарБанкНефть"),),
        ),
        _company("Tar Bank Neft", "ТарБанкНефть"),  # written as words, not in pieces
    ],
)
def test_no_abbreviation_without_the_same_capitals_in_both_scripts(entity: Entity) -> None:
    assert list(abbreviation_forms(entity, Keyer())) == []


def test_the_abbreviation_resolves_with_the_default_expansion() -> None:
    registry = Registry(
        [
            _company("TarBankNeft", "ТарБанкНефть", "Tar Bank Neft Company"),
            _company("TarNeft", "ТарНефть"),
        ]
    )
    for query in ("TBN", "ТБН", "tbn"):
        match = registry.resolve(query)
        assert match.status is Status.MATCHED, match
        assert match.id == "tarbankneft"
    assert registry.resolve("TN").status is Status.UNKNOWN
    assert registry.resolve("TBG").status is Status.UNKNOWN
    unexpanded = Registry([_company("TarBankNeft", "ТарБанкНефть")], expand=Expansion.NONE)
    assert unexpanded.resolve("TBN").status is Status.UNKNOWN


@pytest.mark.parametrize("first", [True, False])
def test_a_registry_name_wins_over_a_made_up_abbreviation(first: bool) -> None:
    media = Entity("tbn-media", "TBN Media", EntityKind.ORGANIZATION, aliases=("TBN",))
    company = _company("TarBankNeft", "ТарБанкНефть")
    registry = Registry([media, company] if first else [company, media])
    # ТБН keys like TBN: both are the registry author's TBN Media's.
    assert registry.resolve("TBN").id == "tbn-media"
    assert registry.resolve("ТБН").id == "tbn-media"
    assert registry.resolve("TarBankNeft").id == "tarbankneft"
    assert all(f.origin is not NameOrigin.ABBREVIATION for f in registry.index.forms)


def test_an_abbreviation_two_companies_make_is_neithers() -> None:
    registry = Registry(
        [_company("TarBankNeft", "ТарБанкНефть"), _company("TomBaltNeft", "ТомБалтНефть")]
    )
    assert registry.resolve("TBN").status is Status.UNKNOWN
    assert registry.resolve("TomBaltNeft").id == "tombaltneft"
