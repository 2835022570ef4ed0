"""Registry expansion from native names, and the romanize / variants commands (issue 4)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translit_norm
from conftest import run_command
from translit_norm import (
    Entity,
    EntityKind,
    NameOrigin,
    Registry,
    Status,
    cli,
    romanizations,
    romanize,
)
from translit_norm.romanization import languages, scheme_ids

LUKASHENKA = "Аляксандр Лукашэнка"

JOE_BIDEN = """\
entities:
  - {id: joe-biden, name: Joe Biden, native: {uk: Джо Байден}}
"""

# One person entered twice, from a Russian and from a Ukrainian source: the written names
# differ, but the German, Polish and Czech press spell both alike.
TYMOSHENKO_TWICE = """\
entities:
  - id: yulia-timoshenko
    name: Yulia Timoshenko
    kind: person
    native: {{ru: Юлия Тимошенко}}{distinct}
  - id: yuliia-tymoshenko
    name: Yuliia Tymoshenko
    kind: person
    native: {{uk: Юлія Тимошенко}}
"""


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: bytes = b"",
) -> tuple[int, str, str]:
    return run_command(monkeypatch, capsys, cli.main, argv, stdin)


def write(tmp_path: Path, text: str, name: str = "registry.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- translit-norm variants -------------------------------------------------------------


def test_variants_lists_the_done_when_spellings_with_their_schemes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["variants", LUKASHENKA, "--lang", "be"])
    assert code == 0
    lines = out.splitlines()
    for expected in (
        "passport\tAliaksandr Lukashenka",
        "bgn-pcgn\tAlyaksandr Lukashenka",
        "national-2007\tAliaksandr Lukašenka",
        "lacinka\tAlaksandr Łukašenka",
    ):
        assert expected in lines


def test_variants_has_one_line_per_scheme_equal_to_romanize(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang, name in (("be", LUKASHENKA), ("uk", "Джо Байден"), ("ru", "Юлия Тимошенко")):
        _, out, _ = run(monkeypatch, capsys, ["variants", name, "--lang", lang])
        expected = [f"{s}\t{romanize(name, lang=lang, scheme=s)}" for s in scheme_ids(lang)]
        assert out.splitlines() == expected


def test_variants_unknown_language_exits_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, ["variants", LUKASHENKA, "--lang", "xx"])
    assert code == 2
    assert out == ""
    assert err.startswith("translit-norm: ") and err.count("\n") == 1


# --- translit-norm romanize -------------------------------------------------------------


def test_romanize_arguments_one_line_each(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["romanize", "Згорани", "Щербухи", "--lang", "uk", "--scheme", "national-2010"]
    code, out, _ = run(monkeypatch, capsys, argv)
    assert code == 0
    assert out.splitlines() == ["Zghorany", "Shcherbukhy"]


def test_romanize_reads_stdin_one_line_out_per_line_in(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = "Аляксандр Лукашэнка\r\n\nМінск\n".encode()
    code, out, _ = run(monkeypatch, capsys, ["romanize", "--lang", "be"], stdin)
    assert code == 0
    default = scheme_ids("be")[0]
    assert out.splitlines() == [
        romanize(LUKASHENKA, lang="be", scheme=default),
        "",
        romanize("Мінск", lang="be", scheme=default),
    ]


def test_romanize_unknown_scheme_exits_2_before_reading_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        monkeypatch, capsys, ["romanize", "--lang", "uk", "--scheme", "lacinka"], b"x\n"
    )
    assert code == 2
    assert out == ""
    assert "lacinka" in err


@given(
    st.sampled_from(languages()).flatmap(
        lambda lang: st.tuples(
            st.just(lang),
            st.sampled_from(scheme_ids(lang)),
            st.lists(
                st.text(st.characters(codec="utf-8", exclude_characters="\r\n\x1c\x1d\x1e\x85"))
            ),
        )
    )
)
def test_romanize_command_equals_library(args: tuple[str, str, list[str]]) -> None:
    lang, scheme, lines = args
    out = io.StringIO()
    code = cli._run_romanize(
        cli._main_parser().parse_args(["romanize", "--lang", lang, "--scheme", scheme]),
        io.BytesIO("".join(f"{line}\n" for line in lines).encode()),
        out,
    )
    assert code == 0
    expected = [romanize(line, lang=lang, scheme=scheme) for line in lines]
    assert out.getvalue().split("\n")[:-1] == expected


# --- registry expansion -----------------------------------------------------------------


def test_romanize_and_romanizations_are_public() -> None:
    assert {"romanize", "romanizations"} <= set(translit_norm.__all__)
    assert dict(romanizations("Джо Байден", lang="uk"))["national-2010"] == "Dzho Baiden"


@pytest.mark.parametrize("query", ["dzho-baiden", "Dzho Baiden", "DZHO BAIDEN", "Dzho Bayden"])
def test_native_only_entity_resolves_from_its_romanizations(tmp_path: Path, query: str) -> None:
    registry = Registry.load(write(tmp_path, JOE_BIDEN), cache=False)
    match = registry.resolve(query, explain=True)
    assert match.status is Status.MATCHED
    assert match.id == "joe-biden"
    assert match.method is not None


def test_expanded_forms_carry_their_scheme(tmp_path: Path) -> None:
    registry = Registry.load(write(tmp_path, JOE_BIDEN), cache=False)
    forms = {
        (f.text, f.scheme) for f in registry.index.forms if f.origin is NameOrigin.ROMANIZATION
    }
    assert ("Dzho Baiden", "national-2010") in forms
    assert ("Dzho Bayden", "bgn-pcgn") in forms
    # The matched alias is the romanization, and the index knows which scheme made it.
    match = registry.resolve("Dzho Baiden")
    assert (match.alias, "national-2010") in forms


def test_explanation_names_the_method_and_the_scheme(tmp_path: Path) -> None:
    # ISO 9's Džo Bajden, typed without its háček: only the ISO 9 form has this key.
    registry = Registry.load(write(tmp_path, JOE_BIDEN), cache=False)
    match = registry.resolve("dzo bajden", explain=True)
    assert match.id == "joe-biden"
    assert match.method is not None and match.method.value == "key"
    assert "(romanization, scheme iso9)" in match.reason


def test_without_expansion_the_romanizations_are_unknown(tmp_path: Path) -> None:
    registry = Registry.load(write(tmp_path, JOE_BIDEN), cache=False, expand=False)
    assert registry.resolve("dzo bajden").status is Status.UNKNOWN
    assert NameOrigin.ROMANIZATION not in registry.index.origins()


def test_expansion_collisions_are_reported_by_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, TYMOSHENKO_TWICE.format(distinct=""))
    code, out, _ = run(monkeypatch, capsys, ["check", str(path)])
    assert code == 1
    collisions = [line for line in out.splitlines() if line.startswith("collision: ")]
    assert collisions
    # Forms no one wrote in the registry (press renderings) are among the colliding names.
    assert any("Julija Tymošenko" in line for line in collisions)


def test_expansion_adds_collisions_instead_of_hiding_them(tmp_path: Path) -> None:
    path = write(tmp_path, TYMOSHENKO_TWICE.format(distinct=""))
    plain = Registry.load(path, cache=False, expand=False).collisions()
    expanded = Registry.load(path, cache=False).collisions()
    assert {c.key for c in plain} <= {c.key for c in expanded}
    assert len(expanded) > len(plain)


def test_declared_namesakes_pass_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    distinct = "\n    distinct_from: [yuliia-tymoshenko]"
    path = write(tmp_path, TYMOSHENKO_TWICE.format(distinct=distinct))
    code, out, _ = run(monkeypatch, capsys, ["check", str(path)])
    assert code == 0
    assert not any(line.startswith("collision: ") for line in out.splitlines())
    assert out.splitlines()[-1].endswith(" 0 collisions")
    assert Registry.load(path, cache=False).collisions() == []


def test_a_generated_spelling_is_read_in_the_convention_that_made_it() -> None:
    # The Polish press writes Сахаров as Sacharow; read as German (s voiced before a
    # vowel) it would also be Захаров, a different surname.
    sakharov = Entity(
        "andrei-sakharov",
        "Andrei Sakharov",
        EntityKind.PERSON,
        gender="male",
        native=(("ru", "Андрей Сахаров"),),
    )
    registry = Registry([sakharov])
    forms = {f.text for f in registry.index.forms if f.origin is NameOrigin.ROMANIZATION}
    assert "Andriej Sacharow" in forms
    assert registry.resolve("Andriej Sacharow").id == "andrei-sakharov"
    assert registry.resolve("Sakharov").id == "andrei-sakharov"
    assert registry.resolve("Zakharov").status is Status.UNKNOWN
    assert registry.resolve("Andrei Zakharov").status is Status.UNKNOWN
    # Without expansion nothing was generated, and nothing changes for Zakharov.
    assert Registry([sakharov], expand=False).resolve("Zakharov").status is Status.UNKNOWN
