"""The names other languages give a place: exonyms from a gazetteer (data/gazetteer.yaml).

Moscow is Moskau in German, Moscou in French and Maskva in Belarusian; Beijing is Peking,
Pékin and Pekin; Tbilisi was Tiflis and Lviv Lemberg. No spelling rule derives these: they
are names of their own, so they come from a gazetteer, GeoNames' table of cities (generated
by tools/build_gazetteer.py, CC BY 4.0). A place entity of the registry that the gazetteer
knows gets the city's other names as name forms at compile time (registry expansion, see
:mod:`translit_norm.expansion`).

A wrong link would give one place another's names, so a link needs two of the entity's names
to agree: the display name and a different native name or alias must both be names of the
city (Moscow and Москва), and the display name must be the city's own: its GeoNames name or a
name no other city bears. Rostov does not name Rostov-on-Don, because it is also Rostov
Veliky (the table keeps smaller cities that bear a larger one's name for this, without names
to add). Every other city that bears the display name and a second name must be a tenth of
the linked city's size or less; otherwise nothing is linked. Besides the city's GeoNames
name, the names added are those no other city of the table bears: Atina is Athens in Turkish
and also a name of Athens, Georgia, so it names neither.

A city named like a region of its country (the province of Quebec, the state of Salzburg)
lists those names as ``regions``: the entity may be the region, so the names that are a
region's name with more words (Quebec City, Ville de Québec) are not added to it. The other
names are the region's as much as the city's (Salzbourg, Зальцбург).

GeoNames does not say a name's language, and some of its names are a surname, a river or a
word elsewhere (Romanov for Murmansk, Perlin for Berlin). So a city's ``standard`` names, its
standard exonyms, are marked apart: those the Unicode CLDR also gives the city in a major
language (Moskau, Kijów, Le Caire). The default expansion adds only those; all the names are
opt-in (:class:`translit_norm.expansion.Expansion`).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from translit_norm.cleaning import strip_marks
from translit_norm.entities import Entity, EntityKind, NameForm, NameOrigin
from translit_norm.errors import RegistryError
from translit_norm.yamlio import YamlList, YamlMap, load_yaml_text

__all__ = ["GazetteerPlace", "exonyms", "gazetteer_places", "link"]

#: How much larger the largest qualifying city must be than the next to be the one meant.
_DOMINANCE = 10

_FILE = "translit_norm/data/gazetteer.yaml"

_FIELDS = {"geonames", "name", "country", "population", "names", "shared", "regions", "standard"}


@dataclass(frozen=True)
class GazetteerPlace:
    """A city of the gazetteer.

    Attributes:
        geonames: Its GeoNames id.
        name: Its name in GeoNames (English, or the local name in Latin letters).
        country: ISO 3166 alpha-2 code of its country.
        population: Its population.
        names: Its other names that no other city of the gazetteer bears.
        shared: Its other names that another city bears too (used to link, never added).
        regions: Its names that are also a first-level division's of its country.
        standard: Those of its ``names`` that the Unicode CLDR gives it in one of the standard
            languages (its standard exonyms: Moskau, Kijów, Le Caire).
    """

    geonames: int
    name: str
    country: str
    population: int
    names: tuple[str, ...]
    shared: tuple[str, ...]
    regions: tuple[str, ...]
    standard: tuple[str, ...] = ()


def fold(name: str) -> str:
    """How names are compared here: NFC, casefolded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _text() -> tuple[str, str]:
    """The name to report errors under, and the text of data/gazetteer.yaml."""
    from importlib import resources

    data = resources.files("translit_norm").joinpath("data/gazetteer.yaml")
    return _FILE, data.read_text("utf-8")


def _entries(name: str, text: str) -> list[tuple[Any, int]]:
    """Each place of the file as written, with its line.

    The tool writes one place per line as a flow mapping in JSON syntax (valid YAML), which
    json reads in a tenth of a second where a YAML parser takes seconds; a file in any other
    YAML shape (edited by hand) is read as YAML.
    """
    lines = text.splitlines()
    if "places:" in lines:
        start = lines.index("places:") + 1
        rest = [(at, line) for at, line in enumerate(lines[start:], start + 1)]
        if all(line.startswith("  - {") or not line.strip() for _, line in rest):
            try:
                return [
                    (json.loads(line[4:], object_pairs_hook=_unique_keys), at)
                    for at, line in rest
                    if line.strip()
                ]
            except ValueError:  # not JSON, or a key given twice: the YAML reader says where
                pass
    document = load_yaml_text(text, name=name)
    places = document.get("places") if isinstance(document, YamlMap) else None
    if not isinstance(places, YamlList):
        raise RegistryError(name, None, "expected a list 'places'")
    return list(zip(places, places.item_lines, strict=True))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict; a key given twice is an error, as in YAML files."""
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key given twice")
    return result


@functools.cache
def gazetteer_places() -> tuple[GazetteerPlace, ...]:
    """The places of data/gazetteer.yaml, validated; loaded once per process."""
    name, text = _text()
    result = []
    for entry, line in _entries(name, text):
        if not isinstance(entry, dict) or set(entry) != _FIELDS:
            raise RegistryError(name, line, f"a place has exactly the keys {sorted(_FIELDS)}")
        texts = {key: entry[key] for key in ("names", "shared", "regions", "standard")}
        if not all(
            isinstance(v, list) and all(isinstance(t, str) and t.strip() for t in v)
            for v in texts.values()
        ):
            raise RegistryError(
                name, line, "names, shared, regions and standard are lists of non-empty strings"
            )
        if not set(texts["standard"]) <= set(texts["names"]):
            raise RegistryError(name, line, "a standard name must be one of the place's names")
        if not (
            type(entry["geonames"]) is int
            and type(entry["population"]) is int
            and isinstance(entry["name"], str)
            and entry["name"].strip()
            and isinstance(entry["country"], str)
        ):
            raise RegistryError(name, line, "bad geonames id, name, country or population")
        result.append(
            GazetteerPlace(
                entry["geonames"],
                entry["name"],
                entry["country"],
                entry["population"],
                tuple(texts["names"]),
                tuple(texts["shared"]),
                tuple(texts["regions"]),
                tuple(texts["standard"]),
            )
        )
    return tuple(result)


@functools.cache
def _by_name() -> dict[str, tuple[int, ...]]:
    """Folded name -> positions of the places that bear it (own, shared or GeoNames name)."""
    table: dict[str, list[int]] = {}
    for at, place in enumerate(gazetteer_places()):
        for text in {fold(t) for t in (place.name, *place.names, *place.shared)}:
            table.setdefault(text, []).append(at)
    return {text: tuple(ats) for text, ats in table.items()}


def link(entity: Entity) -> GazetteerPlace | None:
    """The gazetteer's city a place entity is, or None (see the module docstring)."""
    if entity.kind is not EntityKind.PLACE:
        return None
    table = _by_name()
    name = fold(entity.name)
    bearers = table.get(name, ())
    if not bearers:
        return None
    # A second name that is the display name again (Paris, native fr Paris) agrees with
    # every namesake city: it is no second witness.
    witnessed = {
        at
        for text in _second_names(entity)
        if fold(text) != name
        for at in table.get(fold(text), ())
    }
    places = gazetteer_places()
    # The display name must be the city's own: its GeoNames name, or a name no other city
    # bears (Rostov is also Rostov Veliky, so it does not name Rostov-on-Don).
    found = [
        places[at]
        for at in bearers
        if at in witnessed
        and (fold(places[at].name) == name or name in {fold(t) for t in places[at].names})
    ]
    if not found:
        return None
    best = max(found, key=lambda p: p.population)
    # Every other city that bears two of its names must be far smaller, whether its own
    # name is the display name or not.
    if any(
        places[at] is not best and best.population < _DOMINANCE * places[at].population
        for at in bearers
        if at in witnessed
    ):
        return None
    return best


def _second_names(entity: Entity) -> Iterator[str]:
    yield from entity.aliases
    yield from (text for _, text in entity.native)


def _words(text: str) -> frozenset[str]:
    return frozenset(strip_marks(fold(text)).replace("-", " ").split())


def exonyms(entity: Entity, *, standard_only: bool = False) -> Iterator[NameForm]:
    """The gazetteer's names of a place entity that it lacks, as name forms.

    None unless the entity is linked (:func:`link`). With ``standard_only``, only the city's
    GeoNames name and its standard exonyms (the names CLDR confirms). The index leaves out
    those that key like a name of another entity.
    """
    place = link(entity)
    if place is None:
        return
    own = {fold(form.text) for form in entity.forms()}
    scheme = f"GeoNames {place.geonames}"
    regions = [_words(text) for text in place.regions]
    for text in (place.name, *(place.standard if standard_only else place.names)):
        # The region's name with more words names the city alone (Quebec City).
        if any(region < _words(text) for region in regions):
            continue
        if fold(text) not in own:
            own.add(fold(text))
            yield NameForm(text, NameOrigin.GAZETTEER, scheme=scheme)
