"""How an article is shown, in the agents' preview and the editor's alike.

Nothing in an article can make the window fetch anything by itself:

* the HTML is sanitised by :mod:`kbdesk.content.render` (no scripts, handlers, styles);
* links are never followed by Qt (``setOpenLinks(False)``): the view only
  emits ``linkRequested`` and its owner decides;
* ``loadResource`` loads images only from inside the content folder, and
  nothing else at all (no style sheets, no remote or ``file:`` images).

Part of an article can be selected and copied (Ctrl+C, or the context menu):
the clipboard gets just that part, as the agent sees it, as plain text and
HTML (see :func:`selection_for_clipboard`), never Markdown.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QTextBrowser,
    QWidget,
)

from kbdesk.content.render import (
    HIT_CLASS,
    NOTE_CLASS,
    NOTE_LABEL_CLASS,
    PLACEHOLDER_CLASS,
    SECTION_BAR_CLASS,
    SECTION_CLASS,
    SECTION_SCHEME,
    unfilled_mark,
)
from kbdesk.content.store import ContentError, ContentStore

ARTICLE_SUFFIXES = (".md", ".markdown")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp")
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_WIDTH = 640
WEB_SCHEMES = ("http", "https")
# Colours the preview marks things with; copying a selection takes them off again.
HIT_BACKGROUND = "#ffe7a3"
BLANK_BACKGROUND = "#e3eff5"
BLANK_FOREGROUND = "#1f5d8c"
NOTE_BACKGROUND = "#fbf3dc"  # a part for agents only: never copied
NOTE_FOREGROUND = "#5c4813"
THIN_SPACE, OBJECT_CHAR = "\u2009", "\ufffc"

DOCUMENT_CSS = f"""
body {{ color: #1f2933; }}
h1 {{ font-size: 1.35em; margin-top: 4px; margin-bottom: 8px; }}
h2 {{ font-size: 1.15em; margin-top: 16px; margin-bottom: 6px; color: #1f2933; }}
h3 {{ font-size: 1.05em; margin-top: 12px; margin-bottom: 4px; }}
p {{ margin-top: 4px; margin-bottom: 8px; line-height: 150%; }}
li {{ margin-bottom: 3px; line-height: 140%; }}
a {{ color: #2c6e8f; text-decoration: none; }}
table {{ border-collapse: collapse; margin-top: 6px; margin-bottom: 10px; }}
th {{ background-color: #f1f4f7; border: 1px solid #dde3ea; padding: 4px 10px; font-weight: 600; }}
td {{ border: 1px solid #dde3ea; padding: 4px 10px; }}
code {{ background-color: #f1f3f5; font-family: monospace; }}
pre {{ background-color: #f6f8fa; padding: 8px; }}
blockquote {{ color: #4a5568; margin-left: 12px; }}
.{PLACEHOLDER_CLASS} {{ background-color: {BLANK_BACKGROUND}; color: {BLANK_FOREGROUND}; white-space: pre-wrap; }}
.{HIT_CLASS} {{ background-color: {HIT_BACKGROUND}; }}
p.{SECTION_BAR_CLASS} {{ margin-top: 0px; margin-bottom: 6px; line-height: 100%; }}
a.{SECTION_CLASS} {{ font-weight: normal; color: #2c6e8f; }}
.{NOTE_CLASS} {{ background-color: {NOTE_BACKGROUND}; color: {NOTE_FOREGROUND}; }}
p.{NOTE_LABEL_CLASS} {{ margin-top: 10px; margin-bottom: 0px; font-weight: 600; }}
"""


def relative_target(current: str | None, href: str) -> str | None:
    """The content-relative path a relative link in *current* points to, or
    None if it leaves the content folder."""
    base = posixpath.dirname(current or "")
    joined = posixpath.normpath(posixpath.join(base, href))
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    return joined


def selection_for_clipboard(document: QTextDocument, start: int, end: int,
                            blanks: dict[str, str] | None = None, missing: list | None = None) -> tuple[str, str]:
    """(plain text, HTML) of ``document[start:end]`` of a rendered article,
    as it should be pasted: what the agent selected, without what only the
    preview adds — the "copy this part" links of a script's variants, the
    highlighting of the query's words, images (they would not load where
    it is pasted) — and with each blank shown as a chip (``物流单号``) put
    back as ``{{物流单号}}``, so that it stays visible as a blank to fill in
    (a selection touching a chip or a link takes it whole).

    A "copy this part" link is a line of its own under its heading: that
    line goes entirely, and a selection starting or ending on it starts
    with the text after it or ends with the heading."""
    start, end = sorted((max(0, start), max(0, end)))
    doc = document.clone()
    last = max(0, doc.characterCount() - 1)
    start, end = min(start, last), min(end, last)
    edits: list[tuple[int, int, str, QTextCharFormat]] = []  # (from, to, replacement, its format)
    hits: list[tuple[int, int, QTextCharFormat]] = []  # highlighted ranges, their format without it
    link_lines: list[tuple[int, int, QTextCharFormat]] = []  # (from, to, format) of the section links' lines
    notes: list[tuple[int, int]] = []  # blocks for agents only: they go, whatever is selected
    block = doc.findBlock(start)
    while block.isValid() and block.position() <= end:
        if _is_note(block):
            notes.append((block.position(), block.position() + len(block.text())))
            block = block.next()
            continue
        line = _section_link_line(block)
        if line is not None:
            link_lines.append(line)
            block = block.next()
            continue
        chip: list = []  # [from, to, text, format] of the placeholder chip being read
        for it in block:
            frag = it.fragment()
            a, b, fmt = frag.position(), frag.position() + frag.length(), frag.charFormat()
            if _has_colour(fmt.background(), HIT_BACKGROUND):
                fmt = QTextCharFormat(fmt)
                fmt.clearBackground()
                hits.append((a, b, fmt))
            is_chip = _has_colour(fmt.foreground(), BLANK_FOREGROUND)
            if is_chip and chip and chip[1] == a:
                chip[1], chip[2] = b, chip[2] + frag.text()
                continue
            if chip:
                edits.append(_chip_edit(*chip, blanks, missing))
                chip = []
            if is_chip:
                chip = [a, b, frag.text(), fmt]
            elif fmt.isImageFormat():
                edits.append((a, b, "", fmt))
            elif _is_section_link(fmt):  # (not on a line of its own: just the link)
                if a > 0 and doc.characterAt(a - 1).isspace():
                    a -= 1
                edits.append((a, b, "", fmt))
        if chip:
            edits.append(_chip_edit(*chip, blanks, missing))
        block = block.next()
    for a, b, _fmt in link_lines:
        if a <= start <= b:  # from the link's line: from the text under it
            start = min(b + 1, last)
        if a <= end <= b:  # to the link's line: to the end of the heading above it
            end = a - 1
    for a, b in notes:  # a selection starting or ending in a note starts or ends outside it
        if a <= start <= b:
            start = min(b + 1, last)
        if a <= end <= b:
            end = max(start, a - 1)
    if end <= start:
        return "", ""
    edits += [(a - 1, b, "", fmt) for a, b, fmt in link_lines  # the line, and the break before it
              if start < a and b <= end]
    edits += [(a - 1, b, "", QTextCharFormat()) for a, b in notes if start < a and b <= end]
    # The document is changed only now: changing it while reading its fragments would move them.
    cursor = QTextCursor(doc)
    for a, b, fmt in hits:  # formats only: positions stay
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)
    for a, b, text, fmt in sorted(edits, key=lambda e: e[0], reverse=True):
        if b <= start or a >= end:
            continue
        start, end = min(start, a), max(end, b)  # a chip or link is taken whole
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if text:
            cursor.insertText(text, fmt)
        end += len(text) - (b - a)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    fragment = cursor.selection()
    return fragment.toPlainText().replace(OBJECT_CHAR, ""), fragment.toHtml()


def _is_note(block) -> bool:
    """A block of a part for agents only (:data:`NOTE_CLASS`): its background,
    or, in a table cell, its text's colour."""
    if _has_colour(block.blockFormat().background(), NOTE_BACKGROUND):
        return True
    texts = [it.fragment() for it in block if it.fragment().text().strip()]
    return bool(texts) and all(_has_colour(f.charFormat().foreground(), NOTE_FOREGROUND)
                               or _has_colour(f.charFormat().foreground(), BLANK_FOREGROUND) for f in texts) \
        and any(_has_colour(f.charFormat().foreground(), NOTE_FOREGROUND) for f in texts)


def _is_section_link(fmt: QTextCharFormat) -> bool:
    return fmt.isAnchor() and fmt.anchorHref().startswith(f"{SECTION_SCHEME}:")


def _section_link_line(block) -> tuple[int, int, QTextCharFormat] | None:
    """(start, end of text, format) of *block* if it holds just a section's
    "copy this part" link (see :func:`kbdesk.content.render.add_section_links`)."""
    fmt = None
    for it in block:
        frag = it.fragment()
        if _is_section_link(frag.charFormat()):
            fmt = frag.charFormat()
        elif frag.text().strip():
            return None
    if fmt is None:
        return None
    return block.position(), block.position() + len(block.text()), fmt


def _has_colour(brush, colour: str) -> bool:
    return brush.style() != Qt.BrushStyle.NoBrush and brush.color().name() == colour


def _chip_edit(a: int, b: int, text: str, fmt: QTextCharFormat, blanks: dict[str, str] | None = None,
               missing: list | None = None) -> tuple[int, int, str, QTextCharFormat]:
    """A chip as copied: ``{{名称}}`` (for leads, *blanks* None), else its
    value or default from *blanks*, or 【名称】 (then in *missing*)."""
    names = [n.strip() for n in text.split(THIN_SPACE) if n.strip()]
    plain_fmt = QTextCharFormat(fmt)
    plain_fmt.clearBackground()
    plain_fmt.clearForeground()
    if blanks is None:
        return a, b, "".join("{{" + n + "}}" for n in names), plain_fmt
    out = []
    for n in names:
        if blanks.get(n):
            out.append(blanks[n])
        else:
            out.append(unfilled_mark(n))
            if missing is not None and n not in missing:
                missing.append(n)
    return a, b, "".join(out), plain_fmt


def refused_resource(type_) -> QImage | str:
    """What a resource that may not be loaded loads as: an empty image or text.
    Never None: for None, Qt's QTextDocument loads the URL itself, relative to
    the process's working folder (``../../dev/zero`` aborted the window)."""
    kind = getattr(type_, "value", type_)
    return QImage() if kind == QTextDocument.ResourceType.ImageResource.value else ""


def content_image(store: ContentStore, article_path: str | None, url: QUrl) -> Path | None:
    """The one place that decides which file an ``<img src>`` may show: a
    relative path to an image file of at most MAX_IMAGE_BYTES inside the
    content folder (symlinks resolved), or None."""
    if url.scheme() or url.host() or not url.path():
        return None
    target = relative_target(article_path, url.path())
    if target is None or not target.lower().endswith(IMAGE_SUFFIXES):
        return None
    try:
        path = store.resolve(target)  # follows symlinks; refuses outside the root
    except ContentError:
        return None
    try:
        if not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
    except OSError:
        return None
    return path


class SafeDocument(QTextDocument):
    """A QTextDocument (painting snippets, measuring) that loads nothing."""

    def loadResource(self, type_: int, url: QUrl):  # noqa: N802 - Qt override
        return refused_resource(type_)


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that follows no link and loads nothing by itself: for
    everything that shows HTML made from an article (diffs, the fill-in form)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])

    def loadResource(self, type_: int, url: QUrl):  # noqa: N802 - Qt override
        return refused_resource(type_)

    def setSource(self, *args, **kwargs):  # noqa: N802 - never navigate by URL
        return None


class ArticleBrowser(SafeBrowser):
    """A browser that follows nothing by itself and loads only images from
    inside the content folder (:func:`content_image`). Ctrl+C and the context
    menu copy the selected part (:func:`selection_for_clipboard`), unless
    ``copy_allowed`` is off (an article agents may not use): then
    ``copyRefused`` instead."""

    linkRequested = Signal(QUrl)
    selectionCopied = Signal(str)  # the plain text put on the clipboard
    copyRefused = Signal()

    def __init__(self, store: ContentStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewBrowser")
        self.store = store
        self.article_path: str | None = None  # relative path of the shown article
        self.document().setDefaultStyleSheet(DOCUMENT_CSS)
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self.linkRequested)
        self.copy_allowed = True
        # Values of the shown article's blanks for a copied selection (the
        # agents' preview); None keeps them as {{名称}} (the editor's).
        self.blank_values: dict[str, str] | None = None
        self.last_missing: list[str] = []  # blanks the last copied selection had no value for

    # -- copying a selection --------------------------------------------------------

    def has_selection(self) -> bool:
        return self.textCursor().hasSelection()

    def selection_mime_data(self) -> QMimeData | None:
        """Plain text and HTML of the selection, or None without one."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        self.last_missing = []
        plain, rich = selection_for_clipboard(self.document(), cursor.selectionStart(), cursor.selectionEnd(),
                                              self.blank_values, self.last_missing)
        mime = QMimeData()
        mime.setText(plain)
        mime.setHtml(rich)
        return mime

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt override (copy(), drag, X11 selection)
        mime = self.selection_mime_data() if self.copy_allowed else None
        return mime if mime is not None else QMimeData()

    def copy_selection(self) -> bool:
        """Put the selected part on the clipboard; False if nothing was copied."""
        if not self.has_selection():
            return False
        if not self.copy_allowed:
            self.copyRefused.emit()
            return False
        mime = self.selection_mime_data()
        text = mime.text()
        QApplication.clipboard().setMimeData(mime)
        self.selectionCopied.emit(text)
        return True

    def event(self, event: QEvent) -> bool:
        # Ctrl+C with a selection is this pane's, whatever shortcut the window has.
        if (event.type() == QEvent.Type.ShortcutOverride and event.matches(QKeySequence.StandardKey.Copy)
                and self.has_selection()):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            self.copy_selection()
            return
        super().keyPressEvent(event)

    def context_menu(self, pos: QPoint) -> QMenu:
        """The standard menu (Copy, Copy Link Location, Select All) with
        Copy doing :meth:`copy_selection`."""
        menu = self.createStandardContextMenu(pos)
        for action in menu.actions():
            if action.objectName() == "edit-copy":
                copy = QAction(action.icon(), action.text(), menu)
                copy.setObjectName("edit-copy")
                copy.setEnabled(self.has_selection() and self.copy_allowed)
                copy.triggered.connect(self.copy_selection)
                menu.insertAction(action, copy)
                menu.removeAction(action)
        return menu

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def image_path(self, url: QUrl) -> Path | None:
        """The file an ``<img src>`` of the shown article may load, or None."""
        return content_image(self.store, self.article_path, url)

    def loadResource(self, type_: int, url: QUrl):  # noqa: N802 - Qt override
        kind = getattr(type_, "value", type_)
        path = self.image_path(url) if kind == QTextDocument.ResourceType.ImageResource.value else None
        image = QImage(str(path)) if path is not None else QImage()
        if image.isNull():
            return refused_resource(type_)
        if image.width() > MAX_IMAGE_WIDTH:
            image = image.scaledToWidth(MAX_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        return image
