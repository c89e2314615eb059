"""Relevance of agent queries against the sample knowledge base.

queries.yaml holds what agents really type (Simplified, Traditional, pinyin,
initials, natural questions, mixed Latin, typos) and the article(s) a person
would want for each. The test fails when recall@3 or MRR drops below target.
"""

from pathlib import Path

import pytest
import yaml

from kbdesk.content.store import ContentStore
from kbdesk.search.index import SearchIndex
from kbdesk.search.searcher import Searcher
from tests.conftest import SAMPLE_CONTENT

QUERIES = yaml.safe_load((Path(__file__).with_name("queries.yaml")).read_text(encoding="utf-8"))
RECALL_AT_3_TARGET = 0.95
MRR_TARGET = 0.85


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    index = SearchIndex(ContentStore(SAMPLE_CONTENT), tmp_path_factory.mktemp("relevance-ix"))
    result = index.update()
    assert not result.problems, result.problems
    s = Searcher(index)
    yield s
    s.close()


def test_query_set_is_realistic_and_points_at_approved_articles():
    store = ContentStore(SAMPLE_CONTENT)
    approved = {a.id for a in store.load_all().articles if a.status == "approved"}
    assert len(QUERIES) >= 60
    for q in QUERIES:
        assert q["expect"], q
        assert set(q["expect"]) <= approved, q


def test_recall_at_3_and_mrr(searcher):
    hits_at_3, reciprocal_ranks, misses = 0, [], []
    for q in QUERIES:
        ranked = [h.id for h in searcher.search(q["query"], limit=10).hits]
        expected = set(q["expect"])
        rank = next((i for i, doc in enumerate(ranked, 1) if doc in expected), None)
        hits_at_3 += rank is not None and rank <= 3
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        if rank != 1:
            misses.append(f"  rank {rank or '-'}: {q['query']!r} expected {q['expect'][0]}, got {ranked[:3]}")
    recall = hits_at_3 / len(QUERIES)
    mrr = sum(reciprocal_ranks) / len(QUERIES)
    print(f"\nrelevance over {len(QUERIES)} queries: recall@3 = {recall:.3f}, MRR = {mrr:.3f}")
    print("\n".join(misses))
    assert recall >= RECALL_AT_3_TARGET and mrr >= MRR_TARGET, "\n".join(misses)
