"""Quality gates: khyber's figures on its gold sets must not fall below the pinned floors.

The floors live in tests/gold/floors.json and only move up (a re-pin that lowers one fails here).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khyber.evaluate import evaluate_file

GOLD = Path(__file__).resolve().parent / "gold"
FLOORS = json.loads((GOLD / "floors.json").read_text())
# one flipped decision moves a figure by about 0.001-0.003: do not fail on that
EPSILON = 0.005
KEYS = ("events_root_dyad_f1", "actors_code_accuracy", "merge_f1")


def test_floors_only_move_up():
    for key in KEYS:
        earlier = [h[key] for h in FLOORS["history"] if key in h]
        assert FLOORS[key] >= max(earlier), f"{key} was lowered below an earlier floor"


@pytest.fixture(scope="module")
def events_report():
    return evaluate_file(GOLD / "events.jsonl")


def test_event_coding_keeps_its_floor(events_report):
    f1 = events_report["levels"]["root+dyad"]["f1"]
    assert f1 >= FLOORS["events_root_dyad_f1"] - EPSILON, f"root+dyad F1 {f1} under the floor"
    # the levels are nested: full agreement implies root+dyad, which implies root
    lv = events_report["levels"]
    assert lv["full"]["tp"] <= lv["root+dyad"]["tp"] <= lv["root"]["tp"]


def test_actor_resolution_keeps_its_floor():
    acc = evaluate_file(GOLD / "actors.jsonl")["accuracy"]
    assert acc >= FLOORS["actors_code_accuracy"] - EPSILON, f"actor accuracy {acc} under the floor"


def test_merging_keeps_its_floor():
    f1 = evaluate_file(GOLD / "merge.jsonl")["f1"]
    assert f1 >= FLOORS["merge_f1"] - EPSILON, f"merge F1 {f1} under the floor"


def test_gold_sets_meet_their_specifications():
    events = [json.loads(x) for x in (GOLD / "events.jsonl").read_text().splitlines() if x.strip()]
    assert len(events) >= 600
    roots: dict[str, int] = {}
    for e in events:
        for r in {str(x["code"])[:2] for x in e["expected"]}:
            roots[r] = roots.get(r, 0) + 1
    assert all(roots.get(f"{i:02d}", 0) >= 15 for i in range(1, 21)), roots
    assert sum("afpak" in e.get("tags", []) for e in events) >= len(events) / 3
    assert sum(bool(e.get("no_event")) for e in events) >= len(events) / 5
    actors = [json.loads(x) for x in (GOLD / "actors.jsonl").read_text().splitlines() if x.strip()]
    assert len(actors) >= 300
