"""Draw docs/performance.png from benchmarks/perf/results/size-*.json (written by run.py).

Left: throughput against registry size (exact and fuzzy paths, with the same run's baselines);
right: resident memory and warm-start time against registry size.

Usage: python benchmarks/perf/plot.py [--out docs/performance.png]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent


def _warm_label(warm: dict[str, float]) -> str:
    """Warm start, and warm start plus the first fuzzy query (tables load on first use)."""
    label = f"warm {warm['load_s']:.2f} s"
    if "load_and_first_fuzzy_s" in warm:  # results from before the figure was measured lack it
        label += f", + first queries {warm['load_and_first_fuzzy_s']:.2f} s"
    return label


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE.parent.parent / "docs" / "performance.png")
    args = parser.parse_args()
    results = sorted(
        (json.loads(p.read_text(encoding="utf-8")) for p in (HERE / "results").glob("size-*.json")),
        key=lambda r: r["size"],
    )
    if not results:
        raise SystemExit("no results: run benchmarks/perf/run.py first")
    sizes = [r["aliases"] for r in results]
    figure, (speed, memory) = plt.subplots(1, 2, figsize=(12, 4.8))
    series = [
        ("exact, table columns", [r["exact"]["columns_qps"] for r in results], "-o"),
        ("exact, resolve_many", [r["exact"]["qps"] for r in results], "-o"),
        ("fuzzy (variants + nobody)", [r["fuzzy"]["qps"] for r in results], "-s"),
        (
            "baseline: dict of pre-normalized keys",
            [r["exact"]["baseline_dict_qps"] for r in results],
            "--x",
        ),
        (
            "baseline: unidecode + dict",
            [r["exact"]["baseline_unidecode_dict_qps"] for r in results],
            "--x",
        ),
        (
            "baseline: unidecode + extractOne",
            [r["fuzzy"]["baseline"]["qps"] for r in results],
            "--x",
        ),
    ]
    for label, values, style in series:
        speed.plot(sizes, values, style, label=label)
    speed.axhline(500_000, color="grey", linewidth=0.8, linestyle=":")
    speed.axhline(1_000, color="grey", linewidth=0.8, linestyle=":")
    speed.set_xscale("log")
    speed.set_yscale("log")
    speed.set_xlabel("registry names (aliases)")
    speed.set_ylabel("queries per second, one core")
    speed.set_title("Throughput (dotted: targets)")
    speed.legend(fontsize=7)
    memory.plot(
        sizes, [r["warm"]["rss_loaded_mb"] for r in results], "-o", label="RSS after warm start"
    )
    memory.plot(
        sizes, [r["warm"]["rss_after_queries_mb"] for r in results], "-o", label="RSS after queries"
    )
    memory.axhline(1536, color="grey", linewidth=0.8, linestyle=":")
    memory.set_xscale("log")
    memory.set_xlabel("registry names (aliases)")
    memory.set_ylabel("MB")
    memory.set_title("Memory (dotted: 1.5 GB target); warm start (+ first queries) in labels")
    for size, result in zip(sizes, results, strict=True):
        memory.annotate(
            _warm_label(result["warm"]),
            (size, result["warm"]["rss_after_queries_mb"]),
            fontsize=7,
            textcoords="offset points",
            xytext=(4, 6),
        )
    memory.legend(fontsize=7)
    figure.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
