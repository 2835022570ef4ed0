"""Registry expansion: name forms generated from the registry's own names at compile time.

A registry author writes ``native: {be: Аляксандр Лукашэнка}`` once; at load time every
romanization scheme of that language (:mod:`translit_norm.romanization`) adds a name form, so
the passport, BGN/PCGN, national and Łacinka spellings all match and explanations can say which
scheme produced the match. A place the gazetteer knows (:mod:`translit_norm.gazetteer`) also
gets the names other languages give it (Moskau, Pékin). The forms go through the same index
and collision check as aliases.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from translit_norm.entities import Entity, NameForm, NameOrigin

if TYPE_CHECKING:
    from translit_norm.keys import Keyer

__all__ = ["Expansion", "expander", "native_romanizations"]


class Expansion(enum.Flag):
    """Which generated name forms a registry gets.

    ``Registry(expand=True)`` is :attr:`DEFAULT`: the romanizations and the standard exonyms;
    ``expand=False`` is :attr:`NONE`. All of the gazetteer's names are opt-in (:attr:`EXONYMS`,
    or :attr:`ALL`): GeoNames records them without their language, and some are surnames,
    given names, rivers or plain words elsewhere (Romanov for Murmansk, Perlin for Berlin;
    docs/how-it-works.md).
    """

    NONE = 0
    #: The romanizations of native-script names, one per scheme of the name's language;
    #: and the abbreviation of a company name that the registry writes with the same
    #: internal capitals natively and in Latin letters (abbreviations.py: КазМунайГаз, KMG).
    ROMANIZATIONS = enum.auto()
    #: All of the gazetteer's names of places (exonyms and former names). Opt-in.
    EXONYMS = enum.auto()
    #: The gazetteer's names of places that the Unicode CLDR confirms in a major language
    #: (Moskau, Kijów, Le Caire): a part of :attr:`EXONYMS`, in the default.
    STANDARD_EXONYMS = enum.auto()
    DEFAULT = ROMANIZATIONS | STANDARD_EXONYMS
    ALL = ROMANIZATIONS | EXONYMS | STANDARD_EXONYMS

    @classmethod
    def of(cls, expand: bool | Expansion) -> Expansion:
        """``expand`` as a flag: True is :attr:`DEFAULT`, False nothing."""
        if isinstance(expand, Expansion):
            return expand
        if isinstance(expand, bool):
            return cls.DEFAULT if expand else cls.NONE
        raise TypeError(f"expand must be a bool or an Expansion, not {expand!r}")


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


def expander(
    expansion: Expansion, *, keyer: Keyer | None = None
) -> Callable[[Entity], Iterator[NameForm]] | None:
    """The function that generates an entity's extra forms; None when nothing is generated.

    ``keyer`` (the registry's) compares a company's capitals across scripts
    (abbreviations.py); without it no abbreviation is generated.

    The index holds back a gazetteer name that keys like a name of another entity
    (``Index``): the registry's own names always win.
    """
    if not expansion:
        return None

    from translit_norm.abbreviations import abbreviation_forms

    def expand(entity: Entity) -> Iterator[NameForm]:
        if Expansion.ROMANIZATIONS in expansion:
            yield from native_romanizations(entity)
            if keyer is not None:
                yield from abbreviation_forms(entity, keyer)
        if expansion & (Expansion.EXONYMS | Expansion.STANDARD_EXONYMS):
            from translit_norm.gazetteer import exonyms

            yield from exonyms(entity, standard_only=Expansion.EXONYMS not in expansion)

    return expand
