"""Words written with a name that say whom it names: a title's gender, Jr., a numeral.

A guard of the decision stage, after scoring. The key stage drops a courtesy title (Mrs,
Frau, Pani) and reads a suffix (Jr., мл., III) as one more word, which costs a candidate
little: yet each says something the rest of the name cannot. "Mrs Zelensky" names a woman,
so not Volodymyr Zelensky; "Viktor Yanukovych Jr." the son, not Viktor Yanukovych; "Henry VI"
another king than Henry VIII. This module reads these markers off a keyed query and says
which candidates they rule out. The title genders and suffix words are data
(data/honorifics.yaml); Roman numerals are recognized by their form.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from translit_norm.cleaning import clean
from translit_norm.entities import Entity
from translit_norm.errors import RegistryError
from translit_norm.keys import KeyedName, honorifics
from translit_norm.names import is_regnal
from translit_norm.yamlio import fact_lists, load_package_yaml

__all__ = [
    "Markers",
    "contradiction",
    "generations",
    "is_numeral",
    "query_markers",
    "title_genders",
]

#: A Roman numeral of the form written after a monarch's, a pope's or an heir's name
#: (I to XXXIX): only the letters I, V and X, so that words such as Li, Di or Mill are never
#: read as numbers. Xi, Vi and Ix remain words too: see :func:`contradiction`.
_NUMERAL = re.compile(r"x{0,3}(ix|iv|v?i{0,3})")
_NUMERAL_LETTERS = frozenset("ivx")
#: A word of a registered name, for comparing a query's markers with the entity's names.
_WORD = re.compile(r"[^\W_]+")


@functools.cache
def title_genders() -> dict[str, str]:
    """Gendered courtesy titles (data/honorifics.yaml): title -> ``female`` or ``male``."""
    name, document = load_package_yaml("data/honorifics.yaml")
    titles = honorifics()
    genders: dict[str, str] = {}
    for gender in ("female", "male"):
        for word, line in fact_lists(name, document, f"{gender}_titles", "words"):
            if not isinstance(word, str) or clean(word) not in titles:
                raise RegistryError(name, line, f"{word!r} is not one of the titles")
            if genders.setdefault(clean(word), gender) != gender:
                raise RegistryError(name, line, f"{word!r} is given two genders")
    return genders


@functools.cache
def generations() -> dict[str, int]:
    """Generational suffixes (data/honorifics.yaml): word -> its meaning (entry line)."""
    name, document = load_package_yaml("data/honorifics.yaml")
    meanings: dict[str, int] = {}
    for word, line in fact_lists(name, document, "generations", "words"):
        if not isinstance(word, str) or not word.strip():
            raise RegistryError(name, line, f"bad suffix {word!r} (quote it)")
        if meanings.setdefault(clean(word), line) != line:
            raise RegistryError(name, line, f"{word!r} has two meanings")
    return meanings


def is_numeral(word: str) -> bool:
    """True for a casefolded word that is a Roman numeral from I to XXXIX."""
    return bool(word) and _NUMERAL.fullmatch(word) is not None


@dataclass(frozen=True)
class Markers:
    """What a query says of whom it names, besides the name itself.

    Attributes:
        title: The gendered courtesy title before the name, as written (casefolded), if any.
        gender: The gender of that title (``female``/``male``), if any.
        generations: The meanings (:func:`generations`) of suffixes after the first word.
        numerals: Roman numerals after the first word, two letters or more (III, VI).
        letters: One-letter words after the first that are also numerals (I, V, X): an
            initial as often, so they count only against a person named with a numeral.
    """

    title: str | None
    gender: str | None
    generations: frozenset[int]
    numerals: frozenset[str]
    letters: frozenset[str]


def query_markers(keyed: KeyedName) -> Markers | None:
    """The markers of a keyed query, or None when it has none (most queries)."""
    first, _, rest = keyed.cleaned.partition(" ")
    # keys.py drops a title only when a name follows it; the cleaned text keeps it.
    title = first.rstrip(".") if rest else None
    gender = title_genders().get(title) if title else None
    suffixes = generations()
    found: set[int] = set()
    numerals: set[str] = set()
    letters: set[str] = set()
    for token in keyed.tokens[1:]:
        if token in suffixes:
            found.add(suffixes[token])
        elif token[:1] in _NUMERAL_LETTERS and is_numeral(token):
            (numerals if len(token) > 1 else letters).add(token)
    if gender is None and not found and not numerals and not letters:
        return None
    return Markers(
        title if gender else None, gender, frozenset(found), frozenset(numerals), frozenset(letters)
    )


def _words(names: Iterable[str]) -> frozenset[str]:
    return frozenset(w for text in names for w in _WORD.findall(clean(text)))


def contradiction(markers: Markers, entity: Entity, gender: str | None) -> str | None:
    """Why the query's markers rule out ``entity``, or None when they do not.

    Args:
        markers: The query's markers.
        entity: A candidate.
        gender: The candidate's gender, for a person when known (the registry's, else what
            its given names or surname forms say).

    A title whose gender is not the person's names someone else (the wife, the husband). A
    generational suffix or a numeral names a son, a father or another monarch, unless one
    of the entity's own names carries the same one (Donald Trump Jr., Ilia II): a marker
    that is one of the entity's own words agrees, which also keeps the surname Xi and a
    Catalan conjunction i from being read as numbers.
    """
    names = (entity.name, *entity.aliases, *(text for _, text in entity.native))
    # A title that is also a word of the person's own names is that word (the Chinese
    # surname Pan, not Polish Pan): it says nothing of gender.
    if (
        markers.gender
        and gender
        and markers.gender != gender
        and markers.title not in _words(names)
    ):
        return f"a {markers.gender} title before the name of a {gender} person"
    if not (markers.generations or markers.numerals or markers.letters):
        return None
    words = _words(names)
    suffixes = generations()
    own = {suffixes[w] for w in words if w in suffixes}
    for meaning in sorted(markers.generations - own):
        word = next(w for w, m in suffixes.items() if m == meaning)
        return f"{word!r}: a generational suffix that none of the entity's names carries"
    for numeral in sorted(markers.numerals - words):
        return f"{numeral!r}: a numeral that none of the entity's names carries"
    if markers.letters - words and any(is_regnal(n) for n in names):
        letter = sorted(markers.letters - words)[0]
        return f"{letter!r}: another numeral than the entity's"
    return None
