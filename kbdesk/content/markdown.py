"""The one Markdown parser of kbdesk: markdown-it-py (CommonMark, with
tables and strikethrough, a line break where the text has one), giving
HTML for the preview and plain text for copying and indexing.

markdown-it parses in time linear in the text's size; Python-Markdown took
38 s for an article of 20,000 ``[`` and our own regular expressions for plain
text grew with the square of a line's length. CommonMark also takes a nested
list indented by three spaces as a list.

Blanks (``{{名称|默认}}``) pass through whole: the pipe in them is not a
table cell's edge. Emphasis may end on Chinese punctuation (``**注意：**请``),
which CommonMark alone does not allow.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_inline import state_inline

_PLACEHOLDER_RE = re.compile(r"\{\{[^{}\n]*\}\}")
_PIPE_STAND_IN = "\ue000"  # private use: never in an article's text
_TASK_RE = re.compile(r"^\[[ xX]\][ \t]+")


# Emphasis is a pair of markers with no space inside them, whatever stands
# outside: "**注意：**请核实", "**{{客户称呼}}**好". CommonMark also asks what
# punctuation stands beside a marker, which in Chinese text (、。：（）and
# blanks) left such pairs unbold; Python-Markdown, before, did not ask.
# markdown-it asks these two functions only when it scans a run of markers.
def _never(_char) -> bool:
    return False


state_inline.isPunctChar = _never
state_inline.isMdAsciiPunct = _never


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "breaks": True}).enable(["table", "strikethrough"])
    # Every link becomes a link, whatever its scheme: the cleaner after this
    # drops what may not be followed and keeps the words, instead of showing
    # "[text](javascript:…)" as text.
    md.validateLink = lambda url: True
    # A line of HTML does not turn the lines after it into raw HTML (a
    # CommonMark "HTML block"): Markdown goes on being Markdown around tags.
    md.disable("html_block")
    # Headings are written with # (as the outline and the copy of a section
    # read them): a line of ---- under pasted text is a rule, not the mark of
    # a heading ("以上内容是否对您有帮助？" drawn as a title).
    md.disable("lheading")
    return md


def _protect(body: str) -> str:
    body = body.replace("\r\n", "\n")
    if "{{" not in body or "|" not in body:
        return body
    return _PLACEHOLDER_RE.sub(lambda m: m.group().replace("|", _PIPE_STAND_IN), body)


def _restore(text: str) -> str:
    return text.replace(_PIPE_STAND_IN, "|")


def to_html(body: str) -> str:
    """The body as HTML, not yet cleaned (``kbdesk.content.render`` cleans it)."""
    return _restore(_parser().render(_protect(body))).rstrip("\n")


def _inline_text(token) -> str:
    out = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "image":
            out.append(_inline_text(child))  # its alt text
    return "".join(out)


@dataclass
class Block:
    """One block of an article's plain text: a paragraph, a list item, a
    table, a code block, or a heading (*level* 1–6)."""

    text: str
    in_list: bool = False
    level: int = 0  # a heading's level; 0 for any other block
    line: int = 0  # where the block starts in the body (0-based)


def to_blocks(body: str) -> list[Block]:
    """The blocks of the body's plain text, in order (what :func:`to_text`
    joins; passages are cut from them without a second parse)."""
    blocks: list[Block] = []
    lists: list[list] = []  # per open list: [ordered, next number]
    prefix = ""  # for the first line of the current list item
    row: list[str] | None = None
    table: list[str] = []
    level = 0
    table_line = 0
    for token in _parser().parse(_protect(body)):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            lists.append([kind == "ordered_list_open", int(start) if start else 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            prefix = "  " * (len(lists) - 1) + (f"{number}. " if ordered else "• ")
            lists[-1][1] += 1
        elif kind == "heading_open":
            level = int(token.tag[1])
        elif kind == "heading_close":
            level = 0
        elif kind == "inline" and row is not None:
            row.append(_inline_text(token).strip())
        elif kind == "inline":
            lines = _inline_text(token).split("\n")
            indent = "  " * len(lists)
            first = prefix or indent
            if prefix and _TASK_RE.match(lines[0]):  # a checklist item: its words only
                lines[0] = _TASK_RE.sub("", lines[0])
                first = prefix[: -len(prefix.lstrip())] if prefix.strip() else prefix
            text = "\n".join([first + lines[0]] + [indent + line for line in lines[1:]])
            blocks.append(Block(_restore(text), bool(lists), level, token.map[0] if token.map else 0))
            prefix = ""
        elif kind in ("fence", "code_block"):
            blocks.append(Block(_restore(token.content.rstrip("\n")), bool(lists), 0,
                                token.map[0] if token.map else 0))
        elif kind == "table_open":
            table_line = token.map[0] if token.map else 0
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            table.append("  ".join(cell for cell in row if cell))
            row = None
        elif kind == "table_close":
            blocks.append(Block(_restore("\n".join(table)), bool(lists), 0, table_line))
            table = []
    return blocks


@dataclass
class TopBlock:
    """A top-level block of the Markdown source: its kind (``heading``,
    ``paragraph``, ``list``, ``blockquote``, ``table``, ``code``, ``rule``),
    its lines ``[start, end)``, a heading's level and text, a list's items."""

    kind: str
    start: int
    end: int
    level: int = 0
    text: str = ""
    items: tuple[tuple[int, int], ...] = ()


_TOP_KINDS = {"heading_open": "heading", "paragraph_open": "paragraph", "bullet_list_open": "list",
              "ordered_list_open": "list", "blockquote_open": "blockquote", "table_open": "table",
              "fence": "code", "code_block": "code", "hr": "rule"}


def top_blocks(body: str) -> list[TopBlock]:
    """The top-level blocks of *body* with the source lines they span."""
    tokens = _parser().parse(_protect(body))
    out: list[TopBlock] = []
    for n, token in enumerate(tokens):
        if token.level == 0 and token.type in _TOP_KINDS and token.map:
            block = TopBlock(_TOP_KINDS[token.type], token.map[0], token.map[1])
            if block.kind == "heading":
                block.level = int(token.tag[1])
                block.text = _restore(_inline_text(tokens[n + 1]))
            out.append(block)
        elif token.type == "list_item_open" and token.level == 1 and token.map and out and out[-1].kind == "list":
            out[-1].items += ((token.map[0], token.map[1]),)
    return out


def join_blocks(blocks: list[Block]) -> str:
    """Blocks as plain text: a blank line between blocks, none between the
    items of one list."""
    out: list[str] = []
    for n, block in enumerate(blocks):
        if n:
            out.append("\n" if block.in_list and blocks[n - 1].in_list else "\n\n")
        out.append(block.text)
    return "".join(out).strip()


def to_text(body: str) -> str:
    """Readable plain text of the body: what an agent pastes into a chat box
    and what the index reads. Syntax goes, words and blanks stay; list items
    start with "• " (or their number), table cells are two spaces apart."""
    return join_blocks(to_blocks(body))
