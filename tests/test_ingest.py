"""Ingest: sources, cleaning, metadata and refusals."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from khyber.ingest.extract import parse_date, strip_boilerplate, to_document
from khyber.ingest.sources import iter_sources, parse_text_file, read_file
from khyber.records import Document, RawInput, Reject

from .conftest import FIXTURES

CHROME = (
    "leave a comment",
    "email address",
    "latest videos",
    "cricket",
    "budget explained",
    "share on",
    "all rights reserved",
    "cookies",
    "related stories",
    "stock exchange",
)


def test_html_page_loses_its_chrome_and_keeps_metadata():
    raw = next(read_file(FIXTURES / "chrome_page.html"))
    doc = to_document(raw)
    assert isinstance(doc, Document)
    low = doc.text.lower()
    for chrome in CHROME:
        assert chrome not in low, chrome
    assert "reopened the main border crossing" in doc.text
    assert "killing two policemen" in doc.text
    assert doc.title == "Border crossing reopens after talks"
    assert str(doc.published) == "2023-09-15"
    assert doc.lang == "en"


def test_text_file_header_gives_title_date_and_url():
    raw = next(read_file(FIXTURES / "article.txt"))
    assert isinstance(raw, RawInput)
    assert raw.title == "Envoys meet in Kabul (test fixture)"
    assert raw.date == "2024-03-20"
    assert raw.url == "https://fixtures.khyber.invalid/envoys-meet"
    assert raw.text is not None and raw.text.startswith("KABUL, March 20")


def test_jsonl_bad_lines_are_rejected_by_line_number_and_the_rest_goes_on():
    items = list(read_file(FIXTURES / "batch.jsonl"))
    rejects = [i for i in items if isinstance(i, Reject)]
    good = [i for i in items if isinstance(i, RawInput)]
    assert [r.ref.rsplit(":", 1)[1] for r in rejects] == ["3", "4"]
    assert "not valid JSON" in rejects[0].reason
    assert "neither 'text' nor 'html'" in rejects[1].reason
    assert [g.ref for g in good] == ["fx-1", "fx-2", "fx-5"]
    assert good[1].html is not None


def test_directory_glob_missing_and_stdin(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Pakistan and Afghanistan held talks in Doha on Monday, officials said.")
    (tmp_path / "b.md").write_text("ignored: not a known suffix")
    got = list(iter_sources([str(tmp_path)]))
    assert [Path(g.ref).name for g in got] == ["a.txt"]
    got = list(iter_sources([str(tmp_path / "**" / "*.txt")]))
    assert len(got) == 1 and isinstance(got[0], RawInput)
    missing = list(iter_sources([str(tmp_path / "nope.html")]))
    assert isinstance(missing[0], Reject) and "no such file" in missing[0].reason
    empty_glob = list(iter_sources([str(tmp_path / "*.html")]))
    assert isinstance(empty_glob[0], Reject) and "matches no files" in empty_glob[0].reason
    stdin = io.StringIO('{"id": "s1", "text": "Iran closed its border with Afghanistan on Friday."}\n')
    got = list(iter_sources(["-"], stdin=stdin))
    assert got[0].ref == "s1"


def test_refusals_have_reasons(tmp_path):
    assert isinstance(to_document(RawInput("e", text="   ")), Reject)
    page = "<html><body><nav>Home | World</nav><footer>All rights reserved.</footer></body></html>"
    r = to_document(RawInput("p", html=page))
    assert isinstance(r, Reject) and "no article text" in r.reason
    german = (
        "Die Regierung in Islamabad hat am Montag die Grenze zu Afghanistan wieder geöffnet, "
        "nachdem sie zwei Wochen lang geschlossen war. Händler begrüßten die Entscheidung, sagten Beamte."
    ) * 2
    r = to_document(RawInput("de", text=german))
    assert isinstance(r, Reject) and "English" in r.reason
    r = to_document(RawInput("d", text="Pakistan and Afghanistan held talks on Monday.", date="16/12/2024"))
    assert isinstance(r, Reject) and "ISO date" in r.reason
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    r2 = list(read_file(binary))
    assert isinstance(r2[0], Reject) and "binary" in r2[0].reason


def test_boilerplate_lines_are_dropped_but_article_lines_kept():
    text = "Leave a Comment\nPakistan said the talks would resume.\nYour email address will not be published."
    assert strip_boilerplate(text) == "Pakistan said the talks would resume."


def test_same_text_gives_same_document_id():
    a = to_document(RawInput("a", text="Pakistan and Afghanistan held talks in Doha on Monday, officials said."))
    b = to_document(RawInput("b", text="Pakistan and Afghanistan held talks in Doha on Monday,  officials said."))
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.doc_id == b.doc_id


@given(
    st.dictionaries(
        st.sampled_from(["Title", "Date", "Source", "URL"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30)
        .map(str.strip)
        .filter(bool),
    ),
    st.text(min_size=1, max_size=200).filter(lambda t: t.strip() and ":" not in t.splitlines()[0]),
)
def test_text_header_round_trip(meta, body):
    content = "".join(f"{k}: {v}\n" for k, v in meta.items()) + ("\n" if meta else "") + body
    raw = parse_text_file(content, "x")
    if meta:
        assert raw.title == meta.get("Title")
        assert raw.url == meta.get("URL")
        assert raw.text == body
    else:
        assert raw.text == content


@given(st.text(max_size=40))
def test_parse_date_never_raises(s):
    parse_date(s)
