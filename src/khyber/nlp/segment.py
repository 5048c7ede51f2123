"""Sentence segmentation before parsing, and the prefilter that decides which sentences to parse.

Every document is cut into sentences by rule (line breaks, then a full stop, question or
exclamation mark before a capital, a digit or a quote, not after an abbreviation or an initial).
A sentence is parsed only when it can yield an event: it has a word that a verb or noun pattern
starts with (in any inflected form) and a word that can name an actor (a dictionary alias, a
role noun, or a pronoun or phrase that refers back to one). Other sentences are only tokenized:
their named actors still feed coreference. ``prefilter=False`` parses everything; the gold-set
test checks that both give the same events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_BOUNDARY = re.compile(r"([.!?][\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[a-z][a-z'’-]*")
_DATELINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+)?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?::|-{1,2}|\u2013|\u2014))"
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Datelines at the start of paragraphs ("KABUL, March 20 (Wire) -", "PESHAWAR:")."""
    return [(m.start(1), m.end(1)) for m in _DATELINE.finditer(text)]


REFERRING = {
    "he",
    "she",
    "him",
    "her",
    "his",
    "it",
    "its",
    "they",
    "them",
    "their",
    "we",
    "our",
    "us",
    "i",
    "who",
    "which",
    "whom",
    "whose",
    "both",
    "sides",
    "side",
    "countries",
    "nations",
    "neighbours",
    "neighbors",
    "governments",
    "group",
    "outfit",
    "organisation",
    "organization",
    "militia",
    "movement",
    "network",
    "faction",
    "fund",
    "bloc",
    "body",
    "agency",
    "alliance",
    "mission",
    "council",
    "union",
    "islamists",
    "hardliners",
}


@cache
def abbreviations() -> frozenset[str]:
    text = resources.files("khyber").joinpath("data/abbreviations.txt").read_text("utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences; together they cover the text exactly."""
    spans: list[tuple[int, int]] = []
    abbr = abbreviations()
    for line in re.finditer(r"[^\n]*\n*", text):
        ls, le = line.start(), line.end()
        if ls == le:
            continue
        start = ls
        for m in _BOUNDARY.finditer(text, ls, le):
            before = text[start : m.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in abbr or (len(last) == 1 and last.isalpha()):
                continue
            spans.append((start, m.end()))
            start = m.end()
        if start < le:
            spans.append((start, le))
    return spans


@dataclass(frozen=True)
class Prefilter:
    triggers: frozenset[str]

    def wants(self, text: str, has_actor: bool) -> bool:
        words = set(_WORD.findall(text.lower()))
        if not words & self.triggers:
            return False
        return has_actor or bool(words & REFERRING)


def _inflections(lemma: str, kind: str) -> Iterator[str]:
    yield lemma
    if kind == "noun":
        yield lemma + "s"
        yield lemma + "es"
        if lemma.endswith("y"):
            yield lemma[:-1] + "ies"
        return
    base = lemma[:-1] if lemma.endswith("e") else lemma
    yield lemma + "s"
    yield lemma + "es"
    yield lemma + "d"
    yield lemma + "ed"
    yield base + "ing"
    yield base + "ed"
    if lemma.endswith("y"):
        yield lemma[:-1] + "ies"
        yield lemma[:-1] + "ied"
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        yield lemma + lemma[-1] + "ed"
        yield lemma + lemma[-1] + "ing"
    if lemma.endswith("ie"):
        yield lemma[:-2] + "ying"


@cache
def load_prefilter() -> Prefilter:
    """Every form of every pattern's head word: regular inflections by rule, irregular ones from the
    spaCy model's own lemmatizer exceptions (so "met", "held", "struck" are known)."""
    from khyber.coding.patterns import load_patterns
    from khyber.nlp.parser import load_nlp

    idx = load_patterns()
    forms: set[str] = set()
    for lemma in idx.verbs:
        forms.update(_inflections(lemma, "verb"))
    for lemma in idx.nouns:
        forms.update(_inflections(lemma, "noun"))
    heads = set(idx.verbs) | set(idx.nouns)
    try:
        lookups: Any = load_nlp().get_pipe("lemmatizer").lookups
        exc = lookups.get_table("lemma_exc")
        for pos in ("verb", "noun"):
            for form, lemmas in exc.get(pos, {}).items():
                if any(lem in heads for lem in lemmas):
                    forms.add(form.lower())
    except (KeyError, ValueError):  # a model without exception tables: regular forms only
        pass
    return Prefilter(frozenset(f for form in forms for f in (form, form.replace("-", ""))))
