"""Where things live: the user's content folder, preferences, caches.

Preferences are a small JSON file in the user config folder (readable,
diffable, never pickled). The content folder is, in order: ``--content``,
``$KBDESK_CONTENT``, the ``content`` preference, else the user's own copy of
the bundled sample knowledge base (made on first run by
``kbdesk.authoring.first_run``).

Imports only ``kbdesk.content``: it is read before anything else starts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from kbdesk.content.store import write_atomic

CONTENT_ENV = "KBDESK_CONTENT"
CONFIG_DIR_ENV = "KBDESK_CONFIG_DIR"
DATA_DIR_ENV = "KBDESK_DATA_DIR"


def config_dir() -> Path:
    return Path(os.environ.get(CONFIG_DIR_ENV) or user_config_dir("kbdesk", appauthor=False))


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or user_data_dir("kbdesk", appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> dict:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(settings: dict) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(settings, ensure_ascii=False, indent=2).encode("utf-8"))


def desktop_id() -> str:
    """This desktop's name in the team's repository (its usage counts' ref):
    random, made once, naming neither the user nor the machine."""
    settings = load_settings()
    value = settings.get("desktop_id")
    if isinstance(value, str) and value.isalnum() and 8 <= len(value) <= 40:
        return value
    import uuid

    settings["desktop_id"] = value = uuid.uuid4().hex[:16]
    try:
        save_settings(settings)
    except OSError:
        pass  # a new one next time: the old counts stay under the old name
    return value


def bundled_content_dir() -> Path | None:
    """The sample knowledge base shipped with kbdesk: inside the installed
    package, or the repository's ``content/`` when run from a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_content", here.parent / "content"):
        if candidate.is_dir():
            return candidate
    return None


def default_content_dir() -> Path:
    return data_dir() / "content"


def resolve_content_dir(explicit: str | Path | None = None) -> Path:
    """The content folder to open. The default one may not exist yet:
    ``kbdesk.authoring.first_run.open_content_dir`` makes it."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(CONTENT_ENV)
    if env:
        return Path(env).expanduser()
    configured = load_settings().get("content")
    if configured:
        return Path(configured).expanduser()
    return default_content_dir()
