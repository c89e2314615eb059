"""One knowledge base on many desktops, through the team's git server.

- An agent's desktop fetches only ``approved`` and fast-forwards to it; it
  never pushes. Its files are the approved wording (``approved`` checked out).
- A lead's desktop fetches ``main`` and ``approved``, merges the other leads'
  changes into ``main`` (article by article; a three-way merge by sentence
  where two leads changed one article; where both changed the same
  sentence the remote wording wins the file and the lead's own stays a
  version, recorded as a conflict), carries its own approvals onto the
  team's ``approved`` (which only moves forward: an approval of an article
  another lead changed meanwhile is not sent), and pushes both, atomically,
  only if the server still holds what was merged (else it fetches again).

Fetching and pushing run outside the repository lock (they wait on the
network); what is merged is applied under it, all or nothing
(:meth:`VersionStore.apply`).
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from dulwich.diff_tree import tree_changes
from dulwich.file import FileLocked
from dulwich.graph import find_merge_base
from dulwich.index import build_index_from_tree
from dulwich.object_store import tree_lookup_path
from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo

from kbdesk.authoring.team import Team
from kbdesk.authoring.workflow import Workflow, with_status
from kbdesk.content import yaml_text
from kbdesk.content.article import ArticleError, content_hash, decode_text, parse_article
from kbdesk.content.store import SETTINGS_DIR, ContentStore
from kbdesk.content.versions import (
    APPROVED_REF,
    STALE_PACK_LOCK_S,
    MAIN_REF,
    Identity,
    VersionError,
    VersionStore,
    coded_message,
    parse_identity,
)
from kbdesk.messages import Notice
from kbdesk.sync.conflicts import Conflict, Conflicts, now_iso
from kbdesk.sync.merging import TextMerge, merge_articles, merge_texts
from kbdesk.sync.remote import (
    Login,
    SyncError,
    connect,
    explain,
    is_local,
    normalised_url,
    public_url,
    remote_url,
    set_remote_url,
)

TRACKING = b"refs/remotes/origin/"
TEAM_FILE = f"{SETTINGS_DIR}/team.yaml"
PUSH_TRIES = 3


@dataclass
class SyncReport:
    """What a sync did, for the window, the command line and ``--json``."""

    role: str  # "lead" or "agent"
    remote: str
    identity: Identity | None = None  # who the desktop syncs (or was set up) as
    added: list[str] = field(default_factory=list)  # what agents see: newly approved articles
    changed: list[str] = field(default_factory=list)  # … approved wording changed
    retired: list[str] = field(default_factory=list)  # … withdrawn
    merged: list[str] = field(default_factory=list)  # leads: files other leads changed, now here
    pushed: dict[str, int] = field(default_factory=dict)  # leads: branch → commits sent
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # leads: approvals not sent (changed meanwhile)
    kept: list[str] = field(default_factory=list)  # files changed on this desktop, left as they are
    set_aside: dict[str, str] = field(default_factory=dict)  # agents: changed here, copied there, replaced
    notices: list = field(default_factory=list)
    usage_shared: bool = False  # this desktop's usage counts went to the team's repository

    @property
    def agents_paths(self) -> list[str]:
        return self.added + self.changed + self.retired

    @property
    def nothing_new(self) -> bool:
        return not (self.agents_paths or self.merged or any(self.pushed.values()) or self.conflicts or self.refused)

    def to_json(self) -> dict:
        return {"role": self.role, "remote": self.remote, "added": self.added, "changed": self.changed,
                "retired": self.retired, "merged": self.merged, "pushed": self.pushed,
                "conflicts": [c.to_json() for c in self.conflicts], "refused": self.refused, "kept": self.kept, "set_aside": self.set_aside,
                "usage_shared": self.usage_shared,
                "notices": [{"code": getattr(n, "code", None), "params": getattr(n, "params", {}), "text": str(n)}
                            for n in self.notices],
                "up_to_date": self.nothing_new}


# -- reading trees ------------------------------------------------------------------------------------------------


def _files(repo: Repo, commit: bytes | None) -> dict[str, bytes]:
    """{path: blob id} of every file of *commit*."""
    if commit is None:
        return {}
    return {e.path.decode("utf-8", "replace"): e.sha
            for e in repo.object_store.iter_tree_contents(repo[commit].tree)}


def _is_article(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown")) and not any(p.startswith(".") for p in path.split("/"))


def _data(repo: Repo, blob: bytes | None) -> bytes | None:
    return repo[blob].data if blob is not None else None


def _status(path: str, data: bytes | None) -> str | None:
    if data is None or not _is_article(path):
        return None
    try:
        return parse_article(path, data).status
    except ArticleError:
        return None


def _ancestor(repo: Repo, old: bytes, new: bytes) -> bool:
    """Whether *old* is *new* or one of its ancestors, by a walk of the
    parents. (dulwich's can_fast_forward cuts its walk at commits older than
    *old*: a desktop whose clock is behind, or commits of the same second,
    made a sync refuse the team's branch as force-pushed.)"""
    if old == new:
        return True
    seen, pending = {new}, [new]
    while pending:
        try:
            parents = repo[pending.pop()].parents
        except KeyError:  # (beyond what this repository has)
            continue
        for parent in parents:
            if parent == old:
                return True
            if parent not in seen:
                seen.add(parent)
                pending.append(parent)
    return False


def _changed_paths(repo: Repo, old: bytes | None, new: bytes | None) -> dict[str, tuple[bytes | None, bytes | None]]:
    """{path: (blob before, blob after)} between two commits."""
    old_tree = repo[old].tree if old else None
    new_tree = repo[new].tree if new else None
    out = {}
    for change in tree_changes(repo.object_store, old_tree, new_tree):
        before = change.old.path if change.old and change.old.path else None
        after = change.new.path if change.new and change.new.path else None
        for path in {before, after} - {None}:
            name = path.decode("utf-8", "replace")
            out[name] = (change.old.sha if before == path else None, change.new.sha if after == path else None)
    return out


# -- the team's repository ----------------------------------------------------------------------------------------


class Remote:
    """The team's repository as this desktop talks to it."""

    def __init__(self, repo: Repo, url: str, login: Login | None = None):
        self.repo = repo
        self.url = url
        self.client, self.path = connect(url, repo, login)
        self.advertised: dict[bytes, bytes] = {}  # every ref the server had at the last fetch

    def refs(self) -> dict[bytes, bytes]:
        try:
            result = self.client.get_refs(self.path.encode() if isinstance(self.path, str) else self.path)
        except Exception as exc:  # noqa: BLE001 - every transport fails its own way; one line says which
            raise explain(exc, self.url) from None
        refs = getattr(result, "refs", result)
        return {k: v for k, v in refs.items() if v is not None and not k.endswith(b"^{}")}

    def fetch(self, branches: list[bytes]) -> dict[bytes, bytes]:
        """Fetch *branches* (full ref names) into the object store; {ref: commit}
        as the server has them (a branch it lacks is left out)."""
        found: dict[bytes, bytes] = {}

        def wants(refs, depth=None):
            self.advertised = {k: v for k, v in refs.items() if v is not None}
            found.update({r: refs[r] for r in branches if refs.get(r)})
            return [sha for sha in set(found.values()) if sha not in self.repo.object_store]

        try:
            self.client.fetch(self.path, self.repo, determine_wants=wants)
        except Exception as exc:  # noqa: BLE001
            raise explain(exc, self.url) from None
        missing = [r for r, sha in found.items() if sha not in self.repo.object_store]
        if missing:  # a server that said it sent them and did not: a dropped connection
            raise SyncError("sync-offline", url=self.url)
        return found

    def _clear_pack_lock(self, exc: FileLocked) -> bool:
        """A lock file in the shared repository (a pack's, a branch's) that
        a desktop killed mid-push left: removed once it is older than any
        live writer's (they live for milliseconds). False: not ours to clear."""
        lock = Path(os.fsdecode(exc.lockfilename))
        if not is_local(self.url) or not any(p.name in ("objects", "refs") for p in lock.parents):
            return False
        deadline = time.monotonic() + STALE_PACK_LOCK_S + 1
        while time.monotonic() < deadline:
            try:
                age = time.time() - lock.stat().st_mtime
            except FileNotFoundError:
                return True
            if age >= STALE_PACK_LOCK_S:
                lock.unlink(missing_ok=True)
                return True
            time.sleep(0.5)
        return False

    def push(self, updates: dict[bytes, tuple[bytes | None, bytes]]) -> bool:
        """Set each remote branch {ref: (what it must still be, new)}, all or
        none; False if the server moved on meanwhile (fetch and merge again)."""
        stale = []

        def update_refs(refs):
            for ref, (old, _new) in updates.items():
                if refs.get(ref) != old and not (old is None and ref not in refs):
                    stale.append(ref)
            if stale:
                return dict(refs)  # nothing changes: the caller fetches again
            return {**refs, **{ref: new for ref, (_old, new) in updates.items()}}

        def pack_data(have, want, *, ofs_delta=False, progress=None):
            return self.repo.generate_pack_data(set(have), set(want), progress=progress, ofs_delta=ofs_delta)

        try:
            result = self.client.send_pack(self.path.encode() if isinstance(self.path, str) else self.path,
                                           update_refs, generate_pack_data=pack_data, atomic=len(updates) > 1)
        except FileLocked as exc:
            # A repository on a share, written by this process: a pack lock a
            # killed desktop left there is cleared once it is old enough.
            if not self._clear_pack_lock(exc):
                raise SyncError("sync-busy", url=public_url(self.url)) from None
            return False  # fetch, merge and push again
        except Exception as exc:  # noqa: BLE001
            if stale:
                return False
            text = str(exc)
            if "atomic" in text.lower() and len(updates) > 1:  # a server without atomic pushes
                return all(self.push({ref: update}) for ref, update in updates.items())
            raise explain(exc, self.url) from None
        if stale:
            return False
        errors = {ref: err for ref, err in (getattr(result, "ref_status", None) or {}).items() if err}
        if errors:
            if any("stale" in str(e) or "fetch first" in str(e) or "non-fast-forward" in str(e)
                   for e in errors.values()):
                return False
            ref, err = next(iter(errors.items()))
            raise SyncError("sync-push-refused", url=self.url, branch=ref.decode().rsplit("/", 1)[-1],
                            reason=str(err))
        return True


# -- syncing -----------------------------------------------------------------------------------------------------


class Syncer:
    def __init__(self, store: ContentStore, identity: Identity, team: Team | None = None, login: Login | None = None,
                 usage=None):
        self.store = store
        self.identity = identity
        self.team = team if team is not None else Team.load(store.root)
        self.login = login
        self.usage = usage  # (desktop id, its daily counts), or a function giving them: shared if the team wants

    def sync(self) -> SyncReport:
        versions = VersionStore.open(self.store.root)
        if versions is None:
            raise SyncError("sync-no-history", folder=self.store.root)
        try:
            url = remote_url(versions.repo)
            if url is None:
                raise SyncError("sync-no-remote")
            notice = versions.recover()
            lead = self.team.is_lead(self.identity)
            report = SyncReport("lead" if lead else "agent", url)
            if notice:
                report.notices.append(notice)
            remote = Remote(versions.repo, url, self.login)
            if lead:
                problem = self.store.unwritable()
                if problem is not None:
                    raise problem
                self._lead_sync(versions, remote, report)
            else:
                self._agent_sync(versions, remote, report)
            self._share_usage(versions, remote, report, lead)
            report.notices.extend(versions.notices)
            return report
        finally:
            versions.close()

    # -- usage counts ----------------------------------------------------------------------------------------

    def _share_usage(self, versions: VersionStore, remote: Remote, report: SyncReport, lead: bool) -> None:
        """This desktop's counts out to its own ref; a lead's desktop also
        takes everyone else's. Never in the way of the sync itself: a failure
        is a notice."""
        if self.usage is None or not Team.load(self.store.root).share_usage:
            return
        from kbdesk.usage.sharing import USAGE_PREFIX, publish_locally, usage_ref

        desktop, payload = self.usage() if callable(self.usage) else self.usage
        repo = versions.repo
        try:
            with versions.lock():
                publish_locally(repo, desktop, payload)
            ref = usage_ref(desktop)
            heads = remote.advertised or remote.refs()  # (as the sync's fetch found them: no round trip more)
            if heads.get(ref) != repo.refs[ref]:
                remote.push({ref: (heads.get(ref), repo.refs[ref])})
            report.usage_shared = True
            if lead:
                others = [r for r in heads if r.startswith(USAGE_PREFIX) and r != ref]
                fetched = remote.fetch(others) if others else {}
                with versions.lock():
                    for name, sha in fetched.items():
                        repo.refs[name] = sha
        except (SyncError, VersionError) as exc:
            report.notices.append(Notice("notice-usage-not-shared", reason=str(exc)))

    # -- agents ----------------------------------------------------------------------------------------------

    def _agent_sync(self, versions: VersionStore, remote: Remote, report: SyncReport) -> None:
        repo = versions.repo
        fetched = remote.fetch([APPROVED_REF])
        theirs = fetched.get(APPROVED_REF)
        if theirs is None:
            # Nothing approved yet, or no knowledge base at all: its main branch tells.
            main = [r for r in (MAIN_REF, b"refs/heads/master") if r in remote.advertised]
            if remote.advertised and not main:
                raise SyncError("sync-not-kbdesk", url=public_url(remote.url))
            if main:
                _check_kbdesk(repo, remote.fetch(main[:1]), remote.url)
            report.notices.append(SyncError("sync-nothing-approved"))
            return
        _refuse_rewritten(repo, fetched)
        with versions.lock():
            ours = versions.head(APPROVED_REF)
            if ours is not None and not _ancestor(repo, ours, theirs) and not _ancestor(repo, theirs, ours):
                raise SyncError("sync-approved-diverged")
            # (a desktop ahead of the team was a lead's: it has nothing to take)
            if ours is None or (ours != theirs and _ancestor(repo, ours, theirs)):
                on_disk = versions.branch == APPROVED_REF  # an agent's desktop: the files are approved's
                files = _checkout_changes(versions, ours, theirs, report, agents=True) if on_disk else {}
                versions.apply([(APPROVED_REF, ours, theirs)], files, "sync")
                _describe_agents_view(repo, ours, theirs, report)
            _set_tracking(repo, APPROVED_REF, theirs)

    # -- leads ----------------------------------------------------------------------------------------------

    def _lead_sync(self, versions: VersionStore, remote: Remote, report: SyncReport) -> None:
        repo = versions.repo
        for _round in range(PUSH_TRIES):
            branch = versions.branch if versions.branch != APPROVED_REF else MAIN_REF
            # One round trip: the branch this desktop works on, or, on a desktop
            # that has none yet, the server's main or master.
            candidates = list(dict.fromkeys([branch, MAIN_REF, b"refs/heads/master", APPROVED_REF]))
            offered = remote.fetch(candidates if versions.head(branch) is None else [branch, APPROVED_REF])
            heads = remote.advertised
            if heads and branch not in heads and MAIN_REF not in heads and APPROVED_REF not in heads:
                raise SyncError("sync-not-kbdesk", url=remote.url)
            if branch not in heads and versions.head(branch) is None:
                branch = next((b for b in (MAIN_REF, b"refs/heads/master") if b in heads), branch)
            fetched = {r: sha for r, sha in offered.items() if r in (branch, APPROVED_REF)}
            _check_kbdesk(repo, fetched, remote.url)
            _refuse_rewritten(repo, fetched)
            with versions.lock():
                self._record_disk_edits(versions, branch, fetched.get(branch))
                plan = self._merge(versions, branch, fetched, report)
                for ref, sha in fetched.items():
                    _set_tracking(repo, ref, sha)
            updates = {}
            for ref, new in ((branch, plan.main), (APPROVED_REF, plan.approved)):
                if new is not None and fetched.get(ref) != new:
                    updates[ref] = (fetched.get(ref), new)
            if not updates or remote.push(updates):
                with versions.lock():
                    for ref, (_old, new) in updates.items():
                        report.pushed[ref.decode().rsplit("/", 1)[-1]] = _count(repo, fetched.get(ref), new)
                        _set_tracking(repo, ref, new)
                return
            # The server moved on while we merged: take its news and merge again.
        raise SyncError("sync-busy", url=remote.url)

    def _record_disk_edits(self, versions: VersionStore, branch: bytes, theirs: bytes | None) -> None:
        """A file edited on disk and not saved as a version, which the other
        leads changed too, becomes a version first, so the merge keeps it."""
        ours = versions.head(branch)
        if ours is None or theirs is None or _ancestor(versions.repo, theirs, ours):
            return
        base = _merge_base(versions.repo, ours, theirs)
        changed = _changed_paths(versions.repo, base, theirs) if base is not None else {}
        flow = Workflow(self.store, self.identity, self.team)
        recorded = _files(versions.repo, ours)  # once: a sync may touch thousands of articles
        for path in changed:
            if not _is_article(path):
                continue
            full = self.store.root / path
            try:
                disk = Blob.from_string(full.read_bytes()).id if full.is_file() else None
            except OSError:
                continue
            if disk is not None and disk != recorded.get(path):
                try:
                    flow.record_disk_edit(versions, path, "commit-before-sync")
                except ArticleError:
                    continue  # half-edited, unreadable: the file stays as it is (kept), the rest syncs

    def _merge(self, versions: VersionStore, branch: bytes, fetched: dict[bytes, bytes], report: SyncReport):
        repo = versions.repo
        ours, theirs = versions.head(branch), fetched.get(branch)
        ours_a, theirs_a = versions.head(APPROVED_REF), fetched.get(APPROVED_REF)
        base = ours if theirs is None else (theirs if ours is None else _merge_base(repo, ours, theirs))
        if ours is not None and theirs is not None and base is None:
            raise SyncError("sync-unrelated", url=versions.root)

        # main
        conflicts: list[Conflict] = []
        merged_paths: dict[str, bytes | None] = {}
        if theirs is None or _ancestor(repo, theirs, ours or theirs):
            main = ours
        elif ours is None or _ancestor(repo, ours, theirs):
            main = theirs
            merged_paths = {p: new for p, (_old, new) in _changed_paths(repo, ours, theirs).items()}
        else:
            mine_changes = _changed_paths(repo, base, ours)
            ours_files, base_files = _files(repo, ours), _files(repo, base)
            for path, (_b, their_blob) in _changed_paths(repo, base, theirs).items():
                my_blob = ours_files.get(path)
                if my_blob == their_blob:
                    continue
                if path not in mine_changes or my_blob is None:
                    merged_paths[path] = their_blob  # only they changed it (or we removed what they changed)
                    continue
                if their_blob is None:
                    continue  # they removed what we changed: ours stays
                base_blob = base_files.get(path)
                done = _merge_file(repo, path, base_blob, my_blob, their_blob)
                blob = Blob.from_string(done.text.encode("utf-8")) if done.text is not None \
                    else repo[their_blob]
                repo.object_store.add_object(blob)
                merged_paths[path] = blob.id
                if done.conflicts:
                    conflicts.append(Conflict(path, my_blob.decode(), ours.decode(), their_blob.decode(),
                                              _author_of(repo, theirs, path, their_blob),
                                              base_blob.decode() if base_blob else None, now_iso(), done.conflicts))
                elif _status(path, blob.data) == "retired" and {_status(path, _data(repo, b))
                                                                 for b in (my_blob, their_blob)} != {"retired"}:
                    # One lead retired it while the other changed it: said, the change kept in the file.
                    report.notices.append(Notice("notice-edit-in-retired", path=path))
            changes = {p: _data(repo, b) for p, b in merged_paths.items()}
            main = versions.make_commit(ours, changes, self.identity,
                                        coded_message("commit-merge", count=len(changes)), merged=theirs)

        # approved: only forward, the team's first
        approved, refused = self._carry_approvals(versions, ours_a, theirs_a, base, theirs)
        # What this lead approved and was not sent is in review again; what
        # says approved in main must be what agents see.
        fixes = {}
        main_files = _files(repo, main)
        approved_files = _files(repo, approved)
        for path in set(refused) | set(merged_paths):
            blob = main_files.get(path)
            data = _data(repo, blob)
            status = _status(path, data)
            if (status == "approved" and approved_files.get(path) != blob) or \
                    (status == "retired" and path in approved_files):  # a retirement that was not sent
                fixes[path] = with_status(decode_text(data), "review").encode("utf-8")
        if fixes:
            main = versions.make_commit(main, fixes, self.identity,
                                        coded_message("commit-review-again", count=len(fixes)))
        shared = self._settings_for_agents(repo, main, approved)
        if shared:
            approved = versions.make_commit(approved, shared, self.identity, coded_message("commit-share-settings"))

        # the working files follow main; then both branches move, or nothing does
        moves = []
        if main != ours and main is not None:
            moves.append((branch, ours, main))
        if approved != ours_a and approved is not None:
            moves.append((APPROVED_REF, ours_a, approved))
        files = _checkout_changes(versions, ours if versions.branch == branch else versions.head(versions.branch),
                                  main, report) if main is not None else {}
        # The conflicts are written first: a sync killed after the apply
        # must not leave a lead's wording that nobody offers back.
        record = Conflicts(repo.controldir())
        before = record.all()
        record.add(conflicts)
        try:
            if moves or files:
                versions.apply(moves, files, "sync")
        except BaseException:
            record.replace(before)
            raise
        if versions.branch != branch:  # a desktop set up for an agent, now a lead's: it works on main
            versions.repo.refs.set_symbolic_ref(b"HEAD", branch)
            versions._sync_index(list(_files(repo, main)))
        report.conflicts.extend(conflicts)
        report.refused.extend(sorted(refused))
        report.merged.extend(sorted(p for p in merged_paths if p not in {c.path for c in conflicts}))
        # What agents see changed: the team's approved branch as it was, against what it becomes.
        team_before = theirs_a if theirs_a is not None else ours_a
        if team_before != approved:
            _describe_agents_view(repo, team_before, approved, report)
        return _Plan(main, approved)

    def _carry_approvals(self, versions: VersionStore, ours: bytes | None, theirs: bytes | None,
                         main_base: bytes | None, main_theirs: bytes | None) -> tuple[bytes | None, list[str]]:
        """The team's approved branch with this desktop's approvals on top,
        each one commit as it was made; an approval of an article that the
        team changed since (in ``main`` or in ``approved``) is not carried."""
        repo = versions.repo
        if theirs is None or ours is None or _ancestor(repo, ours, theirs):
            return (ours if theirs is None else theirs), []
        base = _merge_base(repo, ours, theirs)
        if base is None:
            raise SyncError("sync-approved-diverged")
        team_changed = set(_changed_paths(repo, base, theirs))
        if main_base is not None and main_theirs is not None and not _ancestor(repo, main_theirs, main_base):
            team_changed |= {p for p in _changed_paths(repo, main_base, main_theirs) if _is_article(p)}
        if _ancestor(repo, theirs, ours) and not (team_changed & set(_changed_paths(repo, theirs, ours))):
            return ours, []  # only ours is new, and nothing of it was changed by the team meanwhile
        refused: set[str] = set()
        head = theirs
        for commit in _commits_between(repo, base, ours):
            parent = commit.parents[0] if commit.parents else None
            changes = {}
            for path, (_old, new) in _changed_paths(repo, parent, commit.id).items():
                if path in team_changed and _is_article(path):
                    refused.add(path)
                    continue
                changes[path] = _data(repo, new)
            if not changes:
                continue
            head = versions.make_commit(head, changes, parse_identity(commit.author), commit.message.decode("utf-8"),
                                        committer=self.identity, authored_at=(commit.author_time,
                                                                              commit.author_timezone))
        return head, sorted(refused)

    def _settings_for_agents(self, repo: Repo, main: bytes | None, approved: bytes | None) -> dict[str, bytes | None]:
        """The team's files (``.kbdesk/``) of main that agents' desktops lack:
        the dictionary, placeholders and team they work with."""
        if main is None or approved is None:
            return {}
        wanted, have = _settings_files(repo, main), _settings_files(repo, approved)
        out = {p: _data(repo, b) for p, b in wanted.items() if have.get(p) != b}
        out.update({p: None for p in have if p not in wanted})
        return out


def _settings_files(repo: Repo, commit: bytes) -> dict[str, bytes]:
    """{path: blob} of the ``.kbdesk/`` folder of *commit*: that subtree only, not the whole tree."""
    try:
        _mode, sha = tree_lookup_path(repo.object_store.__getitem__, repo[commit].tree, SETTINGS_DIR.encode())
    except KeyError:
        return {}
    return {f"{SETTINGS_DIR}/{e.path.decode('utf-8', 'replace')}": e.sha
            for e in repo.object_store.iter_tree_contents(sha)}


@dataclass
class _Plan:
    main: bytes | None
    approved: bytes | None


def _text(repo: Repo, blob: bytes | None) -> str:
    return decode_text(repo[blob].data) if blob else ""


def _author_of(repo: Repo, head: bytes, path: str, blob: bytes, limit: int = 500) -> str:
    """Who wrote *blob* of *path*: the oldest commit on *head*'s first-parent
    line that already has it (commit times are not trusted: desktops' clocks differ)."""
    author, current = "", head
    for _ in range(limit):
        commit = repo[current]
        try:
            _mode, sha = tree_lookup_path(repo.object_store.__getitem__, commit.tree, path.encode("utf-8"))
        except KeyError:
            sha = None
        if sha != blob:
            break
        author = parse_identity(commit.author).name
        if not commit.parents:
            break
        current = commit.parents[0]
    return author


def _merge_file(repo: Repo, path: str, base: bytes | None, mine: bytes, theirs: bytes):
    """Articles by sentence (the status line on its own), the team's other
    text files by line; anything else (an image) is theirs, and a conflict."""
    if _is_article(path):
        return merge_articles(_text(repo, base), _text(repo, mine), _text(repo, theirs))
    try:
        texts = [repo[b].data.decode("utf-8") if b else "" for b in (base, mine, theirs)]
    except UnicodeDecodeError:
        return TextMerge(None, 1)
    return merge_texts(*texts)


def _merge_base(repo: Repo, a: bytes, b: bytes) -> bytes | None:
    bases = find_merge_base(repo, [a, b])
    return bases[0] if bases else None


def _commits_between(repo: Repo, base: bytes, head: bytes) -> list[Commit]:
    """Commits reachable from *head* but not *base*, oldest first (first parents)."""
    out = []
    current = head
    while current is not None and current != base:
        commit = repo[current]
        out.append(commit)
        current = commit.parents[0] if commit.parents else None
        if current is not None and _ancestor(repo, current, base) and current != base:
            break
    return list(reversed(out))


def _count(repo: Repo, old: bytes | None, new: bytes) -> int:
    from dulwich.walk import Walker

    return sum(1 for _ in Walker(repo.object_store, [new], exclude=[old] if old else None))


def _refuse_rewritten(repo: Repo, fetched: dict[bytes, bytes]) -> None:
    """A branch the server rewrote (force-pushed) since the last sync is
    refused before anything here moves."""
    for ref, sha in fetched.items():
        tracking = TRACKING + ref.rsplit(b"/", 1)[-1]
        old = repo.refs[tracking] if tracking in repo.refs else None
        if old is not None and old in repo.object_store and not _ancestor(repo, old, sha):
            raise SyncError("sync-rewritten", branch=ref.decode().rsplit("/", 1)[-1])


def _set_tracking(repo: Repo, ref: bytes, sha: bytes) -> None:
    repo.refs[TRACKING + ref.rsplit(b"/", 1)[-1]] = sha


def _check_kbdesk(repo: Repo, fetched: dict[bytes, bytes], url: str) -> None:
    """The server's repository is a kbdesk knowledge base (an approved
    branch, or a .kbdesk folder), or empty."""
    if not fetched or APPROVED_REF in fetched:
        return
    for sha in fetched.values():
        if any(p.startswith(f"{SETTINGS_DIR}/") for p in _files(repo, sha)):
            return
    raise SyncError("sync-not-kbdesk", url=public_url(url))


def _checkout_changes(versions: VersionStore, old: bytes | None, new: bytes | None, report: SyncReport,
                      agents: bool = False) -> dict[str, tuple[bytes | None, str | None]]:
    """The working files that go from *old*'s content to *new*'s: {path:
    (bytes or None to remove, the hash it must still have)}. A file changed
    on this desktop since is left as it is (and said); on an agent's desktop
    (*agents*), whose files are the approved wording, it is set aside in the
    user's data folder and replaced."""
    repo = versions.repo
    files = {}
    for path, (before, after) in _changed_paths(repo, old, new).items():
        full = versions.root / path
        try:
            disk = full.read_bytes() if full.is_file() else None
        except OSError:
            disk = None
        disk_blob = Blob.from_string(disk).id if disk is not None else None
        if disk_blob is not None and disk_blob != before and disk_blob != after:
            if not agents:
                report.kept.append(path)
                continue
            report.set_aside[path] = str(_set_aside(versions.root, path, disk))
        elif disk_blob is not None and disk_blob == after:
            continue
        files[path] = (_data(repo, after), content_hash(disk) if disk is not None else None)
    return files


def _set_aside(root: Path, path: str, data: bytes) -> Path:
    """A copy of a file changed on an agent's desktop, before the approved
    wording replaces it: nothing typed is lost."""
    import time as _time

    from kbdesk.config import data_dir
    from kbdesk.content.store import write_atomic

    target = data_dir() / "set-aside" / _time.strftime("%Y%m%d-%H%M%S") / path
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    return target


def _describe_agents_view(repo: Repo, old: bytes | None, new: bytes | None, report: SyncReport) -> None:
    for path, (before, after) in sorted(_changed_paths(repo, old, new).items()):
        if not _is_article(path):
            continue
        if before is None:
            report.added.append(path)
        elif after is None:
            report.retired.append(path)
        else:
            report.changed.append(path)


# -- setting up a desktop --------------------------------------------------------------------------------------


def clone(url: str, folder: Path, who, login: Login | None = None) -> SyncReport:
    """A new desktop from the team's repository at *url*: a lead's gets
    ``main`` and ``approved`` with ``main`` checked out; an agent's only
    ``approved``, checked out. *who*: an Identity, or a function from the
    team (as the server has it) to one. A failed clone leaves no folder behind."""
    url = normalised_url(url)
    folder = Path(folder).expanduser()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SyncError("clone-not-empty", folder=folder)
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        repo = Repo.init(str(folder))
        try:
            set_remote_url(repo, url)
            remote = Remote(repo, url, login)
            heads = remote.refs()
            if not heads:
                raise SyncError("clone-empty", url=public_url(url))
            main = next((b for b in (MAIN_REF, b"refs/heads/master") if b in heads), None)
            fetched = remote.fetch([APPROVED_REF] if APPROVED_REF in heads else [r for r in (main,) if r])
            _check_kbdesk(repo, fetched, url)
            team = _team_in(repo, fetched)
            identity = who(team) if callable(who) else who
            lead = team.is_lead(identity)
            setup_as = identity
            if lead and main is not None and main not in fetched:
                fetched.update(remote.fetch([main]))
            if not lead:  # an agent's desktop holds the approved wording only (none yet: nothing)
                fetched = {r: sha for r, sha in fetched.items() if r == APPROVED_REF}
            for ref, sha in fetched.items():
                _set_tracking(repo, ref, sha)
                repo.refs[ref] = sha
            branch = main if lead and main is not None else APPROVED_REF
            repo.refs.set_symbolic_ref(b"HEAD", branch)
            if branch in fetched:
                build_index_from_tree(str(folder), repo.index_path(), repo.object_store, repo[fetched[branch]].tree)
            report = SyncReport("lead" if lead else "agent", public_url(url), setup_as)
            _describe_agents_view(repo, None, fetched.get(APPROVED_REF), report)
            report.added = sorted(report.added)
            return report
        finally:
            repo.close()
    except BaseException:
        if made:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for child in folder.iterdir():
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
        raise


def _team_in(repo: Repo, fetched: dict[bytes, bytes]) -> Team:
    """The team file as the server's approved branch (else main) has it."""
    for ref in (APPROVED_REF, MAIN_REF, b"refs/heads/master"):
        blob = _files(repo, fetched.get(ref)).get(TEAM_FILE) if ref in fetched else None
        if blob is not None:
            try:
                return Team.from_mapping(yaml_text.load(decode_text(repo[blob].data)) or {})
            except (ValueError, AttributeError):
                return Team()
    return Team()


def conflicts_of(root: Path) -> list[Conflict]:
    versions = VersionStore.open(root)
    if versions is None:
        return []
    try:
        return Conflicts(versions.repo.controldir()).all()
    finally:
        versions.close()


def conflict_texts(root: Path, conflict: Conflict) -> tuple[str, str]:
    """(the wording that won the file, this lead's own) of *conflict*."""
    versions = VersionStore.open(root)
    if versions is None:
        return "", ""
    try:
        return (decode_text(versions.read_blob(conflict.theirs)), decode_text(versions.read_blob(conflict.mine)))
    finally:
        versions.close()


def resolve_conflict(store: ContentStore, identity: Identity, article: str, keep: str, team: Team | None = None):
    """End the conflict of *article*: *keep* "theirs" (the file stays as the
    sync left it) or "mine" (this lead's wording becomes the new version, a
    draft). A Change, as the leads' other steps return."""
    from kbdesk.authoring.workflow import Change

    found = store.find(article)
    path = found.path if found is not None else article
    versions = VersionStore.open(store.root)
    if found is None and (versions is None or Conflicts(versions.repo.controldir()).get(path) is None):
        if versions is not None:
            versions.close()
        from kbdesk.authoring.workflow import WorkflowError

        raise WorkflowError("no-article", article=repr(article))
    if versions is None:
        raise SyncError("no-conflict", article=article)
    try:
        conflicts = Conflicts(versions.repo.controldir())
        conflict = conflicts.get(path)
        if conflict is None:
            raise SyncError("no-conflict", article=article)
        if keep == "mine":
            flow = Workflow(store, identity, team)
            try:
                # Mine where we both changed it; theirs (and whatever came since) everywhere else.
                disk = store.read_bytes(path)
                base = decode_text(versions.read_blob(conflict.base)) if conflict.base else ""
                merged = merge_articles(base, decode_text(disk), decode_text(versions.read_blob(conflict.mine)),
                                        prefer_theirs_status=False)
                mine = with_status(merged.text, "draft")
                change = flow.save_text(path, mine, content_hash(disk),
                                        coded_message("commit-conflict-mine", title=found.title if found else path))
            finally:
                flow.close()
            conflicts.resolve(path)
            return Change(path, change.commit).said("change-conflict-mine")
        conflicts.resolve(path)
        return Change(path, None).said("change-conflict-theirs")
    finally:
        versions.close()


def set_remote(root: Path, url: str) -> str:
    """Keep *url* as the team's repository of *root*; a folder with no
    history yet starts it first (its files taken over as they are)."""
    versions = VersionStore.open(root)
    if versions is None:
        from kbdesk.authoring.first_run import start_history

        normalised_url(url)  # a bad URL is refused before anything is made
        start_history(Path(root), "commit-start")  # the team's own articles, taken over as they are
        versions = VersionStore.open(root)
    try:
        return set_remote_url(versions.repo, url)
    finally:
        versions.close()


def reachable(root: Path):
    """None if the team's repository of *root* answers, else the SyncError."""
    versions = VersionStore.open(root)
    if versions is None:
        return SyncError("sync-no-history", folder=root)
    try:
        url = remote_url(versions.repo)
        if url is None:
            return SyncError("sync-no-remote")
        try:
            Remote(versions.repo, url).refs()
        except SyncError as exc:
            return exc
        return None
    finally:
        versions.close()


def current_remote(root: Path) -> str | None:
    versions = VersionStore.open(root)
    if versions is None:
        return None
    try:
        return remote_url(versions.repo)
    finally:
        versions.close()


__all__ = ["Conflict", "Conflicts", "SyncError", "SyncReport", "Syncer", "VersionError", "clone", "conflict_texts", "conflicts_of",
           "current_remote", "resolve_conflict", "set_remote"]
