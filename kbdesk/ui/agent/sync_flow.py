"""The window's team sync: every few minutes (the ``sync_minutes``
preference; 0 is off), on F5 and on a click on the status bar, a
:class:`~kbdesk.ui.agent.workers.SyncJob` brings the desktop up to date
while the agent goes on typing. What agents see changed → the index job;
offline, a refused login and conflicts are shown in the status bar; a
refused login asks once for the password.
"""

from __future__ import annotations

from kbdesk.config import load_settings
from kbdesk.ui.agent.sync_status import LoginDialog, RemoteDialog
from kbdesk.ui.agent.workers import SyncJob
from kbdesk.ui.common.i18n import counted, message_text

DEFAULT_SYNC_MINUTES = 5


def sync_minutes(settings: dict) -> int:
    try:
        return max(0, int(settings.get("sync_minutes", DEFAULT_SYNC_MINUTES)))
    except (TypeError, ValueError):
        return DEFAULT_SYNC_MINUTES


class SyncFlowMixin:
    """Syncing while :class:`MainWindow` is open."""

    def remote(self) -> str | None:
        from kbdesk.sync.syncing import current_remote

        try:
            return current_remote(self.store.root)
        except Exception:  # noqa: BLE001 - a damaged config reads as no remote
            return None

    def apply_sync_schedule(self) -> None:
        """(Re)start the timer from the preference; a desktop with no team
        repository shows nothing and never syncs."""
        minutes = sync_minutes(load_settings())
        self.sync_timer.stop()
        if self.remote() is None:
            self.sync_status.show_state("off")
            return
        if self.sync_status.state == "off":
            self.sync_status.show_state("ok" if self.sync_status.last_ok else "syncing", conflicts=self._conflict_count())
        if minutes:
            self.sync_timer.setInterval(minutes * 60_000)
            self.sync_timer.start()

    def sync_now(self, manual: bool = False) -> None:
        if self._closed:
            return
        if self.remote() is None:
            if manual:
                self.statusBar().showMessage(self.tr("No team repository is set: Sync ▸ Team repository… sets it."),
                                             8000)
            return
        if self._sync_job is not None:
            return
        self._sync_manual = manual
        job = SyncJob(self.store.root, self.editors.identity(), self._sync_login, parent=self)
        job.done.connect(self._on_sync_done)
        self._sync_job = job
        self.sync_status.show_state("syncing")
        job.start()

    def sync_busy(self) -> bool:
        return self._sync_job is not None

    def _on_sync_done(self, result) -> None:
        job, self._sync_job = self._sync_job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        if self._closed:
            return
        self.last_sync = result
        self.syncFinished.emit(result)
        if isinstance(result, Exception):
            code = getattr(result, "code", None)
            state = {"sync-offline": "offline", "sync-auth": "auth"}.get(code, "error")
            self.sync_status.show_state(state, message_text(result), self._conflict_count())
            if state == "auth" and self._sync_manual:
                self.ask_login(message_text(result))
            elif self._sync_manual or state == "error":
                self.statusBar().showMessage(message_text(result), 15000)
            return
        report = result
        if self._sync_login is not None and self._sync_login.source == "given" and self._sync_remember:
            self._remember_login(report.remote)
        self.sync_status.show_state("ok", self.tr("Synced with {url}").replace("{url}", report.remote),
                                    self._conflict_count())
        self._update_sync_actions()
        if report.agents_paths or report.merged:
            self.request_index_update()  # the approved branch moved, or files changed
        self.editors.notify_synced(report.merged)
        summary = self._sync_summary(report)
        if summary and (self._sync_manual or report.agents_paths or report.conflicts or report.refused):
            self.statusBar().showMessage(summary, 15000)

    def _sync_summary(self, report) -> str:
        parts = []
        if report.agents_paths:
            parts.append(counted(len(report.agents_paths), self.tr("{n} article changed for agents"),
                                 self.tr("{n} articles changed for agents")))
        if report.merged:
            parts.append(counted(len(report.merged), self.tr("{n} file changed by other leads"),
                                 self.tr("{n} files changed by other leads")))
        if any(report.pushed.values()):
            parts.append(self.tr("your changes were sent"))
        if report.refused:
            parts.append(counted(len(report.refused), self.tr("{n} approval not sent (changed meanwhile)"),
                                 self.tr("{n} approvals not sent (changed meanwhile)")))
        if report.conflicts:
            parts.append(counted(len(report.conflicts), self.tr("{n} new conflict"), self.tr("{n} new conflicts")))
        if not parts:
            return self.tr("Up to date with the team's repository.") if self._sync_manual else ""
        return self.tr("Synced: {what}.").replace("{what}", self.tr("; ").join(parts))

    def _conflict_count(self) -> int:
        from kbdesk.sync.syncing import conflicts_of

        try:
            return len(conflicts_of(self.store.root))
        except Exception:  # noqa: BLE001
            return 0

    def _update_sync_actions(self) -> None:
        count = self._conflict_count()
        self.conflicts_action.setText(self.tr("Conflicts ({n})…").replace("{n}", str(count)) if count
                                      else self.tr("Conflicts…"))
        self.conflicts_action.setEnabled(bool(count))
        self.leads_conflicts_action.setText(self.conflicts_action.text())
        self.leads_conflicts_action.setEnabled(bool(count))
        self.leads_conflicts_action.setVisible(bool(count) or self.remote() is not None)
        self.login_action.setEnabled((self.remote() or "").startswith(("http://", "https://")))

    # -- the team repository and its login ----------------------------------------------------------------

    def choose_remote(self) -> None:
        from kbdesk.sync.remote import SyncError
        from kbdesk.sync.syncing import set_remote

        dialog = RemoteDialog(self.remote() or "", self)

        def done(result: int) -> None:
            if result != RemoteDialog.DialogCode.Accepted:
                dialog.deleteLater()
                self.focus_search()
                return
            try:
                set_remote(self.store.root, dialog.url())
            except SyncError as exc:
                dialog.say(message_text(exc))
                dialog.open()
                return
            dialog.deleteLater()
            self.focus_search()
            self.apply_sync_schedule()
            self._update_sync_actions()
            self.sync_now(manual=True)

        dialog.finished.connect(done)
        self.remote_dialog = dialog
        dialog.open()

    def ask_login(self, reason: str = "") -> None:
        from kbdesk.sync.remote import Login, login_for

        url = self.remote() or ""
        if not url.startswith(("http://", "https://")) or self.login_dialog is not None:
            return
        reason = reason or (self.sync_status.detail if self.sync_status.state == "auth" else "")
        dialog = LoginDialog(url, login_for(url).username or "", reason, self)
        self.login_dialog = dialog

        def done(result: int) -> None:
            self.login_dialog = None
            dialog.deleteLater()
            self.focus_search()  # the agent types on where they were
            if result == LoginDialog.DialogCode.Accepted:
                self._sync_login = Login(dialog.user_edit.text().strip(), dialog.password_edit.text(), "given")
                self._sync_remember = dialog.remember_box.isChecked()
                self.sync_now(manual=True)

        dialog.finished.connect(done)
        dialog.open()

    def _remember_login(self, url: str) -> None:
        from kbdesk.sync.remote import SyncError, remember_login

        login, self._sync_remember = self._sync_login, False
        try:
            remember_login(url, login.username, login.password)
            self._sync_login = None  # the keyring has it now
        except SyncError as exc:  # no keyring here: the password is kept for this session only
            self.statusBar().showMessage(message_text(exc), 10000)

    def show_conflicts(self) -> None:
        self.editors.conflicts(self)
