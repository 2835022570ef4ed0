"""Romanization: Cyrillic names to the Latin spellings real standards give (transliteration stage).

A registry entry gives a name once, natively (``be: Аляксандр Лукашэнка``); the world writes it
as *Aliaksandr Lukashenka* in his passport, *Alaksandr Łukašenka* on Radio Svaboda,
*Alyaksandr Lukashenka* under BGN/PCGN and *Łukaszenka* in a Polish daily. This module produces
those spellings from the named standards' own tables (see :mod:`translit_norm.schemes` and
``docs/romanization.md``), so the index can hold every common form of a name, not one guess.

The engine is a small, table-driven, left-to-right rewriter:

* at each position, the scheme's context rules are tried in file order; the first rule whose
  ``match`` text is next and whose ``after``/``before`` context holds wins;
* otherwise the longest ``letters`` key that matches is used;
* characters the scheme does not know pass through unchanged.

Context is read from the source text, lowercased. Case is then put back per match: a match that
starts with a capital is title-cased (``Щ`` -> ``Shch``), and in a word whose letters are all
capitals (two or more) the whole output is upper-cased (``ЩУКИН`` -> ``SHCHUKIN``).

Everything here is a pure function of its arguments; the tables are loaded lazily and cached by
:mod:`translit_norm.schemes`.
"""

from __future__ import annotations

import unicodedata

from translit_norm.schemes import (
    APOSTROPHES,
    Rule,
    Scheme,
    get_scheme,
    language_codes,
    language_schemes,
)

__all__ = ["languages", "romanization_scheme", "romanizations", "romanize", "scheme_ids"]

# Combining double marks (the ALA-LC tie in "i͡a", "t͡s") bind two letters into one unit,
# so title case must capitalise the letter after the tie as well.
_DOUBLE_MARKS = frozenset(chr(code) for code in range(0x035C, 0x0363))

# Stands in, in the folded text, for an apostrophe that is punctuation rather than part of a
# Cyrillic word; it matches no table key and counts as a word boundary.
_PUNCTUATION_APOSTROPHE = "\ue000"


def _is_cyrillic_letter(char: str) -> bool:
    return char.isalpha() and "CYRILLIC" in unicodedata.name(char, "")


def _fold(text: str) -> list[str]:
    """Lowercase per character (keeping positions aligned) and fold in-word apostrophes."""
    folded: list[str] = []
    for index, char in enumerate(text):
        if char in APOSTROPHES:
            # Only an apostrophe inside a Cyrillic word is a letter of the word; elsewhere it is
            # punctuation and must pass through untouched.
            inside = index > 0 and _is_cyrillic_letter(text[index - 1])
            folded.append("'" if inside else _PUNCTUATION_APOSTROPHE)
            continue
        lower = char.lower()
        folded.append(lower if len(lower) == 1 else char)
    return folded


def _word_flags(text: str, folded: list[str]) -> list[bool]:
    """For each position, whether it lies in an all-capitals word of two or more letters."""
    flags = [False] * len(text)
    start = 0
    length = len(text)
    while start < length:
        if not (text[start].isalpha() or folded[start] == "'"):
            start += 1
            continue
        end = start
        cased = 0
        all_upper = True
        while end < length and (
            text[end].isalpha() or folded[end] == "'" or unicodedata.combining(text[end])
        ):
            char = text[end]
            if char.lower() != char.upper():
                cased += 1
                all_upper = all_upper and char.isupper()
            end += 1
        if all_upper and cased >= 2:
            for position in range(start, end):
                flags[position] = True
        start = end
    return flags


def _in_class(char: str | None, tokens: frozenset[str], scheme: Scheme, edge: str) -> bool:
    """Whether a neighbouring source character satisfies a rule's context list."""
    if not tokens:
        return True
    if char is None or not (char.isalpha() or char == "'"):
        return edge in tokens
    if char in tokens:
        return True
    if "vowel" in tokens and char in scheme.vowels:
        return True
    return "consonant" in tokens and char in scheme.consonants


def _rule_applies(rule: Rule, folded: list[str], position: int, scheme: Scheme) -> bool:
    size = len(rule.match)
    if "".join(folded[position : position + size]) != rule.match:
        return False
    previous = folded[position - 1] if position > 0 else None
    following = folded[position + size] if position + size < len(folded) else None
    return _in_class(previous, rule.after, scheme, "start") and _in_class(
        following, rule.before, scheme, "end"
    )


def _title(output: str) -> str:
    if len(output) > 2 and output[1] in _DOUBLE_MARKS:
        return output[0].upper() + output[1] + output[2].upper() + output[3:]
    return output[:1].upper() + output[1:]


def _apply_case(output: str, source: str, all_caps_word: bool) -> str:
    first_cased = next((char for char in source if char.lower() != char.upper()), None)
    if first_cased is None or not first_cased.isupper():
        return output
    if all_caps_word:
        return output.upper()
    return _title(output)


def _romanize_with(text: str, scheme: Scheme) -> str:
    text = unicodedata.normalize("NFC", text)
    folded = _fold(text)
    caps = _word_flags(text, folded)
    known = scheme.source_characters
    pieces: list[str] = []
    position = 0
    length = len(text)
    while position < length:
        if folded[position] not in known:
            pieces.append(text[position])
            position += 1
            continue
        output: str | None = None
        size = 0
        for rule in scheme.rules:
            if _rule_applies(rule, folded, position, scheme):
                output, size = rule.output, len(rule.match)
                break
        if output is None:
            for size in range(min(scheme.max_letter_length, length - position), 0, -1):
                output = scheme.letters.get("".join(folded[position : position + size]))
                if output is not None:
                    break
        if output is None:
            pieces.append(text[position])
            position += 1
            continue
        pieces.append(_apply_case(output, text[position : position + size], caps[position]))
        position += size
    return "".join(pieces)


def romanization_scheme(lang: str, scheme: str | None = None) -> Scheme:
    """The :class:`~translit_norm.schemes.Scheme` that :func:`romanize` would use.

    Raises:
        UnknownLanguageError: No schemes exist for ``lang``.
        UnknownSchemeError: ``lang`` has no scheme called ``scheme``.
    """
    return get_scheme(lang, scheme)


def romanize(text: str, *, lang: str, scheme: str | None = None) -> str:
    """Romanize Cyrillic ``text`` of language ``lang`` with one named scheme.

    Args:
        text: Any string; characters outside the scheme's alphabet pass through unchanged
            (the result is in Unicode NFC).
        lang: Source language code: one of :func:`languages`.
        scheme: Scheme id from :func:`scheme_ids`; ``None`` uses the language's default,
            the first scheme in its file (for Belarusian ``national-2007``).

    Returns:
        The romanized text, with the case of each word kept (title case stays title case,
        an all-capitals word stays all capitals).

    Raises:
        UnknownLanguageError: No schemes exist for ``lang``.
        UnknownSchemeError: ``lang`` has no scheme called ``scheme``.

    Example:
        >>> romanize("Аляксандр Лукашэнка", lang="be", scheme="passport")
        'Aliaksandr Lukashenka'
    """
    return _romanize_with(text, get_scheme(lang, scheme))


def romanizations(text: str, *, lang: str) -> tuple[tuple[str, str], ...]:
    """Romanize ``text`` with every scheme of ``lang``, dropping repeated results.

    Returns:
        ``(scheme id, result)`` pairs in file order; when two schemes produce the same string
        only the first one is kept.

    Raises:
        UnknownLanguageError: No schemes exist for ``lang``.
    """
    seen: set[str] = set()
    results: list[tuple[str, str]] = []
    for candidate in language_schemes(lang):
        result = _romanize_with(text, candidate)
        if result not in seen:
            seen.add(result)
            results.append((candidate.id, result))
    return tuple(results)


def languages() -> tuple[str, ...]:
    """Codes of the source languages that have romanization schemes, sorted."""
    return language_codes()


def scheme_ids(lang: str) -> tuple[str, ...]:
    """Ids of the schemes of ``lang`` in file order (the first is the default).

    Raises:
        UnknownLanguageError: No schemes exist for ``lang``.
    """
    return tuple(candidate.id for candidate in language_schemes(lang))
