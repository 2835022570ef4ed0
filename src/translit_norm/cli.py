"""The command line: ``normalize`` and ``translit-norm`` (a thin layer over the public API).

Every command is ``main(argv) -> exit code`` so tests run it in-process. User errors (a bad
registry, bad arguments) print one line and exit 2; nothing prints a traceback for them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any

from translit_norm.errors import TranslitNormError
from translit_norm.expansion import Expansion
from translit_norm.registry import Registry
from translit_norm.resolver import DEFAULT_THRESHOLD
from translit_norm.resources import default_registry_path
from translit_norm.results import Match, Status
from translit_norm.romanization import romanization_scheme, romanize, scheme_ids
from translit_norm.scan_output import add_scan_parser, run_scan

__all__ = ["main", "normalize_main"]

PROG = "translit-norm"


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (not the whole usage) on a bad argument."""

    def error(self, message: str) -> Any:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be within [0, 1], got {text}")
    return value


def _add_registry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--registry",
        action="append",
        metavar="PATH",
        help="registry file or directory (repeatable); replaces the embedded default",
    )
    _add_gazetteer_option(parser)


def _add_gazetteer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer",
        action="store_true",
        help="give places every name GeoNames records, not only their standard exonyms "
        "(opt-in: some of those names are a surname or a word elsewhere; docs/how-it-works.md)",
    )


def _add_normalize_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="*", metavar="NAME", help="names to resolve (else stdin)")
    _add_registry_option(parser)
    parser.add_argument(
        "--format",
        choices=("text", "jsonl", "tsv"),
        default="text",
        help="text: the canonical name or the input unchanged; jsonl: one object per input; "
        "tsv: input, status, id, name, score, method, alias",
    )
    parser.add_argument(
        "--explain", action="store_true", help="add the pipeline's steps (jsonl: 'explain')"
    )
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        help=f"least score of a match (default {DEFAULT_THRESHOLD})",
    )
    parser.add_argument(
        "--input-format",
        choices=("lines", "csv", "tsv", "jsonl"),
        default="lines",
        help="lines: one name per line (default); csv, tsv, jsonl: a table whose --column is "
        "resolved, written back with <col>_id, <col>_name, <col>_score, <col>_status added",
    )
    parser.add_argument(
        "--column", metavar="NAME", help="the table column (header name or JSON key) of names"
    )


def _run_table(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str]) -> int:
    """Table mode: stream a CSV/TSV/JSONL table from stdin with one column resolved."""
    from translit_norm.progress import Progress
    from translit_norm.tables import resolve_table

    if not args.column:
        raise TranslitNormError(f"--input-format {args.input_format} needs --column NAME")
    if args.names:
        raise TranslitNormError("table mode reads stdin: give no NAME arguments")
    progress = None
    if sys.stderr.isatty():
        total: int | None = None
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            info = os.fstat(stdin.fileno())
            total = info.st_size if stat.S_ISREG(info.st_mode) else None
        fd = stdin.fileno() if total else -1
        progress = Progress(sys.stderr, total=total, position=lambda: os.lseek(fd, 0, os.SEEK_CUR))
    resolve_table(
        _registry(args.registry, gazetteer=args.gazetteer),
        stdin,
        stdout,
        fmt=args.input_format,
        column=args.column,
        threshold=args.threshold,
        progress=progress,
        warn=lambda message: print(f"normalize: {message}", file=sys.stderr),
    )
    return 0


def _registry(paths: Sequence[str] | None, *, gazetteer: bool = False) -> Registry:
    if not gazetteer:
        return Registry.load(*paths) if paths else Registry.default()
    return Registry.load(*(paths or [str(default_registry_path())]), expand=Expansion.ALL)


def _input_lines(stream: IO[bytes]) -> Iterator[tuple[str, str | None]]:
    """(line, error) pairs from a byte stream: any line ending, a BOM, invalid UTF-8 kept.

    Invalid bytes are carried as lone surrogates (``surrogateescape``) so the text format can
    write them back unchanged; ``error`` says what was wrong with the line.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline=None)
    for line in text:
        line = line[:-1] if line.endswith("\n") else line
        yield line, _utf8_problem(line)


def _utf8_problem(line: str) -> str | None:
    """Where ``line`` held bytes that are not UTF-8 (lone surrogates now), else None.

    Encoding finds the first one at C speed, so a 10 MB line costs milliseconds.
    """
    if line.isascii():
        return None
    try:
        line.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"invalid UTF-8 at character {exc.start}"
    return None


def _is_interactive(stream: IO[bytes]) -> bool:
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return False
    return not stat.S_ISREG(mode)


def _tsv_field(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def format_match(match: Match, fmt: str, *, explain: bool = False) -> str:
    """One output line (without the newline) for ``match`` in format ``fmt``."""
    if fmt == "text":
        return match.name if match.status is Status.MATCHED and match.name else match.input
    if fmt == "tsv":
        fields = (match.input, match.status, match.id, match.name, match.score, match.method)
        return "\t".join(_tsv_field(v) for v in (*fields, match.alias))
    return json.dumps(match.to_dict(explain=explain), ensure_ascii=False)


def _error_line(line: str, error: str, fmt: str) -> str:
    if fmt == "text":
        return line
    shown = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if fmt == "tsv":
        return "\t".join((_tsv_field(shown), "error", "", "", "", "", ""))
    record = {"input": shown, "status": "error", "id": None, "name": None, "score": None}
    record |= {"alias": None, "method": None, "reason": error}
    return json.dumps(record, ensure_ascii=False)


def _utf8_stdout() -> IO[str]:
    """stdout writing UTF-8, with undecodable input bytes written back as they came."""
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors="surrogateescape")
    return stream


def _run_normalize(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str]) -> int:
    if args.input_format != "lines":
        return _run_table(args, stdin, stdout)
    if args.column:
        raise TranslitNormError("--column needs --input-format csv, tsv or jsonl")
    registry = _registry(args.registry, gazetteer=args.gazetteer)
    explain = bool(args.explain)
    if args.names:
        source: Iterator[tuple[str, str | None]] = ((name, None) for name in args.names)
        flush = False
    else:
        source = _input_lines(stdin)
        flush = _is_interactive(stdin)
    for line, error in source:
        if error is not None:
            out = _error_line(line, error, args.format)
        else:
            match = registry.resolve(line, threshold=args.threshold, explain=explain)
            out = format_match(match, args.format, explain=explain)
        stdout.write(out + "\n")
        if flush:
            stdout.flush()
    return 0


def _run_check(args: argparse.Namespace, stdout: IO[str]) -> int:
    registry = _registry(args.paths, gazetteer=args.gazetteer)
    collisions = registry.collisions()
    for collision in collisions:
        stdout.write(f"collision: {collision}\n")
    index = registry.index
    stdout.write(
        f"{len(registry)} entities, {index.alias_count()} names, "
        f"{len(collisions)} collision{'s' if len(collisions) != 1 else ''}\n"
    )
    return 1 if collisions else 0


def _run_romanize(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str]) -> int:
    romanization_scheme(args.lang, args.scheme)  # an unknown language or scheme fails first
    if args.texts:
        source: Iterator[tuple[str, str | None]] = ((text, None) for text in args.texts)
        flush = False
    else:
        source = _input_lines(stdin)
        flush = _is_interactive(stdin)
    for line, _error in source:
        # Undecodable bytes pass through unchanged, like any character no table knows.
        stdout.write(romanize(line, lang=args.lang, scheme=args.scheme) + "\n")
        if flush:
            stdout.flush()
    return 0


def _run_variants(args: argparse.Namespace, stdout: IO[str]) -> int:
    for scheme in scheme_ids(args.lang):
        latin = romanize(args.name, lang=args.lang, scheme=scheme)
        stdout.write(f"{scheme}\t{latin}\n")
    return 0


def _normalize_parser(prog: str) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog,
        description="Resolve names (arguments, else one per line on stdin) to canonical "
        "entities. Exactly one output line per input line, in order.",
    )
    _add_normalize_options(parser)
    return parser


def _main_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="translit_norm: one entity out of many spellings.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    normalize = commands.add_parser("normalize", help="resolve names to canonical entities")
    _add_normalize_options(normalize)
    check = commands.add_parser("check", help="validate a registry and report key collisions")
    check.add_argument("paths", nargs="+", metavar="PATH", help="registry files or directories")
    _add_gazetteer_option(check)
    romanizer = commands.add_parser("romanize", help="romanize Cyrillic text with one scheme")
    romanizer.add_argument("texts", nargs="*", metavar="TEXT", help="texts (else stdin lines)")
    romanizer.add_argument("--lang", required=True, help="source language (be, uk, ru, ...)")
    romanizer.add_argument("--scheme", help="scheme id (default: the language's first)")
    variants = commands.add_parser("variants", help="every scheme's romanization of a name")
    variants.add_argument("name", metavar="NAME", help="a native-script name")
    variants.add_argument("--lang", required=True, help="source language (be, uk, ru, ...)")
    add_scan_parser(commands, add_registry=_add_registry_option, threshold=_threshold)
    return parser


def _guarded(run: Any, stdout: IO[str], stderr: IO[str], prog: str) -> int:
    try:
        code: int = run()
        stdout.flush()
        return code
    except TranslitNormError as exc:
        stderr.write(f"{prog}: {exc}\n")
        return 2
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from complaining
        # again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


def normalize_main(argv: Sequence[str] | None = None) -> int:
    """The ``normalize`` command (also ``python -m translit_norm``)."""
    args = _normalize_parser("normalize").parse_args(argv)
    return _guarded(
        lambda: _run_normalize(args, sys.stdin.buffer, _utf8_stdout()),
        sys.stdout,
        sys.stderr,
        "normalize",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """The ``translit-norm`` command and its subcommands."""
    args = _main_parser().parse_args(argv)
    if args.command == "normalize":
        run = lambda: _run_normalize(args, sys.stdin.buffer, _utf8_stdout())  # noqa: E731
    elif args.command == "romanize":
        run = lambda: _run_romanize(args, sys.stdin.buffer, _utf8_stdout())  # noqa: E731
    elif args.command == "variants":
        run = lambda: _run_variants(args, _utf8_stdout())  # noqa: E731
    elif args.command == "scan":
        run = lambda: run_scan(  # noqa: E731
            args,
            _registry(args.registry, gazetteer=args.gazetteer),
            sys.stdin.buffer,
            _utf8_stdout(),
        )
    else:
        run = lambda: _run_check(args, sys.stdout)  # noqa: E731
    return _guarded(run, sys.stdout, sys.stderr, PROG)
