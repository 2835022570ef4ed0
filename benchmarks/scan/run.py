"""Scanning benchmark: precision and recall on our fixture texts, and throughput.

Prints figures, never asserts timing. Times are CPU seconds of this process (one core, so
other load on the machine does not skew them). Throughput is measured on the embedded default
registry over the fixture texts repeated to a few megabytes, beside a baseline from the same
run: one
plain regular-expression alternation of every registry name (longest first, on word
boundaries), which finds exact spellings only.

Usage: python benchmarks/scan/run.py [--megabytes N]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from translit_norm import Registry, Status

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "data" / "scan" / "fixtures.yaml"
FILLER = Path(__file__).with_name("filler.txt")


def accuracy(registry: Registry, texts: list[dict[str, Any]]) -> tuple[int, int, int]:
    """True positives, false positives and false negatives over the fixture texts."""
    tp = fp = fn = 0
    for item in texts:
        found = Counter(
            (m.surface, m.id) for m in registry.scan(item["text"]) if m.status is Status.MATCHED
        )
        wanted = Counter((m["text"], m["id"]) for m in item["mentions"])
        tp += sum((found & wanted).values())
        fp += sum((found - wanted).values())
        fn += sum((wanted - found).values())
    return tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=4.0)
    args = parser.parse_args()
    texts = yaml.safe_load(FIXTURES.read_text("utf-8"))["texts"]
    started = time.process_time()
    registry = Registry.default()
    registry.scanner()
    print(f"registry and scanner ready in {time.process_time() - started:.2f} s")

    tp, fp, fn = accuracy(registry, texts)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"fixtures: {len(texts)} texts, {tp + fn} expected mentions")
    print(f"precision {precision:.3f} ({tp}/{tp + fp})  recall {recall:.3f} ({tp}/{tp + fn})")

    # Two corpora: the fixture texts alone (one mention every ~35 characters, far denser than
    # news) and the fixture texts between paragraphs of our name-free filler prose (one
    # mention every ~150 characters, about the density of the news articles we scan).
    filler = FILLER.read_text("utf-8").split("\n")
    mixed = "\n\n".join(f"{t['text']}\n{filler[n % len(filler)]}" for n, t in enumerate(texts))
    for label, unit in (("dense", "\n\n".join(t["text"] for t in texts)), ("news-like", mixed)):
        unit += "\n\n"
        corpus = unit * max(1, int(args.megabytes * 1e6 / len(unit.encode("utf-8"))))
        throughput(registry, label, corpus)


def throughput(registry: Registry, label: str, corpus: str) -> None:
    """Print the baseline's and the scanner's MB/s over ``corpus`` (4,000-character documents)."""
    size = len(corpus.encode("utf-8")) / 1e6
    documents = [corpus[i : i + 4000] for i in range(0, len(corpus), 4000)]
    print(f"-- {label} corpus: {size:.1f} MB, {len(documents)} documents")

    names = sorted({f.text for f in registry.index.forms}, key=len, reverse=True)
    started = time.process_time()
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    compiled = time.process_time() - started
    # The baseline is slow: time it on the first half megabyte (a rate is a rate).
    sample = documents[: max(1, int(len(documents) * min(1.0, 0.5 / size)))]
    sample_size = sum(len(d.encode("utf-8")) for d in sample) / 1e6
    started = time.process_time()
    baseline_hits = sum(len(pattern.findall(d)) for d in sample)
    baseline = time.process_time() - started
    print(
        f"baseline regex alternation of {len(names)} names: compiled in {compiled:.2f} s, "
        f"{sample_size / baseline:.2f} MB/s over {sample_size:.2f} MB ({baseline_hits} hits)"
    )

    registry.scanner().clear()
    started = time.process_time()
    hits = sum(len(found) for found in registry.scan_many(documents))
    elapsed = time.process_time() - started
    print(f"scan (cold caches): {size / elapsed:.2f} MB/s ({hits} mentions)")
    started = time.process_time()
    hits = sum(len(found) for found in registry.scan_many(documents))
    elapsed = time.process_time() - started
    print(f"scan (warm caches): {size / elapsed:.2f} MB/s ({hits} mentions)")


if __name__ == "__main__":
    main()
