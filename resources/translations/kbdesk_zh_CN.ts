<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ArticlePicker</name>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="392" />
            <source>Open an article</source>
            <translation>打开文章</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="393" />
            <source>Filter by title or file name</source>
            <translation>按标题或文件名筛选</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="172" />
            <source>The article changed on disk</source>
            <translation>文章已在磁盘上被修改</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="173" />
            <source>“{title}” was changed by someone else</source>
            <translation>“{title}”已被他人修改</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="175" />
            <source>The file was deleted or moved since you opened it. Keep yours to write it again, or cancel.</source>
            <translation>打开之后，文件已被删除或移走。可以保留你的版本重新写入，或取消。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="180" />
            <source>Since you opened it, the file on disk was saved by someone else (another lead, or another program). Saving now would replace their change.</source>
            <translation>你打开之后，磁盘上的文件已被他人（其他主管或其他程序）保存。现在保存会覆盖他们的修改。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="182" />
            <source>Red, struck through: only in the version on disk.  Green: only in yours.</source>
            <translation>红色删除线：只在磁盘上的版本中。绿色：只在你的版本中。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="183" />
            <source>Take theirs (reload)</source>
            <translation>采用对方的（重新载入）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="184" />
            <source>Keep mine (overwrite)</source>
            <translation>保留我的（覆盖）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="185" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>DiffView</name>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="103" />
            <source>The two versions have the same text.</source>
            <translation>两个版本的文字相同。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="105" />
            <source>{removed} character(s) removed (red), {added} added (green)</source>
            <translation>删除 {removed} 个字（红色），新增 {added} 个字（绿色）</translation>
        </message>
    </context>
    <context>
        <name>Editor</name>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="78" />
            <source>The team file .kbdesk/team.yaml cannot be read, so nobody counts as a lead: {error}</source>
            <translation>无法读取团队文件 .kbdesk/team.yaml，因此没有人被视为主管：{error}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="81" />
            <source>This content folder lists no leads (.kbdesk/team.yaml), so it is read-only.</source>
            <translation>这个内容文件夹没有列出主管（.kbdesk/team.yaml），因此只读。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="82" />
            <source>You are signed in as {name} &lt;{email}&gt;, an agent here: only the leads listed in .kbdesk/team.yaml may edit, approve, restore or retire.</source>
            <translation>你当前的身份是 {name} &lt;{email}&gt;，在这里是坐席：只有 .kbdesk/team.yaml 中列出的主管可以编辑、批准、恢复或停用。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="91" />
            <source>Two-person rule: you wrote the last change to this wording, so another lead must approve it.</source>
            <translation>双人审核规则：这段文字的最后一次修改是你做的，需要由另一位主管批准。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="93" />
            <source>Errors found by the checks block approval. Fix the errors in the check panel, save, and try again.</source>
            <translation>检查发现的错误会阻止批准。请先修正检查面板中的错误，保存后再试。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="95" />
            <source>The file has changes that are not saved as a version yet. Save it first.</source>
            <translation>文件有尚未保存为版本的修改，请先保存。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="97" />
            <source>Only articles in review can be approved: submit it for review first.</source>
            <translation>只有审核中的文章才能批准：请先提交审核。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="99" />
            <source>This article is already in review.</source>
            <translation>这篇文章已在审核中。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="100" />
            <source>This article is already retired.</source>
            <translation>这篇文章已停用。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="101" />
            <source>This article is retired: restore a version first.</source>
            <translation>这篇文章已停用：请先恢复一个版本。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="102" />
            <source>Only the leads listed in .kbdesk/team.yaml may do this.</source>
            <translation>只有 .kbdesk/team.yaml 中列出的主管可以这样做。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="103" />
            <source>Not saved: the front matter cannot be read. Fix it in the source.</source>
            <translation>未保存：无法读取文件头（front matter），请在源文本中修正。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="104" />
            <source>Another lead approved something at the same moment. Try again.</source>
            <translation>另一位主管刚好同时批准了内容，请再试一次。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1153" />
            <source>Not allowed</source>
            <translation>不允许</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1169" />
            <source>Not created</source>
            <translation>未创建</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1186" />
            <source>New script {title}</source>
            <translation>新建话术 {title}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1202" />
            <source>Unsaved edits found</source>
            <translation>发现未保存的编辑</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1203" />
            <source>The editor closed unexpectedly with unsaved changes to:
{names}

Open them in the editor to restore or discard them?</source>
            <translation>编辑器意外关闭，以下文章有未保存的修改：
{names}

要在编辑器中打开，选择恢复或丢弃吗？</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1206" />
            <source>Open in the editor</source>
            <translation>在编辑器中打开</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1207" />
            <source>Later</source>
            <translation>稍后</translation>
        </message>
    </context>
    <context>
        <name>EditorWindow</name>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="321" />
            <source>Links are not followed in the editor's preview: {url}</source>
            <translation>编辑器的预览中不打开链接：{url}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="386" />
            <source>Line {line}, column {column}</source>
            <translation>第 {line} 行，第 {column} 列</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="405" />
            <source>Cannot open the article</source>
            <translation>无法打开文章</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="427" />
            <source>Reloaded “{title}” from disk.</source>
            <translation>已从磁盘重新载入“{title}”。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="462" />
            <source>The front matter cannot be read: {error}</source>
            <translation>无法读取文件头：{error}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="475" />
            <source>kbdesk editor</source>
            <translation>kbdesk 编辑器</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="477" />
            <source>(not on disk)</source>
            <translation>（磁盘上不存在）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="491" />
            <source>Send this version to the other leads for review</source>
            <translation>把这个版本交给其他主管审核</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="492" />
            <source>Only drafts can be submitted (this one is {status})</source>
            <translation>只有草稿可以提交审核（当前为：{status}）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="494" />
            <source>Approve: agents see this wording at once</source>
            <translation>批准：坐席会立即看到这段文字</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="496" />
            <source>Only articles in review can be approved (this one is {status})</source>
            <translation>只有审核中的文章可以批准（当前为：{status}）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="498" />
            <source>{n} lint error(s) block approval</source>
            <translation>{n} 个检查错误阻止批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="499" />
            <source>No lint errors</source>
            <translation>检查没有发现错误</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="502" />
            <source>Two-person rule: you wrote the last change, another lead must approve it</source>
            <translation>双人审核：最后一次修改是你做的，需要另一位主管批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="504" />
            <source>Two-person rule: the author of the last change cannot approve it</source>
            <translation>双人审核：最后一次修改的作者不能自己批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="507" />
            <source>Withdraw from agents: they no longer find or copy it</source>
            <translation>对坐席下线：他们将搜不到、也不能复制</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="508" />
            <source>Already retired; restore a version to bring it back</source>
            <translation>已停用；恢复一个版本即可重新启用</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="510" />
            <source>Save a version (Ctrl+S)</source>
            <translation>保存为新版本（Ctrl+S）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="532" />
            <location filename="../../kbdesk/ui/editor.py" line="1018" />
            <source>Read only. </source>
            <translation>只读。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="537" />
            <source>lead</source>
            <translation>主管</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="537" />
            <source>agent, read only</source>
            <translation>坐席，只读</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="545" />
            <source>Not allowed</source>
            <translation>不允许</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="591" />
            <source>The wording of an approved article changed: it is saved as a draft and needs approval again. Agents keep the approved wording until then.</source>
            <translation>已批准文章的文字有修改：保存为草稿，需要重新批准。在此之前坐席仍看到已批准的文字。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="593" />
            <source>The status is set by Submit, Approve and Retire: your change of the status line is not saved.</source>
            <translation>状态只能通过“提交审核”“批准”“停用”改变：你对 status 行的修改不会保存。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="607" />
            <source>Nothing to save: no changes since it was opened or saved.</source>
            <translation>没有需要保存的内容：打开或上次保存后没有修改。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="615" />
            <source>Edit {title}</source>
            <translation>修改 {title}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="642" />
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="648" />
            <source>Saved “{title}” as version {commit}.</source>
            <translation>已保存“{title}”，版本 {commit}。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="649" />
            <source>Saved “{title}”.</source>
            <translation>已保存“{title}”。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="691" />
            <source>Not saved: the version on disk is unchanged.</source>
            <translation>未保存：磁盘上的版本保持不变。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="701" />
            <location filename="../../kbdesk/ui/editor.py" line="950" />
            <source>Unsaved changes</source>
            <translation>未保存的修改</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="702" />
            <source>Save your changes as a version before you {action}?</source>
            <translation>要先把修改保存为版本，再{action}吗？</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="703" />
            <source>Save first</source>
            <translation>先保存</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="709" />
            <source>Changed on disk</source>
            <translation>磁盘上已修改</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="710" />
            <source>“{title}” changed on disk since you opened it. Reload it (or save yours) first.</source>
            <translation>打开之后，“{title}”已在磁盘上被修改。请先重新载入（或保存你的版本）。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="719" />
            <source>submit it for review</source>
            <translation>提交审核</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="723" />
            <source>approve it</source>
            <translation>批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="728" />
            <location filename="../../kbdesk/ui/editor.py" line="731" />
            <source>Retire</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="729" />
            <source>Retire “{title}”? Agents will no longer find or copy it. Its versions are kept and it can be restored.</source>
            <translation>停用“{title}”？坐席将搜不到、也不能复制它。所有版本都会保留，可以再恢复。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="731" />
            <source>retire it</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="736" />
            <source>Not submitted</source>
            <translation>未提交</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="736" />
            <source>Not approved</source>
            <translation>未批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="737" />
            <source>Not retired</source>
            <translation>未停用</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="745" />
            <source>“{title}” is in review: another lead can approve it now.</source>
            <translation>“{title}”已提交审核：现在可以由另一位主管批准。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="746" />
            <source>Approved “{title}”: agents see this wording now.</source>
            <translation>已批准“{title}”：坐席现在看到的是这段文字。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="747" />
            <source>Retired “{title}”: agents no longer see it.</source>
            <translation>已停用“{title}”：坐席不再看到它。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="766" />
            <location filename="../../kbdesk/ui/editor.py" line="1011" />
            <source>Versions ({n})</source>
            <translation>版本（{n}）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="785" />
            <source>Select one version to read it, or two to compare them.</source>
            <translation>选择一个版本查看，或选择两个版本比较。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="801" />
            <source>Not restored</source>
            <translation>未恢复</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="805" />
            <source>Restored {version} as a new version {commit}.</source>
            <translation>已把{version}恢复为新版本 {commit}。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="809" />
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="810" />
            <source>Bring back the wording of {version}? It becomes a new version (a draft that needs approval again, unless agents see exactly this wording now). Nothing is lost: every version stays in the history.</source>
            <translation>恢复{version}的文字？它会成为一个新版本（草稿，需要重新批准，除非坐席现在看到的正是这段文字）。不会丢失任何内容：所有版本都保留在历史中。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="813" />
            <source>Restore this version</source>
            <translation>恢复此版本</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="813" />
            <source>restore a version</source>
            <translation>恢复版本</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="853" />
            <source>“{title}” was deleted or moved on disk. Saving writes it again.</source>
            <translation>“{title}”已在磁盘上被删除或移走。保存会重新写入。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="855" />
            <source>“{title}” was changed on disk (by another lead or program). Reload takes their version and replaces your unsaved changes (Undo brings them back); saving shows the differences first.</source>
            <translation>“{title}”已在磁盘上被修改（其他主管或程序）。重新载入会采用对方的版本并替换你未保存的修改（可用撤销找回）；保存时会先显示差异。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="859" />
            <source>“{title}” was changed on disk (by another lead or program).</source>
            <translation>“{title}”已在磁盘上被修改（其他主管或程序）。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="885" />
            <source>Unsaved changes could not be kept aside: {error}</source>
            <translation>未保存的修改无法暂存：{error}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="904" />
            <source>Unsaved changes from {time} were kept when the editor closed unexpectedly.</source>
            <translation>编辑器意外关闭时，保留了 {time} 的未保存修改。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="907" />
            <source>The file changed on disk since then: saving will show the differences first.</source>
            <translation>此后文件在磁盘上有改动：保存时会先显示差异。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="929" />
            <source>Restored the unsaved changes. Save them with Ctrl+S.</source>
            <translation>已恢复未保存的修改。按 Ctrl+S 保存。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="951" />
            <source>Save the changes to “{title}” as a version before closing?</source>
            <translation>关闭前把对“{title}”的修改保存为版本吗？</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1004" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1005" />
            <source>Reload</source>
            <translation>重新载入</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1006" />
            <source>Keep editing</source>
            <translation>继续编辑</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1007" />
            <source>Restore them</source>
            <translation>恢复</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1008" />
            <source>Discard</source>
            <translation>丢弃</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1009" />
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1010" />
            <source>Placeholders</source>
            <translation>占位符</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor.py" line="1012" />
            <source>As agents will see it (the same renderer and sanitiser)</source>
            <translation>坐席看到的样子（同样的渲染和安全过滤）</translation>
        </message>
        <message>
            <source>For agents only · never copied</source>
            <translation>仅供坐席 · 不会复制</translation>
        </message>
        <message>
            <source>editor</source>
            <translation>编辑器</translation>
        </message>
        <message>
            <source>{n} lint error blocks approval</source>
            <translation>{n} 个检查错误阻止批准</translation>
        </message>
        <message>
            <source>{n} lint errors block approval</source>
            <translation>{n} 个检查错误阻止批准</translation>
        </message>
        <message>
            <source>You wrote the last change: another lead approves it.</source>
            <translation>最后一次修改是你写的：需要另一位主管批准。</translation>
        </message>
        <message>
            <source>Submit with errors?</source>
            <translation>有错误，仍要提交吗？</translation>
        </message>
        <message>
            <source>The checks found errors that will block approval:
{errors}

Submit it for review anyway?</source>
            <translation>检查发现了会阻止批准的错误：
{errors}

仍要提交审核吗？</translation>
        </message>
        <message>
            <source>Submit anyway</source>
            <translation>仍然提交</translation>
        </message>
        <message>
            <source>lead, read only</source>
            <translation>主管，只读</translation>
        </message>
    </context>
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
        <message>
            <source>Still blank: {names}. Fill it in, or press Ctrl+Enter again to copy with 【{first}】 in its place.</source>
            <translation>尚未填写：{names}。请填写，或再按一次 Ctrl+Enter，以【{first}】代替复制。</translation>
        </message>
    </context>
    <context>
        <name>FrontMatterForm</name>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="308" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="309" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="310" />
            <source>Category</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="311" />
            <source>Tags</source>
            <translation>标签</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="312" />
            <source>separated by 、 or commas</source>
            <translation>用、或逗号分隔</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="313" />
            <source>Review by</source>
            <translation>复核日期</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="314" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="315" />
            <source>Submit for review</source>
            <translation>提交审核</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="316" />
            <source>Approve</source>
            <translation>批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="317" />
            <source>Retire</source>
            <translation>停用</translation>
        </message>
    </context>
    <context>
        <name>IdentityDialog</name>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="231" />
            <source>Who are you?</source>
            <translation>你是谁？</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="232" />
            <source>Your name and e-mail are recorded with every version you save or approve. Leads are recognised by the names and e-mails in .kbdesk/team.yaml.</source>
            <translation>你保存或批准的每个版本都会记录你的姓名和邮箱。主管按 .kbdesk/team.yaml 中的姓名和邮箱识别。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="234" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="235" />
            <source>E-mail</source>
            <translation>邮箱</translation>
        </message>
        <message>
            <source>{name} is a lead of this knowledge base.</source>
            <translation>{name} 是这个知识库的主管。</translation>
        </message>
        <message>
            <source>Not a lead in .kbdesk/team.yaml: {name} will be an agent here (reads approved wording, edits nothing).</source>
            <translation>不是 .kbdesk/team.yaml 中的主管：{name} 在这里是坐席（只看已批准的措辞，不能编辑）。</translation>
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
        <name>Lint</name>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="66" />
            <source>Taboo phrase 「{phrase}」; say instead: {suggest}</source>
            <translation>服务忌语「{phrase}」；建议改为：{suggest}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="67" />
            <source>Taboo phrase 「{phrase}」</source>
            <translation>服务忌语「{phrase}」</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="69" />
            <source>Unknown placeholder {name} (not declared in .kbdesk/placeholders.yaml)</source>
            <translation>未登记的占位符 {name}（不在 .kbdesk/placeholders.yaml 中）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="70" />
            <source>Malformed placeholder: {fragment}</source>
            <translation>占位符格式错误：{fragment}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="72" />
            <source>{name} has no default: the agent must fill it in</source>
            <translation>{name} 没有默认值：坐席必须填写</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="74" />
            <source>{n} characters; a chat message should stay under {limit}</source>
            <translation>共 {n} 个字；一条聊天消息应少于 {limit} 个字</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="76" />
            <source>Mixes Traditional and Simplified characters ({examples})</source>
            <translation>繁简混用（{examples}）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="78" />
            <source>No greeting (expected one of: {words})</source>
            <translation>缺少问候语（应包含其一：{words}）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="80" />
            <source>No closing (expected one of: {words})</source>
            <translation>缺少结束语（应包含其一：{words}）</translation>
        </message>
        <message>
            <source>{name} has two defaults ({defaults}): each copy would promise something else</source>
            <translation>{name} 有两个不同的默认值（{defaults}）：不同的复制方式会承诺不同的内容</translation>
        </message>
        <message>
            <source>The customer would read this, and it reads like a note for agents: 「{line}」 (put it under ## 注意, in a &gt; quote, or after a 注意： label)</source>
            <translation>客户会看到这句话，但它像是给坐席的提示：「{line}」（请放到 ## 注意 下、&gt; 引用中，或以“注意：”开头）</translation>
        </message>
    </context>
    <context>
        <name>LintPanel</name>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="392" />
            <source>Checks: no problems found</source>
            <translation>检查：没有发现问题</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="395" />
            <source>Checks: {errors} error(s), {warnings} warning(s) — errors block approval</source>
            <translation>检查：{errors} 个错误，{warnings} 个警告 — 有错误不能批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="399" />
            <source>Checks: {warnings} warning(s) — warnings do not block approval</source>
            <translation>检查：{warnings} 个警告 — 警告不影响批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="406" />
            <source>Level</source>
            <translation>级别</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="406" />
            <source>Line</source>
            <translation>行</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="406" />
            <source>Message</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Checks: {errors}, {warnings} — errors block approval</source>
            <translation>检查：{errors}，{warnings} — 有错误不能批准</translation>
        </message>
        <message>
            <source>{n} error</source>
            <translation>{n} 个错误</translation>
        </message>
        <message>
            <source>{n} errors</source>
            <translation>{n} 个错误</translation>
        </message>
        <message>
            <source>{n} warning</source>
            <translation>{n} 个警告</translation>
        </message>
        <message>
            <source>{n} warnings</source>
            <translation>{n} 个警告</translation>
        </message>
        <message>
            <source>Checks: {n} warning — warnings do not block approval</source>
            <translation>检查：{n} 个警告 — 警告不影响批准</translation>
        </message>
        <message>
            <source>Checks: {n} warnings — warnings do not block approval</source>
            <translation>检查：{n} 个警告 — 警告不影响批准</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="224" />
            <source>Link not opened: {url}</source>
            <translation>未打开链接：{url}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="355" />
            <source>Search failed: {error}</source>
            <translation>搜索出错：{error}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="356" />
            <source>Search failed</source>
            <translation>搜索出错</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="361" />
            <source>Preparing the search index…</source>
            <translation>正在准备搜索索引…</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="362" />
            <source>Results appear as soon as it is ready. You can keep typing.</source>
            <translation>索引就绪后立即显示结果，可以继续输入。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="366" />
            <source>No article has every word; showing articles with some of them.</source>
            <translation>没有文章包含全部关键词，以下为部分匹配的结果。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="368" />
            <source>{n} results</source>
            <translation>{n} 条结果</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="370" />
            <source>filter: {filters}</source>
            <translation>筛选：{filters}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="374" />
            <source>Try a shorter or different word (退款 instead of 退款多久到账).</source>
            <translation>换个说法或用更短的词（如“退款”而不是“退款多久到账”）。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="375" />
            <source>Pinyin works too: full (tuikuan) or initials (tk).</source>
            <translation>也可以用拼音：全拼（tuikuan）或首字母（tk）。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="377" />
            <source>Remove the filter ({filters}) — it may hide the answer.</source>
            <translation>去掉筛选条件（{filters}），答案可能被筛掉了。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="379" />
            <source>Nothing found for “{query}”</source>
            <translation>没有找到“{query}”</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="391" />
            <source>Favourites</source>
            <translation>收藏</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="394" />
            <source>Recently copied</source>
            <translation>最近复制</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="457" />
            <source>Most used</source>
            <translation>最常用</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="399" />
            <source>Type to search the knowledge base</source>
            <translation>输入关键词搜索知识库</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="400" />
            <source>Chinese (Simplified or Traditional), pinyin such as tuikuan or tk, or terms like APP, VIP.
↓ ↑ choose · Enter copies · Esc clears · Ctrl+K comes back here
Ctrl+D pins an article to your favourites.</source>
            <translation>支持简体、繁体中文，拼音（如 tuikuan、tk）和英文词（如 APP、VIP）。
↓ ↑ 选择 · 回车复制 · Esc 清空 · Ctrl+K 随时回到搜索框
Ctrl+D 把文章加入收藏。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="462" />
            <source>Cannot copy: {reason}</source>
            <translation>无法复制：{reason}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="467" />
            <source>Not copied: “{title}” is not approved.</source>
            <translation>未复制：“{title}”尚未审核通过。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="509" />
            <source>Copied “{title}” — paste it with Ctrl+V.</source>
            <translation>已复制“{title}”，按 Ctrl+V 粘贴。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="594" />
            <source>Copied the selected text ({n} characters) — paste it with Ctrl+V.</source>
            <translation>已复制选中的文字（{n} 个字符），按 Ctrl+V 粘贴。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="511" />
            <source>Still blank: {names}</source>
            <translation>尚未填写：{names}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="532" />
            <source>Added “{title}” to favourites.</source>
            <translation>已收藏“{title}”。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="533" />
            <source>Removed “{title}” from favourites.</source>
            <translation>已取消收藏“{title}”。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="563" />
            <source>Edit the article shown, with its versions and approval (Ctrl+E)</source>
            <translation>编辑当前显示的文章，包括版本和审批（Ctrl+E）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="564" />
            <source>Write a new reply script (a draft until approved)</source>
            <translation>撰写新的话术（批准前为草稿）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="565" />
            <source>Open any article, drafts and articles in review first</source>
            <translation>打开任意文章，草稿和审核中的排在前面</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="568" />
            <source>Who am I: {name}…</source>
            <translation>我的身份：{name}…</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="569" />
            <source>Who am I…</source>
            <translation>我的身份…</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="600" />
            <source>Indexing {n}/{total}</source>
            <translation>正在建立索引 {n}/{total}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="616" />
            <source>The search index could not be updated: {error}</source>
            <translation>搜索索引更新失败：{error}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="647" />
            <source>{n} file(s) could not be read: {names}</source>
            <translation>{n} 个文件无法读取：{names}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="659" />
            <source>{n} articles</source>
            <translation>共 {n} 篇文章</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="726" />
            <source>kbdesk — knowledge base</source>
            <translation>kbdesk 客服知识库</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="727" />
            <source>&amp;Leads</source>
            <translation>主管(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="728" />
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="729" />
            <source>New script</source>
            <translation>新建话术</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/main_window.py" line="730" />
            <source>Open article…</source>
            <translation>打开文章…</translation>
        </message>
        <message>
            <source>Word files, web pages, text in any Chinese encoding and FAQ sheets become draft articles (or drop the files on the window)</source>
            <translation>Word 文档、网页、任意中文编码的文本和常见问题表格都可导入为草稿文章（也可以把文件拖到窗口上）</translation>
        </message>
        <message>
            <source>Import documents…</source>
            <translation>导入文档…</translation>
        </message>
        <message>
            <source>Chinese (Simplified or Traditional), pinyin such as tuikuan or tk, or terms like APP, VIP.
↓ ↑ choose · Enter copies · Ctrl+Enter copies only the section found · Esc clears
Ctrl+K comes back here · Ctrl+D pins an article to your favourites.</source>
            <translation>支持简体、繁体中文，拼音（如 tuikuan、tk）和英文词（如 APP、VIP）。
↓ ↑ 选择 · 回车复制 · Ctrl+回车只复制找到的那一节 · Esc 清空
Ctrl+K 随时回到搜索框 · Ctrl+D 把文章加入收藏。</translation>
        </message>
        <message>
            <source>“{query}” asks a question but names no subject: add what it is about (退款{query}).</source>
            <translation>“{query}”只是一个问法，没有说问的是什么：请加上主题词（如 退款{query}）。</translation>
        </message>
        <message>
            <source>Meanwhile, the most used articles:</source>
            <translation>先看看最常用的文章：</translation>
        </message>
        <message>
            <source>Say what the question is about</source>
            <translation>请说明问的是什么</translation>
        </message>
        <message>
            <source>Nothing copied: say what the question is about, or choose an article.</source>
            <translation>未复制：请说明问的是什么，或先选一篇文章。</translation>
        </message>
        <message>
            <source>{n} articles · {filters}</source>
            <translation>{n} 篇 · {filters}</translation>
        </message>
        <message>
            <source>No article in {filters}</source>
            <translation>{filters} 中没有文章</translation>
        </message>
        <message>
            <source>Knowledge base</source>
            <translation>客服知识库</translation>
        </message>
        <message>
            <source>{n} article · {filters}</source>
            <translation>{n} 篇 · {filters}</translation>
        </message>
        <message>
            <source>{n} result</source>
            <translation>{n} 条结果</translation>
        </message>
        <message>
            <source>{n} file could not be read: {names}</source>
            <translation>{n} 个文件无法读取：{names}</translation>
        </message>
        <message>
            <source>{n} files could not be read: {names}</source>
            <translation>{n} 个文件无法读取：{names}</translation>
        </message>
        <message>
            <source>{n} article</source>
            <translation>共 {n} 篇文章</translation>
        </message>
        <message>
            <source>Copied the selected text ({n} character) — paste it with Ctrl+V.</source>
            <translation>已复制选中的文字（{n} 个字符），按 Ctrl+V 粘贴。</translation>
        </message>
        <message>
            <source>Review queue…</source>
            <translation>审核队列…</translation>
        </message>
        <message>
            <source>lead</source>
            <translation>主管</translation>
        </message>
        <message>
            <source>agent</source>
            <translation>坐席</translation>
        </message>
        <message>
            <source>No team repository is set: Sync ▸ Team repository… sets it.</source>
            <translation>还没有设置团队仓库：在“同步 ▸ 团队仓库…”中设置。</translation>
        </message>
        <message>
            <source>Synced with {url}</source>
            <translation>已与 {url} 同步</translation>
        </message>
        <message>
            <source>{n} article changed for agents</source>
            <translation>{n} 篇文章对坐席有变化</translation>
        </message>
        <message>
            <source>{n} articles changed for agents</source>
            <translation>{n} 篇文章对坐席有变化</translation>
        </message>
        <message>
            <source>{n} file changed by other leads</source>
            <translation>其他主管改了 {n} 个文件</translation>
        </message>
        <message>
            <source>{n} files changed by other leads</source>
            <translation>其他主管改了 {n} 个文件</translation>
        </message>
        <message>
            <source>your changes were sent</source>
            <translation>您的改动已发出</translation>
        </message>
        <message>
            <source>{n} approval not sent (changed meanwhile)</source>
            <translation>{n} 个批准没有发出（期间被改过）</translation>
        </message>
        <message>
            <source>{n} approvals not sent (changed meanwhile)</source>
            <translation>{n} 个批准没有发出（期间被改过）</translation>
        </message>
        <message>
            <source>{n} new conflict</source>
            <translation>{n} 个新冲突</translation>
        </message>
        <message>
            <source>{n} new conflicts</source>
            <translation>{n} 个新冲突</translation>
        </message>
        <message>
            <source>Up to date with the team's repository.</source>
            <translation>与团队仓库一致，没有新内容。</translation>
        </message>
        <message>
            <source>Synced: {what}.</source>
            <translation>已同步：{what}。</translation>
        </message>
        <message>
            <source>Conflicts ({n})…</source>
            <translation>冲突（{n}）…</translation>
        </message>
        <message>
            <source>Conflicts…</source>
            <translation>冲突…</translation>
        </message>
        <message>
            <source>&amp;Sync</source>
            <translation>同步(&amp;S)</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>立即同步</translation>
        </message>
        <message>
            <source>Team repository…</source>
            <translation>团队仓库…</translation>
        </message>
        <message>
            <source>Log in…</source>
            <translation>登录…</translation>
        </message>
        <message>
            <source>Dashboard…</source>
            <translation>数据看板…</translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <source>What the team copies and searches for, and what waits for a lead</source>
            <translation>团队复制和搜索了什么，以及等待主管处理的事</translation>
        </message>
    </context>
    <context>
        <name>NewScriptDialog</name>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="307" />
            <source>{path} already exists</source>
            <translation>{path} 已存在</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="320" />
            <source>New reply script</source>
            <translation>新建话术</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="321" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="322" />
            <source>File name</source>
            <translation>文件名</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="323" />
            <source>Category</source>
            <translation>分类</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="324" />
            <source>e.g. 久等致歉话术</source>
            <translation>例如：久等致歉话术</translation>
        </message>
        <message>
            <source>A new category. Did you mean “{existing}”?</source>
            <translation>这是一个新分类。你是想用“{existing}”吗？</translation>
        </message>
    </context>
    <context>
        <name>PlaceholderPanel</name>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="477" />
            <source>(from the agent's preferences)</source>
            <translation>（取自坐席的个人设置）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="479" />
            <source>default: {value}</source>
            <translation>默认：{value}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="491" />
            <source>not declared in placeholders.yaml</source>
            <translation>未在 placeholders.yaml 中登记</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="505" />
            <source>Blanks agents fill in when they copy. This script uses {n} of {total}.</source>
            <translation>坐席复制时要填写的空白。本话术用了 {total} 个中的 {n} 个。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="507" />
            <source>This content folder declares no placeholders (.kbdesk/placeholders.yaml).</source>
            <translation>这个内容文件夹没有登记占位符（.kbdesk/placeholders.yaml）。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="518" />
            <source>Insert at cursor</source>
            <translation>插入到光标处</translation>
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
        <message>
            <source>Sync every</source>
            <translation>同步间隔</translation>
        </message>
        <message>
            <source> min</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>off (F5 syncs)</source>
            <translation>关闭（按 F5 同步）</translation>
        </message>
        <message>
            <source>Shared with the leads</source>
            <translation>与主管共享</translation>
        </message>
        <message>
            <source>How often each article was copied, per day, and what was searched for (with numbers, phone numbers, e-mail addresses and order numbers taken out) go to the team's repository when this desktop syncs. Never your name, nor what you pasted.</source>
            <translation>每天每篇文章被复制的次数，以及搜索了什么（去掉数字、电话号码、邮箱地址和单号），会在这台电脑同步时发到团队仓库。不包括您的名字，也不包括您粘贴的内容。</translation>
        </message>
        <message>
            <source>Nothing: the team turned it off (share_usage: false in .kbdesk/team.yaml).</source>
            <translation>不共享：团队关闭了这项功能（.kbdesk/team.yaml 中的 share_usage: false）。</translation>
        </message>
        <message>
            <source>Nothing: this desktop has no team repository.</source>
            <translation>不共享：这台电脑没有团队仓库。</translation>
        </message>
        <message>
            <source>How often each article was copied, per day, and what was searched for (with phone numbers, e-mail addresses, order numbers and numbers of five or more digits taken out) go to the team's repository when this desktop syncs. Never your name, nor what you pasted.</source>
            <translation>每天每篇文章被复制的次数，以及搜索了什么（去掉电话号码、邮箱地址、单号和五位以上的数字），会在这台电脑同步时发到团队仓库。不包括您的名字，也不包括您粘贴的内容。</translation>
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
        <message>
            <source>For agents only · never copied</source>
            <translation>仅供坐席 · 不会复制</translation>
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
        <name>SaveDialog</name>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="98" />
            <source>Save a version</source>
            <translation>保存版本</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="99" />
            <source>Save “{title}” as a new version</source>
            <translation>把“{title}”保存为新版本</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="100" />
            <source>What did you change? (shown in the history)</source>
            <translation>改了什么？（显示在版本历史中）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="102" />
            <source>Your changes: {removed} character(s) removed (red), {added} added (green)</source>
            <translation>你的修改：删除 {removed} 个字（红色），新增 {added} 个字（绿色）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_dialogs.py" line="106" />
            <source>Save version</source>
            <translation>保存版本</translation>
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
        <message>
            <location filename="../../kbdesk/ui/search_bar.py" line="259" />
            <source>{kind} {n}</source>
            <translation>{kind} {n}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/search_bar.py" line="260" />
            <source>{n} articles match the search</source>
            <translation>有 {n} 篇文章符合当前搜索</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/search_bar.py" line="274" />
            <source>{name} ({n})</source>
            <translation>{name} ({n})</translation>
        </message>
        <message>
            <source>{n} article matches the search</source>
            <translation>有 {n} 篇文章符合当前搜索</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="50" />
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="51" />
            <source>In review</source>
            <translation>审核中</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="52" />
            <source>Approved</source>
            <translation>已批准</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="53" />
            <source>Retired</source>
            <translation>已停用</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="59" />
            <source>Error</source>
            <translation>错误</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_widgets.py" line="59" />
            <source>Warning</source>
            <translation>警告</translation>
        </message>
    </context>
    <context>
        <name>VersionsPanel</name>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="199" />
            <source>Agents see this version</source>
            <translation>坐席看到的是这个版本</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="202" />
            <source>Was approved once</source>
            <translation>曾经批准过</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="225" />
            <source>Version {n} · {author} · {time} · {status}</source>
            <translation>版本 {n} · {author} · {time} · {status}</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="253" />
            <source>Bring this version's wording back as a new version (a draft)</source>
            <translation>把这个版本的文字恢复为新版本（草稿）</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="254" />
            <source>Select one version to restore it</source>
            <translation>选择一个版本来恢复</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="269" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="269" />
            <source>Author</source>
            <translation>作者</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="269" />
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="270" />
            <source>Message</source>
            <translation>说明</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="271" />
            <source>✔ the version agents see now; ✓ approved before</source>
            <translation>✔ 坐席现在看到的版本；✓ 以前批准过</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="272" />
            <source>Select a version to read it; select two (Ctrl+click) to compare them word by word. ✔ marks the version agents see.</source>
            <translation>选择一个版本查看；选择两个（Ctrl+点击）逐词比较。✔ 表示坐席看到的版本。</translation>
        </message>
        <message>
            <location filename="../../kbdesk/ui/editor_versions.py" line="274" />
            <source>Restore this version</source>
            <translation>恢复此版本</translation>
        </message>
        <message>
            <source>Approved (before versioning began)</source>
            <translation>已批准（版本管理开始前）</translation>
        </message>
        <message>
            <source>No versions yet: this knowledge base has no history. A lead's first Save starts it: every article as it is becomes its version 1 (taken over, by kbdesk), and every save after that is a version with its author.</source>
            <translation>还没有版本：这个知识库还没有历史记录。主管第一次保存时开始记录：每篇文章的现状成为它的版本 1（由 kbdesk 接收），之后每次保存都是一个带作者的版本。</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Reading the documents: {done} of {total}…</source>
            <translation>正在读取文档：{done} / {total}…</translation>
        </message>
        <message>
            <source>The documents cannot be read: {error}</source>
            <translation>无法读取这些文档：{error}</translation>
        </message>
        <message>
            <source>{good} articles to import, {bad} files that cannot be imported. Nothing is written until you import; then all of them are one version.</source>
            <translation>可导入 {good} 篇文章，{bad} 个文件无法导入。点击导入之前不会写入任何内容；导入后全部作为同一个版本保存。</translation>
        </message>
        <message>
            <source>Import {n}</source>
            <translation>导入 {n} 篇</translation>
        </message>
        <message>
            <source>Nothing was imported: {error}</source>
            <translation>没有导入任何内容：{error}</translation>
        </message>
        <message>
            <source>markup</source>
            <translation>网页标记</translation>
        </message>
        <message>
            <source>boilerplate lines</source>
            <translation>网站杂项行</translation>
        </message>
        <message>
            <source>pinyin</source>
            <translation>拼音注音</translation>
        </message>
        <message>
            <source>repeated</source>
            <translation>重复内容</translation>
        </message>
        <message>
            <source>new: {path}</source>
            <translation>新建：{path}</translation>
        </message>
        <message>
            <source>new version of {path}</source>
            <translation>{path} 的新版本</translation>
        </message>
        <message>
            <source>unchanged since the last import</source>
            <translation>与上次导入相同，不改动</translation>
        </message>
        <message>
            <source>a draft beside {path}</source>
            <translation>在 {path} 旁另存为草稿</translation>
        </message>
        <message>
            <source>Import documents</source>
            <translation>导入文档</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Encoding</source>
            <translation>编码</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>分类</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Sections</source>
            <translation>章节数</translation>
        </message>
        <message>
            <source>Cleaning removed</source>
            <translation>清理掉的内容</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Original text</source>
            <translation>原文</translation>
        </message>
        <message>
            <source>The article it becomes</source>
            <translation>生成的文章</translation>
        </message>
        <message>
            <source>Reading the documents…</source>
            <translation>正在读取文档…</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>Choose documents to import</source>
            <translation>选择要导入的文档</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>文档</translation>
        </message>
    </context>
    <context>
        <name>VariantChooser</name>
        <message>
            <source>Which variant?</source>
            <translation>复制哪一段？</translation>
        </message>
        <message>
            <source>Enter or its number copies that variant; Esc copies nothing.</source>
            <translation>回车或按编号复制该段；Esc 不复制。</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>no article with id or path {article}</source>
            <translation>没有 id 或路径为 {article} 的文章</translation>
        </message>
        <message>
            <source>no such settings file in {folder}/: {path}</source>
            <translation>{folder}/ 中没有这个设置文件：{path}</translation>
        </message>
        <message>
            <source>{reason}</source>
            <translation>{reason}</translation>
        </message>
        <message>
            <source>not saved: {reason}</source>
            <translation>没有保存：{reason}</translation>
        </message>
        <message>
            <source>{article} is already in review</source>
            <translation>{article} 已经在审核中。</translation>
        </message>
        <message>
            <source>{article} is retired; restore a version first</source>
            <translation>{article} 已停用：请先恢复一个版本。</translation>
        </message>
        <message>
            <source>{path} has changes that are not saved as a version; save it first</source>
            <translation>{path} 有还没保存为版本的改动：请先保存。</translation>
        </message>
        <message>
            <source>{article} is {status}; only articles in review can be approved</source>
            <translation>{article} 的状态是 {status}：只有审核中的文章可以批准，请先提交审核。</translation>
        </message>
        <message>
            <source>lint errors block approval: {errors}</source>
            <translation>检查发现的错误阻止了批准：{errors}。请在检查面板中修正错误，保存后再试。</translation>
        </message>
        <message>
            <source>two-person rule: {name} wrote the last change, another lead must approve it</source>
            <translation>双人规则：最后一次修改是 {name} 写的，需要另一位主管批准。</translation>
        </message>
        <message>
            <source>{path} changed meanwhile; look at it again before approving</source>
            <translation>{path} 在此期间被修改了：请再看一遍后再批准。</translation>
        </message>
        <message>
            <source>{article} is already retired</source>
            <translation>{article} 已经停用。</translation>
        </message>
        <message>
            <source>version {version} has no {path}</source>
            <translation>版本 {version} 中没有 {path}</translation>
        </message>
        <message>
            <source>{path} has no saved versions yet</source>
            <translation>{path} 还没有保存过版本。</translation>
        </message>
        <message>
            <source>{name} is an agent here; only leads listed in .kbdesk/team.yaml may {action}</source>
            <translation>{name} 在这个知识库中是坐席：只有 .kbdesk/team.yaml 中列出的主管可以这样做。</translation>
        </message>
        <message>
            <source>{path} has versions 1 to {count}, not {n}</source>
            <translation>{path} 的版本是 1 到 {count}，没有 {n}</translation>
        </message>
        <message>
            <source>no single version of {path} matches {ref}</source>
            <translation>{path} 中没有唯一与 {ref} 对应的版本</translation>
        </message>
        <message>
            <source>another kbdesk is recording a version of this knowledge base; try again in a moment</source>
            <translation>另一个 kbdesk 正在记录这个知识库的版本：请稍后再试。</translation>
        </message>
        <message>
            <source>git is writing this repository right now (a .lock file in .git); try again in a moment</source>
            <translation>git 正在写入这个仓库（.git 中有 .lock 文件）：请稍后再试。</translation>
        </message>
        <message>
            <source>the branch moved meanwhile (another lead saved or approved); try again</source>
            <translation>在此期间分支有了变化（另一位主管保存或批准了）：请再试一次。</translation>
        </message>
        <message>
            <source>the approved branch moved meanwhile (another lead saved or approved); try again</source>
            <translation>在此期间已批准分支有了变化（另一位主管保存或批准了）：请再试一次。</translation>
        </message>
        <message>
            <source>{path} changed on disk meanwhile; nothing was recorded</source>
            <translation>{path} 在此期间在磁盘上被修改了：没有记录任何内容。</translation>
        </message>
        <message>
            <source>{path} cannot be written ({reason}); nothing was recorded</source>
            <translation>{path} 无法写入（{reason}）：没有记录任何内容。</translation>
        </message>
        <message>
            <source>content folder does not exist: {path}</source>
            <translation>内容文件夹不存在：{path}</translation>
        </message>
        <message>
            <source>content path is not a folder: {path}</source>
            <translation>内容路径不是文件夹：{path}</translation>
        </message>
        <message>
            <source>empty file</source>
            <translation>空文件</translation>
        </message>
        <message>
            <source>file too large ({kb} KB; limit {limit} KB)</source>
            <translation>文件太大（{kb} KB，上限 {limit} KB）</translation>
        </message>
        <message>
            <source>UTF-16 text with invalid bytes; save the file as UTF-8</source>
            <translation>UTF-16 文本中有无效字节：请另存为 UTF-8</translation>
        </message>
        <message>
            <source>binary file, not Markdown text</source>
            <translation>二进制文件，不是 Markdown 文本</translation>
        </message>
        <message>
            <source>not UTF-8 text (invalid byte at line {line}); save the file as UTF-8</source>
            <translation>不是 UTF-8 文本（第 {line} 行有无效字节）：请另存为 UTF-8</translation>
        </message>
        <message>
            <source>front matter starts with '---' but has no closing '---' line</source>
            <translation>前置信息以 '---' 开头，但没有结束的 '---' 行</translation>
        </message>
        <message>
            <source>front matter {problem}</source>
            <translation>前置信息有问题：{problem}</translation>
        </message>
        <message>
            <source>front matter is not valid YAML at line {line}: {problem}</source>
            <translation>前置信息第 {line} 行不是有效的 YAML：{problem}</translation>
        </message>
        <message>
            <source>front matter must be a mapping of 'key: value' lines</source>
            <translation>前置信息必须是一行行的“键: 值”</translation>
        </message>
        <message>
            <source>file not found</source>
            <translation>文件不存在</translation>
        </message>
        <message>
            <source>cannot read: {reason}</source>
            <translation>无法读取：{reason}</translation>
        </message>
        <message>
            <source>a link to a file outside the content folder; kbdesk reads only files inside it</source>
            <translation>指向内容文件夹以外文件的链接：kbdesk 只读取文件夹内的文件</translation>
        </message>
        <message>
            <source>a broken link: the file it points to does not exist</source>
            <translation>失效的链接：它指向的文件不存在</translation>
        </message>
        <message>
            <source>a link to a folder; kbdesk does not follow folder links</source>
            <translation>指向文件夹的链接：kbdesk 不跟随文件夹链接</translation>
        </message>
        <message>
            <source>folder cannot be read: {reason}</source>
            <translation>无法读取文件夹：{reason}</translation>
        </message>
        <message>
            <source>is a folder, not a file</source>
            <translation>是文件夹，不是文件</translation>
        </message>
        <message>
            <source>not a regular file (a pipe, socket or device), not an article</source>
            <translation>不是普通文件（管道、套接字或设备），不是文章</translation>
        </message>
        <message>
            <source>not on the approved branch</source>
            <translation>不在已批准分支上</translation>
        </message>
        <message>
            <source>link leaves the content folder: {target}</source>
            <translation>链接指向内容文件夹以外：{target}</translation>
        </message>
        <message>
            <source>broken link: {target}</source>
            <translation>失效的链接：{target}</translation>
        </message>
        <message>
            <source>malformed placeholder at line {line}: {fragment}</source>
            <translation>第 {line} 行的占位符写法不对：{fragment}</translation>
        </message>
        <message>
            <source>unknown placeholder {name} (not in .kbdesk/placeholders.yaml)</source>
            <translation>未知的占位符 {name}（.kbdesk/placeholders.yaml 中没有）</translation>
        </message>
        <message>
            <source>{name} has two defaults ({defaults})</source>
            <translation>{name} 有两个不同的默认值（{defaults}）</translation>
        </message>
        <message>
            <source>line {line}: reads like a note for agents, in the customer's text: 「{text}」</source>
            <translation>第 {line} 行：客户会看到的文字中有像是给坐席的提示：「{text}」</translation>
        </message>
        <message>
            <source>duplicate id {id} (also in {others})</source>
            <translation>id {id} 重复（{others} 也用了它）</translation>
        </message>
        <message>
            <source>saved</source>
            <translation>已保存</translation>
        </message>
        <message>
            <source>saved (first version)</source>
            <translation>已保存（第一个版本）</translation>
        </message>
        <message>
            <source>no changes to save</source>
            <translation>没有要保存的修改</translation>
        </message>
        <message>
            <source>submitted for review</source>
            <translation>已提交审核</translation>
        </message>
        <message>
            <source>approved</source>
            <translation>已批准</translation>
        </message>
        <message>
            <source>retired</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>restored version {version}</source>
            <translation>已恢复版本 {version}</translation>
        </message>
        <message>
            <source>an old Word file (.doc): save it as .docx first</source>
            <translation>旧版 Word 文件（.doc）：请先另存为 .docx</translation>
        </message>
        <message>
            <source>unknown kind of file ({suffix}): kbdesk imports {kinds}</source>
            <translation>不认识的文件类型（{suffix}）：kbdesk 能导入 {kinds}</translation>
        </message>
        <message>
            <source>too large to import ({mb} MB; limit {limit} MB)</source>
            <translation>文件太大，无法导入（{mb} MB，上限 {limit} MB）</translation>
        </message>
        <message>
            <source>no text in it</source>
            <translation>里面没有文字</translation>
        </message>
        <message>
            <source>not a Word document (.docx): damaged, or protected by a password</source>
            <translation>不是可读的 Word 文档（.docx）：文件损坏，或有密码保护</translation>
        </message>
        <message>
            <source>not a Word document (.docx) that can be read: {kind}</source>
            <translation>无法读取这个 Word 文档（.docx）：{kind}</translation>
        </message>
        <message>
            <source>a PDF protected by a password</source>
            <translation>有密码保护的 PDF</translation>
        </message>
        <message>
            <source>not a PDF that can be read ({kind})</source>
            <translation>无法读取这个 PDF（{kind}）</translation>
        </message>
        <message>
            <source>a scanned PDF: its pages are pictures, with no text in them (import the original document, or have the PDF's text recognised first)</source>
            <translation>扫描版 PDF：页面是图片，没有文字（请导入原始文档，或先对 PDF 做文字识别）</translation>
        </message>
        <message>
            <source>sheet {sheet}: no header with a question and an answer column (问题/问/Q and 答案/回答/A)</source>
            <translation>工作表 {sheet}：没有包含问题列和答案列的表头（问题/问/Q 和 答案/回答/A）</translation>
        </message>
        <message>
            <source>not an Excel workbook (.xlsx): damaged, or protected by a password</source>
            <translation>不是可读的 Excel 工作簿（.xlsx）：文件损坏，或有密码保护</translation>
        </message>
        <message>
            <source>not an Excel workbook (.xlsx) that can be read: {kind}</source>
            <translation>无法读取这个 Excel 工作簿（.xlsx）：{kind}</translation>
        </message>
        <message>
            <source>sheet {sheet} cannot be read ({kind})</source>
            <translation>工作表 {sheet} 无法读取（{kind}）</translation>
        </message>
        <message>
            <source>no rows with a question and an answer</source>
            <translation>没有同时有问题和答案的行</translation>
        </message>
        <message>
            <source>not a CSV table that can be read: {reason}</source>
            <translation>无法读取这个 CSV 表格：{reason}</translation>
        </message>
        <message>
            <source>cannot be read ({kind}: {reason})</source>
            <translation>无法读取（{kind}：{reason}）</translation>
        </message>
        <message>
            <source>binary data, not text</source>
            <translation>二进制数据，不是文字</translation>
        </message>
        <message>
            <source>the encoding cannot be told (not UTF-8, GB18030 or Big5 text)</source>
            <translation>无法判断编码（不是 UTF-8、GB18030 或 Big5 文字）</translation>
        </message>
        <message>
            <source>Submit {title} for review</source>
            <translation>提交审核：{title}</translation>
        </message>
        <message>
            <source>Approve {title}</source>
            <translation>批准：{title}</translation>
        </message>
        <message>
            <source>Retire {title}</source>
            <translation>停用：{title}</translation>
        </message>
        <message>
            <source>Restore {title} to version {version}</source>
            <translation>把 {title} 恢复到版本 {version}</translation>
        </message>
        <message>
            <source>Change the team's settings ({path})</source>
            <translation>修改团队设置（{path}）</translation>
        </message>
        <message>
            <source>Import {n} documents</source>
            <translation>导入 {n} 个文档</translation>
        </message>
        <message>
            <source>Import {n} documents as approved by {name}</source>
            <translation>导入 {n} 个文档，由 {name} 批准</translation>
        </message>
        <message>
            <source>Import the sample knowledge base</source>
            <translation>导入示例知识库</translation>
        </message>
        <message>
            <source>the index folder {folder} cannot be written ({reason}); use --index-dir or $KBDESK_INDEX_DIR for another one</source>
            <translation>索引文件夹 {folder} 无法写入（{reason}）：请用 --index-dir 或 $KBDESK_INDEX_DIR 指定另一个</translation>
        </message>
        <message>
            <source>the search index is damaged ({reason}); it will be rebuilt</source>
            <translation>搜索索引已损坏（{reason}）：将重新建立</translation>
        </message>
        <message>
            <source>'{key}' is not a date (YYYY-MM-DD): {value}</source>
            <translation>'{key}' 不是日期（YYYY-MM-DD）：{value}</translation>
        </message>
        <message>
            <source>'tags' should be a list, not {value}</source>
            <translation>'tags' 应该是一个列表，而不是 {value}</translation>
        </message>
        <message>
            <source>unknown kind {kind} (expected one of {kinds})</source>
            <translation>未知的类型 {kind}（应为 {kinds} 之一）</translation>
        </message>
        <message>
            <source>unknown status {status} (expected one of {statuses})</source>
            <translation>未知的状态 {status}（应为 {statuses} 之一）</translation>
        </message>
        <message>
            <source>an interrupted operation could not be finished: {reason}</source>
            <translation>一个被中断的操作未能完成：{reason}</translation>
        </message>
        <message>
            <source>finished the interrupted {what}</source>
            <translation>已完成被中断的操作（{what}）</translation>
        </message>
        <message>
            <source>removed {path}, which a git or kbdesk that stopped had left behind</source>
            <translation>已删除 {path}（由中途停止的 git 或 kbdesk 留下）</translation>
        </message>
        <message>
            <source>git is using its index (index.lock): kbdesk's commit is recorded; `git status` may show it as a change until git is done</source>
            <translation>git 正在使用它的索引（index.lock）：kbdesk 的提交已记录；在 git 完成之前，`git status` 可能把它显示为改动</translation>
        </message>
        <message>
            <source>git's index was not updated ({reason}); `git status` may show kbdesk's last change as staged</source>
            <translation>git 的索引没有更新（{reason}）：`git status` 可能把 kbdesk 最后的修改显示为已暂存</translation>
        </message>
        <message>
            <source>removed an unreadable record of an interrupted operation</source>
            <translation>已删除一条无法读取的中断操作记录</translation>
        </message>
        <message>
            <source>could not finish the interrupted {what}: it was undone</source>
            <translation>未能完成被中断的操作（{what}）：已撤销</translation>
        </message>
        <message>
            <source>Start the knowledge base: the articles as they were</source>
            <translation>开始知识库：文章保持原样</translation>
        </message>
        <message>
            <source>Take over the articles approved before versioning began</source>
            <translation>接收版本管理开始前已批准的文章</translation>
        </message>
        <message>
            <source>Approve {title} (agents saw {previous} before)</source>
            <translation>批准：{title}（此前坐席看到的是 {previous}）</translation>
        </message>
        <message>
            <source>saved; its wording changed while in review, so it is a draft again: submit it again</source>
            <translation>已保存；审核中的措辞改了，所以它又成了草稿：请重新提交审核</translation>
        </message>
        <message>
            <source>no index yet</source>
            <translation>还没有索引</translation>
        </message>
        <message>
            <source>rebuild requested</source>
            <translation>要求重建</translation>
        </message>
        <message>
            <source>index format changed</source>
            <translation>索引格式变了</translation>
        </message>
        <message>
            <source>text analysis changed</source>
            <translation>文本分析方式变了</translation>
        </message>
        <message>
            <source>domain dictionary changed</source>
            <translation>领域词典变了</translation>
        </message>
        <message>
            <source>content folder moved</source>
            <translation>内容文件夹移动了</translation>
        </message>
        <message>
            <source>index of another source</source>
            <translation>是另一来源的索引</translation>
        </message>
        <message>
            <source>index folder missing</source>
            <translation>索引文件夹不见了</translation>
        </message>
        <message>
            <source>index unreadable</source>
            <translation>索引无法读取</translation>
        </message>
        <message>
            <source>the version cannot be written into .git ({reason}); nothing was saved</source>
            <translation>版本无法写入 .git（{reason}）：没有保存任何内容。</translation>
        </message>
        <message>
            <source>{folder} is read-only for you, so nothing can be saved: ask for write access to it, or work on a copy</source>
            <translation>{folder} 对您是只读的，所以无法保存：请向管理这个文件夹的人申请写权限，或在副本上工作。</translation>
        </message>
        <message>
            <source>{folder} cannot be written ({reason}), so nothing can be saved</source>
            <translation>{folder} 无法写入（{reason}），所以无法保存。</translation>
        </message>
        <message>
            <source>the disk of {folder} is full ({free_kb} KB free); nothing was saved: make room on it and save again</source>
            <translation>{folder} 所在的磁盘已满（剩余 {free_kb} KB）：没有保存任何内容。请腾出空间后再保存。</translation>
        </message>
        <message>
            <source>{path} was changed on disk since it was opened; nothing was saved: reload it or merge the changes, then save again</source>
            <translation>{path} 在打开之后被改过：没有保存任何内容。请重新载入或合并改动，然后再保存。</translation>
        </message>
        <message>
            <source>Merge the team's changes ({count} files)</source>
            <translation>合并团队的改动（{count} 个文件）</translation>
        </message>
        <message>
            <source>In review again: approved wording that was not sent ({count} articles)</source>
            <translation>重新进入审核：未能发出的批准（{count} 篇文章）</translation>
        </message>
        <message>
            <source>Share the team's settings with agents' desktops</source>
            <translation>把团队设置发给坐席的电脑</translation>
        </message>
        <message>
            <source>Edit {title} (kept before a sync)</source>
            <translation>编辑 {title}（同步前保留）</translation>
        </message>
        <message>
            <source>Edit {title}: my wording after a conflict in a sync</source>
            <translation>编辑 {title}：同步冲突后采用我的措辞</translation>
        </message>
        <message>
            <source>your wording is the new version (a draft); the conflict is resolved</source>
            <translation>您的措辞成为新版本（草稿）：冲突已解决。</translation>
        </message>
        <message>
            <source>the team's wording stays; the conflict is resolved</source>
            <translation>保留团队的措辞：冲突已解决。</translation>
        </message>
        <message>
            <source>{article} has no conflict</source>
            <translation>{article} 没有冲突</translation>
        </message>
        <message>
            <source>no URL given</source>
            <translation>没有给出地址</translation>
        </message>
        <message>
            <source>{url} is not a git URL kbdesk can use (ssh://, https://, http://, git://, user@host:path or a folder)</source>
            <translation>{url} 不是 kbdesk 能用的 git 地址（ssh://、https://、http://、git://、user@host:path 或一个文件夹）</translation>
        </message>
        <message>
            <source>{folder} has no history yet: a lead saves a version first, or clone the team's repository</source>
            <translation>{folder} 还没有版本记录：请主管先保存一个版本，或克隆团队的仓库</translation>
        </message>
        <message>
            <source>no team repository is set: kbdesk remote URL sets it</source>
            <translation>还没有设置团队仓库：用 kbdesk remote 地址 设置</translation>
        </message>
        <message>
            <source>{url} refused the login: check the user name and password (kbdesk login) or the SSH key</source>
            <translation>{url} 拒绝了登录：请检查用户名和密码（kbdesk login）或 SSH 密钥</translation>
        </message>
        <message>
            <source>there is no git repository at {url}</source>
            <translation>{url} 没有 git 仓库</translation>
        </message>
        <message>
            <source>{url} is a git repository but not a kbdesk knowledge base (no approved branch, no .kbdesk folder)</source>
            <translation>{url} 是 git 仓库，但不是 kbdesk 知识库（没有 approved 分支，也没有 .kbdesk 文件夹）</translation>
        </message>
        <message>
            <source>the team's {branch} branch was rewritten on the server (force-pushed): nothing here changed; ask the lead who did it, or clone the knowledge base again into a new folder</source>
            <translation>服务器上团队的 {branch} 分支被改写了（强制推送）：这里没有任何改动；请联系做这件事的主管，或把知识库重新克隆到一个新文件夹</translation>
        </message>
        <message>
            <source>this desktop's approved wording and the team's have nothing in common; clone the knowledge base again into a new folder</source>
            <translation>这台电脑上已批准的措辞和团队的没有共同的历史：请把知识库重新克隆到一个新文件夹</translation>
        </message>
        <message>
            <source>{url} holds a different knowledge base from this folder (no common history); clone it into a new folder instead</source>
            <translation>{url} 是另一个知识库，和这个文件夹没有共同的历史：请把它克隆到一个新文件夹</translation>
        </message>
        <message>
            <source>{url} kept changing while kbdesk merged (other leads are syncing); try again in a moment</source>
            <translation>kbdesk 合并时 {url} 一直在变（其他主管正在同步）：请稍后再试</translation>
        </message>
        <message>
            <source>{url} refused the {branch} branch: {reason}</source>
            <translation>{url} 拒绝了 {branch} 分支：{reason}</translation>
        </message>
        <message>
            <source>the team's repository has no approved wording yet</source>
            <translation>团队仓库里还没有已批准的措辞</translation>
        </message>
        <message>
            <source>no system keyring to keep the password in ({reason})</source>
            <translation>没有可以保存密码的系统钥匙串（{reason}）</translation>
        </message>
        <message>
            <source>{folder} is not empty: clone into a new or empty folder</source>
            <translation>{folder} 不是空的：请克隆到一个新的或空的文件夹</translation>
        </message>
        <message>
            <source>{url} is empty: a lead first sends a knowledge base there (kbdesk remote URL, then kbdesk sync)</source>
            <translation>{url} 是空的：请主管先把知识库发到那里（kbdesk remote 地址，然后 kbdesk sync）</translation>
        </message>
        <message>
            <source>the server of {url} said: {reason}</source>
            <translation>{url} 的服务器回复：{reason}</translation>
        </message>
        <message>
            <source>this desktop's usage counts were not shared this time ({reason})</source>
            <translation>这台电脑的使用统计这次没有共享（{reason}）</translation>
        </message>
        <message>
            <source>{url} cannot be reached (offline, or the server is down); nothing changed here</source>
            <translation>连不上 {url}（离线，或服务器没有运行）：这里没有任何改动</translation>
        </message>
        <message>
            <source>the connection to {url} was cut in the middle; nothing changed here: sync again</source>
            <translation>与 {url} 的连接中途断开：这里没有任何改动，请再同步一次</translation>
        </message>
        <message>
            <source>{path}: one lead retired it while another changed it; the change is in the file, the article stays retired (restore a version to bring it back)</source>
            <translation>{path}：一位主管停用了它，同时另一位主管改了它；改动已在文件中，文章仍是停用状态（恢复一个版本即可重新启用）</translation>
        </message>
    </context>
    <context>
        <name>Cli</name>
        <message>
            <source>error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>not allowed</source>
            <translation>不允许</translation>
        </message>
        <message>
            <source>warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <source>built ({reason})</source>
            <translation>已重建（{reason}）</translation>
        </message>
        <message>
            <source>updated: {added} added, {changed} changed, {removed} removed</source>
            <translation>已更新：新增 {added}，修改 {changed}，删除 {removed}</translation>
        </message>
        <message>
            <source>already up to date</source>
            <translation>已是最新</translation>
        </message>
        <message>
            <source>agents' index (approved)</source>
            <translation>坐席索引（已批准）</translation>
        </message>
        <message>
            <source>index</source>
            <translation>索引</translation>
        </message>
        <message>
            <source>{label} {what}: {n} articles, {seconds} s</source>
            <translation>{label}{what}：{n} 篇文章，{seconds} 秒</translation>
        </message>
        <message>
            <source>the index is being built by another kbdesk; try again in a moment</source>
            <translation>另一个 kbdesk 正在建立索引：请稍后再试</translation>
        </message>
        <message>
            <source>note: another kbdesk is updating the index; results may miss the latest edits</source>
            <translation>提示：另一个 kbdesk 正在更新索引，结果可能不含最新的修改</translation>
        </message>
        <message>
            <source>note: the index folder is read-only; searching the index as it is</source>
            <translation>提示：索引文件夹只读，按现有索引搜索</translation>
        </message>
        <message>
            <source>no articles found</source>
            <translation>没有找到文章</translation>
        </message>
        <message>
            <source>(no article has every word; showing those with some)</source>
            <translation>（没有文章包含所有的词，显示包含部分词的文章）</translation>
        </message>
        <message>
            <source>{n} files checked: {errors} errors, {warnings} warnings</source>
            <translation>已检查 {n} 个文件：{errors} 个错误，{warnings} 个警告</translation>
        </message>
        <message>
            <source>no versions yet</source>
            <translation>还没有版本</translation>
        </message>
        <message>
            <source>line {line}: {level}: {message} [{rule}]</source>
            <translation>第 {line} 行：{level}：{message} [{rule}]</translation>
        </message>
        <message>
            <source>{path}: {summary}{commit} by {name}</source>
            <translation>{path}：{summary}{commit}，操作人 {name}</translation>
        </message>
        <message>
            <source>{source}: not imported: {reason}</source>
            <translation>{source}：没有导入：{reason}</translation>
        </message>
        <message>
            <source>→ (new version)</source>
            <translation>→（新版本）</translation>
        </message>
        <message>
            <source>= unchanged:</source>
            <translation>= 未变：</translation>
        </message>
        <message>
            <source>→ (a draft beside your edited article)</source>
            <translation>→（放在你编辑过的文章旁边的草稿）</translation>
        </message>
        <message>
            <source>{n} sections</source>
            <translation>{n} 节</translation>
        </message>
        <message>
            <source>removed: {what}</source>
            <translation>已去掉：{what}</translation>
        </message>
        <message>
            <source>{done} of {n} imported</source>
            <translation>已导入 {done} / {n}</translation>
        </message>
        <message>
            <source>{done} of {n} importable</source>
            <translation>可导入 {done} / {n}</translation>
        </message>
        <message>
            <source> ({commit}, by {name})</source>
            <translation>（{commit}，操作人 {name}）</translation>
        </message>
        <message>
            <source>no such file or folder: {path}</source>
            <translation>没有这个文件或文件夹：{path}</translation>
        </message>
        <message>
            <source> ✔ agents see this</source>
            <translation> ✔ 坐席看到的版本</translation>
        </message>
        <message>
            <source> (was approved)</source>
            <translation>（曾经批准）</translation>
        </message>
        <message>
            <source>note: {text}</source>
            <translation>提示：{text}</translation>
        </message>
        <message>
            <source>id: {id}   kind: {kind}   status: {status}   path: {path}</source>
            <translation>id：{id}   类型：{kind}   状态：{status}   路径：{path}</translation>
        </message>
        <message>
            <source>category: {category}   tags: {tags}</source>
            <translation>分类：{category}   标签：{tags}</translation>
        </message>
        <message>
            <source>say what to look for, or choose --kind, --category or --tag to list their articles</source>
            <translation>请说要找什么，或用 --kind、--category、--tag 列出其中的文章</translation>
        </message>
        <message>
            <source>Knowledge base and reply scripts for customer service. Without a command, opens the window.</source>
            <translation>客服知识库与回复话术。不带命令时打开窗口。</translation>
        </message>
        <message>
            <source>show this help message and exit</source>
            <translation>显示这段帮助并退出</translation>
        </message>
        <message>
            <source>show program's version number and exit</source>
            <translation>显示版本号并退出</translation>
        </message>
        <message>
            <source>content folder (default: $KBDESK_CONTENT, the 'content' preference, or your own copy of the sample knowledge base)</source>
            <translation>内容文件夹（默认：$KBDESK_CONTENT、设置中的 content，或你自己的示例知识库副本）</translation>
        </message>
        <message>
            <source>index folder (default: $KBDESK_INDEX_DIR or a folder in your cache)</source>
            <translation>索引文件夹（默认：$KBDESK_INDEX_DIR 或缓存中的一个文件夹）</translation>
        </message>
        <message>
            <source>bring the search index up to date</source>
            <translation>更新搜索索引</translation>
        </message>
        <message>
            <source>search the knowledge base</source>
            <translation>搜索知识库</translation>
        </message>
        <message>
            <source>print an article</source>
            <translation>显示一篇文章</translation>
        </message>
        <message>
            <source>validate every article</source>
            <translation>检查所有文章</translation>
        </message>
        <message>
            <source>record an article as it is on disk as a new version</source>
            <translation>把磁盘上的文章记录为一个新版本</translation>
        </message>
        <message>
            <source>list the versions of an article</source>
            <translation>列出一篇文章的版本</translation>
        </message>
        <message>
            <source>word-level changes between two versions (default: last version → file on disk)</source>
            <translation>两个版本之间逐词的改动（默认：最后一个版本 → 磁盘上的文件）</translation>
        </message>
        <message>
            <source>bring back an old version as a new version</source>
            <translation>把一个旧版本恢复为新版本</translation>
        </message>
        <message>
            <source>send an article for review</source>
            <translation>提交一篇文章审核</translation>
        </message>
        <message>
            <source>approve an article in review: agents see this wording from now on</source>
            <translation>批准审核中的文章：从现在起坐席看到这一版措辞</translation>
        </message>
        <message>
            <source>withdraw an article from agents</source>
            <translation>从坐席那里撤下一篇文章</translation>
        </message>
        <message>
            <source>check wording against the team's rules (.kbdesk/lint.yaml)</source>
            <translation>按团队规则检查措辞（.kbdesk/lint.yaml）</translation>
        </message>
        <message>
            <source>import documents (.docx, .html, .txt in any Chinese encoding, .xlsx/.csv FAQ sheets) as articles</source>
            <translation>把文档（.docx、.html、任意中文编码的 .txt、.xlsx/.csv 常见问题表）导入为文章</translation>
        </message>
        <message>
            <source>rebuild from scratch</source>
            <translation>从头重建</translation>
        </message>
        <message>
            <source>print what changed as JSON</source>
            <translation>以 JSON 输出改动</translation>
        </message>
        <message>
            <source>what to look for (Chinese, pinyin, English terms); without it, --kind, --category or --tag lists their articles by title</source>
            <translation>要找什么（中文、拼音、英文词）；不写时，--kind、--category 或 --tag 按标题列出其中的文章</translation>
        </message>
        <message>
            <source>show these statuses (default: approved only, as agents see it)</source>
            <translation>显示这些状态的文章（默认：只显示已批准的，与坐席看到的一样）</translation>
        </message>
        <message>
            <source>print results as JSON</source>
            <translation>以 JSON 输出结果</translation>
        </message>
        <message>
            <source>article id or path</source>
            <translation>文章 id 或路径</translation>
        </message>
        <message>
            <source>plain text, as it is copied (without the notes for agents)</source>
            <translation>纯文本，与复制的一样（不含给坐席的提示）</translation>
        </message>
        <message>
            <source>act as this person (a name or e-mail; default: your configured identity)</source>
            <translation>以这个人的身份操作（姓名或邮箱；默认：你设置的身份）</translation>
        </message>
        <message>
            <source>what changed (default: 'Edit &lt;title&gt;')</source>
            <translation>改了什么（默认：'Edit &lt;标题&gt;'）</translation>
        </message>
        <message>
            <source>version number (1 = oldest) or commit id</source>
            <translation>版本号（1 = 最早）或提交 id</translation>
        </message>
        <message>
            <source>one article (default: all)</source>
            <translation>一篇文章（默认：全部）</translation>
        </message>
        <message>
            <source>files, or folders (searched recursively)</source>
            <translation>文件或文件夹（递归查找）</translation>
        </message>
        <message>
            <source>default: guessed</source>
            <translation>默认：自动判断</translation>
        </message>
        <message>
            <source>the category of every article imported</source>
            <translation>每篇导入文章的分类</translation>
        </message>
        <message>
            <source>a tag for every article (repeatable)</source>
            <translation>每篇文章的标签（可重复）</translation>
        </message>
        <message>
            <source>approved: take the documents over as the team's approved wording</source>
            <translation>approved：把这些文档作为团队已批准的措辞接收</translation>
        </message>
        <message>
            <source>one article per top-level section, linked to each other and to an overview article</source>
            <translation>每个顶层章节一篇文章，彼此链接，并链接到一篇总览文章</translation>
        </message>
        <message>
            <source>show what each file would become and what cleaning would remove; write nothing</source>
            <translation>显示每个文件会变成什么、清理会去掉什么；不写入任何内容</translation>
        </message>
        <message>
            <source>one object per source</source>
            <translation>每个来源一个对象</translation>
        </message>
        <message>
            <source>the articles in review: who sent them, and whether you may approve each</source>
            <translation>审核中的文章：谁提交的，你能否批准每一篇</translation>
        </message>
        <message>
            <source>nothing is in review</source>
            <translation>没有审核中的文章</translation>
        </message>
        <message>
            <source>you may approve it</source>
            <translation>你可以批准</translation>
        </message>
        <message>
            <source>{title} ({path}) · sent by {who} {when} · {verdict}</source>
            <translation>{title}（{path}）· {who} 于 {when} 提交 · {verdict}</translation>
        </message>
        <message>
            <source>the window acts as this person (a lead's name or e-mail; not saved)</source>
            <translation>窗口以这个人的身份操作（主管的姓名或邮箱；不保存）</translation>
        </message>
        <message>
            <source>set up this desktop from the team's repository (a lead gets the leads' branch too; an agent only the approved wording)</source>
            <translation>用团队的仓库设置这台电脑（主管还会得到主管的分支，坐席只得到已批准的措辞）</translation>
        </message>
        <message>
            <source>ssh://…, https://…, user@host:path, or a folder (a bare repository)</source>
            <translation>ssh://…、https://…、user@host:path，或一个文件夹（裸仓库）</translation>
        </message>
        <message>
            <source>where (default: a new folder named after the URL)</source>
            <translation>放在哪里（默认：以地址命名的新文件夹）</translation>
        </message>
        <message>
            <source>show or set the team's repository of the content folder</source>
            <translation>显示或设置内容文件夹的团队仓库</translation>
        </message>
        <message>
            <source>bring this desktop up to date with the team's repository (leads also send their changes)</source>
            <translation>让这台电脑和团队仓库保持一致（主管还会发出自己的改动）</translation>
        </message>
        <message>
            <source>keep the password for the team's https repository in the system keyring (read from standard input)</source>
            <translation>把团队 https 仓库的密码保存在系统钥匙串中（从标准输入读取）</translation>
        </message>
        <message>
            <source>remove it from the keyring instead</source>
            <translation>改为从钥匙串中删除</translation>
        </message>
        <message>
            <source>articles where another lead's wording won in a sync, and yours is kept as a version</source>
            <translation>同步时另一位主管的措辞胜出、您的措辞保留为版本的文章</translation>
        </message>
        <message>
            <source>end a conflict: keep the team's wording, or make yours the new version</source>
            <translation>结束冲突：保留团队的措辞，或把您的措辞作为新版本</translation>
        </message>
        <message>
            <source>{path}: {what}</source>
            <translation>{path}：{what}</translation>
        </message>
        <message>
            <source>newly approved</source>
            <translation>新批准</translation>
        </message>
        <message>
            <source>approved wording changed</source>
            <translation>已批准的措辞有改动</translation>
        </message>
        <message>
            <source>retired</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>changed by other leads</source>
            <translation>其他主管改过</translation>
        </message>
        <message>
            <source>your approval was not sent: another lead changed it meanwhile; in review again</source>
            <translation>您的批准没有发出：期间另一位主管改过它；重新进入审核</translation>
        </message>
        <message>
            <source>changed on this desktop: left as it is</source>
            <translation>在这台电脑上改过：保持原样</translation>
        </message>
        <message>
            <source>{path}: conflict: {name}'s wording is in the file, yours is version {version} (kbdesk conflicts)</source>
            <translation>{path}：冲突：文件中是 {name} 的措辞，您的是版本 {version}（kbdesk conflicts）</translation>
        </message>
        <message>
            <source>Up to date.</source>
            <translation>已是最新。</translation>
        </message>
        <message>
            <source>User name for {url}: </source>
            <translation>{url} 的用户名：</translation>
        </message>
        <message>
            <source>Password for {user}: </source>
            <translation>{user} 的密码：</translation>
        </message>
        <message>
            <source>a lead's desktop</source>
            <translation>主管的电脑</translation>
        </message>
        <message>
            <source>an agent's desktop</source>
            <translation>坐席的电脑</translation>
        </message>
        <message>
            <source>Cloned {url} into {folder}: {role}, {count} approved articles.</source>
            <translation>已把 {url} 克隆到 {folder}：{role}，{count} 篇已批准的文章。</translation>
        </message>
        <message>
            <source>Open it with: kbdesk --content {folder}</source>
            <translation>打开方式：kbdesk --content {folder}</translation>
        </message>
        <message>
            <source>no team repository is set: kbdesk remote URL sets it</source>
            <translation>还没有设置团队仓库：用 kbdesk remote 地址 设置</translation>
        </message>
        <message>
            <source>the team's repository is not an https:// URL: nothing to log in to</source>
            <translation>团队仓库不是 https:// 地址：不需要登录</translation>
        </message>
        <message>
            <source>The password is kept in the system keyring.</source>
            <translation>密码已保存在系统钥匙串中。</translation>
        </message>
        <message>
            <source>{path}: {name}'s wording is in the file ({places} places differ); yours is version {version}</source>
            <translation>{path}：文件中是 {name} 的措辞（{places} 处不同）；您的是版本 {version}</translation>
        </message>
        <message>
            <source>No conflicts.</source>
            <translation>没有冲突。</translation>
        </message>
        <message>
            <source>{path}: {summary}</source>
            <translation>{path}：{summary}</translation>
        </message>
        <message>
            <source>sent {branch} (+{count})</source>
            <translation>已发出 {branch}（+{count}）</translation>
        </message>
        <message>
            <source>{path}: {name}'s wording is in the file (places that differ: {places}); yours is version {version}</source>
            <translation>{path}：文件中是 {name} 的措辞（不同之处：{places}）；您的是版本 {version}</translation>
        </message>
        <message>
            <source>{path}: changed on this desktop; the approved wording replaced it, your copy is {copy}</source>
            <translation>{path}：在这台电脑上被改过；已用批准的措辞替换，您的副本在 {copy}</translation>
        </message>
        <message>
            <source>your approval was not sent: another lead changed it meanwhile</source>
            <translation>您的批准没有发出：期间另一位主管改过它</translation>
        </message>
        <message>
            <source>what the team copies and searches for, and what needs a lead (the dashboard's figures)</source>
            <translation>团队复制和搜索了什么，以及需要主管处理的事（数据看板的数字）</translation>
        </message>
        <message>
            <source>the last N days (default 30)</source>
            <translation>最近 N 天（默认 30）</translation>
        </message>
        <message>
            <source>Last {days} days, {desktops}: {copies} copies, {searches} searches.</source>
            <translation>最近 {days} 天，{desktops}：复制 {copies} 次，搜索 {searches} 次。</translation>
        </message>
        <message>
            <source>{n} desktops</source>
            <translation>{n} 台电脑</translation>
        </message>
        <message>
            <source>this desktop only</source>
            <translation>仅这台电脑</translation>
        </message>
        <message>
            <source>Most copied</source>
            <translation>复制最多</translation>
        </message>
        <message>
            <source>Approved, never copied</source>
            <translation>已批准但从未被复制</translation>
        </message>
        <message>
            <source>Searches that failed (found, nothing opened or copied)</source>
            <translation>失败的搜索（有结果，但没有打开或复制）</translation>
        </message>
        <message>
            <source>Searches that found nothing</source>
            <translation>没有结果的搜索</translation>
        </message>
        <message>
            <source>Past their review date</source>
            <translation>已过复审日期</translation>
        </message>
        <message>
            <source>In review</source>
            <translation>审核中</translation>
        </message>
        <message>
            <source>Drafts older than 30 days</source>
            <translation>超过 30 天的草稿</translation>
        </message>
        <message>
            <source>usage: </source>
            <translation>用法：</translation>
        </message>
        <message>
            <source>options</source>
            <translation>选项</translation>
        </message>
        <message>
            <source>positional arguments</source>
            <translation>位置参数</translation>
        </message>
        <message>
            <source>the following arguments are required: %s</source>
            <translation>缺少这些参数：%s</translation>
        </message>
        <message>
            <source>invalid choice: %(value)r (choose from %(choices)s)</source>
            <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
        </message>
        <message>
            <source>unrecognized arguments: %s</source>
            <translation>不认识的参数：%s</translation>
        </message>
        <message>
            <source>expected one argument</source>
            <translation>需要一个参数值</translation>
        </message>
        <message>
            <source>expected at least one argument</source>
            <translation>至少需要一个参数值</translation>
        </message>
        <message>
            <source>expected at most one argument</source>
            <translation>最多只能有一个参数值</translation>
        </message>
        <message>
            <source>argument %(argument_name)s: %(message)s</source>
            <translation>参数 %(argument_name)s：%(message)s</translation>
        </message>
        <message>
            <source>invalid %(type)s value: %(value)r</source>
            <translation>无效的 %(type)s 值：%(value)r</translation>
        </message>
        <message>
            <source>ambiguous option: %(option)s could match %(matches)s</source>
            <translation>选项不明确：%(option)s 可能是 %(matches)s</translation>
        </message>
        <message>
            <source>not allowed with argument %s</source>
            <translation>不能与参数 %s 一起使用</translation>
        </message>
        <message>
            <source>one of the arguments %s is required</source>
            <translation>需要参数 %s 之一</translation>
        </message>
        <message>
            <source>expected %s argument</source>
            <translation>需要 %s 个参数值</translation>
        </message>
        <message>
            <source>expected %s arguments</source>
            <translation>需要 %s 个参数值</translation>
        </message>
        <message>
            <source>{message} (kbdesk --help lists the commands)</source>
            <translation>{message}（kbdesk --help 列出所有命令）</translation>
        </message>
        <message>
            <source>reading the meaning of {n} passages (once: it is kept)</source>
            <translation>正在读取 {n} 个段落的含义（仅此一次，结果会保存）</translation>
        </message>
        <message>
            <source>meaning: {n} passages read</source>
            <translation>含义：已读取 {n} 个段落</translation>
        </message>
        <message>
            <source>note: matching by meaning is off for this search ({error})</source>
            <translation>提示：本次搜索未按含义匹配（{error}）</translation>
        </message>
    </context>
    <context>
        <name>FirstRunDialog</name>
        <message>
            <source>Open a knowledge base</source>
            <translation>打开知识库</translation>
        </message>
        <message>
            <source>The knowledge base {path} cannot be opened</source>
            <translation>无法打开知识库 {path}</translation>
        </message>
        <message>
            <source>{reason}

Choose the team's content folder, or start from the sample knowledge base in this folder.</source>
            <translation>{reason}

请选择团队的内容文件夹，或在这个文件夹中从示例知识库开始。</translation>
        </message>
        <message>
            <source>Choose a content folder…</source>
            <translation>选择内容文件夹…</translation>
        </message>
        <message>
            <source>Start from the sample knowledge base here</source>
            <translation>在这里从示例知识库开始</translation>
        </message>
        <message>
            <source>Use the team's repository (comes with team sync)</source>
            <translation>使用团队仓库（团队同步功能推出后可用）</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Choose a content folder</source>
            <translation>选择内容文件夹</translation>
        </message>
        <message>
            <source>{path} already exists</source>
            <translation>{path} 已存在</translation>
        </message>
        <message>
            <source>The sample could not be copied there: {reason}</source>
            <translation>无法把示例复制到那里：{reason}</translation>
        </message>
        <message>
            <source>{reason}

Choose the team's content folder, set this desktop up from the team's repository, or start from the sample knowledge base in this folder.</source>
            <translation>{reason}

请选择团队的内容文件夹，或用团队仓库设置这台电脑，或在这个文件夹中从示例知识库开始。</translation>
        </message>
        <message>
            <source>Set up from the team's repository…</source>
            <translation>用团队仓库设置…</translation>
        </message>
        <message>
            <source>Repository</source>
            <translation>仓库</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>您的名字</translation>
        </message>
        <message>
            <source>as the team's leads file has it, if you are a lead</source>
            <translation>如果您是主管，请与团队主管名单中的写法一致</translation>
        </message>
        <message>
            <source>Clone into {path}</source>
            <translation>克隆到 {path}</translation>
        </message>
        <message>
            <source>Cloning {url}…</source>
            <translation>正在克隆 {url}…</translation>
        </message>
    </context>
    <context>
        <name>ProblemsBadge</name>
        <message>
            <source>duplicate id {id} (also in {others})</source>
            <translation>id {id} 重复（{others} 也用了它）</translation>
        </message>
        <message>
            <source>1 file has a problem</source>
            <translation>1 个文件有问题</translation>
        </message>
        <message>
            <source>{n} files have problems</source>
            <translation>{n} 个文件有问题</translation>
        </message>
        <message>
            <source>Files agents cannot use: click for the list</source>
            <translation>坐席无法使用的文件：点击查看列表</translation>
        </message>
    </context>
    <context>
        <name>ProblemsDialog</name>
        <message>
            <source>Files with problems</source>
            <translation>有问题的文件</translation>
        </message>
        <message>
            <source>These files are left out of the search until they are fixed; the rest of the knowledge base works. A lead fixes them in the content folder (kbdesk check lists them too).</source>
            <translation>这些文件修好之前不会出现在搜索中，知识库的其他部分照常可用。请主管在内容文件夹中修复（kbdesk check 也会列出它们）。</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
    </context>
    <context>
        <name>ReviewQueueDialog</name>
        <message>
            <source>Review queue</source>
            <translation>审核队列</translation>
        </message>
        <message>
            <source>Nothing is in review.</source>
            <translation>没有审核中的文章。</translation>
        </message>
        <message>
            <source>Articles waiting for approval. Double-click one to open it.</source>
            <translation>等待批准的文章。双击打开。</translation>
        </message>
        <message>
            <source>Article</source>
            <translation>文章</translation>
        </message>
        <message>
            <source>Sent by</source>
            <translation>提交人</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>You</source>
            <translation>你</translation>
        </message>
        <message>
            <source>may approve</source>
            <translation>可以批准</translation>
        </message>
    </context>
    <context>
        <name>ApproveDialog</name>
        <message>
            <source>Approve “{title}”</source>
            <translation>批准“{title}”</translation>
        </message>
        <message>
            <source>Agents will see the wording on the right at once, instead of the one on the left.</source>
            <translation>坐席会立即看到右边的措辞，不再是左边的。</translation>
        </message>
        <message>
            <source>Agents do not see this article yet: they will see this wording at once.</source>
            <translation>坐席还看不到这篇文章：批准后会立即看到这一版措辞。</translation>
        </message>
        <message>
            <source>Agents see now</source>
            <translation>坐席现在看到的</translation>
        </message>
        <message>
            <source>Nothing yet</source>
            <translation>还没有</translation>
        </message>
        <message>
            <source>To approve</source>
            <translation>要批准的</translation>
        </message>
        <message>
            <source>Checks: no problems found</source>
            <translation>检查：没有发现问题</translation>
        </message>
        <message>
            <source>Checks: {errors}, {warnings}</source>
            <translation>检查：{errors}，{warnings}</translation>
        </message>
        <message>
            <source>{n} error</source>
            <translation>{n} 个错误</translation>
        </message>
        <message>
            <source>{n} errors</source>
            <translation>{n} 个错误</translation>
        </message>
        <message>
            <source>{n} warning</source>
            <translation>{n} 个警告</translation>
        </message>
        <message>
            <source>{n} warnings</source>
            <translation>{n} 个警告</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>批准</translation>
        </message>
    </context>
    <context>
        <name>SyncStatus</name>
        <message>
            <source>Syncing…</source>
            <translation>正在同步…</translation>
        </message>
        <message>
            <source>Synced {time}</source>
            <translation>已同步 {time}</translation>
        </message>
        <message>
            <source>Offline · last synced {time}</source>
            <translation>离线 · 上次同步 {time}</translation>
        </message>
        <message>
            <source>Offline · not synced yet</source>
            <translation>离线 · 还没有同步过</translation>
        </message>
        <message>
            <source>Login refused · click to log in</source>
            <translation>登录被拒绝 · 点击登录</translation>
        </message>
        <message>
            <source>Sync failed</source>
            <translation>同步失败</translation>
        </message>
        <message>
            <source>{n} conflict</source>
            <translation>{n} 个冲突</translation>
        </message>
        <message>
            <source>{n} conflicts</source>
            <translation>{n} 个冲突</translation>
        </message>
        <message>
            <source>Sync with the team's repository now (F5)</source>
            <translation>现在与团队仓库同步（F5）</translation>
        </message>
        <message>
            <source>Sync failed · last synced {time}</source>
            <translation>同步失败 · 上次同步 {time}</translation>
        </message>
    </context>
    <context>
        <name>RemoteDialog</name>
        <message>
            <source>Team repository</source>
            <translation>团队仓库</translation>
        </message>
        <message>
            <source>The git repository on the team's server that every desktop syncs with: ssh://…, https://…, user@host:path, or a folder on a share.</source>
            <translation>团队服务器上的 git 仓库，每台电脑都与它同步：ssh://…、https://…、user@host:path，或共享盘上的一个文件夹。</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Log in to the team's repository</source>
            <translation>登录团队仓库</translation>
        </message>
        <message>
            <source>Keep the password in the system keyring</source>
            <translation>把密码保存在系统钥匙串中</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
    </context>
    <context>
        <name>ConflictsDialog</name>
        <message>
            <source>Conflicts</source>
            <translation>冲突</translation>
        </message>
        <message>
            <source>Keep the team's wording</source>
            <translation>保留团队的措辞</translation>
        </message>
        <message>
            <source>Use my wording</source>
            <translation>用我的措辞</translation>
        </message>
        <message>
            <source>Open in the editor</source>
            <translation>在编辑器中打开</translation>
        </message>
        <message>
            <source>No conflicts: every article has one wording.</source>
            <translation>没有冲突：每篇文章都只有一种措辞。</translation>
        </message>
        <message>
            <source>Another lead changed these articles where you did. Their wording is in the file; yours is kept as a version until you choose.</source>
            <translation>另一位主管在您改过的地方也改了这些文章。文件中是对方的措辞；您的措辞保留为一个版本，等您决定。</translation>
        </message>
        <message>
            <source>In the file ({name})</source>
            <translation>文件中（{name}）</translation>
        </message>
        <message>
            <source>Yours (version {version})</source>
            <translation>您的（版本 {version}）</translation>
        </message>
        <message>
            <source>Found in the sync of {when}.</source>
            <translation>在 {when} 的同步中发现。</translation>
        </message>
    </context>
    <context>
        <name>DashboardWindow</name>
        <message>
            <source>Last {days} days: {copies}, {searches}</source>
            <translation>最近 {days} 天：{copies}，{searches}</translation>
        </message>
        <message>
            <source>{n} copy</source>
            <translation>复制 {n} 次</translation>
        </message>
        <message>
            <source>{n} copies</source>
            <translation>复制 {n} 次</translation>
        </message>
        <message>
            <source>{n} search</source>
            <translation>搜索 {n} 次</translation>
        </message>
        <message>
            <source>{n} searches</source>
            <translation>搜索 {n} 次</translation>
        </message>
        <message>
            <source>The counts of {n} desktop, through the team's repository.</source>
            <translation>{n} 台电脑的统计，通过团队仓库汇总。</translation>
        </message>
        <message>
            <source>The counts of {n} desktops, through the team's repository.</source>
            <translation>{n} 台电脑的统计，通过团队仓库汇总。</translation>
        </message>
        <message>
            <source>Only this desktop's counts: the other desktops' come with team sync (Sync ▸ Team repository…).</source>
            <translation>只有这台电脑的统计：其他电脑的统计要通过团队同步获得（同步 ▸ 团队仓库…）。</translation>
        </message>
        <message>
            <source>Article</source>
            <translation>文章</translation>
        </message>
        <message>
            <source>Copies</source>
            <translation>复制次数</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>搜索词</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>Searches</source>
            <translation>搜索次数</translation>
        </message>
        <message>
            <source>Found nothing</source>
            <translation>没有结果</translation>
        </message>
        <message>
            <source>Review by</source>
            <translation>复审日期</translation>
        </message>
        <message>
            <source>Sent by</source>
            <translation>提交人</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Last changed</source>
            <translation>最后修改</translation>
        </message>
        <message>
            <source>Most copied</source>
            <translation>复制最多</translation>
        </message>
        <message>
            <source>Least copied</source>
            <translation>复制最少</translation>
        </message>
        <message>
            <source>Never copied</source>
            <translation>从未复制</translation>
        </message>
        <message>
            <source>Failed searches</source>
            <translation>失败的搜索</translation>
        </message>
        <message>
            <source>Past review date</source>
            <translation>已过复审日期</translation>
        </message>
        <message>
            <source>In review</source>
            <translation>审核中</translation>
        </message>
        <message>
            <source>Drafts over 30 days</source>
            <translation>超过 30 天的草稿</translation>
        </message>
        <message>
            <source>Export the table</source>
            <translation>导出表格</translation>
        </message>
        <message>
            <source>Export the chart</source>
            <translation>导出图表</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>数据看板</translation>
        </message>
        <message>
            <source>Last {days} days</source>
            <translation>最近 {days} 天</translation>
        </message>
        <message>
            <source>Write an article for this search…</source>
            <translation>为这个搜索写一篇文章…</translation>
        </message>
        <message>
            <source>Export table (CSV)…</source>
            <translation>导出表格（CSV）…</translation>
        </message>
        <message>
            <source>Export chart (PNG)…</source>
            <translation>导出图表（PNG）…</translation>
        </message>
        <message>
            <source>Copies per day, all desktops</source>
            <translation>每天的复制次数（所有电脑）</translation>
        </message>
        <message>
            <source>Only this desktop's counts so far: the other desktops' arrive as they sync.</source>
            <translation>目前只有这台电脑的统计：其他电脑的统计会在它们同步时到达。</translation>
        </message>
        <message>
            <source>Saved {path}</source>
            <translation>已保存到 {path}</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>last {days} days</source>
            <translation>最近 {days} 天</translation>
        </message>
    </context>
</TS>
