"""When the content folder cannot be opened: a dialog that offers a way on
(another folder, the sample knowledge base, a team's repository) instead of
an error box and an exit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QFormLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kbdesk.authoring.first_run import copy_sample
from kbdesk.config import load_settings, save_settings
from kbdesk.content.store import ContentError, ContentStore
from kbdesk.ui.common.i18n import message_text
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel, file_dialog


class FirstRunDialog(RetranslatedOnLanguageChange, QDialog):
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
        # The team's repository: its address and who is setting up (a lead's desktop gets the leads' branch).
        self.clone_box = QWidget(self)
        clone_form = QFormLayout(self.clone_box)
        clone_form.setContentsMargins(0, 0, 0, 0)
        self.url_edit = QLineEdit(self.clone_box)
        self.url_edit.setPlaceholderText("https://git.example.com/service/kb.git")
        self.name_edit = QLineEdit(self.clone_box)
        self.url_label, self.name_label = TextLabel(self.clone_box), TextLabel(self.clone_box)
        clone_form.addRow(self.url_label, self.url_edit)
        clone_form.addRow(self.name_label, self.name_edit)
        self.clone_button = QPushButton(self.clone_box)
        self.clone_button.setObjectName("primaryButton")
        clone_form.addRow("", self.clone_button)
        self.clone_box.hide()
        self.clone_job = None
        self.quit_button = QPushButton(self)
        self.choose_button.clicked.connect(self.choose_folder)
        self.sample_button.clicked.connect(self.start_from_sample)
        self.repository_button.clicked.connect(self.show_clone)
        self.clone_button.clicked.connect(self.clone)
        self.url_edit.returnPressed.connect(self.clone)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        for widget in (self.heading, self.explanation, self.choose_button, self.sample_button,
                       self.repository_button, self.clone_box, self.error, self.quit_button):
            layout.addWidget(widget)
        self.resize(520, 320)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open a knowledge base"))
        self.heading.setText(self.tr("The knowledge base {path} cannot be opened").replace("{path}", str(self.missing)))
        self.explanation.setText(self.tr("{reason}\n\nChoose the team's content folder, set this desktop up from "
                                         "the team's repository, or start from the sample knowledge base in this "
                                         "folder.").replace("{reason}", self.reason))
        self.choose_button.setText(self.tr("Choose a content folder…"))
        self.sample_button.setText(self.tr("Start from the sample knowledge base here"))
        self.repository_button.setText(self.tr("Set up from the team's repository…"))
        self.url_label.setText(self.tr("Repository"))
        self.name_label.setText(self.tr("Your name"))
        self.name_edit.setPlaceholderText(self.tr("as the team's leads file has it, if you are a lead"))
        self.clone_button.setText(self.tr("Clone into {path}").replace("{path}", str(self.missing)))
        self.quit_button.setText(self.tr("Quit"))

    def choose_folder(self) -> None:
        dialog = file_dialog(self, self.tr("Choose a content folder"), str(Path.home()))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        if dialog.exec() == QFileDialog.DialogCode.Accepted and dialog.selectedFiles():
            self.open_folder(Path(dialog.selectedFiles()[0]))

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

    def reject(self) -> None:
        if self.clone_job is not None:
            self.clone_job.wait()  # a clone cut off leaves no folder; one left running would outlive the dialog
        super().reject()

    def show_clone(self) -> None:
        self.clone_box.show()
        self.url_edit.setFocus()

    def clone(self) -> None:
        """Set the folder up from the team's repository, off the dialog's
        thread (a large knowledge base takes a while)."""
        from kbdesk.authoring.team import current_identity
        from kbdesk.ui.agent.workers import CloneJob

        url = self.url_edit.text().strip()
        if not url or self.clone_job is not None:
            return
        name = self.name_edit.text().strip()
        if name:
            settings = load_settings()
            settings["identity"] = {"name": name, "email": ""}
            try:
                save_settings(settings)
            except OSError:
                pass

        def who(team):
            identity = current_identity(name or None, team)
            if name and team.find(name) is not None:  # a lead: their address from the team file
                settings = load_settings()
                settings["identity"] = {"name": identity.name, "email": identity.email}
                save_settings(settings)
            return identity

        job = CloneJob(url, self.missing, who, parent=self)
        self.clone_job = job
        self.clone_button.setEnabled(False)
        self._say(self.tr("Cloning {url}…").replace("{url}", url), warning=False)
        job.done.connect(self._cloned)
        job.start()

    def _cloned(self, result) -> None:
        job, self.clone_job = self.clone_job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        self.clone_button.setEnabled(True)
        if isinstance(result, Exception):
            self._say(message_text(result))
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

    def _say(self, text: str, warning: bool = True) -> None:
        self.error.setObjectName("warningLabel" if warning else "hintLabel")
        self.error.style().unpolish(self.error)
        self.error.style().polish(self.error)
        self.error.setText(text)
        self.error.show()
