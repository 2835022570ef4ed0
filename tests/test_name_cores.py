"""Name cores: organizations without their kind words, towns on rivers (name_cores.py)."""

from __future__ import annotations

import pytest

from translit_norm import Entity, EntityKind, Registry, Status
from translit_norm.errors import RegistryError
from translit_norm.keys import Keyer
from translit_norm.legal_forms import split_seat
from translit_norm.name_cores import name_cores, name_words, read_name_words
from translit_norm.yamlio import load_yaml_text

ORG = EntityKind.ORGANIZATION
PLACE = EntityKind.PLACE


def _cores(text: str, kind: EntityKind = ORG) -> set[str]:
    keyer = Keyer()
    return {core.key for core in name_cores(keyer, keyer.key(text), kind)}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("OAO NK Rosneft", "Rosneft"),
        ("Rosneft Oil Company", "Роснефть"),
        ("Human Rights Centre Vesta", "Vesta Human Rights Center"),
        ("Groupe Orlan", "Orlan Group"),
        ("Gruppa Orlana", "Orlan"),
        ("ЧВК «Орлан»", "PMC Orlan"),
        ("Torvald Technologies Co., Ltd.", "Torvald"),
        ("Ha-Torvald", "Torvald"),
        ("Torvald - Russian Airlines", "Torvald"),
    ],
)
def test_kind_words_legal_forms_and_articles_leave_the_core(first: str, second: str) -> None:
    assert _cores(first) & _cores(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A business line, a subsidiary's own word, stays: it tells parent and child apart.
        ("Orlan Neft", "Orlan"),
        ("Orlan Bank", "Orlan"),
        ("Orlan Electronics", "Orlan Group"),
        ("Orlan Capital", "Orlan"),
        ("Orlan Europe AG", "Orlan"),
        ("Orlanneftegaz", "Orlan"),
        # An article is dropped from the start only.
        ("Torvald la", "Torvald"),
        # A national adjective without a kind word is part of the name.
        ("Ukrainska Pravda", "Pravda"),
        ("Russian Railways", "Railways"),
    ],
)
def test_distinguishing_words_stay_in_the_core(first: str, second: str) -> None:
    assert not _cores(first) & _cores(second)


def test_a_name_of_kind_words_only_has_no_core() -> None:
    assert _cores("Russian Oil Company") == set()
    assert _cores("Group") == set()
    assert _cores("Torvald Group") == _cores("Torvald")


def test_a_qualifier_records_its_country() -> None:
    keyer = Keyer()
    cores = name_cores(keyer, keyer.key("Sberbank of Russia"), ORG)
    assert {core.countries for core in cores} == {frozenset({"ru"})}
    plain = name_cores(keyer, keyer.key("Sberbank"), ORG)
    assert {core.countries for core in plain} == {frozenset()}


@pytest.mark.parametrize(
    "text",
    ["Rostow am Don", "Rostów nad Donem", "Rostov-sur-le-Don", "Ростов-на-Дону", "Rostov upon Don"],
)
def test_a_town_on_a_river_whatever_the_connective(text: str) -> None:
    assert _cores(text, PLACE) & _cores("Rostov-on-Don", PLACE)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Frankfurt am Main", "Frankfurt an der Oder"),  # another river, another town
        ("Rostov Veliky", "Rostov-on-Don"),
        ("Rostov", "Rostov-on-Don"),
    ],
)
def test_towns_on_other_rivers_stay_apart(first: str, second: str) -> None:
    assert not _cores(first, PLACE) & _cores(second, PLACE)


@pytest.mark.parametrize("text", ["", "\x1b", "...", "«»"])
def test_a_name_without_words_has_no_core(text: str) -> None:
    assert _cores(text) == set()
    assert _cores(text, PLACE) == set()


def test_persons_have_no_cores() -> None:
    keyer = Keyer()
    assert name_cores(keyer, keyer.key("Richard Wagner Group"), EntityKind.PERSON) == frozenset()


@pytest.fixture(scope="module")
def registry() -> Registry:
    def org(entity_id: str, name: str, **native: str) -> Entity:
        return Entity(entity_id, name, ORG, native=tuple(native.items()))

    return Registry(
        [
            org("orlan-oil", "Orlan", ru="Орлан"),
            org("orlanneftegaz", "Orlanneftegaz", ru="Орланнефтегаз"),
            org("orlanbank", "Orlanbank", ru="Орланбанк"),
            org("vesta", "Vesta Human Rights Centre", be="Праваабарончы цэнтр «Веста»"),
            org("torvald-group", "Torvald Group", ru="Группа «Торвальд»"),
            org("torvald-electronics", "Torvald Electronics"),
            org("bank-of-ruritania", "Bank of Russia", ru="Банк России"),
            org("pravda-uk", "Ukrainska Pravda", uk="Українська правда"),
            org("kestrel", "Kestrel Group"),
            org("state-oil", "State Oil Company", ru="Государственная нефтяная компания"),
            Entity("hans-torvald", "Hans Torvald", EntityKind.PERSON, gender="male"),
            Entity("rostov-on-don", "Rostov-on-Don", PLACE, native=(("ru", "Ростов-на-Дону"),)),
            Entity("rostov", "Rostov", PLACE, native=(("ru", "Ростов"),)),
            Entity("kyiv", "Kyiv", PLACE, native=(("uk", "Київ"),)),
            org("nis", "NIS", sr="НИС"),
            Entity("novi-sad", "Novi Sad", PLACE, native=(("sr", "Нови Сад"),)),
        ]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("OAO NK Orlan", "orlan-oil"),
        ("Orlan Oil Company", "orlan-oil"),
        ("Orlan of Russia", "orlan-oil"),
        ("Orlan - Rossiyskiye Avialinii", "orlan-oil"),
        ("Orlanneftegaz Oil Company", "orlanneftegaz"),
        ("Vesta", "vesta"),
        ("Веста", "vesta"),
        ("Human Rights Center Vesta", "vesta"),
        ("Groupe Torvald", "torvald-group"),
        ("Grupa Torvalda", "torvald-group"),
        ("Torvald Electronics Co., Ltd.", "torvald-electronics"),
        ("Rostow am Don", "rostov-on-don"),
        ("Rostów nad Donem", "rostov-on-don"),
        ("Rostov-sur-le-Don", "rostov-on-don"),
        ("Rostov", "rostov"),
        ("NIS a.d. Novi Sad", "nis"),
        ("NIS j.s.c. Novi Sad", "nis"),
        ("NIS a.d. Нови Сад", "nis"),
    ],
)
def test_resolves_by_core(registry: Registry, query: str, expected: str) -> None:
    match = registry.resolve(query)
    assert match.status is Status.MATCHED, match
    assert match.id == expected, match


@pytest.mark.parametrize(
    "query",
    [
        "Orlan Neft",  # a subsidiary's own word
        "Orlan Capital",
        "Orlan Europe AG",
        "Orlan of Kazakhstan",  # a subsidiary abroad names its own country
        "Orlan Ukrainian Airlines",  # not the entity's country
        "Torvald Bank",
        "Vesta Movement",
        "Bank",  # a registry name keeps its qualifier: any bank is not the Bank of Russia
        "Pravda",  # Ukrainska Pravda without its adjective is another newspaper
        "Kyiv Oblast",  # a place-type word distinguishes
        "Kyiv City",
        "Rostov am Main",
        "Kestrel",  # no native name shares the core: not known to be a proper name
        "State",  # a common word translated, not a name carried across scripts
        "Gosudarstvennaya",
        "NIS a.d. Zrenjanin",  # the seat must be a registered place
        "NIS Petrol d.o.o. Novi Sad",  # the words before the form are the name
        "Novi Sad a.d. NIS",
    ],
)
def test_look_alikes_stay_unknown(registry: Registry, query: str) -> None:
    match = registry.resolve(query)
    assert match.status is not Status.MATCHED, match


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (("nis", "a", "d", "novi", "sad"), (("nis",), ("novi", "sad"))),
        (("ina", "d", "d", "zagreb"), (("ina",), ("zagreb",))),
        (("nis", "a", "d"), None),  # nothing after the form
        (("a", "d", "nis"), None),  # nothing before it
        (("nis", "a", "d", "one", "two", "three", "four"), None),  # too long for a seat
        (("gazprom", "pao", "moskva"), None),  # not a form a seat follows
    ],
)
def test_a_seat_follows_a_south_slavic_legal_form(
    tokens: tuple[str, ...], expected: tuple[tuple[str, ...], tuple[str, ...]] | None
) -> None:
    assert split_seat(tokens) == expected


def test_a_bare_core_that_is_also_a_surname_is_ambiguous(registry: Registry) -> None:
    match = registry.resolve("Torvald")
    assert match.status is Status.AMBIGUOUS, match
    assert {c.id for c in match.candidates} == {"torvald-group", "hans-torvald"}


def test_the_reason_names_the_core(registry: Registry) -> None:
    match = registry.resolve("Orlan Oil Company")
    assert match.reason is not None and "name core" in match.reason


def test_shipped_word_lists_load() -> None:
    words = name_words()
    assert "group" in words.descriptors
    assert "grupa" in words.genitive_heads
    assert ("ru", "of russia", False) in words.qualifiers
    assert ("ru", "russian", True) in words.qualifiers
    assert "am" in words.connectives


_GOOD = """
descriptors: [{words: [group], why: a fact}]
articles: [{words: [the], why: a fact}]
genitive_heads: [{words: [group], why: a fact}]
genitive_endings: [{endings: [a], why: a fact}]
country_qualifiers: [{lang: ru, words: [of russia], adjectives: [russian], why: a fact}]
river_connectives: [{words: [am], why: a fact}]
river_endings: [{endings: [u], why: a fact}]
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("descriptors: [{words: [group], why: a fact}]", "descriptors: [{words: [group]}]", "why"),
        ("lang: ru", "lang: russian", "ISO 639-1"),
        ("adjectives: [russian], ", "", "adjectives"),
        ("genitive_heads: [{words: [group]", "genitive_heads: [{words: [gruppa]", "no descriptor"),
        ("endings: [u]", "endings: []", "non-empty"),
        ("river_connectives: [{words: [am]", "river_connectives: [{words: [on]", "quote it"),
    ],
)
def test_bad_word_lists_are_rejected(old: str, new: str, message: str) -> None:
    assert old in _GOOD
    document = load_yaml_text(_GOOD.replace(old, new), name="bad.yaml")
    with pytest.raises(RegistryError, match=message):
        read_name_words("bad.yaml", document)


def test_good_word_lists_are_accepted() -> None:
    words = read_name_words("good.yaml", load_yaml_text(_GOOD, name="good.yaml"))
    assert words.articles == ("the",)


def test_explain_says_once_why_a_qualifier_rules_an_entity_out(registry: Registry) -> None:
    match = registry.resolve("Orlan of Kazakhstan", explain=True)
    assert match.status is Status.UNKNOWN
    steps = [s for s in match.explanation or () if "qualifier of another country" in s]
    assert steps == ["name core: not orlan-oil: qualifier of another country (kk)"]
