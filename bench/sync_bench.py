"""Team sync benchmark: a knowledge base of N articles on a git server on
127.0.0.1 (``git http-backend`` behind the tests' small HTTP server, basic
auth), and desktops syncing with it.

    python bench/sync_bench.py [--docs 10000] [--desktops 200] [--wave 20] [--growth] [--json]

It measures:

* a fresh clone, for a lead (both branches, ``main`` checked out) and for an
  agent (``approved`` only), through ``kbdesk.sync.clone``;
* an agent's sync after one approval, until the new wording is searchable:
  ``Syncer.sync()`` + ``SearchIndex.update()`` + a search that finds it
  (p50/p95 over several approvals);
* *desktops* agents' desktops fetching one new approval from the one server
  in waves of *wave* at once (separate processes): the server's time per
  fetch (the HTTP server's own time for the requests of one sync), and the
  slowest desktop of each wave.

Baseline: ``git clone`` / ``git fetch`` (the git program, C) of the same
repository from the same server, run beside each figure; figures are given
as ratios to it. The knowledge base is search_bench's synthetic one
(``random.Random(42)`` over the sample's sentences). ``--growth`` runs at
``--docs`` / 10 as well and shows how each figure grows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]

import search_bench  # noqa: E402  (the synthetic knowledge base)
from dulwich.repo import Repo  # noqa: E402

from kbdesk.authoring.first_run import start_history  # noqa: E402
from kbdesk.authoring.workflow import Workflow  # noqa: E402
from kbdesk.content.store import ContentStore  # noqa: E402
from kbdesk.content.versions import Identity  # noqa: E402
from kbdesk.search import analysis  # noqa: E402
from kbdesk.search.index import SearchIndex  # noqa: E402
from kbdesk.search.searcher import Searcher  # noqa: E402
from kbdesk.search.sources import agent_source  # noqa: E402
from kbdesk.sync.remote import remember_login  # noqa: E402
from kbdesk.sync.syncing import Syncer, clone, set_remote  # noqa: E402

WANG = Identity("王敏", "wangmin@kbdesk.example")
LIU = Identity("刘芳", "liufang@kbdesk.example")
AGENT = Identity("小李", "xiaoli@kbdesk.example")
SERVER = REPO / "tests" / "sync" / "git_http_server.py"

DESKTOP = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import Identity
from kbdesk.sync.syncing import Syncer
print("ready", flush=True)
sys.stdin.readline()
started = time.perf_counter()
report = Syncer(ContentStore(Path(sys.argv[1])), Identity("小李", "xiaoli@kbdesk.example")).sync()
print(json.dumps({{"s": time.perf_counter() - started, "changed": report.changed}}), flush=True)
"""


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Server:
    def __init__(self, root: Path, log: Path):
        env = {**os.environ, "KBDESK_BENCH_LOG": str(log)}
        self.log = log
        self.process = subprocess.Popen([sys.executable, str(SERVER), str(root), "team", "secret"],
                                        stdout=subprocess.PIPE, text=True, env=env, start_new_session=True)
        self.port = int(self.process.stdout.readline())

    def url(self, name: str, user: bool = True) -> str:
        return f"http://{'team:secret@' if not user else 'team@'}127.0.0.1:{self.port}/{name}"

    def request_times(self) -> list[tuple[float, float]]:
        """(start, seconds) of each request the server answered so far."""
        if not self.log.exists():
            return []
        return [tuple(map(float, line.split())) for line in self.log.read_text().splitlines() if line.strip()]

    def stop(self):
        self.process.kill()
        self.process.wait(10)


def approve_one(lead_root: Path, path: str, n: int) -> str:
    """王敏 changes an article, 刘芳 approves it, 王敏's desktop sends it; the new words."""
    marker = f"基准第{n}次修改的措辞"
    full = lead_root / path
    text = full.read_text(encoding="utf-8").replace("status: approved", "status: draft", 1)
    full.write_text(text.rstrip("\n") + f"\n\n{marker}。\n", encoding="utf-8")
    store = ContentStore(lead_root)
    article = store.load(path)
    Workflow(store, WANG).save(article.id, f"bench {n}")
    Workflow(store, WANG).submit(article.id)
    Workflow(store, LIU).approve(article.id)
    Syncer(store, WANG).sync()
    return marker


def run(docs: int, desktops: int, wave: int, work: Path) -> dict:
    out: dict = {"docs": docs}
    kb = work / "lead"
    seg = analysis.segmenter(None)
    themes = search_bench.harvest(REPO / "content")
    paths, _orders = search_bench.generate(kb, docs, themes, seg)
    shutil.copytree(REPO / "content" / ".kbdesk", kb / ".kbdesk")
    # every article approved: the agents' branch holds the whole knowledge base
    for rel in paths:
        f = kb / rel
        f.write_text(f.read_text(encoding="utf-8").replace("status: draft", "status: approved", 1)
                     .replace("status: review", "status: approved", 1), encoding="utf-8")
    t = time.perf_counter()
    start_history(kb)
    out["start_history_s"] = time.perf_counter() - t
    server_root = work / "server"
    server_root.mkdir()
    Repo.init_bare(str(server_root / "kb.git"), mkdir=True).close()
    server = Server(server_root, work / "server.log")
    try:
        url = server.url("kb.git")
        remember_login(url, "team", "secret")
        set_remote(kb, url)
        t = time.perf_counter()
        Syncer(ContentStore(kb), WANG).sync()
        out["first_push_s"] = time.perf_counter() - t

        # fresh clones, beside git's own
        for role, who in (("lead", LIU), ("agent", AGENT)):
            target = work / f"clone-{role}"
            t = time.perf_counter()
            clone(url, target, who)
            out[f"clone_{role}_s"] = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run(["git", "clone", "-q", server.url("kb.git", user=False), str(work / "git-clone")], check=True,
                       capture_output=True)
        out["git_clone_s"] = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run(["git", "clone", "-q", "--single-branch", "--branch", "approved",
                        server.url("kb.git", user=False), str(work / "git-clone-approved")], check=True,
                       capture_output=True)
        out["git_clone_approved_s"] = time.perf_counter() - t

        # an agent's sync after one approval, until searchable
        agent = work / "clone-agent"
        store = ContentStore(agent)
        index_dir = work / "agent-index"
        SearchIndex(store, index_dir, agent_source(store)).update()
        times, git_times = [], []
        lint = Workflow(ContentStore(kb), WANG)
        targets = [p for p in paths if p.startswith("faq/") and not any(
            f.level == "error" for f in lint.lint((kb / p).read_text(encoding="utf-8"), p))][:8]
        for n, path in enumerate(targets):
            marker = approve_one(kb, path, n)
            t = time.perf_counter()
            Syncer(ContentStore(agent), AGENT).sync()
            store = ContentStore(agent)
            index = SearchIndex(store, index_dir, agent_source(store))
            index.update()
            searcher = Searcher(index)
            found = any(marker in h.snippet.text or h.path == path for h in searcher.search(marker).hits)
            searcher.close()
            times.append(time.perf_counter() - t)
            assert found, marker
            t = time.perf_counter()
            subprocess.run(["git", "-C", str(work / "git-clone-approved"), "fetch", "-q", "origin", "approved"],
                           check=True, capture_output=True)
            git_times.append(time.perf_counter() - t)
        out["agent_sync_searchable_p50_s"] = statistics.median(times)
        out["agent_sync_searchable_p95_s"] = pct(times, 95)
        out["git_fetch_p50_s"] = statistics.median(git_times)

        # many desktops, in waves
        waves = []
        copies = work / "desktops"
        copies.mkdir()
        for k in range(desktops):
            # hard links: every write kbdesk makes replaces a file, never writes into a shared one
            subprocess.run(["cp", "-al", str(agent), str(copies / f"d{k:03d}")], check=True)
        marker_path = targets[0]
        approve_one(kb, marker_path, 99)
        per_fetch = []
        for start in range(0, desktops, wave):
            procs = []
            for k in range(start, min(desktops, start + wave)):
                p = subprocess.Popen([sys.executable, "-c", DESKTOP.format(repo=str(REPO)), str(copies / f"d{k:03d}")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                assert p.stdout.readline().strip() == "ready"
                procs.append(p)
            before = len(server.request_times())
            t = time.perf_counter()
            for p in procs:
                p.stdin.write("\n")
                p.stdin.flush()
            results = [json.loads(p.stdout.readline()) for p in procs]
            wall = time.perf_counter() - t
            for p in procs:
                p.wait(60)
            assert all(r["changed"] == [marker_path] for r in results), results
            answered = server.request_times()[before:]
            per_fetch.append(sum(s for _, s in answered) / max(1, len(procs)))
            waves.append({"slowest_s": max(r["s"] for r in results), "wall_s": wall})
        out["waves"] = len(waves)
        out["desktops"] = desktops
        out["server_s_per_fetch_mean"] = statistics.mean(per_fetch)
        out["slowest_desktop_s_max"] = max(w["slowest_s"] for w in waves)
        out["slowest_desktop_s_median"] = statistics.median(w["slowest_s"] for w in waves)
    finally:
        server.stop()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--desktops", type=int, default=200)
    parser.add_argument("--wave", type=int, default=20)
    parser.add_argument("--growth", action="store_true", help="also at --docs / 10, and how figures grow")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    results = []
    sizes = [args.docs // 10, args.docs] if args.growth else [args.docs]
    for docs in sizes:
        work = Path(tempfile.mkdtemp(prefix="kbdesk-sync-bench-"))
        os.environ["XDG_DATA_HOME"] = str(work / "xdg")
        try:
            results.append(run(docs, args.desktops, args.wave, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        print(f"\n{r['docs']:,} articles")
        print(f"  fresh clone, lead:  {r['clone_lead_s']:.1f} s  (git clone {r['git_clone_s']:.1f} s: "
              f"{r['clone_lead_s'] / r['git_clone_s']:.1f}x)")
        print(f"  fresh clone, agent: {r['clone_agent_s']:.1f} s  (git clone --single-branch approved "
              f"{r['git_clone_approved_s']:.1f} s: {r['clone_agent_s'] / r['git_clone_approved_s']:.1f}x)")
        print(f"  agent sync after one approval, until searchable: p50 {r['agent_sync_searchable_p50_s'] * 1000:.0f}"
              f" ms, p95 {r['agent_sync_searchable_p95_s'] * 1000:.0f} ms (git fetch p50 "
              f"{r['git_fetch_p50_s'] * 1000:.0f} ms)")
        print(f"  {r['desktops']} desktops in waves of {args.wave}: server {r['server_s_per_fetch_mean'] * 1000:.0f} ms"
              f" per fetch; slowest desktop {r['slowest_desktop_s_max']:.2f} s (median wave "
              f"{r['slowest_desktop_s_median']:.2f} s)")
    if len(results) == 2:
        small, big = results
        print(f"\ngrowth {small['docs']:,} → {big['docs']:,}:")
        for key in ("clone_lead_s", "clone_agent_s", "agent_sync_searchable_p95_s", "server_s_per_fetch_mean",
                    "slowest_desktop_s_max", "git_clone_s"):
            print(f"  {key}: {big[key] / small[key]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
