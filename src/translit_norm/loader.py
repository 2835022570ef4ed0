"""Loading and validating registry files (format v1): YAML in, entities out.

The first of three steps (load and validate here, compile in :mod:`translit_norm.index`,
resolve in :mod:`translit_norm.resolver`). Validation raises :class:`RegistryError` with
``path:line: reason`` on the first problem, and nothing is returned half-built: a typo like
``alias:`` must fail loudly instead of silently dropping data.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from translit_norm.cleaning import clean
from translit_norm.confusables import neutralize
from translit_norm.entities import Entity, EntityKind
from translit_norm.errors import RegistryError
from translit_norm.yamlio import (
    DEFAULT_MAX_BYTES,
    YamlList,
    YamlMap,
    load_package_yaml,
    load_yaml_file,
)

__all__ = [
    "ENTITY_FIELDS",
    "GENDERS",
    "ID_PATTERN",
    "known_languages",
    "load_entities",
    "registry_files",
]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GENDERS = ("male", "female")
ENTITY_FIELDS = (
    "id",
    "name",
    "kind",
    "aliases",
    "native",
    "gender",
    "description",
    "distinct_from",
)
_TOP_LEVEL_FIELDS = ("entities", "version")


@functools.cache
def known_languages() -> frozenset[str]:
    """Language codes accepted as ``native`` keys (data/languages.yaml)."""
    name, document = load_package_yaml("data/languages.yaml")
    if (
        not isinstance(document, YamlMap)
        or not isinstance(document.get("codes"), str)
        or not isinstance(document.get("extra"), YamlList)
    ):
        raise RegistryError(name, None, "expected 'codes' (a string) and 'extra' (a list)")
    return frozenset(document["codes"].split() + [str(c) for c in document["extra"]])


def registry_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and directories into the YAML files to read, in a stable order.

    Directories are searched recursively for ``*.yaml`` and ``*.yml``, sorted by their path
    relative to the directory; files are taken as given.

    Raises:
        RegistryError: a path does not exist, or a directory holds no YAML file.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                (p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            if not found:
                raise RegistryError(str(path), None, "directory holds no .yaml or .yml file")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise RegistryError(str(path), None, "no such file or directory")
    return files


def load_entities(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Entity, ...]:
    """Read and validate every entity of the registry at ``paths``.

    Args:
        paths: Registry files and directories.
        max_bytes: Largest file accepted.

    Returns:
        The entities in file order.

    Raises:
        RegistryError: ``path:line: reason`` for the first invalid thing found.
    """
    entities: list[Entity] = []
    seen: dict[str, str] = {}
    for path in registry_files(paths):
        for entity in _entities_of_file(path, max_bytes):
            if entity.id in seen:
                raise RegistryError(
                    *_split_source(entity.source),
                    f"duplicate id {entity.id!r} (first defined at {seen[entity.id]})",
                )
            seen[entity.id] = entity.source
            entities.append(entity)
    for entity in entities:
        for other in entity.distinct_from:
            if other not in seen:
                raise RegistryError(
                    *_split_source(entity.source),
                    f"{entity.id}: distinct_from names unknown id {other!r}",
                )
    return tuple(entities)


def _split_source(source: str) -> tuple[str, int | None]:
    path, _, line = source.rpartition(":")
    return (path, int(line)) if line.isdigit() else (source, None)


def _entities_of_file(path: Path, max_bytes: int) -> list[Entity]:
    name = str(path)
    document = load_yaml_file(path, max_bytes=max_bytes)
    if document is None:
        return []
    if not isinstance(document, YamlMap):
        raise RegistryError(name, 1, "a registry file must be a mapping with an 'entities' list")
    for key in document:
        if key not in _TOP_LEVEL_FIELDS:
            raise RegistryError(
                name, document.key_lines[key], f"unknown top-level field {key!r}{_hint(key)}"
            )
    if document.get("version", 1) != 1:
        raise RegistryError(
            name, document.key_lines["version"], "unsupported format version (expected 1)"
        )
    items = document.get("entities")
    if items is None:
        return []
    if not isinstance(items, YamlList):
        raise RegistryError(name, document.key_lines["entities"], "'entities' must be a list")
    return [_entity(item, name, line) for item, line in zip(items, items.item_lines, strict=True)]


def _hint(key: Any) -> str:
    if not isinstance(key, str):
        return ""
    close = [f for f in ENTITY_FIELDS + _TOP_LEVEL_FIELDS if f.startswith(key[:4].lower())]
    return f" (did you mean {close[0]!r}?)" if close else ""


def _entity(item: Any, path: str, line: int) -> Entity:
    if not isinstance(item, YamlMap):
        raise RegistryError(path, line, "each entity must be a mapping with at least id and name")
    for key in item:
        if key not in ENTITY_FIELDS:
            raise RegistryError(
                path,
                item.key_lines[key],
                f"unknown field {key!r}{_hint(key)}; known fields: {', '.join(ENTITY_FIELDS)}",
            )

    def at(key: str) -> int:
        return item.key_lines.get(key, line)

    entity_id = _string(item, "id", path, line, required=True)
    if not ID_PATTERN.fullmatch(entity_id):
        raise RegistryError(path, at("id"), _bad_id(entity_id))
    name = _string(item, "name", path, line, required=True)
    kind_text = _string(item, "kind", path, line) or EntityKind.OTHER.value
    try:
        kind = EntityKind(kind_text)
    except ValueError:
        choices = ", ".join(k.value for k in EntityKind)
        raise RegistryError(
            path, at("kind"), f"{entity_id}: unknown kind {kind_text!r} (choose {choices})"
        ) from None
    gender = _string(item, "gender", path, line) or None
    if gender is not None and gender not in GENDERS:
        raise RegistryError(
            path, at("gender"), f"{entity_id}: gender must be one of {', '.join(GENDERS)}"
        )
    distinct = _strings(item, "distinct_from", path, line, entity_id)
    if entity_id in distinct:
        raise RegistryError(path, at("distinct_from"), f"{entity_id}: distinct from itself")
    return Entity(
        id=entity_id,
        name=name,
        kind=kind,
        aliases=tuple(dict.fromkeys(_strings(item, "aliases", path, line, entity_id))),
        native=_native(item, path, line, entity_id),
        gender=gender,
        description=_string(item, "description", path, line) or None,
        distinct_from=tuple(distinct),
        source=f"{path}:{line}",
    )


def _bad_id(entity_id: str) -> str:
    """Why ``entity_id`` is refused, naming a hidden character and the id it imitates.

    Ids are compared exactly, so two that differ only in case, Unicode form or a look-alike
    letter (``Lukashenko``, full-width ``ｌｕｋａｓｈｅｎｋｏ``, a Cyrillic ``а``) would name
    two entities; the id pattern refuses them all, and the message says which id was meant.
    """
    message = f"id {entity_id!r} may only use a-z, 0-9 and single '-' between them"
    foreign = next((c for c in entity_id if not c.isascii() or not c.isprintable()), None)
    if foreign is not None:
        name = unicodedata.name(foreign, "unnamed character")
        message += f"; it contains U+{ord(foreign):04X} {name}"
    meant, _ = neutralize(clean(entity_id))
    if meant != entity_id and ID_PATTERN.fullmatch(meant):
        message += (
            "; ids that differ only in case, Unicode form or look-alike letters would name "
            f"different entities, so write {meant!r}"
        )
    return message


def _string(item: YamlMap, key: str, path: str, line: int, *, required: bool = False) -> str:
    value = item.get(key)
    where = item.key_lines.get(key, line)
    if value is None:
        if required:
            raise RegistryError(path, line, f"entity is missing required field {key!r}")
        return ""
    if not isinstance(value, str):
        raise RegistryError(
            path, where, f"{key!r} must be a string, got {type(value).__name__} {value!r}"
        )
    if required and not value.strip():
        raise RegistryError(path, where, f"{key!r} is empty")
    return value.strip()


def _strings(item: YamlMap, key: str, path: str, line: int, entity_id: str) -> list[str]:
    value = item.get(key)
    if value is None:
        return []
    where = item.key_lines.get(key, line)
    if isinstance(value, str):
        raise RegistryError(path, where, f"{entity_id}: {key!r} must be a list, not a string")
    if not isinstance(value, YamlList):
        raise RegistryError(path, where, f"{entity_id}: {key!r} must be a list of strings")
    result = []
    for element, element_line in zip(value, value.item_lines, strict=True):
        if not isinstance(element, str):
            raise RegistryError(
                path,
                element_line,
                f"{entity_id}: {key} entries must be strings, got "
                f"{type(element).__name__} {element!r} (quote it)",
            )
        if not element.strip():
            raise RegistryError(path, element_line, f"{entity_id}: empty string in {key!r}")
        result.append(element.strip())
    return result


def _native(item: YamlMap, path: str, line: int, entity_id: str) -> tuple[tuple[str, str], ...]:
    value = item.get("native")
    if value is None:
        return ()
    where = item.key_lines.get("native", line)
    if not isinstance(value, YamlMap):
        raise RegistryError(path, where, f"{entity_id}: 'native' must map language codes to names")
    pairs: list[tuple[str, str]] = []
    for lang, names in value.items():
        lang_line = value.key_lines[lang]
        if not isinstance(lang, str):
            raise RegistryError(
                path,
                lang_line,
                f"{entity_id}: language code {lang!r} was read as {type(lang).__name__}; quote it",
            )
        if lang not in known_languages():
            raise RegistryError(
                path, lang_line, f"{entity_id}: unknown language code {lang!r} (ISO 639-1)"
            )
        texts = [names] if isinstance(names, str) else names
        if not isinstance(texts, YamlList | list) or not texts:
            raise RegistryError(
                path, lang_line, f"{entity_id}: native {lang} must be a name or a list of names"
            )
        for text in texts:
            if not isinstance(text, str) or not text.strip():
                raise RegistryError(
                    path, lang_line, f"{entity_id}: native {lang} has an empty or non-string name"
                )
            pairs.append((lang, text.strip()))
    return tuple(pairs)
