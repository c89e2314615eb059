"""The command line, run as users run it: a separate process."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE_CONTENT, write


def kbdesk(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "kbdesk", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_index_then_search_json(content):
    built = kbdesk("--content", str(content), "index", "--json")
    assert built.returncode == 0, built.stderr
    info = json.loads(built.stdout)
    assert info["rebuilt"] and info["documents"] == 7

    found = kbdesk("--content", str(content), "search", "退款", "到账", "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits[0]["id"] == "faq-refund-timeline"
    assert {"id", "title", "kind", "path", "score", "snippet"} <= set(hits[0])
    assert "<mark>" in hits[0]["snippet"] and hits[0]["path"] == "faq/refund-timeline.md"


def test_search_text_output_kind_filter_and_limit(content):
    result = kbdesk("--content", str(content), "search", "app", "--kind", "faq", "--limit", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n 2.") == 0 and " 1. " in result.stdout
    assert "【APP】" in result.stdout or "【app】" in result.stdout.lower()


def test_search_updates_the_index_first(content):
    assert kbdesk("--content", str(content), "index").returncode == 0
    write(content, "faq/invoice.md", "---\nid: faq-invoice\ntitle: 发票怎么开\n---\n电子发票。\n")
    hits = json.loads(kbdesk("--content", str(content), "search", "发票", "--json").stdout)
    assert [h["id"] for h in hits] == ["faq-invoice"]


def test_search_shows_drafts_only_when_asked(content):
    assert json.loads(kbdesk("--content", str(content), "search", "久等", "--json").stdout) == []
    drafts = kbdesk("--content", str(content), "search", "久等", "--status", "draft", "--json")
    assert [h["id"] for h in json.loads(drafts.stdout)] == ["script-draft-apology"]


def test_no_results_is_exit_1_with_a_message(content):
    result = kbdesk("--content", str(content), "search", "火星殖民")
    assert result.returncode == 1 and "no articles found" in result.stderr


def test_broken_file_is_a_warning_and_search_still_works(content):
    (content / "faq/bad.md").write_bytes("退款".encode("gbk"))
    result = kbdesk("--content", str(content), "search", "足彩", "--json")
    assert result.returncode == 0
    assert "faq/bad.md" in result.stderr and "UTF-8" in result.stderr
    assert json.loads(result.stdout)[0]["id"] == "faq-lottery-draw"


@pytest.mark.parametrize("make_path, message", [
    (lambda tmp: tmp / "missing", "does not exist"),
    (lambda tmp: (tmp / "file.txt").write_text("x") and tmp / "file.txt", "not a folder"),
])
def test_bad_content_folder_is_one_clear_line(tmp_path, make_path, message):
    result = kbdesk("--content", str(make_path(tmp_path)), "search", "退款")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unreadable_index_dir_is_one_clear_line(content, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = kbdesk("--content", str(content), "--index-dir", str(blocker / "ix"), "index")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and result.stderr.startswith("kbdesk: error:")


def test_show_prints_article_plain_and_json(content):
    shown = kbdesk("--content", str(content), "show", "script-greeting")
    assert shown.returncode == 0 and "在线问候话术" in shown.stdout and "{{坐席姓名}}" in shown.stdout
    data = json.loads(kbdesk("--content", str(content), "show", "script-greeting", "--json").stdout)
    assert [p["name"] for p in data["placeholders"]] == ["客户称呼", "坐席姓名", "工号"]
    assert data["placeholders"][0]["default"] == "您"
    missing = kbdesk("--content", str(content), "show", "nope")
    assert missing.returncode == 2 and "no article" in missing.stderr


def test_check_reports_problems_and_fails(content):
    write(content, ".kbdesk/placeholders.yaml", "placeholders:\n  客户称呼: {}\n  坐席姓名: {}\n  工号: {}\n")
    write(content, "faq/dup.md", "---\nid: faq-lottery-draw\n---\n见[规则](missing.md)和[开奖](lottery-draw.md)。{{未知项}} {{坏的\n")
    (content / "faq/bad.md").write_bytes(b"---\ntitle: [x\n---\n")
    result = kbdesk("--content", str(content), "check", "--json")
    assert result.returncode == 1
    messages = {(f["path"], f["message"].split(" (")[0].split(":")[0]) for f in json.loads(result.stdout)}
    assert ("faq/dup.md", "duplicate id 'faq-lottery-draw'") in messages
    assert ("faq/lottery-draw.md", "duplicate id 'faq-lottery-draw'") in messages
    assert ("faq/dup.md", "broken link") in messages
    assert ("faq/dup.md", "unknown placeholder {{未知项}}") in messages
    assert ("faq/dup.md", "malformed placeholder at line 4") in messages
    assert ("faq/bad.md", "front matter is not valid YAML at line 2") in messages
    assert not any("lottery-draw.md" in m and "broken" in m for _, m in messages)


def test_check_flags_two_defaults_of_a_blank_and_notes_in_customer_text(content):
    write(content, "scripts/two.md", """
        ---
        id: script-two
        title: 到账时间
        kind: script
        ---
        ## 一

        预计{{时限|1～3个工作日}}内到账（不承诺结果）。

        ## 二

        {{时限|3个工作日}}后还没到请联系我们。
        """)
    result = kbdesk("--content", str(content), "check", "--json")
    assert result.returncode == 1
    findings = [f for f in json.loads(result.stdout) if f["path"] == "scripts/two.md"]
    assert [f["level"] for f in findings] == ["error", "warning"]
    assert "{{时限}} has two defaults (1～3个工作日 / 3个工作日)" in findings[0]["message"]
    assert "不承诺结果" in findings[1]["message"]


def test_sample_content_passes_check_read_only(tmp_path):
    result = kbdesk("--content", str(SAMPLE_CONTENT), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr


def test_default_content_is_a_copy_of_the_sample(isolated_user_dirs):
    result = kbdesk("search", "退款", "--json")
    assert result.returncode == 0, result.stderr
    copied = isolated_user_dirs / "data" / "content"
    assert (copied / ".kbdesk" / "dict.txt").is_file()
    assert len(list(copied.rglob("*.md"))) == len(list(SAMPLE_CONTENT.rglob("*.md")))
    assert json.loads(result.stdout)


def test_content_environment_variable(content):
    result = kbdesk("search", "足彩", "--json", env={"KBDESK_CONTENT": str(content)})
    assert json.loads(result.stdout)[0]["id"] == "faq-lottery-draw"


def test_check_speaks_chinese_when_the_locale_is_chinese(content):
    write(content, "scripts/two.md", """
        ---
        id: script-two
        title: 到账时间
        kind: script
        ---
        预计{{时限|1～3个工作日}}内到账，{{时限|3个工作日}}后再查。
        """)
    (content / "faq" / "bad.md").write_bytes(b"")
    result = kbdesk("--content", str(content), "check", env={"LC_ALL": "", "LANG": "zh_CN.UTF-8"})
    assert result.returncode == 1
    assert "scripts/two.md: 错误: {{时限}} 有两个不同的默认值（1～3个工作日 / 3个工作日）" in result.stdout
    assert "faq/bad.md: 错误: 空文件" in result.stdout
    assert "个错误" in result.stderr and "errors" not in result.stderr
    english = kbdesk("--content", str(content), "check", env={"LC_ALL": "", "LANG": "en_US.UTF-8"})
    assert "faq/bad.md: error: empty file" in english.stdout


def test_search_without_a_query_lists_a_filters_articles_by_title(content):
    listed = kbdesk("--content", str(content), "search", "--kind", "faq", "--json")
    assert listed.returncode == 0, listed.stderr
    hits = json.loads(listed.stdout)
    assert len(hits) == 3 and {h["kind"] for h in hits} == {"faq"}
    from kbdesk import textforms

    assert [h["title"] for h in hits] == sorted((h["title"] for h in hits), key=textforms.normalize)
    nothing = kbdesk("--content", str(content), "search")
    assert nothing.returncode == 2 and "--kind" in nothing.stderr
