"""Cleaning an imported document's text, one small step at a time, in this
order: markup, boilerplate lines, pinyin annotations, repetition, forms of
whitespace and punctuation. Each step returns the text and what it removed,
so that ``kbdesk import --dry-run`` can show it, and none of them removes a
word of the document itself.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbdesk import textforms
from kbdesk.content.yaml_text import read_mapping

STEPS = ("markup", "boilerplate", "pinyin", "repetition", "forms")
DEFAULTS_FILE = Path(__file__).with_name("import_defaults.yaml")
RULES_FILE = "import.yaml"  # in the content folder's .kbdesk/


@dataclass
class Rules:
    boilerplate: list[re.Pattern] = field(default_factory=list)
    terms_heads: list[re.Pattern] = field(default_factory=list)
    terms: list[re.Pattern] = field(default_factory=list)
    terms_marks: list[re.Pattern] = field(default_factory=list)
    min_documents: int = 3
    min_share: float = 0.3
    edge_lines: int = 8

    @classmethod
    def load(cls, settings_dir: Path | None = None) -> "Rules":
        """kbdesk's defaults, and the team's own ``.kbdesk/import.yaml`` on top
        (ValueError with one line if it cannot be used)."""
        defaults = yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8"))
        team = read_mapping(settings_dir / RULES_FILE, "import rules") if settings_dir else None

        def patterns(key: str) -> list[re.Pattern]:
            compiled = []
            for pattern in list(defaults.get(key) or []) + list((team or {}).get(key) or []):
                try:
                    compiled.append(re.compile(str(pattern), re.I))
                except re.error as exc:
                    raise ValueError(f"{RULES_FILE}: {key} pattern {pattern!r} is not a regular expression: "
                                     f"{exc}") from None
            return compiled

        repeated = {**(defaults.get("repeated_lines") or {}), **((team or {}).get("repeated_lines") or {})}
        return cls(patterns("boilerplate"), patterns("terms_heads"), patterns("terms"), patterns("terms_marks"),
                   int(repeated.get("min_documents", 3)), float(repeated.get("min_share", 0.3)),
                   int(repeated.get("edge_lines", 8)))


@dataclass
class Cleaned:
    text: str
    removed: dict[str, list[str]] = field(default_factory=lambda: {step: [] for step in STEPS})

    def counts(self) -> dict[str, int]:
        return {step: len(items) for step, items in self.removed.items()}


# -- markup ------------------------------------------------------------------------------

_HTML_TAGS = ("a|abbr|b|big|blockquote|br|button|center|code|col|colgroup|dd|div|dl|dt|em|font|form|h[1-6]|"
              "header|footer|hr|i|iframe|img|input|label|li|link|meta|nav|ol|o:p|p|pre|s|script|section|small|"
              "span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|tr|u|ul|article|aside|main")
_TAG_RE = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>", re.I)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
# A site's own template markers ({{ site.name }}, {{#if}}), not a blank of
# kbdesk's ({{客户称呼}}: a Chinese name right after the braces).
_TEMPLATE_RE = re.compile(r"\{\{(?!\s*[\u3400-\u9fff])[^{}\n]{0,80}\}\}|\{%[^%\n]{0,80}%\}")
_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")


def strip_markup(text: str) -> tuple[str, list[str]]:
    """HTML fragments (tags with their inline styles, comments, entities) and
    a site's template markers go; the text between the tags stays."""
    removed: list[str] = []

    def drop(m: re.Match) -> str:
        removed.append(m.group())
        return ""

    text = _COMMENT_RE.sub(drop, text)
    text = _TAG_RE.sub(drop, text)
    text = _TEMPLATE_RE.sub(drop, text)
    text = _ENTITY_RE.sub(lambda m: (removed.append(m.group()) or html.unescape(m.group())), text)
    return text, removed


# -- boilerplate ----------------------------------------------------------------------------

def line_key(line: str) -> str:
    """A line as compared across documents: folded, without spaces."""
    return re.sub(r"\s+", "", textforms.normalize(line))


def repeated_lines(texts: list[str], rules: Rules) -> set[str]:
    """Lines (as :func:`line_key`) found in many of the documents imported
    together: their headers and footers."""
    if len(texts) < rules.min_documents:
        return set()
    seen: Counter = Counter()
    for text in texts:
        lines = [line for line in text.splitlines() if line.strip()]
        edges = lines[:rules.edge_lines] + lines[-rules.edge_lines:]
        # Headings the documents share (一、适用范围) are their structure, not a site's.
        # Sentences (a greeting) are the documents' own; a site's header or footer is not a sentence.
        seen.update({line_key(line) for line in edges
                     if not _STRUCTURE_RE.match(line.strip()) and not line.strip().endswith(tuple("。！？!?"))})
    needed = max(rules.min_documents, rules.min_share * len(texts))
    return {key for key, count in seen.items() if count >= needed and len(key) >= 2}


def strip_boilerplate(text: str, rules: Rules, repeated: set[str] = frozenset(),
                      file_name: str = "") -> tuple[str, list[str]]:
    """Whole lines that are a site's and not the document's: the rules'
    patterns, lines repeated across the documents imported together, and the
    file's own name repeated as a line (``客户服务指南.docxVIP``)."""
    stem = line_key(Path(file_name).stem) if file_name else ""
    lines = text.split("\n")
    edges = _edge_lines(lines, rules.edge_lines)
    terms_from = _terms_block(lines, rules)
    kept, removed = [], []
    for n, line in enumerate(lines):
        bare = line.strip()
        key = line_key(bare)
        if bare and n >= terms_from and (any(p.fullmatch(bare) for p in rules.terms + rules.terms_heads)
                                         or bare[:1].isdigit() or bare[:1] in "（("):
            removed.append(bare)
            continue
        if bare and (any(p.fullmatch(bare) for p in rules.boilerplate) or (key in repeated and n in edges)
                     or (stem and key.startswith(stem) and len(key) <= len(stem) + 8
                         and re.search(r"\.(docx?|pdf|txt|html?)", bare, re.I))):
            removed.append(bare)
            continue
        kept.append(line)
    return "\n".join(kept), removed


def _edge_lines(lines: list[str], count: int) -> set[int]:
    """The numbers of the first and last *count* non-empty lines."""
    filled = [n for n, line in enumerate(lines) if line.strip()]
    return set(filled[:count] + filled[-count:])


# A site's terms are a few lines: a longer block after a separator is the
# document's own (a points-mall help page mentions 积分 in every line).
MAX_TERMS_LINES = 15


def _terms_block(lines: list[str], rules: Rules) -> int:
    """Where a sharing site's terms begin at the end of the document (the
    line of a terms head or separator, in the last third, after which most
    of at most MAX_TERMS_LINES lines are the site's terms and one says what
    only a site's terms say); len(lines) if there are none."""
    filled = [n for n, line in enumerate(lines) if line.strip()]
    for k, n in enumerate(filled):
        if (n < len(lines) * 2 // 3 or len(filled) - k - 1 > MAX_TERMS_LINES
                or not any(p.fullmatch(lines[n].strip()) for p in rules.terms_heads)):
            continue
        after = [lines[m].strip() for m in filled[k + 1:]]
        if after and sum(1 for line in after if any(p.fullmatch(line) for p in rules.terms)) * 2 >= len(after) \
                and any(p.search(line) for p in rules.terms_marks for line in after):
            return n
    return len(lines)


# -- pinyin annotations ------------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü{_TONED}]{{1,6}}"
# A converter's reading glued behind a character: 職責(zé), 通過(guò), 工號(hào)牌.
_ANNOTATION_RE = re.compile(rf"(?<=[\u3400-\u9fff])[(（]({_SYLLABLE})[)）]")


@functools.lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every pinyin syllable without its tone (zhong, lü…), from pypinyin."""
    import unicodedata

    textforms.pypinyin()  # (configured before its tables are read)
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            bare = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
            found.add(bare.replace("u\u0308", "ü").lower())
    return frozenset(found)


def strip_pinyin_annotations(text: str) -> tuple[str, list[str]]:
    """Readings in brackets behind characters go, and nothing else: a real
    parenthesis such as (推荐) or (5W1H) stays. A reading without a tone mark
    goes only where the document has toned ones (a converter was at work)."""
    found = _ANNOTATION_RE.findall(text)
    toned = sum(1 for syllable in found if any(c in _TONED for c in syllable))
    if not toned:
        return text, []
    removed: list[str] = []

    def drop(m: re.Match) -> str:
        syllable = m.group(1)
        if any(c in _TONED for c in syllable) or (toned >= 3 and len(syllable) >= 2 and syllable in _syllables()):
            removed.append(m.group())
            return ""
        return m.group()

    # A reading doubled by the converter (任務(wù)(wù)) stands behind a reading, not a
    # character: a second pass finds it behind the character.
    for _ in range(3):
        cleaned = _ANNOTATION_RE.sub(drop, text)
        if cleaned == text:
            break
        text = cleaned
    return text, removed


# -- repetition --------------------------------------------------------------------------------

_HEADING_MARK_RE = re.compile(r"^#{1,6}\s+")
_STRUCTURE_RE = re.compile(r"^(#{1,6}\s|[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十百\d]+[章节節条條部分篇]|篇\d)")
MIN_REPEATED_LINE = 20  # shorter lines (greetings, closings, headings) recur in real documents
MIN_REPEATED_PARAGRAPH = 6


def strip_repetition(text: str, title: str = "") -> tuple[str, list[str]]:
    """Text pasted twice keeps one copy: a paragraph of several lines, or a
    line of MIN_REPEATED_LINE characters or more, seen before. The later copy
    goes, except where the first stands above the document's structure (a
    summary repeated above the text): then the first goes. The title repeated
    in the first lines goes too, and so does a title repeated as every page's
    header."""
    blocks = re.split(r"(\n\s*\n)", text)  # paragraphs and the blank lines between them
    units: list[tuple[int, int]] = []  # (block, line) of every line
    lines_of = [block.split("\n") for block in blocks]
    for b, lines in enumerate(lines_of):
        if b % 2 == 0:
            units.extend((b, n) for n in range(len(lines)))
    first_structure = next((i for i, (b, n) in enumerate(units) if _STRUCTURE_RE.match(lines_of[b][n].strip())),
                           len(units))
    drop: set[tuple[int, int]] = set()
    removed: list[str] = []
    where: dict[str, int] = {}
    # Whole paragraphs of several lines first, then single long lines.
    for b in range(0, len(blocks), 2):
        lines = lines_of[b]
        if len(lines) < 2:
            continue
        key = line_key("".join(lines))
        if len(key) < MIN_REPEATED_PARAGRAPH:
            continue
        first_line = units.index((b, 0))
        if key in where:
            earlier_block, earlier_line = where[key]
            gone = earlier_block if earlier_line < first_structure <= first_line else b
            if gone == earlier_block:
                where[key] = (b, first_line)
            drop.update((gone, n) for n in range(len(lines_of[gone])))
        else:
            where[key] = (b, first_line)
    # Single lines: a summary repeated above the structure goes from above it;
    # a later copy goes where it is part of a block pasted again (two or more
    # repeated lines in a row). A lone sentence said again (a script's closing
    # in each variant) is the document's own.
    seen: dict[str, int] = {}
    later: list[int] = []
    for i, (b, n) in enumerate(units):
        if (b, n) in drop:
            continue
        key = line_key(_HEADING_MARK_RE.sub("", lines_of[b][n]))
        if len(key) < MIN_REPEATED_LINE:
            continue
        if key in seen:
            earlier = seen[key]
            if earlier < first_structure <= i:
                drop.add(units[earlier])
                seen[key] = i
            else:
                later.append(i)
        else:
            seen[key] = i
    filled = [i for i, (b, n) in enumerate(units) if lines_of[b][n].strip()]
    position = {i: k for k, i in enumerate(filled)}
    repeated_at = {position[i] for i in later}
    for i in later:
        k = position[i]
        if k - 1 in repeated_at or k + 1 in repeated_at:
            drop.add(units[i])
    # The title in the first lines goes (it is the front matter's); said again
    # three times or more it is a page header (a web page saved page by page).
    def lines_reading(key: str) -> list[int]:
        return [i for i, (b, n) in enumerate(units)
                if key and line_key(lines_of[b][n]) == key and not lines_of[b][n].startswith("#")]

    if title:
        found = lines_reading(line_key(title))
        drop.update(units[i] for i in found if i < 6 or len(found) >= 3)
    else:  # the first line will be the title: its copies as every page's header go
        opening = next((lines_of[b][n] for b, n in units if lines_of[b][n].strip()), "")
        found = lines_reading(line_key(opening)) if len(opening.strip()) <= 40 else []
        if len(found) >= 3:
            drop.update(units[i] for i in found[1:])
    out = []
    for b, block in enumerate(blocks):
        if b % 2:
            out.append(block)
            continue
        kept = []
        for n, line in enumerate(lines_of[b]):
            if (b, n) in drop:
                removed.append(line.strip())
            else:
                kept.append(line)
        out.append("\n".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip("\n"), [r for r in removed if r]


# -- forms --------------------------------------------------------------------------------------

_CJK = "\u3400-\u9fff"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# Between Chinese characters: , ; :   After one, at a sentence's end: ? !
# (a ? inside a word stands for a character that was lost, and stays).
_HALF_PUNCT_RE = re.compile(rf"(?<=[{_CJK}])(?:([,;:])(?=[{_CJK}])|([?!])(?=\s|$))", re.M)


# Cells of a table typed with spaces or tabs stand two or more apart.
_CELL_GAP_RE = re.compile(r"[ \u3000]{2,}|\t+")
# a numbered line (第三条, 4, 一、): a heading above rows that are not numbered
_NUMBERED_LINE_RE = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+\s*[条條章节節部篇]|\d{1,3}(?:[、．.]|\s)|[一二三四五六七八九十]+\s*[、．.])")


def aligned_tables(text: str) -> str:
    """Runs of two or more lines whose cells stand apart (a table typed with
    spaces or tabs, or copied from a web page) as Markdown tables, the first
    line as the header; before spaces are made one, which would join the cells."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and not lines[j].lstrip().startswith(("|", "#", "-", "*")) \
                and len(_CELL_GAP_RE.split(lines[j].strip())) >= 2:
            j += 1
        if j - i >= 2 and _NUMBERED_LINE_RE.match(lines[i].strip()) and not _NUMBERED_LINE_RE.match(lines[i + 1].strip()):
            out.append(lines[i])  # 第三条  班次设置 above its rows: a heading, not the table's header
            i += 1
            continue
        if j - i >= 2:
            rows = [[cell.strip() for cell in _CELL_GAP_RE.split(line.strip())] for line in lines[i:j]]
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            out.append("| " + " | ".join(rows[0]) + " |")
            out.append("|" + " --- |" * width)
            out.extend("| " + " | ".join(r) + " |" for r in rows[1:])
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def normalise_forms(text: str) -> tuple[str, list[str]]:
    """One form for whitespace and punctuation: full-width spaces, tabs and
    runs of spaces become one space, lines lose trailing spaces, blank-line
    runs become one; half-width punctuation in Chinese sentences becomes
    full-width. What changed is counted; no word is removed."""
    changed: list[str] = []

    def space(m: re.Match) -> str:
        changed.append(repr(m.group()))
        return " "

    def punct(m: re.Match) -> str:
        mark = m.group(1) or m.group(2)
        changed.append(mark)
        return _HALF_TO_FULL[mark]

    text = aligned_tables(text)
    lines = []
    for line in text.split("\n"):
        indent = re.match(r" *", line).group()  # Markdown's own indentation (nested lists) stays
        rest = re.sub(r"[\u3000\t\xa0]+| {2,}", space, line[len(indent):]).rstrip()
        lines.append(indent + _HALF_PUNCT_RE.sub(punct, rest) if rest else "")
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, changed


def clean(text: str, rules: Rules, *, title: str = "", repeated: set[str] = frozenset(),
          file_name: str = "", markup: bool = True) -> Cleaned:
    """All the steps, in order."""
    result = Cleaned(text)
    if markup:
        result.text, result.removed["markup"] = strip_markup(result.text)
    result.text, result.removed["boilerplate"] = strip_boilerplate(result.text, rules, repeated, file_name)
    result.text, result.removed["pinyin"] = strip_pinyin_annotations(result.text)
    result.text, result.removed["repetition"] = strip_repetition(result.text, title)
    result.text, result.removed["forms"] = normalise_forms(result.text)
    return result
