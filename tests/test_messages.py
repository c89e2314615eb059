"""Every message code of the core has English and Chinese text, in Qt's
translation file, for the window and the command line alike."""

from __future__ import annotations

import re

from kbdesk.authoring.workflow import WorkflowError
from kbdesk.messages import MESSAGES, CodedError, localized, translated

PASS_THROUGH = {code for code, text in MESSAGES.items() if text == "{reason}"}  # another error's own words


def test_every_code_has_chinese_with_its_parameters():
    for code, english in MESSAGES.items():
        if code in PASS_THROUGH:
            continue
        chinese = translated("Messages", english, "zh_CN")
        assert chinese != english and re.search(r"[\u4e00-\u9fff]", chinese), code
        # a parameter may be left out in Chinese (the English 'may {action}'), never invented
        assert set(re.findall(r"\{(\w+)\}", chinese)) <= set(re.findall(r"\{(\w+)\}", english)), code


def test_an_error_reads_in_either_language():
    exc = WorkflowError("already-in-review", article="script-greeting")
    assert isinstance(exc, CodedError) and exc.code == "already-in-review"
    assert str(exc) == localized(exc, "en") == "script-greeting is already in review"
    assert localized(exc, "zh_CN") == "script-greeting 已经在审核中。"
    assert localized(ValueError("plain words"), "zh_CN") == "plain words"  # not coded: as it is


def test_the_window_shows_coded_errors_in_its_language(qapp):
    from kbdesk.ui.common import i18n

    try:
        i18n.apply_language("zh_CN")
        assert i18n.message_text(WorkflowError("already-retired", article="faq-x")) == "faq-x 已经停用。"
        i18n.apply_language("en")
        assert i18n.message_text(WorkflowError("already-retired", article="faq-x")) == "faq-x is already retired"
    finally:
        i18n.apply_language("system")


def test_a_file_that_is_no_article_says_why_in_either_language(tmp_path):
    import pickle

    from kbdesk.content.article import ArticleError
    from kbdesk.content.store import ContentStore

    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "empty.md").write_bytes(b"")
    try:
        ContentStore(tmp_path).load("faq/empty.md")
    except ArticleError as exc:
        error = exc
    assert error.code == "file-empty" and error.reason == "empty file"
    assert localized(error, "zh_CN") == "faq/empty.md: 空文件"
    again = pickle.loads(pickle.dumps(error))  # (from the processes that build an index)
    assert (again.code, again.params, again.reason) == (error.code, error.params, error.reason)
    kept = ArticleError.from_entry("faq/x.md", ArticleError("faq/x.md", "not-utf8", line=3).as_entry())
    assert kept.code == "not-utf8" and kept.params == {"line": "3"}
    assert ArticleError.from_entry("faq/y.md", "older words").reason == "older words"  # a state file of before


def test_a_version_says_what_it_records_in_either_language(qapp):
    import datetime as dt

    from kbdesk.content.versions import Identity, Version, coded_message
    from kbdesk.ui.common import i18n

    message = coded_message("commit-approve", title="退款到账时间", previous="1a2b3c4d")
    assert message.split("\n")[0] == "Approve 退款到账时间 (agents saw 1a2b3c4d before)"  # git log reads English
    version = Version("c" * 40, None, Identity("王敏", "w@x"), dt.datetime.now(dt.timezone.utc), message)
    assert version.summary == ("commit-approve", {"title": "退款到账时间", "previous": "1a2b3c4d"},
                               "Approve 退款到账时间 (agents saw 1a2b3c4d before)")
    assert Version("d" * 40, None, Identity("王敏", "w@x"), dt.datetime.now(dt.timezone.utc), "补充问句").summary == (
        None, {}, "补充问句")  # a lead's own words stay as written
    try:
        i18n.apply_language("zh_CN")
        assert i18n.coded_text(*version.summary) == "批准：退款到账时间（此前坐席看到的是 1a2b3c4d）"
    finally:
        i18n.apply_language("en")
    assert i18n.coded_text(*version.summary) == "Approve 退款到账时间 (agents saw 1a2b3c4d before)"


def test_every_code_the_core_raises_or_notes_has_its_text():
    """A code passed to an error or a notice (SyncError("sync-auth"),
    Notice("notice-…")) that is missing from MESSAGES would be shown as
    the bare code, or fail where it is made."""
    import ast
    import re
    from pathlib import Path

    from kbdesk.messages import MESSAGES

    package = Path(__file__).resolve().parents[1] / "kbdesk"
    missing, seen = [], 0
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            code = node.args[0].value
            if (name.endswith(("Error", "Denied", "Damaged", "Unavailable")) or name in ("Notice", "coded_message")) \
                    and isinstance(code, str) and re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", code):
                seen += 1
                if code not in MESSAGES:
                    missing.append(f"{path.relative_to(package.parent)}:{node.lineno}: {code}")
    assert seen > 80
    assert missing == []
