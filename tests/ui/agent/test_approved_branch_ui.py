"""With an approved branch, agents see and copy the approved wording, not drafts in the folder."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kbdesk.authoring import workflow
from tests.conftest import write
from tests.ui.conftest import search


def test_window_shows_and_copies_the_approved_wording(qtbot, make_window, content):
    from kbdesk.content.store import ContentStore
    from kbdesk.content.versions import Identity

    write(content, ".kbdesk/team.yaml", """
        approval: one_lead
        leads:
          - {name: 王敏, email: wangmin@example.com}
        """)
    wang = workflow.Workflow(ContentStore(content), Identity("王敏", "wangmin@example.com"))
    wang.save("script-greeting")
    wang.submit("script-greeting")
    assert wang.approve("script-greeting").approved_changed
    # A lead is now drafting new wording in the folder; it is not approved.
    draft = content / "scripts" / "greeting.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("很高兴为您服务", "欢迎光临小店"), encoding="utf-8")

    window = make_window(content)
    assert window.articles.source_name == "approved"
    assert search(qtbot, window, "问候") == ["script-greeting"]
    shown = window.preview.browser.toPlainText()
    assert "很高兴为您服务" in shown and "欢迎光临" not in shown
    assert search(qtbot, window, "欢迎光临小店") == []

    search(qtbot, window, "问候")
    qtbot.keyClick(window.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.fill_dialog is not None, timeout=5000)
    window.fill_dialog.fields["工号"].setText("1024")
    window.fill_dialog.fields["坐席姓名"].setText("小李")
    with qtbot.waitSignal(window.copied, timeout=5000) as copied:
        qtbot.keyClick(window.fill_dialog.fields["工号"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "很高兴为您服务" in copied.args[1] and "欢迎光临" not in copied.args[1]
