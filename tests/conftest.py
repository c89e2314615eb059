"""Shared fixtures. Every test gets its own config, data and index folders, so
nothing reads or writes the real user's files."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Messages in English unless a test asks for another language (the CLI follows the locale).
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO / "content"


@pytest.fixture(scope="session")
def passage_vectors(tmp_path_factory) -> Path:
    """One store of passage vectors for the session: they are keyed by what
    was embedded, so the sample's passages are embedded once, not per test."""
    return tmp_path_factory.mktemp("vectors") / "passage-vectors.sqlite"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch, passage_vectors):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("KBDESK_VECTORS", str(passage_vectors))
    monkeypatch.setenv("KBDESK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("KBDESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("KBDESK_INDEX_DIR", str(base / "index"))
    monkeypatch.delenv("KBDESK_CONTENT", raising=False)
    return base


def write(root: Path, relpath: str, text: str) -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def write_team_settings(root: Path) -> None:
    """Two leads under the two-person rule, and one taboo phrase."""
    write(root, ".kbdesk/team.yaml", """
        approval: two_person
        leads:
          - {name: 王敏, email: wangmin@example.com}
          - {name: 刘芳, email: liufang@example.com}
        """)
    write(root, ".kbdesk/lint.yaml", """
        taboo_phrases:
          - {phrase: 不知道, suggest: 我帮您确认}
        """)


@pytest.fixture
def content(tmp_path) -> Path:
    """A small knowledge base written for the test."""
    root = tmp_path / "content"
    write(root, ".kbdesk/dict.txt", "足彩 2000 n\n工单 2000 n\n话术 2000 n\n回访 2000 v\n")
    write(root, "faq/refund-timeline.md", """
        ---
        id: faq-refund-timeline
        title: 退款多久能到账？
        kind: faq
        category: 退款与退货
        tags: [退款, 到账]
        status: approved
        ---
        # 退款多久能到账？

        退款审核通过后原路退回。银行卡一般 1 到 3 个工作日到账，APP 余额即时到账。

        如果超过 7 天仍未到账，请客户提供订单号，客服提交工单跟进。
        """)
    write(root, "faq/lottery-draw.md", """
        ---
        id: faq-lottery-draw
        title: 足彩什么时候开奖？
        kind: faq
        category: 彩票业务
        tags: [足彩, 开奖]
        ---
        足彩在最后一场比赛结束后开奖，结果在 APP 公告栏公布。
        """)
    write(root, "faq/hk-account.md", """
        ---
        id: faq-hk-account
        title: 帳號登入不了怎麼辦？
        kind: faq
        category: 港澳台客服
        tags: [帳號, 登入]
        ---
        請客戶先確認網路連線正常，再用簡訊驗證碼重設密碼。
        """)
    write(root, "scripts/greeting.md", """
        ---
        id: script-greeting
        title: 在线问候话术
        kind: script
        category: 在线客服
        tags: [问候, 开场]
        ---
        {{客户称呼|您}}好，我是客服{{坐席姓名}}，工号{{工号}}，很高兴为您服务。
        """)
    write(root, "scripts/old-greeting.md", """
        ---
        id: script-old-greeting
        title: 旧版问候话术
        kind: script
        status: retired
        tags: [问候]
        ---
        您好，这里是旧版问候。
        """)
    write(root, "scripts/draft-apology.md", """
        ---
        id: script-draft-apology
        title: 久等致歉话术（草稿）
        kind: script
        status: draft
        tags: [致歉, 久等]
        ---
        非常抱歉让您久等了。
        """)
    write(root, "standards/notes.md", """
        # 来电记录要求

        按 5W1H 记录来电：何时、何人、何地、何事、为何、如何。回访时核对记录。
        """)
    return root



@pytest.fixture
def read_only_copy(tmp_path):
    """read_only_copy(folder) -> a copy of *folder* that truly cannot be
    written, as a read-only share: mounted read-only when the tests run as
    root (who writes through permission bits), else without its w bits."""
    import shutil

    mounts, chmodded = [], []

    def make(folder: Path) -> Path:
        source = tmp_path / "read-only-source"
        shutil.copytree(folder, source, symlinks=True)
        if os.geteuid() != 0:
            for path in sorted(source.rglob("*"), reverse=True) + [source]:
                path.chmod(0o555 if path.is_dir() else 0o444)
            chmodded.append(source)
            return source
        root = tmp_path / "read-only"
        root.mkdir()
        for command in (["mount", "--bind", str(source), str(root)],
                        ["mount", "-o", "remount,bind,ro", str(root)]):
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                if mounts:
                    subprocess.run(["umount", str(root)], capture_output=True)
                pytest.skip(f"no read-only mount here: {done.stderr.strip()}")
            if command[1] == "--bind":
                mounts.append(root)
        return root

    yield make
    for root in mounts:
        subprocess.run(["umount", str(root)], capture_output=True)
    for source in chmodded:
        for path in [source, *source.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a disk of its own, 8 MB (a tmpfs; root only), to fill up:
    ``fill(free=...)`` leaves that many bytes, ``free_up()`` makes room again."""
    import shutil

    if os.geteuid() != 0:
        pytest.skip("a disk of its own needs root (mount)")
    disk = tmp_path / "small-disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"no tmpfs here: {done.stderr.strip()}")

    class SmallDisk:
        path = disk

        def fill(self, free: int = 0) -> None:
            filler = disk / "filler"
            with open(filler, "ab") as f:
                room = shutil.disk_usage(disk).free - free
                while room > 0:
                    try:
                        f.write(b"\0" * min(room, 1 << 20))
                        f.flush()
                    except OSError:
                        break
                    room = shutil.disk_usage(disk).free - free

        def free_up(self) -> None:
            (disk / "filler").unlink(missing_ok=True)

    yield SmallDisk()
    subprocess.run(["umount", "-l", str(disk)], capture_output=True)
