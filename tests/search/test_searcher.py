import textwrap

import numpy as np
import pytest

from kbdesk import textforms
from kbdesk.content.store import ContentStore
from kbdesk.search.analysis import Segmenter
from kbdesk.search.index import SearchIndex
from kbdesk.search.query import MAX_QUERY_CHARS, Synonyms, asked_value, parse_query
from kbdesk.search.results import make_snippet
from kbdesk.search.searcher import Searcher
from tests.conftest import write


@pytest.fixture
def searcher(content, tmp_path):
    write(content, "faq/game-rules.md", """
        ---
        id: faq-game-rules
        title: 游戏规则说明
        kind: faq
        category: 彩票业务
        tags: [规则, 玩法]
        ---
        每注金额为 2 元。投注截止时间为开赛前 10 分钟。
        """)
    write(content, "faq/hk-game.md", """
        ---
        id: faq-hk-game
        title: 遊戲兌獎須知
        kind: faq
        category: 港澳台客服
        tags: [兌獎]
        ---
        中獎後請於 60 天內憑有效證件兌獎。
        """)
    write(content, ".kbdesk/synonyms.txt", "久等 等太久 等了很久\n")
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    s = Searcher(index)
    yield s
    s.close()


def ids(searcher, query, **kw):
    return [h.id for h in searcher.search(query, **kw).hits]


@pytest.mark.parametrize("query, expected", [
    ("問題 退款", "faq-refund-timeline"),          # Traditional query, Simplified article
    ("帐号登录", "faq-hk-account"),               # Simplified query, Traditional (Taiwan) article
    ("账号登入", "faq-hk-account"),
    ("遊戲規則", "faq-game-rules"),
    ("游戏兑奖", "faq-hk-game"),
])
def test_traditional_and_simplified_find_each_other(searcher, query, expected):
    assert expected in ids(searcher, query)[:2]


def test_domain_terms_are_found_whole(searcher):
    assert ids(searcher, "足彩") == ["faq-lottery-draw"]
    assert ids(searcher, "工单")[0] == "faq-refund-timeline"


def test_bigrams_find_text_segmented_differently(searcher):
    # 款原 is no word; only the bigram field knows it sits in "退款审核通过后原路退回"
    assert ids(searcher, "原路退回") == ["faq-refund-timeline"]
    assert ids(searcher, "审核通过后原路") == ["faq-refund-timeline"]


@pytest.mark.parametrize("query", ["tuikuan", "tui kuan", "tk", "TuiKuan", "tuik"])
def test_pinyin_full_spaced_initials_and_prefix(searcher, query):
    assert ids(searcher, query)[0] == "faq-refund-timeline"


def test_latin_terms_numbers_and_a_typo(searcher):
    assert ids(searcher, "5W1H") == ["standards/notes"]
    assert ids(searcher, "5w1h 记录") == ["standards/notes"]
    assert "faq-refund-timeline" in ids(searcher, "APP 余额")
    assert ids(searcher, "5W1G") == ["standards/notes"]  # one letter off
    assert ids(searcher, "ＡＰＰ 余额") == ids(searcher, "app 余额")  # full-width input


def test_all_words_must_match_before_falling_back_to_any(searcher):
    strict = searcher.search("退款 足彩")
    assert strict.relaxed and {h.id for h in strict.hits} >= {"faq-refund-timeline", "faq-lottery-draw"}
    exact = searcher.search("足彩 开奖")
    assert not exact.relaxed and [h.id for h in exact.hits] == ["faq-lottery-draw"]


def test_words_found_nowhere_leave_the_others_to_match(content, tmp_path):
    write(content, "standards/leave.md", """
        ---
        id: std-leave
        title: 大促期间的排班
        kind: standard
        ---
        大促前两周停止休假，已批准的年休顺延。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 苹果 is in no article; 年休 (not in the dictionary) alone would not be insisted on
    assert [c.optional for c in searcher.parse("苹果年休").concepts] == [False, True]
    found = searcher.search("苹果年休")
    assert [h.id for h in found.hits] == ["std-leave"] and found.relaxed
    searcher.close()


def test_quotes_make_a_phrase(searcher):
    assert ids(searcher, '"原路退回"') == ["faq-refund-timeline"]
    assert ids(searcher, '"退回原路"') == []


def test_synonyms_expand_at_query_time(searcher, content):
    # "等太久" is never written in the draft; its synonym 久等 is.
    assert ids(searcher, "等太久", statuses=["draft"]) == ["script-draft-apology"]


def test_natural_question_drops_question_words(searcher):
    assert ids(searcher, "足彩什么时候开奖呢？")[0] == "faq-lottery-draw"
    # a pair the segmenter guessed around a question word is two characters (要接 → 接)
    assert [c.text for c in searcher.parse("电话响几声要接").concepts][-1] == "接"
    assert "费" in [c.text for c in searcher.parse("VIP费能退吗").concepts]
    # a question of three characters is taken out whole (能不能: not 能 / 不能)
    assert [c.text for c in searcher.parse("能不能只回客户一句呵呵").concepts if not c.optional] == ["一句", "呵呵"]
    assert [c.text for c in searcher.parse("是不是要收费").concepts] == ["收费"]
    # a pair it knows stays (原路)
    assert [c.text for c in searcher.parse("原路退回").concepts] == ["原路", "退回"]


def test_agents_see_approved_only_and_retired_never(searcher):
    assert ids(searcher, "问候") == ["script-greeting"]
    assert ids(searcher, "久等") == []
    assert ids(searcher, "久等", statuses=["draft", "review", "approved"]) == ["script-draft-apology"]
    assert "script-old-greeting" not in ids(searcher, "问候", statuses=["draft", "review", "approved", "retired"])


def test_filters_by_kind_category_and_tag(searcher):
    assert ids(searcher, "开奖", kinds=["script"]) == []
    assert ids(searcher, "开奖", kinds=["faq"]) == ["faq-lottery-draw"]
    assert set(ids(searcher, "app", categories=["彩票业务"])) == {"faq-lottery-draw"}
    assert ids(searcher, "退款", tags=["到账"]) == ["faq-refund-timeline"]


def test_results_carry_fields_and_a_marked_snippet_of_the_matching_sentence(searcher):
    hit = searcher.search("工单").hits[0]
    assert (hit.id, hit.title, hit.kind, hit.category, hit.status, hit.path) == (
        "faq-refund-timeline", "退款多久能到账？", "faq", "退款与退货", "approved", "faq/refund-timeline.md")
    assert hit.score > 0
    # the sentence with 工单, not the article's opening
    assert hit.snippet.text.startswith("如果超过 7 天仍未到账")
    assert hit.snippet.html().count("<mark>工单</mark>") == 1


def test_snippet_marks_traditional_text_for_a_simplified_query(searcher):
    hit = searcher.search("兑奖证件").hits[0]
    assert "有效<mark>證件兌獎</mark>。" in hit.snippet.html()


@pytest.mark.parametrize("query", ["", "   ", "？！，。", "的了吗", "\"\""])
def test_empty_blank_or_punctuation_queries_return_nothing(searcher, query):
    result = searcher.search(query)
    assert result.hits == [] and result.total == 0


def test_very_long_query_is_cut_not_refused(searcher):
    result = searcher.search("足彩" + "开奖" * 5000)
    assert [h.id for h in result.hits] == ["faq-lottery-draw"]
    parsed = parse_query("字" * (MAX_QUERY_CHARS * 3), Segmenter(None))
    assert sum(len(c.text) for c in parsed.concepts) <= MAX_QUERY_CHARS


def test_first_character_typed_already_finds(searcher):
    assert "faq-refund-timeline" in ids(searcher, "退")


def test_snippet_falls_back_to_opening_and_cuts_long_sentences():
    assert make_snippet("第一句。第二句。", ["没有"]).text == "第一句。"
    long = "甲" * 300 + "退款" + "乙" * 300 + "。"
    s = make_snippet(long, ["退款"], max_chars=60)
    assert len(s.text) <= 62 and s.text[s.spans[0][0]:s.spans[0][1]] == "退款"


def test_synonyms_file_format(tmp_path):
    f = tmp_path / "synonyms.txt"
    f.write_text("# comment\n退款, 退钱 退費\n\n单个\n", encoding="utf-8")
    syn = Synonyms.from_file(f)
    assert set(syn.forms("退钱")) == {"退钱", "退款", "退费"}
    assert syn.forms("单个") == ("单个",)


def test_agents_get_articles_in_the_script_they_type(content, tmp_path):
    body = "密码忘记后可用短信验证码重设。"
    write(content, "faq/pw.md", f"---\nid: faq-pw\ntitle: 忘记密码怎么办\n---\n{body}\n")
    write(content, "faq/pw-hk.md", "---\nid: faq-pw-hk\ntitle: 忘記密碼怎麼辦\n---\n密碼忘記後可用簡訊驗證碼重設。\n")
    index = SearchIndex(ContentStore(content), tmp_path / "ix2")
    index.update()
    s = Searcher(index)
    assert ids(s, "忘记密码")[:2] == ["faq-pw", "faq-pw-hk"]
    assert ids(s, "忘記密碼")[:2] == ["faq-pw-hk", "faq-pw"]
    assert ids(s, "wjmm")[0] == "faq-pw"  # no script typed: Simplified first


def test_asking_how_to_say_something_prefers_reply_scripts(content, tmp_path):
    write(content, "faq/wait.md", "---\nid: faq-wait\ntitle: 排队等待时间说明\nkind: faq\n---\n高峰期排队等待时间较长。\n")
    write(content, "scripts/wait.md", "---\nid: script-wait\ntitle: 排队安抚\nkind: script\n---\n很抱歉让您排队等待。\n")
    index = SearchIndex(ContentStore(content), tmp_path / "ix3")
    index.update()
    s = Searcher(index)
    assert ids(s, "排队等待")[0] == "faq-wait"
    assert ids(s, "排队等待怎么回复")[0] == "script-wait"


def test_boost_reorders_results(searcher):
    plain = ids(searcher, "app")
    assert len(plain) >= 2
    favourite = searcher.search("app").hits[-1].path
    boosted = searcher.search("app", boost=lambda path: 100.0 if path == favourite else 1.0)
    assert boosted.hits[0].path == favourite


def test_a_rare_synonym_never_outranks_the_word_typed(content, tmp_path):
    write(content, ".kbdesk/synonyms.txt", "退款 退钱\n")
    write(content, "faq/cancel.md", "---\nid: faq-cancel\ntitle: 比赛取消怎么算\n---\n串关不会单独退钱。\n")
    index = SearchIndex(ContentStore(content), tmp_path / "ix4")
    index.update()
    s = Searcher(index)
    ranked = ids(s, "退款")
    assert ranked[0] == "faq-refund-timeline" and ranked[-1] == "faq-cancel"  # found, but last


def test_filters_that_exclude_everything_return_nothing(searcher):
    assert ids(searcher, "客服", categories=["退款与退货"], kinds=["standard"]) == []
    assert ids(searcher, "客服", tags=["没有这个标签"]) == []


def test_facet_counts_per_kind_category_and_tag(searcher):
    facets = searcher.facet_counts("客服")
    assert facets.total == 4  # 港澳台客服 matches 客服 too
    assert facets.kinds == {"faq": 3, "script": 1}
    assert facets.categories == {"港澳台客服": 2, "退款与退货": 1, "在线客服": 1}
    assert facets.tags["问候"] == 1
    drafts = searcher.facet_counts("久等", statuses=["draft"])
    assert drafts.kinds == {"script": 1} and searcher.facet_counts("久等").total == 0
    assert searcher.facet_counts("").total == 0


def _note(root, name, body):
    write(root, f"faq/{name}.md", f"---\nid: {name}\ntitle: 说明{name}\n---\n{body}\n")


def test_a_searcher_kept_open_sees_deletions_edits_and_merges(tmp_path):
    # As in the window: one Searcher for the session, each update by a new SearchIndex.
    from kbdesk.search.segment_writer import MERGE_FACTOR

    root, ix_dir = tmp_path / "content", tmp_path / "ix"
    for i in range(5):
        _note(root, f"a{i}", f"发票 编号X{i}")
    update = lambda: SearchIndex(ContentStore(root), ix_dir).update()  # noqa: E731
    update()
    searcher = Searcher(SearchIndex(ContentStore(root), ix_dir))
    found = lambda: sorted(h.id for h in searcher.search("发票", limit=50).hits)  # noqa: E731
    assert found() == ["a0", "a1", "a2", "a3", "a4"]
    (root / "faq/a1.md").unlink()
    _note(root, "a2", "发票 改过的说明")
    update()
    assert found() == ["a0", "a2", "a3", "a4"]  # a1 gone, a2 once
    assert [h.snippet.text for h in searcher.search("改过").hits] == ["发票 改过的说明"]
    for i in range(MERGE_FACTOR):
        _note(root, f"e{i}", f"发票 新增{i}")
        update()
    assert SearchIndex(ContentStore(root), ix_dir).merge_segments()
    expected = sorted(["a0", "a2", "a3", "a4"] + [f"e{i}" for i in range(MERGE_FACTOR)])
    assert found() == expected  # nothing twice after the merge
    results = searcher.search("发票", limit=50)
    assert results.total == len(expected) == searcher.facet_counts("发票").total


def test_an_index_without_articles_finds_nothing_without_error(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    index = SearchIndex(ContentStore(root), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    for _ in range(2):  # the second search reuses what the first opened
        assert searcher.search("退款").hits == []
    assert searcher.facet_counts("退款").total == 0


def test_snippets_show_a_blank_as_its_default_or_name_never_as_syntax():
    snippet = make_snippet("{{客户称呼|您}}好，订单 {{订单号}} 已退款成功。", ["退款"])
    assert snippet.text == "您好，订单 订单号 已退款成功。"
    assert [snippet.text[s:e] for s, e in snippet.blanks] == ["您", "订单号"]
    assert [snippet.text[s:e] for s, e in snippet.spans] == ["退款"]
    assert snippet.html() == "<ins>您</ins>好，订单 <ins>订单号</ins> 已<mark>退款</mark>成功。"
    assert "{{" not in make_snippet("很长" * 80 + "{{订单号}}退款。", ["退款"]).text


def test_a_word_found_nowhere_is_looked_for_in_its_shorter_words(content, tmp_path):
    write(content, "standards/meal.md", """
        ---
        id: std-meal
        title: 排班与休息
        kind: standard
        ---
        每班次安排一次用餐，用餐时间为三十分钟，由组长错峰安排。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 午餐时间 is written nowhere; 时间 is, beside 用餐. 多长 and 为啥 only ask.
    assert [c.text for c in searcher.parse("午餐时间多长").concepts if not c.optional] == ["午餐时间"]
    assert "为啥" not in [c.text for c in searcher.parse("为啥用餐时间这么短").concepts]
    assert "std-meal" in [h.id for h in searcher.search("午餐时间多长").hits[:3]]
    # (吃饭 is a synonym of 用餐: found as such)
    assert "std-meal" == searcher.search("吃饭时间多长").hits[0].id
    searcher.close()


def test_the_passage_shown_is_no_note_for_agents_only(tmp_path):
    import shutil

    from tests.conftest import SAMPLE_CONTENT

    shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")
    index = SearchIndex(ContentStore(tmp_path / "content"), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 坐席提示 of 忘记密码怎么办 holds the same words; what answers the customer is a method of the FAQ
    hit = searcher.search("wangji mima").hits[0]
    assert hit.title.startswith("忘记密码怎么办") and hit.section and "坐席提示" not in hit.section
    searcher.close()


def _standard(content, path: str, article_id: str, title: str, body: str) -> None:
    write(content, path, f"---\nid: {article_id}\ntitle: {title}\nkind: standard\n---\n{textwrap.dedent(body)}")


def test_a_count_is_found_in_digits_or_numerals(content, tmp_path):
    _standard(content, "standards/leave.md", "std-leave", "假期审批权限", """
        请假1天以内由组长审批；1天以上至3天（含）由客服主管审批；3天以上由部门经理审批。
        """)
    _standard(content, "standards/ring.md", "std-ring", "接听要求", """
        来电振铃三声之内必须接起。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 三天 typed, 3天 written (the index keeps 3天 as one term)
    assert "std-leave" in [h.id for h in searcher.search("请三天假谁批").hits[:3]]
    assert "3天" in searcher.parse("三天").concepts[0].forms
    # and the other way round: 3声 typed, 三声 written
    assert [c.text for c in searcher.parse("振铃3声").concepts] == ["振铃", "3声"]
    assert "std-ring" == searcher.search("振铃3声").hits[0].id
    assert [c.text for c in searcher.parse("上了3节课").concepts if not c.optional] == ["3节"]
    # 十分 means very, not ten minutes
    assert searcher.parse("十分满意").concepts[0].forms == ("十分满意",)
    # single characters are no word together (假谁批 was looked for as one)
    assert "假谁批" not in [c.text for c in searcher.parse("请三天假谁批").concepts]
    searcher.close()


def test_pinyin_finds_words_of_the_body_and_marks_them(content, tmp_path):
    _standard(content, "standards/levels.md", "std-levels", "投诉分级", """
        涉及金额五千元以上或媒体介入的，定为重大投诉，两小时内报告主管。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 重大 is in no title, tag or heading: its pinyin is not indexed, the body's words are read so
    hit = searcher.search("zhongda tousu").hits[0]
    assert hit.id == "std-levels"
    assert "重大" in "".join(hit.snippet.text[s:e] for s, e in hit.snippet.spans)
    # typed without spaces: cut into the readings of words of the index (重大 | 投诉)
    assert searcher.search("zhongdatousu").hits[0].id == "std-levels"
    assert [len(c.readings) for c in searcher._with_body_words(searcher.parse("zhongdatousu")).concepts] == [2]
    # an edit's new words are read too (a new segment)
    _standard(content, "standards/night.md", "std-night", "值班安排", """
        凌晨由值班主管接听紧急来电。
        """)
    index.update()
    assert searcher.search("lingchen").hits[0].id == "std-night"
    # English stays English: no word of the index reads as refund
    assert searcher.search("refund").hits[0].id == "faq-refund-timeline"
    searcher.close()


def test_a_longer_word_keeps_the_synonym_inside_it_if_a_text_has_it(content, tmp_path):
    _standard(content, "standards/vip.md", "std-vip", "会员说明", """
        ## 会员等级

        会员分为普通会员和优享会员，会员权益按等级发放。

        ## 会员费可以退吗

        开通后7天内未使用任何权益的，会员费可全额退回原支付账户。
        """)
    _standard(content, "standards/meal.md", "std-meal", "排班与休息", """
        每个班次可用餐一次，用餐时间不超过三十分钟，须在系统中置为小休。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 会员 is a synonym entry (vip, member), 会员费 a word of the dictionary and of the text:
    # the query keeps 会员费 whole, with 会员 and its synonyms as forms
    concept = searcher.parse("会员费能退吗").concepts[0]
    assert concept.text == "会员费" and {"会员", "vip"} <= set(concept.forms)
    # a word made of an entry and another word is cut apart: each is insisted on
    assert [c.text for c in searcher.parse("忘记密码").concepts] == ["忘记", "密码"]
    assert [c.text for c in searcher.parse("投诉受理").concepts] == ["投诉", "受理"]
    hit = searcher.search("会员费能退吗").hits[0]
    assert (hit.id, hit.section[-1]) == ("std-vip", "会员费可以退吗")
    # 吃饭时间 is in no text: the synonym entry is cut out (吃饭 → 用餐) and 时间 stays a word
    assert [c.text for c in searcher._with_body_words(searcher.parse("吃饭时间多长")).concepts][:2] == ["吃饭", "时间"]
    assert searcher.search("吃饭时间多长").hits[0].id == "std-meal"
    searcher.close()


@pytest.mark.parametrize("question, value, other", [
    ("夜班几点下班", "夜班22:00—次日8:00", "夜班由两人值守"),
    ("退款多久到账", "审核后3个工作日内到账", "退款到账后短信通知"),
    ("年卡多少钱", "年卡198元，季卡58元", "年卡可随时开通"),
    ("电话响几声要接", "铃响三声之内接起", "电话铃响要及时接起"),
    ("一个月最多排几个夜班", "每人每月不超过6个夜班", "夜班排班表每月发布"),
])
def test_a_question_asks_for_a_kind_of_value(question, value, other):
    asked = asked_value(question)
    assert asked is not None and asked.values.search(textforms.normalize(value))
    assert not asked.values.search(textforms.normalize(other))


def test_cantonese_question_words_ask_as_their_mandarin_ones(searcher):
    # 幾耐 how long, 點講 how to say, 咗 a particle, 爛咗 broken (Hong Kong agents type them)
    assert asked_value("失物留幾耐").named_in("失物保管期限")
    assert searcher.parse("缺貨時應該點講").wants_script
    assert "坏了" in searcher.parse("個篋爛咗").concepts[-1].forms
    assert "咗" not in [c.text for c in searcher.parse("唔見咗 咗").concepts]


def test_no_value_is_asked_for_by_a_plain_query():
    assert asked_value("退款到账") is None and asked_value("投诉升级流程") is None


def test_the_section_that_holds_the_value_asked_for_answers(content, tmp_path):
    _standard(content, "standards/shift.md", "std-shift", "值班管理制度", """
        ## 夜班职责

        夜班坐席负责夜间来电接听、紧急工单处理和系统巡检，夜班结束前填写交接记录，夜班期间不得离岗。

        ## 班次设置

        早班8:00—16:30，中班12:00—20:30，夜班22:00—次日8:00。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 几点 asks for a time: the section with the hours, not the one that says 夜班 most
    assert searcher.search("夜班几点到几点").hits[0].section[-1] == "班次设置"
    searcher.close()


def test_the_section_whose_heading_names_the_value_asked_for_answers(content, tmp_path):
    _standard(content, "standards/incident.md", "std-incident", "突发事件应急预案", """
        ## 报送流程

        突发事件由值班组长上报客服主管，主管十分钟内判断突发事件级别后上报部门负责人，重大突发事件同步上报公关部，并在工单系统登记编号。

        ## 报告时限

        突发事件一级立即上报，二级两小时内书面上报，三级当天下班前上报。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 多久 asks for a duration; the heading 报告时限 names one (both hold one, the other says more)
    assert asked_value("突发事件多久要上报").named_in("报告时限")
    assert searcher.search("突发事件多久要上报").hits[0].section[-1] == "报告时限"
    searcher.close()


def test_a_pair_found_nowhere_is_looked_for_the_other_way_round(content, tmp_path):
    _standard(content, "standards/sick.md", "std-sick", "病假与返园", """
        普通发热的幼儿须退烧满48小时、精神良好方可返园，返园时交健康承诺书。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # the parent says 烧退了 (the fever went down), the text 退烧
    assert "退烧" in searcher._with_body_words(searcher.parse("烧退")).concepts[0].forms
    assert searcher.search("烧退了哪天能回来").hits[0].id == "std-sick"
    searcher.close()


def test_the_last_resort_takes_a_pair_across_words_rather_than_nothing(content, tmp_path):
    _standard(content, "standards/triage.md", "std-triage", "急诊分诊", """
        幼犬呕吐、血便、精神萎靡的，疑似犬细小，直接走隔离通道，不进普通候诊区。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # no word of 狗拉血便走哪个门 is in any text; only the pair 血便 (across 狗拉血 | 便走) is
    assert [h.id for h in searcher.search("狗拉血便走哪个门").hits] == ["std-triage"]
    searcher.close()


def test_a_typo_of_a_homophone_finds_the_word_meant(content, tmp_path):
    _standard(content, "standards/cancel.md", "std-cancel", "退号与改约", """
        退号须在就诊前一天18:00前办理，当天不能电话退号，可到窗口申请。截止时间后挂号费不退，组长也不能破例。
        """)
    _standard(content, "standards/return-car.md", "std-return", "异地还车", """
        跨城市还车按两地距离收费，同城不同门店还车免费。
        """)
    _standard(content, "standards/night.md", "std-evening", "夜间服务", """
        晚上十点以后的来电转到值班组，晚上的留言次日九点前回复。网上留言同样处理。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 结止 is in no text; 截止 reads the same (jiezhi): the input method's other candidate
    assert searcher.search("退号结止时间").hits[0].id == "std-cancel"
    assert "截止" in searcher._with_body_words(searcher.parse("结止")).concepts[0].forms
    # a longer run cut wrongly around the typo: two of its characters (租长 → 组长)
    assert "组长" in searcher._with_body_words(searcher.parse("升租长")).concepts[0].forms
    # 还 of 还车 is huan, though pypinyin reads 还 alone as hai
    assert searcher.search("huanche").hits[0].id == "std-return"
    assert searcher.search("mendianhuanche").hits[0].id == "std-return"
    # and a typo of it (环车, huanche too) finds it, though 换车 reads so the usual way
    assert "还车" in searcher._with_body_words(searcher.parse("环车")).concepts[0].forms
    # a word the dictionary knows is corrected only to an exact homophone: 晚间 does not
    # become 网上 or 完善 (wang, wan shan: only sounding like it)
    forms = searcher._with_body_words(searcher.parse("晚间")).concepts[0].forms
    assert forms[0] == "晚间" and "网上" not in forms
    # a word some text has is never corrected
    assert searcher._with_body_words(searcher.parse("退号")).concepts[0].forms == ("退号",)
    # nor one the dictionary knows: 离职 or 故事 that no text has are no typos of 位置 or 事故
    _standard(content, "standards/site.md", "std-site", "事故现场", "记录事故位置和经过。")
    index.update()
    for word in ("离职", "故事"):
        assert searcher._with_body_words(searcher.parse(word)).concepts[0].forms == (word,)
    # a result found through a correction is a partial match: the list says so
    assert searcher.search("退号结止时间").relaxed
    assert not searcher.search("退号截止时间").relaxed
    searcher.close()


def test_a_character_typed_alone_counts_where_a_heading_has_it(content, tmp_path):
    _standard(content, "standards/course.md", "std-course", "课程服务说明", """
        ## 开课时间

        每周一、三、五晚上开课，每节课四十分钟，课前十分钟可进入教室。

        ## 课程退费

        购买七天内且已上课不超过两节的，可申请全额付款返还；超过的按剩余课时比例计算。
        """)
    _standard(content, "standards/lost.md", "std-lost", "快递丢件处理", """
        确认丢件的，全额赔付，可退可换。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)

    # 全额 is the only word; 退 typed alone scores where a heading (课程退费) has it,
    # not where only the text does (可退可换: in texts a character is everywhere)
    searcher.search("全额退吗")
    matches = searcher._matches(searcher.parse("全额退吗"))
    whoosh = searcher._whoosh_searcher()
    lifted = {(whoosh.stored_fields(d)["id"], whoosh.stored_fields(d)["heading"])
              for d in np.flatnonzero(matches.optional > 0)}
    assert {(i, h) for i, h in lifted if i in ("std-course", "std-lost")} == {("std-course", "课程退费")}
    assert ("faq-refund-timeline", "") in lifted  # (退款多久能到账？: a title has it too)
    searcher.close()


def test_when_no_word_is_found_anywhere_the_characters_are_looked_for(content, tmp_path):
    write(content, "faq/breakdown.md", """
        ---
        id: faq-breakdown
        title: 租车常见问题
        kind: faq
        ---
        ## 车辆在路上坏了怎么办？

        请先开启双闪并把车停到安全位置，再拨打救援电话，救援免费。
        """)
    index = SearchIndex(ContentStore(content), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    # 半路 and 抛锚 are nowhere: 车 and 路 of the heading are, as a bigram search would find them
    results = searcher.search("车半路抛锚了")
    assert results.relaxed and results.hits[0].id == "faq-breakdown"
    assert results.hits[0].section == ["车辆在路上坏了怎么办？"]
    # two characters are too few to guess from (账 and 退 are both in the title 退款多久能到账？)
    assert searcher.search("账退").hits == []
    searcher.close()
