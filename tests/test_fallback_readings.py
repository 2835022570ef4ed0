"""Fallback readings: French j as ж and Spanish j as х, tried only when nothing else matches.

The French press writes ж as j (Jivkov for Живков), the Spanish press writes х as j (Jarkov
for Харків, Jamenei for Khamenei), while Polish, Czech, Serbian and German write й as j. A
name's spelling rarely says which, so these readings are never among a name's ordinary keys:
the resolver tries them only when the ordinary readings find no entity, and accepts only a
whole name of two or more words keyed alike.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit_norm import Entity, EntityKind, Registry, Status
from translit_norm import keys as keys_module
from translit_norm.errors import RegistryError
from translit_norm.folding import DEFAULT_BACKEND, folder
from translit_norm.keys import Keyer, fallback_readings, readings
from translit_norm.resolver import DEFAULT_THRESHOLD, collect_candidates
from translit_norm.yamlio import load_yaml_text

FALLBACKS = ("french_unmarked", "spanish")


def _person(entity_id: str, name: str, native: tuple[tuple[str, str], ...] = ()) -> Entity:
    return Entity(entity_id, name, EntityKind.PERSON, native=native, gender="male")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(
        [
            _person("petar-zhelev", "Petar Zhelev", (("bg", "Петър Желев"),)),
            _person("omar-khalidi", "Omar Khalidi", (("ar", "عمر خالدي"),)),
            # The same sounds with no native name in a script the conventions transcribe.
            _person("ivo-zhabot", "Ivo Zhabot"),
            # Хана Жукова: the Spanish reading of Jana is Хана, but Jana is Яна.
            Entity(
                "khana-zhukova",
                "Khana Zhukova",
                EntityKind.PERSON,
                native=(("ru", "Хана Жукова"),),
                gender="female",
            ),
            _person("boris-zhukin", "Boris Zhukin", (("ru", "Борис Жукин"),)),
            Entity("kharlovo", "Kharlovo", EntityKind.PLACE, native=(("ru", "Харлово"),)),
            # Czech names, where j is the glide й: the ordinary slavic reading finds them.
            _person("jiri-janda", "Jiří Janda"),
            _person("zhiri-zhanda", "Zhiri Zhanda"),
        ]
    )


def test_the_fallback_readings_are_not_ordinary_readings() -> None:
    ordinary = {r.name for r in readings()}
    assert {f.reading.name for f in fallback_readings()} == set(FALLBACKS)
    assert all(f.scripts and "latin" not in f.scripts for f in fallback_readings())
    assert ordinary.isdisjoint(FALLBACKS)
    assert readings()[0].name == "english"


def test_a_name_is_keyed_under_a_fallback_reading_only_when_asked() -> None:
    keyer = Keyer()
    ordinary = keyer.key("Petar Jelev")
    assert ordinary.full_keys == {"elev petar", "dZelev petar"}  # je- may be e-
    assert keyer.key("Petar Jelev", reading="french_unmarked").full_keys == {"Zelev petar"}
    assert keyer.key("Omar Jalidi", reading="spanish").full_keys == {"Xalidi omar"}
    assert not {"french_unmarked", "spanish"} & set(ordinary.reading_names)


@pytest.mark.parametrize(
    ("query", "entity"),
    [
        ("Petar Jelev", "petar-zhelev"),  # French: ж as j
        ("Jelev, Petar", "petar-zhelev"),  # word order is free
        ("Omar Jalidi", "omar-khalidi"),  # Spanish: kh as j
        ("Ómar Jalidi", "omar-khalidi"),  # a Spanish accent is no obstacle
        ("Boris Jukin", "boris-zhukin"),  # j as ж, with no French marker at all
    ],
)
def test_a_whole_name_matches_through_a_fallback_reading(
    registry: Registry, query: str, entity: str
) -> None:
    match = registry.resolve(query, explain=True)
    assert match.status is Status.MATCHED, match
    assert match.id == entity
    assert match.reason is not None and "reading, tried as no other reading matched" in (
        match.reason
    )


@pytest.mark.parametrize("query", ["Jelev", "Jarlovo", "P. Jelev", "Jalidi"])
def test_one_word_is_not_enough_for_a_fallback_reading(registry: Registry, query: str) -> None:
    assert registry.resolve(query).status is Status.UNKNOWN


@pytest.mark.parametrize(
    ("query", "entity"), [("Jiří Janda", "jiri-janda"), ("Jiri Janda", "jiri-janda")]
)
def test_the_fallback_is_not_tried_when_an_ordinary_reading_matches(
    registry: Registry, query: str, entity: str
) -> None:
    # Under the French fallback Jiri Janda keys like Zhiri Zhanda: it is never asked.
    match = registry.resolve(query)
    assert match.status is Status.MATCHED, match
    assert match.id == entity
    ranked, _ = collect_candidates(registry.index, query)
    assert "zhiri-zhanda" not in {c.id for c in ranked}


@pytest.mark.parametrize(
    "query",
    [
        "Ivo Jabot",  # the registry has no native name of Ivo Zhabot's: no sign of ж
        "Jana Zhukova",  # Jana is a given name as written (Яна): not re-read as Хана
        "Zhukova Jana",
    ],
)
def test_a_fallback_reading_needs_a_native_script_and_leaves_given_names_alone(
    registry: Registry, query: str
) -> None:
    match = registry.resolve(query)
    assert match.status is Status.UNKNOWN, match


def test_the_candidates_list_shows_what_the_resolver_decides_on(registry: Registry) -> None:
    ranked, _ = collect_candidates(registry.index, "Petar Jelev")
    assert [c.id for c in ranked] == ["petar-zhelev"]
    assert ranked[0].score >= DEFAULT_THRESHOLD


_PLAIN = st.text(alphabet="abdefgiklmnoprstuvyz", min_size=1, max_size=10)


@given(word=_PLAIN)
def test_a_fallback_reading_only_rereads_its_own_letters(word: str) -> None:
    # Without j, c and ou there is nothing the fallback conventions read otherwise than
    # English news does: a word reads the same under them.
    if "ou" in word:
        return
    fold = folder(DEFAULT_BACKEND)
    english = readings()[0]
    for fallback in fallback_readings():
        assert fallback.reading.phonemes(word, fold) == english.phonemes(word, fold)
    # A j is what they read otherwise (French ж, Spanish х; English дж).
    for fallback in fallback_readings():
        assert fallback.reading.phonemes("j" + word, fold) != english.phonemes("j" + word, fold)


@given(stem=st.text(alphabet="aeioulmnrtv", min_size=3, max_size=8))
def test_a_single_word_never_matches_through_a_fallback_reading(stem: str) -> None:
    # The registry holds exactly the name the French or Spanish reading of the query gives.
    query = "j" + stem
    registry = Registry(
        [
            Entity("zh-place", "Zh" + stem, EntityKind.PLACE),
            Entity("kh-place", "Kh" + stem, EntityKind.PLACE),
        ]
    )
    ranked, _ = collect_candidates(registry.index, query)
    assert not any("reading, tried as no other" in c.reason for c in ranked)


@pytest.mark.parametrize(
    "fallback", ["true", "{scripts: cyrillic}", "{scripts: [cyrillic], why: w}", "{}"]
)
def test_the_fallback_field_is_validated(monkeypatch: pytest.MonkeyPatch, fallback: str) -> None:
    text = (
        "common: []\n"
        "readings:\n"
        "  english: {why: w, markers: [], graphemes: []}\n"
        f"  odd: {{why: w, markers: [], fallback: {fallback}, graphemes: []}}\n"
    )

    def fake(path: str) -> tuple[str, Any]:
        return "conventions.yaml", load_yaml_text(text, name="conventions.yaml")

    monkeypatch.setattr(keys_module, "load_package_yaml", fake)
    with pytest.raises(RegistryError, match=r"conventions.yaml:4: reading odd: .*fallback"):
        keys_module._conventions.__wrapped__()
