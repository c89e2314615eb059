from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from ..conftest import write
from .conftest import search, set_clipboard_sentinel

def test_exp(qtbot, make_window, content):
    write(content, "scripts/variants.md", """
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
        """)
    window = make_window(content)
    search(qtbot, window, "物流延误致歉")
    b = window.preview.browser
    doc = b.document()
    print(repr(doc.toPlainText()))
    text = doc.toPlainText()
    start = text.index("适用")
    end = text.index("稍后")
    c = QTextCursor(doc); c.setPosition(start); c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    b.setTextCursor(c)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    b.setFocus()
    qtbot.waitUntil(b.hasFocus)
    set_clipboard_sentinel()
    qtbot.keyClick(b, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    md = QApplication.clipboard().mimeData()
    print(md.formats())
    print(repr(md.text()))
    print(md.html()[:3000])
