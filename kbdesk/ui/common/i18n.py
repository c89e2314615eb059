"""The window's language: Simplified Chinese or English, from the system
locale unless the agent chose one in the preferences. Switching installs a
new translator; every widget retranslates itself on ``LanguageChange``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kbdesk.messages import MESSAGES, param_text
from kbdesk.ui.common.resources import translations_dir

LANGUAGES = ("system", "zh_CN", "en")

_installed: list[QTranslator] = []


def effective_language(choice: str | None) -> str:
    """'zh_CN' or 'en' for a preference value ('system', 'zh_CN', 'en')."""
    if choice in ("zh_CN", "en"):
        return choice
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        # Traditional-script users read Simplified more easily than English.
        return "zh_CN"
    return "en"


def apply_language(choice: str | None) -> str:
    """Install the translators for *choice*; returns the language now in use."""
    app = QCoreApplication.instance()
    lang = effective_language(choice)
    if app is None:
        return lang
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang == "zh_CN":
        own = QTranslator(app)
        folder = translations_dir()
        if folder is not None and own.load("kbdesk_zh_CN", str(folder)):
            _installed.append(own)
        qt = QTranslator(app)  # the standard buttons (OK, Cancel…)
        if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
        for translator in _installed:
            app.installTranslator(translator)
    return lang


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def coded_text(code: str | None, params: dict, fallback: str) -> str:
    """The text of a code of :mod:`kbdesk.messages` in the window's language, else *fallback*."""
    if code not in MESSAGES:
        return fallback
    text = translate("Messages", MESSAGES[code])
    for key, value in params.items():
        text = text.replace("{" + key + "}", param_text(key, value, translate))
    return text


def message_text(exc: BaseException) -> str:
    """An error of the core in the window's language: by its code
    (:mod:`kbdesk.messages`), else its own reason or text."""
    code = getattr(exc, "code", None)
    if code in MESSAGES:
        return coded_text(code, exc.params, str(exc))
    return getattr(exc, "reason", None) or str(exc)


def counted(n: int, one: str, many: str) -> str:
    """*one* or *many* (each already translated) for *n*, with {n} filled in:
    English says 1 result, 3 results (Chinese has one form for both)."""
    return (one if n == 1 else many).replace("{n}", str(n))


def kind_label(kind: str) -> str:
    """Short label of a kind, as on the badges and filter buttons."""
    labels = {
        "": translate("Kinds", "All"),
        "standard": translate("Kinds", "Standard"),
        "faq": translate("Kinds", "FAQ"),
        "script": translate("Kinds", "Script"),
        "article": translate("Kinds", "Article"),
    }
    return labels.get(kind, kind)
