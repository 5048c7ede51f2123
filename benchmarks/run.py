"""khyber benchmarks (``make bench``): each stage, end to end, workers, recoding and memory, all in ONE
run on the same documents so that ratios hold on a noisy machine.

a. bare spaCy: the same model's full ``nlp.pipe`` over the clean texts (the baseline);
b. khyber end to end, HTML in, events in DuckDB out, with 1 and with 2 worker processes;
c. each stage alone: extract, parse, code, store;
d. recoding the stored corpus from the parse cache, against its first ingest;
e. peak memory (RSS) of ``khyber ingest`` at two corpus sizes.
Prints a table and writes ``benchmarks/results/<date>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.corpus import generate, write_jsonl
from khyber import CODER

RESULTS = Path(__file__).resolve().parent / "results"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def ingest(raws: list[Any], db_path: str, workers: int, keep_parse: bool = True, pool: bool = False) -> int:
    """HTML in, events in DuckDB out: the CLI's ingest path without its progress bar."""
    from khyber.pipeline import run_parallel
    from khyber.records import CodedDocument
    from khyber.store.db import Database
    from khyber.store.merge import merge_events

    db = Database(db_path)
    n = 0
    batch: list[Any] = []
    for item in run_parallel(iter(raws), workers=workers, keep_parse=keep_parse, pool=pool):
        batch.append(item)
        if len(batch) >= 64:
            n += db.write_batch(batch)[1]
            merge_events(db, [c.document.doc_id for c in batch if isinstance(c, CodedDocument)])
            batch = []
    n += db.write_batch(batch)[1]
    merge_events(db, [c.document.doc_id for c in batch if isinstance(c, CodedDocument)])
    db.close()
    return n


def peak_rss_mb(n_docs: int, tmp: str) -> float:
    """Peak resident memory of `khyber ingest --workers 2` over a generated corpus of n documents: the
    largest of its processes (the operating system reports the maximum over the process and its workers).
    The ingest is started from a small fresh interpreter: a child forked straight from this (large)
    benchmark process would count this process's memory, shared at fork time, as its own peak."""
    src = str(Path(tmp) / f"mem-{n_docs}.jsonl")
    write_jsonl(src, n_docs, seed=11)
    db = str(Path(tmp) / f"mem-{n_docs}.duckdb")
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--measure-rss", src, db],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def _tree_rss_mb(root: int) -> dict[int, float]:
    """Resident memory (MB) of a process and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, float] = {}
    for path in Path("/proc").iterdir():
        entry = path.name
        if not entry.isdigit():
            continue
        try:
            fields = (path / "stat").read_text().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in rss:
            out[pid] = rss[pid]
        todo.extend(children.get(pid, []))
    return out


def measure_rss(src: str, db: str) -> float:
    """Run one ingest as a child of this (small) process; the peak RSS in MB of its largest process (the
    writer or a worker). The tree is sampled every 0.1 s from /proc, and the kernel's own high-water mark
    of the ingest process (which counts workers only when every parent reaped its children) is taken too:
    the larger of the two."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "khyber.cli", "ingest", src, "--db", db, "--workers", "2", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        sizes = _tree_rss_mb(proc.pid)
        peak = max(peak, max(sizes.values(), default=0.0))
        time.sleep(0.1)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"khyber ingest {src} failed with exit status {os.waitstatus_to_exitcode(status)}")
    return round(max(peak, usage.ru_maxrss / 1024), 1)


def memory_only(sizes: list[int]) -> int:
    """Peak RSS of `khyber ingest` at each size; writes results/memory-<date>.json."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            t = time.perf_counter()
            out[str(size)] = peak_rss_mb(size, tmp)
            print(
                f"peak RSS at {size:,} documents: {out[str(size)]:.1f} MB ({time.perf_counter() - t:.0f} s)", flush=True
            )
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "coder": CODER,
        "peak_rss_mb": out,
        "command": f"python -m benchmarks.run --memory-only --memory-sizes {','.join(map(str, sizes))}",
    }
    if len(sizes) == 2:
        result["ratio_large_vs_small"] = round(out[str(sizes[1])] / out[str(sizes[0])], 3)
        print(f"ratio: {result['ratio_large_vs_small']:.3f}")
    result["commit"] = _commit()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"memory-{datetime.now():%Y-%m-%d}.json"
    record = json.loads(path.read_text()) if path.exists() else {}
    record["runs"] = [*record.get("runs", []), result]  # earlier runs of the day stay
    path.write_text(json.dumps(record, indent=1) + "\n")
    return 0


def _commit() -> str | None:
    """The git commit measured, when run from a clone."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=1000, help="documents in the corpus (default 1000)")
    ap.add_argument("--memory-sizes", default="1000,5000", help="two corpus sizes for peak RSS (default 1000,5000)")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory measurement")
    ap.add_argument("--memory-only", action="store_true", help="only the memory measurement (large sizes)")
    ap.add_argument("--measure-rss", nargs=2, metavar=("SRC", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure_rss:  # internal: one ingest's peak RSS, from a small process
        print(measure_rss(*args.measure_rss))
        return 0
    if args.memory_only:
        return memory_only([int(x) for x in args.memory_sizes.split(",")])

    import spacy

    from khyber.ingest.extract import to_document
    from khyber.nlp.parser import MODELS, load_nlp
    from khyber.pipeline import get_coder, recode_database
    from khyber.records import CodedDocument, Document, RawInput
    from khyber.store.db import Database

    raws = [RawInput(ref=i, html=h) for i, h in generate(args.docs)]
    nlp = load_nlp()
    coder = get_coder()

    docs, t_extract = timed(lambda: [d for d in (to_document(r) for r in raws) if isinstance(d, Document)])
    texts = [d.text for d in docs]

    full = None
    for name in MODELS:
        try:
            full = spacy.load(name)
            break
        except OSError:
            continue
    assert full is not None, "no spaCy model"
    parsed_full, t_bare = timed(lambda: list(full.pipe(texts, batch_size=64)))
    n_tokens = sum(len(d) for d in parsed_full)
    del parsed_full

    parsed, t_parse = timed(lambda: list(nlp.pipe(texts, batch_size=64)))
    coded, t_code = timed(lambda: [coder.code(d, p) for d, p in zip(docs, parsed, strict=True)])
    n_events = sum(len(ev) for _s, ev in coded)
    n_sents = sum(len(s) for s, _ev in coded)
    items = [CodedDocument(d, tuple(s), tuple(ev)) for d, (s, ev) in zip(docs, coded, strict=True)]

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "store.duckdb"))
        _, t_store = timed(lambda: [db.write_batch(items[i : i + 64]) for i in range(0, len(items), 64)])
        db.close()
        e2e_path = str(Path(tmp) / "e2e1.duckdb")
        n_e2e, t_e2e1 = timed(lambda: ingest(raws, e2e_path, workers=1))
        _, t_pool1 = timed(lambda: ingest(raws, str(Path(tmp) / "pool1.duckdb"), workers=1, pool=True))
        _, t_e2e2 = timed(lambda: ingest(raws, str(Path(tmp) / "e2e2.duckdb"), workers=2))
        db = Database(e2e_path)
        (n_rec_docs, reparsed, _n, _m), t_recode = timed(lambda: recode_database(db))
        db.close()
        memory: dict[str, float] = {}
        if not args.no_memory:
            for size in (int(x) for x in args.memory_sizes.split(",")):
                memory[str(size)] = peak_rss_mb(size, tmp)

    rows = [
        ("bare spaCy (full pipeline, 1 process)", t_bare),
        ("khyber end to end, in one process", t_e2e1),
        ("khyber end to end, pool of 1 worker", t_pool1),
        ("khyber end to end, pool of 2 workers", t_e2e2),
        ("stage: extract (trafilatura)", t_extract),
        ("stage: parse (spaCy without NER)", t_parse),
        ("stage: code", t_code),
        ("stage: store", t_store),
        ("recode from the parse cache", t_recode),
    ]
    sizes = sorted(memory, key=int)
    result: dict[str, Any] = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "coder": CODER,
        "command": "make bench  (python -m benchmarks.run " + " ".join(argv or sys.argv[1:]) + ")",
        "commit": _commit(),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "corpus": {
            "documents": len(docs),
            "tokens": n_tokens,
            "sentences": n_sents,
            "events": n_events,
            "events_end_to_end": n_e2e,
        },
        "seconds": {name: round(t, 3) for name, t in rows},
        "tokens_per_second": {name: round(n_tokens / t, 1) for name, t in rows},
        "ratios": {
            "end_to_end_1_worker_vs_bare_spacy": round(t_bare / t_e2e1, 3),
            "end_to_end_2_workers_vs_bare_spacy": round(t_bare / t_e2e2, 3),
            "2_workers_vs_1": round(t_pool1 / t_e2e2, 3),
            "2_workers_vs_in_process": round(t_e2e1 / t_e2e2, 3),
            "first_ingest_vs_recode": round(t_e2e1 / t_recode, 3),
        },
        "coding_sentences_per_second": round(n_sents / t_code, 1),
        "recode": {"documents": n_rec_docs, "parsed_again": reparsed},
        "peak_rss_mb": memory,
    }
    if len(sizes) == 2:
        result["ratios"]["peak_rss_large_vs_small"] = round(memory[sizes[1]] / memory[sizes[0]], 3)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{datetime.now():%Y-%m-%d}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")

    print(
        f"khyber benchmark: {len(docs)} documents, {n_tokens:,} tokens, {n_sents:,} sentences, "
        f"{n_events} events ({CODER}, {os.cpu_count()} cpus)"
    )
    print(f"{'measure':<40} {'seconds':>9} {'tokens/s':>11}")
    for name, t in rows:
        print(f"{name:<40} {t:>9.2f} {n_tokens / t:>11,.0f}")
    for k, v in result["ratios"].items():
        print(f"{k:<40} {v:>9.2f}x")
    print(f"{'coding alone, sentences/s':<40} {result['coding_sentences_per_second']:>9,.0f}")
    for size in sizes:
        print(f"{'peak RSS, ' + size + ' documents':<40} {memory[size]:>9.1f} MB")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
