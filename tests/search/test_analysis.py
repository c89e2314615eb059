from kbdesk.search import analysis
from kbdesk.search.analysis import (
    Segmenter,
    bigram_terms,
    bigrams_of,
    latin_terms,
    pinyin_terms,
    pinyin_tokens,
    word_terms,
)


def test_domain_dictionary_keeps_terms_whole(tmp_path):
    plain = Segmenter(None).words("请走快赔通流程")
    assert "快赔通" not in plain
    d = tmp_path / "dict.txt"
    d.write_text("快赔通 5000 n\n", encoding="utf-8")
    assert "快赔通" in Segmenter(d).words("请走快赔通流程")


def test_word_terms_cut_chinese_and_keep_latin_words():
    terms = word_terms([("客户的APP登录不了，请按5W1H记录", 1.0)])
    assert {"客户", "app", "登录", "5w1h", "记录"} <= set(terms.weights)
    assert "的" not in terms.weights  # stop word


def test_word_terms_weigh_sections_and_count_length():
    terms = word_terms([("退款", 3.0), ("退款 客户", 1.0)])
    assert terms.weights["退款"] == 4.0  # 3 from the title, 1 from the body
    assert terms.weights["客户"] == 1.0
    assert terms.length == 3  # tokens, whatever their weight


def test_search_mode_indexes_sub_words_of_long_words():
    terms = word_terms([("中华人民共和国", 1.0)])
    assert {"中华", "人民", "共和国", "中华人民共和国"} <= set(terms.weights)


def test_bigram_pinyin_and_latin_terms_are_counted():
    sections = [("退款退款", 1.0), ("铃声响", 0.5)]
    grams = bigram_terms(sections, word_terms(sections))
    # the words (退款, 铃声) are not repeated as bigrams; what lies across them is
    assert grams.weights == {"款退": 1.0, "声响": 0.5} and grams.length == 2
    assert {"tuikuan", "tk"} <= set(pinyin_terms(["退款", "物流"]).weights)
    latin = latin_terms("ＡＰＰ闪退，订单D20260511 app")
    assert latin.weights == {"app": 2, "d20260511": 1} and latin.length == 3


def test_bigrams_overlap_and_latin_stays_whole():
    assert [t for t, _, _ in bigrams_of("退款申请 app 好")] == ["退款", "款申", "申请", "app", "好"]


def test_pinyin_tokens_give_full_initials_syllables_and_tails():
    tokens = set(pinyin_tokens("客户忘记密码", Segmenter(None)))
    assert {"kehu", "kh", "wangji", "mima", "mm", "wang", "ji"} <= tokens
    # the rest of the phrase from each word: prefix queries find 忘记密码 inside the title
    assert {"wangjimima", "wjmm", "kehuwangjimima", "khwjmm"} <= tokens


def test_pinyin_of_the_words_inside_a_long_word():
    # 常见问题 is one word to the segmenter: wenti must still find it
    tokens = set(pinyin_tokens("常见问题解答", Segmenter(None)))
    assert {"wenti", "wt", "changjian"} <= tokens


def test_dictionary_signature_changes_with_content(tmp_path):
    d = tmp_path / "dict.txt"
    d.write_text("足彩 10 n\n", encoding="utf-8")
    first = analysis.dictionary_signature(d)
    d.write_text("足彩 10 n\n回访 10 v\n", encoding="utf-8")
    assert analysis.dictionary_signature(d) != first
    assert analysis.dictionary_signature(None) == "none"


def test_folder_readings_correct_pinyin_and_change_the_dictionary_signature(tmp_path):
    d = tmp_path / "dict.txt"
    d.write_text("足彩 10 n\n", encoding="utf-8")
    before = analysis.dictionary_signature(d)
    assert analysis.Segmenter(d).syllables("重置") == ("zhong", "zhi")  # the library alone gets it wrong
    (tmp_path / "pinyin.txt").write_text("# comment\n重置 chong zhi\n模板 mo ban\nbroken line\n还款 huan\n",
                                         encoding="utf-8")
    seg = analysis.Segmenter(d)
    assert seg.syllables("重置") == ("chong", "zhi") and seg.syllables("模板") == ("mo", "ban")
    assert seg.syllables("还款") != ("huan",)  # one syllable for two characters: ignored
    assert {"chongzhimima", "czmm"} <= set(pinyin_tokens("重置密码", seg))
    assert analysis.dictionary_signature(d) != before  # so the index is rebuilt with the new readings


def test_phrases_read_as_pypinyins_whole_table_does_with_a_tenth_of_it():
    """kbdesk loads only the phrases whose reading differs from their
    characters' (tools/pinyin_phrases.py); a fresh process shows the rest
    read as before and the memory it saves."""
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}  # (set by kbdesk once it read pinyin)
    code = ("import sys, json\n"
            "words = ['银行', '重庆', '中国银行', '长度', '行业', '音乐', '快递员', '退款到账']\n"
            "if sys.argv[1] == 'full':\n"
            "    from pypinyin import lazy_pinyin\n"
            "else:\n"
            "    from kbdesk import textforms; lazy_pinyin = textforms.pypinyin().lazy_pinyin\n"
            "readings = [lazy_pinyin(w) for w in words]\n"
            "rss = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS')) / 1024\n"
            "print(json.dumps([readings, rss]))\n")
    full, reduced = (json.loads(subprocess.run([sys.executable, "-c", code, mode], capture_output=True, text=True,
                                               env=env, check=True).stdout) for mode in ("full", "reduced"))
    assert reduced[0] == full[0] and reduced[0][0] == ["yin", "hang"] and reduced[0][1] == ["chong", "qing"]
    assert reduced[1] < full[1] - 25  # MB
