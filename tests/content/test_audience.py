"""Telling what is for the customer from what is for the agent."""

from __future__ import annotations

import textwrap

from kbdesk.content.audience import Audience

BODY = textwrap.dedent("""\
    **适用场景**：客户催单。

    > 先查物流再回复。

    ## 已查到物流

    您的包裹正在派送中。

    - 坐席提示：派送中的不要催快递员。
    - 预计明天送达。

    ## 处理要点（内部）

    不承诺具体时间。

    ### 例外

    仍是内部的。

    ## 查不到物流

    我马上联系快递核实。
    """)


def test_internal_sections_quotes_and_labels_are_left_out_of_the_customer_text():
    customer = Audience().customer_text(BODY)
    assert customer == textwrap.dedent("""\
        ## 已查到物流

        您的包裹正在派送中。

        - 预计明天送达。

        ## 查不到物流

        我马上联系快递核实。""")
    internal = Audience().internal_text(BODY)
    assert internal[0].startswith("**适用场景**") and "先查物流" in internal[0]  # one note, not two
    assert any("仍是内部的" in t for t in internal)  # a subsection of an internal section


def test_the_teams_own_section_names_count(tmp_path):
    (tmp_path / "placeholders.yaml").write_text("placeholders: {}\ninternal_sections: [话术说明]\n", encoding="utf-8")
    body = "## 话术说明\n\n只给坐席看。\n\n## 开场\n\n您好。\n"
    assert Audience.for_folder(tmp_path).customer_text(body) == "## 开场\n\n您好。"
    assert "只给坐席看" in Audience().customer_text(body)  # without the team's list: customer text


def test_customer_text_that_reads_like_a_note_is_found():
    body = "## 开场\n\n您好，{{坐席姓名}}为您服务。\n\n审核结果会告诉您（不承诺结果）。\n\n提醒：先核实身份。\n"
    found = [n for n, _ in Audience().note_like_lines(body)]
    assert found == [4, 6]  # the blank named 坐席 is no note
