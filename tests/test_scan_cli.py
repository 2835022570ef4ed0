"""``translit-norm scan``: the command is a thin layer, so its output equals the library's."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import REGISTRY_DIR, run_command
from translit_norm import Registry, cli

REG = ["--registry", str(REGISTRY_DIR)]
TEXT = "Alexander Lukashenko met Peter Kravchyk. Later Lukashenko left.\n"


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: bytes = b"",
) -> tuple[int, str, str]:
    return run_command(monkeypatch, capsys, cli.main, ["scan", *REG, *argv], stdin)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_jsonl_equals_library(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    code, out, _ = run(monkeypatch, capsys, [str(story)])
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    expected = Registry.load(REGISTRY_DIR).scan(TEXT)
    assert [r["file"] for r in records] == [str(story)] * len(expected)
    assert [{k: v for k, v in r.items() if k != "file"} for r in records] == [
        m.to_dict() for m in expected
    ]
    assert [r["id"] for r in records] == [
        "alexander-lukashenko",
        "piotr-krawczyk",
        "alexander-lukashenko",
    ]


def test_stdin_when_no_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(monkeypatch, capsys, [], TEXT.encode("utf-8"))
    assert json.loads(out.splitlines()[0])["file"] == "<stdin>"


def test_text_format_annotates(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    _, out, _ = run(monkeypatch, capsys, ["--format", "text", str(story)])
    assert out.startswith("[[Alexander Lukashenko|alexander-lukashenko]] met ")
    assert "[[Peter Kravchyk|piotr-krawczyk]]" in out


def test_replace_writes_canonical_names(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    _, out, _ = run(monkeypatch, capsys, ["--replace", str(story)])
    assert out == "Alexander Lukashenko met Piotr Krawczyk. Later Alexander Lukashenko left.\n"


def test_summary_counts_per_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    _, out, _ = run(monkeypatch, capsys, ["--summary", str(story), str(story)])
    lines = out.splitlines()
    assert lines[0] == str(story)
    assert lines[1].split("\t") == ["  alexander-lukashenko", "Alexander Lukashenko", "2"]
    assert lines[2].split("\t") == ["  piotr-krawczyk", "Piotr Krawczyk", "1"]
    assert lines[3:] == lines[:3]


def test_bad_option_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        run(monkeypatch, capsys, ["--format", "xml"])
    assert raised.value.code == 2


def test_missing_file_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(monkeypatch, capsys, [str(tmp_path / "absent.txt")])
    assert code == 2
    assert err.count("\n") == 1
    assert "absent.txt" in err


def test_installed_console_script(story: Path) -> None:
    done = subprocess.run(
        ["translit-norm", "scan", "--summary", *REG, str(story)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "alexander-lukashenko" in done.stdout
