"""The embedded default registry (aliases/): valid, collision-free and self-consistent."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GOLDEN, read_tsv
from translit_norm import EntityKind, Registry, Status, cli
from translit_norm.resources import default_registry_path

SEED_SPELLINGS = read_tsv(GOLDEN / "resolve" / "seed_spellings.tsv")
#: Countries whose people are written in another script at home.
NON_LATIN_HOME = {"by", "ua", "ru", "kz", "md", "ge"}


@pytest.fixture(scope="module")
def default() -> Registry:
    return Registry.default()


def test_check_passes_with_no_collisions(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(default_registry_path())]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(" 0 collisions")


def test_size_and_layout(default: Registry) -> None:
    assert len(default) >= 300
    root = default_registry_path()
    files = {Path(e.source.rsplit(":", 1)[0]).relative_to(root).as_posix() for e in default}
    assert all(len(Path(f).parts) == 2 for f in files), "aliases/<country>/<kind>.yaml"
    assert {Path(f).stem for f in files} <= {"people", "places", "organizations", "other"}


def test_people_have_kind_gender_and_native_names(default: Registry) -> None:
    root = default_registry_path()
    for entity in default:
        country = Path(entity.source).relative_to(root).parts[0]
        if entity.kind is EntityKind.PERSON:
            assert entity.gender in ("male", "female"), entity.id
            if country in NON_LATIN_HOME:
                assert entity.native, f"{entity.id} has no native-script name"


def test_every_name_resolves_to_its_own_entity(default: Registry) -> None:
    """Every alias, native name and generated romanization resolves to its entity.

    The only exception allowed is a name shared with a declared namesake (distinct_from):
    it must then be ambiguous between exactly those entities, never matched to one of them.
    """
    index = default.index
    failures = []
    for ref in index.forms:
        entity = index.entities[ref.entity]
        match = default.resolve(ref.text)
        if match.status is Status.MATCHED and match.id == entity.id:
            continue
        declared = {entity.id, *entity.distinct_from}
        if match.status is Status.AMBIGUOUS and {c.id for c in match.candidates} <= declared:
            continue
        failures.append((entity.id, ref.text, ref.origin, ref.scheme, match.status, match.id))
    assert failures == []


@pytest.mark.parametrize(
    ("spelling", "expected"), SEED_SPELLINGS, ids=[r[0] for r in SEED_SPELLINGS]
)
def test_seed_article_spellings(default: Registry, spelling: str, expected: str) -> None:
    match = default.resolve(spelling)
    if expected.startswith("?"):
        assert match.status is Status.AMBIGUOUS, match
        assert {c.id for c in match.candidates} == set(expected[1:].split(","))
    else:
        assert match.status is Status.MATCHED and match.id == expected, match


@pytest.mark.parametrize(
    ("query", "wrong"),
    [
        ("Tsikhanouski", "sviatlana-tsikhanouskaya"),
        ("Viktor Lukashenko", "alexander-lukashenko"),
        ("Andrei Kuznetsov", "andrei-kuznechik"),
        ("Navalnaya", "alexei-navalny"),
        ("Donald Trump Jr.", "donald-trump"),
        ("Minsk Mazowiecki", "minsk"),
        ("Gazprombank", "gazprom"),
    ],
)
def test_relatives_and_look_alikes_stay_apart(default: Registry, query: str, wrong: str) -> None:
    assert default.resolve(query).id != wrong


def test_readme_for_registry_authors_exists() -> None:
    readme = Path(__file__).parents[1] / "aliases" / "README.md"
    text = readme.read_text(encoding="utf-8")
    for topic in ("distinct_from", "native", "translit-norm check"):
        assert topic in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # East Asian names put the surname first, in every script.
        ("Kim Jong Un", "kim-jong-un"),
        ("Ким Чен Ын", "kim-jong-un"),
        ("Xi", "xi-jinping"),
        ("Jong Un Kim", "kim-jong-un"),
        # ... and the given name is one name in syllables: his sister and brother stay apart.
        ("Kim Yo Jong", None),
        ("Kim Jong Nam", None),
        ("In", None),
        ("Jong Un", None),
        # A regnal name has no surname: neither numeral, epithet nor ordinal stands alone.
        ("Ilia II", "ilia-ii"),
        ("More", None),
        ("II", None),
    ],
)
def test_name_order_and_regnal_names(default: Registry, query: str, expected: str | None) -> None:
    assert default.resolve(query).id == expected
