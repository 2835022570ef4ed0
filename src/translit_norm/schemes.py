"""Romanization scheme tables: loading and validation (data stage behind transliteration).

The romanization engine (:mod:`translit_norm.romanization`) is deliberately dumb: it applies
whatever a table says. The knowledge lives in hand-edited YAML files under
``translit_norm/data/schemes/<lang>.yaml``, one per source language, and this module is the
only code that reads them. It turns each file into frozen :class:`Scheme` objects and refuses a
bad file with a :class:`~translit_norm.errors.RegistryError` naming the file, the line and the
problem, so a typo in a table fails loudly at load time instead of silently changing keys.

Files are read lazily, on first use, and cached per process at one boundary
(:func:`language_schemes`); :func:`clear_cache` empties it. Nothing happens at import time.

The file format is documented in the header of every scheme file and in
``docs/romanization.md``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

import yaml

from translit_norm.errors import RegistryError, UnknownLanguageError, UnknownSchemeError

__all__ = [
    "APOSTROPHES",
    "CONTEXT_CLASSES",
    "Rule",
    "Scheme",
    "clear_cache",
    "get_scheme",
    "language_codes",
    "language_schemes",
    "load_scheme_file",
]

#: Characters that spell the Ukrainian/Belarusian apostrophe in the wild. Tables key the
#: apostrophe as ``'``; the engine folds the other two onto it inside Cyrillic words.
APOSTROPHES = frozenset({"'", "\u2019", "\u02bc"})

#: Named positions a rule's ``after``/``before`` list may use besides literal letters.
#: ``start`` is only meaningful in ``after`` and ``end`` only in ``before``.
CONTEXT_CLASSES = frozenset({"start", "end", "vowel", "consonant"})

_SCHEME_ID = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_TOP_KEYS = frozenset({"language", "alphabet", "vowels", "consonants", "schemes"})
_SCHEME_KEYS = frozenset({"id", "title", "source", "note", "letters", "rules"})
_RULE_KEYS = frozenset({"match", "output", "after", "before", "why"})
_MAX_KEY_LENGTH = 12


def _is_cyrillic(char: str) -> bool:
    return "CYRILLIC" in unicodedata.name(char, "")


@dataclass(frozen=True, slots=True)
class Rule:
    """One context rule: ``match`` becomes ``output`` when the context holds.

    Attributes:
        match: Lowercase source text the rule consumes (one or more characters).
        output: Latin text written instead (lowercase; the engine applies case).
        after: Allowed contexts for the character just before ``match``: class names
            (``start``, ``vowel``, ``consonant``) or literal characters. Empty means any.
        before: Allowed contexts for the character just after ``match``: class names
            (``end``, ``vowel``, ``consonant``) or literal characters. Empty means any.
        why: The clause of the standard the rule encodes.
    """

    match: str
    output: str
    after: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()
    why: str = ""

    def __repr__(self) -> str:
        where = []
        if self.after:
            where.append(f"after {sorted(self.after)}")
        if self.before:
            where.append(f"before {sorted(self.before)}")
        context = f" ({', '.join(where)})" if where else ""
        return f"<Rule {self.match!r} -> {self.output!r}{context}>"


@dataclass(frozen=True, slots=True)
class Scheme:
    """A named romanization standard for one source language.

    Attributes:
        language: Source language code (``be``, ``uk``, ``ru``, ``bg``, ``sr``, ``mk``).
        id: Scheme identifier, unique within the language (``national-2007``).
        title: Human-readable name of the standard.
        source: Citation of the standard (document, year).
        letters: Lowercase Cyrillic letter (or short sequence) to Latin text.
        rules: Context rules, tried in order before ``letters``.
        vowels: Letters the ``vowel`` context class matches.
        consonants: Letters the ``consonant`` context class matches.
        note: Free-text remark (uncertainties, scope), may be empty.
    """

    language: str
    id: str
    title: str
    source: str
    letters: Mapping[str, str]
    rules: tuple[Rule, ...]
    vowels: frozenset[str]
    consonants: frozenset[str]
    note: str = ""
    max_letter_length: int = field(default=1, compare=False)

    def __repr__(self) -> str:
        size = f"{len(self.letters)} letters, {len(self.rules)} rules"
        return f"<Scheme {self.language}/{self.id}: {size}>"

    @property
    def is_ascii(self) -> bool:
        """True when every output of the table and its rules is plain ASCII."""
        outputs = [*self.letters.values(), *(rule.output for rule in self.rules)]
        return all(text.isascii() for text in outputs)

    @property
    def source_characters(self) -> frozenset[str]:
        """Every character the scheme knows how to start a match on."""
        starts = {key[0] for key in self.letters}
        starts.update(rule.match[0] for rule in self.rules)
        return frozenset(starts)


# --------------------------------------------------------------------------- validation


class _Checker:
    """Walks a composed YAML node tree, raising RegistryError with line numbers."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: yaml.Node | None, reason: str) -> RegistryError:
        line = node.start_mark.line + 1 if node is not None else None
        return RegistryError(self.path, line, reason)

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        pairs: list[tuple[yaml.ScalarNode, yaml.Node]] = []
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise self.fail(key, f"{what}: keys must be plain strings")
            if key.value in seen:
                raise self.fail(key, f"{what}: duplicate key {key.value!r}")
            seen.add(key.value)
            pairs.append((key, value))
        return pairs

    def keys(
        self, node: yaml.Node, allowed: frozenset[str], required: set[str], what: str
    ) -> dict[str, yaml.Node]:
        pairs = self.mapping(node, what)
        found = {key.value: value for key, value in pairs}
        for key, _ in pairs:
            if key.value not in allowed:
                raise self.fail(
                    key,
                    f"{what}: unknown key {key.value!r} (allowed: {', '.join(sorted(allowed))})",
                )
        missing = sorted(required - found.keys())
        if missing:
            raise self.fail(node, f"{what}: missing {', '.join(missing)}")
        return found

    def string(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a string")
        value = str(node.value)
        if not allow_empty and not value.strip():
            raise self.fail(node, f"{what} must not be empty")
        return value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)


def _letter_set(checker: _Checker, node: yaml.Node, what: str) -> frozenset[str]:
    text = checker.string(node, what)
    letters = frozenset(text.replace(" ", ""))
    for char in letters:
        if char != char.lower():
            raise checker.fail(node, f"{what}: {char!r} must be lowercase")
    return letters


def _check_output(checker: _Checker, node: yaml.Node, what: str) -> str:
    output = checker.string(node, what, allow_empty=True)
    if unicodedata.normalize("NFC", output) != output:
        raise checker.fail(node, f"{what}: output {output!r} is not in Unicode NFC")
    if any(_is_cyrillic(char) for char in output):
        raise checker.fail(node, f"{what}: output {output!r} contains Cyrillic")
    if output != output.lower():
        raise checker.fail(
            node, f"{what}: output {output!r} must be lowercase (case is applied by the engine)"
        )
    return output


def _check_source(checker: _Checker, node: yaml.Node, what: str) -> str:
    source = checker.string(node, what)
    if len(source) > _MAX_KEY_LENGTH:
        raise checker.fail(node, f"{what}: {source!r} is longer than {_MAX_KEY_LENGTH} characters")
    if source != source.lower():
        raise checker.fail(node, f"{what}: {source!r} must be lowercase")
    if not (_is_cyrillic(source[0]) or source[0] in APOSTROPHES):
        raise checker.fail(
            node, f"{what}: {source!r} must start with a Cyrillic letter or apostrophe"
        )
    return source


def _check_context(checker: _Checker, node: yaml.Node, what: str, forbidden: str) -> frozenset[str]:
    tokens: set[str] = set()
    for item in checker.sequence(node, what):
        token = checker.string(item, what)
        if token == forbidden:
            raise checker.fail(item, f"{what}: {forbidden!r} cannot be used here")
        if token not in CONTEXT_CLASSES and len(token) != 1:
            raise checker.fail(
                item,
                f"{what}: {token!r} is neither a class ({', '.join(sorted(CONTEXT_CLASSES))}) "
                "nor a single character",
            )
        tokens.add(token)
    return frozenset(tokens)


def _check_rule(checker: _Checker, node: yaml.Node, where: str) -> Rule:
    found = checker.keys(node, _RULE_KEYS, {"match", "output", "why"}, where)
    match = _check_source(checker, found["match"], f"{where}.match")
    output = _check_output(checker, found["output"], f"{where}.output")
    why = checker.string(found["why"], f"{where}.why")
    after = (
        _check_context(checker, found["after"], f"{where}.after", "end")
        if "after" in found
        else frozenset()
    )
    before = (
        _check_context(checker, found["before"], f"{where}.before", "start")
        if "before" in found
        else frozenset()
    )
    return Rule(match=match, output=output, after=after, before=before, why=why)


def _parse_document(text: str, path: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise RegistryError(path, line, f"not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise RegistryError(path, None, f"not valid YAML: {exc}") from exc
    if node is None:
        raise RegistryError(path, None, "file is empty")
    return node


def _build_schemes(text: str, path: str, expected_language: str | None) -> tuple[Scheme, ...]:
    checker = _Checker(path)
    root = _parse_document(text, path)
    top = checker.keys(root, _TOP_KEYS, set(_TOP_KEYS), "file")
    language = checker.string(top["language"], "language")
    if not _LANGUAGE_CODE.match(language):
        raise checker.fail(
            top["language"], f"language {language!r} is not a lowercase ISO 639 code"
        )
    if expected_language is not None and language != expected_language:
        raise checker.fail(
            top["language"], f"language {language!r} does not match file name {expected_language!r}"
        )
    alphabet = _letter_set(checker, top["alphabet"], "alphabet")
    vowels = _letter_set(checker, top["vowels"], "vowels")
    consonants = _letter_set(checker, top["consonants"], "consonants")
    if vowels & consonants:
        raise checker.fail(
            top["consonants"],
            f"letters both vowel and consonant: {''.join(sorted(vowels & consonants))}",
        )

    schemes: list[Scheme] = []
    seen_ids: set[str] = set()
    entries = checker.sequence(top["schemes"], "schemes")
    if not entries:
        raise checker.fail(top["schemes"], "schemes must not be empty")
    for entry in entries:
        found = checker.keys(entry, _SCHEME_KEYS, {"id", "title", "source", "letters"}, "scheme")
        scheme_id = checker.string(found["id"], "scheme id")
        if not _SCHEME_ID.match(scheme_id):
            raise checker.fail(
                found["id"],
                f"scheme id {scheme_id!r} must be [a-z0-9] words joined by '-' (or '.')",
            )
        if scheme_id in seen_ids:
            raise checker.fail(found["id"], f"duplicate scheme id {scheme_id!r}")
        seen_ids.add(scheme_id)
        where = f"scheme {scheme_id!r}"
        letters: dict[str, str] = {}
        for key, value in checker.mapping(found["letters"], f"{where} letters"):
            source = _check_source(checker, key, f"{where} letters")
            letters[source] = _check_output(checker, value, f"{where} letters[{source!r}]")
        missing = sorted(alphabet - letters.keys())
        if missing:
            raise checker.fail(
                found["letters"], f"{where}: letters do not cover {' '.join(missing)}"
            )
        rules = (
            tuple(
                _check_rule(checker, rule_node, f"{where} rule {index + 1}")
                for index, rule_node in enumerate(
                    checker.sequence(found["rules"], f"{where} rules")
                )
            )
            if "rules" in found
            else ()
        )
        schemes.append(
            Scheme(
                language=language,
                id=scheme_id,
                title=checker.string(found["title"], f"{where} title"),
                source=checker.string(found["source"], f"{where} source"),
                note=checker.string(found["note"], f"{where} note") if "note" in found else "",
                letters=MappingProxyType(letters),
                rules=rules,
                vowels=vowels,
                consonants=consonants,
                max_letter_length=max(len(key) for key in letters),
            )
        )
    return tuple(schemes)


def load_scheme_file(path: str | Path) -> tuple[Scheme, ...]:
    """Read and validate one scheme file from disk, without caching.

    Useful for checking an edited table before shipping it. The language code must match
    the file's stem (``be.yaml`` holds ``language: be``).

    Args:
        path: Path to a ``<lang>.yaml`` scheme file.

    Returns:
        The file's schemes, in file order.

    Raises:
        RegistryError: The file is unreadable, not YAML, or breaks the schema.
    """
    file_path = Path(path)
    try:
        text = file_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(str(file_path), None, f"cannot read: {exc.strerror}") from exc
    return _build_schemes(text, str(file_path), file_path.stem)


# ------------------------------------------------------------------------- cached access


def _data_directory() -> Traversable:
    return resources.files("translit_norm").joinpath("data", "schemes")


@functools.cache
def language_codes() -> tuple[str, ...]:
    """Codes of every language that has a shipped scheme file, sorted."""
    directory = _data_directory()
    return tuple(
        sorted(
            item.name[: -len(".yaml")]
            for item in directory.iterdir()
            if item.name.endswith(".yaml")
        )
    )


@functools.cache
def language_schemes(lang: str) -> tuple[Scheme, ...]:
    """The shipped schemes of one language, in file order (the first is the default).

    This is the cache boundary: each file is read and validated once per process.

    Args:
        lang: Source language code, e.g. ``"be"``.

    Raises:
        UnknownLanguageError: No scheme file exists for ``lang``.
        RegistryError: The shipped file is invalid.
    """
    if lang not in language_codes():
        known = ", ".join(language_codes())
        raise UnknownLanguageError(
            f"no romanization schemes for language {lang!r} (known: {known})"
        )
    resource = _data_directory().joinpath(f"{lang}.yaml")
    text = resource.read_text(encoding="utf-8")
    return _build_schemes(text, f"translit_norm/data/schemes/{lang}.yaml", lang)


def get_scheme(lang: str, scheme: str | None = None) -> Scheme:
    """Look up one scheme; ``None`` selects the language's default (first listed).

    Raises:
        UnknownLanguageError: No scheme file exists for ``lang``.
        UnknownSchemeError: ``lang`` has no scheme called ``scheme``.
    """
    schemes = language_schemes(lang)
    if scheme is None:
        return schemes[0]
    for candidate in schemes:
        if candidate.id == scheme:
            return candidate
    known = ", ".join(candidate.id for candidate in schemes)
    raise UnknownSchemeError(f"language {lang!r} has no scheme {scheme!r} (known: {known})")


def clear_cache() -> None:
    """Forget every loaded scheme file (the next call re-reads them)."""
    language_schemes.cache_clear()
    language_codes.cache_clear()
