"""The long, messy documents the search tests use (tests/search/relevance/
long_docs: written for kbdesk, with the traits of real ones), imported the
way a lead would: saved by Windows in GBK or Big5 where they can be, each
cleaned of its site's boilerplate and converter debris, with its structure."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import write_team_settings
from tests.importing.test_import import kbdesk

LONG_DOCS = Path(__file__).resolve().parents[1] / "search" / "relevance" / "long_docs"
LEFTOVERS = re.compile(r"人看过|已阅读\s*\d+\s*页|剩余\s*\d+\s*页|下载本文档|本站|举报(电话|邮箱)|"
                       r"^首页\s*>|\{\{\s|<span|style=|\.docx?VIP|"
                       r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    from tests.conftest import SAMPLE_CONTENT

    base = tmp_path_factory.mktemp("long")
    kb = base / "kb"
    import shutil

    shutil.copytree(SAMPLE_CONTENT, kb)
    write_team_settings(kb)
    docs = base / "docs"
    docs.mkdir()
    for n, source in enumerate(sorted(LONG_DOCS.glob("*.txt"))):
        text = source.read_text(encoding="utf-8")
        encoding = ("gb18030", "big5", "utf-8")[n % 3]
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            encoding, data = "gb18030", text.encode("gb18030")
        (docs / source.name).write_bytes(data)
    done = kbdesk(kb, "import", str(docs), "--json", "--as", "王敏", index_dir=base / "ix")
    assert done.returncode == 0, done.stderr
    return kb, {r["source"]: r for r in json.loads(done.stdout)}


def test_there_are_at_least_fifteen_long_documents():
    sizes = [p.stat().st_size for p in LONG_DOCS.glob("*.txt")]
    assert len(sizes) >= 15 and all(5 * 1024 <= s <= 40 * 1024 for s in sizes), sizes


def test_every_long_document_imports_clean_with_its_structure(imported):
    kb, result = imported
    assert len(result) >= 15
    for source, r in result.items():
        assert r["error"] is None, (source, r["error"])
        text = (kb / r["path"]).read_text(encoding="utf-8")
        body = text.split("---", 2)[2]
        leftovers = [m.group() for m in LEFTOVERS.finditer(body)]
        assert not leftovers, (source, leftovers[:5])
        assert r["sections"] >= 5 and body.count("\n## ") >= 3, (source, r["sections"])
        assert len(r["title"]) <= 40 and not re.search(r"人看过|首页|下载|VIP专享|帮助中心$", r["title"]), r["title"]
        assert r["kind"] in ("standard", "faq", "script", "article") and r["tags"]


def _cjk(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff]", text))


def test_cleaning_keeps_the_words_of_the_text(imported):
    """What a document says stays: every line of a long document that is
    not a site's, nor a reading in brackets, nor a repetition, has its
    characters in its article (punctuation and numbering may change)."""
    kb, result = imported
    kept = total = 0
    lost = []
    site = re.compile(r"^(标签|作者|上传者|搜索帮助|热门搜索|相关推荐)|(\S+\s*>\s*){2}|对您有帮助|侵权|侵犯|下载|VIP会员可|"
                      r"会员服务|版权|举报")
    for source in sorted(LONG_DOCS.glob("*.txt")):
        article = _cjk((kb / result[source.name]["path"]).read_text(encoding="utf-8"))
        lines = [re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)", "", line.strip())
                 for line in source.read_text(encoding="utf-8").splitlines()]
        for line in lines:
            words = _cjk(re.sub(r"^([（(]?[一二三四五六七八九十\d]+[)）、.．]|第[一二三四五六七八九十\d]+[章条节]|"
                                r"[问答問][:：])", "", line))
            if len(words) < 15 or LEFTOVERS.search(line) or site.search(line) or lines.count(line) > 1:
                continue
            total += 1
            if words[:15] in article:
                kept += 1
            else:
                lost.append(f"{source.name}: {line[:50]}")
    assert total > 300 and kept == total, lost[:10]
