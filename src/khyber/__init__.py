"""khyber: news to coded political events, and a monitor of relations between states and armed groups.

The public API is small: :func:`extract` codes a text or page without storing anything, and
:func:`open` gives a stored database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
DATA_VERSION = "2026.11"
CODER = f"khyber/{__version__} data/{DATA_VERSION}"

if TYPE_CHECKING:
    from khyber.records import Event
    from khyber.store.db import Database

__all__ = ["CODER", "DATA_VERSION", "__version__", "extract", "open"]


def extract(text_or_html: str, date: str | None = None, url: str | None = None) -> list[Event]:
    """Code one text or HTML page and return its events; nothing is stored."""
    from khyber.pipeline import extract_one

    return extract_one(text_or_html, date=date, url=url)


def open(path: str | None = None, **kwargs: Any) -> Database:
    """Open (or create) a khyber database: ``khyber.open("khyber.duckdb").events(...)``."""
    from khyber.store.db import Database

    return Database(path, **kwargs)
