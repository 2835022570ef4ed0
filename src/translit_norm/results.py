"""Results of resolution: what the resolver found and why.

Frozen, typed, readable: a pipeline stores them, a person reads their ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Candidate", "Match", "Method", "Status"]


class Status(StrEnum):
    """The resolver's verdict."""

    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"


class Method(StrEnum):
    """How the winning name matched, from the strictest to the loosest."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    KEY = "key"
    FUZZY = "fuzzy"


@dataclass(frozen=True)
class Candidate:
    """One entity the query could be, with its best evidence.

    Attributes:
        id: Entity id.
        name: Entity display name.
        score: Confidence in [0, 1].
        method: How the best name matched.
        alias: The registry name (alias, native or generated form) that matched.
        reason: One line saying why, for people.
    """

    id: str
    name: str
    score: float
    method: Method
    alias: str
    reason: str

    def __repr__(self) -> str:
        return f"<Candidate {self.id} {self.score:.3f} {self.method} via {self.alias!r}>"


@dataclass(frozen=True)
class Match:
    """The answer for one query.

    Attributes:
        input: The query as given.
        status: matched, ambiguous or unknown.
        id: The matched entity's id (None unless matched).
        name: Its display name.
        score: Confidence of the best candidate in [0, 1] (None when there is none).
        alias: The registry name that matched.
        method: How it matched.
        reason: Why, in one line.
        runner_up: The best candidate for another entity, if any; for an unknown answer,
            the closest candidate below the threshold.
        candidates: For ambiguous answers, the entities that tie (best first).
        explanation: The pipeline's steps, when asked for (``explain=True``).
    """

    input: str
    status: Status
    id: str | None = None
    name: str | None = None
    score: float | None = None
    alias: str | None = None
    method: Method | None = None
    reason: str = ""
    runner_up: Candidate | None = None
    candidates: tuple[Candidate, ...] = ()
    explanation: tuple[str, ...] | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        if self.status is Status.MATCHED:
            return f"<Match {self.input!r} -> {self.id} ({self.score:.3f}, {self.method})>"
        if self.status is Status.AMBIGUOUS:
            ids = ", ".join(c.id for c in self.candidates)
            return f"<Match {self.input!r} ambiguous: {ids}>"
        return f"<Match {self.input!r} unknown>"

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's jsonl record)."""
        record: dict[str, Any] = {
            "input": self.input,
            "status": str(self.status),
            "id": self.id,
            "name": self.name,
            "score": None if self.score is None else round(self.score, 4),
            "alias": self.alias,
            "method": None if self.method is None else str(self.method),
            "reason": self.reason,
            "runner_up": None
            if self.runner_up is None
            else {
                "id": self.runner_up.id,
                "name": self.runner_up.name,
                "score": round(self.runner_up.score, 4),
            },
        }
        if self.status is Status.AMBIGUOUS:
            record["candidates"] = [
                {"id": c.id, "name": c.name, "score": round(c.score, 4)} for c in self.candidates
            ]
        if explain:
            record["explain"] = list(self.explanation or ())
        return record
