"""Reading the YAML that people write: articles' front matter and the team's
files in ``.kbdesk/``. Plain data only (safe loading, libyaml where
installed), no aliases, impossible dates kept as text, and every problem one
line that says where.
"""

from __future__ import annotations

from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(ValueError):
    """YAML that cannot be used; ``str()`` is one line."""

    def __init__(self, problem: str, line: int | None = None):
        super().__init__(f"line {line}: {problem}" if line else problem)
        self.problem = problem
        self.line = line


class _DatesAsTextLoader(LOADER):
    """Dates left as text (for dates that cannot exist: 2026-13-45)."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in LOADER.yaml_implicit_resolvers.items()
    }


def has_alias(text: str) -> bool:
    """Does the YAML refer to an anchor (``*name``)? Aliases let 1 KB stand for
    gigabytes (a "billion laughs"). Only events are parsed: nothing is expanded."""
    if "*" not in text:
        return False
    try:
        return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=LOADER))
    except yaml.YAMLError:
        return False  # loading reports the syntax error with its line


def load(text: str, first_line: int = 1):
    """The data in *text*; YamlProblem if it cannot be read. *first_line* is
    the file's line number of the text's first line (front matter starts on 2)."""
    if has_alias(text):
        raise YamlProblem("uses a YAML alias (*name); write the value out instead")
    try:
        return yaml.load(text, Loader=LOADER)
    except ValueError:
        # An impossible date: read it as text; the field's check says it is
        # not a date, and the rest stays usable.
        return yaml.load(text, Loader=_DatesAsTextLoader)
    except yaml.YAMLError as exc:
        # Where the broken construct starts, else where the parser noticed.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlProblem(problem, mark.line + first_line if mark is not None else None) from None


def read_mapping(path, what: str) -> dict | None:
    """A ``key: value`` file of the content folder's ``.kbdesk/`` (team, lint
    rules, placeholders); None if it does not exist; ValueError with one line
    (the file, what it is, and why) if it cannot be used."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read {what}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = load(text) or {}
    except YamlProblem as exc:
        raise ValueError(f"{path}: cannot read {what}: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected 'key: value' lines in {what}")
    return data
