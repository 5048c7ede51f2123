"""Records that cross stage boundaries: frozen, typed, hashable; sequences are tuples.

spaCy objects never leave ``nlp/`` and ``coding/``; these types are what the store, the API and
the exports see.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable id from content, so re-running a stage upserts instead of duplicating."""
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as found: text or HTML plus what the source says about it."""

    ref: str
    text: str | None = None
    html: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that was refused, and why; stored so nothing is lost silently."""

    ref: str
    reason: str
    stage: str = "ingest"


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: the text every span refers to."""

    doc_id: str
    ref: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    lang: str = "en"

    @staticmethod
    def make_id(text: str, url: str | None = None) -> str:
        return content_hash(url or "", " ".join(text.split()))


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    idx: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as it stands in an event: the words and what they resolve to."""

    text: str
    actor_id: str | None
    name: str
    code: str
    country: str
    role: str
    start: int = -1
    end: int = -1

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "actor_id": self.actor_id,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "role": self.role,
        }


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its evidence. ``as_dict`` is the JSON contract of DESIGN.md."""

    event_id: str
    doc_id: str
    doc_ref: str
    date: date | None
    source: Actor
    target: Actor | None
    cameo: str
    cameo_name: str
    quad_class: int
    goldstein: float
    plover_type: str
    plover_mode: str
    sectors: tuple[str, ...]
    negated: bool
    hypothetical: bool
    location: Location | None
    trigger: str
    sentence: str
    sentence_index: int
    span: tuple[int, int]
    confidence: float
    coder: str
    intent: bool = False
    pattern: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def as_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "doc_ref": self.doc_ref,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source.as_dict(),
            "target": self.target.as_dict() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "cameo_name": self.cameo_name,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"type": self.plover_type, "mode": self.plover_mode or None},
            "sectors": list(self.sectors),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "intent": self.intent,
            "location": self.location.as_dict() if self.location else None,
            "trigger": self.trigger,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "span": list(self.span),
            "confidence": self.confidence,
            "coder": self.coder,
        }


@dataclass(frozen=True, slots=True)
class CodedDocument:
    """A document after coding: what the store writes in one go."""

    document: Document
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    parse: bytes | None = None  # the spaCy parse (DocBin), for recoding without parsing again
