"""Articles: Markdown files with optional YAML front matter."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from kbdesk.content import yaml_text
from kbdesk.messages import MESSAGES, Notice, english
from kbdesk.content.placeholders import Placeholder, find_placeholders

KINDS = ("standard", "faq", "script", "article")
STATUSES = ("draft", "review", "approved", "retired")
# A file's top folder gives its kind when the front matter does not.
FOLDER_KINDS = {"standards": "standard", "faq": "faq", "scripts": "script"}

MAX_ARTICLE_BYTES = 1024 * 1024



_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_HEADING_RE = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


class ArticleError(Exception):
    """A file that cannot be read as an article: a code of
    :mod:`kbdesk.messages` with its parameters (or plain words); *reason*
    is the English text."""

    def __init__(self, path: str, code_or_reason: str, **params):
        self.path = path
        if code_or_reason in MESSAGES:
            self.code, self.params = code_or_reason, {k: str(v) for k, v in params.items()}
            self.reason = english(self.code, self.params)
        else:
            self.code, self.params, self.reason = None, {}, code_or_reason
        super().__init__(f"{path}: {self.reason}")

    def __reduce__(self):  # travels back from the processes that build an index
        return (_article_error, (self.path, self.code or self.reason, self.params))

    def as_entry(self) -> str | list:
        """How the index's state file keeps it: [code, params], or the words."""
        return [self.code, self.params] if self.code else self.reason

    @classmethod
    def from_entry(cls, path: str, entry) -> "ArticleError":
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], dict):
            return cls(path, entry[0], **entry[1])
        return cls(path, entry or "unreadable")


def _article_error(path: str, code_or_reason: str, params: dict) -> ArticleError:
    return ArticleError(path, code_or_reason, **params)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Article:
    path: str  # relative to the content root, with forward slashes
    id: str
    title: str
    kind: str
    category: str = ""
    tags: tuple[str, ...] = ()
    status: str = "approved"
    owner: str = ""
    updated: dt.date | None = None
    review_by: dt.date | None = None
    body: str = ""
    meta: dict = field(default_factory=dict)  # the front matter as written
    has_front_matter: bool = False
    body_line: int = 1  # line of the file on which the body starts
    hash: str = ""  # of the file's bytes when loaded
    warnings: list[str] = field(default_factory=list)

    @property
    def placeholders(self) -> list[Placeholder]:
        return find_placeholders(self.body)

    @property
    def visible_to_agents(self) -> bool:
        return self.status == "approved"

    def needs_review(self, today: dt.date | None = None) -> bool:
        return self.review_by is not None and self.review_by < (today or dt.date.today())

    def to_text(self) -> str:
        """The file's text: front matter (keys in their written order) and body."""
        if not self.has_front_matter and not self.meta:
            return self.body
        front = yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=False, default_flow_style=None)
        return f"---\n{front}---\n{self.body}"


def decode_text(data: bytes) -> str:
    """A file's text: UTF-16 where it starts with its byte order mark (as
    Windows Notepad saves it), else UTF-8 with or without one; lines end in \\n.
    Undecodable bytes become U+FFFD (for the editor; articles are checked by
    :func:`decode_article_bytes`)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", "replace")
    else:
        text = data.decode("utf-8-sig", "replace")
    return text.replace("\r\n", "\n")


def decode_article_bytes(path: str, data: bytes) -> str:
    if not data.strip():
        raise ArticleError(path, "file-empty")
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(path, "file-too-large", kb=len(data) // 1024, limit=MAX_ARTICLE_BYTES // 1024)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError(path, "utf16-invalid") from None
        if not text.lstrip("\ufeff").strip():
            raise ArticleError(path, "file-empty")
        return text.lstrip("\ufeff")
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "file-binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(path, "not-utf8", line=line) from None


def split_front_matter(path: str, text: str) -> tuple[dict | None, str]:
    """(front matter mapping or None, body)."""
    if not text.startswith("---"):
        return None, text
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        raise ArticleError(path, "front-matter-unclosed")
    try:
        meta = yaml_text.load(m.group(1), first_line=2)
    except yaml_text.YamlProblem as exc:
        if exc.line is None:
            raise ArticleError(path, "front-matter-problem", problem=exc.problem) from None
        raise ArticleError(path, "front-matter-yaml", line=exc.line, problem=exc.problem) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(path, "front-matter-not-mapping")
    return meta, text[m.end():]


def default_id(path: str) -> str:
    return str(PurePosixPath(path).with_suffix(""))


def default_kind(path: str) -> str:
    parts = PurePosixPath(path).parts
    return FOLDER_KINDS.get(parts[0], "article") if len(parts) > 1 else "article"


def _as_date(value, key: str, warnings: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        warnings.append(Notice("meta-not-date", key=key, value=repr(value)))
        return None


def _as_tags(value, warnings: list[str]) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        items = re.split(r"[,，、]", value)
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        warnings.append(Notice("meta-tags-not-list", value=repr(value)))
        return ()
    return tuple(str(t).strip() for t in items if str(t).strip())


def parse_article(path: str, data: bytes) -> Article:
    """Build an article from a file's bytes; raises ArticleError if unusable."""
    text = decode_article_bytes(path, data)
    meta, body = split_front_matter(path, text)
    warnings: list[str] = []
    m = meta or {}

    title = str(m.get("title") or "").strip()
    if not title:
        heading = _HEADING_RE.search(body)
        title = heading.group(1).strip() if heading else PurePosixPath(path).stem

    kind = str(m.get("kind") or default_kind(path)).strip().lower()
    if kind not in KINDS:
        warnings.append(Notice("meta-unknown-kind", kind=repr(kind), kinds=", ".join(KINDS[:3])))
    status = str(m.get("status") or "approved").strip().lower()
    if status not in STATUSES:
        # Unknown statuses are never shown to agents: only approved wording is.
        warnings.append(Notice("meta-unknown-status", status=repr(status), statuses=", ".join(STATUSES)))

    return Article(
        path=path,
        id=str(m.get("id") or default_id(path)).strip(),
        title=title,
        kind=kind,
        category=str(m.get("category") or "").strip(),
        tags=_as_tags(m.get("tags"), warnings),
        status=status,
        owner=str(m.get("owner") or "").strip(),
        updated=_as_date(m.get("updated"), "updated", warnings),
        review_by=_as_date(m.get("review_by"), "review_by", warnings),
        body=body,
        meta=dict(m),
        has_front_matter=meta is not None,
        body_line=text.count("\n", 0, len(text) - len(body)) + 1,
        hash=content_hash(data),
        warnings=warnings,
    )
