from kbdesk.content.placeholders import Placeholder, fill, find_placeholders, malformed_placeholders, unfilled

SCRIPT = "{{客户称呼|您}}好，我是{{坐席姓名}}，工号 {{ 工号 }}。订单{{订单号}}已处理，{{客户称呼}}请放心。"


def test_finds_each_placeholder_once_in_order_with_defaults():
    assert find_placeholders(SCRIPT) == [
        Placeholder("客户称呼", "您"),
        Placeholder("坐席姓名", None),
        Placeholder("工号", None),
        Placeholder("订单号", None),
    ]


def test_fill_uses_values_then_defaults_and_keeps_missing_blanks_visible():
    text = fill(SCRIPT, {"坐席姓名": "小王", "工号": "8123"})
    assert text == "您好，我是小王，工号 8123。订单{{订单号}}已处理，您请放心。"
    assert unfilled(SCRIPT, {"坐席姓名": "小王", "工号": "8123"}) == ["订单号"]


def test_fill_can_drop_missing_blanks():
    assert fill("编号{{订单号}}。", {}, keep_missing=False) == "编号。"


def test_empty_default_fills_with_nothing():
    assert fill("备注：{{备注|}}完", {}) == "备注：完"


def test_malformed_placeholders_are_reported_with_line():
    text = "第一行 {{客户称呼}}\n第二行 {{订单号 没有关上\n第三行 {{}}"
    found = malformed_placeholders(text)
    assert [line for line, _ in found] == [2, 3]
