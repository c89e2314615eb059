"""A malicious article renders harmlessly and its links lead nowhere."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument

from kbdesk.content.render import render_article
from tests.conftest import write
from tests.ui.conftest import search

MALICIOUS = """
---
id: faq-evil
title: 恶意测试文章
kind: faq
---
# 恶意测试文章

<script>document.title = "pwned"</script>
<img src="x.png" onerror="alert(1)">
<a href="javascript:alert(1)">脚本链接</a> [伪装](JaVaScRiPt:alert(2))
[本地文件](file:///etc/passwd) [数据](data:text/html;base64,PHNjcmlwdD4=)
![外面的图](../../outside.png) ![绝对路径](file:///etc/hosts) ![里面的图](img/ok.png)
<div onclick="alert(3)" style="background:url(javascript:alert(4))">样式</div>
[正常链接](refund-timeline.md) [网页](https://example.com/help)
"""


def _image(path, colour="red"):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))


def is_refused(value) -> bool:
    """What a refused resource loads as: an empty image, not None."""
    return isinstance(value, QImage) and value.isNull()


def _anchor_hrefs(document) -> list[str]:
    hrefs = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                hrefs.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return hrefs


def test_malicious_article_renders_harmlessly(qtbot, make_window, content, tmp_path):
    _image(tmp_path / "outside.png")  # content is tmp_path/content: ../../ from faq/ is outside
    _image(content / "faq" / "img" / "ok.png", "green")
    write(content, "faq/evil.md", MALICIOUS)
    window = make_window(content)
    externals, refused = [], []
    window.open_external = externals.append
    window.preview.linkRefused.connect(refused.append)

    assert search(qtbot, window, "恶意测试")[0] == "faq-evil"
    preview, browser = window.preview, window.preview.browser
    assert preview.article.id == "faq-evil"

    html = render_article(preview.article.body)
    low = html.lower()
    for bad in ("<script", "pwned", "onerror", "onclick", "javascript", "file:", "data:", "style=\"background"):
        assert bad not in low, bad
    shown = browser.toHtml().lower()
    assert "pwned" not in shown and "javascript" not in shown and "file:" not in shown
    assert window.windowTitle() != "pwned"

    image = QTextDocument.ResourceType.ImageResource.value
    # The image outside the content folder is not loaded, nor any file: or remote one.
    # A refused resource is an empty value, never None: for None, Qt loads the
    # URL itself from the working folder.
    for url in ("../../outside.png", "file:///etc/hosts", f"file://{tmp_path / 'outside.png'}",
                str(tmp_path / "outside.png"), "https://example.com/a.png"):
        assert is_refused(browser.loadResource(image, QUrl(url))), url
    assert browser.loadResource(QTextDocument.ResourceType.StyleSheetResource.value, QUrl("img/ok.png")) == ""
    # The one inside the content folder is.
    inside = browser.loadResource(image, QUrl("img/ok.png"))
    assert isinstance(inside, QImage) and not inside.isNull()

    # What the document itself loaded while laying out: the inside image only.
    document = browser.document()
    document.adjustSize()
    loaded = document.resource(image, QUrl("img/ok.png"))
    assert loaded is not None and not QImage(loaded).isNull()
    assert not document.resource(image, QUrl("../../outside.png"))

    # Only the two harmless links survive as links.
    hrefs = _anchor_hrefs(browser.document())
    assert sorted(hrefs) == ["https://example.com/help", "refund-timeline.md"]

    # Clicking a dangerous link (had one survived) loads nothing.
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html;base64,PHNjcmlwdD4=",
                "../../outside.md", "/etc/passwd", "qrc:/x", "mailto:a@example.com"):
        browser.anchorClicked.emit(QUrl(url))
        assert preview.article.id == "faq-evil", url
    assert externals == []
    assert len(refused) == 7

    # A web link goes to the system browser, never into the window.
    browser.anchorClicked.emit(QUrl("https://example.com/help"))
    assert [u.toString() for u in externals] == ["https://example.com/help"]
    assert preview.article.id == "faq-evil"


def test_links_between_articles_navigate_with_back_and_forward(qtbot, make_window, content):
    write(content, "faq/linked.md", """
        ---
        id: faq-linked
        title: 链接测试
        kind: faq
        ---
        详见 [退款到账时间](refund-timeline.md) 和 [记录要求](../standards/notes.md)。
        """)
    window = make_window(content)
    search(qtbot, window, "链接测试")
    preview, browser = window.preview, window.preview.browser
    assert preview.article.id == "faq-linked"

    # A real mouse click on the link text.
    cursor = browser.document().find("退款到账时间")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 1, QTextCursor.MoveMode.MoveAnchor)
    pos = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: preview.article.id == "faq-refund-timeline", timeout=3000)

    preview.back()
    assert preview.article.id == "faq-linked"
    browser.anchorClicked.emit(QUrl("../standards/notes.md"))
    assert preview.article.path == "standards/notes.md"
    preview.back()
    assert preview.article.id == "faq-linked" and preview.can_go_forward()
    preview.forward()
    assert preview.article.path == "standards/notes.md"
