"""The leads' figures: the daily counts of every desktop (this one's, and
those the team's repository carries) brought together with the articles.

The counts are added up as arrays (:mod:`kbdesk.usage.counts`): 200
desktops × 180 days in well under a second (``bench/stats_bench.py``);
everything else is per article.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from kbdesk.usage.counts import DesktopCounts

PERIODS = (7, 30, 90)
OLD_DRAFT_DAYS = 30
TOP = 20


@dataclass
class ArticleCount:
    id: str
    title: str
    copies: int


@dataclass
class QueryCount:
    query: str
    searches: int
    empty: int
    failed: int


@dataclass
class ArticleNote:
    id: str
    title: str
    path: str
    when: str  # review_by, the day it was sent for review, or the draft's last change
    who: str = ""


@dataclass
class Stats:
    days: int
    desktops: int  # whose counts are in it
    shared: bool  # the team's (True), or only this desktop's
    synced: bool = False  # the desktop syncs with a team repository (the others' counts come that way)
    copies_per_day: list[tuple[str, int]] = field(default_factory=list)
    most_copied: dict[int, list[ArticleCount]] = field(default_factory=dict)  # period → top
    least_copied: dict[int, list[ArticleCount]] = field(default_factory=dict)  # approved, fewest first
    never_copied: list[ArticleCount] = field(default_factory=list)  # approved, no copy in *days*
    failed_searches: list[QueryCount] = field(default_factory=list)
    empty_searches: list[QueryCount] = field(default_factory=list)
    past_review: list[ArticleNote] = field(default_factory=list)
    in_review: list[ArticleNote] = field(default_factory=list)
    old_drafts: list[ArticleNote] = field(default_factory=list)
    copies: int = 0
    searches: int = 0
    median_ms_to_copy: int | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        data["most_copied"] = {str(k): [asdict(a) for a in v] for k, v in self.most_copied.items()}
        data["least_copied"] = {str(k): [asdict(a) for a in v] for k, v in self.least_copied.items()}
        data["copies_per_day"] = [{"day": d, "copies": n} for d, n in self.copies_per_day]
        return data


def aggregate(desktops: list, articles: list, in_review: list | None = None, days: int = 30,
              today: dt.date | None = None, shared: bool = False,
              draft_dates: dict[str, dt.date] | None = None) -> Stats:
    """*desktops*: each one's counts (:class:`DesktopCounts`, or
    :meth:`UsageStore.daily`'s dict); *articles*: the folder's articles (the
    leads' view: every status); *in_review*: the review queue
    (:class:`~kbdesk.authoring.workflow.InReview`)."""
    today = today or dt.date.today()
    counts = [d if isinstance(d, DesktopCounts) else DesktopCounts.from_daily(d.get("desktop", ""), d)
              for d in desktops]
    # Every desktop's rows as one set of arrays: how many days ago, which
    # article (or query) in one numbering for all, and the numbers.
    article_ids: dict[str, int] = {}
    query_ids: dict[str, int] = {}
    c_age, c_art, c_n, c_ms, c_k, s_age, s_q, s_n = ([] for _ in range(8))
    for desk in counts:
        ages = np.array([(today - dt.date.fromisoformat(d)).days for d in desk.days] or [0], dtype=np.int64)
        if len(desk.copies):
            arts = np.array([article_ids.setdefault(a, len(article_ids)) for a in desk.articles], dtype=np.int64)
            c_age.append(ages[desk.copies[:, 0]])
            c_art.append(arts[desk.copies[:, 1]])
            c_n.append(desk.copies[:, 2])
            c_ms.append(desk.copies[:, 3])
            c_k.append(desk.copies[:, 4])
        if len(desk.searches):
            qs = np.array([query_ids.setdefault(q, len(query_ids)) for q in desk.queries], dtype=np.int64)
            s_age.append(ages[desk.searches[:, 0]])
            s_q.append(qs[desk.searches[:, 1]])
            s_n.append(desk.searches[:, 2:5])

    def joined(parts, shape=(0,)):
        return np.concatenate(parts) if parts else np.zeros(shape, dtype=np.int64)

    c_age, c_art, c_n, c_ms, c_k = (joined(x) for x in (c_age, c_art, c_n, c_ms, c_k))
    s_age, s_q, s_n = joined(s_age), joined(s_q), joined(s_n, (0, 3))
    article_names = list(article_ids)
    per_article: dict[int, Counter] = {}
    for period in {days, *PERIODS}:
        inside = (c_age >= 0) & (c_age < period)
        sums = np.bincount(c_art[inside], weights=c_n[inside], minlength=len(article_names))
        per_article[period] = Counter({article_names[i]: int(v) for i in np.flatnonzero(sums)
                                       for v in (sums[i],)})
    window = (c_age >= 0) & (c_age < days)
    per_day_counts = np.bincount(c_age[window], weights=c_n[window], minlength=days)
    timed = window & (c_k > 0)
    ratios = c_ms[timed] / c_k[timed]
    s_window = (s_age >= 0) & (s_age < days)
    query_names = list(query_ids)
    totals = np.zeros((len(query_names), 3), dtype=np.int64)
    np.add.at(totals, s_q[s_window], s_n[s_window])
    queries = {query_names[i]: totals[i].tolist() for i in np.flatnonzero(totals[:, 0])}
    per_day = Counter({(today - dt.timedelta(days=int(age))).isoformat(): int(n)
                       for age, n in enumerate(per_day_counts) if n})

    titles = {a.id: a.title for a in articles}
    approved = [a for a in articles if a.status == "approved"]
    stats = Stats(days=days, desktops=len(desktops), shared=shared)
    start = today - dt.timedelta(days=days - 1)
    stats.copies_per_day = [((start + dt.timedelta(days=k)).isoformat(),
                             per_day.get((start + dt.timedelta(days=k)).isoformat(), 0)) for k in range(days)]
    stats.copies = sum(per_day.values())
    stats.searches = sum(r[0] for r in queries.values())
    for period in PERIODS:
        counts = per_article[period]
        stats.most_copied[period] = [ArticleCount(i, titles.get(i, i), n) for i, n in counts.most_common(TOP)]
        stats.least_copied[period] = sorted((ArticleCount(a.id, a.title, counts.get(a.id, 0)) for a in approved),
                                            key=lambda c: (c.copies, c.title))[:TOP]
    window = per_article[days]
    stats.never_copied = sorted((ArticleCount(a.id, a.title, 0) for a in approved if not window.get(a.id)),
                                key=lambda c: c.title)
    rows = [QueryCount(q, s, e, f) for q, (s, e, f) in queries.items()]
    stats.failed_searches = sorted((r for r in rows if r.failed), key=lambda r: (-r.failed, r.query))[:TOP]
    stats.empty_searches = sorted((r for r in rows if r.empty), key=lambda r: (-r.empty, r.query))[:TOP]
    if len(ratios):
        stats.median_ms_to_copy = int(np.median(ratios))

    iso_today = today.isoformat()
    old = (today - dt.timedelta(days=OLD_DRAFT_DAYS)).isoformat()
    for a in articles:
        if a.status == "approved" and a.review_by and str(a.review_by) < iso_today:
            stats.past_review.append(ArticleNote(a.id, a.title, a.path, str(a.review_by)))
        # the later of the front matter's date and its last version's
        changed = max((d for d in (a.updated, (draft_dates or {}).get(a.path)) if d is not None), default=None)
        if a.status == "draft" and changed and str(changed) < old:
            stats.old_drafts.append(ArticleNote(a.id, a.title, a.path, str(changed)))
    stats.past_review.sort(key=lambda n: n.when)
    stats.old_drafts.sort(key=lambda n: n.when)
    for item in in_review or ():
        stats.in_review.append(ArticleNote(item.id, item.title, item.path, item.submitted_at or "",
                                           item.submitted_by or ""))
    return stats


def this_desktops_counts(content_root, days: int = 180) -> tuple[str, dict]:
    """(this desktop's id, its daily counts of *content_root*): what it shares."""
    from kbdesk.config import desktop_id
    from kbdesk.usage.store import UsageStore

    usage = UsageStore(scope=str(content_root))
    try:
        return desktop_id(), usage.daily(days)
    finally:
        usage.close()


def gather(store, identity, days: int = 30, today: dt.date | None = None) -> Stats:
    """The figures of the knowledge base in *store*: this desktop's counts
    and every other desktop's the team's repository brought (a lead's
    desktop fetches them when it syncs)."""
    from kbdesk.authoring.team import Team
    from kbdesk.authoring.workflow import Workflow
    from kbdesk.content.versions import VersionStore
    from kbdesk.usage.sharing import shared_usage

    me, mine = this_desktops_counts(store.root)
    desktops = [DesktopCounts.from_daily(me, mine)]
    versions = VersionStore.open(store.root)
    synced = False
    articles = store.load_all().articles
    draft_dates = {}
    if versions is not None:
        try:
            desktops += shared_usage(versions.repo, leave_out=me)
            synced = (b"remote", b"origin") in versions.repo.get_config().sections()
            for a in articles:
                if a.status == "draft":
                    history = versions.history(a.path)
                    if history:
                        draft_dates[a.path] = history[0].time.date()
        finally:
            versions.close()
    queue = []
    try:
        flow = Workflow(store, identity, Team.load(store.root))
        try:
            queue = flow.review_queue()
        finally:
            flow.close()
    except Exception:  # noqa: BLE001 - an unreadable team file: the figures without the queue
        queue = []
    stats = aggregate(desktops, articles, queue, days=days, today=today, shared=len(desktops) > 1,
                      draft_dates=draft_dates)
    stats.synced = synced
    return stats
