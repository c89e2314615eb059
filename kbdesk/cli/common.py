"""What every command shares: the one-line error, opening the content folder,
its index and the leads' workflow."""

from __future__ import annotations

import functools
import os
import sys

from kbdesk.content.article import ArticleError
from kbdesk.content.store import ContentStore
from kbdesk.messages import localized, text_of, translated


class CliError(Exception):
    """Ends the command with one line on stderr and a non-zero exit."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


@functools.lru_cache(maxsize=1)
def cli_language() -> str:
    """'zh_CN' or 'en': the window's language preference, else the locale
    (``LANG=zh_CN.UTF-8`` gives Chinese messages)."""
    from kbdesk.config import load_settings

    try:
        choice = load_settings().get("language")
    except Exception:  # noqa: BLE001 - unreadable preferences: the locale decides
        choice = None
    if choice in ("zh_CN", "en"):
        return choice
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def say(text: str, /, **params) -> str:
    """One of the command line's own lines in the user's language (Qt's
    translation file, context "Cli"), its {params} filled in."""
    out = translated("Cli", text, cli_language())
    for key, value in params.items():
        out = out.replace("{" + key + "}", str(value))
    return out


def lint_line(finding) -> str:
    """A lint finding as the command line prints it, in the user's language."""
    from kbdesk.authoring.lint import MESSAGES

    message = finding.message
    if finding.code in MESSAGES and finding.code != "front-matter":
        message = translated("Lint", MESSAGES[finding.code], cli_language())
        for key, value in finding.args.items():
            message = message.replace("{" + key + "}", value)
    elif finding.code not in MESSAGES:
        message = text_of(finding.code, finding.args, finding.message, cli_language())  # a front matter notice
    level = say("error") if finding.level == "error" else say("warning")
    return say("line {line}: {level}: {message} [{rule}]", line=finding.line, level=level, message=message,
               rule=finding.rule)


def add_lead_command(sub, name: str, help_text: str):
    """A leads' command: it acts as someone, so it takes ``--as``."""
    cmd = sub.add_parser(name, help=help_text)
    cmd.add_argument("--as", dest="as_who", metavar="NAME",
                     help="act as this person (a name or e-mail; default: your configured identity)")
    return cmd


def open_store(args) -> ContentStore:
    from kbdesk.authoring.first_run import open_content_dir

    return ContentStore(open_content_dir(args.content))


def open_index(args, store: ContentStore, agent_view: bool = False):
    from kbdesk.search.index import SearchIndex
    from kbdesk.search.sources import agent_source

    return SearchIndex(store, args.index_dir, agent_source(store) if agent_view else None)


def report_problems(problems: list[ArticleError]) -> None:
    for problem in problems:
        print(f"kbdesk: {translated('Cli', 'warning', cli_language())}: {localized(problem, cli_language())}",
              file=sys.stderr)


def open_workflow(args):
    from kbdesk.authoring.team import Team, current_identity
    from kbdesk.authoring.workflow import Workflow

    store = open_store(args)
    try:
        team = Team.load(store.root)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return Workflow(store, current_identity(getattr(args, "as_who", None), team), team)
