"""The hypothesis strategies (translit_norm.strategies), and the properties they let us state."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import translit_norm
from conftest import REGISTRY_DIR
from translit_norm import EntityKind, Registry, Status, clean, romanize
from translit_norm.loader import ID_PATTERN, load_entities
from translit_norm.strategies import (
    Noise,
    registered_names,
    registries,
    spelling_variants,
    unregistered_names,
)

# Built at import (not in a fixture) because @given needs the strategy when the module loads;
# it is the suite's small registry, so this costs a few milliseconds.
TEST_REGISTRY = Registry.load(REGISTRY_DIR)

#: Everything a reader still calls the same name without losing a letter's identity. ASCII
#: folding (š -> s) is tested on its own below: it may lose a name, it must never swap one.
KEPT_LETTERS = Noise.ALL & ~Noise.ASCII


@given(registered_names(TEST_REGISTRY, noise=KEPT_LETTERS))
def test_every_variant_of_a_registered_name_resolves_to_its_entity(pair: tuple[str, str]) -> None:
    entity_id, spelling = pair
    match = TEST_REGISTRY.resolve(spelling)
    assert match.status is Status.MATCHED, (spelling, match)
    assert match.id == entity_id, (spelling, match)


@given(registered_names(TEST_REGISTRY, noise=Noise.ALL))
def test_ascii_spellings_never_resolve_to_another_entity(pair: tuple[str, str]) -> None:
    entity_id, spelling = pair
    match = TEST_REGISTRY.resolve(spelling)
    assert match.status is not Status.MATCHED or match.id == entity_id, (spelling, match)


@given(unregistered_names(TEST_REGISTRY))
def test_no_unregistered_name_resolves(name: str) -> None:
    match = TEST_REGISTRY.resolve(name)
    assert match.status is Status.UNKNOWN
    assert match.id is None


@given(
    unregistered_names(TEST_REGISTRY).flatmap(
        lambda name: st.tuples(st.just(name), spelling_variants(name, noise=Noise.TYPOGRAPHY))
    )
)
def test_typography_never_makes_an_unknown_name_known(pair: tuple[str, str]) -> None:
    _, variant = pair
    assert TEST_REGISTRY.resolve(variant).status is Status.UNKNOWN, variant


@given(spelling_variants("Аляксандр Лукашэнка", lang="be", noise=Noise.TYPOGRAPHY))
def test_typography_keeps_the_letters(spelling: str) -> None:
    # Typography only: once cleaned, the spelling is one of the scheme spellings or the native.
    spellings = {clean(romanize("Аляксандр Лукашэнка", lang="be", scheme=s)) for s in _be()}
    spellings.add(clean("Аляксандр Лукашэнка"))
    cleaned = clean(spelling).replace("-", " ").strip('"«».')
    assert cleaned in spellings, spelling


def _be() -> tuple[str, ...]:
    return translit_norm.romanization.scheme_ids("be")


@given(spelling_variants("Джо Байден", lang="uk", schemes=["passport"], noise=Noise.NONE))
def test_no_noise_draws_only_the_native_and_the_chosen_schemes(spelling: str) -> None:
    assert spelling in {"Джо Байден", "Dzho Baiden"}


@given(spelling_variants("Maŭšuk", noise=Noise.ASCII))
def test_ascii_noise_folds_latin_letters(spelling: str) -> None:
    assert spelling in {"Maŭšuk", "Mausuk"}


@given(spelling_variants("Гарадок", noise=Noise.ASCII | Noise.ACCENTS))
def test_cyrillic_keeps_its_letters_under_ascii_noise(spelling: str) -> None:
    bare = "".join(
        c for c in unicodedata.normalize("NFD", spelling) if not unicodedata.combining(c)
    )
    assert bare == "Гарадок"


@given(spelling_variants("Kijów", noise=Noise.ACCENTS))
def test_accents_never_touch_polish_o_with_acute(spelling: str) -> None:
    # ó is its own letter in Polish (read u); accent noise neither adds nor drops it.
    assert "ó" in unicodedata.normalize("NFC", spelling)
    assert "Ó" not in spelling.replace("ó", "")


@given(
    registered_names(TEST_REGISTRY, noise=Noise.INITIALS).filter(
        lambda pair: pair[0] == "alexander-lukashenko"
    )
)
def test_initials_appear_only_where_they_single_out_one_person(pair: tuple[str, str]) -> None:
    # Alexander and Viktor Lukashenko share a surname; their initials differ, so "A." is safe.
    _, spelling = pair
    if "." in spelling:
        assert spelling.split()[0] in {"A.", "А."}


def test_initials_are_not_drawn_when_two_people_share_them() -> None:
    namesakes = [
        translit_norm.Entity(
            "anna-kovalenko", "Anna Kovalenko", EntityKind.PERSON, distinct_from=()
        ),
        translit_norm.Entity("andrii-kovalenko", "Andrii Kovalenko", EntityKind.PERSON),
    ]
    registry = Registry(namesakes)

    @settings(max_examples=200)
    @given(registered_names(registry, noise=Noise.INITIALS))
    def draw(pair: tuple[str, str]) -> None:
        assert not pair[1].startswith("A."), pair

    draw()


@settings(max_examples=25)
@given(st.data())
def test_generated_registries_are_valid_and_their_names_resolve(data: st.DataObject) -> None:
    registry = data.draw(registries(max_size=4))
    assert 1 <= len(registry) <= 4
    assert not registry.collisions()
    for entity in registry:
        assert ID_PATTERN.fullmatch(entity.id)
        assert entity.native
    entity_id, spelling = data.draw(registered_names(registry, noise=KEPT_LETTERS))
    match = registry.resolve(spelling)
    assert match.id == entity_id, (spelling, match, [e.name for e in registry])


@settings(max_examples=10)
@given(registries(min_size=2, max_size=3))
def test_generated_registries_survive_the_loader(registry: Registry) -> None:
    document = {
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind.value,
                "native": dict(e.native),
                **({"gender": e.gender} if e.gender else {}),
            }
            for e in registry
        ]
    }
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "registry.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        loaded = load_entities([path])
    assert [(e.id, e.name, e.kind, e.native, e.gender) for e in loaded] == [
        (e.id, e.name, e.kind, e.native, e.gender) for e in registry
    ]


@settings(max_examples=10)
@given(registries(kinds=[EntityKind.PLACE], langs=["uk"], max_size=2))
def test_registries_honour_kinds_and_langs(registry: Registry) -> None:
    assert all(e.kind is EntityKind.PLACE for e in registry)
    assert all(lang == "uk" for e in registry for lang, _ in e.native)


@pytest.mark.parametrize(
    ("factory", "kwargs"),
    [
        (spelling_variants, {"name": ""}),
        (spelling_variants, {"name": "   "}),
        (spelling_variants, {"name": 42}),
        (spelling_variants, {"name": "Київ", "lang": "xx"}),
        (spelling_variants, {"name": "Київ", "schemes": ["passport"]}),
        (spelling_variants, {"name": "Київ", "lang": "uk", "schemes": ["lacinka"]}),
        (spelling_variants, {"name": "Київ", "lang": "uk", "schemes": []}),
        (spelling_variants, {"name": "Київ", "lang": "uk", "schemes": "passport"}),
        (spelling_variants, {"name": "Kyiv", "noise": 3}),
        (spelling_variants, {"name": "Kyiv", "noise": "case"}),
        (registered_names, {"registry": "tests/data/registry"}),
        (registered_names, {"registry": Registry([])}),
        (registered_names, {"registry": TEST_REGISTRY, "noise": None}),
        (unregistered_names, {"registry": None}),
        (registries, {"min_size": 0}),
        (registries, {"max_size": 2.5}),
        (registries, {"min_size": 4, "max_size": 2}),
        (registries, {"langs": ["pl"]}),
        (registries, {"langs": []}),
        (registries, {"kinds": ["person"]}),
        (registries, {"expand": "yes"}),
    ],
)
def test_bad_arguments_are_rejected_eagerly(factory: Any, kwargs: dict[str, Any]) -> None:
    # Eagerly: building the strategy raises, before anything is drawn.
    with pytest.raises(InvalidArgument):
        factory(**kwargs)


def test_strategies_are_not_imported_by_the_package() -> None:
    assert "strategies" not in translit_norm.__all__
    assert not hasattr(translit_norm, "spelling_variants")


# A downstream project's test, written as its authors would (also shown in docs/strategies.md):
# their code tags people in articles by entity id, and must not lose anyone to a spelling.


def tag_people(names: list[str], registry: Registry) -> list[str | None]:
    """A downstream helper: the entity id behind each name, or None."""
    return [match.id for match in registry.resolve_many(names)]


@given(st.lists(registered_names(TEST_REGISTRY, noise=KEPT_LETTERS), min_size=1, max_size=5))
def test_downstream_every_spelling_is_tagged_with_its_entity(
    pairs: list[tuple[str, str]],
) -> None:
    ids = [entity_id for entity_id, _ in pairs]
    spellings = [spelling for _, spelling in pairs]
    assert tag_people(spellings, TEST_REGISTRY) == ids


@given(st.lists(unregistered_names(TEST_REGISTRY), min_size=1, max_size=5))
def test_downstream_strangers_are_never_tagged(names: list[str]) -> None:
    assert tag_people(names, TEST_REGISTRY) == [None] * len(names)


def test_initials_are_not_drawn_when_the_registry_reads_the_surname_first() -> None:
    # Luka is a known given name, so the registry reads Baba Luka surname first: "B. Luka"
    # would be an initial standing for the surname (found by hypothesis).
    registry = Registry([translit_norm.Entity("baba-luka", "Baba Luka", EntityKind.PERSON)])

    @settings(max_examples=100)
    @given(registered_names(registry, noise=Noise.INITIALS))
    def draw(pair: tuple[str, str]) -> None:
        assert "." not in pair[1], pair
        assert registry.resolve(pair[1]).id == "baba-luka", pair

    draw()
