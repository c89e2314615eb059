"""How this desktop uses the knowledge base: copies, pins, recent articles
and searches, kept locally and privately (never in the content folder), and
the daily counts it shares through the team's repository for the leads'
dashboard (no customer data: see ``privacy``).

May import ``kbdesk.authoring``, ``kbdesk.search``, ``kbdesk.content``, ``kbdesk.text`` and ``kbdesk.config``.
"""
