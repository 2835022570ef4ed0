"""Words made from a registered name: a guard of the fuzzy whole-name step (stage 4).

The fuzzy whole-name step (resolver.py) matches a place or an organization whose key is close
to the query's, taking the difference for a slip of the pen or a spelling. Some differences
are neither: they make another word of the name. An ending added to the whole name (Minsk,
Minsky; Georgia, Georgian; Mykolaiv, Mykolaivka), a word added after it (Kommersant,
Kommersant FM) or a first letter added, left out or changed (Akhtiar, Shakhtar) gives the name
of someone or something else, however few letters it changes. The endings are data
(``data/derivations.yaml``), each with the word-formation fact it encodes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from translit_norm.errors import RegistryError
from translit_norm.keys import KeyedName, Keyer
from translit_norm.names import is_regnal
from translit_norm.yamlio import fact_lists, load_package_yaml

__all__ = ["Derivations", "another_word", "derivations", "first_letter_slip", "is_derivation"]

_VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Derivations:
    """The endings of data/derivations.yaml, as keys.

    Attributes:
        added: (registered key's required ending, added ending) pairs; the first is "" when
            any registered key may take the ending.
        clipped: Endings of a registered key that a query may lack.
    """

    added: tuple[tuple[str, str], ...]
    clipped: tuple[str, ...]

    def derived(self, query_key: str, registered_key: str) -> str | None:
        """The ending that makes ``query_key`` another word than ``registered_key``, if any.

        Either the query is the registered key and an added ending (an ending of two letters
        or more may also replace the registered key's final vowel: Ukraina, Ukrainka), or the
        registered key is the query and one of the clipped endings.
        """
        if registered_key.startswith(query_key):
            ending = registered_key[len(query_key) :]
            return f"-{ending}" if ending in self.clipped else None
        stems = [registered_key]
        if registered_key[-1:] in _VOWELS:
            stems.append(registered_key[:-1])
        for stem in stems:
            if not query_key.startswith(stem) or len(stem) < 3:
                continue
            ending = query_key[len(stem) :]
            if stem is not registered_key and len(ending) < 2:
                continue
            for after, added in self.added:
                if ending == added and stem.endswith(after):
                    return f"+{ending}"
        return None


def first_letter_slip(query_key: str, registered_key: str) -> bool:
    """True when two keys differ by a first letter added, left out or changed, and no more.

    Writers rarely get a name's first letter wrong, and two words that differ only there are
    usually two words (Akhtiar, the old name of Sevastopol, and Shakhtar). A short form that
    drops a whole syllable (Thessaloniki, Saloniki) is not this.
    """
    if not query_key or not registered_key or query_key[0] == registered_key[0]:
        return False
    return (
        query_key[1:] == registered_key[1:]
        or query_key[1:] == registered_key
        or query_key == registered_key[1:]
    )


#: The start of :func:`another_word`'s reason when an ending makes the other word.
_ENDING = "another word: ending"


def is_derivation(why: str) -> bool:
    """Whether a reason of :func:`another_word` is an ending that derives a word from a name.

    Such a query is a word of its own (an adjective, a demonym, a smaller place), so it is no
    name of any registered entity: unlike a changed first letter, which says only that this
    one registered name is not the query's.
    """
    return why.startswith(_ENDING)


def another_word(keyer: Keyer, keyed: KeyedName, query_key: str, registered_key: str) -> str:
    """Why the query names another thing than the registered key it is close to ("" if not).

    Besides the endings of :func:`derivations` and :func:`first_letter_slip`: a word added
    after the whole registered name names a part or an offshoot of it (Kommersant FM, a
    station of Kommersant; Nursultan Jr.), and a name ending in a regnal numeral (Mikołaj II)
    is a monarch's or a pope's, never a place's or an organization's.
    """
    # The query's readings are alternatives (keys.py): the match may come from one reading
    # and the ending show in another (European Commissioner read English, then with e as i).
    table = derivations()
    for key in sorted(keyed.compact_keys | {query_key}):
        ending = table.derived(key, registered_key)
        if ending:
            return f"{_ENDING} {ending}"
    if first_letter_slip(query_key, registered_key):
        return "another word: another first letter"
    tokens = keyed.tokens
    if len(tokens) > 1 and is_regnal(" ".join(tokens)):
        return "a regnal name"
    if len(tokens) > 1 and query_key.startswith(registered_key):
        for end in range(1, len(tokens)):
            if registered_key in keyer.key(" ".join(tokens[:end])).compact_keys:
                return f"another word: {' '.join(tokens[end:])!r} added"
    return ""


@functools.cache
def derivations() -> Derivations:
    """The endings of data/derivations.yaml; loaded and validated once."""
    name, document = load_package_yaml("data/derivations.yaml")
    added: list[tuple[str, str]] = []
    for value, line in fact_lists(name, document, "added", "endings"):
        after, plus, ending = str(value).rpartition("+")
        if not isinstance(value, str) or not ending.isalpha() or (plus and not after.isalpha()):
            raise RegistryError(name, line, f"bad ending {value!r} (a key, or 'after+ending')")
        added.append((after, ending))
    clipped: list[str] = []
    for value, line in fact_lists(name, document, "clipped", "endings"):
        if not isinstance(value, str) or not value.isalpha():
            raise RegistryError(name, line, f"bad ending {value!r} (a key)")
        clipped.append(value)
    return Derivations(tuple(added), tuple(clipped))
