"""The Dask engine: the local pipeline, one partition of the input per task, Parquet out.

The driver only plans: it expands the sources into small, picklable :class:`Piece` descriptions
(a byte range of a JSONL file, a row range of a Parquet file, one text or HTML file, one URL) and
packs them into partitions of about ``partition_size`` records. Each task reads its own pieces from
shared storage, runs :func:`khyber.pipeline.run` (the same code, so the same event ids, as the local
engine) and writes one Parquet part per table under the output directory:

    OUT/documents/part-00000.parquet   columns of the ``documents`` table (DOC_COLUMNS)
    OUT/sentences/part-00000.parquet   columns of the ``sentences`` table (SENT_COLUMNS)
    OUT/events/part-00000.parquet      columns of the ``events`` table (EVENT_COLUMN_NAMES)
    OUT/rejects/part-00000.parquet     ref, reason, stage
    OUT/_khyber_run.json               run id, coder version, sources, counts

DuckDB queries the parts in place (``read_parquet('OUT/events/*.parquet')``);
:func:`load_parquet_into` copies them into a khyber database. ``OUT`` and the inputs may be local
paths on storage every worker mounts (NFS) or storage URIs that pyarrow understands (``s3://``,
``gs://``, ``hdfs://``, ``file://``).
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from khyber import CODER
from khyber.errors import InputError, KhyberError, StoreError, UsageError
from khyber.ingest.sources import SUFFIXES, is_url, parse_jsonl, parse_text_file, read_file
from khyber.records import CodedDocument, RawInput, Reject
from khyber.store.db import DOC_COLUMNS, EVENT_COLUMN_NAMES, SENT_COLUMNS, UNKEYED, event_row, rollback

if TYPE_CHECKING:
    from khyber.store.db import Database

REJECT_COLUMNS = ("ref", "reason", "stage")
TABLES: dict[str, tuple[str, ...]] = {
    "documents": DOC_COLUMNS,
    "sentences": SENT_COLUMNS,
    "events": EVENT_COLUMN_NAMES,
    "rejects": REJECT_COLUMNS,
}
MARKER = "_khyber_run.json"
PART_RE = re.compile(r"part-\d{5,}\.parquet")
DIR_SUFFIXES = SUFFIXES | {".parquet"}
RECORD_FIELDS = ("id", "text", "html", "date", "url", "title", "source")
BLOCK = 8 << 20
WORKER_WAIT = 60.0
GLOB_CHARS = "*?["


@dataclass(frozen=True, slots=True)
class DaskSummary:
    """What a cluster run wrote: rows in the Parquet parts (documents deduplicated per partition)."""

    documents: int
    events: int
    rejects: int
    partitions: int
    seconds: float
    out_dir: str


@dataclass(frozen=True, slots=True)
class Piece:
    """A slice of input a task reads itself, so the driver never holds the corpus.

    ``kind`` is ``jsonl`` (bytes ``start``..``end``, first line number ``first``), ``parquet``
    (rows ``start``..``end``), ``file`` (one text or HTML file), ``url`` (fetched by the worker) or
    ``reject`` (a source that names nothing, with ``reason``). ``records`` sizes the partitions.
    """

    kind: str
    path: str
    start: int = 0
    end: int = 0
    first: int = 1
    records: int = 1
    reason: str = ""


Partition = tuple[Piece, ...]


# ---------------------------------------------------------------------- storage ---------------
def _is_uri(path: str) -> bool:
    """Storage URIs (s3://, gs://, hdfs://, file://) go through pyarrow.fs; web addresses are fetched."""
    return "://" in path and not is_url(path)


_FILESYSTEMS: dict[tuple[str, str], tuple[Any, str]] = {}


def _arrow_fs(uri: str) -> tuple[Any, str]:
    """The pyarrow filesystem and in-filesystem path of a storage URI; one filesystem per bucket or host."""
    from urllib.parse import urlsplit

    if "?" in uri or "#" in uri:
        raise UsageError(f"{uri}: storage URIs with options (?...) are not supported; configure access by environment")
    parts = urlsplit(uri)
    key, tail = (parts.scheme, parts.netloc), parts.path.rstrip("/")
    if key not in _FILESYSTEMS:  # opening an S3 filesystem costs a request: do it once
        from pyarrow import fs as pafs

        try:
            filesystem, path = pafs.FileSystem.from_uri(uri)
        except Exception as e:  # pyarrow raises ArrowInvalid (a ValueError) or OSError subclasses
            raise UsageError(f"{uri}: cannot open this storage location ({e})") from None
        path = str(path).rstrip("/")
        if not path.endswith(tail):
            return filesystem, path or "/"
        _FILESYSTEMS[key] = (filesystem, path[: len(path) - len(tail)])
    filesystem, base = _FILESYSTEMS[key]
    return filesystem, (base + tail) or "/"


def _join(base: str, *parts: str) -> str:
    """Child path of a local directory or a storage URI."""
    if _is_uri(base):
        return "/".join([base.rstrip("/"), *parts])
    return str(Path(base, *parts))


def _open_read(path: str) -> Any:
    """A seekable binary file for a local path or a storage URI."""
    if _is_uri(path):
        filesystem, p = _arrow_fs(path)
        return filesystem.open_input_file(p)
    return open(path, "rb")


def _kind(path: str) -> str:
    """``file``, ``dir`` or ``missing``, wherever the path lives."""
    if _is_uri(path):
        from pyarrow import fs as pafs

        filesystem, p = _arrow_fs(path)
        t = filesystem.get_file_info(p).type
        return "file" if t == pafs.FileType.File else "dir" if t == pafs.FileType.Directory else "missing"
    p2 = Path(path)
    return "file" if p2.is_file() else "dir" if p2.is_dir() else "missing"


def _list_files(directory: str) -> list[str]:
    """Every file under a directory, recursively, sorted; URIs keep their scheme."""
    if not _is_uri(directory):
        return sorted(str(p) for p in Path(directory).rglob("*") if p.is_file())
    from pyarrow import fs as pafs

    filesystem, base = _arrow_fs(directory)
    prefix = _uri_prefix(directory, base)
    infos = filesystem.get_file_info(pafs.FileSelector(base, recursive=True, allow_not_found=True))
    return sorted(prefix + i.path for i in infos if i.type == pafs.FileType.File)


def _uri_prefix(uri: str, fs_path: str) -> str:
    """What turns a path inside the filesystem back into a URI (``s3://``, ``hdfs://host:8020``)."""
    u, p = uri.rstrip("/"), fs_path.rstrip("/")
    if not u.endswith(p):
        raise UsageError(f"{uri}: cannot map paths in this storage location back to URIs")
    return u[: len(u) - len(p)]


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob (``*``, ``?``, ``[...]``, ``**``) as a regular expression over ``/`` paths."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and (j := pattern.find("]", i + 2)) > 0:
            body = pattern[i + 1 : j]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out))


def _glob_uri(src: str) -> list[str]:
    """Files matching a glob in a storage URI (pyarrow.fs has no glob of its own)."""
    from pyarrow import fs as pafs

    filesystem, pattern = _arrow_fs(src)
    prefix = _uri_prefix(src, pattern)
    cut = min(pattern.find(ch) for ch in GLOB_CHARS if ch in pattern)
    root = pattern[:cut].rsplit("/", 1)[0] if "/" in pattern[:cut] else ""
    rx = _glob_regex(pattern)
    infos = filesystem.get_file_info(pafs.FileSelector(root, recursive=True, allow_not_found=True))
    return sorted(prefix + i.path for i in infos if i.type == pafs.FileType.File and rx.fullmatch(i.path))


def _makedirs(path: str) -> None:
    """Create a directory tree; object stores treat this as a no-op or a marker."""
    if _is_uri(path):
        filesystem, p = _arrow_fs(path)
        filesystem.create_dir(p, recursive=True)
    else:
        Path(path).mkdir(parents=True, exist_ok=True)


def _remove(path: str) -> None:
    """Delete one file of an earlier run."""
    if _is_uri(path):
        filesystem, p = _arrow_fs(path)
        filesystem.delete_file(p)
    else:
        Path(path).unlink(missing_ok=True)


def _write_bytes(path: str, data: bytes) -> None:
    """Write a whole file; local files appear under their name only once complete."""
    if _is_uri(path):
        filesystem, p = _arrow_fs(path)
        with filesystem.open_output_stream(p) as f:
            f.write(data)
        return
    tmp = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
    Path(tmp).write_bytes(data)
    Path(tmp).replace(path)


def _read_bytes(path: str) -> bytes:
    """A whole small file (a marker, a text or HTML article)."""
    with _open_read(path) as f:
        data: bytes = f.read()
    return data


def _write_parquet(table: Any, path: str) -> None:
    """One Parquet part; a retried task replaces it whole, and readers never see half a file."""
    import pyarrow.parquet as pq

    if _is_uri(path):
        filesystem, p = _arrow_fs(path)
        pq.write_table(table, p, filesystem=filesystem, compression="zstd")
        return
    tmp = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
    pq.write_table(table, tmp, compression="zstd")
    Path(tmp).replace(path)


def _read_parquet(path: str) -> Any:
    """One Parquet part as an Arrow table (a partition is small by design)."""
    import pyarrow.parquet as pq

    if _is_uri(path):
        filesystem, p = _arrow_fs(path)
        return pq.read_table(p, filesystem=filesystem)
    return pq.read_table(path)


def _parts(out_dir: str, table: str) -> list[str]:
    """The Parquet parts of one table, in partition order."""
    directory = _join(out_dir, table)
    if _kind(directory) != "dir":
        return []
    return [f for f in _list_files(directory) if PART_RE.fullmatch(PurePosixPath(f).name)]


# ---------------------------------------------------------------------- planning (driver) -----
def plan(srcs: Sequence[str], partition_size: int = 200) -> list[Partition]:
    """Split the sources into partitions of about ``partition_size`` records, reading only metadata and line ends."""
    if partition_size < 1:
        raise UsageError("partition size must be at least 1")
    return _pack(_pieces(srcs, partition_size), partition_size)


def _pack(pieces: Iterable[Piece], size: int) -> list[Partition]:
    """Group consecutive pieces so that small files share a task and big files are cut to size."""
    out: list[Partition] = []
    current: list[Piece] = []
    n = 0
    for p in pieces:
        if current and n + p.records > size:
            out.append(tuple(current))
            current, n = [], 0
        current.append(p)
        n += p.records
    if current:
        out.append(tuple(current))
    return out


def _pieces(srcs: Sequence[str], size: int) -> Iterator[Piece]:
    """Every SRC as pieces of at most ``size`` records, in input order."""
    for src in srcs:
        if src == "-":
            raise UsageError("--engine dask cannot read stdin: save the input to a file on storage the workers share")
        if is_url(src):
            yield Piece("url", src)
            continue
        for path in _expand(src):
            if isinstance(path, Piece):
                yield path
                continue
            suffix = PurePosixPath(path).suffix.lower()
            if suffix == ".jsonl":
                yield from _jsonl_pieces(path, size)
            elif suffix == ".parquet":
                yield from _parquet_pieces(path, size)
            else:
                yield Piece("file", path)


def _expand(src: str) -> Iterator[str | Piece]:
    """Files a SRC names, like the local engine (directories, files, globs), plus Parquet files."""
    kind = _kind(src)
    if kind == "dir":
        files = [f for f in _list_files(src) if PurePosixPath(f).suffix.lower() in DIR_SUFFIXES]
        if not files:
            yield Piece("reject", src, records=0, reason="directory has no .html, .htm, .txt, .jsonl or .parquet files")
        yield from files
    elif kind == "file":
        yield src
    elif any(ch in src for ch in GLOB_CHARS):
        if _is_uri(src):
            matches = _glob_uri(src)
        else:
            import glob

            matches = sorted(m for m in glob.glob(src, recursive=True) if Path(m).is_file())  # noqa: PTH207
        if not matches:
            yield Piece("reject", src, records=0, reason="pattern matches no files")
        yield from matches
    else:
        yield Piece("reject", src, records=0, reason="no such file or directory")


def _jsonl_pieces(path: str, size: int) -> Iterator[Piece]:
    """Byte ranges of ``size`` lines each, found by scanning for newlines (the text is not decoded)."""
    try:
        with _open_read(path) as f:
            if b"\x00" in f.read(4096):
                yield Piece("reject", path, records=0, reason="binary file, not text or HTML")
                return
            f.seek(0)
            start = offset = count = 0
            first = 1
            while block := f.read(BLOCK):
                newlines = block.count(b"\n")
                if count + newlines < size:
                    count += newlines
                    offset += len(block)
                    continue
                pos = 0
                while (idx := block.find(b"\n", pos)) >= 0:
                    pos = idx + 1
                    count += 1
                    if count == size:
                        yield Piece("jsonl", path, start, offset + pos, first, size)
                        start, first, count = offset + pos, first + size, 0
                        rest = block.count(b"\n", pos)
                        if rest < size:
                            count = rest
                            break
                offset += len(block)
            if offset > start:
                yield Piece("jsonl", path, start, offset, first, max(count, 1))
    except OSError as e:
        yield Piece("reject", path, records=0, reason=f"cannot read file: {e.strerror or e}")


def _parquet_pieces(path: str, size: int) -> Iterator[Piece]:
    """Row ranges of ``size`` rows each, from the file's footer."""
    import pyarrow.parquet as pq

    try:
        with _open_read(path) as f:
            pf = pq.ParquetFile(f)
            names = set(pf.schema_arrow.names)
            rows = int(pf.metadata.num_rows)
    except Exception as e:  # pyarrow: ArrowInvalid for a file that is not Parquet, OSError for I/O
        yield Piece("reject", path, records=0, reason=f"not a readable Parquet file: {e}")
        return
    if not names & {"text", "html"}:
        yield Piece("reject", path, records=0, reason="Parquet file has neither a 'text' nor an 'html' column")
        return
    for lo in range(0, rows, size):
        hi = min(lo + size, rows)
        yield Piece("parquet", path, lo, hi, lo + 1, hi - lo)


# ---------------------------------------------------------------------- reading (worker) ------
def _decode(data: bytes, at_start: bool) -> str:
    """Like the local reader: UTF-8 (BOM allowed at the start of a file), else Windows-1252."""
    try:
        return data.decode("utf-8-sig" if at_start else "utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def record_to_raw(obj: Any, where: str) -> RawInput | Reject:
    """One input record (a JSON line or a Parquet row) checked the way ``parse_jsonl`` checks it."""
    if not isinstance(obj, dict):
        return Reject(where, "a JSON line must be an object with 'text' or 'html'")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return Reject(where, "record has neither 'text' nor 'html' as a string")
    rid = obj.get("id")
    return RawInput(
        ref=str(rid) if rid is not None else where,
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        date=str(obj["date"]) if obj.get("date") else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        source=obj.get("source") if isinstance(obj.get("source"), str) else None,
    )


def read_piece(p: Piece) -> Iterator[RawInput | Reject]:
    """The raw inputs of one piece, with the refs the local engine would give them."""
    if p.kind == "reject":
        yield Reject(p.path, p.reason)
        return
    if p.kind == "url":
        from khyber.ingest.sources import iter_sources

        yield from iter_sources([p.path])
        return
    if _kind(p.path) != "file":
        raise InputError(
            f"{p.path} is not visible on worker {socket.gethostname()}: inputs must be on storage every "
            "worker can read (an NFS mount at the same path, or an object-store URI)"
        )
    if p.kind == "jsonl":
        yield from _read_jsonl(p)
    elif p.kind == "parquet":
        yield from _read_parquet_rows(p)
    elif _is_uri(p.path):
        yield from _read_uri_file(p.path)
    else:
        yield from read_file(Path(p.path))


def _read_jsonl(p: Piece) -> Iterator[RawInput | Reject]:
    """The lines of one byte range, numbered as in the whole file so rejects name the right line."""
    with _open_read(p.path) as f:
        f.seek(p.start)
        data: bytes = f.read(p.end - p.start)
    for n, line in enumerate(_decode(data, p.start == 0).split("\n"), start=p.first):
        if not line.strip():
            continue
        where = f"{p.path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Reject(where, f"not valid JSON ({e.msg} at column {e.colno})")
            continue
        yield record_to_raw(obj, where)


def _read_parquet_rows(p: Piece) -> Iterator[RawInput | Reject]:
    """The rows of one range, reading only the row groups it overlaps."""
    import pyarrow.parquet as pq

    with _open_read(p.path) as f:
        pf = pq.ParquetFile(f)
        names = set(pf.schema_arrow.names)
        groups: list[int] = []
        row, offset = 0, 0
        for g in range(pf.metadata.num_row_groups):
            n = int(pf.metadata.row_group(g).num_rows)
            if row < p.end and row + n > p.start:
                if not groups:
                    offset = p.start - row
                groups.append(g)
            row += n
        table = pf.read_row_groups(groups, columns=[c for c in RECORD_FIELDS if c in names])
    for i, obj in enumerate(table.slice(offset, p.end - p.start).to_pylist()):
        yield record_to_raw(obj, f"{p.path}:{p.start + i + 1}")


def _read_uri_file(path: str) -> Iterator[RawInput | Reject]:
    """``read_file`` for a file in object storage."""
    try:
        data = _read_bytes(path)
    except OSError as e:
        yield Reject(path, f"cannot read file: {e.strerror or e}")
        return
    if b"\x00" in data[:4096]:
        yield Reject(path, "binary file, not text or HTML")
        return
    content = _decode(data, True)
    suffix = PurePosixPath(path).suffix.lower()
    if suffix == ".jsonl":
        yield from parse_jsonl(content, path)
    elif suffix in {".html", ".htm"}:
        yield RawInput(ref=path, html=content)
    else:
        yield parse_text_file(content, path)


# ---------------------------------------------------------------------- one task (worker) -----
@cache
def _arrow_schemas() -> dict[str, Any]:
    """Arrow schemas taken from the store's own DDL, so the parts load into DuckDB without casts."""
    from importlib import resources

    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    try:
        con.execute(resources.files("khyber.store").joinpath("schema.sql").read_text("utf-8"))
        out: dict[str, Any] = {}
        for table, columns in TABLES.items():
            if table == "rejects":
                out[table] = pa.schema([(c, pa.string()) for c in columns])
                continue
            sql = f"SELECT {', '.join(columns)} FROM {table} LIMIT 0"
            out[table] = con.sql(sql).to_arrow_table().schema
        return out
    finally:
        con.close()


def _arrow_table(table: str, rows: list[tuple[Any, ...]]) -> Any:
    """Rows as an Arrow table with the store's column types, also when there are none."""
    import pyarrow as pa

    schema = _arrow_schemas()[table]
    arrays = [pa.array([r[i] for r in rows], type=schema.field(i).type) for i in range(len(schema))]
    return pa.Table.from_arrays(arrays, schema=schema)


def _document_row(c: CodedDocument) -> tuple[Any, ...]:
    """A ``documents`` row in DOC_COLUMNS order, as ``Database.write_batch`` writes it."""
    d = c.document
    return (
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


def _check_run(out_dir: str, run_id: str, coder: str) -> None:
    """Fail loudly when a worker runs another khyber or does not see the driver's output directory."""
    if coder != CODER:
        raise KhyberError(
            f"worker {socket.gethostname()} runs {CODER} but the driver runs {coder}: "
            "install the same khyber version on every host"
        )
    marker = _join(out_dir, MARKER)
    for attempt in range(5):  # NFS clients may need a moment to see a file another host just wrote
        try:
            if json.loads(_read_bytes(marker)).get("run_id") == run_id:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.5 * (attempt + 1))
    raise StoreError(
        f"worker {socket.gethostname()} cannot see this run's output directory {out_dir}: "
        "--out must be on storage every worker shares (an NFS mount at the same path, or an object-store URI)"
    )


def process_partition(
    pieces: Partition,
    index: int,
    out_dir: str,
    run_id: str,
    coder: str,
    default_date: date | None = None,
    batch_size: int = 32,
) -> tuple[int, int, int]:
    """One task: read its pieces, run the shared pipeline, write one Parquet part per table."""
    from khyber.pipeline import run

    _check_run(out_dir, run_id, coder)
    docs: list[tuple[Any, ...]] = []
    sentences: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    rejects: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    raws = (raw for p in pieces for raw in read_piece(p))
    for item in run(raws, default_date=default_date, batch_size=batch_size):
        if isinstance(item, Reject):
            rejects.append((item.ref, item.reason, item.stage))
            continue
        doc_id = item.document.doc_id
        if doc_id in seen:  # the same article twice in one partition: keep the first, as write_batch does
            continue
        seen.add(doc_id)
        docs.append(_document_row(item))
        sentences.extend((s.doc_id, s.idx, s.start, s.end, s.text) for s in item.sentences)
        events.extend(event_row(e) for e in item.events)
    name = f"part-{index:05d}.parquet"
    for table, rows in (("documents", docs), ("sentences", sentences), ("events", events), ("rejects", rejects)):
        _write_parquet(_arrow_table(table, rows), _join(out_dir, table, name))
    return len(docs), len(events), len(rejects)


# ---------------------------------------------------------------------- the run (driver) ------
def _default_workers() -> int:
    """CPUs this process may use (the affinity mask, not the whole machine, inside containers)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _distributed() -> Any:
    """The ``distributed`` module, imported on first use (it is slow to import and not fully typed)."""
    import distributed

    return distributed


@contextmanager
def _connect(scheduler: str | None, n_workers: int | None) -> Iterator[Any]:
    """A client of the given scheduler, or of a LocalCluster of processes that lives as long as the run."""
    Client, LocalCluster = _distributed().Client, _distributed().LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as e:
            raise KhyberError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT)
            except TimeoutError:
                raise KhyberError(
                    f"no Dask worker joined {scheduler} within {WORKER_WAIT:.0f} s: "
                    f"start some with `dask worker {scheduler} --nthreads 1`"
                ) from None
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=n_workers or _default_workers(),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
    )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def _prepare_out(out_dir: str, run_id: str, srcs: Sequence[str], partitions: int) -> None:
    """Create the output tree, drop the parts of an earlier run there, and write the run marker."""
    if is_url(out_dir):
        raise UsageError(
            f"--out {out_dir}: must be a directory or a storage URI (s3://, gs://, hdfs://), not a web page"
        )
    stale = [p for t in TABLES for p in _parts(out_dir, t)]
    if stale and _kind(_join(out_dir, MARKER)) != "file":
        raise UsageError(f"{out_dir} holds Parquet parts that khyber did not write; choose another output directory")
    try:
        for p in stale:
            _remove(p)
        for t in TABLES:
            _makedirs(_join(out_dir, t))
    except OSError as e:
        raise UsageError(f"cannot prepare the output directory {out_dir}: {e}") from None
    _write_marker(out_dir, {"run_id": run_id, "coder": CODER, "sources": list(srcs), "partitions": partitions})


def _write_marker(out_dir: str, info: dict[str, Any]) -> None:
    """The run's identity card: workers check it, people read it later."""
    _write_bytes(_join(out_dir, MARKER), (json.dumps(info, indent=2, default=str) + "\n").encode("utf-8"))


def _describe(part: Partition) -> str:
    """Where a failed partition's input starts, for the error message."""
    if not part:
        return "no input"
    first = part[0]
    where = f"{first.path} bytes {first.start}-{first.end}" if first.kind == "jsonl" else first.path
    return where + (f" and {len(part) - 1} more" if len(part) > 1 else "")


def run_dask(
    srcs: list[str],
    out_dir: str,
    scheduler: str | None = None,
    n_workers: int | None = None,
    partition_size: int = 200,
    default_date: date | None = None,
    *,
    batch_size: int = 32,
    progress: Callable[[int, int], None] | None = None,
) -> DaskSummary:
    """Code the sources on a Dask cluster (a local one without ``scheduler``) into Parquet parts under ``out_dir``.

    ``progress(done, total)`` is called as partitions finish. Raises :class:`UsageError` for
    arguments that cannot work and :class:`KhyberError` when the cluster or a partition fails.
    """
    started = time.perf_counter()
    partitions = plan(srcs, partition_size) or [()]
    run_id = uuid.uuid4().hex[:12]
    _prepare_out(out_dir, run_id, srcs, len(partitions))
    n_docs = n_events = n_rejects = 0
    with _connect(scheduler, n_workers) as client:
        as_completed = _distributed().as_completed
        keys = [f"khyber-{run_id}-{i:05d}" for i in range(len(partitions))]
        futures = client.map(
            process_partition,
            partitions,
            list(range(len(partitions))),
            key=keys,
            retries=1,
            out_dir=out_dir,
            run_id=run_id,
            coder=CODER,
            default_date=default_date,
            batch_size=batch_size,
        )
        index = {f.key: i for i, f in enumerate(futures)}
        try:
            for done, fut in enumerate(as_completed(futures), start=1):
                try:
                    d, e, r = fut.result()
                except KhyberError:
                    raise
                except Exception as exc:
                    i = index[fut.key]
                    raise KhyberError(
                        f"partition {i:05d} ({_describe(partitions[i])}) failed on the cluster: "
                        f"{type(exc).__name__}: {exc} (is khyber installed in the same version on every worker?)"
                    ) from exc
                n_docs, n_events, n_rejects = n_docs + d, n_events + e, n_rejects + r
                if progress is not None:
                    progress(done, len(futures))
        except BaseException:
            client.cancel(futures)
            raise
    seconds = time.perf_counter() - started
    summary = DaskSummary(n_docs, n_events, n_rejects, len(partitions), seconds, out_dir)
    _write_marker(
        out_dir,
        {
            "run_id": run_id,
            "coder": CODER,
            "sources": list(srcs),
            "partitions": len(partitions),
            "documents": n_docs,
            "events": n_events,
            "rejects": n_rejects,
            "seconds": round(seconds, 3),
            "finished": datetime.now().isoformat(timespec="seconds"),
        },
    )
    return summary


# ---------------------------------------------------------------------- reading the output ----
def iter_rejects(out_dir: str) -> Iterator[Reject]:
    """The inputs a run refused, partition by partition, so a caller can report them."""
    for path in _parts(out_dir, "rejects"):
        for row in _read_parquet(path).to_pylist():
            yield Reject(row["ref"], row["reason"], row["stage"] or "ingest")


def load_parquet_into(db: Database, out_dir: str) -> tuple[int, int]:
    """Copy a run's Parquet parts into a khyber database; returns (new documents, new events).

    Partitions load in order, in one transaction, with the rules of ``Database.write_batch``: a
    document already stored is skipped with its sentences and events, so loading twice adds nothing.
    """
    import duckdb

    if db.read_only:
        raise StoreError(f"database {db.path} is open read-only")
    parts = {t: {PurePosixPath(p).name: p for p in _parts(out_dir, t)} for t in TABLES}
    names = sorted(set().union(*(set(v) for v in parts.values())))
    if not names:
        raise StoreError(f"{out_dir} holds no khyber Parquet output (documents/part-*.parquet)")
    con = db.con
    row = con.execute("SELECT count(*) FROM events").fetchone()
    events_before = int(row[0]) if row else 0
    new_docs = 0
    con.execute("BEGIN TRANSACTION")
    try:
        for name in names:
            tables = {t: _read_parquet(parts[t][name]) for t in TABLES if name in parts[t]}
            new_docs += _load_partition(con, tables)
        row = con.execute("SELECT count(*) FROM events").fetchone()
        con.execute("COMMIT")
    except duckdb.Error as e:
        rollback(con)
        raise StoreError(f"loading {out_dir} into {db.path} failed, nothing was loaded: {e}") from None
    return new_docs, (int(row[0]) if row else 0) - events_before


def _load_partition(con: Any, tables: dict[str, Any]) -> int:
    """Insert one partition's rows for documents not stored yet; returns how many documents were new."""
    for t in TABLES:
        if t in tables:
            con.register(f"_khyber_{t}", tables[t])
    try:
        new = 0
        if "documents" in tables:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _khyber_new AS SELECT DISTINCT doc_id FROM _khyber_documents"
                " WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
            )
            row = con.execute("SELECT count(*) FROM _khyber_new").fetchone()
            new = int(row[0]) if row else 0
            fresh = "doc_id IN (SELECT doc_id FROM _khyber_new)"
            _insert(con, "documents", DOC_COLUMNS, fresh, "doc_id")
            if "sentences" in tables:
                _insert(con, "sentences", SENT_COLUMNS, fresh, "doc_id, idx")
            if "events" in tables:
                _insert(con, "events", EVENT_COLUMN_NAMES, fresh, "event_id")
                con.execute(
                    "INSERT INTO event_reports (event_id, doc_id, report_event_id)"
                    f" SELECT DISTINCT event_id, doc_id, event_id FROM _khyber_events WHERE {fresh}"
                )
            con.execute("DROP TABLE _khyber_new")
        if "rejects" in tables:
            _insert(con, "rejects", REJECT_COLUMNS, "true", "ref, reason")
        return new
    finally:
        for t in tables:
            con.unregister(f"_khyber_{t}")


def _insert(con: Any, table: str, columns: Sequence[str], where: str, key: str) -> None:
    """INSERT the rows of a registered part, one per key, leaving rows already stored alone."""
    cols = ", ".join(columns)
    keep = "" if table in UNKEYED else " ON CONFLICT DO NOTHING"
    con.execute(
        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _khyber_{table} WHERE {where}"
        f" QUALIFY row_number() OVER (PARTITION BY {key}) = 1{keep}"
    )
