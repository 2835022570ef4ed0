"""Tests for the romanization stage: golden tables, engine behaviour, table validation, properties.

Golden tables live in ``tests/golden/romanization/<lang>-<scheme>.tsv`` (one file per scheme,
``cyrillic<TAB>expected``, ``#`` comment lines citing where the examples come from).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from translit_norm.errors import RegistryError, UnknownLanguageError, UnknownSchemeError
from translit_norm.romanization import (
    languages,
    romanization_scheme,
    romanizations,
    romanize,
    scheme_ids,
)
from translit_norm.schemes import clear_cache, language_schemes, load_scheme_file

GOLDEN = Path(__file__).parent / "golden" / "romanization"
ALL_SCHEMES = [(lang, scheme) for lang in languages() for scheme in scheme_ids(lang)]


def _golden_rows() -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    for path in sorted(GOLDEN.glob("*.tsv")):
        lang, _, scheme = path.stem.partition("-")
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            source, expected = line.split("\t")
            rows.append((lang, scheme, source, expected))
    return rows


GOLDEN_ROWS = _golden_rows()


def _is_cyrillic(char: str) -> bool:
    return "CYRILLIC" in unicodedata.name(char, "")


# ------------------------------------------------------------------------------- golden


@pytest.mark.parametrize(
    ("lang", "scheme", "source", "expected"),
    GOLDEN_ROWS,
    ids=[f"{lang}-{scheme}:{source}" for lang, scheme, source, _ in GOLDEN_ROWS],
)
def test_golden(lang: str, scheme: str, source: str, expected: str) -> None:
    assert romanize(source, lang=lang, scheme=scheme) == expected


@pytest.mark.parametrize(
    ("lang", "scheme"), ALL_SCHEMES, ids=[f"{lang}-{scheme}" for lang, scheme in ALL_SCHEMES]
)
def test_every_scheme_has_a_golden_table_with_a_citation(lang: str, scheme: str) -> None:
    path = GOLDEN / f"{lang}-{scheme}.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ")
    assert len(lines[0]) > 20
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    assert len(rows) >= 8


def test_golden_files_name_real_schemes() -> None:
    for path in GOLDEN.glob("*.tsv"):
        lang, _, scheme = path.stem.partition("-")
        assert scheme in scheme_ids(lang), path.name


# ------------------------------------------------------------------------------- public API


def test_languages_and_scheme_ids() -> None:
    assert languages() == ("be", "bg", "mk", "ru", "sr", "uk")
    assert scheme_ids("be")[0] == "national-2007"
    assert scheme_ids("uk")[0] == "national-2010"
    for required in ("national-2023", "bgn-pcgn", "passport", "lacinka", "iso9", "loc"):
        assert required in scheme_ids("be")
    for required in (
        "icao-9303",
        "gost-7.79-b",
        "news",
        "press-pl",
        "press-de",
        "press-fr",
        "press-cs",
    ):
        assert required in scheme_ids("ru")


def test_default_scheme_is_the_first_listed() -> None:
    assert romanize("Лукашэнка", lang="be") == romanize(
        "Лукашэнка", lang="be", scheme="national-2007"
    )
    assert romanization_scheme("be").id == "national-2007"


def test_unknown_language() -> None:
    with pytest.raises(UnknownLanguageError, match="xx"):
        romanize("Путин", lang="xx")
    with pytest.raises(UnknownLanguageError):
        scheme_ids("de")
    with pytest.raises(UnknownLanguageError):
        romanizations("Путин", lang="xx")


def test_unknown_scheme_names_the_known_ones() -> None:
    with pytest.raises(UnknownSchemeError, match="national-2010"):
        romanize("Київ", lang="uk", scheme="national-2007")


def test_romanizations_in_file_order_and_deduplicated() -> None:
    results = romanizations("Зеленський", lang="uk")
    ids = [scheme for scheme, _ in results]
    assert ids[0] == "national-2010"
    assert "passport" not in ids  # identical to national-2010, so dropped
    assert ids == [scheme for scheme in scheme_ids("uk") if scheme in ids]
    values = [value for _, value in results]
    assert len(values) == len(set(values))
    assert ("press-de", "Selenskyj") in results


def test_romanizations_of_lukashenka_cover_the_common_spellings() -> None:
    values = {value for _, value in romanizations("Аляксандр Лукашэнка", lang="be")}
    assert {
        "Aliaksandr Lukašenka",
        "Aliaksandr Lukashenka",
        "Alaksandr Łukašenka",
        "Alaksandr Łukaszenka",
    } <= values


# ------------------------------------------------------------------------------- engine


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Щербухи", "Shcherbukhy"),
        ("ЩЕРБУХИ", "SHCHERBUKHY"),
        ("щербухи", "shcherbukhy"),
        ("Щ", "Shch"),
        ("ЩО ЩЕ", "SHCHO SHCHE"),
        ("Біла Церква", "Bila Tserkva"),
        ("МакЩерба", "MakShcherba"),
    ],
)
def test_case_is_preserved(source: str, expected: str) -> None:
    assert romanize(source, lang="uk") == expected


def test_case_through_ala_lc_ties() -> None:
    assert romanize("Юрий", lang="ru", scheme="loc") == "I͡Uriĭ"
    assert romanize("ЮРИЙ", lang="ru", scheme="loc") == "I͡URIĬ"
    assert romanize("юрий", lang="ru", scheme="loc") == "i͡uriĭ"


def test_non_cyrillic_passes_through() -> None:
    assert romanize("Київ (Kyiv) — 2024!", lang="uk") == "Kyiv (Kyiv) — 2024!"
    assert romanize("don't", lang="uk") == "don't"


def test_word_start_rules_apply_after_spaces_and_hyphens() -> None:
    assert romanize("Юрій Юрій-Юрій", lang="uk") == "Yurii Yurii-Yurii"
    assert romanize("ДрукЮ", lang="uk") == "DrukIu"


def test_apostrophe_variants_inside_words() -> None:
    for apostrophe in ("'", "’", "ʼ"):
        assert romanize(f"Знам{apostrophe}янка", lang="uk") == "Znamianka"
        assert romanize(f"Вераб{apostrophe}ёвічы", lang="be") == "Vierabjovičy"


def test_context_rule_before_letters() -> None:
    # GOST 7.79 B: ц is c before и е ы й, cz elsewhere.
    assert romanize("Цирк Царь", lang="ru", scheme="gost-7.79-b") == "Cirk Czar`"
    # KMU 2010: зг is zgh, but з and г alone are z and h.
    assert romanize("Згорани Загорани", lang="uk") == "Zghorany Zahorany"


def test_word_end_rules() -> None:
    assert romanize("ия ияя", lang="bg") == "ia iyaya"
    assert romanize("България Българията", lang="bg") == "Bulgaria Balgariyata"


def test_vowel_context_rules() -> None:
    # national-2007: je after vowels and at word start, ie after consonants.
    assert romanize("Ельск Бабаедава Бешанковічы", lang="be") == "Jeĺsk Babajedava Biešankovičy"


def test_decomposed_input_is_composed_first() -> None:
    decomposed = unicodedata.normalize("NFD", "Андрій Йосипівка")
    assert romanize(decomposed, lang="uk") == "Andrii Yosypivka"


def test_empty_text() -> None:
    assert romanize("", lang="ru") == ""
    assert romanizations("", lang="ru") == (("bgn-pcgn", ""),)


# ------------------------------------------------------------------------------- tables


def test_every_rule_cites_its_clause() -> None:
    for lang in languages():
        for scheme in language_schemes(lang):
            assert scheme.title
            assert scheme.source
            for rule in scheme.rules:
                assert rule.why.strip(), (lang, scheme.id, rule)


def test_cache_can_be_cleared() -> None:
    first = language_schemes("ru")
    assert language_schemes("ru") is first
    clear_cache()
    assert language_schemes("ru") == first


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


VALID = """\
language: xx
alphabet: "аб"
vowels: "а"
consonants: "б"
schemes:
  - id: demo
    title: Demo
    source: test
    letters: {а: a, б: b}
    rules:
      - {match: а, after: [start], output: ja, why: "test"}
"""


def test_valid_custom_file(tmp_path: Path) -> None:
    (scheme,) = load_scheme_file(_write(tmp_path, "xx.yaml", VALID))
    assert scheme.id == "demo"
    assert scheme.is_ascii
    assert "demo" in repr(scheme)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (VALID.replace("language: xx", "language: yy"), 1, "does not match file name"),
        (VALID.replace("{а: a, б: b}", "{а: a}"), 9, "do not cover б"),
        (VALID.replace("б: b", "б: б"), 9, "contains Cyrillic"),
        (VALID.replace("б: b", "б: B"), 9, "must be lowercase"),
        (VALID.replace(', why: "test"', ""), 11, "missing why"),
        (VALID.replace("after: [start]", "after: [end]"), 11, "'end' cannot be used"),
        (VALID.replace("after: [start]", "after: [middle]"), 11, "neither a class"),
        (VALID.replace("id: demo", "id: Demo_1"), 6, "scheme id"),
        (VALID.replace("title: Demo", "titel: Demo"), 7, "unknown key 'titel'"),
        (
            VALID + "  - id: demo\n    title: t\n    source: s\n    letters: {а: a, б: b}\n",
            12,
            "duplicate scheme id",
        ),
        ("language: [xx\n", 2, "not valid YAML"),
    ],
)
def test_bad_files_name_path_line_and_reason(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = _write(tmp_path, "xx.yaml", text)
    with pytest.raises(RegistryError) as caught:
        load_scheme_file(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line
    assert reason in error.reason


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="cannot read"):
        load_scheme_file(tmp_path / "missing.yaml")


# ------------------------------------------------------------------------------- properties


@st.composite
def _texts_in_alphabet(draw: st.DrawFn, lang: str) -> str:
    alphabet = sorted(
        {char for scheme in language_schemes(lang) for key in scheme.letters for char in key}
    )
    letters = alphabet + [char.upper() for char in alphabet if char.upper() != char]
    pieces = st.sampled_from([*letters, " ", "-", "A", "z", "1", ".", "'"])
    return "".join(draw(st.lists(pieces, max_size=30)))


@pytest.mark.parametrize(
    ("lang", "scheme"), ALL_SCHEMES, ids=[f"{lang}-{scheme}" for lang, scheme in ALL_SCHEMES]
)
@given(text=st.text())
def test_never_raises_on_any_text(lang: str, scheme: str, text: str) -> None:
    assert isinstance(romanize(text, lang=lang, scheme=scheme), str)


@pytest.mark.parametrize(
    ("lang", "scheme"), ALL_SCHEMES, ids=[f"{lang}-{scheme}" for lang, scheme in ALL_SCHEMES]
)
@given(data=st.data())
def test_output_has_no_cyrillic(lang: str, scheme: str, data: st.DataObject) -> None:
    text = data.draw(_texts_in_alphabet(lang))
    result = romanize(text, lang=lang, scheme=scheme)
    assert not any(_is_cyrillic(char) for char in result)
    if romanization_scheme(lang, scheme).is_ascii:
        assert result.isascii()


@pytest.mark.parametrize(
    ("lang", "scheme"), ALL_SCHEMES, ids=[f"{lang}-{scheme}" for lang, scheme in ALL_SCHEMES]
)
@given(text=st.text())
def test_identity_and_idempotent_without_cyrillic(lang: str, scheme: str, text: str) -> None:
    assume(not any(_is_cyrillic(char) for char in text))
    once = romanize(text, lang=lang, scheme=scheme)
    assert once == unicodedata.normalize("NFC", text)
    assert romanize(once, lang=lang, scheme=scheme) == once


@pytest.mark.parametrize(
    ("lang", "scheme"), ALL_SCHEMES, ids=[f"{lang}-{scheme}" for lang, scheme in ALL_SCHEMES]
)
@given(data=st.data())
def test_romanizing_twice_changes_nothing(lang: str, scheme: str, data: st.DataObject) -> None:
    once = romanize(data.draw(_texts_in_alphabet(lang)), lang=lang, scheme=scheme)
    assert romanize(once, lang=lang, scheme=scheme) == once


@pytest.mark.parametrize(
    ("lang", "scheme"), ALL_SCHEMES, ids=[f"{lang}-{scheme}" for lang, scheme in ALL_SCHEMES]
)
@given(data=st.data())
def test_case_of_first_letter_is_preserved(lang: str, scheme: str, data: st.DataObject) -> None:
    definition = romanization_scheme(lang, scheme)
    starters = sorted(
        key
        for key, value in definition.letters.items()
        if len(key) == 1 and key.isalpha() and value[:1].lower() != value[:1].upper()
    )
    first = data.draw(st.sampled_from(starters))
    rest = data.draw(_texts_in_alphabet(lang)).lower()
    word = first + rest
    for variant in (word, first.upper() + rest):
        result = romanize(variant, lang=lang, scheme=scheme)
        letters = [char for char in result if char.lower() != char.upper()]
        assume(letters)
        assert letters[0].isupper() == variant[0].isupper(), (variant, result)
