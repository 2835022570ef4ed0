"""Name cores (data/name_cores.yaml): the distinctive part of an organization or place name.

Stage 4 support, for organizations and places. "Rosneft Oil Company", "OAO NK Rosneft" and
"Rosneft" are one company: the core "Rosneft" names it, the words around it only say what kind
of body it is (descriptors), where it is at home (country qualifiers) or its legal form. A town
on a river is named with a connective that changes with the language (Rostov-on-Don, Rostow am
Don, Ростов-на-Дону) while the town and the river stay. This module reduces a keyed name to
such cores, as keys; the index stores the cores of every organization and place name and the
resolver looks the query's cores up. A word that can tell two bodies apart (bank, neft,
electronics, oblast, city) is never dropped: the data file says why.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from translit_norm.entities import EntityKind
from translit_norm.errors import RegistryError
from translit_norm.keys import KeyedName, Keyer
from translit_norm.legal_forms import legal_forms
from translit_norm.yamlio import YamlList, YamlMap, fact_lists, load_package_yaml

__all__ = ["Core", "NameWords", "name_cores", "name_words"]

_FILE = "data/name_cores.yaml"
#: Marks the place of the river connective in a place core: "rostov ~on don".
_ON = "~on"
#: Letters a river's name keeps once a case ending is removed.
_MIN_RIVER_STEM = 3
#: Letters a name keeps once a genitive ending is removed.
_MIN_GENITIVE_STEM = 4


@dataclass(frozen=True)
class NameWords:
    """The word lists of data/name_cores.yaml, as written (cleaned and keyed on use).

    Attributes:
        descriptors: Kind-of-organization phrases.
        articles: Definite articles, removed from the start only.
        genitive_heads: Descriptors that put the following name in the genitive.
        genitive_endings: Endings a name may lose after a genitive head.
        qualifiers: (language, phrase, is an adjective): phrases naming a home country.
        connectives: Words between a town and its river.
        river_endings: Case endings a river's name may lose.
    """

    descriptors: tuple[str, ...]
    articles: tuple[str, ...]
    genitive_heads: tuple[str, ...]
    genitive_endings: tuple[str, ...]
    qualifiers: tuple[tuple[str, str, bool], ...]
    connectives: tuple[str, ...]
    river_endings: tuple[str, ...]


@dataclass(frozen=True)
class Core:
    """One core of a name.

    Attributes:
        key: The core's token keys, sorted and joined with spaces (as a full key).
        countries: Languages of the country qualifiers removed to reach it; the entity must
            have a native name in each.
    """

    key: str
    countries: frozenset[str] = frozenset()


def _strings(name: str, values: Iterable[tuple[object, int | None]], what: str) -> list[str]:
    found = []
    for value, line in values:
        if not isinstance(value, str) or not value.strip():
            raise RegistryError(name, line, f"bad {what} {value!r} (quote it)")
        found.append(value.strip())
    return found


def _qualifiers(name: str, document: object) -> Iterator[tuple[str, str, bool]]:
    entries = document.get("country_qualifiers") if isinstance(document, YamlMap) else None
    if not isinstance(entries, YamlList):
        raise RegistryError(name, None, "expected a list 'country_qualifiers'")
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, YamlMap) or set(entry) != {"lang", "words", "adjectives", "why"}:
            raise RegistryError(name, line, "each entry needs exactly lang, words, adjectives, why")
        lang, why = entry["lang"], entry["why"]
        if not isinstance(lang, str) or not lang.isalpha() or len(lang) != 2:
            raise RegistryError(name, line, f"lang must be an ISO 639-1 code, not {lang!r}")
        if not isinstance(why, str) or not why.strip():
            raise RegistryError(name, line, "why must say which fact the words encode")
        for field in ("words", "adjectives"):
            words = entry[field]
            if not isinstance(words, YamlList) or not words:
                raise RegistryError(name, line, f"{field} must be a non-empty list")
            for word in _strings(name, ((w, line) for w in words), "country qualifier"):
                yield lang.lower(), word, field == "adjectives"


@functools.cache
def name_words() -> NameWords:
    """The word lists of data/name_cores.yaml; loaded and validated once."""
    name, document = load_package_yaml(_FILE)

    def listed(key: str, field: str = "words") -> tuple[str, ...]:
        return tuple(_strings(name, fact_lists(name, document, key, field), field[:-1]))

    words = NameWords(
        descriptors=listed("descriptors"),
        articles=listed("articles"),
        genitive_heads=listed("genitive_heads"),
        genitive_endings=listed("genitive_endings", "endings"),
        qualifiers=tuple(_qualifiers(name, document)),
        connectives=listed("river_connectives"),
        river_endings=listed("river_endings", "endings"),
    )
    unknown = set(words.genitive_heads) - set(words.descriptors)
    if unknown:
        raise RegistryError(name, None, f"genitive heads that are no descriptor: {sorted(unknown)}")
    return words


#: What a phrase at the end of a name is: a descriptor (and whether it governs the genitive),
#: a legal form, or a country qualifier (and its language).
@dataclass(frozen=True)
class _Role:
    genitive: bool = False
    country: str | None = None
    front_only: bool = False


@dataclass(frozen=True)
class _Phrases:
    """The word lists keyed with one registry's keyer: phrases as tuples of token keys."""

    removable: dict[tuple[str, ...], _Role]
    sizes: tuple[int, ...]
    connectives: frozenset[tuple[str, ...]]
    genitive_endings: tuple[str, ...]
    river_endings: tuple[str, ...]


def _keyed(keyer: Keyer, phrase: str) -> set[tuple[str, ...]]:
    return {r for r in keyer.key(phrase).readings if r and all(r)}


def _longest_first(endings: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({e.lower() for e in endings}, key=lambda e: (-len(e), e)))


@functools.lru_cache(maxsize=8)
def _phrases(keyer: Keyer) -> _Phrases:
    words = name_words()
    removable: dict[tuple[str, ...], _Role] = {}
    for form in legal_forms():
        for phrase in _keyed(keyer, " ".join(form)):
            removable.setdefault(phrase, _Role())
    heads = set(words.genitive_heads)
    for text in words.descriptors:
        for phrase in _keyed(keyer, text):
            removable[phrase] = _Role(genitive=text in heads)
    for text in words.articles:
        for phrase in _keyed(keyer, text):
            removable.setdefault(phrase, _Role(front_only=True))
    descriptors = [(p, removable[p]) for text in words.descriptors for p in _keyed(keyer, text)]
    for lang, text, adjective in words.qualifiers:
        for phrase in _keyed(keyer, text):
            if not adjective:
                removable.setdefault(phrase, _Role(country=lang))
                continue
            # A national adjective goes only with the kind word it qualifies (Russian Airlines).
            for kind, role in descriptors:
                removable.setdefault(phrase + kind, _Role(role.genitive, country=lang))
    connectives = frozenset(p for text in words.connectives for p in _keyed(keyer, text))
    return _Phrases(
        removable,
        tuple(sorted({len(p) for p in removable}, reverse=True)),
        connectives,
        _longest_first(words.genitive_endings),
        _longest_first(words.river_endings),
    )


def _strip(
    reading: tuple[str, ...], phrases: _Phrases
) -> tuple[tuple[str, ...], frozenset[str], bool]:
    """Remove descriptors, legal forms and qualifiers from both ends, longest phrase first.

    Returns the rest (never empty), the languages of the qualifiers removed, and whether a
    genitive head stood right before the rest.
    """
    rest, countries, genitive = reading, set[str](), False
    changed = True
    while changed:
        changed = False
        for size in phrases.sizes:
            if len(rest) <= size:
                continue
            role = phrases.removable.get(rest[:size])
            if role is not None:
                rest, genitive = rest[size:], role.genitive
            else:
                role = phrases.removable.get(rest[-size:])
                if role is None or role.front_only:
                    continue
                rest = rest[:-size]
            if role.country:
                countries.add(role.country)
            changed = True
            break
    return rest, frozenset(countries), genitive


def _without_ending(word: str, endings: tuple[str, ...], min_stem: int) -> set[str]:
    return {word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= min_stem}


def _organization_cores(reading: tuple[str, ...], phrases: _Phrases) -> set[Core]:
    rest, countries, genitive = _strip(reading, phrases)
    if rest in phrases.removable:
        # Nothing but kind, country and legal-form words ("Russian Company"): no name.
        return set()
    cores = {Core(" ".join(sorted(rest)), countries)}
    if genitive:
        # Grupa Wagnera: the name after a Slavic 'group' is in the genitive.
        for stem in _without_ending(rest[-1], phrases.genitive_endings, _MIN_GENITIVE_STEM):
            cores.add(Core(" ".join(sorted((*rest[:-1], stem))), countries))
    return cores


def _place_cores(reading: tuple[str, ...], phrases: _Phrases) -> set[Core]:
    """Town + connective + river (the river last): one core per reading of the river's case."""
    cores: set[Core] = set()
    for start in range(1, len(reading) - 1):
        for size in range(1, len(reading) - start):
            if reading[start : start + size] not in phrases.connectives:
                continue
            if start + size != len(reading) - 1:
                continue
            town, river = reading[:start], reading[-1]
            rivers = {river} | _without_ending(river, phrases.river_endings, _MIN_RIVER_STEM)
            for name in sorted(rivers):
                cores.add(Core(f"{' '.join(town)} {_ON} {name}"))
    return cores


def name_cores(keyer: Keyer, keyed: KeyedName, kind: EntityKind) -> frozenset[Core]:
    """The cores of a keyed organization or place name (empty for other kinds).

    An organization's core is its name without descriptors, legal forms and country
    qualifiers at either end (with the genitive undone after a Slavic 'group'); a place's is
    its town and river with the connective between them made neutral. A name with nothing
    to remove has itself as core, so a bare query meets a registry name that had words
    removed.

    Args:
        keyer: The registry's key function (the word lists are keyed with it).
        keyed: The name, keyed with ``keyer``.
        kind: Which rules apply.
    """
    if kind not in (EntityKind.ORGANIZATION, EntityKind.PLACE):
        return frozenset()
    phrases = _phrases(keyer)
    cores: set[Core] = set()
    for reading in keyed.readings:
        if not reading or not all(reading):
            continue
        if kind is EntityKind.ORGANIZATION:
            cores |= _organization_cores(reading, phrases)
        else:
            cores |= _place_cores(reading, phrases)
    return frozenset(cores)
