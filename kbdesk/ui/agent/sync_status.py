"""What the status bar says of the team sync, and the two small dialogs it
needs: the team repository's address, and a login the server asked for."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kbdesk.ui.common.i18n import counted
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel, plain_tooltip


class SyncStatus(RetranslatedOnLanguageChange, QToolButton):
    """“Synced 15:02”, “Offline · last synced 14:50”, “Login refused”, with
    the conflicts; a click syncs now (or asks for the login it lacks)."""

    syncRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setAutoRaise(True)
        self.state = "off"  # off, syncing, ok, offline, auth, error
        self.last_ok: dt.datetime | None = None
        self.conflicts = 0
        self.detail = ""
        self.clicked.connect(self.syncRequested.emit)
        self.hide()

    def show_state(self, state: str, detail: str = "", conflicts: int | None = None) -> None:
        self.state = state
        self.detail = detail
        if state == "ok":
            self.last_ok = dt.datetime.now()
        if conflicts is not None:
            self.conflicts = conflicts
        self.setVisible(state != "off")
        self.retranslate()

    def retranslate(self) -> None:
        since = self.last_ok.strftime("%H:%M") if self.last_ok else ""
        texts = {
            "syncing": self.tr("Syncing…"),
            "ok": self.tr("Synced {time}").replace("{time}", since),
            "offline": (self.tr("Offline · last synced {time}").replace("{time}", since) if since
                        else self.tr("Offline · not synced yet")),
            "auth": self.tr("Login refused · click to log in"),
            "error": (self.tr("Sync failed · last synced {time}").replace("{time}", since) if since
                      else self.tr("Sync failed")),
            "off": "",
        }
        text = texts.get(self.state, "")
        if self.conflicts:
            text += " · " + counted(self.conflicts, self.tr("{n} conflict"), self.tr("{n} conflicts"))
        self.setText(text)
        self.setProperty("problem", self.state in ("offline", "auth", "error") or bool(self.conflicts))
        self.style().unpolish(self)
        self.style().polish(self)
        tip = self.detail or self.tr("Sync with the team's repository now (F5)")
        self.setToolTip(plain_tooltip(tip))


class RemoteDialog(QDialog):
    """The team repository's address (ssh://, https://, a folder…)."""

    def __init__(self, url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("remoteDialog")
        self.setWindowTitle(self.tr("Team repository"))
        self.intro = TextLabel(self.tr("The git repository on the team's server that every desktop syncs with: "
                                       "ssh://…, https://…, user@host:path, or a folder on a share."), self)
        self.intro.setWordWrap(True)
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setPlaceholderText("https://git.example.com/service/kb.git")
        self.error = TextLabel(self)
        self.error.setObjectName("warningLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.url_edit)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 160)

    def url(self) -> str:
        return self.url_edit.text().strip()

    def say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class LoginDialog(QDialog):
    """The user name and password the team's server asked for; kept in the
    system keyring if the user wants (never in kbdesk's settings)."""

    def __init__(self, url: str, username: str = "", reason: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to the team's repository"))
        self.intro = TextLabel((reason + "\n\n" if reason else "") + url, self)
        self.intro.setWordWrap(True)
        self.user_edit = QLineEdit(username, self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(self.tr("Keep the password in the system keyring"), self)
        self.remember_box.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.remember_box)
        layout.addWidget(buttons)
        (self.password_edit if username else self.user_edit).setFocus()
        self.resize(440, 200)
