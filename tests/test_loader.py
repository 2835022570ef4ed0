"""Registry loading: format v1, and the golden error of every hostile or broken file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, REGISTRY_DIR, read_tsv
from translit_norm import EntityKind, RegistryError
from translit_norm.loader import load_entities, registry_files

BAD = DATA / "bad_registries"
EXPECTED = read_tsv(BAD / "expected.tsv")


@pytest.mark.parametrize(("name", "message"), EXPECTED, ids=[row[0] for row in EXPECTED])
def test_bad_registry_fails_with_path_line_and_reason(name: str, message: str) -> None:
    path = BAD / name
    with pytest.raises(RegistryError) as caught:
        load_entities([path])
    assert str(caught.value) == f"{path}:{message.format(path=path)}"


def test_every_bad_registry_has_a_golden_message() -> None:
    assert {p.name for p in BAD.glob("*.yaml")} == {row[0] for row in EXPECTED}


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.yml").write_text("entities: [{id: z, name: Z}]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("entities: [{id: a, name: A}]\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a registry", encoding="utf-8")
    assert [p.name for p in registry_files([tmp_path])] == ["a.yaml", "z.yml"]
    assert [e.id for e in load_entities([tmp_path])] == ["a", "z"]


def test_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("entities:\n  - {id: x, name: X}\n", encoding="utf-8")
    (tmp_path / "two.yaml").write_text("entities:\n  - {id: x, name: Y}\n", encoding="utf-8")
    with pytest.raises(
        RegistryError, match=r"two\.yaml:2: duplicate id 'x' \(first defined at .*one\.yaml:2\)"
    ):
        load_entities([tmp_path])


def test_fields_are_read() -> None:
    entities = {e.id: e for e in load_entities([REGISTRY_DIR])}
    president = entities["alexander-lukashenko"]
    assert president.kind is EntityKind.PERSON
    assert president.gender == "male"
    assert ("ru", "Александр Лукашенко") in president.native
    assert ("be", "Аляксандр Рыгоравіч Лукашэнка") in president.native
    assert "Lukashenka" in president.aliases
    assert president.distinct_from == ("viktor-lukashenko",)
    assert president.source.endswith("people.yaml:3")


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="no such file"):
        load_entities([tmp_path / "absent.yaml"])
    with pytest.raises(RegistryError, match=r"holds no \.yaml"):
        load_entities([tmp_path])


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("entities: []\n" + "#" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="over the limit"):
        load_entities([path], max_bytes=1000)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes("\ufeffentities:\r\n  - {id: a, name: Ą}\r\n".encode())
    assert [e.name for e in load_entities([path])] == ["Ą"]
