"""Sectors of an event: counterterrorism, trade, diplomacy, people-to-people, border."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from khyber.coding.datafiles import LINE, load_yaml
from khyber.errors import DataError

SECTORS = ("counterterrorism", "trade", "diplomacy", "people-to-people", "border")


@dataclass(frozen=True)
class SectorRule:
    name: str
    words: frozenset[str]
    phrases: re.Pattern[str] | None
    roles: frozenset[str]
    kinds: frozenset[str]
    codes: tuple[str, ...]


@cache
def load_sectors() -> tuple[SectorRule, ...]:
    rel = "sectors.yml"
    d: Any = load_yaml(rel)
    rules = []
    for name in SECTORS:
        spec = d.get(name) if isinstance(d, dict) else None
        if not isinstance(spec, dict):
            raise DataError(f"{rel}: sector {name!r} is missing")
        words = [str(w).lower() for w in spec.get("words") or []]
        single = frozenset(w for w in words if " " not in w and "'" not in w)
        multi = [w for w in words if w not in single]
        rx = re.compile(r"\b(" + "|".join(re.escape(w) for w in multi) + r")\b") if multi else None
        rules.append(
            SectorRule(
                name,
                single,
                rx,
                frozenset(spec.get("roles") or []),
                frozenset(spec.get("kinds") or []),
                tuple(str(c) for c in spec.get("codes") or []),
            )
        )
        spec.pop(LINE, None)
    return tuple(rules)


def sectors_for(
    cameo: str, sentence_words: set[str], sentence_lower: str, roles: set[str], kinds: set[str]
) -> tuple[str, ...]:
    """Sectors in contract order; an event may have several or none."""
    out = []
    for r in load_sectors():
        if (
            (r.words & sentence_words)
            or (r.phrases is not None and r.phrases.search(sentence_lower))
            or (r.roles & roles)
            or (r.kinds & kinds)
            or any(cameo.startswith(c) for c in r.codes)
        ):
            out.append(r.name)
    return tuple(out)
