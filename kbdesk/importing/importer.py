"""From files and folders to articles: plan what each source becomes (its
cleaning, structure, kind, tags and place), then write every article of the
run as one commit of the lead's, through the workflow.

A source imported before (same ``source`` file name) is the same article: the
same bytes again change nothing; new bytes are a new version, unless a lead
edited the article since, in which case the new import becomes a draft beside
it, never over the lead's wording.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from kbdesk import textforms
from kbdesk.authoring.workflow import Change, Workflow
from kbdesk.content.article import Article
from kbdesk.content.store import ContentStore, slugify
from kbdesk.content.versions import coded_message
from kbdesk.importing.cleaning import STEPS, Rules, clean, repeated_lines
from kbdesk.importing.readers import SUFFIXES, FaqRow, Source, SourceError, read
from kbdesk.importing.structure import to_markdown

KIND_FOLDERS = {"standard": "standards", "faq": "faq", "script": "scripts", "article": "articles"}
SCRIPT_FORMULAS = re.compile(r"您好|请问还有什么(可以)?帮|感谢您的(来电|耐心|支持|理解)|祝您.{0,4}愉快|很高兴为您服务|"
                             r"非常抱歉|给您带来不便|请您稍等|\{\{[^{}]+\}\}|_{3,}|【[^】]{1,8}】")
RULE_WORDS = re.compile(r"规范|規範|标准|標準|制度|职责|職責|要求|规定|規定|流程|守则|守則|准则|準則|指南|手册|手冊|须知|須知"
                        r"|礼仪|禮儀|第[一二三四五六七八九十\d]+[条條]")
MAX_TAGS = 5
# Words of every document, never what characterises one.
GENERIC_WORDS = frozenset("重新 进行 需要 如果 没有 已经 以及 或者 通过 根据 相关 时候 可能 一下 这个 那个 我们 您的 问题 情况 时间 工作".split())


@dataclass
class Planned:
    """What one source (or one row of a sheet) becomes."""

    source: str
    path: str = ""
    title: str = ""
    kind: str = ""
    category: str = ""
    tags: list[str] = field(default_factory=list)
    status: str = "draft"
    encoding: str | None = None
    sections: int = 0
    removed: dict[str, int] = field(default_factory=lambda: {step: 0 for step in STEPS})
    removed_lines: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None  # in English; *problem* says it in any language
    problem: SourceError | None = None
    action: str = ""  # new, update, unchanged, beside (a draft beside the lead's edited article)
    original: str = ""
    body: str = ""
    sha256: str = ""
    images: dict[str, bytes] = field(default_factory=dict)  # path in the content folder: bytes
    pictures: dict[str, bytes] = field(default_factory=dict)  # the source's pictures: name: bytes

    def place_pictures(self) -> None:
        """The pictures in a folder beside the article's path, and the body's
        links to them (again after the path changed: a draft beside another
        article never writes over that article's pictures)."""
        if not self.pictures or not self.path:
            return
        where = PurePosixPath(self.path)
        folder = f"{where.stem}-images"
        self.body = re.sub(r"\]\((?:[^)\s]*-images|images)/", f"]({folder}/", self.body)
        self.images = {f"{where.parent}/{folder}/{name}": data for name, data in self.pictures.items()}

    def set_kind(self, kind: str) -> None:
        """Another kind (chosen in the import dialog): a new article moves to
        that kind's folder."""
        if kind == self.kind:
            return
        if self.action == "new" and self.path:
            self.path = f"{KIND_FOLDERS.get(kind, 'articles')}/{PurePosixPath(self.path).name}"
            self.place_pictures()
        self.kind = kind

    def to_json(self) -> dict:
        return {"source": self.source, "path": self.path or None, "title": self.title, "kind": self.kind,
                "category": self.category, "tags": self.tags, "status": self.status, "encoding": self.encoding,
                "sections": self.sections, "removed": self.removed, "action": self.action, "error": self.error,
                "error_code": self.problem.code if self.problem is not None else None}

    def text(self, today: dt.date) -> str:
        front = {"title": self.title, "kind": self.kind, "category": self.category, "tags": self.tags,
                 "status": self.status, "source": self.source, "source_sha256": self.sha256,
                 "imported": today.isoformat()}
        front = {k: v for k, v in front.items() if v not in ("", [], None)}
        return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + self.body + "\n"


def sources_in(paths: list[Path]) -> list[tuple[Path, str]]:
    """(file, its name as a source) of the files given, and of the importable
    files in folders given (recursively): a file in a folder is named by its
    path in that folder, so that two 说明.txt in two folders stay two sources."""
    found = []
    for path in paths:
        if path.is_dir():
            found.extend((p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in SUFFIXES
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.append((path, path.name))
    return found


def guess_kind(text: str, qa_pairs: int, sections: int = 0) -> str:
    """faq for question-and-answer documents, standard for rules and duties
    (and guides in sections), script for wording with greetings and blanks."""
    if qa_pairs >= 2 and qa_pairs * 2 >= sections:  # questions and answers make up the document
        return "faq"
    if RULE_WORDS.search(text) or sections >= 3:
        return "standard"
    if len(SCRIPT_FORMULAS.findall(text)) >= 2 and len(text) < 6000:
        return "script"
    return "standard" if sections >= 2 else "article"


class TermStatistics:
    """How many articles of the knowledge base use a word (the leads' index),
    to rank a document's own words against the rest as its tags."""

    def __init__(self, store: ContentStore):
        self.reader = None
        self.documents = 1
        try:
            from kbdesk.search.index import SearchIndex

            index = SearchIndex(store)
            index.update(lock_timeout=5.0)
            ix = index.open()
            if ix is not None:
                self.reader = ix.reader()
                self.documents = max(1, ix.doc_count())
        except Exception:  # noqa: BLE001 - without statistics, tags come from the words' frequency alone
            self.reader = None

    def frequency(self, word: str) -> int:
        if self.reader is None:
            return 0
        try:
            return self.reader.doc_frequency("words", word)
        except Exception:  # noqa: BLE001
            return 0

    def tags(self, text: str, given: list[str]) -> list[str]:
        from kbdesk.search.analysis import segmenter
        from kbdesk.search.query import QUERY_STOP_WORDS

        seg = segmenter()
        counts = Counter(w for w in seg.words(textforms.normalize(text))
                         if len(w) >= 2 and textforms.is_cjk(w) and w not in QUERY_STOP_WORDS
                         and w not in GENERIC_WORDS)
        scored = sorted(((tf * math.log((self.documents + 1) / (1 + self.frequency(w))), w)
                         for w, tf in counts.items() if tf >= 2), reverse=True)
        tags = list(dict.fromkeys(given))
        for _, word in scored:
            if len(tags) >= MAX_TAGS:
                break
            if word not in tags and not any(word in t or t in word for t in tags):
                tags.append(word)
        return tags

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()


def _title_of(source: Source, markdown: str) -> tuple[str, str]:
    """(title, body without the lines that only repeat the title).

    The document's own title where it says one (a page's <title>); else a
    short line of the first ones that comes twice (documents repeat their
    title in the first lines), else the first short line, else the file name."""
    lines = markdown.split("\n")
    firsts = [(n, lines[n].lstrip("# ").strip()) for n in range(len(lines)) if lines[n].strip()][:10]
    short = [(n, text) for n, text in firsts if len(text) <= 40 and not text.endswith(("。", "；", "：", ":"))]
    keys = [textforms.normalize(text) for _, text in short]
    if source.title:
        title = re.split(r"\s*[-_|–—]\s*", source.title)[0].strip() or source.title
    elif twice := [text for (_, text), key in zip(short, keys) if keys.count(key) > 1]:
        title = twice[0]
    elif short:
        title = short[0][1]
    else:
        title = source.path.stem
    title_key = textforms.normalize(title)
    drop = {n for n, text in firsts if textforms.normalize(text) == title_key}
    return title, "\n".join(line for n, line in enumerate(lines) if n not in drop).strip()


class ImportCancelled(Exception):
    """The lead stopped planning an import; nothing was written."""


def plan(paths: list[Path], store: ContentStore, *, kind: str | None = None, category: str | None = None,
         tags: tuple[str, ...] = (), status: str = "draft", split: bool = False, progress=None) -> list[Planned]:
    """What each source would become; nothing is written. *progress(done,
    total)* is called as files are read; returning False stops (ImportCancelled)."""
    rules = Rules.load(store.settings_dir)
    readable: list[tuple[Path, Source | None, str | None]] = []
    files = sources_in(paths)
    names: dict[Path, str] = {}
    for n, (path, name) in enumerate(files, 1):
        names[path] = name
        try:
            readable.append((path, read(path), None))
        except SourceError as exc:
            readable.append((path, None, exc))
        except Exception as exc:  # noqa: BLE001 - a reader's library failing on one file stops nothing else
            readable.append((path, None, SourceError("import-failed", kind=type(exc).__name__, reason=exc)))
        if progress is not None and progress(n, len(files)) is False:
            raise ImportCancelled()
    repeated = repeated_lines([s.text for _, s, _ in readable if s is not None and not s.rows], rules)
    loaded = store.load_all().articles
    by_source: dict[str, list[Article]] = {}
    for article in loaded:
        if article.meta.get("source"):
            by_source.setdefault(str(article.meta["source"]), []).append(article)
    taken = {a.path for a in loaded}
    statistics = TermStatistics(store)
    out: list[Planned] = []
    try:
        for path, source, error in readable:
            if source is None:
                out.append(Planned(names[path], error=str(error), problem=error))
                continue
            source.name_as_source = names[path]
            if source.rows:
                for n, row in enumerate(source.rows, 1):
                    out.append(_plan_row(source, row, n, kind, category, tags, status, by_source, taken))
                continue
            document = _plan_document(source, rules, repeated, kind, category, tags, status, statistics,
                                      by_source, taken)
            out.extend(split_sections(document, by_source, taken) if split else [document])
    finally:
        statistics.close()
    return out


def _place(planned: Planned, key: str, by_source: dict[str, list[Article]], taken: set[str]) -> None:
    """Where the article goes, and what importing it again means."""
    matches = by_source.get(key, [])
    existing = matches[0] if len(matches) == 1 else None
    if len(matches) > 1:  # more than one article says it came from this source: never over any of them
        planned.action = "beside"
    if existing is not None:
        if existing.meta.get("source_sha256") == planned.sha256:
            planned.path, planned.action = existing.path, "unchanged"
            return
        planned.path, planned.action = existing.path, "update"
        return
    folder = KIND_FOLDERS.get(planned.kind, "articles")
    planned.path = free_path(f"{folder}/{slugify(textforms.normalize(planned.title), 'imported')}.md", taken)
    planned.action = planned.action or "new"


def free_path(wanted: str, taken: set[str]) -> str:
    """*wanted*, or *wanted* with -2, -3… if an article has that path."""
    stem = wanted.removesuffix(".md")
    path, n = wanted, 2
    while path in taken:
        path, n = f"{stem}-{n}.md", n + 1
    taken.add(path)
    return path


def _plan_row(source: Source, row: FaqRow, n: int, kind, category, tags, status, by_source, taken) -> Planned:
    planned = Planned(f"{source.name_as_source}#{n}", title=row.question.strip(), kind=kind or "faq",
                      category=category or row.category, tags=list(dict.fromkeys([*tags, *row.tags])),
                      status=status, encoding=source.encoding, sections=1, original=f"{row.question}\n{row.answer}")
    planned.body = f"# {planned.title}\n\n{row.answer.strip()}"
    planned.sha256 = hashlib.sha256(planned.original.encode("utf-8")).hexdigest()
    _place(planned, planned.source, by_source, taken)
    return planned


def _plan_document(source: Source, rules: Rules, repeated, kind, category, tags, status, statistics,
                   by_source, taken) -> Planned:
    planned = Planned(source.name_as_source, encoding=source.encoding, status=status, sha256=source.data_sha256,
                      original=source.text)
    cleaned = clean(source.text, rules, title=source.title, repeated=repeated, file_name=source.name)
    planned.removed = cleaned.counts()
    planned.removed_lines = cleaned.removed
    structured = to_markdown(cleaned.text)
    title, body = _title_of(source, structured.markdown)
    planned.title = title
    planned.sections = structured.sections
    planned.kind = kind or guess_kind(textforms.normalize(body), structured.qa_pairs, structured.sections)
    planned.category = category or ""
    planned.tags = statistics.tags(f"{title}\n{body}", list(tags))
    _place(planned, planned.source, by_source, taken)
    planned.body = f"# {title}\n\n{body}" if body else f"# {title}"
    planned.pictures = source.images
    planned.place_pictures()
    return planned


def split_sections(document: Planned, by_source: dict[str, Article], taken: set[str]) -> list[Planned]:
    """One article per top-level (##) section of *document*, each linking to
    an overview article (the document's title, its opening text and the list
    of its sections) and to the sections before and after it."""
    parts = re.split(r"^## +(.+)$", document.body, flags=re.M)
    if len(parts) < 5:  # fewer than two sections: nothing to split
        return [document]
    opening, sections = parts[0], list(zip(parts[1::2], parts[2::2]))
    overview = Planned(document.source, title=document.title, kind=document.kind, category=document.category,
                       tags=document.tags, status=document.status, encoding=document.encoding,
                       sections=len(sections), removed=document.removed, removed_lines=document.removed_lines,
                       original=document.original, sha256=document.sha256, images=document.images,
                       path=document.path, action=document.action)
    pieces = []
    for n, (heading, text) in enumerate(sections, 1):
        piece = Planned(f"{document.source}#{n}", title=f"{document.title}：{heading.strip()}", kind=document.kind,
                        category=document.category, tags=document.tags, status=document.status,
                        encoding=document.encoding, sections=1, original=f"## {heading}{text}")
        piece.sha256 = hashlib.sha256(piece.original.encode("utf-8")).hexdigest()
        folder = str(PurePosixPath(overview.path).parent)
        key = piece.source
        if key not in by_source:
            piece.path = free_path(f"{folder}/{PurePosixPath(overview.path).stem}-{n:02d}.md", taken)
            piece.action = "new"
        else:
            _place(piece, key, by_source, taken)
        pieces.append((piece, heading.strip(), text.strip()))

    def link(target: Planned, label: str, here: Planned) -> str:
        relative = PurePosixPath(target.path).name if PurePosixPath(target.path).parent == \
            PurePosixPath(here.path).parent else "../" + target.path
        return f"[{label}]({relative})"

    overview.body = "\n\n".join(x for x in (f"# {document.title}", re.sub(r"^# .*\n?", "", opening.strip()).strip(),
                                             "\n".join(f"- {link(p, h, overview)}" for p, h, _ in pieces)) if x)
    for n, (piece, heading, text) in enumerate(pieces):
        around = [f"属于：{link(overview, document.title, piece)}"]
        if n:
            around.append(f"上一节：{link(pieces[n - 1][0], pieces[n - 1][1], piece)}")
        if n + 1 < len(pieces):
            around.append(f"下一节：{link(pieces[n + 1][0], pieces[n + 1][1], piece)}")
        piece.body = f"# {piece.title}\n\n{text}\n\n" + " · ".join(around)
    return [overview] + [p for p, _, _ in pieces]


def write(planned: list[Planned], workflow: Workflow, today: dt.date | None = None) -> Change | None:
    """Every planned article that is new or changed, as one commit of the
    lead's (and, imported as approved, on the approved branch too)."""
    today = today or dt.date.today()
    files: dict[str, bytes] = {}
    approved: list[str] = []
    store = workflow.store
    for p in planned:
        if p.error or p.action in ("unchanged", ""):
            continue
        if p.action == "beside" or (p.action == "update" and workflow.edited_since_import(p.path)):
            p.action = "beside"
            stem = PurePosixPath(p.path)
            p.path = str(stem.with_name(f"{stem.stem}.import-{today:%Y%m%d}.md"))
            p.status = "draft"
            p.place_pictures()
        files[p.path] = p.text(today).encode("utf-8")
        files.update(p.images)
        if p.status == "approved":
            approved.append(p.path)
    if not files:
        return None
    n = sum(1 for p in planned if p.path in files)
    message = (coded_message("commit-import-approved", n=n, name=workflow.identity.name) if approved
               else coded_message("commit-import", n=n))
    del store
    return workflow.import_files(files, message, approved)
