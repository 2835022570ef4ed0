"""Consonant skeletons: a romanized place or organization name against its name in an abjad.

Arabic, Persian and Hebrew write a name's consonants and, at most, its long vowels: القاهرة
is q-h-r with the article, ירושלים is y-r-w-sh-l-y-m. A romanization adds the short vowels
its own way (al-Qahira, al-Qāhirah, Yerushalayim), so its key shares only the consonants with
the native name's key. The skeleton keeps exactly those:

- vowels and glides (``a e i o u j``) go, and so does ``v``: the letters و and ו are a
  consonant in one word and a long u or o in the next, and romanizations follow the sound;
- ``f`` counts as ``p``: פ is p or f by its position in the word, and romanizations write
  the sound;
- a final ``X`` after a vowel goes: it is the h that ALA-LC and older romanizations write
  for the feminine ending ة (al-Qāhirah, Madinah), which the native key has dropped.

A native name written with the Arabic article ال is also known by its skeleton without it
(al-Khartum and Khartoum). Skeletons shorter than :data:`MIN_CONSONANTS` name nothing:
three consonants are a Slovene surname as readily as Cairo (Kuhar, Káhira).

Persons are not matched this way: their given names are compared with their vowels' places
(resolver), since Muhammad and Mahmoud share every consonant.
"""

from __future__ import annotations

import re

__all__ = ["ABJAD_LANGUAGES", "MIN_CONSONANTS", "native_skeletons", "skeleton"]

#: Languages written in an abjad: Arabic, Persian, Urdu, Pashto, Hebrew, Yiddish.
ABJAD_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "he", "yi"})
#: Fewest consonants a skeleton needs to be evidence of a name.
MIN_CONSONANTS = 4

_DROPPED = re.compile(r"[aeioujv]")
_FEMININE_H = re.compile(r"(?<=[aeiou])X$")
_ARABIC_ARTICLE = "ال"


def skeleton(key: str) -> str:
    """The consonant skeleton of a compact key (see the module docstring)."""
    return _DROPPED.sub("", _FEMININE_H.sub("", key)).replace("f", "p")


def native_skeletons(text: str, compact_keys: frozenset[str]) -> set[str]:
    """The skeletons a native abjad name is known by, those long enough to be evidence.

    Args:
        text: The native name as written.
        compact_keys: Its compact keys (word breaks dropped).
    """
    found = {skeleton(key) for key in compact_keys}
    if text.strip().startswith(_ARABIC_ARTICLE):
        found |= {s[1:] for s in found if s.startswith("l")}
    return {s for s in found if len(s) >= MIN_CONSONANTS}
