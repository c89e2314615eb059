"""Unsaved edits, kept in the user data folder so that a crash or a kill
loses at most a few seconds of a lead's work.

One JSON file per (content folder, article): the text being edited and the
hash of the file it started from, written atomically. Never in the content
folder: drafts-in-progress are private until saved.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from kbdesk.config import data_dir
from kbdesk.content.store import write_atomic


@dataclass(frozen=True)
class Recovery:
    root: str
    path: str
    text: str
    base_hash: str | None  # the file's hash when editing began (None: a new file)
    saved_at: float
    file: Path

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)


def _folder() -> Path:
    return data_dir() / "autosave"


def _file_for(root: Path, path: str) -> Path:
    key = hashlib.sha1(f"{Path(root).resolve()}\0{path}".encode("utf-8")).hexdigest()[:20]
    return _folder() / f"{key}.json"


def save(root: Path, path: str, text: str, base_hash: str | None) -> Path:
    target = _file_for(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {"root": str(Path(root).resolve()), "path": path, "text": text,
              "base_hash": base_hash, "saved_at": time.time()}
    write_atomic(target, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return target


def discard(root: Path, path: str) -> None:
    _file_for(root, path).unlink(missing_ok=True)


def pending(root: Path) -> list[Recovery]:
    """Unsaved edits left behind for this content folder, newest first."""
    root_str = str(Path(root).resolve())
    found = []
    for file in _folder().glob("*.json"):
        try:
            record = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if record.get("root") == root_str and isinstance(record.get("text"), str):
            found.append(Recovery(root_str, record["path"], record["text"], record.get("base_hash"),
                                  float(record.get("saved_at", 0)), file))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
