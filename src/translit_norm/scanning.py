"""Scanning: every mention of a registered entity in running text, with its span.

The stage after resolution, for text that is not a list of names: news articles, reports,
transcripts, scraped pages. The text is tokenized once, keeping each word's character offsets
into the original text; a lookup compiled once per registry (:class:`Scanner`, cached on the
:class:`~translit_norm.registry.Registry`) proposes spans from two kinds of evidence:

* a registry name written in its own word order (``The New York Times``, ``Minsk Mazowiecki``,
  ``dzho-baiden``), matched word by word on spelling keys;
* a person's surname (any spelling, or an inflected form of it: Зеленського, Łukaszence),
  widened over the neighbouring words that can belong to a person's name (given names,
  initials, patronymics), so that ``A. G. Lukashenko`` and ``Lukashenko Alexander`` are one
  span and ``Viktor Lukashenko`` is never cut down to ``Lukashenko``.

Every proposed span is then verified by the resolver, with all its guards; the scanner only
decides which spans are worth asking about and which words cannot be a mention at all (a
lowercase common word, a word inside a URL, a name that runs on into a longer capitalized
name). Last, within one document, an ambiguous short mention takes the entity that the same
document names unambiguously (``Smith`` after ``Christopher W. Smith``), or else the one whose
registry description the document's words support.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from translit_norm.cleaning import APOSTROPHES
from translit_norm.index import Index
from translit_norm.inflection import nominatives
from translit_norm.markers import generations, is_numeral, title_genders
from translit_norm.names import is_patronymic
from translit_norm.resolver import DEFAULT_MARGIN, DEFAULT_THRESHOLD, resolve
from translit_norm.results import Match, Method, Status

__all__ = ["Mention", "Scanner", "summarize"]

#: Characters that carry no sound and may sit inside a scraped word (soft hyphen, zero-width
#: space, non-joiner and joiner, word joiner).
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
#: Runs of letters; what joins two runs into one word is found separately (rarely needed).
_LETTERS = re.compile(r"[^\W\d_]+")
#: Inside a word: an apostrophe between letters (Мар'яна, Lukashenko's), invisible characters
#: (a soft hyphen in Pu\u00adtin) and combining marks (a decomposed Łukas\u030cenka).
#: The regex finds the rare characters; :func:`_join` checks that letters surround them.
_JOINER = re.compile(rf"[{APOSTROPHES}]|[\u0300-\u036f{_INVISIBLE}]+")
#: Any joiner character (one character class: the fastest test that a text has none).
_ANY_JOINER = re.compile(rf"[{APOSTROPHES}\u0300-\u036f{_INVISIBLE}]")
_INVISIBLE_TABLE = {ord(c): None for c in _INVISIBLE}
_APOSTROPHE_TABLE = {ord(c): "'" for c in APOSTROPHES}
#: A URL: its words are paths and host names, not mentions (e-mail addresses likewise).
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_NOT_IN_ADDRESS = "<>()[]{}\"',;:"
#: A capital right after a lowercase letter: two words glued together (CoaleThe), or a
#: prefixed surname (McDonald); only texts with one need the slower word splitting.
_GLUED = re.compile(r"[A-ZÀ-ÖØ-ÞĆČĘŁŃŚŠŹŻŽА-ЯЁІЎЄЇҐ](?<=[a-zß-öø-ÿā-žа-яёіўєїґ].)")
#: A first letter that is not one of the common lowercase letters (rarer lowercase letters
#: pass too, and are told apart by ``str.islower``).
_NOT_SURELY_LOWER = re.compile(r"[^a-zß-öø-ÿа-яёіўєїґ]")
#: A hyphen between two lowercase letters: a slug such as volodymyr-zelenskyi may start here.
_SLUG_HYPHEN = re.compile(r"(?<=[a-zß-öø-ÿа-яёіўєїґ])[-\u2010\u2011](?=[a-zß-öø-ÿа-яёіўєїґ])")
#: Hyphens that join the words of one name or of a URL slug (not dashes between clauses).
_JOINING_HYPHENS = "-\u2010\u2011"
_INITIAL_GAP = re.compile(r"\.[ \t\u00a0]*")
#: Surname prefixes written with a capital inside the word (McDonald, MacArthur, DeSantis,
#: LaGuardia, VanderBilt): a lowercase-to-uppercase step after them does not glue two words.
_CAMEL_PREFIXES = frozenset({"mc", "mac", "de", "di", "da", "du", "la", "le", "van", "von", "fitz"})
#: Registry names longer than this many words are descriptions, not names found in text.
_MAX_FORM_WORDS = 8
#: Most words a person's name spans besides its surname (given name, patronymic, initials).
_MAX_NAME_PARTS = 3
#: A non-given-name word before the surname in this many people's names is a title.
_TITLE_SPREAD = 2
#: Description words that are too common to tell two namesakes apart.
_GLOSS_MIN_LENGTH = 4
#: Least number of description words a document must share, more than with any namesake.
_GLOSS_MARGIN = 2

# Separators between two words.
_SPACE, _HYPHEN, _INITIAL, _GLUE, _BREAK = "space", "hyphen", "initial", "glue", "break"
# Shapes of a word.
_LOWER, _TITLE, _UPPER, _CASELESS, _MIXED = "lower", "title", "upper", "caseless", "mixed"


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in a text.

    Attributes:
        start: Offset of its first character in the original text.
        end: Offset just past its last character (``text[start:end]`` is ``surface``).
        surface: The mention as written.
        status: ``matched`` or ``ambiguous`` (unknown spans are not mentions).
        id: The entity's id (None when ambiguous).
        name: The entity's display name.
        score: Confidence in [0, 1].
        method: How the name matched.
        reason: Why, in one line.
        candidates: For ambiguous mentions, the ids of the entities that tie.
    """

    start: int
    end: int
    surface: str
    status: Status
    id: str | None
    name: str | None
    score: float
    method: Method | None
    reason: str
    candidates: tuple[str, ...] = ()

    def __repr__(self) -> str:
        who = (
            self.id if self.status is Status.MATCHED else "ambiguous: " + ", ".join(self.candidates)
        )
        return f"<Mention {self.start}:{self.end} {self.surface!r} -> {who} ({self.score:.3f})>"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's jsonl record, without the file name)."""
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.surface,
            "status": str(self.status),
            "id": self.id,
            "name": self.name,
            "score": round(self.score, 4),
            "method": None if self.method is None else str(self.method),
            "reason": self.reason,
        }
        if self.candidates:
            record["candidates"] = list(self.candidates)
        return record


@dataclass(frozen=True)
class _Word:
    """A word's spellings to try (as written, then nominatives) with their keys.

    Attributes:
        variants: (spelling, its keys) pairs, the word as written first.
        anchored: Whether any spelling can start a registry name or is a surname.
        people: (spelling, name-part keys of the people with that surname) pairs.
    """

    variants: tuple[tuple[str, frozenset[str]], ...]
    anchored: bool
    people: tuple[tuple[str, frozenset[str]], ...] = ()


@dataclass(frozen=True)
class _Span:
    first: int
    last: int
    texts: tuple[str, ...]
    #: A person's name whose refusal by the resolver vetoes every shorter span inside it.
    veto: bool


class _Node:
    """A node of the word-key trie of registry names written in their own word order."""

    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ends = False


def _shape(word: str) -> str:
    word = word.replace("'", "")
    if not word.isalpha() and not word.isascii():
        # A combining mark is uncased and would make "Tikhanovskai͡a" look like two words.
        word = "".join(c for c in word if not unicodedata.combining(c))
    if word.islower():
        return _LOWER
    if word.isupper():
        return _UPPER if len(word) > 1 else _TITLE
    if word.istitle():
        return _TITLE
    if not any(c.isupper() or c.islower() for c in word):
        return _CASELESS
    return _MIXED


def _clean_word(raw: str) -> str:
    if raw.isascii():
        return raw
    text = raw.translate(_INVISIBLE_TABLE).translate(_APOSTROPHE_TABLE)
    return unicodedata.normalize("NFC", text)


def _separator(gap: str, previous: str) -> str:
    if not gap:
        return _GLUE
    if "\n" in gap or "\r" in gap:
        return _BREAK
    if gap.isspace():
        return _SPACE
    if len(gap) == 1 and gap in _JOINING_HYPHENS:
        return _HYPHEN
    if len(previous) == 1 and previous.isupper() and _INITIAL_GAP.fullmatch(gap):
        return _INITIAL
    return _BREAK


class _Document:
    """One text's words: offsets into the original text and cleaned spellings.

    Finding the words is left to the regular-expression engine; a word's cleaned spelling,
    shape and separators are worked out only for the few words the scanner looks at.
    """

    __slots__ = (
        "_address_starts",
        "_addresses",
        "_before",
        "_shapes",
        "_words",
        "ends",
        "starts",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [m.span() for m in _LETTERS.finditer(text)]
        self.starts: list[int] = [a for a, _ in spans]
        self.ends: list[int] = [b for _, b in spans]
        if _ANY_JOINER.search(text):
            _join(text, self.starts, self.ends)
        if _GLUED.search(text):
            _split_glued(text, self.starts, self.ends)
        self._words: list[str | None] = [None] * len(self.starts)
        self._before: dict[int, str] = {}
        self._shapes: dict[int, str] = {}
        self._addresses = _addresses(text)
        self._address_starts = [a for a, _ in self._addresses]

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, i: int) -> str:
        """Word ``i`` cleaned of invisible characters, apostrophes folded to ``'``."""
        word = self._words[i]
        if word is None:
            word = _clean_word(self.text[self.starts[i] : self.ends[i]])
            self._words[i] = word
        return word

    def before(self, i: int) -> str:
        """The separator between word ``i - 1`` and word ``i``."""
        found = self._before.get(i)
        if found is None:
            gap = self.text[self.ends[i - 1] : self.starts[i]] if i else "\n"
            found = self._before[i] = _separator(gap, self.word(i - 1) if i else "")
        return found

    def after(self, i: int) -> str:
        """The separator between word ``i`` and the next (a break at the end)."""
        return self.before(i + 1) if i + 1 < len(self.starts) else _BREAK

    def shape(self, i: int) -> str:
        """The letter case of word ``i``."""
        found = self._shapes.get(i)
        if found is None:
            found = self._shapes[i] = _shape(self.word(i))
        return found

    def in_address(self, i: int) -> bool:
        """Whether word ``i`` lies inside a URL or an e-mail address."""
        if not self._addresses:
            return False
        at = bisect.bisect_right(self._address_starts, self.starts[i]) - 1
        return at >= 0 and self._addresses[at][1] >= self.ends[i]


def _join(text: str, starts: list[int], ends: list[int]) -> None:
    """Merge, in place, letter runs that a joiner (see ``_JOINER``) makes one word.

    Joiners are rare, so each is placed by bisection; going backwards lets a chain of them
    (Мар'яна's) merge into one word.
    """
    for match in reversed(list(_JOINER.finditer(text))):
        at, end = match.span()
        if at == 0 or not text[at - 1].isalpha():
            continue
        if text[at] in APOSTROPHES and not (end < len(text) and text[end].isalpha()):
            continue
        k = bisect.bisect_left(ends, at)
        if k >= len(ends) or ends[k] != match.start():
            continue
        if k + 1 < len(starts) and starts[k + 1] == match.end():
            ends[k] = ends[k + 1]
            del starts[k + 1], ends[k + 1]
        else:
            ends[k] = match.end()


def _split_glued(text: str, starts: list[int], ends: list[int]) -> None:
    """Split, in place, words glued at a lowercase-to-capital step (``CoaleThe``)."""
    for match in reversed(list(_GLUED.finditer(text))):
        at = match.start()
        if not (text[at - 1].islower() and text[at].isupper()):
            continue
        k = bisect.bisect_right(starts, at) - 1
        if k < 0 or not starts[k] < at < ends[k]:
            continue
        if text[starts[k] : at].translate(_INVISIBLE_TABLE).lower() in _CAMEL_PREFIXES:
            continue
        starts.insert(k + 1, at)
        ends.insert(k + 1, ends[k])
        ends[k] = at


def _candidates(doc: _Document) -> list[int]:
    """Indexes of the words that may start a mention: not lowercase, or before a hyphen.

    Most words of running text are lowercase; their first letters are gathered in one string
    so that the regular-expression engine, not a Python loop, passes over them.
    """
    starts = doc.starts
    if not starts:
        return []
    firsts = (
        "".join(operator.itemgetter(*starts)(doc.text)) if len(starts) > 1 else doc.text[starts[0]]
    )
    found = [m.start() for m in _NOT_SURELY_LOWER.finditer(firsts)]
    if any(h in doc.text for h in _JOINING_HYPHENS):
        for match in _SLUG_HYPHEN.finditer(doc.text):
            k = bisect.bisect_left(doc.ends, match.start())
            if k < len(starts) and doc.ends[k] == match.start():
                found.append(k)
        found = sorted(set(found))
    return found


def _addresses(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs and e-mail addresses in ``text``, sorted."""
    found: list[tuple[int, int]] = []
    if "://" in text or "www." in text:
        found += [(m.start(), m.end()) for m in _URL.finditer(text)]
    at = text.find("@")
    while at != -1:
        start = at
        while (
            start > 0 and not text[start - 1].isspace() and text[start - 1] not in _NOT_IN_ADDRESS
        ):
            start -= 1
        end = at + 1
        while end < len(text) and not text[end].isspace() and text[end] not in _NOT_IN_ADDRESS:
            end += 1
        if start < at and "." in text[at:end]:
            found.append((start, end))
        at = text.find("@", end)
    return sorted(found)


def tokenize(text: str) -> _Document:
    """The words of ``text`` with their offsets (the scanner's first step, exposed for tests)."""
    return _Document(text)


class Scanner:
    """The mention finder of one compiled registry: lookup tables built once, then reused.

    Build it through :meth:`Registry.scanner` (which caches it on the registry) or directly
    from an :class:`~translit_norm.index.Index`. It holds bounded caches of keyed words and of
    resolved spans; :meth:`clear` empties them.

    Args:
        index: The compiled registry.
        cache_size: Most words and spans each cache keeps.
    """

    def __init__(self, index: Index, *, cache_size: int = 1 << 16) -> None:
        self.index = index
        keyer = index.keyer
        # Registry names in their own word order, as a trie over word keys. Every word is
        # keyed alone, exactly as the text's words are.
        self._trie = _Node()
        for ref in index.forms:
            words = keyer.key(ref.text, ref.lang).tokens
            keys = [keyer.token_keys(w, ref.lang) for w in words]
            if keys and all(keys) and len(keys) <= _MAX_FORM_WORDS:
                _insert(self._trie, keys)
        self._surnames = index.surname_entities
        self._anchors = frozenset(self._trie.children) | frozenset(self._surnames)
        self._given = index.given_names.groups_by_key
        # Words that several people's registry names put before the surname without being
        # a given name are titles ("President Zelensky"), not parts of one person's name.
        spread = Counter(k for p in index.profiles.values() for k in p.given)
        titles = {k for k, n in spread.items() if n >= _TITLE_SPREAD and k not in self._given}
        self._parts: dict[int, frozenset[str]] = {
            position: (frozenset(p.given) - titles)
            | frozenset(p.surnames)
            | frozenset(p.patronymics)
            for position, p in index.profiles.items()
        }
        self._word = functools.lru_cache(maxsize=cache_size)(self._compute_word)
        self._verdict = functools.lru_cache(maxsize=cache_size)(self._compute_verdict)
        self._spellings = functools.lru_cache(maxsize=cache_size)(self._compute_spellings)

    def clear(self) -> None:
        """Empty the word and span caches (the lookup tables stay)."""
        self._word.cache_clear()
        self._verdict.cache_clear()
        self._spellings.cache_clear()

    # --- words -------------------------------------------------------------------------

    def _compute_word(self, text: str) -> _Word:
        keyer = self.index.keyer
        as_written = (text, keyer.token_keys(text))
        if as_written[1] & self._anchors:
            variants = [as_written]
        else:
            variants = [as_written]
            for nominative in nominatives(text):
                keys = keyer.token_keys(nominative)
                if keys & self._anchors:
                    variants.append((nominative, keys))
            if len(variants) == 1:
                return _Word(tuple(variants), anchored=False)
        people: list[tuple[str, frozenset[str]]] = []
        for spelling, keys in variants:
            owners: set[int] = set()
            for key in keys:
                owners |= self._surnames.get(key, set())
            if owners:
                parts = frozenset().union(*(self._parts.get(p, frozenset()) for p in owners))
                people.append((spelling, parts))
        return _Word(tuple(variants), anchored=True, people=tuple(people))

    def _compute_verdict(self, name: str, threshold: float, margin: float) -> Match:
        return resolve(self.index, name, threshold=threshold, margin=margin)

    # --- spans -------------------------------------------------------------------------

    def _sequence_spans(
        self, doc: _Document, i: int, info: _Word, slug: bool, urls: bool
    ) -> list[_Span]:
        found: list[_Span] = []
        # Depth-first over the trie: (node, last word, spellings so far).
        stack: list[tuple[_Node, int, tuple[str, ...]]] = []
        for text, keys in info.variants:
            for key in keys:
                node = self._trie.children.get(key)
                if node is not None:
                    stack.append((node, i, (text,)))
        while stack:
            node, j, texts = stack.pop()
            if node.ends:
                found.append(_Span(i, j, texts, veto=False))
            if not node.children or j + 1 >= len(doc) or not self._joins(doc, j + 1, slug, urls):
                continue
            for text, keys in self._word(doc.word(j + 1)).variants:
                for key in keys:
                    child = node.children.get(key)
                    if child is not None:
                        stack.append((child, j + 1, (*texts, text)))
        return found

    def _joins(self, doc: _Document, j: int, slug: bool, urls: bool) -> bool:
        """Whether word ``j`` can continue a name that word ``j - 1`` belongs to."""
        if not urls and doc.in_address(j):
            return False
        before = doc.before(j)
        if slug:
            return before == _HYPHEN and doc.shape(j) == _LOWER
        return before in (_SPACE, _HYPHEN, _INITIAL)

    def _person_spans(self, doc: _Document, i: int, info: _Word, urls: bool) -> Iterator[_Span]:
        for text, parts in info.people:
            left: list[tuple[str, bool]] = []
            first = i
            while (
                first > 0 and i - first < _MAX_NAME_PARTS and self._joins(doc, first, False, urls)
            ):
                part = self._name_part(doc, first - 1, parts)
                if part is None:
                    break
                left.insert(0, part)
                first -= 1
            right: list[tuple[str, bool]] = []
            last = i
            while (
                last + 1 < len(doc)
                and last - i < _MAX_NAME_PARTS
                and self._joins(doc, last + 1, False, urls)
            ):
                part = self._name_part(doc, last + 1, parts)
                if part is None:
                    break
                right.append(part)
                last += 1
            # The core: the surname and the words next to it that would name anyone (given
            # names, initials, patronymics). Only the core's refusal vetoes shorter spans; a
            # word that is merely in some alias of these people (a title) cannot contradict.
            core_left = len(left)
            while core_left > 0 and left[core_left - 1][1]:
                core_left -= 1
            core_right = 0
            while core_right < len(right) and right[core_right][1]:
                core_right += 1
            core = (*(t for t, _ in left[core_left:]), text, *(t for t, _ in right[:core_right]))
            whole = (*(t for t, _ in left), text, *(t for t, _ in right))
            core_first, core_last = i - (len(left) - core_left), i + core_right
            yield _Span(core_first, core_last, core, veto=True)
            if whole != core:
                yield _Span(first, last, whole, veto=False)

    def _name_part(self, doc: _Document, j: int, parts: frozenset[str]) -> tuple[str, bool] | None:
        """The spelling of word ``j`` that can be part of these people's names, if any.

        As written first, then its nominatives (Аляксандра, Владимира): one of the people's
        own name parts, any known given name, an initial or a patronymic. The flag says
        whether the word would be part of anyone's name (so it can contradict these people).
        """
        word = doc.word(j)
        if doc.shape(j) not in (_TITLE, _UPPER, _CASELESS):
            return None
        if len(word) == 1 and word.isupper():
            return word, True
        for text, keys, anyones in self._spellings(word):
            if anyones or keys & parts:
                return text, anyones
        return None

    def _compute_spellings(self, word: str) -> tuple[tuple[str, frozenset[str], bool], ...]:
        """A word's spellings (as written, then nominatives), their keys, and whether each is
        a name part of anyone (a known given name or a patronymic)."""
        keyer = self.index.keyer
        found = []
        for text in (word, *nominatives(word)):
            keys = keyer.token_keys(text)
            found.append((text, keys, any(k in self._given or is_patronymic(k) for k in keys)))
        return tuple(found)

    # --- scanning ----------------------------------------------------------------------

    def scan(
        self,
        text: str,
        *,
        urls: bool = False,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> list[Mention]:
        """The mentions in one document, in text order.

        Args:
            text: The document.
            urls: Also look inside URLs and e-mail addresses.
            threshold: As :meth:`Registry.resolve`.
            margin: As :meth:`Registry.resolve`.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        doc = _Document(text)
        spans = self._spans(doc, urls)
        chosen = self._choose(doc, spans, threshold, margin)
        mentions = [self._mention(text, doc, span, match) for span, match in chosen]
        return self._settle(text, mentions)

    def _spans(self, doc: _Document, urls: bool) -> list[_Span]:
        spans: list[_Span] = []
        word = self._word
        text, starts, ends = doc.text, doc.starts, doc.ends
        count = len(starts)
        for i in _candidates(doc):
            slug = text[starts[i]].islower()
            if slug and not (
                i + 1 < count and starts[i + 1] == ends[i] + 1 and text[ends[i]] in _JOINING_HYPHENS
            ):
                # A lowercase word is a mention only as part of a hyphenated slug.
                continue
            info = word(doc.word(i))
            if not info.anchored or (not urls and doc.in_address(i)):
                continue
            spans.extend(self._sequence_spans(doc, i, info, slug, urls))
            if info.people and not slug:
                spans.extend(self._person_spans(doc, i, info, urls))
        return spans

    def _acceptable(self, doc: _Document, span: _Span) -> bool:
        first, last = doc.shape(span.first), doc.shape(span.last)
        if first == _LOWER or last == _LOWER:
            # A slug counts only when the whole hyphen-joined run is the name
            # (volodymyr-zelenskyi), never a lowercase word on its own (a trump card).
            if span.first == span.last:
                return False
            if not all(doc.shape(k) == _LOWER for k in range(span.first, span.last + 1)):
                return False
            return doc.before(span.first) != _HYPHEN and doc.after(span.last) != _HYPHEN
        if _MIXED in (first, last):
            return False
        # A name that runs on into another capitalized word is part of a longer, different
        # name (Minsk Mazowiecki, New York Times, Donald Trump Jr.).
        if doc.after(span.last) in (_SPACE, _HYPHEN) and doc.shape(span.last + 1) == _TITLE:
            return False
        return not (doc.before(span.first) == _HYPHEN and doc.shape(span.first - 1) == _TITLE)

    def _choose(
        self, doc: _Document, spans: list[_Span], threshold: float, margin: float
    ) -> list[tuple[_Span, Match]]:
        verdicts: list[tuple[_Span, Match]] = []
        vetoed: list[tuple[int, int]] = []
        seen: set[tuple[int, int, tuple[str, ...]]] = set()
        for span in spans:
            if (span.first, span.last, span.texts) in seen:
                continue
            seen.add((span.first, span.last, span.texts))
            name = " ".join(span.texts)
            match = self._verdict(name, threshold, margin)
            marked = _with_markers(doc, span, name)
            if marked != name and match.status is not Status.UNKNOWN:
                # Only a title or suffix that changes the answer changes the mention.
                verdict = self._verdict(marked, threshold, margin)
                if (verdict.status, verdict.id) != (match.status, match.id):
                    match = verdict
            if match.status is Status.UNKNOWN:
                # A longer person name that the resolver refuses (Viktor Lukashenko when only
                # Alexander is registered) must not be cut down to a shorter one that passes.
                if span.veto and span.last > span.first:
                    vetoed.append((span.first, span.last))
                continue
            if self._acceptable(doc, span):
                verdicts.append((span, match))
        kept = [
            (s, m)
            for s, m in verdicts
            if not any(a <= s.first and s.last <= b and b - a > s.last - s.first for a, b in vetoed)
        ]
        kept.sort(key=lambda sm: (-(sm[0].last - sm[0].first), -(sm[1].score or 0.0), sm[0].first))
        taken: set[int] = set()
        chosen: list[tuple[_Span, Match]] = []
        for span, match in kept:
            cover = range(span.first, span.last + 1)
            if any(k in taken for k in cover):
                continue
            taken.update(cover)
            chosen.append((span, match))
        chosen.sort(key=lambda sm: sm[0].first)
        return chosen

    def _mention(self, text: str, doc: _Document, span: _Span, match: Match) -> Mention:
        start, end = doc.starts[span.first], doc.ends[span.last]
        reason = match.reason
        written = tuple(doc.word(k) for k in range(span.first, span.last + 1))
        if written != span.texts:
            reason = f"{reason}; read in the nominative as {' '.join(span.texts)!r}"
        return Mention(
            start=start,
            end=end,
            surface=text[start:end],
            status=match.status,
            id=match.id,
            name=match.name,
            score=match.score or 0.0,
            method=match.method or (match.candidates[0].method if match.candidates else None),
            reason=reason,
            candidates=tuple(c.id for c in match.candidates),
        )

    # --- one document --------------------------------------------------------------------

    def _settle(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Resolve ambiguous mentions from what the rest of the document says."""
        named = {m.id for m in mentions if m.status is Status.MATCHED}
        if all(m.status is Status.MATCHED for m in mentions):
            return mentions
        words: set[str] | None = None
        settled = []
        for mention in mentions:
            if mention.status is not Status.AMBIGUOUS:
                settled.append(mention)
                continue
            # The same document names one of the tied entities unambiguously: a later
            # (or headline) "Smith" is the Christopher W. Smith the story introduced.
            known = [c for c in mention.candidates if c in named]
            if len(known) == 1:
                settled.append(self._settled(mention, known[0], "named in full in this document"))
                continue
            if words is None:
                words = {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}
            chosen = self._by_description(mention.candidates, words)
            if chosen is not None:
                reason = "its registry description fits this document"
                settled.append(self._settled(mention, chosen, reason))
            else:
                settled.append(mention)
        return settled

    def _by_description(self, ids: tuple[str, ...], words: set[str]) -> str | None:
        """The one namesake whose description the document's words clearly support.

        Registry descriptions exist to tell namesakes apart ("US diplomat, deputy assistant
        secretary of state" / "congressman from New Jersey"); a document about one of them
        uses its words (the idea of Lesk's gloss overlap).
        """
        counts: list[tuple[int, str]] = []
        for entity_id in ids:
            entity = self.index.entities[self.index.by_id[entity_id]]
            gloss = {
                w.casefold()
                for w in re.findall(r"[^\W\d_]+", entity.description or "")
                if len(w) >= _GLOSS_MIN_LENGTH
            }
            shared = sum(1 for w in gloss if w in words or w + "s" in words)
            counts.append((shared, entity_id))
        counts.sort(reverse=True)
        best = counts[0]
        runner_up = counts[1][0] if len(counts) > 1 else 0
        if best[0] >= _GLOSS_MARGIN and best[0] - runner_up >= _GLOSS_MARGIN:
            return best[1]
        return None

    def _settled(self, mention: Mention, entity_id: str, why: str) -> Mention:
        entity = self.index.entities[self.index.by_id[entity_id]]
        return Mention(
            start=mention.start,
            end=mention.end,
            surface=mention.surface,
            status=Status.MATCHED,
            id=entity.id,
            name=entity.name,
            score=mention.score,
            method=mention.method,
            reason=f"{mention.reason}; {why}",
        )

    def scan_many(
        self,
        documents: Iterable[str],
        *,
        urls: bool = False,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> Iterator[list[Mention]]:
        """The mentions of each document, one list per document, lazily and in order."""
        for document in documents:
            yield self.scan(document, urls=urls, threshold=threshold, margin=margin)


#: Between a title and the name: a space, after an optional period (Mrs. Zelensky).
_TITLE_GAP = re.compile(r"\.?[ \t\u00a0]+")
#: Between a name and its suffix: a space, a comma (Donald Trump, Jr.) or a hyphen.
_SUFFIX_GAP = re.compile(r",?[ \t\u00a0]+|[-\u2010\u2011]")


def _with_markers(doc: _Document, span: _Span, name: str) -> str:
    """The span's words to verify, with a gendered title before them and a suffix after.

    The span holds only words that can be part of a name, but a title (Mrs, Frau) and a
    generational suffix or numeral (Jr., мл., III) say whom the name is (markers.py):
    "Mrs Zelensky" is not Volodymyr Zelensky, "Donald Trump III" not Donald Trump. They
    are verified with the span; the mention's span stays the name.
    """
    words = [name]
    first, last, text = span.first, span.last, doc.text
    if first > 0 and _TITLE_GAP.fullmatch(text[doc.ends[first - 1] : doc.starts[first]]):
        title = doc.word(first - 1)
        if title.casefold() in title_genders():
            words.insert(0, title)
    gap = text[doc.ends[last] : doc.starts[last + 1]] if last + 1 < len(doc) else ""
    if gap and _SUFFIX_GAP.fullmatch(gap):
        suffix = doc.word(last + 1)
        folded = suffix.casefold()
        suffixed = folded in generations() and _reads_as_suffix(suffix, gap)
        if suffixed or (len(suffix) > 1 and suffix.isupper() and is_numeral(folded)):
            words.append(suffix)
    return " ".join(words)


def _reads_as_suffix(word: str, gap: str) -> bool:
    """Whether a suffix word after a name is the name's suffix, not the next word of the text.

    An abbreviation (Jr., Sr., мл.) is one after a space or a comma. A full word (senior,
    junior) is an ordinary word of the sentence too ("Peskov, senior officials said"): it
    is the suffix only capitalised after a space (Donald Trump Junior) or hyphened to the
    name (Трамп-младший).
    """
    if len(word) <= _SUFFIX_ABBREVIATION:
        return True
    if "," in gap:
        return False
    return word[:1].isupper() or not gap.strip()


#: Suffix words of at most this many letters are abbreviations (Jr, Snr, мл).
_SUFFIX_ABBREVIATION = 3


def _insert(node: _Node, keys: list[frozenset[str]]) -> None:
    """Add one name (each word's keys) to the trie rooted at ``node``."""
    frontier = [node]
    for word_keys in keys:
        frontier = [
            current.children.setdefault(key, _Node())
            for current in frontier
            for key in sorted(word_keys)
        ]
    for end in frontier:
        end.ends = True


def summarize(mentions: Iterable[Mention]) -> Counter[str]:
    """How often each entity is mentioned (matched mentions only), by id."""
    return Counter(m.id for m in mentions if m.status is Status.MATCHED and m.id)
