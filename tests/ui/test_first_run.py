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


def test_setting_up_from_the_team_s_repository(qtbot, tmp_path, isolated_user_dirs):
    from kbdesk.authoring.first_run import copy_sample
    from kbdesk.content.versions import Identity
    from kbdesk.sync.syncing import Syncer, set_remote
    from kbdesk.ui.app import create_app

    create_app()
    lead = tmp_path / "lead-desk"
    copy_sample(lead)
    server = tmp_path / "team.git"
    from dulwich.repo import Repo

    Repo.init_bare(str(server), mkdir=True).close()
    set_remote(lead, str(server))
    Syncer(ContentStore(lead), Identity("王敏", "wangmin@kbdesk.example")).sync()

    dialog = _dialog(qtbot, tmp_path / "missing")
    dialog.url_edit.setText(str(tmp_path / "nowhere.git"))
    dialog.repository_button.click()
    assert not dialog.clone_box.isHidden()
    dialog.clone_button.click()
    qtbot.waitUntil(lambda: dialog.clone_job is None and "no git repository" in dialog.error.text(), timeout=30000)
    assert dialog.chosen is None and not (tmp_path / "missing").exists()

    dialog.url_edit.setText(str(server))
    dialog.name_edit.setText("刘芳")
    dialog.clone_button.click()
    qtbot.waitUntil(lambda: dialog.chosen is not None, timeout=60000)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (dialog.chosen / ".git").is_dir() and len(ContentStore(dialog.chosen).load_all().articles) >= 60
    assert Repo(str(dialog.chosen)).refs.read_ref(b"HEAD") == b"ref: refs/heads/main"  # 刘芳 is a lead
    assert load_settings()["identity"] == {"name": "刘芳", "email": "liufang@kbdesk.example"}
    assert load_settings()["content"] == str(tmp_path / "missing")
