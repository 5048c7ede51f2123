"""The actor network: who interacts with whom, weighted, over a period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khyber.errors import UsageError
from khyber.store.db import Database


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    n_events: int
    cooperative: int
    conflictual: int
    goldstein_mean: float

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def network(
    db: Database,
    level: str = "country",
    since: str | None = None,
    until: str | None = None,
    min_events: int = 1,
    include_flagged: bool = False,
) -> list[Edge]:
    """Directed, weighted edges between actors (``country``: PAK, AFG; ``actor``: ids or codes)."""
    if level == "country":
        s, t = "left(source_code, 3)", "left(target_code, 3)"
    elif level == "actor":
        s, t = "coalesce(source_id, source_code)", "coalesce(target_id, target_code)"
    else:
        raise UsageError(f"--level must be country or actor, not {level!r}")
    where = ["merged_into IS NULL", "target_code IS NOT NULL"]
    params: list[Any] = []
    if not include_flagged:
        where.append("NOT negated AND NOT hypothetical")
    if since:
        where.append("event_date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("event_date <= CAST(? AS DATE)")
        params.append(until)
    rows = db.query(
        f"""SELECT {s} AS s, {t} AS t, count(*), count(*) FILTER (WHERE quad_class <= 2),
                   count(*) FILTER (WHERE quad_class >= 3), avg(goldstein)
            FROM events WHERE {" AND ".join(where)} GROUP BY 1, 2 HAVING count(*) >= ? AND s <> t
            ORDER BY 3 DESC, 1, 2""",
        [*params, min_events],
    )
    return [Edge(str(r[0]), str(r[1]), int(r[2]), int(r[3]), int(r[4]), round(float(r[5]), 2)) for r in rows]
