"""Whole-folder validation: what `kbdesk check` reports."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from kbdesk.content.article import Article
from kbdesk.content.audience import Audience
from kbdesk.content.placeholders import conflicting_defaults, load_placeholder_specs, malformed_placeholders
from kbdesk.content.store import SETTINGS_DIR, ContentStore
from kbdesk.content.yaml_text import read_mapping
from kbdesk.messages import english

_LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


@dataclass(frozen=True)
class Finding:
    path: str
    level: str  # "error" | "warning"
    message: str  # English
    code: str | None = None  # of kbdesk.messages, with its params
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def coded(cls, path: str, level: str, code: str, **params) -> "Finding":
        params = {k: str(v) for k, v in params.items()}
        return cls(path, level, english(code, params), code, tuple(params.items()))

    @property
    def args(self) -> dict[str, str]:
        return dict(self.params)

    def __str__(self) -> str:
        return f"{self.path}: {self.level}: {self.message}"

    def to_json(self) -> dict:
        return {"path": self.path, "level": self.level, "message": self.message, "code": self.code,
                "params": self.args}


def internal_links(article: Article) -> list[tuple[str, str]]:
    """(link as written, target path relative to the content root) of each
    link to another file of the knowledge base."""
    links = []
    base = posixpath.dirname(article.path)
    for m in _LINK_RE.finditer(article.body):
        target = m.group(1)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # http:, mailto:, or an anchor in the same article
        resolved = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        links.append((target, resolved))
    return links


def _without_path(message: str) -> str:
    """A settings file's problem without the absolute path it starts with
    (the finding names the file already)."""
    head, sep, rest = message.partition(": ")
    return rest if sep and head.startswith("/") else message


def check_content(store: ContentStore) -> list[Finding]:
    findings: list[Finding] = []
    loaded = store.load_all()
    for problem in loaded.problems:
        findings.append(Finding(problem.path, "error", problem.reason, problem.code, tuple(problem.params.items())))

    try:
        specs = load_placeholder_specs(store.settings_dir / "placeholders.yaml")
    except ValueError as exc:
        findings.append(Finding(".kbdesk/placeholders.yaml", "error", _without_path(str(exc))))
        specs = None
    for name, what in (("team.yaml", "the team file"), ("lint.yaml", "lint rules")):
        try:
            read_mapping(store.settings_dir / name, what)
        except ValueError as exc:
            findings.append(Finding(f"{SETTINGS_DIR}/{name}", "error", _without_path(str(exc))))

    audience = Audience.for_folder(store.settings_dir)
    paths = {s.path for s in store.scan()}
    by_id: dict[str, list[str]] = {}
    for article in loaded.articles:
        by_id.setdefault(article.id, []).append(article.path)
        for warning in article.warnings:
            findings.append(Finding(article.path, "warning", warning, getattr(warning, "code", None),
                                    tuple(getattr(warning, "params", {}).items())))
        for target, resolved in internal_links(article):
            if resolved.startswith("../") or resolved == "..":
                findings.append(Finding.coded(article.path, "error", "check-link-outside", target=target))
            elif resolved not in paths and not (store.root / resolved).exists():
                findings.append(Finding.coded(article.path, "error", "check-link-broken", target=target))
        for line, fragment in malformed_placeholders(article.body):
            findings.append(Finding.coded(article.path, "error", "check-placeholder-malformed",
                                          line=line + article.body_line - 1, fragment=fragment))
        if specs is not None:
            for ph in article.placeholders:
                if ph.name not in specs:
                    findings.append(Finding.coded(article.path, "error", "check-placeholder-unknown",
                                                  name=f"{{{{{ph.name}}}}}"))
        for name, defaults, _start, _length in conflicting_defaults(article.body):
            findings.append(Finding.coded(article.path, "error", "check-two-defaults", name=f"{{{{{name}}}}}",
                                          defaults=" / ".join(defaults)))
        if article.kind == "script" and article.status != "retired":
            for n, line in audience.note_like_lines(article.body):
                findings.append(Finding.coded(article.path, "warning", "check-note-like", line=n + article.body_line,
                                              text=line[:40]))
    for article_id, where in sorted(by_id.items()):
        if len(where) > 1:
            for path in where:
                others = ", ".join(p for p in where if p != path)
                findings.append(Finding.coded(path, "error", "check-duplicate-id", id=repr(article_id), others=others))
    findings.sort(key=lambda f: (f.path, f.level != "error", f.message))
    return findings
