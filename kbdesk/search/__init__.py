"""The Whoosh index and queries: analysis of articles into terms, building and
updating the index, writing segments, scoring postings, and the searcher.

May import ``kbdesk.content``, ``kbdesk.text`` and ``kbdesk.config``.
"""
