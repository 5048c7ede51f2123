"""Shared fixtures. No test reaches the network; the spaCy model comes from an installed package."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    from khyber.pipeline import get_coder

    return get_coder()


@pytest.fixture(scope="session")
def nlp():
    from khyber.nlp.parser import load_nlp

    return load_nlp()


@pytest.fixture
def code_text(coder):
    """Code a text as one document on a date; returns the events."""
    from khyber.pipeline import extract_one

    def run(text: str, date: str = "2024-12-16"):
        return extract_one(text, date=date)

    return run


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "test.duckdb")
