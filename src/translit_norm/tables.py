"""Table mode of the CLI: resolve one column of a CSV, TSV or JSONL stream, row by row.

Pipelines hand over tables, not lists of names. This module reads a table from a byte stream,
resolves the named column in batches of rows (:meth:`Registry.resolve_many`: names written as
the registry holds them answer from one lookup, and a name seen in recent rows is not resolved
again) and writes every row back, in order, with four columns added (``<col>_id``,
``<col>_name``, ``<col>_score``, ``<col>_status``; see
:mod:`translit_norm.integrations.columns`). Only one batch of rows and a bounded memory of
recent names are held, so memory stays constant however long the input is.

CSV and TSV follow Python's ``csv`` dialects (``excel`` and ``excel-tab``: quoted fields may
hold delimiters and newlines); the first row is the header. A JSONL line is one JSON object;
blank lines are written back as they are. An empty cell, a missing key or a JSON ``null`` is no
name: its added cells stay empty.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import IO, Any

from translit_norm.errors import TranslitNormError
from translit_norm.integrations.columns import ResultColumns, column_names, resolve_values
from translit_norm.progress import Progress
from translit_norm.registry import Registry
from translit_norm.resolver import DEFAULT_MARGIN, DEFAULT_THRESHOLD

__all__ = ["DEFAULT_BATCH", "MEMORY", "TableFormat", "resolve_table"]

#: Rows resolved together: large enough to share repeats, small enough to bound memory.
DEFAULT_BATCH = 2048
#: Distinct names whose answers a run remembers across batches.
MEMORY = 1 << 16


class TableFormat(StrEnum):
    """Table formats the CLI reads and writes."""

    CSV = "csv"
    TSV = "tsv"
    JSONL = "jsonl"


def _text(source: IO[bytes]) -> io.TextIOWrapper:
    # newline="" lets the csv module see quoted line breaks; surrogateescape carries invalid
    # UTF-8 through to the output unchanged instead of failing a million-row run.
    return io.TextIOWrapper(source, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _check_new_columns(existing: list[str] | dict[str, Any], column: str, where: str) -> None:
    clash = [name for name in column_names(column) if name in existing]
    if clash:
        raise TranslitNormError(f"{where} already has column {clash[0]!r}")


_Cells = tuple[str | None, str | None, float | None, str | None]
_NO_NAME: _Cells = (None, None, None, None)
#: A name cell with bytes that are not UTF-8: the row is kept as it came, marked "error".
_BAD_BYTES: _Cells = (None, None, None, "error")


def _undecodable(name: str) -> bool:
    """True when ``name`` carries input bytes that were not UTF-8 (as lone surrogates)."""
    if name.isascii():
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class _Options:
    """The run's settings, and the answers of recently seen names.

    A column of names repeats itself (the same people, places and firms on row after row), so
    answers are remembered across batches, the oldest forgotten past ``MEMORY`` names: memory
    stays bounded however long the table is.
    """

    def __init__(self, registry: Registry, threshold: float, margin: float, workers: int):
        self.registry = registry
        self.threshold = threshold
        self.margin = margin
        self.workers = workers
        self.known: dict[str, _Cells] = {}

    def resolve(self, names: list[str | None]) -> ResultColumns:
        known = self.known
        for name in dict.fromkeys(names):
            if name is not None and name not in known and _undecodable(name):
                known[name] = _BAD_BYTES
        todo = [n for n in dict.fromkeys(names) if n is not None and n not in known]
        found = resolve_values(
            self.registry,
            todo,
            threshold=self.threshold,
            margin=self.margin,
            workers=self.workers,
        )
        for n, name in enumerate(todo):
            known[name] = (found.ids[n], found.names[n], found.scores[n], found.statuses[n])
        cells = [_NO_NAME if name is None else known[name] for name in names]
        while len(known) > max(MEMORY, len(todo)):
            del known[next(iter(known))]
        return ResultColumns(
            [c[0] for c in cells],
            [c[1] for c in cells],
            [c[2] for c in cells],
            [c[3] for c in cells],
        )


def _batches(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(itertools.islice(rows, size)):
        yield batch


def _delimited(
    source: IO[bytes],
    sink: IO[str],
    column: str,
    options: _Options,
    *,
    dialect: str,
    batch: int,
    progress: Progress | None,
) -> int:
    reader = csv.reader(_text(source), dialect=dialect)
    header = next(reader, None)
    if header is None:
        return 0
    if column not in header:
        raise TranslitNormError(f"no column {column!r} in the header ({', '.join(header)})")
    _check_new_columns(header, column, "the header")
    at = header.index(column)
    width = len(header)
    # The dialect's own CRLF line ends: with a bare LF, a lone CR in a cell is not quoted and
    # a reader would take it for a line break.
    writer = csv.writer(sink, dialect=dialect)
    writer.writerow([*header, *column_names(column)])
    count = 0
    for rows in _batches(reader, batch):
        names = [row[at] if len(row) > at and row[at] else None for row in rows]
        result = options.resolve(names)
        for n, row in enumerate(rows):
            padded = row + [""] * (width - len(row))
            writer.writerow(
                [
                    *padded,
                    result.ids[n] or "",
                    result.names[n] or "",
                    _score(result.scores[n]),
                    result.statuses[n] or "",
                ]
            )
        count += len(rows)
        if progress is not None:
            progress.advance(len(rows))
    return count


def _json_records(
    source: IO[bytes], warn: Callable[[str], None] | None
) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """(line number, record, raw line): record is None for a line written back unchanged."""
    for number, line in enumerate(_text(source), start=1):
        raw = line.rstrip("\r\n")
        if not line.strip():
            yield number, None, raw
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"invalid JSON ({exc.msg})"
        else:
            if isinstance(record, dict):
                yield number, record, ""
                continue
            problem = "not a JSON object"
        # Nothing is lost: a line we cannot read is written back as it came, and reported.
        if warn is not None:
            warn(f"line {number}: {problem}; written back unchanged")
        yield number, None, raw


def _jsonl(
    source: IO[bytes],
    sink: IO[str],
    column: str,
    options: _Options,
    *,
    batch: int,
    progress: Progress | None,
    warn: Callable[[str], None] | None,
) -> int:
    added = column_names(column)
    count = 0
    for records in _batches(_json_records(source, warn), batch):
        names: list[str | None] = []
        for number, record, _ in records:
            if record is None:
                names.append(None)
                continue
            _check_new_columns(record, column, f"line {number}")
            value = record.get(column)
            names.append(value if isinstance(value, str) and value else None)
        result = options.resolve(names)
        for n, (_, record, blank) in enumerate(records):
            if record is None:
                sink.write(blank + "\n")
                continue
            record[added[0]] = result.ids[n]
            record[added[1]] = result.names[n]
            record[added[2]] = result.scores[n]
            record[added[3]] = result.statuses[n]
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += len(records)
        if progress is not None:
            progress.advance(len(records))
    return count


def resolve_table(
    registry: Registry,
    source: IO[bytes],
    sink: IO[str],
    *,
    fmt: TableFormat | str,
    column: str,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    workers: int = 1,
    batch: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> int:
    """Copy the table on ``source`` to ``sink`` with ``column`` resolved.

    Every row is written, in order. A name whose bytes are not UTF-8 gets status ``error``
    (the row is kept as it came); a JSONL line that is not a JSON object is written back
    unchanged and reported to ``warn``.

    Args:
        registry: The registry to resolve against.
        source: The table's bytes (UTF-8; a BOM is dropped).
        sink: Where the table goes, with four columns added to every row.
        fmt: ``csv``, ``tsv`` or ``jsonl``.
        column: The column (CSV/TSV header name, JSON key) that holds the names.
        threshold: As :meth:`Registry.resolve`.
        margin: As :meth:`Registry.resolve`.
        workers: As :meth:`Registry.resolve_many`.
        batch: Rows resolved together.
        progress: Told about every batch, closed at the end.
        warn: Told (one line each) about JSONL lines written back unchanged.

    Returns:
        The number of rows written (the header not counted).

    Raises:
        TranslitNormError: the column is missing, or an added column already exists.
    """
    table = TableFormat(fmt)
    if batch < 1:
        raise ValueError("batch must be at least 1")
    options = _Options(registry, threshold, margin, workers)
    try:
        if table is TableFormat.JSONL:
            return _jsonl(source, sink, column, options, batch=batch, progress=progress, warn=warn)
        dialect = "excel" if table is TableFormat.CSV else "excel-tab"
        return _delimited(
            source, sink, column, options, dialect=dialect, batch=batch, progress=progress
        )
    finally:
        if progress is not None:
            progress.close()
