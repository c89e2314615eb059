"""The search field and the filters above the results."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kbdesk.ui.common.i18n import counted, kind_label
from kbdesk.ui.common.resources import icon
from kbdesk.ui.common.widgets import ImeLineEdit, RetranslatedOnLanguageChange, plain_tooltip

# Kind codes in the order of the filter buttons ('' = all kinds).
KIND_FILTERS = ("", "standard", "faq", "script")


# The window's Ctrl shortcuts that a line edit takes for itself on X11
# (Emacs-style: Ctrl+E end of line, Ctrl+K delete to the end, Ctrl+D delete):
# focus is always in the search field, so they would never reach the window.
WINDOW_SHORTCUT_KEYS = frozenset({Qt.Key.Key_E, Qt.Key.Key_K, Qt.Key.Key_D, Qt.Key.Key_N})


class SearchField(ImeLineEdit):
    """The query. Down/Up/PageDown/PageUp move through the results, Esc clears."""

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and event.key() in WINDOW_SHORTCUT_KEYS
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier):
            event.ignore()  # not ours: the window's shortcut runs
            return True
        return super().event(event)

    moveRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self.composing:
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}
            if key in steps and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                event.accept()
                self.moveRequested.emit(steps[key])
                return
            if key == Qt.Key.Key_Escape:
                event.accept()
                if self.text():
                    self.clear()
                return
        super().keyPressEvent(event)


class SearchBar(RetranslatedOnLanguageChange, QWidget):
    """Search field, kind buttons, category and tag filters.

    With a query, the filters show how many articles match it per kind,
    category and tag (:meth:`set_counts`): "话术 12", "退款与退货 (5)".
    Entries no match has are greyed out (unless chosen); the counts are
    taken before the filters, so each shows what choosing it would give.
    """

    filtersChanged = Signal()
    settingsRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.field = SearchField(self)
        self._counts = None  # kbdesk.search.results.FilterCounts of the current query, or None

        self.settings_button = QToolButton(self)
        self.settings_button.setObjectName("iconButton")
        self.settings_button.setIcon(icon("settings"))
        self.settings_button.setAutoRaise(True)
        self.settings_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.settings_button.clicked.connect(self.settingsRequested)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.field, 1)
        top.addWidget(self.settings_button)

        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.kind_buttons: list[QToolButton] = []
        for n, kind in enumerate(KIND_FILTERS):
            button = QToolButton(self)
            button.setObjectName("kindButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+0…3 instead; the field keeps focus
            button.setProperty("kind", kind)
            button.setChecked(n == 0)
            self.kind_group.addButton(button, n)
            self.kind_buttons.append(button)
            filters.addWidget(button)
        self.kind_group.idClicked.connect(lambda _id: self.filtersChanged.emit())
        filters.addSpacing(12)

        self.category_box = QComboBox(self)
        self.category_box.setMinimumContentsLength(8)
        self.category_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_box = QComboBox(self)
        self.tag_box.setMinimumContentsLength(8)
        self.tag_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for box in (self.category_box, self.tag_box):
            box.addItem("", "")
            box.currentIndexChanged.connect(lambda _i: self._show_counts())  # grey out what is no longer chosen
            box.currentIndexChanged.connect(lambda _i: self.filtersChanged.emit())
            filters.addWidget(box)
        filters.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(filters)
        self.retranslate()

    # -- filters -------------------------------------------------------------

    def kinds(self) -> tuple[str, ...]:
        kind = KIND_FILTERS[max(0, self.kind_group.checkedId())]
        return (kind,) if kind else ()

    def set_kind(self, kind: str) -> None:
        index = KIND_FILTERS.index(kind) if kind in KIND_FILTERS else 0
        if self.kind_group.checkedId() != index:
            self.kind_buttons[index].setChecked(True)
            self.filtersChanged.emit()

    def categories(self) -> tuple[str, ...]:
        value = self.category_box.currentData()
        return (value,) if value else ()

    def tags(self) -> tuple[str, ...]:
        value = self.tag_box.currentData()
        return (value,) if value else ()

    def set_category(self, category: str) -> None:
        index = self.category_box.findData(category)
        if index >= 0:
            self.category_box.setCurrentIndex(index)

    def set_tag(self, tag: str) -> None:
        index = self.tag_box.findData(tag)
        if index >= 0:
            self.tag_box.setCurrentIndex(index)

    def has_filters(self) -> bool:
        return bool(self.kinds() or self.categories() or self.tags())

    def describe_filters(self) -> str:
        parts = [kind_label(k) for k in self.kinds()] + list(self.categories()) + list(self.tags())
        return " · ".join(parts)

    def clear_filters(self) -> None:
        self.kind_buttons[0].setChecked(True)
        for box in (self.category_box, self.tag_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self._show_counts()
        self.filtersChanged.emit()

    def set_facets(self, categories: list[str], tags: list[str]) -> None:
        """Fill the category and tag lists, keeping the current choice if it still exists."""
        for box, values in ((self.category_box, categories), (self.tag_box, tags)):
            current = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for value in values:
                box.addItem(value, value)
            index = box.findData(current) if current else 0
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)
            if current and index < 0:
                self.filtersChanged.emit()
        self._show_counts()

    # -- counts ----------------------------------------------------------------

    def set_counts(self, facets) -> None:
        """Show *facets* (``kbdesk.search.results.FilterCounts`` of the current query) on the
        kind buttons and in the category and tag lists; None shows none."""
        self._counts = facets
        self._show_counts()

    def counts(self):
        return self._counts

    def kind_count(self, kind: str) -> int | None:
        if self._counts is None:
            return None
        return self._counts.total if not kind else self._counts.kinds.get(kind, 0)

    def _show_counts(self) -> None:
        facets = self._counts
        for n, (button, kind) in enumerate(zip(self.kind_buttons, KIND_FILTERS)):
            count = self.kind_count(kind)
            tip = self.tr("Show only this kind (Alt+{n})").replace("{n}", str(n))
            if count is None:
                button.setText(kind_label(kind))
            else:
                button.setText(self.tr("{kind} {n}").replace("{kind}", kind_label(kind)).replace("{n}", str(count)))
                tip += "\n" + counted(count, self.tr("{n} article matches the search"),
                                       self.tr("{n} articles match the search"))
            button.setToolTip(plain_tooltip(tip))
        for box, counter in ((self.category_box, facets.categories if facets else None),
                             (self.tag_box, facets.tags if facets else None)):
            self._label_entries(box, counter)

    def _label_entries(self, box: QComboBox, counter: Counter | None) -> None:
        """Entry texts with counts; entries nothing matches are greyed out,
        except the chosen one. Data and the current entry stay as they are."""
        model = box.model()
        current = box.currentIndex()
        for index in range(1, box.count()):
            value = box.itemData(index)
            count = None if counter is None else counter.get(value, 0)
            text = value if count is None else self.tr("{name} ({n})").replace("{name}", value).replace(
                "{n}", str(count))
            if box.itemText(index) != text:
                box.setItemText(index, text)
            item = model.item(index) if hasattr(model, "item") else None
            if item is not None:
                item.setEnabled(count is None or count > 0 or index == current)

    # -- language ------------------------------------------------------------

    def retranslate(self) -> None:
        self.field.setPlaceholderText(
            self.tr("Search: Chinese, pinyin (tk, tuikuan) or English terms — Enter copies")
        )
        self.settings_button.setToolTip(self.tr("Preferences"))
        self.category_box.setItemText(0, self.tr("All categories"))
        self.tag_box.setItemText(0, self.tr("All tags"))
        self._show_counts()
