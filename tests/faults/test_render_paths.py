"""Every attack payload through every path that turns an article into HTML:
the preview's renderer, the clipboard's HTML, the fill-in form, snippets, and
the real widgets that show them (preview, editor preview, fill-in form,
result list, labels and tooltips). Nothing may run, and nothing outside the
content folder may be loaded, however the article is written."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
import yaml
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QLabel

from kbdesk.content.render import clipboard_html, copy_payload, render_article, render_filled
from kbdesk.search.results import make_snippet
from tests.conftest import write
from tests.faults.payloads import BODIES, FIELDS
from tests.ui.conftest import search

TAGS_NEVER = {"script", "iframe", "object", "embed", "svg", "math", "style", "link", "meta", "base", "form",
              "input", "video", "audio", "template", "noscript", "details"}
# http(s), mailto, a relative path, an anchor, or the section links kbdesk adds itself.
SAFE_HREF = re.compile(r"^(https?:|mailto:|kbdesk-section:\d+$|[^:/\\]*(?:/|$)|#)", re.I)


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in TAGS_NEVER:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            squashed = re.sub(r"[\x00-\x20]+", "", value).lower()
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            elif name == "style" and not re.fullmatch(r"text-align:(left|right|center|justify|start|end)", value):
                self.problems.append(f"{tag}[style={value}]")
            elif name == "href" and (not SAFE_HREF.match(squashed) or squashed.startswith(("//", "\\"))):
                self.problems.append(f"{tag}[href={value}]")
            elif name == "src" and (":" in squashed or squashed.startswith(("/", "\\"))):
                self.problems.append(f"{tag}[src={value}]")
            elif name in ("width", "height") and not (value.isdigit() and int(value) <= 2000):
                self.problems.append(f"{tag}[{name}={value}]")
            elif name in ("srcset", "poster", "action", "data", "xlink:href"):
                self.problems.append(f"{tag}[{name}]")


def problems_of(fragment: str) -> list[str]:
    checker = _Checker()
    checker.feed(fragment)
    checker.close()
    return checker.problems


CORE_PATHS = {
    "preview": lambda body: render_article(body, highlight_terms=["图片", "script"]),
    "preview with section links": lambda body: render_article("## 一\n" + body, section_label="复制本段"),
    "clipboard html": lambda body: copy_payload(body, {"客户称呼": "<img src=/dev/zero>"})[1],
    "clipboard html (plain)": clipboard_html,
    "fill-in form": lambda body: render_filled(body, {"客户称呼": "<script>x</script>"}),
    "snippet": lambda body: make_snippet(html.unescape(body), ["图片", "img"]).html(),
}


def test_checker_sees_what_it_must():
    assert problems_of('<img src="/dev/zero">') and problems_of('<a href="javascript:x">')
    assert problems_of('<td style="text-align:url(x)">') and problems_of("<script>")
    assert not problems_of('<a href="../faq/x.md">x</a><img src="img/a.png"><td style="text-align:center">')


def test_every_payload_is_harmless_on_every_core_path():
    tried, failures = 0, []
    for body in BODIES:
        for name, render in CORE_PATHS.items():
            tried += 1
            found = problems_of(render(body))
            if found:
                failures.append(f"{name}: {body!r}: {found}")
    print(f"\nrender paths: {tried} cases ({len(BODIES)} payloads × {len(CORE_PATHS)} paths), "
          f"{tried - len(failures)} handled")
    assert not failures, "\n".join(failures)


def _picture(path, colour="red"):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))


def _images_loaded(document: QTextDocument) -> dict[str, bool]:
    """{src: whether the document holds a real image for it} for every image
    the document laid out."""
    document.adjustSize()
    found = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                name = QTextImageFormat(fmt).name()
                value = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
                found[name] = isinstance(value, QImage) and not value.isNull() or bool(
                    value is not None and not isinstance(value, QImage) and len(value))
            it += 1
        block = block.next()
    return found


def _article(content, n: int, body: str, title: str = "", category: str = "安全测试") -> str:
    front = {"id": f"faq-attack-{n}", "title": title or f"攻击样本{n:03d}", "kind": "faq",
             "category": category, "tags": ["攻击样本"]}
    write(content, f"faq/attack-{n:03d}.md",
          "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + f"# {front['title']}\n\n{body}\n")
    return front["id"]


@pytest.fixture
def hostile_folder(content, tmp_path, monkeypatch):
    """Payload articles in the content folder; in the working folder (where
    Qt falls back to), pictures that nothing may show."""
    cwd = tmp_path / "cwd"
    _picture(cwd / "pic.png")
    _picture(cwd / "x.png")
    monkeypatch.chdir(cwd)
    _picture(content / "faq" / "img" / "ok.png", "green")
    # Pointed at a picture in the working folder, not at /dev/zero (that one
    # is test_preview_crash's, in a child process): failing must not take the
    # test run down with it.
    def harmless(text: str) -> str:
        return re.sub(r"(\.\./)*/?dev/zero", "pic.png", text)

    ids = [_article(content, n, harmless(body)) for n, body in enumerate(BODIES)]
    ids += [_article(content, 500 + n, "正文 ![里面](img/ok.png)", title=harmless(f), category=harmless(f))
            for n, f in enumerate(FIELDS)]
    return content, ids


def test_every_payload_is_harmless_in_the_real_widgets(qtbot, make_window, hostile_folder):
    from kbdesk.ui.agent.fill_form import FillDialog
    from kbdesk.ui.editor.window import EditorWindow

    content, ids = hostile_folder
    window = make_window(content)
    tried, failures = 0, []

    def check_document(where: str, document: QTextDocument) -> None:
        nonlocal tried
        tried += 1
        for src, loaded in _images_loaded(document).items():
            if loaded and src != "img/ok.png":
                failures.append(f"{where}: loaded {src}")

    for n, article_id in enumerate(ids):
        path = f"faq/attack-{500 + n - len(BODIES):03d}.md" if n >= len(BODIES) else f"faq/attack-{n:03d}.md"
        assert window.preview.show_article(path), path
        check_document(f"preview {path}", window.preview.browser.document())
        for label in window.preview.findChildren(QLabel):
            tried += 1
            if label.text() and label.textFormat() != label.textFormat().PlainText:
                failures.append(f"preview label {label.objectName()!r} may render HTML: {label.text()!r}")
        article = window.articles.load(path)
        dialog = FillDialog(article.title, article.body, None, {})
        qtbot.addWidget(dialog)
        check_document(f"fill form {path}", dialog.preview.document())
        dialog.close()

    # Result rows and their tooltips: titles and paths shown as text.
    ids_found = search(qtbot, window, "攻击样本")
    assert len(ids_found) >= 5
    model = window.results.model()
    for row in range(model.rowCount()):
        tried += 1
        tip = model.data(model.index(row, 0), 3)  # ToolTipRole
        if tip and "<img" in tip:
            failures.append(f"result tooltip is HTML: {tip!r}")

    # The editor's preview and labels, for the articles whose fields are payloads.
    from kbdesk.content.store import ContentStore
    from kbdesk.content.versions import Identity

    for n in range(len(FIELDS)):
        editor = EditorWindow(ContentStore(content), f"faq/attack-{500 + n:03d}.md", Identity("王敏", "w@example.com"))
        qtbot.addWidget(editor)
        check_document(f"editor preview {n}", editor.preview.document())
        for label in editor.findChildren(QLabel):
            tried += 1
            if label.text() and label.textFormat() != label.textFormat().PlainText:
                failures.append(f"editor label {label.objectName()!r} may render HTML: {label.text()!r}")
        editor.close_without_asking()

    print(f"\nwidgets: {tried} cases ({len(ids)} articles in preview, fill-in form, result list, editor), "
          f"{tried - len(failures)} handled")
    assert not failures, "\n".join(failures[:30])


def test_a_title_that_looks_like_html_is_shown_as_text(qtbot, make_window, hostile_folder):
    content, _ = hostile_folder
    window = make_window(content)
    assert window.preview.show_article("faq/attack-500.md")
    assert window.preview.title_label.text() == '退款 <img src="pic.png">'
    assert window.preview.title_label.textFormat() == window.preview.title_label.textFormat().PlainText


def test_only_the_safe_widgets_are_made_in_the_window():
    """Labels, message boxes, browsers and documents guess whether text is
    HTML and load what it names; kbdesk makes only its safe ones."""
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "kbdesk" / "ui"
    unsafe = re.compile(r"\b(QLabel|QMessageBox|QTextBrowser|QTextDocument)\((?!\))")
    allowed = {ui / "common" / "widgets.py", ui / "common" / "article_view.py"}
    offenders = [f"{p.relative_to(ui)}:{n}: {line.strip()}" for p in ui.rglob("*.py") if p not in allowed
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if unsafe.search(line) and "QMessageBox.Icon" not in line]
    assert not offenders, "\n".join(offenders)
