"""The ASCII-folding backend is replaceable: anyascii gives the same answers on Slavic names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import GOLDEN, REGISTRY_DIR, read_tsv
from translit_norm import Registry, TranslitNormError
from translit_norm.folding import folder

ROWS = read_tsv(GOLDEN / "resolve" / "test_registry.tsv")


def test_anyascii_backend_resolves_like_unidecode() -> None:
    default = Registry.load(REGISTRY_DIR, cache=False)
    permissive = Registry.load(REGISTRY_DIR, cache=False, folding="anyascii")
    for query, _ in ROWS:
        assert permissive.resolve(query).id == default.resolve(query).id, query


def test_anyascii_backend_never_imports_unidecode() -> None:
    code = (
        "import sys; from translit_norm import Registry; "
        f"r = Registry.load({str(REGISTRY_DIR)!r}, cache=False, folding='anyascii'); "
        "r.resolve('Λουκασένκο'); print('unidecode' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(TranslitNormError, match="unknown folding backend"):
        folder("nope")
