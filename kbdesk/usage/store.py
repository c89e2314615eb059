"""What this agent copies and pins: local, private, in SQLite.

The database lives in the user's data folder (``data_dir()``), never in the
content folder: the content folder may be shared by a whole team, and what
one agent copies is nobody else's business. Entries are kept per content
folder (*scope*), since article ids are only unique within one.

Stored per article: how often it was copied, when last, whether it is pinned
(收藏), and the title/kind/category/path it had then, so the favourites and
recent lists can be shown before the search index is ready.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kbdesk.config import data_dir

SCHEMA_VERSION = 1
DB_NAME = "usage.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    scope       TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    path        TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    copies      INTEGER NOT NULL DEFAULT 0,
    last_copied REAL,
    pinned      INTEGER NOT NULL DEFAULT 0,
    pinned_at   REAL,
    PRIMARY KEY (scope, article_id)
);
CREATE INDEX IF NOT EXISTS usage_recent ON usage (scope, last_copied);
"""


@dataclass(frozen=True)
class ArticleRef:
    """Enough of an article to list it and to open it again."""

    id: str
    path: str = ""
    title: str = ""
    kind: str = ""
    category: str = ""


@dataclass(frozen=True)
class UsageEntry:
    ref: ArticleRef
    copies: int
    last_copied: float | None
    pinned: bool


def default_usage_path() -> Path:
    return data_dir() / DB_NAME


class UsageStore:
    """Copy counts, favourites and recently copied articles of one content folder.

    One connection, guarded by a lock, so the object may be shared; every
    write commits at once (a crash loses nothing but the current click).
    """

    def __init__(self, path: str | Path | None = None, scope: str = ""):
        self.path = Path(path) if path else default_usage_path()
        self.scope = str(scope)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), timeout=2.0, check_same_thread=False)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError:
            pass  # e.g. a network drive: the default journal works too
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        with self._db:
            self._db.executescript(_SCHEMA)
            if version < SCHEMA_VERSION:
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing ---------------------------------------------------------------

    def _upsert_ref(self, ref: ArticleRef) -> None:
        self._db.execute(
            "INSERT INTO usage (scope, article_id, path, title, kind, category) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (scope, article_id) DO UPDATE SET "
            "path = excluded.path, title = excluded.title, kind = excluded.kind, category = excluded.category",
            (self.scope, ref.id, ref.path, ref.title, ref.kind, ref.category),
        )

    def record_copy(self, ref: ArticleRef, when: float | None = None) -> int:
        """Count one copy of *ref*; returns its new copy count."""
        when = time.time() if when is None else when
        with self._lock, self._db:
            self._upsert_ref(ref)
            self._db.execute(
                "UPDATE usage SET copies = copies + 1, last_copied = ? WHERE scope = ? AND article_id = ?",
                (when, self.scope, ref.id),
            )
            row = self._db.execute(
                "SELECT copies FROM usage WHERE scope = ? AND article_id = ?", (self.scope, ref.id)
            ).fetchone()
        return int(row[0])

    def set_pinned(self, ref: ArticleRef, pinned: bool) -> None:
        with self._lock, self._db:
            self._upsert_ref(ref)
            self._db.execute(
                "UPDATE usage SET pinned = ?, pinned_at = ? WHERE scope = ? AND article_id = ?",
                (1 if pinned else 0, time.time() if pinned else None, self.scope, ref.id),
            )

    def toggle_pinned(self, ref: ArticleRef) -> bool:
        """Pin or unpin *ref*; returns whether it is pinned now."""
        pinned = not self.is_pinned(ref.id)
        self.set_pinned(ref, pinned)
        return pinned

    def forget(self, article_id: str) -> None:
        """Remove an article from the lists (e.g. it was deleted)."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM usage WHERE scope = ? AND article_id = ?", (self.scope, article_id))

    # -- reading ---------------------------------------------------------------

    def _entries(self, where: str, order: str, limit: int | None) -> list[UsageEntry]:
        sql = (
            "SELECT article_id, path, title, kind, category, copies, last_copied, pinned FROM usage "
            f"WHERE scope = ? AND {where} ORDER BY {order}"
        )
        params: tuple = (self.scope,)
        if limit is not None:
            sql += " LIMIT ?"
            params += (int(limit),)
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [
            UsageEntry(ArticleRef(r[0], r[1], r[2], r[3], r[4]), int(r[5]), r[6], bool(r[7])) for r in rows
        ]

    def copy_count(self, article_id: str) -> int:
        with self._lock:
            row = self._db.execute(
                "SELECT copies FROM usage WHERE scope = ? AND article_id = ?", (self.scope, article_id)
            ).fetchone()
        return int(row[0]) if row else 0

    def copy_counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT article_id, copies FROM usage WHERE scope = ? AND copies > 0", (self.scope,)
            ).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def is_pinned(self, article_id: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT pinned FROM usage WHERE scope = ? AND article_id = ?", (self.scope, article_id)
            ).fetchone()
        return bool(row and row[0])

    def pinned_ids(self) -> set[str]:
        return {e.ref.id for e in self.favourites()}

    def favourites(self) -> list[UsageEntry]:
        """Pinned articles, most recently pinned first."""
        return self._entries("pinned = 1", "pinned_at DESC, title", None)

    def recent(self, limit: int = 10) -> list[UsageEntry]:
        """Recently copied articles, newest first."""
        return self._entries("last_copied IS NOT NULL", "last_copied DESC", limit)

    def most_used(self, limit: int = 10, min_copies: int = 1) -> list[UsageEntry]:
        """The most copied articles (at least *min_copies* copies), most copies
        first; ties: the more recently copied first."""
        return self._entries(f"copies >= {max(1, int(min_copies))}",
                             "copies DESC, last_copied DESC, title", limit)


def rerank(hits: list, counts: dict[str, int], top: int = 10, weight: float = 0.12) -> list:
    """Give often-copied articles a small lift among the *top* results.

    Each of the first *top* hits gets ``score * (1 + weight * ln(1 + copies))``
    and those are re-sorted (stable); the rest keep their order. A few dozen
    copies lift an article past a neighbour of similar relevance, never past
    a much better match. *hits* are objects with ``id`` and ``score``.
    """
    if not hits or not counts:
        return list(hits)
    head, tail = list(hits[:top]), list(hits[top:])

    def boosted(hit) -> float:
        copies = counts.get(hit.id, 0)
        return (hit.score or 0.0) * (1.0 + weight * math.log1p(copies))

    order = sorted(range(len(head)), key=lambda i: (-boosted(head[i]), i))
    return [head[i] for i in order] + tail
