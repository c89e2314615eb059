"""Fixtures for the window tests: a real MainWindow on a temporary content
folder, offscreen (tests/conftest.py sets QT_QPA_PLATFORM and gives every
test its own config, data and index folders)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from kbdesk.content.store import ContentStore

# A reply script in sections (variants), each with its own copy link.
SCRIPT_WITH_VARIANTS = """
    ---
    id: script-variants
    title: 物流延误致歉
    kind: script
    ---
    # 物流延误致歉

    **适用场景**：包裹超时未到。

    ## 已查到物流

    非常抱歉，您的包裹 {{物流单号}} 正在派送中，预计明天送达。

    ## 查不到物流

    非常抱歉，我马上联系快递核实，稍后回复您。
    """


@pytest.fixture
def make_window(qtbot):
    """make_window(content_root) -> a shown MainWindow whose first index
    update has finished."""
    from kbdesk.ui.agent.main_window import MainWindow
    from kbdesk.ui.app import create_app
    from kbdesk.ui.common import i18n

    create_app()
    i18n.apply_language("en")  # tests read English strings, whatever the machine's locale
    windows = []

    def make(root, wait_index: bool = True, **kwargs):
        window = MainWindow(ContentStore(root), **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        if wait_index:
            with qtbot.waitSignal(window.indexUpdated, timeout=60000):
                window.start()
            qtbot.waitUntil(lambda: not window.index_busy(), timeout=60000)
        else:
            window.start()
        return window

    yield make
    for window in windows:
        window.shutdown()


def ime_compose(widget, preedit: str) -> None:
    """What an input method sends while the agent types pinyin."""
    QApplication.sendEvent(widget, QInputMethodEvent(preedit, []))


def ime_commit(widget, text: str) -> None:
    """What an input method sends when the agent picks the characters."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_text(qtbot, widget, text: str) -> None:
    """Type like an agent: ASCII as key presses, Chinese through an input
    method (pre-edit, then commit), since QTest cannot press a key for 退."""
    run = ""
    for ch in text + "\0":
        if ch != "\0" and not ch.isascii():
            run += ch
            continue
        if run:
            ime_compose(widget, "pinyin")
            ime_commit(widget, run)
            run = ""
        if ch != "\0":
            qtbot.keyClicks(widget, ch)


def search(qtbot, window, text: str, typed: bool = True):
    """Type *text* into the search field and wait for its results."""
    window.field.clear()
    window.field.setFocus()
    if typed:
        type_text(qtbot, window.field, text)
    else:
        window.field.setText(text)
    qtbot.waitUntil(lambda: not window.search_pending(), timeout=10000)
    return window.model.ids()


def clipboard_formats():
    data = QApplication.clipboard().mimeData()
    return set(data.formats()) if data is not None else set()


def set_clipboard_sentinel(text: str = "sentinel-nothing-copied"):
    QApplication.clipboard().setText(text)
    return text


@pytest.fixture(scope="session", autouse=True)
def _release_clipboard_before_exit():
    """Clipboard data set by the copy tests must go while Python still runs:
    Qt tearing it down after interpreter shutdown crashes the process."""
    yield
    from kbdesk.ui.app import release_clipboard

    app = QApplication.instance()
    if app is not None:
        release_clipboard(app)


def open_variant_chooser(qtbot, window):
    """Enter in the search field on a script with variants: the chooser it opens."""
    from kbdesk.ui.agent.variant_chooser import VariantChooser

    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(VariantChooser)), timeout=5000)
    return next(w for w in window.findChildren(VariantChooser) if w.isVisible())
