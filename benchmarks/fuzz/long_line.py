"""Time and memory of the CLI on one 10 MB line, beside a run on three short lines.

A scraped file can hold a "name" that is a whole page. The CLI must answer it (status unknown,
the query cap given as the reason), keep the lines around it, and stay within time and memory
proportional to the line. Each run is a fresh ``python -m translit_norm`` process on the test
suite's registry (compiled cache warmed first); the figures are wall time and the process's
peak resident memory (``wait4``).

Usage::

    python benchmarks/fuzz/long_line.py [--megabytes 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REGISTRY = Path(__file__).resolve().parents[2] / "tests" / "data" / "registry"


def _run(data: bytes, fmt: str) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB and output lines of one CLI run on ``data``."""
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout:
        stdin.write(data)
        stdin.seek(0)
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "translit_norm", "--registry", str(REGISTRY), "--format", fmt],
            stdin=stdin,
            stdout=stdout,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"CLI exited {proc.returncode}")
        stdout.seek(0)
        lines = stdout.read().count(b"\n")
    return elapsed, usage.ru_maxrss, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    args = parser.parse_args(argv)
    word = "Łukašenka ".encode()
    huge = word * int(args.megabytes * 1_000_000 / len(word))
    short = b"Lukashenko\nNobody\nPinsk\n"
    long = b"Lukashenko\n" + huge + b"\nPinsk\n"
    _run(short, "jsonl")  # warm the compiled-registry cache
    print(f"one line of {len(huge) / 1e6:.1f} MB between two names; test registry")
    print(f"{'run':<34}{'seconds':>9}{'peak RSS MiB':>14}{'lines out':>11}")
    for fmt in ("text", "jsonl", "tsv"):
        for label, data in (("baseline (3 short lines)", short), ("with the long line", long)):
            seconds, rss, lines = _run(data, fmt)
            print(f"{fmt + ': ' + label:<34}{seconds:>9.2f}{rss / 1024:>14.1f}{lines:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
