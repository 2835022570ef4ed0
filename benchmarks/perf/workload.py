"""Deterministic workload for the performance benchmark: a registry and query streams.

A registry of N people (Russian, Ukrainian and Belarusian names, written in Cyrillic, built
from benchmarks/perf/names.yaml) with about ten names each: the native name and its
romanizations under the library's schemes (BGN/PCGN, ICAO, ISO 9, national systems, the Polish,
German, French and Czech press spellings...), plus the reversed order. Two schemes per person
are held out of the registry, so queries can ask in a spelling the registry has never seen.

Query streams (each item remembers the entity it names, or None):
- ``exact``: names written exactly as in the registry;
- ``variants``: unseen spellings: a held-out scheme, a dropped diacritic, one typo;
- ``nobody``: people who are not in the registry: a registered surname with a given name no
  registered person of that surname has (the father/son trap), or an unregistered surname.
  "Not in the registry" is judged across languages: Анна Голубская (ru) is the same name as
  Ганна Голубская (be), since the surname is spelled alike and the given names are one name
  (data/given_names.yaml), so a stranger is never a registered person's name in another
  language, nor one slip from a registered person's name (that is a typo, see ``variants``).
  For the same reason the registry holds no two people with one name across languages.

Everything is drawn from ``random.Random(seed)``: the same seed gives the same files.
"""

from __future__ import annotations

import functools
import json
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from translit_norm import romanization
from translit_norm.given_names import given_name_groups

NAMES_FILE = Path(__file__).with_name("names.yaml")
HELD_OUT = 2
#: Share of surnames built on a derived stem (root + syllable: Петр-ушк-ин, Иван-ищ-ев); most
#: East Slavic surnames are a root with an ending (Иванов, Кузнецов, Шевченко). Derived stems
#: that differ in one vowel (Баран-ан-ов, Баран-ен-ов) make near-namesakes, so a share far above
#: real inventories would test the generator's density rather than the resolver.
DERIVED_SHARE = 0.3


@dataclass(frozen=True)
class Person:
    """One synthetic person."""

    id: str
    lang: str
    gender: str
    given: str
    surname: str

    @property
    def native(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass(frozen=True)
class Material:
    """Validated name material (see names.yaml for the schema)."""

    languages: dict[str, dict[str, Any]]
    roots: list[str]
    syllables: list[str]


def load_material(path: Path = NAMES_FILE) -> Material:
    """Read and check names.yaml; raises ValueError naming the problem."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"languages", "roots", "syllables"}:
        raise ValueError(f"{path}: expected keys languages, roots, syllables")
    for lang, entry in data["languages"].items():
        if lang not in romanization.languages():
            raise ValueError(f"{path}: no romanization schemes for language {lang!r}")
        for key in ("male", "female", "surname_endings", "spelling"):
            if key not in entry:
                raise ValueError(f"{path}: language {lang}: missing {key!r}")
        if not all(isinstance(p, list) and len(p) == 2 for p in entry["surname_endings"]):
            raise ValueError(f"{path}: language {lang}: endings must be [male, female] pairs")
    return Material(data["languages"], list(data["roots"]), list(data["syllables"]))


def _surname(material: Material, lang: str, gender: str, rng: random.Random) -> str:
    entry = material.languages[lang]
    root = rng.choice(material.roots)
    if rng.random() < DERIVED_SHARE:
        root += rng.choice(material.syllables)
    ending = rng.choice(entry["surname_endings"])[0 if gender == "male" else 1]
    word = root + ending
    for letter, replacement in entry["spelling"].items():
        word = word.replace(letter, replacement)
    return str(word)


#: Letters the three languages spell differently in one surname (Сідорук / Сидорук, шч / щ).
_SURNAME_FOLD = str.maketrans({"і": "и", "ы": "и", "э": "е", "є": "е", "ё": "е", "ў": "в"})
#: One surname's endings in the three languages (Лукашенко / Лукашэнка, Ковальский /
#: Ковальський / Кавальскі), after _SURNAME_FOLD.
_ENDINGS = (("енка", "енко"), ("ський", "ски"), ("ский", "ски"), ("ська", "ска"), ("ская", "ска"))


def surname_identity(surname: str) -> str:
    """The surname with the languages' spelling differences folded (see names.yaml)."""
    folded = str(surname.lower().replace("шч", "щ").translate(_SURNAME_FOLD))
    for ending, common in _ENDINGS:
        if folded.endswith(ending):
            return folded[: -len(ending)] + common
    return folded


@functools.cache
def _groups_by_name() -> dict[str, frozenset[int]]:
    found: dict[str, set[int]] = {}
    for group in given_name_groups():
        for name in group.names:
            found.setdefault(name, set()).add(group.index)
    return {name: frozenset(groups) for name, groups in found.items()}


def given_identity(given: str) -> frozenset[str]:
    """The given name's groups across languages (Анна, Ганна, Ана), or the name itself."""
    groups = _groups_by_name().get(given)
    return frozenset(f"#{g}" for g in groups) if groups else frozenset({given})


def make_people(count: int, *, seed: int = 7, material: Material | None = None) -> list[Person]:
    """``count`` people with distinct names across languages (see :func:`name_identity`)."""
    material = material or load_material()
    rng = random.Random(seed)
    langs = sorted(material.languages)
    seen: set[tuple[str, frozenset[str]]] = set()
    people: list[Person] = []
    while len(people) < count:
        lang = rng.choice(langs)
        gender = rng.choice(("male", "female"))
        given = rng.choice(material.languages[lang][gender])
        surname = _surname(material, lang, gender, rng)
        identity = (surname_identity(surname), given_identity(given))
        if identity in seen:
            continue
        seen.add(identity)
        people.append(Person(f"p{len(people):06d}", lang, gender, given, surname))
    return people


def _one_slip(word: str) -> Iterator[str]:
    """Every word one slip from ``word``: a letter left out, added, changed, two swapped."""
    letters = set(word) | set("абвгдежзийклмнопрстуфхцчшщьюя")
    for i in range(len(word) + 1):
        if i < len(word):
            yield word[:i] + word[i + 1 :]
            for letter in letters:
                yield word[:i] + letter + word[i + 1 :]
        if i + 1 < len(word):
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for letter in letters:
            yield word[:i] + letter + word[i:]


@functools.lru_cache(maxsize=1 << 18)
def spellings(person: Person) -> dict[str, str]:
    """Scheme id -> romanization of the person's native name (distinct spellings only)."""
    found: dict[str, str] = {}
    for scheme, latin in romanization.romanizations(person.native, lang=person.lang):
        if latin not in found.values():
            found[scheme] = latin
    return found


def held_out(person: Person, schemes: list[str]) -> list[str]:
    """The schemes whose spellings are kept out of the registry (fixed per person)."""
    rng = random.Random(person.id)
    return rng.sample(schemes, min(HELD_OUT, max(0, len(schemes) - 2)))


def registry_entry(person: Person) -> dict[str, Any]:
    """The person's registry entry (format v1)."""
    romanized = spellings(person)
    hidden = set(held_out(person, list(romanized)))
    kept = [latin for scheme, latin in romanized.items() if scheme not in hidden]
    name, *aliases = kept
    # Surname-first order, as lists and forms write it, for two spellings and the native name.
    for text in [*kept[:2], person.native]:
        given, _, surname = text.partition(" ")
        aliases.append(f"{surname} {given}")
    return {
        "id": person.id,
        "name": name,
        "kind": "person",
        "gender": person.gender,
        "native": {person.lang: person.native},
        "aliases": aliases,
    }


def write_registry(people: list[Person], directory: Path) -> Path:
    """Write the registry as one YAML file (JSON flow style, one entity a line)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "people.yaml"
    with path.open("w", encoding="utf-8") as out:
        out.write("entities:\n")
        for person in people:
            out.write("  - " + json.dumps(registry_entry(person), ensure_ascii=False) + "\n")
    return path


def _drop_one_diacritic(text: str, rng: random.Random) -> str | None:
    marked = [i for i, c in enumerate(text) if unicodedata.decomposition(c) or ord(c) > 0x24F]
    if not marked:
        return None
    i = rng.choice(marked)
    base = unicodedata.normalize("NFD", text[i])
    bare = "".join(c for c in base if not unicodedata.combining(c))
    if not bare or bare == text[i] or not bare.isascii():
        return None
    return text[:i] + bare + text[i + 1 :]


def _typo(text: str, rng: random.Random) -> str | None:
    given, _, surname = text.partition(" ")
    if len(surname) < 5:
        return None
    i = rng.randrange(1, len(surname) - 1)
    kind = rng.choice(("delete", "substitute", "transpose"))
    if kind == "delete":
        changed = surname[:i] + surname[i + 1 :]
    elif kind == "transpose":
        changed = surname[:i] + surname[i + 1] + surname[i] + surname[i + 2 :]
    else:
        # A slip of the keyboard stays in the name's script: a Cyrillic name gets a Cyrillic
        # letter, a Latin one a Latin letter.
        cyrillic = "CYRILLIC" in unicodedata.name(surname[i], "")
        letters = "аеиоклмнрст" if cyrillic else "aeiouklmnrst"
        letter = rng.choice(letters.replace(surname[i].lower(), ""))
        changed = surname[:i] + letter + surname[i + 1 :]
    return None if changed == surname else f"{given} {changed}"


def exact_queries(people: list[Person], count: int, *, seed: int = 11) -> list[tuple[str, str]]:
    """(registered name, its entity id), drawn uniformly from every registered name."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for person in rng.choices(people, k=count):
        entry = registry_entry(person)
        names = [entry["name"], person.native, *entry["aliases"]]
        out.append((rng.choice(names), person.id))
    return out


def variant_queries(
    people: list[Person], count: int, *, seed: int = 13
) -> list[tuple[str, str, str]]:
    """(unseen spelling, entity id, kind) with kind in scheme / diacritic / typo."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    kinds = ("scheme", "diacritic", "typo")
    while len(out) < count:
        person = rng.choice(people)
        romanized = spellings(person)
        entry = registry_entry(person)
        registered = {entry["name"], *entry["aliases"]}
        kind = kinds[len(out) % 3]
        query: str | None
        if kind == "scheme":
            hidden = held_out(person, list(romanized))
            query = romanized[hidden[0]] if hidden else None
        elif kind == "diacritic":
            query = _drop_one_diacritic(rng.choice(sorted(registered)), rng)
        else:
            query = _typo(rng.choice(sorted(registered)), rng)
        if query and query not in registered:
            out.append((query, person.id, kind))
    return out


def nobody_queries(
    people: list[Person], count: int, *, seed: int = 17, material: Material | None = None
) -> list[str]:
    """Names of people who are not in the registry, romanized under a random scheme.

    "Not in the registry" is judged across languages (see :func:`surname_identity`), and a
    stranger is never one slip (a letter left out, added, changed, two swapped) from a
    registered person with the same given name: such a name cannot be told from a typo, and
    the variant stream asks for typos to be found.
    """
    material = material or load_material()
    rng = random.Random(seed)
    known: dict[str, set[frozenset[str]]] = {}
    for p in people:
        known.setdefault(surname_identity(p.surname), set()).add(given_identity(p.given))
    out: list[str] = []
    while len(out) < count:
        model = rng.choice(people)
        lang, gender = model.lang, model.gender
        if len(out) % 2 == 0:
            surname = model.surname  # a registered surname: another member of the family
        else:
            surname = _surname(material, lang, gender, rng)
            if surname_identity(surname) in known:
                continue
        identity = surname_identity(surname)
        near = [identity, *(w for w in _one_slip(identity) if w in known)]
        given_names = [
            g
            for g in material.languages[lang][gender]
            if not any(given_identity(g) & other for w in near for other in known.get(w, ()))
        ]
        if not given_names:
            continue
        stranger = Person("nobody", lang, gender, rng.choice(given_names), surname)
        out.append(rng.choice(list(spellings(stranger).values())))
    return out


def iter_rows(people: list[Person], count: int, *, seed: int = 19) -> Iterator[tuple[int, str]]:
    """(row number, name) rows for table-mode streaming: exact names, variants and nobody."""
    exact = [q for q, _ in exact_queries(people, 5000, seed=seed)]
    variants = [q for q, _, _ in variant_queries(people, 2000, seed=seed)]
    strangers = nobody_queries(people, 1000, seed=seed)
    pool = exact + variants + strangers
    rng = random.Random(seed)
    for row in range(count):
        yield row, rng.choice(pool)
