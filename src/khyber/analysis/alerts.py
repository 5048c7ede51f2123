"""Change alerts: periods where a dyad's relations break from their recent behaviour.

Method (a rolling z-score, documented in the README): for each period, compare the dyad's net
cooperation score and its count of conflict events with the previous ``window`` periods (gaps
count as periods with no events). An alert is raised when
- the net cooperation score moves by ``threshold`` standard deviations or more from its trailing
  mean (the standard deviation is floored at ``min_std`` so a quiet history does not turn every
  event into an alert), or
- the number of conflict events (quad classes 3 and 4) is ``threshold`` standard deviations above
  its trailing mean (floored at 1 event),
and the period has at least ``min_events`` events. Each alert lists the events that drove it:
the period's factual events with the largest Goldstein weights in the alert's direction.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from typing import Any

from khyber.analysis.dyads import DyadPoint, dyad_index
from khyber.store.db import Database


@dataclass(frozen=True, slots=True)
class Alert:
    dyad: str
    period: str
    kind: str  # "souring" | "warming" | "conflict spike"
    metric: str
    value: float
    baseline: float
    z: float
    n_events: int
    drivers: tuple[dict[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in ((s, getattr(self, s)) for s in self.__slots__)}


def _periods(points: list[DyadPoint], freq: str) -> list[str]:
    """Every period between the first and last one with events, so quiet periods count too."""
    if not points:
        return []
    if freq == "month":
        y, m = map(int, points[0].period.split("-"))
        ly, lm = map(int, points[-1].period.split("-"))
        out = []
        while (y, m) <= (ly, lm):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    if freq == "week":
        start = _week_start(points[0].period)
        end = _week_start(points[-1].period)
        out, d = [], start
        from datetime import timedelta

        while d <= end:
            iso = d.isocalendar()
            out.append(f"{iso.year}-W{iso.week:02d}")
            d += timedelta(days=7)
        return out
    return [p.period for p in points]


def _week_start(period: str) -> date:
    year, week = period.split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def find_alerts(
    db: Database,
    a: str,
    b: str,
    freq: str = "month",
    window: int = 6,
    threshold: float = 2.0,
    min_events: int = 3,
    min_std: float = 0.25,
    sector: str | None = None,
) -> list[Alert]:
    points = dyad_index(db, a, b, freq=freq, sector=sector)
    by_period = {p.period: p for p in points}
    periods = _periods(points, freq)
    alerts: list[Alert] = []
    dyad = f"{a.upper()}-{b.upper()}"
    for i, period in enumerate(periods):
        p = by_period.get(period)
        if p is None or p.n_events < min_events or i < 3:
            continue
        history = [by_period.get(q) for q in periods[max(0, i - window) : i]]
        nets = [h.net_cooperation for h in history if h is not None]
        conflicts = [(h.q3 + h.q4) if h is not None else 0 for h in history]
        if len(nets) >= 2:
            mean = statistics.fmean(nets)
            sd = max(statistics.pstdev(nets), min_std)
            z = (p.net_cooperation - mean) / sd
            if abs(z) >= threshold:
                kind = "warming" if z > 0 else "souring"
                alerts.append(
                    Alert(
                        dyad,
                        period,
                        kind,
                        "net_cooperation",
                        p.net_cooperation,
                        round(mean, 3),
                        round(z, 2),
                        p.n_events,
                        _drivers(db, a, b, period, freq, z > 0, sector),
                    )
                )
                continue
        cmean = statistics.fmean(conflicts)
        csd = max(statistics.pstdev(conflicts), 1.0)
        cz = ((p.q3 + p.q4) - cmean) / csd
        if cz >= threshold:
            alerts.append(
                Alert(
                    dyad,
                    period,
                    "conflict spike",
                    "conflict_events",
                    float(p.q3 + p.q4),
                    round(cmean, 2),
                    round(cz, 2),
                    p.n_events,
                    _drivers(db, a, b, period, freq, False, sector),
                )
            )
    return alerts


def _drivers(
    db: Database, a: str, b: str, period: str, freq: str, warming: bool, sector: str | None, n: int = 3
) -> tuple[dict[str, Any], ...]:
    fmt = {"week": "%G-W%V", "month": "%Y-%m"}.get(freq, "%Y-%m")
    a, b = a.upper(), b.upper()
    params: list[Any] = [a, b, b, a, fmt, period]
    extra = ""
    if sector:
        extra = " AND list_contains(sectors, ?)"
        params.append(sector)
    order = "goldstein DESC" if warming else "goldstein ASC"
    rows = db.query(
        f"""SELECT event_id, event_date, source_code, cameo, cameo_name, target_code, goldstein, n_articles, sentence
            FROM events WHERE merged_into IS NULL AND NOT negated AND NOT hypothetical
              AND ((starts_with(source_code, ?) AND starts_with(target_code, ?))
                OR (starts_with(source_code, ?) AND starts_with(target_code, ?)))
              AND strftime(event_date, ?) = ? {extra}
            ORDER BY {order}, n_articles DESC LIMIT {int(n)}""",
        params,
    )
    keys = ("event_id", "date", "source", "cameo", "cameo_name", "target", "goldstein", "articles", "sentence")
    return tuple({k: (str(v) if k == "date" else v) for k, v in zip(keys, r, strict=True)} for r in rows)
