#!/usr/bin/env python3
"""Take a screenshot of the real kbdesk window, offscreen.

Starts the window on the repository's ``content/`` (with throwaway config,
data and index folders, so nothing of yours is read or written), types a
query, waits for the results, selects one and saves ``docs/screenshot.png``
with ``QWidget.grab()``.

    python tools/screenshot.py [--query 退款] [--lang zh_CN] [--out docs/screenshot.png]

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default=str(REPO / "content"))
    parser.add_argument("--query", default="退款")
    parser.add_argument("--select-kind", default="script",
                        help="select the first result of this kind (default: a reply script)")
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshot.png"))
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="kbdesk-shot-"))
    for var, sub in (("KBDESK_CONFIG_DIR", "config"), ("KBDESK_DATA_DIR", "data"), ("KBDESK_INDEX_DIR", "index")):
        os.environ[var] = str(scratch / sub)
    sys.path.insert(0, str(REPO))

    from PySide6.QtCore import QEventLoop, QTimer

    from kbdesk.config import save_settings
    from kbdesk.store import ContentStore

    save_settings({"language": args.lang, "profile": {"坐席姓名": "林晓", "工号": "8023"}})

    from kbdesk.ui.app import create_app
    from kbdesk.ui.main_window import MainWindow

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
    # Let layouts and the results' delegate settle before grabbing.
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        print(f"screenshot: could not write {out}", file=sys.stderr)
        return 1
    print(f"screenshot: {out} ({width}x{height}, query {args.query!r}, "
          f"selected {window.selected_item().title!r})")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
