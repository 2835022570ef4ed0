"""Stage 2b, respelling: romanizations of Chinese, Korean, Greek, Arabic names onto a pivot.

Names from these scripts reach us through competing romanization systems: a Chinese name as
Hanyu Pinyin, Wade-Giles, the Czech transcription or Russian Palladius Cyrillic; a Korean name
as McCune-Reischauer or Revised Romanization; a Greek name as ELOT 743 or by English-press
pronunciation. The Slavic spelling conventions of :mod:`translit_norm.keys` cannot bring
Hsi Chin-p'ing and Xi Jinping together, because the two systems assign different letters to the
same sounds. This stage rewrites the words of a name from one system into the pivot system
(pinyin, Revised Romanization, Greek by sound), using the schemes of data/other_scripts.yaml,
each rule of which states the correspondence it encodes.

A respelling is an *extra* Latin spelling of the name: the keyer keys it beside the name's own
spellings, with the same function on the registry side and the query side, so respelling can
add matches but never changes the keys a name already had.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from translit_norm.cleaning import strip_marks
from translit_norm.errors import RegistryError
from translit_norm.transliteration import is_cyrillic, script_of
from translit_norm.yamlio import YamlList, YamlMap, load_yaml_text

__all__ = ["MAX_RESPELLINGS", "Rule", "Scheme", "parse_schemes", "respellings", "schemes"]

_DATA = "data/other_scripts.yaml"
_NAME = f"translit_norm/{_DATA}"
_SCRIPTS = frozenset({"latin", "cyrillic", "greek", "hangul"})
_SCHEME_FIELDS = frozenset(
    {"why", "script", "when", "rules", "strip_marks", "decompose", "inherit"}
)

#: At most this many respellings of one name are kept: schemes chain (MR -> RR -> plain o),
#: and a bound keeps a long name from multiplying its keys.
MAX_RESPELLINGS = 8


@dataclass(frozen=True)
class Rule:
    """One correspondence: where ``find`` matches in a word, the pivot spelling is ``to``.

    ``also`` lists further pivot spellings the same letters may stand for, when the system's
    writers routinely leave out the mark that tells them apart (Wade-Giles t is pinyin d, and
    t' is t; printed without apostrophes, t is either).
    """

    find: re.Pattern[str]
    to: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scheme:
    """A romanization system and how its words are rewritten into the pivot system.

    Attributes:
        name: The scheme's key in data/other_scripts.yaml.
        script: ``latin``, ``cyrillic`` or ``greek``: the words it rewrites.
        when: Searched in the whole cleaned name; the scheme is tried only where it matches
            (None: always).
        strip_marks: Whether diacritics are dropped from a word before it is rewritten.
        decompose: Whether the word's letters of this script are NFD-decomposed first
            (Hangul syllable blocks into jamo).
        rules: Tried in order at each position of a word; the first match wins.
    """

    name: str
    script: str
    when: re.Pattern[str] | None
    strip_marks: bool
    rules: tuple[Rule, ...]
    decompose: bool = False

    def covers(self, word: str) -> bool:
        """Whether ``word`` is written in this scheme's script."""
        if self.script == "latin":
            return all(c.isascii() or script_of(c) == "latin" for c in word)
        if self.script == "cyrillic":
            return any(is_cyrillic(c) for c in word)
        return any(script_of(c) == self.script for c in word)

    def respell(self, word: str) -> str:
        """Rewrite one casefolded word of this scheme into the pivot system."""
        return self.respell_all(word, limit=1)[0]

    def respell_all(self, word: str, limit: int = MAX_RESPELLINGS) -> tuple[str, ...]:
        """Every rewriting of ``word`` the rules' alternatives allow, the ``to`` one first.

        Args:
            word: One casefolded word of this scheme.
            limit: At most this many rewritings are made (alternatives multiply).
        """
        if self.strip_marks:
            word = strip_marks(word)
        if self.decompose:
            word = "".join(unicodedata.normalize("NFD", c) if self.covers(c) else c for c in word)
        outs: list[str] = [""]
        i, size = 0, len(word)
        while i < size:
            for rule in self.rules:
                match = rule.find.match(word, i)
                if match and match.end() > i:
                    choices = (rule.to, *rule.also)
                    outs = [o + c for o in outs for c in choices][:limit]
                    i = match.end()
                    break
            else:
                outs = [o + word[i] for o in outs]
                i += 1
        return tuple(dict.fromkeys(outs))


def _compile(pattern: object, file: str, line: int | None, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise RegistryError(file, line, f"{where}: a pattern must be a string")
    try:
        return re.compile(pattern)
    except re.error as error:
        message = f"{where}: bad regular expression {pattern!r}: {error}"
        raise RegistryError(file, line, message) from None


def _spellings(to: object) -> tuple[str, ...]:
    """A rule's ``to``: one pivot spelling, or a non-empty list of alternatives (else ())."""
    if isinstance(to, str):
        return (to,)
    if isinstance(to, YamlList) and to and all(isinstance(t, str) for t in to):
        return tuple(str(t) for t in to)
    return ()


def _rules(entries: object, file: str, line: int | None, where: str) -> list[Rule]:
    if not isinstance(entries, YamlList) or not entries:
        raise RegistryError(file, line, f"{where}: rules must be a non-empty list")
    result = []
    for entry, entry_line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, YamlMap) or set(entry) != {"find", "to", "why"}:
            raise RegistryError(file, entry_line, f"{where}: each rule needs find, to and why")
        to = _spellings(entry["to"])
        if not to or not isinstance(entry["why"], str):
            message = f"{where}: to must be a string or a list of strings, why a string"
            raise RegistryError(file, entry_line, message)
        if not entry["why"].strip():
            raise RegistryError(file, entry_line, f"{where}: a rule's why must not be empty")
        find = _compile(entry["find"], file, entry_line, where)
        result.append(Rule(find, to[0], tuple(t for t in to[1:] if t != to[0])))
    return result


@functools.cache
def schemes() -> tuple[Scheme, ...]:
    """The schemes of data/other_scripts.yaml, in file order; loaded and validated once."""
    return parse_schemes(resources.files("translit_norm").joinpath(_DATA).read_text("utf-8"))


def parse_schemes(text: str, name: str = _NAME) -> tuple[Scheme, ...]:
    """Read and validate a schemes document (the format of data/other_scripts.yaml).

    Args:
        text: The YAML document.
        name: The file name given in error messages.

    Returns:
        The schemes in document order, each with its inherited rules appended.

    Raises:
        RegistryError: naming the file, the line and the problem, when the document does not
            follow the schema or a pattern is not a valid regular expression.
    """

    def fail(line: int | None, message: str) -> RegistryError:
        return RegistryError(name, line, message)

    document = load_yaml_text(text, name=name)
    if not isinstance(document, YamlMap) or set(document) != {"schemes"}:
        raise fail(None, "expected exactly 'schemes'")
    specs = document["schemes"]
    if not isinstance(specs, YamlMap):
        raise fail(None, "schemes must be a mapping of name -> scheme")
    own: dict[str, list[Rule]] = {}
    for key, spec in specs.items():
        line = specs.key_lines.get(key)
        where = f"scheme {key}"
        if not isinstance(spec, YamlMap) or not {"why", "script", "when", "rules"} <= spec.keys():
            raise fail(line, f"{where}: expected why, script, when and rules")
        if set(spec) - _SCHEME_FIELDS:
            raise fail(line, f"{where}: unknown field(s) {sorted(set(spec) - _SCHEME_FIELDS)}")
        if spec["script"] not in _SCRIPTS:
            raise fail(line, f"{where}: script must be one of {sorted(_SCRIPTS)}")
        own[str(key)] = _rules(spec["rules"], name, line, where)
    result = []
    for key, spec in specs.items():
        line = specs.key_lines.get(key)
        rules = list(own[str(key)])
        inherit = spec.get("inherit")
        if inherit is not None:
            if inherit not in own or inherit == key:
                raise fail(line, f"scheme {key}: inherit names no other scheme: {inherit!r}")
            rules += own[inherit]
        when_text = spec["when"]
        if not isinstance(when_text, str):
            raise fail(line, f"scheme {key}: when must be a string")
        when = _compile(when_text, name, line, f"scheme {key}") if when_text else None
        result.append(
            Scheme(
                name=str(key),
                script=str(spec["script"]),
                when=when,
                strip_marks=bool(spec.get("strip_marks", False)),
                decompose=bool(spec.get("decompose", False)),
                rules=tuple(rules),
            )
        )
    return tuple(result)


def _is_pivot(word: str) -> bool:
    """A finished respelling: Latin letters only, nothing left of the source script."""
    return all(c.isascii() or script_of(c) in {"latin", "common"} for c in word)


def _respelled(scheme: Scheme, words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The name ``words`` rewritten by ``scheme``: one name per combination of its words'
    alternative rewritings, the first-choice one first, at most :data:`MAX_RESPELLINGS`."""
    per_word = [scheme.respell_all(w) if scheme.covers(w) else (w,) for w in words]
    names: list[tuple[str, ...]] = [()]
    for choices in per_word:
        names = [(*n, c) for n in names for c in choices][:MAX_RESPELLINGS]
    return names


def respellings(tokens: Sequence[str], folded: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Pivot spellings of a tokenized name under every scheme that could have written it.

    Args:
        tokens: The name's cleaned, casefolded words, apostrophes kept (they mark Wade-Giles
            and McCune-Reischauer aspiration).
        folded: The same words as the keyer spells them before respelling (scripts without a
            scheme folded to ASCII, e.g. Han characters to pinyin), one per token.

    Returns:
        Respelled names, one word per token, apostrophes dropped, none equal to the input;
        schemes chain (a McCune-Reischauer name is respelled to Revised Romanization and that
        to the plain-vowel English usage). At most :data:`MAX_RESPELLINGS`.
    """
    # An ASCII word is Latin letters and punctuation: kept, and no other script is in it.
    base = tuple(
        t if t.isascii() or all(script_of(c) in _SCRIPTS or not c.isalpha() for c in t) else f
        for t, f in zip(tokens, folded, strict=True)
    )
    options = [base]
    # Respelling turns other scripts into Latin and never adds one, so a scheme for a script
    # other than Latin that the name lacks is skipped at once (the common case, kept cheap).
    present = {script_of(c) for word in base if not word.isascii() for c in word}
    for scheme in schemes():
        if scheme.script != "latin" and scheme.script not in present:
            continue
        for option in list(options):
            text = " ".join(option)
            if scheme.when is not None and not scheme.when.search(text):
                continue
            for respelled in _respelled(scheme, option):
                if respelled not in options and len(options) <= MAX_RESPELLINGS * 2:
                    options.append(respelled)
    plain = tuple(w.replace("'", "") for w in base)
    result: list[tuple[str, ...]] = []
    for option in options[1:]:
        words = tuple(w.replace("'", "") for w in option)
        if all(_is_pivot(w) for w in words) and words != plain and words not in result:
            result.append(words)
    return tuple(result[:MAX_RESPELLINGS])
