"""Table mode at scale: stream a 1M-row CSV through the CLI and watch its memory.

Writes a CSV of N rows (a row number, a name drawn from the workload's exact names, unseen
variants and names of nobody, and a free-text column with commas and quotes), pipes it through
``python -m translit_norm --input-format csv --column name`` against the 1k-entity workload
registry, samples the child's resident memory while it runs, and checks the output: one row per
input row, in the same order, four columns added. Run with a smaller N too: constant memory
means the peak does not grow with N.

Usage: python benchmarks/perf/table_stream.py [--rows 1000000 100000] [--build DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import workload  # noqa: E402


def _write_input(path: Path, rows: int, people: list[workload.Person]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["row", "name", "note"])
        for number, name in workload.iter_rows(people, rows):
            writer.writerow([number, name, f'seen in "{number % 97}", page {number % 13}'])


def _check_output(path: Path, rows: int) -> int:
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        assert header == [
            "row",
            "name",
            "note",
            "name_id",
            "name_name",
            "name_score",
            "name_status",
        ], header
        count = 0
        for expected, row in enumerate(reader):
            assert int(row[0]) == expected, (expected, row[:2])
            assert len(row) == 7
            count += 1
    assert count == rows, (count, rows)
    return count


def run(rows: int, build: Path) -> dict[str, float]:
    """Stream ``rows`` rows; returns throughput and memory figures."""
    people = workload.make_people(1000)
    registry_dir = build / "size-1000" / "registry"
    workload.write_registry(people, registry_dir)  # 1,000 people: cheap, and never stale
    stream_dir = build / "stream"
    stream_dir.mkdir(parents=True, exist_ok=True)
    source = stream_dir / f"rows-{rows}.csv"
    if not source.exists():
        _write_input(source, rows, people)
    target = stream_dir / f"rows-{rows}.out.csv"
    command = [
        sys.executable,
        "-m",
        "translit_norm",
        "--registry",
        str(registry_dir),
        "--input-format",
        "csv",
        "--column",
        "name",
    ]
    # Warm the compiled cache first so the figures are about streaming, not compiling.
    subprocess.run([*command[:5], "Kiev"], check=True, capture_output=True)
    samples: list[float] = []
    start = time.perf_counter()
    with source.open("rb") as stdin, target.open("wb") as stdout:
        child = subprocess.Popen(command, stdin=stdin, stdout=stdout)
        watched = psutil.Process(child.pid)
        while child.poll() is None:
            try:
                samples.append(watched.memory_info().rss / 2**20)
            except psutil.NoSuchProcess:
                break
            time.sleep(0.1)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"normalize failed with exit code {child.returncode}")
    count = _check_output(target, rows)
    tail = samples[len(samples) // 2 :] or [0.0]
    return {
        "rows": count,
        "seconds": seconds,
        "rows_per_s": count / seconds,
        "peak_rss_mb": max(samples or [0.0]),
        "rss_first_decile_mb": max(samples[: max(1, len(samples) // 10)] or [0.0]),
        "rss_second_half_mb": max(tail),
        "input_mb": source.stat().st_size / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--build", type=Path, default=HERE / "build")
    args = parser.parse_args()
    results = []
    for rows in args.rows:
        result = run(rows, args.build)
        results.append(result)
        print(
            f"{rows:>9,} rows: {result['rows_per_s']:,.0f} rows/s, "
            f"peak RSS {result['peak_rss_mb']:.0f} MB "
            f"(first tenth {result['rss_first_decile_mb']:.0f}, "
            f"second half {result['rss_second_half_mb']:.0f}), input {result['input_mb']:.0f} MB,"
            " every row present and in order",
            flush=True,
        )
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "table_stream.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
