"""Which variant of a reply script to copy: a short list that opens on Enter,
chosen with the arrows and Enter or with its number (1–9)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel


class VariantChooser(RetranslatedOnLanguageChange, QDialog):
    """The variants' titles, *preselected* first chosen; :attr:`chosen` is
    the index picked once accepted."""

    def __init__(self, title: str, variants: list[str], preselected: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("variantChooser")
        self.article_title = title
        self.variants = variants
        self.chosen: int | None = None
        self.heading = TextLabel(self)
        self.heading.setObjectName("previewTitle")
        self.heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("variantList")
        for n, name in enumerate(variants, 1):
            item = QListWidgetItem(f"{n}   {name}" if n <= 9 else f"    {name}")
            item.setData(Qt.ItemDataRole.UserRole, n - 1)
            self.list.addItem(item)
        self.list.setCurrentRow(max(0, min(preselected, len(variants) - 1)))
        self.list.itemActivated.connect(lambda item: self._choose(item.data(Qt.ItemDataRole.UserRole)))
        self.list.installEventFilter(self)
        self.hint = TextLabel(self)
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        rows = min(len(variants), 9)
        self.resize(440, 120 + rows * 30)
        self.retranslate()
        self.list.setFocus()

    def _choose(self, index: int) -> None:
        self.chosen = index
        self.accept()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_1 < len(self.variants):
                self._choose(key - Qt.Key.Key_1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.currentRow() >= 0:
                self._choose(self.list.currentRow())
                return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Which variant?"))
        self.heading.setText(self.article_title)
        self.hint.setText(self.tr("Enter or its number copies that variant; Esc copies nothing."))
