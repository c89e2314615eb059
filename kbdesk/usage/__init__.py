"""How this desktop uses the knowledge base: copies, pins and recent articles,
kept locally and privately (never in the content folder).

May import ``kbdesk.search``, ``kbdesk.content``, ``kbdesk.text`` and ``kbdesk.config``.
"""
