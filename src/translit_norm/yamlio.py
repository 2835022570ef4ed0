"""Reading YAML safely, with the line of every value kept for error messages.

Every YAML file translit_norm reads (registries, transliteration tables, given names) comes
through here, so they share one set of protections: safe construction only (no Python objects),
a size limit, strict UTF-8, a cap on the nodes an anchor-and-alias document may expand to (the
"billion laughs" pattern), and refusal of duplicate keys, which PyYAML would silently drop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import yaml

from translit_norm.errors import RegistryError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "YamlList",
    "YamlMap",
    "fact_lists",
    "line_of",
    "load_package_yaml",
    "load_yaml_file",
    "load_yaml_text",
]

#: Largest YAML file read, in bytes. A 1M-alias registry in one file is about 60 MiB.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

#: Deepest nesting of mappings and sequences accepted. A registry needs five levels; a
#: document nested thousands deep (``[[[[...]]]]``) would overflow the parser's stack.
MAX_DEPTH = 64

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlMap(dict[Any, Any]):
    """A mapping read from YAML that remembers its line and the line of each key."""

    line: int
    key_lines: dict[Any, int]


class YamlList(list[Any]):
    """A sequence read from YAML that remembers its line and the line of each item."""

    line: int
    item_lines: list[int]


def line_of(value: Any, default: int | None = None) -> int | None:
    """The 1-based line where ``value`` (a YamlMap or YamlList) starts, else ``default``."""
    return getattr(value, "line", default)


class _Builder:
    """Turns a composed node graph into Python values, counting nodes as it goes."""

    def __init__(self, name: str, max_nodes: int) -> None:
        self.name = name
        self.max_nodes = max_nodes
        self.visited = 0
        self.constructor = yaml.constructor.SafeConstructor()
        # Collections being built, outermost first: an alias to one of them is a cycle, and
        # aliases can nest deeper than the text does.
        self.open: list[int] = []

    def build(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.CollectionNode):
            return self._build(node)
        if id(node) in self.open:
            raise RegistryError(
                self.name, node.start_mark.line + 1, "an anchor is used inside itself (a cycle)"
            )
        if len(self.open) >= MAX_DEPTH:
            raise RegistryError(
                self.name,
                node.start_mark.line + 1,
                f"mappings and lists nested more than {MAX_DEPTH} deep; refusing to load",
            )
        self.open.append(id(node))
        try:
            return self._build(node)
        finally:
            self.open.pop()

    def _build(self, node: yaml.Node) -> Any:
        self.visited += 1
        if self.visited > self.max_nodes:
            raise RegistryError(
                self.name,
                node.start_mark.line + 1,
                f"the document expands to more than {self.max_nodes} values "
                "(anchors and aliases repeated too deeply?); refusing to load it",
            )
        if node.tag.startswith("tag:yaml.org,2002:python/") or not node.tag.startswith(
            "tag:yaml.org,2002:"
        ):
            raise RegistryError(
                self.name, node.start_mark.line + 1, f"YAML tag {node.tag!r} is not allowed"
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            items = YamlList(self.build(child) for child in node.value)
            items.line = node.start_mark.line + 1
            items.item_lines = [child.start_mark.line + 1 for child in node.value]
            return items
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise RegistryError(self.name, node.start_mark.line + 1, f"bad value: {exc}") from exc

    def _mapping(self, node: yaml.MappingNode) -> YamlMap:
        result = YamlMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise RegistryError(
                    self.name, key_node.start_mark.line + 1, "merge keys (<<) are not supported"
                )
            key = self.build(key_node)
            if isinstance(key, (YamlMap, YamlList)):
                raise RegistryError(
                    self.name, key_node.start_mark.line + 1, "a mapping key must be a plain value"
                )
            line = key_node.start_mark.line + 1
            if key in result:
                first = result.key_lines[key]
                raise RegistryError(
                    self.name, line, f"duplicate key {key!r} (first given on line {first})"
                )
            result[key] = self.build(value_node)
            result.key_lines[key] = line
        return result


def load_yaml_text(text: str, *, name: str, max_nodes: int | None = None) -> Any:
    """Parse one YAML document from ``text``.

    Args:
        text: The document.
        name: What to call it in error messages (usually its path).
        max_nodes: Most values the document may expand to; by default proportional to its size,
            which a plain document never reaches and an alias bomb always does.

    Returns:
        Plain Python values, with mappings and sequences as YamlMap and YamlList.

    Raises:
        RegistryError: ``name:line: reason`` for syntax errors, several documents in one file,
            duplicate keys or runaway alias expansion.
    """
    limit = max_nodes if max_nodes is not None else 10_000 + 4 * len(text)
    try:
        _check_depth(text, name)
        loader = _SafeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise RegistryError(name, line, f"YAML syntax: {problem}") from exc
    except yaml.YAMLError as exc:
        raise RegistryError(name, None, f"YAML syntax: {exc}") from exc
    if root is None:
        return None
    return _Builder(name, limit).build(root)


def _check_depth(text: str, name: str) -> None:
    """Refuse a document nested deeper than :data:`MAX_DEPTH` before anything recurses.

    libyaml's event parser keeps its own stack, so this pass is safe at any depth; composing
    nodes and building values recurse once per level.
    """
    loader = _SafeLoader(text)
    try:
        depth = 0
        next_event = cast("Callable[[], yaml.Event | None]", loader.get_event)
        while (event := next_event()) is not None:
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise RegistryError(
                        name,
                        None if mark is None else mark.line + 1,
                        f"mappings and lists nested more than {MAX_DEPTH} deep; refusing to load",
                    )
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def load_yaml_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """Read and parse a YAML file, refusing oversized and non-UTF-8 files.

    Args:
        path: The file.
        max_bytes: Largest size accepted.

    Returns:
        As :func:`load_yaml_text`.

    Raises:
        RegistryError: ``path:line: reason`` for any problem with the file.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RegistryError(name, None, f"file is {size} bytes, over the limit of {max_bytes}")
        raw = path.read_bytes()
    except OSError as exc:
        raise RegistryError(name, None, f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RegistryError(
            name, line, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from exc
    return load_yaml_text(text, name=name)


def load_package_yaml(relative: str) -> tuple[str, Any]:
    """Read and parse one of translit_norm's own data files (``data/...``).

    Returns:
        The name to use in error messages (``translit_norm/data/...``) and the document.
    """
    from importlib import resources

    name = f"translit_norm/{relative}"
    text = resources.files("translit_norm").joinpath(relative).read_text("utf-8")
    return name, load_yaml_text(text, name=name)


def fact_lists(name: str, document: Any, key: str, field: str) -> Iterator[tuple[Any, int]]:
    """The values of a data file made of ``{<field>: [values], why: <fact>}`` entries.

    Args:
        name: The file, for error messages.
        document: The parsed file.
        key: The top-level list of entries.
        field: Each entry's list of values.

    Yields:
        (value, line of its entry), after checking every entry has a non-empty list and says
        ``why``: the linguistic or legal fact the values encode.

    Raises:
        RegistryError: ``name:line: reason`` for an entry that breaks the schema.
    """
    entries = document.get(key) if isinstance(document, YamlMap) else None
    if not isinstance(entries, YamlList):
        raise RegistryError(name, None, f"expected a list {key!r}")
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, YamlMap) or set(entry) != {field, "why"}:
            raise RegistryError(name, line, f"each entry needs exactly {field} and why")
        if not isinstance(entry["why"], str) or not entry["why"].strip():
            raise RegistryError(name, line, f"why must say which fact the {field} encode")
        values = entry[field]
        if not isinstance(values, YamlList) or not values:
            raise RegistryError(name, line, f"{field} must be a non-empty list")
        for value in values:
            yield value, line
