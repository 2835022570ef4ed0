"""Spark integration: a pandas UDF with the registry broadcast, in local mode.

One Spark session for the whole module (starting one takes seconds); small data.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from pyspark.sql import SparkSession

from translit_norm import Registry
from translit_norm.integrations import spark as tn_spark

# PySpark warns that it is not yet tested with pandas 3; our UDF uses only plain Series.
pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)

NAMES = ["Łukašenka", "Тихановская", None, "Nobody Atall", "Pinsk", "Kyiv"]


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    # Workers must run this interpreter (the one translit_norm is installed in).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (
        SparkSession.builder.master("local[2]")
        .appName("translit-norm-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_column(spark: SparkSession, registry: Registry) -> None:
    rows = [(i, name) for i, name in enumerate(NAMES)]
    frame = spark.createDataFrame(rows, "row INT, who STRING").repartition(2)
    out = tn_spark.resolve_column(frame, "who", registry)
    assert out.columns == ["row", "who", "who_id", "who_name", "who_score", "who_status"]
    got = {r["row"]: r for r in out.collect()}
    assert len(got) == len(NAMES)
    for i, name in enumerate(NAMES):
        if name is None:
            assert got[i]["who_id"] is None
            assert got[i]["who_status"] is None
            continue
        match = registry.resolve(name)
        assert got[i]["who_status"] == match.status
        assert got[i]["who_id"] == match.id
    assert got[0]["who_id"] == "alexander-lukashenko"
    assert got[3]["who_status"] == "unknown"


def test_spark_missing_column(spark: SparkSession, registry: Registry) -> None:
    frame = spark.createDataFrame([("x",)], "a STRING")
    with pytest.raises(KeyError):
        tn_spark.resolve_column(frame, "nope", registry)


def test_udf_ships_the_broadcast_handle_not_the_registry(
    spark: SparkSession, registry: Registry
) -> None:
    # What Spark serializes with every task is the UDF's closure: it must hold the broadcast
    # handle (a few bytes), not the compiled registry (which travels once per executor).
    from pyspark import cloudpickle

    shared = spark.sparkContext.broadcast(registry)
    udf = tn_spark.resolver_udf(shared)
    closure = len(cloudpickle.dumps(udf.func))
    whole = len(cloudpickle.dumps(registry))
    assert closure * 20 < whole
    shared.unpersist()
