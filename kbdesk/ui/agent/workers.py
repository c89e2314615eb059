"""Work that must not block the window: searching, indexing and syncing.

* :class:`SearchWorker` lives in its own thread and owns the only Searcher
  (a Whoosh searcher must stay on one thread). Requests carry a sequence
  number; a request that is already outdated when its turn comes is skipped,
  and the window ignores answers to outdated requests. Once results are
  shown and the agent pauses, the window asks for the filter counts of the
  query (:class:`CountsRequest`): skipped if a newer search came meanwhile,
  so counting never holds up results.
* :class:`IndexJob` runs ``SearchIndex.update()`` on a thread of its own;
  then :class:`VectorJob` embeds the passages that have no vector yet
  (matching by meaning): minutes for a large folder the first time, so on
  a thread that the next index update does not wait for.
  Both use the agents' source (``agent_source``): the approved branch where
  the team uses one, else the files.
  The update takes the index's file lock itself; the search thread keeps
  answering from the previous index generation meanwhile.

Each thread makes its own ``SearchIndex``: the object caches the open index
and is not meant to be shared between threads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kbdesk.content.store import ContentStore
from kbdesk.search.index import IndexDamaged, IndexUpdate, SearchIndex
from kbdesk.search.results import FilterCounts
from kbdesk.search.searcher import AGENT_STATUSES, Searcher
from kbdesk.search.sources import agent_source
from kbdesk.ui.common.i18n import message_text


@dataclass(frozen=True)
class SearchRequest:
    seq: int
    text: str
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    limit: int = 40


@dataclass(frozen=True)
class CountsRequest:
    """Count the matches of the query of search *seq* per kind, category and tag."""

    seq: int
    text: str
    epoch: int = 0  # the window's index generation


@dataclass
class FacetCounts:
    """Matches of a query per kind, category and tag, before those filters."""

    seq: int
    text: str
    facets: FilterCounts | None  # None: could not be counted
    epoch: int = 0


@dataclass
class SearchOutcome:
    seq: int
    text: str
    hits: list = field(default_factory=list)  # kbdesk.search.results.SearchHit
    total: int = 0
    relaxed: bool = False
    terms: list[str] = field(default_factory=list)  # normalised, for highlighting
    index_ready: bool = True
    error: str = ""
    countable: bool = False  # the query has words to count filter matches for (CountsRequest)
    question_only: bool = False  # only question words (怎么办): nothing names a subject
    damaged: bool = False  # the index could not be read: it must be rebuilt
    browsing: bool = False  # no query, a filter chosen: the filter's articles
    seconds: float = 0.0  # how long the search took, on the search thread
    refined: bool = False  # the same query's results again, with matching by meaning


@dataclass
class Facets:
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    documents: int = 0
    unreadable: list = field(default_factory=list)  # ArticleError of each file not indexed
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # id → the paths that share it


class SearchWorker(QObject):
    """Runs queries on the thread it is moved to."""

    finished = Signal(object)  # SearchOutcome
    facetsReady = Signal(object)  # Facets
    countsReady = Signal(object)  # FacetCounts

    def __init__(self, content_root: Path, index_dir: Path | None):
        super().__init__()
        self._root = Path(content_root)
        self._index_dir = index_dir
        self._searcher: Searcher | None = None
        # Written by the window's thread, read here: the newest request number.
        self.latest = 0
        self._counts_cache: tuple[tuple, FilterCounts] | None = None

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
        started = time.perf_counter()
        parsed = None
        refine = False
        filters = dict(kinds=list(request.kinds) or None, categories=list(request.categories) or None,
                       tags=list(request.tags) or None)
        try:
            searcher = self._ensure()
            outcome.index_ready = searcher.index.exists()
            parsed = searcher.parse(request.text)
            outcome.terms = parsed.highlight_terms()
            if outcome.index_ready and not request.text.strip() and any(filters.values()):
                results = searcher.browse(**filters, statuses=AGENT_STATUSES)
                outcome.hits, outcome.total, outcome.browsing = results.hits, results.total, True
            elif outcome.index_ready and not parsed.empty:
                # by words first (on screen at once), then, unless the agent
                # typed on, with meaning, which costs an embedding of the query
                results = searcher.search(request.text, **filters, statuses=AGENT_STATUSES, limit=request.limit,
                                          meaning=False)
                outcome.hits, outcome.total, outcome.relaxed = results.hits, results.total, results.relaxed
                outcome.terms = results.terms or outcome.terms  # with the words pinyin was read as
                refine = searcher.meaning_applies(request.text)
        except IndexDamaged as exc:
            outcome.error, outcome.damaged = message_text(exc), True  # the window rebuilds it
        except Exception as exc:  # noqa: BLE001 - shown in the status bar, never a crash
            outcome.error = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
        outcome.countable = bool(outcome.index_ready and not outcome.error
                                 and parsed is not None and not parsed.empty)
        outcome.question_only = bool(parsed is not None and parsed.empty and request.text.strip())
        outcome.seconds = time.perf_counter() - started
        self.finished.emit(outcome)
        if refine and request.seq >= self.latest:
            self._refine(request, outcome, filters)

    def _refine(self, request: SearchRequest, shown: SearchOutcome, filters: dict) -> None:
        """The results of *shown* again with matching by meaning, sent only
        if they differ (it only ever adds or moves the second and third)."""
        try:
            results = self._ensure().search(request.text, **filters, statuses=AGENT_STATUSES, limit=request.limit)
        except Exception:  # noqa: BLE001 - the results by words stay
            traceback.print_exc()
            return
        if [h.path for h in results.hits] == [h.path for h in shown.hits]:
            return
        self.finished.emit(dataclasses.replace(shown, hits=results.hits, total=results.total, relaxed=results.relaxed,
                                               refined=True))

    @Slot(object)
    def count(self, request: CountsRequest) -> None:
        """The filter counts of a query (:meth:`Searcher.facet_counts`), unless
        a newer search was asked for meanwhile. The same query on the same
        index generation is answered from a cache."""
        if request.seq < self.latest:
            return  # the agent typed on; the window asks again for the new query
        try:
            searcher = self._ensure()
            ix = searcher.index.open()
            key = (request.text, request.epoch, id(ix), ix.latest_generation() if ix is not None else -1)
            if self._counts_cache is not None and self._counts_cache[0] == key:
                facets = self._counts_cache[1]
            else:
                facets = searcher.facet_counts(request.text, statuses=AGENT_STATUSES)
                self._counts_cache = (key, facets)
        except Exception:  # noqa: BLE001 - the filters just show no counts
            traceback.print_exc()
            facets = None
        self.countsReady.emit(FacetCounts(request.seq, request.text, facets, request.epoch))

    @Slot()
    def loadFacets(self) -> None:
        """Categories and tags of the articles agents may see."""
        facets = Facets()
        try:
            counts = self._ensure().all_facets(statuses=AGENT_STATUSES)
            facets.documents = counts.total
            facets.categories, facets.tags = sorted(counts.categories), sorted(counts.tags)
            searcher = self._ensure()
            facets.unreadable = searcher.index.problems()
            facets.duplicates = searcher.duplicate_ids()
        except Exception:  # noqa: BLE001
            traceback.print_exc()
        self.facetsReady.emit(facets)
        try:
            self._ensure().prepare()  # before the agent types, not at the first pinyin typed
        except Exception:  # noqa: BLE001 - the first search reads it then
            traceback.print_exc()

    @Slot()
    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


class SearchThread(QObject):
    """Owns the search thread and its worker; the window talks to this."""

    requested = Signal(object)
    countsRequested = Signal(object)  # CountsRequest
    facetsRequested = Signal()
    _closeRequested = Signal()

    def __init__(self, content_root: Path, index_dir: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("kbdesk-search")
        self.worker = SearchWorker(content_root, index_dir)
        self.worker.moveToThread(self.thread)
        self.requested.connect(self.worker.run)
        self.countsRequested.connect(self.worker.count)
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
    """One ``SearchIndex.update()`` off the window's thread, then the merge
    of small segments it may call for (after ``applied``: nobody waits for it)."""

    progress = Signal(int, int)
    applied = Signal(object)  # IndexUpdate, or an Exception: searchable now
    done = Signal(object)  # the same, once the thread has nothing left to do

    def __init__(self, content_root: Path, index_dir: Path | None, full: bool = False, parent=None,
                 paths: list[str] | None = None):
        super().__init__(parent)
        self.setObjectName("kbdesk-index")
        self._root = Path(content_root)
        self._index_dir = index_dir
        self.full = full
        self.paths = paths  # the only files that changed, if the window knows
        self.started_at = dt.datetime.now()

    def run(self) -> None:
        try:
            store = ContentStore(self._root)
            index = SearchIndex(store, self._index_dir, agent_source(store))
            result: IndexUpdate | Exception = index.update(
                full=self.full, lock_timeout=0.0, progress=lambda n, total: self.progress.emit(n, total),
                paths=self.paths)
        except Exception as exc:  # noqa: BLE001
            traceback.print_exc()
            result = exc
        self.applied.emit(result)
        if isinstance(result, IndexUpdate) and result.changed_anything and not result.rebuilt:
            try:
                index.merge_segments()
            except Exception:  # noqa: BLE001  (the index stays as updated: still correct)
                traceback.print_exc()
        self.done.emit(result)


class VectorJob(QThread):
    """Embeds the passages of the index that have no vector yet
    (``Searcher.embed_missing``); stops between batches when interrupted."""

    done = Signal(int)  # how many passages were embedded

    def __init__(self, content_root: Path, index_dir: Path | None, parent=None):
        super().__init__(parent)
        self.setObjectName("kbdesk-vectors")
        self._root = Path(content_root)
        self._index_dir = index_dir

    def run(self) -> None:
        embedded = 0
        try:
            store = ContentStore(self._root)
            searcher = Searcher(SearchIndex(store, self._index_dir, agent_source(store)))
            try:
                embedded = searcher.embed_missing(cancelled=self.isInterruptionRequested)
            finally:
                searcher.close()
        except Exception:  # noqa: BLE001 - search goes on by words alone
            traceback.print_exc()
        self.done.emit(embedded)


class SyncJob(QThread):
    """One sync with the team's repository off the window's thread: typing
    and searching go on; ``done`` brings the SyncReport, or the error."""

    done = Signal(object)

    def __init__(self, content_root: Path, identity, login=None, parent=None):
        super().__init__(parent)
        self.setObjectName("kbdesk-sync")
        self._root = Path(content_root)
        self.identity = identity
        self.login = login

    def run(self) -> None:
        from kbdesk.sync.syncing import Syncer  # late: a desktop without a team repository never needs it

        try:
            from kbdesk.usage.stats import this_desktops_counts

            result = Syncer(ContentStore(self._root), self.identity, login=self.login,
                            usage=lambda: this_desktops_counts(self._root)).sync()
        except Exception as exc:  # noqa: BLE001 - every failure is shown, none ends the window
            if not getattr(exc, "code", None):
                traceback.print_exc()
            result = exc
        self.done.emit(result)


class CloneJob(QThread):
    """``kbdesk clone`` for the first-run dialog, off its thread."""

    done = Signal(object)  # SyncReport, or the error

    def __init__(self, url: str, folder: Path, who, login=None, parent=None):
        super().__init__(parent)
        self.setObjectName("kbdesk-clone")
        self.url, self.folder, self.who, self.login = url, Path(folder), who, login

    def run(self) -> None:
        from kbdesk.sync.syncing import clone

        try:
            result = clone(self.url, self.folder, self.who, self.login)
        except Exception as exc:  # noqa: BLE001
            if not getattr(exc, "code", None):
                traceback.print_exc()
            result = exc
        self.done.emit(result)
