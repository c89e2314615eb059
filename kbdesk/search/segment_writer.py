"""Reading and writing Whoosh posting lists a block at a time.

Whoosh's own writer collects every posting of a segment as a tuple in a
sorting pool, spills sorted runs to temporary files past a memory limit,
merges them back and then writes each posting with several Python calls.
For a 5,000-article segment that is most of the build time and more memory
than the whole index. Documents are added in number order, so the postings
of each term arrive sorted anyway: :class:`PostingLists` keeps them as two
compact arrays per term, and :func:`write_postings` writes them a block at a
time, producing the same on-disk format (codec W3) that Whoosh reads.
:func:`read_postings` is the way back, for searching and for merging.
These reach into whoosh-reloaded 2.7.x's codec W3 (pinned in pyproject).
"""

from __future__ import annotations

import operator
import pickle
import struct
import zlib
from array import array
from itertools import accumulate, groupby, islice, repeat

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher, W3PostingsWriter, W3TermInfo
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter


def read_postings(m, base: int, docs: list, weights: list) -> None:
    """Append the document numbers (plus *base*) and weights of matcher *m*,
    a block at a time where it is the codec's own leaf matcher."""
    if type(m) is W3LeafMatcher and not m._byteids:
        while m.is_active():
            m._read_data()
            data = m._data
            block_docs = accumulate(data[0], initial=base)
            next(block_docs)  # ids are stored as gaps from the previous one
            docs.extend(block_docs)
            w = data[1]
            if w is None:
                weights.extend(repeat(1.0, m._blocklength))
            elif isinstance(w, float):
                weights.extend(repeat(w, m._blocklength))
            else:
                weights.extend(w)
            m._next_block()
        return
    while m.is_active():
        docs.append(base + m.id())
        weights.append(m.weight())
        m.next()


def term_matchers(reader, schema):
    """(fieldname, term bytes, raw matcher) of every term of a segment, in
    order, walking the term table once (a look-up per term costs ~40 µs).
    Deleted documents are still in the matchers."""
    terms = reader._terms
    for (fieldname, tbytes), info in terms.items():
        if fieldname in schema:
            fmt = schema[fieldname].format
            yield fieldname, tbytes, terms._codec.postings_reader(terms._postfile, info, fmt, term=(fieldname, tbytes))


class PostingLists:
    """Stands in for Whoosh's PostingPool (same ``add`` and ``iter_postings``)."""

    def __init__(self):
        # (fieldname, term bytes) -> [docnums, weights, values or None]
        self._lists: dict[tuple[str, bytes], list] = {}
        self._unsorted: set[tuple[str, bytes]] = set()
        self.fieldnames: set[str] = set()

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        key = (fieldname, tbytes)
        entry = self._lists.get(key)
        if entry is None:
            entry = self._lists[key] = [array("I"), array("f"), None]
            self.fieldnames.add(fieldname)
        elif docnum <= entry[0][-1]:
            self._unsorted.add(key)  # merging may add readers out of order
        if vbytes and entry[2] is None:
            entry[2] = [b""] * len(entry[0])
        entry[0].append(docnum)
        entry[1].append(weight)
        if entry[2] is not None:
            entry[2].append(vbytes or b"")

    def __len__(self) -> int:
        return len(self._lists)

    def terms(self):
        """(fieldname, term bytes, docnums, weights, values or None), sorted by field and term."""
        for key in sorted(self._lists):
            docs, weights, values = self._lists[key]
            if key in self._unsorted:
                order = sorted(range(len(docs)), key=docs.__getitem__)
                docs = array("I", (docs[i] for i in order))
                weights = array("f", (weights[i] for i in order))
                values = None if values is None else [values[i] for i in order]
            yield key[0], key[1], docs, weights, values

    def iter_postings(self):
        for fieldname, tbytes, docs, weights, values in self.terms():
            for i, docnum in enumerate(docs):
                yield fieldname, tbytes, docnum, weights[i], (values[i] if values is not None else None)

    def cleanup(self) -> None:
        self._lists.clear()
        self._unsorted.clear()


# Segments of up to this many documents (an edit's) are written uncompressed.
UNCOMPRESSED_DOCS = 512


class _BlockWriter(W3PostingsWriter):
    """Writes a whole posting list, one block per call instead of one
    Python call per posting (for fields whose postings carry values)."""

    def write_all(self, docs: array, weights: array, values, lengths) -> None:
        limit = self._blocklimit
        total = len(docs)
        for start in range(0, total, limit):
            end = min(start + limit, total)
            block_docs = docs[start:end]
            self._ids = block_docs
            self._weights = weights[start:end]
            self._values = [] if values is None else [v for v in values[start:end] if v]
            self._maxweight = max(0, max(self._weights))
            block_lengths = [n for n in map(lengths.__getitem__, block_docs) if n] if lengths else []
            self._minlength = min(block_lengths) if block_lengths else None
            self._maxlength = max(block_lengths) if block_lengths else 0
            self._write_block(last=end == total)

    def _mini_ids(self):
        ids = self._ids  # delta-encoded, as Whoosh's reader expects
        return (ids[0], *map(operator.sub, islice(ids, 1, None), ids))


_TERMINFO = W3TermInfo._struct
_KEY_VALUE_LENGTHS = struct.Struct("!ii")  # filetables' _lengths


class _TermTable:
    """Adds rows to a segment's term table (an OrderedHashWriter) as its own
    ``add`` would, but writes each field's rows at once: per term, Whoosh's
    add costs four writes, four tells and an assertion."""

    def __init__(self, tindex):
        self._tindex = tindex
        self._rows = bytearray()
        self._pos = tindex.dbfile.tell()

    def add(self, key: bytes, value: bytes) -> None:
        tindex = self._tindex
        if key <= tindex.lastkey:
            raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{key!r}")
        pos = self._pos + len(self._rows)
        tindex.index.append(pos)
        self._rows += _KEY_VALUE_LENGTHS.pack(len(key), len(value))
        self._rows += key
        self._rows += value
        h = tindex.hashfn(key)
        tindex.buckets[h & 255].append((h, pos))
        tindex.lastkey = key

    def flush(self) -> None:
        self._tindex.dbfile.write(self._rows)
        self._pos += len(self._rows)
        self._rows.clear()


# What is kept in memory before it is written: a build segment's field holds
# tens of megabytes of postings.
_FLUSH_BYTES = 1 << 20


def _write_value_free_field(postfile, table: _TermTable, fieldid: bytes, terms, lengths,
                            blocklimit: int, compression: int) -> None:
    """The posting lists of one field whose postings carry no values, as
    W3PostingsWriter and W3FieldWriter would write them (same blocks, block
    statistics and term infos, byte for byte), built in memory: Whoosh's way
    costs about 40 µs per term, which was most of an edit's update."""
    out = bytearray()
    base = postfile.tell()
    get_length = lengths.__getitem__ if lengths else None
    dumps = pickle.dumps
    for tbytes, docs, weights in terms:
        if len(out) > _FLUSH_BYTES:
            postfile.write(out)
            base += len(out)
            out.clear()
            table.flush()
        start = base + len(out)
        out += WHOOSH3_HEADER_MAGIC
        total = len(docs)
        if total == 1:
            # Most terms of an edit's segment: the same bytes, without the loops.
            doc, w = docs[0], weights[0]
            n = get_length(doc) if get_length is not None else 0
            length_byte = length_to_byte(n or None)
            data = dumps(((doc,), None if w == 1.0 else w, None), 2)
            if compression:
                data = zlib.compress(data, compression)
            block_max = max(0, w)
            info = dumps((1, doc, block_max, compression, length_byte, length_to_byte(n)), 2)
            out += pack_int(-(len(info) + len(data)))
            out += info
            out += data
            row = _TERMINFO.pack(False, w, 1, length_byte, length_to_byte(n), block_max, doc, doc)
            table.add(fieldid + tbytes, row + pack_long(start) + pack_int(base + len(out) - start))
            continue
        term_weight, minlength, maxlength, maxweight = 0.0, None, 0, 0
        for first in range(0, total, blocklimit):
            end = min(first + blocklimit, total)
            ids = docs[first:end]
            block_weights = weights[first:end]
            block_max = max(0, max(block_weights))
            if get_length is not None:
                block_lengths = [n for n in map(get_length, ids) if n]
                block_min = min(block_lengths) if block_lengths else None
                block_long = max(block_lengths) if block_lengths else 0
            else:
                block_min, block_long = None, 0
            w0 = block_weights[0]
            if all(w == 1.0 for w in block_weights):
                mini_weights = None
            elif all(w == w0 for w in block_weights):
                mini_weights = w0
            else:
                mini_weights = tuple(block_weights)
            mini_ids = (ids[0], *map(operator.sub, islice(ids, 1, None), ids))
            data = pickle.dumps((mini_ids, mini_weights, None), 2)
            if compression:
                data = zlib.compress(data, compression)
            info = pickle.dumps((len(ids), ids[-1], block_max, compression,
                                 length_to_byte(block_min), length_to_byte(block_long)), 2)
            size = len(info) + len(data)
            out += pack_int(-size if end == total else size)
            out += info
            out += data
            term_weight += sum(block_weights)
            minlength = block_min if minlength is None else min(minlength, block_min)
            maxlength = max(maxlength, block_long)
            maxweight = max(maxweight, block_max)
        row = _TERMINFO.pack(False, term_weight, total, 0 if minlength is None else length_to_byte(minlength),
                             length_to_byte(maxlength), maxweight, docs[0], docs[-1])
        table.add(fieldid + tbytes, row + pack_long(start) + pack_int(base + len(out) - start))
    postfile.write(out)
    table.flush()


def write_postings(fieldwriter, schema, pool: PostingLists, lengths_reader, doc_count: int) -> None:
    """Write every posting in *pool* through *fieldwriter* (a W3FieldWriter)."""
    codec = fieldwriter._codec
    # (an edit's segment is small and soon merged: compressing it cost
    # 15 ms of the update of a 40 KB article)
    compression = codec._compression if doc_count > UNCOMPRESSED_DOCS else 0
    for fieldname, terms in groupby(pool.terms(), key=operator.itemgetter(0)):
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        lengths = None
        if lengths_reader is not None and fieldobj.scorable:
            # Read back as stored (one byte per document): block statistics must agree with it.
            read = lengths_reader.doc_field_length
            lengths = [read(d, fieldname, 0) for d in range(doc_count)]
        if fieldobj.format.fixed_value_size() == 0:  # its postings' values are all empty
            _write_value_free_field(fieldwriter._postfile, _TermTable(fieldwriter._tindex),
                                    pack_ushort(fieldwriter._fieldid),
                                    ((tbytes, docs, weights) for _, tbytes, docs, weights, _ in terms),
                                    lengths, codec._blocklimit, compression)
        else:
            block_writer = fieldwriter._postwriter = _BlockWriter(
                fieldwriter._postfile, blocklimit=codec._blocklimit, compression=compression,
                inlinelimit=codec._inlinelimit)
            for _, tbytes, docs, weights, values in terms:
                fieldwriter.start_term(tbytes)
                block_writer.write_all(docs, weights, values, lengths)
                fieldwriter.finish_term()
        fieldwriter.finish_field()


class FastSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter with :class:`PostingLists` in place of its pool
    (deletions, merging and committing are Whoosh's)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = PostingLists()

    def add_postings_to_pool(self, reader, startdoc, docmap):
        """Merging: a segment's postings, renumbered, read a block at a time."""
        schema, add = self.schema, self.pool.add
        deleted = reader.deleted_docs_set or ()
        for fieldname, tbytes, matcher in term_matchers(reader, schema):
            if schema[fieldname].format.fixed_value_size() != 0:  # postings with values: Whoosh's way
                for item in self._process_posts(_term_postings(reader, fieldname, tbytes), startdoc, docmap):
                    add(item)
                continue
            docs: list[int] = []
            weights: list[float] = []
            read_postings(matcher, 0, docs, weights)
            for docnum, weight in zip(docs, weights):
                if docnum not in deleted:
                    add((fieldname, tbytes, docmap[docnum] if docmap is not None else startdoc + docnum, weight, None))

    def _flush_segment(self):
        self.perdocwriter.close()
        lengths_reader = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_postings(self.fieldwriter, self.schema, self.pool, lengths_reader, self.docnum)
        finally:
            if lengths_reader is not None:
                lengths_reader.close()
        self.fieldwriter.close()


# Each edit adds a small segment. Once MERGE_FACTOR segments of about the
# same size (the same power of MERGE_FACTOR documents) pile up, they are
# merged into one: a merge rewrites few documents and only rarely more, and
# a search or an update never has many segments to open. Segments from
# MAX_MERGE_TIER up (a full build's) are left alone: merging them would hold
# the index's lock for many seconds.
MERGE_FACTOR = 8
MAX_MERGE_TIER = 3  # segments under 8**3 = 512 documents are merged (at most ~4,000 at once)


def segments_to_merge(segments, at: int = MERGE_FACTOR) -> list:
    """The smallest tier with *at* or more segments, or []."""
    tiers: dict[int, list] = {}
    for segment in segments:
        count, tier = segment.doc_count_all(), 0
        while count >= MERGE_FACTOR:
            count //= MERGE_FACTOR
            tier += 1
        tiers.setdefault(tier, []).append(segment)
    return next((tiers[t] for t in sorted(tiers) if t < MAX_MERGE_TIER and len(tiers[t]) >= at), [])


def merge_tiers(writer, segments, at: int = MERGE_FACTOR):
    """A Whoosh merge policy (``writer.commit(mergetype=merge_tiers)``):
    merges a tier once it has *at* segments."""
    from whoosh.reading import SegmentReader

    merging = segments_to_merge(segments, at)
    for segment in merging:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [s for s in segments if s not in merging]


def _term_postings(reader, fieldname, tbytes):
    m = reader.postings(fieldname, tbytes)  # without deleted documents
    while m.is_active():
        yield fieldname, tbytes, m.id(), m.weight(), m.value()
        m.next()


def merge_tiers_overdue(writer, segments):
    """The policy for a commit that must stay quick: merges only when a
    tier has four times its due number of segments, i.e. when nobody has
    called for a merge in a long time (see SearchIndex.merge_segments)."""
    return merge_tiers(writer, segments, at=4 * MERGE_FACTOR)
