"""Stage 3, keys: the fast grapheme reader and rule pass agree with their plain references.

Keys are pickled into compiled registries, so a faster key function must return exactly what
the plain one did, for every input: hypothesis compares them on text built from every letter
the conventions read, the letters they fold, and the characters that must vanish.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit_norm.folding import DEFAULT_BACKEND, folder
from translit_norm.keys import Reading, _fold_once, _fold_once_by_rules, readings

#: ASCII letters, the marked letters of data/conventions.yaml, letters it does not read
#: (folded first), casing, digits and punctuation the scan drops, and a private-use
#: character like those the fast reader uses as marks.
LATIN = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyz")
        + list("šžčćđłśźńŭąęóâûêěřůëßïżșşțŝ")
        + list("üéàõ")
        + list("AZ09'-. ")
        + ["\ue001"]
    ),
    max_size=24,
)
#: Phoneme symbols, including the glide j and the fold rules' vowel and consonant contexts.
PHONEMES = st.text(alphabet="abcdefgiklmnoprstuvyzSZCXj", max_size=20)


@pytest.mark.parametrize("reading", readings(), ids=lambda r: r.name)
@given(latin=LATIN)
def test_reader_reads_as_the_scan(reading: Reading, latin: str) -> None:
    fold = folder(DEFAULT_BACKEND)
    assert reading.phonemes(latin, fold) == reading.phonemes_by_scan(latin, fold)


@pytest.mark.parametrize(
    ("reading", "latin", "phonemes"),
    [
        ("english", "shchedrin", "SCedrin"),  # the longest grapheme wins
        ("english", "cecil", "sesil"),  # c read by what follows
        ("english", "marc", "mark"),  # ... and at the end of the word
        ("german", "sasse", "zase"),  # s before a vowel; ss before s
        ("slavic", "łukašenka", "lukaSenka"),
    ],
)
def test_reader_examples(reading: str, latin: str, phonemes: str) -> None:
    (convention,) = [r for r in readings() if r.name == reading]
    assert convention.phonemes(latin, folder(DEFAULT_BACKEND)) == phonemes


@given(PHONEMES)
def test_rule_pass_with_guards_is_the_plain_pass(phonemes: str) -> None:
    assert _fold_once(phonemes) == _fold_once_by_rules(phonemes)
