"""Verb and noun patterns (``data/patterns/verbs*.yml``, ``nouns*.yml``), indexed by head lemma.

Syntax is documented in ``data/README.md``. A pattern string that appears under two codes is an
error: a pattern must say one thing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from khyber.coding.datafiles import LINE, list_files, load_yaml
from khyber.coding.ontology import load_cameo
from khyber.errors import DataError

PREPOSITIONS = {
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "alongside",
    "amid",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "below",
    "beside",
    "between",
    "beyond",
    "by",
    "despite",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "outside",
    "over",
    "past",
    "per",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "with",
    "within",
    "without",
}
NOUN_ROLE_MARKERS = {"of=source", "of=target", "with=source", "from=target"}
# verb patterns whose subject receives: "Pakistan received its first cargo of Russian crude" is Russia's act
VERB_ROLE_MARKERS = {"subject=target"}


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    kind: str  # verb | noun
    head: str
    words: tuple[str, ...]  # verb: required dependents; noun: required modifiers
    target_prep: str | None
    needs_target: bool
    of_source: bool
    text: str
    where: str
    subject_target: bool = False  # the subject receives: source and target swap

    @property
    def specificity(self) -> int:
        return len(self.words)


def _parse(text: str, code: str, kind: str, where: str) -> Pattern:
    raw = text.strip()
    needs_target = raw.endswith("!")
    raw = raw.rstrip("!").strip()
    raw = re.sub(r"\[[^\]]*\]", " ", raw)
    words = [w for w in raw.lower().split() if w]
    markers = {w for w in words if "=" in w}
    for m in markers:
        if m not in (VERB_ROLE_MARKERS if kind == "verb" else NOUN_ROLE_MARKERS):
            raise DataError(f"{where}: unknown role marker {m!r} in pattern {text!r}")
    words = [w for w in words if "=" not in w]
    if not words:
        raise DataError(f"{where}: empty pattern under {code}")
    if kind == "verb":
        head, rest = words[0], tuple(words[1:])
        target_prep = rest[-1] if rest and rest[-1] in PREPOSITIONS else None
    else:
        # text order: modifiers, head, then prepositions (role hints)
        idx = max(i for i, w in enumerate(words) if w not in PREPOSITIONS or i == 0)
        head, rest = words[idx], tuple(words[:idx])
        trailing = [w for w in words[idx + 1 :] if w in PREPOSITIONS]
        target_prep = trailing[-1] if trailing else None
    return Pattern(
        code=code,
        kind=kind,
        head=head,
        words=rest,
        target_prep=target_prep,
        needs_target=needs_target,
        of_source="of=source" in markers,
        text=text.strip(),
        where=where,
        subject_target="subject=target" in markers,
    )


@dataclass
class PatternIndex:
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]
    count: int

    def vocabulary(self) -> set[str]:
        """Every head lemma, for the prefilter."""
        return set(self.verbs) | set(self.nouns)


def _load(prefix: str, kind: str, into: dict[str, list[Pattern]], seen: dict[tuple[str, str], str]) -> int:
    cameo = load_cameo()
    n = 0
    for rel in list_files("patterns"):
        name = rel.rsplit("/", 1)[-1]
        if not name.startswith(prefix):
            continue
        data: Any = load_yaml(rel)
        if data is None:
            continue
        if not isinstance(data, dict):
            raise DataError(f"{rel}:1: must map CAMEO codes to lists of patterns")
        line = data.get(LINE, 1)
        for code, pats in data.items():
            if code == LINE:
                continue
            code = str(code)
            where = f"{rel}:{line}"
            if code not in cameo:
                raise DataError(f"{where}: {code!r} is not a CAMEO code in ontology/cameo.tsv")
            if not isinstance(pats, list):
                raise DataError(f"{where}: code {code} must map to a list of pattern strings")
            for p in pats:
                if not isinstance(p, str):
                    raise DataError(f"{where}: pattern under {code} must be a string, got {p!r}")
                pat = _parse(p, code, kind, where)
                key = (kind, " ".join([pat.head, *pat.words]) + ("|" + (pat.target_prep or "")))
                if key in seen and seen[key] != code:
                    raise DataError(f"{rel}: pattern {p!r} is under both {seen[key]} and {code}")
                if key in seen:
                    continue
                seen[key] = code
                into[pat.head].append(pat)
                n += 1
    return n


@cache
def load_patterns() -> PatternIndex:
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    seen: dict[tuple[str, str], str] = {}
    n = _load("verbs", "verb", verbs, seen) + _load("nouns", "noun", nouns, seen)
    for idx in (verbs, nouns):
        for lst in idx.values():
            lst.sort(key=lambda p: -p.specificity)
    return PatternIndex(dict(verbs), dict(nouns), n)
