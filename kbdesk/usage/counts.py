"""One desktop's daily counts as arrays: how they travel through the team's
repository and how the dashboard adds them up.

200 desktops × 180 days are about two million rows; as JSON lists they took
seconds to read, as numpy arrays in an ``.npz`` (no pickles: strings are
string arrays) they take milliseconds, and adding them up is a few
``bincount`` calls.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

FORMAT = 1


@dataclass
class DesktopCounts:
    desktop: str
    days: list[str]  # the distinct days the rows refer to (ISO dates)
    articles: list[str]  # the distinct article ids
    queries: list[str]  # the distinct (scrubbed) queries
    copies: np.ndarray  # int64 rows: day, article, copies, ms_total, ms_count (indices into the lists)
    searches: np.ndarray  # int64 rows: day, query, searches, empty, failed

    @classmethod
    def from_daily(cls, desktop: str, daily: dict) -> "DesktopCounts":
        """From :meth:`UsageStore.daily`'s lists."""
        days: dict[str, int] = {}
        articles: dict[str, int] = {}
        queries: dict[str, int] = {}

        def index(table: dict, key: str) -> int:
            return table.setdefault(key, len(table))

        copies = [(index(days, d), index(articles, a), n, ms, k) for d, a, n, ms, k in daily.get("copies", ())]
        searches = [(index(days, d), index(queries, q), s, e, f) for d, q, s, e, f in daily.get("searches", ())]
        return cls(desktop, list(days), list(articles), list(queries), _rows(copies), _rows(searches))

    def to_bytes(self) -> bytes:
        # not compressed: git compresses every object it stores anyway
        out = io.BytesIO()
        np.savez(out, format=np.array([FORMAT]), desktop=np.array([self.desktop]),
                 days=_strings(self.days), articles=_strings(self.articles), queries=_strings(self.queries),
                 copies=np.clip(self.copies, 0, 2**31 - 1).astype(np.int32),  # half the bytes to read
                 searches=np.clip(self.searches, 0, 2**31 - 1).astype(np.int32))
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "DesktopCounts":
        """Raises ValueError for anything that is not such a file."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                if int(npz["format"][0]) != FORMAT:
                    raise ValueError("unknown format")
                copies, searches = npz["copies"].astype(np.int64), npz["searches"].astype(np.int64)
                counts = cls(str(npz["desktop"][0]), _unstrings(npz["days"]), _unstrings(npz["articles"]),
                             _unstrings(npz["queries"]), copies.reshape(-1, 5), searches.reshape(-1, 5))
        except (OSError, KeyError, IndexError, TypeError, EOFError, UnicodeDecodeError) as exc:
            raise ValueError(str(exc)) from None
        for rows, tables in ((counts.copies, (counts.days, counts.articles)),
                             (counts.searches, (counts.days, counts.queries))):
            for column, table in enumerate(tables):
                if len(rows) and (rows[:, column].min() < 0 or rows[:, column].max() >= len(table)):
                    raise ValueError("an index out of range")
        return counts

    def to_daily(self) -> dict:
        return {"copies": [[self.days[d], self.articles[a], int(n), int(ms), int(k)] for d, a, n, ms, k in self.copies],
                "searches": [[self.days[d], self.queries[q], int(s), int(e), int(f)]
                             for d, q, s, e, f in self.searches]}


def _strings(values: list[str]) -> np.ndarray:
    """Strings as their UTF-8 bytes, one per line (numpy's own strings are UTF-32: four times the bytes)."""
    return np.frombuffer("\n".join(values).encode("utf-8"), dtype=np.uint8)


def _unstrings(array: np.ndarray) -> list[str]:
    text = array.astype(np.uint8).tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _rows(rows: list[tuple]) -> np.ndarray:
    return np.array(rows, dtype=np.int64).reshape(-1, 5)
