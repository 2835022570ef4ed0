"""translit_norm: one entity out of the many spellings of its name.

>>> from translit_norm import Registry
>>> registry = Registry.default()
>>> registry.resolve("Łukašenka").id
'alexander-lukashenko'

Public API: :class:`Registry` (load, resolve, resolve_many, candidates, collisions), the result
types :class:`Match`, :class:`Candidate`, :class:`Status`, :class:`Method`, the data model
:class:`Entity`, :class:`EntityKind`, :class:`NameForm`, the key function :class:`Keyer`,
:func:`clean`, :func:`romanize` and :func:`romanizations`, and the errors. Hypothesis
strategies live in ``translit_norm.strategies``.
"""

from translit_norm.cleaning import clean
from translit_norm.entities import Entity, EntityKind, NameForm, NameOrigin
from translit_norm.errors import (
    RegistryError,
    TranslitNormError,
    UnknownLanguageError,
    UnknownSchemeError,
)
from translit_norm.expansion import Expansion
from translit_norm.keys import KeyedName, Keyer
from translit_norm.registry import Registry, clear_default_registry
from translit_norm.resolver import DEFAULT_THRESHOLD
from translit_norm.results import Candidate, Match, Method, Status
from translit_norm.romanization import romanizations, romanize
from translit_norm.scanning import Mention

__all__ = [
    "DEFAULT_THRESHOLD",
    "Candidate",
    "Entity",
    "EntityKind",
    "Expansion",
    "KeyedName",
    "Keyer",
    "Match",
    "Mention",
    "Method",
    "NameForm",
    "NameOrigin",
    "Registry",
    "RegistryError",
    "Status",
    "TranslitNormError",
    "UnknownLanguageError",
    "UnknownSchemeError",
    "clean",
    "clear_default_registry",
    "romanizations",
    "romanize",
]
__version__ = "0.1.0"
