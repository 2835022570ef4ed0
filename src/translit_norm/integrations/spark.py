"""Spark integration: resolve a column of a Spark DataFrame with a pandas UDF.

Optional (``pip install 'translit-norm[spark]'``; Spark needs Java 17). The compiled registry
is sent with ``SparkContext.broadcast``: it is pickled once on the driver, shipped once to each
executor, and unpickled once per Python worker, which keeps it for every batch it processes, so
no row ever ships or rebuilds the registry. The UDF gets Arrow batches of the column as pandas
Series and answers with :func:`translit_norm.integrations.pandas.resolve_series`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F  # noqa: N812 - the name every Spark user knows
from pyspark.sql.functions import pandas_udf
from pyspark.sql.types import DoubleType, StringType, StructField, StructType

from translit_norm.integrations import pandas as tn_pandas
from translit_norm.integrations.columns import SUFFIXES, column_names
from translit_norm.registry import Registry
from translit_norm.resolver import DEFAULT_MARGIN, DEFAULT_THRESHOLD

__all__ = ["RESULT_SCHEMA", "resolve_column", "resolver_udf"]

#: The struct the UDF returns (one field per added column).
RESULT_SCHEMA = StructType(
    [
        StructField("id", StringType()),
        StructField("name", StringType()),
        StructField("score", DoubleType()),
        StructField("status", StringType()),
    ]
)


def resolver_udf(
    broadcast: Any, *, threshold: float = DEFAULT_THRESHOLD, margin: float = DEFAULT_MARGIN
) -> Any:
    """A pandas UDF (Series of names -> struct of id, name, score, status).

    Args:
        broadcast: ``spark.sparkContext.broadcast(registry)``; its ``value`` is read inside
            the workers.
        threshold: As :meth:`Registry.resolve`.
        margin: As :meth:`Registry.resolve`.
    """

    @pandas_udf(RESULT_SCHEMA)  # type: ignore[untyped-decorator]
    def resolve_names(batches: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:
        registry: Registry = broadcast.value  # deserialized once per worker, then reused
        for names in batches:
            frame = tn_pandas.resolve_series(
                names, registry, column="r", threshold=threshold, margin=margin
            )
            frame.columns = list(SUFFIXES)
            yield frame.reset_index(drop=True)

    return resolve_names


def resolve_column(
    frame: DataFrame,
    column: str,
    registry: Registry | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
) -> DataFrame:
    """``frame`` with ``<column>_id``, ``_name``, ``_score`` and ``_status`` added.

    The registry is broadcast from the driver once per call; to resolve several columns
    against one registry, broadcast it yourself and use :func:`resolver_udf`.

    Raises:
        KeyError: ``column`` is not in ``frame``.
    """
    if column not in frame.columns:
        raise KeyError(f"no column {column!r}")
    session = frame.sparkSession
    shared = session.sparkContext.broadcast(registry or Registry.default())
    udf = resolver_udf(shared, threshold=threshold, margin=margin)
    packed = f"__{column}_resolved"
    result: Column = udf(F.col(column))
    out = frame.withColumn(packed, result)
    for name, field in zip(column_names(column), SUFFIXES, strict=True):
        out = out.withColumn(name, F.col(f"{packed}.{field}"))
    return out.drop(packed)
