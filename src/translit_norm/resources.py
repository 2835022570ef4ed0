"""Finding the embedded default registry, from a wheel or from a source checkout.

The registry in the repository's top-level ``aliases/`` is shipped inside the wheel as
``translit_norm/_aliases`` (hatchling force-include). An editable install does not see
force-included files, so the locator falls back to the checkout's ``aliases/``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from translit_norm.errors import TranslitNormError

__all__ = ["default_registry_path"]


def default_registry_path() -> Path:
    """The directory of the embedded default registry.

    Raises:
        TranslitNormError: neither the packaged copy nor a checkout's ``aliases/`` exists.
    """
    packaged = resources.files("translit_norm").joinpath("_aliases")
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "aliases"
    if checkout.is_dir() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    raise TranslitNormError(
        "the embedded default registry is missing from this installation; "
        "reinstall translit-norm or pass --registry PATH"
    )
