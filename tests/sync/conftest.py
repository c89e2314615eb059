"""Desktops and servers for the sync tests: the team's repository as a bare
repository on disk, behind ``git http-backend`` with basic auth, or behind
``git daemon``, all on 127.0.0.1 and started here; desktops are real
folders, set up with ``kbdesk clone``."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dulwich.repo import Repo

from kbdesk.authoring.first_run import start_history
from kbdesk.authoring.workflow import Workflow
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import Identity
from kbdesk.sync.syncing import Syncer, clone, set_remote
from tests.conftest import write_team_settings

WANG = Identity("王敏", "wangmin@example.com")
LIU = Identity("刘芳", "liufang@example.com")
AGENT = Identity("小李", "xiaoli@example.com")
HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def test_keyring(tmp_path, monkeypatch):
    """A keyring of the test's own (a file in its folder), never the user's."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    import keyring.core

    keyring.core.set_keyring(keyring.core.load_keyring("keyrings.alt.file.PlaintextKeyring"))
    yield
    keyring.core._keyring_backend = None


def kbdesk(*args, env=None, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "kbdesk", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=180, env={**os.environ, **(env or {})}, cwd=cwd, input=stdin)


@pytest.fixture
def bare(tmp_path) -> Path:
    path = tmp_path / "server" / "team.git"
    path.parent.mkdir()
    Repo.init_bare(str(path), mkdir=True).close()
    return path


@pytest.fixture
def first_desktop(content, bare):
    """王敏's desktop: the test knowledge base, its history started and
    sent to the empty team repository (*bare*)."""
    write_team_settings(content)
    start_history(content)
    set_remote(content, str(bare))
    report = Syncer(ContentStore(content), WANG).sync()
    assert report.pushed.get("main") and report.pushed.get("approved"), report.to_json()
    return content


@pytest.fixture
def desktops(first_desktop, bare, tmp_path):
    """(王敏's, 刘芳's, 小李's) desktops on one team repository."""
    liu = tmp_path / "liu"
    agent = tmp_path / "agent"
    assert clone(str(bare), liu, LIU).role == "lead"
    assert clone(str(bare), agent, AGENT).role == "agent"
    return first_desktop, liu, agent


def sync(root: Path, who: Identity):
    return Syncer(ContentStore(root), who).sync()


def edit(root: Path, path: str, old: str, new: str) -> None:
    f = root / path
    text = f.read_text(encoding="utf-8")
    assert old in text, (old, text)
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


def save(root: Path, who: Identity, article: str, message: str = "改"):
    flow = Workflow(ContentStore(root), who)
    try:
        return flow.save(article, message)
    finally:
        flow.close()


def step(root: Path, who: Identity, action: str, article: str):
    flow = Workflow(ContentStore(root), who)
    try:
        return getattr(flow, action)(article)
    finally:
        flow.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 10) -> bool:
    """True once a server listens on *port*; False if its process ended first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            if process.poll() is not None:
                return False
            time.sleep(0.05)
    return False


class Server:
    def __init__(self, process: subprocess.Popen, url: str):
        self.process, self.url = process, url

    def stop(self) -> None:
        """Kill it and what it started (``git daemon`` runs as a child of ``git``)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(10)


@pytest.fixture
def http_server(bare):
    """``git http-backend`` for the server folder of *bare*, user 'team',
    password 'secret'. ``.url`` is the repository's https-like URL."""
    process = subprocess.Popen([sys.executable, str(HERE / "git_http_server.py"), str(bare.parent), "team", "secret"],
                               stdout=subprocess.PIPE, text=True, start_new_session=True)
    port = int(process.stdout.readline())
    server = Server(process, f"http://team@127.0.0.1:{port}/{bare.name}")
    yield server
    server.stop()


@pytest.fixture
def git_daemon(bare):
    port = free_port()
    process = subprocess.Popen(["git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                                f"--base-path={bare.parent}", "--listen=127.0.0.1", f"--port={port}",
                                str(bare.parent)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    assert wait_for_port(port, process), "git daemon did not start"
    server = Server(process, f"git://127.0.0.1:{port}/{bare.name}")
    yield server
    server.stop()


SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)


@pytest.fixture
def ssh_server(bare, tmp_path, monkeypatch):
    """``sshd`` on 127.0.0.1 with a host key and a user key made here; the
    user's ssh (GIT_SSH_COMMAND) uses that key. Skipped where there is no
    sshd (``git daemon`` covers a second network transport there)."""
    if SSHD is None or shutil.which("ssh-keygen") is None:
        pytest.skip("no sshd here (openssh-server is not installed)")
    keys = tmp_path / "ssh"
    keys.mkdir(mode=0o700)
    for name in ("host", "user"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    (keys / "authorized_keys").write_text((keys / "user.pub").read_text())
    (keys / "authorized_keys").chmod(0o600)
    port = free_port()
    config = keys / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\nPidFile {keys / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nStrictModes no\nUsePAM no\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    if not wait_for_port(port, process):
        pytest.skip(f"sshd does not start here: {process.stderr.read().decode()[:200]}")
    monkeypatch.setenv("GIT_SSH_COMMAND", f"ssh -i {keys / 'user'} -o IdentitiesOnly=yes -o BatchMode=yes "
                                          f"-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
                                          f"-o LogLevel=ERROR")
    import getpass

    server = Server(process, f"ssh://{getpass.getuser()}@127.0.0.1:{port}{bare}")
    server.keys = keys
    yield server
    server.stop()
