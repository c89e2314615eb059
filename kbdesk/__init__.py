"""kbdesk: a desktop knowledge base and reply-script editor for customer service.

Layers, each importing only those below it (``tests/test_architecture.py``
checks this, and that nothing outside ``kbdesk.ui`` imports Qt):

    ui, cli                      the window and the command line
    authoring, usage             the leads' work; this desktop's use data
    search                       the Whoosh index and queries
    config                       where things live
    content                      articles, the content folder, its history
    text                         Chinese text forms shared by all
"""

__version__ = "0.1.0"
