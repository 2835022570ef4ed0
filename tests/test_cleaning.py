"""Stage 1, cleaning: invisible characters, compatibility forms, apostrophes, dashes, case."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit_norm import Keyer
from translit_norm.cleaning import APOSTROPHES, HYPHENS, clean, clean_preserving_case, strip_marks


@pytest.mark.parametrize(
    ("hidden", "what"),
    [
        ("\u200b", "zero-width space"),
        ("\u200c", "zero-width non-joiner"),
        ("\u200d", "zero-width joiner"),
        ("\u2060", "word joiner"),
        ("\ufeff", "byte order mark"),
        ("\u00ad", "soft hyphen"),
        ("\u202e", "right-to-left override"),
        ("\u2066", "left-to-right isolate"),
        ("\u200f", "right-to-left mark"),
        ("\ufe0f", "variation selector 16"),
        ("\U000e0101", "variation selector supplement"),
        ("\x00", "NUL"),
        ("\ud800", "lone surrogate"),
        ("\ue000", "private use"),
        ("\U000e0001", "language tag"),
        ("\u0378", "unassigned"),
    ],
)
def test_invisible_characters_are_dropped(hidden: str, what: str) -> None:
    assert clean(f"Luka{hidden}shenko") == "lukashenko", what


def test_white_space_of_every_kind_collapses_to_one_space() -> None:
    assert clean("\tAlena\u00a0\u2003 Maushuk\u3000\n") == "alena maushuk"


def test_compatibility_forms_are_folded() -> None:
    assert clean("Ｌｕｋａｓｈｅｎｋｏ") == "lukashenko"  # full-width
    assert clean("Ǉubljana") == "ljubljana"  # a ligature letter


@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
def test_every_apostrophe_becomes_one(apostrophe: str) -> None:
    assert clean(f"Mar{apostrophe}yana") == "mar'yana"


@pytest.mark.parametrize("quote", ['"', "\u201d", "\u2033"])
def test_a_double_quote_inside_a_word_is_the_hard_sign_not_a_quotation(quote: str) -> None:
    # BGN/PCGN writes ъ and the Belarusian apostrophe as ” (Ob”yedineniye, Dar”ya).
    assert clean(f"Dar{quote}ya Ob{quote}yedineniye") == "dar'ya ob'yedineniye"
    assert clean(f"Дар{quote}я") == "дар'я"
    # Around a name, or after a space, it is a quotation mark: the words stay apart.
    assert Keyer().key(f"Centre {quote}Vyasna{quote}").tokens == ("centre", "vyasna")


@pytest.mark.parametrize("hyphen", list(HYPHENS))
def test_every_dash_becomes_a_hyphen(hyphen: str) -> None:
    assert clean(f"Rimsky{hyphen}Korsakov") == "rimsky-korsakov"


def test_case_is_kept_or_folded_on_request() -> None:
    assert clean_preserving_case("  Łukašenka ") == "Łukašenka"
    assert clean("ŁUKAŠENKA") == "łukašenka"
    assert clean("İstanbul") == unicodedata.normalize("NFC", "i̇stanbul")


def test_strip_marks_keeps_letters_of_their_own() -> None:
    assert strip_marks("Łukašenka") == "Łukasenka"
    assert strip_marks("Đorđe Øst") == "Đorđe Øst"


@given(st.text(st.characters(exclude_categories=())))
def test_clean_is_idempotent_and_leaves_no_invisible_character(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert once == once.strip()
    assert "  " not in once
    for char in once:
        assert unicodedata.category(char) not in {"Cf", "Cs", "Co", "Cn"} or char.isspace()


@given(st.text())
def test_clean_ignores_case_and_normal_form(text: str) -> None:
    assert clean(text.upper()) == clean(clean(text).upper())
    assert clean(unicodedata.normalize("NFD", text)) == clean(unicodedata.normalize("NFC", text))


def test_a_double_quote_after_a_mark_that_nfkc_makes_is_folded_at_once() -> None:
    # NFKC makes the spacing diaeresis a space and a combining mark, which then stands
    # before the quote: cleaning once must already fold it, or cleaning is no fixed point.
    once = clean('¨"A')
    assert clean(once) == once
