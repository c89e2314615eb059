"""The fill-in form for reply scripts with blanks: one field per blank, the
wording filled in as the agent types, and the values it starts with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kbdesk.content.placeholders import PlaceholderSpec, find_placeholders
from kbdesk.content.render import FILLED_CLASS, PLACEHOLDER_CLASS, render_filled, resolved_values
from kbdesk.ui.common.article_view import SafeBrowser
from kbdesk.ui.common.widgets import ImeLineEdit, RetranslatedOnLanguageChange, TextLabel, plain_tooltip

PROFILE_DEFAULTS = ("坐席姓名", "工号")

FILL_CSS = f"""
p {{ margin-top: 3px; margin-bottom: 6px; line-height: 140%; }}
h1, h2, h3 {{ font-size: 1.05em; margin-top: 8px; margin-bottom: 3px; }}
.{PLACEHOLDER_CLASS} {{ background-color: #ffe1d6; color: #a03a12; }}
.{FILLED_CLASS} {{ background-color: #e2f3ea; color: #1e6b43; }}
"""


def profile_names(specs: dict[str, PlaceholderSpec] | None) -> list[str]:
    """Names of the blanks that come from the agent's own profile."""
    if specs:
        names = [name for name, spec in specs.items() if spec.profile]
        if names:
            return names
    return list(PROFILE_DEFAULTS)


def initial_values(body: str, specs: dict[str, PlaceholderSpec] | None, profile: dict[str, str]) -> dict[str, str]:
    """What each blank's field starts with: the agent's profile value, else
    the default written in the script, else the team's default."""
    specs = specs or {}
    values = {}
    for p in find_placeholders(body):
        spec = specs.get(p.name)
        if profile.get(p.name) and (spec is None or spec.profile or p.name in PROFILE_DEFAULTS):
            values[p.name] = profile[p.name]
        elif p.default is not None:
            values[p.name] = p.default
        elif spec is not None and spec.default is not None:
            values[p.name] = spec.default
        else:
            values[p.name] = ""
    return values


class FillDialog(RetranslatedOnLanguageChange, QDialog):
    """One field per blank, a live preview; Enter moves to the next field,
    Enter on the last field or Ctrl+Enter copies."""

    def __init__(self, title: str, body: str, specs: dict[str, PlaceholderSpec] | None,
                 profile: dict[str, str], parent: QWidget | None = None, typed: dict[str, str] | None = None):
        super().__init__(parent)
        self.setObjectName("fillDialog")
        self.body = body
        self.specs = specs or {}
        self.article_title = title
        self.fields: dict[str, ImeLineEdit] = {}
        start = initial_values(body, specs, profile)
        # what the agent typed for another variant of this script (the same order number)
        start.update({k: v for k, v in (typed or {}).items() if v and k in start})
        self._warned = False

        self.heading = TextLabel(self)
        self.heading.setObjectName("previewTitle")
        self.heading.setWordWrap(True)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(8)
        self._labels = []
        for p in find_placeholders(body):
            field = ImeLineEdit(self)
            field.setText(start.get(p.name, ""))
            spec = self.specs.get(p.name)
            if spec and spec.description:
                field.setPlaceholderText(spec.description)
                field.setToolTip(plain_tooltip(spec.description))
            field.textChanged.connect(self._update_preview)
            field.submitted.connect(lambda ctrl, f=field: self._on_submitted(f, ctrl))
            self.fields[p.name] = field
            label = TextLabel(p.name, self)
            label.setBuddy(field)
            form.addRow(label, field)

        self.preview = SafeBrowser(self)
        self.preview.setObjectName("fillPreview")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.document().setDefaultStyleSheet(FILL_CSS)
        self.preview.setMinimumHeight(160)
        self.missing_label = TextLabel(self)
        self.missing_label.setObjectName("warningLabel")
        self.missing_label.setWordWrap(True)
        self.hint_label = TextLabel(self)
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("primaryButton")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.copy_button, self.cancel_button):
            # Enter in a field moves on; it must not press a default button.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)
        self.resize(560, 520)
        self.retranslate()
        self._update_preview()
        first_empty = next((f for f in self.fields.values() if not f.text()), None)
        (first_empty or next(iter(self.fields.values()), self.copy_button)).setFocus()

    def accept(self) -> None:
        """Copy, unless a blank has no value: then mark it and say so; a
        second Ctrl+Enter copies anyway, with 【名称】 in its place."""
        missing = self.missing()
        for name, field in self.fields.items():
            field.setProperty("missing", name in missing)
            field.style().unpolish(field)
            field.style().polish(field)
        if missing and not self._warned:
            self._warned = True
            self.fields[missing[0]].setFocus()
            self._update_preview()
            return
        super().accept()

    def values(self) -> dict[str, str]:
        return {name: field.text().strip() for name, field in self.fields.items()}

    def missing(self) -> list[str]:
        resolved = resolved_values(self.body, self.values())
        return [name for name in self.fields if name not in resolved]

    def _on_submitted(self, field: ImeLineEdit, ctrl: bool) -> None:
        fields = list(self.fields.values())
        if ctrl or field is fields[-1]:
            self.accept()
        else:
            fields[fields.index(field) + 1].setFocus()
            fields[fields.index(field) + 1].selectAll()

    def _update_preview(self) -> None:
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(render_filled(self.body, self.values()))
        self.preview.verticalScrollBar().setValue(scroll)
        missing = self.missing()
        if missing and self._warned:
            text = self.tr("Still blank: {names}. Fill it in, or press Ctrl+Enter again to copy with "
                           "【{first}】 in its place.").replace("{names}", "、".join(missing)).replace(
                               "{first}", missing[0])
        else:
            text = self.tr("Still blank: {names}").replace("{names}", "、".join(missing)) if missing else ""
        self.missing_label.setText(text)
        self.missing_label.setVisible(bool(missing))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fill in the blanks"))
        self.heading.setText(self.article_title)
        self.copy_button.setText(self.tr("Copy (Ctrl+Enter)"))
        self.hint_label.setText(self.tr("Enter moves to the next field; Enter on the last field or Ctrl+Enter "
                                        "copies. Your name and staff number can be saved in Preferences."))
        self._update_preview()


