import datetime as dt

import pytest

from kbdesk.content.article import ArticleError, parse_article
from kbdesk.content.markdown import to_text as markdown_to_text


def test_front_matter_fields_are_read():
    a = parse_article("faq/x.md", """---
id: faq-x
title: 标题
kind: faq
category: 退款与退货
tags: [退款, 到账]
status: review
owner: 王敏
updated: 2026-10-12
review_by: 2027-04-30
---
正文
""".encode())
    assert (a.id, a.title, a.kind, a.category, a.tags, a.status, a.owner) == (
        "faq-x", "标题", "faq", "退款与退货", ("退款", "到账"), "review", "王敏")
    assert a.updated == dt.date(2026, 10, 12) and a.review_by == dt.date(2027, 4, 30)
    assert a.body == "正文\n"
    assert not a.visible_to_agents


def test_file_without_front_matter_takes_title_from_heading_and_kind_from_folder():
    a = parse_article("scripts/问候.md", "前言\n\n# 在线问候\n\n您好".encode())
    assert (a.id, a.title, a.kind, a.status) == ("scripts/问候", "在线问候", "script", "approved")
    assert a.visible_to_agents


def test_file_without_heading_is_titled_by_its_name_and_outside_known_folders_is_an_article():
    a = parse_article("notes/杂项.md", "只有正文".encode())
    assert (a.title, a.kind) == ("杂项", "article")


def test_utf8_bom_is_accepted():
    a = parse_article("faq/bom.md", "\ufeff---\ntitle: 带 BOM\n---\n正文".encode("utf-8"))
    assert a.title == "带 BOM"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n", "empty file"),
    ("标题".encode("gbk") + b"\n\xff\xfe", "not UTF-8"),
    (b"\x00\x01binary", "binary"),
    (b"---\ntitle: [unclosed\n---\nbody", "not valid YAML at line 2"),
    (b"---\ntitle: x\nbody without end", "no closing '---'"),
    (b"---\n- a list\n---\nbody", "must be a mapping"),
    (b"x" * (1024 * 1024 + 1), "too large"),
])
def test_broken_files_raise_with_a_reason(data, reason):
    with pytest.raises(ArticleError) as info:
        parse_article("faq/bad.md", data)
    assert reason in info.value.reason
    assert info.value.path == "faq/bad.md"


def test_questionable_values_become_warnings_not_failures():
    a = parse_article("faq/w.md", b"---\nstatus: aproved\nkind: memo\nreview_by: soon\n---\nx")
    assert len(a.warnings) == 3
    assert not a.visible_to_agents  # an unknown status is never shown to agents
    assert a.review_by is None


def test_needs_review_after_the_date():
    a = parse_article("faq/r.md", b"---\nreview_by: 2026-01-01\n---\nx")
    assert a.needs_review(dt.date(2026, 1, 2)) and not a.needs_review(dt.date(2025, 12, 31))


def test_to_text_round_trips_front_matter_in_written_order():
    src = "---\ntitle: 标题\nid: faq-y\nextra: 保留\n---\n正文\n"
    a = parse_article("faq/y.md", src.encode())
    again = parse_article("faq/y.md", a.to_text().encode())
    assert list(again.meta) == ["title", "id", "extra"] and again.body == "正文\n"


def test_markdown_to_text_drops_syntax_but_keeps_words_and_placeholders():
    md = ("# 标题\n\n**加粗**和*斜体*，见[退款规则](../faq/refund.md)。\n\n"
          "- 第一项\n- 第二项\n\n> 引用\n\n| 列1 | 列2 |\n|---|---|\n| 甲 | 乙 |\n\n"
          "`代码` {{客户称呼|您}}、{{订单号|无}}")
    text = markdown_to_text(md)
    for gone in ("#", "**", "](", "|---", "> "):
        assert gone not in text
    for kept in ("标题", "加粗和斜体", "退款规则", "• 第一项", "引用", "甲  乙", "代码", "{{客户称呼|您}}、{{订单号|无}}"):
        assert kept in text
