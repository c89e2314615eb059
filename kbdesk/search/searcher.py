"""Turning what an agent types into ranked articles with snippets.

A query is cut into *concepts* (a word, a Latin term, a quoted phrase) by
:mod:`kbdesk.search.query`. Each concept matches a passage if any of its
forms is found there: the word in title, tags, category, headings or text;
the same characters as bigrams (where the text was cut differently); its
synonyms; its pinyin; a look-alike or, failing all, a one-letter typo of a
Latin term. The articles with a passage that matches every concept come
first; while there are few, the list goes on with passages that match at
least half of them (a minimum-should-match), ranked by score times the share
matched. An article ranks by its best passage, plus a part for the article
as a whole. Postings are scored by
:mod:`kbdesk.search.matching`; hits and snippets are :mod:`kbdesk.search.results`.
"""

from __future__ import annotations

import dataclasses
import functools
import heapq
import math
import re
import time
from dataclasses import dataclass
from itertools import chain

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher as WhooshSearcher

from kbdesk import textforms
from kbdesk.content.audience import Audience
from kbdesk.search import analysis, semantic
from kbdesk.search.index import IndexDamaged, SearchIndex
from kbdesk.search.matching import TermScorer, top
from kbdesk.search.query import (
    QUERY_STOP_WORDS,
    ParsedQuery,
    asked_value,
    Synonyms,
    build_concept_queries,
    character_queries,
    may_be_homophone_typo,
    parse_query,
    part_queries,
)
from kbdesk.search.results import FilterCounts, SearchHit, SearchResults, Snippet, make_snippet
from kbdesk.search.schema import HEADING_SEP, decode_facets

RERANK_DEPTH = 20
# Matching by meaning (see Searcher._with_meaning): for queries of at least
# this many Chinese characters, once this share of the passages has vectors,
# an article this near (cosine; e5's similarities lie between 0.7 and 0.95).
MEANING_MIN_CHARS = 3
MEANING_COVERAGE = 0.9
MEANING_NEAR_ENOUGH = 0.84
SAME_SCRIPT_BOOST = 1.15
SCRIPT_INTENT_BOOST = 1.3
AGENT_STATUSES = ("approved",)
ALL_LIVE_STATUSES = ("draft", "review", "approved")
# The article as a whole (each concept's best passage, added up) counts this
# much beside its best passage; a concept found in another passage of the
# article counts this much of a concept towards its share.
WHOLE_WEIGHT = 0.5
ELSEWHERE_SHARE = 0.5
# Below this many articles matching every concept, the list goes on with
# those that match most (at least half) of them.
PARTIAL_BELOW = 30
# An optional word (客户, 处理) found in more than this share of passages is
# left out: reading its postings costs more than its nearly equal score buys.
EVERYWHERE_SHARE = 0.25
# The passage of each of the best REPICK_TOP articles is chosen again among
# its REPICK_OPTIONS best (see Searcher._answering_passage); how much of what
# was typed that passage holds lifts each of the best RERANK_DEPTH articles
# by up to TYPED_BOOST.
REPICK_TOP = 5
TYPED_BOOST = 0.3
REPICK_OPTIONS = 6
# Stored fields of passages kept between searches (a few MB).
STORED_FIELDS_KEPT = 3000
FREQUENCIES_KEPT = 20_000
# Pinyin typed (zhongda) also looks for up to PINYIN_WORDS words of the
# body read so (重大); shorter Latin words are too often English or initials.
MIN_PINYIN_WORD = 4
PINYIN_WORDS = 3
# Passages looked at per article wanted.
PASSAGES_PER_ARTICLE = 4


_QUESTION_WORDS_RE = re.compile("|".join(
    re.escape(w) for w in sorted(QUERY_STOP_WORDS, key=len, reverse=True) if len(w) > 1 and textforms.is_cjk(w[:1])))


def _typed_pieces(text: str) -> tuple[set[str], set[str]]:
    """The Chinese characters and character pairs typed, question words left out."""
    norm = _QUESTION_WORDS_RE.sub(" ", textforms.normalize(text))
    chars, pairs = set(), set()
    for run in re.findall(r"[\u3400-\u9fff]+", norm):
        chars.update(c for c in run if c not in QUERY_STOP_WORDS)
        pairs.update(run[i:i + 2] for i in range(len(run) - 1))
    return chars, pairs


# Passages looked at again while the agent types on: normalised once.
_normalized = functools.lru_cache(maxsize=4096)(textforms.normalize)


# How the passage that answers is chosen among an article's best ones (see
# Searcher._answering_passage), tried on tests/search/relevance/long_docs and
# a held-out set of other documents: section recall@3 0.70 → 0.78 and 0.81 → 0.84.
ANSWER_SHARE = 0.5
ANSWER_OWN_HEADING = 2.0
ANSWER_HEADING = 0.5
ANSWER_TEXT = 1.0
ANSWER_LENGTH = 0.5
ANSWER_INTERNAL = 2.0
ANSWER_VALUE = 0.5
ANSWER_VALUE_HEADING = 0.6
ANSWER_FULL_LENGTH = 300  # characters: shorter passages hold less of an answer
_NORM_SEP = textforms.normalize(HEADING_SEP)


def _piece_weights(typed: tuple[set[str], set[str]], texts: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """The typed characters and pairs, each weighted by how few of *texts*
    hold it (one in every passage tells none of them apart)."""
    n = len(texts)

    def weight(piece: str) -> float:
        return math.log((n + 1) / (sum(piece in t for t in texts) + 1)) + 0.5

    chars, pairs = typed
    return {c: weight(c) for c in chars}, {p: 2 * weight(p) for p in pairs}


def _held(weights: tuple[dict[str, float], dict[str, float]], text: str, chars: bool = True,
          pairs: bool = True) -> float:
    """The weighted share of the typed characters and pairs that *text* holds (0–1)."""
    parts = [w for w, on in zip(weights, (chars, pairs)) if on]
    total = sum(v for part in parts for v in part.values())
    if not total:
        return 0.0
    return sum(v for part in parts for piece, v in part.items() if piece in text) / total


def _overlap(typed: tuple[set[str], set[str]], fields: dict) -> float:
    """Share of the typed characters and pairs (a pair counting twice) that a
    passage's heading and its text hold, the two averaged (0–1)."""
    chars, pairs = typed
    weights = ({c: 1.0 for c in chars}, {p: 2.0 for p in pairs})
    heading, body = _normalized(fields.get("heading") or ""), _normalized(fields.get("text", ""))
    return (_held(weights, heading) + _held(weights, body)) / 2


def _rank_key(required: int):
    """The articles that match every concept in one passage first; then the
    others by score times the share of concepts they match. (Ranking them
    strictly by share put a passage with three weak words above the section
    that answers with the two that matter: 0.90 against 0.92 recall@3 on
    tests/search/relevance/long_docs.)"""
    def key(ranked):
        share, score = ranked[0], ranked[1]
        if not required:
            return (True, score)
        return (share >= required, score * share / required)
    return key


@dataclass
class _Matches:
    """What a query matches, filters applied, as arrays over all passages:
    the passages that match every concept, the others kept (those that
    match at least *least* concepts), and each concept's scores."""

    count: np.ndarray  # concepts matched by each passage (0 where filtered out)
    score: np.ndarray  # the scores of the concepts matched, added up
    full: np.ndarray  # the passages matching every concept
    partial: np.ndarray  # the others kept
    least: int  # concepts a kept passage matches at least
    concepts: list[np.ndarray]
    optional: np.ndarray | None  # the optional words' scores, added up
    required: int
    missing: int = 0  # concepts found nowhere


_NO_PASSAGES = np.zeros(0, dtype=np.int64)


def _hit(fields: dict, score: float, terms, matched: float) -> SearchHit:
    """A result from a passage's stored fields; a snippet marking *terms*
    (None: no snippet; []: the passage's opening)."""
    heading = fields.get("heading") or ""
    return SearchHit(
        id=fields["id"],
        title=fields["title"],
        kind=fields["kind"],
        category=fields.get("category_id", ""),
        status=fields["status"],
        path=fields["path"],
        score=score,
        snippet=make_snippet(fields.get("text", ""), terms) if terms is not None else Snippet(""),
        tags=[t for t in fields.get("tag_list", "").split(",") if t],
        updated=fields.get("updated", ""),
        review_by=fields.get("review_by", ""),
        section=heading.split(HEADING_SEP) if heading else [],
        line=fields.get("line", 0),
        matched=matched,
    )


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
        self.synonyms = Synonyms.for_folder(settings / "synonyms.txt")
        self.audience = Audience.for_folder(settings)  # which sections are for agents only
        self._searcher: WhooshSearcher | None = None
        self._ix = None
        self._scorer: TermScorer | None = None
        self._filters: dict[str, np.ndarray] = {}
        # what is read of a segment outlives an index version: a segment never changes
        self._segment_cache: dict = {}
        self._last_matches: tuple[tuple, _Matches] | None = None
        # document number → stored fields, for this index version: as-you-type
        # looks at the same passages keystroke after keystroke
        self._stored_fields: dict[int, dict] = {}
        self._last_parsed: tuple[str, ParsedQuery] | None = None
        # (field, term) → in how many passages: asked again keystroke after keystroke
        self._frequencies: dict[tuple[str, str], int] = {}
        self._last_expanded: tuple[ParsedQuery, TermScorer, ParsedQuery] | None = None
        self._vector_store: semantic.VectorStore | None = None
        self._vectors: tuple[TermScorer, semantic.PassageVectors | None] | None = None
        self._last_query_vector: tuple[str, np.ndarray | None] | None = None
        # (text, scorer, article) of the last article that matching by meaning
        # added to a list: the filter counts count it
        self._meaning_added: tuple[str, TermScorer, int] | None = None

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
            self._frequencies.clear()
            self._stored_fields.clear()
            self._last_matches = None
            self._scorer = TermScorer(self._searcher, self._segment_cache)
            live = {segment.id for segment in self._scorer.segments}
            for key in [k for k in self._segment_cache if k[0] not in live]:
                del self._segment_cache[key]
        return self._searcher

    def _frequency(self, field: str, term: str) -> int:
        """In how many passages *term* of *field* is (of the open searcher)."""
        key = (field, term)
        n = self._frequencies.get(key)
        if n is None:
            if len(self._frequencies) >= FREQUENCIES_KEPT:
                self._frequencies.clear()
            n = self._frequencies[key] = self._searcher.doc_frequency(field, term)
        return n

    def _filter_docs(self, searcher: WhooshSearcher, filter_q: Q.Query | None) -> np.ndarray | None:
        """The documents a filter lets through (True per document number),
        computed once per index version (not again for every keystroke)."""
        if filter_q is None:
            return None
        key = repr(filter_q)
        if key not in self._filters:
            allowed = np.zeros(searcher.doc_count_all(), dtype=bool)
            allowed[list(searcher.docs_for_query(filter_q))] = True
            self._filters[key] = allowed
        return self._filters[key]

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._scorer = None
        self._last_matches = None
        self._vectors = None
        if self._vector_store is not None:
            self._vector_store.close()
            self._vector_store = None

    def _everywhere(self, word: str) -> bool:
        """In so many passages that it cannot tell them apart (a character
        typed alone: in so many titles and headings)."""
        searcher = self._searcher
        field = "chars" if len(word) == 1 and textforms.is_cjk(word) else "words"
        return self._frequency(field, word) > EVERYWHERE_SHARE * max(1, searcher.doc_count_all())

    def _matches(self, parsed: ParsedQuery, allowed: np.ndarray | None = None) -> _Matches:
        """Every passage the query matches, with the number of concepts it
        matches and its score: every concept, and, while few articles match
        every concept, passages that match at least half of them."""
        key = (repr(parsed), id(allowed))
        if self._last_matches is not None and self._last_matches[0] == key:
            return self._last_matches[1]
        scorer = self._scorer
        required, optional = [], []
        fallback = []  # the optional words (not characters alone), if nothing else is found
        missing = 0
        for cq in build_concept_queries(parsed):
            if not cq.required and self._everywhere(cq.concept.text):
                continue  # 客户 in a knowledge base of customer service: it would rank nothing
            scores = scorer.scores(cq.query)
            if cq.typo is not None and not scores.any():
                scores = scorer.scores(cq.typo)
            if not cq.required:
                optional.append(scores)
                if len(cq.concept.text) > 1 or not textforms.is_cjk(cq.concept.text):
                    fallback.append(scores)
            elif scores.any():
                required.append(scores)
            else:
                # in no passage at all: it cannot tell passages apart; its
                # shorter words may (吃饭时间 where the text says 用餐时间)
                parts = [p for p in map(scorer.scores, part_queries(cq.concept)) if p.any()]
                required.extend(parts)
                missing += not parts
        if not required:
            # every word to insist on is found nowhere (双十 of 双十一): the
            # other words rather than nothing (a character alone in a title is no answer)
            required, optional = [o for o in fallback if o.any()], []
        if not required:
            # no word at all: the characters of the Chinese ones, as a bigram search would
            pair_queries, char_queries, held_at_least = character_queries(parsed)
            pairs = [scores for scores in map(scorer.scores, pair_queries) if scores.any()]
            found = pairs + [scores for scores in map(scorer.scores, char_queries) if scores.any()]
            if found:
                held = sum((scores > 0).astype(np.int16) for scores in found)
                combined = np.where(held >= held_at_least, sum(found), 0.0)
                if not combined.any() and pairs:
                    # 狗拉血便 where a text says 血便 only: one pair rather than nothing
                    combined = np.where(sum(pairs) > 0, sum(found), 0.0)
                required = [combined] if combined.any() else []
        n = len(required)
        count = np.zeros(scorer.doc_count_all, dtype=np.int16)
        score = scorer.zeros()
        for scores in required:
            count += scores > 0
            score += scores
        if allowed is not None:
            count *= allowed
        full = np.flatnonzero(count == n) if n else _NO_PASSAGES
        firsts = scorer.article_firsts()
        partial, least = _NO_PASSAGES, n
        if n > 1 and len(np.unique(firsts[full])) < PARTIAL_BELOW:
            least = max(1, math.ceil(n / 2)) if n > 2 else 1
            partial = np.flatnonzero((count >= least) & (count < n))
            if not len(partial) and least > 1:
                least = 1  # nothing has half of them: any concept rather than nothing
                partial = np.flatnonzero((count >= least) & (count < n))
        matches = _Matches(count, score, full, partial, least, required,
                           sum(optional) if optional else None, n, missing)
        self._last_matches = (key, matches)
        return matches

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
        meaning: bool = True,
    ) -> SearchResults:
        """Articles for *text*, best first.

        *statuses* defaults to what agents may see (approved only); retired
        articles are never returned, whatever is asked. *meaning*: False
        ranks by words alone (the window shows those first, then asks again:
        see :meth:`meaning_applies`). *boost*, if given,
        maps an article's path to a ranking factor (1.0 = neutral).
        """
        parsed = self.parse(text)
        if parsed.empty:
            return SearchResults(text, [], 0)
        try:
            return self._search(text, parsed, kinds, categories, tags, statuses, limit, snippets, boost, meaning)
        except Exception as exc:  # noqa: BLE001 - Whoosh reports a damaged file as any error at all
            reason = f"{type(exc).__name__}: {exc}"
            self.index.mark_damaged(reason)
            self._forget_index()
            raise IndexDamaged("index-damaged", reason=reason) from exc

    def prepare(self) -> None:
        """Read now what the first search in pinyin would otherwise wait for:
        the pinyin of the index's words (a few hundred ms in a large folder),
        and the passages' vectors."""
        if self._whoosh_searcher() is not None:
            self._scorer.words_read_as("", self.segmenter)
            self._passage_vectors()

    # -- meaning (see kbdesk.search.semantic) ---------------------------------------

    def _passage_vectors(self) -> semantic.PassageVectors | None:
        """The vectors of this index version's passages (None: matching by
        meaning is off, or the folder is too large for it)."""
        scorer = self._scorer
        if scorer is None or not 0 < scorer.doc_count_all <= semantic.MAX_PASSAGES or not semantic.enabled():
            return None  # (the size first: a large folder never loads the model)
        if self._vectors is not None and self._vectors[0] is scorer:
            vectors = self._vectors[1]
            if vectors is not None:
                vectors.refresh()
            return vectors
        if self._vector_store is None:
            self._vector_store = semantic.VectorStore(semantic.store_path(self.index.dir))
        keys: list[bytes | None] = []
        for segment in scorer.segments:  # (a segment never changes: its keys are read once)
            keys.extend(self._segment_cache.get((segment.id, "vector-keys")) or self._segment_keys(segment))
        for d in scorer.deleted:
            keys[d] = None
        vectors = semantic.PassageVectors(keys, self._vector_store)
        self._vectors = (scorer, vectors)
        return vectors

    def _segment_keys(self, segment) -> list[bytes]:
        reader = segment.reader
        keys = [semantic.key_of(semantic.passage_text(reader.stored_fields(d))) for d in range(segment.doc_count_all)]
        self._segment_cache[(segment.id, "vector-keys")] = keys
        return keys

    def vectors_missing(self) -> int:
        """How many passages have no vector yet (0 also where matching by meaning is off)."""
        if self._whoosh_searcher() is None:
            return 0
        vectors = self._passage_vectors()
        return vectors.missing if vectors is not None else 0

    def embed_missing(self, progress=None, cancelled=lambda: False, seconds: float | None = None) -> int:
        """Embed the passages that have no vector yet (50–130 ms each), in
        batches; *progress*(done, total) after each; stop after a batch once
        *cancelled*() or past *seconds* (what was embedded is kept). Returns how many."""
        deadline = None if seconds is None else time.monotonic() + seconds
        if self._whoosh_searcher() is None:
            return 0
        vectors = self._passage_vectors()
        if vectors is None:
            return 0
        todo: dict[bytes, int] = {}
        for d, (key, have) in enumerate(zip(vectors.keys, vectors.have)):
            if key is not None and not have and key not in todo:
                todo[key] = d
        items = list(todo.items())
        done = 0
        for start in range(0, len(items), semantic.BATCH):
            if cancelled() or (deadline is not None and time.monotonic() > deadline):
                break
            part = items[start:start + semantic.BATCH]
            texts = [semantic.passage_text(self._searcher.stored_fields(d)) for _, d in part]
            made = semantic.embed_passages(texts)
            if made is None:
                break
            self._vector_store.put({key: made[n] for n, (key, _) in enumerate(part)})
            done += len(part)
            if progress is not None:
                progress(done, len(items))
        vectors.refresh()
        return done

    def meaning_applies(self, text: str) -> bool:
        """Whether matching by meaning may change the results of *text*
        (then a search with it costs an embedding of the query, 12–40 ms)."""
        if len(textforms.CJK_RE.findall(text)) < MEANING_MIN_CHARS or self._scorer is None:
            return False
        vectors = self._passage_vectors()
        return vectors is not None and vectors.coverage() >= MEANING_COVERAGE

    def _query_vector(self, text: str) -> np.ndarray | None:
        if self._last_query_vector is None or self._last_query_vector[0] != text:
            self._last_query_vector = (text, semantic.embed_query(text))
        return self._last_query_vector[1]

    def _with_meaning(self, text: str, ranked: list, allowed: np.ndarray | None, choose) -> list:
        """*ranked* with the article nearest in meaning second, if it is not
        in the top three and is nearer than all of them, and near enough.
        (On eight held-out sets: 0.938 → 0.969 of the queries found their
        document in the top three; second, not first, as the words are
        still right more often than the vectors.)"""
        if not ranked:
            # nothing the words found: no nearest article either. Any Chinese
            # text is 0.84–0.87 near some passage (火星探测器 as near as
            # 牙撞掉了怎么保存 to its answer): a nearest passage alone is no evidence
            return ranked
        if len(textforms.CJK_RE.findall(text)) < MEANING_MIN_CHARS:
            return ranked  # 退款 or pinyin: the words say it; a vector of two characters says little
        vectors = self._passage_vectors()
        if vectors is None or vectors.coverage() < MEANING_COVERAGE:
            return ranked
        query = self._query_vector(text)
        if query is None:
            return ranked
        sims = vectors.matrix @ query
        if allowed is not None:
            sims = np.where(allowed, sims, -1.0)
        best = int(np.argmax(sims))
        if sims[best] < MEANING_NEAR_ENOUGH:
            return ranked
        scorer = self._scorer
        firsts = scorer.article_firsts()
        first = firsts[best]
        top3 = ranked[:3]
        if any(firsts[d] == first for _, _, d, _ in top3):
            return ranked
        def nearest(d: int) -> float:
            passages = scorer.article_passages(int(firsts[d]))
            return float(sims[passages.start:passages.stop].max())
        near = [nearest(d) for _, _, d, _ in top3]
        if top3 and sims[best] <= max(near):
            return ranked
        old = next((r for r in ranked if firsts[r[2]] == first), None)
        rest = [r for r in ranked if firsts[r[2]] != first]
        if len(top3) == 3 and near[1] < near[2]:
            # of the words' second and third, the one further in meaning gives way (to fourth)
            rest[1], rest[2] = rest[2], rest[1]
        at = min(1, len(rest))
        score = rest[at][1] if at < len(rest) else (rest[-1][1] if rest else 0.0)
        # the passage the words chose, if they found the article (see _answering_passage), else the nearest
        rest.insert(at, (old[0], score, choose(old[2]), old[3]) if old else (0, score, best, 0))
        if old is None:
            self._meaning_added = (text, scorer, int(first))
        return rest

    def _with_body_words(self, parsed: ParsedQuery) -> ParsedQuery:
        """Latin words that are the pinyin of words of the index (zhongda →
        重大) get those words as forms: pinyin itself is indexed for titles,
        tags and headings only. The most frequent few, as an input method
        would offer them."""
        # (asked for the results and again for the filter counts of the same text)
        last = self._last_expanded
        if last is not None and last[0] is parsed and last[1] is self._scorer:
            return last[2]
        if self._searcher is None and self._whoosh_searcher() is None:
            return parsed
        original, frequency = parsed, self._frequency
        if parsed.cut_at_synonyms and any(c.holds_synonyms and not frequency("words", c.text) for c in parsed.concepts):
            parsed = parsed.cut_at_synonyms  # 会员费 is in no text: 会员 (vip) and 费
        concepts, changed = [], parsed is not original
        for c in parsed.concepts:
            if c.latin and not c.phrase and c.text.isalpha() and len(c.text) >= MIN_PINYIN_WORD:
                words = self._read_as(c.text)
                if words:
                    c = dataclasses.replace(c, forms=(*c.forms, *(w for w in words if w not in c.forms)))
                    changed = True
                elif pieces := self._read_in_pieces(c.text):
                    c = dataclasses.replace(c, readings=pieces)  # tousufenji: 投诉 and 分级
                    changed = True
            elif self._found_nowhere(c) and (meant := self._meant(c.text))[0]:
                # 结止 for 截止: the input method's other candidate
                words, surely = meant
                forms = dict.fromkeys((*c.forms, *words, *chain.from_iterable(map(self.synonyms.forms, words))))
                # (a word only sounding like it is not insisted on: 完房 of 订完房 is no 往返)
                c = dataclasses.replace(c, forms=tuple(forms), optional=c.optional and not surely, corrected=True)
                changed = True
            concepts.append(c)
        expanded = dataclasses.replace(parsed, concepts=concepts) if changed else parsed
        self._last_expanded = (original, self._scorer, expanded)
        return expanded

    def _read_as(self, pinyin: str) -> tuple[str, ...]:
        """The most frequent few words of the index read as *pinyin*."""
        words = self._scorer.words_read_as(pinyin, self.segmenter)
        frequency = self._frequency
        return tuple(sorted(words, key=lambda w: (words[w], -frequency("words", w), w))[:PINYIN_WORDS])

    def _found_nowhere(self, concept) -> bool:
        """A word that may be a typo (see query.may_be_homophone_typo), that
        the dictionary does not know (离职, 公积金 or 故事 that no text has are
        no typos of 位置, 攻击 or 事故) and that no text has, as a word or (for
        two characters) as a pair."""
        if not may_be_homophone_typo(concept) or self.segmenter.is_known(concept.text):
            return False
        frequency = self._frequency
        return not any(frequency("words", f) for f in concept.forms) and \
            not (len(concept.text) == 2 and frequency("grams", concept.text))

    def _meant(self, text: str) -> tuple[tuple[str, ...], bool]:
        """The words of the index that a word found nowhere may have meant,
        and whether surely (read the same, not only sounding alike): its two
        characters the other way round (网断: 断网); else the words read as it
        is (结止: 截止), whole or, for a longer one, any two of its characters
        (升租长: 组长); else sounding like it (z/zh, -n/-ng)."""
        if len(text) == 2 and self._frequency("words", text[::-1]):
            return (text[::-1],), True  # 网断, 烧退: the text says 断网, 退烧
        pieces = [text] + ([text[i:i + 2] for i in range(len(text) - 1)] if len(text) > 2 else [])
        for piece in pieces:
            if piece != text and (self._frequency("words", piece)
                                  or any(c in QUERY_STOP_WORDS for c in piece)):
                continue  # a word of the index as it is, or 没人 of 没人接
            if (found := self._sounding_like(piece))[0]:
                return found
        return (), False

    def _sounding_like(self, text: str) -> tuple[tuple[str, ...], bool]:
        """The most frequent few words of the index read as *text* is, or
        else only sounding like it; and whether the first reads the same in
        its usual reading."""
        # as typed read the usual way (没 as mo would find 默认 for 没人)
        reading = "".join(self.segmenter.syllables(text))
        for fuzzy in (False, True):
            words = self._scorer.words_read_as(reading, self.segmenter, fuzzy)
            words.pop(text, None)
            if words:
                # (read so with the other common reading of a character, 还车 for huanche: after the usual ones)
                frequency = self._frequency
                chosen = sorted(words, key=lambda w: (words[w], -frequency("words", w), w))[:PINYIN_WORDS]
                return tuple(chosen), not fuzzy and words[chosen[0]] == 0
        return (), False

    def _read_in_pieces(self, pinyin: str) -> tuple[tuple[str, ...], ...]:
        """Pinyin of several words typed as one (tousufenji), cut into the
        fewest pieces that are each the reading of words of the index; ()
        if it cannot be."""
        fewest: list[list[str] | None] = [None] * (len(pinyin) + 1)
        fewest[0] = []
        for start in range(len(pinyin)):
            if fewest[start] is None:
                continue
            for end in range(start + 2, len(pinyin) + 1):
                if (fewest[end] is None or len(fewest[start]) + 1 < len(fewest[end])) and \
                        self._scorer.words_read_as(pinyin[start:end], self.segmenter):
                    fewest[end] = [*fewest[start], pinyin[start:end]]
        pieces = fewest[-1]
        return tuple(self._read_as(piece) for piece in pieces) if pieces and len(pieces) > 1 else ()

    def _search(self, text, parsed, kinds, categories, tags, statuses, limit, snippets, boost,
                meaning=True) -> SearchResults:
        searcher = self._whoosh_searcher()
        if searcher is None:
            return SearchResults(text, [], 0)
        parsed = self._with_body_words(parsed)
        allowed = self._filter_docs(searcher, self._filter_query(searcher, statuses, kinds, categories, tags))
        matches = self._matches(parsed, allowed)
        scorer = self._scorer
        firsts = scorer.article_firsts()
        total = len(np.unique(firsts[np.concatenate([matches.full, matches.partial])]))
        depth = max(limit, RERANK_DEPTH)
        # Quoted phrases are checked on the text, so look deeper for them.
        wanted = depth * PASSAGES_PER_ARTICLE * (10 if parsed.phrases else 1)
        n = matches.required
        level_docs = [top(matches.score, wanted, matches.full)]
        count_of = matches.count[matches.partial]
        for c in range(n - 1, matches.least - 1, -1):  # the partial ones: most concepts, then score
            if sum(map(len, level_docs)) >= wanted:
                break
            level_docs.append(top(matches.score, wanted - sum(map(len, level_docs)), matches.partial[count_of == c]))
        candidates = [(d, (int(matches.count[d]), float(matches.score[d]))) for d in chain.from_iterable(level_docs)]
        stored_of = self._stored_fields

        def stored(d: int) -> dict:
            fields = stored_of.get(d)
            if fields is None:
                if len(stored_of) >= STORED_FIELDS_KEPT:
                    stored_of.clear()
                fields = stored_of[d] = searcher.stored_fields(d)
            return fields

        if parsed.phrases:
            candidates = [(d, m) for d, m in candidates if self._has_phrases(parsed, stored(d))]
        best: dict[int, tuple[int, tuple[int, float]]] = {}  # article → (passage, (matched, score))
        for d, m in candidates:
            first = firsts[d]
            if first not in best:
                best[first] = (d, m)
        ranked = []
        for first, (d, (matched, score)) in best.items():
            whole_matched, whole = 0, 0.0
            passages = scorer.article_passages(first)
            passages = slice(passages.start, passages.stop)
            for scores in matches.concepts:
                top_score = float(scores[passages].max())
                whole_matched += top_score > 0
                whole += top_score
            if matches.optional is not None:
                score += float(matches.optional[d])
            share = matched + ELSEWHERE_SHARE * (whole_matched - matched)
            ranked.append((share, score + WHOLE_WEIGHT * whole, d, whole_matched))
        ranked.sort(key=_rank_key(matches.required), reverse=True)
        typed = _typed_pieces(text)
        asked = asked_value(text)
        head = [(share, score, self._answering_passage(d, matches, typed, asked, stored) if n < REPICK_TOP else d, whole)
                for n, (share, score, d, whole) in enumerate(ranked[:depth])]
        ranked = self._rerank(parsed, head, stored, boost, matches.required, typed) + ranked[depth:]
        before = len(ranked)
        if meaning:
            ranked = self._with_meaning(text, ranked, allowed,
                                        lambda d: self._answering_passage(d, matches, typed, asked, stored))
        total += len(ranked) - before  # (an article the words did not find)
        # (a word read as another, 结止 as 截止, is a partial match too: the list says so)
        relaxed = bool(ranked) and (matches.missing > 0 or not any(r[3] == matches.required for r in ranked)
                                    or any(c.corrected for c in parsed.concepts))
        if parsed.phrases:
            total = len(ranked)
        terms = parsed.highlight_terms()
        hits = [_hit(stored(d), score, terms if snippets else None, share / matches.required if matches.required else 1.0)
                for share, score, d, _ in ranked[:limit]]
        return SearchResults(text, hits, total, relaxed, terms)

    def browse(self, *, kinds=None, categories=None, tags=None, statuses=AGENT_STATUSES,
               limit: int | None = None) -> SearchResults:
        """Every article the filters let through, by title: what an empty
        query lists once a filter is chosen (the window puts the most used first)."""
        searcher = self._whoosh_searcher()
        if searcher is None or not searcher.doc_count():
            return SearchResults("", [], 0)
        allowed = self._filter_docs(searcher, self._filter_query(searcher, statuses, kinds, categories, tags))
        firsts = np.unique(self._scorer.article_firsts())
        if allowed is not None:
            firsts = firsts[allowed[firsts]]
        deleted = self._scorer.deleted
        hits = [_hit(searcher.stored_fields(d), 0.0, [], 1.0) for d in firsts.tolist() if d not in deleted]
        for hit in hits:
            hit.section = []  # nothing was searched for in it
        hits.sort(key=lambda h: (textforms.normalize(h.title), h.path))
        return SearchResults("", hits[:limit] if limit else hits, len(hits))

    def _answering_passage(self, d: int, matches: _Matches, typed: tuple[set, set], asked, stored) -> int:
        """Of the best-scoring passages of *d*'s article, the one that answers:
        BM25 favours a short passage that names the query's words once, and
        does not see the words that are no concepts (响 in 电话响几声要接) or a
        heading that restates the question. So each of the REPICK_OPTIONS best
        is weighed again by its score against the best, the share of concepts
        it matches, how much of what was typed its own heading and its text
        hold (each character and pair weighted by how few of these passages
        have it), whether it holds the kind of value asked for (多久: 3个工作日,
        see query.asked_value), and its length."""
        scorer = self._scorer
        passages = scorer.article_passages(scorer.article_firsts()[d])
        if len(passages) == 1:
            return d
        span = slice(passages.start, passages.stop)
        # every passage of the article with a concept, not only those the
        # list kept: a heading that says it (保修期怎么计算) may lack a word typed (哪天)
        counts, scores = matches.count[span], np.where(matches.count[span] > 0, matches.score[span], 0.0)
        if matches.optional is not None:
            # (or only an optional word: 接 of 电话响几声要接 in the heading 接听时限)
            scores = scores + matches.optional[span]
        options = [passages.start + int(i) for i in np.argsort(-scores, kind="stable")[:REPICK_OPTIONS]
                   if scores[i] > 0]
        if len(options) < 2:
            return d
        best = float(scores[options[0] - passages.start])
        texts = {o: (_normalized(stored(o).get("heading") or ""), _normalized(stored(o).get("text", "")))
                 for o in options}
        weight = _piece_weights(typed, [h + t for h, t in texts.values()])
        required = max(1, matches.required)

        def answers(o: int) -> float:
            heading, text = texts[o]
            own = heading.rsplit(_NORM_SEP, 1)[-1]
            # notes for agents only (坐席提示) are what the customer is not told: not the answer
            internal = any(map(self.audience.is_internal_heading, (stored(o).get("heading") or "").split(HEADING_SEP)))
            return (float(scores[o - passages.start]) / best - ANSWER_INTERNAL * internal
                    + ANSWER_SHARE * int(counts[o - passages.start]) / required
                    + ANSWER_OWN_HEADING * _held(weight, own)
                    + ANSWER_HEADING * _held(weight, heading)
                    + ANSWER_TEXT * (_held(weight, text, pairs=False) + _held(weight, text, chars=False))
                    + ANSWER_VALUE * bool(asked and asked.values.search(text))
                    + ANSWER_VALUE_HEADING * bool(asked and asked.named_in(own))
                    + ANSWER_LENGTH * min(1.0, len(text) / ANSWER_FULL_LENGTH))

        return max(options, key=lambda o: (answers(o), -o))

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
        firsts = self._scorer.article_firsts()
        matches = self._matches(self._with_body_words(parsed), allowed)
        docs = np.unique(firsts[np.concatenate([matches.full, matches.partial])]).tolist()
        added = self._meaning_added
        if added is not None and added[0] == text and added[1] is self._scorer and added[2] not in docs:
            docs.append(added[2])  # the article found by meaning alone is in the list too
        if docs:  # (an empty index has no facets column to open)
            self._count_facets(searcher, docs, facets)
        return facets

    def all_facets(self, *, statuses=AGENT_STATUSES) -> FilterCounts:
        """Articles per kind, category and tag over the whole index (what the
        filters offer before anything is typed)."""
        facets = FilterCounts()
        searcher = self._whoosh_searcher()
        if searcher is None or not searcher.doc_count():
            return facets
        allowed = self._filter_docs(searcher, self._filter_query(searcher, statuses))
        # an article's facets are the same in each of its passages: its first one's
        firsts = np.unique(self._scorer.article_firsts())
        if allowed is not None:
            firsts = firsts[allowed[firsts]]
        firsts = set(firsts.tolist()) - self._scorer.deleted
        self._count_facets(searcher, firsts, facets)
        return facets

    def duplicate_ids(self) -> dict[str, list[str]]:
        """Ids that more than one article has → their paths (each opens as
        one of them only: a lead must rename the others)."""
        searcher = self._whoosh_searcher()
        if searcher is None or not searcher.doc_count():
            return {}
        scorer = self._scorer
        firsts = scorer.article_firsts()
        out = {}
        for term in searcher.reader().lexicon("id"):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            docs = scorer.postings("id", text)[0]
            articles = {int(firsts[d]) for d in docs.tolist() if d not in scorer.deleted}
            if len(articles) > 1:
                out[text] = sorted(searcher.stored_fields(a)["path"] for a in articles)
        return out

    @staticmethod
    def _count_facets(searcher: WhooshSearcher, docs, facets: FilterCounts) -> None:
        column = searcher.reader().column_reader("facets")
        for docnum in docs:
            kind, category, tags = decode_facets(column[docnum])
            facets.kinds[kind] += 1
            if category:
                facets.categories[category] += 1
            facets.tags.update(tags)
        facets.total = len(docs)

    @staticmethod
    def _all_have_status(searcher: WhooshSearcher, statuses) -> bool:
        if not statuses:
            return True
        # Counts include deleted documents on both sides, so a deleted draft
        # keeps the filter on rather than letting a live one through.
        total = searcher.doc_count_all()
        return sum(searcher.doc_frequency("status", s) for s in set(statuses)) >= total

    @staticmethod
    def _has_phrases(parsed: ParsedQuery, stored: dict) -> bool:
        text = textforms.normalize(f"{stored['title']}\n{stored.get('heading', '')}\n{stored.get('text', '')}")
        return all(p in text for p in parsed.phrases)

    @staticmethod
    def _rerank(parsed: ParsedQuery, ranked: list, stored, boost, required: int, typed) -> list:
        """Adjust the best matches for what the agent evidently prefers: the
        passage that holds more of what was typed (响 and 接 in 电话响几声要接
        are no concepts, but they tell 接听时限 from 未接来电回拨), the
        script they type in (Simplified unless they type Traditional), reply
        scripts when they ask how to say something, and *boost* (path →
        factor, e.g. from how often the agent copied an article). The share
        of concepts matched stays first."""
        preferred_script = parsed.script or "hans"
        adjusted = []
        for share, score, d, whole_matched in ranked:
            fields = stored(d)
            factor = 1.0 + TYPED_BOOST * _overlap(typed, fields)
            if fields.get("script") == preferred_script:
                factor *= SAME_SCRIPT_BOOST
            if parsed.wants_script and fields.get("kind") == "script":
                factor *= SCRIPT_INTENT_BOOST
            if boost is not None:
                factor *= boost(fields["path"])
            adjusted.append((share, score * factor, d, whole_matched))
        adjusted.sort(key=_rank_key(required), reverse=True)
        return adjusted
