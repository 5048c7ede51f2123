"""The parse cache: spaCy parses kept as DocBin bytes, so ``khyber recode`` can re-code stored
documents after a change to the data files without parsing them again."""

from __future__ import annotations

from typing import Any

ATTRS = ["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "SENT_START", "SPACY", "MORPH"]


def to_bytes(doc: Any) -> bytes:
    from spacy.tokens import DocBin

    db = DocBin(attrs=ATTRS, store_user_data=False)
    db.add(doc)
    data: bytes = db.to_bytes()
    return data


def from_bytes(data: bytes, vocab: Any) -> Any:
    from spacy.tokens import DocBin

    docs = list(DocBin().from_bytes(data).get_docs(vocab))
    return docs[0]
