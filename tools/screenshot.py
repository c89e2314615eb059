#!/usr/bin/env python3
"""Take a screenshot of the real kbdesk window, offscreen.

Starts the window on the repository's ``content/`` (with throwaway config,
data and index folders, so nothing of yours is read or written), types a
query, waits for the results, selects one and saves ``docs/screenshot.png``
with ``QWidget.grab()``.

    python tools/screenshot.py [--query 退款] [--lang zh_CN] [--out docs/screenshot.png]

With ``--editor``, the leads' editor instead (``docs/editor.png``): a copy of
the content folder made into a git repository (so the real one is never
written), a reply script open as a lead, a taboo phrase typed so the lint
panel shows a finding.

    python tools/screenshot.py --editor [--script scripts/apology-long-wait.md] [--out docs/editor.png]

With ``--dashboard``, the leads' dashboard (``docs/dashboard.png``) over a copy
of the content folder and the made-up counts of twelve desktops over sixty
days (``random.Random(7)``), published to usage refs as a sync would.

    python tools/screenshot.py --dashboard

Chinese needs a CJK font on the machine (Debian: ``apt-get install fonts-noto-cjk``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def save_settled(widget, out: Path) -> bool:
    """Let layouts and item delegates settle, then save *widget* as a PNG."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()
    out.parent.mkdir(parents=True, exist_ok=True)
    if widget.grab().save(str(out)):
        return True
    print(f"screenshot: could not write {out}", file=sys.stderr)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default=str(REPO / "content"))
    parser.add_argument("--query", default="退款")
    parser.add_argument("--select-kind", default="script",
                        help="select the first result of this kind (default: a reply script)")
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--out", default=None, help="default: docs/screenshot.png, or docs/editor.png with --editor")
    parser.add_argument("--editor", action="store_true", help="the leads' editor instead of the agents' window")
    parser.add_argument("--dashboard", action="store_true", help="the leads' dashboard instead of the agents' window")
    parser.add_argument("--script", default="scripts/apology-long-wait.md", help="with --editor: the article to open")
    parser.add_argument("--type", default="不知道的问题我会帮您查清楚。", dest="typed",
                        help="with --editor: text typed into the script (a taboo phrase shows a lint error)")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = str(REPO / "docs" / ("editor.png" if args.editor else "dashboard.png" if args.dashboard
                                        else "screenshot.png"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="kbdesk-shot-"))
    for var, sub in (("KBDESK_CONFIG_DIR", "config"), ("KBDESK_DATA_DIR", "data"), ("KBDESK_INDEX_DIR", "index")):
        os.environ[var] = str(scratch / sub)
    sys.path.insert(0, str(REPO))

    from PySide6.QtCore import QEventLoop, QTimer

    from kbdesk.config import save_settings
    from kbdesk.content.store import ContentStore

    save_settings({"language": args.lang, "profile": {"坐席姓名": "林晓", "工号": "8023"}})

    from kbdesk.ui.agent.main_window import MainWindow
    from kbdesk.ui.app import create_app

    app = create_app()

    def wait_until(condition, timeout: float, what: str) -> None:
        # An event loop, not QTest.qWait: qWait keeps the GIL and starves the worker threads.
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"screenshot: timed out waiting for {what}")
            loop = QEventLoop()
            QTimer.singleShot(25, loop.quit)
            loop.exec()

    width, height = (int(v) for v in args.size.lower().split("x"))
    if args.editor:
        return editor_shot(args, app, wait_until, scratch, width, height)
    if args.dashboard:
        return dashboard_shot(args, app, wait_until, scratch, width, height)
    window = MainWindow(ContentStore(args.content))
    window.resize(width, height)
    window.splitter.setSizes([int(width * 0.42), int(width * 0.58)])
    window.show()
    window.start()
    wait_until(lambda: window._index_ready and not window.index_busy(), 120, "the index")

    window.field.setFocus()
    window.field.setText(args.query)
    wait_until(lambda: not window.search_pending() and window.model.rowCount() > 0, 20, "results")
    rows = [n for n, item in enumerate(window.model.items()) if item.kind == args.select_kind]
    window._select_row(rows[0] if rows else 0)
    wait_until(lambda: window.preview.article is not None, 5, "the preview")
    if not save_settled(window, Path(args.out)):
        return 1
    print(f"screenshot: {args.out} ({width}x{height}, query {args.query!r}, "
          f"selected {window.selected_item().title!r})")
    window.close()
    return 0


def editor_shot(args, app, wait_until, scratch: Path, width: int, height: int) -> int:
    import shutil

    from PySide6.QtGui import QInputMethodEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from kbdesk.authoring.first_run import start_history
    from kbdesk.authoring.team import Team
    from kbdesk.content.store import ContentStore
    from kbdesk.content.versions import Identity
    from kbdesk.ui.editor.window import EditorWindow

    content = scratch / "content"
    shutil.copytree(args.content, content, ignore=shutil.ignore_patterns(".git"))
    start_history(content)
    store = ContentStore(content)
    team = Team.load(content)
    lead = team.leads[0] if team.leads else Identity("王敏", "wangmin@kbdesk.example")
    # A second version by another lead, so the history has something to show.
    second = team.leads[1] if len(team.leads) > 1 else lead
    from kbdesk.authoring.workflow import Workflow
    from kbdesk.ui.editor.text import prepare_for_save

    flow = Workflow(store, second, team)
    text = store.read_bytes(args.script).decode("utf-8-sig")
    article = flow.store.load(args.script)
    edited, _ = prepare_for_save(text.replace("请问有什么可以帮您", "请问还有什么可以帮您", 1), text,
                                 article.status, args.script)
    flow.save_text(args.script, edited, article.hash, "开场问句改为“还有什么”")
    flow.submit(args.script)

    editor = EditorWindow(store, args.script, lead, team)
    editor.resize(width, height)
    editor.show()
    # Type at the end of the first paragraph of the body, as a lead would.
    doc = editor.source.document()
    cursor = doc.find("请问还有什么可以帮您？")
    if cursor.isNull():
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.source.setTextCursor(cursor)
    editor.source.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    editor.source.setFocus()
    commit = QInputMethodEvent("", [])
    commit.setCommitString(args.typed)
    QApplication.sendEvent(editor.source, commit)
    editor.source.centerCursor()
    wait_until(lambda: any(f.level == "error" for f in editor.lint_panel.findings), 5, "the lint panel")
    editor.versions.select(0, 1)
    errors = [n for n, f in enumerate(editor.lint_panel.findings) if f.level == "error"]
    editor.lint_panel.tree.setCurrentItem(editor.lint_panel.tree.topLevelItem(errors[0]))
    if not save_settled(editor, Path(args.out)):
        return 1
    print(f"screenshot: {args.out} ({width}x{height}, editor on {args.script}, "
          f"{len(editor.lint_panel.findings)} lint finding(s))")
    editor.close_without_asking()
    shutil.rmtree(scratch, ignore_errors=True)
    return 0



def dashboard_shot(args, app, wait_until, scratch: Path, width: int, height: int) -> int:
    import random
    import shutil

    from dulwich.repo import Repo

    from kbdesk.authoring.first_run import start_history
    from kbdesk.config import load_settings, save_settings
    from kbdesk.content.store import ContentStore
    from kbdesk.usage.sharing import publish_locally
    from kbdesk.ui.editor.hub import EditorHub
    from kbdesk.usage.store import ArticleRef, UsageStore

    root = scratch / "content"
    shutil.copytree(args.content, root)
    start_history(root)
    store = ContentStore(root)
    articles = [a for a in store.load_all().articles if a.status == "approved"]
    rng = random.Random(7)
    popular = rng.sample(articles, 12)
    queries = ["双十二 活动规则", "会员积分 清零", "发票 抬头 修改", "退款 到 哪张卡", "海外 手机号 注册",
               "直播间 优惠券", "账户 被盗 13812345678", "订单 D2026112001 催发货"]
    repo = Repo(str(root))
    now = time.time()
    for desk in range(12):
        with UsageStore(scratch / f"desk{desk}.sqlite3", scope=str(desk)) as usage:
            for day in range(60):
                when = now - day * 86400
                for _ in range(rng.randint(8, 30) if day % 7 not in (5, 6) else rng.randint(2, 8)):
                    a = rng.choice(popular if rng.random() < 0.8 else articles)
                    usage.record_copy(ArticleRef(a.id, a.path, a.title, a.kind, a.category), when=when,
                                      ms_to_copy=rng.randint(2500, 20000))
                for _ in range(rng.randint(0, 4)):
                    usage.record_search(rng.choice(queries), rng.choice(["failed", "empty", "failed"]), when=when)
            publish_locally(repo, f"desk{desk:012d}", usage.daily())
    repo.close()
    settings = load_settings()
    settings["identity"] = {"name": "王敏", "email": "wangmin@kbdesk.example"}
    save_settings(settings)
    hub = EditorHub(store)
    hub.dashboard()
    window = hub.dashboard_window
    window.resize(width, height)
    window.show()
    wait_until(lambda: window.isVisible(), 5, "the dashboard")
    window.tabs.setCurrentIndex(list(window.tables).index("failed"))
    if not save_settled(window, Path(args.out)):
        return 1
    print(f"screenshot: {args.out} ({width}x{height}, {window.stats.desktops} desktops, {window.stats.copies} copies)")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
