"""The versions of an article: who changed what and when, which version
agents see, one version's text, or two versions side by side with the
changed words marked. The panel only shows what the editor gives it and
emits signals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kbdesk.authoring.textdiff import DiffOp
from kbdesk.authoring.workflow import VersionInfo
from kbdesk.ui.common.i18n import coded_text
from kbdesk.ui.common.article_view import SafeBrowser
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel, plain_tooltip
from kbdesk.ui.editor.text import diff_counts, diff_side_html
from kbdesk.ui.editor.widgets import status_label

DIFF_CSS = "body { color: #1f2933; } div { line-height: 150%; }"


class DiffView(QWidget):
    """Two versions side by side: on the left the older one with removed
    words struck through in red, on the right the newer one with added words
    in green. The two sides scroll together."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("diffView")
        self.left_label = TextLabel(self)
        self.right_label = TextLabel(self)
        for label in (self.left_label, self.right_label):
            label.setObjectName("hintLabel")
            label.setWordWrap(True)
        self.left = self._browser()
        self.right = self._browser()
        self.left_html = ""
        self.right_html = ""
        self.summary = TextLabel(self)
        self.summary.setObjectName("hintLabel")

        def side(label, browser):
            w = QWidget(self)
            v = QVBoxLayout(w)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            v.addWidget(label)
            v.addWidget(browser, 1)
            return w

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(side(self.left_label, self.left))
        splitter.addWidget(side(self.right_label, self.right))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        self._syncing = False
        self.left.verticalScrollBar().valueChanged.connect(lambda v: self._sync(self.left, self.right))
        self.right.verticalScrollBar().valueChanged.connect(lambda v: self._sync(self.right, self.left))

    def _browser(self) -> SafeBrowser:
        b = SafeBrowser(self)
        b.setObjectName("diffBrowser")
        b.setOpenLinks(False)
        b.setOpenExternalLinks(False)
        b.document().setDefaultStyleSheet(DIFF_CSS)
        b.document().setDocumentMargin(10)
        return b

    def _sync(self, source: SafeBrowser, target: SafeBrowser) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            s, t = source.verticalScrollBar(), target.verticalScrollBar()
            t.setValue(int(s.value() / max(1, s.maximum()) * t.maximum()) if s.maximum() else 0)
        finally:
            self._syncing = False

    def set_diff(self, left_label: str, right_label: str, ops: list[DiffOp]) -> None:
        self.left_label.setText(left_label)
        self.right_label.setText(right_label)
        self.left_html = diff_side_html(ops, "old")
        self.right_html = diff_side_html(ops, "new")
        self.left.setHtml(self.left_html)
        self.right.setHtml(self.right_html)
        removed, added = diff_counts(ops)
        # Where the texts first differ: the words just before it, which both sides have.
        self._first_change = None
        before = ""
        for op in ops:
            if op.op != "equal":
                self._first_change = before.strip().splitlines()[-1][-20:] if before.strip() else ""
                break
            before = op.old
        if not removed and not added:
            self.summary.setText(self.tr("The two versions have the same text."))
        else:
            self.summary.setText(self.tr("{removed} character(s) removed (red), {added} added (green)")
                                 .replace("{removed}", str(removed)).replace("{added}", str(added)))


    def show_first_change(self) -> None:
        """Scroll both sides to where the texts first differ (a long article's
        change is often far below its front matter)."""
        anchor = getattr(self, "_first_change", None)
        if not anchor:
            return
        for browser in (self.left, self.right):
            browser.moveCursor(browser.textCursor().MoveOperation.Start)
            if browser.find(anchor):
                cursor = browser.textCursor()
                cursor.clearSelection()
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()


# Versions that take over what a folder held before its history began.
TAKEOVER_CODES = ("commit-start", "commit-sample")


class VersionsPanel(RetranslatedOnLanguageChange, QWidget):
    """The article's history, newest first. Select one version to read it,
    two to compare them."""

    selectionChanged = Signal(list)  # commit ids of the selected versions, newest first
    restoreRequested = Signal(str)  # commit id

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("versionsPanel")
        self.versions: list[VersionInfo] = []
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("versionsList")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnCount(self.COLUMNS)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.header().setStretchLastSection(True)
        for column, width in enumerate((34, 34, 72, 70, 118)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemSelectionChanged.connect(self._on_selection)

        self.hint = TextLabel(self)
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.single_label = TextLabel(self)
        self.single_label.setObjectName("hintLabel")
        self.single = QPlainTextEdit(self)
        self.single.setObjectName("versionText")
        self.single.setReadOnly(True)
        single_page = QWidget(self)
        sv = QVBoxLayout(single_page)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.setSpacing(2)
        sv.addWidget(self.single_label)
        sv.addWidget(self.single, 1)
        self.diff = DiffView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.hint)
        self.stack.addWidget(single_page)
        self.stack.addWidget(self.diff)

        self.restore_button = QPushButton(self)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._on_restore)
        self._can_restore = True
        self._restore_reason = ""
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        view = QWidget(self)
        vv = QVBoxLayout(view)
        vv.setContentsMargins(0, 4, 0, 0)
        vv.addWidget(self.stack, 1)
        vv.addLayout(buttons)
        splitter.addWidget(view)
        splitter.setSizes([180, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter, 1)
        self.retranslate()

    # -- filling -------------------------------------------------------------------------

    def set_versions(self, versions: list[VersionInfo]) -> None:
        self.versions = list(versions)
        self.tree.blockSignals(True)
        self.tree.clear()
        for info in self.versions:
            v = info.version
            item = QTreeWidgetItem([
                str(info.number),
                "✔" if info.current_approved else ("✓" if info.approved else ""),
                self._status_text(info),
                v.author.name,
                v.time.astimezone().strftime("%Y-%m-%d %H:%M"),
                coded_text(*v.summary),
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, v.commit)
            item.setToolTip(5, plain_tooltip(f"{coded_text(*v.summary)}\n{v.author} · {v.short}"))
            if info.current_approved:
                item.setForeground(1, QColor("#1e6b43"))
                item.setToolTip(1, plain_tooltip(self.tr("Agents see this version")))
            elif info.approved:
                item.setForeground(1, QColor("#8a98a8"))
                item.setToolTip(1, plain_tooltip(self.tr("Was approved once")))
            self.tree.addTopLevelItem(item)
        self.tree.blockSignals(False)
        self._set_hint()
        self.show_hint()
        self._update_restore()

    def _set_hint(self) -> None:
        if self.versions:
            self.hint.setText(self.tr("Select a version to read it; select two (Ctrl+click) to compare them word "
                                      "by word. ✔ marks the version agents see."))
        else:  # why the list is empty, and how it fills
            self.hint.setText(self.tr("No versions yet: this knowledge base has no history. A lead's first Save "
                                      "starts it: every article as it is becomes its version 1 (taken over, by "
                                      "kbdesk), and every save after that is a version with its author."))

    def _status_text(self, info: VersionInfo) -> str:
        """The version's status; wording kbdesk took over when versioning
        began says so: nobody approved it in kbdesk."""
        if info.version.summary[0] in TAKEOVER_CODES and info.status == "approved":
            return self.tr("Approved (before versioning began)")
        return status_label(info.status)

    def select(self, *rows: int) -> None:
        """Select these rows (0 = newest), as a lead would with Ctrl+click."""
        self.tree.clearSelection()
        for row in rows:
            item = self.tree.topLevelItem(row)
            if item is not None:
                item.setSelected(True)

    def selected_commits(self) -> list[str]:
        rows = sorted(self.tree.indexOfTopLevelItem(i) for i in self.tree.selectedItems())
        return [self.versions[r].version.commit for r in rows if 0 <= r < len(self.versions)]

    def info(self, commit: str) -> VersionInfo | None:
        return next((i for i in self.versions if i.version.commit == commit), None)

    def label(self, info: VersionInfo) -> str:
        v = info.version
        return self.tr("Version {n} · {author} · {time} · {status}").replace("{n}", str(info.number)).replace(
            "{author}", v.author.name).replace("{time}", v.time.astimezone().strftime("%Y-%m-%d %H:%M")).replace(
            "{status}", status_label(info.status))

    # -- showing ---------------------------------------------------------------------------

    def show_hint(self) -> None:
        self.stack.setCurrentIndex(0)

    def show_text(self, label: str, text: str) -> None:
        self.single_label.setText(label)
        self.single.setPlainText(text)
        self.stack.setCurrentIndex(1)

    def show_diff(self, left_label: str, right_label: str, ops: list[DiffOp]) -> None:
        self.diff.set_diff(left_label, right_label, ops)
        self.stack.setCurrentIndex(2)

    def set_can_restore(self, allowed: bool, reason: str = "") -> None:
        self._can_restore, self._restore_reason = allowed, reason
        self._update_restore()

    def _update_restore(self) -> None:
        one = len(self.tree.selectedItems()) == 1
        self.restore_button.setEnabled(self._can_restore and one)
        if not self._can_restore:
            self.restore_button.setToolTip(plain_tooltip(self._restore_reason))
        else:
            self.restore_button.setToolTip(plain_tooltip(self.tr("Bring this version's wording back as a new version (a draft)")
                                           if one else self.tr("Select one version to restore it")))

    def _on_selection(self) -> None:
        self._update_restore()
        commits = self.selected_commits()
        if not commits:
            self.show_hint()
        self.selectionChanged.emit(commits)

    def _on_restore(self) -> None:
        commits = self.selected_commits()
        if len(commits) == 1:
            self.restoreRequested.emit(commits[0])

    def retranslate(self) -> None:
        self.tree.setHeaderLabels(["#", "✔", self.tr("Status"), self.tr("Author"), self.tr("Time"),
                                   self.tr("Message")])
        self.tree.headerItem().setToolTip(1, plain_tooltip(self.tr("✔ the version agents see now; ✓ approved before")))
        self._set_hint()
        self.restore_button.setText(self.tr("Restore this version"))
        for n, info in enumerate(self.versions):
            item = self.tree.topLevelItem(n)
            if item is not None:
                item.setText(2, self._status_text(info))
        self._update_restore()
