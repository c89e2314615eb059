"""Checks of an article's wording against the team's rules
(``.kbdesk/lint.yaml``, which leads edit). Errors block approval; warnings
do not. Works on the text being edited, so the editor can run it on every
keystroke."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kbdesk import textforms
from kbdesk.content import markdown
from kbdesk.content.article import ArticleError, parse_article
from kbdesk.content.audience import Audience
from kbdesk.content.placeholders import (
    PLACEHOLDER_RE,
    PlaceholderSpec,
    conflicting_defaults,
    find_placeholders,
    malformed_placeholders,
)
from kbdesk.content.yaml_text import read_mapping
from kbdesk.messages import MESSAGES as CORE_MESSAGES

DEFAULT_MESSAGE_LIMIT = 500
_QUOTED_RE = re.compile(r"“[^”\n]*”|「[^」\n]*」|『[^』\n]*』|\"[^\"\n]*\"|‘[^’\n]*’")


# Each finding is a code with parameters; this is its English text, the
# source text of Qt's translation file (context "Lint") for the window and
# the command line alike.
MESSAGES = {
    "taboo": "Taboo phrase 「{phrase}」",
    "taboo-suggest": "Taboo phrase 「{phrase}」; say instead: {suggest}",
    "placeholder-malformed": "Malformed placeholder: {fragment}",
    "placeholder-unknown": "Unknown placeholder {name} (not declared in .kbdesk/placeholders.yaml)",
    "placeholder-defaults": "{name} has two defaults ({defaults}): each copy would promise something else",
    "placeholder-default": "{name} has no default: the agent must fill it in",
    "internal-note": "The customer would read this, and it reads like a note for agents: 「{line}」 "
                     "(put it under ## 注意, in a > quote, or after a 注意： label)",
    "length": "{n} characters; a chat message should stay under {limit}",
    "mixed-script": "Mixes Traditional and Simplified characters ({examples})",
    "greeting": "No greeting (expected one of: {words})",
    "closing": "No closing (expected one of: {words})",
    "front-matter": "{reason}",
}


@dataclass(frozen=True)
class LintFinding:
    level: str  # "error" | "warning"
    rule: str
    message: str  # in English (MESSAGES[code] filled in)
    offset: int = 0  # character offset in the file's text
    length: int = 0
    line: int = 1
    code: str = ""
    params: tuple[tuple[str, str], ...] = ()

    @property
    def args(self) -> dict[str, str]:
        return dict(self.params)

    def to_json(self) -> dict:
        return {"level": self.level, "rule": self.rule, "code": self.code, "params": self.args,
                "message": self.message, "line": self.line, "offset": self.offset, "length": self.length}

    def __str__(self) -> str:
        return f"line {self.line}: {self.level}: {self.message} [{self.rule}]"


@dataclass
class TabooPhrase:
    phrase: str
    suggest: str = ""


@dataclass
class RequiredWords:
    patterns: list[str]
    kinds: list[str] = field(default_factory=lambda: ["script"])
    tags: list[str] = field(default_factory=list)  # only articles with one of these (empty: all)
    except_tags: list[str] = field(default_factory=list)

    def applies(self, kind: str, tags) -> bool:
        tags = {textforms.normalize(t) for t in tags}
        wanted = {textforms.normalize(t) for t in self.tags}
        excluded = {textforms.normalize(t) for t in self.except_tags}
        return kind in self.kinds and (not wanted or bool(tags & wanted)) and not tags & excluded


@dataclass
class LintRules:
    taboo: list[TabooPhrase] = field(default_factory=list)
    taboo_kinds: list[str] = field(default_factory=lambda: ["script"])
    message_limit: int = DEFAULT_MESSAGE_LIMIT
    greeting: RequiredWords | None = None
    closing: RequiredWords | None = None

    @classmethod
    def load(cls, content_root: Path) -> "LintRules":
        path = Path(content_root) / ".kbdesk" / "lint.yaml"
        data = read_mapping(path, "lint rules")
        if data is None:
            return cls()
        taboo = []
        for item in data.get("taboo_phrases") or []:
            if isinstance(item, str):
                taboo.append(TabooPhrase(item))
            elif isinstance(item, dict) and item.get("phrase"):
                taboo.append(TabooPhrase(str(item["phrase"]), str(item.get("suggest", ""))))

        def required(key):
            section = data.get(key)
            if not isinstance(section, dict) or not section.get("patterns"):
                return None
            return RequiredWords(
                [str(p) for p in section["patterns"]],
                [str(k) for k in section.get("kinds", ["script"])],
                [str(t) for t in section.get("tags", [])],
                [str(t) for t in section.get("except_tags", [])],
            )

        return cls(
            taboo=taboo,
            taboo_kinds=[str(k) for k in data.get("taboo_kinds", ["script"])],
            message_limit=int(data.get("chat_message_limit", DEFAULT_MESSAGE_LIMIT)),
            greeting=required("require_greeting"),
            closing=required("require_closing"),
        )


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def lint_text(text: str, path: str, rules: LintRules,
              placeholder_specs: dict[str, PlaceholderSpec] | None = None,
              audience: Audience | None = None) -> list[LintFinding]:
    """Findings for the article whose file text is *text*."""
    audience = audience or Audience()
    try:
        article = parse_article(path, text.encode("utf-8"))
    except ArticleError as exc:
        return [LintFinding("error", "front-matter", exc.reason, code="front-matter", params=(("reason", exc.reason),))]
    findings: list[LintFinding] = []
    body_start = len(text) - len(article.body)
    body = article.body

    def add(level, rule, code, params: dict, start=0, length=0):
        offset = body_start + start
        params = {k: str(v) for k, v in params.items()}
        template = MESSAGES.get(code) or CORE_MESSAGES[code]  # (a front matter notice: the core's code)
        findings.append(LintFinding(level, rule, template.format(**params), offset, length,
                                    _line_of(text, offset), code, tuple(params.items())))

    for warning in article.warnings:
        if getattr(warning, "code", None) in CORE_MESSAGES:
            add("warning", "front-matter", warning.code, warning.params)
        else:
            add("warning", "front-matter", "front-matter", {"reason": warning})

    # Taboo phrases, in the text as written and in its Simplified form, so a
    # Traditional 不知道 is caught too.
    if article.kind in rules.taboo_kinds:
        aligned = textforms.normalize_aligned(body)
        quoted = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(body)]
        for taboo in rules.taboo:
            needle = textforms.normalize_aligned(taboo.phrase)
            for m in re.finditer(re.escape(needle), aligned):
                if any(s <= m.start() and m.end() <= e for s, e in quoted):
                    continue  # a mention ("never say “不知道”"), not a use
                phrase = body[m.start():m.end()]
                if taboo.suggest:
                    add("error", "taboo", "taboo-suggest", {"phrase": phrase, "suggest": taboo.suggest},
                        m.start(), len(needle))
                else:
                    add("error", "taboo", "taboo", {"phrase": phrase}, m.start(), len(needle))

    for line, fragment in malformed_placeholders(body):
        start = sum(len(x) + 1 for x in body.split("\n")[: line - 1])
        add("error", "placeholder", "placeholder-malformed", {"fragment": fragment}, start, 0)
    for m in PLACEHOLDER_RE.finditer(body):
        name = m.group(1)
        if placeholder_specs is not None and name not in placeholder_specs:
            add("error", "placeholder", "placeholder-unknown", {"name": f"{{{{{name}}}}}"},
                m.start(), m.end() - m.start())
    for name, defaults, start, length in conflicting_defaults(body):
        add("error", "placeholder-defaults", "placeholder-defaults",
            {"name": f"{{{{{name}}}}}", "defaults": " / ".join(defaults)}, start, length)
    for ph in find_placeholders(body):
        spec = (placeholder_specs or {}).get(ph.name)
        if ph.default is None and not (spec and (spec.default is not None or spec.profile)):
            at = next(m for m in PLACEHOLDER_RE.finditer(body) if m.group(1) == ph.name)
            add("warning", "placeholder-default", "placeholder-default", {"name": f"{{{{{ph.name}}}}}"},
                at.start(), at.end() - at.start())

    if article.kind == "script":
        starts = [0]
        for line in body.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        for n, line in audience.note_like_lines(body):
            add("warning", "internal-note", "internal-note", {"line": line[:40]}, starts[n], len(line))
        # What the customer gets, blanks read as their defaults: "{{客户称呼|您}}好" greets.
        customer = audience.customer_text(body)
        plain = markdown.to_text(PLACEHOLDER_RE.sub(lambda m: m.group(2) or m.group(1), customer))
        if len(plain) > rules.message_limit:
            add("warning", "length", "length", {"n": len(plain), "limit": rules.message_limit})
        script_text = PLACEHOLDER_RE.sub("", body)
        mixed = _mixed_script(script_text)
        if mixed:
            add("warning", "mixed-script", "mixed-script", {"examples": mixed})
        for rule, what in ((rules.greeting, "greeting"), (rules.closing, "closing")):
            if rule and rule.applies(article.kind, article.tags):
                norm = textforms.normalize(plain)
                if not any(textforms.normalize(p) in norm for p in rule.patterns):
                    add("warning", what, what, {"words": "、".join(rule.patterns[:5])})
    findings.sort(key=lambda f: (f.offset, f.level != "error"))
    return findings


def _mixed_script(text: str) -> str:
    """A few examples of each script if *text* uses both, else ''."""
    traditional, simplified = textforms.script_chars(text)
    if traditional and simplified:
        return f"繁: {''.join(dict.fromkeys(traditional))[:5]} / 简: {''.join(dict.fromkeys(simplified))[:5]}"
    return ""


def has_errors(findings: list[LintFinding]) -> bool:
    return any(f.level == "error" for f in findings)
