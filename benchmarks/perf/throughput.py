"""Child process of run.py: one query path's throughput in a process started from the cache.

A compiled registry is read lazily (shards.py): a fresh process unpickles the parts of the
tables its first queries touch, so its first batch costs more than the same batch later on.
Both figures are reported, and neither hides the other:

- **cold process**: the warm-up batch, timed, in a process that has just started from the
  compiled cache (every table it touches is read inside the timing);
- **steady**: the timed batch, after the warm-up. The warm-up batch is of the same kind as
  the timed one (the same generator with another seed) but shares none of its strings, so no
  answer of the timed batch is remembered from it: only the tables are in. The tables the
  warm-up started reading are read whole before the timed batch (a table of the exact names
  is about half read after 2,500 unseen names, each of which looks itself up there once);
  tables the warm-up never touched stay unread.

Modes: ``columns`` (``integrations.columns.resolve_values`` over exact names), ``exact``
(``Registry.resolve_many`` over the same names) and ``fuzzy`` (``Registry.resolve_many``
over unseen variants, then names of nobody). Throughput is CPU time of this process.

Prints one JSON object: the two rates, the seconds spent reading table shards in each batch
and in finishing the tables between them (``Index.load_seconds``), and the answers of the
timed batch (ids and statuses) for run.py to score.

Usage: python throughput.py CACHE_DIR KEY QUERIES_JSON MODE
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from translit_norm import Registry, cache
from translit_norm.integrations.columns import resolve_values
from translit_norm.shards import ShardedMap, ShardedSequence


def _run(batch: list[str], answer: Callable[[list[str]], tuple[list[Any], list[str]]]) -> Any:
    start = time.process_time()
    ids, statuses = answer(batch)
    return len(batch) / max(time.process_time() - start, 1e-9), ids, statuses


def main() -> None:
    cache_dir, key, queries_file, mode = sys.argv[1:5]
    with open(queries_file, encoding="utf-8") as stream:
        queries = json.load(stream)
    index = cache.read(Path(cache_dir), key)
    if index is None:
        raise SystemExit("no compiled entry under the given key")
    registry = Registry._from_index(index)

    def columns(batch: list[str]) -> tuple[list[Any], list[str]]:
        result = resolve_values(registry, batch)
        return result.ids, [str(s) for s in result.statuses]

    def matches(batch: list[str]) -> tuple[list[Any], list[str]]:
        found = registry.resolve_many(batch)
        return [m.id for m in found], [str(m.status) for m in found]

    if mode == "fuzzy":
        warm_up = queries["variants_warm_up"] + queries["nobody_warm_up"]
        timed = queries["variants"] + queries["nobody"]
    else:
        warm_up, timed = queries["exact_warm_up"], queries["exact_timed"]
    answer = columns if mode == "columns" else matches
    loading = getattr(index, "load_seconds", lambda: 0.0)
    cold_qps, _, _ = _run(warm_up, answer)
    cold_loading = loading()
    # The tables the warm-up started reading are finished before the timed batch: a
    # pipeline that keeps running reads them whole soon, and the cold figure already
    # carries that cost. Tables it never touched stay unread.
    for value in list(vars(index).values()):
        if isinstance(value, ShardedMap | ShardedSequence) and value.store.done:
            value.store.fill()
    filled = loading()
    steady_qps, ids, statuses = _run(timed, answer)
    print(
        json.dumps(
            {
                "cold_qps": cold_qps,
                "qps": steady_qps,
                "cold_shard_seconds": cold_loading,
                "fill_seconds": filled - cold_loading,
                "steady_shard_seconds": loading() - filled,
                "ids": ids,
                "statuses": statuses,
            }
        )
    )


if __name__ == "__main__":
    main()
