"""The window (Qt 6). It only presents the core: background workers call it,
models hold what it returns, widgets show it, and each window wires its parts.

The top layer with ``kbdesk.cli``: may import every other part of kbdesk, and
is the only part that imports Qt. ``app`` starts the application.
"""
