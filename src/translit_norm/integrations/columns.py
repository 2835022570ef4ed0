"""The four result columns every pipeline integration adds, computed without any engine.

A table integration only moves values in and out of its engine; what the values are is decided
here, once, so pandas, polars, Dask, Spark and the CLI's table mode agree. A missing value
(None or a float NaN, as pandas writes a missing string) gives missing results, not "unknown":
no name was asked about.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from translit_norm.registry import Registry
from translit_norm.resolver import DEFAULT_MARGIN, DEFAULT_THRESHOLD, MAX_QUERY_CHARS
from translit_norm.results import Match, Status
from translit_norm.shards import ShardedMap

__all__ = ["SUFFIXES", "ResultColumns", "column_names", "resolve_values"]

#: Suffixes of the added columns, in order.
SUFFIXES = ("id", "name", "score", "status")


def column_names(column: str) -> tuple[str, str, str, str]:
    """The names of the columns added for ``column``: ``<col>_id`` ... ``<col>_status``."""
    return (f"{column}_id", f"{column}_name", f"{column}_score", f"{column}_status")


@dataclass(frozen=True)
class ResultColumns:
    """Resolution results as four parallel lists (one entry per input value)."""

    ids: list[str | None]
    names: list[str | None]
    scores: list[float | None]
    statuses: list[str | None]


#: The id and name of no entity.
_NO_LABEL: tuple[None, None] = (None, None)
_first = operator.itemgetter(0)
_second = operator.itemgetter(1)
_is_none = functools.partial(operator.is_, None)


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _cells(match: Match) -> tuple[str | None, str | None, float | None, str]:
    score = None if match.score is None else round(match.score, 4)
    if match.status is Status.MATCHED:
        return match.id, match.name, score, str(match.status)
    return None, None, score, str(match.status)


def resolve_values(
    registry: Registry,
    values: Iterable[object],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    workers: int = 1,
) -> ResultColumns:
    """Resolve every value of a column with :meth:`Registry.resolve_many`.

    Args:
        registry: The registry to resolve against.
        values: The column's values: strings, or None/NaN for missing ones (other types are
            resolved as their ``str``).
        threshold: As :meth:`Registry.resolve`.
        margin: As :meth:`Registry.resolve`.
        workers: As :meth:`Registry.resolve_many`.

    Returns:
        The four result columns, in input order.
    """
    cells: Sequence[object] = values if isinstance(values, Sequence) else list(values)
    size = len(cells)
    index = registry.index
    # A long column reads most of the exact table: read it in one go before the loop.
    index.preload(("exact_labels",), lookups=size)
    single = index.exact_labels
    # Name written exactly as one entity's -> (id, name): the exact path never loads the
    # entities themselves, and needs no Match object (the answer resolve() gives such a name:
    # matched, score 1).
    lookup = single.lookup() if isinstance(single, ShardedMap) else single.get
    matched = str(Status.MATCHED)
    rest: list[tuple[int, str]] = []
    texts = cast("Sequence[str]", cells)
    if set(map(type, cells)) <= {str} and max(map(len, texts), default=0) <= MAX_QUERY_CHARS:
        # A column of strings (the common case): every step is a map() in C over the whole
        # column, and the result columns are filled whole; only the cells the fast path has
        # no answer for (found with compress()) are visited in Python: they get no label's
        # id and name, then are cleared.
        pairs: list[tuple[str | None, str | None] | None] = list(map(lookup, texts))
        missing = list(itertools.compress(range(size), map(_is_none, pairs)))
        for i in missing:
            pairs[i] = _NO_LABEL
        labelled = cast("list[tuple[str | None, str | None]]", pairs)
        result = ResultColumns(
            list(map(_first, labelled)),
            list(map(_second, labelled)),
            [1.0] * size,
            [matched] * size,
        )
        for i in missing:
            result.scores[i] = result.statuses[i] = None
        rest = [(i, texts[i]) for i in missing]
    else:
        result = ResultColumns([None] * size, [None] * size, [None] * size, [None] * size)
        ids, names, scores, statuses = result.ids, result.names, result.scores, result.statuses
        for i, value in enumerate(cells):
            if isinstance(value, str):
                label = lookup(value)
                if label is not None and len(value) <= MAX_QUERY_CHARS:
                    ids[i], names[i] = label
                    scores[i], statuses[i] = 1.0, matched
                else:
                    rest.append((i, value))
            elif not _is_missing(value):
                rest.append((i, str(value)))
    matches = registry.resolve_many(
        [text for _, text in rest], threshold=threshold, margin=margin, workers=workers
    )
    for (i, _), match in zip(rest, matches, strict=True):
        result.ids[i], result.names[i], result.scores[i], result.statuses[i] = _cells(match)
    return result
