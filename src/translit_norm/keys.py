"""Stage 3, keys: one comparable form for all the romanizations of one name.

A key is a string of phoneme symbols. Latin spellings are read under each spelling convention
that could have produced them (data/conventions.yaml), then folded by the rules below, each of
which encodes one fact about how Slavic names are romanized. Cyrillic is first romanized by the
per-language pivot tables (:mod:`translit_norm.transliteration`); other scripts by the ASCII
folding backend, and Chinese, Korean, Greek and Arabic names are also respelled into one pivot
romanization (:mod:`translit_norm.other_scripts`). The same :class:`Keyer` keys registry
aliases and queries, so the two sides never drift apart.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from translit_norm.cleaning import COMBINING_MARKS, clean, strip_marks
from translit_norm.confusables import Neutralized, neutralize
from translit_norm.errors import RegistryError
from translit_norm.folding import DEFAULT_BACKEND, Folder, folder
from translit_norm.other_scripts import respellings
from translit_norm.transliteration import (
    CYRILLIC_LANGUAGES,
    cyrillic_table,
    is_cyrillic,
    plausible_languages,
    script_of,
)
from translit_norm.yamlio import YamlList, YamlMap, load_package_yaml

__all__ = ["Grapheme", "KeyedName", "Keyer", "Reading", "fold_phonemes", "readings"]

_VOWEL_LETTERS = "aeiouy"
#: A word: letters and digits, with the combining marks that stay on them after NFKC (the
#: ALA-LC tie in i͡a has no precomposed form), and apostrophes inside it (Мар'яна, O'Brien).
_TOKEN = re.compile(
    rf"[^\W_](?:[^\W_]|[{COMBINING_MARKS}])*(?:'[^\W_](?:[^\W_]|[{COMBINING_MARKS}])*)*"
)


@dataclass(frozen=True)
class Grapheme:
    """One Latin grapheme and the phoneme symbols it stands for under a convention."""

    latin: str
    key: str
    before: frozenset[str] | None = None


@dataclass(frozen=True)
class Reading:
    """A spelling convention: how it reads each grapheme (its own first, then the common ones).

    Attributes:
        name: ``english``, ``slavic``, ``german`` or ``french``.
        markers: Substrings that make the convention plausible; empty means always plausible.
        not_with: Substrings that no text written under the convention has (German sch is
            never English spelling): a text holding one is not read under it.
        table: First character -> graphemes starting with it, longest first. A convention
            is identified by its name and markers (the table follows from them), which makes
            a reading usable as a cache key.
    """

    name: str
    markers: tuple[str, ...]
    table: Mapping[str, tuple[Grapheme, ...]] = field(hash=False, compare=False)
    not_with: tuple[str, ...] = ()
    _reader: _Reader = field(init=False, hash=False, compare=False, repr=False)
    _hash: int = field(init=False, hash=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_reader", _Reader.of(self.table))
        object.__setattr__(self, "_hash", hash((self.name, self.markers, self.not_with)))

    def __hash__(self) -> int:
        # Speed: a reading is part of the key of the keyer's word memo, hashed on every
        # word keyed; the generated __hash__ would hash its fields anew each time.
        return self._hash

    def applies(self, text: str) -> bool:
        """Whether ``text`` (cleaned Latin) could have been written under this convention."""
        if any(letters in text for letters in self.not_with):
            return False
        return not self.markers or any(marker in text for marker in self.markers)

    def phonemes(self, latin: str, fold: Folder) -> str:
        """Read cleaned Latin ``latin`` into phoneme symbols under this convention.

        Equal to :meth:`phonemes_by_scan` (a property test checks it), in two C-speed passes:
        the graphemes that need context (several letters, or a letter read by what follows)
        are matched by one regular expression and marked, then every character is mapped.
        """
        if not latin.isascii():
            latin = self._unfolded(latin, fold)
        reader = self._reader
        if reader.pattern is not None:
            latin = reader.pattern.sub(reader.mark, latin)
        out = latin.translate(reader.mapping)
        # Only a folding backend that returned non-ASCII leaves any: dropped, as by the scan.
        return out if out.isascii() else "".join(c for c in out if c.isascii())

    def phonemes_by_scan(self, latin: str, fold: Folder) -> str:
        """:meth:`phonemes` as a plain left-to-right scan: the obviously correct reference."""
        if not latin.isascii():
            latin = self._unfolded(latin, fold)
        out: list[str] = []
        i, size = 0, len(latin)
        while i < size:
            for grapheme in self.table.get(latin[i], ()):
                end = i + len(grapheme.latin)
                if latin.startswith(grapheme.latin, i) and (
                    grapheme.before is None or (end < size and latin[end] in grapheme.before)
                ):
                    out.append(grapheme.key)
                    i = end
                    break
            else:
                char = latin[i]
                if char.isascii() and char.isalnum():
                    out.append(char)
                i += 1
        return "".join(out)

    def _unfolded(self, latin: str, fold: Folder) -> str:
        """``latin`` with the non-ASCII letters this convention does not read folded to ASCII."""
        return "".join(c if c.isascii() or c in self.table else fold(c).lower() for c in latin)


#: Private-use characters stand for the graphemes matched in the first pass of
#: :meth:`Reading.phonemes`. Text never holds them there: folding turns them into ASCII first.
_FIRST_MARK = 0xE000


@dataclass(frozen=True)
class _Reader:
    """A grapheme table compiled for :meth:`Reading.phonemes`.

    Attributes:
        pattern: One alternative per grapheme that needs context (more than one letter, or a
            letter with a ``before`` condition, or sharing its letter with one that has), in
            table order, each a group of its own; None when there is none.
        marks: Group number -> the private-use character that stands for that grapheme.
        mapping: ``str.translate`` table: marks and single letters read the same everywhere
            -> their phoneme symbols; ASCII letters and digits otherwise stay, other
            characters go (the scan's fallback).
    """

    pattern: re.Pattern[str] | None
    marks: tuple[str, ...]
    mapping: Mapping[int, str | None]

    @classmethod
    def of(cls, table: Mapping[str, tuple[Grapheme, ...]]) -> _Reader:
        """Compile ``table`` (first character -> graphemes, in the order they are tried)."""
        mapping: dict[int, str | None] = {
            code: None for code in range(128) if not chr(code).isalnum()
        }
        branches: list[str] = []
        marks = [""]  # group numbers start at 1
        for first, graphemes in table.items():
            singles = [g for g in graphemes if len(g.latin) == 1]
            # A context-free letter is tried after its longer graphemes and never before a
            # conditional one of the same letter: the regex tries those, in order, first.
            in_context = any(g.before is not None for g in singles)
            alternatives: list[str] = []
            for grapheme in graphemes:
                if len(grapheme.latin) > 1 or in_context:
                    before = grapheme.before
                    condition = (
                        "" if before is None else f"(?=[{re.escape(''.join(sorted(before)))}])"
                    )
                    alternatives.append(f"({re.escape(grapheme.latin[1:])}{condition})")
                    mark = chr(_FIRST_MARK + len(marks))
                    marks.append(mark)
                    mapping[ord(mark)] = grapheme.key
            if alternatives:
                # Grouped by first letter, so that the regex tries a position's own graphemes.
                branches.append(f"{re.escape(first)}(?:{'|'.join(alternatives)})")
            if singles and not in_context:
                mapping[ord(first)] = singles[0].key
            elif not (first.isascii() and first.isalnum()):
                mapping[ord(first)] = None
        pattern = re.compile("|".join(branches)) if branches else None
        return cls(pattern, tuple(marks), mapping)

    def mark(self, match: re.Match[str]) -> str:
        """The private-use character for the grapheme ``match`` found."""
        return self.marks[match.lastindex or 0]


def _graphemes(entries: Any, name: str, where: str) -> list[Grapheme]:
    if not isinstance(entries, YamlList):
        raise RegistryError(name, None, f"{where}: expected a list of graphemes")
    result = []
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, YamlMap) or not {"latin", "key", "why"} <= entry.keys():
            raise RegistryError(name, line, f"{where}: each grapheme needs latin, key and why")
        unknown = set(entry) - {"latin", "key", "why", "before"}
        if unknown:
            raise RegistryError(name, line, f"{where}: unknown field(s) {sorted(unknown)}")
        if not isinstance(entry["latin"], str) or not isinstance(entry["key"], str):
            raise RegistryError(name, line, f"{where}: latin and key must be strings")
        before = entry.get("before")
        if before is not None:
            before = frozenset(_VOWEL_LETTERS if before == "vowel" else str(before))
        result.append(Grapheme(entry["latin"], entry["key"], before))
    return result


@functools.cache
def readings() -> tuple[Reading, ...]:
    """The spelling conventions of data/conventions.yaml, English first; loaded once."""
    name, document = load_package_yaml("data/conventions.yaml")
    if not isinstance(document, YamlMap) or set(document) != {"common", "readings"}:
        raise RegistryError(name, None, "expected exactly 'common' and 'readings'")
    common = _graphemes(document["common"], name, "common")
    result = []
    for reading_name, spec in document["readings"].items():
        if not isinstance(spec, YamlMap) or not (
            {"why", "markers", "graphemes"}
            <= set(spec)
            <= {"why", "markers", "graphemes", "not_with"}
        ):
            raise RegistryError(
                name,
                document["readings"].key_lines[reading_name],
                f"reading {reading_name}: expected why, markers, graphemes and maybe not_with",
            )
        own = _graphemes(spec["graphemes"], name, f"reading {reading_name}")
        table: dict[str, list[Grapheme]] = {}
        # A convention's own graphemes win over common ones of the same length (ch, c, j).
        for grapheme in own + common:
            table.setdefault(grapheme.latin[0], []).append(grapheme)
        ordered = {
            first: tuple(sorted(items, key=lambda g: -len(g.latin)))
            for first, items in table.items()
        }
        result.append(
            Reading(
                name=str(reading_name),
                markers=tuple(str(m) for m in spec["markers"]),
                table=MappingProxyType(ordered),
                not_with=tuple(str(m) for m in spec.get("not_with", ())),
            )
        )
    return tuple(result)


# The folding rules. Each states the fact it encodes; they run in this order on the phoneme
# string of one token. Consonant symbols include S Z C X (ш ж ч г/х) and c (ц).
_CONSONANT = "bcdfgklmnprstvzSZCX"

#: Adjectival surname endings -ий/-ый/-ій are written -iy, -yi, -yy, -ij, -yj, -ii, -y or -i
#: depending on the convention (Zelenskyy, Zelenskyi, Zelensky, Zelenskij, Selenskyj).
_ADJECTIVAL_END = re.compile(rf"(?<=[{_CONSONANT}])(?:iy|yi|yy|ij|yj|ii|y|i)$")
#: A final й after a vowel is written y, i or j (Andrei, Andrey, Andrej; Nikolai, Mikalaj),
#: and so is й between a vowel and a consonant (Baiden, Bayden, Bajden; Maidan, Majdan).
_FINAL_GLIDE = re.compile(rf"(?<=[aeou])[iyj](?=[{_CONSONANT}]|$)")
#: Belarusian ў after a vowel stands where Russian has в and is written u, ŭ, w or v
#: (Tsikhanouskaya / Tikhanovskaya, Maŭšuk / Movshuk).
_NONSYLLABIC_U = re.compile(rf"(?<=[aeo])u(?=[{_CONSONANT}]|$)")
#: i or y before a vowel is the glide of я/ю/е/ё (ia, ya, ja are one sound).
_GLIDE_BEFORE_VOWEL = re.compile(r"[iy](?=[aeiou])")
#: ё after a consonant is written e by English news and BGN/PCGN (Pyotr / Petr, Fyodor / Fedor).
_YO_AFTER_CONSONANT = re.compile(rf"(?<=[{_CONSONANT}])jo")
#: After ж ч ш щ, ё is written o by phonetic conventions and e by English (Khrushchev / Chruszczow).
_O_AFTER_HUSHER = re.compile(r"(?<=[SZC])o")
#: After a consonant the glide only marks softness, which most conventions do not write
#: (Aliaksandr / Alaksandr / Aleksandr-style ia, Kuzniechyk / Kuznechyk).
_GLIDE_AFTER_CONSONANT = re.compile(rf"(?<=[{_CONSONANT}])j+")
#: Word-initial е is written with or without its glide (Yevgeny / Evgeny, Yeltsin / Eltsin);
#: before other vowels the glide is always written (Yana is not Anna).
_INITIAL_GLIDE = re.compile(r"^j(?=e)")
#: Between vowels, е is iotated and some conventions write the glide (Andreyev / Andreev).
_E_AFTER_VOWEL = re.compile(r"(?<=[aeo])e")
#: Doubled letters are dropped or kept by convention (Hennadiy / Gennady, Anna, Russ).
_DOUBLED = re.compile(r"(.)\1+")


def fold_phonemes(phonemes: str) -> str:
    """Apply the folding rules to one token's phoneme string until nothing changes.

    One rule can expose work for an earlier one (collapsing ``uu`` makes a final ``u``), so
    the rules run to a fixed point (at most eight passes; real names need two), and folding a
    folded key changes nothing (a property test checks it).
    """
    for _ in range(8):
        folded = _fold_once(phonemes)
        if folded == phonemes:
            break
        phonemes = folded
    return phonemes


def _fold_once(phonemes: str) -> str:
    """One pass of the rules, each skipped when the letters it rewrites are absent.

    Equal to :func:`_fold_once_by_rules` (a property test checks it): a rule whose pattern
    needs a letter that the text lacks would change nothing.
    """
    text = phonemes
    if text.endswith(("i", "y", "j")):
        text = _ADJECTIVAL_END.sub("i", text)
    if "i" in text or "y" in text or "j" in text:
        text = _FINAL_GLIDE.sub("j", text)
    if "u" in text:
        text = _NONSYLLABIC_U.sub("v", text)
    if "i" in text or "y" in text:
        text = _GLIDE_BEFORE_VOWEL.sub("j", text).replace("y", "i")
    if "jo" in text:
        text = _YO_AFTER_CONSONANT.sub("e", text)
    if "o" in text:
        text = _O_AFTER_HUSHER.sub("e", text)
    if "j" in text:
        text = _GLIDE_AFTER_CONSONANT.sub("", text)
    if text.startswith("je"):
        text = text[1:]  # _INITIAL_GLIDE
    if "e" in text:
        text = _E_AFTER_VOWEL.sub("je", text)
    # Most keys have no doubled letter: a search is cheaper than a substitution by template.
    return _DOUBLED.sub(r"\1", text) if _DOUBLED.search(text) else text


def _fold_once_by_rules(phonemes: str) -> str:
    """:func:`_fold_once` as the plain sequence of rules: the obviously correct reference."""
    text = _ADJECTIVAL_END.sub("i", phonemes)
    text = _FINAL_GLIDE.sub("j", text)
    text = _NONSYLLABIC_U.sub("v", text)
    text = _GLIDE_BEFORE_VOWEL.sub("j", text).replace("y", "i")
    text = _YO_AFTER_CONSONANT.sub("e", text)
    text = _O_AFTER_HUSHER.sub("e", text)
    text = _GLIDE_AFTER_CONSONANT.sub("", text)
    text = _INITIAL_GLIDE.sub("", text)
    text = _E_AFTER_VOWEL.sub("je", text)
    return _DOUBLED.sub(r"\1", text)


@dataclass(frozen=True)
class KeyedName:
    """A name taken apart for matching.

    Attributes:
        cleaned: The cleaned, casefolded text.
        tokens: Its word tokens, apostrophes removed.
        comma_at: Index of the first token after a comma ("Lukashenko, Alexander"), else None.
        initials: Indexes of tokens written as initials (one letter, or followed by a period).
        languages: Cyrillic languages tried for the Cyrillic tokens (empty when none).
        romanized: Latin form of each token under the first plausible language.
        readings: Token keys, one tuple per distinct reading, the most plausible first.
        reading_names: The convention of each reading.
        compact: Keys of the whole name read as one word, word breaks dropped.
        homoglyphs: Mixed-script words rewritten in the script they imitate (cleaning).
    """

    cleaned: str
    tokens: tuple[str, ...]
    comma_at: int | None
    initials: frozenset[int]
    languages: tuple[str, ...]
    romanized: tuple[str, ...]
    readings: tuple[tuple[str, ...], ...]
    reading_names: tuple[str, ...] = field(default=())
    compact: frozenset[str] = field(default=frozenset())
    homoglyphs: tuple[Neutralized, ...] = field(default=())

    @property
    def full_keys(self) -> frozenset[str]:
        """Order-free keys: the token keys sorted and joined with spaces, per reading."""
        return frozenset(" ".join(sorted(r)) for r in self.readings if any(r))

    @property
    def compact_keys(self) -> frozenset[str]:
        """Space-free keys: the name keyed as one word (Kim Jong-un = Kim Jongun = 김정은)."""
        return self.compact


@dataclass(frozen=True)
class Keyer:
    """The key function of a registry: the one object that keys aliases and queries alike.

    Attributes:
        folding: Name of the ASCII-folding backend for scripts without our own table.
    """

    folding: str = DEFAULT_BACKEND
    _cache: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fold = folder(self.folding)
        # Names repeat their words massively (given names, surname endings, the words of a
        # surname-first order): each word is read and folded once per convention, then
        # remembered. Bounded, like the whole-name cache, so a stream of strangers cannot
        # grow it without limit.
        # The conventions read most words alike, so the readings of a word not seen before
        # often give one phoneme string: it is folded once (a small memo, as the readings
        # of a word are made one after another).
        folded = functools.lru_cache(maxsize=FOLD_CACHE_SIZE)(fold_phonemes)
        words = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(
            functools.partial(_word_key, fold, folded)
        )
        compute = functools.partial(_key, fold=fold, word_key=words)
        object.__setattr__(self, "_cache", functools.lru_cache(maxsize=1 << 16)(compute))

    def __reduce__(self) -> tuple[type[Keyer], tuple[str]]:
        # The per-instance cache is rebuilt, not pickled (compiled registries are pickled).
        return (Keyer, (self.folding,))

    def key(self, text: str, lang: str | None = None, *, reading: str | None = None) -> KeyedName:
        """Key ``text``, optionally known to be in Cyrillic language ``lang``.

        Args:
            text: A name, any script.
            lang: ISO 639-1 code of the name's language when known (a registry's native name);
                it selects the Cyrillic table. Unknown or non-Cyrillic codes are ignored.
            reading: Read Latin words under this convention only (a name from
                ``readings()``), when the convention the text was written in is known: a
                spelling the library generated itself. Ignored when that convention does
                not apply to the text.

        Returns:
            The keyed name; cached, so keying the same text twice is cheap.
        """
        result: KeyedName = self._cache(text, lang, reading)
        return result

    def token_keys(self, token: str, lang: str | None = None) -> frozenset[str]:
        """All keys of a single word (used for given names and surnames)."""
        return frozenset(r[0] for r in self.key(token, lang).readings if len(r) == 1 and r[0])


#: Distinct (convention, word) keys a :class:`Keyer` remembers.
WORD_CACHE_SIZE = 1 << 17
#: Distinct phoneme strings whose folding a :class:`Keyer` remembers.
FOLD_CACHE_SIZE = 1 << 12


def _word_key(fold: Folder, fold_key: Callable[[str], str], reading: Reading, latin: str) -> str:
    """The folded key of one Latin word (or a name run together) under ``reading``.

    ``fold_key`` is :func:`fold_phonemes` (remembered by the keyer).
    """
    return fold_key(reading.phonemes(latin, fold))


#: Words of at most this many letters are keyed letter by letter, not by sound: they are
#: abbreviations (ICC and ICJ, UN and UNN are different bodies) or syllables too short for
#: sound folding to be evidence (Xi, Un). Not a word with a letter that stands for a glide
#: and a vowel (:func:`glide_letters`): ISO 9 Âna is Яна, not Анна. Its spelling without
#: marks, which every Latin word also gets, is still keyed letter by letter.
LITERAL_MAX_LENGTH = 3


@functools.cache
def glide_letters() -> frozenset[str]:
    """Letters the conventions read as a glide and a vowel (ISO 9 â, û, ê for я, ю, є)."""
    return frozenset(
        grapheme.latin
        for graphemes in readings()[0].table.values()
        for grapheme in graphemes
        if len(grapheme.latin) == 1 and len(grapheme.key) > 1 and grapheme.key[0] == "j"
    )


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
#: Letters that write a vowel in the Latin spellings of names (marks stripped first).
_VOWELS = frozenset(_VOWEL_LETTERS)


def _spelled_out(token: str) -> bool:
    """Whether a longer word is an abbreviation: it has no vowel letter to sound it with.

    In an alphabet that writes its vowels (Latin, Cyrillic), СССР, НКВД, KPSS are said letter
    by letter, so they are keyed letter by letter like the short words above: sound folding
    would merge their doubled letters (СССР would key as SR, another abbreviation).
    """
    return _VOWELS.isdisjoint(token) and _VOWELS.isdisjoint(strip_marks(token))


def _is_latin(token: str) -> bool:
    return token.isascii() or all(c.isascii() or script_of(c) == "latin" for c in token)


def _literal(token: str, fold: Folder) -> str:
    return token if token.isascii() else fold(token).lower()


#: Two-letter initials are digraphs that write one sound (Ch. for Chrystia, Sz., Zh., Yu.);
#: any other two-letter abbreviation (Mr., Dr., St.) is not an initial.
_DIGRAPH_INITIALS = frozenset(
    ["ch", "sh", "zh", "kh", "ts", "sz", "cz", "dz", "dž", "yu", "ya", "ye", "yo", "ju", "ja", "je"]
)
#: English possessive 's is not part of a name (Lukashenko's).
_POSSESSIVE = "'s"


@functools.cache
def honorifics() -> frozenset[str]:
    """Courtesy titles that precede a name (data/honorifics.yaml), casefolded."""
    name, document = load_package_yaml("data/honorifics.yaml")
    titles = document.get("titles") if isinstance(document, YamlMap) else None
    if not isinstance(titles, YamlList) or not all(isinstance(t, str) for t in titles):
        raise RegistryError(name, None, "expected a list of strings 'titles'")
    return frozenset(clean(t) for t in titles)


def _tokens(cleaned: str) -> tuple[list[str], int | None, set[int]]:
    tokens: list[str] = []
    comma_at: int | None = None
    initials: set[int] = set()
    previous_end = 0
    titles = honorifics()
    for match in _TOKEN.finditer(cleaned):
        if comma_at is None and tokens and "," in cleaned[previous_end : match.start()]:
            comma_at = len(tokens)
        token = match.group()
        previous_end = match.end()
        if token in titles and not tokens and match.end() < len(cleaned.rstrip(". ")):
            continue  # a title before a name, not a word of it
        if token.endswith(_POSSESSIVE) and len(token) > 3 and _is_latin(token):
            token = token[: -len(_POSSESSIVE)]
        after = cleaned[match.end() : match.end() + 1]
        if len(token) == 1 or (after == "." and token in _DIGRAPH_INITIALS):
            initials.add(len(tokens))
        tokens.append(token)
    return tokens, comma_at, initials


def _key(
    text: str,
    lang: str | None,
    only: str | None = None,
    *,
    fold: Folder,
    word_key: Callable[[Reading, str], str],
) -> KeyedName:
    cleaned, homoglyphs = neutralize(clean(text))
    tokens, comma_at, initials = _tokens(cleaned)
    # Speed: an ASCII word has no Cyrillic letter.
    cyrillic = [not t.isascii() and any(is_cyrillic(c) for c in t) for t in tokens]
    if any(cyrillic):
        if lang in CYRILLIC_LANGUAGES:
            languages: tuple[str, ...] = (lang,)
        else:
            languages = plausible_languages(
                "".join(t for t, c in zip(tokens, cyrillic, strict=True) if c)
            )
    else:
        languages = ()
    # Latin spellings per language choice: Cyrillic tokens depend on it, the others do not.
    # Scripts without our own table are folded to ASCII here, word breaks the backend
    # inserts (Han syllables) dropped, so a word stays one token.
    plain = [
        t.replace("'", "") if is_cyr or _is_latin(t) else _NOT_ALNUM.sub("", fold(t).lower())
        for t, is_cyr in zip(tokens, cyrillic, strict=True)
    ]
    latin_options: list[tuple[str, ...]] = []
    for option in languages or (None,):
        latin_options.append(
            tuple(
                cyrillic_table(option).romanize(t).replace("'", "")
                if option is not None and is_cyr
                else t
                for t, is_cyr in zip(plain, cyrillic, strict=True)
            )
        )
    # Chinese, Korean, Greek and Arabic names written in another romanization system
    # (Wade-Giles, Palladius, McCune-Reischauer, Hangul, Greek, Arabic variants) are also
    # spelled in a pivot system (data/other_scripts.yaml): extra options, never replacements.
    latin_options.extend(r for r in respellings(tokens, plain) if r not in latin_options)
    # ASCII-only channels (wire copy, passports' machine zone, databases) drop diacritics, so
    # Vučić is printed Vucic: a Latin spelling is also read with its marks removed.
    for spelled in list(latin_options):
        stripped = tuple(
            t if is_cyr else strip_marks(t) for t, is_cyr in zip(spelled, cyrillic, strict=True)
        )
        if stripped not in latin_options:
            latin_options.append(stripped)
    latin_text = " ".join(t for t, c in zip(latin_options[0], cyrillic, strict=True) if not c)
    # A stress or length accent inside a marker (Loúkachenko) does not hide the convention.
    plain_text = strip_marks(latin_text)
    applicable = (
        [r for r in readings() if r.applies(latin_text) or r.applies(plain_text)]
        if latin_text
        else []
    )
    if only is not None and any(r.name == only for r in applicable):
        applicable = [r for r in applicable if r.name == only]
    english = readings()[0]
    glides = glide_letters()
    # Words written in an alphabet that writes its vowels (Latin, Cyrillic); an abjad's
    # (Arabic, Hebrew) are vowelless as a rule, and are no abbreviations for it.
    alphabets = [is_cyr or _is_latin(t) for t, is_cyr in zip(tokens, cyrillic, strict=True)]
    seen: dict[tuple[str, ...], str] = {}
    compact: set[str] = set()
    for latin, reading in itertools.product(latin_options, applicable or [english]):
        keyed = tuple(
            _literal(t, fold)
            if (len(t) <= LITERAL_MAX_LENGTH and (is_cyr or glides.isdisjoint(t)))
            or (vowelled and _spelled_out(t))
            else word_key(english if is_cyr else reading, t)
            for t, is_cyr, vowelled in zip(latin, cyrillic, alphabets, strict=True)
        )
        seen.setdefault(keyed, reading.name)
        joined = "".join(latin)
        if any(a[-1:] == b[:1] for a, b in itertools.pairwise(keyed) if a and b):
            # A word that ends in the sound the next begins with: keyed run together, the
            # two would fold into one (Adam Mickiewicz would be Ada Mickiewicz, B. Baba
            # Baba), so the words' keys are joined as they are, the doubled sound kept.
            compact.add("".join(keyed))
            continue
        if len(latin) > 1 and len(joined) > LITERAL_MAX_LENGTH:
            compact.add(word_key(english if any(cyrillic) else reading, joined))
        elif any(keyed):
            compact.add("".join(keyed))
    return KeyedName(
        cleaned=cleaned,
        tokens=tuple(t.replace("'", "") for t in tokens),
        comma_at=comma_at,
        initials=frozenset(initials),
        languages=languages,
        romanized=latin_options[0],
        readings=tuple(seen),
        reading_names=tuple(seen.values()),
        compact=frozenset(compact),
        homoglyphs=homoglyphs,
    )


def keys_of(keyer: Keyer, names: Iterable[str]) -> frozenset[str]:
    """The union of the full keys of ``names`` (helper for tests and tools)."""
    result: set[str] = set()
    for name in names:
        result |= keyer.key(name).full_keys
    return frozenset(result)
