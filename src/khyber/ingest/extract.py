"""Raw input to a clean :class:`Document`: boilerplate out, title, date, source and language kept.

The cascade, in order:
1. HTML goes through trafilatura (precision first, no comments, no tables);
2. lines that are page chrome (``data/boilerplate.txt``) are dropped;
3. metadata: the input's own fields win over the page's;
4. refusals: empty text, too long, not English - each with a reason.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from khyber.records import Document, RawInput, Reject

MAX_CHARS = 1_000_000
MIN_CHARS = 20


@cache
def _boilerplate() -> re.Pattern[str]:
    lines = resources.files("khyber").joinpath("data/boilerplate.txt").read_text("utf-8").splitlines()
    pats = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)


def strip_boilerplate(text: str) -> str:
    pat = _boilerplate()
    kept = [ln for ln in text.splitlines() if not pat.match(ln.strip())]
    return "\n".join(kept).strip()


def parse_date(value: str | None) -> date | None:
    """ISO dates and datetimes (``2024-12-16``, ``2024-12-16T08:00:00+05:00``); anything else is None."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _html_to_parts(html: str, url: str | None) -> dict[str, Any]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,  # its cache spans calls: the same page would come out different the second time
    )
    if result is None:
        return {}
    d: dict[str, Any] = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return d


def _language(text: str) -> str:
    import py3langid

    lang, _ = py3langid.classify(text[:5000])
    return str(lang)


def to_document(raw: RawInput) -> Document | Reject:
    """Clean one input; never raises on bad content, returns a Reject instead."""
    title, published, url, source = raw.title, parse_date(raw.date), raw.url, raw.source
    if raw.date and published is None:
        return Reject(raw.ref, f"date {raw.date!r} is not an ISO date (YYYY-MM-DD)")
    if raw.html is not None:
        try:
            parts = _html_to_parts(raw.html, url)
        except Exception as e:  # trafilatura/lxml failures on hostile markup
            return Reject(raw.ref, f"HTML could not be parsed: {type(e).__name__}: {e}")
        text = parts.get("text") or ""
        title = title or parts.get("title")
        published = published or parse_date(parts.get("date"))
        url = url or parts.get("url")
        source = source or parts.get("sitename") or parts.get("hostname")
    else:
        text = raw.text or ""
    text = strip_boilerplate(text.replace("\r\n", "\n"))
    if len(text) < MIN_CHARS:
        what = "page has no article text (empty or all boilerplate)" if raw.html else "text is empty"
        return Reject(raw.ref, what)
    if len(text) > MAX_CHARS:
        return Reject(raw.ref, f"text is {len(text):,} characters, more than the {MAX_CHARS:,} allowed")
    lang = _language(text)
    if lang != "en" and len(text) > 200:
        return Reject(raw.ref, f"language looks like {lang!r}; khyber codes English text only")
    return Document(
        doc_id=Document.make_id(text, url),
        ref=raw.ref,
        text=text,
        title=title,
        published=published,
        url=url,
        source=source,
        lang="en",
    )
