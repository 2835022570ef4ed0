"""Registry expansion: the abbreviation of a company name written with internal capitals.

A step of registry expansion (:mod:`translit_norm.expansion`), at compile time. A company
name built of word pieces, each begun with a capital (KazMunayGas, ҚазМұнайГаз), is
abbreviated by the capitals of its pieces (KMG, КМГ): the capitals mark where the pieces
start, and the short name is made of them. Three-letter abbreviations name many things, so the
rule keeps to what makes the capitals evidence:

- three pieces or more (PetroChina's PC names too many things);
- every capital begins a piece of lower-case letters: BelAZ and BelTA already hold an
  abbreviation (AZ, TA) and are not made of pieces;
- organizations only;
- the registry writes the name with internal capitals both in Latin letters and in its
  native script, with the same capitals (KazMunayGas and КазМунайГаз): the pieces are then
  the company's own, not one spelling's typographic habit (UkrOboronProm, whose native name
  is Укроборонпром, gets no UOP, the name of another company).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from translit_norm.entities import Entity, EntityKind, NameForm, NameOrigin
from translit_norm.keys import Keyer
from translit_norm.transliteration import script_of

__all__ = ["MIN_PIECES", "abbreviation_forms", "capitals"]

#: Fewest pieces whose capitals make an abbreviation: two letters are too weak.
MIN_PIECES = 3

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def capitals(word: str) -> str | None:
    """The capitals of ``word`` when it is written in pieces with internal capitals, else None.

    A piece is a capital followed by one or more lower-case letters; the word must be made of
    :data:`MIN_PIECES` or more of them and nothing else.

    >>> capitals("KazMunayGas"), capitals("BelAZ"), capitals("RusHydro")
    ('KMG', None, None)
    """
    pieces: list[list[str]] = []
    for char in word:
        if char.isupper():
            pieces.append([char])
        elif char.islower() and pieces:
            pieces[-1].append(char)
        else:
            return None
    if len(pieces) < MIN_PIECES or any(len(piece) < 2 for piece in pieces):
        return None
    return "".join(piece[0] for piece in pieces)


def abbreviation_forms(entity: Entity, keyer: Keyer) -> Iterator[NameForm]:
    """Yield the abbreviations of ``entity``'s names written with internal capitals.

    Only for an organization that writes such a name both in Latin letters (display name or
    alias) and natively, with capitals that ``keyer`` keys alike; each agreeing abbreviation
    is yielded once, in Latin letters and in the native script.
    """
    if entity.kind is not EntityKind.ORGANIZATION or not entity.native:
        return
    latin = {
        short
        for text in (entity.name, *entity.aliases)
        for word in text.split()
        if _is_latin(word) and (short := capitals(word))
    }
    if not latin:
        return
    latin_keys = {short: keyer.key(short).full_keys for short in sorted(latin)}
    yielded: set[str] = set()
    for lang, text in entity.native:
        for word in text.split():
            short = capitals(word)
            if short is None or _is_latin(word):
                continue
            native_keys = {_NOT_ALNUM.sub("", key) for key in keyer.key(short, lang).full_keys}
            for latin_short, keys in latin_keys.items():
                if keys.isdisjoint(native_keys):
                    continue
                for form in (
                    NameForm(latin_short, NameOrigin.ABBREVIATION),
                    NameForm(short, NameOrigin.ABBREVIATION, lang=lang),
                ):
                    if form.text not in yielded:
                        yielded.add(form.text)
                        yield form


def _is_latin(word: str) -> bool:
    return all(script_of(char) == "latin" for char in word if char.isalpha())
