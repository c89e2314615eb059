"""Notes for agents in the real window: shown as notes, never copied."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import write
from tests.ui.conftest import open_variant_chooser, search, set_clipboard_sentinel

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


def test_enter_asks_for_a_variant_and_copies_only_its_customer_text(qtbot, make_window, content):
    write(content, "scripts/notes.md", SCRIPT)
    window = make_window(content)
    search(qtbot, window, "退款审核中安抚")
    assert window.preview.article.id == "script-notes"
    shown = window.preview.browser.document().toPlainText()
    assert "审核结果出来前不承诺" in shown and "For agents only" in shown  # shown, as a note
    links = [b for b in _blocks(window.preview.browser) if b == "Copy this part"]
    assert len(links) == 2  # 审核中 and 客户催了第二次; none for 注意

    # Enter asks which variant (the notes are none of them); 2 copies the second.
    set_clipboard_sentinel()
    chooser = open_variant_chooser(qtbot, window)
    assert [chooser.list.item(i).text() for i in range(chooser.list.count())] == ["1   审核中", "2   客户催了第二次"]
    assert chooser.list.currentRow() == 0
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(chooser.list, Qt.Key.Key_2)
    assert copied.args[1] == QApplication.clipboard().text() == "非常理解您着急，我已经帮您催审核了，请再稍等。"
    html = QApplication.clipboard().mimeData().html()
    for internal in ("适用场景", "不承诺", "注意", "肯定能退", "For agents only", "客户催了第二次"):
        assert internal not in copied.args[1] and internal not in html, internal

    # The last choice is remembered for this script: Enter now copies it again.
    chooser = open_variant_chooser(qtbot, window)
    assert chooser.list.currentRow() == 1
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(chooser.list, Qt.Key.Key_Return)
    assert "请再稍等" in copied.args[1]
    # Esc copies nothing.
    set_clipboard_sentinel()
    chooser = open_variant_chooser(qtbot, window)
    qtbot.keyClick(chooser.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not chooser.isVisible(), timeout=3000)
    assert QApplication.clipboard().text() == "sentinel-nothing-copied"


def _blocks(browser) -> list[str]:
    out, block = [], browser.document().begin()
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out
