"""Starting the window: ``kbdesk`` without a sub-command."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kbdesk import __version__
from kbdesk.authoring.first_run import open_content_dir
from kbdesk.config import load_settings
from kbdesk.content.store import ContentError, ContentStore
from kbdesk.ui.common import i18n
from kbdesk.ui.common.resources import icon, style_sheet


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with kbdesk's name, icon, style and language."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("kbdesk")
    app.setApplicationDisplayName("kbdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("kbdesk")
    app.setWindowIcon(icon("kbdesk"))
    app.setStyle("Fusion")  # the same look on every platform; the QSS builds on it
    app.setStyleSheet(style_sheet())
    i18n.apply_language(load_settings().get("language", "system"))
    return app


def run(args) -> int:
    """Open the window on the content folder; returns the exit code."""
    app = create_app()
    from kbdesk.ui.agent.main_window import MainWindow  # after the QApplication exists

    path = None
    try:
        path = open_content_dir(getattr(args, "content", None))
        store = ContentStore(path)
    except (ContentError, OSError) as exc:
        # Not an error box and an exit: a way on (another folder, the sample).
        from kbdesk.ui.first_run import FirstRunDialog

        print(f"kbdesk: {exc}", file=sys.stderr)
        dialog = FirstRunDialog(path or Path(getattr(args, "content", None) or "."), i18n.message_text(exc))
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted or dialog.chosen is None:
            return 2
        store = ContentStore(dialog.chosen)
    window = MainWindow(store, getattr(args, "index_dir", None), acting_as=getattr(args, "window_as", None))
    window.show()
    # Paint the window before any background work starts competing with it
    # (no other thread runs yet); then check or build the index in the background.
    app.processEvents()
    QTimer.singleShot(0, window.start)
    code = app.exec()
    release_clipboard(app)
    return code


def release_clipboard(app: QApplication) -> None:
    """Hand what the agent copied last back to Qt as plain text before Python
    shuts down: PySide6 crashes at exit while the clipboard still holds a
    QMimeData made in Python (the plain text stays pasteable)."""
    clipboard = app.clipboard()
    # Where the platform can tell (X11), leave another program's data alone.
    if clipboard.ownsClipboard() or not clipboard.supportsSelection():
        text = clipboard.text()
        clipboard.clear()
        if text:
            clipboard.setText(text)
        app.processEvents()
