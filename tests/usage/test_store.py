"""Local copy counts, favourites and recently copied articles."""

from __future__ import annotations

from dataclasses import dataclass

from kbdesk.config import data_dir
from kbdesk.usage.store import ArticleRef, UsageStore, default_usage_path, rerank

REFUND = ArticleRef("faq-refund", "faq/refund.md", "退款多久能到账？", "faq", "退款")
GREET = ArticleRef("script-greet", "scripts/greet.md", "问候话术", "script", "在线")


def test_lives_in_data_dir_not_content(tmp_path):
    assert default_usage_path().parent == data_dir()


def test_counts_favourites_recent_persist_across_reopen(tmp_path):
    db = tmp_path / "usage.sqlite3"
    with UsageStore(db, scope="/kb") as usage:
        assert usage.record_copy(REFUND, when=100.0) == 1
        assert usage.record_copy(REFUND, when=200.0) == 2
        usage.record_copy(GREET, when=150.0)
        usage.set_pinned(GREET, True)
    with UsageStore(db, scope="/kb") as usage:
        assert usage.copy_counts() == {"faq-refund": 2, "script-greet": 1}
        assert [e.ref.id for e in usage.recent()] == ["faq-refund", "script-greet"]
        favs = usage.favourites()
        assert [e.ref for e in favs] == [GREET] and favs[0].pinned
        assert usage.toggle_pinned(GREET) is False
    with UsageStore(db, scope="/kb") as usage:
        assert usage.favourites() == []
        assert usage.copy_count("faq-refund") == 2
    # Another content folder has its own lists.
    with UsageStore(db, scope="/other") as usage:
        assert usage.copy_counts() == {} and usage.recent() == []


@dataclass
class Hit:
    id: str
    score: float


def test_rerank_lifts_copied_articles_among_close_neighbours_only():
    hits = [Hit("a", 10.0), Hit("b", 9.5), Hit("c", 3.0), Hit("d", 2.9)]
    out = rerank(hits, {"b": 20, "d": 50}, top=3)
    assert [h.id for h in out] == ["b", "a", "c", "d"]  # d is past the top 3: unchanged
    # A much weaker match is not lifted past a strong one.
    assert [h.id for h in rerank(hits, {"c": 100})][:2] == ["a", "b"]
    assert rerank(hits, {}) == hits


def test_most_used_orders_by_copy_count_then_recency(tmp_path):
    db = tmp_path / "usage.sqlite3"
    lottery = ArticleRef("faq-lottery", "faq/lottery.md", "足彩什么时候开奖？", "faq", "彩票")
    with UsageStore(db, scope="/kb") as usage:
        for when in (100.0, 110.0, 120.0):
            usage.record_copy(GREET, when=when)
        usage.record_copy(REFUND, when=130.0)
        usage.record_copy(REFUND, when=140.0)
        usage.record_copy(lottery, when=150.0)
        usage.set_pinned(lottery, True)  # pinned or not, it is counted
        other = ArticleRef("faq-other", "faq/other.md", "其他", "faq", "")
        usage.set_pinned(other, True)  # pinned, never copied: not "used"
        usage.record_copy(ArticleRef("faq-elsewhere"), when=160.0)
    with UsageStore(db, scope="/kb") as usage:
        most = usage.most_used()
        assert [(e.ref.id, e.copies) for e in most] == [
            ("script-greet", 3), ("faq-refund", 2), ("faq-elsewhere", 1), ("faq-lottery", 1)]
        assert most[0].ref == GREET and most[3].pinned
        assert [e.ref.id for e in usage.most_used(limit=2)] == ["script-greet", "faq-refund"]
        assert [e.ref.id for e in usage.most_used(min_copies=2)] == ["script-greet", "faq-refund"]
    with UsageStore(db, scope="/other") as usage:
        assert usage.most_used() == []
