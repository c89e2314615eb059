"""Every lint code has the window's text, in English and in Chinese."""

from __future__ import annotations

import re

from kbdesk.authoring.lint import MESSAGES, LintFinding
from kbdesk.ui.common import i18n
from kbdesk.ui.editor.widgets import lint_message


def test_every_lint_code_has_english_and_chinese_text(qapp):
    codes = set(MESSAGES) - {"front-matter"}  # (the article parser's own words)
    try:
        i18n.apply_language("zh_CN")
        for code in codes:
            names = re.findall(r"\{(\w+)\}", MESSAGES[code])
            finding = LintFinding("warning", code, MESSAGES[code], code=code, params=tuple((n, f"<{n}>") for n in names))
            chinese = lint_message(finding)
            assert chinese != MESSAGES[code] and re.search(r"[\u4e00-\u9fff]", chinese), code
            assert "{" not in chinese.replace("{{", ""), code
            assert all(f"<{n}>" in chinese for n in names), code
        i18n.apply_language("en")
        for code in codes:
            assert lint_message(LintFinding("warning", code, "", code=code)).startswith(MESSAGES[code][:5])
    finally:
        i18n.apply_language("system")


def test_a_front_matter_notice_reads_in_chinese_in_the_lint_panel(qapp):
    from kbdesk.authoring.lint import LintRules, lint_text

    findings = lint_text("---\ntitle: 测试\nkind: memo\n---\n正文\n", "faq/x.md", LintRules())
    notice = next(f for f in findings if f.rule == "front-matter")
    assert notice.code == "meta-unknown-kind" and "unknown kind 'memo'" in notice.message
    try:
        i18n.apply_language("zh_CN")
        assert lint_message(notice).startswith("未知的类型 'memo'")
    finally:
        i18n.apply_language("system")
