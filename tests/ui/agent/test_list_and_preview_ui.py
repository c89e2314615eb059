"""The preview follows the list, and the filters browse without a query."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kbdesk import textforms

from tests.ui.conftest import search


def test_nothing_found_and_esc_clear_the_preview_with_the_list(qtbot, make_window, content):
    window = make_window(content)
    search(qtbot, window, "退款")
    assert window.preview.article is not None and window.selected_item() is not None
    search(qtbot, window, "完全不存在的词语组合xyzzy")
    assert window.model.article_rows() == []
    assert window.preview.article is None and window.preview.browser.toPlainText() == ""

    search(qtbot, window, "退款")
    assert window.preview.article is not None
    qtbot.keyClick(window.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.preview.article is None, timeout=3000)
    assert window.field.text() == "" and window.selected_item() is None
    assert window.preview.browser.toPlainText() == ""


def test_a_filter_with_an_empty_query_lists_its_articles_most_used_first(qtbot, make_window, content):
    window = make_window(content)
    faq = next(b for b in window.search_bar.kind_buttons if b.property("kind") == "faq")
    faq.click()
    qtbot.waitUntil(lambda: len(window.model.article_rows()) == 3, timeout=5000)
    titles = [window.model.item(r).title for r in window.model.article_rows()]
    assert {window.model.item(r).kind for r in window.model.article_rows()} == {"faq"}
    assert titles == sorted(titles, key=textforms.normalize)
    assert window.selected_item() is None and window.preview.article is None
    assert "3" in window.results_info.text()

    # One copied twice comes first.
    last = window.model.item(window.model.article_rows()[-1])
    for _ in range(2):
        window.copy_article(last.path)
    faq.click()  # (the same filter again lists afresh)
    window.run_search()
    qtbot.waitUntil(lambda: window.model.item(window.model.article_rows()[0]).id == last.id, timeout=5000)


def test_a_list_nested_by_three_spaces_is_a_list_in_the_preview_and_the_html_copy(qtbot, content):
    from PySide6.QtGui import QTextDocument

    from kbdesk.content.render import copy_payload, render_article
    from kbdesk.content.store import ContentStore
    from kbdesk.ui.common.article_view import ArticleBrowser

    body = "- 一级\n   - 二级\n   - 二级b\n- 一级2"
    browser = ArticleBrowser(ContentStore(content))
    qtbot.addWidget(browser)
    browser.setHtml(render_article(body))
    copied = QTextDocument()
    copied.setHtml(copy_payload(body)[1])
    for doc in (browser.document(), copied):
        levels, block = {}, doc.begin()
        while block.isValid():
            if block.textList() is not None:
                levels[block.text().strip()] = block.textList().format().indent()
            block = block.next()
        assert levels == {"一级": 1, "二级": 2, "二级b": 2, "一级2": 1}


def test_window_titles_do_not_repeat_the_applications_name(qtbot, make_window, content):
    from PySide6.QtWidgets import QApplication

    window = make_window(content)
    # Qt puts " — kbdesk" (the display name) after each title on the desktop itself.
    assert QApplication.applicationDisplayName() == "kbdesk"
    assert "kbdesk" not in window.windowTitle()


def test_at_800_by_600_no_tag_or_category_breaks_inside(qtbot, make_window, content):
    from PySide6.QtGui import QTextLayout

    from kbdesk.ui.common.widgets import WORD_JOINER

    window = make_window(content)
    window.resize(800, 600)
    search(qtbot, window, "退款")
    label = window.preview.meta_label
    text = label.text()
    layout = QTextLayout(text, label.font())
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(60)  # narrower than any window gives it: many lines
        lines.append(text[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    assert len(lines) > 2
    names = ["#" + t for t in window.preview.article.tags] + [window.preview.article.category]
    for name in names:
        # each name lies whole on one line
        assert any(WORD_JOINER.join(name) in line for line in lines), (name, lines)


def test_counts_read_right_in_english(qtbot, make_window, content):
    from kbdesk.ui.common.i18n import counted
    from tests.conftest import write

    write(content, "faq/refund-card.md", "---\nid: faq-refund-card\ntitle: 退款到银行卡\nkind: faq\n---\n退款原路退回银行卡。\n")
    window = make_window(content)
    assert search(qtbot, window, "足彩 开奖") == ["faq-lottery-draw"]
    assert window.results_info.text() == "1 result"
    search(qtbot, window, "退款")
    n = len(window.model.article_rows())
    assert n > 1 and window.results_info.text() == f"{n} results"
    assert window.count_label.text().endswith(" articles")
    assert counted(1, "{n} warning", "{n} warnings") == "1 warning"
    assert counted(3, "{n} warning", "{n} warnings") == "3 warnings"


def test_the_shown_articles_links_follow_a_language_switch(qtbot, make_window, content):
    from kbdesk.ui.common import i18n
    from tests.conftest import write
    from tests.ui.conftest import SCRIPT_WITH_VARIANTS

    write(content, "scripts/variants.md", SCRIPT_WITH_VARIANTS)
    window = make_window(content)
    search(qtbot, window, "物流延误致歉")
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: "复制本段" in window.preview.browser.toPlainText(), timeout=3000)
        assert "仅供坐席" in window.preview.browser.toPlainText()
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: "Copy this part" in window.preview.browser.toPlainText(), timeout=3000)
    assert "复制本段" not in window.preview.browser.toPlainText()
    assert "For agents only" in window.preview.browser.toPlainText()
