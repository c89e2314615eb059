"""The editor's text helpers: front matter fields, what a save writes,
offsets in Qt's units, diffs as HTML, new scripts."""

from __future__ import annotations

import datetime as dt

from kbdesk.authoring.textdiff import word_diff
from kbdesk.content.article import parse_article
from kbdesk.content.store import slugify
from kbdesk.ui.editor.text import (
    common_edit,
    diff_inline_html,
    diff_side_html,
    from_qt,
    new_script_text,
    prepare_for_save,
    set_front_field,
    to_qt,
)

TEXT = "---\ntitle: 旧标题  # 注释\ntags:\n  - 退款\n  - 到账\nstatus: draft\n---\n正文\n"


def test_set_front_field_changes_only_that_key():
    assert set_front_field(TEXT, "tags", ["退款", "到账", "VIP"]) == (
        "---\ntitle: 旧标题  # 注释\ntags: [退款, 到账, VIP]\nstatus: draft\n---\n正文\n")
    assert set_front_field(TEXT, "title", "新: 标题") == (
        "---\ntitle: '新: 标题'\ntags:\n  - 退款\n  - 到账\nstatus: draft\n---\n正文\n")
    removed = set_front_field(TEXT, "title", None)
    assert "title" not in removed and removed.endswith("status: draft\n---\n正文\n")
    # A new key goes where it usually is.
    added = set_front_field(TEXT, "category", "退款与退货")
    assert added.index("category:") < added.index("tags:")
    assert "review_by: 2027-04-30\n---" in set_front_field(TEXT, "review_by", dt.date(2027, 4, 30))
    assert parse_article("scripts/a.md", set_front_field(TEXT, "review_by", dt.date(2027, 4, 30)).encode()
                         ).review_by == dt.date(2027, 4, 30)
    # No front matter yet: one is added.
    assert set_front_field("正文", "title", "标题") == "---\ntitle: 标题\n---\n正文"
    assert set_front_field("正文", "title", None) == "正文"


def test_a_save_keeps_the_workflow_status():
    approved = "---\ntitle: a\nstatus: approved\nupdated: 2020-01-01\n---\n旧的说法\n"
    changed = approved.replace("旧的说法", "新的说法")
    text, notes = prepare_for_save(changed, approved, "approved", "scripts/a.md", dt.date(2026, 1, 2))
    assert "status: draft" in text and "updated: 2026-01-02" in text and notes == ["status-draft"]
    # Typing a status by hand does not change it.
    typed = approved.replace("status: approved", "status: retired")
    text, notes = prepare_for_save(typed, approved, "approved", "scripts/a.md")
    assert text == approved and notes == ["status-reset"]
    draft = approved.replace("approved", "draft")
    text, notes = prepare_for_save(draft.replace("status: draft", "status: approved").replace("旧", "新"),
                                   draft, "draft", "scripts/a.md", dt.date(2026, 1, 2))
    assert "status: draft" in text and notes == ["status-reset"]
    # No front matter means approved: changed wording becomes a draft.
    text, _ = prepare_for_save("新的说法", "旧的说法", "approved", "scripts/a.md")
    assert text == "---\nstatus: draft\n---\n新的说法"


def test_offsets_in_utf16_units():
    text = "a😀b不知道"
    assert to_qt(text, 2) == 3 and from_qt(text, 3) == 2
    assert to_qt("不知道", 2) == 2
    assert common_edit("很高兴为您服务", "非常高兴为您服务") == (0, 1, "非常")


def test_diff_html_marks_words():
    ops = word_diff("退款 1 到 3 个工作日到账", "退款 1 到 5 个工作日到账")
    old, new = diff_side_html(ops, "old"), diff_side_html(ops, "new")
    assert 'class="kb-del"' in old and ">3</span>" in old and "kb-ins" not in old
    assert 'class="kb-ins"' in new and ">5</span>" in new and "kb-del" not in new
    inline = diff_inline_html(ops)
    assert inline.index(">3</span>") < inline.index(">5</span>")
    # Long unchanged stretches are cut around the change.
    long_old = "\n".join(f"第{n}行" for n in range(40)) + "\n结尾旧"
    ops = word_diff(long_old, long_old.replace("结尾旧", "结尾新"))
    short = diff_inline_html(ops, context_lines=2)
    assert "第1行" not in short and "第39行" in short and "⋯" in short
    assert "<script>" not in diff_inline_html(word_diff("<script>", "x"))


def test_new_script_template():
    assert slugify("久等致歉话术 VIP") == "jiu-deng-zhi-qian-hua-shu-vip"
    text = new_script_text("久等致歉", "jiu-deng", "在线服务", [], "王敏", dt.date(2026, 1, 2))
    article = parse_article("scripts/jiu-deng.md", text.encode())
    assert (article.id, article.title, article.kind, article.status) == (
        "script-jiu-deng", "久等致歉", "script", "draft")
    assert article.category == "在线服务" and article.owner == "王敏" and article.updated == dt.date(2026, 1, 2)
