"""The seed editorial (../shared, absent in a user's clone): its events must come out right."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT, SHARED

SEED = SHARED / "seed" / "editorial.html"
CHECK = SHARED / "checks" / "contract_check.py"

pytestmark = pytest.mark.skipif(
    not SEED.exists(), reason="../shared/seed is not here (only the project's own workspace has the seed editorial)"
)


def test_contract_check_passes_on_the_seed_page():
    khyber = f"{sys.executable} -m khyber.cli"
    r = subprocess.run(
        [sys.executable, str(CHECK), "--khyber", khyber], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_seed_non_events_give_no_factual_event(code_text):
    text = SEED.with_suffix(".txt").read_text("utf-8")
    events = code_text(text, "2024-12-16")
    for e in events:
        if e.sentence.startswith(("Kabul must recognize", "The IS-K, which is believed")):
            assert e.negated or e.hypothetical, e.as_dict()
