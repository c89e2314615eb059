"""Each desktop's daily usage counts through the team's repository (a ref of
its own), brought together on a lead's desktop: the dashboard's figures and
``kbdesk stats``."""

from __future__ import annotations

import datetime as dt
import json
import time

from dulwich.repo import Repo

from kbdesk.content.store import ContentStore
from kbdesk.sync.syncing import Syncer
from kbdesk.usage.sharing import USAGE_PREFIX, shared_usage
from kbdesk.usage.counts import DesktopCounts
from kbdesk.usage.stats import aggregate, gather
from kbdesk.usage.store import ArticleRef, UsageStore
from tests.conftest import write
from tests.sync.conftest import AGENT, LIU, WANG, kbdesk

REFUND = ArticleRef("faq-refund-timeline", "faq/refund-timeline.md", "退款多久能到账？", "faq", "退款与退货")


def counts_of(tmp_path, name: str, copies: int, searches: list[tuple[str, str]]) -> dict:
    """A desktop's daily counts, recorded through a real UsageStore."""
    with UsageStore(tmp_path / f"{name}.sqlite3", scope=name) as usage:
        for _ in range(copies):
            usage.record_copy(REFUND, ms_to_copy=4000)
        for query, outcome in searches:
            usage.record_search(query, outcome)
        return usage.daily()


def test_desktops_publish_to_refs_of_their_own_and_a_lead_sees_them_all(desktops, bare, tmp_path):
    wang, liu, agent = desktops
    one = counts_of(tmp_path, "a1", 3, [("双十二 活动 13812345678", "empty"), ("积分过期", "failed")])
    two = counts_of(tmp_path, "a2", 2, [("双十二 活动", "empty")])
    for desktop, payload in (("agent0000001", one), ("agent0000002", two)):
        report = Syncer(ContentStore(agent), AGENT, usage=(desktop, payload)).sync()
        assert report.usage_shared
    server = Repo(str(bare))
    assert sorted(server.refs.keys(base=USAGE_PREFIX)) == [b"agent0000001", b"agent0000002"]
    # nothing but counts and scrubbed queries went out
    blob = server[server[server.refs[USAGE_PREFIX + b"agent0000001"]].tree][b"usage.npz"][1]
    published = DesktopCounts.from_bytes(server[blob].data)
    assert published.queries == ["双十二 活动 〔电话〕", "积分过期"] and published.articles == ["faq-refund-timeline"]
    assert "13812345678".encode() not in server[blob].data and "13812345678" not in str(published.to_daily())
    server.close()
    # A lead's desktop takes everyone's counts; an agent's only sends its own.
    Syncer(ContentStore(liu), LIU, usage=("lead00000001", counts_of(tmp_path, "l1", 0, []))).sync()
    seen = shared_usage(Repo(str(liu)), leave_out="lead00000001")
    assert sorted(d.desktop for d in seen) == ["agent0000001", "agent0000002"]
    Syncer(ContentStore(agent), AGENT, usage=("agent0000001", one)).sync()
    assert b"lead00000001" not in Repo(str(agent)).refs.keys(base=USAGE_PREFIX)
    stats = gather(ContentStore(liu), LIU, days=7)
    assert stats.shared and stats.desktops == 4 and stats.copies == 5  # (this one's own, empty, among them)
    assert stats.most_copied[7][0].id == "faq-refund-timeline" and stats.most_copied[7][0].copies == 5
    assert [(q.query, q.empty) for q in stats.empty_searches] == [("双十二 活动 〔电话〕", 1), ("双十二 活动", 1)] or \
        sorted((q.query, q.empty) for q in stats.empty_searches) == [("双十二 活动", 1), ("双十二 活动 〔电话〕", 1)]
    assert [(q.query, q.failed) for q in stats.failed_searches] == [("积分过期", 1)]
    assert stats.median_ms_to_copy == 4000
    # Publishing again the same counts moves nothing; new counts move the desktop's own ref only.
    before = Repo(str(bare)).refs.as_dict(USAGE_PREFIX)
    Syncer(ContentStore(agent), AGENT, usage=("agent0000001", one)).sync()
    assert Repo(str(bare)).refs.as_dict(USAGE_PREFIX) == before


def test_a_team_that_turns_sharing_off_publishes_nothing(desktops, bare, tmp_path):
    wang, _liu, agent = desktops
    team = (wang / ".kbdesk" / "team.yaml").read_text(encoding="utf-8")
    (wang / ".kbdesk" / "team.yaml").write_text(team + "share_usage: false\n", encoding="utf-8")
    from tests.sync.conftest import sync

    flow_save = kbdesk("--content", wang, "save", ".kbdesk/team.yaml", "-m", "不共享使用统计", "--as", "王敏")
    assert flow_save.returncode == 0, flow_save.stderr
    sync(wang, WANG)
    sync(agent, AGENT)  # the team file reaches the agent's desktop
    report = Syncer(ContentStore(agent), AGENT, usage=("agent0000003", counts_of(tmp_path, "a3", 1, []))).sync()
    assert not report.usage_shared
    assert list(Repo(str(bare)).refs.keys(base=USAGE_PREFIX)) == []


def test_stats_without_sync_are_this_desktops_and_say_so(content, tmp_path):
    write(content, "faq/old.md", "---\nid: faq-old\ntitle: 旧规则\nstatus: approved\nreview_by: 2020-01-01\n---\n旧。\n")
    write(content, "faq/draft.md", "---\nid: faq-draft\ntitle: 很久的草稿\nstatus: draft\nupdated: 2020-01-01\n---\n草。\n")
    with UsageStore(scope=str(content)) as usage:
        usage.record_copy(REFUND)
        usage.record_search("会员 积分", "failed")
    done = kbdesk("--content", content, "stats", "--days", "7", "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["shared"] is False and stats["desktops"] == 1 and stats["copies"] == 1
    assert [d["copies"] for d in stats["copies_per_day"]][-1] == 1 and len(stats["copies_per_day"]) == 7
    assert stats["failed_searches"][0]["query"] == "会员 积分"
    assert [n["id"] for n in stats["past_review"]] == ["faq-old"]
    assert [n["id"] for n in stats["old_drafts"]] == ["faq-draft"]
    assert "faq-lottery-draw" in [a["id"] for a in stats["never_copied"]]
    text = kbdesk("--content", content, "stats", env={"LC_ALL": "", "LANG": "zh_CN.UTF-8"})
    assert text.returncode == 0 and "旧规则" in text.stdout and "仅这台电脑" in text.stdout, text.stdout


def test_periods_and_the_least_copied():
    today = dt.date(2026, 12, 1)
    day = lambda n: (today - dt.timedelta(days=n)).isoformat()  # noqa: E731

    class A:
        def __init__(self, id_, status="approved"):
            self.id, self.title, self.path, self.status = id_, id_, f"{id_}.md", status
            self.review_by = self.updated = None

    desktops = [{"copies": [[day(0), "a", 2, 0, 0], [day(10), "b", 5, 0, 0], [day(60), "c", 9, 0, 0]],
                 "searches": []}]
    stats = aggregate(desktops, [A("a"), A("b"), A("c"), A("d")], days=30, today=today)
    assert [(c.id, c.copies) for c in stats.most_copied[7]] == [("a", 2)]
    assert [(c.id, c.copies) for c in stats.most_copied[30]] == [("b", 5), ("a", 2)]
    assert [(c.id, c.copies) for c in stats.most_copied[90]][0] == ("c", 9)
    assert [c.id for c in stats.never_copied] == ["c", "d"]  # nothing in the last 30 days
    assert stats.least_copied[30][0].id in ("c", "d") and stats.copies == 7


def test_a_server_that_refuses_usage_refs_does_not_stop_the_sync(first_desktop, bare, git_daemon, tmp_path):
    from kbdesk.sync.syncing import clone, set_remote
    from tests.sync.conftest import edit, save, step

    hook = bare / "hooks" / "pre-receive"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\nwhile read old new ref; do case $ref in refs/kbdesk/*) "
                    "echo 'usage refs are not allowed here' >&2; exit 1;; esac; done\nexit 0\n")
    hook.chmod(0o755)
    set_remote(first_desktop, git_daemon.url)
    agent = tmp_path / "agent"
    clone(git_daemon.url, agent, AGENT)
    edit(first_desktop, "faq/refund-timeline.md", "原路退回", "原路退回（经 git daemon）")
    save(first_desktop, WANG, "faq-refund-timeline")
    step(first_desktop, WANG, "submit", "faq-refund-timeline")
    step(first_desktop, LIU, "approve", "faq-refund-timeline")
    Syncer(ContentStore(first_desktop), WANG).sync()
    report = Syncer(ContentStore(agent), AGENT, usage=("agent0000009", counts_of(tmp_path, "a9", 1, []))).sync()
    assert report.changed == ["faq/refund-timeline.md"]  # the wording came
    assert not report.usage_shared
    assert [getattr(n, "code", None) for n in report.notices] == ["notice-usage-not-shared"]
