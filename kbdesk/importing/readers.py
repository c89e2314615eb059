"""One reader per format, each through a library made for it: text in any
Chinese encoding (:mod:`kbdesk.importing.decoding`), web pages (trafilatura:
the main content, not the navigation, as Markdown with headings, lists and
tables), Word files (python-docx; headings, lists, tables, bold, and images kept),
PDF files with a text layer (pdfminer.six),
FAQ sheets (openpyxl, csv: one entry per row, columns found by their header).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kbdesk.importing.decoding import UndecidableEncoding, declared_charset, decode
from kbdesk.messages import CodedError

MAX_SOURCE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SHEET_SUFFIXES = (".xlsx", ".csv")
WORD_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + SHEET_SUFFIXES + WORD_SUFFIXES + PDF_SUFFIXES
COLUMNS = {
    "question": ("问题", "问", "q", "question", "标准问题", "常见问题", "客户问题", "提问"),
    "answer": ("答案", "回答", "答", "a", "answer", "解答", "回复", "标准答案", "话术"),
    "category": ("分类", "类别", "category", "类型", "业务分类"),
    "tags": ("标签", "关键词", "关键字", "tags", "tag"),
}


class SourceError(CodedError, ValueError):
    """A file that cannot be imported: a code of :mod:`kbdesk.messages`
    (one line, in any language)."""


@dataclass
class FaqRow:
    question: str
    answer: str
    category: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class Source:
    """What a reader made of a file."""

    path: Path
    data_sha256: str
    encoding: str | None = None
    text: str = ""  # plain text, or Markdown where ``markdown``
    markdown: bool = False
    title: str = ""  # the document's own title, where it says one
    images: dict[str, bytes] = field(default_factory=dict)  # name: bytes, linked from the text as images/<name>
    rows: list[FaqRow] = field(default_factory=list)  # a sheet: one FAQ entry each
    name_as_source: str = ""  # the file's name in the import (its path in the folder imported)

    @property
    def name(self) -> str:
        return self.path.name


def read(path: Path) -> Source:
    """The file read by its format's reader; SourceError if it cannot be."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        if suffix == ".doc":
            raise SourceError("import-old-doc")
        raise SourceError("import-unknown-kind", suffix=suffix or "-", kinds=", ".join(SUFFIXES))
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError("import-too-large", mb=size // (1024 * 1024), limit=MAX_SOURCE_BYTES // (1024 * 1024))
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError("file-unreadable", reason=exc.strerror or exc) from None
    if not data.strip():
        raise SourceError("file-empty")
    source = Source(path, hashlib.sha256(data).hexdigest())
    try:
        if suffix in WORD_SUFFIXES:
            _read_word(source, data)
        elif suffix in PDF_SUFFIXES:
            _read_pdf(source, data)
        elif suffix == ".xlsx":
            _read_workbook(source, data)
        elif suffix == ".csv":
            _read_csv(source, data)
        elif suffix in HTML_SUFFIXES:
            _read_html(source, data)
        else:
            source.text, source.encoding = decode(data)
            source.markdown = suffix in MARKDOWN_SUFFIXES
    except UndecidableEncoding as exc:
        raise SourceError(exc.code or str(exc)) from None
    if not source.rows and not source.text.strip():
        raise SourceError("import-no-text")
    return source


def _read_html(source: Source, data: bytes) -> None:
    import trafilatura

    text, source.encoding = decode(data, declared_charset(data))
    markdown = trafilatura.extract(text, output_format="markdown", include_tables=True, include_formatting=True,
                                   include_links=False, include_images=False)
    if not markdown or (not re.search(r"^#", markdown, re.M) and re.search(r"<h[1-6][\s>]", text, re.I)):
        # Too short for the extractor, or flattened by its fallback: the page
        # without its navigation, as Markdown.
        markdown = _page_markdown(text)
    source.text, source.markdown = markdown, True
    m = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
    if m:
        source.title = re.sub(r"\s+", " ", m.group(1)).strip()


def _page_markdown(page: str) -> str:
    """A short page's body as Markdown, without what surrounds the text
    (navigation, header, footer, side bars, scripts, forms)."""
    from lxml import html as lxml_html
    from markdownify import markdownify

    try:
        tree = lxml_html.fromstring(page)
    except Exception:  # noqa: BLE001 - lxml refuses some fragments: take the text as it is
        return page
    for element in tree.xpath("//nav|//header|//footer|//aside|//script|//style|//form|//noscript|//iframe"):
        element.drop_tree()
    body = tree.find("body")
    return markdownify(lxml_html.tostring(body if body is not None else tree, encoding="unicode"),
                       heading_style="ATX", bullets="-", strip=["a", "img"], table_infer_header=True)


def _read_word(source: Source, data: bytes) -> None:
    """A Word file as Markdown: headings (by their style), lists, tables, bold,
    and its pictures kept. python-docx reads the file (lxml); mammoth, which
    makes HTML of it, took 300 ms a document, python-docx 8 ms."""
    import docx
    from docx.oxml.ns import qn

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceError("import-docx-damaged")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise SourceError("import-docx-unreadable", kind=type(exc).__name__) from None
    images: dict[str, bytes] = {}
    blocks: list[str] = []

    def run_text(run) -> str:
        text = run.text
        for blip in run._element.iter(qn("a:blip")):
            part = document.part.related_parts.get(blip.get(qn("r:embed")))
            if part is not None:
                name = f"image{len(images) + 1}{Path(part.partname).suffix or '.png'}"
                images[name] = part.blob
                text += f"![](images/{name})"
        if run.bold and text.strip() and "![" not in text:
            return f"**{text.strip()}**"
        return text

    def paragraph_text(paragraph) -> str:
        return "".join(run_text(run) for run in paragraph.runs).strip()

    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            text = paragraph_text(paragraph)
            if not text:
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            level = re.search(r"(?:heading|标题)\s*(\d)", style, re.I)
            if style.lower() == "title":
                blocks.append(f"# {text}")
            elif level:
                blocks.append((int(level.group(1)), text.strip("*")))  # levels settled below
            elif child.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None or style.lower().startswith("list"):
                ordered = "number" in style.lower()
                blocks.append(("1. " if ordered else "- ") + text)
            else:
                blocks.append(text)
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            rows = [["".join(paragraph_text(p) for p in cell.paragraphs).replace("|", "／") for cell in row.cells]
                    for row in table.rows]
            if rows:
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                blocks.append("\n".join(lines))
    # A first heading alone at its level is the title (#); the levels below it
    # are the sections (## and on).
    levels = [b[0] for b in blocks if isinstance(b, tuple)]
    top = min(levels, default=1)
    title_first = bool(blocks) and isinstance(blocks[0], tuple) and levels.count(blocks[0][0]) == 1
    shift = 1 - blocks[0][0] if title_first else 2 - top
    blocks = [("#" * max(1, min(6, b[0] + shift)) + " " + b[1]) if isinstance(b, tuple) else b for b in blocks]
    # List items stay together; other blocks are paragraphs of their own.
    out: list[str] = []
    for block in blocks:
        is_item = block.startswith(("- ", "1. "))
        if out:
            out.append("\n" if is_item and out[-1].startswith(("- ", "1. ")) else "\n\n")
        out.append(block)
    source.text = "".join(out)
    source.markdown = True
    source.images = images
    source.encoding = "docx"


def _read_pdf(source: Source, data: bytes) -> None:
    """The text layer of a PDF (pdfminer.six, which reads Chinese fonts through
    their character maps): a text box is a paragraph, its lines joined."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        text = extract_text(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceError("import-pdf-password") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for a damaged file
        raise SourceError("import-pdf-unreadable", kind=type(exc).__name__) from None
    boxes = [re.sub(r"(?<=[\u3400-\u9fff，。、；：])\n(?=[\u3400-\u9fff])", "", box).replace("\n", " ").strip()
             for box in text.replace("\x0c", "\n\n").split("\n\n")]
    source.text = "\n".join(box for box in boxes if box)
    if not source.text.strip():
        raise SourceError("import-pdf-scanned")
    source.encoding = "pdf"


def _header_columns(header: list[str]) -> dict[str, int]:
    found = {}
    for n, cell in enumerate(header):
        name = re.sub(r"[\s:：]", "", str(cell or "")).lower()
        for key, names in COLUMNS.items():
            if key not in found and name in names:
                found[key] = n
    return found


def _rows(source: Source, table: list[list], sheet: str) -> None:
    header_at, columns = None, {}
    for n, row in enumerate(table[:10]):
        columns = _header_columns([str(c) if c is not None else "" for c in row])
        if "question" in columns and "answer" in columns:
            header_at = n
            break
    if header_at is None:
        raise SourceError("import-sheet-no-header", sheet=repr(sheet))
    for row in table[header_at + 1:]:
        cells = [str(c).strip() if c is not None else "" for c in row]

        def cell(key: str) -> str:
            n = columns.get(key)
            return cells[n] if n is not None and n < len(cells) else ""

        if cell("question") and cell("answer"):
            tags = [t for t in re.split(r"[,，、;；\s]+", cell("tags")) if t]
            source.rows.append(FaqRow(cell("question"), cell("answer"), cell("category") or sheet, tags))


def _read_workbook(source: Source, data: bytes) -> None:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceError("import-xlsx-damaged")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise SourceError("import-xlsx-unreadable", kind=type(exc).__name__) from None
    problems = []
    for sheet in book.worksheets:
        try:
            table = [list(row) for row in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # noqa: BLE001 - a damaged sheet (read lazily) is that sheet's problem
            problems.append(SourceError("import-sheet-unreadable", sheet=repr(sheet.title), kind=type(exc).__name__))
            continue
        if not any(any(c is not None for c in row) for row in table):
            continue
        try:
            _rows(source, table, sheet.title)
        except SourceError as exc:
            problems.append(exc)
    book.close()
    if not source.rows:
        raise problems[0] if problems else SourceError("import-no-rows")
    source.encoding = "xlsx"


def _read_csv(source: Source, data: bytes) -> None:
    text, source.encoding = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        table = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise SourceError("import-csv-unreadable", reason=exc) from None
    _rows(source, table, source.path.stem)
