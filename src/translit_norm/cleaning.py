"""Stage 1, cleaning: make a raw string comparable before any transliteration.

Scraped names arrive with compatibility forms (full-width letters, ligatures), invisible
characters (zero-width joiners, bidi marks, soft hyphens), a dozen apostrophes and a dozen
dashes. None of them carries a sound, so this stage removes or folds them, once, for registry
aliases and queries alike.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "APOSTROPHES",
    "COMBINING_MARKS",
    "HYPHENS",
    "clean",
    "clean_preserving_case",
    "strip_marks",
]

#: Characters used for the apostrophe: Ukrainian and Belarusian write it inside words (Мар'яна,
#: сям'я), romanizations write it for the soft sign (ISO 9 ʹ, BGN/PCGN ʼ), typographers curl it.
APOSTROPHES = "'\u2018\u2019\u02bc\u02b9\u02bb\u0060\u00b4\u2032\u02c8\uff07"

#: Dash-like characters that join name parts (Kosiniak-Kamysz, Rimsky-Korsakov).
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\u2e3a\u2e3b"

_APOSTROPHE_TABLE = {ord(c): "'" for c in APOSTROPHES}
_HYPHEN_TABLE = {ord(c): "-" for c in HYPHENS}
_FOLD_TABLE = _APOSTROPHE_TABLE | _HYPHEN_TABLE
_SPACES = re.compile(r"\s+")
#: The Unicode blocks of combining marks, as a regular-expression character range: the marks
#: that stay on a letter after NFKC (the ALA-LC tie in i͡a has no precomposed form) or that
#: decomposed text carries.
COMBINING_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
#: A double quote or double prime between two letters is no quotation: BGN/PCGN writes the
#: hard sign and the Belarusian and Ukrainian apostrophe as ” (Ob”yedineniye, Dar”ya), and
#: typists put " or ″ in its place. It is folded to the apostrophe, so the word stays whole
#: (a letter before it may carry a combining mark: decomposed text).
_INNER_DOUBLE_QUOTE = re.compile(
    rf"(?<=[\w{COMBINING_MARKS}])(?<![\d_])[\"\u201d\u2033](?=[^\W\d_])"
)


def _is_invisible(char: str) -> bool:
    """Control and format characters (Cc, Cf) and variation selectors carry no sound."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return not char.isspace()
    # Variation selectors (Mn) change a glyph's look, never the letter.
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def clean_preserving_case(text: str) -> str:
    """Clean ``text`` but keep its letter case (for display and for case-sensitive stages).

    NFKC-normalizes, drops invisible characters (controls, zero-width and bidi marks, soft
    hyphens, variation selectors, unpaired surrogates, unassigned code points), folds the
    apostrophe and hyphen families to ``'`` and ``-``, and collapses white space.

    Args:
        text: Any string.

    Returns:
        The cleaned string, stripped of leading and trailing white space.
    """
    if text.isascii() and text.isprintable():
        if '"' in text:
            text = _INNER_DOUBLE_QUOTE.sub("'", text)
        return _SPACES.sub(" ", text.translate(_FOLD_TABLE)).strip()
    visible = "".join(c for c in text if not _is_invisible(c))
    visible = _INNER_DOUBLE_QUOTE.sub("'", visible)
    # Fold before NFKC too: NFKC turns the acute accent ´ used as an apostrophe into a space
    # and a combining mark, which would split the word.
    folded = unicodedata.normalize("NFKC", visible.translate(_FOLD_TABLE)).translate(_FOLD_TABLE)
    # And after it: NFKC can put a combining mark before a double quote (the spacing
    # diaeresis ¨ becomes a space and a combining one), which cleaning again would fold.
    if '"' in folded or "\u201d" in folded:
        folded = _INNER_DOUBLE_QUOTE.sub("'", folded)
    return _SPACES.sub(" ", folded).strip()


def clean(text: str) -> str:
    """Clean ``text`` and casefold it: the comparable form of a name.

    Args:
        text: Any string.

    Returns:
        ``clean_preserving_case(text)`` casefolded and NFC-recomposed (casefolding can
        decompose, e.g. ``İ``).
    """
    folded = clean_preserving_case(text).casefold()
    if folded.isascii():
        return folded
    return unicodedata.normalize("NFC", folded)


def strip_marks(text: str) -> str:
    """Remove combining marks (diacritics) from ``text``: ``Łukašenka`` -> ``Łukasenka``.

    Only combining marks go; letters with a stroke (ł, đ, ø) are letters of their own and stay.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)
