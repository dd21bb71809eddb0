"""The layers of docs/architecture.md, enforced: a module imports only from its own layer or
the layers below it, never from one above, so data flows one way (text → load → analysis →
views → command line). Imports are read from each module's source, those inside functions
included; imports under `if TYPE_CHECKING:` are for type hints only and are not counted."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "argmap"

# Lowest first. A module belongs to the first layer with a pattern that matches its name.
LAYERS: list[tuple[str, list[str]]] = [
    ("records", [r"argmap\.errors", r"argmap\.model", r"argmap\.graph", r"argmap\.fileformat"]),
    ("loading", [r"argmap\.yamlnodes", r"argmap\.load(\..*)?", r"argmap\.files"]),
    ("analysis", [r"argmap\.analyze(\..*)?", r"argmap\.analysis"]),
    (
        "checking and looks",
        [r"argmap\.(expect|check|compare|evidence|look|diagram|layout)", r"argmap\.label(\..*)?"],
    ),
    ("views", [r"argmap\.render(\..*)?", r"argmap\.convert(\..*)?", r"argmap\.outputs"]),
    # The language server: a front end on the views, which `argmap lsp` starts.
    ("language server", [r"argmap\.lsp(\..*)?"]),
    ("commands", [r"argmap\.watch", r"argmap\.cli(\..*)?", r"argmap\.__main__"]),
]
# The package's front door re-exports the public API from every layer below the commands.
FRONT = "argmap"
# Only these modules may import these outside libraries (docs/architecture.md).
ONLY = {
    "typer": "argmap.cli",  # the command line, all of its package
    "graphviz": "argmap.render.image",
    "pygls": "argmap.lsp",  # the language server, all of its package
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> int:
    for i, (_, patterns) in enumerate(LAYERS):
        if any(re.fullmatch(p, name) for p in patterns):
            return i
    raise AssertionError(f"{name} is in no layer of docs/architecture.md")


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> set[str]:
    """Every module `path` imports at run time (absolute names)."""
    found: set[str] = set()
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            for alias in node.names:  # `from argmap import analysis` imports a module
                if f"{module}.{alias.name}" in MODULES:
                    found.add(f"{module}.{alias.name}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


# `_lazy("argmap.render.report")` in the command line is an import too.
LAZY = re.compile(r"""_lazy\(["']([\w.]+)["']\)""")


def test_every_module_is_in_a_layer() -> None:
    for name in MODULES:
        if name != FRONT:
            layer(name)


@pytest.mark.parametrize("name", [n for n in MODULES if n != FRONT])
def test_no_module_imports_from_a_layer_above_its_own(name: str) -> None:
    path = MODULES[name]
    found = imports(path) | set(LAZY.findall(path.read_text(encoding="utf-8")))
    mine = layer(name)
    above = sorted(
        f"{other} ({LAYERS[layer(other)][0]})"
        for other in found
        if other in MODULES and other != FRONT and layer(other) > mine
    )
    assert above == [], f"{name} ({LAYERS[mine][0]}) imports from above: {above}"
    for library, allowed in ONLY.items():
        if any(m == library or m.startswith(library + ".") for m in found):
            assert name == allowed or name.startswith(allowed + "."), (
                f"{name} imports {library}, which only {allowed} may"
            )


def test_the_loader_never_imports_the_analysis() -> None:
    loading = [n for n in MODULES if n != FRONT and layer(n) <= 1]
    for name in loading:
        found = imports(MODULES[name])
        assert not found & {"argmap.analyze", "argmap.analysis", "argmap.expect"}, name


def test_no_module_is_over_400_lines_unless_it_says_why() -> None:
    long = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if text.count("\n") > 400 and "reads best whole" not in doc:
            long.append(f"{name}: {text.count(chr(10))} lines")
    assert long == []


def test_argmap_help_imports_no_analysis_nor_drawing() -> None:
    # `argmap --help` stays fast: it loads typer, rich and the loader, not what a report or a
    # drawing needs (the benchmark says so too, on every run).
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "argmap", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    heavy = {"networkx", "graphviz", "argmap.analyze", "argmap.analysis", "argmap.look"}
    assert imported & heavy == set()


def test_records_are_read_only_to_the_type_checker_and_compare_by_value(tmp_path: Path) -> None:
    # The model's records are not frozen at run time (`argmap.model.record` says why), so mypy,
    # which the test command runs, is what keeps code from assigning to one. (In a process of
    # its own: mypy raises the recursion limit of the process it runs in.)
    from argmap.model import Claim, Relation, RelationKind

    script = tmp_path / "assigns.py"
    script.write_text(
        "from argmap.model import Claim\n"
        "from argmap.convert.thread import Comment\n"
        "c = Claim('a', 'A claim.')\n"
        "c.text = 'Changed.'\n"
        "Comment('1', None, 'ann', ()).author = 'bob'\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", str(script), "--cache-dir", str(tmp_path / "cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert [line.split(": ", 1)[1] for line in done.stdout.splitlines()[:-1]] == [
        'error: Property "text" defined in "Claim" is read-only  [misc]',
        'error: Property "author" defined in "Comment" is read-only  [misc]',
    ]
    same = Relation("b", "a", RelationKind.REBUTS, 3, 5)
    assert same == Relation("b", "a", RelationKind.REBUTS, 3, 5)
    assert len({same, Relation("b", "a", RelationKind.REBUTS, 3, 5)}) == 1
    assert Claim("a", "x") != Claim("a", "y")
