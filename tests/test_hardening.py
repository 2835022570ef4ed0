"""Hostile and broken input: homoglyphs, huge and empty names, threads, determinism, bad loads."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, REGISTRY_DIR, FakeStdin
from translit_norm import Entity, EntityKind, Registry, RegistryError, Status, cli
from translit_norm.cache import CACHE_ENV
from translit_norm.cleaning import clean
from translit_norm.confusables import homoglyphs, neutralize
from translit_norm.resolver import MAX_QUERY_CHARS
from translit_norm.transliteration import script_of

CYR_O, CYR_A, CYR_ES, CYR_ER, CYR_KHA = "\u043e", "\u0430", "\u0441", "\u0440", "\u0445"
GREEK_OMICRON, GREEK_RHO = "\u03bf", "\u03c1"

# A name in one script with look-alike letters of another inside, and who it imitates.
SPOOFED = [
    (f"Lukashenk{CYR_O}", "alexander-lukashenko", "latin"),
    (f"Aleks{CYR_A}nder Luk{CYR_A}shenko", "alexander-lukashenko", "latin"),
    (f"{CYR_ER.upper()}iotr Krawczyk", "piotr-krawczyk", "latin"),
    (f"Piotr Kraw{CYR_ES}zyk", "piotr-krawczyk", "latin"),
    (f"Lukash{GREEK_OMICRON}nk{GREEK_OMICRON}", "alexander-lukashenko", "latin"),
    ("Святлана Ціханoўская", "sviatlana-tsikhanouskaya", "cyrillic"),
    ("Сяргей Ціxaноўскі", "siarhei-tsikhanouski", "cyrillic"),
    ("Аляксандр ЛУКАШЭНKA", "alexander-lukashenko", "cyrillic"),
]


@pytest.mark.parametrize(("query", "expected", "script"), SPOOFED)
def test_mixed_script_name_resolves_as_the_name_it_imitates(
    registry: Registry, query: str, expected: str, script: str
) -> None:
    match = registry.resolve(query, explain=True)
    assert (match.status, match.id) == (Status.MATCHED, expected)
    notes = [s for s in match.explanation or () if s.startswith("homoglyphs neutralized")]
    assert notes, match.explanation
    assert all(f"read as {script}" in note for note in notes)


def test_homoglyph_letter_changes_the_sound_it_would_be_read_with(registry: Registry) -> None:
    # Read letter by letter, the Cyrillic Р of "Рiotr" is an r: neutralizing is what matches.
    spoofed = f"{CYR_ER.upper()}iotr"
    assert neutralize(clean(spoofed))[0] == "piotr"
    assert registry.index.keyer.key(spoofed).tokens == ("piotr",)


def test_explain_in_the_cli_says_homoglyphs_were_neutralized(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(f"Lukashenk{CYR_O}\n".encode()))
    code = cli.main(
        ["normalize", "--registry", str(REGISTRY_DIR), "--format", "jsonl", "--explain"]
    )
    record = json.loads(capsys.readouterr().out)
    assert code == 0
    assert record["id"] == "alexander-lukashenko"
    assert any("homoglyphs neutralized" in step for step in record["explain"])


@pytest.mark.parametrize(
    "text",
    [
        "рор",  # all Cyrillic, though every letter looks Latin
        "pop",
        "Лукашенко Lukashenko",  # two scripts, but each word in one
        "ελληνικά",
        "",
    ],
)
def test_words_in_one_script_are_never_touched(text: str) -> None:
    assert neutralize(clean(text)) == (clean(text), ())


def test_undecidable_word_is_left_as_written() -> None:
    # Latin o and Cyrillic о side by side: both readings fit equally, so nothing is guessed.
    word = f"o{CYR_O}"
    assert neutralize(word) == (word, ())


def test_word_with_a_letter_that_has_no_lookalike_is_not_rewritten() -> None:
    # Cyrillic ж has no Latin look-alike and Latin f none in Cyrillic: a real mix, no disguise.
    word = "fжo"
    assert neutralize(word) == (word, ())


def test_lookalike_table_is_symmetric_and_one_letter_per_class() -> None:
    table = homoglyphs().lookalikes
    for char, others in table.items():
        for script, other in others.items():
            assert script_of(other) == script
            assert table[other][script_of(char)] in {char, *_same_class(char)}
            assert unicodedata.normalize("NFKC", other) == other == other.casefold()


def _same_class(char: str) -> set[str]:
    table = homoglyphs().lookalikes
    return {c for c, others in table.items() if set(others.values()) & set(table[char].values())}


def _round_trips(char: str, script: str) -> bool:
    table = homoglyphs().lookalikes
    other = table.get(char, {}).get(script)
    return other is not None and table[other].get(script_of(char)) == char


def _single_script_names(registry: Registry) -> list[str]:
    names = []
    for entity in registry.entities:
        for text in (entity.name, *entity.aliases, *(t for _, t in entity.native)):
            scripts = {script_of(c) for c in clean(text) if c.isalpha()}
            if len(scripts) == 1 and scripts <= {"latin", "cyrillic"}:
                names.append(text)
    return sorted(set(names))


@st.composite
def spoofs(draw: st.DrawFn, names: list[str]) -> tuple[str, str]:
    """A registered name, and the same name with under half of each word's letters swapped
    for look-alikes of another script (the way a spoofer or a switched keyboard writes it)."""
    name = draw(st.sampled_from(names))
    out: list[str] = []
    for word in name.split(" "):
        letters = [i for i, c in enumerate(word) if c.isalpha()]
        script = script_of(clean(word)[0]) if clean(word) else "latin"
        target = "cyrillic" if script == "latin" else "latin"
        swappable = [i for i in letters if _round_trips(word[i].casefold(), target)]
        most = (len(letters) - 1) // 2
        chosen = draw(st.sets(st.sampled_from(swappable), max_size=most)) if swappable else set()
        chars = list(word)
        for i in chosen:
            lookalike = homoglyphs().lookalikes[word[i].casefold()][target]
            chars[i] = lookalike.upper() if word[i].isupper() else lookalike
        out.append("".join(chars))
    return name, " ".join(out)


_TEST_REGISTRY = Registry.load(REGISTRY_DIR)


@given(spoofs(_single_script_names(_TEST_REGISTRY)))
def test_spoofed_registered_name_resolves_like_the_name(pair: tuple[str, str]) -> None:
    name, spoofed = pair
    original = _TEST_REGISTRY.resolve(name)
    match = _TEST_REGISTRY.resolve(spoofed)
    assert (match.status, match.id) == (original.status, original.id)
    assert [c.id for c in match.candidates] == [c.id for c in original.candidates]


@given(st.text())
def test_neutralize_is_idempotent_and_keeps_word_count(text: str) -> None:
    once, _ = neutralize(clean(text))
    assert neutralize(once) == (once, ())
    assert len(once.split()) == len(clean(text).split())


# --- size, emptiness, broken code points ------------------------------------------------


def test_name_over_the_cap_is_unknown_with_a_clear_reason(registry: Registry) -> None:
    long_name = ("Lukashenko " * MAX_QUERY_CHARS)[: MAX_QUERY_CHARS + 1]
    match = registry.resolve(long_name, explain=True)
    assert match.status is Status.UNKNOWN
    assert str(MAX_QUERY_CHARS) in match.reason and "not a name" in match.reason
    at_cap = registry.resolve(("x" * (MAX_QUERY_CHARS - 11)) + " Lukashenko")
    assert "not a name" not in at_cap.reason


@pytest.mark.parametrize(
    "text",
    ["", " ", "\t\n", "\u00a0\u3000", "\u200b\u200d\ufeff", "\u202e\u2066", "\u00ad", "\ufe0f"],
)
def test_empty_whitespace_and_invisible_names_are_unknown(registry: Registry, text: str) -> None:
    match = registry.resolve(text)
    assert match.status is Status.UNKNOWN
    assert match.id is None


@pytest.mark.parametrize(
    "text",
    [
        "\ud800",
        "Lukash\udc80enko",
        "\udfff\ud800Pinsk",
        "\U000e0001Minsk",  # language tag
        "\U0010ffff\U0001fbff",  # unassigned and noncharacter code points
        "\x00Minsk\x00",
        "M\u0301\u0301\u0301\u0301insk",
        "\u0378\u0379Kyiv",  # unassigned in the Greek block
    ],
)
def test_surrogates_and_unassigned_code_points_do_not_crash(registry: Registry, text: str) -> None:
    match = registry.resolve(text, explain=True)
    assert match.status in set(Status)
    json.dumps(match.to_dict(explain=True), ensure_ascii=True)


@given(st.text(st.characters(exclude_categories=()), max_size=60))
def test_arbitrary_unicode_never_raises_and_gives_one_status(text: str) -> None:
    match = _TEST_REGISTRY.resolve(text, explain=True)
    assert match.status in set(Status)
    assert (match.id is not None) == (match.status is Status.MATCHED)
    if match.score is not None:
        assert 0.0 <= match.score <= 1.0
    for candidate in _TEST_REGISTRY.candidates(text):
        assert 0.0 <= candidate.score <= 1.0


# --- the command line ---------------------------------------------------------------------


def _cli(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str) -> str:
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    monkeypatch.setattr(sys, "stdout", stdout)
    assert cli.main(["normalize", "--registry", str(REGISTRY_DIR), "--format", fmt]) == 0
    return stdout.getvalue()


def _line_count(data: bytes) -> int:
    text = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return text.count(b"\n") + (0 if not text or text.endswith(b"\n") else 1)


@pytest.mark.parametrize("fmt", ["text", "jsonl", "tsv"])
def test_very_long_line_answers_unknown_and_keeps_every_other_line(
    monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    huge = "Łukašenka " * 200_000
    data = f"Lukashenko\n{huge}\nPinsk\n".encode()
    lines = _cli(monkeypatch, data, fmt).split("\n")
    assert len(lines) == 4 and lines[-1] == ""
    if fmt == "jsonl":
        record = json.loads(lines[1])
        assert record["status"] == "unknown"
        assert record["input"] == huge
        assert f"longer than {MAX_QUERY_CHARS}" in record["reason"]
        assert json.loads(lines[2])["id"] == "pinsk"
    elif fmt == "text":
        assert lines[1] == huge


@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.binary(max_size=12),
                st.sampled_from([b"Minsk", "Łukašenka".encode(), b"\xff\xfe", b"\xef\xbb\xbf"]),
            ),
            st.sampled_from([b"\n", b"\r\n", b"\r"]),
        ),
        max_size=8,
    ),
    st.sampled_from(["text", "jsonl", "tsv"]),
)
def test_cli_writes_one_line_per_input_line_whatever_the_bytes(
    chunks: list[tuple[bytes, bytes]], fmt: str
) -> None:
    data = b"".join(body.replace(b"\r", b"").replace(b"\n", b"") + end for body, end in chunks)
    with pytest.MonkeyPatch.context() as monkeypatch:
        out = _cli(monkeypatch, data, fmt)
    expected = _line_count(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
    assert out.count("\n") == expected
    if fmt == "jsonl":
        for line in out.splitlines():
            assert json.loads(line)["status"] in {"matched", "ambiguous", "unknown", "error"}


# --- threads and determinism --------------------------------------------------------------

QUERIES = [
    "Lukashenko",
    "Łukašenka",
    "Лукашэнка",
    "A. Lukashenko",
    "Viktor Lukashenko",
    "Tsikhanouskaya",
    "Ціханоўскі",
    f"Lukashenk{CYR_O}",
    f"{CYR_ER.upper()}iotr Krawczyk",
    "Kowalski",
    "Minsk",
    "Pinsk",
    "Kiev",
    "Kyjiw",
    "Nobody Special",
    "",
    "\u200b",
    "x" * (MAX_QUERY_CHARS + 5),
    "Lukash\udc80enko",
]


def _answers(registry: Registry, queries: list[str]) -> list[dict[str, Any]]:
    return [registry.resolve(q, explain=True).to_dict(explain=True) for q in queries]


def test_registry_shared_between_threads_answers_as_one_thread() -> None:
    expected = _answers(Registry.load(REGISTRY_DIR, cache=False), QUERIES)
    # A fresh registry, so the threads race on cold caches too.
    shared = Registry.load(REGISTRY_DIR, cache=False)
    threads = 8
    barrier = threading.Barrier(threads)

    def hammer(offset: int) -> list[tuple[int, dict[str, Any]]]:
        barrier.wait()
        order = [(i + offset) % len(QUERIES) for i in range(len(QUERIES) * 20)]
        return [(i, shared.resolve(QUERIES[i], explain=True).to_dict(explain=True)) for i in order]

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(hammer, range(threads)))
    for result in results:
        for i, answer in result:
            assert answer == expected[i], QUERIES[i]
    many = shared.resolve_many(QUERIES * 10, workers=threads)
    assert [m.to_dict() for m in many] == [
        {k: v for k, v in e.items() if k != "explain"} for e in expected * 10
    ]


def test_output_is_byte_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    data = ("\n".join(QUERIES) + "\n").encode("utf-8", "surrogateescape")
    outputs = set()
    for seed in ("0", "1", "4242", "random"):
        env = dict(os.environ, PYTHONHASHSEED=seed, **{CACHE_ENV: str(tmp_path / "cache")})
        argv = ["--registry", str(REGISTRY_DIR), "--format", "jsonl", "--explain"]
        proc = subprocess.run(
            [sys.executable, "-m", "translit_norm", *argv],
            input=data,
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    assert next(iter(outputs)).count(b"\n") == len(QUERIES)


def test_ties_are_broken_by_id_whatever_the_registry_order() -> None:
    people = [
        Entity("olga-b", "Olga Kowalska", EntityKind.PERSON, gender="female"),
        Entity("olga-a", "Olga Kowalska", EntityKind.PERSON, gender="female"),
        Entity("olga-c", "Olga Kowalska", EntityKind.PERSON, gender="female"),
    ]
    forward = Registry(people).resolve("Olga Kowalska")
    backward = Registry(reversed(people)).resolve("Olga Kowalska")
    assert forward.status is Status.AMBIGUOUS
    assert [c.id for c in forward.candidates] == ["olga-a", "olga-b", "olga-c"]
    assert forward.to_dict() == backward.to_dict()


# --- a registry that fails to load --------------------------------------------------------


def test_failed_load_leaves_nothing_half_built(tmp_path: Path) -> None:
    good = tmp_path / "registry"
    shutil.copytree(REGISTRY_DIR, good)
    cache_dir = tmp_path / "cache"
    before = Registry.load(good, cache_dir=cache_dir)
    answers = _answers(before, QUERIES)
    entries = sorted(cache_dir.iterdir())
    # A broken file sorted after the good ones: the good entities were read before it failed.
    shutil.copy(DATA / "bad_registries" / "duplicate_key.yaml", good / "zz_broken.yaml")
    with pytest.raises(RegistryError, match="duplicate key"):
        Registry.load(good, cache_dir=cache_dir)
    with pytest.raises(RegistryError, match="duplicate key"):
        Registry.load(good, cache=False)
    assert sorted(cache_dir.iterdir()) == entries  # nothing cached for the failed load
    assert _answers(before, QUERIES) == answers  # the loaded registry is untouched
    (good / "zz_broken.yaml").unlink()
    again = Registry.load(good, cache_dir=cache_dir)
    assert _answers(again, QUERIES) == answers


def test_failed_load_does_not_disturb_the_default_registry() -> None:
    default = Registry.default()
    before = default.resolve("Lukashenko").to_dict()
    with pytest.raises(RegistryError):
        Registry.load(DATA / "bad_registries" / "billion_laughs.yaml")
    assert Registry.default() is default
    assert default.resolve("Lukashenko").to_dict() == before
