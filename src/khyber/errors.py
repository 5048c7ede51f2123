"""One exception hierarchy, so callers can catch what they can explain to a person."""

from __future__ import annotations


class KhyberError(Exception):
    """Base of every error khyber raises on purpose; its message is meant for people."""


class InputError(KhyberError):
    """An input (file, page, record) that cannot be used; the batch goes on without it."""


class FetchError(InputError):
    """A URL that could not be fetched."""


class DataError(KhyberError):
    """A data file (dictionary, patterns, ontology) that breaks its schema; names file and line."""


class StoreError(KhyberError):
    """The database cannot be opened or written."""


class DatabaseBusy(StoreError):
    """Another process holds the database for writing."""


class UsageError(KhyberError):
    """A command was called with arguments that do not fit."""
