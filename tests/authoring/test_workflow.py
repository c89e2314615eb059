"""Versions, review and approval on real git repositories in temp folders."""

import json
import os
import subprocess
import sys

import pytest
from dulwich.repo import Repo

from kbdesk.authoring.team import PermissionDenied
from kbdesk.authoring.workflow import Workflow, WorkflowError, with_status
from kbdesk.content.store import ContentStore, SaveConflict
from kbdesk.content.versions import APPROVED_REF, Identity
from kbdesk.search.index import SearchIndex
from kbdesk.search.searcher import Searcher
from kbdesk.search.sources import agent_source
from tests.conftest import write, write_team_settings

WANG = Identity("王敏", "wangmin@example.com")
LIU = Identity("刘芳", "liufang@example.com")
AGENT = Identity("小李", "xiaoli@example.com")


@pytest.fixture
def team_content(content):
    write_team_settings(content)
    return content


def flow(root, who):
    return Workflow(ContentStore(root), who)


def edit(root, path, old, new):
    f = root / path
    f.write_text(f.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def agent_hits(root, query, tmp_path):
    store = ContentStore(root)
    index = SearchIndex(store, tmp_path / "agent-ix", agent_source(store))
    index.update()
    s = Searcher(index)
    try:
        return [(h.id, h.snippet.text) for h in s.search(query).hits]
    finally:
        s.close()


def test_every_save_is_a_commit_authored_by_the_lead(team_content):
    wang = flow(team_content, WANG)
    first = wang.save("script-greeting", "第一版")  # creates the repository
    assert first.commit
    edit(team_content, "scripts/greeting.md", "很高兴为您服务", "很高兴为您服务，请问有什么可以帮您")
    second = flow(team_content, LIU).save("script-greeting", "补充问句")
    repo = Repo(str(team_content))
    commit = repo[second.commit.encode()]
    assert commit.author.decode() == "刘芳 <liufang@example.com>"
    assert commit.message.decode() == "补充问句"
    history = wang.history("script-greeting")
    assert [h.version.author.name for h in history][:2] == ["刘芳", "王敏"]
    assert [h.number for h in history][:2] == [len(history), len(history) - 1]
    # nothing changed: no empty commit
    assert flow(team_content, WANG).save("script-greeting").commit is None


def test_diff_marks_changed_words_not_whole_lines(team_content):
    wang = flow(team_content, WANG)
    wang.save("faq-refund-timeline")
    edit(team_content, "faq/refund-timeline.md", "1 到 3 个工作日", "1 到 5 个工作日")
    wang.save("faq-refund-timeline", "到账时间改为 5 天")
    old, new, ops = wang.diff("faq-refund-timeline", "1", "2")
    changes = [(o.op, o.old, o.new) for o in ops if o.op != "equal"]
    # the new wording is no longer the approved one: it became a draft
    assert changes == [("replace", "approved", "draft"), ("replace", "3", "5")]


def test_restore_is_a_new_commit_and_loses_nothing(team_content):
    wang = flow(team_content, WANG)
    wang.save("faq-refund-timeline")
    edit(team_content, "faq/refund-timeline.md", "原路退回", "退到余额")
    wang.save("faq-refund-timeline", "改为退余额")
    before = len(wang.history("faq-refund-timeline"))
    change = wang.restore("faq-refund-timeline", "1")
    assert change.commit
    assert "原路退回" in (team_content / "faq/refund-timeline.md").read_text(encoding="utf-8")
    history = wang.history("faq-refund-timeline")
    assert len(history) == before + 1 and "Restore" in history[0].version.message
    # version 1 is exactly what agents see (approved when history began): it stays approved
    assert history[0].status == "approved" and history[0].current_approved
    # the restored-over version is still there
    assert any("退到余额" in wang.versions().text_at(h.version) for h in history)
    # other wording restored needs approval again
    wang.restore("faq-refund-timeline", "2")
    assert wang.history("faq-refund-timeline")[0].status == "draft"


def test_agents_see_approved_wording_until_the_new_version_is_approved(team_content, tmp_path):
    wang, liu = flow(team_content, WANG), flow(team_content, LIU)
    wang.save("script-greeting")
    wang.submit("script-greeting")
    liu.approve("script-greeting")
    assert Repo(str(team_content)).refs[APPROVED_REF]
    assert "很高兴为您服务" in agent_hits(team_content, "问候", tmp_path)[0][1]

    edit(team_content, "scripts/greeting.md", "很高兴为您服务", "欢迎光临小店")
    wang.save("script-greeting", "新版开场白")
    wang.submit("script-greeting")
    hits = agent_hits(team_content, "问候", tmp_path)
    assert hits and "很高兴为您服务" in hits[0][1] and "欢迎光临" not in hits[0][1]
    assert agent_hits(team_content, "欢迎光临", tmp_path) == []

    change = liu.approve("script-greeting")
    assert change.approved_changed
    assert "欢迎光临小店" in agent_hits(team_content, "问候", tmp_path)[0][1]
    history = wang.history("script-greeting")
    assert history[0].current_approved and history[0].status == "approved"
    approver = Repo(str(team_content))[Repo(str(team_content)).refs[APPROVED_REF]].author.decode()
    assert approver.startswith("刘芳")


def test_agents_index_skips_reading_the_branch_while_it_has_not_moved(team_content, tmp_path, monkeypatch):
    wang, liu = flow(team_content, WANG), flow(team_content, LIU)
    wang.save("script-greeting")
    wang.submit("script-greeting")
    liu.approve("script-greeting")
    store = ContentStore(team_content)
    index = SearchIndex(store, tmp_path / "agent-ix", agent_source(store))
    index.update()
    edit(team_content, "scripts/greeting.md", "很高兴为您服务", "欢迎光临小店")
    wang.save("script-greeting", "草稿")  # a draft: the approved branch stays
    read = []
    original = index.source.stamps
    monkeypatch.setattr(index.source, "stamps", lambda: read.append(1) or original())
    assert not index.update().changed_anything and read == []
    wang.submit("script-greeting")
    liu.approve("script-greeting")  # the branch moves: read it, index the change
    assert index.update().changed == ["scripts/greeting.md"] and read == [1]


def test_two_person_rule(team_content):
    wang = flow(team_content, WANG)
    wang.save("script-greeting")
    edit(team_content, "scripts/greeting.md", "很高兴", "非常高兴")
    wang.save("script-greeting")
    wang.submit("script-greeting")
    with pytest.raises(PermissionDenied, match="two-person"):
        wang.approve("script-greeting")
    flow(team_content, LIU).approve("script-greeting")


def test_one_lead_rule_lets_the_author_approve(team_content):
    (team_content / ".kbdesk/team.yaml").write_text(
        "approval: one_lead\nleads:\n  - {name: 王敏, email: wangmin@example.com}\n", encoding="utf-8")
    wang = flow(team_content, WANG)
    wang.save("script-greeting")
    wang.submit("script-greeting")
    assert wang.approve("script-greeting").approved_changed


def test_lint_errors_block_approval(team_content):
    edit(team_content, "scripts/greeting.md", "很高兴为您服务", "这个我不知道")
    wang = flow(team_content, WANG)
    wang.save("script-greeting")
    wang.submit("script-greeting")
    with pytest.raises(WorkflowError, match="Taboo phrase"):
        flow(team_content, LIU).approve("script-greeting")


def test_unsaved_changes_cannot_be_approved(team_content):
    wang, liu = flow(team_content, WANG), flow(team_content, LIU)
    wang.save("script-greeting")
    wang.submit("script-greeting")
    edit(team_content, "scripts/greeting.md", "很高兴", "超级高兴")
    with pytest.raises(WorkflowError, match="save it first"):
        liu.approve("script-greeting")


def test_retired_article_disappears_from_agents_search(team_content, tmp_path):
    wang, liu = flow(team_content, WANG), flow(team_content, LIU)
    wang.save("script-greeting")
    wang.submit("script-greeting")
    liu.approve("script-greeting")
    assert agent_hits(team_content, "问候", tmp_path)
    assert wang.retire("script-greeting").approved_changed
    assert agent_hits(team_content, "问候", tmp_path) == []
    assert wang.history("script-greeting")[0].status == "retired"


def test_agents_are_refused(team_content):
    agent = flow(team_content, AGENT)
    for action in (lambda: agent.save("script-greeting"), lambda: agent.submit("script-greeting"),
                   lambda: agent.approve("script-greeting"), lambda: agent.retire("script-greeting"),
                   lambda: agent.restore("script-greeting", "1")):
        with pytest.raises(PermissionDenied, match="agent"):
            action()
    assert not (team_content / ".git").exists()  # nothing was written


def test_saving_over_a_file_changed_on_disk_is_refused(team_content):
    wang = flow(team_content, WANG)
    store = wang.store
    article = store.load("scripts/greeting.md")
    edit(team_content, "scripts/greeting.md", "很高兴", "另一位主管改的")
    with pytest.raises(SaveConflict) as info:
        wang.save_text(article.path, article.to_text() + "\n我的修改\n", article.hash, "我的修改")
    assert "另一位主管改的" in info.value.disk_text
    assert "我的修改" not in (team_content / "scripts/greeting.md").read_text(encoding="utf-8")


def test_with_status_touches_only_the_status_line():
    text = "---\ntitle: 标题\nstatus: draft # 注释\ntags: [a]\n---\n正文\n"
    assert with_status(text, "review") == "---\ntitle: 标题\nstatus: review\ntags: [a]\n---\n正文\n"
    assert with_status("---\ntitle: x\n---\nbody", "review") == "---\ntitle: x\nstatus: review\n---\nbody"
    assert with_status("正文", "draft") == "---\nstatus: draft\n---\n正文"


def kbdesk(root, *args, env=None):
    return subprocess.run([sys.executable, "-m", "kbdesk", "--content", str(root), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, **(env or {})})


def test_cli_leads_flow_and_agent_refusal(team_content):
    refused = kbdesk(team_content, "save", "script-greeting", "--as", "小李")
    assert refused.returncode == 4 and "only leads" in refused.stderr and "Traceback" not in refused.stderr

    assert kbdesk(team_content, "save", "script-greeting", "-m", "初版", "--as", "王敏").returncode == 0
    edit(team_content, "scripts/greeting.md", "很高兴", "非常高兴")
    assert kbdesk(team_content, "save", "script-greeting", "-m", "更热情", "--as", "wangmin@example.com").returncode == 0
    history = json.loads(kbdesk(team_content, "history", "script-greeting", "--json").stdout)
    # The first save started the repository: the file saved is its own first
    # version, by the lead; every other file was taken over as it was, by kbdesk.
    assert [h["message"] for h in history] == ["更热情", "初版"]
    assert [h["author"] for h in history] == ["王敏", "王敏"]
    other = json.loads(kbdesk(team_content, "history", "faq/refund-timeline.md", "--json").stdout)
    assert [(h["message"], h["author"]) for h in other] == [("Start the knowledge base: the articles as they were", "kbdesk")]
    start = Repo(str(team_content))[other[0]["commit"].encode()]
    assert start.committer.decode() == "王敏 <wangmin@example.com>"

    diff = kbdesk(team_content, "diff", "script-greeting", "1", "2")
    assert "[-很-]{+非常+}" in diff.stdout or "[-很高兴-]{+非常高兴+}" in diff.stdout

    assert kbdesk(team_content, "submit", "script-greeting", "--as", "王敏").returncode == 0
    own = kbdesk(team_content, "approve", "script-greeting", "--as", "王敏")
    assert own.returncode == 4 and "two-person" in own.stderr
    assert kbdesk(team_content, "approve", "script-greeting", "--as", "刘芳").returncode == 0

    found = json.loads(kbdesk(team_content, "search", "问候", "--json").stdout)
    assert found and "非常高兴" in found[0]["snippet_text"]

    assert kbdesk(team_content, "restore", "script-greeting", "1", "--as", "王敏").returncode == 0
    found = json.loads(kbdesk(team_content, "search", "问候", "--json").stdout)
    assert "非常高兴" in found[0]["snippet_text"]  # restored draft is not what agents see

    lint = kbdesk(team_content, "lint", "--json")
    assert lint.returncode == 0, lint.stdout


def test_cli_refusals_speak_the_locales_language(team_content):
    chinese = {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}
    refused = kbdesk(team_content, "save", "script-greeting", "--as", "小李", env=chinese)
    assert refused.returncode == 4
    assert refused.stderr.strip() == ("kbdesk: 不允许: 小李 在这个知识库中是坐席：只有 .kbdesk/team.yaml "
                                      "中列出的主管可以这样做。")
    english = kbdesk(team_content, "save", "script-greeting", "--as", "小李", env={"LC_ALL": "", "LANG": "en_US.UTF-8"})
    assert english.stderr.strip() == ("kbdesk: not allowed: 小李 is an agent here; only leads listed in "
                                      ".kbdesk/team.yaml may save versions")
    missing = kbdesk(team_content, "submit", "no-such-article", "--as", "王敏", env=chinese)
    assert missing.returncode == 2 and "没有 id 或路径为 'no-such-article' 的文章" in missing.stderr


def test_cli_lint_fails_on_taboo(team_content):
    edit(team_content, "scripts/greeting.md", "很高兴为您服务", "这个我不知道")
    result = kbdesk(team_content, "lint", "script-greeting")
    assert result.returncode == 1 and "Taboo phrase 「不知道」" in result.stdout


def test_starting_history_seeds_the_approved_branch_so_agents_lose_nothing(team_content, tmp_path):
    assert "faq-refund-timeline" in [i for i, _ in agent_hits(team_content, "退款到账", tmp_path)]
    wang = flow(team_content, WANG)
    wang.save("script-greeting")  # the first lead action starts the history
    assert Repo(str(team_content)).refs[APPROVED_REF]
    edit(team_content, "faq/refund-timeline.md", "原路退回", "退回余额")
    wang.save("faq-refund-timeline", "改为退余额")
    # the new wording is a draft; agents still find the approved one
    hits = agent_hits(team_content, "退款到账", tmp_path)
    assert hits and "退回余额" not in hits[0][1]
    assert "status: draft" in (team_content / "faq/refund-timeline.md").read_text(encoding="utf-8")


def test_saving_new_wording_of_an_approved_article_makes_it_a_draft(team_content):
    wang, liu = flow(team_content, WANG), flow(team_content, LIU)
    wang.save("script-greeting")
    wang.submit("script-greeting")
    liu.approve("script-greeting")
    store = ContentStore(team_content)
    article = store.load("scripts/greeting.md")
    text = article.to_text().replace("很高兴", "十分高兴")  # status line still says approved
    wang.save_text(article.path, text, article.hash, "改措辞")
    assert store.load(article.path).status == "draft"
    # a status-only rewrite of the same wording keeps the status
    assert wang.history("script-greeting")[0].status == "draft"


def test_restore_keeps_unsaved_disk_edits_as_a_version(team_content):
    wang = flow(team_content, WANG)
    wang.save("faq-refund-timeline")
    edit(team_content, "faq/refund-timeline.md", "原路退回", "手工改过")
    wang.restore("faq-refund-timeline", "1")
    texts = [wang.versions().text_at(h.version) for h in wang.history("faq-refund-timeline")]
    assert any("手工改过" in t for t in texts)


def test_a_change_of_the_team_file_is_a_version_and_nobody_makes_themselves_a_lead(team_content):
    assert kbdesk(team_content, "save", "script-greeting", "--as", "王敏").returncode == 0  # history starts
    team = team_content / ".kbdesk" / "team.yaml"
    original = team.read_text(encoding="utf-8")
    # An agent adds themselves as a lead and tries to record it: the team
    # file as last recorded says who may.
    team.write_text(original + "  - {name: 小李, email: xiaoli@example.com}\n", encoding="utf-8")
    refused = kbdesk(team_content, "save", ".kbdesk/team.yaml", "--as", "小李")
    assert refused.returncode == 4 and "only leads" in refused.stderr
    # A lead changes the approval rule: one commit of that file, by the lead.
    team.write_text(original.replace("two_person", "one_lead"), encoding="utf-8")
    done = kbdesk(team_content, "save", ".kbdesk/team.yaml", "-m", "一人批准即可", "--as", "WangMin@Example.com")
    assert done.returncode == 0, done.stderr
    repo = Repo(str(team_content))
    commit = repo[repo.refs[b"HEAD"]]
    assert commit.message.decode() == "一人批准即可" and commit.author.decode() == "王敏 <wangmin@example.com>"
    from dulwich.diff_tree import tree_changes

    changed = [c.new.path for c in tree_changes(repo.object_store, repo[commit.parents[0]].tree, commit.tree)]
    assert changed == [b".kbdesk/team.yaml"]


def test_e_mail_addresses_match_whatever_their_case(team_content):
    from kbdesk.authoring.team import Team

    team = Team.load(team_content)
    assert team.is_lead(Identity("Wang", "WANGMIN@example.COM"))
    assert team.find("LiuFang@Example.com").name == "刘芳"


def test_an_article_saved_as_utf16_can_be_approved(team_content):
    path = team_content / "scripts" / "greeting.md"
    path.write_bytes(with_status(path.read_text(encoding="utf-8"), "review").encode("utf-16"))
    flow(team_content, WANG).save("script-greeting", "记事本保存")
    assert flow(team_content, LIU).approve("script-greeting").approved_changed


def test_the_review_queue_says_who_sent_what_and_who_may_approve(team_content):
    edit(team_content, "scripts/greeting.md", "很高兴为您服务", "非常高兴为您服务")
    wang = flow(team_content, WANG)
    wang.save("script-greeting", "新的开场白")
    wang.submit("script-greeting")
    queue = wang.review_queue()
    assert [item.id for item in queue] == ["script-greeting"]
    item = queue[0]
    assert item.submitted_by == "王敏" and item.last_author == "王敏" and item.submitted_at
    # the two-person rule: the author may not approve it, another lead may
    assert not item.may_approve and item.why_not == "approve-two-person"
    assert flow(team_content, LIU).review_queue()[0].may_approve

    as_json = kbdesk(team_content, "review", "--json", "--as", "刘芳")
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert rows[0]["id"] == "script-greeting" and rows[0]["may_approve"] and rows[0]["submitted_by"] == "王敏"
    own = kbdesk(team_content, "review", "--as", "王敏", env={"LC_ALL": "", "LANG": "zh_CN.UTF-8"})
    assert "双人规则" in own.stdout and "王敏 于" in own.stdout
    agent = json.loads(kbdesk(team_content, "review", "--json", "--as", "小李").stdout)
    assert agent[0]["why_not"] == "agent-may-not" and not agent[0]["may_approve"]


def test_starting_versioning_on_the_sample_records_what_happened(tmp_path):
    import shutil

    from tests.conftest import SAMPLE_CONTENT

    root = tmp_path / "kb"
    shutil.copytree(SAMPLE_CONTENT, root, ignore=shutil.ignore_patterns(".git"))
    lead = Identity("王敏", "wangmin@kbdesk.example")
    path = "faq/refund-timeline.md"
    (root / path).write_text((root / path).read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    flow = Workflow(ContentStore(root), lead)
    flow.save("faq-refund-timeline", "补充一句")
    repo = Repo(str(root))
    main = [e.commit for e in repo.get_walker(include=[repo.refs[b"HEAD"]])]
    first, saved = main[-1], main[0]
    # the articles as they were: authored by kbdesk, committed by the lead who started the history
    assert first.author.decode().startswith("kbdesk") and first.committer.decode().startswith("王敏")
    assert first.message.decode().startswith("Start the knowledge base")
    assert saved.author.decode().startswith("王敏") and saved.message.decode() == "补充一句"
    approved = repo[repo.refs[APPROVED_REF]]
    assert not approved.parents  # its own root: nobody approved those articles in kbdesk
    assert approved.author.decode().startswith("kbdesk") and approved.committer.decode().startswith("王敏")
    assert approved.message.decode().startswith("Take over the articles approved before versioning began")
    # (the file being saved is its own first version, by the lead; every other one was taken over)
    assert [v.version.author.name for v in flow.history("faq-refund-timeline")] == ["王敏"]
    taken_over = flow.history("script-refund-declined")
    assert len(taken_over) == 1 and taken_over[0].version.author.name == "kbdesk"
    assert taken_over[0].version.summary[0] == "commit-start" and taken_over[0].status == "approved"
    flow.close()


def test_new_wording_carries_todays_date_and_a_status_change_does_not(team_content):
    import datetime as dt

    write(team_content, "faq/dated.md", "---\nid: faq-dated\ntitle: 有日期的文章\nstatus: draft\n"
          "updated: 2020-01-01\n---\n旧的说法。\n")
    wang = flow(team_content, Identity("王敏", "wangmin@example.com"))
    wang.save("faq-dated", "初版")
    first = (team_content / "faq/dated.md").read_text(encoding="utf-8")
    assert f"updated: {dt.date.today().isoformat()}" in first  # new: its first wording
    edit(team_content, "faq/dated.md", f"updated: {dt.date.today().isoformat()}", "updated: 2020-01-01")
    wang.save("faq-dated", "只改回日期")  # no new words: the date the file says stays
    assert "updated: 2020-01-01" in (team_content / "faq/dated.md").read_text(encoding="utf-8")
    wang.submit("faq-dated")
    assert "updated: 2020-01-01" in (team_content / "faq/dated.md").read_text(encoding="utf-8")
    edit(team_content, "faq/dated.md", "旧的说法", "新的说法")
    wang.save("faq-dated", "改说法")
    assert f"updated: {dt.date.today().isoformat()}" in (team_content / "faq/dated.md").read_text(encoding="utf-8")
