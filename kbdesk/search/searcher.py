"""Turning what an agent types into ranked articles with snippets.

A query is cut into *concepts* (a word, a Latin term, a quoted phrase) by
:mod:`kbdesk.search.query`. Each concept matches if any of its forms is
found: the word in title, tags, category or body; the same characters as
bigrams (where the text was cut differently); its synonyms; its pinyin; for
Latin terms also a one-letter typo. All concepts must match; if that finds
nothing, any concept may, ranked. Postings are scored by
:mod:`kbdesk.search.matching`; hits and snippets are :mod:`kbdesk.search.results`.
"""

from __future__ import annotations

from whoosh import query as Q
from whoosh.searching import Searcher as WhooshSearcher

from kbdesk import textforms
from kbdesk.search import analysis
from kbdesk.search.index import IndexDamaged, SearchIndex
from kbdesk.search.matching import TermScorer, top
from kbdesk.search.query import (
    ParsedQuery,
    Synonyms,
    build_queries,
    parse_query,
)
from kbdesk.search.results import FilterCounts, SearchHit, SearchResults, Snippet, make_snippet
from kbdesk.search.schema import decode_facets

RERANK_DEPTH = 20
SAME_SCRIPT_BOOST = 1.15
SCRIPT_INTENT_BOOST = 1.3
AGENT_STATUSES = ("approved",)
ALL_LIVE_STATUSES = ("draft", "review", "approved")


def _any_of(field_name: str, values) -> Q.Query | None:
    values = [v for v in (values or []) if v]
    if not values:
        return None
    return Q.Term(field_name, values[0]) if len(values) == 1 else Q.Or([Q.Term(field_name, v) for v in values])


class Searcher:
    """Searches one content folder's index. Cheap to call repeatedly: the
    Whoosh searcher, the scorer and the filters are reused until the index
    changes, and the last query's matches are kept for counting them per
    filter (the window asks for those right after the results)."""

    def __init__(self, index: SearchIndex):
        self.index = index
        self.segmenter = analysis.segmenter(index.dict_path)
        settings = index.store.settings_dir
        self.synonyms = Synonyms.from_file(settings / "synonyms.txt")
        self._searcher: WhooshSearcher | None = None
        self._ix = None
        self._scorer: TermScorer | None = None
        self._filters: dict[str, frozenset | None] = {}
        # what is read of a segment outlives an index version: a segment never changes
        self._segment_cache: dict = {}
        self._last_matches: tuple[str, tuple[dict, bool]] | None = None
        self._last_parsed: tuple[str, ParsedQuery] | None = None

    def parse(self, text: str) -> ParsedQuery:
        """*text* as a query (the window asks for the same text's results,
        highlights and filter counts: it is cut once)."""
        if self._last_parsed is None or self._last_parsed[0] != text:
            self._last_parsed = (text, parse_query(text, self.segmenter, self.synonyms))
        return self._last_parsed[1]

    def _forget_index(self) -> None:
        """Drop everything read of the index (it was found damaged)."""
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:  # noqa: BLE001 - it is being thrown away
                pass
        self._searcher = self._ix = self._scorer = self._last_matches = None
        self._filters.clear()
        self._segment_cache.clear()

    def _whoosh_searcher(self) -> WhooshSearcher | None:
        ix = self.index.open()
        if ix is None:
            return None
        previous = self._searcher
        if self._searcher is None or self._ix is not ix or not self._searcher.up_to_date():
            # A new searcher, never Whoosh's refresh(): that reuses the open
            # reader of a segment with its old deletions, and keeps segments
            # that a merge has replaced (deleted articles would show, merged
            # ones twice). What is read of unchanged segments is shared anyway
            # (self._segment_cache).
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._ix = ix.searcher(), ix
        if self._searcher is not previous or self._scorer is None:
            self._filters.clear()
            self._last_matches = None
            self._scorer = TermScorer(self._searcher, self._segment_cache)
            live = {segment.id for segment in self._scorer.segments}
            for key in [k for k in self._segment_cache if k[0] not in live]:
                del self._segment_cache[key]
        return self._searcher

    def _filter_docs(self, searcher: WhooshSearcher, filter_q: Q.Query | None) -> frozenset | None:
        """The documents a filter lets through, computed once per index version
        (not again for every keystroke)."""
        if filter_q is None:
            return None
        key = repr(filter_q)
        if key not in self._filters:
            self._filters[key] = frozenset(searcher.docs_for_query(filter_q))
        return self._filters[key]

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._scorer = None
        self._last_matches = None

    def _matches(self, parsed: ParsedQuery) -> tuple[dict[int, float], bool]:
        """(document → score, relaxed) for every article the query matches,
        before any filter: every word must match, else any meaningful word."""
        key = repr(parsed)
        if self._last_matches is not None and self._last_matches[0] == key:
            return self._last_matches[1]
        strict, loose = build_queries(parsed)
        scores, relaxed = self._scorer.scores(strict), False
        if not scores and not parsed.phrases:
            scores, relaxed = self._scorer.scores(loose), True
        self._last_matches = (key, (scores, relaxed))
        return scores, relaxed

    def search(
        self,
        text: str,
        *,
        kinds=None,
        categories=None,
        tags=None,
        statuses=AGENT_STATUSES,
        limit: int = 10,
        snippets: bool = True,
        boost=None,
    ) -> SearchResults:
        """Articles for *text*, best first.

        *statuses* defaults to what agents may see (approved only); retired
        articles are never returned, whatever is asked. *boost*, if given,
        maps an article's path to a ranking factor (1.0 = neutral).
        """
        parsed = self.parse(text)
        if parsed.empty:
            return SearchResults(text, [], 0)
        try:
            return self._search(text, parsed, kinds, categories, tags, statuses, limit, snippets, boost)
        except Exception as exc:  # noqa: BLE001 - Whoosh reports a damaged file as any error at all
            reason = f"{type(exc).__name__}: {exc}"
            self.index.mark_damaged(reason)
            self._forget_index()
            raise IndexDamaged(f"the search index is damaged ({reason}); it will be rebuilt") from exc

    def _search(self, text, parsed, kinds, categories, tags, statuses, limit, snippets, boost) -> SearchResults:
        searcher = self._whoosh_searcher()
        if searcher is None:
            return SearchResults(text, [], 0)

        allowed = self._filter_docs(searcher, self._filter_query(searcher, statuses, kinds, categories, tags))
        scores, relaxed = self._matches(parsed)
        if allowed is not None:
            scores = {d: s for d, s in scores.items() if d in allowed}
        total = len(scores)
        # Quoted phrases are checked on the text, so look deeper for them.
        depth = max(limit, RERANK_DEPTH) * (10 if parsed.phrases else 1)
        scored = [(searcher.stored_fields(d), s) for d, s in top(scores, depth)]
        if parsed.phrases:
            scored = self._with_phrases(parsed, scored)
            total = len(scored)
        ranked = self._rerank(parsed, scored, boost)
        terms = parsed.highlight_terms()
        hits = [
            SearchHit(
                id=stored["id"],
                title=stored["title"],
                kind=stored["kind"],
                category=stored.get("category_id", ""),
                status=stored["status"],
                path=stored["path"],
                score=score,
                snippet=make_snippet(stored.get("text", ""), terms) if snippets else Snippet(""),
                tags=[t for t in stored.get("tag_list", "").split(",") if t],
                updated=stored.get("updated", ""),
                review_by=stored.get("review_by", ""),
            )
            for stored, score in ranked[:limit]
        ]
        return SearchResults(text, hits, total, relaxed)

    def _filter_query(self, searcher, statuses, kinds=None, categories=None, tags=None) -> Q.Query | None:
        statuses = [s for s in (statuses or ALL_LIVE_STATUSES) if s != "retired"]
        if self._all_have_status(searcher, statuses):
            statuses = []  # e.g. the approved branch: filtering would only cost time
        filters = [q for q in (
            _any_of("status", statuses),
            _any_of("kind", kinds),
            _any_of("category_id", categories),
            _any_of("tag_list", tags),
        ) if q is not None]
        return (Q.And(filters) if len(filters) > 1 else filters[0]) if filters else None

    def facet_counts(self, text: str, *, statuses=AGENT_STATUSES) -> FilterCounts:
        """How many articles match *text* per kind, category and tag (before
        those filters are applied), for showing next to the filters. Counts
        the same matches :meth:`search` ranks: every word, else any word."""
        facets = FilterCounts()
        parsed = self.parse(text)
        searcher = self._whoosh_searcher()
        if parsed.empty or searcher is None:
            return facets
        allowed = self._filter_docs(searcher, self._filter_query(searcher, statuses))
        docs = self._matches(parsed)[0].keys()
        if allowed is not None:
            docs = allowed.intersection(docs)
        if not docs:
            return facets  # (an empty index has no facets column to open)
        column = searcher.reader().column_reader("facets")
        for docnum in docs:
            kind, category, tags = decode_facets(column[docnum])
            facets.kinds[kind] += 1
            if category:
                facets.categories[category] += 1
            facets.tags.update(tags)
        facets.total = len(docs)
        return facets

    @staticmethod
    def _all_have_status(searcher: WhooshSearcher, statuses) -> bool:
        if not statuses:
            return True
        # Counts include deleted documents on both sides, so a deleted draft
        # keeps the filter on rather than letting a live one through.
        total = searcher.doc_count_all()
        return sum(searcher.doc_frequency("status", s) for s in set(statuses)) >= total

    @staticmethod
    def _with_phrases(parsed: ParsedQuery, scored: list[tuple[dict, float]]) -> list[tuple[dict, float]]:
        return [
            (stored, score) for stored, score in scored
            if all(p in textforms.normalize(f"{stored['title']}\n{stored.get('text', '')}") for p in parsed.phrases)
        ]
    @staticmethod
    def _rerank(parsed: ParsedQuery, scored: list[tuple[dict, float]], boost) -> list[tuple[dict, float]]:
        """Adjust the best matches for what the agent evidently prefers: the
        script they type in (Simplified unless they type Traditional), reply
        scripts when they ask how to say something, and *boost* (path →
        factor, e.g. from how often the agent copied an article)."""
        preferred_script = parsed.script or "hans"
        adjusted = []
        for stored, score in scored:
            factor = 1.0
            if stored.get("script") == preferred_script:
                factor *= SAME_SCRIPT_BOOST
            if parsed.wants_script and stored.get("kind") == "script":
                factor *= SCRIPT_INTENT_BOOST
            if boost is not None:
                factor *= boost(stored["path"])
            adjusted.append((stored, score * factor))
        adjusted.sort(key=lambda item: item[1], reverse=True)
        return adjusted
