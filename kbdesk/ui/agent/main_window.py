"""The agents' window. Every connection between the parts is made here: the
child widgets only emit signals and never reach into the window or each other.

    SearchBar ──text/filters──▶ (debounce) ──▶ SearchThread ──outcome──▶ ResultsModel
        │   ▲                                      │                         │ selection
        │   └── counts per kind, category, tag ────┘ (after the outcome)     ▼
        │ Enter/Down/Up                                                  PreviewPane
        ▼                                                                    │ selected text, Ctrl+C
    copy (FillDialog if blanks) ──▶ clipboard + UsageStore ◀─────────────────┘
    IndexJob (start, folder changes, window re-activated) ──▶ refresh results
    SyncJob (timer, F5, status bar) ──what agents see changed──▶ IndexJob; conflicts ──▶ status bar, Sync menu
    Leads menu (Ctrl+E edit, Ctrl+N new script) ──▶ EditorHub ──approvedChanged──▶ IndexJob

This module builds and wires the window, and keeps selection, favourites,
the leads' menu, preferences and geometry. The three flows have a module
each: ``search_flow`` (query → results and counts), ``copy_flow`` (Enter →
clipboard and usage), ``index_flow`` (folder changes → index → results) and
``sync_flow`` (the team's repository → this desktop, and back for leads).
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QItemSelectionModel,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QMainWindow,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kbdesk.config import desktop_id, load_settings, save_settings
from kbdesk.content.placeholders import folder_placeholder_specs
from kbdesk.content.store import ContentStore
from kbdesk.search.index import default_index_dir
from kbdesk.ui.agent.articles import AgentArticles
from kbdesk.ui.agent.copy_flow import CopyFlowMixin
from kbdesk.ui.agent.fill_form import FillDialog, profile_names
from kbdesk.ui.agent.index_flow import IndexFlowMixin
from kbdesk.ui.agent.preferences import PreferencesDialog
from kbdesk.ui.agent.preview import PreviewPane
from kbdesk.ui.agent.problems import ProblemsBadge, ProblemsDialog
from kbdesk.ui.agent.results import ResultItem, ResultsModel, ResultsView
from kbdesk.ui.agent.search_bar import KIND_FILTERS, SearchBar
from kbdesk.ui.agent.search_flow import SEARCH_DEBOUNCE_MS, SearchFlowMixin
from kbdesk.ui.agent.sync_flow import SyncFlowMixin, sync_minutes
from kbdesk.ui.agent.sync_status import SyncStatus
from kbdesk.ui.agent.workers import (
    IndexJob,
    SearchOutcome,
    SearchThread,
)
from kbdesk.ui.common import i18n
from kbdesk.ui.common.resources import icon
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel, plain_tooltip
from kbdesk.ui.editor.hub import EditorHub
from kbdesk.usage.sessions import SearchSessions
from kbdesk.usage.store import ArticleRef, UsageStore

COUNTS_DELAY_MS = 200  # filter counts once the agent pauses: typing on never waits for them
WATCH_DEBOUNCE_MS = 500
ACTIVATE_DEBOUNCE_MS = 300
LOCKED_RETRY_MS = 2000


class MainWindow(RetranslatedOnLanguageChange, SyncFlowMixin, IndexFlowMixin, CopyFlowMixin, SearchFlowMixin, QMainWindow):
    copied = Signal(str, str)  # article id, the plain text put on the clipboard
    resultsShown = Signal(int)  # sequence number of the query now shown
    resultsRefined = Signal(int)  # … and shown again with matching by meaning
    indexUpdated = Signal(object)  # IndexUpdate, or the Exception it raised
    facetsLoaded = Signal(object)
    countsShown = Signal(int)  # sequence number of the query whose filter counts are now shown
    syncFinished = Signal(object)  # SyncReport, or the error

    def __init__(self, store: ContentStore, index_dir: str | Path | None = None,
                 usage: UsageStore | None = None, parent: QWidget | None = None, acting_as: str | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)  # documents dropped here are imported (leads)
        self.store = store
        self.articles = AgentArticles(store)  # approved wording where the team uses an approved branch
        self.index_dir = Path(index_dir).expanduser() if index_dir else default_index_dir(store.root)
        self.settings = load_settings()
        self.specs = folder_placeholder_specs(self.store.settings_dir)
        self.usage = usage if usage is not None else self._open_usage()
        self._counts = self.usage.copy_counts() if self.usage else {}
        self.searches = SearchSessions(self.usage)  # what was searched for, and how it ended (the leads' dashboard)
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
        self._typed: dict[str, tuple[float, dict[str, str]]] = {}  # script id → (when, values typed)
        self._search_ms: float | None = None  # what searches take lately (see _adapt_debounce)
        self._index_job: IndexJob | None = None
        self._vector_job = None  # VectorJob, after an index update
        self._vectors_pending = False
        self._index_pending = False
        self._index_full_pending = False
        self._index_ready = False
        self._index_building = False
        self._locked_retries = 0
        self._last_activation_check = 0.0
        self._documents = 0
        self._closed = False
        self._sync_job = None
        self.last_sync = None  # the last SyncReport, or the error it ended with
        self._sync_manual = False
        self._sync_login = None  # a login the user gave this session (the keyring keeps it if it can)
        self._sync_remember = False
        self.login_dialog = None
        self.remote_dialog = None
        self.fill_dialog: FillDialog | None = None
        self.editors = EditorHub(store, self)  # the leads' editor windows
        self.editors.acting_as = acting_as

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
        self.results_info = TextLabel(self)
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
        self.progress_label = TextLabel(self)
        self.progress_label.hide()
        self.count_label = TextLabel(self)
        self.identity_label = TextLabel(self)  # who this window acts as, and in what role
        self.identity_label.setObjectName("identityLabel")
        self.problems_badge = ProblemsBadge(self)
        self.problems_badge.opened.connect(self.show_problems)
        self.sync_status = SyncStatus(self)
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        status.addPermanentWidget(self.sync_status)
        status.addPermanentWidget(self.identity_label)
        status.addPermanentWidget(self.problems_badge)
        status.addPermanentWidget(self.progress_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.count_label)

        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self.counts_timer = QTimer(self, singleShot=True, interval=COUNTS_DELAY_MS)
        self.watch_timer = QTimer(self, singleShot=True, interval=WATCH_DEBOUNCE_MS)
        self.activate_timer = QTimer(self, singleShot=True, interval=ACTIVATE_DEBOUNCE_MS)
        self.locked_timer = QTimer(self, singleShot=True, interval=LOCKED_RETRY_MS)
        self.sync_timer = QTimer(self)  # every few minutes (apply_sync_schedule)
        self.searches_timer = QTimer(self, interval=15_000)  # a search left alone ends
        self.watcher = QFileSystemWatcher(self)
        self.search_thread = SearchThread(self.store.root, self.index_dir, self)
        self._build_leads_menu()
        self._build_sync_menu()

    def _build_sync_menu(self) -> None:
        """Sync now (F5), the team repository, its login, the conflicts:
        for agents and leads alike."""
        self.sync_menu = self.menuBar().addMenu("")
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.remote_action = QAction(self)
        self.login_action = QAction(self)
        self.conflicts_action = QAction(self)
        for action in (self.sync_action, self.remote_action, self.login_action, self.conflicts_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.sync_menu.addAction(action)
        self.addAction(self.sync_action)  # F5 works with the menu closed

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
        self.import_action = QAction(self)
        self.review_action = QAction(self)
        self.dashboard_action = QAction(self)
        self.identity_action = QAction(self)
        for action in (self.edit_action, self.new_action, self.open_action, self.import_action, self.review_action,
                       self.dashboard_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.leads_menu.addAction(action)
        self.leads_menu.addSeparator()
        self.leads_menu.addAction(self.identity_action)
        self.leads_conflicts_action = QAction(self)  # the sync conflicts, here too: leads look here first
        self.leads_menu.insertAction(self.dashboard_action, self.leads_conflicts_action)

    def _wire(self) -> None:
        bar, field = self.search_bar, self.field
        field.textChanged.connect(lambda _t: self.search_timer.start())
        field.textChanged.connect(self.searches.typed)
        self.results.clicked.connect(lambda _i: self.searches.opened())
        self.searches_timer.timeout.connect(self.searches.tick)
        self.searches_timer.start()
        field.submitted.connect(lambda ctrl: self.copy_selected(found_part=ctrl))
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
        self.preview.articleShown.connect(self._set_blank_values)
        self.preview.selectionCopied.connect(self._on_selection_copied)
        self.preview.selectionCopyRefused.connect(self._on_selection_refused)

        self.edit_action.triggered.connect(self.edit_selected)
        self.new_action.triggered.connect(lambda: self.editors.new_script(self))
        self.open_action.triggered.connect(lambda: self.editors.pick(self))
        self.import_action.triggered.connect(lambda: self.editors.import_documents(None, self))
        self.review_action.triggered.connect(lambda: self.editors.review_queue(self))
        self.dashboard_action.triggered.connect(lambda: self.editors.dashboard(self))
        self.identity_action.triggered.connect(lambda: self.editors.ask_identity(self))
        self.editors.roleChanged.connect(self._update_lead_actions)
        # An approval or retirement changes what agents see: update their index now.
        self.editors.approvedChanged.connect(lambda path: self.request_index_update(path=path or None))

        self.sync_action.triggered.connect(self.refresh_now)
        self.sync_status.syncRequested.connect(
            lambda: self.ask_login() if self.sync_status.state == "auth" else self.sync_now(manual=True))
        self.remote_action.triggered.connect(self.choose_remote)
        self.login_action.triggered.connect(lambda: self.ask_login())
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.leads_conflicts_action.triggered.connect(self.show_conflicts)
        self.sync_timer.timeout.connect(self.sync_now)
        self.editors.conflictsChanged.connect(self._after_conflicts_changed)

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
            shortcut("Ctrl+,", self.open_preferences),
        ]
        for n, kind in enumerate(KIND_FILTERS):
            self.shortcuts.append(shortcut(f"Alt+{n}", lambda k=kind: self.search_bar.set_kind(k)))

    # -- start and stop ---------------------------------------------------------------

    def start(self) -> None:
        """Bring the index up to date in the background; call once the window shows."""
        self.search_thread.facetsRequested.emit()
        self.request_index_update()
        if self.remote() is not None:
            desktop_id()  # made here, once: the sync thread must not write the preferences beside this one
        self.apply_sync_schedule()
        self._update_sync_actions()
        self.sync_now()
        self.focus_search()
        QTimer.singleShot(0, lambda: self._closed or self.editors.offer_recoveries(self))

    def refresh_now(self) -> None:
        """F5: sync with the team's repository if there is one, and look at
        the folder again in any case."""
        self.sync_now(manual=True)
        self.request_index_update()

    def _after_conflicts_changed(self) -> None:
        self.sync_status.show_state(self.sync_status.state, self.sync_status.detail, self._conflict_count())
        self._update_sync_actions()
        self.request_index_update()
        self.sync_now()  # the lead's decision goes to the team now, not at the next timer

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
        for timer in (self.search_timer, self.counts_timer, self.watch_timer, self.activate_timer, self.locked_timer,
                      self.sync_timer, self.searches_timer):
            timer.stop()
        self.searches.finish()
        self.editors.shutdown()  # unsaved text stays in the autosave folder
        self.hide()
        self.search_thread.stop()
        if self._vector_job is not None:
            self._vector_job.requestInterruption()  # (what it embedded so far is kept)
            self._vector_job.wait()
        for job in (self._index_job, self._sync_job):  # neither can be stopped halfway safely
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
        self.searches.opened()  # the agent looks through the results
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
        self.preview.show_article(item.path, terms=self._terms, section=item.section, line=item.line)

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
        for action in (self.edit_action, self.new_action, self.open_action, self.import_action,
                       self.dashboard_action):
            action.setEnabled(allowed)
        self.dashboard_action.setToolTip(plain_tooltip(reason or self.tr(
            "What the team copies and searches for, and what waits for a lead")))
        self.import_action.setToolTip(plain_tooltip(reason or self.tr(
            "Word files, web pages, text in any Chinese encoding and FAQ sheets become draft articles "
            "(or drop the files on the window)")))
        self.edit_action.setToolTip(plain_tooltip(reason or self.tr("Edit the article shown, with its versions and approval (Ctrl+E)")))
        self.new_action.setToolTip(plain_tooltip(reason or self.tr("Write a new reply script (a draft until approved)")))
        self.open_action.setToolTip(plain_tooltip(self.tr("Open any article, drafts and articles in review first")
                                    if allowed else reason))
        identity = self.editors.identity()
        self.identity_action.setText(self.tr("Who am I: {name}…").replace("{name}", identity.name) if known
                                     else self.tr("Who am I…"))
        role = self.tr("lead") if allowed else self.tr("agent")
        self.identity_label.setText(f"{identity.name} · {role}" if known else "")
        self.identity_label.setToolTip(plain_tooltip(str(identity)) if known else "")

    # -- files dropped on the window: an import --------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.editors.import_documents(paths, self)

    def open_external(self, url: QUrl) -> None:
        if url.scheme().lower() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # -- preferences and language ------------------------------------------------------------------------------

    def open_preferences(self) -> None:
        team, _ = self.editors.team()
        sharing = "off" if self.remote() is None else ("shared" if team.share_usage else "team-off")
        dialog = PreferencesDialog(profile_names(self.specs), self._profile(),
                                   self.settings.get("language", "system"), str(self.store.root), self,
                                   sync_minutes=sync_minutes(self.settings), sharing=sharing)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        settings = load_settings()
        settings["profile"] = {**self._profile(), **dialog.profile()}
        settings["language"] = dialog.language()
        settings["sync_minutes"] = dialog.sync_minutes()
        save_settings(settings)
        self.settings = settings
        i18n.apply_language(dialog.language())
        self.apply_sync_schedule()

    def show_problems(self) -> None:
        dialog = ProblemsDialog(self.problems_badge.rows, self)
        dialog.finished.connect(lambda _r: (dialog.deleteLater(), self.focus_search()))
        dialog.open()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Knowledge base"))  # Qt adds " — kbdesk"
        self.leads_menu.setTitle(self.tr("&Leads"))
        self.edit_action.setText(self.tr("Edit"))
        self.new_action.setText(self.tr("New script"))
        self.open_action.setText(self.tr("Open article…"))
        self.import_action.setText(self.tr("Import documents…"))
        self.review_action.setText(self.tr("Review queue…"))
        self.dashboard_action.setText(self.tr("Dashboard…"))
        self.sync_menu.setTitle(self.tr("&Sync"))
        self.sync_action.setText(self.tr("Sync now"))
        self.remote_action.setText(self.tr("Team repository…"))
        self.login_action.setText(self.tr("Log in…"))
        self._update_sync_actions()
        self._update_lead_actions()
        self._update_count_label()
        if self.query():
            self._describe_results(self._last_outcome)
        else:
            self.show_home()
        self.results.viewport().update()

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
