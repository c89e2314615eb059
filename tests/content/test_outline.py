from kbdesk.content.outline import MAX_PASSAGE_CHARS, PASSAGE_CHARS, outline


def test_markdown_sections_become_passages_with_their_heading_path():
    body = "# 电话礼仪\n\n开头说明。\n\n## 接听\n\n### 接听时限\n\n铃响三声内接起。\n\n## 结束通话\n\n让客户先挂机。\n"
    shape = outline("电话礼仪", body)
    assert [(p.heading, p.text) for p in shape.passages] == [
        ((), "开头说明。"), (("接听", "接听时限"), "铃响三声内接起。"), (("结束通话",), "让客户先挂机。")]
    # where each passage starts in the body, for the preview and the editor
    assert body.split("\n")[shape.passages[1].line] == "### 接听时限"
    assert "# 电话礼仪" not in shape.text and "铃响三声内接起" in shape.text


def test_a_plain_text_is_cut_at_the_lines_that_read_as_headings():
    body = ("本规范适用于热线坐席。\n\n一、接听时限\n电话铃响三声之内必须接起，超过五声先致歉。\n\n"
            "二、记录\n第三条 5W1H\n1、何时；\n2、何人。\n\n问：客户一直不出声怎么办？\n答：先询问三次再结束通话。\n")
    headings = [p.heading for p in outline("电话规范", body).passages]
    assert headings == [(), ("接听时限",), ("记录", "5W1H"), ("客户一直不出声怎么办？",)]


def test_a_long_section_is_cut_into_passages_at_paragraph_ends():
    paragraph = "退款审核通过后款项原路退回，信用卡七到十五个工作日到账。" * 6
    body = "## 退款到账\n\n" + "\n\n".join([paragraph] * 8)
    passages = outline("退款政策", body).passages
    assert len(passages) >= 1296 // MAX_PASSAGE_CHARS
    assert all(p.heading == ("退款到账",) for p in passages)
    assert all(PASSAGE_CHARS // 2 <= len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    assert "".join(p.text.replace("\n", "") for p in passages) == paragraph * 8  # nothing lost


def test_an_empty_body_still_has_one_passage():
    assert [p.text for p in outline("标题", "").passages] == [""]
