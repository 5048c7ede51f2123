"""The DuckDB store: idempotent writes, rejects kept, busy database, round trips."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khyber.errors import DatabaseBusy, StoreError
from khyber.records import Actor, CodedDocument, Document, Event, Reject, Sentence
from khyber.store.db import SCHEMA_VERSION, Database


def make_event(doc: Document, i: int, cameo: str = "042", quad: int = 1) -> Event:
    src = Actor("Pakistan", "pakistan", "Pakistan", "PAKGOV", "PAK", "GOV", 0, 8)
    tgt = Actor("Kabul", "afghanistan", "Afghanistan", "AFGGOV", "AFG", "GOV", 20, 25)
    return Event(
        f"ev{doc.doc_id}{i}",
        doc.doc_id,
        doc.ref,
        doc.published,
        src,
        tgt,
        cameo,
        "Make a visit",
        quad,
        1.9,
        "CONSULT",
        "visit",
        ("diplomacy",),
        False,
        False,
        None,
        "visited",
        doc.text,
        0,
        (0, 25),
        0.8,
        "khyber/test",
        pattern="visit",
    )


def coded(text: str, day: date = date(2024, 1, 5), n_events: int = 1) -> CodedDocument:
    doc = Document(Document.make_id(text), f"ref-{text[:5]}", text, "t", day)
    return CodedDocument(
        doc, (Sentence(doc.doc_id, 0, 0, len(text), text),), tuple(make_event(doc, i) for i in range(n_events))
    )


def test_writing_the_same_batch_twice_adds_nothing(db_path):
    batch = [
        coded("Pakistan visited Kabul."),
        coded("Pakistan visited Kabul again.", n_events=2),
        Reject("bad.html", "page has no article text"),
    ]
    with Database(db_path) as db:
        assert db.write_batch(batch) == (2, 3, 1)
        before = db.counts()
        assert db.write_batch(batch) == (0, 0, 1)
        assert db.counts() == before
        assert before["documents"] == 2 and before["events"] == 3 and before["rejects"] == 1


def test_second_writer_gets_a_clear_busy_message(db_path):
    Database(db_path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({db_path!r}); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatabaseBusy, match="busy"):
            Database(db_path)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with Database(db_path) as db:  # the file is intact afterwards
        assert db.counts()["documents"] == 0


def test_reading_a_missing_database_says_so(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Database(str(tmp_path / "none.duckdb"), read_only=True)


def test_schema_version_is_recorded(db_path):
    with Database(db_path) as db:
        assert db.schema_version() == SCHEMA_VERSION


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="abcdefghij ,.'’‘é-", min_size=5, max_size=60), min_size=1, max_size=6, unique=True))
def test_documents_round_trip(tmp_path_factory, texts):
    path = str(tmp_path_factory.mktemp("db") / "h.duckdb")
    batch = [coded(t) for t in texts]
    with Database(path) as db:
        db.write_batch(batch)
        rows = dict(db.query("SELECT doc_id, text FROM documents"))
    expected = {c.document.doc_id: c.document.text for c in batch}
    assert rows == expected


def test_out_of_memory_raises_the_writers_limit_and_runs_the_work_again(capsys):
    import duckdb as _duckdb

    from khyber.store.db import Database, _parse_bytes

    db = Database(":memory:")
    before = _parse_bytes(db.con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
    calls = []

    def work():
        calls.append(1)
        if len(calls) == 1:
            raise _duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
        return "stored"

    assert db.with_memory(work) == "stored" and len(calls) == 2
    after = _parse_bytes(db.con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
    assert after >= 1.9 * before
    assert "limit raised" in capsys.readouterr().err


def test_a_version_2_database_loses_its_large_keys_and_keeps_every_row(tmp_path):
    """Schema 3 drops the primary keys DuckDB would hold in memory (sentences, events, reports, parses)."""
    import duckdb

    path = str(tmp_path / "v2.duckdb")
    con = duckdb.connect(path)
    con.execute(V2_SCHEMA)
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.execute("INSERT INTO documents (doc_id, ref, text) VALUES ('d1', 'a.txt', 'Pakistan met Afghanistan.')")
    con.execute("INSERT INTO sentences VALUES ('d1', 0, 0, 25, 'Pakistan met Afghanistan.')")
    con.execute("INSERT INTO events (event_id, doc_id, cameo, root) VALUES ('e1', 'd1', '036', '03')")
    con.execute("INSERT INTO event_reports VALUES ('e1', 'd1', 'e1')")
    con.execute("INSERT INTO parses VALUES ('d1', 'm', 'xyz'::BLOB)")
    con.close()
    with Database(path) as db:
        assert db.schema_version() == SCHEMA_VERSION == 3
        for table in ("sentences", "events", "event_reports", "parses", "documents"):
            assert db.query(f"SELECT count(*) FROM {table}") == [(1,)], table
        keyed = {
            r[0] for r in db.query("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'")
        }
        assert "documents" in keyed and not keyed & {"sentences", "events", "event_reports", "parses"}
        assert db.query("SELECT n_mentions FROM events") == [(1,)]
        # a new event row still gets the defaults the merge counts start from
        db.con.execute("INSERT INTO events (event_id, doc_id, cameo, root) VALUES ('e2', 'd1', '036', '03')")
        assert db.query("SELECT n_mentions, n_articles FROM events WHERE event_id = 'e2'") == [(1, 1)]


V2_SCHEMA = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, ref VARCHAR NOT NULL, url VARCHAR, title VARCHAR,
    published DATE, source VARCHAR, lang VARCHAR, text VARCHAR NOT NULL, n_sentences INTEGER, n_events INTEGER,
    coder VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE sentences (doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, text VARCHAR NOT NULL, PRIMARY KEY (doc_id, idx));
CREATE TABLE events (event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, doc_ref VARCHAR, event_date DATE,
    source_text VARCHAR, source_id VARCHAR, source_name VARCHAR, source_code VARCHAR, source_country VARCHAR,
    source_role VARCHAR, target_text VARCHAR, target_id VARCHAR, target_name VARCHAR, target_code VARCHAR,
    target_country VARCHAR, target_role VARCHAR, cameo VARCHAR NOT NULL, root VARCHAR NOT NULL,
    cameo_name VARCHAR, quad_class INTEGER, goldstein DOUBLE, plover_type VARCHAR, plover_mode VARCHAR,
    sectors VARCHAR[], negated BOOLEAN, hypothetical BOOLEAN, intent BOOLEAN, location_name VARCHAR,
    location_country VARCHAR, lat DOUBLE, lon DOUBLE, trigger VARCHAR, pattern VARCHAR, sentence VARCHAR,
    sentence_index INTEGER, span_start INTEGER, span_end INTEGER, confidence DOUBLE, coder VARCHAR,
    merged_into VARCHAR, n_mentions INTEGER DEFAULT 1, n_sources INTEGER DEFAULT 1, n_articles INTEGER DEFAULT 1);
CREATE TABLE event_reports (event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, report_event_id VARCHAR NOT NULL,
    PRIMARY KEY (event_id, report_event_id));
CREATE TABLE rejects (ref VARCHAR NOT NULL, reason VARCHAR NOT NULL, stage VARCHAR,
    first_seen TIMESTAMP DEFAULT current_timestamp, PRIMARY KEY (ref, reason));
CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, command VARCHAR, coder VARCHAR, data_version VARCHAR,
    started_at TIMESTAMP, finished_at TIMESTAMP, n_documents INTEGER, n_new_documents INTEGER, n_events INTEGER,
    n_rejects INTEGER);
CREATE TABLE parses (doc_id VARCHAR PRIMARY KEY, model VARCHAR NOT NULL, data BLOB NOT NULL);
"""
