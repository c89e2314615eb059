"""Markdown to safe HTML, for the preview pane and for the clipboard.

Articles are written by people, copied between teams and sometimes pasted
from the web, so their HTML is never trusted: Markdown is rendered by
:mod:`kbdesk.content.markdown` and then cleaned with ``nh3`` against an allow-list. What
survives has no scripts, no event handlers, no styles beyond table
alignment (one of a few known values), and only these links: ``http(s):``, ``mailto:`` and relative
paths (links between articles). Images keep only relative sources; the
window loads those from inside the content folder and nothing else.

This module is Qt-free: it returns strings.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import nh3

from kbdesk import textforms
from kbdesk.content import markdown
from kbdesk.content.placeholders import PLACEHOLDER_RE, fill

ALLOWED_TAGS = frozenset(
    """p br hr h1 h2 h3 h4 h5 h6 strong b em i u s del ins sup sub small
    code pre kbd blockquote ul ol li dl dt dd table thead tbody tfoot tr th td caption
    a img span div mark abbr""".split()
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags removed together with everything inside them.
DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"})

# Classes the window's style sheet knows; only this module adds them, after
# cleaning, so an article cannot set any class itself.
PLACEHOLDER_CLASS = "kb-ph"
HIT_CLASS = "kb-hit"

_TAG_SPLIT_RE = re.compile(r"(<[^>]*>)")
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]+")


def _plain_url(value: str) -> str:
    """*value* as a browser would read its scheme: entities and %-escapes
    decoded, control characters and spaces gone (``java%09script:`` is
    ``javascript:``)."""
    return _CONTROL_RE.sub("", unquote(html.unescape(value)))


def _relative_only(value: str) -> bool:
    """A relative path inside the document tree: no scheme, no host, not absolute."""
    v = _plain_url(value)
    if not v or _SCHEME_RE.match(v) or v.startswith(("/", "\\")):
        return False
    return True


ALIGNMENTS = frozenset({"left", "right", "center", "justify", "start", "end"})
MAX_IMAGE_SIDE = 2000  # width/height an article may ask for, in pixels


def _alignment_only(style: str) -> str | None:
    """A table cell's style reduced to its alignment, in one known form; any
    other value (``url(…)``, ``expression(…)``) goes."""
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        if name.strip().lower() == "text-align" and value.strip().lower() in ALIGNMENTS:
            return f"text-align:{value.strip().lower()}"
    return None


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src":
        return value if _relative_only(value) else None
    if tag == "img" and attr in ("width", "height"):
        v = value.strip()
        return v if v.isdigit() and 0 < int(v) <= MAX_IMAGE_SIDE else None
    if attr == "style":
        return _alignment_only(html.unescape(value))
    if tag == "a" and attr == "href":
        v = _plain_url(value)
        if v.startswith(("/", "\\")):  # protocol-relative, UNC or absolute local paths
            return None
        if _SCHEME_RE.match(v) and urlsplit(v).scheme.lower() not in LINK_SCHEMES:
            return None
        return value
    return value


def sanitize(raw_html: str) -> str:
    """Clean untrusted HTML against the allow-list."""
    return nh3.clean(
        raw_html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        strip_comments=True,
        link_rel=None,
        filter_style_properties={"text-align"},
    )


_EMPTY_PARAGRAPH_RE = re.compile(r"<p>\s*</p>")


@functools.lru_cache(maxsize=256)
def _article_html(body: str) -> str:
    """The body as clean HTML. A block tag written inside the Markdown (a
    <p> or <div> on its own line) leaves empty paragraphs around it; they go.
    (Kept for the next keystrokes: the preview shows the same few articles
    again and again while the agent types, with other words marked.)"""
    return _EMPTY_PARAGRAPH_RE.sub("", sanitize(markdown.to_html(body)))


def _map_text(fragment: str, func) -> str:
    """Apply *func* to the text between tags (already escaped HTML text),
    leaving tags and attribute values untouched."""
    parts = _TAG_SPLIT_RE.split(fragment)
    return "".join(part if i % 2 else (func(part) if part else part) for i, part in enumerate(parts))


def _mark_placeholders(text: str) -> str:
    return _sub_placeholders(text, lambda m: (
        f'<span class="{PLACEHOLDER_CLASS}">\u2009{html.escape(m.group(1), quote=False)}\u2009</span>'))


def highlight_spans(text: str, terms) -> list[tuple[int, int]]:
    """Ranges of *text* where one of the (normalised) query *terms* occurs;
    Traditional text matches Simplified terms and the other way round."""
    terms = [t for t in terms if t]
    if not terms:
        return []
    norm = textforms.normalize_aligned(text)
    if len(norm) != len(text):  # cannot map offsets back; do not guess
        return []
    spans = [(m.start(), m.end()) for term in terms for m in re.finditer(re.escape(term), norm)]
    return textforms.merge_spans(spans)


def _mark_terms_in(fragment: str, terms) -> str:
    """*fragment* (clean HTML) with the query's *terms* marked in its text.
    The text between the tags is folded in one go (one OpenCC call for a 40 KB
    standard, not one per paragraph: at every keystroke) and mapped back."""
    parts = _TAG_SPLIT_RE.split(fragment)
    raws = [html.unescape(part) for part in parts[::2]]
    joined = "\n".join(raws)  # a term holds no line break: no match spans two texts
    spans = highlight_spans(joined, terms)
    if not spans:
        return fragment
    out, start, spans_at = [], 0, iter(spans)
    span = next(spans_at, None)
    for i, raw in enumerate(raws):
        end = start + len(raw)
        if span is None or span[0] >= end:
            out.append(parts[2 * i])  # nothing marked here: as it was
        else:
            pieces, pos = [], start
            while span is not None and span[0] < end:
                s, e = span[0], min(span[1], end)
                pieces.append(html.escape(joined[pos:s], quote=False))
                pieces.append(f'<span class="{HIT_CLASS}">{html.escape(joined[s:e], quote=False)}</span>')
                pos = e
                span = next(spans_at, None)
            pieces.append(html.escape(joined[pos:end], quote=False))
            out.append("".join(pieces))
        if 2 * i + 1 < len(parts):
            out.append(parts[2 * i + 1])
        start = end + 1
    return "".join(out)


_TITLE_HEADING_RE = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")


def strip_title_heading(body: str, title: str) -> str:
    """The body without its first line if that is a level-1 heading repeating
    the title (the window shows the title already, and a chat message does
    not need it)."""
    m = _TITLE_HEADING_RE.match(body)
    if m and m.group(1).strip() == title.strip():
        return body[m.end():].lstrip("\n")
    return body


@dataclass(frozen=True)
class Section:
    """A level-2 section of an article: a variant of a reply script."""

    title: str
    body: str  # the Markdown under the heading, without the heading line


_FENCE_RE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_H2_LINE_RE = re.compile(r"^[ \t]{0,3}##[ \t]+(.+?)[ \t#]*$")
_H1_LINE_RE = re.compile(r"^[ \t]{0,3}#[ \t]")


def sections(body: str) -> list[Section]:
    """The ``## …`` sections of *body*, in order (fenced code is not split)."""
    found: list[tuple[str, list[str]]] = []
    fence = None
    for line in body.replace("\r\n", "\n").split("\n"):
        m = _FENCE_RE.match(line)
        if m:
            fence = None if fence == m.group(1) else (fence or m.group(1))
        h2 = None if fence else _H2_LINE_RE.match(line)
        if h2:
            found.append((h2.group(1).strip(), []))
        elif found:
            if not fence and _H1_LINE_RE.match(line):
                found.append(("\0", []))  # a level-1 heading ends the section
            else:
                found[-1][1].append(line)
    return [Section(title, "\n".join(lines).strip("\n")) for title, lines in found if title != "\0"]


SECTION_SCHEME = "kbdesk-section"
SECTION_CLASS = "kb-section"  # the link
SECTION_BAR_CLASS = "kb-section-bar"  # the paragraph holding it, right after the heading
_H2_CLOSE_RE = re.compile(r"</h2>", re.I)


def add_section_links(rendered: str, body: str, label: str, first: int = 0) -> str:
    """Put a small link (``kbdesk-section:N``) just under each level-2 heading
    of *rendered*, if its headings are exactly the sections of *body*.

    The link is a paragraph of its own after the ``</h2>``, in ``<small>``:
    inside the heading it would be drawn at the heading's size (Qt's rich
    text ignores a class rule's ``font-size`` there, and the sanitiser
    leaves no inline styles)."""
    count = len(sections(body))
    if not count or len(_H2_CLOSE_RE.findall(rendered)) != count:
        return rendered
    n = iter(range(count))
    link = '</h2>\n<p class="{bar}"><small><a class="{cls}" href="{scheme}:{i}">{label}</a></small></p>'
    return _H2_CLOSE_RE.sub(
        lambda _m: link.format(bar=SECTION_BAR_CLASS, cls=SECTION_CLASS, scheme=SECTION_SCHEME, i=first + next(n),
                               label=html.escape(label, quote=False)), rendered)


NOTE_CLASS = "kb-note"  # a part for the agent only (see kbdesk.content.audience)
NOTE_LABEL_CLASS = "kb-note-label"
_BLOCK_TAG_RE = re.compile(r"<(p|li|h[1-6]|blockquote|pre|td|th|ul|ol|table)(?=[\s>])", re.I)


def _as_note(fragment: str, label: str | None) -> str:
    """*fragment*'s blocks marked as a note for the agent, under *label*."""
    out = _BLOCK_TAG_RE.sub(lambda m: f'<{m.group(1)} class="{NOTE_CLASS}"', fragment)
    if label:
        out = f'<p class="{NOTE_CLASS} {NOTE_LABEL_CLASS}"><small>{html.escape(label, quote=False)}</small></p>' + out
    return out


def _render_part(body: str, terms, mark_placeholders: bool) -> str:
    out = _article_html(body)
    if mark_placeholders:
        out = _map_text(out, _mark_placeholders)
    if terms:
        # Terms are marked outside placeholders' spans only as text; a term
        # inside a placeholder is marked too, which is harmless.
        out = _mark_terms_in(out, terms)
    return out


def render_article(body: str, highlight_terms=(), mark_placeholders: bool = True,
                   section_label: str | None = None, audience=None, note_label: str | None = None) -> str:
    """Sanitised HTML of an article's Markdown body for the preview pane:
    blanks are shown by name (``{{客户称呼|您}}`` as a 客户称呼 chip, class
    :data:`PLACEHOLDER_CLASS`) and the query's terms are marked with
    :data:`HIT_CLASS`. Given an *audience* (:class:`kbdesk.content.audience.Audience`),
    the parts for the agent only are marked :data:`NOTE_CLASS`, under
    *note_label*, and only the customer's sections get a copy link,
    numbered as :func:`sections` numbers the customer text's."""
    terms = sorted({textforms.normalize(t) for t in highlight_terms if t and t.strip()}, key=len, reverse=True)
    if audience is None:
        out = _render_part(body, terms, mark_placeholders)
        return add_section_links(out, body, section_label) if section_label else out
    lines = body.replace("\r\n", "\n").split("\n")
    out, variant = [], 0
    for part in audience.parts(body):
        text = "\n".join(lines[part.start:part.end])
        if not text.strip():
            continue
        rendered = _render_part(text, terms, mark_placeholders)
        if part.internal:
            rendered = _as_note(rendered, note_label)
        elif section_label:
            rendered = add_section_links(rendered, text, section_label, variant)
            variant += len(sections(text))
        out.append(rendered)
    return "\n".join(out)


_LINK_RE = re.compile(r"<a\b[^>]*>|</a>", re.I)
_IMG_RE = re.compile(r"<img\b[^>]*>", re.I)
_HREF_RE = re.compile(r'href="([^"]*)"')


def _clipboard_links(fragment: str) -> str:
    """Links between articles mean nothing in a chat window: keep their text
    only. Web links stay."""
    out, pos, open_kept = [], 0, []
    for m in _LINK_RE.finditer(fragment):
        out.append(fragment[pos : m.start()])
        tag = m.group(0)
        if tag.lower() == "</a>":
            if open_kept and open_kept.pop():
                out.append(tag)
        else:
            href = _HREF_RE.search(tag)
            keep = bool(href and urlsplit(html.unescape(href.group(1))).scheme.lower() in LINK_SCHEMES)
            open_kept.append(keep)
            if keep:
                out.append(tag)
        pos = m.end()
    out.append(fragment[pos:])
    return "".join(out)


def clipboard_html(body: str) -> str:
    """HTML put on the clipboard with the plain text: sanitised, without
    images or links to other articles (they cannot be followed where it is
    pasted)."""
    out = _article_html(body)
    out = _IMG_RE.sub("", out)
    return _clipboard_links(out)


def resolved_values(body: str, values: dict[str, str] | None) -> dict[str, str]:
    """Each blank's value: what the agent typed, else the default written in
    the article; blanks with neither are left out."""
    from kbdesk.content.placeholders import find_placeholders

    values = values or {}
    out = {}
    for p in find_placeholders(body):
        v = values.get(p.name)
        if v:
            out[p.name] = v
        elif p.default is not None:
            out[p.name] = p.default
    return out


def _sub_placeholders(text: str, replace) -> str:
    """*text* (escaped HTML text) with each placeholder replaced by
    ``replace(match)``, which returns escaped HTML too."""
    raw = html.unescape(text)
    if "{{" not in raw:
        return text
    out, pos = [], 0
    for m in PLACEHOLDER_RE.finditer(raw):
        out.append(html.escape(raw[pos : m.start()], quote=False))
        out.append(replace(m))
        pos = m.end()
    out.append(html.escape(raw[pos:], quote=False))
    return "".join(out)


def _fill_escaped(values: dict[str, str]):
    def replace(m) -> str:
        return html.escape(values.get(m.group(1), m.group(0)), quote=False)

    return lambda text: _sub_placeholders(text, replace)


def unfilled_mark(name: str) -> str:
    """What stands for a blank copied without a value: never the raw
    ``{{名称}}`` syntax, but visible in a chat box before sending."""
    return f"【{name}】"


def copy_payload(body: str, values: dict[str, str] | None = None) -> tuple[str, str]:
    """(plain text, HTML) of an article as it is copied, blanks filled with
    *values*, else their default; a blank with neither is copied as
    :func:`unfilled_mark` (【名称】), which the agent sees before sending.

    Values are filled in after the Markdown is converted, so what the agent
    typed is pasted as typed: never read as Markdown or HTML."""

    resolved = resolved_values(body, values)
    from kbdesk.content.placeholders import find_placeholders

    for p in find_placeholders(body):
        resolved.setdefault(p.name, unfilled_mark(p.name))
    plain = fill(markdown.to_text(body), resolved)
    rich = _map_text(clipboard_html(body), _fill_escaped(resolved))
    return plain, rich


FILLED_CLASS = "kb-filled"


def render_filled(body: str, values: dict[str, str] | None = None) -> str:
    """Sanitised HTML of *body* with its blanks filled as they would be
    copied: filled blanks marked with :data:`FILLED_CLASS`, blanks still
    without a value marked with :data:`PLACEHOLDER_CLASS` (the fill-in
    dialog's live preview), as :func:`unfilled_mark` would copy them."""
    resolved = resolved_values(body, values)

    def replace(m) -> str:
        name = m.group(1)
        if name in resolved:
            return f'<span class="{FILLED_CLASS}">{html.escape(resolved[name], quote=False)}</span>'
        # as it would be copied: 【名称】
        return f'<span class="{PLACEHOLDER_CLASS}">{html.escape(unfilled_mark(name), quote=False)}</span>'

    def apply(text: str) -> str:
        return _sub_placeholders(text, replace)

    return _map_text(_article_html(body), apply)
