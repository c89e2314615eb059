"""Bytes of an old document to text, in whatever encoding Windows saved it.

Order: a byte order mark; the charset an HTML page declares; strict UTF-8;
then the encodings Chinese text is saved in (GB18030, Big5) and
charset-normalizer's guess, each decoded strictly and judged by how much of
the text falls into dictionary words. Detectors alone misjudge short texts:
200 bytes of GBK came out as UTF-16 or Latin-1 mojibake.
"""

from __future__ import annotations

import codecs
import re

from kbdesk import textforms
from kbdesk.messages import CodedError

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CHINESE_ENCODINGS = ("gb18030", "big5")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
# Decodings scoring below this are not text in any encoding we know.
MIN_SCORE = 0.35


class UndecidableEncoding(CodedError, ValueError):
    """Bytes that are not text in any encoding tried; the code says why."""


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first kilobytes, if Python knows it."""
    m = _META_CHARSET_RE.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    name = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _score(text: str) -> float:
    """How much of *text* reads as Chinese or plain text (0..1): the share of
    its CJK characters inside dictionary words, with ASCII text counted as
    readable and control or private-use characters as noise."""
    if not text:
        return 0.0
    sample = text[:4000]
    noise = len(_CONTROL_RE.findall(sample))
    cjk = textforms.CJK_RE.findall(sample)
    ascii_ok = sum(1 for c in sample if " " <= c <= "~" or c in "\n\r\t")
    if not cjk:
        return (ascii_ok - 5 * noise) / len(sample)
    from kbdesk.search.analysis import segmenter

    seg = segmenter()
    norm = textforms.normalize(sample)
    in_words = sum(len(w) for w in seg.words(norm) if len(w) > 1 and textforms.is_cjk(w) and seg.is_known(w))
    readable = in_words + ascii_ok + sum(1 for c in sample if "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return max(0.0, (readable - 5 * noise) / len(sample))


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name) of *data*; UndecidableEncoding if no encoding fits."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace").lstrip("\ufeff"), encoding.replace("-sig", "")
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # pages lie about their charset: fall through to the bytes themselves
    if b"\x00" in data[:4096]:
        raise UndecidableEncoding("encoding-binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    for encoding in CHINESE_ENCODINGS:
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in candidates:
        candidates[best.encoding] = str(best)
    scored = sorted(((_score(text), name) for name, text in candidates.items()), reverse=True)
    if not scored or scored[0][0] < MIN_SCORE:
        raise UndecidableEncoding("encoding-unknown")
    name = scored[0][1]
    return candidates[name], name
