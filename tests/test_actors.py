"""The actor dictionary: schema, dated roles, metonyms, matching."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from khyber.coding.actors import ActorDictionary, load_dictionary, normalize
from khyber.errors import DataError


def codes(name: str, on: str) -> set[str]:
    return {r["code"] for r in load_dictionary().lookup(name, date.fromisoformat(on))}


def test_taliban_were_insurgents_before_august_2021_and_government_after():
    assert codes("Taliban", "2019-06-01") == {"AFGINS"}
    assert codes("Taliban", "2023-06-01") == {"AFGGOV"}


def test_ishaq_dar_is_government_on_the_seed_date():
    rows = load_dictionary().lookup("Ishaq Dar", date(2024, 12, 16))
    assert rows[0]["id"] == "ishaq_dar" and rows[0]["code"] == "PAKGOV"


def test_a_party_leader_out_of_office_takes_the_party_standing_on_the_date():
    # Zardari: PPP co-chairman; the PPP was in opposition in 2021, in the PDM government in early 2023,
    # and he was president again from 2024-03-10 (the office outranks the membership)
    assert codes("Asif Ali Zardari", "2021-02-06") == {"PAKOPP"}
    assert codes("Asif Ali Zardari", "2023-02-02") == {"PAKGOV"}
    row = load_dictionary().lookup("Asif Ali Zardari", date(2024, 6, 1))[0]
    assert row["code"] == "PAKGOV" and "President" in row["title"]
    assert codes("Imran Khan", "2015-01-01") == {"PAKOPP"}
    assert codes("Imran Khan", "2020-01-01") == {"PAKGOV"}


def test_metonyms_stand_for_institutions():
    assert codes("Islamabad", "2024-01-01") == {"PAKGOV"}
    assert codes("Kabul", "2024-01-01") == {"AFGGOV"}
    assert codes("Rawalpindi", "2024-01-01") == {"PAKMIL"}


def test_groups_and_aliases():
    for alias in ("TTP", "Tehreek-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan", "Pakistani Taliban"):
        rows = load_dictionary().lookup(alias, date(2024, 1, 1))
        assert rows and rows[0]["id"] == "ttp", alias
    for alias in ("IS-K", "ISKP", "Islamic State Khorasan"):
        rows = load_dictionary().lookup(alias, date(2024, 1, 1))
        assert rows and rows[0]["id"] == "islamic_state_khorasan", alias


def test_matching_is_longest_leftmost_on_word_boundaries_and_acronyms_need_capitals():
    d = load_dictionary()
    text = "The Pakistani Taliban attacked; ttp was not written in capitals; Pakistanis protested."
    found = [(text[m.start : m.end], m.alias.kind) for m in d.find(text)]
    assert ("Pakistani Taliban", "entity") in found
    assert not any(t == "ttp" for t, _ in found)


def test_normalize_keeps_offsets():
    s = "Tehrik‐i‐Taliban’s chargé d’affaires İstanbul"
    assert len(normalize(s)) == len(s)


def test_dictionary_loads_fast_enough_to_build_per_process():
    d = load_dictionary()
    assert len(d.entries) > 500
    assert len(d.aliases) > 2000


def _load(tmp_path: Path, text: str) -> None:
    data = tmp_path / "actors"
    data.mkdir()
    (data / "bad.yml").write_text(text)
    ActorDictionary().load_path(data / "bad.yml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: x\n  name: X\n  kind: person\n  code: PAKGOV\n", "bad.yml:1: source is missing"),
        ("- id: x\n  name: X\n  kind: thing\n  code: PAK\n  source: s\n", "bad.yml:1: kind 'thing'"),
        (
            "- id: ok\n  name: Ok\n  kind: person\n  code: PAKELI\n  source: s\n"
            "- id: Bad Id\n  name: X\n  kind: person\n  code: PAK\n  source: s\n",
            "bad.yml:6: id 'Bad Id'",
        ),
        (
            "- id: x\n  name: X\n  kind: person\n  code: PAKELI\n  source: s\n  roles:\n"
            "    - {code: PAKGOV, from: 2024-13-01, to: null}\n",
            "bad.yml:7: from '2024-13-01'",
        ),
        ("- id: x\n  name: X\n  kind: person\n  code: pakgov\n  source: s\n", "bad.yml:1: code 'pakgov'"),
        (
            "- id: x\n  name: X\n  kind: person\n  code: PAKELI\n  source: s\n  roles:\n"
            "    - {party: no_such_party, from: 2020-01-01, to: null}\n",
            "bad.yml:1: party 'no_such_party'",
        ),
    ],
)
def test_a_bad_entry_fails_with_file_and_line(tmp_path, text, message):
    with pytest.raises(DataError, match=message.replace("(", r"\(")):
        _load(tmp_path, text)
