"""A save never overwrites what someone else wrote into the file meanwhile,
even in the moment between its check and its rename."""

from __future__ import annotations

import os
import sys

import pytest

from kbdesk.content.article import content_hash
from kbdesk.content.store import ContentStore, SaveConflict
from tests.conftest import write


def _write_in_place_at_rename(path, data: bytes):
    """A profiler that, when the save calls os.replace, first writes *data*
    into the file in place (an editor saving the same file at that moment)."""
    fired = []

    def profiler(frame, event, arg):
        if event == "c_call" and arg is os.replace and not fired:
            fired.append(True)
            with open(path, "r+b") as f:
                f.write(data)
                f.truncate()

    return profiler, fired


def test_a_change_written_during_the_rename_is_kept_and_is_a_conflict(content):
    write(content, "faq/race.md", "---\ntitle: 竞争\n---\n原来的正文。\n")
    store = ContentStore(content)
    path = content / "faq" / "race.md"
    before = path.read_bytes()
    theirs = b"---\ntitle: \xe7\xab\x9e\xe4\xba\x89\n---\nTHEIRS\n"
    profiler, fired = _write_in_place_at_rename(path, theirs)
    sys.setprofile(profiler)
    try:
        with pytest.raises(SaveConflict) as caught:
            store.save_text("faq/race.md", "---\ntitle: 竞争\n---\n我的正文。\n", content_hash(before))
    finally:
        sys.setprofile(None)
    assert fired
    assert path.read_bytes() == theirs  # theirs, not lost
    assert "THEIRS" in (caught.value.disk_text or "")
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_a_save_of_a_new_file_never_replaces_one_made_meanwhile(content):
    store = ContentStore(content)
    (content / "faq" / "new.md").write_text("别人先建的。\n", encoding="utf-8")
    with pytest.raises(SaveConflict):
        store.save_text("faq/new.md", "我的。\n", None)
    assert (content / "faq" / "new.md").read_text(encoding="utf-8") == "别人先建的。\n"
    assert store.save_text("faq/brand-new.md", "新的。\n", None)
    assert (content / "faq" / "brand-new.md").read_text(encoding="utf-8") == "新的。\n"
