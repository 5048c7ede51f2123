"""The relations monitor: idempotent ingest, merged reports, index, alerts, network, recode, exports."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from khyber.analysis.alerts import find_alerts
from khyber.analysis.dyads import dyad_index
from khyber.analysis.network import network
from khyber.cli import main, samples_dir
from khyber.store.db import SCHEMA_VERSION, Database
from khyber.store.export import export

TABLES = ("documents", "sentences", "events", "event_reports", "rejects", "parses")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("monitor") / "samples.duckdb")
    assert main(["ingest", str(samples_dir() / "html"), "--db", path, "--quiet"]) == 0
    return path


def counts(path: str) -> dict[str, int]:
    with Database(path, read_only=True) as db:
        return {t: db.query(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def test_ingesting_the_sample_corpus_twice_changes_no_table(sample_db):
    before = counts(sample_db)
    assert before["documents"] == len(list((samples_dir() / "html").glob("*.html")))
    assert main(["ingest", str(samples_dir() / "html"), "--db", sample_db, "--quiet"]) == 0
    assert counts(sample_db) == before


def test_merged_events_list_every_reporting_article(sample_db):
    manifest = [json.loads(x) for x in (samples_dir() / "manifest.jsonl").read_text().splitlines()]
    cluster_of = {m["id"]: m["cluster"] for m in manifest if m.get("cluster")}
    with Database(sample_db, read_only=True) as db:
        rows = db.query(
            "SELECT e.event_id, e.n_articles, list(DISTINCT d.ref) FROM events e JOIN event_reports r USING (event_id)"
            " JOIN documents d ON d.doc_id = r.doc_id WHERE e.merged_into IS NULL GROUP BY ALL"
        )
        merged = db.query("SELECT count(*) FROM events WHERE merged_into IS NOT NULL")[0][0]
    assert merged > 0
    for _eid, n_articles, refs in rows:
        assert n_articles == len(refs)  # the count is the list of reporting documents
    # the sample corpus has clusters of articles from different outlets about one happening: for some
    # cluster, one merged event is reported by exactly the cluster's articles
    members: dict[str, set[str]] = defaultdict(set)
    for doc_id, cluster in cluster_of.items():
        members[cluster].add(doc_id)
    whole = {
        c for c, ids in members.items() for _e, n, refs in rows if n == len(ids) and {Path(r).stem for r in refs} == ids
    }
    assert whole, "no merged event gathers all the articles of a cluster"


def test_dyad_index_by_month_and_sector(sample_db):
    with Database(sample_db, read_only=True) as db:
        points = dyad_index(db, "PAK", "AFG", freq="month")
        ct = dyad_index(db, "PAK", "AFG", freq="month", sector="counterterrorism")
        flagged = dyad_index(db, "PAK", "AFG", freq="month", include_flagged=True)
    assert points and ct
    assert sum(p.n_events for p in ct) <= sum(p.n_events for p in points) <= sum(p.n_events for p in flagged)
    for p in points:
        assert p.n_events == p.q1 + p.q2 + p.q3 + p.q4
        assert -1.0 <= p.net_cooperation <= 1.0
        assert p.net_cooperation == pytest.approx(((p.q1 + p.q2) - (p.q3 + p.q4)) / p.n_events, abs=1e-3)


def test_dyad_cli_table_and_json(sample_db, capsys):
    assert main(["dyad", "PAK", "AFG", "--freq", "month", "--db", sample_db]) == 0
    assert "net cooperation" in capsys.readouterr().out
    assert main(["dyad", "PAK", "AFG", "--sector", "counterterrorism", "--format", "json", "--db", sample_db]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_alerts_name_their_drivers(sample_db):
    with Database(sample_db, read_only=True) as db:
        alerts = find_alerts(db, "PAK", "AFG", freq="month", window=6, threshold=1.5, min_events=2)
    for a in alerts:
        assert a.kind in ("warming", "souring", "conflict spike")
        assert a.drivers, a


def test_network_edges(sample_db):
    with Database(sample_db, read_only=True) as db:
        edges = network(db, level="country")
    pairs = {(e.source, e.target) for e in edges}
    assert ("PAK", "AFG") in pairs or ("AFG", "PAK") in pairs
    assert all(e.n_events == e.cooperative + e.conflictual for e in edges)


def test_export_round_trip_csv_and_parquet(sample_db, tmp_path):
    with Database(sample_db, read_only=True) as db:
        n_csv = export(db, "csv", str(tmp_path / "e.csv"))
        n_pq = export(db, "parquet", str(tmp_path / "pq"))
        n_geo = export(db, "geojson", str(tmp_path / "e.geojson"))
        n_gdelt = export(db, "gdelt", str(tmp_path / "e.tsv"))
        ids = {r[0] for r in db.query("SELECT event_id FROM events WHERE merged_into IS NULL")}
    assert n_csv == n_pq == len(ids)
    con = duckdb.connect()
    csv_ids = {r[0] for r in con.execute(f"SELECT event_id FROM read_csv_auto('{tmp_path / 'e.csv'}')").fetchall()}
    pq_rows = con.execute(
        f"SELECT event_id, month FROM read_parquet('{tmp_path / 'pq'}/**/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert csv_ids == ids == {r[0] for r in pq_rows}
    assert all(len(r[1]) == 7 for r in pq_rows)  # partitioned by month: YYYY-MM
    geo = json.loads((tmp_path / "e.geojson").read_text())
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == n_geo
    header = (tmp_path / "e.tsv").read_text().splitlines()[0].split("\t")
    assert header[:3] == ["GLOBALEVENTID", "SQLDATE", "MonthYear"] and "GoldsteinScale" in header
    assert n_gdelt <= n_csv


def test_recode_uses_the_parse_cache_and_keeps_counts(sample_db, tmp_path, capsys):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(sample_db).read_bytes())
    before = counts(str(copy))
    assert main(["recode", "--db", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "0 parsed again" in out
    after = counts(str(copy))
    assert after["documents"] == before["documents"] and after["events"] == before["events"]


def test_an_older_database_is_upgraded_without_losing_rows(tmp_path):
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)
    from importlib import resources

    con.execute(resources.files("khyber.store").joinpath("schema.sql").read_text("utf-8"))
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO documents (doc_id, ref, text) VALUES ('d1', 'old.txt', 'Pakistan met Afghanistan.')")
    con.close()
    with Database(path) as db:
        assert db.schema_version() == SCHEMA_VERSION
        assert db.query("SELECT count(*) FROM documents") == [(1,)]
        assert "n_articles" in {
            r[0] for r in db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")
        }


def test_python_api_frames(sample_db):
    import khyber

    db = khyber.open(sample_db, read_only=True)
    df = db.events(dyad="PAK-AFG")
    assert len(df) > 0 and {"event_id", "cameo", "source_code"} <= set(df.columns)
    idx = db.dyad("PAK", "AFG", freq="month")
    assert {"period", "net_cooperation"} <= set(idx.columns)
    events = khyber.extract(
        "Pakistan's foreign minister met the Afghan ambassador in Islamabad on Monday.", date="2024-05-06"
    )
    assert events and events[0].root == "04"
