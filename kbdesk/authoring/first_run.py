"""A desktop's first knowledge base: the user's own copy of the bundled
sample, with its history started, made the first time kbdesk opens without a
content folder of its own."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kbdesk.config import bundled_content_dir, default_content_dir, resolve_content_dir


def open_content_dir(explicit: str | Path | None = None) -> Path:
    """The content folder to open (see ``kbdesk.config.resolve_content_dir``),
    made from the sample if it is the default one and does not exist yet."""
    path = resolve_content_dir(explicit)
    if path == default_content_dir():
        return ensure_user_content()
    return path


def ensure_user_content() -> Path:
    """The user's own knowledge base, copied from the bundled sample the first
    time (so that edits never touch the installed package)."""
    target = default_content_dir()
    if target.is_dir():
        return target
    return copy_sample(target)


def copy_sample(target: Path) -> Path:
    """A new knowledge base at *target* (which must not exist yet) from the
    bundled sample, with its history started; copied whole or not at all."""
    target = Path(target)
    source = bundled_content_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    if source is None:
        target.mkdir()
        return target
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    start_history(staging)
    os.replace(staging, target)
    return target


def start_history(root: Path, code: str = "commit-sample") -> None:
    """Make a fresh content folder its own git repository: an initial commit
    of everything (*code*: what its message says), and an approved branch
    with the articles already approved."""
    # Late: every start passes through open_content_dir, only the first needs git.
    from kbdesk.authoring.workflow import seed_approved_branch
    from kbdesk.content.store import ContentStore
    from kbdesk.content.versions import Identity, VersionStore, coded_message

    importer = Identity("kbdesk", "kbdesk@localhost")
    versions = VersionStore.open_or_init(root, importer, coded_message(code))
    seed_approved_branch(ContentStore(root), versions, importer)
    versions.close()
