"""Every refusal of the leads' commands, through the real command line on a
real git repository: the exit code, one line in English and the same line in
Chinese, and nothing changed on disk or in the history."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kbdesk.authoring.workflow import Workflow
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import Identity
from tests.conftest import write, write_team_settings

WANG = Identity("王敏", "wangmin@example.com")
LIU = Identity("刘芳", "liufang@example.com")
ENGLISH = {"LC_ALL": "", "LANG": "en_US.UTF-8"}
CHINESE = {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}


def run(root: Path, *args: str, language: dict, **kwargs) -> subprocess.CompletedProcess:
    env = {**kwargs.pop("env", os.environ), **language}
    return subprocess.run([sys.executable, "-m", "kbdesk", "--content", str(root), *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env=env, **kwargs)


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the folder, .git included, by its hash (lock files aside)."""
    return {p.relative_to(root).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def kb(content):
    """Two leads (two-person rule); the refund FAQ recorded and approved,
    the lottery FAQ a draft, a greeting in review by 王敏, a retired notice."""
    write_team_settings(content)
    write(content, "scripts/greeting.md", """
        ---
        id: script-greeting
        title: 开场问候
        kind: script
        status: draft
        ---
        您好，很高兴为您服务。
        """)
    write(content, "faq/old-notice.md", """
        ---
        id: faq-old-notice
        title: 旧的活动说明
        kind: faq
        status: draft
        ---
        活动已经结束。
        """)
    wang = Workflow(ContentStore(content), WANG)
    wang.save("script-greeting", "初版")
    wang.submit("script-greeting")
    wang.retire("faq-old-notice")
    return content


def in_review_with_a_lint_error(root: Path) -> None:
    (root / "scripts" / "greeting.md").write_text(
        "---\nid: script-greeting\ntitle: 开场问候\nkind: script\nstatus: draft\n---\n您好，这个我不知道。\n",
        encoding="utf-8")
    flow = Workflow(ContentStore(root), WANG)
    flow.save("script-greeting", "有禁用语")
    flow.submit("script-greeting")


# (what is tried, how to prepare, exit code, a piece of the English line, a piece of the Chinese line)
REFUSALS = [
    ("an agent saves", None, ("save", "script-greeting", "--as", "小李"), 4,
     "小李 is an agent here; only leads listed in .kbdesk/team.yaml may save versions",
     "小李 在这个知识库中是坐席：只有 .kbdesk/team.yaml 中列出的主管可以这样做。"),
    ("no such article", None, ("submit", "no-such-article", "--as", "王敏"), 2,
     "no article with id or path 'no-such-article'", "没有 id 或路径为 'no-such-article' 的文章"),
    ("submitted twice", None, ("submit", "script-greeting", "--as", "刘芳"), 2,
     "is already in review", "已经在审核中"),
    ("approving a draft", None, ("approve", "faq-lottery-draw", "--as", "刘芳"), 2,
     "only articles in review can be approved", "只有审核中的文章可以批准"),
    ("approving one's own change", None, ("approve", "script-greeting", "--as", "王敏"), 4,
     "two-person rule: 王敏 wrote the last change, another lead must approve it",
     "双人规则：最后一次修改是 王敏 写的，需要另一位主管批准。"),
    ("approving over a lint error", in_review_with_a_lint_error, ("approve", "script-greeting", "--as", "刘芳"), 2,
     "lint errors block approval", "检查发现的错误阻止了批准"),
    ("retired twice", None, ("retire", "faq-old-notice", "--as", "刘芳"), 2,
     "is already retired", "已经停用"),
    ("submitting a retired article", None, ("submit", "faq-old-notice", "--as", "刘芳"), 2,
     "is retired; restore a version first", "已停用：请先恢复一个版本"),
    ("restoring a version that is not there", None, ("restore", "script-greeting", "9", "--as", "刘芳"), 2,
     "has versions 1 to", "的版本是 1 到"),
]


@pytest.mark.parametrize("what, prepare, args, code, english, chinese", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refusal_is_one_line_in_the_users_language_and_changes_nothing(kb, what, prepare, args, code, english,
                                                                         chinese):
    if prepare is not None:
        prepare(kb)
    before = snapshot(kb)
    for language, expected, word in ((ENGLISH, english, "error"), (CHINESE, chinese, "错误")):
        done = run(kb, *args, language=language)
        assert done.returncode == code, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], done.stderr
        if code == 4:
            word = "not allowed" if language is ENGLISH else "不允许"
        assert lines[0].startswith(f"kbdesk: {word}: "), lines[0]
        assert done.stdout == ""
    if language is CHINESE:  # no English sentence is left in the Chinese line
        assert not any(w in lines[0] for w in (" is ", " the ", " only ", " may ")), lines[0]
    assert snapshot(kb) == before


def test_a_read_only_folder_refuses_every_lead_command_before_anything_is_tried(kb, read_only_copy):
    root = read_only_copy(kb)
    before = snapshot(root)
    commands = [("save", "script-greeting", "-m", "改"), ("submit", "faq-lottery-draw"),
                ("approve", "script-greeting"), ("retire", "faq-refund-timeline"),
                ("restore", "script-greeting", "1")]
    for args in commands:
        english = run(root, *args, "--as", "刘芳", language=ENGLISH)
        assert english.returncode == 2, english.stderr
        assert english.stderr.strip().endswith(
            "is read-only for you, so nothing can be saved: ask for write access to it, or work on a copy"), \
            english.stderr
        chinese = run(root, *args, "--as", "刘芳", language=CHINESE)
        assert chinese.returncode == 2 and chinese.stderr.startswith("kbdesk: 错误: ")
        assert "对您是只读的，所以无法保存" in chinese.stderr and len(chinese.stderr.strip().splitlines()) == 1
    document = kb.parent / "会员规则.txt"
    document.write_text("会员规则\n\n积分一年有效。\n", encoding="utf-8")
    imported = run(root, "import", str(document), "--as", "刘芳", language=ENGLISH)
    assert imported.returncode != 0 and "is read-only for you" in imported.stderr, imported.stderr
    assert snapshot(root) == before
    # Reading still works there: agents and leads can search and read.
    found = run(root, "search", "退款", "--json", language=ENGLISH)
    assert found.returncode == 0 and "faq-refund-timeline" in found.stdout, found.stderr


def test_a_notice_is_one_line_beside_the_result(kb):
    """A lock file a killed git left behind is cleared, with a note (in the user's language)."""
    import time as _time

    branch = head_branch(kb)
    stale = kb / ".git" / "refs" / "heads" / f"{branch}.lock"
    stale.write_text("0" * 40 + "\n")
    old = _time.time() - 60
    os.utime(stale, (old, old))
    (kb / "faq" / "refund-timeline.md").write_text(
        (kb / "faq" / "refund-timeline.md").read_text(encoding="utf-8").replace("原路退回", "原路退回账户"),
        encoding="utf-8")
    done = run(kb, "save", "faq-refund-timeline", "-m", "改", "--as", "王敏", language=CHINESE)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("kbdesk: 提示：") and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not stale.exists()


def test_a_team_repository_that_cannot_be_reached_is_kept_with_a_note(kb, tmp_path):
    done = run(kb, "remote", str(tmp_path / "teem.git"), language=ENGLISH)
    assert done.returncode == 0 and done.stdout.strip() == str(tmp_path / "teem.git")
    assert done.stderr.startswith("kbdesk: note: ") and "there is no git repository at" in done.stderr


def head_branch(root) -> str:
    from dulwich.repo import Repo

    repo = Repo(str(root))
    try:
        return repo.refs.read_ref(b"HEAD").decode().rsplit("/", 1)[-1]
    finally:
        repo.close()


def test_a_mistake_on_the_command_line_is_one_line_in_the_users_language(kb):
    chinese = run(kb, "resolve", "faq-refund-timeline", language=CHINESE)
    assert chinese.returncode == 2 and chinese.stderr == "kbdesk: 错误: 缺少这些参数：--keep（kbdesk --help 列出所有命令）\n"
    english = run(kb, "search", "退款", "--kind", "nope", language=ENGLISH)
    assert english.returncode == 2 and len(english.stderr.splitlines()) == 1
    assert english.stderr.startswith("kbdesk: error: argument --kind: invalid choice: 'nope'")
    helped = run(kb, "resolve", "--help", language=CHINESE)
    assert helped.returncode == 0 and helped.stdout.startswith("用法：kbdesk resolve") and "选项" in helped.stdout
