"""From keystrokes to counted searches: one search is what the agent typed
from the first keystroke until they copied, cleared the field, or left it
alone for a while. It is counted by how it ended: ``copied``, ``opened`` (an
article was looked at), ``failed`` (results, but nothing looked at or
copied), ``empty`` (nothing found). The window reports what happens; the
clock is given, so tests need no waiting."""

from __future__ import annotations

import time
from dataclasses import dataclass

IDLE_ENDS_SEARCH_S = 60.0  # no keystroke, open or copy for this long: the search has ended
LOOKED_AT_S = 2.0  # results on screen this long, then other words typed over them: that search has ended


@dataclass
class _Search:
    started: float
    query: str = ""
    results: int | None = None
    shown_at: float = 0.0
    opened: bool = False
    last: float = 0.0


class SearchSessions:
    def __init__(self, store, clock=time.monotonic):
        self.store = store  # a UsageStore (or None: nothing is counted)
        self.clock = clock
        self.current: _Search | None = None

    def typed(self, text: str) -> None:
        now = self.clock()
        text = text.strip()
        if self.current is not None and now - self.current.last > IDLE_ENDS_SEARCH_S:
            self._end()
        if not text:
            self._end()
            return
        current = self.current
        if (current is not None and current.results is not None and now - current.shown_at >= LOOKED_AT_S
                and not (text.startswith(current.query) or current.query.startswith(text))):
            # Other words over results the agent looked at (Ctrl+A, typing anew): a search of its own.
            self._end()
        if self.current is None:
            self.current = _Search(now)
        if text != self.current.query:
            self.current.query, self.current.results, self.current.opened = text, None, False
        self.current.last = now

    def shown(self, query: str, count: int) -> None:
        """Results for *query* are on screen (*count* articles)."""
        if self.current is not None and query.strip() == self.current.query:
            self.current.results = count
            self.current.last = self.current.shown_at = self.clock()

    def opened(self) -> None:
        """The agent looked at an article of the results."""
        if self.current is not None:
            self.current.opened = True
            self.current.last = self.clock()

    def copied(self) -> int | None:
        """A copy ends the search; the milliseconds from its first keystroke
        (None if the copy came from no search: a favourite, a link)."""
        if self.current is None or not self.current.query:
            return None
        ms = int((self.clock() - self.current.started) * 1000)
        self._count("copied")
        self.current = None
        return ms

    def tick(self) -> None:
        """Called now and then: a search left alone has ended."""
        if self.current is not None and self.clock() - self.current.last > IDLE_ENDS_SEARCH_S:
            self._end()

    def finish(self) -> None:
        """The window closes: the search under way ends as it stands."""
        self._end()

    def _end(self) -> None:
        search, self.current = self.current, None
        if search is None or not search.query or search.results is None:
            return  # typed, but no results were ever shown: not a search
        if search.results == 0:
            self._count("empty", search)
        else:
            self._count("opened" if search.opened else "failed", search)

    def _count(self, outcome: str, search: _Search | None = None) -> None:
        search = search or self.current
        if self.store is not None and search is not None:
            self.store.record_search(search.query, outcome)
