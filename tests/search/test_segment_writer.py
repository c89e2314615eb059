"""kbdesk's segment writer must write exactly what Whoosh's own writer writes."""

from __future__ import annotations

from random import Random

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, Schema
from whoosh.writing import SegmentWriter

from kbdesk.search.analysis import Terms
from kbdesk.search.schema import TermsField
from kbdesk.search.segment_writer import FastSegmentWriter, PostingLists

SCHEMA = Schema(path=ID(stored=True, unique=True), words=TermsField(), tags=KEYWORD(commas=True),
                note=STORED())


def _documents(n: int) -> list[dict]:
    rng = Random(5)
    vocab = [f"w{i}" for i in range(60)]
    docs = []
    for i in range(n):
        picked = rng.sample(vocab, rng.randint(1, 25))
        weights = {w: float(rng.choice((1, 2, 3.5, 4.5))) for w in picked}
        docs.append({"path": f"d{i}.md", "words": Terms(weights, len(picked) + rng.randint(0, 30)),
                     "tags": ",".join(rng.sample(["a", "b", "c"], 2)), "note": i})
    return docs


def _write(tmp_path, name, writer_class, docs):
    folder = tmp_path / name
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), SCHEMA)
    writer = writer_class(ix)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return ix


def _everything(ix) -> dict:
    """Per term: postings (doc, weight) and term statistics; per doc: lengths."""
    out = {}
    with ix.reader() as reader:
        for fieldname, tbytes in reader.all_terms():
            info = reader.term_info(fieldname, tbytes)
            m = reader.postings(fieldname, tbytes)
            postings = []
            while m.is_active():
                postings.append((m.id(), round(m.weight(), 4)))
                m.next()
            out[(fieldname, tbytes)] = (postings, info.doc_frequency(), round(info.weight(), 4),
                                        info.min_length(), info.max_length(), round(info.max_weight(), 4))
        out["lengths"] = [reader.doc_field_length(d, "words") for d in range(reader.doc_count_all())]
        out["stored"] = [reader.stored_fields(d) for d in range(reader.doc_count_all())]
    return out


@pytest.mark.parametrize("count", [1, 127, 128, 129, 700])  # around Whoosh's 128-posting blocks
def test_fast_writer_writes_what_whoosh_writes(tmp_path, count):
    docs = _documents(count)
    theirs = _everything(_write(tmp_path, "whoosh", SegmentWriter, docs))
    ours = _everything(_write(tmp_path, "kbdesk", FastSegmentWriter, docs))
    assert ours == theirs
    # the large case spans several blocks per term
    assert count < 700 or any(len(v[0]) > 256 for k, v in ours.items() if k not in ("lengths", "stored"))


def test_block_statistics_let_whoosh_skip_blocks_as_before(tmp_path):
    docs = _documents(700)
    ix = _write(tmp_path, "kbdesk", FastSegmentWriter, docs)
    with ix.searcher() as searcher:
        # a top-10 search with block-max skipping must agree with a full scan
        from whoosh import query as Q
        q = Q.Or([Q.Term("words", "w1"), Q.Term("words", "w2")])
        quick = [(h.docnum, round(h.score, 5)) for h in searcher.search(q, limit=10)]
        full = sorted(((h.docnum, round(h.score, 5)) for h in searcher.search(q, limit=None)),
                      key=lambda x: (-x[1], x[0]))[:10]
    assert quick == full


def test_posting_lists_sort_a_term_whose_documents_came_out_of_order():
    pool = PostingLists()
    for docnum in (5, 2, 9):
        pool.add(("words", b"x", docnum, float(docnum), None))
    pool.add(("words", b"a", 3, 1.0, b"\x01"))
    (f1, t1, d1, w1, v1), (f2, t2, d2, w2, v2) = list(pool.terms())
    assert (t1, list(d1), v1) == (b"a", [3], [b"\x01"])
    assert (t2, list(d2), list(w2), v2) == (b"x", [2, 5, 9], [2.0, 5.0, 9.0], None)


def test_terms_field_refuses_raw_text():
    with pytest.raises(TypeError, match="analysed Terms"):
        TermsField().index("退款多久到账")


def _by_path(ix) -> dict:
    """term -> {(path, weight)} of live documents: what a merge must keep."""
    out = {}
    with ix.reader() as reader:
        paths = {d: reader.stored_fields(d)["path"] for d in reader.all_doc_ids()}
        for fieldname, tbytes in reader.all_terms():
            if fieldname == "path":
                continue
            m = reader.postings(fieldname, tbytes)
            found = set()
            while m.is_active():
                found.add((paths[m.id()], round(m.weight(), 4)))
                m.next()
            if found:
                out[(fieldname, tbytes)] = found
    return out


def test_tiered_merge_keeps_every_live_posting_and_drops_deleted_ones(tmp_path):
    from kbdesk.search.segment_writer import MERGE_FACTOR, merge_tiers

    docs = _documents(MERGE_FACTOR + 2)
    ix = whoosh_index.create_in(str(tmp_path), SCHEMA)
    for doc in docs[:MERGE_FACTOR + 1]:
        writer = FastSegmentWriter(ix)
        writer.add_document(**doc)
        writer.commit(merge=False)
    writer = FastSegmentWriter(ix)
    writer.delete_by_term("path", docs[2]["path"])
    writer.commit(merge=False)
    before = _by_path(ix)
    assert len(ix._segments()) == MERGE_FACTOR + 1
    writer = FastSegmentWriter(ix)
    writer.add_document(**docs[-1])
    writer.commit(mergetype=merge_tiers)
    segments = ix._segments()
    assert len(segments) == 1 and segments[0].doc_count_all() == MERGE_FACTOR + 1  # 9 old - 1 deleted + 1 new
    after = _by_path(ix)
    new_doc = docs[-1]["path"]
    old_docs_after = {k: {p for p in v if p[0] != new_doc} for k, v in after.items()}
    assert {k: v for k, v in old_docs_after.items() if v} == before
    assert not any(p[0] == docs[2]["path"] for v in after.values() for p in v)


@pytest.mark.parametrize("flush_bytes", [None, 64])  # 64: written out many times per field
@pytest.mark.parametrize("count", [129, 700])  # 700: compressed blocks, as Whoosh writes them
def test_term_and_posting_files_are_whoosh_s_byte_for_byte(tmp_path, monkeypatch, count, flush_bytes):
    from kbdesk.search import segment_writer

    if flush_bytes:
        monkeypatch.setattr(segment_writer, "_FLUSH_BYTES", flush_bytes)
    docs = _documents(count)
    # terms of one posting, with weight 1 and not, take their own way through the writer
    docs.append({"path": "solo.md", "words": Terms({"solo": 2.5, "alone": 1.0, "w1": 1.0}, 9), "tags": "z"})
    files = {}
    for name, writer_class in (("whoosh", SegmentWriter), ("kbdesk", FastSegmentWriter)):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), SCHEMA)
        writer = writer_class(ix, compound=False)
        if count <= 512:
            writer.codec._compression = 0  # kbdesk leaves an edit's small segment uncompressed
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
        files[name] = {p.suffix: p.read_bytes() for p in folder.iterdir() if p.suffix in (".trm", ".pst")}
    assert set(files["kbdesk"]) == {".trm", ".pst"}
    assert files["kbdesk"] == files["whoosh"]
