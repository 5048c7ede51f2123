"""The one place that chains the stages; the CLI, the HTTP API and the Dask engine call it.

sources → documents (clean) → parse (spaCy, batched) → code (actors, events) → store.
Every stage streams: memory does not grow with the size of the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from khyber.coding.coder import Coder
from khyber.ingest.extract import parse_date, to_document
from khyber.records import CodedDocument, Document, Event, RawInput, Reject

if TYPE_CHECKING:
    from khyber.store.db import Database

T = TypeVar("T")

_CODER: Coder | None = None


def get_coder() -> Coder:
    """The process's coder, built once (dictionary, patterns and ontology compiled)."""
    global _CODER
    if _CODER is None:
        _CODER = Coder()
    return _CODER


def documents(raws: Iterable[RawInput | Reject], default_date: date | None = None) -> Iterator[Document | Reject]:
    """Clean each raw input; rejects pass through so the caller can record them."""
    for raw in raws:
        if isinstance(raw, Reject):
            yield raw
            continue
        doc = to_document(raw)
        if isinstance(doc, Document) and doc.published is None and default_date is not None:
            doc = Document(doc.doc_id, doc.ref, doc.text, doc.title, default_date, doc.url, doc.source, doc.lang)
        yield doc


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


PREFILTER = True


def parse_documents(
    texts: list[str], prefilter: bool | None = None, batch_size: int = 64, matches: list[list[Any]] | None = None
) -> list[Any]:
    """Segment, then parse only the sentences that can yield an event (all with ``prefilter=False``);
    the others are tokenized. Returns one spaCy Doc per text, the document's whole text. ``matches``
    are the texts' dictionary matches when the caller has them already (the coder needs them too)."""
    from bisect import bisect_left

    from spacy.tokens import Doc

    from khyber.nlp.parser import load_nlp
    from khyber.nlp.segment import load_prefilter, sentences

    nlp = load_nlp()
    pf = load_prefilter() if (PREFILTER if prefilter is None else prefilter) else None
    dictionary = get_coder().dict
    plans: list[list[tuple[str, bool]]] = []
    wanted: list[str] = []
    for n, text in enumerate(texts):
        spans = sentences(text)
        found = matches[n] if matches is not None else (dictionary.find(text) if pf else [])
        starts = sorted(m.start for m in found)
        parts = []
        for a, b in spans:
            chunk = text[a:b]
            i = bisect_left(starts, a)
            want = pf is None or pf.wants(chunk, i < len(starts) and starts[i] < b)
            parts.append((chunk, want))
            if want:
                wanted.append(chunk)
        plans.append(parts)
    parsed = iter(nlp.pipe(wanted, batch_size=batch_size))
    out = []
    for parts in plans:
        subs = [next(parsed) if want else _tokenized(nlp, chunk) for chunk, want in parts]
        # the stubs predate from_docs' `exclude`; the tensors of parsed and tokenized parts do not concatenate
        join: Any = Doc.from_docs
        out.append(join(subs, ensure_whitespace=False, exclude=["tensor", "user_data"]) if subs else nlp.make_doc(""))
    return out


def _tokenized(nlp: Any, text: str) -> Any:
    """A sentence that is not parsed: tokens only, one flat tree, so sentence bounds hold."""
    from spacy.tokens import Doc

    toks = nlp.make_doc(text)
    n = len(toks)
    return Doc(
        nlp.vocab,
        words=[t.text for t in toks],
        spaces=[bool(t.whitespace_) for t in toks],
        heads=[0] * n,
        deps=["ROOT"] + ["unparsed"] * (n - 1),
    )


def code_documents(
    docs: Iterable[Document | Reject],
    batch_size: int = 32,
    keep_parse: bool = False,
    prefilter: bool | None = None,
) -> Iterator[CodedDocument | Reject]:
    """Parse in batches and code; a document that breaks the coder is rejected, not fatal."""
    from khyber.nlp.cache import to_bytes

    coder = get_coder()
    for batch in _batches(docs, batch_size):
        good = [d for d in batch if isinstance(d, Document)]
        found = [coder.dict.find(d.text, d.published) for d in good]  # once: for the prefilter and the coder
        parsed = iter(parse_documents([d.text for d in good], prefilter, batch_size, matches=found))
        found_iter = iter(found)
        for item in batch:
            if isinstance(item, Reject):
                yield item
                continue
            sp = next(parsed)
            try:
                sentences, events = coder.code(item, sp, next(found_iter))
            except Exception as e:  # a coder bug must not lose the rest of the batch
                yield Reject(item.ref, f"coding failed: {type(e).__name__}: {e}", stage="code")
                continue
            yield CodedDocument(item, tuple(sentences), tuple(events), to_bytes(sp) if keep_parse else None)


def run(
    raws: Iterable[RawInput | Reject],
    default_date: date | None = None,
    batch_size: int = 32,
    keep_parse: bool = False,
) -> Iterator[CodedDocument | Reject]:
    """Sources to coded documents, streaming."""
    yield from code_documents(documents(raws, default_date), batch_size=batch_size, keep_parse=keep_parse)


def recode_parsed(document: Document, parse: bytes) -> CodedDocument:
    """Code a stored document again from its cached parse (after the data files changed)."""
    from khyber.nlp.cache import from_bytes
    from khyber.nlp.parser import load_vocab

    doc = from_bytes(parse, load_vocab())
    sentences, events = get_coder().code(document, doc)
    return CodedDocument(document, tuple(sentences), tuple(events), parse)


def extract_one(text_or_html: str, date: str | None = None, url: str | None = None) -> list[Event]:
    """Code one text or page in memory (the Python API's ``khyber.extract``)."""
    from khyber.ingest.sources import _from_stream

    raws = list(_from_stream(text_or_html, ref=url or "<text>"))
    fixed = [
        RawInput(r.ref, r.text, r.html, date or r.date, url or r.url, r.title, r.source)
        if isinstance(r, RawInput)
        else r
        for r in raws
    ]
    out: list[Event] = []
    for item in run(fixed, default_date=parse_date(date)):
        if isinstance(item, Reject):
            from khyber.errors import InputError

            raise InputError(f"{item.ref}: {item.reason}")
        out.extend(item.events)
    return out


def _work(chunk: list[RawInput | Reject], default_date: date | None, keep_parse: bool) -> list[CodedDocument | Reject]:
    """One worker task: the same stages as the single-process path, on a chunk of inputs."""
    return list(run(chunk, default_date=default_date, keep_parse=keep_parse))


def default_workers() -> int:
    """The processors this process may use (containers and taskset included)."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_parallel(
    raws: Iterable[RawInput | Reject],
    workers: int | None = None,
    default_date: date | None = None,
    keep_parse: bool = False,
    chunk_size: int = 16,
    pool: bool = False,
) -> Iterator[CodedDocument | Reject]:
    """Sources to coded documents on a local process pool, in input order, streaming: at most
    ``2 × workers`` chunks are in flight, so memory does not grow with the corpus."""
    import multiprocessing as mp
    from concurrent.futures import Future, ProcessPoolExecutor

    n = workers or default_workers()
    if n <= 1 and not pool:  # one worker: in this process (``pool=True`` measures the pool's own cost)
        yield from run(raws, default_date=default_date, keep_parse=keep_parse)
        return
    import os

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one BLAS thread a worker: n workers on n cores, not n × n threads
    pending: list[Future[list[CodedDocument | Reject]]] = []
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as executor:
        for chunk in _batches(raws, chunk_size):
            pending.append(executor.submit(_work, chunk, default_date, keep_parse))
            while len(pending) >= 2 * n:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()


def recode_database(db: Database) -> tuple[int, int, int, int]:
    """Re-code every stored document with the current data files, from its cached parse (documents
    stored before the cache existed are parsed once and their parse kept); merges are redone.
    Returns (documents, parsed again, events, merged)."""
    from khyber.store.db import MODEL_TAG, PARSE_COLUMNS
    from khyber.store.merge import merge_events, unmerge_all

    run_id = db.start_run("recode")
    n_docs = n_events = reparsed = 0
    for batch in db.stored_parses():
        coded = [recode_parsed(d, parse) for d, parse in batch if parse is not None]
        missing = [d for d, parse in batch if parse is None]
        if missing:
            fresh = [c for c in code_documents(missing, keep_parse=True) if isinstance(c, CodedDocument)]
            db._bulk("parses", PARSE_COLUMNS, [(c.document.doc_id, MODEL_TAG, c.parse) for c in fresh if c.parse])
            coded.extend(fresh)
            reparsed += len(fresh)
        n_events += db.replace_events(coded)
        n_docs += len(coded)
    unmerge_all(db)
    merged = merge_events(db)
    db.finish_run(run_id, n_docs, 0, n_events, 0)
    return n_docs, reparsed, n_events, merged
