"""Dask integration: resolve a column of a Dask DataFrame, partition by partition.

Optional (``pip install 'translit-norm[dask]'``). Each partition is a pandas frame handed to
:func:`translit_norm.integrations.pandas.resolve_column` through ``map_partitions``. The
registry travels with the task graph as one object: Dask would otherwise hash it (pickling a
compiled registry of a million names) to name the graph, so it is wrapped in a holder that
tokenizes by identity.
"""

from __future__ import annotations

from typing import Any

import dask.dataframe as dd
import pandas as pd

from translit_norm.integrations import pandas as tn_pandas
from translit_norm.registry import Registry
from translit_norm.resolver import DEFAULT_MARGIN, DEFAULT_THRESHOLD

__all__ = ["resolve_column"]


class _Shared:
    """A registry in a Dask graph, tokenized by identity rather than by content."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def __dask_tokenize__(self) -> Any:
        return ("translit-norm-registry", id(self.registry), len(self.registry))


def _partition(
    part: pd.DataFrame, column: str, shared: _Shared, threshold: float, margin: float
) -> pd.DataFrame:
    return tn_pandas.resolve_column(
        part, column, shared.registry, threshold=threshold, margin=margin
    )


def resolve_column(
    frame: dd.DataFrame,
    column: str,
    registry: Registry | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
) -> dd.DataFrame:
    """``frame`` with the four result columns of ``frame[column]`` added (lazily).

    Args:
        frame: A Dask DataFrame.
        column: The column of names.
        registry: Registry to resolve against (default: the embedded one).
        threshold: As :meth:`Registry.resolve`.
        margin: As :meth:`Registry.resolve`.

    Raises:
        KeyError: ``column`` is not in ``frame``.
    """
    if column not in frame.columns:
        raise KeyError(f"no column {column!r}")
    meta = frame._meta.assign(
        **{name: pd.Series(dtype=dtype) for name, dtype in tn_pandas.result_dtypes(column).items()}
    )
    shared = _Shared(registry or Registry.default())
    return frame.map_partitions(
        _partition, column, shared, threshold, margin, meta=meta, align_dataframes=False
    )
