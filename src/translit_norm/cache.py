"""The compiled-registry cache: compile once, start warm from then on.

Compiling a registry keys every name under every reading and romanization scheme, which takes
seconds for the default registry and far longer for sanctions-sized ones. The compiled index is
stored in the user's cache directory under a content hash of everything it was built from
(every registry file's bytes, the folding backend, expansion, and translit_norm's own code and
data), so any change to any of them makes a new entry. Entries are written atomically (a
temporary file renamed into place), so processes can share the directory; each carries a digest
of its payload, so a truncated or corrupted entry is detected and rebuilt, never trusted.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["CACHE_ENV", "cache_directory", "fingerprint", "read", "write"]

#: Environment variable that overrides the cache directory (read when a registry is loaded).
CACHE_ENV = "TRANSLIT_NORM_CACHE_DIR"
_MAGIC = b"translit-norm-index\x00v1\x00"
_DIGEST_SIZE = 32


def cache_directory(explicit: str | Path | None = None) -> Path:
    """Where compiled registries are kept.

    ``explicit`` if given, else ``$TRANSLIT_NORM_CACHE_DIR``, else the platform's user cache
    directory (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS,
    ``%LOCALAPPDATA%`` on Windows) plus ``translit_norm``.
    """
    if explicit is not None:
        return Path(explicit)
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "translit_norm"


@functools.cache
def _code_fingerprint() -> str:
    """Hash of translit_norm's own modules and data files: a new version rebuilds caches."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml") and path.is_file() and "_aliases" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(files: Sequence[Path], *, options: str) -> str:
    """The cache key of a registry: its files' contents, the options and our own code."""
    digest = hashlib.sha256()
    digest.update(_code_fingerprint().encode())
    digest.update(options.encode())
    for path in files:
        data = path.read_bytes()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _entry(directory: Path, key: str) -> Path:
    return directory / f"{key}.index"


def read(directory: Path, key: str) -> Any | None:
    """The object stored under ``key``, or None when absent, truncated or corrupted."""
    path = _entry(directory, key)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    header = len(_MAGIC) + _DIGEST_SIZE
    if len(raw) <= header or not raw.startswith(_MAGIC):
        return None
    digest, payload = raw[len(_MAGIC) : header], raw[header:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a payload from an incompatible build: rebuild it
        return None


def write(directory: Path, key: str, value: Any) -> Path | None:
    """Store ``value`` under ``key`` atomically; returns the path, or None if not writable."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    data = _MAGIC + hashlib.sha256(payload).digest() + payload
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".index")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, _entry(directory, key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return None
    return _entry(directory, key)
