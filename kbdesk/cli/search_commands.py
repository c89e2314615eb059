"""Agents' commands: ``index``, ``search``, ``show`` and ``check``."""

from __future__ import annotations

import json
import os
import sys

from kbdesk.cli.common import CliError, cli_language, open_index, open_store, report_problems, say
from kbdesk.messages import text_of
from kbdesk.content import markdown


# A search embeds the passages that lack a vector for this long at most
# (50–130 ms each: 150–400 passages), then answers; the next search goes on
# where it stopped. ``kbdesk index`` and the window embed them all.
SEARCH_EMBEDS_SECONDS = 20.0


def add_commands(sub) -> dict:
    p = sub.add_parser("index", help="bring the search index up to date")
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.add_argument("--json", action="store_true", help="print what changed as JSON")

    p = sub.add_parser("search", help="search the knowledge base")
    p.add_argument("query", nargs="*", help="what to look for (Chinese, pinyin, English terms); without it, "
                   "--kind, --category or --tag lists their articles by title")
    p.add_argument("--kind", action="append", choices=["standard", "faq", "script", "article"])
    p.add_argument("--category", action="append")
    p.add_argument("--tag", action="append")
    p.add_argument("--status", action="append", choices=["draft", "review", "approved"],
                   help="show these statuses (default: approved only, as agents see it)")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true", help="print results as JSON")

    p = sub.add_parser("show", help="print an article")
    p.add_argument("id", help="article id or path")
    p.add_argument("--plain", action="store_true", help="plain text, as it is copied (without the notes for agents)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check", help="validate every article")
    p.add_argument("--json", action="store_true")
    return {"index": cmd_index, "search": cmd_search, "show": cmd_show, "check": cmd_check}


def cmd_index(args) -> int:
    store = open_store(args)
    # The agents' index (approved wording) and, where that is a separate
    # branch, the leads' index of the latest files.
    indexes = [open_index(args, store, agent_view=True)]
    if indexes[0].source.name != "latest":
        indexes.append(open_index(args, store))
    reports = []
    for index in indexes:
        result = index.update(full=args.rebuild, lock_timeout=30.0)
        if result.locked:
            raise CliError("another kbdesk is updating this index; try again in a moment", 3)
        if result.changed_anything:
            index.merge_segments(lock_timeout=5.0)
        problems = result.problems if result.changed_anything else index.problems()
        reports.append((index, result, problems, _embed_missing(index, quiet=args.json)))
    if args.json:
        def describe(index, result, problems, meaning):
            return {
                "source": index.source.name,
                "rebuilt": result.rebuilt,
                "reason": result.rebuild_reason,
                "added": result.added,
                "changed": result.changed,
                "removed": result.removed,
                "problems": [{"path": p.path, "reason": p.reason, "code": p.code, "params": p.params}
                             for p in problems],
                "documents": index.doc_count(),
                "passages": index.passage_count(),
                "seconds": round(result.seconds, 3),
                "index_dir": str(index.dir),
                "meaning": meaning,
            }
        main, *others = [describe(*r) for r in reports]
        if others:
            main["latest"] = others[0]
        print(json.dumps(main, ensure_ascii=False, indent=2))
        return 0
    report_problems(reports[0][2])
    for index, result, _, meaning in reports:
        if result.rebuilt:
            what = say("built ({reason})", reason=text_of(result.rebuild_code, {}, result.rebuild_reason,
                                                          cli_language()))
        elif result.changed_anything:
            what = say("updated: {added} added, {changed} changed, {removed} removed", added=len(result.added),
                       changed=len(result.changed), removed=len(result.removed))
        else:
            what = say("already up to date")
        label = say("agents' index (approved)") if index.source.name == "approved" else say("index")
        print(say("{label} {what}: {n} articles, {seconds} s", label=label, what=what, n=index.doc_count(),
                  seconds=f"{result.seconds:.2f}"))
        if meaning["embedded"]:
            print("  " + say("meaning: {n} passages read", n=meaning["embedded"]))
    return 0


def _embed_missing(index, quiet: bool = False, seconds: float | None = None, searcher=None) -> dict:
    """Vectors for the passages that have none (matching by meaning): what
    a search then finds by meaning where no word meets. For at most
    *seconds*: a search goes on by words until a later one has them all.
    *searcher*: the one that searches next (it reads the passages' keys once)."""
    from kbdesk.search import semantic
    from kbdesk.search.searcher import Searcher

    semantic.THREADS = None  # embedding in bulk, in a process of its own: all cores
    if not semantic.enabled():
        return {"enabled": False, "embedded": 0, "missing": 0}
    own = searcher is None
    searcher = searcher or Searcher(index)
    try:
        missing = searcher.vectors_missing()
        if not missing:
            return {"enabled": True, "embedded": 0, "missing": 0}
        if not quiet:
            print("kbdesk: " + say("reading the meaning of {n} passages (once: it is kept)", n=missing),
                  file=sys.stderr)
        embedded = searcher.embed_missing(seconds=seconds)
        return {"enabled": True, "embedded": embedded, "missing": searcher.vectors_missing()}
    finally:
        if own:
            searcher.close()


def _format_hit(n: int, hit, color: bool) -> str:
    bold, dim, mark, reset = ("\033[1m", "\033[2m", "\033[1;33m", "\033[0m") if color else ("", "", "", "")
    where = " · ".join(x for x in (hit.kind, hit.category) if x)
    head = f"{n:2}. {bold}{hit.title}{reset}  {dim}[{where}] {hit.path}{reset}"
    if hit.status != "approved":
        head += f"  ({hit.status})"
    before, after = (mark, reset) if color else ("【", "】")
    snippet = hit.snippet.marked(before, after)
    return head + (f"\n    {snippet}" if snippet else "")


def cmd_search(args) -> int:
    from kbdesk import textforms
    from kbdesk.search.index import IndexDamaged
    from kbdesk.search.searcher import AGENT_STATUSES, MEANING_MIN_CHARS, Searcher

    if not args.query and not (args.kind or args.category or args.tag):
        raise CliError(say("say what to look for, or choose --kind, --category or --tag to list their articles"))
    store = open_store(args)
    # Agents search the approved wording; asking for other statuses means the
    # leads' view of the latest files.
    index = open_index(args, store, agent_view=not args.status)
    # Fresh results: pick up edits first. If another process is writing, the
    # existing index still answers.
    result = index.update(lock_timeout=0.5 if index.exists() else 60.0)
    if result.locked and not index.exists():
        raise CliError(say("the index is being built by another kbdesk; try again in a moment"), 3)
    if result.locked:
        print("kbdesk: " + say("note: another kbdesk is updating the index; results may miss the latest edits"),
              file=sys.stderr)
    if result.read_only:
        print("kbdesk: " + say("note: the index folder is read-only; searching the index as it is"), file=sys.stderr)
    if result.rebuilt and result.rebuild_reason.startswith("index damaged"):
        print(f"kbdesk: note: {result.rebuild_reason}; rebuilt it", file=sys.stderr)
    report_problems(result.problems)
    text = " ".join(args.query)

    def search(searcher):
        if not args.query:  # a filter without a query: its articles, by title (as the window's filters)
            return searcher.browse(kinds=args.kind, categories=args.category, tags=args.tag,
                                   statuses=args.status or AGENT_STATUSES, limit=max(1, args.limit))
        if not result.read_only and not result.locked and len(textforms.CJK_RE.findall(text)) >= MEANING_MIN_CHARS:
            try:  # (only a query that can use it)
                _embed_missing(index, seconds=SEARCH_EMBEDS_SECONDS, searcher=searcher)
            except Exception as exc:  # noqa: BLE001 - the words still answer
                print("kbdesk: " + say("note: matching by meaning is off for this search ({error})",
                                       error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return searcher.search(text, kinds=args.kind, categories=args.category, tags=args.tag,
                               statuses=args.status or AGENT_STATUSES, limit=max(1, args.limit))

    searcher = Searcher(index)
    try:
        results = search(searcher)
    except IndexDamaged as exc:
        # Damage the checksums did not show (a read error): rebuild, and ask again.
        print(f"kbdesk: note: {exc}", file=sys.stderr)
        searcher.close()
        if index.update(full=True, lock_timeout=60.0).locked:
            raise CliError("the index is being rebuilt by another kbdesk; try again in a moment", 3) from None
        searcher = Searcher(index)
        results = search(searcher)
    finally:
        searcher.close()
    if args.json:
        print(json.dumps([h.to_json() for h in results.hits], ensure_ascii=False, indent=2))
        return 0
    if not results.hits:
        print(say("no articles found"), file=sys.stderr)
        return 1
    if results.relaxed:
        print(say("(no article has every word; showing those with some)"), file=sys.stderr)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    for n, hit in enumerate(results.hits, 1):
        print(_format_hit(n, hit, color))
    return 0


def cmd_show(args) -> int:
    store = open_store(args)
    article = store.find(args.id)
    if article is None:
        raise CliError(text_of("no-article", {"article": repr(args.id)}, f"no article {args.id!r}", cli_language()))
    if args.json:
        print(json.dumps({
            "id": article.id, "title": article.title, "kind": article.kind,
            "category": article.category, "tags": list(article.tags), "status": article.status,
            "owner": article.owner, "path": article.path,
            "updated": article.updated.isoformat() if article.updated else None,
            "review_by": article.review_by.isoformat() if article.review_by else None,
            "placeholders": [{"name": p.name, "default": p.default} for p in article.placeholders],
            "body": article.body,
        }, ensure_ascii=False, indent=2))
    elif args.plain:
        from kbdesk.content.audience import Audience
        from kbdesk.content.render import strip_title_heading

        # what Enter copies: the customer's text, notes for agents left out
        customer = Audience.for_folder(store.settings_dir).customer_text(strip_title_heading(article.body, article.title))
        print(markdown.to_text(customer))
    else:
        print(f"# {article.title}\n")
        print(say("id: {id}   kind: {kind}   status: {status}   path: {path}", id=article.id, kind=article.kind,
                  status=article.status, path=article.path))
        if article.category or article.tags:
            print(say("category: {category}   tags: {tags}", category=article.category, tags=", ".join(article.tags)))
        print()
        print(article.body.strip())
    return 0


def cmd_check(args) -> int:
    from kbdesk.content.check import check_content

    store = open_store(args)
    findings = check_content(store)
    errors = sum(f.level == "error" for f in findings)
    if args.json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            level = say("error") if finding.level == "error" else say("warning")
            print(f"{finding.path}: {level}: {text_of(finding.code, finding.args, finding.message, cli_language())}")
        count = len(store.scan())
        print(say("{n} files checked: {errors} errors, {warnings} warnings", n=count, errors=errors,
                  warnings=len(findings) - errors), file=sys.stderr)
    return 1 if errors else 0
