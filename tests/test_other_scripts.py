"""Stage 2b, respelling: other scripts' romanizations meet on one pivot, and only there.

The golden key tables (tests/golden/keys/other_scripts*.tsv) run in test_keys.py with the
others; this file tests the respelling stage itself.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit_norm import Entity, EntityKind, Keyer, Registry
from translit_norm.errors import RegistryError
from translit_norm.other_scripts import MAX_RESPELLINGS, parse_schemes, respellings, schemes


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (("hsi", "chin", "p'ing"), ("xi", "jin", "ping")),  # Wade-Giles hs, ch, p'
        (("ts'ai",), ("cai",)),  # Wade-Giles ts' is pinyin c
        (("си", "цзиньпин"), ("xi", "jinping")),  # Palladius
        (("kim", "chŏng", "ŭn"), ("gim", "jeong", "eun")),  # McCune-Reischauer -> RR
        (("인천",), ("incheon",)),  # Hangul jamo -> RR (ㅊ is ch, not c)
        (("αθήνα",), ("athina",)),  # ELOT 743: η is i
        (("γιάνης",), ("yanis",)),  # by sound: γι before a vowel is y
        (("muammar", "el", "qaddafi"), ("muammar", "al", "kaddafi")),  # el- = al-, q = k
    ],
)
def test_respelling_reaches_the_pivot(tokens: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert expected in respellings(tokens, tokens)


def test_scheme_markers_gate_latin_schemes() -> None:
    # Without a Wade-Giles marker, Chang is pinyin Chang and is not respelled to Zhang.
    assert ("zhang", "wei") not in respellings(("chang", "wei"), ("chang", "wei"))
    # A Russian name has letters Palladius lacks (р), so it gets no pinyin respelling.
    assert respellings(("сергей", "лавров"), ("sergey", "lavrov")) == ()


def test_shipped_schemes_load_and_every_rule_explains_itself() -> None:
    loaded = {s.name: s for s in schemes()}
    assert {"wade_giles", "palladius", "mccune_reischauer", "hangul", "greek_elot"} <= set(loaded)
    # greek_phonetic inherits the ELOT letters after its own rules.
    assert len(loaded["greek_phonetic"].rules) > len(loaded["greek_elot"].rules)


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ("other: {}\n", "exactly 'schemes'"),
        ("schemes:\n  x: {why: w, script: klingon, when: '', rules: []}\n", "script must be"),
        ("schemes:\n  x: {why: w, script: latin, when: '', rules: []}\n", "non-empty list"),
        (
            "schemes:\n  x: {why: w, script: latin, when: '', rules: [{find: a, to: b}]}\n",
            "find, to and why",
        ),
        (
            "schemes:\n  x: {why: w, script: latin, when: '(',"
            " rules: [{find: a, to: b, why: c}]}\n",
            "bad regular expression",
        ),
        (
            "schemes:\n  x: {why: w, script: latin, when: '', inherit: y,"
            " rules: [{find: a, to: b, why: c}]}\n",
            "inherit names no other scheme",
        ),
        (
            "schemes:\n  x: {why: w, script: latin, when: '', colour: red,"
            " rules: [{find: a, to: b, why: c}]}\n",
            "unknown field",
        ),
    ],
)
def test_bad_scheme_documents_are_rejected(document: str, problem: str) -> None:
    with pytest.raises(RegistryError, match=problem) as raised:
        parse_schemes(document, name="bad.yaml")
    assert "bad.yaml" in str(raised.value)


_WORDS = st.lists(
    st.text(alphabet="abcehiknopstuŏŭ'чжцзсинэьαβγηιουθ인천김", min_size=1, max_size=8),
    min_size=1,
    max_size=4,
)


@given(_WORDS)
def test_respellings_keep_the_word_count_and_leave_only_latin(words: list[str]) -> None:
    found = respellings(words, words)
    assert len(found) <= MAX_RESPELLINGS
    for respelled in found:
        assert len(respelled) == len(words)
        assert tuple(respelled) != tuple(w.replace("'", "") for w in words)
        assert all("'" not in w for w in respelled)
        assert all(c.isascii() or c.isalpha() for w in respelled for c in w)


@given(st.text(max_size=30))
def test_keys_with_respelling_never_raise(text: str) -> None:
    keyed = Keyer().key(text)
    assert all(isinstance(k, str) for k in keyed.full_keys)


# -- East Asian names against a registry: the native name written as one word -------------------

_EAST_ASIAN = (
    ("tsai-ing-wen", "Tsai Ing-wen", "zh", "蔡英文"),
    ("tsai-ming-liang", "Tsai Ming-liang", "zh", "蔡明亮"),
    ("kim-jong-un", "Kim Jong Un", "ko", "김정은"),
    ("kim-jong-nam", "Kim Jong Nam", "ko", "김정남"),
    ("park-geun-hye", "Park Geun-hye", "ko", "박근혜"),
)


@pytest.fixture(scope="module")
def east_asian() -> Registry:
    return Registry(
        [
            Entity(id_, name, EntityKind.PERSON, native=((lang, native),))
            for id_, name, lang, native in _EAST_ASIAN
        ]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The given name split off by a romanization (Yingwen) is not the display name's
        # (Ing-wen); the whole name, syllables joined, is the native name's.
        ("Цай Инвэнь", "tsai-ing-wen"),
        ("Cai Yingwen", "tsai-ing-wen"),
        ("Bak Geun-hye", "park-geun-hye"),
    ],
)
def test_whole_name_equal_to_the_native_name_resolves(
    east_asian: Registry, query: str, expected: str
) -> None:
    match = east_asian.resolve(query)
    assert (match.status.value, match.id) == ("matched", expected)


@pytest.mark.parametrize(
    "query",
    [
        "Cai Mingwen",  # same surname, another given name
        "Kim Jong Il",  # father of Kim Jong Un: one syllable differs
        "Park Chung-hee",  # father of Park Geun-hye
        "Bak Jeong-hui",  # the same father in strict Revised Romanization
    ],
)
def test_whole_name_reading_does_not_merge_relatives(east_asian: Registry, query: str) -> None:
    assert east_asian.resolve(query).status.value == "unknown"


# -- Alternatives: a letter whose distinguishing mark writers drop is read both ways ------------


def test_unmarked_wade_giles_reads_each_stop_both_ways() -> None:
    found = respellings(("teng", "hsiao", "ping"), ("teng", "hsiao", "ping"))
    # Deng (unaspirated t) with ping (aspirated p', apostrophe dropped): one stop each way.
    assert ("deng", "xiao", "ping") in found
    assert ("teng", "xiao", "bing") in found
    assert ("bei", "jing") in respellings(("pei", "ching"), ("pei", "ching"))


def test_written_apostrophes_keep_wade_giles_stops_to_one_reading() -> None:
    # A writer who marks aspiration (p') marks it everywhere: the bare t of Teng is d only.
    found = respellings(("teng", "hsiao", "p'ing"), ("teng", "hsiao", "p'ing"))
    assert ("deng", "xiao", "ping") in found
    assert not any(words[0] == "teng" and words[1] == "xiao" for words in found)


def test_pinyin_without_wade_giles_spellings_is_not_read_as_wade_giles() -> None:
    # Pinyin has chi but never chin/ching/chia: a pinyin Chi is not respelled to Ji or Qi.
    words = ("chi", "haotian")
    assert not any(found[0] in {"ji", "qi"} for found in respellings(words, words))
    assert respellings(("deng", "xiaoping"), ("deng", "xiaoping")) == ()


def test_rule_alternatives_multiply_but_stay_bounded() -> None:
    (scheme,) = parse_schemes(
        "schemes:\n  x: {why: w, script: latin, when: '',"
        " rules: [{find: t, to: [d, t], why: either}]}\n"
    )
    assert scheme.respell_all("tat") == ("dad", "dat", "tad", "tat")
    assert scheme.respell("tat") == "dad"  # the first reading is the `to` one
    assert len(scheme.respell_all("t" * 12)) == MAX_RESPELLINGS
    assert len(respellings(("ta", "te", "ti", "to"), ("ta", "te", "ti", "to"))) <= MAX_RESPELLINGS


@pytest.mark.parametrize("to", ["[]", "[1, 2]", "{a: b}", "3"])
def test_a_rule_to_must_be_a_string_or_a_list_of_strings(to: str) -> None:
    rule = f"{{find: a, to: {to}, why: c}}"
    document = f"schemes:\n  x: {{why: w, script: latin, when: '', rules: [{rule}]}}\n"
    with pytest.raises(RegistryError, match="to must be a string or a list"):
        parse_schemes(document, name="bad.yaml")


# -- Korean in Russian Cyrillic (Kontsevich and the press tradition) ----------------------------


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (("ким", "дэ", "чжун"), ("gim", "dae", "jung")),  # чж is ㅈ, э is ㅐ, final н is ㅇ
        (("но", "му", "хён"), ("no", "mu", "hyon")),  # ё is ㅕ (plain yo), final н is ㄴ
        (("чхонджин",), ("chongjin",)),  # чх is the aspirate ㅊ, дж the medial ㅈ
        (("ким", "ир", "сен"), ("gim", "il", "song")),  # final р is ㄹ, е before н is ㅓ
    ],
)
def test_kontsevich_reaches_plain_revised_romanization(
    tokens: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert expected in respellings(tokens, tokens)


@pytest.mark.parametrize(
    "tokens",
    [
        ("сергей", "лавров"),  # Russian words are not Korean syllables
        ("иван", "пак"),  # one word of Korean shape is not enough
    ],
)
def test_kontsevich_reading_stays_off_russian_names(tokens: tuple[str, ...]) -> None:
    # Kontsevich reads initial п as ㅂ (b): no respelling may start Pak with b.
    assert not any("bak" in words for words in respellings(tokens, tokens))


def test_kontsevich_keeps_father_and_son_apart() -> None:
    assert ("gim", "jong", "un") not in respellings(("ким", "чен", "ир"), ("ким", "чен", "ир"))


def test_palladius_reading_of_a_chinese_name_comes_first() -> None:
    # Дэн Сяопин has Korean-shaped syllables too; the Chinese reading keeps its place.
    assert respellings(("дэн", "сяопин"), ("dehn", "syaopin"))[0] == ("deng", "xiaoping")


# -- Korean in the Czech and Polish transcriptions ---------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (("kim", "čong", "il"), ("gim", "jong", "il")),  # Czech č is ㅈ
        (("kim", "dzong", "il"), ("gim", "jong", "il")),  # Polish dz is ㅈ
        (("kim", "te", "džung"), ("gim", "dae", "jung")),  # e is ㅐ or ㅔ; medial dž is ㅈ
        (("no", "mu", "hjon"), ("no", "mu", "hyon")),  # the glide j is RR y
    ],
)
def test_czech_and_polish_korean_reach_plain_revised_romanization(
    tokens: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert expected in respellings(tokens, tokens)


@pytest.mark.parametrize("tokens", [("karel", "čapek"), ("jan", "kowalczyk"), ("petr", "čech")])
def test_czech_and_polish_names_are_not_read_as_korean(tokens: tuple[str, ...]) -> None:
    # Czech and Polish names are not strings of Korean syllables: no Korean reading is made.
    assert not any(words[0].startswith(("g", "b", "d")) for words in respellings(tokens, tokens))


def test_unmarked_mccune_reischauer_reads_ch_and_initial_stops_both_ways() -> None:
    found = respellings(("chon", "tu", "hwan"), ("chon", "tu", "hwan"))
    assert ("jon", "du", "hwan") in found  # ㅈ and the plain ㄷ
    assert ("chon", "tu", "hwan") not in found  # the unchanged spelling is not a respelling
    # Names that are not strings of Korean syllables get no McCune-Reischauer reading.
    assert respellings(("richard", "chamberlain"), ("richard", "chamberlain")) == ()
    assert respellings(("chamberlain",), ("chamberlain",)) == ()


# -- The new readings against a registry of relatives ------------------------------------------

_DYNASTY = (
    ("kim-il-sung", "Kim Il Sung", "ko", "김일성"),
    ("kim-jong-il", "Kim Jong Il", "ko", "김정일"),
    ("kim-jong-un", "Kim Jong Un", "ko", "김정은"),
    ("deng-xiaoping", "Deng Xiaoping", "zh", "邓小平"),
    ("deng-pufang", "Deng Pufang", "zh", "邓朴方"),
)


@pytest.fixture(scope="module")
def dynasty() -> Registry:
    return Registry(
        [
            Entity(id_, name, EntityKind.PERSON, native=((lang, native),))
            for id_, name, lang, native in _DYNASTY
        ]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ким Чен Ир", "kim-jong-il"),  # Kontsevich/press Cyrillic
        ("Ким Чен Ын", "kim-jong-un"),
        ("Ким Ир Сен", "kim-il-sung"),
        ("Kim Čong-il", "kim-jong-il"),  # Czech
        ("Kim Dzong Un", "kim-jong-un"),  # Polish
        ("Kim Chong-il", "kim-jong-il"),  # McCune-Reischauer, apostrophe-free
        ("Teng Hsiao-ping", "deng-xiaoping"),  # Wade-Giles without apostrophes
        ("Teng P'u-fang", "deng-pufang"),  # Wade-Giles with them
    ],
)
def test_each_relative_is_found_under_the_new_readings(
    dynasty: Registry, query: str, expected: str
) -> None:
    match = dynasty.resolve(query)
    assert (match.status.value, match.id) == ("matched", expected)


@pytest.mark.parametrize(
    "query",
    [
        "Ким Чен Нам",  # Kim Jong Nam, half-brother: not in the registry
        "Kim Čong-nam",
        "Kim Jo-džong",  # Kim Yo Jong, sister
        "Teng Hsiao-fang",  # one syllable of the given name differs
    ],
)
def test_relatives_outside_the_registry_stay_unknown(dynasty: Registry, query: str) -> None:
    assert dynasty.resolve(query).status.value == "unknown"


_EAST_WORDS = st.lists(
    st.text(alphabet="aehijkmnopstuwčžďdzchŏŭ'киымнпрсхчжэеёьъ", min_size=1, max_size=6),
    min_size=1,
    max_size=4,
)


@given(_EAST_WORDS)
def test_alternative_readings_stay_bounded_and_latin(words: list[str]) -> None:
    found = respellings(words, words)
    assert len(found) <= MAX_RESPELLINGS
    assert len(set(found)) == len(found)
    for respelled in found:
        assert len(respelled) == len(words)
        assert all(c.isascii() or c.isalpha() for w in respelled for c in w)
        assert not any("\u0400" <= c <= "\u04ff" for w in respelled for c in w)
