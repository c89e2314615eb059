"""The conflicts of this desktop: articles where another lead's wording won
the file in a sync and this lead's own is kept as a version until they
decide. Kept in ``.git/kbdesk-conflicts.json`` (they are this desktop's, not
the team's: the team's history has both wordings already)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from kbdesk.content.store import write_atomic

CONFLICTS_NAME = "kbdesk-conflicts.json"


@dataclass(frozen=True)
class Conflict:
    path: str
    mine: str  # blob of this lead's wording (kept in the history as a version)
    mine_commit: str  # the version it is
    theirs: str  # blob of the wording that won the file
    theirs_author: str  # who wrote it
    base: str | None  # blob both started from
    at: str  # when the sync found it (ISO 8601)
    places: int  # how many places both changed

    def to_json(self) -> dict:
        return asdict(self)


class Conflicts:
    def __init__(self, git_dir: str | Path):
        self.path = Path(git_dir) / CONFLICTS_NAME

    def all(self) -> list[Conflict]:
        try:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
            return [Conflict(**row) for row in rows]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, TypeError):
            return []  # an unreadable record loses no wording: both are in the history

    def get(self, path: str) -> Conflict | None:
        return next((c for c in self.all() if c.path == path), None)

    def add(self, found: list[Conflict]) -> None:
        """Record *found*; a newer conflict of an article replaces its older one."""
        if not found:
            return
        paths = {c.path for c in found}
        self._write([c for c in self.all() if c.path not in paths] + found)

    def replace(self, rows: list[Conflict]) -> None:
        self._write(rows)

    def resolve(self, path: str) -> bool:
        rows = self.all()
        kept = [c for c in rows if c.path != path]
        if len(kept) == len(rows):
            return False
        self._write(kept)
        return True

    def _write(self, rows: list[Conflict]) -> None:
        if not rows:
            self.path.unlink(missing_ok=True)
            return
        write_atomic(self.path, json.dumps([c.to_json() for c in rows], ensure_ascii=False, indent=1).encode("utf-8"))


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
