"""Every message code of the core has English and Chinese text, in Qt's
translation file, for the window and the command line alike."""

from __future__ import annotations

import re

from kbdesk.authoring.workflow import WorkflowError
from kbdesk.messages import MESSAGES, CodedError, localized, translated

PASS_THROUGH = {code for code, text in MESSAGES.items() if text == "{reason}"}  # another error's own words


def test_every_code_has_chinese_with_its_parameters():
    for code, english in MESSAGES.items():
        if code in PASS_THROUGH:
            continue
        chinese = translated("Messages", english, "zh_CN")
        assert chinese != english and re.search(r"[\u4e00-\u9fff]", chinese), code
        # a parameter may be left out in Chinese (the English 'may {action}'), never invented
        assert set(re.findall(r"\{(\w+)\}", chinese)) <= set(re.findall(r"\{(\w+)\}", english)), code


def test_an_error_reads_in_either_language():
    exc = WorkflowError("already-in-review", article="script-greeting")
    assert isinstance(exc, CodedError) and exc.code == "already-in-review"
    assert str(exc) == localized(exc, "en") == "script-greeting is already in review"
    assert localized(exc, "zh_CN") == "script-greeting 已经在审核中。"
    assert localized(ValueError("plain words"), "zh_CN") == "plain words"  # not coded: as it is


def test_the_window_shows_coded_errors_in_its_language(qapp):
    from kbdesk.ui.common import i18n

    try:
        i18n.apply_language("zh_CN")
        assert i18n.message_text(WorkflowError("already-retired", article="faq-x")) == "faq-x 已经停用。"
        i18n.apply_language("en")
        assert i18n.message_text(WorkflowError("already-retired", article="faq-x")) == "faq-x is already retired"
    finally:
        i18n.apply_language("system")
