"""Sync under faults and over real transports: ``git http-backend`` with
basic auth and ``git daemon`` on 127.0.0.1, a wrong URL, refused
credentials, a connection cut in the middle, a force-pushed server, a
repository that is no knowledge base, another knowledge base's history, and
kill -9 in the middle of a sync. Each gives one clear line, leaves a valid
repository and loses no local edit."""

from __future__ import annotations

import json
import random
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo

from kbdesk.content.store import ContentStore
from kbdesk.sync.remote import login_for, remember_login
from kbdesk.sync.syncing import Syncer, clone, set_remote
from tests.conftest import write
from tests.sync.conftest import AGENT, LIU, WANG, edit, kbdesk, save, step, sync

REFUND = "faq/refund-timeline.md"


def snapshot(root) -> dict:
    """Every file of a desktop (its .git included) by content, but kbdesk's
    lock and git's objects (what a refused sync fetched to look at stays
    there, unreferenced: harmless)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "kbdesk.lock" and not p.relative_to(root).as_posix().startswith(".git/objects/")}


def fsck(root) -> None:
    done = subprocess.run(["git", "fsck", "--no-dangling"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def one_line(done, *pieces) -> None:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith("kbdesk: error: ") and all(p in lines[0] for p in pieces), lines[0]


# -- transports -------------------------------------------------------------------------------------------------


def test_over_http_with_basic_auth_the_password_comes_from_the_keyring(first_desktop, http_server, tmp_path):
    url = http_server.url
    set_remote(first_desktop, url)
    # No password anywhere yet: refused, in one line, nothing changed.
    before = snapshot(first_desktop)
    refused = kbdesk("--content", first_desktop, "sync", "--as", "王敏")
    one_line(refused, "refused the login")
    assert snapshot(first_desktop) == before
    # A wrong one: refused as well.
    remember_login(url, "team", "wrong")
    one_line(kbdesk("--content", first_desktop, "sync", "--as", "王敏"), "refused the login")
    # The right one, given to `kbdesk login` on standard input, goes to the keyring, never to the settings.
    done = kbdesk("--content", first_desktop, "login", "--user", "team", stdin="secret\n")
    assert done.returncode == 0, done.stderr
    assert login_for(url).password == "secret" and login_for(url).source == "keyring"
    assert "secret" not in (first_desktop / ".git" / "config").read_text()
    synced = kbdesk("--content", first_desktop, "sync", "--as", "王敏", "--json")
    assert synced.returncode == 0, synced.stderr
    assert json.loads(synced.stdout)["up_to_date"]
    desk = tmp_path / "agent-desk"
    cloned = kbdesk("clone", url, desk, "--as", "小李", "--json")
    assert cloned.returncode == 0 and json.loads(cloned.stdout)["role"] == "agent", cloned.stderr
    assert (desk / REFUND).is_file()


def test_git_s_credential_helper_is_asked_first(first_desktop, http_server, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    store = tmp_path / "git-credentials"
    port = http_server.url.split(":")[2].split("/")[0]
    store.write_text(f"http://team:secret@127.0.0.1%3a{port}\n".replace("%3a", ":"))
    (home / ".gitconfig").write_text(f"[credential]\n\thelper = store --file={store}\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    found = login_for(http_server.url)
    assert (found.username, found.password, found.source) == ("team", "secret", "git")
    set_remote(first_desktop, http_server.url)
    assert sync(first_desktop, WANG).nothing_new


def test_over_git_daemon_three_desktops_see_an_approval(first_desktop, git_daemon, tmp_path):
    set_remote(first_desktop, git_daemon.url)
    liu, agent = tmp_path / "liu", tmp_path / "agent"
    assert clone(git_daemon.url, liu, LIU).role == "lead"
    assert clone(git_daemon.url, agent, AGENT).role == "agent"
    edit(liu, REFUND, "原路退回", "原路退回（git daemon）")
    save(liu, LIU, "faq-refund-timeline")
    step(liu, LIU, "submit", "faq-refund-timeline")
    sync(liu, LIU)
    sync(first_desktop, WANG)
    step(first_desktop, WANG, "approve", "faq-refund-timeline")
    sync(first_desktop, WANG)
    assert sync(agent, AGENT).changed == [REFUND]
    assert "git daemon" in (agent / REFUND).read_text(encoding="utf-8")


# -- bad addresses and servers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("where, expected", [
    ("missing-folder", "there is no git repository at"),
    ("closed-port", "cannot be reached"),
    ("unknown-repository", "there is no git repository at"),
    ("bad-scheme", "is not a git URL kbdesk can use"),
])
def test_a_wrong_url_is_one_line_and_leaves_no_folder(where, expected, tmp_path, http_server):
    port = http_server.url.split(":")[2].split("/")[0]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    url = {"missing-folder": str(tmp_path / "nowhere.git"),
           "closed-port": f"http://127.0.0.1:{closed.getsockname()[1]}/team.git",
           "unknown-repository": f"http://team:secret@127.0.0.1:{port}/other.git",
           "bad-scheme": "ftp://example.com/team.git"}[where]
    done = kbdesk("clone", url, tmp_path / "desk", "--as", "小李")
    closed.close()
    one_line(done, expected)
    assert not (tmp_path / "desk").exists()


def test_a_repository_that_is_no_knowledge_base_is_refused(tmp_path, first_desktop):
    other = tmp_path / "other.git"
    repo = Repo.init_bare(str(other), mkdir=True)
    blob = Blob.from_string(b"# A program\n")
    tree = Tree()
    tree.add(b"README.md", 0o100644, blob.id)
    commit = Commit()
    commit.tree = tree.id
    commit.author = commit.committer = b"x <x@x>"
    commit.author_time = commit.commit_time = 0
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = b"code"
    for obj in (blob, tree, commit):
        repo.object_store.add_object(obj)
    repo.refs[b"refs/heads/main"] = commit.id
    repo.close()
    one_line(kbdesk("clone", other, tmp_path / "desk"), "not a kbdesk knowledge base")
    assert not (tmp_path / "desk").exists()
    set_remote(first_desktop, str(other))  # (another repository: what was known of the old one is forgotten)
    before = snapshot(first_desktop)
    one_line(kbdesk("--content", first_desktop, "sync", "--as", "王敏"), "not a kbdesk knowledge base")
    # (what was fetched to look at it stays in .git/objects, unreferenced: harmless)
    def kept(files):
        return {k: v for k, v in files.items() if k != ".git/config" and not k.startswith(".git/objects/")}
    assert kept(snapshot(first_desktop)) == kept(before)


def test_another_knowledge_base_s_history_is_refused(first_desktop, bare, tmp_path):
    import shutil

    from kbdesk.authoring.first_run import start_history

    own = tmp_path / "own"
    shutil.copytree(first_desktop, own, ignore=shutil.ignore_patterns(".git"))
    edit(own, REFUND, "原路退回", "原路退回（另一个知识库）")
    start_history(own)
    set_remote(own, str(bare))
    before = snapshot(own)
    one_line(kbdesk("--content", own, "sync", "--as", "王敏"), "different knowledge base")
    def kept(files):
        return {k: v for k, v in files.items() if k != ".git/config" and not k.startswith(".git/objects/")}
    assert kept(snapshot(own)) == kept(before)


def test_a_force_pushed_server_is_refused_and_nothing_here_changes(desktops, bare):
    wang, liu, agent = desktops
    edit(liu, REFUND, "原路退回", "原路退回（刘芳未发出的改动）")
    save(liu, LIU, "faq-refund-timeline")
    # Someone rewrites the server's branches: both point to a new, unrelated commit.
    server = Repo(str(bare))
    blob = Blob.from_string(b"---\nid: x\ntitle: x\n---\nx\n")
    settings = Blob.from_string(b"leads: []\n")
    inner = Tree()
    inner.add(b"team.yaml", 0o100644, settings.id)
    tree = Tree()
    tree.add(b"x.md", 0o100644, blob.id)
    tree.add(b".kbdesk", 0o040000, inner.id)
    commit = Commit()
    commit.tree = tree.id
    commit.author = commit.committer = b"someone <s@example.com>"
    commit.author_time = commit.commit_time = int(time.time())
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = b"rewrite"
    for obj in (blob, settings, inner, tree, commit):
        server.object_store.add_object(obj)
    server.refs[b"refs/heads/main"] = commit.id
    server.refs[b"refs/heads/approved"] = commit.id
    server.close()
    for root, who in ((liu, "刘芳"), (agent, "小李")):
        before = snapshot(root)
        done = kbdesk("--content", root, "sync", "--as", who)
        one_line(done, "was rewritten on the server")
        assert snapshot(root) == before
        fsck(root)
    assert "刘芳未发出的改动" in (liu / REFUND).read_text(encoding="utf-8")


# -- a connection cut in the middle -----------------------------------------------------------------------------


class CuttingProxy:
    """A TCP proxy to the HTTP server that cuts every connection after
    *limit* bytes from the server (a network that drops mid-transfer)."""

    def __init__(self, target_port: int, limit: int):
        self.target, self.limit = target_port, limit
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _pipe(self, client) -> None:
        server = socket.create_connection(("127.0.0.1", self.target))
        sent = [0]

        def upstream():
            try:
                while data := client.recv(65536):
                    server.sendall(data)
            except OSError:
                pass

        threading.Thread(target=upstream, daemon=True).start()
        try:
            while data := server.recv(4096):
                room = self.limit - sent[0]
                client.sendall(data[:room])
                sent[0] += len(data[:room])
                if sent[0] >= self.limit:
                    break
        except OSError:
            pass
        for s in (client, server):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self.sock.close()


def test_a_connection_cut_in_the_middle_leaves_a_valid_repository_and_the_next_sync_works(
        first_desktop, http_server, tmp_path):
    remember_login(http_server.url, "team", "secret")
    set_remote(first_desktop, http_server.url)
    agent = tmp_path / "agent"
    clone(http_server.url, agent, AGENT)
    # A larger approval to fetch: a long article, approved.
    write(first_desktop, "faq/long.md", "---\nid: faq-long\ntitle: 长文\nkind: faq\nstatus: draft\n---\n"
          + "".join(f"第{n}条：说明文字，内容各不相同 {n * 7919 % 10007}。\n" for n in range(3000)))
    save(first_desktop, WANG, "faq-long")
    step(first_desktop, WANG, "submit", "faq-long")
    step(first_desktop, LIU, "approve", "faq-long")
    sync(first_desktop, WANG)
    port = int(http_server.url.split(":")[2].split("/")[0])
    proxy = CuttingProxy(port, limit=6000)
    cut_url = http_server.url.replace(f":{port}/", f":{proxy.port}/")
    remember_login(cut_url, "team", "secret")
    set_remote(agent, cut_url)
    before = snapshot(agent)
    done = kbdesk("--content", agent, "sync", "--as", "小李")
    proxy.close()
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and ("was cut in the middle" in lines[0]
                                                         or "cannot be reached" in lines[0]), done.stderr
    assert {k: v for k, v in snapshot(agent).items() if k.startswith(("faq", "scripts", ".git/refs"))} == \
        {k: v for k, v in before.items() if k.startswith(("faq", "scripts", ".git/refs"))}
    fsck(agent)
    set_remote(agent, http_server.url)
    assert sync(agent, AGENT).added == ["faq/long.md"]


# -- kill -9 ----------------------------------------------------------------------------------------------------

SYNC_IN_A_LOOP = """
import sys
from pathlib import Path
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import Identity
from kbdesk.sync.syncing import Syncer
print("ready", flush=True)
Syncer(ContentStore(Path(sys.argv[1])), Identity("刘芳", "liufang@example.com")).sync()
print("done", flush=True)
"""


def test_kill_9_during_a_sync_leaves_a_valid_repository_and_loses_no_edit(desktops):
    wang, liu, _agent = desktops
    rng = random.Random(14)
    for n in range(6):
        # 王敏 changes articles; 刘芳 has her own saved change and one on disk only.
        edit(wang, "faq/lottery-draw.md", "开奖", f"开奖（第{n}次）")
        save(wang, WANG, "faq-lottery-draw")
        sync(wang, WANG)
        mark = f"刘芳第{n}轮"
        edit(liu, REFUND, "原路退回", f"原路退回{mark}")
        save(liu, LIU, "faq-refund-timeline")
        process = subprocess.Popen([sys.executable, "-c", SYNC_IN_A_LOOP, str(liu)], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.25))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        fsck(liu)
        # The next sync finishes the job; 刘芳's change is there and on the server.
        report = sync(liu, LIU)
        assert mark in (liu / REFUND).read_text(encoding="utf-8"), report.to_json()
        assert f"开奖（第{n}次）" in (liu / "faq/lottery-draw.md").read_text(encoding="utf-8")
        sync(wang, WANG)
        assert mark in (wang / REFUND).read_text(encoding="utf-8")
        assert not (liu / ".git" / "kbdesk-operation.json").exists()


def test_over_ssh_with_the_user_s_key_and_a_refused_key(first_desktop, ssh_server, tmp_path, monkeypatch):
    set_remote(first_desktop, ssh_server.url)
    assert sync(first_desktop, WANG).nothing_new
    agent = tmp_path / "agent"
    assert clone(ssh_server.url, agent, AGENT).role == "agent"
    edit(first_desktop, REFUND, "原路退回", "原路退回（ssh）")
    save(first_desktop, WANG, "faq-refund-timeline")
    step(first_desktop, WANG, "submit", "faq-refund-timeline")
    step(first_desktop, LIU, "approve", "faq-refund-timeline")
    assert sync(first_desktop, WANG).pushed["approved"] == 1
    assert sync(agent, AGENT).changed == [REFUND]
    # A key the server does not know: refused, in one line, never a password prompt.
    stranger = tmp_path / "stranger"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(stranger)], check=True)
    monkeypatch.setenv("GIT_SSH_COMMAND", f"ssh -i {stranger} -o IdentitiesOnly=yes -o BatchMode=yes "
                                          "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR")
    done = kbdesk("--content", agent, "sync", "--as", "小李")
    one_line(done, "refused the login")


def test_an_agent_on_a_server_with_nothing_approved_yet_gets_no_drafts_and_then_the_approved(tmp_path, content, bare):
    from kbdesk.authoring.first_run import start_history
    from tests.conftest import write_team_settings

    write_team_settings(content)
    for f in content.rglob("*.md"):  # nothing approved: every article a draft
        f.write_text(f.read_text(encoding="utf-8").replace("status: approved", "status: draft"), encoding="utf-8")
    for f in content.rglob("*.md"):
        text = f.read_text(encoding="utf-8")
        if "status:" not in text:
            f.write_text(text.replace("---\n", "---\nstatus: draft\n", 1) if text.startswith("---")
                         else "---\nstatus: draft\n---\n" + text, encoding="utf-8")
    start_history(content)
    set_remote(content, str(bare))
    sync(content, WANG)
    agent = tmp_path / "agent"
    report = clone(str(bare), agent, AGENT)
    assert report.role == "agent" and report.added == []
    assert not list(agent.rglob("*.md"))  # no drafts on an agent's desktop
    step(content, WANG, "submit", "faq-refund-timeline")
    step(content, LIU, "approve", "faq-refund-timeline")
    sync(content, WANG)
    assert sync(agent, AGENT).added == [REFUND]
    assert (agent / REFUND).is_file() and (agent / ".kbdesk" / "team.yaml").is_file()


def test_an_agent_pointed_at_a_repository_that_is_no_knowledge_base_is_refused(desktops, tmp_path):
    _wang, _liu, agent = desktops
    other = tmp_path / "code.git"
    subprocess.run(["git", "init", "-q", "--bare", str(other)], check=True)
    work = tmp_path / "code"
    subprocess.run(["git", "clone", "-q", str(other), str(work)], check=True, capture_output=True)
    (work / "README.md").write_text("# code\n")
    for args in (["add", "."], ["-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "c"],
                 ["push", "-q", "origin", "HEAD:main"]):
        subprocess.run(["git", *args], cwd=work, check=True, capture_output=True)
    set_remote(agent, str(other))
    one_line(kbdesk("--content", agent, "sync", "--as", "小李"), "not a kbdesk knowledge base")
