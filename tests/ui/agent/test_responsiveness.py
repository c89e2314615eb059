"""The window keeps answering while a large index builds in the background."""

from __future__ import annotations

import random
import time

from PySide6.QtCore import QTimer

from kbdesk.search.index import IndexUpdate
from tests.ui.conftest import search

TOPICS = ["退款", "物流", "账号", "登录", "投诉", "回访", "发票", "优惠券", "会员", "彩票", "开奖", "密码"]
PHRASES = [
    "请客户提供订单号并核实身份", "按标准话术先致歉再说明进度", "超过承诺时限的需要升级处理",
    "在个人中心可以修改资料", "客服需在二十四小时内回复", "记录来电内容并跟踪处理结果",
    "不得承诺超出权限的事项", "说明原因并给出替代方案", "建工单转相关部门核查",
]


def generate(root, n: int = 800) -> None:
    rng = random.Random(7)
    for i in range(n):
        topic = rng.choice(TOPICS)
        kind = ("faq", "script", "standard")[i % 3]
        folder = {"faq": "faq", "script": "scripts", "standard": "standards"}[kind]
        body = "\n\n".join("".join(rng.sample(PHRASES, 3)) + f"（{topic}{i}）。" for _ in range(6))
        path = root / folder / f"gen-{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\nid: gen-{i}\ntitle: {topic}问题第{i}号\nkind: {kind}\ncategory: {topic}\n"
            f"tags: [{topic}, 生成]\n---\n# {topic}问题第{i}号\n\n{body}\n",
            encoding="utf-8",
        )


def test_event_loop_stays_responsive_while_a_large_index_builds(qtbot, make_window, tmp_path):
    root = tmp_path / "big"
    generate(root, 800)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    timer.start()
    started = time.perf_counter()
    window = make_window(root, wait_index=False)  # the window shows at once; the build runs behind it
    shown_after = time.perf_counter() - started
    assert window.index_busy()
    # The window answers while building: typing works and reports that the index is coming.
    search(qtbot, window, "退款")
    with qtbot.waitSignal(window.indexUpdated, timeout=120000) as done:
        pass
    timer.stop()
    built: IndexUpdate = done.args[0]
    assert isinstance(built, IndexUpdate) and built.rebuilt and len(built.added) == 800

    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 20
    longest = max(gaps)
    assert shown_after < 2.0
    assert longest < 0.25, f"event loop blocked for {longest * 1000:.0f} ms"
    # And the results arrive once the index answers.
    qtbot.waitUntil(lambda: not window.search_pending() and len(window.model.ids()) > 0, timeout=10000)
    assert window.model.item(0).title.startswith("退款")
