"""The Dask engine: same event ids as the local engine, Parquet parts DuckDB reads, idempotent loading."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khyber import CODER
from khyber.cluster import DaskSummary, load_parquet_into, plan, run_dask
from khyber.cluster.dask_engine import (
    TABLES,
    Piece,
    _prepare_out,
    iter_rejects,
    process_partition,
    read_piece,
)
from khyber.errors import KhyberError, UsageError
from khyber.ingest.sources import iter_sources, parse_jsonl
from khyber.pipeline import run
from khyber.records import CodedDocument, RawInput, Reject
from khyber.store.db import DOC_COLUMNS, EVENT_COLUMN_NAMES, Database

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "khyber" / "data" / "samples"
BAD_LINE = "{not json\n"


def sample_records() -> list[dict[str, Any]]:
    """The bundled sample texts as input records (header block parsed by the local reader)."""
    out = []
    for raw in iter_sources([str(SAMPLES / "text")]):
        assert isinstance(raw, RawInput)
        out.append({"id": raw.ref, "text": raw.text, "date": raw.date, "url": raw.url, "title": raw.title})
    assert len(out) >= 60
    return out


def local_items(raws: list[RawInput | Reject]) -> list[CodedDocument | Reject]:
    return list(run(raws))


def event_ids(items: list[CodedDocument | Reject]) -> set[str]:
    return {e.event_id for i in items if isinstance(i, CodedDocument) for e in i.events}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "samples.jsonl"
    lines = [json.dumps(r) + "\n" for r in sample_records()]
    lines.insert(5, BAD_LINE)
    lines.insert(9, "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_run(corpus: Path) -> list[CodedDocument | Reject]:
    """The local engine over the same file, in this process."""
    return local_items(list(iter_sources([str(corpus)])))


@pytest.fixture(scope="module")
def dask_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> DaskSummary:
    """One cluster run shared by the tests below: its own LocalCluster of 2 worker processes."""
    out = tmp_path_factory.mktemp("run") / "out"
    done: list[tuple[int, int]] = []
    summary = run_dask(
        [str(corpus), str(out.parent / "missing.jsonl")],
        str(out),
        n_workers=2,
        partition_size=10,
        progress=lambda d, n: done.append((d, n)),
    )
    assert done[-1] == (summary.partitions, summary.partitions)
    return summary


# ---------------------------------------------------------------------- on a cluster ----------
def test_dask_run_gives_the_local_engines_events(
    dask_run: DaskSummary, local_run: list[CodedDocument | Reject]
) -> None:
    out = dask_run.out_dir
    local_events = event_ids(local_run)
    assert local_events
    parquet_events = {
        r[0] for r in duckdb.sql(f"SELECT event_id FROM read_parquet('{out}/events/*.parquet')").fetchall()
    }
    assert parquet_events == local_events
    n_docs = sum(isinstance(i, CodedDocument) for i in local_run)
    assert (dask_run.documents, dask_run.events) == (n_docs, len(local_events))
    assert dask_run.partitions == 7  # 67 sample lines + a bad one + a blank one, 10 a partition
    for table in TABLES:
        assert len(list(Path(out, table).glob("part-*.parquet"))) == dask_run.partitions
    # rejects: the local engine's (bad line, same ref) plus the source that names nothing
    local_rejects = {(r.ref, r.reason) for r in local_run if isinstance(r, Reject)}
    assert local_rejects and local_rejects < {(r.ref, r.reason) for r in iter_rejects(out)}
    assert dask_run.rejects == len(local_rejects) + 1
    cols = [d[0] for d in duckdb.sql(f"SELECT * FROM read_parquet('{out}/events/*.parquet') LIMIT 0").description]
    assert tuple(cols) == EVENT_COLUMN_NAMES
    marker = json.loads(Path(out, "_khyber_run.json").read_text())
    assert marker["coder"] == CODER and marker["events"] == dask_run.events


def test_loaded_run_equals_a_local_ingest_and_loading_twice_adds_nothing(
    dask_run: DaskSummary, local_run: list[CodedDocument | Reject], tmp_path: Path
) -> None:
    with Database(str(tmp_path / "local.duckdb")) as local:
        local.write_batch(local_run)
        with Database(str(tmp_path / "dask.duckdb")) as db:
            n_docs, n_events = load_parquet_into(db, dask_run.out_dir)
            assert (n_docs, n_events) == (dask_run.documents, dask_run.events)
            counts = db.counts()
            assert load_parquet_into(db, dask_run.out_dir) == (0, 0)
            assert db.counts() == counts
            local_counts = local.counts()
            for table in ("documents", "sentences", "events", "event_reports"):
                assert counts[table] == local_counts[table], table
            assert counts["rejects"] == local_counts["rejects"] + 1  # and the source that names nothing
            ev = "SELECT * FROM events ORDER BY event_id"
            assert db.query(ev) == local.query(ev)
            docs = f"SELECT {', '.join(DOC_COLUMNS)} FROM documents ORDER BY doc_id"
            assert db.query(docs) == local.query(docs)
            assert db.events(dyad="PAK-AFG").shape[0] == local.events(dyad="PAK-AFG").shape[0] > 0


def test_parquet_input_through_a_running_scheduler(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    records = sample_records()[:9]
    pages = sorted((SAMPLES / "html").glob("*.html"))[:2]
    rows = [
        {"id": r["id"], "text": r["text"], "html": None, "date": date.fromisoformat(r["date"]), "url": r["url"]}
        for r in records
    ]
    rows += [{"id": p.stem, "text": None, "html": p.read_text("utf-8"), "date": None, "url": None} for p in pages]
    rows.append({"id": "empty", "text": None, "html": None, "date": None, "url": None})
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src, row_group_size=5)  # row groups cut across partitions
    raws: list[RawInput | Reject] = [
        RawInput(r["id"], r["text"], r["html"], str(r["date"]) if r["date"] else None, r["url"]) for r in rows[:-1]
    ]
    expected = event_ids(local_items(raws))
    assert expected
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster),
    ):
        summary = run_dask([str(src)], str(tmp_path / "out"), scheduler=cluster.scheduler_address, partition_size=4)
    assert summary.partitions == 3
    got = duckdb.sql(f"SELECT event_id FROM read_parquet('{tmp_path}/out/events/*.parquet')").fetchall()
    assert {r[0] for r in got} == expected
    assert [r.ref for r in iter_rejects(summary.out_dir)] == [f"{src}:12"]  # like a JSON line: by row number


# ---------------------------------------------------------------------- planning and reading --
def pieces_of(partitions: list[tuple[Piece, ...]]) -> Iterator[Piece]:
    return (p for part in partitions for p in part)


@pytest.mark.parametrize("block", [5, 64, 1 << 20])
@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_jsonl_pieces_read_back_as_the_local_reader_reads_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, block: int
) -> None:
    monkeypatch.setattr("khyber.cluster.dask_engine.BLOCK", block)  # line ends found across read blocks
    lines = ['{"id": "a", "text": "x"}', "", BAD_LINE.strip(), "[1]", '{"text": "no id"}', '{"html": "<p>y</p>"}']
    path = tmp_path / "f.jsonl"
    path.write_bytes(("\ufeff" + "\r\n".join(lines * 3) + "\r\n" + lines[0]).encode("utf-8"))  # BOM, CRLF, no last EOL
    parts = plan([str(path)], size)
    assert all(sum(p.records for p in part) <= max(size, 1) for part in parts)
    got = [r for p in pieces_of(parts) for r in read_piece(p)]
    assert got == list(parse_jsonl(path.read_text("utf-8-sig"), str(path)))


def test_plan_packs_small_files_and_rejects_what_names_nothing(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / "d" / "sub").mkdir(parents=True, exist_ok=True)
        (tmp_path / "d" / "sub" / f"{i}.txt").write_text(f"Title: t{i}\n\nPakistan and Afghanistan met.\n")
    (tmp_path / "d" / "notes.md").write_text("ignored in directories")
    (tmp_path / "empty").mkdir()
    parts = plan([str(tmp_path / "d"), str(tmp_path / "empty"), str(tmp_path / "*.nothing"), "nope.txt"], 2)
    kinds = [p.kind for p in pieces_of(parts)]
    assert kinds == ["file"] * 5 + ["reject"] * 3
    assert [len(p) for p in parts] == [2, 2, 4]  # rejects cost nothing and ride along
    reasons = [r.reason for p in pieces_of(parts) if p.kind == "reject" for r in read_piece(p)]
    assert reasons[1:] == ["pattern matches no files", "no such file or directory"]
    assert reasons[0].startswith("directory has no .html")
    with pytest.raises(UsageError):
        plan(["-"])
    with pytest.raises(UsageError):
        plan([str(tmp_path / "d")], 0)


def test_storage_uris_plan_write_and_load(tmp_path: Path) -> None:
    """``file://`` goes through the same pyarrow.fs code as ``s3://`` or ``gs://``; run in-process here."""
    src = tmp_path / "in"
    src.mkdir()
    records = sample_records()[:3]
    (src / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (src / "b.txt").write_text(sorted((SAMPLES / "text").glob("*.txt"))[3].read_text("utf-8"), "utf-8")
    parts = plan([f"file://{src}/**/*.*", f"file://{src}/none*.jsonl"], 10)
    assert [p.kind for p in pieces_of(parts)] == ["jsonl", "file", "reject"]
    assert [p.path for p in pieces_of(plan([f"file://{src}/"]))] == [f"file://{src}/a.jsonl", f"file://{src}/b.txt"]
    out = f"file://{tmp_path}/out"
    _prepare_out(out, "run1", [], len(parts))
    totals = [process_partition(part, i, out, "run1", CODER) for i, part in enumerate(parts)]
    assert sum(t[0] for t in totals) == 4 and sum(t[2] for t in totals) == 1
    with Database(str(tmp_path / "db.duckdb")) as db:
        docs, events = load_parquet_into(db, out)
        assert docs == 4 and events == db.counts()["events"] > 0
        assert load_parquet_into(db, out) == (0, 0)
    Path(tmp_path, "out", "_khyber_run.json").unlink()
    with pytest.raises(UsageError, match="did not write"):  # parts there that no khyber run wrote
        _prepare_out(out, "run2", [], 1)


def test_a_worker_with_another_khyber_fails_loudly(tmp_path: Path) -> None:
    _prepare_out(str(tmp_path), "r", [], 1)
    with pytest.raises(KhyberError, match="same khyber version"):
        process_partition((), 0, str(tmp_path), "r", "khyber/0.0.0 data/old")
