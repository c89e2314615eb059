"""A damaged, read-only or half-built index, through the command line in fresh
processes: damage is noticed (checksums, read errors), the index is rebuilt
and searching answers as before; a read-only index that is up to date is
searched; a build killed with SIGKILL leaves nothing behind that stays."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import write


def run(root, index_dir, *args, timeout=120):
    env = {**os.environ, "KBDESK_INDEX_DIR": str(index_dir)}
    return subprocess.run([sys.executable, "-m", "kbdesk", "--content", str(root), *args], capture_output=True,
                          text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


def ids(done) -> list[str]:
    assert done.returncode == 0, done.stderr[-2000:]
    return [hit["id"] for hit in json.loads(done.stdout)]


def index_folder(index_dir: Path) -> Path:
    state = json.loads((index_dir / "state.json").read_bytes())
    return index_dir / state["current"]


def _flip(path: Path, where: float = 0.5) -> None:
    data = bytearray(path.read_bytes())
    at = min(len(data) - 1, int(len(data) * where))
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGES = {
    "posting byte flipped": lambda ix: _flip(next(ix.glob("*.pst"))),
    "term table byte flipped": lambda ix: _flip(next(ix.glob("*.trm"))),
    "stored fields byte flipped": lambda ix: _flip(next(ix.glob("*_stored.col"))),
    "field lengths byte flipped": lambda ix: _flip(next(ix.glob("*_words_len.col")), 0.9),
    "postings truncated": lambda ix: (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]))(
        next(ix.glob("*.pst"))),
    "postings zeroed": lambda ix: (lambda p: p.write_bytes(bytes(p.stat().st_size)))(next(ix.glob("*.pst"))),
    "table of contents gone": lambda ix: [p.unlink() for p in ix.glob("*.toc")],
    "checksums gone": lambda ix: (ix / "checksums.json").unlink(),
    "checksums garbage": lambda ix: (ix / "checksums.json").write_bytes(b"\x00garbage"),
    "state garbage": lambda ix: (ix.parent / "state.json").write_bytes(b"{not json"),
    "state empty": lambda ix: (ix.parent / "state.json").write_bytes(b""),
    "index folder gone": lambda ix: __import__("shutil").rmtree(ix),
}


def test_every_damage_is_noticed_and_searching_answers_as_before(content, tmp_path):
    index_dir = tmp_path / "ix"
    before = ids(run(content, index_dir, "search", "退款", "--json"))
    assert before
    tried = handled = 0
    for name, damage in DAMAGES.items():
        tried += 1
        damage(index_folder(index_dir))
        searched = run(content, index_dir, "search", "退款", "--json")
        again = run(content, index_dir, "index")
        if ids(searched) == before and "already up to date" in again.stdout and "Traceback" not in searched.stderr:
            handled += 1
        else:
            pytest.fail(f"{name}: {ids(searched)} vs {before}; {searched.stderr[-500:]} / {again.stdout}")
    print(f"\nindex damage: {tried} cases, {handled} handled")


def test_a_read_only_index_that_is_up_to_date_is_searched(content, tmp_path):
    index_dir = tmp_path / "ix"
    before = ids(run(content, index_dir, "search", "退款", "--json"))
    agents = sorted(index_dir.parent.glob("ix*"))
    locks = [folder / "update.lock" for folder in agents]
    if os.geteuid() == 0:
        # root writes anywhere: what cannot be written is the lock itself.
        for lock in locks:
            lock.unlink(missing_ok=True)
            lock.mkdir()
    else:
        for folder in agents:
            for path in [folder, *folder.rglob("*")]:
                path.chmod(path.stat().st_mode & ~0o222)
    try:
        searched = run(content, index_dir, "search", "退款", "--json")
        assert ids(searched) == before
        assert "read-only" in searched.stderr
        # Nothing to search and nothing can be built: one clear line.
        empty = run(content, tmp_path / "elsewhere" / "ix", "search", "退款")
        assert empty.returncode == 0 or "Traceback" not in empty.stderr
    finally:
        for folder in agents:
            for path in [folder, *folder.rglob("*")]:
                if not path.is_symlink():
                    path.chmod(path.stat().st_mode | 0o200)


def test_a_build_killed_with_sigkill_leaves_no_half_built_folder(content, tmp_path):
    for n in range(600):  # enough for a build in two processes that takes a moment
        write(content, f"faq/gen/a{n:04d}.md", f"---\nid: gen-{n}\ntitle: 生成文章{n}退款\nkind: faq\n---\n"
              + "退款到账，订单查询，物流延误。" * 20 + "\n")
    index_dir = tmp_path / "ix"
    assert run(content, index_dir, "index").returncode == 0
    env = {**os.environ, "KBDESK_INDEX_DIR": str(index_dir)}
    folders = {}
    for attempt in range(3):
        child = subprocess.Popen([sys.executable, "-m", "kbdesk", "--content", str(content), "index", "--rebuild"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(index_dir.glob("ix-*"))) < 3:
            time.sleep(0.01)
        os.killpg(child.pid, signal.SIGKILL)  # the build's worker processes too
        child.wait()
        folders[attempt] = sorted(p.name for p in index_dir.glob("ix-*"))
    assert any(len(f) >= 3 for f in folders.values()), folders  # a half-built folder was left
    searched = run(content, index_dir, "search", "生成文章12退款", "--json")
    assert "gen-12" in ids(searched)
    assert run(content, index_dir, "index").returncode == 0
    state = json.loads((index_dir / "state.json").read_bytes())
    left = {p.name for p in index_dir.glob("ix-*")}
    assert left <= {state["current"], state.get("previous")}, (left, state["current"])
