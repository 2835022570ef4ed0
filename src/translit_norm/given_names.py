"""Given-name equivalences across languages (data/given_names.yaml).

Aliaksandr, Aleksandr, Oleksandr and Aleksander are one name in four languages; Viktor is
another name, so "Viktor Lukashenko" is another person. Romanization rules cannot know this
(Belarusian Aliaksandr and Russian Aleksandr differ in more than spelling), so it is data.

The table lists each name's Cyrillic spellings; the Latin spellings the library's own
romanization schemes give them (German press Dsmitryj and Tazzjana, GOST 7.79-B Mixail, ISO 9
Ûliâ) are generated from those when the table is keyed, so that a name written under any scheme
the library knows is recognized as a given name, as the data file cannot list them all by hand.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from translit_norm.cleaning import strip_marks
from translit_norm.errors import RegistryError
from translit_norm.keys import Keyer
from translit_norm.loader import GENDERS
from translit_norm.romanization import languages, romanizations
from translit_norm.schemes import APOSTROPHES, language_schemes
from translit_norm.yamlio import YamlList, YamlMap, load_package_yaml

__all__ = ["GivenNameGroup", "GivenNames", "given_name_groups", "romanized_spellings"]


@dataclass(frozen=True)
class GivenNameGroup:
    """One given name in its spellings across languages."""

    index: int
    gender: str
    names: tuple[str, ...]


@functools.cache
def given_name_groups() -> tuple[GivenNameGroup, ...]:
    """The groups of data/given_names.yaml, validated; loaded once per process."""
    name, document = load_package_yaml("data/given_names.yaml")
    groups = document.get("groups") if isinstance(document, YamlMap) else None
    if not isinstance(groups, YamlList):
        raise RegistryError(name, None, "expected a list 'groups'")
    result = []
    for index, (group, line) in enumerate(zip(groups, groups.item_lines, strict=True)):
        if not isinstance(group, YamlMap) or set(group) != {"gender", "names"}:
            raise RegistryError(name, line, "each group needs exactly gender and names")
        names = group["names"]
        if group["gender"] not in GENDERS:
            raise RegistryError(name, line, f"gender must be one of {GENDERS}")
        if not isinstance(names, YamlList) or len(names) < 2:
            raise RegistryError(name, line, "a group lists at least two spellings")
        if not all(isinstance(n, str) and n.strip() for n in names):
            raise RegistryError(name, line, "names must be non-empty strings (quote them)")
        result.append(GivenNameGroup(index, str(group["gender"]), tuple(names)))
    return tuple(result)


@dataclass(frozen=True)
class GivenNames:
    """The given-name groups keyed with one registry's key function.

    Attributes:
        groups_by_key: token key -> indexes of the groups with a spelling of that key.
        groups: All groups, by index.
    """

    groups_by_key: Mapping[str, frozenset[int]]
    groups: tuple[GivenNameGroup, ...]

    @classmethod
    def build(cls, keyer: Keyer) -> GivenNames:
        """Key every spelling of every group with ``keyer`` (once per folding backend)."""
        return _keyed_groups(keyer.folding)

    @classmethod
    def _compute(cls, keyer: Keyer) -> GivenNames:
        groups = given_name_groups()
        listed = _keys_by_group(keyer, ((g.index, g.names) for g in groups))
        generated = _keys_by_group(keyer, ((g.index, romanized_spellings(g)) for g in groups))
        by_key = {key: set(indexes) for key, indexes in listed.items()}
        for key, indexes in generated.items():
            # A generated spelling never joins two names: a key that the listed spellings
            # give another group, or that two groups' spellings both generate, stays out
            # (ISO 9 writes Яна as Âna, which read without its mark is Anna).
            if len(indexes) == 1 and indexes <= listed.get(key, indexes):
                by_key.setdefault(key, set()).update(indexes)
        frozen = {key: frozenset(indexes) for key, indexes in by_key.items()}
        return cls(groups_by_key=frozen, groups=groups)

    def groups_of(self, keys: frozenset[str]) -> frozenset[int]:
        """Groups that any of ``keys`` (one token's keys) belongs to."""
        found: set[int] = set()
        for key in keys:
            found |= self.groups_by_key.get(key, frozenset())
        return frozenset(found)

    def gender_of(self, groups: frozenset[int]) -> str | None:
        """The gender shared by all ``groups``, else None."""
        genders = {self.groups[i].gender for i in groups}
        return genders.pop() if len(genders) == 1 else None


@functools.cache
def _keyed_groups(folding: str) -> GivenNames:
    """The given-name table keyed with the given backend; built once per process and backend.

    The table is read-only after it is built, so registries share it.
    """
    return GivenNames._compute(Keyer(folding))


def _keys_by_group(
    keyer: Keyer, spellings: Iterator[tuple[int, tuple[str, ...]]]
) -> dict[str, set[int]]:
    """Token key -> indexes of the groups with a spelling of that key."""
    by_key: dict[str, set[int]] = {}
    for index, names in spellings:
        for spelling in names:
            for key in keyer.token_keys(spelling):
                by_key.setdefault(key, set()).add(index)
    return by_key


def _letters(spelling: str) -> frozenset[str]:
    return frozenset(c for c in spelling.lower() if c.isalpha() and c not in APOSTROPHES)


@functools.cache
def _alphabets() -> tuple[tuple[str, frozenset[str]], ...]:
    """(language, letters every scheme of it romanizes) for each language with schemes."""
    found = []
    for lang in languages():
        letters = frozenset.intersection(*(s.source_characters for s in language_schemes(lang)))
        found.append((lang, frozenset(c for c in letters if c.isalpha())))
    return tuple(found)


def romanized_spellings(group: GivenNameGroup) -> tuple[str, ...]:
    """The Latin spellings the library's schemes give the group's Cyrillic spellings.

    A Cyrillic spelling is romanized under every language whose alphabet holds all its
    letters: Яўгенія (ў) only as Belarusian, Антон as any of them. A Cyrillic letter stands
    for one sound in all these languages but a few (г, и, е), which the schemes of each
    language spell as that language sounds them, so every result is a spelling of the same
    name. Spellings the group already lists are left out.
    """
    listed = {_plain(name) for name in group.names}
    found: dict[str, None] = {}
    for spelling in group.names:
        letters = _letters(spelling)
        if not letters or not all("CYRILLIC" in unicodedata.name(c, "") for c in letters):
            continue
        for lang, alphabet in _alphabets():
            if letters <= alphabet:
                for _, latin in romanizations(spelling, lang=lang):
                    if _plain(latin) not in listed:
                        found.setdefault(latin, None)
    return tuple(found)


def _plain(spelling: str) -> str:
    """``spelling`` lowercased without marks: the data file's test of one string."""
    return strip_marks(spelling.casefold())
