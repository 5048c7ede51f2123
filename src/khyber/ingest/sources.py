"""Turn what the user points at (files, directories, globs, JSONL, URLs, stdin) into raw inputs.

Every problem becomes a :class:`Reject` with one clear line; the rest of the batch goes on.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from khyber.records import RawInput, Reject

SUFFIXES = {".html", ".htm", ".txt", ".jsonl", ".text"}
HEADER_KEYS = {"title", "date", "source", "url", "id"}


def is_url(src: str) -> bool:
    return src.startswith(("http://", "https://"))


def iter_sources(srcs: Iterable[str], stdin: IO[str] | None = None) -> Iterator[RawInput | Reject]:
    """Expand each SRC in order; a SRC that names nothing is rejected, not fatal."""
    for src in srcs:
        if src == "-":
            yield from _from_stream((stdin or sys.stdin).read(), ref="<stdin>")
        elif is_url(src):
            from khyber.ingest.fetch import fetch

            yield fetch(src)
        else:
            yield from _from_path_or_glob(src)


def _from_path_or_glob(src: str) -> Iterator[RawInput | Reject]:
    path = Path(src)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not files:
            yield Reject(src, "directory has no .html, .htm, .txt or .jsonl files")
        for f in files:
            yield from read_file(f)
    elif path.is_file():
        yield from read_file(path)
    elif any(ch in src for ch in "*?["):
        matches = sorted(glob.glob(src, recursive=True))  # noqa: PTH207 - absolute and relative patterns alike
        if not matches:
            yield Reject(src, "pattern matches no files")
        for m in matches:
            if Path(m).is_file():
                yield from read_file(Path(m))
    else:
        yield Reject(src, "no such file or directory")


def read_file(path: Path) -> Iterator[RawInput | Reject]:
    ref = str(path)
    if path.suffix.lower() == ".jsonl":
        yield from _stream_jsonl(path, ref)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Reject(ref, f"cannot read file: {e.strerror or e}")
        return
    if b"\x00" in data[:4096]:
        yield Reject(ref, "binary file, not text or HTML")
        return
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = data.decode("cp1252", errors="replace")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from parse_jsonl(content, ref)
    elif suffix in {".html", ".htm"}:
        yield RawInput(ref=ref, html=content)
    else:
        yield parse_text_file(content, ref)


def _stream_jsonl(path: Path, ref: str) -> Iterator[RawInput | Reject]:
    """JSON lines read one line at a time: an archive of any size in constant memory."""
    try:
        with path.open("r", encoding="utf-8-sig", errors="replace") as f:
            for n, line in enumerate(f, start=1):
                yield from parse_jsonl(line, ref, first_line=n)
    except OSError as e:
        yield Reject(ref, f"cannot read file: {e.strerror or e}")


def _from_stream(content: str, ref: str) -> Iterator[RawInput | Reject]:
    stripped = content.lstrip()
    if stripped.startswith("{"):
        yield from parse_jsonl(content, ref)
    elif stripped[:15].lower().startswith(("<!doctype", "<html")) or "</p>" in content[:20000]:
        yield RawInput(ref=ref, html=content)
    else:
        yield parse_text_file(content, ref)


def parse_text_file(content: str, ref: str) -> RawInput:
    """Plain text, with an optional header block of ``Key: value`` lines (Title, Date, Source, URL)
    ended by a blank line; the body is kept character for character."""
    meta: dict[str, str] = {}
    offset = 0
    body_start = None
    for line in content.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            if meta:
                body_start = offset + len(line)
            break
        key, sep, value = stripped.partition(":")
        if not sep or key.strip().lower() not in HEADER_KEYS:
            break
        meta[key.strip().lower()] = value.strip()
        offset += len(line)
    if body_start is None:
        meta = {}
    body = content[body_start:] if body_start is not None else content
    return RawInput(
        ref=meta.get("id") or ref,
        text=body,
        date=meta.get("date"),
        url=meta.get("url"),
        title=meta.get("title"),
        source=meta.get("source"),
    )


def parse_jsonl(content: str, ref: str, first_line: int = 1) -> Iterator[RawInput | Reject]:
    """Records ``{"id", "text" | "html", "date", "url", "title"}``; a bad line is rejected by number."""
    # split on newlines only: JSON strings may hold U+2028 and other characters splitlines() breaks on
    for n, line in enumerate(content.rstrip("\n").split("\n"), start=first_line):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{ref}:{n}"
        try:
            obj: Any = json.loads(line)
        except json.JSONDecodeError as e:
            yield Reject(where, f"not valid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(obj, dict):
            yield Reject(where, "a JSON line must be an object with 'text' or 'html'")
            continue
        text, html = obj.get("text"), obj.get("html")
        if not isinstance(text, str) and not isinstance(html, str):
            yield Reject(where, "record has neither 'text' nor 'html' as a string")
            continue
        rid = obj.get("id")
        yield RawInput(
            ref=str(rid) if rid is not None else where,
            text=text if isinstance(text, str) else None,
            html=html if isinstance(html, str) and not isinstance(text, str) else None,
            date=str(obj["date"]) if obj.get("date") else None,
            url=obj.get("url") if isinstance(obj.get("url"), str) else None,
            title=obj.get("title") if isinstance(obj.get("title"), str) else None,
            source=obj.get("source") if isinstance(obj.get("source"), str) else None,
        )
