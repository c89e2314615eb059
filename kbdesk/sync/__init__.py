"""One knowledge base on many desktops, through the team's own git server:
remote (where it is, its login, the transports), merging (articles, by
sentence), conflicts (this desktop's), syncing (clone, sync, resolve).

May import ``kbdesk.authoring``, ``kbdesk.usage`` (its counts' refs), ``kbdesk.content``, ``kbdesk.config`` and
``kbdesk.messages``.
"""
