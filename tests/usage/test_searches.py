"""What is kept of a search: its normalised words, never the customer's data,
counted per day by how it ended; 180 days are kept."""

from __future__ import annotations

import sqlite3
import time

import pytest

from kbdesk.usage.privacy import stored_query
from kbdesk.usage.sessions import IDLE_ENDS_SEARCH_S, SearchSessions
from kbdesk.usage.store import ArticleRef, UsageStore, day_of

REFUND = ArticleRef("faq-refund", "faq/refund.md", "退款多久能到账？", "faq", "退款")

# (what an agent pasted, a piece of customer data that must not be stored, what is counted)
CUSTOMER_DATA = [
    ("订单 D2026010112 退款", "D2026010112", "订单 〔单号〕 退款"),
    ("手机13812345678换绑", "13812345678", "手机〔电话〕换绑"),
    ("+86 138 1234 5678 打不通", "1234", "〔电话〕 打不通"),
    ("客户邮箱 zhang.san@example.com 收不到验证码", "example.com", "客户邮箱 〔邮箱〕 收不到验证码"),
    ("身份证 110101199003071234 实名", "110101199003071234", "身份证 〔数字〕 实名"),
    ("卡号 6222 0212 3456 7890 扣款", "6222", "卡号 〔数字〕 扣款"),
    ("010-12345678 投诉", "12345678", "〔电话〕 投诉"),
    ("运单SF1234567890查不到", "SF1234567890", "运单〔单号〕查不到"),
    ("ＡＢ１２３４５６７ 帳號", "１２３４", "〔单号〕 账号"),
]


@pytest.mark.parametrize("pasted, secret, counted", CUSTOMER_DATA)
def test_customer_data_never_reaches_the_database(tmp_path, pasted, secret, counted):
    db = tmp_path / "usage.sqlite3"
    with UsageStore(db, scope="/kb") as usage:
        usage.record_search(pasted, "empty")
        assert [row[1] for row in usage.daily()["searches"]] == [counted]
    raw = db.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("usage.sqlite3-*"))
    assert secret.encode("utf-8") not in raw
    assert stored_query(pasted) == counted


def test_words_that_are_no_customer_data_stay():
    assert stored_query("  退款   到账 ") == "退款 到账"
    assert stored_query("帳號登入不了") == "账号登录不了"  # Traditional folded, as search folds it
    assert stored_query("VIP 会员 3 天") == "vip 会员 3 天"
    assert stored_query("5W1H 记录") == "5w1h 记录"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_search_is_counted_by_how_it_ended(tmp_path):
    clock = Clock()
    with UsageStore(tmp_path / "u.sqlite3", scope="/kb") as usage:
        searches = SearchSessions(usage, clock)
        # typed, found, copied 4.5 s after the first keystroke
        for text in ("t", "tu", "退款"):
            searches.typed(text)
            clock.now += 0.5
        searches.shown("退款", 3)
        clock.now += 3.5
        ms = searches.copied()
        assert ms == 5000
        usage.record_copy(REFUND, ms_to_copy=ms)
        # found, looked at, left
        searches.typed("会员等级")
        searches.shown("会员等级", 2)
        searches.opened()
        searches.typed("")
        # found, nothing looked at: failed once it is left alone
        searches.typed("积分过期")
        searches.shown("积分过期", 4)
        clock.now += IDLE_ENDS_SEARCH_S + 1
        searches.tick()
        # nothing found
        searches.typed("双十二 活动")
        searches.shown("双十二 活动", 0)
        searches.finish()
        # typed, never searched (closed at once): not a search
        searches.typed("半")
        searches.finish()
        rows = {q: (s, e, f) for _d, q, s, e, f in usage.daily()["searches"]}
        copies = usage.daily()["copies"]
    assert rows == {"退款": (1, 0, 0), "会员等级": (1, 0, 0), "积分过期": (1, 0, 1), "双十二 活动": (1, 1, 0)}
    assert [(c[1], c[2], c[3], c[4]) for c in copies] == [("faq-refund", 1, 5000, 1)]


def test_daily_counts_older_than_180_days_go(tmp_path):
    db = tmp_path / "u.sqlite3"
    now = time.time()
    with UsageStore(db, scope="/kb") as usage:
        usage.record_copy(REFUND, when=now - 200 * 86400)
        usage.record_search("旧的搜索", "failed", when=now - 200 * 86400)
        usage.record_copy(REFUND, when=now)
    with UsageStore(db, scope="/kb") as usage:  # opening prunes
        daily = usage.daily(days=365)
    assert [c[0] for c in daily["copies"]] == [day_of(now)] and daily["searches"] == []
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM daily_copies").fetchone()[0] == 1


def test_other_words_typed_over_results_that_were_looked_at_are_a_search_of_their_own(tmp_path):
    clock = Clock()
    with UsageStore(tmp_path / "u.sqlite3", scope="/kb") as usage:
        searches = SearchSessions(usage, clock)
        searches.typed("双十二 13812345678")
        searches.shown("双十二 13812345678", 1)
        clock.now += 3  # read, found nothing of use: Ctrl+A and other words
        searches.typed("物流")
        searches.shown("物流", 4)
        clock.now += 1
        searches.copied()
        # typing on (a longer query) is the same search
        searches.typed("退")
        searches.shown("退", 2)
        clock.now += 3
        searches.typed("退款")
        searches.shown("退款", 3)
        searches.copied()
        rows = {q: (s, e, f) for _d, q, s, e, f in usage.daily()["searches"]}
    assert rows == {"双十二 〔电话〕": (1, 0, 1), "物流": (1, 0, 0), "退款": (1, 0, 0)}
