"""Scoring resolvers on the accuracy dev set: figures, breakdowns and threshold sweeps.

Benchmark support, not part of the library. Every system (translit_norm and each baseline)
is reduced to one thing: for a threshold, the entity id it answers for each text, or None for
an abstention (unknown or ambiguous). The figures are then computed the same way for all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dataset import Negative, Protocol, Variant, registry_entities

from translit_norm import Expansion, Registry
from translit_norm.resolver import (
    DEFAULT_THRESHOLD,
    collect_candidates,
    decide,
    weaker_than_marked,
)
from translit_norm.results import Candidate, Status

Answer = str | None


@dataclass(frozen=True)
class Figures:
    """Counts for one system on one protocol (or one slice of it)."""

    queries: int
    correct: int
    wrong: int
    negatives: int
    false_matches: int

    @property
    def abstained(self) -> int:
        return self.queries - self.correct - self.wrong

    @property
    def accuracy(self) -> float:
        return self.correct / self.queries if self.queries else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.queries if self.queries else 0.0

    @property
    def abstain_rate(self) -> float:
        return self.abstained / self.queries if self.queries else 0.0

    @property
    def false_match_rate(self) -> float:
        return self.false_matches / self.negatives if self.negatives else 0.0


def figures(
    queries: Sequence[Variant],
    answers: Sequence[Answer],
    negative_answers: Sequence[Answer] = (),
) -> Figures:
    """Count right, wrong and abstained answers, and negatives given an entity."""
    correct = sum(1 for q, a in zip(queries, answers, strict=True) if a == q.entity)
    wrong = sum(1 for q, a in zip(queries, answers, strict=True) if a is not None and a != q.entity)
    false = sum(1 for a in negative_answers if a is not None)
    return Figures(len(queries), correct, wrong, len(negative_answers), false)


def breakdown(
    queries: Sequence[Variant],
    answers: Sequence[Answer],
    group: Callable[[Variant], str],
) -> dict[str, Figures]:
    """Figures per group of queries (by script, language, form...), largest group first."""
    groups: dict[str, tuple[list[Variant], list[Answer]]] = {}
    for query, answer in zip(queries, answers, strict=True):
        qs, ans = groups.setdefault(group(query), ([], []))
        qs.append(query)
        ans.append(answer)
    result = {name: figures(qs, ans) for name, (qs, ans) in groups.items()}
    return dict(sorted(result.items(), key=lambda item: (-item[1].queries, item[0])))


class System:
    """A resolver under test: answers at a threshold, for queries and negatives."""

    name: str
    default_threshold: float
    thresholds: tuple[float, ...]

    def answers(self, threshold: float) -> tuple[list[Answer], list[Answer]]:
        """(answers to the queries, answers to the negatives) at ``threshold``."""
        raise NotImplementedError

    def run(self, proto: Protocol, threshold: float | None = None) -> Figures:
        """Figures at ``threshold`` (default: the system's own default)."""
        chosen = self.default_threshold if threshold is None else threshold
        answers, negative_answers = self.answers(chosen)
        return figures(proto.queries, answers, negative_answers)

    def sweep(self, proto: Protocol) -> list[tuple[float, Figures]]:
        """Figures at every threshold of :attr:`thresholds`."""
        return [(t, self.run(proto, t)) for t in self.thresholds]


class TranslitNorm(System):
    """translit_norm's public Registry built from the protocol's registry."""

    name = "translit_norm"
    default_threshold = DEFAULT_THRESHOLD
    thresholds = tuple(round(0.5 + 0.02 * i, 2) for i in range(26))

    def __init__(self, proto: Protocol, *, expand: Expansion = Expansion.DEFAULT) -> None:
        self.registry = Registry(registry_entities(proto), expand=expand)
        index = self.registry.index
        # Ranked candidates once per text; the verdict at any threshold is decide() on them.
        self._ranked = [collect_candidates(index, q.text)[0] for q in proto.queries]
        self._negative_ranked = [collect_candidates(index, n.text)[0] for n in proto.negatives]
        self._texts = [q.text for q in proto.queries]
        self._negative_texts = [n.text for n in proto.negatives]

    def _answer(self, text: str, ranked: list[Candidate], threshold: float) -> Answer:
        # As Registry.resolve decides: a tie its written marks settle is settled.
        weaker = weaker_than_marked(self.registry.index, text, ranked, threshold=threshold)
        match = decide(text, ranked, threshold=threshold, weaker=weaker)
        return match.id if match.status is Status.MATCHED else None

    def answers(self, threshold: float) -> tuple[list[Answer], list[Answer]]:
        return (
            [self._answer(t, r, threshold) for t, r in zip(self._texts, self._ranked, strict=True)],
            [
                self._answer(t, r, threshold)
                for t, r in zip(self._negative_texts, self._negative_ranked, strict=True)
            ],
        )

    def resolve_all(self, texts: Iterable[str]) -> list[Answer]:
        """Answers through the public API (``Registry.resolve``) at the default threshold."""
        out: list[Answer] = []
        for text in texts:
            match = self.registry.resolve(text)
            out.append(match.id if match.status is Status.MATCHED else None)
        return out


def failures(queries: Sequence[Variant], answers: Sequence[Answer]) -> list[tuple[Variant, Answer]]:
    """The queries not answered with their own entity, with what was answered."""
    return [(q, a) for q, a in zip(queries, answers, strict=True) if a != q.entity]


def false_matches(
    negatives: Sequence[Negative], answers: Sequence[Answer]
) -> list[tuple[Negative, str]]:
    """The negatives given an entity, with that entity."""
    return [(n, a) for n, a in zip(negatives, answers, strict=True) if a is not None]
