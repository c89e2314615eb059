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
    # a question asked in a section belongs to it, beside its clauses
    assert headings == [(), ("接听时限",), ("记录", "5W1H"), ("记录", "客户一直不出声怎么办？")]


def test_questions_belong_to_their_section_and_what_follows_them_does_not():
    body = "\n".join(["一、接听", "铃响三声内接起，超过五声先致歉。", "附件1：常见问题",
                      "问：客户一直不出声怎么办？", "答：先询问三次再结束通话。",
                      "问：客户骂人怎么办？", "答：先安抚，再提醒文明用语。",
                      "附件2：典型案例（脱敏）", "案例一：大促零点系统卡顿",
                      "零点下单高峰导致支付页面卡顿约四十分钟，值班主管判定三级。"])
    headings = [p.heading for p in outline("电话规范", body).passages]
    assert ("附件1：常见问题", "客户骂人怎么办？") in headings
    assert ("附件2：典型案例（脱敏）", "案例一：大促零点系统卡顿") in headings  # not under the last question


def test_questions_under_a_bracketed_heading_stay_in_its_section():
    body = "\n".join(["【接送规定】", "问：爷爷奶奶临时来接可以吗？", "答：家长须当天15:00前打电话给班主任说明。",
                      "【收费与退费】", "问：请假可以退伙食费吗？", "答：连续请假满5个工作日的按实际天数退还。"])
    headings = [p.heading for p in outline("家长热线问答", body).passages]
    assert headings == [("接送规定", "爷爷奶奶临时来接可以吗？"), ("收费与退费", "请假可以退伙食费吗？")]


def test_table_rows_paths_and_lead_in_points_are_no_headings():
    body = "\n".join([
        "收费标准", "以下为本学期的收费项目，按学期预收，次月多退少补。",
        "项目\t金额\t收取方式", "伙食费\t18元/天\t按月预收，次月多退少补",
        "发票开具", "路径：我的 > 订单 > 开发票", "支持开具增值税电子普通发票，个人和企业抬头均可，企业抬头需填写税号。",
        "捌、缴款与逾期", "一、缴款截止日为结账日后15天，最低应缴金额为当期消费的一成。",
        "二、未于截止日前缴足最低应缴金额者，收取违约金：", "连续逾期第1期：新台币300元", "连续逾期第2期：新台币400元",
    ])
    headings = {h for p in outline("帮助中心", body).passages for h in p.heading}
    assert headings == {"收费标准", "发票开具", "缴款与逾期"}


def test_traditional_clauses_and_bilingual_titles_are_headings():
    body = "\n".join([
        "第三章  行李服務", "第十一條  行李寄存", "行李寄存櫃位設於入境大堂及離港大堂，24小時開放，每件每日收費港幣八十元。",
        "第 9 頁，共 11 頁",
        "4. 私人預約 Private Appointment", "Prestige或以上顧客可預約私人時段，預約須最少提前48小時並由店舖經理批准。",
        "5. 貨品預留 Product Reservation", "Tier\t一般貨品預留時間\t限量款", "Elite\t5天\t2天",
    ])
    headings = [p.heading for p in outline("服務標準", body).passages]
    assert [h[-1] for h in headings] == ["行李寄存", "私人預約 Private Appointment", "貨品預留 Product Reservation"]
    assert headings[0] == ("第三章  行李服務", "行李寄存")


def test_questions_right_under_a_heading_are_inside_it_even_below_a_title_line():
    body = "\n".join([
        "匯通寶 說明中心", "使用匯通寶匯款前，須先完成手機號碼註冊及身分驗證，驗證流程如下：",
        "  1. App首頁點選「立即驗證」", "  2. 拍攝證件正反面",
        "  3. 送出後1–3個營業日內以簡訊通知審核結果", "驗證未通過常見原因：照片反光模糊、證件過期、姓名與證件不一致。",
        "【到帳時間】", "Q：匯款後多久會到帳？", "A：東南亞銀行帳戶1–2個營業日。",
        "Q：付款方式會影響到帳時間嗎？", "A：以本公司確認收到款項的時間起算。",
    ])
    headings = [p.heading for p in outline("說明中心", body).passages]
    # the last of a list of steps, its paragraph below it, is no title
    assert not any("送出後1–3個營業日內以簡訊通知審核結果" in h for h in headings)
    assert headings[-2:] == [("匯通寶 說明中心", "到帳時間", "匯款後多久會到帳？"),
                             ("匯通寶 說明中心", "到帳時間", "付款方式會影響到帳時間嗎？")]


def test_a_numbered_title_with_a_colon_is_a_heading_an_english_sentence_is_none():
    body = "\n".join(["一、适用范围：", "本规范适用于热线及在线坐席的全部服务场景。",
                      "二、服务时间：", "热线每天8:00至22:00，在线客服全天。",
                      "Refunds usually take three to five working days",
                      "This depends on the bank that issued the card and on the day of the week."])
    headings = [p.heading for p in outline("服务规范", body).passages]
    assert headings == [("适用范围：",), ("服务时间：",)]


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


def test_a_first_heading_that_restates_part_of_the_title_heads_no_passage():
    from kbdesk.content.outline import outline

    shape = outline("退款多久到帳？（港澳台客戶）", "# 退款多久到帳？\n\n原路退回。\n\n## 相關\n\n見下。\n")
    assert [p.heading for p in shape.passages] == [(), ("相關",)]
    longer = outline("员工手册", "# 员工手册 第一章\n\n总则。\n")
    assert [p.heading for p in longer.passages] == [("员工手册 第一章",)]


def test_the_words_of_links_to_other_articles_are_not_this_articles():
    from kbdesk.content.article import parse_article
    from kbdesk.search.schema import article_documents

    article = parse_article("faq/vip.md", (
        "---\nid: faq-vip\ntitle: 会员权益\n---\n## 权益\n\n会员每月领券。退款到账时间见 [退款多久能到账](refund-timeline.md)。\n"
        "\n## 相关\n\n- [退款多久能到账](refund-timeline.md)\n- [帮助中心](https://example.com/help)\n").encode())
    documents = article_documents(article)
    assert [d["heading"] for d in documents] == ["权益", "相关"]  # (the list of links keeps a web link)
    words = " ".join(documents[0]["words"]) if isinstance(documents[0]["words"], list) else str(documents[0]["words"])
    assert "多久" not in words and "会员" in words
    assert "退款多久能到账" in documents[0]["text"]  # the snippet still shows the link


def test_a_banner_between_rules_does_not_hide_the_plain_headings():
    # Pasted as it is: ===== under the banner makes Markdown read the banner as a heading.
    body = "\n".join(["===============", "星河客服中心  服务规范  第2页", "===============", "",
                      "一、接听时限", "电话铃响三声之内必须接起，超过五声先致歉。", "",
                      "二、通话保持", "保持通话前征得客户同意，每隔三十秒回到线上说明进度。", "",
                      "---------------", "星河客服中心  服务规范  第3页", "---------------", "",
                      "三、结束通话", "确认客户没有其他问题后，等客户先挂机。"])
    headings = [p.heading for p in outline("服务规范", body).passages]
    assert ("接听时限",) in headings and ("通话保持",) in headings and ("结束通话",) in headings
    assert not any("第2页" in "".join(h) or "=" in "".join(h) for h in headings)


def test_numbered_lines_that_markdown_reads_as_a_list_can_be_the_headings():
    body = ("本页内容\n\n1. 七天无理由退货\n2. 不支持无理由退货的商品\n\n1. 七天无理由退货\n\n"
            "自签收之日起七天内可以申请无理由退货，商品需保持完好，配件齐全。\n\n2. 不支持无理由退货的商品\n\n"
            "内衣、定制商品和已拆封的食品不支持无理由退货。\n\n退货步骤：\n\n1. 提交申请\n2. 寄回商品\n")
    headings = [p.heading for p in outline("退货政策", body).passages]
    assert ("七天无理由退货",) in headings and ("不支持无理由退货的商品",) in headings
    assert ("提交申请",) not in headings  # points of a list stay points


def test_a_numbered_heading_right_under_a_numbered_point_starts_its_section():
    # To Markdown, （二）… right under "2. …" is more of that point (a lazy continuation line).
    body = ("一、大促答复口径\n（一）预售定金\n1. 定金在预售期内支付。\n2. 未付尾款的，定金不退。\n"
            "（二）价格保护（价保）\n1. 签收后7天内降价的，可申请退差价。\n2. 秒杀商品不支持价保。\n")
    passages = outline("大促方案", body).passages
    assert [p.heading for p in passages] == [("大促答复口径", "预售定金"), ("大促答复口径", "价格保护（价保）")]
    assert "退差价" in passages[1].text and "退差价" not in passages[0].text
    assert body.split("\n")[passages[1].line].startswith("（二）")


def test_printed_page_numbers_left_in_a_pasted_text_are_no_headings():
    body = ("一、工单优先级\n燃气泄漏类工单为最高优先级，2小时内上门。\n第3页 共9页\n"
            "其余工单按报修先后排队，由系统依次派出，24小时内上门。\n\n二、派单规则\n系统按网点距离和负荷自动派单。\n")
    passages = outline("工单手册", body).passages
    assert [p.heading for p in passages] == [("工单优先级",), ("派单规则",)]
    assert "24小时内上门" in passages[0].text and "第3页" not in passages[0].text


def test_numbers_followed_by_spaces_are_numbered_headings_and_table_rows_are_not():
    # Word's outline numbering pasted as text: "4   派单规则"
    body = ("3   新建报修工单\n在来电弹屏中输入客户手机号，调出客户档案后填写故障描述。\n\n"
            "4   派单规则\n系统根据客户地址自动匹配服务网点并派单，网点须在2小时内接单。\n\n"
            "级别  处理人\n1   组长   当日\n2   主管   三个工作日内给出处理意见\n")
    headings = [p.heading for p in outline("工单手册", body).passages]
    assert headings == [("新建报修工单",), ("派单规则",)]


def test_a_numbered_heading_with_its_text_on_the_next_line_is_a_heading():
    # "9. 晋升通道" and its text right below: to Markdown, one point of two lines
    body = ("8. 培训要求\n新员工入职后参加10个工作日的岗前培训，考核合格后上岗。\n\n"
            "9. 晋升通道\n晋升高级坐席需满足：入职满12个月，最近6个月考核至少4个月为A。\n")
    passages = outline("岗位说明书", body).passages
    assert [p.heading for p in passages] == [("培训要求",), ("晋升通道",)]
    assert passages[1].text.startswith("晋升高级坐席需满足")


def test_a_label_and_its_value_is_no_heading():
    body = ("三、优享VIP价格与开通\n月卡：15元/月\n季卡：40元/季\n年卡：148元/年（大促期间可能有折扣，以开通页价格为准）\n"
            "开通路径：我的 > 会员中心 > 开通优享VIP，支持微信和支付宝。\n")
    assert [p.heading for p in outline("会员规则", body).passages] == [("优享VIP价格与开通",)]


def test_a_bracketed_number_before_a_title_is_a_chapter():
    body = "【一】会员体系说明\n会员分为普通会员和优享VIP两类。\n\n【二】优享VIP价格\n月卡15元，年卡148元。\n"
    assert [p.heading for p in outline("会员规则", body).passages] == [("会员体系说明",), ("优享VIP价格",)]


def _wrapped(text: str, width: int) -> str:
    """*text* cut into lines of *width* characters, as a PDF's text layer or an old e-mail has it."""
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def test_a_text_wrapped_at_a_fixed_width_is_read_as_paragraphs():
    first = ("用户报修后，装维人员须在两小时内电话联系用户预约上门时间，无人接听的间隔三十分钟再拨，"
             "共拨三次仍联系不上的发送短信并在工单中备注，城区新装宽带须在受理后四十八小时内装通，"
             "乡镇地区须在七十二小时内装通，用户主动约定更晚时间的以约定为准。")
    second = ("装维人员上门须穿工装、戴工牌，入户前敲门并自我介绍，入户时穿鞋套，工具放在自备的工具垫上，"
              "离开时清理线头碎屑，不得接受用户的吃请和礼品，不得随意翻看用户物品，以保障用户权益。")
    body = f"第一条  预约时限\n{_wrapped(first, 20)}\n\n第二条  入户礼仪\n{_wrapped(second, 20)}\n"
    passages = outline("装机上门服务规范", body).passages
    assert [p.heading for p in passages] == [("预约时限",), ("入户礼仪",)]
    # the words a line end cut (装 | 通, 保 | 障) are whole again
    assert passages[0].text == first and passages[1].text == second


def test_lines_typed_one_by_one_and_table_rows_stay_lines():
    rows = "\n".join(f"早班{n}号线路受理咨询业务  08:00—16:00  全业务受理、完工回访" for n in range(10))
    items = "\n".join(f"客户第{n}次来电时坐席须先核实身份再办理业务" for n in range(10))  # all one length, no wrap
    text = outline("排班", f"{rows}\n\n{items}\n").passages[0].text
    assert text.count("\n") >= 19
