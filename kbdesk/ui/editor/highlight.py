"""Syntax highlighting of an article's Markdown source: the front matter
block, headings, emphasis, links, lists, quotes, code, and ``{{placeholders}}``
(known ones in blue, names the team has not declared in red)."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from kbdesk.content.placeholders import PLACEHOLDER_RE

NORMAL, FRONT_MATTER, FENCE = 0, 1, 2

_HEADING_RE = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+.*$")
_LIST_RE = re.compile(r"^[ \t]*([-*+]|\d+[.)])[ \t]+")
_QUOTE_RE = re.compile(r"^[ \t]{0,3}>.*$")
_RULE_RE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")
_FENCE_RE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_RE = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")
_STRIKE_RE = re.compile(r"~~(.+?)~~")
_CODE_RE = re.compile(r"`[^`\n]+`")
_LINK_RE = re.compile(r"(!?\[)([^\]\n]*)(\]\()([^)\n]*)(\))")
_FRONT_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:")
_COMMENT_RE = re.compile(r"(?:^|[ \t])#.*$")


def _fmt(color: str | None = None, bold: bool = False, italic: bool = False, background: str | None = None,
         underline: bool = False, strike: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    if color:
        f.setForeground(QColor(color))
    if background:
        f.setBackground(QColor(background))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if italic:
        f.setFontItalic(True)
    if underline:
        f.setFontUnderline(True)
    if strike:
        f.setFontStrikeOut(True)
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights the article source in a QTextDocument."""

    FORMATS = {
        "front": _fmt("#5b6b7b", background="#f3f5f8"),
        "front-delimiter": _fmt("#9aa5b1", bold=True, background="#f3f5f8"),
        "front-key": _fmt("#7a3e9d", bold=True, background="#f3f5f8"),
        "front-comment": _fmt("#9aa5b1", italic=True, background="#f3f5f8"),
        "heading": _fmt("#1f5d8c", bold=True),
        "heading-mark": _fmt("#8fb3cc", bold=True),
        "strong": _fmt(bold=True),
        "em": _fmt(italic=True),
        "strike": _fmt("#6b7785", strike=True),
        "code": _fmt("#9a3412", background="#f6f1ee"),
        "fence": _fmt("#9a3412", background="#f6f1ee"),
        "link-text": _fmt("#2c6e8f", underline=True),
        "link-url": _fmt("#8a98a8"),
        "list": _fmt("#c2410c", bold=True),
        "quote": _fmt("#4a5568", italic=True),
        "rule": _fmt("#9aa5b1"),
        "placeholder": _fmt("#1f5d8c", bold=True, background="#dcecf6"),
        "placeholder-unknown": _fmt("#b42318", bold=True, background="#fde4e1"),
    }

    def __init__(self, document: QTextDocument, known_placeholders=None):
        super().__init__(document)
        self.known: set[str] | None = set(known_placeholders) if known_placeholders is not None else None

    def set_known_placeholders(self, names) -> None:
        self.known = set(names) if names is not None else None
        self.rehighlight()

    # Qt counts UTF-16 code units; Python counts code points.
    def _set(self, text: str, start: int, length: int, key: str) -> None:
        if length <= 0:
            return
        if text and max(text) > "\uffff":
            units = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731
            start, length = units(text[:start]), units(text[start:start + length])
        self.setFormat(start, length, self.FORMATS[key])

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        previous = self.previousBlockState()
        block = self.currentBlock().blockNumber()
        stripped = text.rstrip()
        self.setCurrentBlockState(NORMAL)

        if block == 0 and stripped.lstrip("\ufeff") == "---":
            self._set(text, 0, len(text), "front-delimiter")
            self.setCurrentBlockState(FRONT_MATTER)
            return
        if previous == FRONT_MATTER:
            if stripped in ("---", "..."):
                self._set(text, 0, len(text), "front-delimiter")
                return
            self.setCurrentBlockState(FRONT_MATTER)
            self._set(text, 0, len(text), "front")
            m = _FRONT_KEY_RE.match(text)
            if m:
                self._set(text, 0, m.end(), "front-key")
            c = _COMMENT_RE.search(text)
            if c and not re.search(r"['\"]", text[: c.start()]):
                self._set(text, c.start(), c.end() - c.start(), "front-comment")
            return
        if previous == FENCE or _FENCE_RE.match(text):
            opening = previous != FENCE
            self._set(text, 0, len(text), "fence")
            closing = not opening and _FENCE_RE.match(text)
            if opening or not closing:
                self.setCurrentBlockState(FENCE)
            return

        if _RULE_RE.match(text):
            self._set(text, 0, len(text), "rule")
            return
        m = _HEADING_RE.match(text)
        if m:
            self._set(text, 0, len(text), "heading")
            self._set(text, m.start(1), len(m.group(1)), "heading-mark")
        elif _QUOTE_RE.match(text):
            self._set(text, 0, len(text), "quote")
        m = _LIST_RE.match(text)
        if m:
            self._set(text, m.start(1), len(m.group(1)), "list")
        for m in _STRONG_RE.finditer(text):
            self._set(text, m.start(), m.end() - m.start(), "strong")
        for m in _EM_RE.finditer(text):
            self._set(text, m.start(), m.end() - m.start(), "em")
        for m in _STRIKE_RE.finditer(text):
            self._set(text, m.start(), m.end() - m.start(), "strike")
        for m in _LINK_RE.finditer(text):
            self._set(text, m.start(2), len(m.group(2)), "link-text")
            self._set(text, m.start(4), len(m.group(4)), "link-url")
        for m in _CODE_RE.finditer(text):
            self._set(text, m.start(), m.end() - m.start(), "code")
        for m in PLACEHOLDER_RE.finditer(text):
            known = self.known is None or m.group(1) in self.known
            self._set(text, m.start(), m.end() - m.start(), "placeholder" if known else "placeholder-unknown")

    def format_at(self, block_number: int, position: int) -> str | None:
        """The name of the format at *position* of a block (for tests)."""
        block = self.document().findBlockByNumber(block_number)
        for r in block.layout().formats():
            if r.start <= position < r.start + r.length:
                for name, fmt in self.FORMATS.items():
                    if fmt == r.format:
                        return name
        return None
