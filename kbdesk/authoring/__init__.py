"""The leads' work: versions with authors, review and approval (the two-person
rule), the team's roles, wording checks (lint), word-level diffs, autosave.

May import ``kbdesk.search``, ``kbdesk.content``, ``kbdesk.text`` and ``kbdesk.config``.
"""
