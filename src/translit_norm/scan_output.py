"""The ``translit-norm scan`` command: mentions of registered entities in text files.

Part of the command-line layer (kept out of :mod:`translit_norm.cli` so the command's formats
live in one place): it reads each file (or stdin) as one document, calls
:meth:`Registry.scan <translit_norm.registry.Registry.scan>` and writes jsonl records, the
annotated text, the text with canonical names, or a per-document summary.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

from translit_norm.errors import TranslitNormError
from translit_norm.registry import Registry
from translit_norm.resolver import DEFAULT_THRESHOLD
from translit_norm.results import Status
from translit_norm.scanning import Mention, summarize

__all__ = ["FORMATS", "add_scan_parser", "annotate", "replace", "run_scan"]

FORMATS = ("jsonl", "text")
STDIN_NAME = "<stdin>"


def add_scan_parser(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    *,
    add_registry: Callable[[argparse.ArgumentParser], None],
    threshold: Callable[[str], float],
) -> None:
    """Add the ``scan`` subcommand to ``commands``."""
    scan = commands.add_parser("scan", help="find entity mentions in text files (else stdin)")
    scan.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files (else stdin)")
    add_registry(scan)
    scan.add_argument(
        "--format",
        choices=FORMATS,
        default="jsonl",
        help="jsonl: one object per mention, with its file; text: the text with each "
        "mention annotated [[mention|id]]",
    )
    what = scan.add_mutually_exclusive_group()
    what.add_argument(
        "--replace",
        action="store_true",
        help="print the text with each matched mention replaced by the canonical name",
    )
    what.add_argument(
        "--summary",
        action="store_true",
        help="print, per document, the entities mentioned and how often",
    )
    scan.add_argument("--urls", action="store_true", help="also look inside URLs and e-mails")
    scan.add_argument(
        "--threshold",
        type=threshold,
        default=DEFAULT_THRESHOLD,
        help=f"least score of a mention (default {DEFAULT_THRESHOLD})",
    )


def annotate(text: str, mentions: Sequence[Mention]) -> str:
    """``text`` with each mention written ``[[surface|id]]`` (``[[surface|?a,b]]`` if ambiguous)."""
    return _rewrite(
        text,
        mentions,
        lambda m: f"[[{m.surface}|{m.id if m.id else '?' + ','.join(m.candidates)}]]",
    )


def replace(text: str, mentions: Sequence[Mention]) -> str:
    """``text`` with each matched mention replaced by its entity's canonical name."""
    return _rewrite(
        text, mentions, lambda m: m.name if m.status is Status.MATCHED and m.name else m.surface
    )


def _rewrite(text: str, mentions: Sequence[Mention], write: Callable[[Mention], str]) -> str:
    out: list[str] = []
    at = 0
    for mention in mentions:
        out.append(text[at : mention.start])
        out.append(write(mention))
        at = mention.end
    out.append(text[at:])
    return "".join(out)


def _documents(files: Sequence[str], stdin: IO[bytes]) -> Iterator[tuple[str, str]]:
    """(name, text) of each document, read one at a time."""
    if not files:
        yield STDIN_NAME, stdin.read().decode("utf-8-sig", errors="replace")
    for name in files:
        try:
            text = Path(name).read_text(encoding="utf-8-sig", errors="replace")
        except OSError as exc:
            raise TranslitNormError(f"{name}: {exc.strerror or exc}") from None
        yield name, text


def run_scan(
    args: argparse.Namespace, registry: Registry, stdin: IO[bytes], stdout: IO[str]
) -> int:
    """Run ``scan`` with parsed ``args``; returns the exit code."""
    for name, text in _documents(args.files, stdin):
        mentions = registry.scan(text, urls=args.urls, threshold=args.threshold)
        if args.summary:
            stdout.write(f"{name}\n")
            for entity_id, count in sorted(
                summarize(mentions).items(), key=lambda c: (-c[1], c[0])
            ):
                stdout.write(f"  {entity_id}\t{registry.entity(entity_id).name}\t{count}\n")
        elif args.replace:
            stdout.write(replace(text, mentions))
        elif args.format == "text":
            stdout.write(annotate(text, mentions))
        else:
            for mention in mentions:
                record = {"file": name, **mention.to_dict()}
                stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0
