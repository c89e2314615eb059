"""What an article is and how it is kept: the Markdown file with its front
matter, placeholders, the content folder (atomic saves), its git history,
rendering to HTML and plain text, and checking a whole folder.

May import only ``kbdesk.text``.
"""
