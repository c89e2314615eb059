"""Bad files of every kind in one content folder, through the command line as
a user runs it (a fresh process each time, bounded in time): each bad file
is one line about that file, and everything else keeps working."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import write

GOOD = """
    ---
    id: faq-good
    title: 正常文章退款
    kind: faq
    ---
    正常文章：退款三个工作日内到账。
    """

# name: (how to make it, what it is: "error" = one error line and not an
# article, "warning" = a warning line and still searchable, "ok" = fine).
def _front(title: str, extra: str = "", body: str = "正文") -> str:
    return f"---\ntitle: {title}\n{extra}---\n{body}\n"


def _bomb() -> str:
    levels = ["a: &a [" + ",".join(["x"] * 9) + "]"]
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        levels.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "---\n" + "\n".join(levels) + "\ntitle: 炸弹\n---\n正文\n"


def make_cases(root):
    faq = root / "faq"
    cases = {}

    def case(name, expect, make):
        make()
        cases[name] = expect

    case("faq/passwd.md", "error", lambda: os.symlink("/etc/passwd", faq / "passwd.md"))
    case("faq/self-loop", "error", lambda: os.symlink(".", faq / "self-loop"))
    case("scripts/loop", "error", lambda: os.symlink("../faq", root / "scripts" / "loop"))
    case("faq/etc-folder", "error", lambda: os.symlink("/etc", faq / "etc-folder"))
    case("faq/pipe.md", "error", lambda: os.mkfifo(faq / "pipe.md"))
    case("faq/dangling.md", "error", lambda: os.symlink("nowhere.md", faq / "dangling.md"))
    case("faq/inside-link.md", "ok", lambda: (write(root, "faq/sub/target.txt", _front("链接的目标")),
                                             os.symlink("sub/target.txt", faq / "inside-link.md")))
    case("faq/bad-month.md", "warning", lambda: write(root, "faq/bad-month.md", _front("坏月份", "review_by: 2026-13-45\n")))
    case("faq/bad-day.md", "warning", lambda: write(root, "faq/bad-day.md", _front("坏日子", "updated: 2026-02-30\n")))
    case("faq/bomb.md", "error", lambda: (faq / "bomb.md").write_text(_bomb(), encoding="utf-8"))
    case("faq/brackets.md", "ok", lambda: write(root, "faq/brackets.md", _front("方括号", body="[" * 100_000)))
    case("faq/images.md", "ok", lambda: write(root, "faq/images.md", _front("图片标记", body="![" * 50_000)))
    case("faq/utf16le.md", "ok", lambda: (faq / "utf16le.md").write_bytes(
        codecs.BOM_UTF16_LE + _front("小端统一码").encode("utf-16-le")))
    case("faq/utf16be.md", "ok", lambda: (faq / "utf16be.md").write_bytes(
        codecs.BOM_UTF16_BE + _front("大端统一码").encode("utf-16-be")))
    case("faq/utf8bom.md", "ok", lambda: (faq / "utf8bom.md").write_bytes(codecs.BOM_UTF8 + _front("带签名").encode()))
    case("faq/back\\slash.md", "ok", lambda: write(root, "faq/back\\slash.md", _front("反斜杠")))
    case("faq/crlf.md", "ok", lambda: (faq / "crlf.md").write_bytes(_front("换行符").replace("\n", "\r\n").encode()))
    case("faq/binary.md", "error", lambda: (faq / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    case("faq/nul-inside.md", "error", lambda: (faq / "nul-inside.md").write_bytes(b"abc\x00def" * 10))
    case("faq/empty.md", "error", lambda: (faq / "empty.md").write_bytes(b""))
    case("faq/blank.md", "error", lambda: (faq / "blank.md").write_bytes(b"  \n\n\t\n"))
    case("faq/gbk.md", "error", lambda: (faq / "gbk.md").write_bytes(_front("国标编码").encode("gbk")))
    case("faq/unclosed.md", "error", lambda: write(root, "faq/unclosed.md", "---\ntitle: 没有结尾\n正文"))
    case("faq/list-front.md", "error", lambda: write(root, "faq/list-front.md", "---\n- a\n- b\n---\n正文"))
    case("faq/bad-yaml.md", "error", lambda: write(root, "faq/bad-yaml.md", "---\ntitle: [未闭合\n---\n正文"))
    case("faq/python-tag.md", "error", lambda: write(root, "faq/python-tag.md",
                                                     "---\ntitle: !!python/object/apply:os.system [id]\n---\n正文"))
    case("faq/huge.md", "error", lambda: write(root, "faq/huge.md", _front("很大", body="退款" * 600_000)))
    case("faq/folder.md", "ok", lambda: write(root, "faq/folder.md/inner.md", _front("文件夹里的")))
    case("faq/number-title.md", "ok", lambda: write(root, "faq/number-title.md", "---\ntitle: 12345\n---\n正文"))
    case("faq/mapping-tags.md", "warning", lambda: write(root, "faq/mapping-tags.md",
                                                         _front("标签是映射", "tags: {a: 1}\n")))
    case("faq/only-front.md", "ok", lambda: write(root, "faq/only-front.md", "---\ntitle: 只有头\n---\n"))
    case("faq/" + "长" * 80 + ".md", "ok", lambda: write(root, "faq/" + "长" * 80 + ".md", _front("长文件名")))
    return cases


@pytest.fixture
def hostile(content):
    write(content, "faq/good.md", GOOD)
    return content, make_cases(content)


def run(root, *args, timeout=60):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "kbdesk", "--content", str(root), *args], capture_output=True,
                          text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


def test_every_bad_file_is_one_line_and_the_rest_works(hostile):
    root, cases = hostile
    handled, tried = 0, 0

    checked = run(root, "check", "--json")
    findings = json.loads(checked.stdout)
    by_path = {}
    for f in findings:
        by_path.setdefault(f["path"], []).append(f)
    problems = []
    for path, expect in cases.items():
        tried += 1
        got = by_path.get(path, [])
        levels = {f["level"] for f in got}
        ok = (expect == "ok" and not got) or (expect == "error" and levels == {"error"} and len(got) == 1) or (
            expect == "warning" and levels == {"warning"})
        if ok and all("\n" not in f["message"] for f in got):
            handled += 1
        else:
            problems.append(f"check: {path}: expected {expect}, got {got}")

    for command in (["index"], ["search", "正常文章"], ["search", "退款", "--json"], ["check"]):
        tried += 1
        done = run(root, *command)
        if "Traceback" in done.stderr or done.returncode not in (0, 1):
            problems.append(f"{command}: exit {done.returncode}: {done.stderr[-500:]}")
        else:
            handled += 1
    found = json.loads(run(root, "search", "正常文章", "--json").stdout)
    assert found and found[0]["id"] == "faq-good"
    assert "faq-good" in [h["id"] for h in json.loads(run(root, "search", "退款", "--json").stdout)]
    # The warned-about articles are still there for agents.
    assert json.loads(run(root, "search", "坏月份", "--json").stdout)[0]["path"] == "faq/bad-month.md"

    for path, expect in cases.items():
        if path.endswith(".md") and not path.endswith("folder.md"):
            tried += 1
            shown = run(root, "show", path)
            lines = [line for line in shown.stderr.splitlines() if line.strip()]
            if expect == "error" and shown.returncode == 2 and len(lines) == 1 and path in lines[0]:
                handled += 1
            elif expect != "error" and shown.returncode == 0:
                handled += 1
            else:
                problems.append(f"show {path}: exit {shown.returncode}: {shown.stderr[-300:]}")
    print(f"\nbad files: {tried} cases ({len(cases)} kinds of file; check, index, search, show), {handled} handled")
    assert not problems, "\n".join(problems)


def test_broken_team_files_are_one_line_each(content):
    write(content, ".kbdesk/team.yaml", "leads: [unclosed\n  - name: x\n")
    write(content, ".kbdesk/lint.yaml", "- just\n- a list\n")
    write(content, ".kbdesk/placeholders.yaml", "placeholders: &a\n  x: *a\n")
    checked = run(content, "check")
    lines = [line for line in checked.stdout.splitlines() if line.startswith(".kbdesk/")]
    assert sorted(line.split(":")[0] for line in lines) == [".kbdesk/lint.yaml", ".kbdesk/placeholders.yaml",
                                                           ".kbdesk/team.yaml"], checked.stdout
    linted = run(content, "lint")
    assert linted.returncode == 2 and len(linted.stderr.strip().splitlines()) == 1, linted.stderr
    # Agents' commands do not need the team file.
    assert run(content, "search", "退款").returncode == 0
