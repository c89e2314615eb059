"""The agents' window: the search bar, the result list, the preview, the
fill-in form and copying, and keeping the index up to date while it is open.

May import ``kbdesk.ui.editor``, ``kbdesk.ui.common`` and the core below ``kbdesk.ui``.
"""
