"""Notes for agents in the real window: shown as notes, never copied."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import write
from tests.ui.conftest import search, set_clipboard_sentinel

SCRIPT = """
    ---
    id: script-notes
    title: 退款审核中安抚
    kind: script
    ---
    # 退款审核中安抚

    **适用场景**：客户催退款，申请还在审核。

    > 审核结果出来前不承诺一定能退。

    ## 审核中

    您好，您的退款申请正在审核，结果出来后第一时间告诉您。

    ## 注意

    - 不要说“肯定能退”。

    ## 客户催了第二次

    非常理解您着急，我已经帮您催审核了，请再稍等。
    """


def test_enter_copies_the_customer_text_only_and_notes_have_no_copy_link(qtbot, make_window, content):
    write(content, "scripts/notes.md", SCRIPT)
    window = make_window(content)
    search(qtbot, window, "退款审核中安抚")
    assert window.preview.article.id == "script-notes"
    shown = window.preview.browser.document().toPlainText()
    assert "审核结果出来前不承诺" in shown and "For agents only" in shown  # shown, as a note
    links = [b for b in _blocks(window.preview.browser) if b == "Copy this part"]
    assert len(links) == 2  # 审核中 and 客户催了第二次; none for 注意

    set_clipboard_sentinel()
    with qtbot.waitSignal(window.copied, timeout=5000):
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    copied = QApplication.clipboard().text()
    for internal in ("适用场景", "不承诺", "注意", "肯定能退", "For agents only"):
        assert internal not in copied, internal
    assert "正在审核" in copied and "请再稍等" in copied
    assert "不承诺" not in QApplication.clipboard().mimeData().html()


def _blocks(browser) -> list[str]:
    out, block = [], browser.document().begin()
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out
