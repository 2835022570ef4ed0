"""pandas and polars integrations: a column in, four result columns out, rows kept."""

from __future__ import annotations

import math

import pandas as pd
import polars as pl
import pytest

from translit_norm import Registry
from translit_norm.integrations import pandas as tn_pandas
from translit_norm.integrations import polars as tn_polars
from translit_norm.integrations.columns import resolve_values

NAMES = ["Łukašenka", "Тихановская", None, "Nobody Atall", "Pinsk", "Łukašenka"]


def test_values_agree_with_resolve(registry: Registry) -> None:
    result = resolve_values(registry, NAMES)
    for i, name in enumerate(NAMES):
        if name is None:
            assert (result.ids[i], result.statuses[i], result.scores[i]) == (None, None, None)
            continue
        match = registry.resolve(name)
        assert result.statuses[i] == match.status
        assert result.ids[i] == match.id
    assert result.ids[0] == "alexander-lukashenko"
    assert result.statuses[3] == "unknown"
    assert result.ids[3] is None


def test_pandas_column(registry: Registry) -> None:
    frame = pd.DataFrame({"who": NAMES, "n": range(len(NAMES))}, index=list("abcdef"))
    out = tn_pandas.resolve_column(frame, "who", registry)
    assert list(out.columns) == ["who", "n", "who_id", "who_name", "who_score", "who_status"]
    assert list(out.index) == list("abcdef")
    assert out.loc["a", "who_id"] == "alexander-lukashenko"
    assert out.loc["e", "who_id"] == "pinsk"
    assert out.loc["c", "who_id"] is None
    assert math.isnan(out.loc["c", "who_score"])
    assert out.loc["d", "who_status"] == "unknown"
    assert out["who_score"].dtype == "float64"
    assert list(out["n"]) == list(range(len(NAMES)))


def test_pandas_series_name_is_the_prefix(registry: Registry) -> None:
    out = tn_pandas.resolve_series(pd.Series(["Pinsk"], name="city"), registry)
    assert list(out.columns) == ["city_id", "city_name", "city_score", "city_status"]
    assert out.iloc[0]["city_name"] == "Pinsk"


def test_pandas_missing_column(registry: Registry) -> None:
    with pytest.raises(KeyError, match="nope"):
        tn_pandas.resolve_column(pd.DataFrame({"a": ["x"]}), "nope", registry)


def test_polars_column(registry: Registry) -> None:
    frame = pl.DataFrame({"who": NAMES, "n": list(range(len(NAMES)))})
    out = tn_polars.resolve_column(frame, "who", registry)
    assert out.columns == ["who", "n", "who_id", "who_name", "who_score", "who_status"]
    assert out["who_id"].to_list()[0] == "alexander-lukashenko"
    assert out["who_id"].to_list()[2] is None
    assert out["who_status"].to_list()[3] == "unknown"
    assert out.schema["who_score"] == pl.Float64
    assert out["n"].to_list() == list(range(len(NAMES)))


def test_pandas_and_polars_agree(registry: Registry) -> None:
    with_pandas = tn_pandas.resolve_series(pd.Series(NAMES, name="x"), registry)
    with_polars = tn_polars.resolve_series(pl.Series("x", NAMES), registry)
    assert with_pandas["x_id"].tolist() == with_polars["x_id"].to_list()
    assert with_pandas["x_status"].tolist() == with_polars["x_status"].to_list()
