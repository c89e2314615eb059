"""The agents' window's copy flow: Enter or a section link copies an article
(through the fill-in form when it has blanks) as plain text and HTML, and
each copy is counted in the local usage data.
"""

from __future__ import annotations

import time
import traceback

from PySide6.QtCore import (
    QMimeData,
)
from PySide6.QtWidgets import (
    QApplication,
)

from kbdesk.content.article import ArticleError
from kbdesk.content.placeholders import find_placeholders
from kbdesk.content.render import copy_payload, resolved_values, sections, strip_title_heading
from kbdesk.content.store import ContentError
from kbdesk.config import load_settings, save_settings
from kbdesk.ui.agent.fill_form import FillDialog, initial_values
from kbdesk.ui.agent.variant_chooser import VariantChooser
from kbdesk.ui.common.i18n import counted, message_text
from kbdesk.usage.store import ArticleRef


# Values typed into a script's blanks are offered again for its other
# variants this long (one conversation), then forgotten: the next customer
# has another order number.
TYPED_VALUES_KEPT_S = 15 * 60


class CopyFlowMixin:
    """From Enter to the clipboard and the usage counts, for :class:`MainWindow`."""

    # -- copying -------------------------------------------------------------------------------

    def copy_selected(self, found_part: bool = False) -> None:
        """Enter: copy the selected result, or the first one if none is selected.
        If the query typed has not been answered yet, copy when it is.
        Ctrl+Enter (*found_part*): only the section of it the search found."""
        if self.search_pending():
            self._copy_when_ready = "part" if found_part else True
            if self.search_timer.isActive():
                self.run_search()
            return
        item = self.selected_item()
        if item is None and self._last_outcome is not None and self._last_outcome.question_only:
            # Only question words typed: what to copy is for the agent to choose.
            self.statusBar().showMessage(self.tr("Nothing copied: say what the question is about, or choose an "
                                                 "article."), 8000)
            return
        if item is None and self.query():
            rows = self.model.article_rows()
            item = self.model.item(rows[0]) if rows else None
        if item is None:
            return
        shown = self.preview.article
        if shown is not None and shown.path != item.path:
            # a link followed in the preview: what is on screen is what is copied
            self.copy_article(shown.path, choose=not found_part)
            return
        section = self._found_section(item) if found_part else None
        self.copy_article(item.path, section, choose=section is None)

    def _found_section(self, item) -> int | None:
        """The number of the ``##`` section the search found *item* in."""
        if not item.section:
            return None
        try:
            article = self.articles.load(item.path)
        except (ArticleError, ContentError):
            return None
        titles = [part.title for part in sections(self._customer_body(article))]
        return titles.index(item.section[0]) if item.section[0] in titles else None

    def copy_article(self, path: str, section: int | None = None, choose: bool = False) -> None:
        """Copy an article, or one of its '## ' sections (a script's variant);
        a form first if it has blanks. *choose*: a script with variants asks
        which one first."""
        try:
            article = self.articles.load(path)
        except (ArticleError, ContentError) as exc:
            self.statusBar().showMessage(self.tr("Cannot copy: {reason}").replace(
                "{reason}", message_text(exc)), 8000)
            return
        if not article.visible_to_agents:
            self.statusBar().showMessage(
                self.tr("Not copied: “{title}” is not approved.").replace("{title}", article.title), 8000)
            return
        body = self._customer_body(article)
        title = article.title
        if section is None and choose and article.kind == "script" and len(sections(body)) > 1:
            self._choose_variant(article, [part.title for part in sections(body)])
            return
        if section is not None:
            parts = sections(body)
            if not 0 <= section < len(parts):
                return
            body, title = parts[section].body, f"{article.title} · {parts[section].title}"
        if not find_placeholders(body):
            self._finish_copy(article, body, {}, title)
            return
        if self.fill_dialog is not None:
            self.fill_dialog.raise_()
            return
        dialog = FillDialog(title, body, self.specs, self._profile(), self, typed=self._typed_values(article.id))
        self.fill_dialog = dialog

        def done(result: int) -> None:
            self.fill_dialog = None
            if result == FillDialog.DialogCode.Accepted:
                self._typed[article.id] = (time.monotonic(), dialog.values())
                self._finish_copy(article, body, dialog.values(), title)
            dialog.deleteLater()
            self.focus_search()

        dialog.finished.connect(done)
        dialog.open()

    def _typed_values(self, article_id: str) -> dict[str, str]:
        """What the agent typed into this script's blanks lately (for
        another of its variants, in the same conversation)."""
        at, values = self._typed.get(article_id, (0.0, {}))
        return values if time.monotonic() - at < TYPED_VALUES_KEPT_S else {}

    def _choose_variant(self, article, titles: list[str]) -> None:
        remembered = self.settings.get("variants", {}).get(article.id)
        dialog = VariantChooser(article.title, titles, titles.index(remembered) if remembered in titles else 0, self)

        def done(result: int) -> None:
            dialog.deleteLater()
            if result != VariantChooser.DialogCode.Accepted or dialog.chosen is None:
                self.focus_search()
                return
            settings = load_settings()  # as they are now: never write back a stale copy over others' changes
            choices = dict(settings.get("variants", {}))
            choices[article.id] = titles[dialog.chosen]
            settings["variants"] = choices
            self.settings["variants"] = choices
            try:
                save_settings(settings)
            except OSError:
                pass  # remembering the choice is a convenience
            self.copy_article(article.path, dialog.chosen)

        dialog.finished.connect(done)
        dialog.open()

    def _customer_body(self, article) -> str:
        """What of *article* the customer may read: its notes for agents left
        out, by the same rules the preview marks them with."""
        return self.preview.audience.customer_text(
            strip_title_heading(article.body, article.title))

    def _finish_copy(self, article, body: str, values: dict[str, str], title: str = "") -> None:
        plain, rich = copy_payload(body, values)
        mime = QMimeData()
        mime.setText(plain)
        mime.setHtml(rich)
        QApplication.clipboard().setMimeData(mime)
        self._record_copy(article)
        missing = [p.name for p in find_placeholders(body) if p.name not in resolved_values(body, values)]
        message = self.tr("Copied “{title}” — paste it with Ctrl+V.").replace("{title}", title or article.title)
        if missing:
            message += "  " + self.tr("Still blank: {names}").replace("{names}", "、".join(missing))
        self.statusBar().showMessage(message, 8000)
        self.field.selectAll()
        self.copied.emit(article.id, plain)

    def _record_copy(self, article) -> None:
        """Count a copy of *article* (for the ranking and the home lists)."""
        ref = ArticleRef(article.id, article.path, article.title, article.kind, article.category)
        ms = self.searches.copied()  # from the search's first keystroke, if a search led here
        if self.usage is not None:
            try:
                self._counts[article.id] = self.usage.record_copy(ref, ms_to_copy=ms)
            except Exception:  # noqa: BLE001
                traceback.print_exc()
        self.model.update_usage(self._pinned, self._counts)

    def _set_blank_values(self, path: str) -> None:
        """What a selection copied from the shown article fills its blanks
        with: as Enter would (the agent's profile, typed values, defaults)."""
        article = self.preview.article
        if article is None or article.path != path:
            return
        if not find_placeholders(article.body):
            # (no blanks: the customer's text need not be worked out for every
            # article shown while the agent types; 7 ms for a long standard)
            self.preview.browser.blank_values = {}
            return
        body = self._customer_body(article)
        values = initial_values(body, self.specs, self._profile())
        values.update({k: v for k, v in self._typed_values(article.id).items() if v})
        self.preview.browser.blank_values = {k: v for k, v in values.items() if v}

    def _on_selection_copied(self, path: str, text: str) -> None:
        """The agent copied part of the article in the preview (Ctrl+C there):
        the pane already put it on the clipboard; it counts as using the article."""
        article = self.preview.article
        if article is None or article.path != path:
            return
        self._record_copy(article)
        message = counted(len(text), self.tr("Copied the selected text ({n} character) — paste it with Ctrl+V."),
                          self.tr("Copied the selected text ({n} characters) — paste it with Ctrl+V."))
        if self.preview.browser.last_missing:
            message += "  " + self.tr("Still blank: {names}").replace("{names}", "、".join(self.preview.browser.last_missing))
        self.statusBar().showMessage(message, 8000)
        self.copied.emit(article.id, text)

    def _on_selection_refused(self, path: str) -> None:
        article = self.preview.article
        if article is not None and article.path == path:
            self.statusBar().showMessage(
                self.tr("Not copied: “{title}” is not approved.").replace("{title}", article.title), 8000)

    def _profile(self) -> dict[str, str]:
        profile = self.settings.get("profile")
        return {str(k): str(v) for k, v in profile.items()} if isinstance(profile, dict) else {}
