"""Legal-form designators (data/legal_forms.yaml): PJSC, OAO, a.d., Co. Ltd.

Stage 4 support, for organizations and places. A company is written with its legal form in
front ("PJSC Gazprom"), behind ("Gazprom PAO") or not at all, and the form changes with the
language and the year. The resolver retries a name with designators removed from either end,
so the name itself decides.
"""

from __future__ import annotations

import functools
import re

from translit_norm.cleaning import clean
from translit_norm.errors import RegistryError
from translit_norm.yamlio import fact_lists, load_package_yaml

__all__ = ["legal_forms", "seat_forms", "split_seat", "strip_legal_forms"]

_WORD = re.compile(r"[^\W_]+")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(clean(text)))


def _forms(key: str) -> tuple[tuple[str, ...], ...]:
    name, document = load_package_yaml("data/legal_forms.yaml")
    found: set[tuple[str, ...]] = set()
    for form, line in fact_lists(name, document, key, "forms"):
        tokens = _tokens(form) if isinstance(form, str) else ()
        if not tokens:
            raise RegistryError(name, line, f"bad legal form {form!r} (quote it)")
        found.add(tokens)
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


@functools.cache
def legal_forms() -> tuple[tuple[str, ...], ...]:
    """Every designator of data/legal_forms.yaml as cleaned tokens, longest first."""
    return _forms("legal_forms")


@functools.cache
def seat_forms() -> tuple[tuple[str, ...], ...]:
    """The designators a registered seat follows (``seat_after``), longest first."""
    return _forms("seat_after")


#: Most words a seat has (Novi Sad, Banja Luka, Herceg Novi, Bosanski Petrovac: two).
_MAX_SEAT_WORDS = 3


def split_seat(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Split ``NIS a.d. Novi Sad`` (cleaned tokens) into the name and the seat after its form.

    Returns:
        (name, seat), both non-empty, or None when no seat-preceding form stands between
        words with at most three words after it. Whether the seat is a place is the
        caller's to check.
    """
    for form in seat_forms():
        size = len(form)
        for at in range(1, len(tokens) - size):
            seat = tokens[at + size :]
            if tokens[at : at + size] == form and len(seat) <= _MAX_SEAT_WORDS:
                return tokens[:at], seat
    return None


def strip_legal_forms(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """``tokens`` (cleaned) without legal-form designators at either end.

    Returns the tokens unchanged when nothing is removed, and never removes every token
    ("AO" alone stays "AO").
    """
    forms = legal_forms()
    rest = tokens
    changed = True
    while changed:
        changed = False
        for form in forms:
            size = len(form)
            if len(rest) > size and rest[:size] == form:
                rest, changed = rest[size:], True
            elif len(rest) > size and rest[-size:] == form:
                rest, changed = rest[:-size], True
    return rest
