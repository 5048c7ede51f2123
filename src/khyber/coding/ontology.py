"""The CAMEO ontology table (``data/ontology/cameo.tsv``): names, weights, quad classes, PLOVER."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from khyber.coding.datafiles import data_file
from khyber.errors import DataError

COLUMNS = ["code", "name", "root", "goldstein", "quad_class", "plover_type", "plover_mode", "description"]


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover_type: str
    plover_mode: str
    description: str


@cache
def load_cameo() -> dict[str, CameoCode]:
    rel = "ontology/cameo.tsv"
    text = data_file(rel).read_text("utf-8")
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    header = next(reader)
    if header != COLUMNS:
        raise DataError(f"{rel}:1: header must be {' '.join(COLUMNS)}")
    out: dict[str, CameoCode] = {}
    for n, row in enumerate(reader, start=2):
        if not row or not row[0].strip():
            continue
        if len(row) != len(COLUMNS):
            raise DataError(f"{rel}:{n}: expected {len(COLUMNS)} tab-separated columns, found {len(row)}")
        code = row[0].strip()
        try:
            rec = CameoCode(code, row[1], row[2], float(row[3]), int(row[4]), row[5], row[6], row[7])
        except ValueError as e:
            raise DataError(f"{rel}:{n}: {e}") from None
        if not code.isdigit() or code[:2] != rec.root or rec.quad_class not in (1, 2, 3, 4):
            raise DataError(f"{rel}:{n}: code {code!r} does not fit its root or quad class")
        if code in out:
            raise DataError(f"{rel}:{n}: code {code} appears twice")
        out[code] = rec
    return out


def lookup(code: str) -> CameoCode:
    """A code's record; a code missing from the table falls back to its parent, then its root."""
    table = load_cameo()
    for c in (code, code[:3], code[:2] + "0", code[:2]):
        if c in table:
            return table[c]
    raise DataError(f"CAMEO code {code!r} is not in ontology/cameo.tsv")
