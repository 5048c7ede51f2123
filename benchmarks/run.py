"""khyber benchmarks (``make bench``): throughput of each stage and end to end, against bare spaCy.

Everything is measured in ONE run on the same documents, so ratios hold on a noisy machine:
a. bare spaCy: the same model's full ``nlp.pipe`` over the clean texts (the baseline);
b. khyber end to end: HTML in, events in DuckDB out;
c. each stage alone: extract (HTML → clean text), parse, code, store.
Prints a table and writes ``benchmarks/results/<date>.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from khyber import CODER
from khyber.cli import samples_dir

RESULTS = Path(__file__).resolve().parent / "results"


def corpus(n_docs: int) -> list[tuple[str, str]]:
    """The sample pages, repeated with a varying line so each copy is a distinct document."""
    pages = sorted((samples_dir() / "html").glob("*.html"))
    base = [(p.name, p.read_text("utf-8")) for p in pages]
    out = []
    for i in range(n_docs):
        name, html = base[i % len(base)]
        if i >= len(base):
            html = html.replace("</article>", f"<p>Copy {i} of this sample article, for benchmarking.</p></article>", 1)
        out.append((f"{name}#{i}", html))
    return out


def timed(fn: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=300, help="documents in the corpus (default 300)")
    args = ap.parse_args(argv)

    import spacy

    from khyber.ingest.extract import to_document
    from khyber.nlp.parser import MODELS, load_nlp
    from khyber.pipeline import get_coder, run
    from khyber.records import CodedDocument, Document, RawInput
    from khyber.store.db import Database

    docs_html = corpus(args.docs)
    raws = [RawInput(ref=name, html=html) for name, html in docs_html]
    nlp = load_nlp()
    get_coder()

    # c1. extract
    docs, t_extract = timed(lambda: [d for d in (to_document(r) for r in raws) if isinstance(d, Document)])
    texts = [d.text for d in docs]
    n_chars = sum(len(t) for t in texts)

    # a. bare spaCy, full pipeline of the same model
    full = None
    for name in MODELS:
        try:
            full = spacy.load(name)
            break
        except OSError:
            continue
    assert full is not None
    parsed_full, t_bare = timed(lambda: list(full.pipe(texts, batch_size=64)))
    n_tokens = sum(len(d) for d in parsed_full)
    del parsed_full

    # c2. parse (khyber's pipeline: no NER) and c3. code
    parsed, t_parse = timed(lambda: list(nlp.pipe(texts, batch_size=64)))
    coder = get_coder()
    coded, t_code = timed(lambda: [coder.code(d, p) for d, p in zip(docs, parsed, strict=True)])
    n_events = sum(len(ev) for _s, ev in coded)
    n_sents = sum(len(s) for s, _ev in coded)

    # c4. store
    items = [CodedDocument(d, tuple(s), tuple(ev)) for d, (s, ev) in zip(docs, coded, strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "b.duckdb"))
        _, t_store = timed(lambda: [db.write_batch(items[i : i + 64]) for i in range(0, len(items), 64)])
        db.close()

        # b. end to end: HTML in, events in DuckDB out
        def end_to_end() -> int:
            db2 = Database(str(Path(tmp) / "e2e.duckdb"))
            batch: list[Any] = []
            n = 0
            for item in run(iter(raws)):
                batch.append(item)
                if len(batch) >= 64:
                    n += db2.write_batch(batch)[1]
                    batch = []
            n += db2.write_batch(batch)[1]
            db2.close()
            return n

        n_e2e, t_e2e = timed(end_to_end)

    rows = [
        ("bare spaCy (full pipeline, clean text)", t_bare),
        ("khyber end to end (HTML → DuckDB)", t_e2e),
        ("stage: extract (trafilatura)", t_extract),
        ("stage: parse (no NER)", t_parse),
        ("stage: code", t_code),
        ("stage: store", t_store),
    ]
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "coder": CODER,
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": _cpus()},
        "corpus": {
            "documents": len(docs),
            "characters": n_chars,
            "tokens": n_tokens,
            "sentences": n_sents,
            "events": n_events,
            "events_end_to_end": n_e2e,
        },
        "seconds": {name: round(t, 3) for name, t in rows},
        "tokens_per_second": {name: round(n_tokens / t, 1) for name, t in rows},
        "ratios": {
            "end_to_end_vs_bare_spacy": round(t_bare / t_e2e, 3),
            "code_share_of_parse_plus_code": round(t_code / (t_parse + t_code), 3),
        },
        "coding_sentences_per_second": round(n_sents / t_code, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{datetime.now():%Y-%m-%d}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"khyber benchmark: {len(docs)} documents, {n_tokens:,} tokens, {n_events} events ({CODER})")
    print(f"{'measure':<42} {'seconds':>9} {'tokens/s':>12}")
    for name, t in rows:
        print(f"{name:<42} {t:>9.2f} {n_tokens / t:>12,.0f}")
    print(
        f"end to end vs bare spaCy: {result['ratios']['end_to_end_vs_bare_spacy']:.2f}x; "
        f"coding alone: {result['coding_sentences_per_second']:,.0f} sentences/s"
    )
    print(f"written to {out}")
    return 0


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    raise SystemExit(main())
