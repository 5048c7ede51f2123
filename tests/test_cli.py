"""The command line end to end: extract, ingest, events, actors, demo; exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from khyber.cli import main, samples_dir

from .conftest import FIXTURES

SAMPLE_PAGE = samples_dir() / "html"


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "khyber.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_extract_a_sample_page_end_to_end():
    page = sorted(SAMPLE_PAGE.glob("*.html"))[0]
    r = run_cli("extract", str(page), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    events = [json.loads(line) for line in r.stdout.splitlines()]
    assert events
    for e in events:
        assert e["doc_ref"] == str(page)
        assert e["root"] == e["cameo"][:2]
        assert e["quad_class"] in (1, 2, 3, 4)
        assert e["coder"].startswith("khyber/")
        assert e["span"][0] < e["span"][1]


def test_extract_csv_and_table_formats():
    r = run_cli("extract", str(FIXTURES / "chrome_page.html"), "--format", "csv")
    assert r.returncode == 0 and r.stdout.startswith("event_id,doc_id")
    r = run_cli("extract", str(FIXTURES / "chrome_page.html"), "--format", "table")
    assert r.returncode == 0 and "cameo" in r.stdout


def test_rejected_inputs_give_exit_1_with_one_line_each_and_the_rest_is_processed():
    r = run_cli("extract", str(FIXTURES / "batch.jsonl"), "nope.html", str(FIXTURES / "article.txt"))
    assert r.returncode == 1
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("khyber: rejected")]
    assert len(lines) == 3
    assert any("nope.html: no such file" in ln for ln in lines)
    assert r.stdout.strip()  # events of the good records still printed


def test_usage_error_exits_2():
    r = run_cli("extract")
    assert r.returncode == 2 and "khyber:" in r.stderr
    r = run_cli("events", "--since", "yesterday")
    assert r.returncode == 2


def test_stdin():
    r = run_cli(
        "extract",
        "-",
        "--date",
        "2024-03-20",
        stdin="Pakistan's interior minister met the Afghan ambassador in Islamabad on Wednesday.",
    )
    assert r.returncode == 0
    assert json.loads(r.stdout.splitlines()[0])["date"] == "2024-03-20"


def test_ingest_twice_changes_nothing_then_query(tmp_path):
    db = str(tmp_path / "k.duckdb")
    first = run_cli("ingest", str(FIXTURES), "--db", db, "--quiet")
    assert first.returncode == 1  # the fixture batch holds two bad lines
    second = run_cli("ingest", str(FIXTURES), "--db", db, "--quiet")
    assert "0 new documents, 0 new events" in second.stdout
    r = run_cli("events", "--db", db, "--format", "jsonl")
    assert r.returncode == 0
    events = [json.loads(x) for x in r.stdout.splitlines()]
    assert events and all(e["event_id"] for e in events)
    r = run_cli("events", "--db", db, "--dyad", "PAK-AFG", "--format", "jsonl")
    assert all(
        {e["source"]["country"], e["target"]["country"]} == {"PAK", "AFG"}
        for e in map(json.loads, r.stdout.splitlines())
    )


def test_actors_command(capsys):
    assert main(["actors", "Taliban", "--date", "2019-06-01", "--format", "json"]) == 0
    old = json.loads(capsys.readouterr().out)
    assert main(["actors", "Taliban", "--date", "2023-06-01", "--format", "json"]) == 0
    new = json.loads(capsys.readouterr().out)
    assert old[0]["code"] == "AFGINS" and new[0]["code"] == "AFGGOV"
    assert main(["actors", "Ishaq Dar", "--date", "2024-12-16", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["code"] == "PAKGOV"
    assert main(["actors", "Nobody Atall"]) == 1


def test_demo_prints_the_summary(tmp_path):
    db = str(tmp_path / "demo.duckdb")
    r = run_cli("demo", "--db", db)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for needle in ("documents", "Events by quad class", "Top dyads", "Pakistan–Afghanistan index by month"):
        assert needle in out
    n_docs = len(list(Path(SAMPLE_PAGE).glob("*.html")))
    assert f"{n_docs} new documents" in out
    assert "AFG–PAK" in out


def test_sigterm_unwinds_like_ctrl_c_and_leaves_the_database_usable(tmp_path):
    import signal
    import time

    db = tmp_path / "k.duckdb"
    src = tmp_path / "many.jsonl"  # long enough that the signal always lands mid-run
    line = (
        "ISLAMABAD: Pakistan's foreign minister met the Afghan charge d'affaires on Monday and urged Kabul "
        "to act against militants sheltering on Afghan soil, the Foreign Office said. "
    )
    with src.open("w") as f:
        for i in range(4000):
            f.write(json.dumps({"id": f"doc-{i}", "text": f"{line} Report number {i}.", "date": "2024-01-08"}) + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "khyber.cli", "ingest", str(src), "--db", str(db), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(6)  # workers started, first chunks in flight
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    # the writer closed the file: another process can open it at once (what was written is intact)
    assert main(["events", "--db", str(db), "--format", "csv"]) == 0
