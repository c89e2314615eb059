"""Chinese-aware text analysis, shared by indexing and querying.

Every piece of text goes through :func:`normalize` first (width, case,
Traditional → Simplified), so that a Traditional query finds Simplified text
and the other way round. The index (``kbdesk.index``) stores the terms
counted by the ``*_terms`` functions below; the query side (``kbdesk.search``)
calls the same segmenter, so a word is cut the same way whether it is typed
or indexed. Nothing here knows about Whoosh.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


# Bump when tokens change, so existing indexes are rebuilt instead of mixing
# old and new tokens.
ANALYSIS_VERSION = 2

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN_RE = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
CJK_RE = re.compile(rf"[{_CJK}]")
_CJK_RUN_RE = re.compile(rf"[{_CJK}]+")
LATIN_RE = re.compile(r"^[a-z0-9]+$")

# Full-width ASCII and the ideographic space fold to their narrow forms.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
# Variants that OpenCC leaves apart but agents treat as one word
# (帳號 → 帐号, while mainland text writes 账号).
_VARIANTS = (("帐", "账"),)
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000]")

# Taiwan/Hong Kong phrasing (登入, 網路, 帳號) to mainland Simplified; this
# also converts plain Traditional characters.
# OpenCC, rjieba and pypinyin load their dictionaries on first use, not on
# import: the window must be on screen before any of that is needed.
@functools.lru_cache(maxsize=None)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    return _opencc(config).convert(text)
# Character-level conversion ("t2s") keeps lengths, which highlighting needs.
_opencc_lock = threading.Lock()


def _fold(text: str) -> str:
    if _WIDE_RE.search(text):  # translate() looks up every character: only when needed
        text = text.translate(_WIDTH_TABLE)
    lowered = text.lower()
    # A few letters change length when lowered (İ); keep those as they are.
    return lowered if len(lowered) == len(text) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in text
    )


def normalize(text: str) -> str:
    """Canonical form for matching: narrow, lower-case, Simplified."""
    text = _fold(text)
    if CJK_RE.search(text):
        with _opencc_lock:
            text = _convert("tw2sp", text)
        text = _fold_variants(text)
    return text


def _fold_variants(text: str) -> str:
    for variant, common in _VARIANTS:
        if variant in text:
            text = text.replace(variant, common)
    return text


def normalize_aligned(text: str) -> str:
    """Like :func:`normalize` but character for character, so offsets into
    the result are offsets into *text* (used to mark matches)."""
    folded = _fold(text)
    if not CJK_RE.search(folded):
        return folded
    with _opencc_lock:
        converted = _convert("tw2sp", folded)
        if len(converted) != len(folded):
            converted = _convert("t2s", folded)
            if len(converted) != len(folded):
                converted = "".join(
                    c2 if len(c2 := _convert("t2s", c)) == 1 else c for c in folded
                )
    return _fold_variants(converted)


# Simplified → each Traditional standard; a character is Simplified-only if
# all of them change it (台 is standard in Taiwan and Hong Kong).
_S2T_VARIANTS = ("s2t", "s2tw", "s2hk")


def script_chars(text: str) -> tuple[str, str]:
    """(characters only Traditional script uses, characters only Simplified
    uses) among the CJK characters of *text*."""
    sample = "".join(CJK_RE.findall(text))
    if not sample:
        return "", ""
    with _opencc_lock:
        as_simplified = _convert("t2s", sample)
        as_traditional = [_convert(c, sample) for c in _S2T_VARIANTS]
    traditional = "".join(a for a, b in zip(sample, as_simplified) if a != b)
    simplified = "".join(
        a for a, *variants in zip(sample, *as_traditional) if all(a != v for v in variants)
    )
    return traditional, simplified


def script_of(text: str) -> str:
    """'hant' if *text* is written in Traditional characters, 'hans' if in
    Simplified, '' if it cannot tell (no characters that differ). Runs for
    every indexed article, so it samples and converts as little as it can."""
    sample = "".join(_CJK_RUN_RE.findall(text[:1500]))[:600]
    if not sample:
        return ""
    with _opencc_lock:
        as_simplified = _convert("t2s", sample)
    traditional = sum(map(operator.ne, sample, as_simplified))
    if traditional * 20 >= len(sample) and traditional >= 2:
        return "hant"
    with _opencc_lock:
        as_traditional = _convert("s2t", sample)
    simplified = sum(map(operator.ne, sample, as_traditional))
    if simplified > traditional:
        return "hans"
    return "hant" if traditional > simplified else ""


def merge_spans(spans) -> list[tuple[int, int]]:
    """Sorted (start, end) ranges with overlapping or touching ones joined."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def is_cjk(word: str) -> bool:
    return bool(CJK_RE.search(word))


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


def runs(norm_text: str):
    """(start, end, is_cjk) of each CJK run and each Latin/number word."""
    for m in _RUN_RE.finditer(norm_text):
        yield m.start(), m.end(), m.group()[0] >= "\u3400"


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
    from pypinyin import Style, lazy_pinyin

    return tuple(s for s in lazy_pinyin(word, style=Style.NORMAL, errors="ignore") if s.isalpha())


def pinyin_tokens(phrase: str, seg: Segmenter) -> list[str]:
    """Pinyin forms of a short phrase (a title or a tag).

    For every word: its full pinyin (tuikuan), its initials (tk) and each
    syllable (tui, kuan); for every word boundary: the full pinyin and the
    initials of the rest of the phrase, so that a prefix query for
    ``wangjimima`` or ``wjmm`` finds 客户忘记密码怎么办.
    """
    norm = normalize(phrase)
    syllables_per_word: list[list[str]] = []
    for start, end, cjk in runs(norm):
        if not cjk:
            continue
        for word in seg.words(norm[start:end]):
            syl = seg.syllables(word)
            if syl:
                syllables_per_word.append(list(syl))
    tokens: list[str] = []
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


# -- terms of a document ----------------------------------------------------------


@dataclass
class Terms:
    """The analysed terms of one field of one document, counted once here
    rather than token by token inside Whoosh: *weights* maps each term to its
    summed weight (its count, unless sections weigh differently), *length* is
    the number of tokens (for BM25's length normalisation)."""

    weights: dict[str, float]
    length: int


def _counted(tokens) -> Terms:
    counts = Counter(tokens)
    return Terms(dict(counts), sum(counts.values()))


def word_terms(sections, dict_path: str | None = None) -> Terms:
    """Search-mode words of (text, weight) sections, stop words left out.
    One field can then hold title, tags and body, a title word counting more
    than a body word, and a query looks up each word once."""
    cut = segmenter(dict_path).search_words
    weights: dict[str, float] = {}
    length = 0
    for text, weight in sections:
        runs = _RUN_RE.findall(normalize(text))
        # One call for all Chinese runs: the space between them is a boundary
        # to jieba, so each run is cut as if alone (and 40 calls cost more).
        words = [w for w in cut(" ".join(r for r in runs if r[0] >= "\u3400")) if w != " "]
        words.extend(r for r in runs if r[0] < "\u3400")
        counts = Counter(words)
        for stop in STOP_WORDS.intersection(counts):
            del counts[stop]
        length += sum(counts.values())
        get = weights.get
        for word, n in counts.items():
            weights[word] = get(word, 0) + n * weight
    return Terms(weights, length)


def bigram_terms(text: str) -> Terms:
    """Overlapping CJK bigrams, so text is found where segmentation differs."""
    return _counted(t for t, _, _ in bigrams_of(normalize(text)))


def pinyin_terms(lines, dict_path: str | None = None) -> Terms:
    """Pinyin of each line (one line per title or tag)."""
    seg = segmenter(dict_path)
    return _counted(tok for line in lines for tok in seg.pinyin(line))


def latin_terms(text: str) -> Terms:
    """Only the Latin words and numbers (APP, VIP, 5W1H, order numbers): a
    small vocabulary that typo-tolerant queries can scan quickly."""
    return _counted(re.findall(r"[a-z0-9]+", _fold(text)))


# Function words that carry no meaning on their own; removed from the index
# and from queries alike.
STOP_WORDS = frozenset(
    """的 地 得 了 着 过 是 在 和 与 及 或 也 都 就 而 吗 呢 吧 啊 呀 哦 嗯 哈 么
    把 被 让 之 其 于 并 且 即 则 这 那 这个 那个 这些 那些 一个 一些 有些
    the a an of to and or is are be in on for""".split()
)
