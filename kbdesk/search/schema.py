"""What the index keeps of an article: the Whoosh schema, and the fields of one
article's document (terms counted by :mod:`kbdesk.search.analysis`, stored
values for results and snippets, facets for the filters).
"""

from __future__ import annotations

from whoosh import formats
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from kbdesk import textforms
from kbdesk.content import markdown
from kbdesk.content.article import Article
from kbdesk.search import analysis

SECTION_WEIGHTS = (3.0, 2.0, 1.5, 1.0)  # title, tags, category, body


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
        path=ID(stored=True, unique=True),
        id=ID(stored=True),
        # All words of an article in one field, weighted by section: one
        # posting per word and article keeps both building and querying fast.
        words=TermsField(),
        # The title alone, for as-you-type prefixes (退 → 退款…).
        title=TermsField(stored=True),
        # Bigrams of title and tags: found even where they were cut differently.
        grams=TermsField(),
        pinyin=TermsField(),
        latin=TermsField(),
        # Exact values for filters.
        kind=ID(stored=True),
        status=ID(stored=True),
        category_id=ID(stored=True),
        tag_list=KEYWORD(stored=True, commas=True, scorable=False),
        # kind, category and tags of each article, read per document when
        # counting results per filter (a column: no stored-fields unpickling).
        facets=COLUMN(VarBytesColumn()),
        # Shown with results.
        text=STORED(),
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


def _without_title_heading(text: str, title: str) -> str:
    """The plain text minus a first line that only repeats the title (it would
    otherwise open every snippet)."""
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if first.strip() == title.strip() else text


def document_fields(article: Article, dict_path: str | None = None) -> dict:
    text = _without_title_heading(markdown.to_text(article.body), article.title)
    tags = "\n".join(article.tags)
    title_weight, tags_weight, category_weight, body_weight = SECTION_WEIGHTS
    return {
        "path": article.path,
        "id": article.id,
        "words": analysis.word_terms([(article.title, title_weight), (tags, tags_weight),
                                      (article.category, category_weight), (text, body_weight)], dict_path),
        "title": analysis.word_terms([(article.title, 1.0)], dict_path),
        "_stored_title": article.title,
        "grams": analysis.bigram_terms(f"{article.title}\n{tags}"),
        "pinyin": analysis.pinyin_terms([article.title, *article.tags], dict_path),
        "latin": analysis.latin_terms(f"{article.title}\n{tags}\n{text}"),
        "kind": article.kind,
        "status": article.status,
        "category_id": article.category,
        "tag_list": ",".join(t.replace(",", " ") for t in article.tags),
        "facets": encode_facets(article.kind, article.category, article.tags),
        "text": text,
        "script": textforms.script_of(f"{article.title}{text}"),
        "owner": article.owner,
        "updated": article.updated.isoformat() if article.updated else "",
        "review_by": article.review_by.isoformat() if article.review_by else "",
    }
