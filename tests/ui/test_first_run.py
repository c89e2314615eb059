"""A content folder that cannot be opened: a way on, not an error box."""

from __future__ import annotations

from kbdesk.config import load_settings
from kbdesk.content.store import ContentError, ContentStore
from kbdesk.ui.common import i18n


def _dialog(qtbot, missing):
    from kbdesk.ui.first_run import FirstRunDialog

    try:
        ContentStore(missing)
    except ContentError as exc:
        reason = i18n.message_text(exc)
    dialog = FirstRunDialog(missing, reason)
    qtbot.addWidget(dialog)
    return dialog


def test_start_from_the_sample_in_the_missing_folder(qtbot, tmp_path, isolated_user_dirs):
    from kbdesk.ui.app import create_app

    create_app()
    i18n.apply_language("zh_CN")
    try:
        dialog = _dialog(qtbot, tmp_path / "team-kb")
        assert "内容文件夹不存在" in dialog.explanation.text()  # the reason in the user's language
        assert "无法打开知识库" in dialog.heading.text()
        assert not dialog.repository_button.isEnabled()
        dialog.sample_button.click()
    finally:
        i18n.apply_language("en")
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.chosen == tmp_path / "team-kb"
    store = ContentStore(dialog.chosen)
    assert len(store.load_all().articles) >= 60 and (dialog.chosen / ".git").is_dir()
    assert load_settings()["content"] == str(tmp_path / "team-kb")  # opened from now on


def test_choosing_an_existing_folder_opens_it_and_a_file_is_refused(qtbot, tmp_path, isolated_user_dirs):
    dialog = _dialog(qtbot, tmp_path / "missing")
    (tmp_path / "a-file.txt").write_text("x", encoding="utf-8")
    dialog.open_folder(tmp_path / "a-file.txt")
    assert dialog.chosen is None and "not a folder" in dialog.error.text()
    (tmp_path / "kb").mkdir()
    dialog.open_folder(tmp_path / "kb")
    assert dialog.chosen == tmp_path / "kb"
