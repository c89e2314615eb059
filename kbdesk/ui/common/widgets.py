"""Small widgets that the agents' window and the leads' editor share."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QWidget,
)

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ImeLineEdit(QLineEdit):
    """A line edit that knows when an input method is composing.

    While pre-edit text is shown (拼音 being typed, not yet committed), Enter
    belongs to the input method: it must never act on a result or a dialog.
    ``submitted`` is emitted for Enter only when nothing is being composed;
    the key event never travels on to a dialog's default button.
    """

    submitted = Signal(bool)  # True when Ctrl was held

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._preedit = ""

    @property
    def composing(self) -> bool:
        return bool(self._preedit)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._preedit = event.preeditString()
        super().inputMethodEvent(event)

    def focusOutEvent(self, event) -> None:
        # Qt commits or drops the composition when focus leaves.
        self._preedit = ""
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER_KEYS:
            event.accept()
            if not self._preedit:
                self.submitted.emit(bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
            return
        super().keyPressEvent(event)
