"""Name particles (data/particles.yaml): the words of a person's name that are neither part.

Stage 3b support, for person matching. "al" in Bashar al-Assad, "bin" in Mohammed bin Salman,
"von" in Ursula von der Leyen link the given name and the surname; two people who share one
are no more alike for it. The resolver treats a particle as neutral: no evidence for a match,
no penalty against one.
"""

from __future__ import annotations

import functools

from translit_norm.errors import RegistryError
from translit_norm.yamlio import fact_lists, load_package_yaml

__all__ = ["particles"]


@functools.cache
def particles() -> frozenset[str]:
    """Every particle of data/particles.yaml, lowercase; loaded and validated once."""
    name, document = load_package_yaml("data/particles.yaml")
    words: set[str] = set()
    for word, line in fact_lists(name, document, "particles", "words"):
        if not isinstance(word, str) or not word.strip("- "):
            raise RegistryError(name, line, f"bad particle {word!r} (quote it)")
        words.add(word.strip("- ").lower())
    return frozenset(words)
