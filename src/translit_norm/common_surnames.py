"""Common surnames (data/common_surnames.yaml): words never taken for a misspelt surname.

A guard of the person step (stage 4, resolver.py). The step forgives a query's surname one
slip of the pen from a registered surname; but a word one slip from a registered surname is
often another family's surname (Fedotov and Fedorov, Maksimov and Massimov, Krawczyk and
Kravchuk), and then it names a stranger, not the registered person misspelt. A spelling
checker does not correct a word found in its dictionary: a query word keyed like a frequent
surname is matched only as itself.
"""

from __future__ import annotations

import functools

from translit_norm.errors import RegistryError
from translit_norm.keys import Keyer
from translit_norm.yamlio import fact_lists, load_package_yaml

__all__ = ["common_surname_keys", "common_surnames"]


@functools.cache
def common_surnames() -> tuple[str, ...]:
    """The surnames of data/common_surnames.yaml, as written; loaded and validated once."""
    name, document = load_package_yaml("data/common_surnames.yaml")
    words: list[str] = []
    seen: set[str] = set()
    for word, line in fact_lists(name, document, "surnames", "words"):
        if not isinstance(word, str) or not word.isalpha():
            raise RegistryError(name, line, f"bad surname {word!r} (one word of letters)")
        if word.casefold() in seen:
            raise RegistryError(name, line, f"surname {word!r} listed twice")
        seen.add(word.casefold())
        words.append(word)
    return tuple(words)


@functools.lru_cache(maxsize=4)
def common_surname_keys(keyer: Keyer) -> frozenset[str]:
    """Every key (every reading) ``keyer`` gives a common surname; worked out once per keyer."""
    return frozenset(
        key for word in common_surnames() for reading in keyer.key(word).readings for key in reading
    )
