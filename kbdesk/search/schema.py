"""What the index keeps of an article: the Whoosh schema, and the documents
of one article, one per passage (:mod:`kbdesk.content.outline`): terms
counted by :mod:`kbdesk.search.analysis`, stored values for results and
snippets, facets for the filters.

Every passage repeats its article's title, tags and category, so that a
section of a long document is found by the words of its title together with
its own; the searcher ranks an article by its best passage.
"""

from __future__ import annotations

import re

from whoosh import formats
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from kbdesk import textforms
from kbdesk.content import outline
from kbdesk.content.article import Article
from kbdesk.search import analysis

SECTION_WEIGHTS = (3.0, 2.0, 1.5, 1.0)  # title, tags, category, body
HEADING_WEIGHT = 3.0  # as much as the title: a section's heading says what it answers
HEADING_SEP = " › "


class TermsField(TEXT):
    """A scored text field whose value is already analysed
    (:class:`analysis.Terms`). Whoosh would otherwise run an analyzer token by
    token; here each term arrives counted, with its weight. Postings keep the
    weight only (no frequencies or positions: nothing reads them)."""

    def __init__(self, stored: bool = False):
        super().__init__(phrase=False, stored=stored)
        self.format = formats.Existence()

    def index(self, value, **kwargs):
        if not isinstance(value, analysis.Terms):
            raise TypeError(f"expected analysed Terms, got {type(value).__name__}")
        # Whoosh adds up the second item as the field's length
        n = len(value.weights)
        first, rest = divmod(value.length, n) if n else (0, 0)
        return [(term.encode("utf-8"), first + (i < rest), weight, b"")
                for i, (term, weight) in enumerate(value.weights.items())]


def build_schema() -> Schema:
    return Schema(
        path=ID(stored=True),  # an article's passages share it
        id=ID(stored=True),
        # which passage of its article (0 = the first); the searcher groups by it
        pno=COLUMN(NumericColumn("H")),
        heading=STORED(),  # the passage's heading path, HEADING_SEP between
        line=STORED(),  # where the passage starts in the body
        # All words of an article in one field, weighted by section: one
        # posting per word and article keeps both building and querying fast.
        words=TermsField(),
        # The title alone, for as-you-type prefixes (退 → 退款…).
        title=TermsField(stored=True),
        # Bigrams that are not words where they stand: text found where the
        # query cuts it differently (铃声响 / 铃响 are cut apart, 声响 is here).
        grams=TermsField(),
        pinyin=TermsField(),
        latin=TermsField(),
        # The characters of the title and of the passage's own heading, each
        # once: a character typed alone (接 of 电话响几声必须接, 退 of …能全额退吗)
        # finds no word, but says which heading answers.
        chars=TermsField(),
        # Exact values for filters.
        kind=ID(stored=True),
        status=ID(stored=True),
        category_id=ID(stored=True),
        tag_list=KEYWORD(stored=True, commas=True, scorable=False),
        # kind, category and tags of each article, read per document when
        # counting results per filter (a column: no stored-fields unpickling).
        facets=COLUMN(VarBytesColumn()),
        # Shown with results.
        text=STORED(),  # the passage's plain text
        script=STORED(),  # hans / hant: agents prefer articles in the script they type
        owner=STORED(),
        updated=STORED(),
        review_by=STORED(),
    )


FACET_SEP = "\x1f"


def encode_facets(kind: str, category: str, tags) -> bytes:
    return FACET_SEP.join([kind, category, *tags]).encode("utf-8")


def decode_facets(data: bytes) -> tuple[str, str, list[str]]:
    kind, category, *tags = data.decode("utf-8").split(FACET_SEP)
    return kind, category, tags


# [退款多久能到账](refund-timeline.md): the words of a link to another article
# are that article's, not this one's (见 退款多久能到账 made the VIP FAQ the
# first answer to 退款多久).
_ARTICLE_LINK_RE = re.compile(r"\[([^\]\n]{2,80})\]\(\s*<?([^)\s>]+?\.(?:md|markdown))(?:#[^)\s>]*)?>?\s*\)", re.I)


_WORDY_RE = re.compile(r"[\w\u3400-\u9fff]")


def _links_to_articles(body: str) -> list[str]:
    labels = {m.group(1).strip() for m in _ARTICLE_LINK_RE.finditer(body) if "://" not in m.group(2)}
    return sorted((label for label in labels if label), key=len, reverse=True)


def _without(text: str, labels: list[str]) -> str:
    """*text* as it is indexed: without the words of its links to other articles."""
    for label in labels:
        text = text.replace(label, " ")
    return text


def article_documents(article: Article, dict_path: str | None = None) -> list[dict]:
    """The documents of *article*, one per passage, in order."""
    shape = outline.outline(article.title, article.body)
    tags = "\n".join(article.tags)
    title_weight, tags_weight, category_weight, body_weight = SECTION_WEIGHTS
    script = textforms.script_of(f"{article.title}{shape.text}")
    common = {
        "path": article.path,
        "id": article.id,
        "title": analysis.word_terms([(article.title, 1.0)], dict_path),
        "_stored_title": article.title,
        "kind": article.kind,
        "status": article.status,
        "category_id": article.category,
        "tag_list": ",".join(t.replace(",", " ") for t in article.tags),
        "facets": encode_facets(article.kind, article.category, article.tags),
        "script": script,
        "owner": article.owner,
        "updated": article.updated.isoformat() if article.updated else "",
        "review_by": article.review_by.isoformat() if article.review_by else "",
    }
    # Title, tags and category are the same in every passage: cut once.
    head = [(article.title, title_weight), (tags, tags_weight), (article.category, category_weight)]
    head_words = analysis.word_terms(head, dict_path)
    head_grams = analysis.bigram_terms(head, head_words)
    documents = []
    labels = _links_to_articles(article.body)
    for n, passage in enumerate(shape.passages):
        heading = "\n".join(passage.heading)
        body = _without(passage.text, labels)
        if labels and documents and not _WORDY_RE.search(body):
            continue  # a list of links (相关文章): nothing of its own, it would win by being short
        own = [(heading, HEADING_WEIGHT), (body, body_weight)]
        words = head_words + analysis.word_terms(own, dict_path)
        documents.append({
            **common,
            "pno": n,
            "heading": HEADING_SEP.join(passage.heading),
            "line": passage.line,
            "words": words,
            "grams": head_grams + analysis.bigram_terms(own, words),
            "pinyin": analysis.pinyin_terms([article.title, *article.tags, *passage.heading], dict_path),
            "chars": analysis.char_terms(f"{article.title}{passage.heading[-1] if passage.heading else ''}"),
            "latin": analysis.latin_terms(f"{article.title}\n{tags}\n{heading}\n{passage.text}"),
            "text": passage.text,
        })
    return documents
