"""Shared fixtures: the test suite's own small registry (tests/data/registry)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from translit_norm import Registry

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
REGISTRY_DIR = DATA / "registry"

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200
)
settings.register_profile("ci", parent=settings.get_profile("default"), max_examples=200)
settings.load_profile("default")


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a golden TSV file, comments and blank lines skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The test registry, with native-name expansion."""
    return Registry.load(REGISTRY_DIR)


class FakeStdin:
    """Stands in for ``sys.stdin``: the CLI reads bytes from ``.buffer``."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run_command(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: Callable[[Sequence[str]], int],
    argv: list[str],
    stdin: bytes = b"",
) -> tuple[int, str, str]:
    """Run a CLI entry point in-process on ``stdin``; (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", FakeStdin(stdin))
    code = command(argv)
    out, err = capsys.readouterr()
    return code, out, err
