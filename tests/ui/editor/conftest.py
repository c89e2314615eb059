"""What the editor's tests share: the leads and an agent, a knowledge base with
a team as a git repository, an editor opened on it, and typing like a lead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kbdesk.authoring.first_run import start_history
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import Identity
from tests.conftest import write, write_team_settings
from tests.ui.conftest import type_text as _type_line

WANG = Identity("王敏", "wangmin@example.com")
LIU = Identity("刘芳", "liufang@example.com")
AGENT = Identity("小李", "xiaoli@example.com")
GREETING = "scripts/greeting.md"


@pytest.fixture
def team_content(content):
    """The test knowledge base with two leads (two-person rule), a taboo
    phrase, declared placeholders, as a git repository whose approved branch
    holds the approved articles (as the first-run copy of the sample does)."""
    write_team_settings(content)
    write(content, ".kbdesk/placeholders.yaml", """
        placeholders:
          客户称呼: {description: 对客户的称呼, default: 您}
          坐席姓名: {description: 客服代表的名字, profile: true}
          工号: {description: 客服代表的工号, profile: true}
          订单号: {description: 客户的订单编号}
        """)
    start_history(content)
    return content


@pytest.fixture
def open_editor(qtbot):
    from kbdesk.ui.app import create_app
    from kbdesk.ui.common import i18n
    from kbdesk.ui.editor.window import EditorWindow

    create_app()
    i18n.apply_language("en")
    editors = []

    def make(root, path=GREETING, who=WANG):
        editor = EditorWindow(ContentStore(root), path, who)
        qtbot.addWidget(editor)
        editors.append(editor)
        editor.show()
        qtbot.waitExposed(editor)
        return editor

    yield make
    for editor in editors:
        if not editor._closed:
            editor.close_without_asking()


def type_text(qtbot, widget, text: str) -> None:
    """Type like a lead: Chinese through an input method, Return for line breaks."""
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            _type_line(qtbot, widget, line)


def disk(root, path=GREETING) -> str:
    return (root / path).read_text(encoding="utf-8")


def select_in_source(editor, needle: str) -> None:
    cursor = editor.source.document().find(needle)
    assert not cursor.isNull(), needle
    editor.source.setTextCursor(cursor)
    editor.source.setFocus()


def greeting_in_review(root, by=WANG) -> None:
    """New wording of the greeting, saved and submitted by *by* (so that, under
    the two-person rule, only another lead may approve it)."""
    from kbdesk.authoring.workflow import Workflow

    path = root / GREETING
    path.write_text(path.read_text(encoding="utf-8").replace("很高兴为您服务", "非常高兴为您服务"), encoding="utf-8")
    flow = Workflow(ContentStore(root), by)
    flow.save("script-greeting", "新开场白")
    flow.submit("script-greeting")
    flow.close()
