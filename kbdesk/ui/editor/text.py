"""Text helpers for the leads' editor. Qt-free, so they are easy to test.

* front matter fields set from the form without touching the rest of the
  text (comments, key order, other keys stay as the lead wrote them);
* what a save writes: the status is the workflow's, not typed by hand;
* character offsets between Python strings and Qt's UTF-16 positions;
* word diffs as HTML for the versions panel and the conflict dialog;
* the template of a new reply script.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import yaml

from kbdesk.authoring.textdiff import DiffOp
from kbdesk.authoring.workflow import with_status
from kbdesk.content.article import ArticleError, parse_article

# The usual order of front matter keys: a key the form adds goes after the
# keys that come before it here.
FRONT_KEYS_ORDER = ("id", "title", "kind", "category", "tags", "status", "owner", "updated", "review_by")

_FRONT_BLOCK_RE = re.compile(r"\A(\ufeff?---[ \t]*\n)((?:[^\n]*\n)*?)((?:---|\.\.\.)[ \t]*(?:\n|\Z))")
_KEY_LINE_RE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:")
_STATUS_LINE_RE = re.compile(r"^status[ \t]*:.*$", re.M)

DEL_CLASS = "kb-del"
INS_CLASS = "kb-ins"
DEL_STYLE = "background-color:#fde2e1; color:#a31515; text-decoration: line-through;"
INS_STYLE = "background-color:#d9f2e1; color:#1e6b43; font-weight:600;"


# -- front matter ---------------------------------------------------------------------------


def yaml_value(value) -> str:
    """*value* as one line of YAML (flow style), quoted only where needed."""
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 20, sort_keys=False)
    out = out.rstrip("\n")
    if out.endswith("\n..."):
        out = out[:-4]
    return out.rstrip("\n")


def _continues(line: str) -> bool:
    """A line that belongs to the key above it (an indented value, a block list item)."""
    return bool(line) and (line[0] in " \t" or line.startswith("-"))


def set_front_field(text: str, key: str, value) -> str:
    """*text* with front matter *key* set to *value* (None removes the key),
    everything else unchanged. A text without front matter gets one."""
    line = None if value is None else f"{key}: {yaml_value(value)}"
    m = _FRONT_BLOCK_RE.match(text)
    if not m:
        if line is None:
            return text
        return f"---\n{line}\n---\n{text}"
    lines = m.group(2).split("\n")[:-1]  # the group ends with a newline (or is empty)
    start = next((i for i, item in enumerate(lines) if re.match(rf"{re.escape(key)}[ \t]*:", item)), None)
    if start is not None:
        end = start + 1
        while end < len(lines) and _continues(lines[end]):
            end += 1
        lines[start:end] = [line] if line is not None else []
    elif line is not None:
        pos = len(lines)
        while pos > 0 and not lines[pos - 1].strip():
            pos -= 1  # before trailing blank lines
        if key in FRONT_KEYS_ORDER:
            earlier = set(FRONT_KEYS_ORDER[: FRONT_KEYS_ORDER.index(key)])
            pos = 0
            for i, item in enumerate(lines):
                km = _KEY_LINE_RE.match(item)
                if km and km.group(1) in earlier:
                    pos = i + 1
                    while pos < len(lines) and _continues(lines[pos]):
                        pos += 1
        lines.insert(pos, line)
    else:
        return text
    inner = "".join(item + "\n" for item in lines)
    return text[: m.start(2)] + inner + text[m.end(2):]


def parse_tags(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,，、;；]", text) if t.strip()]


def text_status(text: str, path: str) -> str | None:
    """The status the text declares (approved when it has no front matter),
    or None if the text cannot be read as an article."""
    try:
        return parse_article(path, text.encode("utf-8")).status
    except ArticleError:
        return None


def wording(text: str) -> str:
    """The text without its status line: what counts as a change of wording."""
    return _STATUS_LINE_RE.sub("", text, count=1)


def status_for_save(text: str, loaded_text: str, loaded_status: str) -> str:
    """The status a save records. Status moves only through Submit, Approve
    and Retire; changed wording of an approved (or retired) article is a new
    draft that needs approval again, while agents keep the approved wording."""
    if loaded_status in ("approved", "retired") and wording(text) != wording(loaded_text):
        return "draft"
    return loaded_status


def prepare_for_save(text: str, loaded_text: str, loaded_status: str, path: str,
                     today: dt.date | None = None) -> tuple[str, list[str]]:
    """(text to write, notes for the lead). Sets the status the workflow
    allows and, if the wording changed, the ``updated`` date."""
    notes: list[str] = []
    current = text_status(text, path)
    if current is None:
        return text, notes  # the save reports the broken front matter
    status = status_for_save(text, loaded_text, loaded_status)
    changed = wording(text) != wording(loaded_text)
    if current != status:
        notes.append("status-reset" if status == loaded_status else "status-draft")
        text = with_status(text, status)
    if changed and _FRONT_BLOCK_RE.match(text):
        try:
            meta = parse_article(path, text.encode("utf-8")).meta
        except ArticleError:
            meta = {}
        if "updated" in meta:
            day = today or dt.date.today()
            if str(meta.get("updated")) != day.isoformat():
                text = set_front_field(text, "updated", day)
    return text, notes


# -- offsets -------------------------------------------------------------------------------------


def _bmp_only(text: str) -> bool:
    return not text or max(text) <= "\uffff"


def to_qt(text: str, offset: int) -> int:
    """Qt's position (UTF-16 code units) of Python offset *offset* in *text*."""
    if _bmp_only(text[:offset]):
        return offset
    return len(text[:offset].encode("utf-16-le")) // 2


def from_qt(text: str, position: int) -> int:
    """Python offset of Qt position *position* in *text*."""
    if _bmp_only(text):
        return position
    units = 0
    for i, ch in enumerate(text):
        if units >= position:
            return i
        units += 2 if ch > "\uffff" else 1
    return len(text)


def qt_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, length) pairs converted from Python to Qt units."""
    if _bmp_only(text):
        return list(spans)
    return [(to_qt(text, s), to_qt(text, s + n) - to_qt(text, s)) for s, n in spans]


def common_edit(old: str, new: str) -> tuple[int, int, str]:
    """(start, end, replacement): the smallest slice of *old* to replace to
    get *new*, so an edit keeps the cursor and the undo history sensible."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < limit - start and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return start, len(old) - tail, new[start:len(new) - tail]


# -- diffs as HTML -------------------------------------------------------------------------------------


def _escape(text: str, marked: bool) -> str:
    out = html.escape(text, quote=False)
    if marked:
        out = out.replace("\n", "↵\n")  # a removed or added line break stays visible
    return out.replace("\n", "<br/>")


def _mark(text: str, cls: str, style: str) -> str:
    return f'<span class="{cls}" style="{style}">{_escape(text, True)}</span>' if text else ""


def _wrap(body: str) -> str:
    return f'<div style="white-space: pre-wrap;">{body}</div>'


def diff_side_html(ops: list[DiffOp], side: str) -> str:
    """One side of a side-by-side diff: the old text with its deletions
    struck through in red (*side* "old"), or the new text with its
    insertions in green ("new")."""
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(_escape(op.old if side == "old" else op.new, False))
        elif side == "old" and op.op in ("delete", "replace"):
            out.append(_mark(op.old, DEL_CLASS, DEL_STYLE))
        elif side == "new" and op.op in ("insert", "replace"):
            out.append(_mark(op.new, INS_CLASS, INS_STYLE))
    return _wrap("".join(out))


GAP = '<span style="color:#9aa5b1;">⋯</span>'


def _context(text: str, before: bool, after: bool, lines: int) -> str:
    """An unchanged stretch cut to *lines* lines after the change before it
    and before the change after it (the rest shown as ⋯)."""
    parts = text.split("\n")
    head = parts[:lines] if before else []
    tail = parts[-lines:] if after else []
    if len(parts) <= len(head) + len(tail) + 1:
        return _escape(text, False)
    return "<br/>".join([_escape("\n".join(head), False)] * bool(head) + [GAP]
                        + [_escape("\n".join(tail), False)] * bool(tail))


def diff_inline_html(ops: list[DiffOp], context_lines: int | None = None) -> str:
    """One text: deletions struck through in red, insertions in green. With
    *context_lines*, long unchanged stretches are cut to that many lines
    around each change."""
    out = []
    for n, op in enumerate(ops):
        if op.op == "equal":
            if context_lines is None:
                out.append(_escape(op.old, False))
            else:
                out.append(_context(op.old, n > 0, n < len(ops) - 1, context_lines + 1))
            continue
        if op.op in ("delete", "replace"):
            out.append(_mark(op.old, DEL_CLASS, DEL_STYLE))
        if op.op in ("insert", "replace"):
            out.append(_mark(op.new, INS_CLASS, INS_STYLE))
    return _wrap("".join(out))


def diff_counts(ops: list[DiffOp]) -> tuple[int, int]:
    """(characters removed, characters added)."""
    removed = sum(len(op.old) for op in ops if op.op in ("delete", "replace"))
    added = sum(len(op.new) for op in ops if op.op in ("insert", "replace"))
    return removed, added


# -- new scripts --------------------------------------------------------------------------------------------


def new_script_text(title: str, slug: str, category: str = "", tags: list[str] | None = None,
                    owner: str = "", today: dt.date | None = None) -> str:
    """The template of a new reply script: front matter (a draft) and a heading."""
    meta = {
        "id": f"script-{slug}",
        "title": title,
        "kind": "script",
        "category": category,
        "tags": list(tags or []),
        "status": "draft",
        "owner": owner,
        "updated": today or dt.date.today(),
    }
    lines = [f"{key}: {yaml_value(value)}" if value != "" else f"{key}:" for key, value in meta.items()]
    front = "\n".join(lines)
    return f"---\n{front}\n---\n# {title}\n\n您好，\n"
