"""Table mode: CSV/TSV/JSONL in, the same rows out in order with four columns added."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REGISTRY_DIR, FakeStdin
from translit_norm import Registry, cli, tables
from translit_norm.errors import TranslitNormError
from translit_norm.progress import Progress, format_duration
from translit_norm.tables import resolve_table

REG = ["--registry", str(REGISTRY_DIR)]
NAMES = ["Łukašenka", "Тихановская", "Nobody Atall", "Pinsk", "Kiev", "Łukašenka"]


def _table(registry: Registry, data: bytes, fmt: str, column: str, batch: int = 2048) -> str:
    sink = io.StringIO()
    resolve_table(registry, io.BytesIO(data), sink, fmt=fmt, column=column, batch=batch)
    return sink.getvalue()


def _csv_bytes(rows: list[list[str]], dialect: str = "excel") -> bytes:
    text = io.StringIO()
    csv.writer(text, dialect=dialect).writerows(rows)
    return text.getvalue().encode("utf-8")


def test_csv_rows_kept_and_columns_added(registry: Registry) -> None:
    rows = [["n", "who", "note"]] + [[str(i), name, f"x, {i}"] for i, name in enumerate(NAMES)]
    out = list(csv.reader(io.StringIO(_table(registry, _csv_bytes(rows), "csv", "who"))))
    assert out[0] == ["n", "who", "note", "who_id", "who_name", "who_score", "who_status"]
    assert [r[:3] for r in out[1:]] == rows[1:]
    for row, name in zip(out[1:], NAMES, strict=True):
        match = registry.resolve(name)
        assert row[3] == (match.id or "")
        assert row[6] == match.status
    assert out[1][3] == "alexander-lukashenko"
    assert out[3][3:] == ["", "", out[3][5], "unknown"]


@pytest.mark.parametrize("batch", [1, 2, 4096])
def test_batch_size_does_not_change_output(registry: Registry, batch: int) -> None:
    rows = [["who"]] + [[name] for name in NAMES * 3]
    data = _csv_bytes(rows)
    assert _table(registry, data, "csv", "who", batch=batch) == _table(registry, data, "csv", "who")


def test_tsv_short_rows_padded_and_empty_cells_left_empty(registry: Registry) -> None:
    data = b"a\twho\tb\n1\tKiev\t2\n2\n3\t\t4\n"
    out = list(csv.reader(io.StringIO(_table(registry, data, "tsv", "who")), "excel-tab"))
    assert out[1][:4] == ["1", "Kiev", "2", "kyiv"]
    assert out[2] == ["2", "", "", "", "", "", ""]
    assert out[3] == ["3", "", "4", "", "", "", ""]


def test_jsonl_records_and_blank_lines(registry: Registry) -> None:
    data = b'{"who": "Pinsk", "k": [1]}\n\n{"who": null}\n{"other": 1}\n'
    lines = _table(registry, data, "jsonl", "who").split("\n")
    assert lines[1] == ""
    first = json.loads(lines[0])
    assert first["k"] == [1]
    assert (first["who_id"], first["who_name"], first["who_status"]) == (
        "pinsk",
        "Pinsk",
        "matched",
    )
    assert json.loads(lines[2])["who_id"] is None
    assert json.loads(lines[3])["who_status"] is None


def test_jsonl_bad_line_is_kept_and_reported(registry: Registry) -> None:
    warnings: list[str] = []
    sink = io.StringIO()
    data = b'{"who": "Pinsk"}\n{nope\n[1, 2]\n{"who": "Minsk"}\n'
    count = resolve_table(
        registry, io.BytesIO(data), sink, fmt="jsonl", column="who", warn=warnings.append
    )
    lines = sink.getvalue().splitlines()
    assert count == 4
    assert lines[1:3] == ["{nope", "[1, 2]"]
    assert [json.loads(lines[i])["who_id"] for i in (0, 3)] == ["pinsk", "minsk"]
    assert warnings == [
        "line 2: invalid JSON (Expecting property name enclosed in double quotes); "
        "written back unchanged",
        "line 3: not a JSON object; written back unchanged",
    ]


def test_missing_and_clashing_columns(registry: Registry) -> None:
    with pytest.raises(TranslitNormError, match="no column 'who'"):
        _table(registry, b"a,b\n1,2\n", "csv", "who")
    with pytest.raises(TranslitNormError, match="who_id"):
        _table(registry, b"who,who_id\nKiev,x\n", "csv", "who")
    assert _table(registry, b"", "csv", "who") == ""


def test_invalid_utf8_passes_through(registry: Registry) -> None:
    data = b"who,raw\nPinsk,\xff\xfe\n"
    out = _table(registry, data, "csv", "who")
    assert out.encode("utf-8", "surrogateescape").splitlines()[1].startswith(b"Pinsk,\xff\xfe,p")


def test_invalid_utf8_name_is_an_error_row_kept_as_it_came(registry: Registry) -> None:
    data = b"who\nPinsk\nbad \xff name\nMinsk\n"
    out = _table(registry, data, "csv", "who").encode("utf-8", "surrogateescape")
    rows = out.splitlines()
    assert rows[2] == b"bad \xff name,,,,error"
    assert [r.split(b",")[1] for r in (rows[1], rows[3])] == [b"pinsk", b"minsk"]


cell = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)


@given(st.lists(st.tuples(cell, st.sampled_from([*NAMES, "", "Minsk"])), max_size=15))
def test_any_csv_round_trips_in_order(registry: Registry, rows: list[tuple[str, str]]) -> None:
    header = [["free", "who"]]
    data = _csv_bytes(header + [list(r) for r in rows])
    out = list(csv.reader(io.StringIO(_table(registry, data, "csv", "who", batch=4), newline="")))
    expected = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert [r[:2] for r in out] == [r[:2] for r in expected]
    assert len(out) == len(expected)
    for row in out[1:]:
        expected_name = (registry.resolve(row[1]).name or "") if row[1] else ""
        assert row[3] == expected_name


def test_cli_table_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"id,who\n1,Kiev\n2,Nobody Atall\n"))
    code = cli.main(["normalize", *REG, "--input-format", "csv", "--column", "who"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""  # stderr is not a terminal: no progress bar
    lines = out.split("\r\n")
    assert lines[:2] == [
        "id,who,who_id,who_name,who_score,who_status",
        "1,Kiev,kyiv,Kyiv,1,matched",
    ]
    assert lines[2].startswith("2,Nobody Atall,,,")
    assert lines[2].endswith(",unknown")
    assert lines[3:] == [""]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--input-format", "csv"], "needs --column"),
        (["--column", "who"], "--column needs --input-format"),
        (["--input-format", "csv", "--column", "who", "Kiev"], "give no NAME"),
    ],
)
def test_cli_table_mode_argument_errors(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"who\nKiev\n"))
    assert cli.normalize_main([*REG, *argv]) == 2
    assert message in capsys.readouterr().err


def test_progress_line_shows_rate_and_eta() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, total=1000, position=lambda: 250, clock=lambda: now[0])
    now[0] = 2.0
    progress.advance(500)
    assert "500 rows" in stream.getvalue()
    assert "250 rows/s" in stream.getvalue()
    assert "25.0%" in stream.getvalue()
    assert "ETA 0:00:06" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\n")


def test_progress_without_size_has_no_eta() -> None:
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: 1.0)
    progress.advance(3)
    assert "ETA" not in stream.getvalue()
    assert format_duration(3725) == "1:02:05"


def test_remembered_answers_stay_bounded(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "MEMORY", 3)
    names = [f"Nobody {chr(97 + i)}" for i in range(10)] + ["Kiev", "Pinsk"]
    rows = [["who"]] + [[name] for name in names * 2]
    out = list(csv.reader(io.StringIO(_table(registry, _csv_bytes(rows), "csv", "who", batch=2))))
    assert [r[0] for r in out[1:]] == names * 2
    assert [r[1] for r in out[1:]] == [registry.resolve(n).id or "" for n in names * 2]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_draws_progress_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"who\nKiev\nPinsk\n"))
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.normalize_main([*REG, "--input-format", "csv", "--column", "who"]) == 0
    drawn = terminal.getvalue()
    assert "2 rows" in drawn
    assert "rows/s" in drawn
    assert "ETA" not in drawn  # stdin's size is unknown
    assert "kyiv" in capsys.readouterr().out
