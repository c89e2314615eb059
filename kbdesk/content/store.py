"""The content folder: listing, loading and safely saving articles."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from kbdesk import textforms
from kbdesk.content.article import MAX_ARTICLE_BYTES, Article, ArticleError, content_hash, parse_article
from kbdesk.messages import CodedError

ARTICLE_SUFFIXES = (".md", ".markdown")
# Team settings (dictionary, placeholders, lint rules) live here; not articles.
SETTINGS_DIR = ".kbdesk"


class ContentError(CodedError):
    """The content folder itself is unusable (missing, not a folder…): a
    code of :mod:`kbdesk.messages` with its parameters, or plain words."""



class SaveConflict(CodedError):
    """The file changed on disk since it was loaded; saving would lose that change."""

    def __init__(self, path: str, disk_text: str | None):
        super().__init__("save-conflict", path=path)
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
            raise ContentError("content-missing", path=root)
        if not root.is_dir():
            raise ContentError("content-not-folder", path=root)
        self.root = root.resolve()

    @property
    def settings_dir(self) -> Path:
        return self.root / SETTINGS_DIR

    def unwritable(self) -> ContentError | None:
        """Why nothing can be saved in this folder (None: it can be). Tried
        with a scratch file, not read from permission bits: a read-only share,
        an ACL or another user's folder all refuse alike. The history's
        folder counts too: a save writes both or neither."""
        for folder in (self.root, self.root / ".git"):
            if folder is not self.root and not folder.is_dir():
                continue
            try:
                fd, scratch = tempfile.mkstemp(dir=folder, prefix=".kbdesk-probe-")
            except OSError as exc:
                if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    return ContentError("folder-read-only", folder=folder)
                return ContentError("folder-unwritable", folder=folder, reason=exc.strerror or exc)
            os.close(fd)
            try:
                os.unlink(scratch)
            except OSError:
                pass
        return None

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
        and plain strings.

        Folder links are not followed (``faq/x -> .`` would list the folder
        forever), and what cannot be an article is listed anyway, so that it
        gets its line when it is read (:meth:`read_bytes` says why): a link to
        a file outside the folder or to nothing, a pipe or device named
        ``*.md``, a folder that cannot be read, a link to a folder."""
        stamps: dict[str, tuple[int, int]] = {}
        pending = [("", str(self.root))]
        while pending:
            prefix, folder = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                if prefix:  # (the root itself vanished: nothing to list)
                    stamps[prefix.rstrip("/")] = (0, 0)
                continue
            for entry in entries:
                name = entry.name
                if name[0] == ".":
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((f"{prefix}{name}/", entry.path))
                    elif entry.is_symlink() and not name.lower().endswith(ARTICLE_SUFFIXES):
                        if os.path.isdir(entry.path):
                            stamps[prefix + name] = (0, 0)  # a folder link: said, not followed
                    elif name.lower().endswith(ARTICLE_SUFFIXES):
                        try:
                            st = entry.stat()
                        except OSError:
                            st = entry.stat(follow_symlinks=False)  # a broken link: listed, read later
                        stamps[prefix + name] = (st.st_mtime_ns, st.st_size)
                except OSError:
                    stamps[prefix + name] = (0, 0)  # a name too long, a vanished file: said when read
        return stamps

    def stamps_of(self, paths) -> dict[str, tuple[int, int]]:
        """:meth:`stamps` of just these article paths (those that are gone
        are left out): what was saved a moment ago, without a walk of the
        whole folder."""
        stamps: dict[str, tuple[int, int]] = {}
        for path in paths:
            parts = PurePosixPath(path).parts
            if not parts or any(p.startswith(".") or p == ".." for p in parts) \
                    or not path.lower().endswith(ARTICLE_SUFFIXES):
                continue
            where = os.path.join(self.root, *parts)
            try:
                try:
                    st = os.stat(where)
                except FileNotFoundError:
                    if not os.path.islink(where):
                        continue  # deleted
                    st = os.lstat(where)  # a broken link: listed, read later
            except OSError:
                stamps[path] = (0, 0)
                continue
            stamps[path] = (st.st_mtime_ns, st.st_size)
        return stamps

    # -- loading -----------------------------------------------------------

    def resolve(self, relpath: str) -> Path:
        """Absolute path of *relpath*, refusing anything outside the root."""
        if os.sep == "\\":  # on Windows only: elsewhere a backslash is part of a name
            relpath = relpath.replace("\\", "/")
        rel = PurePosixPath(relpath)
        if rel.is_absolute() or ".." in rel.parts:
            raise ContentError(f"path is outside the content folder: {relpath}")
        full = (self.root / rel).resolve()
        if full != self.root and self.root not in full.parents:
            raise ContentError(f"path is outside the content folder: {relpath}")
        return full

    def read_bytes(self, relpath: str) -> bytes:
        """The bytes of an article file; ArticleError with the reason when it
        cannot be one. Never blocks (a pipe is refused, not read) and never
        reads more than an article may hold."""
        where = self.root / PurePosixPath(relpath)
        try:
            st = os.lstat(where)
        except FileNotFoundError:
            raise ArticleError(relpath, "file-not-found") from None
        except OSError as exc:
            raise ArticleError(relpath, "file-unreadable", reason=exc.strerror or exc) from None
        if stat.S_ISLNK(st.st_mode):
            try:
                self.resolve(relpath)
            except ContentError:
                raise ArticleError(relpath, "link-outside") from None
            if not os.path.exists(where):
                raise ArticleError(relpath, "link-broken") from None
            if os.path.isdir(where):
                raise ArticleError(relpath, "link-to-folder") from None
        elif stat.S_ISDIR(st.st_mode):
            try:
                os.scandir(where).close()
            except OSError as exc:
                raise ArticleError(relpath, "folder-unreadable", reason=exc.strerror or exc) from None
            raise ArticleError(relpath, "is-folder")
        try:
            fd = os.open(where, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        except OSError as exc:
            raise ArticleError(relpath, "file-unreadable", reason=exc.strerror or exc) from None
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise ArticleError(relpath, "not-regular-file")
            if st.st_size > MAX_ARTICLE_BYTES:
                raise ArticleError(relpath, "file-too-large", kb=st.st_size // 1024, limit=MAX_ARTICLE_BYTES // 1024)
            try:
                return f.read(MAX_ARTICLE_BYTES + 1)
            except OSError as exc:
                raise ArticleError(relpath, "file-unreadable", reason=exc.strerror or exc) from None

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
            rel = PurePosixPath(candidate)
            if (candidate.lower().endswith(ARTICLE_SUFFIXES) and not rel.is_absolute() and ".." not in rel.parts
                    and os.path.lexists(self.root / rel)):
                return self.load(candidate)  # a file that cannot be an article says why
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
        data = text.encode("utf-8")
        full.parent.mkdir(parents=True, exist_ok=True)
        replace_if_unchanged(full, data, expected_hash, relpath)
        return content_hash(data)

    def save(self, article: Article, expected_hash: str | None = None) -> Article:
        """Save an article object; returns it as now on disk."""
        if expected_hash is None:
            expected_hash = article.hash or None  # as loaded; None for a new article
        new_hash = self.save_text(article.path, article.to_text(), expected_hash)
        article.hash = new_hash
        return article


def slugify(title: str, default: str = "article") -> str:
    """A file name for *title*: pinyin and Latin words, lower case, hyphens."""
    words = textforms.pypinyin().lazy_pinyin(title, errors=lambda chars: [chars])
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    return slug[:48].rstrip("-") or default


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


def replace_if_unchanged(path: Path, data: bytes, expected_hash: str | None, name: str = "") -> None:
    """Replace *path* with *data* atomically, only if its bytes still have
    *expected_hash* (None: it must not exist); else SaveConflict.

    The file is checked as late as can be, and a change written into it
    between that check and the rename is not lost: the file being replaced is
    kept by a hard link through the rename and compared after it; if it
    changed, it is put back and SaveConflict raised. (Where hard links do not
    exist, the check is just before the rename.)"""
    name = name or path.name
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    keep = path.with_name(f".{path.name}.{os.getpid()}.kept.tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        except OSError:
            pass
        if expected_hash is None:
            try:
                os.link(tmp, path)  # creates the file only if there is none, atomically
            except FileExistsError:
                raise SaveConflict(name, _text_of(path)) from None
            except OSError:  # no hard links here
                if path.exists():
                    raise SaveConflict(name, _text_of(path)) from None
                os.replace(tmp, path)
            return
        try:
            os.link(path, keep)
            kept = keep
        except FileNotFoundError:
            raise SaveConflict(name, None) from None
        except OSError:
            kept = path  # no hard links here: check, then replace
        if _hash_of(kept) != expected_hash:
            raise SaveConflict(name, _text_of(kept))
        if kept is keep and os.stat(path).st_ino != os.stat(keep).st_ino:
            raise SaveConflict(name, _text_of(path))  # replaced meanwhile by another program's save
        os.replace(tmp, path)
        if kept is keep and _hash_of(keep) != expected_hash:
            # Written in place while we replaced it: theirs goes back.
            os.replace(keep, path)
            raise SaveConflict(name, _text_of(path))
    finally:
        for leftover in (tmp, keep):
            try:
                os.unlink(leftover)
            except OSError:
                pass


def _hash_of(path: Path) -> str | None:
    try:
        return content_hash(path.read_bytes())
    except FileNotFoundError:
        return None


def _text_of(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
