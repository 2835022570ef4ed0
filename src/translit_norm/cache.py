"""The compiled-registry cache: compile once, start warm from then on.

Compiling a registry keys every name under every reading and romanization scheme, which takes
seconds for the default registry and far longer for sanctions-sized ones. The compiled index is
stored in the user's cache directory under a content hash of everything it was built from
(every registry file's bytes, the folding backend, expansion, and translit_norm's own code and
data), so any change to any of them makes a new entry. Entries are written atomically (a
temporary file renamed into place), so processes can share the directory; each carries a digest
of its payload, so a truncated or corrupted entry is detected and rebuilt, never trusted.

The format is built for a fast warm start of large registries (a million names). An entry is
a pickle (protocol 5) whose large byte blocks are stored out of band, after it:

    magic | digest (16) | block count (4) | block sizes (8 each) | pickle size (8) | pickle | blocks

The file is memory-mapped, the digest (XXH3-128: an integrity check against truncation and
corruption, at memory speed; not a defence against someone who can write the cache directory)
is checked over everything after it, and the blocks are handed to the unpickler as views of the
mapping, never copied. :class:`~translit_norm.index.Index` stores each of its tables as one such
block and unpickles a table only when it is first used, so a warm start reads no more than it
needs.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import mmap
import os
import pickle
import struct
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xxhash

__all__ = ["CACHE_ENV", "KEEP_ENTRIES", "cache_directory", "fingerprint", "prune", "read", "write"]

#: Environment variable that overrides the cache directory (read when a registry is loaded).
CACHE_ENV = "TRANSLIT_NORM_CACHE_DIR"
_MAGIC = b"translit-norm-index\x00v6\x00"
_DIGEST_SIZE = 16
_COUNT = struct.Struct("<I")
_SIZE = struct.Struct("<Q")


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
    """The cache key of a registry: its files' paths and contents, the options, our code.

    The paths count because a compiled entity remembers where it was defined (``source``,
    for ``path:line`` messages): the same files named another way are another entry.
    """
    digest = hashlib.sha256()
    digest.update(_code_fingerprint().encode())
    digest.update(options.encode())
    for path in files:
        name = str(path).encode("utf-8", "surrogateescape")
        digest.update(len(name).to_bytes(8, "big"))
        digest.update(name)
        data = path.read_bytes()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _entry(directory: Path, key: str) -> Path:
    return directory / f"{key}.index"


def _digest(data: Any) -> bytes:
    return xxhash.xxh3_128_digest(data)


def _parse(view: memoryview) -> Any | None:
    """Unpickle an entry's body (after magic and digest), or None when it is malformed."""
    (count,) = _COUNT.unpack_from(view, 0)
    at = _COUNT.size
    if at + count * _SIZE.size + _SIZE.size > len(view):
        return None
    sizes = [_SIZE.unpack_from(view, at + i * _SIZE.size)[0] for i in range(count)]
    at += count * _SIZE.size
    (main,) = _SIZE.unpack_from(view, at)
    at += _SIZE.size
    if at + main + sum(sizes) != len(view):
        return None
    body = view[at : at + main]
    at += main
    blocks = []
    for size in sizes:
        blocks.append(view[at : at + size])
        at += size
    return pickle.loads(body, buffers=blocks)


def read(directory: Path, key: str) -> Any | None:
    """The object stored under ``key``, or None when absent, truncated or corrupted."""
    path = _entry(directory, key)
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            header = len(_MAGIC) + _DIGEST_SIZE
            if size <= header + _COUNT.size:
                return None
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    view = memoryview(mapped)
    if view[: len(_MAGIC)] != _MAGIC:
        return None
    if _digest(view[header:]) != view[len(_MAGIC) : header]:
        return None
    # The check read every page, and a page read stays resident while the file is mapped;
    # the tables read theirs when first used, so drop them (they stay in the page cache).
    advice = getattr(mmap, "MADV_DONTNEED", None)
    if advice is not None:
        with contextlib.suppress(OSError, ValueError):
            mapped.madvise(advice)
    try:
        # The blocks stay views of the mapping; it is unmapped when the last one is dropped.
        value = _parse(view[header:])
    except Exception:  # a payload from an incompatible build: rebuild it
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # marks the entry as recently used, for pruning
    return value


def write(directory: Path, key: str, value: Any) -> Path | None:
    """Store ``value`` under ``key`` atomically; returns the path, or None if not writable."""
    blocks: list[pickle.PickleBuffer] = []
    main = pickle.dumps(value, protocol=5, buffer_callback=blocks.append)
    raws = [block.raw() for block in blocks]
    parts: list[Any] = [_COUNT.pack(len(raws))]
    parts += [_SIZE.pack(raw.nbytes) for raw in raws]
    parts += [_SIZE.pack(len(main)), main, *raws]
    hasher = xxhash.xxh3_128()
    for part in parts:
        hasher.update(part)
    try:
        # Private to the user: entries are pickles, and whoever can write them runs code.
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".index")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_MAGIC)
                stream.write(hasher.digest())
                for part in parts:
                    stream.write(part)
            os.replace(temporary, _entry(directory, key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return None
    prune(directory, keep=KEEP_ENTRIES)
    return _entry(directory, key)


#: Compiled registries kept in a cache directory: every edit of a registry, and every new
#: version of translit_norm, makes a new entry, so old ones are removed past this many.
KEEP_ENTRIES = 8


def prune(directory: Path, *, keep: int = KEEP_ENTRIES) -> list[Path]:
    """Delete all but the ``keep`` most recently used entries of ``directory``.

    Safe while other processes read: an entry another process has mapped stays readable
    until it unmaps it (POSIX unlink semantics); one deleted before it is opened is rebuilt.

    Returns:
        The entries deleted.
    """
    try:
        entries = sorted(directory.glob("*.index"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    removed = []
    for stale in entries[keep:]:
        with contextlib.suppress(OSError):
            stale.unlink()
            removed.append(stale)
    return removed
