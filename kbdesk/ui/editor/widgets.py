"""The parts of the leads' editor. Each one only shows what it is given and
emits signals; the editor window connects them (see :mod:`kbdesk.ui.editor.window`).

* :class:`SourceEdit` — the Markdown source, with lint marks under findings;
* :class:`FrontMatterForm` — title, kind, category, tags, review date, and
  the status with the workflow buttons;
* :class:`LintPanel` — findings of the team's lint rules;
* :class:`PlaceholderPanel` — the team's placeholders, to insert at the cursor;
* :class:`InfoBar` — a non-modal bar with a message and a few buttons.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kbdesk.authoring.lint import MESSAGES as LINT_MESSAGES
from kbdesk.authoring.lint import LintFinding
from kbdesk.content.article import KINDS, Article
from kbdesk.content.placeholders import PlaceholderSpec
from kbdesk.ui.common.i18n import coded_text, counted, kind_label, translate
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel, plain_tooltip
from kbdesk.ui.editor.text import parse_tags, qt_spans


def status_label(status: str) -> str:
    labels = {
        "draft": translate("Status", "Draft"),
        "review": translate("Status", "In review"),
        "approved": translate("Status", "Approved"),
        "retired": translate("Status", "Retired"),
    }
    return labels.get(status, status)


def level_label(level: str) -> str:
    return translate("Status", "Error") if level == "error" else translate("Status", "Warning")


def lint_message(finding: LintFinding) -> str:
    """The finding's message in the window's language."""
    template = LINT_MESSAGES.get(finding.code)
    if template is None:
        return coded_text(finding.code, finding.args, finding.message)  # a front matter notice: the core's code
    if finding.code == "front-matter":
        return finding.message  # (the article parser's own words)
    text = translate("Lint", template)
    for key, value in finding.args.items():
        text = text.replace("{" + key + "}", value)
    return text


class SourceEdit(QPlainTextEdit):
    """The article's Markdown source. Lint findings are underlined."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sourceEdit")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        font.setStyleHint(QFont.StyleHint.TypeWriter, QFont.StyleStrategy.PreferDefault)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self._marks: list[tuple[int, int, str]] = []

    def set_marks(self, text: str, findings: list[LintFinding]) -> None:
        """Underline each finding's span (*text* is what was linted)."""
        spans = [(f.offset, f.length) for f in findings if f.length > 0]
        levels = [f.level for f in findings if f.length > 0]
        self._marks = [(s, n, level) for (s, n), level in zip(qt_spans(text, spans), levels)]
        selections = []
        size = self.document().characterCount()
        for start, length, level in self._marks:
            if start + length >= size:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            fmt.setUnderlineColor(QColor("#d92d20" if level == "error" else "#dc8a00"))
            if level == "error":
                fmt.setBackground(QColor("#fff0ee"))
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    def select_span(self, start: int, length: int) -> None:
        """Select Qt positions [start, start+length) and show them."""
        size = self.document().characterCount() - 1
        start = max(0, min(start, size))
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(max(start, min(start + length, size)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


class FrontMatterForm(RetranslatedOnLanguageChange, QWidget):
    """The front matter as a form, kept in sync with the source by the editor:
    ``fieldEdited`` when the lead changes a field, :meth:`set_article` when
    the source changed. The status is read-only: it moves only with the
    workflow buttons next to it."""

    fieldEdited = Signal(str, object)  # front matter key, new value (None: remove the key)
    submitRequested = Signal()
    approveRequested = Signal()
    retireRequested = Signal()

    def __init__(self, categories: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("frontMatterForm")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._updating = False
        self._error = ""

        self.title_label = TextLabel(self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("titleEdit")
        self.kind_label = TextLabel(self)
        self.kind_box = QComboBox(self)
        for kind in KINDS:
            self.kind_box.addItem(kind_label(kind), kind)
        self.category_label = TextLabel(self)
        self.category_edit = QLineEdit(self)
        if categories:
            completer = QCompleter(sorted(set(categories)), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.category_edit.setCompleter(completer)
        self.tags_label = TextLabel(self)
        self.tags_edit = QLineEdit(self)
        self.review_check = QCheckBox(self)
        self.review_date = QDateEdit(self)
        self.review_date.setCalendarPopup(True)
        self.review_date.setDisplayFormat("yyyy-MM-dd")
        self.review_date.setDate(QDate.currentDate().addMonths(6))
        self.review_date.setEnabled(False)

        self.status_title = TextLabel(self)
        self.status_badge = TextLabel(self)
        self.status_badge.setObjectName("statusBadge")
        self.submit_button = QPushButton(self)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("primaryButton")
        self.retire_button = QPushButton(self)
        for button in (self.submit_button, self.approve_button, self.retire_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.error_label = TextLabel(self)
        self.error_label.setObjectName("warningLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.title_label, 0, 0)
        grid.addWidget(self.title_edit, 0, 1, 1, 3)
        grid.addWidget(self.kind_label, 0, 4)
        grid.addWidget(self.kind_box, 0, 5)
        grid.addWidget(self.category_label, 1, 0)
        grid.addWidget(self.category_edit, 1, 1)
        grid.addWidget(self.tags_label, 1, 2)
        grid.addWidget(self.tags_edit, 1, 3)
        review = QHBoxLayout()
        review.setSpacing(4)
        review.addWidget(self.review_check)
        review.addWidget(self.review_date)
        grid.addLayout(review, 1, 4, 1, 2)
        status = QHBoxLayout()
        status.setSpacing(6)
        status.addWidget(self.status_badge)
        # Why Approve cannot succeed now, beside it (not a pop-up after the click).
        self.approve_reason = TextLabel(self)
        self.approve_reason.setObjectName("warningLabel")
        self.approve_reason.setWordWrap(True)
        self.approve_reason.hide()
        status.addWidget(self.approve_reason, 1)
        status.addStretch(1)
        status.addWidget(self.submit_button)
        status.addWidget(self.approve_button)
        status.addWidget(self.retire_button)
        grid.addWidget(self.status_title, 2, 0)
        grid.addLayout(status, 2, 1, 1, 5)
        grid.addWidget(self.error_label, 3, 0, 1, 6)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)

        self.title_edit.textEdited.connect(lambda t: self._emit("title", t.strip() or None))
        self.category_edit.textEdited.connect(lambda t: self._emit("category", t.strip() or None))
        self.tags_edit.textEdited.connect(lambda t: self._emit("tags", parse_tags(t)))
        self.kind_box.activated.connect(lambda _i: self._emit("kind", self.kind_box.currentData()))
        self.review_check.toggled.connect(self._on_review_toggled)
        self.review_date.dateChanged.connect(lambda _d: self.review_check.isChecked() and self._emit(
            "review_by", self.review_date.date().toPython()))
        self.submit_button.clicked.connect(self.submitRequested)
        self.approve_button.clicked.connect(self.approveRequested)
        self.retire_button.clicked.connect(self.retireRequested)
        self.retranslate()

    def _emit(self, key: str, value) -> None:
        if not self._updating:
            self.fieldEdited.emit(key, value)

    def _on_review_toggled(self, on: bool) -> None:
        self.review_date.setEnabled(on and self.title_edit.isEnabled())
        self._emit("review_by", self.review_date.date().toPython() if on else None)

    def set_article(self, article: Article | None, error: str = "") -> None:
        """Show the front matter of the source (*article* parsed from it), or
        that it cannot be read (*error*). Fields the lead is typing in are
        left alone when they already say the same."""
        self._error = error
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        if article is None:
            return
        meta = article.meta
        self._updating = True
        try:
            title = str(meta.get("title") or "")
            if self.title_edit.text().strip() != title.strip():
                self.title_edit.setText(title)
                self.title_edit.setCursorPosition(0)
            self.title_edit.setPlaceholderText(article.title)
            category = str(meta.get("category") or "")
            if self.category_edit.text().strip() != category.strip():
                self.category_edit.setText(category)
                self.category_edit.setCursorPosition(0)
            if parse_tags(self.tags_edit.text()) != list(article.tags):
                self.tags_edit.setText("、".join(article.tags))
                self.tags_edit.setCursorPosition(0)
            index = self.kind_box.findData(article.kind)
            if index < 0:
                self.kind_box.addItem(article.kind, article.kind)
                index = self.kind_box.count() - 1
            self.kind_box.setCurrentIndex(index)
            has_review = article.review_by is not None
            self.review_check.setChecked(has_review)
            if has_review and self.review_date.date().toPython() != article.review_by:
                self.review_date.setDate(QDate(article.review_by))
            self.review_date.setEnabled(has_review and self.title_edit.isEnabled())
            self.set_status(article.status)
        finally:
            self._updating = False

    def set_status(self, status: str) -> None:
        self._status = status
        self.status_badge.setText(status_label(status))
        self.status_badge.setProperty("status", status)
        self.status_badge.style().unpolish(self.status_badge)
        self.status_badge.style().polish(self.status_badge)

    def set_editable(self, editable: bool, reason: str = "") -> None:
        for w in (self.title_edit, self.kind_box, self.category_edit, self.tags_edit, self.review_check):
            w.setEnabled(editable)
            w.setToolTip(plain_tooltip("" if editable else reason))
        self.review_date.setEnabled(editable and self.review_check.isChecked())
        self.review_date.setToolTip(plain_tooltip("" if editable else reason))

    def review_by(self) -> dt.date | None:
        return self.review_date.date().toPython() if self.review_check.isChecked() else None

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Title"))
        self.kind_label.setText(self.tr("Kind"))
        self.category_label.setText(self.tr("Category"))
        self.tags_label.setText(self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("separated by 、 or commas"))
        self.review_check.setText(self.tr("Review by"))
        self.status_title.setText(self.tr("Status"))
        self.submit_button.setText(self.tr("Submit for review"))
        self.approve_button.setText(self.tr("Approve"))
        self.retire_button.setText(self.tr("Retire"))
        if getattr(self, "_status", None):
            self.status_badge.setText(status_label(self._status))
        for i in range(self.kind_box.count()):
            self.kind_box.setItemText(i, kind_label(self.kind_box.itemData(i)))


class LintPanel(RetranslatedOnLanguageChange, QWidget):
    """The lint findings of the text being edited; clicking one selects its
    span in the source."""

    findingActivated = Signal(int, int)  # offset and length in the linted text (Python characters)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lintPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.findings: list[LintFinding] = []
        self.summary = TextLabel(self)
        self.summary.setObjectName("lintSummary")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("lintList")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnCount(3)
        self.tree.setAlternatingRowColors(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 64)
        self.tree.setColumnWidth(1, 56)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.retranslate()

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level != "error")

    def set_findings(self, findings: list[LintFinding]) -> None:
        self.findings = list(findings)
        self.tree.clear()
        for n, f in enumerate(self.findings):
            item = QTreeWidgetItem([level_label(f.level), str(f.line), lint_message(f)])
            color = QColor("#b42318" if f.level == "error" else "#9a5b00")
            item.setForeground(0, color)
            if f.level == "error":
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            item.setToolTip(2, plain_tooltip(f"{f.message} [{f.rule}]"))
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            self.tree.addTopLevelItem(item)
        self._update_summary()

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        n = item.data(0, Qt.ItemDataRole.UserRole)
        if n is not None and 0 <= n < len(self.findings):
            f = self.findings[n]
            self.findingActivated.emit(f.offset, f.length)

    def _update_summary(self) -> None:
        if not self.findings:
            self.summary.setText(self.tr("Checks: no problems found"))
            self.summary.setProperty("level", "ok")
        elif self.errors:
            self.summary.setText(self.tr("Checks: {errors}, {warnings} — errors block approval")
                                 .replace("{errors}", counted(self.errors, self.tr("{n} error"), self.tr("{n} errors")))
                                 .replace("{warnings}", counted(self.warnings, self.tr("{n} warning"),
                                                                self.tr("{n} warnings"))))
            self.summary.setProperty("level", "error")
        else:
            self.summary.setText(counted(self.warnings, self.tr("Checks: {n} warning — warnings do not block approval"),
                                         self.tr("Checks: {n} warnings — warnings do not block approval")))
            self.summary.setProperty("level", "warning")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Level"), self.tr("Line"), self.tr("Message")])
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            item.setText(0, level_label(self.findings[i].level))
            item.setText(2, lint_message(self.findings[i]))
        self._update_summary()


class PlaceholderPanel(RetranslatedOnLanguageChange, QWidget):
    """The team's placeholders (``.kbdesk/placeholders.yaml``); the ones the
    script uses are ticked, undeclared ones it uses are listed in red.
    Double-click or Insert puts one at the cursor."""

    insertRequested = Signal(str)  # the placeholder syntax, e.g. "{{客户称呼}}"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("placeholderPanel")
        self.specs: dict[str, PlaceholderSpec] = {}
        self.used: list[str] = []
        self.hint = TextLabel(self)
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("placeholderList")
        self.list.itemActivated.connect(self._insert_item)
        self.list.itemDoubleClicked.connect(self._insert_item)
        self.insert_button = QPushButton(self)
        self.insert_button.clicked.connect(self._insert_current)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.retranslate()

    def set_specs(self, specs: dict[str, PlaceholderSpec] | None) -> None:
        self.specs = dict(specs or {})
        self._fill()

    def set_used(self, names: list[str]) -> None:
        if names != self.used:
            self.used = list(names)
            self._fill()

    def set_editable(self, editable: bool, reason: str = "") -> None:
        self.insert_button.setEnabled(editable)
        self.insert_button.setToolTip(plain_tooltip("" if editable else reason))
        self._editable = editable

    def used_marked(self) -> list[str]:
        """Names shown as used (for tests)."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).data(Qt.ItemDataRole.UserRole + 1)]

    def _fill(self) -> None:
        current = self.list.currentItem().data(Qt.ItemDataRole.UserRole) if self.list.currentItem() else None
        self.list.clear()
        used = set(self.used)
        for name, spec in self.specs.items():
            parts = [("✓ " if name in used else "    ") + "{{" + name + "}}"]
            detail = spec.description
            if spec.profile:
                detail += ("　" if detail else "") + self.tr("(from the agent's preferences)")
            elif spec.default is not None:
                detail += ("　" if detail else "") + self.tr("default: {value}").replace("{value}", spec.default)
            item = QListWidgetItem(parts[0] + ("\n      " + detail if detail else ""), self.list)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setData(Qt.ItemDataRole.UserRole + 1, name in used)
            if name in used:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setForeground(QColor("#1e6b43"))
            item.setToolTip(plain_tooltip(spec.description or name))
        for name in self.used:
            if name not in self.specs and self.specs:
                item = QListWidgetItem("✗ {{" + name + "}}\n      " + self.tr("not declared in placeholders.yaml"),
                                       self.list)
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setData(Qt.ItemDataRole.UserRole + 1, True)
                item.setForeground(QColor("#b42318"))
        if current is not None:
            for i in range(self.list.count()):
                if self.list.item(i).data(Qt.ItemDataRole.UserRole) == current:
                    self.list.setCurrentRow(i)
                    break
        self._update_hint()

    def _update_hint(self) -> None:
        n = sum(1 for name in self.used if name in self.specs)
        self.hint.setText(self.tr("Blanks agents fill in when they copy. This script uses {n} of {total}.")
                          .replace("{n}", str(n)).replace("{total}", str(len(self.specs)))
                          if self.specs else self.tr("This content folder declares no placeholders "
                                                     "(.kbdesk/placeholders.yaml)."))

    def _insert_item(self, item: QListWidgetItem) -> None:
        if getattr(self, "_editable", True) and item is not None:
            self.insertRequested.emit("{{" + item.data(Qt.ItemDataRole.UserRole) + "}}")

    def _insert_current(self) -> None:
        self._insert_item(self.list.currentItem())

    def retranslate(self) -> None:
        self.insert_button.setText(self.tr("Insert at cursor"))
        self._fill()


class InfoBar(QFrame):
    """A message with buttons above the editor, never modal:
    ``triggered(key)`` tells which button was pressed."""

    triggered = Signal(str)

    def __init__(self, kind: str = "info", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("infoBar")
        self.setProperty("kind", kind)
        self.label = TextLabel(self)
        self.label.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 8, 6)
        self._layout.addWidget(self.label, 1)
        self.hide()

    def add_button(self, key: str) -> QPushButton:
        button = QPushButton(self)
        button.clicked.connect(lambda: self.triggered.emit(key))
        self._layout.addWidget(button)
        self.buttons[key] = button
        return button

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()
