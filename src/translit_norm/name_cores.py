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

__all__ = ["Core", "NameWords", "name_cores", "name_words", "read_name_words"]

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
    return read_name_words(*load_package_yaml(_FILE))


def read_name_words(name: str, document: object) -> NameWords:
    """Validate a parsed name-cores document (the schema is in data/name_cores.yaml).

    Raises:
        RegistryError: ``name:line: reason`` for the first entry that breaks the schema.
    """

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


@dataclass(frozen=True)
class _Role:
    """What a removable phrase is: a descriptor (governing the genitive or not), a legal form,
    an article (removed from the start only), or a country qualifier (and its language)."""

    genitive: bool = False
    country: str | None = None
    front_only: bool = False


@dataclass(frozen=True)
class _Phrases:
    """The word lists keyed with one registry's keyer: phrases as tuples of token keys."""

    removable: dict[tuple[str, ...], _Role]
    #: The removable phrases by their first and by their last word.
    starts: dict[str, tuple[tuple[str, ...], ...]]
    ends: dict[str, tuple[tuple[str, ...], ...]]
    #: National adjectives: removable only with a kind word, and no name on their own.
    adjectives: frozenset[tuple[str, ...]]
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
    adjectives: set[tuple[str, ...]] = set()
    for lang, text, adjective in words.qualifiers:
        for phrase in _keyed(keyer, text):
            if not adjective:
                removable.setdefault(phrase, _Role(country=lang))
                continue
            # A national adjective goes only with the kind word it qualifies (Russian Airlines).
            adjectives.add(phrase)
            for kind, role in descriptors:
                removable.setdefault(phrase + kind, _Role(role.genitive, country=lang))
    connectives = frozenset(p for text in words.connectives for p in _keyed(keyer, text))
    starts: dict[str, list[tuple[str, ...]]] = {}
    ends: dict[str, list[tuple[str, ...]]] = {}
    for phrase in removable:
        starts.setdefault(phrase[0], []).append(phrase)
        ends.setdefault(phrase[-1], []).append(phrase)
    return _Phrases(
        removable,
        {k: tuple(v) for k, v in starts.items()},
        {k: tuple(v) for k, v in ends.items()},
        frozenset(adjectives),
        connectives,
        _longest_first(words.genitive_endings),
        _longest_first(words.river_endings),
    )


#: The keys each word of a name has under any of its readings.
_Options = tuple[frozenset[str], ...]


def _fits(phrase: tuple[str, ...], options: _Options, at: int) -> bool:
    return all(key in options[at + i] for i, key in enumerate(phrase))


def _find(
    found: dict[str, tuple[tuple[str, ...], ...]], keys: frozenset[str]
) -> list[tuple[str, ...]]:
    """The phrases filed under any of ``keys``, longest first."""
    return sorted({p for key in keys for p in found.get(key, ())}, key=lambda p: (-len(p), p))


def _strip(options: _Options, phrases: _Phrases) -> tuple[int, int, frozenset[str], bool]:
    """Remove descriptors, legal forms, articles and qualifiers from both ends.

    A word matches a phrase's word when any reading of it does (the readings of a phrase
    keyed alone are not always those it has inside a name). The longest phrase goes first.

    Returns:
        The span (start, end) of the words left (never empty), the languages of the
        qualifiers removed, and whether a genitive head stood right before the span.
    """
    start, end, countries, genitive = 0, len(options), set[str](), False
    changed = True
    while changed:
        changed = False
        for phrase in _find(phrases.starts, options[start]):
            if len(phrase) < end - start and _fits(phrase, options, start):
                role = phrases.removable[phrase]
                start, genitive, changed = start + len(phrase), role.genitive, True
                break
        else:
            for phrase in _find(phrases.ends, options[end - 1]):
                role = phrases.removable[phrase]
                size = len(phrase)
                if (
                    not role.front_only
                    and size < end - start
                    and _fits(phrase, options, end - size)
                ):
                    end, changed = end - size, True
                    break
            else:
                continue
        if role.country:
            countries.add(role.country)
    return start, end, frozenset(countries), genitive


def _without_ending(word: str, endings: tuple[str, ...], min_stem: int) -> set[str]:
    return {word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= min_stem}


def _organization_cores(
    readings: list[tuple[str, ...]], options: _Options, phrases: _Phrases
) -> set[Core]:
    start, end, countries, genitive = _strip(options, phrases)
    left = options[start:end]
    generic = [*_find(phrases.starts, left[0]), *phrases.adjectives]
    if any(len(p) == len(left) and _fits(p, left, 0) for p in generic):
        # Nothing but kind, country and legal-form words ("Russian Oil Company"): no name.
        return set()
    cores: set[Core] = set()
    for reading in readings:
        rest = reading[start:end]
        cores.add(Core(" ".join(sorted(rest)), countries))
        if genitive:
            # Grupa Wagnera: the name after a Slavic 'group' is in the genitive.
            for stem in _without_ending(rest[-1], phrases.genitive_endings, _MIN_GENITIVE_STEM):
                cores.add(Core(" ".join(sorted((*rest[:-1], stem))), countries))
    return cores


def _place_cores(
    readings: list[tuple[str, ...]], options: _Options, phrases: _Phrases
) -> set[Core]:
    """Town, connective, river (the last word): the connective made neutral."""
    last = len(options) - 1
    starts = [
        at
        for at in range(1, last)
        if any(len(p) == last - at and _fits(p, options, at) for p in phrases.connectives)
    ]
    cores: set[Core] = set()
    for at in starts[:1]:
        for reading in readings:
            town, river = " ".join(reading[:at]), reading[last]
            rivers = {river} | _without_ending(river, phrases.river_endings, _MIN_RIVER_STEM)
            cores |= {Core(f"{town} {_ON} {name}") for name in rivers}
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
    size = len(keyed.tokens)
    if not size or kind not in (EntityKind.ORGANIZATION, EntityKind.PLACE):
        return frozenset()
    readings = [r for r in keyed.readings if len(r) == size and all(r)]
    if not readings:
        return frozenset()
    options = tuple(frozenset(r[i] for r in readings) for i in range(size))
    phrases = _phrases(keyer)
    if kind is EntityKind.ORGANIZATION:
        return frozenset(_organization_cores(readings, options, phrases))
    return frozenset(_place_cores(readings, options, phrases))
