"""The editor's file: loading it, saving the text as a version (atomic, checked
against the bytes it was loaded from, a conflict shown as a word diff), and
noticing when it changes on disk (a bar, never a modal dialog).
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
)

from kbdesk.authoring import autosave
from kbdesk.authoring.team import PermissionDenied
from kbdesk.authoring.textdiff import word_diff
from kbdesk.authoring.workflow import WorkflowError
from kbdesk.content.article import ArticleError, content_hash, decode_text
from kbdesk.content.store import ContentError, SaveConflict
from kbdesk.content.versions import VersionError
from kbdesk.ui.common.i18n import coded_text, message_text
from kbdesk.ui.editor.dialogs import (
    ConflictDialog,
    SaveDialog,
)
from kbdesk.ui.editor.text import prepare_for_save, text_status


class SavingMixin:
    """Loading, saving and watching the file of an :class:`EditorWindow`."""

    # -- loading -----------------------------------------------------------------------------------------

    def _read_disk(self) -> tuple[str | None, str | None]:
        """(text, hash of the bytes) of the file on disk; (None, None) if it is gone."""
        try:
            data = self.store.read_bytes(self.path)
        except ArticleError as exc:
            if exc.code == "file-not-found":
                return None, None
            raise ContentError(str(exc)) from None  # a pipe, a link outside the folder…: not editable
        return decode_text(data), content_hash(data)

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
            self._error(self.tr("Not saved"), message_text(exc))
            return
        if change.code == "change-back-to-draft":
            self._load()  # the file now says draft: show it as it is
            self.refresh_history()
        else:
            self._saved(text)
        short = change.commit[:8] if change.commit else ""
        note = " ".join(self._note_texts(list(notes)))
        if change.code == "change-back-to-draft":  # say it: nobody may approve wording they have not seen
            note = (coded_text(change.code, change.params, change.summary) + " " + note).strip()
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
