"""The documentation keeps up with the code: every command is in the README and has --help."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import khyber
from khyber.cli import build_parser, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_command_is_in_the_readme():
    for name in commands():
        assert f"khyber {name}" in README, f"`khyber {name}` is not documented in README.md"


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"])
    assert exit_info.value.code == 0
    assert "usage: khyber" in capsys.readouterr().out


def test_exported_names_match_all():
    public = {n for n in dir(khyber) if not n.startswith("_") and n not in ("annotations", "TYPE_CHECKING", "Any")}
    assert set(khyber.__all__) <= public | {"__version__"}
    assert {"extract", "open", "__version__"} <= set(khyber.__all__)
