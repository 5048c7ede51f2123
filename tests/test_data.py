"""The data files: ontology complete, patterns valid, sectors and modality lists loadable."""

from __future__ import annotations

from khyber.coding.ontology import load_cameo
from khyber.coding.patterns import load_patterns
from khyber.coding.sectors import SECTORS, load_sectors


def test_cameo_table_is_complete_and_consistent():
    table = load_cameo()
    roots = {c for c in table if len(c) == 2}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert len(table) >= 300
    for code, rec in table.items():
        assert rec.root == code[:2]
        assert -10 <= rec.goldstein <= 10
        expected_quad = 1 if rec.root <= "04" else 2 if rec.root <= "08" else 3 if rec.root <= "13" else 4
        assert rec.quad_class == expected_quad, code
        assert rec.plover_type, code
        if len(code) > 3:
            assert code[:3] in table, code


def test_patterns_load_and_use_known_codes():
    idx = load_patterns()
    table = load_cameo()
    assert idx.count > 0
    for lst in [*idx.verbs.values(), *idx.nouns.values()]:
        for p in lst:
            assert p.code in table


def test_sectors_are_the_contract_keys():
    assert tuple(r.name for r in load_sectors()) == SECTORS


def test_modality_code_tables_use_known_codes():
    from khyber.coding.modality import load_modality

    table = load_cameo()
    m = load_modality()
    assert m.intent_codes and m.readiness_words
    for act, intent in m.intent_codes.items():
        assert act in table and intent in table and intent.startswith("03"), (act, intent)
    for code in (*m.mass_codes, *m.mass_codes.values(), *m.home_codes, *m.mass_killing_codes):
        assert code in table, code
