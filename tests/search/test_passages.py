"""Search by passage: long articles found by the section that answers,
partial matches ranked after full ones, and the forms of a word agents type
(English, pinyin of any word, look-alike characters)."""

import pytest

from kbdesk.content.store import ContentStore
from kbdesk.search.index import SearchIndex
from kbdesk.search.searcher import Searcher
from tests.conftest import write

FILLER = "本段说明坐席在日常工作中应当遵守的一般要求，具体以各组的排班和培训安排为准。" * 4


@pytest.fixture
def kb(tmp_path):
    root = tmp_path / "kb"
    sections = [("仪容仪表", "上班须穿工装，佩戴工作牌于左胸前。"), ("考勤", "迟到一次扣两分，早退同样处理。"),
                ("电话礼仪", "电话铃声响三声之内必须接起，超过五声先向客户致歉。"), ("结束通话", "让客户先挂机。")]
    body = "\n\n".join(f"## {h}\n\n{FILLER}\n\n{t}\n\n{FILLER}" for h, t in sections)
    write(root, "standards/service.md", f"---\nid: std-service\ntitle: 客服部服务标准\nkind: standard\n"
                                        f"status: approved\n---\n# 客服部服务标准\n\n{body}\n")
    for n in range(3):  # short articles that mention the words once
        write(root, f"faq/short-{n}.md", f"---\nid: faq-short-{n}\ntitle: 来电须知{n}\nstatus: approved\n---\n"
                                         f"接听电话时保持微笑。\n")
    write(root, "faq/refund.md", "---\nid: faq-refund\ntitle: 退款多久到账\nstatus: approved\n---\n原路退回。\n")
    write(root, "faq/common.md", "---\nid: faq-common\ntitle: 登录常见问题\nstatus: approved\n---\n清除缓存后重试。\n")
    write(root, "standards/notes.md", "---\nid: std-notes\ntitle: 来电记录要求\nstatus: approved\n---\n"
                                      "按 5W1H 记录每一通来电。\n")
    index = SearchIndex(ContentStore(root), tmp_path / "ix")
    assert not index.update().problems
    searcher = Searcher(index)
    yield root, index, searcher
    searcher.close()


def test_a_long_document_is_found_by_the_section_that_answers(kb):
    _root, _index, searcher = kb
    hits = searcher.search("电话铃响几声要接", limit=5).hits
    assert hits[0].id == "std-service"
    assert hits[0].section == ["电话礼仪"]
    assert hits[0].where == "客服部服务标准 › 电话礼仪"
    assert "三声之内" in hits[0].snippet.text  # the passage's best sentence, not the opening


def test_the_hit_says_where_its_passage_starts(kb):
    root, _index, searcher = kb
    hit = searcher.search("迟到早退", limit=1).hits[0]
    lines = (root / "standards/service.md").read_text(encoding="utf-8").split("\n---\n", 1)[1].split("\n")
    assert hit.section == ["考勤"] and lines[hit.line] == "## 考勤"


def test_articles_that_match_most_words_follow_those_that_match_all(kb):
    _root, _index, searcher = kb
    results = searcher.search("电话 微笑 工作牌", limit=10)
    found = [h.id for h in results.hits]
    # no article has all three words; those with two come before those with one, and all are listed
    assert results.relaxed
    assert set(found[:4]) == {"std-service", "faq-short-0", "faq-short-1", "faq-short-2"}
    assert results.hits[0].matched < 1.0


def test_english_terms_find_the_chinese_words(kb):
    _root, _index, searcher = kb
    assert [h.id for h in searcher.search("refund").hits] == ["faq-refund"]
    assert searcher.search("login").hits[0].id == "faq-common"


def test_pinyin_of_any_word_of_a_title(kb):
    _root, _index, searcher = kb
    # 常见问题 is one word to the segmenter; its 问题 still has pinyin
    assert searcher.search("wenti").hits[0].id == "faq-common"


def test_look_alike_characters_in_a_code_count_as_a_typo(kb):
    _root, _index, searcher = kb
    assert searcher.search("5WIH").hits[0].id == "std-notes"
    assert searcher.search("5wlh").hits[0].id == "std-notes"


def test_updating_named_paths_does_not_look_at_the_rest(kb):
    root, index, searcher = kb
    write(root, "faq/refund.md", "---\nid: faq-refund\ntitle: 退款多久到账\nstatus: approved\n---\n退到支付宝余额。\n")
    write(root, "faq/other.md", "---\nid: faq-other\ntitle: 发票\nstatus: approved\n---\n支付宝开票。\n")
    result = index.update(paths=["faq/refund.md"])
    assert result.changed == ["faq/refund.md"] and not result.added  # faq/other.md was not named
    assert [h.id for h in searcher.search("支付宝").hits] == ["faq-refund"]
    assert index.update().added == ["faq/other.md"]  # a full look finds it
    (root / "faq/other.md").unlink()
    assert index.update(paths=["faq/other.md"]).removed == ["faq/other.md"]


def test_filter_counts_count_articles_not_passages(kb):
    _root, index, searcher = kb
    assert index.passage_count() > index.doc_count() == 7
    assert searcher.all_facets().total == 7
    # the long standard matches in several passages and is counted once, as search counts it
    results = searcher.search("电话", limit=20)
    assert searcher.facet_counts("电话").total == results.total == len(results.hits) == 5  # 来电 is a synonym


def test_a_word_that_only_says_no_is_not_insisted_on(tmp_path):
    """没有端口装不了: 没有 (no, not) is in many titles; 端口 is what the agent asks about."""
    root = tmp_path / "kb"
    write(root, "standards/install.md", "---\nid: std-install\ntitle: 宽带装机规范\nstatus: approved\n---\n"
                                        f"## 预约\n\n{FILLER}\n\n## 资源不足\n\n{FILLER}上门后发现楼道分光器"
                                        f"无可用端口的，须当场告知用户并在工单中申请扩容。{FILLER}\n\n## 验收\n\n{FILLER}\n")
    for n, title in enumerate(["没有收到验证码怎么办", "孩子没有身份证怎么买票", "为什么没有积分"]):
        write(root, f"faq/no-{n}.md", f"---\nid: faq-no-{n}\ntitle: {title}\nstatus: approved\n---\n"
                                      f"## {title}\n\n请稍后重试，仍然没有的请联系客服，处理不了的转人工。\n")
    index = SearchIndex(ContentStore(root), tmp_path / "ix")
    index.update()
    searcher = Searcher(index)
    assert searcher.search("沒有端口裝不了", limit=3).hits[0].id == "std-install"
    searcher.close()
