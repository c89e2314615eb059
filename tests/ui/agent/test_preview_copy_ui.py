"""Copying part of the article shown in the preview: Ctrl+C or the context
menu put exactly the selected text on the clipboard, never the whole article,
and the window's shortcuts do not take Ctrl+C away from the preview. A
script's "Copy this part" link, small under its variant's heading, copies
that variant."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QApplication

from tests.conftest import write
from tests.ui.conftest import SCRIPT_WITH_VARIANTS as VARIANTS
from tests.ui.conftest import clipboard_formats, search, set_clipboard_sentinel

SENTENCE = "银行卡一般 1 到 3 个工作日到账，APP 余额即时到账。"


def select(browser, text: str, end_text: str | None = None) -> str:
    """Select *text* in the rendered article (through to the end of *end_text*
    if given) with a QTextCursor, as a mouse drag would; returns the selection."""
    plain = browser.document().toPlainText()
    start = plain.index(text)
    end = plain.index(end_text, start) + len(end_text) if end_text else start + len(text)
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    return cursor.selection().toPlainText()


def focus(qtbot, window, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_ctrl_c_in_the_preview_copies_just_the_selected_sentence(qtbot, make_window, content):
    window = make_window(content)
    search(qtbot, window, "退款 到账")  # the query's words are highlighted in the preview
    assert window.preview.article.id == "faq-refund-timeline"
    browser = window.preview.browser
    assert "#ffe7a3" in browser.toHtml()  # highlighted in the preview
    assert select(browser, SENTENCE) == SENTENCE
    focus(qtbot, window, browser)

    # A window-wide Ctrl+C shortcut (as a "copy the result" shortcut would be)
    # must not take the key from a preview that has a selection.
    hijacked = []
    spy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), window)
    spy.setContext(Qt.ShortcutContext.WindowShortcut)
    spy.activated.connect(lambda: hijacked.append(True))

    set_clipboard_sentinel()
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(browser, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert hijacked == []
    assert QApplication.clipboard().text() == SENTENCE
    assert copied.args == ["faq-refund-timeline", SENTENCE]
    # Plain text and HTML, no Markdown, and not the preview's highlighting.
    assert clipboard_formats() == {"text/plain", "text/html"}
    rich = QApplication.clipboard().mimeData().html()
    assert "工作日到账" in rich and "退款审核通过" not in rich
    assert "#ffe7a3" not in rich.lower()
    # Counted as using the article; the agent is told.
    assert window.usage.copy_count("faq-refund-timeline") == 1
    assert "Ctrl+V" in window.statusBar().currentMessage()
    assert browser.hasFocus()  # the agent may select and copy another part

    # Enter in the preview does not copy the whole article over the selection.
    copies = []
    window.copied.connect(lambda *args: copies.append(args))
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    assert copies == [] and QApplication.clipboard().text() == SENTENCE

    # Without a selection, Ctrl+C in the preview copies nothing from it.
    browser.moveCursor(QTextCursor.MoveOperation.Start)
    set_clipboard_sentinel()
    qtbot.keyClick(browser, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert copies == [] and QApplication.clipboard().text() == "sentinel-nothing-copied"


def test_context_menu_copy_and_qt_copy_take_the_selection_as_shown(qtbot, make_window, content):
    write(content, "scripts/variants.md", VARIANTS)
    window = make_window(content)
    search(qtbot, window, "物流延误致歉")
    browser = window.preview.browser
    assert "Copy this part" in browser.document().toPlainText()

    # The context menu's Copy: one sentence.
    sentence = "非常抱歉，我马上联系快递核实，稍后回复您。"
    select(browser, sentence)
    set_clipboard_sentinel()
    menu = browser.context_menu(QPoint(10, 10))
    copy = next(a for a in menu.actions() if a.objectName() == "edit-copy")
    assert copy.isEnabled()
    with qtbot.waitSignal(window.copied, timeout=5000):
        copy.trigger()
    menu.deleteLater()
    assert QApplication.clipboard().text() == sentence

    # Across the variants: without the preview's "Copy this part" links and
    # without the 适用场景 note for agents that the selection starts in; a
    # blank (shown as a chip) without a value is copied as 【物流单号】, never
    # as {{物流单号}}, and the status bar says it is still blank.
    assert "For agents only" in browser.document().toPlainText()
    select(browser, "适用场景", "预计明天送达。")
    set_clipboard_sentinel()
    menu = browser.context_menu(QPoint(10, 10))
    next(a for a in menu.actions() if a.objectName() == "edit-copy").trigger()
    menu.deleteLater()
    expected = "已查到物流\n非常抱歉，您的包裹 【物流单号】 正在派送中，预计明天送达。"
    assert QApplication.clipboard().text() == expected
    assert "物流单号" in window.statusBar().currentMessage()
    rich = QApplication.clipboard().mimeData().html()
    assert "kbdesk-section" not in rich and "Copy this part" not in rich
    assert "【物流单号】" in rich and "{{" not in rich and "适用场景" not in rich and "For agents only" not in rich

    # A selection that starts inside a chip takes the whole blank.
    plain = browser.document().toPlainText()
    cursor = QTextCursor(browser.document())
    cursor.setPosition(plain.index("单号"))
    cursor.setPosition(plain.index("正在派送") + 4, QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    browser.copy()  # QTextEdit's own copy (also used by drag and drop) gives the same
    assert QApplication.clipboard().text() == "【物流单号】 正在派送"
    assert "text/markdown" not in clipboard_formats()

    # Nothing selected: the menu's Copy is disabled.
    browser.moveCursor(QTextCursor.MoveOperation.End)
    menu = browser.context_menu(QPoint(10, 10))
    assert not next(a for a in menu.actions() if a.objectName() == "edit-copy").isEnabled()
    menu.deleteLater()


def section_link(browser, index: int):
    """(block, fragment) of the "Copy this part" link of section *index*."""
    href = f"kbdesk-section:{index}"
    block = browser.document().begin()
    while block.isValid():
        for it in block:
            if it.fragment().charFormat().anchorHref() == href:
                return block, it.fragment()
        block = block.next()
    raise AssertionError(f"no link {href}")


def click_section_link(qtbot, browser, index: int) -> None:
    """Click the link with the mouse, where it is drawn."""
    _block, frag = section_link(browser, index)
    cursor = QTextCursor(browser.document())
    cursor.setPosition(frag.position() + 1)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    point = browser.cursorRect(cursor).center()
    assert browser.anchorAt(point) == f"kbdesk-section:{index}"
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_copy_this_part_link_is_small_under_its_heading_and_copies_that_part(qtbot, make_window, content):
    from PySide6.QtGui import QFontInfo

    write(content, "scripts/variants.md", VARIANTS)
    window = make_window(content)
    search(qtbot, window, "物流延误致歉")
    assert window.preview.article.id == "script-variants"
    browser = window.preview.browser
    doc = browser.document()

    def pixel_size(block) -> int:
        return QFontInfo(block.begin().fragment().charFormat().font()).pixelSize()

    body_block = doc.findBlock(doc.toPlainText().index("适用场景"))
    for index, title in enumerate(["已查到物流", "查不到物流"]):
        link_block, frag = section_link(browser, index)
        assert frag.text() == "Copy this part"
        # The heading holds its title only; the link is on the line under it,
        # not a heading, and drawn smaller than the heading and the text.
        heading = link_block.previous()
        assert heading.blockFormat().headingLevel() == 2 and heading.text() == title
        assert link_block.blockFormat().headingLevel() == 0 and link_block.text() == "Copy this part"
        assert pixel_size(link_block) < pixel_size(body_block) < pixel_size(heading)

    # Clicking a variant without blanks puts exactly it on the clipboard.
    set_clipboard_sentinel()
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        click_section_link(qtbot, browser, 1)
    expected = "非常抱歉，我马上联系快递核实，稍后回复您。"
    assert copied.args == ["script-variants", expected]
    assert QApplication.clipboard().text() == expected
    rich = QApplication.clipboard().mimeData().html()
    assert "稍后回复您" in rich and "查不到物流" not in rich and "Copy this part" not in rich

    # One with a blank: the form asks for it, and the filled variant is copied.
    set_clipboard_sentinel()
    click_section_link(qtbot, browser, 0)
    qtbot.waitUntil(lambda: window.fill_dialog is not None, timeout=5000)
    assert list(window.fill_dialog.fields) == ["物流单号"]
    window.fill_dialog.fields["物流单号"].setText("SF123")
    with qtbot.waitSignal(window.copied, timeout=5000):
        qtbot.keyClick(window.fill_dialog.fields["物流单号"], Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == "非常抱歉，您的包裹 SF123 正在派送中，预计明天送达。"
    assert window.usage.copy_count("script-variants") == 2


def test_unapproved_article_in_the_preview_is_not_copied(qtbot, make_window, content):
    write(content, "faq/refund-timeline.md", """
        ---
        id: faq-refund-timeline
        title: 退款多久能到账？
        kind: faq
        category: 退款与退货
        tags: [退款, 到账]
        status: approved
        ---
        退款审核通过后原路退回。详见[致歉话术](../scripts/draft-apology.md)。
        """)
    window = make_window(content)
    search(qtbot, window, "退款")
    # A link leads to a draft: shown with a warning, but its wording is not for customers.
    assert window.preview.show_article("scripts/draft-apology.md")
    assert not window.preview.article.visible_to_agents
    browser = window.preview.browser
    select(browser, "非常抱歉让您久等了。")
    focus(qtbot, window, browser)
    set_clipboard_sentinel()
    copies = []
    window.copied.connect(lambda *args: copies.append(args))
    qtbot.keyClick(browser, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "sentinel-nothing-copied" and copies == []
    assert "not approved" in window.statusBar().currentMessage()
    menu = browser.context_menu(QPoint(10, 10))
    assert not next(a for a in menu.actions() if a.objectName() == "edit-copy").isEnabled()
    menu.deleteLater()
    assert window.usage.copy_count("script-draft-apology") == 0
    # Back to the approved article: copying works again.
    window.preview.back()
    select(browser, "退款审核通过后原路退回。")
    with qtbot.waitSignal(window.copied, timeout=5000):
        qtbot.keyClick(browser, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "退款审核通过后原路退回。"


def test_selection_for_clipboard_takes_off_what_only_the_preview_adds(qtbot, content):
    from kbdesk.content.render import render_article
    from kbdesk.content.store import ContentStore
    from kbdesk.ui.common.article_view import ArticleBrowser, selection_for_clipboard

    (content / "scripts" / "pic.png").write_bytes(b"")  # (not a real image: the pane shows nothing)
    browser = ArticleBrowser(ContentStore(content))
    qtbot.addWidget(browser)
    browser.article_path = "scripts/x.md"
    body = ("## 开场\n\n{{客户称呼|您}}好，工号{{工号}}{{坐席姓名}}为您服务 ![图](pic.png) 到账。\n\n"
            "## 结束\n\n感谢来电，再见。")
    browser.setHtml(render_article(body, highlight_terms=["称呼", "到账"], section_label="复制这一段"))
    doc = browser.document()
    assert "复制这一段" in doc.toPlainText() and "#ffe7a3" in browser.toHtml()
    plain, rich = selection_for_clipboard(doc, 0, doc.characterCount() - 1)
    assert plain == "开场\n{{客户称呼}}好，工号{{工号}}{{坐席姓名}}为您服务  到账。\n结束\n感谢来电，再见。"
    assert "复制这一段" not in rich and "#ffe7a3" not in rich and "<img" not in rich
    # The document shown is not changed by copying from it.
    assert "复制这一段" in doc.toPlainText() and "#ffe7a3" in browser.toHtml()
    # Backwards selections and a part of a line.
    text = doc.toPlainText()
    start = text.index("为您服务")
    assert selection_for_clipboard(doc, start + 4, start)[0] == "为您服务"
    # A selection starting or ending on a link's line (under its heading) leaves the line out.
    link = text.index("复制这一段", text.index("结束"))
    assert selection_for_clipboard(doc, link + 2, text.index("再见") + 2)[0] == "感谢来电，再见"
    assert selection_for_clipboard(doc, start, link + 2)[0] == "为您服务  到账。\n结束"
    assert selection_for_clipboard(doc, link - 1, text.index("再见") + 2)[0] == "\n感谢来电，再见"
    assert selection_for_clipboard(doc, link, link + 5) == ("", "")
