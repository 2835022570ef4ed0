"""Fuzz the resolver with a million hostile inputs and print what happened (not run in CI).

Every input goes through ``Registry.resolve`` (every fourth with ``explain=True``) on the
embedded default registry and must come back as exactly one status without raising. The
inputs are generated from a seed (the same seed gives the same inputs) in eight families, one
eighth each:

- ``codepoints``: random code points from every plane, lone surrogates, unassigned and
  private-use code points, controls and noncharacters included;
- ``invisible``: a registered name with zero-width characters, bidi overrides, soft hyphens and
  variation selectors sprinkled in;
- ``homoglyphs``: a registered name with some letters swapped for look-alikes of another
  script (Latin, Cyrillic, Greek);
- ``mutated``: a registered name with letters dropped, doubled or changed, words swapped,
  case scrambled;
- ``bytes``: random bytes decoded the way the CLI decodes a broken line (``surrogateescape``);
- ``long``: names repeated past the query cap (1 000 to 20 000 characters);
- ``blank``: white space and invisible characters only;
- ``marks``: a registered name buried under combining marks.

For ``invisible`` and ``homoglyphs`` the right answer is known (the answer for the clean name),
so the script also prints how often it was given. Figures printed: inputs, wall time,
throughput beside a baseline (resolving the registry's own names, same run), crashes, invariant
violations and the status counts per family.

Usage::

    python benchmarks/fuzz/fuzz.py [--count 1000000] [--seed 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any

from translit_norm import Registry, Status
from translit_norm.confusables import homoglyphs
from translit_norm.resolver import MAX_QUERY_CHARS
from translit_norm.transliteration import script_of

INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters, soft hyphen
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
    "\ufe0f\ufe0e\u180e"  # variation selectors, Mongolian vowel separator
)
BLANK = " \t\u00a0\u2000\u2003\u3000\u205f" + INVISIBLE
FAMILIES = (
    "codepoints",
    "invisible",
    "homoglyphs",
    "mutated",
    "bytes",
    "long",
    "blank",
    "marks",
)
CHUNK = 2000

_registry: Registry | None = None
_names: list[str] = []


def _init() -> None:
    global _registry, _names
    _registry = Registry.default()
    names = set()
    for entity in _registry.entities:
        names.add(entity.name)
        names.update(entity.aliases)
        names.update(text for _, text in entity.native)
    _names = sorted(names)


def _codepoints(rng: random.Random) -> tuple[str, str | None]:
    size = rng.randrange(1, 40)
    chars = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.1:
            chars.append(chr(rng.randrange(0xD800, 0xE000)))  # lone surrogates
        elif roll < 0.5:
            chars.append(chr(rng.randrange(0x20, 0x3000)))  # the alphabets
        elif roll < 0.6:
            chars.append(" ")
        else:
            chars.append(chr(rng.randrange(0, 0x110000)))
    return "".join(chars), None


def _invisible(rng: random.Random) -> tuple[str, str | None]:
    name = rng.choice(_names)
    chars = list(name)
    for _ in range(rng.randrange(1, 5)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(INVISIBLE))
    return "".join(chars), name


def _homoglyphs(rng: random.Random) -> tuple[str, str | None]:
    name = rng.choice(_names)
    table = homoglyphs().lookalikes
    out = []
    for word in name.split(" "):
        letters = [i for i, c in enumerate(word) if c.casefold() in table]
        chars = list(word)
        # Under half of a word's letters: a disguise, not a word of the other script.
        alpha = sum(c.isalpha() for c in word)
        for i in rng.sample(letters, min(len(letters), max(0, (alpha - 1) // 2))):
            choices = table[word[i].casefold()]
            own = script_of(word[i])
            other = [c for s, c in sorted(choices.items()) if s != own]
            if other and table.get(other[0], {}).get(own) == word[i].casefold():
                swap = rng.choice(other)
                chars[i] = swap.upper() if word[i].isupper() else swap
        out.append("".join(chars))
    return " ".join(out), name


def _mutated(rng: random.Random) -> tuple[str, str | None]:
    chars = list(rng.choice(_names))
    for _ in range(rng.randrange(1, 4)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        roll = rng.random()
        if roll < 0.3:
            del chars[i]
        elif roll < 0.5:
            chars.insert(i, chars[i])
        elif roll < 0.8:
            chars[i] = chr(rng.randrange(0x61, 0x7B))
        else:
            chars[i] = chars[i].swapcase()
    words = "".join(chars).split(" ")
    if rng.random() < 0.3:
        rng.shuffle(words)
    return " ".join(words), None


def _bytes(rng: random.Random) -> tuple[str, str | None]:
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
    return data.decode("utf-8", "surrogateescape"), None


def _long(rng: random.Random) -> tuple[str, str | None]:
    name = rng.choice(_names) + " "
    size = rng.randrange(MAX_QUERY_CHARS + 1, 20_000)
    return (name * (size // len(name) + 1))[:size], None


def _blank(rng: random.Random) -> tuple[str, str | None]:
    return "".join(rng.choice(BLANK) for _ in range(rng.randrange(0, 12))), None


def _marks(rng: random.Random) -> tuple[str, str | None]:
    name = rng.choice(_names)
    out = []
    for char in name:
        out.append(char)
        out.extend(chr(rng.randrange(0x300, 0x370)) for _ in range(rng.randrange(0, 4)))
    return "".join(out), None


GENERATORS: dict[str, Callable[[random.Random], tuple[str, str | None]]] = {
    "codepoints": _codepoints,
    "invisible": _invisible,
    "homoglyphs": _homoglyphs,
    "mutated": _mutated,
    "bytes": _bytes,
    "long": _long,
    "blank": _blank,
    "marks": _marks,
}


def _run_chunk(job: tuple[int, int, int]) -> dict[str, Any]:
    seed, index, size = job
    assert _registry is not None
    rng = random.Random(seed * 1_000_003 + index)
    statuses: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    crashes: list[str] = []
    violations: list[str] = []
    for n in range(size):
        family = FAMILIES[(index * size + n) % len(FAMILIES)]
        text, source = GENERATORS[family](rng)
        try:
            # Every fourth input also builds the explanation (it formats every step).
            match = _registry.resolve(text, explain=n // len(FAMILIES) % 4 == 0)
        except Exception:
            crashes.append(f"{family} {text!r}\n{traceback.format_exc()}")
            continue
        statuses[family, str(match.status)] += 1
        if match.status not in set(Status) or (match.id is not None) != (
            match.status is Status.MATCHED
        ):
            violations.append(f"{family} {text!r}: {match!r}")
        elif match.score is not None and not 0.0 <= match.score <= 1.0:
            violations.append(f"{family} {text!r}: score {match.score}")
        if source is not None:
            expected = _registry.resolve(source)
            same = (match.status, match.id) == (expected.status, expected.id)
            right[family, "same" if same else "different"] += 1
    return {
        "statuses": statuses,
        "right": right,
        "crashes": crashes[:5],
        "crash_count": len(crashes),
        "violations": violations[:5],
        "violation_count": len(violations),
    }


class _Totals:
    """Figures summed over the chunks done so far."""

    def __init__(self) -> None:
        self.statuses: Counter[tuple[str, str]] = Counter()
        self.right: Counter[tuple[str, str]] = Counter()
        self.crashes: list[str] = []
        self.violations: list[str] = []
        self.crash_count = self.violation_count = self.done = 0

    def add(self, result: dict[str, Any]) -> None:
        self.statuses.update(result["statuses"])
        self.right.update(result["right"])
        self.crashes.extend(result["crashes"])
        self.violations.extend(result["violations"])
        self.crash_count += result["crash_count"]
        self.violation_count += result["violation_count"]
        self.done += sum(result["statuses"].values()) + result["crash_count"]


def _report(
    args: argparse.Namespace, totals: _Totals, elapsed: float, base_count: int, base_time: float
) -> None:
    print(
        f"seed {args.seed}, {args.workers} worker processes, default registry ({len(_names)} names)"
    )
    print(
        f"baseline: {base_count} registered names in {base_time:.2f} s "
        f"({base_count / base_time:.0f}/s, one process)"
    )
    total = totals.done
    print(
        f"fuzz:     {total} inputs in {elapsed:.1f} s ({total / elapsed:.0f}/s over "
        f"{args.workers} processes)"
    )
    print(f"crashes: {totals.crash_count}   invariant violations: {totals.violation_count}")
    print(f"{'family':<12}{'matched':>10}{'ambiguous':>11}{'unknown':>10}")
    for family in FAMILIES:
        row = [totals.statuses[family, s] for s in ("matched", "ambiguous", "unknown")]
        print(f"{family:<12}{row[0]:>10}{row[1]:>11}{row[2]:>10}")
    for family in ("invisible", "homoglyphs"):
        same, different = totals.right[family, "same"], totals.right[family, "different"]
        if same + different:
            print(
                f"{family}: same answer as the clean name for {same}/{same + different} "
                f"({100 * same / (same + different):.2f}%)"
            )
    for line in totals.crashes + totals.violations:
        print(line)
    print(flush=True)


def _baseline() -> tuple[int, float]:
    """Resolve every registered name once: the fast path, for scale."""
    assert _registry is not None
    start = time.perf_counter()
    for name in _names:
        _registry.resolve(name, explain=True)
    return len(_names), time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--report-every", type=int, default=100_000, help="print figures so far")
    args = parser.parse_args(argv)

    _init()
    base_count, base_time = _baseline()
    chunks = [
        (args.seed, i, min(CHUNK, args.count - i * CHUNK))
        for i in range((args.count + CHUNK - 1) // CHUNK)
    ]
    totals = _Totals()
    start = time.perf_counter()
    with multiprocessing.Pool(args.workers, initializer=_init) as pool:
        try:
            for result in pool.imap_unordered(_run_chunk, chunks):
                totals.add(result)
                if totals.done % args.report_every < CHUNK:
                    rate = totals.done / (time.perf_counter() - start)
                    print(f"  ... {totals.done} inputs, {rate:.0f}/s", file=sys.stderr, flush=True)
                    _report(args, totals, time.perf_counter() - start, base_count, base_time)
        except KeyboardInterrupt:
            print("interrupted: figures so far", flush=True)
    _report(args, totals, time.perf_counter() - start, base_count, base_time)
    return 1 if totals.crash_count or totals.violation_count else 0


if __name__ == "__main__":
    sys.exit(main())
