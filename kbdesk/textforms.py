"""Chinese text forms shared by every part of kbdesk: folding (width, case,
Traditional → Simplified, variants) so that 帳號 and 账号 compare equal,
offsets kept for marking matches, and which script a text is written in.

The bottom layer: imports nothing else of kbdesk. OpenCC loads its
dictionaries on first use, not on import.
"""

from __future__ import annotations

import functools
import operator
import re
import threading

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN_RE = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
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
@functools.lru_cache(maxsize=1)
def pypinyin():
    """The pypinyin module, with only the phrases whose reading is not that of
    their characters one by one (银行 háng, 重庆 chóng: pinyin_phrases.txt,
    made by tools/pinyin_phrases.py): its whole phrase table costs every
    process that indexes about 45 MB, for readings it would give anyway."""
    import os
    from pathlib import Path

    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")  # (read when pypinyin is first imported)
    import pypinyin as module

    phrases = {}
    for line in (Path(__file__).with_name("pinyin_phrases.txt")).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            phrase, *readings = line.split()
            phrases[phrase] = [[r] for r in readings]
    module.load_phrases_dict(phrases)
    return module


# Character-level conversion ("t2s") keeps lengths, which highlighting needs.
_opencc_lock = threading.Lock()


def fold_width_case(text: str) -> str:
    if _WIDE_RE.search(text):  # translate() looks up every character: only when needed
        text = text.translate(_WIDTH_TABLE)
    lowered = text.lower()
    # A few letters change length when lowered (İ); keep those as they are.
    return lowered if len(lowered) == len(text) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in text
    )


def normalize(text: str) -> str:
    """Canonical form for matching: narrow, lower-case, Simplified."""
    text = fold_width_case(text)
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
    folded = fold_width_case(text)
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


def runs(norm_text: str):
    """(start, end, is_cjk) of each CJK run and each Latin/number word."""
    for m in RUN_RE.finditer(norm_text):
        yield m.start(), m.end(), m.group()[0] >= "\u3400"
