"""Turning what an agent types into ranked articles with snippets.

A query is cut into *concepts* (a word, a Latin term, a quoted phrase). Each
concept matches if any of its forms is found: the word in title, tags,
category or body; the same characters as bigrams (where the text was cut
differently); its synonyms; its pinyin; for Latin terms also a one-letter
typo. All concepts must match; if that finds nothing, any concept may, ranked.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import query as Q
from whoosh.searching import Searcher as WhooshSearcher

from kbdesk import textforms
from kbdesk.search import analysis
from kbdesk.search.index import SearchIndex, decode_facets
from kbdesk.search.matching import Fixed, TermScorer, top

MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 140

# Question words and fillers of natural questions ("客户问退款怎么办"): they
# say nothing about which article is wanted.
QUERY_STOP_WORDS = analysis.STOP_WORDS | frozenset(
    """怎么 怎么办 怎么样 怎样 如何 什么 为什么 为何 哪里 哪儿 哪个 吗 呢 请问 一下 能否 能不能
    可以 可不可以 是否 有没有 我 你 他 她 它 我们 你们 他们 说 问 想 要 应该 该 会 能 还 又 再
    how what why do does can i you""".split()
)
# Words so common in a service knowledge base, or so much part of how a
# question is asked (多久, 几声), that requiring them would hide the right
# article; they still count towards the ranking.
SOFT_WORDS = frozenset(
    """客户 顾客 用户 客人 回复 回答 处理 问题 情况 时候 多久 多少 多长时间 最多 最少 最长
    告诉 通知 怎么说 怎么回 说法""".split()
)
_SOFT_RE = re.compile(r"^几.$")
# Asking how to *say* something: the agent wants a reply script.
SCRIPT_INTENT_WORDS = frozenset("怎么说 怎么回 怎么回复 怎么答复 告诉 话术 模板 说法 回复 答复 通知".split())

# Re-ranking of the best matches: how much a preference moves an article.
RERANK_DEPTH = 20
# A synonym finds an article but scores a fixed amount: a rare synonym must not outrank the word the agent typed.
SYNONYM_SCORE = 2.0
PARTS_WEIGHT = 0.7
SAME_SCRIPT_BOOST = 1.15
SCRIPT_INTENT_BOOST = 1.3

AGENT_STATUSES = ("approved",)
ALL_LIVE_STATUSES = ("draft", "review", "approved")

_PHRASE_RE = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』')
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")


@dataclass
class Concept:
    text: str  # normalised
    forms: tuple[str, ...]  # the text and its synonyms, normalised
    latin: bool
    phrase: bool = False
    optional: bool = False
    parts: tuple[str, ...] = ()  # shorter words inside text, matched together instead


@dataclass
class ParsedQuery:
    concepts: list[Concept]
    script: str = ""  # hans / hant / '' as typed
    wants_script: bool = False  # asks how to say something

    @property
    def phrases(self) -> list[str]:
        return [c.text for c in self.concepts if c.phrase]

    @property
    def empty(self) -> bool:
        return not self.concepts

    def highlight_terms(self) -> list[str]:
        terms = set()
        for c in self.concepts:
            for form in c.forms:
                if len(form) > 1 or len(self.concepts) == 1:
                    terms.add(form)
        return sorted(terms, key=len, reverse=True)


class Synonyms:
    """Groups of words that mean the same to agents, one group per line of
    ``.kbdesk/synonyms.txt`` (words separated by spaces or commas). Used at
    query time only, so leads can edit the file without a re-index."""

    def __init__(self, groups: list[list[str]] | None = None):
        self._by_word: dict[str, set[str]] = {}
        for group in groups or []:
            words = {textforms.normalize(w) for w in group if w.strip()}
            for w in words:
                self._by_word.setdefault(w, set()).update(words)
        # Multi-character Chinese entries are kept whole in queries, even
        # where the segmenter would cut them (等太久 → 等 / 太久).
        phrases = sorted((w for w in self._by_word if len(w) > 1 and textforms.is_cjk(w)), key=len, reverse=True)
        self._phrase_re = re.compile("|".join(map(re.escape, phrases))) if phrases else None

    def split(self, norm_run: str) -> list[tuple[str, bool]]:
        """(piece, is_synonym_entry) pieces of a normalised CJK run."""
        if self._phrase_re is None:
            return [(norm_run, False)]
        pieces, pos = [], 0
        for m in self._phrase_re.finditer(norm_run):
            if m.start() > pos:
                pieces.append((norm_run[pos:m.start()], False))
            pieces.append((m.group(), True))
            pos = m.end()
        if pos < len(norm_run):
            pieces.append((norm_run[pos:], False))
        return pieces

    @classmethod
    def from_file(cls, path: Path | None) -> "Synonyms":
        if path is None:
            return cls()
        try:
            text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            return cls()
        groups = []
        for line in text.splitlines():
            line = line.split("#", 1)[0]
            words = [w for w in re.split(r"[\s,，、]+", line) if w]
            if len(words) > 1:
                groups.append(words)
        return cls(groups)

    def forms(self, word: str) -> tuple[str, ...]:
        others = sorted(self._by_word.get(word, set()) - {word})
        return (word, *others)


def query_words(run: str, seg: analysis.Segmenter, synonyms: Synonyms) -> list[str]:
    """Words of a normalised CJK run as a query sees them: synonym entries
    kept whole, the rest cut in precise mode, and runs of single characters
    joined again (原/路 → 原路), since the index cut them in context."""
    words: list[str] = []
    for piece, whole in synonyms.split(run):
        words.extend([piece] if whole else seg.words(piece))
    merged: list[str] = []
    singles: list[str] = []
    for word in words + [""]:
        if len(word) == 1 and word not in QUERY_STOP_WORDS:
            singles.append(word)
            continue
        if len(singles) > 1:
            merged.append("".join(singles))
        else:
            merged.extend(singles)
        singles = []
        if word:
            merged.append(word)
    return merged


def parse_query(text: str, seg: analysis.Segmenter, synonyms: Synonyms | None = None) -> ParsedQuery:
    synonyms = synonyms or Synonyms()
    text = (text or "")[:MAX_QUERY_CHARS]
    concepts: list[Concept] = []

    def words_in(norm: str):
        for start, end, cjk in textforms.runs(norm):
            for word in query_words(norm[start:end], seg, synonyms) if cjk else [norm[start:end]]:
                yield word, cjk

    def rest_of(m: re.Match) -> str:
        phrase = textforms.normalize(next(g for g in m.groups() if g is not None)).strip()
        words = [w for w, _ in words_in(phrase) if w not in analysis.STOP_WORDS]
        if words:
            concepts.append(Concept(phrase, (phrase,), latin=False, phrase=True, parts=tuple(words)))
        return " "

    text = _PHRASE_RE.sub(rest_of, text)
    norm = textforms.normalize(text)
    seen = set()
    for word, cjk in words_in(norm):
        if word in QUERY_STOP_WORDS or word in seen:
            continue
        seen.add(word)
        optional = (
            word in SOFT_WORDS
            or bool(_SOFT_RE.match(word))
            or (cjk and len(word) == 1)
            # a pair the segmenter guessed (要接) is not something to insist on
            or (cjk and len(word) == 2 and not seg.is_known(word) and len(synonyms.forms(word)) == 1)
        )
        parts = tuple(seg.sub_words(word)) if cjk and len(word) > 2 else ()
        concepts.append(Concept(word, synonyms.forms(word), latin=not cjk, optional=optional, parts=parts))
    wants_script = any(w in norm for w in SCRIPT_INTENT_WORDS)
    return ParsedQuery(concepts, textforms.script_of(text), wants_script)


# -- query building -------------------------------------------------------------------


def _cjk_form_query(form: str, as_prefix: bool, fuzzy: bool) -> Q.Query:
    parts: list[Q.Query] = [Q.Term("words", form)]
    grams = analysis.query_bigrams(form)
    if len(form) >= 2 and grams:
        # a title or tag cut differently from the query
        # (an And of its bigrams: the index keeps no positions)
        parts.append(Q.And([Q.Term("grams", g) for g in grams]) if len(grams) > 1 else Q.Term("grams", grams[0]))
    if len(form) == 1 or as_prefix:
        # The agent may still be typing: 退 should find 退款.
        parts.append(Q.Prefix("title", form, boost=0.8))
    return parts[0] if len(parts) == 1 else Q.Or(parts)


def _typo_tolerant(form: str) -> bool:
    # Words, not codes: a near miss of an order number is another order.
    digits = sum(c.isdigit() for c in form)
    return len(form) >= 3 and digits * 2 <= len(form)


def _latin_form_query(form: str, as_prefix: bool, fuzzy: bool) -> Q.Query:
    parts: list[Q.Query] = [Q.Term("words", form), Q.Term("pinyin", form)]
    if not form.isdigit() and len(form) >= 2:
        parts.append(Q.Prefix("pinyin", form, boost=0.9))
    if fuzzy and _typo_tolerant(form):
        parts.append(Q.FuzzyTerm("latin", form, boost=0.5, maxdist=1, prefixlength=1))
    if as_prefix and len(form) >= 2:
        parts.append(Q.Prefix("latin", form, boost=0.7))
    return Q.Or(parts)


def concept_query(concept: Concept, last: bool, fuzzy: bool = False) -> Q.Query:
    if concept.phrase:
        # Its words here; that they stand together is checked on the text.
        terms = [Q.Term("words", w) for w in concept.parts] or [Q.Term("words", concept.text)]
        return terms[0] if len(terms) == 1 else Q.And(terms)
    make = _latin_form_query if concept.latin else _cjk_form_query
    forms = [make(concept.text, as_prefix=last, fuzzy=fuzzy)]
    # Synonyms are alternatives that add a fixed amount (SYNONYM_SCORE).
    forms += [Fixed(make(form, as_prefix=False, fuzzy=fuzzy), SYNONYM_SCORE)
              for form in concept.forms[1:]]
    if concept.parts:
        # 电话响 → 电话: the same meaning in shorter words, scored a little lower
        parts = Q.And([make(p, as_prefix=False, fuzzy=fuzzy) for p in concept.parts])
        forms.append(parts.with_boost(PARTS_WEIGHT))
    # The forms' scores add up: an article with the word and its synonym ranks higher.
    return forms[0] if len(forms) == 1 else Q.Or(forms)


def build_queries(parsed: ParsedQuery) -> tuple[Q.Query, Q.Query]:
    """(strict query: every concept must match as typed, loose query: any
    concept may match, Latin words also with a one-letter typo)."""
    n = len(parsed.concepts)
    clauses = [concept_query(c, last=i == n - 1) for i, c in enumerate(parsed.concepts)]
    fuzzy = [concept_query(c, last=i == n - 1, fuzzy=True) for i, c in enumerate(parsed.concepts)]
    required = [q for q, c in zip(clauses, parsed.concepts) if not c.optional]
    # Single characters next to real words add little to the ranking but
    # match thousands of articles: leave them out then.
    optional = [q for q, c in zip(clauses, parsed.concepts)
                if c.optional and (len(c.text) > 1 or c.latin or not required)]
    if not required:
        required, optional = optional, []
    strict: Q.Query = required[0] if len(required) == 1 else Q.And(required)
    if optional:
        strict = Q.AndMaybe(strict, Q.Or(optional))
    # Falling back to "any word" is only worth it for the words that carry
    # meaning: 回复 or 后 would match nearly every article.
    meaningful = [q for q, c in zip(fuzzy, parsed.concepts) if not c.optional] or fuzzy
    loose = meaningful[0] if len(meaningful) == 1 else Q.Or(meaningful)
    return strict, loose


# -- results --------------------------------------------------------------------------


@dataclass
class Snippet:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # matched ranges

    def marked(self, before: str, after: str, escape=lambda s: s) -> str:
        out, pos = [], 0
        for s, e in self.spans:
            out.append(escape(self.text[pos:s]))
            out.append(before + escape(self.text[s:e]) + after)
            pos = e
        out.append(escape(self.text[pos:]))
        return "".join(out)

    def html(self) -> str:
        return self.marked("<mark>", "</mark>", html.escape)


@dataclass
class SearchHit:
    id: str
    title: str
    kind: str
    category: str
    status: str
    path: str
    score: float
    snippet: Snippet
    tags: list[str]
    updated: str
    review_by: str

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "category": self.category,
            "status": self.status,
            "tags": self.tags,
            "path": self.path,
            "score": round(self.score, 4),
            "snippet": self.snippet.html(),
            "snippet_text": self.snippet.text,
            "highlights": [list(s) for s in self.snippet.spans],
            "updated": self.updated,
            "review_by": self.review_by,
        }


@dataclass
class Facets:
    """Matches per kind, category and tag."""

    kinds: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    tags: Counter = field(default_factory=Counter)
    total: int = 0


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int
    relaxed: bool = False  # no article matched every word; these match some


# The texts of the articles shown last, normalised: the next keystroke
# usually shows most of them again.
_normalized_text = functools.lru_cache(maxsize=256)(textforms.normalize_aligned)


def make_snippet(text: str, terms: list[str], max_chars: int = SNIPPET_CHARS) -> Snippet:
    """The sentence(s) of *text* that contain the most query terms, with the
    terms marked; the opening sentence if none does."""
    sentences = [(m.start(), m.group()) for m in _SENTENCE_RE.finditer(text) if m.group().strip()]
    if not sentences:
        return Snippet("")
    # One normalisation of the whole text; offsets match the original's.
    norm_text = _normalized_text(text)
    pattern = re.compile("|".join(map(re.escape, terms))) if terms else None
    scored = []
    for index, (start, sentence) in enumerate(sentences):
        spans, found = [], set()
        if pattern is not None:
            for m in pattern.finditer(norm_text, start, start + len(sentence)):
                spans.append((m.start() - start, m.end() - start))
                found.add(m.group())
        scored.append((len(found), sum(len(t) for t in found), -index, sentence, textforms.merge_spans(spans)))
    best = max(scored)
    if best[0] == 0:
        first = sentences[0][1].strip()
        return Snippet(first[:max_chars] + ("…" if len(first) > max_chars else ""))

    chosen = [best]
    # A second sentence is worth showing if it matches something the first does not.
    for candidate in sorted(scored, reverse=True)[1:]:
        if candidate[0] and len(best[3]) + len(candidate[3]) <= max_chars:
            chosen.append(candidate)
            break
    chosen.sort(key=lambda c: -c[2])
    parts_text, parts_spans, offset = [], [], 0
    for i, (_, _, _, sentence, spans) in enumerate(chosen):
        lead = len(sentence) - len(sentence.lstrip())
        sentence_text = sentence.strip()
        spans = [(s - lead, e - lead) for s, e in spans if s >= lead]
        budget = max_chars if len(chosen) == 1 else max_chars // len(chosen)
        if len(sentence_text) > budget:
            first_match = spans[0][0] if spans else 0
            cut_start = max(0, min(first_match - budget // 4, len(sentence_text) - budget))
            sentence_text = ("…" if cut_start else "") + sentence_text[cut_start : cut_start + budget] + "…"
            shift = cut_start - (1 if cut_start else 0)
            spans = [(s - shift, e - shift) for s, e in spans if s >= cut_start and e <= cut_start + budget]
        if i:
            parts_text.append(" … ")
            offset += 3
        parts_spans.extend((s + offset, e + offset) for s, e in spans)
        parts_text.append(sentence_text)
        offset += len(sentence_text)
    return Snippet("".join(parts_text), parts_spans)


# -- the searcher -----------------------------------------------------------------------


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

    def facet_counts(self, text: str, *, statuses=AGENT_STATUSES) -> Facets:
        """How many articles match *text* per kind, category and tag (before
        those filters are applied), for showing next to the filters. Counts
        the same matches :meth:`search` ranks: every word, else any word."""
        facets = Facets()
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
