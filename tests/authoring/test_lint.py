
from kbdesk.authoring.lint import LintRules, has_errors, lint_text
from kbdesk.authoring.textdiff import render_inline, word_diff
from kbdesk.content.placeholders import PlaceholderSpec
from tests.conftest import REPO

SPECS = {"客户称呼": PlaceholderSpec("客户称呼", default="您"), "工号": PlaceholderSpec("工号", profile=True),
         "订单号": PlaceholderSpec("订单号")}


def rules(tmp_path, text):
    (tmp_path / ".kbdesk").mkdir(exist_ok=True)
    (tmp_path / ".kbdesk" / "lint.yaml").write_text(text, encoding="utf-8")
    return LintRules.load(tmp_path)


def script(body, tags="[问候]"):
    return f"---\ntitle: 测试\nkind: script\ntags: {tags}\n---\n{body}\n"


def by_rule(findings):
    return {f.rule: f for f in findings}


def test_taboo_phrases_are_errors_with_position_and_suggestion(tmp_path):
    r = rules(tmp_path, "taboo_phrases:\n  - {phrase: 不知道, suggest: 我帮您确认}\n  - 没办法\n")
    text = script("您好，这个我不知道，也没办法。")
    findings = [f for f in lint_text(text, "scripts/t.md", r, SPECS) if f.rule == "taboo"]
    assert [text[f.offset:f.offset + f.length] for f in findings] == ["不知道", "没办法"]
    assert "我帮您确认" in findings[0].message and findings[0].line == 6
    assert has_errors(findings)


def test_traditional_taboo_is_caught_and_quoted_mentions_are_not(tmp_path):
    r = rules(tmp_path, "taboo_phrases: [没办法]\n")
    assert any(f.rule == "taboo" for f in lint_text(script("您好，我們沒辦法。"), "s.md", r, SPECS))
    assert not any(f.rule == "taboo" for f in lint_text(script("您好，不要说“没办法”。"), "s.md", r, SPECS))


def test_taboo_applies_to_scripts_only_by_default(tmp_path):
    r = rules(tmp_path, "taboo_phrases: [不知道]\n")
    standard = "---\nkind: standard\n---\n忌语举例：不知道。\n"
    assert not lint_text(standard, "standards/x.md", r, SPECS)


def test_placeholder_checks(tmp_path):
    r = LintRules()
    findings = lint_text(script("您好{{客户称呼}}，工号{{工号}}，订单{{订单号}}，{{未知}}，{{坏的"), "s.md", r, SPECS)
    rules_found = [(f.rule, f.level) for f in findings]
    assert ("placeholder", "error") in rules_found  # unknown and malformed
    assert sum(1 for f in findings if f.rule == "placeholder") == 2
    no_default = [f.message for f in findings if f.rule == "placeholder-default"]
    assert len(no_default) == 2 and any("订单号" in m for m in no_default)  # 未知 too; 工号 comes from the profile


def test_length_mixed_script_greeting_and_closing(tmp_path):
    r = rules(tmp_path, """
chat_message_limit: 20
require_greeting: {kinds: [script], tags: [问候], patterns: [您好]}
require_closing: {kinds: [script], tags: [问候], patterns: [再见]}
""")
    findings = by_rule(lint_text(script("請問有什么可以帮您？这段话很长很长很长很长很长很长。"), "s.md", r, SPECS))
    assert {"length", "mixed-script", "greeting", "closing"} <= set(findings)
    assert all(f.level == "warning" for f in findings.values())
    ok = by_rule(lint_text(script("{{客户称呼|您}}好，再见。"), "s.md", r, SPECS))
    assert not {"greeting", "closing", "mixed-script", "length"} & set(ok)
    # a mid-conversation reply (no opening tag) needs neither
    mid = by_rule(lint_text(script("退款已受理。", tags="[退款]"), "s.md", r, SPECS))
    assert not {"greeting", "closing"} & set(mid)


def test_broken_front_matter_is_one_error(tmp_path):
    findings = lint_text("---\ntitle: [x\n---\n", "s.md", LintRules(), SPECS)
    assert [(f.rule, f.level) for f in findings] == [("front-matter", "error")]


def test_sample_content_has_no_lint_errors():
    from kbdesk.content.placeholders import load_placeholder_specs
    from kbdesk.content.store import ContentStore

    store = ContentStore(REPO / "content")
    r = LintRules.load(store.root)
    specs = load_placeholder_specs(store.settings_dir / "placeholders.yaml")
    assert r.taboo and r.greeting and r.closing
    for article in store.load_all().articles:
        text = (store.root / article.path).read_text(encoding="utf-8-sig")
        errors = [f for f in lint_text(text, article.path, r, specs) if f.level == "error"]
        assert not errors, (article.path, errors)


def test_word_diff_of_chinese_marks_words():
    ops = word_diff("请您耐心等待三个工作日。", "请您耐心等待五个工作日。")
    assert [(o.op, o.old, o.new) for o in ops if o.op != "equal"] == [("replace", "三个", "五个")]
    assert render_inline(ops) == "请您耐心等待[-三个-]{+五个+}工作日。"


def test_one_blank_with_two_defaults_is_an_error():
    text = script("## 一\n\n{{客户称呼|您}}，{{时限|1～3个工作日}}内到账。\n\n## 二\n\n{{客户称呼|您}}，{{时限|3个工作日}}后再查。\n")
    found = [f for f in lint_text(text, "s.md", LintRules()) if f.rule == "placeholder-defaults"]
    assert len(found) == 1 and found[0].level == "error"
    assert "1～3个工作日" in found[0].message and "3个工作日" in found[0].message
    assert text[found[0].offset:found[0].offset + found[0].length] == "{{时限|3个工作日}}"


def test_customer_text_reading_like_a_note_is_flagged_and_notes_are_not():
    text = script("## 开场\n\n您好，结果会告诉您（不承诺结果）。\n\n## 注意\n\n- 不承诺结果。\n")
    found = [f for f in lint_text(text, "s.md", LintRules()) if f.rule == "internal-note"]
    assert len(found) == 1 and found[0].level == "warning"
    assert text[found[0].offset:].startswith("您好，结果会告诉您（不承诺结果）")
