"""Case endings: from a name as inflected in running text back to its nominative.

A helper stage of scanning (:mod:`translit_norm.scanning`). Registries list names in the
nominative, but a sentence puts them in whatever case its grammar needs: Belarusian
Лукашэнкам, Ukrainian Зеленського, Russian Тихановской, Polish Łukaszence, German Selenskyjs,
English Lukashenko's. No spelling key can undo an ending, so the endings and the nominative
endings they replace are data (``data/inflection.yaml``), each with the grammatical fact it
encodes. The candidates this module proposes are only proposals: the scanner verifies each one
against the registry.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from translit_norm.errors import RegistryError
from translit_norm.transliteration import is_cyrillic
from translit_norm.yamlio import YamlList, YamlMap, load_yaml_text

__all__ = ["Ending", "EndingTable", "ending_table"]

_SCRIPTS = ("cyrillic", "latin")
_FIELDS = {"script", "langs", "ending", "nominative", "why", "min_stem"}
_REQUIRED = _FIELDS - {"min_stem"}
_DEFAULT_MIN_STEM = 3


@dataclass(frozen=True)
class Ending:
    """One case ending and the nominative endings it can replace.

    Attributes:
        script: ``cyrillic`` or ``latin``.
        ending: The ending as written, lowercase.
        nominative: Endings that may stand in its place in the nominative.
        min_stem: Letters that must remain before the ending.
        why: The grammatical fact.
    """

    script: str
    ending: str
    nominative: tuple[str, ...]
    min_stem: int
    why: str


@dataclass(frozen=True)
class EndingTable:
    """The endings of one script, longest first, looked up by a word's last letter.

    Attributes:
        by_last: Last character of an ending -> the endings with it, longest first.
    """

    by_last: Mapping[str, tuple[Ending, ...]]

    def nominatives(self, word: str) -> tuple[str, ...]:
        """The nominative forms ``word`` may be an inflection of (``word`` itself excluded).

        Letter case is kept: a replacement ending copies the case of the letter it follows
        (``ŁUKASZENCE`` gives ``ŁUKASZENKA``). The order is the table's, longest ending first,
        without repeats.

        Args:
            word: One word as written in the text (apostrophes folded to ``'``).
        """
        if not word:
            return ()
        lowered = word.lower()
        found: list[str] = []
        for ending in self.by_last.get(lowered[-1], ()):
            if not lowered.endswith(ending.ending):
                continue
            stem = word[: len(word) - len(ending.ending)]
            if sum(c.isalpha() for c in stem) < ending.min_stem:
                continue
            upper = stem[-1:].isupper() and len(stem) > 1 and stem[-2:-1].isupper()
            for replacement in ending.nominative:
                candidate = stem + (replacement.upper() if upper else replacement)
                if candidate != word and candidate not in found:
                    found.append(candidate)
        return tuple(found)


def _entry(entry: object, line: int | None, name: str) -> Ending:
    if not isinstance(entry, YamlMap) or not entry.keys() >= _REQUIRED:
        raise RegistryError(name, line, f"each ending needs {sorted(_REQUIRED)}")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise RegistryError(name, line, f"unknown field(s) {sorted(unknown)}")
    langs = entry["langs"]
    if not isinstance(langs, YamlList) or not langs or not all(isinstance(x, str) for x in langs):
        raise RegistryError(name, line, "langs must be a non-empty list of language codes")
    if entry["script"] not in _SCRIPTS:
        raise RegistryError(name, line, f"script must be one of {_SCRIPTS}")
    ending, nominative = entry["ending"], entry["nominative"]
    if not isinstance(ending, str) or not ending or ending != ending.lower():
        raise RegistryError(name, line, "ending must be a non-empty lowercase string")
    if not isinstance(nominative, YamlList) or not all(isinstance(n, str) for n in nominative):
        raise RegistryError(name, line, "nominative must be a list of strings (quote them)")
    if not isinstance(entry["why"], str) or not entry["why"].strip():
        raise RegistryError(name, line, "why must state the grammatical fact")
    min_stem = entry.get("min_stem", _DEFAULT_MIN_STEM)
    if not isinstance(min_stem, int) or isinstance(min_stem, bool) or min_stem < 1:
        raise RegistryError(name, line, "min_stem must be a positive integer")
    return Ending(str(entry["script"]), ending, tuple(nominative), min_stem, entry["why"])


def parse_endings(text: str, *, name: str) -> dict[str, EndingTable]:
    """Parse and validate an endings document (the schema is in ``data/inflection.yaml``).

    Args:
        text: The YAML text.
        name: The file's name, for error messages.

    Returns:
        One table per script.

    Raises:
        RegistryError: ``name:line: reason`` for the first bad entry.
    """
    document = load_yaml_text(text, name=name)
    if not isinstance(document, YamlMap) or set(document) != {"endings"}:
        raise RegistryError(name, None, "expected exactly one key, 'endings'")
    entries = document["endings"]
    if not isinstance(entries, YamlList):
        raise RegistryError(name, None, "'endings' must be a list")
    endings = [_entry(e, line, name) for e, line in zip(entries, entries.item_lines, strict=True)]
    tables: dict[str, EndingTable] = {}
    for script in _SCRIPTS:
        by_last: dict[str, list[Ending]] = {}
        for ending in endings:
            if ending.script == script:
                by_last.setdefault(ending.ending[-1], []).append(ending)
        ordered = {
            last: tuple(sorted(items, key=lambda e: -len(e.ending)))
            for last, items in by_last.items()
        }
        tables[script] = EndingTable(MappingProxyType(ordered))
    return tables


@functools.cache
def ending_table(script: str) -> EndingTable:
    """The table of ``script`` (``cyrillic`` or ``latin``) from data/inflection.yaml."""
    return _tables()[script]


@functools.cache
def _tables() -> dict[str, EndingTable]:
    name = "translit_norm/data/inflection.yaml"
    text = resources.files("translit_norm").joinpath("data/inflection.yaml").read_text("utf-8")
    return parse_endings(text, name=name)


def nominatives(word: str) -> tuple[str, ...]:
    """Nominative candidates of one word, by the script of its letters (see EndingTable)."""
    script = "cyrillic" if any(is_cyrillic(c) for c in word) else "latin"
    return ending_table(script).nominatives(word)
