"""Blanks in reply scripts.

Syntax: ``{{名称}}`` or ``{{名称|默认值}}``. The name is any text without
braces or ``|``; whitespace around it is ignored. Whatever follows the first
``|`` up to the closing braces is the default, and may be empty
(``{{备注|}}`` fills with nothing when left blank).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from kbdesk.content import yaml_text

PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}|\n]+?)\s*(?:\|([^{}\n]*))?\}\}")
# An opening "{{" that the pattern above does not close properly.
_OPEN_RE = re.compile(r"\{\{")


@dataclass(frozen=True)
class Placeholder:
    name: str
    default: str | None  # None: no default given

    @property
    def syntax(self) -> str:
        return "{{%s}}" % self.name if self.default is None else "{{%s|%s}}" % (self.name, self.default)


def find_placeholders(text: str) -> list[Placeholder]:
    """Placeholders in order of first appearance; the first default given for
    a name wins."""
    seen: dict[str, Placeholder] = {}
    for m in PLACEHOLDER_RE.finditer(text):
        name, default = m.group(1), m.group(2)
        if name not in seen:
            seen[name] = Placeholder(name, default.strip() if default is not None else None)
        elif seen[name].default is None and default is not None:
            seen[name] = Placeholder(name, default.strip())
    return list(seen.values())


def malformed_placeholders(text: str) -> list[tuple[int, str]]:
    """(line number, fragment) of each ``{{`` that does not open a valid placeholder."""
    valid = {m.start() for m in PLACEHOLDER_RE.finditer(text)}
    problems = []
    for m in _OPEN_RE.finditer(text):
        if m.start() in valid or (m.start() - 1) in valid:
            continue
        line = text.count("\n", 0, m.start()) + 1
        fragment = text[m.start() : m.start() + 20].split("\n", 1)[0]
        problems.append((line, fragment))
    return problems


def fill(text: str, values: dict[str, str], keep_missing: bool = True) -> str:
    """Replace each placeholder with its value, else its default.

    A blank with neither stays as ``{{名称}}`` (so the agent sees what is
    missing) unless *keep_missing* is False, when it becomes empty.
    """

    # An occurrence's own default wins; one written without a default takes
    # the first default given for that name elsewhere in the text.
    defaults = {p.name: p.default for p in find_placeholders(text)}

    def replace(m: re.Match) -> str:
        name, own_default = m.group(1), m.group(2)
        value = values.get(name)
        if value is not None and value != "":
            return value
        default = own_default.strip() if own_default is not None else defaults.get(name)
        if default is not None:
            return default
        return m.group(0) if keep_missing else ""

    return PLACEHOLDER_RE.sub(replace, text)


def unfilled(text: str, values: dict[str, str]) -> list[str]:
    """Names of placeholders that would stay blank after :func:`fill`."""
    return [p.name for p in find_placeholders(text) if not values.get(p.name) and p.default is None]


@dataclass(frozen=True)
class PlaceholderSpec:
    name: str
    description: str = ""
    default: str | None = None
    profile: bool = False  # filled from the agent's own preferences


def conflicting_defaults(text: str) -> list[tuple[str, list[str], int, int]]:
    """(name, the defaults so far, offset, length) of each blank written
    with a default other than the one it had before in *text*: one copy
    path would promise one deadline, another the other."""
    seen: dict[str, list[str]] = {}
    out = []
    for m in PLACEHOLDER_RE.finditer(text):
        name, default = m.group(1), m.group(2)
        if default is None:
            continue
        before = seen.setdefault(name, [])
        if before and default not in before:
            out.append((name, [*before, default], m.start(), m.end() - m.start()))
        if default not in before:
            before.append(default)
    return out


def load_placeholder_specs(path: Path) -> dict[str, PlaceholderSpec] | None:
    """The team's known placeholders (``.kbdesk/placeholders.yaml``), or None
    when the content folder does not declare any."""
    data = yaml_text.read_mapping(path, "the placeholder list")
    if data is None:
        return None
    entries = data.get("placeholders")
    if not isinstance(entries, dict):
        raise ValueError(f"{path}: expected a mapping under 'placeholders:'")
    specs = {}
    for name, info in entries.items():
        info = info if isinstance(info, dict) else {}
        default = info.get("default")
        specs[str(name)] = PlaceholderSpec(
            name=str(name),
            description=str(info.get("description", "")),
            default=None if default is None else str(default),
            profile=bool(info.get("profile", False)),
        )
    return specs


def folder_placeholder_specs(settings_dir: Path) -> dict[str, PlaceholderSpec] | None:
    """The placeholders a content folder declares, for a window: a broken
    list is reported on stderr and treated as no list (``kbdesk check``
    reports it properly), so that the window still opens."""
    try:
        return load_placeholder_specs(Path(settings_dir) / "placeholders.yaml")
    except ValueError as exc:
        print(f"kbdesk: {exc}", file=sys.stderr)
        return None
