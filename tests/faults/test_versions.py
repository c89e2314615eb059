"""Versions under faults, on real git repositories: processes killed with
SIGKILL in the middle of approvals, retirements and saves, two processes
saving at once, repositories kbdesk did not make (master, their own history,
a detached HEAD, changes staged in git), and git lock files left behind.
Every operation is whole or not at all, and no version is lost."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from dulwich.diff_tree import tree_changes
from dulwich.objects import Blob
from dulwich.repo import Repo

from kbdesk.authoring.workflow import Workflow
from kbdesk.content.article import content_hash, parse_article
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import APPROVED_REF, Identity, VersionStore
from tests.conftest import write, write_team_settings

WANG = Identity("王敏", "wangmin@example.com")
LIU = Identity("刘芳", "liufang@example.com")
PATH = "faq/refund-timeline.md"


@pytest.fixture
def repo_content(content):
    write_team_settings(content)
    Workflow(ContentStore(content), WANG).save("faq-refund-timeline", "开始")  # starts the history
    return content


def state(root, path=PATH):
    """(status in the file, status on the branch, the approved branch has
    exactly the file's wording)."""
    versions = VersionStore.open(root)
    try:
        disk = (root / path).read_bytes()
        head = versions.head()
        branch_blob = versions.blob_at(head, path)
        branch_text = versions.read_blob(branch_blob) if branch_blob else b""
        approved = versions.approved_blob(path)
        return (parse_article(path, disk).status, parse_article(path, branch_text).status if branch_text else None,
                approved == branch_blob, disk == branch_text)
    finally:
        versions.close()


def consistent(root, path=PATH) -> bool:
    file_status, branch_status, agents_see_it, file_is_branch = state(root, path)
    if not file_is_branch or file_status != branch_status:
        return False
    return agents_see_it if file_status == "approved" else not agents_see_it


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kbdesk.authoring.workflow import Workflow
    from kbdesk.content.store import ContentStore
    from kbdesk.content.versions import Identity
    root, op = Path(sys.argv[1]), sys.argv[2]
    who = Identity("刘芳", "liufang@example.com") if op == "approve" else Identity("王敏", "wangmin@example.com")
    flow = Workflow(ContentStore(root), who)
    flow.versions()
    print("ready", flush=True)
    getattr(flow, op)("faq-refund-timeline")
    print("done", flush=True)
""")


def _heads(root):
    repo = Repo(str(root))
    try:
        return repo.refs[b"HEAD"], repo.refs[APPROVED_REF]
    finally:
        repo.close()


def _kill_during(root, op: str, delay: float) -> bool:
    """Run *op* in a child and SIGKILL it *delay* s after it is ready; True if
    it finished first."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(root), op], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out = child.stdout.read()
    finally:
        child.wait(timeout=30)
    return "done" in out


def test_kill_9_during_submit_approve_and_retire_leaves_whole_steps(repo_content):
    rng = random.Random(20261201)
    tried = handled = finished = 0
    for n in range(16):
        # Back to "in review", by the workflow itself.
        flow = Workflow(ContentStore(repo_content), WANG)
        status = parse_article(PATH, (repo_content / PATH).read_bytes()).status
        if status == "retired":
            flow.restore("faq-refund-timeline", "1")
            status = "draft"
        flow.close()
        if status != "review":
            (repo_content / PATH).write_text((repo_content / PATH).read_text(encoding="utf-8").replace(
                "退款", "退款" if n % 2 else "退款 ", 1), encoding="utf-8")
            tried += 1
            before = _heads(repo_content)
            finished += _kill_during(repo_content, "submit", rng.uniform(0.0, 0.06))
            if consistent(repo_content) or _heads(repo_content) == before:
                handled += 1  # whole, or not begun (the edit still only on disk, as the lead left it)
            else:
                pytest.fail(f"try {n} submit: half-done: {state(repo_content)}")
            if parse_article(PATH, (repo_content / PATH).read_bytes()).status != "review":
                Workflow(ContentStore(repo_content), WANG).submit("faq-refund-timeline")
        for op in ("approve", "retire"):
            tried += 1
            finished += _kill_during(repo_content, op, rng.uniform(0.0, 0.06))
            # The next process to open the repository finishes or undoes the step.
            if consistent(repo_content):
                handled += 1
            else:
                pytest.fail(f"try {n} {op}: half-done: {state(repo_content)}")
    print(f"\nkill -9 during submit/approve/retire: {tried} cases ({finished} finished before the kill), {handled} handled")


def test_an_interrupted_approval_is_finished_by_the_next_process(repo_content):
    """What a kill between moving the branch and moving the approved branch
    leaves, made on purpose: the journal, one branch moved, the file old."""
    flow = Workflow(ContentStore(repo_content), WANG)
    flow.submit("faq-refund-timeline")
    versions = flow.versions()
    disk = (repo_content / PATH).read_bytes()
    new = disk.replace(b"status: review", b"status: approved")
    head, approved = versions.head(), versions.head(APPROVED_REF)
    main_commit = versions.make_commit(head, {PATH: new}, LIU, "Approve")
    approved_commit = versions.make_commit(approved, {PATH: new}, LIU, "Approve")
    versions._write_journal({"what": "approval", "moves": [
        [versions.branch.decode(), head.decode(), main_commit.decode()],
        ["refs/heads/approved", approved.decode(), approved_commit.decode()]],
        "files": {PATH: [Blob.from_string(new).id.decode(), content_hash(disk)]}})
    versions.move(versions.branch, head, main_commit)  # … and here the process died
    versions.close()
    flow.close()
    repo = Repo(str(repo_content))  # (git itself sees the half-done step)
    assert (repo.refs[b"HEAD"], repo.refs[APPROVED_REF]) == (main_commit, approved)
    assert b"status: review" in (repo_content / PATH).read_bytes()

    reopened = VersionStore.open(repo_content)
    assert reopened.notices and "finished the interrupted approval" in reopened.notices[0]
    reopened.close()
    assert consistent(repo_content) and state(repo_content)[0] == "approved"


FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    from pathlib import Path
    from kbdesk.authoring.workflow import Workflow
    from kbdesk.content.store import ContentStore
    from kbdesk.content.versions import Identity
    root, limit = Path(sys.argv[1]), int(sys.argv[2])
    flow = Workflow(ContentStore(root), Identity("王敏", "wangmin@example.com"))
    flow.versions()
    # No file may grow past *limit* bytes from here on: the disk is "full"
    # for the article (git's compressed objects are smaller and fit).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        flow.submit("faq-refund-timeline")
    except Exception as exc:
        print("refused:", type(exc).__name__, exc)
    else:
        print("submitted")
""")


def test_a_step_whose_file_cannot_be_written_changes_nothing(repo_content):
    # An article of varied text: its git objects compress well below its size.
    text = (repo_content / PATH).read_text(encoding="utf-8")
    filler = "".join(f"第{n}条：退款规则说明。" for n in range(400))
    (repo_content / PATH).write_text(text + "\n" + filler + "\n", encoding="utf-8")
    Workflow(ContentStore(repo_content), WANG).save("faq-refund-timeline", "长一点")
    before = (Repo(str(repo_content)).refs[b"HEAD"], (repo_content / PATH).read_bytes())
    limit = len(before[1]) - 100
    done = subprocess.run([sys.executable, "-c", FULL_DISK, str(repo_content), str(limit)], capture_output=True,
                          text=True, timeout=120)
    assert "refused: VersionError" in done.stdout and "cannot be written" in done.stdout, done.stdout + done.stderr
    assert (Repo(str(repo_content)).refs[b"HEAD"], (repo_content / PATH).read_bytes()) == before
    assert not (repo_content / ".git" / "kbdesk-operation.json").exists()
    assert consistent(repo_content)


TINY_FILES = textwrap.dedent("""
    import resource, signal, sys
    from kbdesk.cli import main
    # No file may grow past 64 bytes: every git object fails to be written,
    # as on a disk that filled up after kbdesk looked.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))
    sys.exit(main(sys.argv[1:]))
""")


def test_git_objects_that_cannot_be_written_are_one_line_and_leave_no_lock(repo_content):
    before = (Repo(str(repo_content)).refs[b"HEAD"], (repo_content / PATH).read_bytes())
    done = subprocess.run([sys.executable, "-c", TINY_FILES, "--content", str(repo_content), "submit",
                           "faq-refund-timeline", "--as", "王敏"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr == ("kbdesk: error: the version cannot be written into .git (File too large); "
                           "nothing was saved\n"), done.stderr
    assert (Repo(str(repo_content)).refs[b"HEAD"], (repo_content / PATH).read_bytes()) == before
    assert [p.name for p in (repo_content / ".git").rglob("*.lock")] == ["kbdesk.lock"]  # (kbdesk's own, kept)
    assert consistent(repo_content)
    # and the next save has nothing in its way
    Workflow(ContentStore(repo_content), WANG).submit("faq-refund-timeline")
    assert state(repo_content)[0] == "review"


SAVER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kbdesk.authoring.workflow import Workflow
    from kbdesk.content.article import content_hash
    from kbdesk.content.store import ContentStore
    from kbdesk.content.versions import Identity
    root, path, word = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    flow = Workflow(ContentStore(root), Identity("王敏", "wangmin@example.com"))
    for n in range(20):
        data = (root / path).read_bytes()
        text = data.decode("utf-8") + f"\\n{word} 第{n}次修改。\\n"
        flow.save_text(path, text, content_hash(data), f"{word} {n}")
    print("saved")
""")


def test_two_processes_saving_different_articles_never_undo_each_other(repo_content):
    write(repo_content, "faq/second.md", "---\nid: faq-second\ntitle: 第二篇\nkind: faq\n---\n第二篇正文。\n")
    Workflow(ContentStore(repo_content), WANG).save("faq-second", "第二篇")
    children = [subprocess.Popen([sys.executable, "-c", SAVER, str(repo_content), path, word], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
                for path, word in ((PATH, "甲"), ("faq/second.md", "乙"))]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert "saved" in out, err[-2000:]
    repo = Repo(str(repo_content))
    store = VersionStore.open(repo_content)
    commits = [e.commit for e in repo.get_walker(include=[store.head()])][:40]
    assert len(commits) == 40
    for commit in commits:
        parent = repo[commit.parents[0]]
        changed = {c.new.path or c.old.path for c in tree_changes(repo.object_store, parent.tree, commit.tree)}
        assert len(changed) == 1, (commit.message, changed)  # one file, never the other put back
    for path, word in ((PATH, "甲"), ("faq/second.md", "乙")):
        text = store.read_blob(store.blob_at(store.head(), path)).decode("utf-8")
        assert all(f"{word} 第{n}次修改" in text for n in range(20))
    store.close()
    print("\nconcurrent saves: 40 cases (2 processes × 20 saves), 40 handled")


def _git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


needs_git = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                               reason="needs the git program to make a repository as a team would")


def agent_ids(root, query, index_dir):
    from kbdesk.search.index import SearchIndex
    from kbdesk.search.searcher import Searcher
    from kbdesk.search.sources import agent_source

    store = ContentStore(root)
    index = SearchIndex(store, index_dir, agent_source(store))
    index.update()
    searcher = Searcher(index)
    try:
        return sorted(h.id for h in searcher.search(query, limit=100).hits)
    finally:
        searcher.close()


def _team_repository(content):
    """A folder a team already keeps in git: branch master, its own history."""
    write_team_settings(content)
    write(content, "faq/draft-one.md", "---\nid: faq-draft\ntitle: 草稿退款\nkind: faq\nstatus: review\n---\n退款草稿。\n")
    _git(content, "init", "-q", "-b", "master")
    _git(content, "add", "-A")
    _git(content, "commit", "-q", "-m", "Our own history")
    return _git(content, "rev-parse", "HEAD").strip()


@needs_git
def test_an_existing_repository_on_master_keeps_its_branch_history_and_agents_view(content, tmp_path):
    own = _team_repository(content)
    before = agent_ids(content, "退款", tmp_path / "ix1")
    assert "faq-refund-timeline" in before and "faq-draft" not in before

    flow = Workflow(ContentStore(content), LIU)
    flow.approve("faq-draft")  # the first approval of the folder
    assert _git(content, "symbolic-ref", "HEAD").strip() == "refs/heads/master"
    assert _git(content, "rev-parse", "HEAD~1").strip() == own  # on top of the team's history
    assert "main" not in _git(content, "branch", "--list")
    after = agent_ids(content, "退款", tmp_path / "ix2")
    assert after == sorted(before + ["faq-draft"])  # every approved article still, plus the new one
    assert _git(content, "status", "--porcelain").strip() == ""  # git's index follows kbdesk's commits


@needs_git
def test_a_detached_head_and_changes_staged_in_git_stay_out_of_a_save(content):
    _team_repository(content)
    first = _git(content, "rev-parse", "HEAD").strip()
    write(content, "faq/other.md", "---\nid: faq-other\ntitle: 另一篇\nkind: faq\n---\n另一篇。\n")
    _git(content, "add", "faq/other.md")
    _git(content, "commit", "-q", "-m", "another article")
    # Staged in git by hand, not saved through kbdesk:
    (content / "faq" / "other.md").write_text("---\nid: faq-other\ntitle: 另一篇\nkind: faq\n---\n手改。\n")
    _git(content, "add", "faq/other.md")
    data = (content / PATH).read_bytes()
    flow = Workflow(ContentStore(content), WANG)
    change = flow.save_text(PATH, data.decode() + "\n补充一句。\n", content_hash(data), "补充")
    show = _git(content, "show", "--stat", "--format=%s", change.commit)
    assert "补充" in show and PATH in show and "other.md" not in show
    assert "faq/other.md" in _git(content, "diff", "--cached", "--name-only")  # still staged, still the user's

    # A detached HEAD at an older commit: the save goes on master, and reverts nothing.
    _git(content, "reset", "-q", "--hard")
    _git(content, "checkout", "-q", "--detach", first)
    data = (content / "faq" / "draft-one.md").read_bytes()
    change = Workflow(ContentStore(content), WANG).save_text(
        "faq/draft-one.md", data.decode() + "\n再补充。\n", content_hash(data), "再补充")
    assert _git(content, "rev-parse", "master").strip() == change.commit
    assert "补充一句" in _git(content, "show", f"master:{PATH}")
    assert "另一篇" in _git(content, "show", "master:faq/other.md")


def test_a_branch_lock_left_behind_is_cleared_and_git_s_index_lock_is_left_alone(repo_content):
    branch = VersionStore.open(repo_content).branch.decode().rsplit("/", 1)[-1]
    stale = repo_content / ".git" / "refs" / "heads" / f"{branch}.lock"
    stale.write_text("")  # a kbdesk or git killed while moving the branch
    flow = Workflow(ContentStore(repo_content), WANG)
    data = (repo_content / PATH).read_bytes()
    change = flow.save_text(PATH, data.decode() + "\n锁之后。\n", content_hash(data), "锁之后")
    assert change.commit and not stale.exists()
    assert any(f"{branch}.lock" in n for n in flow.versions().notices)
    # git waiting in its editor holds index.lock for as long as it likes: kbdesk
    # records the version and leaves git's index (and its lock) alone.
    index_lock = repo_content / ".git" / "index.lock"
    index_lock.write_text("")
    data = (repo_content / PATH).read_bytes()
    again = Workflow(ContentStore(repo_content), WANG)
    change = again.save_text(PATH, data.decode() + "\n再一句。\n", content_hash(data), "再一句")
    assert change.commit and index_lock.exists()
    assert any("index.lock" in n for n in again.versions().notices)


def test_an_object_lock_left_by_a_killed_writer_does_not_block_the_next_save(repo_content):
    from dulwich.objects import Blob

    versions = VersionStore.open(repo_content)
    new = (repo_content / PATH).read_bytes() + "\n对象锁之后。\n".encode("utf-8")
    # The object this commit writes, locked as a writer killed mid-write leaves it.
    blob = Blob.from_string(new).id.decode()
    stale = repo_content / ".git" / "objects" / blob[:2] / f"{blob[2:]}.lock"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"half an object")
    with versions.lock():
        commit = versions.make_commit(versions.head(), {PATH: new}, WANG, "对象锁之后")
    assert commit and not stale.exists()
    assert (repo_content / ".git" / "objects" / blob[:2] / blob[2:]).is_file()
    assert any(f"{blob[2:]}.lock" in n for n in versions.notices)
    versions.close()
