"""Each cleaning step on its own, and the promise they make together: the
words of the document itself are never removed."""

from __future__ import annotations

import random

import pytest

from kbdesk.importing.cleaning import (
    Rules,
    clean,
    normalise_forms,
    repeated_lines,
    strip_boilerplate,
    strip_markup,
    strip_pinyin_annotations,
    strip_repetition,
)
from kbdesk.importing.decoding import UndecidableEncoding, declared_charset, decode
from kbdesk.importing.structure import to_markdown

CLEAN = """客户服务规范
本规范明确客服人员的职责，通过规范服务提升客户满意度。
一、电话礼仪
接听电话时，铃声响三声内接起，并主动报出工号牌号码。
使用标准开场白（推荐）：您好，很高兴为您服务。
二、记录方法
按 5W1H(5W1H) 记录客户问题，做到不遗漏。
VIP 会员开通后 7 天内未使用权益的全额退款；会员积分可以抵扣运费。"""


@pytest.fixture(scope="module")
def rules():
    return Rules.load()


def _annotate(text: str, rng: random.Random) -> str:
    """The text as a Traditional converter leaves it: a reading in brackets
    glued behind some of its characters."""
    from pypinyin import Style, pinyin

    out = []
    for ch in text:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.3:
            out.append(f"({pinyin(ch, style=Style.TONE)[0][0]})")
    return "".join(out)


def test_a_clean_text_with_annotations_added_comes_back_character_for_character(rules):
    rng = random.Random(7)
    for _ in range(20):
        annotated = _annotate(CLEAN, rng)
        assert annotated != CLEAN
        assert clean(annotated, rules).text == CLEAN


def test_pinyin_annotations_go_and_real_parentheses_stay():
    text, removed = strip_pinyin_annotations("職責(zé)通過(guò)服務(wù)，工號(hào)牌(推荐)(5W1H)(app)，方案(a)或(b)")
    assert text == "職責通過服務，工號牌(推荐)(5W1H)(app)，方案(a)或(b)"
    assert removed == ["(zé)", "(guò)", "(wù)", "(hào)"]
    # Without a converter at work (no toned reading), nothing is touched.
    assert strip_pinyin_annotations("请选择(de)选项")[0] == "请选择(de)选项"


def test_site_boilerplate_lines_go_and_service_wording_stays(rules):
    text = "\n".join([
        "客户服务指南.docxVIP", "1234人看过", "作者：张三", "发布时间：2023-05-01", "标签：客服 规范",
        "首页 > 文档 > 客服", "已阅读5页，剩余10页未读", "下载本文档", "上一篇：投诉处理",
        "VIP 会员开通后 7 天内未使用权益的全额退款。", "会员积分可以抵扣运费。", "客户投诉热线：95588，受理时间 9:00-18:00",
        "路径：我的 > 订单 > 申请退款", "3. 不得泄露客户隐私，侵犯客户权益。", "请问以上是否解决了您的问题？",
        "相关问题请联系值班主管。", "下载文档时提示失败，请清除缓存后重试。",
        "版权所有 © 某某文库",
        "声明：", "1、本站所有资源如无特殊说明，都需要本地电脑安装OFFICE2007。", "2、如涉及侵权，请联系我们删除。",
        "3、付费文档下载后不支持退款。",
    ])
    kept, removed = strip_boilerplate(text, rules, file_name="客户服务指南.docx")
    assert kept.split("\n") == ["VIP 会员开通后 7 天内未使用权益的全额退款。", "会员积分可以抵扣运费。",
                                "客户投诉热线：95588，受理时间 9:00-18:00", "路径：我的 > 订单 > 申请退款",
                                "3. 不得泄露客户隐私，侵犯客户权益。", "请问以上是否解决了您的问题？",
                                "相关问题请联系值班主管。", "下载文档时提示失败，请清除缓存后重试。"]
    assert len(removed) == 14


def test_lines_repeated_across_many_documents_are_a_header_or_footer(rules):
    docs = [f"某某客服中心内部资料\n第{n}篇的正文，讲退款。\n本资料仅供内部培训使用" for n in range(5)]
    repeated = repeated_lines(docs, rules)
    kept, removed = strip_boilerplate(docs[0], rules, repeated)
    assert kept == "第0篇的正文，讲退款。" and len(removed) == 2
    assert repeated_lines(docs[:2], rules) == set()  # two documents say nothing of a site


def test_headings_and_greetings_shared_by_documents_stay(rules):
    docs = [f"您好，很高兴为您服务。\n一、适用范围\n本规范适用于第{n}类商品。\n二、注意事项\n核对订单号{n}。" for n in range(5)]
    repeated = repeated_lines(docs, rules)
    assert strip_boilerplate(docs[0], rules, repeated)[0] == docs[0]


def test_a_sentence_said_again_stays_and_a_block_pasted_again_goes():
    closing = "您好，请问还有什么其他可以帮您的吗？感谢您的来电，祝您生活愉快！"
    text = f"场景一：查询物流\n{closing}\n场景二：修改地址\n{closing}"
    assert strip_repetition(text)[0] == text
    block = "第一步先核对客户的身份信息是否与订单一致无误。\n第二步再查询订单的物流轨迹并如实告知客户。"
    kept, removed = strip_repetition(f"一、流程\n{block}\n二、注意\n别的内容。\n{block}")
    assert kept.count("第一步") == 1 and len(removed) == 2


def test_markup_and_site_template_markers_go_and_kbdesk_blanks_stay():
    text, removed = strip_markup('<span style="color:red">重点</span>{{ site.name }}提示&nbsp;您好{{客户称呼}}<!-- x -->'
                                 '{{ 订单号 }}按 <Enter> 键')
    assert text == "重点提示\xa0您好{{客户称呼}}{{ 订单号 }}按 <Enter> 键"
    assert len(removed) == 5


def test_repeated_paragraphs_and_title_lines():
    text = ("客户服务规范\n本规范用于提升客户满意度和服务质量的统一要求。\n一、电话礼仪\n接听电话要及时。\n"
            "二、在线礼仪\n本规范用于提升客户满意度和服务质量的统一要求。\n感谢您的来电，祝您愉快！\n"
            "三、结束语\n感谢您的来电，祝您愉快！")
    kept, removed = strip_repetition(text, "客户服务规范")
    assert kept.startswith("一、电话礼仪")  # the title line and the summary repeated later go
    assert kept.count("本规范用于提升") == 1 and kept.count("感谢您的来电") == 2  # short closings stay
    assert removed == ["客户服务规范", "本规范用于提升客户满意度和服务质量的统一要求。"]


def test_forms_of_whitespace_and_punctuation():
    text, changed = normalise_forms("您好,请问\u3000有什么可以帮您?\n\n\n\n客?服  电话:12345  \n  - 缩进保留")
    assert text == "您好，请问 有什么可以帮您？\n\n客?服 电话:12345\n  - 缩进保留"
    assert changed


def test_decoding_short_chinese_texts_in_their_encodings():
    for encoding, text in (("gbk", "退款" * 5), ("gbk", "请在三声内接听电话"), ("big5", "退款多久到帳"),
                           ("gb18030", "客户服务规范：接听电话时要使用礼貌用语。")):
        decoded, _ = decode(text.encode(encoding))
        assert decoded == text, encoding
    assert decode("统一码".encode("utf-16"))[0] == "统一码"
    assert decode(b"\xef\xbb\xbfUTF-8 \xe5\xb8\xa6\xe7\xad\xbe\xe5\x90\x8d")[0] == "UTF-8 带签名"
    page = '<meta charset="gbk"><p>退款</p>'.encode("gbk")
    assert declared_charset(page) == "gb18030" and decode(page, declared_charset(page))[0].endswith("退款</p>")
    with pytest.raises(UndecidableEncoding):
        decode(bytes(range(256)) * 4)


def test_a_table_typed_with_spaces_becomes_a_markdown_table_not_headings():
    text = ("各支付方式的到账时间如下：\n\n支付方式            预计到账时间\n账户余额 / 礼品卡    即时到账\n"
            "信用卡\t7-15个工作日，退至信用卡额度\n\n注：节假日顺延。")
    tidy, _ = normalise_forms(text)
    assert "| 支付方式 | 预计到账时间 |\n| --- | --- |\n| 账户余额 / 礼品卡 | 即时到账 |" in tidy
    assert "| 信用卡 | 7-15个工作日，退至信用卡额度 |" in tidy
    structured = to_markdown(tidy)
    assert structured.headings == []  # no row is taken for a heading
    assert "| 账户余额 / 礼品卡 | 即时到账 |\n| 信用卡 |" in structured.markdown  # rows stay one table
    assert "注：节假日顺延。" in structured.markdown


def test_a_numbered_heading_above_a_table_typed_with_spaces_stays_a_heading():
    text = "第三条  班次设置\n早班　　8:00—16:30（含用餐30分钟）\n中班　　12:00—20:30（含用餐30分钟）\n\n第四条  排班发布\n每月25日前发布下月排班。"
    tidy, _ = normalise_forms(text)
    structured = to_markdown(tidy)
    assert structured.headings == ["班次设置", "排班发布"]
    assert "| 早班 | 8:00—16:30（含用餐30分钟） |\n| --- | --- |\n| 中班 |" in structured.markdown
    # a table whose rows are numbered keeps its header
    tidy, _ = normalise_forms("序号  姓名  职务\n1   张三   组长\n2   李四   坐席")
    assert tidy.startswith("| 序号 | 姓名 | 职务 |\n| --- |")


# A help-centre page saved whole: the site's header and menu on every page,
# a table of contents, and a subject (积分, 会员) that a sharing site's terms
# also name.
HELP_PAGES = "\n".join([
    "乐享生活 会员积分商城 | 帮助中心",
    "首页  |  积分商城  |  我的积分  |  兑换记录  |  联系客服  |  登录/注册",
    "目录",
    "◆ 积分多久过期？",
    "◆ 积分倍率",
    "",
    *[line for n, (head, body) in enumerate([
        ("◆ 积分多久过期？", "每年获得的积分在次年年底过期，过期的积分不能恢复。"),
        ("◆ 积分倍率", "会员等级越高，购物返积分的倍率越高，金卡会员按一点五倍返积分。"),
        ("◆ 兑换的会员卡能退吗？", "虚拟会员卡兑换后不能退，积分也不退回。"),
        ("◆ 积分被冻结了怎么办？", "积分冻结一般七天内自动解除，会员急用时客服可以提交申诉工单。"),
    ]) for line in ["————————————", "乐享生活 会员积分商城 | 帮助中心",
                    "首页  |  积分商城  |  我的积分  |  兑换记录  |  联系客服  |  登录/注册",
                    "", head, "", body, "会员积分只能本人使用，不能转给别人，也不能兑换现金。",
                    f"这篇文章对您有帮助吗？  有帮助({n + 3})   没帮助(1)"]],
    "————————————",
    "关于我们 | 会员协议 | 隐私政策 | 联系客服",
])


def test_a_help_centre_saved_page_by_page_keeps_every_answer_and_loses_its_chrome(rules):
    cleaned = clean(HELP_PAGES, rules, file_name="help.txt")
    for answer in ("次年年底过期", "一点五倍返积分", "虚拟会员卡兑换后不能退", "七天内自动解除"):
        assert answer in cleaned.text  # the lines about 积分 after a separator are no site's terms
    assert cleaned.text.count("乐享生活 会员积分商城") == 1  # each page's header goes, the title stays
    assert "首页" not in cleaned.text and "对您有帮助吗" not in cleaned.text and "关于我们" not in cleaned.text
    structured = to_markdown(cleaned.text)
    # the table of contents is a list; each question is a heading once, without its marker
    assert structured.headings.count("积分多久过期？") == 1 and structured.headings.count("积分倍率") == 1
    assert "- 积分多久过期？\n- 积分倍率" in structured.markdown
    assert "积分被冻结了怎么办？" in structured.headings


def test_clauses_titles_and_bracketed_numbered_titles_are_headings():
    text = "\n".join([
        "第一条 客户信息分级", "客户信息按敏感程度分为三级。",
        "第二条 截图、拍照与记录", "1. 禁止用手机拍摄电脑屏幕。", "2. 截图只能用系统自带的工具。",
        "第三条 录音与聊天记录的保存和调取", "1. 通话录音一般保存十二个月。",
        "5. 收费标准（超出免费范围的部分）", "额外收费必须先向客户出示收费标准并说明原因。",
        "投诉编号（系统生成）", "受理时间 / 受理渠道 / 受理人工号 / 客户姓名",
        "◆ 外呼时段与频次", "· 工作日九点到二十点外呼。", "· 同一客户每月不超过两次。",
    ])
    structured = to_markdown(text)
    assert "## 截图、拍照与记录" in structured.markdown  # clauses are the top level without chapters
    assert "## 录音与聊天记录的保存和调取" in structured.markdown
    assert "收费标准（超出免费范围的部分）" in structured.headings
    assert "投诉编号（系统生成）" not in structured.headings  # a form's field, not a title
    assert "### 外呼时段与频次" in structured.markdown and "- 工作日九点到二十点外呼。" in structured.markdown


def test_printed_page_numbers_go_and_a_sentence_with_pages_stays(rules):
    text = "\n".join(["第3页 共9页", "- 4 -", "Page 5 of 9", "共9页 第6页", "客户来电催促时，在工单详情页点击催办。",
                      "第2页第3条所列情形除外。"])
    kept, removed = strip_boilerplate(text, rules, file_name="手册.txt")
    assert kept.split("\n") == ["客户来电催促时，在工单详情页点击催办。", "第2页第3条所列情形除外。"]
    assert len(removed) == 4
