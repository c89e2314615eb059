"""From what an agent types to Whoosh queries: the text is cut into concepts
(a word with its synonyms and other forms: pinyin, Traditional, typos),
quoted phrases are kept whole, and each concept becomes a query over the
index's fields. All concepts must match; a second query takes any of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from whoosh import query as Q

from kbdesk import textforms
from kbdesk.search import analysis
from kbdesk.search.matching import Fixed

MAX_QUERY_CHARS = 200

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
# A synonym finds an article but scores a fixed amount: a rare synonym must not outrank the word the agent typed.
SYNONYM_SCORE = 2.0
PARTS_WEIGHT = 0.7


_PHRASE_RE = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』')


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
