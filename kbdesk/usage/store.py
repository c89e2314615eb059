"""What this agent copies, pins and searches for: local, private, in SQLite.

The database lives in the user's data folder (``data_dir()``), never in the
content folder: the content folder may be shared by a whole team, and what
one agent copies is nobody else's business. Entries are kept per content
folder (*scope*), since article ids are only unique within one.

Stored per article: how often it was copied, when last, whether it is pinned
(收藏), and the title/kind/category/path it had then, so the favourites and
recent lists can be shown before the search index is ready. Per day, for the
leads' dashboard: copies per article (and the time from the first keystroke
to the copy), and searches by how they ended, their text scrubbed of
customer data first (``kbdesk.usage.privacy``); 180 days are kept.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kbdesk.config import data_dir

SCHEMA_VERSION = 2
KEEP_DAYS = 180  # daily counts older than this are dropped
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
-- Per day, for the leads' dashboard: nothing but counts and scrubbed queries.
CREATE TABLE IF NOT EXISTS daily_copies (
    scope       TEXT NOT NULL,
    day         TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    copies      INTEGER NOT NULL DEFAULT 0,
    ms_total    INTEGER NOT NULL DEFAULT 0,  -- first keystroke → copy, summed over the copies timed
    ms_count    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, day, article_id)
);
CREATE TABLE IF NOT EXISTS daily_searches (
    scope       TEXT NOT NULL,
    day         TEXT NOT NULL,
    query       TEXT NOT NULL,               -- kbdesk.usage.privacy.stored_query: no customer data
    searches    INTEGER NOT NULL DEFAULT 0,
    empty       INTEGER NOT NULL DEFAULT 0,  -- nothing found
    failed      INTEGER NOT NULL DEFAULT 0,  -- found, but nothing opened or copied
    PRIMARY KEY (scope, day, query)
);
"""
OUTCOMES = ("copied", "opened", "failed", "empty")


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


def day_of(when: float) -> str:
    """The local calendar day of a time, as ``2026-12-01``."""
    return time.strftime("%Y-%m-%d", time.localtime(when))


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
        self.prune()

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

    def record_copy(self, ref: ArticleRef, when: float | None = None, ms_to_copy: int | None = None) -> int:
        """Count one copy of *ref* (*ms_to_copy*: from the search's first
        keystroke, if it came from one); returns its new copy count."""
        when = time.time() if when is None else when
        with self._lock, self._db:
            self._upsert_ref(ref)
            self._db.execute(
                "UPDATE usage SET copies = copies + 1, last_copied = ? WHERE scope = ? AND article_id = ?",
                (when, self.scope, ref.id),
            )
            self._db.execute(
                "INSERT INTO daily_copies (scope, day, article_id, copies, ms_total, ms_count) VALUES (?, ?, ?, 1, ?, ?) "
                "ON CONFLICT (scope, day, article_id) DO UPDATE SET copies = copies + 1, "
                "ms_total = ms_total + excluded.ms_total, ms_count = ms_count + excluded.ms_count",
                (self.scope, day_of(when), ref.id, int(ms_to_copy or 0), 1 if ms_to_copy is not None else 0),
            )
            row = self._db.execute(
                "SELECT copies FROM usage WHERE scope = ? AND article_id = ?", (self.scope, ref.id)
            ).fetchone()
        return int(row[0])

    def record_search(self, query: str, outcome: str, when: float | None = None) -> None:
        """Count one search by how it ended (:data:`OUTCOMES`); the query is
        stored only as :func:`~kbdesk.usage.privacy.stored_query` makes it."""
        from kbdesk.usage.privacy import stored_query

        text = stored_query(query)
        if not text or outcome not in OUTCOMES:
            return
        when = time.time() if when is None else when
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO daily_searches (scope, day, query, searches, empty, failed) VALUES (?, ?, ?, 1, ?, ?) "
                "ON CONFLICT (scope, day, query) DO UPDATE SET searches = searches + 1, "
                "empty = empty + excluded.empty, failed = failed + excluded.failed",
                (self.scope, day_of(when), text, int(outcome == "empty"), int(outcome == "failed")),
            )

    def daily(self, days: int = KEEP_DAYS, now: float | None = None) -> dict:
        """This desktop's daily counts of the last *days* days, as published
        to the team: ``{"copies": [[day, article, copies, ms_total, ms_count]…],
        "searches": [[day, query, searches, empty, failed]…]}``."""
        since = day_of((time.time() if now is None else now) - days * 86400)
        with self._lock:
            copies = self._db.execute(
                "SELECT day, article_id, copies, ms_total, ms_count FROM daily_copies "
                "WHERE scope = ? AND day > ? ORDER BY day, article_id", (self.scope, since)).fetchall()
            searches = self._db.execute(
                "SELECT day, query, searches, empty, failed FROM daily_searches "
                "WHERE scope = ? AND day > ? ORDER BY day, query", (self.scope, since)).fetchall()
        return {"copies": [list(r) for r in copies], "searches": [list(r) for r in searches]}

    def prune(self, days: int = KEEP_DAYS, now: float | None = None) -> None:
        since = day_of((time.time() if now is None else now) - days * 86400)
        with self._lock, self._db:
            self._db.execute("DELETE FROM daily_copies WHERE day <= ?", (since,))
            self._db.execute("DELETE FROM daily_searches WHERE day <= ?", (since,))

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
