"""The ASCII-folding backend: the replaceable last resort for scripts we have no table for.

translit_norm's own tables handle Cyrillic and the sound-carrying Latin letters; everything else
(Greek, Georgian, Arabic, Hebrew, Han, Hangul, accented Latin) is folded to ASCII by a backend.
The default is unidecode (GPL-2.0-or-later). anyascii (ISC) is the drop-in alternative for users
who cannot ship GPL code: ``Registry.load(..., folding="anyascii")``. See docs/licensing.md.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from translit_norm.errors import TranslitNormError

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "Folder", "folder"]

#: A folding backend: any string in, ASCII out.
Folder = Callable[[str], str]

DEFAULT_BACKEND = "unidecode"
BACKENDS = ("unidecode", "anyascii")


def _unidecode() -> Folder:
    from unidecode import unidecode

    def fold(text: str) -> str:
        return str(unidecode(text, errors="ignore"))

    return fold


def _anyascii() -> Folder:
    try:
        from anyascii import anyascii
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise TranslitNormError(
            "the anyascii folding backend needs the 'anyascii' package: "
            "pip install 'translit-norm[anyascii]'"
        ) from exc

    def fold(text: str) -> str:
        return str(anyascii(text))

    return fold


@functools.cache
def folder(name: str = DEFAULT_BACKEND) -> Folder:
    """The folding function called ``name``, imported on first use.

    Raises:
        TranslitNormError: unknown backend, or its package is not installed.
    """
    if name == "unidecode":
        return _unidecode()
    if name == "anyascii":
        return _anyascii()
    raise TranslitNormError(f"unknown folding backend {name!r}; choose one of {BACKENDS}")
