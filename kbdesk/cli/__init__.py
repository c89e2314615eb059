"""The `kbdesk` command line: every capability of the window, scriptable."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kbdesk import __version__
from kbdesk.content.article import ArticleError, markdown_to_text
from kbdesk.content.store import ContentError, ContentStore, SaveConflict


class CliError(Exception):
    """Ends the command with one line on stderr and a non-zero exit."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kbdesk",
        description="Knowledge base and reply scripts for customer service. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"kbdesk {__version__}")
    parser.add_argument("--content", metavar="DIR", help="content folder (default: $KBDESK_CONTENT, "
                        "the 'content' preference, or your own copy of the sample knowledge base)")
    parser.add_argument("--index-dir", metavar="DIR", help="index folder (default: $KBDESK_INDEX_DIR "
                        "or a folder in your cache)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="bring the search index up to date")
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.add_argument("--json", action="store_true", help="print what changed as JSON")

    p = sub.add_parser("search", help="search the knowledge base")
    p.add_argument("query", nargs="+", help="what to look for (Chinese, pinyin, English terms)")
    p.add_argument("--kind", action="append", choices=["standard", "faq", "script", "article"])
    p.add_argument("--category", action="append")
    p.add_argument("--tag", action="append")
    p.add_argument("--status", action="append", choices=["draft", "review", "approved"],
                   help="show these statuses (default: approved only, as agents see it)")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true", help="print results as JSON")

    p = sub.add_parser("show", help="print an article")
    p.add_argument("id", help="article id or path")
    p.add_argument("--plain", action="store_true", help="plain text, as it is copied")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check", help="validate every article")
    p.add_argument("--json", action="store_true")

    # Leads' work: versions, review and approval (see kbdesk.workflow).
    def lead_command(name, help_text):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--as", dest="as_who", metavar="NAME",
                         help="act as this person (a name or e-mail; default: your configured identity)")
        return cmd

    p = lead_command("save", "record an article as it is on disk as a new version")
    p.add_argument("id")
    p.add_argument("-m", "--message", help="what changed (default: 'Edit <title>')")
    p = lead_command("history", "list the versions of an article")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = lead_command("diff", "word-level changes between two versions (default: last version → file on disk)")
    p.add_argument("id")
    p.add_argument("versions", nargs="*", metavar="V", help="version number (1 = oldest) or commit id")
    p.add_argument("--json", action="store_true")
    p = lead_command("restore", "bring back an old version as a new version")
    p.add_argument("id")
    p.add_argument("version", metavar="V")
    p = lead_command("submit", "send an article for review")
    p.add_argument("id")
    p = lead_command("approve", "approve an article in review: agents see this wording from now on")
    p.add_argument("id")
    p = lead_command("retire", "withdraw an article from agents")
    p.add_argument("id")
    p = lead_command("lint", "check wording against the team's rules (.kbdesk/lint.yaml)")
    p.add_argument("id", nargs="?", help="one article (default: all)")
    p.add_argument("--json", action="store_true")
    return parser


def open_store(args) -> ContentStore:
    from kbdesk.config import resolve_content_dir

    return ContentStore(resolve_content_dir(args.content))


def open_index(args, store: ContentStore, agent_view: bool = False):
    from kbdesk.search.index import SearchIndex, agent_source

    return SearchIndex(store, args.index_dir, agent_source(store) if agent_view else None)


def report_problems(problems: list[ArticleError]) -> None:
    for problem in problems:
        print(f"kbdesk: warning: {problem.path}: {problem.reason}", file=sys.stderr)


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
        reports.append((index, result, problems))
    if args.json:
        def describe(index, result, problems):
            return {
                "source": index.source.name,
                "rebuilt": result.rebuilt,
                "reason": result.rebuild_reason,
                "added": result.added,
                "changed": result.changed,
                "removed": result.removed,
                "problems": [{"path": p.path, "reason": p.reason} for p in problems],
                "documents": index.doc_count(),
                "seconds": round(result.seconds, 3),
                "index_dir": str(index.dir),
            }
        main, *others = [describe(*r) for r in reports]
        if others:
            main["latest"] = others[0]
        print(json.dumps(main, ensure_ascii=False, indent=2))
        return 0
    report_problems(reports[0][2])
    for index, result, _ in reports:
        if result.rebuilt:
            what = f"built ({result.rebuild_reason})"
        elif result.changed_anything:
            what = f"updated: {len(result.added)} added, {len(result.changed)} changed, {len(result.removed)} removed"
        else:
            what = "already up to date"
        label = {"approved": "agents' index (approved)", "latest": "index"}[index.source.name]
        print(f"{label} {what}: {index.doc_count()} articles, {result.seconds:.2f} s")
    return 0


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
    from kbdesk.search.searcher import AGENT_STATUSES, Searcher

    store = open_store(args)
    # Agents search the approved wording; asking for other statuses means the
    # leads' view of the latest files.
    index = open_index(args, store, agent_view=not args.status)
    # Fresh results: pick up edits first. If another process is writing, the
    # existing index still answers.
    result = index.update(lock_timeout=0.5 if index.exists() else 60.0)
    if result.locked and not index.exists():
        raise CliError("the index is being built by another kbdesk; try again in a moment", 3)
    if result.locked:
        print("kbdesk: note: another kbdesk is updating the index; results may miss the latest edits",
              file=sys.stderr)
    report_problems(result.problems)
    searcher = Searcher(index)
    try:
        results = searcher.search(
            " ".join(args.query),
            kinds=args.kind, categories=args.category, tags=args.tag,
            statuses=args.status or AGENT_STATUSES, limit=max(1, args.limit),
        )
    finally:
        searcher.close()
    if args.json:
        print(json.dumps([h.to_json() for h in results.hits], ensure_ascii=False, indent=2))
        return 0
    if not results.hits:
        print("no articles found", file=sys.stderr)
        return 1
    if results.relaxed:
        print("(no article has every word; showing those with some)", file=sys.stderr)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    for n, hit in enumerate(results.hits, 1):
        print(_format_hit(n, hit, color))
    return 0


def cmd_show(args) -> int:
    store = open_store(args)
    article = store.find(args.id)
    if article is None:
        raise CliError(f"no article with id or path {args.id!r}")
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
        print(markdown_to_text(article.body))
    else:
        print(f"# {article.title}\n")
        print(f"id: {article.id}   kind: {article.kind}   status: {article.status}   path: {article.path}")
        if article.category or article.tags:
            print(f"category: {article.category}   tags: {', '.join(article.tags)}")
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
            print(finding)
        count = len(store.scan())
        print(f"{count} files checked: {errors} errors, {len(findings) - errors} warnings",
              file=sys.stderr)
    return 1 if errors else 0


def open_workflow(args):
    from kbdesk.authoring.team import Team, current_identity
    from kbdesk.authoring.workflow import Workflow

    store = open_store(args)
    try:
        team = Team.load(store.root)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return Workflow(store, current_identity(getattr(args, "as_who", None), team), team)


def _refresh_agent_index(args, store) -> None:
    """An approval or retirement changes what agents see: update their index now."""
    from kbdesk.search.index import SearchIndex, agent_source

    SearchIndex(store, args.index_dir, agent_source(store)).update(lock_timeout=5.0)


def cmd_change(args) -> int:
    workflow = open_workflow(args)
    if args.command == "save":
        change = workflow.save(args.id, args.message)
    elif args.command == "restore":
        change = workflow.restore(args.id, args.version)
    else:
        change = getattr(workflow, args.command)(args.id)
    if change.approved_changed:
        _refresh_agent_index(args, workflow.store)
    commit = f" ({change.commit[:8]})" if change.commit else ""
    print(f"{change.path}: {change.summary}{commit} by {workflow.identity.name}")
    return 0


def cmd_history(args) -> int:
    workflow = open_workflow(args)
    history = workflow.history(args.id)
    if args.json:
        print(json.dumps([{
            "number": h.number, "commit": h.version.commit, "author": h.version.author.name,
            "email": h.version.author.email, "time": h.version.time.isoformat(),
            "message": h.version.message, "status": h.status, "approved": h.approved,
            "current_approved": h.current_approved,
        } for h in history], ensure_ascii=False, indent=2))
        return 0
    if not history:
        print("no versions yet", file=sys.stderr)
        return 1
    for h in history:
        mark = " ✔ agents see this" if h.current_approved else (" (was approved)" if h.approved else "")
        print(f"{h.number:3}  {h.version.short}  {h.version.time:%Y-%m-%d %H:%M}  "
              f"{h.version.author.name:<6}  {h.status:<8}  {h.version.message}{mark}")
    return 0


def cmd_diff(args) -> int:
    from kbdesk.authoring.textdiff import changed, render_inline

    if len(args.versions) > 2:
        raise CliError("diff takes at most two versions")
    workflow = open_workflow(args)
    old, new, ops = workflow.diff(args.id, *args.versions)
    if args.json:
        print(json.dumps({"old": old, "new": new, "ops": [o.to_json() for o in ops]}, ensure_ascii=False, indent=2))
        return 0
    print(f"--- {old}\n+++ {new}")
    if not changed(ops):
        print("(no differences)")
        return 0
    print(render_inline(ops, color=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return 0


def cmd_lint(args) -> int:
    from kbdesk.authoring.lint import has_errors

    workflow = open_workflow(args)
    store = workflow.store
    articles = [workflow.article(args.id)] if args.id else store.load_all().articles
    report, errors = {}, False
    for article in articles:
        text = store.read_bytes(article.path).decode("utf-8-sig")
        findings = workflow.lint(text, article.path)
        errors = errors or has_errors(findings)
        if findings:
            report[article.path] = findings
    if args.json:
        print(json.dumps({p: [f.to_json() for f in fs] for p, fs in report.items()}, ensure_ascii=False, indent=2))
    else:
        for path, findings in report.items():
            for finding in findings:
                print(f"{path}: {finding}")
    return 1 if errors else 0


def cmd_gui(args) -> int:
    try:
        from kbdesk.ui.app import run
    except ImportError as exc:
        raise CliError(f"the window cannot start: {exc}") from None
    return run(args)


COMMANDS = {
    "index": cmd_index, "search": cmd_search, "show": cmd_show, "check": cmd_check,
    "save": cmd_change, "restore": cmd_change, "submit": cmd_change, "approve": cmd_change,
    "retire": cmd_change, "history": cmd_history, "diff": cmd_diff, "lint": cmd_lint,
}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass
    args = build_parser().parse_args(argv)
    handler = COMMANDS.get(args.command, cmd_gui)
    try:
        return handler(args)
    except CliError as exc:
        print(f"kbdesk: error: {exc}", file=sys.stderr)
        return exc.code
    except (ContentError, ArticleError, SaveConflict) as exc:
        print(f"kbdesk: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback
        # The leads' modules are imported only by the commands that use them
        # (the window must start fast), so their errors are told apart here.
        from kbdesk.authoring.team import PermissionDenied
        from kbdesk.authoring.workflow import WorkflowError
        from kbdesk.content.versions import VersionError

        if isinstance(exc, PermissionDenied):
            print(f"kbdesk: not allowed: {exc}", file=sys.stderr)
            return 4
        if isinstance(exc, (WorkflowError, VersionError)):
            print(f"kbdesk: error: {exc}", file=sys.stderr)
            return 2
        if os.environ.get("KBDESK_DEBUG"):
            raise
        print(f"kbdesk: error: {type(exc).__name__}: {exc} (set KBDESK_DEBUG=1 for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
