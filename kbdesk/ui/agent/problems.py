"""The files of the knowledge base that cannot be used: a lasting badge in
the status bar with their number, opening the list with each path and why
(what ``kbdesk check`` reports of them). It follows every index update, so
a fixed file leaves the list by itself."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kbdesk.ui.common.i18n import message_text
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel


class ProblemsBadge(RetranslatedOnLanguageChange, QToolButton):
    """"⚠ 3 个文件有问题": hidden while every file is fine."""

    opened = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problemsBadge")
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rows: list[tuple[str, str]] = []  # (path, reason)
        self.clicked.connect(self.opened)
        self.hide()

    def set_problems(self, unreadable: list, duplicates: dict[str, list[str]]) -> None:
        """*unreadable*: the ArticleError of each file not indexed."""
        rows = [(p.path, message_text(p)) for p in unreadable]
        for article_id, paths in sorted(duplicates.items()):
            for path in paths:
                others = "、".join(p for p in paths if p != path)
                rows.append((path, self.tr("duplicate id {id} (also in {others})").replace(
                    "{id}", article_id).replace("{others}", others)))
        self.rows = sorted(rows)
        self.retranslate()

    def retranslate(self) -> None:
        files = len({path for path, _ in self.rows})
        self.setText("⚠ " + (self.tr("1 file has a problem") if files == 1
                             else self.tr("{n} files have problems").replace("{n}", str(files))))
        self.setToolTip(self.tr("Files agents cannot use: click for the list"))
        self.setVisible(bool(self.rows))


class ProblemsDialog(QDialog):
    """Each file and why it cannot be used."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(self.tr("Files with problems"))
        self.intro = TextLabel(self.tr("These files are left out of the search until they are fixed; the rest of "
                                       "the knowledge base works. A lead fixes them in the content folder "
                                       "(kbdesk check lists them too)."), self)
        self.intro.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("File"), self.tr("Why")])
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.table.setWordWrap(True)
        for path, reason in rows:
            QTreeWidgetItem(self.table, [path, reason])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)
