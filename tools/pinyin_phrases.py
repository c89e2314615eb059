"""Write kbdesk/pinyin_phrases.txt: the phrases of pypinyin's phrase table
whose toneless reading is not that of their characters one by one (银行
yín háng, 重庆 chóng qìng). kbdesk loads only these (see
kbdesk.textforms.pypinyin): the whole table costs every indexing process
about 45 MB, and the other 44,000 phrases read as their characters do anyway.

Run it again after upgrading pypinyin: python tools/pinyin_phrases.py
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "kbdesk" / "pinyin_phrases.txt"


def _bare(syllable: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))


def main() -> int:
    if os.environ.get("PYPINYIN_NO_PHRASES"):
        sys.exit("unset PYPINYIN_NO_PHRASES: the whole phrase table is read here")
    import pypinyin
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    lines = []
    for phrase, readings in sorted(phrases_dict.items()):
        alone = [_bare(pinyin_dict.get(ord(c), "").split(",")[0]) for c in phrase]
        if alone != [_bare(r[0]) for r in readings]:
            lines.append(f"{phrase} {' '.join(r[0] for r in readings)}")
    OUT.write_text(f"# from pypinyin {pypinyin.__version__} (MIT licence), by tools/pinyin_phrases.py\n"
                   + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} of {len(phrases_dict)} phrases -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
