"""The Whoosh full-text index of a content folder.

Layout of an index folder (never inside the content folder: Whoosh stores
pickles there, and the content folder may be shared)::

    <index dir>/
        state.json      which generation is current, how it was built, and
                        the (mtime, size, hash) of every indexed file
        ix-<token>/     a complete Whoosh index (the current generation)
        update.lock     held by the one process that writes

A full build goes into a fresh ``ix-*`` folder and becomes current by
rewriting state.json atomically, so searchers never see a half-built index.
What a document holds is :mod:`kbdesk.search.schema`; which articles are
indexed (the files, or the approved branch) is :mod:`kbdesk.search.sources`.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import multiprocessing
import os
import re
import secrets
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir
from whoosh import index as whoosh_index
from whoosh.reading import TermNotFound
from whoosh.util.filelock import FileLock

from kbdesk.content.article import Article, ArticleError
from kbdesk.content.store import ContentStore, write_atomic
from kbdesk.content.versions import VersionStore
from kbdesk.messages import MESSAGES, CodedError, english
from kbdesk.search import analysis, checksums
from kbdesk.search.schema import article_documents, build_schema
from kbdesk.search.segment_writer import FastSegmentWriter, merge_tiers, merge_tiers_overdue, segments_to_merge
from kbdesk.search.sources import ApprovedSource, WorkingTreeSource

# Bump when the schema or the stored fields change.
INDEX_FORMAT = 20  # 8: a document per passage; 9: without the words of links to other articles; 10: plain headings under page banners, questions in their section; 11: a numbered heading under a list point; 12: page numbers are no headings; 13: a numbered heading with its text on the next line; 14: a label and its value are no heading; 15: 【三】title; 16: no setext headings; 17: no table rows, paths or "…：" points as headings; questions below the level of their section; 18: Traditional 第X條 and 頁, English words count one character in a title; 19: questions right under a heading inside it, the last of a list of steps no title; 20: "一、适用范围：" a heading again, English sentences none
INDEX_DIR_ENV = "KBDESK_INDEX_DIR"
# Below this many documents a second process costs more than it saves.
PARALLEL_BUILD_MIN_DOCS = 400
BUILD_PROCESSES = min(2, os.cpu_count() or 1)
# A full build writes a segment per this many passages: what a build process
# holds in memory is bounded by it (22,000: 241 MB in all, 40,000: 255 MB),
# not by the folder's size. Each segment more costs every query a look-up
# per term (12,000 made queries at 10,000 articles 10-20% slower; 22,000
# cuts those 61,825 passages into as many segments as 24,000, in 8 MB less).
SEGMENT_DOCS = 22_000


def default_index_dir(content_root: Path, source_name: str = "latest") -> Path:
    """Per-user cache folder, one index per content folder and source."""
    override = os.environ.get(INDEX_DIR_ENV)
    base = None
    if override:
        base = Path(override).expanduser()
    else:
        root = str(content_root.resolve())
        slug = re.sub(r"[^\w]+", "-", Path(root).name).strip("-")[:40] or "content"
        digest = hashlib.sha1(root.encode("utf-8")).hexdigest()[:12]
        base = Path(user_cache_dir("kbdesk", appauthor=False)) / "indexes" / f"{slug}-{digest}"
    return base if source_name == "latest" else base.with_name(f"{base.name}-{source_name}")


class UpdateCancelled(Exception):
    """The progress callback asked to stop; the index is as it was before."""


@dataclass
class IndexUpdate:
    """What an update did: the screens that show results refresh from this."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[ArticleError] = field(default_factory=list)
    rebuilt: bool = False
    rebuild_reason: str = ""  # in English; rebuild_code (of kbdesk.messages) for any language
    rebuild_code: str = ""
    locked: bool = False  # another process is writing; nothing was done
    read_only: bool = False  # the index folder cannot be written; searching uses it as it is
    seconds: float = 0.0
    worker_peak_rss_mb: float = 0.0  # largest memory of a build process (parallel builds)

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)


# Why an index is built anew, by its English text (what _why_rebuild answers).
REBUILD_CODES = {MESSAGES[code]: code for code in MESSAGES if code.startswith("rebuild-")}


class IndexUnavailable(CodedError):
    """There is no usable index and none can be built; the code says why."""


class IndexDamaged(CodedError):
    """A read error while searching: the index is damaged and will be rebuilt."""


# An update of up to this many files runs without cyclic garbage collection.
FEW_CHANGES = 20


@contextlib.contextmanager
def _collections_after(hold: bool = True):
    """Python's cyclic garbage collection held back (if *hold*) while an edit
    is indexed: one full collection over a window's heap (the state of 10,000
    files, the caches of search) takes 15 ms, and an update allocates enough
    to start one every third edit. Reference counting frees nearly all of it
    anyway; the next collection is only put off until after the update.
    (Not for many files: a pull of a thousand collects as it goes.)"""
    enabled = gc.isenabled()
    if hold:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class SearchIndex:
    """Keeps a Whoosh index in step with a content folder."""

    def __init__(self, store: ContentStore, index_dir: str | Path | None = None, source=None):
        self.store = store
        self.source = source or WorkingTreeSource(store)
        if index_dir:
            index_dir = Path(index_dir).expanduser()
            if self.source.name != "latest":
                index_dir = index_dir.with_name(f"{index_dir.name}-{self.source.name}")
        self.dir = index_dir or default_index_dir(store.root, self.source.name)
        dict_path = store.dictionary_path
        self.dict_path = str(dict_path) if dict_path else None
        self.schema = build_schema()
        self._ix = None
        self._ix_name = None
        self._state_stamp = None
        self._state_cache: tuple | None = None
        self.damage = ""  # why the index on disk cannot be used, once found out

    # -- state ---------------------------------------------------------------

    @property
    def _state_path(self) -> Path:
        return self.dir / "state.json"

    def _expected_signature(self) -> dict:
        return {
            "format": INDEX_FORMAT,
            "analysis": analysis.ANALYSIS_VERSION,
            "dictionary": analysis.dictionary_signature(self.dict_path),
            "root": str(self.store.root),
            "source": self.source.name,
        }

    def _read_state(self) -> dict | None:
        # Parsed once per change of the file: it lists every article, and
        # both searching and updating consult it.
        try:
            st = self._state_path.stat()
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
            if self._state_cache is not None and self._state_cache[0] == stamp:
                return self._state_cache[1]
            state = json.loads(self._state_path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or not _entries_as_read(state.get("files")):
            return None
        self._state_cache = (stamp, state)
        return state

    def _write_state(self, state: dict) -> None:
        # Not fsynced: like Whoosh's own files it is derived data, and an
        # unreadable state after a power cut means a rebuild (an fsync of a
        # megabyte on every edit sometimes takes a tenth of a second).
        write_atomic(self._state_path, json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                     durable=False)
        # What was just written need not be parsed again.
        try:
            st = self._state_path.stat()
        except OSError:
            return
        self._state_cache = ((st.st_mtime_ns, st.st_size, st.st_ino), state)

    def _why_rebuild(self, state: dict | None) -> str:
        """Why the current index cannot be used as it is ('' if it can)."""
        if state is None:
            return english("rebuild-no-index", {})
        expected = self._expected_signature()
        for key, value in expected.items():
            if state.get(key) != value:
                return english({
                    "format": "rebuild-format",
                    "analysis": "rebuild-analysis",
                    "dictionary": "rebuild-dictionary",
                    "root": "rebuild-root",
                    "source": "rebuild-source",
                }[key], {})
        current = state.get("current")
        if not current or not (self.dir / current).is_dir():
            return english("rebuild-folder-missing", {})
        if state.get("damaged"):
            return f"index damaged: {state['damaged']}"
        return ""

    # -- opening -------------------------------------------------------------

    def open(self):
        """The current Whoosh index, or None if there is none usable yet."""
        # Called before every search: only re-read the state when it changed.
        try:
            st = self._state_path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        if self._ix is not None and stamp is not None and stamp == self._state_stamp:
            return self._ix
        state = self._read_state()
        if self._why_rebuild(state):
            return None
        name = state["current"]
        self._state_stamp = stamp
        if self._ix is not None and self._ix_name == name:
            return self._ix
        damage = checksums.damage(self.dir / name)
        if damage:
            self.damage = damage
            return None
        try:
            ix = whoosh_index.open_dir(str(self.dir / name), schema=self.schema)
            ix.reader().close()  # reads the table of contents and opens every segment
        except Exception as exc:  # noqa: BLE001 - any failure to open is a damaged index
            self.damage = f"{type(exc).__name__}: {exc}"
            return None
        self._ix, self._ix_name, self.damage = ix, name, ""
        return ix

    def mark_damaged(self, reason: str) -> None:
        """A search could not read the index: the next update rebuilds it."""
        self.damage = reason
        self._ix = self._ix_name = None
        state = self._read_state()
        if state is not None and not state.get("damaged"):
            try:
                self._write_state({**state, "damaged": reason})
            except OSError:
                pass  # a read-only index: this process still knows

    def exists(self) -> bool:
        return self.open() is not None

    def doc_count(self) -> int:
        """The articles indexed (each is one or more passages)."""
        if self.open() is None:
            return 0
        files = (self._read_state() or {}).get("files", {})
        return sum(1 for entry in files.values() if entry[HASH] is not None)

    def passage_count(self) -> int:
        ix = self.open()
        return ix.doc_count() if ix is not None else 0

    # -- updating ------------------------------------------------------------

    def update(self, full: bool = False, lock_timeout: float = 0.0, progress=None, paths=None) -> IndexUpdate:
        """Bring the index in step with the content folder.

        Only new, changed and deleted files are indexed again, unless *full*
        or the index is missing, damaged, or built with other analysis.
        *paths*, if given, are the only files that changed (the window or
        the CLI just saved them): those are looked at, not the whole folder.
        *progress(done, total)* may return False to stop: UpdateCancelled is
        raised and the index stays as it was. If
        another process is writing, waits up to *lock_timeout* seconds, then
        returns with ``locked=True`` and changes nothing; searching the
        existing index keeps working meanwhile.
        """
        started = time.perf_counter()
        try:
            lock = self._lock(lock_timeout)
        except OSError as exc:
            # A read-only index folder: searchable if it is up to date.
            if not full and not self._why_rebuild(self._read_state()) and self.open() is not None:
                return IndexUpdate(read_only=True, seconds=time.perf_counter() - started)
            raise IndexUnavailable("index-unwritable", folder=self.dir, reason=exc.strerror or exc) from None
        if lock is None:
            return IndexUpdate(locked=True, seconds=time.perf_counter() - started)
        try:
            state = self._read_state()
            self._remove_old_generations(keep={(state or {}).get("current"), (state or {}).get("previous")})
            reason = english("rebuild-requested", {}) if full else self._why_rebuild(state)
            ix = None if reason else self.open()
            if ix is None and not reason:
                reason = f"index damaged: {self.damage}" if self.damage else english("rebuild-unreadable", {})
            if reason:
                result = self._rebuild(reason, progress)
            else:
                result = self._update_incrementally(ix, state, progress, paths)
        finally:
            lock.release()
        result.seconds = time.perf_counter() - started
        return result

    def _lock(self, timeout: float) -> FileLock | None:
        """The index's write lock, held by one process at a time, or None if
        another still holds it after *timeout* seconds."""
        self.dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.dir / "update.lock"))
        deadline = time.monotonic() + timeout
        while not lock.acquire(blocking=False):
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)
        return lock

    def merge_segments(self, lock_timeout: float = 0.0) -> bool:
        """Merge the small segments that edits leave, once enough of them pile
        up (see segment_writer.merge_tiers); True if it merged. Run it after an
        update, when nobody waits: the window does it on its index thread
        after showing the change, ``kbdesk index`` after updating."""
        lock = self._lock(lock_timeout)
        if lock is None:
            return False
        try:
            ix = self.open()
            if ix is None:
                return False
            writer = FastSegmentWriter(ix, timeout=5.0)
            try:
                if not segments_to_merge(writer.segments):
                    writer.cancel()  # a commit would only make searchers reopen
                    return False
                writer.commit(mergetype=merge_tiers)
                checksums.record(self.dir / self._ix_name)
            except BaseException:
                writer.cancel()
                raise
            return True
        finally:
            lock.release()

    def _load(self, path: str, stamp: tuple, result: IndexUpdate) -> tuple[Article | None, list]:
        try:
            article = self.source.load(path)
        except ArticleError as exc:
            result.problems.append(exc)
            return None, [stamp, None, exc.as_entry()]
        return article, [stamp, article.hash, None]

    def _rebuild(self, reason: str, progress) -> IndexUpdate:
        result = IndexUpdate(rebuilt=True, rebuild_reason=reason, rebuild_code=REBUILD_CODES.get(reason, ""))
        analysis.forget_segmenter(self.dict_path)  # the dictionary may have changed
        version = self.source.version()  # before the stamps: a commit meanwhile is seen next time
        stamps = self.source.stamps()
        name = f"ix-{secrets.token_hex(4)}"
        target = self.dir / name
        target.mkdir(parents=True)
        try:
            ix = whoosh_index.create_in(str(target), self.schema)
            paths = sorted(stamps)
            procs = BUILD_PROCESSES if len(paths) >= PARALLEL_BUILD_MIN_DOCS and _workers_can_start() else 1
            if procs > 1:
                parts = self._build_in_processes(str(target), paths, procs, progress)
            else:
                parts = [_build_segment(ix, self.source, paths, self.dict_path, _Progress(progress, len(paths)))]
            files = {}
            for part in parts:
                _segments, part_files, problems, added = part[:4]
                if len(part) > 4:
                    result.worker_peak_rss_mb = max(result.worker_peak_rss_mb, part[4])
                files.update(part_files)
                result.problems.extend(problems)
                result.added.extend(added)
            for path, entry in files.items():
                entry[STAMP] = stamps[path]
            result.added.sort()
            writer = ix.writer()
            writer._close_segment()  # it writes nothing itself: the parts are the index
            writer._commit_toc([segment for part in parts for segment in part[0]])
            writer._finish()
            checksums.record(target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        previous = (self._read_state() or {}).get("current")
        self._write_state({**self._expected_signature(), "current": name, "previous": previous, "files": files,
                           "source_version": version})
        self._ix = self._ix_name = None
        self._remove_old_generations(keep={name, previous})
        return result

    def _build_in_processes(self, target: str, paths: list[str], procs: int, progress) -> list:
        """Each process reads, analyses and writes its share of the articles
        as one segment; nothing but paths and finished segments cross over."""
        # forkserver: workers never inherit the threads of a running window.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            # Preload this module, not the caller's __main__: a script without
            # a __name__ guard would otherwise run again inside the server.
            ctx.set_forkserver_preload([__name__])
        done = ctx.Value("i", 0)
        spec = (self.source.name, str(self.store.root), self.dict_path)
        with ctx.Pool(procs, initializer=_init_worker, initargs=(done,)) as pool:
            pending = [pool.apply_async(_build_part, (target, spec, paths[i::procs])) for i in range(procs)]
            while not all(p.ready() for p in pending):
                time.sleep(0.05)
                if progress is not None and progress(min(done.value, len(paths)), len(paths)) is False:
                    pool.terminate()
                    raise UpdateCancelled()
            parts = [p.get() for p in pending]
        if progress is not None:
            progress(len(paths), len(paths))
        return parts

    def _update_incrementally(self, ix, state: dict, progress, paths=None) -> IndexUpdate:
        result = IndexUpdate()
        version = self.source.version()
        if version is not None and state.get("source_version") == version:
            return result  # reading a tree of 10,000 files would only confirm it
        known: dict[str, list] = state.get("files", {})
        if paths is not None and version is None:
            # Only these changed: the rest of the folder stands as indexed.
            stamps = self.source.stamps_of(paths)
            todo = sorted(p for p, stamp in stamps.items() if p not in known or known[p][STAMP] != stamp)
            removed = sorted(p for p in set(paths) - stamps.keys() if p in known)
        else:
            stamps = self.source.stamps()
            indexed = {path: entry[STAMP] for path, entry in known.items()}
            todo = sorted(path for path, _ in stamps.items() - indexed.items())  # new or changed
            removed = sorted(known.keys() - stamps.keys())
        if not todo and not removed:
            if version is not None:
                self._write_state({**state, "source_version": version})
            return result

        with _collections_after(len(todo) + len(removed) <= FEW_CHANGES):
            files = dict(known)
            writer = FastSegmentWriter(ix, timeout=5.0)
            # One reader for every deletion (Whoosh's update_document opens one per call).
            reader = writer.reader()

            def delete(path):
                for docnum in _live_docs_with_path(reader, path):
                    writer.delete_document(docnum)

            try:
                for path in removed:
                    if known[path][HASH] is not None:
                        delete(path)
                        result.removed.append(path)
                    del files[path]
                for n, path in enumerate(todo, 1):
                    old_hash = known[path][HASH] if path in known else None
                    article, files[path] = self._load(path, stamps[path], result)
                    if article is None:
                        if old_hash is not None:
                            delete(path)
                            result.removed.append(path)
                    elif old_hash == article.hash:
                        continue  # touched, not changed
                    else:
                        delete(path)
                        for document in article_documents(article, self.dict_path):
                            writer.add_document(**document)
                        (result.changed if old_hash is not None else result.added).append(path)
                    if progress is not None and progress(n, len(todo)) is False:
                        raise UpdateCancelled()
                if result.changed_anything:
                    # Searchable now; merging small segments is merge_segments()'s job, later.
                    writer.commit(mergetype=merge_tiers_overdue)
                    checksums.record(self.dir / state["current"])
                else:
                    writer.cancel()
            except BaseException:
                writer.cancel()
                raise
            finally:
                reader.close()
            self._write_state({**state, "files": files, "source_version": version})
        return result

    def _remove_old_generations(self, keep: set) -> None:
        # The previous generation is kept once: another process may still be
        # reading it. Older ones go.
        # A folder of a build that was killed is not kept either.
        for child in self.dir.glob("ix-*"):
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)

    def problems(self) -> list[ArticleError]:
        """Files that could not be indexed, with the reason, as of the last update."""
        state = self._read_state() or {}
        return [
            ArticleError.from_entry(path, entry[PROBLEM])
            for path, entry in sorted(state.get("files", {}).items())
            if entry[HASH] is None
        ]


# -- building in parts (also in worker processes) ----------------------------------------


class _Progress:
    def __init__(self, callback, total: int, counter=None):
        self.callback, self.total, self.counter = callback, total, counter

    def step(self, n: int) -> None:
        if self.counter is not None:
            with self.counter.get_lock():
                self.counter.value += 1
        elif self.callback is not None and (n % 50 == 0 or n == self.total):
            if self.callback(n, self.total) is False:
                raise UpdateCancelled()


def _build_segment(ix, source, paths: list[str], dict_path: str | None, progress: _Progress):
    """(segments, files, problems, added) for *paths*, written as new
    segments of *ix* without touching its table of contents: a new segment
    every SEGMENT_DOCS documents, so that a process holds the postings of
    that many passages at most, whatever the size of the folder."""
    segments, files, problems, added = [], {}, [], []
    # Large segments: a compound file would only copy them once more.
    writer = FastSegmentWriter(ix, _lk=False, compound=False)
    try:
        for n, path in enumerate(paths, 1):
            try:
                article = source.load(path)
            except ArticleError as exc:
                problems.append(exc)
                files[path] = [None, None, exc.as_entry()]
            else:
                for document in article_documents(article, dict_path):
                    writer.add_document(**document)
                files[path] = [None, article.hash, None]
                added.append(path)
                if writer.docnum >= SEGMENT_DOCS:  # (at an article's end: its passages stay together)
                    segments.append(writer._finalize_segment())
                    writer = FastSegmentWriter(ix, _lk=False, compound=False)
            progress.step(n)
        if writer.docnum:
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
        return segments, files, problems, added
    except BaseException:
        writer.cancel()
        raise


# A file's entry in state.json, a list (10,000 of them are written on every
# update, and lists encode twice as fast as objects): the file's stamp (see
# the sources' stamps()), the content hash of what was indexed (None if it
# could not be), and why it could not be.
STAMP, HASH, PROBLEM = 0, 1, 2


def _entries_as_read(files) -> bool:
    """Check the file entries of a state just parsed, and make their stamps
    tuples again (as the sources give them); False if they are not entries."""
    if files is None:
        return True
    if not isinstance(files, dict):
        return False
    for entry in files.values():
        if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[STAMP], (list, type(None)))):
            return False
        if entry[STAMP] is not None:
            entry[STAMP] = tuple(entry[STAMP])
    return True


def _live_docs_with_path(reader, path: str) -> list[int]:
    try:
        return list(reader.postings("path", path).all_ids())  # deleted ones are left out
    except TermNotFound:
        return []


def _workers_can_start() -> bool:
    """Worker processes import the caller's main module again, from its file;
    a program read from stdin (``python -``) has none, and its workers would
    die on start-up forever. Build in this process then."""
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_file is None or os.path.exists(main_file)


_worker_counter = None


def _init_worker(counter) -> None:
    global _worker_counter
    _worker_counter = counter


def _build_part(target: str, spec: tuple, paths: list[str]):
    source_name, root, dict_path = spec
    store = ContentStore(root)
    if source_name == "approved":
        source = ApprovedSource(store, VersionStore.open(store.root))
    else:
        source = WorkingTreeSource(store)
    ix = whoosh_index.open_dir(target, schema=build_schema())
    part = _build_segment(ix, source, paths, dict_path, _Progress(None, len(paths), _worker_counter))
    return (*part, _peak_rss_mb())


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
