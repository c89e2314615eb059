"""Checksums of an index's files, recorded when they are written and checked
when the index is opened: a damaged posting list, stored-fields file or
field-length column then means a rebuild, instead of searches that fail
("Block tag error") or, worse, rank by damaged lengths without a word.

Whoosh never changes a file it has written (new segments get new files), so
a file that no longer matches what was recorded was damaged on disk.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from kbdesk.content.store import write_atomic

MANIFEST = "checksums.json"
_NOT_RECORDED = ("MAIN_WRITELOCK", MANIFEST)
_CHUNK = 1 << 20


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def _read(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def record(folder: Path) -> None:
    """Record every file of the index folder: new ones are read, the ones
    already recorded (same size and time) keep their checksum."""
    old = _read(folder) or {}
    manifest = {}
    for path in folder.iterdir():
        if path.name in _NOT_RECORDED or path.name.endswith((".lock", ".tmp")) or not path.is_file():
            continue
        st = path.stat()
        known = old.get(path.name)
        if isinstance(known, list) and len(known) == 3 and known[0] == st.st_size and known[2] == st.st_mtime_ns:
            manifest[path.name] = known
        else:
            manifest[path.name] = [st.st_size, _crc(path), st.st_mtime_ns]
    # Derived data, like the index itself: a lost manifest means a rebuild.
    write_atomic(folder / MANIFEST, json.dumps(manifest, separators=(",", ":")).encode(), durable=False)


def damage(folder: Path) -> str:
    """Why the index folder cannot be trusted ('' if it can): a recorded file
    whose size or checksum differs. A recorded file that is gone is not
    damage (a merge removed it after writing the new contents)."""
    manifest = _read(folder)
    if manifest is None:
        return "its checksums are missing"
    for name, entry in manifest.items():
        path = folder / name
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        except OSError as exc:
            return f"{name} cannot be read ({exc.strerror or exc})"
        if not isinstance(entry, list) or len(entry) != 3 or size != entry[0]:
            return f"{name} has changed size"
        try:
            if _crc(path) != entry[1]:
                return f"{name} is damaged"
        except OSError as exc:
            return f"{name} cannot be read ({exc.strerror or exc})"
    return ""
