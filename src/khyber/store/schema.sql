-- khyber database schema, version 1. Migrations in db.py move older files forward.
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
    text VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
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
    merged_into VARCHAR
);

CREATE TABLE IF NOT EXISTS event_reports (
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    report_event_id VARCHAR NOT NULL,
    PRIMARY KEY (event_id, report_event_id)
);

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
