"""Broken files are a lasting notice: a badge with their number, a list with
each path and why, and both follow the files as they are fixed."""

from __future__ import annotations

from tests.conftest import write


def test_badge_lists_broken_files_and_duplicate_ids_until_they_are_fixed(qtbot, make_window, content):
    (content / "faq" / "broken.md").write_bytes(b"---\ntitle: [x\n---\n")
    write(content, "faq/copy-of-draw.md", """
        ---
        id: faq-lottery-draw
        title: 开奖时间（副本）
        kind: faq
        ---
        每晚开奖。
        """)
    window = make_window(content)
    badge = window.problems_badge
    qtbot.waitUntil(lambda: badge.isVisible(), timeout=5000)
    assert badge.text() == "⚠ 3 files have problems"  # the broken one and the two sharing an id
    paths = {path for path, _ in badge.rows}
    assert paths == {"faq/broken.md", "faq/copy-of-draw.md", "faq/lottery-draw.md"}
    assert any("duplicate id faq-lottery-draw (also in faq/lottery-draw.md)" == why for _, why in badge.rows)
    assert any(path == "faq/broken.md" and "YAML" in why for path, why in badge.rows)

    badge.click()
    from kbdesk.ui.agent.problems import ProblemsDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ProblemsDialog)), timeout=3000)
    dialog = next(d for d in window.findChildren(ProblemsDialog) if d.isVisible())
    assert dialog.table.topLevelItemCount() == 3
    dialog.reject()

    # Fixed on disk: the badge follows the next update, and goes once all are fine.
    (content / "faq" / "copy-of-draw.md").unlink()
    with qtbot.waitSignal(window.facetsLoaded, timeout=10000):
        window.request_index_update()
    assert badge.text() == "⚠ 1 file has a problem" and badge.isVisible()
    write(content, "faq/broken.md", """
        ---
        title: 修好了
        kind: faq
        ---
        好了。
        """)
    with qtbot.waitSignal(window.facetsLoaded, timeout=10000):
        window.request_index_update()
    assert not badge.isVisible() and badge.rows == []
