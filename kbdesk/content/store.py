"""The content folder: listing, loading and safely saving articles."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from kbdesk.content.article import Article, ArticleError, content_hash, parse_article

ARTICLE_SUFFIXES = (".md", ".markdown")
# Team settings (dictionary, placeholders, lint rules) live here; not articles.
SETTINGS_DIR = ".kbdesk"


class ContentError(Exception):
    """The content folder itself is unusable (missing, not a folder…)."""


class SaveConflict(Exception):
    """The file changed on disk since it was loaded; saving would lose that change."""

    def __init__(self, path: str, disk_text: str | None):
        super().__init__(
            f"{path} was changed on disk since it was opened; "
            "reload it or merge the changes before saving"
        )
        self.path = path
        self.disk_text = disk_text


class FileStamp(NamedTuple):
    """What the index remembers of a file, to notice changes cheaply (a tuple:
    10,000 of them are made before every index update)."""

    path: str
    mtime_ns: int
    size: int


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[ArticleError] = field(default_factory=list)


class ContentStore:
    def __init__(self, root: str | Path):
        root = Path(root).expanduser()
        if not root.exists():
            raise ContentError(f"content folder does not exist: {root}")
        if not root.is_dir():
            raise ContentError(f"content path is not a folder: {root}")
        self.root = root.resolve()

    @property
    def settings_dir(self) -> Path:
        return self.root / SETTINGS_DIR

    @property
    def dictionary_path(self) -> Path | None:
        path = self.settings_dir / "dict.txt"
        return path if path.is_file() else None

    # -- listing -----------------------------------------------------------

    def scan(self) -> list[FileStamp]:
        """Every article file under the root (hidden folders such as .git and
        .kbdesk skipped), sorted by path."""
        return sorted(FileStamp(path, *stamp) for path, stamp in self.stamps().items())

    def stamps(self) -> dict[str, tuple[int, int]]:
        """{path: (mtime_ns, size)} of every article file, in no order. Runs
        before every index update (10,000 files), so it stays on os.scandir
        and plain strings."""
        stamps: dict[str, tuple[int, int]] = {}
        pending = [("", str(self.root))]
        while pending:
            prefix, folder = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue  # vanished or unreadable folder: its files are simply not listed
            for entry in entries:
                name = entry.name
                if name[0] == ".":
                    continue
                try:
                    if name.lower().endswith(ARTICLE_SUFFIXES) and not entry.is_dir():
                        st = entry.stat()
                        stamps[prefix + name] = (st.st_mtime_ns, st.st_size)
                    elif entry.is_dir():
                        pending.append((f"{prefix}{name}/", entry.path))
                except OSError:
                    continue  # vanished between listing and stat
        return stamps

    # -- loading -----------------------------------------------------------

    def resolve(self, relpath: str) -> Path:
        """Absolute path of *relpath*, refusing anything outside the root."""
        rel = PurePosixPath(relpath.replace("\\", "/"))
        if rel.is_absolute() or ".." in rel.parts:
            raise ContentError(f"path is outside the content folder: {relpath}")
        full = (self.root / rel).resolve()
        if full != self.root and self.root not in full.parents:
            raise ContentError(f"path is outside the content folder: {relpath}")
        return full

    def read_bytes(self, relpath: str) -> bytes:
        try:
            return self.resolve(relpath).read_bytes()
        except FileNotFoundError:
            raise ArticleError(relpath, "file not found") from None
        except IsADirectoryError:
            raise ArticleError(relpath, "is a folder, not a file") from None
        except OSError as exc:
            raise ArticleError(relpath, f"cannot read: {exc.strerror or exc}") from None

    def load(self, relpath: str) -> Article:
        return parse_article(relpath, self.read_bytes(relpath))

    def load_all(self) -> LoadResult:
        result = LoadResult()
        for stamp in self.scan():
            try:
                result.articles.append(self.load(stamp.path))
            except ArticleError as exc:
                result.problems.append(exc)
        return result

    def find(self, article_id: str) -> Article | None:
        """The article with this id (or this relative path)."""
        for candidate in (article_id, f"{article_id}.md"):  # a path: no need to read every file
            try:
                if candidate.lower().endswith(ARTICLE_SUFFIXES) and self.resolve(candidate).is_file():
                    return self.load(candidate)
            except (ContentError, ArticleError):
                pass
        for stamp in self.scan():
            try:
                article = self.load(stamp.path)
            except ArticleError:
                continue
            if article.id == article_id or stamp.path == article_id or article.path.removesuffix(".md") == article_id:
                return article
        return None

    # -- saving ------------------------------------------------------------

    def save_text(self, relpath: str, text: str, expected_hash: str | None) -> str:
        """Write *text* to *relpath* atomically and return the new content hash.

        *expected_hash* is the hash of the file as it was loaded (None for a
        new file). If the file on disk no longer matches it, nothing is
        written and SaveConflict is raised.
        """
        full = self.resolve(relpath)
        try:
            current = full.read_bytes()
        except FileNotFoundError:
            current = None
        if expected_hash is None:
            if current is not None:
                raise SaveConflict(relpath, current.decode("utf-8", "replace"))
        elif current is None or content_hash(current) != expected_hash:
            raise SaveConflict(relpath, None if current is None else current.decode("utf-8", "replace"))

        data = text.encode("utf-8")
        full.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(full, data)
        return content_hash(data)

    def save(self, article: Article, expected_hash: str | None = None) -> Article:
        """Save an article object; returns it as now on disk."""
        if expected_hash is None:
            expected_hash = article.hash or None  # as loaded; None for a new article
        new_hash = self.save_text(article.path, article.to_text(), expected_hash)
        article.hash = new_hash
        return article


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace *path* with *data* so that readers see the old or the new file,
    never a half-written one (temporary file in the same folder, fsync, rename).
    Not *durable*: no fsync, for files that can be made again (after a power
    cut such a file may be old or empty, never half of each)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        # mkstemp makes the file private; keep the original's mode instead.
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if not durable:
        return
    try:  # make the rename itself durable where the platform allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass
