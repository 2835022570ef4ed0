"""The public entry point: a registry of canonical entities, and resolution against it.

``Registry`` ties the three steps together (load and validate in :mod:`translit_norm.loader`,
compile in :mod:`translit_norm.index`, resolve in :mod:`translit_norm.resolver`). It is
immutable once built and safe to share between threads.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

from translit_norm import cache as compiled_cache
from translit_norm.entities import Entity
from translit_norm.expansion import Expansion, expander
from translit_norm.folding import DEFAULT_BACKEND
from translit_norm.index import Collision, Index
from translit_norm.keys import Keyer
from translit_norm.loader import load_entities, registry_files
from translit_norm.resolver import (
    DEFAULT_MARGIN,
    DEFAULT_THRESHOLD,
    MAX_QUERY_CHARS,
    collect_candidates,
    prime_fuzzy,
    resolve,
    resolve_batch,
)
from translit_norm.resources import default_registry_path
from translit_norm.results import Candidate, Match
from translit_norm.scanning import Mention, Scanner

__all__ = ["Registry", "clear_default_registry"]


class Registry:
    """A compiled registry of canonical entities.

    Build one with :meth:`load` (YAML files or directories), :meth:`default` (the embedded
    registry) or the constructor (entities made in code).

    Args:
        entities: The entities; ids must be unique.
        folding: ASCII-folding backend for scripts without our own tables
            (``"unidecode"`` or ``"anyascii"``).
        expand: Which name forms to generate from the registry's own names
            (:class:`~translit_norm.Expansion`): True, the default, is the romanizations of
            every native-script name and the standard exonyms of places (Moskau, Kijów);
            False is none. All of the gazetteer's names of places are opt-in:
            ``Expansion.ALL``.
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        *,
        folding: str = DEFAULT_BACKEND,
        expand: bool | Expansion = True,
    ) -> None:
        ordered = tuple(entities)
        ids = [e.id for e in ordered]
        if len(set(ids)) != len(ids):
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate entity ids: {', '.join(duplicates)}")
        keyer = Keyer(folding)
        self._index = Index(ordered, keyer, expand=expander(Expansion.of(expand), keyer=keyer))

    @classmethod
    def load(
        cls,
        *paths: str | Path,
        folding: str = DEFAULT_BACKEND,
        expand: bool | Expansion = True,
        cache: bool = True,
        cache_dir: str | Path | None = None,
    ) -> Registry:
        """Load, validate and compile the registry at ``paths`` (files or directories).

        Args:
            paths: Registry files and directories.
            folding: As the constructor.
            expand: As the constructor.
            cache: Reuse (and store) the compiled registry in the cache directory; a cached
                entry is used only when every file's content, the options and translit_norm
                itself are unchanged.
            cache_dir: Cache directory (default: see :func:`translit_norm.cache.cache_directory`).

        Raises:
            RegistryError: ``path:line: reason`` for the first problem; nothing is half-built.
        """
        if not paths:
            raise ValueError("Registry.load needs at least one path")
        if not cache:
            return cls(load_entities(paths), folding=folding, expand=expand)
        files = registry_files(paths)
        directory = compiled_cache.cache_directory(cache_dir)
        options = f"folding={folding};expand={Expansion.of(expand).value}"
        key = compiled_cache.fingerprint(files, options=options)
        index = compiled_cache.read(directory, key)
        if isinstance(index, Index):
            return cls._from_index(index)
        registry = cls(load_entities(files), folding=folding, expand=expand)
        compiled_cache.write(directory, key, registry._index)
        return registry

    @classmethod
    def _from_index(cls, index: Index) -> Registry:
        registry = cls.__new__(cls)
        registry._index = index
        return registry

    @classmethod
    def default(cls) -> Registry:
        """The embedded default registry, built once per process.

        See :func:`clear_default_registry` to rebuild it.
        """
        return _default_registry()

    @property
    def entities(self) -> tuple[Entity, ...]:
        """The entities, in registry order."""
        return self._index.entity_tuple()

    @property
    def index(self) -> Index:
        """The compiled lookup tables (read-only)."""
        return self._index

    def __len__(self) -> int:
        return len(self._index.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._index.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._index.by_id

    def __repr__(self) -> str:
        return f"<Registry {len(self)} entities, {self._index.alias_count()} names>"

    def entity(self, entity_id: str) -> Entity:
        """The entity with id ``entity_id``.

        Raises:
            KeyError: no such entity.
        """
        return self._index.entities[self._index.by_id[entity_id]]

    def resolve(
        self,
        name: str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        explain: bool = False,
    ) -> Match:
        """Resolve one name to its entity.

        Args:
            name: The name as found (any script, spelling, order).
            threshold: Least score of a match, in [0, 1].
            margin: Two entities closer than this are ambiguous.
            explain: Record the pipeline's steps in ``Match.explanation``.

        Returns:
            The match; ``status`` is matched, ambiguous or unknown. Never raises for a string.
        """
        _check_threshold(threshold)
        return resolve(self._index, name, threshold=threshold, margin=margin, explain=explain)

    def resolve_many(
        self,
        names: Iterable[str],
        *,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        workers: int = 1,
    ) -> list[Match]:
        """Resolve many names; the answers are in input order.

        Names written exactly as the registry holds them are answered first, from one
        dictionary lookup each; every other distinct name is resolved once (pipelines repeat
        names) and its answer shared by its repeats. Before that, the fuzzy candidates of
        all those names are scored in one batch by rapidfuzz (``process.cpdist``, in C and
        over ``workers`` threads). Answers equal :meth:`resolve`'s.

        Args:
            names: The names.
            threshold: As :meth:`resolve`.
            margin: As :meth:`resolve`.
            workers: Threads for the batch scoring and for resolving the remaining names:
                1 (the default) works in this thread, -1 uses every core, as in rapidfuzz.
                Threads help only while rapidfuzz and numpy run without Python's lock.
        """
        _check_threshold(threshold)
        if workers == -1:
            workers = os.cpu_count() or 1
        if workers < 1:
            raise ValueError("workers must be at least 1, or -1 for all cores")
        batch: Sequence[str] = names if isinstance(names, Sequence) else list(names)
        index = self._index
        for name in batch:
            if not isinstance(name, str):
                resolve(index, name)  # raises the TypeError resolve() raises
        # Each distinct name once: the answers are frozen, a repeat shares its answer.
        distinct = list(dict.fromkeys(batch))
        # A batch that reads most of the exact table reads it in one go, before the loop.
        index.preload(("exact", "exact_labels"), lookups=len(distinct))
        exact = index.exact_answer
        solved: dict[str, Match] = {}
        rest: list[str] = []
        # The answers are acyclic objects, hundreds of thousands of them, and resolving a
        # name makes only short-lived acyclic ones: with the cyclic collector running, each
        # full collection would walk the whole loaded registry (2.5x the time of the exact
        # loop at 100k people, 1.4x that of the fuzzy queries). It is paused for the batch;
        # whatever cycle a batch leaves is collected once it is back on.
        enabled = gc.isenabled()
        gc.disable()
        try:
            for name in distinct:
                answer = exact(name)
                if answer is None:
                    rest.append(name)
                else:
                    solved[name] = answer

            askable = [n for n in rest if n.strip() and len(n) <= MAX_QUERY_CHARS]
            # Each of them looks its cleaned name up (and its keys, in the same shards).
            index.preload(("normalized",), lookups=len(askable))
            prime_fuzzy(index, askable, workers=workers)

            # As resolve() one by one, with the search by given name batched (resolve_batch).
            threads = workers > 1 and len(rest) > 1
            with ThreadPoolExecutor(max_workers=workers) if threads else nullcontext() as pool:
                answers = resolve_batch(
                    index, rest, threshold=threshold, margin=margin, workers=workers, pool=pool
                )
            solved.update(zip(rest, answers, strict=True))
        finally:
            if enabled:
                gc.enable()
        return [solved[name] for name in batch]

    def candidates(self, name: str, *, limit: int = 5) -> list[Candidate]:
        """The entities ``name`` could be, best first, whatever their score.

        Args:
            name: The name.
            limit: Most candidates returned.
        """
        if limit < 1:
            raise ValueError("limit must be at least 1")
        ranked, _ = collect_candidates(self._index, name, exhaustive=True)
        return ranked[:limit]

    def collisions(self) -> list[Collision]:
        """Keys shared by names of different entities (``translit-norm check`` reports them)."""
        return self._index.collisions()

    def scan(
        self,
        text: str,
        *,
        urls: bool = False,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> list[Mention]:
        """Every mention of a registered entity in running text, in text order.

        Args:
            text: A document (any script; scraped noise is tolerated).
            urls: Also look inside URLs and e-mail addresses.
            threshold: As :meth:`resolve`.
            margin: As :meth:`resolve`.

        Returns:
            Matched and ambiguous mentions, with spans in characters of ``text``.
        """
        _check_threshold(threshold)
        return self.scanner().scan(text, urls=urls, threshold=threshold, margin=margin)

    def scan_many(
        self,
        documents: Iterable[str],
        *,
        urls: bool = False,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> Iterator[list[Mention]]:
        """The mentions of each document (as :meth:`scan`), one list per document, lazily."""
        _check_threshold(threshold)
        return self.scanner().scan_many(documents, urls=urls, threshold=threshold, margin=margin)

    def scanner(self) -> Scanner:
        """The mention finder of this registry, built on first use and kept on the registry.

        See :meth:`clear_scanner` to drop it.
        """
        scanner: Scanner | None = self.__dict__.get("_scanner")
        if scanner is None:
            scanner = Scanner(self._index)
            self.__dict__["_scanner"] = scanner
        return scanner

    def clear_scanner(self) -> None:
        """Drop the cached mention finder and its caches (the next scan rebuilds it)."""
        self.__dict__.pop("_scanner", None)


def _check_threshold(threshold: float) -> None:
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], got {threshold}")


@functools.cache
def _default_registry() -> Registry:
    return Registry.load(default_registry_path())


def clear_default_registry() -> None:
    """Forget the cached default registry (the next :meth:`Registry.default` reloads it)."""
    _default_registry.cache_clear()
