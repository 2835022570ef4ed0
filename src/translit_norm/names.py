"""Person names taken apart: given name, patronymic, surname, initials.

Stage 3b of the pipeline, for persons only. A person is written "Alexander Lukashenko",
"Lukashenko Alexander", "Lukashenko, Alexander", "A. G. Lukashenko" or "Alexander Grigoryevich
Lukashenko"; matching part by part (instead of the whole string) is what lets every one of
these resolve while "Viktor Lukashenko" stays another person.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from translit_norm.errors import RegistryError
from translit_norm.given_names import GivenNames
from translit_norm.keys import KeyedName
from translit_norm.yamlio import fact_lists, load_package_yaml

__all__ = [
    "PersonName",
    "gendered_pair",
    "is_patronymic",
    "offices",
    "parse_person",
    "patronymic_stems",
    "suffix_swap",
    "surname_gender",
]

#: East Slavic patronymics end in -ovich/-evich (-ovych, -avich) for men and -ovna/-evna/-ivna
#: (-aŭna) for women; after our key folding: ч is C, and ў/в is v.
_PATRONYMIC_ENDINGS = ("oviC", "eviC", "aviC", "iviC", "ovna", "evna", "ivna", "avna", "iCna")

#: Masculine and feminine forms of the same East and West Slavic surname: -ski/-ska (Polish),
#: -skiy/-skaya (Russian), -ski/-skaja (Belarusian), -ov/-ova, -ev/-eva, -in/-ina, -aŭ/-ava
#: (Belarusian), and adjectival -oy/-iy/-yi/-aya. Keys are folded, so each is one pair.
_GENDER_PAIRS = (
    ("ski", "skaja"),
    ("ski", "ska"),
    ("cki", "ckaja"),
    ("cki", "cka"),
    ("ov", "ova"),
    ("ev", "eva"),
    ("in", "ina"),
    ("av", "ava"),
    ("i", "aja"),
    ("oj", "aja"),
    ("ij", "aja"),
)

#: Greek feminine surnames are the genitive of the masculine: -is/-i (Mitsotakis, Mitsotaki),
#: -os/-ou (Papadopoulos, Papadopoulou), -as/-a (Kalogeras, Kalogera). Used only to tell two
#: surnames apart: the bare endings -i and -a also end many masculine Slavic keys, so they are
#: no evidence of gender on their own.
_GREEK_GENDER_PAIRS = (("is", "i"), ("os", "u"), ("os", "ou"), ("as", "a"))


@functools.cache
def offices() -> frozenset[str]:
    """Office and rank words written before a name (data/honorifics.yaml ``offices``)."""
    name, document = load_package_yaml("data/honorifics.yaml")
    words: set[str] = set()
    for word, line in fact_lists(name, document, "offices", "words"):
        if not isinstance(word, str) or not word.strip():
            raise RegistryError(name, line, f"bad office word {word!r} (quote it)")
        words.add(word.strip().casefold())
    return frozenset(words)


def is_patronymic(key: str) -> bool:
    """True when a token key has the shape of an East Slavic patronymic."""
    return len(key) > 5 and key.endswith(_PATRONYMIC_ENDINGS)


def patronymic_stems(key: str) -> frozenset[str]:
    """The keys the father's given name may have, from a patronymic key.

    A patronymic is the father's given name plus a suffix: Viktorovych is Viktor's son,
    Fedorovych Fedor's, Grigoryevich Grigory's (the name's final -y/-iy turns into the glide
    before -evich), Nikitich Nikita's. The stems are offered with and without the lost final
    vowel; comparing them through the given-name table tells two fathers apart.
    """
    stems: set[str] = set()
    if not is_patronymic(key):
        return frozenset()
    for ending in _PATRONYMIC_ENDINGS:
        if key.endswith(ending):
            base = key[: -len(ending)]
            bare = base.rstrip("j")
            stems |= {base, bare, bare + "i", bare + "a"}
    return frozenset(s for s in stems if len(s) >= 3)


def surname_gender(key: str) -> str | None:
    """``male`` or ``female`` when a surname key ends in a gendered Slavic ending, else None."""
    for masculine, feminine in _GENDER_PAIRS:
        if key.endswith(feminine) and len(key) > len(feminine) + 2:
            return "female"
        if key.endswith(masculine) and len(key) > len(masculine) + 2:
            return "male"
    return None


def gendered_pair(first: str, second: str) -> bool:
    """True when two surname keys are the masculine and feminine forms of one surname.

    Tsikhanouski and Tsikhanouskaya, Navalny and Navalnaya, Kalesnikau and Kalesnikava are
    different people (husband and wife, or namesakes): this is the guard that keeps them apart.
    """
    return _one_stem(first, second, _gender_endings())


#: Endings of a pair, in either order, by how much longer the first is than the second.
_EndingsByDifference = dict[int, tuple[tuple[str, str], ...]]


def _by_difference(pairs: tuple[tuple[str, str], ...]) -> _EndingsByDifference:
    table: dict[int, list[tuple[str, str]]] = {}
    for one, other in pairs:
        for a, b in ((one, other), (other, one)):
            table.setdefault(len(a) - len(b), []).append((a, b))
    return {difference: tuple(endings) for difference, endings in table.items()}


@functools.cache
def _gender_endings() -> _EndingsByDifference:
    return _by_difference(_GENDER_PAIRS + _GREEK_GENDER_PAIRS)


@functools.cache
def _swap_endings() -> _EndingsByDifference:
    return _by_difference(_SUFFIX_SWAPS)


def _one_stem(first: str, second: str, endings: _EndingsByDifference) -> bool:
    """True when the two keys are one stem (3+ letters) with the two endings of a pair.

    Equal stems make the keys differ in length as their endings do, so only the pairs of
    endings that differ so are tried (speed: most pairs fail on length alone).
    """
    for a, b in endings.get(len(first) - len(second), ()):
        stem = len(first) - len(a)
        if stem > 2 and first.endswith(a) and second.endswith(b) and first[:stem] == second[:stem]:
            return True
    return False


#: East Slavic surname suffixes that differ by one slip and yet make two families of one
#: stem: Belarusian -enka (from -enko) and -ionak/-enak (Radzenka, Radzionak), Ukrainian
#: -enko and Russian -ionok/-enok (Sidorenko, Sidorionok), -uk and -chuk (Kovaliuk,
#: Kovalchuk), -uk and -yk/-ik (Ukrainian Kravchuk and Polish Krawczyk, Ukrainian Stefanchuk
#: and Stefanchyk: two diminutive suffixes, two families), and a consonant stem with and
#: without a final -a (Sheremet and Sheremeta, Podolyak and Podolyaka: Ukrainian and
#: Belarusian surnames in -a are nouns and nicknames of their own; the feminine -a of -ov/-in
#: is a gender pair, see above). Keys are folded (ё is e, ч and cz are C, y is i). A surname
#: one slip from another only by such a swap is the other family's, not a slip. (The same
#: suffix in two languages, -enko and -enka, -enok and -enak, is one surname and is not
#: listed.)
_SUFFIX_SWAPS = (("enka", "enak"), ("enko", "enok"), ("uk", "Cuk"), ("uk", "ik"), ("", "a"))


def suffix_swap(first: str, second: str) -> bool:
    """True when two surname keys are one stem with two different family suffixes."""
    return _one_stem(first, second, _swap_endings())


@dataclass(frozen=True)
class PersonName:
    """Token indexes of a person name's parts (into :attr:`KeyedName.tokens`)."""

    given: tuple[int, ...]
    patronymic: tuple[int, ...]
    surname: tuple[int, ...]
    initials: tuple[int, ...]


#: Chinese, Japanese, Korean and Vietnamese names put the family name first, and English and
#: Russian keep that order (Xi Jinping, Kim Jong Un, Ким Чен Ын).
SURNAME_FIRST_LANGUAGES = frozenset({"zh", "ja", "ko", "vi"})

_ROMAN_NUMERAL = re.compile(r"(?=[ivxlc])m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})")


def is_regnal(name: str) -> bool:
    """True for a regnal name ending in a Roman numeral (Ilia II, Leo XIV, Charles III).

    Such a person has no surname: neither the numeral nor an epithet (of Georgia) nor the
    ordinal written out (Georgian მეორე, "the second") may stand alone for them.
    """
    words = name.split()
    return len(words) >= 2 and _ROMAN_NUMERAL.fullmatch(words[-1].casefold()) is not None


def parse_person(
    keyed: KeyedName, given_names: GivenNames, *, surname_first: bool = False
) -> PersonName:
    """Split a keyed person name into its parts.

    Rules, in order: one-letter tokens are initials; with three or more words, a word shaped
    like a patronymic that is not the only candidate surname is the patronymic; a comma
    separates surname (before) from given names (after); otherwise a word found in the
    given-name table is a given name and the last remaining word is the surname (Western
    order), or the first when the last is a known given name ("Lukashenko Alexander").
    """
    primary = keyed.readings[0] if keyed.readings else ()
    count = len(primary)
    initials = tuple(i for i in range(count) if i in keyed.initials)
    words = [i for i in range(count) if i not in keyed.initials and primary[i]]
    patronymic: tuple[int, ...] = ()
    if len(words) >= 3:
        patronymic = tuple(i for i in words if is_patronymic(primary[i]))[:1]
        words = [i for i in words if i not in patronymic]
    if not words:
        return PersonName((), patronymic, (), initials)
    if keyed.comma_at is not None and 0 < keyed.comma_at < count:
        surname = tuple(i for i in words if i < keyed.comma_at)
        given = tuple(i for i in words if i >= keyed.comma_at)
        if surname:
            return PersonName(given, patronymic, surname, initials)
    if len(words) == 1:
        return PersonName((), patronymic, (words[0],), initials)
    if surname_first:
        return PersonName(tuple(words[1:]), patronymic, (words[0],), initials)

    def known(i: int) -> bool:
        keys = frozenset(r[i] for r in keyed.readings if len(r) > i)
        return bool(given_names.groups_of(keys))

    last, first = words[-1], words[0]
    if known(last) and not known(first):
        return PersonName(tuple(words[1:]), patronymic, (first,), initials)
    return PersonName(tuple(words[:-1]), patronymic, (last,), initials)
