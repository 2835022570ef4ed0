"""The registry's data model: canonical entities and the names they are known by.

Plain frozen dataclasses, so entities can be shared between threads and hashed; the loader
(:mod:`translit_norm.loader`) builds them from YAML, the index
(:mod:`translit_norm.index`) compiles them for lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Entity", "EntityKind", "NameForm", "NameOrigin", "origin_note"]


class EntityKind(StrEnum):
    """What an entity is. Person names get name-part matching; the others match as wholes."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    OTHER = "other"


class NameOrigin(StrEnum):
    """Where one of an entity's names comes from."""

    NAME = "name"
    ALIAS = "alias"
    NATIVE = "native"
    ROMANIZATION = "romanization"
    #: Another language's name of a place, from the gazetteer (gazetteer.py).
    GAZETTEER = "gazetteer"
    #: The capitals of a company name written with internal capitals (abbreviations.py).
    ABBREVIATION = "abbreviation"


@dataclass(frozen=True, slots=True)
class NameForm:
    """One name of an entity, as written in the registry or generated from it.

    Attributes:
        text: The name as written.
        origin: Display name, alias, native-script name, a romanization of a native name,
            or a gazetteer's name of a place.
        lang: Language code of a native name (and of its romanizations), else None.
        scheme: Romanization scheme that generated the form, or the gazetteer entry it comes
            from, else None.
    """

    text: str
    origin: NameOrigin
    lang: str | None = None
    scheme: str | None = None


@dataclass(frozen=True)
class Entity:
    """A canonical entity.

    Attributes:
        id: Unique id (a-z, 0-9 and '-').
        name: Canonical display name.
        kind: Person, organization, place or other.
        aliases: Other spellings, any script.
        native: (language code, native-script name) pairs.
        gender: ``male`` or ``female`` for persons when known.
        description: One line that tells namesakes apart.
        distinct_from: Ids of entities that must never be merged with this one.
        source: ``path:line`` where the entity is defined.
    """

    id: str
    name: str
    kind: EntityKind = EntityKind.OTHER
    aliases: tuple[str, ...] = ()
    native: tuple[tuple[str, str], ...] = ()
    gender: str | None = None
    description: str | None = None
    distinct_from: tuple[str, ...] = ()
    source: str = ""

    def forms(self) -> tuple[NameForm, ...]:
        """The entity's written names: display name, aliases, native names (no expansion)."""
        forms = [NameForm(self.name, NameOrigin.NAME)]
        forms += [NameForm(alias, NameOrigin.ALIAS) for alias in self.aliases]
        forms += [NameForm(text, NameOrigin.NATIVE, lang=lang) for lang, text in self.native]
        return tuple(forms)


def origin_note(origin: str, scheme: str | None) -> str:
    """Where a matched name comes from, for explanations: `` (alias)``,
    `` (romanization, scheme national-2010)``, `` (gazetteer, GeoNames 524901)``."""
    if not scheme:
        return f" ({origin})"
    if origin == NameOrigin.GAZETTEER:
        return f" ({origin}, {scheme})"
    return f" ({origin}, scheme {scheme})"
