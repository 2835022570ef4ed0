"""translit_norm: one entity out of the many spellings of its name."""

__all__: list[str] = []
