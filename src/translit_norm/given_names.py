"""Given-name equivalences across languages (data/given_names.yaml).

Aliaksandr, Aleksandr, Oleksandr and Aleksander are one name in four languages; Viktor is
another name, so "Viktor Lukashenko" is another person. Romanization rules cannot know this
(Belarusian Aliaksandr and Russian Aleksandr differ in more than spelling), so it is data.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from translit_norm.errors import RegistryError
from translit_norm.keys import Keyer
from translit_norm.loader import GENDERS
from translit_norm.yamlio import YamlList, YamlMap, load_package_yaml

__all__ = ["GivenNameGroup", "GivenNames", "given_name_groups"]


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
        by_key: dict[str, set[int]] = {}
        groups = given_name_groups()
        for group in groups:
            for spelling in group.names:
                for key in keyer.token_keys(spelling):
                    by_key.setdefault(key, set()).add(group.index)
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
