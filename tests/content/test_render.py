"""Markdown → sanitised HTML for the preview and the clipboard."""

from __future__ import annotations

import re

from kbdesk.content.render import clipboard_html, copy_payload, highlight_spans, render_article, sanitize

MALICIOUS = """# 恶意文章

<script>alert("x")</script>
<img src="x.png" onerror="alert(1)">
<a href="javascript:alert(1)">点我</a>
[伪装链接](JaVaScRiPt:alert(2))
<a href="java&#x09;script:alert(3)">编码</a>
[本地文件](file:///etc/passwd)
[数据](data:text/html;base64,PHNjcmlwdD4=)
![外部图片](../../outside.png)
![绝对路径](/etc/secret.png)
![文件图片](file:///etc/secret.png)
<div style="background:url(javascript:alert(4))" onclick="alert(5)">样式</div>
<iframe src="https://example.com"></iframe>
<form action="https://evil.example"><input name="p"></form>
[正常链接](../faq/refund-timeline.md) [网页](https://example.com/help)
"""


def test_malicious_markdown_is_cleaned():
    out = render_article(MALICIOUS)
    low = out.lower()
    for bad in ("<script", "alert(\"x\")", "onerror", "onclick", "javascript", "file:", "data:",
                "<iframe", "<form", "<input", "style=\"background", "/etc/secret"):
        assert bad not in low, bad
    # What is safe survives.
    assert '<a href="../faq/refund-timeline.md">正常链接</a>' in out
    assert '<a href="https://example.com/help">网页</a>' in out
    assert "点我" in out and "样式" in out
    # A relative image stays (the window decides whether it may load it).
    assert 'src="../../outside.png"' in out


def test_sanitize_keeps_tables_and_alignment_only():
    out = render_article("| 方式 | 时间 |\n|:--:|---|\n| 余额 | 即时 |\n")
    assert "<table>" in out and '<th style="text-align:center">方式</th>' in out
    assert sanitize('<td style="color:red;text-align:left">x</td>').count("color") == 0


def test_placeholders_and_terms_are_marked():
    out = render_article("{{客户称呼|您}}好，您的退款已到账。", highlight_terms=["退款"])
    assert '<span class="kb-ph">\u2009客户称呼\u2009</span>好' in out
    assert '<span class="kb-hit">退款</span>' in out
    # An article cannot set the classes itself.
    assert 'class="kb-hit"' not in render_article('<span class="kb-hit">x</span>')


def test_terms_match_across_scripts_and_not_inside_tags():
    assert highlight_spans("帳號登入不了", ["账号"]) == [(0, 2)]
    out = render_article("[退款说明](refund.md)", highlight_terms=["refund"])
    assert 'href="refund.md"' in out  # the attribute is untouched


def test_terms_are_marked_in_every_text_of_a_long_article_and_nothing_else_changes():
    body = "\n\n".join([f"第{n}段：退款 & 退貨在**此处**说明。" for n in range(200)] + ["没有匹配的一段 <b>粗</b>。"])
    out = render_article(body, highlight_terms=["退货", "退款"])
    # each paragraph's terms, Traditional text for a Simplified term, entities kept as entities
    assert out.count('<span class="kb-hit">退款</span>') == 200 and out.count('<span class="kb-hit">退貨</span>') == 200
    assert out.count("&amp;") == 200 and "<strong>此处</strong>" in out
    # without terms to mark, the same HTML as before marking
    assert render_article(body, highlight_terms=["不在文中"]) == render_article(body)
    assert render_article(body, highlight_terms=["不在文中"]).replace("kb-hit", "") == \
        out.replace('<span class="kb-hit">退款</span>', "退款").replace('<span class="kb-hit">退貨</span>', "退貨")


def test_a_line_of_dashes_under_pasted_text_is_a_rule_not_a_heading():
    out = render_article("以上内容是否对您有帮助？ [有帮助] [没帮助]\n----------\n\n## 违章与事故\n\n收到违章了怎么处理？")
    assert "<h2>违章与事故</h2>" in out and "<hr" in out
    assert "<h2>以上内容" not in out and "<h1>" not in out


def test_copy_payload_plain_has_no_markdown_and_html_is_clean():
    body = "# 标题\n\n**{{客户称呼|您}}**好，订单 {{订单号}} 见 [说明](../faq/x.md) 和 [网页](https://e.com)。\n\n- 一\n- 二\n"
    plain, rich = copy_payload(body, {"订单号": "A<b>1</b>*2*"})
    assert "**" not in plain and "#" not in plain and "](" not in plain
    assert "您好，订单 A<b>1</b>*2* 见 说明 和 网页。" in plain
    assert "<strong>您</strong>好" in rich
    assert "A&lt;b&gt;1&lt;/b&gt;*2*" in rich  # typed values are text, never markup
    assert "x.md" not in rich and '<a href="https://e.com">网页</a>' in rich
    # A blank with neither value nor default stays visible, but never as raw syntax.
    plain, rich = copy_payload("工号{{工号}}", {})
    assert plain == "工号【工号】" and "【工号】" in rich and "{{" not in rich


def test_clipboard_html_drops_images():
    assert "<img" not in clipboard_html("![图](a.png) 文字")
    assert re.search(r"文字", clipboard_html("![图](a.png) 文字"))


def test_sections_of_a_script():
    from kbdesk.content.render import add_section_links, sections

    body = "说明。\n\n## 通用版\n\n您好{{称呼}}。\n\n```\n## 不是标题\n```\n\n## 注意\n\n- 不说“不知道”。\n\n# 附录\n\n附录正文\n"
    parts = sections(body)
    assert [p.title for p in parts] == ["通用版", "注意"]
    assert parts[0].body.startswith("您好{{称呼}}。") and "## 不是标题" in parts[0].body
    assert "附录" not in parts[1].body
    out = add_section_links(render_article(body), body, "复制本段")
    assert out.count('href="kbdesk-section:') == 2 and 'href="kbdesk-section:1"' in out
    # Article text cannot forge such a link: the sanitiser drops unknown schemes.
    assert "kbdesk-section" not in render_article('[x](kbdesk-section:0) <a href="kbdesk-section:1">y</a>')


def test_section_links_are_small_lines_under_their_headings_not_inside_them():
    from kbdesk.content.render import SECTION_BAR_CLASS, SECTION_CLASS, SECTION_SCHEME

    body = "说明。\n\n## 通用版\n\n您好{{称呼}}。\n\n## 客户带着订单进线\n\n请提供订单号。\n"
    out = render_article(body, section_label="复制本段")
    # The headings hold their title and nothing else (inside one, Qt would
    # draw the link at the heading's size).
    assert re.findall(r"<h2>(.*?)</h2>", out, re.S) == ["通用版", "客户带着订单进线"]
    # Each link is a paragraph of its own right after its heading, in <small>.
    links = re.findall(r'</h2>\s*<p class="([^"]*)"><small><a class="([^"]*)" href="([^"]*)">([^<]*)</a></small></p>',
                       out)
    assert links == [(SECTION_BAR_CLASS, SECTION_CLASS, f"{SECTION_SCHEME}:0", "复制本段"),
                     (SECTION_BAR_CLASS, SECTION_CLASS, f"{SECTION_SCHEME}:1", "复制本段")]
    assert out.index("复制本段") < out.index("您好") and out.count(f"{SECTION_SCHEME}:") == 2
    # The label is text, never markup.
    assert "<b>x</b>" not in render_article(body, section_label="<b>x</b>")
    # Still strict: an article keeps <small> but cannot style it or use the preview's classes.
    forged = render_article('<p class="kb-section-bar" style="font-size:40px"><small style="color:red" '
                            'class="kb-section">小字</small></p>')
    assert forged == "<p><small>小字</small></p>"


def test_the_fill_in_preview_shows_an_empty_blank_as_it_would_be_copied():
    from kbdesk.content.render import render_filled

    out = render_filled("订单 {{订单号}}，{{客户称呼|您}}好", {})
    assert "【订单号】" in out and "{{" not in out and ">您<" in out
