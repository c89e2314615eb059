"""Favourites, recently copied, copy counts, preferences and window state persist."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kbdesk.config import data_dir, load_settings
from kbdesk.usage.store import UsageStore
from tests.conftest import write
from tests.ui.conftest import search


def _copy(qtbot, window, query):
    search(qtbot, window, query)
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    return copied.args[0]


def test_copies_and_favourites_persist_across_reopen(qtbot, make_window, content):
    window = make_window(content)
    assert _copy(qtbot, window, "退款") == "faq-refund-timeline"
    assert _copy(qtbot, window, "退款") == "faq-refund-timeline"
    assert _copy(qtbot, window, "开奖") == "faq-lottery-draw"
    # Pin the article in the preview with Ctrl+D.
    search(qtbot, window, "帳號")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.field, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.preview.article.id == "faq-hk-account"
    assert window.model.item(0).pinned
    db = window.usage.path
    assert db.parent == data_dir() and content not in db.parents  # never in the content folder
    window.close()

    # The SQLite file, reopened, has it all.
    with UsageStore(db, scope=str(content.resolve())) as usage:
        assert usage.copy_counts() == {"faq-refund-timeline": 2, "faq-lottery-draw": 1}
        assert [e.ref.id for e in usage.favourites()] == ["faq-hk-account"]
        assert [e.ref.id for e in usage.recent()] == ["faq-lottery-draw", "faq-refund-timeline"]

    # A new window shows them with an empty query: favourites, the most
    # used (copied more than once), then the other recently copied ones.
    window = make_window(content)
    rows = [(i.header or i.id) for i in window.model.items()]
    assert rows == ["Favourites", "faq-hk-account", "Most used", "faq-refund-timeline",
                    "Recently copied", "faq-lottery-draw"]
    assert window.model.ids() == ["faq-hk-account", "faq-refund-timeline", "faq-lottery-draw"]
    # Nothing is selected with an empty query, so Enter copies nothing until ↓ chooses.
    assert window.selected_item() is None
    qtbot.keyClick(window.field, Qt.Key.Key_Down)
    assert window.selected_item().id == "faq-hk-account"
    assert window.preview.article.id == "faq-hk-account"
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert copied.args[0] == "faq-hk-account"


def _home_sections(window) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for item in window.model.items():
        if item.is_header:
            current = sections.setdefault(item.header, [])
        else:
            current.append(item.id)
    return sections


def test_most_used_view_lists_the_most_copied_articles(qtbot, make_window, content):
    from kbdesk.usage.store import ArticleRef

    window = make_window(content)
    for _ in range(3):
        assert _copy(qtbot, window, "开奖") == "faq-lottery-draw"
    for _ in range(2):
        assert _copy(qtbot, window, "退款") == "faq-refund-timeline"
    assert _copy(qtbot, window, "帳號") == "faq-hk-account"
    window.field.clear()
    qtbot.waitUntil(lambda: not window.search_pending(), timeout=5000)
    # Most copied first, in the same style as the favourites and the recent list.
    assert [(i.header or i.id) for i in window.model.items()] == [
        "Most used", "faq-lottery-draw", "faq-refund-timeline", "Recently copied", "faq-hk-account"]
    assert [window.model.item(r).copies for r in window.model.article_rows()] == [3, 2, 1]
    assert window.model.item(0).is_header and not window.model.flags(window.model.index(0))
    # Copied from the list: ↓ Enter.
    qtbot.keyClick(window.field, Qt.Key.Key_Down)
    assert window.selected_item().id == "faq-lottery-draw"
    assert window.preview.article.id == "faq-lottery-draw"
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert copied.args[0] == "faq-lottery-draw" and window.usage.copy_count("faq-lottery-draw") == 4

    # Copying often moves an article up; a favourite is listed once, under Favourites.
    for _ in range(4):
        _copy(qtbot, window, "帳號")
    assert window.usage.copy_count("faq-hk-account") == 5
    search(qtbot, window, "退款")
    window.toggle_pin()
    window.field.clear()
    qtbot.waitUntil(lambda: not window.search_pending(), timeout=5000)
    assert _home_sections(window) == {
        "Favourites": ["faq-refund-timeline"],
        "Most used": ["faq-hk-account", "faq-lottery-draw"],
    }

    # At most ten, by copy count.
    for n in range(12):
        ref = ArticleRef(f"faq-extra-{n:02d}", f"faq/extra-{n:02d}.md", f"补充问题 {n}", "faq", "")
        for _ in range(10 + n):
            window.usage.record_copy(ref)
    window.show_home()
    most = _home_sections(window)["Most used"]
    assert most == [f"faq-extra-{n:02d}" for n in range(11, 1, -1)]
    assert _home_sections(window)["Recently copied"] == ["faq-extra-01", "faq-extra-00", "faq-hk-account", "faq-lottery-draw"]


def test_copy_counts_lift_an_article_among_close_results(qtbot, make_window, content):
    for n, kind in enumerate(("电子", "纸质")):
        write(content, f"faq/invoice-{n}.md", f"""
            ---
            id: faq-invoice-{n}
            title: {kind}发票怎么开？
            kind: faq
            ---
            {kind}发票在订单详情页申请，开具后发送到客户邮箱或随货寄出。
            """)
    window = make_window(content)
    first, second = search(qtbot, window, "发票")
    # The agent chooses the second one (↓, Enter) ...
    qtbot.keyClick(window.field, Qt.Key.Key_Down)
    assert window.selected_item().id == second
    with qtbot.waitSignal(window.copied, timeout=5000):
        qtbot.keyClick(window.field, Qt.Key.Key_Return)
    assert window.usage.copy_count(second) == 1
    # ... and next time it comes first.
    assert search(qtbot, window, "发票") == [second, first]
    # A much better match is not overtaken by copy counts alone.
    window._counts["faq-refund-timeline"] = 0
    window._counts["script-greeting"] = 0
    window._counts["faq-hk-account"] = 50
    assert search(qtbot, window, "客服")[0] == "script-greeting"


def test_window_geometry_and_splitter_are_remembered(qtbot, make_window, content):
    window = make_window(content)
    window.resize(900, 600)
    window.splitter.setSizes([300, 600])
    sizes = window.splitter.sizes()
    window.close()
    saved = load_settings()["window"]
    assert saved["width"] == 900 and saved["height"] == 600
    assert saved["splitter"] == sizes
    window = make_window(content)
    assert window.width() == 900 and window.height() == 600
    assert window.splitter.sizes() == sizes


def test_language_switches_to_simplified_chinese(qtbot, make_window, content):
    from kbdesk.ui.common import i18n

    window = make_window(content)
    try:
        assert i18n.apply_language("zh_CN") == "zh_CN"
        qtbot.waitUntil(lambda: window.search_bar.kind_buttons[1].text() == "标准", timeout=3000)
        assert [b.text() for b in window.search_bar.kind_buttons] == ["全部", "标准", "FAQ", "话术"]
        assert window.preview.copy_button.text() == "复制"
        search(qtbot, window, "火星探测器")
        assert "没有找到" in window.results.empty_text()
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: window.search_bar.kind_buttons[1].text() == "Standard", timeout=3000)


def test_searches_are_counted_by_how_they_ended_and_copies_with_their_time(qtbot, make_window, content):
    window = make_window(content)
    assert _copy(qtbot, window, "退款") == "faq-refund-timeline"
    search(qtbot, window, "双十二 预售 13812345678")  # finds nothing (and holds a phone number)
    search(qtbot, window, "")
    search(qtbot, window, "开奖")  # found, then the agent moves through the results
    qtbot.keyClick(window.field, Qt.Key.Key_Down)
    window.close()  # the search under way ends with the window
    with UsageStore(window.usage.path, scope=str(content.resolve())) as usage:
        daily = usage.daily()
    outcomes = {q: (s, e, f) for _d, q, s, e, f in daily["searches"]}
    assert outcomes == {"退款": (1, 0, 0), "双十二 预售 〔电话〕": (1, 1, 0), "开奖": (1, 0, 0)}
    assert "13812345678" not in str(daily)
    [(_day, article, copies, ms_total, ms_count)] = daily["copies"]
    assert article == "faq-refund-timeline" and copies == 1 and ms_count == 1 and 0 < ms_total < 60_000
