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

import contextlib
import datetime as dt
import gc
import getpass
import json
import os
import shutil
import stat
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from dulwich.config import StackedConfig
from dulwich.errors import NotGitRepository
from dulwich.file import FileLocked
from dulwich.object_store import commit_tree_changes
from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo

from kbdesk.content.article import content_hash
from kbdesk.content.store import SaveConflict, replace_if_unchanged, write_atomic
from kbdesk.messages import CodedError, Notice, english

MAIN_REF = b"refs/heads/main"
MASTER_REF = b"refs/heads/master"
APPROVED_REF = b"refs/heads/approved"
LOCK_NAME = "kbdesk.lock"
JOURNAL_NAME = "kbdesk-operation.json"
GIT_LOCK_WAIT_S = 2.0  # git holds its own lock files for milliseconds
ROOM_TO_SPARE = 1 << 20  # a save needs a few pages more than its bytes; a full disk fails the next write anyway


# Commits kbdesk writes say what they do in English, for git log, and as a
# code with parameters in this trailer, for the window in any language.
MESSAGE_TRAILER = "Kbdesk-Message: "


def coded_message(code: str, **params) -> str:
    """A commit message: the English text of *code*, and its trailer."""
    params = {k: str(v) for k, v in params.items()}
    return f"{english(code, params)}\n\n{MESSAGE_TRAILER}{json.dumps({'code': code, **params}, ensure_ascii=False)}"


class VersionError(CodedError):
    """A version operation that cannot be done; the code says why."""


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    @property
    def git(self) -> bytes:
        return f"{self.name} <{self.email}>".encode("utf-8")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


# kbdesk itself, as the author of what nobody wrote through it: the articles a
# folder held before its history began.
KBDESK = Identity("kbdesk", "kbdesk@localhost")


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
    message: str  # as written (kbdesk's own: English, then its Kbdesk-Message trailer)

    @property
    def short(self) -> str:
        return self.commit[:8]

    @property
    def summary(self) -> tuple[str | None, dict, str]:
        """(code, params, English words) of what the version records: the
        code from kbdesk's trailer (any language can show it), else None
        and the message as a person wrote it."""
        text, _sep, trailer = self.message.partition(f"\n\n{MESSAGE_TRAILER}")
        if trailer:
            try:
                data = json.loads(trailer)
                code = data.pop("code")
                return code, {k: str(v) for k, v in data.items()}, text.strip()
            except (ValueError, KeyError, AttributeError, TypeError):
                pass
        return None, {}, self.message


def _commit_time(commit: Commit) -> dt.datetime:
    tz = dt.timezone(dt.timedelta(seconds=commit.author_timezone))
    return dt.datetime.fromtimestamp(commit.author_time, tz)


class VersionStore:
    """The git repository that is the content folder."""

    def __init__(self, root: Path, repo: Repo, created: bool = False):
        self.root = Path(root)
        self.repo = repo
        self.created = created  # this process started the repository
        self.notices: list[str] = []  # what was repaired on the way, for the user

    @classmethod
    def open(cls, root: Path) -> "VersionStore | None":
        """The content folder's own repository, or None if it has none. A
        repository in a parent folder does not count: the content folder must
        be its own repository, shared on its own."""
        if not (Path(root) / ".git").exists():
            return None
        try:
            store = cls(root, Repo(str(root)))
        except NotGitRepository:
            return None
        try:
            done = store.recover()
        except VersionError as exc:
            done = Notice("notice-recovery-failed", reason=exc)
        if done:
            store.notices.append(done)
        return store

    @classmethod
    def open_or_init(cls, root: Path, author: Identity, message: str = "Start the knowledge base",
                     committer: Identity | None = None, leave_out: tuple[str, ...] = ()) -> "VersionStore":
        """The folder's repository; a new one holds every file as it is, by
        *author* (*leave_out*: files whose first version someone is saving now)."""
        existing = cls.open(root)
        if existing is not None:
            return existing
        repo = Repo.init(str(root))
        repo.refs.set_symbolic_ref(b"HEAD", MAIN_REF)
        store = cls(root, repo, created=True)
        store._commit_all(author, message, committer, leave_out)
        return store

    def close(self) -> None:
        self.repo.close()

    # -- reading ------------------------------------------------------------------

    def head(self, ref: bytes | None = None) -> bytes | None:
        """The commit *ref* points to (default: :attr:`branch`), None if none."""
        try:
            return self.repo.refs[ref or self.branch]
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

    def history(self, path: str, ref: bytes | None = None) -> list[Version]:
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
            raise VersionError("version-out-of-range", path=path, count=len(versions), n=n)
        matches = [v for v in versions if v.commit.startswith(ref.lower())]
        if len(matches) == 1:
            return matches[0]
        raise VersionError("version-ambiguous", path=path, ref=repr(ref))

    # -- writing ------------------------------------------------------------------
    #
    # Every change is built in the object store first (blobs, trees, a
    # commit whose parent is the branch's current head, with exactly the
    # files it changes), and only then made visible: each branch is moved by
    # compare-and-set, under the repository lock, so a concurrent save of
    # another article is never undone and nothing staged in git's index or
    # checked out at HEAD ends up in kbdesk's commit. Where one step moves
    # two branches and writes the file (an approval), a journal in .git says
    # what is being done until it is done; whoever opens the repository next
    # finishes it (:meth:`recover`).

    @property
    def branch(self) -> bytes:
        """The branch versions are recorded on: the one checked out (``main``,
        ``master``…); with a detached HEAD, ``main`` or ``master`` if there is one."""
        try:
            head = self.repo.refs.read_ref(b"HEAD")
        except (KeyError, OSError):
            head = None
        if head and head.startswith(b"ref: "):
            return head[5:].strip()
        for ref in (MAIN_REF, MASTER_REF):
            if self.head(ref) is not None:
                return ref
        return MAIN_REF

    @contextlib.contextmanager
    def lock(self, timeout: float = 30.0):
        """The repository lock: one kbdesk writes at a time (the system frees it
        if the process dies, so it is never stale). Git's own lock files left
        by a killed process are cleared, with a notice."""
        from filelock import FileLock, Timeout  # late: agents' desktops only read

        # One lock object per file in a process (is_singleton), so that a
        # step that locks inside another step does not wait for itself.
        lock = FileLock(str(Path(self.repo.controldir()) / LOCK_NAME), timeout=timeout, is_singleton=True)
        try:
            lock.acquire()
        except Timeout:
            raise VersionError("history-busy") from None
        try:
            self._clear_stale_git_locks()
            yield
        finally:
            lock.release()

    def _clear_stale_git_locks(self) -> None:
        """A branch's lock file lives for milliseconds while git or kbdesk
        moves the branch. With kbdesk's own lock held, one that stays past
        GIT_LOCK_WAIT_S was left by a process that was killed: it goes, with a
        notice (else nothing could be recorded again)."""
        control = Path(self.repo.controldir())

        def present() -> list[Path]:
            # Not index.lock: a git waiting in its editor holds it for minutes
            # (kbdesk then leaves git's index alone, see _sync_index).
            return [p for p in (control / "refs").rglob("*.lock") if p.exists()]

        deadline = time.monotonic() + GIT_LOCK_WAIT_S
        stale = present()
        while stale and time.monotonic() < deadline:
            time.sleep(0.05)
            stale = present()
        # A loose object's lock is dulwich's alone (git writes objects through
        # tmp_obj_ files), and every kbdesk writer holds the lock held here:
        # one left now is from a writer killed mid-object. Objects are named
        # by their content, so writing it again is safe; the lock would
        # refuse that for ever.
        stale += list((control / "objects").glob("??/*.lock"))
        stale += stale_pack_locks(control)
        for path in stale:
            try:
                path.unlink()
            except OSError:
                continue
            self.notices.append(Notice("notice-stale-lock", path=path.relative_to(self.root).as_posix()))

    def make_commit(self, parent: bytes | None, changes: dict[str, bytes | None], author: Identity, message: str,
                    committer: Identity | None = None, merged: bytes | None = None,
                    authored_at: tuple[int, int] | None = None) -> bytes:
        """A commit on top of *parent* that sets each path to its bytes (None
        removes it), in the object store only. Nothing is visible until
        :meth:`move` or :meth:`apply` moves a branch to it."""
        self._require_room(sum(len(d) for d in changes.values() if d is not None))
        try:
            return self._make_commit(parent, changes, author, message, committer, merged, authored_at)
        except OSError as exc:  # a quota, a disk filled meanwhile: objects no branch points to are harmless
            self._drop_failed_writes(exc)
            raise VersionError("cannot-record", reason=exc.strerror or exc) from None

    def _require_room(self, size: int) -> None:
        """Refuse before writing anything when the disk cannot hold a version
        of *size* bytes (objects, the file, the journal, with room to spare)."""
        try:
            free = shutil.disk_usage(self.repo.controldir()).free
        except OSError:
            return
        if free < 3 * size + ROOM_TO_SPARE:
            raise VersionError("disk-full", folder=self.root, free_kb=free // 1024)

    def _drop_failed_writes(self, exc: OSError) -> None:
        """dulwich leaves an object file whose write failed to the garbage
        collector, which then prints a traceback and leaves its lock file: it
        is let go here, quietly, and the lock file removed (this process holds
        the repository lock, so no other writer owns it)."""
        hook = sys.unraisablehook
        sys.unraisablehook = lambda unraisable: None
        try:
            traceback.clear_frames(exc.__traceback__)
            gc.collect()
        finally:
            sys.unraisablehook = hook
        for path in Path(self.repo.controldir(), "objects").glob("??/*.lock"):
            with contextlib.suppress(OSError):
                path.unlink()

    def _make_commit(self, parent: bytes | None, changes: dict[str, bytes | None], author: Identity, message: str,
                     committer: Identity | None, merged: bytes | None, authored_at: tuple[int, int] | None) -> bytes:
        base_tree = self.repo[self.repo[parent].tree] if parent else Tree()
        if parent is None:
            self.repo.object_store.add_object(base_tree)
        entries = []
        for path, data in sorted(changes.items()):
            if data is None:
                entries.append((path.encode("utf-8"), None, None))
            else:
                blob = Blob.from_string(data)
                self.repo.object_store.add_object(blob)
                entries.append((path.encode("utf-8"), 0o100644, blob.id))
        tree_id = commit_tree_changes(self.repo.object_store, base_tree, entries)
        tree_id = getattr(tree_id, "id", tree_id)  # older dulwich returns the Tree
        commit = Commit()
        commit.tree = tree_id
        commit.parents = ([parent] if parent else []) + ([merged] if merged else [])
        commit.author = author.git
        commit.committer = (committer or author).git
        commit.author_time = commit.commit_time = int(time.time())
        commit.author_timezone = commit.commit_timezone = _local_offset()
        if authored_at is not None:  # a commit carried over (an approval replayed on the team's branch)
            commit.author_time, commit.author_timezone = authored_at
        commit.encoding = b"UTF-8"
        commit.message = message.encode("utf-8")
        self.repo.object_store.add_object(commit)
        return commit.id

    def move(self, ref: bytes, old: bytes | None, new: bytes) -> None:
        """Move *ref* from *old* to *new*, or VersionError if it is no longer at *old*."""
        try:
            moved = (self.repo.refs.add_if_new(ref, new) if old is None
                     else self.repo.refs.set_if_equals(ref, old, new))
        except FileLocked:
            raise VersionError("git-lock") from None
        except OSError as exc:
            raise VersionError("cannot-record", reason=exc.strerror or exc) from None
        if not moved:
            raise VersionError("approved-moved" if ref == APPROVED_REF else "branch-moved")

    def apply(self, moves: list[tuple[bytes, bytes | None, bytes]], files: dict[str, tuple[bytes, str | None]],
              what: str) -> None:
        """Make built commits visible as one step: move each branch
        (ref, old, new), then write each working file (path: (bytes, the hash
        it must still have on disk; None: must not exist)). Call with the
        lock held. All or nothing: a branch that moved meanwhile or a file
        that cannot be written undoes what was done; a process killed halfway
        is finished by the next :meth:`recover`."""
        journal = {"what": what, "moves": [[r.decode(), o.decode() if o else None, n.decode()] for r, o, n in moves],
                   "files": {p: [Blob.from_string(d).id.decode() if d is not None else None, h]
                             for p, (d, h) in files.items()}}
        try:
            for _, (data, _) in files.items():
                if data is not None:
                    self.repo.object_store.add_object(Blob.from_string(data))
            self._write_journal(journal)
        except OSError as exc:
            raise VersionError("cannot-record", reason=exc.strerror or exc) from None
        done: list[tuple[bytes, bytes | None, bytes]] = []
        written: list[tuple[Path, bytes | None]] = []  # each file written, with what it held before
        try:
            for ref, old, new in moves:
                self.move(ref, old, new)
                done.append((ref, old, new))
            for path, (data, expected) in files.items():
                full = self.root / path
                before = full.read_bytes() if full.is_file() else None
                self._write_file(path, data, expected)
                written.append((full, before))
        except BaseException:
            for full, before in reversed(written):  # the files go back to what they held
                try:
                    if before is None:
                        full.unlink()
                    else:
                        write_atomic(full, before)
                except OSError:
                    pass
            for ref, old, new in reversed(done):
                self._undo_move(ref, old, new)
            self._remove_journal()
            raise
        self._sync_index(list(files))
        self._remove_journal()

    def recover(self) -> str | None:
        """Finish an operation a killed process left halfway (see :meth:`apply`);
        what was finished, or None if there was nothing to do."""
        path = Path(self.repo.controldir()) / JOURNAL_NAME
        if not path.exists():
            return None
        with self.lock():
            try:
                journal = json.loads(path.read_text(encoding="utf-8"))
                moves = [(r.encode(), o.encode() if o else None, n.encode()) for r, o, n in journal["moves"]]
                files = {p: (b.encode() if b else None, h) for p, (b, h) in journal["files"].items()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self._remove_journal()
                return Notice("notice-journal-unreadable")
            for ref, old, new in moves:
                if self.head(ref) == old:
                    self.move(ref, old, new)
                elif self.head(ref) != new:
                    # Someone moved on since: the interrupted step cannot be
                    # finished; what it had moved goes back.
                    for ref2, old2, new2 in moves:
                        self._undo_move(ref2, old2, new2)
                    self._remove_journal()
                    return Notice("notice-undone", what=journal.get("what"))
            for file, (blob, expected) in files.items():
                try:
                    self._write_file(file, self.repo[blob].data if blob else None, expected)
                except VersionError:
                    pass  # changed on disk since: the file keeps what is there
            self._sync_index(list(files))
            self._remove_journal()
        return Notice("notice-finished", what=journal.get("what"))

    def _undo_move(self, ref: bytes, old: bytes | None, new: bytes) -> None:
        try:
            if old is None:
                self.repo.refs.remove_if_equals(ref, new)
            else:
                self.repo.refs.set_if_equals(ref, new, old)
        except (OSError, KeyError):
            pass

    def _write_journal(self, journal: dict) -> None:
        write_atomic(Path(self.repo.controldir()) / JOURNAL_NAME, json.dumps(journal).encode("utf-8"))

    def _remove_journal(self) -> None:
        try:
            (Path(self.repo.controldir()) / JOURNAL_NAME).unlink()
        except FileNotFoundError:
            pass

    def _write_file(self, path: str, data: bytes | None, expected: str | None) -> None:
        """Write a working file (None: remove it) if it is still as expected
        (hash, or absent)."""
        full = self.root / path
        if data is None:
            try:
                if content_hash(full.read_bytes()) != expected:
                    raise VersionError("changed-on-disk", path=path)
                full.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise VersionError("cannot-write", path=path, reason=exc.strerror or exc) from None
            return
        try:
            if content_hash(full.read_bytes()) == content_hash(data):
                return
        except FileNotFoundError:
            pass
        try:
            full.parent.mkdir(parents=True, exist_ok=True)
            replace_if_unchanged(full, data, expected, path)
        except SaveConflict:
            raise VersionError("changed-on-disk", path=path) from None
        except OSError as exc:
            raise VersionError("cannot-write", path=path, reason=exc.strerror or exc) from None

    def _sync_index(self, paths: list[str]) -> None:
        """git's index follows the files kbdesk committed, where HEAD is the
        branch kbdesk records on, so ``git status`` stays clean. Best effort:
        the versions are recorded whatever the index says."""
        from dulwich.index import index_entry_from_stat

        try:
            if self.repo.refs.read_ref(b"HEAD") != b"ref: " + self.branch:
                return
            if (Path(self.repo.controldir()) / "index.lock").exists():
                self.notices.append(Notice("notice-git-index-busy"))
                return
            index = self.repo.open_index()
            head = self.head(self.branch)
            tree = self.repo[head].tree
            # Many paths (a sync): the tree listed once, not looked up per path.
            listed = ({e.path: e.sha for e in self.repo.object_store.iter_tree_contents(tree)}
                      if len(paths) > 50 else None)
            for path in paths:
                key = path.encode("utf-8")
                full = self.root / path
                try:
                    sha = listed[key] if listed is not None else self._lookup(tree, path)[1]
                except KeyError:
                    if key in index:
                        del index[key]
                    continue
                if full.exists():
                    index[key] = index_entry_from_stat(os.stat(full), sha, 0o100644)
            index.write()
        except Exception as exc:  # noqa: BLE001 - the commit is what matters
            self.notices.append(Notice("notice-git-index-stale", reason=f"{type(exc).__name__}: {exc}"))

    def _stage_and_commit(self, paths: list[str], author: Identity, message: str,
                          committer: Identity | None = None) -> str:
        """The first commit of a new repository, through git's index."""
        worktree = self.repo.get_worktree()
        worktree.stage(paths)
        now = int(time.time())
        commit = worktree.commit(
            message=message.encode("utf-8"),
            author=author.git,
            committer=(committer or author).git,
            author_timestamp=now,
            commit_timestamp=now,
            author_timezone=_local_offset(),
            commit_timezone=_local_offset(),
            ref=MAIN_REF,
        )
        return commit.decode()

    def _commit_all(self, author: Identity, message: str, committer: Identity | None = None,
                    leave_out: tuple[str, ...] = ()) -> str:
        """The first commit: every file (not pipes or devices) but *leave_out*."""
        paths = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [d for d in dirnames if d != ".git"]
            for name in filenames:
                full = Path(dirpath, name)
                mode = full.lstat().st_mode
                path = full.relative_to(self.root).as_posix()
                if (stat.S_ISREG(mode) or stat.S_ISLNK(mode)) and path not in leave_out:
                    paths.append(path)
        return self._stage_and_commit(sorted(paths), author, message, committer)

    def commit_file(self, path: str, author: Identity, message: str) -> str | None:
        """Record the file as it is on disk as a new version of *path*: one
        commit changing that file only. Returns the commit id, or None if it
        did not change."""
        with self.lock():
            on_disk = self.root / path
            data = on_disk.read_bytes() if on_disk.exists() else None
            branch = self.branch
            head = self.head(branch)
            new = Blob.from_string(data).id.decode() if data is not None else None
            if head is not None and self.blob_at(head, path) == new:
                return None
            commit = self.make_commit(head, {path: data}, author, message)
            self.move(branch, head, commit)
            self._sync_index([path])
            return commit.decode()

    def approvals(self, path: str) -> list[Version]:
        """Commits of the approved branch that changed *path*, newest first."""
        return self.history(path, APPROVED_REF)


STALE_PACK_LOCK_S = 10.0


def stale_pack_locks(git_dir: Path, older_than: float = STALE_PACK_LOCK_S) -> list[Path]:
    """Lock files of packs that a fetch or push killed halfway left in
    *git_dir* (dulwich writes a pack's index through one; git never does).
    A pack is named by its content, so the next transfer of the same objects
    would be refused for ever; one this old has no writer left."""
    now = time.time()
    out = []
    for path in (Path(git_dir) / "objects" / "pack").glob("*.lock"):
        try:
            if now - path.stat().st_mtime >= older_than:
                out.append(path)
        except OSError:
            continue
    return out


def _local_offset() -> int:
    return -time.altzone if time.localtime().tm_isdst > 0 else -time.timezone


def blob_id(data: bytes) -> str:
    return Blob.from_string(data).id.decode()
