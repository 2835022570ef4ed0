"""Compiling a registry into lookup tables: the second of load -> compile -> resolve.

Every name form of every entity is cleaned and keyed once, here, with the registry's
:class:`~translit_norm.keys.Keyer`; the resolver only looks things up. Key collisions between
entities are recorded, never overwritten: a key that two entities share points to both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from translit_norm.cleaning import clean, strip_marks
from translit_norm.entities import Entity, EntityKind, NameForm, NameOrigin
from translit_norm.given_names import GivenNames
from translit_norm.keys import KeyedName, Keyer
from translit_norm.names import parse_person
from translit_norm.ngrams import NgramIndex

__all__ = ["Collision", "Expander", "FormRef", "Index", "PersonProfile"]

#: Generates extra name forms of an entity (romanizations of its native names).
Expander = Callable[[Entity], Iterable[NameForm]]


class FormRef(NamedTuple):
    """A compiled name form: its entity's position and where the name comes from.

    A named tuple rather than a dataclass: a compiled registry holds one per name and
    unpickles them at every warm start.
    """

    entity: int
    text: str
    origin: NameOrigin
    lang: str | None
    scheme: str | None


@dataclass
class PersonProfile:
    """Everything a person entity is called, part by part, as keys.

    Attributes:
        surnames: surname key -> a form it came from.
        given: given-name key -> a form it came from.
        given_groups: given-name groups of the entity's given names.
        patronymics: patronymic keys.
        initials: first letters its given names are written with.
        patronymic_initials: first letters its patronymics are written with.
        gender: from the registry, else from the given-name groups.
    """

    surnames: dict[str, str] = field(default_factory=dict)
    given: dict[str, str] = field(default_factory=dict)
    given_groups: set[int] = field(default_factory=set)
    patronymics: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    patronymic_initials: set[str] = field(default_factory=set)
    gender: str | None = None


@dataclass(frozen=True)
class Collision:
    """A key shared by names of different entities."""

    key: str
    forms: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        who = "; ".join(f"{entity_id}: {text!r}" for entity_id, text in self.forms)
        return f"key {self.key!r} is shared by {who}"


def _first_letter(text: str) -> str:
    letters = [c for c in strip_marks(clean(text)) if c.isalpha()]
    if not letters:
        return ""
    first = letters[0]
    return first if first.isascii() else unicodedata.normalize("NFKD", first)[0]


class Index:
    """The compiled, read-only lookup tables of a registry.

    Attributes:
        entities: The entities, in registry order.
        keyer: The key function every table was built with (queries must use it too).
        given_names: The given-name groups keyed with ``keyer``.
    """

    def __init__(
        self,
        entities: tuple[Entity, ...],
        keyer: Keyer,
        *,
        expand: Expander | None = None,
    ) -> None:
        self.entities = entities
        self.keyer = keyer
        self.given_names = GivenNames.build(keyer)
        self.by_id: dict[str, int] = {e.id: i for i, e in enumerate(entities)}
        self.forms: list[FormRef] = []
        self.exact: dict[str, list[int]] = {}
        self.normalized: dict[str, list[int]] = {}
        self.full_keys: dict[str, list[int]] = {}
        self.compact_keys: dict[str, list[int]] = {}
        self.profiles: dict[int, PersonProfile] = {}
        self.surname_entities: dict[str, set[int]] = {}
        self.surname_grams = NgramIndex()
        self.compact_grams = NgramIndex()
        for position, entity in enumerate(entities):
            forms = list(entity.forms())
            if expand is not None:
                forms += list(expand(entity))
            if entity.kind is EntityKind.PERSON:
                self.profiles[position] = PersonProfile(gender=entity.gender)
            for form in forms:
                self._add(position, form)
        for position, profile in self.profiles.items():
            self._finish_profile(position, profile)

    def _add(self, position: int, form: NameForm) -> None:
        keyed = self.keyer.key(form.text, form.lang)
        if not keyed.tokens:
            return
        ref = len(self.forms)
        self.forms.append(FormRef(position, form.text, form.origin, form.lang, form.scheme))
        exact = unicodedata.normalize("NFC", form.text.strip())
        self.exact.setdefault(exact, []).append(ref)
        self.normalized.setdefault(keyed.cleaned, []).append(ref)
        for key in keyed.full_keys:
            self.full_keys.setdefault(key, []).append(ref)
        for key in keyed.compact_keys:
            self.compact_keys.setdefault(key, []).append(ref)
            self.compact_grams.add(key)
        profile = self.profiles.get(position)
        if profile is not None:
            self._profile_form(position, profile, keyed, form.text)

    def _profile_form(
        self, position: int, profile: PersonProfile, keyed: KeyedName, text: str
    ) -> None:
        parts = parse_person(keyed, self.given_names)
        for reading in keyed.readings:
            for i in parts.surname:
                profile.surnames.setdefault(reading[i], text)
                self.surname_entities.setdefault(reading[i], set()).add(position)
                self.surname_grams.add(reading[i])
            for i in parts.given:
                profile.given.setdefault(reading[i], text)
            for i in parts.patronymic:
                profile.patronymics.add(reading[i])
        for i in parts.given:
            profile.initials.add(_first_letter(keyed.romanized[i]))
        for i in parts.patronymic:
            profile.patronymic_initials.add(_first_letter(keyed.romanized[i]))

    def _finish_profile(self, position: int, profile: PersonProfile) -> None:
        groups = self.given_names.groups_of(frozenset(profile.given))
        profile.given_groups = set(groups)
        for group in groups:
            for spelling in self.given_names.groups[group].names:
                profile.initials.add(_first_letter(spelling))
        profile.initials.discard("")
        if profile.gender is None:
            profile.gender = self.given_names.gender_of(groups)

    def entity_of(self, ref: int) -> Entity:
        """The entity a compiled form belongs to."""
        return self.entities[self.forms[ref].entity]

    def collisions(self) -> list[Collision]:
        """Keys that forms of two or more different entities reduce to, sorted by key.

        Namesakes that the registry declares ``distinct_from`` each other (two people called
        Andriy Shevchenko) are expected to share keys: they are not collisions, and a query
        for the shared name answers ambiguous.
        """
        found: dict[str, Collision] = {}
        for table in (self.full_keys, self.compact_keys):
            for key, refs in table.items():
                owners = {self.forms[r].entity for r in refs}
                if len(owners) > 1 and key not in found and not self._declared(owners):
                    forms = sorted({(self.entity_of(r).id, self.forms[r].text) for r in refs})
                    found[key] = Collision(key, tuple(forms))
        return [found[k] for k in sorted(found)]

    def _declared(self, owners: set[int]) -> bool:
        """True when every pair of ``owners`` is declared distinct in the registry."""
        entities = [self.entities[i] for i in owners]
        return all(
            b.id in a.distinct_from or a.id in b.distinct_from
            for n, a in enumerate(entities)
            for b in entities[n + 1 :]
        )

    def alias_count(self) -> int:
        """Number of compiled name forms."""
        return len(self.forms)

    def origins(self) -> Mapping[NameOrigin, int]:
        """How many compiled forms come from each origin."""
        counts: dict[NameOrigin, int] = {}
        for ref in self.forms:
            counts[ref.origin] = counts.get(ref.origin, 0) + 1
        return counts
