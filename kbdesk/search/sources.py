"""Where the indexed articles come from: the files in the content folder (the
leads' view), or the ``approved`` branch of its git history (what agents see).
Both answer the same three questions: which files, how to tell a change,
and the article at a path. The files can also name a few files that changed
(the branch has its commit for that: :meth:`ApprovedSource.version`).
"""

from __future__ import annotations

from kbdesk.content.article import Article, ArticleError, parse_article
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import APPROVED_REF, VersionStore


class WorkingTreeSource:
    """The files as they are in the content folder: what leads edit."""

    name = "latest"

    def __init__(self, store: ContentStore):
        self.store = store

    def stamps(self) -> dict[str, tuple]:
        return self.store.stamps()

    def stamps_of(self, paths) -> dict[str, tuple]:
        return self.store.stamps_of(paths)

    def version(self) -> None:
        return None  # files change without telling: every update scans

    def load(self, path: str) -> Article:
        return self.store.load(path)


class ApprovedSource:
    """The approved branch of the content folder's repository: the wording
    agents may use, whatever drafts exist meanwhile."""

    name = "approved"

    def __init__(self, store: ContentStore, versions: VersionStore):
        self.store = store
        self.versions = versions

    def stamps(self) -> dict[str, tuple]:
        return {path: (blob,) for path, blob in self.versions.files(APPROVED_REF).items()}

    def version(self) -> str | None:
        """The approved branch's commit: while it stays, nothing changed."""
        head = self.versions.head(APPROVED_REF)
        return head.decode() if head else None

    def load(self, path: str) -> Article:
        blob = self.versions.approved_blob(path)
        if blob is None:
            raise ArticleError(path, "not-approved")
        return parse_article(path, self.versions.read_blob(blob))


def agent_source(store: ContentStore):
    """What agents search: the approved branch where the team uses one, else
    the files themselves (filtered to approved status when searching)."""
    versions = VersionStore.open(store.root)
    if versions is not None and versions.has_approved_branch:
        return ApprovedSource(store, versions)
    return WorkingTreeSource(store)
