"""``kbdesk`` without a command: the window."""

from __future__ import annotations

from kbdesk.cli.common import CliError


def cmd_gui(args) -> int:
    try:
        from kbdesk.ui.app import run
    except ImportError as exc:
        raise CliError(f"the window cannot start: {exc}") from None
    return run(args)
