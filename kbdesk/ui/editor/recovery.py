"""Unsaved text kept aside every few seconds (:mod:`kbdesk.authoring.autosave`)
and offered again after a crash, in a bar above the source.
"""

from __future__ import annotations

import datetime as dt

from kbdesk.authoring import autosave


class RecoveryMixin:
    """Autosave and crash recovery of an :class:`EditorWindow`."""

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
