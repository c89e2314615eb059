"""The review queue (主管 ▸ 审核队列): the articles in review, who sent them
and when, and whether the current lead may approve each — with the reason
when not. Double-click or Enter opens one in the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kbdesk.authoring.workflow import InReview
from kbdesk.ui.common.i18n import coded_text
from kbdesk.ui.common.widgets import TextLabel


class ReviewQueueDialog(QDialog):
    """:attr:`chosen` is the path to open once accepted."""

    def __init__(self, queue: list[InReview], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewQueue")
        self.setWindowTitle(self.tr("Review queue"))
        self.chosen: str | None = None
        self.intro = TextLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setText(self.tr("Nothing is in review.") if not queue else
                           self.tr("Articles waiting for approval. Double-click one to open it."))
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Article"), self.tr("Sent by"), self.tr("When"), self.tr("You")])
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)  # a date and time, whole
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for item in queue:
            verdict = self.tr("may approve") if item.may_approve else coded_text(
                item.why_not, item.why_params, item.reason)
            row = QTreeWidgetItem(self.table, [item.title, item.submitted_by or "?",
                                               item.submitted_at[:16].replace("T", " "), verdict])
            row.setData(0, Qt.ItemDataRole.UserRole, item.path)
            row.setToolTip(0, item.path)
            row.setToolTip(3, verdict)
            row.setForeground(3, QColor("#1e6b43" if item.may_approve else "#8a5a00"))
        self.table.itemActivated.connect(self._open)
        if queue:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def _open(self, row: QTreeWidgetItem) -> None:
        self.chosen = row.data(0, Qt.ItemDataRole.UserRole)
        self.accept()
