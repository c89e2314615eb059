"""The fault tests use the window tests' fixtures: a real MainWindow offscreen."""

from tests.ui.conftest import _release_clipboard_before_exit, make_window  # noqa: F401
