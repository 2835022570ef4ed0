"""The accuracy dev set, read and split into the benchmark's two protocols.

Benchmark support, not part of the library: it reads ``data/entities.yaml`` and
``data/negatives.yaml`` (schema in ``data/README.md``) and builds, per protocol, the registry a
resolver is given and the queries it must answer. The split is stable (it depends only on the
variant texts), so figures from two runs or two machines compare.

- zero-alias: the registry holds each entity's canonical name and native-script names only;
  every variant is a query.
- half-alias: as zero-alias, plus half of each entity's variants as aliases (those whose
  SHA-1 ranks in the lower half); the other half are the queries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
PROTOCOLS = ("zero-alias", "half-alias")


@dataclass(frozen=True)
class Variant:
    """One real spelling of an entity: a query (or, in half-alias, maybe an alias)."""

    text: str
    entity: str
    lang: str
    source: str
    form: str
    script: str
    kind: str


@dataclass(frozen=True)
class DevEntity:
    """One canonical entity of the dev set."""

    id: str
    name: str
    kind: str
    country: str
    script: str
    native: tuple[tuple[str, str], ...]
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class Negative:
    """A text that must resolve to no entity."""

    text: str
    type: str
    near: str | None


@dataclass(frozen=True)
class Protocol:
    """What a resolver is given (``aliases`` per entity id) and asked (``queries``)."""

    name: str
    entities: tuple[DevEntity, ...]
    aliases: dict[str, tuple[str, ...]]
    queries: tuple[Variant, ...]
    negatives: tuple[Negative, ...]


def _natives(raw: Any) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for lang, value in (raw or {}).items():
        for text in value if isinstance(value, list) else [value]:
            pairs.append((str(lang), str(text)))
    return tuple(pairs)


def load_entities(path: Path = DATA / "entities.yaml") -> tuple[DevEntity, ...]:
    """The dev set's entities, in file order."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    entities = []
    for raw in document["entities"]:
        variants = tuple(
            Variant(
                text=str(v["text"]),
                entity=raw["id"],
                lang=str(v["lang"]),
                source=str(v["source"]),
                form=str(v["form"]),
                script=str(raw["script"]),
                kind=str(raw["kind"]),
            )
            for v in raw["variants"]
        )
        entities.append(
            DevEntity(
                id=raw["id"],
                name=raw["name"],
                kind=raw["kind"],
                country=str(raw["country"]),
                script=raw["script"],
                native=_natives(raw.get("native")),
                variants=variants,
            )
        )
    return tuple(entities)


def load_negatives(path: Path = DATA / "negatives.yaml") -> tuple[Negative, ...]:
    """The dev set's hard negatives, in file order."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Negative(text=str(n["text"]), type=str(n["type"]), near=n.get("near"))
        for n in document["negatives"]
    )


def country_slice(
    entities: Sequence[DevEntity], negatives: Sequence[Negative], countries: Sequence[str]
) -> tuple[tuple[DevEntity, ...], tuple[Negative, ...]]:
    """The entities of ``countries``, with the negatives near them and every control."""
    kept = tuple(e for e in entities if e.country in countries)
    ids = {e.id for e in kept}
    near = tuple(n for n in negatives if n.near is None or n.near in ids)
    return kept, near


def _rank(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def split_half(variants: Sequence[Variant]) -> tuple[tuple[Variant, ...], tuple[Variant, ...]]:
    """Split an entity's variants into (aliases, queries): the lower SHA-1 half are aliases.

    With an odd count the queries get the extra variant.
    """
    ordered = sorted(variants, key=lambda v: _rank(v.text))
    half = len(ordered) // 2
    return tuple(ordered[:half]), tuple(ordered[half:])


def protocol(
    name: str,
    entities: Sequence[DevEntity],
    negatives: Sequence[Negative],
) -> Protocol:
    """Build protocol ``name`` (``zero-alias`` or ``half-alias``) from the dev set."""
    if name not in PROTOCOLS:
        raise ValueError(f"unknown protocol {name!r}; expected one of {PROTOCOLS}")
    aliases: dict[str, tuple[str, ...]] = {}
    queries: list[Variant] = []
    for entity in entities:
        if name == "zero-alias":
            aliases[entity.id] = ()
            queries.extend(entity.variants)
        else:
            known, asked = split_half(entity.variants)
            aliases[entity.id] = tuple(v.text for v in known)
            queries.extend(asked)
    return Protocol(name, tuple(entities), aliases, tuple(queries), tuple(negatives))


def registry_entities(proto: Protocol) -> list[Any]:
    """The protocol's registry as translit_norm entities."""
    from translit_norm import Entity, EntityKind

    return [
        Entity(
            e.id,
            e.name,
            EntityKind(e.kind),
            aliases=proto.aliases[e.id],
            native=e.native,
        )
        for e in proto.entities
    ]


def source_family(source: str) -> str:
    """A coarse group for a variant's free-text ``source`` (the part before any detail)."""
    head = source.split(";")[0].split("(")[0].strip().rstrip(",")
    return head or source
