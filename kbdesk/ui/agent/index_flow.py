"""The agents' window's index flow: the index is brought up to date on an
:class:`~kbdesk.ui.agent.workers.IndexJob` at start, when files in the content
folder change (a watcher, debounced) and when the window is activated again;
the results follow what changed.
"""

from __future__ import annotations

import time

from PySide6.QtCore import (
    Qt,
)

from kbdesk.content.store import SETTINGS_DIR
from kbdesk.search.index import IndexUpdate
from kbdesk.ui.agent.workers import (
    Facets,
    IndexJob,
    VectorJob,
)
from kbdesk.ui.common.i18n import counted

MAX_WATCHED_FILES = 3000
ACTIVATE_MIN_INTERVAL_S = 3.0

class IndexFlowMixin:
    """Keeping the index up to date while :class:`MainWindow` is open."""

    # -- the index ---------------------------------------------------------------------------------------

    def request_index_update(self, full: bool = False, path: str | None = None) -> None:
        """Bring the index up to date: only *path* if it is the one file the
        window knows changed (an editor saved it), else the whole folder."""
        if self._closed:
            return
        if self._index_job is not None:
            self._index_pending = True
            self._index_full_pending |= bool(full)
            return  # (then with a look at the whole folder: more may have changed meanwhile)
        self.locked_timer.stop()
        job = IndexJob(self.store.root, self.index_dir, full=bool(full), parent=self,
                       paths=[path] if path and not full else None)
        job.progress.connect(self._on_index_progress)
        job.applied.connect(self._on_index_applied)
        job.done.connect(self._on_index_done)
        self._index_job = job
        self._index_building = True
        job.start()

    def index_busy(self) -> bool:
        return self._index_job is not None

    def _on_index_progress(self, n: int, total: int) -> None:
        if total < 50 and not self.progress.isVisible():
            return
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(n)
        self.progress_label.setText(self.tr("Indexing {n}/{total}").replace("{n}", str(n)).replace(
            "{total}", str(total)))
        self.progress.show()
        self.progress_label.show()

    def _on_index_applied(self, result) -> None:
        """The update is searchable: show it (the job may still be merging)."""
        self._index_building = False
        self.progress.hide()
        self.progress_label.hide()
        if self._closed:
            return
        if isinstance(result, Exception):
            self.statusBar().showMessage(self.tr("The search index could not be updated: {error}").replace(
                "{error}", f"{type(result).__name__}: {result}"), 15000)
        elif result.locked:
            # Another kbdesk is writing; the existing index still answers.
            self._locked_retries += 1
            if self._locked_retries <= 30:
                self.locked_timer.start()
        else:
            self._locked_retries = 0
            self._after_update(result)

    def _on_index_done(self, result) -> None:
        job, self._index_job = self._index_job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        if self._closed:
            return
        self._rewatch()
        self.indexUpdated.emit(result)
        if isinstance(result, IndexUpdate) and not result.locked:
            self._embed_new_passages()
        if self._index_pending:
            full, self._index_pending, self._index_full_pending = self._index_full_pending, False, False
            self.request_index_update(full)

    def _embed_new_passages(self) -> None:
        """Vectors for the passages that have none (matching by meaning), off
        the window's thread; asked again after it if the index changed meanwhile."""
        if self._vector_job is not None:
            self._vectors_pending = True
            return
        job = VectorJob(self.store.root, self.index_dir, parent=self)
        job.done.connect(self._on_vectors_done)
        self._vector_job = job
        job.start()

    def _on_vectors_done(self, _embedded: int) -> None:
        job, self._vector_job = self._vector_job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        if self._vectors_pending and not self._closed:
            self._vectors_pending = False
            self._embed_new_passages()

    def _after_update(self, result: IndexUpdate) -> None:
        first = not self._index_ready
        self._index_ready = True
        if result.changed_anything or first:
            self._epoch += 1  # filter counts of the query shown are counted again
            self.articles.refresh()
            self.search_thread.facetsRequested.emit()
            if self.query():
                self.run_search()
            shown = self.preview.article.path if self.preview.article else None
            if shown and (shown in result.changed or shown in result.removed or result.rebuilt):
                self.preview.reload()
        if result.problems:
            names = ", ".join(p.path for p in result.problems[:3])
            more = len(result.problems) - 3
            self.statusBar().showMessage(
                counted(len(result.problems), self.tr("{n} file could not be read: {names}"),
                        self.tr("{n} files could not be read: {names}"))
                .replace("{names}", names + (f" (+{more})" if more > 0 else "")), 15000)

    def _on_facets(self, facets: Facets) -> None:
        if self._closed:
            return
        self._documents = facets.documents
        self.search_bar.set_facets(facets.categories, facets.tags)
        self.problems_badge.set_problems(facets.unreadable, facets.duplicates)
        self._update_count_label()
        self.facetsLoaded.emit(facets)

    def _update_count_label(self) -> None:
        self.count_label.setText(counted(self._documents, self.tr("{n} article"), self.tr("{n} articles"))
                                 if self._documents else "")

    # -- watching the content folder -------------------------------------------------------------------------

    def _watch_targets(self) -> tuple[set[str], set[str]]:
        import os

        root = self.store.root
        dirs, files = {str(root)}, set()
        git = root / ".git"
        for ref_dir in (git, git / "refs" / "heads"):
            if ref_dir.is_dir():  # an approval moves the approved branch
                dirs.add(str(ref_dir))
        settings = root / SETTINGS_DIR
        if settings.is_dir():
            dirs.add(str(settings))
            files.update(str(p) for p in settings.iterdir() if p.is_file())
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            dirs.add(dirpath)
            for name in filenames:
                if len(files) < MAX_WATCHED_FILES and name.lower().endswith((".md", ".markdown")):
                    files.add(os.path.join(dirpath, name))
        return dirs, files

    def _rewatch(self) -> None:
        """Watch every folder (new and deleted files) and, up to a limit, every
        article (edits in place). Window activation re-checks the rest."""
        try:
            dirs, files = self._watch_targets()
        except OSError:
            return
        current = set(self.watcher.directories()) | set(self.watcher.files())
        wanted = dirs | files
        gone = [p for p in current if p not in wanted]
        new = [p for p in wanted if p not in current]
        if gone:
            self.watcher.removePaths(gone)
        if new:
            self.watcher.addPaths(new)

    def _on_app_state(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationActive and not self._closed:
            self.activate_timer.start()

    def _on_activated(self) -> None:
        now = time.monotonic()
        if now - self._last_activation_check >= ACTIVATE_MIN_INTERVAL_S:
            self._last_activation_check = now
            self.request_index_update()
