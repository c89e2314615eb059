import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from kbdesk.content.store import ContentStore
from kbdesk.search import index as index_module
from kbdesk.search.index import SearchIndex, default_index_dir
from kbdesk.search.searcher import Searcher
from tests.conftest import write


def ids(searcher, query, **kw):
    return [h.id for h in searcher.search(query, **kw).hits]


@pytest.fixture
def index(content, tmp_path):
    return SearchIndex(ContentStore(content), tmp_path / "ix")


def test_default_location_is_the_user_cache_never_the_content_folder(content, monkeypatch):
    monkeypatch.delenv("KBDESK_INDEX_DIR")
    where = default_index_dir(content)
    assert content not in where.parents
    assert "kbdesk" in where.parts
    assert default_index_dir(content) == where  # stable for the same folder
    assert default_index_dir(content.parent) != where


def test_environment_variable_overrides_location(content, tmp_path, monkeypatch):
    monkeypatch.setenv("KBDESK_INDEX_DIR", str(tmp_path / "elsewhere"))
    assert SearchIndex(ContentStore(content)).dir == tmp_path / "elsewhere"


def test_first_update_builds_then_nothing_to_do(index):
    first = index.update()
    assert first.rebuilt and first.rebuild_reason == "no index yet"
    assert index.doc_count() == 7
    second = index.update()
    assert not second.changed_anything and not second.rebuilt


def test_incremental_update_touches_only_changed_files(index, content):
    index.update()
    searcher = Searcher(index)
    write(content, "faq/new.md", "---\nid: faq-new\ntitle: 发票怎么开\n---\n电子发票在订单详情页申请。\n")
    refund = content / "faq/refund-timeline.md"
    refund.write_text(refund.read_text(encoding="utf-8").replace("原路退回", "原路退回至支付宝"), encoding="utf-8")
    (content / "faq/lottery-draw.md").unlink()
    os.utime(content / "standards/notes.md")  # touched, not changed

    result = index.update()
    assert (result.added, result.changed, result.removed) == (
        ["faq/new.md"], ["faq/refund-timeline.md"], ["faq/lottery-draw.md"])
    assert not result.rebuilt
    assert ids(searcher, "发票") == ["faq-new"]
    assert ids(searcher, "支付宝") == ["faq-refund-timeline"]
    assert ids(searcher, "足彩开奖") == []
    assert index.doc_count() == 7


def test_an_edit_is_indexed_without_cyclic_collections_many_files_with(index, content, monkeypatch):
    import gc

    index.update()
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    def collected_while_indexing(name: str) -> int:
        write(content, f"faq/{name}.md", f"---\nid: faq-{name}\ntitle: 发票怎么开{name}\n---\n电子发票在订单详情页申请。\n")
        collections.clear()
        index.update()
        assert gc.isenabled()
        return len(collections)

    threshold = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # a collection at nearly every allocation, if allowed
    gc.callbacks.append(count)
    try:
        held = collected_while_indexing("held")
        monkeypatch.setattr(index_module, "FEW_CHANGES", 0)  # as for a pull of many files
        not_held = collected_while_indexing("not-held")
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)
    # (the folder is still scanned and the state read with collections on)
    assert held * 2 < not_held
    assert {"faq-held", "faq-not-held"} <= set(ids(Searcher(index), "发票怎么开"))


def test_edits_leave_small_segments_that_merge_segments_folds_together(index, content):
    from kbdesk.search.segment_writer import MERGE_FACTOR

    index.update()
    searcher = Searcher(index)
    segments = lambda: len(index.open()._segments())  # noqa: E731
    start = segments()
    for i in range(MERGE_FACTOR):
        write(content, f"faq/edit{i}.md", f"---\nid: faq-edit{i}\ntitle: 第{i}次修改\n---\n编号 E{i:03} 的说明。\n")
        assert index.update().added == [f"faq/edit{i}.md"]
    assert segments() == start + MERGE_FACTOR  # an update does not wait for merging
    assert index.merge_segments() is True
    assert segments() <= start + 1
    assert ids(searcher, "e005") == ["faq-edit5"]  # everything still found, nothing twice
    assert index.doc_count() == 7 + MERGE_FACTOR
    assert index.merge_segments() is False  # nothing more to merge: no new generation


def test_broken_file_is_reported_and_the_rest_searchable(index, content):
    (content / "faq/broken.md").write_bytes(b"---\ntitle: [oops\n---\n")
    result = index.update()
    assert [p.path for p in result.problems] == ["faq/broken.md"]
    assert "YAML" in result.problems[0].reason
    assert [p.path for p in index.problems()] == ["faq/broken.md"]
    assert ids(Searcher(index), "退款到账") == ["faq-refund-timeline"]
    # Once fixed, the file is picked up.
    (content / "faq/broken.md").write_text("---\ntitle: 修好的文章\n---\n发票说明\n", encoding="utf-8")
    assert index.update().added == ["faq/broken.md"]
    assert index.problems() == []


def test_analysis_version_change_forces_full_rebuild(index, monkeypatch):
    index.update()
    monkeypatch.setattr(index_module.analysis, "ANALYSIS_VERSION", 999)
    result = index.update()
    assert result.rebuilt and result.rebuild_reason == "text analysis changed"


def test_dictionary_change_forces_full_rebuild(index, content):
    index.update()
    with open(content / ".kbdesk/dict.txt", "a", encoding="utf-8") as f:
        f.write("快赔通 5000 n\n")
    fresh = SearchIndex(ContentStore(content), index.dir)
    result = fresh.update()
    assert result.rebuilt and result.rebuild_reason == "domain dictionary changed"


@pytest.mark.parametrize("damage", ["truncate", "delete_toc", "garbage_state", "empty_state", "garbage_entries",
                                    "delete_folder"])
def test_damaged_index_is_rebuilt_not_a_crash(index, damage):
    index.update()
    state = json.loads((index.dir / "state.json").read_text())
    ix_dir = index.dir / state["current"]
    if damage == "truncate":
        for f in ix_dir.iterdir():
            if f.suffix in (".seg", ".trm", ".pst", ".toc"):
                f.write_bytes(f.read_bytes()[:10])
    elif damage == "delete_toc":
        for f in ix_dir.glob("*.toc"):
            f.unlink()
    elif damage == "garbage_state":
        (index.dir / "state.json").write_text("{not json")
    elif damage == "empty_state":  # what a power cut may leave (it is not fsynced)
        (index.dir / "state.json").write_bytes(b"")
    elif damage == "garbage_entries":  # valid JSON, but not what an update can read
        state["files"] = {path: {"stamp": 1} for path in state["files"]}
        (index.dir / "state.json").write_text(json.dumps(state))
    else:
        for f in ix_dir.iterdir():
            f.unlink()
        ix_dir.rmdir()
    fresh = SearchIndex(index.store, index.dir)
    result = fresh.update()
    assert result.rebuilt
    assert ids(Searcher(fresh), "退款到账") == ["faq-refund-timeline"]


def test_rebuild_swaps_in_a_new_generation_and_keeps_one_previous(index):
    index.update()
    names = [json.loads((index.dir / "state.json").read_text())["current"]]
    for _ in range(3):
        index.update(full=True)
        names.append(json.loads((index.dir / "state.json").read_text())["current"])
    assert len(set(names)) == 4
    left = sorted(p.name for p in index.dir.glob("ix-*"))
    assert left == sorted(names[-2:])


LOCK_HOLDER = """
import sys, time
from whoosh.util.filelock import FileLock
lock = FileLock(sys.argv[1])
assert lock.acquire(blocking=False)
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_search_works_while_another_process_writes_and_update_is_retried(index, content):
    index.update()
    write(content, "faq/new.md", "---\ntitle: 发票怎么开\n---\n电子发票\n")
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(index.dir / "update.lock"), "1.5"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        blocked = index.update(lock_timeout=0.2)
        assert blocked.locked and not blocked.changed_anything
        assert ids(Searcher(index), "退款到账") == ["faq-refund-timeline"]  # still answers
        retried = index.update(lock_timeout=10.0)  # waits for the other process
        assert not retried.locked and retried.added == ["faq/new.md"]
    finally:
        holder.kill()
        holder.wait()


def test_large_build_uses_two_processes(tmp_path):
    root = tmp_path / "big"
    for i in range(index_module.PARALLEL_BUILD_MIN_DOCS + 20):
        write(root, f"faq/a{i:04}.md", f"---\ntitle: 第{i}号问题\n---\n退款编号 R{i:04} 的处理说明，客户回访记录。\n")
    (root / "faq" / "broken.md").write_bytes(b"---\ntitle: [x\n---\n")
    index = SearchIndex(ContentStore(root), tmp_path / "ix")
    seen = []
    result = index.update(progress=lambda n, total: seen.append((n, total)))
    assert result.rebuilt and len(result.added) == index_module.PARALLEL_BUILD_MIN_DOCS + 20
    assert [p.path for p in result.problems] == ["faq/broken.md"]  # reported from a worker process
    assert seen[-1] == (index_module.PARALLEL_BUILD_MIN_DOCS + 21,) * 2
    ix = whoosh_index.open_dir(str(index.dir / json.loads((index.dir / "state.json").read_text())["current"]))
    assert len(ix._segments()) >= 2  # one segment per worker process
    assert ids(Searcher(index), "r0417") == ["faq/a0417"]
    assert index.update().changed_anything is False  # stamps were recorded for every file


def test_a_large_build_from_a_script_on_stdin_finishes_in_one_process(tmp_path):
    # Worker processes re-import the main module from its file; `python -` has none.
    root = tmp_path / "big"
    for i in range(index_module.PARALLEL_BUILD_MIN_DOCS + 5):
        write(root, f"faq/a{i:04}.md", f"---\ntitle: 第{i}号问题\n---\n退款编号 R{i:04} 的处理说明。\n")
    script = (
        "from pathlib import Path\n"
        "from kbdesk.search.index import SearchIndex\n"
        "from kbdesk.content.store import ContentStore\n"
        f"r = SearchIndex(ContentStore(Path({str(root)!r})), Path({str(tmp_path / 'ix')!r})).update()\n"
        "print(len(r.added))\n"
    )
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(index_module.PARALLEL_BUILD_MIN_DOCS + 5)


def test_a_cancelled_build_leaves_the_index_as_it_was(index):
    from kbdesk.search.index import UpdateCancelled

    index.update()
    before = json.loads((index.dir / "state.json").read_text())["current"]
    with pytest.raises(UpdateCancelled):
        index.update(full=True, progress=lambda n, total: False)
    assert json.loads((index.dir / "state.json").read_text())["current"] == before
    assert sorted(p.name for p in index.dir.glob("ix-*")) == [before]


def test_a_full_build_writes_a_segment_per_so_many_passages(index, monkeypatch):
    import kbdesk.search.index as index_module

    monkeypatch.setattr(index_module, "SEGMENT_DOCS", 2)  # what a build process holds stays bounded
    assert index.update(full=True).rebuilt
    ix = index.open()
    assert len(ix._segments()) >= 3 and index.doc_count() == 7
    searcher = Searcher(index)
    assert ids(searcher, "足彩")  # every article searchable, none twice
    assert len(ids(searcher, "客服", limit=20)) == len(set(ids(searcher, "客服", limit=20)))
