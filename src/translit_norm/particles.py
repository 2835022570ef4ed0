"""Name particles (data/particles.yaml): the words of a person's name that are neither part.

Stage 3b support, for person matching. "al" in Bashar al-Assad, "bin" in Mohammed bin Salman,
"von" in Ursula von der Leyen link the given name and the surname; two people who share one
are no more alike for it. The resolver treats a particle as neutral: no evidence for a match,
no penalty against one.
"""

from __future__ import annotations

import functools

from translit_norm.errors import RegistryError
from translit_norm.yamlio import YamlList, YamlMap, load_package_yaml

__all__ = ["particles"]


@functools.cache
def particles() -> frozenset[str]:
    """Every particle of data/particles.yaml, lowercase; loaded and validated once."""
    name, document = load_package_yaml("data/particles.yaml")
    entries = document.get("particles") if isinstance(document, YamlMap) else None
    if not isinstance(entries, YamlList):
        raise RegistryError(name, None, "expected a list 'particles'")
    words: set[str] = set()
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, YamlMap) or set(entry) != {"words", "why"}:
            raise RegistryError(name, line, "each entry needs exactly words and why")
        if not isinstance(entry["why"], str) or not entry["why"].strip():
            raise RegistryError(name, line, "why must say which fact the particles encode")
        listed = entry["words"]
        if not isinstance(listed, YamlList) or not listed:
            raise RegistryError(name, line, "words must be a non-empty list")
        for word in listed:
            if not isinstance(word, str) or not word.strip("- "):
                raise RegistryError(name, line, f"bad particle {word!r} (quote it)")
            words.add(word.strip("- ").lower())
    return frozenset(words)
