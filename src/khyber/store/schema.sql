-- khyber database schema. Migrations in db.py move older files forward (and bring new ones to the
-- current version). Only documents have a key: DuckDB keeps key indexes in memory, so a key on the
-- large tables (sentences, events, event_reports, parses) would make an ingest grow with the store.
-- Their rows are only ever written for documents not stored yet, and every id includes the
-- document's, which keeps them unique.
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    ref VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    source VARCHAR,
    lang VARCHAR,
    text VARCHAR NOT NULL,
    n_sentences INTEGER,
    n_events INTEGER,
    coder VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    doc_ref VARCHAR,
    event_date DATE,
    source_text VARCHAR, source_id VARCHAR, source_name VARCHAR, source_code VARCHAR,
    source_country VARCHAR, source_role VARCHAR,
    target_text VARCHAR, target_id VARCHAR, target_name VARCHAR, target_code VARCHAR,
    target_country VARCHAR, target_role VARCHAR,
    cameo VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    cameo_name VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    sectors VARCHAR[],
    negated BOOLEAN,
    hypothetical BOOLEAN,
    intent BOOLEAN,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
    trigger VARCHAR,
    pattern VARCHAR,
    sentence VARCHAR,
    sentence_index INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    confidence DOUBLE,
    coder VARCHAR,
    merged_into VARCHAR,
    n_mentions INTEGER DEFAULT 1,
    n_sources INTEGER DEFAULT 1,
    n_articles INTEGER DEFAULT 1
);

CREATE TABLE IF NOT EXISTS event_reports (
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    report_event_id VARCHAR NOT NULL
);

-- the parse cache: `khyber recode` re-codes without parsing again
CREATE TABLE IF NOT EXISTS parses (doc_id VARCHAR NOT NULL, model VARCHAR NOT NULL, data BLOB NOT NULL);

CREATE TABLE IF NOT EXISTS rejects (
    ref VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    stage VARCHAR,
    first_seen TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (ref, reason)
);

CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    command VARCHAR,
    coder VARCHAR,
    data_version VARCHAR,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    n_documents INTEGER,
    n_new_documents INTEGER,
    n_events INTEGER,
    n_rejects INTEGER
);
