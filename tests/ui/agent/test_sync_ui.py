"""The window's team sync, with real desktops on a real team repository:
F5 brings an approval made on another desktop, offline and a refused login
are shown in the status bar, a refused login is asked for once, conflicts
are in the status bar and the Sync menu and are resolved there, an editor
with unsaved text is told instead of overwritten, and typing goes on while
a sync waits on the network."""

from __future__ import annotations

import socket
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kbdesk.sync.remote import login_for
from kbdesk.sync.syncing import conflicts_of, set_remote
from tests.sync.conftest import (  # noqa: F401 - fixtures
    AGENT,
    LIU,
    WANG,
    bare,
    desktops,
    edit,
    first_desktop,
    http_server,
    save,
    step,
    sync,
    test_keyring,
)
from tests.ui.conftest import search

REFUND = "faq/refund-timeline.md"


def as_user(who) -> None:
    from kbdesk.config import load_settings, save_settings

    settings = load_settings()
    settings["identity"] = {"name": who.name, "email": who.email}
    save_settings(settings)


def synced(qtbot, window, manual=True):
    """The result of the next sync: the one under way (the start syncs once),
    else one F5 starts."""
    if not manual and window.last_sync is not None:
        return window.last_sync
    with qtbot.waitSignal(window.syncFinished, timeout=60000) as blocker:
        if manual or not window.sync_busy():
            qtbot.keyClick(window.field, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.index_busy(), timeout=60000)
    return blocker.args[0]


def test_f5_brings_another_desktop_s_approval_to_the_agents_window(qtbot, make_window, desktops):
    wang, liu, agent = desktops
    as_user(AGENT)
    window = make_window(agent)
    synced(qtbot, window, manual=False)  # the start syncs once
    assert window.sync_status.isVisible() and window.sync_status.text().startswith("Synced ")
    edit(liu, REFUND, "1 到 3 个工作日", "1 到 4 个工作日")
    save(liu, LIU, "faq-refund-timeline")
    step(liu, LIU, "submit", "faq-refund-timeline")
    step(liu, WANG, "approve", "faq-refund-timeline")
    sync(liu, LIU)
    report = synced(qtbot, window)
    assert report.changed == [REFUND]
    assert "faq-refund-timeline" in search(qtbot, window, "退款")
    window.results.setFocus()
    qtbot.waitUntil(lambda: window.preview.article is not None and window.preview.article.id == "faq-refund-timeline")
    assert "1 到 4 个工作日" in window.preview.browser.toPlainText()
    assert "1 article changed for agents" in window.statusBar().currentMessage()


def test_offline_is_a_normal_state_the_last_wording_stays(qtbot, make_window, desktops, tmp_path):
    _wang, _liu, agent = desktops
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    set_remote(agent, f"http://127.0.0.1:{closed.getsockname()[1]}/team.git")
    closed.close()
    as_user(AGENT)
    window = make_window(agent)
    result = synced(qtbot, window, manual=False)
    assert getattr(result, "code", None) == "sync-offline"
    assert window.sync_status.text() == "Offline · not synced yet" and window.sync_status.property("problem")
    assert "faq-refund-timeline" in search(qtbot, window, "退款")


def test_a_refused_login_is_asked_for_once_and_kept_in_the_keyring(qtbot, make_window, desktops, http_server):
    _wang, _liu, agent = desktops
    set_remote(agent, http_server.url)
    as_user(AGENT)
    window = make_window(agent)
    synced(qtbot, window, manual=False)
    assert window.sync_status.state == "auth" and window.sync_status.text() == "Login refused · click to log in"
    window.sync_status.click()
    qtbot.waitUntil(lambda: window.login_dialog is not None and window.login_dialog.isVisible(), timeout=5000)
    dialog = window.login_dialog
    assert dialog.user_edit.text() == "team"  # from the URL
    assert "refused the login" in dialog.intro.text()  # the dialog says why it asks
    dialog.password_edit.setText("secret")
    with qtbot.waitSignal(window.syncFinished, timeout=60000) as blocker:
        dialog.accept()
    assert not isinstance(blocker.args[0], Exception), blocker.args[0]
    assert window.sync_status.state == "ok"
    assert login_for(http_server.url).password == "secret"
    qtbot.waitUntil(lambda: window.field.hasFocus() or QApplication.focusWidget() is window.field, timeout=3000)


def test_a_conflict_shows_in_the_status_bar_and_is_resolved_from_the_sync_menu(qtbot, make_window, desktops):
    wang, liu, _agent = desktops
    edit(wang, REFUND, "1 到 3 个工作日", "2 到 4 个工作日")
    save(wang, WANG, "faq-refund-timeline")
    sync(wang, WANG)
    edit(liu, REFUND, "1 到 3 个工作日", "3 到 5 个工作日")
    save(liu, LIU, "faq-refund-timeline")
    as_user(LIU)
    window = make_window(liu)
    report = synced(qtbot, window, manual=False)
    assert [c.path for c in report.conflicts] == [REFUND]
    assert window.sync_status.text().endswith("· 1 conflict")
    assert window.conflicts_action.isEnabled() and window.conflicts_action.text() == "Conflicts (1)…"
    window.conflicts_action.trigger()
    dialog = window.editors.conflicts_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    assert dialog.list.count() == 1 and "2 到 4" in dialog.diff.left.toPlainText()
    assert "3 到 5" in dialog.diff.right.toPlainText()
    dialog.mine_button.click()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=5000)
    assert "3 到 5 个工作日" in (liu / REFUND).read_text(encoding="utf-8")
    assert conflicts_of(liu) == []
    qtbot.waitUntil(lambda: window.conflicts_action.text() == "Conflicts…", timeout=5000)
    assert "conflict" not in window.sync_status.text()


def test_an_editor_with_unsaved_text_is_told_not_overwritten(qtbot, make_window, desktops):
    wang, liu, _agent = desktops
    as_user(LIU)
    window = make_window(liu)
    synced(qtbot, window, manual=False)
    window.editors.open(REFUND, window)
    editor = window.editors.editors[REFUND]
    qtbot.waitExposed(editor)
    editor.source.moveCursor(editor.source.textCursor().MoveOperation.End)
    editor.source.insertPlainText("\n刘芳还没保存的一句。\n")
    edit(wang, REFUND, "原路退回", "原路退回（王敏）")
    save(wang, WANG, "faq-refund-timeline")
    sync(wang, WANG)
    synced(qtbot, window)
    assert "王敏" in (liu / REFUND).read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: editor.reload_bar.isVisible(), timeout=5000)
    assert "刘芳还没保存的一句。" in editor.text() and editor.is_modified()


class SilentServer:
    """Accepts connections and never answers: a network that hangs."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]

    def close(self):
        self.sock.close()


def test_typing_and_searching_go_on_while_a_sync_waits_on_the_network(qtbot, make_window, desktops):
    _wang, _liu, agent = desktops
    silent = SilentServer()
    set_remote(agent, f"http://127.0.0.1:{silent.port}/team.git")
    as_user(AGENT)
    window = make_window(agent)
    qtbot.waitUntil(window.sync_busy, timeout=5000)
    started = time.monotonic()
    assert "faq-refund-timeline" in search(qtbot, window, "退款")
    assert window.sync_busy() and window.sync_status.text() == "Syncing…"
    assert time.monotonic() - started < 5
    QApplication.processEvents()
    silent.close()  # the waiting sync ends (offline); the window closes cleanly after
