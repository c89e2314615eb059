"""Importing a team's existing documents: Word files, web pages, text in any
Chinese encoding and FAQ spreadsheets become Markdown articles, cleaned of
site boilerplate and converter debris, with their structure inferred.

    readers (one per format) → cleaning (step by step) → structure → importer

May import ``kbdesk.authoring``, ``kbdesk.search``, ``kbdesk.content``,
``kbdesk.textforms`` and ``kbdesk.config``.
"""
