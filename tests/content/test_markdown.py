"""The one Markdown parser: HTML and plain text of the same reading."""

from __future__ import annotations

from kbdesk.content.markdown import to_html, to_text


def test_emphasis_ends_on_chinese_punctuation_and_around_blanks():
    assert to_html("**注意：**请核实") == "<p><strong>注意：</strong>请核实</p>"
    assert to_html("（**重要**）说明") == "<p>（<strong>重要</strong>）说明</p>"
    assert "<strong>{{客户称呼|您}}</strong>好" in to_html("**{{客户称呼|您}}**好")
    assert to_text("**注意：**请核实，**{{客户称呼}}**好") == "注意：请核实，{{客户称呼}}好"
    # Markers with spaces inside stay what they are; so do intraword underscores.
    assert to_text("a * b * c, snake_case_name") == "a * b * c, snake_case_name"


def test_a_list_nested_by_three_spaces_is_a_list():
    body = "1. 查订单状态：\n   - 退款中：等银行\n   - 退款成功：给流水号\n2. 超时转财务"
    html = to_html(body)
    assert html.count("<ul>") == 1 and html.count("<ol>") == 1 and html.index("<ul>") > html.index("<ol>")
    assert to_text(body) == "1. 查订单状态：\n  • 退款中：等银行\n  • 退款成功：给流水号\n2. 超时转财务"


def test_a_blank_with_a_pipe_is_not_a_table_cell():
    body = "| 场景 | 话术 |\n|---|---|\n| 催单 | {{客户称呼|您}}好，{{时限|3个工作日}}内发出 |"
    html = to_html(body)
    assert html.count("<td>") == 2 and "{{客户称呼|您}}好，{{时限|3个工作日}}内发出" in html
    assert to_text(body).splitlines() == ["场景  话术", "催单  {{客户称呼|您}}好，{{时限|3个工作日}}内发出"]


def test_markdown_goes_on_after_a_line_of_html():
    html = to_html('<img src="a.png">\n[链接](b.md) **粗**')
    assert '<a href="b.md">链接</a>' in html and "<strong>粗</strong>" in html


def test_plain_text_of_lists_checklists_code_and_line_breaks():
    body = "- [ ] 工牌\n- [x] 耳麦\n\n```\n保留 **原样**\n```\n\n第一行\n第二行 ![图片说明](a.png)"
    assert to_text(body) == "工牌\n耳麦\n\n保留 **原样**\n\n第一行\n第二行 图片说明"


def test_every_link_is_parsed_whatever_its_scheme():
    # The cleaner decides which links survive; the parser must not leave
    # "[text](javascript:…)" as visible text instead.
    assert to_html("[伪装](JaVaScRiPt:alert(1))").startswith("<p><a href=")
    assert to_text("[伪装](JaVaScRiPt:alert(1))") == "伪装"
