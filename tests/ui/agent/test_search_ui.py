"""Searching in the window: results, filters, scripts, keyboard, live updates."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kbdesk.ui.agent.workers import SearchOutcome
from tests.conftest import write
from tests.ui.conftest import search


def test_typing_shows_expected_articles(qtbot, make_window, content):
    window = make_window(content)
    assert window.field.hasFocus()
    ids = search(qtbot, window, "退款")
    assert ids[0] == "faq-refund-timeline"
    # Only approved wording reaches agents.
    assert "script-old-greeting" not in search(qtbot, window, "问候")
    assert search(qtbot, window, "问候") == ["script-greeting"]
    # The first result is selected and shown in the preview, terms highlighted.
    assert window.selected_item().id == "script-greeting"
    assert window.preview.article.id == "script-greeting"
    assert 'class="kb-hit"' in window.preview.browser.toHtml() or "问候" in window.preview.article.title


def test_filters_narrow_the_results(qtbot, make_window, content):
    window = make_window(content)
    qtbot.waitUntil(lambda: window.search_bar.category_box.count() > 1, timeout=10000)
    ids = search(qtbot, window, "客服")
    assert {"faq-refund-timeline", "script-greeting"} <= set(ids)

    # Kind button "Script" (a real click) keeps only reply scripts.
    qtbot.mouseClick(window.search_bar.kind_buttons[3], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.search_pending() and window.model.ids() == ["script-greeting"], timeout=5000)

    # Back to all kinds, then a category filter.
    qtbot.mouseClick(window.search_bar.kind_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.search_pending() and len(window.model.ids()) >= 2, timeout=5000)
    window.search_bar.set_category("退款与退货")
    qtbot.waitUntil(lambda: not window.search_pending() and window.model.ids() == ["faq-refund-timeline"],
                    timeout=5000)
    assert "退款与退货" in window.results_info.text()

    # A filter that excludes everything says so in the empty state.
    window.search_bar.set_kind("standard")
    qtbot.waitUntil(lambda: not window.search_pending() and window.model.ids() == [], timeout=5000)
    assert "退款与退货" in window.results.empty_text()

    # Clearing the filters brings everything back.
    window.search_bar.clear_filters()
    qtbot.waitUntil(lambda: not window.search_pending() and len(window.model.ids()) >= 2, timeout=5000)


def test_traditional_query_finds_simplified_article(qtbot, make_window, content):
    window = make_window(content)
    assert search(qtbot, window, "開獎")[0] == "faq-lottery-draw"
    assert search(qtbot, window, "問候話術")[0] == "script-greeting"
    # And the other way round.
    assert search(qtbot, window, "账号登录")[0] == "faq-hk-account"


def test_pinyin_and_empty_state(qtbot, make_window, content):
    window = make_window(content)
    assert search(qtbot, window, "zucai")[0] == "faq-lottery-draw"
    assert search(qtbot, window, "火星探测器") == []
    assert "火星探测器" in window.results.empty_text()
    window.field.clear()
    qtbot.waitUntil(lambda: not window.search_pending(), timeout=5000)
    assert window.model.ids() == []
    assert window.results.empty_text()  # says what to type


def test_outdated_answers_are_discarded(qtbot, make_window, content):
    window = make_window(content)
    search(qtbot, window, "退款")
    before = window.model.ids()
    stale = SearchOutcome(seq=window._seq - 1, text="问候", hits=[], total=0)
    window._on_outcome(stale)
    assert window.model.ids() == before
    # Typing quickly: only the last query's results are shown.
    window.field.clear()
    for text in ("足", "足彩", "问", "问候"):
        window.field.setText(text)
    qtbot.waitUntil(lambda: not window.search_pending(), timeout=5000)
    assert window.model.ids() == ["script-greeting"]


def test_keyboard_navigation(qtbot, make_window, content):
    window = make_window(content)
    ids = search(qtbot, window, "客服")
    assert len(ids) >= 2
    assert window.selected_item().id == ids[0]
    qtbot.keyClick(window.field, Qt.Key.Key_Down)
    assert window.selected_item().id == ids[1]
    assert window.preview.article.id == ids[1]
    qtbot.keyClick(window.field, Qt.Key.Key_Up)
    assert window.selected_item().id == ids[0]
    qtbot.keyClick(window.field, Qt.Key.Key_Up)  # stays on the first
    assert window.selected_item().id == ids[0]

    # Ctrl+K comes back to the search field from anywhere in the window.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.preview.browser.setFocus()
    qtbot.waitUntil(window.preview.browser.hasFocus, timeout=2000)
    qtbot.keyClick(window.preview.browser, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.field.hasFocus()
    window.preview.browser.setFocus()
    qtbot.keyClick(window.preview.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.field.hasFocus()

    # Esc clears the query.
    qtbot.keyClick(window.field, Qt.Key.Key_Escape)
    assert window.field.text() == ""


def test_new_and_changed_files_are_picked_up(qtbot, make_window, content):
    window = make_window(content)
    assert search(qtbot, window, "发票") == []
    write(content, "faq/invoice.md", """
        ---
        id: faq-invoice
        title: 怎么开发票？
        kind: faq
        ---
        在订单详情页申请电子发票。
        """)
    # The folder watcher triggers an incremental update, then the results refresh.
    qtbot.waitUntil(lambda: window.model.ids() == ["faq-invoice"], timeout=15000)

    # Window re-activation checks again too (for edits the watcher missed).
    window._last_activation_check = 0
    with qtbot.waitSignal(window.indexUpdated, timeout=15000):
        window._on_activated()
