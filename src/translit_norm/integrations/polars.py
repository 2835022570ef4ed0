"""polars integration: resolve a Series, or a DataFrame column, into id/name/score/status.

Optional (``pip install 'translit-norm[polars]'``). Resolution runs in Python over the column's
values (:meth:`Registry.resolve_many`), so repeated names are resolved once per call.
"""

from __future__ import annotations

import polars as pl

from translit_norm.integrations.columns import column_names, resolve_values
from translit_norm.registry import Registry
from translit_norm.resolver import DEFAULT_MARGIN, DEFAULT_THRESHOLD

__all__ = ["resolve_column", "resolve_series"]


def resolve_series(
    series: pl.Series,
    registry: Registry | None = None,
    *,
    column: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    workers: int = 1,
) -> pl.DataFrame:
    """Resolve every value of ``series`` (nulls give nulls).

    Args:
        series: Names.
        registry: Registry to resolve against (default: the embedded one).
        column: Prefix of the result columns (default: the series' name, else ``name``).
        threshold: As :meth:`Registry.resolve`.
        margin: As :meth:`Registry.resolve`.
        workers: As :meth:`Registry.resolve_many`.

    Returns:
        A frame of ``<column>_id``, ``_name`` (Utf8), ``_score`` (Float64), ``_status`` (Utf8).
    """
    prefix = column or series.name or "name"
    result = resolve_values(
        registry or Registry.default(),
        series.to_list(),
        threshold=threshold,
        margin=margin,
        workers=workers,
    )
    ids, names, scores, statuses = column_names(prefix)
    return pl.DataFrame(
        [
            pl.Series(ids, result.ids, dtype=pl.Utf8),
            pl.Series(names, result.names, dtype=pl.Utf8),
            pl.Series(scores, result.scores, dtype=pl.Float64),
            pl.Series(statuses, result.statuses, dtype=pl.Utf8),
        ]
    )


def resolve_column(
    frame: pl.DataFrame,
    column: str,
    registry: Registry | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    workers: int = 1,
) -> pl.DataFrame:
    """``frame`` with the four result columns of ``frame[column]`` added.

    Raises:
        KeyError: ``column`` is not in ``frame``.
    """
    if column not in frame.columns:
        raise KeyError(f"no column {column!r}")
    added = resolve_series(
        frame[column],
        registry,
        column=column,
        threshold=threshold,
        margin=margin,
        workers=workers,
    )
    return frame.hstack(added.get_columns())
