"""Articles as agents see them.

Where the team keeps the content folder in git with an approved branch, agents
read (and copy) the approved wording, never a draft that happens to be in the
folder; otherwise they read the files. The search threads index the same
source (``kbdesk.search.sources.agent_source``), so what is found is what is shown.
"""

from __future__ import annotations

import traceback

from kbdesk.content.article import Article, ArticleError
from kbdesk.content.store import ContentError, ContentStore
from kbdesk.search.sources import WorkingTreeSource, agent_source


class AgentArticles:
    def __init__(self, store: ContentStore):
        self.store = store
        self._source = WorkingTreeSource(store)
        self.refresh()

    @property
    def source_name(self) -> str:
        return self._source.name

    def refresh(self) -> None:
        """Re-read which articles the agents' source has (after an approval)."""
        try:
            source = agent_source(self.store)
        except Exception:  # noqa: BLE001 - an unreadable repository: fall back to the files
            traceback.print_exc()
            source = WorkingTreeSource(self.store)
        self.close()
        self._source = source

    def load(self, path: str) -> Article:
        try:
            return self._source.load(path)
        except ContentError as exc:
            raise ArticleError(path, str(exc)) from None

    def exists(self, path: str) -> bool:
        try:
            self.load(path)
        except ArticleError:
            return False
        return True

    def close(self) -> None:
        versions = getattr(self._source, "versions", None)
        if versions is not None:
            try:
                versions.close()
            except Exception:  # noqa: BLE001
                pass
