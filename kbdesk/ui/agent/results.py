"""The result list: a model of rows, a delegate that draws them, a view that
shows an empty-state text when there is nothing to list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
)
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kbdesk.ui.common.article_view import SafeDocument
from kbdesk.ui.common.i18n import kind_label, translate
from kbdesk.ui.common.resources import icon
from kbdesk.ui.common.widgets import plain_tooltip
from kbdesk.usage.store import ArticleRef

HIT_STYLE = "background-color:#ffe7a3; color:#1f2933;"
BLANK_STYLE = "background-color:#e3eff5; color:#1f5d8c;"  # as the preview shows a blank


@dataclass(frozen=True)
class ResultItem:
    """One row: an article (from a search hit or the usage lists) or a section header."""

    id: str = ""
    title: str = ""
    kind: str = ""
    category: str = ""
    path: str = ""
    snippet_html: str = ""
    tags: tuple[str, ...] = ()
    review_by: str = ""
    pinned: bool = False
    copies: int = 0
    score: float = 0.0
    header: str = ""  # a section title ("收藏", "最近复制"); not an article
    section: tuple[str, ...] = ()  # heading path of the passage the search found
    line: int = -1  # where that passage starts in the body (its heading's line)

    @property
    def is_header(self) -> bool:
        return bool(self.header)

    @property
    def review_due(self) -> bool:
        if not self.review_by:
            return False
        try:
            return dt.date.fromisoformat(self.review_by) < dt.date.today()
        except ValueError:
            return False

    def ref(self) -> ArticleRef:
        return ArticleRef(self.id, self.path, self.title, self.kind, self.category)

    @classmethod
    def from_hit(cls, hit, pinned: bool = False, copies: int = 0) -> "ResultItem":
        return cls(
            id=hit.id, title=hit.title, kind=hit.kind, category=hit.category, path=hit.path,
            snippet_html=hit.snippet.html().replace("<mark>", f'<span style="{HIT_STYLE}">').replace(
                "</mark>", "</span>").replace("<ins>", f'<span style="{BLANK_STYLE}">').replace("</ins>", "</span>"),
            tags=tuple(hit.tags), review_by=hit.review_by, pinned=pinned, copies=copies, score=hit.score,
            section=tuple(getattr(hit, "section", ())), line=getattr(hit, "line", -1),
        )

    @classmethod
    def from_usage(cls, entry) -> "ResultItem":
        ref = entry.ref
        return cls(id=ref.id, title=ref.title, kind=ref.kind, category=ref.category, path=ref.path,
                   pinned=entry.pinned, copies=entry.copies)


class ResultsModel(QAbstractListModel):
    ItemRole = Qt.ItemDataRole.UserRole + 1
    PathRole = Qt.ItemDataRole.UserRole + 2
    IdRole = Qt.ItemDataRole.UserRole + 3
    HeaderRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[ResultItem] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.header or item.title
        if role == Qt.ItemDataRole.ToolTipRole and not item.is_header:
            return plain_tooltip(item.path)
        if role == self.ItemRole:
            return item
        if role == self.PathRole:
            return item.path
        if role == self.IdRole:
            return item.id
        if role == self.HeaderRole:
            return item.is_header
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._items[index.row()].is_header:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- content -------------------------------------------------------------

    def set_items(self, items: list[ResultItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[ResultItem]:
        return list(self._items)

    def item(self, row: int) -> ResultItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def article_rows(self) -> list[int]:
        return [n for n, item in enumerate(self._items) if not item.is_header]

    def ids(self) -> list[str]:
        return [item.id for item in self._items if not item.is_header]

    def update_usage(self, pinned: set[str], counts: dict[str, int]) -> None:
        """New pin marks and copy counts without resetting the selection."""
        for row, item in enumerate(self._items):
            if item.is_header:
                continue
            new = replace(item, pinned=item.id in pinned, copies=counts.get(item.id, 0))
            if new != item:
                self._items[row] = new
                index = self.index(row)
                self.dataChanged.emit(index, index)


# -- drawing ----------------------------------------------------------------------------

KIND_COLOURS = {
    "standard": ("#ece7f8", "#5b3fa6"),
    "faq": ("#e3eff9", "#1f5d8c"),
    "script": ("#e2f3ea", "#1e6b43"),
    "article": ("#eceff2", "#4a5568"),
}
REVIEW_COLOURS = ("#fff1db", "#9a5b00")
PAD_X, PAD_Y, GAP = 14, 9, 4
SNIPPET_LINES = 2


class ResultDelegate(QStyledItemDelegate):
    """Title with a kind badge, category, two lines of highlighted snippet; a
    '待复核' badge when the review date has passed; a star when pinned."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._doc = SafeDocument()
        self._doc.setDocumentMargin(0)
        self._star = icon("star-filled")
        self._heights: dict[str, int] = {}

    # Fonts derive from the view's font so that the system/DPI scaling applies.
    @staticmethod
    def _fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.08)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.88)
        return title, small, QFont(base)

    def _snippet_height(self, font: QFont) -> int:
        """Height of SNIPPET_LINES lines of rich text in *font*, measured on a
        document (Chinese falls back to a CJK font whose lines are taller
        than the base font's metrics say)."""
        key = font.key()
        height = self._heights.get(key)
        if height is None:
            doc = SafeDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(font)
            doc.setHtml("<br>".join(["国Ag"] * SNIPPET_LINES))
            height = int(doc.size().height())
            self._heights[key] = height
        return height

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        item: ResultItem = index.data(ResultsModel.ItemRole)
        title, small, body = self._fonts(option.font)
        if item is None or item.is_header:
            return QSize(200, QFontMetrics(small).height() + 18)
        height = PAD_Y + QFontMetrics(title).height() + GAP + QFontMetrics(small).height()
        if item.snippet_html:
            height += GAP + self._snippet_height(body)
        return QSize(200, height + PAD_Y + 2)

    def _badge(self, painter: QPainter, x: int, y: int, h: int, text: str, colours, font: QFont) -> int:
        fm = QFontMetrics(font)
        w = fm.horizontalAdvance(text) + 12
        rect = QRectF(x, y, w, h)
        path = QPainterPath()
        path.addRoundedRect(rect, h / 2.4, h / 2.4)
        painter.fillPath(path, QColor(colours[0]))
        painter.setPen(QColor(colours[1]))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        return w

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        item: ResultItem = index.data(ResultsModel.ItemRole)
        if item is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        title_font, small, body = self._fonts(option.font)
        r = option.rect

        if item.is_header:
            painter.setFont(small)
            painter.setPen(QColor("#6b7785"))
            small_bold = QFont(small)
            small_bold.setWeight(QFont.Weight.DemiBold)
            painter.setFont(small_bold)
            painter.drawText(r.adjusted(PAD_X, 8, -PAD_X, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, item.header)
            painter.restore()
            return

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        card = QRectF(r.adjusted(8, 3, -8, -3))
        path = QPainterPath()
        path.addRoundedRect(card, 7, 7)
        painter.fillPath(path, QColor("#e3eff5" if selected else ("#fbfcfd" if hovered else "#ffffff")))
        painter.setPen(QColor("#9cc3d6" if selected else "#e3e8ee"))
        painter.drawPath(path)
        if selected:
            bar = QPainterPath()
            bar.addRoundedRect(QRectF(card.left(), card.top() + 6, 3, card.height() - 12), 1.5, 1.5)
            painter.fillPath(bar, QColor("#2c6e8f"))

        x0 = int(card.left()) + PAD_X - 4
        right = int(card.right()) - 10
        y = int(card.top()) + PAD_Y - 3
        tfm = QFontMetrics(title_font)
        line_h = tfm.height()
        badge_h = QFontMetrics(small).height() + 2
        badge_y = y + (line_h - badge_h) // 2

        x = x0
        x += self._badge(painter, x, badge_y, badge_h, kind_label(item.kind),
                         KIND_COLOURS.get(item.kind, KIND_COLOURS["article"]), small) + 8

        # Right side: review badge and star, then the title gets what is left.
        rx = right
        if item.pinned:
            size = badge_h
            rx -= size
            self._star.paint(painter, QRect(rx, badge_y, size, size))
            rx -= 6
        if item.review_due:
            text = translate("ResultDelegate", "Review due")
            w = QFontMetrics(small).horizontalAdvance(text) + 12
            rx -= w
            self._badge(painter, rx, badge_y, badge_h, text, REVIEW_COLOURS, small)
            rx -= 8
        painter.setFont(title_font)
        painter.setPen(QColor("#1f2933"))
        title = tfm.elidedText(item.title, Qt.TextElideMode.ElideRight, max(10, rx - x))
        painter.drawText(QRect(x, y, max(10, rx - x), line_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        y += line_h + GAP

        meta = ["› " + " › ".join(item.section)] if item.section else []
        if item.category:
            meta.append(item.category)
        if item.tags:
            meta.append("  ".join("#" + t for t in item.tags[:4]))
        if item.copies:
            meta.append(translate("ResultDelegate", "copied {n}×").replace("{n}", str(item.copies)))
        sfm = QFontMetrics(small)
        painter.setFont(small)
        painter.setPen(QColor("#6b7785"))
        painter.drawText(QRect(x0, y, right - x0, sfm.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         sfm.elidedText("  ·  ".join(meta), Qt.TextElideMode.ElideRight, right - x0))
        y += sfm.height() + GAP

        if item.snippet_html:
            doc = self._doc
            doc.setDefaultFont(body)
            doc.setDefaultStyleSheet("body { color: #3e4c59; }")
            doc.setTextWidth(right - x0)
            doc.setHtml(item.snippet_html)
            height = self._snippet_height(body)
            painter.translate(x0, y)
            clip = QRectF(0, 0, right - x0, height)
            painter.setClipRect(clip)
            ctx = QAbstractTextDocumentLayout.PaintContext()
            ctx.clip = clip
            ctx.palette.setColor(QPalette.ColorRole.Text, QColor("#3e4c59"))
            doc.documentLayout().draw(painter, ctx)
        painter.restore()


class ResultsView(QListView):
    """The list; paints a short help text when it is empty. Enter on the list
    itself (after a click) asks for a copy like Enter in the search field."""

    copyRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("resultsView")
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.setItemDelegate(ResultDelegate(self))
        self._empty_title = ""
        self._empty_text = ""

    def set_empty_text(self, title: str, text: str = "") -> None:
        self._empty_title, self._empty_text = title, text
        self.viewport().update()

    def empty_text(self) -> str:
        return "\n".join(t for t in (self._empty_title, self._empty_text) if t)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.copyRequested.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and (self._empty_title or self._empty_text):
            painter = QPainter(self.viewport())
            area = self.viewport().rect().adjusted(28, 40, -28, -20)
            title_font = QFont(self.font())
            title_font.setPointSizeF(self.font().pointSizeF() * 1.15)
            title_font.setWeight(QFont.Weight.DemiBold)
            painter.setFont(title_font)
            painter.setPen(QColor("#3e4c59"))
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            used = painter.boundingRect(area, flags, self._empty_title)
            painter.drawText(area, flags, self._empty_title)
            painter.setFont(self.font())
            painter.setPen(QColor("#6b7785"))
            painter.drawText(area.adjusted(0, used.height() + 12, 0, 0), flags, self._empty_text)
            painter.end()
