"""主管 ▸ 数据看板 with real usage counts of several desktops in a real
repository: the chart, the tables, CSV and PNG export, and a failed search
that becomes a new draft."""

from __future__ import annotations

import csv
import time

from dulwich.repo import Repo
from PySide6.QtGui import QImage

from kbdesk.usage.sharing import publish_locally
from kbdesk.usage.store import ArticleRef, UsageStore
from tests.ui.editor.conftest import WANG


def other_desktop(tmp_path, name, copies, searches):
    with UsageStore(tmp_path / f"{name}.sqlite3", scope=name) as usage:
        ref = ArticleRef("faq-refund-timeline", "faq/refund-timeline.md", "退款多久能到账？", "faq", "")
        for n in range(copies):
            usage.record_copy(ref, when=time.time() - n * 86400, ms_to_copy=3000)
        for query, outcome in searches:
            usage.record_search(query, outcome)
        return usage.daily()


def test_the_dashboard_shows_the_team_s_figures_and_exports_them(qtbot, make_window, team_content, tmp_path):
    from kbdesk.config import load_settings, save_settings

    settings = load_settings()
    settings["identity"] = {"name": WANG.name, "email": WANG.email}
    save_settings(settings)
    repo = Repo(str(team_content))
    publish_locally(repo, "desk00000001", other_desktop(tmp_path, "d1", 6, [("双十二 活动 13812345678", "empty"),
                                                                          ("积分 过期", "failed")]))
    publish_locally(repo, "desk00000002", other_desktop(tmp_path, "d2", 2, [("积分 过期", "failed")]))
    repo.close()
    window = make_window(team_content)
    window.dashboard_action.trigger()
    dashboard = window.editors.dashboard_window
    qtbot.waitExposed(dashboard)
    stats = dashboard.stats
    assert stats.shared and stats.desktops == 3 and stats.copies == 8
    assert "The counts of 3 desktops" in dashboard.source.text()
    assert len(dashboard.chart.bars.opts["height"]) == 30 and sum(dashboard.chart.bars.opts["height"]) == 8
    most = dashboard.tables["most"]
    assert most.topLevelItem(0).text(0) == "退款多久能到账？" and most.topLevelItem(0).text(1) == "8"
    failed = dashboard.tables["failed"]
    assert failed.topLevelItem(0).text(0) == "积分 过期" and failed.topLevelItem(0).text(1) == "2"
    empty = dashboard.tables["empty"]
    assert empty.topLevelItem(0).text(0) == "双十二 活动 〔电话〕"  # never the customer's number

    dashboard.tabs.setCurrentIndex(list(dashboard.tables).index("empty"))
    exported = dashboard.export_csv(str(tmp_path / "empty.csv"))
    with open(exported, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Search", "Found nothing", "Searches"] and rows[1][0] == "双十二 活动 〔电话〕"
    assert "13812345678" not in (tmp_path / "empty.csv").read_text(encoding="utf-8-sig")
    png = dashboard.export_png(str(tmp_path / "chart.png"))
    image = QImage(png)
    assert not image.isNull() and image.width() > 300

    # A search that found nothing becomes a new draft with its words as the title.
    dashboard.tables["empty"].setCurrentItem(empty.topLevelItem(0))
    dashboard.draft_button.click()
    qtbot.waitUntil(lambda: window.editors.new_dialog is not None, timeout=5000)
    assert window.editors.new_dialog.title_edit.text() == "双十二 活动"  # the placeholder is no title word
    window.editors.new_dialog.reject()

    # The period changes the figures.
    dashboard.period.setCurrentIndex(0)
    assert dashboard.stats.days == 7 and len(dashboard.chart.bars.opts["height"]) == 7
    dashboard.grab().save(str(tmp_path / "dashboard.png"))
