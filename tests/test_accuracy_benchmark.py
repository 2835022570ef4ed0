"""The accuracy benchmark (benchmarks/accuracy) on a slice of its dev set, as a regression guard.

The full benchmark prints figures (``python benchmarks/accuracy/run.py``); this test runs the
same computation on the Belarusian entities, the hard negatives near them and the controls,
under both protocols, and requires no wrong entity and no false match there: a new rule that
merges a relative or a namesake shows up in CI, not only in the next benchmark run.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "accuracy"


@pytest.fixture(scope="module")
def bench() -> Iterator[dict[str, Any]]:
    """The benchmark's modules (they live outside the package, so they are put on the path)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(BENCH))
        yield {
            "dataset": importlib.import_module("dataset"),
            "evaluate": importlib.import_module("evaluate"),
        }


@pytest.fixture(scope="module")
def systems(bench: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Protocol name -> (protocol, translit_norm system) on the Belarusian slice."""
    dataset, evaluate = bench["dataset"], bench["evaluate"]
    entities, negatives = dataset.country_slice(
        dataset.load_entities(), dataset.load_negatives(), ["by"]
    )
    assert len(entities) >= 10 and len(negatives) >= 20
    result = {}
    for name in ("zero-alias", "half-alias"):
        proto = dataset.protocol(name, entities, negatives)
        result[name] = (proto, evaluate.TranslitNorm(proto))
    return result


@pytest.mark.parametrize("name", ["zero-alias", "half-alias"])
def test_belarus_slice_has_no_wrong_entity_and_no_false_match(
    bench: dict[str, Any], systems: dict[str, tuple[Any, Any]], name: str
) -> None:
    evaluate = bench["evaluate"]
    proto, system = systems[name]
    answers, negative_answers = system.answers(system.default_threshold)
    figures = evaluate.figures(proto.queries, answers, negative_answers)
    wrong = [f for f in evaluate.failures(proto.queries, answers) if f[1] is not None]
    assert figures.wrong == 0, wrong
    assert figures.false_matches == 0, evaluate.false_matches(proto.negatives, negative_answers)
    # The slice is not trivial: most variants are found.
    assert figures.accuracy >= 0.85


def test_sweep_answers_agree_with_the_public_api(systems: dict[str, tuple[Any, Any]]) -> None:
    proto, system = systems["zero-alias"]
    answers, negative_answers = system.answers(system.default_threshold)
    assert answers == system.resolve_all(q.text for q in proto.queries)
    assert negative_answers == system.resolve_all(n.text for n in proto.negatives)


def test_half_alias_split_is_stable_and_disjoint(bench: dict[str, Any]) -> None:
    dataset = bench["dataset"]
    entity = dataset.load_entities()[0]
    known, asked = dataset.split_half(entity.variants)
    again_known, again_asked = dataset.split_half(tuple(reversed(entity.variants)))
    assert (known, asked) == (again_known, again_asked)
    assert not {v.text for v in known} & {v.text for v in asked}
    assert len(known) + len(asked) == len(entity.variants)
    assert len(asked) - len(known) in (0, 1)
