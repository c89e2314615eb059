"""The leads' editor: a window of its own for one article.

    SourceEdit ──text──▶ (debounce 300 ms) ──▶ FrontMatterForm, LintPanel, preview, PlaceholderPanel
    FrontMatterForm ──fieldEdited──▶ the front matter lines of the source
    LintPanel ──findingActivated──▶ selects the span in the source
    PlaceholderPanel ──insertRequested──▶ inserts at the cursor
    VersionsPanel ──selectionChanged / restoreRequested──▶ version text, word diff, Workflow.restore
    Save / Submit / Approve / Retire ──▶ Workflow ──▶ approvedChanged (the main window updates the agents' index)
    QTimer (3 s) ──▶ autosave of the unsaved text;   QFileSystemWatcher ──▶ "changed on disk" bar

Every change goes through :class:`kbdesk.authoring.workflow.Workflow`, which
checks the role and records the version in git; the window only presents it.
Agents (not in ``.kbdesk/team.yaml``) get the same window read-only.

This module builds and wires the window, follows the text (form, checks,
preview), applies the role and closes. Its other jobs have a module each:
``saving`` (load, save, conflicts, changes on disk), ``review`` (submit,
approve, retire, versions) and ``recovery`` (autosave and crash recovery).
``hub.EditorHub`` is what the agents' window talks to.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QEvent, QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kbdesk.authoring import autosave
from kbdesk.authoring.team import PermissionDenied, Team, current_identity, same_person
from kbdesk.authoring.workflow import Workflow
from kbdesk.content.article import Article, ArticleError, parse_article
from kbdesk.content.audience import Audience
from kbdesk.content.placeholders import find_placeholders, folder_placeholder_specs
from kbdesk.content.render import render_article, strip_title_heading
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import Identity
from kbdesk.search.analysis import segmenter
from kbdesk.ui.common.i18n import counted, message_text
from kbdesk.ui.common.article_view import ArticleBrowser
from kbdesk.ui.common.resources import icon
from kbdesk.ui.common.widgets import TextLabel, message_box, plain_tooltip
from kbdesk.ui.editor.dialogs import (
    ConflictDialog,
    SaveDialog,
)
from kbdesk.ui.editor.highlight import MarkdownHighlighter
from kbdesk.ui.editor.recovery import RecoveryMixin
from kbdesk.ui.editor.review import ReviewMixin
from kbdesk.ui.editor.roles import agent_reason, load_team
from kbdesk.ui.editor.saving import SavingMixin
from kbdesk.ui.editor.text import common_edit, set_front_field, to_qt
from kbdesk.ui.editor.versions_tab import VersionsPanel
from kbdesk.ui.editor.widgets import FrontMatterForm, InfoBar, LintPanel, PlaceholderPanel, SourceEdit, status_label

REFRESH_MS = 300  # lint, preview and form follow the text this long after the last keystroke
AUTOSAVE_MS = 3000
DISK_CHECK_MS = 250


class EditorWindow(RecoveryMixin, ReviewMixin, SavingMixin, QMainWindow):
    """One article, edited by a lead (or read by an agent)."""

    approvedChanged = Signal(str)  # path: what agents see changed (approved or retired)
    saved = Signal(str, str)  # path, commit id ('' if nothing needed recording)
    closed = Signal(str)  # path

    def __init__(self, store: ContentStore, path: str, identity: Identity | None = None,
                 team: Team | None = None, parent: QWidget | None = None, team_error: str = ""):
        super().__init__(parent)
        self.setObjectName("editorWindow")
        self.store = store
        self.path = path
        if team is None:
            team, team_error = load_team(store)
        self.team_error = team_error
        self.folder_problem = None  # why the folder cannot be written (see _apply_role)
        self.team = team
        self.identity = identity or current_identity(None, team)
        self.workflow = Workflow(store, self.identity, team)
        self.specs = folder_placeholder_specs(self.store.settings_dir)
        self.seg = segmenter(store.dictionary_path)

        self.exists = False
        self.loaded_text = ""
        self.loaded_hash: str | None = None
        self.loaded_status = "draft"
        self.article: Article | None = None
        self.findings = []
        self.recovery: autosave.Recovery | None = None
        self.last_message = ""  # the last warning or error shown to the lead
        self.save_dialog: SaveDialog | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self.message_box: QMessageBox | None = None
        self.confirm_box: QMessageBox | None = None
        self.approve_dialog = None  # what an approval changes, before the lead confirms
        self.close_box: QMessageBox | None = None
        self._last_author: Identity | None = None
        self._autosave_dirty = False
        self._loading = False
        self._closed = False
        self._force_close = False
        self._keep_autosave = False

        self._build_ui()
        self._wire()
        self._load(initial=True)
        self._apply_role()
        self.refresh_history()
        self.check_recovery()
        self.retranslate()
        self.resize(1240, 800)

    # -- construction ------------------------------------------------------------------------

    def _categories(self) -> list[str]:
        try:
            return sorted({a.category for a in self.store.load_all().articles if a.category})
        except Exception:  # noqa: BLE001 - a convenience only
            return []

    def _build_ui(self) -> None:
        self.setWindowIcon(icon("kbdesk"))
        header = QWidget(self)
        header.setObjectName("editorHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title_label = TextLabel(header)
        self.title_label.setObjectName("previewTitle")
        self.path_label = TextLabel(header)
        self.path_label.setObjectName("hintLabel")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.role_label = TextLabel(header)
        self.role_label.setObjectName("roleLabel")
        self.save_button = QPushButton(header)
        self.save_button.setObjectName("primaryButton")
        titles = QVBoxLayout()
        titles.setSpacing(1)
        titles.addWidget(self.title_label)
        titles.addWidget(self.path_label)
        hl = QHBoxLayout(header)
        hl.setContentsMargins(14, 8, 14, 8)
        hl.addLayout(titles, 1)
        hl.addWidget(self.role_label, 0, Qt.AlignmentFlag.AlignVCenter)
        hl.addSpacing(8)
        hl.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.readonly_bar = InfoBar("warning", self)
        self.reload_bar = InfoBar("warning", self)
        self.reload_bar.add_button("reload")
        self.reload_bar.add_button("ignore")
        self.recovery_bar = InfoBar("info", self)
        self.recovery_bar.add_button("restore")
        self.recovery_bar.add_button("discard")

        self.form = FrontMatterForm(self._categories(), self)
        self.source = SourceEdit(self)
        self.highlighter = MarkdownHighlighter(self.source.document(),
                                               list(self.specs) if self.specs is not None else None)
        self.lint_panel = LintPanel(self)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.setSpacing(0)
        lv.addWidget(self.readonly_bar)
        lv.addWidget(self.reload_bar)
        lv.addWidget(self.recovery_bar)
        lv.addWidget(self.form)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical, left)
        self.left_splitter.setChildrenCollapsible(False)
        self.left_splitter.addWidget(self.source)
        self.left_splitter.addWidget(self.lint_panel)
        self.left_splitter.setStretchFactor(0, 4)
        self.left_splitter.setStretchFactor(1, 1)
        self.left_splitter.setSizes([480, 150])
        lv.addWidget(self.left_splitter, 1)

        self.preview_title = TextLabel(self)
        self.preview_title.setObjectName("previewTitle")
        self.preview_title.setWordWrap(True)
        self.preview_meta = TextLabel(self)
        self.preview_meta.setObjectName("previewMeta")
        self.preview_meta.setWordWrap(True)
        self.preview = ArticleBrowser(self.store, self)
        self.preview.article_path = self.path
        preview_page = QWidget(self)
        preview_page.setObjectName("previewPane")
        preview_page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        pv = QVBoxLayout(preview_page)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.setSpacing(0)
        preview_head = QVBoxLayout()
        preview_head.setContentsMargins(18, 12, 18, 0)
        preview_head.addWidget(self.preview_title)
        preview_head.addWidget(self.preview_meta)
        pv.addLayout(preview_head)
        pv.addWidget(self.preview, 1)
        self.placeholders = PlaceholderPanel(self)
        self.placeholders.set_specs(self.specs)
        self.versions = VersionsPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editorTabs")
        self.tabs.addTab(preview_page, "")
        self.tabs.addTab(self.placeholders, "")
        self.tabs.addTab(self.versions, "")

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 600])

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.cursor_label = TextLabel(self)
        self.statusBar().setSizeGripEnabled(False)
        self.statusBar().addPermanentWidget(self.cursor_label)

        self.refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self.autosave_timer = QTimer(self, interval=AUTOSAVE_MS)
        self.disk_timer = QTimer(self, singleShot=True, interval=DISK_CHECK_MS)
        self.watcher = QFileSystemWatcher(self)

    def _wire(self) -> None:
        self.source.textChanged.connect(self._on_text_changed)
        self.source.cursorPositionChanged.connect(self._update_cursor_label)
        self.refresh_timer.timeout.connect(self.refresh_now)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self.disk_timer.timeout.connect(self.check_disk)
        self.watcher.fileChanged.connect(lambda _p: self.disk_timer.start())
        self.watcher.directoryChanged.connect(lambda _p: self.disk_timer.start())

        self.form.fieldEdited.connect(self.set_field)
        self.form.submitRequested.connect(self.submit)
        self.form.approveRequested.connect(self.approve)
        self.form.retireRequested.connect(self.retire)
        self.lint_panel.findingActivated.connect(self.select_finding)
        self.placeholders.insertRequested.connect(self.insert_text)
        self.versions.selectionChanged.connect(self._on_versions_selected)
        self.versions.restoreRequested.connect(self.restore_version)
        self.save_button.clicked.connect(lambda: self.save())
        self.reload_bar.triggered.connect(self._on_reload_bar)
        self.recovery_bar.triggered.connect(self._on_recovery_bar)
        self.preview.linkRequested.connect(
            lambda url: self.statusBar().showMessage(
                self.tr("Links are not followed in the editor's preview: {url}").replace(
                    "{url}", url.toDisplayString()), 5000))

        def shortcut(keys, slot) -> QShortcut:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
            return sc

        self.shortcuts = [
            shortcut(QKeySequence.StandardKey.Save, lambda: self.save()),
            shortcut("Ctrl+W", self.close),
        ]

    # -- the text ----------------------------------------------------------------------------------

    def text(self) -> str:
        return self.source.toPlainText()

    def is_modified(self) -> bool:
        return self.text() != self.loaded_text or (not self.exists and bool(self.text()))

    def title(self) -> str:
        if self.article is not None:
            return self.article.title
        return self.path.rsplit("/", 1)[-1]

    def _replace_text(self, new: str) -> None:
        """Make the source say *new*, editing only what differs: the cursor
        stays where it was and Undo brings the previous text back."""
        old = self.text()
        if old == new:
            return
        start, end, replacement = common_edit(old, new)
        cursor = QTextCursor(self.source.document())
        cursor.beginEditBlock()
        cursor.setPosition(to_qt(old, start))
        cursor.setPosition(to_qt(old, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        cursor.endEditBlock()

    def insert_text(self, text: str) -> None:
        if self.source.isReadOnly():
            return
        self.source.insertPlainText(text)
        self.source.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_field(self, key: str, value) -> None:
        """The form changed a front matter field: change that line of the source."""
        if self.source.isReadOnly():
            return
        self._replace_text(set_front_field(self.text(), key, value))

    def select_finding(self, offset: int, length: int) -> None:
        text = self.text()
        start = to_qt(text, offset)
        self.source.select_span(start, to_qt(text, offset + length) - start)

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._autosave_dirty = True
        self.refresh_timer.start()

    def _update_cursor_label(self) -> None:
        cursor = self.source.textCursor()
        self.cursor_label.setText(self.tr("Line {line}, column {column}").replace(
            "{line}", str(cursor.blockNumber() + 1)).replace("{column}", str(cursor.positionInBlock() + 1)))

    # -- what follows the text ---------------------------------------------------------------------------------

    def refresh_now(self) -> None:
        """Form, lint panel, preview and placeholder list for the current text."""
        self.refresh_timer.stop()
        text = self.text()
        try:
            article = parse_article(self.path, text.encode("utf-8"))
            error = ""
        except ArticleError as exc:
            article, error = None, message_text(exc)
        if article is not None:
            self.article = article
        self.form.set_article(article, error)
        self.form.set_status(self.loaded_status)
        try:
            self.findings = self.workflow.lint(text, self.path)
        except (ValueError, OSError) as exc:  # unreadable lint.yaml or placeholders.yaml
            self.findings = []
            self.statusBar().showMessage(str(exc), 8000)
        self.lint_panel.set_findings(self.findings)
        self.source.set_marks(text, self.findings)
        self._render_preview(article, error)
        body = article.body if article is not None else text
        self.placeholders.set_used([p.name for p in find_placeholders(body)])
        self._update_titles()
        self._update_buttons()

    def _render_preview(self, article: Article | None, error: str) -> None:
        bar = self.preview.verticalScrollBar()
        scroll = bar.value()
        if article is None:
            self.preview_title.setText(self.title())
            self.preview_meta.setText(self.tr("The front matter cannot be read: {error}").replace("{error}", error))
            self.preview.setHtml("")
            return
        self.preview_title.setText(article.title)
        parts = [article.category] if article.category else []
        if article.tags:
            parts.append(" ".join("#" + t for t in article.tags))
        self.preview_meta.setText("  ·  ".join(parts))
        self.preview.setHtml(render_article(strip_title_heading(article.body, article.title),
                                            audience=Audience.for_folder(self.store.settings_dir),
                                            note_label=self.tr("For agents only · never copied")))
        bar.setValue(scroll)

    def _update_titles(self) -> None:
        star = "● " if self.is_modified() else ""
        self.setWindowTitle(f"{star}{self.title()} — " + self.tr("editor"))  # Qt adds " — kbdesk"
        self.title_label.setText(star + self.title())
        self.path_label.setText(self.path + ("" if self.exists else "  " + self.tr("(not on disk)")))

    def _update_buttons(self) -> None:
        reason = self.read_only_reason()
        lead = not reason  # (a lead who may edit here)
        status = self.loaded_status
        form = self.form
        errors = sum(1 for f in self.findings if f.level == "error")

        def set_button(button, enabled: bool, tip: str) -> None:
            button.setEnabled(lead and enabled)
            button.setToolTip(plain_tooltip(tip if lead else reason))

        set_button(form.submit_button, status == "draft" or (status == "approved" and self.is_modified()),
                   self.tr("Send this version to the other leads for review") if status in ("draft", "approved")
                   else self.tr("Only drafts can be submitted (this one is {status})").replace(
                       "{status}", status_label(status)))
        approve_tip = [self.tr("Approve: agents see this wording at once")]
        if status != "review":
            approve_tip.append(self.tr("Only articles in review can be approved (this one is {status})").replace(
                "{status}", status_label(status)))
        approve_tip.append(counted(errors, self.tr("{n} lint error blocks approval"), self.tr("{n} lint errors block approval")) if errors
                           else self.tr("No lint errors"))
        own_change = (self.team.approval == "two_person" and self._last_author is not None
                      and same_person(self._last_author, self.identity))
        if self.team.approval == "two_person":
            if own_change:
                approve_tip.append(self.tr("Two-person rule: you wrote the last change, another lead must approve it"))
            else:
                approve_tip.append(self.tr("Two-person rule: the author of the last change cannot approve it"))
        set_button(form.approve_button, status == "review" and not errors and not own_change, "\n".join(approve_tip))
        # In review but not approvable by this lead: say why beside the button.
        why = ""
        if lead and status == "review":
            if own_change:
                why = self.tr("You wrote the last change: another lead approves it.")
            elif errors:
                why = counted(errors, self.tr("{n} lint error blocks approval"), self.tr("{n} lint errors block approval"))
        form.approve_reason.setText(why)
        form.approve_reason.setVisible(bool(why))
        set_button(form.retire_button, status != "retired",
                   self.tr("Withdraw from agents: they no longer find or copy it") if status != "retired"
                   else self.tr("Already retired; restore a version to bring it back"))
        self.save_button.setEnabled(lead)
        self.save_button.setToolTip(plain_tooltip(self.tr("Save a version (Ctrl+S)") if lead else reason))

    # -- role -----------------------------------------------------------------------------------------------------

    @property
    def is_lead(self) -> bool:
        return self.team.is_lead(self.identity)

    def agent_reason(self) -> str:
        return agent_reason(self.identity, self.team, self.team_error)

    def read_only_reason(self) -> str:
        """Why editing is off ('' if it is on): an agent, or a folder that
        cannot be written (a lead there reads, and is told why)."""
        if not self.is_lead:
            return self.agent_reason()
        return message_text(self.folder_problem) if self.folder_problem is not None else ""

    def set_identity(self, identity) -> None:
        """Act as *identity* from now on (the user said who they are): the
        workflow, the role and what may be edited follow at once."""
        self.identity = identity
        self.workflow.close()
        self.workflow = Workflow(self.store, identity, self.team)
        self._apply_role()

    def _apply_role(self) -> None:
        self.folder_problem = self.store.unwritable()
        reason = self.read_only_reason()
        editable = not reason
        self.source.setReadOnly(not editable)
        self.source.setToolTip(plain_tooltip(reason))
        self.form.set_editable(editable, reason)
        self.placeholders.set_editable(editable, reason)
        self.versions.set_can_restore(editable, reason)
        if editable:
            self.readonly_bar.hide()
        else:
            self.readonly_bar.show_message(self.tr("Read only. ") + reason)
        self._update_buttons()
        self._update_role_label()

    def _update_role_label(self) -> None:
        if not self.is_lead:
            role = self.tr("agent, read only")
        else:
            role = self.tr("lead, read only") if self.folder_problem is not None else self.tr("lead")
        self.role_label.setText(f"{self.identity.name} · {role}")
        self.role_label.setToolTip(plain_tooltip(str(self.identity)))

    def _require_lead(self) -> bool:
        try:
            self.team.require_lead(self.identity, "edit articles")
        except PermissionDenied as exc:
            self._error(self.tr("Not allowed"), self.agent_reason() + "\n\n" + message_text(exc))
            return False
        if self.folder_problem is not None:
            self._error(self.tr("Not saved"), message_text(self.folder_problem))
            return False
        return True

    # -- messages --------------------------------------------------------------------------------------------------

    def _error(self, title: str, text: str) -> None:
        """A warning the lead must see; window-modal, never blocking the event loop."""
        self.last_message = text
        self.statusBar().showMessage(text.split("\n", 1)[0], 10000)
        if self.message_box is not None:
            self.message_box.close()
        box = message_box(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message_box = box

        def done(_result) -> None:
            if self.message_box is box:
                self.message_box = None
            box.deleteLater()

        box.finished.connect(done)
        box.open()

    def _confirm(self, title: str, text: str, yes_text: str, then) -> QMessageBox:
        box = message_box(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(yes)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm_box = box

        def done(_result) -> None:
            self.confirm_box = None
            if box.clickedButton() is yes:
                then()
            box.deleteLater()

        box.finished.connect(done)
        box.open()
        return box

    # -- closing --------------------------------------------------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if self._force_close or not self.is_lead or not self.is_modified():
            self._finish_close(keep_autosave=self._keep_autosave)
            event.accept()
            super().closeEvent(event)
            return
        event.ignore()
        if self.close_box is not None:
            self.close_box.raise_()
            return
        box = message_box(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("Save the changes to “{title}” as a version before closing?").replace(
                              "{title}", self.title()),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.close_box = box

        def done(_result) -> None:
            self.close_box = None
            clicked = box.standardButton(box.clickedButton()) if box.clickedButton() else None
            box.deleteLater()
            if clicked == QMessageBox.StandardButton.Save:
                self.save(then=self._close_now)
            elif clicked == QMessageBox.StandardButton.Discard:
                self._close_now()

        box.finished.connect(done)
        box.open()

    def _close_now(self) -> None:
        self._force_close = True
        self._keep_autosave = False
        self.close()

    def close_without_asking(self) -> None:
        """Close now; unsaved text stays in the autosave folder and is offered next time."""
        self._force_close = True
        self._keep_autosave = True
        self.close()

    def _finish_close(self, keep_autosave: bool) -> None:
        if self._closed:
            return
        self._closed = True
        for timer in (self.refresh_timer, self.autosave_timer, self.disk_timer):
            timer.stop()
        try:
            if keep_autosave and self.is_lead and self.is_modified() and self.recovery is None:
                autosave.save(self.store.root, self.path, self.text(), self.loaded_hash)
            elif self.is_lead and self.recovery is None and not keep_autosave:
                autosave.discard(self.store.root, self.path)
        except OSError:
            traceback.print_exc()
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        try:
            self.workflow.close()
        except Exception:  # noqa: BLE001 - closing must not stop the window from closing
            traceback.print_exc()
        self.closed.emit(self.path)

    # -- language and activation -------------------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save"))
        self.reload_bar.buttons["reload"].setText(self.tr("Reload"))
        self.reload_bar.buttons["ignore"].setText(self.tr("Keep editing"))
        self.recovery_bar.buttons["restore"].setText(self.tr("Restore them"))
        self.recovery_bar.buttons["discard"].setText(self.tr("Discard"))
        self.tabs.setTabText(0, self.tr("Preview"))
        self.tabs.setTabText(1, self.tr("Placeholders"))
        self.tabs.setTabText(2, self.tr("Versions ({n})").replace("{n}", str(len(self.versions.versions))))
        self.tabs.setTabToolTip(0, self.tr("As agents will see it (the same renderer and sanitiser)"))
        self._update_role_label()
        self._update_titles()
        self._update_buttons()
        self._update_cursor_label()
        if self.read_only_reason():
            self.readonly_bar.show_message(self.tr("Read only. ") + self.read_only_reason())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and not self._closed:
            self.disk_timer.start()  # a change the watcher missed (network folders)
        super().changeEvent(event)


