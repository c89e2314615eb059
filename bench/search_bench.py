"""Search benchmark for kbdesk: index build, incremental update, query latency, memory.

    python bench/search_bench.py --docs 10000 [--json] [--queries 300] [--keep DIR]

One run generates a synthetic Chinese knowledge base of N articles (~2.5 KB
each) by recombining, with ``random.Random(42)``, the titles, tags,
categories, headings, sentences and list items of the real sample content in
``content/`` (about 5% converted to Traditional Chinese, Latin terms and order
numbers mixed in as the samples do), then measures:

* the full Whoosh build (``SearchIndex.update(full=True)``);
* an incremental update after one article is edited (p50/p95 of >= 20 edits),
  timed until the edit is searchable; the merges of small segments that the
  window and ``kbdesk index`` run afterwards are timed on their own;
* query latency of ``Searcher.search(q, limit=10)`` with snippets, over a few
  hundred realistic queries (titles, tags, word combinations, Traditional
  forms, pinyin, natural questions), and a "type-ahead" series in which every
  prefix of 20 queries is searched;
* peak RSS of this process and of its children (the build forks a worker).

SQLite FTS5 is the baseline because it is the obvious zero-dependency
alternative (sqlite3 ships with Python): a C inverted index over the *same*
rjieba tokens shows what kbdesk's pure-Python stack (Whoosh, bigrams, pinyin,
synonyms, fuzzy Latin terms, relaxed fallback) costs on top. FTS5 does less:
AND of precise-mode words over title+body only, no pinyin, no fallback; it
still parses the same files and builds bm25-ranked snippets. ``peak_rss_mb``
is taken before the FTS5 phase, so it is kbdesk's figure (plus the generator).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from random import Random

import opencc
import yaml
from pypinyin import lazy_pinyin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kbdesk import textforms
from kbdesk.content.article import ArticleError, parse_article  # noqa: E402
from kbdesk.content.markdown import to_text as markdown_to_text  # noqa: E402
from kbdesk.content.store import ContentStore  # noqa: E402
from kbdesk.search import analysis  # noqa: E402
from kbdesk.search.index import SearchIndex  # noqa: E402
from kbdesk.search.query import QUERY_STOP_WORDS
from kbdesk.search.searcher import Searcher

SAMPLES = Path(__file__).resolve().parents[1] / "content"
# metric -> (upper limit, label); the targets are stated for 10,000 documents.
TARGETS = {
    "index_seconds": (25.0, "full build <= 25 s"),
    "incremental_p95_ms": (200.0, "incremental p95 <= 200 ms"),
    "query_p95_ms": (30.0, "query p95 <= 30 ms"),
    "query_p95_vs_fts5": (5.0, "query p95 <= 5x FTS5 p95"),
    "peak_rss_mb": (300.0, "peak RSS (self) <= 300 MB"),
    "peak_rss_children_mb": (300.0, "peak RSS (build child) <= 300 MB"),
}
SENT_RE = re.compile(r"[^。！？；!?]+[。！？；!?]?")
ITEM_RE = re.compile(r"^(?:[-*+]|\d+\.)\s+(.*)")
ORDER_SENTENCES = ["例如订单号 {o}，先在系统中核对下单时间和支付状态。", "客户提供的订单号为 {o} 时，按订单当前状态处理。",
                   "工单备注写明订单号 {o}，并告知客户处理时限。", "查询 {o} 的物流记录后再回复客户。"]
QUESTIONS = ["客户问{a}怎么办", "{a}需要多久", "{a}怎么处理", "如何{a}", "{a}是什么意思", "客户说{a}了怎么回复",
             "{a}和{b}有什么区别", "{a}的时候要注意什么", "{a}可以{b}吗", "请问{a}在哪里看"]


# -- vocabulary of the sample content ---------------------------------------------------

class Theme:
    """What one sample article contributes: its words, used together."""

    def __init__(self, article, fix):
        self.title, self.category = fix(article.title), fix(article.category)
        self.tags = [fix(t) for t in article.tags]
        self.headings, self.sentences, self.items, self.tables = [], [], [], []
        table: list[str] = []
        for line in [*fix(article.body).splitlines(), ""]:
            s = line.strip()
            if s.startswith("|"):
                table.append(s)
                continue
            if len(table) >= 3:
                self.tables.append("\n".join(table))
            table = []
            if not s or s.startswith("# ") or s.startswith("---"):
                continue
            if s.startswith("#"):
                self.headings.append(s.lstrip("#").strip())
            elif m := ITEM_RE.match(s):
                self.items.append(m.group(1))
            else:
                self.sentences += [x.strip() for x in SENT_RE.findall(s) if len(x.strip()) >= 6]


def harvest(root: Path) -> list[Theme]:
    t2s, tw2sp = opencc.OpenCC("t2s"), opencc.OpenCC("tw2sp")
    themes = []
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if any(p.startswith(".") for p in rel.split("/")):
            continue
        try:
            art = parse_article(rel, path.read_bytes())
        except ArticleError:
            continue
        whole = art.title + art.body  # Traditional samples are folded to Simplified first
        themes.append(Theme(art, tw2sp.convert if t2s.convert(whole) != whole else str))
    if not themes:
        sys.exit(f"no sample articles found in {root}")
    return themes


# -- the synthetic knowledge base -----------------------------------------------------------

def generate(root: Path, n: int, themes: list[Theme], seg) -> tuple[list[str], list[str]]:
    """Write n articles under root; returns (relative paths, order numbers used)."""
    rng, s2t = Random(42), opencc.OpenCC("s2t")
    pool = lambda attr: [x for t in themes for x in getattr(t, attr)]  # noqa: E731
    all_tags, all_sents, all_items, all_heads = pool("tags"), pool("sentences"), pool("items"), pool("headings")
    categories = sorted({t.category for t in themes if t.category}) or ["常见问题"]
    owners = ["王敏", "刘芳", "李娜", "张伟", "周婷", "陈静"]
    kinds = {"faq": ("faq", "faq"), "standard": ("standards", "std"), "script": ("scripts", "scr")}
    paths, orders = [], []
    day0 = dt.date(2026, 1, 1)

    def pick(own, everyone):  # mostly the theme's own text, not repeated within an article
        for _ in range(8):
            x = rng.choice(own if own and rng.random() < 0.65 else everyone)
            if x not in used:
                break
        used.add(x)
        return x

    for i in range(n):
        th, used = rng.choice(themes), set()
        kind = rng.choices(list(kinds), (5, 3, 2))[0]
        words = seg.words(th.title)
        slots = [k for k, w in enumerate(words) if len(w) >= 2 and textforms.is_cjk(w) and w not in QUERY_STOP_WORDS]
        if slots and rng.random() < 0.7:
            words[rng.choice(slots)] = rng.choice(all_tags)
        title = "".join(words)
        tags = list(dict.fromkeys(rng.sample(th.tags, min(3, len(th.tags))) + rng.sample(all_tags, 2)))[:5]
        updated = day0 + dt.timedelta(days=rng.randrange(300))
        folder, prefix = kinds[kind]
        meta = {"id": f"{prefix}-{i:05d}", "title": title, "kind": kind,
                "category": th.category if rng.random() < 0.8 else rng.choice(categories), "tags": tags,
                "status": rng.choices(("approved", "draft", "review", "retired"), (90, 5, 3, 2))[0],
                "owner": rng.choice(owners), "updated": updated, "review_by": updated + dt.timedelta(days=365)}
        parts = [f"# {title}", " ".join(pick(th.sentences, all_sents) for _ in range(rng.randint(2, 3)))]
        size, target = 0, rng.randint(2350, 2650)
        while size < target:
            parts.append("## " + pick(th.headings, all_heads))
            shape = rng.random()
            if shape >= 0.9 and th.tables and not used.intersection(th.tables):
                parts.append(pick(th.tables, th.tables))
            elif shape < 0.45 or not all_items:
                sents = [pick(th.sentences, all_sents) for _ in range(rng.randint(2, 5))]
                if rng.random() < 0.15:
                    orders.append(f"D2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(10, 99)}")
                    sents.insert(rng.randrange(len(sents) + 1), rng.choice(ORDER_SENTENCES).format(o=orders[-1]))
                parts.append("".join(sents))
            else:
                numbered = rng.random() < 0.5
                items = [pick(th.items, all_items) for _ in range(rng.randint(3, 6))]
                parts.append("\n".join(f"{k}. {x}" if numbered else f"- {x}" for k, x in enumerate(items, 1)))
            size = len("\n\n".join(parts).encode()) + 260  # ~ the front matter
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None)
        text = f"---\n{front}---\n\n" + "\n\n".join(parts) + "\n"
        if rng.random() < 0.05:
            text = s2t.convert(text)
        rel = f"{folder}/{meta['id']}.md"
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        paths.append(rel)
    return paths, orders


def make_queries(themes: list[Theme], seg, count: int, orders: list[str]) -> list[str]:
    rng, s2t = Random(42), opencc.OpenCC("s2t")
    words_of = lambda t: [w for w in seg.words(textforms.normalize(t)) if len(w) >= 2  # noqa: E731
                          and textforms.is_cjk(w) and w not in QUERY_STOP_WORDS]
    titles = [t.title for t in themes]
    tags = list(dict.fromkeys(tag for t in themes for tag in t.tags))
    title_words = list(dict.fromkeys(w for t in titles for w in words_of(t)))
    vocab = title_words + [t for t in tags if textforms.is_cjk(t)]
    combos = []
    for _ in range(count):
        th = rng.choice(themes)
        own = list(dict.fromkeys(words_of(th.title) + [t for t in th.tags if textforms.is_cjk(t)]))
        if len(own) >= 2:
            combos.append(rng.choice((" ", "")).join(rng.sample(own, min(len(own), rng.randint(2, 4)))))
    questions = [rng.choice(QUESTIONS).format(a=rng.choice(vocab), b=rng.choice(vocab)) for _ in range(count // 6)]
    pinyin = ["".join(lazy_pinyin(t)) for t in rng.sample(tags, min(len(tags), count // 10)) if textforms.is_cjk(t)]
    latin = ["VIP", "APP 闪退", "5W1H", "vip 退费", "SLA", "app登录", *orders[:3]]
    plain = titles + tags + title_words + combos[: count // 3] + questions
    trad = [s2t.convert(q) for q in rng.sample(plain, min(len(plain), count // 12))]
    mixed = list(dict.fromkeys(plain + trad + pinyin + latin))
    rng.shuffle(mixed)
    return (mixed * (count // len(mixed) + 1))[:count]


# -- measurements -----------------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)  # nearest-rank percentile
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def time_queries(search, queries: list[str], warmup: int = 10) -> tuple[list[float], int]:
    """Milliseconds per query (after a few untimed warm-up queries) and how many found nothing."""
    for q in queries[:warmup]:
        search(q)
    times, zero = [], 0
    for q in queries:
        start = time.perf_counter()
        found = search(q)
        times.append((time.perf_counter() - start) * 1000)
        zero += not found
    return times, zero


def incremental(store_root: Path, index: SearchIndex, paths: list[str], sentences: list[str],
                runs: int) -> tuple[list[float], list[float]]:
    """(ms until each edit is searchable, ms of each merge of small segments
    that followed, as the window and ``kbdesk index`` run it after an update)."""
    rng, times, merges = Random(7), [], []
    for _ in range(runs):
        path = store_root / rng.choice(paths)
        old = path.stat().st_mtime_ns
        with path.open("a", encoding="utf-8") as f:
            f.write("\n" + rng.choice(sentences) + "\n")
        os.utime(path, ns=(time.time_ns(), max(time.time_ns(), old + 1_000_000_000)))
        start = time.perf_counter()
        result = index.update()
        times.append((time.perf_counter() - start) * 1000)
        assert len(result.changed) == 1, result
        start = time.perf_counter()
        if index.merge_segments():
            merges.append((time.perf_counter() - start) * 1000)
    return times, merges


def fts5_tokens(seg, text: str) -> str:
    return " ".join(w for w, _, _ in seg.search_spans(textforms.normalize(text)) if w.strip())


def fts5_build(db_path: Path, store: ContentStore, seg) -> sqlite3.Connection:
    con = sqlite3.connect(db_path)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, id UNINDEXED, status UNINDEXED,"
                " title, body, tokenize='unicode61')")
    with con:
        for stamp in store.scan():
            a = store.load(stamp.path)
            con.execute("INSERT INTO docs VALUES (?,?,?,?,?)", (a.path, a.id, a.status, fts5_tokens(seg, a.title),
                                                               fts5_tokens(seg, markdown_to_text(a.body))))
    return con


def fts5_search(con: sqlite3.Connection, seg, q: str) -> list:
    words = [w for w in seg.words(textforms.normalize(q)) if w.strip() and re.search(r"\w", w)
             and w not in QUERY_STOP_WORDS]
    if not words:
        return []
    match = " AND ".join('"' + w.replace('"', '""') + '"' for w in dict.fromkeys(words))
    return con.execute("SELECT id, title, snippet(docs, 4, '<mark>', '</mark>', '…', 24) FROM docs"
                       " WHERE docs MATCH ? AND status = 'approved' ORDER BY bm25(docs, 0, 0, 0, 3.0, 1.0)"
                       " LIMIT 10", (match,)).fetchall()


def reference_ms() -> float:
    """A fixed pure-Python workload, best of three: shared machines slow down
    and speed up, and this says how fast this one was during the run."""
    best = float("inf")
    for _ in range(3):
        start, total = time.perf_counter(), 0
        for i in range(2_000_000):
            total += i
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def run(args) -> dict:
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kbdesk-bench-"))
    if args.keep and work.exists() and any(work.iterdir()):
        sys.exit(f"--keep folder must be new or empty: {work}")
    root, index_dir = work / "content", work / "index"
    root.mkdir(parents=True)
    reference_before = reference_ms()
    try:
        if (SAMPLES / ".kbdesk").is_dir():
            shutil.copytree(SAMPLES / ".kbdesk", root / ".kbdesk")
        dict_path = ContentStore(root).dictionary_path
        seg = analysis.segmenter(dict_path)
        themes = harvest(SAMPLES)
        t0 = time.perf_counter()
        paths, orders = generate(root, args.docs, themes, seg)
        gen_seconds = time.perf_counter() - t0
        corpus_bytes = sum((root / p).stat().st_size for p in paths)
        queries = make_queries(themes, seg, args.queries, orders)

        rss = {"generate": rss_mb(resource.RUSAGE_SELF)}
        store = ContentStore(root)
        index = SearchIndex(store, index_dir)
        build = index.update(full=True)
        assert len(build.added) == args.docs and not build.problems and index.exists(), build.problems[:3]
        rss["build"] = rss_mb(resource.RUSAGE_SELF)
        inc, merges = incremental(root, index, paths, [s for t in themes for s in t.sentences], args.edits)
        rss["incremental"] = rss_mb(resource.RUSAGE_SELF)

        searcher = Searcher(index)
        search = lambda q: searcher.search(q, limit=10).hits  # noqa: E731  (snippets included)
        q_times, zero = time_queries(search, queries)
        typed = [q for q in dict.fromkeys(queries) if len(q) >= 3][:20]
        ta_times, _ = time_queries(search, [q[:k] for q in typed for k in range(1, len(q) + 1) if q[:k].strip()], 0)
        searcher.close()
        rss["queries"] = peak_self = rss_mb(resource.RUSAGE_SELF)
        # build workers are started by a fork server, not by us: they report their own peak
        peak_children = max(build.worker_peak_rss_mb, rss_mb(resource.RUSAGE_CHILDREN))

        t0 = time.perf_counter()
        con = fts5_build(work / "fts5.sqlite", store, seg)
        fts_index = time.perf_counter() - t0
        f_times, f_zero = time_queries(lambda q: fts5_search(con, seg, q), queries)
        con.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    r = {
        "docs": args.docs, "sample_articles": len(themes), "corpus_mb": round(corpus_bytes / 2**20, 2),
        "generate_seconds": round(gen_seconds, 2), "index_seconds": round(build.seconds, 2),
        "incremental_runs": len(inc), "incremental_p50_ms": round(pct(inc, 50), 1),
        "incremental_p95_ms": round(pct(inc, 95), 1),
        "merges": len(merges), "merge_max_ms": round(max(merges), 1) if merges else 0.0,
        "queries": len(q_times),
        "query_p50_ms": round(pct(q_times, 50), 2), "query_p95_ms": round(pct(q_times, 95), 2),
        "query_mean_ms": round(statistics.fmean(q_times), 2), "query_max_ms": round(max(q_times), 1),
        "query_zero_hits": zero, "typeahead_searches": len(ta_times), "typeahead_p50_ms": round(pct(ta_times, 50), 2),
        "typeahead_p95_ms": round(pct(ta_times, 95), 2), "fts5_index_seconds": round(fts_index, 2),
        "fts5_query_p50_ms": round(pct(f_times, 50), 2), "fts5_query_p95_ms": round(pct(f_times, 95), 2),
        "fts5_zero_hits": f_zero, "peak_rss_mb": round(peak_self, 1), "peak_rss_children_mb": round(peak_children, 1),
        "peak_rss_total_mb": round(rss_mb(resource.RUSAGE_SELF), 1), "cpus": os.cpu_count(),
        "peak_rss_after_mb": {k: round(v, 1) for k, v in rss.items()},
        "reference_loop_ms": [round(reference_before, 1), round(reference_ms(), 1)],
    }
    r["query_p95_vs_fts5"] = round(r["query_p95_ms"] / max(r["fts5_query_p95_ms"], 1e-3), 2)
    r["index_vs_fts5"] = round(build.seconds / max(fts_index, 1e-3), 2)
    r["targets_met"] = {k: r[k] <= limit for k, (limit, _) in TARGETS.items()}
    return r


def print_table(r: dict) -> None:
    rows = [("documents", f"{r['docs']:,} ({r['corpus_mb']} MB, from {r['sample_articles']} samples)", None),
            ("full build", f"{r['index_seconds']} s", "index_seconds"),
            ("incremental p50 / p95", f"{r['incremental_p50_ms']} / {r['incremental_p95_ms']} ms", "incremental_p95_ms"),
            ("merges after edits (max)", f"{r['merges']} ({r['merge_max_ms']} ms)", None),
            (f"query p50 / p95 / mean ({r['queries']})",
             f"{r['query_p50_ms']} / {r['query_p95_ms']} / {r['query_mean_ms']} ms", "query_p95_ms"),
            (f"type-ahead p95 ({r['typeahead_searches']})", f"{r['typeahead_p95_ms']} ms", None),
            ("FTS5 build", f"{r['fts5_index_seconds']} s (kbdesk {r['index_vs_fts5']}x)", None),
            ("FTS5 query p50 / p95", f"{r['fts5_query_p50_ms']} / {r['fts5_query_p95_ms']} ms", None),
            ("query p95 vs FTS5", f"{r['query_p95_vs_fts5']}x", "query_p95_vs_fts5"),
            ("zero-hit queries kbdesk / FTS5", f"{r['query_zero_hits']} / {r['fts5_zero_hits']}", None),
            ("peak RSS self", f"{r['peak_rss_mb']} MB", "peak_rss_mb"),
            ("peak RSS build child", f"{r['peak_rss_children_mb']} MB", "peak_rss_children_mb")]
    print(f"kbdesk search benchmark ({r['cpus']} CPUs; targets are for 10,000 docs; reference loop "
          f"{r['reference_loop_ms'][0]} / {r['reference_loop_ms'][1]} ms before / after: higher = slower machine)\n")
    print(f"{'measure':<34} {'value':<34} {'target':<34} met")
    for label, value, key in rows:
        target, met = (TARGETS[key][1], "yes" if r["targets_met"][key] else "NO") if key else ("", "")
        print(f"{label:<34} {value:<34} {target:<34} {met}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, default=10_000, help="articles to generate (default 10000)")
    p.add_argument("--queries", type=int, default=300, help="timed queries (default 300, at least 200 advised)")
    p.add_argument("--edits", type=int, default=25, help="incremental updates to time (default 25)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--keep", metavar="DIR", help="work in DIR (new or empty) and keep corpus, index and FTS5 db")
    args = p.parse_args(argv)
    result = run(args)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
