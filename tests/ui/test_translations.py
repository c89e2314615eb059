"""Every string the window shows through ``tr()`` or ``translate()`` has a
Chinese translation in the shipped .ts file (a string without one stays
English in the Chinese window)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET

from tests.conftest import REPO


def translated_sources() -> set[str]:
    root = ET.parse(REPO / "resources" / "translations" / "kbdesk_zh_CN.ts").getroot()
    out = set()
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is not None and (translation.text or translation.findall("numerusform")):
            out.add(message.findtext("source"))
    return out


def shown_strings():
    for path in sorted((REPO / "kbdesk" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            position = {"tr": 0, "translate": 1}.get(name)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield f"{path.relative_to(REPO)}:{node.lineno}", arg.value


def test_every_string_of_the_window_has_chinese():
    have = translated_sources()
    strings = list(shown_strings())
    assert len(strings) > 300  # the scan found the window's strings
    missing = [f"{where}: {text!r}" for where, text in strings if text not in have]
    assert missing == []


def test_the_file_dialog_speaks_chinese_whole(qapp):
    from PySide6.QtWidgets import QFileDialog

    from kbdesk.ui.common import i18n
    from kbdesk.ui.common.widgets import file_dialog

    i18n.apply_language("zh_CN")
    try:
        dialog = file_dialog(None, "导出表格", "", "CSV (*.csv)")
        assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "查找范围："
        assert dialog.labelText(QFileDialog.DialogLabel.FileType) == "文件类型："
        dialog.deleteLater()
    finally:
        i18n.apply_language("en")
