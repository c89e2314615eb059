"""Dialogs of the leads' editor: the save message, a save conflict, who the
user is, a new reply script, and choosing an article (drafts included)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kbdesk.authoring.textdiff import DiffOp
from kbdesk.content.store import slugify
from kbdesk.content.versions import Identity
from kbdesk.ui.common.article_view import SafeBrowser
from kbdesk.ui.common.i18n import kind_label
from kbdesk.ui.common.widgets import RetranslatedOnLanguageChange, TextLabel
from kbdesk.ui.editor.text import diff_counts, diff_inline_html
from kbdesk.ui.editor.widgets import status_label


def _diff_browser(parent: QWidget) -> SafeBrowser:
    b = SafeBrowser(parent)
    b.setObjectName("fillPreview")
    b.setOpenLinks(False)
    b.setOpenExternalLinks(False)
    b.document().setDocumentMargin(8)
    return b


class SaveDialog(RetranslatedOnLanguageChange, QDialog):
    """Asks for the version's message; shows what changed since it was opened."""

    def __init__(self, title: str, default_message: str, ops: list[DiffOp] | None,
                 notes: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("saveDialog")
        self.article_title = title
        self.heading = TextLabel(self)
        self.heading.setObjectName("previewTitle")
        self.heading.setWordWrap(True)
        self.message_label = TextLabel(self)
        self.message_edit = QLineEdit(default_message, self)
        self.message_edit.selectAll()
        self.message_label.setBuddy(self.message_edit)
        self.changes_label = TextLabel(self)
        self.changes_label.setObjectName("hintLabel")
        self.changes = _diff_browser(self)
        self.changes.setMinimumHeight(140)
        self.html = diff_inline_html(ops, context_lines=2) if ops else ""
        self.changes.setHtml(self.html)
        self.changes.setVisible(bool(ops))
        self.ops = ops or []
        self.notes_label = TextLabel(self)
        self.notes_label.setObjectName("warningLabel")
        self.notes_label.setWordWrap(True)
        self.notes_label.setText("\n".join(notes or []))
        self.notes_label.setVisible(bool(notes))
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("primaryButton")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.message_edit.textChanged.connect(lambda t: self.save_button.setEnabled(bool(t.strip())))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.message_label)
        layout.addWidget(self.message_edit)
        layout.addWidget(self.changes_label)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.buttons)
        self.resize(560, 420 if ops else 200)
        self.retranslate()
        self.message_edit.setFocus()

    def _accept(self) -> None:
        if self.message().strip():
            self.accept()

    def message(self) -> str:
        return self.message_edit.text().strip()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Save a version"))
        self.heading.setText(self.tr("Save “{title}” as a new version").replace("{title}", self.article_title))
        self.message_label.setText(self.tr("What did you change? (shown in the history)"))
        removed, added = diff_counts(self.ops)
        self.changes_label.setText(self.tr("Your changes: {removed} character(s) removed (red), {added} added "
                                           "(green)").replace("{removed}", str(removed)).replace("{added}", str(added))
                                   if self.ops else "")
        self.changes_label.setVisible(bool(self.ops))
        self.save_button.setText(self.tr("Save version"))


class ConflictDialog(RetranslatedOnLanguageChange, QDialog):
    """The file changed on disk since it was opened. Shows the words that
    differ between the disk and the editor; the lead keeps theirs, takes
    the disk's, or cancels. Nothing is written without that choice."""

    KEEP_MINE, TAKE_THEIRS = 10, 11

    def __init__(self, title: str, disk_text: str | None, ops: list[DiffOp], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.article_title = title
        self.deleted = disk_text is None
        self.choice: str | None = None
        self.heading = TextLabel(self)
        self.heading.setObjectName("previewTitle")
        self.heading.setWordWrap(True)
        self.explain = TextLabel(self)
        self.explain.setWordWrap(True)
        self.legend = TextLabel(self)
        self.legend.setObjectName("hintLabel")
        self.legend.setWordWrap(True)
        self.view = _diff_browser(self)
        self.ops = ops
        self.html = diff_inline_html(ops, context_lines=3)
        self.view.setHtml(self.html)
        self.view.setVisible(not self.deleted)

        self.buttons = QDialogButtonBox(self)
        self.keep_mine_button = QPushButton(self)
        self.take_theirs_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        self.keep_mine_button.setObjectName("primaryButton")
        self.buttons.addButton(self.keep_mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.take_theirs_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.keep_mine_button, self.take_theirs_button):
            button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.keep_mine_button.clicked.connect(lambda: self._choose("mine"))
        self.take_theirs_button.clicked.connect(lambda: self._choose("theirs"))
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 480)
        self.retranslate()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.done(self.KEEP_MINE if choice == "mine" else self.TAKE_THEIRS)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("The article changed on disk"))
        self.heading.setText(self.tr("“{title}” was changed by someone else").replace("{title}", self.article_title))
        if self.deleted:
            self.explain.setText(self.tr("The file was deleted or moved since you opened it. Keep yours to write "
                                         "it again, or cancel."))
            self.legend.setText("")
            self.take_theirs_button.hide()
        else:
            self.explain.setText(self.tr("Since you opened it, the file on disk was saved by someone else (another "
                                         "lead, or another program). Saving now would replace their change."))
            self.legend.setText(self.tr("Red, struck through: only in the version on disk.  Green: only in yours."))
            self.take_theirs_button.setText(self.tr("Take theirs (reload)"))
        self.keep_mine_button.setText(self.tr("Keep mine (overwrite)"))
        self.cancel_button.setText(self.tr("Cancel"))


class IdentityDialog(RetranslatedOnLanguageChange, QDialog):
    """Who the user is, asked once: the name and e-mail that the team file
    lists for leads, and that every version records."""

    def __init__(self, current: Identity | None, leads: list[Identity] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.leads = list(leads or [])
        self.intro = TextLabel(self)
        self.intro.setWordWrap(True)
        # The team's leads to choose from; another name typed counts as an agent.
        self.name_box = QComboBox(self)
        self.name_box.setEditable(True)
        self.name_box.addItems([lead.name for lead in self.leads])
        self.name_box.setCurrentText(current.name if current else "")
        self.name_edit = self.name_box.lineEdit()
        self.name_edit.setPlaceholderText("")
        self.email_edit = QLineEdit(current.email if current else "", self)
        self.name_box.currentTextChanged.connect(self._on_name)
        self.role_hint = TextLabel(self)
        self.role_hint.setObjectName("hintLabel")
        self.role_hint.setWordWrap(True)
        self.name_label = TextLabel(self)
        self.email_label = TextLabel(self)
        form = QFormLayout()
        form.addRow(self.name_label, self.name_box)
        form.addRow(self.email_label, self.email_edit)
        form.addRow("", self.role_hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(420, 200)
        self.retranslate()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _lead_named(self, name: str) -> Identity | None:
        return next((lead for lead in self.leads if lead.name == name.strip()), None)

    def _on_name(self, name: str) -> None:
        lead = self._lead_named(name)
        if lead is not None and lead.email:
            self.email_edit.setText(lead.email)
        elif any(lead.email and lead.email == self.email_edit.text().strip() for lead in self.leads):
            self.email_edit.clear()  # the e-mail of the lead chosen before is not this person's
        self._update_hint()

    def _update_hint(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.role_hint.setText("")
        elif self._lead_named(name) is not None:
            self.role_hint.setText(self.tr("{name} is a lead of this knowledge base.").replace("{name}", name))
        else:
            self.role_hint.setText(self.tr("Not a lead in .kbdesk/team.yaml: {name} will be an agent here "
                                           "(reads approved wording, edits nothing).").replace("{name}", name))

    def _accept(self) -> None:
        if self.name_edit.text().strip():
            self.accept()

    def identity(self) -> Identity:
        return Identity(self.name_edit.text().strip(), self.email_edit.text().strip())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Who are you?"))
        self.intro.setText(self.tr("Your name and e-mail are recorded with every version you save or approve. "
                                   "Leads are recognised by the names and e-mails in .kbdesk/team.yaml."))
        self.name_label.setText(self.tr("Name"))
        self.email_label.setText(self.tr("E-mail"))
        self._update_hint()


class NewScriptDialog(RetranslatedOnLanguageChange, QDialog):
    """The title of a new reply script and its file name (``scripts/<slug>.md``,
    from the title's pinyin until the lead edits it)."""

    def __init__(self, taken: set[str], categories: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newScriptDialog")
        self.taken = set(taken)
        self._slug_edited = False
        self.title_edit = QLineEdit(self)
        self.slug_edit = QLineEdit(self)
        # Chosen from the existing categories; a new one may be typed.
        self.categories = sorted(set(categories or []))
        self.category_box = QComboBox(self)
        self.category_box.setEditable(True)
        self.category_box.addItems(self.categories)
        self.category_box.setCurrentText("")
        self.category_edit = self.category_box.lineEdit()
        self.category_hint = TextLabel(self)
        self.category_hint.setObjectName("hintLabel")
        self.category_hint.setWordWrap(True)
        self.category_hint.hide()
        self.category_box.currentTextChanged.connect(lambda _t: self._update_category_hint())
        self.title_label, self.slug_label, self.category_label = TextLabel(self), TextLabel(self), TextLabel(self)
        self.path_label = TextLabel(self)
        self.path_label.setObjectName("hintLabel")
        form = QFormLayout()
        form.addRow(self.title_label, self.title_edit)
        form.addRow(self.slug_label, self.slug_edit)
        form.addRow("", self.path_label)
        form.addRow(self.category_label, self.category_box)
        form.addRow("", self.category_hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._on_title)
        self.slug_edit.textEdited.connect(self._on_slug_edited)
        self.slug_edit.textChanged.connect(lambda _t: self._update())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, 220)
        self.retranslate()
        self._update()

    def near_category(self, text: str) -> str | None:
        """An existing category that *text* (a new one) is close to: they share
        a pair of characters (投诉与建议 / 投诉处理) or one holds the other."""
        text = text.strip()
        if not text or text in self.categories:
            return None
        pairs = {text[i:i + 2] for i in range(len(text) - 1)}
        for existing in self.categories:
            if text in existing or existing in text or pairs & {existing[i:i + 2] for i in range(len(existing) - 1)}:
                return existing
        return None

    def _update_category_hint(self) -> None:
        near = self.near_category(self.category_edit.text())
        self.category_hint.setText(self.tr("A new category. Did you mean “{existing}”?").replace("{existing}", near)
                                   if near else "")
        self.category_hint.setVisible(bool(near))

    def _on_title(self, title: str) -> None:
        if not self._slug_edited:
            self.slug_edit.setText(self.unique(slugify(title, "script")) if title.strip() else "")

    def _on_slug_edited(self, _text: str) -> None:
        self._slug_edited = True

    def unique(self, slug: str) -> str:
        candidate, n = slug, 2
        while f"scripts/{candidate}.md" in self.taken:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def slug(self) -> str:
        return slugify(self.slug_edit.text(), "script") if self.slug_edit.text().strip() else ""

    def path(self) -> str:
        return f"scripts/{self.slug()}.md"

    def _update(self) -> None:
        ok = bool(self.title_edit.text().strip() and self.slug())
        taken = ok and self.path() in self.taken
        self.path_label.setText((self.tr("{path} already exists") if taken else "{path}").replace(
            "{path}", self.path()) if self.slug() else "")
        self.ok_button.setEnabled(ok and not taken)

    def _accept(self) -> None:
        if self.ok_button.isEnabled():
            self.accept()

    def values(self) -> tuple[str, str, str]:
        """(title, slug, category)."""
        return self.title_edit.text().strip(), self.slug(), self.category_edit.text().strip()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New reply script"))
        self.title_label.setText(self.tr("Title"))
        self.slug_label.setText(self.tr("File name"))
        self.category_label.setText(self.tr("Category"))
        self.title_edit.setPlaceholderText(self.tr("e.g. 久等致歉话术"))
        self._update()


@dataclass(frozen=True)
class PickerEntry:
    path: str
    title: str
    kind: str
    status: str


STATUS_ORDER = {"review": 0, "draft": 1, "approved": 2, "retired": 3}


class ArticlePicker(RetranslatedOnLanguageChange, QDialog):
    """Every article in the folder, drafts and articles in review first: the
    leads' way to open what agents cannot find yet."""

    def __init__(self, entries: list[PickerEntry], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("articlePicker")
        self.entries = sorted(entries, key=lambda e: (STATUS_ORDER.get(e.status, 4), e.path))
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _i: self._accept())
        self.filter_edit.textChanged.connect(self._fill)
        self.filter_edit.returnPressed.connect(self._accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 480)
        self.retranslate()
        self._fill()

    def _fill(self) -> None:
        needle = self.filter_edit.text().strip().lower()
        self.list.clear()
        for e in self.entries:
            if needle and needle not in e.title.lower() and needle not in e.path.lower():
                continue
            item = QListWidgetItem(f"{e.title}\n    {status_label(e.status)} · {kind_label(e.kind)} · {e.path}",
                                   self.list)
            item.setData(Qt.ItemDataRole.UserRole, e.path)
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen_path(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _accept(self) -> None:
        if self.chosen_path():
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open an article"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by title or file name"))
        self._fill()
