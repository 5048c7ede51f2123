"""The dyad index: how relations between two actors move, period by period, by sector.

For the events between A and B (both directions unless ``directed``) in each period:
- counts per quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
  4 material conflict);
- Goldstein sum and mean;
- net cooperation = (cooperative − conflictual) / all, in [-1, 1].
Negated and hypothetical events are left out unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khyber.errors import UsageError
from khyber.store.db import Database

FREQS = {"week": "week", "month": "month", "quarter": "quarter", "year": "year"}


@dataclass(frozen=True, slots=True)
class DyadPoint:
    period: str
    n_events: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_sum: float
    goldstein_mean: float
    net_cooperation: float

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def dyad_index(
    db: Database,
    a: str,
    b: str,
    freq: str = "month",
    sector: str | None = None,
    directed: bool = False,
    include_flagged: bool = False,
    since: str | None = None,
    until: str | None = None,
) -> list[DyadPoint]:
    if freq not in FREQS:
        raise UsageError(f"--freq must be one of {', '.join(FREQS)}, not {freq!r}")
    a, b = a.upper(), b.upper()
    cond = "(starts_with(source_code, ?) AND starts_with(target_code, ?))"
    params: list[Any] = [a, b]
    if not directed:
        cond = f"({cond} OR (starts_with(source_code, ?) AND starts_with(target_code, ?)))"
        params += [b, a]
    where = [cond, "merged_into IS NULL", "event_date IS NOT NULL"]
    if not include_flagged:
        where.append("NOT negated AND NOT hypothetical")
    if sector:
        where.append("list_contains(sectors, ?)")
        params.append(sector)
    if since:
        where.append("event_date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("event_date <= CAST(? AS DATE)")
        params.append(until)
    fmt = {"week": "%G-W%V", "month": "%Y-%m", "quarter": "%Y-Q", "year": "%Y"}[freq]
    period = f"strftime(date_trunc('{FREQS[freq]}', event_date), '{fmt}')"
    if freq == "quarter":
        period = "strftime(event_date, '%Y') || '-Q' || CAST(quarter(event_date) AS VARCHAR)"
    sql = f"""
        SELECT {period} AS period, count(*) AS n,
               count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
               count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
               sum(goldstein), avg(goldstein)
        FROM events WHERE {" AND ".join(where)}
        GROUP BY 1 ORDER BY 1
    """
    out = []
    for period_s, n, q1, q2, q3, q4, gsum, gmean in db.query(sql, params):
        net = ((q1 + q2) - (q3 + q4)) / n if n else 0.0
        out.append(
            DyadPoint(
                str(period_s),
                int(n),
                int(q1),
                int(q2),
                int(q3),
                int(q4),
                round(float(gsum), 2),
                round(float(gmean), 2),
                round(net, 3),
            )
        )
    return out
