"""Merging reports: events from different documents that describe one happening become one event.

Two factual events are the same happening when they have
- the same CAMEO root (the three roots of violence, 18 assault, 19 fight and 20 mass violence, count as
  one: reports of one attack often differ on its form),
- the same source country and, when both reports name one, the same target country (``PAKMIL`` and ``PAK``
  are both Pakistan; a report that names no target fits one that does),
- when both sources are named armed groups, the same group (a TTP attack is not a BLA attack),
- dates no more than ``window`` days apart,
- compatible places (either unknown, or the same country and, when both are named, the same place),
- and come from different documents.
The earliest-stored event stays canonical; the others point at it (``merged_into``) and
``event_reports`` lists every document that reported it, so mentions, sources and articles can be
counted. Negated and hypothetical events are never merged: they did not happen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from khyber.store.db import rollback

if TYPE_CHECKING:
    from khyber.store.db import Database

DEFAULT_WINDOW = 2


VIOLENCE = {"18", "19", "20"}
ARMED = {"INS", "REB", "SEP", "RAD", "UAF"}


@dataclass(frozen=True, slots=True)
class Candidate:
    event_id: str
    doc_id: str
    day: date
    country: str | None
    place: str | None
    target: str
    group: str | None  # the source's id when it is a named armed group


def _key(root: str, src: str | None) -> tuple[str, str]:
    return ("violence" if root in VIOLENCE else root), (src or "")[:3]


def _compatible(a: Candidate, b: Candidate, window: int) -> bool:
    if a.doc_id == b.doc_id or abs((a.day - b.day).days) > window:
        return False
    if a.target and b.target and a.target != b.target:
        return False
    if a.group and b.group and a.group != b.group:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.place and b.place and a.place != b.place)


def merge_events(db: Database, doc_ids: list[str] | None = None, window: int = DEFAULT_WINDOW) -> int:
    """Merge the factual events of the given documents (all unmerged ones when None) into earlier
    reports of the same happening; returns how many events were merged."""
    return db.with_memory(lambda: _merge_events(db, doc_ids, window))


def _merge_events(db: Database, doc_ids: list[str] | None, window: int) -> int:
    con = db.con

    def cols(p: str) -> str:
        return (
            f"{p}event_id, {p}doc_id, {p}event_date, {p}root, {p}source_code, {p}target_code, "
            f"{p}location_country, {p}location_name, CASE WHEN {p}source_role IN ('INS', 'REB', 'SEP', 'RAD', "
            f"'UAF') OR {p}source_country = 'IMG' THEN {p}source_id END"
        )

    factual = "merged_into IS NULL AND NOT negated AND NOT hypothetical AND event_date IS NOT NULL"
    if doc_ids is not None:
        if not doc_ids:
            return 0
        new = con.execute(
            f"SELECT {cols('')} FROM events WHERE {factual} AND doc_id IN (SELECT unnest(?)) ORDER BY rowid",
            [doc_ids],
        ).fetchall()
    else:
        new = con.execute(f"SELECT {cols('')} FROM events WHERE {factual} ORDER BY rowid").fetchall()
    if not new:
        return 0
    new_ids = [r[0] for r in new]
    klass = "CASE WHEN {p}root IN ('18', '19', '20') THEN 'violence' ELSE {p}root END"
    group = (
        "CASE WHEN {p}source_role IN ('INS', 'REB', 'SEP', 'RAD', 'UAF') OR {p}source_country = 'IMG' "
        "THEN {p}source_id END"
    )

    def fits(a: str, b: str) -> str:  # unknown on either side fits; both known must agree
        return f"(nullif({a}, '') IS NULL OR nullif({b}, '') IS NULL OR {a} = {b})"

    # For each new event, the earliest stored (not new) event of the same happening, found by a join in
    # the database that returns one row per new event. The new events, spread over the days of their
    # window, go to a small temporary table first: the join is then on equal keys (class, source country,
    # day) with that table as the side it hashes, so memory and cost follow the batch, not the store.
    w = int(window)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _merge_new AS
        WITH n AS (
            SELECT event_id, doc_id, event_date, {klass.format(p="")} AS k, left(source_code, 3) AS s,
                   left(target_code, 3) AS t, location_country AS c, location_name AS pl,
                   {group.format(p="")} AS g
            FROM events WHERE event_id IN (SELECT unnest(?))
        )
        SELECT n.*, n.event_date + CAST(r.off AS INTEGER) AS day
        FROM n CROSS JOIN range({-w}, {w + 1}) AS r(off)
        """,
        [new_ids],
    )
    try:
        earliest = con.execute(
            f"""
            SELECT nd.event_id, arg_min(e.event_id, e.rowid)
            FROM events e JOIN _merge_new nd
              ON {klass.format(p="e.")} = nd.k AND left(e.source_code, 3) = nd.s AND e.event_date = nd.day
            WHERE e.merged_into IS NULL AND NOT e.negated AND NOT e.hypothetical
              AND e.event_id NOT IN (SELECT event_id FROM _merge_new) AND e.doc_id <> nd.doc_id
              AND {fits("left(e.target_code, 3)", "nd.t")}
              AND {fits(group.format(p="e."), "nd.g")}
              AND {fits("e.location_country", "nd.c")}
              AND {fits("e.location_name", "nd.pl")}
            GROUP BY nd.event_id
            """
        ).fetchall()
    finally:
        con.execute("DROP TABLE IF EXISTS _merge_new")
    into = dict(earliest)
    merges: list[tuple[str, str, str]] = []  # (canonical, doc_id, event_id)
    index: dict[tuple[str, str], list[Candidate]] = defaultdict(list)  # new events not merged so far
    for r in new:
        cand = Candidate(r[0], r[1], r[2], r[6], r[7], (r[5] or "")[:3], r[8])
        if r[0] in into:
            merges.append((into[r[0]], cand.doc_id, cand.event_id))
            continue
        bucket = index[_key(r[3], r[4])]
        target = next((c for c in bucket if _compatible(c, cand, window)), None)
        if target is None:
            bucket.append(cand)
        else:
            merges.append((target.event_id, cand.doc_id, cand.event_id))
    if not merges:
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        canon = [c for c, _d, _e in merges]
        docs = [d for _c, d, _e in merges]
        evs = [e for _c, _d, e in merges]
        # set-based, not row by row: one statement for every merge of the batch
        con.execute(
            "UPDATE events SET merged_into = m.c FROM (SELECT unnest(?) AS e, unnest(?) AS c) AS m "
            "WHERE events.event_id = m.e",
            [evs, canon],
        )
        # event_reports has no key (see schema.sql): leave out a report that is already there
        con.execute(
            "INSERT INTO event_reports SELECT m.* FROM (SELECT unnest(?) AS e, unnest(?) AS d, unnest(?) AS r) AS m "
            "ANTI JOIN (SELECT event_id, report_event_id FROM event_reports WHERE report_event_id IN "
            "(SELECT unnest(?))) AS k ON k.event_id = m.e AND k.report_event_id = m.r",
            [canon, docs, evs, evs],
        )
        _recount(con, sorted({c for c, _d, _e in merges}))
        con.execute("COMMIT")
    except Exception:
        rollback(con)
        raise
    return len(merges)


def _recount(con: Any, canonical: list[str]) -> None:
    """Mentions, articles and sources of the given canonical events. The few report rows concerned go to
    a temporary table first, so the joins hash that small side and not the stored documents."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _recount AS "
        "SELECT event_id, doc_id FROM event_reports WHERE event_id IN (SELECT unnest(?))",
        [canonical],
    )
    try:
        con.execute(
            """
            UPDATE events SET n_mentions = c.n_mentions, n_articles = c.n_articles, n_sources = c.n_sources
            FROM (
                SELECT r.event_id, count(*) AS n_mentions, count(DISTINCT r.doc_id) AS n_articles,
                       count(DISTINCT coalesce(d.source, d.url, d.doc_id)) AS n_sources
                FROM documents d JOIN _recount r ON d.doc_id = r.doc_id
                GROUP BY r.event_id
            ) AS c
            WHERE events.event_id = c.event_id
            """
        )
    finally:
        con.execute("DROP TABLE IF EXISTS _recount")


def unmerge_all(db: Database) -> None:
    """Forget every merge (before recoding or re-merging with another window)."""
    db.con.execute("BEGIN TRANSACTION")
    db.con.execute("UPDATE events SET merged_into = NULL, n_mentions = 1, n_sources = 1, n_articles = 1")
    db.con.execute("DELETE FROM event_reports WHERE event_id <> report_event_id")
    db.con.execute("COMMIT")
