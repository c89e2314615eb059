"""Leads' commands: versions, review and approval (see ``kbdesk.authoring.workflow``)."""

from __future__ import annotations

import json
import os
import sys

from kbdesk.cli.common import CliError, add_lead_command, cli_language, lint_line, open_workflow, say
from kbdesk.messages import text_of


def add_commands(sub) -> dict:
    def lead_command(name, help_text):
        return add_lead_command(sub, name, help_text)

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
    p = lead_command("review", "the articles in review: who sent them, and whether you may approve each")
    p.add_argument("--json", action="store_true")
    return {"save": cmd_change, "restore": cmd_change, "submit": cmd_change, "approve": cmd_change,
            "retire": cmd_change, "history": cmd_history, "diff": cmd_diff, "lint": cmd_lint,
            "review": cmd_review}


def cmd_review(args) -> int:
    workflow = open_workflow(args)
    queue = workflow.review_queue()
    if args.json:
        print(json.dumps([item.to_json() for item in queue], ensure_ascii=False, indent=2))
        return 0
    if not queue:
        print(say("nothing is in review"), file=sys.stderr)
        return 0
    for item in queue:
        when = item.submitted_at[:16].replace("T", " ")
        verdict = say("you may approve it") if item.may_approve else text_of(
            item.why_not, item.why_params, item.reason, cli_language())
        print(say("{title} ({path}) · sent by {who} {when} · {verdict}", title=item.title, path=item.path,
                  who=item.submitted_by or "?", when=when, verdict=verdict))
    return 0


def refresh_agent_index(args, store, paths: list[str] | None = None) -> None:
    """An approval or retirement changes what agents see: update their index
    now, looking at the articles that changed (*paths*, if known)."""
    from kbdesk.search.index import SearchIndex
    from kbdesk.search.sources import agent_source

    SearchIndex(store, args.index_dir, agent_source(store)).update(lock_timeout=5.0, paths=paths)


def cmd_change(args) -> int:
    workflow = open_workflow(args)
    try:
        if args.command == "save":
            change = workflow.save(args.id, args.message)
        elif args.command == "restore":
            change = workflow.restore(args.id, args.version)
        else:
            change = getattr(workflow, args.command)(args.id)
    finally:
        # What was repaired on the way: an interrupted step finished, a lock
        # file a killed process left behind.
        versions = workflow.versions()
        for notice in versions.notices if versions is not None else ():
            print("kbdesk: " + say("note: {text}", text=text_of(getattr(notice, "code", None),
                                                              getattr(notice, "params", {}), notice, cli_language())),
                  file=sys.stderr)
    if change.approved_changed:
        refresh_agent_index(args, workflow.store, [change.path])
    commit = f" ({change.commit[:8]})" if change.commit else ""
    summary = text_of(change.code, change.params, change.summary, cli_language())
    print(say("{path}: {summary}{commit} by {name}", path=change.path, summary=summary, commit=commit,
              name=workflow.identity.name))
    return 0


def cmd_history(args) -> int:
    workflow = open_workflow(args)
    history = workflow.history(args.id)
    if args.json:
        print(json.dumps([{
            "number": h.number, "commit": h.version.commit, "author": h.version.author.name,
            "email": h.version.author.email, "time": h.version.time.isoformat(),
            "message": h.version.summary[2], "code": h.version.summary[0], "params": h.version.summary[1],
            "status": h.status, "approved": h.approved,
            "current_approved": h.current_approved,
        } for h in history], ensure_ascii=False, indent=2))
        return 0
    if not history:
        print(say("no versions yet"), file=sys.stderr)
        return 1
    for h in history:
        mark = say(" ✔ agents see this") if h.current_approved else (say(" (was approved)") if h.approved else "")
        code, params, words = h.version.summary
        print(f"{h.number:3}  {h.version.short}  {h.version.time:%Y-%m-%d %H:%M}  "
              f"{h.version.author.name:<6}  {h.status:<8}  {text_of(code, params, words, cli_language())}{mark}")
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
                print(f"{path}: {lint_line(finding)}")
    return 1 if errors else 0
