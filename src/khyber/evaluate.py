"""Measure the coder against gold sets (``khyber evaluate GOLD.jsonl``).

Event gold lines: ``{"id", "text", "date", "expected": [{"source", "target", "code"}], "no_event"}``.
Scores at three levels, matching each expected event to at most one coded event of its sentence:
- ``root``: the CAMEO root agrees;
- ``root+dyad``: the root agrees and both actors agree at country level (first three letters);
- ``full``: the full CAMEO code agrees and each expected actor code is a prefix of the coded one.
Negated and hypothetical events count like any other (they are kept in output); how often their
flags agree with the gold is reported apart.

Actor gold lines: ``{"id", "text", "date", "mentions": [{"text", "code", "actor_id"}]}``; a mention is
right when a coded actor phrase covering its text has the expected code (and id, when given).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from khyber.errors import InputError

Key = Callable[[dict[str, Any], dict[str, Any]], bool]


def _country(code: str | None) -> str:
    return (code or "")[:3]


def _prefix(expected: str | None, got: str | None) -> bool:
    if not expected:
        return not got
    return bool(got) and str(got).startswith(expected)


def _lvl_root(e: dict[str, Any], p: dict[str, Any]) -> bool:
    return bool(str(e["code"])[:2] == p["root"])


def _lvl_dyad(e: dict[str, Any], p: dict[str, Any]) -> bool:
    return (
        _lvl_root(e, p)
        and _country(e.get("source")) == _country(p["source"])
        and _country(e.get("target")) == _country(p["target"])
    )


def _lvl_full(e: dict[str, Any], p: dict[str, Any]) -> bool:
    return (
        str(e["code"]) == p["cameo"] and _prefix(e.get("source"), p["source"]) and _prefix(e.get("target"), p["target"])
    )


LEVELS: dict[str, Key] = {"root": _lvl_root, "root+dyad": _lvl_dyad, "full": _lvl_full}


def _match(expected: list[dict[str, Any]], predicted: list[dict[str, Any]], key: Key) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for i, e in enumerate(expected):
        for j, p in enumerate(predicted):
            if j not in used and key(e, p):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "predicted": n_pred,
        "gold": n_gold,
    }


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as e:
        raise InputError(f"cannot read gold file {path}: {e.strerror or e}") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}: not valid JSON ({e.msg})") from None
        if not isinstance(obj, dict) or not ("text" in obj or ("a" in obj and "b" in obj)):
            raise InputError(f"{path}:{n}: a gold line needs 'text' (or 'a' and 'b' for merge pairs)")
        rows.append(obj)
    return rows


def code_gold(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Code each gold text as its own document; returns simplified events per line."""
    from khyber.ingest.extract import parse_date
    from khyber.pipeline import code_documents
    from khyber.records import CodedDocument, Document

    rows = list(rows)
    docs = [
        Document(
            Document.make_id(r["text"], str(r.get("id"))),
            str(r.get("id")),
            r["text"],
            published=parse_date(r.get("date")),
        )
        for r in rows
    ]
    out: list[list[dict[str, Any]]] = []
    for item in code_documents(docs):
        if not isinstance(item, CodedDocument):
            out.append([])
            continue
        out.append(
            [
                {
                    "root": e.root,
                    "cameo": e.cameo,
                    "source": e.source.code,
                    "target": e.target.code if e.target else None,
                    "negated": e.negated,
                    "hypothetical": e.hypothetical,
                    "source_text": e.source.text,
                    "target_text": e.target.text if e.target else None,
                    "trigger": e.trigger,
                }
                for e in item.events
            ]
        )
    return out


def evaluate_events(rows: list[dict[str, Any]], predicted: list[list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    predicted = predicted if predicted is not None else code_gold(rows)
    totals = {lvl: Counter() for lvl in LEVELS}  # type: dict[str, Counter[str]]
    per_root: dict[str, dict[str, Counter[str]]] = {lvl: defaultdict(Counter) for lvl in ("root", "root+dyad")}
    confusion: Counter[tuple[str, str]] = Counter()
    flag_agree = flag_total = 0
    no_event_lines = no_event_clean = 0
    errors = []
    for row, preds in zip(rows, predicted, strict=True):
        gold = list(row.get("expected") or [])
        if row.get("no_event"):
            no_event_lines += 1
            no_event_clean += not any(not (p["negated"] or p["hypothetical"]) for p in preds)
        for lvl, key in LEVELS.items():
            pairs = _match(gold, preds, key)
            totals[lvl]["tp"] += len(pairs)
            totals[lvl]["pred"] += len(preds)
            totals[lvl]["gold"] += len(gold)
            if lvl in per_root:
                for e in gold:
                    per_root[lvl][str(e["code"])[:2]]["gold"] += 1
                for p in preds:
                    per_root[lvl][p["root"]]["pred"] += 1
                for i, _j in pairs:
                    per_root[lvl][str(gold[i]["code"])[:2]]["tp"] += 1
            if lvl == "root+dyad":
                matched_gold = {i for i, _ in pairs}
                matched_pred = {j for _, j in pairs}
                for i, j in pairs:
                    e, p = gold[i], preds[j]
                    flag_total += 1
                    flag_agree += (
                        bool(e.get("negated")) == p["negated"]
                        and bool(e.get("hypothetical") or e.get("intent")) == p["hypothetical"]
                    )
                for i, e in enumerate(gold):
                    if i in matched_gold:
                        confusion[(str(e["code"])[:2], str(e["code"])[:2])] += 1
                        continue
                    same_dyad = [
                        p
                        for k, p in enumerate(preds)
                        if k not in matched_pred and _country(p["source"]) == _country(e.get("source"))
                    ]
                    confusion[(str(e["code"])[:2], same_dyad[0]["root"] if same_dyad else "none")] += 1
                for k, p in enumerate(preds):
                    if k not in matched_pred and not any(
                        _country(p["source"]) == _country(e.get("source")) for e in gold
                    ):
                        confusion[("none", p["root"])] += 1
                if len(pairs) < max(len(gold), len(preds)):
                    errors.append({"id": row.get("id"), "text": row["text"], "expected": gold, "coded": preds})
    report: dict[str, Any] = {"kind": "events", "lines": len(rows)}
    report["levels"] = {lvl: _prf(c["tp"], c["pred"], c["gold"]) for lvl, c in totals.items()}
    report["per_root"] = {
        lvl: {r: _prf(c["tp"], c["pred"], c["gold"]) for r, c in sorted(d.items())} for lvl, d in per_root.items()
    }
    report["confusion"] = [{"gold": g, "coded": p, "n": n} for (g, p), n in sorted(confusion.items())]
    report["flags_agree"] = round(flag_agree / flag_total, 4) if flag_total else None
    report["no_event_lines"] = no_event_lines
    report["no_event_clean"] = round(no_event_clean / no_event_lines, 4) if no_event_lines else None
    report["errors"] = errors
    return report


def evaluate_actors(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from khyber.coding.coder import Coder
    from khyber.ingest.extract import parse_date
    from khyber.nlp.parser import load_nlp
    from khyber.pipeline import get_coder

    coder: Coder = get_coder()
    nlp = load_nlp()
    total = right = right_id = with_id = 0
    by_tag: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows]), strict=True):
        on = parse_date(row.get("date"))
        found = coder.doc_actors(doc, on)
        cursor = 0
        for m in row.get("mentions") or []:
            total += 1
            # mentions are listed in order: the first whole-word match after the previous one
            hit = re.compile(r"(?<!\w)" + re.escape(m["text"]) + r"(?!\w)").search(row["text"], cursor)
            hit = hit or re.compile(r"(?<!\w)" + re.escape(m["text"]) + r"(?!\w)").search(row["text"])
            start = hit.start() if hit else -1
            end = hit.end() if hit else -1
            if hit and not m.get("coref"):
                cursor = hit.start() + 1
            cands = [a for a in found if a.start < end and start < a.end] if start >= 0 else []
            ok = any(a.code == m.get("code") or (m.get("code") and a.code.startswith(m["code"])) for a in cands)
            ok_id = (not m.get("actor_id")) or any(a.actor_id == m["actor_id"] for a in cands)
            right += ok
            if m.get("actor_id"):
                with_id += 1
                right_id += ok_id
            for tag in row.get("tags") or ["untagged"]:
                by_tag[tag]["total"] += 1
                by_tag[tag]["right"] += ok
            if not ok:
                errors.append(
                    {
                        "id": row.get("id"),
                        "mention": m,
                        "found": [(a.text, a.code, a.actor_id) for a in cands],
                        "text": row["text"],
                        "date": row.get("date"),
                    }
                )
    return {
        "kind": "actors",
        "lines": len(rows),
        "mentions": total,
        "accuracy": round(right / total, 4) if total else None,
        "id_accuracy": round(right_id / with_id, 4) if with_id else None,
        "by_tag": {t: round(c["right"] / c["total"], 4) for t, c in sorted(by_tag.items())},
        "errors": errors,
    }


def evaluate_merge(rows: list[dict[str, Any]], window: int = 2) -> dict[str, Any]:
    """Pairs of reports that must (or must not) merge: a pair merges when an event of the second
    article is merged into an event of the first."""
    from khyber.ingest.extract import parse_date
    from khyber.pipeline import code_documents
    from khyber.records import CodedDocument, Document
    from khyber.store.db import Database
    from khyber.store.merge import merge_events

    tp = fp = fn = tn = 0
    errors = []
    for row in rows:
        docs = [
            Document(
                Document.make_id(side["text"], side.get("source")),
                f"{row.get('id')}-{k}",
                side["text"],
                published=parse_date(side.get("date")),
                source=side.get("source"),
            )
            for k, side in (("a", row["a"]), ("b", row["b"]))
        ]
        coded = [c for c in code_documents(docs) if isinstance(c, CodedDocument)]
        with Database(":memory:") as db:
            db.write_batch(coded[:1])
            merge_events(db, [docs[0].doc_id], window=window)
            db.write_batch(coded[1:])
            merge_events(db, [docs[1].doc_id], window=window)
            merged = db.query(
                "SELECT count(*) FROM events b JOIN events a ON b.merged_into = a.event_id "
                "WHERE b.doc_id = ? AND a.doc_id = ?",
                [docs[1].doc_id, docs[0].doc_id],
            )[0][0]
        got, want = merged > 0, bool(row.get("merge"))
        tp += got and want
        fp += got and not want
        fn += want and not got
        tn += not got and not want
        if got != want:
            errors.append({"id": row.get("id"), "expected": want, "merged": got, "why": row.get("why")})
    report = {"kind": "merge", "lines": len(rows), **_prf(tp, tp + fp, tp + fn), "true_negatives": tn, "errors": errors}
    return report


def evaluate_file(path: str | Path) -> dict[str, Any]:
    rows = read_gold(path)
    if rows and "mentions" in rows[0]:
        return evaluate_actors(rows)
    if rows and "a" in rows[0] and "b" in rows[0]:
        return evaluate_merge(rows)
    return evaluate_events(rows)


def render(report: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    if report["kind"] == "merge":
        console.print(
            f"[bold]{report['lines']} pairs[/]: merge precision {report['precision']:.3f}, recall "
            f"{report['recall']:.3f}, F1 {report['f1']:.3f} ({report['tp']} merged right, "
            f"{report['predicted'] - report['tp']} merged wrongly, {report['gold'] - report['tp']} missed)"
        )
        for e in report["errors"]:
            console.print(f"  {e['id']}: expected {'merge' if e['expected'] else 'no merge'} ({e['why']})")
        return
    if report["kind"] == "actors":
        console.print(
            f"[bold]{report['lines']} lines, {report['mentions']} mentions[/]: code accuracy "
            f"{report['accuracy']:.1%}, id accuracy {report['id_accuracy'] or 0:.1%}"
        )
        t = Table(title="By tag", header_style="bold")
        t.add_column("tag")
        t.add_column("accuracy", justify="right")
        for tag, acc in report["by_tag"].items():
            t.add_row(tag, f"{acc:.1%}")
        console.print(t)
        return
    t = Table(title=f"Event coding, {report['lines']} gold lines", header_style="bold")
    for c in ("level", "precision", "recall", "F1", "tp", "coded", "gold"):
        t.add_column(c, justify="right" if c != "level" else "left")
    for lvl, s in report["levels"].items():
        t.add_row(
            lvl,
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['f1']:.3f}",
            str(s["tp"]),
            str(s["predicted"]),
            str(s["gold"]),
        )
    console.print(t)
    r = Table(title="Per root code (root+dyad level)", header_style="bold")
    for c in ("root", "precision", "recall", "F1", "gold"):
        r.add_column(c, justify="right")
    for root, s in report["per_root"]["root+dyad"].items():
        r.add_row(root, f"{s['precision']:.2f}", f"{s['recall']:.2f}", f"{s['f1']:.2f}", str(s["gold"]))
    console.print(r)
    conf = [c for c in report["confusion"] if c["gold"] != c["coded"]]
    conf.sort(key=lambda c: -c["n"])
    ct = Table(title="Most frequent confusions (gold root → coded root)", header_style="bold")
    for c in ("gold", "coded", "n"):
        ct.add_column(c, justify="right")
    for c in conf[:15]:
        ct.add_row(c["gold"], c["coded"], str(c["n"]))
    console.print(ct)
    console.print(
        f"flags (negated/hypothetical) agree on matched events: {report['flags_agree']}; "
        f"no-event lines with no factual event: {report['no_event_clean']}"
    )
