import os

import pytest

from kbdesk.content.store import ContentError, ContentStore, SaveConflict


def test_missing_or_non_folder_root_is_refused(tmp_path):
    with pytest.raises(ContentError, match="does not exist"):
        ContentStore(tmp_path / "nope")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ContentError, match="not a folder"):
        ContentStore(tmp_path / "file")


def test_scan_lists_articles_and_skips_hidden_folders(content):
    (content / ".git").mkdir()
    (content / ".git" / "x.md").write_text("hidden")
    (content / "faq" / "note.txt").write_text("not an article")
    paths = [s.path for s in ContentStore(content).scan()]
    assert "faq/refund-timeline.md" in paths and "standards/notes.md" in paths
    assert not any(p.startswith(".") or p.endswith(".txt") for p in paths)


def test_one_broken_file_does_not_stop_the_others(content):
    (content / "faq" / "broken.md").write_bytes(b"---\ntitle: [oops\n---\n")
    (content / "faq" / "gbk.md").write_bytes("退款".encode("gbk"))
    result = ContentStore(content).load_all()
    assert {p.path for p in result.problems} == {"faq/broken.md", "faq/gbk.md"}
    assert len(result.articles) == 7


def test_save_is_atomic_and_checks_the_hash(content):
    store = ContentStore(content)
    article = store.load("faq/refund-timeline.md")
    new_hash = store.save_text(article.path, article.to_text() + "\n补充说明。\n", article.hash)
    assert "补充说明" in (content / article.path).read_text(encoding="utf-8")
    assert store.load(article.path).hash == new_hash
    assert not [p for p in os.listdir(content / "faq") if p.endswith(".tmp")]

    # Someone else edits the file: saving with the old hash must not overwrite it.
    (content / article.path).write_text("别人的修改", encoding="utf-8")
    with pytest.raises(SaveConflict) as info:
        store.save_text(article.path, "我的修改", new_hash)
    assert info.value.disk_text == "别人的修改"
    assert (content / article.path).read_text(encoding="utf-8") == "别人的修改"


def test_save_new_file_refuses_to_clobber_existing(content):
    store = ContentStore(content)
    store.save_text("faq/new.md", "# 新文章\n", None)
    with pytest.raises(SaveConflict):
        store.save_text("faq/new.md", "# 另一篇\n", None)


@pytest.mark.parametrize("bad", ["../outside.md", "/etc/passwd", "faq/../../x.md"])
def test_save_refuses_paths_outside_the_root(content, bad):
    with pytest.raises(ContentError, match="outside"):
        ContentStore(content).save_text(bad, "x", None)


def test_save_refuses_symlink_escaping_the_root(content, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (content / "link").symlink_to(outside)
    with pytest.raises(ContentError, match="outside"):
        ContentStore(content).save_text("link/x.md", "x", None)
    assert not (outside / "x.md").exists()


def test_find_by_id_or_path(content):
    store = ContentStore(content)
    assert store.find("faq-refund-timeline").path == "faq/refund-timeline.md"
    assert store.find("standards/notes").title == "来电记录要求"
    assert store.find("nope") is None
