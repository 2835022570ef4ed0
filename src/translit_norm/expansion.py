"""Registry expansion: the romanizations of an entity's native-script names.

A registry author writes ``native: {be: Аляксандр Лукашэнка}`` once; at load time every
romanization scheme of that language (:mod:`translit_norm.romanization`) adds a name form, so
the passport, BGN/PCGN, national and Łacinka spellings all match and explanations can say which
scheme produced the match. The forms go through the same index and collision check as aliases.
"""

from __future__ import annotations

from collections.abc import Iterator

from translit_norm.entities import Entity, NameForm, NameOrigin

__all__ = ["native_romanizations"]


def native_romanizations(entity: Entity) -> Iterator[NameForm]:
    """Yield one form per distinct romanization of each of ``entity``'s native names."""
    from translit_norm import romanization

    known = set(romanization.languages())
    for lang, text in entity.native:
        if lang not in known:
            continue
        for scheme, latin in romanization.romanizations(text, lang=lang):
            if latin != text:
                yield NameForm(latin, NameOrigin.ROMANIZATION, lang=lang, scheme=scheme)
