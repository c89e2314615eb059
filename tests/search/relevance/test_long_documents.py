"""Relevance on long, messy documents that compete with the sample articles.

The documents in long_docs/ (5–40 KB each, no Markdown headings, site
boilerplate, repeated paragraphs, numbered headings of every style) are
imported with ``kbdesk import`` into a copy of the sample knowledge base;
each query of long_docs/queries.yaml names the document and the section
that answers it. A third of the queries use other words than the document,
some are Traditional, pinyin or typos.

The figures are printed beside those of a plain character-bigram BM25 over
the same corpus, so that what the analysis buys is visible.
"""

from __future__ import annotations

import collections
import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kbdesk import textforms
from kbdesk.content import markdown
from kbdesk.content.store import ContentStore
from kbdesk.search.index import SearchIndex
from kbdesk.search import semantic
from kbdesk.search.searcher import Searcher
from kbdesk.search.sources import agent_source
from tests.conftest import SAMPLE_CONTENT

LONG_DOCS = Path(__file__).with_name("long_docs")
QUERIES = yaml.safe_load((LONG_DOCS / "queries.yaml").read_text(encoding="utf-8"))
# The targets: 0.95 for the article and 0.85 for the section (search
# reaches 0.984 and 0.863 today; see the session notes of issue 11).
ARTICLE_RECALL_AT_3 = 0.95
SECTION_RECALL_AT_3 = 0.85
MUST_BEAT_BASELINE_BY = 0.15


class BigramBM25:
    """Forty lines of character-bigram BM25 (k1 1.2, b 0.75) over title and
    plain text: the baseline every analysis must beat."""

    def __init__(self, docs: dict[str, str]):
        self.tf = {path: collections.Counter(self.grams(text)) for path, text in docs.items()}
        self.length = {path: sum(tf.values()) for path, tf in self.tf.items()}
        self.average = sum(self.length.values()) / max(1, len(self.length))
        self.df = collections.Counter(g for tf in self.tf.values() for g in tf)

    @staticmethod
    def grams(text: str) -> list[str]:
        out = []
        for run in re.findall(r"[\u3400-\u9fff]+|[a-z0-9]+", textforms.normalize(text)):
            if run[0] >= "\u3400":
                out += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
            else:
                out.append(run)
        return out

    def search(self, query: str, limit: int = 10) -> list[str]:
        n, scores = len(self.tf), collections.Counter()
        for gram in set(self.grams(query)):
            df = self.df.get(gram)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for path, tf in self.tf.items():
                if gram in tf:
                    f = tf[gram]
                    scores[path] += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * self.length[path] / self.average))
        return [path for path, _ in scores.most_common(limit)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(searcher, baseline, document file → article path), after a real import."""
    work = tmp_path_factory.mktemp("long-docs")
    content = work / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    env = {**os.environ, "KBDESK_INDEX_DIR": str(work / "ix")}
    done = subprocess.run([sys.executable, "-m", "kbdesk", "--content", str(content), "import", "--as", "王敏",
                           "--status", "approved", "--json", str(LONG_DOCS)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    path_of = {Path(row["source"]).name: row["path"] for row in json.loads(done.stdout)}
    assert set(path_of) >= {q["file"] for q in QUERIES}
    store = ContentStore(content)
    index = SearchIndex(store, work / "ix", agent_source(store))
    assert not index.update().problems
    searcher = Searcher(index)
    approved = [a for a in store.load_all().articles if a.status == "approved"]
    baseline = BigramBM25({a.path: f"{a.title}\n{markdown.to_text(a.body)}" for a in approved})
    yield searcher, baseline, path_of
    searcher.close()


def _heading(text: str) -> str:
    # (one document annotates characters with their pinyin: 任職(zhí)資格)
    return textforms.normalize(re.sub(r"\s+|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text))


def test_query_set_covers_long_messy_documents():
    files = sorted(LONG_DOCS.glob("*.txt"))
    assert len(files) >= 15 and len(QUERIES) >= 60
    assert all(5_000 <= f.stat().st_size <= 40_000 for f in files)
    assert {q["file"] for q in QUERIES} == {f.name for f in files}


def _recall(searcher, path_of) -> tuple[float, float, list[str]]:
    article_hits = section_hits = 0
    misses = []
    for q in QUERIES:
        want = path_of[q["file"]]
        hits = searcher.search(q["query"], limit=10).hits
        top = [h.path for h in hits[:3]]
        if want in top:
            article_hits += 1
            hit = hits[top.index(want)]
            if any(_heading(q["section"]) in _heading(h) or _heading(h) in _heading(q["section"])
                   for h in hit.section if h):
                section_hits += 1
            else:
                misses.append(f"  section: {q['query']!r} found {hit.where!r}, expected {q['section']!r}")
        else:
            rank = next((i for i, h in enumerate(hits, 1) if h.path == want), None)
            misses.append(f"  rank {rank or '-'}: {q['query']!r} → {q['file']} [{q['section']}], got {top}")
    return article_hits / len(QUERIES), section_hits / len(QUERIES), misses


def test_article_and_section_recall_at_3_beat_the_bigram_baseline(corpus):
    searcher, baseline, path_of = corpus
    n = len(QUERIES)
    base = sum(path_of[q["file"]] in baseline.search(q["query"])[:3] for q in QUERIES) / n
    # by words alone: the imported documents' passages have no vectors yet
    assert searcher.vectors_missing() > 0 or not semantic.enabled()
    article, section, misses = _recall(searcher, path_of)
    print(f"\nlong documents, {n} queries: recall@3 article {article:.3f} (target 0.95), "
          f"section {section:.3f} (target 0.85); bigram BM25 article {base:.3f}")
    print("\n".join(misses))
    assert article >= ARTICLE_RECALL_AT_3 and section >= SECTION_RECALL_AT_3, "\n".join(misses)
    assert article >= base + MUST_BEAT_BASELINE_BY
    if not semantic.enabled():
        return
    # and by meaning too, as the window and the command line search once the passages are embedded
    assert searcher.embed_missing() > 0 and searcher.vectors_missing() == 0
    with_meaning, section_too, misses = _recall(searcher, path_of)
    print(f"with meaning: recall@3 article {with_meaning:.3f}, section {section_too:.3f}")
    print("\n".join(misses))
    assert with_meaning >= ARTICLE_RECALL_AT_3 and section_too >= SECTION_RECALL_AT_3, "\n".join(misses)
