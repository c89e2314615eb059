"""The leads' editor: one window per article with its source, front matter
form, checks, preview, blanks and versions, and the hub that opens them.

May import ``kbdesk.ui.common`` and the core below ``kbdesk.ui``, not ``kbdesk.ui.agent``.
"""
