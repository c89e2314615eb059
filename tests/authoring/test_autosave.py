import os
import signal
import subprocess
import sys

from kbdesk.authoring import autosave

WRITER = """
import sys, time
from pathlib import Path
from kbdesk.authoring import autosave
root = Path(sys.argv[1])
n = 0
while True:  # an editor that keeps typing until it is killed
    n += 1
    autosave.save(root, "scripts/greeting.md", f"第{n}稿：您好", "abc")
    print(n, flush=True)
    time.sleep(0.01)
"""


def test_edits_survive_a_kill(content):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(content)], stdout=subprocess.PIPE, text=True,
                            env=os.environ.copy())
    try:
        for _ in range(5):
            last = int(proc.stdout.readline())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    left = autosave.pending(content)
    assert len(left) == 1
    recovery = left[0]
    assert recovery.path == "scripts/greeting.md" and recovery.base_hash == "abc"
    n = int(recovery.text.split("稿")[0][1:])
    assert n >= last and recovery.text.endswith("：您好")  # a whole draft, never half-written
    recovery.discard()
    assert autosave.pending(content) == []


def test_pending_is_per_content_folder(content, tmp_path):
    autosave.save(content, "a.md", "甲", None)
    autosave.save(tmp_path, "b.md", "乙", None)
    assert [r.text for r in autosave.pending(content)] == ["甲"]
    autosave.discard(content, "a.md")
    assert autosave.pending(content) == []
