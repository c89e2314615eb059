"""The agents' window's search flow: a keystroke (after the debounce) becomes a
:class:`~kbdesk.ui.agent.workers.SearchRequest` on the search thread; its
outcome fills the result list, and once the agent pauses, the filter counts
follow. With an empty query the list shows favourites, most used and recent.
"""

from __future__ import annotations

import traceback

from kbdesk.ui.agent.results import ResultItem
from kbdesk.ui.common.i18n import counted
from kbdesk.ui.agent.workers import (
    CountsRequest,
    FacetCounts,
    SearchOutcome,
    SearchRequest,
)
from kbdesk.usage.store import rerank

RECENT_LIMIT = 8
MOST_USED_LIMIT = 10
MOST_USED_MIN_COPIES = 2  # copied once is not "most used"
RESULT_LIMIT = 40

# The wait after a keystroke before searching: one and a half times what
# searches take lately, between these bounds. A search that answers in 10 ms
# needs no 120 ms wait; a slow one is not asked for on every keystroke.
SEARCH_DEBOUNCE_MS = 120
MIN_SEARCH_DEBOUNCE_MS = 15
DEBOUNCE_PER_SEARCH = 1.5


class SearchFlowMixin:
    """From the query to the result list and the filter counts, for :class:`MainWindow`."""

    # -- searching ----------------------------------------------------------------------

    def query(self) -> str:
        return self.field.text().strip()

    def run_search(self) -> None:
        if self._closed:
            return  # (the field is cleared as the window closes)
        self.search_timer.stop()
        self.counts_timer.stop()
        self._seq += 1
        text = self.query()
        filtered = bool(self.search_bar.kinds() or self.search_bar.categories() or self.search_bar.tags())
        if not text and not filtered:
            self._copy_when_ready = False
            self.show_home()
            return
        key = (text, self._epoch)
        if key != self._counts_asked:
            self._counts_asked, self._counts_from_seq = key, self._seq
        self.search_thread.submit(SearchRequest(
            self._seq, text, self.search_bar.kinds(), self.search_bar.categories(), self.search_bar.tags(),
            limit=RESULT_LIMIT,
        ))

    def search_pending(self) -> bool:
        # (an empty query with a filter chosen asks for the filter's articles, too)
        asked = bool(self.query() or self.search_bar.kinds() or self.search_bar.categories() or self.search_bar.tags())
        return self.search_timer.isActive() or (asked and self._shown_seq != self._seq)

    def _adapt_debounce(self, seconds: float) -> None:
        """Wait after a keystroke 1.5 times what searches take lately."""
        ms = seconds * 1000
        self._search_ms = ms if self._search_ms is None else 0.7 * self._search_ms + 0.3 * ms
        self.search_timer.setInterval(int(min(SEARCH_DEBOUNCE_MS, max(
            MIN_SEARCH_DEBOUNCE_MS, DEBOUNCE_PER_SEARCH * self._search_ms))))

    def _on_outcome(self, outcome: SearchOutcome) -> None:
        if outcome.refined:
            self._show_refined(outcome)
            return
        if outcome.index_ready and not outcome.error and outcome.hits:
            self._adapt_debounce(outcome.seconds)
        if outcome.damaged and not self._closed:
            self.request_index_update()  # rebuilds it (marked damaged), then searches again
        if outcome.seq != self._seq or self._closed:
            return  # an answer to a query the agent has already changed
        self._last_outcome = outcome
        self._shown_seq = outcome.seq
        self._terms = outcome.terms
        if outcome.index_ready:
            self._index_ready = True
        if outcome.browsing:  # the filter's articles: the most used first, then by title
            hits = sorted(outcome.hits, key=lambda h: -self._counts.get(h.id, 0))
        else:
            hits = rerank(outcome.hits, self._counts)
        items = self._items_of(hits)
        if outcome.question_only:
            items = self._most_used_items()
        self.model.set_items(items)
        if not outcome.browsing:
            self.searches.shown(outcome.text, 0 if outcome.question_only else len(items))
        self._describe_results(outcome)
        if not outcome.countable:
            self._set_counts(None)  # e.g. only filler words: nothing to count
        elif self._counts_key != (outcome.text, self._epoch):
            self.counts_timer.start()  # only the filters changed: the counts shown still hold
        if items and not outcome.question_only and not outcome.browsing:
            self._select_row(0)  # (the most used are no answer to 怎么办, a filter is no question: none is chosen)
        else:
            self.preview.clear()  # the preview follows the list: nothing chosen, nothing shown
        self.resultsShown.emit(outcome.seq)
        if self._copy_when_ready:
            part, self._copy_when_ready = self._copy_when_ready == "part", False
            if items:
                self.copy_selected(found_part=part)

    def _items_of(self, hits) -> list[ResultItem]:
        return [ResultItem.from_hit(h, h.id in self._pinned, self._counts.get(h.id, 0)) for h in hits]

    def _show_refined(self, outcome: SearchOutcome) -> None:
        """The results shown, again with matching by meaning (the first stays
        first: only the second and third can change); the chosen article stays
        chosen, and its preview is not opened again."""
        if outcome.seq != self._seq or outcome.seq != self._shown_seq or self._closed:
            return
        chosen = self.selected_item()
        self._last_outcome = outcome
        items = self._items_of(rerank(outcome.hits, self._counts))
        self.model.set_items(items)
        self._describe_results(outcome)
        if chosen is not None:
            row = next((n for n, item in enumerate(items) if item.path == chosen.path), 0)
            selection = self.results.selectionModel()
            selection.blockSignals(True)  # the same article: the preview stays as it is
            self._select_row(row)
            selection.blockSignals(False)
            self.results.viewport().update()
            if items[row].path != chosen.path:
                self._on_current(self.model.index(row))
        self.resultsRefined.emit(outcome.seq)

    def _request_counts(self) -> None:
        outcome = self._last_outcome
        if outcome is None or self._closed or self.search_pending() or outcome.seq != self._seq:
            return
        self.search_thread.countsRequested.emit(CountsRequest(outcome.seq, outcome.text, self._epoch))

    def counts_pending(self) -> bool:
        """Whether the filter counts shown are not yet those of the query typed."""
        text = self.query()
        return bool(text) and (self.search_pending() or self.counts_timer.isActive()
                               or (self._last_outcome is not None and self._last_outcome.countable
                                   and self._counts_key != (text, self._epoch)))

    def _on_counts(self, counts: FacetCounts) -> None:
        """Filter counts for a query: shown if it is still the one typed (an
        answer to a request made before the query or the index last changed
        is discarded, like outdated results)."""
        if (self._closed or counts.seq < self._counts_from_seq or counts.seq > self._seq
                or (counts.text, counts.epoch) != (self.query(), self._epoch)):
            return
        self._set_counts(counts.facets, (counts.text, counts.epoch))  # facets None (failed): no counts, no retry
        self.countsShown.emit(counts.seq)

    def _set_counts(self, facets, key: tuple[str, int] | None = None) -> None:
        self._counts_key = key
        self.search_bar.set_counts(facets)

    def _describe_results(self, outcome: SearchOutcome | None) -> None:
        """The line above the list and the empty-state text."""
        if outcome is None:
            return
        filters = self.search_bar.describe_filters()
        if outcome.error:
            self.results_info.setText(self.tr("Search failed: {error}").replace("{error}", outcome.error))
            self.results.set_empty_text(self.tr("Search failed"), outcome.error)
            return
        if not outcome.index_ready:
            self.results_info.setText("")
            self.results.set_empty_text(
                self.tr("Preparing the search index…"),
                self.tr("Results appear as soon as it is ready. You can keep typing."))
            return
        if outcome.browsing:
            self.results_info.setText(counted(outcome.total, self.tr("{n} article · {filters}"),
                                              self.tr("{n} articles · {filters}")).replace("{filters}", filters))
            if not outcome.hits:
                self.results.set_empty_text(self.tr("No article in {filters}").replace("{filters}", filters), "")
            return
        if outcome.question_only:
            hint = self.tr("“{query}” asks a question but names no subject: add what it is about (退款{query}).")\
                .replace("{query}", outcome.text)
            if self.model.article_rows():
                self.results_info.setText(hint + "  " + self.tr("Meanwhile, the most used articles:"))
            else:
                self.results_info.setText("")
                self.results.set_empty_text(self.tr("Say what the question is about"), hint)
            return
        if outcome.hits:
            if outcome.relaxed:
                text = self.tr("No article has every word; showing articles with some of them.")
            else:
                text = counted(outcome.total, self.tr("{n} result"), self.tr("{n} results"))
            if filters:
                text += "  ·  " + self.tr("filter: {filters}").replace("{filters}", filters)
            self.results_info.setText(text)
            return
        self.results_info.setText("")
        tips = [self.tr("Try a shorter or different word (退款 instead of 退款多久到账)."),
                self.tr("Pinyin works too: full (tuikuan) or initials (tk).")]
        if filters:
            tips.insert(0, self.tr("Remove the filter ({filters}) — it may hide the answer.")
                        .replace("{filters}", filters))
        self.results.set_empty_text(self.tr("Nothing found for “{query}”").replace("{query}", outcome.text),
                                    "\n".join(tips))

    def _most_used_items(self) -> list[ResultItem]:
        """The most copied articles that the filters set let through."""
        if self.usage is None:
            return []
        kinds, categories = set(self.search_bar.kinds()), set(self.search_bar.categories())
        try:
            entries = self.usage.most_used(MOST_USED_LIMIT * 3)
        except Exception:  # noqa: BLE001 - a locked or damaged database: no list, not a crash
            traceback.print_exc()
            return []
        entries = [e for e in entries if (not kinds or e.ref.kind in kinds)
                   and (not categories or e.ref.category in categories)][:MOST_USED_LIMIT]
        return [ResultItem.from_usage(e) for e in entries]

    def show_home(self) -> None:
        """With an empty query: the favourites, the most copied articles and
        the recently copied ones, each article once (in the first list it
        belongs to). No filter counts without a query."""
        if self._closed:
            return  # (a language change reaches windows that are closing too)
        self._terms = []
        self._last_outcome = None
        self.preview.clear()
        self._counts_asked = None
        self.counts_timer.stop()
        self._set_counts(None)
        items: list[ResultItem] = []
        if self.usage is not None:
            try:
                favourites = self.usage.favourites()
                listed = {e.ref.id for e in favourites}
                most_used = [e for e in self.usage.most_used(MOST_USED_LIMIT + len(listed), MOST_USED_MIN_COPIES)
                             if e.ref.id not in listed][:MOST_USED_LIMIT]
                listed.update(e.ref.id for e in most_used)
                recent = [e for e in self.usage.recent(RECENT_LIMIT + len(listed))
                          if e.ref.id not in listed][:RECENT_LIMIT]
            except Exception:  # noqa: BLE001 - a locked or damaged database: an empty list, not a crash
                traceback.print_exc()
                favourites = most_used = recent = []
            for header, entries in ((self.tr("Favourites"), favourites), (self.tr("Most used"), most_used),
                                    (self.tr("Recently copied"), recent)):
                if entries:
                    items.append(ResultItem(header=header))
                    items.extend(ResultItem.from_usage(e) for e in entries)
        self.model.set_items(items)
        self.results_info.setText("")
        self.results.set_empty_text(
            self.tr("Type to search the knowledge base"),
            self.tr("Chinese (Simplified or Traditional), pinyin such as tuikuan or tk, or terms like APP, VIP.\n"
                    "↓ ↑ choose · Enter copies · Ctrl+Enter copies only the section found · Esc clears\n"
                    "Ctrl+K comes back here · Ctrl+D pins an article to your favourites."))
