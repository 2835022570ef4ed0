"""Scanning running text for mentions: fixture texts, guards, spans and the document pass."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA
from translit_norm import Mention, Registry, Status
from translit_norm.cleaning import APOSTROPHES
from translit_norm.scanning import Scanner, summarize, tokenize

FIXTURES: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "scan" / "fixtures.yaml").read_text("utf-8")
)["texts"]


@pytest.fixture(scope="module")
def default() -> Registry:
    return Registry.default()


def _matched(mentions: list[Mention]) -> Counter[tuple[str, str | None]]:
    return Counter((m.surface, m.id) for m in mentions if m.status is Status.MATCHED)


@pytest.mark.parametrize("item", FIXTURES, ids=[t["id"] for t in FIXTURES])
def test_fixture_texts(default: Registry, item: dict[str, Any]) -> None:
    mentions = default.scan(item["text"])
    expected = Counter((m["text"], m["id"]) for m in item["mentions"])
    assert _matched(mentions) == expected
    for mention in mentions:
        assert item["text"][mention.start : mention.end] == mention.surface


def test_fixture_set_is_large_and_mixed() -> None:
    assert len(FIXTURES) >= 25
    scripts = {
        "cyrillic" if any("CYRILLIC" in unicodedata.name(c, "") for c in t["text"]) else "latin"
        for t in FIXTURES
    }
    assert scripts == {"cyrillic", "latin"}


def test_son_is_not_cut_down_to_the_father(registry: Registry) -> None:
    # In the test registry Viktor is a registered person; an unregistered given name in front
    # of the surname must veto the father too.
    mentions = registry.scan("Mikola Lukashenko spoke after Viktor Lukashenko.")
    assert [(m.surface, m.id) for m in mentions] == [("Viktor Lukashenko", "viktor-lukashenko")]


def test_wife_and_husband_stay_apart(default: Registry) -> None:
    mentions = default.scan("Тихановского арестовали, а Тихановская уехала.")
    assert [m.id for m in mentions] == ["siarhei-tsikhanouski", "sviatlana-tsikhanouskaya"]


def test_lowercase_common_words_are_not_mentions(default: Registry) -> None:
    assert default.scan("the trump card and a smith at the forge in minsk") == []


def test_name_inside_a_longer_name(default: Registry) -> None:
    text = "Smithsonian staff visited Minsk Mazowiecki and Minsk."
    assert [(m.surface, m.id) for m in default.scan(text)] == [
        ("Minsk Mazowiecki", "minsk-mazowiecki"),
        ("Minsk", "minsk"),
    ]


def test_urls_and_emails_only_when_asked(default: Registry) -> None:
    text = "See https://news.example/volodymyr-zelenskyi and mail putin@example.org"
    assert default.scan(text) == []
    found = default.scan(text, urls=True)
    assert [m.id for m in found] == ["volodymyr-zelensky"]


def test_surname_after_full_mention(default: Registry) -> None:
    alone = default.scan("Smith spoke briefly.")
    assert [m.status for m in alone] == [Status.AMBIGUOUS]
    assert set(alone[0].candidates) == {"christopher-h-smith", "christopher-w-smith"}
    story = default.scan("Smith spoke first. Later Christopher W. Smith left Minsk.")
    assert [m.id for m in story] == ["christopher-w-smith", "christopher-w-smith", "minsk"]
    assert "named in full" in story[0].reason


def test_namesakes_told_apart_by_description(default: Registry) -> None:
    diplomat = "Christopher Smith, a deputy assistant secretary of state, met diplomats."
    congressman = "Christopher Smith, the congressman from New Jersey, chairs a commission."
    assert [m.id for m in default.scan(diplomat)] == ["christopher-w-smith"]
    assert default.scan(congressman)[0].id == "christopher-h-smith"
    # With no telling context the mention stays ambiguous: no guess.
    assert default.scan("Christopher Smith arrived.")[0].status is Status.AMBIGUOUS


def test_scan_many_equals_scan(default: Registry) -> None:
    texts = [t["text"] for t in FIXTURES[:6]]
    assert list(default.scan_many(texts)) == [default.scan(t) for t in texts]


def test_scanner_is_cached_on_the_registry_and_clearable(registry: Registry) -> None:
    first = registry.scanner()
    assert registry.scanner() is first
    registry.clear_scanner()
    assert registry.scanner() is not first


def test_threshold_checked(registry: Registry) -> None:
    with pytest.raises(ValueError, match="threshold"):
        registry.scan("Lukashenko", threshold=2.0)
    with pytest.raises(TypeError):
        registry.scan(b"Lukashenko")  # type: ignore[arg-type]


def test_mention_record_and_summary(registry: Registry) -> None:
    mentions = registry.scan("Alexander Lukashenko and Lukashenko again.")
    record = mentions[0].to_dict()
    assert record["id"] == "alexander-lukashenko"
    assert (record["start"], record["end"]) == (0, 20)
    assert "Mention" in repr(mentions[0])
    assert summarize(mentions) == Counter({"alexander-lukashenko": 2})


# --- the tokenizer against an obviously correct reference -------------------------------

_INVISIBLE = "\u00ad\u200b"
_MARK = "\u030c"


def _reference_words(text: str) -> list[tuple[int, int]]:
    """Words one character at a time: letters, joined by an apostrophe right between letters and
    by invisible characters or combining marks after a letter; split where a lowercase letter
    directly meets a capital (no name prefixes occur in the generated texts)."""
    words: list[tuple[int, int]] = []
    start: int | None = None
    previous_letter = ""
    for i, char in enumerate(text):
        after = text[i + 1] if i + 1 < len(text) else ""
        if char.isalpha():
            if start is not None and previous_letter.islower() and char.isupper():
                words.append((start, i))
                start = i
            if start is None:
                start = i
            previous_letter = char
        elif start is not None and (
            char in _INVISIBLE + _MARK
            or (char in APOSTROPHES and text[i - 1].isalpha() and after.isalpha())
        ):
            previous_letter = ""
        elif start is not None:
            words.append((start, i))
            start, previous_letter = None, ""
    if start is not None:
        words.append((start, len(text)))
    return words


@given(st.text(alphabet="abxyzABXYZ  '’-." + _INVISIBLE + _MARK, max_size=40))
def test_tokenizer_agrees_with_reference(text: str) -> None:
    doc = tokenize(text)
    assert list(zip(doc.starts, doc.ends, strict=True)) == _reference_words(text)


@given(st.text(max_size=80))
def test_any_text_scans_to_consistent_spans(text: str) -> None:
    scanner = Scanner(_TEST_REGISTRY.index)
    mentions = scanner.scan(text)
    previous_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface
        assert previous_end <= mention.start < mention.end
        assert 0.0 <= mention.score <= 1.0
        previous_end = mention.end


_TEST_REGISTRY = Registry.load(DATA / "registry")
_NAMES = sorted(
    {
        form.text
        for form in _TEST_REGISTRY.index.forms
        if form.text[:1].isupper() and form.text[-1:].isalpha() and form.text[-1:].islower()
    }
)


@given(
    st.sampled_from(_NAMES),
    st.sampled_from(["said", "met", "and", "with"]),
    st.sampled_from(["on monday", "again", "in the morning"]),
    st.sampled_from([" ", "\u00a0"]),
)
def test_a_resolvable_name_in_a_sentence_is_found(
    name: str, before: str, after: str, space: str
) -> None:
    match = _TEST_REGISTRY.resolve(name)
    text = f"officials {before} {name.replace(' ', space)} {after}."
    mentions = _TEST_REGISTRY.scan(text)
    start = text.index(name.replace(" ", space))
    at_name = [m for m in mentions if m.start == start]
    if match.status is Status.MATCHED and len(name.split()) > 1:
        # Multi-word names are found whole (a one-word alias may stand for a longer name
        # part and is checked by the fixture texts instead).
        assert at_name
        assert at_name[0].id == match.id
        assert at_name[0].end == start + len(name)
