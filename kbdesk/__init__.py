"""kbdesk: a desktop knowledge base and reply-script editor for customer service.

Everything in this package except ``kbdesk.ui`` is free of Qt, so the command
line, the tests and other tools can use it without a window.
"""

__version__ = "0.1.0"
