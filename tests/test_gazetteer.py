"""The gazetteer's names of places: the data, the link rule, and what a registry gets."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translit_norm import (
    Entity,
    EntityKind,
    Expansion,
    NameOrigin,
    Registry,
    RegistryError,
    Status,
    gazetteer,
)
from translit_norm.cleaning import strip_marks
from translit_norm.gazetteer import GazetteerPlace, fold, gazetteer_places, link
from translit_norm.yamlio import load_yaml_text

ROOT = Path(__file__).resolve().parents[1]


def _moscow(**extra: Any) -> Entity:
    return Entity("moscow", "Moscow", EntityKind.PLACE, native=(("ru", "Москва"),), **extra)


# ------------------------------------------------------------------------------ the data


def test_every_place_is_read_and_ids_are_unique() -> None:
    places = gazetteer_places()
    assert len(places) > 1000
    assert len({p.geonames for p in places}) == len(places)
    # Cities under 100,000 people are there only to stop a link: no names to add.
    assert all(p.population >= 100_000 or not p.names for p in places)
    assert all(
        fold(r) in {fold(t) for t in (p.name, *p.names, *p.shared)}
        for p in places
        for r in p.regions
    )


def test_a_name_of_its_own_is_no_other_places_name() -> None:
    seen: dict[str, int] = {}
    for place in gazetteer_places():
        for text in (place.name, *place.names, *place.shared):
            seen[fold(text)] = seen.get(fold(text), 0) + 1
    for place in gazetteer_places():
        for text in place.names:
            assert seen[fold(text)] == 1, (place.name, text)


@pytest.fixture
def fresh_gazetteer() -> Iterator[None]:
    gazetteer.gazetteer_places.cache_clear()
    gazetteer._by_name.cache_clear()
    yield
    gazetteer.gazetteer_places.cache_clear()
    gazetteer._by_name.cache_clear()


def test_the_file_is_read_alike_as_json_lines_and_as_yaml() -> None:
    name, text = gazetteer._text()
    head = "\n".join(text.splitlines()[:60])
    fast = gazetteer._entries(name, head)
    assert fast and all(isinstance(entry, dict) for entry, _ in fast)
    # The same places written the YAML way (block style) take the YAML parser's path.
    document = load_yaml_text(head, name=name)
    block = "places:\n" + "".join(
        f"  - geonames: {e['geonames']}\n"
        + "".join(
            f"    {key}: {json.dumps(e[key], ensure_ascii=False)}\n"
            for key in e
            if key != "geonames"
        )
        for e in document["places"]
    )
    slow = gazetteer._entries(name, block)
    assert [dict(e) for e, _ in slow] == [e for e, _ in fast]
    per_place = len(fast[0][0])  # a line per key
    assert [line for _, line in slow] == [2 + per_place * i for i in range(len(fast))]


@pytest.mark.usefixtures("fresh_gazetteer")
@pytest.mark.parametrize("text", ["places: 3\n", "cities: []\n"])
def test_a_file_without_places_is_refused(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(gazetteer, "_text", lambda: ("gazetteer.yaml", text))
    with pytest.raises(RegistryError, match="expected a list 'places'"):
        gazetteer_places()


@pytest.mark.usefixtures("fresh_gazetteer")
@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("  - {geonames: 1, name: X, country: AA, population: 5, names: []}", "exactly the keys"),
        (
            "  - {geonames: 1, name: X, country: AA, population: 5, names: [''], shared: [],"
            " regions: [], standard: []}",
            "non-empty strings",
        ),
        (
            "  - {geonames: 1, name: X, country: AA, population: 5, names: [], shared: [],"
            " regions: [3], standard: []}",
            "non-empty strings",
        ),
        (
            "  - {geonames: one, name: X, country: AA, population: 5, names: [], shared: [],"
            " regions: [], standard: []}",
            "bad geonames id",
        ),
        # The generated file's shape (JSON syntax), read without the YAML parser.
        (
            '  - {"geonames": 1, "name": "X", "country": "AA", "population": true, "names": [],'
            ' "shared": [], "regions": [], "standard": []}',
            "bad geonames id",
        ),
        # A standard name is one of the place's own names, confirmed by a second source.
        (
            '  - {"geonames": 1, "name": "X", "country": "AA", "population": 5, "names": ["Xa"],'
            ' "shared": [], "regions": [], "standard": ["Xb"]}',
            "one of the place's names",
        ),
        ('  - {"geonames": 1, "name": "X"}', "exactly the keys"),
    ],
)
def test_a_bad_entry_names_the_file_and_line(
    monkeypatch: pytest.MonkeyPatch, line: str, problem: str
) -> None:
    good = (
        '  - {"geonames": 2, "name": "Y", "country": "BB", "population": 9, "names": ["Yy"],'
        ' "shared": [], "regions": [], "standard": ["Yy"]}'
    )
    text = f"places:\n{good}\n{line}\n"
    name = "translit_norm/data/gazetteer.yaml"
    monkeypatch.setattr(gazetteer, "_text", lambda: (name, text))
    with pytest.raises(RegistryError, match=problem) as raised:
        gazetteer_places()
    assert str(raised.value).startswith(f"{name}:3:")


# ------------------------------------------------------------------------------ linking


def test_a_place_is_linked_by_two_of_its_names() -> None:
    place = link(_moscow())
    assert place is not None and place.country == "RU"
    athens = Entity("athens", "Athens", EntityKind.PLACE, native=(("el", "Αθήνα"),))
    linked = link(athens)
    assert linked is not None and linked.country == "GR"


def test_one_name_is_not_enough() -> None:
    # Athens alone is also Athens, Georgia and Athens, Ohio.
    assert link(Entity("athens", "Athens", EntityKind.PLACE)) is None


@pytest.mark.parametrize("kind", [EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.OTHER])
def test_only_places_are_linked(kind: EntityKind) -> None:
    # Sofia the woman is not Sofia the city, whatever her names.
    entity = Entity("sofia", "Sofia", kind, native=(("bg", "София"),))
    assert link(entity) is None
    assert not list(gazetteer.exonyms(entity))


def _fake(monkeypatch: pytest.MonkeyPatch, populations: tuple[int, int]) -> None:
    places = tuple(
        GazetteerPlace(
            i, "Springfield", "US", population, (f"Springfield{i}",), ("Sprinkfeld",), ()
        )
        for i, population in enumerate(populations)
    )
    table = {
        "springfield": (0, 1),
        "sprinkfeld": (0, 1),
        "springfield0": (0,),
        "springfield1": (1,),
    }
    monkeypatch.setattr(gazetteer, "gazetteer_places", lambda: places)
    monkeypatch.setattr(gazetteer, "_by_name", lambda: table)


@pytest.mark.parametrize(
    ("populations", "linked"),
    [((1_000_000, 100_000), 0), ((100_000, 1_000_000), 1), ((500_000, 100_000), None)],
)
def test_of_two_cities_the_larger_wins_only_by_far(
    monkeypatch: pytest.MonkeyPatch, populations: tuple[int, int], linked: int | None
) -> None:
    _fake(monkeypatch, populations)
    entity = Entity("x", "Springfield", EntityKind.PLACE, aliases=("Sprinkfeld",))
    place = link(entity)
    assert (place.geonames if place else None) == linked


# ------------------------------------------------------------------------------ the registry


def test_an_exonym_resolves_and_says_where_it_comes_from() -> None:
    registry = Registry([_moscow()], expand=Expansion.ALL)
    match = registry.resolve("Moskau")
    assert match.status is Status.MATCHED and match.id == "moscow"
    assert "gazetteer, GeoNames" in match.reason
    origins = registry.index.origins()
    assert origins[NameOrigin.GAZETTEER] > 10


def test_the_default_adds_the_standard_exonyms_only() -> None:
    assert Expansion.of(True) is Expansion.DEFAULT
    moscow = link(_moscow())
    assert moscow is not None and "Moskau" in moscow.standard
    registry = Registry([_moscow()])
    match = registry.resolve("Moskau")  # German, confirmed by CLDR
    assert match.status is Status.MATCHED and match.id == "moscow"
    assert registry.resolve("Moskva").id == "moscow"  # a romanization of Москва
    # A name GeoNames alone gives the city is added only on request.
    everything = Registry([_moscow()], expand=Expansion.ALL)
    only_geonames = [
        n for n in moscow.names if n not in moscow.standard and everything.resolve(n).id == "moscow"
    ]
    assert only_geonames

    # The others are matched as written, up to case; without marks or hyphens, Mosco is
    # Moscó (but Moscù is not Moscú).
    def loose(text: str) -> str:
        return strip_marks(fold(text)).replace("-", " ")

    standard = {fold(n) for n in moscow.standard} | {loose(n) for n in moscow.standard}
    romanized = Registry([_moscow()], expand=Expansion.ROMANIZATIONS)
    for name in only_geonames:
        if romanized.resolve(name).status is Status.MATCHED:
            continue  # near a romanization of Москва (Moscovo)
        resolved = registry.resolve(name).status is Status.MATCHED
        assert resolved == (fold(name) in standard), name
    origins = Registry([_moscow()], expand=Expansion.ROMANIZATIONS).index.origins()
    assert set(origins) == {NameOrigin.NAME, NameOrigin.NATIVE, NameOrigin.ROMANIZATION}
    origins = Registry([_moscow()], expand=False).index.origins()
    assert set(origins) == {NameOrigin.NAME, NameOrigin.NATIVE}


@pytest.mark.parametrize(
    ("entity", "name"),
    [
        # A former name that is a surname (Romanov-na-Murmane), a minority language's name
        # that is a surname (Perlin, Lower Sorbian), a former name that is a plain word.
        (Entity("murmansk", "Murmansk", EntityKind.PLACE, native=(("ru", "Мурманск"),)), "Romanov"),
        (
            Entity(
                "berlin",
                "Berlin",
                EntityKind.PLACE,
                native=(("de", "Berlin"),),
                aliases=("Берлин",),
            ),
            "Perlin",
        ),
        (Entity("tallinn", "Tallinn", EntityKind.PLACE, native=(("ru", "Таллин"),)), "Revel"),
    ],
)
def test_names_geonames_alone_gives_stay_opt_in(entity: Entity, name: str) -> None:
    assert Registry([entity], expand=Expansion.ALL).resolve(name).id == entity.id
    assert Registry([entity]).resolve(name).status is Status.UNKNOWN


@pytest.mark.parametrize(
    "text",
    # Words and given names that a standard name of one of the embedded registry's cities
    # keys like (Radio like Riade, Riyadh in Portuguese; Finn like فيينا, Vienna in Arabic;
    # رياض, the given name Riyad, like ریاض, Riyadh in Persian); Bienne is another city.
    ["Radio", "Радио", "Press", "Finn", "Bienne", "Pari", "varsa", "Keva", "Mosha", "رياض"],
)
def test_standard_names_are_matched_as_written_not_by_key(text: str) -> None:
    assert Registry.default().resolve(text).status is Status.UNKNOWN


@pytest.mark.parametrize(
    ("text", "place"),
    [("Moskau", "moscow"), ("MOSKAU", "moscow"), ("Kijow", "kyiv"), ("Κίεβο", "kyiv")],
)
def test_standard_names_match_up_to_case_marks_and_hyphens(text: str, place: str) -> None:
    assert Registry.default().resolve(text).id == place


def test_a_standard_name_that_is_a_river_elsewhere_is_left_out() -> None:
    # Dunaj is Vienna in Slovene and the Danube in Polish, Czech and Slovak.
    vienna = next(p for p in gazetteer_places() if p.geonames == 2761369)
    assert "Dunaj" in vienna.names and "Dunaj" not in vienna.standard
    assert "Wien" in vienna.standard


def test_standard_names_are_names_of_their_own() -> None:
    places = gazetteer_places()
    assert sum(bool(p.standard) for p in places) > 150
    assert all(set(p.standard) <= set(p.names) for p in places)


def test_expand_takes_a_bool_or_an_expansion() -> None:
    assert Expansion.of(False) is Expansion.NONE
    assert Expansion.of(Expansion.ALL) is Expansion.ALL
    with pytest.raises(TypeError, match="bool or an Expansion"):
        Expansion.of("all")  # type: ignore[arg-type]


@pytest.mark.parametrize("first", [True, False])
def test_a_registry_name_wins_over_the_gazetteer(first: bool) -> None:
    # A band called Moskau is the registry author's; the city does not take the name from
    # it, wherever the band stands in the registry.
    band = Entity("moskau-band", "Moskau", EntityKind.ORGANIZATION)
    registry = Registry([band, _moscow()] if first else [_moscow(), band], expand=Expansion.ALL)
    assert registry.resolve("Moskau").id == "moskau-band"
    assert registry.resolve("Moscou").id == "moscow"
    assert registry.collisions() == []


def test_an_entity_keeps_its_own_names_once() -> None:
    registry = Registry([_moscow(aliases=("Moskau",))], expand=Expansion.ALL)
    texts = [f.text for f in registry.index.forms]
    assert texts.count("Moskau") == 1


_LINKABLE = [p for p in gazetteer_places() if p.names][:400]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_LINKABLE), st.data())
def test_every_name_of_its_own_resolves_to_the_linked_place(
    place: GazetteerPlace, data: st.DataObject
) -> None:
    entity = Entity("here", place.name, EntityKind.PLACE, aliases=(place.names[0],))
    assert link(entity) == place
    registry = Registry([entity], expand=Expansion.ALL)
    added = {f.text for f in registry.index.forms}
    name = data.draw(st.sampled_from([n for n in place.names if n in added] or [place.name]))
    match = registry.resolve(name)
    assert match.status is Status.MATCHED and match.id == "here", (name, match)


# ------------------------------------------------------------------------------ the tool


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "tools" / "build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "usable"),
    [
        ("Moskau", True),
        ("Москва", True),
        ("თბილისი", True),  # Georgian: no capitals, and none needed
        ("北京", True),
        ("MOW", False),  # a code
        ("mosko", False),  # a machine transliteration
        ("Minsk osh", False),  # a word in lower case
        ("Kyiv 2", False),
        ("Kő", False),  # too short
        ("मास्को", False),  # a script translit_norm does not read
    ],
)
def test_the_tool_keeps_names_only(name: str, usable: bool) -> None:
    assert _tool().usable(name) is usable


def test_the_tool_sorts_names_into_own_and_shared() -> None:
    cities = [
        {
            "geonameid": 1,
            "name": "Moscow",
            "countrycode": "RU",
            "population": 10_000_000,
            "alternatenames": ["Moskau", "Москва", "MOW", "mosko", "Russia"],
        },
        {
            "geonameid": 2,
            "name": "Moscow",
            "countrycode": "US",
            "population": 25_000,
            "alternatenames": ["Москва"],
        },
        {
            "geonameid": 3,
            "name": "Mexico City",
            "countrycode": "MX",
            "population": 12_000_000,
            "alternatenames": ["México", "Mexiko-Stadt"],
        },
        {
            "geonameid": 4,
            "name": "Armenia",
            "countrycode": "CO",
            "population": 300_000,
            "alternatenames": ["Армения"],
        },
    ]
    countries = [("Russia", "RU"), ("Mexico", "MX"), ("Armenia", "AM")]
    places = {p["geonames"]: p for p in _tool().entries(cities, 100_000, countries)}
    # Moscow, Idaho is too small to give names, but bears Moscow's: it comes along to stop
    # a link; Armenia, Colombia would take the names of the country.
    assert set(places) == {1, 2, 3}
    assert places[2]["names"] == []
    assert places[1]["names"] == ["Moskau"]
    assert places[1]["shared"] == ["Москва"]
    # México is the country too (a word of the city's name), Russia a country.
    assert places[3]["names"] == ["Mexiko-Stadt"]


@pytest.mark.parametrize(
    "name",
    ["Nicosia (Lefkosia)", "Bilbo / Bilbao", "Springfield، Missouri", "مستخدم:محمد", "Tunis2"],
)
def test_the_tool_leaves_out_notes_and_links(name: str) -> None:
    assert not _tool().usable(name)


@pytest.mark.parametrize("name", ["Brat”yevo", "Sana`a", "オレホヴォ＝ズエヴォ", "Kota Quebec"])
def test_the_tool_keeps_names_with_separators_and_apostrophes(name: str) -> None:
    assert _tool().usable(name)


def _city(geonameid: int, name: str, country: str, population: int, *alt: str) -> dict[str, Any]:
    return {
        "geonameid": geonameid,
        "name": name,
        "countrycode": country,
        "population": population,
        "alternatenames": list(alt),
    }


def test_the_tool_sorts_out_regions_namesakes_and_people() -> None:
    cities = [
        _city(1, "Tver", "RU", 420_000, "Twer", "Тверь", "Калинин", "Kalinin"),
        _city(2, "Chisinau", "MD", 640_000, "Кишинэу", "Kishinev", "Kischinau"),
        _city(3, "Québec", "CA", 530_000, "Quebec", "Quebec City", "Kebek"),
        _city(4, "Rostov-on-Don", "RU", 1_100_000, "Rostov", "Ростов-на-Дону"),
        _city(5, "Rostov Veliky", "RU", 31_000, "Rostov", "Ростов"),
        _city(6, "Algiers", "DZ", 2_300_000, "Alger", "Алжир"),
        _city(7, "Elsewhere", "RU", 40_000, "Anywhere"),
    ]
    places = {
        p["geonames"]: p
        for p in _tool().entries(
            cities, 100_000, [("Algeria", "DZ"), ("Алжир", "DZ")], [("Quebec", "CA")]
        )
    }
    # Kalinin names Mikhail Kalinin as much as Tver; Kishinev is Chisinau's name spelt.
    assert places[1]["names"] == ["Twer", "Тверь"]
    assert "Kishinev" in places[2]["names"]
    # Québec is also the province: listed in regions, and still the city's names.
    assert places[3]["regions"] == ["Quebec", "Québec"]
    assert "Quebec City" in places[3]["names"]
    # The town comes along to stop a link by Rostov; a town sharing no name does not.
    assert places[5] == {
        "geonames": 5,
        "name": "Rostov Veliky",
        "country": "RU",
        "population": 31_000,
        "names": [],
        "shared": ["Rostov"],
        "regions": [],
        "standard": [],
    }
    assert 7 not in places
    assert places[6]["names"] == ["Alger"]


def test_the_tool_confirms_names_by_cldr() -> None:
    tool = _tool()
    cities = [
        {
            **_city(1, "Moscow", "RU", 10_000_000, "Moskau", "Moscou", "Moscha", "Москва"),
            "timezone": "Europe/Moscow",
        },
        # Bears the zone's English name, but is far smaller: not the zone's city.
        {**_city(2, "Moscow", "RU", 500, "Moskau"), "timezone": "Europe/Moscow"},
        {**_city(3, "Kazan", "RU", 1_200_000, "Kasan"), "timezone": "Europe/Moscow"},
    ]
    zones = {"Europe/Moscow": {"de": "Moskau", "fr": "Moscou", "pl": "Moskwa"}}
    confirmed = tool.cldr_names(cities, zones)
    assert confirmed == {1: {"moskau", "moscou", "moskwa"}}
    places = {p["geonames"]: p for p in tool.entries(cities, 100_000, standard=confirmed)}
    # Moskwa is CLDR's but not among GeoNames' names of the city: it takes both sources.
    assert places[1]["standard"] == ["Moscou"]
    assert places[1]["shared"] == ["Moskau"]  # the village bears it too
    assert places[3]["standard"] == []


def test_the_default_registry_links_cities_not_countries() -> None:
    entities = {e.id: e for e in Registry.default().entities}
    minsk = link(entities["minsk"])
    assert minsk is not None and minsk.country == "BY"
    # Armenia is also a city in Colombia (whose Russian name is Армения too): the country
    # stays unlinked.
    assert link(entities["armenia"]) is None


def test_the_display_name_again_is_no_second_witness() -> None:
    # Paris, written Paris in French too, agrees with every Paris: it is not linked.
    assert link(Entity("paris", "Paris", EntityKind.PLACE, native=(("fr", "Paris"),))) is None


def _nizhny() -> Entity:
    return Entity(
        "nizhny-novgorod", "Nizhny Novgorod", EntityKind.PLACE, native=(("ru", "Нижний Новгород"),)
    )


def test_a_former_name_that_is_a_registered_persons_surname_is_not_added() -> None:
    # Bishkek was Frunze (after Mikhail Frunze) from 1926 to 1991: with a Frunze in the
    # registry, the name stays his, wherever he stands in it.
    city = Entity("bishkek", "Bishkek", EntityKind.PLACE, native=(("ky", "Бишкек"),))
    place = link(city)
    assert place is not None and "Frunze" in place.names
    alone = Registry([city], expand=Expansion.ALL)
    assert alone.resolve("Frunze").id == "bishkek"
    general = Entity("mikhail-frunze", "Mikhail Frunze", EntityKind.PERSON, gender="male")
    for entities in ([city, general], [general, city]):
        registry = Registry(entities, expand=Expansion.ALL)
        assert "Frunze" not in {f.text for f in registry.index.forms}
        assert registry.resolve("Frunze").id == "mikhail-frunze"


def test_former_names_after_people_are_not_in_the_data() -> None:
    # Kalinin (Tver), Gorky (Nizhny Novgorod) and Zhdanov (Mariupol) are surnames of people
    # who need not be in the registry; Kishinev, a spelling of Chisinau's name, stays.
    places = {p.geonames: p for p in gazetteer_places()}
    tver, nizhny, mariupol, chisinau = (
        places[480060],
        places[520555],
        places[701822],
        places[618426],
    )
    assert "Калинин" not in tver.names + tver.shared
    assert not {"Gorky", "Горький"} & set(nizhny.names + nizhny.shared)
    assert "Жданов" not in mariupol.names + mariupol.shared
    assert "Kishinev" in chisinau.names
    registry = Registry([_nizhny()], expand=Expansion.ALL)
    assert registry.resolve("Gorky").status is Status.UNKNOWN


def test_a_name_a_smaller_city_bears_does_not_link() -> None:
    # Rostov is Rostov-on-Don's shorthand and Rostov Veliky's name: a Rostov entity is
    # linked to neither, and Rostov-on-Don's names stay off it.
    rostov = Entity("rostov", "Rostov", EntityKind.PLACE, native=(("ru", "Ростов"),))
    assert link(rostov) is None
    assert Registry([rostov], expand=Expansion.ALL).resolve("Rostov-na-Donu").id is None
    on_don = Entity(
        "rostov-on-don", "Rostov-on-Don", EntityKind.PLACE, native=(("ru", "Ростов-на-Дону"),)
    )
    linked = link(on_don)
    assert linked is not None and linked.population > 1_000_000


def test_a_region_named_like_its_city_does_not_take_the_citys_own_names() -> None:
    # The province of Quebec and its capital share the name; "Quebec City" is the city's alone.
    province = Entity("quebec", "Québec", EntityKind.PLACE, aliases=("Quebec",))
    place = link(province)
    assert place is not None and "Quebec" in place.regions
    texts = {f.text for f in gazetteer.exonyms(province)}
    assert "Kebek" in texts
    assert not {"Quebec City", "Ville de Québec", "Cathair Quebec"} & texts
    registry = Registry([province], expand=Expansion.ALL)
    assert registry.resolve("Quebec City").id is None


def test_country_names_in_other_languages_are_not_a_capitals() -> None:
    # Алжир is Algeria as well as Algiers in Russian, and الجزائر in Arabic: neither links
    # nor is added. Algier is Algiers alone.
    assert link(Entity("a", "Algiers", EntityKind.PLACE, native=(("ar", "الجزائر"),))) is None
    algiers = Entity("algiers", "Algiers", EntityKind.PLACE, aliases=("Alger",))
    assert link(algiers) is not None
    texts = {f.text for f in gazetteer.exonyms(algiers)}
    assert "Algier" in texts
    assert not {"Алжир", "Alžir", "Argelia", "الجزائر"} & texts


@pytest.mark.parametrize("first", [True, False])
def test_a_name_two_entities_would_take_is_neithers(first: bool) -> None:
    # Two entries linked to one city: the gazetteer's names go to neither, whatever the order.
    one = _moscow()
    other = Entity("moscow-2", "Moscow", EntityKind.PLACE, native=(("ru", "Москва"),))
    registry = Registry([one, other] if first else [other, one], expand=Expansion.ALL)
    assert registry.index.origins().get(NameOrigin.GAZETTEER, 0) == 0
    assert registry.resolve("Moscou").id is None


@pytest.mark.parametrize(
    ("city", "query"),
    [
        (Entity("riyadh", "Riyadh", EntityKind.PLACE, native=(("ar", "الرياض"),)), "Richard"),
        (Entity("pskov", "Pskov", EntityKind.PLACE, native=(("ru", "Псков"),)), "Peskova"),
        (Entity("belgorod", "Belgorod", EntityKind.PLACE, native=(("ru", "Белгород"),)), "Belgrad"),
    ],
)
def test_the_gazetteers_names_are_no_fuzzy_targets(city: Entity, query: str) -> None:
    # Thousands of names in a hundred languages: one letter from one of them is another word
    # (a given name, a feminine surname, another city's name).
    registry = Registry([city], expand=Expansion.ALL)
    assert registry.index.origins()[NameOrigin.GAZETTEER] > 5
    assert registry.resolve(query).status is Status.UNKNOWN


@pytest.mark.usefixtures("fresh_gazetteer")
def test_a_key_given_twice_is_reported_with_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    line = (
        '  - {"geonames": 1, "name": "X", "name": "Y", "country": "AA", "population": 5,'
        ' "names": [], "shared": [], "regions": []}'
    )
    monkeypatch.setattr(gazetteer, "_text", lambda: ("gazetteer.yaml", f"places:\n{line}\n"))
    with pytest.raises(RegistryError, match="duplicate key 'name'") as raised:
        gazetteer_places()
    assert str(raised.value).startswith("gazetteer.yaml:2:")


def test_the_standard_lists_are_data_with_their_facts(tmp_path: Path) -> None:
    languages, excluded = _tool().standard_lists()
    assert {"de", "pl", "fr", "no"} <= set(languages)  # "no" quoted: Norwegian, not false
    assert not {"ga", "mt"} & set(languages)
    assert "dunaj" in excluded
    bad = tmp_path / "lists.yaml"
    bad.write_text(
        'languages:\n  - codes: ["de"]\n    why: "German"\n'
        '  - codes: [no]\n    why: "Norwegian, unquoted"\n'
        'not_standard:\n  - names: ["Dunaj"]\n    why: "a river"\n',
        encoding="utf-8",
    )
    with pytest.raises(RegistryError, match="bad language code False") as raised:
        _tool().standard_lists(bad)
    assert str(raised.value).startswith(f"{bad}:4:")
