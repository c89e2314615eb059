"""Each desktop's daily usage counts through the team's repository: one ref
per desktop (``refs/kbdesk/usage/<desktop>``), each commit holding one
``usage.npz`` (:class:`~kbdesk.usage.counts.DesktopCounts`), so desktops never touch each other's and nothing but git is
needed. Agents publish theirs; leads fetch everyone's for the dashboard.
What is published is only counts and scrubbed queries
(:mod:`kbdesk.usage.store`, :mod:`kbdesk.usage.privacy`)."""

from __future__ import annotations

import time

from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo

from kbdesk.content.versions import KBDESK
from kbdesk.usage.counts import DesktopCounts

USAGE_PREFIX = b"refs/kbdesk/usage/"
USAGE_FILE = b"usage.npz"


def usage_ref(desktop: str) -> bytes:
    return USAGE_PREFIX + desktop.encode("ascii")


def publish_locally(repo: Repo, desktop: str, payload: dict) -> bytes | None:
    """This desktop's counts as a new commit on its own ref; None if they
    are what the ref holds already."""
    ref = usage_ref(desktop)
    parent = repo.refs[ref] if ref in repo.refs else None
    blob = Blob.from_string(DesktopCounts.from_daily(desktop, payload).to_bytes())
    if parent is not None:
        tree = repo[repo[parent].tree]
        if USAGE_FILE in tree and tree[USAGE_FILE][1] == blob.id:
            return None
    tree = Tree()
    tree.add(USAGE_FILE, 0o100644, blob.id)
    commit = Commit()
    commit.tree = tree.id
    commit.parents = [parent] if parent else []
    commit.author = commit.committer = KBDESK.git
    commit.author_time = commit.commit_time = int(time.time())
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = b"Usage counts of one desktop\n"
    for obj in (blob, tree, commit):
        repo.object_store.add_object(obj)
    repo.refs[ref] = commit.id
    return commit.id


def shared_usage(repo: Repo, leave_out: str | None = None) -> list[DesktopCounts]:
    """Every desktop's counts this repository has (fetched from the team's),
    but *leave_out*'s (this desktop's own are read from its database)."""
    out = []
    for name in sorted(repo.refs.keys(base=USAGE_PREFIX)):
        desktop = name.decode("ascii", "replace")
        if desktop == leave_out:
            continue
        try:
            tree = repo[repo[repo.refs[USAGE_PREFIX + name]].tree]
            counts = DesktopCounts.from_bytes(repo[tree[USAGE_FILE][1]].data)
        except (KeyError, ValueError, AttributeError, TypeError):
            continue  # a damaged ref counts for nothing; the others still do
        counts.desktop = desktop  # the ref names it, whatever the file says
        out.append(counts)
    return out
