"""From what an agent types to Whoosh queries: the text is cut into concepts
(a word with its synonyms and other forms: pinyin, Traditional, typos,
look-alike characters), quoted phrases are kept whole, and each concept
becomes a query over the index's fields. The searcher ranks passages by how
many concepts they match, then by score.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from whoosh import query as Q

from kbdesk import textforms
from kbdesk.search import analysis

MAX_QUERY_CHARS = 200

# Question words and fillers of natural questions ("客户问退款怎么办"): they
# say nothing about which article is wanted.
QUERY_STOP_WORDS = analysis.STOP_WORDS | frozenset(
    """怎么 怎么办 怎么样 怎样 如何 什么 为什么 为何 哪里 哪儿 哪个 吗 呢 请问 一下 能否 能不能
    可以 可不可以 是否 有没有 我 你 他 她 它 我们 你们 他们 说 问 想 要 应该 该 会 能 还 又 再
    哪些 哪 的话 才能 才 需要 必须 得 能够 会不会 还能 还是 算 怎么算 一般 通常 请 帮 给 跟 对 有 没 就是
    什么样 啥 咋 咋办 呀 嘛 么 多 些 了吗 不了 为啥 干嘛 咋样 啥时候 什么时候 是不是 要不要 用不用 行不行 对不对 可以吗
    但是 可是 不过 然后 而且 并且 还有 因为 所以 如果 虽然
    嘅 咗 啲 喺 咁 呢度 嗰度 𠮶度 点样 点解 乜嘢 咩 边度 几时
    how what why do does can i you""".split()
)
# Words so common in a service knowledge base, or so much part of how a
# question is asked (多久, 几声), that requiring them would hide the right
# article; they still count towards the ranking.
SOFT_WORDS = frozenset(
    """客户 顾客 用户 客人 回复 回答 处理 问题 情况 时候 多久 多少 多长 多长时间 多大 多远 多快 最多 最少 最长
    告诉 通知 怎么说 怎么回 说法 几耐 几多 没有 没法 无法 不能 不行 不会""".split()
)
_SOFT_RE = re.compile(r"^几.$")
_HOW_MANY = ("几", "多少")
# Asking how to *say* something: the agent wants a reply script.
SCRIPT_INTENT_WORDS = frozenset("怎么说 怎么回 怎么回复 怎么答复 告诉 话术 模板 说法 回复 答复 通知 点讲 点回".split())

# How much a form counts beside the word as typed.
SYNONYM_WEIGHT = 0.6  # a synonym finds the text, but the word typed ranks higher
PARTS_WEIGHT = 0.7  # 电话响 found as 电话 and 响
GRAMS_WEIGHT = 0.5  # the same characters, cut otherwise in the text
LOOK_ALIKE_WEIGHT = 0.7  # 5WIH for 5W1H: a typo
HEADING_CHAR_WEIGHT = 0.5  # 退 of 能全额退吗 in the heading 课程退费
CHARACTERS_WEIGHT = 0.3  # no word found anywhere: its characters (see character_queries)
# Latin letters and digits that look alike in codes (5W1H typed 5WIH).
LOOK_ALIKES = {"i": "1", "l": "1", "o": "0", "1": "il", "0": "o"}
MAX_LOOK_ALIKES = 8
SHIPPED_SYNONYMS = Path(__file__).with_name("synonyms.txt")


_PHRASE_RE = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』')


@dataclass
class Concept:
    text: str  # normalised
    forms: tuple[str, ...]  # the text and its synonyms, normalised
    latin: bool
    phrase: bool = False
    optional: bool = False
    parts: tuple[str, ...] = ()  # shorter words inside text, matched together instead
    # forms the dictionary does not know (铃声响, 漏接): the text may cut them
    # otherwise, so their bigrams are looked for too
    unknown: frozenset[str] = frozenset()
    # pinyin typed without spaces as words of the index, one set of words
    # per piece (tousufenji → 投诉 | 分级 分机): matched together
    readings: tuple[tuple[str, ...], ...] = ()
    # a longer word of the dictionary with a synonym entry inside (会员费:
    # 会员): that entry and its synonyms are forms too
    holds_synonyms: bool = False
    # found nowhere as typed: looked for as the word of the index it may be a typo of (结止 → 截止)
    corrected: bool = False


@dataclass
class ParsedQuery:
    concepts: list[Concept]
    script: str = ""  # hans / hant / '' as typed
    wants_script: bool = False  # asks how to say something
    # the same text with synonym entries cut out of longer words (会员 | 费 of
    # 会员费), for the searcher to use if no text has such a longer word
    cut_at_synonyms: ParsedQuery | None = None

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


def read_groups(path: Path | None) -> list[list[str]]:
    """The groups of a synonyms file: one per line, words separated by
    spaces or commas, ``#`` starts a comment; none if it cannot be read."""
    if path is None:
        return []
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words = [w for w in re.split(r"[\s,，、]+", line) if w]
        if len(words) > 1:
            groups.append(words)
    return groups


class Synonyms:
    """Groups of words that mean the same to agents, one group per line of
    ``kbdesk/search/synonyms.txt`` (shipped) and the team's
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

    def split(self, norm_run: str, words: list[tuple[int, int]] = ()) -> list[tuple[str, bool]]:
        """(piece, is_synonym_entry) pieces of a normalised CJK run; an entry
        that is one of *words* (start, end) but for a character stays part of
        it (会员 of 会员费; see entries_in)."""
        if self._phrase_re is None:
            return [(norm_run, False)]
        pieces, pos = [], 0
        for m in self._phrase_re.finditer(norm_run):
            if any(s <= m.start() and m.end() <= e and e - s == m.end() - m.start() + 1 for s, e in words):
                continue
            if m.start() > pos:
                pieces.append((norm_run[pos:m.start()], False))
            pieces.append((m.group(), True))
            pos = m.end()
        if pos < len(norm_run):
            pieces.append((norm_run[pos:], False))
        return pieces

    def has_entries(self, norm_run: str) -> bool:
        """Whether a multi-character entry is in *norm_run*."""
        return self._phrase_re is not None and self._phrase_re.search(norm_run) is not None

    def entries_in(self, word: str) -> list[str]:
        """The entry inside *word* that only lacks a character of it (会员 of
        会员费, 支付 of 支付宝), if *word* is no entry itself. (Words made of
        entries and other words, 忘记密码, 投诉受理, are cut apart: each is
        insisted on.)"""
        if self._phrase_re is None or word in self._by_word:
            return []
        return [m.group() for m in self._phrase_re.finditer(word) if len(m.group()) == len(word) - 1]

    @classmethod
    def from_file(cls, path: Path | None) -> Synonyms:
        return cls(read_groups(path))

    @classmethod
    def for_folder(cls, team_file: Path | None) -> Synonyms:
        """The service-domain list that ships with kbdesk, and the team's own
        ``synonyms.txt`` on top (a word in both gets both groups)."""
        return cls(read_groups(SHIPPED_SYNONYMS) + read_groups(team_file))

    def forms(self, word: str) -> tuple[str, ...]:
        others = sorted(self._by_word.get(word, set()) - {word})
        return (word, *others)


# Question words of three characters or more are taken out before cutting:
# the segmenter cuts 能不能只回 as 能 / 不能 / 只回, and 不能 would be insisted on.
_QUESTION_PHRASE_RE = re.compile("|".join(sorted(
    (re.escape(w) for w in QUERY_STOP_WORDS if len(w) >= 3 and textforms.is_cjk(w[:1])), key=len, reverse=True)))


def _cut(piece: str, seg: analysis.Segmenter) -> list[str]:
    words, pos = [], 0
    for m in _QUESTION_PHRASE_RE.finditer(piece):
        words.extend(seg.words(piece[pos:m.start()]) if m.start() > pos else [])
        words.append(m.group())
        pos = m.end()
    return words + (seg.words(piece[pos:]) if pos < len(piece) else [])


def query_words(run: str, seg: analysis.Segmenter, synonyms: Synonyms, longer_words: bool = True) -> list[str]:
    """Words of a normalised CJK run as a query sees them: synonym entries
    kept whole (unless inside a longer word of the dictionary, if
    *longer_words*: 会员费), the rest cut in precise mode, and pairs of single
    characters joined again (原/路 → 原路), since the index cut them in context."""
    known, pos = [], 0
    # (the run cut once more only if a synonym entry is in it: every keystroke parses)
    for word in seg.words(run) if longer_words and synonyms.has_entries(run) else ():
        if len(word) > 2 and seg.is_known(word):
            known.append((pos, pos + len(word)))
        pos += len(word)
    words: list[str] = []
    for piece, whole in synonyms.split(run, known):
        for word in [piece] if whole else _cut(piece, seg):
            if len(word) == 2 and not whole and not seg.is_known(word) and (
                    word[0] in QUERY_STOP_WORDS or word[1] in QUERY_STOP_WORDS):
                words.extend(word)  # a pair guessed around a question word (要接, 费能): 接, 费
            else:
                words.append(word)
    merged: list[str] = []
    singles: list[str] = []
    for word in words + [""]:
        if len(word) == 1 and word not in QUERY_STOP_WORDS:
            singles.append(word)
            continue
        joined = "".join(singles)
        if len(joined) == 2 or (len(joined) > 2 and seg.is_known(joined)):
            merged.append(joined)
        else:
            merged.extend(singles)  # 假/谁/批 of 请三天假谁批 are no word together
        singles = []
        if word:
            merged.append(word)
    return merged


def parse_query(text: str, seg: analysis.Segmenter, synonyms: Synonyms | None = None,
                longer_words: bool = True) -> ParsedQuery:
    """*text* cut into concepts (see :class:`Concept`); *longer_words*: a
    longer word of the dictionary keeps a synonym entry inside it (会员费),
    with the entry's synonyms among its forms (see ParsedQuery.cut_at_synonyms)."""
    synonyms = synonyms or Synonyms()
    original = text
    text = (text or "")[:MAX_QUERY_CHARS]
    concepts: list[Concept] = []

    def words_in(norm: str):
        pos = 0
        # a digit count (3天) is one word, as the index keeps it
        for m in [*analysis.COUNT_RE.finditer(norm), None]:
            part = norm[pos:m.start() if m else len(norm)]
            for start, end, cjk in textforms.runs(part):
                for word in query_words(part[start:end], seg, synonyms, longer_words) if cjk else [part[start:end]]:
                    yield word, cjk
            if m:
                yield m.group(), True
                pos = m.end()

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
        if cjk and len(word) >= 3 and word.startswith(_HOW_MANY):
            word = word[2:] if word.startswith("多少") else word[1:]  # 几分钟 asks about 分钟
        if word in QUERY_STOP_WORDS or word in seen:
            continue
        seen.add(word)
        optional = (
            word in SOFT_WORDS
            or bool(_SOFT_RE.match(word))
            or (cjk and len(word) == 1)
            # a pair the segmenter guessed (要接) is not something to insist on
            or (cjk and len(word) == 2 and not seg.is_known(word) and len(synonyms.forms(word)) == 1
                and not analysis.COUNT_RE.fullmatch(word))
        )
        forms = synonyms.forms(word)
        held = synonyms.entries_in(word) if cjk and len(word) > 2 else []
        for entry in held:
            forms = tuple(dict.fromkeys((*forms, *synonyms.forms(entry))))
        if cjk:
            # the same count in the other way of writing it (三天 / 3天)
            other = analysis.numeral_count(word) or analysis.digit_count(word)
            if other and other not in forms:
                forms = (*forms, other)
        unknown = frozenset(f for f in forms if textforms.is_cjk(f[:1]) and not seg.is_known(f))
        parts = tuple(seg.sub_words(word)) if cjk and len(word) > 2 else ()
        concepts.append(Concept(word, forms, latin=not cjk, optional=optional, parts=parts, unknown=unknown,
                                holds_synonyms=bool(held)))
    wants_script = any(w in norm for w in SCRIPT_INTENT_WORDS)
    parsed = ParsedQuery(concepts, textforms.script_of(text), wants_script)
    if longer_words and any(c.holds_synonyms for c in concepts):
        parsed.cut_at_synonyms = parse_query(original, seg, synonyms, longer_words=False)
    return parsed


# -- query building -------------------------------------------------------------------


def _boosted(q: Q.Query, boost: float) -> Q.Query:
    """*q* with *boost*, set on it: it was built just now and is no one
    else's (Whoosh's with_boost deep-copies the tree, a third of a
    millisecond a query)."""
    q.boost = boost
    return q


def _word_or_gram(gram: str) -> Q.Query:
    return Q.Or([Q.Term("words", gram), Q.Term("grams", gram)])


def _cjk_form_query(form: str, as_prefix: bool, cut_apart: bool) -> Q.Query:
    parts: list[Q.Query] = [Q.Term("words", form)]
    grams = analysis.query_bigrams(form)
    if len(form) == 2:
        parts.append(Q.Term("grams", form, boost=GRAMS_WEIGHT))
    elif len(form) > 2 and grams and cut_apart:
        # The same characters where the text was cut otherwise: each bigram
        # as a word or as a bigram of the text (the index keeps no positions).
        parts.append(_boosted(Q.And([_word_or_gram(g) for g in grams]), GRAMS_WEIGHT / len(grams)))
    if len(form) == 1 or as_prefix:
        # The agent may still be typing: 退 should find 退款.
        parts.append(Q.Prefix("title", form, boost=0.8))
    return parts[0] if len(parts) == 1 else Q.Or(parts)


def _typo_tolerant(form: str) -> bool:
    # Words, not codes: a near miss of an order number is another order.
    digits = sum(c.isdigit() for c in form)
    return len(form) >= 3 and digits * 2 <= len(form)


def look_alikes(form: str) -> list[str]:
    """A code with its look-alike letters and digits exchanged (5wih → 5w1h):
    only for codes that mix letters and digits, as typed."""
    if not (any(c.isdigit() for c in form) and any(c.isalpha() for c in form)) or len(form) > 12:
        return []
    variants = {""}
    for c in form:
        variants = {v + x for v in variants for x in (c + LOOK_ALIKES.get(c, ""))}
        if len(variants) > 64:
            return []
    variants.discard(form)
    return sorted(variants)[:MAX_LOOK_ALIKES]


def _latin_form_query(form: str, as_prefix: bool) -> Q.Query:
    parts: list[Q.Query] = [Q.Term("words", form), Q.Term("pinyin", form)]
    if not form.isdigit() and len(form) >= 2:
        parts.append(Q.Prefix("pinyin", form, boost=0.9))
    parts += [Q.Term("words", v, boost=LOOK_ALIKE_WEIGHT) for v in look_alikes(form)]
    if as_prefix and len(form) >= 2:
        parts.append(Q.Prefix("latin", form, boost=0.7))
    return Q.Or(parts)


def _form_query(form: str, as_prefix: bool, cut_apart: bool = True) -> Q.Query:
    if analysis.COUNT_RE.fullmatch(form):
        return Q.Term("words", form)  # 3天: one term of the index
    if textforms.is_cjk(form[:1]):
        return _cjk_form_query(form, as_prefix, cut_apart)
    return _latin_form_query(form, as_prefix)


def concept_query(concept: Concept, last: bool) -> Q.Query:
    if concept.phrase:
        # Its words here; that they stand together is checked on the text.
        terms = [Q.Term("words", w) for w in concept.parts] or [Q.Term("words", concept.text)]
        return terms[0] if len(terms) == 1 else Q.And(terms)
    unknown = concept.unknown
    forms = [_form_query(concept.text, as_prefix=last, cut_apart=concept.text in unknown)]
    forms += [_boosted(_form_query(form, as_prefix=False, cut_apart=form in unknown), SYNONYM_WEIGHT)
              for form in concept.forms[1:]]
    if concept.parts:
        # 电话响 → 电话: the same meaning in shorter words, scored a little lower
        parts = Q.And([_form_query(p, as_prefix=False) for p in concept.parts])
        forms.append(_boosted(parts, PARTS_WEIGHT))
    if concept.readings:
        pieces = [Q.Or([_form_query(w, as_prefix=False) for w in words]) for words in concept.readings]
        forms.append(_boosted(Q.And(pieces), SYNONYM_WEIGHT))
    # The forms' scores add up: an article with the word and its synonym ranks higher.
    return forms[0] if len(forms) == 1 else Q.Or(forms)


def part_queries(concept: Concept) -> list[Q.Query]:
    """The shorter words of a concept each on its own (吃饭时间 → 吃饭, 时间),
    for a concept found nowhere as a whole: the text may say 用餐时间."""
    if concept.phrase or concept.latin:
        return []
    return [_boosted(_form_query(part, as_prefix=False), PARTS_WEIGHT) for part in concept.parts]


def character_queries(parsed: ParsedQuery) -> tuple[list[Q.Query], list[Q.Query], int]:
    """The last resort when no word of the query is found anywhere (车半路抛锚了,
    店家做菜太慢想退单: the customer's words, not the document's), as a plain
    bigram search would look: each character pair of its Chinese words as a
    word or bigram of the text, and each character where a heading or the
    title has it (the pairs' queries, the characters'). With how many of them
    a passage must hold: a third of the characters, at least two; none for
    fewer than three characters (问 alone in a title is no answer to 问候)."""
    pairs, chars = {}, {}
    run = ""  # the Chinese words next to each other: 血便 of 狗拉血 | 便走 too
    for concept in [*parsed.concepts, None]:
        if concept is None or concept.latin or concept.phrase or not textforms.is_cjk(concept.text):
            pairs.update(dict.fromkeys(analysis.query_bigrams(run) if len(run) > 1 else []))
            run = ""
            continue
        run += concept.text
        chars.update(dict.fromkeys(c for c in concept.text if c not in analysis.STOP_WORDS))
    if len(chars) < 3:
        return [], [], 0
    return ([_boosted(_word_or_gram(g), CHARACTERS_WEIGHT) for g in pairs],
            [Q.Term("chars", c, boost=CHARACTERS_WEIGHT * HEADING_CHAR_WEIGHT) for c in chars],
            max(2, -(-len(chars) // 3)))


# -- what kind of value a question asks for ----------------------------------------------
# 多久 is answered by a duration (3个工作日), 几点 by a time, 多少钱 by an
# amount, 几声 by a number of 声: of an article's sections, the one that
# holds such a value, or whose heading names that kind of value (报告时限,
# 保外维修收费), is likelier the answer.
_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千半]+)"
_DURATION = rf"{_NUMBER}\s*(?:个)?(?:秒|分钟|小时|钟头|天|日|工作日|周|星期|月|年)"
_TIME = (rf"\d{{1,2}}\s*[:：]\s*\d{{2}}|\d{{1,2}}\s*点|(?:\d{{1,2}}\s*月|每月)\s*\d{{1,2}}\s*[日号]"
         rf"|{_NUMBER}\s*号")
_MONEY = r"\d+(?:\.\d+)?\s*(?:元|块|万元)|[¥￥$]\s*\d|免费"
_DURATION_HEADINGS = ("时限", "时效", "期限", "时长", "多久", "周期", "有效期")
_ASKS = [
    (re.compile(r"多少钱|几块|多少元|什么价|啥价|收多少|扣多少钱|费用多少|多少费用|几多钱|几钱"), _MONEY,
     ("价格", "收费", "费用", "资费", "价目", "多少钱")),
    (re.compile(r"几点|几号|哪天|什么时候|啥时候|什么时间|何时|几时"), f"{_TIME}|{_DURATION}",
     ("时间", "时段", "日期", *_DURATION_HEADINGS)),
    (re.compile(r"多久|多长时间|多长|几耐|几个?(?:秒|分钟|小时|天|工作日|周|星期|月|年)|多少(?:天|小时|分钟|年)"), _DURATION,
     _DURATION_HEADINGS),
]
_ASKS_COUNT_RE = re.compile(rf"(?:几|多少)(?:个(?P<thing>[\u4e00-\u9fff]))?(?P<unit>[{analysis.MEASURE_WORDS}])?")


@dataclass(frozen=True)
class AskedValue:
    """The kind of value a question asks for: *values* finds such values in
    normalised text, *heading_words* name that kind in a heading."""

    values: re.Pattern
    heading_words: tuple[str, ...] = ()

    def named_in(self, heading: str) -> bool:
        return any(w in heading for w in self.heading_words)


def asked_value(text: str) -> AskedValue | None:
    """What kind of value *text* asks for (多久: 3个工作日, two hours, a
    heading with 时限; 几声: 三声), or None."""
    return _asked_value(textforms.normalize(text))


@functools.lru_cache(maxsize=64)
def _asked_value(norm: str) -> AskedValue | None:
    for asks, values, heading_words in _ASKS:
        if asks.search(norm):
            return AskedValue(re.compile(values), heading_words)
    for m in _ASKS_COUNT_RE.finditer(norm):
        if m.group("thing"):  # 几个夜班: 4个夜班
            return AskedValue(re.compile(rf"{_NUMBER}\s*个?\s*{re.escape(m.group('thing'))}"))
        if unit := m.group("unit"):
            # (多少分: 85分, not 5分钟)
            return AskedValue(re.compile(rf"{_NUMBER}\s*{re.escape(unit)}" + ("(?!钟)" if unit == "分" else "")))
    return None


# A Chinese word up to this long that the dictionary does not know may be
# the input method's wrong candidate for a homophone (结止 for 截止).
MAX_HOMOPHONE_TYPO = 4


def may_be_homophone_typo(concept: Concept) -> bool:
    """Whether *concept* may be a typo of a homophone, if no text has it: a
    Chinese word of two to four characters that is no count or question
    word (几声)."""
    text = concept.text
    return (not concept.latin and not concept.phrase and 2 <= len(text) <= MAX_HOMOPHONE_TYPO
            and textforms.is_cjk(text[:1]) and text not in SOFT_WORDS and not _SOFT_RE.match(text)
            and not analysis.COUNT_RE.fullmatch(text) and not analysis.numeral_count(text))


def typo_query(concept: Concept) -> Q.Query | None:
    """A Latin word with a one-letter typo, for a concept found nowhere as typed."""
    if not concept.latin or concept.phrase or not _typo_tolerant(concept.text):
        return None
    return Q.FuzzyTerm("latin", concept.text, boost=0.5, maxdist=1, prefixlength=1)


@dataclass
class ConceptQuery:
    concept: Concept
    query: Q.Query
    typo: Q.Query | None  # asked only if *query* finds nothing
    required: bool  # counts towards the share of concepts matched


def build_concept_queries(parsed: ParsedQuery) -> list[ConceptQuery]:
    """One query per concept. Optional words (回复, 几声, a lone 后) add to the
    score of what the others find but are not counted as concepts; a single
    character beside real words only counts where a heading or the title has
    it (in the text it matches nearly everything)."""
    n = len(parsed.concepts)
    out = [ConceptQuery(c, concept_query(c, last=i == n - 1), typo_query(c), not c.optional)
           for i, c in enumerate(parsed.concepts)]
    if not any(q.required for q in out):
        for q in out:
            q.required = True
        return out
    kept = []
    for q in out:
        if q.required or len(q.concept.text) > 1 or q.concept.latin:
            kept.append(q)
        elif textforms.is_cjk(q.concept.text):
            # a character alone among words: only where a heading or the title has it
            kept.append(ConceptQuery(q.concept, Q.Term("chars", q.concept.text, boost=HEADING_CHAR_WEIGHT), None, False))
    return kept
