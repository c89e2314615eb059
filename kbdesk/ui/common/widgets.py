"""Small widgets that the agents' window and the leads' editor share."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QWidget

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RetranslatedOnLanguageChange:
    """For a widget with a ``retranslate()`` that sets its texts: called
    again when the language changes (put before the Qt class in the bases)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


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


class TextLabel(QLabel):
    """A label that shows its text as it is. A plain QLabel guesses: text that
    looks like HTML is rendered, and an article title such as ``退款 <img
    src="/dev/zero">`` would make Qt load a file. Every label of kbdesk is one."""

    def __init__(self, *args):
        super().__init__(*args)
        self.setTextFormat(Qt.TextFormat.PlainText)


def plain_tooltip(text: str) -> str:
    """*text* as a tooltip that shows exactly that text (Qt renders tooltips
    that look like HTML as HTML, loading what they name)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br/>") + "</qt>"


def message_box(icon: QMessageBox.Icon, title: str, text: str,
                buttons=QMessageBox.StandardButton.NoButton, parent: QWidget | None = None) -> QMessageBox:
    """A message box whose text is shown as it is (titles and paths in it are
    the articles' own)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


WORD_JOINER = "\u2060"


def unbreakable(name: str) -> str:
    """*name* (a tag, a category, a person) kept on one line: Chinese text
    may otherwise break between any two characters (#自动续 / 费)."""
    return WORD_JOINER.join(name)


def file_dialog(parent: QWidget | None, caption: str, folder: str = "", name_filter: str = "") -> QFileDialog:
    """Qt's own file dialog with all of its labels in the window's language:
    it sets 'Look in:' and 'Files of type:' before the translators have a
    say, so they are set again here."""
    dialog = QFileDialog(parent, caption, folder, name_filter)
    for label, text in ((QFileDialog.DialogLabel.LookIn, "Look in:"),
                        (QFileDialog.DialogLabel.FileType, "Files of type:")):
        dialog.setLabelText(label, QCoreApplication.translate("QFileDialog", text))
    return dialog


def save_file_name(parent: QWidget | None, caption: str, suggested: str, name_filter: str) -> str:
    """The path the user chose to save to ('' if none): a modal file_dialog."""
    dialog = file_dialog(parent, caption, suggested, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]
