"""Compiling a registry into lookup tables: the second of load -> compile -> resolve.

Every name form of every entity is cleaned and keyed once, here, with the registry's
:class:`~translit_norm.keys.Keyer`; the resolver only looks things up. Key collisions between
entities are recorded, never overwritten: a key that two entities share points to both.
"""

from __future__ import annotations

import gc
import pickle
import re
import threading
import time
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple, cast, overload

from translit_norm.cleaning import clean, strip_marks
from translit_norm.consonants import ABJAD_LANGUAGES, native_skeletons
from translit_norm.entities import Entity, EntityKind, NameForm, NameOrigin, origin_note
from translit_norm.given_names import GivenNames
from translit_norm.keys import KeyedName, Keyer
from translit_norm.name_cores import name_cores
from translit_norm.names import SURNAME_FIRST_LANGUAGES, is_patronymic, is_regnal, parse_person
from translit_norm.ngrams import NgramIndex
from translit_norm.results import Match, Method, Status
from translit_norm.shards import (
    ShardedMap,
    ShardedSequence,
    ShardStore,
    key_shard,
    pack_by_key,
    pack_by_position,
    position_shard,
)
from translit_norm.slips import SlipIndex
from translit_norm.transliteration import is_cyrillic

__all__ = ["Collision", "Expander", "FormRef", "FormTable", "Index", "PersonProfile"]

#: Generates extra name forms of an entity (romanizations of its native names).
Expander = Callable[[Entity], Iterable[NameForm]]


class FormRef(NamedTuple):
    """A compiled name form: its entity's position and where the name comes from.

    A named tuple rather than a dataclass: a compiled registry holds one per name and
    unpickles them at every warm start.
    """

    entity: int
    text: str
    origin: NameOrigin
    lang: str | None
    scheme: str | None


class FormTable(Sequence[FormRef]):
    """The compiled name forms as columns, read back one :class:`FormRef` at a time.

    A registry holds a million forms; as objects they take seconds to unpickle at a warm
    start. As columns (an array of entity positions, the texts as one UTF-8 buffer with the
    offsets of each, and small codes for origin, language and scheme) they unpickle at memory
    speed, hold no million string objects, and a query builds only the few forms it reads.
    """

    __slots__ = ("_entities", "_labels", "_langs", "_origins", "_schemes", "_starts", "_texts")

    def __init__(self, forms: Iterable[FormRef] = ()) -> None:
        refs = list(forms)
        labels: dict[Any, int] = {}

        def code(value: Any) -> int:
            return labels.setdefault(value, len(labels))

        encoded = [ref.text.encode("utf-8", "surrogatepass") for ref in refs]
        self._entities = array("l", [ref.entity for ref in refs])
        self._starts = array("Q", [0])
        for text in encoded:
            self._starts.append(self._starts[-1] + len(text))
        self._texts = b"".join(encoded)
        self._origins = array("H", [code(ref.origin) for ref in refs])
        self._langs = array("H", [code(ref.lang) for ref in refs])
        self._schemes = array("H", [code(ref.scheme) for ref in refs])
        self._labels: tuple[Any, ...] = tuple(labels)

    def __reduce__(self) -> tuple[Any, ...]:
        columns = (self._entities, self._starts, self._texts, self._origins, self._langs)
        return (_restore_forms, (*columns, self._schemes, self._labels))

    def __len__(self) -> int:
        return len(self._entities)

    @overload
    def __getitem__(self, at: int) -> FormRef: ...

    @overload
    def __getitem__(self, at: slice) -> list[FormRef]: ...

    def __getitem__(self, at: int | slice) -> FormRef | list[FormRef]:
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        labels = self._labels
        entity = self._entities[at]  # raises the IndexError of a bad position
        if at < 0:
            at += len(self._entities)
        # tuple.__new__ builds the named tuple in C (FormRef(...) goes through Python).
        return _new_tuple(
            FormRef,
            (
                entity,
                self.text(at),
                labels[self._origins[at]],
                labels[self._langs[at]],
                labels[self._schemes[at]],
            ),
        )

    def text(self, at: int) -> str:
        """The text of form ``at`` (a position from 0)."""
        data = self._texts[self._starts[at] : self._starts[at + 1]]
        try:
            return data.decode()  # strict UTF-8 is the decoder's fast path
        except UnicodeDecodeError:  # a lone surrogate, stored as it came
            return data.decode("utf-8", "surrogatepass")

    def entity(self, at: int) -> int:
        """The entity position of form ``at`` (without building the form)."""
        return self._entities[at]


_new_tuple = tuple.__new__


def _restore_forms(
    entities: array[int],
    starts: array[int],
    texts: bytes,
    origins: array[int],
    langs: array[int],
    schemes: array[int],
    labels: tuple[Any, ...],
) -> FormTable:
    table = FormTable.__new__(FormTable)
    table._entities, table._starts, table._texts = entities, starts, texts
    table._origins, table._langs, table._schemes = origins, langs, schemes
    table._labels = labels
    return table


#: The empty set the profiles of a compiled registry share (see ``Index._finish_profile``).
_NO_KEYS: Final[frozenset[str]] = frozenset()


@dataclass
class PersonProfile:
    """Everything a person entity is called, part by part, as keys.

    Attributes:
        surnames: surname key -> a form it came from.
        given: given-name key -> a form it came from.
        given_groups: given-name groups of the entity's given names.
        patronymics: patronymic keys.
        initials: first letters its given names are written with.
        patronymic_initials: first letters its patronymics are written with.
        gender: from the registry, else from the given-name groups.
        surname_first: the name is written family name first (zh, ja, ko, vi).
        given_whole: for those, each given name as one key, its syllables joined: Jong Un
            and Jong-un are one name, and Jong Nam another.
        word_starts: the letters the words of its written names start with
            (:func:`written_word_starts`): a word one slip from a query word starts with the
            query word's letter, so most people are ruled out of the resolver's comparison of
            spellings as written without reading their names (speed).
    """

    surnames: dict[str, str] = field(default_factory=dict)
    given: dict[str, str] = field(default_factory=dict)
    given_groups: set[int] = field(default_factory=set)
    patronymics: AbstractSet[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    patronymic_initials: AbstractSet[str] = field(default_factory=set)
    gender: str | None = None
    surname_first: bool = False
    given_whole: AbstractSet[str] = field(default_factory=set)
    word_starts: str = ""


@dataclass(frozen=True)
class Collision:
    """A key shared by names of different entities."""

    key: str
    forms: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        who = "; ".join(f"{entity_id}: {text!r}" for entity_id, text in self.forms)
        return f"key {self.key!r} is shared by {who}"


def written_initial(text: str) -> str:
    """The first letter of ``text`` as written, marks kept (Й is not И)."""
    return unicodedata.normalize("NFC", text)[:1]


#: A word of a registry name as written, for comparing spellings letter by letter.
WRITTEN_WORD: Final = re.compile(r"[^\W\d_]+")


def written_words(text: str) -> list[str]:
    """The words of ``text`` as :data:`WRITTEN_WORD` finds them, casefolded, marks removed."""
    return WRITTEN_WORD.findall(strip_marks(text.casefold()))


def written_word_starts(entity: Entity) -> str:
    """The first letters of the words of the entity's display name, aliases and native
    names (:func:`written_words`), each once, sorted."""
    texts = (entity.name, *entity.aliases, *(text for _, text in entity.native))
    return "".join(sorted({word[0] for text in texts for word in written_words(text)}))


def _first_letter(text: str) -> str:
    letters = [c for c in strip_marks(clean(text)) if c.isalpha()]
    if not letters:
        return ""
    first = letters[0]
    return first if first.isascii() else unicodedata.normalize("NFKD", first)[0]


#: The small tables of an Index, in the groups it pickles as blocks of their own and unpickles
#: whole on first use. Tables that share strings share a block, so that pickle stores each
#: string once.
_GROUPS = {
    # The labels are a block of their own: the shards of the exact group read them too
    # (_SHARING_LABELS), whether or not the forms are ever needed.
    "labels": ("labels",),
    "names": ("forms",),
    "keys": ("compact_grams", "skeleton_keys"),
    "people": ("given_names", "surname_slips", "given_surnames"),
}
#: The large tables, cut into shards unpickled one at a time (shards.py): string-keyed tables
#: by key, in groups that share key strings (a name is an exact key of both tables; a cleaned
#: name is often also its full key), and position-keyed ones by position.
_BY_KEY = {
    "exact": ("exact", "exact_labels"),
    "normalized": ("normalized", "full_keys", "compact_keys", "core_keys"),
    "surnames": ("surname_entities",),
    "ids": ("by_id",),
}
_BY_POSITION = ("entities", "profiles")
#: Sharded groups whose values include entities' labels (``Index.labels``): their shards
#: hold each label as its position, and read it back as the label itself.
_SHARING_LABELS = frozenset({"exact"})
_GROUP_OF = {table: group for group, tables in _GROUPS.items() for table in tables}


class _Block:
    """One pickled block of small tables, unpickled once, on first use, by whoever asks first.

    Held by the index and, for the labels, by the shard store that reads them back (without
    a reference to the index: a table kept on its own still reads its shards).
    """

    __slots__ = ("_lock", "data", "seconds", "values")

    def __init__(self, data: Any) -> None:
        #: The pickle (a view of the cache's memory map) until it is unpickled.
        self.data: Any = data
        self.values: tuple[Any, ...] | None = None
        self.seconds = 0.0
        self._lock = threading.Lock()

    def load(self) -> tuple[Any, ...]:
        """The block's tables, in the order of their group (unpickled on the first call)."""
        with self._lock:
            if self.values is None:
                start = time.perf_counter()
                self.values = tuple(_unpickle_block(self.data))
                self.data = None
                self.seconds = time.perf_counter() - start
            return self.values

    def first(self) -> Any:
        """The block's first table."""
        return self.load()[0]


def _append(table: dict[str, tuple[int, ...]], key: str, ref: int) -> None:
    table[key] = (*table.get(key, ()), ref)


def _unpickle_block(block: Any) -> Any:
    """Unpickle one table block with the cyclic garbage collector paused.

    A block creates millions of containers (tuples, dicts, profiles), none of them in a
    cycle; the collector would walk the whole growing heap again and again while they are
    created (4x the unpickling time of a 10k-person registry).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(block)
    finally:
        if enabled:
            gc.enable()


#: A sharded table as pickled: its shards' pickles, their bounds, and each table's length.
_Packed = tuple[Any, "array[int]", tuple[int, ...]]


def _packed_store(values: Sequence[Any]) -> ShardStore | None:
    """The store the sharded views ``values`` were unpickled from, if it still has its shards."""
    stores = {id(v._store): v._store for v in values if isinstance(v, ShardedMap | ShardedSequence)}
    if len(stores) != 1 or len(values) != sum(
        isinstance(v, ShardedMap | ShardedSequence) for v in values
    ):
        return None
    (store,) = stores.values()
    return store if store.data is not None else None


def _restore(
    keyer: Keyer,
    blocks: dict[str, Any],
    by_key: dict[str, _Packed],
    by_position: dict[str, _Packed],
) -> Index:
    """Unpickle an :class:`Index`: its tables stay pickled until first used."""
    index = Index.__new__(Index)
    pending = {group: _Block(data) for group, data in blocks.items()}
    index.__dict__.update(keyer=keyer, _blocks=pending)
    for group, (data, bounds, lengths) in by_key.items():
        tables = _BY_KEY[group]
        shared = pending["labels"].first if group in _SHARING_LABELS else None
        store = ShardStore(data, bounds, [{} for _ in tables], shared=shared)
        for n, (table, length) in enumerate(zip(tables, lengths, strict=True)):
            index.__dict__[table] = ShardedMap[Any, Any](store, n, length, key_shard)
    for table, (data, bounds, (length,)) in by_position.items():
        if table == "profiles":
            store = ShardStore(data, bounds, [{}], by_position=True)
            index.__dict__[table] = ShardedMap[Any, Any](store, 0, length, position_shard)
        else:
            store = ShardStore(data, bounds, [[None] * length])
            index.__dict__[table] = ShardedSequence[Any](store)
    return index


def _native_keys(
    added: list[tuple[int, KeyedName]], forms: list[FormRef]
) -> dict[str | None, frozenset[str]]:
    """The full keys of an entity's native names, by language."""
    found: dict[str | None, set[str]] = {}
    for ref, keyed in added:
        if forms[ref].origin is NameOrigin.NATIVE:
            found.setdefault(forms[ref].lang, set()).update(keyed.full_keys)
    return {lang: frozenset(keys) for lang, keys in found.items()}


class Index:
    """The compiled, read-only lookup tables of a registry.

    Pickled (into the compiled cache, or to Spark executors) each table is a block of its own:
    with pickle protocol 5 the blocks travel out of band, so the cache can hand them over as
    views of a memory-mapped file, and an unpickled index unpickles a table only when a lookup
    first needs it. A warm start thus costs almost nothing up front, and an exact lookup never
    pays for the fuzzy tables.

    Attributes:
        entities: The entities, in registry order.
        keyer: The key function every table was built with (queries must use it too).
        given_names: The given-name groups keyed with ``keyer``.
    """

    def __init__(
        self,
        entities: tuple[Entity, ...],
        keyer: Keyer,
        *,
        expand: Expander | None = None,
    ) -> None:
        self.entities = entities
        self.keyer = keyer
        self.given_names = GivenNames.build(keyer)
        self.by_id: dict[str, int] = {e.id: i for i, e in enumerate(entities)}
        self._new_forms: list[FormRef] = []
        #: While building: per person, the given-name keys of a marked word's spelling
        #: without its marks, and the keys written without such a fallback
        #: (:meth:`_profile_form`).
        self._given_fallback: dict[int, tuple[set[str], set[str]]] = {}
        # Tables of form positions hold tuples: smaller than lists, and untracked by the
        # garbage collector once it has seen them (a million of them at sanctions scale).
        self.exact: dict[str, tuple[int, ...]] = {}
        self.normalized: dict[str, tuple[int, ...]] = {}
        self.full_keys: dict[str, tuple[int, ...]] = {}
        self.compact_keys: dict[str, tuple[int, ...]] = {}
        #: Organization and place names reduced to their core (name_cores.py).
        self.core_keys: dict[str, tuple[int, ...]] = {}
        #: Native abjad names of organizations and places by consonant skeleton
        #: (consonants.py).
        self.skeleton_keys: dict[str, tuple[int, ...]] = {}
        self.profiles: dict[int, PersonProfile] = {}
        self.surname_entities: dict[str, set[int]] = {}
        self.compact_grams = NgramIndex()
        # A gazetteer's name of a place, or a made-up abbreviation, waits until every
        # registry name is in: it is left out when a name of another entity keys the same,
        # whatever the registry order (TBN Media keeps TBN from TarBankNeft).
        gazetteer: list[tuple[int, NameForm]] = []
        for position, entity in enumerate(entities):
            if entity.kind is EntityKind.PERSON:
                self.profiles[position] = PersonProfile(gender=entity.gender)
            added = [keyed for form in entity.forms() if (keyed := self._add(position, form))]
            if expand is not None:
                sources = _native_keys(added, self._new_forms)
                for form in expand(entity):
                    if form.origin in (NameOrigin.GAZETTEER, NameOrigin.ABBREVIATION):
                        gazetteer.append((position, form))
                        continue
                    reading = (
                        self._source_reading(form, sources.get(form.lang, frozenset()))
                        if form.origin is NameOrigin.ROMANIZATION
                        else None
                    )
                    if keyed := self._add(position, form, reading):
                        added.append(keyed)
            if entity.kind in (EntityKind.ORGANIZATION, EntityKind.PLACE):
                self._add_cores(position, added)
                self._add_skeletons(added)
        # A name the gazetteer gives two entities (two entries linked to one city), or an
        # abbreviation two companies make, is neither's: whichever came first in the
        # registry would otherwise take it.
        keyed_names = [
            (position, form, self.keyer.key(form.text, form.lang)) for position, form in gazetteer
        ]
        claims: dict[str, set[int]] = {}
        for position, _, named in keyed_names:
            for key in named.full_keys:
                claims.setdefault(key, set()).add(position)
        for position, form, named in keyed_names:
            if all(claims[key] == {position} for key in named.full_keys):
                self._add_unclaimed(position, form, named)
        for position, profile in self.profiles.items():
            self._finish_profile(position, profile)
        del self._given_fallback
        #: Surname keys by their one-slip neighbourhood: the fuzzy surname step's retrieval.
        self.surname_slips = SlipIndex(self.surname_entities)
        #: Given-name group -> the surname keys of the people of that given name, with
        #: their positions: where a mistyped surname is looked for when its key is too far
        #: from every registered one (see resolver._by_given_name).
        self.given_surnames: dict[int, tuple[tuple[str, ...], array[int]]] = {}
        grouped: dict[int, list[tuple[str, int]]] = {}
        for position, profile in self.profiles.items():
            for group in sorted(profile.given_groups):
                grouped.setdefault(group, []).extend((s, position) for s in profile.surnames)
        for group, pairs in grouped.items():
            self.given_surnames[group] = (
                tuple(s for s, _ in pairs),
                array("i", (position for _, position in pairs)),
            )
        self.compact_grams.freeze()
        self.forms = FormTable(self.__dict__.pop("_new_forms"))
        #: (id, display name) of each entity: the exact fast path answers from these
        #: without the entities' table (a separate block, unpickled when first needed).
        self.labels: tuple[tuple[str, str], ...] = tuple((e.id, e.name) for e in entities)
        #: Exact names of a single entity -> that entity's label (the very tuple of
        #: ``labels``): the columnar fast path, one lookup per cell.
        self.exact_labels: dict[str, tuple[str, str]] = {}
        for text, refs in self.exact.items():
            owners = {self.forms.entity(r) for r in refs}
            if len(owners) == 1:
                self.exact_labels[text] = self.labels[owners.pop()]

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        def block(data: Any) -> Any:
            # Protocol 5 hands a block over out of band: the cache stores it as it is, and an
            # unpickled index reads it in place (a view of the cache's memory map).
            if isinstance(protocol, int) and protocol >= 5:
                return pickle.PickleBuffer(data)
            return bytes(data)

        blocks: dict[str, Any] = {}
        pending: dict[str, _Block] = self.__dict__.get("_blocks", {})
        for group, tables in _GROUPS.items():
            if group in pending and pending[group].data is not None:
                data = pending[group].data
            else:
                values = tuple(getattr(self, table) for table in tables)
                data = pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)
            blocks[group] = block(data)
        by_key: dict[str, _Packed] = {}
        for group, tables in _BY_KEY.items():
            maps = [self.__dict__[table] for table in tables]
            store = _packed_store(maps)
            if store is not None:
                data, bounds = store.data, store.bounds
            else:
                shared = self.labels if group in _SHARING_LABELS else None
                data, bounds = pack_by_key(maps, shared)
            by_key[group] = (block(data), bounds, tuple(len(m) for m in maps))
        by_position: dict[str, _Packed] = {}
        for table in _BY_POSITION:
            value = self.__dict__[table]
            store = _packed_store([value])
            if store is not None:
                data, bounds = store.data, store.bounds
            else:
                data, bounds = pack_by_position(value)
            by_position[table] = (block(data), bounds, (len(value),))
        return (_restore, (self.keyer, blocks, by_key, by_position))

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not yet set: the small tables of an unpickled index.
        pending = self.__dict__.get("_blocks")
        group = _GROUP_OF.get(name)
        if pending is None or group is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        # The block unpickles once, under its own lock, and gives every thread the same tables.
        self.__dict__.update(zip(_GROUPS[group], pending[group].load(), strict=True))
        return self.__dict__[name]

    def _stores(self) -> dict[int, ShardStore]:
        return {
            id(value.store): value.store
            for value in list(self.__dict__.values())
            if isinstance(value, ShardedMap | ShardedSequence)
        }

    def preload(self, tables: Iterable[str], *, lookups: int) -> None:
        """Read the named sharded tables whole now if ``lookups`` would read most of them.

        A batch that looks up ``lookups`` keys of a table at random reads, shard by shard,
        half of it once ``lookups`` reaches about 0.7 times its shard count, and the store
        then reads the rest (shards.py). Reading it in one go before the batch loads nothing
        more, and takes it out of the batch's loop (one garbage-collector pause, no per-shard
        lock). Tables that are not sharded (a freshly compiled index, small tables) are left
        as they are.

        Args:
            tables: Attribute names of tables (``"exact_labels"``, ``"profiles"``...).
            lookups: How many lookups of random keys the caller is about to make in each.
        """
        for name in tables:
            value = self.__dict__.get(name)
            if isinstance(value, ShardedMap | ShardedSequence) and value.store.reads_most(lookups):
                value.store.fill()

    def load_seconds(self) -> float:
        """Seconds this index has spent so far unpickling its tables (shards and blocks).

        Zero for an index compiled in this process; for one read from the compiled cache,
        the cost of its lazy loading, to be reported beside the work that caused it.
        """
        pending: dict[str, _Block] = self.__dict__.get("_blocks", {})
        blocks = sum(block.seconds for block in pending.values())
        return blocks + sum(store.seconds for store in self._stores().values())

    def entity_tuple(self) -> tuple[Entity, ...]:
        """Every entity, as one tuple (an unpickled index unpickles them all, once)."""
        entities: Sequence[Entity] = self.entities
        return entities.whole() if isinstance(entities, ShardedSequence) else tuple(entities)

    def _source_reading(self, form: NameForm, source_keys: frozenset[str]) -> str | None:
        """The convention to read a generated romanization in, or None to read it in all.

        A spelling the library generated from a native name is read the way that gives the
        native name back: its letters mean what the scheme made them mean. Read in another
        convention, it would add keys of other names: the Polish press writes Сахаров as
        Sacharow, which a German reading takes for Захаров (German s is voiced before a
        vowel).
        """
        keyed = self.keyer.key(form.text, form.lang)
        matching = [
            name
            for tokens, name in zip(keyed.readings, keyed.reading_names, strict=True)
            if " ".join(sorted(tokens)) in source_keys
        ]
        return matching[0] if matching and len(keyed.readings) > 1 else None

    def _add(
        self, position: int, form: NameForm, reading: str | None = None
    ) -> tuple[int, KeyedName] | None:
        """Index one form; its reference and keyed name, or None when it has no words.

        ``reading`` restricts how its Latin words are read (see ``_source_reading``).
        """
        keyed = self.keyer.key(form.text, form.lang, reading=reading)
        if not keyed.tokens:
            return None
        ref = len(self._new_forms)
        self._new_forms.append(FormRef(position, form.text, form.origin, form.lang, form.scheme))
        exact = unicodedata.normalize("NFC", form.text.strip())
        _append(self.exact, exact, ref)
        _append(self.normalized, keyed.cleaned, ref)
        if form.origin is NameOrigin.GAZETTEER:
            # The gazetteer's names are matched as written, up to case (and written without
            # their marks or hyphens: Kijow for Kijów, Alma Ata for Alma-Ata), never by key
            # nor fuzzily: keyed, a short name of another script folds onto common words
            # (فيينا, Vienna in Arabic, keys like Finn; پاریس, Paris in Persian, like Press),
            # and one letter from thousands of names in a hundred languages is some other
            # word (Richard is near a name of Riyadh, Peskova near one of Pskov).
            loose = " ".join(strip_marks(keyed.cleaned).replace("-", " ").split())
            if loose != keyed.cleaned:
                _append(self.normalized, loose, ref)
            return ref, keyed
        for key in keyed.full_keys:
            _append(self.full_keys, key, ref)
        for key in keyed.compact_keys:
            _append(self.compact_keys, key, ref)
            if position not in self.profiles:
                # Whole-name fuzzy matching is for non-persons (people match by name parts,
                # with their guards): persons' keys would only crowd the candidate lists.
                self.compact_grams.add(key)
        profile = self.profiles.get(position)
        if profile is not None:
            self._profile_form(position, profile, keyed, form.text)
        return ref, keyed

    def _add_unclaimed(self, position: int, form: NameForm, keyed: KeyedName) -> None:
        """Index ``form`` unless a name of another entity has one of its keys, or a word of
        it is a person's name.

        Cities were renamed after people (Frunze for Bishkek, Zhdanov for Mariupol): a
        gazetteer name with a word that is a registered person's surname, a given name of
        the table or a patronymic would take that person's name. (The gazetteer's tool
        already leaves out names shaped like a Slavic surname and unlike the city's own;
        the shape alone is no test: Moskau and Charkow end like Slavic surnames.)
        """
        words = {key for reading in keyed.readings for key in reading}
        if any(
            is_patronymic(key) or key in self.surname_entities for key in words
        ) or self.given_names.groups_of(frozenset(words)):
            return
        if not any(
            self._new_forms[ref].entity != position
            for table, keys in (
                (self.full_keys, keyed.full_keys),
                (self.compact_keys, keyed.compact_keys),
            )
            for key in keys
            for ref in table.get(key, ())
        ):
            self._add(position, form)

    def _add_cores(self, position: int, added: list[tuple[int, KeyedName]]) -> None:
        """Index the name cores (name_cores.py) of an organization's or place's forms.

        A core that is a name with words removed is indexed only when a written name (display
        name, alias) and a native name of the entity share it: the core was then carried from
        one script to the other, a proper name (Viasna Human Rights Centre, Праваабарончы
        цэнтр «Вясна»), not a common word translated ("State Oil Company", Государственная
        нефтяная компания), which alone names nothing. A town on its river is a name in any
        case.
        """
        kind = self.entities[position].kind
        found: list[tuple[int, str, bool]] = []
        sides: dict[str, set[bool]] = {}
        for ref, keyed in added:
            form = self._new_forms[ref]
            native = form.origin in (NameOrigin.NATIVE, NameOrigin.ROMANIZATION)
            # A registry name keeps its country qualifier: "Bank of Russia" without it is any
            # bank, "Ukrainska Pravda" without it another newspaper.
            cores = {c.key for c in name_cores(self.keyer, keyed, kind) if not c.countries}
            for key in sorted(cores):
                whole = kind is EntityKind.PLACE or key in keyed.full_keys
                found.append((ref, key, whole))
                sides.setdefault(key, set()).add(native)
        for ref, key, whole in found:
            if whole or len(sides[key]) == 2:
                _append(self.core_keys, key, ref)

    def _add_skeletons(self, added: list[tuple[int, KeyedName]]) -> None:
        """Index the consonant skeletons (consonants.py) of native names written in an abjad."""
        for ref, keyed in added:
            form = self._new_forms[ref]
            if form.origin is NameOrigin.NATIVE and form.lang in ABJAD_LANGUAGES:
                for key in sorted(native_skeletons(form.text, keyed.compact_keys)):
                    _append(self.skeleton_keys, key, ref)

    def _profile_form(
        self, position: int, profile: PersonProfile, keyed: KeyedName, text: str
    ) -> None:
        entity = self.entities[position]
        surname_first = any(lang in SURNAME_FIRST_LANGUAGES for lang, _ in entity.native)
        parts = parse_person(keyed, self.given_names, surname_first=surname_first)
        regnal = is_regnal(entity.name)
        for reading in keyed.readings:
            for i in () if regnal else parts.surname:
                profile.surnames.setdefault(reading[i], text)
                self.surname_entities.setdefault(reading[i], set()).add(position)
            for i in parts.given:
                profile.given.setdefault(reading[i], text)
            if surname_first and parts.given:
                profile.surname_first = True
                cast(set[str], profile.given_whole).add("".join(reading[i] for i in parts.given))
            for i in parts.patronymic:
                cast(set[str], profile.patronymics).add(reading[i])
        # A Cyrillic name's initial is also kept as written: its romanization depends on the
        # language (Bulgarian Хаба is Haba, Russian Хаба Khaba), a query's Х. is Х. in any.
        for i in parts.given:
            profile.initials.add(_first_letter(keyed.romanized[i]))
            if is_cyrillic(keyed.tokens[i][:1]):
                profile.initials.add(written_initial(keyed.tokens[i]))
            self._note_given_fallback(position, keyed, i)
        for i in parts.patronymic:
            patronymic_initials = cast(set[str], profile.patronymic_initials)
            patronymic_initials.add(_first_letter(keyed.romanized[i]))
            if is_cyrillic(keyed.tokens[i][:1]):
                patronymic_initials.add(written_initial(keyed.tokens[i]))

    def _note_given_fallback(self, position: int, keyed: KeyedName, i: int) -> None:
        """Note which keys of given name ``i`` of a person's name are only a fallback.

        A mark is evidence: ISO 9 Âna is Яна (``jana``), and the same word without its
        mark, Ana, is Анна. Every Latin word is also keyed without its marks, for channels
        that drop them, so Яна's profile holds ``ana`` too, which finds her when a query
        lost the mark. When the marked reading is itself a known given name, that is her
        name: the spelling without marks keeps its key but does not make her an Anna (a
        member of the group of Hanna, Anna, Ганна), or every Hanna with her surname would
        be as much her as a registered Ганна.
        """
        token = keyed.tokens[i]
        plain = strip_marks(token)
        fallback, direct = self._given_fallback.setdefault(position, (set(), set()))
        keys = {r[i] for r in keyed.readings if len(r) > i and r[i]}
        if plain == token or any(is_cyrillic(c) for c in token):
            direct.update(keys)
            return
        marked = keys - self.keyer.token_keys(plain)
        if marked and self.given_names.groups_of(frozenset(marked)):
            fallback.update(keys - marked)
        else:
            direct.update(keys)

    def _finish_profile(self, position: int, profile: PersonProfile) -> None:
        fallback, direct = self._given_fallback.get(position, (set(), set()))
        groups = self.given_names.groups_of(frozenset(profile.given.keys() - (fallback - direct)))
        profile.given_groups = set(groups)
        for group in groups:
            for spelling in self.given_names.groups[group].names:
                profile.initials.add(_first_letter(spelling))
        profile.initials.discard("")
        if profile.gender is None:
            profile.gender = self.given_names.gender_of(groups)
        profile.word_starts = written_word_starts(self.entities[position])
        # Most people have no patronymic and no surname-first given name: one shared empty
        # set instead of three empty sets each (about 60 MB of a loaded registry of 100,000
        # people). Frozen, so that nothing can fill the shared one.
        if not profile.patronymics:
            profile.patronymics = _NO_KEYS
        if not profile.patronymic_initials:
            profile.patronymic_initials = _NO_KEYS
        if not profile.given_whole:
            profile.given_whole = _NO_KEYS

    def exact_answer(self, query: str) -> Match | None:
        """The answer for a query written exactly as one name of one entity, else None.

        The fast path of resolution (most rows of a pipeline repeat names the registry holds
        verbatim): one dictionary lookup, then the same :class:`Match` the full resolver
        builds for an exact hit, filled in directly rather than through the dataclass's
        checked constructor. Anything else (surrounding space, another normal form, a name
        two entities share) returns None and goes the full way.
        """
        refs = self.exact.get(query)
        if refs is None:
            return None
        # The form's columns read directly: no FormRef is built on the fast path.
        forms = self.forms
        entities = forms._entities
        ref = refs[0]
        position = entities[ref]
        if len(refs) > 1 and any(entities[r] != position for r in refs):
            return None
        labels = forms._labels
        origin, scheme = labels[forms._origins[ref]], labels[forms._schemes[ref]]
        entity_id, entity_name = self.labels[position]
        answer = Match.__new__(Match)
        vars(answer).update(
            input=query,
            status=Status.MATCHED,
            id=entity_id,
            name=entity_name,
            score=1.0,
            alias=forms.text(ref),
            method=Method.EXACT,
            reason="exact" + origin_note(origin, scheme),
            runner_up=None,
            candidates=(),
            explanation=None,
        )
        return answer

    def entity_of(self, ref: int) -> Entity:
        """The entity a compiled form belongs to."""
        return self.entities[self.forms[ref].entity]

    def collisions(self) -> list[Collision]:
        """Keys that forms of two or more different entities reduce to, sorted by key.

        Namesakes that the registry declares ``distinct_from`` each other (two people called
        Andriy Shevchenko) are expected to share keys: they are not collisions, and a query
        for the shared name answers ambiguous.
        """
        found: dict[str, Collision] = {}
        for table in (self.full_keys, self.compact_keys):
            for key, refs in table.items():
                owners = {self.forms.entity(r) for r in refs}
                if len(owners) > 1 and key not in found and not self._declared(owners):
                    forms = sorted({(self.entity_of(r).id, self.forms[r].text) for r in refs})
                    found[key] = Collision(key, tuple(forms))
        return [found[k] for k in sorted(found)]

    def _declared(self, owners: set[int]) -> bool:
        """True when every pair of ``owners`` is declared distinct in the registry."""
        entities = [self.entities[i] for i in owners]
        return all(
            b.id in a.distinct_from or a.id in b.distinct_from
            for n, a in enumerate(entities)
            for b in entities[n + 1 :]
        )

    def alias_count(self) -> int:
        """Number of compiled name forms."""
        return len(self.forms)

    def origins(self) -> Mapping[NameOrigin, int]:
        """How many compiled forms come from each origin."""
        counts: dict[NameOrigin, int] = {}
        for ref in self.forms:
            counts[ref.origin] = counts.get(ref.origin, 0) + 1
        return counts
