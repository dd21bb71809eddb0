"""`argmap.load` reads a debate and nothing more: it imports neither the analysis nor anything
that checks, draws, converts or prints. Imports are read from the source of every module of
`argmap/load/`, those inside functions included, so a lazy import cannot slip through; a second
test loads a debate in a fresh interpreter and looks at what was imported, through every module
the loader uses."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

LOAD = ROOT / "argmap" / "load"
FORBIDDEN = (
    "argmap.analyze",
    "argmap.analysis",
    "argmap.expect",
    "argmap.check",
    "argmap.render",
    "argmap.convert",
    "argmap.cli",
    "typer",
    "rich",
    "networkx",
    "graphviz",
)


def imported(source: str, package: str = "argmap.load") -> set[str]:
    """Every module an import in `source` names, as an absolute name; `from a import b` names
    both `a` and `a.b`, since `b` may be a module. `package` is where relative imports start."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def forbidden(names: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN))


def test_imports_are_found_wherever_they_are_written() -> None:
    source = (
        "import rich.text\n"
        "def f():\n"
        "    from argmap import check\n"
        "    from .build import Builder\n"
        "    from .. import expect\n"
    )
    assert forbidden(imported(source)) == ["argmap.check", "argmap.expect", "rich.text"]


@pytest.mark.parametrize("path", sorted(LOAD.glob("*.py")), ids=lambda p: p.name)
def test_no_loader_module_imports_what_comes_after_loading(path: Path) -> None:
    assert forbidden(imported(path.read_text(encoding="utf-8"))) == []


def test_the_loader_has_its_modules() -> None:
    assert {p.name for p in LOAD.glob("*.py")} >= {"__init__.py", "build.py", "read.py"}


def test_loading_a_debate_imports_none_of_them() -> None:
    after = list(FORBIDDEN)
    code = (
        "import sys\n"
        "from argmap.load import load\n"
        "load('debates/retrieval-or-concepts.yaml')\n"
        f"print(sorted(m for m in sys.modules if any(m == f or m.startswith(f + '.') "
        f"for f in {after!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout == "[]\n"
