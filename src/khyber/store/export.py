"""Exports of stored events: CSV, Parquet partitioned by month, GeoJSON, and a GDELT 2.0-style table.

Merged reports are exported once (the canonical event) with their mention, source and article
counts; ``include_merged=True`` exports every report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from khyber.errors import UsageError
from khyber.store.db import Database

FORMATS = ("csv", "parquet", "geojson", "gdelt")

# GDELT 2.0 event table columns that apply to khyber's events, with the same names and meanings.
GDELT_COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "event_id"),
    ("SQLDATE", "CAST(strftime(event_date, '%Y%m%d') AS INTEGER)"),
    ("MonthYear", "CAST(strftime(event_date, '%Y%m') AS INTEGER)"),
    ("Year", "CAST(year(event_date) AS INTEGER)"),
    ("FractionDate", "round(year(event_date) + (dayofyear(event_date) - 1) / 365.0, 4)"),
    ("Actor1Code", "source_code"),
    ("Actor1Name", "upper(source_name)"),
    ("Actor1CountryCode", "nullif(source_country, '')"),
    ("Actor1KnownGroupCode", "CASE WHEN source_country IN ('IGO', 'IMG') THEN source_role END"),
    ("Actor1Type1Code", "nullif(source_role, '')"),
    ("Actor2Code", "target_code"),
    ("Actor2Name", "upper(target_name)"),
    ("Actor2CountryCode", "nullif(target_country, '')"),
    ("Actor2KnownGroupCode", "CASE WHEN target_country IN ('IGO', 'IMG') THEN target_role END"),
    ("Actor2Type1Code", "nullif(target_role, '')"),
    ("IsRootEvent", "CASE WHEN sentence_index <= 1 THEN 1 ELSE 0 END"),
    ("EventCode", "cameo"),
    ("EventBaseCode", "left(cameo, 3)"),
    ("EventRootCode", "root"),
    ("QuadClass", "quad_class"),
    ("GoldsteinScale", "goldstein"),
    ("NumMentions", "n_mentions"),
    ("NumSources", "n_sources"),
    ("NumArticles", "n_articles"),
    ("ActionGeo_Type", "CASE WHEN location_name IS NULL THEN 0 WHEN lat IS NULL THEN 1 ELSE 4 END"),
    ("ActionGeo_FullName", "location_name"),
    ("ActionGeo_CountryCode", "location_country"),
    ("ActionGeo_Lat", "lat"),
    ("ActionGeo_Long", "lon"),
    ("DATEADDED", "CAST(strftime(d.ingested_at, '%Y%m%d%H%M%S') AS BIGINT)"),
    ("SOURCEURL", "coalesce(d.url, d.ref)"),
]


def _where(include_merged: bool, include_flagged: bool) -> str:
    w = ["TRUE"]
    if not include_merged:
        w.append("e.merged_into IS NULL")
    if not include_flagged:
        w.append("NOT e.negated AND NOT e.hypothetical")
    return " AND ".join(w)


def export(db: Database, fmt: str, out: str, include_merged: bool = False, include_flagged: bool = True) -> int:
    """Write the events to ``out``; returns how many were written."""
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    where = _where(include_merged, include_flagged)
    path = Path(out)
    if fmt == "gdelt":
        where = _where(include_merged, False)  # GDELT carries no negation/modality flags: factual only
        cols = ", ".join(f"{expr} AS {name}" for name, expr in GDELT_COLUMNS)
        sql = f"SELECT {cols} FROM events e JOIN documents d USING (doc_id) WHERE {where} ORDER BY event_date"
        path.parent.mkdir(parents=True, exist_ok=True)
        db.con.execute(f"COPY ({sql}) TO '{_q(path)}' (HEADER, DELIMITER '\t')")
        return _count(db, where)
    if fmt == "csv":
        sql = f"SELECT e.* FROM events e WHERE {where} ORDER BY event_date, event_id"
        path.parent.mkdir(parents=True, exist_ok=True)
        db.con.execute(f"COPY ({sql}) TO '{_q(path)}' (HEADER)")
        return _count(db, where)
    if fmt == "parquet":
        sql = f"SELECT e.*, coalesce(strftime(event_date, '%Y-%m'), 'undated') AS month FROM events e WHERE {where}"
        path.mkdir(parents=True, exist_ok=True)
        db.con.execute(f"COPY ({sql}) TO '{_q(path)}' (FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE)")
        return _count(db, where)
    return _geojson(db, path, where)


def _count(db: Database, where: str) -> int:
    row = db.con.execute(f"SELECT count(*) FROM events e WHERE {where}").fetchone()
    return int(row[0]) if row else 0


def _q(path: Path) -> str:
    return str(path).replace("'", "''")


def _geojson(db: Database, path: Path, where: str) -> int:
    rel = db.con.execute(
        f"""SELECT event_id, event_date, source_code, source_name, target_code, target_name, cameo, cameo_name,
                   quad_class, goldstein, negated, hypothetical, location_name, location_country, lat, lon,
                   n_articles, doc_id, sentence
            FROM events e WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL ORDER BY event_date"""
    )
    cols = [d[0] for d in rel.description]
    features: list[dict[str, Any]] = []
    for row in rel.fetchall():
        props = dict(zip(cols, row, strict=True))
        lat, lon = props.pop("lat"), props.pop("lon")
        props["event_date"] = str(props["event_date"]) if props["event_date"] else None
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False))
    return len(features)
