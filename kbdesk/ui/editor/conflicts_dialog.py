"""Sync ▸ Conflicts: the articles where another lead's wording won the file
in a sync while this lead's own stays a version. Each shows, word by word,
the team's wording beside the lead's; the lead keeps one (or opens the
article to combine them by hand)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kbdesk.authoring.textdiff import word_diff
from kbdesk.sync.conflicts import Conflict
from kbdesk.ui.common.widgets import TextLabel
from kbdesk.ui.editor.versions_tab import DiffView


class ConflictsDialog(QDialog):
    """Emits ``resolve(path, keep)`` ("theirs" or "mine") and ``openRequested(path)``;
    the hub does them and calls :meth:`set_conflicts` again."""

    resolve = Signal(str, str)
    openRequested = Signal(str)

    def __init__(self, texts, parent: QWidget | None = None, title_of=None):
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Conflicts"))
        self._texts = texts  # conflict → (theirs, mine)
        self._title_of = title_of or (lambda path: path)  # path → the article's title
        self.conflicts: list[Conflict] = []
        self.intro = TextLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.diff = DiffView(self)
        self.detail = TextLabel(self)
        self.detail.setObjectName("hintLabel")
        self.detail.setWordWrap(True)
        self.theirs_button = QPushButton(self.tr("Keep the team's wording"), self)
        self.mine_button = QPushButton(self.tr("Use my wording"), self)
        self.mine_button.setObjectName("primaryButton")
        self.open_button = QPushButton(self.tr("Open in the editor"), self)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.detail)
        rl.addWidget(self.diff, 1)
        actions = QHBoxLayout()
        for button in (self.theirs_button, self.mine_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)
        rl.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([220, 640])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.theirs_button.clicked.connect(lambda: self._decide("theirs"))
        self.mine_button.clicked.connect(lambda: self._decide("mine"))
        self.open_button.clicked.connect(lambda: self.current() and self.openRequested.emit(self.current().path))
        self.resize(900, 520)

    def set_conflicts(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        self.intro.setText(self.tr("No conflicts: every article has one wording.") if not conflicts else
                           self.tr("Another lead changed these articles where you did. Their wording is in the "
                                   "file; yours is kept as a version until you choose."))
        self.list.clear()
        for conflict in conflicts:
            item = QListWidgetItem(self._title_of(conflict.path), self.list)
            item.setToolTip(conflict.path)
        for button in (self.theirs_button, self.mine_button, self.open_button):
            button.setEnabled(bool(conflicts))
        self.diff.setVisible(bool(conflicts))  # nothing to compare: no "the same text" over empty panes
        if conflicts:
            self.list.setCurrentRow(0)
        else:
            self.detail.setText("")

    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, _row: int) -> None:
        conflict = self.current()
        if conflict is None:
            return
        theirs, mine = self._texts(conflict)
        self.diff.set_diff(self.tr("In the file ({name})").replace("{name}", conflict.theirs_author or "?"),
                           self.tr("Yours (version {version})").replace("{version}", conflict.mine_commit[:8]),
                           word_diff(theirs, mine))
        QTimer.singleShot(0, self.diff.show_first_change)  # once both sides are laid out
        self.detail.setText(self.tr("Found in the sync of {when}.").replace(
            "{when}", conflict.at[:16].replace("T", " ")))

    def _decide(self, keep: str) -> None:
        conflict = self.current()
        if conflict is not None:
            self.resolve.emit(conflict.path, keep)
