"""The term-at-a-time scorer against Whoosh's own evaluation, on real indexes."""

from __future__ import annotations

from random import Random

import pytest
from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.fields import ID, Schema

from kbdesk.search.analysis import Terms
from kbdesk.search.matching import TermScorer, as_dict, top
from kbdesk.search.schema import TermsField
from kbdesk.search.segment_writer import FastSegmentWriter

SCHEMA = Schema(path=ID(stored=True, unique=True), words=TermsField(), pinyin=TermsField())
VOCAB = [f"w{i}" for i in range(40)]


def _doc(rng: Random, i: int) -> dict:
    picked = rng.sample(VOCAB, rng.randint(1, 15))
    return {"path": f"d{i}.md",
            "words": Terms({w: float(rng.choice((1, 1, 2, 3))) for w in picked}, len(picked) + rng.randint(0, 40)),
            "pinyin": Terms({p: 1.0 for p in rng.sample(["tuikuan", "tuihuo", "tk", "wuliu"], 2)}, 2)}


@pytest.fixture
def ix(tmp_path):
    """Three segments (300, 200 and 1 documents) and some deleted documents."""
    rng = Random(11)
    index = whoosh_index.create_in(str(tmp_path), SCHEMA)
    n = 0
    for size in (300, 200):
        writer = FastSegmentWriter(index)
        for _ in range(size):
            writer.add_document(**_doc(rng, n))
            n += 1
        writer.commit(merge=False)
    writer = FastSegmentWriter(index)
    writer.update_document(**_doc(rng, 7))  # replaces d7: deletes it in the first segment
    writer.delete_by_term("path", "d250.md")
    writer.commit(merge=False)
    assert len(index._segments()) == 3
    return index


def _whoosh_scores(searcher, q) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}


def _same(ours, theirs: dict) -> None:
    ours = as_dict(ours)
    assert ours.keys() == theirs.keys()
    for d in ours:
        assert ours[d] == pytest.approx(theirs[d], rel=1e-6), d


@pytest.mark.parametrize("q", [
    Q.Term("words", "w3"),
    Q.Term("words", "w3", boost=2.5),
    Q.Or([Q.Term("words", "w1"), Q.Term("words", "w2"), Q.Term("pinyin", "tk")]),
    Q.And([Q.Term("words", "w1"), Q.Term("words", "w2")]),
    Q.And([Q.Term("words", "w1"), Q.Or([Q.Term("words", "w5"), Q.Term("words", "w6")])], boost=0.7),
    Q.AndMaybe(Q.Term("words", "w1"), Q.Term("words", "w9")),
    Q.Term("words", "nowhere"),
    # terms of an Or are added up as postings, the rest as arrays; nested Ors keep their boosts
    Q.Or([Q.Term("words", "w1"), Q.Or([Q.Term("words", "w2"), Q.Term("words", "w3", boost=0.5)], boost=0.6),
          Q.And([Q.Term("words", "w4"), Q.Term("words", "w5")])], boost=1.5),
    Q.Or([Q.Term("words", "nowhere"), Q.And([Q.Term("words", "w4"), Q.Term("words", "w5")])]),
], ids=repr)
def test_scores_are_whooshs_bm25f(ix, q):
    with ix.searcher() as searcher:
        _same(TermScorer(searcher).scores(q), _whoosh_scores(searcher, q))


def test_deleted_documents_never_match(ix):
    with ix.searcher() as searcher:
        scorer = TermScorer(searcher)
        deleted = {d for d in range(searcher.doc_count_all()) if searcher.reader().is_deleted(d)}
        assert len(deleted) == 2
        everything = as_dict(scorer.scores(Q.Or([Q.Term("words", w) for w in VOCAB])))
        assert not deleted & everything.keys()
        assert len(everything) == searcher.doc_count()
        paths = {searcher.stored_fields(d)["path"] for d in everything}
        assert "d250.md" not in paths and "d7.md" in paths  # d7 lives on in the last segment


def test_prefix_and_fuzzy_score_a_fixed_amount(ix):
    with ix.searcher() as searcher:
        scorer = TermScorer(searcher)
        prefix = as_dict(scorer.scores(Q.Prefix("pinyin", "tui", boost=0.9)))
        either = as_dict(scorer.scores(Q.Or([Q.Term("pinyin", "tuikuan"), Q.Term("pinyin", "tuihuo")])))
        assert prefix.keys() == either.keys() and set(prefix.values()) == {0.9}
        typo = as_dict(scorer.scores(Q.FuzzyTerm("pinyin", "wuliv", boost=0.5, maxdist=1, prefixlength=1)))
        assert typo.keys() == as_dict(scorer.scores(Q.Term("pinyin", "wuliu"))).keys() and set(typo.values()) == {0.5}


def test_top_orders_by_score_then_document(ix):
    import numpy as np

    scores = np.zeros(12)
    scores[[5, 2, 9, 1, 11]] = [1.0, 3.0, 1.0, 0.5, 1.0]
    assert top(scores, 3) == [2, 5, 9]  # 11 ties with 5 and 9 and loses
    assert top(scores, 2, among=np.array([1, 9, 11])) == [9, 11]


def test_what_is_read_of_a_segment_is_shared_between_index_versions(ix):
    cache: dict = {}
    with ix.searcher() as searcher:
        TermScorer(searcher, cache).scores(Q.Term("words", "w1"))
        ids = [r.segment().segment_id() for r, _ in searcher.reader().leaf_readers()]
    # lengths of the field used in every segment; all postings of the small (1-document) one
    assert set(cache) == {(i, ("lengths", "words")) for i in ids} | {(ids[2], "postings")}
    first = dict(cache)
    with ix.searcher() as searcher:
        scorer = TermScorer(searcher, cache)
        scorer.scores(Q.Term("words", "w1"))
        assert all(cache[k] is first[k] for k in first)


def test_small_segments_read_whole_give_the_same_matches(ix, monkeypatch):
    import kbdesk.search.matching as matching

    queries = [Q.Term("words", "w3"), Q.Prefix("pinyin", "tui", boost=0.9),
               Q.And([Q.Term("words", "w1"), Q.Term("pinyin", "tk")])]
    with ix.searcher() as searcher:
        read_whole = [as_dict(TermScorer(searcher).scores(q)) for q in queries]
        monkeypatch.setattr(matching, "SMALL_SEGMENT_DOCS", 0)
        scorer = TermScorer(searcher)
        assert not any(s.small for s in scorer.segments)
        assert [as_dict(scorer.scores(q)) for q in queries] == read_whole
        monkeypatch.setattr(matching, "SMALL_SEGMENT_DOCS", 1000)
        scorer = TermScorer(searcher)
        assert all(s.small for s in scorer.segments)
        every = [as_dict(scorer.scores(q)) for q in queries]
    for ours, theirs in zip(every, read_whole):
        assert ours.keys() == theirs.keys()
        assert all(ours[d] == pytest.approx(theirs[d]) for d in ours)


def test_unknown_query_types_are_refused(ix):
    with ix.searcher() as searcher:
        with pytest.raises(TypeError, match="Wildcard"):
            TermScorer(searcher).scores(Q.Wildcard("words", "w*1"))


def test_scored_terms_are_kept_for_the_next_query_within_a_bound(ix, monkeypatch):
    import kbdesk.search.matching as matching

    with ix.searcher() as searcher:
        scorer = TermScorer(searcher)
        first = scorer.term("words", "w1")
        first[:] = 0  # a caller's changes must not reach the cache
        again = as_dict(scorer.term("words", "w1", boost=2.0))
        fresh = as_dict(TermScorer(searcher).term("words", "w1"))
        assert again.keys() == fresh.keys() and all(again[d] == pytest.approx(2 * fresh[d]) for d in fresh)
        monkeypatch.setattr(matching, "TERM_CACHE_POSTINGS", len(fresh) + 5)
        monkeypatch.setattr(matching, "TERM_CACHE_PER_DOCUMENT", 0)
        scorer = TermScorer(searcher)
        for word in VOCAB[:10]:
            scorer.term("words", word)
        assert 0 < scorer._term_cache_size <= len(fresh) + 5
        assert scorer._term_cache_size == sum(len(docs) for docs, _ in scorer._term_cache.values())


def test_filter_fields_leave_out_deleted_documents_too(tmp_path):
    from whoosh.fields import ID as IDField

    index = whoosh_index.create_in(str(tmp_path), Schema(path=IDField(stored=True, unique=True), status=IDField()))
    writer = FastSegmentWriter(index)
    for i in range(3):
        writer.add_document(path=f"d{i}", status="draft")
    writer.commit()
    writer = FastSegmentWriter(index)
    writer.delete_by_term("path", "d1")
    writer.commit(merge=False)
    with index.searcher() as searcher:
        ours = TermScorer(searcher).scores(Q.Term("status", "draft"))
        assert set(as_dict(ours)) == set(_whoosh_scores(searcher, Q.Term("status", "draft"))) == {0, 2}
