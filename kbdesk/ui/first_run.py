"""When the content folder cannot be opened: a dialog that offers a way on
(another folder, the sample knowledge base, a team's repository) instead of
an error box and an exit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton, QVBoxLayout, QWidget

from kbdesk.authoring.first_run import copy_sample
from kbdesk.config import load_settings, save_settings
from kbdesk.content.store import ContentError, ContentStore
from kbdesk.ui.common.widgets import TextLabel


class FirstRunDialog(QDialog):
    """:attr:`chosen` is the folder to open once accepted."""

    def __init__(self, missing: Path, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.missing = Path(missing)
        self.reason = reason
        self.chosen: Path | None = None
        self.heading = TextLabel(self)
        self.heading.setObjectName("previewTitle")
        self.heading.setWordWrap(True)
        self.explanation = TextLabel(self)
        self.explanation.setWordWrap(True)
        self.error = TextLabel(self)
        self.error.setObjectName("warningLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("primaryButton")
        self.sample_button = QPushButton(self)
        self.repository_button = QPushButton(self)
        self.repository_button.setEnabled(False)  # filled in by team sync (kbdesk clone)
        self.quit_button = QPushButton(self)
        self.choose_button.clicked.connect(self.choose_folder)
        self.sample_button.clicked.connect(self.start_from_sample)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        for widget in (self.heading, self.explanation, self.choose_button, self.sample_button,
                       self.repository_button, self.error, self.quit_button):
            layout.addWidget(widget)
        self.resize(520, 320)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open a knowledge base"))
        self.heading.setText(self.tr("The knowledge base {path} cannot be opened").replace("{path}", str(self.missing)))
        self.explanation.setText(self.tr("{reason}\n\nChoose the team's content folder, or start from the sample "
                                         "knowledge base in this folder.").replace("{reason}", self.reason))
        self.choose_button.setText(self.tr("Choose a content folder…"))
        self.sample_button.setText(self.tr("Start from the sample knowledge base here"))
        self.repository_button.setText(self.tr("Use the team's repository (comes with team sync)"))
        self.quit_button.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a content folder"), str(Path.home()))
        if folder:
            self.open_folder(Path(folder))

    def open_folder(self, folder: Path) -> None:
        """Open *folder* (remembered as the content folder from now on)."""
        try:
            ContentStore(folder)
        except ContentError as exc:
            self._say(str(exc))
            return
        self._remember(folder)

    def start_from_sample(self) -> None:
        try:
            if self.missing.exists():
                raise OSError(self.tr("{path} already exists").replace("{path}", str(self.missing)))
            copy_sample(self.missing)
        except OSError as exc:
            self._say(self.tr("The sample could not be copied there: {reason}").replace(
                "{reason}", exc.strerror or str(exc)))
            return
        self._remember(self.missing)

    def _remember(self, folder: Path) -> None:
        settings = load_settings()
        settings["content"] = str(folder)
        try:
            save_settings(settings)
        except OSError:
            pass  # opened for now; asked again next time
        self.chosen = folder
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
