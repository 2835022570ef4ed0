"""Child process of run.py: a warm start from the compiled cache, timed in a fresh interpreter.

Prints one JSON object: seconds to load the registry from the cache, to answer the first exact
and the first fuzzy query after it (the tables are unpickled when first used, so these count
as much as the load itself: "warm start + first exact query" and "+ first fuzzy query" are
reported beside it), and the resident memory (RSS) after loading and after answering a batch
of unseen-variant queries (which touches every table).

The entry is read under the key the parent computed when it built it, so that edits to
translit_norm's sources in between (which change the key) do not turn the warm start into a
rebuild; the key is still computed here, as Registry.load does, and its time counted.

Usage: python warm_start.py REGISTRY_DIR CACHE_DIR KEY QUERIES_JSON
"""

from __future__ import annotations

import json
import sys
import time


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def main() -> None:
    registry_dir, cache_dir, key, queries_file = sys.argv[1:5]
    with open(queries_file, encoding="utf-8") as stream:
        queries = json.load(stream)
    start, cpu_start = time.perf_counter(), time.process_time()
    import translit_norm

    imported = time.perf_counter()
    cpu_imported = time.process_time()
    from pathlib import Path

    from translit_norm import cache
    from translit_norm.loader import registry_files

    files = registry_files([registry_dir])
    # Timed, as in Registry.load (the registry is built with expand=False: Expansion.NONE).
    cache.fingerprint(files, options="folding=unidecode;expand=0")
    index = cache.read(Path(cache_dir), key)
    if index is None:
        raise SystemExit("no compiled entry under the given key")
    registry = translit_norm.Registry._from_index(index)
    loaded = time.perf_counter()
    cpu_loaded = time.process_time()
    registry.resolve(queries["exact"][0])
    first_exact, cpu_first_exact = time.perf_counter(), time.process_time()
    registry.resolve(queries["variants"][0])
    first_fuzzy, cpu_first_fuzzy = time.perf_counter(), time.process_time()
    rss_loaded = _rss_mb()
    registry.resolve_many(queries["variants"])
    registry.resolve_many(queries["exact"])
    print(
        json.dumps(
            {
                "import_s": imported - start,
                "load_s": loaded - imported,
                "load_cpu_s": cpu_loaded - cpu_imported,
                "import_cpu_s": cpu_imported - cpu_start,
                "first_exact_s": first_exact - loaded,
                "first_fuzzy_s": first_fuzzy - first_exact,
                "load_and_first_exact_s": first_exact - imported,
                "load_and_first_fuzzy_s": first_fuzzy - imported,
                "load_and_first_exact_cpu_s": cpu_first_exact - cpu_imported,
                "load_and_first_fuzzy_cpu_s": cpu_first_fuzzy - cpu_imported,
                "rss_loaded_mb": rss_loaded,
                "rss_after_queries_mb": _rss_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
