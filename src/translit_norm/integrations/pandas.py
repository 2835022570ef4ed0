"""pandas integration: resolve a Series, or a DataFrame column, into id/name/score/status.

Optional (``pip install 'translit-norm[pandas]'``). The Dask integration runs this on every
partition, and the Spark one inside a pandas UDF, so all three produce identical frames.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from translit_norm.integrations.columns import column_names, resolve_values
from translit_norm.registry import Registry
from translit_norm.resolver import DEFAULT_MARGIN, DEFAULT_THRESHOLD

__all__ = ["resolve_column", "resolve_series", "result_dtypes"]


def result_dtypes(column: str) -> dict[str, Any]:
    """The dtypes of the added columns (what Dask's ``meta`` and Spark's schema describe)."""
    ids, names, scores, statuses = column_names(column)
    return {ids: "object", names: "object", scores: "float64", statuses: "object"}


def resolve_series(
    series: pd.Series,
    registry: Registry | None = None,
    *,
    column: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    workers: int = 1,
) -> pd.DataFrame:
    """Resolve every value of ``series``.

    Args:
        series: Names (missing values give missing results).
        registry: Registry to resolve against (default: the embedded one).
        column: Prefix of the result columns (default: the series' name, else ``name``).
        threshold: As :meth:`Registry.resolve`.
        margin: As :meth:`Registry.resolve`.
        workers: As :meth:`Registry.resolve_many`.

    Returns:
        A frame with the series' index and columns ``<column>_id``, ``_name``, ``_score``
        (float, NaN when there is no candidate) and ``_status``.
    """
    prefix = column or (str(series.name) if series.name is not None else "name")
    result = resolve_values(
        registry or Registry.default(),
        [None if missing else value for value, missing in zip(series, series.isna(), strict=True)],
        threshold=threshold,
        margin=margin,
        workers=workers,
    )
    ids, names, scores, statuses = column_names(prefix)
    return pd.DataFrame(
        {
            ids: pd.Series(result.ids, index=series.index, dtype="object"),
            names: pd.Series(result.names, index=series.index, dtype="object"),
            scores: pd.Series(result.scores, index=series.index, dtype="float64"),
            statuses: pd.Series(result.statuses, index=series.index, dtype="object"),
        },
        index=series.index,
    )


def resolve_column(
    frame: pd.DataFrame,
    column: str,
    registry: Registry | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    workers: int = 1,
) -> pd.DataFrame:
    """``frame`` with the four result columns of ``frame[column]`` added (a new frame).

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
    return pd.concat([frame, added], axis=1)
