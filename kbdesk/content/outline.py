"""The outline of an article: its sections, and the passages that search
indexes and shows.

Headings are Markdown headings, or, in a plain text without any (an old
document pasted into an article, a web page's text), the lines that read as
headings: numbered ones (一、 第三章 篇1 （二） 【标题】), a question of a
question-and-answer list, a short line without final punctuation before a
longer one. The importer turns those lines into Markdown headings with the
same rules (:func:`classify_line`), so an article reads the same whether it
was imported or pasted.

A passage is one section, or a block of about :data:`PASSAGE_CHARS` of a
longer one cut at a paragraph's end; it knows its heading path and where it
starts in the body, so that a result can say ``客服部服务标准 › 电话礼仪`` and
the preview can open there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbdesk.content.markdown import Block, join_blocks, to_blocks
from kbdesk.textforms import CJK_RE

_NUM = "一二三四五六七八九十百零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰"  # (壹、贰、 of formal and Taiwan documents)
H2_RES = [
    re.compile(rf"^[{_NUM}]+\s*[、.．]\s*(?P<text>.+)$"),
    re.compile(rf"^(?P<text>第[{_NUM}\d]+\s*[章部篇节節](?:\s*.*)?)$"),
    re.compile(r"^篇\s*\d+\s*[:：、.．]?\s*(?P<text>.*)$"),
    re.compile(rf"^(?P<text>附[件录錄]\s*[{_NUM}\d]+\s*[:：、.．]?\s*[^。！？；]{{0,30}})$"),
    re.compile(rf"^【\s*[{_NUM}\d]+\s*】\s*(?P<text>.+)$"),  # 【三】优享VIP价格与开通
]
H3_RES = [
    re.compile(rf"^[（(]\s*[{_NUM}]+\s*[)）]\s*(?P<text>.+)$"),
    re.compile(r"^【(?P<text>[^】]{1,30})】$"),
]
BULLET_RE = re.compile(r"^[◆◇■□●○▪•★☆►▶※·\-*]\s*(?P<text>.+)$")
CLAUSE_RE = re.compile(rf"^(?P<text>第[{_NUM}\d]+\s*[条條]\s*.+)$")
CLAUSE_TITLE_RE = re.compile(rf"^第[{_NUM}\d]+\s*[条條]\s+(?P<title>[^\s。！？；，：:,.;!?]{{1,20}})$")
# 5. 退款到账时间, 5、…, and 5   退款到账时间 (Word's outline numbering pasted as text)
NUMBERED_RE = re.compile(r"^(?P<n>\d{1,3})(?:\s*[、．]|\.(?!\d)|\s{2,}|\t|\u3000)\s*(?P<text>.+)$")
SUB_NUMBERED_RE = re.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[)）]\s*(?P<text>.+)$")
QUESTION_RE = re.compile(r"^(?:问|問|Q|q|提问|提問)\s*\d*\s*[:：]\s*(?P<text>.+)$")
ANSWER_RE = re.compile(r"^(?:答|A|a|回答|解答)\s*\d*\s*[:：]\s*(?P<text>.*)$")
FINAL_PUNCT = "。！？；：，、.!?;:,…）)」』”"
MAX_HEADING_CHARS = 20
# a label and its value (季卡：40元/季, 热线：9:00-21:00, 逾期第3期：新台币500元):
# a line of a list, not a heading
_FIELD_VALUE_RE = re.compile(r"[:：]\s*[^\s:：，。]{0,4}[\d¥￥$]")
# cells of a pasted table row (项目<tab>金额), or a path (我的 > 订单 > 开发票)
_NOT_A_TITLE_RE = re.compile(r"\s{2,}|\t|\s[>＞›»]\s")

# A passage is about this long (characters of plain text): long enough to
# hold an answer, short enough that the answer is most of it.
PASSAGE_CHARS = 450
MAX_PASSAGE_CHARS = 700


@dataclass(frozen=True)
class Line:
    """What a line of plain text is: a heading (*level* 2 or 3), a question
    (a heading too), an answer, a list item (*marker* kept or given), or a
    paragraph."""

    kind: str  # heading | question | answer | item | row | paragraph
    text: str
    level: int = 0
    marker: str = ""


def _length(text: str) -> int:
    """A line's length as a reader sees it: in a line with Chinese, an
    English word counts as one character (私人预约 Private Appointment is a
    short bilingual title; an English sentence is no title)."""
    return len(_LATIN_WORD_RE.sub("a", text)) if CJK_RE.search(text) else len(text)


_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")


def reads_as_heading(text: str) -> bool:
    """A numbered line that is a heading, not a point: short, no sentence end."""
    text = text.strip()
    if text.endswith(("：", ":")) and ("，" in text or "," in text or _length(text) > MAX_HEADING_CHARS):
        return False  # 二、未于截止日前缴足者，收取违约金： introduces the points below it (一、适用范围： is a title)
    return _length(text) <= MAX_HEADING_CHARS + 12 and not text.endswith(tuple("。！？；.!?;，,"))


def _short_title(text: str, numbered: bool = False) -> bool:
    # 5. 收费标准（超出免费安装范围的部分）: a numbered title may end in a bracket
    # (a bare line that does is a form's field: 投诉编号（系统生成）)
    if numbered and text.endswith(("）", ")")) and re.search(r"[^（(]{2,}[（(][^（()）]+[）)]$", text):
        text = text[:-1]
    return _length(text) <= MAX_HEADING_CHARS and not text.endswith(tuple(FINAL_PUNCT))


def _numbered_title(text: str, nxt: str) -> bool:
    """Whether a numbered line's *text* is a heading, given the line after it:
    a short title above a longer line that is no next point (and no table's
    row: 1   张三   组长)."""
    return bool(_short_title(text, numbered=True) and nxt and not NUMBERED_RE.match(nxt)
                and _length(nxt) > _length(text) and not re.search(r"\s{2,}", text))


def is_question(line: str) -> bool:
    return line.endswith(("？", "?")) and len(line) <= 60


def is_contents(heading: str) -> bool:
    """A table of contents' own heading: what follows its list is no part of it."""
    return re.sub(r"\s+", "", heading).lower() in ("目录", "目錄", "目次", "contents", "tableofcontents")


class HeadingLevels:
    """The Markdown level of each heading or question line of a plain text,
    in order (call :meth:`content` for each other line). A question, or a ◆
    title among questions, belongs to the section it is asked in: right
    under its heading (【到帐时间】 then Q：…), one level below it; after the
    section's own text, beside its sub-sections, one level below the text's
    top headings (附件4：常见问题 › 第三条 … › 问… is 附件4 › 问…). What follows
    its answer (案例一：…) is no part of it; a table of contents holds nothing
    after its list."""

    def __init__(self) -> None:
        self.section = 0  # level of the section the next lines are in (0: none, or a question's)
        self.top = 0  # the highest level of a heading that is no question, so far
        self.questions = 0  # level of the questions of the current section, once one is placed
        self.has_text = False  # the current section has lines of its own

    def of(self, kind: Line) -> int:
        if kind.kind == "question" or kind.marker:
            if not self.section:
                return 2
            if not self.questions:
                self.questions = min((self.top if self.has_text else self.section) + 1, 6)
            return self.questions
        self.top = min(self.top or kind.level, kind.level)
        self.section = 0 if is_contents(kind.text) else kind.level
        self.questions, self.has_text = 0, False
        return kind.level

    def content(self) -> None:
        self.has_text = True


def _entry_key(line: str) -> str:
    m = BULLET_RE.match(line)
    return re.sub(r"\s+", "", m.group("text") if m else line)


def listed_again(lines: list[str]) -> list[bool]:
    """For each line, whether the same short line comes again further down:
    then it is an entry of a table of contents, and only the last one is the
    heading (目录 ◆ 积分有效期多久？ … ◆ 积分有效期多久？ above its answer)."""
    later: set[str] = set()
    out = []
    for line in reversed(lines):
        key = _entry_key(line) if line and len(line) <= MAX_HEADING_CHARS + 12 else ""
        out.append(bool(key) and key in later)
        if key:
            later.add(key)
    return out[::-1]


@dataclass(frozen=True)
class TextTraits:
    """What the whole text tells about its lines: a list of questions and
    answers, numbered headings."""

    qa: bool
    numbered_headings: bool

    @classmethod
    def of(cls, lines: list[str]) -> TextTraits:
        questions = sum(1 for line in lines if QUESTION_RE.match(line))
        bare_questions = sum(1 for line in lines if is_question(line))
        return cls(questions >= 2 or bare_questions >= 3, any(r.match(line) for line in lines for r in H2_RES))


def classify_line(line: str, nxt: str, traits: TextTraits, after_heading: bool = True,
                  listed: bool = False) -> Line:
    """What *line* (stripped, not empty) is, given the next non-empty line
    (*listed*: the same line comes again below, see :func:`listed_again`)."""
    kind = _classify(line, nxt, traits, after_heading)
    if listed and kind.kind in ("heading", "question"):
        m = BULLET_RE.match(line)
        return Line("item", m.group("text") if m else line, marker="- ")  # an entry of a table of contents
    return kind


def _classify(line: str, nxt: str, traits: TextTraits, after_heading: bool) -> Line:
    if line.startswith("|"):
        return Line("row", line)  # a row of a Markdown table
    if (m := BULLET_RE.match(line)) and nxt[:1] == line[:1]:
        return Line("item", m.group("text"), marker="- ")  # one of a list of points with the same marker
    if m := QUESTION_RE.match(line):
        return Line("question", m.group("text"), 2)
    if (m := ANSWER_RE.match(line)) and after_heading:
        return Line("answer", m.group("text"))
    if traits.qa and is_question(line) and not is_question(nxt) and nxt:
        m = BULLET_RE.match(line)
        return Line("question", m.group("text") if m else line, 2)
    if any(m := r.match(line) for r in H2_RES + H3_RES) and not reads_as_heading(m.group("text")):
        return Line("item", line, marker="- ")  # a numbered point, not a heading: its marker stays
    if any(m := r.match(line) for r in H2_RES):
        return Line("heading", m.group("text").strip() or line, 2)
    if any(m := r.match(line) for r in H3_RES):
        return Line("heading", m.group("text").strip(), 3)
    if m := CLAUSE_RE.match(line):
        title = CLAUSE_TITLE_RE.match(m.group("text"))
        if title and nxt and (len(title.group("title")) <= 12 or NUMBERED_RE.match(nxt)):
            # 第十三条 工位: a clause's title, its points below; the clauses are
            # the top level unless chapters (第一章) hold them
            return Line("heading", title.group("title"), 3 if traits.numbered_headings else 2)
        return Line("item", m.group("text"), marker="- ")
    if m := NUMBERED_RE.match(line):
        text = m.group("text")
        if _numbered_title(text, nxt):
            # "5. 退款到账时间" before its paragraphs: a numbered heading, not a list
            return Line("heading", text, 3 if traits.numbered_headings else 2)
        return Line("item", text, marker=f"{m.group('n')}. ")
    if m := SUB_NUMBERED_RE.match(line):
        return Line("item", f"({m.group('n')}) {m.group('text')}", marker="- ")
    if m := BULLET_RE.match(line):
        text = m.group("text")
        if _short_title(text, numbered=True) and nxt:  # ◆ 外呼时段与频次 above its · points
            return Line("heading", text, 3, marker=line[0])  # (a peer of the questions: see question_level)
        return Line("item", text, marker="- ")
    if (_short_title(line) and nxt and _length(nxt) > _length(line) and not re.search(r"\d{4}", line)
            and not _NOT_A_TITLE_RE.search(line)
            and not _FIELD_VALUE_RE.search(line)):  # 季卡：40元/季 is a price, not a title
        return Line("heading", line, 3 if traits.numbered_headings else 2)
    return Line("paragraph", line)


# -- passages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    heading: tuple[str, ...]  # the heading path below the title; () before the first heading
    text: str  # plain text, its heading line not included
    line: int  # where it starts in the body (its heading's line), 0-based


@dataclass(frozen=True)
class Outline:
    text: str  # the plain text of the whole body
    passages: list[Passage]


def _restates(heading: str, title: str) -> bool:
    """A first heading that says the title again, whole or a part of it
    (退款多久到帳？ under the title 退款多久到帳？（港澳台客戶）): no heading of
    the passages below it, or every passage would count the title twice. (A
    heading that says more than the title, 员工手册 第一章, stays.)"""
    heading, title = heading.strip(), title.strip()
    return bool(heading) and (heading == title or (len(heading) >= 4 and heading in title))


# -- hard-wrapped text --------------------------------------------------------------

# A line is wrapped to a fixed width when at least this many lines, and this
# share of the lines of 20 characters or more, have that length.
_WRAPPED_LINES = 8
_WRAPPED_SHARE = 0.3
_STARTS_AN_ITEM_RE = re.compile(rf"^(?:[{_NUM}\d]+\s*[、.．]|第[{_NUM}\d]+\s*[章条條节節部篇]|[（(【]|[◆◇■□●○▪•★☆►▶※·])")
_WIDE_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def wrap_width(lines: list[str]) -> int:
    """The width a text was cut to, line by line, at a fixed number of
    characters (a PDF's or an e-mail's text), or 0. Such a text breaks
    words at line ends (保 | 障); a text typed line by line has no one
    length that most of its long lines share."""
    lengths: dict[int, int] = {}
    long = 0
    for line in lines:
        n = len(line.rstrip())
        if n >= 20 and CJK_RE.search(line):
            long += 1
            lengths[n] = lengths.get(n, 0) + 1
    if not lengths:
        return 0
    width, count = max(lengths.items(), key=lambda item: (item[1], item[0]))
    return width if count >= max(_WRAPPED_LINES, _WRAPPED_SHARE * long) else 0


def unwrap(text: str, width: int) -> str:
    """*text* with the line breaks a fixed *width* made between two Chinese
    characters taken out (as CSS does with a break between two wide
    characters): a full line runs on into the next unless the next starts
    an item or a heading, or the line is a table's row."""
    if not width or "\n" not in text:
        return text
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        last = out[-1].rstrip()
        if (len(last) >= width * 0.85 and line and _WIDE_RE.match(line) and _WIDE_RE.match(last[-1])
                and last[-1] not in "。！？；：" and not _STARTS_AN_ITEM_RE.match(line)
                and not _NOT_A_TITLE_RE.search(last.strip())):
            out[-1] = last + line
        else:
            out.append(line)
    return "\n".join(out)


def outline(title: str, body: str) -> Outline:
    """The body's plain text and its passages, from one parse."""
    blocks = to_blocks(body)
    if width := wrap_width(body.split("\n")):
        blocks = [b if b.level else Block(unwrap(b.text, width), b.in_list, 0, b.line) for b in blocks]
    if blocks and blocks[0].level == 1 and _restates(blocks[0].text, title):
        blocks = blocks[1:]  # the title again (or its first part): it would open every snippet
    text = join_blocks(blocks)
    if not _written_headings(blocks, body):
        blocks = _plain_headings([Block(b.text, b.in_list, 0, b.line) if b.level else b for b in blocks])
    sections: list[tuple[tuple[str, ...], int, list[Block]]] = []
    path: list[tuple[int, str]] = []
    current: list[Block] = []
    start = 0

    def close() -> None:
        if current:
            sections.append((tuple(h for _, h in path), start, list(current)))
            current.clear()

    for block in blocks:
        if block.level:
            close()
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, block.text.strip()))
            start = block.line
        else:
            current.append(block)
    close()
    passages: list[Passage] = []
    for heading, line, section in sections:
        passages.extend(Passage(heading, piece, line) for piece in _cut(section))
    if not passages:
        passages.append(Passage((), "", 0))
    return Outline(text, passages)


def _written_headings(blocks: list[Block], body: str) -> bool:
    """Whether the body has headings written as Markdown ones (``## 电话礼仪``).
    A line of ===== or ----- under a line of pasted text makes Markdown read
    that line as a heading too (a page banner between two rules): that alone
    is no outline, and the lines that read as headings are looked for instead."""
    lines = body.split("\n")
    return any(b.level and b.line < len(lines) and lines[b.line].lstrip().startswith("#") for b in blocks)


_RULE_RE = re.compile(r"^[-=_—~*·＝－\s]{3,}$")
# a printed page's number (第3页 共9页, - 3 -), left in a pasted text: no heading
_PAGE_NUMBER_RE = re.compile(r"^(第\s*\d+\s*[页頁]\s*[,，/]?\s*(共\s*\d+\s*[页頁])?|共\s*\d+\s*[页頁]\s*[,，]?\s*第\s*\d+\s*[页頁]"
                             r"|[-—]\s*\d+\s*[-—]|[Pp]age\s*\d+(\s*(of|/)\s*\d+)?)$")


def _rows(block: Block) -> list[str]:
    """The lines of *block* that may read as headings ('' for a rule line): a
    paragraph's, or a one-line list item's (1. 七天无理由退货 is a numbered
    heading to a plain text, a list item to Markdown)."""
    if block.in_list:
        text = block.text.strip()
        return [] if "\n" in text else [text]
    return ["" if _RULE_RE.match(ln.strip()) or _PAGE_NUMBER_RE.match(ln.strip()) else ln.strip()
            for ln in block.text.split("\n")]


def _unlisted_headings(block: Block, after_a_point: bool = False) -> list[Block]:
    """A list item split where one of its later lines is a numbered heading:
    a plain text's ``（二）价格保护`` right under the point ``3. …`` is, to
    Markdown, more of that point (a lazy continuation line). *after_a_point*:
    the item follows another on the line before (the last of a list of steps,
    its paragraph below it, is no title)."""
    lines = block.text.split("\n")
    for i, line in enumerate(lines[1:], 1):
        line = line.strip()
        if any(m := r.match(line) for r in H2_RES + H3_RES) and reads_as_heading(m.group("text")):
            rest = "\n".join(lines[i:])
            return [*_unlisted_headings(Block("\n".join(lines[:i]), True, 0, block.line), after_a_point),
                    Block(rest, False, 0, block.line + i)]
    # "9. 晋升通道" with its text on the next line: to Markdown, a point of two lines
    m = NUMBERED_RE.match(lines[0].strip())
    if m and len(lines) > 1 and not after_a_point and _numbered_title(m.group("text"), lines[1].strip()):
        return [Block(lines[0], True, 0, block.line), Block("\n".join(lines[1:]), False, 0, block.line + 1)]
    return [block]


def _follows(previous: Block, item: Block) -> bool:
    """Whether list *item* comes on the line right after list item *previous*."""
    return previous.in_list and previous.line + previous.text.count("\n") + 1 == item.line


def _plain_headings(blocks: list[Block]) -> list[Block]:
    """Paragraphs split at the lines that read as headings, those lines as
    heading blocks: the outline of a text without Markdown headings."""
    blocks = [part for n, b in enumerate(blocks) for part in (
        _unlisted_headings(b, n > 0 and _follows(blocks[n - 1], b)) if b.in_list and "\n" in b.text else [b])]
    lines = [row for b in blocks for row in _rows(b) if row]
    traits = TextTraits.of(lines)
    listed = iter(listed_again(lines))
    levels = HeadingLevels()
    out: list[Block] = []
    for n, block in enumerate(blocks):
        rows = _rows(block)
        if block.in_list and not rows:
            levels.content()
            out.append(block)
            continue
        pending: list[str] = []
        for i, row in enumerate(rows):
            if not row:
                continue
            nxt = next((r for r in rows[i + 1:] if r), "")
            if not nxt and n + 1 < len(blocks):  # the next block's first line
                nxt = next((r for r in _rows(blocks[n + 1]) if r), "")
            kind = classify_line(row, nxt, traits, listed=next(listed))
            if kind.kind in ("heading", "question"):
                if pending:
                    out.append(Block("\n".join(pending), False, 0, block.line))
                    pending = []
                out.append(Block(kind.text, False, levels.of(kind), block.line + i))
                continue
            if kind.kind != "answer":
                levels.content()
            if block.in_list:
                out.append(block)  # a list item stays one
            else:
                pending.append(kind.text if kind.kind == "answer" else row)
        if pending:
            out.append(Block("\n".join(pending), False, 0, block.line))
    return out


def _cut(section: list[Block]) -> list[str]:
    """A section's text as pieces of about PASSAGE_CHARS, cut at the end of a
    block or, inside a very long block, of a line or sentence."""
    pieces: list[str] = []
    current: list[Block] = []
    size = 0
    for block in section:
        for part in _split_long(block):
            if current and size + len(part.text) > MAX_PASSAGE_CHARS and size >= PASSAGE_CHARS // 2:
                pieces.append(join_blocks(current))
                current, size = [], 0
            current.append(part)
            size += len(part.text)
            if size >= PASSAGE_CHARS:
                pieces.append(join_blocks(current))
                current, size = [], 0
    if current:
        text = join_blocks(current)
        if pieces and len(text) < PASSAGE_CHARS // 4:
            pieces[-1] = f"{pieces[-1]}\n\n{text}"  # a short tail goes with what came before
        else:
            pieces.append(text)
    return [p for p in pieces if p.strip()] or [""]


_SENTENCE_END_RE = re.compile(r"(?<=[。！？!?；;\n])")


def _split_long(block: Block) -> list[Block]:
    if len(block.text) <= MAX_PASSAGE_CHARS:
        return [block]
    parts, current = [], ""
    for sentence in _SENTENCE_END_RE.split(block.text):
        if current and len(current) + len(sentence) > PASSAGE_CHARS:
            parts.append(Block(current.strip("\n"), block.in_list, 0, block.line))
            current = ""
        current += sentence
    if current.strip():
        parts.append(Block(current.strip("\n"), block.in_list, 0, block.line))
    return parts
