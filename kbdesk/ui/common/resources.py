"""Icons, the style sheet and translations shipped with kbdesk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from kbdesk.resources import resource_path, resources_dir  # noqa: F401 - here for the window's modules


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
