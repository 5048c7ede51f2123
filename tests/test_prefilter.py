"""The prefilter parses only sentences that can yield an event; it must not lose any event."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from khyber.evaluate import read_gold
from khyber.ingest.extract import parse_date, to_document
from khyber.ingest.sources import iter_sources
from khyber.nlp.segment import load_prefilter, sentences
from khyber.pipeline import code_documents
from khyber.records import CodedDocument, Document, Reject

from .conftest import FIXTURES

GOLD = Path(__file__).resolve().parent / "gold" / "events.jsonl"


def event_ids(docs: list[Document], prefilter: bool) -> set[str]:
    out = [c for c in code_documents(docs, prefilter=prefilter) if isinstance(c, CodedDocument)]
    return {e.event_id for c in out for e in c.events}


def test_same_events_with_and_without_the_prefilter_on_the_gold_set():
    rows = read_gold(GOLD)
    docs = [
        Document(
            Document.make_id(r["text"], str(r["id"])), str(r["id"]), r["text"], published=parse_date(r.get("date"))
        )
        for r in rows
    ]
    with_pf = event_ids(docs, True)
    assert with_pf == event_ids(docs, False)
    assert len(with_pf) > 500


def test_same_events_on_multi_paragraph_pages():
    raws = [r for r in iter_sources([str(FIXTURES)]) if not isinstance(r, Reject)]
    docs = [d for d in (to_document(r) for r in raws) if isinstance(d, Document)]
    assert event_ids(docs, True) == event_ids(docs, False)


def test_prefilter_knows_irregular_forms_and_skips_background():
    pf = load_prefilter()
    assert pf.wants("Pakistani jets struck hideouts in Khost.", has_actor=True)
    assert pf.wants("He met the envoy on Monday.", has_actor=False)  # a pronoun may name an actor
    assert not pf.wants("The weather in Quetta stayed cold and dry for the third week.", has_actor=False)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc. ABC\n!?\"'")), max_size=120))
def test_sentences_cover_the_text_exactly(text):
    spans = sentences(text)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(a < b for a, b in spans)
