"""The date of an event: the article's date, moved by what the sentence says.

"yesterday", "on Monday" (the last Monday on or before the article date), "last week", "last
month", and explicit dates ("on December 11", "11 December 2024", "Dec. 11") in the sentence.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MDY = re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(\d{{4}}))?\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_REL = re.compile(
    r"\b(yesterday|last night|last week|last month|the day before|on (?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?: night| morning| evening)?)\b",
    re.I,
)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, ref: date) -> date | None:
    """A month and day without a year: this year's, or last year's when that is the only past reading
    ("December 28" in a January article). A date just ahead is a plan ("talks on October 25"): None."""
    cand = _safe(ref.year, m, d)
    if cand and cand > ref + timedelta(days=2):
        if (cand - ref).days < 90:
            return None
        cand = _safe(ref.year - 1, m, d)
    return cand


def event_date(sentence: str, ref: date | None) -> date | None:
    """The date the sentence gives for what it reports, or the reference (article) date."""
    if ref is None:
        m = _ISO.search(sentence)
        return _safe(int(m[1]), int(m[2]), int(m[3])) if m else None
    for rx, order in ((_MDY, "mdy"), (_DMY, "dmy")):
        mm = rx.search(sentence)
        if mm:
            if order == "mdy":
                mon, day, year = MONTHS[mm[1].lower().rstrip(".")[:3]], int(mm[2]), mm[3]
            else:
                day, mon, year = int(mm[1]), MONTHS[mm[2].lower().rstrip(".")[:3]], mm[3]
            if year:
                got = _safe(int(year), mon, day)
            else:
                got = _infer_year(mon, day, ref)
            if got and got <= ref + timedelta(days=1) and (ref - got).days < 3660:
                return got
    rel = _REL.search(sentence)
    if rel:
        w = rel[1].lower()
        if w in ("yesterday", "last night", "the day before"):
            return ref - timedelta(days=1)
        if w == "last week":
            return ref - timedelta(days=7)
        if w == "last month":
            return (ref.replace(day=1) - timedelta(days=1)).replace(day=min(ref.day, 28))
        day_name = w.replace("on ", "").split()[0]
        if day_name in DAYS:
            back = (ref.weekday() - DAYS.index(day_name)) % 7
            return ref - timedelta(days=back)
    return ref
