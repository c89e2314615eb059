"""Leads' command ``import``: a team's old documents become articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kbdesk.cli.common import CliError, add_lead_command, cli_language, open_workflow, say
from kbdesk.messages import localized


def add_commands(sub) -> dict:
    p = add_lead_command(sub, "import", "import documents (.docx, .html, .txt in any Chinese encoding, "
                                        ".xlsx/.csv FAQ sheets) as articles")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders (searched recursively)")
    p.add_argument("--kind", choices=["standard", "faq", "script", "article"], help="default: guessed")
    p.add_argument("--category", help="the category of every article imported")
    p.add_argument("--tag", action="append", default=[], help="a tag for every article (repeatable)")
    p.add_argument("--status", choices=["draft", "approved"], default="draft",
                   help="approved: take the documents over as the team's approved wording")
    p.add_argument("--split", action="store_true", help="one article per top-level section, linked to each other "
                                                        "and to an overview article")
    p.add_argument("--dry-run", action="store_true", help="show what each file would become and what cleaning "
                                                          "would remove; write nothing")
    p.add_argument("--json", action="store_true", help="one object per source")
    return {"import": cmd_import}


def cmd_import(args) -> int:
    from kbdesk.importing.importer import plan, write

    workflow = open_workflow(args)
    workflow.team.require_lead(workflow.identity, "import documents")
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise CliError(say("no such file or folder: {path}", path=missing[0]))
    try:
        planned = plan([Path(p) for p in args.paths], workflow.store, kind=args.kind, category=args.category,
                       tags=tuple(args.tag), status=args.status, split=args.split)
    except ValueError as exc:  # an unusable .kbdesk/import.yaml
        raise CliError(str(exc)) from None
    if not planned:
        raise CliError("no files to import there")
    change = None
    if not args.dry_run:
        change = write(planned, workflow)
        if change is not None and change.approved_changed:
            from kbdesk.cli.authoring_commands import refresh_agent_index

            refresh_agent_index(args, workflow.store)
    if args.json:
        print(json.dumps([p.to_json() for p in planned], ensure_ascii=False, indent=2))
    else:
        for p in planned:
            if p.error:
                reason = localized(p.problem, cli_language()) if p.problem is not None else p.error
                print(say("{source}: not imported: {reason}", source=p.source, reason=reason), file=sys.stderr)
                continue
            removed = ", ".join(f"{step} {n}" for step, n in p.removed.items() if n)
            verb = {"new": "→", "update": say("→ (new version)"), "unchanged": say("= unchanged:"),
                    "beside": say("→ (a draft beside your edited article)")}.get(p.action, "→")
            print(f"{p.source} {verb} {p.path}  [{p.kind}, " + say("{n} sections", n=p.sections)
                  + (f", {p.encoding}" if p.encoding else "") + "]"
                  + ("  " + say("removed: {what}", what=removed) if removed else ""))
            if args.dry_run:
                for step, lines in p.removed_lines.items():
                    for line in lines[:20]:
                        if step != "forms":
                            print(f"    - {step}: {line[:100]}")
        done = sum(1 for p in planned if not p.error)
        summary = (say("{done} of {n} imported", done=done, n=len(planned)) if not args.dry_run
                   else say("{done} of {n} importable", done=done, n=len(planned)))
        if change is not None:
            summary += say(" ({commit}, by {name})", commit=change.commit[:8], name=workflow.identity.name)
        print(summary, file=sys.stderr)
    return 0 if all(p.error is None for p in planned) else 1
