"""A result found in a section of a long document: the list says where, the
preview opens there, Ctrl+Enter copies just that section; a question with no
subject gets a hint that fits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kbdesk.usage.store import ArticleRef
from tests.conftest import write
from tests.ui.conftest import search, set_clipboard_sentinel

FILLER = "本段是通用说明，坐席应结合排班、培训和系统公告理解执行，未尽事宜请咨询组长。\n\n" * 12


def _top_of_preview(qtbot, window, lines: int = 2) -> str:
    """The text of the first *lines* lines the preview shows, once it has scrolled."""
    browser = window.preview.browser
    qtbot.waitUntil(lambda: browser.verticalScrollBar().value() > 0, timeout=5000)
    cursor = browser.cursorForPosition(browser.viewport().rect().topLeft())
    cursor.movePosition(cursor.MoveOperation.Down, cursor.MoveMode.KeepAnchor, lines)
    return cursor.selectedText()


def _long_standard(content):
    write(content, "standards/long-service.md",
          "---\nid: std-long-service\ntitle: 客服部服务总则\nkind: standard\n---\n# 客服部服务总则\n\n"
          f"## 仪容仪表\n\n{FILLER}上岗须佩戴工作牌。\n\n{FILLER}"
          f"## 电话礼仪\n\n{FILLER}来电须在铃声响三声之内接起。\n\n{FILLER}"
          f"## 结束通话\n\n{FILLER}待客户先挂机再放下话筒。\n")


def test_the_list_says_where_the_preview_opens_there_and_ctrl_enter_copies_that_part(qtbot, make_window, content):
    _long_standard(content)
    window = make_window(content)
    search(qtbot, window, "铃声响三声")
    item = window.selected_item()
    assert item.id == "std-long-service" and item.section == ("电话礼仪",)
    # the section's heading is at the top of the preview
    assert "电话礼仪" in _top_of_preview(qtbot, window)
    set_clipboard_sentinel()
    with qtbot.waitSignal(window.copied, timeout=5000):
        qtbot.keyClick(window.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert "铃声响三声之内接起" in copied
    assert "佩戴工作牌" not in copied and "先挂机" not in copied
    with qtbot.waitSignal(window.copied, timeout=5000):
        qtbot.keyClick(window.field, Qt.Key.Key_Return)  # Enter: the whole article, as before
    assert "佩戴工作牌" in QApplication.clipboard().text()


def test_a_question_without_a_subject_says_so(qtbot, make_window, content):
    window = make_window(content)
    search(qtbot, window, "怎么办")
    shown = window.results_info.text() + window.results.empty_text()
    assert "怎么办" in shown and ("subject" in shown or "主题" in shown)
    assert "filter" not in shown.lower() and "筛选" not in shown  # no filter is set


def test_the_wait_after_a_keystroke_follows_what_searches_take(qtbot, make_window, content):
    window = make_window(content)
    assert window.search_timer.interval() == 120  # nothing measured yet
    for text in ("退款", "密码", "投诉"):
        search(qtbot, window, text)
    # the small sample answers in a few milliseconds: no reason to wait 120 ms
    assert 15 <= window.search_timer.interval() < 120


def test_the_preview_opens_at_a_heading_that_is_only_a_line_of_plain_text(qtbot, make_window, content):
    # an old document pasted as it was: no Markdown headings, numbered lines
    write(content, "standards/pasted.md",
          "---\nid: std-pasted\ntitle: 值班制度\nkind: standard\n---\n"
          f"一、总则\n\n{FILLER}\n\n二、交接时间\n\n接班人员须提前十五分钟到岗。\n\n{FILLER}")
    window = make_window(content)
    search(qtbot, window, "提前十五分钟到岗")
    assert window.selected_item().section == ("交接时间",)
    assert "交接时间" in _top_of_preview(qtbot, window)


def test_enter_after_only_question_words_copies_nothing_by_itself(qtbot, make_window, content):
    window = make_window(content)
    window.usage.record_copy(ArticleRef("faq-refund-timeline", "faq/refund-timeline.md", "退款多久能到账？", "faq", ""))
    search(qtbot, window, "怎么办")
    assert window.model.ids() and window.selected_item() is None  # the most used, none chosen
    set_clipboard_sentinel()
    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == "sentinel-nothing-copied"
    assert "未复制" in window.statusBar().currentMessage() or "Nothing copied" in window.statusBar().currentMessage()


def test_the_preview_opens_at_a_plain_heading_inside_a_paragraph_not_at_its_table_of_contents(
        qtbot, make_window, content):
    # lines without blank lines between them are one paragraph to Markdown; the
    # table of contents names the heading first
    lines = "\n".join(f"第{n}条说明：坐席应结合排班、培训和系统公告理解执行，未尽事宜请咨询组长。" for n in range(40))
    write(content, "standards/manual.md",
          "---\nid: std-manual\ntitle: 工单系统手册\nkind: standard\n---\n"
          f"目录\n5   派单规则\n6   工单催办\n7   工单改约\n\n5   派单规则\n{lines}\n"
          f"6   工单催办\n客户来电催促进度时，在工单详情页点击催办按钮。\n{lines}\n7   工单改约\n{lines}\n")
    window = make_window(content)
    search(qtbot, window, "点击催办按钮")
    item = window.selected_item()
    assert item.id == "std-manual" and item.section == ("工单催办",)
    top = _top_of_preview(qtbot, window)
    assert "工单催办" in top and "派单规则" not in top


def test_words_found_by_their_pinyin_are_marked_in_the_preview(qtbot, make_window, content):
    write(content, "standards/levels.md",
          "---\nid: std-levels\ntitle: 投诉分级\nkind: standard\n---\n涉及金额五千元以上或媒体介入的，定为重大投诉，两小时内报告主管。\n")
    window = make_window(content)
    search(qtbot, window, "zhongda tousu")
    assert window.selected_item().id == "std-levels"
    assert "重大" in window.preview.terms  # what the preview marks
