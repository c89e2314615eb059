"""Import benchmark for kbdesk: how fast a lead's old documents get in.

    python bench/import_bench.py [--docs 1000] [--json]

Generates, with ``random.Random(42)``, a folder of mixed documents from the
sentences of the sample knowledge base in ``content/``, with the traits real
ones have (site boilerplate, pinyin annotations, repeated paragraphs,
structure only as text): 30% ``.docx`` (python-docx), 30% ``.html`` pages
declaring GBK or nothing, 30% ``.txt`` in GBK or Big5, 10% ``.xlsx`` FAQ sheets
of 20 rows. Then it measures ``kbdesk import`` of the folder into a copy of
the sample knowledge base (planning: reading, cleaning, structure, tags; and
writing: one commit), in documents per second with the time per format, and
cleaning 1 MB of messy text.

The baseline run beside it is the plain work any importer must do: reading
each file and decoding its text with the same libraries (python-docx's
paragraphs, the HTML's text, the codec), without cleaning or structure.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import opencc  # noqa: E402

from kbdesk.authoring.workflow import Workflow  # noqa: E402
from kbdesk.content.store import ContentStore  # noqa: E402
from kbdesk.content.versions import Identity  # noqa: E402
from kbdesk.importing.cleaning import Rules, clean  # noqa: E402
from kbdesk.importing.importer import plan, write  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BOILERPLATE = ["{n}人看过", "作者：资料分享者", "发布时间：2023-0{m}-1{m}", "已阅读{m}页，剩余{n}页未读", "下载本文档",
               "1、本站所有资源如无特殊说明，都需要本地电脑安装办公软件。", "2、如涉及侵权，请联系本站删除。"]


def sentences() -> list[str]:
    found = []
    for path in (REPO / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8").split("---", 2)[-1]
        found += [s.strip() for s in re.split(r"(?<=[。！？])", re.sub(r"[#*>|`\-]", "", text)) if len(s.strip()) > 12]
    return found


def document(rng: Random, pool: list[str], n: int) -> tuple[str, list[str]]:
    title = f"服务规范第{n}号"
    lines = [f"{title}.docxVIP", rng.choice(BOILERPLATE).format(n=rng.randint(100, 9999), m=rng.randint(1, 9)), title]
    for s in range(rng.randint(3, 8)):
        lines.append(f"{'一二三四五六七八九'[s]}、{rng.choice(pool)[:10].rstrip('，。')}")
        lines += [rng.choice(pool) for _ in range(rng.randint(3, 10))]
    lines.append(lines[4])  # a paragraph pasted twice
    lines += BOILERPLATE[-2:]
    return title, lines


def make_corpus(folder: Path, count: int) -> dict[str, int]:
    import docx
    import openpyxl

    rng, pool = Random(42), sentences()
    to_traditional = opencc.OpenCC("s2t")
    kinds: dict[str, int] = defaultdict(int)
    for n in range(count):
        roll = rng.random()
        title, lines = document(rng, pool, n)
        if roll < 0.3:
            doc = docx.Document()
            for line in lines:
                doc.add_paragraph(line)
            doc.save(folder / f"doc{n:04d}.docx")
            kinds["docx"] += 1
        elif roll < 0.6:
            charset = rng.choice(["gbk", None])
            meta = f'<meta charset="{charset}">' if charset else ""
            body = "".join(f"<p>{line}</p>" for line in lines)
            page = f"<html><head>{meta}<title>{title}</title></head><body><nav>首页 | 帮助</nav>{body}</body></html>"
            (folder / f"page{n:04d}.html").write_bytes(page.encode(charset or "utf-8", "replace"))
            kinds["html"] += 1
        elif roll < 0.9:
            if rng.random() < 0.5:
                (folder / f"text{n:04d}.txt").write_bytes("\n".join(lines).encode("gbk", "replace"))
            else:
                text = to_traditional.convert("\n".join(lines))
                (folder / f"text{n:04d}.txt").write_bytes(text.encode("big5", "replace"))
            kinds["txt"] += 1
        else:
            book = openpyxl.Workbook()
            sheet = book.active
            sheet.append(["问题", "答案", "分类"])
            for row in range(20):
                sheet.append([f"问题{n}-{row}：{rng.choice(pool)[:16]}？", rng.choice(pool), "常见问题"])
            book.save(folder / f"sheet{n:04d}.xlsx")
            kinds["xlsx"] += 1
    return dict(kinds)


def baseline(folder: Path) -> float:
    """Reading and decoding every file, nothing more."""
    import docx
    import openpyxl

    started = time.perf_counter()
    for path in sorted(folder.iterdir()):
        if path.suffix == ".docx":
            "\n".join(p.text for p in docx.Document(path).paragraphs)
        elif path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            [list(r) for r in book.active.iter_rows(values_only=True)]
            book.close()
        else:
            data = path.read_bytes()
            for encoding in ("utf-8", "gbk", "big5"):
                try:
                    data.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
    return time.perf_counter() - started


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kbdesk-import-bench-"))
    try:
        docs = work / "docs"
        docs.mkdir()
        kinds = make_corpus(docs, args.docs)
        kb = work / "kb"
        shutil.copytree(REPO / "content", kb)
        (kb / ".kbdesk" / "team.yaml").write_text("leads:\n  - {name: 王敏, email: wangmin@example.com}\n",
                                                 encoding="utf-8")
        store = ContentStore(kb)
        workflow = Workflow(store, Identity("王敏", "wangmin@example.com"))
        workflow.versions(create=True)
        base_seconds = baseline(docs)

        started = time.perf_counter()
        planned = plan([docs], store)
        planned_at = time.perf_counter()
        write(planned, workflow)
        finished = time.perf_counter()
        per_format: dict[str, float] = {}
        for suffix in sorted({p.suffix for p in docs.iterdir()}):  # each format's files together (planning only)
            files = sorted(docs.glob(f"*{suffix}"))
            t = time.perf_counter()
            plan(files, store)
            per_format[suffix.lstrip(".")] = (time.perf_counter() - t) / len(files)
        errors = sum(1 for x in planned if x.error)

        rng, pool = Random(7), sentences()
        messy = []
        while sum(len(s.encode()) for s in messy) < 1024 * 1024:
            messy += document(rng, pool, len(messy))[1]
        text = "\n".join(messy)
        t = time.perf_counter()
        clean(text, Rules.load())
        clean_seconds = time.perf_counter() - t

        total = finished - started
        result = {
            "documents": args.docs, "kinds": kinds, "articles": sum(1 for x in planned if not x.error),
            "errors": errors, "seconds": round(total, 2), "plan_seconds": round(planned_at - started, 2),
            "write_seconds": round(finished - planned_at, 2), "documents_per_second": round(args.docs / total, 1),
            "ms_per_document_by_format": {k: round(1000 * v, 1) for k, v in per_format.items()},
            "baseline_seconds": round(base_seconds, 2), "vs_baseline": round(total / base_seconds, 2),
            "clean_1mb_seconds": round(clean_seconds, 2),
            "targets_met": {"documents_per_second": args.docs / total >= 20, "clean_1mb_seconds": clean_seconds <= 1},
        }
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            print(f"{args.docs} documents {kinds}: {total:.1f} s ({result['documents_per_second']} documents/s; "
                  f"target 20), {errors} not imported")
            print(f"  planning {result['plan_seconds']} s, writing one commit {result['write_seconds']} s")
            print(f"  per document, by format (ms): {result['ms_per_document_by_format']}")
            print(f"  baseline (read and decode only): {base_seconds:.1f} s; import is {result['vs_baseline']}x that")
            print(f"  cleaning 1 MB of messy text: {clean_seconds:.2f} s (target 1 s)")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
