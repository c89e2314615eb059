"""The team's repository: where it is, how to log in to it, how to reach it.

The URL is git's own ``remote "origin"`` in ``.git/config`` (so ``git remote
-v`` shows it too). Passwords are never kept by kbdesk: they come from git's
credential helpers or the system keyring (``keyring``), and go back only to
the keyring, at the user's word.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from dulwich.client import HTTPUnauthorized, get_transport_and_path
from dulwich.config import ConfigDict, StackedConfig
from dulwich.errors import GitProtocolError, HangupException, NotGitRepository
from dulwich.repo import Repo

from kbdesk.messages import CodedError

REMOTE = b"origin"
KEYRING_SERVICE = "kbdesk"  # passwords, under user@scheme://host
KEYRING_USERS = "kbdesk-user"  # the user name of a server whose URL names none, under scheme://host
SSH_COMMAND = "ssh -o BatchMode=yes -o ConnectTimeout=15"  # never a password prompt behind the window
NETWORK_TIMEOUT_S = 30  # of silence, not in all: a large fetch that keeps coming is never cut


class SyncError(CodedError):
    """Sync cannot be done (or not all of it); the code says why."""


def remote_url(repo: Repo) -> str | None:
    try:
        return repo.get_config().get((b"remote", REMOTE), b"url").decode("utf-8")
    except KeyError:
        return None


def set_remote_url(repo: Repo, url: str) -> str:
    """Keep *url* as the team's repository; the URL as kept (a folder made
    absolute, a password taken out: it goes to the keyring). Another
    repository than before: what was known of the old one is forgotten."""
    url = normalised_url(url)
    parsed = urllib.parse.urlsplit(url)
    if parsed.password:
        try:
            remember_login(url, urllib.parse.unquote(parsed.username or ""), urllib.parse.unquote(parsed.password))
        except SyncError:
            pass  # no keyring here: the password is asked for when the server wants it
        url = public_url(url)
    if remote_url(repo) not in (None, url):
        for ref in list(repo.refs.keys(base=b"refs/remotes/origin/")):
            repo.refs.remove_if_equals(b"refs/remotes/origin/" + ref, None)
    config = repo.get_config()
    config.set((b"remote", REMOTE), b"url", url.encode("utf-8"))
    config.set((b"remote", REMOTE), b"fetch", b"+refs/heads/*:refs/remotes/origin/*")
    config.write_to_path()
    return url


def normalised_url(url: str) -> str:
    """A URL git understands: ssh://, https://, http://, git://, user@host:path,
    or a folder (a bare repository on a share), made absolute."""
    url = url.strip()
    if not url:
        raise SyncError("sync-url-empty")
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme in ("ssh", "git", "http", "https") and parsed.netloc:
        return url
    if parsed.scheme == "file":
        return str(Path(urllib.parse.unquote(parsed.path)))
    if parsed.scheme and len(parsed.scheme) > 1 and "://" in url:
        raise SyncError("sync-url-scheme", url=url, scheme=parsed.scheme)
    if ":" in url.split("/", 1)[0] and not Path(url).exists() and "@" in url.split(":", 1)[0]:
        return url  # scp-like: user@host:path
    return str(Path(url).expanduser().resolve())


def public_url(url: str) -> str:
    """*url* as it may be shown and kept: without a password."""
    parsed = urllib.parse.urlsplit(url)
    if not parsed.password:
        return url
    host = parsed.hostname or ""
    if parsed.port:
        host += f":{parsed.port}"
    user = f"{parsed.username}@" if parsed.username else ""
    return urllib.parse.urlunsplit((parsed.scheme, user + host, parsed.path, parsed.query, parsed.fragment))


def is_local(url: str) -> bool:
    return "://" not in url and not ("@" in url.split(":", 1)[0] and ":" in url)


@dataclass
class Login:
    username: str | None = None
    password: str | None = None
    source: str = ""  # "url", "git", "keyring", "given"


def _origin(url: str) -> tuple[str, str]:
    """(scheme://host[:port], path) of an http(s) URL, without a user."""
    parsed = urllib.parse.urlsplit(url)
    host = parsed.hostname or ""
    if parsed.port:
        host += f":{parsed.port}"
    return f"{parsed.scheme}://{host}", parsed.path


def login_for(url: str) -> Login:
    """The user and password for an http(s) *url*: its own user, then git's
    credential helpers (when git is installed), then the keyring."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https"):
        return Login()
    user = urllib.parse.unquote(parsed.username) if parsed.username else None
    if parsed.password:
        return Login(user, urllib.parse.unquote(parsed.password), "url")
    if user is None:
        user = _keyring_get_user(url)
    helper = _git_credential(url, user)
    if helper.password:
        return helper
    password = _keyring_get(url, user)
    if password is not None:
        return Login(user, password, "keyring")
    return Login(user, None, "")


def remember_login(url: str, username: str, password: str) -> None:
    """Keep a password in the system keyring (kbdesk's settings never hold one)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_user(url, username), password)
        keyring.set_password(KEYRING_USERS, _origin(url)[0], username)
    except (KeyringError, RuntimeError) as exc:
        raise SyncError("sync-keyring-unavailable", reason=exc) from None


def forget_login(url: str, username: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, _keyring_user(url, username))
    except (PasswordDeleteError, KeyringError, RuntimeError):
        pass


def _keyring_user(url: str, username: str | None) -> str:
    origin, _ = _origin(url)
    return f"{username or ''}@{origin}"


def _keyring_get_user(url: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_USERS, _origin(url)[0])
    except (KeyringError, RuntimeError):
        return None


def _keyring_get(url: str, username: str | None) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_user(url, username))
    except (KeyringError, RuntimeError):
        return None  # no keyring on this desktop: the user is asked


def _git_credential(url: str, username: str | None) -> Login:
    """What git's credential helpers know of *url* (never a prompt)."""
    git = shutil.which("git")
    if git is None:
        return Login()
    parsed = urllib.parse.urlsplit(url)
    request = f"protocol={parsed.scheme}\nhost={parsed.netloc.rsplit('@', 1)[-1]}\npath={parsed.path.lstrip('/')}\n"
    if username:
        request += f"username={username}\n"
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}
    try:
        done = subprocess.run([git, "credential", "fill"], input=request + "\n", capture_output=True, text=True,
                              timeout=10, env=env)
    except (OSError, subprocess.TimeoutExpired):
        return Login()
    if done.returncode != 0:
        return Login()
    found = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    return Login(found.get("username") or username, found.get("password"), "git")


def connect(url: str, repo: Repo | None = None, login: Login | None = None):
    """(client, path) for the team's repository at *url*. A server that
    stops answering ends the sync after NETWORK_TIMEOUT_S instead of hanging."""
    login = login or login_for(url)
    # git:// opens plain sockets with no timeout of their own.
    if socket.getdefaulttimeout() is None:
        socket.setdefaulttimeout(NETWORK_TIMEOUT_S)
    timeout = ConfigDict()
    timeout.set((b"http",), b"timeout", str(NETWORK_TIMEOUT_S).encode())
    config = StackedConfig([timeout, *(repo.get_config_stack().backends if repo is not None else [])])
    kwargs = {}
    if login.username is not None:
        kwargs["username"] = login.username
    if login.password is not None:
        kwargs["password"] = login.password
    if url.startswith("ssh://") or not (is_local(url) or "://" in url):
        kwargs["ssh_command"] = os.environ.get("GIT_SSH_COMMAND") or SSH_COMMAND
    try:
        return get_transport_and_path(url, config=config, **kwargs)
    except ValueError as exc:
        raise SyncError("sync-url-scheme", url=url, scheme=str(exc)) from None


def explain(exc: BaseException, url: str) -> SyncError:
    """The one line a user reads when talking to the team's repository failed."""
    url = public_url(url)
    if isinstance(exc, SyncError):
        return exc
    if isinstance(exc, HTTPUnauthorized):
        return SyncError("sync-auth", url=url)
    if isinstance(exc, NotGitRepository):
        return SyncError("sync-no-repository", url=url)
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, GitProtocolError) and cause is not None and _network_failure(cause):
        return SyncError("sync-offline", url=url)  # dulwich wraps what urllib3 said
    # What the server or ssh said (git's own words, not ours) tells the cause apart.
    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, GitProtocolError):
        if "permission denied" in lowered or "publickey" in lowered or "authentication failed" in lowered:
            return SyncError("sync-auth", url=url)
        if ("not found" in lowered or "404" in text or "does not appear to be a git repository" in lowered
                or "no such file or directory" in lowered):
            return SyncError("sync-no-repository", url=url)
        if isinstance(exc, HangupException) and not exc.stderr_lines:
            return SyncError("sync-offline", url=url)
        if "invalid content-type" in lowered or "unexpected http" in lowered:
            return SyncError("sync-cut", url=url)  # an answer cut off in the middle
        if isinstance(exc, HangupException) and any(
                s in lowered for s in ("could not resolve", "connection refused", "timed out", "no route",
                                       "network is unreachable", "connection closed", "broken pipe")):
            return SyncError("sync-offline", url=url)
        return SyncError("sync-server-said", url=url, reason=text.strip()[:300])
    if isinstance(exc, (socket.timeout, TimeoutError, ConnectionError, socket.gaierror)):
        return SyncError("sync-offline", url=url)
    if isinstance(exc, FileNotFoundError) and is_local(url):
        return SyncError("sync-no-repository", url=url)
    if _network_failure(exc):
        return SyncError("sync-offline", url=url)
    return SyncError("sync-server-said", url=url, reason=f"{type(exc).__name__}: {exc}"[:300])


def _network_failure(exc: BaseException) -> bool:
    return isinstance(exc, (OSError, socket.timeout)) or type(exc).__module__.startswith(("urllib3", "http.client"))
