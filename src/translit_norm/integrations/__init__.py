"""Pipeline integrations: resolve a column of a pandas, polars, Dask or Spark table.

Each engine has its own module, imported only when asked for (``from
translit_norm.integrations import pandas``), so translit_norm itself never needs any of them.
All of them add the same four columns, named after the input column: ``<col>_id``,
``<col>_name``, ``<col>_score`` and ``<col>_status``; see :mod:`translit_norm.integrations.columns`.
"""
