"""On a real X display (Xvfb, started here): line edits take Ctrl+E, Ctrl+K
and Ctrl+D for themselves there (Emacs-style bindings), which offscreen
tests cannot see. The window's shortcuts must still work from the search
field, where focus always is."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys

import pytest

XVFB = shutil.which("Xvfb")

PROBE = r"""
import json
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from kbdesk.ui.agent.search_bar import SearchField

app = QApplication([])
out = {}
for name, widget in (("plain", QLineEdit()), ("search", SearchField())):
    widget.setText("退款")
    for key in ("E", "K", "D"):
        event = QKeyEvent(QEvent.Type.ShortcutOverride, getattr(Qt.Key, "Key_" + key),
                          Qt.KeyboardModifier.ControlModifier, key.lower())
        event.ignore()
        QApplication.sendEvent(widget, event)
        out[name + key] = event.isAccepted()
print(json.dumps(out))
"""


@pytest.fixture
def x_display():
    if XVFB is None:
        pytest.skip("Xvfb is not installed")
    # Xvfb picks a free display itself and writes its number to the pipe
    # (choosing one here ran out once killed servers had left their lock files)
    read, write = os.pipe()
    proc = subprocess.Popen([XVFB, "-displayfd", str(write), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write,))
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 10)
        number = os.read(read, 16).decode().strip() if ready else ""
        if not number.isdigit() or proc.poll() is not None:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        os.close(read)
        proc.terminate()  # (SIGTERM: it removes its lock file and socket)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_ctrl_e_k_d_reach_the_window_from_the_search_field_on_x11(x_display):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": x_display}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60)
    if done.returncode and "xcb" in done.stderr:
        pytest.skip(f"Qt cannot use the X display here: {done.stderr.strip().splitlines()[-1]}")
    assert done.returncode == 0, done.stderr
    accepted = json.loads(done.stdout.strip().splitlines()[-1])
    # A plain line edit takes Ctrl+E (end of line) there: that is what broke Ctrl+E.
    assert accepted["plainE"]
    assert not any(accepted[f"search{k}"] for k in "EKD")
