"""What the agents' window and the leads' editor share: translations and
labels of the core's codes, icons and style, the article view, small widgets.

May import the core below ``kbdesk.ui``, not ``kbdesk.ui.agent`` or ``kbdesk.ui.editor``.
"""
