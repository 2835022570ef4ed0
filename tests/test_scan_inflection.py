"""Case endings back to the nominative (data/inflection.yaml), and its validation."""

from __future__ import annotations

import pytest

from translit_norm.errors import RegistryError
from translit_norm.inflection import nominatives, parse_endings


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Зеленського", "Зеленський"),
        ("Путина", "Путин"),
        ("Тихановской", "Тихановская"),
        ("Лукашэнкам", "Лукашэнка"),
        ("Ціханоўскай", "Ціханоўская"),
        ("Києві", "Київ"),
        ("Łukaszence", "Łukaszenka"),
        ("Cichanouskiej", "Cichanouska"),
        ("Zełenskiego", "Zełenski"),
        ("Selenskyjs", "Selenskyj"),
        ("Lukashenko's", "Lukashenko"),
        ("ŁUKASZENCE", "ŁUKASZENKA"),
    ],
)
def test_nominative_among_candidates(word: str, nominative: str) -> None:
    assert nominative in nominatives(word)


def test_gender_of_adjectival_endings_is_kept() -> None:
    # Feminine oblique endings never propose a masculine nominative, nor the reverse.
    assert not any(c.endswith("ий") for c in nominatives("Тихановской"))
    assert not any(c.endswith("ая") for c in nominatives("Тихановского"))


def test_short_stems_are_left_alone() -> None:
    assert nominatives("Ома") == ()
    assert nominatives("") == ()
    assert "Trump" not in nominatives("Trump")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("endings: {}", "must be a list"),
        ("other: []", "exactly one key"),
        (
            "endings:\n  - {langs: [pl], script: greek, ending: a, nominative: [''], why: x}",
            "script must be",
        ),
        (
            "endings:\n  - {langs: [pl], script: latin, ending: A, nominative: [''], why: x}",
            "lowercase",
        ),
        (
            "endings:\n  - {langs: [pl], script: latin, ending: a, nominative: '', why: x}",
            "list of strings",
        ),
        (
            "endings:\n  - {langs: [pl], script: latin, ending: a, nominative: [''], why: ' '}",
            "why",
        ),
        (
            "endings:\n  - {langs: [pl], script: latin, ending: a, nominative: ['']"
            ", why: x, min_stem: 0}",
            "min_stem",
        ),
        (
            "endings:\n  - {langs: [pl], script: latin, ending: a, nominative: ['']"
            ", why: x, oops: 1}",
            "unknown",
        ),
        ("endings:\n  - {script: latin, ending: a}", "needs"),
        ("endings:\n  - {langs: pl, script: latin, ending: a, nominative: [''], why: x}", "langs"),
    ],
)
def test_bad_tables_are_rejected_with_the_line(text: str, problem: str) -> None:
    with pytest.raises(RegistryError, match=problem) as raised:
        parse_endings(text, name="bad.yaml")
    assert "bad.yaml" in str(raised.value)
