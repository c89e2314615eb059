"""Icons, the style sheet and translations shipped with kbdesk."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QIcon


@lru_cache(maxsize=1)
def resources_dir() -> Path | None:
    """``kbdesk/resources`` in an installed package, else the repository's ``resources/``."""
    here = Path(__file__).resolve().parents[2]  # the kbdesk package
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


def icon(name: str) -> QIcon:
    """An SVG icon by name (``resources/icons/<name>.svg``); empty if missing."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path else QIcon()


def style_sheet() -> str:
    """The QSS, with ``@ICONS@`` replaced by the icons folder (QSS urls need a path)."""
    path = resource_path("style.qss")
    try:
        text = path.read_text(encoding="utf-8") if path else ""
    except OSError:
        return ""
    icons = resource_path("icons")
    return text.replace("@ICONS@", icons.as_posix() if icons else "")


def translations_dir() -> Path | None:
    return resource_path("translations")
