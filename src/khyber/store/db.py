"""The embedded DuckDB store: documents, sentences, events, reports, rejects, runs.

One process writes a database file at a time. A second writer gets :class:`DatabaseBusy` with a
clear message, never a corrupted file. Writes are one transaction per batch, and every id is a
content hash, so re-ingesting the same content changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from khyber import CODER, DATA_VERSION
from khyber.errors import DatabaseBusy, StoreError
from khyber.records import CodedDocument, Document, Event, Reject

SCHEMA_VERSION = 3

# Each step moves a database from version N-1 to N; schema.sql is always the current schema, so a new
# database needs no step. Steps only add or rebuild; rows are never dropped.
MIGRATIONS: dict[int, list[str]] = {
    1: [],  # the first schema
    2: [
        # the parse cache: `khyber recode` re-codes without parsing again
        "CREATE TABLE IF NOT EXISTS parses (doc_id VARCHAR PRIMARY KEY, model VARCHAR NOT NULL, data BLOB NOT NULL)",
        # merged reports: how many mentions, sources and articles stand behind an event
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS n_mentions INTEGER DEFAULT 1",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS n_sources INTEGER DEFAULT 1",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS n_articles INTEGER DEFAULT 1",
    ],
    # the large tables lose their primary keys: DuckDB holds key indexes in memory, and the one on
    # sentences alone (a row per sentence) made an ingest's memory grow with the store. Each table is
    # rebuilt from its definition in schema.sql and keeps its rows (see _rebuild).
    3: ["REBUILD sentences", "REBUILD events", "REBUILD event_reports", "REBUILD parses"],
}
# tables whose rows are unique by construction (written only for new documents), with no key to check
UNKEYED = frozenset({"sentences", "events", "event_reports", "parses"})
DEFAULT_DB = "khyber.duckdb"


def default_path() -> str:
    return os.environ.get("KHYBER_DB") or DEFAULT_DB


def event_row(e: Event) -> tuple[Any, ...]:
    s, t, loc = e.source, e.target, e.location
    return (
        e.event_id,
        e.doc_id,
        e.doc_ref,
        e.date,
        s.text,
        s.actor_id,
        s.name,
        s.code,
        s.country,
        s.role,
        t.text if t else None,
        t.actor_id if t else None,
        t.name if t else None,
        t.code if t else None,
        t.country if t else None,
        t.role if t else None,
        e.cameo,
        e.root,
        e.cameo_name,
        e.quad_class,
        e.goldstein,
        e.plover_type,
        e.plover_mode,
        list(e.sectors),
        e.negated,
        e.hypothetical,
        e.intent,
        loc.name if loc else None,
        loc.country if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        e.trigger,
        e.pattern,
        e.sentence,
        e.sentence_index,
        e.span[0],
        e.span[1],
        e.confidence,
        e.coder,
        None,
    )


EVENT_COLUMN_NAMES = (
    "event_id",
    "doc_id",
    "doc_ref",
    "event_date",
    "source_text",
    "source_id",
    "source_name",
    "source_code",
    "source_country",
    "source_role",
    "target_text",
    "target_id",
    "target_name",
    "target_code",
    "target_country",
    "target_role",
    "cameo",
    "root",
    "cameo_name",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "sectors",
    "negated",
    "hypothetical",
    "intent",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "trigger",
    "pattern",
    "sentence",
    "sentence_index",
    "span_start",
    "span_end",
    "confidence",
    "coder",
    "merged_into",
)
DOC_COLUMNS = (
    "doc_id",
    "ref",
    "url",
    "title",
    "published",
    "source",
    "lang",
    "text",
    "n_sentences",
    "n_events",
    "coder",
)
SENT_COLUMNS = ("doc_id", "idx", "start_char", "end_char", "text")
REPORT_COLUMNS = ("event_id", "doc_id", "report_event_id")
PARSE_COLUMNS = ("doc_id", "model", "data")
MODEL_TAG = "en_core_web_sm-3.8"


MAX_MEMORY = 8 * 1024**3  # the writer's limit is raised no further than this (bytes)
T = TypeVar("T")


def _parse_bytes(text: str) -> int:
    """DuckDB's "122.0 MiB", "1.9 GiB", "128MB" as bytes (0 when unreadable)."""
    m = re.match(r"\s*([\d.]+)\s*([KMGT]?)i?B", text, re.I)
    if not m:
        return 0
    scale = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}[m.group(2).upper()]
    return int(float(m.group(1)) * scale)


def connection_config(read_only: bool = False) -> dict[str, str | bool | int | float | list[str]]:
    """DuckDB settings for a connection. DuckDB's buffer manager may by default take 80% of the machine's
    memory and keeps the pages of a growing database cached, so a long ingest would grow with the store.
    A writer gets a small fixed limit (``KHYBER_DB_MEMORY``, default 64MB: it appends and merges one
    batch at a time, and DuckDB spills larger work to a temporary directory beside the database); with no
    key indexes on the large tables (schema 3) that is all the store costs an ingest, however large the
    store becomes. A reader, which runs the analyses, gets 512MB by default."""
    default = "512MB" if read_only else "64MB"
    return {"memory_limit": os.environ.get("KHYBER_DB_MEMORY", default)}


def rollback(con: Any) -> None:
    """Roll back the open transaction, if there still is one: a statement interrupted by Ctrl-C or SIGTERM
    has already ended it, and the error to report is the interruption, not a failed rollback."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


class Database:
    """A khyber database file (created on first use)."""

    def __init__(self, path: str | None = None, read_only: bool = False) -> None:
        self.path = path or default_path()
        self.read_only = read_only
        self._schemas: dict[str, Any] = {}
        if read_only and not Path(self.path).exists():
            raise StoreError(f"database {self.path} does not exist; run `khyber ingest` or `khyber demo` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only, config=connection_config(read_only))
        except duckdb.IOException as e:
            msg = str(e)
            if "lock" in msg.lower():
                raise DatabaseBusy(
                    f"database {self.path} is busy: another khyber process is writing to it "
                    "(stop it, send the work through `khyber serve`, or use another --db)"
                ) from None
            raise StoreError(f"cannot open database {self.path}: {msg}") from None
        except duckdb.Error as e:
            raise StoreError(f"cannot open database {self.path}: {e}") from None
        if not read_only:
            self._migrate()

    # ------------------------------------------------------------------ schema --------------
    def _migrate(self) -> None:
        """Create a new database, or move an older one forward step by step, in one transaction."""
        ddl = resources.files("khyber.store").joinpath("schema.sql").read_text("utf-8")
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(ddl)
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"database {self.path} has schema {version}, newer than this khyber ({SCHEMA_VERSION}); "
                    "upgrade khyber"
                )
            first = SCHEMA_VERSION + 1 if version == 0 and not self._has_rows() else version + 1  # new: current
            for step in range(first, SCHEMA_VERSION + 1):
                for sql in MIGRATIONS[step]:
                    if sql.startswith("REBUILD "):
                        self._rebuild(sql.split()[1], ddl)
                    else:
                        self.con.execute(sql)
            if version != SCHEMA_VERSION:
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            self.con.execute("COMMIT")
        except Exception:
            rollback(self.con)
            raise

    def _has_rows(self) -> bool:
        row = self.con.execute("SELECT count(*) FROM documents").fetchone()
        return bool(row and row[0])

    def _rebuild(self, table: str, ddl: str) -> None:
        """Recreate ``table`` as schema.sql defines it now, keeping its rows (distinct: the old key had
        kept them unique)."""
        m = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\);", ddl, re.S)
        if m is None:
            raise StoreError(f"schema.sql does not define table {table}")
        self.con.execute(f"ALTER TABLE {table} RENAME TO _{table}_old")
        self.con.execute(f"CREATE TABLE {table} ({m.group(1)})")
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT DISTINCT * FROM _{table}_old")
        self.con.execute(f"DROP TABLE _{table}_old")

    def schema_version(self) -> int:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writes --------------
    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        if not doc_ids:
            return set()
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def with_memory(self, work: Callable[[], T]) -> T:
        """Run ``work``; when DuckDB runs out of its memory limit, double the limit (up to
        ``MAX_MEMORY``) and run it again. The writer's limit is kept small so memory stays flat; should
        some batch or merge on a store far larger than the ones measured need more, the limit rises step
        by step instead of failing the ingest."""
        while True:
            try:
                return work()
            except duckdb.OutOfMemoryException:
                rollback(self.con)
                if not self._raise_memory_limit():
                    raise

    def _raise_memory_limit(self) -> bool:
        row = self.con.execute("SELECT current_setting('memory_limit')").fetchone()
        now = _parse_bytes(str(row[0])) if row else 0
        if not now or now >= MAX_MEMORY:
            return False
        new = min(now * 2, MAX_MEMORY)
        self.con.execute(f"SET memory_limit = '{new // (1024 * 1024)}MB'")
        print(
            f"khyber: DuckDB needed more memory for {self.path}; limit raised to {new // (1024 * 1024)} MB",
            file=sys.stderr,
        )
        return True

    def write_batch(self, items: Iterable[CodedDocument | Reject]) -> tuple[int, int, int]:
        """Store one batch in one transaction; returns (new documents, new events, rejects)."""
        items = list(items)
        return self.with_memory(lambda: self._write_batch(items))

    def _write_batch(self, items: list[CodedDocument | Reject]) -> tuple[int, int, int]:
        docs = [i for i in items if isinstance(i, CodedDocument)]
        rejects = [i for i in items if isinstance(i, Reject)]
        known = self.known_documents([c.document.doc_id for c in docs])
        fresh: list[CodedDocument] = []
        seen: set[str] = set()
        for c in docs:
            if c.document.doc_id in known or c.document.doc_id in seen:
                continue
            seen.add(c.document.doc_id)
            fresh.append(c)
        doc_rows = [
            (
                d.doc_id,
                d.ref,
                d.url,
                d.title,
                d.published,
                d.source,
                d.lang,
                d.text,
                len(c.sentences),
                len(c.events),
                CODER,
            )
            for c in fresh
            for d in [c.document]
        ]
        sent_rows = [(s.doc_id, s.idx, s.start, s.end, s.text) for c in fresh for s in c.sentences]
        events = [e for c in fresh for e in c.events]
        n_events = len(events)
        try:
            self.con.execute("BEGIN TRANSACTION")
            self._bulk("documents", DOC_COLUMNS, doc_rows)
            self._bulk("sentences", SENT_COLUMNS, sent_rows)
            self._bulk("events", EVENT_COLUMN_NAMES, [event_row(e) for e in events])
            self._bulk("event_reports", REPORT_COLUMNS, [(e.event_id, e.doc_id, e.event_id) for e in events])
            self._bulk("parses", PARSE_COLUMNS, [(c.document.doc_id, MODEL_TAG, c.parse) for c in fresh if c.parse])
            for r in rejects:
                self.con.execute(
                    "INSERT INTO rejects (ref, reason, stage) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                    [r.ref, r.reason, r.stage],
                )
            self.con.execute("COMMIT")
        except duckdb.OutOfMemoryException:
            rollback(self.con)
            raise  # with_memory raises the limit and writes the batch again
        except duckdb.Error as e:
            rollback(self.con)
            raise StoreError(f"writing to {self.path} failed, batch rolled back: {e}") from None
        except BaseException:  # Ctrl-C or SIGTERM in the middle of a statement: nothing half-written
            rollback(self.con)
            raise
        return len(fresh), n_events, len(rejects)

    def _bulk(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """One INSERT for many rows through Arrow: far faster than row-by-row executemany."""
        if not rows:
            return
        import pyarrow as pa

        if table not in self._schemas:
            target = self.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table()
            self._schemas[table] = pa.schema([target.schema.field(c) for c in columns])
        schema = self._schemas[table]
        arrays = [pa.array([r[i] for r in rows], type=schema.field(i).type) for i in range(len(columns))]
        batch = pa.Table.from_arrays(arrays, schema=schema)  # noqa: F841 - read by DuckDB below
        cols = ", ".join(columns)
        keep = "" if table in UNKEYED else " ON CONFLICT DO NOTHING"
        self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM batch{keep}")

    def replace_events(self, coded: list[CodedDocument]) -> int:
        """Swap the events of already stored documents for new ones (recoding); one transaction."""
        ids = [c.document.doc_id for c in coded]
        events = [e for c in coded for e in c.events]
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute("DELETE FROM event_reports WHERE doc_id IN (SELECT unnest(?))", [ids])
            self.con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))", [ids])
            self._bulk("events", EVENT_COLUMN_NAMES, [event_row(e) for e in events])
            self._bulk("event_reports", REPORT_COLUMNS, [(e.event_id, e.doc_id, e.event_id) for e in events])
            self.con.execute(
                "UPDATE documents SET n_events = u.n, coder = ? FROM (SELECT unnest(?) AS d, unnest(?) AS n) AS u "
                "WHERE documents.doc_id = u.d",
                [CODER, ids, [len(c.events) for c in coded]],
            )
            self.con.execute("COMMIT")
        except duckdb.Error as e:
            rollback(self.con)
            raise StoreError(f"recoding into {self.path} failed, batch rolled back: {e}") from None
        return len(events)

    def stored_parses(self, batch_size: int = 256) -> Iterator[list[tuple[Document, bytes | None]]]:
        """Stored documents with their cached parses, in batches (streaming)."""
        cur = self.con.cursor()
        cur.execute(
            "SELECT d.doc_id, d.ref, d.text, d.title, d.published, d.url, d.source, d.lang, p.data "
            "FROM documents d LEFT JOIN parses p USING (doc_id) ORDER BY d.doc_id"
        )
        while rows := cur.fetchmany(batch_size):
            yield [(Document(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "en"), r[8]) for r in rows]

    def start_run(self, command: str) -> str:
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO runs (run_id, command, coder, data_version, started_at) VALUES (?,?,?,?,?)",
            [run_id, command, CODER, DATA_VERSION, datetime.now()],
        )
        return run_id

    def finish_run(self, run_id: str, n_docs: int, n_new: int, n_events: int, n_rejects: int) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, n_documents = ?, n_new_documents = ?, n_events = ?, n_rejects = ?"
            " WHERE run_id = ?",
            [datetime.now(), n_docs, n_new, n_events, n_rejects, run_id],
        )

    # ------------------------------------------------------------------ reads ---------------
    def counts(self) -> dict[str, int]:
        out = {}
        for t in ("documents", "sentences", "events", "event_reports", "rejects", "runs"):
            row = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()
            out[t] = int(row[0]) if row else 0
        return out

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    def events_sql(
        self,
        dyad: str | None = None,
        actor: str | None = None,
        root: str | None = None,
        sector: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_flagged: bool = True,
    ) -> tuple[str, list[Any]]:
        where, params = ["merged_into IS NULL"], []
        if dyad:
            a, _, b = dyad.upper().partition("-")
            if not b:
                raise StoreError(f"dyad {dyad!r} must look like PAK-AFG")
            where.append(
                "((starts_with(source_code, ?) AND starts_with(target_code, ?)) OR "
                "(starts_with(source_code, ?) AND starts_with(target_code, ?)))"
            )
            params += [a, b, b, a]
        if actor:
            where.append(
                "(source_id = ? OR target_id = ? OR starts_with(source_code, ?) OR starts_with(target_code, ?))"
            )
            params += [actor, actor, actor.upper(), actor.upper()]
        if root:
            where.append("root = ?")
            params.append(root.zfill(2))
        if sector:
            where.append("list_contains(sectors, ?)")
            params.append(sector)
        if since:
            where.append("event_date >= CAST(? AS DATE)")
            params.append(since)
        if until:
            where.append("event_date <= CAST(? AS DATE)")
            params.append(until)
        if not include_flagged:
            where.append("NOT negated AND NOT hypothetical")
        return " AND ".join(where), params

    def dyad(
        self, a: str, b: str, freq: str = "month", sector: str | None = None, polars: bool = False, **kwargs: Any
    ) -> Any:
        """The dyad index as a data frame (pandas, or polars with ``polars=True``)."""
        from khyber.analysis.dyads import dyad_index

        rows = [p.as_dict() for p in dyad_index(self, a, b, freq=freq, sector=sector, **kwargs)]
        return _frame(rows, polars)

    def events(self, limit: int | None = None, polars: bool = False, **filters: Any) -> Any:
        """Events as a pandas data frame (polars with ``polars=True``), with the CLI's filters."""
        where, params = self.events_sql(**filters)
        sql = f"SELECT * FROM events WHERE {where} ORDER BY event_date, doc_id, sentence_index"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rel = self.con.execute(sql, params)
        cols = [d[0] for d in rel.description]
        return _frame([dict(zip(cols, r, strict=True)) for r in rel.fetchall()], polars, cols)


def _frame(rows: list[dict[str, Any]], polars: bool = False, columns: list[str] | None = None) -> Any:
    """A data frame for notebooks: pandas by default, polars when asked and installed."""
    if polars:
        try:
            import polars as pl
        except ImportError:
            raise StoreError("polars is not installed: pip install polars, or leave polars=False") from None
        return pl.DataFrame(rows)
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)
