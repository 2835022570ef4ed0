"""Hypothesis strategies for property-based tests of code that handles names (a test aid).

Not a pipeline stage: this module lets downstream test suites (and ours) generate the spellings
a name really turns up in -- another romanization standard, a foreign newspaper's rendering,
lost or stray diacritics, capitals, decomposed Unicode, stray spaces and punctuation, surname
first, initials -- so that "every spelling of X ends up as X" can be stated as a property
instead of a handful of examples. It follows hypothesis' API style guide: plural nouns,
keyword-only arguments with defaults, and :class:`hypothesis.errors.InvalidArgument` raised
eagerly (when the strategy is built, not when it is drawn from) for a bad argument.

Every variant generated is one a reader would call the same name. Transformations that only
make sense for people (surname first, initials) are opt-in through :class:`Noise`, and
:func:`registered_names` applies them only to person entities, and initials only where they
still single out one person of the registry.

This module needs ``hypothesis`` (the ``test`` extra) and is never imported by
``translit_norm`` itself.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from translit_norm import romanization
from translit_norm.cleaning import clean, strip_marks
from translit_norm.entities import Entity, EntityKind, NameForm
from translit_norm.expansion import native_romanizations
from translit_norm.folding import folder
from translit_norm.keys import honorifics
from translit_norm.registry import Registry
from translit_norm.results import Status

__all__ = [
    "Noise",
    "registered_names",
    "registries",
    "spelling_variants",
    "unregistered_names",
]


class Noise(enum.Flag):
    """The kinds of surface noise a generated spelling may carry (combine with ``|``).

    Each kind is something real text does to a name without making it another name.
    """

    NONE = 0
    #: All lower case, all capitals or title case (headlines, lists, typing habits).
    CASE = enum.auto()
    #: Decomposed (NFD) letters and invisible characters (soft hyphens, zero-width joiners)
    #: that scraped and copy-pasted text carries.
    UNICODE = enum.auto()
    #: Doubled, leading, trailing, non-breaking and tab spaces.
    WHITESPACE = enum.auto()
    #: Quotes around the name, a trailing full stop or comma, a hyphen or underscore for a
    #: space (slugs, file names), another apostrophe character.
    PUNCTUATION = enum.auto()
    #: A stress or length accent (acute) put on a vowel of a word, or such accents dropped:
    #: Russian and Ukrainian reference works mark stress (Алекса́ндр), Czech, Slovak and
    #: Hungarian mark length (á, é, í, ú). Never on o: Polish reads ó as u.
    ACCENTS = enum.auto()
    #: Latin letters written in plain ASCII, as ASCII-only systems, URLs and e-mail addresses
    #: do (Łukašenka -> Lukasenka, Maŭšuk -> Mausuk). Cyrillic is left alone. This loses
    #: information (š and s are two sounds), so a resolver may rightly answer "unknown" for
    #: such a spelling; it must never answer another entity.
    ASCII = enum.auto()
    #: Surname first ("Lukashenka Aliaksandr", "Lukashenka, Aliaksandr"): lists, indexes,
    #: Russian and Hungarian usage. Persons only.
    ORDER = enum.auto()
    #: Given names and patronymics cut to initials ("A. R. Lukashenka"). Persons only.
    INITIALS = enum.auto()
    #: Everything that leaves the letters as they are.
    TYPOGRAPHY = CASE | UNICODE | WHITESPACE | PUNCTUATION
    #: Everything that applies to any name.
    SPELLING = TYPOGRAPHY | ACCENTS | ASCII
    #: What only a person's name undergoes.
    PERSON = ORDER | INITIALS
    ALL = SPELLING | PERSON


_APOSTROPHES = ("'", "\u2019", "\u02bc")
_INVISIBLE = ("\u00ad", "\u200b", "\u200d")
_SPACES = ("  ", "\u00a0", "\t", " \u00a0")
_ACUTE = "\u0301"
# Vowels that take an accent without becoming another letter (see Noise.ACCENTS).
_ACCENTED_VOWELS = frozenset("aeiuAEIUаеиоуэыяюіїАЕИОУЭЫЯЮІЇ")


@dataclass(frozen=True)
class _Shape:
    """What a spelling is, for the noise that depends on it."""

    text: str
    person: bool = False
    initials: bool = False


def _check_noise(noise: object) -> Noise:
    if not isinstance(noise, Noise):
        raise InvalidArgument(f"noise={noise!r} must be a translit_norm.strategies.Noise flag")
    return noise


def _check_name(name: object, argument: str = "name") -> str:
    if not isinstance(name, str):
        raise InvalidArgument(f"{argument}={name!r} must be a str")
    if not name.strip():
        raise InvalidArgument(f"{argument}={name!r} must contain a name, not only white space")
    return name


def _check_registry(registry: object) -> Registry:
    if not isinstance(registry, Registry):
        raise InvalidArgument(f"registry={registry!r} must be a translit_norm.Registry")
    if not len(registry):
        raise InvalidArgument("registry must hold at least one entity")
    return registry


def _check_size(value: object, argument: str, least: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgument(f"{argument}={value!r} must be an int")
    if value < least:
        raise InvalidArgument(f"{argument}={value!r} must be at least {least}")
    return value


def _scheme_spellings(
    name: str, lang: str | None, schemes: Sequence[str] | None
) -> tuple[str, ...]:
    """The name itself and its romanization under every chosen scheme of ``lang``."""
    if lang is None:
        if schemes is not None:
            raise InvalidArgument("schemes= needs lang= (schemes belong to a source language)")
        return (name,)
    if not isinstance(lang, str) or lang not in romanization.languages():
        known = ", ".join(romanization.languages())
        raise InvalidArgument(f"lang={lang!r} has no romanization schemes (choose {known})")
    known_schemes = romanization.scheme_ids(lang)
    if schemes is None:
        chosen: Sequence[str] = known_schemes
    else:
        if isinstance(schemes, str) or not isinstance(schemes, Sequence):
            raise InvalidArgument(f"schemes={schemes!r} must be a list of scheme ids")
        if not schemes:
            raise InvalidArgument("schemes=[] leaves nothing to draw from")
        unknown = [s for s in schemes if s not in known_schemes]
        if unknown:
            raise InvalidArgument(
                f"schemes {unknown!r} are not schemes of {lang!r} "
                f"(choose from {', '.join(known_schemes)})"
            )
        chosen = schemes
    spellings = [name] + [romanization.romanize(name, lang=lang, scheme=s) for s in chosen]
    return tuple(dict.fromkeys(spellings))


# Each noise kind is a list of rewrites; index 0 is always "leave it", so hypothesis shrinks
# a failing example towards the plainest spelling that still fails.
_Rewrite = Callable[[str], str]


def _words(text: str) -> list[str]:
    return text.split()


def _case_rewrites() -> list[_Rewrite]:
    return [lambda t: t, str.lower, str.upper, _title_case]


def _title_case(text: str) -> str:
    # str.title() would capitalise after an apostrophe (Mar'Iana); words are enough.
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split(" "))


def _drop_acutes(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(
        c
        for i, c in enumerate(decomposed)
        if not (c == _ACUTE and i > 0 and decomposed[i - 1] in _ACCENTED_VOWELS)
    )
    return unicodedata.normalize("NFC", kept)


def _ascii_latin(text: str) -> str:
    fold = folder()
    return "".join(
        fold(char) if not char.isascii() and "LATIN" in unicodedata.name(char, "") else char
        for char in strip_marks(text)
    )


def _reverse(shape: _Shape, comma: bool) -> str:
    words = _words(shape.text)
    if len(words) < 2:
        return shape.text
    surname, rest = words[-1], words[:-1]
    return f"{surname}{',' if comma else ''} {' '.join(rest)}"


def _initials(text: str) -> str:
    words = _words(text)
    if len(words) < 2:
        return text
    letters = [w[:1] for w in words[:-1]]
    if not all(letter.isalpha() for letter in letters):
        return text
    return " ".join([*(f"{letter.upper()}." for letter in letters), words[-1]])


def _accentable(word: str) -> bool:
    # Stress and length marks go on words, never on initials, and not on abbreviations or
    # words in capitals (ООН, NATO), which reference works do not accent.
    return len(word) > 1 and not word.isupper()


def _add_acute(text: str, which: int) -> str:
    positions: list[int] = []
    start = 0
    for word in text.split(" "):
        if _accentable(word):
            positions += [start + i for i, c in enumerate(word) if c in _ACCENTED_VOWELS]
        start += len(word) + 1
    if not positions:
        return text
    at = positions[which % len(positions)]
    return unicodedata.normalize("NFC", text[: at + 1] + _ACUTE + text[at + 1 :])


@st.composite
def _noisy(draw: st.DrawFn, shape: _Shape, noise: Noise) -> str:
    """Apply the enabled noise kinds to one spelling, in the order text picks them up."""
    text = shape.text
    reversed_comma = False
    if shape.person and Noise.INITIALS in noise and shape.initials and draw(st.booleans()):
        text = _initials(text)
    elif shape.person and Noise.ORDER in noise and draw(st.booleans()):
        reversed_comma = Noise.PUNCTUATION in noise and draw(st.booleans())
        text = _reverse(_Shape(text), reversed_comma)
    if Noise.ACCENTS in noise:
        how = draw(st.integers(0, 2))
        if how == 1:
            text = _add_acute(text, draw(st.integers(0, 40)))
        elif how == 2:
            text = _drop_acutes(text)
    if Noise.ASCII in noise and draw(st.booleans()):
        text = _ascii_latin(text)
    if Noise.CASE in noise:
        text = draw(st.sampled_from(_case_rewrites()))(text)
    if Noise.PUNCTUATION in noise:
        text = _punctuate(text, draw(st.integers(0, 5)), reversed_comma)
    if Noise.WHITESPACE in noise:
        text = _space(text, draw(st.integers(0, 3)), draw(st.sampled_from(_SPACES)))
    if Noise.UNICODE in noise:
        text = _unicode(text, draw(st.integers(0, 2)), draw(st.sampled_from(_INVISIBLE)))
    return text


def _punctuate(text: str, how: int, reversed_comma: bool) -> str:
    if how == 1:
        return f'"{text}"'
    if how == 2:
        return f"\u00ab{text}\u00bb"
    if how == 3:
        return text + ("." if not text.endswith(".") else "")
    if how == 4 and not reversed_comma and not any(w.endswith(".") for w in text.split()):
        # Slugs and file names join whole names; nobody hyphenates an initial to a surname.
        return "-".join(text.split())
    if how == 5:
        other = _APOSTROPHES[1] if "'" in text else _APOSTROPHES[0]
        return "".join(other if c in _APOSTROPHES else c for c in text)
    return text


def _space(text: str, how: int, space: str) -> str:
    if how == 1:
        return f" {text} "
    if how == 2:
        return space.join(text.split(" "))
    if how == 3:
        return f"{space}{text}\n"
    return text


def _unicode(text: str, how: int, invisible: str) -> str:
    if how == 1:
        return unicodedata.normalize("NFD", text)
    if how == 2:
        words = text.split(" ")
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) > 3:
            words[longest] = word[:2] + invisible + word[2:]
        return " ".join(words)
    return text


def spelling_variants(
    name: str,
    *,
    lang: str | None = None,
    schemes: Sequence[str] | None = None,
    noise: Noise = Noise.SPELLING,
) -> st.SearchStrategy[str]:
    """Realistic spellings of one name.

    With ``lang``, ``name`` is read as a native (Cyrillic) name of that language and the
    variants start from its romanization under each scheme (national standards, BGN/PCGN,
    passport, ISO 9, Library of Congress, and the renderings of Polish, German, French and
    Czech newspapers) or from the native spelling itself; without it they start from
    ``name`` as given. ``noise`` then chooses what else may happen to the spelling.

    Args:
        name: The name, native or romanized.
        lang: Source language of a native name, one of
            :func:`translit_norm.romanization.languages`.
        schemes: Scheme ids of ``lang`` to romanize with (default: all of them).
        noise: Noise kinds to add. The default leaves out :attr:`Noise.ORDER` and
            :attr:`Noise.INITIALS`, which only make sense when ``name`` is a person's
            (given names first, surname last).

    Raises:
        InvalidArgument: ``name`` is empty, ``lang`` has no schemes, ``schemes`` are not
            ``lang``'s, ``schemes`` is given without ``lang``, or ``noise`` is not a
            :class:`Noise`.

    Example:
        >>> from hypothesis import given
        >>> @given(spelling_variants("Аляксандр Лукашэнка", lang="be"))
        ... def test_resolves(spelling): ...
    """
    name = _check_name(name)
    noise = _check_noise(noise)
    spellings = _scheme_spellings(name, lang, schemes)
    shapes = [_Shape(s, person=True, initials=True) for s in spellings]
    return st.sampled_from(shapes).flatmap(lambda shape: _noisy(shape, noise))


def _is_person_shape(form: NameForm, entity: Entity) -> bool:
    """Person name noise fits names of two or more words whose last word is the surname.

    A name that starts with a courtesy title (Sir Keir Starmer, пан ...) is left as it is: a
    title is neither cut to an initial nor moved behind the surname.
    """
    words = form.text.split()
    if entity.kind is not EntityKind.PERSON or len(words) < 2:
        return False
    return clean(words[0]).rstrip(".") not in honorifics()


def _entity_forms(entity: Entity) -> list[NameForm]:
    forms = list(entity.forms())
    forms += list(native_romanizations(entity))
    return forms


def _unique_forms(registry: Registry) -> list[tuple[str, _Shape]]:
    """(entity id, shape) for every name that singles out one entity of ``registry``.

    A name that two entities share (declared namesakes) is left out: the right answer for it
    is "ambiguous", not either entity.
    """
    index = registry.index
    keyer = index.keyer
    owners_of_initials: dict[tuple[str, str], set[str]] = {}
    person_forms: list[tuple[Entity, NameForm, str, str]] = []
    result: list[tuple[str, _Shape]] = []
    for entity in registry:
        for form in _entity_forms(entity):
            keyed = keyer.key(form.text, form.lang)
            owners = {
                index.forms[ref].entity
                for key in keyed.compact_keys
                for ref in index.compact_keys.get(key, ())
            }
            if len(owners) > 1 or not keyed.tokens:
                continue
            if _is_person_shape(form, entity):
                initial = _first_letter(keyed.romanized[0]) if keyed.romanized else ""
                surnames = keyer.key(form.text.split()[-1], form.lang).compact_keys
                profile = index.profiles.get(next(iter(owners), -1))
                if profile is not None and surnames.isdisjoint(profile.surnames):
                    # The registry reads the last word as a given name (Baba Luka: Luka is
                    # one), so the surname comes first and initials of the other words
                    # would stand for the surname.
                    initial = ""
                for key in surnames:
                    owners_of_initials.setdefault((initial, key), set()).add(entity.id)
                person_forms.append((entity, form, initial, min(surnames, default="")))
            else:
                result.append((entity.id, _Shape(form.text)))
    for entity, form, initial, surname in person_forms:
        alone = owners_of_initials.get((initial, surname), set()) == {entity.id}
        result.append((entity.id, _Shape(form.text, person=True, initials=alone and bool(initial))))
    return result


def _first_letter(text: str) -> str:
    letters = [c for c in strip_marks(text.casefold()) if c.isalpha()]
    return letters[0] if letters else ""


def registered_names(
    registry: Registry, *, noise: Noise = Noise.ALL
) -> st.SearchStrategy[tuple[str, str]]:
    """(entity id, a spelling of one of its names) pairs drawn from ``registry``.

    The spellings start from every name the registry gives an entity (display name, aliases,
    native names and the romanizations they expand into) and carry ``noise``. Surname-first
    order and initials are used for person entities only, and initials only when no other
    person of the registry has the same surname and initial and the registry reads the last
    word as the surname (not Baba Luka, read surname first). Names that two entities share
    (declared namesakes) are never drawn.

    Args:
        registry: The registry to draw from.
        noise: Noise kinds to add (default: all).

    Raises:
        InvalidArgument: ``registry`` is not a non-empty :class:`~translit_norm.Registry`,
            ``noise`` is not a :class:`Noise`, or no name of the registry singles out one
            entity.
    """
    registry = _check_registry(registry)
    noise = _check_noise(noise)
    pairs = _unique_forms(registry)
    if not pairs:
        raise InvalidArgument("no name of the registry singles out one entity")
    return st.sampled_from(pairs).flatmap(
        lambda pair: _noisy(pair[1], noise).map(lambda text: (pair[0], text))
    )


# Letters for made-up names: consonants and vowels every Cyrillic language here writes alike,
# plus the vowels proper to each (Belarusian і, э, ы; Ukrainian і, и, е; and so on).
_CONSONANTS = "бвгдзклмнпрстфхш"
_COMMON_VOWELS = "аоу"
_OWN_VOWELS = {"be": "іэы", "uk": "іие", "ru": "иеы", "bg": "иеъ", "sr": "ие", "mk": "ие"}
_LATIN_CONSONANTS = "bdfgklmnprstvz"
_LATIN_VOWELS = "aeiou"


def _word(consonants: str, vowels: str, *, least: int = 2, most: int = 4) -> st.SearchStrategy[str]:
    syllable = st.tuples(st.sampled_from(consonants), st.sampled_from(vowels)).map("".join)
    return st.lists(syllable, min_size=least, max_size=most).map(
        lambda parts: ("".join(parts)).capitalize()
    )


def _latin_names() -> st.SearchStrategy[str]:
    word = _word(_LATIN_CONSONANTS, _LATIN_VOWELS, least=3, most=5)
    return st.lists(word, min_size=1, max_size=3).map(" ".join)


def unregistered_names(registry: Registry) -> st.SearchStrategy[str]:
    """Names that resolve to no entity of ``registry`` (status unknown).

    Made-up names in Latin and Cyrillic letters, and registered names with one word swapped
    for a made-up one, kept only when :meth:`Registry.resolve` answers unknown.

    Args:
        registry: The registry the names must be unknown to.

    Raises:
        InvalidArgument: ``registry`` is not a non-empty :class:`~translit_norm.Registry`.
    """
    registry = _check_registry(registry)
    cyrillic = st.sampled_from(sorted(_OWN_VOWELS)).flatmap(
        lambda lang: st.lists(
            _word(_CONSONANTS, _COMMON_VOWELS + _OWN_VOWELS[lang], least=3, most=5),
            min_size=1,
            max_size=3,
        ).map(" ".join)
    )
    registered = sorted({entity.name for entity in registry if len(entity.name.split()) > 1})
    swapped = (
        st.tuples(
            st.sampled_from(registered), _word(_LATIN_CONSONANTS, _LATIN_VOWELS, least=3)
        ).flatmap(lambda pair: _swap_one_word(*pair))
        if registered
        else st.nothing()
    )
    names = st.one_of(_latin_names(), cyrillic, swapped)
    return names.filter(lambda text: registry.resolve(text).status is Status.UNKNOWN)


def _swap_one_word(name: str, replacement: str) -> st.SearchStrategy[str]:
    words = name.split()
    return st.integers(0, len(words) - 1).map(
        lambda i: " ".join([*words[:i], replacement, *words[i + 1 :]])
    )


def _entity_of(
    lang: str, native: str, kind: EntityKind, gender: str | None, position: int
) -> Entity:
    name = romanization.romanize(native, lang=lang)
    slug = "-".join(strip_marks(name).casefold().split())
    ascii_slug = "".join(c for c in slug if c.isascii() and (c.isalnum() or c == "-"))
    entity_id = f"{ascii_slug.strip('-') or 'entity'}-{position}"
    return Entity(
        id=entity_id,
        name=name,
        kind=kind,
        native=((lang, native),),
        gender=gender,
    )


@st.composite
def _entities(draw: st.DrawFn, langs: Sequence[str], kinds: Sequence[EntityKind], n: int) -> Entity:
    lang = draw(st.sampled_from(langs))
    kind = draw(st.sampled_from(kinds))
    word = _word(_CONSONANTS, _COMMON_VOWELS + _OWN_VOWELS.get(lang, ""), least=2, most=4)
    words = draw(st.lists(word, min_size=2 if kind is EntityKind.PERSON else 1, max_size=2))
    gender = draw(st.sampled_from(("male", "female"))) if kind is EntityKind.PERSON else None
    return _entity_of(lang, " ".join(words), kind, gender, n)


def registries(
    *,
    min_size: int = 1,
    max_size: int = 5,
    langs: Iterable[str] | None = None,
    kinds: Iterable[EntityKind] | None = None,
    expand: bool = True,
) -> st.SearchStrategy[Registry]:
    """Small valid registries of made-up entities, no two of which share a name key.

    Each entity has a made-up native name in one of ``langs`` and, as its display name, the
    romanization by that language's default scheme; ids are unique slugs. Registries in which
    two entities' names (expanded or not) reduce to one key are never drawn.

    Args:
        min_size: Fewest entities (at least 1).
        max_size: Most entities.
        langs: Languages of the native names (default: every language with schemes).
        kinds: Entity kinds to draw (default: all).
        expand: Passed to :class:`~translit_norm.Registry` (expand native names).

    Raises:
        InvalidArgument: A size is not a positive int, ``min_size > max_size``, a language
            has no schemes, a kind is not an :class:`~translit_norm.EntityKind`, or a
            choice list is empty.
    """
    min_size = _check_size(min_size, "min_size", 1)
    max_size = _check_size(max_size, "max_size", 1)
    if min_size > max_size:
        raise InvalidArgument(f"min_size={min_size} is more than max_size={max_size}")
    known = romanization.languages()
    chosen_langs = tuple(known if langs is None else langs)
    if not chosen_langs:
        raise InvalidArgument("langs must name at least one language")
    unknown = [lang for lang in chosen_langs if lang not in known]
    if unknown:
        raise InvalidArgument(f"langs {unknown!r} have no schemes (choose from {', '.join(known)})")
    chosen_kinds = tuple(EntityKind if kinds is None else kinds)
    if not chosen_kinds:
        raise InvalidArgument("kinds must name at least one kind")
    if not all(isinstance(kind, EntityKind) for kind in chosen_kinds):
        raise InvalidArgument(f"kinds={chosen_kinds!r} must be EntityKind members")
    if not isinstance(expand, bool):
        raise InvalidArgument(f"expand={expand!r} must be a bool")

    @st.composite
    def build(draw: st.DrawFn) -> Registry:
        size = draw(st.integers(min_size, max_size))
        entities = [draw(_entities(chosen_langs, chosen_kinds, n)) for n in range(size)]
        return Registry(entities, expand=expand)

    return build().filter(lambda registry: not registry.collisions())
