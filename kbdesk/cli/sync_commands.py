"""Commands that connect desktops through the team's git server: ``clone``,
``remote``, ``sync``, ``login``, ``conflicts`` and ``resolve`` (see
``kbdesk.sync``)."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

from kbdesk.cli.common import CliError, add_lead_command, cli_language, open_store, say
from kbdesk.messages import localized, text_of


def add_commands(sub) -> dict:
    p = add_lead_command(sub, "clone", "set up this desktop from the team's repository (a lead gets the leads' "
                                       "branch too; an agent only the approved wording)")
    p.add_argument("url", metavar="URL", help="ssh://…, https://…, user@host:path, or a folder (a bare repository)")
    p.add_argument("folder", nargs="?", metavar="DIR", help="where (default: a new folder named after the URL)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("remote", help="show or set the team's repository of the content folder")
    p.add_argument("url", nargs="?", metavar="URL")
    p.add_argument("--json", action="store_true")
    p = add_lead_command(sub, "sync", "bring this desktop up to date with the team's repository (leads also send "
                                      "their changes)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("login", help="keep the password for the team's https repository in the system keyring "
                                     "(read from standard input)")
    p.add_argument("--user", required=True, metavar="NAME")
    p.add_argument("--forget", action="store_true", help="remove it from the keyring instead")
    p = add_lead_command(sub, "conflicts", "articles where another lead's wording won in a sync, and yours is kept "
                                           "as a version")
    p.add_argument("--json", action="store_true")
    p = add_lead_command(sub, "resolve", "end a conflict: keep the team's wording, or make yours the new version")
    p.add_argument("id")
    p.add_argument("--keep", choices=["theirs", "mine"], required=True)
    return {"clone": cmd_clone, "remote": cmd_remote, "sync": cmd_sync, "login": cmd_login,
            "conflicts": cmd_conflicts, "resolve": cmd_resolve}


def _fail(exc) -> CliError:
    return CliError(localized(exc, cli_language()), 2)


def _print_report(report, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    for key, label in (("added", "newly approved"), ("changed", "approved wording changed"),
                       ("retired", "retired"), ("merged", "changed by other leads"),
                       ("refused", "your approval was not sent: another lead changed it meanwhile"),
                       ("kept", "changed on this desktop: left as it is")):
        for path in getattr(report, key):
            print(say("{path}: {what}", path=path, what=say(label)))
    for path, copy in sorted(report.set_aside.items()):
        print(say("{path}: changed on this desktop; the approved wording replaced it, your copy is {copy}",
                  path=path, copy=copy))
    for conflict in report.conflicts:
        print(say("{path}: conflict: {name}'s wording is in the file, yours is version {version} "
                  "(kbdesk conflicts)", path=conflict.path, name=conflict.theirs_author or "?",
                  version=conflict.mine_commit[:8]))
    for branch, count in sorted(report.pushed.items()):
        if count:
            print(say("sent {branch} (+{count})", count=count, branch=branch))
    for notice in report.notices:
        print("kbdesk: " + say("note: {text}", text=text_of(getattr(notice, "code", None),
                                                            getattr(notice, "params", {}), str(notice),
                                                            cli_language())), file=sys.stderr)
    if report.nothing_new:
        print(say("Up to date."))


def _ask_login(url: str, exc):
    """On a terminal, ask for the user and password once (the keyring keeps
    them if there is one); else the refusal stands."""
    from kbdesk.sync.remote import Login, login_for

    if not sys.stdin.isatty() or not url.startswith(("http://", "https://")):
        raise _fail(exc)
    known = login_for(url)
    user = known.username or input(say("User name for {url}: ", url=url))
    password = getpass.getpass(say("Password for {user}: ", user=user))
    return Login(user, password, "given")


def _remember(url: str, login) -> None:
    from kbdesk.sync.remote import SyncError, remember_login

    if login is not None and login.source == "given":
        try:
            remember_login(url, login.username, login.password)
        except SyncError as exc:
            print("kbdesk: " + say("note: {text}", text=localized(exc, cli_language())), file=sys.stderr)


def _remember_identity(identity) -> None:
    """The desktop was set up as *identity*: that is who it is from now on,
    unless the user had already said who they are."""
    from kbdesk.config import load_settings, save_settings

    settings = load_settings()
    if identity is not None and not (settings.get("identity") or {}).get("name"):
        settings["identity"] = {"name": identity.name, "email": identity.email}
        try:
            save_settings(settings)
        except OSError:
            pass


def cmd_clone(args) -> int:
    from kbdesk.authoring.team import current_identity
    from kbdesk.sync.remote import SyncError, normalised_url
    from kbdesk.sync.syncing import clone

    try:
        url = normalised_url(args.url)
    except SyncError as exc:
        raise _fail(exc) from None
    folder = Path(args.folder) if args.folder else Path(Path(url.rstrip("/")).name.removesuffix(".git") or "kb")
    login = None
    for _attempt in range(2):
        try:
            report = clone(url, folder, lambda team: current_identity(args.as_who, team), login)
            break
        except SyncError as exc:
            if exc.code != "sync-auth" or login is not None:
                raise _fail(exc) from None
            login = _ask_login(url, exc)
    _remember(url, login)
    _remember_identity(report.identity)
    if args.json:
        print(json.dumps({**report.to_json(), "folder": str(folder.resolve())}, ensure_ascii=False, indent=2))
        return 0
    role = say("a lead's desktop") if report.role == "lead" else say("an agent's desktop")
    print(say("Cloned {url} into {folder}: {role}, {count} approved articles.", url=report.remote,
              folder=folder.resolve(),
              role=role, count=len(report.added)))
    print(say("Open it with: kbdesk --content {folder}", folder=folder.resolve()))
    return 0


def cmd_remote(args) -> int:
    from kbdesk.sync.remote import SyncError
    from kbdesk.sync.syncing import current_remote, reachable, set_remote

    store = open_store(args)
    if args.url:
        try:
            url = set_remote(store.root, args.url)
        except SyncError as exc:
            raise _fail(exc) from None
        problem = reachable(store.root)
        if problem is not None:  # kept all the same: the server may just be down now
            print("kbdesk: " + say("note: {text}", text=localized(problem, cli_language())), file=sys.stderr)
    else:
        url = current_remote(store.root)
    if args.json:
        print(json.dumps({"url": url}, ensure_ascii=False))
    elif url:
        print(url)
    else:
        raise CliError(say("no team repository is set: kbdesk remote URL sets it"), 1)
    return 0


def cmd_sync(args) -> int:
    from kbdesk.authoring.team import Team, current_identity
    from kbdesk.cli.authoring_commands import refresh_agent_index
    from kbdesk.sync.remote import SyncError
    from kbdesk.sync.syncing import Syncer, current_remote
    from kbdesk.usage.stats import this_desktops_counts

    store = open_store(args)
    try:
        team = Team.load(store.root)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    identity = current_identity(args.as_who, team)
    login = None
    for _attempt in range(2):
        try:
            report = Syncer(store, identity, team, login,
                            usage=lambda: this_desktops_counts(store.root)).sync()
            break
        except SyncError as exc:
            if exc.code != "sync-auth" or login is not None:
                raise _fail(exc) from None
            login = _ask_login(current_remote(store.root) or "", exc)
    _remember(report.remote, login)
    if report.agents_paths or report.merged:
        refresh_agent_index(args, store, report.agents_paths + report.merged)
    _print_report(report, args.json)
    return 0


def cmd_login(args) -> int:
    from kbdesk.sync.remote import SyncError, forget_login, remember_login
    from kbdesk.sync.syncing import current_remote

    store = open_store(args)
    url = current_remote(store.root)
    if not url or not url.startswith(("http://", "https://")):
        raise CliError(say("the team's repository is not an https:// URL: nothing to log in to"), 2)
    if args.forget:
        forget_login(url, args.user)
        return 0
    password = getpass.getpass(say("Password for {user}: ", user=args.user)) if sys.stdin.isatty() \
        else sys.stdin.readline().rstrip("\n")
    try:
        remember_login(url, args.user, password)
    except SyncError as exc:
        raise _fail(exc) from None
    print(say("The password is kept in the system keyring."))
    return 0


def cmd_conflicts(args) -> int:
    from kbdesk.sync.syncing import conflicts_of

    store = open_store(args)
    found = conflicts_of(store.root)
    if args.json:
        from kbdesk.authoring.textdiff import render_inline, word_diff
        from kbdesk.sync.syncing import conflict_texts

        rows = []
        for c in found:
            article = store.find(c.path)
            theirs, mine = conflict_texts(store.root, c)
            rows.append({**c.to_json(), "id": article.id if article else None,
                         "title": article.title if article else c.path,
                         "diff": render_inline(word_diff(theirs, mine))})
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for c in found:
        print(say("{path}: {name}'s wording is in the file (places that differ: {places}); yours is version {version}",
                  path=c.path, name=c.theirs_author or "?", places=c.places, version=c.mine_commit[:8]))
    if not found:
        print(say("No conflicts."))
    return 0


def cmd_resolve(args) -> int:
    from kbdesk.authoring.team import Team, current_identity
    from kbdesk.sync.remote import SyncError
    from kbdesk.sync.syncing import resolve_conflict

    store = open_store(args)
    team = Team.load(store.root)
    try:
        change = resolve_conflict(store, current_identity(args.as_who, team), args.id, args.keep, team)
    except SyncError as exc:
        raise _fail(exc) from None
    print(say("{path}: {summary}", path=change.path,
              summary=text_of(change.code, change.params, change.summary, cli_language())))
    return 0
