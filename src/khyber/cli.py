"""The ``khyber`` command. Exit codes: 0 ok, 1 some inputs rejected (the rest processed), 2 usage error."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from khyber import CODER, __version__
from khyber.errors import KhyberError, UsageError

OUTPUT_FORMATS = ("jsonl", "csv", "table")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one clear line, exit 2
        self.exit(2, f"khyber: {message} (see `{self.prog} --help`)\n")


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _err(msg: str) -> None:
    print(f"khyber: {msg}", file=sys.stderr)


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 160  # piped output: wide tables, not 80 columns
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=width)


# ---------------------------------------------------------------------------------- output ----
EVENT_TABLE_COLS = ("date", "source", "cameo", "target", "flags", "sectors", "trigger")


def _flat(ev: dict[str, Any]) -> dict[str, Any]:
    s, t = ev["source"] or {}, ev.get("target") or {}
    loc = ev.get("location") or {}
    return {
        "event_id": ev["event_id"],
        "doc_id": ev["doc_id"],
        "doc_ref": ev["doc_ref"],
        "date": ev["date"],
        "source_text": s.get("text"),
        "source_id": s.get("actor_id"),
        "source_code": s.get("code"),
        "target_text": t.get("text"),
        "target_id": t.get("actor_id"),
        "target_code": t.get("code"),
        "cameo": ev["cameo"],
        "root": ev["root"],
        "cameo_name": ev["cameo_name"],
        "quad_class": ev["quad_class"],
        "goldstein": ev["goldstein"],
        "plover_type": (ev.get("plover") or {}).get("type"),
        "plover_mode": (ev.get("plover") or {}).get("mode"),
        "sectors": ";".join(ev.get("sectors") or []),
        "negated": ev["negated"],
        "hypothetical": ev["hypothetical"],
        "location": loc.get("name"),
        "trigger": ev["trigger"],
        "sentence_index": ev["sentence_index"],
        "span_start": ev["span"][0],
        "span_end": ev["span"][1],
        "confidence": ev["confidence"],
        "coder": ev["coder"],
        "sentence": ev["sentence"],
    }


def print_events(events: Iterable[dict[str, Any]], fmt: str, out: Any = None) -> int:
    out = out or sys.stdout
    n = 0
    if fmt == "jsonl":
        for ev in events:
            out.write(json.dumps(ev, ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer: Any = None
        for ev in events:
            row = _flat(ev)
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
            n += 1
        return n
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for c in EVENT_TABLE_COLS:
        table.add_column(c, overflow="fold")
    for ev in events:
        s, t = ev["source"] or {}, ev.get("target") or {}
        flags = ",".join(k for k in ("negated", "hypothetical") if ev.get(k))
        table.add_row(
            str(ev["date"]),
            f"{s.get('text')} [{s.get('code')}]",
            f"{ev['cameo']} {ev['cameo_name']}",
            f"{t.get('text')} [{t.get('code')}]" if t else "-",
            flags,
            ",".join(ev.get("sectors") or []),
            ev["trigger"],
        )
        n += 1
    _console().print(table)
    return n


# ---------------------------------------------------------------------------------- commands --
def cmd_extract(args: argparse.Namespace) -> int:
    from khyber.ingest.sources import iter_sources
    from khyber.pipeline import run
    from khyber.records import Reject

    rejected = 0

    def events() -> Iterable[dict[str, Any]]:
        nonlocal rejected
        for item in run(iter_sources(args.src), default_date=args.date):
            if isinstance(item, Reject):
                rejected += 1
                _err(f"rejected {item.ref}: {item.reason}")
                continue
            for e in item.events:
                yield e.as_dict()

    print_events(events(), args.format)
    return 1 if rejected else 0


def _ingest(
    srcs: Sequence[str],
    db_path: str | None,
    default_date: date | None,
    command: str,
    quiet: bool = False,
    workers: int | None = None,
) -> tuple[int, int, int, int]:
    """Ingest sources into the database; returns (seen, new documents, new events, rejects)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from khyber.ingest.sources import iter_sources
    from khyber.pipeline import run_parallel
    from khyber.records import CodedDocument, Reject
    from khyber.store.db import Database

    db = Database(db_path)
    run_id = db.start_run(command)
    seen = new_docs = new_events = n_rejects = 0
    batch: list[CodedDocument | Reject] = []
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TimeElapsedColumn(),
        console=_console(stderr=True),
        transient=True,
        disable=quiet,
    ) as prog:
        task = prog.add_task("ingesting", total=None)
        items = run_parallel(iter_sources(srcs), workers=workers, default_date=default_date, keep_parse=True)
        for item in items:
            seen += 1
            if isinstance(item, Reject):
                _err(f"rejected {item.ref}: {item.reason}")
            batch.append(item)
            if len(batch) >= 64:
                d, e, r = _write(db, batch)
                new_docs, new_events, n_rejects = new_docs + d, new_events + e, n_rejects + r
                batch = []
            prog.update(task, advance=1)
        if batch:
            d, e, r = _write(db, batch)
            new_docs, new_events, n_rejects = new_docs + d, new_events + e, n_rejects + r
    db.finish_run(run_id, seen, new_docs, new_events, n_rejects)
    db.close()
    return seen, new_docs, new_events, n_rejects


def _write(db: Any, batch: list[Any]) -> tuple[int, int, int]:
    """Store a batch, then merge its events into earlier reports of the same happenings."""
    from khyber.records import CodedDocument
    from khyber.store.merge import merge_events

    counts: tuple[int, int, int] = db.write_batch(batch)
    merge_events(db, [c.document.doc_id for c in batch if isinstance(c, CodedDocument)])
    return counts


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.engine == "dask":
        return _ingest_dask(args)
    if args.scheduler or args.out:
        raise UsageError("--scheduler and --out go with --engine dask")
    seen, docs, events, rejects = _ingest(
        args.src, args.db, args.date, "ingest", quiet=args.quiet, workers=args.workers
    )
    print(f"{seen} inputs: {docs} new documents, {events} new events, {rejects} rejected")
    return 1 if rejects else 0


def _ingest_dask(args: argparse.Namespace) -> int:
    """Code on a Dask cluster into Parquet parts (``--out``), then load them into the database."""
    import tempfile

    from khyber.cluster import iter_rejects, load_parquet_into, run_dask
    from khyber.store.db import Database
    from khyber.store.merge import merge_events

    out = args.out or tempfile.mkdtemp(prefix="khyber-dask-")
    summary = run_dask(
        list(args.src),
        out,
        scheduler=args.scheduler,
        n_workers=args.workers,
        partition_size=args.partition_size,
        default_date=args.date,
    )
    for rej in iter_rejects(summary.out_dir):
        _err(f"rejected {rej.ref}: {rej.reason}")
    db = Database(args.db)
    run_id = db.start_run("ingest --engine dask")
    docs, events = load_parquet_into(db, summary.out_dir)
    merge_events(db)
    db.finish_run(run_id, summary.documents + summary.rejects, docs, events, summary.rejects)
    db.close()
    print(
        f"{summary.documents} documents coded on the cluster in {summary.partitions} partitions "
        f"({summary.seconds:.1f} s), Parquet in {summary.out_dir}: {docs} new documents, {events} new events "
        f"loaded, {summary.rejects} rejected"
    )
    return 1 if summary.rejects else 0


def cmd_events(args: argparse.Namespace) -> int:
    from khyber.store.db import Database

    db = Database(args.db, read_only=True)
    where, params = db.events_sql(
        dyad=args.dyad,
        actor=args.actor,
        root=args.root,
        sector=args.sector,
        since=args.since,
        until=args.until,
        include_flagged=not args.factual,
    )
    rows = db.con.execute(
        f"SELECT * FROM events WHERE {where} ORDER BY event_date, doc_id, sentence_index LIMIT ?", [*params, args.limit]
    )
    cols = [d[0] for d in rows.description]
    print_events((_row_to_event(dict(zip(cols, r, strict=True))) for r in rows.fetchall()), args.format)
    return 0


def _row_to_event(r: dict[str, Any]) -> dict[str, Any]:
    def actor(p: str) -> dict[str, Any] | None:
        if r[f"{p}_code"] is None:
            return None
        return {
            "text": r[f"{p}_text"],
            "actor_id": r[f"{p}_id"],
            "name": r[f"{p}_name"],
            "code": r[f"{p}_code"],
            "country": r[f"{p}_country"],
            "role": r[f"{p}_role"],
        }

    loc = None
    if r["location_name"]:
        loc = {"name": r["location_name"], "country": r["location_country"], "lat": r["lat"], "lon": r["lon"]}
    return {
        "event_id": r["event_id"],
        "doc_id": r["doc_id"],
        "doc_ref": r["doc_ref"],
        "date": r["event_date"].isoformat() if r["event_date"] else None,
        "source": actor("source"),
        "target": actor("target"),
        "cameo": r["cameo"],
        "root": r["root"],
        "cameo_name": r["cameo_name"],
        "quad_class": r["quad_class"],
        "goldstein": r["goldstein"],
        "plover": {"type": r["plover_type"], "mode": r["plover_mode"] or None},
        "sectors": list(r["sectors"] or []),
        "negated": r["negated"],
        "hypothetical": r["hypothetical"],
        "intent": r["intent"],
        "location": loc,
        "trigger": r["trigger"],
        "sentence": r["sentence"],
        "sentence_index": r["sentence_index"],
        "span": [r["span_start"], r["span_end"]],
        "confidence": r["confidence"],
        "coder": r["coder"],
    }


def cmd_actors(args: argparse.Namespace) -> int:
    from khyber.coding.actors import load_dictionary

    rows = load_dictionary().lookup(args.name, args.date)
    if not rows:
        _err(f"{args.name!r} is not in the actor dictionary")
        return 1
    if args.format == "json":
        print(json.dumps(rows, default=str, ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table

    t = Table(title=f"{args.name} on {args.date or 'today'}", header_style="bold")
    for c in ("id", "name", "kind", "code", "title", "from", "to", "source"):
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(
            *[
                str(r[c]) if r[c] is not None else ""
                for c in ("id", "name", "kind", "code", "title", "from", "to", "source")
            ]
        )
    _console().print(t)
    return 0


def cmd_dyad(args: argparse.Namespace) -> int:
    from khyber.analysis.dyads import dyad_index
    from khyber.store.db import Database

    db = Database(args.db, read_only=True)
    points = dyad_index(
        db,
        args.a,
        args.b,
        freq=args.freq,
        sector=args.sector,
        directed=args.directed,
        include_flagged=args.include_flagged,
        since=args.since,
        until=args.until,
    )
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in points], indent=2))
    elif args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["period", "n_events", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean", "net_cooperation"])
        for p in points:
            w.writerow(list(p.as_dict().values()))
    else:
        _console().print(
            dyad_table(
                points,
                f"{args.a.upper()}–{args.b.upper()} by {args.freq}" + (f", {args.sector}" if args.sector else ""),
            )
        )
    return 0


def dyad_table(points: Sequence[Any], title: str) -> Any:
    from rich.table import Table

    t = Table(title=title, header_style="bold")
    for c in (
        "period",
        "events",
        "verbal coop",
        "material coop",
        "verbal conflict",
        "material conflict",
        "Goldstein mean",
        "net cooperation",
        "",
    ):
        t.add_column(c, justify="right" if c not in ("period", "") else "left")
    for p in points:
        bar = ("+" * round(max(p.net_cooperation, 0) * 10)) or ("-" * round(max(-p.net_cooperation, 0) * 10))
        colour = "green" if p.net_cooperation > 0 else "red" if p.net_cooperation < 0 else "white"
        t.add_row(
            p.period,
            str(p.n_events),
            str(p.q1),
            str(p.q2),
            str(p.q3),
            str(p.q4),
            f"{p.goldstein_mean:+.2f}",
            f"{p.net_cooperation:+.2f}",
            f"[{colour}]{bar}[/]",
        )
    return t


def samples_dir() -> Path:
    return Path(str(resources.files("khyber").joinpath("data/samples")))


def cmd_demo(args: argparse.Namespace) -> int:
    from rich.table import Table

    from khyber.analysis.dyads import dyad_index
    from khyber.store.db import Database, default_path

    con = _console()
    html = samples_dir() / "html"
    if not html.is_dir():
        raise UsageError(f"the sample corpus is missing ({html})")
    db_path = args.db or default_path()
    con.print(f"[bold]khyber demo[/]: coding the bundled sample corpus ({html}) into {db_path} with {CODER}")
    seen, new_docs, new_events, rejects = _ingest([str(html)], db_path, None, "demo")
    con.print(f"{seen} pages read, {new_docs} new documents, {new_events} new events, {rejects} rejected\n")
    db = Database(db_path, read_only=True)
    c = db.counts()
    con.print(
        f"[bold]In the database[/]: {c['documents']} documents, {c['sentences']} sentences, "
        f"{c['events']} events, {c['rejects']} rejects"
    )
    qt = Table(title="Events by quad class", header_style="bold")
    qt.add_column("quad class")
    qt.add_column("events", justify="right")
    qt.add_column("of which negated/hypothetical", justify="right")
    names = {1: "1 verbal cooperation", 2: "2 material cooperation", 3: "3 verbal conflict", 4: "4 material conflict"}
    for q, n, flagged in db.query(
        "SELECT quad_class, count(*), count(*) FILTER (WHERE negated OR hypothetical) FROM events GROUP BY 1 ORDER BY 1"
    ):
        qt.add_row(names.get(q, str(q)), str(n), str(flagged))
    con.print(qt)
    dt = Table(title="Top dyads (country or organisation level, both directions)", header_style="bold")
    for col in ("dyad", "events", "cooperative", "conflictual", "Goldstein mean"):
        dt.add_column(col, justify="left" if col == "dyad" else "right")
    rows = db.query("""
        SELECT least(s, t) || '–' || greatest(s, t) AS dyad, count(*),
               count(*) FILTER (WHERE quad_class <= 2), count(*) FILTER (WHERE quad_class >= 3), avg(goldstein)
        FROM (SELECT left(source_code, 3) AS s, left(target_code, 3) AS t, quad_class, goldstein FROM events
              WHERE target_code IS NOT NULL AND NOT negated AND NOT hypothetical)
        WHERE s <> t GROUP BY 1 ORDER BY 2 DESC LIMIT 10""")
    for dyad, n, coop, conf, g in rows:
        dt.add_row(dyad, str(n), str(coop), str(conf), f"{g:+.2f}")
    con.print(dt)
    points = dyad_index(db, "PAK", "AFG", freq="month")
    con.print(dyad_table(points, "Pakistan–Afghanistan index by month (factual events, both directions)"))
    con.print("Next: `khyber events --dyad PAK-AFG --format table`, `khyber dyad PAK AFG --sector counterterrorism`")
    return 0


def cmd_recode(args: argparse.Namespace) -> int:
    """Re-code stored documents with the current data files, from the parse cache."""
    from khyber.pipeline import recode_database
    from khyber.store.db import Database

    db = Database(args.db)
    n_docs, reparsed, n_events, merged = recode_database(db)
    db.close()
    print(
        f"recoded {n_docs} documents ({reparsed} parsed again, the rest from the parse cache): "
        f"{n_events} events, {merged} merged into earlier reports"
    )
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from khyber.analysis.alerts import find_alerts
    from khyber.store.db import Database

    a, _, b = (args.dyad or "PAK-AFG").upper().partition("-")
    if not b:
        raise UsageError(f"--dyad {args.dyad!r} must look like PAK-AFG")
    db = Database(args.db, read_only=True)
    alerts = find_alerts(
        db,
        a,
        b,
        freq=args.freq,
        window=args.window,
        threshold=args.threshold,
        min_events=args.min_events,
        sector=args.sector,
    )
    if args.format == "json":
        print(json.dumps([x.as_dict() for x in alerts], indent=2, default=str))
        return 0
    con = _console()
    if not alerts:
        con.print(f"no alerts for {a}-{b} (window {args.window} {args.freq}s, threshold {args.threshold} sd)")
    for al in alerts:
        colour = "green" if al.kind == "warming" else "red"
        con.print(
            f"[bold {colour}]{al.period} {al.kind}[/]: {al.metric} {al.value:+.2f} against a recent "
            f"{al.baseline:+.2f} (z {al.z:+.1f}, {al.n_events} events)"
        )
        for d in al.drivers:
            con.print(
                f"    {d['date']} {d['source']} {d['cameo']} {d['cameo_name']} {d['target']} "
                f"({d['goldstein']:+.1f}, {d['articles']} article(s)): {' '.join(d['sentence'].split())[:140]}"
            )
    return 0


def cmd_network(args: argparse.Namespace) -> int:
    from khyber.analysis.network import network
    from khyber.store.db import Database

    db = Database(args.db, read_only=True)
    edges = network(
        db,
        level=args.level,
        since=args.since and str(args.since),
        until=args.until and str(args.until),
        min_events=args.min_events,
    )
    if args.format == "json":
        print(json.dumps([e.as_dict() for e in edges], indent=2))
    elif args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["source", "target", "n_events", "cooperative", "conflictual", "goldstein_mean"])
        for e in edges:
            w.writerow(list(e.as_dict().values()))
    else:
        from rich.table import Table

        t = Table(title=f"Who acts on whom ({args.level} level)", header_style="bold")
        for c in ("source", "target", "events", "cooperative", "conflictual", "Goldstein mean"):
            t.add_column(c, justify="left" if c in ("source", "target") else "right")
        for e in edges:
            t.add_row(
                e.source, e.target, str(e.n_events), str(e.cooperative), str(e.conflictual), f"{e.goldstein_mean:+.2f}"
            )
        _console().print(t)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from khyber.store.db import Database
    from khyber.store.export import export

    db = Database(args.db, read_only=True)
    n = export(db, args.format, args.out, include_merged=args.include_merged)
    print(f"{n} events written to {args.out} ({args.format})")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from khyber.evaluate import evaluate_file, render

    report = evaluate_file(args.gold)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        render(report, _console())
    return 0


# ---------------------------------------------------------------------------------- parser ----
def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="khyber", description="News to coded political events, and a monitor of relations.")
    p.add_argument("--version", action="version", version=f"khyber {__version__} ({CODER})")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def db_opt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--db", help="database file (default ./khyber.duckdb, or $KHYBER_DB)")

    sp = sub.add_parser("demo", help="code the bundled sample corpus into the database and summarise it")
    db_opt(sp)
    sp.set_defaults(func=cmd_demo)

    sp = sub.add_parser("ingest", help="read, code and store documents")
    sp.add_argument("src", nargs="+", help="file, directory, glob, URL, or - for stdin")
    db_opt(sp)
    sp.add_argument("--date", type=_date_arg, help="date for inputs that carry none (YYYY-MM-DD)")
    sp.add_argument("--quiet", action="store_true", help="no progress bar")
    sp.add_argument("--workers", type=int, help="processes (default: all cores); with dask, local workers")
    sp.add_argument("--engine", choices=("local", "dask"), default="local")
    sp.add_argument("--scheduler", help="Dask scheduler address, tcp://HOST:8786 (default: a local cluster)")
    sp.add_argument("--out", help="with dask: directory (shared storage) for the Parquet parts")
    sp.add_argument("--partition-size", type=int, default=200, help="with dask: documents per partition")
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("extract", help="print the events of documents, storing nothing")
    sp.add_argument("src", nargs="+", help="file, directory, glob, URL, or - for stdin")
    sp.add_argument("--format", choices=OUTPUT_FORMATS, default="jsonl")
    sp.add_argument("--date", type=_date_arg, help="date for inputs that carry none (YYYY-MM-DD)")
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("events", help="query stored events")
    db_opt(sp)
    sp.add_argument("--dyad", help="two actor codes or prefixes, e.g. PAK-AFG (both directions)")
    sp.add_argument("--actor", help="an actor id (ishaq_dar) or code prefix (PAKMIL)")
    sp.add_argument("--root", help="CAMEO root code, e.g. 18")
    sp.add_argument("--sector", choices=("counterterrorism", "trade", "diplomacy", "people-to-people", "border"))
    sp.add_argument("--since", type=_date_arg)
    sp.add_argument("--until", type=_date_arg)
    sp.add_argument("--factual", action="store_true", help="leave out negated and hypothetical events")
    sp.add_argument("--limit", type=int, default=1000)
    sp.add_argument("--format", choices=OUTPUT_FORMATS, default="table")
    sp.set_defaults(func=cmd_events)

    sp = sub.add_parser("dyad", help="the relations index of two actors by period")
    sp.add_argument("a")
    sp.add_argument("b")
    db_opt(sp)
    sp.add_argument("--freq", choices=("week", "month", "quarter", "year"), default="month")
    sp.add_argument("--sector", choices=("counterterrorism", "trade", "diplomacy", "people-to-people", "border"))
    sp.add_argument("--directed", action="store_true", help="only events from A to B")
    sp.add_argument("--include-flagged", action="store_true", help="count negated and hypothetical events too")
    sp.add_argument("--since", type=_date_arg)
    sp.add_argument("--until", type=_date_arg)
    sp.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sp.set_defaults(func=cmd_dyad)

    sp = sub.add_parser("alerts", help="periods where a dyad's relations break from their recent behaviour")
    db_opt(sp)
    sp.add_argument("--dyad", default="PAK-AFG", help="two actor codes or prefixes (default PAK-AFG)")
    sp.add_argument("--freq", choices=("week", "month"), default="month")
    sp.add_argument("--window", type=int, default=6, help="trailing periods to compare with (default 6)")
    sp.add_argument("--threshold", type=float, default=2.0, help="standard deviations (default 2)")
    sp.add_argument("--min-events", type=int, default=3, help="events a period needs to raise an alert")
    sp.add_argument("--sector", choices=("counterterrorism", "trade", "diplomacy", "people-to-people", "border"))
    sp.add_argument("--format", choices=("table", "json"), default="table")
    sp.set_defaults(func=cmd_alerts)

    sp = sub.add_parser("network", help="who interacts with whom, weighted, for a period")
    db_opt(sp)
    sp.add_argument("--level", choices=("country", "actor"), default="country")
    sp.add_argument("--since", type=_date_arg)
    sp.add_argument("--until", type=_date_arg)
    sp.add_argument("--min-events", type=int, default=1)
    sp.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sp.set_defaults(func=cmd_network)

    sp = sub.add_parser("export", help="write stored events as CSV, Parquet (by month), GeoJSON or GDELT-style TSV")
    db_opt(sp)
    sp.add_argument("--format", choices=("csv", "parquet", "geojson", "gdelt"), required=True)
    sp.add_argument("--out", required=True, help="file (csv, geojson, gdelt) or directory (parquet)")
    sp.add_argument("--include-merged", action="store_true", help="also export reports merged into others")
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("recode", help="re-code stored documents with the current data files (no re-parsing)")
    db_opt(sp)
    sp.set_defaults(func=cmd_recode)

    sp = sub.add_parser("actors", help="how a name resolves on a date")
    sp.add_argument("name")
    sp.add_argument("--date", type=_date_arg, help="the date (default: today's roles)")
    sp.add_argument("--format", choices=("table", "json"), default="table")
    sp.set_defaults(func=cmd_actors)

    sp = sub.add_parser("evaluate", help="precision, recall and F1 against a gold set")
    sp.add_argument("gold", help="gold JSON lines file")
    sp.add_argument("--format", choices=("table", "json"), default="table")
    sp.set_defaults(func=cmd_evaluate)
    return p


def _terminate_as_interrupt() -> Any:
    """SIGTERM (a service manager, `kill`) unwinds like Ctrl-C: the open transaction rolls back, the
    database closes and worker processes are shut down instead of being left behind. Returns the
    handler it replaced (None off the main thread, where signals cannot be set)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    previous = _terminate_as_interrupt()
    try:
        return int(args.func(args))
    except UsageError as e:
        _err(str(e))
        return 2
    except KhyberError as e:
        _err(str(e))
        return 1
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except RuntimeError as e:
        if "interrupted" not in str(e).lower():
            raise
        _err("interrupted")  # DuckDB turns an interrupt inside a statement into "Query interrupted"
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
