"""Enter copies: plain text and HTML, blanks filled in a form, never during IME composition."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kbdesk.config import load_settings, save_settings
from tests.conftest import write
from tests.ui.conftest import (
    SCRIPT_WITH_VARIANTS,
    clipboard_formats,
    ime_commit,
    ime_compose,
    search,
    set_clipboard_sentinel,
)


def test_enter_copies_top_result_as_plain_text_and_html(qtbot, make_window, content):
    write(content, "faq/refund-steps.md", """
        ---
        id: faq-refund-steps
        title: 退款申请步骤
        kind: faq
        ---
        # 退款申请步骤

        1. 打开 **我的订单**，选择要退款的订单；
        2. 点击 *申请退款*，详见 [退款说明](refund-timeline.md)。

        > 提示：`退款` 审核约 1 个工作日。
        """)
    window = make_window(content)
    search(qtbot, window, "退款申请步骤")
    assert window.model.ids()[0] == "faq-refund-steps"
    window.results.clearSelection()  # none selected: Enter takes the first
    set_clipboard_sentinel()
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert copied.args[0] == "faq-refund-steps"
    assert {"text/plain", "text/html"} <= clipboard_formats()
    data = QApplication.clipboard().mimeData()
    plain, rich = data.text(), data.html()
    assert "打开 我的订单，选择要退款的订单" in plain
    assert "点击 申请退款，详见 退款说明。" in plain
    for syntax in ("**", "](", "# ", "> ", "`"):
        assert syntax not in plain, syntax
    assert "退款申请步骤" not in plain  # the title heading is not pasted into the chat
    assert "<strong>我的订单</strong>" in rich and "<ol>" in rich
    assert "refund-timeline.md" not in rich  # links between articles mean nothing in a chat
    assert "<script" not in rich.lower()
    # Counted for the ranking and the recent list.
    assert window.usage.copy_count("faq-refund-steps") == 1
    assert "退款申请步骤" in window.statusBar().currentMessage()


def test_enter_copies_the_selected_result(qtbot, make_window, content):
    window = make_window(content)
    ids = search(qtbot, window, "客服")
    qtbot.keyClick(window.field, Qt.Key.Key_Down)
    target = window.selected_item()
    assert target.id == ids[1]
    if target.id == "script-greeting":  # has blanks: a form would open; pick the other order
        qtbot.keyClick(window.field, Qt.Key.Key_Up)
        target = window.selected_item()
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.field, Qt.Key.Key_Enter)
    assert copied.args[0] == target.id


def test_enter_right_after_typing_copies_the_new_query_result(qtbot, make_window, content):
    window = make_window(content)
    search(qtbot, window, "问候")
    window.field.clear()
    ime_commit(window.field, "开奖")  # Enter before the debounced search ran
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert copied.args[0] == "faq-lottery-draw"


def test_script_with_blanks_opens_form_and_copies_filled_text(qtbot, make_window, content):
    settings = load_settings()
    settings["profile"] = {"工号": "8023", "坐席姓名": "林晓"}
    save_settings(settings)
    window = make_window(content)
    search(qtbot, window, "问候")
    set_clipboard_sentinel()
    press_enter_for_fill_form(qtbot, window)
    dialog = window.fill_dialog
    assert list(dialog.fields) == ["客户称呼", "坐席姓名", "工号"]
    # Defaults and the agent's remembered profile are filled in.
    assert dialog.fields["客户称呼"].text() == "您"
    assert dialog.fields["坐席姓名"].text() == "林晓"
    assert dialog.fields["工号"].text() == "8023"
    assert "林晓" in dialog.preview.toPlainText()
    assert QApplication.clipboard().text() == "sentinel-nothing-copied"

    # Enter on a field moves on; it does not copy yet.
    first = dialog.fields["客户称呼"]
    first.setFocus()
    first.clear()
    ime_commit(first, "张先生")
    assert "张先生好" in dialog.preview.toPlainText()  # live preview
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.fields["坐席姓名"]
    assert QApplication.clipboard().text() == "sentinel-nothing-copied"
    # Enter on the last field copies.
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(dialog.fields["工号"], Qt.Key.Key_Return)
    expected = "张先生好，我是客服林晓，工号8023，很高兴为您服务。"
    assert copied.args == ["script-greeting", expected]
    assert QApplication.clipboard().text() == expected
    assert "text/html" in clipboard_formats()
    assert expected in QApplication.clipboard().mimeData().html()
    assert window.fill_dialog is None


def test_fill_form_ctrl_enter_and_cancel(qtbot, make_window, content):
    window = make_window(content)
    search(qtbot, window, "问候")
    set_clipboard_sentinel()
    press_enter_for_fill_form(qtbot, window)
    dialog = window.fill_dialog
    # No profile yet: the first empty field has focus; Esc cancels without copying.
    assert dialog.focusWidget() is dialog.fields["坐席姓名"]
    assert "坐席姓名" in dialog.missing_label.text()
    qtbot.keyClick(dialog.fields["坐席姓名"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.fill_dialog is None, timeout=5000)
    assert QApplication.clipboard().text() == "sentinel-nothing-copied"

    press_enter_for_fill_form(qtbot, window)
    dialog = window.fill_dialog
    ime_commit(dialog.fields["坐席姓名"], "王敏")
    copies = []
    window.copied.connect(lambda *args: copies.append(args))
    # A blank without a value: the first Ctrl+Enter copies nothing, marks it and says why.
    qtbot.keyClick(dialog.fields["坐席姓名"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.fill_dialog is dialog and not copies
    assert dialog.fields["工号"].property("missing") is True and dialog.fields["坐席姓名"].property("missing") is False
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.fields["工号"], timeout=3000)
    assert "Ctrl+Enter again" in dialog.missing_label.text() and "工号" in dialog.missing_label.text()
    assert QApplication.clipboard().text() == "sentinel-nothing-copied"
    # The second copies anyway; the blank shows as 【工号】, never as raw {{工号}}.
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(dialog.fields["工号"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert copied.args[1] == "您好，我是客服王敏，工号【工号】，很高兴为您服务。"
    assert "{{" not in QApplication.clipboard().text() and "{{" not in QApplication.clipboard().mimeData().html()
    assert "工号" in window.statusBar().currentMessage()


def test_enter_during_ime_preedit_copies_nothing(qtbot, make_window, content):
    window = make_window(content)
    search(qtbot, window, "退款")
    set_clipboard_sentinel()
    copies = []
    window.copied.connect(lambda *args: copies.append(args))

    # The agent is typing pinyin; the input method shows "tui kuan" as pre-edit.
    ime_compose(window.field, "tui kuan")
    assert window.field.composing
    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    qtbot.keyClick(window.field, Qt.Key.Key_Enter)
    qtbot.wait(200)
    assert copies == []
    assert QApplication.clipboard().text() == "sentinel-nothing-copied"
    assert window.fill_dialog is None

    # Once the characters are committed, Enter copies again.
    window.field.clear()
    ime_commit(window.field, "开奖")
    assert not window.field.composing
    with qtbot.waitSignal(window.copied, timeout=5000):
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert "开奖" in QApplication.clipboard().text()


def test_ime_preedit_in_fill_form_does_not_copy(qtbot, make_window, content):
    window = make_window(content)
    search(qtbot, window, "问候")
    set_clipboard_sentinel()
    press_enter_for_fill_form(qtbot, window)
    last = window.fill_dialog.fields["工号"]
    last.setFocus()
    ime_compose(last, "ba ling")
    qtbot.keyClick(last, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert window.fill_dialog is not None and window.fill_dialog.isVisible()
    assert QApplication.clipboard().text() == "sentinel-nothing-copied"
    window.fill_dialog.reject()


def test_a_script_variant_can_be_copied_on_its_own(qtbot, make_window, content):
    from PySide6.QtCore import QUrl

    write(content, "scripts/variants.md", SCRIPT_WITH_VARIANTS + "\n    ## 注意\n\n    - 不要说“不知道”。\n")
    window = make_window(content)
    search(qtbot, window, "物流延误致歉")
    html = window.preview.browser.toHtml()
    assert "kbdesk-section:1" in html  # each variant has its own copy link
    # The second variant has no blanks: copied at once, without the heading or the notes.
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        window.preview.browser.anchorClicked.emit(QUrl("kbdesk-section:1"))
    assert copied.args[1] == "非常抱歉，我马上联系快递核实，稍后回复您。"
    # The first one has a blank: the form asks only for it.
    window.preview.browser.anchorClicked.emit(QUrl("kbdesk-section:0"))
    qtbot.waitUntil(lambda: window.fill_dialog is not None, timeout=5000)
    assert list(window.fill_dialog.fields) == ["物流单号"]
    ime_commit(window.fill_dialog.fields["物流单号"], "SF123")
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.fill_dialog.fields["物流单号"], Qt.Key.Key_Return)
    assert copied.args[1] == "非常抱歉，您的包裹 SF123 正在派送中，预计明天送达。"


def test_copied_text_stays_pasteable_when_kbdesk_quits(qtbot):
    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QApplication

    from kbdesk.ui.app import release_clipboard

    app = QApplication.instance()
    mime = QMimeData()
    mime.setText("您好，工号 8123")
    mime.setHtml("<p>您好，工号 8123</p>")
    app.clipboard().setMimeData(mime)
    release_clipboard(app)
    assert app.clipboard().text() == "您好，工号 8123"


def press_enter_for_fill_form(qtbot, window):
    """Enter in the search field on a script with blanks: its fill-in form opens."""
    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.fill_dialog is not None and window.fill_dialog.isVisible(), timeout=5000)
    return window.fill_dialog
