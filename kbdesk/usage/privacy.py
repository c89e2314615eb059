"""What may be kept of a query: its normalised form, with the customer's data
taken out before it is ever stored.

Agents paste what the customer wrote: phone numbers, e-mail addresses, order
numbers, ID and card numbers. None of it may reach the usage database, let
alone the team's repository: each becomes a placeholder, so that 「订单
D2026010112 退款」 and 「订单 D2026020299 退款」 count as one search.
"""

from __future__ import annotations

import re

from kbdesk import textforms

# Placeholders (kept in the stored text; they read as what was there).
EMAIL, PHONE, CODE, NUMBER = "〔邮箱〕", "〔电话〕", "〔单号〕", "〔数字〕"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
# Mobile (+86 138 1234 5678, 13812345678, 138-1234-5678) and fixed lines (010-12345678, 0755 1234567).
_PHONE = re.compile(r"(?<![\w])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)"
                    r"|(?<![\w])0\d{2,3}[\s-]?\d{7,8}(?!\d)", re.ASCII)
# Order, ticket and waybill numbers: letters and digits together, with at least four digits.
_CODE = re.compile(r"(?<![\w])(?=[A-Za-z0-9-]*\d{4})(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{5,}(?![\w])",
                   re.ASCII)
_DIGITS = re.compile(r"\d[\d\s-]{3,}\d")  # five or more digits, spaced or not (ID, card, amounts)
_SPACES = re.compile(r"\s+")
MAX_QUERY_CHARS = 80


def scrub(text: str) -> str:
    """*text* without e-mail addresses, phone numbers, order-like codes and
    runs of five or more digits (each replaced by its placeholder)."""
    text = _EMAIL.sub(EMAIL, text)
    text = _PHONE.sub(PHONE, text)
    text = _CODE.sub(CODE, text)
    return _DIGITS.sub(lambda m: NUMBER if sum(c.isdigit() for c in m.group()) >= 5 else m.group(), text)


def stored_query(query: str) -> str:
    """The form a query is counted under: scrubbed, then Simplified, narrow,
    lower-case, spaces collapsed, cut to MAX_QUERY_CHARS."""
    text = scrub(textforms.fold_width_case(query))  # full-width digits are digits too
    for placeholder in (EMAIL, PHONE, CODE, NUMBER):
        text = text.replace(placeholder, f"\0{placeholder}\0")
    parts = text.split("\0")
    # the placeholders stay as they are; the rest is folded (Traditional → Simplified)
    text = "".join(p if p in (EMAIL, PHONE, CODE, NUMBER) else textforms.normalize(p) for p in parts)
    return _SPACES.sub(" ", text).strip()[:MAX_QUERY_CHARS]
