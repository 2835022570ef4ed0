"""The compiled-registry cache: reused when nothing changed, rebuilt when anything did."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REGISTRY_DIR
from translit_norm import Registry
from translit_norm import cache as compiled_cache


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.index"))


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(REGISTRY_DIR, target)
    return target


def test_second_load_comes_from_the_cache(registry_copy: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    first = Registry.load(registry_copy, cache_dir=directory)
    assert len(_entries(directory)) == 1
    second = Registry.load(registry_copy, cache_dir=directory)
    assert len(_entries(directory)) == 1
    assert [e.id for e in second] == [e.id for e in first]
    assert second.resolve("Łukašenka") == first.resolve("Łukašenka")


def test_editing_a_file_invalidates(registry_copy: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    Registry.load(registry_copy, cache_dir=directory)
    places = registry_copy / "places.yaml"
    places.write_text(
        places.read_text(encoding="utf-8") + "  - {id: brest, name: Brest, kind: place}\n",
        encoding="utf-8",
    )
    reloaded = Registry.load(registry_copy, cache_dir=directory)
    assert "brest" in reloaded
    assert len(_entries(directory)) == 2


def test_options_are_part_of_the_key(registry_copy: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    Registry.load(registry_copy, cache_dir=directory)
    Registry.load(registry_copy, cache_dir=directory, expand=False)
    assert len(_entries(directory)) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_damaged_entry_is_rebuilt_not_trusted(
    registry_copy: Path, tmp_path: Path, damage: str
) -> None:
    directory = tmp_path / "cache"
    expected = Registry.load(registry_copy, cache_dir=directory).resolve("Maŭšuk")
    (entry,) = _entries(directory)
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    else:
        entry.write_bytes(b"not a cache entry at all")
    assert compiled_cache.read(directory, entry.stem) is None
    rebuilt = Registry.load(registry_copy, cache_dir=directory)
    assert rebuilt.resolve("Maŭšuk") == expected
    assert compiled_cache.read(directory, entry.stem) is not None


def test_unwritable_cache_directory_still_loads(registry_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    registry = Registry.load(registry_copy, cache_dir=blocker / "sub")
    assert registry.resolve("Pinsk").id == "pinsk"


def test_environment_variable_chooses_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(compiled_cache.CACHE_ENV, str(tmp_path / "env-cache"))
    assert compiled_cache.cache_directory() == tmp_path / "env-cache"
    assert compiled_cache.cache_directory(tmp_path / "explicit") == tmp_path / "explicit"


def test_new_cache_directory_is_private(registry_copy: Path, tmp_path: Path) -> None:
    directory = tmp_path / "fresh" / "cache"
    Registry.load(registry_copy, cache_dir=directory)
    assert directory.stat().st_mode & 0o777 == 0o700


def test_entities_remember_the_path_they_were_loaded_by(
    registry_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "cache"
    monkeypatch.chdir(registry_copy.parent)
    relative = Registry.load(Path(registry_copy.name), cache_dir=directory)
    absolute = Registry.load(registry_copy, cache_dir=directory)
    assert not Path(relative.entity("pinsk").source).is_absolute()
    assert Path(absolute.entity("pinsk").source).is_absolute()


def test_old_entries_are_pruned_most_recently_used_kept(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    keep = compiled_cache.KEEP_ENTRIES
    for n in range(keep):
        compiled_cache.write(directory, f"old{n:02d}", {"n": n})
        os.utime(directory / f"old{n:02d}.index", (1_000_000 + n, 1_000_000 + n))
    # Reading the oldest entry marks it used, so the writes below keep it.
    assert compiled_cache.read(directory, "old00") == {"n": 0}
    for n in range(3):
        compiled_cache.write(directory, f"new{n}", {"n": -n})
    kept = {p.stem for p in directory.glob("*.index")}
    assert len(kept) == keep
    assert {"new0", "new1", "new2", "old00"} <= kept
    assert not {"old01", "old02", "old03"} & kept
