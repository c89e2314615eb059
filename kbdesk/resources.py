"""Where the files shipped with kbdesk are (icons, style sheet, translations):
``kbdesk/resources`` in an installed package, else the repository's ``resources/``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_dir() -> Path | None:
    here = Path(__file__).resolve().parent  # the kbdesk package
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "icons").is_dir():
            return candidate
    return None


def resource_path(*parts: str) -> Path | None:
    base = resources_dir()
    if base is None:
        return None
    path = base.joinpath(*parts)
    return path if path.exists() else None
