"""The leads' import dialog (主管 ▸ 导入文档…, or files dropped on the window):
one row per file with what was found in it (encoding, kind, title, sections,
what cleaning removed, or why it cannot be imported), the original text and
the Markdown it becomes side by side, kind and category chosen per file.

Files are read on a thread of their own, with progress; nothing is written
until Import, and then every article is one commit (cancel leaves nothing
half-imported). The work is :mod:`kbdesk.importing`; this only shows it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kbdesk.authoring.workflow import Workflow
from kbdesk.content.article import KINDS
from kbdesk.content.store import ContentStore
from kbdesk.importing.importer import ImportCancelled, Planned, plan, write
from kbdesk.ui.common.i18n import kind_label, message_text
from kbdesk.ui.common.widgets import TextLabel, plain_tooltip

COLUMNS = ("file", "encoding", "kind", "category", "title", "sections", "removed", "result")


class _Planner(QObject):
    """Reads and plans the files on its thread; emits progress and the plan."""

    progressed = Signal(int, int)
    planned = Signal(object)  # list[Planned], or an Exception

    def __init__(self, store: ContentStore, paths: list[Path]):
        super().__init__()
        self.store, self.paths, self.cancelled = store, paths, False

    @Slot()
    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self.cancelled

        try:
            self.planned.emit(plan(self.paths, self.store, progress=progress))
        except ImportCancelled as exc:
            self.planned.emit(exc)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, never a crash
            self.planned.emit(exc)


class ImportDialog(QDialog):
    imported = Signal(object)  # the Change, once the articles are written

    def __init__(self, store: ContentStore, workflow: Workflow, paths: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.store, self.workflow = store, workflow
        self.planned: list[Planned] = []
        self.change = None

        self.intro = TextLabel(self)
        self.intro.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.original = QPlainTextEdit(self)
        self.original.setReadOnly(True)
        self.result = QPlainTextEdit(self)
        self.result.setReadOnly(True)
        self.original_label, self.result_label = TextLabel(self), TextLabel(self)
        sides = QWidget(self)
        sides_layout = QHBoxLayout(sides)
        sides_layout.setContentsMargins(0, 0, 0, 0)
        for label, view in ((self.original_label, self.original), (self.result_label, self.result)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(view, 1)
            sides_layout.addLayout(column, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(sides)
        splitter.setSizes([260, 320])
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("primaryButton")
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self.import_button.clicked.connect(self.import_now)
        self.cancel_button.clicked.connect(self.reject)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))
        self.retranslate()
        self.resize(1100, 720)

        self._thread = QThread(self)
        self._planner = _Planner(store, paths)
        self._planner.moveToThread(self._thread)
        self._thread.started.connect(self._planner.run)
        self._planner.progressed.connect(self._on_progress)
        self._planner.planned.connect(self._on_planned)
        self._thread.start()

    # -- planning ---------------------------------------------------------------------------

    def planning(self) -> bool:
        return self._thread.isRunning()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.intro.setText(self.tr("Reading the documents: {done} of {total}…").replace(
            "{done}", str(done)).replace("{total}", str(total)))

    def _on_planned(self, result) -> None:
        self._thread.quit()
        self._thread.wait()
        self.progress.hide()
        if isinstance(result, ImportCancelled):
            return
        if isinstance(result, Exception):
            self.intro.setText(self.tr("The documents cannot be read: {error}").replace("{error}", str(result)))
            return
        self.planned = result
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.planned))
        for row, p in enumerate(self.planned):
            self._set(row, "file", p.source)
            self._set(row, "encoding", p.encoding or "")
            self._set(row, "title", p.title)
            self._set(row, "sections", str(p.sections) if not p.error else "")
            removed = ", ".join(f"{self._step_label(step)} {n}" for step, n in p.removed.items() if n and step != "forms")
            self._set(row, "removed", removed)
            self._set(row, "result", message_text(p.problem) if p.problem is not None else p.error or
                      self._action_label(p))
            if p.error:
                for column in range(len(COLUMNS)):
                    item = self.table.item(row, column)
                    if item is not None:
                        item.setForeground(Qt.GlobalColor.darkRed)
                continue
            kinds = QComboBox(self.table)
            for kind in KINDS:
                kinds.addItem(kind_label(kind), kind)
            kinds.setCurrentIndex(max(0, kinds.findData(p.kind)))
            kinds.currentIndexChanged.connect(lambda _i, r=row, box=kinds: self.set_kind(r, box.currentData()))
            self.table.setCellWidget(row, COLUMNS.index("kind"), kinds)
            category = QLineEdit(p.category, self.table)
            category.textEdited.connect(lambda text, r=row: self.set_category(r, text))
            self.table.setCellWidget(row, COLUMNS.index("category"), category)
        self.table.resizeColumnsToContents()
        good = sum(1 for p in self.planned if not p.error and p.action != "unchanged")
        bad = sum(1 for p in self.planned if p.error)
        self.intro.setText(self.tr("{good} articles to import, {bad} files that cannot be imported. Nothing is "
                                   "written until you import; then all of them are one version.").replace(
            "{good}", str(good)).replace("{bad}", str(bad)))
        self.import_button.setEnabled(good > 0)
        self.import_button.setText(self.tr("Import {n}").replace("{n}", str(good)))
        if self.planned:
            self.table.selectRow(0)
            self._show(0)

    def _set(self, row: int, column: str, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        item.setToolTip(plain_tooltip(text))
        self.table.setItem(row, COLUMNS.index(column), item)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.planned):
            return
        p = self.planned[row]
        self.original.setPlainText(p.original if not p.error else
                                   message_text(p.problem) if p.problem is not None else p.error)
        self.result.setPlainText(p.text(dt.date.today()) if not p.error else "")

    # -- choices per file -----------------------------------------------------------------------

    def set_kind(self, row: int, kind: str) -> None:
        self.planned[row].set_kind(kind)
        self._set(row, "result", self._action_label(self.planned[row]))
        self._show(row)

    def set_category(self, row: int, category: str) -> None:
        self.planned[row].category = category.strip()
        self._show(row)

    # -- importing ---------------------------------------------------------------------------------

    def import_now(self) -> None:
        try:
            self.change = write(self.planned, self.workflow)
        except Exception as exc:  # noqa: BLE001 - said in the dialog; nothing was written
            self.intro.setText(self.tr("Nothing was imported: {error}").replace("{error}", str(exc)))
            return
        self.imported.emit(self.change)
        self.accept()

    def reject(self) -> None:
        self._planner.cancelled = True
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(30000)
        super().reject()

    # -- words ----------------------------------------------------------------------------------------

    def _step_label(self, step: str) -> str:
        return {"markup": self.tr("markup"), "boilerplate": self.tr("boilerplate lines"),
                "pinyin": self.tr("pinyin"), "repetition": self.tr("repeated")}.get(step, step)

    def _action_label(self, p: Planned) -> str:
        return {"new": self.tr("new: {path}"), "update": self.tr("new version of {path}"),
                "unchanged": self.tr("unchanged since the last import"),
                "beside": self.tr("a draft beside {path}")}.get(p.action, "").replace("{path}", p.path)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import documents"))
        self.table.setHorizontalHeaderLabels([
            self.tr("File"), self.tr("Encoding"), self.tr("Kind"), self.tr("Category"), self.tr("Title"),
            self.tr("Sections"), self.tr("Cleaning removed"), self.tr("Result")])
        self.original_label.setText(self.tr("Original text"))
        self.result_label.setText(self.tr("The article it becomes"))
        if not self.planned:
            self.intro.setText(self.tr("Reading the documents…"))
            self.import_button.setText(self.tr("Import"))
