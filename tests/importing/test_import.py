"""``kbdesk import`` as a lead runs it, on documents made in the test in every
format and encoding, into a real knowledge base with its git history."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from dulwich.repo import Repo

from tests.conftest import write, write_team_settings

GUIDE = """客户服务指南.docxVIP
2345人看过
客户服务指南
一、电话礼仪
接听电话时，铃声响三声内接起，并主动报出工號(hào)牌号码。
使用标准开场白：您好，很高兴为您服务。
二、投诉处理
客户投诉时先安抚情绪，不要打断客户讲话。
1、记录客户的诉求。
2、在一个工作日内回复。
已阅读3页，剩余5页未读
下载本文档
"""

PAGE = """<html><head><meta charset="gbk"><title>修改收货地址 - 帮助中心</title></head><body>
<nav><a href="/">首页</a> | <a>帮助中心</a> | <a>登录</a></nav>
<article><h1>修改收货地址</h1><p>订单发货前，客户可以在“我的订单”中修改收货地址，修改后系统会重新计算运费。</p>
<h2>已经发货怎么办</h2><ul><li>联系快递改派</li><li>拒收后重新下单</li></ul>
<table><tr><th>方式</th><th>时效</th></tr><tr><td>改派</td><td>1 天</td></tr></table></article>
<footer>举报电话 12345 | 关于我们</footer></body></html>"""


def kbdesk(root, *args, index_dir=None):
    env = {**os.environ}
    if index_dir:
        env["KBDESK_INDEX_DIR"] = str(index_dir)
    return subprocess.run([sys.executable, "-m", "kbdesk", "--content", str(root), *args], capture_output=True,
                          text=True, timeout=180, env=env, stdin=subprocess.DEVNULL)


@pytest.fixture
def docs(tmp_path):
    import docx
    import openpyxl

    d = tmp_path / "old documents"
    d.mkdir()
    (d / "指南.txt").write_bytes(GUIDE.encode("gbk"))
    (d / "退款說明.txt").write_bytes("退款說明\n問：退款多久到帳？\n答：一般三到七個工作日。\n"
                                   "問：可以退到別的卡嗎？\n答：不可以，只能原路退回。\n".encode("big5"))
    (d / "notepad.txt").write_bytes("记事本保存的退款须知\n退款须知：审核通过后原路退回。\n".encode("utf-16"))
    (d / "help.html").write_bytes(PAGE.encode("gbk"))
    document = docx.Document()
    document.add_heading("会员权益说明", 1)
    document.add_paragraph("VIP 会员享受免运费和专属客服。").runs[0].bold = True
    document.add_heading("开通方式", 2)
    document.add_paragraph("在 APP 的“我的”页面开通。", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "等级", (0, 1): "价格", (1, 0): "月卡", (1, 1): "15元"}.items():
        table.cell(r, c).text = text
    document.save(d / "会员.docx")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "物流"
    sheet.append(["问题", "答案", "标签"])
    sheet.append(["快递多久能到？", "一般三天内送达。", "物流,时效"])
    sheet.append(["能指定快递公司吗？", "暂不支持指定快递公司。", ""])
    book.save(d / "faq.xlsx")
    (d / "常见问题.csv").write_text("问,答,分类\n发票怎么开？,在订单详情页申请电子发票。,发票\n", encoding="gbk")
    (d / "坏的.docx").write_bytes(b"this is not a zip file")
    (d / "加密.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))  # an encrypted (OLE) workbook
    (d / "二进制.txt").write_bytes(bytes(range(256)) * 8)
    (d / "空.txt").write_bytes(b"")
    return d


@pytest.fixture
def kb(content):
    write_team_settings(content)
    return content


def test_import_every_format_as_one_commit_of_the_lead(kb, docs, tmp_path):
    done = kbdesk(kb, "import", str(docs), "--json", "--as", "王敏", index_dir=tmp_path / "ix")
    assert done.returncode == 1  # some files could not be imported, and said so
    result = {r["source"]: r for r in json.loads(done.stdout)}
    for source in ("坏的.docx", "加密.xlsx", "二进制.txt", "空.txt"):
        assert result[source]["error"] and result[source]["path"] is None, source
    assert "password" in result["坏的.docx"]["error"] and "empty" in result["空.txt"]["error"]
    ok = {s: r for s, r in result.items() if not r["error"]}
    assert set(ok) == {"指南.txt", "退款說明.txt", "notepad.txt", "help.html", "会员.docx", "faq.xlsx#1",
                       "faq.xlsx#2", "常见问题.csv#1"}
    assert ok["指南.txt"]["encoding"] == "gb18030" and ok["退款說明.txt"]["encoding"] == "big5"
    assert ok["notepad.txt"]["encoding"] == "utf-16" and ok["help.html"]["encoding"] == "gb18030"
    assert ok["退款說明.txt"]["kind"] == "faq" and ok["faq.xlsx#1"]["kind"] == "faq"
    assert ok["指南.txt"]["kind"] == "standard" and ok["指南.txt"]["sections"] == 2
    assert ok["指南.txt"]["removed"]["boilerplate"] == 4 and ok["指南.txt"]["removed"]["pinyin"] == 1
    assert ok["faq.xlsx#1"]["category"] == "物流" and ok["常见问题.csv#1"]["category"] == "发票"
    assert all(r["status"] == "draft" for r in ok.values())

    guide = (kb / ok["指南.txt"]["path"]).read_text(encoding="utf-8")
    assert "## 电话礼仪" in guide and "1. 记录客户的诉求。" in guide and "工號牌号码" in guide
    for gone in ("人看过", "下载本文档", "已阅读", "(hào)", "docxVIP"):
        assert gone not in guide
    assert "source: 指南.txt" in guide and "source_sha256:" in guide and "imported:" in guide
    page = (kb / ok["help.html"]["path"]).read_text(encoding="utf-8")
    assert "## 已经发货怎么办" in page and "- 联系快递改派" in page and "| 改派 | 1 天 |" in page
    assert "首页" not in page and "举报" not in page and "登录" not in page
    word = (kb / ok["会员.docx"]["path"]).read_text(encoding="utf-8")
    assert "\n## 开通方式\n" in word and "**VIP 会员享受免运费和专属客服。**" in word and "| 月卡 | 15元 |" in word
    row = (kb / ok["faq.xlsx#1"]["path"]).read_text(encoding="utf-8")
    assert "# 快递多久能到？" in row and "一般三天内送达。" in row and "物流" in row and "时效" in row

    repo = Repo(str(kb))
    head = repo[repo.refs[b"HEAD"]]
    assert head.message.decode().split("\n")[0] == "Import 8 documents" and head.author.decode().startswith("王敏")
    # Leads find the drafts at once; agents do not.
    leads = kbdesk(kb, "search", "工号牌", "--status", "draft", "--json", index_dir=tmp_path / "ix")
    assert ok["指南.txt"]["path"] in [h["path"] for h in json.loads(leads.stdout)]
    agents = json.loads(kbdesk(kb, "search", "工号牌", "--json", index_dir=tmp_path / "ix").stdout)
    assert ok["指南.txt"]["path"] not in [h["path"] for h in agents]


def test_dry_run_writes_nothing_and_shows_what_cleaning_removes(kb, docs, tmp_path):
    before = sorted(p.relative_to(kb) for p in kb.rglob("*") if ".git" not in p.parts)
    done = kbdesk(kb, "import", str(docs / "指南.txt"), "--dry-run", "--as", "王敏", index_dir=tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    assert "boilerplate: 2345人看过" in done.stdout and "pinyin: (hào)" in done.stdout
    assert sorted(p.relative_to(kb) for p in kb.rglob("*") if ".git" not in p.parts) == before


def test_reimport_same_changed_and_edited_sources(kb, docs, tmp_path):
    ix = tmp_path / "ix"
    guide = docs / "指南.txt"
    first = json.loads(kbdesk(kb, "import", str(guide), "--json", "--as", "王敏", index_dir=ix).stdout)[0]
    again = json.loads(kbdesk(kb, "import", str(guide), "--json", "--as", "王敏", index_dir=ix).stdout)[0]
    assert again["action"] == "unchanged" and again["path"] == first["path"]
    guide.write_bytes((GUIDE + "三、结束语\n感谢来电。\n").encode("gbk"))
    changed = json.loads(kbdesk(kb, "import", str(guide), "--json", "--as", "王敏", index_dir=ix).stdout)[0]
    assert changed["action"] == "update" and changed["path"] == first["path"]
    assert "## 结束语" in (kb / first["path"]).read_text(encoding="utf-8")
    # A lead edits the article; the next import never goes over that wording.
    article = kb / first["path"]
    article.write_text(article.read_text(encoding="utf-8").replace("感谢来电。", "感谢您的来电，再见。"),
                       encoding="utf-8")
    assert kbdesk(kb, "save", first["path"], "-m", "主管修改", "--as", "刘芳").returncode == 0
    guide.write_bytes((GUIDE + "三、结束语\n谢谢。\n").encode("gbk"))
    beside = json.loads(kbdesk(kb, "import", str(guide), "--json", "--as", "王敏", index_dir=ix).stdout)[0]
    assert beside["action"] == "beside" and beside["path"] != first["path"]
    assert "感谢您的来电，再见。" in article.read_text(encoding="utf-8")
    assert "谢谢。" in (kb / beside["path"]).read_text(encoding="utf-8")


def test_import_as_approved_is_what_agents_see_and_agents_may_not_import(kb, docs, tmp_path):
    ix = tmp_path / "ix"
    refused = kbdesk(kb, "import", str(docs / "faq.xlsx"), "--as", "小李", index_dir=ix)
    assert refused.returncode == 4 and "only leads" in refused.stderr
    done = kbdesk(kb, "import", str(docs / "faq.xlsx"), "--status", "approved", "--json", "--as", "王敏",
                  index_dir=ix)
    assert done.returncode == 0, done.stderr
    agents = json.loads(kbdesk(kb, "search", "指定快递", "--json", index_dir=ix).stdout)
    assert agents and agents[0]["title"] == "能指定快递公司吗？"
    repo = Repo(str(kb))
    approval = repo[repo.refs[b"refs/heads/approved"]]
    assert approval.message.decode().split("\n")[0] == "Import 2 documents as approved by 王敏"


def test_split_makes_an_article_per_section_linked_to_an_overview(kb, docs, tmp_path):
    done = kbdesk(kb, "import", str(docs / "指南.txt"), "--split", "--json", "--as", "王敏", index_dir=tmp_path / "ix")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [r["source"] for r in result] == ["指南.txt", "指南.txt#1", "指南.txt#2"]
    overview, first, second = (kb / r["path"] for r in result)
    assert f"]({first.name})" in overview.read_text(encoding="utf-8")
    assert f"]({second.name})" in overview.read_text(encoding="utf-8")
    text = second.read_text(encoding="utf-8")
    assert "title: 客户服务指南：投诉处理" in text and "1. 记录客户的诉求。" in text
    assert f"]({overview.name})" in text and f"]({first.name})" in text
    checked = kbdesk(kb, "check", "--json", index_dir=tmp_path / "ix")
    assert not [f for f in json.loads(checked.stdout) if f["level"] == "error"]  # every link leads somewhere


def test_a_pdf_with_text_is_read_and_a_scanned_one_is_said(kb, tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    d = tmp_path / "pdf"
    d.mkdir()
    page = canvas.Canvas(str(d / "规范.pdf"))
    page.setFont("STSong-Light", 14)
    for n, line in enumerate(["电话服务规范", "一、接听", "铃声响三声内接听电话，主动报出工号。", "二、结束", "感谢客户来电后再挂机。"]):
        page.drawString(72, 760 - 24 * n, line)
    page.showPage()
    page.save()
    scan = canvas.Canvas(str(d / "扫描件.pdf"))
    scan.rect(50, 50, 300, 400, fill=1)  # a page that is a picture, no text
    scan.showPage()
    scan.save()
    done = kbdesk(kb, "import", str(d), "--json", "--as", "王敏", index_dir=tmp_path / "ix")
    result = {r["source"]: r for r in json.loads(done.stdout)}
    assert result["扫描件.pdf"]["error"].startswith("a scanned PDF")
    article = (kb / result["规范.pdf"]["path"]).read_text(encoding="utf-8")
    assert "## 接听" in article and "铃声响三声内接听电话，主动报出工号。" in article
    assert result["规范.pdf"]["title"] == "电话服务规范" and result["规范.pdf"]["encoding"] == "pdf"


def test_a_huge_file_and_an_unknown_kind_are_one_line_each(kb, tmp_path):
    huge = tmp_path / "巨大.txt"
    with open(huge, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB (sparse: nothing to write)
    unknown = tmp_path / "图片.bmp"
    unknown.write_bytes(b"BM" + bytes(100))
    old_word = tmp_path / "旧格式.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    done = kbdesk(kb, "import", str(huge), str(unknown), str(old_word), "--as", "王敏", index_dir=tmp_path / "ix")
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 4, done.stderr  # three files, and the summary
    assert "too large" in lines[0] and "50 MB" in lines[0]
    assert "unknown kind of file (.bmp)" in lines[1] and "save it as .docx" in lines[2]
    assert "0 of 3 imported" in lines[3]


def test_pictures_of_a_word_file_are_saved_beside_the_article_and_linked(kb, tmp_path):
    import base64

    import docx

    pixel = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")
    (tmp_path / "pixel.png").write_bytes(pixel)
    document = docx.Document()
    document.add_heading("退货流程图解", 1)
    document.add_paragraph("第一步：在订单详情页点击申请退货。")
    document.add_picture(str(tmp_path / "pixel.png"))
    document.save(tmp_path / "图解.docx")
    done = kbdesk(kb, "import", str(tmp_path / "图解.docx"), "--json", "--as", "王敏", index_dir=tmp_path / "ix")
    path = kb / json.loads(done.stdout)[0]["path"]
    text = path.read_text(encoding="utf-8")
    image = path.parent / f"{path.stem}-images" / "image1.png"
    assert image.read_bytes() == pixel
    assert f"![]({path.stem}-images/image1.png)" in text
    checked = kbdesk(kb, "check", "--json", index_dir=tmp_path / "ix")
    assert not [f for f in json.loads(checked.stdout) if f["level"] == "error"]


def test_sources_with_one_name_in_two_folders_stay_two_articles(kb, tmp_path):
    for folder, text in (("a", "退款说明\n退款审核通过后原路退回，一般三到七个工作日到账。\n"),
                         ("b", "发票说明\n电子发票在订单完成后二十四小时内开具，可在订单详情下载。\n")):
        (tmp_path / "docs" / folder).mkdir(parents=True)
        (tmp_path / "docs" / folder / "说明.txt").write_text(text, encoding="utf-8")
    first = json.loads(kbdesk(kb, "import", str(tmp_path / "docs"), "--json", "--as", "王敏").stdout)
    again = json.loads(kbdesk(kb, "import", str(tmp_path / "docs"), "--json", "--as", "王敏").stdout)
    assert [r["source"] for r in first] == ["a/说明.txt", "b/说明.txt"]
    assert [r["action"] for r in again] == ["unchanged", "unchanged"]
    assert "退款" in (kb / first[0]["path"]).read_text(encoding="utf-8")
    assert "发票" in (kb / first[1]["path"]).read_text(encoding="utf-8")


def test_split_never_writes_over_an_article_that_has_the_name(kb, tmp_path):
    write(kb, "standards/ke-hu-fu-wu-zhi-nan-01.md", "---\ntitle: 另一篇\n---\n不能丢的正文。\n")
    guide = tmp_path / "指南.txt"
    guide.write_bytes(GUIDE.encode("gbk"))
    done = json.loads(kbdesk(kb, "import", str(guide), "--split", "--json", "--as", "王敏").stdout)
    assert "standards/ke-hu-fu-wu-zhi-nan-01.md" not in [r["path"] for r in done]
    assert "不能丢的正文" in (kb / "standards/ke-hu-fu-wu-zhi-nan-01.md").read_text(encoding="utf-8")


def test_a_damaged_sheet_is_one_line_and_the_rest_imports(kb, tmp_path):
    import zipfile

    good = tmp_path / "good.csv"
    good.write_text("问题,答案\n发票怎么开？,在订单详情页申请。\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as z:  # a workbook whose sheet is cut off
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    stray = tmp_path / "stray.csv"
    stray.write_text('问题,答案\n"' + "x" * 200_000 + "\n", encoding="utf-8")
    done = kbdesk(kb, "import", str(good), str(broken), str(stray), "--json", "--as", "王敏")
    result = {r["source"]: r for r in json.loads(done.stdout)}
    assert "Traceback" not in done.stderr
    assert result["broken.xlsx"]["error"] and result["stray.csv"]["error"]
    assert result["good.csv#1"]["error"] is None


def test_a_settings_save_outside_the_settings_folder_is_refused(kb, tmp_path):
    (kb.parent / "secret.txt").write_text("机密", encoding="utf-8")
    kbdesk(kb, "save", "faq-refund-timeline", "--as", "王敏")
    refused = kbdesk(kb, "save", ".kbdesk/../../secret.txt", "--as", "王敏")
    assert refused.returncode == 2 and "outside the content folder" in refused.stderr
