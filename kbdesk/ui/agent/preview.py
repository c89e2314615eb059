"""The agents' preview pane: one article (shown by
:class:`kbdesk.ui.common.article_view.ArticleBrowser`), its header with
Back/Forward between linked articles, pin and copy, and a warning banner.

A relative ``.md`` link opens that article inside the pane, an ``http(s)``
link is handed to the system browser, anything else is refused. The window's
own shortcuts do not take Ctrl+C from the pane while it has a selection.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kbdesk.content.article import Article, ArticleError
from kbdesk.content.audience import Audience
from kbdesk.content.render import (
    SECTION_SCHEME,
    render_article,
    strip_title_heading,
)
from kbdesk.content.store import ContentError, ContentStore
from kbdesk.ui.agent.articles import AgentArticles
from kbdesk.ui.common.article_view import ARTICLE_SUFFIXES, WEB_SCHEMES, ArticleBrowser, relative_target
from kbdesk.ui.common.i18n import kind_label, message_text
from kbdesk.ui.common.resources import icon
from kbdesk.ui.common.widgets import TextLabel, plain_tooltip, unbreakable


class PreviewPane(QWidget):
    """Header (Back/Forward, title, pin, copy), a warning banner, the article."""

    copyRequested = Signal(str)  # relative path of the shown article
    sectionCopyRequested = Signal(str, int)  # path, index of the '## ' section (a script's variant)
    pinRequested = Signal(str)
    externalLinkRequested = Signal(QUrl)  # http(s) only
    linkRefused = Signal(str)
    articleShown = Signal(str)
    selectionCopied = Signal(str, str)  # path of the article, the plain text of the part copied
    selectionCopyRefused = Signal(str)  # path of an article agents may not use

    def __init__(self, store: ContentStore, articles: AgentArticles, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.store = store
        self.articles = articles
        self.audience = Audience.for_folder(store.settings_dir)
        self.article: Article | None = None
        self.terms: list[str] = []
        self._history: list[str] = []
        self._pos = -1
        self._pinned = False

        self.back_button = self._tool_button("back")
        self.forward_button = self._tool_button("forward")
        self.back_button.clicked.connect(self.back)
        self.forward_button.clicked.connect(self.forward)
        self.title_label = TextLabel(self)
        self.title_label.setObjectName("previewTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = TextLabel(self)
        self.meta_label.setObjectName("previewMeta")
        self.meta_label.setWordWrap(True)
        self.pin_button = self._tool_button("star")
        self.pin_button.clicked.connect(lambda: self.article and self.pinRequested.emit(self.article.path))
        self.copy_button = QPushButton(icon("copy-light"), "", self)
        self.copy_button.setObjectName("primaryButton")
        self.copy_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.copy_button.clicked.connect(lambda: self.article and self.copyRequested.emit(self.article.path))

        nav = QHBoxLayout()
        nav.setSpacing(2)
        nav.addWidget(self.back_button)
        nav.addWidget(self.forward_button)
        nav.addSpacing(6)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.meta_label)
        nav.addLayout(titles, 1)
        nav.addWidget(self.pin_button, 0, Qt.AlignmentFlag.AlignTop)
        nav.addSpacing(4)
        nav.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)

        header = QWidget(self)
        header.setObjectName("previewHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(12, 10, 14, 10)
        header_layout.setSpacing(8)
        header_layout.addLayout(nav)
        self.banner = TextLabel(header)
        self.banner.setObjectName("previewBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        header_layout.addWidget(self.banner)

        self.browser = ArticleBrowser(store, self)
        self.browser.linkRequested.connect(self.follow_link)
        self.browser.selectionCopied.connect(
            lambda text: self.article and self.selectionCopied.emit(self.article.path, text))
        self.browser.copyRefused.connect(lambda: self.article and self.selectionCopyRefused.emit(self.article.path))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.browser, 1)
        self.retranslate()
        self._update_header()

    def _tool_button(self, icon_name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("iconButton")
        button.setIcon(icon(icon_name))
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    # -- showing ---------------------------------------------------------------

    def show_article(self, path: str, terms: list[str] | None = None, push: bool = True,
                     section: tuple[str, ...] = (), line: int = -1) -> bool:
        """Load and show the article at *path* (relative), scrolled to the
        heading path *section* if given (where the search found the answer,
        at *line* of the body); False if it cannot be read."""
        if terms is not None:
            self.terms = list(terms)
        try:
            article = self.articles.load(path)
        except (ArticleError, ContentError) as exc:
            self.article = None
            self.browser.article_path = None
            self.browser.copy_allowed = True
            self.browser.setPlainText(self.tr("This article cannot be shown: {reason}").replace(
                "{reason}", message_text(exc)))
            self._update_header()
            return False
        if push:
            del self._history[self._pos + 1:]
            if not self._history or self._history[-1] != path:
                self._history.append(path)
            self._pos = len(self._history) - 1
        self.article = article
        self.browser.article_path = article.path
        self.browser.copy_allowed = article.visible_to_agents  # unapproved wording is not for customers
        body = strip_title_heading(article.body, article.title)
        # Reply scripts often hold several variants (## 通用版, ## 客户带着订单进线),
        # long standards many sections: each can be copied on its own.
        label = self.tr("Copy this part") if article.visible_to_agents else None
        self.browser.setHtml(render_article(body, highlight_terms=self.terms, section_label=label,
                                            audience=self.audience,
                                            note_label=self.tr("For agents only · never copied")))
        self.browser.verticalScrollBar().setValue(self._heading_top(section, article.body, line) if section else 0)
        self._update_header()
        self.articleShown.emit(article.path)
        return True

    def _heading_top(self, section: tuple[str, ...], body: str = "", line: int = -1) -> int:
        """Where the last heading of *section* is drawn (the first heading with
        its text, after those of the path before it), 0 if none is."""
        document = self.browser.document()
        layout = document.documentLayout()
        wanted = list(section)
        block = document.begin()
        while block.isValid() and wanted:
            if block.blockFormat().headingLevel() and block.text().strip() == wanted[0]:
                wanted.pop(0)
                if not wanted:
                    return max(0, int(layout.blockBoundingRect(block).top()) - 4)
            block = block.next()
        # A plain text's headings are lines of it (一、接听时限, 6   工单催办),
        # drawn as lines of a paragraph; a table of contents may name it
        # first. The line is the one with as many such lines before it as the
        # body has before the passage's line.
        target = section[-1]

        def names_it(text: str) -> bool:
            text = " ".join(text.split())
            return text.endswith(target) and len(text) <= len(target) + 6

        before = sum(map(names_it, body.split("\n")[:max(0, line)])) if body and line > 0 else 0
        found = []
        block = document.begin()
        while block.isValid():
            offset = 0
            for text in block.text().split("\u2028"):
                if names_it(text):
                    top = layout.blockBoundingRect(block).top()
                    drawn = block.layout().lineForTextPosition(offset)
                    found.append(max(0, int(top + (drawn.y() if drawn.isValid() else 0)) - 4))
                offset += len(text) + 1
            block = block.next()
        return found[min(before, len(found) - 1)] if found else 0

    def reload(self) -> None:
        """Show the current article again (it changed on disk)."""
        if self.article is not None:
            scroll = self.browser.verticalScrollBar().value()
            if self.show_article(self.article.path, push=False):
                self.browser.verticalScrollBar().setValue(scroll)

    def clear(self) -> None:
        self.article = None
        self.browser.article_path = None
        self.browser.clear()
        self._update_header()

    def set_pinned(self, pinned: bool) -> None:
        self._pinned = pinned
        self.pin_button.setIcon(icon("star-filled" if pinned else "star"))
        self.retranslate()

    # -- history -----------------------------------------------------------------

    def can_go_back(self) -> bool:
        return self._pos > 0

    def can_go_forward(self) -> bool:
        return 0 <= self._pos < len(self._history) - 1

    def back(self) -> None:
        if self.can_go_back():
            self._pos -= 1
            self.show_article(self._history[self._pos], push=False)

    def forward(self) -> None:
        if self.can_go_forward():
            self._pos += 1
            self.show_article(self._history[self._pos], push=False)

    # -- links -------------------------------------------------------------------

    def follow_link(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == SECTION_SCHEME and self.article is not None and url.path().isdigit():
            self.sectionCopyRequested.emit(self.article.path, int(url.path()))
            return
        if scheme in WEB_SCHEMES and url.host():
            self.externalLinkRequested.emit(url)
            return
        if not scheme and not url.host():
            if not url.path() and url.fragment():
                self.browser.scrollToAnchor(url.fragment())
                return
            target = relative_target(self.article.path if self.article else None, url.path())
            if target and target.lower().endswith(ARTICLE_SUFFIXES) and self.articles.exists(target):
                self.show_article(target)
                return
        self.linkRefused.emit(url.toDisplayString())

    # -- header ------------------------------------------------------------------

    def _update_header(self) -> None:
        a = self.article
        self.back_button.setEnabled(self.can_go_back())
        self.forward_button.setEnabled(self.can_go_forward())
        self.copy_button.setEnabled(a is not None and a.visible_to_agents)
        self.pin_button.setEnabled(a is not None)
        if a is None:
            self.title_label.setText("")
            self.meta_label.setText("")
            self.banner.hide()
            return
        self.title_label.setText(a.title)
        parts = [unbreakable(kind_label(a.kind))]
        if a.category:
            parts.append(unbreakable(a.category))
        if a.tags:
            parts.append(" ".join(unbreakable("#" + t) for t in a.tags))
        if a.updated:
            parts.append(unbreakable(self.tr("updated {date}").replace("{date}", a.updated.isoformat())))
        if a.owner:
            parts.append(unbreakable(a.owner))
        self.meta_label.setText("  ·  ".join(parts))
        warnings = []
        if not a.visible_to_agents:
            warnings.append(self.tr("Not approved ({status}): do not use this wording with customers.")
                            .replace("{status}", a.status))
        if a.needs_review():
            warnings.append(self.tr("Review overdue since {date}: check with your lead before relying on it.")
                            .replace("{date}", a.review_by.isoformat()))
        self.banner.setText("\n".join(warnings))
        self.banner.setVisible(bool(warnings))

    def retranslate(self) -> None:
        self.back_button.setToolTip(self.tr("Back (Alt+Left)"))
        self.forward_button.setToolTip(self.tr("Forward (Alt+Right)"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy this article (Enter in the search field copies the selected result)"))
        self.pin_button.setToolTip(plain_tooltip(self.tr("Remove from favourites (Ctrl+D)") if self._pinned
                                   else self.tr("Add to favourites (Ctrl+D)")))
        self._update_header()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()  # the article's 复制本段 links and its notes' label are in the old language
        super().changeEvent(event)
