"""The way from the agents' window into the leads' editor: Ctrl+E, New
script, who the user is, recovery at start, and an approval updating the
agents' results at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kbdesk.authoring import autosave
from kbdesk.config import load_settings, save_settings
from kbdesk.content.article import content_hash
from tests.ui.conftest import search
from tests.ui.editor.conftest import AGENT, GREETING, LIU, WANG, disk, greeting_in_review, select_in_source, type_text


def sign_in(who) -> None:
    settings = load_settings()
    settings["identity"] = {"name": who.name, "email": who.email}
    save_settings(settings)


def test_lead_edits_with_ctrl_e_and_an_approval_updates_the_agents_results(qtbot, make_window, team_content):
    sign_in(WANG)
    window = make_window(team_content)
    assert window.edit_action.isEnabled() and window.new_action.isEnabled()
    assert search(qtbot, window, "问候") == ["script-greeting"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editors.editor_for(GREETING) is not None, timeout=5000)
    wang = window.editors.editor_for(GREETING)
    assert wang.identity == WANG and wang.is_lead

    select_in_source(wang, "很高兴为您服务")
    type_text(qtbot, wang.source, "欢迎光临小店")
    wang.save(message="新版开场白")
    wang.submit()
    qtbot.waitUntil(lambda: wang.loaded_status == "review", timeout=3000)
    with qtbot.waitSignal(wang.closed, timeout=3000):
        wang.close()
    # Agents still see (and search) the approved wording.
    assert search(qtbot, window, "欢迎光临小店") == []
    assert search(qtbot, window, "问候") == ["script-greeting"]
    assert "很高兴为您服务" in window.preview.browser.toPlainText()

    # Another lead approves from their editor: the window's index updates at once.
    sign_in(LIU)
    window.edit_action.trigger()
    qtbot.waitUntil(lambda: window.editors.editor_for(GREETING) is not None, timeout=5000)
    liu = window.editors.editor_for(GREETING)
    assert liu.identity == LIU
    with qtbot.waitSignal(window.indexUpdated, timeout=20000):
        liu.form.approve_button.click()
        qtbot.waitUntil(lambda: liu.approve_dialog is not None, timeout=3000)
        liu.approve_dialog.approve_button.click()
    qtbot.waitUntil(lambda: not window.index_busy(), timeout=20000)
    assert search(qtbot, window, "欢迎光临小店") == ["script-greeting"]
    assert "欢迎光临小店" in window.preview.browser.toPlainText()


def test_agents_cannot_edit_or_create(qtbot, make_window, team_content):
    sign_in(AGENT)
    window = make_window(team_content)
    for action in (window.edit_action, window.new_action, window.open_action):
        assert not action.isEnabled()
        assert "小李" in action.toolTip() and "only the leads listed" in action.toolTip()
    window.edit_action.trigger()
    assert window.editors.editors == {}


def test_first_use_asks_who_you_are(qtbot, make_window, team_content):
    window = make_window(team_content)
    assert window.edit_action.isEnabled()  # not known yet: the first use asks
    search(qtbot, window, "问候")
    window.edit_action.trigger()
    dialog = window.editors.identity_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.name_edit.setText(LIU.name)
    dialog.email_edit.setText(LIU.email)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.editors.editor_for(GREETING) is not None, timeout=5000)
    assert window.editors.editor_for(GREETING).identity == LIU
    assert load_settings()["identity"] == {"name": "刘芳", "email": "liufang@example.com"}
    assert "刘芳" in window.identity_action.text()


def test_new_script_is_a_draft_version(qtbot, make_window, team_content):
    sign_in(WANG)
    window = make_window(team_content)
    window.new_action.trigger()
    dialog = window.editors.new_dialog
    assert dialog is not None
    type_text(qtbot, dialog.title_edit, "久等致歉")
    assert dialog.path() == "scripts/jiu-deng-zhi-qian.md"
    dialog.ok_button.click()
    path = "scripts/jiu-deng-zhi-qian.md"
    qtbot.waitUntil(lambda: window.editors.editor_for(path) is not None, timeout=5000)
    editor = window.editors.editor_for(path)
    text = disk(team_content, path)
    assert "status: draft" in text and "title: 久等致歉" in text and "id: script-jiu-deng-zhi-qian" in text
    assert editor.text() == text and editor.loaded_status == "draft"
    history = editor.versions.versions
    assert len(history) == 1 and history[0].version.message == "New script 久等致歉"
    assert history[0].version.author.name == "王敏"
    assert editor.form.submit_button.isEnabled() and not editor.form.approve_button.isEnabled()


def test_unsaved_edits_are_offered_at_start_and_closing_the_window_asks(qtbot, make_window, team_content):
    sign_in(WANG)
    base = content_hash((team_content / GREETING).read_bytes())
    autosave.save(team_content, GREETING, disk(team_content).replace("很高兴", "崩溃前改的"), base)
    window = make_window(team_content)
    qtbot.waitUntil(lambda: window.editors.recovery_box is not None, timeout=5000)
    box = window.editors.recovery_box
    assert GREETING in box.text()
    [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole][0].click()
    qtbot.waitUntil(lambda: window.editors.editor_for(GREETING) is not None, timeout=5000)
    editor = window.editors.editor_for(GREETING)
    assert editor.recovery_bar.isVisible()
    editor.recovery_bar.buttons["restore"].click()
    assert "崩溃前改的" in editor.text() and editor.is_modified()

    # Closing the main window asks the editor about its unsaved changes first.
    assert not window.close()
    qtbot.waitUntil(lambda: editor.close_box is not None, timeout=3000)
    editor.close_box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and editor.isVisible()


def test_the_review_queue_lists_articles_in_review_and_opens_one(qtbot, make_window, team_content):
    from kbdesk.ui.editor.review_queue import ReviewQueueDialog

    greeting_in_review(team_content)
    sign_in(WANG)
    window = make_window(team_content)
    window.review_action.trigger()
    qtbot.waitUntil(lambda: window.editors.queue_dialog is not None, timeout=5000)
    dialog = window.editors.queue_dialog
    assert dialog.table.topLevelItemCount() == 1
    row = dialog.table.topLevelItem(0)
    assert row.text(1) == "王敏" and "two-person rule" in row.text(3)  # 王敏 wrote it: another lead approves
    dialog.table.itemActivated.emit(row, 0)
    qtbot.waitUntil(lambda: window.editors.editor_for(GREETING) is not None, timeout=5000)
    assert isinstance(dialog, ReviewQueueDialog) and dialog.chosen == GREETING


def test_the_window_acts_as_who_kbdesk_as_names_and_shows_it(qtbot, make_window, team_content):
    from kbdesk.cli import build_parser

    args = build_parser()[0].parse_args(["--as", "刘芳"])
    assert args.window_as == "刘芳" and args.command is None  # kbdesk --as 刘芳: the window
    window = make_window(team_content, acting_as=args.window_as)
    assert window.editors.identity() == LIU and window.editors.is_lead()
    assert window.identity_label.text() == "刘芳 · lead" and window.edit_action.isEnabled()
    agent = make_window(team_content, acting_as="小李")
    assert agent.identity_label.text() == "小李 · agent" and not agent.edit_action.isEnabled()
    assert "identity" not in load_settings()  # acting as someone is not remembered


def test_who_am_i_offers_the_teams_leads_and_a_change_reaches_open_editors(qtbot, make_window, team_content):
    sign_in(WANG)
    window = make_window(team_content)
    search(qtbot, window, "问候")
    window.edit_action.trigger()
    qtbot.waitUntil(lambda: window.editors.editor_for(GREETING) is not None, timeout=5000)
    editor = window.editors.editor_for(GREETING)
    assert editor.identity == WANG and editor.is_lead

    window.identity_action.trigger()
    dialog = window.editors.identity_dialog
    leads = [dialog.name_box.itemText(i) for i in range(dialog.name_box.count())]
    assert leads == ["王敏", "刘芳"] and dialog.name_box.currentText() == "王敏"
    dialog.name_box.setCurrentIndex(1)  # choosing a lead fills the e-mail
    assert dialog.email_edit.text() == LIU.email and "is a lead" in dialog.role_hint.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: editor.identity == LIU, timeout=3000)
    assert editor.workflow.identity == LIU and "刘芳" in editor.role_label.text()
    assert window.identity_label.text() == "刘芳 · lead"

    window.identity_action.trigger()  # a name that is no lead's: an agent, said before it is chosen
    dialog = window.editors.identity_dialog
    dialog.name_edit.setText("小李")
    assert "will be an agent" in dialog.role_hint.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not editor.is_lead, timeout=3000)
    assert editor.source.isReadOnly() and window.identity_label.text() == "小李 · agent"


def test_a_new_scripts_category_is_chosen_from_the_existing_ones_with_a_hint_for_near_ones(qtbot):
    from kbdesk.ui.app import create_app
    from kbdesk.ui.common import i18n
    from kbdesk.ui.editor.dialogs import NewScriptDialog

    create_app()
    i18n.apply_language("en")
    dialog = NewScriptDialog(set(), ["投诉处理", "退款与退货", "在线客服"])
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.category_box
    assert [box.itemText(i) for i in range(box.count())] == ["在线客服", "投诉处理", "退款与退货"]
    box.setCurrentIndex(1)
    assert dialog.category_edit.text() == "投诉处理" and not dialog.category_hint.isVisible()
    dialog.category_edit.setText("投诉与建议")  # a new one, close to 投诉处理
    assert dialog.category_hint.isVisible() and "投诉处理" in dialog.category_hint.text()
    dialog.category_edit.setText("会员权益")  # new, and like none: no hint
    assert not dialog.category_hint.isVisible()
    dialog.title_edit.setText("会员续费提醒")
    assert dialog.values()[2] == "会员权益"
