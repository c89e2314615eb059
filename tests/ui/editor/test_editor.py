"""The leads' editor on real git repositories in temp folders: editing with
live lint, saving versions, diffs, restore, review and approval, agents'
read-only view, conflicts with changes on disk, autosave after a kill, and
closing with unsaved changes."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from kbdesk.authoring import autosave
from kbdesk.content.store import ContentStore
from kbdesk.search.index import SearchIndex
from kbdesk.search.searcher import Searcher
from kbdesk.search.sources import agent_source
from tests.ui.editor.conftest import AGENT, GREETING, LIU, WANG, disk, greeting_in_review, select_in_source, type_text


def agent_texts(root, query, index_dir):
    """What an agent's search finds: (id, snippet) from the approved branch."""
    store = ContentStore(root)
    index = SearchIndex(store, index_dir, agent_source(store))
    index.update()
    searcher = Searcher(index)
    try:
        return [(h.id, h.snippet.text) for h in searcher.search(query).hits]
    finally:
        searcher.close()


def move_to_end(editor) -> None:
    editor.source.moveCursor(QTextCursor.MoveOperation.End)
    editor.source.setFocus()


def accept_confirm(qtbot, editor) -> None:
    qtbot.waitUntil(lambda: editor.confirm_box is not None and editor.confirm_box.isVisible(), timeout=3000)
    box = editor.confirm_box
    [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole][0].click()


def test_edit_lint_save_diff_restore_submit_and_approve(qtbot, open_editor, team_content, tmp_path):
    agents_index = tmp_path / "agents-index"
    wang = open_editor(team_content)
    assert wang.loaded_status == "approved" and not wang.source.isReadOnly()
    first_versions = len(wang.versions.versions)
    assert first_versions == 1 and wang.versions.versions[0].current_approved

    # A taboo phrase appears in the lint panel as an error while typing.
    move_to_end(wang)
    type_text(qtbot, wang.source, "\n这个我不知道")
    qtbot.waitUntil(lambda: any(f.rule == "taboo" for f in wang.lint_panel.findings), timeout=3000)
    errors = [f for f in wang.lint_panel.findings if f.level == "error"]
    assert len(errors) == 1 and "不知道" in errors[0].message
    assert errors[0].line == wang.text().split("\n").index("这个我不知道") + 1
    assert "1 lint error blocks approval" in wang.form.approve_button.toolTip()
    assert wang.lint_panel.summary.property("level") == "error"
    tree = wang.lint_panel.tree
    row = wang.lint_panel.findings.index(errors[0])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(tree.topLevelItem(row)).center())
    assert wang.source.textCursor().selectedText() == "不知道"
    type_text(qtbot, wang.source, "帮您确认")
    qtbot.waitUntil(lambda: not any(f.level == "error" for f in wang.lint_panel.findings), timeout=3000)
    assert "No lint errors" in wang.form.approve_button.toolTip()
    assert wang.lint_panel.summary.property("level") in ("ok", "warning")
    select_in_source(wang, "很高兴")
    type_text(qtbot, wang.source, "非常高兴")

    # Save with a message: a new version heads the history, as a draft.
    wang.save()
    dialog = wang.save_dialog
    assert dialog is not None and dialog.message_edit.text() == "Edit 在线问候话术"
    assert "帮您确认" in dialog.html
    dialog.message_edit.setText("补充确认说法")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: wang.save_dialog is None, timeout=3000)
    assert "这个我帮您确认" in disk(team_content) and "status: draft" in disk(team_content)
    assert not wang.is_modified()
    history = wang.versions.versions
    assert len(history) == first_versions + 1
    assert history[0].version.message == "补充确认说法" and history[0].version.author.name == "王敏"
    assert history[0].status == "draft" and history[1].current_approved
    assert "Saved “在线问候话术” as version " + history[0].version.short in wang.statusBar().currentMessage()

    # Two versions side by side: removed words struck through on the left,
    # added words green on the right.
    wang.versions.select(0, 1)
    diff = wang.versions.diff
    assert wang.versions.stack.currentWidget() is diff
    assert '<span class="kb-ins"' in diff.right_html and "帮您确认" in diff.right_html
    assert '<span class="kb-del"' in diff.left_html and ">很高兴</span>为您服务" in diff.left_html
    assert ">非常高兴</span>为您服务" in diff.right_html
    assert "kb-del" not in diff.right_html and "kb-ins" not in diff.left_html
    assert "line-through" in diff.left.toHtml() and "#d9f2e1" in diff.right.toHtml()
    wang.versions.select(1)
    assert "这个我帮您确认" not in wang.versions.single.toPlainText()

    # Restore the first version: the editor shows the old text; the history grew.
    wang.versions.restore_button.click()
    accept_confirm(qtbot, wang)
    qtbot.waitUntil(lambda: "帮您确认" not in wang.text(), timeout=3000)
    assert len(wang.versions.versions) == first_versions + 2
    assert "Restore" in wang.versions.versions[0].version.message
    assert "帮您确认" not in disk(team_content)

    # New wording, saved and submitted for review.
    select_in_source(wang, "很高兴为您服务")
    type_text(qtbot, wang.source, "欢迎光临小店")
    wang.save(message="新版开场白")
    wang.submit()
    qtbot.waitUntil(lambda: wang.loaded_status == "review", timeout=3000)
    assert "status: review" in disk(team_content) and wang.form.status_badge.text() == "In review"

    # Agents keep the approved wording meanwhile.
    found = agent_texts(team_content, "问候", agents_index)
    assert found and "很高兴为您服务" in found[0][1] and "欢迎光临" not in found[0][1]

    # The author may not approve it (two-person rule): the message says why.
    wang.approve()
    qtbot.waitUntil(lambda: wang.message_box is not None, timeout=3000)
    assert "two-person rule: 王敏 wrote the last change" in wang.last_message
    wang.message_box.close()

    # Another lead approves: the signal tells the main window, agents see it.
    liu = open_editor(team_content, who=LIU)
    assert liu.form.approve_button.isEnabled()
    with qtbot.waitSignal(liu.approvedChanged, timeout=5000) as approved:
        liu.form.approve_button.click()
        qtbot.waitUntil(lambda: liu.approve_dialog is not None, timeout=3000)
        liu.approve_dialog.approve_button.click()
    assert approved.args == [GREETING]
    assert liu.loaded_status == "approved" and liu.versions.versions[0].current_approved
    found = agent_texts(team_content, "问候", agents_index)
    assert found and "欢迎光临小店" in found[0][1]
    # The first editor notices the file changed on disk.
    qtbot.waitUntil(lambda: wang.reload_bar.isVisible(), timeout=5000)


def test_lint_errors_block_approval_with_the_reason(qtbot, open_editor, team_content):
    wang = open_editor(team_content)
    select_in_source(wang, "很高兴为您服务")
    type_text(qtbot, wang.source, "这个我不知道")
    wang.save(message="有忌语")
    # Submitting with errors warns first and lists them; cancelling sends nothing.
    wang.submit()
    qtbot.waitUntil(lambda: wang.confirm_box is not None, timeout=3000)
    assert "不知道" in wang.confirm_box.text() and "block approval" in wang.confirm_box.text()
    wang.confirm_box.button(wang.confirm_box.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: wang.confirm_box is None, timeout=3000)
    assert wang.loaded_status == "draft"
    wang.submit()
    qtbot.waitUntil(lambda: wang.confirm_box is not None, timeout=3000)
    anyway = next(b for b in wang.confirm_box.buttons() if b.text() == "Submit anyway")
    anyway.click()
    qtbot.waitUntil(lambda: wang.loaded_status == "review", timeout=3000)
    liu = open_editor(team_content, who=LIU)
    assert "1 lint error blocks approval" in liu.form.approve_button.toolTip()
    assert not liu.form.approve_button.isEnabled() and "1 lint error blocks approval" in liu.form.approve_reason.text()
    liu.approve()  # (the workflow refuses it too, whatever calls it)
    qtbot.waitUntil(lambda: liu.message_box is not None, timeout=3000)
    assert "block approval" in liu.last_message and "不知道" in liu.last_message
    assert liu.loaded_status == "review"


def test_a_lead_on_a_read_only_folder_reads_with_a_banner_and_nothing_is_tried(qtbot, open_editor, team_content,
                                                                               read_only_copy):
    root = read_only_copy(team_content)
    before = disk(root)
    lead = open_editor(root, who=WANG)
    assert lead.source.isReadOnly()
    banner = lead.readonly_bar.label.text()
    assert lead.readonly_bar.isVisible() and "is read-only for you, so nothing can be saved" in banner, banner
    assert lead.role_label.text() == "王敏 · lead, read only"
    for button in (lead.save_button, lead.form.submit_button, lead.form.retire_button,
                   lead.versions.restore_button, lead.placeholders.insert_button):
        assert not button.isEnabled()
        assert "is read-only for you" in button.toolTip()
    assert not lead.form.title_edit.isEnabled()
    lead.save(message="改一下")
    assert lead.save_dialog is None and "is read-only for you" in lead.last_message
    assert disk(root) == before and autosave.pending(root) == []


def test_a_save_on_a_full_disk_changes_nothing_keeps_the_typing_and_works_once_there_is_room(
        qtbot, open_editor, team_content, small_disk):
    import shutil

    from dulwich.repo import Repo

    root = small_disk.path / "content"
    shutil.copytree(team_content, root)
    editor = open_editor(root, who=WANG)
    versions = len(editor.workflow.history(GREETING))
    before, head = disk(root), Repo(str(root)).head()
    move_to_end(editor)
    type_text(qtbot, editor.source, "\n祝您生活愉快。")
    small_disk.fill(free=0)
    editor.save(message="加一句祝福")
    assert "nothing was saved" in editor.last_message or "nothing was recorded" in editor.last_message, \
        editor.last_message
    assert disk(root) == before and Repo(str(root)).head() == head
    assert not (root / ".git" / "kbdesk-operation.json").exists()
    assert editor.is_modified() and "祝您生活愉快。" in editor.text()
    editor.message_box.close()

    small_disk.free_up()
    editor.save(message="加一句祝福")
    assert "祝您生活愉快。" in disk(root) and not editor.is_modified()
    assert len(editor.workflow.history(GREETING)) == versions + 1


def test_agents_get_a_read_only_view_and_saving_is_refused(qtbot, open_editor, team_content):
    before = disk(team_content)
    agent = open_editor(team_content, who=AGENT)
    assert agent.source.isReadOnly()
    assert agent.readonly_bar.isVisible() and "agent" in agent.readonly_bar.label.text()
    for button in (agent.save_button, agent.form.submit_button, agent.form.approve_button,
                   agent.form.retire_button, agent.versions.restore_button, agent.placeholders.insert_button):
        assert not button.isEnabled()
        assert "only the leads listed in .kbdesk/team.yaml" in button.toolTip()
    assert not agent.form.title_edit.isEnabled()
    # The versions are there to read.
    agent.versions.select(0)
    assert "很高兴为您服务" in agent.versions.single.toPlainText()

    agent.activateWindow()
    qtbot.waitUntil(agent.isActiveWindow, timeout=3000)
    qtbot.keyClick(agent.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: agent.message_box is not None, timeout=3000)
    assert "only leads" in agent.last_message
    agent.message_box.close()
    agent.save(message="偷偷改")
    agent.restore_version(agent.versions.versions[0].version.commit)
    assert agent.save_dialog is None and agent.confirm_box is None
    assert disk(team_content) == before
    assert len(agent.workflow.history(GREETING)) == 1
    assert autosave.pending(team_content) == []


def test_a_change_on_disk_is_never_overwritten_silently(qtbot, open_editor, team_content):
    wang = open_editor(team_content)
    move_to_end(wang)
    type_text(qtbot, wang.source, "我的补充。")
    theirs = disk(team_content).replace("很高兴为您服务", "另一位主管改的")
    (team_content / GREETING).write_text(theirs, encoding="utf-8")
    qtbot.waitUntil(lambda: wang.reload_bar.isVisible(), timeout=5000)
    assert "changed on disk" in wang.reload_bar.label.text()

    # Save: the conflict dialog shows the words that differ; cancel writes nothing.
    wang.save(message="我的修改")
    dialog = wang.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert '<span class="kb-del"' in dialog.html and "另一位主管改的" in dialog.html
    assert '<span class="kb-ins"' in dialog.html and "我的补充" in dialog.html
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: wang.conflict_dialog is None, timeout=3000)
    assert disk(team_content) == theirs
    assert "我的补充" in wang.text() and "很高兴为您服务" in wang.text()

    # Keep mine: written over exactly the version that was shown.
    wang.save(message="我的修改")
    wang.conflict_dialog.keep_mine_button.click()
    qtbot.waitUntil(lambda: wang.conflict_dialog is None, timeout=3000)
    assert "我的补充" in disk(team_content) and "另一位主管改的" not in disk(team_content)
    assert wang.versions.versions[0].version.message == "我的修改"
    qtbot.waitUntil(lambda: not wang.reload_bar.isVisible(), timeout=3000)

    # Take theirs: the editor reloads the disk's version (Undo brings mine back).
    theirs = disk(team_content).replace("我的补充", "他们的补充")
    (team_content / GREETING).write_text(theirs, encoding="utf-8")
    move_to_end(wang)
    type_text(qtbot, wang.source, "再补一句。")
    wang.save(message="再改")
    wang.conflict_dialog.take_theirs_button.click()
    qtbot.waitUntil(lambda: wang.conflict_dialog is None, timeout=3000)
    assert wang.text() == theirs == disk(team_content) and not wang.is_modified()
    wang.source.undo()
    assert "再补一句" in wang.text()


def test_closing_with_unsaved_changes_asks(qtbot, open_editor, team_content):
    wang = open_editor(team_content)
    move_to_end(wang)
    type_text(qtbot, wang.source, "还没保存")
    before = disk(team_content)

    assert not wang.close()
    qtbot.waitUntil(lambda: wang.close_box is not None and wang.close_box.isVisible(), timeout=3000)
    wang.close_box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: wang.close_box is None, timeout=3000)
    assert wang.isVisible() and "还没保存" in wang.text()

    with qtbot.waitSignal(wang.closed, timeout=5000):
        wang.close()
        qtbot.waitUntil(lambda: wang.close_box is not None, timeout=3000)
        wang.close_box.button(QMessageBox.StandardButton.Discard).click()
    assert not wang.isVisible() and disk(team_content) == before
    assert autosave.pending(team_content) == []

    # Save, then close.
    other = open_editor(team_content)
    move_to_end(other)
    type_text(qtbot, other.source, "要保存的")
    other.close()
    qtbot.waitUntil(lambda: other.close_box is not None, timeout=3000)
    with qtbot.waitSignal(other.closed, timeout=5000):
        other.close_box.button(QMessageBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: other.save_dialog is not None, timeout=3000)
        other.save_dialog.save_button.click()
    assert "要保存的" in disk(team_content)


KILLED_EDITOR = r"""
import sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from kbdesk.authoring import autosave
from kbdesk.content.store import ContentStore
from kbdesk.ui.app import create_app
from kbdesk.content.versions import Identity

app = create_app()
from kbdesk.ui.editor.window import EditorWindow

root = Path(sys.argv[1])
editor = EditorWindow(ContentStore(root), "scripts/greeting.md", Identity("王敏", "wangmin@example.com"))
editor.autosave_timer.setInterval(200)
editor.show()
editor.source.setFocus()
editor.source.moveCursor(QTextCursor.MoveOperation.End)
QTest.keyClick(editor.source, Qt.Key.Key_Return)
commit = QInputMethodEvent("", [])
commit.setCommitString("稍后我会回电给您")
QApplication.sendEvent(editor.source, commit)
QTest.keyClicks(editor.source, " OK")


def poll():
    if autosave.pending(root):
        print("ready", flush=True)
        timer.stop()


timer = QTimer()
timer.timeout.connect(poll)
timer.start(50)
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_unsaved_text_survives_a_kill_and_is_offered_back(qtbot, open_editor, team_content):
    before = disk(team_content)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_EDITOR, str(team_content)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    line = ""
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([proc.stdout], [], [], 0.5)
            if ready:
                line = proc.stdout.readline().strip()
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
    assert line == "ready", err
    assert disk(team_content) == before

    wang = open_editor(team_content)
    assert wang.recovery_bar.isVisible() and "unexpectedly" in wang.recovery_bar.label.text()
    assert "稍后我会回电给您" not in wang.text()
    wang.recovery_bar.buttons["restore"].click()
    assert wang.text().endswith("\n稍后我会回电给您 OK") and wang.is_modified()
    assert not wang.recovery_bar.isVisible()
    wang.save(message="恢复的修改")
    assert "稍后我会回电给您 OK" in disk(team_content)
    assert autosave.pending(team_content) == []


def test_autosave_keeps_and_discards_the_buffer(qtbot, open_editor, team_content):
    wang = open_editor(team_content)
    wang.autosave_timer.setInterval(50)
    move_to_end(wang)
    type_text(qtbot, wang.source, "自动保存")
    qtbot.waitUntil(lambda: bool(autosave.pending(team_content)), timeout=3000)
    kept = autosave.pending(team_content)[0]
    assert kept.path == GREETING and kept.text.endswith("自动保存") and kept.base_hash == wang.loaded_hash
    wang.save(message="保存")
    assert autosave.pending(team_content) == []
    # Discarding the recovery offered on opening removes it.
    autosave.save(team_content, GREETING, "---\ntitle: 旧稿\n---\n旧稿\n", wang.loaded_hash)
    again = open_editor(team_content)
    assert again.recovery_bar.isVisible()
    again.recovery_bar.buttons["discard"].click()
    assert autosave.pending(team_content) == [] and not again.is_modified()


def test_form_placeholders_and_preview_follow_the_source(qtbot, open_editor, team_content):
    wang = open_editor(team_content)
    form = wang.form
    assert form.title_edit.text() == "在线问候话术" and form.kind_box.currentData() == "script"
    assert form.tags_edit.text() == "问候、开场" and form.status_badge.text() == "Approved"

    # Form → source: only the front matter line changes.
    form.title_edit.setFocus()
    form.title_edit.selectAll()
    qtbot.keyClicks(form.title_edit, "Greeting")
    assert "title: Greeting\n" in wang.text() and "在线问候话术" not in wang.text().split("---")[1]
    form.tags_edit.setText("")
    type_text(qtbot, form.tags_edit, "问候，开场、VIP")
    assert "tags: [问候, 开场, VIP]\n" in wang.text()
    form.review_check.setChecked(True)
    assert f"review_by: {form.review_date.date().toPython().isoformat()}\n" in wang.text()

    # Source → form (debounced), preview rendered by the agents' renderer.
    select_in_source(wang, "category: 在线客服")
    type_text(qtbot, wang.source, "category: 售后")
    qtbot.waitUntil(lambda: form.category_edit.text() == "售后", timeout=3000)
    assert "kb-ph" in wang.preview.toHtml() or "坐席姓名" in wang.preview.toPlainText()
    assert "很高兴为您服务" in wang.preview.toPlainText()

    # Placeholders: the ones used are ticked; inserting puts one at the cursor.
    assert set(wang.placeholders.used_marked()) == {"客户称呼", "坐席姓名", "工号"}
    select_in_source(wang, "很高兴为您服务")
    wang.source.moveCursor(QTextCursor.MoveOperation.EndOfWord)
    items = wang.placeholders.list
    row = next(i for i in range(items.count()) if items.item(i).data(Qt.ItemDataRole.UserRole) == "订单号")
    items.setCurrentRow(row)
    wang.placeholders.insert_button.click()
    assert "{{订单号}}" in wang.text()
    qtbot.waitUntil(lambda: "订单号" in wang.placeholders.used_marked(), timeout=3000)
    # An undeclared one is highlighted as unknown and reported by lint.
    move_to_end(wang)
    type_text(qtbot, wang.source, "{{会员等级}}")
    qtbot.waitUntil(lambda: any("会员等级" in f.message for f in wang.lint_panel.findings), timeout=3000)
    block = wang.source.document().lastBlock()
    assert wang.highlighter.format_at(block.blockNumber(), block.length() - 3) == "placeholder-unknown"
    assert wang.highlighter.format_at(1, 0) == "front-key"


def test_submit_offers_to_save_first_and_retire_withdraws_from_agents(qtbot, open_editor, team_content, tmp_path):
    wang = open_editor(team_content)
    select_in_source(wang, "很高兴为您服务")
    type_text(qtbot, wang.source, "非常高兴为您服务")
    # Submitting unsaved text: save it first (message asked), then submit.
    qtbot.waitUntil(wang.form.submit_button.isEnabled, timeout=3000)
    wang.form.submit_button.click()
    accept_confirm(qtbot, wang)
    qtbot.waitUntil(lambda: wang.save_dialog is not None, timeout=3000)
    wang.save_dialog.save_button.click()
    qtbot.waitUntil(lambda: wang.loaded_status == "review", timeout=3000)
    assert [v.version.summary[2] for v in wang.versions.versions[:2]] == [
        "Submit 在线问候话术 for review", "Edit 在线问候话术"]

    liu = open_editor(team_content, who=LIU)
    liu.form.retire_button.click()
    with qtbot.waitSignal(liu.approvedChanged, timeout=5000):
        accept_confirm(qtbot, liu)
    assert liu.loaded_status == "retired" and not liu.form.retire_button.isEnabled()
    assert liu.form.status_badge.text() == "Retired"
    assert agent_texts(team_content, "问候", tmp_path / "agents") == []


def test_the_editor_follows_the_language(qtbot, open_editor, team_content):
    from kbdesk.ui.common import i18n

    wang = open_editor(team_content)
    try:
        i18n.apply_language("zh_CN")
        qtbot.waitUntil(lambda: wang.save_button.text() == "保存", timeout=3000)
        assert wang.form.approve_button.text() == "批准" and wang.form.status_badge.text() == "已批准"
        assert wang.tabs.tabText(2) == "版本（1）" and wang.lint_panel.summary.text().startswith("检查")
    finally:
        i18n.apply_language("en")
    qtbot.waitUntil(lambda: wang.save_button.text() == "Save", timeout=3000)


def test_versions_tab_says_what_was_taken_over_and_why_it_may_be_empty(qtbot, open_editor, team_content, content):
    editor = open_editor(team_content)
    panel = editor.versions
    oldest = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert oldest.text(2) == "Approved (before versioning began)" and oldest.text(3) == "kbdesk"
    assert oldest.text(5) == "Import the sample knowledge base"

    # a folder that has no history yet: the list is empty, and says why and how it starts
    import shutil

    bare = content.parent / "bare"
    shutil.copytree(content, bare, ignore=shutil.ignore_patterns(".git"))
    fresh = open_editor(bare)
    assert fresh.versions.tree.topLevelItemCount() == 0
    assert "No versions yet" in fresh.versions.hint.text() and "first Save" in fresh.versions.hint.text()


def test_approve_is_disabled_with_the_reason_beside_it_when_it_cannot_succeed(qtbot, open_editor, team_content):
    from kbdesk.authoring.workflow import Workflow
    from kbdesk.content.store import ContentStore

    greeting_in_review(team_content)
    own = open_editor(team_content, who=WANG)
    assert own.loaded_status == "review"
    assert not own.form.approve_button.isEnabled()
    assert own.form.approve_reason.isVisible() and "another lead approves it" in own.form.approve_reason.text()
    other = open_editor(team_content, who=LIU)
    assert other.form.approve_button.isEnabled() and not other.form.approve_reason.isVisible()


def test_approving_first_shows_what_agents_will_see_instead_and_the_record_says_so(qtbot, open_editor, team_content):
    from dulwich.repo import Repo

    from kbdesk.content.versions import APPROVED_REF

    before = Repo(str(team_content)).refs[APPROVED_REF]
    greeting_in_review(team_content)
    liu = open_editor(team_content, who=LIU)
    liu.form.approve_button.click()
    qtbot.waitUntil(lambda: liu.approve_dialog is not None, timeout=3000)
    dialog = liu.approve_dialog
    left, right = dialog.diff.left.toPlainText(), dialog.diff.right.toPlainText()
    assert "很高兴为您服务" in left and "非常高兴为您服务" in right  # agents now → to approve
    assert "no problems" in dialog.checks.text() and dialog.approve_button.isEnabled()
    dialog.reject()  # cancelled: nothing changes
    qtbot.waitUntil(lambda: liu.approve_dialog is None, timeout=3000)
    assert liu.loaded_status == "review" and Repo(str(team_content)).refs[APPROVED_REF] == before

    liu.form.approve_button.click()
    qtbot.waitUntil(lambda: liu.approve_dialog is not None, timeout=3000)
    with qtbot.waitSignal(liu.approvedChanged, timeout=5000):
        liu.approve_dialog.approve_button.click()
    repo = Repo(str(team_content))
    message = repo[repo.refs[APPROVED_REF]].message.decode()
    assert message.startswith("Approve ") and "agents saw" in message
    assert f'"previous": "' in message


def test_editing_wording_in_review_returns_it_to_draft_and_says_so(qtbot, open_editor, team_content):
    wang = open_editor(team_content)
    select_in_source(wang, "很高兴为您服务")
    type_text(qtbot, wang.source, "非常高兴为您服务")
    wang.save(message="新开场白")
    wang.submit()
    qtbot.waitUntil(lambda: wang.loaded_status == "review", timeout=3000)
    select_in_source(wang, "非常高兴为您服务")
    type_text(qtbot, wang.source, "十分高兴为您服务")
    wang.save(message="又改了")
    qtbot.waitUntil(lambda: wang.loaded_status == "draft", timeout=3000)
    assert "status: draft" in disk(team_content)
    assert "draft again" in wang.statusBar().currentMessage()
