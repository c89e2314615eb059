"""The editor's review flow: submit, approve and retire through
:class:`kbdesk.authoring.workflow.Workflow`, and the Versions tab (read one
version, compare two, restore one).
"""

from __future__ import annotations

import traceback

from kbdesk.authoring.team import PermissionDenied
from kbdesk.authoring.textdiff import word_diff
from kbdesk.authoring.workflow import WorkflowError
from kbdesk.content.article import ArticleError
from kbdesk.content.store import ContentError
from kbdesk.content.versions import VersionError
from kbdesk.ui.common.i18n import message_text
from kbdesk.ui.editor.widgets import lint_message


class ReviewMixin:
    """Submit, approve, retire, and the versions of an :class:`EditorWindow`'s article."""

    # -- the workflow ------------------------------------------------------------------------------------------------------

    def submit(self) -> None:
        if not self._require_lead():
            return
        errors = [f for f in self.findings if f.level == "error"]
        if errors:
            # It can be reviewed, but not approved like this: say so before it goes.
            listed = "\n".join(f"• {lint_message(f)}" for f in errors[:8])
            self._confirm(self.tr("Submit with errors?"),
                          self.tr("The checks found errors that will block approval:\n{errors}\n\nSubmit it for "
                                  "review anyway?").replace("{errors}", listed),
                          self.tr("Submit anyway"),
                          lambda: self._when_saved(lambda: self._run("submit"), self.tr("submit it for review")))
            return
        self._when_saved(lambda: self._run("submit"), self.tr("submit it for review"))

    def approve(self) -> None:
        if self._require_lead():
            self._when_saved(self._show_approval, self.tr("approve it"))

    def _show_approval(self) -> None:
        """The word diff against what agents see now and the checks, then approve."""
        from kbdesk.ui.editor.approve_dialog import ApproveDialog

        try:
            self.workflow.check_approval(self.path)  # a refusal is said now, not after the diff
            now, _new, ops, findings = self.workflow.approval_preview(self.path)
        except (PermissionDenied, WorkflowError, VersionError, ContentError, OSError) as exc:
            self._error(self.tr("Not approved"), message_text(exc))
            return
        dialog = ApproveDialog(self.title(), now, ops, findings, self)
        self.approve_dialog = dialog

        def done(result: int) -> None:
            self.approve_dialog = None
            dialog.deleteLater()
            if result == ApproveDialog.DialogCode.Accepted:
                self._run("approve")

        dialog.finished.connect(done)
        dialog.open()

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
            self._error(titles[operation], message_text(exc))
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
                self._error(self.tr("Not restored"), message_text(exc))
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
