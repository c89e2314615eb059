"""Filter counts: how many articles match the query per kind, category and
tag, on the kind buttons ("Script 1") and in the lists ("退款与退货 (1)")."""

from __future__ import annotations

from collections import Counter

from kbdesk.search.results import FilterCounts
from kbdesk.ui.agent.workers import FacetCounts
from tests.conftest import write
from tests.ui.conftest import search

KIND_LABELS = ["All", "Standard", "FAQ", "Script"]


def counted_search(qtbot, window, text: str) -> list[str]:
    """Search, then wait until the filter counts are those of *text*."""
    ids = search(qtbot, window, text)
    qtbot.waitUntil(lambda: not window.counts_pending(), timeout=10000)
    return ids


def button_texts(window) -> list[str]:
    return [b.text() for b in window.search_bar.kind_buttons]


def entries(box) -> dict[str, tuple[str, bool]]:
    """value -> (text shown, enabled) of a category or tag list."""
    model = box.model()
    return {box.itemData(i): (box.itemText(i), model.item(i).isEnabled()) for i in range(1, box.count())}


def test_counts_follow_the_query_and_keep_the_chosen_filter(qtbot, make_window, content):
    window = make_window(content)
    bar = window.search_bar
    qtbot.waitUntil(lambda: bar.category_box.count() > 1, timeout=10000)
    # No query: no counts.
    assert button_texts(window) == KIND_LABELS
    assert entries(bar.category_box)["退款与退货"] == ("退款与退货", True)

    order = []
    window.resultsShown.connect(lambda seq: order.append(("results", seq)))
    window.countsShown.connect(lambda seq: order.append(("counts", seq)))
    ids = counted_search(qtbot, window, "客服")
    assert set(ids) == {"faq-refund-timeline", "script-greeting", "faq-hk-account"}  # 港澳台客服
    # The results came first; the counts followed for the same search.
    assert order[-2:] == [("results", window._seq), ("counts", window._seq)]
    assert button_texts(window) == ["All 3", "Standard 0", "FAQ 2", "Script 1"]
    assert "3" in bar.kind_buttons[0].toolTip()
    categories = entries(bar.category_box)
    assert categories["退款与退货"] == ("退款与退货 (1)", True)
    assert categories["在线客服"] == ("在线客服 (1)", True)
    assert categories["港澳台客服"] == ("港澳台客服 (1)", True)
    assert categories["彩票业务"] == ("彩票业务 (0)", False)  # nothing to find there: greyed out
    tags = entries(bar.tag_box)
    assert tags["退款"] == ("退款 (1)", True) and tags["问候"] == ("问候 (1)", True)
    assert tags["足彩"] == ("足彩 (0)", False)
    # The counts are those of the core's facet_counts (approved articles only).
    assert bar.counts().kinds == Counter({"faq": 2, "script": 1}) and bar.counts().total == 3

    # Choosing a category narrows the results; the counts (taken before the
    # filters) stay as they are and are not counted again.
    shown = []
    window.countsShown.connect(shown.append)
    counts_before = bar.counts()
    bar.set_category("退款与退货")
    qtbot.waitUntil(lambda: not window.search_pending() and window.model.ids() == ["faq-refund-timeline"],
                    timeout=5000)
    qtbot.wait(400)  # longer than the pause before counting
    assert shown == [] and bar.counts() is counts_before
    assert button_texts(window) == ["All 3", "Standard 0", "FAQ 2", "Script 1"]

    # A new query: new counts; the chosen category stays chosen (and usable)
    # even though nothing matching the new query is in it.
    assert counted_search(qtbot, window, "开奖") == []  # the category filter hides the lottery FAQ
    assert bar.categories() == ("退款与退货",)
    assert bar.category_box.currentText() == "退款与退货 (0)"
    categories = entries(bar.category_box)
    assert categories["退款与退货"] == ("退款与退货 (0)", True)  # chosen: not greyed out
    assert categories["彩票业务"] == ("彩票业务 (1)", True)
    assert button_texts(window) == ["All 1", "Standard 0", "FAQ 1", "Script 0"]
    assert "退款与退货" in window.results.empty_text()
    # Choosing another entry greys out the one left behind.
    bar.set_category("彩票业务")
    qtbot.waitUntil(lambda: not window.search_pending() and window.model.ids() == ["faq-lottery-draw"], timeout=5000)
    assert entries(bar.category_box)["退款与退货"] == ("退款与退货 (0)", False)

    # A new article: the index update refreshes the lists and the counts,
    # and the chosen category is still chosen.
    write(content, "faq/lottery-prize.md", """
        ---
        id: faq-lottery-prize
        title: 足彩中奖怎么领奖？
        kind: faq
        category: 彩票兑奖
        tags: [足彩, 开奖, 领奖]
        ---
        开奖后中奖金额自动派到 APP 余额。
        """)
    qtbot.waitUntil(lambda: "彩票兑奖" in entries(bar.category_box), timeout=15000)
    qtbot.waitUntil(lambda: not window.counts_pending() and button_texts(window)[0] == "All 2", timeout=10000)
    assert entries(bar.category_box)["彩票兑奖"] == ("彩票兑奖 (1)", True)
    assert entries(bar.tag_box)["开奖"] == ("开奖 (2)", True)
    assert bar.categories() == ("彩票业务",) and bar.category_box.currentText() == "彩票业务 (1)"
    assert window.model.ids() == ["faq-lottery-draw"]

    # Clearing the query takes the counts away.
    window.field.clear()
    qtbot.waitUntil(lambda: not window.search_pending(), timeout=5000)
    assert button_texts(window) == KIND_LABELS
    assert entries(bar.category_box)["彩票业务"] == ("彩票业务", True)
    assert entries(bar.category_box)["退款与退货"] == ("退款与退货", True)
    assert bar.categories() == ("彩票业务",)


def test_outdated_counts_are_discarded(qtbot, make_window, content):
    window = make_window(content)
    counted_search(qtbot, window, "问候")
    before = button_texts(window)
    assert before == ["All 1", "Standard 0", "FAQ 0", "Script 1"]
    stale = FilterCounts(Counter({"faq": 7}), Counter({"退款与退货": 7}), Counter(), 7)
    # An answer for a query the agent has since changed ...
    window._on_counts(FacetCounts(window._seq - 1, "退款", stale, window._epoch))
    # ... for this query but counted on an index since replaced ...
    window._on_counts(FacetCounts(window._seq, "问候", stale, window._epoch - 1))
    # ... or asked before the agent typed this query (a later request number is impossible).
    window._on_counts(FacetCounts(window._seq + 1, "问候", stale, window._epoch))
    assert button_texts(window) == before
    assert window.search_bar.counts().total == 1

    # Typing quickly: only the last query is counted and shown.
    shown = []
    window.countsShown.connect(lambda seq: shown.append(seq))
    window.field.clear()
    for text in ("足", "足彩", "问", "开奖"):
        window.field.setText(text)
    qtbot.waitUntil(lambda: not window.counts_pending(), timeout=10000)
    assert shown == [window._seq]
    assert button_texts(window) == ["All 1", "Standard 0", "FAQ 1", "Script 0"]


def test_counts_in_chinese(qtbot, make_window, content):
    from kbdesk.ui.common import i18n

    window = make_window(content)
    counted_search(qtbot, window, "客服")
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: button_texts(window)[3] == "话术 1", timeout=3000)
        assert button_texts(window) == ["全部 3", "标准 0", "FAQ 2", "话术 1"]
        assert window.search_bar.category_box.itemText(0) == "所有分类"
        assert entries(window.search_bar.category_box)["退款与退货"][0] == "退款与退货 (1)"
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: button_texts(window)[3] == "Script 1", timeout=3000)


def test_a_query_of_filler_words_shows_no_counts(qtbot, make_window, content):
    window = make_window(content)
    counted_search(qtbot, window, "客服")
    assert window.search_bar.counts() is not None
    counted_search(qtbot, window, "怎么办")  # nothing but question words
    assert window.search_bar.counts() is None
    assert button_texts(window) == KIND_LABELS
