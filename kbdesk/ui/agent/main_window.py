"""The agents' window. Every connection between the parts is made here: the
child widgets only emit signals and never reach into the window or each other.

    SearchBar ──text/filters──▶ (debounce) ──▶ SearchThread ──outcome──▶ ResultsModel
        │   ▲                                      │                         │ selection
        │   └── counts per kind, category, tag ────┘ (after the outcome)     ▼
        │ Enter/Down/Up                                                  PreviewPane
        ▼                                                                    │ selected text, Ctrl+C
    copy (FillDialog if blanks) ──▶ clipboard + UsageStore ◀─────────────────┘
    IndexJob (start, folder changes, window re-activated) ──▶ refresh results
    Leads menu (Ctrl+E edit, Ctrl+N new script) ──▶ EditorHub ──approvedChanged──▶ IndexJob
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QItemSelectionModel,
    QMimeData,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kbdesk.config import load_settings, save_settings
from kbdesk.content.article import ArticleError
from kbdesk.content.placeholders import find_placeholders, folder_placeholder_specs
from kbdesk.content.render import copy_payload, resolved_values, sections, strip_title_heading
from kbdesk.content.store import SETTINGS_DIR, ContentError, ContentStore
from kbdesk.search.index import IndexUpdate, default_index_dir
from kbdesk.ui.agent.articles import AgentArticles
from kbdesk.ui.agent.fill_form import FillDialog, profile_names
from kbdesk.ui.agent.preferences import PreferencesDialog
from kbdesk.ui.agent.preview import PreviewPane
from kbdesk.ui.agent.results import ResultItem, ResultsModel, ResultsView
from kbdesk.ui.agent.search_bar import KIND_FILTERS, SearchBar
from kbdesk.ui.agent.workers import (
    CountsRequest,
    FacetCounts,
    Facets,
    IndexJob,
    SearchOutcome,
    SearchRequest,
    SearchThread,
)
from kbdesk.ui.common import i18n
from kbdesk.ui.common.resources import icon
from kbdesk.ui.editor.window import EditorHub
from kbdesk.usage.store import ArticleRef, UsageStore, rerank

SEARCH_DEBOUNCE_MS = 120
COUNTS_DELAY_MS = 200  # filter counts once the agent pauses: typing on never waits for them
WATCH_DEBOUNCE_MS = 500
ACTIVATE_DEBOUNCE_MS = 300
ACTIVATE_MIN_INTERVAL_S = 3.0
LOCKED_RETRY_MS = 2000
MAX_WATCHED_FILES = 3000
RECENT_LIMIT = 8
MOST_USED_LIMIT = 10
MOST_USED_MIN_COPIES = 2  # copied once is not "most used"
RESULT_LIMIT = 40


class MainWindow(QMainWindow):
    copied = Signal(str, str)  # article id, the plain text put on the clipboard
    resultsShown = Signal(int)  # sequence number of the query now shown
    indexUpdated = Signal(object)  # IndexUpdate, or the Exception it raised
    facetsLoaded = Signal(object)
    countsShown = Signal(int)  # sequence number of the query whose filter counts are now shown

    def __init__(self, store: ContentStore, index_dir: str | Path | None = None,
                 usage: UsageStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.articles = AgentArticles(store)  # approved wording where the team uses an approved branch
        self.index_dir = Path(index_dir).expanduser() if index_dir else default_index_dir(store.root)
        self.settings = load_settings()
        self.specs = folder_placeholder_specs(self.store.settings_dir)
        self.usage = usage if usage is not None else self._open_usage()
        self._counts = self.usage.copy_counts() if self.usage else {}
        self._pinned = self.usage.pinned_ids() if self.usage else set()

        self._seq = 0
        self._shown_seq = -1
        # Filter counts: the index generation as this window knows it, the
        # (query, generation) whose counts are shown, and the first search
        # of the current (query, generation) — counts asked before are stale.
        self._epoch = 0
        self._counts_key: tuple[str, int] | None = None
        self._counts_asked: tuple[str, int] | None = None
        self._counts_from_seq = 0
        self._terms: list[str] = []
        self._last_outcome: SearchOutcome | None = None
        self._copy_when_ready = False
        self._index_job: IndexJob | None = None
        self._index_pending = False
        self._index_full_pending = False
        self._index_ready = False
        self._index_building = False
        self._locked_retries = 0
        self._last_activation_check = 0.0
        self._documents = 0
        self._closed = False
        self.fill_dialog: FillDialog | None = None
        self.editors = EditorHub(store, self)  # the leads' editor windows

        self._build_ui()
        self._wire()
        self._restore_geometry()
        self.retranslate()
        self.show_home()

    # -- construction --------------------------------------------------------------

    def _open_usage(self) -> UsageStore | None:
        try:
            return UsageStore(scope=str(self.store.root))
        except Exception:  # noqa: BLE001 - favourites are a convenience; the window works without
            traceback.print_exc()
            return None

    def _build_ui(self) -> None:
        self.setWindowIcon(icon("kbdesk"))
        self.search_bar = SearchBar(self)
        self.field = self.search_bar.field

        self.model = ResultsModel(self)
        self.results = ResultsView(self)
        self.results.setModel(self.model)
        self.results_info = QLabel(self)
        self.results_info.setObjectName("resultsInfo")
        self.results_info.setWordWrap(True)
        left = QWidget(self)
        left.setObjectName("resultsPane")
        left.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.results_info)
        left_layout.addWidget(self.results, 1)

        self.preview = PreviewPane(self.store, self.articles, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        left.setMinimumWidth(280)
        self.preview.setMinimumWidth(320)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel(self)
        self.progress_label.hide()
        self.count_label = QLabel(self)
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        status.addPermanentWidget(self.progress_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.count_label)

        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self.counts_timer = QTimer(self, singleShot=True, interval=COUNTS_DELAY_MS)
        self.watch_timer = QTimer(self, singleShot=True, interval=WATCH_DEBOUNCE_MS)
        self.activate_timer = QTimer(self, singleShot=True, interval=ACTIVATE_DEBOUNCE_MS)
        self.locked_timer = QTimer(self, singleShot=True, interval=LOCKED_RETRY_MS)
        self.watcher = QFileSystemWatcher(self)
        self.search_thread = SearchThread(self.store.root, self.index_dir, self)
        self._build_leads_menu()

    def _build_leads_menu(self) -> None:
        """Edit / New script / Open / Who am I: the way into the leads' editor.
        For agents, editing and creating are disabled, with the reason as tooltip."""
        self.leads_menu = self.menuBar().addMenu("")
        self.leads_menu.setToolTipsVisible(True)
        self.edit_action = QAction(self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.identity_action = QAction(self)
        for action in (self.edit_action, self.new_action, self.open_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.leads_menu.addAction(action)
        self.leads_menu.addSeparator()
        self.leads_menu.addAction(self.identity_action)

    def _wire(self) -> None:
        bar, field = self.search_bar, self.field
        field.textChanged.connect(lambda _t: self.search_timer.start())
        field.submitted.connect(lambda _ctrl: self.copy_selected())
        field.moveRequested.connect(self.move_selection)
        bar.filtersChanged.connect(self.run_search)
        bar.settingsRequested.connect(self.open_preferences)
        self.search_timer.timeout.connect(self.run_search)
        self.counts_timer.timeout.connect(self._request_counts)

        self.search_thread.worker.finished.connect(self._on_outcome)
        self.search_thread.worker.facetsReady.connect(self._on_facets)
        self.search_thread.worker.countsReady.connect(self._on_counts)

        self.results.selectionModel().currentChanged.connect(lambda cur, _prev: self._on_current(cur))
        self.results.copyRequested.connect(self.copy_selected)
        self.results.doubleClicked.connect(lambda _i: self.copy_selected())

        self.preview.copyRequested.connect(self.copy_article)
        self.preview.sectionCopyRequested.connect(self.copy_article)
        self.preview.pinRequested.connect(lambda _p: self.toggle_pin())
        self.preview.externalLinkRequested.connect(lambda url: self.open_external(url))
        self.preview.linkRefused.connect(
            lambda url: self.statusBar().showMessage(self.tr("Link not opened: {url}").replace("{url}", url), 5000))
        self.preview.articleShown.connect(lambda _p: self._sync_pin())
        self.preview.selectionCopied.connect(self._on_selection_copied)
        self.preview.selectionCopyRefused.connect(self._on_selection_refused)

        self.edit_action.triggered.connect(self.edit_selected)
        self.new_action.triggered.connect(lambda: self.editors.new_script(self))
        self.open_action.triggered.connect(lambda: self.editors.pick(self))
        self.identity_action.triggered.connect(lambda: self.editors.ask_identity(self))
        self.editors.roleChanged.connect(self._update_lead_actions)
        # An approval or retirement changes what agents see: update their index now.
        self.editors.approvedChanged.connect(lambda _path: self.request_index_update())

        self.watch_timer.timeout.connect(self.request_index_update)
        self.watcher.directoryChanged.connect(lambda _p: self.watch_timer.start())
        self.watcher.fileChanged.connect(lambda _p: self.watch_timer.start())
        self.activate_timer.timeout.connect(self._on_activated)
        self.locked_timer.timeout.connect(self.request_index_update)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_app_state)

        def shortcut(keys: str, slot) -> QShortcut:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
            return sc

        self.shortcuts = [
            shortcut("Ctrl+K", self.focus_search),
            shortcut("Ctrl+F", self.focus_search),
            shortcut("Alt+Left", self.preview.back),
            shortcut("Alt+Right", self.preview.forward),
            shortcut("Ctrl+D", self.toggle_pin),
            shortcut("F5", self.request_index_update),
            shortcut("Ctrl+,", self.open_preferences),
        ]
        for n, kind in enumerate(KIND_FILTERS):
            self.shortcuts.append(shortcut(f"Alt+{n}", lambda k=kind: self.search_bar.set_kind(k)))

    # -- start and stop ---------------------------------------------------------------

    def start(self) -> None:
        """Bring the index up to date in the background; call once the window shows."""
        self.search_thread.facetsRequested.emit()
        self.request_index_update()
        self.focus_search()
        QTimer.singleShot(0, lambda: self._closed or self.editors.offer_recoveries(self))

    def focus_search(self) -> None:
        self.activateWindow()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def closeEvent(self, event) -> None:
        if not self.editors.close_all():
            event.ignore()  # an editor asks about its unsaved changes first
            return
        self._save_geometry()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the threads (waiting for an index update to finish: it cannot be
        interrupted safely) and close the usage database. Idempotent."""
        if self._closed:
            return
        self._closed = True
        for timer in (self.search_timer, self.counts_timer, self.watch_timer, self.activate_timer, self.locked_timer):
            timer.stop()
        self.editors.shutdown()  # unsaved text stays in the autosave folder
        self.hide()
        self.search_thread.stop()
        job = self._index_job
        if job is not None:
            job.wait()
        if self.usage is not None:
            self.usage.close()
        self.articles.close()
        app = QGuiApplication.instance()
        if app is not None:
            try:
                app.applicationStateChanged.disconnect(self._on_app_state)
            except (RuntimeError, TypeError):
                pass

    # -- searching ----------------------------------------------------------------------

    def query(self) -> str:
        return self.field.text().strip()

    def run_search(self) -> None:
        self.search_timer.stop()
        self.counts_timer.stop()
        self._seq += 1
        text = self.query()
        if not text:
            self._copy_when_ready = False
            self.show_home()
            return
        key = (text, self._epoch)
        if key != self._counts_asked:
            self._counts_asked, self._counts_from_seq = key, self._seq
        self.search_thread.submit(SearchRequest(
            self._seq, text, self.search_bar.kinds(), self.search_bar.categories(), self.search_bar.tags(),
            limit=RESULT_LIMIT,
        ))

    def search_pending(self) -> bool:
        return self.search_timer.isActive() or (bool(self.query()) and self._shown_seq != self._seq)

    def _on_outcome(self, outcome: SearchOutcome) -> None:
        if outcome.seq != self._seq or self._closed:
            return  # an answer to a query the agent has already changed
        self._last_outcome = outcome
        self._shown_seq = outcome.seq
        self._terms = outcome.terms
        if outcome.index_ready:
            self._index_ready = True
        hits = rerank(outcome.hits, self._counts)
        items = [ResultItem.from_hit(h, h.id in self._pinned, self._counts.get(h.id, 0)) for h in hits]
        self.model.set_items(items)
        self._describe_results(outcome)
        if not outcome.countable:
            self._set_counts(None)  # e.g. only filler words: nothing to count
        elif self._counts_key != (outcome.text, self._epoch):
            self.counts_timer.start()  # only the filters changed: the counts shown still hold
        if items:
            self._select_row(0)
        self.resultsShown.emit(outcome.seq)
        if self._copy_when_ready:
            self._copy_when_ready = False
            if items:
                self.copy_selected()

    def _request_counts(self) -> None:
        outcome = self._last_outcome
        if outcome is None or self._closed or self.search_pending() or outcome.seq != self._seq:
            return
        self.search_thread.countsRequested.emit(CountsRequest(outcome.seq, outcome.text, self._epoch))

    def counts_pending(self) -> bool:
        """Whether the filter counts shown are not yet those of the query typed."""
        text = self.query()
        return bool(text) and (self.search_pending() or self.counts_timer.isActive()
                               or (self._last_outcome is not None and self._last_outcome.countable
                                   and self._counts_key != (text, self._epoch)))

    def _on_counts(self, counts: FacetCounts) -> None:
        """Filter counts for a query: shown if it is still the one typed (an
        answer to a request made before the query or the index last changed
        is discarded, like outdated results)."""
        if (self._closed or counts.seq < self._counts_from_seq or counts.seq > self._seq
                or (counts.text, counts.epoch) != (self.query(), self._epoch)):
            return
        self._set_counts(counts.facets, (counts.text, counts.epoch))  # facets None (failed): no counts, no retry
        self.countsShown.emit(counts.seq)

    def _set_counts(self, facets, key: tuple[str, int] | None = None) -> None:
        self._counts_key = key
        self.search_bar.set_counts(facets)

    def _describe_results(self, outcome: SearchOutcome | None) -> None:
        """The line above the list and the empty-state text."""
        if outcome is None:
            return
        filters = self.search_bar.describe_filters()
        if outcome.error:
            self.results_info.setText(self.tr("Search failed: {error}").replace("{error}", outcome.error))
            self.results.set_empty_text(self.tr("Search failed"), outcome.error)
            return
        if not outcome.index_ready:
            self.results_info.setText("")
            self.results.set_empty_text(
                self.tr("Preparing the search index…"),
                self.tr("Results appear as soon as it is ready. You can keep typing."))
            return
        if outcome.hits:
            if outcome.relaxed:
                text = self.tr("No article has every word; showing articles with some of them.")
            else:
                text = self.tr("{n} results").replace("{n}", str(outcome.total))
            if filters:
                text += "  ·  " + self.tr("filter: {filters}").replace("{filters}", filters)
            self.results_info.setText(text)
            return
        self.results_info.setText("")
        tips = [self.tr("Try a shorter or different word (退款 instead of 退款多久到账)."),
                self.tr("Pinyin works too: full (tuikuan) or initials (tk).")]
        if filters:
            tips.insert(0, self.tr("Remove the filter ({filters}) — it may hide the answer.")
                        .replace("{filters}", filters))
        self.results.set_empty_text(self.tr("Nothing found for “{query}”").replace("{query}", outcome.text),
                                    "\n".join(tips))

    def show_home(self) -> None:
        """With an empty query: the favourites, the most copied articles and
        the recently copied ones, each article once (in the first list it
        belongs to). No filter counts without a query."""
        self._terms = []
        self._last_outcome = None
        self._counts_asked = None
        self.counts_timer.stop()
        self._set_counts(None)
        items: list[ResultItem] = []
        if self.usage is not None:
            try:
                favourites = self.usage.favourites()
                listed = {e.ref.id for e in favourites}
                most_used = [e for e in self.usage.most_used(MOST_USED_LIMIT + len(listed), MOST_USED_MIN_COPIES)
                             if e.ref.id not in listed][:MOST_USED_LIMIT]
                listed.update(e.ref.id for e in most_used)
                recent = [e for e in self.usage.recent(RECENT_LIMIT + len(listed))
                          if e.ref.id not in listed][:RECENT_LIMIT]
            except Exception:  # noqa: BLE001 - a locked or damaged database: an empty list, not a crash
                traceback.print_exc()
                favourites = most_used = recent = []
            for header, entries in ((self.tr("Favourites"), favourites), (self.tr("Most used"), most_used),
                                    (self.tr("Recently copied"), recent)):
                if entries:
                    items.append(ResultItem(header=header))
                    items.extend(ResultItem.from_usage(e) for e in entries)
        self.model.set_items(items)
        self.results_info.setText("")
        self.results.set_empty_text(
            self.tr("Type to search the knowledge base"),
            self.tr("Chinese (Simplified or Traditional), pinyin such as tuikuan or tk, or terms like APP, VIP.\n"
                    "↓ ↑ choose · Enter copies · Esc clears · Ctrl+K comes back here\n"
                    "Ctrl+D pins an article to your favourites."))

    # -- selection -------------------------------------------------------------------------

    def _select_row(self, row: int) -> None:
        index = self.model.index(row)
        self.results.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.results.scrollTo(index)

    def selected_item(self) -> ResultItem | None:
        index = self.results.currentIndex()
        if index.isValid() and self.results.selectionModel().isSelected(index):
            item = self.model.item(index.row())
            if item is not None and not item.is_header:
                return item
        return None

    def move_selection(self, step: int) -> None:
        rows = self.model.article_rows()
        if not rows:
            return
        current = self.results.currentIndex().row() if self.selected_item() else None
        if current is None:
            target = rows[0] if step > 0 else rows[-1]
        else:
            pos = rows.index(current) if current in rows else 0
            target = rows[max(0, min(len(rows) - 1, pos + step))]
        self._select_row(target)

    def _on_current(self, index) -> None:
        item = self.model.item(index.row()) if index.isValid() else None
        if item is None or item.is_header:
            return
        self.preview.show_article(item.path, terms=self._terms)

    # -- copying -------------------------------------------------------------------------------

    def copy_selected(self) -> None:
        """Enter: copy the selected result, or the first one if none is selected.
        If the query typed has not been answered yet, copy when it is."""
        if self.search_pending():
            self._copy_when_ready = True
            if self.search_timer.isActive():
                self.run_search()
            return
        item = self.selected_item()
        if item is None and self.query():
            rows = self.model.article_rows()
            item = self.model.item(rows[0]) if rows else None
        if item is None:
            return
        self.copy_article(item.path)

    def copy_article(self, path: str, section: int | None = None) -> None:
        """Copy an article, or one of its '## ' sections (a script's variant);
        a form first if it has blanks."""
        try:
            article = self.articles.load(path)
        except (ArticleError, ContentError) as exc:
            self.statusBar().showMessage(self.tr("Cannot copy: {reason}").replace(
                "{reason}", getattr(exc, "reason", str(exc))), 8000)
            return
        if not article.visible_to_agents:
            self.statusBar().showMessage(
                self.tr("Not copied: “{title}” is not approved.").replace("{title}", article.title), 8000)
            return
        body = strip_title_heading(article.body, article.title)
        title = article.title
        if section is not None:
            parts = sections(body)
            if not 0 <= section < len(parts):
                return
            body, title = parts[section].body, f"{article.title} · {parts[section].title}"
        if not find_placeholders(body):
            self._finish_copy(article, body, {}, title)
            return
        if self.fill_dialog is not None:
            self.fill_dialog.raise_()
            return
        dialog = FillDialog(title, body, self.specs, self._profile(), self)
        self.fill_dialog = dialog

        def done(result: int) -> None:
            self.fill_dialog = None
            if result == FillDialog.DialogCode.Accepted:
                self._finish_copy(article, body, dialog.values(), title)
            dialog.deleteLater()
            self.focus_search()

        dialog.finished.connect(done)
        dialog.open()

    def _finish_copy(self, article, body: str, values: dict[str, str], title: str = "") -> None:
        plain, rich = copy_payload(body, values)
        mime = QMimeData()
        mime.setText(plain)
        mime.setHtml(rich)
        QApplication.clipboard().setMimeData(mime)
        self._record_copy(article)
        missing = [p.name for p in find_placeholders(body) if p.name not in resolved_values(body, values)]
        message = self.tr("Copied “{title}” — paste it with Ctrl+V.").replace("{title}", title or article.title)
        if missing:
            message += "  " + self.tr("Still blank: {names}").replace("{names}", "、".join(missing))
        self.statusBar().showMessage(message, 8000)
        self.field.selectAll()
        self.copied.emit(article.id, plain)

    def _record_copy(self, article) -> None:
        """Count a copy of *article* (for the ranking and the home lists)."""
        ref = ArticleRef(article.id, article.path, article.title, article.kind, article.category)
        if self.usage is not None:
            try:
                self._counts[article.id] = self.usage.record_copy(ref)
            except Exception:  # noqa: BLE001
                traceback.print_exc()
        self.model.update_usage(self._pinned, self._counts)

    def _on_selection_copied(self, path: str, text: str) -> None:
        """The agent copied part of the article in the preview (Ctrl+C there):
        the pane already put it on the clipboard; it counts as using the article."""
        article = self.preview.article
        if article is None or article.path != path:
            return
        self._record_copy(article)
        self.statusBar().showMessage(
            self.tr("Copied the selected text ({n} characters) — paste it with Ctrl+V.").replace(
                "{n}", str(len(text))), 8000)
        self.copied.emit(article.id, text)

    def _on_selection_refused(self, path: str) -> None:
        article = self.preview.article
        if article is not None and article.path == path:
            self.statusBar().showMessage(
                self.tr("Not copied: “{title}” is not approved.").replace("{title}", article.title), 8000)

    def _profile(self) -> dict[str, str]:
        profile = self.settings.get("profile")
        return {str(k): str(v) for k, v in profile.items()} if isinstance(profile, dict) else {}

    # -- favourites ---------------------------------------------------------------------------------

    def toggle_pin(self) -> None:
        article = self.preview.article
        if article is None or self.usage is None:
            return
        ref = ArticleRef(article.id, article.path, article.title, article.kind, article.category)
        pinned = self.usage.toggle_pinned(ref)
        self._pinned = self.usage.pinned_ids()
        self.preview.set_pinned(pinned)
        self.model.update_usage(self._pinned, self._counts)
        self.statusBar().showMessage(
            (self.tr("Added “{title}” to favourites.") if pinned
             else self.tr("Removed “{title}” from favourites.")).replace("{title}", article.title), 4000)
        if not self.query():
            self.show_home()

    def _sync_pin(self) -> None:
        article = self.preview.article
        self.preview.set_pinned(article is not None and article.id in self._pinned)

    # -- the leads' editor --------------------------------------------------------------------------

    def edit_selected(self) -> None:
        """Ctrl+E: open the shown (or selected) article in the editor; with
        nothing selected, choose one (drafts included)."""
        path = self.preview.article.path if self.preview.article is not None else None
        if path is None:
            item = self.selected_item()
            path = item.path if item is not None else None
        if path is None:
            self.editors.pick(self)
        else:
            self.editors.open(path, self)

    def _update_lead_actions(self) -> None:
        """Leads edit; agents may not (the reason is the tooltip). Before the
        user has said who they are, the first use asks."""
        known = self.editors.identity_set()
        reason = self.editors.agent_reason() if known else ""
        allowed = not reason
        for action in (self.edit_action, self.new_action, self.open_action):
            action.setEnabled(allowed)
        self.edit_action.setToolTip(reason or self.tr("Edit the article shown, with its versions and approval (Ctrl+E)"))
        self.new_action.setToolTip(reason or self.tr("Write a new reply script (a draft until approved)"))
        self.open_action.setToolTip(self.tr("Open any article, drafts and articles in review first")
                                    if allowed else reason)
        identity = self.editors.identity()
        self.identity_action.setText(self.tr("Who am I: {name}…").replace("{name}", identity.name) if known
                                     else self.tr("Who am I…"))

    def open_external(self, url: QUrl) -> None:
        if url.scheme().lower() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # -- the index ---------------------------------------------------------------------------------------

    def request_index_update(self, full: bool = False) -> None:
        if self._closed:
            return
        if self._index_job is not None:
            self._index_pending = True
            self._index_full_pending |= bool(full)
            return
        self.locked_timer.stop()
        job = IndexJob(self.store.root, self.index_dir, full=bool(full), parent=self)
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
        if self._index_pending:
            full, self._index_pending, self._index_full_pending = self._index_full_pending, False, False
            self.request_index_update(full)

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
                self.tr("{n} file(s) could not be read: {names}").replace("{n}", str(len(result.problems)))
                .replace("{names}", names + (f" (+{more})" if more > 0 else "")), 15000)

    def _on_facets(self, facets: Facets) -> None:
        if self._closed:
            return
        self._documents = facets.documents
        self.search_bar.set_facets(facets.categories, facets.tags)
        self._update_count_label()
        self.facetsLoaded.emit(facets)

    def _update_count_label(self) -> None:
        self.count_label.setText(self.tr("{n} articles").replace("{n}", str(self._documents))
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

    # -- preferences and language ------------------------------------------------------------------------------

    def open_preferences(self) -> None:
        dialog = PreferencesDialog(profile_names(self.specs), self._profile(),
                                   self.settings.get("language", "system"), str(self.store.root), self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        settings = load_settings()
        settings["profile"] = {**self._profile(), **dialog.profile()}
        settings["language"] = dialog.language()
        save_settings(settings)
        self.settings = settings
        i18n.apply_language(dialog.language())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("kbdesk — knowledge base"))
        self.leads_menu.setTitle(self.tr("&Leads"))
        self.edit_action.setText(self.tr("Edit"))
        self.new_action.setText(self.tr("New script"))
        self.open_action.setText(self.tr("Open article…"))
        self._update_lead_actions()
        self._update_count_label()
        if self.query():
            self._describe_results(self._last_outcome)
        else:
            self.show_home()
        self.results.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- geometry ----------------------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self.settings.get("window")
        self.resize(1100, 720)
        if not isinstance(saved, dict):
            self.splitter.setSizes([430, 670])
            return
        try:
            w, h = int(saved.get("width", 1100)), int(saved.get("height", 720))
            x, y = saved.get("x"), saved.get("y")
            self.resize(max(640, w), max(420, h))
            if x is not None and y is not None:
                screen = QGuiApplication.screenAt(QPoint(int(x) + 40, int(y) + 40))
                if screen is not None:  # only where a screen still is
                    self.move(int(x), int(y))
            sizes = saved.get("splitter")
            if isinstance(sizes, list) and len(sizes) == 2 and all(isinstance(s, int) and s > 0 for s in sizes):
                self.splitter.setSizes(sizes)
            else:
                self.splitter.setSizes([430, 670])
            if saved.get("maximized"):
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        except (TypeError, ValueError):
            self.splitter.setSizes([430, 670])

    def _save_geometry(self) -> None:
        if self._closed:
            return
        geometry = self.normalGeometry() if self.isMaximized() else self.geometry()
        settings = load_settings()
        settings["window"] = {
            "x": geometry.x(), "y": geometry.y(), "width": geometry.width(), "height": geometry.height(),
            "maximized": self.isMaximized(), "splitter": [int(s) for s in self.splitter.sizes()],
        }
        try:
            save_settings(settings)
        except OSError:
            traceback.print_exc()
