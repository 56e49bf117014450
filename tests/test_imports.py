"""The import graph of `coach/`, read statically (ast, nothing is imported).

Two rules (issue 13):

1. No cycle among `coach/` modules through module-level imports. An import inside a function runs
   when the function is called, after every module has loaded, so it cannot take part in a load-order
   cycle and is not counted; neither is one under `if TYPE_CHECKING:` (never run). Imports under a
   module-level `if`/`try` are counted: they run at import time. The implicit import of a parent
   package (`import coach.store.sql` runs `coach/store/__init__.py` first) is not an edge: a package
   that re-exports its own submodules is the ordinary pattern, and only an explicit import of the
   package (`from coach.store import open_store`) makes one.
2. No module in `coach/`, `ui/` or `evals/` imports a private (underscored) name or module from outside
   the package that holds it: `from coach.policy.state import _ASSUMPTION` in `coach/realize/` is a
   reach into another stage's insides; within `coach/policy/` it is fine. A subpackage counts as
   outside (`coach/cli/` may not use `coach/mentor/prep.py`'s `_Planner`), else everything under the
   root package `coach` could reach everything. Tests may look inside.

`ALLOWED_PRIVATE` lists the reaches that sit in files the hearing rewrite owns (not restructured
here); each line says why it is still there. A new entry needs the same.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED_PACKAGES = ("coach", "ui", "evals")

# (importer module, imported dotted name) pairs accepted for now; see the module docstring.
ALLOWED_PRIVATE: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name of the file that imports
    target: str  # dotted name imported: a module, or module.attribute
    line: int
    module_level: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules(packages: tuple[str, ...] = CHECKED_PACKAGES) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for pkg in packages:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            if "__pycache__" not in path.parts:
                found[module_name(path)] = path
    return found


MODULES = all_modules()


def is_package(name: str) -> bool:
    return name in MODULES and MODULES[name].name == "__init__.py"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve_relative(importer: str, level: int, module: str | None) -> str:
    base = importer.split(".") if is_package(importer) else importer.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def imports_of(name: str, path: Path) -> list[Import]:
    """Every import in the file, marked module-level or not (inside a def/lambda/class-method body)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, module_level: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child, module_level)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            module_level = False
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(name, alias.name, node.lineno, module_level))
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_relative(name, node.level, node.module) if node.level else (node.module or "")
            for alias in node.names:
                found.append(Import(name, f"{base}.{alias.name}", node.lineno, module_level))
        for child in ast.iter_child_nodes(node):
            visit(child, module_level)

    visit(tree, True)
    return found


def module_of(target: str) -> str | None:
    """The module a dotted import name loads: itself if it is one, else the module holding the name."""
    if target in MODULES:
        return target
    head = target.rpartition(".")[0]
    return head if head in MODULES else None


def graph(imports: list[Import], within: str = "coach") -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES if m == within or m.startswith(within + ".")}
    for imp in imports:
        if not imp.module_level or imp.importer not in edges:
            continue
        target = module_of(imp.target)
        if target in edges and target != imp.importer:
            edges[imp.importer].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def strong(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return found


def _private(part: str) -> bool:
    return part.startswith("_") and not part.startswith("__")


def private_reaches(imports: list[Import]) -> list[Import]:
    """Imports of an underscored name or module from outside the package that holds it."""
    bad = []
    for imp in imports:
        parts = imp.target.split(".")
        if parts[0] not in CHECKED_PACKAGES:
            continue  # a third-party private (e.g. a library's _types) is that library's business
        importer_pkg = imp.importer if is_package(imp.importer) else imp.importer.rpartition(".")[0]
        for i, part in enumerate(parts):
            if not _private(part):
                continue
            holder = ".".join(parts[:i])
            scope = holder if is_package(holder) else holder.rpartition(".")[0]
            if importer_pkg != scope:
                bad.append(imp)
            break
    return bad


ALL_IMPORTS = [imp for name, path in MODULES.items() for imp in imports_of(name, path)]


def test_the_coach_package_has_no_import_cycle() -> None:
    found = cycles(graph(ALL_IMPORTS))
    assert not found, "module-level import cycles in coach/: " + "; ".join(" <-> ".join(c) for c in found)


def test_no_private_name_is_imported_from_outside_its_package() -> None:
    bad = [imp for imp in private_reaches(ALL_IMPORTS) if (imp.importer, imp.target) not in ALLOWED_PRIVATE]
    listing = "\n".join(f"  {MODULES[i.importer].relative_to(ROOT)}:{i.line} imports {i.target}" for i in bad)
    assert not bad, "private names imported from outside their package:\n" + listing


def test_the_allowlist_holds_only_live_reaches() -> None:
    # an entry whose import is gone must go too, so the list only ever shrinks
    live = {(imp.importer, imp.target) for imp in private_reaches(ALL_IMPORTS)}
    assert live >= ALLOWED_PRIVATE, f"stale entries: {sorted(ALLOWED_PRIVATE - live)}"


# The checks themselves, on small made-up graphs and import lists: each must be able to fail.


def test_a_two_module_cycle_is_found_and_a_chain_is_not() -> None:
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_imports_inside_functions_and_type_checking_are_not_edges(tmp_path: Path) -> None:
    src = tmp_path / "m.py"
    src.write_text(
        "from typing import TYPE_CHECKING\n"
        "import coach.config\n"
        "if TYPE_CHECKING:\n    from coach.agent import Coach\n"
        "try:\n    import coach.errors\nexcept ImportError:\n    pass\n"
        "def f():\n    from coach.store import sql\n",
        encoding="utf-8",
    )
    found = {(imp.target, imp.module_level) for imp in imports_of("coach.fake", src)}
    assert ("coach.config", True) in found and ("coach.errors", True) in found
    assert ("coach.store.sql", False) in found
    assert not any(target == "coach.agent.Coach" for target, _ in found)


@pytest.mark.parametrize(
    ("importer", "target", "bad"),
    [
        ("coach.realize.offline", "coach.policy.state._ASSUMPTION", True),  # another package's insides
        ("coach.policy", "coach.policy.state._ASSUMPTION", False),  # same package
        ("coach.cli.chat", "coach.store._hidden.thing", True),  # a private module of another package
        ("coach.store.vectors", "coach.store._hidden.thing", False),  # ... used inside its package
        ("coach.cli.chat", "coach.mentor.prep._Planner", True),  # a subpackage is outside its parent
        ("coach.store.sql", "coach.store.embed.DIM", False),  # public
        ("coach.store.sql", "numpy._core", False),  # third-party: not ours to judge
    ],
)
def test_private_reach_rule(importer: str, target: str, bad: bool) -> None:
    found = private_reaches([Import(importer, target, 1, True)])
    assert bool(found) is bad
