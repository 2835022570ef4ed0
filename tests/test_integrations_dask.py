"""Dask integration: map_partitions over a local (threaded) Dask DataFrame."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

from translit_norm import Registry
from translit_norm.integrations import dask as tn_dask
from translit_norm.integrations import pandas as tn_pandas

NAMES = ["Łukašenka", "Тихановская", None, "Nobody Atall", "Pinsk", "Kyiv", "Kiev", "Minsk"]


def test_dask_column_equals_pandas(registry: Registry) -> None:
    frame = pd.DataFrame({"who": NAMES * 5, "row": range(len(NAMES) * 5)})
    lazy = dd.from_pandas(frame, npartitions=4)
    out = tn_dask.resolve_column(lazy, "who", registry)
    assert list(out.columns) == ["who", "row", "who_id", "who_name", "who_score", "who_status"]
    with dask.config.set(scheduler="synchronous"):
        computed = out.compute()
    expected = tn_pandas.resolve_column(frame, "who", registry)
    added = ["who_id", "who_name", "who_score", "who_status"]
    # Dask may store the text columns as Arrow strings: compare values, not dtypes.
    assert computed[added].astype(object).where(computed[added].notna(), None).values.tolist() == (
        expected[added].astype(object).where(expected[added].notna(), None).values.tolist()
    )
    assert computed.iloc[2]["who_status"] is None or pd.isna(computed.iloc[2]["who_status"])
    assert computed["row"].tolist() == list(range(len(NAMES) * 5))
    assert computed.iloc[0]["who_id"] == "alexander-lukashenko"


def test_dask_threads_scheduler(registry: Registry) -> None:
    lazy = dd.from_pandas(pd.DataFrame({"who": NAMES * 3}), npartitions=3)
    with dask.config.set(scheduler="threads"):
        computed = tn_dask.resolve_column(lazy, "who", registry).compute()
    assert computed["who_id"].tolist()[:2] == ["alexander-lukashenko", "sviatlana-tsikhanouskaya"]


def test_dask_missing_column(registry: Registry) -> None:
    lazy = dd.from_pandas(pd.DataFrame({"a": ["x"]}), npartitions=1)
    with pytest.raises(KeyError):
        tn_dask.resolve_column(lazy, "nope", registry)
