"""Packaging: the public API is honest, and a wheel finds the embedded default registry."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

import translit_norm
from translit_norm.resources import default_registry_path

ROOT = Path(__file__).parents[1]


def test_all_is_honest() -> None:
    assert len(set(translit_norm.__all__)) == len(translit_norm.__all__)
    for name in translit_norm.__all__:
        assert hasattr(translit_norm, name), name
    public = {n for n in vars(translit_norm) if not n.startswith("_") and n not in {"annotations"}}
    modules = {n for n in public if type(getattr(translit_norm, n)).__name__ == "module"}
    assert public - modules == set(translit_norm.__all__)


def test_import_does_no_work_and_leaves_strategies_alone() -> None:
    code = (
        "import sys, translit_norm; "
        "print('hypothesis' in sys.modules, 'translit_norm.strategies' in sys.modules, "
        "translit_norm.registry._default_registry.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "0"]


def test_source_checkout_finds_the_registry() -> None:
    path = default_registry_path()
    assert (path / "by" / "people.yaml").is_file()


@pytest.mark.slow
def test_built_wheel_finds_the_default_registry(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
    )
    (wheel,) = wheels.glob("translit_norm-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
    )
    probe = (
        "from translit_norm.resources import default_registry_path as p; "
        "from translit_norm import Registry; "
        "print(p()); print(Registry.default().resolve('Łukašenka').id)"
    )
    result = subprocess.run(
        [str(python), "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "TRANSLIT_NORM_CACHE_DIR": str(tmp_path / "cache")},
    )
    location, resolved = result.stdout.split()
    assert "site-packages" in location and location.endswith("_aliases")
    assert resolved == "alexander-lukashenko"
    script = subprocess.run(
        [str(env_dir / "bin" / "normalize"), "Kuźniečyk"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "TRANSLIT_NORM_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert script.stdout.strip() == "Andrei Kuznechik"
