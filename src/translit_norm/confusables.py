"""Stage 1b, homoglyphs: a word written in one script keeps that script throughout.

Part of cleaning, run per word before keys are made. Latin, Cyrillic and Greek share a dozen
letters that look the same (Latin o, Cyrillic о, Greek ο), and scraped text mixes them inside
one word: a keyboard layout switched half-way, OCR, or a name spoofed to slip past a filter
("Lukashenkо" with a Cyrillic о). Read letter by letter, such a word is a different name (the
Cyrillic р in "Рiotr" is an r). The fact used here: a real word is written in one script, so a
letter of another script inside it that looks like a letter of the word's own script stands for
that letter. Words written in a single script are never touched, whatever they look like.

The look-alike classes are data (data/confusables.yaml), validated when first read.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from translit_norm.errors import RegistryError
from translit_norm.transliteration import script_of
from translit_norm.yamlio import YamlList, YamlMap, load_yaml_text

__all__ = ["SCRIPTS", "Homoglyphs", "Neutralized", "homoglyphs", "neutralize"]

#: The scripts whose letters are confused with one another.
SCRIPTS = ("latin", "cyrillic", "greek")

_DATA = "data/confusables.yaml"
_NAME = f"translit_norm/{_DATA}"
# Words as the key stage sees them (apostrophe-joined parts belong to one word), with
# combining marks kept inside the word.
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+(?:'(?:[^\W_]|[\u0300-\u036f])+)*")


@dataclass(frozen=True)
class Neutralized:
    """One word whose foreign look-alike letters were replaced.

    Attributes:
        original: The word as written.
        replaced: The word in one script.
        script: The script it was read in.
    """

    original: str
    replaced: str
    script: str

    def __str__(self) -> str:
        return f"{self.original!r} read as {self.script} {self.replaced!r}"


@dataclass(frozen=True)
class Homoglyphs:
    """The look-alike table: for each character, its look-alike in every other script.

    Attributes:
        lookalikes: Casefolded letter -> {script: the letter of that script drawn the same}.
    """

    lookalikes: Mapping[str, Mapping[str, str]]

    def lookalike(self, char: str, script: str) -> str | None:
        """The letter of ``script`` drawn like ``char`` (diacritics kept), else None."""
        found = self.lookalikes.get(char)
        if found is not None:
            return found.get(script)
        # A diacritic on a look-alike base is the same look-alike (Latin é in Cyrillic
        # is Cyrillic е with an acute, a stress mark).
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1:
            base = self.lookalikes.get(decomposed[0], {}).get(script)
            if base is not None:
                return unicodedata.normalize("NFC", base + decomposed[1:])
        return None


@functools.cache
def homoglyphs() -> Homoglyphs:
    """The table of data/confusables.yaml, loaded and validated once per process.

    Raises:
        RegistryError: the data file breaks its schema (``path:line: reason``).
    """
    text = resources.files("translit_norm").joinpath(_DATA).read_text("utf-8")
    document = load_yaml_text(text, name=_NAME)
    if not isinstance(document, YamlMap) or set(document) != {"version", "classes"}:
        raise RegistryError(_NAME, 1, "expected exactly 'version' and 'classes'")
    if document["version"] != 1:
        raise RegistryError(_NAME, document.key_lines["version"], "unsupported version")
    classes = document["classes"]
    if not isinstance(classes, YamlList):
        raise RegistryError(_NAME, document.key_lines["classes"], "'classes' must be a list")
    table: dict[str, dict[str, str]] = {}
    first_line: dict[str, int] = {}
    for entry, line in zip(classes, classes.item_lines, strict=True):
        members = _class_members(entry, line)
        for script, letters in members.items():
            for char in letters:
                if char in table:
                    raise RegistryError(
                        _NAME, line, f"{char!r} is already in the class on line {first_line[char]}"
                    )
                table[char] = {s: other[0] for s, other in members.items() if s != script}
                first_line[char] = line
    return Homoglyphs(MappingProxyType({c: MappingProxyType(m) for c, m in table.items()}))


def _class_members(entry: object, line: int) -> dict[str, str]:
    if not isinstance(entry, YamlMap) or "why" not in entry:
        raise RegistryError(_NAME, line, "each class is a mapping with 'why' and scripts")
    members: dict[str, str] = {}
    for key, value in entry.items():
        if key == "why":
            continue
        if key not in SCRIPTS:
            raise RegistryError(_NAME, line, f"unknown script {key!r} (use {', '.join(SCRIPTS)})")
        if not isinstance(value, str) or not value:
            raise RegistryError(_NAME, line, f"{key}: expected a string of letters")
        for char in value:
            if script_of(char) != key or char != char.casefold() or not _stable(char):
                raise RegistryError(
                    _NAME, line, f"{key}: {char!r} is not a casefolded, NFKC-stable {key} letter"
                )
        members[key] = value
    if len(members) < 2:
        raise RegistryError(_NAME, line, "a class needs letters of at least two scripts")
    return members


def _stable(char: str) -> bool:
    """Cleaning runs NFKC first, so a letter it would rewrite could never be seen here."""
    return unicodedata.normalize("NFKC", char) == char


def neutralize(text: str) -> tuple[str, tuple[Neutralized, ...]]:
    """Rewrite each mixed-script word of ``text`` in the one script it imitates.

    Works on cleaned, casefolded text (:func:`translit_norm.cleaning.clean`), so the answer
    never depends on letter case. For a word mixing
    Latin, Cyrillic and Greek letters, the scripts it could be written in are those into
    which every foreign letter has a look-alike. Among them the word's script is, in order:
    the one with more letters that have no look-alike in the word's other scripts (such a
    letter cannot be a disguise); the one the name's single-script words are written in;
    the one with more letters in the word. When these do not decide, the word is left as is:
    guessing could change a name.

    Args:
        text: Cleaned, casefolded text.

    Returns:
        The text with mixed words rewritten, and one record per rewritten word.
    """
    if text.isascii():
        return text, ()
    table = homoglyphs()
    words = list(_WORD.finditer(text))
    letters = [_script_counts(w.group()) for w in words]
    if not any(len(counts) > 1 for counts in letters):
        return text, ()
    context: Counter[str] = Counter()
    for counts in letters:
        if len(counts) == 1:
            context.update(counts)
    out: list[str] = []
    done: list[Neutralized] = []
    position = 0
    for word, counts in zip(words, letters, strict=True):
        if len(counts) < 2:
            continue
        original = word.group()
        script = _script_of_word(original, counts, context, table)
        if script is None:
            continue
        replaced = "".join(_in_script(c, script, table) for c in original)
        out.append(text[position : word.start()])
        out.append(replaced)
        position = word.end()
        done.append(Neutralized(original, replaced, script))
    out.append(text[position:])
    return "".join(out), tuple(done)


def _script_counts(word: str) -> Counter[str]:
    """Letters per script; a letter outside :data:`SCRIPTS` marks the word as not ours."""
    counts: Counter[str] = Counter()
    for char in word:
        if not char.isalpha():
            continue
        script = script_of(char)
        counts[script if script in SCRIPTS else "other"] += 1
    if "other" in counts:
        return Counter(other=1)
    return counts


def _script_of_word(
    word: str, counts: Counter[str], context: Counter[str], table: Homoglyphs
) -> str | None:
    present = set(counts)
    ranked: list[tuple[int, int, int, str]] = []
    for script in sorted(present):
        own = [c for c in word if c.isalpha() and script_of(c) == script]
        foreign = [c for c in word if c.isalpha() and script_of(c) != script]
        if any(table.lookalike(c, script) is None for c in foreign):
            continue
        others = present - {script}
        distinctive = sum(
            1 for c in own if all(table.lookalike(c, other) is None for other in others)
        )
        ranked.append((distinctive, context[script], counts[script], script))
    if not ranked:
        return None
    ranked.sort(reverse=True)
    if len(ranked) > 1 and ranked[0][:3] == ranked[1][:3]:
        return None
    return ranked[0][3]


def _in_script(char: str, script: str, table: Homoglyphs) -> str:
    if not char.isalpha() or script_of(char) == script:
        return char
    return table.lookalike(char, script) or char
