"""Read the packaged data files, keeping the line of every YAML mapping for error messages."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from khyber.errors import DataError

LINE = "__line__"


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's scanner when present: 5x faster


class _LineLoader(_Base):  # type: ignore[misc]
    """A safe loader that records where each mapping starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# dates stay strings: the schema check parses them and names the line when they are wrong
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def data_root() -> Traversable:
    return resources.files("khyber").joinpath("data")


def data_file(rel: str) -> Traversable:
    return data_root().joinpath(rel)


def load_yaml(rel: str | Path) -> Any:
    """Load one YAML data file (packaged, by relative name, or any path); errors name file and line."""
    f: Traversable | Path = rel if isinstance(rel, Path) else data_file(rel)
    try:
        return yaml.load(f.read_text("utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else "?"
        raise DataError(f"{rel}:{line}: {e.problem}") from e


def list_files(rel_dir: str, suffix: str = ".yml") -> list[str]:
    d = data_file(rel_dir)
    if not d.is_dir():
        return []
    out: list[str] = []
    for item in sorted(d.iterdir(), key=lambda t: t.name):
        if item.is_dir():
            out.extend(list_files(f"{rel_dir}/{item.name}", suffix))
        elif item.name.endswith(suffix):
            out.append(f"{rel_dir}/{item.name}")
    return out
