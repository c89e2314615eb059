"""The import dialog in real widgets: rows with what each file holds, the
original beside the article, kind chosen per file, one commit on Import,
nothing written on Cancel, and files dropped on the agents' window."""

from __future__ import annotations

from pathlib import Path

from dulwich.repo import Repo
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from kbdesk.authoring.workflow import Workflow
from kbdesk.content.store import ContentStore
from tests.ui.editor.conftest import WANG as LEAD

GUIDE = "客户服务指南.docxVIP\n2345人看过\n客户服务指南\n一、电话礼仪\n铃声响三声内接起，报工號(hào)牌号码。\n下载本文档\n"


def _docs(tmp_path: Path) -> list[Path]:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "指南.txt").write_bytes(GUIDE.encode("gbk"))
    (d / "坏的.docx").write_bytes(b"not a zip")
    return sorted(d.iterdir())


def _dialog(qtbot, root, paths):
    from kbdesk.ui.app import create_app
    from kbdesk.ui.common import i18n
    from kbdesk.ui.editor.import_dialog import ImportDialog

    create_app()
    i18n.apply_language("en")
    store = ContentStore(root)
    dialog = ImportDialog(store, Workflow(store, LEAD), paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.planning() and bool(dialog.planned), timeout=60000)
    return dialog


def test_rows_preview_kind_and_one_commit_on_import(qtbot, team_content, tmp_path):
    dialog = _dialog(qtbot, team_content, _docs(tmp_path))
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    assert set(rows) == {"指南.txt", "坏的.docx"}
    bad, good = rows["坏的.docx"], rows["指南.txt"]
    assert "password" in dialog.table.item(bad, 7).text()
    assert dialog.table.item(good, 1).text() == "gb18030" and dialog.table.item(good, 5).text() == "1"
    assert "boilerplate lines 3" in dialog.table.item(good, 6).text()
    dialog.table.selectRow(good)
    assert "2345人看过" in dialog.original.toPlainText()
    shown = dialog.result.toPlainText()
    assert "## 电话礼仪" in shown and "2345人看过" not in shown and "(hào)" not in shown
    # Another kind for this file: its article moves to that kind's folder.
    kinds = dialog.table.cellWidget(good, 2)
    kinds.setCurrentIndex(kinds.findData("faq"))
    assert dialog.planned[good].path.startswith("faq/") and "kind: faq" in dialog.result.toPlainText()
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 1"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    path = team_content / dialog.planned[good].path
    assert path.exists() and "## 电话礼仪" in path.read_text(encoding="utf-8")
    repo = Repo(str(team_content))
    assert repo[repo.refs[b"HEAD"]].message.decode().startswith("Import 1 documents\n\nKbdesk-Message: ")


def test_cancel_writes_nothing(qtbot, team_content, tmp_path):
    from kbdesk.ui.app import create_app
    from kbdesk.ui.editor.import_dialog import ImportDialog

    create_app()
    d = tmp_path / "many"
    d.mkdir()
    for n in range(60):
        (d / f"文档{n}.txt").write_bytes(f"第{n}份文档\n一、要点\n客服要耐心解答客户的问题，第{n}条。\n".encode("gbk"))
    before = sorted(p for p in team_content.rglob("*.md"))
    store = ContentStore(team_content)
    dialog = ImportDialog(store, Workflow(store, LEAD), [d])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert not dialog.planning()
    assert sorted(p for p in team_content.rglob("*.md")) == before


def test_files_dropped_on_the_window_open_the_import(qtbot, make_window, team_content, tmp_path):
    from kbdesk.config import load_settings, save_settings

    settings = load_settings()
    settings["identity"] = {"name": LEAD.name, "email": LEAD.email}
    save_settings(settings)
    window = make_window(team_content)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in _docs(tmp_path)])
    drop = QDropEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    # (Qt delivers a drop only after a drag over the window, which offscreen
    # cannot make: the window's own handler is called with the event.)
    window.dragEnterEvent(drop)
    assert drop.isAccepted()
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.editors.import_dialog is not None, timeout=5000)
    dialog = window.editors.import_dialog
    qtbot.waitUntil(lambda: not dialog.planning() and bool(dialog.planned), timeout=60000)
    assert {p.source for p in dialog.planned} == {"指南.txt", "坏的.docx"}
    dialog.reject()
