"""The command line, in-process through main(argv), and once as the installed script."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, REGISTRY_DIR, FakeStdin, run_command
from translit_norm import Registry, cli

REG = ["--registry", str(REGISTRY_DIR)]


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: bytes = b"",
    *,
    command: Any = cli.normalize_main,
) -> tuple[int, str, str]:
    return run_command(monkeypatch, capsys, command, argv, stdin)


def test_text_output_one_line_per_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, [*REG, "Łukašenka", "Nobody Special", "Maŭšuk"])
    assert code == 0
    assert out.splitlines() == ["Alexander Lukashenko", "Nobody Special", "Alena Maushuk"]


def test_gazetteer_option_adds_the_names_of_places(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Κίεβο is Kyiv in Greek, a standard exonym (GeoNames and CLDR agree): added by default.
    # Kief, an old English spelling, is GeoNames' alone: only --gazetteer adds it.
    _, out, _ = run(monkeypatch, capsys, [*REG, "Κίεβο", "Kief"])
    assert out.splitlines() == ["Kyiv", "Kief"]
    _, out, _ = run(monkeypatch, capsys, [*REG, "--gazetteer", "Κίεβο", "Kief"])
    assert out.splitlines() == ["Kyiv", "Kyiv"]
    code, out, _ = run(
        monkeypatch, capsys, ["check", "--gazetteer", str(REGISTRY_DIR)], command=cli.main
    )
    assert code == 0 and "0 collisions" in out


def test_jsonl_fields(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(monkeypatch, capsys, [*REG, "--format", "jsonl", "Kuźniečyk", "Zzyzx"])
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["status"] == "matched" and first["id"] == "andrei-kuznechik"
    assert {"input", "status", "id", "name", "score", "alias", "method"} <= first.keys()
    assert second == second | {"status": "unknown", "id": None, "score": None}


def test_explain_adds_steps(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(monkeypatch, capsys, [*REG, "--format", "jsonl", "--explain", "Peter Kravchyk"])
    record = json.loads(out)
    assert any("keys" in step for step in record["explain"])
    assert record["runner_up"] is None or "id" in record["runner_up"]


def test_tsv_output(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(monkeypatch, capsys, [*REG, "--format", "tsv", "Pinsk"])
    assert out.split("\t")[:4] == ["Pinsk", "matched", "pinsk", "Pinsk"]


def test_stdin_lines_kept_in_order_with_any_line_ending(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "\ufeffŁukašenka\r\n\r\nZzyzx\rPinsk\nlast without newline".encode()
    _, out, _ = run(monkeypatch, capsys, REG, data)
    assert out.splitlines() == [
        "Alexander Lukashenko",
        "",
        "Zzyzx",
        "Pinsk",
        "last without newline",
    ]


def test_invalid_utf8_line_is_reported_and_the_stream_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(
        monkeypatch, capsys, [*REG, "--format", "jsonl"], b"Pinsk\nbad \xff byte\nMinsk\n"
    )
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["status"] for r in records] == ["matched", "error", "matched"]
    assert "UTF-8" in records[1]["reason"]


def test_bad_registry_exits_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = DATA / "bad_registries" / "unknown_field.yaml"
    code, out, err = run(monkeypatch, capsys, ["--registry", str(bad), "x"])
    assert code == 2 and out == ""
    assert err.startswith(f"normalize: {bad}:4: unknown field 'alias' (did you mean 'aliases'?)")
    assert len(err.strip().splitlines()) == 1


def test_bad_threshold_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        run(monkeypatch, capsys, [*REG, "--threshold", "2", "x"])
    assert caught.value.code == 2
    assert "within [0, 1]" in capsys.readouterr().err


def test_check_reports_collisions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["check", str(REGISTRY_DIR)], command=cli.main)
    assert code == 0 and "0 collisions" in out
    clash = tmp_path / "clash.yaml"
    clash.write_text(
        "entities:\n  - {id: a, name: Lukashenka}\n  - {id: b, name: Łukašenka}\n", encoding="utf-8"
    )
    code, out, _ = run(monkeypatch, capsys, ["check", str(clash)], command=cli.main)
    assert code == 1 and "collision" in out and "1 collision" in out


def test_subcommand_normalize_equals_normalize(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["Cichanoŭskaja", "Tsikhanouski", "Viktor Lukashenko"]
    _, direct, _ = run(monkeypatch, capsys, [*REG, "--format", "jsonl", *names])
    _, grouped, _ = run(
        monkeypatch, capsys, ["normalize", *REG, "--format", "jsonl", *names], command=cli.main
    )
    assert direct == grouped


NAMES = st.lists(
    st.text(
        alphabet=st.characters(
            exclude_categories=["Cs"],
            exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
        ),
        max_size=20,
    ),
    max_size=5,
)


@given(names=NAMES)
def test_cli_output_equals_library_output(registry: Registry, names: list[str]) -> None:
    expected = [json.dumps(registry.resolve(n).to_dict(), ensure_ascii=False) for n in names]
    stdout = io.StringIO()
    original_stdin, original_stdout = sys.stdin, sys.stdout
    sys.stdin, sys.stdout = FakeStdin("".join(n + "\n" for n in names).encode()), stdout
    try:
        assert cli.normalize_main([*REG, "--format", "jsonl"]) == 0
    finally:
        sys.stdin, sys.stdout = original_stdin, original_stdout
    assert stdout.getvalue().splitlines() == expected


def test_installed_console_script() -> None:
    script = Path(sys.executable).parent / "normalize"
    assert script.is_file(), "pip install -e . puts the console script beside the interpreter"
    result = subprocess.run(
        [str(script), *REG, "Łukašenka", "Tsikhanouski"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Alexander Lukashenko", "Siarhei Tsikhanouski"]
    module = subprocess.run(
        [sys.executable, "-m", "translit_norm", *REG, "Maŭšuk"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.stdout == "Alena Maushuk\n"


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    names = "\n".join(["Pinsk"] * 20000) + "\n"
    proc = subprocess.run(
        f"{sys.executable} -m translit_norm --registry {REGISTRY_DIR} | head -n 1",
        shell=True,
        input=names,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout == "Pinsk\n"
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
