"""Dashboard benchmark: the leads' figures over many desktops' counts.

    python bench/stats_bench.py [--desktops 200] [--days 180] [--articles 40] [--queries 15] [--json]

Makes the daily counts of *desktops* desktops over *days* days (each day
about *articles* distinct articles copied and *queries* distinct searches,
``random.Random(3)``), publishes each to its usage ref in a real repository
(as syncs do), then times what the dashboard does when it opens: reading
every desktop's ref (``shared_usage``) and bringing it together
(``aggregate``) over 10,000 articles, for 30 and 90 days. The baseline is a
plain Python loop that only adds up the same rows, already in memory as
lists, into one Counter: less than any aggregation must do.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dulwich.repo import Repo  # noqa: E402

from kbdesk.usage.sharing import publish_locally, shared_usage  # noqa: E402
from kbdesk.usage.stats import aggregate  # noqa: E402


@dataclass
class Article:
    id: str
    title: str
    path: str
    status: str = "approved"
    review_by: object = None
    updated: object = None


def make(desktops: int, days: int, per_day: int, queries: int) -> list[dict]:
    rng = random.Random(3)
    today = date.today()
    words = ["退款", "会员", "积分", "发票", "物流", "账号", "密码", "优惠券", "直播", "投诉", "实名", "注销"]
    query_pool = [" ".join(rng.sample(words, 2)) for _ in range(400)]
    out = []
    for d in range(desktops):
        copies, searches = [], []
        for k in range(days):
            day = (today - timedelta(days=k)).isoformat()
            for a in rng.sample(range(10000), per_day):
                n = rng.randint(1, 6)
                copies.append([day, f"a{a:05d}", n, n * rng.randint(2000, 15000), n])
            for q in rng.sample(query_pool, queries):
                s = rng.randint(1, 4)
                searches.append([day, q, s, rng.randint(0, s), rng.randint(0, s)])
        out.append({"desktop": f"desk{d:012d}", "copies": copies, "searches": searches})
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--desktops", type=int, default=200)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--articles", type=int, default=40, help="distinct articles copied per desktop and day")
    parser.add_argument("--queries", type=int, default=15, help="distinct searches per desktop and day")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    desktops = make(args.desktops, args.days, args.articles, args.queries)
    rows = sum(len(d["copies"]) + len(d["searches"]) for d in desktops)
    articles = [Article(f"a{n:05d}", f"文章{n}", f"faq/a{n:05d}.md") for n in range(10000)]
    work = Path(tempfile.mkdtemp(prefix="kbdesk-stats-bench-"))
    try:
        repo = Repo.init(str(work), mkdir=False)
        t = time.perf_counter()
        for d in desktops:
            publish_locally(repo, d["desktop"], {"copies": d["copies"], "searches": d["searches"]})
        publish_s = time.perf_counter() - t
        out = {"desktops": args.desktops, "days": args.days, "rows": rows, "publish_all_s": publish_s}
        for window in (30, 90):
            reads, totals, base = [], [], []
            for _ in range(3):
                t = time.perf_counter()
                loaded = shared_usage(repo)
                reads.append(time.perf_counter() - t)
                aggregate(loaded, articles, [], days=window)
                totals.append(time.perf_counter() - t)
                t = time.perf_counter()
                c = Counter()
                for desk in desktops:  # the same rows, as lists, already in memory
                    for row in desk["copies"]:
                        c[row[1]] += row[2]
                    for row in desk["searches"]:
                        c[row[1]] += row[2]
                base.append(time.perf_counter() - t)
            out[f"read_{window}_s"] = statistics.median(reads)
            out[f"total_{window}_s"] = statistics.median(totals)
            out[f"baseline_{window}_s"] = statistics.median(base)
        repo.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"{args.desktops} desktops × {args.days} days: {rows:,} daily rows")
    for window in (30, 90):
        print(f"  dashboard over {window} days: {out[f'total_{window}_s']:.2f} s "
              f"(reading the refs {out[f'read_{window}_s']:.2f} s); the plain Counter loop over rows in memory "
              f"{out[f'baseline_{window}_s']:.2f} s: {out[f'total_{window}_s'] / out[f'baseline_{window}_s']:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
