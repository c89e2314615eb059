"""An article that names /dev/zero (in its body or its title) must not bring
the window down. Qt, left to itself, reads such a file until memory runs out
and aborts the process, so the window runs in a child process here, with
its memory capped, and must exit normally."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import write

CHILD = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    from PySide6.QtWidgets import QApplication
    from kbdesk.ui.app import create_app
    app = create_app()
    from kbdesk.content.store import ContentStore
    from kbdesk.content.versions import Identity
    from kbdesk.ui.agent.fill_form import FillDialog
    from kbdesk.ui.agent.main_window import MainWindow
    from kbdesk.ui.editor.window import EditorWindow

    store = ContentStore(Path(sys.argv[1]))
    window = MainWindow(store)
    window.show()
    for path in ("faq/zero-body.md", "faq/zero-title.md"):
        assert window.preview.show_article(path), path
        window.preview.browser.document().adjustSize()
        QApplication.processEvents()
        article = window.articles.load(path)
        dialog = FillDialog(article.title, article.body, None, {})
        dialog.show()
        QApplication.processEvents()
        dialog.close()
        editor = EditorWindow(store, path, Identity("王敏", "w@example.com"))
        editor.show()
        QApplication.processEvents()
        editor.close_without_asking()
    window.close()
    print("survived")
""")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_article_naming_dev_zero_does_not_crash_the_window(content, tmp_path):
    depth = "../" * 12
    write(content, "faq/zero-body.md", f"""
        ---
        id: faq-zero-body
        title: 零设备正文
        kind: faq
        ---
        正文里的图：<img src="{depth}dev/zero"> 和 ![图]({depth}dev/zero) 和 <img src="/dev/zero">
        """)
    write(content, "faq/zero-title.md", """
        ---
        id: faq-zero-title
        title: '退款 <img src="/dev/zero">'
        kind: faq
        category: '<img src="/dev/zero">'
        ---
        标题里有图。
        """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(content)], capture_output=True, text=True,
                          timeout=240, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived" in done.stdout
