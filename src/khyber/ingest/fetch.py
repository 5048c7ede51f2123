"""Fetch a URL politely: one identified user agent, a timeout, a size cap, no retries storm."""

from __future__ import annotations

import urllib.error
import urllib.request

from khyber import __version__
from khyber.records import RawInput, Reject

USER_AGENT = f"khyber/{__version__} (+news event coder; polite fetcher)"
MAX_BYTES = 5_000_000


def fetch(url: str, timeout: float = 20.0) -> RawInput | Reject:
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            ctype = resp.headers.get("Content-Type", "")
            if ctype and not any(t in ctype for t in ("html", "text", "xml")):
                return Reject(url, f"not a web page (content type {ctype})", stage="fetch")
            data = resp.read(MAX_BYTES + 1)
            charset = resp.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as e:
        return Reject(url, f"HTTP {e.code} {e.reason}", stage="fetch")
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        return Reject(url, f"cannot fetch: {reason}", stage="fetch")
    if len(data) > MAX_BYTES:
        return Reject(url, f"page larger than {MAX_BYTES // 1_000_000} MB", stage="fetch")
    return RawInput(ref=url, html=data.decode(charset, errors="replace"), url=url)
