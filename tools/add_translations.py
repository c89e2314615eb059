"""Add translations to resources/translations/kbdesk_zh_CN.ts and compile the
.qm with pyside6-lrelease.

    python tools/add_translations.py CONTEXT "English" "中文" [...]

The window's strings are looked up by the class that shows them (Qt's
translation context) and their English text; a string without a translation
stays English in the Chinese window. pyside6-lupdate is not run over the
tree: the editor's and the window's methods live in mixin classes, whose
strings Qt finds under the window's class (it walks the class's bases), and
lupdate would file them under the mixins' names instead.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "translations" / "kbdesk_zh_CN.ts"


def add(entries: list[tuple[str, str, str]]) -> int:
    tree = ET.parse(TS)
    root = tree.getroot()
    added = 0
    for context_name, source, translation in entries:
        context = next((c for c in root.findall("context") if c.findtext("name") == context_name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = context_name
        message = next((m for m in context.findall("message") if m.findtext("source") == source), None)
        if message is None:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = translation
            added += 1
        else:
            message.find("translation").text = translation
            message.find("translation").attrib.pop("type", None)
    ET.indent(tree, space="    ")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True, capture_output=True)
    return added


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 3:
        sys.exit(__doc__)
    print(f"{add([tuple(args[i:i + 3]) for i in range(0, len(args), 3)])} added")
