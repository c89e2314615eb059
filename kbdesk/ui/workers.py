"""Work that must not block the window: searching and indexing.

* :class:`SearchWorker` lives in its own thread and owns the only Searcher
  (a Whoosh searcher must stay on one thread). Requests carry a sequence
  number; a request that is already outdated when its turn comes is skipped,
  and the window ignores answers to outdated requests.
* :class:`IndexJob` runs ``SearchIndex.update()`` on a thread of its own.
  Both use the agents' source (``agent_source``): the approved branch where
  the team uses one, else the files.
  The update takes the index's file lock itself; the search thread keeps
  answering from the previous index generation meanwhile.

Each thread makes its own ``SearchIndex``: the object caches the open index
and is not meant to be shared between threads.
"""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..index import IndexUpdate, SearchIndex, agent_source
from ..search import AGENT_STATUSES, Searcher, parse_query
from ..store import ContentStore


@dataclass(frozen=True)
class SearchRequest:
    seq: int
    text: str
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    limit: int = 40


@dataclass
class SearchOutcome:
    seq: int
    text: str
    hits: list = field(default_factory=list)  # kbdesk.search.SearchHit
    total: int = 0
    relaxed: bool = False
    terms: list[str] = field(default_factory=list)  # normalised, for highlighting
    index_ready: bool = True
    error: str = ""


@dataclass
class Facets:
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    documents: int = 0


class SearchWorker(QObject):
    """Runs queries on the thread it is moved to."""

    finished = Signal(object)  # SearchOutcome
    facetsReady = Signal(object)  # Facets

    def __init__(self, content_root: Path, index_dir: Path | None):
        super().__init__()
        self._root = Path(content_root)
        self._index_dir = index_dir
        self._searcher: Searcher | None = None
        # Written by the window's thread, read here: the newest request number.
        self.latest = 0

    def _ensure(self) -> Searcher:
        if self._searcher is None:
            store = ContentStore(self._root)
            self._searcher = Searcher(SearchIndex(store, self._index_dir, agent_source(store)))
        return self._searcher

    @Slot(object)
    def run(self, request: SearchRequest) -> None:
        if request.seq < self.latest:
            return  # a newer request is queued behind this one
        outcome = SearchOutcome(request.seq, request.text)
        try:
            searcher = self._ensure()
            outcome.index_ready = searcher.index.exists()
            parsed = parse_query(request.text, searcher.segmenter, searcher.synonyms)
            outcome.terms = parsed.highlight_terms()
            if outcome.index_ready and not parsed.empty:
                results = searcher.search(
                    request.text,
                    kinds=list(request.kinds) or None,
                    categories=list(request.categories) or None,
                    tags=list(request.tags) or None,
                    statuses=AGENT_STATUSES,
                    limit=request.limit,
                )
                outcome.hits, outcome.total, outcome.relaxed = results.hits, results.total, results.relaxed
        except Exception as exc:  # noqa: BLE001 - shown in the status bar, never a crash
            outcome.error = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
        self.finished.emit(outcome)

    @Slot()
    def loadFacets(self) -> None:
        """Categories and tags of the articles agents may see."""
        facets = Facets()
        try:
            ix = self._ensure().index.open()
            if ix is not None:
                categories, tags = set(), set()
                with ix.searcher() as s:
                    for stored in s.all_stored_fields():
                        if stored.get("status") not in AGENT_STATUSES:
                            continue
                        if stored.get("category_id"):
                            categories.add(stored["category_id"])
                        tags.update(t for t in stored.get("tag_list", "").split(",") if t)
                        facets.documents += 1
                facets.categories, facets.tags = sorted(categories), sorted(tags)
        except Exception:  # noqa: BLE001
            traceback.print_exc()
        self.facetsReady.emit(facets)

    @Slot()
    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


class SearchThread(QObject):
    """Owns the search thread and its worker; the window talks to this."""

    requested = Signal(object)
    facetsRequested = Signal()
    _closeRequested = Signal()

    def __init__(self, content_root: Path, index_dir: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("kbdesk-search")
        self.worker = SearchWorker(content_root, index_dir)
        self.worker.moveToThread(self.thread)
        self.requested.connect(self.worker.run)
        self.facetsRequested.connect(self.worker.loadFacets)
        self._closeRequested.connect(self.worker.close)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    def submit(self, request: SearchRequest) -> None:
        self.worker.latest = request.seq
        self.requested.emit(request)

    def stop(self, timeout_ms: int = 5000) -> None:
        if self.thread.isRunning():
            self._closeRequested.emit()
            self.thread.quit()
            self.thread.wait(timeout_ms)


class IndexJob(QThread):
    """One ``SearchIndex.update()`` off the window's thread."""

    progress = Signal(int, int)
    done = Signal(object)  # IndexUpdate, or an Exception

    def __init__(self, content_root: Path, index_dir: Path | None, full: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName("kbdesk-index")
        self._root = Path(content_root)
        self._index_dir = index_dir
        self.full = full
        self.started_at = dt.datetime.now()

    def run(self) -> None:
        try:
            store = ContentStore(self._root)
            index = SearchIndex(store, self._index_dir, agent_source(store))
            result: IndexUpdate | Exception = index.update(
                full=self.full, lock_timeout=0.0, progress=lambda n, total: self.progress.emit(n, total)
            )
        except Exception as exc:  # noqa: BLE001
            traceback.print_exc()
            result = exc
        self.done.emit(result)
