"""Chinese-aware text analysis, shared by indexing and querying.

Every piece of text is folded first (``kbdesk.textforms.normalize``: width,
case, Traditional → Simplified), so that a Traditional query finds Simplified
text and the other way round. The index (``kbdesk.search.index``) stores the
terms counted by the ``*_terms`` functions below; the query side
(``kbdesk.search.searcher``) calls the same segmenter, so a word is cut the
same way whether it is typed or indexed. Nothing here knows about Whoosh.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kbdesk.textforms import CJK_RE, LATIN_RE, RUN_RE, fold_width_case, normalize, runs
from kbdesk.textforms import pypinyin as textforms_pypinyin

# Bump when tokens change, so existing indexes are rebuilt instead of mixing
# old and new tokens.
ANALYSIS_VERSION = 7  # 3: passages, bigrams of the body, pinyin of sub-words; 4: headings weigh 3; 5: counts (3天); 6: more measure words; 7: characters of headings

# -- segmentation -------------------------------------------------------------


# Beside the domain dictionary (dict.txt): readings for words that pypinyin
# gets wrong in this domain, one per line: ``还款 huan kuan``.
PINYIN_FILE = "pinyin.txt"


def dictionary_signature(dict_path: str | Path | None) -> str:
    """Identifies a domain dictionary's content (its words and their
    readings); an index built with another dictionary must be rebuilt."""
    if not dict_path:
        return "none"
    digest = hashlib.sha1()
    try:
        digest.update(Path(dict_path).read_bytes())
    except OSError:
        return "none"
    try:
        digest.update(b"\0" + (Path(dict_path).parent / PINYIN_FILE).read_bytes())
    except OSError:
        pass
    return digest.hexdigest()[:16]


def _word_file_lines(path: str | Path) -> list[list[str]]:
    """The fields of each line of a word list (dict.txt, pinyin.txt), without
    comments (#) and blank lines; none if the file cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    return [parts for line in text.splitlines() if (parts := line.split("#", 1)[0].split())]


def read_pinyin_overrides(path: str | Path) -> dict[str, tuple[str, ...]]:
    """{word: syllables} from a readings file; lines that are not a Chinese
    word followed by one Latin syllable per character are skipped."""
    overrides: dict[str, tuple[str, ...]] = {}
    for parts in _word_file_lines(path):
        if len(parts) < 2:
            continue
        word = normalize(parts[0])
        syllables = tuple(p.lower() for p in parts[1:])
        if CJK_RE.fullmatch(word[:1] or " ") and len(syllables) == len(word) and all(
                LATIN_RE.match(x) and x.isalpha() for x in syllables):
            overrides[word] = syllables
    return overrides


def read_dictionary(dict_path: str | Path) -> list[tuple[str, int | None, str | None]]:
    """Entries of a jieba user dictionary: ``word [freq] [tag]`` per line."""
    entries = []
    for parts in _word_file_lines(dict_path):
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((normalize(parts[0]), freq, tag))
    return entries


class Segmenter:
    """rjieba with the content folder's domain dictionary."""

    def __init__(self, dict_path: str | Path | None = None):
        import rjieba

        self._jieba = rjieba.Jieba()
        self._pinyin: dict[str, tuple[str, ...]] = {}
        self._readings: dict[str, tuple[str, ...]] = {}
        if dict_path:
            for word, freq, tag in read_dictionary(dict_path):
                self._jieba.add_word(word, freq, tag)
            self._readings = read_pinyin_overrides(Path(dict_path).parent / PINYIN_FILE)
            for word in self._readings:
                if not self._jieba.has_word(word):
                    self._jieba.add_word(word, None, None)  # cut whole, so that its reading applies

    def search_spans(self, text: str) -> list[tuple[str, int, int]]:
        """Words in search mode (sub-words of long words too), with offsets."""
        return self._jieba.tokenize(text, "search")

    def search_words(self, text: str) -> list[str]:
        """The words of :meth:`search_spans` without their offsets (for indexing)."""
        return self._jieba.cut_for_search(text)

    def words(self, text: str) -> list[str]:
        """Words in precise mode: one cut, no overlaps (for queries)."""
        return self._jieba.cut(text)

    def is_known(self, word: str) -> bool:
        """In the dictionary, as opposed to guessed by the HMM."""
        return self._jieba.has_word(word)

    def pinyin(self, phrase: str) -> tuple[str, ...]:
        """:func:`pinyin_tokens` of *phrase*, remembered: tags recur in
        thousands of articles."""
        tokens = self._pinyin.get(phrase)
        if tokens is None:
            if len(self._pinyin) >= 20_000:
                self._pinyin.clear()
            tokens = self._pinyin[phrase] = tuple(pinyin_tokens(phrase, self))
        return tokens

    def syllables(self, word: str) -> tuple[str, ...]:
        """Pinyin syllables of a word: the folder's reading if it has one."""
        return self._readings.get(word) or _syllables(word)

    def sub_words(self, word: str) -> list[str]:
        """Shorter dictionary words inside *word* (电话响 → 电话)."""
        return [w for w in self._jieba.cut_for_search(word) if 2 <= len(w) < len(word)]


_segmenters: dict[str, Segmenter] = {}
_segmenters_lock = threading.Lock()


def segmenter(dict_path: str | Path | None = None) -> Segmenter:
    key = str(dict_path or "")
    with _segmenters_lock:
        seg = _segmenters.get(key)
        if seg is None:
            seg = _segmenters[key] = Segmenter(dict_path)
        return seg


def forget_segmenter(dict_path: str | Path | None) -> None:
    """Drop a cached segmenter so that an edited dictionary is read again."""
    with _segmenters_lock:
        _segmenters.pop(str(dict_path or ""), None)


def words_of(norm_text: str, seg: Segmenter):
    """Search-mode words of normalised text, Latin words whole: (word, start, end)."""
    for start, end, cjk in runs(norm_text):
        if not cjk:
            yield norm_text[start:end], start, end
            continue
        for word, s, e in seg.search_spans(norm_text[start:end]):
            yield word, start + s, start + e


def bigrams_of(norm_text: str):
    """Overlapping CJK character bigrams, Latin words whole: (token, start, end).

    A lone CJK character (a run of one) is kept as itself."""
    for start, end, cjk in runs(norm_text):
        if not cjk or end - start == 1:
            yield norm_text[start:end], start, end
            continue
        for i in range(start, end - 1):
            yield norm_text[i : i + 2], i, i + 2


def query_bigrams(norm_word: str) -> list[str]:
    return [t for t, _, _ in bigrams_of(norm_word)]


# -- pinyin ---------------------------------------------------------------------


@functools.lru_cache(maxsize=50_000)
def _syllables(word: str) -> tuple[str, ...]:
    # Titles and tags reuse the same words; pypinyin is slow per call.
    pypinyin = textforms_pypinyin()
    return tuple(s for s in pypinyin.lazy_pinyin(word, style=pypinyin.Style.NORMAL, errors="ignore") if s.isalpha())


def pinyin_tokens(phrase: str, seg: Segmenter) -> list[str]:
    """Pinyin forms of a short phrase (a title or a tag).

    For every word, and every shorter word inside it (常见问题 → 常见, 问题):
    its full pinyin (tuikuan), its initials (tk) and each syllable (tui,
    kuan); for every word boundary: the full pinyin and the initials of the
    rest of the phrase, so that a prefix query for ``wangjimima`` or ``wjmm``
    finds 客户忘记密码怎么办.
    """
    norm = normalize(phrase)
    syllables_per_word: list[list[str]] = []
    tokens: list[str] = []
    for start, end, cjk in runs(norm):
        if not cjk:
            continue
        for word in seg.words(norm[start:end]):
            syl = seg.syllables(word)
            if syl:
                syllables_per_word.append(list(syl))
                if len(word) > 2:
                    for sub in seg.sub_words(word):
                        sub_syl = seg.syllables(sub)
                        tokens.append("".join(sub_syl))
                        tokens.append("".join(s[0] for s in sub_syl))
    for syl in syllables_per_word:
        tokens.append("".join(syl))
        tokens.append("".join(s[0] for s in syl))
        tokens.extend(syl)
    for i in range(1, len(syllables_per_word)):
        rest = [s for syl in syllables_per_word[i:] for s in syl]
        tokens.append("".join(rest))
        tokens.append("".join(s[0] for s in rest))
    if len(syllables_per_word) > 1:
        whole = [s for syl in syllables_per_word for s in syl]
        tokens.append("".join(whole))
        tokens.append("".join(s[0] for s in whole))
    return tokens


_HAN_WORD_RE = re.compile(r"[\u3400-\u9fff]{2,4}")


# Characters read otherwise in common words than pypinyin reads them alone
# (还 hai: 还车 huan): a word without its own entry in the phrase table is
# read with the first reading, which need not be the one the agent types.
# Only these: pypinyin's second reading of most characters is archaic (位 li,
# 醒 cheng), and 离职 must not read as 位置.
POLYPHONES = dict(item.split(":") for item in """
    还:hai/huan 行:xing/hang 重:zhong/chong 长:chang/zhang 乐:le/yue 调:tiao/diao 传:chuan/zhuan
    差:cha/chai 便:bian/pian 角:jiao/jue 觉:jue/jiao 率:lv/shuai 朝:chao/zhao 系:xi/ji 省:sheng/xing
    给:gei/ji 降:jiang/xiang 称:cheng/chen 得:de/dei 都:dou/du 落:luo/lao 模:mo/mu 数:shu/shuo
    弹:dan/tan 藏:cang/zang 薄:bao/bo 曾:ceng/zeng 解:jie/xie 折:zhe/she
    """.split())
MAX_READINGS_PER_WORD = 4  # the usual one included


def word_readings(word: str, seg: Segmenter) -> list[str]:
    """Full pinyin of a Chinese word, its usual reading first, then those
    with the other common reading of one of its characters (还车: haiche,
    huanche; see POLYPHONES)."""
    syllables = seg.syllables(word)
    if len(syllables) != len(word):
        return []
    readings = ["".join(syllables)]
    for i, char in enumerate(word):
        for other in POLYPHONES[char].split("/") if char in POLYPHONES else ():
            if other != syllables[i] and len(readings) < MAX_READINGS_PER_WORD:
                readings.append("".join((*syllables[:i], other, *syllables[i + 1:])))
    return list(dict.fromkeys(readings))


# Initials and finals that agents' input often confuses (对造表 typed for
# 对照表: z/zh, c/ch, s/sh, -n/-ng): a reading's key without them.
_FUZZY_RE = re.compile(r"(?<=[zcs])h|(?<=n)g")


def fuzzy_reading(pinyin: str) -> str:
    return _FUZZY_RE.sub("", pinyin)


def pinyin_vocabulary(words, seg: Segmenter) -> dict[str, tuple[str, ...]]:
    """Full pinyin → the words of *words* read so (zhongda → 重大, 中大); a
    word read so only with the other reading of one of its characters is
    filed under the reading + "*" (offered after the usual ones). The index
    keeps pinyin for titles, tags and headings only; this is how pinyin
    typed finds a word of the body, and a typo of a homophone (结止) the
    word meant (截止)."""
    found: dict[str, list[str]] = {}
    for word in words:
        if _HAN_WORD_RE.fullmatch(word):
            for i, reading in enumerate(word_readings(word, seg)):
                found.setdefault(reading + "*" * (i > 0), []).append(word)
    return {reading: tuple(group) for reading, group in found.items()}


def fuzzy_vocabulary(vocabulary: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The readings of a :func:`pinyin_vocabulary` by their fuzzy key."""
    found: dict[str, list[str]] = {}
    for reading in vocabulary:
        found.setdefault(fuzzy_reading(reading.rstrip("*")), []).append(reading)
    return {key: tuple(group) for key, group in found.items()}


# -- terms of a document ----------------------------------------------------------


@dataclass
class Terms:
    """The analysed terms of one field of one document, counted once here
    rather than token by token inside Whoosh: *weights* maps each term to its
    summed weight (its count, unless sections weigh differently), *length* is
    the number of tokens (for BM25's length normalisation)."""

    weights: dict[str, float]
    length: int

    def __add__(self, other: Terms) -> Terms:
        weights = dict(self.weights)
        get = weights.get
        for term, weight in other.weights.items():
            weights[term] = get(term, 0) + weight
        return Terms(weights, self.length + other.length)


def _counted(tokens) -> Terms:
    counts = Counter(tokens)
    return Terms(dict(counts), sum(counts.values()))


# A count and its measure word (3天, 15次, 三声): documents mostly write
# digits, agents type either. The index keeps each digit count as one term
# (3天), and a query looks for a count in that form too (三天 → 3天).
MEASURE_WORDS = "天日次个声年月周分秒元块件位台条张倍级星遍家种项步页人份笔单本箱瓶辆层号节期门套包场轮句度岁户晚间趟封盒袋斤克站季班"
COUNT_RE = re.compile(rf"(\d+)([{MEASURE_WORDS}])")
_NUMERAL_COUNT_RE = re.compile(rf"([零一二两三四五六七八九十百千]+)([{MEASURE_WORDS}]).*")
_NOT_COUNTS = frozenset("十分 百分 千万 一次性".split())  # very, percent, by all means, disposable


def count_terms(norm_text: str) -> list[str]:
    """The digit counts of normalised text: 3天 of 至3天（含）."""
    return ["".join(m) for m in COUNT_RE.findall(norm_text)]


def digit_count(word: str) -> str | None:
    """A count written in Chinese numerals in digits (三天 → 3天, 十五次 →
    15次, 一个月 → 1个 as the index keeps 1个月); None if *word* is no
    count (十分 means very)."""
    m = _NUMERAL_COUNT_RE.fullmatch(word)
    if m is None or word[:len(m.group(1)) + 1] in _NOT_COUNTS or word in _NOT_COUNTS:
        return None
    import cn2an  # only queries with a count need it

    try:
        return f"{cn2an.cn2an(m.group(1), 'smart')}{m.group(2)}"
    except ValueError:  # 十百 is no number
        return None


def numeral_count(count: str) -> str | None:
    """A digit count in Chinese numerals (3天 → 三天), as texts also write it."""
    m = COUNT_RE.fullmatch(count)
    if m is None or len(m.group(1)) > 4:
        return None
    import cn2an

    return f"{cn2an.an2cn(m.group(1))}{m.group(2)}"


def word_terms(sections, dict_path: str | None = None) -> Terms:
    """Search-mode words of (text, weight) sections, stop words left out.
    One field can then hold title, tags and body, a title word counting more
    than a body word, and a query looks up each word once."""
    cut = segmenter(dict_path).search_words
    weights: dict[str, float] = {}
    length = 0
    for text, weight in sections:
        norm = normalize(text)
        runs = RUN_RE.findall(norm)
        # One call for all Chinese runs: the space between them is a boundary
        # to jieba, so each run is cut as if alone (and 40 calls cost more).
        words = [w for w in cut(" ".join(r for r in runs if r[0] >= "\u3400")) if w != " "]
        words.extend(r for r in runs if r[0] < "\u3400")
        words.extend(count_terms(norm))
        counts = Counter(words)
        for stop in STOP_WORDS.intersection(counts):
            del counts[stop]
        length += sum(counts.values())
        get = weights.get
        for word, n in counts.items():
            weights[word] = get(word, 0) + n * weight
    return Terms(weights, length)


def bigram_terms(sections, words: Terms) -> Terms:
    """Overlapping CJK bigrams of (text, weight) sections that are not among
    *words*: where the text was cut otherwise than a query is (铃声响 has the
    word 铃声 and the bigram 声响), the query's bigrams still meet it. Bigrams
    that are words stay out: the words field has them already."""
    weights: dict[str, float] = {}
    length = 0
    known = words.weights
    get = weights.get
    for text, weight in sections:
        for run in RUN_RE.findall(normalize(text)):
            if run[0] < "\u3400" or len(run) < 2:
                continue
            for i in range(len(run) - 1):
                gram = run[i:i + 2]
                if gram not in known:
                    weights[gram] = get(gram, 0) + weight
                    length += 1
    return Terms(weights, length)


def pinyin_terms(lines, dict_path: str | None = None) -> Terms:
    """Pinyin of each line (one line per title or tag)."""
    seg = segmenter(dict_path)
    return _counted(tok for line in lines for tok in seg.pinyin(line))


def char_terms(text: str) -> Terms:
    """The Chinese characters of a short text, each once, function words left out."""
    chars = set(CJK_RE.findall(normalize(text))) - STOP_WORDS
    return Terms(dict.fromkeys(sorted(chars), 1.0), len(chars))


def latin_terms(text: str) -> Terms:
    """Only the Latin words and numbers (APP, VIP, 5W1H, order numbers): a
    small vocabulary that typo-tolerant queries can scan quickly."""
    return _counted(re.findall(r"[a-z0-9]+", fold_width_case(text)))


# Function words that carry no meaning on their own; removed from the index
# and from queries alike.
STOP_WORDS = frozenset(
    """的 地 得 了 着 过 是 在 和 与 及 或 也 都 就 而 吗 呢 吧 啊 呀 哦 嗯 哈 么
    把 被 让 之 其 于 并 且 即 则 这 那 这个 那个 这些 那些 一个 一些 有些
    the a an of to and or is are be in on for""".split()
)
