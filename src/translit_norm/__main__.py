"""``python -m translit_norm``: the ``normalize`` command."""

from __future__ import annotations

import sys

from translit_norm.cli import normalize_main

if __name__ == "__main__":
    sys.exit(normalize_main())
