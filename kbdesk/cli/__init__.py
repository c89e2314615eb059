"""The ``kbdesk`` command line: every capability of the window, scriptable,
with ``--json`` where a script reads the answer. One module per group of
commands; each adds its commands to the parser and says which function runs each.

The top layer: may import every part of kbdesk; of ``kbdesk.ui`` only
``kbdesk.ui.app``, to start the window (``window``).
"""

from __future__ import annotations

import argparse
import os
import sys

from kbdesk import __version__
from kbdesk.cli import authoring_commands, import_commands, search_commands, sync_commands, usage_commands
from kbdesk.cli.common import CliError, cli_language, say
from kbdesk.cli.window import cmd_gui
from kbdesk.content.article import ArticleError
from kbdesk.content.store import ContentError, SaveConflict
from kbdesk.messages import localized, translated


class CommandLineParser(argparse.ArgumentParser):
    """argparse, in the user's language, and a mistake on the command line
    is one line like every other error: ``kbdesk: 错误: …`` (exit 2)."""

    def error(self, message: str):
        self.exit(2, f"kbdesk: {translated('Cli', 'error', cli_language())}: "
                     + say("{message} (kbdesk --help lists the commands)", message=message) + "\n")


def _argparse_in_users_language() -> None:
    """argparse's own words (usage, options, 'the following arguments are
    required') through the translation file, as gettext would: argparse
    looks up its module's ``_`` and ``ngettext`` each time it speaks."""
    argparse._ = lambda text: translated("Cli", text, cli_language())
    argparse.ngettext = lambda one, many, n: translated("Cli", one if n == 1 else many, cli_language())


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    """The parser, and the function that runs each command."""
    _argparse_in_users_language()
    parser = CommandLineParser(
        prog="kbdesk",
        description="Knowledge base and reply scripts for customer service. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"kbdesk {__version__}")
    parser.add_argument("--content", metavar="DIR", help="content folder (default: $KBDESK_CONTENT, "
                        "the 'content' preference, or your own copy of the sample knowledge base)")
    parser.add_argument("--index-dir", metavar="DIR", help="index folder (default: $KBDESK_INDEX_DIR "
                        "or a folder in your cache)")
    parser.add_argument("--as", dest="window_as", metavar="NAME",
                        help="the window acts as this person (a lead's name or e-mail; not saved)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands = {}
    for group in (search_commands, authoring_commands, import_commands, sync_commands, usage_commands):
        commands.update(group.add_commands(sub))
    _in_users_language(parser)
    return parser, commands


def _in_users_language(parser: argparse.ArgumentParser) -> None:
    """Every help text of *parser* and its commands through the translation
    file (context "Cli"), in one place rather than at each argument."""
    if parser.description:
        parser.description = say(parser.description)
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = say(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    choice.help = say(choice.help)
            for command in action.choices.values():
                _in_users_language(command)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass
    parser, commands = build_parser()
    args = parser.parse_args(argv)
    handler = commands.get(args.command, cmd_gui)
    try:
        return handler(args)
    except CliError as exc:
        return _fail("error", str(exc), exc.code)
    except (ContentError, ArticleError, SaveConflict) as exc:
        return _fail("error", localized(exc, cli_language()), 2)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (| head): nothing more to say, and nothing to complain about
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout once more at exit
        except OSError:
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback
        # The leads' modules are imported only by the commands that use them
        # (the window must start fast), so their errors are told apart here.
        from kbdesk.authoring.team import PermissionDenied
        from kbdesk.authoring.workflow import WorkflowError
        from kbdesk.content.versions import VersionError

        if isinstance(exc, PermissionDenied):
            return _fail("not allowed", localized(exc, cli_language()), 4)
        from kbdesk.search.index import IndexUnavailable

        from kbdesk.messages import CodedError

        if isinstance(exc, (WorkflowError, VersionError, IndexUnavailable, CodedError)):
            return _fail("error", localized(exc, cli_language()), 2)
        if os.environ.get("KBDESK_DEBUG"):
            raise
        return _fail("error", f"{type(exc).__name__}: {exc} (set KBDESK_DEBUG=1 for details)", 1)


def _fail(kind: str, message: str, code: int) -> int:
    """One line on stderr, in the user's language: ``kbdesk: error: …``."""
    print(f"kbdesk: {translated('Cli', kind, cli_language())}: {message}", file=sys.stderr)
    return code
