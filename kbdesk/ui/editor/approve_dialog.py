"""Before an approval: what agents see now beside the wording being
approved, word by word, and the checks' state. Approve only from here."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from kbdesk.authoring.textdiff import DiffOp
from kbdesk.ui.common.i18n import counted
from kbdesk.ui.common.widgets import TextLabel
from kbdesk.ui.editor.versions_tab import DiffView


class ApproveDialog(QDialog):
    def __init__(self, title: str, agents_now: str, ops: list[DiffOp], findings: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approveDialog")
        self.setWindowTitle(self.tr("Approve “{title}”").replace("{title}", title))
        self.intro = TextLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setText(self.tr("Agents will see the wording on the right at once, instead of the one on the left.")
                           if agents_now else
                           self.tr("Agents do not see this article yet: they will see this wording at once."))
        self.diff = DiffView(self)
        self.diff.set_diff(self.tr("Agents see now") if agents_now else self.tr("Nothing yet"),
                           self.tr("To approve"), ops)
        errors = sum(1 for f in findings if f.level == "error")
        warnings = len(findings) - errors
        self.checks = TextLabel(self)
        self.checks.setObjectName("warningLabel" if findings else "hintLabel")
        self.checks.setText(self.tr("Checks: no problems found") if not findings else
                            self.tr("Checks: {errors}, {warnings}").replace(
                                "{errors}", counted(errors, self.tr("{n} error"), self.tr("{n} errors"))).replace(
                                "{warnings}", counted(warnings, self.tr("{n} warning"), self.tr("{n} warnings"))))
        self.buttons = QDialogButtonBox(self)
        self.approve_button = QPushButton(self.tr("Approve"), self)
        self.approve_button.setObjectName("primaryButton")
        self.approve_button.setEnabled(not errors)
        self.buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.diff, 1)
        layout.addWidget(self.checks)
        layout.addWidget(self.buttons)
        self.resize(820, 520)
