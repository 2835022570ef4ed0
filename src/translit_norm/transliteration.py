"""Stage 2, transliteration: any script to Latin, keeping the sounds that matter.

Cyrillic goes through our own per-language tables (data/cyrillic.yaml), because the same letter
sounds different across languages (г is g in Russian, h in Ukrainian and Belarusian) and because
generic transliterators drop what we need (ў, the iotation of е/ю/я). Every other script goes
through the replaceable ASCII-folding backend (:mod:`translit_norm.folding`). Latin text passes
through unchanged: its diacritics (š, ł, ŭ) are read by the key stage, which knows their sounds.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from translit_norm.errors import RegistryError, UnknownLanguageError
from translit_norm.yamlio import YamlMap, load_package_yaml

__all__ = [
    "CYRILLIC_LANGUAGES",
    "CyrillicTable",
    "cyrillic_table",
    "is_cyrillic",
    "plausible_languages",
    "script_of",
]

#: Languages with a Cyrillic table, in the order a query of unknown language tries them.
CYRILLIC_LANGUAGES = ("ru", "uk", "be", "bg", "sr", "mk")

_VOWELS = frozenset("аеёиоуыэюяіїєў")
_SIGNS = frozenset("ьъ'")


@dataclass(frozen=True)
class CyrillicTable:
    """One language's Cyrillic-to-pivot table.

    Attributes:
        lang: ISO 639-1 code.
        letters: Lowercase letter -> Latin (iotated vowels in their glide form).
        iotated: Iotated vowel -> its Latin form after a consonant (no glide).
    """

    lang: str
    letters: Mapping[str, str]
    iotated: Mapping[str, str]

    def romanize(self, text: str) -> str:
        """Romanize lowercase ``text`` with this table; non-Cyrillic characters pass through.

        A Cyrillic letter missing from this language's alphabet is read with the first table
        of :data:`CYRILLIC_LANGUAGES` that has it, so nothing is dropped.
        """
        out: list[str] = []
        previous = ""
        for char in text:
            latin = self.letters.get(char)
            if latin is None:
                latin = _fallback_letter(char)
            elif char in self.iotated and previous and _is_letter_after_consonant(previous):
                latin = self.iotated[char]
            out.append(latin)
            previous = char
        return "".join(out)


def _is_letter_after_consonant(previous: str) -> bool:
    """True when ``previous`` is a consonant letter, so a following е/ю/я has no glide."""
    return previous.isalpha() and previous not in _VOWELS and previous not in _SIGNS


def _fallback_letter(char: str) -> str:
    for lang in CYRILLIC_LANGUAGES:
        latin = _tables()[lang].letters.get(char)
        if latin is not None:
            return latin
    return char


@functools.cache
def _tables() -> Mapping[str, CyrillicTable]:
    """Load and validate data/cyrillic.yaml once per process."""
    name, document = load_package_yaml("data/cyrillic.yaml")
    languages = document.get("languages") if isinstance(document, YamlMap) else None
    if not isinstance(languages, YamlMap):
        raise RegistryError(name, None, "expected a mapping 'languages'")
    tables: dict[str, CyrillicTable] = {}
    for lang, entry in languages.items():
        line = languages.key_lines[lang]
        if not isinstance(entry, YamlMap) or set(entry) != {"letters", "iotated"}:
            raise RegistryError(name, line, f"{lang}: expected exactly 'letters' and 'iotated'")
        letters, iotated = entry["letters"], entry["iotated"]
        if not isinstance(letters, YamlMap) or not isinstance(iotated, YamlMap):
            raise RegistryError(name, line, f"{lang}: 'letters' and 'iotated' must be mappings")
        for table in (letters, iotated):
            for key, value in table.items():
                if not (isinstance(key, str) and isinstance(value, str)) or len(key) != 1:
                    raise RegistryError(
                        name, table.key_lines[key], f"{lang}: bad entry {key!r}: {value!r}"
                    )
        stray = set(iotated) - set(letters)
        if stray:
            raise RegistryError(name, line, f"{lang}: iotated letters not in letters: {stray}")
        tables[lang] = CyrillicTable(
            lang=lang,
            letters=MappingProxyType(dict(letters)),
            iotated=MappingProxyType(dict(iotated)),
        )
    missing = set(CYRILLIC_LANGUAGES) - set(tables)
    if missing:
        raise RegistryError(name, None, f"no table for {sorted(missing)}")
    return MappingProxyType(tables)


def cyrillic_table(lang: str) -> CyrillicTable:
    """The pivot table of ``lang``.

    Raises:
        UnknownLanguageError: ``lang`` has no Cyrillic table.
    """
    table = _tables().get(lang)
    if table is None:
        raise UnknownLanguageError(
            f"no Cyrillic table for language {lang!r}; known: {', '.join(CYRILLIC_LANGUAGES)}"
        )
    return table


def is_cyrillic(char: str) -> bool:
    """True for a character of the Cyrillic blocks."""
    code = ord(char)
    return 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0xA640 <= code <= 0xA69F


@functools.lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The script of one letter: ``latin``, ``cyrillic``, ``greek``, ... or ``other``.

    Derived from the Unicode character name, which starts with the script for letters.
    """
    if char.isascii():
        return "latin" if char.isalpha() else "common"
    if is_cyrillic(char):
        return "cyrillic"
    if not char.isalpha():
        return "common"
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0].lower()
    if first in {"latin", "greek", "arabic", "hebrew", "georgian", "armenian", "hangul", "thai"}:
        return first
    if first == "cjk" or first == "hiragana" or first == "katakana":
        return "han" if first == "cjk" else first
    return first or "other"


def plausible_languages(cyrillic_text: str) -> tuple[str, ...]:
    """Languages whose alphabet contains every Cyrillic letter of ``cyrillic_text``.

    Letters that only some languages have narrow the choice: ў is Belarusian only, є ї ґ
    Ukrainian, ы э ё rule Ukrainian out, и rules Belarusian out. When no single alphabet covers
    the text (a mixed or misspelled name) every language is plausible.
    """
    letters = {c for c in cyrillic_text.lower() if is_cyrillic(c) and c.isalpha()}
    found = tuple(lang for lang in CYRILLIC_LANGUAGES if letters <= _tables()[lang].letters.keys())
    return found or CYRILLIC_LANGUAGES
