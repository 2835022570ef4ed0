"""A mark is evidence: the reading that honours a query's marks beats the one that drops them.

ISO 9 writes Яна as Âna and Анна as Anna; every Latin spelling is also read without its marks
(for ASCII channels), so Âna also reads as Ana. These tests pin down that the marks' reading
breaks a tie that the reading without them makes, never the reverse, and that a name of which
the marks were lost stays ambiguous.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit_norm import Entity, EntityKind, Registry, Status
from translit_norm.resolver import DEFAULT_MARGIN, DEFAULT_THRESHOLD, decide
from translit_norm.results import Candidate, Method


def _woman(entity_id: str, name: str, aliases: tuple[str, ...], native: str) -> Entity:
    return Entity(
        entity_id,
        name,
        EntityKind.PERSON,
        aliases=aliases,
        native=(("ru", native),),
        gender="female",
    )


@pytest.fixture(scope="module")
def yana_and_anna() -> Registry:
    return Registry(
        [
            _woman("yana-sorokina", "Yana Sorokina", ("Âna Sorokina",), "Яна Сорокина"),
            _woman("anna-sorokina", "Anna Sorokina", (), "Анна Сорокина"),
        ]
    )


@pytest.mark.parametrize("query", ["Sorokina Âna", "Âna Sorokinà", "SOROKINA, Âna"])
def test_a_written_mark_picks_the_name_it_spells(yana_and_anna: Registry, query: str) -> None:
    match = yana_and_anna.resolve(query)
    assert match.status is Status.MATCHED, match
    assert match.id == "yana-sorokina"
    assert match.runner_up is not None and match.runner_up.id == "anna-sorokina"


def test_a_lost_mark_leaves_the_name_ambiguous(yana_and_anna: Registry) -> None:
    # Ana may be Анна, or Âna printed by a channel that drops marks: a miss, not a guess.
    match = yana_and_anna.resolve("Sorokina Ana")
    assert match.status is Status.AMBIGUOUS
    assert {c.id for c in match.candidates} == {"yana-sorokina", "anna-sorokina"}


def test_the_spelling_without_marks_does_not_give_its_given_name_group(
    yana_and_anna: Registry,
) -> None:
    # Hanna is Ганна, of Anna's group; Yana is no Hanna because her alias Âna reads Ana
    # without its mark.
    match = yana_and_anna.resolve("Hanna Sorokina")
    assert match.status is Status.MATCHED, match
    assert match.id == "anna-sorokina"


def test_the_spelling_without_marks_still_finds_the_person_alone() -> None:
    registry = Registry(
        [_woman("yana-sorokina", "Yana Sorokina", ("Âna Sorokina",), "Яна Сорокина")]
    )
    assert registry.resolve("Sorokina Ana").id == "yana-sorokina"


def test_a_mark_that_changes_no_key_breaks_no_tie() -> None:
    # ì reads as i whether written or not: both Sorokinas are as likely as before.
    registry = Registry(
        [
            _woman("anna-sorokina-1", "Anna Sorokina", (), "Анна Сорокина"),
            Entity(
                "anna-sorokina-2",
                "Anna Sorokina",
                EntityKind.PERSON,
                aliases=("Anna Sorokìna",),
                gender="female",
            ),
        ]
    )
    match = registry.resolve("Sorokìna Anna")
    assert match.status is Status.AMBIGUOUS


def _candidate(entity_id: str, score: float) -> Candidate:
    return Candidate(entity_id, entity_id, score, Method.KEY, entity_id, "test")


def test_decide_lets_weaker_candidates_give_way_only_within_the_margin() -> None:
    ranked = [_candidate("a", 0.95), _candidate("b", 0.95), _candidate("c", 0.94)]
    assert decide("q", ranked).status is Status.AMBIGUOUS
    match = decide("q", ranked, weaker={"a"})
    assert match.status is Status.AMBIGUOUS
    assert {c.id for c in match.candidates} == {"b", "c"}
    match = decide("q", ranked, weaker={"a", "c"})
    assert match.status is Status.MATCHED and match.id == "b"
    assert match.runner_up is not None and match.runner_up.id == "a"
    # Everyone weaker: nobody is stronger than anybody, the tie stands.
    assert decide("q", ranked, weaker={"a", "b", "c"}).status is Status.AMBIGUOUS
    # Beyond the margin the weaker evidence is not in a tie, and wins on its score.
    far = [_candidate("a", 0.95), _candidate("b", 0.9)]
    assert decide("q", far, weaker={"a"}).id == "a"


@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.floats(0.5, 1.0)),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
    st.sets(st.sampled_from("abcdef")),
)
def test_decide_never_matches_a_weaker_candidate_over_a_close_stronger_one(
    scored: list[tuple[str, float]], weaker: set[str]
) -> None:
    ranked = sorted((_candidate(i, round(s, 6)) for i, s in scored), key=lambda c: -c.score)
    match = decide("q", ranked, weaker=weaker)
    plain = decide("q", ranked)
    # The rule only ever settles a tie: it never turns a match or a miss into anything else,
    # and the tie it settles goes to evidence that is not weaker.
    if plain.status is not Status.AMBIGUOUS:
        assert (match.status, match.id) == (plain.status, plain.id)
    elif match.status is Status.MATCHED:
        assert match.id not in weaker
        assert match.id in {c.id for c in plain.candidates}
        # ...and no candidate that is not weaker is within the margin of the winner.
        assert not any(
            c.id != match.id
            and c.id not in weaker
            and c.score >= DEFAULT_THRESHOLD
            and abs(c.score - (match.score or 0.0)) < DEFAULT_MARGIN
            for c in ranked
        )
    else:
        assert match.status is Status.AMBIGUOUS


def test_settling_a_tie_never_makes_a_match_out_of_another_tie() -> None:
    # a is weaker; b and c are 0.02 apart, closer than the margin: still a tie.
    ranked = [_candidate("a", 0.95), _candidate("b", 0.93), _candidate("c", 0.91)]
    match = decide("q", ranked, weaker={"a"})
    assert match.status is Status.AMBIGUOUS
    assert {c.id for c in match.candidates} == {"b", "c"}


@pytest.mark.parametrize(
    ("plain", "marked", "query"),
    [
        ("Andrej Vucic", "Andrej Vučić", "Vučić Andrej"),
        ("Taras Sevcenko", "Taras Ševčenko", "Ševčenko Taras"),
        ("Leonid Kravcuk", "Leonid Kravčuk", "Kravčuk Leonid"),
    ],
)
def test_a_registry_name_written_without_marks_is_not_weaker(
    plain: str, marked: str, query: str
) -> None:
    # Two people of one name, one registered in ASCII: he cannot show the marks, so the
    # query's marks are no evidence against him, and the tie stands.
    registry = Registry(
        [
            Entity("one", plain, EntityKind.PERSON, gender="male"),
            Entity("two", marked, EntityKind.PERSON, gender="male"),
        ]
    )
    assert registry.resolve(query).status is Status.AMBIGUOUS
