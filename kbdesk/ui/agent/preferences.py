"""The agent's preferences: the profile that fills a script's own blanks (name, staff
number…), the window's language and how often it syncs with the team.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kbdesk.ui.common.i18n import LANGUAGES
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel


class PreferencesDialog(RetranslatedOnLanguageChange, QDialog):
    """The agent's profile (staff number, name…) and the window's language."""

    def __init__(self, profile_fields: list[str], profile: dict[str, str], language: str,
                 content_dir: str = "", parent: QWidget | None = None, sync_minutes: int = 5,
                 sharing: str = "off"):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.profile_title = TextLabel(self)
        self.profile_title.setObjectName("previewTitle")
        for name in profile_fields:
            field = QLineEdit(profile.get(name, ""), self)
            self.fields[name] = field
            form.addRow(TextLabel(name, self), field)
        self.language_box = QComboBox(self)
        for code in LANGUAGES:
            self.language_box.addItem("", code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_label = TextLabel(self)
        form.addRow(self.language_label, self.language_box)
        self.content_label = TextLabel(self)
        self.content_value = TextLabel(content_dir, self)
        self.content_value.setObjectName("hintLabel")
        self.content_value.setWordWrap(True)
        self.content_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.content_label, self.content_value)
        self.sync_box = QSpinBox(self)
        self.sync_box.setRange(0, 240)
        self.sync_box.setValue(sync_minutes)
        self.sync_label = TextLabel(self)
        form.addRow(self.sync_label, self.sync_box)
        self.sharing = sharing  # "shared", "team-off" or "off" (no team repository)
        self.sharing_label = TextLabel(self)
        self.sharing_value = TextLabel(self)
        self.sharing_value.setObjectName("hintLabel")
        self.sharing_value.setWordWrap(True)
        form.addRow(self.sharing_label, self.sharing_value)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(self.profile_title)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(480, 340)
        self.retranslate()

    def profile(self) -> dict[str, str]:
        return {name: field.text().strip() for name, field in self.fields.items()}

    def sync_minutes(self) -> int:
        return self.sync_box.value()

    def language(self) -> str:
        return self.language_box.currentData() or "system"

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.profile_title.setText(self.tr("My details (filled into reply scripts)"))
        self.language_label.setText(self.tr("Language"))
        self.content_label.setText(self.tr("Content folder"))
        self.sync_label.setText(self.tr("Sync every"))
        self.sync_box.setSuffix(self.tr(" min"))
        self.sync_box.setSpecialValueText(self.tr("off (F5 syncs)"))
        self.sharing_label.setText(self.tr("Shared with the leads"))
        self.sharing_value.setText({
            "shared": self.tr("How often each article was copied, per day, and what was searched for (with phone "
                              "numbers, e-mail addresses, order numbers and numbers of five or more digits taken "
                              "out) go to the team's repository when this desktop syncs. Never your name, nor what "
                              "you pasted."),
            "team-off": self.tr("Nothing: the team turned it off (share_usage: false in .kbdesk/team.yaml)."),
        }.get(self.sharing, self.tr("Nothing: this desktop has no team repository.")))
        names = {"system": self.tr("System default"), "zh_CN": "简体中文", "en": "English"}
        for i in range(self.language_box.count()):
            self.language_box.setItemText(i, names[self.language_box.itemData(i)])
