"""Exceptions raised by translit_norm.

Every error a user can cause (a bad registry file, an unknown scheme, a bad argument) is one of
these, so callers and the CLI can tell a user error from a bug without parsing messages.
"""

from __future__ import annotations

__all__ = ["RegistryError", "TranslitNormError", "UnknownLanguageError", "UnknownSchemeError"]


class TranslitNormError(Exception):
    """Base class of every error translit_norm raises on purpose."""


class RegistryError(TranslitNormError):
    """A registry (or another YAML data file) is invalid.

    The message reads ``path:line: reason`` so editors and CI logs can jump to the spot.
    """

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class UnknownLanguageError(TranslitNormError, ValueError):
    """A language code that translit_norm has no table or record for."""


class UnknownSchemeError(TranslitNormError, ValueError):
    """A romanization scheme name that is not defined for the requested language."""
