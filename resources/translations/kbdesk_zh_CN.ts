<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FillDialog</name>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="159" />
        <source>Still blank: {names}</source>
        <translation>尚未填写：{names}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="164" />
        <source>Fill in the blanks</source>
        <translation>填写话术空白</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="166" />
        <source>Copy (Ctrl+Enter)</source>
        <translation>复制（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="167" />
        <source>Enter moves to the next field; Enter on the last field or Ctrl+Enter copies. Your name and staff number can be saved in Preferences.</source>
        <translation>回车跳到下一项；在最后一项回车或按 Ctrl+Enter 复制。姓名和工号可在“设置”中保存。</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="29" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="30" />
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="31" />
        <source>FAQ</source>
        <translation>FAQ</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="32" />
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="33" />
        <source>Article</source>
        <translation>文章</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="202" />
        <source>Link not opened: {url}</source>
        <translation>未打开链接：{url}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="320" />
        <source>Search failed: {error}</source>
        <translation>搜索出错：{error}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="321" />
        <source>Search failed</source>
        <translation>搜索出错</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="326" />
        <source>Preparing the search index…</source>
        <translation>正在准备搜索索引…</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="327" />
        <source>Results appear as soon as it is ready. You can keep typing.</source>
        <translation>索引就绪后立即显示结果，可以继续输入。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="331" />
        <source>No article has every word; showing articles with some of them.</source>
        <translation>没有文章包含全部关键词，以下为部分匹配的结果。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="333" />
        <source>{n} results</source>
        <translation>{n} 条结果</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="335" />
        <source>filter: {filters}</source>
        <translation>筛选：{filters}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="339" />
        <source>Try a shorter or different word (退款 instead of 退款多久到账).</source>
        <translation>换个说法或用更短的词（如“退款”而不是“退款多久到账”）。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="340" />
        <source>Pinyin works too: full (tuikuan) or initials (tk).</source>
        <translation>也可以用拼音：全拼（tuikuan）或首字母（tk）。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="342" />
        <source>Remove the filter ({filters}) — it may hide the answer.</source>
        <translation>去掉筛选条件（{filters}），答案可能被筛掉了。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="344" />
        <source>Nothing found for “{query}”</source>
        <translation>没有找到“{query}”</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="356" />
        <source>Favourites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="359" />
        <source>Recently copied</source>
        <translation>最近复制</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="364" />
        <source>Type to search the knowledge base</source>
        <translation>输入关键词搜索知识库</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="365" />
        <source>Chinese (Simplified or Traditional), pinyin such as tuikuan or tk, or terms like APP, VIP.
↓ ↑ choose · Enter copies · Esc clears · Ctrl+K comes back here
Ctrl+D pins an article to your favourites.</source>
        <translation>支持简体、繁体中文，拼音（如 tuikuan、tk）和英文词（如 APP、VIP）。
↓ ↑ 选择 · 回车复制 · Esc 清空 · Ctrl+K 随时回到搜索框
Ctrl+D 把文章加入收藏。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="427" />
        <source>Cannot copy: {reason}</source>
        <translation>无法复制：{reason}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="432" />
        <source>Not copied: “{title}” is not approved.</source>
        <translation>未复制：“{title}”尚未审核通过。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="474" />
        <source>Copied “{title}” — paste it with Ctrl+V.</source>
        <translation>已复制“{title}”，按 Ctrl+V 粘贴。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="476" />
        <source>Still blank: {names}</source>
        <translation>尚未填写：{names}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="497" />
        <source>Added “{title}” to favourites.</source>
        <translation>已收藏“{title}”。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="498" />
        <source>Removed “{title}” from favourites.</source>
        <translation>已取消收藏“{title}”。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="535" />
        <source>Indexing {n}/{total}</source>
        <translation>正在建立索引 {n}/{total}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="551" />
        <source>The search index could not be updated: {error}</source>
        <translation>搜索索引更新失败：{error}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="582" />
        <source>{n} file(s) could not be read: {names}</source>
        <translation>{n} 个文件无法读取：{names}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="594" />
        <source>{n} articles</source>
        <translation>共 {n} 篇文章</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/main_window.py" line="661" />
        <source>kbdesk — knowledge base</source>
        <translation>kbdesk 客服知识库</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="226" />
        <source>Preferences</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="227" />
        <source>My details (filled into reply scripts)</source>
        <translation>我的信息（自动填入话术）</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="228" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="229" />
        <source>Content folder</source>
        <translation>知识库文件夹</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/dialogs.py" line="230" />
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="232" />
        <source>This article cannot be shown: {reason}</source>
        <translation>无法显示这篇文章：{reason}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="246" />
        <source>Copy this part</source>
        <translation>复制本段</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="329" />
        <source>updated {date}</source>
        <translation>更新于 {date}</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="335" />
        <source>Not approved ({status}): do not use this wording with customers.</source>
        <translation>未审核通过（{status}）：请勿对客户使用此内容。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="338" />
        <source>Review overdue since {date}: check with your lead before relying on it.</source>
        <translation>已过复核日期 {date}：内容可能过时，使用前请与主管确认。</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="344" />
        <source>Back (Alt+Left)</source>
        <translation>后退（Alt+←）</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="345" />
        <source>Forward (Alt+Right)</source>
        <translation>前进（Alt+→）</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="346" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="347" />
        <source>Copy this article (Enter in the search field copies the selected result)</source>
        <translation>复制这篇文章（在搜索框按回车复制选中的结果）</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="348" />
        <source>Remove from favourites (Ctrl+D)</source>
        <translation>取消收藏（Ctrl+D）</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/preview.py" line="349" />
        <source>Add to favourites (Ctrl+D)</source>
        <translation>收藏（Ctrl+D）</translation>
    </message>
</context>
<context>
    <name>ResultDelegate</name>
    <message>
        <location filename="../../kbdesk/ui/results.py" line="282" />
        <source>Review due</source>
        <translation>待复核</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/results.py" line="298" />
        <source>copied {n}×</source>
        <translation>已复制 {n} 次</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="227" />
        <source>Search: Chinese, pinyin (tk, tuikuan) or English terms — Enter copies</source>
        <translation>搜索：中文、拼音（tk、tuikuan）或英文词，回车复制</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="229" />
        <source>Preferences</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="232" />
        <source>Show only this kind (Alt+{n})</source>
        <translation>只看此类（Alt+{n}）</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="233" />
        <source>All categories</source>
        <translation>所有分类</translation>
    </message>
    <message>
        <location filename="../../kbdesk/ui/search_bar.py" line="234" />
        <source>All tags</source>
        <translation>所有标签</translation>
    </message>
</context>
</TS>
