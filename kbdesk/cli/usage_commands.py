"""``kbdesk stats``: the leads' dashboard as figures (see ``kbdesk.usage.stats``)."""

from __future__ import annotations

import json

from kbdesk.cli.common import add_lead_command, open_store, say


def add_commands(sub) -> dict:
    p = add_lead_command(sub, "stats", "what the team copies and searches for, and what needs a lead "
                                       "(the dashboard's figures)")
    p.add_argument("--days", type=int, default=30, metavar="N", help="the last N days (default 30)")
    p.add_argument("--json", action="store_true")
    return {"stats": cmd_stats}


def cmd_stats(args) -> int:
    from kbdesk.authoring.team import Team, current_identity
    from kbdesk.usage.stats import gather

    store = open_store(args)
    identity = current_identity(args.as_who, Team.load(store.root))
    stats = gather(store, identity, days=max(1, args.days))
    if args.json:
        print(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(say("Last {days} days, {desktops}: {copies} copies, {searches} searches.", days=stats.days,
              desktops=say("{n} desktops", n=stats.desktops) if stats.shared else say("this desktop only"),
              copies=stats.copies, searches=stats.searches))
    sections = [
        (say("Most copied"), [f"{a.copies:>5}  {a.title}" for a in stats.most_copied.get(30, [])[:10]]),
        (say("Approved, never copied"), [a.title for a in stats.never_copied[:10]]),
        (say("Searches that failed (found, nothing opened or copied)"),
         [f"{q.failed:>5}  {q.query}" for q in stats.failed_searches[:10]]),
        (say("Searches that found nothing"), [f"{q.empty:>5}  {q.query}" for q in stats.empty_searches[:10]]),
        (say("Past their review date"), [f"{n.when}  {n.title}" for n in stats.past_review]),
        (say("In review"), [f"{n.when[:10]}  {n.title}  ({n.who})" for n in stats.in_review]),
        (say("Drafts older than 30 days"), [f"{n.when}  {n.title}" for n in stats.old_drafts]),
    ]
    for title, lines in sections:
        print(f"\n{title}")
        for line in lines or ["-"]:
            print(f"  {line}")
    return 0
