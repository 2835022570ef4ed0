"""The matchers a user would otherwise pick, run on the same protocols as translit_norm.

Benchmark support, not part of the library; the dependencies are the optional ``bench`` extra.

1. ``wratio``: unidecode + lowercase (+ rapidfuzz's default punctuation/space clean-up), then
   ``rapidfuzz.process.extractOne`` with ``fuzz.WRatio`` over every registry name.
2. ``jaro-winkler``: the same keys and retrieval, scored by ``JaroWinkler.normalized_similarity``.
3. ``nomenklatura``: OpenSanctions' ``LogicV2`` comparison (the scorer behind yente) over the
   15 best candidates by WRatio (standing in for yente's Elasticsearch retrieval, which needs a
   server), at its documented 0.7 threshold.

Each answers the best-scoring entity when its score reaches the cutoff, else nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from dataset import Protocol
from evaluate import Answer, System
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.utils import default_process
from unidecode import unidecode


def ascii_key(text: str) -> str:
    """unidecode + lowercase + rapidfuzz's clean-up (non-alphanumerics to spaces, trimmed)."""
    return str(default_process(unidecode(text).lower()))


def _registry_names(proto: Protocol) -> tuple[list[str], list[str]]:
    keys: list[str] = []
    owners: list[str] = []
    for entity in proto.entities:
        names = [entity.name, *(text for _, text in entity.native), *proto.aliases[entity.id]]
        for name in dict.fromkeys(names):
            keys.append(ascii_key(name))
            owners.append(entity.id)
    return keys, owners


class FuzzyBaseline(System):
    """Best registry name by a rapidfuzz scorer; matched when the score reaches the cutoff."""

    def __init__(
        self, proto: Protocol, name: str, scorer: Callable[..., float], scale: float
    ) -> None:
        self.name = name
        keys, owners = _registry_names(proto)
        self._best = [self._one(q.text, keys, owners, scorer, scale) for q in proto.queries]
        self._negative_best = [
            self._one(n.text, keys, owners, scorer, scale) for n in proto.negatives
        ]

    @staticmethod
    def _one(
        text: str,
        keys: list[str],
        owners: list[str],
        scorer: Callable[..., float],
        scale: float,
    ) -> tuple[str | None, float]:
        found = process.extractOne(ascii_key(text), keys, scorer=scorer, processor=None)
        if found is None:
            return None, 0.0
        return owners[found[2]], float(found[1]) / scale

    def answers(self, threshold: float) -> tuple[list[Answer], list[Answer]]:
        def cut(best: Sequence[tuple[str | None, float]]) -> list[Answer]:
            return [entity if score >= threshold else None for entity, score in best]

        return cut(self._best), cut(self._negative_best)


def wratio(proto: Protocol) -> FuzzyBaseline:
    """Baseline 1: WRatio, thresholds swept from 0.50 to 1.00."""
    system = FuzzyBaseline(proto, "wratio", fuzz.WRatio, 100.0)
    system.default_threshold = 0.9
    system.thresholds = tuple(round(0.5 + 0.01 * i, 2) for i in range(51))
    return system


def jaro_winkler(proto: Protocol) -> FuzzyBaseline:
    """Baseline 2: Jaro-Winkler on the same keys, thresholds swept from 0.50 to 1.00."""
    system = FuzzyBaseline(proto, "jaro-winkler", JaroWinkler.normalized_similarity, 1.0)
    system.default_threshold = 0.9
    system.thresholds = tuple(round(0.5 + 0.01 * i, 2) for i in range(51))
    return system


_SCHEMA = {"person": "Person", "organization": "Organization", "place": "LegalEntity"}


class Nomenklatura(System):
    """OpenSanctions nomenklatura ``LogicV2`` over WRatio-retrieved candidates."""

    name = "nomenklatura LogicV2"
    default_threshold = 0.7
    thresholds = tuple(round(0.5 + 0.02 * i, 2) for i in range(26))
    retrieve = 15

    def __init__(self, proto: Protocol) -> None:
        from followthemoney import model
        from nomenklatura.matching import LogicV2

        self._logic = LogicV2
        self._config = _scoring_config(LogicV2)
        self._model = model
        keys, owners = _registry_names(proto)
        self._keys, self._owners = keys, owners
        self._candidates: dict[str, Any] = {}
        for entity in proto.entities:
            proxy = model.make_entity(_SCHEMA[entity.kind])
            proxy.id = entity.id
            names = [entity.name, *(t for _, t in entity.native), *proto.aliases[entity.id]]
            proxy.add("name", list(dict.fromkeys(names)))
            self._candidates[entity.id] = proxy
        self._best = [self._one(q.text) for q in proto.queries]
        self._negative_best = [self._one(n.text) for n in proto.negatives]

    def _one(self, text: str) -> tuple[str | None, float]:
        found = process.extract(
            ascii_key(text), self._keys, scorer=fuzz.WRatio, processor=None, limit=self.retrieve * 3
        )
        ids = list(dict.fromkeys(self._owners[i] for _, _, i in found))[: self.retrieve]
        best: tuple[str | None, float] = (None, 0.0)
        for entity_id in ids:
            candidate = self._candidates[entity_id]
            query = self._model.make_entity(candidate.schema.name)
            # A distinct id per text: nomenklatura caches work per entity id.
            query.id = f"query-{hashlib.sha1(text.encode('utf-8')).hexdigest()}"
            query.add("name", text)
            score = float(self._logic.compare(query, candidate, self._config).score)
            if score > best[1]:
                best = (entity_id, score)
        return best

    def answers(self, threshold: float) -> tuple[list[Answer], list[Answer]]:
        def cut(best: Sequence[tuple[str | None, float]]) -> list[Answer]:
            return [entity if score >= threshold else None for entity, score in best]

        return cut(self._best), cut(self._negative_best)


def _scoring_config(logic: Any) -> Any:
    from nomenklatura.matching.types import ScoringConfig

    return ScoringConfig.defaults()
