"""Versions of articles, kept by git in the content folder (dulwich, so no git
binary is needed on an agent's desktop).

Git layout:

- ``main`` is what leads work on: the checked-out files. Every save of an
  article is one commit touching that one file, authored by the lead.
- ``approved`` holds only approved wording: its tree has, for each article,
  the version that was last approved; retired articles are removed from it.
  Only approvals and retirements move it, each as a commit authored by the
  approver. Agents' search is built from this branch, and agents' desktops can
  pull just this branch.

Nothing is ever rewritten: restoring an old version is a new commit.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import time
from dataclasses import dataclass
from pathlib import Path

from dulwich.config import StackedConfig
from dulwich.errors import NotGitRepository
from dulwich.object_store import commit_tree_changes
from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo

MAIN_REF = b"refs/heads/main"
APPROVED_REF = b"refs/heads/approved"


class VersionError(Exception):
    """A version operation that cannot be done; the message says why."""


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    @property
    def git(self) -> bytes:
        return f"{self.name} <{self.email}>".encode("utf-8")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


def default_identity() -> Identity:
    """From git's own configuration if there is one, else the OS user."""
    name = email = ""
    try:
        config = StackedConfig.default()
        name = config.get((b"user",), b"name").decode("utf-8", "replace")
        email = config.get((b"user",), b"email").decode("utf-8", "replace")
    except KeyError:
        pass
    user = getpass.getuser() if not name or not email else ""
    return Identity(name or user, email or f"{user}@localhost")


def parse_identity(text: bytes) -> Identity:
    raw = text.decode("utf-8", "replace")
    if "<" in raw and raw.endswith(">"):
        name, email = raw[:-1].split("<", 1)
        return Identity(name.strip(), email.strip())
    return Identity(raw.strip(), "")


@dataclass(frozen=True)
class Version:
    """One commit that changed an article."""

    commit: str  # full hex id
    blob: str | None  # the article's blob at that commit (None: deleted)
    author: Identity
    time: dt.datetime
    message: str

    @property
    def short(self) -> str:
        return self.commit[:8]


def _commit_time(commit: Commit) -> dt.datetime:
    tz = dt.timezone(dt.timedelta(seconds=commit.author_timezone))
    return dt.datetime.fromtimestamp(commit.author_time, tz)


class VersionStore:
    """The git repository that is the content folder."""

    def __init__(self, root: Path, repo: Repo, created: bool = False):
        self.root = Path(root)
        self.repo = repo
        self.created = created  # this process started the repository

    @classmethod
    def open(cls, root: Path) -> "VersionStore | None":
        """The content folder's own repository, or None if it has none. A
        repository in a parent folder does not count: the content folder must
        be its own repository, shared on its own."""
        if not (Path(root) / ".git").exists():
            return None
        try:
            return cls(root, Repo(str(root)))
        except NotGitRepository:
            return None

    @classmethod
    def open_or_init(cls, root: Path, author: Identity, message: str = "Start the knowledge base") -> "VersionStore":
        existing = cls.open(root)
        if existing is not None:
            return existing
        repo = Repo.init(str(root))
        repo.refs.set_symbolic_ref(b"HEAD", MAIN_REF)
        store = cls(root, repo, created=True)
        store._commit_all(author, message)
        return store

    def close(self) -> None:
        self.repo.close()

    # -- reading ------------------------------------------------------------------

    def head(self, ref: bytes = MAIN_REF) -> bytes | None:
        try:
            return self.repo.refs[ref]
        except KeyError:
            return None

    @property
    def has_approved_branch(self) -> bool:
        return self.head(APPROVED_REF) is not None

    def _tree(self, ref: bytes) -> Tree | None:
        head = self.head(ref)
        return self.repo[self.repo[head].tree] if head else None

    def blob_at(self, commit: str | bytes, path: str) -> str | None:
        commit_obj = self.repo[commit.encode() if isinstance(commit, str) else commit]
        try:
            _, sha = self._lookup(commit_obj.tree, path)
        except KeyError:
            return None
        return sha.decode()

    def _lookup(self, tree_id: bytes, path: str):
        tree = self.repo[tree_id]
        return tree.lookup_path(self.repo.object_store.__getitem__, path.encode("utf-8"))

    def read_blob(self, blob: str) -> bytes:
        return self.repo[blob.encode()].data

    def text_at(self, version: Version) -> str:
        if version.blob is None:
            return ""
        return self.read_blob(version.blob).decode("utf-8", "replace")

    def files(self, ref: bytes = APPROVED_REF) -> dict[str, str]:
        """{path: blob id} of every article file on a branch."""
        tree = self._tree(ref)
        if tree is None:
            return {}
        out = {}
        for entry in self.repo.object_store.iter_tree_contents(tree.id):
            path = entry.path.decode("utf-8", "replace")
            if path.lower().endswith((".md", ".markdown")) and not any(
                part.startswith(".") for part in path.split("/")
            ):
                out[path] = entry.sha.decode()
        return out

    def approved_blob(self, path: str) -> str | None:
        head = self.head(APPROVED_REF)
        return self.blob_at(head, path) if head else None

    def history(self, path: str, ref: bytes = MAIN_REF) -> list[Version]:
        """Commits that changed *path*, newest first."""
        head = self.head(ref)
        if head is None:
            return []
        versions = []
        for entry in self.repo.get_walker(include=[head], paths=[path.encode("utf-8")]):
            c = entry.commit
            versions.append(Version(
                commit=c.id.decode(),
                blob=self.blob_at(c.id, path),
                author=parse_identity(c.author),
                time=_commit_time(c),
                message=c.message.decode("utf-8", "replace").strip(),
            ))
        return versions

    def resolve_version(self, path: str, ref: str) -> Version:
        """A version of *path* by commit prefix or by number (1 = oldest)."""
        versions = self.history(path)
        if ref.isdigit() and len(ref) < 6:
            n = int(ref)
            if 1 <= n <= len(versions):
                return versions[len(versions) - n]
            raise VersionError(f"{path} has versions 1 to {len(versions)}, not {n}")
        matches = [v for v in versions if v.commit.startswith(ref.lower())]
        if len(matches) == 1:
            return matches[0]
        raise VersionError(f"no single version of {path} matches {ref!r}")

    # -- writing ------------------------------------------------------------------

    def _stage_and_commit(self, paths: list[str], author: Identity, message: str) -> str:
        worktree = self.repo.get_worktree()
        present = [p for p in paths if (self.root / p).exists()]
        gone = [p for p in paths if not (self.root / p).exists()]
        if present:
            worktree.stage(present)
        if gone:
            index = self.repo.open_index()
            for p in gone:
                key = p.encode("utf-8")
                if key in index:
                    del index[key]
            index.write()
        now = int(time.time())
        commit = worktree.commit(
            message=message.encode("utf-8"),
            author=author.git,
            committer=author.git,
            author_timestamp=now,
            commit_timestamp=now,
            author_timezone=_local_offset(),
            commit_timezone=_local_offset(),
            ref=MAIN_REF,
        )
        return commit.decode()

    def _commit_all(self, author: Identity, message: str) -> str:
        paths = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [d for d in dirnames if d != ".git"]
            for name in filenames:
                paths.append(Path(dirpath, name).relative_to(self.root).as_posix())
        return self._stage_and_commit(sorted(paths), author, message)

    def commit_file(self, path: str, author: Identity, message: str) -> str | None:
        """Record the file as it is on disk as a new version of *path*.
        Returns the commit id, or None if it did not change."""
        head = self.head()
        on_disk = self.root / path
        if head is not None:
            old = self.blob_at(head, path)
            new = Blob.from_string(on_disk.read_bytes()).id.decode() if on_disk.exists() else None
            if old == new:
                return None
        return self._stage_and_commit([path], author, message)

    def set_approved(self, path: str, blob: str | None, author: Identity, message: str) -> str:
        """Move the approved branch: *path* gets *blob* (None removes it)."""
        return self.set_approved_many({path: blob}, author, message)

    def set_approved_many(self, blobs: dict[str, str | None], author: Identity, message: str) -> str:
        """One commit on the approved branch setting (or removing) several paths."""
        parent = self.head(APPROVED_REF)
        base_tree = self.repo[self.repo[parent].tree] if parent else Tree()
        if parent is None:
            self.repo.object_store.add_object(base_tree)
        changes = [
            (path.encode("utf-8"), 0o100644 if blob else None, blob.encode() if blob else None)
            for path, blob in sorted(blobs.items())
        ]
        tree_id = commit_tree_changes(self.repo.object_store, base_tree, changes)
        tree_id = getattr(tree_id, "id", tree_id)  # older dulwich returns the Tree
        commit = Commit()
        commit.tree = tree_id
        commit.parents = [parent] if parent else []
        commit.author = commit.committer = author.git
        commit.author_time = commit.commit_time = int(time.time())
        commit.author_timezone = commit.commit_timezone = _local_offset()
        commit.encoding = b"UTF-8"
        commit.message = message.encode("utf-8")
        self.repo.object_store.add_object(commit)
        if parent is None:
            self.repo.refs.add_if_new(APPROVED_REF, commit.id)
        elif not self.repo.refs.set_if_equals(APPROVED_REF, parent, commit.id):
            raise VersionError("the approved branch moved meanwhile; try again")
        return commit.id.decode()

    def approvals(self, path: str) -> list[Version]:
        """Commits of the approved branch that changed *path*, newest first."""
        return self.history(path, APPROVED_REF)


def _local_offset() -> int:
    return -time.altzone if time.localtime().tm_isdst > 0 else -time.timezone


def blob_id(data: bytes) -> str:
    return Blob.from_string(data).id.decode()
