"""What the agents' window talks to for the leads' editor: who the user is
(asking once), one editor per article, new scripts, and unsaved edits left
by a crash.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from kbdesk.authoring import autosave
from kbdesk.authoring.team import PermissionDenied, Team, current_identity
from kbdesk.authoring.workflow import Workflow, WorkflowError
from kbdesk.config import load_settings, save_settings
from kbdesk.content.store import ContentError, ContentStore, SaveConflict
from kbdesk.content.versions import Identity, VersionError
from kbdesk.ui.common.i18n import message_text, translate
from kbdesk.ui.common.widgets import file_dialog, message_box
from kbdesk.ui.editor.dialogs import (
    ArticlePicker,
    IdentityDialog,
    NewScriptDialog,
    PickerEntry,
)
from kbdesk.ui.editor.roles import agent_reason, load_team
from kbdesk.ui.editor.text import new_script_text
from kbdesk.ui.editor.window import EditorWindow


class EditorHub(QObject):
    """The main window's way into the editor: who the user is, one editor
    per article, new scripts, and edits left behind by a crash. Emits
    ``approvedChanged`` when an editor changed what agents see."""

    approvedChanged = Signal(str)
    saved = Signal(str)
    roleChanged = Signal()
    editorOpened = Signal(object)
    conflictsChanged = Signal()  # a sync conflict was resolved

    def __init__(self, store: ContentStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.editors: dict[str, EditorWindow] = {}
        self.identity_dialog: IdentityDialog | None = None
        self.new_dialog: NewScriptDialog | None = None
        self.picker: ArticlePicker | None = None
        self.queue_dialog = None  # the review queue, while open
        self.conflicts_dialog = None  # Sync ▸ Conflicts, while open
        self.dashboard_window = None  # 主管 ▸ 数据看板, while open
        self.recovery_box: QMessageBox | None = None
        self.message_box: QMessageBox | None = None
        self.import_dialog = None  # the ImportDialog open, if any
        self.chooser: QFileDialog | None = None
        self.acting_as: str | None = None  # ``kbdesk --as NAME``: who this window acts as (not saved)

    # -- who ------------------------------------------------------------------------------------------------

    def team(self) -> tuple[Team, str]:
        return load_team(self.store)

    def identity_set(self) -> bool:
        if self.acting_as:
            return True
        configured = load_settings().get("identity")
        return isinstance(configured, dict) and bool(configured.get("name"))

    def identity(self) -> Identity:
        return current_identity(self.acting_as, self.team()[0])

    def is_lead(self) -> bool:
        return self.team()[0].is_lead(self.identity())

    def agent_reason(self) -> str:
        team, error = self.team()
        return agent_reason(self.identity(), team, error)

    def edit_refusal(self) -> str:
        """Why the user may not write here ('' if they may): an agent, or a
        folder that cannot be written."""
        if not self.is_lead():
            return self.agent_reason()
        problem = self.store.unwritable()
        return message_text(problem) if problem is not None else ""

    def ask_identity(self, parent: QWidget | None = None, then=None) -> None:
        """Ask for the user's name and e-mail and keep them in the preferences."""
        if self.identity_dialog is not None:
            self.identity_dialog.raise_()
            return
        current = self.identity() if self.identity_set() else None  # (never someone else's name)
        dialog = IdentityDialog(current, self.team()[0].leads, parent)
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
            self.acting_as = None  # said now: it replaces ``--as`` too
            for editor in self.editors.values():  # an open editor acts as who the user now is
                editor.set_identity(self.identity())
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

    # -- importing ------------------------------------------------------------------------------------------------

    def import_documents(self, paths: list[Path] | None = None, parent: QWidget | None = None) -> None:
        """The import dialog for *paths* (dropped on the window), or for files
        the lead chooses first. Leads only; an agent is told why not."""
        self.ensure_identity(parent, lambda: self._import(paths, parent))

    def _import(self, paths: list[Path] | None, parent: QWidget | None) -> None:
        refusal = self.edit_refusal()
        if refusal:
            self._inform(parent, translate("Editor", "Not allowed"), refusal)
            return
        if not paths:
            chooser = file_dialog(parent, translate("ImportDialog", "Choose documents to import"))
            chooser.setFileMode(QFileDialog.FileMode.ExistingFiles)
            chooser.setNameFilter(translate("ImportDialog", "Documents") + " (*.docx *.html *.htm *.txt *.md *.xlsx *.csv)")
            chooser.filesSelected.connect(lambda files: self._import([Path(f) for f in files], parent))
            chooser.finished.connect(lambda _r: chooser.deleteLater())
            self.chooser = chooser
            chooser.open()
            return
        from kbdesk.ui.editor.import_dialog import ImportDialog  # late: the window starts without the importers

        team, _ = self.team()
        workflow = Workflow(self.store, self.identity(), team)
        dialog = ImportDialog(self.store, workflow, paths, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda change: self.approvedChanged.emit("") if change is not None
                                and change.approved_changed else self.saved.emit(""))
        dialog.finished.connect(lambda _r: workflow.close())
        self.import_dialog = dialog
        dialog.open()

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

    def review_queue(self, parent: QWidget | None = None) -> None:
        """The articles in review and whether this lead may approve each; one opens in the editor."""
        def show() -> None:
            from kbdesk.ui.editor.review_queue import ReviewQueueDialog

            team, _ = self.team()
            workflow = Workflow(self.store, self.identity(), team)
            try:
                queue = workflow.review_queue()
            finally:
                workflow.close()
            dialog = ReviewQueueDialog(queue, parent)
            self.queue_dialog = dialog

            def done(result: int) -> None:
                self.queue_dialog = None
                dialog.deleteLater()
                if result == QDialog.DialogCode.Accepted and dialog.chosen:
                    self._open(dialog.chosen)

            dialog.finished.connect(done)
            dialog.open()

        self.ensure_identity(parent, show)

    # -- after a sync ---------------------------------------------------------------------------------------------

    def notify_synced(self, paths: list[str]) -> None:
        """Files a sync changed: an editor open on one says so at once (its
        unsaved text stays; it offers to reload)."""
        for path in paths:
            editor = self.editors.get(path)
            if editor is not None:
                editor.check_disk()
        if self.conflicts_dialog is not None:
            self._refresh_conflicts()

    def conflicts(self, parent: QWidget | None = None) -> None:
        """Sync ▸ Conflicts: each with the two wordings, word by word; the lead keeps one."""
        from kbdesk.sync.syncing import conflict_texts
        from kbdesk.ui.editor.conflicts_dialog import ConflictsDialog

        if self.conflicts_dialog is not None:
            self.conflicts_dialog.raise_()
            return
        def title_of(path: str) -> str:
            article = self.store.find(path)
            return article.title if article is not None else path

        dialog = ConflictsDialog(lambda c: conflict_texts(self.store.root, c), parent, title_of)
        self.conflicts_dialog = dialog
        dialog.resolve.connect(lambda path, keep: self._resolve_conflict(dialog, path, keep))
        dialog.openRequested.connect(self._open)

        def done(_result: int) -> None:
            self.conflicts_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(done)
        self._refresh_conflicts()
        dialog.open()

    def _refresh_conflicts(self) -> None:
        from kbdesk.sync.syncing import conflicts_of

        if self.conflicts_dialog is not None:
            self.conflicts_dialog.set_conflicts(conflicts_of(self.store.root))

    def _resolve_conflict(self, parent: QWidget, path: str, keep: str) -> None:
        from kbdesk.sync.syncing import resolve_conflict

        refusal = self.edit_refusal() if keep == "mine" else ""
        if refusal:
            self._inform(parent, translate("Editor", "Not allowed"), refusal)
            return
        team, _ = self.team()
        try:
            resolve_conflict(self.store, self.identity(), path, keep, team)
        except Exception as exc:  # noqa: BLE001 - every refusal (a conflict gone, a file changed…) is said
            self._inform(parent, translate("Editor", "Not saved"), message_text(exc))
            return
        editor = self.editors.get(path)
        if editor is not None:
            editor.check_disk()
        self._refresh_conflicts()
        self.saved.emit(path)
        self.conflictsChanged.emit()

    def dashboard(self, parent: QWidget | None = None) -> None:
        """主管 ▸ 数据看板: the team's figures, in a window of its own."""
        from PySide6.QtGui import QGuiApplication

        from kbdesk.ui.editor.dashboard import DashboardWindow
        from kbdesk.usage.stats import gather

        if self.dashboard_window is not None:
            self.dashboard_window.refresh()
            self.dashboard_window.raise_()
            self.dashboard_window.activateWindow()
            return

        def compute(days: int):
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                return gather(self.store, self.identity(), days=days)
            finally:
                QGuiApplication.restoreOverrideCursor()

        window = DashboardWindow(compute)
        window.openRequested.connect(self._open_id_or_path)
        window.draftRequested.connect(lambda title: self.new_script(window, title=title))
        window.destroyed.connect(lambda _o=None: setattr(self, "dashboard_window", None))
        self.dashboard_window = window
        window.show()

    def _open_id_or_path(self, target: str) -> None:
        article = self.store.find(target)
        self._open(article.path if article is not None else target)

    def new_script(self, parent: QWidget | None = None, title: str = "") -> None:
        """Ask for a title and create ``scripts/<slug>.md`` as a draft version."""
        def show() -> None:
            refusal = self.edit_refusal()
            if refusal:
                self._inform(parent, translate("Editor", "Not allowed"), refusal)
                return
            articles = self.store.load_all().articles
            taken = {s.path for s in self.store.scan()}
            dialog = NewScriptDialog(taken, sorted({a.category for a in articles if a.category}), parent)
            if title:
                dialog.title_edit.setText(title)  # a search that found nothing, from the dashboard
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
                    self._inform(parent, translate("Editor", "Not created"), message_text(exc))
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
            workflow.close()
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
        box = message_box(QMessageBox.Icon.Information, translate("Editor", "Unsaved edits found"),
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
        box = message_box(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
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
        if self.dashboard_window is not None:
            self.dashboard_window.close()
