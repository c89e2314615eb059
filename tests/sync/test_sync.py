"""Three desktops on one team repository (a bare repository on disk): two
leads and an agent edit, approve, sync and conflict. Real git repositories,
real files, the real index."""

from __future__ import annotations

import json

from dulwich.repo import Repo

from kbdesk.content.article import parse_article
from kbdesk.content.store import ContentStore
from kbdesk.search.index import SearchIndex
from kbdesk.search.searcher import Searcher
from kbdesk.search.sources import agent_source
from kbdesk.sync.merging import merge_texts, pieces
from kbdesk.sync.syncing import conflicts_of, resolve_conflict
from tests.sync.conftest import AGENT, LIU, WANG, edit, kbdesk, save, step, sync

REFUND = "faq/refund-timeline.md"
LOTTERY = "faq/lottery-draw.md"


def agent_finds(root, query, index_dir) -> list[str]:
    store = ContentStore(root)
    index = SearchIndex(store, index_dir, agent_source(store))
    index.update()
    searcher = Searcher(index)
    try:
        return [h.snippet.text for h in searcher.search(query).hits]
    finally:
        searcher.close()


def status(root, path) -> str:
    return parse_article(path, (root / path).read_bytes()).status


def test_an_agents_desktop_has_only_the_approved_wording_and_follows_an_approval(desktops, tmp_path):
    wang, liu, agent = desktops
    repo = Repo(str(agent))
    assert repo.refs.read_ref(b"HEAD") == b"ref: refs/heads/approved"
    assert b"refs/heads/main" not in repo.refs and b"refs/remotes/origin/main" not in repo.refs
    # The files are the approved wording, with the team's settings; drafts are not there.
    assert (agent / REFUND).is_file() and (agent / ".kbdesk" / "team.yaml").is_file()
    assert not (agent / "scripts/draft-apology.md").exists()
    repo.close()

    edit(liu, REFUND, "1 到 3 个工作日", "1 到 5 个工作日")
    save(liu, LIU, "faq-refund-timeline", "银行卡到账时间改为 5 天")
    step(liu, LIU, "submit", "faq-refund-timeline")
    assert sync(liu, LIU).pushed == {"main": 2}
    assert sync(wang, WANG).merged == [REFUND]
    step(wang, WANG, "approve", "faq-refund-timeline")
    assert sync(wang, WANG).pushed == {"main": 1, "approved": 1}

    before = Repo(str(tmp_path / "server" / "team.git")).refs.as_dict()
    report = sync(agent, AGENT)
    assert report.role == "agent" and report.changed == [REFUND] and report.added == [] and not report.pushed
    assert "1 到 5 个工作日" in (agent / REFUND).read_text(encoding="utf-8")
    assert any("1 到 5 个工作日" in text for text in agent_finds(agent, "退款 到账", tmp_path / "agent-index"))
    # An agent's desktop never sends anything.
    assert Repo(str(tmp_path / "server" / "team.git")).refs.as_dict() == before
    assert sync(agent, AGENT).nothing_new


def test_changes_of_different_articles_by_two_leads_merge_without_asking(desktops):
    wang, liu, _agent = desktops
    edit(wang, LOTTERY, "公告栏公布", "公告栏和短信同时公布")
    save(wang, WANG, "faq-lottery-draw")
    edit(liu, REFUND, "提交工单跟进", "提交加急工单跟进")
    save(liu, LIU, "faq-refund-timeline")
    assert sync(wang, WANG).pushed == {"main": 1}
    report = sync(liu, LIU)
    assert report.merged == [LOTTERY] and not report.conflicts
    assert report.pushed["main"] == 2  # 刘芳's version and the merge
    assert sync(wang, WANG).merged == [REFUND]
    for root in (wang, liu):
        assert "短信同时公布" in (root / LOTTERY).read_text(encoding="utf-8")
        assert "加急工单" in (root / REFUND).read_text(encoding="utf-8")
    # git sees clean working folders: the index follows the merged files
    for root in (wang, liu):
        done = __import__("subprocess").run(["git", "status", "--porcelain"], cwd=root, capture_output=True,
                                            text=True)
        assert done.stdout.strip() == "", done.stdout


def test_two_leads_changing_different_sentences_of_one_article_both_keep_their_change(desktops):
    wang, liu, _agent = desktops
    edit(wang, REFUND, "原路退回", "按原支付方式退回")
    save(wang, WANG, "faq-refund-timeline")
    edit(liu, REFUND, "请客户提供订单号", "请客户提供订单号和退款截图")
    save(liu, LIU, "faq-refund-timeline")
    sync(wang, WANG)
    report = sync(liu, LIU)
    assert report.conflicts == [] and report.merged == [REFUND]
    text = (liu / REFUND).read_text(encoding="utf-8")
    assert "按原支付方式退回" in text and "订单号和退款截图" in text


def test_the_same_sentence_changed_by_two_leads_is_a_conflict_that_loses_nothing(desktops, tmp_path):
    wang, liu, _agent = desktops
    edit(wang, REFUND, "1 到 3 个工作日", "2 到 4 个工作日")
    edit(wang, REFUND, "提交工单跟进", "提交工单并当天跟进")  # a sentence only 王敏 changed
    save(wang, WANG, "faq-refund-timeline", "王敏：2 到 4 天")
    edit(liu, REFUND, "1 到 3 个工作日", "3 到 5 个工作日")
    save(liu, LIU, "faq-refund-timeline", "刘芳：3 到 5 天")
    sync(wang, WANG)
    report = sync(liu, LIU)
    # The remote wording wins the file; 刘芳's stays a version, listed as a conflict.
    assert [c.path for c in report.conflicts] == [REFUND]
    conflict = report.conflicts[0]
    assert conflict.theirs_author == "王敏" and conflict.places == 1
    assert "2 到 4 个工作日" in (liu / REFUND).read_text(encoding="utf-8")
    mine = Repo(str(liu))[conflict.mine.encode()].data.decode("utf-8")
    assert "3 到 5 个工作日" in mine
    listed = kbdesk("--content", liu, "conflicts", "--json")
    assert json.loads(listed.stdout)[0]["path"] == REFUND
    # It survives the next sync, and ends when 刘芳 decides.
    assert [c.path for c in conflicts_of(liu)] == [REFUND]
    sync(liu, LIU)
    assert [c.path for c in conflicts_of(liu)] == [REFUND]
    change = resolve_conflict(ContentStore(liu), LIU, "faq-refund-timeline", "mine")
    assert change.code == "change-conflict-mine"
    assert "3 到 5 个工作日" in (liu / REFUND).read_text(encoding="utf-8") and status(liu, REFUND) == "draft"
    assert "当天跟进" in (liu / REFUND).read_text(encoding="utf-8")  # 王敏's other change stays
    assert conflicts_of(liu) == []
    sync(liu, LIU)
    sync(wang, WANG)
    assert "3 到 5 个工作日" in (wang / REFUND).read_text(encoding="utf-8")


def test_two_approvals_of_different_articles_both_land(desktops):
    wang, liu, agent = desktops
    for root, who, article, path, old, new in ((wang, WANG, "faq-lottery-draw", LOTTERY, "公告栏", "公告栏和短信"),
                                               (liu, LIU, "faq-hk-account", "faq/hk-account.md", "簡訊驗證碼",
                                                "電郵驗證碼")):
        edit(root, path, old, new)
        save(root, who, article)
        step(root, who, "submit", article)
    sync(wang, WANG)
    sync(liu, LIU)
    sync(wang, WANG)
    step(wang, WANG, "approve", "faq-hk-account")  # 刘芳 wrote it, 王敏 approves
    step(liu, LIU, "approve", "faq-lottery-draw")
    assert sync(wang, WANG).pushed["approved"] == 1
    report = sync(liu, LIU)
    assert report.refused == [] and report.pushed["approved"] == 1
    assert report.changed == [LOTTERY]  # what agents see changed by this sync: 刘芳's approval
    assert "faq/hk-account.md" in report.merged  # 王敏's approval, now on 刘芳's desktop
    agent_view = sync(agent, AGENT)
    assert set(agent_view.changed) == {LOTTERY, "faq/hk-account.md"}
    assert "電郵驗證碼" in (agent / "faq/hk-account.md").read_text(encoding="utf-8")
    # approved only moved forward: its history has both approvals, one after the other
    server = Repo(str(agent))
    log = [c.commit.message.decode() for c in server.get_walker([server.refs[b"refs/heads/approved"]])]
    assert sum("Approve" in m for m in log) >= 2


def test_an_approval_of_an_article_another_lead_changed_meanwhile_is_refused(desktops):
    wang, liu, agent = desktops
    edit(wang, REFUND, "原路退回", "原路退回（约一周）")
    save(wang, WANG, "faq-refund-timeline")
    step(wang, WANG, "submit", "faq-refund-timeline")
    sync(wang, WANG)
    sync(liu, LIU)
    # 刘芳 approves what she has; meanwhile 王敏 changes the wording again and sends it first.
    step(liu, LIU, "approve", "faq-refund-timeline")
    edit(wang, REFUND, "约一周", "约五个工作日")
    save(wang, WANG, "faq-refund-timeline")
    sync(wang, WANG)
    report = sync(liu, LIU)
    assert report.refused == [REFUND] and "approved" not in report.pushed
    assert report.conflicts == []  # 刘芳 changed the status, 王敏 the words: no conflict of wording
    assert status(liu, REFUND) != "approved"  # not claiming an approval that agents do not have
    assert "约五个工作日" in (liu / REFUND).read_text(encoding="utf-8")
    sync(agent, AGENT)
    assert "约一周" not in (agent / REFUND).read_text(encoding="utf-8")


def test_an_agents_own_edit_is_set_aside_and_the_approved_wording_replaces_it(desktops, isolated_user_dirs):
    wang, _liu, agent = desktops
    edit(agent, REFUND, "原路退回", "原路退回（小李自己改的）")
    edit(wang, REFUND, "提交工单跟进", "提交工单并电话回访")
    save(wang, WANG, "faq-refund-timeline")
    step(wang, WANG, "submit", "faq-refund-timeline")
    step(wang, LIU, "approve", "faq-refund-timeline")
    sync(wang, WANG)
    report = sync(agent, AGENT)
    assert report.changed == [REFUND] and list(report.set_aside) == [REFUND]
    text = (agent / REFUND).read_text(encoding="utf-8")
    assert "电话回访" in text and "小李自己改的" not in text
    from pathlib import Path

    assert "小李自己改的" in Path(report.set_aside[REFUND]).read_text(encoding="utf-8")


def test_a_file_edited_on_disk_and_not_saved_is_kept_through_a_sync(desktops):
    wang, liu, _agent = desktops
    edit(wang, REFUND, "原路退回", "原路退回到付款账户")
    save(wang, WANG, "faq-refund-timeline")
    sync(wang, WANG)
    edit(liu, REFUND, "提交工单跟进", "提交工单并在 24 小时内回访")  # not saved as a version
    report = sync(liu, LIU)
    text = (liu / REFUND).read_text(encoding="utf-8")
    assert "原路退回到付款账户" in text and "24 小时内回访" in text, report.to_json()


def test_the_cli_clone_sync_and_remote(first_desktop, bare, tmp_path):
    chinese = {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}
    done = kbdesk("clone", bare, tmp_path / "desk", "--as", "小李", "--json")
    assert done.returncode == 0, done.stderr
    cloned = json.loads(done.stdout)
    assert cloned["role"] == "agent" and REFUND in cloned["added"]
    assert kbdesk("--content", tmp_path / "desk", "remote").stdout.strip() == str(bare)
    again = kbdesk("clone", bare, tmp_path / "desk", "--as", "小李", env=chinese)
    assert again.returncode == 2 and "不是空的" in again.stderr and len(again.stderr.splitlines()) == 1
    synced = kbdesk("--content", tmp_path / "desk", "sync", "--as", "小李", "--json")
    assert synced.returncode == 0 and json.loads(synced.stdout)["up_to_date"], synced.stderr
    edit(first_desktop, REFUND, "原路退回", "原路退回原账户")
    save(first_desktop, WANG, "faq-refund-timeline")
    step(first_desktop, LIU, "submit", "faq-refund-timeline")
    step(first_desktop, LIU, "approve", "faq-refund-timeline")
    assert kbdesk("--content", first_desktop, "sync", "--as", "王敏").returncode == 0
    text = kbdesk("--content", tmp_path / "desk", "sync", "--as", "小李", env=chinese)
    assert text.returncode == 0 and REFUND in text.stdout, text.stderr
    found = kbdesk("--content", tmp_path / "desk", "search", "原账户", "--json")
    assert "faq-refund-timeline" in found.stdout


def test_sentences_are_the_pieces_and_join_back():
    text = "第一句。第二句！“引号。”\n\n- 列表；第二项\n末尾没有标点"
    assert "".join(pieces(text)) == text
    assert pieces("甲。乙？") == ["甲。", "乙？"]
    both = merge_texts("甲。丙。乙。", "甲一。丙。乙。", "甲。丙。乙二。")
    assert both.text == "甲一。丙。乙二。" and both.conflicts == 0
    clash = merge_texts("甲。", "甲一。", "甲二。")
    assert clash.text == "甲二。" and clash.conflicts == 1


def test_an_edit_that_meets_a_retirement_is_kept_and_said(desktops):
    wang, liu, _agent = desktops
    step(wang, WANG, "retire", "faq-lottery-draw")
    sync(wang, WANG)
    edit(liu, LOTTERY, "公告栏公布", "公告栏和短信公布")
    save(liu, LIU, "faq-lottery-draw")
    report = sync(liu, LIU)
    assert status(liu, LOTTERY) == "retired" and "短信公布" in (liu / LOTTERY).read_text(encoding="utf-8")
    assert [getattr(n, "code", None) for n in report.notices] == ["notice-edit-in-retired"]


def test_a_lead_whose_clock_is_behind_is_no_force_push(desktops, tmp_path):
    """A commit older than its parent (a desktop whose clock is an hour
    behind, here made by the git program) is still a descendant: the next
    syncs take it, none refuses the branch as rewritten."""
    import os
    import subprocess

    wang, liu, _agent = desktops
    server = Repo(str(wang)).get_config().get((b"remote", b"origin"), b"url").decode()
    slow = tmp_path / "slow"
    env = {**os.environ, "GIT_AUTHOR_DATE": "2001-01-01T00:00:00", "GIT_COMMITTER_DATE": "2001-01-01T00:00:00",
           "GIT_AUTHOR_NAME": "刘芳", "GIT_AUTHOR_EMAIL": "liu@example.com",
           "GIT_COMMITTER_NAME": "刘芳", "GIT_COMMITTER_EMAIL": "liu@example.com"}
    subprocess.run(["git", "clone", "-q", "-b", "main", server, str(slow)], check=True, env=env)
    path = slow / LOTTERY
    path.write_text(path.read_text(encoding="utf-8").replace("公告栏", "公告栏和短信"), encoding="utf-8")
    subprocess.run(["git", "-C", str(slow), "commit", "-qam", "Edit with a slow clock"], check=True, env=env)
    subprocess.run(["git", "-C", str(slow), "push", "-q", "origin", "main"], check=True, env=env)
    for root, who in ((liu, LIU), (wang, WANG), (liu, LIU)):
        report = sync(root, who)
        assert report.refused == [], report.to_json()
        assert "公告栏和短信" in (root / LOTTERY).read_text(encoding="utf-8")
