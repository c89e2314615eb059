"""What reaches the clipboard is what the customer should read: blanks
filled the same way by every path, values kept across a script's variants,
and the article on screen is the one copied."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.conftest import write
from tests.ui.conftest import open_variant_chooser, search, set_clipboard_sentinel

TWO_VARIANTS = """
    ---
    id: script-order-check
    title: 订单查询回复
    kind: script
    ---
    ## 已发货

    {{客户称呼|您}}好，订单 {{订单号}} 已经发货了。

    ## 未发货

    {{客户称呼|您}}好，订单 {{订单号}} 还在备货，今天内发出。
    """


def _choose(qtbot, window, key):
    qtbot.keyClick(open_variant_chooser(qtbot, window).list, key)
    qtbot.waitUntil(lambda: window.fill_dialog is not None, timeout=5000)
    return window.fill_dialog


def test_an_order_number_typed_for_one_variant_stays_for_the_other(qtbot, make_window, content):
    write(content, "scripts/order-check.md", TWO_VARIANTS)
    window = make_window(content)
    search(qtbot, window, "订单查询回复")
    dialog = _choose(qtbot, window, Qt.Key.Key_1)
    dialog.fields["订单号"].setText("A20261201")
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(dialog.fields["订单号"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert copied.args[1] == "您好，订单 A20261201 已经发货了。"

    dialog = _choose(qtbot, window, Qt.Key.Key_2)
    assert dialog.fields["订单号"].text() == "A20261201"
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(dialog.fields["订单号"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert copied.args[1] == "您好，订单 A20261201 还在备货，今天内发出。"


def test_ctrl_c_on_a_selection_fills_blanks_as_enter_does(qtbot, make_window, content):
    write(content, "scripts/order-check.md", TWO_VARIANTS)
    window = make_window(content)
    window.settings["profile"] = {"坐席姓名": "小李"}
    search(qtbot, window, "订单查询回复")
    browser = window.preview.browser
    text = browser.document().toPlainText()
    cursor = QTextCursor(browser.document())
    start = text.index("客户称呼")
    cursor.setPosition(start - 1)
    cursor.setPosition(text.index("已经发货了。") + len("已经发货了。"), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    set_clipboard_sentinel()
    browser.setFocus()
    with qtbot.waitSignal(window.copied, timeout=5000):
        qtbot.keyClick(browser, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    # the default of 客户称呼 is filled in; 订单号 has none and says so
    assert QApplication.clipboard().text() == "您好，订单 【订单号】 已经发货了。"
    assert "{{" not in QApplication.clipboard().mimeData().html()
    assert "订单号" in window.statusBar().currentMessage()


def test_after_following_a_link_enter_copies_the_article_shown(qtbot, make_window, content):
    write(content, "faq/shipping-time.md", """
        ---
        id: faq-shipping-time
        title: 多久发货
        kind: faq
        ---
        下单后 48 小时内发货。话术见 [发货提醒](../scripts/ship-notice.md)。
        """)
    write(content, "scripts/ship-notice.md", """
        ---
        id: script-ship-notice
        title: 发货提醒话术
        kind: script
        ---
        您好，您的订单已经发货，请留意物流信息。
        """)
    window = make_window(content)
    assert search(qtbot, window, "多久发货")[0] == "faq-shipping-time"
    window.preview.follow_link(QUrl("../scripts/ship-notice.md"))
    assert window.preview.article.id == "script-ship-notice"
    assert window.selected_item() is None or window.selected_item().id == "faq-shipping-time"
    window.field.setFocus()
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert copied.args == ["script-ship-notice", "您好，您的订单已经发货，请留意物流信息。"]
    assert "发货提醒话术" in window.statusBar().currentMessage()


def test_remembering_a_variant_keeps_what_others_saved_in_the_preferences_meanwhile(qtbot, make_window, content):
    from kbdesk.config import desktop_id, load_settings

    write(content, "scripts/order-check.md", TWO_VARIANTS)
    window = make_window(content)  # its preferences are read now
    me = desktop_id()  # made after: written by someone else, as the sync does
    search(qtbot, window, "订单查询回复")
    _choose(qtbot, window, Qt.Key.Key_2)
    window.fill_dialog.reject()
    settings = load_settings()
    assert settings["desktop_id"] == me and settings["variants"] == {"script-order-check": "未发货"}
