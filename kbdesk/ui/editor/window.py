"""The leads' editor: a window of its own for one article.

    SourceEdit ──text──▶ (debounce 300 ms) ──▶ FrontMatterForm, LintPanel, preview, PlaceholderPanel
    FrontMatterForm ──fieldEdited──▶ the front matter lines of the source
    LintPanel ──findingActivated──▶ selects the span in the source
    PlaceholderPanel ──insertRequested──▶ inserts at the cursor
    VersionsPanel ──selectionChanged / restoreRequested──▶ version text, word diff, Workflow.restore
    Save / Submit / Approve / Retire ──▶ Workflow ──▶ approvedChanged (the main window updates the agents' index)
    QTimer (3 s) ──▶ autosave of the unsaved text;   QFileSystemWatcher ──▶ "changed on disk" bar

Every change goes through :class:`kbdesk.workflow.Workflow`, which checks the
role and records the version in git; the window only presents it. Agents
(not in ``.kbdesk/team.yaml``) get the same window read-only.

:class:`EditorHub` is what the main window talks to: it knows who the user
is (asking once), opens one editor per article, creates new scripts and
offers unsaved edits left by a crash.
"""

from __future__ import annotations

import datetime as dt
import traceback

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kbdesk.authoring import autosave
from kbdesk.authoring.team import PermissionDenied, Team, current_identity
from kbdesk.authoring.textdiff import word_diff
from kbdesk.authoring.workflow import Workflow, WorkflowError
from kbdesk.config import load_settings, save_settings
from kbdesk.content.article import Article, ArticleError, content_hash, parse_article
from kbdesk.content.placeholders import find_placeholders, folder_placeholder_specs
from kbdesk.content.render import render_article, strip_title_heading
from kbdesk.content.store import ContentError, ContentStore, SaveConflict
from kbdesk.content.versions import Identity, VersionError, default_identity
from kbdesk.search.analysis import segmenter
from kbdesk.ui.common.article_view import ArticleBrowser
from kbdesk.ui.common.i18n import translate
from kbdesk.ui.common.resources import icon
from kbdesk.ui.editor.dialogs import (
    ArticlePicker,
    ConflictDialog,
    IdentityDialog,
    NewScriptDialog,
    PickerEntry,
    SaveDialog,
)
from kbdesk.ui.editor.highlight import MarkdownHighlighter
from kbdesk.ui.editor.text import common_edit, new_script_text, prepare_for_save, set_front_field, text_status, to_qt
from kbdesk.ui.editor.versions_tab import VersionsPanel
from kbdesk.ui.editor.widgets import FrontMatterForm, InfoBar, LintPanel, PlaceholderPanel, SourceEdit, status_label

REFRESH_MS = 300  # lint, preview and form follow the text this long after the last keystroke
AUTOSAVE_MS = 3000
DISK_CHECK_MS = 250


def load_team(store: ContentStore) -> tuple[Team, str]:
    """The team, and why it could not be read ('' if it could)."""
    try:
        return Team.load(store.root), ""
    except ValueError as exc:
        return Team(), str(exc)


def agent_reason(identity: Identity, team: Team, team_error: str = "") -> str:
    """Why *identity* may not edit ('' for a lead)."""
    if team.is_lead(identity):
        return ""
    if team_error:
        return translate("Editor", "The team file .kbdesk/team.yaml cannot be read, so nobody counts as a lead: "
                                   "{error}").replace("{error}", team_error)
    if not team.leads:
        return translate("Editor", "This content folder lists no leads (.kbdesk/team.yaml), so it is read-only.")
    return translate("Editor", "You are signed in as {name} <{email}>, an agent here: only the leads listed in "
                               ".kbdesk/team.yaml may edit, approve, restore or retire.").replace(
        "{name}", identity.name).replace("{email}", identity.email or "-")


def explain(exc: Exception) -> str:
    """A translated explanation of a workflow error, with the core's message."""
    message = str(exc)
    known = [
        ("two-person rule", translate("Editor", "Two-person rule: you wrote the last change to this wording, so "
                                                "another lead must approve it.")),
        ("lint errors block approval", translate("Editor", "Errors found by the checks block approval. Fix the "
                                                           "errors in the check panel, save, and try again.")),
        ("not saved as a version", translate("Editor", "The file has changes that are not saved as a version yet. "
                                                       "Save it first.")),
        ("only articles in review", translate("Editor", "Only articles in review can be approved: submit it for "
                                                        "review first.")),
        ("already in review", translate("Editor", "This article is already in review.")),
        ("already retired", translate("Editor", "This article is already retired.")),
        ("restore a version first", translate("Editor", "This article is retired: restore a version first.")),
        ("is an agent here", translate("Editor", "Only the leads listed in .kbdesk/team.yaml may do this.")),
        ("not saved:", translate("Editor", "Not saved: the front matter cannot be read. Fix it in the source.")),
        ("moved meanwhile", translate("Editor", "Another lead approved something at the same moment. Try again.")),
    ]
    for needle, text in known:
        if needle in message:
            return f"{text}\n\n{message}"
    return message


def _close_workflow(workflow: Workflow) -> None:
    versions = getattr(workflow, "_versions", None)
    if versions is not None:
        try:
            versions.close()
        except Exception:  # noqa: BLE001
            pass
        workflow._versions = None


class EditorWindow(QMainWindow):
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
        self.title_label = QLabel(header)
        self.title_label.setObjectName("previewTitle")
        self.path_label = QLabel(header)
        self.path_label.setObjectName("hintLabel")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.role_label = QLabel(header)
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

        self.preview_title = QLabel(self)
        self.preview_title.setObjectName("previewTitle")
        self.preview_title.setWordWrap(True)
        self.preview_meta = QLabel(self)
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

        self.cursor_label = QLabel(self)
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

    # -- loading -----------------------------------------------------------------------------------------

    def _read_disk(self) -> tuple[str | None, str | None]:
        """(text, hash of the bytes) of the file on disk; (None, None) if it is gone."""
        try:
            data = self.store.resolve(self.path).read_bytes()
        except FileNotFoundError:
            return None, None
        return data.decode("utf-8-sig", "replace").replace("\r\n", "\n"), content_hash(data)

    def _load(self, initial: bool = False) -> None:
        """Show the file as it is on disk."""
        try:
            text, digest = self._read_disk()
        except (OSError, ContentError) as exc:
            text, digest = None, None
            self._error(self.tr("Cannot open the article"), str(exc))
        self.exists = text is not None
        self.loaded_text = text or ""
        self.loaded_hash = digest
        self.loaded_status = (text_status(self.loaded_text, self.path) or "draft") if self.exists else "draft"
        self._loading = True
        try:
            if initial:
                self.source.setPlainText(self.loaded_text)
            else:
                self._replace_text(self.loaded_text)
        finally:
            self._loading = False
        self.source.document().setModified(False)
        self.reload_bar.hide()
        self._watch()
        self.refresh_now()

    def reload_from_disk(self) -> None:
        """Take the version on disk (Undo still brings the editor's text back)."""
        self._load()
        self.refresh_history()
        self.statusBar().showMessage(self.tr("Reloaded “{title}” from disk.").replace("{title}", self.title()), 5000)

    # -- what follows the text ---------------------------------------------------------------------------------

    def refresh_now(self) -> None:
        """Form, lint panel, preview and placeholder list for the current text."""
        self.refresh_timer.stop()
        text = self.text()
        try:
            article = parse_article(self.path, text.encode("utf-8"))
            error = ""
        except ArticleError as exc:
            article, error = None, exc.reason
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
        self.preview.setHtml(render_article(strip_title_heading(article.body, article.title)))
        bar.setValue(scroll)

    def _update_titles(self) -> None:
        star = "● " if self.is_modified() else ""
        self.setWindowTitle(f"{star}{self.title()} — " + self.tr("kbdesk editor"))
        self.title_label.setText(star + self.title())
        self.path_label.setText(self.path + ("" if self.exists else "  " + self.tr("(not on disk)")))

    def _update_buttons(self) -> None:
        lead = self.is_lead
        reason = self.agent_reason()
        status = self.loaded_status
        form = self.form
        errors = sum(1 for f in self.findings if f.level == "error")

        def set_button(button, enabled: bool, tip: str) -> None:
            button.setEnabled(lead and enabled)
            button.setToolTip(tip if lead else reason)

        set_button(form.submit_button, status == "draft" or (status == "approved" and self.is_modified()),
                   self.tr("Send this version to the other leads for review") if status in ("draft", "approved")
                   else self.tr("Only drafts can be submitted (this one is {status})").replace(
                       "{status}", status_label(status)))
        approve_tip = [self.tr("Approve: agents see this wording at once")]
        if status != "review":
            approve_tip.append(self.tr("Only articles in review can be approved (this one is {status})").replace(
                "{status}", status_label(status)))
        approve_tip.append(self.tr("{n} lint error(s) block approval").replace("{n}", str(errors)) if errors
                           else self.tr("No lint errors"))
        if self.team.approval == "two_person":
            if self._last_author is not None and _same_person(self._last_author, self.identity):
                approve_tip.append(self.tr("Two-person rule: you wrote the last change, another lead must approve it"))
            else:
                approve_tip.append(self.tr("Two-person rule: the author of the last change cannot approve it"))
        set_button(form.approve_button, status == "review", "\n".join(approve_tip))
        set_button(form.retire_button, status != "retired",
                   self.tr("Withdraw from agents: they no longer find or copy it") if status != "retired"
                   else self.tr("Already retired; restore a version to bring it back"))
        self.save_button.setEnabled(lead)
        self.save_button.setToolTip(self.tr("Save a version (Ctrl+S)") if lead else reason)

    # -- role -----------------------------------------------------------------------------------------------------

    @property
    def is_lead(self) -> bool:
        return self.team.is_lead(self.identity)

    def agent_reason(self) -> str:
        return agent_reason(self.identity, self.team, self.team_error)

    def _apply_role(self) -> None:
        lead = self.is_lead
        reason = self.agent_reason()
        self.source.setReadOnly(not lead)
        self.source.setToolTip("" if lead else reason)
        self.form.set_editable(lead, reason)
        self.placeholders.set_editable(lead, reason)
        self.versions.set_can_restore(lead, reason)
        if lead:
            self.readonly_bar.hide()
        else:
            self.readonly_bar.show_message(self.tr("Read only. ") + reason)
        self._update_buttons()
        self._update_role_label()

    def _update_role_label(self) -> None:
        role = self.tr("lead") if self.is_lead else self.tr("agent, read only")
        self.role_label.setText(f"{self.identity.name} · {role}")
        self.role_label.setToolTip(str(self.identity))

    def _require_lead(self) -> bool:
        try:
            self.team.require_lead(self.identity, "edit articles")
        except PermissionDenied as exc:
            self._error(self.tr("Not allowed"), self.agent_reason() + "\n\n" + str(exc))
            return False
        return True

    # -- messages --------------------------------------------------------------------------------------------------

    def _error(self, title: str, text: str) -> None:
        """A warning the lead must see; window-modal, never blocking the event loop."""
        self.last_message = text
        self.statusBar().showMessage(text.split("\n", 1)[0], 10000)
        if self.message_box is not None:
            self.message_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message_box = box

        def done(_result) -> None:
            if self.message_box is box:
                self.message_box = None
            box.deleteLater()

        box.finished.connect(done)
        box.open()

    def _confirm(self, title: str, text: str, yes_text: str, then) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
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

    # -- saving --------------------------------------------------------------------------------------------------------

    def _note_texts(self, notes: list[str]) -> list[str]:
        texts = {
            "status-draft": self.tr("The wording of an approved article changed: it is saved as a draft and needs "
                                    "approval again. Agents keep the approved wording until then."),
            "status-reset": self.tr("The status is set by Submit, Approve and Retire: your change of the status "
                                    "line is not saved."),
        }
        return [texts.get(n, n) for n in notes]

    def save(self, message: str | None = None, then=None) -> None:
        """Ctrl+S: ask for a message, then save a version. *then* runs after
        a successful save (closing, or an action that needed it saved)."""
        if not self._require_lead():
            return
        if self.save_dialog is not None or self.conflict_dialog is not None:
            return
        text = self.text()
        if self.exists and text == self.loaded_text:
            self.statusBar().showMessage(self.tr("Nothing to save: no changes since it was opened or saved."), 5000)
            if then is not None:
                then()
            return
        prepared, notes = prepare_for_save(text, self.loaded_text, self.loaded_status, self.path)
        if message is not None:
            self._write(prepared, self.loaded_hash, message, then, notes)
            return
        default = self.tr("Edit {title}").replace("{title}", self.title())
        ops = word_diff(self.loaded_text, prepared, self.seg) if self.exists else None
        dialog = SaveDialog(self.title(), default, ops, self._note_texts(notes), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.save_dialog = dialog

        def done(result: int) -> None:
            self.save_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                again, again_notes = prepare_for_save(self.text(), self.loaded_text, self.loaded_status, self.path)
                self._write(again, self.loaded_hash, dialog.message(), then, again_notes)

        dialog.finished.connect(done)
        dialog.open()

    def _write(self, text: str, expected_hash: str | None, message: str, then=None, notes=()) -> None:
        self._replace_text(text)
        try:
            change = self.workflow.save_text(self.path, text, expected_hash, message)
        except SaveConflict as exc:
            self._show_conflict(exc, text, message, then)
            return
        except (PermissionDenied, WorkflowError, VersionError, ContentError, OSError) as exc:
            _, digest = self._read_disk()
            if digest is not None and digest == content_hash(text.encode("utf-8")):
                self._saved(text)  # the file was written; only the version failed
            self._error(self.tr("Not saved"), explain(exc))
            return
        self._saved(text)
        short = change.commit[:8] if change.commit else ""
        note = " ".join(self._note_texts(list(notes)))
        self.statusBar().showMessage(
            (self.tr("Saved “{title}” as version {commit}.").replace("{commit}", short) if short
             else self.tr("Saved “{title}”.")).replace("{title}", self.title()) + (" " + note if note else ""), 15000)
        self.saved.emit(self.path, change.commit or "")
        if then is not None:
            then()

    def _saved(self, text: str) -> None:
        self.exists = True
        self.loaded_text = text
        self.loaded_hash = content_hash(text.encode("utf-8"))
        self.loaded_status = text_status(text, self.path) or self.loaded_status
        self.source.document().setModified(False)
        self.recovery = None
        self.recovery_bar.hide()
        self.reload_bar.hide()
        try:
            autosave.discard(self.store.root, self.path)
        except OSError:
            traceback.print_exc()
        self._autosave_dirty = False
        self._watch()
        self.refresh_history()
        self.refresh_now()

    def _show_conflict(self, exc: SaveConflict, text: str, message: str, then) -> None:
        disk_text = exc.disk_text.replace("\r\n", "\n") if exc.disk_text is not None else None
        _, disk_hash = self._read_disk()
        ops = word_diff(disk_text or "", text, self.seg)
        dialog = ConflictDialog(self.title(), disk_text, ops, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.conflict_dialog = dialog
        self.last_message = str(exc)

        def done(result: int) -> None:
            self.conflict_dialog = None
            dialog.deleteLater()
            if dialog.choice == "mine":
                # Overwrite exactly the version that was shown; if it changed
                # again meanwhile, this is another conflict.
                self._write(self.text(), disk_hash, message, then)
            elif dialog.choice == "theirs":
                self.reload_from_disk()
            else:
                self.statusBar().showMessage(self.tr("Not saved: the version on disk is unchanged."), 8000)

        dialog.finished.connect(done)
        dialog.open()

    def _when_saved(self, then, what: str) -> None:
        """Run *then* now if the text is saved, else offer to save it first."""
        if not self.is_modified():
            then()
            return
        self._confirm(self.tr("Unsaved changes"),
                      self.tr("Save your changes as a version before you {action}?").replace("{action}", what),
                      self.tr("Save first"), lambda: self.save(then=then))

    def _disk_unchanged(self) -> bool:
        _, digest = self._read_disk()
        if digest != self.loaded_hash:
            self.check_disk()
            self._error(self.tr("Changed on disk"),
                        self.tr("“{title}” changed on disk since you opened it. Reload it (or save yours) first.")
                        .replace("{title}", self.title()))
            return False
        return True

    # -- the workflow ------------------------------------------------------------------------------------------------------

    def submit(self) -> None:
        if self._require_lead():
            self._when_saved(lambda: self._run("submit"), self.tr("submit it for review"))

    def approve(self) -> None:
        if self._require_lead():
            self._when_saved(lambda: self._run("approve"), self.tr("approve it"))

    def retire(self) -> None:
        if not self._require_lead():
            return
        self._confirm(self.tr("Retire"),
                      self.tr("Retire “{title}”? Agents will no longer find or copy it. Its versions are kept and "
                              "it can be restored.").replace("{title}", self.title()),
                      self.tr("Retire"), lambda: self._when_saved(lambda: self._run("retire"), self.tr("retire it")))

    def _run(self, operation: str) -> None:
        if not self._disk_unchanged():
            return
        titles = {"submit": self.tr("Not submitted"), "approve": self.tr("Not approved"),
                  "retire": self.tr("Not retired")}
        try:
            change = getattr(self.workflow, operation)(self.path)
        except (PermissionDenied, WorkflowError, VersionError, ContentError, OSError) as exc:
            self._error(titles[operation], explain(exc))
            return
        self._load()
        self.refresh_history()
        done = {"submit": self.tr("“{title}” is in review: another lead can approve it now."),
                "approve": self.tr("Approved “{title}”: agents see this wording now."),
                "retire": self.tr("Retired “{title}”: agents no longer see it.")}
        self.statusBar().showMessage(done[operation].replace("{title}", self.title()), 15000)
        if change.approved_changed:
            self.approvedChanged.emit(self.path)

    # -- versions ------------------------------------------------------------------------------------------------------------

    def refresh_history(self) -> None:
        infos = []
        self._last_author = None
        if self.exists:
            try:
                infos = self.workflow.history(self.path)
                if infos:
                    self._last_author = self.workflow.last_author(self.path)
            except (WorkflowError, VersionError, ArticleError, ContentError, OSError, KeyError):
                traceback.print_exc()
                infos = []
        self.versions.set_versions(infos)
        self.tabs.setTabText(2, self.tr("Versions ({n})").replace("{n}", str(len(infos))))
        self._update_buttons()

    def _version_text(self, commit: str) -> str:
        info = self.versions.info(commit)
        versions = self.workflow.versions()
        return versions.text_at(info.version) if info is not None and versions is not None else ""

    def _on_versions_selected(self, commits: list[str]) -> None:
        if len(commits) == 1:
            info = self.versions.info(commits[0])
            self.versions.show_text(self.versions.label(info), self._version_text(commits[0]))
        elif len(commits) == 2:
            newer, older = (self.versions.info(c) for c in commits)
            ops = word_diff(self._version_text(older.version.commit), self._version_text(newer.version.commit),
                            self.seg)
            self.versions.show_diff(self.versions.label(older), self.versions.label(newer), ops)
        elif commits:
            self.versions.show_hint()
            self.statusBar().showMessage(self.tr("Select one version to read it, or two to compare them."), 5000)

    def restore_version(self, commit: str) -> None:
        if not self._require_lead():
            return
        info = self.versions.info(commit)
        if info is None:
            return
        label = self.versions.label(info)

        def confirmed() -> None:
            if not self._disk_unchanged():
                return
            try:
                change = self.workflow.restore(self.path, commit)
            except (PermissionDenied, WorkflowError, VersionError, ContentError, OSError) as exc:
                self._error(self.tr("Not restored"), explain(exc))
                return
            self._load()
            self.refresh_history()
            self.statusBar().showMessage(self.tr("Restored {version} as a new version {commit}.").replace(
                "{version}", label).replace("{commit}", (change.commit or "")[:8]), 15000)

        self._when_saved(lambda: self._confirm(
            self.tr("Restore"),
            self.tr("Bring back the wording of {version}? It becomes a new version (a draft that needs approval "
                    "again, unless agents see exactly this wording now). Nothing is lost: every version stays in "
                    "the history.").replace("{version}", label),
            self.tr("Restore this version"), confirmed), self.tr("restore a version"))

    # -- watching the file ------------------------------------------------------------------------------------------------------

    def _watch(self) -> None:
        try:
            full = self.store.resolve(self.path)
        except ContentError:
            return
        wanted = [str(p) for p in (full, full.parent) if p.exists()]
        current = self.watcher.files() + self.watcher.directories()
        stale = [p for p in current if p not in wanted]
        if stale:
            self.watcher.removePaths(stale)
        new = [p for p in wanted if p not in current]
        if new:
            self.watcher.addPaths(new)

    def check_disk(self) -> None:
        """Has the file changed on disk since it was opened or saved? Then say
        so in a bar (never a modal dialog) and offer to reload."""
        if self._closed:
            return
        self._watch()
        try:
            text, digest = self._read_disk()
        except (OSError, ContentError):
            return
        if digest == self.loaded_hash:
            self.reload_bar.hide()
            return
        if text is not None and text == self.text():
            # Someone saved exactly what the editor holds: nothing to merge.
            self.loaded_text, self.loaded_hash, self.exists = text, digest, True
            self.loaded_status = text_status(text, self.path) or self.loaded_status
            self.reload_bar.hide()
            self.refresh_history()
            self.refresh_now()
            return
        if text is None:
            message = self.tr("“{title}” was deleted or moved on disk. Saving writes it again.")
        elif self.is_modified():
            message = self.tr("“{title}” was changed on disk (by another lead or program). Reload takes their "
                              "version and replaces your unsaved changes (Undo brings them back); saving shows "
                              "the differences first.")
        else:
            message = self.tr("“{title}” was changed on disk (by another lead or program).")
        self.reload_bar.buttons["reload"].setVisible(text is not None)
        self.reload_bar.show_message(message.replace("{title}", self.title()))

    def _on_reload_bar(self, key: str) -> None:
        if key == "reload":
            self.reload_from_disk()
        else:
            self.reload_bar.hide()

    # -- autosave and recovery ----------------------------------------------------------------------------------------------------

    def autosave_now(self) -> None:
        """Keep the unsaved text in the user data folder (every few seconds,
        when it changed), so a crash loses at most that much."""
        if not self.is_lead or self.recovery is not None or not self._autosave_dirty or self._closed:
            return
        self._autosave_dirty = False
        text = self.text()
        try:
            if self.is_modified():
                autosave.save(self.store.root, self.path, text, self.loaded_hash)
            else:
                autosave.discard(self.store.root, self.path)
        except OSError as exc:
            self._autosave_dirty = True
            self.statusBar().showMessage(self.tr("Unsaved changes could not be kept aside: {error}").replace(
                "{error}", str(exc)), 10000)

    def check_recovery(self) -> None:
        """Offer unsaved text of this article that a crash left behind."""
        if not self.is_lead:
            return
        try:
            found = [r for r in autosave.pending(self.store.root) if r.path == self.path]
        except OSError:
            return
        if not found:
            return
        recovery = found[0]
        if self.exists and recovery.text == self.loaded_text:
            recovery.discard()
            return
        self.recovery = recovery
        when = dt.datetime.fromtimestamp(recovery.saved_at).strftime("%Y-%m-%d %H:%M:%S")
        text = self.tr("Unsaved changes from {time} were kept when the editor closed unexpectedly.").replace(
            "{time}", when)
        if recovery.base_hash != self.loaded_hash:
            text += " " + self.tr("The file changed on disk since then: saving will show the differences first.")
        self.recovery_bar.show_message(text)

    def _on_recovery_bar(self, key: str) -> None:
        if key == "restore":
            self.restore_recovery()
        else:
            self.discard_recovery()

    def restore_recovery(self) -> None:
        recovery, self.recovery = self.recovery, None
        if recovery is None:
            return
        self._replace_text(recovery.text)
        # Saving checks against the file the recovered text was based on, so
        # a change made on disk since then is shown, never overwritten.
        self.loaded_hash = recovery.base_hash
        self.recovery_bar.hide()
        self._autosave_dirty = True
        self.autosave_now()
        self.refresh_now()
        self.check_disk()
        self.statusBar().showMessage(self.tr("Restored the unsaved changes. Save them with Ctrl+S."), 10000)

    def discard_recovery(self) -> None:
        recovery, self.recovery = self.recovery, None
        if recovery is not None:
            recovery.discard()
        self.recovery_bar.hide()
        self._autosave_dirty = True

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
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
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
        _close_workflow(self.workflow)
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
        if not self.is_lead:
            self.readonly_bar.show_message(self.tr("Read only. ") + self.agent_reason())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and not self._closed:
            self.disk_timer.start()  # a change the watcher missed (network folders)
        super().changeEvent(event)


def _same_person(a: Identity, b: Identity) -> bool:
    return bool((a.email and a.email.lower() == b.email.lower()) or (a.name and a.name == b.name))


class EditorHub(QObject):
    """The main window's way into the editor: who the user is, one editor
    per article, new scripts, and edits left behind by a crash. Emits
    ``approvedChanged`` when an editor changed what agents see."""

    approvedChanged = Signal(str)
    saved = Signal(str)
    roleChanged = Signal()
    editorOpened = Signal(object)

    def __init__(self, store: ContentStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.editors: dict[str, EditorWindow] = {}
        self.identity_dialog: IdentityDialog | None = None
        self.new_dialog: NewScriptDialog | None = None
        self.picker: ArticlePicker | None = None
        self.recovery_box: QMessageBox | None = None
        self.message_box: QMessageBox | None = None

    # -- who ------------------------------------------------------------------------------------------------

    def team(self) -> tuple[Team, str]:
        return load_team(self.store)

    def identity_set(self) -> bool:
        configured = load_settings().get("identity")
        return isinstance(configured, dict) and bool(configured.get("name"))

    def identity(self) -> Identity:
        return current_identity(None, self.team()[0])

    def is_lead(self) -> bool:
        return self.team()[0].is_lead(self.identity())

    def agent_reason(self) -> str:
        team, error = self.team()
        return agent_reason(self.identity(), team, error)

    def ask_identity(self, parent: QWidget | None = None, then=None) -> None:
        """Ask for the user's name and e-mail and keep them in the preferences."""
        if self.identity_dialog is not None:
            self.identity_dialog.raise_()
            return
        current = self.identity() if self.identity_set() else default_identity()
        dialog = IdentityDialog(current, parent)
        self.identity_dialog = dialog

        def done(result: int) -> None:
            self.identity_dialog = None
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                return
            who = dialog.identity()
            settings = load_settings()
            settings["identity"] = {"name": who.name, "email": who.email}
            save_settings(settings)
            self.roleChanged.emit()
            if then is not None:
                then()

        dialog.finished.connect(done)
        dialog.open()

    def ensure_identity(self, parent: QWidget | None, then) -> None:
        """Run *then* once the user has said who they are (asked on first use)."""
        if self.identity_set():
            then()
        else:
            self.ask_identity(parent, then)

    # -- editors ------------------------------------------------------------------------------------------------

    def editor_for(self, path: str) -> EditorWindow | None:
        return self.editors.get(path)

    def open(self, path: str, parent: QWidget | None = None) -> None:
        self.ensure_identity(parent, lambda: self._open(path))

    def _open(self, path: str) -> EditorWindow:
        editor = self.editors.get(path)
        if editor is None:
            team, error = self.team()
            editor = EditorWindow(self.store, path, self.identity(), team, team_error=error)
            editor.approvedChanged.connect(self.approvedChanged)
            editor.saved.connect(lambda p, _c: self.saved.emit(p))
            editor.closed.connect(self._on_closed)
            self.editors[path] = editor
            editor.show()
            self.editorOpened.emit(editor)
        editor.raise_()
        editor.activateWindow()
        return editor

    def _on_closed(self, path: str) -> None:
        editor = self.editors.pop(path, None)
        if editor is not None:
            editor.deleteLater()

    def pick(self, parent: QWidget | None = None) -> None:
        """Choose any article of the folder (drafts and reviews first) and open it."""
        def show() -> None:
            entries = [PickerEntry(a.path, a.title, a.kind, a.status) for a in self.store.load_all().articles]
            dialog = ArticlePicker(entries, parent)
            self.picker = dialog

            def done(result: int) -> None:
                self.picker = None
                dialog.deleteLater()
                if result == QDialog.DialogCode.Accepted and dialog.chosen_path():
                    self._open(dialog.chosen_path())

            dialog.finished.connect(done)
            dialog.open()

        self.ensure_identity(parent, show)

    def new_script(self, parent: QWidget | None = None) -> None:
        """Ask for a title and create ``scripts/<slug>.md`` as a draft version."""
        def show() -> None:
            if not self.is_lead():
                self._inform(parent, translate("Editor", "Not allowed"), self.agent_reason())
                return
            articles = self.store.load_all().articles
            taken = {s.path for s in self.store.scan()}
            dialog = NewScriptDialog(taken, sorted({a.category for a in articles if a.category}), parent)
            self.new_dialog = dialog

            def done(result: int) -> None:
                self.new_dialog = None
                dialog.deleteLater()
                if result != QDialog.DialogCode.Accepted:
                    return
                title, slug, category = dialog.values()
                try:
                    path = self.create_script(title, slug, category)
                except (PermissionDenied, WorkflowError, VersionError, SaveConflict, ContentError, OSError) as exc:
                    self._inform(parent, translate("Editor", "Not created"), explain(exc))
                    return
                self._open(path)

            dialog.finished.connect(done)
            dialog.open()

        self.ensure_identity(parent, show)

    def create_script(self, title: str, slug: str, category: str = "") -> str:
        """Write the new script from the template and record it as its first version."""
        team, _ = self.team()
        identity = self.identity()
        path = f"scripts/{slug}.md"
        text = new_script_text(title, slug, category, [], identity.name)
        workflow = Workflow(self.store, identity, team)
        try:
            workflow.save_text(path, text, None, translate("Editor", "New script {title}").replace("{title}", title))
        finally:
            _close_workflow(workflow)
        return path

    def offer_recoveries(self, parent: QWidget | None = None) -> None:
        """At start: unsaved edits a crash left behind, to open in the editor."""
        try:
            pending = autosave.pending(self.store.root)
        except OSError:
            return
        pending = [r for r in pending if r.path not in self.editors]
        if not pending or self.recovery_box is not None:
            return
        names = "\n".join(f"• {r.path}  ({dt.datetime.fromtimestamp(r.saved_at):%Y-%m-%d %H:%M})"
                          for r in pending[:8])
        box = QMessageBox(QMessageBox.Icon.Information, translate("Editor", "Unsaved edits found"),
                          translate("Editor", "The editor closed unexpectedly with unsaved changes to:\n{names}\n\n"
                                              "Open them in the editor to restore or discard them?").replace(
                              "{names}", names), QMessageBox.StandardButton.NoButton, parent)
        open_button = box.addButton(translate("Editor", "Open in the editor"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("Editor", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        self.recovery_box = box

        def done(_result) -> None:
            self.recovery_box = None
            clicked = box.clickedButton()
            box.deleteLater()
            if clicked is open_button:
                self.ensure_identity(parent, lambda: [self._open(r.path) for r in pending])

        box.finished.connect(done)
        box.open()

    def _inform(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
        self.message_box = box
        box.finished.connect(lambda _r: box.deleteLater())
        box.open()

    def close_all(self) -> bool:
        """Ask each editor to close (each asks about unsaved changes); True if all closed."""
        for editor in list(self.editors.values()):
            editor.close()
        return not self.editors

    def shutdown(self) -> None:
        """Close every editor now, keeping unsaved text for recovery."""
        for editor in list(self.editors.values()):
            editor.close_without_asking()
