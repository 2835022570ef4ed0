"""Resolution: a query in, the entity it names (or an honest "unknown"/"ambiguous") out.

The last stage, scoring and decision. Lookups go from the strictest to the loosest (exact
string, cleaned string, key, person name parts, fuzzy key, then the name without its legal
form or its Lithuanian case ending), each with a fixed score, and the decision refuses to
guess: below the threshold the answer is unknown, and when the best two entities are within a
margin of each other it is ambiguous with both. A wrong merge is worse than a miss, so every
loose step has a guard (contradicting given names and fathers, gendered surnames, short keys)
that can veto it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Generator, Iterable, Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Final, TypeVar

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from translit_norm.cleaning import strip_marks
from translit_norm.common_surnames import common_surname_keys
from translit_norm.consonants import ABJAD_LANGUAGES, MIN_CONSONANTS, skeleton
from translit_norm.derivations import another_word, is_derivation
from translit_norm.entities import Entity, EntityKind, origin_note
from translit_norm.index import WRITTEN_WORD, Index, PersonProfile, written_initial
from translit_norm.keys import KeyedName, glide_letters
from translit_norm.legal_forms import split_seat, strip_legal_forms
from translit_norm.markers import contradiction, generations, query_markers
from translit_norm.name_cores import name_cores
from translit_norm.names import (
    gendered_pair,
    is_patronymic,
    offices,
    parse_person,
    patronymic_stems,
    suffix_swap,
    surname_gender,
)
from translit_norm.ngrams import Search
from translit_norm.particles import particles
from translit_norm.results import Candidate, Match, Method, Status
from translit_norm.transliteration import is_cyrillic

__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_THRESHOLD",
    "MAX_QUERY_CHARS",
    "Scores",
    "collect_candidates",
    "decide",
    "resolve",
    "resolve_batch",
    "weaker_than_marked",
]

_T = TypeVar("_T")

#: Score below which a candidate is not a match.
DEFAULT_THRESHOLD = 0.8
#: Two entities whose scores are closer than this are ambiguous.
DEFAULT_MARGIN = 0.03
#: Longest query resolved; a longer one is a paragraph, not a name, and answers unknown.
MAX_QUERY_CHARS = 1000


@dataclass(frozen=True)
class Scores:
    """The fixed score of each kind of evidence. Fuzzy evidence is scaled by its similarity."""

    exact: float = 1.0
    normalized: float = 0.98
    key: float = 0.95
    compact_key: float = 0.94
    surname_and_given: float = 0.93
    surname_and_initials: float = 0.9
    surname_only: float = 0.86
    fuzzy_whole: float = 0.9
    #: The same key once legal-form designators (PJSC, OAO, Ltd.) are removed.
    legal_form: float = 0.93
    #: A place name with a Lithuanian nominative ending on a known name (Minskas).
    baltic_ending: float = 0.9
    #: The same organization core once descriptors (Oil Company, Group, PMC), legal forms
    #: and home-country qualifiers are removed: below a surname-only person match plus the
    #: margin, so that "Wagner" stays ambiguous between a Mr Wagner and the Wagner Group.
    name_core: float = 0.88
    #: An organization or place romanized from its native abjad name, whose short vowels
    #: the script does not write (al-Qahira, القاهرة): the consonants alone agree.
    consonants: float = 0.88
    #: An organization written with its legal form and registered seat (NIS a.d. Novi Sad).
    registered_seat: float = 0.9
    #: The same town on the same river, the connective in another language (Rostow am Don).
    river_town: float = 0.93
    unknown_token_penalty: float = 0.12
    unverified_patronymic_penalty: float = 0.02
    #: Least rapidfuzz ratio (0-1) of two surname keys for a fuzzy surname match.
    surname_similarity: float = 0.85
    #: Most edits (a letter left out, added or changed, two swapped) between two surname keys
    #: for a fuzzy surname match. The keys have already folded the spelling conventions, so
    #: what is left is a slip of the pen; two slips in one surname are more often another
    #: surname (Baranovich / Baraniesovich, Rekosskaya / Rekskaya).
    surname_edits: int = 1
    #: The similarity a one-slip surname counts at least: one slip is one slip, however long
    #: the name (rapidfuzz's ratio alone would give a changed letter in Tonkeva 0.86 and in
    #: Kravchenko 0.9). Names under min_fuzzy_length never match fuzzily at all.
    one_slip_similarity: float = 0.9
    #: Least length of a given-name key (query and entity) read as a one-slip typo of it.
    typo_given_length: int = 5
    #: Least ratio of two whole-name keys for a fuzzy match of a non-person.
    whole_similarity: float = 0.88
    #: Least ratio of two patronymic keys to count as the same patronymic.
    patronymic_similarity: float = 0.7
    #: Below this ratio, a patronymic contradicts the entity's.
    patronymic_contradiction: float = 0.5
    #: Keys shorter than this never match fuzzily (Minsk / Pinsk).
    min_fuzzy_length: int = 6


SCORES = Scores()


@dataclass
class _Collector:
    """Best candidate per entity, and the explanation steps, while a query is scored."""

    index: Index
    explain: bool
    best: dict[int, Candidate] = field(default_factory=dict)
    rejected: dict[int, str] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)

    def wants(self, position: int, score: float) -> bool:
        """Whether :meth:`offer` would keep a candidate of this score for this entity."""
        if position in self.rejected:
            return False
        current = self.best.get(position)
        return current is None or score > current.score

    def offer(self, position: int, score: float, method: Method, alias: str, reason: str) -> None:
        if self.wants(position, score):
            entity = self.index.entities[position]
            self.best[position] = Candidate(
                entity.id, entity.name, round(score, 6), method, alias, reason
            )

    def reject(self, position: int, why: str) -> None:
        self.rejected.setdefault(position, why)
        self.best.pop(position, None)
        if self.explain:
            self.steps.append(f"guard: not {self.index.entities[position].id}: {why}")

    def note(self, text: str) -> None:
        if self.explain:
            self.steps.append(text)


def collect_candidates(
    index: Index, query: str, *, explain: bool = False, exhaustive: bool = False
) -> tuple[list[Candidate], list[str]]:
    """Score every entity the query could name.

    An exact or normalized hit ends the search (nothing looser can outscore it) unless
    ``exhaustive`` asks for every candidate.

    Returns:
        Candidates sorted best first (score descending, then id), and the explanation steps
        (empty unless ``explain``).
    """
    store = _BatchStore()
    ranked, steps, _ = _alone(
        store, _collect(index, query, store, explain=explain, exhaustive=exhaustive)
    )
    return ranked, steps


#: What a query's steps pause for (see :class:`_BatchStore`): the given-name groups to search,
#: each as (group, its surname keys, the query's word keys to look for among them).
_Wanted = tuple[tuple[int, Sequence[str], tuple[str, ...]], ...]


def _collect(
    index: Index, query: str, store: _BatchStore, *, explain: bool, exhaustive: bool
) -> Generator[_Wanted, None, tuple[list[Candidate], list[str], dict[int, Candidate]]]:
    """:func:`collect_candidates` as steps that pause for the given-name group search.

    When the search by given name is wanted, the steps yield the groups and keys to search,
    and are resumed once ``store`` has searched them: one query alone (:func:`_alone`) or
    many at once (:func:`resolve_batch`) get the same answers.
    """
    collector = _Collector(index, explain)
    exact = unicodedata.normalize("NFC", query.strip())
    for ref in index.exact.get(exact, ()):
        form = index.forms[ref]
        collector.offer(
            form.entity,
            SCORES.exact,
            Method.EXACT,
            form.text,
            "exact" + origin_note(form.origin, form.scheme),
        )
    if collector.best and not exhaustive:
        collector.note("exact: the query is written as in the registry")
        return _sorted(collector), collector.steps, collector.best
    keyed = index.keyer.key(query)
    collector.note(f"cleaned: {keyed.cleaned!r}")
    for neutralized in keyed.homoglyphs:
        collector.note(f"homoglyphs neutralized: {neutralized}")
    for ref in index.normalized.get(keyed.cleaned, ()):
        form = index.forms[ref]
        collector.offer(
            index.forms[ref].entity,
            SCORES.normalized,
            Method.NORMALIZED,
            form.text,
            "same name after Unicode, case, apostrophe and space clean-up"
            + origin_note(form.origin, form.scheme),
        )
    if collector.best and not exhaustive:
        collector.note("normalized: equal to a registry name after clean-up")
        return _sorted(collector), collector.steps, collector.best
    if explain:
        _describe(keyed, collector)
    _by_keys(index, keyed, collector)
    yield from _by_person_parts(index, keyed, collector, store)
    _by_fuzzy_whole(index, keyed, collector)
    _without_legal_form(index, keyed, collector)
    _by_name_core(index, keyed, collector)
    _without_seat(index, keyed, collector)
    _without_baltic_ending(index, keyed, collector)
    _by_consonants(index, keyed, collector)
    _drop_named_others(index, keyed, collector)
    return _sorted(collector), collector.steps, collector.best


def _sorted(collector: _Collector) -> list[Candidate]:
    return sorted(collector.best.values(), key=lambda c: (-c.score, c.id))


def _drop_named_others(index: Index, keyed: KeyedName, collector: _Collector) -> None:
    """Reject the candidates the query's title, Jr. or numeral says are someone else.

    Whatever step found them: a title is dropped before keys are made, so "Mrs Zelensky"
    has the key of Zelensky himself (markers.py).
    """
    markers = query_markers(keyed)
    if markers is None:
        return
    for position in sorted(collector.best):
        # Only the gender the registry states: guessed from names it is wrong too often for
        # a title to overrule the match (Sanna Marin's -in, Federica Mogherini's -i, Nicola
        # Sturgeon's Nicola, José María Aznar's María).
        entity = index.entities[position]
        why = contradiction(markers, entity, entity.gender)
        if why:
            collector.reject(position, why)


def _describe(keyed: KeyedName, collector: _Collector) -> None:
    if keyed.languages:
        collector.note(f"cyrillic: languages tried {', '.join(keyed.languages)}")
    collector.note(f"romanized: {' '.join(keyed.romanized)!r}")
    for name, reading in zip(keyed.reading_names, keyed.readings, strict=False):
        collector.note(f"keys ({name} reading): {' '.join(reading)}")


def _by_keys(index: Index, keyed: KeyedName, collector: _Collector) -> None:
    lookups = (
        (keyed.full_keys, index.full_keys, SCORES.key, "same transliteration key {key!r}{origin}"),
        (
            keyed.compact_keys,
            index.compact_keys,
            SCORES.compact_key,
            "same key {key!r} ignoring word breaks",
        ),
    )
    for keys, table, score, reason in lookups:
        for key in sorted(keys):
            for ref in table.get(key, ()):
                # Speed: an entity's other names under the same key are not built or
                # described once one of them is its candidate.
                if not collector.wants(index.forms.entity(ref), score):
                    continue
                form = index.forms[ref]
                collector.offer(
                    form.entity,
                    score,
                    Method.KEY,
                    form.text,
                    reason.format(key=key, origin=origin_note(form.origin, form.scheme)),
                )


def _by_person_parts(
    index: Index, keyed: KeyedName, collector: _Collector, store: _BatchStore
) -> Generator[_Wanted, None, None]:
    if not index.profiles or not keyed.readings:
        return
    tokens = range(len(keyed.readings[0]))
    words = [i for i in tokens if i not in keyed.initials]
    # A name has at most five words besides its particles (al-, bin, von): longer text is
    # not one name. Particles do not count, as full Arabic names repeat al- (Saddam Hussein
    # Abd al-Majid al-Tikriti).
    if not words or sum(keyed.tokens[i] not in particles() for i in words) > 5:
        return
    # Candidate (entity, surname token, similarity, registry surname) from every word.
    seen: set[tuple[int, int]] = set()
    facts = _QueryWords(index, keyed)
    for i in words:
        token_keys = {r[i] for r in keyed.readings if len(r) > i and r[i]}
        # Each person is judged once per word, on the reading that comes closest: an exact
        # surname in one reading beats a slip in another (Đoković reads dZekovic and
        # dZekoviC; the registry may hold only the first).
        matches = [
            (similarity, token_key, surname)
            for token_key in sorted(token_keys)
            for surname, similarity in store.surname_matches(index, token_key)
        ]
        matches.sort(key=lambda m: -m[0])  # stable: ties stay in key order
        # Speed: most people of a surname have a given name other than the one the query
        # writes first. They are rejected here, as _score_person would reject them after
        # the same checks in the same order, without judging them word by word: the word
        # and its reason are worked out once for all of them.
        lead = facts.lead_given(i)
        after = facts.patronymic_after(i)
        profile_of = index.profiles.get
        lead_at = -1 if lead is None else lead
        why = "" if lead is None else f"{keyed.tokens[lead]!r}: contradiction: another given name"
        for similarity, token_key, surname in matches:
            form = facts.surname(token_key, surname, similarity)
            early = lead is not None and not form.two_genders and not after
            for position in sorted(index.surname_entities.get(surname, ())):
                if (position, i) in seen:
                    continue
                seen.add((position, i))
                if early:
                    profile = profile_of(position)
                    if (
                        profile is not None
                        and not profile.surname_first
                        and not form.contradicts(profile.gender)
                        and _another_given_name(facts, profile, lead_at)
                    ):
                        collector.reject(position, why)
                        continue
                _score_person(index, facts, collector, position, i, form)
        for stem in sorted(_czech_feminine_stems(keyed.tokens[i], token_keys)):
            for position in sorted(index.surname_entities.get(stem, ())):
                gender = index.profiles[position].gender
                # A woman's form: never a man's entity, and for an entity of unknown gender
                # only with the given name written (Meirová alone may be Meir's wife).
                if (position, i) in seen or gender == "male" or (gender is None and len(words) < 2):
                    continue
                seen.add((position, i))
                _score_person(index, facts, collector, position, i, facts.surname(stem, stem, 1.0))
    # The search by given name can offer at most a one-slip surname with its given name:
    # it is skipped when something at least as strong has matched already.
    strongest = max((c.score for c in collector.best.values()), default=0.0)
    if strongest < _WRITTEN_SLIP_SCORE and len(words) >= 2:
        plan = _given_name_plan(index, facts, words)
        if plan:
            yield tuple((group, surnames, keys) for group, surnames, _, keys, _ in plan)
            _by_given_name(index, facts, collector, plan, store, seen)
    if not collector.explain:
        return
    # The parse is for the explanation only: matching tries every word as the surname.
    parts = parse_person(keyed, index.given_names)
    collector.note(
        "person parts: "
        f"given={[keyed.tokens[i] for i in parts.given]} "
        f"patronymic={[keyed.tokens[i] for i in parts.patronymic]} "
        f"surname={[keyed.tokens[i] for i in parts.surname]} "
        f"initials={[keyed.tokens[i] for i in parts.initials]}"
    )


#: The search by given name of one query: (group, the group's surname keys, the places of
#: their people, the query's word keys to search, the words with their keys).
_Plan = list[tuple[int, Sequence[str], Sequence[int], tuple[str, ...], list[tuple[int, list[str]]]]]


def _given_name_plan(index: Index, facts: _QueryWords, words: list[int]) -> _Plan:
    """The given-name groups :func:`_by_given_name` searches, and the words it searches for.

    Each word the query writes as a known given name narrows the search to the people of that
    name; the other words long enough to be a mistyped surname are looked for among theirs.
    """
    keyed = facts.keyed
    # The words that could be the mistyped surname: long enough. The family guard applies
    # among the people of the given name (see _score_written_slips).
    candidates: dict[int, list[str]] = {}
    for i in words:
        token_keys = sorted({r[i] for r in keyed.readings if len(r) > i and r[i]})
        if len(strip_marks(keyed.tokens[i])) >= SCORES.min_fuzzy_length - 1:
            candidates[i] = token_keys
    plan: _Plan = []
    for g in words:
        keys = frozenset(r[g] for r in keyed.readings if len(r) > g and r[g])
        searched = [(i, token_keys) for i, token_keys in candidates.items() if i != g]
        if not searched:
            continue
        for group in sorted(index.given_names.groups_of(keys)):
            entry = index.given_surnames.get(group)
            if entry is None:
                continue
            surnames, positions = entry
            wanted = tuple(k for _, token_keys in searched for k in token_keys)
            plan.append((group, surnames, positions, wanted, searched))
    return plan


def _by_given_name(
    index: Index,
    facts: _QueryWords,
    collector: _Collector,
    plan: _Plan,
    store: _BatchStore,
    seen: set[tuple[int, int]],
) -> None:
    """Look for a mistyped surname among the people with the query's given name.

    Keys fold spelling conventions, and so can turn one slip of the pen into two or three
    key edits: Louk for Lobuk reads ``lovk``, Daynłenko for Danilenko ``dajnlenko``. Such a
    surname is too far from every registered key to be found by its own (see
    :func:`_surname_matches`), so when nothing else matched, each word the query writes as a
    known given name narrows the search to the people of that name, and a surname of theirs
    counts if the query word is one slip from it as one of their names writes it
    (:func:`_one_slip_written`). The person must then pass every check a surname match
    passes (:func:`_score_person`): given name, gender, patronymic.
    """
    # Whether a person's surname as written is one slip from word i: it depends on the word
    # and the person only, not on the reading or the given-name group that brought them.
    written: dict[tuple[int, int], bool] = {}
    for group, surnames, positions, _, searched in plan:
        for i, token_keys in searched:
            _score_written_slips(
                index,
                facts,
                collector,
                i,
                [(k, store.near(group, k)) for k in token_keys],
                surnames,
                positions,
                seen,
                written,
            )


def _near_surnames(
    token_keys: Sequence[str], surnames: Sequence[str], *, workers: int = 1
) -> dict[str, list[int]]:
    """The places in ``surnames`` of the keys a slip's worth of key edits from each token key.

    Each list is ordered as :func:`rapidfuzz.process.extract` ranks them: fewest edits first,
    ties in ``surnames`` order. One call for every key (speed): rapidfuzz compares several
    short keys with one string at once.
    """
    if not token_keys or not surnames:
        return {k: [] for k in token_keys}
    distances = process.cdist(
        token_keys,
        surnames,
        scorer=OSA.distance,
        score_cutoff=_WRITTEN_SLIP_KEY_EDITS,
        dtype=np.int8,
        workers=workers,
    )
    near: dict[str, list[int]] = {}
    for key, row in zip(token_keys, distances, strict=True):
        at = np.flatnonzero(row <= _WRITTEN_SLIP_KEY_EDITS)
        near[key] = at[np.argsort(row[at], kind="stable")].tolist()
    return near


class _BatchStore:
    """What the queries of one batch look up alike, looked up once for all of them.

    Lives for one batch (or one query), never with the index. The given-name group search
    (:func:`_near_surnames`): the queries' steps say which groups and keys they want
    (:data:`_Wanted`), :meth:`search` then runs one rapidfuzz call per group for all the keys
    wanted in it, and each query reads its answers with :meth:`near`. rapidfuzz converts a
    group's surnames (thousands at 100,000 people) on every call, and one call per group and
    batch instead of one per group and query is most of the speed. And the registered surnames
    a word's key may stand for (:meth:`surname_matches`): given names and common surnames come
    back in many queries. Each answer depends on the key (and group) only, so it is the same
    whatever else the batch holds.
    """

    __slots__ = ("_matches", "_near", "_wanted", "_workers")

    def __init__(self, *, workers: int = 1) -> None:
        self._workers = workers
        self._wanted: dict[int, tuple[Sequence[str], set[str]]] = {}
        self._near: dict[tuple[int, str], list[int]] = {}
        self._matches: dict[str, list[tuple[str, float]]] = {}

    def surname_matches(self, index: Index, token_key: str) -> list[tuple[str, float]]:
        """:func:`_surname_matches`, each key worked out once per batch (do not modify)."""
        found = self._matches.get(token_key)
        if found is None:
            found = self._matches[token_key] = _surname_matches(index, token_key)
        return found

    def want(self, wanted: _Wanted) -> None:
        """Note the groups and keys a query's steps paused for."""
        for group, surnames, keys in wanted:
            todo = self._wanted.setdefault(group, (surnames, set()))[1]
            todo.update(k for k in keys if (group, k) not in self._near)

    def search(self) -> None:
        """Search every group wanted since the last search, in bounded slices of keys."""
        for group in sorted(self._wanted):
            surnames, todo = self._wanted[group]
            keys = sorted(todo)
            # The distances come back as one matrix of keys times surnames, a byte each.
            step = max(1, _SEARCH_CELLS // max(1, len(surnames)))
            for start in range(0, len(keys), step):
                near = _near_surnames(keys[start : start + step], surnames, workers=self._workers)
                self._near.update(((group, key), places) for key, places in near.items())
        self._wanted.clear()

    def near(self, group: int, key: str) -> list[int]:
        """The places of the surnames of ``group`` near ``key`` (:func:`_near_surnames`)."""
        return self._near[group, key]


#: Most distances one rapidfuzz call of :meth:`_BatchStore.search` returns (bytes). Larger
#: blocks, freed at once, make the C allocator keep more memory for good (glibc raises its
#: threshold for returning memory to the largest block freed): 4 MB blocks cost 20 MB of
#: peak memory at 100,000 people. The search of one query alone has blocks about this size.
_SEARCH_CELLS: Final = 1 << 18


def _score_written_slips(
    index: Index,
    facts: _QueryWords,
    collector: _Collector,
    i: int,
    near: list[tuple[str, list[int]]],
    surnames: Sequence[str],
    positions: Sequence[int],
    seen: set[tuple[int, int]],
    written: dict[tuple[int, int], bool],
) -> None:
    """Score the people among ``surnames`` whose surname query word ``i`` mistypes as written.

    ``near`` holds each reading's key of the word with the places of the surnames a slip's
    worth of key edits from it (:func:`_near_surnames`); ``written`` remembers, for this
    query, whether a person's written surname is one slip from the word.
    """
    token = facts.keyed.tokens[i]
    found: dict[int, tuple[str, str]] = {}
    common = common_surname_keys(index.keyer)
    for token_key, places in near:
        for at in places:
            position = positions[at]
            if position in found or (position, i) in seen:
                continue
            slip = written.get((i, position))
            if slip is False:
                continue
            surname = surnames[at]
            # Another family suffix, or a word that is itself a frequent surname: no slip.
            if suffix_swap(token_key, surname) or _common_surname_changed(
                common, token_key, surname
            ):
                continue
            if slip is None:
                profile = index.profiles[position]
                slip = written[i, position] = _one_slip_written(
                    index,
                    token,
                    index.entities[position],
                    profile.word_starts,
                    profile.surnames.keys(),
                    SCORES.min_fuzzy_length,
                    similarity=SCORES.surname_similarity,
                )
            # The suffix against the person's other surname keys: read only for the few
            # people with a slip (the check reads every key of theirs).
            if slip and not _other_family(index, token_key, position):
                found[position] = (token_key, surname)
    # The family guard again, among the people of this given name.
    if len({surname for _, surname in found.values()}) > _MAX_SLIP_NEIGHBOURS:
        return
    for position, (token_key, surname) in sorted(found.items()):
        seen.add((position, i))
        similarity = fuzz.ratio(token_key, surname) / 100
        form = facts.surname(token_key, surname, similarity)
        _score_person(index, facts, collector, position, i, form)


def _common_surname_changed(common: AbstractSet[str], token_key: str, surname: str) -> bool:
    """Whether ``token_key`` is a frequent surname with a letter of ``surname`` changed.

    Such a word is another family's name, not a slip (Fedotov, Fedorov; Maksimov, Massimov;
    Zieliński, Zeleński; Bogdanov, Budanov): common_surnames.py. Not when the word is the
    shorter: a left-out letter lands on a frequent, shorter surname as a slip of a longer
    name too often (Babylenko mistyped Babyenko is keyed Babenko), and is left to the slip
    rules; the performance workload's typos measured it.
    """
    return len(token_key) >= len(surname) and token_key in common


def _other_family(index: Index, token_key: str, position: int) -> bool:
    """Whether ``token_key`` is one of the person's surname keys with a family suffix added.

    A surname has a key per reading (Sheremet: ``Seremet``, ``Seremjet``...), and the query's
    key may be compared with another reading's key than the one it extends by a suffix
    (Sheremeta, Kravchyk: names.suffix_swap): it is the other family's name all the same.
    Families whose suffixes are the same letters swapped (-enka, -enak) are left to the pair
    compared: two letters swapped is also the commonest slip of the pen.
    """
    profile = index.profiles.get(position)
    if profile is None:
        return False
    return any(
        suffix_swap(token_key, key) and sorted(key) != sorted(token_key) for key in profile.surnames
    )


#: The score of a person found by :func:`_by_given_name` at best: surname (one slip) and
#: given name.
_WRITTEN_SLIP_SCORE: Final = SCORES.surname_and_given * SCORES.one_slip_similarity


#: Most key edits one slip of the pen makes, the key's folding included: a dropped letter
#: can also change how its neighbours read (Polyayns'ka for Polyakinska: k gone, i now a
#: glide).
_WRITTEN_SLIP_KEY_EDITS: Final = 3


#: Czech and Slovak write a woman's surname with -ová, also a foreign one, in place of a final
#: -o or -a (Tymošenko -> Tymošenková, Meir -> Meirová, Zacharov(a) -> Zacharovová). Only the
#: written á marks it: a Russian -ova (Petrova) is a surname of its own and has no accent.
_CZECH_FEMININE = "ová"
_CZECH_STEM_ENDINGS = ("", "o", "a")


def _czech_feminine_stems(token: str, token_keys: set[str]) -> set[str]:
    """The surname keys a Czech feminine form can stand for (none unless it ends in -ová)."""
    if not token.endswith(_CZECH_FEMININE) or len(token) < len(_CZECH_FEMININE) + 3:
        return set()
    return {
        key[:-3] + ending
        for key in token_keys
        if key.endswith("ova")
        for ending in _CZECH_STEM_ENDINGS
    }


def _surname_matches(index: Index, token_key: str) -> list[tuple[str, float]]:
    """Registered surname keys ``token_key`` may stand for, with their similarity (0-1).

    The key itself when it is registered, then the keys one slip from it (the index finds
    exactly those: ``SCORES.surname_edits`` is one slip) that start with the same letter and
    keep the ratio cutoff, best ratio first, ties by key.
    """
    found = [(token_key, 1.0)] if token_key in index.surname_entities else []
    near = _slip_neighbours(index, token_key)
    # A word one slip from many registered surnames sits in a family of surnames that
    # differ by one letter (Lobanenka, Lobanenak, Lobanionak): it is more likely another
    # member of the family than a slip of the pen.
    if len(near) <= _MAX_SLIP_NEIGHBOURS:
        near.sort(key=lambda pair: -pair[1])  # stable: ties stay in key order
        # Another family suffix on the same stem is another surname (Radzenka, Radzionak),
        # and so is a frequent surname with a letter changed (_common_surname_changed).
        common = common_surname_keys(index.keyer)
        found += [
            pair
            for pair in near
            if not suffix_swap(token_key, pair[0])
            and not _common_surname_changed(common, token_key, pair[0])
        ]
    return found


def _slip_neighbours(index: Index, token_key: str) -> list[tuple[str, float]]:
    """Registered surname keys one slip from ``token_key`` by the fuzzy surname rules."""
    near: list[tuple[str, float]] = []
    if len(token_key) >= SCORES.min_fuzzy_length:
        for choice in index.surname_slips.within_one_slip(token_key):
            if choice != token_key and choice[0] == token_key[0]:
                score = fuzz.ratio(token_key, choice)
                if score >= _SURNAME_CUTOFF:
                    near.append((choice, score / 100))
    return near


@dataclass(frozen=True)
class _SurnameForm:
    """A query word's key read as a registered surname key, and what the two say of gender.

    Worked out once per pair, not once per person holding the surname (speed).

    Attributes:
        token_key: The query word's key.
        surname: The registered surname key.
        similarity: Of the two keys (0-1); 1.0 when equal.
        two_genders: The keys differ, as a masculine and a feminine form of one surname.
        query_gender: What the query word's ending says (:func:`surname_gender`).
        registered_gender: What the registered key's ending says.
    """

    token_key: str
    surname: str
    similarity: float
    two_genders: bool
    query_gender: str | None
    registered_gender: str | None

    def contradicts(self, gender: str | None) -> bool:
        """Whether the query's surname form is of another gender than a person's ``gender``.

        A slip of a gendered surname that is not its other gender (see ``two_genders``)
        says nothing of gender: Tonkeav, a slip of Tonkeva, only seems to end like a man's
        -av.
        """
        query_gender, registered_gender = self.query_gender, self.registered_gender
        return bool(
            query_gender
            and gender
            and query_gender != gender
            and registered_gender != query_gender
            and (self.similarity == 1.0 or registered_gender is None)
        )


class _QueryWords:
    """What the person steps ask of the words of one query, each worked out once (speed).

    A surname key is held by many people (16 on average at 100,000 people), and each of them
    is checked against the query's other words: the answers that depend on the word alone
    (its keys, its given-name groups, whether it is shaped like a patronymic) are remembered
    here for the query's lifetime, and so are those that depend on a surname pair alone.
    """

    __slots__ = (
        "_after",
        "_fathers",
        "_genders",
        "_groups",
        "_index",
        "_keys",
        "_lead",
        "_patronymic",
        "_surnames",
        "_written",
        "keyed",
    )

    def __init__(self, index: Index, keyed: KeyedName) -> None:
        self._index = index
        self.keyed = keyed
        self._keys: dict[int, frozenset[str]] = {}
        self._groups: dict[int, frozenset[int]] = {}
        self._genders: dict[int, str | None] = {}
        self._patronymic: dict[int, bool] = {}
        self._fathers: dict[int, frozenset[int]] = {}
        self._after: dict[int, bool] = {}
        self._written: dict[int, bool] = {}
        self._lead: dict[int, int | None] = {}
        self._surnames: dict[tuple[str, str, float], _SurnameForm] = {}

    def keys(self, j: int) -> frozenset[str]:
        """The keys of word ``j`` in every reading."""
        found = self._keys.get(j)
        if found is None:
            readings = self.keyed.readings
            found = self._keys[j] = frozenset(r[j] for r in readings if len(r) > j and r[j])
        return found

    def groups(self, j: int) -> frozenset[int]:
        """The given-name groups word ``j`` belongs to."""
        found = self._groups.get(j)
        if found is None:
            found = self._groups[j] = self._index.given_names.groups_of(self.keys(j))
        return found

    def gender(self, j: int) -> str | None:
        """The gender of the given-name groups of word ``j``, when they agree on one."""
        if j not in self._genders:
            self._genders[j] = self._index.given_names.gender_of(self.groups(j))
        return self._genders[j]

    def patronymic_shaped(self, j: int) -> bool:
        """Whether a key of word ``j`` has the shape of a patronymic."""
        found = self._patronymic.get(j)
        if found is None:
            found = self._patronymic[j] = any(is_patronymic(k) for k in self.keys(j))
        return found

    def fathers(self, j: int) -> frozenset[int]:
        """The given-name groups of the fathers' names word ``j``, a patronymic, stands on."""
        found = self._fathers.get(j)
        if found is None:
            stems = frozenset().union(*(patronymic_stems(k) for k in self.keys(j)))
            found = self._fathers[j] = self._index.given_names.groups_of(stems)
        return found

    def patronymic_after(self, surname_at: int) -> bool:
        """Whether the word after word ``surname_at`` is a patronymic, not after a comma."""
        found = self._after.get(surname_at)
        if found is None:
            keyed = self.keyed
            after = surname_at + 1
            found = self._after[surname_at] = (
                after < len(keyed.readings[0])
                and after not in keyed.initials
                and keyed.comma_at != after
                and any(is_patronymic(r[after]) for r in keyed.readings if len(r) > after)
            )
        return found

    def given_written(self, surname_at: int) -> bool:
        """Whether a word besides word ``surname_at`` is written out (not an initial)."""
        found = self._written.get(surname_at)
        if found is None:
            keyed = self.keyed
            found = self._written[surname_at] = any(
                k != surname_at and k not in keyed.initials for k in range(len(keyed.readings[0]))
            )
        return found

    def lead_given(self, surname_at: int) -> int | None:
        """The word :func:`_score_person` judges first, if a known given name, else None.

        The first word besides word ``surname_at`` that is no particle, when it is written
        out (not an initial), not shaped like a patronymic, and in a given-name group: the
        word :func:`_another_given_name` may judge on its own.
        """
        if surname_at in self._lead:
            return self._lead[surname_at]
        keyed = self.keyed
        lead = next(
            (
                j
                for j in range(len(keyed.readings[0]))
                if j != surname_at and (keyed.tokens[j] not in particles() or j in keyed.initials)
            ),
            None,
        )
        if lead is not None and (
            lead in keyed.initials or self.patronymic_shaped(lead) or not self.groups(lead)
        ):
            lead = None
        self._lead[surname_at] = lead
        return lead

    def surname(self, token_key: str, surname: str, similarity: float) -> _SurnameForm:
        """The query key ``token_key`` read as the registered surname key ``surname``."""
        found = self._surnames.get((token_key, surname, similarity))
        if found is None:
            found = self._surnames[token_key, surname, similarity] = _SurnameForm(
                token_key,
                surname,
                similarity,
                similarity < 1.0 and gendered_pair(token_key, surname),
                surname_gender(token_key),
                surname_gender(surname),
            )
        return found


def _score_person(
    index: Index,
    facts: _QueryWords,
    collector: _Collector,
    position: int,
    surname_at: int,
    form: _SurnameForm,
) -> None:
    keyed = facts.keyed
    token_key, surname, similarity = form.token_key, form.surname, form.similarity
    profile = index.profiles[position]
    if form.two_genders:
        collector.reject(position, f"{token_key!r} and {surname!r} are two genders of a surname")
        return
    if len(keyed.tokens) == 1 and keyed.tokens[0] in generations():
        # Jr. or Sr. alone names nobody: it is said of a name, and is no surname itself.
        return
    if form.contradicts(profile.gender):
        collector.reject(position, f"surname form {token_key!r} is {form.query_gender}")
        return
    if facts.patronymic_after(surname_at):
        # East Slavic address puts the patronymic right after the given name (Vladimir
        # Vladimirovich, Yermak Timofeyevich), never after the surname: this word is a given
        # name. That rules out this reading of the query, not the entity: another word may
        # still be its surname (a surname written in a given name's place by a reversed
        # alias, Mykhaylakovych Daryna).
        collector.note(
            f"not {index.entities[position].id} by {keyed.tokens[surname_at]!r}:"
            " followed by a patronymic"
        )
        return
    # Speed: most people checked have a given name other than the one the query writes
    # first, and the loop below would reject them on that word, its first.
    lead = facts.lead_given(surname_at)
    if lead is not None and not profile.surname_first and _another_given_name(facts, profile, lead):
        collector.reject(position, f"{keyed.tokens[lead]!r}: contradiction: another given name")
        return
    given = initials = others = 0
    penalty = 0.0
    given_at: list[int] = []
    unknown_at: list[int] = []
    # With the given name written out, initials are a middle name's or the patronymic's
    # (Christopher W. Smith, Viktor A. Lukashenko), not the given name's.
    given_written = facts.given_written(surname_at)
    if profile.surname_first:
        verdict = _judge_whole_given(keyed, profile, surname_at)
        if verdict.startswith("contradiction") and _written_whole(index, keyed, position):
            verdict = "given"
        if verdict.startswith("contradiction"):
            collector.reject(position, verdict)
            return
        if verdict == "given":
            given += 1
            others += 1
    for j in range(len(keyed.readings[0])):
        if j == surname_at or (profile.surname_first and j not in keyed.initials):
            continue
        verdict = _judge_token(index, facts, profile, j, position, given_written=given_written)
        if verdict == "particle":
            continue
        others += 1
        if verdict.startswith("contradiction"):
            collector.reject(position, f"{keyed.tokens[j]!r}: {verdict}")
            return
        if verdict == "given":
            given += 1
            given_at.append(j)
        elif verdict == "initial":
            initials += 1
        elif verdict == "patronymic?":
            penalty += SCORES.unverified_patronymic_penalty
        elif verdict == "unknown":
            unknown_at.append(j)
    repeated = _word_used_twice(index, facts, position, surname_at, given_at)
    if repeated:
        # One word of the person's name cannot be both the surname and the given name.
        given -= len(repeated)
        given_at = [j for j in given_at if j not in repeated]
        unknown_at = sorted([*unknown_at, *repeated])
    own_given_at = min(given_at, default=len(keyed.readings[0]))
    if unknown_at and _names_forefathers(index.entities[position]) and not profile.surname_first:
        verdict = _judge_nasab(keyed, surname_at, own_given_at, unknown_at)
        if verdict.startswith("contradiction"):
            collector.reject(position, verdict)
            return
        if verdict == "nasab":
            # The father's and forefathers' names and the nisba, read in the chain after the
            # person's own name: unverified like a patronymic, not unknown.
            penalty += SCORES.unverified_patronymic_penalty * len(unknown_at)
            unknown_at = []
    elif unknown_at and not profile.surname_first:
        first_name = _judge_first_name(facts, profile, surname_at, given_at, unknown_at)
        if first_name:
            collector.reject(position, first_name)
            return
    penalty += SCORES.unknown_token_penalty * len(unknown_at)
    if given:
        score, how = SCORES.surname_and_given, "surname and given name"
    elif initials or others:
        score, how = SCORES.surname_and_initials, "surname and initials"
    else:
        score, how = SCORES.surname_only, "surname alone"
    # A surname alone, one slip from the registered one, may as well be another family's
    # (Maksimov, Massimov; Zakharchenko, Zakharanka): with no other word to confirm it, its
    # similarity earns nothing above the floor, which stays below the default threshold.
    evidence = similarity if others or similarity == 1.0 else 0.0
    score = score * max(evidence, SCORES.one_slip_similarity) - penalty
    method = Method.KEY if similarity == 1.0 else Method.FUZZY
    alias = (
        profile.surnames[surname] if surname in profile.surnames else index.entities[position].name
    )
    reason = f"{how} match ({token_key!r} ~ {surname!r}, similarity {similarity:.2f})"
    collector.offer(position, score, method, alias, reason)


_VOWELS = re.compile(r"[aeiouj]+")


#: Languages whose full names are a chain of forefathers' names (the nasab): an Arabic name is
#: the person's own name (ism), then the father's, the grandfather's..., then a family or
#: origin name (nisba): Saddam Hussein Abd al-Majid al-Tikriti is Saddam, son of Hussein, son
#: of Abd al-Majid, of Tikrit; Uday Saddam Hussein is Uday, son of Saddam.
_NASAB_LANGUAGES = frozenset({"ar"})


def _names_forefathers(entity: Entity) -> bool:
    return any(lang in _NASAB_LANGUAGES for lang, _ in entity.native)


def _judge_nasab(
    keyed: KeyedName, surname_at: int, own_given_at: int, unknown_at: list[int]
) -> str:
    """Read the words of a query the entity does not know as links of an Arabic name chain.

    A word before the person's own name, the surname and offices (President, Sheikh) aside,
    is someone else's own name: the query names a son or daughter (Uday Saddam Hussein), a
    contradiction. Words after the own
    name, when the own name leads the query, are the father's, forefathers' and origin names
    (``nasab``). Otherwise, nothing is said (``unknown``).
    """
    if own_given_at >= len(keyed.readings[0]):
        return "unknown"
    # An office before the name (President, Sheikh) is no child's name.
    before = [j for j in unknown_at if j < own_given_at and keyed.tokens[j] not in offices()]
    if before:
        return (
            f"contradiction: {keyed.tokens[before[0]]!r} comes before the own name "
            f"{keyed.tokens[own_given_at]!r}: in an Arabic name that is a child's name"
        )
    leading = [
        j
        for j in range(own_given_at)
        if j != surname_at and j not in keyed.initials and keyed.tokens[j] not in particles()
    ]
    return "unknown" if leading or surname_at < own_given_at else "nasab"


def _word_used_twice(
    index: Index, facts: _QueryWords, position: int, surname_at: int, given_at: list[int]
) -> list[int]:
    """The query's given names that repeat its surname word, which the person's name has once.

    A two-word name with no known given name is read both ways round (Baba Luka: Baba may be
    the surname or the given name), so the profile holds Baba as both. A query that writes
    the word twice (Baba, Baba) names someone whose name has it twice (Baba Baba), not a
    person in whose name the one word would have to be the surname and the given name at
    once. Rare (a query repeating a word), so the person's names are keyed here.
    """
    surname_keys = facts.keys(surname_at)
    same = [j for j in given_at if not facts.keys(j).isdisjoint(surname_keys)]
    if not same:
        return []
    entity = index.entities[position]
    for text in (entity.name, *entity.aliases, *(t for _, t in entity.native)):
        for reading in index.keyer.key(text).readings:
            if any(reading.count(key) > 1 for key in surname_keys):
                return []
    return same


def _judge_first_name(
    facts: _QueryWords,
    profile: PersonProfile,
    surname_at: int,
    given_at: list[int],
    unknown_at: list[int],
) -> str | None:
    """Why a word the entity does not know, where the first given name goes, names another.

    The given names are the words before the surname, or after the comma when the surname
    comes first ("Trump, Eric Donald"), and the first of them is the first given name. A
    word the person's names do not have, standing there before the person's own given name,
    is another person's first name, with the person's name as a middle name or as a piece of
    a double surname: Eric Donald Trump is not Donald Trump, Lurian Lula da Silva not Luiz
    Inacio Lula da Silva, Elina Kara-Murza not Vladimir Kara-Murza. So is such a word after
    the comma when the only word that matched a given name is before it, in the surname
    (Kara-Murza, Elina). Offices and ranks (President, General, Senator) are no first names.

    The own word must be a known given name of the person's (Donald) or a piece of the
    surname (Kara, hyphened to it; Lula, a surname of theirs): a call name that is no
    ordinary given name (Woodrow) is often the middle name or nickname its bearer uses
    instead of the first, so Thomas Woodrow Wilson may be Woodrow Wilson.
    """
    keyed = facts.keyed
    named = [j for j in unknown_at if keyed.tokens[j] not in offices()]
    if not named or not given_at:
        return None
    pieces = [j for j in given_at if _surname_piece(facts, profile, surname_at, j)]
    if len(pieces) == len(given_at):
        return (
            f"contradiction: {keyed.tokens[named[0]]!r} stands for the given name: the words"
            f" that match the person's names are the surname's ({keyed.tokens[pieces[0]]!r})"
        )
    comma = keyed.comma_at
    if comma is None:
        block = range(surname_at)
    elif surname_at < comma:
        block = range(comma, len(keyed.readings[0]))
    else:
        return None
    own = next((j for j in given_at if j in block), None)
    if own is None or (own not in pieces and facts.groups(own).isdisjoint(profile.given_groups)):
        return None
    before = [j for j in named if j in block and j < own]
    if not before:
        return None
    return (
        f"contradiction: {keyed.tokens[before[0]]!r} stands where the first given name goes,"
        f" before the person's own {keyed.tokens[own]!r}: another person's first name"
    )


def _surname_piece(facts: _QueryWords, profile: PersonProfile, surname_at: int, j: int) -> bool:
    """Whether word ``j``, which matched a name of the person, is a piece of the surname.

    A surname of the person's (Lula of Lula da Silva), a word hyphened to the surname
    (Kara-Murza, Kosiniak-Kamysz: a hyphen joins a double surname, and a given name is
    hyphened only to a given name), or a word before the comma that follows the surname.
    """
    keyed = facts.keyed
    if not facts.keys(j).isdisjoint(profile.surnames):
        return True
    if keyed.comma_at is not None and j < keyed.comma_at and surname_at < keyed.comma_at:
        return True
    first, second = sorted((j, surname_at))
    return second == first + 1 and f"{keyed.tokens[first]}-{keyed.tokens[second]}" in keyed.cleaned


def _is_abjad(entity: Entity) -> bool:
    # An abjad leaves short vowels out, so romanizations differ in vowels only (Yasser /
    # Yasir, Muammar / Moammar, Binyamin / Benjamin) while the consonants agree.
    return any(lang in ABJAD_LANGUAGES for lang, _ in entity.native)


def _skeleton(key: str) -> str:
    """A key's consonants, each run of vowels kept as one slot ``-``.

    Muammar, Moammar and Muammer are all ``m-m-r``: an abjad leaves the short vowels out,
    so their quality varies between romanizations, but where a vowel stands does not.
    Muhammad (``m-X-m-d``) and Mahmoud (``m-Xm-d``) share their consonants and are two
    names of one root: the slots keep them apart. Keys have their doubled letters merged
    already; two equal consonants that meet across a slot are two sounds and both stay.
    """
    return _VOWELS.sub("-", key)


def _written_whole(index: Index, keyed: KeyedName, position: int) -> bool:
    """Whether the whole query, read as one word, is one of the entity's names read so.

    A native Chinese or Korean name is one word (蔡英文, 김정은): its profile cannot say where
    the family name ends, so the given name a romanization splits off (Cai Yingwen, Цай
    Инвэнь) is not among the entity's whole given names. When the query's syllables, joined,
    key like one of the entity's own names, family and given name are both the entity's.
    """
    return any(
        index.forms[ref].entity == position
        for key in sorted(keyed.compact_keys)
        for ref in index.compact_keys.get(key, ())
    )


def _judge_whole_given(keyed: KeyedName, profile: PersonProfile, surname_at: int) -> str:
    """Compare the query's given name with a surname-first entity's, as one name.

    A Chinese, Korean or Vietnamese given name is one name written in syllables (Jong Un,
    Jong-un, Jongun): compared syllable by syllable, Kim Jong Nam would pass for Kim Jong Un
    with one unknown word. So the syllables are joined and must equal one of the entity's.
    """
    words = [
        j for j in range(len(keyed.readings[0])) if j != surname_at and j not in keyed.initials
    ]
    if not words:
        return "none"
    joined = {"".join(r[j] for j in words) for r in keyed.readings}
    if joined & profile.given_whole:
        return "given"
    return "contradiction: another given name (compared whole)"


def _another_given_name(facts: _QueryWords, profile: PersonProfile, j: int) -> bool:
    """Whether :func:`_judge_token` finds word ``j`` another given name than the person's.

    Only for a word :meth:`_QueryWords.lead_given` returns (written out, no particle, not
    shaped like a patronymic, a known given name): the person has given names of their own,
    and the word is none of their names, given-name groups or patronymics.
    """
    keys = facts.keys(j)
    return (
        bool(profile.given_groups)
        and keys.isdisjoint(profile.given)
        and keys.isdisjoint(profile.surnames)
        and facts.groups(j).isdisjoint(profile.given_groups)
        and keys.isdisjoint(profile.patronymics)
    )


def _judge_token(
    index: Index,
    facts: _QueryWords,
    profile: PersonProfile,
    j: int,
    position: int,
    *,
    given_written: bool = False,
) -> str:
    """How a non-surname token of the query relates to the person entity at ``position``."""
    keyed = facts.keyed
    keys = facts.keys(j)
    if keyed.tokens[j] in particles() and j not in keyed.initials:
        # "al", "bin", "von": shared by relatives and strangers alike, so no evidence either way.
        return "particle"
    if j in keyed.initials:
        letters = {unicodedata.normalize("NFKD", keyed.romanized[j][:1])[:1]}
        if is_cyrillic(keyed.tokens[j][:1]):
            # Also as written: the registry keeps Cyrillic given names' initials so (index.py).
            letters.add(written_initial(keyed.tokens[j]))
        # Initials come in the order of the name: the first is the given name's, the next
        # the patronymic's (A. G. Lukashenko), whichever side the surname stands on.
        if j == min(keyed.initials) and not given_written:
            if not letters.isdisjoint(profile.initials):
                return "initial"
            return "contradiction: initial does not match the given name"
        if not (
            letters.isdisjoint(profile.patronymic_initials) and letters.isdisjoint(profile.initials)
        ):
            return "initial"
        if profile.patronymic_initials:
            # Belarusian and Russian patronymics of one father can start differently
            # (Рыгоравіч / Григорьевич), so the registry lists both; a letter that is
            # neither is another father's.
            return "contradiction: initial does not match the patronymic"
        return "patronymic?"
    if not keys.isdisjoint(profile.given) or not keys.isdisjoint(profile.surnames):
        return "given"
    groups = facts.groups(j)
    if not groups.isdisjoint(profile.given_groups):
        return "given"
    if not keys.isdisjoint(profile.patronymics):
        return "given"
    if facts.patronymic_shaped(j):
        if not profile.patronymics:
            return "patronymic?"
        # A patronymic names the father: when both fathers' names are in the given-name
        # table and share no group, these are children of two different men.
        fathers = facts.fathers(j)
        known = index.given_names.groups_of(
            frozenset().union(*(patronymic_stems(p) for p in profile.patronymics))
        )
        if fathers and known:
            if fathers & known:
                return "given"
            return "contradiction: another father"
        # Belarusian and Russian patronymics of one father differ in more than spelling
        # (Рыгоравіч / Григорьевич), so only a clearly different one contradicts.
        similarity = max(fuzz.ratio(k, p) / 100 for k in keys for p in sorted(profile.patronymics))
        if similarity >= SCORES.patronymic_similarity:
            return "given"
        if similarity < SCORES.patronymic_contradiction:
            return "contradiction: another patronymic"
        return "patronymic?"
    if groups:
        gender = facts.gender(j)
        if profile.given_groups:
            return "contradiction: another given name"
        if gender and profile.gender and gender != profile.gender:
            return f"contradiction: a {gender} given name"
        return "unknown"
    entity = index.entities[position]
    if _is_abjad(entity):
        skeletons = {_skeleton(g) for g in profile.given}
        # Three consonants at least: a two-letter skeleton is too common to be evidence.
        if any(len(_VOWELS.sub("", k)) >= 3 and _skeleton(k) in skeletons for k in keys):
            return "given"
    # Fuzzy given-name evidence is looked for among the entity's given names only. A name
    # written surname first without a comma (Mykhaylakovych Daryna) puts the surname among
    # them too, as it may be read either way; forgiving a slip there would let a surname
    # one slip from the entity's through unguarded (the family guard of the surname step).
    given_only = [g for g in profile.given if g not in profile.surnames]
    # A fuzzy given-name match needs four letters on both sides: between shorter keys one
    # letter is already a different name (Mun / Myung, Ivan / Iva). And the same first letter:
    # writers rarely get it wrong, and names that differ there are two names (Evan / Levan).
    long_given = [g for g in given_only if len(g) >= 4]
    for key in keys:
        if len(key) >= 4 and long_given:
            best = process.extractOne(key, long_given, scorer=fuzz.ratio)
            if best is not None and best[1] >= 85 and best[0][0] == key[0]:
                return "given"
        # A word that is no given name we know, one slip of the pen from the entity's given
        # name (Mrksym / Maksym, Bhodan / Bohdan), is that name mistyped. Known names never
        # get here (another known name is a contradiction above), and five letters on both
        # sides keep short names apart.
        if len(key) >= SCORES.typo_given_length and any(
            len(g) >= SCORES.typo_given_length
            and g[0] == key[0]
            and OSA.distance(key, g, score_cutoff=1) <= 1
            for g in given_only
        ):
            return "given"
    if _one_slip_written(
        index, keyed.tokens[j], entity, profile.word_starts, given_only, SCORES.typo_given_length
    ):
        return "given"
    return "unknown"


def _one_slip_written(
    index: Index,
    token: str,
    entity: Entity,
    starts: Container[str],
    keys: Container[str],
    length: int,
    *,
    similarity: float = 0.0,
) -> bool:
    """Whether ``token`` is one slip of the pen from a name part as the registry writes it.

    ``keys`` are the keys of one name part of the entity (its given names, its surnames).
    Keys fold spelling conventions, and so can turn one slip into two: a letter left out of
    Тамара gives Тамаа, keyed ``tama`` against ``tamara``; Tetyaa for Tetyana loses the glide
    with the n. Compared as written, in the script and spelling of one of the entity's own
    names, it is one slip again. The registry word needs ``length`` letters and the query
    word one fewer: between shorter words one letter is already another name (Mun / Myung,
    Ivan / Iva). ``similarity`` is the least rapidfuzz ratio (0-1) of the two words, as the
    key rule asks of surnames: a changed letter in six (Orlova / Orleva) is another name.
    As for fuzzy surname keys, the first letter must agree: a slip there is rare, and a
    different first letter more often another name (Ilyina / Vilyina). ``starts`` holds the
    first letters of the words of the entity's names as written
    (:func:`~translit_norm.index.written_word_starts`).
    """
    written = strip_marks(token)
    # Speed: most people asked about have no word starting with the query word's letter,
    # and are ruled out without reading their names.
    if len(written) < length - 1 or written[0] not in starts:
        return False
    # Speed: most names of the entity have no word starting with the query word's first
    # letter. An ASCII letter is left as it is by strip_marks and never composed into another
    # character, so a name whose decomposed text lacks it has no such word: it is passed
    # over without stripping its marks, which is the costly part (and an ASCII name that
    # lacks it, without splitting it into words). Nor does a name hold a word one slip from
    # an ASCII query word if it lacks both the word's letters before its middle one and those
    # after it (a slip changes at most two neighbouring letters, so one of the two parts is
    # left whole): a run of ASCII letters of the name without marks is a run of its
    # decomposed text with every other character dropped.
    first = written[0] if written.isascii() else None
    middle = len(written) // 2
    before, after = written[:middle], written[middle + 1 :]
    for text, lang in _written_names(entity):
        # Words are compared first, the registry name keyed only when one is a slip away.
        keyed: KeyedName | None = None
        folded = text.casefold()
        if not folded.isascii():
            decomposed = unicodedata.normalize("NFD", folded)
            if first is not None:
                if first not in decomposed:
                    continue
                letters = decomposed.encode("ascii", "ignore").decode("ascii")
                if before not in letters and after not in letters:
                    continue
            folded = _without_marks(folded, decomposed)
        elif first is not None and (
            first not in folded or (before not in folded and after not in folded)
        ):
            continue
        for word in WRITTEN_WORD.findall(folded):
            if (
                len(word) < length
                or word[0] != written[0]
                or OSA.distance(written, word, score_cutoff=1) > 1
                or fuzz.ratio(written, word) < similarity * 100
            ):
                continue
            keyed = keyed or index.keyer.key(text, lang)
            for j, other in enumerate(keyed.tokens):
                if strip_marks(other) == word and any(
                    len(r) > j and r[j] in keys for r in keyed.readings
                ):
                    return True
    return False


def _written_names(entity: Entity) -> list[tuple[str, str | None]]:
    """The texts and languages of :meth:`Entity.forms`, without building the forms (speed)."""
    return [
        (entity.name, None),
        *((alias, None) for alias in entity.aliases),
        *((text, lang) for lang, text in entity.native),
    ]


def _without_marks(text: str, decomposed: str) -> str:
    """``strip_marks(text)``, given ``text``'s NFD, without a Python pass over every character.

    :func:`strip_marks` drops the characters of the NFD whose canonical combining class is not
    0, then composes the rest. Each distinct character is looked at once here instead: when
    every non-ASCII one is a mark (a Latin name with diacritics), the ASCII left is the answer,
    composed already; otherwise each mark is deleted with ``str.replace`` (a name has a few
    distinct marks, and ``str.translate`` looks every character of a Cyrillic name up in a
    dict) and the rest composed.
    """
    others = [c for c in set(decomposed) if not c.isascii()]
    marks = [c for c in others if unicodedata.combining(c)]
    if len(marks) == len(others):
        return decomposed.encode("ascii", "ignore").decode("ascii")
    for mark in marks:
        decomposed = decomposed.replace(mark, "")
    return unicodedata.normalize("NFC", decomposed)


#: Least rapidfuzz ratio (0-100) of a one-slip surname: a letter changed in a six-letter key
#: (0.83) is too large a part of it; one added or left out (0.92) is not.
_SURNAME_CUTOFF: Final = SCORES.surname_similarity * 100
#: Most registered surnames a word may be one slip from and still be read as a slip of one of
#: them. At 100k people, 52 of 53 names of nobody matched by a one-slip surname had two or more
#: such neighbours, 45 of them four or more; 182 of 200 true slips had three or fewer.
_MAX_SLIP_NEIGHBOURS: Final = 3
#: Fuzzy candidate search for whole-name keys (trigram retrieval, then rapidfuzz ratio): the
#: 30 keys sharing most trigrams, the best 10 of them above the cutoff.
_WHOLE_SEARCH: Final = Search(limit=30, cutoff=SCORES.whole_similarity * 100, best=10)


def fuzzy_keys(keyed: KeyedName) -> list[str]:
    """The whole-name keys of a query the fuzzy whole-name step will look up.

    :meth:`Registry.resolve_many` scores their candidates in one batch beforehand
    (:meth:`NgramIndex.prime`); the step then finds the answers remembered. Surname words
    need no batch: their one-slip lookup (slips.py) is exact and cheap one at a time.
    """
    return [k for k in keyed.compact_keys if len(k) >= SCORES.min_fuzzy_length]


def prime_fuzzy(index: Index, queries: Iterable[str], *, workers: int = 1) -> None:
    """Batch-score the fuzzy whole-name candidates of many queries (see :func:`fuzzy_keys`).

    Queries that :func:`collect_candidates` answers before the fuzzy steps (written as a
    registry name, or equal to one after cleaning) are left out: their scores would never
    be read. Without organizations or places in the registry there is nothing to score.
    """
    if not len(index.compact_grams):
        return
    wholes: list[str] = []
    for query in queries:
        if index.exact.get(unicodedata.normalize("NFC", query.strip())):
            continue
        keyed = index.keyer.key(query)
        if index.normalized.get(keyed.cleaned):
            continue
        wholes += fuzzy_keys(keyed)
    index.compact_grams.prime(wholes, _WHOLE_SEARCH, workers=workers)


def _by_fuzzy_whole(index: Index, keyed: KeyedName, collector: _Collector) -> None:
    # Only organizations and places are in the trigram index: a registry of people alone has
    # none to find (and the empty index would still split every key into trigrams).
    if not len(index.compact_grams):
        return
    offers: list[tuple[int, float, str, str]] = []
    derived = False
    for key in sorted(keyed.compact_keys):
        if len(key) < SCORES.min_fuzzy_length:
            continue
        for choice, score in index.compact_grams.similar(key, _WHOLE_SEARCH):
            similarity = score / 100
            why: str | None = None  # another_word, worked out once per choice
            for ref in index.compact_keys.get(choice, ()):
                position = index.forms[ref].entity
                if index.entities[position].kind is EntityKind.PERSON:
                    continue
                if why is None:
                    why = another_word(index.keyer, keyed, key, choice)
                    if why:
                        collector.note(f"not {choice!r} for {key!r}: {why}")
                        derived = derived or is_derivation(why)
                if why:
                    continue
                form = index.forms[ref]
                offers.append(
                    (position, similarity, form.text, f"similar key {key!r} ~ {choice!r}")
                )
    if derived and offers:
        # A word made from one registered name (Zaporizhzhian, an adjective of Zaporizhzhia)
        # is no name of any other: not of a longer name it happens to be close to (the
        # Zaporizhzhia plant), nor of another spelling of the same name (Dnepropetrovsk).
        collector.note("a word derived from a registered name: no fuzzy whole-name match")
        return
    for position, similarity, text, how in offers:
        collector.offer(
            position,
            SCORES.fuzzy_whole * similarity,
            Method.FUZZY,
            text,
            f"{how} ({similarity:.2f})",
        )


def _forms_keyed_like(index: Index, words: Sequence[str]) -> list[int]:
    """The forms whose cleaned text, full key or compact key is that of ``words``."""
    bare = index.keyer.key(" ".join(words))
    refs = list(index.normalized.get(bare.cleaned, ()))
    for key in sorted(bare.full_keys):
        refs += index.full_keys.get(key, ())
    for key in sorted(bare.compact_keys):
        refs += index.compact_keys.get(key, ())
    return refs


def _without_legal_form(index: Index, keyed: KeyedName, collector: _Collector) -> None:
    """Organizations and places: match the name with its legal-form designators removed."""
    rest = strip_legal_forms(keyed.tokens)
    if rest == keyed.tokens:
        return
    collector.note(f"legal form removed: {' '.join(rest)!r}")
    for ref in _forms_keyed_like(index, rest):
        form = index.forms[ref]
        if index.entities[form.entity].kind is EntityKind.PERSON:
            continue
        collector.offer(
            form.entity,
            SCORES.legal_form,
            Method.KEY,
            form.text,
            f"same name without its legal form ({' '.join(rest)!r})",
        )


def _by_consonants(index: Index, keyed: KeyedName, collector: _Collector) -> None:
    """Organizations and places named in an abjad: match by consonant skeleton.

    The query's consonants, read as consonants.py reads them, against those of a native
    Arabic, Persian or Hebrew name (al-Qahira and القاهرة, Yerushalayim and ירושלים).
    """
    if not index.skeleton_keys:
        return
    for key in sorted({skeleton(k) for k in keyed.compact_keys}):
        if len(key) < MIN_CONSONANTS:
            continue
        for ref in index.skeleton_keys.get(key, ()):
            form = index.forms[ref]
            collector.offer(
                form.entity,
                SCORES.consonants,
                Method.KEY,
                form.text,
                f"same consonants {key!r} as the native name" + origin_note(form.origin, None),
            )


def _by_name_core(index: Index, keyed: KeyedName, collector: _Collector) -> None:
    """Organizations and places: match by name core (name_cores.py).

    An organization matches when its name and the query agree once both have lost their
    descriptors, legal forms and home-country qualifiers; a qualifier the query adds must name
    a country whose language the entity has a native name in. A place matches when town and
    river agree, whatever the connective between them.
    """
    if not index.core_keys:  # no organization or place core registered: nothing to find
        return
    abroad: set[str] = set()
    for kind, score, what in (
        (EntityKind.ORGANIZATION, SCORES.name_core, "same name core {key!r}"),
        (EntityKind.PLACE, SCORES.river_town, "same town and river {key!r}"),
    ):
        for core in sorted(name_cores(index.keyer, keyed, kind), key=lambda c: c.key):
            for ref in index.core_keys.get(core.key, ()):
                form = index.forms[ref]
                entity = index.entities[form.entity]
                if entity.kind is not kind:
                    continue
                if not core.countries <= {lang for lang, _ in entity.native}:
                    if entity.id not in abroad:
                        abroad.add(entity.id)
                        collector.note(
                            f"name core: not {entity.id}: qualifier of another country"
                            f" ({', '.join(sorted(core.countries))})"
                        )
                    continue
                collector.offer(
                    form.entity,
                    score,
                    Method.KEY,
                    form.text,
                    what.format(key=core.key) + origin_note(form.origin, form.scheme),
                )


def _without_seat(index: Index, keyed: KeyedName, collector: _Collector) -> None:
    """Organizations: match a South Slavic "name, legal form, seat" by its name.

    The seat must be a place of the registry, so that words after a legal form that are
    part of the name (or another company's) are never dropped.
    """
    split = split_seat(keyed.tokens)
    if split is None:
        return
    name, seat = split
    seat_keys = index.keyer.key(" ".join(seat)).full_keys
    places = {
        index.entities[index.forms[ref].entity].name
        for key in sorted(seat_keys)
        for ref in index.full_keys.get(key, ())
        if index.entities[index.forms[ref].entity].kind is EntityKind.PLACE
    }
    if not places:
        return
    for ref in _forms_keyed_like(index, name):
        form = index.forms[ref]
        if index.entities[form.entity].kind is not EntityKind.ORGANIZATION:
            continue
        collector.offer(
            form.entity,
            SCORES.registered_seat,
            Method.KEY,
            form.text,
            f"{' '.join(name)!r} with its legal form and seat ({', '.join(sorted(places))})",
        )


#: Lithuanian gives foreign place names a nominative ending -as, -is, -us or -ys (Minskas,
#: Gomelis, Kijevas); without it the stem is the name as other languages write it.
_BALTIC_ENDINGS = ("as", "is", "us", "ys")


def _without_baltic_ending(index: Index, keyed: KeyedName, collector: _Collector) -> None:
    """Places: a one-word name with a Baltic nominative ending is matched by its stem."""
    if len(keyed.tokens) != 1 or collector.best:
        return
    word = keyed.tokens[0]
    for ending in _BALTIC_ENDINGS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 4:
            continue
        for key in sorted(index.keyer.key(stem).full_keys):
            for ref in index.full_keys.get(key, ()):
                form = index.forms[ref]
                if index.entities[form.entity].kind is not EntityKind.PLACE:
                    continue
                collector.offer(
                    form.entity,
                    SCORES.baltic_ending,
                    Method.KEY,
                    form.text,
                    f"{stem!r} with a Baltic nominative ending {ending!r}",
                )


@dataclass(frozen=True)
class _MarkedReading:
    """The keys of a query that only its written marks give.

    A mark is evidence: ISO 9 Âna is Яна (``jana``), and the same word without its mark, Ana,
    is Анна. Every Latin spelling is also read with its marks removed (keys.py), because
    ASCII-only channels drop them; so a query that writes a mark also has the keys of the
    spelling without it. Those are a fallback for a name that lost its marks on the way: when
    the query still has them, a name matched only that way is weaker than one matched through
    the reading the marks give.

    Attributes:
        names: Whole-name keys (full and compact) the spelling without marks does not give.
        words: For each word, its keys the word without marks does not give.
    """

    names: frozenset[str]
    words: tuple[frozenset[str], ...]


def _marked_reading(
    index: Index, keyed: KeyedName, only: AbstractSet[str] | None = None
) -> _MarkedReading | None:
    """The keys only the marks of the query's Latin words give, or None when there are none.

    Cyrillic words keep their marks (й, ё are letters of the alphabet, not marks a channel
    drops), as the keyer keeps them. With ``only``, only the marks of those letters count.
    """

    def without_marks(chunk: str) -> str:
        if any(is_cyrillic(c) for c in chunk):
            return chunk
        if only is None:
            return strip_marks(chunk)
        return "".join(strip_marks(c) if c in only else c for c in chunk)

    plain_text = " ".join(without_marks(chunk) for chunk in keyed.cleaned.split(" "))
    if plain_text == keyed.cleaned:
        return None
    plain = index.keyer.key(plain_text)
    if not plain.readings or len(plain.readings[0]) != len(keyed.readings[0]):
        return None
    names = (keyed.full_keys - plain.full_keys) | (keyed.compact_keys - plain.compact_keys)
    words = tuple(
        frozenset(r[j] for r in keyed.readings if r[j])
        - frozenset(r[j] for r in plain.readings if r[j])
        for j in range(len(keyed.readings[0]))
    )
    if not names and not any(words):
        return None
    return _MarkedReading(names, words)


def _honours_marks(index: Index, marked: _MarkedReading, position: int) -> bool:
    """Whether the entity at ``position`` holds a name, or a name part, the marks' reading gives.

    A whole name keyed like the query's marked reading, or a surname, given name or
    patronymic keyed like one of its words so read, or a given-name group (Yana's) that only
    the marked reading of a word belongs to.
    """
    for key in sorted(marked.names):
        refs = (*index.full_keys.get(key, ()), *index.compact_keys.get(key, ()))
        if any(index.forms[ref].entity == position for ref in refs):
            return True
    profile = index.profiles.get(position)
    if profile is None:
        return False
    for keys in marked.words:
        if not keys:
            continue
        if (
            not keys.isdisjoint(profile.surnames)
            or not keys.isdisjoint(profile.given)
            or not keys.isdisjoint(profile.patronymics)
            or not index.given_names.groups_of(keys).isdisjoint(profile.given_groups)
        ):
            return True
    return False


def weaker_than_marked(
    index: Index,
    query: str,
    ranked: list[Candidate],
    best_of: dict[int, Candidate] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
) -> frozenset[str]:
    """Ids of the close candidates that only the query read without its marks finds.

    Only when the best candidates are within ``margin`` of each other, some of them honour the
    query's marks (:func:`_honours_marks`) and some do not: those that do not are the weaker
    (:class:`_MarkedReading`), if the registry writes a name of theirs with marks at all, or
    if they miss what a letter that stands for a glide and a vowel gives (ISO 9 â, û, ê: Âna
    is Яна, Ana is Анна, two names). Otherwise a registry entry written without marks cannot
    show them (Vucic for Vučić is one name): the query's marks are no evidence against it.
    With no marks in the query, or none that change its keys, nothing is weaker.
    ``best_of`` (position -> candidate, from the collector) spares reading the id table;
    :func:`decide` takes the result as ``weaker``.
    """
    if len(ranked) < 2 or ranked[0].score < threshold:
        return frozenset()
    best = ranked[0]
    close = [
        best,
        *(c for c in ranked[1:] if c.score >= threshold and best.score - c.score < margin),
    ]
    if len(close) < 2:
        return frozenset()
    keyed = index.keyer.key(query)
    marked = _marked_reading(index, keyed)
    if marked is None:
        return frozenset()
    glide = _marked_reading(index, keyed, only=glide_letters())
    if best_of is None:
        positions = {c.id: index.by_id[c.id] for c in close}
    else:
        # The positions come from the candidates' collector: the id table is not read (memory).
        positions = {c.id: position for position, c in best_of.items()}
    honour = {c.id: _honours_marks(index, marked, positions[c.id]) for c in close}
    if all(honour.values()) or not any(honour.values()):
        return frozenset()
    return frozenset(
        c.id
        for c in close
        if not honour[c.id]
        and (
            (glide is not None and not _honours_marks(index, glide, positions[c.id]))
            or _writes_marks(index.entities[positions[c.id]])
        )
    )


def _writes_marks(entity: Entity) -> bool:
    """Whether the registry writes a name of ``entity`` in Latin letters with marks."""
    return any(
        strip_marks(text) != text and not any(is_cyrillic(c) for c in text)
        for text, _ in _written_names(entity)
    )


def decide(
    query: str,
    ranked: list[Candidate],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    steps: list[str] | None = None,
    weaker: Container[str] = frozenset(),
) -> Match:
    """Turn ranked candidates into a verdict.

    Unknown when the best is below ``threshold``; ambiguous when another entity above the
    threshold is within ``margin`` of the best; matched otherwise. Ties in score are broken by
    entity id, so the answer never depends on registry or hash order.

    ``weaker`` are ids of candidates whose evidence is weaker than their score says (found
    only by the query read without the marks it writes): among entities within ``margin`` of
    the best, they give way to the others and make none of them ambiguous.
    """
    explanation = tuple(steps) if steps is not None else None
    if not ranked or ranked[0].score < threshold:
        closest = ranked[0] if ranked else None
        return Match(
            query,
            Status.UNKNOWN,
            score=None,
            reason="no entity" if closest is None else f"best candidate below {threshold}",
            runner_up=closest,
            explanation=explanation,
        )
    best = ranked[0]
    close = [c for c in ranked[1:] if c.score >= threshold and best.score - c.score < margin]
    stronger = [c for c in (best, *close) if c.id not in weaker]
    if close and stronger and len(stronger) < len(close) + 1:
        # The strongest that is not weaker, and every other not weaker within the margin of
        # it, wherever it ranks: settling a tie never makes a match out of another tie.
        best = stronger[0]
        close = [
            c
            for c in ranked
            if c is not best
            and c.id not in weaker
            and c.score >= threshold
            and best.score - c.score < margin
        ]
    runner_up = next((c for c in ranked if c is not best), None)
    if close:
        return Match(
            query,
            Status.AMBIGUOUS,
            score=best.score,
            reason=f"{len(close) + 1} entities within {margin} of each other",
            runner_up=runner_up,
            candidates=(best, *close),
            explanation=explanation,
        )
    return Match(
        query,
        Status.MATCHED,
        id=best.id,
        name=best.name,
        score=best.score,
        alias=best.alias,
        method=best.method,
        reason=best.reason,
        runner_up=runner_up,
        explanation=explanation,
    )


def resolve(
    index: Index,
    query: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    explain: bool = False,
) -> Match:
    """Resolve one query against a compiled index (see :meth:`Registry.resolve`)."""
    store = _BatchStore()
    steps = _resolve_steps(index, query, store, threshold=threshold, margin=margin, explain=explain)
    return _alone(store, steps)


def resolve_batch(
    index: Index,
    queries: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    workers: int = 1,
    pool: Executor | None = None,
) -> list[Match]:
    """Resolve many queries as :func:`resolve` does, with the given-name group search batched.

    The queries are taken in slices of :data:`_BATCH_SLICE`. Each query's steps run until they
    finish or pause for the group search (:class:`_BatchStore`); the search runs once for all
    the paused queries of the slice, and they resume. The store of searched groups is dropped
    with the slice. The answers are :func:`resolve`'s, in the order of ``queries``.

    Args:
        index: The compiled index.
        queries: The queries (strings).
        threshold: As :func:`resolve`.
        margin: As :func:`resolve`.
        workers: Threads for rapidfuzz's group search.
        pool: Runs the queries' steps on its threads when given (their order is kept).
    """
    answers: list[Match] = []
    for start in range(0, len(queries), _BATCH_SLICE):
        store = _BatchStore(workers=workers)
        steps = [
            _resolve_steps(index, query, store, threshold=threshold, margin=margin, explain=False)
            for query in queries[start : start + _BATCH_SLICE]
        ]
        done: list[Match | None] = [None] * len(steps)
        paused = list(range(len(steps)))
        while paused:
            waiting = [steps[k] for k in paused]
            outcomes = pool.map(_step, waiting) if pool is not None else map(_step, waiting)
            again: list[int] = []
            for k, outcome in zip(paused, outcomes, strict=True):
                if isinstance(outcome, Match):
                    done[k] = outcome
                else:
                    store.want(outcome)
                    again.append(k)
            store.search()
            paused = again
        answers += [answer for answer in done if answer is not None]
    return answers


#: Queries whose steps :func:`resolve_batch` holds at once: a paused query's state (its
#: candidates, keys and facts about its words) is a few kB.
_BATCH_SLICE: Final = 2048

#: :func:`resolve` as steps (see :func:`_resolve_steps`).
_ResolveSteps = Generator[_Wanted, None, Match]


def _step(steps: _ResolveSteps) -> Match | _Wanted:
    """Run (or resume) ``steps`` until they pause or finish.

    Returns:
        What they pause for, or the answer when they finish.
    """
    try:
        return next(steps)
    except StopIteration as finished:
        answer: Match = finished.value
        return answer


def _alone(store: _BatchStore, steps: Generator[_Wanted, None, _T]) -> _T:
    """Run one query's steps to the end, searching what they pause for as they ask."""
    try:
        while True:
            store.want(next(steps))
            store.search()
    except StopIteration as finished:
        result: _T = finished.value
        return result


def _resolve_steps(
    index: Index,
    query: str,
    store: _BatchStore,
    *,
    threshold: float,
    margin: float,
    explain: bool,
) -> Generator[_Wanted, None, Match]:
    """:func:`resolve` as steps that pause for the group search (see :func:`_collect`)."""
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, not {type(query).__name__}")
    if len(query) > MAX_QUERY_CHARS:
        return Match(
            query,
            Status.UNKNOWN,
            reason=f"input longer than {MAX_QUERY_CHARS} characters is not a name",
            explanation=() if explain else None,
        )
    if not explain:
        # Fast path: a name written exactly as the registry holds it (Index.exact_answer).
        answer = index.exact_answer(query)
        if answer is not None:
            return answer
    if not query.strip():
        return Match(
            query, Status.UNKNOWN, reason="empty input", explanation=() if explain else None
        )
    ranked, steps, best = yield from _collect(
        index, query, store, explain=explain, exhaustive=False
    )
    if explain:
        rejected = [s for s in steps if s.startswith("guard:")]
        steps = [s for s in steps if not s.startswith("guard:")] + rejected
    weaker = weaker_than_marked(index, query, ranked, best, threshold=threshold, margin=margin)
    if explain and weaker:
        steps.append(f"marks: the query's marks are not honoured by {', '.join(sorted(weaker))}")
    return decide(
        query,
        ranked,
        threshold=threshold,
        margin=margin,
        steps=steps if explain else None,
        weaker=weaker,
    )
