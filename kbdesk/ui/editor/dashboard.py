"""主管 ▸ 数据看板: what the team copies, what it searched for and did not
find, and what waits for a lead. A window of its own over
:class:`kbdesk.usage.stats.Stats`; the chart is pyqtgraph's (a few hundred
KB of pure Python on numpy, which kbdesk has anyway; Qt Charts would bring
PySide6-Addons, over 100 MB). Every table exports as CSV, the chart as PNG.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kbdesk.ui.common.i18n import counted
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel, save_file_name

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
import pyqtgraph as pg  # noqa: E402  (after choosing its Qt binding)

PERIOD_CHOICES = (7, 30, 90)
_PLACEHOLDER = re.compile(r"〔[^〕]*〕")


def draft_title(query: str) -> str:
    """A search's words as a new article's title: without the 〔电话〕 that
    stood for the customer's data."""
    return " ".join(_PLACEHOLDER.sub(" ", query).split())


class CopiesChart(pg.PlotWidget):
    """Copies per day, as bars, the days along the bottom."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.setObjectName("copiesChart")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(x=False, y=True, alpha=0.15)
        self.bars: pg.BarGraphItem | None = None
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setPen(pg.mkPen("#9aa5b1"))
            axis.setTextPen(pg.mkPen("#3e4c59"))
        self.setMinimumHeight(180)

    def set_days(self, days: list[tuple[str, int]]) -> None:
        self.clear()
        xs = list(range(len(days)))
        heights = [n for _d, n in days]
        self.bars = pg.BarGraphItem(x=xs, height=heights, width=0.7, brush="#2c6e8f", pen=pg.mkPen(None))
        self.addItem(self.bars)
        step = max(1, len(days) // 8)
        self.getAxis("bottom").setTicks([[(i, days[i][0][5:]) for i in range(0, len(days), step)]])
        self.setXRange(-0.8, max(0, len(days) - 0.2), padding=0)
        top = max(heights + [1])
        self.setYRange(0, top * 1.1, padding=0)
        if top <= 8:  # whole copies: no 0.2 steps
            self.getAxis("left").setTickSpacing(1, 1)
        else:
            self.getAxis("left").setTickSpacing()


class DashboardWindow(RetranslatedOnLanguageChange, QMainWindow):
    """Emits ``openRequested(path)`` (an article's row) and
    ``draftRequested(title)`` (a failed search becomes a new draft)."""

    openRequested = Signal(str)
    draftRequested = Signal(str)

    def __init__(self, compute, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.compute = compute  # days → Stats
        self.stats = None
        self.heading = TextLabel(self)
        self.heading.setObjectName("previewTitle")
        self.source = TextLabel(self)
        self.source.setObjectName("hintLabel")
        self.source.setWordWrap(True)
        self.period = QComboBox(self)
        for days in PERIOD_CHOICES:
            self.period.addItem("", days)
        self.period.setCurrentIndex(1)
        self.chart_title = TextLabel(self)
        self.chart_title.setObjectName("hintLabel")
        self.chart = CopiesChart(self)
        self.tabs = QTabWidget(self)
        self.tables: dict[str, QTreeWidget] = {}
        for key in ("most", "least", "never", "failed", "empty", "past_review", "in_review", "old_drafts"):
            table = QTreeWidget(self)
            table.setRootIsDecorated(False)
            table.setAlternatingRowColors(True)
            table.itemActivated.connect(self._activated)
            self.tables[key] = table
            self.tabs.addTab(table, "")
        self.draft_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        self.png_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.draft_button.clicked.connect(self._draft_from_search)
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.png_button.clicked.connect(lambda: self.export_png())
        self.tabs.currentChanged.connect(self._update_buttons)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.period)
        actions = QHBoxLayout()
        actions.addWidget(self.draft_button)
        actions.addStretch(1)
        actions.addWidget(self.csv_button)
        actions.addWidget(self.png_button)
        actions.addWidget(self.close_button)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.source)
        # the chart with its title and period: what the PNG export shows
        self.chart_box = QWidget(self)
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart_title)
        chart_layout.addWidget(self.chart, 1)
        layout.addWidget(self.chart_box, 2)
        layout.addWidget(self.tabs, 3)
        layout.addLayout(actions)
        self.setCentralWidget(central)
        self.resize(980, 720)
        self.retranslate()
        self.refresh()

    # -- figures ---------------------------------------------------------------------------------------------

    def days(self) -> int:
        return int(self.period.currentData())

    def refresh(self) -> None:
        self.stats = self.compute(self.days())
        self._fill()

    def _fill(self) -> None:
        stats = self.stats
        if stats is None:
            return
        tr = self.tr
        self.heading.setText(tr("Last {days} days: {copies}, {searches}").replace("{days}", str(stats.days))
                             .replace("{copies}", counted(stats.copies, tr("{n} copy"), tr("{n} copies")))
                             .replace("{searches}", counted(stats.searches, tr("{n} search"), tr("{n} searches"))))
        if stats.shared:
            self.source.setText(counted(stats.desktops, tr("The counts of {n} desktop, through the team's repository."),
                                        tr("The counts of {n} desktops, through the team's repository.")))
        elif stats.synced:
            self.source.setText(tr("Only this desktop's counts so far: the other desktops' arrive as they sync."))
        else:
            self.source.setText(tr("Only this desktop's counts: the other desktops' come with team sync "
                                   "(Sync ▸ Team repository…)."))
        self.chart.set_days(stats.copies_per_day)
        self._update_chart_title()
        period = min((p for p in PERIOD_CHOICES if p >= stats.days), default=90)
        self._rows("most", [tr("Article"), tr("Copies")],
                   [((a.title, str(a.copies)), a.id) for a in stats.most_copied.get(period, [])])
        self._rows("least", [tr("Article"), tr("Copies")],
                   [((a.title, str(a.copies)), a.id) for a in stats.least_copied.get(period, [])])
        self._rows("never", [tr("Article")], [((a.title,), a.id) for a in stats.never_copied])
        self._rows("failed", [tr("Search"), tr("Failed"), tr("Searches")],
                   [((q.query, str(q.failed), str(q.searches)), None) for q in stats.failed_searches])
        self._rows("empty", [tr("Search"), tr("Found nothing"), tr("Searches")],
                   [((q.query, str(q.empty), str(q.searches)), None) for q in stats.empty_searches])
        self._rows("past_review", [tr("Article"), tr("Review by")],
                   [((n.title, n.when), n.path) for n in stats.past_review])
        self._rows("in_review", [tr("Article"), tr("Sent by"), tr("When")],
                   [((n.title, n.who, n.when[:16].replace("T", " ")), n.path) for n in stats.in_review])
        self._rows("old_drafts", [tr("Article"), tr("Last changed")],
                   [((n.title, n.when), n.path) for n in stats.old_drafts])
        self._update_tab_titles()
        self._update_buttons()

    def _update_chart_title(self) -> None:
        text = self.tr("Copies per day, all desktops")
        if self.stats is not None:
            text += " · " + self.tr("last {days} days").replace("{days}", str(self.stats.days))
        self.chart_title.setText(text)

    def _rows(self, key: str, headers: list[str], rows) -> None:
        table = self.tables[key]
        table.clear()
        table.setHeaderLabels(headers)
        for cells, target in rows:
            item = QTreeWidgetItem(table, list(cells))
            item.setData(0, Qt.ItemDataRole.UserRole, target)
            item.setToolTip(0, cells[0])
        header = table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _update_tab_titles(self) -> None:
        tr = self.tr
        titles = {"most": tr("Most copied"), "least": tr("Least copied"), "never": tr("Never copied"),
                  "failed": tr("Failed searches"), "empty": tr("Found nothing"),
                  "past_review": tr("Past review date"), "in_review": tr("In review"),
                  "old_drafts": tr("Drafts over 30 days")}
        for n, (key, table) in enumerate(self.tables.items()):
            count = table.topLevelItemCount()
            self.tabs.setTabText(n, f"{titles[key]} ({count})" if key not in ("most", "least") else titles[key])

    def current_key(self) -> str:
        return list(self.tables)[self.tabs.currentIndex()]

    def _update_buttons(self, *_args) -> None:
        key = self.current_key()
        self.draft_button.setVisible(key in ("failed", "empty"))
        self.draft_button.setEnabled(self.tables[key].currentItem() is not None or
                                     self.tables[key].topLevelItemCount() > 0)

    # -- actions --------------------------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if self.current_key() in ("failed", "empty"):
            self.draftRequested.emit(draft_title(item.text(0)))
        elif target:
            self.openRequested.emit(target)

    def _draft_from_search(self) -> None:
        table = self.tables[self.current_key()]
        item = table.currentItem() or table.topLevelItem(0)
        if item is not None:
            self.draftRequested.emit(draft_title(item.text(0)))

    def export_csv(self, path: str | None = None) -> str | None:
        """The table shown, as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese)."""
        key = self.current_key()
        if path is None:
            path = save_file_name(self, self.tr("Export the table"),
                                  f"kbdesk-{key}-{dt.date.today().isoformat()}.csv", "CSV (*.csv)")
            if not path:
                return None
        table = self.tables[key]
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow([table.headerItem().text(c) for c in range(table.columnCount())])
            for n in range(table.topLevelItemCount()):
                item = table.topLevelItem(n)
                writer.writerow([item.text(c) for c in range(table.columnCount())])
        self.statusBar().showMessage(self.tr("Saved {path}").replace("{path}", path), 8000)
        return path

    def export_png(self, path: str | None = None) -> str | None:
        if path is None:
            path = save_file_name(self, self.tr("Export the chart"),
                                  f"kbdesk-copies-{dt.date.today().isoformat()}.png", "PNG (*.png)")
            if not path:
                return None
        self.chart_box.grab().save(path, "PNG")
        self.statusBar().showMessage(self.tr("Saved {path}").replace("{path}", path), 8000)
        return path

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Dashboard"))
        self._update_chart_title()
        for n, days in enumerate(PERIOD_CHOICES):
            self.period.setItemText(n, self.tr("Last {days} days").replace("{days}", str(days)))
        self.draft_button.setText(self.tr("Write an article for this search…"))
        self.csv_button.setText(self.tr("Export table (CSV)…"))
        self.png_button.setText(self.tr("Export chart (PNG)…"))
        self.close_button.setText(self.tr("Close"))
        self._fill()
